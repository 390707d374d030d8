//! Integration tests: write. The corrected workbook and the template written from hand-made
//! outcomes, read back with calamine, from the xlsx parts, and through LibreOffice.

use std::sync::Arc;

use annuaire_cpts::check::{Outcome, Record};
use annuaire_cpts::write::{write_corrected, write_template};
use annuaire_cpts::{Code, Finding, Kind, Report, Schema, Summary};
use calamine::Data;

use crate::common::workbook::{
    libreoffice_csv, sheet_grid, sheet_text, sheets, xlsx_all_text, xlsx_part,
};

/// The default schema without the columns whose rules need reference data (profession list,
/// date parsing): the writer's own behaviour, independent of the rules.
fn plain_schema() -> Schema {
    let mut schema = Schema::default();
    schema
        .fields
        .retain(|f| !matches!(f.kind, Kind::Profession | Kind::Date));
    schema
}

/// A record with these values by field id, the others empty.
fn record(schema: &Schema, row: u32, values: &[(&str, &str)]) -> Record {
    let mut out: Vec<Arc<str>> = vec!["".into(); schema.fields.len()];
    for (id, value) in values {
        let i = schema.position(id).unwrap();
        out[i] = (*value).into();
    }
    Record {
        row,
        original: Vec::new(),
        values: out,
        removed: None,
    }
}

fn removed(schema: &Schema, row: u32, values: &[(&str, &str)], why: Code) -> Record {
    Record {
        removed: Some(why),
        ..record(schema, row, values)
    }
}

fn outcome(records: Vec<Record>, issues: Vec<Finding>) -> Outcome {
    Outcome {
        report: Report {
            file: "annuaire.xlsx".into(),
            sheet: Some("Feuil1".into()),
            header_row: Some(1),
            rows_read: records.len(),
            rows_kept: records.iter().filter(|r| r.removed.is_none()).count(),
            summary: Summary::of(&issues),
            issues,
            ..Report::default()
        },
        records,
    }
}

fn member(schema: &Schema, row: u32, nom: &str) -> Record {
    record(
        schema,
        row,
        &[
            ("nom", nom),
            ("prenom", "Jeanne"),
            ("identifiant", "10000000009"),
            ("mode_exercice", "Libéral"),
            ("code_postal", "09100"),
            ("commune", "Pamiers"),
            ("telephone", "05 61 12 34 56"),
            ("email", "jeanne@example.org"),
            ("spico_dossier", "Oui"),
            ("spico_discussion", "Non"),
        ],
    )
}

fn column(schema: &Schema, id: &str) -> usize {
    schema.position(id).unwrap()
}

#[test]
fn corrected_annuaire_has_schema_headers_and_text_values() {
    let schema = plain_schema();
    let mut second = member(&schema, 5, "MARTIN");
    second.values[column(&schema, "identifiant")] = "010234567".into(); // ADELI, leading 0
    second.values[column(&schema, "code_postal")] = "01000".into();
    second.values[column(&schema, "telephone")] = "06 12 34 56 78".into();
    let o = outcome(vec![member(&schema, 3, "DUPONT"), second], vec![]);
    let bytes = write_corrected(&o, &schema).unwrap().to_vec();

    let grid = sheet_grid(&bytes, "Annuaire");
    let headers: Vec<String> = grid[0].iter().map(|c| c.to_string()).collect();
    let titles: Vec<String> = schema.fields.iter().map(|f| f.title.clone()).collect();
    assert_eq!(headers, titles);
    assert_eq!(grid.len(), 3, "header + two members");
    let cell = |r: usize, id: &str| grid[r][column(&schema, id)].clone();
    assert_eq!(cell(1, "nom"), Data::String("DUPONT".into()));
    assert_eq!(cell(2, "nom"), Data::String("MARTIN".into()));
    // Identifiers, postal codes and phones are text, never numbers.
    assert_eq!(cell(1, "identifiant"), Data::String("10000000009".into()));
    assert_eq!(cell(2, "identifiant"), Data::String("010234567".into()));
    assert_eq!(cell(1, "code_postal"), Data::String("09100".into()));
    assert_eq!(cell(2, "code_postal"), Data::String("01000".into()));
    assert_eq!(cell(2, "telephone"), Data::String("06 12 34 56 78".into()));
    assert_eq!(cell(1, "spico_dossier"), Data::String("Oui".into()));
    assert_eq!(cell(1, "specialite"), Data::Empty);
}

