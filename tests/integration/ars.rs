//! Integration tests: the ARS side. A year's set of files in every format (xlsx, xlsm, xlsb,
//! xls, ods, csv), with unreadable and misnamed ones among them, checked at once: the table of files, the
//! merged directory and its guarantees, the members two CPTS list, the indicators without
//! personal data; then the `ars` command as built (exit codes, progress, files written, JSON).

use std::path::Path;

use annuaire_cpts::ars::{check_file, Batch, FileEntry};
use annuaire_cpts::{Code, Schema, Ymd};

use crate::cli::run;
use crate::common::fixture;
use crate::common::workbook::{
    messy_directory, sheet_text, sheets, temp_dir, xlsx_all_text, MESSY_NIR,
};

const TODAY: Ymd = Ymd {
    year: 2026,
    month: 6,
    day: 1,
};

/// The year's files: (name, bytes). Two CPTS send the messy directory (the same members), three
/// send the .xls, .ods and .csv fixtures under misnamed names, two a macro-enabled and a binary
/// workbook named by the rule but for the extension, one an encrypted workbook, one a file
/// that is no spreadsheet at all.
fn year_files() -> Vec<(String, Vec<u8>)> {
    vec![
        (
            "Annuaire_CPTS_Du_Centre_TARN_2026.xlsx".into(),
            messy_directory(),
        ),
        ("Annuaire_CPTS_Lot_2026.xlsx".into(), messy_directory()),
        (
            "Annuaire_CPTS_Aude_2026.xls".into(),
            fixture("read/directory.xls"),
        ),
        (
            "annuaire cpts gers 2026.ods".into(),
            fixture("read/directory.ods"),
        ),
        (
            "adherents_cpts_herault.csv".into(),
            fixture("read/utf8.csv"),
        ),
        (
            "Annuaire_CPTS_Haute_Garonne_2026.xlsm".into(),
            fixture("read/directory.xlsm"),
        ),
        (
            "Annuaire_CPTS_Lozere_2026.xlsb".into(),
            crate::xlsb::directory(None, &[]),
        ),
        (
            "Annuaire_CPTS_Ariege_2026.xlsx".into(),
            fixture("read/encrypted.xlsx"),
        ),
        (
            "Annuaire_CPTS_Tarn_Et_Garonne_2026.xlsx".into(),
            b"PK\x03\x04 not really a zip".to_vec(),
        ),
    ]
}

fn batch() -> Batch {
    let schema = Schema::default();
    let files: Vec<FileEntry> = year_files()
        .iter()
        .map(|(name, bytes)| check_file(bytes, name, &schema, None, TODAY))
        .collect();
    Batch::new(files, schema, None, TODAY)
}

#[test]
fn every_file_is_a_line_of_the_table_unreadable_ones_with_their_message() {
    let batch = batch();
    assert_eq!(batch.year, 2026);
    let f = &batch.files;
    assert_eq!(f.len(), 9);
    let names: Vec<(bool, Option<&str>)> = f
        .iter()
        .map(|e| (e.follows_rule, e.expected_name.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            (true, None),
            (true, None),
            (false, Some("Annuaire_CPTS_Aude_2026.xlsx")),
            (false, Some("Annuaire_Cpts_Gers_2026.xlsx")),
            (false, Some("Annuaire_Adherents_Cpts_Herault_2026.xlsx")),
            // The rule asks for .xlsx: the corrected file is one.
            (false, Some("Annuaire_CPTS_Haute_Garonne_2026.xlsx")),
            (false, Some("Annuaire_CPTS_Lozere_2026.xlsx")),
            (true, None),
            (true, None),
        ]
    );
    // The messy directory: 7 data rows, 4 kept (example, blank and objecting rows removed).
    assert_eq!(
        (f[0].rows_read, f[0].rows_kept, f[0].rows_removed),
        (7, 4, 3)
    );
    assert!(f[0].errors > 0 && f[0].warnings > 0);
    for e in &f[..7] {
        assert!(e.is_read(), "{}: {:?}", e.file, e.message);
    }
    for e in &f[7..] {
        let message = e.message.as_deref().unwrap_or_default();
        assert!(!e.is_read() && !message.is_empty(), "{}", e.file);
        assert_eq!(e.errors, 1, "{}", e.file);
        assert!(!message.is_ascii(), "a French message: {message}");
    }
    assert_eq!(batch.read_count(), 7);
    assert!(batch.has_errors());
    assert_eq!(f[0].cpts, "CPTS Du Centre TARN");
    assert_eq!(f[3].cpts, "cpts gers");
}

