//! Mode d'exercice: Libéral, Salarié, Mixte, Bénévole, Autre (SPEC §3: TRE_R23 plus CPTS usage).
//!
//! Clear spellings are mapped to the canonical label (`value.fixed`): case, accents, the
//! feminine and plural forms, the abbreviations `lib.` and `sal.`, and « libéral et salarié »
//! (or « libéral / salarié ») → Mixte. Anything else is `mode.invalid`, a warning, and the text
//! is kept as typed: « retraité », « remplaçant », « hospitalier » describe a situation, not one
//! of the five modes, and guessing would put a wrong value in the ARS's statistics.

use super::text::clean;
use super::{Checked, Issue};
use crate::fold::fold;
use crate::report::Code;
use crate::table::Cell;
use crate::text::values as msg;

/// The canonical modes, in drop-down order.
pub const MODES: [&str; 5] = ["Libéral", "Salarié", "Mixte", "Bénévole", "Autre"];

/// Checks and maps a mode d'exercice.
///
/// ```
/// use annuaire_cpts::{rules::mode, Cell, Code};
/// assert!(mode::check(&Cell::text("Libéral")).issues.is_empty());
/// let checked = mode::check(&Cell::text("libéral et salarié"));
/// assert_eq!((checked.value.as_str(), checked.issues[0].code), ("Mixte", Code::ValueFixed));
/// assert_eq!(mode::check(&Cell::text("retraité")).issues[0].code, Code::ModeInvalid);
/// ```
pub fn check(cell: &Cell) -> Checked {
    let typed = clean(&cell.text);
    if typed.is_empty() {
        return Checked::default();
    }
    match canonical(&typed) {
        Some(mode) if mode == typed => Checked::valid(mode),
        Some(mode) => Checked::with(
            mode,
            Issue::with_fixed(Code::ValueFixed, mode, msg::mode_fixed(&typed, mode)),
        ),
        None => Checked::with(
            typed.clone(),
            Issue::new(Code::ModeInvalid, msg::mode_invalid(&typed, &MODES)),
        ),
    }
}

/// The canonical mode for a spelling, if it is a clear one.
fn canonical(typed: &str) -> Option<&'static str> {
    let key = fold(typed);
    let mut liberal = false;
    let mut salaried = false;
    let mut other: Option<&'static str> = None;
    let mut words = 0;
    for word in key.split(' ') {
        match word {
            // Connectors of « libéral et salarié », « libéral + salarié », « libéral(e) ».
            "et" | "ou" | "e" | "ee" | "exercice" | "en" | "mode" => continue,
            "liberal" | "liberale" | "liberaux" | "liberales" | "lib" => liberal = true,
            "salarie" | "salariee" | "salaries" | "salariees" | "sal" | "salariat" => {
                salaried = true
            }
            "mixte" | "mixtes" => other = Some("Mixte"),
            "benevole" | "benevoles" | "benevolat" => other = Some("Bénévole"),
            "autre" | "autres" => other = Some("Autre"),
            _ => return None,
        }
        words += 1;
    }
    match (liberal, salaried, other) {
        (true, true, None) => Some("Mixte"),
        (true, false, None) => Some("Libéral"),
        (false, true, None) => Some("Salarié"),
        (false, false, Some(mode)) if words == 1 => Some(mode),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn table_of_modes() {
        let cases: &[(&str, &str, Option<Code>)] = &[
            ("Libéral", "Libéral", None),
            ("Salarié", "Salarié", None),
            ("Mixte", "Mixte", None),
            ("Bénévole", "Bénévole", None),
            ("Autre", "Autre", None),
            ("  Libéral ", "Libéral", None),
            ("liberal", "Libéral", Some(Code::ValueFixed)),
            ("LIBERAL", "Libéral", Some(Code::ValueFixed)),
            ("lib.", "Libéral", Some(Code::ValueFixed)),
            ("Libérale", "Libéral", Some(Code::ValueFixed)),
            ("libéral(e)", "Libéral", Some(Code::ValueFixed)),
            ("exercice libéral", "Libéral", Some(Code::ValueFixed)),
            ("en libéral", "Libéral", Some(Code::ValueFixed)),
            ("salarie", "Salarié", Some(Code::ValueFixed)),
            ("Salariée", "Salarié", Some(Code::ValueFixed)),
            ("salarié(e)", "Salarié", Some(Code::ValueFixed)),
            ("sal.", "Salarié", Some(Code::ValueFixed)),
            ("mixte", "Mixte", Some(Code::ValueFixed)),
            ("libéral et salarié", "Mixte", Some(Code::ValueFixed)),
            ("Salarié / Libéral", "Mixte", Some(Code::ValueFixed)),
            ("lib + sal", "Mixte", Some(Code::ValueFixed)),
            ("bénévole", "Bénévole", Some(Code::ValueFixed)),
            ("BENEVOLE", "Bénévole", Some(Code::ValueFixed)),
            ("autres", "Autre", Some(Code::ValueFixed)),
            ("retraité", "retraité", Some(Code::ModeInvalid)),
            ("remplaçant", "remplaçant", Some(Code::ModeInvalid)),
            ("hospitalier", "hospitalier", Some(Code::ModeInvalid)),
            (
                "libéral et bénévole",
                "libéral et bénévole",
                Some(Code::ModeInvalid),
            ),
            ("autre mixte", "autre mixte", Some(Code::ModeInvalid)),
            ("et", "et", Some(Code::ModeInvalid)),
            ("42", "42", Some(Code::ModeInvalid)),
            ("", "", None),
        ];
        for (typed, value, code) in cases {
            let checked = check(&Cell::text(*typed));
            assert_eq!(checked.value, *value, "{typed:?}");
            assert_eq!(checked.issues.first().map(|i| i.code), *code, "{typed:?}");
            if let Some(issue) = checked.issues.first() {
                assert!(!issue.message.is_empty());
            }
        }
    }

    #[test]
    fn invalid_message_lists_the_modes() {
        let checked = check(&Cell::text("retraité"));
        for mode in MODES {
            assert!(checked.issues[0].message.contains(mode));
        }
    }

    proptest! {
        #[test]
        fn total_and_idempotent(s in "\\PC{0,30}") {
            let first = check(&Cell::text(s));
            let again = check(&Cell::text(first.value.clone()));
            prop_assert_eq!(&again.value, &first.value);
            prop_assert!(again.issues.iter().all(|i| i.code != Code::ValueFixed));
        }
    }
}
