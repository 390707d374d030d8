//! The « Annuaire » sheet shared by the corrected file and the template: the schema's output
//! headers in schema order, a bold frozen header with a filter, the widths of the schema, text
//! and date formats on their columns, the drop-downs, and one value written by its kind.

use rust_xlsxwriter::{ExcelDateTime, Format, Worksheet, XlsxError};

use super::lists::{self, Lists};
use super::style::{self, ColumnStyle};
use crate::rules::date;
use crate::schema::{Field, Kind, Schema};
use crate::text::write as text;

/// Height of the header row, in points: room for two wrapped lines.
const HEADER_HEIGHT: f64 = 32.0;

/// A new « Annuaire » sheet for `records` data rows: headers, widths, column formats, frozen
/// header, filter over the data and drop-downs. Returns the sheet and each column's formats.
///
/// # Errors
/// What rust_xlsxwriter reports.
pub(super) fn new_sheet(
    schema: &Schema,
    records: usize,
    lists: &mut Lists,
) -> Result<(Worksheet, Vec<ColumnStyle>), XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(text::SHEET_ANNUAIRE)?;
    let header = style::header();
    let mut styles = Vec::with_capacity(schema.fields.len());
    for (col, field) in (0u16..).zip(&schema.fields) {
        let column = ColumnStyle::of(field);
        if column.formatted {
            sheet.set_column_format(col, &column.base)?;
        }
        sheet.set_column_width(col, field.width)?;
        sheet.write_string_with_format(0, col, &field.title, &header)?;
        styles.push(column);
    }
    sheet.set_row_height(0, HEADER_HEIGHT)?;
    sheet.set_freeze_panes(1, 0)?;
    if let Some(last_col) = schema.fields.len().checked_sub(1) {
        let last_col = u16::try_from(last_col).map_err(|_| XlsxError::RowColumnLimitError)?;
        let last_row = u32::try_from(records).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.autofilter(0, 0, last_row, last_col)?;
    }
    lists::add_drop_downs(&mut sheet, schema, lists, lists::last_row(records))?;
    Ok((sheet, styles))
}

/// Writes one non-empty value by its field's kind: a real date for a date column (when the
/// value is a valid `dd/mm/yyyy` date), text for everything else — never a number, so that no
/// leading zero is lost and no identifier turns into 1E+10. `None`: the column's format (the
/// sheet's column formats must then be set, as [`new_sheet`] does).
///
/// # Errors
/// What rust_xlsxwriter reports.
pub(super) fn write_value(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    field: &Field,
    value: &str,
    format: Option<&Format>,
) -> Result<(), XlsxError> {
    if field.kind == Kind::Date {
        if let Some(when) = excel_date(value) {
            match format {
                Some(format) => sheet.write_datetime_with_format(row, col, &when, format)?,
                None => sheet.write_datetime(row, col, &when)?,
            };
            return Ok(());
        }
    }
    match format {
        Some(format) => sheet.write_string_with_format(row, col, value, format)?,
        None => sheet.write_string(row, col, value)?,
    };
    Ok(())
}

/// A `dd/mm/yyyy` value as an Excel date, when it is one Excel can hold.
fn excel_date(value: &str) -> Option<ExcelDateTime> {
    let ymd = date::parse_french(value)?;
    let year = u16::try_from(ymd.year).ok()?;
    let month = u8::try_from(ymd.month).ok()?;
    let day = u8::try_from(ymd.day).ok()?;
    ExcelDateTime::from_ymd(year, month, day).ok()
}
