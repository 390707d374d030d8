//! Integration tests: compare. Last year's directory against this year's across formats
//! (xlsx, xls and ods written by LibreOffice, csv) and column orders, with known changes; the
//! `annuaire-cpts compare` command (exit codes, JSON, French text, the « Évolutions » file).

use annuaire_cpts::check::CheckOptions;
use annuaire_cpts::compare::{compare_documents, Comparison, MatchKind};
use annuaire_cpts::{Document, Schema};

use crate::common::check_options;
use crate::common::run_cli as run;
use crate::common::workbook::{
    input_workbook, libreoffice_convert, sheet_text, sheets, temp_dir, xlsx_all_text, In,
};

/// Last year: the members typed as Excel stores them (phones and postal codes as numbers, the
/// RPPS as a float), in one column order. Rows: 2 MARTIN, 3 DURAND (leaves), 4 LEROY, 5 ROUX
/// (objects this year), 6 DUPONT (a typo in the name, fixed this year).
fn last_year() -> Vec<u8> {
    use In::{N, S};
    let member = |nom, prenom, profession, rpps: f64, cp: f64, commune, phone: f64, dossier| {
        vec![
            S(nom),
            S(prenom),
            S(profession),
            if rpps > 0.0 { N(rpps) } else { In::E },
            N(cp),
            S(commune),
            N(phone),
            S(dossier),
            S("Non"),
            S("Non"),
        ]
    };
    input_workbook(
        "Annuaire 2025",
        &[
            vec![
                S("Nom"),
                S("Prénom"),
                S("Profession"),
                S("RPPS"),
                S("Code postal"),
                S("Commune"),
                S("Téléphone"),
                S("SPICO Dossier"),
                S("SPICO Discussion"),
                S("Opposition"),
            ],
            member(
                "MARTIN",
                "Claire",
                "Infirmier",
                10000000009.0,
                31000.0,
                "Toulouse",
                561123456.0,
                "Non",
            ),
            member(
                "DURAND",
                "Paul",
                "Médecin",
                10999999997.0,
                9100.0,
                "Pamiers",
                561123457.0,
                "Oui",
            ),
            member(
                "LEROY",
                "Anne",
                "Infirmier",
                10000000025.0,
                31000.0,
                "Toulouse",
                561123458.0,
                "Oui",
            ),
            member(
                "ROUX",
                "Marc",
                "Masseur-kinésithérapeute",
                10000000017.0,
                31000.0,
                "Toulouse",
                561123459.0,
                "Non",
            ),
            member(
                "DUPONT",
                "Hélène",
                "Secrétaire",
                0.0,
                9100.0,
                "Pamiers",
                561123460.0,
                "Non",
            ),
        ],
    )
}

/// This year, as text in another column order and spelling: MARTIN adopts SPICO Dossier, LEROY
/// changes phone, ROUX objects, DUPOND is DUPONT with one letter fixed, PETIT joins.
fn this_year() -> Vec<u8> {
    use In::S;
    input_workbook(
        "Annuaire 2026",
        &[
            vec![
                S("Tél"),
                S("Nom de famille"),
                S("Prénom"),
                S("Métier"),
                S("N° RPPS"),
                S("CP"),
                S("Ville"),
                S("Spico dossier"),
                S("Spico discussion"),
                S("Refus de transmission"),
            ],
            vec![
                S("05 61 12 34 56"),
                S("Martin"),
                S("Claire"),
                S("IDE"),
                S("10000000009"),
                S("31000"),
                S("Toulouse"),
                S("Oui"),
                S("Non"),
                S("Non"),
            ],
            vec![
                S("06 12 34 56 78"),
                S("LEROY"),
                S("Anne"),
                S("Infirmier"),
                S("10000000025"),
                S("31000"),
                S("Toulouse"),
                S("Oui"),
                S("Non"),
                S(""),
            ],
            vec![
                S("05 61 12 34 59"),
                S("ROUX"),
                S("Marc"),
                S("MK"),
                S("10000000017"),
                S("31000"),
                S("Toulouse"),
                S("Non"),
                S("Non"),
                S("Oui"),
            ],
            vec![
                S("05 61 12 34 60"),
                S("DUPOND"),
                S("Hélène"),
                S("Secrétaire"),
                S(""),
                S("09100"),
                S("Pamiers"),
                S("Non"),
                S("Non"),
                S("Non"),
            ],
            vec![
                S("05 61 12 34 61"),
                S("PETIT"),
                S("Anne"),
                S("Sage-femme"),
                S("10000000033"),
                S("31000"),
                S("Toulouse"),
                S("Oui"),
                S("Oui"),
                S("Non"),
            ],
        ],
    )
}

