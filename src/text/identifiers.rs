//! Messages for rpps, adeli, identifier and nir rules.
//!
//! Error messages never repeat the cell's value: the report carries it beside the message, and a
//! value that turns out to be a social security number must only ever appear masked.

const WHERE_TO_LOOK: &str =
    "Recopiez-le depuis l'Annuaire Santé (annuaire.sante.fr) ou la carte CPS du professionnel.";

/// Separators (spaces, dots, dashes) removed from an identifier.
pub fn separators_removed(old: &str, new: &str) -> String {
    format!("Espaces et séparateurs retirés du numéro : « {old} » → « {new} ».")
}

/// A label typed before the number (« RPPS : », « N° ») removed.
pub fn label_removed(old: &str, new: &str) -> String {
    format!("Libellé retiré devant le numéro : « {old} » → « {new} ».")
}

/// An identifier restored from Excel's decimal or scientific notation.
pub fn float_restored(old: &str, new: &str) -> String {
    format!(
        "Numéro rétabli chiffre pour chiffre (Excel l'avait enregistré comme un nombre décimal) : « {old} » → « {new} »."
    )
}

/// `8` + RPPS (national identifier) brought back to the RPPS.
pub fn rpps_from_idnat(old: &str, new: &str) -> String {
    format!("Identifiant national (8 suivi du RPPS) ramené au numéro RPPS : « {old} » → « {new} ».")
}

/// `0` + ADELI (national identifier) brought back to the ADELI.
pub fn adeli_from_idnat(old: &str, new: &str) -> String {
    format!(
        "Identifiant national (0 suivi de l'ADELI) ramené au numéro ADELI : « {old} » → « {new} »."
    )
}

/// The leading zero of an ADELI number restored (Excel stored it as a number).
pub fn adeli_zero_restored(old: &str, new: &str) -> String {
    format!(
        "Zéro initial rétabli (Excel avait enregistré le numéro ADELI comme un nombre) : « {old} » → « {new} »."
    )
}

/// Letters of an ADELI (Corsica, 2A/2B) put in upper case.
pub fn adeli_upper_cased(old: &str, new: &str) -> String {
    format!("Numéro ADELI mis en majuscules : « {old} » → « {new} ».")
}

/// An RPPS of the wrong length.
pub fn rpps_bad_length(digits: usize) -> String {
    format!("Un numéro RPPS compte 11 chiffres ; celui-ci en compte {digits}. {WHERE_TO_LOOK}")
}

/// An RPPS whose key does not match.
pub fn rpps_bad_key() -> String {
    format!(
        "Ce numéro RPPS a bien 11 chiffres mais sa clé de contrôle est fausse : un chiffre a sans doute été mal recopié ou inversé. {WHERE_TO_LOOK}"
    )
}

/// An RPPS that Excel rounded when it showed it in scientific notation (e.g. 1,00010E+10).
pub fn rpps_rounded() -> String {
    format!(
        "Ce numéro a été arrondi par Excel (affiché en notation scientifique, par exemple 1,0001E+10) : des chiffres sont perdus. Mettez la colonne au format Texte et ressaisissez le numéro. {WHERE_TO_LOOK}"
    )
}

/// A value that holds other characters than digits, in a column expecting RPPS or ADELI.
pub fn identifier_not_a_number() -> String {
    format!(
        "Cette cellule doit contenir un seul numéro RPPS (11 chiffres) ou ADELI (9 caractères), sans texte ni commentaire. {WHERE_TO_LOOK}"
    )
}

/// A run of digits that is neither an RPPS nor an ADELI length.
pub fn identifier_bad_length(digits: usize) -> String {
    format!(
        "Ce numéro compte {digits} chiffres : un numéro RPPS en compte 11 et un numéro ADELI 9. {WHERE_TO_LOOK}"
    )
}

/// An ADELI of the wrong length.
pub fn adeli_bad_length(chars: usize) -> String {
    format!("Un numéro ADELI compte 9 caractères ; celui-ci en compte {chars}. {WHERE_TO_LOOK}")
}

/// An ADELI whose characters are not 2 department characters then 7 digits.
pub fn adeli_bad_shape() -> String {
    format!(
        "Un numéro ADELI est formé du département (2 chiffres, ou 2A/2B) suivi de 7 chiffres. {WHERE_TO_LOOK}"
    )
}

/// An ADELI whose department does not exist.
pub fn adeli_bad_department(department: &str) -> String {
    format!(
        "Ce numéro ADELI commence par « {department} », qui n'est pas un numéro de département. {WHERE_TO_LOOK}"
    )
}

/// An ADELI whose profession code is not in the nomenclature.
pub fn adeli_bad_profession(code: &str) -> String {
    format!(
        "Les 3e et 4e caractères d'un numéro ADELI sont le code de la profession ; « {code} » n'en est pas un. {WHERE_TO_LOOK}"
    )
}

/// An ADELI whose key does not match.
pub fn adeli_bad_key() -> String {
    format!(
        "La clé de contrôle (dernier chiffre) de ce numéro ADELI est fausse : un chiffre a sans doute été mal recopié ou inversé. {WHERE_TO_LOOK}"
    )
}

/// An 8-digit text cell that would be a valid ADELI with a leading zero.
pub fn adeli_missing_zero(suggestion: &str) -> String {
    format!(
        "Ce numéro ADELI n'a que 8 chiffres : le zéro initial manque sans doute (proposition : « {suggestion} »). Vérifiez-le et corrigez la cellule."
    )
}

/// A social security number (or a patient MSSanté address) found in a cell; `masked` is the
/// value as [`crate::rules::nir::mask`] shows it.
pub fn nir_detected(masked: &str) -> String {
    format!(
        "Un numéro de sécurité sociale ({masked}) figure dans cette cellule : il n'a pas sa place dans l'annuaire (RGPD). La cellule est vidée dans le fichier corrigé ; supprimez aussi ce numéro de votre fichier source."
    )
}

/// A patient MSSanté address found in a cell; `masked` as [`crate::rules::nir::mask`] shows it.
pub fn patient_address_detected(masked: &str) -> String {
    format!(
        "Une adresse de messagerie patient ({masked}, qui contient un numéro de sécurité sociale) figure dans cette cellule : elle n'a pas sa place dans l'annuaire (RGPD). La cellule est vidée dans le fichier corrigé ; indiquez l'adresse MSSanté du professionnel à la place."
    )
}
