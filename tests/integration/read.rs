//! Integration tests: read. Real files of every format → `read_table` → the table and column
//! findings; hostile files → a typed error and exit code 2 from the command line.

use std::process::Command;

use annuaire_cpts::{Cell, CellKind, Code, Error, SizeUnit, Table};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::common::{fixture, read, read_sheet, template_headers, write_row, xlsx};

/// The cell of `table` at a spreadsheet row, under the column whose header is `header`.
fn at(table: &Table, row: u32, header: &str) -> Cell {
    let column = table
        .columns
        .iter()
        .find(|c| c.header == header)
        .unwrap_or_else(|| panic!("no column {header}"));
    let row = table
        .rows
        .iter()
        .find(|r| r.number == row)
        .unwrap_or_else(|| panic!("no row {row}"));
    row.cell(column.index)
}

fn cell(text: &str, kind: CellKind) -> Cell {
    Cell::new(text, kind)
}

/// The directory fixture, whatever its format: title row merged above, header on row 3, an
/// instructions sheet first and a hidden sheet with headers last.
fn assert_directory_fixture(name: &str) {
    let (table, findings) = read(&fixture(name)).unwrap();
    assert_eq!(table.sheet, "Annuaire", "{name}");
    assert_eq!(table.sheets, ["Instructions", "Annuaire"], "{name}");
    assert_eq!(table.header_row, 3, "{name}");
    assert_eq!(
        table.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        [4, 5],
        "{name}"
    );
    let n = CellKind::Number;
    assert_eq!(at(&table, 4, "N° RPPS"), cell("10000000009", n), "{name}");
    assert_eq!(at(&table, 4, "Code postal"), cell("9100", n), "{name}");
    assert_eq!(at(&table, 5, "Code postal"), cell("31000", CellKind::Text));
    assert_eq!(at(&table, 4, "Tél"), cell("561123456", n), "{name}");
    if name.ends_with(".ods") {
        // LibreOffice saves the source's TRUE/FALSE as numbers in a boolean format.
        assert_eq!(at(&table, 4, "Spico dossier"), cell("1", n));
        assert_eq!(at(&table, 4, "Spico discussion"), cell("0", n));
    } else {
        assert_eq!(at(&table, 4, "Spico dossier"), cell("VRAI", CellKind::Bool));
        assert_eq!(
            at(&table, 4, "Spico discussion"),
            cell("FAUX", CellKind::Bool)
        );
    }
    assert_eq!(
        at(&table, 4, "Date d'adhésion"),
        cell("05/03/2024", CellKind::Date)
    );
    assert_eq!(
        at(&table, 5, "Date d'adhésion"),
        cell("05/03/2024", CellKind::Text)
    );
    assert_eq!(at(&table, 4, "Calcul"), cell("2", n), "{name}");
    assert_eq!(
        at(&table, 5, "Calcul"),
        cell("#N/A", CellKind::Error),
        "{name}"
    );
    assert_eq!(at(&table, 5, "Email"), Cell::default());
    let unknown: Vec<_> = findings
        .iter()
        .filter(|f| f.code == Code::ColumnUnknown)
        .map(|f| (f.column.as_deref(), f.value.as_deref()))
        .collect();
    assert_eq!(unknown, [(None, Some("Calcul"))], "{name}");
    assert!(
        !findings.iter().any(|f| f.code == Code::ColumnMissing),
        "{name}: {findings:?}"
    );
    let ids: Vec<_> = table.columns.iter().map(|c| c.field.as_deref()).collect();
    assert_eq!(ids[3], Some("identifiant"));
    assert_eq!(ids[12], None);
}

#[test]
fn reads_xlsx_fixture() {
    assert_directory_fixture("read/directory.xlsx");
}

#[test]
fn reads_xlsm_fixture() {
    assert_directory_fixture("read/directory.xlsm");
}

#[test]
fn reads_xls_fixture() {
    assert_directory_fixture("read/directory.xls");
}

#[test]
fn reads_ods_fixture() {
    assert_directory_fixture("read/directory.ods");
}

