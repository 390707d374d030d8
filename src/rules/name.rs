//! Names (SPEC §2): NOM in upper case, Prénom with each part capitalised.
//!
//! Both are trimmed, their white space collapsed, typographic apostrophes (’ ‘ ʼ) turned into
//! `'`, and written in Unicode NFC; accents are kept (« Lefèvre » → « LEFÈVRE »: upper-case
//! accents are correct French and the Annuaire Santé keeps them).
//!
//! Choices:
//! - A name holding anything but letters, spaces, `'` and `-` (digits, `@`, `/`, `.`, `(`…) is
//!   **left as typed** (white space cleaned), without a finding: there is no code for a malformed name, and
//!   recasing « J.-P. » or a pasted address would only hide what happened. A social security
//!   number typed there is caught by the NIR scan every cell goes through.
//! - NOM is all upper case, particles included (« de la Fontaine » → « DE LA FONTAINE »): that
//!   is how the Annuaire Santé and French administrations write family names.
//! - Prénom: each part separated by a space, `-` or `'` gets an upper-case first letter and the
//!   rest lower case (« jean-pierre » → « Jean-Pierre », « MARIE » → « Marie »); particles (de,
//!   du, des, d', la, le, van, von, da, di…) stay lower case when they are not the first word
//!   (« marie de la croix » → « Marie de la Croix »). A part already written in mixed case
//!   (« DeShawn », « McKenzie ») is kept: the person wrote it deliberately.

use super::text::{clean, nfc};
use super::{Checked, Issue};
use crate::fold::is_mark;
use crate::report::Code;
use crate::table::Cell;
use crate::text::values as msg;

/// Lower-case particles of given names (compared in lower case, without the apostrophe).
const PARTICLES: &[&str] = &[
    "de", "du", "des", "d", "la", "le", "les", "l", "van", "von", "der", "den", "da", "di", "del",
    "della", "dos", "das", "do", "y",
];

/// Checks and normalises a family name: upper case.
///
/// ```
/// use annuaire_cpts::{rules::name, Cell, Code};
/// let checked = name::check_nom(&Cell::text(" Lefèvre  Martin "));
/// assert_eq!(checked.value, "LEFÈVRE MARTIN");
/// assert_eq!(checked.issues[0].code, Code::ValueFixed);
/// assert!(name::check_nom(&Cell::text("DE LA FONTAINE")).issues.is_empty());
/// ```
pub fn check_nom(cell: &Cell) -> Checked {
    normalise(cell, |s| nfc(s.to_uppercase()))
}

/// Checks and normalises a given name: each part capitalised, particles lower case.
///
/// ```
/// use annuaire_cpts::{rules::name, Cell};
/// assert_eq!(name::check_prenom(&Cell::text("jean-pierre")).value, "Jean-Pierre");
/// assert_eq!(name::check_prenom(&Cell::text("MARIE claire")).value, "Marie Claire");
/// assert!(name::check_prenom(&Cell::text("Éloïse")).issues.is_empty());
/// ```
pub fn check_prenom(cell: &Cell) -> Checked {
    normalise(cell, capitalise)
}

/// Cleans the text and, when it looks like a name, recases it; a `value.fixed` notice when the
/// result differs from the text with its white space cleaned.
fn normalise(cell: &Cell, recase: impl Fn(&str) -> String) -> Checked {
    let trimmed = cell.text.trim();
    if trimmed.is_empty() {
        return Checked::default();
    }
    let cleaned = clean(trimmed);
    if !looks_like_name(&cleaned) {
        return Checked::valid(cleaned);
    }
    let fixed = recase(&straight_apostrophes(&cleaned));
    // White space alone is cleaned silently, as in every rule (see `rules::text`).
    if fixed == cleaned {
        Checked::valid(fixed)
    } else {
        Checked::with(
            fixed.clone(),
            Issue::with_fixed(
                Code::ValueFixed,
                fixed.clone(),
                msg::name_fixed(trimmed, &fixed),
            ),
        )
    }
}

/// Letters, spaces, apostrophes and hyphens only, with at least one letter; combining marks
/// too, in case a name arrives decomposed and NFC has no composed form for it.
fn looks_like_name(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
        && text
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || is_apostrophe(c) || c == '-' || is_mark(c))
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ')
}

fn straight_apostrophes(text: &str) -> String {
    if !text.contains(['’', '‘', 'ʼ']) {
        return text.to_string();
    }
    text.chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .collect()
}

/// Capitalises every part of a given name; see the module docs.
fn capitalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut part = String::new();
    let mut first = true;
    for c in text.chars() {
        if c == ' ' || c == '-' || c == '\'' {
            out.push_str(&recase_part(&part, first, c == '\''));
            first = first && part.is_empty();
            part.clear();
            out.push(c);
        } else {
            part.push(c);
        }
    }
    out.push_str(&recase_part(&part, first, false));
    nfc(out)
}

