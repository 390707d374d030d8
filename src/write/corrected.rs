//! The corrected workbook: « Annuaire » (kept rows, schema order, errors highlighted with a
//! note) and « Contrôle ».

use super::output::XlsxFile;
use super::style::ColumnStyle;
use super::xlsx::{SheetWriter, Style, WriteError};
use super::{annuaire, controle, fit, lists::Lists, rows_where};
use crate::check::{Record, Results};
use crate::hash::FastMap;
use crate::report::Severity;
use crate::schema::Schema;
use crate::text::write as text;

/// Width of an error note, in pixels.
const NOTE_WIDTH: u32 = 320;
/// Characters that fit on one line of a note that wide.
const NOTE_LINE: usize = 45;
/// Height of one line of a note, in pixels.
const NOTE_LINE_HEIGHT: u32 = 16;

/// Writes the workbook.
///
/// # Errors
/// What the writer reports.
pub(super) fn write(outcome: &impl Results, schema: &Schema) -> Result<XlsxFile, WriteError> {
    let kept: Vec<&Record> = outcome
        .records()
        .iter()
        .filter(|r| r.removed.is_none())
        .collect();
    let mut lists = Lists::default();
    let layout = annuaire::layout(schema, kept.len(), &mut lists)?;
    let errors = cell_errors(outcome, schema);
    // « Annuaire » (notes on the cells with errors), « Contrôle » (codes and severities
    // shared), « Listes » when a list needs it.
    let mut book = super::book_with_lists(vec![!errors.is_empty(), false], &lists, true)?;
    let mut sheet = annuaire::start(&mut book, schema, &layout)?;
    write_kept(&mut sheet, 1, &kept, &errors, schema, &layout.styles, None)?;
    sheet.finish(layout.tail)?;
    controle::write(&mut book, outcome, schema)?;
    lists.write(&mut book)?;
    book.finish()
}

/// Writes the kept records from sheet row `first`, errors highlighted with a note; with a
/// `prefix`, column 0 holds it and the schema's fields follow. Returns the next free row.
///
/// # Errors
/// What the writer reports.
pub(super) fn write_kept(
    sheet: &mut SheetWriter<'_>,
    first: u32,
    kept: &[&Record],
    errors: &FastMap<(u32, usize), Vec<&str>>,
    schema: &Schema,
    styles: &[ColumnStyle],
    prefix: Option<&str>,
) -> Result<u32, WriteError> {
    let shift = u16::from(prefix.is_some());
    let mut next = first;
    for record in kept {
        sheet.row(next, None)?;
        next = next.saturating_add(1);
        if let Some(prefix) = prefix {
            sheet.shared(0, prefix, Style::Default)?;
        }
        for ((col, field), style) in (0u16..).zip(&schema.fields).zip(styles) {
            let value = record.values.get(usize::from(col));
            let messages = errors.get(&(record.row, usize::from(col)));
            // An empty cell with an error is written blank, so that its highlight shows.
            let style = match messages {
                Some(_) => style.error,
                None if value.is_none_or(|v| v.is_empty()) => continue,
                None => style.base,
            };
            let at = col.saturating_add(shift);
            match value {
                Some(value) => annuaire::write_value(sheet, at, field, value, style)?,
                None => sheet.string(at, "", style)?,
            }
            if let Some(messages) = messages {
                let (body, height) = error_note(messages);
                sheet.note(at, &fit(&body), text::NOTE_AUTHOR, (NOTE_WIDTH, height))?;
            }
        }
    }
    Ok(next)
}

/// The error messages of each cell of a kept row, by (spreadsheet row, schema position). A
/// row-level error (a duplicate, no contact at all) goes on the row's first cell, where the
/// coordinator starts reading.
pub(super) fn cell_errors<'a>(
    outcome: &'a impl Results,
    schema: &Schema,
) -> FastMap<(u32, usize), Vec<&'a str>> {
    let mut errors: FastMap<(u32, usize), Vec<&str>> = FastMap::default();
    let kept = rows_where(outcome, |removed| removed.is_none());
    for f in outcome.issues() {
        let Some(row) = f.row.filter(|r| kept.contains(r)) else {
            continue;
        };
        if f.severity != Severity::Error {
            continue;
        }
        let col = f
            .column
            .as_deref()
            .and_then(|id| schema.position(id))
            .unwrap_or(0);
        let messages = errors.entry((row, col)).or_default();
        if !messages.contains(&&*f.message) {
            messages.push(&f.message);
        }
    }
    errors
}

/// The text of the note carrying a cell's error messages, and its height in pixels to show
/// them whole.
fn error_note(messages: &[&str]) -> (String, u32) {
    let body = text::error_note(messages);
    let lines: usize = body
        .lines()
        .map(|l| l.chars().count().div_ceil(NOTE_LINE).max(1))
        .sum();
    let height = u32::try_from(lines)
        .unwrap_or(u32::MAX)
        .saturating_mul(NOTE_LINE_HEIGHT)
        .saturating_add(NOTE_LINE_HEIGHT)
        .min(600);
    (body, height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_is_tall_enough_for_its_lines() {
        let (body, height) = error_note(&["Court."]);
        assert!(body.contains("Court."));
        let (_, taller) = error_note(&["Court.", &"long ".repeat(40)]);
        assert!(taller > height);
        let (_, capped) = error_note(&[&"x".repeat(100_000)]);
        assert_eq!(capped, 600);
    }
}
