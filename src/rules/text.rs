//! Free text: trimmed, runs of white space collapsed.
//!
//! White space here is Unicode's (`char::is_whitespace`): spaces, tabs, line breaks inside a cell,
//! and the no-break spaces (U+00A0, U+202F) that Word and web pages paste in. Zero-width
//! characters (U+200B–U+200D, U+2060, U+FEFF) are removed too: they are invisible and only break
//! comparisons.
//!
//! Cleaning white space is **silent**: it changes nothing the coordinator could see in Excel, and
//! a `value.fixed` notice for every trailing space would bury the findings that matter. So
//! [`check`] never reports anything; the other rules build on [`clean`] and report only the
//! changes a person would notice.

use super::Checked;
use crate::fold::is_zero_width;
use crate::normalize;
use crate::table::Cell;

/// Trims and collapses white space; never reports anything (see the module docs).
///
/// ```
/// use annuaire_cpts::{rules::text, Cell};
/// let checked = text::check(&Cell::text("  MSP\u{a0} des   Coteaux\n"));
/// assert_eq!(checked.value, "MSP des Coteaux");
/// assert!(checked.issues.is_empty());
/// ```
pub fn check(cell: &Cell) -> Checked {
    Checked::valid(clean(&cell.text))
}

/// The text in Unicode NFC, trimmed, every run of white space turned into one space, zero-width
/// characters removed.
///
/// ```
/// use annuaire_cpts::rules::text::clean;
/// assert_eq!(clean("\u{feff} Jean \t\u{202f}Pierre "), "Jean Pierre");
/// ```
pub fn clean(text: &str) -> String {
    if is_clean_latin(text) {
        // Most cells: nothing to collapse, nothing to normalise.
        return text.to_string();
    }
    // Most other cells are ASCII or accented Latin, which NFC leaves as is: skip the
    // normalisation pass for them.
    if is_nfc_latin(text) {
        collapse(text.chars(), text.len())
    } else {
        collapse(normalize::nfc(text.chars()).chars(), text.len())
    }
}

/// Whether [`clean`] would return `text` as it is: below U+0300 (see [`is_nfc_latin`]), no
/// white space but single spaces between words, no zero-width character.
fn is_clean_latin(text: &str) -> bool {
    let mut after_space = true;
    for c in text.chars() {
        if c == ' ' {
            if after_space {
                return false;
            }
            after_space = true;
        } else if c >= '\u{300}' || c.is_whitespace() || is_zero_width(c) {
            return false;
        } else {
            after_space = false;
        }
    }
    !after_space || text.is_empty()
}

/// Whether every character is below U+0300 (ASCII, Latin-1 and the Latin extensions, without
/// combining marks): such a text is in NFC already, so normalising it changes nothing (tested
/// on every character and every pair of characters of the range).
pub(crate) fn is_nfc_latin(text: &str) -> bool {
    text.chars().all(|c| c < '\u{300}')
}

/// `text` in Unicode NFC, without the normalisation pass when [`is_nfc_latin`] says it is
/// already.
pub(crate) fn nfc(text: String) -> String {
    if is_nfc_latin(&text) {
        text
    } else {
        normalize::nfc(text.chars())
    }
}

fn collapse(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut pending_space = false;
    for c in chars {
        if is_zero_width(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
// The crate's own NFC is the reference the fast paths are compared to.
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn latin_text_below_combining_marks_is_already_nfc() {
        let latin: Vec<char> = ('\0'..'\u{300}').collect();
        for &a in &latin {
            let one = a.to_string();
            assert_eq!(one.nfc().collect::<String>(), one, "U+{:04X}", a as u32);
            for &b in &latin {
                let pair: String = [a, b].into_iter().collect();
                assert!(is_nfc_latin(&pair));
                assert_eq!(nfc(pair.clone()), pair.nfc().collect::<String>());
            }
        }
        assert!(!is_nfc_latin("Be\u{301}ziers"));
        assert_eq!(nfc("Be\u{301}ziers".into()), "Béziers");
    }

    #[test]
    fn cleans_white_space() {
        let cases = [
            ("", ""),
            ("   ", ""),
            ("abc", "abc"),
            ("  12  rue   des Lilas ", "12 rue des Lilas"),
            ("MSP\u{a0}du\u{202f}Lac", "MSP du Lac"),
            ("ligne 1\r\nligne 2", "ligne 1 ligne 2"),
            ("a\u{200b}b", "ab"),
            ("\u{feff}Toulouse", "Toulouse"),
            // NFD input comes out composed.
            ("Be\u{301}ziers", "Béziers"),
        ];
        for (input, expected) in cases {
            assert_eq!(clean(input), expected, "{input:?}");
            let checked = check(&Cell::text(input));
            assert_eq!(checked.value, expected);
            assert!(checked.issues.is_empty());
        }
    }

    proptest! {
        #[test]
        fn the_clean_fast_path_agrees_with_collapsing(
            s in "[ a-zA-Z0-9éèÀç'\u{a0}\u{ad}\u{85}\t\n.-]{0,20}|\\PC{0,10}"
        ) {
            if is_clean_latin(&s) {
                prop_assert_eq!(collapse(s.nfc(), s.len()), s.clone());
            }
        }

        #[test]
        fn clean_is_total_and_idempotent(s in "\\PC*") {
            let once = clean(&s);
            prop_assert_eq!(clean(&once), once.clone());
            prop_assert_eq!(once.trim(), once.as_str());
            prop_assert!(!once.contains("  "));
        }
    }
}
