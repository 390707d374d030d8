//! Phone numbers (SPEC §4), after the ARCEP numbering plan (read 2025): 10 digits starting with
//! 0 then 1–9, overseas departments included (0262, 0269, 0590, 0594, 0596, 069x… are ordinary
//! 10-digit numbers); `+33 X…`, `+33 (0)X…`, `0033 X…` and the overseas country codes +262,
//! +590, +594, +596 followed by 9 digits are brought back to the national form; a leading 0 (or
//! `+`) Excel dropped from a number is restored; 08 numbers are a warning.
//!
//! Other countries are accepted in international form and written `+CC` then the national
//! number in pairs from the left, a single digit first when the count is odd (`+32 4 71 23 45
//! 67`, `+44 20 71 23 45 67`): the way French people write foreign numbers, with no per-country
//! table to maintain. Country codes are split by the ITU rule: 1 and 7 take one digit, a fixed
//! list takes two, the rest three.
//!
//! Several numbers in one cell: the first is kept and the others are named in a `value.fixed`
//! notice (SPEC §6 has no code for it; the cell then holds one valid number, which is what the
//! directory needs, and the notice lets the coordinator put the others elsewhere). Text around
//! a single number (« Tél : », « (cabinet) », an emoji) is removed the same way. When something
//! else in the cell looks like a number but is not one (« poste 12 »), nothing is dropped:
//! `phone.invalid` with the first valid number as suggestion.

use super::identifier::recover_float;
use super::{Checked, Issue};
use crate::report::Code;
use crate::table::Cell;
use crate::text::contact as text;

/// Two-digit country codes (ITU-T E.164); `1` and `7` are one digit, any other is three.
const TWO_DIGIT_CODES: [&str; 44] = [
    "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47",
    "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65",
    "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
];

/// Overseas departments with their own country code but numbers of the French plan.
const OVERSEAS_CODES: [&str; 4] = ["262", "590", "594", "596"];

/// Checks and normalises a phone number to `05 61 12 34 56`.
///
/// ```
/// use annuaire_cpts::{Cell, Code};
/// use annuaire_cpts::rules::phone::check;
/// assert!(check(&Cell::text("05 61 12 34 56")).issues.is_empty());
/// assert_eq!(check(&Cell::text("+33 (0)5.61.12.34.56")).value, "05 61 12 34 56");
/// // Excel stored 0612345678 as the number 612345678: the 0 is restored, with a notice.
/// let restored = check(&Cell::number("612345678"));
/// assert_eq!((restored.value.as_str(), restored.issues[0].code), ("06 12 34 56 78", Code::ValueFixed));
/// assert_eq!(check(&Cell::text("0 800 123 456")).issues[1].code, Code::PhonePremium);
/// assert_eq!(check(&Cell::text("12 34")).issues[0].code, Code::PhoneInvalid);
/// ```
pub fn check(cell: &Cell) -> Checked {
    let original = cell.text.trim();
    let lost_zero = cell.may_have_lost_zero();
    let recovered = recover_float(original);
    let (pieces, noise) = match &recovered {
        Some((digits, _)) => (vec![digits.as_str()], false),
        None => pieces(original),
    };
    let mut parsed: Vec<Parsed> = Vec::with_capacity(pieces.len());
    for piece in &pieces {
        match split_pair(piece) {
            Some((a, b)) => parsed.extend([a, b]),
            None => parsed.push(parse(piece)),
        }
    }
    let invalid =
        |message: String| Checked::with(original, Issue::new(Code::PhoneInvalid, message));
    match parsed.as_slice() {
        [] => invalid(text::phone_not_a_number()),
        [one] if !noise => single(original, one, lost_zero),
        _ => several(original, &parsed),
    }
}

