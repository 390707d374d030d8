//! Indicators without personal data: counts of the kept members, per CPTS and for the region,
//! by profession (nomenclature labels), mode d'exercice, department (from the postal code),
//! SPICO Dossier and SPICO Discussion use, and SPICO use per profession; masked by
//! [`mask`](super::mask).
//!
//! Every field is found by its declared [`Role`]; a schema without one of the roles gets no
//! table for it. The members who objected, blank and example rows are not counted (they are not
//! in the corrected file either). A value that is empty or not one of the categories (a
//! profession left unknown, a mode left as typed) is counted under « Non renseigné ou non
//! reconnu », so that every table's categories add up to the CPTS's members.
//!
//! All the tables form one system of sums ([`Grid`]): a CPTS's members are one cell shared by
//! every table, a CPTS's members of one profession are the same cell in « Professions » and as
//! the whole of its SPICO shares, and the members of a profession who do not use SPICO are a
//! cell of the system that is never published. The region's row is the sum of the CPTS's.

use serde::Serialize;

use super::mask::{share, Grid, Share, Shown};
use crate::check::{Outcome, Record};
use crate::rules::{mode, profession};
use crate::schema::{Role, Schema};
use crate::text::ars as text;

/// One row of a table: a CPTS, or the region.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndicatorRow {
    /// The CPTS's name, or the region's label.
    pub label: String,
    /// One count per column.
    pub cells: Vec<Shown>,
    /// The row's total.
    pub total: Shown,
    /// Each cell's share of its whole.
    pub shares: Vec<Share>,
}

/// One table of indicators.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndicatorTable {
    /// A stable id (`"professions"`, `"spico_dossier"`…).
    pub id: &'static str,
    /// Its French title.
    pub title: &'static str,
    /// The categories, in column order.
    pub columns: Vec<String>,
    /// What the shares are of.
    pub shares_of: &'static str,
    /// The CPTS's rows, then the region's (when there is one).
    pub rows: Vec<IndicatorRow>,
}

/// Every table, masked.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Indicators {
    /// The tables.
    pub tables: Vec<IndicatorTable>,
}

/// A CPTS's kept members, under its name.
pub struct Source<'a> {
    /// The CPTS's name.
    pub cpts: &'a str,
    /// Its check.
    pub outcome: &'a Outcome,
}

/// The indicators of one CPTS's own file, by the same code and rules as the ARS's (no region
/// row: the coordinator's CPTS is the whole).
///
/// ```
/// use annuaire_cpts::ars::indicators;
/// use annuaire_cpts::{check::CheckOptions, Document, Schema, Ymd};
/// let bytes = annuaire_cpts::write::write_template(&Schema::default())?.to_vec();
/// let document = Document::open(&bytes, "annuaire.xlsx", Schema::default(), None)?;
/// let options = CheckOptions {
///     today: Ymd { year: 2026, month: 3, day: 1 }, cpts: None, year: None, refused_fixes: vec![],
/// };
/// // The template holds only its example row: no member is counted.
/// let found = indicators(&document.check(&options), &document.schema);
/// assert_eq!(found.tables[0].rows[0].total.count(), Some(0));
/// # Ok::<(), annuaire_cpts::Error>(())
/// ```
pub fn indicators(outcome: &Outcome, schema: &Schema) -> Indicators {
    build(
        &[Source {
            cpts: text::THIS_CPTS,
            outcome,
        }],
        schema,
        false,
    )
    .0
}

/// What one member is counted as, per dimension (category labels).
struct Member {
    profession: &'static str,
    mode: &'static str,
    department: String,
    dossier: &'static str,
    discussion: &'static str,
}

