//! `.xlsb` workbooks made here, record by record, that try to reach one of calamine 0.38's
//! unchecked indexings past the walk of `src/read/xlsb.rs`: each is refused as damaged (never
//! the guard's « parser panic »), and the same workbook without the fault is read.

use std::io::{Cursor, Write};

use annuaire_cpts::text::read as msg;
use annuaire_cpts::{Error, Table};

use crate::common::{read, template_headers};

/// A record as calamine's `RecordIter` frames it: a 1–2-byte type, a 1–4-byte length.
fn record(typ: u16, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    if typ < 0x80 {
        out.push(typ as u8);
    } else {
        out.push((typ & 0x7F) as u8 | 0x80);
        out.push((typ >> 7) as u8);
    }
    let mut len = body.len();
    loop {
        let b = (len & 0x7F) as u8;
        len >>= 7;
        if len == 0 {
            out.push(b);
            break;
        }
        out.push(b | 0x80);
    }
    out.extend_from_slice(body);
    out
}

/// An `XLWideString`: a character count, then UTF-16LE.
fn wide(s: &str) -> Vec<u8> {
    let units: Vec<u16> = s.encode_utf16().collect();
    let mut out = (units.len() as u32).to_le_bytes().to_vec();
    for u in units {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

/// `BrtBundleSh`: visible worksheet, relationship `id`, `name`.
fn bundle_sheet(id: &str, name: &str) -> Vec<u8> {
    let mut body = 0u32.to_le_bytes().to_vec();
    body.extend_from_slice(&1u32.to_le_bytes());
    body.extend(wide(id));
    body.extend(wide(name));
    record(0x009C, &body)
}

/// `workbook.bin` holding `sheets` (`BrtBundleSh` records), then the end of the names.
fn workbook(sheets: &[Vec<u8>]) -> Vec<u8> {
    let mut out = record(0x0083, &[]); // BrtBeginBook
    out.extend(record(0x0099, &[0; 20])); // BrtWbProp
    out.extend(record(0x008F, &[])); // BrtBeginBundleShs
    for s in sheets {
        out.extend_from_slice(s);
    }
    out.extend(record(0x0090, &[])); // BrtEndBundleShs
    out.extend(record(0x009D, &[0; 20])); // BrtCalcProp: calamine's end of the names
    out.extend(record(0x0084, &[])); // BrtEndBook
    out
}

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.bin"/></Relationships>"#;

/// `sharedStrings.bin` declaring `unique` strings and holding `strings`.
fn shared_strings(unique: u32, strings: &[&str]) -> Vec<u8> {
    let mut begin = (strings.len() as u32).to_le_bytes().to_vec();
    begin.extend_from_slice(&unique.to_le_bytes());
    let mut out = record(0x009F, &begin);
    for s in strings {
        let mut item = vec![0u8];
        item.extend(wide(s));
        out.extend(record(0x0013, &item));
    }
    out.extend(record(0x00A0, &[])); // BrtEndSst
    out
}

/// A sheet part holding `cells` (already framed), after a `BrtWsDim` and before the end of
/// the sheet's data.
fn sheet(cells: &[Vec<u8>]) -> Vec<u8> {
    let mut out = record(0x0081, &[0; 3]); // BrtBeginSheet
    out.extend(record(0x0094, &[0; 16])); // BrtWsDim
    out.extend(record(0x0091, &[])); // BrtBeginSheetData
    for c in cells {
        out.extend_from_slice(c);
    }
    out.extend(record(0x0092, &[])); // BrtEndSheetData
    out.extend(record(0x0082, &[])); // BrtEndSheet
    out
}

/// `BrtRowHdr` of 0-based `row`.
fn row(row: u32) -> Vec<u8> {
    let mut body = row.to_le_bytes().to_vec();
    body.extend_from_slice(&[0; 13]);
    record(0x0000, &body)
}

/// `BrtCellIsst` at `column` naming shared string `index`.
fn isst(column: u32, index: u32) -> Vec<u8> {
    let mut body = column.to_le_bytes().to_vec();
    body.extend_from_slice(&[0; 4]);
    body.extend_from_slice(&index.to_le_bytes());
    record(0x0007, &body)
}

/// `BrtCellSt` at `column` holding `text`.
fn text(column: u32, text: &str) -> Vec<u8> {
    let mut body = column.to_le_bytes().to_vec();
    body.extend_from_slice(&[0; 4]);
    body.extend(wide(text));
    record(0x0006, &body)
}

/// A package of `workbook`, `rels`, `strings` (if any) and `sheet`.
fn xlsb(workbook: &[u8], rels: &str, strings: Option<&[u8]>, sheet: &[u8]) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    let mut put = |name: &str, data: &[u8]| {
        z.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(data).unwrap();
    };
    put(
        "[Content_Types].xml",
        br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>"#,
    );
    put(
        "_rels/.rels",
        br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>"#,
    );
    put("xl/workbook.bin", workbook);
    put("xl/_rels/workbook.bin.rels", rels.as_bytes());
    if let Some(strings) = strings {
        put("xl/sharedStrings.bin", strings);
    }
    put("xl/worksheets/sheet1.bin", sheet);
    z.finish().unwrap();
    out.into_inner()
}

/// The template's headers as shared strings 0.., a member's row as inline texts, and `extra`
/// records after them.
pub(crate) fn directory(unique: Option<u32>, extra: &[Vec<u8>]) -> Vec<u8> {
    let headers = template_headers();
    let titles: Vec<&str> = headers.iter().map(String::as_str).collect();
    let strings = shared_strings(unique.unwrap_or(titles.len() as u32), &titles);
    let mut cells = vec![row(0)];
    for i in 0..titles.len() as u32 {
        cells.push(isst(i, i));
    }
    cells.push(row(1));
    cells.push(text(0, "Martin"));
    cells.push(text(1, "Jeanne"));
    cells.extend_from_slice(extra);
    xlsb(
        &workbook(&[bundle_sheet("rId1", "Annuaire")]),
        RELS,
        Some(&strings),
        &sheet(&cells),
    )
}

/// Whether calamine alone, without the walk, panics opening `bytes` or reading any of its
/// sheets to the end: what makes a made file a real attempt (or a real control).
fn calamine_panics(bytes: &[u8]) -> bool {
    use calamine::{Reader, Xlsb};
    std::panic::catch_unwind(|| {
        let Ok(mut book) = Xlsb::new(Cursor::new(bytes)) else {
            return;
        };
        for name in book.sheet_names() {
            let Ok(mut cells) = book.worksheet_cells_reader(&name) else {
                continue;
            };
            while let Ok(Some(_)) = cells.next_cell() {}
        }
    })
    .is_err()
}

/// The detail of `bytes`'s refusal as damaged, where calamine alone panics.
fn refused_panic(bytes: &[u8]) -> String {
    assert!(calamine_panics(bytes), "calamine alone does not panic");
    refused(bytes)
}

/// `bytes` read (or refused for a reason other than damage), where calamine alone does not
/// panic either.
fn not_refused(bytes: &[u8]) {
    assert!(!calamine_panics(bytes), "calamine alone panics");
    let result = read(bytes);
    assert!(!matches!(result, Err(Error::Corrupt { .. })), "{result:?}");
}

fn refused(bytes: &[u8]) -> String {
    match read(bytes) {
        Err(Error::Corrupt { detail }) => {
            assert_ne!(detail, msg::PARSER_PANIC, "calamine panicked");
            detail
        }
        other => panic!("not refused as damaged: {other:?}"),
    }
}

fn members(table: &Table) -> Vec<String> {
    table
        .rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| c.text.to_string())
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect()
}