/// A phone number as understood.
#[derive(Clone, Debug, PartialEq)]
enum Parsed {
    /// A French number, 10 digits.
    National(String),
    /// A foreign number: country code and national significant number.
    Foreign(String, String),
    /// 9 digits: a French number without its leading 0 (the 10 digits given).
    MissingZero(String),
    /// 11 digits starting with 33: +33 without its `+` (the national 10 digits given).
    MissingPlus(String),
    /// Not a number: why, as a message.
    Invalid(String),
}

impl Parsed {
    /// The written form of a valid number.
    fn format(&self) -> Option<String> {
        match self {
            Parsed::National(n) | Parsed::MissingZero(n) | Parsed::MissingPlus(n) => {
                Some(group(n, false))
            }
            Parsed::Foreign(cc, nsn) => Some(format!("+{cc} {}", group(nsn, nsn.len() % 2 == 1))),
            Parsed::Invalid(_) => None,
        }
    }

    fn is_premium(&self) -> bool {
        matches!(self, Parsed::National(n) | Parsed::MissingZero(n) | Parsed::MissingPlus(n) if n.starts_with("08"))
    }
}

/// One number alone in its cell.
fn single(original: &str, parsed: &Parsed, lost_zero: bool) -> Checked {
    let Some(value) = parsed.format() else {
        let message = match parsed {
            Parsed::Invalid(m) => m.clone(),
            _ => text::phone_not_a_number(),
        };
        return Checked::with(original, Issue::new(Code::PhoneInvalid, message));
    };
    let mut issues = Vec::new();
    match parsed {
        Parsed::MissingZero(_) | Parsed::MissingPlus(_) if !lost_zero => {
            let message = if matches!(parsed, Parsed::MissingZero(_)) {
                text::phone_missing_zero(&value)
            } else {
                text::phone_missing_plus(&value)
            };
            return Checked::with(
                original,
                Issue::with_fixed(Code::PhoneInvalid, value, message),
            );
        }
        Parsed::MissingZero(_) => issues.push(Issue::with_fixed(
            Code::ValueFixed,
            value.as_str(),
            text::phone_zero_restored(original, &value),
        )),
        Parsed::MissingPlus(_) => issues.push(Issue::with_fixed(
            Code::ValueFixed,
            value.as_str(),
            text::phone_plus_restored(original, &value),
        )),
        _ if value != original => issues.push(Issue::with_fixed(
            Code::ValueFixed,
            value.as_str(),
            text::phone_normalised(original, &value),
        )),
        _ => {}
    }
    if parsed.is_premium() {
        issues.push(Issue::new(Code::PhonePremium, text::phone_premium()));
    }
    Checked { value, issues }
}

/// Several numbers, or a number with text around it.
fn several(original: &str, parsed: &[Parsed]) -> Checked {
    let valid = |p: &&Parsed| matches!(p, Parsed::National(_) | Parsed::Foreign(..));
    let Some(first) = parsed.iter().find(valid) else {
        let message = match parsed.first() {
            Some(Parsed::Invalid(m)) if parsed.len() == 1 => m.clone(),
            _ => text::phone_not_a_number(),
        };
        return Checked::with(original, Issue::new(Code::PhoneInvalid, message));
    };
    let value = first.format().unwrap_or_default();
    if !parsed.iter().all(|p| valid(&p)) {
        let message = text::phone_extra(&value);
        return Checked::with(
            original,
            Issue::with_fixed(Code::PhoneInvalid, value, message),
        );
    }
    let dropped: Vec<String> = parsed
        .iter()
        .skip_while(|p| *p != first)
        .skip(1)
        .filter_map(Parsed::format)
        .map(|n| format!("« {n} »"))
        .collect();
    let message = if dropped.is_empty() {
        text::phone_text_removed(original, &value)
    } else {
        text::phone_kept_first(original, &value, &dropped.join(", "))
    };
    let mut issues = vec![Issue::with_fixed(Code::ValueFixed, value.as_str(), message)];
    if first.is_premium() {
        issues.push(Issue::new(Code::PhonePremium, text::phone_premium()));
    }
    Checked { value, issues }
}

