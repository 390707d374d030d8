//! The page's entry points: a handful of coarse functions. Only this module knows JavaScript;
//! `www/worker.js` is its only caller.
//!
//! A check crosses to the page as a compact, columnar [view](Session::check): every string as
//! UTF-8 in one buffer with the end of each, numbers in typed arrays. A large file has millions
//! of cell values and hundreds of thousands of findings: as JavaScript objects they were slow
//! to build here, slower to copy from the worker to the page (structured clone), and filled the
//! page's heap (bench/NOTES.md, « a compact view »). A dozen buffers are quick to build, move to
//! the page without a copy (transferred), and the page decodes only the rows it draws
//! (`www/view.js`). The §9 report
//! itself, the same JSON as `annuaire-cpts check --json`, comes from
//! [`Session::report_json`], or from [`check`](fn@check) in one call for a caller without a session.
//! Once the page is ready, the worker calls [`warm_up`] so that the coordinator's first file
//! runs optimised code.
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
//! const raw = session.check({ cpts: 'CPTS du centre TARN', year: 2026, refused_fixes: [] });
//! const report = JSON.parse(session.report_json({ cpts: 'CPTS du centre TARN', year: 2026 }));
//! session.set_cell(5, 'nom', 'DUPONT');
//! const { parts, name, view } = session.write({ cpts: 'CPTS du centre TARN', year: 2026 });
//! const xlsx = new Blob(parts, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
//! const blank = new Blob(template(), { type: xlsx.type });
//! ```

use std::collections::HashMap;
use std::hash::Hasher;
use std::sync::{Arc, Once};

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::check::{CellRef, CheckOptions, Outcome};
use crate::document::{Corrected, Document};
use crate::filename::{ars_file_name, parse_ars_file_name};
use crate::hash::{FastHasher, FastMap};
use crate::report::{Code, Finding, ReportColumn, Severity, Summary};
use crate::schema::Schema;
use crate::table::Ymd;
use crate::write::XlsxFile;

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

/// The report without its findings (they travel in columns): what the summary shows.
#[derive(Debug, Serialize)]
struct ReportHead<'a> {
    file: &'a str,
    sheet: Option<&'a str>,
    header_row: Option<u32>,
    columns: &'a [ReportColumn],
    rows_read: usize,
    rows_kept: usize,
    summary: Summary,
    filename: Option<&'a str>,
}

/// The small part of a view, sent as plain objects: what the page draws once per check, the
/// names behind the view's numbers, and the file-level findings (few, drawn as a list).
#[derive(Debug, Serialize)]
struct Meta<'a> {
    report: ReportHead<'a>,
    fields: Vec<FieldView<'a>>,
    sheet: &'a str,
    sheets: &'a [String],
    /// Code names by number (`Code as u8`).
    codes: Vec<&'static str>,
    /// Severity names by number (`Severity as u8`).
    severities: [Severity; 3],
    /// Column ids by number: the fields' ids, then ids of findings outside the schema.
    columns: Vec<&'a str>,
    /// Findings without a row, in report order (they open the report).
    file_issues: Vec<&'a Finding>,
}

/// Marks a missing string (`null`) or column in the view's index arrays.
const NONE: u32 = u32::MAX;

/// Holders of one allocation from which [`Strings::text`] looks it up: a cell's text held by
/// the table and its record alone is unique.
const SHARED_FROM: usize = 3;

/// [`Strings::shared`]'s cache of recent strings has `1 << RECENT_BITS` slots.
const RECENT_BITS: u32 = 12;

/// Every string of a view, one after another as UTF-8 bytes: string `k` is bytes
/// `ends[k - 1] ?? 0 .. ends[k]`. The page decodes only the ones it draws.
struct Strings<'a> {
    text: Vec<u8>,
    ends: Vec<u32>,
    /// Texts several holders share one allocation of (a profession, « Non », a fix's
    /// message), by address: each is sent once.
    by_address: FastMap<usize, u32>,
    /// Strings recently added, by a cheap hash: findings' messages repeat (« « non » a été
    /// remplacé par « Non ». » thousands of times).
    recent: Vec<Option<(&'a str, u32)>>,
}

