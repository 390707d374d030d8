//! Cell references and date serials.

/// Rows of a worksheet (Excel 2007 and later).
pub(crate) const MAX_ROWS: u32 = 1_048_576;
/// Columns of a worksheet.
pub(crate) const MAX_COLS: u16 = 16_384;

/// The letters of a 0-based column: 0 → `A`, 25 → `Z`, 26 → `AA`, 16383 → `XFD`.
pub(crate) fn column_name(col: u16) -> String {
    let mut letters = Vec::with_capacity(3);
    let mut n = u32::from(col) + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// `text` cut, at a character boundary, to at most `max` UTF-16 units: Excel counts a cell's
/// length in UTF-16 units.
pub(crate) fn cut_utf16(text: &str, max: usize) -> &str {
    // A UTF-16 unit takes at least one byte: shorter texts fit without counting.
    if text.len() <= max {
        return text;
    }
    let mut units = 0;
    let end = text
        .char_indices()
        .find(|(_, c)| {
            units += c.len_utf16();
            units > max
        })
        .map_or(text.len(), |(i, _)| i);
    text.get(..end).unwrap_or_default()
}

/// Appends the decimal digits of `n`. The sheet writer puts a number in most cells (a style
/// index, a shared-string index, a row number): a `to_string` each was millions of short-lived
/// allocations at 100,000 rows.
pub(crate) fn push_uint(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        if let Some(d) = digits.get_mut(start) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || start == 0 {
            break;
        }
    }
    for &d in digits.get(start..).unwrap_or_default() {
        out.push(char::from(d));
    }
}

/// The A1 reference of a 0-based cell: (0, 0) → `A1`.
pub(crate) fn cell_ref(row: u32, col: u16) -> String {
    format!("{}{}", column_name(col), u64::from(row) + 1)
}

/// The A1 range of 0-based cells: `A1:Q200`.
pub(crate) fn range_ref(first: (u32, u16), last: (u32, u16)) -> String {
    format!(
        "{}:{}",
        cell_ref(first.0, first.1),
        cell_ref(last.0, last.1)
    )
}

/// An absolute range on a named sheet, as formulas and defined names want it:
/// `Listes!$A$1:$A$38`, the name quoted when it holds more than letters, digits and `_`.
pub(crate) fn absolute_range(sheet: &str, first: (u32, u16), last: (u32, u16)) -> String {
    let plain = sheet.chars().all(|c| c.is_alphanumeric() || c == '_')
        && !sheet.starts_with(|c: char| c.is_ascii_digit());
    let sheet = if plain {
        sheet.to_string()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    };
    format!(
        "{sheet}!${}${}:${}${}",
        column_name(first.1),
        u64::from(first.0) + 1,
        column_name(last.1),
        u64::from(last.0) + 1
    )
}

/// Excel's serial number of a date (1900 date system): 1 for 1900-01-01, 45306 for
/// 2024-01-15. `None` outside what Excel shows as a date (years 1900 to 9999) or for a day
/// that does not exist.
pub(crate) fn date_serial(year: i32, month: u32, day: u32) -> Option<u32> {
    if !(1900..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
        return None;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day > days_in_month {
        return None;
    }
    let days = days_from_civil(i64::from(year), i64::from(month), i64::from(day))
        - days_from_civil(1899, 12, 30);
    // Excel counts a 29 February 1900 that never was (Lotus 1-2-3's bug): the serials of the
    // two months before it are one less.
    let days = if year == 1900 && month <= 2 {
        days - 1
    } else {
        days
    };
    u32::try_from(days).ok()
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_to_string_does() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, u64::from(u32::MAX), u64::MAX] {
            let mut out = String::from("x");
            push_uint(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
        assert_eq!(column_name(MAX_COLS - 1), "XFD");
    }

    #[test]
    fn references_and_ranges() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(MAX_ROWS - 1, MAX_COLS - 1), "XFD1048576");
        assert_eq!(range_ref((0, 0), (199, 16)), "A1:Q200");
        assert_eq!(
            absolute_range("Listes", (0, 0), (37, 0)),
            "Listes!$A$1:$A$38"
        );
        assert_eq!(
            absolute_range("Contrôle", (0, 0), (9, 6)),
            "Contrôle!$A$1:$G$10"
        );
        assert_eq!(
            absolute_range("A b's", (0, 1), (0, 1)),
            "'A b''s'!$B$1:$B$1"
        );
        assert_eq!(absolute_range("2024", (0, 0), (0, 0)), "'2024'!$A$1:$A$1");
    }

    #[test]
    fn date_serials_match_excel() {
        assert_eq!(date_serial(1900, 1, 1), Some(1));
        assert_eq!(date_serial(1900, 2, 28), Some(59));
        assert_eq!(date_serial(1900, 3, 1), Some(61));
        assert_eq!(date_serial(1970, 1, 1), Some(25_569));
        assert_eq!(date_serial(2024, 1, 15), Some(45_306));
        assert_eq!(date_serial(2024, 2, 29), Some(45_351));
        assert_eq!(date_serial(9999, 12, 31), Some(2_958_465));
    }

    #[test]
    fn impossible_dates_have_no_serial() {
        assert_eq!(date_serial(2023, 2, 29), None);
        assert_eq!(date_serial(2024, 4, 31), None);
        assert_eq!(date_serial(2024, 13, 1), None);
        assert_eq!(date_serial(2024, 1, 0), None);
        assert_eq!(date_serial(1899, 12, 31), None);
        assert_eq!(date_serial(10_000, 1, 1), None);
    }
}
