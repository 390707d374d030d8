//! The ARS's two workbooks: the merged directory (« Annuaire » with a first column « CPTS »,
//! « Contrôle » with the file on each line, « Fichiers ») and the indicators without personal
//! data (« Lisez-moi », then one sheet per table).

use super::output::XlsxFile;
use super::xlsx::{Book, Column, Plan, Rows, SheetSpec, SheetWriter, Style, Tail, WriteError};
use super::{annuaire, controle, corrected, lists::Lists};
use crate::ars::{mask::Share, mask::Shown, Batch, FileEntry, IndicatorTable, Indicators};
use crate::check::Record;
use crate::schema::{Field, Kind, Required, Schema};
use crate::text::ars as text;
use crate::wire::{Reader, Writer};

/// Width of the merged « Annuaire »'s « CPTS » column, in characters.
const CPTS_WIDTH: f64 = 34.0;
/// Widths of « Fichiers », in characters.
const FILE_WIDTHS: [f64; 12] = [
    44.0, 34.0, 8.0, 10.0, 44.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 80.0,
];

/// Where a part of the merged directory starts: its first row in « Annuaire » and in
/// « Contrôle » (0-based: 1 is the first under the header).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FirstRows {
    /// The first row of « Annuaire ».
    pub annuaire: u32,
    /// The first row of « Contrôle ».
    pub controle: u32,
}

impl FirstRows {
    /// The start of both sheets.
    pub const TOP: FirstRows = FirstRows {
        annuaire: 1,
        controle: 1,
    };

    /// Where the part after `files` (checked with `schema`, their members two CPTS list
    /// marked) starts, when theirs starts here.
    pub fn after(self, files: &[FileEntry], schema: &Schema) -> FirstRows {
        let outcomes = outcomes(files);
        let grow =
            |first: u32, n: usize| first.saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
        FirstRows {
            annuaire: grow(self.annuaire, crate::ars::kept_members(files)),
            controle: grow(self.controle, controle::line_count(&outcomes, schema)),
        }
    }
}

/// Some of the batch's files as rows of the merged directory, written on their own (by
/// another worker of the page, or on another thread) for [`crate::write::write_merged_from`] to splice in:
/// their kept members in « Annuaire », their lines in « Contrôle ».
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergedRows {
    annuaire: Rows,
    controle: Rows,
    /// The lines « Contrôle » gives these files (some may be past the sheet's end).
    lines: usize,
}

impl MergedRows {
    /// How many members, rows of « Annuaire ».
    pub fn len(&self) -> u32 {
        self.annuaire.span.map_or(0, |(first, last)| {
            last.saturating_sub(first).saturating_add(1)
        })
    }

    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.annuaire.span.is_none()
    }

    /// How many lines of « Contrôle » (some may be past the sheet's end).
    pub fn lines(&self) -> usize {
        self.lines
    }

    /// The rows as bytes, to hand to another worker ([`crate::write::merged_rows_from_bytes`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.count(self.lines);
        w.bytes(&self.annuaire.to_bytes());
        w.bytes(&self.controle.to_bytes());
        w.0
    }

    /// Reads back what [`MergedRows::to_bytes`] wrote.
    ///
    /// # Errors
    /// For bytes that are not such rows.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<MergedRows, WriteError> {
        let wrong = |_| WriteError::Plan("rows handed over");
        let mut r = Reader(bytes);
        let lines = r.count().map_err(wrong)?;
        let annuaire = Rows::from_bytes(r.bytes().map_err(wrong)?)?;
        let controle = Rows::from_bytes(r.bytes().map_err(wrong)?)?;
        r.end().map_err(wrong)?;
        Ok(MergedRows {
            annuaire,
            controle,
            lines,
        })
    }
}

/// Each file's name and check, for « Contrôle ».
fn outcomes(files: &[FileEntry]) -> Vec<(&str, &crate::check::Outcome)> {
    files
        .iter()
        .map(|f| (f.file.as_str(), &f.outcome))
        .collect()
}

