//! `.xlsb` workbooks, walked before calamine reads them, so that none of calamine 0.38's
//! unchecked indexings in its `.xlsb` reader can be reached (natively `read::guard` catches a
//! panic, but in the page it traps the worker). calamine stays as it is: we read the records it
//! will read, as it reads them, and refuse the file as damaged where it would panic.
//!
//! What is mirrored, from calamine 0.38's `xlsb/mod.rs` and `xlsb/cells_reader.rs`:
//! - `RecordIter`'s framing: a 1–2-byte type, a 1–4-byte length;
//! - each loop's reused buffer: calamine grows one `Vec` to the longest record read since it
//!   was last cleared and indexes it without checking, so a short record is read with the
//!   previous record's bytes behind it. [`Buf`] keeps that length and the buffer's first bytes
//!   (all calamine indexes by a fixed offset), with the in-place edit `BrtCellRk` makes;
//! - what calamine does when [`open`]ing (`Xlsb::new`): `sharedStrings.bin` (it holds exactly
//!   `BrtBeginSst`'s `cstUnique` strings, read from bytes 4..8 of that buffer, or fails to
//!   open), `styles.bin` (whose loop does not consume the body of a record it does not know: the
//!   body is read as the next records, and so it is here), the relationships of
//!   `workbook.bin.rels` (parsed with quick-xml and calamine's own attribute scanner), and both
//!   loops of `workbook.bin` (the sheets, then the extern sheets and defined names, whose
//!   formulas calamine parses at once);
//! - what it does reading one sheet ([`Walked::sheet`]): `XlsbCellsReader::new` and `next_cell`.
//!
//! Where calamine would return an error, the walk of that part stops: calamine fails there
//! itself, with its own message. Where calamine would panic, the file is refused with
//! [`Error::Corrupt`] (« endommagé », exit 2). A bad shared-string index is refused too, not
//! reported on its cell: calamine cannot be made to skip one cell without rewriting the part,
//! and Excel writes no such cell. A record running past the end of its part is refused before
//! calamine allocates the length it declares (up to 256 MiB).
//!
//! Bounds: every part is inflated through one [`Counted`] budget of [`MAX_UNZIPPED_BYTES`]; at
//! most 16 bytes of a record are kept, except the records held whole (a sheet's entry, a defined
//! name) up to [`MAX_XLSB_HELD_RECORD_BYTES`]; formula nesting stops at
//! [`MAX_XLSB_FORMULA_DEPTH`]. Every loop consumes at least one byte per turn, so time follows
//! the inflated bytes.

use std::collections::HashMap;
use std::io::{self, BufReader, Cursor, Read};

use encoding_rs::UTF_16LE;
use quick_xml::events::Event;
use quick_xml::name::QName;
use zip::read::ZipFile;
use zip::result::ZipError;
use zip::ZipArchive;

use crate::error::Error;
use crate::read::limits::{
    Counted, MAX_UNZIPPED_BYTES, MAX_XLSB_FORMULA_DEPTH, MAX_XLSB_HELD_RECORD_BYTES,
};
use crate::read::xls::{u16_at, u32_at};
use crate::text::read as msg;

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// A part of the workbook, as it is inflated.
type Part<'z, 'a> = Budgeted<'z, ZipFile<'z, Cursor<&'a [u8]>>>;

/// The size of calamine's function table (`utils::FTAB_LEN`): a function token's index is
/// looked up in it unchecked.
const FTAB_LEN: u16 = 485;

/// The bytes of calamine's buffer kept: the furthest fixed offset it reads is 16.
const HEAD: usize = 16;

/// Why a walk stops.
enum Halt {
    /// The file is refused: calamine would panic, or a record runs past its part.
    Refused(Error),
    /// calamine fails at that point, with its own error (the part ends between two records, an
    /// unknown value…): nothing further is read.
    CalamineFails,
}

impl From<Error> for Halt {
    fn from(e: Error) -> Halt {
        Halt::Refused(e)
    }
}

type Step<T> = Result<T, Halt>;

