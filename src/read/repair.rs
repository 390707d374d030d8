//! The slow path for `.xlsx`/`.xlsm` packages that calamine refuses whole because of one part
//! it does not know: a sheet that is not a worksheet, a chart or a dialog sheet (an Excel 4
//! macro sheet), or one cell whose stored value it cannot parse (a boolean holding `7`, an error
//! value newer than it such as `#SPILL!`, a number that is not one, an unknown cell type, a
//! shared string that does not exist). Excel opens such files; a directory must not be lost for
//! one cell.
//!
//! Only when calamine has failed, a repaired copy of the package is built for it, and calamine
//! reads that copy as it reads any file:
//!
//! - `workbook.xml` without the `<sheet>`s whose relationship is missing or of a type calamine
//!   does not know (they cannot hold the directory; the page lists visible worksheets only, so
//!   they were never offered), and with an unknown `state` taken as visible;
//! - in every remaining sheet part, each cell calamine would refuse rewritten, in one streaming
//!   pass of quick-xml (calamine's own tokenizer, so the cells are the ones calamine sees), into
//!   an inline string holding [`MARK`] and the cell's number in [`Repaired::odd`]. Calamine then
//!   gives that cell's position itself: nothing here counts rows or columns. Child elements
//!   calamine does not expect inside a cell are dropped (its value is kept).
//!
//! Every other part is copied as it is, still compressed, into our own zip container. Which
//! values are refused is decided as calamine decides it (`read_value`/`read_v` of calamine
//! 0.38's `xlsx/cells_reader.rs`), with the same float parser (fast-float2). The limits hold on
//! the copy: the parts inflated here share one budget of [`MAX_UNZIPPED_BYTES`], counted while
//! they are read; one cell's XML is kept at most [`MAX_CELL_XML_BYTES`]; at most
//! [`MAX_UNREADABLE_CELLS`] cells are rewritten (past them the file is refused as damaged); and
//! the copy is read through the same [`Grid`](super::grid::Grid) limits as any sheet.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Cursor, Write};

use quick_xml::events::{BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};
use zip::ZipArchive;

use crate::error::{Error, SizeUnit};
use crate::read::limits::{
    self, Counted, MAX_CELL_XML_BYTES, MAX_UNREADABLE_CELLS, MAX_UNZIPPED_BYTES,
};
use crate::text::read as msg;
use crate::write::{Container, StoredEntry};

/// The first character of the text a rewritten cell holds; XML 1.0 forbids it in a document, so
/// no cell Excel wrote starts with it.
pub const MARK: char = '\u{FFFF}';

/// The bytes of a stored value kept for the report.
const MAX_VALUE_BYTES: usize = 100;

/// Why calamine refuses a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Oddity {
    /// An error value calamine does not know (`#SPILL!`, `#CALC!`…): still a formula error.
    Error,
    /// A boolean that is neither 0/1 nor true/false.
    Bool,
    /// A cell typed as a number whose value is not one.
    Number,
    /// A shared-string cell pointing past the workbook's strings.
    SharedString,
    /// A cell type (`t`) calamine does not know.
    Type,
    /// A text value holding an entity that XML does not define.
    Entity,
}

/// A rewritten cell: why, and the value it stored (cut to [`MAX_VALUE_BYTES`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Odd {
    /// Why it was rewritten.
    pub oddity: Oddity,
    /// The text of its `<v>`.
    pub value: String,
}

/// A package calamine can read, and the cells rewritten in it.
#[derive(Debug)]
pub struct Repaired {
    /// The new package.
    pub bytes: Vec<u8>,
    /// The rewritten cells, by the number their [`MARK`] text gives.
    pub odd: Vec<Odd>,
}

/// The rewritten cell a text read from a [`Repaired`] package stands for, if it is one.
pub fn odd_of<'o>(text: &str, odd: &'o [Odd]) -> Option<&'o Odd> {
    let number = text.strip_prefix(MARK)?.parse::<usize>().ok()?;
    odd.get(number)
}

fn corrupt(detail: impl std::fmt::Display) -> Error {
    Error::Corrupt {
        detail: detail.to_string(),
    }
}

