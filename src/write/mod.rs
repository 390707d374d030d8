//! The corrected workbook and the blank template, written with rust_xlsxwriter (SPEC §8).

use crate::check::Outcome;
use crate::error::Error;
use crate::schema::Schema;

/// The corrected workbook: sheet « Annuaire » (kept rows, schema order) and sheet « Contrôle »
/// (every finding and every removed row and column).
///
/// # Errors
/// [`Error::Write`] if rust_xlsxwriter fails.
pub fn write_corrected(_outcome: &Outcome, _schema: &Schema) -> Result<Vec<u8>, Error> {
    todo!("helper write")
}

/// The blank template: the same sheet, headers and drop-downs, one marked example row, and an
/// instructions sheet.
///
/// # Errors
/// [`Error::Write`] if rust_xlsxwriter fails.
pub fn write_template(_schema: &Schema) -> Result<Vec<u8>, Error> {
    todo!("helper write")
}