#[test]
fn format_comes_from_content_not_extension() {
    // The same bytes whatever the name: read_table never sees a name at all; a PDF named
    // .xlsx is refused for what it is.
    let err = read(b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n").unwrap_err();
    assert!(matches!(err, Error::Unsupported { what: Some(ref w) } if w.contains("PDF")));
    assert!(err.to_string().contains("PDF"));
}

#[test]
fn dates_in_the_1904_system() {
    let (table, _) = read(&fixture("read/dates_1904.xlsx")).unwrap();
    assert_eq!(
        at(&table, 2, "Date d'adhésion"),
        cell("05/03/2024", CellKind::Date)
    );
}

#[test]
fn csv_in_every_encoding_and_separator() {
    for name in [
        "read/utf8.csv",
        "read/utf8_bom_comma.csv",
        "read/cp1252.csv",
        "read/tab.txt",
    ] {
        let (table, findings) = read(&fixture(name)).unwrap();
        assert_eq!(table.sheet, "CSV");
        assert_eq!(table.header_row, 1, "{name}");
        assert_eq!(table.columns[1].header, "Prénom", "{name}");
        assert_eq!(table.columns[1].field.as_deref(), Some("prenom"));
        let u = CellKind::Untyped;
        assert_eq!(at(&table, 2, "CP"), cell("09100", u), "{name}");
        assert_eq!(
            at(&table, 2, "Adresse"),
            cell("1 rue de l'Église\nBâtiment B", u)
        );
        assert_eq!(
            at(&table, 3, "Adresse"),
            cell("2; place \"du\" Capitole", u)
        );
        assert_eq!(at(&table, 3, "Téléphone"), Cell::default());
        assert_eq!(table.rows.len(), 2, "{name}");
        let missing: Vec<_> = findings
            .iter()
            .filter_map(|f| f.column.as_deref())
            .collect();
        assert_eq!(missing, ["spico_dossier", "spico_discussion"], "{name}");
    }
}

#[test]
fn numbers_keep_the_digits_typed() {
    let bytes = xlsx(|s| {
        write_row(s, 0, &["Nom", "Prénom", "RPPS", "Téléphone", "Code postal"]);
        s.write_string(1, 0, "DURAND").unwrap();
        s.write_number(1, 2, 1.0001045367E10).unwrap();
        s.write_number(1, 3, 612345678.0).unwrap();
        s.write_number(1, 4, 9100.0).unwrap();
        s.write_number(2, 2, 12.5).unwrap();
        s.write_number(2, 3, -0.25).unwrap();
    });
    let (table, _) = read(&bytes).unwrap();
    let n = CellKind::Number;
    assert_eq!(at(&table, 2, "RPPS"), cell("10001045367", n));
    assert_eq!(at(&table, 2, "Téléphone"), cell("612345678", n));
    assert_eq!(at(&table, 2, "Code postal"), cell("9100", n));
    assert_eq!(at(&table, 3, "RPPS"), cell("12.5", n));
    assert_eq!(at(&table, 3, "Téléphone"), cell("-0.25", n));
    assert!(at(&table, 2, "Prénom").is_empty());
}

#[test]
fn dates_formulas_and_errors_from_xlsx() {
    let bytes = xlsx(|s| {
        write_row(s, 0, &["Nom", "Prénom", "Date d'adhésion", "Opposition"]);
        let date = Format::new().set_num_format("dd/mm/yyyy");
        let d = ExcelDateTime::from_ymd(2023, 12, 31).unwrap();
        s.write_datetime_with_format(1, 2, &d, &date).unwrap();
        s.write_boolean(1, 3, true).unwrap();
        s.write_formula(2, 3, "=1/0").unwrap();
        s.set_formula_result(2, 3, "#DIV/0!");
        s.write_string(3, 2, "31/12/2023").unwrap();
    });
    let (table, _) = read(&bytes).unwrap();
    assert_eq!(
        at(&table, 2, "Date d'adhésion"),
        cell("31/12/2023", CellKind::Date)
    );
    assert_eq!(at(&table, 2, "Opposition"), cell("VRAI", CellKind::Bool));
    assert_eq!(
        at(&table, 3, "Opposition"),
        cell("#DIV/0!", CellKind::Error)
    );
    assert_eq!(
        at(&table, 4, "Date d'adhésion"),
        cell("31/12/2023", CellKind::Text)
    );
}

#[test]
fn columns_in_any_order_and_spelling() {
    let mut headers = template_headers();
    headers.reverse();
    let spelled: Vec<String> = headers
        .iter()
        .map(|h| match h.as_str() {
            "Nom" => "  NOM DE FAMILLE ".to_string(),
            "Téléphone" => "Telephone portable".to_string(),
            "Profession" => "Profesion".to_string(),
            "Code postal" => "C.P.".to_string(),
            other => other.to_uppercase(),
        })
        .collect();
    let bytes = xlsx(|s| {
        let refs: Vec<&str> = spelled.iter().map(String::as_str).collect();
        write_row(s, 0, &refs);
    });
    let (table, findings) = read(&bytes).unwrap();
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(table.columns.len(), 17);
    assert_eq!(table.index_of("nom"), Some(16));
    assert_eq!(table.index_of("telephone"), Some(6));
    assert_eq!(table.index_of("profession"), Some(14));
    assert_eq!(table.index_of("code_postal"), Some(8));
    assert_eq!(table.columns[16].header, "NOM DE FAMILLE");
    assert!(table.rows.is_empty());
}

#[test]
fn missing_unknown_and_duplicate_columns() {
    let bytes = xlsx(|s| {
        write_row(
            s,
            0,
            &[
                "Nom",
                "Prénom",
                "Profession",
                "Nom",
                "Date de naissance",
                "Mail",
            ],
        );
        write_row(
            s,
            1,
            &["DURAND", "Marie", "Infirmier", "X", "01/01/1980", "a@b.fr"],
        );
    });
    let (table, findings) = read(&bytes).unwrap();
    let by = |code| {
        findings
            .iter()
            .filter(|f| f.code == code)
            .map(|f| (f.column.as_deref(), f.value.as_deref()))
            .collect::<Vec<_>>()
    };
    assert_eq!(by(Code::ColumnDuplicate), [(Some("nom"), Some("Nom"))]);
    assert_eq!(by(Code::ColumnUnknown), [(None, Some("Date de naissance"))]);
    let missing: Vec<_> = by(Code::ColumnMissing)
        .into_iter()
        .filter_map(|(c, _)| c)
        .collect();
    assert_eq!(
        missing,
        [
            "identifiant",
            "code_postal",
            "commune",
            "spico_dossier",
            "spico_discussion"
        ]
    );
    assert_eq!(table.columns[3].field, None);
    assert_eq!(table.columns[4].field, None);
    assert_eq!(table.index_of("nom"), Some(0));
    assert!(findings.iter().all(|f| !f.message.is_empty()));

    // Neither contact column: one finding naming both.
    let bytes = xlsx(|s| write_row(s, 0, &["Nom", "Prénom", "Profession"]));
    let (_, findings) = read(&bytes).unwrap();
    let contact: Vec<_> = findings
        .iter()
        .filter(|f| matches!(f.column.as_deref(), Some("telephone" | "email")))
        .collect();
    assert_eq!(contact.len(), 1);
    assert!(contact[0].message.contains("Téléphone") && contact[0].message.contains("Email"));
}

#[test]
fn sheet_choice_and_forced_sheet() {
    let mut workbook = Workbook::new();
    let notes = workbook.add_worksheet();
    notes.set_name("Mode d'emploi").unwrap();
    write_row(notes, 0, &["Nom", "Prénom", "Profession", "RPPS"]);
    let other = workbook.add_worksheet();
    other.set_name("Feuil1").unwrap();
    write_row(other, 0, &["Nom", "Prénom"]);
    let data = workbook.add_worksheet();
    data.set_name("Adhérents 2026").unwrap();
    write_row(data, 4, &["Nom", "Prénom", "Profession"]);
    write_row(data, 5, &["DURAND", "Marie", "Infirmier"]);
    let hidden = workbook.add_worksheet();
    hidden.set_name("Cachée").unwrap();
    write_row(
        hidden,
        0,
        &template_headers()
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    hidden.set_hidden(true);
    let bytes = workbook.save_to_buffer().unwrap();

    let (table, _) = read(&bytes).unwrap();
    assert_eq!(table.sheet, "Adhérents 2026");
    assert_eq!(table.sheets, ["Mode d'emploi", "Feuil1", "Adhérents 2026"]);
    assert_eq!(table.header_row, 5);
    assert_eq!(table.rows[0].number, 6);

    let (table, _) = read_sheet(&bytes, Some("Feuil1")).unwrap();
    assert_eq!((table.sheet.as_str(), table.header_row), ("Feuil1", 1));
    assert_eq!(
        read_sheet(&bytes, Some("Absente")).unwrap_err(),
        Error::SheetNotFound {
            name: "Absente".into()
        }
    );
}

#[test]
fn no_header_and_no_sheet() {
    let bytes = xlsx(|s| {
        write_row(s, 0, &["Liste", "des", "courses"]);
        write_row(s, 1, &["pain", "lait", "œufs"]);
    });
    let err = read(&bytes).unwrap_err();
    assert_eq!(err, Error::NoHeader);
    assert_eq!(err.code(), Code::FileNoHeader);
    assert_eq!(read(&xlsx(|_| {})).unwrap_err(), Error::NoSheet);
    assert_eq!(read(b"a;b;c\n1;2;3\n").unwrap_err(), Error::NoHeader);
}

#[test]
fn header_found_only_in_the_first_rows() {
    let bytes = xlsx(|s| {
        for r in 0..40 {
            write_row(s, r, &["note"]);
        }
        write_row(s, 40, &["Nom", "Prénom", "Profession"]);
    });
    assert_eq!(read(&bytes).unwrap_err(), Error::NoHeader);
}

#[test]
fn stray_cell_at_xfd1048576_is_ignored_cheaply() {
    let bytes = xlsx(|s| {
        write_row(s, 0, &["Nom", "Prénom", "Profession"]);
        write_row(s, 1, &["DURAND", "Marie", "Infirmier"]);
        s.write_string(1_048_575, 16_383, "x").unwrap();
        s.write_string(1_048_575, 0, "loin").unwrap();
    });
    let (table, _) = read(&bytes).unwrap();
    // Row 2, then the far row alone: the million blank rows between are not materialised.
    let numbers: Vec<u32> = table.rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [2, 1_048_576]);
    assert_eq!(table.rows[1].cells, [Cell::text("loin")]);
}

#[test]
fn blank_rows_between_data_rows_are_kept_as_rows() {
    let bytes = xlsx(|s| {
        write_row(s, 0, &["Nom", "Prénom", "Profession"]);
        write_row(s, 1, &["A", "B", "C"]);
        write_row(s, 4, &["D", "E", "F"]);
    });
    let (table, _) = read(&bytes).unwrap();
    let rows: Vec<(u32, usize)> = table
        .rows
        .iter()
        .map(|r| (r.number, r.cells.len()))
        .collect();
    assert_eq!(rows, [(2, 3), (3, 0), (4, 0), (5, 3)]);
}

#[test]
fn hundred_thousand_rows() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_row(sheet, 0, &["Nom", "Prénom", "Profession", "RPPS"]);
    for r in 1..=100_000u32 {
        sheet.write_string(r, 0, "DURAND").unwrap();
        sheet.write_string(r, 1, "Marie").unwrap();
        sheet.write_string(r, 2, "Infirmier").unwrap();
        sheet
            .write_number(r, 3, 10_000_000_000.0 + f64::from(r))
            .unwrap();
    }
    let bytes = workbook.save_to_buffer().unwrap();
    let (table, _) = read(&bytes).unwrap();
    assert_eq!(table.rows.len(), 100_000);
    let last = &table.rows[99_999];
    assert_eq!(
        (last.number, &*last.cells[3].text),
        (100_001, "10000100000")
    );
}

