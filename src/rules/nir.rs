//! NIR (numéro d'inscription au répertoire, the social security number) detection in any cell,
//! and patient MSSanté addresses (SPEC §4, §11). A NIR has no place in a member directory
//! (GDPR minimisation): [`crate::check`](mod@crate::check) blanks the cell and reports it masked.
//!
//! Shape (INSEE): `[1-478]` + 4 digits (year, month) + department (2 digits, 2A or 2B) +
//! 6 digits, optionally + a 2-digit key = 97 − (N mod 97), with 2A → 19 and 2B → 18 first.
//! Spaces, dots and dashes may split it between its fields; a candidate must start and end at
//! the edges of such groups, so that a run of 13 digits inside a longer number (an IBAN, a
//! SIRET, two numbers typed side by side) is not taken for a NIR, while RPPS (11), ADELI (9)
//! and phone numbers (10, in pairs) never add up to one.

use super::Issue;
use crate::report::Code;
use crate::text::identifiers as text;

/// The domain of patient MSSanté addresses, whose local part is the patient's NIR.
const PATIENT_DOMAIN: &str = "@patient.mssante.fr";

/// If the text holds a NIR (15 characters with a valid key, or a 13-character NIR shape) or a
/// `@patient.mssante.fr` address, the `nir.detected` issue (its message shows the value masked).
///
/// Cheap on ordinary cells: text with fewer than 12 digits and no `@` is rejected after one pass
/// over its bytes.
///
/// ```
/// use annuaire_cpts::Code;
/// use annuaire_cpts::rules::nir::scan;
/// let issue = scan("NIR : 2 99 12 31 555 555 91").map(|i| i.code);
/// assert_eq!(issue, Some(Code::NirDetected));
/// assert!(scan("2991231555555").is_some()); // 13 characters, no key
/// assert!(scan("10000000009").is_none()); // an RPPS
/// assert!(scan("05 61 12 34 56 / 06 12 34 56 78").is_none());
/// ```
pub fn scan(text: &str) -> Option<Issue> {
    let mut digits = 0usize;
    let mut at = false;
    for b in text.bytes() {
        digits += usize::from(b.is_ascii_digit());
        at |= b == b'@';
    }
    if at {
        if let Some(address) = patient_address(text) {
            return Some(Issue::new(
                Code::NirDetected,
                text::patient_address_detected(&mask(address)),
            ));
        }
    }
    // A number with a fractional part (a decimal, GPS coordinates) is never a NIR, however its
    // digits line up.
    if is_decimal(text.trim()) {
        return None;
    }
    // A NIR stored as a number and written out as Excel does (`1.85057800608491E14`, or with a
    // `.0`): the identifier and phone rules restore those digits, so they must be looked at.
    let restored = super::identifier::recover_float(text.trim()).map(|(digits, _)| digits);
    if let Some(nir) = restored.as_deref().and_then(find_nir) {
        return Some(Issue::new(
            Code::NirDetected,
            text::nir_detected(&mask(&nir)),
        ));
    }
    if digits < 12 {
        return None;
    }
    find_nir(text).map(|nir| Issue::new(Code::NirDetected, text::nir_detected(&mask(&nir))))
}

/// A decimal number with a fractional part that is not all zeros (`31.3333333333333`,
/// `-1,25`): one separator, digits on both sides, nothing else.
fn is_decimal(text: &str) -> bool {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let Some((whole, fraction)) = unsigned.split_once(['.', ',']) else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction) && fraction.bytes().any(|b| b != b'0')
}

/// The value masked for reports: first 3 characters, the rest as `•`.
///
/// ```
/// use annuaire_cpts::rules::nir::mask;
/// assert_eq!(mask("299123155555591"), "299••••••••••••");
/// assert_eq!(mask("é1"), "é1");
/// ```
pub fn mask(text: &str) -> String {
    text.chars()
        .enumerate()
        .map(|(i, c)| if i < 3 { c } else { '•' })
        .collect()
}