/// Characters that may appear inside a written number besides digits.
fn is_number_char(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '.' | '-' | '(' | ')' | '+' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{200B}' | '\''
        )
}

/// The pieces of the text that hold digits, and whether anything else (words, `/`, `;`,
/// emoji…) was around them. A `+` after digits starts a new piece.
fn pieces(text: &str) -> (Vec<&str>, bool) {
    let mut pieces = Vec::new();
    let mut noise = false;
    let mut start: Option<usize> = None;
    let mut has_digit = false;
    let mut close = |start: &mut Option<usize>, has_digit: &mut bool, end: usize| {
        if let Some(s) = start.take() {
            if *has_digit {
                if let Some(piece) = text.get(s..end) {
                    pieces.push(piece);
                }
            }
        }
        *has_digit = false;
    };
    for (i, c) in text.char_indices() {
        if c.is_ascii_digit() {
            start.get_or_insert(i);
            has_digit = true;
        } else if c == '+' && has_digit {
            close(&mut start, &mut has_digit, i);
            start = Some(i);
        } else if is_number_char(c) {
            start.get_or_insert(i);
        } else {
            noise = true;
            close(&mut start, &mut has_digit, i);
        }
    }
    close(&mut start, &mut has_digit, text.len());
    (pieces, noise)
}

/// Reads one piece: its digits, and whether it is written in international form.
fn parse(piece: &str) -> Parsed {
    let piece = piece.trim_matches(|c: char| !c.is_ascii_digit() && c != '+' && c != '(');
    let plus = piece.starts_with('+');
    let digits: String = piece.chars().filter(char::is_ascii_digit).collect();
    if !digits.is_empty() && digits.bytes().all(|b| b == b'0') {
        // Read as `00` + a country code, it would get the international-number message.
        return Parsed::Invalid(text::phone_placeholder());
    }
    let international = plus || digits.starts_with("00");
    let digits = if international && piece.contains("(0)") {
        piece
            .replace("(0)", "")
            .chars()
            .filter(char::is_ascii_digit)
            .collect()
    } else {
        digits
    };
    if plus {
        if piece.get(1..).is_some_and(|rest| rest.contains('+')) {
            return Parsed::Invalid(text::phone_bad_international());
        }
        international_number(&digits)
    } else if let Some(rest) = digits.strip_prefix("00") {
        international_number(rest)
    } else {
        national_number(digits)
    }
}

/// Digits written without a country code.
fn national_number(digits: String) -> Parsed {
    let bytes = digits.as_bytes();
    match (bytes.len(), bytes.first(), bytes.get(1), bytes.get(2)) {
        (10, Some(b'0'), Some(b'1'..=b'9'), _) => Parsed::National(digits),
        (10, ..) => Parsed::Invalid(text::phone_bad_start()),
        (9, Some(b'1'..=b'9'), ..) => Parsed::MissingZero(format!("0{digits}")),
        (11, Some(b'3'), Some(b'3'), Some(b'1'..=b'9')) => {
            Parsed::MissingPlus(format!("0{}", digits.get(2..).unwrap_or_default()))
        }
        (n, ..) => Parsed::Invalid(text::phone_bad_length(n)),
    }
}

