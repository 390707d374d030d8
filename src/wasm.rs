//! The page's entry points. Only this module knows JavaScript; `www/worker.js` is its only
//! caller, and lists the messages the page sends it (one per method here).
//!
//! The checked directory lives here, in a [`Session`] (the core's [`crate::session::Session`]):
//! the page asks only for what it draws — the counts ([`Session::head`]), a window of rows
//! ([`Session::rows`]), a row's findings ([`Session::findings`]), a page of a list
//! ([`Session::list`]) — and sends edits, refusals of a fix and undos, each of which checks
//! again only the rows that depend on it. Every answer is a small plain object
//! (serde-wasm-bindgen): nothing the size of the file crosses to the page but the corrected
//! workbook.
//!
//! A written workbook crosses as `parts`, an array of `Uint8Array`s of at most 1 MiB each (the
//! chunks of [`XlsxFile`]), never as one array: a large corrected file weighs tens of MB, and
//! each chunk is freed in the module once copied, so the module's memory, which never shrinks,
//! never holds the file twice. The worker makes one `Blob` of the parts
//! (`new Blob(parts, { type })`), which posts to the page without a copy of its bytes.
//!
//! ```js
//! import init, { Session, check, template, warm_up } from './pkg/annuaire_cpts.js';
//! await init();
//! warm_up(150);
//! const json = check(bytes, 'Annuaire.xlsx', null, { cpts: 'CPTS du centre TARN', year: 2026 });
//! const session = Session.open(bytes, 'Annuaire.xlsx', { sheet: null, schema: null });
//! const names = { cpts: 'CPTS du centre TARN', year: 2026 };
//! const head = session.head(names);          // counts, fields, sheets, file findings
//! const window = session.rows({ show: 'error', column: null }, 0, 40);
//! const findings = session.findings(window.rows[0].row);
//! const change = session.edit(5, 'nom', 'DUPONT');   // { row, field, rows }
//! session.refuse(7, 'telephone', true);
//! session.undo();
//! const { parts, name } = session.write(names);
//! const xlsx = new Blob(parts, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
//! const blank = new Blob(template(), { type: xlsx.type });
//! ```

use std::sync::Once;

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::check::{CheckOptions, Record, Results};
use crate::document::Document;
use crate::filename::{ars_file_name, parse_ars_file_name};
use crate::report::{Code, Finding, ReportColumn, Severity, Summary};
use crate::schema::Schema;
use crate::session::Filter;
use crate::table::Ymd;
use crate::write::XlsxFile;

mod batch;
pub use batch::Batch;

/// How to open a file, as the page sends it (every key optional).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct OpenOptions {
    /// The sheet to read; `null` lets the reader pick the directory's sheet.
    sheet: Option<String>,
    /// A Table Schema JSON text replacing the default schema.
    schema: Option<String>,
}

/// The CPTS name and year of deposit, as the page sends them (both optional): they name the
/// corrected file.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Names {
    cpts: Option<String>,
    year: Option<i32>,
}

impl Names {
    fn check_options(self, session: &crate::session::Session) -> CheckOptions {
        CheckOptions {
            today: today(),
            cpts: self.cpts.filter(|c| !c.trim().is_empty()),
            year: self.year,
            refused_fixes: session.checked().refused().to_vec(),
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

/// The report without its findings (they travel in columns): what the summary shows.
#[derive(Debug, Serialize)]
struct ReportHead<'a> {
    file: &'a str,
    sheet: Option<&'a str>,
    header_row: Option<u32>,
    columns: Vec<ReportColumn>,
    rows_read: usize,
    rows_kept: usize,
    summary: Summary,
    filename: Option<String>,
}

/// What the page draws once per change: the report's head, the schema's fields, the sheets,
/// the file-level findings and the counts behind the summary's filters.
#[derive(Debug, Serialize)]
struct Head<'a> {
    report: ReportHead<'a>,
    fields: Vec<FieldView<'a>>,
    sheet: &'a str,
    sheets: &'a [String],
    /// Findings without a row, in report order.
    file_findings: &'a [Finding],
    counts: Counts,
    can_undo: bool,
}

/// The counts the summary shows beside the report's.
#[derive(Debug, Default, Serialize)]
struct Counts {
    /// Automatic fixes, of rows and of the file.
    fixes: usize,
    /// Fixes the coordinator refused.
    refused: usize,
    /// Errors and warnings (the list « erreurs et avertissements »).
    issues: usize,
    blank: usize,
    example: usize,
    opposition: usize,
}

/// One row of the grid's window.
#[derive(Debug, Serialize)]
struct RowView<'a> {
    row: u32,
    /// Why the row is left out (`row.blank`…), or `null`.
    removed: Option<&'static str>,
    /// What the row's findings say ([`crate::session::Marks`] bits).
    marks: u8,
    /// The values to write, in schema order.
    values: Vec<&'a str>,
    /// The row's findings, in report order.
    findings: &'a [Finding],
    /// The fixes refused in the row, as they were (offered back where they were refused).
    refused: Vec<&'a Finding>,
}