#[test]
fn a_member_two_cpts_list_is_a_notice_on_the_later_file() {
    let batch = batch();
    let notices = |i: usize| -> Vec<(Option<u32>, String)> {
        batch.files[i]
            .outcome
            .report
            .issues
            .iter()
            .filter(|f| f.code == Code::RowOtherCpts)
            .map(|f| (f.row, f.message.to_string()))
            .collect()
    };
    assert!(notices(0).is_empty(), "the first file names no one");
    let second = notices(1);
    // DURAND, MARTIN, BERNARD and LEROY are in both messy directories.
    assert_eq!(second.len(), 4, "{second:?}");
    assert!(second[0].1.contains("CPTS Du Centre TARN"), "{second:?}");
    assert!(second[0].1.contains("ligne 3"), "{second:?}");
    assert_eq!(Code::RowOtherCpts.as_str(), "row.other_cpts");
    // The notice counts in the file's line.
    assert_eq!(batch.files[1].notices, batch.files[0].notices + 4);
}

#[test]
fn the_merged_directory_keeps_the_corrected_files_guarantees() {
    let batch = batch();
    let bytes = annuaire_cpts::write::write_merged(&batch).unwrap().to_vec();
    let names: Vec<String> = sheets(&bytes).into_iter().map(|(n, _)| n).collect();
    assert_eq!(&names[..3], ["Annuaire", "Contrôle", "Fichiers"]);
    let annuaire = sheet_text(&bytes, "Annuaire");
    assert_eq!(annuaire[0][0], "CPTS");
    assert_eq!(annuaire[0][1], "Nom");
    let kept: usize = batch.files.iter().map(|f| f.rows_kept).sum();
    assert_eq!(annuaire.len() - 1, kept);
    assert_eq!(annuaire[1][0], "CPTS Du Centre TARN");
    assert_eq!(annuaire[1][1], "DURAND");
    let cpts: std::collections::BTreeSet<&str> =
        annuaire[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(cpts.len(), 7, "{cpts:?}");
    assert!(cpts.contains("CPTS Lozere"), "the .xlsb's member: {cpts:?}");
    assert!(
        cpts.contains("CPTS Haute Garonne"),
        "the .xlsm's members: {cpts:?}"
    );
    // Objecting members absent, NIRs blanked, identifiers as text with their zeros.
    let all = xlsx_all_text(&bytes);
    assert!(!all.contains("SECRET") && !all.contains("paul.secret"));
    let compact: String = MESSY_NIR.split_whitespace().collect();
    assert!(!all.contains(MESSY_NIR) && !all.contains(&compact));
    let grid = crate::common::workbook::sheet_grid(&bytes, "Annuaire");
    let rpps = grid[1][5].clone();
    assert_eq!(rpps, calamine::Data::String("10000000009".into()));
    assert_eq!(grid[1][9], calamine::Data::String("09100".into()));
    // Drop-downs, shifted by the « CPTS » column.
    let sheet_xml = crate::common::workbook::xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet_xml.contains("<dataValidations"), "drop-downs");
    assert!(
        sheet_xml.contains(r#"sqref="D2:D"#),
        "Profession is column D"
    );
    // « Contrôle »: the file on each line.
    let controle = sheet_text(&bytes, "Contrôle");
    assert_eq!(controle[0][0], "Fichier");
    assert!(controle[1..].iter().all(|l| !l[0].is_empty()));
    assert!(controle
        .iter()
        .any(|l| l[0] == "Annuaire_CPTS_Ariege_2026.xlsx" && l[3] == "file.unreadable"));
    assert!(controle.iter().any(|l| l[3] == "row.other_cpts"));
    // « Fichiers »: the table of files.
    let fichiers = sheet_text(&bytes, "Fichiers");
    assert_eq!(fichiers.len(), 10);
    assert_eq!(fichiers[0][4], "Nom attendu");
    assert_eq!(fichiers[3][3], "Non");
    assert_eq!(fichiers[3][4], "Annuaire_CPTS_Aude_2026.xlsx");
    assert!(!fichiers[8][11].is_empty(), "the unreadable file's message");
    // Read back through the checker: a directory (its « CPTS » column is unknown to the schema).
    let again =
        annuaire_cpts::Document::open(&bytes, "merged.xlsx", Schema::default(), None).unwrap();
    assert_eq!(again.table.rows.len(), kept);
}

/// Every part of a workbook, uncompressed, by name (each read to its end: its CRC checked).
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut part = zip.by_index(i).unwrap();
            let mut raw = Vec::new();
            part.read_to_end(&mut raw).unwrap();
            (part.name().unwrap().into_owned(), raw)
        })
        .collect()
}

