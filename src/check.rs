//! A whole table against the schema: every cell through its rule, then the row and file
//! findings (required values, contact, identifier, duplicates, example row, blank rows,
//! opposition, sensitive data, NIR anywhere) — SPEC §5 and §6.
//!
//! The work is split by concern:
//! - `plan`: where each schema field sits in the source, which fields play which role;
//! - `row`: one row's cells through their rules, the NIR scan, the cross-field fixes and the
//!   row's own findings;
//! - `removal`: blank rows, the template's example row, members who objected;
//! - `sensitive`: health terms in free text, sensitive extra columns;
//! - `duplicates`: the same member twice.
//!
//! Choices the SPEC leaves open, made here:
//! - A schema without a field of role [`Role::Opposition`](crate::Role) is checked all the same,
//!   and its report opens (after the reader's findings) with the warning
//!   `schema.no_opposition`: no objection can be honoured, and the coordinator must know it.
//! - A member who objected (`opposition` = Oui) yields exactly one finding, `row.opposition`,
//!   with the row number and nothing else; their [`Record`] holds only empty strings.
//! - A cell blanked because it held a NIR, or holding a formula error (`#N/A`), has its own
//!   error; it does not also count as empty for `value.required`, `value.contact_missing` or
//!   `identifier.missing` (one problem, one finding).
//! - A formula error gets the field's own invalid code (`rpps.invalid`, `phone.invalid`…); the
//!   kinds without one (names, free text, commune) get `value.required`: the value is missing.
//! - `value.required` is reported only for fields whose column exists: a missing column is the
//!   reader's `column.missing`, once. `value.contact_missing` and `identifier.missing` are
//!   reported even when their columns are absent: the ARS needs them on every row.
//! - Findings about a column that is not in the schema carry the header as written in `column`.
//! - `value.contact_missing` is placed on the first contact field (`telephone`) so that the page
//!   can point at a cell; `row.duplicate` on `identifiant` when the identifier repeats, on no
//!   column when the name does.
//! - The example row is the first data row with anything in it (blank rows above it do not
//!   count); its values are kept in its [`Record`] (they are the template's placeholders), NIRs
//!   blanked as everywhere.
//! - An MSSanté address in the email column is moved to the empty MSSanté column; when it is the
//!   row's only contact (no telephone) it is copied instead, so that the row does not lose its
//!   contact.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::report::{Finding, Report, ReportColumn};
use crate::schema::Schema;
use crate::table::{Table, Ymd};

mod checked;
mod duplicates;
mod memo;
mod plan;
mod removal;
mod row;
mod sensitive;
mod store;

pub use checked::{Checked, Tally};
pub(crate) use duplicates::{identifier_key, name_key};

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
    /// The value to write for each schema field, in schema order (NIR values blanked). Values
    /// are shared with the findings and with the other records that have the same fix.
    pub values: Vec<Arc<str>>,
    /// `(field index, original text)` for each field whose original text (NIR values masked)
    /// differs from its value, in field order; a field not listed was written as it was typed.
    /// Most cells need no fix, so neither a copy of every cell nor a `None` for each is kept
    /// (what they cost is in bench/NOTES.md, « originals only where they differ »). Read it
    /// through [`Record::original_text`].
    pub original: Vec<(usize, Arc<str>)>,
    /// Why the row is left out of the corrected file (`row.blank`, `row.example`,
    /// `row.opposition`); `None` when it is written.
    pub removed: Option<crate::report::Code>,
}

impl Record {
    /// The original text of field `i` (schema order): as typed, NIR values masked; `""` for a
    /// field index out of range.
    ///
    /// ```
    /// use annuaire_cpts::check::Record;
    /// let record = Record {
    ///     row: 2,
    ///     values: vec!["MARTIN".into(), "Élodie".into()],
    ///     original: vec![(0, "martin ".into())],
    ///     removed: None,
    /// };
    /// assert_eq!(record.original_text(0), "martin ");
    /// assert_eq!(record.original_text(1), "Élodie");
    /// assert_eq!(record.original_text(7), "");
    /// ```
    pub fn original_text(&self, i: usize) -> &str {
        match self.original.iter().find(|(field, _)| *field == i) {
            Some((_, original)) => original,
            None => self.values.get(i).map_or("", |v| &**v),
        }
    }

