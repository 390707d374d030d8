//! Messages about a schema file (the detail of `Error::Schema`, after « Le fichier de schéma
//! n'est pas utilisable : »): each names the key and the column at fault.

/// The text is not JSON at all.
pub fn not_json(line: usize, column: usize) -> String {
    format!("le texte n'est pas du JSON valide (ligne {line}, colonne {column})")
}

/// The JSON is not an object.
pub const NOT_OBJECT: &str =
    "il doit contenir un objet JSON de la forme {\"name\": \"…\", \"fields\": [ … ]}";

/// The schema has no field.
pub const NO_FIELD: &str = "aucune colonne (« fields ») n'est définie";

/// How a field is named in these messages: by its name, or by its position when it has none.
pub fn field_label(name: Option<&str>, position: usize) -> String {
    match name {
        Some(name) => format!("« {name} »"),
        None => format!("n° {position}"),
    }
}

/// A field that is not an object.
pub fn field_not_object(position: usize) -> String {
    format!(
        "la colonne n° {position} de « fields » n'est pas un objet JSON ({{\"name\": \"…\", …}})"
    )
}

/// A field without a name.
pub fn field_no_name(position: usize) -> String {
    format!("la colonne n° {position} n'a pas de nom (« name »)")
}

/// Two fields with the same name.
pub fn field_twice(name: &str) -> String {
    format!("la colonne « {name} » est définie deux fois")
}

/// A key whose value does not fit. `field` is a [`field_label`], `None` for a key of the
/// schema itself; `value` is the JSON as written.
pub fn bad_value(field: Option<&str>, key: &str, value: &str, expected: &str) -> String {
    match field {
        Some(field) => {
            format!("la clé « {key} » de la colonne {field} vaut {value} : elle attend {expected}")
        }
        None => format!("la clé « {key} » du schéma vaut {value} : elle attend {expected}"),
    }
}

/// A key of ours (`x-…`) that we do not know: a typo would silently lose a rule or a role.
pub fn unknown_key(field: Option<&str>, key: &str, known: &[&str]) -> String {
    let known = known.join(", ");
    match field {
        Some(field) => format!(
            "la clé « {key} » de la colonne {field} est inconnue (clés reconnues : {known})"
        ),
        None => format!("la clé « {key} » du schéma est inconnue (clés reconnues : {known})"),
    }
}

/// Two fields declared with the same role.
pub fn role_twice(role: &str, first: &str, second: &str) -> String {
    format!(
        "le rôle « {role} » (« x-role ») est donné à deux colonnes, « {first} » et « {second} » : une seule colonne peut le tenir"
    )
}

/// What a text key expects.
pub const EXPECT_TEXT: &str = "un texte entre guillemets";
/// What `fields` expects.
pub const EXPECT_FIELDS: &str = "une liste de colonnes : [{\"name\": \"nom\", …}, …]";
/// What `constraints` expects.
pub const EXPECT_CONSTRAINTS: &str = "un objet tel que {\"required\": true}";
/// What `x-synonyms` expects.
pub const EXPECT_SYNONYMS: &str = "une liste de textes, par exemple [\"portable\", \"mobile\"]";
/// What `x-width` expects.
pub const EXPECT_WIDTH: &str =
    "un nombre positif, au plus 255 (la largeur de la colonne, en caractères)";
/// What any other key expects.
pub const EXPECT_OTHER: &str = "une autre valeur";

/// What a key with a closed set of values expects.
pub fn expect_one_of(values: &[String]) -> String {
    format!("l'une de ces valeurs : {}", values.join(", "))
}

/// The name of a schema file that gives none.
pub const DEFAULT_NAME: &str = "schéma personnalisé";
