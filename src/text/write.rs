//! Messages for the corrected workbook, the template and the file name: sheet names, the
//! headers of « Contrôle », the notes on cells, the drop-down messages, the template's example
//! row and its « Instructions » sheet.

use crate::report::{Code, Severity};
use crate::schema::{Kind, Required};

/// The directory sheet, in the corrected file and the template.
pub const SHEET_ANNUAIRE: &str = "Annuaire";
/// The sheet listing every finding and every removed row or column.
pub const SHEET_CONTROLE: &str = "Contrôle";
/// The template's instructions sheet.
pub const SHEET_INSTRUCTIONS: &str = "Instructions";
/// The hidden sheet holding drop-down lists too long for Excel's 255-character inline limit.
pub const SHEET_LISTES: &str = "Listes";

/// Headers of « Contrôle », in column order.
pub const CONTROLE_HEADERS: [&str; 7] = [
    "Ligne",
    "Colonne",
    "Code",
    "Gravité",
    "Valeur d'origine",
    "Nouvelle valeur",
    "Message",
];

/// The severity as written in « Contrôle ».
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Erreur",
        Severity::Warning => "Avertissement",
        Severity::Notice => "Information",
    }
}

/// « Contrôle » line for a removed row the check did not describe by a finding of its own.
pub fn removed_row(reason: Code) -> String {
    let why = match reason {
        Code::RowBlank => "ligne vide",
        Code::RowExample => "ligne d'exemple du modèle",
        Code::RowOpposition => "l'adhérent s'est opposé à la transmission de ses données",
        _ => "ligne écartée à la vérification",
    };
    format!("Ligne retirée du fichier corrigé : {why}.")
}

/// The kind of an automatic fix, as a « Contrôle » summary line names it.
pub fn fix_kind(kind: crate::write::FixKind) -> &'static str {
    use crate::write::FixKind;
    match kind {
        FixKind::Spaces => "espaces retirés",
        FixKind::Case => "majuscules et accents",
        FixKind::Layout => "mise en forme",
        FixKind::Completed => "valeur complétée (zéros perdus par Excel, indicatif…)",
        FixKind::Replaced => "valeur normalisée",
    }
}

/// The message of a « Contrôle » line summarising `count` automatic fixes of one kind in one
/// column, on the rows `ranges` (« 4–17, 19 »).
pub fn fixes_line(kind: crate::write::FixKind, count: usize, ranges: &str) -> String {
    let cells = if count > 1 {
        format!("{} cellules corrigées automatiquement", thousands(count))
    } else {
        "1 cellule corrigée automatiquement".to_string()
    };
    let rows = if ranges.contains([',', '–']) {
        "lignes"
    } else {
        "ligne"
    };
    format!(
        "{cells} ({}), {rows} {ranges}. Exemple dans les colonnes « Valeur d'origine » et « Nouvelle valeur ».",
        fix_kind(kind)
    )
}

/// The end of a list of rows cut short: how many rows it leaves out.
pub fn more_rows(count: usize) -> String {
    format!(" … et {} autres lignes", thousands(count))
}

/// The last line of a « Contrôle » too long for a sheet.
pub fn lines_left_out(count: usize) -> String {
    format!(
        "{} lignes de contrôle n'ont pas pu être écrites : une feuille Excel ne peut pas en contenir davantage. Elles figurent toutes dans le rapport complet (annuaire-cpts check --json).",
        thousands(count)
    )
}

/// A count as French writes it.
fn thousands(n: usize) -> String {
    super::group(u64::try_from(n).unwrap_or(u64::MAX))
}

/// Opening of the note on a cell that still holds an error.
pub const ERROR_NOTE_HEAD: &str = "À corriger :";

/// The note on a cell that still holds errors: one message per line.
pub fn error_note(messages: &[&str]) -> String {
    let mut note = String::from(ERROR_NOTE_HEAD);
    for m in messages {
        note.push_str("\n• ");
        note.push_str(m);
    }
    note
}

/// Author shown on the notes the checker adds.
pub const NOTE_AUTHOR: &str = "Vérification de l'annuaire";

