//! Integration tests: `.xlsx`/`.xlsm` files Excel opens and calamine refuses whole, for one
//! sheet (a macro sheet) or one cell (a boolean holding 7, an unknown error value…), from
//! `tests/fixtures/xlsx/` (written by its `make_odd.py`) and the real-world corpus. The workbook
//! is read, the directory found, each odd cell reported where it is, everything else intact; the
//! limits hold on the repaired copy.

use std::io::{Cursor, Read, Write};
use std::path::Path;
use std::process::Command;

use annuaire_cpts::{Cell, CellKind, Code, Error, Finding, SizeUnit, Table};

use crate::common::{fixture, read, read_sheet};

/// The cell at a spreadsheet row and a 0-based column.
fn at(table: &Table, row: u32, column: usize) -> Cell {
    table
        .rows
        .iter()
        .find(|r| r.number == row)
        .map(|r| r.cell(column))
        .unwrap_or_else(|| panic!("no row {row}"))
}

fn unreadable(findings: &[Finding]) -> Vec<(u32, &str, &str)> {
    findings
        .iter()
        .filter(|f| f.code == Code::CellUnreadable)
        .map(|f| {
            (
                f.row.unwrap_or(0),
                f.column.as_deref().unwrap_or(""),
                f.value.as_deref().unwrap_or(""),
            )
        })
        .collect()
}

#[test]
fn one_odd_cell_is_a_finding_on_that_cell_and_the_rest_is_read() {
    let (table, findings) = read(&fixture("xlsx/odd_cells.xlsx")).unwrap();
    assert_eq!(table.sheet, "Annuaire");
    assert_eq!(table.header_row, 1);
    assert_eq!(
        table.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        [2, 3, 4, 5]
    );
    assert_eq!(
        unreadable(&findings),
        [
            (2, "spico_discussion", "Non"),
            (3, "spico_dossier", "7"),
            (4, "commune", "999"),
            (5, "code_postal", "douze"),
        ]
    );
    let h3 = findings
        .iter()
        .find(|f| f.code == Code::CellUnreadable && f.row == Some(3))
        .unwrap();
    assert_eq!(h3.severity, annuaire_cpts::Severity::Warning);
    assert!(h3.message.contains("H3"), "{}", h3.message);
    // The odd cells are read empty; the error values are errors, as Excel shows them.
    for (row, column) in [(2, 8), (3, 7), (4, 5), (5, 4)] {
        assert_eq!(at(&table, row, column), Cell::default(), "{row} {column}");
    }
    assert_eq!(at(&table, 4, 6), Cell::new("#WHAT?", CellKind::Error));
    assert_eq!(at(&table, 5, 6), Cell::new("#SPILL!", CellKind::Error));
    // Every other cell is what the same directory without odd cells gives.
    let (clean, _) = read(&fixture("xlsx/macro_chart.xlsm")).unwrap();
    let odd = [(2, 8), (3, 7), (4, 5), (5, 4), (4, 6), (5, 6)];
    for row in 2..=5 {
        for column in 0..9 {
            if !odd.contains(&(row, column)) {
                assert_eq!(
                    at(&table, row, column),
                    at(&clean, row, column),
                    "{row} {column}"
                );
            }
        }
    }
    assert_eq!(at(&table, 2, 3), Cell::new("10000000009", CellKind::Number));
    assert_eq!(at(&table, 5, 5), Cell::text("Lavelanet"));
}

#[test]
fn a_macro_enabled_workbook_with_macro_chart_and_dialog_sheets_reads() {
    let (table, findings) = read(&fixture("xlsx/macro_chart.xlsm")).unwrap();
    assert_eq!(table.sheet, "Annuaire");
    // Only worksheets are offered: the macro sheet, as the chart and dialog sheets, holds no
    // directory.
    assert_eq!(table.sheets, ["Annuaire"]);
    assert_eq!(table.rows.len(), 4);
    assert_eq!(at(&table, 2, 0), Cell::text("DURAND"));
    assert!(unreadable(&findings).is_empty(), "{findings:?}");
    // Asked for by name, a sheet calamine cannot open is not there.
    assert_eq!(
        read_sheet(&fixture("xlsx/macro_chart.xlsm"), Some("Macro1")).err(),
        Some(Error::SheetNotFound {
            name: "Macro1".into()
        })
    );
}