/// Last year's file as a CSV (what Excel's « CSV (séparateur : point-virgule) » writes: the
/// zeros already lost).
fn last_year_csv() -> Vec<u8> {
    "Nom;Prénom;Profession;RPPS;Code postal;Commune;Téléphone;SPICO Dossier;SPICO Discussion;Opposition\n\
     MARTIN;Claire;Infirmier;10000000009;31000;Toulouse;561123456;Non;Non;Non\n\
     DURAND;Paul;Médecin;10999999997;9100;Pamiers;561123457;Oui;Non;Non\n\
     LEROY;Anne;Infirmier;10000000025;31000;Toulouse;561123458;Oui;Non;Non\n\
     ROUX;Marc;Masseur-kinésithérapeute;10000000017;31000;Toulouse;561123459;Non;Non;Non\n\
     DUPONT;Hélène;Secrétaire;;9100;Pamiers;561123460;Non;Non;Non\n"
        .as_bytes()
        .to_vec()
}

fn options() -> CheckOptions {
    check_options(None, None)
}

fn compare_bytes(last: &[u8], last_name: &str, this: &[u8], this_name: &str) -> Comparison {
    let open =
        |bytes: &[u8], name: &str| Document::open(bytes, name, Schema::default(), None).unwrap();
    compare_documents(&open(last, last_name), &open(this, this_name), &options())
}

/// A field's change: (field id, before, after).
type Change = (String, String, String);

/// The known changes between [`last_year`] and [`this_year`], whatever the formats.
fn assert_known_changes(c: &Comparison, what: &str) {
    let names = |m: &[annuaire_cpts::compare::Member]| -> Vec<String> {
        m.iter()
            .map(|m| format!("{} {}", m.nom, m.prenom))
            .collect()
    };
    assert_eq!(names(&c.joined), ["PETIT Anne"], "{what}");
    assert_eq!(names(&c.left), ["DURAND Paul"], "{what}");
    assert_eq!(c.left[0].last_row, Some(3), "{what}");
    let changed: Vec<(String, MatchKind, Vec<Change>)> = c
        .changed
        .iter()
        .map(|m| {
            (
                m.member.nom.to_string(),
                m.matched_by,
                m.fields
                    .iter()
                    .map(|f| (f.field.clone(), f.before.to_string(), f.after.to_string()))
                    .collect(),
            )
        })
        .collect();
    let change = |field: &str, before: &str, after: &str| {
        (field.to_string(), before.to_string(), after.to_string())
    };
    assert_eq!(
        changed,
        [
            (
                "MARTIN".to_string(),
                MatchKind::Identifier,
                vec![change("spico_dossier", "Non", "Oui")]
            ),
            (
                "LEROY".to_string(),
                MatchKind::Identifier,
                vec![change("telephone", "05 61 12 34 58", "06 12 34 56 78")]
            ),
            (
                "DUPOND".to_string(),
                MatchKind::CloseName,
                vec![change("nom", "DUPONT", "DUPOND")]
            ),
        ],
        "{what}"
    );
    assert_eq!(c.unchanged, 0, "{what}");
    assert_eq!(c.objecting, 1, "{what}");
    assert!(c.ambiguous.is_empty(), "{what}");
    let dossier = c.spico.dossier.unwrap();
    assert_eq!((dossier.adopted, dossier.dropped), (1, 0), "{what}");
    assert_eq!((dossier.users_last, dossier.users_this), (2, 3), "{what}");
    let json = serde_json::to_string(c).unwrap();
    assert!(
        !json.contains("ROUX") && !json.contains("Marc"),
        "{what}: {json}"
    );
}

#[test]
fn known_changes_across_formats_and_column_orders() {
    let this = this_year();
    let last = last_year();
    assert_known_changes(
        &compare_bytes(&last, "2025.xlsx", &this, "2026.xlsx"),
        "xlsx → xlsx",
    );
    assert_known_changes(
        &compare_bytes(&last_year_csv(), "2025.csv", &this, "2026.xlsx"),
        "csv → xlsx",
    );
    let xls = libreoffice_convert(&last, "compare-xls", "xlsx", "xls:MS Excel 97", "xls");
    assert_eq!(&xls[..4], &[0xD0, 0xCF, 0x11, 0xE0], "an OLE2 .xls");
    assert_known_changes(
        &compare_bytes(&xls, "2025.xls", &this, "2026.xlsx"),
        "xls → xlsx",
    );
    let ods = libreoffice_convert(&this, "compare-ods", "xlsx", "ods", "ods");
    assert_known_changes(
        &compare_bytes(&xls, "2025.xls", &ods, "2026.ods"),
        "xls → ods",
    );
}

#[test]
fn a_directory_against_itself_is_unchanged_across_formats() {
    let last = last_year();
    let ods = libreoffice_convert(&last, "compare-same", "xlsx", "ods", "ods");
    let c = compare_bytes(&last, "2025.xlsx", &ods, "2025.ods");
    assert!(c.is_same(), "{c:?}");
    assert_eq!(c.unchanged, 5);
    let c = compare_bytes(&last_year_csv(), "2025.csv", &last, "2025.xlsx");
    assert!(c.is_same(), "{c:?}");
}

