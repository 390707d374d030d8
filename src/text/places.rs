//! Messages for profession, postal code and commune rules.

/// A profession written another way was replaced by its label.
pub fn profession_fixed(typed: &str, label: &str) -> String {
    format!("Profession « {typed} » remplacée par le libellé officiel « {label} ».")
}

/// An abbreviation with several meanings.
pub fn profession_ambiguous(typed: &str, candidates: &[&str]) -> String {
    format!(
        "« {typed} » peut désigner plusieurs professions : {}. Écrivez la profession exacte.",
        candidates.join(", ")
    )
}

/// Not a profession of the list.
pub fn profession_unknown(typed: &str, suggestion: Option<&str>) -> String {
    match suggestion {
        Some(label) => format!(
            "Profession « {typed} » inconnue. Vouliez-vous dire « {label} » ? Choisissez une \
             profession de la liste."
        ),
        None => format!(
            "Profession « {typed} » inconnue. Choisissez une profession de la liste (ou « Autre »)."
        ),
    }
}

/// A postal code was normalised (leading zero restored, spaces removed, CEDEX written out).
pub fn postal_fixed(typed: &str, fixed: &str) -> String {
    format!("Code postal « {typed} » corrigé en « {fixed} ».")
}

/// Not an existing postal code.
pub fn postal_invalid(typed: &str) -> String {
    format!(
        "Code postal « {typed} » invalide : il faut les 5 chiffres d'un code postal existant. \
         Pour une adresse CEDEX, indiquez le code postal de la commune."
    )
}

/// A postal code outside Occitanie.
pub fn postal_outside_region(code: &str) -> String {
    format!(
        "Le code postal {code} est hors de la région Occitanie. Vérifiez-le si le professionnel \
         exerce dans la CPTS."
    )
}

/// A CEDEX code.
pub fn postal_cedex(code: &str) -> String {
    format!(
        "Le code postal {code} est un code CEDEX (courrier d'entreprise), pas celui d'une \
         commune. Indiquez de préférence le code postal du lieu d'exercice."
    )
}

/// A commune matched the postal code but was written differently.
pub fn commune_fixed(typed: &str, official: &str) -> String {
    format!("Commune « {typed} » remplacée par son nom officiel « {official} ».")
}

/// A commune that is not one of the postal code's.
pub fn commune_mismatch(typed: &str, code: &str, communes: &[&str]) -> String {
    const SHOWN: usize = 5;
    let mut list = communes
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if communes.len() > SHOWN {
        list.push_str(", …");
    }
    format!(
        "La commune « {typed} » ne correspond pas au code postal {code} ({list}). Vérifiez la \
         commune ou le code postal."
    )
}

/// The attribution the Licence Ouverte asks for, to show on the page and in the README, given
/// [`crate::rules::postal::source`].
///
/// ```
/// use annuaire_cpts::{rules::postal, text::places::communes_attribution};
/// assert!(communes_attribution(postal::source()).starts_with("Source : INSEE COG / La Poste"));
/// ```
pub fn communes_attribution(source: &str) -> String {
    format!("Source : INSEE COG / La Poste, via {source}, Licence Ouverte")
}
