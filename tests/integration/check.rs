//! Integration tests: check. Tables are built directly (the reader is tested on its own), with
//! the default schema's 17 columns in schema order, the header on row 1 and data from row 2.

use std::sync::Arc;

use annuaire_cpts::check::CellRef;
use annuaire_cpts::{
    check, Cell, CellKind, CheckOptions, Code, Column, Finding, Outcome, Row, Schema, Severity,
    Table, Ymd,
};

const TODAY: Ymd = Ymd {
    year: 2026,
    month: 3,
    day: 1,
};

/// A synthetic NIR with a valid key (never a real person's).
const NIR: &str = "1 85 05 31 555 123 ";

/// A valid key for the 13 digits of [`NIR`].
fn nir() -> String {
    let body: String = NIR.chars().filter(char::is_ascii_digit).collect();
    let n: u64 = body.parse().unwrap();
    format!("{NIR}{:02}", 97 - n % 97)
}

/// A complete, valid member, in schema order.
fn member() -> Vec<(&'static str, String)> {
    [
        ("nom", "MARTIN"),
        ("prenom", "Luc"),
        ("profession", "Infirmier"),
        ("specialite", ""),
        ("identifiant", "10000000009"),
        ("mode_exercice", "Libéral"),
        ("structure", "MSP des Coteaux"),
        ("adresse", "12 rue des Lilas"),
        ("code_postal", "31000"),
        ("commune", "Toulouse"),
        ("telephone", "05 61 12 34 56"),
        ("email", "luc.martin@orange.fr"),
        ("mssante", ""),
        ("spico_dossier", "Oui"),
        ("spico_discussion", "Non"),
        ("date_adhesion", "15/09/2023"),
        ("opposition", "Non"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_string()))
    .collect()
}

/// A member with some fields changed.
fn with(changes: &[(&str, &str)]) -> Vec<(&'static str, String)> {
    let mut m = member();
    for (field, value) in changes {
        let slot = m.iter_mut().find(|(k, _)| k == field).unwrap();
        slot.1 = value.to_string();
    }
    m
}

/// A synthetic RPPS (`100000…` + Luhn key), distinct for each `n`.
fn rpps(n: u32) -> String {
    let body = format!("1{n:09}");
    (0..10)
        .map(|key| format!("{body}{key}"))
        .find(|candidate| annuaire_cpts::rules::rpps::is_valid(candidate))
        .unwrap()
}

/// The `n`th distinct valid member, with some fields changed.
fn person(n: u32, changes: &[(&str, &str)]) -> Vec<(&'static str, String)> {
    const NAMES: [&str; 6] = ["MARTIN", "DURAND", "BERNARD", "PETIT", "ROBERT", "RICHARD"];
    let nom = NAMES[n as usize % NAMES.len()];
    let id = rpps(n + 1);
    let email = format!("{}@orange.fr", nom.to_lowercase());
    let mut all = vec![
        ("nom", nom),
        ("identifiant", id.as_str()),
        ("email", email.as_str()),
    ];
    all.extend_from_slice(changes);
    with(&all)
}

/// Another valid member (different name and identifier).
fn other() -> Vec<(&'static str, String)> {
    with(&[
        ("nom", "DURAND"),
        ("prenom", "Anne"),
        ("identifiant", "10999999997"),
        ("email", "anne.durand@orange.fr"),
    ])
}

fn column(index: usize, header: &str, field: Option<&str>) -> Column {
    Column {
        index,
        header: header.into(),
        field: field.map(String::from),
    }
}

