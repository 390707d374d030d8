//! Bytes → [`Table`]: the format is sniffed from the content (never the extension), the sheet
//! that looks most like the directory is chosen, the header row is found and its columns matched
//! to the schema.
//!
//! | module | concern |
//! |---|---|
//! | `sniff` | magic bytes, zip and OLE containers, size guards |
//! | `spreadsheet` | workbooks through calamine (the only file naming it) |
//! | `csv` | CSV encodings and separators |
//! | [`header`] | header row detection and column matching |
//! | `grid` | the sparse rows every reader produces |
//! | `cfb` | compound files (`.xls` containers): read with checked chains, and written anew |
//! | `xls` | the `.xls` workbook stream walked as calamine walks it, counted, handed over |
//! | `ods` | OpenDocument spreadsheets, streamed, with the limits enforced while parsing |
//! | `repair` | the `.xlsx` calamine refuses for one sheet or one cell, rewritten for it |
//! | `limits` | what we refuse to read |

mod cfb;
mod csv;
mod grid;
pub mod header;
mod limits;
mod ods;
mod repair;
mod sniff;
mod spreadsheet;
mod xls;
mod xlsb;

use crate::error::Error;
use crate::report::{Code, Finding};
use crate::schema::Schema;
use crate::table::{Row, Table};
use crate::text::read as msg;

use grid::Grid;
use header::Matcher;
use limits::{HEADER_SCAN_ROWS, MAX_BLANK_RUN};
pub use repair::Oddity;
use sniff::Kind;
use spreadsheet::{Book, Format};

/// What to read.
#[derive(Clone, Copy, Debug)]
pub struct ReadOptions<'a> {
    /// The schema whose headers are looked for.
    pub schema: &'a Schema,
    /// The sheet to read; `None` picks the one that looks most like the directory.
    pub sheet: Option<&'a str>,
}

/// Reads a directory file.
///
/// Returns the table and the column findings (`column.missing`, `column.unknown`,
/// `column.duplicate`).
///
/// ```
/// use annuaire_cpts::read::{read_table, ReadOptions};
/// use annuaire_cpts::{CellKind, Schema};
/// let csv = "Liste des adhérents\n\nNom;Prénom;Profession;RPPS;CP;Ville;Tél;Spico dossier;Spico discussion\nDURAND;Marie;Infirmier;10000000009;09100;Pamiers;0561123456;Oui;Non\n";
/// let schema = Schema::default();
/// let (table, findings) = read_table(csv.as_bytes(), &ReadOptions { schema: &schema, sheet: None }).unwrap();
/// assert_eq!(table.header_row, 3);
/// assert_eq!(table.rows[0].number, 4);
/// assert_eq!(&*table.rows[0].cells[4].text, "09100");
/// assert_eq!(table.rows[0].cells[4].kind, CellKind::Untyped);
/// assert!(findings.is_empty());
/// ```
///
/// # Errors
/// [`Error`] when the bytes are not a spreadsheet we can read, or no header row is found.
pub fn read_table(bytes: &[u8], options: &ReadOptions) -> Result<(Table, Vec<Finding>), Error> {
    let matcher = Matcher::new(options.schema);
    match sniff::sniff(bytes)? {
        Kind::Csv => {
            if let Some(name) = options.sheet {
                if name != msg::CSV_SHEET {
                    return Err(Error::SheetNotFound { name: name.into() });
                }
            }
            let grid = csv::read(bytes)?;
            let sheets = vec![msg::CSV_SHEET.to_string()];
            build(
                grid,
                msg::CSV_SHEET.into(),
                sheets,
                options.schema,
                &matcher,
            )
        }
        Kind::Workbook(format) => guard(|| read_workbook(bytes, format, options, &matcher)),
        Kind::Xls(prepared) => guard(|| read_workbook(&prepared, Format::Xls, options, &matcher)),
    }
}

/// Runs a third-party parser so that a panic inside it (calamine's `.xls` formula parser can
/// still panic on crafted records) becomes a typed error instead of ending the command line.
/// In wasm a panic traps whatever we do; the page's worker recovers from that itself.
///
/// The panic's own message is silenced while the parser runs: the French message of the error
/// is all a user may see (the default hook would print the parser's message on stderr first).
///
/// Under the fuzzing harness (`cfg(fuzzing)`, set by cargo-fuzz) nothing is caught nor
/// silenced: a panic that reaches a parser is a finding (it would trap the page's worker), and
/// libFuzzer must see it with its message and stack.
#[cfg(fuzzing)]
fn guard<T>(read: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    read()
}

