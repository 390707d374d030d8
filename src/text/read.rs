//! Messages for reading files and matching columns.

use crate::read::Oddity;

/// A `TRUE` cell, as French Excel shows it.
pub const TRUE: &str = "VRAI";
/// A `FALSE` cell, as French Excel shows it.
pub const FALSE: &str = "FAUX";

/// Several sheets look like the directory: which one was checked, and which others.
pub fn other_sheets(checked: &str, others: &[String]) -> String {
    format!(
        "La feuille « {checked} » a été vérifiée. {} « {} » {} aussi à un annuaire : si c'est {} qu'il faut déposer, choisissez-la, ou supprimez du classeur les feuilles qui ne sont pas l'annuaire de cette année.",
        if others.len() > 1 { "Les feuilles" } else { "La feuille" },
        others.join(" », « "),
        if others.len() > 1 { "ressemblent" } else { "ressemble" },
        if others.len() > 1 { "l'une d'elles" } else { "elle" },
    )
}

/// A cell whose stored value could not be read (`cell.unreadable`), at `reference` (`D7`).
pub fn cell_unreadable(reference: &str, oddity: Oddity) -> String {
    let what = match oddity {
        Oddity::Bool => "une valeur logique autre que VRAI ou FAUX",
        Oddity::Number => "un nombre mal enregistré",
        Oddity::SharedString => "un texte absent du classeur",
        Oddity::Type => "un type de cellule inconnu",
        Oddity::Entity => "un caractère non reconnu",
        Oddity::Error => "une valeur d'erreur inconnue",
    };
    format!(
        "La cellule {reference} n'a pas pu être lue ({what}) : elle est lue vide. Ouvrez le fichier dans votre tableur, vérifiez cette cellule et saisissez à nouveau sa valeur."
    )
}

/// The sheet name given to a CSV file's only table.
pub const CSV_SHEET: &str = "CSV";

/// What a refused file is (« Ce fichier est … »).
pub const WHAT_PDF: &str = "un document PDF";
/// An image.
pub const WHAT_IMAGE: &str = "une image";
/// An RTF document.
pub const WHAT_RTF: &str = "un document RTF";
/// A web page (some tools export « .xls » files that are HTML).
pub const WHAT_HTML: &str = "une page web (HTML)";
/// An XML file that is not a workbook.
pub const WHAT_XML: &str = "un fichier XML";
/// An archive that is not a workbook.
pub const WHAT_ARCHIVE: &str = "une archive compressée (ZIP, RAR, 7z…)";
/// A Word document.
pub const WHAT_WORD: &str = "un document Word";
/// A PowerPoint presentation.
pub const WHAT_POWERPOINT: &str = "une présentation PowerPoint";
/// An OpenDocument file that is not a spreadsheet.
pub const WHAT_ODF_OTHER: &str = "un document OpenDocument qui n'est pas un classeur";
/// An OLE file that holds no workbook.
pub const WHAT_OLE_OTHER: &str = "un document Office qui n'est pas un classeur";

/// An Excel 2.x–4.0 file (BIFF2–4), older than what we read.
pub const WHAT_BIFF2_4: &str = "un classeur au format Excel 2.x–4.0 (antérieur à 1993), que la page ne lit pas : ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format .xlsx";
/// An Excel 2003 XML workbook (SpreadsheetML).
pub const WHAT_SPREADSHEETML: &str = "un classeur « Feuille de calcul XML 2003 » d'Excel, que la page ne lit pas : ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format .xlsx";
/// A flat OpenDocument file (`.fods`).
pub const WHAT_FODS: &str = "un classeur OpenDocument « à plat » (.fods), que la page ne lit pas : ouvrez-le dans LibreOffice et enregistrez-le au format .ods ou .xlsx";
/// An Apple Numbers document.
pub const WHAT_NUMBERS: &str = "un document Numbers (Apple), que la page ne lit pas : dans Numbers, choisissez Fichier > Exporter vers > Excel, puis déposez le fichier .xlsx";

/// Technical detail of a damaged OLE container.
pub const DETAIL_OLE: &str = "conteneur OLE illisible";