/// The indicators of several CPTS with the region's row (when `region`), and the grid they were
/// masked as (for the tests that attack it).
pub(crate) fn build(sources: &[Source<'_>], schema: &Schema, region: bool) -> (Indicators, Grid) {
    let at = |role| schema.field_with(role);
    let (prof, mode_at, postal) = (at(Role::Profession), at(Role::Mode), at(Role::PostalCode));
    let (dossier, discussion) = (at(Role::SpicoDossier), at(Role::SpicoDiscussion));
    let members: Vec<Vec<Member>> = sources
        .iter()
        .map(|s| {
            s.outcome
                .records
                .iter()
                .filter(|r| r.removed.is_none())
                .map(|r| Member {
                    profession: prof.map_or(text::NOT_GIVEN, |i| profession_of(r, i)),
                    mode: mode_at.map_or(text::NOT_GIVEN, |i| mode_of(r, i)),
                    department: postal
                        .and_then(|i| department(r.value(i)))
                        .unwrap_or_else(|| text::NOT_GIVEN.to_string()),
                    dossier: dossier.map_or(text::NOT_GIVEN, |i| spico_of(r, i)),
                    discussion: discussion.map_or(text::NOT_GIVEN, |i| spico_of(r, i)),
                })
                .collect()
        })
        .collect();

    let mut b = Builder {
        grid: Grid::default(),
        labels: sources.iter().map(|s| s.cpts.to_string()).collect(),
        region,
        tables: Vec::new(),
    };
    // The members of each CPTS, shared by every table, and the region's.
    let totals: Vec<u64> = members.iter().map(|m| m.len() as u64).collect();
    let totals = b.column(&totals);
    if let Some((&region_total, each)) = totals.split_last().filter(|_| region) {
        b.grid.sum(each.to_vec(), region_total);
    }
    b.push(
        "adherents",
        vec![text::TOTAL.to_string()],
        std::slice::from_ref(&totals),
        &totals,
        true,
    );

    let professions = profession::professions().iter().map(|p| p.label);
    let by_profession = prof.map(|_| {
        b.categorical("professions", &members, professions, &totals, false, |m| {
            m.profession
        })
    });
    if mode_at.is_some() {
        b.categorical(
            "modes",
            &members,
            mode::MODES.into_iter(),
            &totals,
            false,
            |m| m.mode,
        );
    }
    if postal.is_some() {
        let mut departments: Vec<String> = members
            .iter()
            .flatten()
            .map(|m| m.department.clone())
            .filter(|d| d != text::NOT_GIVEN)
            .collect();
        departments.sort_unstable();
        departments.dedup();
        let order: Vec<&str> = departments.iter().map(String::as_str).collect();
        b.categorical(
            "departements",
            &members,
            order.into_iter(),
            &totals,
            false,
            |m| &m.department,
        );
    }
    let spico = [
        (dossier, "spico_dossier", "spico_dossier_professions", true),
        (
            discussion,
            "spico_discussion",
            "spico_discussion_professions",
            false,
        ),
    ];
    for (field, id, per_profession, is_dossier) in spico {
        if field.is_none() {
            continue;
        }
        let pick = move |m: &Member| if is_dossier { m.dossier } else { m.discussion };
        let (_, users) = b.categorical(
            id,
            &members,
            [text::USERS, text::NON_USERS].into_iter(),
            &totals,
            true,
            |m| pick(m),
        );
        // The first column is the users': it is always kept.
        if let (Some((columns, cells)), Some(users)) = (&by_profession, users.first()) {
            b.per_profession(per_profession, &members, columns, cells, users, pick);
        }
    }
    let shown = b.grid.mask();
    let tables = b.tables.into_iter().map(|t| t.publish(&shown)).collect();
    (Indicators { tables }, b.grid)
}

/// A table before masking: cell indices of the grid.
struct Draft {
    id: &'static str,
    columns: Vec<String>,
    /// Per row (CPTS then region): the cells, the total, each cell's whole.
    rows: Vec<(String, Vec<usize>, usize, Vec<usize>)>,
}

impl Draft {
    fn publish(self, shown: &[Shown]) -> IndicatorTable {
        let get = |i: usize| shown.get(i).copied().unwrap_or(Shown::Secret);
        IndicatorTable {
            id: self.id,
            title: text::table_title(self.id),
            columns: self.columns,
            shares_of: text::shares_of(self.id),
            rows: self
                .rows
                .into_iter()
                .map(|(label, cells, total, wholes)| IndicatorRow {
                    label,
                    shares: cells
                        .iter()
                        .zip(&wholes)
                        .map(|(&c, &w)| share(get(c), get(w)))
                        .collect(),
                    cells: cells.into_iter().map(get).collect(),
                    total: get(total),
                })
                .collect(),
        }
    }
}

/// Builds the tables and their grid.
struct Builder {
    grid: Grid,
    labels: Vec<String>,
    region: bool,
    tables: Vec<Draft>,
}

/// The cells of one column: one per CPTS, then the region's (when there is one).
type ColumnCells = Vec<usize>;

impl Builder {
    /// Published cells for one count per CPTS, and the region's (their sum, declared with
    /// the table: [`Builder::tie`]).
    fn column(&mut self, counts: &[u64]) -> ColumnCells {
        let mut cells: Vec<usize> = counts.iter().map(|&n| self.grid.cell(n, true)).collect();
        if self.region {
            cells.push(self.grid.cell(counts.iter().sum(), true));
        }
        cells
    }

    /// The row labels: the CPTS, then the region.
    fn row_labels(&self) -> Vec<String> {
        let mut labels = self.labels.clone();
        if self.region {
            labels.push(text::REGION.to_string());
        }
        labels
    }

    /// Adds a table of these columns, each row's total in `totals`; the shares are of the row's
    /// total, or of the column's region cell when `of_region` (the « Adhérents » table).
    fn push(
        &mut self,
        id: &'static str,
        columns: Vec<String>,
        cells: &[ColumnCells],
        totals: &ColumnCells,
        of_region: bool,
    ) {
        let labels = self.row_labels();
        let region_total = totals.last().copied().unwrap_or(0);
        let rows = labels
            .into_iter()
            .enumerate()
            .map(|(r, label)| {
                let row: Vec<usize> = cells.iter().filter_map(|c| c.get(r).copied()).collect();
                let total = totals.get(r).copied().unwrap_or(0);
                let whole = if of_region && self.region {
                    region_total
                } else {
                    total
                };
                let wholes = vec![whole; row.len()];
                (label, row, total, wholes)
            })
            .collect();
        self.tables.push(Draft { id, columns, rows });
    }

    /// A table of one dimension: the categories in `order` then « Non renseigné ou non
    /// reconnu », only those counted somewhere (every one of `order` when `keep`); every row
    /// adds up to its total. Returns the columns kept and their cells.
    fn categorical<'m>(
        &mut self,
        id: &'static str,
        members: &'m [Vec<Member>],
        order: impl Iterator<Item = &'m str>,
        totals: &ColumnCells,
        keep: bool,
        category: impl Fn(&'m Member) -> &'m str,
    ) -> (Vec<String>, Vec<ColumnCells>) {
        let mut columns: Vec<&str> = order.collect();
        columns.push(text::NOT_GIVEN);
        let counts: Vec<Vec<u64>> = columns
            .iter()
            .map(|c| {
                members
                    .iter()
                    .map(|m| m.iter().filter(|x| category(x) == *c).count() as u64)
                    .collect()
            })
            .collect();
        let mut kept_columns = Vec::new();
        let mut cells = Vec::new();
        for (c, counts) in columns.iter().zip(&counts) {
            if counts.iter().any(|&n| n > 0) || (keep && *c != text::NOT_GIVEN) {
                kept_columns.push((*c).to_string());
                cells.push(self.column(counts));
            }
        }
        self.tie(&cells, totals);
        self.push(id, kept_columns.clone(), &cells, totals, false);
        (kept_columns, cells)
    }

    /// Declares the table of these columns to the grid: each row's cells add up to its total,
    /// each column's CPTS to the region's cell.
    fn tie(&mut self, cells: &[ColumnCells], totals: &ColumnCells) {
        let rows: Vec<Vec<usize>> = (0..totals.len())
            .map(|r| cells.iter().filter_map(|c| c.get(r).copied()).collect())
            .collect();
        self.grid.table(&rows, totals, self.region);
    }

    /// SPICO users per profession: each profession's users and (never published) non-users
    /// add up to its members; the users add up to the CPTS's users.
    fn per_profession(
        &mut self,
        id: &'static str,
        members: &[Vec<Member>],
        professions: &[String],
        professions_cells: &[ColumnCells],
        users: &ColumnCells,
        pick: impl Fn(&Member) -> &'static str,
    ) {
        let mut cells = Vec::new();
        for (label, whole) in professions.iter().zip(professions_cells) {
            let counts: Vec<u64> = members
                .iter()
                .map(|m| {
                    m.iter()
                        .filter(|x| x.profession == label && pick(x) == text::USERS)
                        .count() as u64
                })
                .collect();
            let column = self.column(&counts);
            for (&user, &all) in column.iter().zip(whole) {
                let others = self.grid.value(all).saturating_sub(self.grid.value(user));
                let hidden = self.grid.cell(others, false);
                self.grid.sum(vec![user, hidden], all);
            }
            cells.push(column);
        }
        self.tie(&cells, users);
        let labels = self.row_labels();
        let rows = labels
            .into_iter()
            .enumerate()
            .map(|(r, label)| {
                let row: Vec<usize> = cells.iter().filter_map(|c| c.get(r).copied()).collect();
                let wholes: Vec<usize> = professions_cells
                    .iter()
                    .filter_map(|c| c.get(r).copied())
                    .collect();
                (label, row, users.get(r).copied().unwrap_or(0), wholes)
            })
            .collect();
        self.tables.push(Draft {
            id,
            columns: professions.to_vec(),
            rows,
        });
    }
}

/// A profession's nomenclature label, or « Non renseigné ou non reconnu ».
fn profession_of(record: &Record, field: usize) -> &'static str {
    profession::find(record.value(field)).map_or(text::NOT_GIVEN, |p| p.label)
}