fn xml_error(e: quick_xml::Error) -> Error {
    limits::hit(&e).unwrap_or_else(|| corrupt(e))
}

fn io_error(e: std::io::Error) -> Error {
    match e.get_ref().and_then(|i| i.downcast_ref::<Error>()) {
        Some(inner) => inner.clone(),
        None => corrupt(e),
    }
}

/// The refusal of a package holding more than [`MAX_UNREADABLE_CELLS`] cells calamine refuses.
fn too_many_unreadable() -> Error {
    corrupt(msg::detail_unreadable_cells(MAX_UNREADABLE_CELLS))
}

/// Whether a repair stopped on a limit (then the refusal), rather than on XML or a zip it cannot
/// parse either (then calamine's own error says it best).
pub fn is_limit(e: &Error) -> bool {
    matches!(e, Error::TooLarge { .. }) || *e == too_many_unreadable()
}

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// The parts of a package this module reads, found as calamine finds them.
struct Layout {
    /// Index of `workbook.xml` (wherever the package relationship puts it).
    workbook: usize,
    /// The `r:id`s of the sheets calamine cannot open.
    dropped: Vec<String>,
    /// Whether a sheet's `state` is unknown to calamine.
    bad_state: bool,
    /// Indexes of the parts of the sheets kept, sorted.
    sheets: Vec<usize>,
    /// Strings of the shared-string table.
    strings: usize,
}

/// Builds the repaired package; `None` when nothing in it is what this module repairs (the
/// caller keeps calamine's own error then).
///
/// # Errors
/// [`Error::TooLarge`] past the limits, [`Error::Corrupt`] when the package cannot be parsed.
pub fn package(bytes: &[u8]) -> Result<Option<Repaired>, Error> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
    let mut budget = MAX_UNZIPPED_BYTES;
    let Some(layout) = layout(&mut archive, &mut budget)? else {
        return Ok(None);
    };
    // Our own zip container (its deflate is the one the corrected workbook uses): no second
    // zip writer in the page's module.
    let mut out = Container::new();
    let mut odd = Vec::new();
    let mut changed = !layout.dropped.is_empty() || layout.bad_state;
    for index in 0..archive.len() {
        let rewrite = index == layout.workbook || layout.sheets.binary_search(&index).is_ok();
        if !rewrite {
            let mut file = archive.by_index_raw(index).map_err(corrupt)?;
            let method = match file.compression() {
                zip::CompressionMethod::Stored => 0,
                zip::CompressionMethod::Deflated => 8,
                other => return Err(corrupt(other)),
            };
            let entry = StoredEntry {
                method,
                crc: file.crc32(),
                compressed: file.compressed_size(),
                size: file.size(),
            };
            let name = file.name().map_err(corrupt)?.into_owned();
            out.copy_entry(&name, &entry, &mut file).map_err(corrupt)?;
            continue;
        }
        let name = archive
            .name_for_index(index)
            .ok_or_else(|| corrupt("zip"))?
            .map_err(corrupt)?
            .into_owned();
        out.start_entry(&name).map_err(corrupt)?;
        let mut reader = xml(&mut archive, index, budget)?;
        let mut writer = Writer::new(&mut out);
        if index == layout.workbook {
            workbook(&mut reader, &mut writer, &layout.dropped)?;
        } else {
            changed |= sheet(&mut reader, &mut writer, layout.strings, &mut odd)?;
        }
        budget = reader.into_inner().into_inner().left();
    }
    if !changed {
        return Ok(None);
    }
    let bytes = out.finish().map_err(corrupt)?.to_vec();
    Ok(Some(Repaired { bytes, odd }))
}

type Part<'z, 'a> = Reader<BufReader<Counted<zip::read::ZipFile<'z, Cursor<&'a [u8]>>>>>;

/// A part's XML, inflated within what is left of `budget`, configured as calamine configures
/// its readers (ends not checked, text not trimmed) but keeping empty elements as they are.
fn xml<'z, 'a>(
    archive: &'z mut Archive<'a>,
    index: usize,
    budget: u64,
) -> Result<Part<'z, 'a>, Error> {
    let file = archive.by_index(index).map_err(corrupt)?;
    let mut reader = Reader::from_reader(BufReader::with_capacity(
        64 * 1024,
        Counted::new(file, budget),
    ));
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    Ok(reader)
}

