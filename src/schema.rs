//! The directory's columns: ids, output headers, what is required, header synonyms and the rule
//! that checks each value. The default is the « modèle ARS Occitanie » of SPEC §2; the ARS can
//! replace it with a Table Schema JSON file (see [`Schema::from_json`]).

use serde::{Deserialize, Serialize};

/// Which rule checks a field's values: a closed set, dispatched by [`crate::rules::check_cell`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Family name: upper case.
    Nom,
    /// Given name: each part capitalised.
    Prenom,
    /// One of the profession nomenclature (SPEC §3).
    Profession,
    /// Free text: trimmed, spaces collapsed.
    Text,
    /// RPPS or ADELI (SPEC §4).
    Identifier,
    /// Mode d'exercice: Libéral, Salarié, Mixte, Bénévole, Autre.
    Mode,
    /// A French postal code.
    PostalCode,
    /// A commune, matched against the postal code.
    Commune,
    /// A phone number.
    Phone,
    /// An e-mail address.
    Email,
    /// An MSSanté address.
    Mssante,
    /// Oui / Non.
    YesNo,
    /// A date (not in the future, not before 2016).
    Date,
}

/// When a value must be present.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Required {
    /// Always required.
    Yes,
    /// Optional.
    No,
    /// At least one field of this group per row (telephone / email).
    Contact,
    /// Required for health professions (SPEC §3), optional for the others.
    HealthProfession,
}

/// One column of the directory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// Stable id used in reports (`"telephone"`).
    pub id: String,
    /// The header written in the corrected file (`"Téléphone"`).
    pub title: String,
    /// When a value is required.
    pub required: Required,
    /// The rule that checks its values.
    pub kind: Kind,
    /// Header spellings recognised on input (the title and id are always recognised too).
    pub synonyms: Vec<String>,
    /// Column width in the corrected workbook, in characters.
    pub width: f64,
}

/// The directory's columns, in output order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Schema {
    /// The schema's name, shown in reports.
    pub name: String,
    /// The fields, in output order.
    pub fields: Vec<Field>,
}

impl Schema {
    /// The field with this id.
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// The position of the field with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.id == id)
    }

    /// The position of the first field of this kind.
    pub fn position_of_kind(&self, kind: Kind) -> Option<usize> {
        self.fields.iter().position(|f| f.kind == kind)
    }
}

