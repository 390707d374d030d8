//! Cell formats shared by the corrected workbook and the template.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

use crate::schema::{Field, Kind};

/// Excel's built-in « Texte » number format (`@`): what is typed stays as typed (no lost
/// leading zero).
const TEXT_FORMAT_INDEX: u8 = 49;
/// The French date format.
const DATE: &str = "dd/mm/yyyy";

const HEADER_FILL: u32 = 0x00DD_EBF7;
const ERROR_FILL: u32 = 0x00FF_C7CE;
const ERROR_FONT: u32 = 0x009C_0006;
const EXAMPLE_FONT: u32 = 0x0080_8080;

/// The bold, filled, wrapped header of a table.
pub(super) fn header() -> Format {
    Format::new()
        .set_bold()
        .set_background_color(Color::RGB(HEADER_FILL))
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
}

/// A bold heading line (instructions sheet).
pub(super) fn heading(size: u8) -> Format {
    Format::new().set_bold().set_font_size(size)
}

/// Wrapped text, aligned to the top (long cells of the instructions sheet).
pub(super) fn wrapped() -> Format {
    Format::new().set_text_wrap().set_align(FormatAlign::Top)
}

/// The formats of one column of « Annuaire ».
#[derive(Clone, Debug)]
pub(super) struct ColumnStyle {
    /// The column's own format (text, date or none), also set on the whole column so that
    /// next year's typing keeps it.
    pub base: Format,
    /// A cell that still holds an error.
    pub error: Format,
    /// The template's example row.
    pub example: Format,
    /// Whether `base` differs from the default format (set it on the column).
    pub formatted: bool,
}

impl ColumnStyle {
    /// The formats for a field, from its kind.
    pub(super) fn of(field: &Field) -> ColumnStyle {
        let base = match field.kind {
            Kind::Identifier | Kind::PostalCode | Kind::Phone => {
                Some(Format::new().set_num_format_index(TEXT_FORMAT_INDEX))
            }
            Kind::Date => Some(Format::new().set_num_format(DATE)),
            _ => None,
        };
        let formatted = base.is_some();
        let base = base.unwrap_or_default();
        ColumnStyle {
            error: base
                .clone()
                .set_background_color(Color::RGB(ERROR_FILL))
                .set_font_color(Color::RGB(ERROR_FONT))
                .set_bold(),
            example: base
                .clone()
                .set_italic()
                .set_font_color(Color::RGB(EXAMPLE_FONT)),
            formatted,
            base,
        }
    }
}
