//! The page's entry points: a handful of coarse functions, data crossing as serde values.
//! Only this module knows JavaScript; `www/worker.js` is its only caller.
//!
//! ```js
//! import init, { Session } from './pkg/annuaire_cpts.js';
//! await init();
//! const session = Session.open(bytes, 'Annuaire.xlsx', { sheet: null, schema: null });
//! const view = session.check({ cpts: 'CPTS du centre TARN', year: 2026, refused_fixes: [] });
//! session.set_cell(5, 'nom', 'DUPONT');
//! const { bytes: xlsx, name } = session.write({ cpts: 'CPTS du centre TARN', year: 2026 });
//! ```

use std::sync::Once;

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::check::{CellRef, CheckOptions, Outcome};
use crate::document::Document;
use crate::filename::{ars_file_name, parse_ars_file_name};
use crate::schema::Schema;
use crate::table::Ymd;

/// How to open a file, as the page sends it (every key optional).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct OpenOptions {
    /// The sheet to read; `null` lets the reader pick the directory's sheet.
    sheet: Option<String>,
    /// A Table Schema JSON text replacing the default schema.
    schema: Option<String>,
}

/// What the page sends for a check or a write (every key optional); today comes from the
/// browser's clock.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PageOptions {
    cpts: Option<String>,
    year: Option<i32>,
    refused_fixes: Vec<CellRef>,
}

impl PageOptions {
    fn into_check_options(self) -> CheckOptions {
        CheckOptions {
            today: today(),
            cpts: self.cpts.filter(|c| !c.trim().is_empty()),
            year: self.year,
            refused_fixes: self.refused_fixes,
        }
    }
}

/// A schema field as the page shows it: id, column title, whether it may stay empty.
#[derive(Debug, Serialize)]
struct FieldView<'a> {
    id: &'a str,
    title: &'a str,
    required: crate::schema::Required,
}

/// A record as the page shows it: the values only. The original text stays in the worker: a
/// 100,000-row file sends half as many strings to the page, whose thread must not freeze.
#[derive(Debug, Serialize)]
struct RecordView<'a> {
    row: u32,
    values: &'a [String],
    removed: Option<crate::report::Code>,
}

/// What a check returns to the page: the outcome (report and records) plus what the page needs
/// to draw the table (fields in record order) and to offer another sheet.
#[derive(Debug, Serialize)]
struct CheckView<'a> {
    report: &'a crate::report::Report,
    records: Vec<RecordView<'a>>,
    fields: Vec<FieldView<'a>>,
    sheet: &'a str,
    sheets: &'a [String],
}

/// Sets the panic hook once, so that a panic (a bug, never a user error) shows in the console
/// with its message instead of `unreachable`.
fn init_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(console_error_panic_hook::set_once);
}

/// Today by the browser's clock (local time: what the coordinator sees on the wall).
fn today() -> Ymd {
    let now = js_sys::Date::new_0();
    Ymd {
        year: i32::try_from(now.get_full_year()).unwrap_or(1970),
        month: now.get_month() + 1,
        day: now.get_date(),
    }
}

/// Serialises as plain JSON-like JS values: `None` → `null`, maps → objects.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Reads options sent by the page; `undefined` and `null` mean every default.
fn from_js<T: for<'de> Deserialize<'de> + Default>(value: JsValue) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&e.to_string()))
}

/// One opened directory file, kept in the worker between the page's calls so that a cell edit
/// checks again without reading the file again.
#[wasm_bindgen]
pub struct Session(Document);

#[wasm_bindgen]
impl Session {
    /// Reads a file. `options`: `{ sheet?: string, schema?: string }` (schema: Table Schema
    /// JSON text).
    ///
    /// # Errors
    /// The French message of [`crate::Error`] when the file (or the schema) cannot be read.
    pub fn open(bytes: &[u8], file_name: &str, options: JsValue) -> Result<Session, JsError> {
        init_panic_hook();
        let options: OpenOptions = from_js(options)?;
        let schema = match options.schema.as_deref() {
            Some(json) if !json.trim().is_empty() => Schema::from_json(json)?,
            _ => Schema::default(),
        };
        let document = Document::open(bytes, file_name, schema, options.sheet.as_deref())?;
        Ok(Session(document))
    }

