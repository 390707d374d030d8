//! The schema as a Table Schema JSON file (<https://specs.frictionlessdata.io/table-schema/>)
//! with keys of our own (`x-…`): what the ARS edits to replace the default schema, and what
//! `annuaire-cpts schema` prints. Read with serde; a value that does not fit is reported in
//! French with its key and its column.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Field, Kind, Required, Role, Schema};
use crate::error::Error;
use crate::text::schema as msg;

/// Width of a field whose JSON gives none, in characters.
const DEFAULT_WIDTH: f64 = 16.0;
/// Excel's widest column, in characters.
const MAX_WIDTH: f64 = 255.0;
/// Characters of a faulty value quoted in an error.
const QUOTED: usize = 60;

/// Our keys on a field: any other `x-…` key is a typo, refused.
const FIELD_KEYS: [&str; 5] = ["x-role", "x-rule", "x-required", "x-synonyms", "x-width"];

/// The top level of the file. Reading, `F` is kept as JSON, so that each field is decoded on its
/// own and named in its errors; writing, it is a [`FieldFile`].
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct SchemaFile<F> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    fields: Option<Vec<F>>,
    /// Other Table Schema keys (`primaryKey`, `missingValues`…): accepted, unused.
    #[serde(flatten)]
    other: BTreeMap<String, Value>,
}

/// One field as the file spells it. Every key is optional here, so that one key alone can be
/// decoded to find the one at fault; what is mandatory is checked after.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct FieldFile {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    value_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    constraints: Option<Constraints>,
    #[serde(rename = "x-role", skip_serializing_if = "Option::is_none")]
    role: Option<Role>,
    #[serde(rename = "x-rule", skip_serializing_if = "Option::is_none")]
    rule: Option<Kind>,
    #[serde(rename = "x-required", skip_serializing_if = "Option::is_none")]
    required: Option<Required>,
    #[serde(rename = "x-synonyms", skip_serializing_if = "Option::is_none")]
    synonyms: Option<Vec<String>>,
    #[serde(rename = "x-width", skip_serializing_if = "Option::is_none")]
    width: Option<f64>,
    /// Other keys: Table Schema's own (`description`, `format`…) are accepted and unused.
    #[serde(flatten)]
    other: BTreeMap<String, Value>,
}

/// A field's Table Schema `constraints`: only `required` is read.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct Constraints {
    #[serde(skip_serializing_if = "Option::is_none")]
    required: Option<bool>,
    #[serde(flatten)]
    other: BTreeMap<String, Value>,
}

