//! The sizes we refuse before doing any real work, so that a hostile or absurd file gives an
//! [`Error::TooLarge`](crate::Error::TooLarge) instead of exhausting the page's memory.
//!
//! A real directory has a few hundred rows and about twenty columns; the limits leave two
//! orders of magnitude of room above that.

use std::io::Read;

use crate::error::{Error, SizeUnit};

/// Total uncompressed size a workbook's zip may declare (xlsx, ods), in bytes.
pub const MAX_UNZIPPED_BYTES: u64 = 200 * 1024 * 1024;
/// Entries a workbook's zip may hold (a real xlsx has a few dozen).
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// Size of a CSV file we accept, in bytes.
pub const MAX_CSV_BYTES: u64 = 200 * 1024 * 1024;
/// Data rows (rows holding at least one value) a sheet may hold.
pub const MAX_ROWS: usize = 1_000_000;
/// Columns read from the left; cells further right are ignored (a stray cell at XFD1048576
/// must not make us allocate the whole sheet).
pub const MAX_COLUMNS: usize = 200;
/// Dense cells an `.xls` or `.ods` workbook may expand to: their readers allocate every sheet's
/// bounding box at once, so a stray cell at IV65536 costs 16 million cells (half a gigabyte).
pub const MAX_DENSE_CELLS: u64 = 4_000_000;
/// Cells holding a value a sheet may hold, whatever their layout: memory follows the cells, not
/// the rows (a CSV of one-character cells holds 50 million of them in 100 MB). A directory of
/// 100,000 members in 20 columns holds 2 million.
pub const MAX_CELLS: u64 = 4_000_000;
/// Text the cells of a sheet may hold once read, in bytes: a shared string or a repeated cell is
/// counted once per cell that shows it, since every later stage may copy it per cell.
pub const MAX_TEXT_BYTES: u64 = 200 * 1024 * 1024;
/// Text one cell may hold, in bytes: Excel stops at 32,767 characters, and an OpenDocument
/// cell's `text:s` may ask for a billion spaces.
pub const MAX_CELL_TEXT_BYTES: usize = 256 * 1024;
/// Cells of an `.xlsx` that calamine refuses and [`super::repair`] rewrites, each reported:
/// past this many, the file is not a directory someone keeps by hand.
pub const MAX_UNREADABLE_CELLS: usize = 10_000;
/// XML one cell may take when [`super::repair`] holds it to decide whether calamine reads it
/// (Excel's longest cell, 32,767 characters, with rich-text runs, takes far less).
pub const MAX_CELL_XML_BYTES: usize = 4 * MAX_CELL_TEXT_BYTES;
/// An `.xlsb` record [`super::xlsb`] holds whole (a sheet's entry in `workbook.bin`, a defined
/// name), in bytes: a sheet entry takes under 200 bytes, and Excel caps a formula's parsed form
/// at 16,384 bytes.
pub const MAX_XLSB_HELD_RECORD_BYTES: usize = 64 * 1024;
/// Nesting of `PtgMemFunc` tokens in an `.xlsb` defined name: calamine's formula parser
/// recurses once per level (a deep one overflows the page's 1 MiB stack); Excel nests at most 64
/// levels of functions.
pub const MAX_XLSB_FORMULA_DEPTH: usize = 64;
/// Rows among which the header row is looked for (the first rows holding any value).
pub const HEADER_SCAN_ROWS: usize = 30;
/// Blank rows kept between two data rows; a longer run of blank rows is collapsed (its rows
/// carry no data and would only fill the report with `row.blank` notices).
pub const MAX_BLANK_RUN: u32 = 1_000;

/// `Err(TooLarge)` when `size` exceeds `limit`.
pub fn ensure(size: u64, limit: u64, unit: SizeUnit) -> Result<(), Error> {
    if size > limit {
        Err(Error::TooLarge { size, limit, unit })
    } else {
        Ok(())
    }
}

/// Inflated bytes, counted as they are read: past the limit, reading fails, whatever the zip
/// declared. One budget may be shared by several parts ([`Counted::left`]).
pub struct Counted<R> {
    inner: R,
    left: u64,
}

impl<R> Counted<R> {
    /// Reads `inner`, failing once more than `left` bytes came out of it.
    pub fn new(inner: R, left: u64) -> Counted<R> {
        Counted { inner, left }
    }

    /// What is left of the budget.
    pub fn left(&self) -> u64 {
        self.left
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.left = self.left.checked_sub(n as u64).ok_or_else(|| {
            std::io::Error::other(Error::TooLarge {
                size: MAX_UNZIPPED_BYTES + 1,
                limit: MAX_UNZIPPED_BYTES,
                unit: SizeUnit::Bytes,
            })
        })?;
        Ok(n)
    }
}

/// The limit a parse stopped on inside a [`Counted`] reader, if that is why it stopped (it then
/// comes back as the limit, not as broken XML).
pub fn hit(e: &quick_xml::Error) -> Option<Error> {
    if let quick_xml::Error::Io(io) = e {
        return io
            .get_ref()
            .and_then(|i| i.downcast_ref::<Error>())
            .cloned();
    }
    None
}
