//! A small streaming SpreadsheetML (xlsx) writer: each worksheet's XML goes row by row into
//! its deflated zip entry, so that memory holds the compressed output and at most one flush of
//! XML (`sheet::FLUSH_AT`), never a model of every cell nor a whole sheet's text. It writes what the directory's
//! workbooks need and nothing more: inline strings, numbers, dates, a fixed stylesheet
//! ([`Style`]), column widths, a frozen header, an autofilter, list validations, merged cells,
//! notes and hidden sheets.
//!
//! | module | part |
//! |---|---|
//! | `sheet` | `xl/worksheets/sheetN.xml`, streamed |
//! | `notes` | `xl/commentsN.xml` and `xl/drawings/vmlDrawingN.vml` |
//! | `package` | workbook, relationships, content types, document properties |
//! | `styles` | `xl/styles.xml` |
//! | `escape` | XML text and attributes |
//! | `cell` | A1 references, date serials |
//! | `container` | the zip itself: entries deflated with miniz_oxide, central directory |
//! | `rows` | rows written on their own (another worker, another thread), as bytes to hand over |
//!
//! Strings are written inline (`t="inlineStr"`) unless they are known to repeat: a
//! shared-strings table for every text needs a hash map of every distinct text of the workbook.
//! Two kinds of texts go to the table: the few fixed ones repeated on every line of a sheet
//! (codes, severities, column titles, through [`SheetWriter::shared`]), and the data's texts
//! that several cells share one allocation of (a profession, « Non », a fix's message, through
//! [`SheetWriter::text`]), found by their address, without hashing their bytes. In a large
//! file this takes a good share off the XML to deflate (bench/NOTES.md, « repeated data
//! texts »). Rows written on their own ([`SheetWriter::run`], in another worker or thread, to be
//! spliced into a sheet) write every text inline: the table's indices are the workbook's.

use std::sync::Arc;

use super::output::XlsxFile;
use crate::hash::FastMap;

mod cell;
mod container;
mod escape;
mod notes;
mod package;
mod rows;
mod sheet;
mod styles;

pub(crate) use cell::{absolute_range, column_name, cut_utf16, date_serial};
pub(crate) use container::{Container, StoredEntry};
pub(crate) use rows::Rows;
pub(crate) use sheet::{Column, SheetSpec, SheetWriter, Tail, Validation};
pub(crate) use styles::Style;

const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Why a workbook could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum WriteError {
    /// The zip archive refused a part (only an allocation failure can cause it in memory).
    Zip(String),
    /// A sheet name Excel does not accept.
    SheetName(String),
    /// A row or column beyond the sheet's limits, or rows out of order.
    Position {
        /// The 0-based row.
        row: u32,
        /// The 0-based column.
        col: u16,
    },
    /// A list validation's text over Excel's limits.
    Validation(String),
    /// The sheets written differ from the [`Plan`] (a bug of the caller).
    Plan(&'static str),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Zip(e) => write!(f, "zip: {e}"),
            WriteError::SheetName(name) => write!(f, "invalid sheet name {name:?}"),
            WriteError::Position { row, col } => {
                write!(f, "cell out of range or order: row {row}, column {col}")
            }
            WriteError::Validation(e) => write!(f, "data validation: {e}"),
            WriteError::Plan(what) => write!(f, "workbook differs from its plan: {what}"),
        }
    }
}

impl std::error::Error for WriteError {}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> WriteError {
        WriteError::Zip(e.to_string())
    }
}

/// What the workbook part needs to know of a written sheet.
#[derive(Debug, Clone)]
struct SheetEntry {
    name: String,
    hidden: bool,
    /// The number of its notes part (`commentsN.xml`), if it has notes.
    notes: Option<u32>,
    /// The autofilter's absolute range, for the `_xlnm._FilterDatabase` name.
    filter: Option<String>,
}

/// What the workbook will hold, declared before its sheets so that `[Content_Types].xml` can be
/// the zip's first entry, where file-type sniffers (libmagic, upload filters) look for it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Plan {
    /// For each sheet in order, whether it has notes.
    pub notes: Vec<bool>,
    /// Whether sheets use the shared-strings table ([`SheetWriter::shared`]).
    pub shared_strings: bool,
}

/// A workbook being written: sheets one after the other with [`Book::sheet`], then
/// [`Book::finish`].
pub(crate) struct Book {
    /// Into fixed-size chunks, not one growing buffer (see `output`).
    zip: container::Container,
    plan: Plan,
    sheets: Vec<SheetEntry>,
    shared: SharedStrings,
    /// The first free block of VML shape ids (see `notes::blocks`).
    vml_block: u32,
}

