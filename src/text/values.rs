//! Messages for name, yes/no, mode, date and free-text rules.

/// A name recased (NOM upper case, Prénom capitalised).
pub fn name_fixed(typed: &str, fixed: &str) -> String {
    format!("« {typed} » a été écrit « {fixed} » (nom en majuscules, prénom avec une majuscule à chaque partie).")
}

/// A yes/no answer written in another form.
pub fn yes_no_fixed(typed: &str, canonical: &str) -> String {
    format!("« {typed} » a été remplacé par « {canonical} ».")
}

/// A yes/no cell that is neither yes nor no.
pub fn yes_no_invalid(typed: &str) -> String {
    format!("« {typed} » n'est pas une réponse Oui / Non. Indiquez « Oui » ou « Non ».")
}

/// A mode d'exercice mapped to its canonical label.
pub fn mode_fixed(typed: &str, mode: &str) -> String {
    format!("Mode d'exercice « {typed} » remplacé par « {mode} ».")
}

/// An unknown mode d'exercice.
pub fn mode_invalid(typed: &str, modes: &[&str]) -> String {
    format!(
        "Mode d'exercice « {typed} » non reconnu. Choisissez parmi : {}.",
        modes.join(", ")
    )
}

/// A date read in another form, rewritten `jj/mm/aaaa`.
pub fn date_fixed(typed: &str, french: &str) -> String {
    format!("Date « {typed} » écrite au format jj/mm/aaaa : {french}.")
}

/// A text that is not a date.
pub fn date_unreadable(typed: &str) -> String {
    format!("« {typed} » n'est pas une date. Indiquez la date au format jj/mm/aaaa (par exemple 15/09/2023).")
}

/// A date after today.
pub fn date_future(french: &str) -> String {
    format!("La date {french} est dans le futur. Vérifiez la date d'adhésion.")
}

/// A date before 2016.
pub fn date_too_old(french: &str) -> String {
    format!("La date {french} est antérieure au 01/01/2016, avant la création des CPTS. Vérifiez la date d'adhésion.")
}