/// See the `cfg(fuzzing)` twin above.
#[cfg(not(fuzzing))]
fn guard<T>(read: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    quiet::install();
    let _quiet = quiet::Scope::enter();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(Error::Corrupt {
            detail: msg::PARSER_PANIC.into(),
        })
    })
}

/// A panic hook that stays silent inside [`guard`] and defers to the previous hook elsewhere.
#[cfg(not(fuzzing))]
mod quiet {
    use std::cell::Cell;
    use std::sync::Once;

    thread_local! {
        static DEPTH: Cell<usize> = const { Cell::new(0) };
    }

    /// Installs the hook once per process.
    pub fn install() {
        static ONCE: Once = Once::new();
        ONCE.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                if DEPTH.with(Cell::get) == 0 {
                    previous(info);
                }
            }));
        });
    }

    /// While alive, panics on this thread print nothing.
    pub struct Scope;

    impl Scope {
        pub fn enter() -> Scope {
            DEPTH.with(|d| d.set(d.get() + 1));
            Scope
        }
    }

    impl Drop for Scope {
        fn drop(&mut self) {
            DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
        }
    }
}

fn read_workbook(
    bytes: &[u8],
    format: spreadsheet::Format,
    options: &ReadOptions,
    matcher: &Matcher,
) -> Result<(Table, Vec<Finding>), Error> {
    let mut book = Book::open(bytes, format)?;
    let infos = book.sheets();
    let visible: Vec<String> = infos
        .iter()
        .filter(|s| s.visible)
        .map(|s| s.name.clone())
        .collect();
    let (name, others) = match options.sheet {
        Some(name) if infos.iter().any(|s| s.name == name) => (name.to_string(), Vec::new()),
        Some(name) => return Err(Error::SheetNotFound { name: name.into() }),
        None => choose(&mut book, &visible, options.schema, matcher)?,
    };
    let grid = book.read(&name, None)?;
    // The workbook (its shared strings, its zip) is no longer needed: freed before the table
    // is built, so that the table can take its place.
    drop(book);
    let (table, mut findings) = build(grid, name, visible, options.schema, matcher)?;
    if !others.is_empty() {
        findings.insert(
            0,
            Finding::new(
                Code::FileOtherSheet,
                msg::other_sheets(&table.sheet, &others),
            ),
        );
    }
    Ok((table, findings))
}

/// The most recent year a sheet's name gives (« Annuaire 2026 », « adhérents-2025 »).
fn year_in(name: &str) -> Option<u32> {
    name.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u32>().ok())
        .filter(|y| (1990..=2100).contains(y))
        .max()
}

/// Sheets that explain the template rather than hold it.
fn is_instructions(name: &str) -> bool {
    let n = crate::fold::fold(name);
    [
        "instruction",
        "notice",
        "mode d emploi",
        "lisez moi",
        "readme",
        "read me",
        "aide",
        "consigne",
        "guide",
        "legende",
        "explication",
    ]
    .iter()
    .any(|w| n.contains(w))
}