#[test]
fn the_merged_directory_is_the_same_whoever_writes_which_rows() {
    use annuaire_cpts::write::{merged_rows, write_merged, write_merged_from, FirstRows};
    let batch = batch();
    let whole = parts(&write_merged(&batch).unwrap().to_vec());
    let kept: usize = batch.files.iter().map(|f| f.rows_kept).sum();
    assert!(kept > 10);
    // Cut the files in two, then in three, at every place: the same parts, byte for byte.
    let n = batch.files.len();
    for cut in 0..=n {
        for second in cut..=n {
            let pieces = [
                &batch.files[..cut],
                &batch.files[cut..second],
                &batch.files[second..],
            ];
            let mut first = FirstRows::TOP;
            let mut runs = Vec::new();
            for piece in pieces {
                let rows = merged_rows(piece, &batch.schema, first).unwrap();
                first = first.after(piece, &batch.schema);
                // As another worker hands them over.
                let bytes = rows.to_bytes();
                runs.push(annuaire_cpts::write::merged_rows_from_bytes(&bytes).unwrap());
            }
            let split = parts(&write_merged_from(&batch, runs).unwrap().to_vec());
            assert!(split == whole, "cut at {cut} and {second}");
        }
    }
    // The command line's threads, as many as it may have.
    for threads in 0..=4 {
        let on = annuaire_cpts::write::write_merged_on(&batch, threads).unwrap();
        assert!(parts(&on.to_vec()) == whole, "{threads} threads");
    }
    // Rows that are not the batch's kept members, in order, are refused.
    let all = merged_rows(&batch.files, &batch.schema, FirstRows::TOP).unwrap();
    let late = FirstRows {
        annuaire: 2,
        controle: 1,
    };
    let late = merged_rows(&batch.files, &batch.schema, late).unwrap();
    assert!(
        write_merged_from(&batch, vec![late]).is_err(),
        "a row missing"
    );
    assert!(
        write_merged_from(&batch, vec![all.clone(), all]).is_err(),
        "twice"
    );
    assert!(write_merged_from(&batch, vec![]).is_err(), "none");
    assert!(annuaire_cpts::write::merged_rows_from_bytes(b"ACPTSRW1").is_err());
}