/// Title of the message shown when a value outside a drop-down list is typed.
pub const LIST_ERROR_TITLE: &str = "Valeur non prévue";
/// Message shown when a value outside a drop-down list is typed.
pub const LIST_ERROR_MESSAGE: &str =
    "Choisissez une valeur dans la liste déroulante (flèche à droite de la cellule).";
/// Message shown when something else than Oui or Non is typed.
pub const YES_NO_ERROR_MESSAGE: &str = "Répondez Oui ou Non.";
/// The two values of an Oui/Non column, in drop-down order.
pub const YES_NO: [&str; 2] = ["Oui", "Non"];

/// The note on the template's example row.
pub const EXAMPLE_NOTE: &str = "Ligne d'exemple : à supprimer. Elle montre ce que chaque colonne \
attend ; la vérification l'ignore si vous l'oubliez.";

/// The template's example row, by kind of column. Placeholders only (SPEC §5): the checker
/// recognises the row and removes it; no value is anybody's.
pub mod example {
    /// Nom.
    pub const NOM: &str = "EXEMPLE";
    /// Prénom.
    pub const PRENOM: &str = "Jean";
    /// Profession (a canonical label).
    pub const PROFESSION: &str = "Infirmier";
    /// RPPS / ADELI: an obvious placeholder, not a real number.
    pub const IDENTIFIER: &str = "12345678901";
    /// Mode d'exercice.
    pub const MODE: &str = "Libéral";
    /// Structure d'exercice.
    pub const STRUCTURE: &str = "Cabinet infirmier de l'exemple";
    /// Adresse.
    pub const ADRESSE: &str = "1 rue de l'Exemple";
    /// Code postal.
    pub const POSTAL_CODE: &str = "31000";
    /// Commune.
    pub const COMMUNE: &str = "Toulouse";
    /// Téléphone.
    pub const PHONE: &str = "00 00 00 00 00";
    /// Email.
    pub const EMAIL: &str = "exemple@exemple.fr";
    /// Messagerie sécurisée.
    pub const MSSANTE: &str = "exemple@exemple.mssante.fr";
    /// Oui/Non columns.
    pub const YES_NO: &str = "Non";
    /// Dates (dd/mm/yyyy).
    pub const DATE: &str = "15/01/2024";
}

/// Title of the instructions sheet.
pub const INSTRUCTIONS_TITLE: &str = "Annuaire des adhérents de la CPTS — mode d'emploi";

/// What the instructions sheet says before the table of columns.
pub const INSTRUCTIONS_INTRO: [&str; 4] = [
    "Remplissez la feuille « Annuaire » : une ligne par adhérent, sans ligne vide, sans ligne de titre ni de total.",
    "Ne modifiez pas les en-têtes et n'ajoutez pas de colonne : toute autre colonne est retirée du fichier envoyé à l'ARS.",
    "La première ligne (EXEMPLE Jean, en gris) est un exemple : supprimez-la. Si vous l'oubliez, la vérification l'ignore.",
    "Les listes déroulantes (Profession, Mode d'exercice, Oui/Non) donnent les seules valeurs acceptées.",
];

/// Headers of the table of columns on the instructions sheet.
pub const INSTRUCTIONS_COLUMNS: [&str; 4] =
    ["Colonne", "Obligatoire", "Ce qu'il faut saisir", "Exemple"];

/// Heading before the table of columns.
pub const INSTRUCTIONS_COLUMNS_TITLE: &str = "Les colonnes";

/// Whether a column is required, as the instructions sheet says it.
pub fn required_label(r: Required) -> &'static str {
    match r {
        Required::Yes => "Oui",
        Required::No => "Non",
        Required::Contact => "Téléphone ou email",
        Required::HealthProfession => "Pour les professionnels de santé",
    }
}

