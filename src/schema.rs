//! The directory's columns: ids, output headers, what is required, header synonyms, the rule
//! that checks each value and the role each column plays. The default is the « modèle ARS
//! Occitanie » of SPEC §2; the ARS can replace it with a Table Schema JSON file (see
//! [`Schema::from_json`]).
//!
//! A field's id only names it (in reports, in the page); what the check, the template and the
//! writer rely on is declared: the [`Kind`] says which rule checks its values (and so its
//! drop-down and its cell format), the [`Role`] which of the member's data it holds (the
//! opposition, the name the duplicates compare, the postal code the commune is matched to…).
//! Nothing is inferred from an id, so a schema that renames its fields keeps every behaviour.

use serde::{Deserialize, Serialize};

mod json;

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

impl Kind {
    /// Every kind, in declaration order.
    pub const ALL: [Kind; 13] = [
        Kind::Nom,
        Kind::Prenom,
        Kind::Profession,
        Kind::Text,
        Kind::Identifier,
        Kind::Mode,
        Kind::PostalCode,
        Kind::Commune,
        Kind::Phone,
        Kind::Email,
        Kind::Mssante,
        Kind::YesNo,
        Kind::Date,
    ];
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

impl Required {
    /// Every requirement, in declaration order.
    pub const ALL: [Required; 4] = [
        Required::Yes,
        Required::No,
        Required::Contact,
        Required::HealthProfession,
    ];
}

/// Which of the member's data a field holds, for what the check, the template and the writer
/// do beyond checking each value on its own. Declared on the field (`"x-role"` in the JSON),
/// never inferred from its id; at most one field per role. A schema may leave a role out: what
/// needs it is then not done (no field with [`Role::Opposition`]: nobody's objection can be
/// honoured, and the report says so with `schema.no_opposition`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The family name: duplicates (with the given name and the profession), the example row.
    Nom,
    /// The given name: duplicates, the example row.
    Prenom,
    /// The profession: who needs an identifier, obsolete ADELI numbers, duplicates, the
    /// spécialité « MG » implies.
    Profession,
    /// The spécialité, filled in when the profession implies it (« MG » → Médecine générale).
    Specialty,
    /// The RPPS / ADELI: duplicates, `identifier.missing`, `adeli.obsolete`, the example row.
    Identifier,
    /// The mode d'exercice.
    Mode,
    /// The practice's name: a place, where « handicap » is an ordinary word of a name.
    Structure,
    /// The practice's address: a place too.
    Address,
    /// The postal code the commune is matched to.
    PostalCode,
    /// The commune: matched to the postal code, which it marks as CEDEX.
    Commune,
    /// The phone: the example row.
    Phone,
    /// The e-mail: an MSSanté address typed there moves to the MSSanté field; the example row.
    Email,
    /// The MSSanté address.
    Mssante,
    /// « Utilise SPICO Dossier ».
    SpicoDossier,
    /// « Utilise SPICO Discussion ».
    SpicoDiscussion,
    /// The date the member joined.
    MembershipDate,
    /// « Opposition à la transmission »: a member who answers Oui is left out of the corrected
    /// file, and nothing of theirs appears anywhere (SPEC §5).
    Opposition,
}

impl Role {
    /// Every role, in the default schema's order.
    pub const ALL: [Role; 17] = [
        Role::Nom,
        Role::Prenom,
        Role::Profession,
        Role::Specialty,
        Role::Identifier,
        Role::Mode,
        Role::Structure,
        Role::Address,
        Role::PostalCode,
        Role::Commune,
        Role::Phone,
        Role::Email,
        Role::Mssante,
        Role::SpicoDossier,
        Role::SpicoDiscussion,
        Role::MembershipDate,
        Role::Opposition,
    ];

    /// The rule of a field of this role whose JSON names none (`"x-rule"`).
    ///
    /// ```
    /// use annuaire_cpts::{Kind, Role};
    /// assert_eq!(Role::Opposition.default_kind(), Kind::YesNo);
    /// assert_eq!(Role::Address.default_kind(), Kind::Text);
    /// ```
    pub fn default_kind(self) -> Kind {
        match self {
            Role::Nom => Kind::Nom,
            Role::Prenom => Kind::Prenom,
            Role::Profession => Kind::Profession,
            Role::Specialty | Role::Structure | Role::Address => Kind::Text,
            Role::Identifier => Kind::Identifier,
            Role::Mode => Kind::Mode,
            Role::PostalCode => Kind::PostalCode,
            Role::Commune => Kind::Commune,
            Role::Phone => Kind::Phone,
            Role::Email => Kind::Email,
            Role::Mssante => Kind::Mssante,
            Role::SpicoDossier | Role::SpicoDiscussion | Role::Opposition => Kind::YesNo,
            Role::MembershipDate => Kind::Date,
        }
    }
}

