//! What the bytes are, from their content alone (never the file name): magic numbers, the zip's
//! central directory, the OLE container's streams. The guards against hostile files live here
//! too, because they only need what a container declares — nothing is inflated.

use std::io::Cursor;

use crate::error::{Error, SizeUnit};
use crate::read::cfb::{xls_dense_cells, Cfb};
use crate::read::limits::{self, MAX_DENSE_CELLS, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES};
use crate::read::ods_size::dense_cells;
use crate::read::spreadsheet::Format;
use crate::text::read as msg;

/// What a file turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A workbook calamine reads.
    Workbook(Format),
    /// Text, read as CSV.
    Csv,
}

/// Sniffs the format and refuses what we cannot or must not read.
///
/// # Errors
/// [`Error::Empty`], [`Error::Unsupported`], [`Error::Corrupt`], [`Error::Encrypted`],
/// [`Error::TooLarge`].
pub fn sniff(bytes: &[u8]) -> Result<Kind, Error> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return zip(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return ole(bytes);
    }
    if let Some(what) = known_other(bytes) {
        return Err(unsupported(what));
    }
    if looks_like_text(bytes) {
        limits::ensure(bytes.len() as u64, limits::MAX_CSV_BYTES, SizeUnit::Bytes)?;
        return Ok(Kind::Csv);
    }
    Err(Error::Unsupported { what: None })
}

fn unsupported(what: &str) -> Error {
    Error::Unsupported {
        what: Some(what.to_string()),
    }
}

fn known_other(bytes: &[u8]) -> Option<&'static str> {
    let head = bytes.get(..bytes.len().min(512)).unwrap_or(bytes);
    let lower = String::from_utf8_lossy(head)
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_lowercase();
    let magic: &[(&[u8], &str)] = &[
        (b"%PDF", msg::WHAT_PDF),
        (b"\x89PNG", msg::WHAT_IMAGE),
        (b"\xFF\xD8\xFF", msg::WHAT_IMAGE),
        (b"GIF8", msg::WHAT_IMAGE),
        (b"{\\rtf", msg::WHAT_RTF),
        (b"Rar!", msg::WHAT_ARCHIVE),
        (b"7z\xBC\xAF", msg::WHAT_ARCHIVE),
        (b"\x1F\x8B", msg::WHAT_ARCHIVE),
    ];
    if let Some((_, what)) = magic.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(what);
    }
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        return Some(msg::WHAT_HTML);
    }
    if lower.starts_with("<?xml") {
        return Some(msg::WHAT_XML);
    }
    None
}

/// Text we may read as CSV: no NUL byte (unless UTF-16 with its mark) and almost no control
/// characters in the first kilobytes.
fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let head = bytes.get(..bytes.len().min(8192)).unwrap_or(bytes);
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    !head.contains(&0) && control * 100 <= head.len()
}

fn zip(bytes: &[u8]) -> Result<Kind, Error> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| Error::Corrupt {
        detail: e.to_string(),
    })?;
    limits::ensure(
        archive.len() as u64,
        MAX_ZIP_ENTRIES as u64,
        SizeUnit::Entries,
    )?;
    let mut total = 0u64;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| Error::Corrupt {
            detail: e.to_string(),
        })?;
        total = total.saturating_add(entry.size());
    }
    limits::ensure(total, MAX_UNZIPPED_BYTES, SizeUnit::Bytes)?;
    let has = |name: &str| archive.index_for_name(name).is_some();
    if has("xl/workbook.xml") {
        return Ok(Kind::Workbook(Format::Xlsx));
    }
    if has("xl/workbook.bin") {
        return Ok(Kind::Workbook(Format::Xlsb));
    }
    if has("content.xml") {
        let mimetype = archive
            .by_name("mimetype")
            .ok()
            .and_then(|f| {
                use std::io::Read;
                let mut s = String::new();
                f.take(200).read_to_string(&mut s).ok().map(|_| s)
            })
            .unwrap_or_default();
        if mimetype.is_empty() || mimetype.contains("spreadsheet") {
            let content = archive.by_name("content.xml").map_err(|e| Error::Corrupt {
                detail: e.to_string(),
            })?;
            let cells = dense_cells(content).ok_or_else(|| Error::Corrupt {
                detail: msg::DETAIL_ODS.into(),
            })?;
            limits::ensure(cells, MAX_DENSE_CELLS, SizeUnit::Cells)?;
            return Ok(Kind::Workbook(Format::Ods));
        }
        return Err(unsupported(msg::WHAT_ODF_OTHER));
    }
    if has("word/document.xml") {
        return Err(unsupported(msg::WHAT_WORD));
    }
    if has("ppt/presentation.xml") {
        return Err(unsupported(msg::WHAT_POWERPOINT));
    }
    Err(unsupported(msg::WHAT_ARCHIVE))
}

fn ole(bytes: &[u8]) -> Result<Kind, Error> {
    let Some(cfb) = Cfb::parse(bytes) else {
        return Err(Error::Corrupt {
            detail: msg::DETAIL_OLE.into(),
        });
    };
    if cfb.has("EncryptedPackage") || cfb.has("EncryptionInfo") {
        return Err(Error::Encrypted);
    }
    if cfb.has("WordDocument") {
        return Err(unsupported(msg::WHAT_WORD));
    }
    if cfb.has("PowerPoint Document") {
        return Err(unsupported(msg::WHAT_POWERPOINT));
    }
    let Some(stream) = cfb.stream(&["Workbook", "Book"]) else {
        return Err(unsupported(msg::WHAT_OLE_OTHER));
    };
    let cells = xls_dense_cells(&stream).ok_or_else(|| Error::Corrupt {
        detail: msg::DETAIL_XLS.into(),
    })?;
    limits::ensure(cells, MAX_DENSE_CELLS, SizeUnit::Cells)?;
    Ok(Kind::Workbook(Format::Xls))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_blank_are_empty() {
        assert_eq!(sniff(b""), Err(Error::Empty));
        assert_eq!(sniff(b" \r\n\t"), Err(Error::Empty));
    }

    #[test]
    fn known_formats_are_named() {
        let what = |b: &[u8]| match sniff(b) {
            Err(Error::Unsupported { what }) => what,
            other => panic!("{other:?}"),
        };
        assert_eq!(what(b"%PDF-1.7\n...").as_deref(), Some(msg::WHAT_PDF));
        assert_eq!(
            what(b"\x89PNG\r\n\x1a\n\0\0").as_deref(),
            Some(msg::WHAT_IMAGE)
        );
        assert_eq!(what(b"<html><body>").as_deref(), Some(msg::WHAT_HTML));
        assert_eq!(what(&[0u8, 1, 2, 3, 0, 0, 0, 0xFF]), None);
    }

    #[test]
    fn text_is_csv_and_truncated_zip_is_corrupt() {
        assert_eq!(sniff("Nom;Prénom\nA;B\n".as_bytes()), Ok(Kind::Csv));
        assert!(matches!(
            sniff(b"PK\x03\x04\x14\0\0\0\x08\0"),
            Err(Error::Corrupt { .. })
        ));
        assert!(matches!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]),
            Err(Error::Corrupt { .. })
        ));
    }
}
