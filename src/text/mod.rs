//! Every sentence the coordinator reads, in French, in one place: the page and the command line
//! say the same thing. One file per area; code elsewhere never holds French prose.

pub mod ars;
pub mod check;
pub mod cli;
pub mod compare;
pub mod contact;
pub mod errors;
pub mod identifiers;
pub mod places;
pub mod read;
pub mod schema;
pub mod values;
pub mod write;

/// Digits grouped by three with a narrow no-break space, as French typography does
/// (« 1 234 567 »).
pub(crate) fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}