/// What calamine goes on with, `None` where it fails; `Err` for a refusal.
fn settle<T>(step: Step<T>) -> Result<Option<T>, Error> {
    match step {
        Ok(v) => Ok(Some(v)),
        Err(Halt::CalamineFails) => Ok(None),
        Err(Halt::Refused(e)) => Err(e),
    }
}

/// A workbook walked at opening: what [`Walked::sheet`] needs to walk a sheet before calamine
/// reads it.
pub struct Walked<'a> {
    bytes: &'a [u8],
    /// calamine's sheets: name, part path (`xl/` and the relationship's target), in order.
    sheets: Vec<(String, String)>,
    /// The shared strings calamine holds.
    strings: u64,
}

/// Walks what calamine reads when it opens the `.xlsb` in `bytes`.
///
/// # Errors
/// [`Error::Corrupt`] where calamine would panic, or a record runs past its part;
/// [`Error::TooLarge`] past the limits.
pub fn open(bytes: &[u8]) -> Result<Walked<'_>, Error> {
    let mut walked = Walked {
        bytes,
        sheets: Vec::new(),
        strings: 0,
    };
    // calamine opens the zip before anything else: if that fails, there is nothing to walk.
    let Ok(mut zip) = ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(walked);
    };
    let Some(cache) = path_cache(&zip) else {
        return Ok(walked);
    };
    let mut budget = MAX_UNZIPPED_BYTES;
    if let Some(strings) = settle(shared_strings(&mut zip, &cache, &mut budget))? {
        walked.strings = strings;
    }
    settle(styles(&mut zip, &cache, &mut budget))?;
    let Some(relationships) = settle(relationships(&mut zip, &mut budget))? else {
        return Ok(walked);
    };
    if let Some(sheets) = settle(workbook(&mut zip, &cache, &relationships, &mut budget))? {
        walked.sheets = sheets;
    }
    Ok(walked)
}

impl Walked<'_> {
    /// Walks what calamine reads of sheet `name` (`worksheet_cells_reader`, then `next_cell`
    /// to the end of its data).
    ///
    /// # Errors
    /// As [`open`].
    pub fn sheet(&self, name: &str) -> Result<(), Error> {
        let Some((_, path)) = self.sheets.iter().find(|(n, _)| n == name) else {
            return Ok(());
        };
        let Ok(mut zip) = ZipArchive::new(Cursor::new(self.bytes)) else {
            return Ok(());
        };
        let Some(cache) = path_cache(&zip) else {
            return Ok(());
        };
        let mut budget = MAX_UNZIPPED_BYTES;
        let Some(mut records) = part(&mut zip, &cache, path, &mut budget) else {
            return Ok(());
        };
        settle(cells(&mut records, self.strings))?;
        Ok(())
    }
}

/// calamine's `build_zip_path_cache`: lower-cased names with `/` separators to stored names.
fn path_cache(zip: &Archive<'_>) -> Option<HashMap<String, String>> {
    let mut cache = HashMap::with_capacity(zip.len());
    for name in zip.file_names() {
        let name = name.ok()?;
        cache.insert(
            name.replace('\\', "/").to_ascii_lowercase(),
            name.to_string(),
        );
    }
    Some(cache)
}

/// A part as calamine's `RecordIter::from_zip` opens it; `None` where calamine fails to.
fn part<'z, 'a>(
    zip: &'z mut Archive<'a>,
    cache: &HashMap<String, String>,
    path: &str,
    budget: &'z mut u64,
) -> Option<Records<Part<'z, 'a>>> {
    let name = cache
        .get(&path.to_ascii_lowercase())
        .map_or(path, String::as_str);
    let file = zip.by_name(name).ok()?;
    Some(Records {
        r: Budgeted {
            inner: BufReader::new(Counted::new(file, *budget)),
            budget,
        },
    })
}

/// A reader that gives back to `budget` what it did not use, when dropped.
struct Budgeted<'b, R> {
    inner: BufReader<Counted<R>>,
    budget: &'b mut u64,
}

