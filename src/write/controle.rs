//! The « Contrôle » sheet: every finding (row, column, code, severity, original value, new
//! value, message) and every removed row, so that the coordinator and the ARS see what changed.
//!
//! Members who objected to the transmission appear by row number only: no value, no fixed
//! value, and a message of our own rather than the check's (SPEC §5).

use std::sync::Arc;

use super::rows_where;
use super::xlsx::{Book, Style, Tail, WriteError};
use crate::check::Outcome;
use crate::hash::FastSet;
use crate::report::{Code, Severity};
use crate::schema::Schema;
use crate::text::write as text;

/// Column widths of « Contrôle », in characters.
const WIDTHS: [f64; 7] = [8.0, 26.0, 22.0, 14.0, 28.0, 28.0, 100.0];

/// Width of the merged « Contrôle »'s first column, « Fichier ».
const FILE_WIDTH: f64 = 40.0;

/// One line of « Contrôle », borrowing from the outcome (hundreds of thousands of lines for a
/// large directory: no copy of their texts).
#[derive(Clone, Debug, PartialEq)]
struct Line<'a> {
    /// The spreadsheet's row number; `None` for the file and its columns.
    row: Option<u32>,
    /// The column's output title (or the id the finding names, when not in the schema).
    column: &'a str,
    /// The finding's code.
    code: Code,
    /// The original value.
    value: Option<&'a Arc<str>>,
    /// The new or suggested value.
    fixed: Option<&'a Arc<str>>,
    /// The French message.
    message: Message<'a>,
}

/// A line's message: the finding's own, or one written for a removed row.
#[derive(Clone, Debug, PartialEq)]
enum Message<'a> {
    Finding(&'a Arc<str>),
    Removed(String),
}

/// Where a line comes from: a finding or a removed record, by index in the outcome. The order
/// of the lines is sorted as these (a few bytes each), not as whole lines: a large directory
/// has hundreds of thousands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    Finding(u32),
    Removed(u32),
}

/// The lines of « Contrôle » in order, file-level first, then by row (stable: the report's own
/// order within a row).
fn order(outcome: &Outcome) -> Vec<(u32, Source)> {
    let removed = rows_where(outcome, |removed| removed.is_some());
    let opposed = rows_where(outcome, |removed| removed == Some(Code::RowOpposition));
    let mut order = Vec::with_capacity(outcome.report.issues.len());
    // Only the removed rows' findings: whether their removal is already described.
    let mut described: FastSet<(u32, Code)> = FastSet::default();
    for (i, f) in outcome.report.issues.iter().enumerate() {
        if let Some(row) = f.row.filter(|r| removed.contains(r)) {
            described.insert((row, f.code));
            if opposed.contains(&row) {
                // Nothing of theirs: not even what the check found in their cells.
                continue;
            }
        }
        if let Ok(i) = u32::try_from(i) {
            order.push((f.row.unwrap_or(0), Source::Finding(i)));
        }
    }
    for (i, record) in outcome.records.iter().enumerate() {
        let Some(reason) = record.removed else {
            continue;
        };
        if reason == Code::RowOpposition || !described.contains(&(record.row, reason)) {
            if let Ok(i) = u32::try_from(i) {
                order.push((record.row, Source::Removed(i)));
            }
        }
    }
    order.sort_by_key(|&(row, _)| row);
    order
}

/// One line, from its source.
fn line<'a>(outcome: &'a Outcome, schema: &'a Schema, source: Source) -> Option<Line<'a>> {
    match source {
        Source::Finding(i) => {
            let f = outcome.report.issues.get(usize::try_from(i).ok()?)?;
            let column = f.column.as_deref().map_or("", |id| {
                schema.field(id).map_or(id, |field| field.title.as_str())
            });
            Some(Line {
                row: f.row,
                column,
                code: f.code,
                value: f.value.as_ref(),
                fixed: f.fixed.as_ref(),
                message: Message::Finding(&f.message),
            })
        }
        Source::Removed(i) => {
            let record = outcome.records.get(usize::try_from(i).ok()?)?;
            let reason = record.removed?;
            Some(Line {
                row: Some(record.row),
                column: "",
                code: reason,
                value: None,
                fixed: None,
                message: Message::Removed(text::removed_row(reason)),
            })
        }
    }
}

/// Writes the « Contrôle » sheet.
///
/// # Errors
/// What the writer reports.
pub(super) fn write(book: &mut Book, outcome: &Outcome, schema: &Schema) -> Result<(), WriteError> {
    write_files(book, &[("", outcome)], schema, false)
}

