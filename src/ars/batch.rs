//! Many CPTS files at once: each checked as on its own, a line of the table of files each
//! (unreadable ones included, with their French message), and the members that two CPTS list.

use std::sync::Arc;

use serde::Serialize;

use crate::check::{CheckOptions, Outcome, Record};
use crate::document::Document;
use crate::filename::{ars_file_name, parse_ars_file_name};
use crate::hash::FastMap;
use crate::report::{Code, Finding, Report, ReportColumn, Summary};
use crate::schema::{Role, Schema};
use crate::table::Ymd;
use crate::text::ars as text;
use crate::wire::{Reader, WireError, Writer};

/// One file of the batch: its line of the table of files, and its check.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FileEntry {
    /// The file name as given.
    pub file: String,
    /// The CPTS's name, read from the file name (the file's stem when it names none).
    pub cpts: String,
    /// The year read from the file name, if any.
    pub year: Option<i32>,
    /// Whether the file name is exactly the ARS name of its CPTS and year.
    pub follows_rule: bool,
    /// The ARS name the file should bear, when its CPTS and year can be read from its name.
    pub expected_name: Option<String>,
    /// Data rows read.
    pub rows_read: usize,
    /// Rows kept in the merged directory.
    pub rows_kept: usize,
    /// Rows left out (blank, example, objecting members).
    pub rows_removed: usize,
    /// Errors found.
    pub errors: usize,
    /// Warnings found.
    pub warnings: usize,
    /// Notices.
    pub notices: usize,
    /// Why the file could not be read, in French; `None` when it was.
    pub message: Option<String>,
    /// The check (the report of an unreadable file holds its one finding).
    #[serde(skip)]
    pub outcome: Outcome,
}

impl FileEntry {
    /// Whether the file was read.
    pub fn is_read(&self) -> bool {
        self.message.is_none()
    }

    /// Counts again from the outcome's report.
    fn recount(&mut self) {
        let report = &self.outcome.report;
        self.rows_read = report.rows_read;
        self.rows_kept = report.rows_kept;
        self.rows_removed = report.rows_read.saturating_sub(report.rows_kept);
        self.errors = report.summary.error;
        self.warnings = report.summary.warning;
        self.notices = report.summary.notice;
    }
}

/// What the file name says: the CPTS, the year, whether it is the ARS name, the ARS name.
struct NameCheck {
    cpts: Option<String>,
    year: Option<i32>,
    follows_rule: bool,
    expected: Option<String>,
}

/// Reads what a file name says, strictly (the ARS rule) or else loosely (« annuaire cpts du
/// lot 2026.xls » → « cpts du lot », 2026); `default_year` names the expected file when the
/// name gives none.
fn name_check(file: &str, default_year: Option<i32>) -> NameCheck {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let (cpts, year) = match parse_ars_file_name(base) {
        Some((cpts, year)) => (Some(cpts), Some(year)),
        None => loose(base),
    };
    let expected = match (&cpts, year.or(default_year)) {
        (Some(c), Some(y)) => Some(ars_file_name(c, y)),
        _ => None,
    };
    NameCheck {
        follows_rule: expected.as_deref() == Some(base),
        cpts,
        year,
        expected: expected.filter(|e| e.as_str() != base),
    }
}

