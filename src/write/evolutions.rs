//! The « Évolutions » workbook: this year's directory against last year's, for the coordinator
//! (never part of the file for the ARS). Sheets « Synthèse » (the counts, the SPICO adoption
//! and the rows to check), « Arrivées », « Départs » and « Modifications » (one line per field
//! that changed, before → after). Members who objected are counted in « Synthèse », never listed.

use super::fit;
use super::output::XlsxFile;
use super::xlsx::{Book, Column, Plan, SheetSpec, SheetWriter, Style, Tail, WriteError};
use crate::compare::{Comparison, Member};
use crate::text::compare as text;

/// Column widths of « Synthèse », « Arrivées » / « Départs » and « Modifications ».
const SUMMARY_WIDTHS: [f64; 2] = [70.0, 12.0];
const MEMBER_WIDTHS: [f64; 4] = [8.0, 22.0, 18.0, 26.0];
const CHANGE_WIDTHS: [f64; 9] = [10.0, 10.0, 22.0, 18.0, 26.0, 24.0, 30.0, 30.0, 30.0];

/// Writes the workbook.
///
/// # Errors
/// What the writer reports.
pub(super) fn write(c: &Comparison) -> Result<XlsxFile, WriteError> {
    let mut book = Book::new(Plan {
        notes: vec![false; 4],
        shared_strings: true,
    })?;
    summary(&mut book, c)?;
    members(&mut book, text::SHEET_JOINED, &c.joined, false)?;
    members(&mut book, text::SHEET_LEFT, &c.left, true)?;
    changes(&mut book, c)?;
    book.finish()
}

/// A sheet of `columns` with its header row written.
fn start<'b>(
    book: &'b mut Book,
    name: &'static str,
    columns: &'b [Column],
    headers: &[&str],
    rows: usize,
) -> Result<SheetWriter<'b>, WriteError> {
    let last_row = u32::try_from(rows.max(1)).map_err(|_| WriteError::Position {
        row: u32::MAX,
        col: 0,
    })?;
    let last_col = u16::try_from(headers.len().saturating_sub(1)).unwrap_or(0);
    let mut sheet = book.sheet(SheetSpec {
        name,
        hidden: false,
        freeze_header: true,
        columns,
        dimension: Some((last_row, last_col)),
    })?;
    sheet.row(0, None)?;
    for (col, title) in (0u16..).zip(headers) {
        sheet.string(col, title, Style::Header)?;
    }
    Ok(sheet)
}

fn widths<const N: usize>(widths: [f64; N]) -> [Column; N] {
    widths.map(|width| Column {
        width,
        style: Style::Default,
    })
}

/// The counts, then the ambiguous rows.
fn summary(book: &mut Book, c: &Comparison) -> Result<(), WriteError> {
    let columns = widths(SUMMARY_WIDTHS);
    let counts = text::counts(c);
    let ambiguous: usize = c
        .ambiguous
        .iter()
        .map(|a| a.last.len() + a.this.len())
        .sum();
    let rows = counts.len() + 2 + if ambiguous > 0 { ambiguous + 3 } else { 0 };
    let mut sheet = start(
        book,
        text::SHEET_SUMMARY,
        &columns,
        &text::SUMMARY_HEADERS,
        rows,
    )?;
    let mut row = 0u32;
    for (label, n) in &counts {
        row += 1;
        sheet.row(row, None)?;
        sheet.string(0, label, Style::Default)?;
        sheet.number(1, u32::try_from(*n).unwrap_or(u32::MAX), Style::Default)?;
    }
    row += 2;
    sheet.row(row, None)?;
    sheet.string(0, text::NOT_FOR_ARS, Style::Wrapped)?;
    if ambiguous > 0 {
        row += 2;
        sheet.row(row, None)?;
        sheet.string(0, text::AMBIGUOUS_HEADING, Style::Heading)?;
        row += 1;
        sheet.row(row, None)?;
        for (col, title) in (0u16..).zip(text::AMBIGUOUS_HEADERS) {
            sheet.string(col, title, Style::Header)?;
        }
        for (set, a) in (1u32..).zip(&c.ambiguous) {
            for (last, m) in a
                .last
                .iter()
                .map(|m| (true, m))
                .chain(a.this.iter().map(|m| (false, m)))
            {
                row += 1;
                sheet.row(row, None)?;
                let place = if last { m.last_row } else { m.this_row };
                sheet.string(
                    0,
                    &format!(
                        "{set}. {} — {} (ligne {})",
                        text::year_label(last),
                        text::who(m),
                        place.unwrap_or(0)
                    ),
                    Style::Default,
                )?;
            }
        }
    }
    sheet.finish(Tail::default())
}

/// « Arrivées » or « Départs ».
fn members(
    book: &mut Book,
    name: &'static str,
    list: &[Member],
    last: bool,
) -> Result<(), WriteError> {
    let columns = widths(MEMBER_WIDTHS);
    let mut sheet = start(book, name, &columns, &text::MEMBER_HEADERS, list.len())?;
    for (row, m) in (1u32..).zip(list) {
        sheet.row(row, None)?;
        if let Some(number) = if last { m.last_row } else { m.this_row } {
            sheet.number(0, number, Style::Default)?;
        }
        sheet.text(1, &m.nom, Style::Default)?;
        sheet.text(2, &m.prenom, Style::Default)?;
        sheet.text(3, &m.profession, Style::Default)?;
    }
    let last_row = u32::try_from(list.len().max(1)).unwrap_or(u32::MAX);
    sheet.finish(Tail {
        autofilter: Some((last_row, 3)),
        validations: Vec::new(),
    })
}

/// « Modifications »: one line per field that changed.
fn changes(book: &mut Book, c: &Comparison) -> Result<(), WriteError> {
    let columns = widths(CHANGE_WIDTHS);
    let lines: usize = c.changed.iter().map(|m| m.fields.len()).sum();
    let mut sheet = start(
        book,
        text::SHEET_CHANGED,
        &columns,
        &text::CHANGE_HEADERS,
        lines,
    )?;
    let mut row = 0u32;
    for changed in &c.changed {
        let m = &changed.member;
        for f in &changed.fields {
            row += 1;
            sheet.row(row, None)?;
            if let Some(number) = m.last_row {
                sheet.number(0, number, Style::Default)?;
            }
            if let Some(number) = m.this_row {
                sheet.number(1, number, Style::Default)?;
            }
            sheet.text(2, &m.nom, Style::Default)?;
            sheet.text(3, &m.prenom, Style::Default)?;
            sheet.text(4, &m.profession, Style::Default)?;
            sheet.shared(5, &f.title, Style::Default)?;
            sheet.string(6, &fit(&f.before), Style::Text)?;
            sheet.string(7, &fit(&f.after), Style::Text)?;
            sheet.shared(8, text::match_kind(changed.matched_by), Style::Default)?;
        }
    }
    sheet.finish(Tail {
        autofilter: Some((row.max(1), 8)),
        validations: Vec::new(),
    })
}