/// What a column of this kind expects, as the instructions sheet says it.
pub fn kind_help(kind: Kind) -> &'static str {
    match kind {
        Kind::Nom => "Nom de famille (ou nom d'usage), en majuscules.",
        Kind::Prenom => "Prénom ; un prénom composé s'écrit avec un trait d'union (Jean-Pierre).",
        Kind::Profession => "Choisir dans la liste (nomenclature de l'Annuaire Santé). Les membres qui ne sont pas professionnels de santé : Coordinateur, Secrétaire, Structure, Autre…",
        Kind::Text => "Texte libre.",
        Kind::Identifier => "Numéro RPPS (11 chiffres) ou, à défaut, ADELI (9 caractères), sans espace. Obligatoire pour les professionnels de santé. La colonne est au format texte : le numéro reste tel que saisi.",
        Kind::Mode => "Choisir dans la liste : Libéral, Salarié, Mixte, Bénévole ou Autre.",
        Kind::PostalCode => "Code postal à 5 chiffres, avec le 0 initial (09100).",
        Kind::Commune => "La commune du code postal.",
        Kind::Phone => "Numéro à 10 chiffres (05 61 12 34 56) ou international (+33 5 61 12 34 56).",
        Kind::Email => "Une seule adresse électronique professionnelle.",
        Kind::Mssante => "Adresse de messagerie sécurisée de santé, se terminant par mssante.fr.",
        Kind::YesNo => "Oui ou Non (liste).",
        Kind::Date => "Date au format jj/mm/aaaa, pas avant 2016 ni dans le futur.",
    }
}

/// What the opposition column expects (more than a plain Oui/Non).
pub const OPPOSITION_HELP: &str = "Oui si l'adhérent s'oppose à la transmission de ses données à l'ARS : sa ligne est alors retirée du fichier envoyé. Vide = Non.";

/// Heading of the file-name section.
pub const FILE_NAME_TITLE: &str = "Nom du fichier";

/// The file-name section; `example` is a name built by the rule.
pub fn file_name_lines(example: &str) -> Vec<String> {
    vec![
        "Enregistrez le fichier au format Excel (.xlsx) sous le nom Annuaire_Nom_De_La_CPTS_AAAA.xlsx, AAAA étant l'année du dépôt.".into(),
        "Les espaces sont remplacés par _, chaque mot commence par une majuscule, les apostrophes et la ponctuation sont retirées.".into(),
        format!("Exemple : {example}"),
        "La page de vérification de l'annuaire propose ce nom et le donne au fichier corrigé.".into(),
    ]
}

/// Heading of the deposit section.
pub const DEPOSIT_TITLE: &str = "Dépôt du fichier";

/// The deposit section.
pub const DEPOSIT_LINES: [&str; 4] = [
    "Vérifiez d'abord le fichier avec la page de vérification de l'annuaire : il ne quitte pas votre ordinateur.",
    "Déposez ensuite le fichier corrigé sur l'espace Nextcloud de l'ARS Occitanie, protégé par un mot de passe (le lien et le mot de passe vous sont transmis par l'ARS).",
    "Chaque nouvelle version remplace la précédente ; le fichier est conservé un an.",
    "L'annuaire sert à suivre l'usage de SPICO Dossier et SPICO Discussion ; les indicateurs transmis à la DGOS par le GRADeS Occitanie sont anonymisés.",
];

/// Heading of the privacy section.
pub const PRIVACY_TITLE: &str = "Confidentialité (RGPD)";

/// The privacy section.
pub const PRIVACY_LINES: [&str; 4] = [
    "L'annuaire ne contient que des données professionnelles. N'y inscrivez jamais de numéro de sécurité sociale (NIR), de date de naissance, de coordonnées bancaires ni aucune donnée de santé.",
    "Chaque adhérent est informé de la transmission et peut s'y opposer : indiquez alors Oui dans la colonne « Opposition à la transmission » ; sa ligne sera retirée du fichier envoyé à l'ARS.",
    "Base légale : mission d'intérêt public (article 6-1-e du RGPD).",
    "Ne transmettez le fichier que par l'espace Nextcloud de l'ARS, jamais par courriel.",
];

/// Name of the CPTS used for the file-name example (the ARS guide's).
pub const FILE_NAME_EXAMPLE_CPTS: &str = "CPTS du centre TARN";

/// « Contrôle » when the check found nothing at all.
pub const NO_FINDING: &str = "Aucune remarque : toutes les lignes sont conformes.";