    /// The value to write for field `i` (schema order); `""` for a field index out of range.
    ///
    /// ```
    /// use annuaire_cpts::check::Record;
    /// let record = Record { row: 2, values: vec!["MARTIN".into()], original: vec![], removed: None };
    /// assert_eq!(record.value(0), "MARTIN");
    /// assert_eq!(record.value(1), "");
    /// ```
    pub fn value(&self, i: usize) -> &str {
        self.values.get(i).map_or("", |v| &**v)
    }
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
/// the reader produced; they open the report, followed by the column findings of the check,
/// then every row's findings in row order (within a row: schema column order, then columns
/// outside the schema, then `row.duplicate`).
///
/// ```
/// use annuaire_cpts::{check, Cell, CheckOptions, Code, Column, Row, Schema, Table, Ymd};
/// use annuaire_cpts::schema::{Field, Kind, Required};
///
/// let field = |id: &str, kind| Field {
///     id: id.into(), title: id.into(), required: Required::Yes, kind, role: None,
///     synonyms: vec![], width: 10.0,
/// };
/// let schema = Schema { name: "mini".into(), fields: vec![field("nom", Kind::Nom)] };
/// let table = Table {
///     sheet: "Feuil1".into(),
///     header_row: 1,
///     columns: vec![Column { index: 0, header: "NOM".into(), field: Some("nom".into()) }],
///     rows: vec![
///         Row { number: 2, cells: vec![Cell::text("Martin")] },
///         Row { number: 3, cells: vec![] },
///     ],
///     ..Table::default()
/// };
/// let options = CheckOptions {
///     today: Ymd { year: 2026, month: 3, day: 1 }, cpts: None, year: None, refused_fixes: vec![],
/// };
/// let outcome = check("annuaire.xlsx", &table, &[], &schema, &options);
/// assert_eq!(outcome.records[0].value(0), "MARTIN");
/// let codes: Vec<Code> = outcome.report.issues.iter().map(|f| f.code).collect();
/// // No field of role `opposition` in this schema: the report says so first.
/// assert_eq!(codes, vec![Code::SchemaNoOpposition, Code::ValueFixed, Code::RowBlank]);
/// assert_eq!((outcome.report.rows_read, outcome.report.rows_kept), (2, 1));
/// ```
pub fn check(
    file: &str,
    table: &Table,
    read_findings: &[Finding],
    schema: &Schema,
    options: &CheckOptions,
) -> Outcome {
    check_with(
        file,
        table,
        read_findings,
        schema,
        options,
        memo::Memo::new(schema.fields.len()),
    )
}

/// [`check`] with the memo of rule results to use (a disabled one in tests, to compare).
fn check_with(
    file: &str,
    table: &Table,
    read_findings: &[Finding],
    schema: &Schema,
    options: &CheckOptions,
    memo: memo::Memo,
) -> Outcome {
    Checked::with_memo(
        table,
        read_findings,
        schema,
        options.today,
        options.refused_fixes.clone(),
        memo,
    )
    .into_outcome(file, table, options)
}

/// What the writer reads of a checked table: the records and the findings in report order.
/// Both a finished [`Outcome`] and a live [`Checked`] table are.
pub trait Results {
    /// Every data row, kept or removed, in file order.
    fn records(&self) -> &[Record];
    /// Every finding, in report order.
    fn issues(&self) -> impl Iterator<Item = &Finding> + Clone;
}

impl Results for Outcome {
    fn records(&self) -> &[Record] {
        &self.records
    }

    fn issues(&self) -> impl Iterator<Item = &Finding> + Clone {
        self.report.issues.iter()
    }
}

/// The columns matched to a schema field, in source order.
pub(crate) fn report_columns(table: &Table) -> Vec<ReportColumn> {
    table
        .columns
        .iter()
        .filter_map(|c| {
            c.field.as_ref().map(|id| ReportColumn {
                id: id.clone(),
                header: c.header.clone(),
                index: c.index,
            })
        })
        .collect()
}

/// The ARS file name when the CPTS is named.
pub(crate) fn file_name(options: &CheckOptions) -> Option<String> {
    let cpts = options
        .cpts
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())?;
    let year = options.year.unwrap_or(options.today.year);
    Some(crate::filename::ars_file_name(cpts, year))
}