/// The entries by the name calamine looks them up by: `\` as `/`, in lower case (the last of
/// two entries that only differ so wins, as in calamine's cache).
struct Names(HashMap<String, usize>);

impl Names {
    fn of(archive: &Archive<'_>) -> Names {
        Names(
            (0..archive.len())
                .filter_map(|i| {
                    let name = archive.name_for_index(i)?.ok()?;
                    Some((name.replace('\\', "/").to_ascii_lowercase(), i))
                })
                .collect(),
        )
    }

    /// The index of the entry calamine opens for `path`.
    fn find(&self, path: &str) -> Option<usize> {
        self.0.get(&path.to_ascii_lowercase()).copied()
    }
}

/// A raw attribute value by exact key, as calamine reads them.
fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| a.value.into_owned())
}

/// Each element named `local` of a part, as it comes.
fn each(
    archive: &mut Archive<'_>,
    index: usize,
    budget: &mut u64,
    local: &str,
    mut on: impl FnMut(&BytesStart<'_>),
) -> Result<(), Error> {
    let mut reader = xml(archive, index, *budget)?;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf).map_err(xml_error)? {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == local => on(&e),
            _ => {}
        }
    }
    *budget = reader.into_inner().into_inner().left();
    Ok(())
}

fn layout(archive: &mut Archive<'_>, budget: &mut u64) -> Result<Option<Layout>, Error> {
    let names = Names::of(archive);
    let Some(package) = names.find("_rels/.rels") else {
        return Ok(None);
    };
    // The last `officeDocument` relationship, as calamine takes it.
    let mut target = None;
    each(archive, package, budget, "Relationship", |e| {
        if attr(e, "Type").is_some_and(|t| t.ends_with("/relationships/officeDocument")) {
            if let Some(t) = attr(e, "Target") {
                target = quick_xml::escape::unescape(&t).ok().map(|t| t.into_owned());
            }
        }
    })?;
    let Some(target) = target else {
        return Ok(None);
    };
    // Split as calamine splits it: the folder keeps its last `/`, loses a leading one.
    let (dir, name) = match target.rfind('/') {
        Some(i) => (
            target.get(..=i).unwrap_or_default(),
            target.get(i + 1..).unwrap_or_default(),
        ),
        None => ("", target.as_str()),
    };
    let dir = dir.strip_prefix('/').unwrap_or(dir).to_string();
    let name = if name.is_empty() {
        "workbook.xml"
    } else {
        name
    };
    let (Some(workbook), Some(rels)) = (
        names.find(&format!("{dir}{name}")),
        names.find(&format!("{dir}_rels/{name}.rels")),
    ) else {
        return Ok(None);
    };
    let mut relationships: HashMap<String, (String, String)> = HashMap::new();
    each(archive, rels, budget, "Relationship", |e| {
        if let Some(id) = attr(e, "Id") {
            let typ = attr(e, "Type").unwrap_or_default();
            relationships.insert(id, (attr(e, "Target").unwrap_or_default(), typ));
        }
    })?;
    let mut dropped = Vec::new();
    let mut bad_state = false;
    let mut paths = Vec::new();
    each(archive, workbook, budget, "sheet", |e| {
        let id = sheet_id(e).unwrap_or_default();
        bad_state |= attr(e, "state").is_some_and(|s| !known_state(&s));
        match relationships.get(&id) {
            Some((target, typ)) if is_sheet_type(typ) => paths.push(
                target
                    .strip_prefix('/')
                    .map_or_else(|| format!("{dir}{target}"), str::to_string),
            ),
            _ => dropped.push(id),
        }
    })?;
    let mut sheets: Vec<usize> = paths.iter().filter_map(|p| names.find(p)).collect();
    sheets.sort_unstable();
    sheets.dedup();
    sheets.retain(|&s| s != workbook);
    let mut strings = 0usize;
    if let Some(sst) = names.find(&format!("{dir}sharedStrings.xml")) {
        each(archive, sst, budget, "si", |_| strings += 1)?;
    }
    Ok(Some(Layout {
        workbook,
        dropped,
        bad_state,
        sheets,
        strings,
    }))
}

