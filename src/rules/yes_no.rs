//! Oui / Non values (SPEC §2): the SPICO columns and the opposition column.
//!
//! Coordinators answer these columns in every way a spreadsheet allows: `oui`, `O`, `x`, `1`,
//! a ticked box exported as `VRAI`, `yes`, a check mark. Every clear answer is mapped to `Oui`
//! or `Non` (a `value.fixed` notice when the spelling changed); anything else is
//! `yesno.invalid`, never guessed.

use super::text::clean;
use super::{Checked, Issue};
use crate::fold::fold;
use crate::report::Code;
use crate::table::Cell;
use crate::text::values as msg;

/// The canonical yes.
pub const YES: &str = "Oui";
/// The canonical no.
pub const NO: &str = "Non";

/// Checks and maps a yes/no value to `Oui` or `Non`.
///
/// ```
/// use annuaire_cpts::{rules::yes_no, Cell, CellKind, Code};
/// assert_eq!(yes_no::check(&Cell::text("Oui")).issues, vec![]);
/// let checked = yes_no::check(&Cell::new("VRAI", CellKind::Bool));
/// assert_eq!(checked.value, "Oui");
/// assert_eq!(checked.issues[0].code, Code::ValueFixed);
/// assert_eq!(yes_no::check(&Cell::text("peut-être")).issues[0].code, Code::YesnoInvalid);
/// ```
pub fn check(cell: &Cell) -> Checked {
    let typed = clean(&cell.text);
    if typed.is_empty() {
        return Checked::default();
    }
    match parse(&typed) {
        Some(answer) => {
            let canonical = if answer { YES } else { NO };
            if typed == canonical {
                Checked::valid(canonical)
            } else {
                Checked::with(
                    canonical,
                    Issue::with_fixed(
                        Code::ValueFixed,
                        canonical,
                        msg::yes_no_fixed(&typed, canonical),
                    ),
                )
            }
        }
        None => Checked::with(
            typed.clone(),
            Issue::new(Code::YesnoInvalid, msg::yes_no_invalid(&typed)),
        ),
    }
}

/// Whether a value means yes: `Oui`, or any spelling [`check`] maps to `Oui`.
///
/// ```
/// use annuaire_cpts::rules::yes_no::is_yes;
/// assert!(is_yes("Oui") && is_yes(" x ") && is_yes("VRAI"));
/// assert!(!is_yes("Non") && !is_yes("") && !is_yes("peut-être"));
/// ```
pub fn is_yes(value: &str) -> bool {
    parse(value) == Some(true)
}

/// `Some(true)` for yes, `Some(false)` for no, `None` when the answer is not clear.
fn parse(typed: &str) -> Option<bool> {
    // Check marks fold to nothing (they are not letters), so look at them first.
    let trimmed = typed.trim();
    if matches!(trimmed, "✓" | "✔" | "☑" | "☒" | "✅") {
        return Some(true);
    }
    if matches!(trimmed, "✗" | "✘" | "☐" | "❌") {
        return Some(false);
    }
    match fold(typed).as_str() {
        "oui" | "o" | "x" | "1" | "yes" | "y" | "vrai" | "true" | "ok" => Some(true),
        "non" | "n" | "0" | "no" | "faux" | "false" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::CellKind;
    use proptest::prelude::*;

    #[test]
    fn table_of_answers() {
        // (typed, kind, value written, code reported)
        let cases: &[(&str, CellKind, &str, Option<Code>)] = &[
            ("Oui", CellKind::Text, "Oui", None),
            ("Non", CellKind::Text, "Non", None),
            (" Oui ", CellKind::Text, "Oui", None),
            ("oui", CellKind::Text, "Oui", Some(Code::ValueFixed)),
            ("OUI", CellKind::Text, "Oui", Some(Code::ValueFixed)),
            ("o", CellKind::Text, "Oui", Some(Code::ValueFixed)),
            ("N", CellKind::Text, "Non", Some(Code::ValueFixed)),
            ("x", CellKind::Text, "Oui", Some(Code::ValueFixed)),
            ("X", CellKind::Text, "Oui", Some(Code::ValueFixed)),
            ("1", CellKind::Number, "Oui", Some(Code::ValueFixed)),
            ("0", CellKind::Number, "Non", Some(Code::ValueFixed)),
            ("yes", CellKind::Text, "Oui", Some(Code::ValueFixed)),
            ("No", CellKind::Text, "Non", Some(Code::ValueFixed)),
            ("VRAI", CellKind::Bool, "Oui", Some(Code::ValueFixed)),
            ("FAUX", CellKind::Bool, "Non", Some(Code::ValueFixed)),
            ("vrai", CellKind::Text, "Oui", Some(Code::ValueFixed)),
            ("Faux", CellKind::Text, "Non", Some(Code::ValueFixed)),
            ("TRUE", CellKind::Untyped, "Oui", Some(Code::ValueFixed)),
            ("false", CellKind::Untyped, "Non", Some(Code::ValueFixed)),
            ("✓", CellKind::Text, "Oui", Some(Code::ValueFixed)),
            ("✔", CellKind::Text, "Oui", Some(Code::ValueFixed)),
            ("Oui.", CellKind::Text, "Oui", Some(Code::ValueFixed)),
            (
                "peut-être",
                CellKind::Text,
                "peut-être",
                Some(Code::YesnoInvalid),
            ),
            (
                "oui non",
                CellKind::Text,
                "oui non",
                Some(Code::YesnoInvalid),
            ),
            ("2", CellKind::Number, "2", Some(Code::YesnoInvalid)),
            ("à voir", CellKind::Text, "à voir", Some(Code::YesnoInvalid)),
            ("#N/A", CellKind::Error, "#N/A", Some(Code::YesnoInvalid)),
            ("", CellKind::Empty, "", None),
        ];
        for (typed, kind, value, code) in cases {
            let checked = check(&Cell::new(*typed, *kind));
            assert_eq!(checked.value, *value, "{typed:?}");
            assert_eq!(checked.issues.first().map(|i| i.code), *code, "{typed:?}");
            assert!(checked.issues.len() <= 1);
            if let Some(issue) = checked.issues.first() {
                assert!(!issue.message.is_empty());
                if issue.code == Code::ValueFixed {
                    assert_eq!(issue.fixed.as_deref(), Some(*value));
                }
            }
        }
    }

    #[test]
    fn yes_is_yes_whatever_the_spelling() {
        for yes in ["Oui", "oui", "x", "1", "VRAI", "✓", " O "] {
            assert!(is_yes(yes), "{yes:?}");
        }
        for not_yes in ["Non", "non", "0", "FAUX", "", "?", "oui non"] {
            assert!(!is_yes(not_yes), "{not_yes:?}");
        }
    }

    proptest! {
        #[test]
        fn total_and_idempotent(s in "\\PC{0,20}") {
            let first = check(&Cell::text(s));
            let again = check(&Cell::text(first.value.clone()));
            prop_assert_eq!(&again.value, &first.value);
            prop_assert!(again.issues.iter().all(|i| i.code != Code::ValueFixed));
        }
    }
}
