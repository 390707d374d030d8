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
    /// Reads a Table Schema JSON (https://specs.frictionlessdata.io/table-schema/) with our keys
    /// for synonyms and rules, replacing the default schema.
    ///
    /// # Errors
    /// [`crate::Error::Schema`] when the JSON is not a usable schema.
    pub fn from_json(_json: &str) -> Result<Schema, crate::Error> {
        todo!("helper read")
    }

    /// The schema as Table Schema JSON (the inverse of [`Schema::from_json`]).
    pub fn to_json(&self) -> String {
        todo!("helper read")
    }
}