/// Two workers, as the ARS's page runs them: each checks a run of the files, marks the
/// members another CPTS lists before, and writes its files' rows of the merged directory; the
/// second hands its files over to the first, which finishes the batch.
#[test]
fn two_workers_give_the_batch_one_worker_gives() {
    use annuaire_cpts::ars::{hand_over, mark_other_cpts, take_over, Listing};
    use annuaire_cpts::write::FirstRows;
    use annuaire_cpts::write::{merged_rows, write_indicators, write_merged, write_merged_from};
    let schema = Schema::default();
    let checked: Vec<FileEntry> = year_files()
        .iter()
        .map(|(name, bytes)| check_file(bytes, name, &schema, None, TODAY))
        .collect();
    let one = Batch::new(checked.clone(), schema.clone(), None, TODAY);
    let merged = write_merged(&one).unwrap().to_vec();
    let names: Vec<String> = sheets(&merged).into_iter().map(|(n, _)| n).collect();
    let mut handed_len = 0;
    for cut in 0..=checked.len() {
        let (mut first, mut second) = (checked[..cut].to_vec(), checked[cut..].to_vec());
        mark_other_cpts(&mut first, &Listing::default(), &schema);
        let listing = Listing::of(&first, &schema).to_bytes();
        mark_other_cpts(
            &mut second,
            &Listing::from_bytes(&listing).unwrap(),
            &schema,
        );
        let rows_a = merged_rows(&first, &schema, FirstRows::TOP).unwrap();
        let next = FirstRows::TOP.after(&first, &schema);
        let rows_b = merged_rows(&second, &schema, next).unwrap();
        let handed = hand_over(&second, &schema);
        handed_len = handed.len();
        let mut files = first.clone();
        files.extend(take_over(&handed, &schema).unwrap());
        let two = Batch::marked(files, schema.clone(), None, TODAY);
        assert_eq!(two.year, one.year);
        let line = |f: &FileEntry| serde_json::to_value(f).unwrap();
        let lines = |b: &Batch| b.files.iter().map(line).collect::<Vec<_>>();
        assert_eq!(lines(&two), lines(&one), "cut at {cut}");
        let (i1, i2) = (one.indicators(), two.indicators());
        assert_eq!(
            serde_json::to_value(&i1).unwrap(),
            serde_json::to_value(&i2).unwrap(),
            "cut at {cut}"
        );
        let counts = |b: &Batch, i| {
            write_indicators(i, b.year, b.read_count())
                .unwrap()
                .to_vec()
        };
        assert!(counts(&one, &i1) == counts(&two, &i2));
        let split = write_merged_from(&two, vec![rows_a, rows_b])
            .unwrap()
            .to_vec();
        assert!(parts(&split) == parts(&merged), "cut at {cut}");
        for name in &names {
            assert_eq!(
                sheet_text(&split, name),
                sheet_text(&merged, name),
                "{name}"
            );
        }
    }
    assert!(handed_len > 0);
    // Of the rows, only what the batch reads across files is handed over.
    let taken = take_over(&hand_over(&checked, &schema), &schema).unwrap();
    let at = |id: &str| schema.position(id).unwrap();
    let records = &checked[0].outcome.records;
    let durand = records
        .iter()
        .position(|r| r.value(at("nom")) == "DURAND")
        .unwrap();
    let row = &taken[0].outcome.records[durand];
    assert_eq!(row.row, records[durand].row);
    assert_eq!(row.value(at("nom")), "", "no name");
    let id = schema
        .field_with(annuaire_cpts::schema::Role::Identifier)
        .unwrap();
    assert_eq!(
        row.value(id),
        "10000000009",
        "the RPPS, for the members two CPTS list"
    );
    assert!(
        taken[0].outcome.report.issues.is_empty(),
        "the findings are in the rows"
    );
    let handed = hand_over(&checked, &schema);
    for n in [0, 8, 9, handed.len() / 2, handed.len() - 1] {
        assert!(take_over(&handed[..n], &schema).is_err(), "cut at {n}");
    }
    assert!(take_over(b"[{}]", &schema).is_err());
    assert!(Listing::from_bytes(b"ACPTSLI1").is_err());
}

#[test]
fn the_indicators_hold_no_personal_data_and_mask_small_counts() {
    let batch = batch();
    let indicators = batch.indicators();
    let ids: Vec<&str> = indicators.tables.iter().map(|t| t.id).collect();
    assert_eq!(
        ids,
        [
            "adherents",
            "professions",
            "modes",
            "departements",
            "spico_dossier",
            "spico_dossier_professions",
            "spico_discussion",
            "spico_discussion_professions",
        ]
    );
    for table in &indicators.tables {
        // Seven CPTS read, then the region.
        assert_eq!(table.rows.len(), 8, "{}", table.id);
        assert_eq!(table.rows[7].label, "Région (toutes les CPTS)");
        for row in &table.rows {
            for cell in row.cells.iter().chain([&row.total]) {
                if let Some(n) = cell.count() {
                    assert!(n == 0 || n > 10, "{}: {n} published", table.id);
                }
            }
        }
    }
    let bytes = annuaire_cpts::write::write_indicators(&indicators, batch.year, batch.read_count())
        .unwrap()
        .to_vec();
    let all = xlsx_all_text(&bytes);
    for name in [
        "DURAND",
        "MARTIN",
        "10000000009",
        "Toulouse",
        "claire.martin",
    ] {
        assert!(!all.contains(name), "{name} in the indicators");
    }
    let professions = sheet_text(&bytes, "Professions");
    assert_eq!(professions[0][0], "CPTS");
    assert!(professions.iter().flatten().any(|c| c == "< 11"));
    let readme = sheet_text(&bytes, "Lisez-moi");
    assert!(readme[0][0].contains("2026"));
    let json = serde_json::to_value(&indicators).unwrap();
    assert_eq!(json["tables"][0]["rows"][0]["total"], "< 11");
}