impl Default for Schema {
    /// The « modèle ARS Occitanie » of SPEC §2.
    ///
    /// ```
    /// use annuaire_cpts::Schema;
    /// let s = Schema::default();
    /// assert_eq!(s.fields.len(), 17);
    /// assert_eq!(s.fields[0].title, "Nom");
    /// ```
    fn default() -> Schema {
        use Kind as K;
        use Required as R;
        let f = |id: &str, title: &str, required, kind, synonyms: &[&str], width| Field {
            id: id.into(),
            title: title.into(),
            required,
            kind,
            synonyms: synonyms.iter().map(|s| s.to_string()).collect(),
            width,
        };
        Schema {
            name: "modèle ARS Occitanie".into(),
            fields: vec![
                f(
                    "nom",
                    "Nom",
                    R::Yes,
                    K::Nom,
                    &["nom", "nom de famille", "nom d'usage", "nom usuel"],
                    18.0,
                ),
                f(
                    "prenom",
                    "Prénom",
                    R::Yes,
                    K::Prenom,
                    &["prénom", "prenom", "prénoms"],
                    16.0,
                ),
                f(
                    "profession",
                    "Profession",
                    R::Yes,
                    K::Profession,
                    &[
                        "profession",
                        "métier",
                        "catégorie professionnelle",
                        "profession de santé",
                    ],
                    26.0,
                ),
                f(
                    "specialite",
                    "Spécialité",
                    R::No,
                    K::Text,
                    &["spécialité", "spécialité médicale", "specialite"],
                    22.0,
                ),
                f(
                    "identifiant",
                    "RPPS / ADELI",
                    R::HealthProfession,
                    K::Identifier,
                    &[
                        "rpps",
                        "n° rpps",
                        "numéro rpps",
                        "adeli",
                        "n° adeli",
                        "rpps / adeli",
                        "rpps ou adeli",
                        "identifiant national",
                        "idnat",
                        "identifiant",
                    ],
                    15.0,
                ),
                f(
                    "mode_exercice",
                    "Mode d'exercice",
                    R::No,
                    K::Mode,
                    &["mode d'exercice", "statut", "exercice", "mode exercice"],
                    16.0,
                ),
                f(
                    "structure",
                    "Structure d'exercice",
                    R::No,
                    K::Text,
                    &[
                        "structure",
                        "lieu d'exercice",
                        "cabinet",
                        "msp",
                        "établissement",
                        "structure d'exercice",
                    ],
                    26.0,
                ),
                f(
                    "adresse",
                    "Adresse",
                    R::No,
                    K::Text,
                    &[
                        "adresse",
                        "adresse professionnelle",
                        "rue",
                        "adresse postale",
                    ],
                    30.0,
                ),
                f(
                    "code_postal",
                    "Code postal",
                    R::Yes,
                    K::PostalCode,
                    &["code postal", "cp", "code_postal"],
                    11.0,
                ),
                f(
                    "commune",
                    "Commune",
                    R::Yes,
                    K::Commune,
                    &["commune", "ville", "localité"],
                    22.0,
                ),
                f(
                    "telephone",
                    "Téléphone",
                    R::Contact,
                    K::Phone,
                    &[
                        "téléphone",
                        "tél",
                        "tel",
                        "portable",
                        "mobile",
                        "fixe",
                        "téléphone professionnel",
                        "numéro de téléphone",
                    ],
                    16.0,
                ),
                f(
                    "email",
                    "Email",
                    R::Contact,
                    K::Email,
                    &[
                        "email",
                        "e-mail",
                        "mail",
                        "courriel",
                        "adresse mail",
                        "adresse e-mail",
                        "adresse électronique",
                    ],
                    30.0,
                ),
                f(
                    "mssante",
                    "Messagerie sécurisée (MSSanté)",
                    R::No,
                    K::Mssante,
                    &[
                        "mssanté",
                        "messagerie sécurisée",
                        "mss",
                        "adresse mssanté",
                        "messagerie sécurisée de santé",
                        // Longer than « adresse mail », so that these mean MSSanté, not Email.
                        "adresse mail mssanté",
                        "adresse e-mail mssanté",
                        "mail mssanté",
                        "email mssanté",
                        "courriel mssanté",
                    ],
                    32.0,
                ),
                f(
                    "spico_dossier",
                    "Utilise SPICO Dossier",
                    R::Yes,
                    K::YesNo,
                    &[
                        "spico dossier",
                        "spico dossiers",
                        "compte spico dossier",
                        "utilise spico dossier",
                    ],
                    14.0,
                ),
                f(
                    "spico_discussion",
                    "Utilise SPICO Discussion",
                    R::Yes,
                    K::YesNo,
                    &[
                        "spico discussion",
                        "spico discussions",
                        "compte spico discussion",
                        "utilise spico discussion",
                    ],
                    14.0,
                ),
                f(
                    "date_adhesion",
                    "Date d'adhésion",
                    R::No,
                    K::Date,
                    &[
                        "date d'adhésion",
                        "adhésion",
                        "date adhésion",
                        "date d'adhesion",
                    ],
                    13.0,
                ),
                f(
                    "opposition",
                    "Opposition à la transmission",
                    R::No,
                    K::YesNo,
                    &[
                        "opposition",
                        "refus de transmission",
                        "opposition à la transmission",
                    ],
                    14.0,
                ),
            ],
        }
    }
}