impl<R: Read> Read for Budgeted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf)
    }
}

impl<R> Drop for Budgeted<'_, R> {
    fn drop(&mut self) {
        *self.budget = self.inner.get_ref().left();
    }
}

/// An I/O error reading a part: the limit it hit, or the part's end (a record cut short), or
/// what inflating said.
fn io_error(e: io::Error) -> Error {
    if let Some(limit) = e.get_ref().and_then(|i| i.downcast_ref::<Error>()) {
        return limit.clone();
    }
    if e.kind() == io::ErrorKind::UnexpectedEof {
        return corrupt(msg::DETAIL_XLSB_CUT);
    }
    corrupt(e)
}

fn corrupt(detail: impl std::fmt::Display) -> Error {
    Error::Corrupt {
        detail: detail.to_string(),
    }
}

/// calamine's reused record buffer: its length (`buf.len()`, the longest record read into it
/// since it was last cleared) and its first [`HEAD`] bytes.
#[derive(Default)]
struct Buf {
    len: usize,
    head: [u8; HEAD],
}

impl Buf {
    /// `buf.clear()`: what lies past the next record is no longer in the buffer.
    fn clear(&mut self) {
        self.len = 0;
    }

    /// `Err` unless calamine may index `..n` (of record type `typ`).
    fn need(&self, typ: u16, n: usize) -> Result<(), Error> {
        if self.len >= n {
            Ok(())
        } else {
            Err(corrupt(msg::detail_xlsb_short(typ, self.len)))
        }
    }

    /// The `u32` at `at`, if it is inside both the buffer and [`HEAD`].
    fn u32(&self, at: usize) -> Option<u32> {
        u32_at(self.head.get(..self.len.min(HEAD))?, at)
    }

    /// Whether calamine's `wide_str(&buf[at..])` succeeds; `Err` when its length arithmetic
    /// overflows a 32-bit `usize` (the page's), where it panics.
    fn wide_str(&self, at: usize) -> Result<bool, Error> {
        let Some(chars) = self.u32(at) else {
            return Ok(false);
        };
        let Some(bytes) = wide_len(chars) else {
            return Err(corrupt(msg::DETAIL_XLSB_TEXT));
        };
        Ok(self.len.saturating_sub(at) >= bytes)
    }
}

/// `4 + 2 * chars`, calamine's `wide_str` length, if it fits 32 bits (in wasm it wraps, and a
/// wrapped length below 4 panics).
fn wide_len(chars: u32) -> Option<usize> {
    let bytes = u64::from(chars) * 2 + 4;
    if bytes > u64::from(u32::MAX) {
        return None;
    }
    usize::try_from(bytes).ok()
}

/// calamine's `wide_str` on a whole record: the text and its length in bytes, `None` where
/// calamine returns an error.
fn wide_str(b: &[u8]) -> Result<Option<(String, usize)>, Error> {
    let Some(chars) = u32_at(b, 0) else {
        return Ok(None);
    };
    let Some(bytes) = wide_len(chars) else {
        return Err(corrupt(msg::DETAIL_XLSB_TEXT));
    };
    Ok(b.get(4..bytes)
        .map(|s| (UTF_16LE.decode(s).0.into_owned(), bytes)))
}

/// calamine's `RecordIter`.
struct Records<R> {
    r: R,
}

impl<R: Read> Records<R> {
    /// A byte of a record's type or length: the part's end there is calamine's error.
    fn u8(&mut self) -> Step<u8> {
        let mut b = [0u8; 1];
        match self.r.read_exact(&mut b) {
            Ok(()) => Ok(b[0]),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Err(Halt::CalamineFails),
            Err(e) => Err(io_error(e).into()),
        }
    }

    /// `read_type`.
    fn typ(&mut self) -> Step<u16> {
        let b = self.u8()?;
        Ok(if b & 0x80 == 0x80 {
            u16::from(b & 0x7F) + (u16::from(self.u8()? & 0x7F) << 7)
        } else {
            u16::from(b)
        })
    }