/// Writes the year's files into `dir`, returns their names.
fn write_year(dir: &Path) -> Vec<String> {
    year_files()
        .into_iter()
        .map(|(name, bytes)| {
            std::fs::write(dir.join(&name), bytes).unwrap();
            name
        })
        .collect()
}

#[test]
fn cli_ars_writes_both_workbooks_and_exits_1_on_errors() {
    let dir = temp_dir("cli-ars");
    let names = write_year(&dir);
    let mut args = vec!["ars"];
    args.extend(names.iter().map(String::as_str));
    args.extend(["-o", "sortie/2026"]);
    let o = run(&args, &dir);
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert_eq!(o.status.code(), Some(1), "{out}{err}");
    // A progress line per file.
    assert_eq!(
        err.lines().filter(|l| l.starts_with('[')).count(),
        9,
        "{err}"
    );
    assert!(err.contains("[9/9]"), "{err}");
    assert!(out.contains("Annuaire_CPTS_Aude_2026.xls — nom non conforme, attendu : Annuaire_CPTS_Aude_2026.xlsx"), "{out}");
    assert!(out.contains("ILLISIBLE"), "{out}");
    let merged = dir.join("sortie/2026/Annuaire_CPTS_Occitanie_2026.xlsx");
    let counts = dir.join("sortie/2026/Indicateurs_CPTS_Occitanie_2026.xlsx");
    assert!(merged.is_file() && counts.is_file(), "{out}");
    let bytes = std::fs::read(&merged).unwrap();
    assert_eq!(sheet_text(&bytes, "Fichiers").len(), 10);
}

#[test]
fn cli_ars_exit_codes_and_json() {
    let dir = temp_dir("cli-ars-codes");
    // Clean files only: exit 0. The template's example row is its only row: no error.
    let template = annuaire_cpts::write::write_template(&Schema::default())
        .unwrap()
        .to_vec();
    std::fs::write(dir.join("Annuaire_CPTS_Lot_2025.xlsx"), &template).unwrap();
    std::fs::write(dir.join("Annuaire_CPTS_Gers_2025.xlsx"), &template).unwrap();
    let o = run(
        &[
            "ars",
            "Annuaire_CPTS_Lot_2025.xlsx",
            "Annuaire_CPTS_Gers_2025.xlsx",
            "--json",
        ],
        &dir,
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["year"], 2025);
    assert_eq!(json["files"][0]["follows_rule"], true);
    assert_eq!(json["files"][1]["cpts"], "CPTS Gers");
    assert_eq!(json["indicators"]["tables"][0]["rows"][2]["total"], 0);
    assert!(dir.join("Annuaire_CPTS_Occitanie_2025.xlsx").is_file());
    // --year names the workbooks.
    let o = run(
        &["ars", "Annuaire_CPTS_Lot_2025.xlsx", "--year", "2027"],
        &dir,
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(dir.join("Indicateurs_CPTS_Occitanie_2027.xlsx").is_file());
    // No file read at all: exit 2, nothing written, the table still printed.
    std::fs::write(dir.join("a.xlsx"), b"garbage").unwrap();
    let o = run(&["ars", "a.xlsx", "missing.xlsx", "-o", "none"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(!dir.join("none").exists());
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("missing.xlsx") && out.contains("ILLISIBLE"),
        "{out}"
    );
    // No file given: exit 2.
    let o = run(&["ars"], &dir);
    assert_eq!(o.status.code(), Some(2));
}
