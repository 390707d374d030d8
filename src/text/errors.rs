//! Messages for [`Error`]: why a file could not be processed, and what to do.

use crate::Error;

/// The French message for an error: what happened, and what to do.
pub fn describe(error: &Error) -> String {
    match error {
        Error::Empty => "Le fichier est vide. Déposez le fichier de l'annuaire enregistré depuis Excel ou LibreOffice.".into(),
        Error::Unsupported { what: Some(what) } => format!(
            "Ce fichier est {what}, pas un tableur. Déposez l'annuaire au format Excel (.xlsx, .xls), LibreOffice (.ods) ou CSV."
        ),
        Error::Unsupported { what: None } => "Ce fichier n'est pas un tableur lisible. Déposez l'annuaire au format Excel (.xlsx, .xls), LibreOffice (.ods) ou CSV.".into(),
        Error::Corrupt { detail } => format!(
            "Le fichier est endommagé et ne peut pas être lu ({detail}). Ouvrez-le dans Excel ou LibreOffice, enregistrez-le à nouveau au format .xlsx, puis déposez-le."
        ),
        Error::Encrypted => "Le classeur est protégé par un mot de passe. Ouvrez-le, retirez le mot de passe (Fichier > Informations > Protéger le classeur), enregistrez-le, puis déposez-le à nouveau.".into(),
        Error::TooLarge { size, limit } => format!(
            "Le fichier est trop volumineux ({size} pour une limite de {limit}). Vérifiez qu'il s'agit bien de l'annuaire ; supprimez les feuilles et les lignes qui ne concernent pas les adhérents."
        ),
        Error::NoSheet => "Le classeur ne contient aucune feuille avec des données. Vérifiez que vous avez déposé le bon fichier.".into(),
        Error::SheetNotFound { name } => format!("La feuille « {name} » n'existe pas dans ce classeur. Choisissez une autre feuille."),
        Error::NoHeader => "Aucune ligne d'en-tête de l'annuaire n'a été trouvée (colonnes Nom, Prénom, Profession…). Vérifiez que la feuille contient bien les en-têtes du modèle de l'ARS, ou partez du modèle vierge.".into(),
        Error::Schema { detail } => format!("Le fichier de schéma n'est pas utilisable : {detail}."),
        Error::Write { detail } => format!("Le fichier corrigé n'a pas pu être écrit ({detail}). Réessayez ; si le problème persiste, signalez-le à l'ARS."),
    }
}