    /// The length `fill_buffer` reads.
    fn len(&mut self) -> Step<usize> {
        let mut b = self.u8()?;
        let mut len = usize::from(b & 0x7F);
        for i in 1..4 {
            if b & 0x80 == 0 {
                break;
            }
            b = self.u8()?;
            len += usize::from(b & 0x7F) << (7 * i);
        }
        Ok(len)
    }

    /// `fill_buffer`: the record's first bytes into `buf`, the rest skipped; its length.
    fn fill(&mut self, buf: &mut Buf) -> Step<usize> {
        let len = self.len()?;
        let kept = len.min(HEAD);
        let head = buf
            .head
            .get_mut(..kept)
            .ok_or_else(|| corrupt(msg::DETAIL_XLSB_CUT))?;
        self.r.read_exact(head).map_err(io_error)?;
        let rest = (len - kept) as u64;
        let skipped = io::copy(&mut (&mut self.r).take(rest), &mut io::sink()).map_err(io_error)?;
        if skipped < rest {
            return Err(corrupt(msg::DETAIL_XLSB_CUT).into());
        }
        buf.len = buf.len.max(len);
        Ok(len)
    }

    /// `fill_buffer` for a record of type `typ` calamine reads whole: its bytes.
    fn fill_whole(&mut self, typ: u16, buf: &mut Buf) -> Step<Vec<u8>> {
        let len = self.len()?;
        if len > MAX_XLSB_HELD_RECORD_BYTES {
            return Err(corrupt(msg::detail_xlsb_long(typ, MAX_XLSB_HELD_RECORD_BYTES)).into());
        }
        let mut body = vec![0u8; len];
        self.r.read_exact(&mut body).map_err(io_error)?;
        for (to, from) in buf.head.iter_mut().zip(&body) {
            *to = *from;
        }
        buf.len = buf.len.max(len);
        Ok(body)
    }

    /// `next_skip_blocks`: records up to one of type `record_type`, skipping the blocks from a
    /// `bounds` start to its end.
    fn skip_to(&mut self, record_type: u16, bounds: &[(u16, u16)], buf: &mut Buf) -> Step<()> {
        loop {
            let typ = self.typ()?;
            self.fill(buf)?;
            if typ == record_type {
                return Ok(());
            }
            if let Some(&(_, end)) = bounds.iter().find(|b| b.0 == typ) {
                while self.typ()? != end {
                    self.fill(buf)?;
                }
                self.fill(buf)?;
            }
        }
    }
}

/// `read_shared_strings`: the strings calamine holds.
fn shared_strings(
    zip: &mut Archive<'_>,
    cache: &HashMap<String, String>,
    budget: &mut u64,
) -> Step<u64> {
    // A part calamine cannot open gives no strings, and no error.
    let Some(mut records) = part(zip, cache, "xl/sharedStrings.bin", budget) else {
        return Ok(0);
    };
    let mut buf = Buf::default();
    records.skip_to(0x009F, &[], &mut buf)?; // BrtBeginSst
    buf.need(0x009F, 8)?;
    let count = buf.u32(4).unwrap_or(0);
    for _ in 0..count {
        records.skip_to(0x0013, &[(0x0023, 0x0024)], &mut buf)?; // BrtSSTItem
        if !buf.wide_str(1)? {
            return Err(Halt::CalamineFails);
        }
    }
    Ok(u64::from(count))
}

/// `read_styles`.
fn styles(zip: &mut Archive<'_>, cache: &HashMap<String, String>, budget: &mut u64) -> Step<()> {
    let Some(mut records) = part(zip, cache, "xl/styles.bin", budget) else {
        return Ok(());
    };
    let mut buf = Buf::default();
    loop {
        match records.typ()? {
            0x0267 => {
                // BrtBeginFmts, then its BrtFmt records.
                records.fill(&mut buf)?;
                buf.need(0x0267, 4)?;
                for _ in 0..buf.u32(0).unwrap_or(0) {
                    records.skip_to(0x002C, &[], &mut buf)?;
                    buf.need(0x002C, 2)?;
                    if !buf.wide_str(2)? {
                        return Err(Halt::CalamineFails);
                    }
                }
            }
            0x0269 => {
                // BrtBeginCellXFs, then its BrtXF records; calamine stops there.
                records.fill(&mut buf)?;
                buf.need(0x0269, 4)?;
                for _ in 0..buf.u32(0).unwrap_or(0) {
                    records.skip_to(0x002F, &[], &mut buf)?;
                    buf.need(0x002F, 4)?;
                }
                return Ok(());
            }
            // calamine reads the type alone: the length and body come as the next types.
            _ => {}
        }
        buf.clear();
    }
}

