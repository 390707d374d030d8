//! The ARS's page (SPEC §12): many CPTS files at once. The worker adds the files one by one
//! ([`Batch::add`], one call per file, so that the page shows each file's line as it comes and
//! never waits on one long call), then [`Batch::finish`] marks the members two CPTS list and
//! gives the table of files and the indicators; the two workbooks are written on demand.
//!
//! ```js
//! const batch = new Batch({ schema: null, year: null });
//! for (const file of files) batch.add(new Uint8Array(await file.arrayBuffer()), file.name);
//! const { year, files: lines, indicators } = batch.finish();
//! const merged = batch.write_merged();         // { parts, name }
//! const counts = batch.write_indicators();     // { parts, name }
//! ```

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::{from_js, init_panic_hook, parts, to_js, today, Object};
use crate::ars::{self, FileEntry, Indicators};
use crate::schema::Schema;
use crate::table::Ymd;
use crate::text::ars as text;

/// How to check the batch (every key optional).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct BatchOptions {
    /// A Table Schema JSON text replacing the default schema.
    schema: Option<String>,
    /// The year of the merged files; else the year most file names give.
    year: Option<i32>,
}

/// What [`Batch::finish`] answers: the year, the table of files, the indicators.
#[derive(Debug, Serialize)]
struct Finished<'a> {
    year: i32,
    files: &'a [FileEntry],
    read: usize,
    has_errors: bool,
    merged_name: String,
    indicators_name: String,
    indicators: &'a Indicators,
}

/// Every file of the year, kept in the worker between the page's calls.
#[wasm_bindgen]
pub struct Batch {
    schema: Schema,
    year: Option<i32>,
    today: Ymd,
    /// The lines added, before [`Batch::finish`].
    files: Vec<FileEntry>,
    /// The batch once finished, with its indicators.
    done: Option<(ars::Batch, Indicators)>,
}

#[wasm_bindgen]
impl Batch {
    /// An empty batch. `options`: `{ schema?: string, year?: number }`.
    ///
    /// # Errors
    /// The French message of [`crate::Error`] when the schema cannot be read.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Batch, JsError> {
        init_panic_hook();
        let options: BatchOptions = from_js(options)?;
        let schema = match options.schema.as_deref() {
            Some(json) if !json.trim().is_empty() => Schema::from_json(json)?,
            _ => Schema::default(),
        };
        Ok(Batch {
            schema,
            year: options.year,
            today: today(),
            files: Vec::new(),
            done: None,
        })
    }

    /// Reads and checks one file, as on its own, and answers its line of the table of files (a
    /// file that cannot be read is a line with its French message).
    ///
    /// # Errors
    /// Only if the line cannot be serialised.
    pub fn add(&mut self, bytes: &[u8], file_name: &str) -> Result<JsValue, JsError> {
        let entry = ars::check_file(bytes, file_name, &self.schema, self.year, self.today);
        self.push(entry)
    }

    /// A line for a file the page could not hand over (the browser could not read it, or its
    /// check stopped the module): `message` says why, in French.
    ///
    /// # Errors
    /// Only if the line cannot be serialised.
    pub fn add_unreadable(&mut self, file_name: &str, message: &str) -> Result<JsValue, JsError> {
        let entry = ars::unreadable_file(file_name, message.to_string(), self.year, self.today);
        self.push(entry)
    }

    /// Marks the members two CPTS list and counts the indicators: `{ year, files, read,
    /// has_errors, merged_name, indicators_name, indicators }`.
    ///
    /// # Errors
    /// Only if the answer cannot be serialised.
    pub fn finish(&mut self) -> Result<JsValue, JsError> {
        let files = std::mem::take(&mut self.files);
        let batch = ars::Batch::new(files, self.schema.clone(), self.year, self.today);
        let indicators = batch.indicators();
        let (batch, indicators) = self.done.insert((batch, indicators));
        to_js(&Finished {
            year: batch.year,
            files: &batch.files,
            read: batch.read_count(),
            has_errors: batch.has_errors(),
            merged_name: text::merged_file(batch.year),
            indicators_name: text::indicators_file(batch.year),
            indicators,
        })
    }

    /// The merged directory, `Annuaire_CPTS_Occitanie_AAAA.xlsx`: `{ parts, name }`.
    ///
    /// # Errors
    /// When the batch is not finished, or no file was read, or the workbook cannot be written.
    pub fn write_merged(&self) -> Result<JsValue, JsError> {
        let batch = self.readable()?;
        let file = crate::write::write_merged(batch)?;
        let result = Object::new()
            .with("parts", parts(file))?
            .with("name", text::merged_file(batch.year))?;
        Ok(result.0)
    }

    /// The indicators, `Indicateurs_CPTS_Occitanie_AAAA.xlsx`: `{ parts, name }`.
    ///
    /// # Errors
    /// When the batch is not finished, or no file was read, or the workbook cannot be written.
    pub fn write_indicators(&self) -> Result<JsValue, JsError> {
        let batch = self.readable()?;
        let (_, indicators) = self.done.as_ref().ok_or_else(not_finished)?;
        let file = crate::write::write_indicators(indicators, batch.year, batch.read_count())?;
        let result = Object::new()
            .with("parts", parts(file))?
            .with("name", text::indicators_file(batch.year))?;
        Ok(result.0)
    }
}

impl Batch {
    fn push(&mut self, entry: FileEntry) -> Result<JsValue, JsError> {
        let line = to_js(&entry)?;
        self.done = None;
        self.files.push(entry);
        Ok(line)
    }

    fn finished(&self) -> Result<&ars::Batch, JsError> {
        self.done
            .as_ref()
            .map(|(batch, _)| batch)
            .ok_or_else(not_finished)
    }

    /// The finished batch, when at least one file was read (the CLI writes nothing otherwise).
    fn readable(&self) -> Result<&ars::Batch, JsError> {
        let batch = self.finished()?;
        if batch.read_count() == 0 {
            return Err(JsError::new(text::NOTHING_READ_PAGE));
        }
        Ok(batch)
    }
}

fn not_finished() -> JsError {
    JsError::new(text::NOT_FINISHED)
}
