//! Workbooks through calamine — the only file that names it — and our own `.ods` reader.
//! `.xlsx`/`.xlsm` and `.xlsb` sheets are streamed cell by cell (never allocating the sheet's
//! range: a calamine range is the bounding box of its cells, and two cells of a small `.xlsb`
//! at A1 and XFD1048576 make it 17 billion cells); `.xls` comes as a calamine range, in the
//! container [`super::xls::prepare`] wrote after counting what it holds; `.ods` sheets are
//! streamed by [`super::ods`]. An `.xlsb` is walked by [`super::xlsb`] before calamine opens it
//! and before it reads each sheet (calamine's `.xlsb` reader indexes records unchecked). Cells
//! become [`Cell`]s that keep what the person typed. An
//! `.xlsx` calamine refuses for one sheet or one cell is read from the copy [`super::repair`]
//! writes for it.

use std::io::{Cursor, Read, Seek};

use calamine::{
    Data, DataRef, ExcelDateTime, Reader, SheetType, SheetVisible, Xls, XlsError, Xlsb, XlsbError,
    Xlsx, XlsxError,
};

use crate::error::Error;
use crate::hash::FastMap;
use crate::read::grid::Grid;
use crate::read::ods::Ods;
use crate::read::repair::{self, Odd, Oddity};
use crate::read::xlsb;
use crate::table::{Cell, CellKind, Ymd};
use crate::text::read as msg;

/// The workbook formats calamine reads for us.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Office Open XML (`.xlsx`, `.xlsm`).
    Xlsx,
    /// Excel binary workbook (`.xlsb`).
    Xlsb,
    /// Excel 97-2003 (`.xls`).
    Xls,
    /// OpenDocument spreadsheet (`.ods`).
    Ods,
}

type Bytes<'a> = Cursor<&'a [u8]>;

/// An opened workbook.
pub enum Book<'a> {
    /// `.xlsx`, `.xlsm`, and its bytes, for [`repair`] should calamine refuse a part of it.
    Xlsx(Box<Xlsx<Bytes<'a>>>, &'a [u8]),
    /// An `.xlsx` or `.xlsm` as [`repair::package`] rewrote it for calamine, and the cells it
    /// rewrote.
    Repaired(Box<Xlsx<Cursor<Vec<u8>>>>, Vec<Odd>),
    /// `.xlsb`, and what [`xlsb::open`] walked of it before calamine read it.
    Xlsb(Box<Xlsb<Bytes<'a>>>, Box<xlsb::Walked<'a>>),
    /// `.xls`.
    Xls(Box<Xls<Bytes<'a>>>),
    /// `.ods`.
    Ods(Box<Ods<'a>>),
}

/// A sheet's name and whether a person sees it as a worksheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetInfo {
    /// The sheet's name.
    pub name: String,
    /// A visible worksheet (not hidden, not a chart or macro sheet).
    pub visible: bool,
}

