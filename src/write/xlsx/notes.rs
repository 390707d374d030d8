//! Cell notes: `xl/commentsN.xml` holds their text, `xl/drawings/vmlDrawingN.vml` the boxes
//! Excel draws (legacy VML, which Excel still requires for notes). The shape template is the
//! one Excel writes, as rust_xlsxwriter reproduces it.

use super::cell::cell_ref;
use super::escape::{needs_preserve, push_attr, push_text};

/// Pixels of a row of the default height (15 points).
pub(crate) const DEFAULT_ROW_PIXELS: u32 = 20;
/// Pixels of a column of the default width (8.43 characters).
pub(crate) const DEFAULT_COL_PIXELS: u32 = 64;

/// A note on a cell, hidden until the pointer rests on the cell.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Note {
    /// 0-based row of the cell.
    pub row: u32,
    /// 0-based column of the cell.
    pub col: u16,
    /// The note's text.
    pub text: String,
    /// Who wrote it (Excel shows it in the status bar).
    pub author: String,
    /// Width of the box, in pixels.
    pub width: u32,
    /// Height of the box, in pixels.
    pub height: u32,
}

/// The sizes the boxes are laid out on: pixels of each column and of each row that is not of
/// the default height.
pub(crate) struct Grid<'a> {
    /// Pixels of the first columns; later ones are of the default width.
    pub columns: &'a [u32],
    /// (row, pixels) of the rows of another height, by row.
    pub rows: &'a [(u32, u32)],
}

impl Grid<'_> {
    fn col(&self, col: u32) -> u32 {
        usize::try_from(col)
            .ok()
            .and_then(|c| self.columns.get(c))
            .copied()
            .unwrap_or(DEFAULT_COL_PIXELS)
    }

    /// Pixels of the rows above `row`: without walking them, as a note may sit on the
    /// 100,000th row and there may be thousands of notes.
    fn rows_above(&self, row: u32) -> u32 {
        let default = row.saturating_mul(DEFAULT_ROW_PIXELS);
        self.rows
            .iter()
            .take_while(|&&(r, _)| r < row)
            .fold(default, |sum, &(_, px)| {
                sum.saturating_add(px).saturating_sub(DEFAULT_ROW_PIXELS)
            })
    }

    fn row(&self, row: u32) -> u32 {
        self.rows
            .binary_search_by_key(&row, |&(r, _)| r)
            .ok()
            .and_then(|i| self.rows.get(i))
            .map_or(DEFAULT_ROW_PIXELS, |&(_, px)| px)
    }
}

