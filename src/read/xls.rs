//! `.xls` workbooks, checked before calamine reads them, and handed to it in a container of our
//! own.
//!
//! calamine parses every sheet of an `.xls` when the workbook is opened, so a bound has to hold
//! before it starts. Rather than guess from a second reading what it will do, we give it a
//! stream we walked record by record exactly as it walks them (the same record framing, the
//! same `CONTINUE` joining, each sheet from its `BoundSheet8` offset to its `EOF`), in a
//! compound file we wrote (see [`cfb::single_stream`]): it never follows a chain of the
//! original file, and what we counted is what it reads.
//!
//! While walking we:
//! - refuse a `FilePass` record (an encrypted workbook) before calamine sees garbage;
//! - count the cells each sheet really holds and the bounding box calamine will allocate, and
//!   the text its cells will expand to (a shared string is copied into every cell that names
//!   it);
//! - neutralise `DIMENSIONS` records: calamine reserves the declared rows × columns up front,
//!   and writers declare sizes their cells never reach;
//! - neutralise what only serves formulas, which a check never reads: `Lbl` (defined names)
//!   and `ExternSheet` records, and every `FORMULA`'s tokens (their length is set to 0, the
//!   cached value stays). calamine's formula and name parsers index their tokens without
//!   checking, and a panic is no refusal in the page (the worker traps); rather than check
//!   each token as it would read it, we give it none;
//! - refuse records shorter than calamine indexes without checking, and a `MulRk` whose
//!   columns calamine's arithmetic would overflow on.

use crate::error::{Error, SizeUnit};
use crate::read::cfb::{self, Cfb};
use crate::read::limits::{self, MAX_CELLS, MAX_DENSE_CELLS, MAX_TEXT_BYTES};
use crate::text::read as msg;

/// The record types this module reads.
mod record {
    pub const FORMULA: u16 = 0x0006;
    pub const EOF: u16 = 0x000A;
    pub const EXTERN_SHEET: u16 = 0x0017;
    pub const LBL: u16 = 0x0018;
    pub const FILE_PASS: u16 = 0x002F;
    pub const CODE_PAGE: u16 = 0x0042;
    pub const CONTINUE: u16 = 0x003C;
    pub const BOUND_SHEET: u16 = 0x0085;
    pub const MUL_RK: u16 = 0x00BD;
    pub const RSTRING: u16 = 0x00D6;
    pub const MERGE_CELLS: u16 = 0x00E5;
    pub const SST: u16 = 0x00FC;
    pub const LABEL_SST: u16 = 0x00FD;
    pub const DIMENSIONS: u16 = 0x0200;
    pub const NUMBER: u16 = 0x0203;
    pub const LABEL: u16 = 0x0204;
    pub const BOOL_ERR: u16 = 0x0205;
    pub const STRING: u16 = 0x0207;
    pub const RK: u16 = 0x027E;
    pub const BOF: u16 = 0x0809;
    /// What a neutralised record becomes: a type no reader gives a meaning to.
    pub const IGNORED: u16 = 0x0000;
}

/// The code page given to a workbook that declares one no reader knows (Quattro Pro writes 8):
/// Windows Latin 1, what such French files are written in.
const FALLBACK_CODE_PAGE: u16 = 1252;

/// Upper bound of the UTF-8 bytes one character of an `.xls` string decodes to.
const UTF8_PER_CHAR: u64 = 3;
/// Where a `FORMULA` record's token length (`cce`) sits, after its cell, value and flags.
const FORMULA_CCE_AT: usize = 20;
/// Upper bound of the text calamine keeps for a formula without tokens: its message for an
/// unreadable formula, « Unrecognised formula for cell (ROW, COL): InvalidFormula { stack_size:
/// 0 } », at most 79 bytes.
const FORMULA_TEXT: u64 = 128;

/// What the walk found.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Census {
    /// Cells calamine will create, over every sheet.
    pub cells: u64,
    /// Cells of the dense ranges it will allocate (each sheet's values and formulas).
    pub dense: u64,
    /// Upper bound of the text those cells hold, in bytes.
    pub text: u64,
}