/// Writes the « Contrôle » sheet of several files, one after the other; with `with_file`, a
/// first column « Fichier » names each line's file.
///
/// # Errors
/// What the writer reports.
pub(super) fn write_files(
    book: &mut Book,
    files: &[(&str, &Outcome)],
    schema: &Schema,
    with_file: bool,
) -> Result<(), WriteError> {
    // One file: every finding. Several (the ARS's merge): each file's automatic fixes one line
    // per column, as its coordinator's « Contrôle » already lists them cell by cell.
    let per_file: Vec<Vec<Line<'_>>> = files
        .iter()
        .map(|(_, outcome)| {
            let order = order(outcome);
            let lines = order
                .iter()
                .filter_map(|&(_, source)| line(outcome, schema, source));
            if with_file {
                summarise_fixes(lines)
            } else {
                lines.collect()
            }
        })
        .collect();
    let count: usize = per_file.iter().map(Vec::len).sum();
    let shift = u16::from(with_file);
    let last_col = 6 + shift;
    let last_row = u32::try_from(count.max(1)).map_err(|_| WriteError::Position {
        row: u32::MAX,
        col: 0,
    })?;
    let widths: Vec<f64> = with_file
        .then_some(FILE_WIDTH)
        .into_iter()
        .chain(WIDTHS)
        .collect();
    let titles: Vec<&str> = with_file
        .then_some(crate::text::ars::CONTROLE_FILE)
        .into_iter()
        .chain(text::CONTROLE_HEADERS)
        .collect();
    let mut sheet = super::table_sheet(
        book,
        text::SHEET_CONTROLE,
        &widths,
        &titles,
        (last_row, last_col),
    )?;
    let lines = files
        .iter()
        .zip(per_file)
        .flat_map(|((file, _), lines)| lines.into_iter().map(move |l| (*file, l)));
    for (row, (file, line)) in (1u32..).zip(lines) {
        sheet.row(row, None)?;
        if with_file {
            sheet.shared(0, file, Style::Default)?;
        }
        if let Some(number) = line.row {
            sheet.number(shift, number, Style::Default)?;
        }
        // Column titles, codes and severities: a few texts on every line.
        sheet.shared(shift + 1, line.column, Style::Default)?;
        sheet.shared(shift + 2, line.code.as_str(), Style::Default)?;
        let severity = line.code.severity();
        let style = match severity {
            Severity::Error => Style::SeverityError,
            Severity::Warning => Style::SeverityWarning,
            Severity::Notice => Style::Default,
        };
        sheet.shared(shift + 3, text::severity(severity), style)?;
        // Values and messages: those that repeat (« N » → « Non », a profession's fix) go to
        // the shared-strings table, the others inline.
        if let Some(value) = line.value {
            sheet.text(shift + 4, value, Style::Default)?;
        }
        if let Some(fixed) = line.fixed {
            sheet.text(shift + 5, fixed, Style::Default)?;
        }
        match &line.message {
            Message::Finding(message) => sheet.text(shift + 6, message, Style::Default)?,
            Message::Removed(message) => sheet.string(shift + 6, message, Style::Default)?,
        }
    }
    if count == 0 {
        sheet.row(1, None)?;
        sheet.string(shift + 6, text::NO_FINDING, Style::Default)?;
    }
    sheet.finish(Tail {
        autofilter: Some((last_row, last_col)),
        validations: Vec::new(),
    })
}

/// The lines with every `value.fixed` of a column folded into one line (the first fix as its
/// example), placed with the file-level lines.
fn summarise_fixes<'a>(lines: impl Iterator<Item = Line<'a>>) -> Vec<Line<'a>> {
    let mut fixes: Vec<(Line<'a>, usize, u32, u32)> = Vec::new();
    let mut others = Vec::new();
    for line in lines {
        if line.code != Code::ValueFixed {
            others.push(line);
            continue;
        }
        let row = line.row.unwrap_or(0);
        match fixes
            .iter_mut()
            .find(|(first, ..)| first.column == line.column)
        {
            Some((_, count, first, last)) => {
                *count += 1;
                *first = (*first).min(row);
                *last = (*last).max(row);
            }
            None => fixes.push((line, 1, row, row)),
        }
    }
    let file_level = others.iter().take_while(|l| l.row.is_none()).count();
    let summaries = fixes.into_iter().map(|(example, count, first, last)| Line {
        row: None,
        message: Message::Removed(crate::text::ars::fixes_summary(count, first, last)),
        ..example
    });
    let mut out: Vec<Line<'a>> = others.drain(..file_level).collect();
    out.extend(summaries);
    out.extend(others);
    out
}
