//! Folding text for comparison: the one rule by which two spellings of the same word
//! (« Libéral », « LIBERAL », « libéral. », « Liberal » typed with a combining accent) are
//! recognised as the same. Header matching, sheet names, professions, modes, communes, Oui/Non
//! values, dates typed as words, duplicates and the sensitive-data scan all compare
//! [`fold`] keys; the e-mail rule's accent suggestion and the name rule use [`strip_accents`]
//! and [`is_mark`], which apply the same notion of an accent.
//!
//! The rule, in order:
//! 1. Unicode NFD, then lower case;
//! 2. every combining mark removed (an accent is a combining mark once decomposed: é → e);
//! 3. the ligatures and the letter NFD keeps whole expanded: œ → oe, æ → ae, ß → ss;
//! 4. zero-width characters (U+200B–U+200D, U+2060, U+FEFF, the soft hyphen U+00AD) removed,
//!    joining the two sides: they are invisible in Excel and only break comparisons;
//! 5. every run of other characters that are neither letters nor digits (spaces, punctuation,
//!    symbols) turned into one space, none at either end.
//!
//! Callers that need more do it on the key (the profession rule drops words such as « de »,
//! the commune rule spells « St » out): never a second folding function.

use crate::normalize::{self, Composer};

/// The comparison key of `text` (the rule is in the module docs).
///
/// ```
/// use annuaire_cpts::fold::fold;
/// assert_eq!(fold("  Libéral (e) "), "liberal e");
/// assert_eq!(fold("Œuvre d'Art"), "oeuvre d art");
/// assert_eq!(fold("  N° RPPS / ADÉLI "), "n rpps adeli");
/// assert_eq!(fold("Date d\u{2019}adhe\u{301}sion"), "date d adhesion");
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
    fold_chars(
        normalize::nfd_string(text)
            .chars()
            .flat_map(char::to_lowercase)
            .filter(|c| !is_mark(*c)),
        text.len(),
    )
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

/// Steps 3 to 5 of the rule, over characters already lowered and without marks.
fn fold_chars(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut pending_space = false;
    for c in chars {
        if c.is_alphanumeric() {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            match c {
                'œ' => out.push_str("oe"),
                'æ' => out.push_str("ae"),
                'ß' => out.push_str("ss"),
                _ => out.push(c),
            }
        } else if !is_zero_width(c) {
            pending_space = !out.is_empty();
        }
    }
    out
}

/// `text` without its accents (every combining mark once decomposed), in NFC, everything else
/// kept as it is: case, punctuation, spaces.
///
/// ```
/// use annuaire_cpts::fold::strip_accents;
/// assert_eq!(strip_accents("élodie.lefèvre@exemple.fr"), "elodie.lefevre@exemple.fr");
/// assert_eq!(strip_accents("ŒUVRE"), "ŒUVRE");
/// ```
pub fn strip_accents(text: &str) -> String {
    let mut composed = Composer::default();
    normalize::nfd(text.chars(), |c| {
        if !is_mark(c) {
            composed.push(c);
        }
    });
    composed.finish()
}

/// Whether `c` is a combining mark (Unicode general category M): what an accent becomes in
/// NFD, and what [`fold`] and [`strip_accents`] remove.
pub fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// Characters that show nothing and only break comparisons: zero-width spaces and joiners,
/// the word joiner, the byte-order mark, the soft hyphen.
pub(crate) fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
    )
}

/// Whether `phrase` (already folded) occurs in `folded` as whole words.
///
/// ```
/// use annuaire_cpts::fold::{contains_words, fold};
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_for_comparison() {
        let cases = [
            ("Libéral", "liberal"),
            ("  SALARIÉ(E) ", "salarie e"),
            ("Bénévole.", "benevole"),
            ("l'Isle-Jourdain", "l isle jourdain"),
            ("ÉCOLE", "ecole"),
            ("  N° RPPS / ADÉLI ", "n rpps adeli"),
            ("", ""),
            ("---", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(fold(input), expected, "{input:?}");
        }
    }

    #[test]
    fn accents_go_whether_composed_or_not() {
        for text in [
            "Béziers",
            "Be\u{301}ziers",
            "BÉZIERS",
            "BE\u{301}ZIERS",
            "beziers",
        ] {
            assert_eq!(fold(text), "beziers", "{text:?}");
        }
        // Accents beyond Latin-1, through NFD.
        assert_eq!(fold("Ŝtefan Łukasz Dvořák"), "stefan łukasz dvorak");
        assert_eq!(fold("e\u{1ab0}\u{20d0}"), "e");
    }

    #[test]
    fn ligatures_are_spelled_out() {
        assert_eq!(fold("Œuvre"), "oeuvre");
        assert_eq!(fold("cœur"), "coeur");
        assert_eq!(fold("Lætitia"), "laetitia");
        assert_eq!(fold("ÆSCHYLE"), "aeschyle");
        assert_eq!(fold("Straße"), "strasse");
        // The same key whatever the spelling: with the ligature or without.
        assert_eq!(fold("SŒUR"), fold("soeur"));
    }

    #[test]
    fn invisible_characters_join_and_punctuation_separates() {
        assert_eq!(fold("Tou\u{200b}louse"), "toulouse");
        assert_eq!(fold("\u{feff}Nom"), "nom");
        assert_eq!(fold("mé\u{ad}decin"), "medecin");
        assert_eq!(fold("Date\u{a0}d’adhésion :"), "date d adhesion");
        assert_eq!(fold("e-mail / courriel"), "e mail courriel");
        assert_eq!(fold("Tél. (portable)"), "tel portable");
    }

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
    fn accents_are_stripped_and_the_rest_kept() {
        assert_eq!(
            strip_accents("prenom.nom@medecin.mssanté.fr"),
            "prenom.nom@medecin.mssante.fr"
        );
        assert_eq!(strip_accents("Be\u{301}ziers"), "Beziers");
        assert_eq!(strip_accents("L'Isle-Jourdain"), "L'Isle-Jourdain");
        assert!(is_mark('\u{301}'));
        assert!(!is_mark('e'));
        assert!(!is_mark('é'));
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
        fn ascii_folds_as_through_nfd(s in "[ -~]{0,30}") {
            prop_assert_eq!(fold(&s), fold_decomposed(&s));
        }

        #[test]
        fn fold_is_total_and_idempotent(s in "\\PC*") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone());
            prop_assert_eq!(once.trim(), once.as_str());
            prop_assert!(!once.contains("  "));
            prop_assert!(!once.chars().any(is_mark));
        }

        #[test]
        fn fold_ignores_case_and_accents(s in "[a-zàâçéèêëîïôûùüÿœæ ]{0,20}") {
            prop_assert_eq!(fold(&s.to_uppercase()), fold(&s));
            prop_assert_eq!(fold(&strip_accents(&s)), fold(&s));
        }

        #[test]
        fn strip_accents_is_idempotent(s in "\\PC{0,30}") {
            let once = strip_accents(&s);
            prop_assert_eq!(strip_accents(&once), once);
        }
    }
}
