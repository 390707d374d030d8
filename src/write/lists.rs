//! Drop-down lists (data validation) for Profession, Mode d'exercice and the Oui/Non columns,
//! so that next year's edits stay valid.
//!
//! Excel limits an inline list to 255 characters, commas included: the profession labels are
//! longer, so a long list goes to a hidden sheet « Listes » and the validation refers to its
//! range (the reader skips hidden sheets).

use super::xlsx::{absolute_range, Book, SheetSpec, Style, Tail, Validation, WriteError};
use crate::rules::{mode, profession};
use crate::schema::{Kind, Schema};
use crate::text::write as text;

/// Rows of « Annuaire » that carry the drop-downs at least (0-based last row), so that rows
/// typed next year have them too.
pub(super) const MIN_LAST_ROW: u32 = 1_000;
/// Rows below the last data row that carry the drop-downs.
pub(super) const SPARE_ROWS: u32 = 500;

/// The lists too long to be inline, one column each of the hidden sheet.
#[derive(Default)]
pub(super) struct Lists {
    columns: Vec<Vec<&'static str>>,
}

impl Lists {
    /// The formula of a list offering `values`: inline when Excel allows it, else a column of
    /// the hidden sheet.
    fn formula(&mut self, values: Vec<&'static str>) -> String {
        if let Some(inline) = Validation::inline_list(&values) {
            return inline;
        }
        let col = u16::try_from(self.columns.len()).unwrap_or(u16::MAX);
        let last = u32::try_from(values.len().saturating_sub(1)).unwrap_or(0);
        self.columns.push(values);
        absolute_range(text::SHEET_LISTES, (0, col), (last, col))
    }

    /// Whether a list needs the hidden sheet.
    pub(super) fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }

    /// Writes the hidden sheet, when a list needed it (after the visible sheets).
    ///
    /// # Errors
    /// What the writer reports.
    pub(super) fn write(&self, book: &mut Book) -> Result<(), WriteError> {
        if self.is_empty() {
            return Ok(());
        }
        let rows = self.columns.iter().map(Vec::len).max().unwrap_or(0);
        let last = (
            u32::try_from(rows.saturating_sub(1)).unwrap_or(0),
            u16::try_from(self.columns.len().saturating_sub(1)).unwrap_or(0),
        );
        let mut sheet = book.sheet(SheetSpec {
            name: text::SHEET_LISTES,
            hidden: true,
            freeze_header: false,
            columns: &[],
            dimension: Some(last),
        })?;
        for (row, index) in (0u32..).zip(0..rows) {
            sheet.row(row, None)?;
            for (col, values) in (0u16..).zip(&self.columns) {
                if let Some(value) = values.get(index) {
                    sheet.string(col, value, Style::Default)?;
                }
            }
        }
        sheet.finish(Tail::default())
    }
}

/// The last row (0-based) that carries the drop-downs for `records` data rows.
pub(super) fn last_row(records: usize) -> u32 {
    let records = u32::try_from(records).unwrap_or(u32::MAX);
    MIN_LAST_ROW.max(records.saturating_add(SPARE_ROWS))
}

/// The values offered for a column of this kind, if it has a drop-down.
pub(super) fn values_of(kind: Kind) -> Option<Vec<&'static str>> {
    match kind {
        Kind::Profession => Some(profession::labels()),
        Kind::Mode => Some(mode::MODES.to_vec()),
        Kind::YesNo => Some(text::YES_NO.to_vec()),
        _ => None,
    }
}

/// The drop-downs of every column that has one, from row 2 to `last_row` (0-based).
pub(super) fn drop_downs(schema: &Schema, lists: &mut Lists, last_row: u32) -> Vec<Validation> {
    let mut validations = Vec::new();
    for (col, field) in (0u16..).zip(&schema.fields) {
        let Some(values) = values_of(field.kind) else {
            continue;
        };
        let message = match field.kind {
            Kind::YesNo => text::YES_NO_ERROR_MESSAGE,
            _ => text::LIST_ERROR_MESSAGE,
        };
        validations.push(Validation {
            col,
            rows: (1, last_row),
            formula: lists.formula(values),
            error_title: text::LIST_ERROR_TITLE.to_string(),
            error: message.to_string(),
        });
    }
    validations
}
