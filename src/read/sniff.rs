//! What the bytes are, from their content alone (never the file name): magic numbers, the zip's
//! central directory, the OLE container's streams. The guards against hostile files live here
//! too, because they only need what a container declares — nothing is inflated.

use std::io::Cursor;

use crate::error::{Error, SizeUnit};
use crate::read::limits::{self, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES};
use crate::read::spreadsheet::Format;
use crate::read::{ods, xls};
use crate::text::read as msg;

/// What a file turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A workbook read from the bytes as they are.
    Workbook(Format),
    /// An `.xls`, rewritten for its reader by [`xls::prepare`].
    Xls(Vec<u8>),
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
    if xls::is_biff2_to_4(bytes) {
        return Err(other_spreadsheet(msg::WHAT_BIFF2_4));
    }
    if let Some(prepared) = xls::prepare_bare(bytes) {
        return prepared.map(Kind::Xls);
    }
    if let Some(what) = known_other(bytes) {
        return Err(
            if what == msg::WHAT_SPREADSHEETML || what == msg::WHAT_FODS {
                other_spreadsheet(what)
            } else {
                unsupported(what)
            },
        );
    }
    if looks_like_text(bytes) {
        limits::ensure(bytes.len() as u64, limits::MAX_CSV_BYTES, SizeUnit::Bytes)?;
        return Ok(Kind::Csv);
    }
    Err(Error::Unsupported { what: None })
}

fn other_spreadsheet(what: &str) -> Error {
    Error::OtherSpreadsheet {
        what: what.to_string(),
    }
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
    if lower.starts_with("<?xml") || lower.starts_with('<') {
        if lower.contains("urn:schemas-microsoft-com:office:spreadsheet") {
            return Some(msg::WHAT_SPREADSHEETML);
        }
        if lower.contains("office:document") {
            return Some(msg::WHAT_FODS);
        }
        if lower.starts_with("<?xml") {
            return Some(msg::WHAT_XML);
        }
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
    if let Some(format) = office_document(&mut archive) {
        return Ok(Kind::Workbook(format));
    }
    let has = |name: &str| archive.index_for_name(name).is_some();
    if has("content.xml") {
        if ods::is_spreadsheet(&mut archive) {
            return Ok(Kind::Workbook(Format::Ods));
        }
        return Err(unsupported(msg::WHAT_ODF_OTHER));
    }
    if has("Index/Document.iwa")
        || archive
            .file_names()
            .any(|n| n.is_ok_and(|n| n.ends_with(".iwa") || n.contains(".numbers/")))
    {
        return Err(other_spreadsheet(msg::WHAT_NUMBERS));
    }
    if has("word/document.xml") {
        return Err(unsupported(msg::WHAT_WORD));
    }
    if has("ppt/presentation.xml") {
        return Err(unsupported(msg::WHAT_POWERPOINT));
    }
    Err(unsupported(msg::WHAT_ARCHIVE))
}

/// An Office Open XML workbook, found as Excel finds it: the package relationship of type
/// `officeDocument`, wherever it points (`xl/workbook.xml` by default; some writers use other
/// paths), its part's content type telling `.xlsx`/`.xlsm` from `.xlsb`.
fn office_document(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Option<Format> {
    use std::io::Read;
    let mut read = |name: &str| -> Option<String> {
        let entry = archive.by_name(name).ok()?;
        let mut s = String::new();
        entry.take(1 << 20).read_to_string(&mut s).ok()?;
        Some(s)
    };
    let rels = read("_rels/.rels").unwrap_or_default();
    let types = read("[Content_Types].xml").unwrap_or_default();
    let target = rels
        .split("<Relationship")
        .find(|r| r.contains("/officeDocument\"") || r.contains("/officeDocument'"))
        .and_then(|r| r.split("Target=").nth(1))
        .and_then(|t| t.get(1..))
        .and_then(|t| t.split(['"', '\'']).next())
        .map(|t| t.trim_start_matches('/').to_ascii_lowercase());
    let binary = |t: &str| t.ends_with(".bin");
    match target {
        Some(t) if binary(&t) => Some(Format::Xlsb),
        Some(t)
            if types.contains("spreadsheetml")
                || t.ends_with(".xml")
                    && !types.contains("wordprocessingml")
                    && !types.contains("presentationml") =>
        {
            Some(Format::Xlsx)
        }
        _ => {
            if archive.index_for_name("xl/workbook.xml").is_some() {
                Some(Format::Xlsx)
            } else if archive.index_for_name("xl/workbook.bin").is_some() {
                Some(Format::Xlsb)
            } else {
                None
            }
        }
    }
}

fn ole(bytes: &[u8]) -> Result<Kind, Error> {
    xls::prepare(bytes).map(Kind::Xls)
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
