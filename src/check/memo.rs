//! What a rule made of a value, remembered for the rest of the check: a directory repeats the
//! same professions, modes, Oui/Non, structures, communes and postal codes thousands of times,
//! and every rule is a pure function of the cell (its text and how it was stored), of the other
//! value it depends on (the postal code for the commune, the commune for the postal code) and
//! of the check's context, which does not change during a check.
//!
//! A field whose values do not repeat (names, phones, e-mails, identifiers) would only fill the
//! memo: each field is watched over its first [`PROBE`] lookups and dropped when fewer than one
//! in [`MIN_HIT_RATE`] was a hit. A field keeps at most [`MAX_ENTRIES`] values.

use std::sync::Arc;

use crate::hash::{hash_one, FastMap};
use crate::report::Code;
use crate::rules::{Checked, Issue};
use crate::table::{Cell, CellKind};

/// Lookups after which a field's hit rate decides whether it stays memoised.
const PROBE: u32 = 512;
/// A field stays memoised when at least one lookup in this many was a hit.
const MIN_HIT_RATE: u32 = 4;
/// Values remembered per field, so that the memo's memory stays bounded whatever the file.
const MAX_ENTRIES: usize = 4_096;

/// A rule's result with its texts shared: what the memo keeps and hands out, so that a value
/// seen a thousand times costs its texts once and each later use a few reference counts.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Shared {
    /// The value to write.
    pub value: Arc<str>,
    /// What the rule found.
    pub issues: Arc<[SharedIssue]>,
}

/// A rule's [`Issue`], its texts shared.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct SharedIssue {
    pub code: Code,
    pub fixed: Option<Arc<str>>,
    pub message: Arc<str>,
}

impl Shared {
    /// `checked`, its texts shared; a value written as typed is the cell's own text (most
    /// values: no copy).
    pub fn of(checked: Checked, cell: &Cell) -> Shared {
        let value = if *checked.value == *cell.text {
            Arc::clone(&cell.text)
        } else {
            checked.value.into()
        };
        let issues = if checked.issues.is_empty() {
            Arc::default()
        } else {
            checked.issues.into_iter().map(SharedIssue::from).collect()
        };
        Shared { value, issues }
    }
}

impl From<Issue> for SharedIssue {
    fn from(issue: Issue) -> SharedIssue {
        SharedIssue {
            code: issue.code,
            fixed: issue.fixed.map(Into::into),
            message: issue.message.into(),
        }
    }
}

/// The memo of one check: one table per schema field.
#[derive(Debug, Default)]
pub(super) struct Memo {
    fields: Vec<FieldMemo>,
    /// Off: every lookup misses (the reference the tests compare with).
    disabled: bool,
}

#[derive(Debug, Default)]
struct FieldMemo {
    /// By the hash of the key; a second key with the same hash is simply not remembered.
    entries: FastMap<u64, Entry>,
    lookups: u32,
    hits: u32,
    dropped: bool,
}

#[derive(Debug)]
struct Entry {
    kind: CellKind,
    text: Arc<str>,
    other: String,
    checked: Shared,
}

impl Memo {
    /// A memo for a schema of `fields` fields.
    pub fn new(fields: usize) -> Memo {
        Memo {
            fields: (0..fields).map(|_| FieldMemo::default()).collect(),
            disabled: false,
        }
    }

    /// A memo that never remembers anything.
    #[cfg(test)]
    pub fn disabled() -> Memo {
        Memo {
            fields: Vec::new(),
            disabled: true,
        }
    }

    /// What the rule makes of `cell` in field `field` with `other` (the value the rule also
    /// depends on, empty when none): remembered, or computed by `rule` and remembered.
    pub fn get_or(
        &mut self,
        field: usize,
        cell: &Cell,
        other: &str,
        rule: impl FnOnce() -> Checked,
    ) -> Shared {
        let rule = || Shared::of(rule(), cell);
        if self.disabled {
            return rule();
        }
        let Some(memo) = self.fields.get_mut(field) else {
            return rule();
        };
        if memo.dropped {
            return rule();
        }
        let hash = key_hash(cell.kind, &cell.text, other);
        memo.lookups = memo.lookups.saturating_add(1);
        if let Some(entry) = memo.entries.get(&hash) {
            if entry.kind == cell.kind && *entry.text == *cell.text && entry.other == other {
                memo.hits = memo.hits.saturating_add(1);
                return entry.checked.clone();
            }
            return rule();
        }
        let checked = rule();
        if memo.lookups >= PROBE && memo.hits.saturating_mul(MIN_HIT_RATE) < memo.lookups {
            // Values that do not repeat: remembering them costs more than it saves.
            memo.dropped = true;
            memo.entries = FastMap::default();
        } else if memo.entries.len() < MAX_ENTRIES {
            memo.entries.insert(
                hash,
                Entry {
                    kind: cell.kind,
                    text: cell.text.clone(),
                    other: other.to_string(),
                    checked: checked.clone(),
                },
            );
        }
        checked
    }
}