impl Schema {
    /// Reads a Table Schema JSON (<https://specs.frictionlessdata.io/table-schema/>) with our
    /// keys for roles, rules and synonyms, replacing the default schema. `annuaire-cpts schema`
    /// prints the default in this form, as a starting point.
    ///
    /// The keys, at the top level:
    ///
    /// | key | what | example |
    /// |---|---|---|
    /// | `name` (or `title`) | the schema's name | `"name": "modèle ARS Occitanie"` |
    /// | `fields` | the columns, in the corrected file's order; mandatory, not empty | `"fields": [{"name": "nom"}]` |
    ///
    /// and on each field (only `name` is mandatory):
    ///
    /// | key | what | example |
    /// |---|---|---|
    /// | `name` | the id the reports use; unique; nothing is inferred from it | `"name": "telephone"` |
    /// | `title` | the header written in the corrected file, recognised on input (default: `name`) | `"title": "Téléphone"` |
    /// | `type` | Table Schema's type: `"date"` or `"boolean"` give the rule when neither `x-rule` nor `x-role` does | `"type": "date"` |
    /// | `constraints.required` | `true`: the value is required (`"yes"`) | `"constraints": {"required": true}` |
    /// | `x-role` | the member's data it holds, one field per role at most ([`Role`]: `nom`, `prenom`, `profession`, `specialty`, `identifier`, `mode`, `structure`, `address`, `postal_code`, `commune`, `phone`, `email`, `mssante`, `spico_dossier`, `spico_discussion`, `membership_date`, `opposition`); without `opposition`, no objection can be honoured and every report says so | `"x-role": "opposition"` |
    /// | `x-rule` | the rule of its values ([`Kind`]: `nom`, `prenom`, `profession`, `text`, `identifier`, `mode`, `postal_code`, `commune`, `phone`, `email`, `mssante`, `yes_no`, `date`); default: the role's ([`Role::default_kind`]), else from `type`, else `text` | `"x-rule": "phone"` |
    /// | `x-required` | `"yes"`, `"no"`, `"contact"` (one of the contact fields per row), `"health_profession"`; overrides `constraints.required` | `"x-required": "contact"` |
    /// | `x-synonyms` | other header spellings recognised on input | `"x-synonyms": ["portable", "mobile"]` |
    /// | `x-width` | the column's width in characters, 0 to 255 (default 16) | `"x-width": 16` |
    ///
    /// Other Table Schema keys (`description`, `format`, `primaryKey`…) are accepted and unused;
    /// an unknown `x-…` key is refused (a typo would silently lose a role).
    ///
    /// ```
    /// use annuaire_cpts::{Kind, Required, Role, Schema};
    /// let json = r#"{"name": "test", "fields": [
    ///   {"name": "nom", "title": "Nom", "constraints": {"required": true}, "x-role": "nom"},
    ///   {"name": "tel", "x-rule": "phone", "x-required": "contact", "x-synonyms": ["portable"],
    ///    "x-width": 14},
    ///   {"name": "refus_transmission", "title": "Refus", "x-role": "opposition"},
    ///   {"name": "arrivee", "type": "date", "description": "date d'arrivée"}
    /// ]}"#;
    /// let schema = Schema::from_json(json).unwrap();
    /// assert_eq!(schema.fields[0].required, Required::Yes);
    /// assert_eq!(schema.fields[0].kind, Kind::Nom); // the role's rule
    /// assert_eq!(schema.fields[1].kind, Kind::Phone);
    /// assert_eq!(schema.fields[1].title, "tel");
    /// assert_eq!(schema.field_with(Role::Opposition), Some(2));
    /// assert_eq!(schema.fields[2].kind, Kind::YesNo);
    /// assert_eq!(schema.fields[3].kind, Kind::Date);
    /// assert_eq!(Schema::from_json(&schema.to_json()).unwrap(), schema);
    ///
    /// let typo = r#"{"fields": [{"name": "tel", "x-rule": "telephone"}]}"#;
    /// let message = Schema::from_json(typo).unwrap_err().to_string();
    /// assert!(message.contains("« x-rule » de la colonne « tel »"), "{message}");
    /// ```
    ///
    /// # Errors
    /// [`Error::Schema`] when the JSON is not a usable schema: its French detail names the key
    /// and the field at fault (or the two fields given one role).
    pub fn from_json(json: &str) -> Result<Schema, Error> {
        let root: Value = serde_json::from_str(json)
            .map_err(|e| schema_error(msg::not_json(e.line(), e.column())))?;
        let Value::Object(root) = root else {
            return Err(schema_error(msg::NOT_OBJECT.into()));
        };
        let file: SchemaFile<Value> = decode(&root, None)?;
        let fields = file
            .fields
            .filter(|f| !f.is_empty())
            .ok_or_else(|| schema_error(msg::NO_FIELD.into()))?;
        let mut out: Vec<Field> = Vec::with_capacity(fields.len());
        for (position, value) in (1..).zip(&fields) {
            let Value::Object(object) = value else {
                return Err(schema_error(msg::field_not_object(position)));
            };
            let name = object
                .get("name")
                .and_then(Value::as_str)
                .filter(|n| !n.trim().is_empty());
            let label = msg::field_label(name, position);
            let field = decode::<FieldFile>(object, Some(&label))?.into_field(position, &label)?;
            if out.iter().any(|g| g.id == field.id) {
                return Err(schema_error(msg::field_twice(&field.id)));
            }
            out.push(field);
        }
        check_roles(&out)?;
        Ok(Schema {
            name: file
                .name
                .or(file.title)
                .unwrap_or_else(|| msg::DEFAULT_NAME.to_string()),
            fields: out,
        })
    }

