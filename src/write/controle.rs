//! The « Contrôle » sheet: every finding (row, column, code, severity, original value, new
//! value, message) and every removed row, so that the coordinator and the ARS see what changed.
//!
//! Members who objected to the transmission appear by row number only: no value, no fixed
//! value, and a message of our own rather than the check's (SPEC §5).

use std::collections::HashSet;

use rust_xlsxwriter::{Color, Format, Worksheet, XlsxError};

use super::{fit, style};
use crate::check::Outcome;
use crate::report::{Code, Severity};
use crate::schema::Schema;
use crate::text::write as text;

/// Column widths of « Contrôle », in characters.
const WIDTHS: [f64; 7] = [8.0, 26.0, 22.0, 14.0, 28.0, 28.0, 100.0];
const ERROR_FONT: u32 = 0x009C_0006;
const WARNING_FONT: u32 = 0x009C_5700;

/// One line of « Contrôle ».
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Line {
    /// The spreadsheet's row number; `None` for the file and its columns.
    pub row: Option<u32>,
    /// The column's output title (or the id the finding names, when not in the schema).
    pub column: String,
    /// The finding's code.
    pub code: Code,
    /// The original value.
    pub value: String,
    /// The new or suggested value.
    pub fixed: String,
    /// The French message.
    pub message: String,
}

/// Every line of « Contrôle », file-level first, then by row (stable: the report's own order
/// within a row).
pub(super) fn lines(outcome: &Outcome, schema: &Schema) -> Vec<Line> {
    let opposed: HashSet<u32> = outcome
        .records
        .iter()
        .filter(|r| r.removed == Some(Code::RowOpposition))
        .map(|r| r.row)
        .collect();
    let mut lines = Vec::with_capacity(outcome.report.issues.len());
    let mut described: HashSet<(u32, Code)> = HashSet::new();
    for f in &outcome.report.issues {
        if let Some(row) = f.row {
            described.insert((row, f.code));
            if opposed.contains(&row) {
                // Nothing of theirs: not even what the check found in their cells.
                continue;
            }
        }
        let column = f.column.as_deref().map_or_else(String::new, |id| {
            schema
                .field(id)
                .map_or(id, |field| field.title.as_str())
                .to_string()
        });
        lines.push(Line {
            row: f.row,
            column,
            code: f.code,
            value: f.value.clone().unwrap_or_default(),
            fixed: f.fixed.clone().unwrap_or_default(),
            message: f.message.clone(),
        });
    }
    for record in &outcome.records {
        let Some(reason) = record.removed else {
            continue;
        };
        if reason == Code::RowOpposition || !described.contains(&(record.row, reason)) {
            lines.push(Line {
                row: Some(record.row),
                column: String::new(),
                code: reason,
                value: String::new(),
                fixed: String::new(),
                message: text::removed_row(reason),
            });
        }
    }
    lines.sort_by_key(|l| l.row.unwrap_or(0));
    lines
}

/// The « Contrôle » sheet.
///
/// # Errors
/// What rust_xlsxwriter reports.
pub(super) fn sheet(outcome: &Outcome, schema: &Schema) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(text::SHEET_CONTROLE)?;
    let header = style::header();
    for ((col, title), width) in (0u16..).zip(text::CONTROLE_HEADERS).zip(WIDTHS) {
        sheet.write_string_with_format(0, col, title, &header)?;
        sheet.set_column_width(col, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let error = Format::new()
        .set_bold()
        .set_font_color(Color::RGB(ERROR_FONT));
    let warning = Format::new().set_font_color(Color::RGB(WARNING_FONT));
    let lines = lines(outcome, schema);
    for (row, line) in (1u32..).zip(&lines) {
        if let Some(number) = line.row {
            sheet.write_number(row, 0, number)?;
        }
        sheet.write_string(row, 1, &line.column)?;
        sheet.write_string(row, 2, line.code.as_str())?;
        let severity = line.code.severity();
        // A notice is unformatted: written without a format, which rust_xlsxwriter would hash.
        match severity {
            Severity::Error => {
                sheet.write_string_with_format(row, 3, text::severity(severity), &error)?
            }
            Severity::Warning => {
                sheet.write_string_with_format(row, 3, text::severity(severity), &warning)?
            }
            Severity::Notice => sheet.write_string(row, 3, text::severity(severity))?,
        };
        sheet.write_string(row, 4, fit(&line.value))?;
        sheet.write_string(row, 5, fit(&line.fixed))?;
        sheet.write_string(row, 6, fit(&line.message))?;
    }
    if lines.is_empty() {
        sheet.write_string(1, 6, text::NO_FINDING)?;
    }
    let last_row = u32::try_from(lines.len().max(1)).map_err(|_| XlsxError::RowColumnLimitError)?;
    sheet.autofilter(0, 0, last_row, 6)?;
    Ok(sheet)
}
