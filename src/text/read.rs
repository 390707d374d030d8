//! Messages for reading files and matching columns.

/// A `TRUE` cell, as French Excel shows it.
pub const TRUE: &str = "VRAI";
/// A `FALSE` cell, as French Excel shows it.
pub const FALSE: &str = "FAUX";

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

/// Technical detail of an `.xls` whose declared dimensions are impossible.
pub const DETAIL_XLS: &str = "dimensions de feuille .xls incohérentes";

/// The detail given when the spreadsheet parser itself failed on a malformed record.
pub const PARSER_PANIC: &str =
    "enregistrement malformé que le lecteur de tableur n'a pas pu analyser";