    /// The schema as Table Schema JSON, roles included: the file the ARS edits (the inverse of
    /// [`Schema::from_json`]).
    ///
    /// ```
    /// use annuaire_cpts::Schema;
    /// let json = Schema::default().to_json();
    /// assert!(json.contains(r#""x-role": "opposition""#));
    /// assert_eq!(Schema::from_json(&json).unwrap(), Schema::default());
    /// ```
    pub fn to_json(&self) -> String {
        let file = SchemaFile {
            name: Some(self.name.clone()),
            title: None,
            fields: Some(self.fields.iter().map(FieldFile::of).collect()),
            other: BTreeMap::new(),
        };
        serde_json::to_string_pretty(&file).unwrap_or_default()
    }
}

impl FieldFile {
    /// A field as the file writes it: every key spelled out.
    fn of(f: &Field) -> FieldFile {
        FieldFile {
            name: Some(f.id.clone()),
            title: Some(f.title.clone()),
            value_type: Some(
                if f.kind == Kind::Date {
                    "date"
                } else {
                    "string"
                }
                .into(),
            ),
            constraints: Some(Constraints {
                required: Some(f.required == Required::Yes),
                other: BTreeMap::new(),
            }),
            role: f.role,
            rule: Some(f.kind),
            required: Some(f.required),
            synonyms: Some(f.synonyms.clone()),
            width: Some(f.width),
            other: BTreeMap::new(),
        }
    }

    /// The field, once what the types cannot say is checked: a name, no unknown key of ours, a
    /// usable width. `label` names it in errors.
    fn into_field(self, position: usize, label: &str) -> Result<Field, Error> {
        let id = self
            .name
            .filter(|n| !n.trim().is_empty())
            .ok_or_else(|| schema_error(msg::field_no_name(position)))?;
        if let Some(key) = self.other.keys().find(|k| k.starts_with("x-")) {
            return Err(schema_error(msg::unknown_key(
                Some(label),
                key,
                &FIELD_KEYS,
            )));
        }
        let width = match self.width {
            None => DEFAULT_WIDTH,
            Some(w) if w > 0.0 && w <= MAX_WIDTH => w,
            Some(w) => {
                let value = Value::from(w).to_string();
                return Err(schema_error(msg::bad_value(
                    Some(label),
                    "x-width",
                    &value,
                    msg::EXPECT_WIDTH,
                )));
            }
        };
        let kind = self.rule.or(self.role.map(Role::default_kind)).unwrap_or(
            match self.value_type.as_deref() {
                Some("date") => Kind::Date,
                Some("boolean") => Kind::YesNo,
                _ => Kind::Text,
            },
        );
        let required = self.required.unwrap_or({
            match self.constraints.and_then(|c| c.required) {
                Some(true) => Required::Yes,
                _ => Required::No,
            }
        });
        Ok(Field {
            title: self.title.unwrap_or_else(|| id.clone()),
            id,
            required,
            kind,
            role: self.role,
            synonyms: self.synonyms.unwrap_or_default(),
            width,
        })
    }
}

/// One field per role at most.
fn check_roles(fields: &[Field]) -> Result<(), Error> {
    for role in Role::ALL {
        let mut with = fields.iter().filter(|f| f.role == Some(role));
        if let (Some(first), Some(second)) = (with.next(), with.next()) {
            return Err(schema_error(msg::role_twice(
                &serde_name(&role),
                &first.id,
                &second.id,
            )));
        }
    }
    Ok(())
}

