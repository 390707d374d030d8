//! One data row: removed or kept; for a kept row, every cell through its rule, the NIR scan of
//! every cell, the cross-field fixes (MSSanté address, implied spécialité, obsolete ADELI) and
//! the row's own findings (required values, contact, identifier, sensitive terms).

use std::cell::RefCell;
use std::sync::Arc;

use super::memo::{Known, Memo, SharedIssue};
use super::plan::Plan;
use super::{removal, sensitive, Record};
use crate::hash::FastSet;
use crate::report::{Code, Finding, Severity};
use crate::rules::{self, text::clean, Context, Issue};
use crate::schema::{Kind, Required, Schema};
use crate::table::{Cell, CellKind, Row};
use crate::text::check as msg;

/// Everything a row check needs, shared by all rows.
pub(super) struct RowChecker<'a> {
    pub plan: &'a Plan,
    pub schema: &'a Schema,
    pub context: Context,
    /// `(row, field id)` of the cells whose automatic fix the coordinator refused.
    pub refused: &'a FastSet<(u32, &'a str)>,
    /// The only row that may be the template's example row.
    pub example_row: Option<u32>,
    /// What the rules made of the values seen so far, kept between checks of one table.
    pub caches: &'a Caches,
}

/// What a check remembers from row to row, and from one check of a table to the next (an
/// edit checks one row again with what the whole check learnt).
pub(super) struct Caches {
    /// What the rules made of the values seen so far.
    pub memo: RefCell<Memo>,
    /// The health term of the free-text values seen so far: outside, then inside place names.
    pub health_terms: RefCell<(KnownTerm, KnownTerm)>,
    /// The spécialité implied by the professions seen so far, as typed.
    pub specialties: RefCell<KnownTerm>,
    /// Texts every row uses: the field ids (each finding names its column) and the empty value.
    pub texts: SharedTexts,
    /// The per-field vectors of the previous row, emptied, for the next one: a few allocations
    /// less per row.
    pub scratch: RefCell<Scratch>,
}

impl Caches {
    pub fn new(schema: &Schema, memo: Memo) -> Caches {
        Caches {
            memo: RefCell::new(memo),
            health_terms: RefCell::default(),
            specialties: RefCell::default(),
            texts: SharedTexts::new(schema),
            scratch: RefCell::default(),
        }
    }
}

/// [`Work`]'s vectors that do not leave the row: kept from row to row with their capacity.
#[derive(Default)]
pub(super) struct Scratch {
    masked: Vec<Option<Arc<str>>>,
    slots: Vec<Vec<Finding>>,
    settled: Vec<bool>,
}

/// Texts shared by every row: one allocation per check instead of one per finding or value.
pub(super) struct SharedTexts {
    ids: Vec<Arc<str>>,
    empty: Arc<str>,
    /// The cell of a column the file does not have.
    empty_cell: Cell,
}

impl SharedTexts {
    pub fn new(schema: &Schema) -> SharedTexts {
        SharedTexts {
            ids: schema
                .fields
                .iter()
                .map(|f| Arc::from(f.id.as_str()))
                .collect(),
            empty: Arc::from(""),
            empty_cell: Cell::default(),
        }
    }
}

/// A term (health term, implied spécialité) remembered by value, or its absence.
pub(super) type KnownTerm = Known<Option<&'static str>>;

/// A row after checking: its record and its findings, in report order.
pub(super) struct CheckedRow {
    pub record: Record,
    pub findings: Vec<Finding>,
}

/// The row being checked: one entry per schema field, plus findings about extra columns.
struct Work<'a> {
    number: u32,
    texts: &'a SharedTexts,
    cells: Vec<&'a Cell>,
    values: Vec<Arc<str>>,
    /// The masked text of the cells that hold a NIR: their original as the record keeps it.
    masked: Vec<Option<Arc<str>>>,
    /// Findings per schema field, so that the report follows the schema's column order.
    slots: Vec<Vec<Finding>>,
    /// The cell held a NIR or a formula error: it has its own error and is not « empty ».
    settled: Vec<bool>,
    /// Findings about columns outside the schema.
    extra: Vec<Finding>,
}