#[test]
fn a_made_xlsb_is_read() {
    assert!(!calamine_panics(&directory(None, &[])));
    let (table, _) = read(&directory(None, &[])).unwrap();
    assert_eq!(table.sheet, "Annuaire");
    assert_eq!(table.header_row, 1);
    assert_eq!(table.rows.len(), 1);
    assert!(
        members(&table)[0].starts_with("Martin|Jeanne"),
        "{:?}",
        members(&table)
    );
}

#[test]
fn a_sheet_whose_relationship_is_missing_is_refused() {
    let book = workbook(&[bundle_sheet("rId9", "Annuaire")]);
    let bytes = xlsb(&book, RELS, None, &sheet(&[]));
    assert_eq!(refused_panic(&bytes), msg::detail_xlsb_sheet_link("rId9"));
    // No relationships at all.
    let bytes = xlsb(&book, "<Relationships/>", None, &sheet(&[]));
    assert_eq!(refused_panic(&bytes), msg::detail_xlsb_sheet_link("rId9"));
}

#[test]
fn a_relationship_id_past_its_record_is_refused() {
    // The id's declared length (10 characters) runs past the record, which ends after 2.
    let mut body = 0u32.to_le_bytes().to_vec();
    body.extend_from_slice(&1u32.to_le_bytes());
    body.extend_from_slice(&10u32.to_le_bytes());
    body.extend_from_slice(&[b'r', 0, b'I', 0]);
    let bytes = xlsb(&workbook(&[record(0x009C, &body)]), RELS, None, &sheet(&[]));
    assert_eq!(refused_panic(&bytes), msg::DETAIL_XLSB_SHEET_ID);
    // A record too short to hold the id's length.
    let bytes = xlsb(
        &workbook(&[record(0x009C, &[0; 10])]),
        RELS,
        None,
        &sheet(&[]),
    );
    assert_eq!(refused_panic(&bytes), msg::detail_xlsb_short(0x009C, 10));
    // A length whose `2 * len + 12` wraps a 32-bit `usize` (the page's).
    let mut body = vec![0; 8];
    body.extend_from_slice(&0x8000_0002u32.to_le_bytes());
    body.extend_from_slice(&[0; 8]);
    let bytes = xlsb(&workbook(&[record(0x009C, &body)]), RELS, None, &sheet(&[]));
    assert_eq!(refused_panic(&bytes), msg::DETAIL_XLSB_SHEET_ID);
}

