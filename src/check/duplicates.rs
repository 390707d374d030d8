//! The same member twice (SPEC §5): the same RPPS/ADELI, or the same Nom + Prénom + Profession
//! (case, accents and spacing ignored). The first row is the member; the second and later rows
//! get `row.duplicate`, naming the first. One pass with hash maps: n rows cost n look-ups, not
//! n² comparisons.

use std::sync::Arc;

use super::plan::Plan;
use super::Record;
use crate::fold::fold;
use crate::hash::FastMap;
use crate::report::{Code, Finding};
use crate::schema::Schema;
use crate::text::check as msg;

/// The kept rows by key, each key with the positions (in the table) of the rows that have it,
/// so that an edited row can leave its keys and the rows that shared them be told again which
/// one is the first.
#[derive(Debug, Default)]
pub(super) struct Duplicates {
    by_identifier: FastMap<String, Positions>,
    by_name: FastMap<String, Positions>,
    /// The identifier's field id, which every identifier duplicate names: one text for all.
    identifier_column: std::cell::OnceCell<Option<Arc<str>>>,
}

/// What a record is matched on: its identifier (without spaces, upper case; empty when none)
/// and its folded Nom + Prénom + Profession (`None` unless both names are given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Keys {
    identifier: String,
    name: Option<String>,
}

impl Keys {
    /// The keys of a kept record.
    pub fn of(plan: &Plan, record: &Record) -> Keys {
        let value = |position: Option<usize>| -> &str { position.map_or("", |p| record.value(p)) };
        let name = name_key(value(plan.nom), value(plan.prenom), value(plan.profession));
        Keys {
            identifier: identifier_key(value(plan.identifier)),
            name,
        }
    }
}

/// The table positions of the rows sharing one key, in increasing order: nearly always one.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Positions {
    One(u32),
    Many(Vec<u32>),
}

impl Positions {
    fn first(&self) -> Option<u32> {
        match self {
            Positions::One(p) => Some(*p),
            Positions::Many(list) => list.first().copied(),
        }
    }

    fn insert(&mut self, position: u32) {
        match self {
            Positions::One(p) if *p == position => {}
            Positions::One(p) => {
                let mut list = vec![*p, position];
                list.sort_unstable();
                *self = Positions::Many(list);
            }
            Positions::Many(list) => {
                if let Err(at) = list.binary_search(&position) {
                    list.insert(at, position);
                }
            }
        }
    }

    /// Removes `position`; `true` when none is left.
    fn remove(&mut self, position: u32) -> bool {
        match self {
            Positions::One(p) => *p == position,
            Positions::Many(list) => {
                if let Ok(at) = list.binary_search(&position) {
                    list.remove(at);
                }
                list.is_empty()
            }
        }
    }

    fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        let (one, many) = match self {
            Positions::One(p) => (Some(*p), &[][..]),
            Positions::Many(list) => (None, list.as_slice()),
        };
        one.into_iter().chain(many.iter().copied())
    }
}

impl Duplicates {
    /// Adds the kept record at table position `position`.
    pub fn insert(&mut self, position: u32, keys: &Keys) {
        if !keys.identifier.is_empty() {
            add(&mut self.by_identifier, &keys.identifier, position);
        }
        if let Some(name) = &keys.name {
            add(&mut self.by_name, name, position);
        }
    }

    /// Takes the record at `position` out (before it is checked again).
    pub fn remove(&mut self, position: u32, keys: &Keys) {
        if !keys.identifier.is_empty() {
            take(&mut self.by_identifier, &keys.identifier, position);
        }
        if let Some(name) = &keys.name {
            take(&mut self.by_name, name, position);
        }
    }

    /// The positions of every kept row that shares a key with `keys`.
    pub fn sharing(&self, keys: &Keys) -> Vec<u32> {
        let mut positions: Vec<u32> = Vec::new();
        if !keys.identifier.is_empty() {
            if let Some(p) = self.by_identifier.get(&keys.identifier) {
                positions.extend(p.iter());
            }
        }
        if let Some(p) = keys.name.as_ref().and_then(|n| self.by_name.get(n)) {
            positions.extend(p.iter());
        }
        positions
    }

    /// The `row.duplicate` finding of the kept record at `position` (with `keys`): when an
    /// earlier kept row has its identifier, or else its name; it names that first row.
    /// `row_of` gives a position's spreadsheet row number.
    pub fn finding(
        &self,
        plan: &Plan,
        schema: &Schema,
        position: u32,
        record: &Record,
        keys: &Keys,
        row_of: impl Fn(u32) -> u32,
    ) -> Option<Finding> {
        let first = |map: &FastMap<String, Positions>, key: &str| {
            map.get(key)
                .and_then(Positions::first)
                .filter(|&first| first < position)
        };
        if !keys.identifier.is_empty() {
            if let Some(first) = first(&self.by_identifier, &keys.identifier) {
                let column = self
                    .identifier_column
                    .get_or_init(|| {
                        plan.identifier
                            .and_then(|p| schema.fields.get(p))
                            .map(|f| Arc::from(f.id.as_str()))
                    })
                    .clone();
                return Some(Finding {
                    column,
                    ..Finding::new(
                        Code::RowDuplicate,
                        msg::duplicate_identifier(&keys.identifier, row_of(first)),
                    )
                    .at_row(record.row)
                    .with_value(keys.identifier.clone())
                });
            }
        }
        let name = keys.name.as_deref()?;
        let first = first(&self.by_name, name)?;
        let value = |position: Option<usize>| -> &str { position.map_or("", |p| record.value(p)) };
        let who = format!("{} {}", value(plan.nom), value(plan.prenom));
        Some(
            Finding::new(Code::RowDuplicate, msg::duplicate_name(&who, row_of(first)))
                .at_row(record.row)
                .with_value(who),
        )
    }
}