/// `read_relationships`: `Id` → `Target` of `xl/_rels/workbook.bin.rels`.
fn relationships(zip: &mut Archive<'_>, budget: &mut u64) -> Step<HashMap<String, String>> {
    let mut relationships = HashMap::new();
    // calamine names this part as it is, not through its path cache.
    let file = match zip.by_name("xl/_rels/workbook.bin.rels") {
        Ok(file) => file,
        Err(ZipError::FileNotFound) => return Ok(relationships),
        Err(_) => return Err(Halt::CalamineFails),
    };
    let mut counted = Counted::new(file, *budget);
    let result = parse_relationships(&mut counted, &mut relationships);
    *budget = counted.left();
    result.map(|()| relationships)
}

fn parse_relationships<R: Read>(r: R, relationships: &mut HashMap<String, String>) -> Step<()> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(r));
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut buf = Vec::with_capacity(64);
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.name() == QName("Relationship") => {
                // calamine's `get_attrs!`: stops at a malformed attribute or once both are
                // found (a repeated one counts again).
                let (mut id, mut target, mut found) = (None, None, 0u8);
                for item in RawAttrs::new(e.attributes_raw()) {
                    let Some((k, v)) = item else {
                        return Err(Halt::CalamineFails);
                    };
                    match k {
                        "Id" => {
                            id = Some(v);
                            found += 1;
                        }
                        "Target" => {
                            target = Some(v);
                            found += 1;
                        }
                        _ => {}
                    }
                    if found == 2 {
                        break;
                    }
                }
                if let (Some(id), Some(target)) = (id, target) {
                    let Ok(target) = quick_xml::escape::unescape(target) else {
                        return Err(Halt::CalamineFails);
                    };
                    relationships.insert(id.to_string(), target.into_owned());
                }
            }
            Ok(Event::Eof) => return Ok(()),
            Err(e) => {
                return Err(match crate::read::limits::hit(&e) {
                    Some(limit) => Halt::Refused(limit),
                    None => Halt::CalamineFails,
                })
            }
            _ => {}
        }
        buf.clear();
    }
}

/// calamine's `attrs::RawAttrIter`: `(key, value)` of each attribute, `None` for a malformed
/// one (after which it ends).
struct RawAttrs<'a> {
    raw: &'a str,
    pos: usize,
}

impl<'a> RawAttrs<'a> {
    fn new(raw: &'a str) -> RawAttrs<'a> {
        RawAttrs { raw, pos: 0 }
    }
}

impl<'a> Iterator for RawAttrs<'a> {
    type Item = Option<(&'a str, &'a str)>;

