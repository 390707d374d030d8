//! The ARS side: the table of files, the merged workbook, the indicators without personal data
//! and the command line's `ars` lines.

/// A masked count from 1 to 10.
pub const SMALL: &str = "< 11";
/// A count masked so that a small one cannot be recomputed (secondary suppression).
pub const SECRET: &str = "s";

/// The row of the whole region in the indicators.
pub const REGION: &str = "Région (toutes les CPTS)";
/// The row of the coordinator's own CPTS in her indicators.
pub const THIS_CPTS: &str = "Votre CPTS";
/// The first column of the indicators' tables.
pub const CPTS_HEADER: &str = "CPTS";
/// The total column of a table.
pub const TOTAL: &str = "Total";
/// The heading of a table's block of shares.
pub const SHARES: &str = "Part (%)";

/// A value that is empty or not one of the table's categories.
pub const NOT_GIVEN: &str = "Non renseigné ou non reconnu";
/// SPICO: a member who uses it.
pub const USERS: &str = "Utilisateurs";
/// SPICO: a member who does not.
pub const NON_USERS: &str = "Non-utilisateurs";

/// The title (and sheet name, at most 31 characters) of each table of indicators, by id.
pub fn table_title(id: &str) -> &'static str {
    match id {
        "adherents" => "Adhérents",
        "professions" => "Professions",
        "modes" => "Modes d'exercice",
        "departements" => "Départements",
        "spico_dossier" => "SPICO Dossier",
        "spico_discussion" => "SPICO Discussion",
        "spico_dossier_professions" => "SPICO Dossier par profession",
        "spico_discussion_professions" => "SPICO Discussion par profession",
        _ => "Indicateurs",
    }
}

/// What the shares of a table are of, by id.
pub fn shares_of(id: &str) -> &'static str {
    match id {
        "spico_dossier_professions" | "spico_discussion_professions" => {
            "Part des adhérents de la profession qui l'utilisent"
        }
        "adherents" => "Part des adhérents de la région",
        _ => "Part des adhérents de la CPTS",
    }
}

/// The indicators' first sheet.
pub const SHEET_README: &str = "Lisez-moi";

/// The lines of « Lisez-moi »: what the indicators are and how small counts are masked.
pub fn readme(year: i32, files: usize) -> Vec<String> {
    let mut lines = vec![
        format!("Indicateurs des annuaires des CPTS d'Occitanie, année {year}"),
        format!("Calculés sur {files} fichier(s), à partir des seuls adhérents conservés dans les annuaires vérifiés (les adhérents opposés à la transmission n'y sont pas comptés)."),
        "Ce classeur ne contient aucune donnée personnelle : uniquement des effectifs, par CPTS et pour la région.".into(),
    ];
    lines.extend(masking_rules());
    lines
}

/// The lines of « Lisez-moi » of a coordinator's own indicators: the same rules, for her CPTS
/// (`cpts` when she named it).
pub fn readme_cpts(cpts: Option<&str>, year: i32) -> Vec<String> {
    let mut lines = vec![
        match cpts {
            Some(cpts) => format!("Indicateurs de l'annuaire de « {cpts} », année {year}"),
            None => format!("Indicateurs de l'annuaire de la CPTS, année {year}"),
        },
        "Calculés à partir des seuls adhérents conservés dans l'annuaire vérifié, tel qu'il est après vos corrections (les adhérents opposés à la transmission n'y sont pas comptés).".into(),
        "Ce classeur ne contient aucune donnée personnelle : uniquement des effectifs de la CPTS. Il peut être partagé avec le bureau de la CPTS ou avec l'ARS.".into(),
    ];
    lines.extend(masking_rules());
    lines
}

/// How small counts are masked, and what the department is: the same for the ARS and a CPTS.
fn masking_rules() -> [String; 4] {
    [
        format!("Secret statistique (règles du SNDS) : un effectif de 1 à 10 est affiché « {SMALL} » ; 0 reste 0."),
        format!("Pour qu'un effectif masqué ne puisse pas être recalculé (par les totaux d'une ligne ou d'une colonne, ou par le total régional moins les autres CPTS), d'autres effectifs sont masqués aussi : ils sont affichés « {SECRET} ». Un effectif de 1 à 10 peut aussi être affiché « {SECRET} » quand les seules bornes de « {SMALL} » suffiraient à le retrouver (par exemple dix effectifs de 1 sous un total de 10)."),
        "Une part calculée à partir d'un effectif masqué est masquée.".into(),
        "Département : celui du code postal d'exercice.".into(),
    ]
}

