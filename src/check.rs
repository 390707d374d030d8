//! A whole table against the schema: every cell through its rule, then the row and file
//! findings (required values, contact, identifier, duplicates, example row, blank rows,
//! opposition, sensitive data, NIR anywhere) — SPEC §5 and §6.

use serde::{Deserialize, Serialize};

use crate::report::{Finding, Report};
use crate::schema::Schema;
use crate::table::{Table, Ymd};

/// A cell of the checked table, by spreadsheet row and field id.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CellRef {
    /// The spreadsheet's row number.
    pub row: u32,
    /// The field id.
    pub column: String,
}

/// What a check needs beyond the table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckOptions {
    /// Today (dates in the future are errors; the default year of deposit).
    pub today: Ymd,
    /// The CPTS name, for the ARS file name.
    pub cpts: Option<String>,
    /// The year of deposit; defaults to `today`'s year.
    pub year: Option<i32>,
    /// Automatic fixes the coordinator refused: these cells keep their original value.
    #[serde(default)]
    pub refused_fixes: Vec<CellRef>,
}

/// One data row after checking, values in schema field order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The spreadsheet's row number.
    pub row: u32,
    /// The value to write for each schema field, in schema order (NIR values blanked).
    pub values: Vec<String>,
    /// The original text of each schema field, in schema order (NIR values masked).
    pub original: Vec<String>,
    /// Why the row is left out of the corrected file (`row.blank`, `row.example`,
    /// `row.opposition`); `None` when it is written.
    pub removed: Option<crate::report::Code>,
}

/// A checked table: the report and the rows to write.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// The §9 report.
    pub report: Report,
    /// Every data row, kept or removed, in file order.
    pub records: Vec<Record>,
}

/// Checks a table read from `file` against `schema`. `read_findings` are the column findings
/// the reader produced; they open the report.
pub fn check(
    _file: &str,
    _table: &Table,
    _read_findings: &[Finding],
    _schema: &Schema,
    _options: &CheckOptions,
) -> Outcome {
    todo!("helper check")
}
