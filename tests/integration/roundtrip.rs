//! Integration tests: roundtrip. A messy directory goes through the reader, the checker and the
//! writer; the corrected file is read back through the same reader and checker. Nothing is
//! lost, nothing new is found, and « Contrôle » accounts for every change.

use std::collections::HashMap;

use annuaire_cpts::check::{CheckOptions, Record};
use annuaire_cpts::document::Corrected;
use annuaire_cpts::write::write_template;
use annuaire_cpts::{Code, Document, Schema, Severity, Ymd};
use calamine::Data;

use crate::common::workbook::{messy_directory, sheet_grid, sheet_text, xlsx_all_text, MESSY_NIR};

fn options() -> CheckOptions {
    CheckOptions {
        today: Ymd {
            year: 2026,
            month: 6,
            day: 1,
        },
        cpts: Some("CPTS du centre TARN".into()),
        year: Some(2026),
        refused_fixes: Vec::new(),
    }
}

fn open(bytes: &[u8], file: &str) -> Document {
    Document::open(bytes, file, Schema::default(), None).unwrap()
}

fn corrected() -> (Document, Corrected) {
    let doc = open(&messy_directory(), "annuaire adhérents.xlsx");
    let corrected = doc.write(&options()).unwrap();
    (doc, corrected)
}

fn kept(records: &[Record]) -> Vec<&Record> {
    records.iter().filter(|r| r.removed.is_none()).collect()
}

#[test]
fn corrected_file_is_named_by_the_ars_rule() {
    let (_, c) = corrected();
    assert_eq!(c.name, "Annuaire_CPTS_Du_Centre_TARN_2026.xlsx");
    assert_eq!(c.outcome.report.filename.as_deref(), Some(c.name.as_str()));
}

#[test]
fn corrected_file_reads_back_with_the_same_data_and_no_new_finding() {
    let (_, first) = corrected();
    let again = open(&first.bytes.to_vec(), &first.name);
    assert_eq!(again.table.sheet, "Annuaire");
    let second = again.check(&options());

    let kept1 = kept(&first.outcome.records);
    let kept2 = kept(&second.records);
    assert_eq!(kept1.len(), 4, "DURAND, MARTIN, BERNARD, LEROY");
    assert_eq!(kept2.len(), kept1.len(), "no row lost or added");
    assert!(second.records.iter().all(|r| r.removed.is_none()));
    for (a, b) in kept1.iter().zip(&kept2) {
        assert_eq!(
            a.values, b.values,
            "source row {} → output row {}",
            a.row, b.row
        );
    }
    let source_row: HashMap<u32, u32> = kept2
        .iter()
        .zip(&kept1)
        .map(|(b, a)| (b.row, a.row))
        .collect();
    for f in &second.report.issues {
        let row = f.row.map(|r| source_row[&r]);
        assert!(
            first
                .outcome
                .report
                .issues
                .iter()
                .any(|g| g.code == f.code && g.column == f.column && g.row == row),
            "new finding on reading the corrected file back: {f:?}"
        );
    }
    // What still needs the coordinator is still reported.
    assert!(second
        .report
        .issues
        .iter()
        .any(|f| f.code == Code::RppsInvalid && f.severity == Severity::Error));
}

#[test]
fn corrected_values_are_fixed_and_typed() {
    let (_, c) = corrected();
    let schema = Schema::default();
    let grid = sheet_grid(&c.bytes.to_vec(), "Annuaire");
    let text = sheet_text(&c.bytes.to_vec(), "Annuaire");
    let col = |id: &str| schema.position(id).unwrap();
    let durand = &grid[1];
    let s = |v: &str| Data::String(v.into());
    assert_eq!(durand[col("nom")], s("DURAND"));
    assert_eq!(durand[col("prenom")], s("Jean-Pierre"));
    assert_eq!(durand[col("profession")], s("Infirmier"));
    assert_eq!(durand[col("identifiant")], s("10000000009"));
    assert_eq!(durand[col("mode_exercice")], s("Libéral"));
    assert_eq!(durand[col("code_postal")], s("09100"));
    assert_eq!(durand[col("telephone")], s("05 61 12 34 56"));
    assert_eq!(durand[col("email")], s("jp.durand@example.org"));
    assert_eq!(durand[col("spico_dossier")], s("Oui"));
    assert_eq!(durand[col("spico_discussion")], s("Non"));
    assert!(matches!(durand[col("date_adhesion")], Data::DateTime(_)));
    assert_eq!(text[1][col("date_adhesion")], "15/03/2023");
    // MARTIN typed the date as text: it is a real date now.
    assert!(matches!(grid[2][col("date_adhesion")], Data::DateTime(_)));
    assert_eq!(text[2][col("date_adhesion")], "01/02/2024");
    let headers: Vec<&str> = text[0].iter().map(String::as_str).collect();
    let titles: Vec<&str> = schema.fields.iter().map(|f| f.title.as_str()).collect();
    assert_eq!(
        headers, titles,
        "schema headers, schema order, no extra column"
    );
}