#[test]
fn shared_string_indices_are_checked_against_the_strings_calamine_holds() {
    let count = template_headers().len() as u32;
    // The last string is read; one past it is refused, with its cell.
    assert!(!calamine_panics(&directory(None, &[isst(2, count - 1)])));
    let (table, _) = read(&directory(None, &[isst(2, count - 1)])).unwrap();
    assert_eq!(table.rows.len(), 1);
    assert_eq!(
        refused_panic(&directory(None, &[isst(2, count)])),
        msg::detail_xlsb_shared_string(1, 2, count, u64::from(count))
    );
    // calamine holds as many strings as `BrtBeginSst` declares unique, not as many as the
    // part holds: one declared fewer makes the last one unreachable.
    assert_eq!(
        refused_panic(&directory(Some(count - 1), &[])),
        msg::detail_xlsb_shared_string(0, count - 1, count - 1, u64::from(count - 1))
    );
    // Declaring more than the part holds: calamine fails to open it itself (it reads past
    // the strings to the part's end), with its own error.
    let detail = refused(&directory(Some(count + 1), &[]));
    assert!(detail.starts_with("I/O error"), "{detail}");
    // No sharedStrings.bin: calamine holds no string, and any index is refused.
    let bytes = xlsb(
        &workbook(&[bundle_sheet("rId1", "Annuaire")]),
        RELS,
        None,
        &sheet(&[row(0), isst(0, 0)]),
    );
    assert_eq!(
        refused_panic(&bytes),
        msg::detail_xlsb_shared_string(0, 0, 0, 0)
    );
}