/// A window of the rows a filter keeps.
#[derive(Debug, Serialize)]
struct Window<'a> {
    /// How many rows the filter keeps.
    total: usize,
    /// The index, among those, of the first row here.
    from: usize,
    rows: Vec<RowView<'a>>,
}

/// A page of a list of findings.
#[derive(Debug, Serialize)]
struct ListPage<'a> {
    total: usize,
    /// The index of the first refused fix (the fixes list ends with them); `total` when none.
    first_refused: usize,
    items: Vec<&'a Finding>,
}

/// What an edit, a refusal or an undo changed, and the new head.
#[derive(Debug, Serialize)]
struct Changed<'a> {
    change: crate::session::Change,
    head: Head<'a>,
}

/// The next error's cell.
#[derive(Debug, Serialize)]
struct Cursor {
    row: u32,
    field: String,
}

/// A plain JS object built key by key.
struct Object(JsValue);

impl Object {
    fn new() -> Object {
        Object(js_sys::Object::new().into())
    }

    fn with(self, key: &str, value: impl Into<JsValue>) -> Result<Object, JsError> {
        js_sys::Reflect::set(&self.0, &JsValue::from_str(key), &value.into()).map_err(js_error)?;
        Ok(self)
    }
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

/// One opened directory file, kept in the worker between the page's calls: read and checked
/// once, then edited row by row.
#[wasm_bindgen]
pub struct Session {
    inner: crate::session::Session,
    /// The positions the last filter asked for kept; dropped by any change.
    filtered: Option<(Filter, Vec<usize>)>,
}

#[wasm_bindgen]
impl Session {
    /// Reads and checks a file. `options`: `{ sheet?: string, schema?: string }` (schema:
    /// Table Schema JSON text).
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
        Ok(Session {
            inner: crate::session::Session::new(document, today()),
            filtered: None,
        })
    }

    /// The report's head, fields, sheets, file findings and counts. `names`: `{ cpts?, year? }`.
    ///
    /// # Errors
    /// Only if the options are not the expected shape.
    pub fn head(&self, names: JsValue) -> Result<JsValue, JsError> {
        let names: Names = from_js(names)?;
        to_js(&self.head_of(names))
    }

    /// `count` rows from index `from` among those `filter` keeps (`{ show: 'all' | 'kept' |
    /// 'error' | 'warning' | 'fixed' | 'removed', column: field id | null }`): `{ total, from,
    /// rows: [{ row, removed, marks, values, findings, refused }] }`.
    ///
    /// # Errors
    /// Only if the filter is not the expected shape.
    pub fn rows(&mut self, filter: JsValue, from: usize, count: usize) -> Result<JsValue, JsError> {
        let filter: Filter = from_js(filter)?;
        let positions = self.filtered(filter);
        let total = positions.len();
        let from = from.min(total);
        let window: Vec<usize> = positions.iter().skip(from).take(count).copied().collect();
        let rows = window.iter().filter_map(|&p| self.row_view(p)).collect();
        to_js(&Window { total, from, rows })
    }

    /// The index of spreadsheet row `row` among the rows `filter` keeps, or -1.
    ///
    /// # Errors
    /// Only if the filter is not the expected shape.
    pub fn locate(&mut self, filter: JsValue, row: u32) -> Result<i32, JsError> {
        let filter: Filter = from_js(filter)?;
        let Some(position) = self.inner.position(row) else {
            return Ok(-1);
        };
        let positions = self.filtered(filter);
        Ok(positions
            .binary_search(&position)
            .ok()
            .and_then(|i| i32::try_from(i).ok())
            .unwrap_or(-1))
    }

