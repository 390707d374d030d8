//! ADELI numbers (Automatisation DEs LIstes, the departmental register the ARS keeps): 9
//! characters — department (2 digits, or 2A/2B for Corsica), profession code (2 digits, the
//! TRE_G15 / TRE_R94 / TRE_R95 code of the ANS nomenclatures, read 2025), order number
//! (4 digits), key (1 digit, Luhn over the 9). IdNat_PS `0` + ADELI is brought back to the ADELI;
//! a numeric cell that lost its leading zero is restored (SPEC §4).
//!
//! Corsica: no public document says how 2A/2B enter the key. Two readings are plausible — the
//! letter counts as 0 (department 20, the Corsican code the register inherited), or the NIR
//! convention (2A → 19, 2B → 18). Both are accepted, so that a real number is never rejected;
//! the cost is a slightly weaker typo check for Corsican numbers only.

use super::identifier::{is_digits, Compact};
use super::rpps::luhn;
use super::{Checked, Issue};
use crate::report::Code;
use crate::table::Cell;
use crate::text::identifiers as text;

/// Profession codes an ADELI can carry: TRE_G15 (with its deprecated codes), TRE_R94, TRE_R95.
const PROFESSION_CODES: [&str; 34] = [
    "10", "21", "26", "28", "31", "32", "35", "36", "37", "38", "39", "40", "41", "50", "60", "69",
    "70", "71", "72", "73", "80", "81", "82", "83", "84", "85", "86", "91", "92", "93", "94", "95",
    "96", "98",
];

/// Canonical labels (SPEC §3) of the professions registered in RPPS since the ADELI retirement.
const MOVED_TO_RPPS: [&str; 13] = [
    "Médecin",
    "Pharmacien",
    "Chirurgien-dentiste",
    "Sage-femme",
    "Infirmier",
    "Infirmier psychiatrique",
    "Masseur-kinésithérapeute",
    "Pédicure-podologue",
    "Diététicien",
    "Ergothérapeute",
    "Psychomotricien",
    "Manipulateur ERM",
    "Technicien de laboratoire médical",
];

/// Checks an ADELI-shaped value.
///
/// ```
/// use annuaire_cpts::{Cell, Code};
/// use annuaire_cpts::rules::adeli::check;
/// assert!(check(&Cell::text("311000012")).issues.is_empty());
/// // Excel dropped the leading zero of a number: restored, with a notice.
/// let restored = check(&Cell::number("91000018"));
/// assert_eq!((restored.value.as_str(), restored.issues[0].code), ("091000018", Code::ValueFixed));
/// assert_eq!(check(&Cell::text("311000013")).issues[0].code, Code::AdeliInvalid);
/// ```
pub fn check(cell: &Cell) -> Checked {
    let original = cell.text.trim();
    let compact = Compact::of(original);
    let invalid =
        |message: String| Checked::with(original, Issue::new(Code::AdeliInvalid, message));
    if !compact.clean || compact.text.is_empty() {
        return invalid(text::adeli_bad_shape());
    }
    let id = compact.text.as_str();
    let (adeli, message): (String, fn(&str, &str) -> String) = match id.len() {
        9 => (id.to_string(), text::separators_removed),
        10 if id.starts_with('0') => (
            id.get(1..).unwrap_or_default().to_string(),
            text::adeli_from_idnat,
        ),
        8 if is_digits(id) => {
            let restored = format!("0{id}");
            if !cell.may_have_lost_zero() {
                return match problem(&restored) {
                    None => Checked::with(
                        original,
                        Issue::with_fixed(
                            Code::AdeliInvalid,
                            restored.as_str(),
                            text::adeli_missing_zero(&restored),
                        ),
                    ),
                    Some(_) => invalid(text::adeli_bad_length(8)),
                };
            }
            (restored, text::adeli_zero_restored)
        }
        n => return invalid(text::adeli_bad_length(n)),
    };
    if let Some(problem) = problem(&adeli) {
        return invalid(problem);
    }
    if adeli == original {
        return Checked::valid(adeli);
    }
    let message = if compact.from_float {
        text::float_restored(original, &adeli)
    } else if id == original.to_ascii_uppercase() && id.len() == 9 {
        text::adeli_upper_cased(original, &adeli)
    } else {
        message(original, &adeli)
    };
    let issue = Issue::with_fixed(Code::ValueFixed, adeli.as_str(), message);
    Checked::with(adeli, issue)
}

