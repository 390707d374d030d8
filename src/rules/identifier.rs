//! The « RPPS / ADELI » column: tells RPPS from ADELI (and their IdNat forms) by shape and
//! checks each with its own rule (SPEC §4).
//!
//! Shapes, once separators are removed: 11 digits, or 12 starting with `8` (IdNat_PS) → RPPS;
//! 9 characters, 10 starting with `0` (IdNat_PS), or 8 digits (leading zero lost) → ADELI,
//! as are 2A/2B (Corsica) forms. A label typed before a valid number (« RPPS : », « N° »,
//! « ADELI ») is removed with a notice, as the phone rule removes « Tél : ». Anything else is
//! reported as `rpps.invalid`, RPPS being the identifier every profession is moving to.

use super::{adeli, rpps, Checked, Issue};
use crate::report::Code;
use crate::table::Cell;
use crate::text::identifiers as text;

/// Checks an identifier cell: RPPS, ADELI or their IdNat forms.
///
/// ```
/// use annuaire_cpts::{Cell, Code};
/// use annuaire_cpts::rules::identifier::check;
/// assert!(check(&Cell::text("10000000009")).issues.is_empty());
/// assert_eq!(check(&Cell::text("810000000009")).value, "10000000009");
/// assert_eq!(check(&Cell::text("12345")).issues[0].code, Code::RppsInvalid);
/// ```
pub fn check(cell: &Cell) -> Checked {
    let original = cell.text.trim();
    let compact = Compact::of(original);
    if !compact.clean {
        if let Some(checked) = without_label(cell) {
            return checked;
        }
        return Checked::with(
            original,
            Issue::new(Code::RppsInvalid, text::identifier_not_a_number()),
        );
    }
    let id = compact.text.as_str();
    let all_digits = is_digits(id);
    match (id.len(), all_digits) {
        (11, true) => rpps::check(cell),
        (12, true) if id.starts_with('8') => rpps::check(cell),
        (8, true) => adeli::check(cell),
        (9, _) if adeli_shaped(id) => adeli::check(cell),
        (10, _) if id.starts_with('0') && id.get(1..).is_some_and(adeli_shaped) => {
            adeli::check(cell)
        }
        (_, true) => Checked::with(
            original,
            Issue::new(Code::RppsInvalid, text::identifier_bad_length(id.len())),
        ),
        (_, false) => without_label(cell).unwrap_or_else(|| {
            Checked::with(
                original,
                Issue::new(Code::RppsInvalid, text::identifier_not_a_number()),
            )
        }),
    }
}

/// Words people type before an identifier, lower case without accents.
const LABELS: [&str; 11] = [
    "rpps",
    "adeli",
    "n",
    "no",
    "num",
    "numero",
    "idnat",
    "id",
    "identifiant",
    "ps",
    "nat",
];

/// The identifier after a label (« RPPS : 10000000009 », « N° ADELI 311000012 »), with a
/// `value.fixed` notice, when what follows the label is a valid RPPS or ADELI; `None` for
/// anything else, which stays an error.
fn without_label(cell: &Cell) -> Option<Checked> {
    let original = cell.text.trim();
    let start = original.find(|c: char| c.is_ascii_digit())?;
    let (label, number) = (original.get(..start)?, original.get(start..)?);
    let words: Vec<String> = label
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('é', "e"))
        .collect();
    let only_label = label
        .chars()
        .all(|c| c.is_alphabetic() || c.is_whitespace() || matches!(c, ':' | '°' | '.' | '-'));
    if words.is_empty() || !only_label || !words.iter().all(|w| LABELS.contains(&w.as_str())) {
        return None;
    }
    let checked = check(&Cell::new(number, cell.kind));
    if checked.issues.iter().any(|i| i.code != Code::ValueFixed) {
        return None;
    }
    let message = text::label_removed(original, &checked.value);
    Some(Checked::with(
        checked.value.clone(),
        Issue::with_fixed(Code::ValueFixed, checked.value, message),
    ))
}

/// Whether a string is made of ASCII digits only (true for an empty one).
pub(super) fn is_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// Digits, or 2A/2B followed by digits: the characters an ADELI is made of.
fn adeli_shaped(id: &str) -> bool {
    is_digits(id)
        || ((id.starts_with("2A") || id.starts_with("2B")) && id.get(2..).is_some_and(is_digits))
}