/// The schema of the merged « Annuaire »: « CPTS » in front, which shifts every format and
/// drop-down by one.
fn wide_schema(schema: &Schema) -> Schema {
    let mut wide = schema.clone();
    wide.fields.insert(
        0,
        Field {
            id: "cpts".into(),
            title: text::MERGED_CPTS.into(),
            required: Required::No,
            kind: Kind::Text,
            role: None,
            synonyms: Vec::new(),
            width: CPTS_WIDTH,
        },
    );
    wide
}

/// `files` as rows of the merged directory from `first`: the kept members of those read in
/// « Annuaire », every file's lines in « Contrôle ». Their members two CPTS list must be
/// marked already.
///
/// # Errors
/// What the writer reports.
pub(super) fn merged_rows(
    files: &[FileEntry],
    schema: &Schema,
    first: FirstRows,
) -> Result<MergedRows, WriteError> {
    let annuaire = annuaire_rows(files, schema, first.annuaire)?;
    let controle = controle_rows(files, schema, first.controle)?;
    Ok(MergedRows {
        annuaire: annuaire.annuaire,
        ..controle
    })
}

/// [`merged_rows`] of a run of the batch written on a thread beside the others: its
/// « Annuaire » from row `annuaire`, its « Contrôle » from the row `previous` gives (the row
/// after the run before's lines; none: the top). The row after this run's lines goes to `next`
/// as soon as they are gathered, before they are written, so that every thread counts its own
/// lines at once and each line is gathered once.
///
/// # Errors
/// What the writer reports; [`WriteError::Plan`] when the run before failed.
pub(super) fn merged_rows_after(
    files: &[FileEntry],
    schema: &Schema,
    annuaire: u32,
    previous: Option<std::sync::mpsc::Receiver<u32>>,
    next: std::sync::mpsc::Sender<u32>,
) -> Result<MergedRows, WriteError> {
    let outcomes = outcomes(files);
    let lines = controle::Lines::of(&outcomes, schema);
    let first = match previous {
        Some(previous) => previous
            .recv()
            .map_err(|_| WriteError::Plan("merged rows' thread"))?,
        None => FirstRows::TOP.controle,
    };
    let count = u32::try_from(lines.len()).unwrap_or(u32::MAX);
    // The last run has no one to tell: its receiver is gone, and that is no error.
    let _ = next.send(first.saturating_add(count));
    let controle = lines.as_rows(schema, first, true)?;
    let rows = annuaire_rows(files, schema, annuaire)?;
    Ok(MergedRows {
        annuaire: rows.annuaire,
        controle,
        lines: lines.len(),
    })
}

/// The kept members of the files read among `files` as rows of the merged « Annuaire » from
/// row `first` (the rows of « Contrôle » are for [`controle_rows`]).
///
/// # Errors
/// What the writer reports.
pub(super) fn annuaire_rows(
    files: &[FileEntry],
    schema: &Schema,
    first: u32,
) -> Result<MergedRows, WriteError> {
    let wide = wide_schema(schema);
    let layout = annuaire::layout(&wide, 0, &mut Lists::default())?;
    let styles = layout.styles.get(1..).unwrap_or_default();
    let mut sheet = SheetWriter::run(&layout.columns);
    let mut next = first;
    for file in files.iter().filter(|f| f.is_read()) {
        let kept: Vec<&Record> = file
            .outcome
            .records
            .iter()
            .filter(|r| r.removed.is_none())
            .collect();
        let errors = corrected::cell_errors(&file.outcome, schema);
        next = corrected::write_kept(
            &mut sheet,
            next,
            &kept,
            &errors,
            schema,
            styles,
            Some(&file.cpts),
        )?;
    }
    Ok(MergedRows {
        annuaire: sheet.finish_run()?,
        ..MergedRows::default()
    })
}

