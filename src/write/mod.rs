//! The corrected workbook and the blank template (SPEC §8), written by our own streaming xlsx
//! writer (`xlsx`): rows go straight to the deflated zip, so memory stays near the output's size.
//!
//! | module | sheet |
//! |---|---|
//! | `annuaire` | « Annuaire »: headers, formats, drop-downs, values by kind (both files) |
//! | `corrected` | the corrected file: kept rows, errors highlighted with a note |
//! | `controle` | « Contrôle »: what to look at one line each, the automatic fixes summarised |
//! | `ars` | the ARS's merged directory and its indicators without personal data |
//! | `template` | the blank template: one example row and « Instructions » |
//! | `evolutions` | « Évolutions »: this year against last year, for the coordinator only |
//! | `lists` | drop-down lists, long ones on a hidden sheet « Listes » |
//! | `style` | each column's formats |
//! | `xlsx` | the SpreadsheetML writer: sheets streamed row by row, styles, notes, package |
//! | `output` | the finished file, [`XlsxFile`]: fixed-size chunks, never one growing buffer |
//!
//! Identifiers, postal codes and phones are always written as text and their columns carry the
//! text format, so that no leading zero is lost, now or when the file is edited next year.

use std::borrow::Cow;

use crate::check::Results;
use crate::error::Error;
use crate::hash::FastSet;
use crate::report::Code;
use crate::schema::Schema;

mod annuaire;
mod ars;
mod controle;
mod corrected;
mod evolutions;
mod lists;
mod output;
mod style;
mod template;
mod xlsx;

pub use ars::{FirstRows, MergedRows};
pub use controle::FixKind;
pub use output::XlsxFile;
pub(crate) use xlsx::{column_name, Container, StoredEntry};

/// Excel's limit on the text of one cell, in UTF-16 units, less room for a note's author.
const MAX_TEXT: usize = 32_700;

/// The corrected workbook: sheet « Annuaire » (kept rows, schema order) and sheet « Contrôle »
/// (every finding and every removed row and column).
///
/// # Errors
/// [`Error::Write`] if the writer fails (a sheet's limits, memory).
pub fn write_corrected(outcome: &impl Results, schema: &Schema) -> Result<XlsxFile, Error> {
    corrected::write(outcome, schema).map_err(write_error)
}

/// The ARS's merged directory, `Annuaire_CPTS_Occitanie_AAAA.xlsx`: « Annuaire » (every kept
/// member of every file read, a first column « CPTS », with the corrected file's guarantees:
/// NIRs blanked, objecting members absent, identifiers as text, drop-downs, errors
/// highlighted), « Contrôle » (the file on each line) and « Fichiers » (the table of files).
///
/// # Errors
/// [`Error::Write`] if the writer fails (a sheet's limits, memory).
pub fn write_merged(batch: &crate::ars::Batch) -> Result<XlsxFile, Error> {
    let rows =
        ars::merged_rows(&batch.files, &batch.schema, FirstRows::TOP).map_err(write_error)?;
    ars::write_merged(batch, vec![rows]).map_err(write_error)
}

/// `files` (checked with `schema`, their members two CPTS list marked:
/// [`crate::ars::mark_other_cpts`]) as rows of the merged directory from `first`, written on
/// their own — by another worker, or on another thread — for [`write_merged_from`]: the kept
/// members of those read in « Annuaire », every file's lines in « Contrôle ». The files before
/// them end where `first` says ([`FirstRows::after`]).
///
/// # Errors
/// [`Error::Write`] if the writer fails (a sheet's limits, memory).
pub fn merged_rows(
    files: &[crate::ars::FileEntry],
    schema: &Schema,
    first: FirstRows,
) -> Result<MergedRows, Error> {
    ars::merged_rows(files, schema, first).map_err(write_error)
}

/// [`merged_rows`] of « Annuaire » alone, from its row `first`: the two sheets' rows of the
/// same files may be written at different times ([`controle_rows`]), each part added to
/// [`write_merged_from`]'s in its sheet's order.
///
/// # Errors
/// [`Error::Write`] if the writer fails (a sheet's limits, memory).
pub fn annuaire_rows(
    files: &[crate::ars::FileEntry],
    schema: &Schema,
    first: u32,
) -> Result<MergedRows, Error> {
    ars::annuaire_rows(files, schema, first).map_err(write_error)
}

/// [`merged_rows`] of « Contrôle » alone, from its row `first`; [`MergedRows::lines`] says
/// where the next files' start.
///
/// # Errors
/// [`Error::Write`] if the writer fails (a sheet's limits, memory).
pub fn controle_rows(
    files: &[crate::ars::FileEntry],
    schema: &Schema,
    first: u32,
) -> Result<MergedRows, Error> {
    ars::controle_rows(files, schema, first).map_err(write_error)
}