/// Digits after `+` or `00`.
fn international_number(digits: &str) -> Parsed {
    let french = ["33"]
        .iter()
        .chain(OVERSEAS_CODES.iter())
        .find(|cc| digits.starts_with(**cc));
    if let Some(cc) = french {
        let rest = digits.get(cc.len()..).unwrap_or_default();
        // `+33 06…`: the trunk 0 kept after the country code, a common slip.
        let rest = match rest.strip_prefix('0') {
            Some(r) if rest.len() == 10 => r,
            _ => rest,
        };
        return match rest.as_bytes() {
            [b'1'..=b'9', ..] if rest.len() == 9 => Parsed::National(format!("0{rest}")),
            _ => Parsed::Invalid(text::phone_bad_international()),
        };
    }
    let cc_len = match digits.as_bytes().first() {
        Some(b'1' | b'7') => 1,
        Some(b'1'..=b'9')
            if digits
                .get(..2)
                .is_some_and(|p| TWO_DIGIT_CODES.contains(&p)) =>
        {
            2
        }
        Some(b'1'..=b'9') => 3,
        _ => return Parsed::Invalid(text::phone_bad_international()),
    };
    let (Some(cc), Some(nsn)) = (digits.get(..cc_len), digits.get(cc_len..)) else {
        return Parsed::Invalid(text::phone_bad_international());
    };
    let length_ok = if cc_len == 1 {
        nsn.len() == 10
    } else {
        (6..=12).contains(&nsn.len()) && digits.len() <= 15
    };
    if length_ok && !nsn.starts_with('0') {
        Parsed::Foreign(cc.to_string(), nsn.to_string())
    } else {
        Parsed::Invalid(text::phone_bad_international())
    }
}

/// Two French numbers typed side by side with no other separator than spaces (20 digits).
fn split_pair(piece: &str) -> Option<(Parsed, Parsed)> {
    if piece.trim_start().starts_with('+') {
        return None;
    }
    let digits: String = piece.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 20 {
        return None;
    }
    let (a, b) = digits.split_at(10);
    match (
        national_number(a.to_string()),
        national_number(b.to_string()),
    ) {
        (a @ Parsed::National(_), b @ Parsed::National(_)) => Some((a, b)),
        _ => None,
    }
}

