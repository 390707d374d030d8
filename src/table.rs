//! The table every reader produces: cells that keep what the person typed and whether the
//! spreadsheet stored them as numbers, with the spreadsheet's own row numbers.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// How the source stored a cell. Rules use it to decide whether restoring a lost leading zero
/// is a legitimate fix (Excel drops it from numbers, never from text).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CellKind {
    /// No value.
    #[default]
    Empty,
    /// A text cell of a workbook.
    Text,
    /// A numeric cell of a workbook; `Cell::text` holds its exact digits (no `.0`, no exponent).
    Number,
    /// A date cell (or an Excel serial in a date format); `Cell::text` is `dd/mm/yyyy`.
    Date,
    /// A boolean cell; `Cell::text` is `VRAI` or `FAUX`.
    Bool,
    /// An error cell (`#N/A`, `#REF!`…); `Cell::text` holds the error as Excel shows it.
    Error,
    /// A field of a CSV file: no type information at all (Excel's CSV export drops leading
    /// zeros too, so rules treat it like a number where that matters).
    Untyped,
}

/// One cell as read: its text as the person would see it, and how it was stored.
///
/// The text is shared (`Arc<str>`): a value written as it was typed, and the findings that
/// quote it, point to the cell's own text instead of a copy.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// The value as text: exact digits for whole numbers, `dd/mm/yyyy` for dates, the cached
    /// value for formulas.
    pub text: Arc<str>,
    /// How the source stored it.
    pub kind: CellKind,
}

impl Cell {
    /// A text cell.
    ///
    /// ```
    /// use annuaire_cpts::{Cell, CellKind};
    /// assert_eq!(Cell::text("DUPONT").kind, CellKind::Text);
    /// assert_eq!(Cell::text("  ").kind, CellKind::Empty);
    /// ```
    pub fn text(text: impl AsRef<str>) -> Cell {
        Cell::new(text, CellKind::Text)
    }

    /// A cell of the given kind; a blank text gives an empty cell whatever the kind.
    pub fn new(text: impl AsRef<str>, kind: CellKind) -> Cell {
        let text = text.as_ref();
        if text.trim().is_empty() {
            Cell::default()
        } else {
            Cell {
                text: Arc::from(text),
                kind,
            }
        }
    }

    /// A numeric cell holding these exact digits (e.g. `"612345678"`).
    pub fn number(digits: impl AsRef<str>) -> Cell {
        Cell::new(digits, CellKind::Number)
    }

    /// Whether the cell holds nothing but white space.
    pub fn is_empty(&self) -> bool {
        self.kind == CellKind::Empty || self.text.trim().is_empty()
    }

    /// Whether the source stored the value without its text form (a number, or any CSV field):
    /// the cases where Excel may have dropped a leading zero.
    pub fn may_have_lost_zero(&self) -> bool {
        matches!(self.kind, CellKind::Number | CellKind::Untyped)
    }
}

/// One data row: the spreadsheet's own row number (what Excel shows, 1-based) and its cells,
/// aligned on the source columns (`cells[i]` belongs to `Table::columns` entry with index `i`;
/// a short row simply has fewer cells).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// The spreadsheet's own row number.
    pub number: u32,
    /// The cells, by source column index.
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell at source column `index`, or an empty cell.
    pub fn cell(&self, index: usize) -> Cell {
        self.cells.get(index).cloned().unwrap_or_default()
    }
}

/// A source column and the schema field it was matched to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// 0-based position in the source sheet.
    pub index: usize,
    /// The header as written in the file.
    pub header: String,
    /// The schema field id it maps to; `None` for an unknown column, or for the second of two
    /// columns that map to the same field.
    pub field: Option<String>,
}

/// A sheet read into rows below its detected header row.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// The sheet that was read (`"CSV"` for a CSV file).
    pub sheet: String,
    /// Every visible sheet of the workbook, so that the page can offer another choice.
    pub sheets: Vec<String>,
    /// The spreadsheet's row number of the header row.
    pub header_row: u32,
    /// Every non-empty header cell, in source order.
    pub columns: Vec<Column>,
    /// The data rows below the header, trailing empty rows dropped.
    pub rows: Vec<Row>,
}

impl Table {
    /// The source column index mapped to a field id.
    pub fn index_of(&self, field: &str) -> Option<usize> {
        self.columns
            .iter()
            .find(|c| c.field.as_deref() == Some(field))
            .map(|c| c.index)
    }
}

/// A calendar date (proleptic Gregorian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Ymd {
    /// Year, e.g. 2026.
    pub year: i32,
    /// Month 1–12.
    pub month: u32,
    /// Day 1–31.
    pub day: u32,
}

impl Ymd {
    /// The date `days` days after 1970-01-01 (Howard Hinnant's civil-from-days algorithm).
    ///
    /// ```
    /// use annuaire_cpts::Ymd;
    /// assert_eq!(Ymd::from_unix_days(0), Ymd { year: 1970, month: 1, day: 1 });
    /// assert_eq!(Ymd::from_unix_days(20_418), Ymd { year: 2025, month: 11, day: 26 });
    /// ```
    pub fn from_unix_days(days: i64) -> Ymd {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Ymd { year, month, day }
    }

    /// Days since 1970-01-01 (inverse of [`Ymd::from_unix_days`]).
    pub fn to_unix_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Whether this is a real calendar date.
    pub fn is_valid(self) -> bool {
        (1..=12).contains(&self.month)
            && self.day >= 1
            && Ymd::from_unix_days(self.to_unix_days()) == self
    }

    /// `dd/mm/yyyy`, the French form.
    pub fn to_french(self) -> String {
        // Every date cell of a file goes through here: digits pushed by hand, not formatted.
        let in_range = (1..=99).contains(&self.day)
            && (1..=99).contains(&self.month)
            && (0..=9999).contains(&self.year);
        if !in_range {
            return format!("{:02}/{:02}/{:04}", self.day, self.month, self.year);
        }
        let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
        let year = self.year.unsigned_abs();
        let mut out = String::with_capacity(10);
        out.extend([digit(self.day / 10), digit(self.day), '/']);
        out.extend([digit(self.month / 10), digit(self.month), '/']);
        out.extend([
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
        ]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn french_dates_are_written_as_formatted(
            year in -20_000i32..20_000, month in 0u32..120, day in 0u32..120
        ) {
            let date = Ymd { year, month, day };
            proptest::prop_assert_eq!(
                date.to_french(),
                format!("{:02}/{:02}/{:04}", day, month, year)
            );
        }
    }

    #[test]
    fn unix_days_round_trip() {
        for days in [-800_000, -1, 0, 59, 60, 10_957, 20_418, 2_932_896] {
            assert_eq!(Ymd::from_unix_days(days).to_unix_days(), days);
        }
    }

    #[test]
    fn validity() {
        assert!(Ymd {
            year: 2024,
            month: 2,
            day: 29
        }
        .is_valid());
        assert!(!Ymd {
            year: 2023,
            month: 2,
            day: 29
        }
        .is_valid());
        assert!(!Ymd {
            year: 2023,
            month: 13,
            day: 1
        }
        .is_valid());
        assert_eq!(
            Ymd {
                year: 2026,
                month: 3,
                day: 5
            }
            .to_french(),
            "05/03/2026"
        );
    }
}
