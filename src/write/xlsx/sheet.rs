//! One worksheet (`xl/worksheets/sheetN.xml`), streamed: the head (dimension, view, columns)
//! when the sheet starts, each row as it is written, the tail (filter, merges, validations,
//! margins, notes' drawing) at the end, in the element order ECMA-376 requires. The XML goes to
//! the zip entry whenever the buffer passes [`FLUSH_AT`] bytes.

use std::sync::Arc;

use super::cell::{
    absolute_range, column_name, cut_utf16, push_uint, range_ref, MAX_COLS, MAX_ROWS,
};
use super::container::Stream;
use super::escape::{needs_preserve, push_attr, push_text};
use super::notes::{self, Grid, Note};
use super::rows::Rows;
use super::{Book, SheetEntry, Style, WriteError, XML_DECLARATION};

/// Bytes of XML kept before they go to the deflater: large enough for few calls, small enough
/// to be nothing next to the output.
const FLUSH_AT: usize = 64 * 1024;
/// Excel's limit on the text of one cell, in UTF-16 units.
const MAX_CELL_TEXT: usize = 32_767;
/// Excel's limit on an inline list of a validation, commas included.
const MAX_INLINE_LIST: usize = 255;
/// Excel's limits on a validation's error title and message.
const MAX_ERROR_TITLE: usize = 32;
const MAX_ERROR_MESSAGE: usize = 255;

/// The width and format of one column.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Column {
    /// Width in characters (Excel's unit), as typed in Excel.
    pub width: f64,
    /// The format of the column's cells, including the empty ones typed next year.
    pub style: Style,
}

impl Column {
    /// Pixels on screen, as Excel computes them for Calibri 11 (7-pixel digits, 5 of padding).
    pub(crate) fn pixels(&self) -> u32 {
        if self.width <= 0.0 {
            0
        } else if self.width < 1.0 {
            (self.width * 12.0 + 0.5) as u32
        } else {
            (self.width * 7.0 + 0.5) as u32 + 5
        }
    }
}

/// What a sheet is, before its rows.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct SheetSpec<'a> {
    /// The tab's name.
    pub name: &'a str,
    /// Hidden from the tabs (lists that validations refer to).
    pub hidden: bool,
    /// The first row stays in view when scrolling.
    pub freeze_header: bool,
    /// The first columns' widths and formats.
    pub columns: &'a [Column],
    /// The last used cell (0-based), when known before the rows.
    pub dimension: Option<(u32, u16)>,
}

/// A drop-down list on a column's rows.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Validation {
    /// 0-based column.
    pub col: u16,
    /// First and last 0-based rows.
    pub rows: (u32, u32),
    /// The list: `"Oui,Non"` inline, or a range (`Listes!$A$1:$A$38`).
    pub formula: String,
    /// Title of the message shown on a value not in the list.
    pub error_title: String,
    /// That message.
    pub error: String,
}

impl Validation {
    /// The formula of an inline list of `values`, when Excel allows one (at most 255
    /// characters, commas included).
    pub(crate) fn inline_list(values: &[&str]) -> Option<String> {
        let joined = values.join(",");
        (joined.chars().count() <= MAX_INLINE_LIST && !values.is_empty())
            .then(|| format!("\"{}\"", joined.replace('"', "\"\"")))
    }
}

/// What follows the rows.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tail {
    /// The autofilter, from A1 to this 0-based cell.
    pub autofilter: Option<(u32, u16)>,
    /// Drop-down lists.
    pub validations: Vec<Validation>,
}

/// Where a [`SheetWriter`]'s XML goes.
enum Out<'b> {
    /// A sheet of the workbook.
    Book(&'b mut Book),
    /// Rows on their own, without a shared-strings table ([`SheetWriter::run`]).
    Run(Box<Stream>),
}

