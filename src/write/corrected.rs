//! The corrected workbook: « Annuaire » (kept rows, schema order, errors highlighted with a
//! note) and « Contrôle ».

use std::collections::HashMap;

use rust_xlsxwriter::{Note, Workbook, XlsxError};

use super::{annuaire, controle, fit, lists::Lists};
use crate::check::{Outcome, Record};
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
/// What rust_xlsxwriter reports.
pub(super) fn write(outcome: &Outcome, schema: &Schema) -> Result<Vec<u8>, XlsxError> {
    let kept: Vec<&Record> = outcome
        .records
        .iter()
        .filter(|r| r.removed.is_none())
        .collect();
    let mut lists = Lists::default();
    let (mut sheet, styles) = annuaire::new_sheet(schema, kept.len(), &mut lists)?;
    let errors = cell_errors(outcome, schema);
    for (row, record) in (1u32..).zip(&kept) {
        for ((col, field), style) in (0u16..).zip(&schema.fields).zip(&styles) {
            let value = record
                .values
                .get(usize::from(col))
                .map_or("", String::as_str);
            let messages = errors.get(&(record.row, usize::from(col)));
            let format = if messages.is_some() {
                &style.error
            } else {
                &style.base
            };
            if value.is_empty() {
                if messages.is_some() {
                    sheet.write_blank(row, col, format)?;
                }
            } else {
                annuaire::write_value(&mut sheet, row, col, field, &fit(value), format)?;
            }
            if let Some(messages) = messages {
                sheet.insert_note(row, col, &error_note(messages))?;
            }
        }
    }
    let mut workbook = Workbook::new();
    // Deflate took ≈ 18 % of a large directory's whole pipeline at the default level 6
    // (perf, BENCHMARKS.md); level 3 saves about a quarter of the save for a file ≈ 14 % larger.
    workbook.set_zip_compression_level(3);
    workbook.push_worksheet(sheet);
    workbook.push_worksheet(controle::sheet(outcome, schema)?);
    if let Some(hidden) = lists.into_sheet() {
        workbook.push_worksheet(hidden);
    }
    workbook.save_to_buffer()
}

/// The error messages of each cell of a kept row, by (spreadsheet row, schema position). A
/// row-level error (a duplicate, no contact at all) goes on the row's first cell, where the
/// coordinator starts reading.
fn cell_errors<'a>(outcome: &'a Outcome, schema: &Schema) -> HashMap<(u32, usize), Vec<&'a str>> {
    let mut errors: HashMap<(u32, usize), Vec<&str>> = HashMap::new();
    let kept: std::collections::HashSet<u32> = outcome
        .records
        .iter()
        .filter(|r| r.removed.is_none())
        .map(|r| r.row)
        .collect();
    for f in &outcome.report.issues {
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
        if !messages.contains(&f.message.as_str()) {
            messages.push(&f.message);
        }
    }
    errors
}

/// The note carrying a cell's error messages, sized to show them whole.
fn error_note(messages: &[&str]) -> Note {
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
    Note::new(fit(&body))
        .set_author(text::NOTE_AUTHOR)
        .add_author_prefix(false)
        .set_width(NOTE_WIDTH)
        .set_height(height)
}