/// A table of the default schema's columns, then `extra` unknown columns; rows from row 2.
fn table_with(rows: &[Vec<(&'static str, String)>], extra: &[(&str, Vec<&str>)]) -> Table {
    let schema = Schema::default();
    let mut columns: Vec<Column> = schema
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| column(i, &f.title, Some(&f.id)))
        .collect();
    for (j, (header, _)) in extra.iter().enumerate() {
        columns.push(column(schema.fields.len() + j, header, None));
    }
    let rows = rows
        .iter()
        .enumerate()
        .map(|(r, fields)| {
            let mut cells: Vec<Cell> = fields.iter().map(|(_, v)| Cell::text(v.clone())).collect();
            for (_, values) in extra {
                cells.push(Cell::text(values.get(r).copied().unwrap_or("")));
            }
            Row {
                number: 2 + r as u32,
                cells,
            }
        })
        .collect();
    Table {
        sheet: "Adhérents".into(),
        sheets: vec!["Adhérents".into()],
        header_row: 1,
        columns,
        rows,
    }
}

fn table(rows: &[Vec<(&'static str, String)>]) -> Table {
    table_with(rows, &[])
}

fn options() -> CheckOptions {
    CheckOptions {
        today: TODAY,
        cpts: None,
        year: None,
        refused_fixes: vec![],
    }
}

fn run(table: &Table) -> Outcome {
    check("annuaire.xlsx", table, &[], &Schema::default(), &options())
}

/// The findings of one row, as (code, column).
fn at_row(outcome: &Outcome, row: u32) -> Vec<(Code, Option<Arc<str>>)> {
    outcome
        .report
        .issues
        .iter()
        .filter(|f| f.row == Some(row))
        .map(|f| (f.code, f.column.clone()))
        .collect()
}

fn find(outcome: &Outcome, row: u32, code: Code) -> Finding {
    outcome
        .report
        .issues
        .iter()
        .find(|f| f.row == Some(row) && f.code == code)
        .cloned()
        .unwrap_or_else(|| panic!("no {code} on row {row}: {:#?}", outcome.report.issues))
}

fn value(outcome: &Outcome, row: u32, field: &str) -> String {
    let i = Schema::default().position(field).unwrap();
    let record = outcome.records.iter().find(|r| r.row == row).unwrap();
    record.values[i].to_string()
}

fn col(id: &str) -> Option<Arc<str>> {
    Some(id.into())
}

#[test]
fn a_valid_member_passes_untouched() {
    let outcome = run(&table(&[member()]));
    assert_eq!(
        outcome.report.issues,
        vec![],
        "{:#?}",
        outcome.report.issues
    );
    let expected: Vec<String> = member().into_iter().map(|(_, v)| v).collect();
    let values: Vec<&str> = outcome.records[0].values.iter().map(|v| &**v).collect();
    assert_eq!(values, expected);
    let original: Vec<&str> = (0..expected.len())
        .map(|i| outcome.records[0].original_text(i))
        .collect();
    assert_eq!(original, expected);
    // Nothing was fixed: no copy of the original kept.
    assert!(outcome.records[0].original.is_empty());
    assert_eq!(outcome.records[0].removed, None);
    assert_eq!((outcome.report.rows_read, outcome.report.rows_kept), (1, 1));
}

#[test]
fn the_report_describes_the_table() {
    let mut t = table_with(&[member()], &[("Commentaire", vec!["RAS"])]);
    t.columns.swap(0, 1);
    let read = vec![Finding::new(Code::ColumnUnknown, "Colonne inconnue").in_column("Commentaire")];
    let outcome = check(
        "Annuaire 2026.xlsx",
        &t,
        &read,
        &Schema::default(),
        &options(),
    );
    let r = &outcome.report;
    assert_eq!(r.file, "Annuaire 2026.xlsx");
    assert_eq!(r.sheet.as_deref(), Some("Adhérents"));
    assert_eq!(r.header_row, Some(1));
    assert_eq!(r.columns.len(), 17);
    assert_eq!(
        (
            r.columns[0].id.as_str(),
            r.columns[0].header.as_str(),
            r.columns[0].index
        ),
        ("prenom", "Prénom", 1)
    );
    assert_eq!(r.issues, read);
    assert_eq!(r.summary.warning, 1);
    assert_eq!(r.filename, None);
}

#[test]
fn fixes_are_applied_and_reported() {
    let outcome = run(&table(&[with(&[
        ("nom", "martin"),
        ("prenom", "luc"),
        ("mode_exercice", "lib."),
        ("spico_dossier", "x"),
        ("date_adhesion", "2023-09-15"),
    ])]));
    let findings = at_row(&outcome, 2);
    assert_eq!(
        findings,
        vec![
            (Code::ValueFixed, col("nom")),
            (Code::ValueFixed, col("prenom")),
            (Code::ValueFixed, col("mode_exercice")),
            (Code::ValueFixed, col("spico_dossier")),
            (Code::ValueFixed, col("date_adhesion")),
        ]
    );
    assert_eq!(value(&outcome, 2, "nom"), "MARTIN");
    assert_eq!(value(&outcome, 2, "mode_exercice"), "Libéral");
    assert_eq!(value(&outcome, 2, "date_adhesion"), "15/09/2023");
    let f = find(&outcome, 2, Code::ValueFixed);
    assert_eq!(
        (f.value.as_deref(), f.fixed.as_deref()),
        (Some("martin"), Some("MARTIN"))
    );
    assert_eq!(outcome.records[0].original_text(0), "martin");
}

#[test]
fn refused_fixes_keep_the_original_text() {
    let t = table(&[with(&[("nom", "martin"), ("prenom", "luc")])]);
    let mut opts = options();
    opts.refused_fixes = vec![CellRef {
        row: 2,
        column: "nom".into(),
    }];
    let outcome = check("a.xlsx", &t, &[], &Schema::default(), &opts);
    assert_eq!(value(&outcome, 2, "nom"), "martin");
    assert_eq!(value(&outcome, 2, "prenom"), "Luc");
    assert_eq!(at_row(&outcome, 2), vec![(Code::ValueFixed, col("prenom"))]);
}

#[test]
fn blank_rows_are_removed_with_a_notice() {
    let blank: Vec<(&str, String)> = member()
        .into_iter()
        .map(|(k, _)| (k, String::new()))
        .collect();
    let outcome = run(&table(&[member(), blank.clone(), other(), blank]));
    assert_eq!(at_row(&outcome, 3), vec![(Code::RowBlank, None)]);
    assert_eq!(at_row(&outcome, 5), vec![(Code::RowBlank, None)]);
    assert_eq!((outcome.report.rows_read, outcome.report.rows_kept), (4, 2));
    assert_eq!(outcome.records[1].removed, Some(Code::RowBlank));
    assert_eq!(outcome.records.len(), 4);
}

#[test]
fn the_template_example_row_is_removed_only_when_first() {
    let example = with(&[("nom", "EXEMPLE"), ("identifiant", "12345678901")]);
    let outcome = run(&table(&[example.clone(), member(), example]));
    assert_eq!(at_row(&outcome, 2), vec![(Code::RowExample, None)]);
    assert_eq!(outcome.records[0].removed, Some(Code::RowExample));
    // The same row further down is a member with errors, never removed.
    assert_eq!(outcome.records[2].removed, None);
    assert!(at_row(&outcome, 4).contains(&(Code::RppsInvalid, col("identifiant"))));
    assert_eq!(outcome.report.rows_kept, 2);
}

#[test]
fn placeholders_need_two_signals() {
    let dupont = with(&[("nom", "DUPONT"), ("prenom", "Jean")]);
    let outcome = run(&table(std::slice::from_ref(&dupont)));
    assert_eq!(outcome.records[0].removed, None, "a real Jean Dupont stays");
    let placeholder = with(&[
        ("nom", "DUPONT"),
        ("prenom", "Jean"),
        ("telephone", "00 00 00 00 00"),
    ]);
    let outcome = run(&table(&[placeholder]));
    assert_eq!(outcome.records[0].removed, Some(Code::RowExample));
}

#[test]
fn opposition_leaves_nothing_of_the_member() {
    let nir = nir();
    let opposed = with(&[
        ("nom", "secret"),
        ("prenom", "PERSONNE"),
        ("identifiant", "123"),
        ("adresse", &nir),
        ("structure", "patient en ALD"),
        ("opposition", "oui"),
    ]);
    let t = table_with(
        &[member(), opposed],
        &[("Date de naissance", vec!["", "01/02/1980"])],
    );
    let outcome = run(&t);
    let row3: Vec<&Finding> = outcome
        .report
        .issues
        .iter()
        .filter(|f| f.row == Some(3))
        .collect();
    assert_eq!(row3.len(), 1);
    let f = row3[0];
    assert_eq!(
        (f.code, &f.column, &f.value, &f.fixed),
        (Code::RowOpposition, &None, &None, &None)
    );
    let record = &outcome.records[1];
    assert_eq!(record.removed, Some(Code::RowOpposition));
    assert!(record.values.iter().all(|v| v.is_empty()));
    assert!((0..record.values.len()).all(|i| record.original_text(i).is_empty()));
    let json = serde_json::to_string(&outcome).unwrap();
    for secret in [
        "secret",
        "SECRET",
        "PERSONNE",
        "Personne",
        "ALD",
        "1980",
        &nir[..6],
    ] {
        assert!(!json.contains(secret), "{secret} leaked: {json}");
    }
    assert_eq!(outcome.report.rows_kept, 1);
}

#[test]
fn a_nir_is_blanked_and_masked_wherever_it_is() {
    let nir = nir();
    let compact: String = nir.chars().filter(|c| !c.is_whitespace()).collect();
    let t = table_with(
        &[with(&[
            ("identifiant", &compact),
            ("adresse", &format!("NIR {nir}")),
        ])],
        &[("Remarques", vec![&nir])],
    );
    let outcome = run(&t);
    let nirs: Vec<&Finding> = outcome
        .report
        .issues
        .iter()
        .filter(|f| f.code == Code::NirDetected)
        .collect();
    assert_eq!(nirs.len(), 3, "{:#?}", outcome.report.issues);
    assert_eq!(nirs[0].column, col("identifiant"));
    assert_eq!(nirs[1].column, col("adresse"));
    assert_eq!(nirs[2].column, col("Remarques"));
    for f in &nirs {
        assert_eq!(f.severity, Severity::Error);
        assert!(f.value.as_deref().is_some_and(|v| v.contains('•')));
        assert_eq!(f.fixed, None);
    }
    // Blanked, but not also reported missing.
    assert_eq!(value(&outcome, 2, "identifiant"), "");
    assert_eq!(value(&outcome, 2, "adresse"), "");
    assert!(!at_row(&outcome, 2)
        .iter()
        .any(|(c, _)| *c == Code::IdentifierMissing));
    let record = &outcome.records[0];
    let original = record.original_text(4);
    assert!(original.starts_with(&compact[..3]) && original.contains('•'));
    let json = serde_json::to_string(&outcome).unwrap();
    assert!(
        !json.contains(&compact[3..]) && !json.contains(&nir[3..]),
        "{json}"
    );
}

#[test]
fn formula_errors_get_the_field_s_own_code() {
    let mut t = table(&[member()]);
    for cell in &mut t.rows[0].cells {
        *cell = Cell::new("#N/A", CellKind::Error);
    }
    t.rows[0].cells[0] = Cell::new("#REF!", CellKind::Error);
    let outcome = run(&t);
    let expected = [
        ("nom", Code::ValueRequired),
        ("prenom", Code::ValueRequired),
        ("profession", Code::ProfessionUnknown),
        ("specialite", Code::ValueRequired),
        ("identifiant", Code::RppsInvalid),
        ("mode_exercice", Code::ModeInvalid),
        ("structure", Code::ValueRequired),
        ("adresse", Code::ValueRequired),
        ("code_postal", Code::PostalInvalid),
        ("commune", Code::ValueRequired),
        ("telephone", Code::PhoneInvalid),
        ("email", Code::EmailInvalid),
        ("mssante", Code::MssanteInvalid),
        ("spico_dossier", Code::YesnoInvalid),
        ("spico_discussion", Code::YesnoInvalid),
        ("date_adhesion", Code::DateInvalid),
        ("opposition", Code::YesnoInvalid),
    ];
    let expected: Vec<(Code, Option<Arc<str>>)> =
        expected.iter().map(|(id, code)| (*code, col(id))).collect();
    // One finding per cell: not also « required », « no contact » or « no identifier ».
    assert_eq!(at_row(&outcome, 2), expected);
    let f = find(&outcome, 2, Code::RppsInvalid);
    assert_eq!(f.value.as_deref(), Some("#N/A"));
    assert!(f.message.contains("#N/A") && f.message.contains("formule"));
    let nom = find(&outcome, 2, Code::ValueRequired);
    assert!(nom.message.contains("#REF!") && nom.message.contains("Nom"));
    assert!(outcome.records[0].values.iter().all(|v| v.is_empty()));
    assert_eq!(outcome.records[0].original_text(0), "#REF!");
}

#[test]
fn required_values() {
    let outcome = run(&table(&[with(&[("nom", ""), ("spico_dossier", " ")])]));
    assert_eq!(
        at_row(&outcome, 2),
        vec![
            (Code::ValueRequired, col("nom")),
            (Code::ValueRequired, col("spico_dossier")),
        ]
    );
    let f = find(&outcome, 2, Code::ValueRequired);
    assert_eq!(f.value, None);
    assert!(f.message.contains("Nom"));
}

#[test]
fn a_missing_column_is_not_reported_on_every_row() {
    let mut t = table(&[member()]);
    t.columns.retain(|c| c.field.as_deref() != Some("nom"));
    let outcome = run(&t);
    assert_eq!(at_row(&outcome, 2), vec![]);
    // The cell under the dropped header is still scanned, never written.
    assert_eq!(value(&outcome, 2, "nom"), "");
}

#[test]
fn a_member_needs_a_phone_or_an_email() {
    let outcome = run(&table(&[
        person(0, &[("telephone", ""), ("email", "")]),
        person(1, &[("telephone", "")]),
        person(2, &[("email", "")]),
    ]));
    assert_eq!(
        at_row(&outcome, 2),
        vec![(Code::ValueContactMissing, col("telephone"))]
    );
    assert_eq!(at_row(&outcome, 3), vec![]);
    assert_eq!(at_row(&outcome, 4), vec![]);
    let f = find(&outcome, 2, Code::ValueContactMissing);
    assert!(f.message.contains("Téléphone") && f.message.contains("Email"));
}

#[test]
fn health_professionals_need_an_identifier() {
    let outcome = run(&table(&[
        with(&[("identifiant", "")]),
        with(&[
            ("nom", "B"),
            ("profession", "Secrétaire"),
            ("identifiant", ""),
        ]),
    ]));
    assert_eq!(
        at_row(&outcome, 2),
        vec![(Code::IdentifierMissing, col("identifiant"))]
    );
    assert!(find(&outcome, 2, Code::IdentifierMissing)
        .message
        .contains("Infirmier"));
    assert_eq!(at_row(&outcome, 3), vec![]);
}

/// A synthetic ADELI: department 31, profession `code`, order 0001, Luhn key.
fn adeli(code: &str) -> String {
    let body = format!("31{code}0001");
    for key in 0..10 {
        let candidate = format!("{body}{key}");
        let sum: u32 = candidate
            .chars()
            .rev()
            .enumerate()
            .map(|(i, c)| {
                let d = c.to_digit(10).unwrap();
                if i % 2 == 1 {
                    let d2 = d * 2;
                    if d2 > 9 {
                        d2 - 9
                    } else {
                        d2
                    }
                } else {
                    d
                }
            })
            .sum();
        if sum % 10 == 0 {
            return candidate;
        }
    }
    unreachable!()
}

#[test]
fn an_adeli_for_a_profession_now_in_rpps_is_obsolete() {
    let outcome = run(&table(&[
        with(&[("identifiant", &adeli("60"))]),
        with(&[
            ("nom", "B"),
            ("profession", "Orthophoniste"),
            ("identifiant", &adeli("91")),
        ]),
    ]));
    assert_eq!(
        at_row(&outcome, 2),
        vec![(Code::AdeliObsolete, col("identifiant"))]
    );
    let f = find(&outcome, 2, Code::AdeliObsolete);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.value.as_deref(), Some(adeli("60").as_str()));
    assert_eq!(value(&outcome, 2, "identifiant"), adeli("60"));
    assert_eq!(at_row(&outcome, 3), vec![]);
}

#[test]
fn an_mssante_address_moves_to_its_column() {
    let address = "luc.martin@infirmier.mssante.fr";
    let outcome = run(&table(&[
        with(&[("email", address)]),
        // The only contact: copied, not moved.
        person(1, &[("email", address), ("telephone", "")]),
        // The MSSanté column is taken: left where it is.
        person(
            2,
            &[("email", address), ("mssante", "c@pharmacien.mssante.fr")],
        ),
    ]));
    assert_eq!(
        at_row(&outcome, 2),
        vec![
            (Code::ValueFixed, col("email")),
            (Code::ValueFixed, col("mssante")),
        ]
    );
    assert_eq!(value(&outcome, 2, "email"), "");
    assert_eq!(value(&outcome, 2, "mssante"), address);
    let moved = find(&outcome, 2, Code::ValueFixed);
    assert_eq!(moved.value.as_deref(), Some(address));
    assert!(moved.message.contains("MSSanté"));

    assert_eq!(
        at_row(&outcome, 3),
        vec![(Code::ValueFixed, col("mssante"))]
    );
    assert_eq!(value(&outcome, 3, "email"), address);
    assert_eq!(value(&outcome, 3, "mssante"), address);

    assert!(!at_row(&outcome, 4)
        .iter()
        .any(|(c, _)| *c == Code::ValueFixed));
    assert_eq!(value(&outcome, 4, "email"), address);
}

#[test]
fn a_general_practitioner_gets_the_implied_specialty() {
    let outcome = run(&table(&[
        with(&[("profession", "MG")]),
        with(&[
            ("nom", "B"),
            ("profession", "MG"),
            ("specialite", "Gériatrie"),
        ]),
    ]));
    assert_eq!(value(&outcome, 2, "profession"), "Médecin");
    assert_eq!(value(&outcome, 2, "specialite"), "Médecine générale");
    assert!(at_row(&outcome, 2).contains(&(Code::ValueFixed, col("specialite"))));
    assert_eq!(value(&outcome, 3, "specialite"), "Gériatrie");
    assert!(!at_row(&outcome, 3).contains(&(Code::ValueFixed, col("specialite"))));
}

#[test]
fn the_commune_is_checked_against_the_row_s_postal_code() {
    let outcome = run(&table(&[with(&[("commune", "Montpellier")])]));
    let f = find(&outcome, 2, Code::CommuneMismatch);
    assert_eq!(f.column, col("commune"));
}

#[test]
fn a_cedex_code_marked_in_the_commune_cell_is_a_warning_not_an_error() {
    let outcome = run(&table(&[
        person(
            1,
            &[("code_postal", "31035"), ("commune", "Toulouse Cedex 1")],
        ),
        person(2, &[("code_postal", "31035")]),
        person(
            3,
            &[("code_postal", "31000"), ("commune", "Toulouse Cedex 9")],
        ),
    ]));
    let codes = |row| -> Vec<Code> { at_row(&outcome, row).into_iter().map(|(c, _)| c).collect() };
    assert_eq!(codes(2), vec![Code::PostalCedex]);
    assert_eq!(value(&outcome, 2, "code_postal"), "31035");
    assert_eq!(codes(3), vec![Code::PostalInvalid]);
    // Toulouse's own code: the commune is cleaned, no CEDEX warning.
    assert_eq!(codes(4), vec![Code::ValueFixed]);
    assert_eq!(value(&outcome, 4, "commune"), "Toulouse");
}

#[test]
fn an_empty_commune_gets_the_commune_of_its_postal_code_as_suggestion() {
    let outcome = run(&table(&[
        with(&[("commune", "")]),
        with(&[("commune", ""), ("code_postal", "31650")]),
    ]));
    let f = find(&outcome, 2, Code::ValueRequired);
    assert_eq!(f.column, col("commune"));
    assert_eq!(f.fixed.as_deref(), Some("Toulouse"));
    assert!(f.message.contains("Toulouse"), "{}", f.message);
    assert_eq!(value(&outcome, 2, "commune"), "");
    // 31650 serves three communes: nothing to propose.
    assert_eq!(find(&outcome, 3, Code::ValueRequired).fixed, None);
}

#[test]
fn duplicates_name_the_first_row() {
    let outcome = run(&table(&[
        member(),
        other(),
        with(&[("nom", "MARTINEZ")]),
        with(&[
            ("identifiant", ""),
            ("profession", "Infirmier"),
            ("prenom", "LUC"),
        ]),
    ]));
    let by_id = find(&outcome, 4, Code::RowDuplicate);
    assert_eq!(by_id.column, col("identifiant"));
    assert!(by_id.message.contains("ligne 2"));
    let by_name = find(&outcome, 5, Code::RowDuplicate);
    assert_eq!(by_name.column, None);
    assert!(by_name.message.contains("ligne 2"));
    assert!(!at_row(&outcome, 3)
        .iter()
        .any(|(c, _)| *c == Code::RowDuplicate));
}

#[test]
fn removed_rows_are_not_duplicates() {
    let opposed = with(&[("opposition", "Oui")]);
    let outcome = run(&table(&[opposed, member()]));
    assert!(!at_row(&outcome, 3)
        .iter()
        .any(|(c, _)| *c == Code::RowDuplicate));
}

#[test]
fn health_terms_and_sensitive_columns_are_flagged() {
    let t = table_with(
        &[with(&[
            ("structure", "Suivi RQTH"),
            ("specialite", "Psychiatrie"),
        ])],
        &[
            ("Date de naissance", vec!["01/02/1980"]),
            ("Commentaire", vec!["RAS"]),
        ],
    );
    let outcome = run(&t);
    let column_level: Vec<&Finding> = outcome
        .report
        .issues
        .iter()
        .filter(|f| f.row.is_none())
        .collect();
    assert_eq!(column_level.len(), 1);
    assert_eq!(
        (column_level[0].code, column_level[0].column.as_deref()),
        (Code::GdprSensitive, Some("Date de naissance"))
    );
    assert_eq!(
        at_row(&outcome, 2),
        vec![(Code::GdprSensitive, col("structure"))]
    );
    assert_eq!(
        outcome.report.issues[0].row, None,
        "column findings come first"
    );
}

#[test]
fn findings_follow_rows_then_schema_order() {
    let outcome = run(&table(&[
        with(&[("opposition", "peut-être"), ("nom", "martin")]),
        with(&[("nom", "durand"), ("identifiant", "")]),
    ]));
    let order: Vec<(Option<u32>, Code)> = outcome
        .report
        .issues
        .iter()
        .map(|f| (f.row, f.code))
        .collect();
    assert_eq!(
        order,
        vec![
            (Some(2), Code::ValueFixed),
            (Some(2), Code::YesnoInvalid),
            (Some(3), Code::ValueFixed),
            (Some(3), Code::IdentifierMissing),
        ]
    );
    assert_eq!(outcome.report.summary.error, 2);
    assert_eq!(outcome.report.summary.notice, 2);
}

#[test]
fn the_file_name_follows_the_ars_rule() {
    let mut opts = options();
    opts.cpts = Some("  CPTS du centre TARN ".into());
    let outcome = check(
        "a.xlsx",
        &table(&[member()]),
        &[],
        &Schema::default(),
        &opts,
    );
    assert_eq!(
        outcome.report.filename.as_deref(),
        Some("Annuaire_CPTS_Du_Centre_TARN_2026.xlsx")
    );
    opts.year = Some(2025);
    let outcome = check(
        "a.xlsx",
        &table(&[member()]),
        &[],
        &Schema::default(),
        &opts,
    );
    assert_eq!(
        outcome.report.filename.as_deref(),
        Some("Annuaire_CPTS_Du_Centre_TARN_2025.xlsx")
    );
    opts.cpts = Some("   ".into());
    let outcome = check(
        "a.xlsx",
        &table(&[member()]),
        &[],
        &Schema::default(),
        &opts,
    );
    assert_eq!(outcome.report.filename, None);
}

mod properties {
    use super::*;
    use annuaire_cpts::rules::text::clean;
    use annuaire_cpts::Summary;
    use proptest::prelude::*;

    /// Values each field may hold: valid, variants, invalid, hostile.
    fn pool(field: &str) -> Vec<String> {
        let mut values: Vec<String> = match field {
            "nom" => vec![
                "MARTIN",
                "martin",
                "de la Fontaine",
                "EXEMPLE",
                "DUPONT",
                "Dupont 2",
            ],
            "prenom" => vec!["Luc", "jean-pierre", "Jean", "MARIE", "J."],
            "profession" => vec![
                "Infirmier",
                "IDE",
                "MG",
                "kiné",
                "ortho",
                "Secrétaire",
                "plombier",
            ],
            "specialite" => vec!["Gériatrie", "suivi ALD", "Psychiatrie"],
            "identifiant" => vec![
                "10000000009",
                "10999999997",
                "12345678901",
                "1.0000000009E10",
                "316000014",
                "123",
            ],
            "mode_exercice" => vec!["Libéral", "lib.", "salariée", "retraité"],
            "code_postal" => vec!["31000", "9100", "75001", "99999", "abc"],
            "commune" => vec!["Toulouse", "toulouse", "Pamiers", "Paris"],
            "telephone" => vec![
                "05 61 12 34 56",
                "0561123456",
                "561123456",
                "00 00 00 00 00",
                "+33 5 61 12 34 56",
                "12",
            ],
            "email" => vec![
                "luc@orange.fr",
                "LUC@GMIAL.COM",
                "mailto:a@b.fr",
                "a@infirmier.mssante.fr",
                "pas une adresse",
                "exemple@exemple.fr",
            ],
            "mssante" => vec!["a@pharmacien.mssante.fr", "a@gmail.com"],
            "spico_dossier" | "spico_discussion" => vec!["Oui", "non", "x", "1", "peut-être"],
            "date_adhesion" => vec![
                "15/09/2023",
                "2023-09-15",
                "45184",
                "31/02/2024",
                "01/01/2030",
            ],
            "opposition" => vec!["Non", "Oui", "x", "?"],
            _ => vec!["MSP des Coteaux", "  12  rue   des Lilas "],
        }
        .into_iter()
        .map(String::from)
        .collect();
        values.push(String::new());
        values.push(String::new());
        values.push(nir());
        values.push("#N/A".into());
        values
    }

    fn cell() -> impl Strategy<Value = (usize, String, bool)> {
        // (pool index, random text, numeric cell)
        (0usize..64, "\\PC{0,12}", any::<bool>())
    }

    fn build(rows: Vec<Vec<(usize, String, bool)>>) -> Table {
        let schema = Schema::default();
        let members: Vec<Vec<(&'static str, String)>> = rows
            .iter()
            .map(|cells| {
                member()
                    .into_iter()
                    .zip(cells)
                    .map(|((id, _), (pick, random, _))| {
                        let pool = pool(id);
                        let value = pool.get(*pick).cloned().unwrap_or_else(|| random.clone());
                        (id, value)
                    })
                    .collect()
            })
            .collect();
        let extras: Vec<&str> = rows
            .iter()
            .map(|cells| if cells[0].0 % 5 == 0 { NIR } else { "RAS" })
            .collect();
        let mut t = table_with(&members, &[("Remarques", extras)]);
        for (row, cells) in t.rows.iter_mut().zip(&rows) {
            for (cell, (_, _, numeric)) in row.cells.iter_mut().zip(cells) {
                if &*cell.text == "#N/A" {
                    cell.kind = CellKind::Error;
                } else if *numeric && cell.text.bytes().all(|b| b.is_ascii_digit()) {
                    *cell = Cell::number(cell.text.clone());
                }
            }
        }
        assert_eq!(t.columns.len(), schema.fields.len() + 1);
        t
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn nothing_is_dropped_or_changed_without_a_finding(
            rows in prop::collection::vec(prop::collection::vec(cell(), 17), 0..8)
        ) {
            let schema = Schema::default();
            let t = build(rows);
            let outcome = run(&t);
            let r = &outcome.report;
            prop_assert_eq!(outcome.records.len(), t.rows.len());
            prop_assert_eq!(r.rows_read, t.rows.len());
            prop_assert_eq!(r.rows_kept, outcome.records.iter().filter(|x| x.removed.is_none()).count());
            prop_assert_eq!(r.summary, Summary::of(&r.issues));
            for record in &outcome.records {
                let here: Vec<&Finding> = r.issues.iter().filter(|f| f.row == Some(record.row)).collect();
                match record.removed {
                    Some(Code::RowOpposition) => {
                        prop_assert_eq!(here.len(), 1);
                        prop_assert_eq!(here[0].code, Code::RowOpposition);
                        prop_assert_eq!(&here[0].value, &None);
                        prop_assert!(record.values.iter().all(|v| v.is_empty()));
                        prop_assert!((0..record.values.len()).all(|i| record.original_text(i).is_empty()));
                    }
                    Some(code) => prop_assert!(here.iter().any(|f| f.code == code)),
                    None => {
                        for (i, field) in schema.fields.iter().enumerate() {
                            if clean(&record.values[i]) != clean(record.original_text(i)) {
                                prop_assert!(
                                    here.iter().any(|f| f.column.as_deref() == Some(field.id.as_str())),
                                    "row {} {}: {:?} → {:?} without a finding",
                                    record.row, field.id, record.original_text(i), record.values[i]
                                );
                            }
                        }
                    }
                }
            }
            let json = serde_json::to_string(&outcome).unwrap();
            let digits: String = nir().chars().filter(char::is_ascii_digit).collect();
            prop_assert!(!json.contains(&nir()[3..]));
            prop_assert!(!json.contains(&digits[3..]));
        }
    }
}

mod from_files {
    use super::*;
    use annuaire_cpts::read::{read_table, ReadOptions};
    use annuaire_cpts::write::write_template;

    fn check_bytes(bytes: &[u8], file: &str) -> Outcome {
        let schema = Schema::default();
        let (table, findings) = read_table(
            bytes,
            &ReadOptions {
                schema: &schema,
                sheet: None,
            },
        )
        .unwrap();
        check(file, &table, &findings, &schema, &options())
    }

    #[test]
    fn our_blank_template_s_example_row_is_recognised() {
        let bytes = write_template(&Schema::default()).unwrap().to_vec();
        let outcome = check_bytes(&bytes, "Modele_Annuaire_CPTS.xlsx");
        assert_eq!(outcome.records.len(), 1, "{:#?}", outcome.records);
        assert_eq!(outcome.records[0].removed, Some(Code::RowExample));
        assert_eq!(outcome.report.rows_kept, 0);
        let codes: Vec<Code> = outcome.report.issues.iter().map(|f| f.code).collect();
        assert_eq!(codes, vec![Code::RowExample]);
    }

    #[test]
    fn a_messy_csv_export() {
        let nir = nir();
        let csv = format!(
            "Annuaire des adhérents;;;\n\
             NOM;Prénom;Profession;RPPS;CP;Ville;Tél;Mail;SPICO Dossier;SPICO Discussion;Opposition;Date de naissance;Remarques\n\
             EXEMPLE;Jean;Infirmier;12345678901;31000;Toulouse;00 00 00 00 00;exemple@exemple.fr;Oui;Non;Non;;\n\
             martin;luc;IDE;10000000009;31000;Toulouse;561123456;luc.martin@orange.fr;oui;non;;01/02/1980;\n\
             ;;;;;;;;;;;;\n\
             SECRET;Personne;Médecin;10999999997;31000;Toulouse;0561123456;;Oui;Oui;Oui;;\n\
             MARTIN;Luc;Infirmier;10000000009;31000;Toulouse;;;Oui;Non;Non;;{nir}\n"
        );
        let outcome = check_bytes(csv.as_bytes(), "annuaire.csv");
        let r = &outcome.report;
        assert_eq!(r.header_row, Some(2));
        assert_eq!((r.rows_read, r.rows_kept), (5, 2));
        let removed: Vec<(u32, Option<Code>)> =
            outcome.records.iter().map(|x| (x.row, x.removed)).collect();
        assert_eq!(
            removed,
            vec![
                (3, Some(Code::RowExample)),
                (4, None),
                (5, Some(Code::RowBlank)),
                (6, Some(Code::RowOpposition)),
                (7, None),
            ]
        );
        // Row 4: normalised, the 0 restored, nothing to correct.
        assert_eq!(value(&outcome, 4, "nom"), "MARTIN");
        assert_eq!(value(&outcome, 4, "profession"), "Infirmier");
        assert_eq!(value(&outcome, 4, "telephone"), "05 61 12 34 56");
        assert!(at_row(&outcome, 4)
            .iter()
            .all(|(c, _)| *c == Code::ValueFixed));
        // Row 6: one finding, nothing of the member's anywhere.
        assert_eq!(at_row(&outcome, 6), vec![(Code::RowOpposition, None)]);
        let json = serde_json::to_string(&outcome).unwrap();
        assert!(!json.contains("SECRET") && !json.contains("Personne"));
        // Row 7: the same member as row 4, and a NIR in a column outside the schema.
        assert!(at_row(&outcome, 7).contains(&(Code::RowDuplicate, col("identifiant"))));
        assert!(at_row(&outcome, 7).contains(&(Code::NirDetected, col("Remarques"))));
        assert!(!json.contains(&nir[3..]));
        // The birth-date column is flagged once, at column level.
        let sensitive: Vec<&Finding> = r
            .issues
            .iter()
            .filter(|f| f.code == Code::GdprSensitive)
            .collect();
        assert_eq!(sensitive.len(), 1);
        assert_eq!(sensitive[0].column.as_deref(), Some("Date de naissance"));
        assert_eq!(sensitive[0].row, None);
    }
}
