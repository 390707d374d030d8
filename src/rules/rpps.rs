//! RPPS numbers (Répertoire Partagé des Professionnels de Santé, ANS): 11 digits whose last one
//! is a Luhn key over the 11; the national identifier IdNat_PS `8` + RPPS is brought back to the
//! RPPS; numbers Excel wrote as decimals or in scientific notation are restored digit for digit
//! (SPEC §4). The Luhn key holds on every real RPPS checked (annuaire.sante.fr extract, 2025).

use super::identifier::{is_digits, Compact};
use super::{Checked, Issue};
use crate::report::Code;
use crate::table::Cell;
use crate::text::identifiers as text;

/// Checks an RPPS-shaped value (11 digits, or 12 starting with 8).
///
/// ```
/// use annuaire_cpts::{Cell, Code};
/// use annuaire_cpts::rules::rpps::check;
/// assert!(check(&Cell::text("10000000009")).issues.is_empty());
/// let fixed = check(&Cell::text("100 000 000 09"));
/// assert_eq!((fixed.value.as_str(), fixed.issues[0].code), ("10000000009", Code::ValueFixed));
/// assert_eq!(check(&Cell::text("10000000008")).issues[0].code, Code::RppsInvalid);
/// ```
pub fn check(cell: &Cell) -> Checked {
    let original = cell.text.trim();
    let compact = Compact::of(original);
    let invalid = |message: String| Checked::with(original, Issue::new(Code::RppsInvalid, message));
    if !compact.clean || !is_digits(&compact.text) || compact.text.is_empty() {
        return invalid(text::identifier_not_a_number());
    }
    let digits = compact.text.as_str();
    let (rpps, from_idnat) = match digits.len() {
        11 => (digits, false),
        12 if digits.starts_with('8') => (digits.get(1..).unwrap_or_default(), true),
        n => return invalid(text::rpps_bad_length(n)),
    };
    if !is_valid(rpps) {
        return invalid(if compact.from_exponent {
            text::rpps_rounded()
        } else {
            text::rpps_bad_key()
        });
    }
    if rpps == original {
        return Checked::valid(rpps);
    }
    let message = if compact.from_float {
        text::float_restored(original, rpps)
    } else if from_idnat {
        text::rpps_from_idnat(original, rpps)
    } else {
        text::separators_removed(original, rpps)
    };
    Checked::with(rpps, Issue::with_fixed(Code::ValueFixed, rpps, message))
}

/// Whether 11 digits pass the Luhn key.
///
/// ```
/// use annuaire_cpts::rules::rpps::is_valid;
/// assert!(is_valid("10000000009"));
/// assert!(is_valid("10999999997"));
/// assert!(!is_valid("10999999979"));
/// assert!(!is_valid("1000000009"));
/// ```
pub fn is_valid(digits: &str) -> bool {
    digits.len() == 11 && is_digits(digits) && luhn(digits.bytes().map(|b| b - b'0'))
}