/// Small facts about values (their health term, the spécialité a profession implies), remembered
/// by value; at most [`MAX_ENTRIES`] values, so that the memory stays bounded whatever the file.
#[derive(Debug)]
pub(super) struct Known<V> {
    values: FastMap<String, V>,
}

impl<V> Default for Known<V> {
    fn default() -> Self {
        Known {
            values: FastMap::default(),
        }
    }
}

impl<V: Copy> Known<V> {
    /// What `compute` says of `value`, remembered.
    pub fn get_or(&mut self, value: &str, compute: impl FnOnce() -> V) -> V {
        if let Some(known) = self.values.get(value) {
            return *known;
        }
        let computed = compute();
        if self.values.len() < MAX_ENTRIES {
            self.values.insert(value.to_string(), computed);
        }
        computed
    }
}

/// The key of a rule result, hashed ([`crate::hash`]); a collision is a miss, never a wrong
/// result: the entry's own key is compared before it is used.
fn key_hash(kind: CellKind, text: &str, other: &str) -> u64 {
    hash_one((kind as u8, text, other))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Code;
    use crate::rules::Issue;

    fn checked(value: &str) -> Checked {
        Checked::with(value, Issue::new(Code::ValueFixed, value))
    }

    #[test]
    fn a_remembered_value_is_the_rules_own() {
        let mut memo = Memo::new(2);
        let cell = Cell::text("lib");
        let first = memo.get_or(0, &cell, "", || checked("Libéral"));
        let again = memo.get_or(0, &cell, "", || panic!("computed twice"));
        assert_eq!(first, again);
        // Another field, another cell kind or another other value: computed.
        assert_eq!(
            memo.get_or(1, &cell, "", || checked("x")).value.as_ref(),
            "x"
        );
        let number = Cell::number("1");
        let text = Cell::text("1");
        assert_eq!(
            memo.get_or(0, &number, "", || checked("n")).value.as_ref(),
            "n"
        );
        assert_eq!(
            memo.get_or(0, &text, "", || checked("t")).value.as_ref(),
            "t"
        );
        assert_eq!(
            memo.get_or(0, &text, "31000", || checked("o"))
                .value
                .as_ref(),
            "o"
        );
        assert_eq!(
            memo.get_or(0, &text, "", || panic!("computed twice"))
                .value
                .as_ref(),
            "t"
        );
        // A field beyond the schema is never remembered.
        assert_eq!(
            memo.get_or(9, &cell, "", || checked("y")).value.as_ref(),
            "y"
        );
        assert_eq!(
            memo.get_or(9, &cell, "", || checked("z")).value.as_ref(),
            "z"
        );
    }

    #[test]
    fn values_that_never_repeat_are_not_kept() {
        let mut memo = Memo::new(1);
        for i in 0..PROBE * 2 {
            let cell = Cell::text(format!("DURAND {i}"));
            memo.get_or(0, &cell, "", || checked("v"));
        }
        let field = &memo.fields[0];
        assert!(field.dropped);
        assert!(field.entries.is_empty());
    }

    #[test]
    fn the_memo_stays_bounded() {
        let mut memo = Memo::new(1);
        for i in 0..MAX_ENTRIES + 100 {
            let cell = Cell::text(format!("{i}"));
            // Each value twice: a hit rate of one half keeps the field memoised.
            for _ in 0..2 {
                let value = memo.get_or(0, &cell, "", || checked(&format!("v{i}")));
                assert_eq!(value.value.as_ref(), format!("v{i}"));
            }
        }
        assert!(!memo.fields[0].dropped);
        assert_eq!(memo.fields[0].entries.len(), MAX_ENTRIES);
    }

    #[test]
    fn known_values_are_computed_once_and_bounded() {
        let mut known: Known<usize> = Known::default();
        assert_eq!(known.get_or("a", || 1), 1);
        assert_eq!(known.get_or("a", || panic!("computed twice")), 1);
        for i in 0..MAX_ENTRIES + 10 {
            let value = format!("v{i}");
            assert_eq!(known.get_or(&value, || i), i);
        }
        assert_eq!(known.values.len(), MAX_ENTRIES);
        // Past the bound, still right.
        let last = format!("v{}", MAX_ENTRIES + 9);
        assert_eq!(known.get_or(&last, || 7), 7);
    }

    #[test]
    fn parts_of_the_key_do_not_run_together() {
        let a = key_hash(CellKind::Text, "ab", "c");
        let b = key_hash(CellKind::Text, "a", "bc");
        let c = key_hash(CellKind::Number, "ab", "c");
        assert!(a != b && a != c);
    }

    /// Values of each schema field (schema order) that repeat, with tricky ones among them.
    const POOLS: [&[&str]; 17] = [
        &["Durand", "DURAND", "d'Artagnan", "Lefèvre"],
        &["marie", "Jean-pierre", "ANNE", "Éloïse"],
        &[
            "IDE",
            "Infirmier",
            "kiné",
            "ortho",
            "Médecin généraliste",
            "Kinésithérapeuthe",
            "x",
        ],
        &["", "Médecine générale", "pédiatrie"],
        &["10000000009", "10999999997", "019112341", "123", "#N/A"],
        &["Libéral", "lib", "libéral et salarié", "retraité", ""],
        &[
            "MSP des Coteaux",
            "  MSP\u{a0}du Lac ",
            "Patient en ALD",
            "",
        ],
        &["12 rue des Lilas", "2 99 12 31 555 555 91", ""],
        &[
            "31000",
            "9100",
            "09100",
            "31035",
            "31000 CEDEX",
            "310000",
            "46000",
            "",
        ],
        &[
            "Toulouse",
            "ST JEAN DU FALGA",
            "Foix",
            "Toulouse Cedex 9",
            "Cahors",
            "",
            "albi",
        ],
        &[
            "0561123456",
            "561123456",
            "+33 5 61 12 34 56",
            "0000000000",
            "",
        ],
        &["jp@gmial.com", "x@medecin.mssante.fr", "mailto:A@B.FR", ""],
        &["", "y@pharmacien.mssante.fr", "faux@"],
        &["Oui", "oui", "x", "peut-être", "1", ""],
        &["Non", "N", "0", "VRAI", ""],
        &[
            "01/02/2020",
            "2020-02-01",
            "45000",
            "31/02/2020",
            "01/01/2030",
            "",
        ],
        &["Non", "", "", "", "", "", "", "", "", "", "", "", "Oui"],
    ];

    const KINDS: [CellKind; 3] = [CellKind::Text, CellKind::Number, CellKind::Untyped];

    /// A table of the default schema whose cells are picked from [`POOLS`] by `picks`.
    fn table(picks: &[(usize, usize)], width: usize) -> crate::table::Table {
        use crate::table::{Row, Table};
        let schema = crate::schema::Schema::default();
        let rows = picks
            .chunks(width)
            .enumerate()
            .map(|(r, chunk)| Row {
                number: u32::try_from(r).unwrap() + 2,
                cells: chunk
                    .iter()
                    .enumerate()
                    .map(|(f, (value, kind))| {
                        let pool = POOLS[f % POOLS.len()];
                        let text = pool[value % pool.len()];
                        if text == "#N/A" {
                            Cell::new(text, CellKind::Error)
                        } else {
                            Cell::new(text, KINDS[kind % KINDS.len()])
                        }
                    })
                    .collect(),
            })
            .collect();
        Table {
            sheet: "Annuaire".into(),
            columns: crate::check::plan::schema_columns(&schema),
            header_row: 1,
            rows,
            ..Table::default()
        }
    }

    fn same_outcome_with_and_without_memo(table: &crate::table::Table) {
        use crate::check::{check_with, CellRef, CheckOptions};
        use crate::schema::Schema;
        use crate::table::Ymd;
        let schema = Schema::default();
        let options = CheckOptions {
            today: Ymd {
                year: 2026,
                month: 3,
                day: 1,
            },
            cpts: None,
            year: None,
            refused_fixes: vec![CellRef {
                row: 3,
                column: "code_postal".into(),
            }],
        };
        let fast = check_with(
            "a.xlsx",
            table,
            &[],
            &schema,
            &options,
            Memo::new(schema.fields.len()),
        );
        let slow = check_with("a.xlsx", table, &[], &schema, &options, Memo::disabled());
        assert_eq!(fast, slow);
    }

    proptest::proptest! {
        #[test]
        fn the_memo_changes_nothing_in_the_outcome(
            picks in proptest::collection::vec((0usize..16, 0usize..6), 17..(17 * 40))
        ) {
            same_outcome_with_and_without_memo(&table(&picks, 17));
        }
    }

    #[test]
    fn the_memo_changes_nothing_past_its_probe() {
        // Enough rows for every field to be judged on its hit rate (some dropped, some kept).
        let picks: Vec<(usize, usize)> = (0..17 * 1_200)
            .map(|i| ((i * 7 + i / 17) % 13, (i / 3) % 5))
            .collect();
        same_outcome_with_and_without_memo(&table(&picks, 17));
    }

    #[test]
    fn a_disabled_memo_always_computes() {
        let mut memo = Memo::disabled();
        let cell = Cell::text("Oui");
        assert_eq!(
            memo.get_or(0, &cell, "", || checked("a")).value.as_ref(),
            "a"
        );
        assert_eq!(
            memo.get_or(0, &cell, "", || checked("b")).value.as_ref(),
            "b"
        );
    }
}
