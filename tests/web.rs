//! The wasm API in a real browser (Chromium, through `wasm-pack test --headless --chrome`):
//! what `www/worker.js` calls, on workbooks written here with rust_xlsxwriter.
#![cfg(target_arch = "wasm32")]
// Tests unwrap, index and panic: a failed test is the report (Cargo.toml's [lints] hold the
// library and the command line to these lints, clippy.toml frees the unit tests).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use annuaire_cpts::wasm::{compare, file_name, parse_file_name, template, warm_up, Batch, Session};
use annuaire_cpts::{CheckOptions, Document, Schema, Ymd};
use js_sys::{Reflect, Uint8Array};
use rust_xlsxwriter::Workbook;
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
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
    let rows: Vec<Vec<&str>> = rows.iter().map(|r| r.to_vec()).collect();
    sheet(&HEADERS, &rows)
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

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &key.into()).unwrap()
}

/// Everything the page can ask of a session, read back into one shape: `{ report (with
/// issues), records: [{row, values, removed}], fields, sheet, sheets, head }` — the head, then
/// every row through `rows`, whose findings follow the file's in report order.
fn decode(session: &mut Session, names: JsValue) -> Value {
    let head = to_json(session.head(names).unwrap());
    let window = to_json(session.rows(JsValue::NULL, 0, 1 << 20).unwrap());
    assert_eq!(window["from"], 0);
    let rows = window["rows"].as_array().unwrap();
    assert_eq!(window["total"].as_u64().unwrap() as usize, rows.len());
    let mut issues = head["file_findings"].as_array().unwrap().clone();
    let mut records = Vec::new();
    for row in rows {
        issues.extend(row["findings"].as_array().unwrap().iter().cloned());
        records
            .push(json!({ "row": row["row"], "values": row["values"], "removed": row["removed"] }));
    }
    let mut report = head["report"].clone();
    report["issues"] = Value::Array(issues);
    json!({
        "report": report,
        "records": records,
        "fields": head["fields"],
        "sheet": head["sheet"],
        "sheets": head["sheets"],
        "head": head,
    })
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
    let view = decode(&mut session, options("CPTS du centre TARN"));

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
fn an_edited_cell_is_checked_again_and_undone_exactly() {
    let session_bytes = workbook(&[MARTIN]);
    let mut session = Session::open(&session_bytes, "annuaire.xlsx", JsValue::NULL).unwrap();
    let changed = to_json(
        session
            .edit(2, "identifiant", "10000000008", JsValue::NULL)
            .unwrap(),
    );
    assert_eq!(
        changed["change"],
        json!({ "row": 2, "field": "identifiant", "rows": [2] })
    );
    assert_eq!(changed["head"]["report"]["summary"]["error"], 1);
    assert_eq!(changed["head"]["can_undo"], true);
    let view = decode(&mut session, JsValue::UNDEFINED);
    let issues = view["report"]["issues"].as_array().unwrap();
    assert!(
        issues
            .iter()
            .any(|f| f["code"] == "rpps.invalid" && f["row"] == 2),
        "{issues:#?}"
    );
    let errors = to_json(session.rows(filter("error"), 0, 10).unwrap());
    assert_eq!(errors["total"], 1);
    assert_eq!(session.locate(filter("error"), 2).unwrap(), 0);
    let undone = to_json(session.undo(JsValue::NULL).unwrap());
    assert_eq!(undone["head"]["report"]["summary"]["error"], 0);
    assert_eq!(undone["head"]["can_undo"], false);
    assert_eq!(session.locate(filter("error"), 2).unwrap(), -1);
    assert!(session.undo(JsValue::NULL).unwrap().is_null());
    assert!(session
        .edit(99, "identifiant", "1", JsValue::NULL)
        .unwrap()
        .is_null());
    assert!(session
        .edit(2, "pas_un_champ", "x", JsValue::NULL)
        .unwrap()
        .is_null());
}

/// A filter as the page sends it.
fn filter(show: &str) -> JsValue {
    use serde::Serialize;
    json!({ "show": show, "column": null })
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap()
}

#[wasm_bindgen_test]
fn a_refused_fix_keeps_the_value_typed_and_is_offered_back() {
    let mut martin = MARTIN;
    martin[10] = "0561123456";
    let mut session = Session::open(&workbook(&[martin]), "annuaire.xlsx", JsValue::NULL).unwrap();
    let fixes = to_json(session.list("fixes", 0, 10).unwrap());
    assert_eq!(fixes["total"], 1);
    assert_eq!(fixes["items"][0]["fixed"], "05 61 12 34 56");
    let changed = session.refuse(2, "telephone", true, JsValue::NULL).unwrap();
    assert!(!changed.is_null());
    let row = to_json(session.findings(2).unwrap());
    assert_eq!(row["refused"][0]["fixed"], "05 61 12 34 56");
    let view = decode(&mut session, JsValue::NULL);
    assert_eq!(
        view["records"][0]["values"][column(&view, "telephone")],
        "0561123456"
    );
    let fixes = to_json(session.list("fixes", 0, 10).unwrap());
    assert_eq!(
        (fixes["total"].as_u64(), fixes["first_refused"].as_u64()),
        (Some(1), Some(0))
    );
    session
        .refuse(2, "telephone", false, JsValue::NULL)
        .unwrap();
    let view = decode(&mut session, JsValue::NULL);
    assert_eq!(
        view["records"][0]["values"][column(&view, "telephone")],
        "05 61 12 34 56"
    );
    assert!(session.list("autre", 0, 1).is_err());
}

#[wasm_bindgen_test]
fn the_next_error_is_found_in_shown_order() {
    let mut bad = MARTIN;
    bad[4] = "10000000008";
    let session = Session::open(
        &workbook(&[MARTIN, bad, bad]),
        "annuaire.xlsx",
        JsValue::NULL,
    )
    .unwrap();
    // Row 3 repeats row 2's name (an error on the row itself) and has a wrong RPPS: the row's
    // own error first, then its cell's, then the next row's.
    let first = to_json(session.next_error(JsValue::NULL, 0, "").unwrap());
    assert_eq!(first, json!({ "row": 3, "field": "" }));
    let next = to_json(session.next_error(JsValue::NULL, 3, "").unwrap());
    assert_eq!(next, json!({ "row": 3, "field": "identifiant" }));
    let next = to_json(session.next_error(JsValue::NULL, 3, "identifiant").unwrap());
    assert_eq!(next["row"], 4);
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
    let session = Session::open(&workbook(&[MARTIN]), "annuaire.xlsx", JsValue::NULL).unwrap();
    let written = session.write(options("CPTS du centre TARN")).unwrap();
    let name = js_sys::Reflect::get(&written, &"name".into()).unwrap();
    assert_eq!(
        name.as_string().unwrap(),
        "Annuaire_CPTS_Du_Centre_TARN_2026.xlsx"
    );
    let bytes = joined(&get(&written, "parts"));
    assert_eq!(&bytes[..2], b"PK");
    let mut again = Session::open(&bytes, &name.as_string().unwrap(), JsValue::NULL).unwrap();
    let view = decode(&mut again, JsValue::NULL);
    let nom = column(&view, "nom");
    assert_eq!(view["records"][0]["values"][nom], "MARTIN");
    assert_eq!(view["report"]["summary"]["error"], 0);
}

/// A written workbook's `parts` (an array of `Uint8Array`s of at most 1 MiB) joined into the
/// file, as the worker's `Blob` joins them.
fn joined(parts: &JsValue) -> Vec<u8> {
    let parts = js_sys::Array::from(parts);
    assert!(parts.length() >= 1);
    let mut bytes = Vec::new();
    for part in parts.iter() {
        assert!(part.is_instance_of::<Uint8Array>());
        let part = Uint8Array::new(&part).to_vec();
        assert!(!part.is_empty() && part.len() <= 1 << 20, "{}", part.len());
        bytes.extend_from_slice(&part);
    }
    bytes
}

/// The corrected workbook's first member's name, read back through a new session.
fn written_nom(written: &JsValue) -> Value {
    let bytes = joined(&get(written, "parts"));
    let mut again = Session::open(&bytes, "relu.xlsx", JsValue::NULL).unwrap();
    let view = decode(&mut again, JsValue::NULL);
    let nom = column(&view, "nom");
    view["records"][0]["values"][nom].clone()
}

#[wasm_bindgen_test]
fn a_download_writes_the_table_and_names_as_they_stand() {
    let mut session = Session::open(&workbook(&[MARTIN]), "annuaire.xlsx", JsValue::NULL).unwrap();
    let written = session.write(options("CPTS Sud")).unwrap();
    let name = js_sys::Reflect::get(&written, &"name".into()).unwrap();
    assert_eq!(name.as_string().unwrap(), "Annuaire_CPTS_Sud_2026.xlsx");
    session.edit(2, "nom", "Durand", JsValue::NULL).unwrap();
    let written = session.write(options("CPTS Sud")).unwrap();
    assert_eq!(written_nom(&written), "DURAND");
    // Without a CPTS name: the file's own name, marked as corrected.
    let written = session.write(JsValue::NULL).unwrap();
    let name = js_sys::Reflect::get(&written, &"name".into()).unwrap();
    assert_eq!(name.as_string().unwrap(), "annuaire_corrige.xlsx");
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
    let bytes = joined(&template().unwrap().into());
    let mut session = Session::open(&bytes, "Modele_Annuaire_CPTS.xlsx", JsValue::NULL).unwrap();
    let view = decode(&mut session, JsValue::NULL);
    assert_eq!(view["report"]["rows_kept"], 0, "{:#}", view["report"]);
    assert!(view["records"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["removed"] == "row.example" || r["removed"] == "row.blank"));
}

/// A workbook with these headers on row 1 and these rows below (synthetic people).
fn sheet(headers: &[&str], rows: &[Vec<&str>]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Annuaire").unwrap();
    for (c, h) in headers.iter().enumerate() {
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

/// Fixes, an error, a removed row, a duplicate, a column outside the schema, and values that
/// are not plain ASCII (accents, an emoji, a control character).
fn varied_workbook() -> Vec<u8> {
    let mut headers = HEADERS.to_vec();
    headers.push("Commentaire");
    let mut martin: Vec<&str> = MARTIN.to_vec();
    martin[1] = "Élodie";
    martin[6] = "Cabinet 🩺 des Carmes\u{1f}";
    martin[10] = "0561123456";
    martin[13] = "oui";
    martin.push("à rappeler");
    let mut bernard: Vec<&str> = MARTIN.to_vec();
    bernard[0] = "BERNARD";
    bernard[4] = "10000000008";
    let blank = vec![""; headers.len()];
    sheet(&headers, &[martin.clone(), blank, bernard, martin])
}

#[wasm_bindgen_test]
fn the_report_is_the_command_lines_json_and_the_view_holds_all_of_it() {
    let bytes = varied_workbook();
    let mut session = Session::open(&bytes, "annuaire.xlsx", JsValue::NULL).unwrap();
    let view = decode(&mut session, options("CPTS du centre TARN"));
    let json = session.report_json(options("CPTS du centre TARN")).unwrap();

    // The same text as `annuaire-cpts check --json`, which prints the report this way.
    let now = js_sys::Date::new_0();
    let native = Document::open(&bytes, "annuaire.xlsx", Schema::default(), None)
        .unwrap()
        .check(&CheckOptions {
            today: Ymd {
                year: now.get_full_year() as i32,
                month: now.get_month() + 1,
                day: now.get_date(),
            },
            cpts: Some("CPTS du centre TARN".into()),
            year: Some(2026),
            refused_fixes: vec![],
        });
    assert_eq!(json, serde_json::to_string_pretty(&native.report).unwrap());
    // The one-call form of SPEC §9 gives the same text.
    let once = annuaire_cpts::wasm::check(
        &bytes,
        "annuaire.xlsx",
        JsValue::NULL,
        options("CPTS du centre TARN"),
    )
    .unwrap();
    assert_eq!(once, json);

    // Every finding and value crosses to the page, exactly.
    let report: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(view["report"], report);
    let codes: Vec<&str> = report["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    for code in [
        "column.unknown",
        "value.fixed",
        "rpps.invalid",
        "row.blank",
        "row.duplicate",
    ] {
        assert!(codes.contains(&code), "{code} missing: {codes:?}");
    }
    let records = view["records"].as_array().unwrap();
    assert_eq!(records.len(), native.records.len());
    for (record, expected) in records.iter().zip(&native.records) {
        assert_eq!(record["row"], expected.row);
        assert_eq!(record["values"], json!(expected.values));
        assert_eq!(record["removed"], json!(expected.removed));
    }
    let structure = column(&view, "structure");
    assert_eq!(
        records[0]["values"][structure].as_str().unwrap(),
        native.records[0].value(structure)
    );
    assert!(records[0]["values"][structure]
        .as_str()
        .unwrap()
        .contains('🩺'));
}

#[wasm_bindgen_test]
fn warming_up_runs_at_least_once_and_leaves_sessions_alone() {
    assert_eq!(warm_up(0.0), 1);
    assert!(warm_up(30.0) >= 1);
    // A session opened before is untouched by the warm-up's own pipeline.
    let bytes = varied_workbook();
    let session = Session::open(&bytes, "annuaire.xlsx", JsValue::NULL).unwrap();
    let before = session.report_json(options("CPTS du centre TARN")).unwrap();
    warm_up(0.0);
    assert_eq!(
        session.report_json(options("CPTS du centre TARN")).unwrap(),
        before
    );
}

#[wasm_bindgen_test]
fn a_window_holds_only_the_rows_asked_for() {
    let names: Vec<String> = (0..60).map(|i| format!("NOM{i}")).collect();
    let rows: Vec<Vec<&str>> = names
        .iter()
        .map(|name| {
            let mut row = MARTIN.to_vec();
            row[0] = name;
            row[4] = "";
            row
        })
        .collect();
    let bytes = sheet(&HEADERS, &rows);
    let mut session = Session::open(&bytes, "annuaire.xlsx", JsValue::NULL).unwrap();
    let window = to_json(session.rows(JsValue::NULL, 50, 20).unwrap());
    assert_eq!(
        (window["total"].as_u64(), window["from"].as_u64()),
        (Some(60), Some(50))
    );
    let rows = window["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 10);
    assert_eq!(rows[0]["row"], 52);
    assert_eq!(rows[0]["values"][0], "NOM50");
    // Past the end: nothing, and the total.
    let past = to_json(session.rows(JsValue::NULL, 500, 20).unwrap());
    assert_eq!(past["rows"], json!([]));
    assert_eq!(past["total"], 60);
    let page = to_json(session.list("issues", 0, 5).unwrap());
    assert_eq!(page["items"].as_array().unwrap().len(), 5);
    assert_eq!(page["total"], 60, "no identifier on any row: an error each");
}

#[wasm_bindgen_test]
fn compare_gives_the_command_lines_json_the_french_lines_and_the_evolutions() {
    let mut adopted = MARTIN;
    adopted[14] = "Oui";
    let mut petit = MARTIN;
    petit[0] = "PETIT";
    petit[4] = "10999999997";
    let (last, this) = (workbook(&[MARTIN]), workbook(&[adopted, petit]));
    let result = compare(
        &last,
        "2025.xlsx",
        &this,
        "Annuaire_2026.xlsx",
        JsValue::NULL,
    )
    .unwrap();
    let comparison = to_json(get(&result, "comparison"));
    assert_eq!(comparison["joined"][0]["nom"], "PETIT");
    assert_eq!(
        comparison["changed"][0]["fields"][0]["field"],
        "spico_discussion"
    );
    assert_eq!(comparison["spico"]["discussion"]["adopted"], 1);
    // The same JSON as `annuaire-cpts compare --json`.
    let open =
        |bytes: &[u8], name: &str| Document::open(bytes, name, Schema::default(), None).unwrap();
    let options = CheckOptions {
        today: Ymd {
            year: 2026,
            month: 3,
            day: 1,
        },
        cpts: None,
        year: None,
        refused_fixes: vec![],
    };
    let native = annuaire_cpts::compare::compare_documents(
        &open(&last, "2025.xlsx"),
        &open(&this, "Annuaire_2026.xlsx"),
        &options,
    );
    assert_eq!(comparison, serde_json::to_value(&native).unwrap());
    let items = to_json(get(&result, "items"));
    assert_eq!(items[0]["kind"], "joined");
    assert!(items[0]["text"].as_str().unwrap().contains("PETIT Claire"));
    let counts = to_json(get(&result, "counts"));
    assert!(counts.as_array().unwrap().len() >= 8);
    assert_eq!(
        get(&result, "name").as_string().unwrap(),
        "Evolutions_Annuaire_2026.xlsx"
    );
    assert_eq!(&joined(&get(&result, "parts"))[..2], b"PK");
    // An unreadable file is named in the message.
    let Err(error) = compare(&last, "2025.xlsx", b"%PDF-1.7", "scan.pdf", JsValue::NULL) else {
        panic!("a PDF compared");
    };
    let message = get(&JsValue::from(error), "message").as_string().unwrap();
    assert!(message.starts_with("scan.pdf : "), "{message}");
}

#[wasm_bindgen_test]
fn the_open_directory_is_compared_as_it_stands_with_its_edits() {
    let mut petit = MARTIN;
    petit[0] = "PETIT";
    petit[4] = "10999999997";
    let (last, this) = (workbook(&[MARTIN]), workbook(&[MARTIN, petit]));
    let mut session = Session::open(&this, "Annuaire_2026.xlsx", JsValue::NULL).unwrap();
    let before = to_json(get(
        &session.compare_last(&last, "2025.xlsx").unwrap(),
        "comparison",
    ));
    assert_eq!(before["joined"][0]["nom"], "PETIT");
    assert_eq!(before["changed"], json!([]));
    // An edit in the page is in the comparison: this year's file is not read again.
    session
        .edit(2, "telephone", "05 61 99 99 99", JsValue::NULL)
        .unwrap();
    let result = session.compare_last(&last, "2025.xlsx").unwrap();
    let after = to_json(get(&result, "comparison"));
    assert_eq!(after["changed"][0]["fields"][0]["field"], "telephone");
    assert_eq!(after["changed"][0]["fields"][0]["after"], "05 61 99 99 99");
    assert_eq!(
        get(&result, "name").as_string().unwrap(),
        "Evolutions_Annuaire_2026.xlsx"
    );
    let Err(error) = session.compare_last(b"%PDF-1.7", "scan.pdf") else {
        panic!("a PDF compared");
    };
    let message = get(&JsValue::from(error), "message").as_string().unwrap();
    assert!(message.starts_with("scan.pdf : "), "{message}");
}

#[wasm_bindgen_test]
fn a_batch_gives_its_table_of_files_indicators_and_both_workbooks() {
    let mut batch = Batch::new(JsValue::NULL).unwrap();
    let line = to_json(
        batch
            .add(&workbook(&[MARTIN]), "Annuaire_CPTS_Du_Lot_2026.xlsx")
            .unwrap(),
    );
    assert_eq!(line["follows_rule"], true);
    assert_eq!(line["rows_kept"], 1);
    let line = to_json(
        batch
            .add(b"not a workbook", "Annuaire_CPTS_Sud_2026.xlsx")
            .unwrap(),
    );
    assert!(line["message"].is_string());
    let line = to_json(
        batch
            .add_unreadable("trap.xlsx", "Une erreur interne")
            .unwrap(),
    );
    assert_eq!(line["message"], "Une erreur interne");
    let finished = to_json(batch.finish().unwrap());
    assert_eq!(finished["year"], 2026);
    assert_eq!(finished["read"], 1);
    assert_eq!(finished["files"].as_array().unwrap().len(), 3);
    assert_eq!(finished["merged_name"], "Annuaire_CPTS_Occitanie_2026.xlsx");
    let members = &finished["indicators"]["tables"][0];
    // One member: masked, in the CPTS's row and the region's.
    assert_eq!(members["rows"][0]["total"], "< 11");
    let merged = batch.write_merged().unwrap();
    assert_eq!(
        get(&merged, "name").as_string().unwrap(),
        "Annuaire_CPTS_Occitanie_2026.xlsx"
    );
    let bytes = joined(&get(&merged, "parts"));
    let again = Document::open(&bytes, "merged.xlsx", Schema::default(), None).unwrap();
    assert_eq!(again.table.rows.len(), 1);
    let counts = batch.write_indicators().unwrap();
    assert_eq!(
        get(&counts, "name").as_string().unwrap(),
        "Indicateurs_CPTS_Occitanie_2026.xlsx"
    );
    assert_eq!(&joined(&get(&counts, "parts"))[..2], b"PK");
}

/// Two workers, as www/batch.js runs them: `a` checks the first file, `b` the others; `b`'s
/// files and rows go to `a` as bytes; `a` finishes as if it had checked them all.
#[wasm_bindgen_test]
fn two_batches_hand_over_to_one_the_batch_one_would_give() {
    let files: [(Vec<u8>, &str); 3] = [
        (workbook(&[MARTIN]), "Annuaire_CPTS_Du_Lot_2026.xlsx"),
        (b"not a workbook".to_vec(), "Annuaire_CPTS_Sud_2026.xlsx"),
        (workbook(&[MARTIN]), "Annuaire_CPTS_Du_Tarn_2026.xlsx"),
    ];
    let mut one = Batch::new(JsValue::NULL).unwrap();
    for (bytes, name) in &files {
        one.add(bytes, name).unwrap();
    }
    let whole = to_json(one.finish().unwrap());
    let mut a = Batch::new(JsValue::NULL).unwrap();
    let mut b = Batch::new(JsValue::NULL).unwrap();
    a.add(&files[0].0, files[0].1).unwrap();
    for (bytes, name) in &files[1..] {
        b.add(bytes, name).unwrap();
    }
    let listing = a.mark(&[]).unwrap();
    let kept = a.kept();
    assert_eq!(kept, 1);
    let lines = a.add_rows(&a.controle_rows(1).unwrap()).unwrap();
    a.add_rows(&a.annuaire_rows(1).unwrap()).unwrap();
    b.mark(&listing).unwrap();
    a.take_over(&b.hand_over()).unwrap();
    let members = b.annuaire_rows(1 + kept).unwrap();
    let findings = b.controle_rows(1 + lines).unwrap();
    a.add_rows(&members).unwrap();
    a.add_rows(&findings).unwrap();
    let split = to_json(a.finish().unwrap());
    assert_eq!(split, whole);
    let notices = |i: usize| split["files"][i]["notices"].as_u64().unwrap();
    assert_eq!(notices(2), notices(0) + 1, "the member the Lot lists too");
    let merged = |batch: &Batch| {
        let bytes = joined(&get(&batch.write_merged().unwrap(), "parts"));
        Document::open(&bytes, "merged.xlsx", Schema::default(), None)
            .unwrap()
            .table
            .rows
    };
    assert_eq!(merged(&a), merged(&one));
    assert_eq!(merged(&a).len(), 2);
    assert!(a.take_over(b"not handed over").is_err());
    assert!(a.add_rows(b"not rows").is_err());
    assert!(b.mark(b"not a listing").is_err());
}

#[wasm_bindgen_test]
fn a_batch_of_unreadable_files_writes_nothing_and_says_so_in_french() {
    let mut batch = Batch::new(JsValue::NULL).unwrap();
    batch.add(b"garbage", "a.xlsx").unwrap();
    assert!(batch.write_merged().is_err(), "not finished");
    batch.finish().unwrap();
    let error = JsValue::from(batch.write_merged().unwrap_err());
    let message = get(&error, "message").as_string().unwrap();
    assert!(message.contains("Aucun des fichiers"), "{message}");
}

#[wasm_bindgen_test]
fn the_coordinators_indicators_follow_her_edits() {
    let mut session =
        Session::open(&workbook(&[MARTIN; 12]), "annuaire.xlsx", JsValue::NULL).unwrap();
    let found = session.indicators(options("CPTS du Lot")).unwrap();
    assert_eq!(
        get(&found, "name").as_string().unwrap(),
        "Indicateurs_CPTS_Du_Lot_2026.xlsx"
    );
    let indicators = to_json(get(&found, "indicators"));
    assert_eq!(indicators["tables"][0]["rows"][0]["label"], "Votre CPTS");
    assert_eq!(indicators["tables"][0]["rows"][0]["total"], 12);
    assert_eq!(&joined(&get(&found, "parts"))[..2], b"PK");
    // A member who objects is no longer counted.
    session.edit(2, "opposition", "Oui", JsValue::NULL).unwrap();
    let indicators = to_json(get(
        &session.indicators(options("CPTS du Lot")).unwrap(),
        "indicators",
    ));
    assert_eq!(indicators["tables"][0]["rows"][0]["total"], 11);
}
