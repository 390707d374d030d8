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

/// The rows seen so far, by key.
#[derive(Debug, Default)]
pub(super) struct Duplicates {
    by_identifier: FastMap<String, u32>,
    by_name: FastMap<String, u32>,
    /// The identifier's field id, which every identifier duplicate names: one text for all.
    identifier_column: std::cell::OnceCell<Option<Arc<str>>>,
}

impl Duplicates {
    /// Remembers a kept record; a `row.duplicate` finding when an earlier row is the same member.
    pub fn check(&mut self, plan: &Plan, schema: &Schema, record: &Record) -> Option<Finding> {
        let value = |position: Option<usize>| -> &str { position.map_or("", |p| record.value(p)) };
        let identifier = identifier_key(value(plan.identifier));
        let (nom, prenom) = (value(plan.nom), value(plan.prenom));
        let name_key = name_key(nom, prenom, value(plan.profession));

        let mut finding = None;
        if !identifier.is_empty() {
            let first = match self.by_identifier.get(&identifier) {
                Some(first) => *first,
                None => {
                    self.by_identifier.insert(identifier.clone(), record.row);
                    record.row
                }
            };
            if first != record.row {
                let column = self
                    .identifier_column
                    .get_or_init(|| {
                        plan.identifier
                            .and_then(|p| schema.fields.get(p))
                            .map(|f| Arc::from(f.id.as_str()))
                    })
                    .clone();
                finding = Some(Finding {
                    column,
                    ..Finding::new(
                        Code::RowDuplicate,
                        msg::duplicate_identifier(&identifier, first),
                    )
                    .at_row(record.row)
                    .with_value(identifier.clone())
                });
            }
        }
        if let Some(key) = name_key {
            let first = *self.by_name.entry(key).or_insert(record.row);
            if first != record.row && finding.is_none() {
                let who = format!("{nom} {prenom}");
                finding = Some(
                    Finding::new(Code::RowDuplicate, msg::duplicate_name(&who, first))
                        .at_row(record.row)
                        .with_value(who),
                );
            }
        }
        finding
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
        let findings: Vec<Option<Finding>> =
            rows.iter().map(|r| seen.check(&plan, &schema, r)).collect();
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
