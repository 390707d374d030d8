//! OpenDocument spreadsheets (`.ods`), read here rather than through calamine: calamine parses
//! every sheet at once into dense ranges, expanding repeated rows, columns and spaces before
//! anything can be counted, so a guard would have to read the XML a second way and could never
//! agree with it. This reader streams `content.xml` once per sheet asked for, with quick-xml
//! (calamine's own tokenizer), and enforces the limits while it parses: inflated bytes (a
//! counting reader), rows and cells (the [`Grid`]), the text of one cell.
//!
//! What it reads: `table:table` (name; hidden through its automatic style's `table:display`),
//! `table:table-row` (`number-rows-repeated`), `table:table-cell` and
//! `table:covered-table-cell` (`number-columns-repeated`, `office:value-type` with
//! `office:value`, `office:date-value`, `office:boolean-value`, `office:time-value`, or the
//! text of its `text:p` paragraphs, `text:s`, `text:tab` and `text:line-break`). Annotations are
//! skipped. Whitespace between elements is ignored, as is the `mimetype` entry.

use std::io::{BufRead, BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::error::{Error, SizeUnit};
use crate::read::grid::Grid;
use crate::read::limits::{self, Counted, MAX_CELL_TEXT_BYTES, MAX_UNZIPPED_BYTES};
use crate::read::spreadsheet::{bool_cell, iso_date, number_text, text_cell, SheetInfo};
use crate::table::Cell;
use crate::text::read as msg;

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// An opened `.ods`: its archive and its sheets.
pub struct Ods<'a> {
    archive: Archive<'a>,
    sheets: Vec<SheetInfo>,
}

fn corrupt(detail: impl std::fmt::Display) -> Error {
    Error::Corrupt {
        detail: format!("{} ({detail})", msg::DETAIL_ODS),
    }
}