    /// Spreadsheet row `row` as [`Session::rows`] gives it (its values, its findings, the
    /// fixes refused in it), or `null`.
    ///
    /// # Errors
    /// Never in practice (serialising plain values).
    pub fn findings(&self, row: u32) -> Result<JsValue, JsError> {
        match self.inner.position(row).and_then(|p| self.row_view(p)) {
            Some(view) => to_js(&view),
            None => Ok(JsValue::NULL),
        }
    }

    /// `count` items from index `from` of a list: `'fixes'` (every automatic fix, then the
    /// refused ones) or `'issues'` (every error and warning), in report order: `{ total,
    /// first_refused, items }`.
    ///
    /// # Errors
    /// Only for another list name.
    pub fn list(&self, name: &str, from: usize, count: usize) -> Result<JsValue, JsError> {
        let checked = self.inner.checked();
        // The totals are the live check's counts: a page reads only as far as its last item.
        let tally = checked.tally();
        let page = match name {
            "fixes" => {
                let refused = self.inner.refused_fixes();
                ListPage {
                    total: tally.fixes + refused.len(),
                    first_refused: tally.fixes,
                    items: checked
                        .issues()
                        .filter(|f| f.code == Code::ValueFixed)
                        .chain(refused)
                        .skip(from)
                        .take(count)
                        .collect(),
                }
            }
            "issues" => {
                let total = tally.summary.error + tally.summary.warning;
                ListPage {
                    total,
                    first_refused: total,
                    items: checked
                        .issues()
                        .filter(|f| f.severity != Severity::Notice)
                        .skip(from)
                        .take(count)
                        .collect(),
                }
            }
            _ => return Err(JsError::new(&format!("unknown list {name}"))),
        };
        to_js(&page)
    }

    /// The first error after the cell `row`, `field` (`""`: the row itself; `row` 0: from the
    /// top) among the rows `filter` keeps, else the first from the top: `{ row, field }` or
    /// `null`.
    ///
    /// # Errors
    /// Only if the filter is not the expected shape.
    pub fn next_error(&self, filter: JsValue, row: u32, field: &str) -> Result<JsValue, JsError> {
        let filter: Filter = from_js(filter)?;
        let after = (row > 0).then_some((row, field));
        let next = self
            .inner
            .next_error(&filter, after)
            .map(|(row, field)| Cursor { row, field });
        to_js(&next)
    }

    /// Replaces the text of one cell (spreadsheet row, field id) and checks again what depends
    /// on it: `{ change: { row, field, rows }, head }` (`rows`: the rows to draw again), or
    /// `null` when the row or the field's column does not exist.
    ///
    /// # Errors
    /// Only if the options are not the expected shape.
    pub fn edit(
        &mut self,
        row: u32,
        field: &str,
        value: &str,
        names: JsValue,
    ) -> Result<JsValue, JsError> {
        let change = self.inner.set_cell(row, field, value);
        self.changed(change, names)
    }

    /// Refuses (`true`) or accepts again the automatic fix of one cell: as [`Session::edit`];
    /// `null` when nothing changed.
    ///
    /// # Errors
    /// Only if the options are not the expected shape.
    pub fn refuse(
        &mut self,
        row: u32,
        field: &str,
        refused: bool,
        names: JsValue,
    ) -> Result<JsValue, JsError> {
        let change = self.inner.refuse_fix(row, field, refused);
        self.changed(change, names)
    }

    /// Undoes the last edit or refusal (the cell back exactly as it was read): as
    /// [`Session::edit`]; `null` when there is nothing to undo.
    ///
    /// # Errors
    /// Only if the options are not the expected shape.
    pub fn undo(&mut self, names: JsValue) -> Result<JsValue, JsError> {
        let change = self.inner.undo();
        self.changed(change, names)
    }

    /// The §9 report of the table as it stands, as JSON text: exactly what
    /// `annuaire-cpts check --json` prints for the same table.
    ///
    /// # Errors
    /// Only if the options are not the expected shape.
    pub fn report_json(&self, names: JsValue) -> Result<String, JsError> {
        let names: Names = from_js(names)?;
        let outcome = self.inner.outcome(&names.check_options(&self.inner));
        serde_json::to_string_pretty(&outcome.report).map_err(|e| JsError::new(&e.to_string()))
    }