/// Writes one sheet's rows in order; see [`Book::sheet`].
pub(crate) struct SheetWriter<'b> {
    out: Out<'b>,
    name: String,
    hidden: bool,
    /// The sheet's number in the workbook, from 1.
    number: usize,
    buf: String,
    /// The last row started (0-based) and its number as text (1-based).
    row: Option<(u32, String)>,
    /// Whether that row is still open (not when rows were spliced after it).
    open: bool,
    /// The first row written.
    first_row: Option<u32>,
    /// The next column the open row accepts.
    next_col: u16,
    /// Column letters, computed once.
    letters: Vec<String>,
    /// Pixels of the declared columns (for notes' boxes).
    col_pixels: Vec<u32>,
    /// (row, pixels) of rows of their own height.
    heights: Vec<(u32, u32)>,
    merges: Vec<String>,
    notes: Vec<Note>,
}

impl<'b> SheetWriter<'b> {
    /// Opens the sheet's part and writes everything before the rows.
    pub(super) fn start(book: &'b mut Book, spec: SheetSpec<'_>) -> Result<Self, WriteError> {
        let number = book.sheets.len() + 1;
        book.start_part(&format!("xl/worksheets/sheet{number}.xml"))?;
        let mut buf = String::with_capacity(FLUSH_AT + 4096);
        buf.push_str(XML_DECLARATION);
        buf.push_str(r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#);
        if let Some(last) = spec.dimension {
            buf.push_str(r#"<dimension ref=""#);
            buf.push_str(&range_ref((0, 0), last));
            buf.push_str(r#""/>"#);
        }
        buf.push_str("<sheetViews><sheetView ");
        if number == 1 {
            buf.push_str(r#"tabSelected="1" "#);
        }
        if spec.freeze_header {
            buf.push_str(r#"workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>"#);
        } else {
            buf.push_str(r#"workbookViewId="0"/></sheetViews>"#);
        }
        buf.push_str(r#"<sheetFormatPr defaultRowHeight="15"/>"#);
        if !spec.columns.is_empty() {
            buf.push_str("<cols>");
            for (n, column) in (1u32..).zip(spec.columns) {
                // Excel stores the width that gives these pixels, to 1/256 of a character.
                let width = (f64::from(column.pixels()) / 7.0 * 256.0).floor() / 256.0;
                buf.push_str(&format!(r#"<col min="{n}" max="{n}" width="{width}""#));
                if column.style != Style::Default {
                    buf.push_str(&format!(r#" style="{}""#, column.style.index()));
                }
                buf.push_str(r#" customWidth="1"/>"#);
            }
            buf.push_str("</cols>");
        }
        buf.push_str("<sheetData>");
        let mut sheet = SheetWriter::empty(Out::Book(book), spec.columns, buf);
        sheet.name = spec.name.to_string();
        sheet.hidden = spec.hidden;
        sheet.number = number;
        Ok(sheet)
    }

    /// A writer into `out` with no row yet, `buf` holding what comes before the rows.
    fn empty(out: Out<'b>, columns: &[Column], buf: String) -> SheetWriter<'b> {
        SheetWriter {
            out,
            name: String::new(),
            hidden: false,
            number: 0,
            buf,
            row: None,
            open: false,
            first_row: None,
            next_col: 0,
            letters: Vec::new(),
            col_pixels: columns.iter().map(Column::pixels).collect(),
            heights: Vec::new(),
            merges: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Writes rows on their own, for a sheet of these `columns` (their pixels size the notes'
    /// boxes): the same calls as in a sheet, from any row; text goes inline,
    /// [`SheetWriter::shared`] included. [`SheetWriter::finish_run`] ends them.
    pub(crate) fn run(columns: &[Column]) -> SheetWriter<'static> {
        let buf = String::with_capacity(FLUSH_AT + 4096);
        SheetWriter::empty(Out::Run(Box::new(Stream::new())), columns, buf)
    }

    /// Ends rows written by [`SheetWriter::run`].
    ///
    /// # Errors
    /// [`WriteError::Plan`] for a sheet writer, or rows of their own height or merged cells
    /// (which a run does not carry); what the deflater reports.
    pub(crate) fn finish_run(mut self) -> Result<Rows, WriteError> {
        if !self.heights.is_empty() || !self.merges.is_empty() {
            return Err(WriteError::Plan("rows on their own"));
        }
        if self.open {
            self.buf.push_str("</row>");
        }
        self.flush()?;
        let Out::Run(stream) = self.out else {
            return Err(WriteError::Plan("rows on their own"));
        };
        Ok(Rows {
            span: self.first_row.zip(self.row.map(|(r, _)| r)),
            deflated: stream.finish()?,
            notes: self.notes,
        })
    }

    /// Puts rows written elsewhere ([`SheetWriter::run`]) after the last row written here.
    ///
    /// # Errors
    /// [`WriteError::Position`] for rows not after the last one; [`WriteError::Plan`] in rows
    /// on their own.
    pub(crate) fn splice(&mut self, rows: Rows) -> Result<(), WriteError> {
        let Some((first, last)) = rows.span else {
            return Ok(());
        };
        let after = self.row.as_ref().is_none_or(|(r, _)| first > *r);
        if !after || last < first || last >= MAX_ROWS {
            return Err(WriteError::Position { row: first, col: 0 });
        }
        if self.open {
            self.buf.push_str("</row>");
            self.open = false;
        }
        self.flush()?;
        match &mut self.out {
            Out::Book(book) => book.zip.splice(rows.deflated)?,
            Out::Run(_) => return Err(WriteError::Plan("rows in rows")),
        }
        self.first_row.get_or_insert(first);
        self.row = Some((last, String::new()));
        self.notes.extend(rows.notes);
        Ok(())
    }

    /// Starts row `row` (0-based), after the previous one; `height` in points, `None` for the
    /// default.
    ///
    /// # Errors
    /// [`WriteError::Position`] for a row not after the previous one or past the sheet's end.
    pub(crate) fn row(&mut self, row: u32, height: Option<f64>) -> Result<(), WriteError> {
        let after_previous = self.row.as_ref().is_none_or(|(r, _)| row > *r);
        if row >= MAX_ROWS || !after_previous {
            return Err(WriteError::Position { row, col: 0 });
        }
        if self.open {
            self.buf.push_str("</row>");
        }
        if self.buf.len() >= FLUSH_AT {
            self.flush()?;
        }
        // The previous row's label buffer, reused: one allocation per sheet, not per row.
        let mut label = self.row.take().map(|(_, l)| l).unwrap_or_default();
        label.clear();
        push_uint(&mut label, u64::from(row) + 1);
        self.buf.push_str(r#"<row r=""#);
        self.buf.push_str(&label);
        if let Some(points) = height {
            // Excel keeps whole pixels: 32 points become 43 pixels, 32.25 points.
            let pixels = (points * 4.0 / 3.0).round().max(0.0) as u32;
            self.heights.push((row, pixels));
            let points = f64::from(pixels) * 0.75;
            self.buf
                .push_str(&format!(r#"" ht="{points}" customHeight="1">"#));
        } else {
            self.buf.push_str(r#"">"#);
        }
        self.row = Some((row, label));
        self.open = true;
        self.first_row.get_or_insert(row);
        self.next_col = 0;
        Ok(())
    }

    /// Writes `text` in column `col` of the open row. Empty text writes no cell, or a blank
    /// one when `style` is not the default. Text past Excel's limit is cut.
    ///
    /// # Errors
    /// [`WriteError::Position`] for no open row or a column not after the previous cell.
    pub(crate) fn string(&mut self, col: u16, text: &str, style: Style) -> Result<(), WriteError> {
        if text.is_empty() {
            return if style == Style::Default {
                Ok(())
            } else {
                self.blank(col, style)
            };
        }
        self.open_cell(col, style, Some("inlineStr"))?;
        let text = within_cell_limit(text);
        self.buf.push_str(if needs_preserve(text) {
            r#"<is><t xml:space="preserve">"#
        } else {
            "<is><t>"
        });
        push_text(&mut self.buf, text);
        self.buf.push_str("</t></is></c>");
        Ok(())
    }

    /// Writes `text` as [`SheetWriter::string`] does, through the workbook's shared-strings
    /// table: only for texts from a small set repeated on many rows (the table is kept whole
    /// until the end).
    ///
    /// # Errors
    /// As [`SheetWriter::string`].
    pub(crate) fn shared(&mut self, col: u16, text: &str, style: Style) -> Result<(), WriteError> {
        if text.is_empty() {
            return self.string(col, text, style);
        }
        let index = match &mut self.out {
            Out::Book(book) => book.shared.index_of(within_cell_limit(text)),
            Out::Run(_) => return self.string(col, text, style),
        };
        self.shared_cell(col, index, style)
    }

    /// Writes a text of the data as [`SheetWriter::string`] does: through the shared-strings
    /// table when several holders share its allocation (it repeats), inline otherwise. Only in
    /// a workbook planned with shared strings.
    ///
    /// # Errors
    /// As [`SheetWriter::string`].
    pub(crate) fn text(
        &mut self,
        col: u16,
        text: &Arc<str>,
        style: Style,
    ) -> Result<(), WriteError> {
        // Texts past Excel's limit (in bytes, at least their UTF-16 length) are cut inline.
        let book = match &mut self.out {
            Out::Book(book) if book.plan.shared_strings => book,
            _ => return self.string(col, text, style),
        };
        if text.is_empty() || text.len() > MAX_CELL_TEXT {
            return self.string(col, text, style);
        }
        match book.shared.index_of_shared(text) {
            Some(index) => self.shared_cell(col, index, style),
            None => self.string(col, text, style),
        }
    }

    /// A cell holding entry `index` of the shared-strings table.
    fn shared_cell(&mut self, col: u16, index: u32, style: Style) -> Result<(), WriteError> {
        self.open_cell(col, style, Some("s"))?;
        self.buf.push_str("<v>");
        push_uint(&mut self.buf, u64::from(index));
        self.buf.push_str("</v></c>");
        Ok(())
    }

    /// Writes a whole number (a row number, a date serial with a date style).
    ///
    /// # Errors
    /// As [`SheetWriter::string`].
    pub(crate) fn number(&mut self, col: u16, value: u32, style: Style) -> Result<(), WriteError> {
        self.open_cell(col, style, None)?;
        self.buf.push_str("<v>");
        push_uint(&mut self.buf, u64::from(value));
        self.buf.push_str("</v></c>");
        Ok(())
    }

    /// Writes a finite decimal number (a share in per cent); a non-finite one writes nothing.
    ///
    /// # Errors
    /// As [`SheetWriter::string`].
    pub(crate) fn decimal(&mut self, col: u16, value: f64, style: Style) -> Result<(), WriteError> {
        if !value.is_finite() {
            return Ok(());
        }
        self.open_cell(col, style, None)?;
        self.buf.push_str("<v>");
        self.buf.push_str(&value.to_string());
        self.buf.push_str("</v></c>");
        Ok(())
    }

    /// Writes an empty cell that carries a format.
    ///
    /// # Errors
    /// As [`SheetWriter::string`].
    pub(crate) fn blank(&mut self, col: u16, style: Style) -> Result<(), WriteError> {
        self.open_cell(col, style, None)?;
        // `open_cell` left the start tag open for a value: close it empty instead.
        self.buf.pop();
        self.buf.push_str("/>");
        Ok(())
    }

    /// Puts a note on cell `col` of the open row; `width` and `height` in pixels.
    ///
    /// # Errors
    /// [`WriteError::Position`] for no open row.
    pub(crate) fn note(
        &mut self,
        col: u16,
        text: &str,
        author: &str,
        size: (u32, u32),
    ) -> Result<(), WriteError> {
        let row = self.open_row(col)?;
        self.notes.push(Note {
            row,
            col,
            text: within_cell_limit(text).to_string(),
            author: author.to_string(),
            width: size.0,
            height: size.1,
        });
        Ok(())
    }

    /// Merges the open row's cells from `first` to `last` (write the text in `first`, blanks
    /// with the same format in the others).
    ///
    /// # Errors
    /// [`WriteError::Position`] for no open row.
    pub(crate) fn merge(&mut self, first: u16, last: u16) -> Result<(), WriteError> {
        let row = self.open_row(last)?;
        self.merges.push(range_ref((row, first), (row, last)));
        Ok(())
    }

    /// The open row, if `col` fits in a sheet.
    fn open_row(&self, col: u16) -> Result<u32, WriteError> {
        match &self.row {
            Some((row, _)) if col < MAX_COLS && self.open => Ok(*row),
            _ => Err(WriteError::Position {
                row: self.row.as_ref().map_or(0, |(r, _)| *r),
                col,
            }),
        }
    }

    /// Writes `<c r=".." s=".." t="..">`.
    fn open_cell(&mut self, col: u16, style: Style, kind: Option<&str>) -> Result<(), WriteError> {
        let row = self.open_row(col)?;
        if col < self.next_col {
            return Err(WriteError::Position { row, col });
        }
        self.next_col = col.saturating_add(1);
        let index = usize::from(col);
        while self.letters.len() <= index {
            let next = u16::try_from(self.letters.len()).unwrap_or(u16::MAX);
            self.letters.push(column_name(next));
        }
        self.buf.push_str(r#"<c r=""#);
        self.buf
            .push_str(self.letters.get(index).map_or("", String::as_str));
        self.buf
            .push_str(self.row.as_ref().map_or("", |(_, label)| label.as_str()));
        self.buf.push('"');
        if style != Style::Default {
            self.buf.push_str(r#" s=""#);
            push_uint(&mut self.buf, u64::from(style.index()));
            self.buf.push('"');
        }
        if let Some(kind) = kind {
            self.buf.push_str(r#" t=""#);
            self.buf.push_str(kind);
            self.buf.push('"');
        }
        self.buf.push('>');
        Ok(())
    }

    fn flush(&mut self) -> Result<(), WriteError> {
        match &mut self.out {
            Out::Book(book) => book.zip.write_all(self.buf.as_bytes())?,
            Out::Run(stream) => stream.write_all(self.buf.as_bytes())?,
        }
        self.buf.clear();
        Ok(())
    }

    /// Writes what follows the rows, then the sheet's notes.
    ///
    /// # Errors
    /// [`WriteError::Validation`] for a validation's text over Excel's limits;
    /// [`WriteError::Zip`] if the archive refuses a part.
    pub(crate) fn finish(mut self, tail: Tail) -> Result<(), WriteError> {
        if self.open {
            self.buf.push_str("</row>");
        }
        self.buf.push_str("</sheetData>");
        let mut filter = None;
        if let Some(last) = tail.autofilter {
            self.buf.push_str(r#"<autoFilter ref=""#);
            self.buf.push_str(&range_ref((0, 0), last));
            self.buf.push_str(r#""/>"#);
            filter = Some(absolute_range(&self.name, (0, 0), last));
        }
        if !self.merges.is_empty() {
            self.buf
                .push_str(&format!(r#"<mergeCells count="{}">"#, self.merges.len()));
            for merge in &self.merges {
                self.buf.push_str(&format!(r#"<mergeCell ref="{merge}"/>"#));
            }
            self.buf.push_str("</mergeCells>");
        }
        if !tail.validations.is_empty() {
            self.buf.push_str(&format!(
                r#"<dataValidations count="{}">"#,
                tail.validations.len()
            ));
            for v in &tail.validations {
                self.validation(v)?;
            }
            self.buf.push_str("</dataValidations>");
        }
        self.buf.push_str(r#"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#);
        if !self.notes.is_empty() {
            self.buf.push_str(r#"<legacyDrawing r:id="rId1"/>"#);
        }
        self.buf.push_str("</worksheet>");
        self.flush()?;
        let Out::Book(book) = &mut self.out else {
            return Err(WriteError::Plan("a sheet of rows on their own"));
        };
        let planned = book.plan.notes.get(self.number.saturating_sub(1)).copied();
        if planned != Some(!self.notes.is_empty()) {
            return Err(WriteError::Plan("notes"));
        }
        let notes = if self.notes.is_empty() {
            None
        } else {
            Some(self.write_notes()?)
        };
        let Out::Book(book) = &mut self.out else {
            return Err(WriteError::Plan("a sheet of rows on their own"));
        };
        book.sheets.push(SheetEntry {
            name: std::mem::take(&mut self.name),
            hidden: self.hidden,
            notes,
            filter,
        });
        Ok(())
    }

    fn validation(&mut self, v: &Validation) -> Result<(), WriteError> {
        if v.error_title.chars().count() > MAX_ERROR_TITLE
            || v.error.chars().count() > MAX_ERROR_MESSAGE
        {
            return Err(WriteError::Validation(v.error_title.clone()));
        }
        if v.rows.1 >= MAX_ROWS || v.rows.0 > v.rows.1 || v.col >= MAX_COLS {
            return Err(WriteError::Position {
                row: v.rows.1,
                col: v.col,
            });
        }
        self.buf.push_str(r#"<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle=""#);
        push_attr(&mut self.buf, &v.error_title);
        self.buf.push_str(r#"" error=""#);
        push_attr(&mut self.buf, &v.error);
        self.buf.push_str(r#"" sqref=""#);
        self.buf
            .push_str(&range_ref((v.rows.0, v.col), (v.rows.1, v.col)));
        self.buf.push_str(r#""><formula1>"#);
        push_text(&mut self.buf, &v.formula);
        self.buf.push_str("</formula1></dataValidation>");
        Ok(())
    }

    /// Writes the notes' parts and the sheet's relationships; returns the notes' number.
    fn write_notes(&mut self) -> Result<u32, WriteError> {
        let Out::Book(book) = &mut self.out else {
            return Err(WriteError::Plan("notes of rows on their own"));
        };
        let index = book.sheets.iter().filter(|s| s.notes.is_some()).count() + 1;
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        let notes = std::mem::take(&mut self.notes);
        self.heights.sort_unstable();
        let grid = Grid {
            columns: &self.col_pixels,
            rows: &self.heights,
        };
        let vml = notes::vml_xml(&notes, book.vml_block, &grid);
        book.vml_block = book.vml_block.saturating_add(notes::blocks(notes.len()));
        let comments = notes::comments_xml(&notes);
        book.part(&format!("xl/comments{index}.xml"), &comments)?;
        book.part(&format!("xl/drawings/vmlDrawing{index}.vml"), &vml)?;
        let rels = format!(
            concat!(
                "{}",
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
                r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="../drawings/vmlDrawing{index}.vml"/>"#,
                r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments{index}.xml"/>"#,
                "</Relationships>"
            ),
            XML_DECLARATION,
            index = index
        );
        book.part(
            &format!("xl/worksheets/_rels/sheet{}.xml.rels", self.number),
            &rels,
        )?;
        Ok(index)
    }
}

/// `text` cut to what one cell holds.
fn within_cell_limit(text: &str) -> &str {
    cut_utf16(text, MAX_CELL_TEXT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_lists_stop_at_excel_limit() {
        assert_eq!(
            Validation::inline_list(&["Oui", "Non"]).as_deref(),
            Some("\"Oui,Non\"")
        );
        let long = ["é".repeat(200).leak() as &str, "x".repeat(60).leak()];
        assert_eq!(Validation::inline_list(&long), None);
        assert_eq!(Validation::inline_list(&[]), None);
    }

    #[test]
    fn cells_are_cut_at_excel_limit() {
        let long = "😀".repeat(20_000);
        assert_eq!(within_cell_limit(&long).encode_utf16().count(), 32_766);
        assert_eq!(within_cell_limit("abc"), "abc");
    }

    #[test]
    fn column_pixels_follow_excel() {
        let px = |width| {
            Column {
                width,
                style: Style::Default,
            }
            .pixels()
        };
        assert_eq!(px(18.0), 131);
        assert_eq!(px(8.43), 64);
        assert_eq!(px(0.0), 0);
    }

    #[test]
    fn rows_and_cells_must_come_in_order() {
        let mut book = Book::new(super::super::Plan {
            notes: vec![false],
            shared_strings: false,
        })
        .unwrap();
        let mut sheet = book
            .sheet(SheetSpec {
                name: "S",
                ..SheetSpec::default()
            })
            .unwrap();
        assert!(sheet.string(0, "x", Style::Default).is_err(), "no row open");
        sheet.row(1, None).unwrap();
        sheet.string(1, "x", Style::Default).unwrap();
        assert!(sheet.string(0, "x", Style::Default).is_err());
        assert!(sheet.row(1, None).is_err());
        assert!(sheet.row(MAX_ROWS, None).is_err());
        sheet.row(2, None).unwrap();
        sheet.string(0, "x", Style::Default).unwrap();
        sheet.finish(Tail::default()).unwrap();
    }
}