/// What is wrong with 9 upper-case characters, as a message; `None` for a valid ADELI.
fn problem(adeli: &str) -> Option<String> {
    let (department, rest) = (adeli.get(..2)?, adeli.get(2..)?);
    let corsica = department == "2A" || department == "2B";
    if !(is_digits(department) || corsica) || !is_digits(rest) || rest.len() != 7 {
        return Some(text::adeli_bad_shape());
    }
    if matches!(department, "00" | "96" | "99") {
        return Some(text::adeli_bad_department(department));
    }
    let profession = rest.get(..2)?;
    if !PROFESSION_CODES.contains(&profession) {
        return Some(text::adeli_bad_profession(profession));
    }
    let rest_digits = rest.bytes().map(|b| b - b'0');
    let key_ok = match department {
        "2A" => {
            luhn([2, 0].into_iter().chain(rest_digits.clone()))
                || luhn([1, 9].into_iter().chain(rest_digits))
        }
        "2B" => {
            luhn([2, 0].into_iter().chain(rest_digits.clone()))
                || luhn([1, 8].into_iter().chain(rest_digits))
        }
        _ => luhn(adeli.bytes().map(|b| b - b'0')),
    };
    (!key_ok).then(text::adeli_bad_key)
}

/// Whether this canonical profession label has moved from ADELI to RPPS (`adeli.obsolete`).
///
/// ```
/// use annuaire_cpts::rules::adeli::is_obsolete_for;
/// assert!(is_obsolete_for("Infirmier"));
/// assert!(is_obsolete_for("Masseur-kinésithérapeute"));
/// assert!(!is_obsolete_for("Psychologue"));
/// assert!(!is_obsolete_for("Orthophoniste"));
/// ```
pub fn is_obsolete_for(profession: &str) -> bool {
    let profession = profession.trim();
    MOVED_TO_RPPS
        .iter()
        .any(|label| label.eq_ignore_ascii_case(profession))
}