#[test]
fn controle_lists_every_changed_cell_and_every_removed_row() {
    let (doc, c) = corrected();
    let schema = Schema::default();
    let controle = sheet_text(&c.bytes.to_vec(), "Contrôle");
    // A fix is on a line of its own, or among the rows of its column's summary line
    // (« … lignes 2–4, 7. Exemple … »).
    let summarised = |l: &Vec<String>, row: u32| {
        let Some(ranges) = l[6]
            .split_once(", ligne")
            .and_then(|(_, rest)| rest.split_once(". Exemple"))
            .map(|(ranges, _)| ranges.trim_start_matches('s').trim())
        else {
            return false;
        };
        ranges.split(", ").any(|piece| match piece.split_once('–') {
            Some((a, b)) => (a.parse().unwrap_or(u32::MAX)..=b.parse().unwrap_or(0)).contains(&row),
            None => piece.parse() == Ok(row),
        })
    };
    let has_line = |row: u32, column: &str| {
        controle.iter().any(|l| {
            l[1] == column && (l[0] == row.to_string() || (l[0].is_empty() && summarised(l, row)))
        })
    };
    let mut changed = 0;
    for record in kept(&c.outcome.records) {
        for (i, field) in schema.fields.iter().enumerate() {
            if record.value(i) != record.original_text(i).trim() {
                changed += 1;
                assert!(
                    has_line(record.row, &field.title),
                    "row {} {}: {:?} → {:?} not in « Contrôle »",
                    record.row,
                    field.id,
                    record.original_text(i),
                    record.values[i]
                );
            }
        }
    }
    assert!(changed >= 8, "the messy row has many fixes ({changed})");
    let removed: Vec<(u32, Code)> = c
        .outcome
        .records
        .iter()
        .filter_map(|r| r.removed.map(|why| (r.row, why)))
        .collect();
    assert_eq!(
        removed,
        [
            (2, Code::RowExample),
            (4, Code::RowBlank),
            (6, Code::RowOpposition)
        ]
    );
    for (row, why) in &removed {
        assert!(
            controle
                .iter()
                .any(|l| l[0] == row.to_string() && l[2] == why.as_str()),
            "row {row} ({why}) not in « Contrôle »"
        );
    }
    // Nothing lost: every row read is either written or listed as removed.
    let kept_rows: Vec<u32> = kept(&c.outcome.records).iter().map(|r| r.row).collect();
    for row in &doc.table.rows {
        let listed = removed.iter().any(|(r, _)| *r == row.number);
        assert!(
            kept_rows.contains(&row.number) ^ listed,
            "row {} is neither kept nor listed as removed",
            row.number
        );
    }
    // The extra column is reported, and left out.
    assert!(controle.iter().any(|l| l[2] == "column.unknown"));
}

#[test]
fn nothing_of_the_member_who_objected_nor_any_nir_reaches_the_file() {
    let (_, c) = corrected();
    let all = xlsx_all_text(&c.bytes.to_vec());
    for secret in [
        "SECRET",
        "Paul",
        "10000000017",
        "paul.secret",
        "ne pas transmettre",
        "05 61 00 00 01",
    ] {
        assert!(
            !all.contains(secret),
            "{secret} found in the corrected file"
        );
    }
    let digits: String = MESSY_NIR.chars().filter(char::is_ascii_digit).collect();
    assert!(!all.contains(&digits), "NIR found in the corrected file");
    assert!(!all.contains(MESSY_NIR), "NIR found in the corrected file");
    assert!(
        !all.contains("appeler le soir"),
        "unknown column's cell written"
    );
    let controle = sheet_text(&c.bytes.to_vec(), "Contrôle");
    let opposition: Vec<&Vec<String>> = controle.iter().filter(|l| l[0] == "6").collect();
    assert_eq!(opposition.len(), 1, "{opposition:?}");
    assert_eq!(opposition[0][2], "row.opposition");
    assert_eq!(
        (opposition[0][4].as_str(), opposition[0][5].as_str()),
        ("", "")
    );
    // The NIR finding is there, masked.
    let nir = controle
        .iter()
        .find(|l| l[2] == "nir.detected")
        .expect("nir.detected listed");
    assert_eq!(nir[0], "8");
    assert!(
        nir[4].starts_with("1"),
        "masked, first characters kept: {nir:?}"
    );
}

#[test]
fn template_reads_back_as_one_example_row_and_nothing_else() {
    let bytes = write_template(&Schema::default()).unwrap().to_vec();
    let doc = open(&bytes, "Modele_Annuaire_CPTS.xlsx");
    assert_eq!(doc.table.sheet, "Annuaire");
    assert_eq!(doc.table.header_row, 1);
    assert!(
        doc.read_findings.is_empty(),
        "every column recognised: {:?}",
        doc.read_findings
    );
    let o = doc.check(&options());
    let examples: Vec<_> = o
        .report
        .issues
        .iter()
        .filter(|f| f.code == Code::RowExample)
        .collect();
    assert_eq!(examples.len(), 1);
    assert_eq!(examples[0].row, Some(2));
    assert!(
        o.report
            .issues
            .iter()
            .all(|f| f.severity == Severity::Notice),
        "{:?}",
        o.report.issues
    );
    assert_eq!(o.report.rows_kept, 0);
    assert_eq!(o.records.len(), 1);
}

/// The page's warm-up file (data/warm-up.xlsx, embedded by `warm_up` in src/wasm.rs) must keep
/// the whole pipeline busy: read, a finding of many kinds, fixes, and a workbook written. A
/// file the reader refused or found clean would warm up almost nothing.
#[test]
fn the_warm_up_file_runs_the_whole_pipeline() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/warm-up.xlsx")).unwrap();
    let doc = open(&bytes, "warm-up.xlsx");
    assert_eq!(doc.table.rows.len(), 100);
    let corrected = doc.write(&options()).unwrap();
    let codes: std::collections::HashSet<Code> = corrected
        .outcome
        .report
        .issues
        .iter()
        .map(|f| f.code)
        .collect();
    assert!(codes.len() >= 4, "{codes:?}");
    assert!(corrected.outcome.report.issues.len() >= 300);
    assert!(corrected.bytes.len() > 5_000);
}