/// The `r:id` of a `<sheet>`: any attribute whose local name is `id`, as calamine matches it.
fn sheet_id(e: &BytesStart<'_>) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| {
            let key: &str = a.key.as_ref();
            key == "id" || key.ends_with(":id")
        })
        .map(|a| a.value.into_owned())
}

fn known_state(state: &str) -> bool {
    matches!(state, "visible" | "hidden" | "veryHidden")
}

/// The sheet types calamine opens (the last segment of the relationship type).
fn is_sheet_type(typ: &str) -> bool {
    matches!(
        typ.rsplit('/').next(),
        Some("worksheet" | "chartsheet" | "dialogsheet")
    )
}

/// `workbook.xml` without the `<sheet>`s calamine cannot open, and with unknown states taken
/// as visible.
fn workbook<R: BufRead, W: Write>(
    reader: &mut Reader<R>,
    writer: &mut Writer<W>,
    dropped: &[String],
) -> Result<(), Error> {
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let event = reader.read_event_into(&mut buf).map_err(xml_error)?;
        match &event {
            Event::Eof => return Ok(()),
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sheet" => {
                let drop = sheet_id(e).is_some_and(|id| dropped.contains(&id))
                    || sheet_id(e).is_none() && dropped.iter().any(String::is_empty);
                if drop {
                    if let Event::Start(e) = &event {
                        let end = e.to_end().into_owned();
                        reader
                            .read_to_end_into(end.name(), &mut Vec::new())
                            .map_err(xml_error)?;
                    }
                    continue;
                }
                if attr(e, "state").is_some_and(|s| !known_state(&s)) {
                    let mut fixed = BytesStart::new(e.name().as_ref().to_string());
                    fixed.extend_attributes(
                        e.attributes()
                            .with_checks(false)
                            .flatten()
                            .filter(|a| a.key.as_ref() != "state"),
                    );
                    let fixed = if matches!(event, Event::Empty(_)) {
                        Event::Empty(fixed)
                    } else {
                        Event::Start(fixed)
                    };
                    writer.write_event(fixed).map_err(io_error)?;
                    continue;
                }
            }
            _ => {}
        }
        writer.write_event(event).map_err(io_error)?;
    }
}