#[test]
fn corrected_sheets_are_annuaire_then_controle() {
    let schema = plain_schema();
    let bytes = write_corrected(&outcome(vec![member(&schema, 2, "A")], vec![]), &schema)
        .unwrap()
        .to_vec();
    let names: Vec<(String, bool)> = sheets(&bytes);
    assert_eq!(
        names,
        vec![
            ("Annuaire".to_string(), true),
            ("Contrôle".to_string(), true)
        ]
    );
    // Nothing to report: « Contrôle » says so.
    let controle = sheet_text(&bytes, "Contrôle");
    assert_eq!(controle.len(), 2);
    assert!(controle[1][6].starts_with("Aucune remarque"));
}

#[test]
fn header_is_frozen_filtered_and_columns_formatted() {
    let schema = plain_schema();
    let o = outcome(
        vec![member(&schema, 2, "A"), member(&schema, 3, "B")],
        vec![],
    );
    let bytes = write_corrected(&o, &schema).unwrap().to_vec();
    let sheet = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"state="frozen""#), "frozen header");
    assert!(sheet.contains(r#"topLeftCell="A2""#), "frozen below row 1");
    let last = rust_xlsxwriter::column_number_to_name(schema.fields.len() as u16 - 1);
    assert!(
        sheet.contains(&format!(r#"<autoFilter ref="A1:{last}3"/>"#)),
        "autofilter over header and data"
    );
    // Widths from the schema: the Nom column is 18 characters wide.
    assert!(
        sheet.contains(r#"<col min="1" max="1" width="18.7109375""#),
        "{sheet}"
    );
    // The text format (built-in 49, « @ ») is used by the text columns.
    let styles = xlsx_part(&bytes, "xl/styles.xml");
    assert!(styles.contains(r#"numFmtId="49""#), "text format");
    // Bold header.
    assert!(styles.contains("<b/>"));
}

#[test]
fn drop_downs_cover_mode_and_yes_no_columns_well_below_the_data() {
    let schema = plain_schema();
    let bytes = write_corrected(&outcome(vec![member(&schema, 2, "A")], vec![]), &schema)
        .unwrap()
        .to_vec();
    let sheet = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
    let letter = |id: &str| rust_xlsxwriter::column_number_to_name(column(&schema, id) as u16);
    for id in [
        "mode_exercice",
        "spico_dossier",
        "spico_discussion",
        "opposition",
    ] {
        let range = format!("{0}2:{0}1001", letter(id));
        assert!(
            sheet.contains(&format!(r#"sqref="{range}""#)),
            "{id}: {range}"
        );
    }
    assert!(sheet.contains(r#"<formula1>"Oui,Non"</formula1>"#));
    assert!(sheet.contains(r#"<formula1>"Libéral,Salarié,Mixte,Bénévole,Autre"</formula1>"#));
    assert!(!sheet.contains(&format!(r#"sqref="{0}2:{0}1001""#, letter("nom"))));
}

#[test]
fn drop_downs_extend_past_large_files() {
    let schema = plain_schema();
    let records = (0..1_200).map(|i| member(&schema, i + 2, "A")).collect();
    let bytes = write_corrected(&outcome(records, vec![]), &schema)
        .unwrap()
        .to_vec();
    let sheet = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
    let letter = rust_xlsxwriter::column_number_to_name(column(&schema, "spico_dossier") as u16);
    assert!(sheet.contains(&format!(r#"sqref="{letter}2:{letter}1701""#)));
}

#[test]
fn removed_rows_are_left_out_and_listed() {
    let schema = plain_schema();
    let o = outcome(
        vec![
            removed(&schema, 2, &[("nom", "EXEMPLE")], Code::RowExample),
            member(&schema, 3, "DUPONT"),
            removed(&schema, 4, &[], Code::RowBlank),
            removed(
                &schema,
                5,
                &[("nom", "SECRET"), ("identifiant", "10999999997")],
                Code::RowOpposition,
            ),
            member(&schema, 6, "MARTIN"),
        ],
        vec![
            Finding::new(Code::RowExample, "Ligne d'exemple du modèle supprimée.").at_row(2),
            Finding::new(Code::RowBlank, "Ligne vide supprimée.").at_row(4),
            // A check that leaked the member's name or value must not reach the file.
            Finding::new(Code::RowOpposition, "SECRET s'est opposé.")
                .at_row(5)
                .with_value("SECRET"),
            Finding::new(Code::RppsInvalid, "RPPS 10999999997 de SECRET")
                .at_row(5)
                .in_column("identifiant")
                .with_value("10999999997"),
        ],
    );
    let bytes = write_corrected(&o, &schema).unwrap().to_vec();
    let annuaire = sheet_text(&bytes, "Annuaire");
    let noms: Vec<&str> = annuaire[1..]
        .iter()
        .map(|r| r[column(&schema, "nom")].as_str())
        .collect();
    assert_eq!(noms, ["DUPONT", "MARTIN"]);

    let controle = sheet_text(&bytes, "Contrôle");
    assert_eq!(
        controle[0],
        [
            "Ligne",
            "Colonne",
            "Code",
            "Gravité",
            "Valeur d'origine",
            "Nouvelle valeur",
            "Message"
        ]
    );
    let lines: Vec<(&str, &str)> = controle[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            ("2", "row.example"),
            ("4", "row.blank"),
            ("5", "row.opposition")
        ]
    );
    let opposition = &controle[3];
    assert_eq!(opposition[4], "");
    assert_eq!(opposition[5], "");
    assert_eq!(opposition[3], "Information");
    let all = xlsx_all_text(&bytes);
    assert!(
        !all.contains("SECRET"),
        "nothing of the member who objected"
    );
    assert!(!all.contains("10999999997"));
}

#[test]
fn removed_rows_without_their_own_finding_are_still_listed() {
    let schema = plain_schema();
    let o = outcome(
        vec![
            member(&schema, 2, "DUPONT"),
            removed(&schema, 3, &[], Code::RowBlank),
        ],
        vec![],
    );
    let controle = sheet_text(&write_corrected(&o, &schema).unwrap().to_vec(), "Contrôle");
    assert_eq!(controle.len(), 2);
    assert_eq!(controle[1][0], "3");
    assert_eq!(controle[1][2], "row.blank");
    assert!(controle[1][6].contains("ligne vide"), "{:?}", controle[1]);
}

#[test]
fn controle_lists_every_finding_with_titles_and_french_severities() {
    let schema = plain_schema();
    let issues = vec![
        Finding::new(
            Code::ColumnUnknown,
            "La colonne « Date de naissance » est retirée.",
        )
        .with_value("Date de naissance"),
        Finding::new(Code::ValueFixed, "Zéro initial rétabli.")
            .at_row(3)
            .in_column("code_postal")
            .with_value("9100")
            .with_fixed(Some("09100")),
        Finding::new(Code::EmailSuspicious, "Vérifiez le domaine.")
            .at_row(3)
            .in_column("email")
            .with_value("a@gmial.com")
            .with_fixed(Some("a@gmail.com")),
        Finding::new(Code::RppsInvalid, "Clé du RPPS incorrecte.")
            .at_row(4)
            .in_column("identifiant")
            .with_value("10000000008"),
        Finding::new(Code::ColumnMissing, "Colonne manquante.").in_column("not_in_schema"),
    ];
    let o = outcome(
        vec![member(&schema, 3, "A"), member(&schema, 4, "B")],
        issues.clone(),
    );
    let controle = sheet_text(&write_corrected(&o, &schema).unwrap().to_vec(), "Contrôle");
    assert_eq!(controle.len(), issues.len() + 1);
    let find = |code: &str| {
        controle
            .iter()
            .find(|r| r[2] == code)
            .cloned()
            .unwrap_or_else(|| panic!("{code} missing: {controle:?}"))
    };
    // Automatic fixes are summarised by column and kind: no row number, the rows in the
    // message, one example.
    let fixed = find("value.fixed");
    assert_eq!(
        fixed[..6],
        [
            "",
            "Code postal",
            "value.fixed",
            "Information",
            "9100",
            "09100"
        ]
    );
    assert!(
        fixed[6].starts_with("1 cellule corrigée automatiquement (valeur complétée"),
        "{fixed:?}"
    );
    assert!(fixed[6].contains(", ligne 3."), "{fixed:?}");
    assert_eq!(find("email.suspicious")[3], "Avertissement");
    assert_eq!(find("rpps.invalid")[1], "RPPS / ADELI");
    assert_eq!(find("rpps.invalid")[3], "Erreur");
    assert_eq!(find("column.unknown")[0], "", "file-level: no row");
    assert_eq!(find("column.missing")[1], "not_in_schema");
    // File-level lines first, then the summarised fixes, then by row.
    assert_eq!(controle[1][2], "column.unknown");
    assert_eq!(controle[2][2], "column.missing");
    assert_eq!(controle[3][2], "value.fixed");
    assert_eq!(controle[4][0], "3");
    assert_eq!(controle[5][0], "4");
    // The value stays text in « Contrôle » too.
    let grid = sheet_grid(&write_corrected(&o, &schema).unwrap().to_vec(), "Contrôle");
    assert!(grid.iter().any(|r| r[4] == Data::String("9100".into())));
}

#[test]
fn cells_with_errors_are_highlighted_with_a_note() {
    let schema = plain_schema();
    let mut bad = member(&schema, 7, "MARTIN");
    bad.values[column(&schema, "identifiant")] = "10000000008".into();
    bad.values[column(&schema, "commune")] = "".into();
    let o = outcome(
        vec![member(&schema, 6, "DUPONT"), bad],
        vec![
            Finding::new(Code::RppsInvalid, "La clé du numéro RPPS est fausse.")
                .at_row(7)
                .in_column("identifiant")
                .with_value("10000000008"),
            Finding::new(Code::ValueRequired, "La commune est obligatoire.")
                .at_row(7)
                .in_column("commune"),
            Finding::new(Code::RowDuplicate, "Même adhérent que la ligne 6.").at_row(7),
            // Warnings and notices are not highlighted.
            Finding::new(Code::EmailSuspicious, "Domaine douteux.")
                .at_row(6)
                .in_column("email"),
        ],
    );
    let bytes = write_corrected(&o, &schema).unwrap().to_vec();
    let comments = xlsx_part(&bytes, "xl/comments1.xml");
    let letter = |id: &str| rust_xlsxwriter::column_number_to_name(column(&schema, id) as u16);
    // Output row 3 holds source row 7.
    for (id, message) in [
        ("identifiant", "La clé du numéro RPPS est fausse."),
        ("commune", "La commune est obligatoire."),
        ("nom", "Même adhérent que la ligne 6."),
    ] {
        assert!(
            comments.contains(&format!(r#"ref="{}3""#, letter(id))),
            "{id}: {comments}"
        );
        assert!(comments.contains(message), "{message}");
    }
    assert!(!comments.contains("Domaine douteux"));
    assert_eq!(comments.matches("<comment ").count(), 3);
    // The highlighted cells carry a fill that the others do not.
    let sheet = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
    let style_of = |cell: &str| -> String {
        let at = sheet.find(&format!(r#"<c r="{cell}""#)).unwrap();
        let tail = &sheet[at..];
        let end = tail.find('>').unwrap();
        tail[..end]
            .split(' ')
            .find_map(|a| a.strip_prefix("s=\""))
            .map(|s| s.trim_end_matches(['"', '/']).to_string())
            .unwrap_or_default()
    };
    let bad_id = style_of(&format!("{}3", letter("identifiant")));
    let good_id = style_of(&format!("{}2", letter("identifiant")));
    assert_ne!(bad_id, good_id);
    // The empty required cell is written (blank, highlighted).
    assert!(sheet.contains(&format!(r#"<c r="{}3""#, letter("commune"))));
    let styles = xlsx_part(&bytes, "xl/styles.xml");
    assert!(styles.contains("FFFFC7CE"), "error fill");
    // The value with an error is still written as it is.
    assert_eq!(
        sheet_text(&bytes, "Annuaire")[2][column(&schema, "identifiant")],
        "10000000008"
    );
}

#[test]
fn blanked_nir_never_reaches_the_file() {
    let schema = plain_schema();
    let mut r = member(&schema, 2, "DUPONT");
    let adresse = column(&schema, "adresse");
    // check.rs blanks the value and masks the original; the writer must not undo it.
    r.values[adresse] = "".into();
    r.original.push((adresse, "185••••••••••••".into()));
    let o = outcome(
        vec![r],
        vec![
            Finding::new(Code::NirDetected, "Numéro de sécurité sociale retiré.")
                .at_row(2)
                .in_column("adresse")
                .with_value("185••••••••••••"),
        ],
    );
    let bytes = write_corrected(&o, &schema).unwrap().to_vec();
    let all = xlsx_all_text(&bytes);
    assert!(!all.contains("1850775123456"));
    assert_eq!(sheet_text(&bytes, "Annuaire")[1][adresse], "");
    assert!(sheet_text(&bytes, "Contrôle")[1][4].starts_with("185•"));
}

#[test]
fn empty_outcome_still_gives_a_usable_workbook() {
    let schema = plain_schema();
    let bytes = write_corrected(&outcome(vec![], vec![]), &schema)
        .unwrap()
        .to_vec();
    let grid = sheet_grid(&bytes, "Annuaire");
    assert_eq!(grid.len(), 1, "headers only");
    let empty_schema = Schema {
        name: "vide".into(),
        fields: vec![],
    };
    assert!(write_corrected(&outcome(vec![], vec![]), &empty_schema).is_ok());
    assert!(write_template(&empty_schema).is_ok());
}

#[test]
fn hostile_values_are_written_as_plain_text() {
    let schema = plain_schema();
    let mut r = member(&schema, 2, "=HYPERLINK(\"http://x\")");
    r.values[column(&schema, "adresse")] = "<img src=x onerror=alert(1)>".into();
    r.values[column(&schema, "structure")] = "x".repeat(40_000).into();
    let bytes = write_corrected(&outcome(vec![r], vec![]), &schema)
        .unwrap()
        .to_vec();
    let grid = sheet_grid(&bytes, "Annuaire");
    assert_eq!(
        grid[1][column(&schema, "nom")],
        Data::String("=HYPERLINK(\"http://x\")".into())
    );
    assert_eq!(
        grid[1][column(&schema, "adresse")],
        Data::String("<img src=x onerror=alert(1)>".into())
    );
    let sheet = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("<f>"), "no formula written");
}

#[test]
fn template_without_reference_columns_has_one_marked_example_row() {
    let schema = plain_schema();
    let bytes = write_template(&schema).unwrap().to_vec();
    let names: Vec<String> = sheets(&bytes).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["Annuaire", "Instructions"]);
    let grid = sheet_text(&bytes, "Annuaire");
    assert_eq!(grid.len(), 2);
    assert_eq!(grid[1][column(&schema, "nom")], "EXEMPLE");
    assert_eq!(grid[1][column(&schema, "identifiant")], "12345678901");
    let comments = xlsx_part(&bytes, "xl/comments1.xml");
    assert!(comments.contains("Ligne d'exemple : à supprimer"));
    assert!(comments.contains(r#"ref="A2""#));
}

#[test]
fn libreoffice_reads_the_corrected_values_as_written() {
    let schema = plain_schema();
    let mut second = member(&schema, 5, "MARTIN");
    second.values[column(&schema, "identifiant")] = "010234567".into();
    second.values[column(&schema, "code_postal")] = "01000".into();
    second.values[column(&schema, "telephone")] = "0612345678".into();
    let o = outcome(vec![member(&schema, 3, "DUPONT"), second], vec![]);
    let csv = libreoffice_csv(
        &write_corrected(&o, &schema).unwrap().to_vec(),
        "corrected-plain",
    );
    let titles: Vec<String> = schema.fields.iter().map(|f| f.title.clone()).collect();
    assert_eq!(csv[0], titles);
    let cell = |r: usize, id: &str| csv[r][column(&schema, id)].clone();
    assert_eq!(cell(1, "code_postal"), "09100");
    assert_eq!(cell(2, "code_postal"), "01000");
    assert_eq!(cell(2, "identifiant"), "010234567");
    assert_eq!(cell(1, "identifiant"), "10000000009");
    assert_eq!(cell(2, "telephone"), "0612345678");
    assert_eq!(cell(1, "mode_exercice"), "Libéral");
}

/// A member in the full default schema, profession and date included.
fn full_member(schema: &Schema, row: u32, nom: &str) -> Record {
    record(
        schema,
        row,
        &[
            ("nom", nom),
            ("prenom", "Jeanne"),
            ("profession", "Infirmier"),
            ("identifiant", "10000000009"),
            ("mode_exercice", "Libéral"),
            ("code_postal", "09100"),
            ("commune", "Pamiers"),
            ("telephone", "05 61 12 34 56"),
            ("email", "jeanne@example.org"),
            ("spico_dossier", "Oui"),
            ("spico_discussion", "Non"),
            ("date_adhesion", "05/03/2024"),
            ("opposition", "Non"),
        ],
    )
}

#[test]
fn profession_list_lives_on_a_hidden_sheet() {
    let schema = Schema::default();
    let bytes = write_corrected(
        &outcome(vec![full_member(&schema, 2, "A")], vec![]),
        &schema,
    )
    .unwrap()
    .to_vec();
    assert_eq!(
        sheets(&bytes),
        vec![
            ("Annuaire".to_string(), true),
            ("Contrôle".to_string(), true),
            ("Listes".to_string(), false)
        ]
    );
    let labels = annuaire_cpts::rules::profession::labels();
    assert!(
        labels.join(",").len() > 255,
        "the hidden sheet is only needed past Excel's limit"
    );
    let listed: Vec<String> = sheet_text(&bytes, "Listes")
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(listed, labels);
    let sheet = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
    let letter = rust_xlsxwriter::column_number_to_name(column(&schema, "profession") as u16);
    assert!(sheet.contains(&format!(
        "<formula1>Listes!$A$1:$A${}</formula1>",
        labels.len()
    )));
    assert!(sheet.contains(&format!(r#"sqref="{letter}2:{letter}1001""#)));
}

#[test]
fn dates_are_real_dates_in_french_format() {
    let schema = Schema::default();
    let mut odd = full_member(&schema, 3, "B");
    // A value the check left as typed (an error): written as text, not lost.
    odd.values[column(&schema, "date_adhesion")] = "31/02/2024".into();
    let bytes = write_corrected(
        &outcome(vec![full_member(&schema, 2, "A"), odd], vec![]),
        &schema,
    )
    .unwrap()
    .to_vec();
    let grid = sheet_grid(&bytes, "Annuaire");
    let date = column(&schema, "date_adhesion");
    assert!(
        matches!(grid[1][date], Data::DateTime(_)),
        "{:?}",
        grid[1][date]
    );
    assert_eq!(sheet_text(&bytes, "Annuaire")[1][date], "05/03/2024");
    assert_eq!(grid[2][date], Data::String("31/02/2024".into()));
    let styles = xlsx_part(&bytes, "xl/styles.xml");
    assert!(styles.contains(r#"formatCode="dd/mm/yyyy""#));
}

#[test]
fn libreoffice_reads_the_full_corrected_file_as_written() {
    let schema = Schema::default();
    let mut second = full_member(&schema, 5, "MARTIN");
    second.values[column(&schema, "code_postal")] = "01000".into();
    second.values[column(&schema, "identifiant")] = "010234567".into();
    second.values[column(&schema, "date_adhesion")] = "28/11/2019".into();
    let o = outcome(vec![full_member(&schema, 3, "DUPONT"), second], vec![]);
    let csv = libreoffice_csv(
        &write_corrected(&o, &schema).unwrap().to_vec(),
        "corrected-full",
    );
    assert_eq!(csv.len(), 3, "{csv:?}");
    let cell = |r: usize, id: &str| csv[r][column(&schema, id)].clone();
    assert_eq!(cell(1, "date_adhesion"), "05/03/2024");
    assert_eq!(cell(2, "date_adhesion"), "28/11/2019");
    assert_eq!(cell(2, "code_postal"), "01000");
    assert_eq!(cell(2, "identifiant"), "010234567");
    assert_eq!(cell(1, "identifiant"), "10000000009");
    assert_eq!(cell(1, "telephone"), "05 61 12 34 56");
    assert_eq!(cell(1, "profession"), "Infirmier");
}

#[test]
fn template_has_headers_drop_downs_one_example_and_instructions() {
    let schema = Schema::default();
    let bytes = write_template(&schema).unwrap().to_vec();
    assert_eq!(
        sheets(&bytes),
        vec![
            ("Annuaire".to_string(), true),
            ("Instructions".to_string(), true),
            ("Listes".to_string(), false)
        ]
    );
    let grid = sheet_text(&bytes, "Annuaire");
    assert_eq!(grid.len(), 2, "headers and one example row");
    let titles: Vec<String> = schema.fields.iter().map(|f| f.title.clone()).collect();
    assert_eq!(grid[0], titles);
    let example = |id: &str| grid[1][column(&schema, id)].clone();
    assert_eq!(example("nom"), "EXEMPLE");
    assert_eq!(example("prenom"), "Jean");
    assert!(annuaire_cpts::rules::profession::labels().contains(&example("profession").as_str()));
    assert_eq!(example("identifiant"), "12345678901");
    assert_eq!(example("telephone"), "00 00 00 00 00");
    assert_eq!(example("email"), "exemple@exemple.fr");
    assert_eq!(example("date_adhesion"), "15/01/2024");
    let comments = xlsx_part(&bytes, "xl/comments1.xml");
    assert!(comments.contains("Ligne d'exemple : à supprimer"));
    let sheet = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
    assert_eq!(
        sheet.matches("<dataValidation ").count(),
        5,
        "profession, mode, 3 × Oui/Non"
    );
    assert!(sheet.contains(r#"state="frozen""#));
    let instructions = sheet_text(&bytes, "Instructions").concat().join("\n");
    for field in &schema.fields {
        assert!(
            instructions.contains(&field.title),
            "{} explained",
            field.title
        );
    }
    for needle in [
        "NIR",
        "donnée de santé",
        "Opposition à la transmission",
        "Nextcloud",
        "Annuaire_CPTS_Du_Centre_TARN_2023.xlsx",
        "un an",
    ] {
        assert!(
            instructions.contains(needle),
            "instructions mention {needle}"
        );
    }
}

#[test]
fn libreoffice_reads_the_template_example_as_text_and_dates() {
    let csv = libreoffice_csv(
        &write_template(&Schema::default()).unwrap().to_vec(),
        "template",
    );
    let schema = Schema::default();
    assert_eq!(csv.len(), 2, "{csv:?}");
    let cell = |id: &str| csv[1][column(&schema, id)].clone();
    assert_eq!(cell("identifiant"), "12345678901");
    assert_eq!(cell("code_postal"), "31000");
    assert_eq!(cell("telephone"), "00 00 00 00 00");
    assert_eq!(cell("date_adhesion"), "15/01/2024");
    assert_eq!(cell("nom"), "EXEMPLE");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Whatever the values (control characters, XML specials, look-alike numbers and
    /// formulas), the workbook is written and reads back with exactly the same text.
    #[test]
    fn any_values_are_written_and_read_back_unchanged(
        values in proptest::collection::vec("\\PC{0,30}|[0-9 .+E-]{1,15}|[=@+-][A-Z0-9(),]{0,10}|[\\x00-\\x1f<>&\"']{1,5}", 1..6)
    ) {
        let schema = plain_schema();
        let ids = ["nom", "identifiant", "code_postal", "telephone", "adresse", "commune"];
        let records: Vec<Record> = values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let cells: Vec<(&str, &str)> = ids.iter().map(|id| (*id, v.as_str())).collect();
                record(&schema, i as u32 + 2, &cells)
            })
            .collect();
        let bytes = write_corrected(&outcome(records, vec![]), &schema).unwrap().to_vec();
        let grid = sheet_grid(&bytes, "Annuaire");
        for (i, v) in values.iter().enumerate() {
            for id in ids {
                let got = grid
                    .get(i + 1)
                    .and_then(|r| r.get(column(&schema, id)))
                    .cloned()
                    .unwrap_or(Data::Empty);
                let expected = if v.is_empty() { Data::Empty } else { Data::String(v.clone()) };
                proptest::prop_assert_eq!(got, expected, "{} row {}", id, i);
            }
        }
    }
}

#[test]
fn corrected_workbook_reads_back_with_its_types_and_notes() {
    let schema = Schema::default();
    let mut second = full_member(&schema, 5, "MARTIN");
    second.values[column(&schema, "identifiant")] = "010234567".into();
    second.values[column(&schema, "code_postal")] = "01000".into();
    second.values[column(&schema, "commune")] = "".into();
    let o = outcome(
        vec![full_member(&schema, 3, "DUPONT"), second],
        vec![
            Finding::new(Code::ValueRequired, "La commune est obligatoire.")
                .at_row(5)
                .in_column("commune"),
            Finding::new(Code::RppsInvalid, "La clé est fausse.")
                .at_row(5)
                .in_column("identifiant"),
        ],
    );
    let bytes = write_corrected(&o, &schema).unwrap().to_vec();
    let grid = sheet_grid(&bytes, "Annuaire");
    let cell = |r: usize, id: &str| grid[r][column(&schema, id)].clone();
    for r in [1, 2] {
        for id in [
            "identifiant",
            "code_postal",
            "telephone",
            "nom",
            "profession",
        ] {
            assert!(
                matches!(cell(r, id), Data::String(_)),
                "{id}: {:?}",
                cell(r, id)
            );
        }
        assert!(
            matches!(cell(r, "date_adhesion"), Data::DateTime(_)),
            "{:?}",
            cell(r, "date_adhesion")
        );
    }
    assert_eq!(cell(2, "identifiant"), Data::String("010234567".into()));
    assert_eq!(cell(2, "commune"), Data::Empty, "blank, highlighted");
    // « Contrôle »: row numbers are numbers, the rest text.
    let controle = sheet_grid(&bytes, "Contrôle");
    assert_eq!(controle.len(), 3);
    assert!(matches!(controle[1][0], Data::Float(_) | Data::Int(_)));
    assert_eq!(controle[1][0].to_string(), "5");
    assert_eq!(controle[1][2], Data::String("value.required".into()));
    // One note per cell with an error, each with its box, and every part declared.
    let comments = xlsx_part(&bytes, "xl/comments1.xml");
    assert_eq!(comments.matches("<comment ").count(), 2);
    let commune = format!(r#"ref="{}3""#, letter(column(&schema, "commune")));
    assert!(comments.contains(&commune), "{comments}");
    let vml = xlsx_part(&bytes, "xl/drawings/vmlDrawing1.vml");
    assert_eq!(vml.matches("<v:shape ").count(), 2);
    let sheet = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.ends_with(r#"<legacyDrawing r:id="rId1"/></worksheet>"#));
    assert!(xlsx_part(&bytes, "xl/worksheets/_rels/sheet1.xml.rels").contains("vmlDrawing1.vml"));
    let types = xlsx_part(&bytes, "[Content_Types].xml");
    assert!(types.contains("/xl/comments1.xml"));
    // First in the zip, where file-type sniffers look for it.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    assert_eq!(
        zip.by_index(0).unwrap().name().unwrap(),
        "[Content_Types].xml"
    );
    assert!(types.contains(r#"Extension="vml""#));
    // Element order (ECMA-376): a strict reader refuses another.
    let order = [
        "<dimension ",
        "<sheetViews>",
        "<sheetFormatPr ",
        "<cols>",
        "<sheetData>",
        "<autoFilter ",
        "<dataValidations ",
        "<pageMargins ",
        "<legacyDrawing ",
    ];
    let positions: Vec<usize> = order.iter().map(|tag| sheet.find(tag).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

/// The letters of a 0-based column.
fn letter(col: usize) -> String {
    rust_xlsxwriter::column_number_to_name(col as u16)
}

#[test]
fn hostile_text_round_trips_through_calamine_and_libreoffice() {
    let schema = plain_schema();
    let hostile = [
        "<img src=x onerror=alert(1)>",
        "a]]>b & c \"d\" 'e'",
        "tab\there, new\nline, vt\u{b}, nul\u{0}, esc\u{1b}",
        "_x0041_ stays literal",
        "  spaces around  ",
        "😀 Hélène",
    ];
    let ids = ["nom", "prenom", "adresse", "structure", "commune", "email"];
    let mut r = member(&schema, 2, "X");
    for (id, value) in ids.iter().zip(hostile) {
        r.values[column(&schema, id)] = (*value).into();
    }
    let findings = hostile
        .iter()
        .map(|h| {
            Finding::new(Code::ValueRequired, *h)
                .at_row(2)
                .in_column("nom")
        })
        .collect();
    let bytes = write_corrected(&outcome(vec![r], findings), &schema)
        .unwrap()
        .to_vec();
    let grid = sheet_text(&bytes, "Annuaire");
    for (id, value) in ids.iter().zip(hostile) {
        assert_eq!(grid[1][column(&schema, id)], value, "{id}");
    }
    let messages: Vec<String> = sheet_text(&bytes, "Contrôle")
        .into_iter()
        .skip(1)
        .map(|row| row[6].clone())
        .collect();
    assert_eq!(messages, hostile);
    let comments = xlsx_part(&bytes, "xl/comments1.xml");
    assert!(comments.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(comments.contains("vt_x000B_, nul_x0000_"));
    assert!(!comments.contains('\u{b}') && !comments.contains('\u{0}'));
    // LibreOffice opens it (a malformed part would fail the conversion) and reads the same.
    let csv = libreoffice_csv(&bytes, "hostile");
    assert_eq!(csv[1][column(&schema, "nom")], hostile[0]);
    assert_eq!(csv[1][column(&schema, "structure")], hostile[3]);
}

#[test]
fn template_instructions_declare_their_used_range() {
    let bytes = write_template(&Schema::default()).unwrap().to_vec();
    let sheet = xlsx_part(&bytes, "xl/worksheets/sheet2.xml");
    let dimension = sheet
        .split(r#"<dimension ref="A1:D"#)
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap();
    let last_row = sheet
        .rsplit(r#"<row r=""#)
        .next()
        .and_then(|s| s.split('"').next())
        .unwrap();
    assert_eq!(dimension, last_row);
}

#[test]
fn texts_the_outcome_shares_are_written_once_through_shared_strings() {
    let schema = Schema::default();
    let profession = column(&schema, "profession");
    // As the check hands them out: one allocation of « Infirmier » and of the fix's message
    // for every row that needs them.
    let infirmier: Arc<str> = Arc::from("Infirmier");
    let message: Arc<str> = Arc::from("« inf » remplacé par « Infirmier ».");
    let mut records = Vec::new();
    let mut issues = Vec::new();
    for row in 2..12 {
        let mut r = member(&schema, row, &format!("NOM{row}"));
        r.values[profession] = Arc::clone(&infirmier);
        records.push(r);
        issues.push(
            Finding::new(Code::ModeInvalid, Arc::clone(&message))
                .at_row(row)
                .in_column("profession")
                .with_value("inf")
                .with_fixed(Some(Arc::clone(&infirmier))),
        );
    }
    let bytes = write_corrected(&outcome(records, issues), &schema)
        .unwrap()
        .to_vec();

    let shared = xlsx_part(&bytes, "xl/sharedStrings.xml");
    assert_eq!(shared.matches("<t>Infirmier</t>").count(), 1, "{shared}");
    assert_eq!(shared.matches("remplacé par").count(), 1, "{shared}");
    let annuaire = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(!annuaire.contains("Infirmier"));
    // A text of one row stays inline.
    assert!(annuaire.contains("<t>NOM2</t>"));
    let controle = xlsx_part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(!controle.contains("remplacé par"));

    // Readers resolve them all the same.
    let rows = sheet_text(&bytes, "Annuaire");
    assert_eq!(rows.len(), 11);
    assert!(rows.iter().skip(1).all(|r| r[profession] == "Infirmier"));
    let lines = sheet_text(&bytes, "Contrôle");
    assert_eq!(lines.len(), 11);
    assert!(lines
        .iter()
        .skip(1)
        .all(|l| l[5] == "Infirmier" && l[6] == "« inf » remplacé par « Infirmier »."));
}