impl<'a> Book<'a> {
    /// Opens a workbook whose format was sniffed (an `.xls` as [`super::xls::prepare`] rewrote
    /// it).
    ///
    /// An `.xlsx` calamine refuses is opened as [`repair::package`] rewrote it, when that is
    /// what it refused.
    ///
    /// # Errors
    /// [`Error::Encrypted`] for a password, [`Error::Corrupt`] for anything else calamine
    /// refuses.
    pub fn open(bytes: &'a [u8], format: Format) -> Result<Book<'a>, Error> {
        let cursor = Cursor::new(bytes);
        Ok(match format {
            Format::Xlsx => match Xlsx::new(cursor) {
                Ok(book) => Book::Xlsx(Box::new(book), bytes),
                Err(e) => Book::repaired(bytes, e)?,
            },
            Format::Xlsb => {
                // Walked first: calamine panics where the walk refuses.
                let walked = xlsb::open(bytes)?;
                let book = Xlsb::new(cursor).map_err(xlsb_error)?;
                Book::Xlsb(Box::new(book), Box::new(walked))
            }
            Format::Xls => Book::Xls(Box::new(Xls::new(cursor).map_err(xls_error)?)),
            Format::Ods => Book::Ods(Box::new(Ods::open(bytes)?)),
        })
    }

    /// Every sheet, in workbook order.
    pub fn sheets(&self) -> Vec<SheetInfo> {
        let meta = match self {
            Book::Xlsx(b, _) => b.sheets_metadata(),
            Book::Repaired(b, _) => b.sheets_metadata(),
            Book::Xlsb(b, _) => b.sheets_metadata(),
            Book::Xls(b) => b.sheets_metadata(),
            Book::Ods(b) => return b.sheets(),
        };
        meta.iter()
            .map(|s| SheetInfo {
                name: s.name.clone(),
                visible: s.visible == SheetVisible::Visible && s.typ == SheetType::WorkSheet,
            })
            .collect()
    }

    /// Reads a sheet's non-empty rows; with `limit`, stops after that many rows.
    ///
    /// # Errors
    /// [`Error::SheetNotFound`], [`Error::Corrupt`], [`Error::TooLarge`].
    pub fn read(&mut self, name: &str, limit: Option<usize>) -> Result<Grid, Error> {
        match self {
            Book::Xlsx(b, bytes) => match stream_xlsx(b, name, limit, &[]) {
                Err(Stop::Xlsx(e)) => {
                    let bytes: &'a [u8] = bytes;
                    *self = Book::repaired(bytes, e)?;
                    self.read(name, limit)
                }
                other => other.map_err(Stop::into_error),
            },
            Book::Repaired(b, odd) => stream_xlsx(b, name, limit, odd).map_err(Stop::into_error),
            Book::Xlsb(b, walked) => {
                walked.sheet(name)?;
                let mut reader = b.worksheet_cells_reader(name).map_err(xlsb_error)?;
                stream(
                    || reader.next_cell().map_err(|e| Stop::Other(xlsb_error(e))),
                    limit,
                    &[],
                )
                .map_err(Stop::into_error)
            }
            Book::Xls(b) => from_range(b.worksheet_range(name).map_err(xls_error)?, limit),
            Book::Ods(b) => b.read(name, limit),
        }
    }

    /// The workbook calamine reads in place of `bytes`, which it refused with `refused`: the
    /// package [`repair::package`] rewrote, when that is what it refused.
    ///
    /// # Errors
    /// calamine's own error when the package holds nothing to repair or the repaired one is
    /// refused too; the repair's refusal past a limit.
    fn repaired(bytes: &[u8], refused: XlsxError) -> Result<Book<'static>, Error> {
        if matches!(
            refused,
            XlsxError::Password | XlsxError::WorksheetNotFound(_)
        ) {
            return Err(xlsx_error(refused));
        }
        match repair::package(bytes) {
            Ok(Some(repaired)) => match Xlsx::new(Cursor::new(repaired.bytes)) {
                Ok(book) => Ok(Book::Repaired(Box::new(book), repaired.odd)),
                Err(_) => Err(xlsx_error(refused)),
            },
            Err(e) if repair::is_limit(&e) => Err(e),
            Ok(None) | Err(_) => Err(xlsx_error(refused)),
        }
    }
}

/// Why streaming a sheet stopped: calamine refused the .xlsx XML (a repaired copy may read
/// it), or another error (a limit, what calamine says of an .xlsb).
enum Stop {
    Xlsx(XlsxError),
    Other(Error),
}

impl Stop {
    fn into_error(self) -> Error {
        match self {
            Stop::Xlsx(e) => xlsx_error(e),
            Stop::Other(e) => e,
        }
    }
}

/// Streams a sheet; `odd` are the cells [`repair::package`] rewrote (none for a workbook read
/// as it is).
fn stream_xlsx<RS: Read + Seek>(
    book: &mut Xlsx<RS>,
    name: &str,
    limit: Option<usize>,
    odd: &[Odd],
) -> Result<Grid, Stop> {
    let mut reader = book.worksheet_cells_reader(name).map_err(Stop::Xlsx)?;
    stream(|| reader.next_cell().map_err(Stop::Xlsx), limit, odd)
}

/// A sheet's cells, one `next` call each, into a [`Grid`] (which drops what lies past the
/// columns we keep and bounds rows and cells); with `limit`, stops after that many rows. `odd`
/// are the cells [`repair::package`] rewrote (none for a workbook read as it is).
fn stream<'a>(
    mut next: impl FnMut() -> Result<Option<calamine::Cell<DataRef<'a>>>, Stop>,
    limit: Option<usize>,
    odd: &[Odd],
) -> Result<Grid, Stop> {
    let mut grid = Grid::default();
    let mut shared = SharedCells::default();
    let limit = limit.unwrap_or(usize::MAX);
    while let Some(cell) = next()? {
        let (row, column) = cell.get_position();
        let value = match cell.get_value() {
            DataRef::SharedString(s) => shared.cell(s),
            DataRef::String(s) if !odd.is_empty() => match repair::odd_of(s, odd) {
                Some(Odd {
                    oddity: Oddity::Error,
                    value,
                }) => Cell::new(value.as_str(), CellKind::Error),
                Some(cell) => {
                    grid.unreadable(row, column, cell.clone());
                    Cell::default()
                }
                None => text_cell(s),
            },
            value => from_data_ref(value),
        };
        grid.put(row, column, value).map_err(Stop::Other)?;
        if grid.rows.len() > limit {
            grid.rows.truncate(limit);
            break;
        }
    }
    Ok(grid)
}