/// The Luhn check over digits given left to right (the key being the last one): from the right,
/// every second digit is doubled (its digits summed), and the total must be a multiple of 10.
pub(super) fn luhn(digits: impl DoubleEndedIterator<Item = u8>) -> bool {
    let sum: u32 = digits
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                let twice = d * 2;
                twice / 10 + twice % 10
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::CellKind;
    use proptest::prelude::*;

    #[test]
    fn table() {
        let fixed = &[Code::ValueFixed][..];
        let invalid = &[Code::RppsInvalid][..];
        let cases: &[(&str, CellKind, &str, &[Code])] = &[
            ("10000000009", CellKind::Text, "10000000009", &[]),
            ("10999999997", CellKind::Number, "10999999997", &[]),
            ("  10000000009\t", CellKind::Text, "10000000009", &[]),
            ("100 000 000 09", CellKind::Text, "10000000009", fixed),
            (
                "100\u{a0}000\u{202f}000\u{2009}09",
                CellKind::Text,
                "10000000009",
                fixed,
            ),
            ("100.000.000.09", CellKind::Text, "10000000009", fixed),
            ("100-000-000-09", CellKind::Text, "10000000009", fixed),
            ("'10000000009", CellKind::Text, "10000000009", fixed),
            ("810000000009", CellKind::Text, "10000000009", fixed),
            ("8 10999999997", CellKind::Untyped, "10999999997", fixed),
            ("10000000009.0", CellKind::Text, "10000000009", fixed),
            ("1.0000000009E10", CellKind::Text, "10000000009", fixed),
            ("1,0999999997E+10", CellKind::Text, "10999999997", fixed),
            ("1,00000E+10", CellKind::Text, "1,00000E+10", invalid),
            ("10000000008", CellKind::Text, "10000000008", invalid),
            ("10999999979", CellKind::Text, "10999999979", invalid),
            ("810000000008", CellKind::Text, "810000000008", invalid),
            ("910000000009", CellKind::Text, "910000000009", invalid),
            ("1000000009", CellKind::Text, "1000000009", invalid),
            ("100000000090", CellKind::Text, "100000000090", invalid),
            ("-10000000009", CellKind::Number, "10000000009", fixed),
            ("1000000000９", CellKind::Text, "1000000000９", invalid),
            ("N/A", CellKind::Text, "N/A", invalid),
            ("-", CellKind::Text, "-", invalid),
            ("", CellKind::Text, "", invalid),
            ("0", CellKind::Number, "0", invalid),
            ("1000000000😀9", CellKind::Text, "1000000000😀9", invalid),
            ("311000014", CellKind::Text, "311000014", invalid),
        ];
        for (input, kind, value, expected) in cases {
            let checked = check(&Cell::new(*input, *kind));
            assert_eq!(checked.value, *value, "{input}");
            assert_eq!(checked.codes(), *expected, "{input}");
        }
    }

    #[test]
    fn messages_say_what_is_wrong() {
        let length = check(&Cell::text("1000000009"));
        assert!(length.issues[0].message.contains("en compte 10"));
        let key = check(&Cell::text("10000000008"));
        assert!(key.issues[0].message.contains("clé"));
        let rounded = check(&Cell::text("1,00000E+10"));
        assert!(rounded.issues[0].message.contains("arrondi"));
        let idnat = check(&Cell::text("810000000009"));
        assert!(idnat.issues[0]
            .message
            .contains("« 810000000009 » → « 10000000009 »"));
        assert_eq!(idnat.issues[0].fixed.as_deref(), Some("10000000009"));
    }

    #[test]
    fn luhn_detects_every_single_digit_error() {
        let valid = "10999999997";
        for pos in 0..11 {
            for d in b'0'..=b'9' {
                let mut bytes = valid.as_bytes().to_vec();
                if bytes[pos] == d {
                    continue;
                }
                bytes[pos] = d;
                let s = String::from_utf8(bytes).unwrap();
                assert!(!is_valid(&s), "{s}");
            }
        }
    }

    proptest! {
        #[test]
        fn never_panics_and_is_idempotent(s in "\\PC{0,30}") {
            let first = check(&Cell::text(s));
            let again = check(&Cell::text(first.value.clone()));
            prop_assert_eq!(&again.value, &first.value);
            prop_assert!(again.issues.iter().all(|i| i.code != Code::ValueFixed));
        }

        #[test]
        fn a_valid_rpps_with_separators_is_fixed(body in "[0-9]{10}", sep in "[ .\u{a0}-]") {
            let key = (0..=9u8)
                .map(|k| format!("{body}{k}"))
                .find(|c| is_valid(c))
                .unwrap();
            let spaced = format!("{}{sep}{}", &key[..3], &key[3..]);
            let checked = check(&Cell::text(spaced));
            prop_assert_eq!(&checked.value, &key);
            prop_assert_eq!(checked.codes(), vec![Code::ValueFixed]);
            prop_assert!(check(&Cell::text(key)).issues.is_empty());
        }
    }
}