#[test]
fn too_many_rows_is_refused() {
    let mut csv = String::from("Nom;Prénom;Profession\n");
    csv.push_str(&"a;b;c\n".repeat(1_000_000));
    assert!(matches!(
        read(csv.as_bytes()),
        Err(Error::TooLarge {
            limit: 1_000_000,
            unit: SizeUnit::Rows,
            ..
        })
    ));
}

// ---- hostile and broken files -------------------------------------------------------------

#[test]
fn empty_random_and_foreign_files() {
    assert_eq!(read(b"").unwrap_err(), Error::Empty);
    let random: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert_eq!(
        read(&random).unwrap_err(),
        Error::Unsupported { what: None }
    );
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert!(matches!(
        read(png),
        Err(Error::Unsupported { what: Some(_) })
    ));
}

fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    for (name, data) in entries {
        z.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap();
    out.into_inner()
}

#[test]
fn word_document_and_plain_zip_are_refused() {
    let docx = zip_with(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", b"<w/>"),
    ]);
    assert!(
        matches!(read(&docx), Err(Error::Unsupported { what: Some(ref w) }) if w.contains("Word"))
    );
    let plain = zip_with(&[("photo.jpg", b"\xFF\xD8\xFF")]);
    assert!(matches!(read(&plain), Err(Error::Unsupported { .. })));
}