    /// The table as it stands (this year's directory, with the coordinator's edits and
    /// refusals) against last year's file, read and checked here with the same schema: what
    /// [`compare`](fn@compare) returns, without reading this year's file again.
    ///
    /// # Errors
    /// The file's name and the French message of [`crate::Error`] when last year's file cannot
    /// be read.
    pub fn compare_last(&self, last_bytes: &[u8], last_name: &str) -> Result<JsValue, JsError> {
        let start = js_sys::Date::now();
        let this = self.inner.document();
        let last =
            Document::open(last_bytes, last_name, this.schema.clone(), None).map_err(|e| {
                JsError::new(&crate::text::compare::unreadable(last_name, &e.to_string()))
            })?;
        let options = Names::default().check_options(&self.inner);
        let last_outcome = last.check(&CheckOptions {
            refused_fixes: Vec::new(),
            ..options.clone()
        });
        let this_outcome = self.inner.outcome(&options);
        compared(
            &last,
            &last_outcome,
            this,
            &this_outcome,
            start,
            js_sys::Date::now(),
        )
    }

    /// « Indicateurs sans données personnelles » of the table as it stands, by the same code
    /// and rules as the ARS's ([`crate::ars::indicators`]): `{ indicators, parts, name }`, the
    /// tables (as in `annuaire-cpts ars --json`) and their workbook.
    ///
    /// # Errors
    /// The French message of [`crate::Error`] if the workbook cannot be written.
    pub fn indicators(&self, names: JsValue) -> Result<JsValue, JsError> {
        let names: Names = from_js(names)?;
        let options = names.check_options(&self.inner);
        let document = self.inner.document();
        let outcome = self.inner.outcome(&options);
        let indicators = crate::ars::indicators(&outcome, &document.schema);
        let year = options.year.unwrap_or_else(|| today().year);
        let cpts = options.cpts.as_deref();
        let file = crate::write::write_cpts_indicators(&indicators, cpts, year)?;
        let result = Object::new()
            .with("indicators", to_js(&indicators)?)?
            .with("parts", parts(file))?
            .with("name", crate::text::ars::cpts_indicators_file(cpts, year))?;
        Ok(result.0)
    }

    /// Writes the corrected workbook of the table as it stands: `{ parts: Uint8Array[], name }`
    /// (see the module's documentation: make one `Blob` of the parts).
    ///
    /// # Errors
    /// The French message of [`crate::Error`] if the workbook cannot be written.
    pub fn write(&self, names: JsValue) -> Result<JsValue, JsError> {
        let names: Names = from_js(names)?;
        let options = names.check_options(&self.inner);
        let document = self.inner.document();
        let bytes = crate::write::write_corrected(self.inner.checked(), &document.schema)?;
        let name = document.corrected_name(&options);
        let result = Object::new()
            .with("parts", parts(bytes))?
            .with("name", name)?;
        Ok(result.0)
    }
}

impl Session {
    /// The row at table position `position`, as the page draws it.
    fn row_view(&self, position: usize) -> Option<RowView<'_>> {
        let checked = self.inner.checked();
        let record: &Record = checked.records().get(position)?;
        let width = self.inner.document().schema.fields.len();
        Some(RowView {
            row: record.row,
            removed: record.removed.map(Code::as_str),
            marks: self.inner.marks(position, None),
            values: (0..width).map(|j| record.value(j)).collect(),
            findings: checked.row_findings(position),
            refused: self.refused_in(record.row),
        })
    }

    /// The fixes refused in spreadsheet row `row`.
    fn refused_in(&self, row: u32) -> Vec<&Finding> {
        self.inner
            .refused_fixes()
            .iter()
            .filter(|f| f.row == Some(row))
            .collect()
    }

    /// The positions `filter` keeps, from the last answer when it asked the same.
    fn filtered(&mut self, filter: Filter) -> &[usize] {
        let stale = self
            .filtered
            .as_ref()
            .is_none_or(|(last, _)| *last != filter);
        if stale {
            let positions = self.inner.rows(&filter);
            self.filtered = Some((filter, positions));
        }
        self.filtered.as_ref().map_or(&[], |(_, p)| p.as_slice())
    }

    fn changed(
        &mut self,
        change: Option<crate::session::Change>,
        names: JsValue,
    ) -> Result<JsValue, JsError> {
        let names: Names = from_js(names)?;
        let Some(change) = change else {
            return Ok(JsValue::NULL);
        };
        self.filtered = None;
        to_js(&Changed {
            change,
            head: self.head_of(names),
        })
    }

    fn head_of(&self, names: Names) -> Head<'_> {
        let inner = &self.inner;
        let document = inner.document();
        let checked = inner.checked();
        let options = names.check_options(inner);
        let tally = checked.tally();
        let counts = Counts {
            fixes: tally.fixes,
            refused: inner.refused_fixes().len(),
            issues: tally.summary.error + tally.summary.warning,
            blank: tally.blank,
            example: tally.example,
            opposition: tally.opposition,
        };
        let table = &document.table;
        Head {
            report: ReportHead {
                file: &document.file,
                sheet: Some(&table.sheet),
                header_row: Some(table.header_row),
                columns: crate::check::report_columns(table),
                rows_read: table.rows.len(),
                rows_kept: checked.rows_kept(),
                summary: checked.summary(),
                filename: crate::check::file_name(&options),
            },
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
            sheet: &table.sheet,
            sheets: &table.sheets,
            file_findings: checked.file_findings(),
            counts,
            can_undo: inner.can_undo(),
        }
    }
}

