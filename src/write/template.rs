//! The blank template: « Annuaire » with the headers, formats and drop-downs of the corrected
//! file and one example row the checker recognises and removes, then « Instructions ».

use super::output::XlsxFile;
use super::xlsx::{Book, Column, SheetSpec, SheetWriter, Style, Tail, WriteError};
use super::{annuaire, lists::Lists};
use crate::filename::ars_file_name;
use crate::schema::{Field, Kind, Role, Schema};
use crate::text::write::{self as text, example};

/// Widths of the instructions sheet's columns, in characters.
const INSTRUCTION_WIDTHS: [f64; 4] = [30.0, 20.0, 70.0, 28.0];
/// The year of the ARS guide's file-name example.
const FILE_NAME_EXAMPLE_YEAR: i32 = 2023;
/// Size of the example row's note, in pixels.
const EXAMPLE_NOTE_SIZE: (u32, u32) = (260, 70);

/// Writes the template.
///
/// # Errors
/// What the writer reports.
pub(super) fn write(schema: &Schema) -> Result<XlsxFile, WriteError> {
    let mut lists = Lists::default();
    let layout = annuaire::layout(schema, 1, &mut lists)?;
    // « Annuaire » with the example's note, « Instructions », « Listes » when a list needs it.
    let mut book = super::book_with_lists(vec![true, false], &lists, false)?;
    let mut sheet = annuaire::start(&mut book, schema, &layout)?;
    sheet.row(1, None)?;
    for ((col, field), style) in (0u16..).zip(&schema.fields).zip(&layout.styles) {
        let value = example_value(field);
        if !value.is_empty() {
            annuaire::write_value(&mut sheet, col, field, &value.into(), style.example)?;
        }
    }
    // The note goes where the checker looks for « exemple »: the Nom.
    let marked = schema.field_with(Role::Nom).unwrap_or(0);
    let marked = u16::try_from(marked).map_err(|_| WriteError::Position {
        row: 1,
        col: u16::MAX,
    })?;
    sheet.note(
        marked,
        text::EXAMPLE_NOTE,
        text::NOTE_AUTHOR,
        EXAMPLE_NOTE_SIZE,
    )?;
    sheet.finish(layout.tail)?;
    instructions(&mut book, schema)?;
    lists.write(&mut book)?;
    book.finish()
}

/// The example value of a column: obvious placeholders (SPEC §5), by the field's role (what
/// the checker reads to recognise the example row), else by its rule; empty where no
/// placeholder makes sense (the spécialité, a free-text column without a role).
fn example_value(field: &Field) -> &'static str {
    let Some(role) = field.role else {
        return match field.kind {
            Kind::Text => "",
            kind => kind_example(kind),
        };
    };
    match role {
        Role::Specialty => "",
        Role::Structure => example::STRUCTURE,
        Role::Address => example::ADRESSE,
        Role::Nom => example::NOM,
        Role::Prenom => example::PRENOM,
        Role::Profession => example::PROFESSION,
        Role::Identifier => example::IDENTIFIER,
        Role::Mode => example::MODE,
        Role::PostalCode => example::POSTAL_CODE,
        Role::Commune => example::COMMUNE,
        Role::Phone => example::PHONE,
        Role::Email => example::EMAIL,
        Role::Mssante => example::MSSANTE,
        Role::SpicoDossier | Role::SpicoDiscussion | Role::Opposition => example::YES_NO,
        Role::MembershipDate => example::DATE,
    }
}

/// The example value of a field of this rule that has no role.
fn kind_example(kind: Kind) -> &'static str {
    match kind {
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
        Kind::Text => "",
    }
}

/// What a column expects, for the instructions sheet.
fn help(field: &Field) -> &'static str {
    if field.role == Some(Role::Opposition) {
        text::OPPOSITION_HELP
    } else {
        text::kind_help(field.kind)
    }
}

/// The « Instructions » sheet: how to fill each column, how to name and deposit the file, and
/// what must never be in it.
///
/// # Errors
/// What the writer reports.
fn instructions(book: &mut Book, schema: &Schema) -> Result<(), WriteError> {
    let columns = INSTRUCTION_WIDTHS.map(|width| Column {
        width,
        style: Style::Default,
    });
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
    // Title, blank, intro, blank, heading, column titles, one row per field, then per section
    // a blank row, its heading and its lines.
    let rows = 5
        + text::INSTRUCTIONS_INTRO.len()
        + schema.fields.len()
        + sections
            .iter()
            .map(|(_, lines)| 2 + lines.len())
            .sum::<usize>();
    let last_row = u32::try_from(rows.saturating_sub(1)).map_err(|_| WriteError::Position {
        row: u32::MAX,
        col: 0,
    })?;
    let mut sheet = book.sheet(SheetSpec {
        name: text::SHEET_INSTRUCTIONS,
        hidden: false,
        freeze_header: false,
        columns: &columns,
        dimension: Some((last_row, 3)),
    })?;
    let mut row = 0u32;
    sheet.row(row, None)?;
    sheet.string(0, text::INSTRUCTIONS_TITLE, Style::Title)?;
    row += 2;
    for line in text::INSTRUCTIONS_INTRO {
        paragraph(&mut sheet, row, line)?;
        row += 1;
    }
    row += 1;
    sheet.row(row, None)?;
    sheet.string(0, text::INSTRUCTIONS_COLUMNS_TITLE, Style::Heading)?;
    row += 1;
    sheet.row(row, None)?;
    for (col, title) in (0u16..).zip(text::INSTRUCTIONS_COLUMNS) {
        sheet.string(col, title, Style::Header)?;
    }
    row += 1;
    for field in &schema.fields {
        let cells = [
            field.title.as_str(),
            text::required_label(field.required),
            help(field),
            example_value(field),
        ];
        let lines = cells
            .iter()
            .zip(INSTRUCTION_WIDTHS)
            .map(|(cell, width)| lines_needed(cell, width))
            .max()
            .unwrap_or(1);
        sheet.row(row, Some(line_height(lines)))?;
        for (col, cell) in (0u16..).zip(cells) {
            sheet.string(col, cell, Style::Wrapped)?;
        }
        row += 1;
    }
    for (title, lines) in sections {
        row += 1;
        sheet.row(row, None)?;
        sheet.string(0, title, Style::Heading)?;
        row += 1;
        for line in lines {
            paragraph(&mut sheet, row, &line)?;
            row += 1;
        }
    }
    sheet.finish(Tail::default())
}

/// A line of prose across the four columns (merged), wrapped, its row tall enough to show it
/// whole (Excel does not size merged rows by itself).
fn paragraph(sheet: &mut SheetWriter<'_>, row: u32, line: &str) -> Result<(), WriteError> {
    let width: f64 = INSTRUCTION_WIDTHS.iter().sum();
    sheet.row(row, Some(line_height(lines_needed(line, width))))?;
    sheet.string(0, line, Style::Wrapped)?;
    for col in 1..4 {
        sheet.blank(col, Style::Wrapped)?;
    }
    sheet.merge(0, 3)
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
