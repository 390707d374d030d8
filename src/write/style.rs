//! The formats of each « Annuaire » column, from its kind (the stylesheet itself is
//! `xlsx::styles`).

use super::xlsx::Style;
use crate::schema::{Field, Kind};

/// The formats of one column of « Annuaire ».
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct ColumnStyle {
    /// The column's own format: Excel's « Texte » (`@`) for identifiers, postal codes and
    /// phones, so that no leading zero is lost; `dd/mm/yyyy` for dates; none otherwise. Also set
    /// on the whole column, so that next year's typing keeps it.
    pub base: Style,
    /// A cell that still holds an error: the same number format, highlighted.
    pub error: Style,
    /// The template's example row: the same number format, grey italic.
    pub example: Style,
}

impl ColumnStyle {
    /// The formats for a field, from its kind.
    pub(super) fn of(field: &Field) -> ColumnStyle {
        let (base, error, example) = match field.kind {
            Kind::Identifier | Kind::PostalCode | Kind::Phone => {
                (Style::Text, Style::ErrorText, Style::ExampleText)
            }
            Kind::Date => (Style::Date, Style::ErrorDate, Style::ExampleDate),
            _ => (Style::Default, Style::Error, Style::Example),
        };
        ColumnStyle {
            base,
            error,
            example,
        }
    }
}