/// The `.xls` in `bytes` rewritten for calamine: the workbook stream alone, checked, with its
/// `DIMENSIONS` neutralised, in a container of our own.
///
/// # Errors
/// [`Error::Corrupt`] for a container or a stream calamine would misread, [`Error::Encrypted`],
/// [`Error::Unsupported`] for an Office file that holds no workbook, [`Error::TooLarge`].
pub fn prepare(bytes: &[u8]) -> Result<Vec<u8>, Error> {
    let Some(cfb) = Cfb::parse(bytes) else {
        return Err(corrupt(msg::DETAIL_OLE));
    };
    // An encrypted OOXML workbook is a compound file holding the encrypted package.
    if cfb.has("EncryptedPackage") || cfb.has("EncryptionInfo") {
        return Err(Error::Encrypted);
    }
    const NAMES: [&str; 2] = ["Workbook", "Book"];
    let Some((name, stream)) = cfb.stream(&NAMES) else {
        if cfb.has_stream(&NAMES) {
            return Err(corrupt(msg::DETAIL_OLE));
        }
        // A workbook may embed a Word document; only a file without a workbook stream is one.
        if cfb.has("WordDocument") {
            return Err(Error::Unsupported {
                what: Some(msg::WHAT_WORD.into()),
            });
        }
        if cfb.has("PowerPoint Document") {
            return Err(Error::Unsupported {
                what: Some(msg::WHAT_POWERPOINT.into()),
            });
        }
        return Err(Error::Unsupported {
            what: Some(msg::WHAT_OLE_OTHER.into()),
        });
    };
    hand_over(&name, stream)
}

/// The stream walked (see [`walk`]) and, once what it holds is within the limits, in a
/// container of our own under `name`.
fn hand_over(name: &str, mut stream: Vec<u8>) -> Result<Vec<u8>, Error> {
    let census = walk(&mut stream)?;
    limits::ensure(census.cells, MAX_CELLS, SizeUnit::Cells)?;
    limits::ensure(census.dense, MAX_DENSE_CELLS, SizeUnit::Cells)?;
    limits::ensure(census.text, MAX_TEXT_BYTES, SizeUnit::Text)?;
    cfb::single_stream(name, &stream).ok_or(Error::TooLarge {
        size: stream.len() as u64,
        limit: limits::MAX_UNZIPPED_BYTES,
        unit: SizeUnit::Bytes,
    })
}

/// A stream of BIFF records saved on its own, without a compound file (very old writers, or a
/// stream extracted by a tool), when its first record is a BIFF5–8 `BOF`: rewritten as
/// [`prepare`] does. `None` for anything else.
pub fn prepare_bare(bytes: &[u8]) -> Option<Result<Vec<u8>, Error>> {
    if u16_at(bytes, 0)? != record::BOF {
        return None;
    }
    Some(hand_over("Workbook", bytes.to_vec()))
}

/// Whether the bytes start like an Excel 2.x–4.0 worksheet or workbook (BIFF2–4 `BOF`), a
/// format calamine does not read.
pub fn is_biff2_to_4(bytes: &[u8]) -> bool {
    let (Some(typ), Some(len)) = (u16_at(bytes, 0), u16_at(bytes, 2)) else {
        return false;
    };
    matches!(typ, 0x0009 | 0x0209 | 0x0409) && (4..=16).contains(&len)
}

fn corrupt(detail: &str) -> Error {
    Error::Corrupt {
        detail: detail.into(),
    }
}

/// The little-endian `u16` at `at`, if `b` holds it.
pub(super) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

/// The little-endian `u32` at `at`, if `b` holds it.
pub(super) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// One record as calamine frames it: its type, where its data starts in the stream, its data,
/// and the data of the `CONTINUE` records that follow it.
struct Record<'a> {
    typ: u16,
    at: usize,
    data: &'a [u8],
    cont: Vec<&'a [u8]>,
}

