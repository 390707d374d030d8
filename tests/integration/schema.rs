//! Integration tests: schema. Roles are declared on the fields, never inferred from their ids:
//! the default schema with every id renamed keeps every behaviour, through its JSON file as the
//! ARS would edit it; a schema without an opposition role is accepted and says so.

use annuaire_cpts::check::CheckOptions;
use annuaire_cpts::document::Corrected;
use annuaire_cpts::write::write_template;
use annuaire_cpts::{Code, Document, Finding, Role, Schema};
use serde_json::Value;

use crate::common::workbook::{sheet_text, xlsx_all_text, xlsx_part};
use crate::common::{check_options, template_headers};
use crate::common::{write_row, xlsx};

fn options() -> CheckOptions {
    check_options(Some("CPTS du centre TARN"), Some(2026))
}

/// The default schema's JSON with every field's `name` replaced, as the ARS may write it: the
/// opposition becomes `refus_transmission`, the others `colonne_1`…
fn renamed_schema() -> Schema {
    let mut json: Value = serde_json::from_str(&Schema::default().to_json()).unwrap();
    for (i, field) in json["fields"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        let name = if field["x-role"] == "opposition" {
            "refus_transmission".to_string()
        } else {
            format!("colonne_{}", i + 1)
        };
        field["name"] = Value::from(name);
    }
    Schema::from_json(&json.to_string()).unwrap()
}

/// A synthetic NIR with a valid key (never a real person's).
fn nir() -> String {
    let body = "1850531555123";
    let n: u64 = body.parse().unwrap();
    format!("1 85 05 31 555 123 {:02}", 97 - n % 97)
}

/// A valid member in the default schema's order (ids), with some fields changed.
fn member(changes: &[(&str, &str)]) -> Vec<String> {
    let mut values: Vec<(&str, String)> = [
        ("nom", "MARTIN"),
        ("prenom", "Luc"),
        ("profession", "Infirmier"),
        ("specialite", ""),
        ("identifiant", ""),
        ("mode_exercice", "Libéral"),
        ("structure", ""),
        ("adresse", ""),
        ("code_postal", "31000"),
        ("commune", "Toulouse"),
        ("telephone", "05 61 12 34 56"),
        ("email", ""),
        ("mssante", ""),
        ("spico_dossier", "Non"),
        ("spico_discussion", "Non"),
        ("date_adhesion", ""),
        ("opposition", "Non"),
    ]
    .into_iter()
    .map(|(id, v)| (id, v.to_string()))
    .collect();
    for (id, value) in changes {
        values.iter_mut().find(|(k, _)| k == id).unwrap().1 = value.to_string();
    }
    values.into_iter().map(|(_, v)| v).collect()
}

/// A directory with the template's headers and a row for each behaviour that needs a role.
/// Spreadsheet rows: 2 example, 3 MARTIN (fixes), 4 OPPOSANT (objected), 5 DURAND (MG, a NIR in
/// the address), 6 BERNARD (MARTIN's RPPS), 7 PETIT (no contact, no identifier), 8 ROBERT
/// (commune of another postal code, MSSanté in the email column), 9 Robert (same name and
/// profession as 8).
fn directory() -> Vec<u8> {
    let nir = nir();
    let rows = [
        member(&[
            ("nom", "EXEMPLE"),
            ("prenom", "Jean"),
            ("identifiant", "12345678901"),
            ("telephone", "00 00 00 00 00"),
            ("email", "exemple@exemple.fr"),
        ]),
        member(&[
            ("nom", "martin"),
            ("prenom", "luc"),
            ("profession", "IDE"),
            ("identifiant", "10000000009"),
            ("mode_exercice", "lib"),
            ("structure", "MSP des Coteaux"),
            ("adresse", "12 rue des Lilas"),
            ("telephone", "0561123456"),
            ("email", "luc.martin@orange.fr"),
            ("spico_dossier", "oui"),
            ("spico_discussion", "non"),
            ("date_adhesion", "15/09/2023"),
        ]),
        member(&[
            ("nom", "OPPOSANT"),
            ("prenom", "Claire"),
            ("identifiant", "10999999997"),
            ("email", "claire.opposant@orange.fr"),
            ("spico_dossier", "Oui"),
            ("opposition", "Oui"),
        ]),
        member(&[
            ("nom", "DURAND"),
            ("prenom", "Anne"),
            ("profession", "MG"),
            ("adresse", &nir),
            ("telephone", "05 61 22 22 22"),
            ("opposition", ""),
        ]),
        member(&[
            ("nom", "BERNARD"),
            ("prenom", "Paul"),
            ("identifiant", "10000000009"),
            ("telephone", "05 61 33 33 33"),
        ]),
        member(&[("nom", "PETIT"), ("prenom", "Marc"), ("telephone", "")]),
        member(&[
            ("nom", "ROBERT"),
            ("prenom", "Julie"),
            ("profession", "Kiné"),
            ("structure", "Maison départementale du handicap"),
            ("commune", "Albi"),
            ("telephone", "05 61 44 44 44"),
            ("email", "julie.robert@medecin.mssante.fr"),
        ]),
        member(&[
            ("nom", "Robert"),
            ("prenom", "JULIE"),
            ("profession", "MK"),
            ("telephone", "05 61 55 55 55"),
        ]),
    ];
    let headers = template_headers();
    xlsx(|sheet| {
        let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
        write_row(sheet, 0, &headers);
        for (r, row) in (1u32..).zip(&rows) {
            let row: Vec<&str> = row.iter().map(String::as_str).collect();
            write_row(sheet, r, &row);
        }
    })
}