/// The cells made of the workbook's shared strings, one per string. Excel stores each distinct
/// text once and every cell that holds it points to it: a directory repeats its professions,
/// communes, modes and Oui/Non thousands of times, and its cells then share one `Arc` each
/// instead of a copy per cell.
#[derive(Default)]
struct SharedCells {
    /// By the address of the string in the reader's shared-string table; the text is compared
    /// on a hit, so an address reused for another text only costs a copy.
    by_address: FastMap<usize, Cell>,
}

impl SharedCells {
    /// Past this many distinct strings, new ones are no longer remembered: memory stays bounded
    /// for a file whose every cell is a different text.
    const MAX: usize = 1 << 16;

    fn cell(&mut self, s: &str) -> Cell {
        let address = s.as_ptr() as usize;
        if let Some(cell) = self.by_address.get(&address) {
            if *cell.text == *s || (cell.text.is_empty() && s.trim().is_empty()) {
                return cell.clone();
            }
            return text_cell(s);
        }
        let cell = text_cell(s);
        if self.by_address.len() < Self::MAX {
            self.by_address.insert(address, cell.clone());
        }
        cell
    }
}

fn from_range(range: calamine::Range<Data>, limit: Option<usize>) -> Result<Grid, Error> {
    let mut grid = Grid::default();
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let limit = limit.unwrap_or(usize::MAX);
    for (r, c, value) in range.used_cells() {
        let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) else {
            continue;
        };
        grid.put(
            row0.saturating_add(r),
            col0.saturating_add(c),
            from_data(value),
        )?;
        if grid.rows.len() > limit {
            grid.rows.truncate(limit);
            break;
        }
    }
    Ok(grid)
}

/// A calamine value as a [`Cell`].
fn from_data(value: &Data) -> Cell {
    match value {
        Data::Int(i) => Cell::number(i.to_string()),
        Data::Float(f) => Cell::number(number_text(*f)),
        Data::String(s) => text_cell(s),
        Data::Bool(b) => bool_cell(*b),
        Data::DateTime(d) => date_time(d),
        Data::DateTimeIso(s) => iso_date(s),
        Data::DurationIso(s) => Cell::text(s.as_str()),
        Data::Error(e) => Cell::new(e.to_string(), CellKind::Error),
        Data::Empty => Cell::default(),
    }
}

fn from_data_ref(value: &DataRef<'_>) -> Cell {
    match value {
        DataRef::Int(i) => Cell::number(i.to_string()),
        DataRef::Float(f) => Cell::number(number_text(*f)),
        DataRef::String(s) => text_cell(s),
        DataRef::SharedString(s) => text_cell(s),
        DataRef::Bool(b) => bool_cell(*b),
        DataRef::DateTime(d) => date_time(d),
        DataRef::DateTimeIso(s) => iso_date(s),
        DataRef::DurationIso(s) => Cell::text(s.as_str()),
        DataRef::Error(e) => Cell::new(e.to_string(), CellKind::Error),
        DataRef::Empty => Cell::default(),
    }
}

/// A number as the person typed it: exact digits for whole numbers (`1.0001045367E10` →
/// `10001045367`), the shortest decimal that round-trips otherwise, never an exponent.
///
/// Rust's `Display` for `f64` already prints the shortest round-tripping digits without an
/// exponent and without a trailing `.0`.
pub fn number_text(f: f64) -> String {
    if f == 0.0 {
        return "0".into();
    }
    // Whole numbers (phones, postal codes, identifiers stored as numbers) below 2^53 are exact
    // integers, whose shortest round-tripping digits are their own: written as integers, far
    // cheaper than the float formatting.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if f.fract() == 0.0 && f.abs() < EXACT {
        return (f as i64).to_string();
    }
    f.to_string()
}

/// A text cell; the error literals stay errors (an OpenDocument file gives a formula's error as
/// its text).
pub(super) fn text_cell(s: &str) -> Cell {
    const ERRORS: [&str; 8] = [
        "#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#DATA!",
    ];
    if ERRORS.contains(&s) {
        Cell::new(s, CellKind::Error)
    } else {
        Cell::text(s)
    }
}