/// One part: `first` when no letter came before it, `elided` when an apostrophe follows it.
fn recase_part(part: &str, first: bool, elided: bool) -> String {
    let lower = part.to_lowercase();
    let upper = part.to_uppercase();
    let mixed = part != lower && part != upper;
    if part.is_empty() || mixed {
        return part.to_string();
    }
    let is_particle =
        PARTICLES.contains(&lower.as_str()) && (!elided || lower.chars().count() == 1);
    if is_particle && !first {
        return lower;
    }
    let mut chars = lower.chars();
    match chars.next() {
        // A letter whose capital is two letters (ß → SS) has no title case here: keeping it
        // lower keeps the fix stable (« SSabine » would become « Ssabine » on the next check).
        Some(initial) if initial.to_uppercase().len() == 1 => {
            initial.to_uppercase().chain(chars).collect()
        }
        _ => lower,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn family_names() {
        let cases: &[(&str, &str, bool)] = &[
            // (typed, written, value.fixed reported)
            ("DUPONT", "DUPONT", false),
            ("  DUPONT  ", "DUPONT", false),
            ("Dupont", "DUPONT", true),
            ("Lefèvre", "LEFÈVRE", true),
            ("lefe\u{300}vre", "LEFÈVRE", true),
            ("de la Fontaine", "DE LA FONTAINE", true),
            ("DE  LA   FONTAINE", "DE LA FONTAINE", false),
            ("d’Artagnan", "D'ARTAGNAN", true),
            ("Martin-Durand", "MARTIN-DURAND", true),
            ("Ŝtefan\u{a0}Œuvray", "ŜTEFAN ŒUVRAY", true),
            // Not name-shaped: left as typed, no finding.
            ("Dupont 2", "Dupont 2", false),
            ("Dupont   2 ", "Dupont 2", false),
            ("dupont@example.org", "dupont@example.org", false),
            ("J.-P. Martin", "J.-P. Martin", false),
            ("---", "---", false),
            ("", "", false),
        ];
        for (typed, written, fixed) in cases {
            let checked = check_nom(&Cell::text(*typed));
            assert_eq!(checked.value, *written, "{typed:?}");
            assert_eq!(!checked.issues.is_empty(), *fixed, "{typed:?}");
            for issue in &checked.issues {
                assert_eq!(issue.code, Code::ValueFixed);
                assert_eq!(issue.fixed.as_deref(), Some(*written));
                assert!(issue.message.contains(written));
            }
        }
    }

    #[test]
    fn given_names() {
        let cases: &[(&str, &str, bool)] = &[
            ("Jean", "Jean", false),
            ("jean", "Jean", true),
            ("MARIE", "Marie", true),
            ("jean-pierre", "Jean-Pierre", true),
            ("JEAN-PIERRE", "Jean-Pierre", true),
            ("marie claire", "Marie Claire", true),
            ("marie  de la croix", "Marie de la Croix", true),
            ("DE LA CROIX", "De la Croix", true),
            ("anne-sophie d'arc", "Anne-Sophie d'Arc", true),
            ("o'neill", "O'Neill", true),
            ("élodie", "Élodie", true),
            ("ÉLOÏSE", "Éloïse", true),
            ("DeShawn", "DeShawn", false),
            ("mcKenzie", "mcKenzie", false),
            ("Jean-Marie", "Jean-Marie", false),
            ("J.", "J.", false),
            ("Marie 2", "Marie 2", false),
        ];
        for (typed, written, fixed) in cases {
            let checked = check_prenom(&Cell::text(*typed));
            assert_eq!(checked.value, *written, "{typed:?}");
            assert_eq!(!checked.issues.is_empty(), *fixed, "{typed:?}");
        }
    }

    #[test]
    fn a_given_name_whose_initial_has_a_two_letter_capital_is_stable() {
        for typed in ["ß", "ßabine", "jean-ßa"] {
            let first = check_prenom(&Cell::text(typed));
            let again = check_prenom(&Cell::text(first.value.clone()));
            assert_eq!(again.value, first.value, "{typed:?}");
            assert!(again.issues.is_empty(), "{typed:?}: {:?}", again.issues);
        }
        assert_eq!(check_prenom(&Cell::text("jean-ßa")).value, "Jean-ßa");
    }

    proptest! {
        #[test]
        fn nom_total_and_idempotent(s in "\\PC{0,30}") {
            let first = check_nom(&Cell::text(s));
            let again = check_nom(&Cell::text(first.value.clone()));
            prop_assert_eq!(&again.value, &first.value);
            prop_assert!(again.issues.is_empty());
        }

        #[test]
        fn prenom_total_and_idempotent(s in "[a-zA-Zéèàïç' -]{0,30}|\\PC{0,20}") {
            let first = check_prenom(&Cell::text(s));
            let again = check_prenom(&Cell::text(first.value.clone()));
            prop_assert_eq!(&again.value, &first.value);
            prop_assert!(again.issues.is_empty());
        }
    }
}