/// calamine's record iterator, step for step: a `CONTINUE` is joined to the record before it
/// when more than 4 bytes follow; a record longer than what is left is an error.
struct Records<'a> {
    stream: &'a [u8],
    at: usize,
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<Record<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.stream.get(self.at..)?;
        if rest.is_empty() {
            return None;
        }
        let (Some(typ), Some(len)) = (u16_at(rest, 0), u16_at(rest, 2)) else {
            self.at = self.stream.len();
            return Some(Err(corrupt(msg::DETAIL_XLS)));
        };
        let len = usize::from(len);
        let Some(data) = rest.get(4..4 + len) else {
            self.at = self.stream.len();
            return Some(Err(corrupt(msg::DETAIL_XLS)));
        };
        let at = self.at + 4;
        self.at += 4 + len;
        let mut cont = Vec::new();
        while self.stream.len() > self.at + 4
            && u16_at(self.stream, self.at) == Some(record::CONTINUE)
        {
            let len = usize::from(u16_at(self.stream, self.at + 2).unwrap_or(0));
            let Some(c) = self.stream.get(self.at + 4..self.at + 4 + len) else {
                self.at = self.stream.len();
                return Some(Err(corrupt(msg::DETAIL_XLS)));
            };
            cont.push(c);
            self.at += 4 + len;
        }
        Some(Ok(Record {
            typ,
            at,
            data,
            cont,
        }))
    }
}

/// The length in characters of every string of an `SST` record, read as calamine reads them.
fn sst_lengths(r: &Record<'_>) -> Result<Vec<u64>, Error> {
    let bad = || corrupt(msg::DETAIL_XLS);
    let mut parts = std::iter::once(r.data).chain(r.cont.iter().copied());
    let mut data = parts.next().unwrap_or(&[]).get(8..).ok_or_else(bad)?;
    let mut lengths = Vec::new();
    // Skips `n` bytes across record boundaries.
    fn skip<'a>(
        data: &mut &'a [u8],
        parts: &mut impl Iterator<Item = &'a [u8]>,
        mut n: usize,
    ) -> bool {
        while n > 0 {
            if data.is_empty() {
                match parts.next() {
                    Some(next) => *data = next,
                    None => return false,
                }
            }
            let step = n.min(data.len());
            *data = data.get(step..).unwrap_or(&[]);
            n -= step;
        }
        true
    }
    loop {
        // calamine moves to the next `CONTINUE` when the data ends, then reads a string from
        // it: an empty one gives an empty string, which takes an index.
        if data.is_empty() {
            match parts.next() {
                Some(next) => data = next,
                None => break,
            }
            if data.is_empty() {
                lengths.push(0);
                continue;
            }
        }
        let (Some(cch), Some(&flags)) = (u16_at(data, 0), data.get(2)) else {
            return Err(bad());
        };
        data = data.get(3..).unwrap_or(&[]);
        let mut runs = 0usize;
        if flags & 0x8 != 0 {
            runs = usize::from(u16_at(data, 0).ok_or_else(bad)?);
            data = data.get(2..).unwrap_or(&[]);
        }
        let mut ext = 0usize;
        if flags & 0x4 != 0 {
            ext = u32_at(data, 0).ok_or_else(bad)? as usize;
            data = data.get(4..).unwrap_or(&[]);
        }
        // The characters, one or two bytes each; a `CONTINUE` restarts with its own flag.
        let mut left = usize::from(cch);
        let mut wide = flags & 0x1 != 0;
        while left > 0 {
            let width = if wide { 2 } else { 1 };
            let here = (data.len() / width).min(left);
            data = data.get(here * width..).unwrap_or(&[]);
            left -= here;
            if left > 0 {
                let next = parts.next().ok_or_else(bad)?;
                let (&flag, rest) = next.split_first().ok_or_else(bad)?;
                wide = flag & 0x1 != 0;
                data = rest;
            }
        }
        if !skip(&mut data, &mut parts, runs * 4 + ext) {
            return Err(bad());
        }
        lengths.push(u64::from(cch));
    }
    Ok(lengths)
}