fn fix(bytes: &[u8], schema: Schema) -> Corrected {
    let document = Document::open(bytes, "annuaire.xlsx", schema, None).unwrap();
    document.write(&options()).unwrap()
}

/// A finding's code, row and column as a default schema would name it.
fn key(f: &Finding, schema: &Schema) -> (Code, Option<u32>, Option<String>) {
    let column = f.column.as_deref().map(|id| match schema.position(id) {
        Some(i) => Schema::default().fields[i].id.clone(),
        None => id.to_string(),
    });
    (f.code, f.row, column)
}

#[test]
fn renamed_ids_keep_every_behaviour() {
    let renamed = renamed_schema();
    let default = Schema::default();
    for (a, b) in renamed.fields.iter().zip(&default.fields) {
        assert_ne!(a.id, b.id);
        assert_eq!((a.role, a.kind, a.required), (b.role, b.kind, b.required));
    }
    assert_eq!(
        renamed.field("refus_transmission").unwrap().role,
        Some(Role::Opposition)
    );

    let bytes = directory();
    let ours = fix(&bytes, renamed.clone());
    let reference = fix(&bytes, default.clone());

    // The same findings, messages and values, each on the same field under its new id.
    let findings = |c: &Corrected, schema: &Schema| -> Vec<_> {
        c.outcome
            .report
            .issues
            .iter()
            .map(|f| {
                (
                    key(f, schema),
                    f.message.clone(),
                    f.value.clone(),
                    f.fixed.clone(),
                )
            })
            .collect()
    };
    assert_eq!(findings(&ours, &renamed), findings(&reference, &default));
    assert_eq!(ours.outcome.records, reference.outcome.records);
    assert_eq!(ours.name, "Annuaire_CPTS_Du_Centre_TARN_2026.xlsx");
    let corrected = ours.bytes.to_vec();
    for sheet in ["Annuaire", "Contrôle"] {
        assert_eq!(
            sheet_text(&corrected, sheet),
            sheet_text(&reference.bytes.to_vec(), sheet),
            "{sheet}"
        );
    }

    // And what they are, spelled out.
    let report = &ours.outcome.report;
    let has = |code: Code, row: u32, field: Option<&str>| {
        report.issues.iter().any(|f| {
            let (c, r, column) = key(f, &renamed);
            c == code && r == Some(row) && column.as_deref() == field
        })
    };
    assert!(!report
        .issues
        .iter()
        .any(|f| f.code == Code::SchemaNoOpposition));
    assert!(has(Code::RowExample, 2, None));
    // Opposition honoured: one finding with the row number only, nothing of theirs anywhere.
    assert!(has(Code::RowOpposition, 4, None));
    assert_eq!(report.issues.iter().filter(|f| f.row == Some(4)).count(), 1);
    assert!(!xlsx_all_text(&corrected).contains("OPPOSANT"));
    assert!(!xlsx_all_text(&corrected).contains("opposant"));
    // The NIR blanked, in the address.
    assert!(has(Code::NirDetected, 5, Some("adresse")));
    let digits: String = nir().chars().filter(char::is_ascii_digit).collect();
    assert!(!xlsx_all_text(&corrected).contains(&digits[..10]));
    // « MG »: the spécialité filled in; identifier required for a health professional.
    let durand = ours.outcome.records.iter().find(|r| r.row == 5).unwrap();
    assert_eq!(durand.value(3), "Médecine générale");
    assert!(has(Code::IdentifierMissing, 5, Some("identifiant")));
    // Duplicates, by identifier and by name.
    assert!(has(Code::RowDuplicate, 6, Some("identifiant")));
    assert!(has(Code::RowDuplicate, 9, None));
    // Contacts required.
    assert!(has(Code::ValueContactMissing, 7, Some("telephone")));
    // The commune matched to the postal code; the MSSanté address moved; a structure is a place.
    assert!(has(Code::CommuneMismatch, 8, Some("commune")));
    let robert = ours.outcome.records.iter().find(|r| r.row == 8).unwrap();
    assert_eq!(robert.value(12), "julie.robert@medecin.mssante.fr");
    assert_eq!(robert.value(11), "");
    assert!(!has(Code::GdprSensitive, 8, Some("structure")));
    assert_eq!((report.rows_read, report.rows_kept), (8, 6));
}