#[test]
fn truncated_and_damaged_workbooks_are_corrupt() {
    let bytes = fixture("read/directory.xlsx");
    for cut in [10, bytes.len() / 2, bytes.len() - 30] {
        let err = read(&bytes[..cut]).unwrap_err();
        assert!(matches!(err, Error::Corrupt { .. }), "{cut}: {err:?}");
        assert_eq!(err.code(), Code::FileUnreadable);
    }
    let xls = fixture("read/directory.xls");
    assert!(read(&xls[..xls.len() / 2]).is_err());
    let broken = zip_with(&[("xl/workbook.xml", b"<workbook><sheets><sheet")]);
    assert!(matches!(read(&broken), Err(Error::Corrupt { .. })));
}

#[test]
fn encrypted_workbook_is_refused() {
    let err = read(&fixture("read/encrypted.xlsx")).unwrap_err();
    assert_eq!(err, Error::Encrypted);
    assert!(err.to_string().contains("mot de passe"));
}

#[test]
fn zip_bomb_is_refused_from_declared_sizes() {
    // A workbook whose central directory declares a 300 MB sheet: refused before inflating.
    let mut bytes = zip_with(&[
        ("xl/workbook.xml", b"<workbook/>"),
        ("xl/worksheets/sheet1.xml", b"<worksheet/>"),
    ]);
    let cd = bytes.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
    bytes[cd + 24..cd + 28].copy_from_slice(&300_000_000u32.to_le_bytes());
    assert!(matches!(
        read(&bytes),
        Err(Error::TooLarge { size, .. }) if size > 300_000_000
    ));
}

