//! The wasm API in a real browser (Chromium, through `wasm-pack test --headless --chrome`):
//! what `www/worker.js` calls, on workbooks written here with rust_xlsxwriter.
#![cfg(target_arch = "wasm32")]

use annuaire_cpts::wasm::{file_name, parse_file_name, template, Session};
use rust_xlsxwriter::Workbook;
use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const HEADERS: [&str; 17] = [
    "Nom",
    "Prénom",
    "Profession",
    "Spécialité",
    "RPPS / ADELI",
    "Mode d'exercice",
    "Structure d'exercice",
    "Adresse",
    "Code postal",
    "Commune",
    "Téléphone",
    "Email",
    "Messagerie sécurisée (MSSanté)",
    "Utilise SPICO Dossier",
    "Utilise SPICO Discussion",
    "Date d'adhésion",
    "Opposition à la transmission",
];

/// A workbook with the header on row 1 and one row per member (synthetic people).
fn workbook(rows: &[[&str; 17]]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Annuaire").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(r as u32 + 1, c as u16, *v).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

const MARTIN: [&str; 17] = [
    "MARTIN",
    "Claire",
    "Infirmier",
    "",
    "10000000009",
    "Libéral",
    "Cabinet des Carmes",
    "3 place des Carmes",
    "31000",
    "Toulouse",
    "05 61 12 34 56",
    "claire.martin@cabinet-carmes.fr",
    "",
    "Oui",
    "Non",
    "15/03/2022",
    "Non",
];

fn to_json(value: JsValue) -> Value {
    serde_wasm_bindgen::from_value(value).unwrap()
}

/// Check options as the page sends them: a plain object (not a `Map`).
fn options(cpts: &str) -> JsValue {
    use serde::Serialize;
    json!({ "cpts": cpts, "year": 2026 })
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap()
}

fn column(view: &Value, id: &str) -> usize {
    view["fields"]
        .as_array()
        .unwrap()
        .iter()
        .position(|f| f["id"] == id)
        .unwrap()
}

#[wasm_bindgen_test]
fn an_opened_workbook_gives_its_rows_fields_and_report() {
    let mut bernard = MARTIN;
    bernard[0] = "BERNARD";
    bernard[1] = "Louis";
    bernard[4] = "10999999997";
    let bytes = workbook(&[MARTIN, bernard]);
    let mut session = Session::open(&bytes, "annuaire.xlsx", JsValue::NULL).unwrap();
    let view = to_json(session.check(options("CPTS du centre TARN")).unwrap());

    let records = view["records"].as_array().unwrap();
    assert_eq!(records.len(), 2);
    let nom = column(&view, "nom");
    assert_eq!(view["fields"][nom]["title"], "Nom");
    assert_eq!(records[0]["row"], 2);
    assert_eq!(records[0]["values"][nom], "MARTIN");
    assert_eq!(records[1]["values"][nom], "BERNARD");
    assert_eq!(view["sheet"], "Annuaire");
    assert_eq!(view["sheets"], json!(["Annuaire"]));
    assert_eq!(view["report"]["rows_read"], 2);
    assert_eq!(
        view["report"]["summary"]["error"], 0,
        "{:#}",
        view["report"]
    );
    assert_eq!(
        view["report"]["filename"],
        "Annuaire_CPTS_Du_Centre_TARN_2026.xlsx"
    );
}

#[wasm_bindgen_test]
fn an_edited_cell_is_checked_again() {
    let session_bytes = workbook(&[MARTIN]);
    let mut session = Session::open(&session_bytes, "annuaire.xlsx", JsValue::NULL).unwrap();
    assert!(session.set_cell(2, "identifiant", "10000000008"));
    let view = to_json(session.check(JsValue::UNDEFINED).unwrap());
    let issues = view["report"]["issues"].as_array().unwrap();
    assert!(
        issues
            .iter()
            .any(|f| f["code"] == "rpps.invalid" && f["row"] == 2),
        "{issues:#?}"
    );
    assert!(session.set_cell(2, "identifiant", "10000000009"));
    let view = to_json(session.check(JsValue::UNDEFINED).unwrap());
    assert_eq!(view["report"]["summary"]["error"], 0);
    assert!(!session.set_cell(99, "identifiant", "10000000009"));
    assert!(!session.set_cell(2, "pas_un_champ", "x"));
}

#[wasm_bindgen_test]
fn bytes_that_are_not_a_spreadsheet_give_a_french_error() {
    let garbage: Vec<u8> = (0..2048u32).map(|i| (i * 7919 % 251) as u8).collect();
    let Err(error) = Session::open(&garbage, "annuaire.xlsx", JsValue::NULL) else {
        panic!("garbage opened as a spreadsheet");
    };
    let message = js_sys::Reflect::get(&JsValue::from(error), &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(
        message.contains("tableur") || message.contains("fichier"),
        "{message}"
    );
    assert!(Session::open(&[], "vide.xlsx", JsValue::NULL).is_err());
}

#[wasm_bindgen_test]
fn the_corrected_workbook_is_named_by_the_ars_rule_and_reads_back() {
    let mut session = Session::open(&workbook(&[MARTIN]), "annuaire.xlsx", JsValue::NULL).unwrap();
    let written = session.write(options("CPTS du centre TARN")).unwrap();
    let name = js_sys::Reflect::get(&written, &"name".into()).unwrap();
    assert_eq!(
        name.as_string().unwrap(),
        "Annuaire_CPTS_Du_Centre_TARN_2026.xlsx"
    );
    let bytes =
        js_sys::Uint8Array::new(&js_sys::Reflect::get(&written, &"bytes".into()).unwrap()).to_vec();
    assert_eq!(&bytes[..2], b"PK");
    let mut again = Session::open(&bytes, &name.as_string().unwrap(), JsValue::NULL).unwrap();
    let view = to_json(again.check(JsValue::NULL).unwrap());
    let nom = column(&view, "nom");
    assert_eq!(view["records"][0]["values"][nom], "MARTIN");
    assert_eq!(view["report"]["summary"]["error"], 0);
}

/// The corrected workbook's first member's name, read back through a new session.
fn written_nom(written: &JsValue) -> Value {
    let bytes =
        js_sys::Uint8Array::new(&js_sys::Reflect::get(written, &"bytes".into()).unwrap()).to_vec();
    let mut again = Session::open(&bytes, "relu.xlsx", JsValue::NULL).unwrap();
    let view = to_json(again.check(JsValue::NULL).unwrap());
    let nom = column(&view, "nom");
    view["records"][0]["values"][nom].clone()
}

#[wasm_bindgen_test]
fn a_download_after_a_check_writes_the_table_and_options_as_they_stand() {
    let mut session = Session::open(&workbook(&[MARTIN]), "annuaire.xlsx", JsValue::NULL).unwrap();
    session.check(options("CPTS du centre TARN")).unwrap();
    // Other options than the last check's: the name follows them.
    let written = session.write(options("CPTS Sud")).unwrap();
    let name = js_sys::Reflect::get(&written, &"name".into()).unwrap();
    assert_eq!(name.as_string().unwrap(), "Annuaire_CPTS_Sud_2026.xlsx");
    // An edit after the check: the download holds it.
    session.check(options("CPTS Sud")).unwrap();
    assert!(session.set_cell(2, "nom", "Durand"));
    let written = session.write(options("CPTS Sud")).unwrap();
    assert_eq!(written_nom(&written), "DURAND");
    let view = to_json(js_sys::Reflect::get(&written, &"view".into()).unwrap());
    assert_eq!(view["records"][0]["values"][column(&view, "nom")], "DURAND");
}

#[wasm_bindgen_test]
fn file_names_follow_the_convention_both_ways() {
    assert_eq!(
        file_name("CPTS Moyenne et Haute Vallée de l'Aude", 2023),
        "Annuaire_CPTS_Moyenne_Et_Haute_Vallée_De_Laude_2023.xlsx"
    );
    let parsed = to_json(parse_file_name("Annuaire_CPTS_Du_Centre_TARN_2026.xlsx").unwrap());
    assert_eq!(parsed["year"], 2026);
    assert!(parse_file_name("annuaire.xlsx").unwrap().is_null());
}

#[wasm_bindgen_test]
fn the_blank_template_opens_with_only_its_example_row() {
    let bytes = template().unwrap().to_vec();
    let mut session = Session::open(&bytes, "Modele_Annuaire_CPTS.xlsx", JsValue::NULL).unwrap();
    let view = to_json(session.check(JsValue::NULL).unwrap());
    assert_eq!(view["report"]["rows_kept"], 0, "{:#}", view["report"]);
    assert!(view["records"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["removed"] == "row.example" || r["removed"] == "row.blank"));
}