/// Decodes `object`; when it does not fit, the French error names the first key whose value is
/// at fault (decoded alone), in the field `label` (`None`: the schema's top level).
fn decode<T: DeserializeOwned>(
    object: &Map<String, Value>,
    label: Option<&str>,
) -> Result<T, Error> {
    serde_json::from_value(Value::Object(object.clone())).map_err(|_| {
        let fault = object.iter().find(|(key, value)| {
            let alone = Map::from_iter([((*key).clone(), (*value).clone())]);
            serde_json::from_value::<T>(Value::Object(alone)).is_err()
        });
        match fault {
            Some((key, value)) => {
                schema_error(msg::bad_value(label, key, &quoted(value), &expected(key)))
            }
            None => schema_error(msg::NOT_OBJECT.into()),
        }
    })
}

/// What a key expects, in French.
fn expected(key: &str) -> String {
    fn one_of<T: Serialize>(all: &[T]) -> String {
        msg::expect_one_of(&all.iter().map(serde_name).collect::<Vec<_>>())
    }
    match key {
        "name" | "title" | "type" => msg::EXPECT_TEXT.into(),
        "fields" => msg::EXPECT_FIELDS.into(),
        "constraints" => msg::EXPECT_CONSTRAINTS.into(),
        "x-role" => one_of(&Role::ALL),
        "x-rule" => one_of(&Kind::ALL),
        "x-required" => one_of(&Required::ALL),
        "x-synonyms" => msg::EXPECT_SYNONYMS.into(),
        "x-width" => msg::EXPECT_WIDTH.into(),
        _ => msg::EXPECT_OTHER.into(),
    }
}

/// A unit variant's name as the JSON spells it (`"postal_code"`).
fn serde_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(name)) => name,
        _ => String::new(),
    }
}

/// A value as written in the file, cut when long.
fn quoted(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= QUOTED {
        return text;
    }
    let mut cut: String = text.chars().take(QUOTED).collect();
    cut.push('…');
    cut
}

