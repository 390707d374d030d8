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
//! | `cfb`, `ods_size` | what an `.xls` or `.ods` would allocate, before reading it |
//! | `limits` | what we refuse to read |

mod cfb;
mod csv;
mod grid;
pub mod header;
mod limits;
mod ods_size;
mod sniff;
mod spreadsheet;

use crate::error::Error;
use crate::report::Finding;
use crate::schema::Schema;
use crate::table::{Row, Table};
use crate::text::read as msg;

use grid::Grid;
use header::Matcher;
use limits::{HEADER_SCAN_ROWS, MAX_BLANK_RUN};
use sniff::Kind;
use spreadsheet::Book;

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
    }
}

/// Runs a third-party parser so that a panic inside it (calamine's `.xls` formula parser can
/// still panic on crafted records) becomes a typed error instead of ending the command line.
/// In wasm a panic traps whatever we do; the page's worker recovers from that itself.
fn guard<T>(read: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(Error::Corrupt {
            detail: msg::PARSER_PANIC.into(),
        })
    })
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
    let name = match options.sheet {
        Some(name) if infos.iter().any(|s| s.name == name) => name.to_string(),
        Some(name) => return Err(Error::SheetNotFound { name: name.into() }),
        None => choose(&mut book, &visible, options.schema, matcher)?,
    };
    let grid = book.read(&name, None)?;
    // The workbook (its shared strings, its zip) is no longer needed: freed before the table
    // is built, so that the table can take its place.
    drop(book);
    build(grid, name, visible, options.schema, matcher)
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

/// The visible sheet whose header row names the most fields; instruction sheets only when no
/// other sheet has a header.
fn choose(
    book: &mut Book<'_>,
    visible: &[String],
    schema: &Schema,
    matcher: &Matcher,
) -> Result<String, Error> {
    let fields = schema.fields.len();
    let mut any_data = false;
    for instructions in [false, true] {
        let mut best: Option<(usize, &String)> = None;
        for name in visible
            .iter()
            .filter(|n| is_instructions(n) == instructions)
        {
            let grid = book.read(name, Some(HEADER_SCAN_ROWS))?;
            any_data |= !grid.rows.is_empty();
            if let Some((_, score)) = header::find(&grid.rows, matcher, fields) {
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, name));
                }
            }
        }
        if let Some((_, name)) = best {
            return Ok(name.clone());
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
    let mut data = grid.rows;
    if at >= data.len() {
        return Err(Error::NoHeader);
    }
    let header = data.drain(..=at).next_back().ok_or(Error::NoHeader)?;
    let (columns, findings) = header::columns(&header, schema, matcher);
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