/// The file as an array of `Uint8Array`s, each chunk freed as soon as it is copied: the
/// module's memory never holds a second copy of the file.
fn parts(file: XlsxFile) -> js_sys::Array {
    let parts = js_sys::Array::new();
    for chunk in file.into_chunks() {
        parts.push(&js_sys::Uint8Array::from(chunk.as_slice()));
    }
    parts
}

fn js_error(value: JsValue) -> JsError {
    JsError::new(&value.as_string().unwrap_or_default())
}

/// SPEC §9 in one call: the report of a file as the JSON text `annuaire-cpts check FILE --json`
/// prints. `open` is what [`Session::open`] takes, `options` what [`Session::check`] takes.
/// The page keeps a [`Session`] instead, to edit and write without reading the file again.
///
/// # Errors
/// The French message of [`crate::Error`] if the file cannot be read.
#[wasm_bindgen]
pub fn check(
    bytes: &[u8],
    file_name: &str,
    open: JsValue,
    options: JsValue,
) -> Result<String, JsError> {
    Session::open(bytes, file_name, open)?.report_json(options)
}

/// How to read the two files of [`compare`](fn@compare) (every key optional).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CompareOptions {
    /// A Table Schema JSON text replacing the default schema, for both files.
    schema: Option<String>,
    /// The sheet of this year's file (last year's is picked by the reader).
    sheet: Option<String>,
}

/// This year's directory against last year's (SPEC §12), without touching the [`Session`]:
/// both files are read and checked here, then compared. `options`: `{ schema?: string, sheet?:
/// string }`. Returns `{ comparison, counts, items, parts, name, timings }`: `comparison` is the
/// object `annuaire-cpts compare LAST THIS --json` prints (`joined`, `left`, `changed`,
/// `unchanged`, `ambiguous`, `objecting`, `spico`…), `counts` the summary's `[label, number]`
/// lines and `items` the list's `{kind, text}` lines, in French (the command line prints the
/// same), `parts` and `name` the « Évolutions » workbook (one `Blob` of the parts is the file),
/// `timings` where the time went (`read_check_ms`, `compare_ms`, `write_ms`).
///
/// # Errors
/// The file's name and the French message of [`crate::Error`] when a file cannot be read.
#[wasm_bindgen]
pub fn compare(
    last_bytes: &[u8],
    last_name: &str,
    this_bytes: &[u8],
    this_name: &str,
    options: JsValue,
) -> Result<JsValue, JsError> {
    init_panic_hook();
    let options: CompareOptions = from_js(options)?;
    let schema = match options.schema.as_deref() {
        Some(json) if !json.trim().is_empty() => Schema::from_json(json)?,
        _ => Schema::default(),
    };
    let open = |bytes: &[u8], name: &str, sheet: Option<&str>| {
        Document::open(bytes, name, schema.clone(), sheet)
            .map_err(|e| JsError::new(&crate::text::compare::unreadable(name, &e.to_string())))
    };
    let start = js_sys::Date::now();
    let last = open(last_bytes, last_name, None)?;
    let this = open(this_bytes, this_name, options.sheet.as_deref())?;
    let check = CheckOptions {
        today: today(),
        cpts: None,
        year: None,
        refused_fixes: Vec::new(),
    };
    let (last_outcome, this_outcome) = (last.check(&check), this.check(&check));
    compared(
        &last,
        &last_outcome,
        &this,
        &this_outcome,
        start,
        js_sys::Date::now(),
    )
}