/// The shared-strings table: the fixed texts repeated on every line (see
/// [`SheetWriter::shared`]) and the data's shared texts (see [`SheetWriter::text`]).
#[derive(Default)]
struct SharedStrings {
    /// The table, in index order.
    texts: Vec<Arc<str>>,
    /// Fixed texts, by text (the table's own allocation).
    by_text: FastMap<Arc<str>, u32>,
    /// The data's shared texts, by the address of their allocation, which the table keeps
    /// alive: an address cannot be reused while it is listed.
    by_address: FastMap<usize, u32>,
    /// Cells that refer to the table.
    uses: u64,
}

/// Holders of one text (the table's cell, the records, the findings) from which it counts as
/// repeated: a text held by its cell and its record alone is written inline.
const REPEATED: usize = 4;
/// At most this many data texts go to the table, which is kept whole until the end.
const MAX_DATA_TEXTS: usize = 1 << 17;

impl SharedStrings {
    /// The index of the fixed text `text`, added if new.
    fn index_of(&mut self, text: &str) -> u32 {
        self.uses += 1;
        if let Some(&i) = self.by_text.get(text) {
            return i;
        }
        let text: Arc<str> = Arc::from(text);
        let i = self.push(Arc::clone(&text));
        self.by_text.insert(text, i);
        i
    }

    /// The index of the data text `text` if it is listed or repeated (then listed), `None` to
    /// write it inline.
    fn index_of_shared(&mut self, text: &Arc<str>) -> Option<u32> {
        let address = Arc::as_ptr(text).cast::<u8>() as usize;
        let index = match self.by_address.get(&address) {
            Some(&i) => i,
            None if Arc::strong_count(text) >= REPEATED
                && self.by_address.len() < MAX_DATA_TEXTS =>
            {
                let i = self.push(Arc::clone(text));
                self.by_address.insert(address, i);
                i
            }
            None => return None,
        };
        self.uses += 1;
        Some(index)
    }

    fn push(&mut self, text: Arc<str>) -> u32 {
        let i = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
        self.texts.push(text);
        i
    }

    fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// `xl/sharedStrings.xml`.
    fn xml(&self) -> String {
        let texts = &self.texts;
        let mut out = String::from(XML_DECLARATION);
        out.push_str(&format!(
            r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{}" uniqueCount="{}">"#,
            self.uses,
            texts.len()
        ));
        for text in texts {
            let text: &str = text;
            out.push_str(if escape::needs_preserve(text) {
                r#"<si><t xml:space="preserve">"#
            } else {
                "<si><t>"
            });
            escape::push_text(&mut out, text);
            out.push_str("</t></si>");
        }
        out.push_str("</sst>");
        out
    }
}

impl Book {
    /// A workbook of the sheets of `plan`; writes `[Content_Types].xml`.
    ///
    /// # Errors
    /// [`WriteError::Zip`] if the archive refuses the part.
    pub(crate) fn new(plan: Plan) -> Result<Book, WriteError> {
        let mut book = Book {
            zip: container::Container::piped(),
            plan,
            sheets: Vec::new(),
            shared: SharedStrings::default(),
            vml_block: 1,
        };
        let types = package::content_types(&book.plan);
        book.part("[Content_Types].xml", &types)?;
        Ok(book)
    }