    fn next(&mut self) -> Option<Self::Item> {
        let raw = self.raw;
        let bytes = raw.as_bytes();
        let len = bytes.len();
        let at = |pos: usize| bytes.get(pos).copied();
        let mut pos = self.pos;
        while at(pos).is_some_and(|b| b.is_ascii_whitespace()) {
            pos += 1;
        }
        if pos >= len {
            self.pos = pos;
            return None;
        }
        let key_start = pos;
        while at(pos).is_some_and(|b| b != b'=') {
            pos += 1;
        }
        if pos >= len {
            self.pos = len;
            return Some(None);
        }
        let Some(key) = raw.get(key_start..pos).map(str::trim_ascii_end) else {
            self.pos = len;
            return Some(None);
        };
        pos += 1;
        while at(pos).is_some_and(|b| b.is_ascii_whitespace()) {
            pos += 1;
        }
        let quote = at(pos);
        let Some(quote) = quote.filter(|q| *q == b'"' || *q == b'\'') else {
            self.pos = len;
            return Some(None);
        };
        pos += 1;
        let val_start = pos;
        while at(pos).is_some_and(|b| b != quote) {
            pos += 1;
        }
        let Some(val) = raw.get(val_start..pos) else {
            self.pos = len;
            return Some(None);
        };
        if pos < len {
            pos += 1;
        }
        self.pos = pos;
        Some(Some((key, val)))
    }
}

/// `read_workbook`: its sheets (name, path).
fn workbook(
    zip: &mut Archive<'_>,
    cache: &HashMap<String, String>,
    relationships: &HashMap<String, String>,
    budget: &mut u64,
) -> Step<Vec<(String, String)>> {
    let Some(mut records) = part(zip, cache, "xl/workbook.bin", budget) else {
        return Err(Halt::CalamineFails);
    };
    let mut buf = Buf::default();
    let mut sheets = Vec::new();
    // The first loop clears its buffer after each record: a record is read alone.
    loop {
        match records.typ()? {
            0x0099 => {
                // BrtWbProp
                records.fill(&mut buf)?;
                buf.need(0x0099, 1)?;
            }
            0x009C => {
                // BrtBundleSh
                let body = records.fill_whole(0x009C, &mut buf)?;
                let Some(id_len) = u32_at(&body, 8) else {
                    return Err(corrupt(msg::detail_xlsb_short(0x009C, body.len())).into());
                };
                if id_len != u32::MAX {
                    // 2 * id_len + 12 may overflow calamine's 32-bit `usize` in the page; the
                    // record's length (under 2^28) refuses every such length here.
                    let end = usize::try_from(u64::from(id_len) * 2 + 12).unwrap_or(usize::MAX);
                    let Some(id) = body.get(12..end) else {
                        return Err(corrupt(msg::DETAIL_XLSB_SHEET_ID).into());
                    };
                    let id = UTF_16LE.decode(id).0;
                    let Some(target) = relationships.get(&*id) else {
                        return Err(corrupt(msg::detail_xlsb_sheet_link(&id)).into());
                    };
                    let path = format!("xl/{target}");
                    match wide_str(body.get(end..).unwrap_or_default())? {
                        Some((name, _)) => sheets.push((name, path)),
                        None => return Err(Halt::CalamineFails),
                    }
                }
            }
            0x0090 => {
                // BrtEndBundleShs; calamine leaves the loop before clearing.
                records.fill(&mut buf)?;
                break;
            }
            _ => {
                records.fill(&mut buf)?;
            }
        }
        buf.clear();
    }
    // The second loop never clears its buffer.
    let mut extern_sheets = 0usize;
    loop {
        match records.typ()? {
            0x016A => {
                // BrtExternSheet: `cxti` entries of 12 bytes from byte 4 of the buffer, stale
                // bytes included; each one calamine reads needs 8 bytes.
                records.fill(&mut buf)?;
                buf.need(0x016A, 4)?;
                let wanted = usize::try_from(buf.u32(0).unwrap_or(0)).unwrap_or(usize::MAX);
                let tail = buf.len - 4;
                let (full, part) = (tail / 12, tail % 12);
                let chunks = full + usize::from(part > 0);
                if wanted > full && part > 0 && part < 8 {
                    return Err(corrupt(msg::detail_xlsb_short(0x016A, buf.len)).into());
                }
                extern_sheets = wanted.min(chunks);
            }
            0x0027 => {
                // BrtName: its formula is parsed at once.
                let body = records.fill_whole(0x0027, &mut buf)?;
                match name_formula(&body)? {
                    Some(rgce) => formula(rgce, extern_sheets, 0)?,
                    None => return Err(Halt::CalamineFails),
                }
            }
            // The records calamine takes as the end of the defined names.
            0x009D | 0x0225 | 0x018D | 0x0180 | 0x009A | 0x0252 | 0x0229 | 0x009B | 0x0084 => {
                return Ok(sheets);
            }
            _ => {
                records.fill(&mut buf)?;
            }
        }
    }
}

/// A `BrtName`'s formula tokens as calamine slices them, `None` where it returns an error.
fn name_formula(record: &[u8]) -> Result<Option<&[u8]>, Error> {
    let Some((_, str_len)) = wide_str(record.get(9..).unwrap_or_default())? else {
        return Ok(None);
    };
    let start = 13 + str_len;
    let Some(len) = u32_at(record, 9 + str_len) else {
        return Ok(None);
    };
    let end = usize::try_from(len).ok().and_then(|l| start.checked_add(l));
    Ok(end.and_then(|end| record.get(start..end)))
}

/// Refuses the formula tokens calamine's `parse_formula` would panic on, given `sheets` extern
/// sheets: a token cut short, an extern sheet or function past its table, a row or name index
/// whose `+ 1`/`- 1` overflows, nesting past [`MAX_XLSB_FORMULA_DEPTH`]. Where calamine returns
/// an error (an unknown token), nothing further is read. The stack of operands is not followed:
/// it only decides calamine's errors, and looking further than calamine can only refuse.
fn formula(rgce: &[u8], sheets: usize, depth: usize) -> Result<(), Error> {
    let bad = || corrupt(msg::DETAIL_XLSB_FORMULA);
    let mut at = 0usize;
    while let Some(&ptg) = rgce.get(at) {
        let rest = rgce.get(at + 1..).unwrap_or_default();
        let need = |n: usize| if rest.len() >= n { Ok(n) } else { Err(bad()) };
        let sheet = || match u16_at(rest, 0) {
            Some(i) if usize::from(i) < sheets => Ok(()),
            _ => Err(bad()),
        };
        let no_overflow = |offsets: &[usize]| {
            if offsets
                .iter()
                .all(|&o| u32_at(rest, o).is_some_and(|v| v != u32::MAX))
            {
                Ok(())
            } else {
                Err(bad())
            }
        };
        let taken = match ptg {
            0x3A | 0x5A | 0x7A => {
                need(8)?;
                sheet()?;
                no_overflow(&[2])?;
                8
            }
            0x3B | 0x5B | 0x7B => {
                need(14)?;
                sheet()?;
                no_overflow(&[2, 6])?;
                14
            }
            0x3C | 0x5C | 0x7C => {
                need(8)?;
                sheet()?;
                8
            }
            0x3D | 0x5D | 0x7D => {
                need(14)?;
                sheet()?;
                14
            }
            0x01 => need(4)?,
            // Operators and parentheses: the stack only.
            0x03..=0x16 => 0,
            0x17 => {
                let chars = u16_at(rest, 0).ok_or_else(bad)?;
                need(2 + 2 * usize::from(chars))?
            }
            0x18 => match rest.first() {
                Some(0x19) => need(13)?,
                Some(0x1D) => need(5)?,
                Some(_) => return Ok(()),
                None => return Err(bad()),
            },
            0x19 => match rest.first() {
                Some(0x01 | 0x02 | 0x08 | 0x20 | 0x21 | 0x40 | 0x41 | 0x80 | 0x10) => need(3)?,
                Some(0x04) => need(11)?,
                Some(_) => return Ok(()),
                None => return Err(bad()),
            },
            0x1C => match rest.first() {
                Some(0x00 | 0x07 | 0x0F | 0x17 | 0x1D | 0x24 | 0x2A | 0x2B) => 1,
                Some(_) => return Ok(()),
                None => return Err(bad()),
            },
            0x1D => need(1)?,
            0x1E => need(2)?,
            0x1F => need(8)?,
            0x20 | 0x40 | 0x60 => need(14)?,
            0x22 | 0x42 | 0x62 => {
                // PtgFuncVar: its function index is not checked at all.
                need(3)?;
                if u16_at(rest, 1).is_none_or(|i| i >= FTAB_LEN) {
                    return Err(bad());
                }
                3
            }
            0x21 | 0x41 | 0x61 => {
                // PtgFunc: calamine refuses an index past the table, not one equal to its size.
                let i = u16_at(rest, 0).ok_or_else(bad)?;
                match i.cmp(&FTAB_LEN) {
                    std::cmp::Ordering::Less => 2,
                    std::cmp::Ordering::Equal => return Err(bad()),
                    std::cmp::Ordering::Greater => return Ok(()),
                }
            }
            0x23 | 0x43 | 0x63 => {
                // PtgName: a one-based index; 0 underflows.
                if u32_at(rest, 0).is_none_or(|i| i == 0) {
                    return Err(bad());
                }
                4
            }
            0x24 | 0x44 | 0x64 => {
                need(6)?;
                no_overflow(&[0])?;
                6
            }
            0x25 | 0x45 | 0x65 => {
                need(12)?;
                no_overflow(&[0, 4])?;
                12
            }
            0x2A | 0x4A | 0x6A | 0x39 | 0x59 | 0x79 => need(6)?,
            0x2B | 0x4B | 0x6B => need(12)?,
            0x29 | 0x49 | 0x69 => {
                // PtgMemFunc: a nested formula, parsed by recursion.
                let len = usize::from(u16_at(rest, 0).ok_or_else(bad)?);
                let inner = rest.get(2..2 + len).ok_or_else(bad)?;
                if depth >= MAX_XLSB_FORMULA_DEPTH {
                    return Err(bad());
                }
                formula(inner, sheets, depth + 1)?;
                2 + len
            }
            _ => return Ok(()),
        };
        at += 1 + taken;
    }
    Ok(())
}

/// `XlsbCellsReader::new` then `next_cell` to the end of the sheet's data, given `strings`
/// shared strings.
fn cells<R: Read>(records: &mut Records<R>, strings: u64) -> Step<()> {
    let mut buf = Buf::default();
    records.skip_to(0x0094, &[], &mut buf)?; // BrtWsDim
    buf.need(0x0094, 16)?;
    records.skip_to(
        0x0091, // BrtBeginSheetData
        &[(0x0085, 0x0086), (0x0025, 0x0026), (0x0186, 0x0187)],
        &mut buf,
    )?;
    let mut row = 0u32;
    loop {
        let typ = records.typ()?;
        records.fill(&mut buf)?;
        match typ {
            0x0002 => {
                // BrtCellRk: calamine clears the low bits of byte 8 in its buffer.
                buf.need(typ, 12)?;
                if let Some(b) = buf.head.get_mut(8) {
                    *b &= 0xFC;
                }
            }
            0x0003 => {
                // BrtCellError: an unknown code is calamine's error.
                buf.need(typ, 9)?;
                let known = [0x00, 0x07, 0x0F, 0x17, 0x1D, 0x24, 0x2A, 0x2B];
                if !buf.head.get(8).is_some_and(|c| known.contains(c)) {
                    return Err(Halt::CalamineFails);
                }
            }
            0x0004 | 0x000A => buf.need(typ, 9)?,
            0x0005 | 0x0009 => buf.need(typ, 16)?,
            0x0006 | 0x0008 => {
                buf.need(typ, 8)?;
                if !buf.wide_str(8)? {
                    return Err(Halt::CalamineFails);
                }
            }
            0x0007 => {
                // BrtCellIsst: its index, stale bytes included, into calamine's strings.
                buf.need(typ, 12)?;
                let index = buf.u32(8).unwrap_or(u32::MAX);
                if u64::from(index) >= strings {
                    let column = buf.u32(0).unwrap_or(0);
                    return Err(corrupt(msg::detail_xlsb_shared_string(
                        row, column, index, strings,
                    ))
                    .into());
                }
            }
            0x0000 => {
                // BrtRowHdr: past this row calamine ends the sheet.
                buf.need(typ, 4)?;
                row = buf.u32(0).unwrap_or(0);
                if row > 0x0010_0000 {
                    return Ok(());
                }
            }
            0x0092 => return Ok(()), // BrtEndSheetData
            _ => {}
        }
    }
}