/// An identifier reduced to its characters: separators removed, letters in upper case, or the
/// digits of a number Excel wrote as a decimal or in scientific notation.
#[derive(Debug, PartialEq)]
pub(super) struct Compact {
    /// ASCII digits and upper-case letters, in order.
    pub text: String,
    /// Whether the text held nothing but ASCII letters, digits and separators.
    pub clean: bool,
    /// Whether the digits were recovered from a decimal or scientific form.
    pub from_float: bool,
    /// Whether that form had an exponent (Excel may have rounded the digits away).
    pub from_exponent: bool,
}

impl Compact {
    /// Reduces a trimmed identifier.
    pub fn of(text: &str) -> Compact {
        if let Some((digits, from_exponent)) = recover_float(text) {
            return Compact {
                text: digits,
                clean: true,
                from_float: true,
                from_exponent,
            };
        }
        let mut out = String::with_capacity(text.len().min(16));
        let mut clean = true;
        for c in text.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_uppercase());
            } else if !is_separator(c) {
                clean = false;
            }
        }
        Compact {
            text: out,
            clean,
            from_float: false,
            from_exponent: false,
        }
    }
}

/// Characters people put between the digits of a number: every kind of space (NBSP and narrow
/// NBSP included), dots, dashes, underscores, and Excel's text-forcing apostrophe.
pub(super) fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '.' | '-' | '_' | '\'' | '’' | '\u{200B}' | '\u{2010}' | '\u{2011}' | '\u{FEFF}'
        )
}