impl<'a> Strings<'a> {
    fn with_capacity(bytes: usize, count: usize) -> Strings<'a> {
        Strings {
            text: Vec::with_capacity(bytes),
            ends: Vec::with_capacity(count),
            by_address: FastMap::default(),
            recent: vec![None; 1 << RECENT_BITS],
        }
    }

    /// Appends `s`; returns its number.
    fn push(&mut self, s: &str) -> u32 {
        let index = u32::try_from(self.ends.len()).unwrap_or(NONE);
        self.text.extend_from_slice(s.as_bytes());
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(NONE));
        index
    }

    /// The number of `s`, appended unless an equal string was added recently. A cache, not
    /// a full index: hashing and comparing every byte of every message (hundreds of thousands
    /// in a large file) cost more here than the copies saved; the length and a few bytes pick the slot, one comparison
    /// confirms.
    fn shared(&mut self, s: &'a str) -> u32 {
        let bytes = s.as_bytes();
        let word = |at: usize| {
            bytes
                .get(at..at + 8)
                .and_then(|w| <[u8; 8]>::try_from(w).ok())
                .map_or(0, u64::from_le_bytes)
        };
        let mut hasher = FastHasher::default();
        for at in [0, bytes.len() / 2, bytes.len().saturating_sub(8)] {
            hasher.write_u64(word(at));
        }
        hasher.write_usize(bytes.len());
        // The low bits: FxHash's are mixed on 32-bit targets as on 64-bit ones.
        let slot = (hasher.finish() as usize) & ((1 << RECENT_BITS) - 1);
        if let Some(Some((seen, index))) = self.recent.get(slot) {
            if *seen == s {
                return *index;
            }
        }
        let index = self.push(s);
        if let Some(entry) = self.recent.get_mut(slot) {
            *entry = Some((s, index));
        }
        index
    }

    /// The number of a text of the outcome: one number for all the holders of a shared
    /// allocation (the table's cells, the records, the findings, the memo of the check). A text
    /// with fewer holders is appended without a lookup: most are unique.
    fn text(&mut self, s: &'a Arc<str>) -> u32 {
        if Arc::strong_count(s) < SHARED_FROM {
            return self.push(s);
        }
        let address = Arc::as_ptr(s).cast::<u8>() as usize;
        if let Some(&index) = self.by_address.get(&address) {
            return index;
        }
        let index = self.push(s);
        self.by_address.insert(address, index);
        index
    }

    /// A message: shared texts by address, the others through the cache of recent strings
    /// (a row's message of its own, such as « Ligne vide supprimée. », is allocated per row).
    fn message(&mut self, s: &'a Arc<str>) -> u32 {
        if Arc::strong_count(s) < SHARED_FROM {
            self.shared(s)
        } else {
            self.text(s)
        }
    }

    fn optional(&mut self, s: Option<&'a Arc<str>>) -> u32 {
        s.map_or(NONE, |s| self.text(s))
    }
}

/// The findings that have a row, one array per property, in report order.
#[derive(Default)]
struct FindingColumns {
    row: Vec<u32>,
    column: Vec<u32>,
    code: Vec<u8>,
    severity: Vec<u8>,
    value: Vec<u32>,
    fixed: Vec<u32>,
    message: Vec<u32>,
}

