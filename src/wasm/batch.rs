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
//!
//! Two workers share the work (www/batch.js): each checks a run of the files, marks its
//! members another CPTS lists before ([`Batch::mark`]: the first run's listing goes to the
//! second), and writes its files' rows of the merged directory, the second's after the
//! first's: « Annuaire » from the first run's kept members ([`Batch::kept`]), « Contrôle »
//! from its lines ([`Batch::add_rows`] answers them). The second hands its files over
//! ([`Batch::hand_over`]) to the first, which takes them and the rows ([`Batch::take_over`],
//! [`Batch::add_rows`]) and finishes the batch:
//!
//! ```js
//! // a: files 1…k, b: files k+1…n, checked at once; then
//! b.mark(a.mark(new Uint8Array()));
//! const kept = a.kept(), lines = a.add_rows(a.controle_rows(1));
//! a.add_rows(a.annuaire_rows(1));
//! a.take_over(b.hand_over());
//! a.add_rows(b.annuaire_rows(1 + kept));
//! a.add_rows(b.controle_rows(1 + lines));
//! const { files } = a.finish();                // every file, as if `a` had checked them all
//! ```

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::{from_js, init_panic_hook, parts, to_js, today, Object};
use crate::ars::{self, FileEntry, Indicators};
use crate::schema::Schema;
use crate::table::Ymd;
use crate::text::ars as text;
use crate::write::MergedRows;

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
    /// The merged directory's rows, when workers wrote them ([`Batch::add_rows`]).
    rows: Vec<MergedRows>,
    /// Whether the members two CPTS list are marked ([`Batch::mark`]).
    marked: bool,
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
            rows: Vec::new(),
            marked: false,
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

    /// Marks the members two CPTS list among the files added here, after the files `listing`
    /// names (what [`Batch::mark`] answered in the worker that checked the files before these;
    /// empty: none), and answers the listing of all of them, for the next worker.
    ///
    /// # Errors
    /// For bytes that are not a listing (a bug).
    pub fn mark(&mut self, listing: &[u8]) -> Result<Vec<u8>, JsError> {
        let mut before = if listing.is_empty() {
            ars::Listing::default()
        } else {
            ars::Listing::from_bytes(listing)?
        };
        let own = ars::mark_other_cpts(&mut self.files, &before, &self.schema);
        self.marked = true;
        self.done = None;
        before.extend(own);
        Ok(before.to_bytes())
    }

    /// How many members the files added here keep: the next worker's rows of « Annuaire »
    /// start that much lower.
    pub fn kept(&self) -> u32 {
        u32::try_from(ars::kept_members(&self.files)).unwrap_or(u32::MAX)
    }

    /// The merged « Annuaire »'s rows of the files added here, from its row `first` (0-based:
    /// 1 is the first under the header), as bytes for [`Batch::add_rows`] in this worker or
    /// another.
    ///
    /// # Errors
    /// When the rows cannot be written (a sheet's limits, memory).
    pub fn annuaire_rows(&self, first: u32) -> Result<Vec<u8>, JsError> {
        Ok(crate::write::annuaire_rows(&self.files, &self.schema, first)?.to_bytes())
    }

    /// The merged « Contrôle »'s rows of the files added here (marked: [`Batch::mark`]), from
    /// its row `first`, as bytes for [`Batch::add_rows`].
    ///
    /// # Errors
    /// When the rows cannot be written (a sheet's limits, memory).
    pub fn controle_rows(&self, first: u32) -> Result<Vec<u8>, JsError> {
        Ok(crate::write::controle_rows(&self.files, &self.schema, first)?.to_bytes())
    }

    /// Adds rows [`Batch::annuaire_rows`] or [`Batch::controle_rows`] wrote, after those of
    /// their sheet added before (they must hold every kept member and every line, in
    /// order); answers their lines of « Contrôle », where the next files' start.
    ///
    /// # Errors
    /// For bytes that are not such rows (a bug).
    pub fn add_rows(&mut self, bytes: &[u8]) -> Result<u32, JsError> {
        let rows = crate::write::merged_rows_from_bytes(bytes)?;
        let lines = u32::try_from(rows.lines()).unwrap_or(u32::MAX);
        self.rows.push(rows);
        Ok(lines)
    }

    /// The files added here, for another worker's [`Batch::take_over`]: their lines and
    /// reports, and of their rows only what the batch reads across files.
    pub fn hand_over(&self) -> Vec<u8> {
        ars::hand_over(&self.files, &self.schema)
    }

    /// Adds the files another worker handed over ([`Batch::hand_over`]), after those added
    /// here.
    ///
    /// # Errors
    /// For bytes that are not such files (a bug).
    pub fn take_over(&mut self, bytes: &[u8]) -> Result<(), JsError> {
        let files = ars::take_over(bytes, &self.schema)?;
        self.done = None;
        self.files.extend(files);
        Ok(())
    }

    /// Marks the members two CPTS list and counts the indicators: `{ year, files, read,
    /// has_errors, merged_name, indicators_name, indicators }`.
    ///
    /// # Errors
    /// Only if the answer cannot be serialised.
    pub fn finish(&mut self) -> Result<JsValue, JsError> {
        let files = std::mem::take(&mut self.files);
        let schema = self.schema.clone();
        let batch = if self.marked {
            ars::Batch::marked(files, schema, self.year, self.today)
        } else {
            ars::Batch::new(files, schema, self.year, self.today)
        };
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
        let file = if self.rows.is_empty() {
            crate::write::write_merged(batch)?
        } else {
            crate::write::write_merged_from(batch, self.rows.clone())?
        };
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
