//! Drop-down lists (data validation) for Profession, Mode d'exercice and the Oui/Non columns,
//! so that next year's edits stay valid.
//!
//! Excel limits an inline list to 255 characters, commas included: the profession labels are
//! longer, so a long list goes to a hidden sheet « Listes » and the validation refers to its
//! range (the reader skips hidden sheets).

use rust_xlsxwriter::{
    worksheet_range_absolute, DataValidation, DataValidationErrorStyle, Formula, Worksheet,
    XlsxError,
};

use crate::rules::{mode, profession};
use crate::schema::{Kind, Schema};
use crate::text::write as text;

/// Rows of « Annuaire » that carry the drop-downs at least (0-based last row), so that rows
/// typed next year have them too.
pub(super) const MIN_LAST_ROW: u32 = 1_000;
/// Rows below the last data row that carry the drop-downs.
pub(super) const SPARE_ROWS: u32 = 500;

/// The hidden sheet of long lists, created on first use.
#[derive(Default)]
pub(super) struct Lists {
    sheet: Option<Worksheet>,
    columns: u16,
}

impl Lists {
    /// A validation offering `values`: inline when Excel allows it, else from a column of the
    /// hidden sheet.
    fn validation(&mut self, values: &[&str]) -> Result<DataValidation, XlsxError> {
        if let Ok(inline) = DataValidation::new().allow_list_strings(values) {
            return Ok(inline);
        }
        let col = self.columns;
        let sheet = match &mut self.sheet {
            Some(sheet) => sheet,
            None => {
                let mut sheet = Worksheet::new();
                sheet.set_name(text::SHEET_LISTES)?;
                sheet.set_hidden(true);
                self.sheet.insert(sheet)
            }
        };
        for (row, value) in (0u32..).zip(values) {
            sheet.write_string(row, col, *value)?;
        }
        self.columns += 1;
        let last = u32::try_from(values.len().saturating_sub(1)).unwrap_or(0);
        let range = worksheet_range_absolute(text::SHEET_LISTES, 0, col, last, col);
        Ok(DataValidation::new().allow_list_formula(Formula::new(format!("={range}"))))
    }

    /// The hidden sheet, when a list needed it; push it after the visible sheets.
    pub(super) fn into_sheet(self) -> Option<Worksheet> {
        self.sheet
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

/// Adds the drop-downs of every column that has one, from row 2 to `last_row` (0-based).
///
/// # Errors
/// What rust_xlsxwriter reports (a list longer than a sheet, a title too long).
pub(super) fn add_drop_downs(
    sheet: &mut Worksheet,
    schema: &Schema,
    lists: &mut Lists,
    last_row: u32,
) -> Result<(), XlsxError> {
    for (col, field) in (0u16..).zip(&schema.fields) {
        let Some(values) = values_of(field.kind) else {
            continue;
        };
        let message = match field.kind {
            Kind::YesNo => text::YES_NO_ERROR_MESSAGE,
            _ => text::LIST_ERROR_MESSAGE,
        };
        let validation = lists
            .validation(&values)?
            .set_error_style(DataValidationErrorStyle::Stop)
            .set_error_title(text::LIST_ERROR_TITLE)?
            .set_error_message(message)?;
        sheet.add_data_validation(1, col, last_row, col, &validation)?;
    }
    Ok(())
}