/// Builds the view the page draws from (see the module's documentation and `www/view.js`):
/// `{ meta, text, ends, cells, rows, removed, findings: { row, column, code, severity, value,
/// fixed, message } }`, the arrays typed. Record `i`'s value of field `j` is string
/// `cells[i × fields + j]`.
fn pack(document: &Document, outcome: &Outcome) -> Result<JsValue, JsError> {
    let fields = &document.schema.fields;
    let width = fields.len();
    let mut columns: Vec<&str> = fields.iter().map(|f| f.id.as_str()).collect();
    let mut column_numbers: HashMap<&str, u32> = columns
        .iter()
        .enumerate()
        .map(|(j, id)| (*id, u32::try_from(j).unwrap_or(NONE)))
        .collect();

    // About the bytes the text will take (a buffer that doubles as it grows would copy itself
    // and hold both copies): a text shared by n holders is sent once, so each holder counts for
    // 1/n of it (holders outside the view make this a little short: the buffer then grows
    // once, near its end).
    let share = |s: &Arc<str>| match Arc::strong_count(s) {
        n if n < SHARED_FROM => s.len(),
        n => s.len() / n + 1,
    };
    let cell_bytes: usize = outcome
        .records
        .iter()
        .flat_map(|r| r.values.iter().take(width))
        .map(share)
        .sum();
    let finding_bytes: usize = outcome
        .report
        .issues
        .iter()
        .map(|f| {
            share(&f.message)
                + f.value.as_ref().map_or(0, share)
                + f.fixed.as_ref().map_or(0, share)
        })
        .sum();
    let cells = outcome.records.len().saturating_mul(width);
    let mut strings = Strings::with_capacity(
        cell_bytes.saturating_add(finding_bytes),
        cells.saturating_add(outcome.report.issues.len().saturating_mul(3)),
    );
    let mut rows = Vec::with_capacity(outcome.records.len());
    let mut removed = Vec::with_capacity(outcome.records.len());
    let mut cell_strings = Vec::with_capacity(cells);
    let empty = strings.push("");
    for record in &outcome.records {
        rows.push(record.row);
        removed.push(record.removed.map_or(0, |code| code as u8 + 1));
        for j in 0..width {
            let value = record.values.get(j).filter(|v| !v.is_empty());
            cell_strings.push(value.map_or(empty, |v| strings.text(v)));
        }
    }

    let mut file_issues = Vec::new();
    let mut found = FindingColumns::default();
    for finding in &outcome.report.issues {
        let Some(row) = finding.row else {
            file_issues.push(finding);
            continue;
        };
        let column = match finding.column.as_deref() {
            None => NONE,
            Some(id) => *column_numbers.entry(id).or_insert_with(|| {
                columns.push(id);
                u32::try_from(columns.len() - 1).unwrap_or(NONE)
            }),
        };
        found.row.push(row);
        found.column.push(column);
        // Declaration order: the order of `Code::ALL` and of `Meta::severities`.
        found.code.push(finding.code as u8);
        found.severity.push(finding.severity as u8);
        found.value.push(strings.optional(finding.value.as_ref()));
        found.fixed.push(strings.optional(finding.fixed.as_ref()));
        found.message.push(strings.message(&finding.message));
    }

    let report = &outcome.report;
    let meta = Meta {
        report: ReportHead {
            file: &report.file,
            sheet: report.sheet.as_deref(),
            header_row: report.header_row,
            columns: &report.columns,
            rows_read: report.rows_read,
            rows_kept: report.rows_kept,
            summary: report.summary,
            filename: report.filename.as_deref(),
        },
        fields: fields
            .iter()
            .map(|f| FieldView {
                id: &f.id,
                title: &f.title,
                required: f.required,
            })
            .collect(),
        sheet: &document.table.sheet,
        sheets: &document.table.sheets,
        codes: Code::ALL.iter().map(|c| c.as_str()).collect(),
        severities: [Severity::Notice, Severity::Warning, Severity::Error],
        columns,
        file_issues,
    };

    let findings = Object::new()
        .with("row", js_sys::Uint32Array::from(found.row.as_slice()))?
        .with("column", js_sys::Uint32Array::from(found.column.as_slice()))?
        .with("code", js_sys::Uint8Array::from(found.code.as_slice()))?
        .with(
            "severity",
            js_sys::Uint8Array::from(found.severity.as_slice()),
        )?
        .with("value", js_sys::Uint32Array::from(found.value.as_slice()))?
        .with("fixed", js_sys::Uint32Array::from(found.fixed.as_slice()))?
        .with(
            "message",
            js_sys::Uint32Array::from(found.message.as_slice()),
        )?;
    let ends = js_sys::Uint32Array::from(strings.ends.as_slice());
    let text = js_sys::Uint8Array::from(strings.text.as_slice());
    drop(strings);
    let view = Object::new()
        .with("meta", to_js(&meta)?)?
        .with("text", text)?
        .with("ends", ends)?
        .with("cells", js_sys::Uint32Array::from(cell_strings.as_slice()))?
        .with("rows", js_sys::Uint32Array::from(rows.as_slice()))?
        .with("removed", js_sys::Uint8Array::from(removed.as_slice()))?
        .with("findings", findings.0)?;
    Ok(view.0)
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

/// One opened directory file, kept in the worker between the page's calls so that a cell edit
/// checks again without reading the file again. The last check is kept with its options, so
/// that downloading right after a check (the page's usual path) does not check again.
#[wasm_bindgen]
pub struct Session {
    document: Document,
    /// The last outcome and the options it was computed with; dropped by a cell edit.
    last: Option<(CheckOptions, Outcome)>,
}

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
        Ok(Session {
            document,
            last: None,
        })
    }

    /// Checks the table as it stands. `options`: `{ cpts?, year?, refused_fixes?: [{row,
    /// column}] }`. Returns the page's compact view of the outcome: `{ meta: { report (without
    /// issues), fields: [{id, title, required}], sheet, sheets, codes, severities, columns,
    /// file_issues }, text, ends, cells, rows, removed, findings: { row, column, code, severity,
    /// value, fixed, message } }` — see `www/view.js`, which reads it.
    ///
    /// # Errors
    /// Only if the options are not the expected shape.
    pub fn check(&mut self, options: JsValue) -> Result<JsValue, JsError> {
        let options: PageOptions = from_js(options)?;
        let (options, outcome, _) = self.checked(options.into_check_options());
        let view = pack(&self.document, &outcome);
        self.last = Some((options, outcome));
        view
    }

    /// The §9 report of the table as it stands, as JSON text: exactly what
    /// `annuaire-cpts check --json` prints. Same options as [`Session::check`]; right after a
    /// check with the same options, that check's report (no second check).
    ///
    /// # Errors
    /// Only if the options are not the expected shape.
    pub fn report_json(&mut self, options: JsValue) -> Result<String, JsError> {
        let options: PageOptions = from_js(options)?;
        let (options, outcome, _) = self.checked(options.into_check_options());
        let json = serde_json::to_string_pretty(&outcome.report);
        self.last = Some((options, outcome));
        json.map_err(|e| JsError::new(&e.to_string()))
    }

    /// Replaces the text of one cell (spreadsheet row number, field id). Returns `false` when
    /// the row or the field's column does not exist.
    pub fn set_cell(&mut self, row: u32, field: &str, value: &str) -> bool {
        self.last = None;
        self.document.set_cell(row, field, value)
    }

    /// Checks and writes the corrected workbook. Returns `{ parts: Uint8Array[], name, view }`:
    /// `parts` are the file's bytes in order (see the module's documentation: make one `Blob`
    /// of them); `view` is what [`Session::check`] returns for the same options, or `null` when
    /// the workbook was written from the last check's outcome (same options, no edit since),
    /// whose view the page already has.
    ///
    /// # Errors
    /// The French message of [`crate::Error`] if the workbook cannot be written.
    pub fn write(&mut self, options: JsValue) -> Result<JsValue, JsError> {
        let options: PageOptions = from_js(options)?;
        let (options, outcome, reused) = self.checked(options.into_check_options());
        let Corrected {
            bytes,
            name,
            outcome,
        } = self.document.write_checked(outcome)?;
        // The file leaves the module's memory before the view is packed: the two at once would
        // raise its peak, which stays for the life of the page.
        let parts = parts(bytes);
        let view = if reused {
            JsValue::NULL
        } else {
            pack(&self.document, &outcome)?
        };
        let result = Object::new()
            .with("parts", parts)?
            .with("name", name)?
            .with("view", view)?;
        self.last = Some((options, outcome));
        Ok(result.0)
    }

    /// The outcome for `options`: the last one when the options and the table are unchanged
    /// (then `true`), a new check otherwise.
    fn checked(&mut self, options: CheckOptions) -> (CheckOptions, Outcome, bool) {
        match self.last.take() {
            Some((last, outcome)) if last == options => (last, outcome, true),
            _ => {
                let outcome = self.document.check(&options);
                (options, outcome, false)
            }
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
    let checked = js_sys::Date::now();
    let comparison = crate::compare::compare(
        crate::compare::Side {
            document: &last,
            outcome: &last_outcome,
        },
        crate::compare::Side {
            document: &this,
            outcome: &this_outcome,
        },
    );
    let compared = js_sys::Date::now();
    drop((last, this, last_outcome, this_outcome));
    let file = crate::write::write_evolutions(&comparison)?;
    let written = js_sys::Date::now();
    let timings = Timings {
        read_check_ms: checked - start,
        compare_ms: compared - checked,
        write_ms: written - compared,
    };
    let counts = crate::text::compare::counts(&comparison);
    let items = crate::text::compare::items(&comparison);
    let name = crate::text::compare::evolutions_file_name(this_name);
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
    let options = CheckOptions {
        today: today(),
        cpts: Some("CPTS du centre TARN".into()),
        year: Some(2026),
        refused_fixes: Vec::new(),
    };
    let mut rounds = 0;
    loop {
        if let Ok(document) = Document::open(WARM_UP, "warm-up.xlsx", Schema::default(), None) {
            let outcome = document.check(&options);
            let _ = serde_json::to_string(&outcome.report);
            let _ = pack(&document, &outcome);
            let _ = document.write_checked(outcome);
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