fn schema_error(detail: String) -> Error {
    Error::Schema { detail }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The French detail of the error `json` gives.
    fn detail(json: &str) -> String {
        match Schema::from_json(json) {
            Err(Error::Schema { detail }) => detail,
            other => panic!("{json}: {other:?}"),
        }
    }

    #[test]
    fn default_schema_round_trips() {
        let s = Schema::default();
        assert_eq!(Schema::from_json(&s.to_json()), Ok(s));
    }

    #[test]
    fn garbage_is_a_schema_error() {
        for json in [
            "",
            "not json",
            "[1, 2]",
            "{}",
            r#"{"fields": []}"#,
            r#"{"fields": [{"title": "Nom"}]}"#,
            r#"{"fields": [{"name": "  "}]}"#,
            r#"{"fields": [{"name": "a"}, {"name": "a"}]}"#,
            r#"{"fields": [{"name": "a", "x-rule": "teleport"}]}"#,
            r#"{"fields": [{"name": "a", "x-required": "sometimes"}]}"#,
            r#"{"fields": "nom"}"#,
            r#"{"fields": [3]}"#,
        ] {
            assert!(
                matches!(Schema::from_json(json), Err(Error::Schema { .. })),
                "{json}"
            );
        }
        assert_eq!(detail("{\n  \"fields\": 3"), msg::not_json(2, 13));
        assert_eq!(detail("[1]"), msg::NOT_OBJECT);
        assert_eq!(
            detail(r#"{"fields": [{"title": "Nom"}]}"#),
            msg::field_no_name(1)
        );
        assert_eq!(
            detail(r#"{"fields": [{"name": "a"}, 3]}"#),
            msg::field_not_object(2)
        );
    }

    #[test]
    fn a_bad_value_names_its_key_and_its_field() {
        let cases = [
            (
                r#"{"fields": [{"name": "tel", "x-rule": "teleport"}]}"#,
                "la clé « x-rule » de la colonne « tel » vaut \"teleport\" : elle attend l'une de ces valeurs : nom, prenom, profession, text,",
            ),
            (
                r#"{"fields": [{"name": "refus", "x-role": "refus"}]}"#,
                "la clé « x-role » de la colonne « refus » vaut \"refus\" : elle attend l'une de ces valeurs : nom, prenom,",
            ),
            (
                r#"{"fields": [{"name": "a"}, {"name": "tel", "x-width": "large"}]}"#,
                "la clé « x-width » de la colonne « tel » vaut \"large\" : elle attend un nombre positif",
            ),
            (
                r#"{"fields": [{"name": "tel", "x-width": 0}]}"#,
                "la clé « x-width » de la colonne « tel » vaut 0.0 : elle attend un nombre positif",
            ),
            (
                r#"{"fields": [{"name": "tel", "x-synonyms": "portable"}]}"#,
                "la clé « x-synonyms » de la colonne « tel » vaut \"portable\" : elle attend une liste de textes",
            ),
            (
                r#"{"fields": [{"name": "nom", "constraints": {"required": "oui"}}]}"#,
                "la clé « constraints » de la colonne « nom » vaut {\"required\":\"oui\"} : elle attend un objet",
            ),
            (
                r#"{"fields": [{"title": 3}]}"#,
                "la clé « title » de la colonne n° 1 vaut 3 : elle attend un texte",
            ),
            (
                r#"{"fields": [{"name": "a", "x-required": "sometimes"}]}"#,
                "la clé « x-required » de la colonne « a » vaut \"sometimes\" : elle attend l'une de ces valeurs : yes, no, contact, health_profession",
            ),
            (
                r#"{"name": "s", "fields": "nom"}"#,
                "la clé « fields » du schéma vaut \"nom\" : elle attend une liste de colonnes",
            ),
            (
                r#"{"fields": [{"name": "refus", "x-rol": "opposition"}]}"#,
                "la clé « x-rol » de la colonne « refus » est inconnue (clés reconnues : x-role, x-rule, x-required, x-synonyms, x-width)",
            ),
        ];
        for (json, start) in cases {
            let detail = detail(json);
            assert!(detail.starts_with(start), "{json}\n{detail}");
        }
        // The whole message, as the page and the command line show it.
        let error = Schema::from_json(cases[0].0).unwrap_err().to_string();
        assert!(
            error.starts_with("Le fichier de schéma n'est pas utilisable : la clé « x-rule »"),
            "{error}"
        );
    }

    #[test]
    fn two_fields_of_one_role_are_refused() {
        let json = r#"{"fields": [
            {"name": "opposition", "x-role": "opposition"},
            {"name": "nom", "x-role": "nom"},
            {"name": "refus_transmission", "x-role": "opposition"}
        ]}"#;
        assert_eq!(
            detail(json),
            "le rôle « opposition » (« x-role ») est donné à deux colonnes, « opposition » et « refus_transmission » : une seule colonne peut le tenir"
        );
        let json = r#"{"fields": [{"name": "cp", "x-role": "postal_code"}, {"name": "cp2", "x-role": "postal_code"}]}"#;
        assert!(detail(json).contains("« postal_code »"));
    }

    #[test]
    fn a_schema_without_roles_or_opposition_is_valid() {
        let schema =
            Schema::from_json(r#"{"fields": [{"name": "nom", "x-rule": "nom"}]}"#).unwrap();
        assert_eq!(schema.fields[0].role, None);
        assert_eq!(schema.field_with(Role::Opposition), None);
        assert_eq!(schema.name, msg::DEFAULT_NAME);
        // Table Schema's own keys are accepted.
        let json = r#"{"title": "t", "primaryKey": "nom", "fields": [{"name": "nom", "format": "default",
            "description": "le nom", "constraints": {"required": true, "unique": true}}]}"#;
        let schema = Schema::from_json(json).unwrap();
        assert_eq!(
            (schema.name.as_str(), schema.fields[0].required),
            ("t", Required::Yes)
        );
    }

    #[test]
    fn the_printed_default_names_every_role() {
        let json: Value = serde_json::from_str(&Schema::default().to_json()).unwrap();
        let roles: Vec<&str> = json["fields"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["x-role"].as_str())
            .collect();
        let all: Vec<String> = Role::ALL.iter().map(serde_name).collect();
        assert_eq!(roles, all);
        assert!(all.iter().all(|n| !n.is_empty()));
    }
}
