//! The command line's own sentences, and the report as human-readable text.

use std::fmt::Write as _;
use std::path::Path;

use crate::report::{Report, Severity};

/// `annuaire-cpts --help`.
pub const USAGE: &str = "\
annuaire-cpts — vérifie et corrige l'annuaire des adhérents d'une CPTS

Utilisation :
  annuaire-cpts check FICHIER [--json] [--schema SCHEMA.json] [--sheet FEUILLE]
  annuaire-cpts fix FICHIER --cpts \"CPTS du centre TARN\" [--year 2026] [-o DOSSIER] [--json]
                    [--schema SCHEMA.json] [--sheet FEUILLE]
  annuaire-cpts filename \"NOM DE LA CPTS\" [--year 2026]
  annuaire-cpts template [-o FICHIER] [--schema SCHEMA.json]
  annuaire-cpts schema [--schema SCHEMA.json] > schema.json
  annuaire-cpts compare ANCIEN NOUVEAU [--json] [-o DOSSIER] [--schema SCHEMA.json]
                    [--sheet FEUILLE]
  annuaire-cpts ars FICHIER... [-o DOSSIER] [--year 2026] [--json] [--schema SCHEMA.json]

--schema remplace les colonnes du modèle ARS Occitanie par celles d'un fichier JSON (Table
Schema) ; « annuaire-cpts schema » affiche le schéma par défaut, rôles compris, comme point de
départ. -o DOSSIER est créé s'il n'existe pas.

compare rapproche l'annuaire de l'an dernier (ANCIEN) de celui de cette année (NOUVEAU) :
arrivées, départs, modifications champ par champ, adoption de SPICO ; avec -o DOSSIER, il
écrit aussi le classeur « Évolutions » pour la CPTS (jamais à déposer à l'ARS) ; --sheet
désigne la feuille du fichier de cette année.

« ars » vérifie tous les annuaires reçus (un fichier illisible est signalé, jamais bloquant) et
écrit dans DOSSIER l'annuaire fusionné (Annuaire_CPTS_Occitanie_AAAA.xlsx) et les indicateurs
sans données personnelles (Indicateurs_CPTS_Occitanie_AAAA.xlsx, petits effectifs masqués) ;
code de sortie 2 seulement si aucun fichier n'a pu être lu.

Codes de sortie : 0 aucune erreur, 1 erreurs trouvées (dont un classeur sans annuaire : en-tête ou colonnes absents), 2 fichier illisible comme tableur ou arguments incorrects.";

/// Default name of the blank template.
pub const TEMPLATE_FILE: &str = "Modele_Annuaire_CPTS.xlsx";

/// An option given without its value.
pub fn missing_value(option: &str) -> String {
    format!("l'option {option} attend une valeur")
}
/// A year that is not a number.
pub fn bad_year(value: &str) -> String {
    format!("« {value} » n'est pas une année (exemple : --year 2026)")
}
/// An option we do not know.
pub fn unknown_option(option: &str) -> String {
    format!("option inconnue : {option} (voir annuaire-cpts --help)")
}
/// A subcommand we do not know.
pub fn unknown_command(command: &str) -> String {
    format!("commande inconnue : {command} (voir annuaire-cpts --help)")
}
/// A missing positional argument.
pub fn missing_argument(name: &str) -> String {
    format!("argument {name} manquant (voir annuaire-cpts --help)")
}
/// `fix` without the CPTS name.
pub fn missing_cpts() -> String {
    "indiquez le nom de la CPTS avec --cpts \"CPTS du centre TARN\" pour nommer le fichier".into()
}
/// A file that could not be read from disk.
pub fn cannot_read(path: &Path, e: &std::io::Error) -> String {
    format!("impossible de lire {} : {e}", path.display())
}
/// A folder that could not be made.
pub fn cannot_create_dir(path: &Path, e: &std::io::Error) -> String {
    format!("impossible de créer le dossier {} : {e}", path.display())
}
/// A file that could not be written to disk.
pub fn cannot_write(path: &Path, e: &std::io::Error) -> String {
    format!("impossible d'écrire {} : {e}", path.display())
}
/// `fix` would write the corrected file over its input.
pub fn would_overwrite(path: &Path) -> String {
    format!(
        "le fichier corrigé remplacerait le fichier d'origine {} : choisissez un autre dossier avec -o DOSSIER",
        path.display()
    )
}
/// A failure of the program itself (a bug), never of the user's file.
pub const INTERNAL_ERROR: &str =
    "erreur interne pendant la lecture d'un fichier ; si cela se reproduit, signalez-le à l'ARS";
/// A file written.
pub fn written(path: &Path) -> String {
    format!("Fichier écrit : {}", path.display())
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ERREUR",
        Severity::Warning => "attention",
        Severity::Notice => "info",
    }
}

/// The report as text for a terminal.
pub fn report(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Fichier : {}", r.file);
    if let Some(sheet) = &r.sheet {
        let _ = writeln!(
            out,
            "Feuille : {sheet} (en-tête ligne {})",
            r.header_row.unwrap_or(0)
        );
    }
    let _ = writeln!(
        out,
        "Lignes lues : {}, conservées : {}",
        r.rows_read, r.rows_kept
    );
    for f in &r.issues {
        let place = match (f.row, &f.column) {
            (Some(row), Some(col)) => format!("ligne {row}, {col}"),
            (Some(row), None) => format!("ligne {row}"),
            (None, Some(col)) => format!("colonne {col}"),
            (None, None) => "fichier".into(),
        };
        let _ = writeln!(
            out,
            "[{}] {place} : {} ({})",
            severity(f.severity),
            f.message,
            f.code
        );
    }
    let _ = writeln!(
        out,
        "Bilan : {} erreur(s), {} avertissement(s), {} information(s)",
        r.summary.error, r.summary.warning, r.summary.notice
    );
    if let Some(name) = &r.filename {
        let _ = writeln!(out, "Nom du fichier à déposer : {name}");
    }
    out
}
