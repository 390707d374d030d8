//! A checked table kept between edits: every row's record and findings, the duplicate index
//! and the counts, so that an edit checks again only what depends on the edited row.
//!
//! What a row's findings depend on, and so what [`Checked::recheck`] updates:
//! - the row's own cells, and the refused fixes of that row: the row itself;
//! - which row is the first filled one (the only possible example row): the old and the new
//!   first filled rows;
//! - the identifier and the Nom + Prénom + Profession of the other kept rows (`row.duplicate`
//!   names the first row of each key): every row that shared a key with the row before or
//!   after the edit;
//! - the counts (severities, kept rows): the rows above, by difference.
//!
//! The file-level findings (the reader's, the schema's, sensitive column headers) depend only
//! on the columns, which no edit changes. A full check is this same code run once over every
//! row (`check::check`), so that a property test can compare an edited table's state with a
//! fresh check of it.

use super::duplicates::{Duplicates, Keys};
use super::memo::Memo;
use super::plan::Plan;
use super::row::{Caches, RowChecker};
use super::store::Store;
use super::{removal, sensitive, CellRef, Record, Results};
use crate::hash::FastSet;
use crate::report::{Code, Finding, Severity, Summary};
use crate::rules::Context;
use crate::schema::Schema;
use crate::table::{Table, Ymd};

/// A table after its check, ready to be checked again row by row.
pub struct Checked {
    plan: Plan,
    context: Context,
    caches: Caches,
    /// Every data row, kept or removed, in table order.
    records: Vec<Record>,
    /// The findings without a row, then each record's in report order (a `row.duplicate` one
    /// comes last in its row).
    findings: Store,
    duplicates: Duplicates,
    example_row: Option<u32>,
    refused: Vec<CellRef>,
    tally: Tally,
}

/// The counts of a checked table, kept as rows are checked again.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Findings by severity.
    pub summary: Summary,
    /// Automatic fixes (`value.fixed`), of rows and of the file.
    pub fixes: usize,
    /// Rows the corrected file keeps.
    pub rows_kept: usize,
    /// Rows removed as blank.
    pub blank: usize,
    /// Rows removed as the template's example.
    pub example: usize,
    /// Rows removed because the member objected.
    pub opposition: usize,
}

impl Tally {
    /// Adds (`add`) or takes away `findings`.
    fn findings(&mut self, findings: &[Finding], add: bool) {
        let step = |n: &mut usize| *n = if add { *n + 1 } else { n.saturating_sub(1) };
        for f in findings {
            step(match f.severity {
                Severity::Error => &mut self.summary.error,
                Severity::Warning => &mut self.summary.warning,
                Severity::Notice => &mut self.summary.notice,
            });
            if f.code == Code::ValueFixed {
                step(&mut self.fixes);
            }
        }
    }

    /// Adds (`add`) or takes away a record, kept or removed.
    fn record(&mut self, record: &Record, add: bool) {
        let n = match record.removed {
            None => &mut self.rows_kept,
            Some(Code::RowBlank) => &mut self.blank,
            Some(Code::RowExample) => &mut self.example,
            Some(Code::RowOpposition) => &mut self.opposition,
            Some(_) => return,
        };
        *n = if add { *n + 1 } else { n.saturating_sub(1) };
    }
}

impl std::fmt::Debug for Checked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checked")
            .field("records", &self.records.len())
            .field("tally", &self.tally)
            .finish_non_exhaustive()
    }
}

impl Checked {
    /// Checks every row of `table`. `read_findings` (the reader's column findings) open the
    /// report; `refused` are the automatic fixes the coordinator refused.
    pub fn new(
        table: &Table,
        read_findings: &[Finding],
        schema: &Schema,
        today: Ymd,
        refused: Vec<CellRef>,
    ) -> Checked {
        Checked::with_memo(
            table,
            read_findings,
            schema,
            today,
            refused,
            Memo::new(schema.fields.len()),
        )
    }