#[test]
fn renamed_ids_keep_the_template() {
    let renamed = write_template(&renamed_schema()).unwrap().to_vec();
    let reference = write_template(&Schema::default()).unwrap().to_vec();
    for sheet in ["Annuaire", "Instructions"] {
        assert_eq!(
            sheet_text(&renamed, sheet),
            sheet_text(&reference, sheet),
            "{sheet}"
        );
    }
    // The same drop-downs on the same columns.
    let validations = |bytes: &[u8]| {
        let xml = xlsx_part(bytes, "xl/worksheets/sheet1.xml");
        let start = xml.find("<dataValidations").unwrap();
        let end = xml.find("</dataValidations>").unwrap();
        xml[start..end].to_string()
    };
    let ours = validations(&renamed);
    assert_eq!(ours, validations(&reference));
    assert_eq!(ours.matches("<dataValidation ").count(), 5, "{ours}");
    // The example note on the Nom, and the row recognised as the example.
    assert_eq!(
        xlsx_part(&renamed, "xl/comments1.xml"),
        xlsx_part(&reference, "xl/comments1.xml")
    );
    let checked = Document::open(&renamed, "modele.xlsx", renamed_schema(), None)
        .unwrap()
        .check(&options());
    let codes: Vec<Code> = checked.report.issues.iter().map(|f| f.code).collect();
    assert_eq!(codes, vec![Code::RowExample]);
}

#[test]
fn a_schema_without_opposition_is_accepted_and_the_report_says_so() {
    let mut json: Value = serde_json::from_str(&Schema::default().to_json()).unwrap();
    let fields = json["fields"].as_array_mut().unwrap();
    fields.retain(|f| f["x-role"] != "opposition");
    let schema = Schema::from_json(&json.to_string()).unwrap();
    assert_eq!(schema.field_with(Role::Opposition), None);

    let corrected = fix(&directory(), schema);
    let report = &corrected.outcome.report;
    let notice: Vec<&Finding> = report
        .issues
        .iter()
        .filter(|f| f.code == Code::SchemaNoOpposition)
        .collect();
    assert_eq!(notice.len(), 1);
    assert_eq!((notice[0].row, notice[0].column.as_deref()), (None, None));
    assert!(notice[0].message.contains("aucune colonne d'opposition"));
    assert_eq!(
        report.summary.warning,
        report
            .issues
            .iter()
            .filter(|f| f.severity == annuaire_cpts::Severity::Warning)
            .count()
    );
    // Nobody's objection can be known: the row is checked as any other, and the opposition
    // column, outside the schema, is left out.
    assert!(!report.issues.iter().any(|f| f.code == Code::RowOpposition));
    assert!(report.issues.iter().any(|f| f.code == Code::ColumnUnknown));
    // « Contrôle » says it too.
    let controle = sheet_text(&corrected.bytes.to_vec(), "Contrôle");
    assert!(controle
        .iter()
        .any(|line| line.iter().any(|c| c == "schema.no_opposition")));

    // The default schema has its opposition field: no such warning.
    let reference = fix(&directory(), Schema::default());
    assert!(!reference
        .outcome
        .report
        .issues
        .iter()
        .any(|f| f.code == Code::SchemaNoOpposition));
}

#[test]
fn schema_errors_are_french_and_name_the_key_and_the_field() {
    let mut json: Value = serde_json::from_str(&Schema::default().to_json()).unwrap();
    json["fields"][3]["x-role"] = Value::from("opposition");
    let error = Schema::from_json(&json.to_string())
        .unwrap_err()
        .to_string();
    assert_eq!(
        error,
        "Le fichier de schéma n'est pas utilisable : le rôle « opposition » (« x-role ») est donné à deux colonnes, « specialite » et « opposition » : une seule colonne peut le tenir."
    );
    json["fields"][3]["x-role"] = Value::from("specialty");
    json["fields"][10]["x-rule"] = Value::from(12);
    let error = Schema::from_json(&json.to_string())
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("la clé « x-rule » de la colonne « telephone » vaut 12 : elle attend l'une de ces valeurs : nom, prenom, profession, text, identifier, mode, postal_code, commune, phone, email, mssante, yes_no, date"),
        "{error}"
    );
}