/// The lines of `files` (their members two CPTS list marked) as rows of the merged
/// « Contrôle » from row `first`; [`MergedRows::lines`] says how many, for the next files'.
///
/// # Errors
/// What the writer reports.
pub(super) fn controle_rows(
    files: &[FileEntry],
    schema: &Schema,
    first: u32,
) -> Result<MergedRows, WriteError> {
    let outcomes = outcomes(files);
    let (controle, lines) = controle::lines_as_rows(&outcomes, schema, first, true)?;
    Ok(MergedRows {
        controle,
        lines,
        ..MergedRows::default()
    })
}

/// Writes the merged directory from `parts`: every kept member of the batch's files read and
/// every file's lines, in order, from the first row under the header.
///
/// # Errors
/// [`WriteError::Plan`] when `parts` are not those rows; what the writer reports.
pub(super) fn write_merged(batch: &Batch, parts: Vec<MergedRows>) -> Result<XlsxFile, WriteError> {
    let schema = &batch.schema;
    let total = crate::ars::kept_members(&batch.files);
    let mut next = 1u32;
    for part in &parts {
        match part.annuaire.span {
            Some((first, last)) if first == next => next = last.saturating_add(1),
            Some(_) => return Err(WriteError::Plan("merged rows out of order")),
            None => {}
        }
    }
    if usize::try_from(next - 1).ok() != Some(total) {
        return Err(WriteError::Plan("merged rows"));
    }
    let wide = wide_schema(schema);
    let mut lists = Lists::default();
    let layout = annuaire::layout(&wide, total, &mut lists)?;
    // « Annuaire » (notes on the cells with errors), « Contrôle », « Fichiers », « Listes ».
    let notes = vec![
        parts.iter().any(|p| !p.annuaire.notes.is_empty()),
        false,
        false,
    ];
    let mut book = super::book_with_lists(notes, &lists, true)?;
    let mut sheet = annuaire::start(&mut book, &wide, &layout)?;
    let mut controle = Vec::with_capacity(parts.len());
    let mut lines = 0;
    for part in parts {
        sheet.splice(part.annuaire)?;
        controle.push(part.controle);
        lines += part.lines;
    }
    sheet.finish(layout.tail)?;
    controle::write_from_rows(&mut book, controle, lines)?;
    write_files(&mut book, &batch.files)?;
    lists.write(&mut book)?;
    book.finish()
}

/// « Fichiers »: the table of files.
fn write_files(book: &mut Book, files: &[FileEntry]) -> Result<(), WriteError> {
    let last_row = u32::try_from(files.len()).unwrap_or(u32::MAX);
    let last_col = 11;
    let mut sheet = super::table_sheet(
        book,
        text::SHEET_FICHIERS,
        &FILE_WIDTHS,
        &text::FILE_HEADERS,
        (last_row, last_col),
    )?;
    for (row, f) in (1u32..).zip(files) {
        sheet.row(row, None)?;
        sheet.string(0, &f.file, Style::Default)?;
        sheet.string(1, &f.cpts, Style::Default)?;
        if let Some(year) = f.year.and_then(|y| u32::try_from(y).ok()) {
            sheet.number(2, year, Style::Default)?;
        }
        sheet.shared(3, text::yes_no(f.follows_rule), Style::Default)?;
        sheet.string(4, f.expected_name.as_deref().unwrap_or(""), Style::Default)?;
        let counts = [
            f.rows_read,
            f.rows_kept,
            f.errors,
            f.warnings,
            f.notices,
            f.rows_removed,
        ];
        for (col, n) in (5u16..).zip(counts) {
            sheet.number(col, u32::try_from(n).unwrap_or(u32::MAX), Style::Default)?;
        }
        sheet.string(11, f.message.as_deref().unwrap_or(""), Style::Default)?;
    }
    sheet.finish(Tail {
        autofilter: Some((last_row, last_col)),
        validations: Vec::new(),
    })
}