#[test]
fn a_macro_sheet_and_an_odd_cell_together() {
    let (table, findings) = read(&fixture("xlsx/macro_odd.xlsm")).unwrap();
    assert_eq!(table.sheets, ["Annuaire"]);
    assert_eq!(unreadable(&findings), [(3, "spico_dossier", "7")]);
    assert_eq!(at(&table, 3, 0), Cell::text("MARTIN"));
}

/// Real files from `../shared/corpus/`: a macro, a chart and a dialog sheet beside an empty
/// worksheet (refused whole before), and a workbook with a chart sheet between two worksheets.
#[test]
fn corpus_workbooks_with_other_sheet_types_are_read() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let blank = std::fs::read(corpus.join("test_files/BlankSheetTypes.xlsm")).unwrap();
    // Read: its only worksheet is empty.
    assert_eq!(read(&blank).err(), Some(Error::NoSheet));
    let charts =
        std::fs::read(corpus.join("openpyxl/openpyxl/reader/tests/data/contains_chartsheets.xlsx"))
            .unwrap();
    assert_eq!(read(&charts).err(), Some(Error::NoHeader));
    // Its worksheets, asked for by name, are read (they hold no directory header).
    for sheet in ["data", "moredata"] {
        assert_eq!(
            read_sheet(&charts, Some(sheet)).err(),
            Some(Error::NoHeader),
            "{sheet}"
        );
    }
}

#[test]
fn the_command_line_checks_a_file_with_odd_cells() {
    let dir = std::env::temp_dir().join(format!("annuaire-odd-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("odd_cells.xlsx");
    std::fs::write(&path, fixture("xlsx/odd_cells.xlsx")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_annuaire-cpts"))
        .args(["check", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    // Errors in the directory (exit 1), not an unreadable file (exit 2).
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("\"cell.unreadable\""), "{stdout}");
    assert!(!stdout.contains("file.unreadable"), "{stdout}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// `odd_cells.xlsx` with its sheet part replaced by `sheet`.
fn with_sheet(sheet: &[u8]) -> Vec<u8> {
    let source = fixture("xlsx/odd_cells.xlsx");
    let mut archive = zip::ZipArchive::new(Cursor::new(source.as_slice())).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        out.start_file(name.as_str(), options).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            out.write_all(sheet).unwrap();
        } else {
            out.write_all(&bytes).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

fn sheet_of(rows: impl Iterator<Item = String>) -> Vec<u8> {
    let mut xml = String::from(
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
    );
    xml.push_str("<row r=\"1\"><c t=\"inlineStr\"><is><t>Nom</t></is></c><c t=\"inlineStr\"><is><t>Prénom</t></is></c><c t=\"inlineStr\"><is><t>Profession</t></is></c></row>");
    xml.extend(rows);
    xml.push_str("</sheetData></worksheet>");
    xml.into_bytes()
}

#[test]
fn the_repair_path_keeps_the_limits() {
    // More odd cells than a directory someone keeps by hand.
    let many =
        sheet_of((2..=10_002).map(|r| format!("<row r=\"{r}\"><c t=\"b\"><v>7</v></c></row>")));
    let refused = read(&with_sheet(&many)).err();
    assert!(
        matches!(&refused, Some(Error::Corrupt { detail }) if detail.contains("10000")),
        "{refused:?}"
    );
    // One odd cell of 2 MB.
    let huge = sheet_of(std::iter::once(format!(
        "<row r=\"2\"><c t=\"b\"><v>{}</v></c></row>",
        "7".repeat(2 << 20)
    )));
    assert!(matches!(
        read(&with_sheet(&huge)),
        Err(Error::TooLarge {
            unit: SizeUnit::Text,
            ..
        })
    ));
    // A few odd cells among many good ones: read, each reported.
    let mixed = sheet_of((2..=2_001).map(|r| {
        let odd = if r % 500 == 0 { " t=\"b\"><v>7" } else { "><v>1" };
        format!("<row r=\"{r}\"><c r=\"A{r}\"{odd}</v></c><c r=\"B{r}\" t=\"inlineStr\"><is><t>x</t></is></c></row>")
    }));
    let (table, findings) = read(&with_sheet(&mixed)).unwrap();
    assert_eq!(table.rows.len(), 2000);
    assert_eq!(
        unreadable(&findings),
        [
            (500, "nom", "7"),
            (1000, "nom", "7"),
            (1500, "nom", "7"),
            (2000, "nom", "7")
        ]
    );
}
