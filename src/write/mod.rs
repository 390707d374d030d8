//! The corrected workbook and the blank template, written with rust_xlsxwriter (SPEC §8).
//!
//! | module | sheet |
//! |---|---|
//! | `annuaire` | « Annuaire »: headers, formats, drop-downs, values by kind (both files) |
//! | `corrected` | the corrected file: kept rows, errors highlighted with a note |
//! | `controle` | « Contrôle »: every finding and every removed row |
//! | `template` | the blank template: one example row and « Instructions » |
//! | `lists` | drop-down lists, long ones on a hidden sheet « Listes » |
//! | `style` | the formats |
//!
//! Identifiers, postal codes and phones are always written as text and their columns carry the
//! text format, so that no leading zero is lost, now or when the file is edited next year.

use std::borrow::Cow;

use crate::check::Outcome;
use crate::error::Error;
use crate::schema::Schema;

mod annuaire;
mod controle;
mod corrected;
mod lists;
mod style;
mod template;

/// Excel's limit on the text of one cell, in UTF-16 units, less room for a note's author.
const MAX_TEXT: usize = 32_700;

/// The corrected workbook: sheet « Annuaire » (kept rows, schema order) and sheet « Contrôle »
/// (every finding and every removed row and column).
///
/// # Errors
/// [`Error::Write`] if rust_xlsxwriter fails.
pub fn write_corrected(outcome: &Outcome, schema: &Schema) -> Result<Vec<u8>, Error> {
    Ok(corrected::write(outcome, schema)?)
}

/// The blank template: the same sheet, headers and drop-downs, one marked example row, and an
/// instructions sheet.
///
/// # Errors
/// [`Error::Write`] if rust_xlsxwriter fails.
///
/// ```
/// let bytes = annuaire_cpts::write::write_template(&annuaire_cpts::Schema::default()).unwrap();
/// assert_eq!(&bytes[..2], b"PK");
/// ```
pub fn write_template(schema: &Schema) -> Result<Vec<u8>, Error> {
    Ok(template::write(schema)?)
}

/// `text` cut to what one Excel cell holds. Only a hostile CSV field can be longer: an xlsx or
/// ods cell cannot.
fn fit(text: &str) -> Cow<'_, str> {
    if text.len() <= MAX_TEXT {
        return Cow::Borrowed(text);
    }
    let mut units = 0;
    let end = text
        .char_indices()
        .find(|(_, c)| {
            units += c.len_utf16();
            units > MAX_TEXT
        })
        .map_or(text.len(), |(i, _)| i);
    Cow::Borrowed(text.get(..end).unwrap_or_default())
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