/// Whether a value (as written in the corrected file) is an ADELI number rather than an RPPS:
/// 9 characters, 2 digits or 2A/2B then 7 digits. The key is not checked here.
///
/// ```
/// use annuaire_cpts::rules::adeli::looks_like_adeli;
/// assert!(looks_like_adeli("311000012"));
/// assert!(looks_like_adeli("2A1000015"));
/// assert!(!looks_like_adeli("10000000009"));
/// ```
pub fn looks_like_adeli(value: &str) -> bool {
    let value = value.trim();
    value.len() == 9
        && value.get(2..).is_some_and(is_digits)
        && value.get(..2).is_some_and(|d| {
            is_digits(d) || d.eq_ignore_ascii_case("2A") || d.eq_ignore_ascii_case("2B")
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::CellKind;
    use proptest::prelude::*;

    #[test]
    fn table() {
        let fixed = &[Code::ValueFixed][..];
        let invalid = &[Code::AdeliInvalid][..];
        let cases: &[(&str, CellKind, &str, &[Code])] = &[
            ("311000012", CellKind::Text, "311000012", &[]),
            ("311000012", CellKind::Number, "311000012", &[]),
            ("091000018", CellKind::Text, "091000018", &[]),
            ("316000124", CellKind::Text, "316000124", &[]),
            ("31 10 0001 2", CellKind::Text, "311000012", fixed),
            ("31.10.0001.2", CellKind::Text, "311000012", fixed),
            (
                "31\u{a0}10\u{202f}0001 2",
                CellKind::Text,
                "311000012",
                fixed,
            ),
            ("0311000012", CellKind::Text, "311000012", fixed),
            ("91000018", CellKind::Number, "091000018", fixed),
            ("91000018", CellKind::Untyped, "091000018", fixed),
            ("91000018", CellKind::Text, "91000018", invalid),
            ("91000017", CellKind::Number, "91000017", invalid),
            ("311000012.0", CellKind::Text, "311000012", fixed),
            // Corsica: the letter as 0 (department 20) or the NIR convention (19 / 18).
            ("2A1000015", CellKind::Text, "2A1000015", &[]),
            ("2A1000017", CellKind::Text, "2A1000017", &[]),
            ("2B1000015", CellKind::Text, "2B1000015", &[]),
            ("2B1000019", CellKind::Text, "2B1000019", &[]),
            ("2b1000019", CellKind::Text, "2B1000019", fixed),
            ("02B1000019", CellKind::Text, "2B1000019", fixed),
            ("2A1000016", CellKind::Text, "2A1000016", invalid),
            ("2C1000015", CellKind::Text, "2C1000015", invalid),
            ("311000013", CellKind::Text, "311000013", invalid),
            ("312000012", CellKind::Text, "312000012", invalid),
            ("001000012", CellKind::Text, "001000012", invalid),
            ("31100001", CellKind::Text, "31100001", invalid),
            ("3110000122", CellKind::Text, "3110000122", invalid),
            ("31A000012", CellKind::Text, "31A000012", invalid),
            ("N/A", CellKind::Text, "N/A", invalid),
            ("-", CellKind::Text, "-", invalid),
            ("é", CellKind::Text, "é", invalid),
            ("", CellKind::Text, "", invalid),
            ("0", CellKind::Number, "0", invalid),
            ("3110000１2", CellKind::Text, "3110000１2", invalid),
        ];
        for (input, kind, value, expected) in cases {
            let checked = check(&Cell::new(*input, *kind));
            assert_eq!(checked.value, *value, "{input}");
            assert_eq!(checked.codes(), *expected, "{input}");
        }
    }

    #[test]
    fn text_cell_of_eight_digits_gets_the_suggestion() {
        let checked = check(&Cell::text("91000018"));
        assert_eq!(checked.issues[0].fixed.as_deref(), Some("091000018"));
        assert!(checked.issues[0].message.contains("zéro"));
    }

    #[test]
    fn messages_name_the_wrong_part() {
        let dept = check(&Cell::text("001000012"));
        assert!(dept.issues[0].message.contains("département"));
        let profession = check(&Cell::text("312000012"));
        assert!(profession.issues[0].message.contains("« 20 »"));
        let key = check(&Cell::text("311000013"));
        assert!(key.issues[0].message.contains("clé"));
    }

    #[test]
    fn obsolete_professions() {
        for label in MOVED_TO_RPPS {
            assert!(is_obsolete_for(label), "{label}");
        }
        for label in [
            "Orthophoniste",
            "Orthoptiste",
            "Psychologue",
            "Ostéopathe",
            "Audioprothésiste",
            "Secrétaire",
            "",
        ] {
            assert!(!is_obsolete_for(label), "{label}");
        }
    }

    proptest! {
        #[test]
        fn never_panics_and_is_idempotent(s in "\\PC{0,30}", number in any::<bool>()) {
            let kind = if number { CellKind::Number } else { CellKind::Text };
            let first = check(&Cell::new(s, kind));
            let again = check(&Cell::text(first.value.clone()));
            prop_assert_eq!(&again.value, &first.value);
            prop_assert!(again.issues.iter().all(|i| i.code != Code::ValueFixed));
            if first.issues.iter().all(|i| i.code == Code::ValueFixed) {
                prop_assert!(again.issues.is_empty());
                prop_assert!(first.value.is_empty() || looks_like_adeli(&first.value));
            }
        }

        #[test]
        fn shaped_values_never_panic(s in "[0-9AB2 .]{0,12}") {
            let _ = check(&Cell::number(s));
        }
    }
}