/// The CPTS and year of a name that does not follow the rule: the stem without its extension,
/// a leading « annuaire » and a trailing 4-digit year.
fn loose(base: &str) -> (Option<String>, Option<i32>) {
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    let words: Vec<&str> = stem
        .split(|c: char| c == '_' || c == '-' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let mut words = words.as_slice();
    if let Some((first, rest)) = words.split_first() {
        if first.eq_ignore_ascii_case("annuaire") {
            words = rest;
        }
    }
    let mut year = None;
    if let Some((last, rest)) = words.split_last() {
        if last.len() == 4 && last.bytes().all(|b| b.is_ascii_digit()) {
            year = last.parse().ok();
            words = rest;
        }
    }
    let name = words.join(" ");
    let has_letter = name.chars().any(char::is_alphanumeric);
    (has_letter.then_some(name), year)
}

/// Checks one file as the one-file page does, the CPTS name and year read from its name
/// (`year`, the batch's, when the name gives none). A file that cannot be read is a line with
/// its French message, never an error.
///
/// ```
/// use annuaire_cpts::ars::check_file;
/// use annuaire_cpts::{Schema, Ymd};
/// let today = Ymd { year: 2026, month: 3, day: 1 };
/// let entry = check_file(b"not a spreadsheet", "Annuaire_CPTS_Lot_2026.xlsx", &Schema::default(), None, today);
/// assert!(entry.follows_rule);
/// assert!(entry.message.is_some());
/// assert_eq!(entry.errors, 1);
/// let entry = check_file(b"x", "annuaire cpts du lot 2026.xls", &Schema::default(), None, today);
/// assert_eq!(entry.expected_name.as_deref(), Some("Annuaire_Cpts_Du_Lot_2026.xlsx"));
/// ```
pub fn check_file(
    bytes: &[u8],
    file: &str,
    schema: &Schema,
    year: Option<i32>,
    today: Ymd,
) -> FileEntry {
    let name = name_check(file, year.or(Some(today.year)));
    let options = CheckOptions {
        today,
        cpts: name.cpts.clone(),
        year: name.year.or(year),
        refused_fixes: Vec::new(),
    };
    let (outcome, message) = match Document::open(bytes, file, schema.clone(), None) {
        Ok(document) => (document.check(&options), None),
        Err(e) => (
            Outcome {
                report: Report::unreadable(file, &e),
                records: Vec::new(),
            },
            Some(e.to_string()),
        ),
    };
    unreadable_or(file, name, outcome, message)
}

/// A line for a file that could not even be read from the disk.
pub fn unreadable_file(file: &str, message: String, year: Option<i32>, today: Ymd) -> FileEntry {
    let name = name_check(file, year.or(Some(today.year)));
    let mut report = Report {
        file: file.to_string(),
        ..Report::default()
    };
    report
        .issues
        .push(Finding::new(Code::FileUnreadable, message.clone()));
    report.summary = Summary::of(&report.issues);
    let outcome = Outcome {
        report,
        records: Vec::new(),
    };
    unreadable_or(file, name, outcome, Some(message))
}

fn unreadable_or(
    file: &str,
    name: NameCheck,
    outcome: Outcome,
    message: Option<String>,
) -> FileEntry {
    let stem = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let mut entry = FileEntry {
        file: file.to_string(),
        cpts: name.cpts.unwrap_or_else(|| stem.to_string()),
        year: name.year,
        follows_rule: name.follows_rule,
        expected_name: name.expected,
        rows_read: 0,
        rows_kept: 0,
        rows_removed: 0,
        errors: 0,
        warnings: 0,
        notices: 0,
        message,
        outcome,
    };
    entry.recount();
    entry
}

/// How many members the files read among `files` keep: the rows they give the merged
/// « Annuaire ».
pub fn kept_members(files: &[FileEntry]) -> usize {
    files
        .iter()
        .filter(|f| f.is_read())
        .map(|f| {
            f.outcome
                .records
                .iter()
                .filter(|r| r.removed.is_none())
                .count()
        })
        .sum()
}

/// The roles whose values the batch reads across its files once each is checked: the
/// identifier (the members two CPTS list, [`mark_other_cpts`]) and what the indicators count.
/// A worker hands its files to another with only these values ([`hand_over`]).
pub const READ_ACROSS_FILES: [Role; 6] = [
    Role::Identifier,
    Role::Profession,
    Role::Mode,
    Role::PostalCode,
    Role::SpicoDossier,
    Role::SpicoDiscussion,
];

/// The positions in `schema` of the fields of [`READ_ACROSS_FILES`] it has.
fn across_fields(schema: &Schema) -> Vec<usize> {
    READ_ACROSS_FILES
        .iter()
        .filter_map(|role| schema.field_with(*role))
        .collect()
}

/// What the hand-over's bytes start with (and the format's version).
const HANDED_OVER: &[u8; 8] = b"ACPTSHO1";

/// `files` as bytes for another worker's [`take_over`] (workers share no memory), once their
/// members two CPTS list are marked and their rows of the merged directory written
/// (`crate::write::merged_rows`): each line and its report's counts, without the findings
/// (already in the rows of « Contrôle »), and of each row only its number, why it was removed,
/// and the values of [`READ_ACROSS_FILES`] — a few percent of what the worker holds.
pub fn hand_over(files: &[FileEntry], schema: &Schema) -> Vec<u8> {
    let fields = across_fields(schema);
    let mut w = Writer::default();
    w.0.extend_from_slice(HANDED_OVER);
    w.count(files.len());
    for f in files {
        w.text(&f.file);
        w.text(&f.cpts);
        // The year as its bits: any i32 goes through.
        w.option_u32(f.year.map(|y| y as u32));
        w.u8(u8::from(f.follows_rule));
        w.option(f.expected_name.as_deref());
        w.option(f.message.as_deref());
        let report = &f.outcome.report;
        w.text(&report.file);
        w.option(report.sheet.as_deref());
        w.option_u32(report.header_row);
        w.count(report.columns.len());
        for c in &report.columns {
            w.text(&c.id);
            w.text(&c.header);
            w.count(c.index);
        }
        w.count(report.rows_read);
        w.count(report.rows_kept);
        w.count(report.summary.error);
        w.count(report.summary.warning);
        w.count(report.summary.notice);
        w.option(report.filename.as_deref());
        w.count(f.outcome.records.len());
        for r in &f.outcome.records {
            w.u32(r.row);
            w.count(
                r.removed
                    .and_then(|c| Code::ALL.iter().position(|k| *k == c))
                    .map_or(0, |i| i + 1),
            );
            for &i in &fields {
                w.text(r.value(i));
            }
        }
    }
    w.0
}

/// The files [`hand_over`] wrote in another worker, checked with the same `schema`: their
/// reports hold their counts, not their findings.
///
/// # Errors
/// [`crate::Error::Write`] for bytes that are not such files (a bug, never the user's data).
pub fn take_over(bytes: &[u8], schema: &Schema) -> Result<Vec<FileEntry>, crate::Error> {
    read_handed(&mut Reader(bytes), schema).map_err(|_| crate::Error::Write {
        detail: "hand-over between workers".into(),
    })
}

fn read_handed(r: &mut Reader<'_>, schema: &Schema) -> Result<Vec<FileEntry>, WireError> {
    if r.take(HANDED_OVER.len())? != HANDED_OVER {
        return Err(WireError);
    }
    let fields = across_fields(schema);
    let code = |i: usize| Code::ALL.get(i).copied().ok_or(WireError);
    let empty: Arc<str> = Arc::from("");
    let count = r.count()?;
    let mut files = Vec::with_capacity(count);
    for _ in 0..count {
        let file = r.string()?;
        let cpts = r.string()?;
        let year = r.option_u32()?.map(|y| y as i32);
        let follows_rule = r.u8()? == 1;
        let expected_name = r.option()?.map(str::to_string);
        let message = r.option()?.map(str::to_string);
        let mut report = Report {
            file: r.string()?,
            sheet: r.option()?.map(str::to_string),
            header_row: r.option_u32()?,
            ..Report::default()
        };
        for _ in 0..r.count()? {
            report.columns.push(ReportColumn {
                id: r.string()?,
                header: r.string()?,
                index: r.count()?,
            });
        }
        report.rows_read = r.count()?;
        report.rows_kept = r.count()?;
        report.summary = Summary {
            error: r.count()?,
            warning: r.count()?,
            notice: r.count()?,
        };
        report.filename = r.option()?.map(str::to_string);
        let rows = r.count()?;
        let mut records = Vec::with_capacity(rows);
        for _ in 0..rows {
            let row = r.u32()?;
            let removed = match r.count()? {
                0 => None,
                i => Some(code(i - 1)?),
            };
            let mut values = vec![empty.clone(); schema.fields.len()];
            for &i in &fields {
                let value = r.text()?;
                if let (Some(slot), false) = (values.get_mut(i), value.is_empty()) {
                    *slot = Arc::from(value);
                }
            }
            records.push(Record {
                row,
                values,
                original: Vec::new(),
                removed,
            });
        }
        let name = NameCheck {
            cpts: Some(cpts),
            year,
            follows_rule,
            expected: expected_name,
        };
        files.push(unreadable_or(
            &file,
            name,
            Outcome { report, records },
            message,
        ));
    }
    r.end()?;
    Ok(files)
}

/// What an earlier file lists, for [`mark_other_cpts`]: its CPTS, its name, and each kept
/// member's RPPS/ADELI with its row. Another worker's files come as [`Listing::to_bytes`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listing {
    files: Vec<Listed>,
}

