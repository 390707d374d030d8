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

/// Width of the merged « Annuaire »'s « CPTS » column, in characters.
const CPTS_WIDTH: f64 = 34.0;
/// Widths of « Fichiers », in characters.
const FILE_WIDTHS: [f64; 12] = [
    44.0, 34.0, 8.0, 10.0, 44.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 80.0,
];

/// The merged « Annuaire »'s rows of some of the batch's files, written on their own (by
/// another worker of the page, or on another thread) for [`write_merged`] to splice in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergedRows(Rows);

impl MergedRows {
    /// How many rows.
    pub fn len(&self) -> u32 {
        self.0.span.map_or(0, |(first, last)| {
            last.saturating_sub(first).saturating_add(1)
        })
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.span.is_none()
    }

    /// The rows as bytes, to hand to another worker ([`MergedRows::from_bytes`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.to_bytes()
    }

    /// Reads back what [`MergedRows::to_bytes`] wrote.
    ///
    /// # Errors
    /// For bytes that are not such rows.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<MergedRows, WriteError> {
        Rows::from_bytes(bytes).map(MergedRows)
    }
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

/// The kept members of the files read among `files`, as rows of the merged « Annuaire » from
/// spreadsheet row `first` (0-based: 1 is the first under the header).
///
/// # Errors
/// What the writer reports.
pub(super) fn merged_rows(
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
    sheet.finish_run().map(MergedRows)
}

/// Writes the merged directory, its « Annuaire » rows from `parts`: every kept member of
/// the batch's files read, in order, from the first row under the header.
///
/// # Errors
/// [`WriteError::Plan`] when `parts` are not those rows; what the writer reports.
pub(super) fn write_merged(batch: &Batch, parts: Vec<MergedRows>) -> Result<XlsxFile, WriteError> {
    let schema = &batch.schema;
    let total = crate::ars::kept_members(&batch.files);
    let mut next = 1u32;
    for part in &parts {
        match part.0.span {
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
    let notes = vec![parts.iter().any(|p| !p.0.notes.is_empty()), false, false];
    let mut book = super::book_with_lists(notes, &lists, true)?;
    let mut sheet = annuaire::start(&mut book, &wide, &layout)?;
    for part in parts {
        sheet.splice(part.0)?;
    }
    sheet.finish(layout.tail)?;
    let outcomes: Vec<(&str, &crate::check::Outcome)> = batch
        .files
        .iter()
        .map(|f| (f.file.as_str(), &f.outcome))
        .collect();
    controle::write_files(&mut book, &outcomes, schema, true)?;
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
