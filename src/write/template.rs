//! The blank template: « Annuaire » with the headers, formats and drop-downs of the corrected
//! file and one example row the checker recognises and removes, then « Instructions ».

use rust_xlsxwriter::{Note, Workbook, Worksheet, XlsxError};

use super::{annuaire, lists::Lists, style};
use crate::filename::ars_file_name;
use crate::schema::{Field, Kind, Schema};
use crate::text::write::{self as text, example};

/// Widths of the instructions sheet's columns, in characters.
const INSTRUCTION_WIDTHS: [f64; 4] = [30.0, 20.0, 70.0, 28.0];
/// The year of the ARS guide's file-name example.
const FILE_NAME_EXAMPLE_YEAR: i32 = 2023;

/// Writes the template.
///
/// # Errors
/// What rust_xlsxwriter reports.
pub(super) fn write(schema: &Schema) -> Result<Vec<u8>, XlsxError> {
    let mut lists = Lists::default();
    let (mut sheet, styles) = annuaire::new_sheet(schema, 1, &mut lists)?;
    for ((col, field), style) in (0u16..).zip(&schema.fields).zip(&styles) {
        let value = example_value(field);
        if !value.is_empty() {
            annuaire::write_value(&mut sheet, 1, col, field, value, Some(&style.example))?;
        }
    }
    let marked = schema.position_of_kind(Kind::Nom).unwrap_or(0);
    let marked = u16::try_from(marked).map_err(|_| XlsxError::RowColumnLimitError)?;
    let note = Note::new(text::EXAMPLE_NOTE)
        .set_author(text::NOTE_AUTHOR)
        .add_author_prefix(false)
        .set_width(260)
        .set_height(70);
    sheet.insert_note(1, marked, &note)?;
    let mut workbook = Workbook::new();
    workbook.push_worksheet(sheet);
    workbook.push_worksheet(instructions(schema)?);
    if let Some(hidden) = lists.into_sheet() {
        workbook.push_worksheet(hidden);
    }
    workbook.save_to_buffer()
}

/// The example value of a column: obvious placeholders (SPEC §5), empty where no placeholder
/// makes sense (a free-text column the template does not know).
fn example_value(field: &Field) -> &'static str {
    match field.kind {
        Kind::Nom => example::NOM,
        Kind::Prenom => example::PRENOM,
        Kind::Profession => example::PROFESSION,
        Kind::Identifier => example::IDENTIFIER,
        Kind::Mode => example::MODE,
        Kind::PostalCode => example::POSTAL_CODE,
        Kind::Commune => example::COMMUNE,
        Kind::Phone => example::PHONE,
        Kind::Email => example::EMAIL,
        Kind::Mssante => example::MSSANTE,
        Kind::YesNo => example::YES_NO,
        Kind::Date => example::DATE,
        Kind::Text => match field.id.as_str() {
            "structure" => example::STRUCTURE,
            "adresse" => example::ADRESSE,
            _ => "",
        },
    }
}

/// What a column expects, for the instructions sheet.
fn help(field: &Field) -> &'static str {
    if field.id == "opposition" {
        text::OPPOSITION_HELP
    } else {
        text::kind_help(field.kind)
    }
}

/// The « Instructions » sheet: how to fill each column, how to name and deposit the file, and
/// what must never be in it.
///
/// # Errors
/// What rust_xlsxwriter reports.
fn instructions(schema: &Schema) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(text::SHEET_INSTRUCTIONS)?;
    for (col, width) in (0u16..).zip(INSTRUCTION_WIDTHS) {
        sheet.set_column_width(col, width)?;
    }
    let title = style::heading(14);
    let heading = style::heading(12);
    let header = style::header();
    let wrapped = style::wrapped();
    let mut row = 0u32;
    sheet.write_string_with_format(row, 0, text::INSTRUCTIONS_TITLE, &title)?;
    row += 2;
    for line in text::INSTRUCTIONS_INTRO {
        paragraph(&mut sheet, row, line, &wrapped)?;
        row += 1;
    }
    row += 1;
    sheet.write_string_with_format(row, 0, text::INSTRUCTIONS_COLUMNS_TITLE, &heading)?;
    row += 1;
    for (col, title) in (0u16..).zip(text::INSTRUCTIONS_COLUMNS) {
        sheet.write_string_with_format(row, col, title, &header)?;
    }
    row += 1;
    for field in &schema.fields {
        let cells = [
            field.title.as_str(),
            text::required_label(field.required),
            help(field),
            example_value(field),
        ];
        let mut lines = 1;
        for ((col, cell), width) in (0u16..).zip(cells).zip(INSTRUCTION_WIDTHS) {
            sheet.write_string_with_format(row, col, cell, &wrapped)?;
            lines = lines.max(lines_needed(cell, width));
        }
        sheet.set_row_height(row, line_height(lines))?;
        row += 1;
    }
    let example_name = ars_file_name(text::FILE_NAME_EXAMPLE_CPTS, FILE_NAME_EXAMPLE_YEAR);
    let sections = [
        (text::FILE_NAME_TITLE, text::file_name_lines(&example_name)),
        (
            text::DEPOSIT_TITLE,
            text::DEPOSIT_LINES.iter().map(|s| s.to_string()).collect(),
        ),
        (
            text::PRIVACY_TITLE,
            text::PRIVACY_LINES.iter().map(|s| s.to_string()).collect(),
        ),
    ];
    for (title, lines) in sections {
        row += 1;
        sheet.write_string_with_format(row, 0, title, &heading)?;
        row += 1;
        for line in lines {
            paragraph(&mut sheet, row, &line, &wrapped)?;
            row += 1;
        }
    }
    Ok(sheet)
}

/// A line of prose across the four columns, wrapped, its row tall enough to show it whole
/// (Excel does not size merged rows by itself).
fn paragraph(
    sheet: &mut Worksheet,
    row: u32,
    line: &str,
    wrapped: &rust_xlsxwriter::Format,
) -> Result<(), XlsxError> {
    sheet.merge_range(row, 0, row, 3, line, wrapped)?;
    let width: f64 = INSTRUCTION_WIDTHS.iter().sum();
    sheet.set_row_height(row, line_height(lines_needed(line, width)))?;
    Ok(())
}

/// Lines a text takes in a column `width` characters wide (a rough measure: Calibri 11
/// averages a little under one character per width unit).
fn lines_needed(text: &str, width: f64) -> usize {
    let per_line = (width * 0.9).max(1.0) as usize;
    text.chars().count().div_ceil(per_line).max(1)
}

/// Row height in points for so many lines of Calibri 11.
fn line_height(lines: usize) -> f64 {
    15.0 * lines as f64 + 2.0
}