/// `xl/commentsN.xml`.
pub(crate) fn comments_xml(notes: &[Note]) -> String {
    let mut authors: Vec<&str> = Vec::new();
    for note in notes {
        if !authors.contains(&note.author.as_str()) {
            authors.push(&note.author);
        }
    }
    let mut out = String::with_capacity(256 + notes.len() * 400);
    out.push_str(super::XML_DECLARATION);
    out.push_str(
        r#"<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors>"#,
    );
    for author in &authors {
        out.push_str("<author>");
        push_text(&mut out, author);
        out.push_str("</author>");
    }
    out.push_str("</authors><commentList>");
    for note in notes {
        let author = authors.iter().position(|a| *a == note.author).unwrap_or(0);
        out.push_str(r#"<comment ref=""#);
        out.push_str(&cell_ref(note.row, note.col));
        out.push_str(r#"" authorId=""#);
        out.push_str(&author.to_string());
        out.push_str(r#""><text><r><rPr><sz val="8"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr>"#);
        out.push_str(if needs_preserve(&note.text) {
            r#"<t xml:space="preserve">"#
        } else {
            "<t>"
        });
        push_text(&mut out, &note.text);
        out.push_str("</t></r></text></comment>");
    }
    out.push_str("</commentList></comments>");
    out
}

/// Shape ids Excel reserves per block of a drawing's `o:idmap`.
const SHAPES_PER_BLOCK: u32 = 1024;

/// The id blocks a drawing of `notes` notes takes: one per 1,024 shapes (the first id of a
/// block is not a shape's).
pub(crate) fn blocks(notes: usize) -> u32 {
    1 + u32::try_from(notes).unwrap_or(u32::MAX) / SHAPES_PER_BLOCK
}

/// `xl/drawings/vmlDrawingN.vml`, whose shape ids start in block `first_block` (1 for the
/// workbook's first drawing, then after the blocks of the drawings before).
pub(crate) fn vml_xml(notes: &[Note], first_block: u32, grid: &Grid<'_>) -> String {
    let mut out = String::with_capacity(512 + notes.len() * 800);
    out.push_str(r#"<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data=""#);
    let ids: Vec<String> = (first_block..first_block.saturating_add(blocks(notes.len())))
        .map(|b| b.to_string())
        .collect();
    out.push_str(&ids.join(","));
    out.push_str(r#""/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>"#);
    let first_id = u64::from(first_block) * u64::from(SHAPES_PER_BLOCK) + 1;
    for ((id, z), note) in (first_id..).zip(1u64..).zip(notes) {
        let place = Placement::of(note, grid);
        let shape_id = format!("_x0000_s{id}");
        out.push_str(r#"<v:shape id=""#);
        push_attr(&mut out, &shape_id);
        out.push_str(&format!(
            r##"" type="#_x0000_t202" style="position:absolute;margin-left:{}pt;margin-top:{}pt;width:{}pt;height:{}pt;z-index:{z};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">"##,
            points(place.left),
            points(place.top),
            points(note.width),
            points(note.height),
        ));
        out.push_str(r##"<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>"##);
        out.push_str(&format!(
            "<x:Anchor>{}, {}, {}, {}, {}, {}, {}, {}</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>{}</x:Row><x:Column>{}</x:Column></x:ClientData></v:shape>",
            place.anchor[0],
            place.anchor[1],
            place.anchor[2],
            place.anchor[3],
            place.anchor[4],
            place.anchor[5],
            place.anchor[6],
            place.anchor[7],
            note.row,
            note.col,
        ));
    }
    out.push_str("</xml>");
    out
}

/// Pixels as points (96 pixels per inch, 72 points).
fn points(pixels: u32) -> f64 {
    f64::from(pixels) * 0.75
}

/// Where a note's box is drawn: Excel's default, one column right of the cell and half a
/// row above it.
struct Placement {
    /// Start column, x offset, start row, y offset, end column, x offset, end row, y offset.
    anchor: [u32; 8],
    /// Distance from the sheet's left edge, in pixels.
    left: u32,
    /// Distance from the sheet's top edge, in pixels.
    top: u32,
}

impl Placement {
    fn of(note: &Note, grid: &Grid<'_>) -> Placement {
        // Excel's defaults for a cell away from the sheet's last rows and columns (a note on
        // the first row starts on it, a little lower).
        let (mut row, mut y) = match note.row {
            0 => (0, 2),
            r => (r - 1, 10),
        };
        let (mut col, mut x) = (u32::from(note.col) + 1, 15u32);
        while x >= grid.col(col) {
            x -= grid.col(col);
            col += 1;
        }
        while y >= grid.row(row) {
            y -= grid.row(row);
            row += 1;
        }
        let left = (0..col).map(|c| grid.col(c)).sum::<u32>() + x;
        let top = grid.rows_above(row).saturating_add(y);
        let (mut end_col, mut width) = (col, note.width + x);
        while width >= grid.col(end_col) {
            width -= grid.col(end_col);
            end_col += 1;
        }
        let (mut end_row, mut height) = (row, note.height + y);
        while height >= grid.row(end_row) {
            height -= grid.row(end_row);
            end_row += 1;
        }
        Placement {
            anchor: [col, x, row, y, end_col, width, end_row, height],
            left,
            top,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(row: u32, col: u16, width: u32, height: u32) -> Note {
        Note {
            row,
            col,
            text: "À corriger :\n• <b>".into(),
            author: "Vérification".into(),
            width,
            height,
        }
    }

    #[test]
    fn boxes_are_placed_as_excel_places_them() {
        // The template's example note and a corrected file's note, as rust_xlsxwriter drew
        // them: columns 18, 16, 26, 22, 15, 16, 26, 30 characters wide, a 43-pixel header.
        let columns = [131, 117, 187, 159, 110, 117, 187, 215];
        let grid = Grid {
            columns: &columns,
            rows: &[(0, 43)],
        };
        let vml = vml_xml(&[note(1, 0, 260, 70), note(33, 4, 320, 96)], 1, &grid);
        assert!(vml
            .contains("margin-left:109.5pt;margin-top:7.5pt;width:195pt;height:52.5pt;z-index:1;"));
        assert!(vml.contains("<x:Anchor>1, 15, 0, 10, 2, 158, 2, 17</x:Anchor>"));
        assert!(vml.contains(
            "margin-left:539.25pt;margin-top:504.75pt;width:240pt;height:72pt;z-index:2;"
        ));
        assert!(vml.contains("<x:Anchor>5, 15, 32, 10, 7, 31, 37, 6</x:Anchor>"));
        assert!(vml.contains(r#"id="_x0000_s1025""#) && vml.contains(r#"id="_x0000_s1026""#));
        assert!(vml.contains(r#"<o:idmap v:ext="edit" data="1"/>"#));
    }

    #[test]
    fn many_notes_take_several_id_blocks() {
        let grid = Grid {
            columns: &[],
            rows: &[],
        };
        assert_eq!(blocks(0), 1);
        assert_eq!(blocks(1_023), 1);
        assert_eq!(blocks(1_024), 2);
        let notes: Vec<Note> = (0..1_227).map(|r| note(r + 1, 0, 10, 10)).collect();
        let vml = vml_xml(&notes, 3, &grid);
        assert!(vml.contains(r#"<o:idmap v:ext="edit" data="3,4"/>"#));
        assert!(vml.contains(r#"id="_x0000_s3073""#));
        assert!(vml.contains(r#"id="_x0000_s4299""#));
        assert!(!vml.contains(r#"id="_x0000_s4300""#));
    }

    #[test]
    fn comments_escape_the_text_and_name_the_author_once() {
        let xml = comments_xml(&[note(1, 0, 1, 1), note(2, 27, 1, 1)]);
        assert_eq!(xml.matches("<author>").count(), 1);
        assert!(xml.contains(r#"<comment ref="A2" authorId="0">"#));
        assert!(xml.contains(r#"<comment ref="AB3" authorId="0">"#));
        assert!(xml.contains("• &lt;b&gt;</t>"));
    }
}