/// A required column is absent.
pub fn column_missing(title: &str) -> String {
    format!(
        "La colonne « {title} » est obligatoire et n'a pas été trouvée. Ajoutez-la (ou renommez l'en-tête existant en « {title} »), puis déposez le fichier à nouveau."
    )
}

/// Neither contact column is present.
pub fn contact_missing(titles: &[&str]) -> String {
    format!(
        "Aucune colonne de contact n'a été trouvée : il en faut au moins une parmi « {} ». Ajoutez-la, puis déposez le fichier à nouveau.",
        titles.join(" » ou « ")
    )
}

/// A column that is not in the schema.
pub fn column_unknown(header: &str) -> String {
    format!(
        "La colonne « {header} » ne fait pas partie de l'annuaire : elle n'est pas reprise dans le fichier corrigé. Si elle correspond à une colonne attendue, renommez son en-tête."
    )
}

/// A second column for the same field.
pub fn column_duplicate(header: &str, title: &str) -> String {
    format!(
        "La colonne « {header} » correspond elle aussi à « {title} » : seule la première est utilisée. Supprimez ou renommez la colonne en double."
    )
}

/// Technical detail of an unreadable OpenDocument `content.xml`.
pub const DETAIL_ODS: &str = "content.xml illisible";

/// Technical detail of an `.xlsx` holding more than `limit` cells whose value cannot be read.
pub fn detail_unreadable_cells(limit: usize) -> String {
    format!("plus de {limit} cellules dont la valeur enregistrée ne peut pas être lue")
}

/// Technical detail of an `.xlsx` sheet that ends inside a cell.
pub const DETAIL_XLSX_CELL: &str = "feuille .xlsx interrompue dans une cellule";

/// Technical detail of an `.xls` whose declared dimensions are impossible.
pub const DETAIL_XLS: &str = "dimensions de feuille .xls incohérentes";

/// Technical detail of an `.xlsb` record that runs past the end of its part.
pub const DETAIL_XLSB_CUT: &str = "enregistrement .xlsb coupé par la fin de sa partie";

/// Technical detail of an `.xlsb` sheet whose relationship id runs past its record.
pub const DETAIL_XLSB_SHEET_ID: &str =
    "feuille .xlsb dont l'identifiant de relation dépasse son enregistrement";

/// Technical detail of an `.xlsb` defined name whose formula is malformed.
pub const DETAIL_XLSB_FORMULA: &str = "nom défini .xlsb dont la formule est malformée";

/// Technical detail of an `.xlsb` text longer than any string can be.
pub const DETAIL_XLSB_TEXT: &str = "texte .xlsb de longueur impossible";

/// Technical detail of an `.xlsb` record of type `typ` holding `len` bytes, fewer than it must.
pub fn detail_xlsb_short(typ: u16, len: usize) -> String {
    format!("enregistrement .xlsb {typ:#06x} trop court ({len} octets)")
}

/// Technical detail of an `.xlsb` record held whole past `limit` bytes.
pub fn detail_xlsb_long(typ: u16, limit: usize) -> String {
    format!("enregistrement .xlsb {typ:#06x} de plus de {limit} octets")
}

/// Technical detail of an `.xlsb` sheet whose relationship `id` is not in the workbook's.
pub fn detail_xlsb_sheet_link(id: &str) -> String {
    format!("feuille .xlsb liée à la relation « {id} », absente du classeur")
}

/// Technical detail of an `.xlsb` cell (0-based `row`, `column`) naming shared string `index`
/// of a table of `count`.
pub fn detail_xlsb_shared_string(row: u32, column: u32, index: u32, count: u64) -> String {
    format!(
        "cellule .xlsb ligne {}, colonne {} : texte partagé n° {index} absent (la table en compte {count})",
        u64::from(row) + 1,
        u64::from(column) + 1
    )
}

/// The detail given when the spreadsheet parser itself failed on a malformed record.
pub const PARSER_PANIC: &str =
    "enregistrement malformé que le lecteur de tableur n'a pas pu analyser";