#[test]
fn xls_and_ods_with_a_far_stray_cell_are_refused_not_allocated() {
    // The .ods reader is ours and sparse: the stray cell costs one row, and is dropped (right
    // of the columns we keep).
    let (table, _) = read(&fixture("read/stray_cell.ods")).expect("read");
    assert_eq!(table.columns.len(), 3);
    // calamine allocates an .xls sheet's whole bounding box of cells (A1:IV65536 = 16.7
    // million): refused from the cells the stream holds, before calamine sees it.
    let name = "read/stray_cell.xls";
    {
        let err = read(&fixture(name)).unwrap_err();
        assert!(
            matches!(err, Error::TooLarge { size, limit: 4_000_000, unit: SizeUnit::Cells } if size >= 16_000_000),
            "{name}: {err:?}"
        );
        assert_eq!(err.code(), Code::FileUnreadable);
    }
}

// ---- the command line -------------------------------------------------------------------

fn check_json(bytes: &[u8], name: &str) -> (i32, serde_json::Value) {
    let dir = std::env::temp_dir().join(format!("annuaire-read-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_annuaire-cpts"))
        .arg("check")
        .arg(&path)
        .arg("--json")
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap_or(-1), json)
}

#[test]
fn cli_exits_2_on_unreadable_files() {
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("vide.xlsx", Vec::new(), "file.unreadable"),
        ("facture.xlsx", b"%PDF-1.7\n".to_vec(), "file.unreadable"),
        (
            "protege.xlsx",
            fixture("read/encrypted.xlsx"),
            "file.unreadable",
        ),
        (
            "coupe.xlsx",
            fixture("read/directory.xlsx")[..500].to_vec(),
            "file.unreadable",
        ),
        (
            "courses.csv",
            b"pain;lait\n1;2\n".to_vec(),
            "file.no_header",
        ),
    ];
    for (name, bytes, code) in cases {
        let (status, json) = check_json(&bytes, name);
        // 2 only for bytes that are no spreadsheet; a readable file without a directory is 1.
        let expected = if code == "file.no_header" { 1 } else { 2 };
        assert_eq!(status, expected, "{name}");
        assert_eq!(json["file"], name);
        assert_eq!(json["issues"][0]["code"], code, "{name}");
        assert_eq!(json["issues"][0]["severity"], "error");
        assert!(json["issues"][0]["row"].is_null());
        assert!(!json["issues"][0]["message"]
            .as_str()
            .unwrap_or("")
            .is_empty());
    }
}