/// The first address at `@patient.mssante.fr` (any case), from the start of its local part.
fn patient_address(text: &str) -> Option<&str> {
    let (at, _) = text.match_indices('@').find(|(i, _)| {
        text.get(*i..*i + PATIENT_DOMAIN.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(PATIENT_DOMAIN))
    })?;
    let before = text.get(..at)?;
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| {
            c.is_whitespace() || matches!(c, ';' | ',' | '<' | '(' | '"' | '\'' | ':' | '/')
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    text.get(start..at + PATIENT_DOMAIN.len())
}

/// Where a NIR may be split into groups: after the sex, year, month, department, commune and
/// order number.
const NIR_CUTS: [usize; 6] = [1, 3, 5, 7, 10, 13];

/// Separators a NIR may be split by.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '.' | '-' | '\u{2010}' | '\u{2011}' | '\u{2013}')
}

/// The first NIR in the text, upper-cased, separators removed; a 15-character one is preferred
/// to a 13-character one. A cell holding only a keyed NIR is taken however it is split.
///
/// The text is cut into groups of ASCII digits (and A/B, for Corsica) and chains of groups
/// separated only by separators; any other character or a word breaks a chain. A candidate is
/// one group, or consecutive groups of a chain cut only where people split a NIR (the Carte
/// Vitale layout `2 99 12 31 555 555 91` and any coarser one, see [`NIR_CUTS`]). So numbers
/// typed side by side rarely line up: phone numbers (pairs) never do, nor an RPPS beside a
/// phone number, whatever their spacing.
fn find_nir(text: &str) -> Option<String> {
    whole_cell_nir(text).or_else(|| grouped_nir(text))
}

/// A cell holding nothing but one keyed NIR split anywhere by separators. The key makes a
/// chance match rare (1 in 97 NIR-shaped numbers), and a cell of exactly 15 such characters
/// holds no other number it could be; without this, a NIR split oddly would be echoed
/// unmasked in another rule's finding (`rpps.invalid` reports the value as typed).
fn whole_cell_nir(text: &str) -> Option<String> {
    let mut candidate = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() || matches!(c, 'A' | 'B' | 'a' | 'b') {
            if candidate.len() == 15 {
                return None;
            }
            candidate.push(c.to_ascii_uppercase());
        } else if !is_separator(c) {
            return None;
        }
    }
    (candidate.len() == 15 && is_nir(&candidate)).then_some(candidate)
}

/// The first NIR found in the groups of the text (see [`find_nir`]).
fn grouped_nir(text: &str) -> Option<String> {
    let mut chains: Vec<Vec<&str>> = Vec::new();
    let mut chain: Vec<&str> = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '\0')))
    {
        if c.is_ascii_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(group) = start.take().and_then(|s| text.get(s..i)) {
            if group
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'A' | b'B' | b'a' | b'b'))
            {
                chain.push(group);
            } else if !chain.is_empty() {
                chains.push(std::mem::take(&mut chain));
            }
        }
        if !is_separator(c) && !chain.is_empty() {
            chains.push(std::mem::take(&mut chain));
        }
    }
    let mut short = None;
    for chain in &chains {
        for first in 0..chain.len() {
            let mut candidate = String::new();
            for group in chain.iter().skip(first) {
                if !candidate.is_empty() && !NIR_CUTS.contains(&candidate.len()) {
                    break;
                }
                candidate.push_str(group);
                match candidate.len() {
                    15 if is_nir(&candidate) => return Some(candidate.to_ascii_uppercase()),
                    13 if short.is_none() && is_nir(&candidate) => {
                        short = Some(candidate.to_ascii_uppercase());
                    }
                    n if n >= 15 => break,
                    _ => {}
                }
            }
        }
    }
    short
}

