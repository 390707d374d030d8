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

use unicode_normalization::UnicodeNormalization;

use super::Checked;
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
        collapse(text.nfc(), text.len())
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
        text.nfc().collect()
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

/// A comparison key: lower case, accents removed, every run of characters that are neither
/// letters nor digits turned into one space, trimmed. Two spellings of the same word
/// (« Libéral », « LIBERAL », « libéral. ») give the same key.
///
/// ```
/// use annuaire_cpts::rules::text::fold;
/// assert_eq!(fold("  Libéral (e) "), "liberal e");
/// assert_eq!(fold("Œuvre d'Art"), "oeuvre d art");
/// ```
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        fold_chars(text.chars().map(|c| c.to_ascii_lowercase()), text.len())
    } else if text.chars().all(|c| fold_latin1(c).is_some()) {
        // French text: accented Latin-1 letters and « œ », folded by table, without the NFD
        // pass (a fold runs on every commune, profession and free-text cell).
        fold_chars(text.chars().filter_map(fold_latin1), text.len())
    } else {
        fold_decomposed(text)
    }
}

/// [`fold`] through NFD: the general case, and the reference the table agrees with.
fn fold_decomposed(text: &str) -> String {
    fold_chars(text.nfd().flat_map(char::to_lowercase), text.len())
}

/// A Latin-1 character (or « Œ », « œ ») lowered and stripped of its accent, as
/// [`fold_decomposed`] would turn it; `None` outside that range.
fn fold_latin1(c: char) -> Option<char> {
    /// U+00C0 to U+00FF.
    const LETTERS: [char; 64] = [
        'a', 'a', 'a', 'a', 'a', 'a', 'æ', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i', //
        'ð', 'n', 'o', 'o', 'o', 'o', 'o', '×', 'ø', 'u', 'u', 'u', 'u', 'y', 'þ', 'ß', //
        'a', 'a', 'a', 'a', 'a', 'a', 'æ', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i', //
        'ð', 'n', 'o', 'o', 'o', 'o', 'o', '÷', 'ø', 'u', 'u', 'u', 'u', 'y', 'þ', 'y', //
    ];
    match c {
        '\0'..='\u{7f}' => Some(c.to_ascii_lowercase()),
        // Punctuation and symbols: no canonical decomposition, no lower case.
        '\u{80}'..='\u{bf}' => Some(c),
        '\u{c0}'..='\u{ff}' => LETTERS.get((c as usize).wrapping_sub(0xc0)).copied(),
        'Œ' | 'œ' => Some('œ'),
        _ => None,
    }
}

fn fold_chars(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut pending_space = false;
    for c in chars {
        if is_combining_mark(c) {
            continue;
        }
        let expanded = match c {
            'œ' => "oe",
            'æ' => "ae",
            'ß' => "ss",
            _ => "",
        };
        if c.is_alphanumeric() {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            if expanded.is_empty() {
                out.push(c);
            } else {
                out.push_str(expanded);
            }
        } else if !is_zero_width(c) {
            pending_space = !out.is_empty();
        }
    }
    out
}

/// Whether `phrase` (already folded) occurs in `folded` as whole words.
///
/// ```
/// use annuaire_cpts::rules::text::{contains_words, fold};
/// assert!(contains_words(&fold("Patient en ALD"), "ald"));
/// assert!(!contains_words(&fold("Rinaldi"), "ald"));
/// ```
pub fn contains_words(folded: &str, phrase: &str) -> bool {
    if phrase.is_empty() {
        return false;
    }
    // Try the phrase at each word start: a memchr and a memcmp per word, where a substring
    // searcher would be built anew for every phrase of every cell.
    let mut rest = folded;
    loop {
        if rest.starts_with(phrase)
            && matches!(rest.as_bytes().get(phrase.len()), None | Some(b' '))
        {
            return true;
        }
        match rest.find(' ') {
            Some(space) => rest = rest.get(space + 1..).unwrap_or_default(),
            None => return false,
        }
    }
}

fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
    )
}

/// Combining diacritical marks (the accents NFD splits off Latin letters).
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_latin1_table_folds_as_nfd_does() {
        for c in ('\0'..='\u{24f}').chain(['Œ', 'œ']) {
            for text in [c.to_string(), format!("Ab{c}cD"), format!("x {c}{c} y")] {
                assert_eq!(
                    fold(&text),
                    fold_decomposed(&text),
                    "{c:?} (U+{:04X})",
                    c as u32
                );
            }
        }
    }

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

    #[test]
    fn folds_for_comparison() {
        let cases = [
            ("Libéral", "liberal"),
            ("  SALARIÉ(E) ", "salarie e"),
            ("Bénévole.", "benevole"),
            ("l'Isle-Jourdain", "l isle jourdain"),
            ("ÉCOLE", "ecole"),
            ("", ""),
            ("---", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(fold(input), expected, "{input:?}");
        }
    }

    #[test]
    fn whole_words_only() {
        let f = fold("Suivi ALD, traitement en cours");
        assert!(contains_words(&f, "ald"));
        assert!(contains_words(&f, "traitement"));
        assert!(contains_words(&f, "traitement en cours"));
        assert!(!contains_words(&f, "trait"));
        assert!(!contains_words(&f, "cours en"));
        assert!(!contains_words(&f, ""));
    }

    proptest! {
        #[test]
        fn french_text_folds_as_through_nfd(s in "[a-zA-Z0-9 àâçéèêëîïôûùüÿÀÉÈÇŒœÆæ×Øøß'\u{a0}\u{ad}.-]{0,30}") {
            prop_assert_eq!(fold(&s), fold_decomposed(&s));
        }

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

        #[test]
        fn fold_is_total_and_idempotent(s in "\\PC*") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once);
        }
    }
}