impl RowChecker<'_> {
    /// Checks one row.
    pub fn check(&self, row: &Row) -> CheckedRow {
        let n = self.schema.fields.len();
        if removal::is_opposed(row, self.plan) {
            // Nothing of the member's may appear anywhere: no value, no other finding.
            return CheckedRow {
                record: Record {
                    row: row.number,
                    values: vec![self.caches.texts.empty.clone(); n],
                    original: Vec::new(),
                    removed: Some(Code::RowOpposition),
                },
                findings: vec![
                    Finding::new(Code::RowOpposition, msg::row_opposition()).at_row(row.number)
                ],
            };
        }
        if removal::is_blank(row, self.plan) {
            return CheckedRow {
                record: Record {
                    row: row.number,
                    values: vec![self.caches.texts.empty.clone(); n],
                    original: Vec::new(),
                    removed: Some(Code::RowBlank),
                },
                findings: vec![Finding::new(Code::RowBlank, msg::row_blank()).at_row(row.number)],
            };
        }

        let scratch = std::mem::take(&mut *self.caches.scratch.borrow_mut());
        let mut work = Work::new(row, self.plan, self.schema, &self.caches.texts, scratch);
        work.scan_nirs(row, self.plan);

        if self.example_row == Some(row.number) && removal::is_example(row, self.plan) {
            return work.into_example();
        }

        self.check_cells(&mut work);
        self.cross_fields(&mut work);
        self.row_findings(&mut work);
        let (checked, scratch) = work.finish();
        *self.caches.scratch.borrow_mut() = scratch;
        checked
    }

    /// Every non-empty cell through its rule (the commune after the postal code it depends on).
    fn check_cells(&self, work: &mut Work) {
        let fields = &self.schema.fields;
        for (i, field) in fields.iter().enumerate() {
            if field.kind != Kind::Commune {
                self.check_cell(work, i, field.kind);
            }
        }
        for (i, field) in fields.iter().enumerate() {
            if field.kind == Kind::Commune {
                self.check_cell(work, i, field.kind);
            }
        }
    }

    fn check_cell(&self, work: &mut Work, i: usize, kind: Kind) {
        let Some(&cell) = work.cells.get(i) else {
            return;
        };
        if work.is_settled(i) || cell.is_empty() {
            return;
        }
        if cell.kind == CellKind::Error {
            let title = self.schema.fields.get(i).map_or("", |f| f.title.as_str());
            let issue = Issue::new(error_code(kind), msg::cell_error(title, cell.text.trim()));
            work.push_issue(i, issue.into());
            work.settle(i);
            return;
        }
        let mut memo = self.caches.memo.borrow_mut();
        let checked = if kind == Kind::Commune {
            let postal = self
                .plan
                .postal
                .and_then(|p| work.values.get(p))
                .map_or("", |v| &**v);
            memo.get_or(i, cell, postal, || rules::commune::check(cell, postal))
        } else if kind == Kind::PostalCode {
            // « Toulouse Cedex 1 » in the commune cell marks a CEDEX postal code.
            let commune = self
                .plan
                .commune
                .and_then(|c| work.cells.get(c))
                .map_or("", |c| &*c.text);
            memo.get_or(i, cell, commune, || {
                rules::postal::check_with_commune(cell, commune)
            })
        } else {
            memo.get_or(i, cell, "", || rules::check_cell(kind, cell, &self.context))
        };
        drop(memo);
        if self.is_refused(work, i) {
            // The coordinator keeps what they typed: no fix, and no notice about one.
            work.set_value(i, trimmed(cell));
            for issue in checked.issues.iter().filter(|i| i.code != Code::ValueFixed) {
                work.push_issue(i, issue.clone());
            }
        } else {
            // A value written as typed is already the cell's own text (`Shared::of`); a
            // remembered one is the memo's, shared by every row that has it.
            work.set_value(i, checked.value);
            for issue in checked.issues.iter() {
                work.push_issue(i, issue.clone());
            }
        }
    }

    /// [`sensitive::health_term`], remembered: structures and addresses repeat from row to row.
    fn health_term(&self, value: &str, place: bool) -> Option<&'static str> {
        let mut known = self.caches.health_terms.borrow_mut();
        let known = if place { &mut known.1 } else { &mut known.0 };
        known.get_or(value, || sensitive::health_term(value, place))
    }

    fn is_refused(&self, work: &Work, i: usize) -> bool {
        // Asked for every cell with a fix; the coordinator has usually refused none.
        !self.refused.is_empty()
            && self
                .schema
                .fields
                .get(i)
                .is_some_and(|f| self.refused.contains(&(work.number, f.id.as_str())))
    }

    /// Fixes and warnings that involve two fields.
    fn cross_fields(&self, work: &mut Work) {
        let plan = self.plan;
        // An ADELI number for a profession that has moved to the RPPS.
        if let (Some(id), Some(profession)) = (plan.identifier, plan.profession) {
            let identifier = work.value(id).to_string();
            let label = work.value(profession).to_string();
            let already_wrong = work.slot(id).iter().any(|f| f.severity == Severity::Error);
            if !identifier.is_empty()
                && !label.is_empty()
                && !work.is_settled(id)
                && !already_wrong
                && rules::adeli::looks_like_adeli(&identifier)
                && rules::adeli::is_obsolete_for(&label)
            {
                work.push_issue(
                    id,
                    Issue::new(Code::AdeliObsolete, msg::adeli_obsolete(&label)).into(),
                );
            }
        }
        // An MSSanté address typed in the email column.
        if let (Some(email), Some(mssante)) = (plan.email, plan.mssante) {
            let address = work.value(email).to_string();
            if !address.is_empty()
                && !work.is_settled(email)
                && !work.is_settled(mssante)
                && work.value(mssante).is_empty()
                && !self.is_refused(work, email)
                && !self.is_refused(work, mssante)
                && rules::email::is_mssante(&address)
            {
                let checked = rules::email::check_mssante(&Cell::text(address.clone()));
                let other_contact = plan
                    .contacts
                    .iter()
                    .any(|&c| c != email && !work.value(c).is_empty());
                let message = if other_contact {
                    msg::mssante_received_from_email()
                } else {
                    msg::mssante_copied_from_email()
                };
                let fixed: Arc<str> = checked.value.into();
                work.push_finding(
                    mssante,
                    Finding::new(Code::ValueFixed, message).with_fixed(Some(fixed.clone())),
                );
                for issue in checked
                    .issues
                    .into_iter()
                    .filter(|i| i.code != Code::ValueFixed)
                {
                    work.push_finding(
                        mssante,
                        finding_of(issue.into()).with_value(address.as_str()),
                    );
                }
                work.set_value(mssante, fixed);
                if other_contact {
                    work.push_issue(
                        email,
                        Issue::with_fixed(Code::ValueFixed, "", msg::mssante_moved_from_email())
                            .into(),
                    );
                    work.clear(email);
                }
            }
        }
        // « MG », « généraliste »: the spécialité goes without saying.
        if let (Some(specialite), Some(profession)) = (plan.specialty, plan.profession) {
            let typed = work.cells.get(profession).map_or("", |c| c.text.trim());
            if !typed.is_empty()
                && work.value(specialite).is_empty()
                && !work.is_settled(specialite)
                && !work.is_settled(profession)
                && !self.is_refused(work, specialite)
            {
                let implied = self
                    .caches
                    .specialties
                    .borrow_mut()
                    .get_or(typed, || rules::profession::implied_specialty(typed));
                if let Some(implied) = implied {
                    let message = msg::specialty_filled(implied, typed);
                    let implied: Arc<str> = Arc::from(implied);
                    work.push_finding(
                        specialite,
                        Finding::new(Code::ValueFixed, message).with_fixed(Some(implied.clone())),
                    );
                    work.set_value(specialite, implied);
                }
            }
        }
    }

    /// Required values, contact, identifier, sensitive terms.
    fn row_findings(&self, work: &mut Work) {
        let plan = self.plan;
        for (i, field) in self.schema.fields.iter().enumerate() {
            let present_column = plan.sources.get(i).copied().flatten().is_some();
            if field.required == Required::Yes
                && present_column
                && work.value(i).is_empty()
                && !work.is_settled(i)
            {
                let proposed = match plan.postal {
                    Some(postal) if plan.commune == Some(i) => {
                        rules::commune::only_commune_of(work.value(postal))
                    }
                    _ => None,
                };
                let issue = match proposed {
                    Some(commune) => Issue::with_fixed(
                        Code::ValueRequired,
                        commune,
                        msg::commune_required(&field.title, commune),
                    ),
                    None => Issue::new(Code::ValueRequired, msg::value_required(&field.title)),
                };
                work.push_issue(i, issue.into());
            }
        }
        if let Some(&first) = plan.contacts.first() {
            let none = plan
                .contacts
                .iter()
                .all(|&c| work.value(c).is_empty() && !work.is_settled(c));
            if none {
                let titles: Vec<&str> = plan
                    .contacts
                    .iter()
                    .filter_map(|&c| self.schema.fields.get(c))
                    .map(|f| f.title.as_str())
                    .collect();
                work.push_issue(
                    first,
                    Issue::new(Code::ValueContactMissing, msg::contact_missing(&titles)).into(),
                );
            }
        }
        if let (Some(id), Some(profession)) = (plan.identifier, plan.profession) {
            let label = work.value(profession).to_string();
            if !label.is_empty()
                && work.value(id).is_empty()
                && !work.is_settled(id)
                && rules::profession::needs_identifier(&label)
            {
                work.push_issue(
                    id,
                    Issue::new(Code::IdentifierMissing, msg::identifier_missing(&label)).into(),
                );
            }
        }
        for &i in &self.plan.free_text {
            if !work.is_settled(i) {
                let place = self.plan.places.contains(&i);
                if let Some(term) = self.health_term(work.value(i), place) {
                    work.push_finding(
                        i,
                        Finding::new(Code::GdprSensitive, msg::gdpr_cell(term))
                            .with_value(work.value_shared(i)),
                    );
                }
            }
        }
    }
}

