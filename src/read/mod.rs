//! Bytes → [`Table`]: the format is sniffed from the content (never the extension), the sheet
//! that looks most like the directory is chosen, the header row is found and its columns matched
//! to the schema.

use crate::error::Error;
use crate::report::Finding;
use crate::schema::Schema;
use crate::table::Table;

/// What to read.
#[derive(Clone, Copy, Debug)]
pub struct ReadOptions<'a> {
    /// The schema whose headers are looked for.
    pub schema: &'a Schema,
    /// The sheet to read; `None` picks the one that looks most like the directory.
    pub sheet: Option<&'a str>,
}

/// Reads a directory file.
///
/// Returns the table and the column findings (`column.missing`, `column.unknown`,
/// `column.duplicate`).
///
/// # Errors
/// [`Error`] when the bytes are not a spreadsheet we can read, or no header row is found.
pub fn read_table(_bytes: &[u8], _options: &ReadOptions) -> Result<(Table, Vec<Finding>), Error> {
    todo!("helper read")
}
