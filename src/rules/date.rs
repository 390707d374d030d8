//! Dates (SPEC §2): the date of joining, written `dd/mm/yyyy`, not in the future, not before
//! 01/01/2016 (CPTS were created by the 2016 health law).
//!
//! Accepted on input:
//! - a date cell (the reader gives it as `dd/mm/yyyy`);
//! - text `dd/mm/yyyy`, `d/m/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy`, `yyyy-mm-dd` (ISO, as CSV
//!   exports write it), `dd/mm/yy` (→ 20yy), each optionally followed by a time
//!   (`00:00:00`) that is dropped;
//! - text written out in French: `15 septembre 2023`, `1er janvier 2020`, `15 sept. 2023`;
//! - in a numeric cell or a CSV field, an Excel serial number (1900 date system, the default
//!   of Excel for Windows) between 01/01/2000 and 31/12/2099: a date whose cell lost its date
//!   format. Other numbers are not dates.
//!
//! A date read in another form is normalised with a `value.fixed` notice. A text that is not a
//! date, an impossible date (31/02/2024), a date after today or before 2016 is `date.invalid`.
//! The value written is then the date in `dd/mm/yyyy` when one was read (easier to correct than
//! a serial number), else the text as typed.

use super::text::clean;
use super::{Checked, Issue};
use crate::report::Code;
use crate::table::{Cell, CellKind, Ymd};
use crate::text::values as msg;

/// The earliest date accepted.
pub const EARLIEST: Ymd = Ymd {
    year: 2016,
    month: 1,
    day: 1,
};

/// Unix day of Excel's day 0 in the 1900 system, 30/12/1899 (serials above 60 count from it,
/// Excel's phantom 29/02/1900 absorbed).
const EXCEL_EPOCH_UNIX_DAYS: i64 = -25_569;

/// Serials accepted as dates: 01/01/2000 to 31/12/2099.
const SERIAL_RANGE: std::ops::RangeInclusive<i64> = 36_526..=73_050;

/// Checks a date cell; the value written is `dd/mm/yyyy`.
///
/// ```
/// use annuaire_cpts::{rules::date, Cell, Code, Ymd};
/// let today = Ymd { year: 2026, month: 3, day: 1 };
/// assert!(date::check(&Cell::text("15/09/2023"), today).issues.is_empty());
/// assert_eq!(date::check(&Cell::text("2023-09-15"), today).value, "15/09/2023");
/// assert_eq!(date::check(&Cell::number("45184"), today).value, "15/09/2023");
/// assert_eq!(date::check(&Cell::text("15/09/2015"), today).issues[0].code, Code::DateInvalid);
/// ```
pub fn check(cell: &Cell, today: Ymd) -> Checked {
    let typed = clean(&cell.text);
    if typed.is_empty() {
        return Checked::default();
    }
    let serial_allowed = matches!(cell.kind, CellKind::Number | CellKind::Untyped);
    let read = parse_text(&typed)
        .or_else(|| parse_written(&typed))
        .or_else(|| {
            if serial_allowed {
                parse_serial(&typed)
            } else {
                None
            }
        });
    let Some(date) = read else {
        return Checked::with(
            typed.clone(),
            Issue::new(Code::DateInvalid, msg::date_unreadable(&typed)),
        );
    };
    let french = date.to_french();
    if date > today {
        return Checked::with(
            french.clone(),
            Issue::new(Code::DateInvalid, msg::date_future(&french)),
        );
    }
    if date < EARLIEST {
        return Checked::with(
            french.clone(),
            Issue::new(Code::DateInvalid, msg::date_too_old(&french)),
        );
    }
    if french == typed {
        Checked::valid(french)
    } else {
        Checked::with(
            french.clone(),
            Issue::with_fixed(
                Code::ValueFixed,
                french.clone(),
                msg::date_fixed(&typed, &french),
            ),
        )
    }
}

/// Parses a `dd/mm/yyyy` value as written by [`check`].
///
/// ```
/// use annuaire_cpts::{rules::date::parse_french, Ymd};
/// assert_eq!(parse_french("05/03/2026"), Some(Ymd { year: 2026, month: 3, day: 5 }));
/// assert_eq!(parse_french("31/02/2026"), None);
/// assert_eq!(parse_french("2026-03-05"), None);
/// ```
pub fn parse_french(value: &str) -> Option<Ymd> {
    let value = value.trim();
    let bytes = value.as_bytes();
    if bytes.len() != 10 || bytes.get(2) != Some(&b'/') || bytes.get(5) != Some(&b'/') {
        return None;
    }
    let day = number(value.get(0..2)?)?;
    let month = number(value.get(3..5)?)?;
    let year = number(value.get(6..10)?)?;
    valid(year, month, day)
}