/// What a parse stopped on, turned into our error (a limit hit inside the counting reader comes
/// back as the limit, not as broken XML).
fn xml_error(e: quick_xml::Error) -> Error {
    limits::hit(&e).unwrap_or_else(|| corrupt(e))
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

fn count(e: &BytesStart<'_>, name: &str) -> u64 {
    attr(e, name)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

impl<'a> Ods<'a> {
    /// Opens the archive and lists its sheets (one pass over `content.xml`, no cell kept).
    ///
    /// # Errors
    /// [`Error::Corrupt`] when `content.xml` is missing or broken, [`Error::Encrypted`] for a
    /// password, [`Error::TooLarge`].
    pub fn open(bytes: &'a [u8]) -> Result<Ods<'a>, Error> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
        if is_encrypted(&mut archive) {
            return Err(Error::Encrypted);
        }
        let mut ods = Ods {
            archive,
            sheets: Vec::new(),
        };
        let mut hidden_styles: Vec<String> = Vec::new();
        let mut style: Option<String> = None;
        let mut sheets = Vec::new();
        ods.parse(|reader, event| {
            match event {
                Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                    "style:style" => style = attr(e, "style:name"),
                    "style:table-properties"
                        if attr(e, "table:display").as_deref() == Some("false") =>
                    {
                        hidden_styles.extend(style.clone());
                    }
                    "table:table" => {
                        let name = attr(e, "table:name").unwrap_or_default();
                        let hidden =
                            attr(e, "table:style-name").is_some_and(|s| hidden_styles.contains(&s));
                        sheets.push(SheetInfo {
                            name,
                            visible: !hidden,
                        });
                        // The sheet's content is not needed to list it.
                        if matches!(event, Event::Start(_)) {
                            let end = e.to_end().into_owned();
                            reader
                                .read_to_end_into(end.name(), &mut Vec::new())
                                .map_err(xml_error)?;
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
            Ok(true)
        })?;
        ods.sheets = sheets;
        Ok(ods)
    }

    /// Every sheet, in workbook order.
    pub fn sheets(&self) -> Vec<SheetInfo> {
        self.sheets.clone()
    }

    /// Streams `content.xml` to `on`, which returns `false` to stop.
    fn parse(
        &mut self,
        mut on: impl FnMut(&mut Reader<Box<dyn BufRead + '_>>, &Event<'_>) -> Result<bool, Error>,
    ) -> Result<(), Error> {
        let file = self
            .archive
            .by_name("content.xml")
            .map_err(|e| corrupt(format!("content.xml : {e}")))?;
        let counted = Counted::new(file, MAX_UNZIPPED_BYTES);
        let input: Box<dyn BufRead + '_> = Box::new(BufReader::with_capacity(64 * 1024, counted));
        let mut reader = Reader::from_reader(input);
        let config = reader.config_mut();
        config.check_end_names = false;
        config.trim_text(false);
        let mut buf = Vec::with_capacity(1024);
        loop {
            buf.clear();
            let event = reader.read_event_into(&mut buf).map_err(xml_error)?;
            if matches!(event, Event::Eof) {
                return Ok(());
            }
            if !on(&mut reader, &event)? {
                return Ok(());
            }
        }
    }

    /// Reads a sheet's non-empty rows; with `limit`, stops after that many rows.
    ///
    /// # Errors
    /// [`Error::SheetNotFound`], [`Error::Corrupt`], [`Error::TooLarge`].
    pub fn read(&mut self, name: &str, limit: Option<usize>) -> Result<Grid, Error> {
        if !self.sheets.iter().any(|s| s.name == name) {
            return Err(Error::SheetNotFound { name: name.into() });
        }
        let limit = limit.unwrap_or(usize::MAX);
        let mut grid = Grid::default();
        let mut state = State::default();
        self.parse(|reader, event| {
            if !state.inside {
                if let Event::Start(e) = event {
                    if e.name().as_ref() == "table:table"
                        && attr(e, "table:name").as_deref() == Some(name)
                    {
                        state.inside = true;
                    }
                }
                return Ok(true);
            }
            state.on(reader, event, &mut grid)?;
            Ok(!state.done && grid.rows.len() <= limit)
        })?;
        grid.rows.truncate(limit);
        Ok(grid)
    }
}

/// Whether the manifest declares an encrypted entry (a password-protected document).
fn is_encrypted(archive: &mut Archive<'_>) -> bool {
    let Ok(manifest) = archive.by_name("META-INF/manifest.xml") else {
        return false;
    };
    let mut text = String::new();
    manifest.take(1 << 20).read_to_string(&mut text).is_ok()
        && text.contains("manifest:encryption-data")
}

/// Where the parse stands inside the sheet being read.
#[derive(Default)]
struct State {
    inside: bool,
    done: bool,
    /// The current row (0-based) and how many times it repeats.
    row: u64,
    rows: u64,
    column: u64,
    /// Nested tables (a sub-table inside a cell) are skipped whole.
    nested: usize,
}

/// The cell being read: its declared value, or its text.
struct Pending {
    value: Option<Cell>,
    text: String,
    paragraphs: usize,
    repeat: u64,
    string_value: Option<String>,
}

impl State {
    fn on<R: BufRead>(
        &mut self,
        reader: &mut Reader<R>,
        event: &Event<'_>,
        grid: &mut Grid,
    ) -> Result<(), Error> {
        match event {
            Event::Start(e) if e.name().as_ref() == "table:table" => self.nested += 1,
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if self.nested == 0 {
                    self.done = true;
                } else {
                    self.nested -= 1;
                }
            }
            _ if self.nested > 0 => {}
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                self.rows = count(e, "table:number-rows-repeated");
                self.column = 0;
                if matches!(event, Event::Empty(_)) {
                    self.row = self.row.saturating_add(self.rows);
                }
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                self.row = self.row.saturating_add(self.rows);
                self.rows = 1;
            }
            Event::Start(e) | Event::Empty(e)
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                let mut cell = Pending {
                    value: declared(e),
                    text: String::new(),
                    paragraphs: 0,
                    repeat: count(e, "table:number-columns-repeated"),
                    string_value: attr(e, "office:string-value"),
                };
                if matches!(event, Event::Start(_)) {
                    read_text(reader, &mut cell)?;
                }
                self.place(cell, grid)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Puts a cell at every row and column its repeats cover; an empty cell only moves on.
    fn place(&mut self, cell: Pending, grid: &mut Grid) -> Result<(), Error> {
        let repeat = cell.repeat;
        let value = match cell.value {
            Some(v) => v,
            None if cell.paragraphs > 0 => text_cell(&cell.text),
            None => cell
                .string_value
                .as_deref()
                .map_or_else(Cell::default, text_cell),
        };
        if !value.is_empty() {
            for r in 0..self.rows {
                for c in 0..repeat {
                    let (Ok(row), Ok(column)) = (
                        u32::try_from(self.row.saturating_add(r)),
                        u32::try_from(self.column.saturating_add(c)),
                    ) else {
                        break;
                    };
                    // Past the columns we keep, the rest of the repeat is dropped too.
                    if !grid.put(row, column, value.clone())? {
                        break;
                    }
                }
            }
        }
        self.column = self.column.saturating_add(repeat);
        Ok(())
    }
}

/// The value a cell declares in its attributes, when its type has one.
fn declared(e: &BytesStart<'_>) -> Option<Cell> {
    let kind = attr(e, "office:value-type")?;
    match kind.as_str() {
        "float" | "percentage" | "currency" => {
            let value = attr(e, "office:value")?;
            Some(match value.trim().parse::<f64>() {
                Ok(f) if f.is_finite() => Cell::number(number_text(f)),
                _ => text_cell(&value),
            })
        }
        "date" => attr(e, "office:date-value").map(|d| iso_date(&d)),
        "boolean" => {
            let b = attr(e, "office:boolean-value")?;
            Some(bool_cell(matches!(b.trim(), "true" | "1")))
        }
        "time" => attr(e, "office:time-value").map(|t| Cell::text(t.as_str())),
        // A string's value is its text (an error's too: `#N/A`); `office:string-value` only
        // stands in when there is no paragraph (see `State::place`).
        _ => None,
    }
}

/// Reads a cell's content up to its end tag: the text of its paragraphs, annotations skipped;
/// fails once the text passes [`MAX_CELL_TEXT_BYTES`], spaces expanded included.
fn read_text<R: BufRead>(reader: &mut Reader<R>, cell: &mut Pending) -> Result<(), Error> {
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let too_long = |len: usize| Error::TooLarge {
        size: len as u64,
        limit: MAX_CELL_TEXT_BYTES as u64,
        unit: SizeUnit::Text,
    };
    let push = |text: &mut String, s: &str| -> Result<(), Error> {
        if text.len() + s.len() > MAX_CELL_TEXT_BYTES {
            return Err(too_long(text.len() + s.len()));
        }
        text.push_str(s);
        Ok(())
    };
    loop {
        buf.clear();
        let event = reader.read_event_into(&mut buf).map_err(xml_error)?;
        match event {
            Event::Eof => return Err(corrupt("table:table-cell")),
            Event::Start(e) => {
                depth += 1;
                match e.name().as_ref() {
                    "office:annotation" => {
                        let end = e.to_end().into_owned();
                        reader
                            .read_to_end_into(end.name(), &mut Vec::new())
                            .map_err(xml_error)?;
                        depth -= 1;
                    }
                    name => content(name, &e, cell, push)?,
                }
            }
            Event::Empty(e) => content(e.name().as_ref(), &e, cell, push)?,
            Event::End(_) if depth == 0 => return Ok(()),
            Event::End(_) => depth -= 1,
            Event::Text(t) if depth > 0 => push(&mut cell.text, &t.xml10_content())?,
            Event::CData(t) if depth > 0 => push(&mut cell.text, &t)?,
            Event::GeneralRef(r) if depth > 0 => {
                if let Some(s) = quick_xml::escape::resolve_xml_entity(&r) {
                    push(&mut cell.text, s)?;
                } else if let Ok(Some(c)) = r.resolve_char_ref() {
                    push(&mut cell.text, c.encode_utf8(&mut [0; 4]))?;
                }
            }
            _ => {}
        }
    }
}

/// An element inside a cell: a paragraph starts a line, the inline elements stand for
/// characters.
fn content(
    name: &str,
    e: &BytesStart<'_>,
    cell: &mut Pending,
    push: impl Fn(&mut String, &str) -> Result<(), Error>,
) -> Result<(), Error> {
    if matches!(name, "text:p" | "text:h") {
        if cell.paragraphs > 0 {
            push(&mut cell.text, "\n")?;
        }
        cell.paragraphs += 1;
        return Ok(());
    }
    inline(name, e, &mut cell.text, push)
}

/// The inline elements that stand for characters.
fn inline(
    name: &str,
    e: &BytesStart<'_>,
    text: &mut String,
    push: impl Fn(&mut String, &str) -> Result<(), Error>,
) -> Result<(), Error> {
    match name {
        "text:s" => {
            // Bounded before anything is written: the count is the attacker's.
            let spaces = count(e, "text:c").min(MAX_CELL_TEXT_BYTES as u64 + 1) as usize;
            push(text, &" ".repeat(spaces))
        }
        "text:tab" => push(text, "\t"),
        "text:line-break" => push(text, "\n"),
        _ => Ok(()),
    }
}

/// Whether a zip is an OpenDocument spreadsheet by its parts: a `content.xml` whose root holds
/// an `office:spreadsheet` body (the `mimetype` entry is optional here: some writers omit it).
pub fn is_spreadsheet(archive: &mut Archive<'_>) -> bool {
    if let Ok(mut m) = archive.by_name("mimetype") {
        let mut s = String::new();
        if (&mut m).take(200).read_to_string(&mut s).is_ok() && !s.trim().is_empty() {
            return s.contains("spreadsheet");
        }
    }
    let Ok(content) = archive.by_name("content.xml") else {
        return false;
    };
    let mut head = Vec::new();
    if content.take(64 * 1024).read_to_end(&mut head).is_err() {
        return false;
    }
    head.windows(18).any(|w| w == b"office:spreadsheet")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::CellKind;
    use std::io::Write;

    /// An `.ods` holding `body` as its spreadsheet, with or without a `mimetype` entry.
    pub(crate) fn ods(body: &str, mimetype: bool) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        if mimetype {
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            zip.start_file("mimetype", stored).expect("zip");
            zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
                .expect("zip");
        }
        zip.start_file("content.xml", options).expect("zip");
        write!(
            zip,
            r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0">
<office:automatic-styles><style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style></office:automatic-styles>
<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"#
        )
        .expect("zip");
        zip.finish().expect("zip");
        out.into_inner()
    }

    fn texts(grid: &Grid) -> Vec<Vec<String>> {
        grid.rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.to_string()).collect())
            .collect()
    }

    #[test]
    fn values_text_whitespace_and_repeats() {
        let body = r#"<table:table table:name="Annuaire">
  <table:table-row>
    <table:table-cell office:value-type="string"><text:p>Nom</text:p></table:table-cell>
    <table:table-cell office:value-type="string"><text:p>a<text:s text:c="2"/>b</text:p><text:p>c &amp; d</text:p></table:table-cell>
  </table:table-row>
  <table:table-row table:number-rows-repeated="2">
    <table:table-cell office:value-type="float" office:value="9100"><text:p>9 100</text:p></table:table-cell>
    <table:table-cell table:number-columns-repeated="2" office:value-type="boolean" office:boolean-value="true"/>
    <table:table-cell office:value-type="date" office:date-value="2024-03-05"/>
  </table:table-row>
  <table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table>
<table:table table:name="Cachée" table:style-name="ta2"><table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#;
        for mimetype in [true, false] {
            let bytes = ods(body, mimetype);
            let mut book = Ods::open(&bytes).expect("opens");
            assert_eq!(
                book.sheets(),
                [
                    SheetInfo {
                        name: "Annuaire".into(),
                        visible: true
                    },
                    SheetInfo {
                        name: "Cachée".into(),
                        visible: false
                    },
                ]
            );
            let grid = book.read("Annuaire", None).expect("reads");
            assert_eq!(
                texts(&grid),
                [
                    vec!["Nom", "a  b\nc & d"],
                    vec!["9100", "VRAI", "VRAI", "05/03/2024"],
                    vec!["9100", "VRAI", "VRAI", "05/03/2024"],
                ]
            );
            assert_eq!(grid.rows[1].cells[0].kind, CellKind::Number);
            assert_eq!(grid.rows[2].number, 3);
            assert_eq!(
                texts(&book.read("Cachée", None).expect("reads")),
                [vec!["x"]]
            );
        }
    }

    /// Cells that try to slip past a guard reading the XML another way: a value without a
    /// type, spaces around `=`, a huge tag, many repeats of a value, expanded spaces.
    #[test]
    fn hostile_cells_stay_bounded() {
        let long = "x".repeat(70_000);
        let body = format!(
            r#"<table:table table:name="A"><table:table-row table:number-rows-repeated = "1000000"><table:table-cell table:number-columns-repeated = "16384" office:value="1" table:style-name="{long}"/></table:table-row></table:table>"#
        );
        let bytes = ods(&body, true);
        let mut book = Ods::open(&bytes).expect("opens");
        // No type: no value, however it is repeated.
        assert!(book.read("A", None).expect("reads").rows.is_empty());

        let body = r#"<table:table table:name="A"><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384" office:value-type = "float" office:value="1"/></table:table-row></table:table>"#;
        let bytes = ods(body, true);
        let error = Ods::open(&bytes).and_then(|mut b| b.read("A", None));
        assert!(matches!(error, Err(Error::TooLarge { .. })), "{error:?}");

        let body = r#"<table:table table:name="A"><table:table-row><table:table-cell office:value-type="string"><text:p><text:s text:c="1000000000"/></text:p></table:table-cell></table:table-row></table:table>"#;
        let bytes = ods(body, true);
        let error = Ods::open(&bytes).and_then(|mut b| b.read("A", None));
        assert!(matches!(error, Err(Error::TooLarge { .. })), "{error:?}");
    }
}
