//! One directory being worked on: the file as read, its live check, and what the coordinator
//! did to it (edits, refused fixes), undoable. The page's worker keeps one (`src/wasm.rs`,
//! built for wasm32 only); the page only asks for what it draws (counts, a window of rows, a
//! row's findings, a page of a list) and sends edits, refusals and undos.
//!
//! An edit checks the edited row again, and what depends on it ([`Checked::recheck`]); undo
//! puts the cell back exactly as it was read, its type included.
//!
//! ```
//! use annuaire_cpts::session::{Filter, Session, Show};
//! use annuaire_cpts::{Document, Schema, Ymd};
//!
//! let csv = "Nom;Prénom;Profession;RPPS\nmartin;Luc;Infirmier;10000000009\nDURAND;Anne;Infirmier;10000000009\n";
//! let document = Document::open(csv.as_bytes(), "annuaire.csv", Schema::default(), None)?;
//! let mut session = Session::new(document, Ymd { year: 2026, month: 3, day: 1 });
//! // Row 3 repeats row 2's RPPS.
//! let errors = Filter { show: Show::Error, column: None };
//! assert_eq!(session.rows(&errors).len(), 2);
//! session.set_cell(3, "identifiant", "10000000017").expect("row 3 exists");
//! assert!(session.checked().row_findings(1).iter().all(|f| f.code != annuaire_cpts::Code::RowDuplicate));
//! session.undo();
//! assert!(session.checked().row_findings(1).iter().any(|f| f.code == annuaire_cpts::Code::RowDuplicate));
//! # Ok::<(), annuaire_cpts::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::check::{CellRef, CheckOptions, Checked, Outcome};
use crate::document::Document;
use crate::report::{Code, Finding, Severity};
use crate::table::{Cell, Ymd};

/// Which rows a list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Which rows, by what their findings say.
    pub show: Show,
    /// Only the findings in this column (a field id) count; `None`: every column.
    pub column: Option<String>,
}

/// The rows a [`Filter`] keeps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Show {
    /// Every row (with `column`: the rows with a finding in that column).
    #[default]
    All,
    /// The rows the corrected file keeps.
    Kept,
    /// The rows with an error.
    Error,
    /// The rows with a warning.
    Warning,
    /// The rows with an automatic fix, or a refused one.
    Fixed,
    /// The rows left out of the corrected file.
    Removed,
}

/// What a row's findings say, as bits: [`Marks::ERROR`], [`Marks::WARNING`], [`Marks::FIXED`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marks(pub u8);

impl Marks {
    /// An error.
    pub const ERROR: u8 = 1;
    /// A warning.
    pub const WARNING: u8 = 2;
    /// An automatic fix, or a refused one.
    pub const FIXED: u8 = 4;
    /// A notice other than a fix.
    pub const NOTICE: u8 = 8;

    fn of(f: &Finding) -> u8 {
        match (f.code, f.severity) {
            (Code::ValueFixed, _) => Marks::FIXED,
            (_, Severity::Error) => Marks::ERROR,
            (_, Severity::Warning) => Marks::WARNING,
            (_, Severity::Notice) => Marks::NOTICE,
        }
    }
}

/// One step the coordinator can undo.
#[derive(Clone, Debug)]
enum Step {
    /// A cell was edited: the row's cells as they were before (the cell's text and type, and
    /// whether the row had that many cells at all).
    Edit {
        position: usize,
        field: String,
        before: Vec<Cell>,
    },
    /// A fix was refused (`true`) or accepted again; `fix` is the refused fix as it was
    /// remembered before an acceptance.
    Refusal {
        cell: CellRef,
        refused: bool,
        fix: Option<Finding>,
    },
}

/// What changed after an edit, a refusal or an undo.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The spreadsheet row and field the step was about.
    pub row: u32,
    /// The field id.
    pub field: String,
    /// The spreadsheet rows whose values or findings may have changed.
    pub rows: Vec<u32>,
}

/// A directory being worked on (see the module's documentation).
#[derive(Debug)]
pub struct Session {
    document: Document,
    checked: Checked,
    undo: Vec<Step>,
    /// The fix each refused cell had when it was refused: the page offers it back there.
    refused: Vec<Finding>,
}