#[test]
fn a_short_record_is_read_with_the_stale_bytes_calamine_sees() {
    let count = template_headers().len() as u32;
    // A 4-byte `BrtCellIsst` after a long text cell: calamine reads its index from bytes 8..12
    // of its buffer, the text cell's length (1000 characters), not from the record.
    let long = "x".repeat(1000);
    let short = record(0x0007, &3u32.to_le_bytes());
    assert_eq!(
        refused_panic(&directory(None, &[text(3, &long), short.clone()])),
        msg::detail_xlsb_shared_string(1, 3, 1000, u64::from(count))
    );
    // After a text of 2 characters the stale index is 2, a string that exists: read.
    not_refused(&directory(None, &[text(3, "ab"), short.clone()]));
    let (table, _) = read(&directory(None, &[text(3, "ab"), short.clone()])).unwrap();
    assert_eq!(table.rows.len(), 1);
    // The same record in a sheet of its own: its buffer is never shorter than the 16 bytes of
    // the sheet's BrtWsDim, and its index comes from the row header before it (0).
    let bytes = xlsb(
        &workbook(&[bundle_sheet("rId1", "Annuaire")]),
        RELS,
        Some(&shared_strings(1, &["Nom"])),
        &[
            record(0x0094, &[0; 16]),
            record(0x0091, &[]),
            row(0),
            short,
            record(0x0092, &[]),
        ]
        .concat(),
    );
    not_refused(&bytes);
    // A BrtCellRk clears the low two bits of byte 8 in calamine's buffer: a short isst after
    // it reads the cleared byte (7 → 4, of 5 strings); after a text of 7 characters it reads 7.
    let five = shared_strings(5, &["a", "b", "c", "d", "e"]);
    let one_sheet = |cell: Vec<u8>| {
        let part = [
            record(0x0094, &[0; 16]),
            record(0x0091, &[]),
            row(0),
            cell,
            short_isst(),
            record(0x0092, &[]),
        ];
        xlsb(
            &workbook(&[bundle_sheet("rId1", "Annuaire")]),
            RELS,
            Some(&five),
            &part.concat(),
        )
    };
    let mut rk = 0u32.to_le_bytes().to_vec();
    rk.extend_from_slice(&[0; 4]);
    rk.extend_from_slice(&7u32.to_le_bytes());
    not_refused(&one_sheet(record(0x0002, &rk)));
    assert_eq!(
        refused_panic(&one_sheet(text(0, "abcdefg"))),
        msg::detail_xlsb_shared_string(0, 5, 7, 5)
    );
    // A sheet's dimensions record shorter than the 16 bytes calamine slices.
    let bytes = xlsb(
        &workbook(&[bundle_sheet("rId1", "Annuaire")]),
        RELS,
        None,
        &[record(0x0094, &[0; 15]), record(0x0091, &[])].concat(),
    );
    assert_eq!(refused_panic(&bytes), msg::detail_xlsb_short(0x0094, 15));
}

fn short_isst() -> Vec<u8> {
    record(0x0007, &5u32.to_le_bytes())
}

#[test]
fn a_short_record_in_the_workbook_is_read_alone() {
    // The first loop of calamine's `read_workbook` clears its buffer after each record: a
    // `BrtWbProp` of 0 bytes after a long record is refused (calamine reads its byte 0).
    let mut book = record(0x0083, &[]);
    book.extend(record(0x0099, &[0; 20]));
    book.extend(record(0x0099, &[]));
    book.extend(bundle_sheet("rId1", "Annuaire"));
    book.extend(record(0x0090, &[]));
    book.extend(record(0x009D, &[]));
    let bytes = xlsb(&book, RELS, None, &sheet(&[]));
    assert_eq!(refused_panic(&bytes), msg::detail_xlsb_short(0x0099, 0));
    // A `BrtExternSheet` in the second loop, which never clears: 9 stale bytes behind its
    // count make a last entry of 5 bytes, and calamine reads bytes 4..8 of each.
    let mut book = record(0x0083, &[]);
    book.extend(bundle_sheet("rId1", "Annuaire"));
    book.extend(record(0x0090, &[0; 21]));
    book.extend(record(0x016A, &2u32.to_le_bytes()));
    book.extend(record(0x009D, &[]));
    let bytes = xlsb(&book, RELS, None, &sheet(&[]));
    assert_eq!(refused_panic(&bytes), msg::detail_xlsb_short(0x016A, 21));
}