/// [`write_merged`], its rows written by `threads` threads at once, each a run of the files
/// of about as many members: the same workbook as on one thread (where there are no threads,
/// in wasm, on this one).
///
/// # Errors
/// [`Error::Write`] if the writer fails (a sheet's limits, memory, a thread).
pub fn write_merged_on(batch: &crate::ars::Batch, threads: usize) -> Result<XlsxFile, Error> {
    use crate::ars::kept_members;
    if threads <= 1 || cfg!(target_arch = "wasm32") {
        return write_merged(batch);
    }
    let (files, schema) = (&batch.files, &batch.schema);
    let total = kept_members(files);
    // Cut after the file where each thread's share of the members is reached.
    let mut runs = Vec::with_capacity(threads);
    let (mut start, mut kept, mut first) = (0, 0, FirstRows::TOP.annuaire);
    for (i, file) in files.iter().enumerate() {
        kept += kept_members(std::slice::from_ref(file));
        if kept >= total * (runs.len() + 1) / threads && runs.len() + 1 < threads {
            let run = files.get(start..=i).unwrap_or_default();
            runs.push((run, first));
            first = FirstRows::TOP
                .annuaire
                .saturating_add(u32::try_from(kept).unwrap_or(u32::MAX));
            start = i + 1;
        }
    }
    runs.push((files.get(start..).unwrap_or_default(), first));
    let parts = std::thread::scope(|scope| {
        // Each run's « Contrôle » starts where the one before's ends: a channel from each
        // thread to the next carries that row.
        let mut previous = None;
        let handles: Vec<_> = runs
            .into_iter()
            .map(|(run, annuaire)| {
                let (next, after) = std::sync::mpsc::channel();
                let previous = previous.replace(after);
                scope.spawn(move || ars::merged_rows_after(run, schema, annuaire, previous, next))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or(Err(xlsx::WriteError::Plan("merged rows' thread")))
            })
            .collect::<Result<Vec<_>, _>>()
    })
    .map_err(write_error)?;
    ars::write_merged(batch, parts).map_err(write_error)
}

/// The rows [`MergedRows::to_bytes`] wrote, in another worker.
///
/// # Errors
/// [`Error::Write`] for bytes that are not such rows (a bug, never the user's data).
pub fn merged_rows_from_bytes(bytes: &[u8]) -> Result<MergedRows, Error> {
    MergedRows::from_bytes(bytes).map_err(write_error)
}

/// [`write_merged`] from `parts` ([`merged_rows`]), which must hold every file of the batch,
/// in order: the same workbook, its rows written elsewhere. Splitting the files anywhere
/// gives the same sheets.
///
/// ```
/// use annuaire_cpts::ars::{check_file, Batch};
/// use annuaire_cpts::write::{merged_rows, write_merged_from, FirstRows};
/// use annuaire_cpts::{Schema, Ymd};
/// let today = Ymd { year: 2026, month: 3, day: 1 };
/// let schema = Schema::default();
/// let template = annuaire_cpts::write::write_template(&schema)?.to_vec();
/// let files = vec![
///     check_file(&template, "Annuaire_CPTS_Lot_2026.xlsx", &schema, None, today),
///     check_file(b"not a workbook", "Annuaire_CPTS_Tarn_2026.xlsx", &schema, None, today),
/// ];
/// let batch = Batch::new(files, schema, None, today);
/// // Say the first file was checked by one worker, the second by another.
/// let (one, two) = batch.files.split_at(1);
/// let second = FirstRows::TOP.after(one, &batch.schema);
/// let parts = vec![
///     merged_rows(one, &batch.schema, FirstRows::TOP)?,
///     merged_rows(two, &batch.schema, second)?,
/// ];
/// let merged = write_merged_from(&batch, parts)?;
/// assert!(merged.len() > 0);
/// # Ok::<(), annuaire_cpts::Error>(())
/// ```
///
/// # Errors
/// [`Error::Write`] when `parts` are not those rows, or if the writer fails.
pub fn write_merged_from(
    batch: &crate::ars::Batch,
    parts: Vec<MergedRows>,
) -> Result<XlsxFile, Error> {
    ars::write_merged(batch, parts).map_err(write_error)
}

/// The indicators without personal data, `Indicateurs_CPTS_Occitanie_AAAA.xlsx`: « Lisez-moi »
/// (what they are, how small counts are masked), then one sheet per table, counts then shares.
/// `files` is how many files they were computed from.
///
/// # Errors
/// [`Error::Write`] if the writer fails (a sheet's limits, memory).
pub fn write_indicators(
    indicators: &crate::ars::Indicators,
    year: i32,
    files: usize,
) -> Result<XlsxFile, Error> {
    ars::write_indicators(indicators, &crate::text::ars::readme(year, files)).map_err(write_error)
}