/// Digits in pairs from the left; with `odd`, a single digit first.
fn group(digits: &str, odd: bool) -> String {
    let mut out = String::with_capacity(digits.len() * 3 / 2 + 1);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (i % 2 == 1) == odd {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::CellKind;
    use proptest::prelude::*;

    #[test]
    fn table() {
        use CellKind::{Number, Text, Untyped};
        let fixed = &[Code::ValueFixed][..];
        let invalid = &[Code::PhoneInvalid][..];
        let premium = &[Code::PhonePremium][..];
        let fixed_premium = &[Code::ValueFixed, Code::PhonePremium][..];
        let cases: &[(&str, CellKind, &str, &[Code])] = &[
            ("05 61 12 34 56", Text, "05 61 12 34 56", &[]),
            ("0561123456", Text, "05 61 12 34 56", fixed),
            ("05.61.12.34.56", Text, "05 61 12 34 56", fixed),
            ("05-61-12-34-56", Text, "05 61 12 34 56", fixed),
            (
                "05\u{a0}61\u{202f}12\u{2009}34 56",
                Text,
                "05 61 12 34 56",
                fixed,
            ),
            ("(05) 61 12 34 56", Text, "05 61 12 34 56", fixed),
            ("  05 61 12 34 56  ", Text, "05 61 12 34 56", &[]),
            ("+33 5 61 12 34 56", Text, "05 61 12 34 56", fixed),
            ("+33 (0)5 61 12 34 56", Text, "05 61 12 34 56", fixed),
            ("+33(0)561123456", Text, "05 61 12 34 56", fixed),
            ("+33 06 12 34 56 78", Text, "06 12 34 56 78", fixed),
            ("0033 6 12 34 56 78", Text, "06 12 34 56 78", fixed),
            ("'0612345678", Text, "06 12 34 56 78", fixed),
            ("02 62 12 34 56", Text, "02 62 12 34 56", &[]),
            ("0262 12 34 56", Text, "02 62 12 34 56", fixed),
            ("0692 12 34 56", Text, "06 92 12 34 56", fixed),
            ("05 90 12 34 56", Text, "05 90 12 34 56", &[]),
            ("05 08 41 23 45", Text, "05 08 41 23 45", &[]),
            ("+262 692 12 34 56", Text, "06 92 12 34 56", fixed),
            ("+596 596 12 34 56", Text, "05 96 12 34 56", fixed),
            ("612345678", Number, "06 12 34 56 78", fixed),
            ("561123456", Untyped, "05 61 12 34 56", fixed),
            ("612345678", Text, "612345678", invalid),
            ("6 12 34 56 78", Text, "6 12 34 56 78", invalid),
            ("33612345678", Number, "06 12 34 56 78", fixed),
            ("33612345678", Text, "33612345678", invalid),
            ("612345678.0", Text, "612345678.0", invalid),
            ("612345678.0", Number, "06 12 34 56 78", fixed),
            ("-612345678", Number, "06 12 34 56 78", fixed),
            ("08 00 12 34 56", Text, "08 00 12 34 56", premium),
            ("0892123456", Text, "08 92 12 34 56", fixed_premium),
            ("800123456", Number, "08 00 12 34 56", fixed_premium),
            ("+32 4 71 23 45 67", Text, "+32 4 71 23 45 67", &[]),
            ("+32 471 23 45 67", Text, "+32 4 71 23 45 67", fixed),
            ("0032 471234567", Text, "+32 4 71 23 45 67", fixed),
            ("+44 20 7123 4567", Text, "+44 20 71 23 45 67", fixed),
            ("+41 (0)21 345 67 89", Text, "+41 2 13 45 67 89", fixed),
            ("+1 514 555 0199", Text, "+1 51 45 55 01 99", fixed),
            ("+376 812 345", Text, "+376 81 23 45", fixed),
            ("+1 555 0199", Text, "+1 555 0199", invalid),
            ("+44 0", Text, "+44 0", invalid),
            ("+0 12345678", Text, "+0 12345678", invalid),
            ("+33 5 61 12 34", Text, "+33 5 61 12 34", invalid),
            (
                "+33 +33 5 61 12 34 56",
                Text,
                "+33 +33 5 61 12 34 56",
                invalid,
            ),
            ("00 00 00 00 00", Text, "00 00 00 00 00", invalid),
            ("1561123456", Text, "1561123456", invalid),
            ("05 61 12 34", Text, "05 61 12 34", invalid),
            ("05 61 12 34 56 78", Text, "05 61 12 34 56 78", invalid),
            ("N/A", Text, "N/A", invalid),
            ("-", Text, "-", invalid),
            ("0", Number, "0", invalid),
            ("", Text, "", invalid),
            (
                "０５６１１２３４５６",
                Text,
                "０５６１１２３４５６",
                invalid,
            ),
            // Several numbers, or text around one: the first is kept.
            (
                "05 61 12 34 56 / 06 12 34 56 78",
                Text,
                "05 61 12 34 56",
                fixed,
            ),
            ("0561123456 ; 0612345678", Text, "05 61 12 34 56", fixed),
            (
                "05 61 12 34 56 06 12 34 56 78",
                Text,
                "05 61 12 34 56",
                fixed,
            ),
            ("0561123456-0612345678", Text, "05 61 12 34 56", fixed),
            ("Tél : 05 61 12 34 56", Text, "05 61 12 34 56", fixed),
            ("tel:+33561123456", Text, "05 61 12 34 56", fixed),
            ("05 61 12 34 56 (cabinet)", Text, "05 61 12 34 56", fixed),
            ("📞 05 61 12 34 56", Text, "05 61 12 34 56", fixed),
            (
                "08 00 12 34 56 ou 05 61 12 34 56",
                Text,
                "08 00 12 34 56",
                fixed_premium,
            ),
            // Something else that looks like a number: nothing dropped, a suggestion.
            (
                "05 61 12 34 56 poste 12",
                Text,
                "05 61 12 34 56 poste 12",
                invalid,
            ),
            (
                "abc 12 / 05 61 12 34 56",
                Text,
                "abc 12 / 05 61 12 34 56",
                invalid,
            ),
            ("voir secrétariat", Text, "voir secrétariat", invalid),
        ];
        for (input, kind, value, expected) in cases {
            let checked = check(&Cell::new(*input, *kind));
            assert_eq!(checked.value, *value, "{input}");
            assert_eq!(checked.codes(), *expected, "{input}");
        }
    }

    #[test]
    fn suggestions_and_messages() {
        let text_cell = check(&Cell::text("612345678"));
        assert_eq!(text_cell.issues[0].fixed.as_deref(), Some("06 12 34 56 78"));
        let two = check(&Cell::text("05 61 12 34 56 / 06 12 34 56 78"));
        assert!(
            two.issues[0].message.contains("« 06 12 34 56 78 »"),
            "{}",
            two.issues[0].message
        );
        let extension = check(&Cell::text("05 61 12 34 56 poste 12"));
        assert_eq!(extension.issues[0].fixed.as_deref(), Some("05 61 12 34 56"));
        let fixed = check(&Cell::text("0561123456"));
        assert!(fixed.issues[0]
            .message
            .contains("« 0561123456 » → « 05 61 12 34 56 »"));
        let long = check(&Cell::text("05 61 12 34"));
        assert!(long.issues[0].message.contains("8 chiffres"));
    }

    #[test]
    fn zeros_are_a_placeholder_not_an_international_number() {
        for typed in ["00 00 00 00 00", "0000000000", "+00 00", "0"] {
            let checked = check(&Cell::text(typed));
            assert_eq!(checked.codes(), vec![Code::PhoneInvalid], "{typed}");
            assert!(
                checked.issues[0].message.contains("pas un vrai numéro"),
                "{typed}: {}",
                checked.issues[0].message
            );
        }
    }

    #[test]
    fn grouping() {
        assert_eq!(group("0561123456", false), "05 61 12 34 56");
        assert_eq!(group("471234567", true), "4 71 23 45 67");
        assert_eq!(group("", true), "");
        assert_eq!(group("1", true), "1");
    }

    #[test]
    fn very_long_text_is_handled() {
        let many = "05 61 12 34 56 / ".repeat(2_000);
        let checked = check(&Cell::text(many));
        assert!(
            checked.value == "05 61 12 34 56",
            "several numbers: the first is kept"
        );
        let run = "05 61 12 34 56 ".repeat(2_000);
        let checked = check(&Cell::text(run));
        assert!(checked.issues.iter().any(|i| i.code == Code::PhoneInvalid));
    }

    proptest! {
        #[test]
        fn never_panics_and_is_idempotent(s in "\\PC{0,40}", kind in 0..3u8) {
            let kind = [CellKind::Text, CellKind::Number, CellKind::Untyped][usize::from(kind)];
            let first = check(&Cell::new(s, kind));
            let again = check(&Cell::text(first.value.clone()));
            prop_assert_eq!(&again.value, &first.value);
            prop_assert!(again.issues.iter().all(|i| i.code != Code::ValueFixed));
            if first.issues.iter().all(|i| i.code != Code::PhoneInvalid) {
                prop_assert!(again.issues.iter().all(|i| i.code == Code::PhonePremium));
            }
        }

        #[test]
        fn number_soup_is_idempotent(s in "[0-9+() .-]{0,25}", number in any::<bool>()) {
            let kind = if number { CellKind::Number } else { CellKind::Text };
            let first = check(&Cell::new(s, kind));
            let again = check(&Cell::text(first.value.clone()));
            prop_assert_eq!(&again.value, &first.value);
            prop_assert!(again.issues.iter().all(|i| i.code != Code::ValueFixed));
        }

        #[test]
        fn every_french_number_is_normalised(d in "0[1-9][0-9]{8}", sep in "[ .-]?") {
            let written: Vec<&str> = (0..5).map(|i| &d[i * 2..i * 2 + 2]).collect();
            let checked = check(&Cell::text(written.join(&sep)));
            prop_assert_eq!(checked.value, group(&d, false));
            prop_assert!(checked.issues.iter().all(|i| i.code != Code::PhoneInvalid));
        }
    }
}