    /// Checks the table as it stands. `options`: `{ cpts?, year?, refused_fixes?: [{row,
    /// column}] }`. Returns `{ report, records, fields: [{id, title, required}], sheet, sheets }`.
    ///
    /// # Errors
    /// Only if the options are not the expected shape.
    pub fn check(&self, options: JsValue) -> Result<JsValue, JsError> {
        let options: PageOptions = from_js(options)?;
        let outcome = self.0.check(&options.into_check_options());
        self.view(&outcome)
    }

    /// Replaces the text of one cell (spreadsheet row number, field id). Returns `false` when
    /// the row or the field's column does not exist.
    pub fn set_cell(&mut self, row: u32, field: &str, value: &str) -> bool {
        self.0.set_cell(row, field, value)
    }

    /// Checks and writes the corrected workbook. Returns `{ bytes: Uint8Array, name, view }`,
    /// `view` being what [`Session::check`] returns for the same options.
    ///
    /// # Errors
    /// The French message of [`crate::Error`] if the workbook cannot be written.
    pub fn write(&self, options: JsValue) -> Result<JsValue, JsError> {
        let options: PageOptions = from_js(options)?;
        let corrected = self.0.write(&options.into_check_options())?;
        let result = js_sys::Object::new();
        let bytes = js_sys::Uint8Array::from(corrected.bytes.as_slice());
        js_sys::Reflect::set(&result, &"bytes".into(), &bytes).map_err(js_error)?;
        js_sys::Reflect::set(&result, &"name".into(), &corrected.name.into()).map_err(js_error)?;
        let view = self.view(&corrected.outcome)?;
        js_sys::Reflect::set(&result, &"view".into(), &view).map_err(js_error)?;
        Ok(result.into())
    }

    fn view(&self, outcome: &Outcome) -> Result<JsValue, JsError> {
        let document = &self.0;
        to_js(&CheckView {
            report: &outcome.report,
            records: outcome
                .records
                .iter()
                .map(|r| RecordView {
                    row: r.row,
                    values: &r.values,
                    removed: r.removed,
                })
                .collect(),
            fields: document
                .schema
                .fields
                .iter()
                .map(|f| FieldView {
                    id: &f.id,
                    title: &f.title,
                    required: f.required,
                })
                .collect(),
            sheet: &document.table.sheet,
            sheets: &document.table.sheets,
        })
    }
}

fn js_error(value: JsValue) -> JsError {
    JsError::new(&value.as_string().unwrap_or_default())
}

/// The ARS file name for a CPTS and a year of deposit (SPEC §7).
#[wasm_bindgen]
pub fn file_name(cpts: &str, year: i32) -> String {
    ars_file_name(cpts, year)
}

/// The CPTS name and year of a file named by the convention: `{ cpts, year }`, or `null`.
///
/// # Errors
/// Never in practice (serialising two plain values).
#[wasm_bindgen]
pub fn parse_file_name(name: &str) -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Parsed {
        cpts: String,
        year: i32,
    }
    let parsed = parse_ars_file_name(name).map(|(cpts, year)| Parsed { cpts, year });
    to_js(&parsed)
}

/// The blank template workbook (xlsx bytes) for the default schema.
///
/// # Errors
/// The French message of [`crate::Error`] if the workbook cannot be written.
#[wasm_bindgen]
pub fn template() -> Result<js_sys::Uint8Array, JsError> {
    init_panic_hook();
    let bytes = crate::write::write_template(&Schema::default())?;
    Ok(js_sys::Uint8Array::from(bytes.as_slice()))
}

/// The current year by the browser's clock: the default year of deposit.
#[wasm_bindgen]
pub fn current_year() -> i32 {
    today().year
}