/// Writes the indicators workbook, « Lisez-moi » holding `readme`.
///
/// # Errors
/// What the writer reports.
pub(super) fn write_indicators(
    indicators: &Indicators,
    readme: &[String],
) -> Result<XlsxFile, WriteError> {
    let mut book = Book::new(Plan {
        notes: vec![false; indicators.tables.len() + 1],
        shared_strings: true,
    })?;
    let columns = [Column {
        width: 120.0,
        style: Style::Default,
    }];
    let mut sheet = book.sheet(SheetSpec {
        name: text::SHEET_README,
        hidden: false,
        freeze_header: false,
        columns: &columns,
        dimension: Some((u32::try_from(readme.len()).unwrap_or(0), 0)),
    })?;
    for (row, line) in (0u32..).zip(readme) {
        sheet.row(row, None)?;
        let style = if row == 0 {
            Style::Title
        } else {
            Style::Wrapped
        };
        sheet.string(0, line, style)?;
    }
    sheet.finish(Tail::default())?;
    for table in &indicators.tables {
        write_table(&mut book, table)?;
    }
    book.finish()
}

/// One table's sheet: the counts (label, one column per category, total), a blank row, then
/// the shares.
fn write_table(book: &mut Book, table: &IndicatorTable) -> Result<(), WriteError> {
    let n = table.columns.len();
    let widths: Vec<Column> = std::iter::once(CPTS_WIDTH)
        .chain(std::iter::repeat_n(14.0, n + 1))
        .map(|width| Column {
            width,
            style: Style::Default,
        })
        .collect();
    let last_col = u16::try_from(n + 1).unwrap_or(u16::MAX);
    let rows = table.rows.len();
    let last_row = u32::try_from(rows * 2 + 3).unwrap_or(u32::MAX);
    let mut sheet = book.sheet(SheetSpec {
        name: table.title,
        hidden: false,
        freeze_header: true,
        columns: &widths,
        dimension: Some((last_row, last_col)),
    })?;
    let header = |sheet: &mut SheetWriter<'_>, row: u32, total: bool| {
        sheet.row(row, Some(32.0))?;
        sheet.string(0, text::CPTS_HEADER, Style::Header)?;
        for (col, title) in (1u16..).zip(&table.columns) {
            sheet.string(col, title, Style::Header)?;
        }
        if total {
            sheet.string(last_col, text::TOTAL, Style::Header)?;
        }
        Ok::<(), WriteError>(())
    };
    header(&mut sheet, 0, table.id != "adherents")?;
    let mut row = 1u32;
    for r in &table.rows {
        sheet.row(row, None)?;
        row += 1;
        sheet.string(0, &r.label, Style::Default)?;
        for (col, cell) in (1u16..).zip(&r.cells) {
            count(&mut sheet, col, *cell)?;
        }
        if table.id != "adherents" {
            count(&mut sheet, last_col, r.total)?;
        }
    }
    row += 1;
    sheet.row(row, None)?;
    sheet.string(0, text::SHARES, Style::Heading)?;
    sheet.string(1, table.shares_of, Style::Default)?;
    row += 1;
    header(&mut sheet, row, false)?;
    for r in &table.rows {
        row += 1;
        sheet.row(row, None)?;
        sheet.string(0, &r.label, Style::Default)?;
        for (col, share) in (1u16..).zip(&r.shares) {
            match share {
                Share::Percent(share) => sheet.decimal(col, *share, Style::Default)?,
                Share::Masked => sheet.shared(col, text::SECRET, Style::Default)?,
                Share::None => {}
            }
        }
    }
    sheet.finish(Tail::default())
}

/// A count as a number, a masked one as its text.
fn count(sheet: &mut SheetWriter<'_>, col: u16, cell: Shown) -> Result<(), WriteError> {
    match (cell.count(), cell.mask_text()) {
        (Some(n), _) => sheet.number(col, u32::try_from(n).unwrap_or(u32::MAX), Style::Default),
        (None, Some(mask)) => sheet.shared(col, mask, Style::Default),
        (None, None) => Ok(()),
    }
}