#[test]
fn damaged_copies_of_every_fixture_never_panic() {
    // Deterministic damage: truncations and flipped bytes all over each real file. Any
    // `Result` is fine; a panic (which aborts the page's worker) is not. (Each xls guard in
    // `read/cfb.rs` was found this way; calamine's xls formula-token parser still slices
    // without checks, so other seeds can find more there.)
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for name in [
        "read/directory.xlsx",
        "read/directory.xls",
        "read/directory.ods",
        "read/encrypted.xlsx",
        "read/utf8.csv",
    ] {
        let bytes = fixture(name);
        for i in 0..200 {
            let mut copy = bytes.clone();
            if i % 3 == 0 {
                copy.truncate((next() as usize) % bytes.len());
            } else {
                for _ in 0..(1 + i % 8) {
                    let at = (next() as usize) % copy.len();
                    copy[at] = next() as u8;
                }
            }
            let _ = read(&copy);
        }
    }
}

#[test]
fn of_two_directory_sheets_the_latest_year_is_checked_and_the_other_named() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let headers = template_headers();
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    for name in ["Annuaire 2025", "Annuaire 2026", "Notes"] {
        let sheet = book.add_worksheet();
        sheet.set_name(name).expect("name");
        if name != "Notes" {
            write_row(sheet, 0, &headers);
            write_row(sheet, 1, &["DURAND", "Marie", "Infirmier"]);
        }
    }
    let bytes = book.save_to_buffer().expect("xlsx");
    let (table, findings) = read(&bytes).expect("read");
    assert_eq!(table.sheet, "Annuaire 2026");
    let other = findings
        .iter()
        .find(|f| f.code == Code::FileOtherSheet)
        .expect("the other sheet is named");
    assert!(
        other.message.contains("« Annuaire 2026 » a été vérifiée"),
        "{}",
        other.message
    );
    assert!(
        other.message.contains("« Annuaire 2025 »"),
        "{}",
        other.message
    );
    // Asked for by name, the sheet is read without a word about the others.
    let (table, findings) = read_sheet(&bytes, Some("Annuaire 2025")).expect("read");
    assert_eq!(table.sheet, "Annuaire 2025");
    assert!(findings.iter().all(|f| f.code != Code::FileOtherSheet));
}

