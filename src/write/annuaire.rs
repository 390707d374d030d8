//! The « Annuaire » sheet shared by the corrected file and the template: the schema's output
//! headers in schema order, a bold frozen header with a filter, the widths of the schema, text
//! and date formats on their columns, the drop-downs, and one value written by its kind.

use std::sync::Arc;

use super::lists::{self, Lists};
use super::style::ColumnStyle;
use super::xlsx::{date_serial, Book, Column, SheetSpec, SheetWriter, Style, Tail, WriteError};
use crate::rules::date;
use crate::schema::{Field, Kind, Schema};
use crate::text::write as text;

/// Height of the header row, in points: room for two wrapped lines.
const HEADER_HEIGHT: f64 = 32.0;

/// What « Annuaire » looks like for a number of data rows, known before its rows are written.
pub(super) struct Layout {
    /// Widths and column formats, in schema order.
    pub columns: Vec<Column>,
    /// Each column's formats.
    pub styles: Vec<ColumnStyle>,
    /// The filter over the data and the drop-downs.
    pub tail: Tail,
    /// The last used cell (0-based).
    pub last: (u32, u16),
}

/// The layout of an « Annuaire » of `records` data rows; long drop-down lists go to `lists`.
///
/// # Errors
/// [`WriteError::Position`] past a sheet's rows or columns.
pub(super) fn layout(
    schema: &Schema,
    records: usize,
    lists: &mut Lists,
) -> Result<Layout, WriteError> {
    let styles: Vec<ColumnStyle> = schema.fields.iter().map(ColumnStyle::of).collect();
    let columns = schema
        .fields
        .iter()
        .zip(&styles)
        .map(|(field, style)| Column {
            width: field.width,
            style: style.base,
        })
        .collect();
    let last_col =
        u16::try_from(schema.fields.len().saturating_sub(1)).map_err(|_| WriteError::Position {
            row: 0,
            col: u16::MAX,
        })?;
    let last_row = u32::try_from(records).map_err(|_| WriteError::Position {
        row: u32::MAX,
        col: 0,
    })?;
    let validations = lists::drop_downs(schema, lists, lists::last_row(records));
    Ok(Layout {
        columns,
        styles,
        tail: Tail {
            autofilter: (!schema.fields.is_empty()).then_some((last_row, last_col)),
            validations,
        },
        last: (last_row, last_col),
    })
}

/// Starts « Annuaire » in `book` and writes its header row.
///
/// # Errors
/// What the writer reports.
pub(super) fn start<'b>(
    book: &'b mut Book,
    schema: &Schema,
    layout: &Layout,
) -> Result<SheetWriter<'b>, WriteError> {
    let mut sheet = book.sheet(SheetSpec {
        name: text::SHEET_ANNUAIRE,
        hidden: false,
        freeze_header: true,
        columns: &layout.columns,
        dimension: Some(layout.last),
    })?;
    sheet.row(0, Some(HEADER_HEIGHT))?;
    for (col, field) in (0u16..).zip(&schema.fields) {
        sheet.string(col, &field.title, Style::Header)?;
    }
    Ok(sheet)
}

/// Writes one value of the open row by its field's kind: a real date for a date column (when
/// the value is a valid `dd/mm/yyyy` date Excel can hold), text for everything else — never a
/// number, so that no leading zero is lost and no identifier turns into 1E+10. A text that
/// repeats (several holders share it) goes through the workbook's shared strings
/// ([`SheetWriter::text`]).
///
/// # Errors
/// What the writer reports.
pub(super) fn write_value(
    sheet: &mut SheetWriter<'_>,
    col: u16,
    field: &Field,
    value: &Arc<str>,
    style: Style,
) -> Result<(), WriteError> {
    if field.kind == Kind::Date {
        if let Some(serial) = excel_date(value) {
            return sheet.number(col, serial, style);
        }
    }
    sheet.text(col, value, style)
}

/// A `dd/mm/yyyy` value as an Excel date serial, when it is one Excel can hold.
fn excel_date(value: &str) -> Option<u32> {
    let ymd = date::parse_french(value)?;
    date_serial(ymd.year, ymd.month, ymd.day)
}