fn add(map: &mut FastMap<String, Positions>, key: &str, position: u32) {
    match map.get_mut(key) {
        Some(positions) => positions.insert(position),
        None => {
            map.insert(key.to_string(), Positions::One(position));
        }
    }
}

fn take(map: &mut FastMap<String, Positions>, key: &str, position: u32) {
    if map.get_mut(key).is_some_and(|p| p.remove(position)) {
        map.remove(key);
    }
}

/// The key of a member's name: Nom + Prénom + Profession, each folded ([`fold`]), joined by a
/// separator no folded text holds; `None` when the Nom or the Prénom is empty (such rows are
/// nobody in particular). The year-over-year comparison matches members by the same key.
pub(crate) fn name_key(nom: &str, prenom: &str, profession: &str) -> Option<String> {
    let (nom_key, prenom_key) = (fold(nom), fold(prenom));
    (!nom_key.is_empty() && !prenom_key.is_empty()).then(|| {
        let mut key = nom_key;
        key.push(NAME_KEY_SEPARATOR);
        key.push_str(&prenom_key);
        key.push(NAME_KEY_SEPARATOR);
        key.push_str(&fold(profession));
        key
    })
}

/// Between the parts of a [`name_key`]: a control character, which [`fold`] never keeps.
const NAME_KEY_SEPARATOR: char = '\u{1f}';

/// The identifier without white space, in upper case (« 1000 0000 009 », « 2a1234567 »).
pub(crate) fn identifier_key(value: &str) -> String {
    if value.is_ascii() {
        // Most identifiers: digits, no space, nothing to recase.
        value
            .bytes()
            .filter(|b| !b.is_ascii_whitespace() && *b != 0x0b)
            .map(|b| char::from(b.to_ascii_uppercase()))
            .collect()
    } else {
        identifier_key_general(value)
    }
}

/// [`identifier_key`] for any text: the reference the ASCII path agrees with.
fn identifier_key_general(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::plan::schema_columns;
    use crate::table::Table;

    fn plan(schema: &Schema) -> Plan {
        let table = Table {
            columns: schema_columns(schema),
            ..Table::default()
        };
        Plan::new(&table, schema)
    }

    fn record(row: u32, nom: &str, prenom: &str, profession: &str, id: &str) -> Record {
        let mut values: Vec<Arc<str>> = vec!["".into(); 17];
        values[0] = nom.into();
        values[1] = prenom.into();
        values[2] = profession.into();
        values[4] = id.into();
        Record {
            row,
            original: Vec::new(),
            values,
            removed: None,
        }
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_identifier_key_is_the_general_one(value in "[\\x00-\\x7f]{0,20}") {
            proptest::prop_assert_eq!(identifier_key(&value), identifier_key_general(&value));
        }
    }

    #[test]
    fn same_identifier_or_same_person() {
        let schema = Schema::default();
        let plan = plan(&schema);
        let mut seen = Duplicates::default();
        let rows = [
            record(2, "MARTIN", "Luc", "Infirmier", "10000000009"),
            record(3, "DURAND", "Anne", "Médecin", "10999999997"),
            // Same RPPS as row 2, other name.
            record(4, "MARTINE", "Lucie", "Infirmier", "10000000009"),
            // Same person as row 3, accents and case aside, no identifier.
            record(5, "Durand", "ANNE", "Médecin", ""),
            // Same name, other profession: another person.
            record(6, "DURAND", "Anne", "Sage-femme", ""),
            // Third occurrence still names the first row.
            record(7, "MARTIN", "Luc", "Infirmier", "10000000009"),
            // Empty names never collide.
            record(8, "", "", "Infirmier", ""),
            record(9, "", "", "Infirmier", ""),
        ];
        let findings: Vec<Option<Finding>> = (0u32..)
            .zip(&rows)
            .map(|(p, r)| {
                let keys = Keys::of(&plan, r);
                seen.insert(p, &keys);
                seen.finding(&plan, &schema, p, r, &keys, |p| p + 2)
            })
            .collect();
        let summary: Vec<Option<(u32, Option<&str>, bool)>> = findings
            .iter()
            .map(|f| {
                f.as_ref().map(|f| {
                    (
                        f.row.unwrap_or(0),
                        f.column.as_deref(),
                        f.message.contains(" 2") || f.message.contains(" 3"),
                    )
                })
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                None,
                None,
                Some((4, Some("identifiant"), true)),
                Some((5, None, true)),
                None,
                Some((7, Some("identifiant"), true)),
                None,
                None,
            ]
        );
        for f in findings.iter().flatten() {
            assert_eq!(f.code, Code::RowDuplicate);
        }
        assert_eq!(
            findings[2].as_ref().map(|f| f.message.to_string()),
            Some(msg::duplicate_identifier("10000000009", 2))
        );
        assert_eq!(
            findings[3].as_ref().map(|f| f.message.to_string()),
            Some(msg::duplicate_name("Durand ANNE", 3))
        );
    }
}
