//! Messages for [`Error`]: why a file could not be processed, and what to do.

use super::group;
use crate::error::{Error, SizeUnit};

/// The French message for an error: what happened, and what to do.
pub fn describe(error: &Error) -> String {
    match error {
        Error::Empty => "Le fichier est vide. Déposez le fichier de l'annuaire enregistré depuis Excel ou LibreOffice.".into(),
        Error::Unsupported { what: Some(what) } => format!(
            "Ce fichier est {what}, pas un tableur. Déposez l'annuaire au format Excel (.xlsx, .xls), LibreOffice (.ods) ou CSV."
        ),
        Error::OtherSpreadsheet { what } => format!("Ce fichier est {what}."),
        Error::Unsupported { what: None } => "Ce fichier n'est pas un tableur lisible. Déposez l'annuaire au format Excel (.xlsx, .xls), LibreOffice (.ods) ou CSV.".into(),
        Error::Corrupt { detail } => format!(
            "Le fichier est endommagé et ne peut pas être lu. Ouvrez-le dans Excel ou LibreOffice, enregistrez-le à nouveau au format .xlsx, puis déposez-le. (Détail technique, pour le support : {detail}.)"
        ),
        Error::Encrypted => "Le classeur est protégé par un mot de passe (ou chiffré) et ne peut pas être lu. Ouvrez-le dans Excel ou LibreOffice, retirez la protection (Excel : Fichier > Informations > Protéger le classeur ; LibreOffice : Fichier > Propriétés > Sécurité), enregistrez-le au format .xlsx, puis déposez-le à nouveau. Si Excel l'ouvre sans demander de mot de passe, seule la structure est protégée : un nouvel enregistrement au format .xlsx suffit.".into(),
        Error::TooLarge { limit, unit: SizeUnit::Text, .. } => format!(
            "Le fichier contient trop de texte (plus de {} dans ses cellules, une fois les cellules répétées et les textes partagés développés). Vérifiez qu'il s'agit bien de l'annuaire ; supprimez les feuilles, les lignes et les longs textes qui ne concernent pas les adhérents.",
            amount(*limit, SizeUnit::Bytes)
        ),
        Error::TooLarge { size, limit, unit } => format!(
            "Le fichier est trop volumineux ({} pour une limite de {}). Vérifiez qu'il s'agit bien de l'annuaire ; supprimez les feuilles et les lignes qui ne concernent pas les adhérents.",
            amount(*size, *unit),
            amount(*limit, *unit)
        ),
        Error::NoSheet => "Le classeur ne contient aucune feuille avec des données. Vérifiez que vous avez déposé le bon fichier.".into(),
        Error::SheetNotFound { name } => format!("La feuille « {name} » n'existe pas dans ce classeur. Choisissez une autre feuille."),
        Error::NoHeader => "Aucune ligne d'en-tête de l'annuaire n'a été trouvée (colonnes Nom, Prénom, Profession…). Vérifiez que la feuille contient bien les en-têtes du modèle de l'ARS, ou partez du modèle vierge.".into(),
        Error::Schema { detail } => format!("Le fichier de schéma n'est pas utilisable : {detail}."),
        Error::Write { detail } => format!("Le fichier corrigé n'a pas pu être écrit ({detail}). Réessayez ; si le problème persiste, signalez-le à l'ARS."),
    }
}

/// A size in French with its unit: « 250 Mo », « 1 200 000 lignes ».
fn amount(n: u64, unit: SizeUnit) -> String {
    match unit {
        SizeUnit::Bytes | SizeUnit::Text if n >= 1_000_000 => {
            format!("{} Mo", group(n / 1_000_000))
        }
        SizeUnit::Bytes | SizeUnit::Text if n >= 1_000 => format!("{} ko", group(n / 1_000)),
        SizeUnit::Bytes | SizeUnit::Text => format!("{} octets", group(n)),
        SizeUnit::Entries => format!("{} éléments compressés", group(n)),
        SizeUnit::Rows => format!("{} lignes", group(n)),
        SizeUnit::Cells => format!("{} cellules", group(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corrupt_file_says_what_to_do_before_the_technical_detail() {
        let m = describe(&Error::Corrupt {
            detail: "invalid Zip archive".into(),
        });
        let advice = m.find("enregistrez-le à nouveau").unwrap_or(usize::MAX);
        let detail = m.find("invalid Zip archive").unwrap_or(0);
        assert!(advice < detail, "{m}");
        assert!(m.contains("Détail technique"), "{m}");
    }

    #[test]
    fn sizes_carry_their_unit() {
        let e = Error::TooLarge {
            size: 250_000_000,
            limit: 200_000_000,
            unit: SizeUnit::Bytes,
        };
        assert!(
            describe(&e).contains("(250 Mo pour une limite de 200 Mo)"),
            "{}",
            describe(&e)
        );
        let e = Error::TooLarge {
            size: 1_000_001,
            limit: 1_000_000,
            unit: SizeUnit::Rows,
        };
        assert!(
            describe(&e).contains("1\u{202f}000\u{202f}001 lignes"),
            "{}",
            describe(&e)
        );
        // Text is refused by its limit: the size counted when it was passed rounds to it.
        let e = Error::TooLarge {
            size: 209_715_201,
            limit: 209_715_200,
            unit: SizeUnit::Text,
        };
        assert!(
            describe(&e).contains("trop de texte (plus de 209 Mo"),
            "{}",
            describe(&e)
        );
    }
}