/// The comparison of two checked directories, as [`compare`](fn@compare) returns it; `start`
/// and `checked` are when the reading and the checks started and ended.
fn compared(
    last: &Document,
    last_outcome: &crate::check::Outcome,
    this: &Document,
    this_outcome: &crate::check::Outcome,
    start: f64,
    checked: f64,
) -> Result<JsValue, JsError> {
    let comparison = crate::compare::compare(
        crate::compare::Side {
            document: last,
            outcome: last_outcome,
        },
        crate::compare::Side {
            document: this,
            outcome: this_outcome,
        },
    );
    let compared = js_sys::Date::now();
    let file = crate::write::write_evolutions(&comparison)?;
    let written = js_sys::Date::now();
    let timings = Timings {
        read_check_ms: checked - start,
        compare_ms: compared - checked,
        write_ms: written - compared,
    };
    let counts = crate::text::compare::counts(&comparison);
    let items = crate::text::compare::items(&comparison);
    let name = crate::text::compare::evolutions_file_name(&this.file);
    let result = Object::new()
        .with("comparison", to_js(&comparison)?)?
        .with("counts", to_js(&counts)?)?
        .with("items", to_js(&items)?)?
        .with("parts", parts(file))?
        .with("name", name)?
        .with("timings", to_js(&timings)?)?;
    Ok(result.0)
}

/// Where [`compare`](fn@compare)'s time went, in milliseconds (the benchmark reads them).
#[derive(Debug, Serialize)]
struct Timings {
    /// Both files read and checked.
    read_check_ms: f64,
    /// The comparison itself.
    compare_ms: f64,
    /// The « Évolutions » workbook.
    write_ms: f64,
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

/// The blank template workbook for the default schema: its bytes in order as an array of
/// `Uint8Array`s, like [`Session::write`]'s `parts` (one `Blob` of them is the file).
///
/// # Errors
/// The French message of [`crate::Error`] if the workbook cannot be written.
#[wasm_bindgen]
pub fn template() -> Result<js_sys::Array, JsError> {
    init_panic_hook();
    Ok(parts(crate::write::write_template(&Schema::default())?))
}

/// A small synthetic directory (data/warm-up.xlsx, 100 rows: see data/SOURCES.md).
const WARM_UP: &[u8] = include_bytes!("../data/warm-up.xlsx");

/// Runs the whole pipeline (read, check, report, fix and write) on a small built-in synthetic
/// file, again and again for about `budget_ms` milliseconds (at least once), and returns how many
/// times. The browser first runs wasm with a baseline compiler and optimises a function only
/// once it has run enough: the page's worker calls this once, right after the page is ready and
/// while the coordinator is picking her file, so that her file runs optimised code (what it
/// saves is measured in bench/NOTES.md, « a warm-up in the worker »). Nothing of it is kept.
#[wasm_bindgen]
pub fn warm_up(budget_ms: f64) -> u32 {
    init_panic_hook();
    let start = js_sys::Date::now();
    let names = || Names {
        cpts: Some("CPTS du centre TARN".into()),
        year: Some(2026),
    };
    let mut rounds = 0;
    loop {
        if let Ok(document) = Document::open(WARM_UP, "warm-up.xlsx", Schema::default(), None) {
            let mut session = Session {
                inner: crate::session::Session::new(document, today()),
                filtered: None,
            };
            let _ = to_js(&session.head_of(names()));
            let _ = session.rows(JsValue::NULL, 0, 40);
            let _ = session.edit(3, "nom", "Martin", JsValue::NULL);
            let _ = session.list("fixes", 0, 200);
            let _ = crate::write::write_corrected(session.inner.checked(), &Schema::default());
        }
        rounds += 1;
        if js_sys::Date::now() - start >= budget_ms {
            return rounds;
        }
    }
}

/// The current year by the browser's clock: the default year of deposit.
#[wasm_bindgen]
pub fn current_year() -> i32 {
    today().year
}