    /// [`Checked::new`] with the memo of rule results to use (a disabled one in tests).
    pub(super) fn with_memo(
        table: &Table,
        read_findings: &[Finding],
        schema: &Schema,
        today: Ymd,
        refused: Vec<CellRef>,
        memo: Memo,
    ) -> Checked {
        let plan = Plan::new(table, schema);
        let mut head: Vec<Finding> = read_findings.to_vec();
        if plan.opposition.is_none() {
            head.push(Finding::new(
                Code::SchemaNoOpposition,
                crate::text::check::no_opposition_field(),
            ));
        }
        head.extend(sensitive::sensitive_columns(&plan));
        let mut tally = Tally::default();
        tally.findings(&head, true);
        let mut checked = Checked {
            example_row: removal::first_filled_row(table, &plan),
            plan,
            context: Context { today },
            caches: Caches::new(schema, memo),
            tally,
            records: Vec::with_capacity(table.rows.len()),
            findings: Store::new(head, table.rows.len()),
            duplicates: Duplicates::default(),
            refused,
        };
        let refused = refused_set(&checked.refused, None);
        let checker = RowChecker {
            plan: &checked.plan,
            schema,
            context: checked.context,
            refused: &refused,
            example_row: checked.example_row,
            caches: &checked.caches,
        };
        for (source, position) in table.rows.iter().zip(0u32..) {
            let mut row = checker.check(source);
            if row.record.removed.is_none() {
                let keys = Keys::of(&checked.plan, &row.record);
                checked.duplicates.insert(position, &keys);
                let records = &checked.records;
                let finding = checked.duplicates.finding(
                    &checked.plan,
                    schema,
                    position,
                    &row.record,
                    &keys,
                    |p| row_of(records, p),
                );
                row.findings.extend(finding);
            }
            checked.tally.record(&row.record, true);
            checked.tally.findings(&row.findings, true);
            checked.records.push(row.record);
            checked.findings.push_row(row.findings, table.rows.len());
        }
        checked.findings.finish();
        checked
    }

    /// Every data row's record, kept or removed, in table order.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// The findings of the record at table position `position` (empty past the end).
    pub fn row_findings(&self, position: usize) -> &[Finding] {
        self.findings.row(position)
    }

    /// The findings without a row (file and columns), in report order.
    pub fn file_findings(&self) -> &[Finding] {
        self.findings.head()
    }

    /// The counts by severity of every finding.
    pub fn summary(&self) -> Summary {
        self.tally.summary
    }

    /// The number of rows the corrected file keeps.
    pub fn rows_kept(&self) -> usize {
        self.tally.rows_kept
    }

    /// Every count of the table as it stands.
    pub fn tally(&self) -> Tally {
        self.tally
    }

    /// The refused automatic fixes.
    pub fn refused(&self) -> &[CellRef] {
        &self.refused
    }

    /// Refuses (`true`) or accepts again the automatic fix of one cell; the caller then checks
    /// the row again ([`Checked::recheck`]). Returns whether anything changed.
    pub fn set_refused(&mut self, cell: CellRef, refused: bool) -> bool {
        let at = self.refused.iter().position(|r| *r == cell);
        match (at, refused) {
            (None, true) => self.refused.push(cell),
            (Some(at), false) => {
                self.refused.remove(at);
            }
            _ => return false,
        }
        true
    }