/// A sheet's cells and formulas as calamine collects them, for their dense bounding boxes.
#[derive(Default)]
struct Boxes {
    values: Option<(u32, u32, u32, u32)>,
    formulas: Option<(u32, u32, u32, u32)>,
}

fn grow(b: &mut Option<(u32, u32, u32, u32)>, row: u32, column: u32) {
    *b = Some(match *b {
        None => (row, row, column, column),
        Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(column), c1.max(column)),
    });
}

fn area(b: Option<(u32, u32, u32, u32)>) -> u64 {
    b.map_or(0, |(r0, r1, c0, c1)| {
        u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1)
    })
}

/// Two bytes of the stream to overwrite with `value` (little-endian) before calamine reads it.
struct Edit {
    at: usize,
    value: u16,
}

/// Walks the stream (see [`survey`]) and makes the edits it asks for; returns what calamine
/// will find in the edited stream.
///
/// A sheet's offset may point anywhere, even inside a record another walk framed differently,
/// so an edit made for one walk could change what another one reads: the edited stream is
/// walked again, and refused if it still asks for an edit.
fn walk(stream: &mut [u8]) -> Result<Census, Error> {
    let (_, edits) = survey(stream)?;
    apply(stream, &edits);
    let (census, edits) = survey(stream)?;
    if apply(stream, &edits) {
        return Err(corrupt(msg::DETAIL_XLS));
    }
    Ok(census)
}

/// Makes the edits; whether a byte changed.
fn apply(stream: &mut [u8], edits: &[Edit]) -> bool {
    let mut changed = false;
    for edit in edits {
        let value = edit.value.to_le_bytes();
        if let Some(bytes) = stream.get_mut(edit.at..edit.at + 2) {
            changed |= *bytes != value;
            bytes.copy_from_slice(&value);
        }
    }
    changed
}

