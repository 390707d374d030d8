//! The corrected workbook and the blank template (SPEC §8), written by our own streaming xlsx
//! writer (`xlsx`): rows go straight to the deflated zip, so memory stays near the output's size.
//!
//! | module | sheet |
//! |---|---|
//! | `annuaire` | « Annuaire »: headers, formats, drop-downs, values by kind (both files) |
//! | `corrected` | the corrected file: kept rows, errors highlighted with a note |
//! | `controle` | « Contrôle »: what to look at one line each, the automatic fixes summarised |
//! | `template` | the blank template: one example row and « Instructions » |
//! | `evolutions` | « Évolutions »: this year against last year, for the coordinator only |
//! | `lists` | drop-down lists, long ones on a hidden sheet « Listes » |
//! | `style` | each column's formats |
//! | `xlsx` | the SpreadsheetML writer: sheets streamed row by row, styles, notes, package |
//! | `output` | the finished file, [`XlsxFile`]: fixed-size chunks, never one growing buffer |
//!
//! Identifiers, postal codes and phones are always written as text and their columns carry the
//! text format, so that no leading zero is lost, now or when the file is edited next year.

use std::borrow::Cow;

use crate::check::Results;
use crate::error::Error;
use crate::hash::FastSet;
use crate::report::Code;
use crate::schema::Schema;

mod annuaire;
mod controle;
mod corrected;
mod evolutions;
mod lists;
mod output;
mod style;
mod template;
mod xlsx;

pub use controle::FixKind;
pub use output::XlsxFile;
pub(crate) use xlsx::{column_name, Container, StoredEntry};

/// Excel's limit on the text of one cell, in UTF-16 units, less room for a note's author.
const MAX_TEXT: usize = 32_700;

/// The corrected workbook: sheet « Annuaire » (kept rows, schema order) and sheet « Contrôle »
/// (every finding and every removed row and column).
///
/// # Errors
/// [`Error::Write`] if the writer fails (a sheet's limits, memory).
pub fn write_corrected(outcome: &impl Results, schema: &Schema) -> Result<XlsxFile, Error> {
    corrected::write(outcome, schema).map_err(write_error)
}

/// The blank template: the same sheet, headers and drop-downs, one marked example row, and an
/// instructions sheet.
///
/// # Errors
/// [`Error::Write`] if the writer fails (a sheet's limits, memory).
///
/// ```
/// let file = annuaire_cpts::write::write_template(&annuaire_cpts::Schema::default()).unwrap();
/// let bytes = file.to_vec();
/// assert_eq!(&bytes[..2], b"PK");
/// ```
pub fn write_template(schema: &Schema) -> Result<XlsxFile, Error> {
    template::write(schema).map_err(write_error)
}

/// The « Évolutions » workbook of a year-over-year comparison: sheets « Synthèse »,
/// « Arrivées », « Départs » and « Modifications ». For the coordinator: it is never added to
/// the file for the ARS.
///
/// # Errors
/// [`Error::Write`] if the writer fails (a sheet's limits, memory).
pub fn write_evolutions(comparison: &crate::compare::Comparison) -> Result<XlsxFile, Error> {
    evolutions::write(comparison).map_err(write_error)
}

/// The public error for a writer failure; its detail is technical (English), for the support.
fn write_error(e: xlsx::WriteError) -> Error {
    Error::Write {
        detail: e.to_string(),
    }
}

/// The row numbers of the records whose removal (`None`: kept) passes `which`.
fn rows_where(outcome: &impl Results, which: impl Fn(Option<Code>) -> bool) -> FastSet<u32> {
    outcome
        .records()
        .iter()
        .filter(|r| which(r.removed))
        .map(|r| r.row)
        .collect()
}

/// `text` cut to what one Excel cell holds. Only a hostile CSV field can be longer: an xlsx or
/// ods cell cannot.
fn fit(text: &str) -> Cow<'_, str> {
    Cow::Borrowed(xlsx::cut_utf16(text, MAX_TEXT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_only_what_excel_cannot_hold() {
        assert_eq!(fit("0612345678"), "0612345678");
        let long = "é".repeat(40_000);
        let cut = fit(&long);
        assert_eq!(cut.encode_utf16().count(), MAX_TEXT);
        let emoji = "😀".repeat(20_000);
        assert!(fit(&emoji).encode_utf16().count() <= MAX_TEXT);
    }
}