    /// Checks again the rows at table positions `positions` of `table` (as edited), and what
    /// depends on them (see the module's documentation). Returns the positions whose record or
    /// findings may have changed, in increasing order.
    pub fn recheck(&mut self, table: &Table, schema: &Schema, positions: &[usize]) -> Vec<usize> {
        let mut todo: Vec<usize> = positions
            .iter()
            .copied()
            .filter(|&p| p < table.rows.len() && p < self.records.len())
            .collect();
        let example_row = removal::first_filled_row(table, &self.plan);
        if example_row != self.example_row {
            for number in [self.example_row, example_row].into_iter().flatten() {
                todo.extend(table.rows.iter().position(|r| r.number == number));
            }
            self.example_row = example_row;
        }
        todo.sort_unstable();
        todo.dedup();

        let rows: Vec<u32> = todo
            .iter()
            .filter_map(|&p| self.records.get(p).map(|r| r.row))
            .collect();
        let refused = refused_set(&self.refused, Some(&rows));
        let checker = RowChecker {
            plan: &self.plan,
            schema,
            context: self.context,
            refused: &refused,
            example_row: self.example_row,
            caches: &self.caches,
        };
        let mut touched: Vec<Keys> = Vec::new();
        for &p in &todo {
            let (Some(source), Some(record), Some(findings)) = (
                table.rows.get(p),
                self.records.get_mut(p),
                self.findings.row_mut(p),
            ) else {
                continue;
            };
            self.tally.findings(findings, false);
            self.tally.record(record, false);
            if record.removed.is_none() {
                let keys = Keys::of(&self.plan, record);
                self.duplicates.remove(position(p), &keys);
                touched.push(keys);
            }
            let row = checker.check(source);
            self.tally.record(&row.record, true);
            if row.record.removed.is_none() {
                let keys = Keys::of(&self.plan, &row.record);
                self.duplicates.insert(position(p), &keys);
                touched.push(keys);
            }
            *record = row.record;
            *findings = row.findings;
        }

        // The rows whose `row.duplicate` may have changed: the rechecked ones (their finding
        // is not computed yet) and every row that shares a key with them, before or after.
        let mut affected: Vec<usize> = touched
            .iter()
            .flat_map(|keys| self.duplicates.sharing(keys))
            .filter_map(|p| usize::try_from(p).ok())
            .collect();
        affected.extend_from_slice(&todo);
        affected.sort_unstable();
        affected.dedup();
        for &p in &affected {
            let rechecked = todo.binary_search(&p).is_ok();
            let (Some(record), Some(findings)) = (self.records.get(p), self.findings.row_mut(p))
            else {
                continue;
            };
            if !rechecked {
                self.tally.findings(findings, false);
                if findings
                    .last()
                    .is_some_and(|f| f.code == Code::RowDuplicate)
                {
                    findings.pop();
                }
            }
            if record.removed.is_none() {
                let keys = Keys::of(&self.plan, record);
                let records = &self.records;
                let finding =
                    self.duplicates
                        .finding(&self.plan, schema, position(p), record, &keys, |p| {
                            row_of(records, p)
                        });
                findings.extend(finding);
            }
            self.tally.findings(findings, true);
        }
        affected
    }

    /// The report and records of the table as it stands (copies of the shared texts' handles).
    pub fn outcome(
        &self,
        file: &str,
        table: &Table,
        options: &super::CheckOptions,
    ) -> super::Outcome {
        let mut issues = Vec::with_capacity(self.finding_count());
        issues.extend(self.issues().cloned());
        self.assemble(file, table, options, issues, self.records.clone())
    }

    /// [`Checked::outcome`], consuming the state (no copy).
    pub fn into_outcome(
        mut self,
        file: &str,
        table: &Table,
        options: &super::CheckOptions,
    ) -> super::Outcome {
        let records = std::mem::take(&mut self.records);
        let issues = std::mem::take(&mut self.findings).into_vec();
        self.assemble(file, table, options, issues, records)
    }

    fn finding_count(&self) -> usize {
        let summary = self.tally.summary;
        summary.error + summary.warning + summary.notice
    }

    fn assemble(
        &self,
        file: &str,
        table: &Table,
        options: &super::CheckOptions,
        issues: Vec<Finding>,
        records: Vec<Record>,
    ) -> super::Outcome {
        let report = crate::report::Report {
            file: file.to_string(),
            sheet: Some(table.sheet.clone()),
            header_row: Some(table.header_row),
            columns: super::report_columns(table),
            rows_read: table.rows.len(),
            rows_kept: self.tally.rows_kept,
            summary: self.tally.summary,
            issues,
            filename: super::file_name(options),
        };
        super::Outcome { report, records }
    }
}

impl Results for Checked {
    fn records(&self) -> &[Record] {
        &self.records
    }

    fn issues(&self) -> impl Iterator<Item = &Finding> + Clone {
        self.findings.iter()
    }
}

/// The refused fixes as the row checker looks them up, for the rows `rows` only (all when
/// `None`).
fn refused_set<'a>(refused: &'a [CellRef], rows: Option<&[u32]>) -> FastSet<(u32, &'a str)> {
    refused
        .iter()
        .filter(|r| rows.is_none_or(|rows| rows.contains(&r.row)))
        .map(|r| (r.row, r.column.as_str()))
        .collect()
}

/// A table position as the duplicate index keeps it (a table never has 4 G rows: the reader's
/// limits are far below).
fn position(p: usize) -> u32 {
    u32::try_from(p).unwrap_or(u32::MAX)
}

/// The spreadsheet row number of the record at a table position.
fn row_of(records: &[Record], p: u32) -> u32 {
    usize::try_from(p)
        .ok()
        .and_then(|p| records.get(p))
        .map_or(0, |r| r.row)
}