pub(super) fn bool_cell(b: bool) -> Cell {
    Cell::new(if b { msg::TRUE } else { msg::FALSE }, CellKind::Bool)
}

fn date_time(d: &ExcelDateTime) -> Cell {
    if d.is_duration() {
        return Cell::number(number_text(d.as_f64()));
    }
    let (year, month, day, hour, minute, second, _) = d.to_ymd_hms_milli();
    if d.as_f64() < 1.0 && d.as_f64() >= 0.0 {
        // A time of day alone: there is no date to show.
        return Cell::text(format!("{hour:02}:{minute:02}:{second:02}"));
    }
    let ymd = Ymd {
        year: i32::from(year),
        month: u32::from(month),
        day: u32::from(day),
    };
    Cell::new(ymd.to_french(), CellKind::Date)
}

/// An OpenDocument date (`2024-03-05` or `2024-03-05T10:00:00`).
pub(super) fn iso_date(s: &str) -> Cell {
    let part = |range: std::ops::Range<usize>| s.get(range).and_then(|p| p.parse::<u32>().ok());
    match (part(0..4), part(5..7), part(8..10)) {
        (Some(year), Some(month), Some(day)) if s.get(4..5) == Some("-") => {
            let ymd = Ymd {
                year: year as i32,
                month,
                day,
            };
            if ymd.is_valid() {
                return Cell::new(ymd.to_french(), CellKind::Date);
            }
            Cell::text(s)
        }
        _ => Cell::text(s),
    }
}

fn corrupt(detail: impl std::fmt::Display) -> Error {
    Error::Corrupt {
        detail: detail.to_string(),
    }
}

fn xlsx_error(e: XlsxError) -> Error {
    match e {
        XlsxError::Password => Error::Encrypted,
        XlsxError::WorksheetNotFound(name) => Error::SheetNotFound { name },
        e => corrupt(e),
    }
}

fn xlsb_error(e: XlsbError) -> Error {
    match e {
        XlsbError::Password => Error::Encrypted,
        XlsbError::WorksheetNotFound(name) => Error::SheetNotFound { name },
        e => corrupt(e),
    }
}

fn xls_error(e: XlsError) -> Error {
    match e {
        XlsError::Password => Error::Encrypted,
        XlsError::WorksheetNotFound(name) => Error::SheetNotFound { name },
        e => corrupt(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_digits() {
        for (f, text) in [
            (1.0001045367E10, "10001045367"),
            (612345678.0, "612345678"),
            (1000.0, "1000"),
            (-3.0, "-3"),
            (0.0, "0"),
            (-0.0, "0"),
            (12.5, "12.5"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e20, "100000000000000000000"),
            (1.5e-7, "0.00000015"),
        ] {
            assert_eq!(number_text(f), text, "{f}");
        }
    }

    proptest::proptest! {
        #[test]
        fn whole_numbers_are_written_as_floats_would_be(
            n in -9_007_199_254_740_991i64..9_007_199_254_740_991, scale in 0u32..16
        ) {
            let f = (n / 10i64.pow(scale)) as f64;
            let expected = if f == 0.0 { "0".to_string() } else { f.to_string() };
            proptest::prop_assert_eq!(number_text(f), expected);
        }
    }

    #[test]
    fn shared_strings_give_one_text_per_string() {
        let strings = ["Infirmier", "  ", "#N/A", "Infirmier"];
        let mut shared = SharedCells::default();
        let first = shared.cell(strings[0]);
        let again = shared.cell(strings[0]);
        assert!(std::sync::Arc::ptr_eq(&first.text, &again.text));
        assert_eq!(first, Cell::text("Infirmier"));
        // The same text elsewhere is read on its own, and equal.
        let copy = String::from("Infirmier");
        assert_eq!(shared.cell(&copy), first);
        assert_eq!(shared.cell(strings[1]), Cell::default());
        assert_eq!(shared.cell(strings[1]), Cell::default());
        assert_eq!(shared.cell(strings[2]).kind, CellKind::Error);
        assert_eq!(shared.cell(strings[2]).kind, CellKind::Error);
    }

    #[test]
    fn ods_dates_become_french_dates() {
        assert_eq!(
            iso_date("2024-03-05"),
            Cell::new("05/03/2024", CellKind::Date)
        );
        assert_eq!(
            iso_date("2024-03-05T10:00:00"),
            Cell::new("05/03/2024", CellKind::Date)
        );
        assert_eq!(iso_date("2024-02-30").kind, CellKind::Text);
        assert_eq!(iso_date("é").kind, CellKind::Text);
    }
}