/// The text forms listed in the module docs.
fn parse_text(typed: &str) -> Option<Ymd> {
    // Drop a trailing time: « 15/09/2023 00:00:00 », « 2023-09-15T00:00:00 ».
    let date_part = typed.split([' ', 'T']).next()?;
    if date_part.len() != typed.len() && !typed.get(date_part.len() + 1..).is_some_and(is_time) {
        return None;
    }
    let separator = date_part.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let parts: Vec<&str> = date_part.split(separator).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if a.len() == 4 && separator == '-' && b.len() <= 2 && c.len() <= 2 {
        return valid(number(a)?, number(b)?, number(c)?);
    }
    if !(1..=2).contains(&a.len()) || !(1..=2).contains(&b.len()) {
        return None;
    }
    let year = match c.len() {
        4 => number(c)?,
        2 => 2000 + number(c)?,
        _ => return None,
    };
    valid(year, number(b)?, number(a)?)
}

/// Months as people write them out, folded: full names and the usual abbreviations.
const MONTHS: [(&str, u32); 22] = [
    ("janvier", 1),
    ("janv", 1),
    ("fevrier", 2),
    ("fevr", 2),
    ("fev", 2),
    ("mars", 3),
    ("avril", 4),
    ("avr", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("aout", 8),
    ("septembre", 9),
    ("sept", 9),
    ("sep", 9),
    ("octobre", 10),
    ("oct", 10),
    ("novembre", 11),
    ("nov", 11),
    ("decembre", 12),
    ("dec", 12),
];

/// A date written out in French: « 15 septembre 2023 », « 1er janvier 2020 », « 15 sept. 2023 »
/// (day, month name, 4-digit year; a month and year alone are not a date).
fn parse_written(typed: &str) -> Option<Ymd> {
    let folded = crate::fold::fold(typed);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let [day, month, year] = words.as_slice() else {
        return None;
    };
    let day = number(day.strip_suffix("er").unwrap_or(day))?;
    let month = MONTHS.iter().find(|(name, _)| name == month)?.1;
    if year.len() != 4 {
        return None;
    }
    valid(number(year)?, month, day)
}

/// `hh:mm` or `hh:mm:ss` (a time exported with a date).
fn is_time(text: &str) -> bool {
    let parts: Vec<&str> = text.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

/// An Excel serial (whole, or with a time fraction) in the accepted range.
fn parse_serial(typed: &str) -> Option<Ymd> {
    let (whole, fraction) = typed.split_once(['.', ',']).unwrap_or((typed, "0"));
    if whole.is_empty()
        || whole.len() > 6
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let serial: i64 = whole.parse().ok()?;
    SERIAL_RANGE
        .contains(&serial)
        .then(|| Ymd::from_unix_days(serial + EXCEL_EPOCH_UNIX_DAYS))
}

fn number(digits: &str) -> Option<u32> {
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn valid(year: u32, month: u32, day: u32) -> Option<Ymd> {
    let date = Ymd {
        year: i32::try_from(year).ok()?,
        month,
        day,
    };
    date.is_valid().then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TODAY: Ymd = Ymd {
        year: 2026,
        month: 3,
        day: 1,
    };

    #[test]
    fn dates_written_out_in_french_are_read() {
        for (typed, french) in [
            ("15 septembre 2023", "15/09/2023"),
            ("1er janvier 2020", "01/01/2020"),
            ("15 sept. 2023", "15/09/2023"),
            ("3 Février 2021", "03/02/2021"),
            ("3 FEVR 2021", "03/02/2021"),
            ("14 août 2019", "14/08/2019"),
        ] {
            let checked = check(&Cell::text(typed), TODAY);
            assert_eq!(checked.value, french, "{typed}");
            assert_eq!(checked.codes(), vec![Code::ValueFixed], "{typed}");
        }
        for typed in [
            "sept-23",
            "septembre 2023",
            "31 février 2024",
            "15 septembre 23",
            "15 truc 2023",
        ] {
            assert_eq!(
                check(&Cell::text(typed), TODAY).codes(),
                vec![Code::DateInvalid],
                "{typed}"
            );
        }
    }

    #[test]
    fn table_of_dates() {
        use CellKind::{Date, Number, Text, Untyped};
        let cases: &[(&str, CellKind, &str, Option<Code>)] = &[
            ("15/09/2023", Date, "15/09/2023", None),
            ("15/09/2023", Text, "15/09/2023", None),
            (" 15/09/2023 ", Text, "15/09/2023", None),
            ("01/01/2016", Text, "01/01/2016", None),
            ("01/03/2026", Text, "01/03/2026", None),
            ("5/9/2023", Text, "05/09/2023", Some(Code::ValueFixed)),
            ("15-09-2023", Text, "15/09/2023", Some(Code::ValueFixed)),
            ("15.09.2023", Text, "15/09/2023", Some(Code::ValueFixed)),
            ("2023-09-15", Untyped, "15/09/2023", Some(Code::ValueFixed)),
            (
                "2023-09-15 00:00:00",
                Untyped,
                "15/09/2023",
                Some(Code::ValueFixed),
            ),
            (
                "2023-09-15T00:00",
                Untyped,
                "15/09/2023",
                Some(Code::ValueFixed),
            ),
            ("15/09/23", Text, "15/09/2023", Some(Code::ValueFixed)),
            ("45184", Number, "15/09/2023", Some(Code::ValueFixed)),
            ("45184", Untyped, "15/09/2023", Some(Code::ValueFixed)),
            ("45184.5", Number, "15/09/2023", Some(Code::ValueFixed)),
            ("42370", Number, "01/01/2016", Some(Code::ValueFixed)),
            // A number typed as text is not a serial.
            ("45184", Text, "45184", Some(Code::DateInvalid)),
            // Serials outside 2000-2099 are not dates.
            ("31000", Number, "31000", Some(Code::DateInvalid)),
            ("100000", Number, "100000", Some(Code::DateInvalid)),
            ("-45184", Number, "-45184", Some(Code::DateInvalid)),
            ("31/02/2024", Text, "31/02/2024", Some(Code::DateInvalid)),
            ("00/01/2024", Text, "00/01/2024", Some(Code::DateInvalid)),
            ("15/13/2023", Text, "15/13/2023", Some(Code::DateInvalid)),
            ("02/03/2026", Text, "02/03/2026", Some(Code::DateInvalid)),
            ("15/09/2015", Date, "15/09/2015", Some(Code::DateInvalid)),
            ("15/9/2015", Text, "15/09/2015", Some(Code::DateInvalid)),
            ("40000", Number, "06/07/2009", Some(Code::DateInvalid)),
            ("2023/09/15", Text, "2023/09/15", Some(Code::DateInvalid)),
            (
                "15/09/2023 midi",
                Text,
                "15/09/2023 midi",
                Some(Code::DateInvalid),
            ),
            (
                "septembre 2023",
                Text,
                "septembre 2023",
                Some(Code::DateInvalid),
            ),
            ("2023", Number, "2023", Some(Code::DateInvalid)),
            ("15/09", Text, "15/09", Some(Code::DateInvalid)),
            ("1/2/3/4", Text, "1/2/3/4", Some(Code::DateInvalid)),
            ("", Text, "", None),
        ];
        for (typed, kind, value, code) in cases {
            let checked = check(&Cell::new(*typed, *kind), TODAY);
            assert_eq!(checked.value, *value, "{typed:?}");
            assert_eq!(checked.issues.first().map(|i| i.code), *code, "{typed:?}");
            assert!(checked.issues.len() <= 1);
            if let Some(issue) = checked.issues.first() {
                assert!(!issue.message.is_empty());
            }
        }
    }

    #[test]
    fn messages_say_why() {
        let future = check(&Cell::text("02/03/2026"), TODAY);
        let old = check(&Cell::text("31/12/2015"), TODAY);
        let unreadable = check(&Cell::text("hier"), TODAY);
        let messages = [&future, &old, &unreadable].map(|c| c.issues[0].message.clone());
        assert_ne!(messages[0], messages[1]);
        assert_ne!(messages[1], messages[2]);
        assert!(messages[0].contains("02/03/2026"));
        assert!(messages[1].contains("31/12/2015"));
        assert!(messages[2].contains("hier"));
    }

    #[test]
    fn serials_match_excel() {
        // Excel shows 1 as 01/01/1900 and 44927 as 01/01/2023.
        assert_eq!(
            parse_serial("44927"),
            Some(Ymd {
                year: 2023,
                month: 1,
                day: 1
            })
        );
        assert_eq!(parse_serial("1"), None);
        assert_eq!(parse_serial("12a"), None);
        assert_eq!(parse_serial(""), None);
    }

    #[test]
    fn french_form_round_trips() {
        for s in ["01/01/2016", "29/02/2024", "31/12/2099"] {
            assert_eq!(parse_french(s).map(Ymd::to_french).as_deref(), Some(s));
        }
        for s in [
            "1/1/2016",
            "29/02/2023",
            "",
            "aa/bb/cccc",
            "01/01/2016x",
            "é1/01/2016",
        ] {
            assert_eq!(parse_french(s), None, "{s:?}");
        }
    }

    proptest! {
        #[test]
        fn total_and_idempotent(s in "\\PC{0,24}|[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}|[0-9]{4,6}") {
            for kind in [CellKind::Text, CellKind::Number, CellKind::Untyped] {
                let first = check(&Cell::new(s.clone(), kind), TODAY);
                let again = check(&Cell::text(first.value.clone()), TODAY);
                prop_assert_eq!(&again.value, &first.value);
                prop_assert!(again.issues.iter().all(|i| i.code != Code::ValueFixed));
            }
        }
    }
}