/// The exact digits of a whole number Excel wrote as `10001045367.0`, `1.0001045367E10` or
/// `1,0001045367E+10`; the flag tells whether an exponent was used. `None` for anything else
/// (including a fraction that is not zero, and exponents above 20, which no identifier or phone
/// number needs and which would otherwise allocate without bound). See the tests below for
/// examples.
pub(super) fn recover_float(text: &str) -> Option<(String, bool)> {
    let bytes = text.as_bytes();
    let digits_from = |start: usize| {
        bytes.get(start..).map_or(0, |rest| {
            rest.iter().take_while(|b| b.is_ascii_digit()).count()
        })
    };
    let int_len = digits_from(0);
    if int_len == 0 {
        return None;
    }
    let int = text.get(..int_len)?;
    let mut pos = int_len;
    let mut frac = "";
    if matches!(bytes.get(pos), Some(b'.' | b',')) {
        let len = digits_from(pos + 1);
        frac = text.get(pos + 1..pos + 1 + len)?;
        if frac.is_empty() {
            return None;
        }
        pos += 1 + len;
    }
    let mut exponent = None;
    if matches!(bytes.get(pos), Some(b'e' | b'E')) {
        pos += 1;
        if bytes.get(pos) == Some(&b'+') {
            pos += 1;
        }
        let len = digits_from(pos);
        if len == 0 || len > 2 {
            return None;
        }
        exponent = Some(text.get(pos..pos + len)?.parse::<usize>().ok()?);
        pos += len;
    }
    if pos != bytes.len() {
        return None;
    }
    match exponent {
        None => {
            (frac.bytes().all(|b| b == b'0') && !frac.is_empty()).then(|| (int.to_string(), false))
        }
        Some(exp) if exp > 20 => None,
        Some(exp) => {
            let (kept, rest) = frac.split_at(exp.min(frac.len()));
            if !rest.bytes().all(|b| b == b'0') {
                return None;
            }
            let mut digits = String::with_capacity(int_len + exp);
            digits.push_str(int);
            digits.push_str(kept);
            for _ in kept.len()..exp {
                digits.push('0');
            }
            Some((digits, true))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::CellKind;
    use proptest::prelude::*;

    #[test]
    fn floats_are_recovered_digit_for_digit() {
        let cases: &[(&str, Option<&str>)] = &[
            ("10001045367.0", Some("10001045367")),
            ("10001045367,00", Some("10001045367")),
            ("1.0001045367E10", Some("10001045367")),
            ("1,0001045367E+10", Some("10001045367")),
            ("1.0001045367e+10", Some("10001045367")),
            ("1E3", Some("1000")),
            ("1.5E0", None),
            ("1.05", None),
            ("10001045367.", None),
            (".5", None),
            ("1E999", None),
            ("1E99", None),
            ("1.0E-5", None),
            ("12 34", None),
            ("", None),
            ("١٢٣.0", None),
        ];
        for (input, expected) in cases {
            let got = recover_float(input).map(|(d, _)| d);
            assert_eq!(got.as_deref(), *expected, "{input}");
        }
    }

    #[test]
    fn dispatch_by_shape() {
        let cases: &[(&str, CellKind, &str, &[Code])] = &[
            ("10000000009", CellKind::Text, "10000000009", &[]),
            ("10000000009", CellKind::Number, "10000000009", &[]),
            (
                "810999999997",
                CellKind::Text,
                "10999999997",
                &[Code::ValueFixed],
            ),
            (
                "1.0999999997E10",
                CellKind::Text,
                "10999999997",
                &[Code::ValueFixed],
            ),
            (
                "10000000008",
                CellKind::Text,
                "10000000008",
                &[Code::RppsInvalid],
            ),
            ("311000012", CellKind::Text, "311000012", &[]),
            (
                "0311000012",
                CellKind::Text,
                "311000012",
                &[Code::ValueFixed],
            ),
            ("2A1000015", CellKind::Text, "2A1000015", &[]),
            (
                "02b1000019",
                CellKind::Text,
                "2B1000019",
                &[Code::ValueFixed],
            ),
            (
                "2A1000016",
                CellKind::Text,
                "2A1000016",
                &[Code::AdeliInvalid],
            ),
            (
                "ABCDEFGHI",
                CellKind::Text,
                "ABCDEFGHI",
                &[Code::RppsInvalid],
            ),
            (
                "91000018",
                CellKind::Number,
                "091000018",
                &[Code::ValueFixed],
            ),
            (
                "91000018",
                CellKind::Text,
                "91000018",
                &[Code::AdeliInvalid],
            ),
            ("12345", CellKind::Text, "12345", &[Code::RppsInvalid]),
            ("N/A", CellKind::Text, "N/A", &[Code::RppsInvalid]),
            ("-", CellKind::Text, "-", &[Code::RppsInvalid]),
            ("0", CellKind::Number, "0", &[Code::RppsInvalid]),
            ("en cours", CellKind::Text, "en cours", &[Code::RppsInvalid]),
            // A label naming the identifier is removed, as the phone rule removes « Tél : ».
            (
                "RPPS 10000000009",
                CellKind::Text,
                "10000000009",
                &[Code::ValueFixed],
            ),
            (
                "１０００００００００９",
                CellKind::Text,
                "１０００００００００９",
                &[Code::RppsInvalid],
            ),
            (
                "10000000009 🙂",
                CellKind::Text,
                "10000000009 🙂",
                &[Code::RppsInvalid],
            ),
            (
                "185057512345678",
                CellKind::Text,
                "185057512345678",
                &[Code::RppsInvalid],
            ),
        ];
        for (input, kind, value, expected) in cases {
            let checked = check(&Cell::new(*input, *kind));
            assert_eq!(checked.value, *value, "{input}");
            assert_eq!(checked.codes(), *expected, "{input}");
        }
    }

    #[test]
    fn a_label_typed_before_a_valid_number_is_removed_with_a_notice() {
        for (typed, number) in [
            ("RPPS : 10000000009", "10000000009"),
            ("N° 10000000009", "10000000009"),
            ("n°RPPS 10 000 000 009", "10000000009"),
            ("ADELI 311000012", "311000012"),
            ("Numéro ADELI : 311000012", "311000012"),
        ] {
            let checked = check(&Cell::text(typed));
            assert_eq!(checked.value, number, "{typed}");
            assert_eq!(checked.codes(), vec![Code::ValueFixed], "{typed}");
        }
        // Not a label, or not a valid number after it: an error, as before.
        for typed in [
            "RPPS : 10000000008",
            "voir 10000000009",
            "RPPS 10000000009 / 311000012",
            "RPPS",
            "10000000009 RPPS",
        ] {
            assert_eq!(
                check(&Cell::text(typed)).codes(),
                vec![Code::RppsInvalid],
                "{typed}"
            );
        }
    }

    #[test]
    fn error_messages_do_not_echo_the_value() {
        let checked = check(&Cell::text("185057512345678"));
        assert!(checked
            .issues
            .iter()
            .all(|i| !i.message.contains("1850575")));
    }

    proptest! {
        #[test]
        fn never_panics_and_fixes_are_stable(s in "\\PC{0,40}", number in any::<bool>()) {
            let kind = if number { CellKind::Number } else { CellKind::Text };
            let first = check(&Cell::new(s, kind));
            let again = check(&Cell::text(first.value.clone()));
            prop_assert_eq!(&again.value, &first.value);
            prop_assert!(again.issues.iter().all(|i| i.code != Code::ValueFixed));
            if first.issues.iter().all(|i| i.code == Code::ValueFixed) {
                prop_assert!(again.issues.is_empty());
            }
        }

        #[test]
        fn digit_strings_never_panic(s in "[0-9AB .,eE+-]{0,20}") {
            let _ = check(&Cell::text(s));
        }
    }
}