/// The merged workbook's sheet of files.
pub const SHEET_FICHIERS: &str = "Fichiers";

/// The header of the merged « Annuaire »'s first column.
pub const MERGED_CPTS: &str = "CPTS";
/// The header of the merged « Contrôle »'s first column.
pub const CONTROLE_FILE: &str = "Fichier";

/// Headers of the table of files, in column order.
pub const FILE_HEADERS: [&str; 12] = [
    "Fichier",
    "CPTS",
    "Année",
    "Nom conforme",
    "Nom attendu",
    "Lignes lues",
    "Lignes conservées",
    "Erreurs",
    "Avertissements",
    "Informations",
    "Lignes retirées",
    "Message",
];

/// Oui / Non as written in the table of files.
pub fn yes_no(value: bool) -> &'static str {
    if value {
        "Oui"
    } else {
        "Non"
    }
}

/// `row.other_cpts`: the member's RPPS/ADELI is listed by another CPTS too.
pub fn other_cpts(cpts: &str, file: &str, row: u32) -> String {
    format!(
        "Ce numéro RPPS/ADELI figure aussi dans l'annuaire de « {cpts} » ({file}, ligne {row}) : un professionnel peut adhérer à deux CPTS, rien à corriger si c'est le cas."
    )
}

/// The merged workbook's name.
pub fn merged_file(year: i32) -> String {
    format!("Annuaire_CPTS_Occitanie_{year}.xlsx")
}

/// The indicators workbook's name.
pub fn indicators_file(year: i32) -> String {
    format!("Indicateurs_CPTS_Occitanie_{year}.xlsx")
}

/// The name of a coordinator's own indicators workbook: her file's ARS name with
/// « Indicateurs » in front (`Indicateurs_CPTS_Du_Lot_2026.xlsx`), or a plain name when she
/// gave no CPTS name.
pub fn cpts_indicators_file(cpts: Option<&str>, year: i32) -> String {
    match cpts {
        Some(cpts) => {
            crate::filename::ars_file_name(cpts, year).replacen("Annuaire_", "Indicateurs_", 1)
        }
        None => format!("Indicateurs_CPTS_{year}.xlsx"),
    }
}

/// The progress line of one file, on the command line's standard error.
pub fn progress(done: usize, total: usize, file: &str, outcome: &str) -> String {
    format!("[{done}/{total}] {file} : {outcome}")
}

/// A file's line of progress once checked.
pub fn progress_checked(rows: usize, errors: usize, warnings: usize) -> String {
    format!("{rows} ligne(s), {errors} erreur(s), {warnings} avertissement(s)")
}

/// A file that could not be read from the disk.
pub fn cannot_read(e: &std::io::Error) -> String {
    format!("impossible de lire le fichier : {e}")
}

/// `ars` when no file could be read at all.
pub const NOTHING_READ: &str = "aucun fichier n'a pu être lu : aucun classeur écrit";

/// The command line's table of files, one line per file, then the totals.
pub fn files_table(files: &[crate::ars::FileEntry]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for f in files {
        let name = if f.follows_rule {
            "nom conforme".to_string()
        } else {
            match &f.expected_name {
                Some(expected) => format!("nom non conforme, attendu : {expected}"),
                None => "nom non conforme".to_string(),
            }
        };
        let _ = write!(out, "{} — {name}", f.file);
        match &f.message {
            Some(message) => {
                let _ = writeln!(out, " — ILLISIBLE : {message}");
            }
            None => {
                let _ = writeln!(
                    out,
                    " — lues {}, conservées {}, retirées {}, erreurs {}, avertissements {}",
                    f.rows_read, f.rows_kept, f.rows_removed, f.errors, f.warnings
                );
            }
        }
    }
    let unreadable = files.iter().filter(|f| f.message.is_some()).count();
    let with_errors = files.iter().filter(|f| f.errors > 0).count();
    let _ = writeln!(
        out,
        "Bilan : {} fichier(s), {unreadable} illisible(s), {with_errors} avec des erreurs",
        files.len()
    );
    out
}

/// The page's batch, asked for a workbook when no file at all could be read.
pub const NOTHING_READ_PAGE: &str =
    "Aucun des fichiers déposés n'a pu être lu : il n'y a rien à regrouper.";

/// The page's batch, asked for its results before every file was added (a bug of the page).
pub const NOT_FINISHED: &str =
    "Les fichiers ne sont pas encore tous vérifiés : attendez la fin de la vérification.";