/// The cell of schema field `i` in this row (`empty` when the column is absent).
fn source_cell<'r>(row: &'r Row, plan: &Plan, i: usize, empty: &'r Cell) -> &'r Cell {
    plan.sources
        .get(i)
        .copied()
        .flatten()
        .and_then(|index| row.cells.get(index))
        .unwrap_or(empty)
}

/// The code of a formula error in a field of this kind: the field's own invalid code, or
/// `value.required` for kinds without one (the value is missing).
fn error_code(kind: Kind) -> Code {
    match kind {
        Kind::Nom | Kind::Prenom | Kind::Text | Kind::Commune => Code::ValueRequired,
        Kind::Profession => Code::ProfessionUnknown,
        Kind::Identifier => Code::RppsInvalid,
        Kind::Mode => Code::ModeInvalid,
        Kind::PostalCode => Code::PostalInvalid,
        Kind::Phone => Code::PhoneInvalid,
        Kind::Email => Code::EmailInvalid,
        Kind::Mssante => Code::MssanteInvalid,
        Kind::YesNo => Code::YesnoInvalid,
        Kind::Date => Code::DateInvalid,
    }
}

/// The cell's text without its surrounding white space: the cell's own text when it has none.
fn trimmed(cell: &Cell) -> Arc<str> {
    let trimmed = cell.text.trim();
    if trimmed.len() == cell.text.len() {
        cell.text.clone()
    } else {
        Arc::from(trimmed)
    }
}