impl Schema {
    /// Reads a Table Schema JSON (<https://specs.frictionlessdata.io/table-schema/>) with our keys
    /// for synonyms and rules, replacing the default schema.
    ///
    /// Each of `fields` has the standard `name` (our id), `title`, `type` and
    /// `constraints.required`, plus `x-rule` (the [`Kind`], e.g. `"phone"`), `x-required`
    /// (`"yes"`, `"no"`, `"contact"`, `"health_profession"`: overrides `constraints.required`),
    /// `x-synonyms` (header spellings) and `x-width` (column width). Only `name` is mandatory.
    ///
    /// ```
    /// use annuaire_cpts::{Kind, Required, Schema};
    /// let json = r#"{"name": "test", "fields": [
    ///   {"name": "nom", "title": "Nom", "constraints": {"required": true}, "x-rule": "nom"},
    ///   {"name": "tel", "x-rule": "phone", "x-required": "contact", "x-synonyms": ["portable"]}
    /// ]}"#;
    /// let schema = Schema::from_json(json).unwrap();
    /// assert_eq!(schema.fields[0].required, Required::Yes);
    /// assert_eq!(schema.fields[1].kind, Kind::Phone);
    /// assert_eq!(schema.fields[1].title, "tel");
    /// assert_eq!(Schema::from_json(&schema.to_json()).unwrap(), schema);
    /// assert!(Schema::from_json("[1, 2]").is_err());
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Schema`] when the JSON is not a usable schema.
    pub fn from_json(json: &str) -> Result<Schema, crate::Error> {
        use crate::text::read as msg;
        use serde_json::Value;
        let err = |detail: String| crate::Error::Schema { detail };
        let root: Value =
            serde_json::from_str(json).map_err(|e| err(msg::schema_invalid(&e.to_string())))?;
        let fields = root
            .get("fields")
            .and_then(Value::as_array)
            .filter(|f| !f.is_empty())
            .ok_or_else(|| err(msg::SCHEMA_NO_FIELD.into()))?;
        let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
        let mut out: Vec<Field> = Vec::with_capacity(fields.len());
        for (i, f) in fields.iter().enumerate() {
            let id = text(f, "name")
                .filter(|n| !n.trim().is_empty())
                .ok_or_else(|| err(msg::schema_field_no_name(i + 1)))?;
            if out.iter().any(|g| g.id == id) {
                return Err(err(msg::schema_field_twice(&id)));
            }
            let kind = match f.get("x-rule") {
                Some(rule) => serde_json::from_value::<Kind>(rule.clone())
                    .map_err(|_| err(msg::schema_unknown_rule(&id, &rule.to_string())))?,
                None => match f.get("type").and_then(Value::as_str) {
                    Some("date") => Kind::Date,
                    Some("boolean") => Kind::YesNo,
                    _ => Kind::Text,
                },
            };
            let required = match f.get("x-required") {
                Some(r) => serde_json::from_value::<Required>(r.clone())
                    .map_err(|_| err(msg::schema_unknown_required(&id, &r.to_string())))?,
                None => {
                    let flag = f
                        .get("constraints")
                        .and_then(|c| c.get("required"))
                        .and_then(Value::as_bool);
                    if flag == Some(true) {
                        Required::Yes
                    } else {
                        Required::No
                    }
                }
            };
            let synonyms = f
                .get("x-synonyms")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            out.push(Field {
                title: text(f, "title").unwrap_or_else(|| id.clone()),
                id,
                required,
                kind,
                synonyms,
                width: f
                    .get("x-width")
                    .and_then(Value::as_f64)
                    .filter(|w| w.is_finite() && *w > 0.0)
                    .unwrap_or(16.0),
            });
        }
        Ok(Schema {
            name: text(&root, "name")
                .or_else(|| text(&root, "title"))
                .unwrap_or_else(|| msg::SCHEMA_DEFAULT_NAME.to_string()),
            fields: out,
        })
    }

    /// The schema as Table Schema JSON (the inverse of [`Schema::from_json`]).
    pub fn to_json(&self) -> String {
        use serde_json::{json, Value};
        let fields: Vec<Value> = self
            .fields
            .iter()
            .map(|f| {
                json!({
                    "name": f.id,
                    "title": f.title,
                    "type": if f.kind == Kind::Date { "date" } else { "string" },
                    "constraints": { "required": f.required == Required::Yes },
                    "x-required": f.required,
                    "x-rule": f.kind,
                    "x-synonyms": f.synonyms,
                    "x-width": f.width,
                })
            })
            .collect();
        let root = json!({ "name": self.name, "fields": fields });
        serde_json::to_string_pretty(&root).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            "{}",
            r#"{"fields": []}"#,
            r#"{"fields": [{"title": "Nom"}]}"#,
            r#"{"fields": [{"name": "a"}, {"name": "a"}]}"#,
            r#"{"fields": [{"name": "a", "x-rule": "teleport"}]}"#,
            r#"{"fields": [{"name": "a", "x-required": "sometimes"}]}"#,
            r#"{"fields": "nom"}"#,
        ] {
            assert!(
                matches!(Schema::from_json(json), Err(crate::Error::Schema { .. })),
                "{json}"
            );
        }
    }
}