/// One file of a [`Listing`]: (CPTS, file name, (RPPS/ADELI, row) of each kept member).
type Listed = (String, String, Vec<(Arc<str>, u32)>);

impl Listing {
    /// What `files` list.
    pub fn of(files: &[FileEntry], schema: &Schema) -> Listing {
        let Some(id_field) = schema.field_with(Role::Identifier) else {
            return Listing::default();
        };
        let files = files
            .iter()
            .map(|f| {
                let ids = f
                    .outcome
                    .records
                    .iter()
                    .filter(|r| r.removed.is_none())
                    .filter_map(|r| {
                        let id = r.values.get(id_field).filter(|v| !v.is_empty())?;
                        Some((id.clone(), r.row))
                    })
                    .collect();
                (f.cpts.clone(), f.file.clone(), ids)
            })
            .collect();
        Listing { files }
    }

    /// Adds what `after` lists, after these.
    pub fn extend(&mut self, after: Listing) {
        self.files.extend(after.files);
    }

    /// As bytes, for another worker's [`Listing::from_bytes`].
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.0.extend_from_slice(LISTING);
        w.count(self.files.len());
        for (cpts, file, ids) in &self.files {
            w.text(cpts);
            w.text(file);
            w.count(ids.len());
            for (id, row) in ids {
                w.text(id);
                w.u32(*row);
            }
        }
        w.0
    }

    /// Reads back what [`Listing::to_bytes`] wrote.
    ///
    /// # Errors
    /// [`crate::Error::Write`] for bytes that are not a listing (a bug).
    pub fn from_bytes(bytes: &[u8]) -> Result<Listing, crate::Error> {
        let read = |r: &mut Reader<'_>| -> Result<Listing, WireError> {
            if r.take(LISTING.len())? != LISTING {
                return Err(WireError);
            }
            let mut files = Vec::new();
            for _ in 0..r.count()? {
                let (cpts, file) = (r.string()?, r.string()?);
                let mut ids = Vec::new();
                for _ in 0..r.count()? {
                    ids.push((r.arc()?, r.u32()?));
                }
                files.push((cpts, file, ids));
            }
            r.end()?;
            Ok(Listing { files })
        };
        read(&mut Reader(bytes)).map_err(|_| crate::Error::Write {
            detail: "listing between workers".into(),
        })
    }
}