/// The coordinator's own indicators (« Indicateurs sans données personnelles », from
/// [`crate::ars::indicators()`]): the same workbook as [`write_indicators`], its « Lisez-moi »
/// naming her CPTS (`cpts`, when she gave it) instead of the region.
///
/// # Errors
/// [`Error::Write`] if the writer fails (a sheet's limits, memory).
///
/// ```
/// use annuaire_cpts::{check::CheckOptions, Document, Schema, Ymd};
/// let bytes = annuaire_cpts::write::write_template(&Schema::default())?.to_vec();
/// let document = Document::open(&bytes, "annuaire.xlsx", Schema::default(), None)?;
/// let options = CheckOptions {
///     today: Ymd { year: 2026, month: 3, day: 1 }, cpts: None, year: None, refused_fixes: vec![],
/// };
/// let indicators = annuaire_cpts::ars::indicators(&document.check(&options), &document.schema);
/// let file = annuaire_cpts::write::write_cpts_indicators(&indicators, Some("CPTS du Lot"), 2026)?;
/// assert_eq!(&file.to_vec()[..2], b"PK");
/// # Ok::<(), annuaire_cpts::Error>(())
/// ```
pub fn write_cpts_indicators(
    indicators: &crate::ars::Indicators,
    cpts: Option<&str>,
    year: i32,
) -> Result<XlsxFile, Error> {
    ars::write_indicators(indicators, &crate::text::ars::readme_cpts(cpts, year))
        .map_err(write_error)
}

/// The blank template: the same sheet, headers and drop-downs, one marked example row, and an
/// instructions sheet.
///
/// # Errors
/// [`Error::Write`] if the writer fails (a sheet's limits, memory).
///
/// ```
/// let file = annuaire_cpts::write::write_template(&annuaire_cpts::Schema::default()).unwrap();
/// let bytes = file.to_vec();
/// assert_eq!(&bytes[..2], b"PK");
/// ```
pub fn write_template(schema: &Schema) -> Result<XlsxFile, Error> {
    template::write(schema).map_err(write_error)
}

/// The « Évolutions » workbook of a year-over-year comparison: sheets « Synthèse »,
/// « Arrivées », « Départs » and « Modifications ». For the coordinator: it is never added to
/// the file for the ARS.
///
/// # Errors
/// [`Error::Write`] if the writer fails (a sheet's limits, memory).
pub fn write_evolutions(comparison: &crate::compare::Comparison) -> Result<XlsxFile, Error> {
    evolutions::write(comparison).map_err(write_error)
}

/// The public error for a writer failure; its detail is technical (English), for the support.
fn write_error(e: xlsx::WriteError) -> Error {
    Error::Write {
        detail: e.to_string(),
    }
}

/// A new workbook whose visible sheets have these notes (`notes`, in order), then the hidden
/// « Listes » when `lists` needs it.
fn book_with_lists(
    mut notes: Vec<bool>,
    lists: &lists::Lists,
    shared_strings: bool,
) -> Result<xlsx::Book, xlsx::WriteError> {
    if !lists.is_empty() {
        notes.push(false);
    }
    xlsx::Book::new(xlsx::Plan {
        notes,
        shared_strings,
    })
}

/// Starts a visible sheet of one table: these column widths, a frozen header row of these
/// titles, `last` its last cell.
fn table_sheet<'b>(
    book: &'b mut xlsx::Book,
    name: &str,
    widths: &[f64],
    titles: &[&str],
    last: (u32, u16),
) -> Result<xlsx::SheetWriter<'b>, xlsx::WriteError> {
    let columns: Vec<xlsx::Column> = widths
        .iter()
        .map(|&width| xlsx::Column {
            width,
            style: xlsx::Style::Default,
        })
        .collect();
    let mut sheet = book.sheet(xlsx::SheetSpec {
        name,
        hidden: false,
        freeze_header: true,
        columns: &columns,
        dimension: Some(last),
    })?;
    sheet.row(0, None)?;
    for (col, title) in (0u16..).zip(titles) {
        sheet.string(col, title, xlsx::Style::Header)?;
    }
    Ok(sheet)
}

/// The row numbers of the records whose removal (`None`: kept) passes `which`.
fn rows_where(outcome: &impl Results, which: impl Fn(Option<Code>) -> bool) -> FastSet<u32> {
    outcome
        .records()
        .iter()
        .filter(|r| which(r.removed))
        .map(|r| r.row)
        .collect()
}

/// `text` cut to what one Excel cell holds. Only a hostile CSV field can be longer: an xlsx or
/// ods cell cannot.
fn fit(text: &str) -> Cow<'_, str> {
    Cow::Borrowed(xlsx::cut_utf16(text, MAX_TEXT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_only_what_excel_cannot_hold() {
        assert_eq!(fit("0612345678"), "0612345678");
        let long = "é".repeat(40_000);
        let cut = fit(&long);
        assert_eq!(cut.encode_utf16().count(), MAX_TEXT);
        let emoji = "😀".repeat(20_000);
        assert!(fit(&emoji).encode_utf16().count() <= MAX_TEXT);
    }
}