/// Walks the workbook globals, then every sheet from its offset, as calamine does: what it will
/// find, and the edits that keep it from what it must not see (`DIMENSIONS`, formulas and names,
/// code pages it does not know).
fn survey(stream: &[u8]) -> Result<(Census, Vec<Edit>), Error> {
    let mut census = Census::default();
    let mut sheets: Vec<usize> = Vec::new();
    let mut strings: Vec<u64> = Vec::new();
    let mut edits: Vec<Edit> = Vec::new();
    let ignore = |edits: &mut Vec<Edit>, r: &Record<'_>| {
        edits.push(Edit {
            at: r.at - 4,
            value: record::IGNORED,
        });
    };
    for r in (Records { stream, at: 0 }) {
        let r = r?;
        // calamine indexes these without checking their length.
        let shortest = match r.typ {
            record::FILE_PASS | 0x0042 | 0x0022 | record::BOF => 2,
            0x00E0 => 4,
            record::BOUND_SHEET => 8,
            record::SST => 8,
            _ => 0,
        };
        if r.data.len() < shortest {
            return Err(corrupt(msg::DETAIL_XLS));
        }
        match r.typ {
            // Encrypted (or obfuscated) from here on: nothing after it reads as records.
            record::FILE_PASS => return Err(Error::Encrypted),
            record::BOUND_SHEET => {
                let pos = u32_at(r.data, 0).unwrap_or(u32::MAX) as usize;
                if pos >= stream.len() {
                    return Err(corrupt(msg::DETAIL_XLS));
                }
                sheets.push(pos);
            }
            record::SST => strings = sst_lengths(&r)?,
            record::LBL | record::EXTERN_SHEET => ignore(&mut edits, &r),
            record::CODE_PAGE => {
                let page = u16_at(r.data, 0).unwrap_or(0);
                if codepage::to_encoding(page).is_none() {
                    edits.push(Edit {
                        at: r.at,
                        value: FALLBACK_CODE_PAGE,
                    });
                }
            }
            record::EOF => break,
            _ => {}
        }
    }
    for pos in sheets {
        let mut boxes = Boxes::default();
        let mut formula_at = (0u32, 0u32);
        let mut seen_bof = false;
        let mut depth = 0usize;
        for r in (Records { stream, at: pos }) {
            let r = r?;
            if depth > 0 {
                match r.typ {
                    record::BOF => depth += 1,
                    record::EOF => depth -= 1,
                    _ => {}
                }
                continue;
            }
            let shortest = match r.typ {
                record::BOF => 2,
                record::MERGE_CELLS => 2,
                record::LABEL | record::RSTRING | record::BOOL_ERR => 8,
                record::MUL_RK => 6,
                record::LABEL_SST | record::RK => 10,
                record::NUMBER => 14,
                // calamine reads the token length after the 20 bytes it checks for.
                record::FORMULA => FORMULA_CCE_AT + 2,
                _ => 0,
            };
            if r.data.len() < shortest {
                return Err(corrupt(msg::DETAIL_XLS));
            }
            let row = u32::from(u16_at(r.data, 0).unwrap_or(0));
            let column = u32::from(u16_at(r.data, 2).unwrap_or(0));
            let mut cell = |census: &mut Census, row: u32, column: u32, text: u64| {
                census.cells += 1;
                census.text = census.text.saturating_add(text);
                grow(&mut boxes.values, row, column);
            };
            match r.typ {
                record::BOF if seen_bof => depth += 1,
                record::BOF => seen_bof = true,
                record::EOF => break,
                record::DIMENSIONS => ignore(&mut edits, &r),
                record::NUMBER | record::RK | record::BOOL_ERR => cell(&mut census, row, column, 0),
                record::LABEL | record::RSTRING => cell(
                    &mut census,
                    row,
                    column,
                    r.data.len() as u64 * UTF8_PER_CHAR,
                ),
                record::STRING => {
                    let text = (r.data.len() + r.cont.iter().map(|c| c.len()).sum::<usize>())
                        as u64
                        * UTF8_PER_CHAR;
                    cell(&mut census, formula_at.0, formula_at.1, text);
                }
                record::LABEL_SST => {
                    let index = u32_at(r.data, 6).unwrap_or(u32::MAX) as usize;
                    if let Some(&chars) = strings.get(index) {
                        cell(&mut census, row, column, chars * UTF8_PER_CHAR);
                    }
                }
                record::MUL_RK => {
                    // Row, first column, 6 bytes per value, last column: calamine computes
                    // the count in 16 bits, so a last column before the first (or a count of
                    // 65,536) overflows; it refuses a length that disagrees with the count.
                    let last = u16_at(r.data, r.data.len() - 2).unwrap_or(0);
                    let count = u32::from(last)
                        .checked_sub(column)
                        .map(|n| n + 1)
                        .filter(|&n| n < 0x1_0000 && r.data.len() == 6 + 6 * n as usize)
                        .ok_or_else(|| corrupt(msg::DETAIL_XLS))?;
                    for i in 0..count {
                        cell(&mut census, row, column + i, 0);
                    }
                }
                record::MERGE_CELLS => {
                    let n = usize::from(u16_at(r.data, 0).unwrap_or(0));
                    if 2 + 8 * n > r.data.len() {
                        return Err(corrupt(msg::DETAIL_XLS));
                    }
                }
                record::FORMULA => {
                    formula_at = (row, column);
                    edits.push(Edit {
                        at: r.at + FORMULA_CCE_AT,
                        value: 0,
                    });
                    census.cells += 2;
                    census.text = census.text.saturating_add(FORMULA_TEXT);
                    grow(&mut boxes.values, row, column);
                    grow(&mut boxes.formulas, row, column);
                }
                _ => {}
            }
        }
        census.dense = census
            .dense
            .saturating_add(area(boxes.values))
            .saturating_add(area(boxes.formulas));
    }
    Ok((census, edits))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut out = typ.to_le_bytes().to_vec();
        out.extend_from_slice(&(data.len() as u16).to_le_bytes());
        out.extend_from_slice(data);
        out
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend_from_slice(&col.to_le_bytes());
        d.extend_from_slice(&[0; 10]);
        rec(record::NUMBER, &d)
    }

    /// A BIFF8 stream: globals with one sheet, then the sheet's records.
    fn workbook(sheet: &[Vec<u8>], globals: &[Vec<u8>]) -> Vec<u8> {
        let bof = rec(record::BOF, &[0, 6, 5, 0, 0, 0, 0, 0]);
        let mut head: Vec<u8> = bof.clone();
        for g in globals {
            head.extend_from_slice(g);
        }
        let bound_len = 4 + 8 + 2;
        let eof = rec(record::EOF, &[]);
        let pos = (head.len() + bound_len + eof.len()) as u32;
        let mut bound = pos.to_le_bytes().to_vec();
        bound.extend_from_slice(&[0, 0, 1, 0, b'A', 0]);
        head.extend(rec(record::BOUND_SHEET, &bound));
        head.extend(eof.clone());
        head.extend(bof);
        for r in sheet {
            head.extend_from_slice(r);
        }
        head.extend(eof);
        head
    }

    #[test]
    fn dimensions_are_not_counted_and_are_neutralised() {
        // A 4-cell sheet declaring 65,536 × 256 cells.
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend_from_slice(&65_536u32.to_le_bytes());
        dims.extend_from_slice(&[0, 0, 0, 1, 0, 0]);
        let mut stream = workbook(
            &[
                rec(record::DIMENSIONS, &dims),
                number(0, 0),
                number(0, 1),
                number(1, 0),
                number(1, 1),
                // Formatted empty cells: BLANK (6 bytes) and MULBLANK.
                rec(0x0201, &[2, 0, 0, 0, 15, 0]),
                rec(0x00BE, &[3, 0, 0, 0, 15, 0, 15, 0, 1, 0]),
            ],
            &[],
        );
        let census = walk(&mut stream).expect("walks");
        assert_eq!(
            census,
            Census {
                cells: 4,
                dense: 4,
                text: 0
            }
        );
        let types = types(&stream);
        assert!(types.contains(&record::NUMBER));
        assert!(!types.contains(&record::DIMENSIONS), "{types:x?}");
    }

    #[test]
    fn file_pass_is_encrypted() {
        let mut stream = workbook(&[], &[rec(record::FILE_PASS, &[1, 0, 1, 0, 1, 0])]);
        assert_eq!(walk(&mut stream), Err(Error::Encrypted));
    }

    /// One long shared string named by many cells expands to its length times the cells.
    #[test]
    fn shared_strings_count_once_per_cell() {
        let mut sst = 2u32.to_le_bytes().to_vec();
        sst.extend_from_slice(&2u32.to_le_bytes());
        sst.extend_from_slice(&3u16.to_le_bytes());
        sst.push(0);
        sst.extend_from_slice(b"abc");
        sst.extend_from_slice(&1000u16.to_le_bytes());
        sst.push(0);
        sst.extend_from_slice(&[b'x'; 500]);
        // The rest of the long string in a CONTINUE, now two bytes a character.
        let mut cont = vec![1u8];
        cont.extend_from_slice(&[b'y', 0].repeat(500));
        let label = |row: u16, index: u32| {
            let mut d = row.to_le_bytes().to_vec();
            d.extend_from_slice(&[0, 0, 15, 0]);
            d.extend_from_slice(&index.to_le_bytes());
            rec(record::LABEL_SST, &d)
        };
        let mut sst_records = rec(record::SST, &sst);
        sst_records.extend(rec(record::CONTINUE, &cont));
        let cells: Vec<Vec<u8>> = (0..10)
            .map(|r| label(r, 1))
            .chain([label(10, 0), label(11, 7)])
            .collect();
        let mut stream = workbook(&cells, &[sst_records]);
        let census = walk(&mut stream).expect("walks");
        assert_eq!(census.cells, 11, "an index past the table makes no cell");
        assert_eq!(census.text, (10 * 1000 + 3) * UTF8_PER_CHAR);
    }

    #[test]
    fn short_records_are_refused() {
        let mut stream = workbook(&[rec(record::NUMBER, &[0, 0, 0])], &[]);
        assert!(matches!(walk(&mut stream), Err(Error::Corrupt { .. })));
        let mut stream = workbook(&[rec(record::LABEL_SST, &[0; 9])], &[]);
        assert!(matches!(walk(&mut stream), Err(Error::Corrupt { .. })));
        // A record running past the end of the stream.
        let mut stream = workbook(&[], &[]);
        stream.extend_from_slice(&[0x03, 0x02, 0xFF, 0x00, 1]);
        let mut truncated = stream.clone();
        truncated.truncate(stream.len() - 30);
        assert!(walk(&mut truncated).is_err());
    }

    fn types(stream: &[u8]) -> Vec<u16> {
        Records { stream, at: 0 }.flatten().map(|r| r.typ).collect()
    }

    fn formula(row: u16, col: u16, cce: u16, tokens: &[u8]) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend_from_slice(&col.to_le_bytes());
        d.extend_from_slice(&[15, 0]);
        d.extend_from_slice(&3.0f64.to_le_bytes());
        d.extend_from_slice(&[0; 6]); // flags, chn
        d.extend_from_slice(&cce.to_le_bytes());
        d.extend_from_slice(tokens);
        rec(record::FORMULA, &d)
    }

    /// calamine's formula parser indexes tokens without checking (a reference cut short, a
    /// token length past the record): it is given none, the cached value stays.
    #[test]
    fn formula_tokens_are_removed() {
        // A PtgRef3d cut after its first byte, and a length past the record.
        let mut stream = workbook(
            &[formula(0, 0, 1, &[0x3a]), formula(1, 0, 900, &[0x1e])],
            &[],
        );
        let census = walk(&mut stream).expect("walks");
        assert_eq!(census.cells, 4);
        assert_eq!(census.text, 2 * FORMULA_TEXT);
        let cces: Vec<u16> = Records {
            stream: &stream,
            at: 0,
        }
        .flatten()
        .filter(|r| r.typ == record::FORMULA)
        .map(|r| u16_at(r.data, FORMULA_CCE_AT).unwrap_or(u16::MAX))
        .collect();
        assert_eq!(cces, [0, 0]);
        // Without even a token length, calamine reads past the record.
        let short = rec(record::FORMULA, &[0; 20]);
        let mut stream = workbook(&[short], &[]);
        assert!(matches!(walk(&mut stream), Err(Error::Corrupt { .. })));
    }

    /// Defined names (`Lbl`) and `ExternSheet` only serve formulas; calamine's parsers of both
    /// index without checking.
    #[test]
    fn names_are_removed() {
        let lbl = rec(record::LBL, &[0, 0, 0, 1, 9, 0]);
        let extern_sheet = rec(record::EXTERN_SHEET, &[]);
        let mut stream = workbook(&[number(0, 0)], &[lbl, extern_sheet]);
        walk(&mut stream).expect("walks");
        let types = types(&stream);
        assert!(!types.contains(&record::LBL), "{types:x?}");
        assert!(!types.contains(&record::EXTERN_SHEET), "{types:x?}");
        assert!(types.contains(&record::NUMBER));
    }

    /// calamine counts a `MulRk`'s values in 16 bits from its first and last columns.
    #[test]
    fn mul_rk_columns_must_agree_with_the_length() {
        let mul_rk = |first: u16, values: usize, last: u16| {
            let mut d = 0u16.to_le_bytes().to_vec();
            d.extend_from_slice(&first.to_le_bytes());
            d.extend_from_slice(&[0; 6].repeat(values));
            d.extend_from_slice(&last.to_le_bytes());
            rec(record::MUL_RK, &d)
        };
        let mut stream = workbook(&[mul_rk(2, 2, 3)], &[]);
        let census = walk(&mut stream).expect("walks");
        assert_eq!((census.cells, census.dense), (2, 2));
        for bad in [mul_rk(5, 0, 4), mul_rk(0, 0, u16::MAX), mul_rk(2, 1, 3)] {
            let mut stream = workbook(&[bad], &[]);
            assert!(matches!(walk(&mut stream), Err(Error::Corrupt { .. })));
        }
    }

    /// An empty `CONTINUE` inside the string table is an empty string to calamine: it takes an
    /// index, and the strings after it are named by the next ones.
    #[test]
    fn an_empty_continue_is_an_empty_shared_string() {
        let mut sst = 3u32.to_le_bytes().to_vec();
        sst.extend_from_slice(&3u32.to_le_bytes());
        sst.extend_from_slice(&[1, 0, 0, b'a']);
        let mut long = 1000u16.to_le_bytes().to_vec();
        long.push(0);
        long.extend_from_slice(&[b'x'; 1000]);
        let mut globals = rec(record::SST, &sst);
        globals.extend(rec(record::CONTINUE, &[]));
        globals.extend(rec(record::CONTINUE, &long));
        let label = |row: u16| {
            let mut d = row.to_le_bytes().to_vec();
            d.extend_from_slice(&[0, 0, 15, 0]);
            d.extend_from_slice(&2u32.to_le_bytes());
            rec(record::LABEL_SST, &d)
        };
        let cells: Vec<Vec<u8>> = (0..10).map(label).collect();
        let mut stream = workbook(&cells, &[globals]);
        let census = walk(&mut stream).expect("walks");
        assert_eq!(census.cells, 10);
        assert_eq!(census.text, 10 * 1000 * UTF8_PER_CHAR);
    }

    /// A sheet whose offset points inside another sheet's records frames them otherwise: here
    /// neutralising the first sheet's `DIMENSIONS` turns the second sheet's view of the same
    /// bytes into a new `DIMENSIONS`. The edited stream is walked again, and refused.
    #[test]
    fn an_edit_that_changes_another_framing_is_refused() {
        let bof = rec(record::BOF, &[0, 6, 5, 0, 0, 0, 0, 0]);
        let bound = |pos: u32, name: u8| {
            let mut d = pos.to_le_bytes().to_vec();
            d.extend_from_slice(&[0, 0, 1, 0, name, 0]);
            rec(record::BOUND_SHEET, &d)
        };
        // Globals: 12 + 14 + 14 + 4 bytes; the first sheet's BOF at 44, its DIMENSIONS at 56.
        let mut stream = bof.clone();
        stream.extend(bound(44, b'A'));
        // The second sheet starts on the last two bytes of the first one's BOF: its first
        // record's length is the DIMENSIONS type (0x0200).
        stream.extend(bound(54, b'B'));
        stream.extend(rec(record::EOF, &[]));
        assert_eq!(stream.len(), 44);
        stream.extend(bof);
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend_from_slice(&0x0200_0000u32.to_le_bytes());
        dims.extend_from_slice(&[14, 0, 1, 0, 0, 0]);
        stream.extend(rec(record::DIMENSIONS, &dims));
        stream.extend(rec(record::EOF, &[]));
        stream.extend_from_slice(&[0; 6]);
        stream.extend(rec(record::EOF, &[]));
        // Zeros, read as empty records (the second sheet's first one ends at 570).
        stream.extend_from_slice(&[0; 602]);
        // Walked once, each framing is harmless but the first sheet's DIMENSIONS.
        let (_, edits) = survey(&stream).expect("surveys");
        assert_eq!(edits.len(), 1);
        assert!(matches!(walk(&mut stream), Err(Error::Corrupt { .. })));
    }

    #[test]
    fn biff2_to_4_are_recognised() {
        assert!(is_biff2_to_4(&[0x09, 0x04, 0x06, 0, 0, 0, 0x10, 0]));
        assert!(is_biff2_to_4(&[0x09, 0x00, 0x04, 0, 7, 0, 0x10, 0]));
        assert!(!is_biff2_to_4(&[0x09, 0x08, 0x10, 0]));
        assert!(!is_biff2_to_4(b"Nom;Prenom"));
    }
}
