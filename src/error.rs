//! Why a file could not be processed at all. A wrong cell is never an `Error`: it is a
//! [`Finding`](crate::Finding).

use crate::report::Code;
use crate::text::errors as msg;

/// The workbook, CSV or schema could not be processed.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The file holds no byte at all.
    Empty,
    /// The content is not a format we read (PDF, image, Word…); `what` names it when known.
    Unsupported {
        /// What the bytes look like, in French (« un PDF »), when recognised.
        what: Option<String>,
    },
    /// A spreadsheet, in a format we do not read (Excel 2.x–4.0, Excel 2003 XML, flat
    /// OpenDocument, Numbers); `what` names it and says how to convert it.
    OtherSpreadsheet {
        /// The format and the way out, in French.
        what: String,
    },
    /// A spreadsheet format, but damaged (truncated zip, broken XML…).
    Corrupt {
        /// The reader's own explanation (technical, kept for the ARS IT staff).
        detail: String,
    },
    /// A password-protected workbook.
    Encrypted,
    /// Larger than we accept, from the sizes the file declares, before inflating anything.
    TooLarge {
        /// What the file declares or holds, in `unit`s.
        size: u64,
        /// Our limit in the same unit.
        limit: u64,
        /// What `size` and `limit` count.
        unit: SizeUnit,
    },
    /// The workbook has no sheet with any data.
    NoSheet,
    /// The requested sheet does not exist.
    SheetNotFound {
        /// The name asked for.
        name: String,
    },
    /// No row of the sheet looks like the directory's header.
    NoHeader,
    /// The schema file is not a usable Table Schema.
    Schema {
        /// What is wrong with it.
        detail: String,
    },
    /// Writing the corrected workbook failed.
    Write {
        /// The writer's own explanation.
        detail: String,
    },
}

/// What a size limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SizeUnit {
    /// Bytes (the file, or what a zip declares once inflated).
    Bytes,
    /// Entries of a zip archive.
    Entries,
    /// Rows of a sheet.
    Rows,
    /// Cells a sheet would expand to.
    Cells,
    /// Bytes of text the cells hold once read (one cell's, or the whole sheet's).
    Text,
}

impl Error {
    /// The report code this error gives.
    pub fn code(&self) -> Code {
        match self {
            // The bytes were read as a spreadsheet: it is just not a directory.
            Error::NoHeader | Error::NoSheet => Code::FileNoHeader,
            _ => Code::FileUnreadable,
        }
    }

    /// Whether the bytes could not be read as a spreadsheet at all (the command line's exit
    /// code 2), rather than read and found not to be a directory (exit code 1).
    pub fn is_unreadable(&self) -> bool {
        self.code() == Code::FileUnreadable
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&msg::describe(self))
    }
}

impl std::error::Error for Error {}