#[test]
fn a_defined_name_calamine_would_panic_on_is_refused() {
    // BrtName: flags (4), chKey (1), iTab (4), name, formula (cce, rgce), then the rest.
    let name = |rgce: &[u8]| {
        let mut body = vec![0; 9];
        body.extend(wide("Zone"));
        body.extend_from_slice(&(rgce.len() as u32).to_le_bytes());
        body.extend_from_slice(rgce);
        body.extend_from_slice(&[0; 8]);
        record(0x0027, &body)
    };
    let book = |rgce: &[u8]| {
        let mut book = record(0x0083, &[]);
        book.extend(bundle_sheet("rId1", "Annuaire"));
        book.extend(record(0x0090, &[]));
        // One extern sheet.
        let mut xti = 1u32.to_le_bytes().to_vec();
        xti.extend_from_slice(&[0; 12]);
        book.extend(record(0x016A, &xti));
        book.extend(name(rgce));
        book.extend(record(0x009D, &[]));
        xlsb(&book, RELS, None, &sheet(&[]))
    };
    // A PtgRef3d to extern sheet 0 is read; to extern sheet 1 it is refused.
    let ref3d = |ixti: u16| {
        let mut t = vec![0x3A];
        t.extend_from_slice(&ixti.to_le_bytes());
        t.extend_from_slice(&[0; 6]);
        t
    };
    not_refused(&book(&ref3d(0)));
    assert_eq!(refused_panic(&book(&ref3d(1))), msg::DETAIL_XLSB_FORMULA);
    // A token cut short; a function index equal to the table's size; a name index of 0.
    assert_eq!(refused_panic(&book(&[0x1E, 1])), msg::DETAIL_XLSB_FORMULA);
    assert_eq!(
        refused_panic(&book(&[0x21, 0xE5, 0x01])),
        msg::DETAIL_XLSB_FORMULA
    );
    assert_eq!(
        refused_panic(&book(&[0x23, 0, 0, 0, 0])),
        msg::DETAIL_XLSB_FORMULA
    );
    // Nested PtgMemFunc past the limit: calamine recurses once per level.
    let mut rgce = vec![0x1E, 1, 0];
    for _ in 0..100 {
        let mut outer = vec![0x29];
        outer.extend_from_slice(&(rgce.len() as u16).to_le_bytes());
        outer.extend(rgce);
        rgce = outer;
    }
    assert_eq!(refused(&book(&rgce)), msg::DETAIL_XLSB_FORMULA);
}

#[test]
fn a_record_past_the_end_of_its_part_is_refused_before_calamine_allocates_it() {
    // A cell declaring 200 MB in a sheet of a few bytes: calamine would zero 200 MB for it.
    let cut = [0x07, 0x80, 0x80, 0x80, 0x60, 1, 2, 3];
    let bytes = directory(None, &[cut.to_vec()]);
    assert_eq!(refused(&bytes), msg::DETAIL_XLSB_CUT);
}

/// Every `.xlsb` of the corpus and of the fuzz findings, every sheet: the walk refuses exactly
/// where calamine alone panics (never a file calamine reads, never a panic let through).
#[test]
fn the_walk_refuses_only_what_calamine_panics_on() {
    use calamine::{Reader, Xlsb};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut dirs = vec![
        root.join("../shared/corpus"),
        root.join("tests/fixtures/fuzz"),
    ];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "xlsb") {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(files.len() > 100, "{}", files.len());
    let walk_detail =
        |d: &str| [".xlsb", "octets"].iter().any(|w| d.contains(w)) && d != msg::PARSER_PANIC;
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let panics = calamine_panics(&bytes);
        let names = std::panic::catch_unwind(|| {
            Xlsb::new(Cursor::new(&bytes[..]))
                .map(|b| b.sheet_names())
                .unwrap_or_default()
        })
        .unwrap_or_default();
        let mut results = vec![read(&bytes)];
        results.extend(
            names
                .iter()
                .map(|n| crate::common::read_sheet(&bytes, Some(n))),
        );
        for result in &results {
            if let Err(Error::Corrupt { detail }) = result {
                assert_ne!(detail, msg::PARSER_PANIC, "{}", path.display());
                if !panics {
                    assert!(!walk_detail(detail), "{}: {detail}", path.display());
                }
            }
        }
        if panics {
            assert!(
                results
                    .iter()
                    .any(|r| matches!(r, Err(Error::Corrupt { detail }) if walk_detail(detail))),
                "{}: {results:?}",
                path.display()
            );
        }
    }
}