/// What a listing's bytes start with (and the format's version).
const LISTING: &[u8; 8] = b"ACPTSLI1";

/// Adds `row.other_cpts` to every kept member whose RPPS/ADELI an earlier file (in the given
/// order, after the files `before` lists) of another CPTS already lists, naming that CPTS,
/// file and row. Answers what `files` list, for the next worker's `before`.
pub fn mark_other_cpts(files: &mut [FileEntry], before: &Listing, schema: &Schema) -> Listing {
    let own = Listing::of(files, schema);
    let column = schema
        .field_with(Role::Identifier)
        .and_then(|i| schema.fields.get(i))
        .map(|f| f.id.clone());
    let listed: Vec<&Listed> = before.files.iter().chain(&own.files).collect();
    // Identifier → (file index in `listed`, row) of its first listing.
    let mut first: FastMap<&Arc<str>, (usize, u32)> = FastMap::default();
    let mut added: Vec<(usize, Finding)> = Vec::new();
    for (j, (cpts, _, ids)) in listed.iter().enumerate() {
        for (id, row) in ids {
            match first.get(id) {
                None => {
                    first.insert(id, (j, *row));
                }
                // The files before were marked where they were checked.
                Some(&(k, earlier_row)) if k != j && j >= before.files.len() => {
                    let Some(&(earlier_cpts, earlier_file, _)) = listed.get(k) else {
                        continue;
                    };
                    if earlier_cpts == cpts {
                        continue;
                    }
                    let message = text::other_cpts(earlier_cpts, earlier_file, earlier_row);
                    let mut finding = Finding::new(Code::RowOtherCpts, message)
                        .at_row(*row)
                        .with_value(id.clone());
                    if let Some(column) = &column {
                        finding = finding.in_column(column.as_str());
                    }
                    added.push((j - before.files.len(), finding));
                }
                // The same file twice: `row.duplicate` already says so.
                Some(_) => {}
            }
        }
    }
    let mut changed = vec![false; files.len()];
    for (i, finding) in added {
        if let Some(entry) = files.get_mut(i) {
            entry.outcome.report.issues.push(finding);
        }
        if let Some(c) = changed.get_mut(i) {
            *c = true;
        }
    }
    for (entry, _) in files.iter_mut().zip(changed).filter(|(_, c)| *c) {
        let report = &mut entry.outcome.report;
        // File-level findings first, then by row (stable: the check's order within a row).
        report.issues.sort_by_key(|f| f.row.unwrap_or(0));
        report.summary = Summary::of(&report.issues);
        entry.recount();
    }
    own
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_strictly_then_loosely() {
        let n = name_check("Annuaire_CPTS_Du_Centre_TARN_2026.xlsx", Some(2025));
        assert!(n.follows_rule);
        assert_eq!(n.expected, None);
        assert_eq!(n.cpts.as_deref(), Some("CPTS Du Centre TARN"));
        let n = name_check("dir/Annuaire_CPTS_Du_Centre_TARN_2026.xls", None);
        assert!(!n.follows_rule);
        assert_eq!(
            n.expected.as_deref(),
            Some("Annuaire_CPTS_Du_Centre_TARN_2026.xlsx")
        );
        let n = name_check("adherents cpts lot.ods", Some(2026));
        assert_eq!(n.cpts.as_deref(), Some("adherents cpts lot"));
        assert_eq!(n.year, None);
        assert_eq!(
            n.expected.as_deref(),
            Some("Annuaire_Adherents_Cpts_Lot_2026.xlsx")
        );
        let n = name_check("2026.csv", None);
        assert_eq!((n.cpts, n.expected), (None, None));
        assert!(!n.follows_rule);
    }
}