/// A finding from a rule's issue, without row, column or value yet.
fn finding_of(issue: SharedIssue) -> Finding {
    Finding::new(issue.code, issue.message).with_fixed(issue.fixed)
}

impl<'a> Work<'a> {
    fn new(
        row: &'a Row,
        plan: &Plan,
        schema: &Schema,
        texts: &'a SharedTexts,
        scratch: Scratch,
    ) -> Work<'a> {
        let n = schema.fields.len();
        let cells: Vec<&Cell> = (0..n)
            .map(|i| source_cell(row, plan, i, &texts.empty_cell))
            .collect();
        let Scratch {
            mut masked,
            mut slots,
            mut settled,
        } = scratch;
        masked.clear();
        masked.resize(n, None);
        // Emptied by `finish`, capacity kept.
        slots.iter_mut().for_each(Vec::clear);
        slots.resize_with(n, Vec::new);
        settled.clear();
        settled.resize(n, false);
        Work {
            number: row.number,
            texts,
            values: vec![texts.empty.clone(); n],
            masked,
            cells,
            slots,
            settled,
            extra: Vec::new(),
        }
    }

    /// Blanks and masks every NIR: schema fields and every other column.
    fn scan_nirs(&mut self, row: &Row, plan: &Plan) {
        for i in 0..self.cells.len() {
            let text = self.cells.get(i).map_or("", |c| &*c.text);
            if text.trim().is_empty() {
                continue;
            }
            if let Some(issue) = rules::nir::scan(text) {
                let masked: Arc<str> = rules::nir::mask(text.trim()).into();
                self.push_finding(
                    i,
                    Finding::new(issue.code, issue.message).with_value(masked.clone()),
                );
                if let Some(slot) = self.masked.get_mut(i) {
                    *slot = Some(masked);
                }
                self.settle(i);
            }
        }
        for extra in &plan.extras {
            let Some(cell) = row.cells.get(extra.index) else {
                continue;
            };
            if cell.is_empty() {
                continue;
            }
            if let Some(issue) = rules::nir::scan(&cell.text) {
                let mut finding = Finding::new(issue.code, issue.message)
                    .at_row(self.number)
                    .with_value(rules::nir::mask(cell.text.trim()));
                finding.column = extra.header.as_deref().map(Arc::from);
                self.extra.push(finding);
            }
        }
    }

    fn value(&self, i: usize) -> &str {
        self.values.get(i).map_or("", |v| &**v)
    }

    fn value_shared(&self, i: usize) -> Arc<str> {
        self.values
            .get(i)
            .map_or_else(|| self.texts.empty.clone(), Arc::clone)
    }

    fn slot(&self, i: usize) -> &[Finding] {
        self.slots.get(i).map_or(&[], Vec::as_slice)
    }

    fn is_settled(&self, i: usize) -> bool {
        self.settled.get(i).copied().unwrap_or(false)
    }

    fn set_value(&mut self, i: usize, value: Arc<str>) {
        if let Some(slot) = self.values.get_mut(i) {
            *slot = value;
        }
    }

    /// Field `i` is written empty.
    fn clear(&mut self, i: usize) {
        self.set_value(i, self.texts.empty.clone());
    }

    /// The cell has its own error: it is written empty, yet no longer counts as empty.
    fn settle(&mut self, i: usize) {
        self.clear(i);
        if let Some(settled) = self.settled.get_mut(i) {
            *settled = true;
        }
    }

    /// A rule's issue about field `i`, with the cell's original text as value.
    fn push_issue(&mut self, i: usize, issue: SharedIssue) {
        let mut finding = finding_of(issue);
        if let Some(cell) = self.cells.get(i).filter(|c| !c.text.trim().is_empty()) {
            finding.value = Some(trimmed(cell));
        }
        self.push_finding(i, finding);
    }

    /// A finding about field `i`: its row and column are set here.
    fn push_finding(&mut self, i: usize, finding: Finding) {
        let id = self.texts.ids.get(i).cloned();
        if let Some(slot) = self.slots.get_mut(i) {
            let mut finding = finding.at_row(self.number);
            finding.column = id;
            slot.push(finding);
        }
    }

    /// The template's example row, removed: its text as typed (white space cleaned, NIRs
    /// blanked) and no finding but its removal and its NIRs (the only ones found so far).
    fn into_example(self) -> CheckedRow {
        let values: Vec<Arc<str>> = self
            .cells
            .iter()
            .zip(&self.settled)
            .map(|(cell, settled)| {
                if *settled {
                    self.texts.empty.clone()
                } else {
                    clean(&cell.text).into()
                }
            })
            .collect();
        let mut findings =
            vec![Finding::new(Code::RowExample, msg::row_example()).at_row(self.number)];
        findings.extend(self.slots.into_iter().flatten());
        findings.extend(self.extra);
        let original = originals(&self.cells, self.masked, &values);
        CheckedRow {
            record: Record {
                row: self.number,
                values,
                original,
                removed: Some(Code::RowExample),
            },
            findings,
        }
    }

    /// The checked row, and the vectors to reuse for the next one.
    fn finish(mut self) -> (CheckedRow, Scratch) {
        let count = self.slots.iter().map(Vec::len).sum::<usize>() + self.extra.len();
        let mut findings: Vec<Finding> = Vec::with_capacity(count);
        for slot in &mut self.slots {
            findings.append(slot);
        }
        findings.extend(self.extra);
        let original = originals(&self.cells, self.masked.drain(..), &self.values);
        let checked = CheckedRow {
            record: Record {
                row: self.number,
                values: self.values,
                original,
                removed: None,
            },
            findings,
        };
        let scratch = Scratch {
            masked: self.masked,
            slots: self.slots,
            settled: self.settled,
        };
        (checked, scratch)
    }
}

/// What [`Record::original`] keeps: the text of each cell (masked where it held a NIR) that
/// differs from the value written, with its field index.
fn originals(
    cells: &[&Cell],
    masked: impl IntoIterator<Item = Option<Arc<str>>>,
    values: &[Arc<str>],
) -> Vec<(usize, Arc<str>)> {
    cells
        .iter()
        .zip(masked)
        .zip(values)
        .enumerate()
        .filter_map(|(i, ((cell, masked), value))| match masked {
            Some(masked) => (masked != *value).then_some((i, masked)),
            None => (*cell.text != **value).then(|| (i, cell.text.clone())),
        })
        .collect()
}