    /// Starts the next sheet. Write its rows through the returned writer, then call
    /// [`SheetWriter::finish`].
    ///
    /// # Errors
    /// [`WriteError::SheetName`] for a name Excel refuses or already used;
    /// [`WriteError::Plan`] for a sheet more than planned.
    pub(crate) fn sheet(&mut self, spec: SheetSpec<'_>) -> Result<SheetWriter<'_>, WriteError> {
        if self.sheets.len() >= self.plan.notes.len() {
            return Err(WriteError::Plan("more sheets"));
        }
        check_sheet_name(spec.name)?;
        if self
            .sheets
            .iter()
            .any(|s| s.name.to_lowercase() == spec.name.to_lowercase())
        {
            return Err(WriteError::SheetName(spec.name.to_string()));
        }
        SheetWriter::start(self, spec)
    }

    /// Opens the zip entry `path`.
    fn start_part(&mut self, path: &str) -> Result<(), WriteError> {
        self.zip.start_entry(path)
    }

    /// Writes a whole small part.
    fn part(&mut self, path: &str, content: &str) -> Result<(), WriteError> {
        self.start_part(path)?;
        self.zip.write_all(content.as_bytes())?;
        Ok(())
    }

    /// Writes the workbook, styles, relationships and properties, and returns the file.
    ///
    /// # Errors
    /// [`WriteError::Zip`] if the archive cannot be completed; [`WriteError::Plan`] if the
    /// sheets written are not those planned.
    pub(crate) fn finish(mut self) -> Result<XlsxFile, WriteError> {
        let sheets = std::mem::take(&mut self.sheets);
        if sheets.len() != self.plan.notes.len() {
            return Err(WriteError::Plan("fewer sheets"));
        }
        let shared = self.plan.shared_strings;
        if !shared && !self.shared.is_empty() {
            return Err(WriteError::Plan("unplanned shared strings"));
        }
        if shared {
            let xml = self.shared.xml();
            self.part("xl/sharedStrings.xml", &xml)?;
        }
        self.part("xl/workbook.xml", &package::workbook_xml(&sheets))?;
        self.part(
            "xl/_rels/workbook.xml.rels",
            &package::workbook_rels(sheets.len(), shared),
        )?;
        self.part("xl/styles.xml", styles::STYLES_XML)?;
        self.part("xl/theme/theme1.xml", package::THEME_XML)?;
        self.part("docProps/app.xml", &package::app_xml(&sheets))?;
        self.part("docProps/core.xml", package::CORE_XML)?;
        self.part("_rels/.rels", package::ROOT_RELS)?;
        self.zip.finish()
    }
}

/// Excel's rules for a sheet name: 1 to 31 characters, none of `[]:*?/\`, not starting or
/// ending with an apostrophe, not « History » (reserved).
fn check_sheet_name(name: &str) -> Result<(), WriteError> {
    let length = name.encode_utf16().count();
    let valid = (1..=31).contains(&length)
        && !name.contains(['[', ']', ':', '*', '?', '/', '\\'])
        && !name.starts_with('\'')
        && !name.ends_with('\'')
        && !name.eq_ignore_ascii_case("history")
        && !name.chars().any(char::is_control);
    if valid {
        Ok(())
    } else {
        Err(WriteError::SheetName(name.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_follow_excel_rules() {
        for good in ["Annuaire", "Contrôle", "Listes", "A b", &"x".repeat(31)] {
            assert_eq!(check_sheet_name(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "a/b",
            "a[1]",
            "q?",
            "'a",
            "a'",
            "History",
            &"x".repeat(32),
            "a\tb",
        ] {
            assert!(check_sheet_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_sheet_name_is_used_once() {
        let mut book = Book::new(Plan {
            notes: vec![false, false],
            shared_strings: false,
        })
        .unwrap();
        let spec = || SheetSpec {
            name: "Annuaire",
            ..SheetSpec::default()
        };
        book.sheet(spec()).unwrap().finish(Tail::default()).unwrap();
        assert!(matches!(book.sheet(spec()), Err(WriteError::SheetName(_))));
    }

    #[test]
    fn only_repeated_data_texts_are_shared() {
        let mut table = SharedStrings::default();
        let once: Arc<str> = Arc::from("DUPONT");
        let _record = Arc::clone(&once);
        assert_eq!(table.index_of_shared(&once), None);
        let non: Arc<str> = Arc::from("Non");
        let holders: Vec<Arc<str>> = (1..REPEATED).map(|_| Arc::clone(&non)).collect();
        assert_eq!(table.index_of_shared(&non), Some(0));
        assert_eq!(table.index_of_shared(&holders[0]), Some(0));
        // The same text in another allocation is another entry: allowed, and rare.
        let other: Vec<Arc<str>> = vec![Arc::from("Non"); REPEATED];
        assert_eq!(table.index_of_shared(&other[0]), Some(1));
        assert_eq!(table.index_of("Erreur"), 2);
        assert_eq!(table.index_of("Erreur"), 2);
        let xml = table.xml();
        assert!(xml.contains(r#"count="5" uniqueCount="3">"#), "{xml}");
        assert!(xml.ends_with("<si><t>Non</t></si><si><t>Non</t></si><si><t>Erreur</t></si></sst>"));
    }

    #[test]
    fn the_workbook_must_be_as_planned() {
        let plan = |notes: Vec<bool>| Plan {
            notes,
            shared_strings: false,
        };
        let spec = |name| SheetSpec {
            name,
            ..SheetSpec::default()
        };
        let mut book = Book::new(plan(vec![false])).unwrap();
        book.sheet(spec("A"))
            .unwrap()
            .finish(Tail::default())
            .unwrap();
        assert_eq!(
            book.sheet(spec("B")).err(),
            Some(WriteError::Plan("more sheets"))
        );
        assert!(book.finish().is_ok());
        assert_eq!(
            Book::new(plan(vec![false])).unwrap().finish().err(),
            Some(WriteError::Plan("fewer sheets"))
        );
        let mut book = Book::new(plan(vec![true])).unwrap();
        let sheet = book.sheet(spec("A")).unwrap();
        assert!(matches!(
            sheet.finish(Tail::default()),
            Err(WriteError::Plan(_))
        ));
        let mut book = Book::new(plan(vec![false])).unwrap();
        let mut sheet = book.sheet(spec("A")).unwrap();
        sheet.row(0, None).unwrap();
        sheet.shared(0, "x", Style::Default).unwrap();
        sheet.finish(Tail::default()).unwrap();
        assert!(matches!(book.finish(), Err(WriteError::Plan(_))));
    }
}