/// One column of the directory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// Stable id used in reports (`"telephone"`): a name, nothing is inferred from it.
    pub id: String,
    /// The header written in the corrected file (`"Téléphone"`).
    pub title: String,
    /// When a value is required.
    pub required: Required,
    /// The rule that checks its values.
    pub kind: Kind,
    /// Which of the member's data it holds, if the check relies on it.
    #[serde(default)]
    pub role: Option<Role>,
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

    /// The position of the field that plays `role` (the first, in a schema built by hand with
    /// two: [`Schema::from_json`] refuses them).
    ///
    /// ```
    /// use annuaire_cpts::{Role, Schema};
    /// let mut schema = Schema::default();
    /// assert_eq!(schema.field_with(Role::Opposition), Some(16));
    /// schema.fields[16].id = "refus_transmission".into();
    /// assert_eq!(schema.field_with(Role::Opposition), Some(16));
    /// schema.fields[16].role = None;
    /// assert_eq!(schema.field_with(Role::Opposition), None);
    /// ```
    pub fn field_with(&self, role: Role) -> Option<usize> {
        self.fields.iter().position(|f| f.role == Some(role))
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
    /// // Every role, each on one field.
    /// for role in annuaire_cpts::Role::ALL {
    ///     assert_eq!(s.fields.iter().filter(|f| f.role == Some(role)).count(), 1);
    /// }
    /// ```
    fn default() -> Schema {
        use Required as R;
        // Each default field's rule is its role's.
        let f = |id: &str, title: &str, required, role: Role, synonyms: &[&str], width| Field {
            id: id.into(),
            title: title.into(),
            required,
            kind: role.default_kind(),
            role: Some(role),
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
                    Role::Nom,
                    &["nom", "nom de famille", "nom d'usage", "nom usuel"],
                    18.0,
                ),
                f(
                    "prenom",
                    "Prénom",
                    R::Yes,
                    Role::Prenom,
                    &["prénom", "prenom", "prénoms"],
                    16.0,
                ),
                f(
                    "profession",
                    "Profession",
                    R::Yes,
                    Role::Profession,
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
                    Role::Specialty,
                    &["spécialité", "spécialité médicale", "specialite"],
                    22.0,
                ),
                f(
                    "identifiant",
                    "RPPS / ADELI",
                    R::HealthProfession,
                    Role::Identifier,
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
                    Role::Mode,
                    &["mode d'exercice", "statut", "exercice", "mode exercice"],
                    16.0,
                ),
                f(
                    "structure",
                    "Structure d'exercice",
                    R::No,
                    Role::Structure,
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
                    Role::Address,
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
                    Role::PostalCode,
                    &["code postal", "cp", "code_postal"],
                    11.0,
                ),
                f(
                    "commune",
                    "Commune",
                    R::Yes,
                    Role::Commune,
                    &["commune", "ville", "localité"],
                    22.0,
                ),
                f(
                    "telephone",
                    "Téléphone",
                    R::Contact,
                    Role::Phone,
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
                    Role::Email,
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
                    Role::Mssante,
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
                    Role::SpicoDossier,
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
                    Role::SpicoDiscussion,
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
                    Role::MembershipDate,
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
                    Role::Opposition,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_default_field_has_the_rule_it_always_had() {
        let kinds: Vec<Kind> = Schema::default().fields.iter().map(|f| f.kind).collect();
        use Kind as K;
        assert_eq!(
            kinds,
            [
                K::Nom,
                K::Prenom,
                K::Profession,
                K::Text,
                K::Identifier,
                K::Mode,
                K::Text,
                K::Text,
                K::PostalCode,
                K::Commune,
                K::Phone,
                K::Email,
                K::Mssante,
                K::YesNo,
                K::YesNo,
                K::Date,
                K::YesNo,
            ]
        );
        let roles: Vec<Option<Role>> = Schema::default().fields.iter().map(|f| f.role).collect();
        assert_eq!(roles, Role::ALL.map(Some));
    }
}