/// Small files that try to make a reader allocate without bound (`tests/fixtures/hostile/`,
/// written by its `make_hostile.py`): each is refused or read within the limits.
#[test]
fn hostile_files_are_refused_or_read_bounded() {
    let too_large = |name: &str| {
        let result = read(&fixture(&format!("hostile/{name}")));
        assert!(
            matches!(result, Err(Error::TooLarge { .. })),
            "{name}: {result:?}"
        );
    };
    too_large("text_s.ods");
    too_large("long_repeat.ods");
    // A value without a type is no value, however repeated; spaces around `=` are read as
    // XML reads them, and the repeat stops at the columns we keep.
    let result = read(&fixture("hostile/value_no_type.ods"));
    assert!(matches!(result, Err(Error::NoSheet)), "{result:?}");
    let result = read(&fixture("hostile/spaces_eq.ods"));
    assert!(matches!(result, Err(Error::NoHeader)), "{result:?}");
    let result = read(&fixture("hostile/looping_chain.xls"));
    assert!(matches!(result, Err(Error::Corrupt { .. })), "{result:?}");
}

/// Inputs the fuzzing harness found (`tests/fixtures/fuzz/`, whose README says what each one
/// was and what became of it): none may reach a parser's panic, which `read` turns into
/// `file.unreadable` natively but which traps the page's worker; each is refused with a French
/// message or read within the limits. `scripts/fuzz.sh regress` runs them through the fuzz
/// targets themselves.
#[test]
fn fuzz_findings_never_reach_a_parser_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| e.file_name().into_string().unwrap())
        .filter(|n| n != "README.md")
        .collect();
    files.sort();
    assert!(files.len() >= 2, "{files:?}");
    for name in &files {
        let result = read(&fixture(&format!("fuzz/{name}")));
        if let Err(e) = &result {
            assert!(
                !matches!(e, Error::Corrupt { detail } if detail == annuaire_cpts::text::read::PARSER_PANIC),
                "{name}: a parser panicked"
            );
            assert!(!e.to_string().is_empty(), "{name}");
        }
    }
    // A formula token cut short: calamine's formula parser indexed past it; its tokens are
    // removed, the sheet is read (it holds no directory).
    let result = read(&fixture("fuzz/xls-crash-formula-token-cut-short.xls"));
    assert!(matches!(result, Err(Error::NoHeader)), "{result:?}");
    // Two cells of an .xlsb at A1 and XFD1048576: calamine's range is their bounding box
    // (17 billion cells, an allocation of 512 GiB that aborted the process); the sheet is
    // streamed cell by cell instead.
    let result = read(&fixture("fuzz/xlsb-oom-far-cell.xlsb"));
    assert!(matches!(result, Err(Error::NoHeader)), "{result:?}");
    // Three panics of calamine's `.xlsb` reader (`src/read/xlsb.rs` walks its records first):
    // a sheet whose relationship id is not in the workbook's, one whose id runs past its
    // record, a shared-string cell past the table.
    let xlsb = |hash: &str| read(&fixture(&format!("fuzz/xlsb-crash-{hash}.xlsb")));
    let damaged = |result: Result<_, Error>, expected: &str| {
        assert!(
            matches!(&result, Err(Error::Corrupt { detail }) if detail == expected),
            "{result:?}"
        );
    };
    damaged(
        xlsb("1fc4d0b414f19e30cca5722cb8470f615f82c757"),
        &annuaire_cpts::text::read::detail_xlsb_sheet_link("rId1"),
    );
    damaged(
        xlsb("e6b43845b508830dba77e5d27b108fb49b98be6d"),
        annuaire_cpts::text::read::DETAIL_XLSB_SHEET_ID,
    );
    damaged(
        xlsb("f4e646f370a88474ee0d909136df8e3197711f15"),
        &annuaire_cpts::text::read::detail_xlsb_shared_string(16, 1, 33_554_432, 129),
    );
    // A directory sector chain that loops (its FAT sends sector 0 back to itself): calamine
    // followed it without end; refused before it, as a broken container.
    let oom = files.iter().find(|n| n.starts_with("xls-oom-")).unwrap();
    let result = read(&fixture(&format!("fuzz/{oom}")));
    assert!(
        matches!(&result, Err(Error::Corrupt { detail }) if detail == annuaire_cpts::text::read::DETAIL_OLE),
        "{result:?}"
    );
}