/// One cell as it was read: its start tag and what came inside, each child element with its
/// content.
struct CellXml {
    start: BytesStart<'static>,
    /// Direct children: `(local name, events)`; `None` for events between elements.
    parts: Vec<(Option<String>, Vec<Event<'static>>)>,
}

/// A sheet part with the cells calamine refuses rewritten (see the module's documentation);
/// `true` when anything was changed.
fn sheet<R: BufRead, W: Write>(
    reader: &mut Reader<R>,
    writer: &mut Writer<W>,
    strings: usize,
    odd: &mut Vec<Odd>,
) -> Result<bool, Error> {
    let mut buf = Vec::new();
    let mut in_data = false;
    let mut changed = false;
    loop {
        buf.clear();
        let event = reader.read_event_into(&mut buf).map_err(xml_error)?;
        match &event {
            Event::Eof => return Ok(changed),
            Event::Start(e) if e.local_name().as_ref() == "sheetData" => in_data = true,
            Event::End(e) if e.local_name().as_ref() == "sheetData" => in_data = false,
            Event::Start(e) if in_data && e.local_name().as_ref() == "c" => {
                let cell = read_cell(reader, e.clone().into_owned())?;
                changed |= write_cell(writer, cell, strings, odd)?;
                continue;
            }
            _ => {}
        }
        writer.write_event(event).map_err(io_error)?;
    }
}

fn read_cell<R: BufRead>(
    reader: &mut Reader<R>,
    start: BytesStart<'static>,
) -> Result<CellXml, Error> {
    let mut cell = CellXml {
        start,
        parts: Vec::new(),
    };
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut size = 0usize;
    loop {
        buf.clear();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(xml_error)?
            .into_owned();
        size = size.saturating_add(buf.len());
        if size > MAX_CELL_XML_BYTES {
            return Err(Error::TooLarge {
                size: size as u64,
                limit: MAX_CELL_XML_BYTES as u64,
                unit: SizeUnit::Text,
            });
        }
        match (&event, depth) {
            (Event::Eof, _) => return Err(corrupt(msg::DETAIL_XLSX_CELL)),
            (Event::End(e), 0) if e.local_name().as_ref() == "c" => return Ok(cell),
            (Event::Start(e), 0) => {
                let name = e.local_name().as_ref().to_string();
                cell.parts.push((Some(name), vec![event]));
                depth = 1;
            }
            (Event::Empty(e), 0) => {
                let name = e.local_name().as_ref().to_string();
                cell.parts.push((Some(name), vec![event]));
            }
            (_, 0) => cell.parts.push((None, vec![event])),
            _ => {
                match &event {
                    Event::Start(_) => depth += 1,
                    Event::End(_) => depth -= 1,
                    _ => {}
                }
                if let Some((_, events)) = cell.parts.last_mut() {
                    events.push(event);
                }
            }
        }
    }
}

/// What calamine makes of a `<v>` of a cell of type `t`: `None` when it reads it, the oddity and
/// the value otherwise.
fn refused(t: Option<&str>, events: &[Event<'_>], strings: usize) -> Option<(Oddity, String)> {
    let inner = events.get(1..).unwrap_or(&[]);
    match t {
        Some("inlineStr" | "is") => None,
        Some("n" | "s" | "b" | "e") | None => {
            // Calamine parses the first event inside `<v>` when it is text, nothing else.
            let Some(Event::Text(text)) = inner.first() else {
                return None;
            };
            let raw: &str = text;
            let oddity = match t {
                Some("s") => {
                    let index = if raw.starts_with('+') {
                        0
                    } else {
                        raw.parse::<usize>().unwrap_or(0)
                    };
                    (!raw.is_empty() && index >= strings).then_some(Oddity::SharedString)
                }
                Some("b") => {
                    let v = raw.trim();
                    let known = v.is_empty()
                        || v == "0"
                        || v == "1"
                        || v.eq_ignore_ascii_case("false")
                        || v.eq_ignore_ascii_case("true");
                    (!known).then_some(Oddity::Bool)
                }
                Some("e") => (!matches!(
                    raw,
                    "#DIV/0!" | "#N/A" | "#NAME?" | "#NULL!" | "#NUM!" | "#REF!" | "#VALUE!"
                ))
                .then_some(Oddity::Error),
                Some(_) => (!raw.is_empty() && fast_float2::parse::<f64, _>(raw).is_err())
                    .then_some(Oddity::Number),
                None => None,
            };
            oddity.map(|o| (o, cut(raw)))
        }
        Some(t) => {
            let mut value = String::new();
            let mut unknown_entity = false;
            for event in inner {
                match event {
                    Event::Text(text) if value.len() < MAX_VALUE_BYTES => value.push_str(text),
                    Event::GeneralRef(r) => {
                        unknown_entity |= quick_xml::escape::resolve_xml_entity(r).is_none()
                            && !matches!(r.resolve_char_ref(), Ok(Some(_)));
                    }
                    _ => {}
                }
            }
            let oddity = match t {
                "d" | "str" => unknown_entity.then_some(Oddity::Entity),
                _ => Some(Oddity::Type),
            };
            oddity.map(|o| (o, cut(&value)))
        }
    }
}

fn cut(s: &str) -> String {
    let mut end = s.len().min(MAX_VALUE_BYTES);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default().to_string()
}

/// Writes a cell back, rewritten when calamine would refuse it; `true` when it was changed.
fn write_cell<W: Write>(
    writer: &mut Writer<W>,
    cell: CellXml,
    strings: usize,
    odd: &mut Vec<Odd>,
) -> Result<bool, Error> {
    let t = attr(&cell.start, "t");
    let mut found = None;
    let mut dropped = false;
    let mut kept = Vec::with_capacity(cell.parts.len());
    for (name, events) in cell.parts {
        match name.as_deref() {
            Some("v") => {
                if found.is_none() {
                    found = refused(t.as_deref(), &events, strings);
                }
                kept.push(events);
            }
            Some("f" | "is") | None => kept.push(events),
            // Calamine stops on any other element inside a cell.
            Some(_) => dropped = true,
        }
    }
    let Some((oddity, value)) = found else {
        writer
            .write_event(Event::Start(cell.start))
            .map_err(io_error)?;
        for event in kept.into_iter().flatten() {
            writer.write_event(event).map_err(io_error)?;
        }
        writer
            .write_event(Event::End(quick_xml::events::BytesEnd::new("c")))
            .map_err(io_error)?;
        return Ok(dropped);
    };
    if odd.len() >= MAX_UNREADABLE_CELLS {
        return Err(too_many_unreadable());
    }
    let mut start = BytesStart::new(cell.start.name().as_ref().to_string());
    start.extend_attributes(
        cell.start
            .attributes()
            .with_checks(false)
            .flatten()
            .filter(|a| a.key.as_ref() != "t"),
    );
    start.push_attribute(("t", "inlineStr"));
    let mark = format!("{MARK}{}", odd.len());
    odd.push(Odd { oddity, value });
    for event in [
        Event::Start(start),
        Event::Start(BytesStart::new("is")),
        Event::Start(BytesStart::new("t")),
        Event::Text(BytesText::new(&mark)),
        Event::End(quick_xml::events::BytesEnd::new("t")),
        Event::End(quick_xml::events::BytesEnd::new("is")),
        Event::End(quick_xml::events::BytesEnd::new("c")),
    ] {
        writer.write_event(event).map_err(io_error)?;
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn try_rewrite(xml: &str, strings: usize) -> Result<(String, Vec<Odd>, bool), Error> {
        let mut reader = Reader::from_reader(xml.as_bytes());
        reader.config_mut().check_end_names = false;
        let mut out = Vec::new();
        let mut odd = Vec::new();
        let changed = sheet(&mut reader, &mut Writer::new(&mut out), strings, &mut odd)?;
        Ok((String::from_utf8(out).unwrap_or_default(), odd, changed))
    }

    fn rewrite(xml: &str, strings: usize) -> (String, Vec<Odd>, bool) {
        try_rewrite(xml, strings).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn sheet_xml(cells: &str) -> String {
        format!("<worksheet><dimension ref=\"A1\"/><sheetData><row r=\"1\">{cells}</row></sheetData></worksheet>")
    }

    #[test]
    fn cells_calamine_reads_are_copied_as_they_are() {
        let cells = concat!(
            "<c r=\"A1\" t=\"b\"><v>1</v></c><c r=\"B1\" t=\"b\"><v> TRUE </v></c>",
            "<c r=\"C1\" t=\"e\"><v>#N/A</v></c><c r=\"D1\" t=\"s\"><v>1</v></c>",
            "<c r=\"E1\" t=\"n\"><v>1.5e3</v></c><c r=\"F1\"><v>abc</v></c>",
            "<c r=\"G1\" t=\"str\"><f>A1</f><v>x &amp; y</v></c>",
            "<c r=\"H1\" t=\"inlineStr\"><is><t>Dupont</t></is></c><c r=\"I1\" s=\"3\"/>",
            "<c r=\"J1\" t=\"d\"><v>2024-03-05</v></c><c r=\"K1\" t=\"b\"><v/></c>",
            // Calamine reads an index it cannot parse as the first string.
            "<c r=\"L1\" t=\"s\"><v>+1</v></c>",
        );
        let xml = sheet_xml(cells);
        let (out, odd, changed) = rewrite(&xml, 2);
        assert_eq!((out, odd, changed), (xml, Vec::new(), false));
    }

    #[test]
    fn each_refused_value_becomes_a_marked_inline_string() {
        let cases = [
            (
                "<c r=\"B2\" s=\"1\" t=\"b\"><v>7</v></c>",
                Oddity::Bool,
                "7",
            ),
            (
                "<c r=\"B2\" t=\"e\"><v>#WHAT?</v></c>",
                Oddity::Error,
                "#WHAT?",
            ),
            (
                "<c r=\"B2\" t=\"e\"><f>A1</f><v>#SPILL!</v></c>",
                Oddity::Error,
                "#SPILL!",
            ),
            (
                "<c r=\"B2\" t=\"e\"><v> #N/A</v></c>",
                Oddity::Error,
                " #N/A",
            ),
            (
                "<c r=\"B2\" t=\"n\"><v>douze</v></c>",
                Oddity::Number,
                "douze",
            ),
            (
                "<c r=\"B2\" t=\"s\"><v>2</v></c>",
                Oddity::SharedString,
                "2",
            ),
            ("<c r=\"B2\" t=\"x\"><v>42</v></c>", Oddity::Type, "42"),
            (
                "<c r=\"B2\" t=\"str\"><v>a&nbsp;b</v></c>",
                Oddity::Entity,
                "ab",
            ),
        ];
        for (cell, oddity, value) in cases {
            let (out, odd, changed) = rewrite(&sheet_xml(cell), 2);
            assert!(changed, "{cell}");
            assert_eq!(
                odd,
                [Odd {
                    oddity,
                    value: value.into()
                }],
                "{cell}"
            );
            assert!(
                out.contains(&format!("t=\"inlineStr\"><is><t>{MARK}0</t></is></c>")),
                "{out}"
            );
            assert!(out.contains("r=\"B2\""), "{out}");
            assert!(!out.contains("<v>"), "{out}");
        }
    }

    #[test]
    fn unknown_elements_inside_a_cell_are_dropped_and_its_value_kept() {
        let (out, odd, changed) = rewrite(
            &sheet_xml("<c r=\"A1\"><extLst><ext/></extLst><v>3</v></c>"),
            0,
        );
        assert!(changed);
        assert!(odd.is_empty());
        assert!(out.contains("<c r=\"A1\"><v>3</v></c>"), "{out}");
    }

    #[test]
    fn markers_name_their_cell() {
        let odd = [Odd {
            oddity: Oddity::Bool,
            value: "7".into(),
        }];
        assert_eq!(odd_of(&format!("{MARK}0"), &odd), odd.first());
        assert_eq!(odd_of(&format!("{MARK}1"), &odd), None);
        assert_eq!(odd_of("0", &odd), None);
    }

    #[test]
    fn one_huge_cell_or_too_many_odd_cells_are_refused() {
        let huge = format!(
            "<c r=\"A1\" t=\"b\"><v>{}</v></c>",
            "7".repeat(MAX_CELL_XML_BYTES + 1)
        );
        let many = "<c t=\"b\"><v>7</v></c>".repeat(MAX_UNREADABLE_CELLS + 1);
        let result = try_rewrite(&sheet_xml(&huge), 0);
        assert!(
            matches!(
                result,
                Err(Error::TooLarge {
                    unit: SizeUnit::Text,
                    ..
                })
            ),
            "{result:?}"
        );
        let result = try_rewrite(&sheet_xml(&many), 0);
        assert_eq!(result.err(), Some(too_many_unreadable()));
        assert!(is_limit(&too_many_unreadable()));
    }

    #[test]
    fn sheets_calamine_cannot_open_leave_the_workbook() {
        let xml = concat!(
            "<workbook xmlns:r=\"r\"><sheets><sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/>",
            "<sheet name=\"M\" sheetId=\"2\" r:id=\"rId2\"/>",
            "<sheet name=\"S\" sheetId=\"3\" state=\"odd\" r:id=\"rId3\"/></sheets></workbook>"
        );
        let mut reader = Reader::from_reader(xml.as_bytes());
        let mut out = Vec::new();
        workbook(
            &mut reader,
            &mut Writer::new(&mut out),
            &["rId2".to_string()],
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        let out = String::from_utf8(out).unwrap_or_default();
        assert!(out.contains("name=\"A\""), "{out}");
        assert!(!out.contains("name=\"M\""), "{out}");
        assert!(
            out.contains("<sheet name=\"S\" sheetId=\"3\" r:id=\"rId3\"/>"),
            "{out}"
        );
    }
}