/// Whether 13 or 15 ASCII characters are a NIR (a 15-character one must carry a valid key).
fn is_nir(candidate: &str) -> bool {
    let b = candidate.as_bytes();
    if b.len() != 13 && b.len() != 15 {
        return false;
    }
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    let department = match b.get(5..7) {
        Some([b'2', b'A' | b'a']) => Some(19),
        Some([b'2', b'B' | b'b']) => Some(18),
        Some(_) if digits(5..7) => None,
        _ => return false,
    };
    if !matches!(b.first(), Some(b'1'..=b'4' | b'7' | b'8')) || !digits(1..5) || !digits(7..13) {
        return false;
    }
    if b.len() == 13 {
        return true;
    }
    if !digits(13..15) {
        return false;
    }
    let number = |range: std::ops::Range<usize>| {
        b.get(range).map_or(0u64, |s| {
            s.iter().fold(0u64, |n, d| n * 10 + u64::from(d - b'0'))
        })
    };
    let n = match department {
        Some(dept) => (number(0..5) * 100 + dept) * 1_000_000 + number(7..13),
        None => number(0..13),
    };
    97 - n % 97 == number(13..15)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn table() {
        let cases: &[(&str, Option<&str>)] = &[
            // Synthetic NIRs (month 12, department 31, order 555 555).
            ("299123155555591", Some("299123155555591")),
            ("2 99 12 31 555 555 91", Some("299123155555591")),
            ("2.99.12.31.555.555.91", Some("299123155555591")),
            ("2-99-12-31-555-555-91", Some("299123155555591")),
            ("2\u{a0}99\u{202f}12 31 555 555 91", Some("299123155555591")),
            (
                "Sécu : 2 99 12 31 555 555 91 (carte vitale)",
                Some("299123155555591"),
            ),
            ("299123155555591 0561123456", Some("299123155555591")),
            ("2991231555555", Some("2991231555555")),
            ("2 99 12 31 555 555", Some("2991231555555")),
            ("299122A55555527", Some("299122A55555527")),
            ("2 99 12 2b 555 555 54", Some("299122B55555554")),
            ("299122a555555", Some("299122A555555")),
            // A 15-character value with a wrong key is not a NIR.
            ("299123155555592", None),
            ("599123155555591", None),
            ("099123155555591", None),
            // Other identifiers and numbers never add up to one.
            ("10000000009", None),
            ("810000000009", None),
            ("311000012", None),
            ("05 61 12 34 56", None),
            ("0561123456 / 0612345678", None),
            ("05 61 12 34 56 06 12 34 56 78", None),
            ("10000000009 0561123456", None),
            ("0561123456 10000000009", None),
            ("10000000009 311000012", None),
            ("0033 5 61 12 34 56", None),
            ("+44 20 7123 4567", None),
            ("12345678900012", None),
            ("99912345678901234", None),
            ("A2991231555555", None),
            ("10 00 00 00 00 9 05 61 12 34 56", None),
            ("2991231555555 0561123456", Some("2991231555555")),
            ("NIR 2991231555555", Some("2991231555555")),
            // Spaced the Carte Vitale way, its first 13 characters are still NIR-shaped.
            ("2 99 12 31 555 555 92", Some("2991231555555")),
            ("2 99 12 31 555 555 05 61 12 34 56", Some("2991231555555")),
            ("299 12 31 555555 91", Some("299123155555591")),
            // A cell of nothing but a keyed NIR is one, however oddly it is split.
            ("29 912 31 555 555 91", Some("299123155555591")),
            ("29912315555559 1", Some("299123155555591")),
            ("2991 2 2a5555 5527", Some("299122A55555527")),
            ("29 912 31 555 555 92", None),
            ("29912315555559", None),
            ("", None),
            ("🙂🙂🙂", None),
        ];
        for (input, expected) in cases {
            assert_eq!(find_nir(input).as_deref(), *expected, "{input}");
            assert_eq!(scan(input).is_some(), expected.is_some(), "{input}");
        }
    }

    #[test]
    fn a_nir_written_as_a_float_is_found() {
        for text in [
            "2.99123155555591E14",
            "2,99123155555591E+14",
            "299123155555591.0",
            "2.991231555555E12",
            " 2.991231555555e+12 ",
        ] {
            assert!(scan(text).is_some(), "{text}");
        }
        // Decimals and GPS coordinates are not NIRs, whatever their digits.
        for text in [
            "31.3333333333333",
            "-1.4444444444444",
            "2991231555555.91",
            "43,6047275333333",
        ] {
            assert!(scan(text).is_none(), "{text}");
        }
        // An RPPS or a phone number stored as a number is not a NIR.
        for text in ["1.0000000009E10", "5.61123456E8", "10000000009.0"] {
            assert!(scan(text).is_none(), "{text}");
        }
    }

    #[test]
    fn patient_addresses() {
        let issue = scan("MAILTO:299123155555591@Patient.MSSante.fr");
        assert_eq!(issue.as_ref().map(|i| i.code), Some(Code::NirDetected));
        let message = issue.map(|i| i.message).unwrap_or_default();
        assert!(message.contains("299••••"), "{message}");
        assert!(!message.contains("2991231"), "{message}");
        assert!(scan("x; 12@patient.mssante.fr").is_some());
        assert!(scan("jean.dupont@medecin.mssante.fr").is_none());
        assert!(scan("patient.mssante.fr").is_none());
        assert!(scan("é@patient.mssante.f").is_none());
    }

    #[test]
    fn message_masks_the_value() {
        let message = scan("2 99 12 31 555 555 91")
            .map(|i| i.message)
            .unwrap_or_default();
        assert!(message.contains("299••••••••••••"), "{message}");
        assert!(!message.contains("2991231"));
    }

    #[test]
    fn mask_counts_characters_not_bytes() {
        assert_eq!(mask(""), "");
        assert_eq!(mask("ab"), "ab");
        assert_eq!(mask("éèàù"), "éèà•");
        assert_eq!(mask("🙂🙂🙂🙂🙂"), "🙂🙂🙂••");
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,60}") {
            let _ = scan(&s);
        }

        #[test]
        fn digit_soup_never_panics(s in "[0-9AB .\u{a0}@-]{0,40}") {
            let _ = scan(&s);
        }

        #[test]
        fn a_keyed_nir_is_found_however_spaced(body in "[1-478][0-9]{12}", sep in "[ .-]?") {
            let key = 97 - body.parse::<u64>().unwrap() % 97;
            let nir = format!("{body}{key:02}");
            let spaced = format!("{}{sep}{}{sep}{}", &nir[..1], &nir[1..7], &nir[7..]);
            prop_assert_eq!(find_nir(&spaced), Some(nir.clone()));
            let masked = scan(&spaced).map(|i| i.message).unwrap_or_default();
            prop_assert!(!masked.contains(&nir[..8]));
        }

        #[test]
        fn a_keyed_nir_alone_in_its_cell_is_found_however_split(
            body in "[1-478][0-9]{12}",
            cuts in proptest::collection::vec(1usize..15, 0..4),
            sep in "[ .-]",
        ) {
            let key = 97 - body.parse::<u64>().unwrap() % 97;
            let nir = format!("{body}{key:02}");
            let mut split = String::new();
            for (i, c) in nir.chars().enumerate() {
                if cuts.contains(&i) {
                    split.push_str(&sep);
                }
                split.push(c);
            }
            prop_assert_eq!(find_nir(&split), Some(nir));
        }

        #[test]
        fn phones_and_rpps_are_never_taken_for_a_nir(a in "0[1-9][0-9]{8}", b in "1[0-9]{10}") {
            let spaced = |s: &str| s.as_bytes().chunks(2).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ");
            let texts = [
                format!("{} {}", spaced(&a), spaced(&a)),
                format!("{a} {b}"),
                format!("{b} {a}"),
                format!("{} {b}", spaced(&a)),
                format!("{b} {}", spaced(&a)),
                format!("{} {}", spaced(&b), spaced(&a)),
                format!("{} {}", spaced(&a), spaced(&b)),
            ];
            for text in &texts {
                prop_assert!(scan(text).is_none(), "{}", text);
            }
        }
    }
}