/// The visible sheet that looks most like the directory, and the other sheets that look like
/// one too (a header row naming about as many fields, with rows below it). Among several, the most recent year in the name
/// wins (« Annuaire 2026 » over « Annuaire 2025 »), then the header naming the most fields,
/// then the first. Instruction sheets only when no other sheet has a header.
fn choose(
    book: &mut Book<'_>,
    visible: &[String],
    schema: &Schema,
    matcher: &Matcher,
) -> Result<(String, Vec<String>), Error> {
    let fields = schema.fields.len();
    let mut any_data = false;
    for instructions in [false, true] {
        let mut best: Option<(usize, &String)> = None;
        let mut filled: Vec<(Option<u32>, usize, &String)> = Vec::new();
        for name in visible
            .iter()
            .filter(|n| is_instructions(n) == instructions)
        {
            let grid = book.read(name, Some(HEADER_SCAN_ROWS))?;
            any_data |= !grid.rows.is_empty();
            if let Some((at, score)) = header::find(&grid.rows, matcher, fields) {
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, name));
                }
                if grid.rows.len() > at + 1 {
                    filled.push((year_in(name), score, name));
                }
            }
        }
        // Only sheets whose header names about as many fields as the best one count as another
        // directory (a sheet of findings naming a few columns does not).
        let top = filled.iter().map(|(_, score, _)| *score).max().unwrap_or(0);
        filled.retain(|(_, score, _)| score * 4 >= top * 3);
        if filled.len() > 1 {
            // Latest year, then best score, then first: `max_by_key` keeps the last maximum,
            // so the order is reversed first.
            let chosen = filled
                .iter()
                .rev()
                .max_by_key(|(year, score, _)| (*year, *score))
                .map(|(_, _, n)| (*n).clone())
                .unwrap_or_default();
            let others = filled
                .iter()
                .map(|(_, _, n)| (*n).clone())
                .filter(|n| *n != chosen)
                .collect();
            return Ok((chosen, others));
        }
        if let Some((_, name)) = best {
            return Ok((name.clone(), Vec::new()));
        }
    }
    Err(if any_data {
        Error::NoHeader
    } else {
        Error::NoSheet
    })
}

/// The blank rows kept between row `previous` and row `next`: all of them, or none when there
/// are more than [`MAX_BLANK_RUN`].
fn kept_gap(previous: u32, next: u32) -> u32 {
    let gap = next.saturating_sub(previous).saturating_sub(1);
    if gap <= MAX_BLANK_RUN {
        gap
    } else {
        0
    }
}

/// The table below the header row found among the first rows.
fn build(
    grid: Grid,
    sheet: String,
    sheets: Vec<String>,
    schema: &Schema,
    matcher: &Matcher,
) -> Result<(Table, Vec<Finding>), Error> {
    let scan = grid
        .rows
        .get(..grid.rows.len().min(HEADER_SCAN_ROWS))
        .unwrap_or(&[]);
    let (at, _) = header::find(scan, matcher, schema.fields.len()).ok_or(Error::NoHeader)?;
    // The rows above the data taken out of the list itself (a split would copy the data rows
    // into a second list of the same size).
    let unreadable = grid.unreadable;
    let mut data = grid.rows;
    if at >= data.len() {
        return Err(Error::NoHeader);
    }
    let header = data.drain(..=at).next_back().ok_or(Error::NoHeader)?;
    let (columns, mut findings) = header::columns(&header, schema, matcher);
    findings.extend(unreadable.into_iter().map(|u| {
        let finding = Finding::new(
            Code::CellUnreadable,
            msg::cell_unreadable(&u.reference(), u.oddity),
        )
        .at_row(u.row)
        .with_value(u.value);
        match columns
            .iter()
            .find(|c| c.index == u.column as usize)
            .and_then(|c| c.field.clone())
        {
            Some(field) => finding.in_column(field),
            None => finding,
        }
    }));
    // The rows and the blank rows kept between them, counted first: a list of 100,000 rows
    // grown past its capacity would be copied whole.
    let mut count = data.len();
    let mut previous = header.number;
    for raw in &data {
        let gap = kept_gap(previous, raw.number);
        count = count.saturating_add(gap as usize);
        previous = raw.number;
    }
    let mut out = Vec::with_capacity(count);
    let mut previous = header.number;
    for raw in data {
        if kept_gap(previous, raw.number) > 0 {
            out.extend((previous + 1..raw.number).map(|number| Row {
                number,
                cells: Vec::new(),
            }));
        }
        previous = raw.number;
        let mut cells = raw.cells;
        // A row grown cell by cell keeps up to twice the room it needs, for as long as the
        // document lives.
        cells.shrink_to_fit();
        out.push(Row {
            number: raw.number,
            cells,
        });
    }
    Ok((
        Table {
            sheet,
            sheets,
            header_row: header.number,
            columns,
            rows: out,
        },
        findings,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parser_panic_becomes_an_unreadable_file() {
        let result: Result<(), Error> = guard(|| panic!("calamine index out of bounds"));
        let error = result.err();
        assert!(matches!(error, Some(Error::Corrupt { .. })), "{error:?}");
        assert_eq!(error.map(|e| e.code()), Some(crate::Code::FileUnreadable));
    }
}