/// A mode d'exercice, or « Non renseigné ou non reconnu ».
fn mode_of(record: &Record, field: usize) -> &'static str {
    let value = record.value(field);
    mode::MODES
        .into_iter()
        .find(|m| *m == value)
        .unwrap_or(text::NOT_GIVEN)
}

/// « Utilisateurs » for Oui, « Non-utilisateurs » for Non, else « Non renseigné ou non
/// reconnu ».
fn spico_of(record: &Record, field: usize) -> &'static str {
    match record.value(field) {
        "Oui" => text::USERS,
        "Non" => text::NON_USERS,
        _ => text::NOT_GIVEN,
    }
}

/// The department of a 5-digit postal code: its first two digits, 2A or 2B in Corsica (20000
/// to 20199 is Corse-du-Sud), three digits overseas (971…); `None` for anything else.
///
/// ```
/// use annuaire_cpts::ars::department;
/// assert_eq!(department("09100").as_deref(), Some("09"));
/// assert_eq!(department("20090").as_deref(), Some("2A"));
/// assert_eq!(department("20200").as_deref(), Some("2B"));
/// assert_eq!(department("97400").as_deref(), Some("974"));
/// assert_eq!(department("9100"), None);
/// assert_eq!(department("00100"), None);
/// ```
pub fn department(postal: &str) -> Option<String> {
    let code = postal
        .get(..5)
        .filter(|c| c.bytes().all(|b| b.is_ascii_digit()))?;
    let rest = postal.get(5..).unwrap_or_default();
    if !rest.is_empty() && !rest.starts_with(' ') {
        return None;
    }
    let two = code.get(..2)?;
    Some(match two {
        "00" => return None,
        "20" => {
            let corse_du_sud = code.get(2..3).is_some_and(|d| d < "2");
            if corse_du_sud { "2A" } else { "2B" }.to_string()
        }
        "97" | "98" => code.get(..3)?.to_string(),
        _ => two.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Report;
    use proptest::prelude::*;

    /// A member as (profession, mode, postal code, SPICO Dossier, SPICO Discussion).
    type Typed = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    );

    fn outcome(members: &[Typed]) -> Outcome {
        let schema = Schema::default();
        let at = |role| schema.field_with(role).unwrap();
        let records = members
            .iter()
            .zip(2u32..)
            .map(|(m, row)| {
                let mut values: Vec<std::sync::Arc<str>> = vec!["".into(); schema.fields.len()];
                values[at(Role::Profession)] = m.0.into();
                values[at(Role::Mode)] = m.1.into();
                values[at(Role::PostalCode)] = m.2.into();
                values[at(Role::SpicoDossier)] = m.3.into();
                values[at(Role::SpicoDiscussion)] = m.4.into();
                Record {
                    row,
                    values,
                    original: vec![],
                    removed: None,
                }
            })
            .collect();
        Outcome {
            report: Report::default(),
            records,
        }
    }

    fn member() -> impl Strategy<Value = Typed> {
        (
            // Many professions, so that a CPTS's members spread thin over « Professions » and
            // the SPICO users per profession are 1s (the limit of « < 11 » in `mask`).
            prop::sample::select(
                profession::labels()
                    .into_iter()
                    .take(14)
                    .chain(["inconnu"])
                    .collect::<Vec<_>>(),
            ),
            prop::sample::select(vec!["Libéral", "Salarié", ""]),
            prop::sample::select(vec!["31000", "09100", "81000", ""]),
            prop::sample::select(vec!["Oui", "Non", ""]),
            prop::sample::select(vec!["Oui", "Non"]),
        )
    }

    #[test]
    fn departments_and_categories() {
        let o = outcome(&[
            ("Infirmier", "Libéral", "31000", "Oui", "Non"),
            ("x", "y", "2A004", "", ""),
        ]);
        let (found, _) = build(
            &[Source {
                cpts: "A",
                outcome: &o,
            }],
            &Schema::default(),
            false,
        );
        let departments = &found.tables[3];
        assert_eq!(departments.columns, ["31", text::NOT_GIVEN]);
        let professions = &found.tables[1];
        assert_eq!(professions.columns, ["Infirmier", text::NOT_GIVEN]);
        assert_eq!(professions.rows[0].cells, [Shown::Small, Shown::Small]);
        assert_eq!(professions.rows[0].total, Shown::Small);
    }

    /// The e2e tests' CPTS: twelve secretaries and one nurse, all on SPICO Dossier, none on
    /// Discussion. The nurse's counts are protected by the secretaries' (within « Professions »
    /// and SPICO Dossier per profession); her Discussion non-users (unpublished, her profession's
    /// members) are freed by the same cells, not by masking the CPTS's members.
    #[test]
    fn a_cpts_keeps_its_total_when_its_small_counts_have_partners() {
        let mut members = vec![("Infirmier", "Libéral", "31000", "Oui", "Non")];
        members.extend([("Secrétaire", "Libéral", "31000", "Oui", "Non"); 12]);
        let o = outcome(&members);
        let sources = [Source {
            cpts: "A",
            outcome: &o,
        }];
        let (found, grid) = build(&sources, &Schema::default(), false);
        for table in &found.tables {
            let total = table.rows.first().map(|r| r.total);
            let expected = if table.id == "spico_discussion_professions" {
                0
            } else {
                13
            };
            assert_eq!(total, Some(Shown::Count(expected)), "{}", table.id);
        }
        let professions = &found.tables[1];
        assert_eq!(professions.rows[0].cells, [Shown::Small, Shown::Secret]);
        let shown = grid.mask();
        assert!(super::super::mask::tests::recovered(&grid, &shown).is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]

        /// Every table of a random year (CPTS of 0 to 60 members), attacked together: no
        /// protected count comes out of everything published.
        #[test]
        fn no_count_is_recovered_from_a_years_indicators(
            cpts in proptest::collection::vec(proptest::collection::vec(member(), 0..60), 1..4),
            region in any::<bool>(),
        ) {
            let region = region || cpts.len() > 1;
            let outcomes: Vec<Outcome> = cpts.iter().map(|m| outcome(m)).collect();
            let names: Vec<String> = (0..outcomes.len()).map(|i| format!("CPTS {i}")).collect();
            let sources: Vec<Source<'_>> = outcomes.iter().zip(&names).map(|(o, n)| Source { cpts: n, outcome: o }).collect();
            let (_, grid) = build(&sources, &Schema::default(), region);
            let shown = grid.mask();
            let out = super::super::mask::tests::recovered(&grid, &shown);
            prop_assert!(out.is_empty(), "recovered {:?}", out);
        }

        /// The check behind the masking ([`audit`](super::super::audit)) recovers from a year's
        /// tables, masked at random, exactly the cells the tests' solver recovers: across
        /// tables (shared totals, unpublished complements) as within one.
        #[test]
        fn the_audit_recovers_what_a_solver_recovers(
            cpts in proptest::collection::vec(proptest::collection::vec(member(), 0..40), 1..4),
            pattern in proptest::collection::vec(0u8..4, 1..60),
        ) {
            use super::super::audit::{self, tests::{shown_by, solved}};
            let outcomes: Vec<Outcome> = cpts.iter().map(|m| outcome(m)).collect();
            let names: Vec<String> = (0..outcomes.len()).map(|i| format!("CPTS {i}")).collect();
            let sources: Vec<Source<'_>> = outcomes.iter().zip(&names).map(|(o, n)| Source { cpts: n, outcome: o }).collect();
            let (_, grid) = build(&sources, &Schema::default(), true);
            let published: Vec<bool> = grid.mask().iter().map(|s| *s != Shown::Hidden).collect();
            let shown = shown_by(&grid, &pattern, &published);
            prop_assert_eq!(audit::recovered(grid.values(), grid.sums(), &shown, &[]), solved(&grid, &shown));
            prop_assert_eq!(grid.recovered(&shown), solved(&grid, &shown));
        }
    }
}