impl Session {
    /// Checks `document` (dates after `today` are errors).
    pub fn new(document: Document, today: Ymd) -> Session {
        let checked = Checked::new(
            &document.table,
            &document.read_findings,
            &document.schema,
            today,
            Vec::new(),
        );
        Session {
            document,
            checked,
            undo: Vec::new(),
            refused: Vec::new(),
        }
    }

    /// The file as read, with the edits.
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The live check.
    pub fn checked(&self) -> &Checked {
        &self.checked
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// The table position of spreadsheet row `row`.
    pub fn position(&self, row: u32) -> Option<usize> {
        let rows = &self.document.table.rows;
        match rows.binary_search_by_key(&row, |r| r.number) {
            Ok(p) => Some(p),
            // Rows are in file order, which is row order: a search that misses is a row that
            // is not there, unless a reader ever gives them otherwise.
            Err(_) => rows.iter().position(|r| r.number == row),
        }
    }

    /// Replaces the text of one cell (spreadsheet row, field id), as typed in the page.
    /// `None` when the row or the field's column does not exist.
    pub fn set_cell(&mut self, row: u32, field: &str, value: &str) -> Option<Change> {
        let position = self.position(row)?;
        let before = self.replace(position, field, |cells, index| {
            if let Some(cell) = cells.get_mut(index) {
                *cell = Cell::text(value);
            }
        })?;
        self.undo.push(Step::Edit {
            position,
            field: field.to_string(),
            before,
        });
        Some(self.recheck(row, field, &[position]))
    }

    /// Refuses (`refused`) or accepts again the automatic fix of one cell. `None` when the row
    /// does not exist or nothing changed.
    pub fn refuse_fix(&mut self, row: u32, field: &str, refused: bool) -> Option<Change> {
        let position = self.position(row)?;
        let cell = CellRef {
            row,
            column: field.to_string(),
        };
        let fix = self
            .checked
            .row_findings(position)
            .iter()
            .find(|f| f.code == Code::ValueFixed && f.column.as_deref() == Some(field))
            .cloned();
        if refused && fix.is_none() {
            // Nothing to refuse: the cell has no automatic fix.
            return None;
        }
        if !self.checked.set_refused(cell.clone(), refused) {
            return None;
        }
        let before = self.remembered(&cell).cloned();
        self.remember(&cell, if refused { fix } else { None });
        self.undo.push(Step::Refusal {
            cell,
            refused,
            fix: before,
        });
        Some(self.recheck(row, field, &[position]))
    }

    /// The fixes refused, as they were when refused, in the order of refusal.
    pub fn refused_fixes(&self) -> &[Finding] {
        &self.refused
    }

    /// The refused fix of `cell`.
    fn remembered(&self, cell: &CellRef) -> Option<&Finding> {
        self.refused
            .iter()
            .find(|f| f.row == Some(cell.row) && f.column.as_deref() == Some(&*cell.column))
    }

    /// Keeps (`Some`) or forgets the refused fix of `cell`.
    fn remember(&mut self, cell: &CellRef, fix: Option<Finding>) {
        self.refused
            .retain(|f| !(f.row == Some(cell.row) && f.column.as_deref() == Some(&*cell.column)));
        self.refused.extend(fix);
    }

    /// Undoes the last edit or refusal; `None` when there is none.
    pub fn undo(&mut self) -> Option<Change> {
        match self.undo.pop()? {
            Step::Edit {
                position,
                field,
                before,
            } => {
                let row = self.document.table.rows.get_mut(position)?;
                row.cells = before;
                let number = row.number;
                Some(self.recheck(number, &field, &[position]))
            }
            Step::Refusal { cell, refused, fix } => {
                let position = self.position(cell.row)?;
                self.checked.set_refused(cell.clone(), !refused);
                // Undoing a refusal forgets its fix; undoing an acceptance remembers it again.
                self.remember(&cell, if refused { None } else { fix });
                Some(self.recheck(cell.row, &cell.column, &[position]))
            }
        }
    }

    /// The rows `filter` keeps, as table positions, in table order.
    pub fn rows(&self, filter: &Filter) -> Vec<usize> {
        let records = self.checked.records();
        let refused_rows: Vec<u32> = match filter.show {
            Show::Fixed => self
                .checked
                .refused()
                .iter()
                .filter(|r| filter.column.as_deref().is_none_or(|c| c == r.column))
                .map(|r| r.row)
                .collect(),
            _ => Vec::new(),
        };
        if filter.show == Show::All && filter.column.is_none() {
            return (0..records.len()).collect();
        }
        (0..records.len())
            .filter(|&p| {
                let Some(record) = records.get(p) else {
                    return false;
                };
                let marks = self.marks(p, filter.column.as_deref());
                let in_column = filter.column.is_none() || marks != 0;
                match filter.show {
                    Show::All => in_column,
                    Show::Kept => record.removed.is_none() && in_column,
                    Show::Error => marks & Marks::ERROR != 0,
                    Show::Warning => marks & Marks::WARNING != 0,
                    Show::Fixed => marks & Marks::FIXED != 0 || refused_rows.contains(&record.row),
                    Show::Removed => record.removed.is_some() && in_column,
                }
            })
            .collect()
    }

    /// The first error after the cell `after` (spreadsheet row, field id; `""` for the row
    /// itself) among the rows `filter` keeps, else the first one from the top: its row and
    /// its field id (`""` for an error about the whole row). Within a row, the row's own
    /// errors come first, then its cells' in schema order; a column outside the schema has no
    /// cell to go to.
    pub fn next_error(&self, filter: &Filter, after: Option<(u32, &str)>) -> Option<(u32, String)> {
        let schema = &self.document.schema;
        let errors_of = |position: usize| -> Vec<usize> {
            let mut at: Vec<usize> = self
                .checked
                .row_findings(position)
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .filter_map(|f| match f.column.as_deref() {
                    None => Some(0),
                    Some(id) => schema.position(id).map(|j| j + 1),
                })
                .collect();
            at.sort_unstable();
            at.dedup();
            at
        };
        let field_id = |j: usize| -> String {
            j.checked_sub(1)
                .and_then(|j| schema.fields.get(j))
                .map_or(String::new(), |f| f.id.clone())
        };
        let rows = self.rows(filter);
        let records = self.checked.records();
        let cursor = after.and_then(|(row, field)| {
            let position = self.position(row)?;
            let j = if field.is_empty() {
                0
            } else {
                schema.position(field)? + 1
            };
            Some((position, j))
        });
        let first = |from: Option<(usize, usize)>| {
            rows.iter().find_map(|&p| {
                let later = |j: usize| from.is_none_or(|(cp, cj)| p > cp || (p == cp && j > cj));
                if from.is_some_and(|(cp, _)| p < cp) {
                    return None;
                }
                let j = errors_of(p).into_iter().find(|&j| later(j))?;
                Some((records.get(p)?.row, field_id(j)))
            })
        };
        first(cursor).or_else(|| first(None))
    }

    /// What the findings of the row at `position` say, only those in `column` when given.
    pub fn marks(&self, position: usize, column: Option<&str>) -> u8 {
        self.checked
            .row_findings(position)
            .iter()
            .filter(|f| column.is_none_or(|c| f.column.as_deref() == Some(c)))
            .fold(0, |marks, f| marks | Marks::of(f))
    }

    /// What the findings on each field's cell of the row at `position` say, in schema order
    /// (a row's own findings, on no column, are not there: see [`Session::marks`]).
    pub fn cell_marks(&self, position: usize) -> Vec<u8> {
        let fields = &self.document.schema.fields;
        let mut marks = vec![0; fields.len()];
        for f in self.checked.row_findings(position) {
            let Some(j) = f
                .column
                .as_deref()
                .and_then(|c| self.document.schema.position(c))
            else {
                continue;
            };
            if let Some(m) = marks.get_mut(j) {
                *m |= Marks::of(f);
            }
        }
        marks
    }

    /// The report and records as they stand, for `options`' CPTS name and year.
    pub fn outcome(&self, options: &CheckOptions) -> Outcome {
        self.checked
            .outcome(&self.document.file, &self.document.table, options)
    }

    /// Replaces the cells of the row at `position` with `edit` applied to them at the column
    /// of `field`; returns the cells as they were.
    fn replace(
        &mut self,
        position: usize,
        field: &str,
        edit: impl FnOnce(&mut Vec<Cell>, usize),
    ) -> Option<Vec<Cell>> {
        let index = self.document.table.index_of(field)?;
        let row = self.document.table.rows.get_mut(position)?;
        let before = row.cells.clone();
        if row.cells.len() <= index {
            row.cells.resize(index + 1, Cell::default());
        }
        edit(&mut row.cells, index);
        Some(before)
    }

    fn recheck(&mut self, row: u32, field: &str, positions: &[usize]) -> Change {
        let changed = self
            .checked
            .recheck(&self.document.table, &self.document.schema, positions);
        let records = self.checked.records();
        Change {
            row,
            field: field.to_string(),
            rows: changed
                .iter()
                .filter_map(|&p| records.get(p).map(|r| r.row))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Schema;
    use crate::table::{CellKind, Column, Row, Table};
    use proptest::prelude::*;

    const TODAY: Ymd = Ymd {
        year: 2026,
        month: 3,
        day: 1,
    };

    /// The columns the generated tables have, as the default schema's ids.
    const FIELDS: [&str; 8] = [
        "nom",
        "prenom",
        "profession",
        "identifiant",
        "telephone",
        "code_postal",
        "opposition",
        "spico_dossier",
    ];

    /// Values drawn for each column: repeats (duplicates), blanks, the template's example,
    /// objections, fixes and errors.
    fn values(field: usize) -> Vec<&'static str> {
        match field {
            0 => vec!["", "MARTIN", "martin", "Durand", "DUPONT", "exemple"],
            1 => vec!["", "Luc", "luc", "Anne", "Jean"],
            2 => vec!["", "Infirmier", "inf", "Médecin", "Boulanger"],
            3 => vec![
                "",
                "10000000009",
                "10000000017",
                "12345678901",
                "1000000000",
            ],
            4 => vec!["", "0561234567", "561234567", "00 00 00 00 00", "12"],
            5 => vec!["", "31000", "9100", "75001"],
            6 => vec!["", "Non", "Oui", "oui"],
            _ => vec!["", "Non", "Oui", "N"],
        }
    }

    fn table(rows: &[Vec<usize>]) -> Table {
        Table {
            sheet: "Feuil1".into(),
            header_row: 1,
            columns: (0..)
                .zip(FIELDS)
                .map(|(index, id)| Column {
                    index,
                    header: id.into(),
                    field: Some(id.into()),
                })
                .collect(),
            rows: (2u32..)
                .zip(rows)
                .map(|(number, cells)| Row {
                    number,
                    cells: (0..)
                        .zip(cells)
                        .map(|(j, &v)| {
                            let pool = values(j);
                            let text = pool.get(v % pool.len()).copied().unwrap_or("");
                            // Some numbers, as a spreadsheet stores phones and postal codes.
                            if (j == 4 || j == 5) && text.chars().all(|c| c.is_ascii_digit()) {
                                Cell::new(text, CellKind::Number)
                            } else {
                                Cell::text(text)
                            }
                        })
                        .collect(),
                })
                .collect(),
            ..Table::default()
        }
    }

    #[derive(Clone, Debug)]
    enum Op {
        Edit {
            row: usize,
            field: usize,
            value: usize,
        },
        Refuse {
            row: usize,
            field: usize,
            refused: bool,
        },
        Undo,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (0usize..12, 0usize..8, 0usize..6)
                .prop_map(|(row, field, value)| Op::Edit { row, field, value }),
            1 => (0usize..12, 0usize..8, any::<bool>())
                .prop_map(|(row, field, refused)| Op::Refuse { row, field, refused }),
            1 => Just(Op::Undo),
        ]
    }

    /// A row's value numbers: a blank row now and then, so that which row is the first filled
    /// one (the only possible example row) changes with the edits.
    fn row() -> impl Strategy<Value = Vec<usize>> {
        prop_oneof![
            3 => proptest::collection::vec(0usize..6, 8),
            1 => Just(vec![0; 8]),
        ]
    }

    fn options(session: &Session) -> CheckOptions {
        CheckOptions {
            today: TODAY,
            cpts: Some("CPTS du centre TARN".into()),
            year: Some(2026),
            refused_fixes: session.checked().refused().to_vec(),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn the_live_check_is_a_fresh_check_of_the_table_as_it_stands(
            rows in proptest::collection::vec(row(), 1..10),
            ops in proptest::collection::vec(op(), 1..25),
        ) {
            let read = table(&rows);
            let document = Document {
                file: "annuaire.xlsx".into(),
                schema: Schema::default(),
                table: read.clone(),
                read_findings: Vec::new(),
            };
            let mut session = Session::new(document, TODAY);
            let mut steps = 0usize;
            for op in ops {
                let row = |i: usize| u32::try_from(2 + i % rows.len()).unwrap_or(2);
                match op {
                    Op::Edit { row: i, field, value } => {
                        let pool = values(field);
                        let text = pool.get(value % pool.len()).copied().unwrap_or("");
                        let id = FIELDS.get(field).copied().unwrap_or("nom");
                        prop_assert!(session.set_cell(row(i), id, text).is_some());
                        steps += 1;
                    }
                    Op::Refuse { row: i, field, refused } => {
                        let id = FIELDS.get(field).copied().unwrap_or("nom");
                        if session.refuse_fix(row(i), id, refused).is_some() {
                            steps += 1;
                        }
                    }
                    Op::Undo => {
                        prop_assert_eq!(session.undo().is_some(), steps > 0);
                        steps = steps.saturating_sub(1);
                    }
                }
                let options = options(&session);
                let fresh = crate::check::check(
                    &session.document().file,
                    &session.document().table,
                    &[],
                    &session.document().schema,
                    &options,
                );
                let tally = session.checked().tally();
                let removed = |code| fresh.records.iter().filter(|r| r.removed == Some(code)).count();
                prop_assert_eq!(
                    (tally.fixes, tally.blank, tally.example, tally.opposition),
                    (
                        fresh.report.issues.iter().filter(|f| f.code == Code::ValueFixed).count(),
                        removed(Code::RowBlank),
                        removed(Code::RowExample),
                        removed(Code::RowOpposition),
                    )
                );
                prop_assert_eq!(session.outcome(&options), fresh);
                // Every refused cell has the fix it had, to offer back.
                prop_assert_eq!(session.refused_fixes().len(), session.checked().refused().len());
            }
            // Undoing everything gives back the table as read, cell types included.
            while session.undo().is_some() {}
            prop_assert_eq!(&session.document().table, &read);
            prop_assert!(session.checked().refused().is_empty());
        }
    }

    #[test]
    fn filters_pick_rows_by_what_their_findings_say() {
        // Row 2 fine after its fixes, row 3 a duplicate of row 2 (an error on its identifier),
        // row 4 blank.
        let read = table(&[
            vec![2, 1, 1, 1, 1, 1, 1, 1],
            vec![1, 1, 1, 1, 1, 1, 1, 1],
            vec![0, 0, 0, 0, 0, 0, 0, 0],
        ]);
        let document = Document {
            file: "annuaire.xlsx".into(),
            schema: Schema::default(),
            table: read,
            read_findings: Vec::new(),
        };
        let session = Session::new(document, TODAY);
        let rows = |show, column: Option<&str>| {
            session.rows(&Filter {
                show,
                column: column.map(str::to_string),
            })
        };
        assert_eq!(rows(Show::All, None), vec![0, 1, 2]);
        assert_eq!(rows(Show::Kept, None), vec![0, 1]);
        assert_eq!(rows(Show::Error, None), vec![1]);
        // Both phones were numbers: both rows have a fix.
        assert_eq!(rows(Show::Fixed, None), vec![0, 1]);
        assert_eq!(rows(Show::Fixed, Some("nom")), vec![0]);
        assert_eq!(rows(Show::Removed, None), vec![2]);
        assert_eq!(rows(Show::All, Some("nom")), vec![0]);
        assert_eq!(rows(Show::Error, Some("nom")), Vec::<usize>::new());
        assert_eq!(rows(Show::Error, Some("identifiant")), vec![1]);
        let all = Filter::default();
        assert_eq!(
            session.next_error(&all, None),
            Some((3, "identifiant".into()))
        );
        // From the error itself, round to the top again.
        assert_eq!(
            session.next_error(&all, Some((3, "identifiant"))),
            Some((3, "identifiant".into()))
        );
        let marks = session.cell_marks(0);
        assert_eq!(marks.first().copied(), Some(Marks::FIXED));
    }
}