#[test]
fn the_evolutions_workbook_lists_every_change_and_nobody_who_objected() {
    let c = compare_bytes(&last_year(), "2025.xlsx", &this_year(), "2026.xlsx");
    let bytes = annuaire_cpts::write::write_evolutions(&c).unwrap().to_vec();
    let names: Vec<String> = sheets(&bytes).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["Synthèse", "Arrivées", "Départs", "Modifications"]);
    let joined = sheet_text(&bytes, "Arrivées");
    assert_eq!(joined[1], ["6", "PETIT", "Anne", "Sage-femme"]);
    let left = sheet_text(&bytes, "Départs");
    assert_eq!(left[1], ["3", "DURAND", "Paul", "Médecin"]);
    let changes = sheet_text(&bytes, "Modifications");
    assert_eq!(changes.len(), 4, "{changes:?}");
    assert_eq!(
        changes[2][..8],
        [
            "4",
            "3",
            "LEROY",
            "Anne",
            "Infirmier",
            "Téléphone",
            "05 61 12 34 58",
            "06 12 34 56 78"
        ]
    );
    let summary = sheet_text(&bytes, "Synthèse");
    let count = |label: &str| {
        summary
            .iter()
            .find(|r| r[0].starts_with(label))
            .map(|r| r[1].clone())
    };
    assert_eq!(count("Arrivées").as_deref(), Some("1"));
    assert_eq!(count("Départs").as_deref(), Some("1"));
    assert_eq!(
        count("Adhérents opposés à la transmission").as_deref(),
        Some("1")
    );
    assert_eq!(count("SPICO Dossier : adoptions").as_deref(), Some("1"));
    let all = xlsx_all_text(&bytes);
    assert!(!all.contains("ROUX") && !all.contains("10000000017"));
}

#[test]
fn the_compare_command_prints_json_and_french_and_writes_the_evolutions() {
    let dir = temp_dir("cli-compare");
    std::fs::write(dir.join("2025.csv"), last_year_csv()).unwrap();
    std::fs::write(dir.join("Annuaire_CPTS_Lot_2026.xlsx"), this_year()).unwrap();
    let o = run(
        &[
            "compare",
            "2025.csv",
            "Annuaire_CPTS_Lot_2026.xlsx",
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
    for key in ["joined", "left", "changed", "ambiguous"] {
        assert!(json[key].is_array(), "{key}");
    }
    assert_eq!(json["unchanged"], 0);
    assert_eq!(json["objecting"], 1);
    assert_eq!(json["joined"][0]["nom"], "PETIT");
    assert_eq!(json["joined"][0]["this_row"], 6);
    assert_eq!(json["left"][0]["last_row"], 3);
    assert_eq!(json["changed"][1]["fields"][0]["before"], "05 61 12 34 58");
    assert_eq!(json["spico"]["dossier"]["adopted"], 1);
    let back: Comparison = serde_json::from_slice(&o.stdout).unwrap();
    assert_known_changes(&back, "the command's JSON");

    let o = run(
        &[
            "compare",
            "2025.csv",
            "Annuaire_CPTS_Lot_2026.xlsx",
            "-o",
            "out",
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("Arrivée, ligne 6 : PETIT Anne (Sage-femme)"),
        "{text}"
    );
    assert!(
        text.contains("Départ, ligne 3 de l'an dernier : DURAND Paul"),
        "{text}"
    );
    assert!(
        text.contains("Téléphone : « 05 61 12 34 58 » → « 06 12 34 56 78 »"),
        "{text}"
    );
    assert!(!text.contains("ROUX"), "{text}");
    let written = dir.join("out/Evolutions_Annuaire_CPTS_Lot_2026.xlsx");
    assert!(
        text.contains("Evolutions_Annuaire_CPTS_Lot_2026.xlsx"),
        "{text}"
    );
    let bytes = std::fs::read(written).unwrap();
    assert_eq!(sheets(&bytes).len(), 4);
}

#[test]
fn the_compare_command_exit_codes() {
    let dir = temp_dir("cli-compare-codes");
    std::fs::write(dir.join("2025.csv"), last_year_csv()).unwrap();
    std::fs::write(dir.join("pdf.xlsx"), b"%PDF-1.7 not a spreadsheet").unwrap();
    std::fs::write(dir.join("no-header.csv"), "a;b\n1;2\n").unwrap();
    // Not a spreadsheet: 2, the file named.
    let o = run(&["compare", "2025.csv", "pdf.xlsx"], &dir);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("pdf.xlsx"), "{err}");
    // A spreadsheet that holds no directory: 1.
    let o = run(&["compare", "no-header.csv", "2025.csv"], &dir);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // One file only, or a missing one: 2.
    assert_eq!(run(&["compare", "2025.csv"], &dir).status.code(), Some(2));
    assert_eq!(
        run(&["compare", "2025.csv", "absent.xlsx"], &dir)
            .status
            .code(),
        Some(2)
    );
    // The same file twice: nothing changed.
    let o = run(&["compare", "2025.csv", "2025.csv"], &dir);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Aucun changement"));
}
