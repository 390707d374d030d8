//! Where each schema field sits in the source table, and which fields play the roles the row
//! checks need (the profession for `identifier.missing`, the postal code for the commune…), as
//! the schema declares them ([`Role`]), never from their ids. Computed once per check, so that
//! rows are checked without searching the columns again.

use crate::schema::{Kind, Required, Role, Schema};
use crate::table::Table;

/// A source column that is not a schema field's: an unknown column, the second of two columns
/// matched to the same field, or a column whose header cell is empty.
#[derive(Clone, Debug)]
pub(super) struct Extra {
    /// 0-based source position.
    pub index: usize,
    /// The header as written (`None` for a column without header).
    pub header: Option<String>,
    /// Whether it is listed in [`Table::columns`] without a field (unknown or duplicate).
    pub unmapped: bool,
}

/// The schema's own columns, in schema order, as a reader would match them: the table most
/// unit tests of the check start from.
#[cfg(test)]
pub(super) fn schema_columns(schema: &Schema) -> Vec<crate::table::Column> {
    schema
        .fields
        .iter()
        .enumerate()
        .map(|(index, f)| crate::table::Column {
            index,
            header: f.title.clone(),
            field: Some(f.id.clone()),
        })
        .collect()
}

/// The roles of fields that name places (see [`Plan::places`]).
const PLACE_ROLES: [Role; 2] = [Role::Address, Role::Structure];

/// The schema laid over one table.
#[derive(Clone, Debug)]
pub(super) struct Plan {
    /// For each schema field (schema order): its source column.
    pub sources: Vec<Option<usize>>,
    /// The source columns outside the schema, in source order.
    pub extras: Vec<Extra>,
    /// Schema positions of the fields with a role ([`Schema::field_with`]).
    pub nom: Option<usize>,
    pub prenom: Option<usize>,
    pub profession: Option<usize>,
    pub identifier: Option<usize>,
    pub postal: Option<usize>,
    pub commune: Option<usize>,
    pub phone: Option<usize>,
    pub email: Option<usize>,
    pub mssante: Option<usize>,
    pub specialty: Option<usize>,
    /// `None`: no member's objection can be known (`schema.no_opposition`).
    pub opposition: Option<usize>,
    /// Schema positions of the `Required::Contact` fields.
    pub contacts: Vec<usize>,
    /// Source columns of the Oui/Non fields: a « Non » there is what a drop-down dragged down
    /// an empty row leaves, not a member.
    pub yes_no_sources: Vec<usize>,
    /// Schema positions of the free-text fields (by their rule), scanned for health terms.
    pub free_text: Vec<usize>,
    /// Those of them that name places (address, structure), where « traitement » or
    /// « handicap » are ordinary words of a name (« Maison départementale du handicap »).
    pub places: Vec<usize>,
}

impl Plan {
    /// Lays `schema` over `table`.
    pub fn new(table: &Table, schema: &Schema) -> Plan {
        let sources: Vec<Option<usize>> = schema
            .fields
            .iter()
            .map(|f| table.index_of(&f.id))
            .collect();
        let mut extras: Vec<Extra> = table
            .columns
            .iter()
            .filter(|c| !sources.contains(&Some(c.index)))
            .map(|c| Extra {
                index: c.index,
                header: Some(c.header.clone()),
                unmapped: c.field.as_ref().is_none_or(|id| schema.field(id).is_none()),
            })
            .collect();
        // Cells under an empty header are still scanned for NIRs: they may hold anything.
        let widest = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        for index in 0..widest {
            let known = sources.contains(&Some(index)) || extras.iter().any(|e| e.index == index);
            if !known {
                extras.push(Extra {
                    index,
                    header: None,
                    unmapped: false,
                });
            }
        }
        extras.sort_by_key(|e| e.index);
        Plan {
            nom: schema.field_with(Role::Nom),
            prenom: schema.field_with(Role::Prenom),
            profession: schema.field_with(Role::Profession),
            identifier: schema.field_with(Role::Identifier),
            postal: schema.field_with(Role::PostalCode),
            commune: schema.field_with(Role::Commune),
            phone: schema.field_with(Role::Phone),
            email: schema.field_with(Role::Email),
            mssante: schema.field_with(Role::Mssante),
            specialty: schema.field_with(Role::Specialty),
            opposition: schema.field_with(Role::Opposition),
            contacts: schema
                .fields
                .iter()
                .enumerate()
                .filter(|(_, f)| f.required == Required::Contact)
                .map(|(i, _)| i)
                .collect(),
            yes_no_sources: schema
                .fields
                .iter()
                .zip(&sources)
                .filter(|(f, _)| f.kind == Kind::YesNo)
                .filter_map(|(_, s)| *s)
                .collect(),
            free_text: schema
                .fields
                .iter()
                .enumerate()
                .filter(|(_, f)| f.kind == Kind::Text)
                .map(|(i, _)| i)
                .collect(),
            places: PLACE_ROLES
                .into_iter()
                .filter_map(|role| schema.field_with(role))
                .collect(),
            sources,
            extras,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{Cell, Column, Row};

    #[test]
    fn lays_the_schema_over_the_columns() {
        let column = |index, header: &str, field: Option<&str>| Column {
            index,
            header: header.into(),
            field: field.map(String::from),
        };
        let table = Table {
            columns: vec![
                column(0, "Prénom", Some("prenom")),
                column(1, "Date de naissance", None),
                column(2, "NOM", Some("nom")),
                column(4, "Nom bis", None),
                column(5, "Ancien champ", Some("not_in_schema")),
            ],
            rows: vec![Row {
                number: 2,
                cells: vec![Cell::default(); 7],
            }],
            ..Table::default()
        };
        let plan = Plan::new(&table, &Schema::default());
        assert_eq!(plan.sources[0], Some(2));
        assert_eq!(plan.sources[1], Some(0));
        assert_eq!(plan.sources[2], None);
        assert_eq!(
            (plan.nom, plan.prenom, plan.opposition),
            (Some(0), Some(1), Some(16))
        );
        assert_eq!(plan.contacts, vec![10, 11]);
        let extras: Vec<(usize, Option<&str>, bool)> = plan
            .extras
            .iter()
            .map(|e| (e.index, e.header.as_deref(), e.unmapped))
            .collect();
        assert_eq!(
            extras,
            vec![
                (1, Some("Date de naissance"), true),
                (3, None, false),
                (4, Some("Nom bis"), true),
                (5, Some("Ancien champ"), true),
                (6, None, false),
            ]
        );
    }
}
