//! The « Contrôle » sheet, written for people: what the coordinator and the ARS must look at,
//! one line each, and the automatic fixes in a few lines.
//!
//! In order:
//! 1. the findings about the file and its columns, one line each;
//! 2. the automatic fixes (`value.fixed` on a row), one line per column and kind of fix
//!    ([`FixKind`]): how many cells, which rows as ranges (« 4–17, 19, 21–30 »), one example
//!    before → after. The JSON report and the page keep every fix cell by cell;
//! 3. every other finding on a row (errors, warnings, notices) and every removed row, one line
//!    each, by row.
//!
//! A sheet holds 1,048,576 rows: when the lines would fill it, its last row says how many
//! lines were left out and where they are, and the workbook is written all the same.
//!
//! Members who objected to the transmission appear by row number only: no value, no fixed
//! value, and a message of our own rather than the check's (SPEC §5).

use std::collections::BTreeMap;
#[cfg(test)]
use std::sync::Arc;

use super::xlsx::{Book, Column, Rows, SheetWriter, Style, Tail, WriteError};
use crate::check::{Record, Results};
use crate::fold::fold;
use crate::hash::FastSet;
use crate::report::{Code, Finding, Severity};
use crate::schema::Schema;
use crate::text::write as text;

/// Column widths of « Contrôle », in characters.
const WIDTHS: [f64; 7] = [8.0, 26.0, 22.0, 14.0, 28.0, 28.0, 100.0];

/// Width of the merged « Contrôle »'s first column, « Fichier ».
const FILE_WIDTH: f64 = 40.0;

/// The lines a sheet holds below its header row (Excel: 1,048,576 rows in all).
#[cfg(not(test))]
const MAX_LINES: usize = 1_048_575;
/// A short sheet in unit tests, so that the limit is tested without a million findings.
#[cfg(test)]
const MAX_LINES: usize = 12;

/// The characters of row ranges a fix line lists before it says how many rows it left out: a
/// line stays readable, and far below Excel's 32,767 characters per cell.
const RANGES_CHARS: usize = 1_500;

/// How an automatic fix changed a value, from the two texts: what a summary line groups on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum FixKind {
    /// Only spaces changed (trimmed, doubled spaces).
    Spaces,
    /// Only case and accents changed (« martin » → « MARTIN »).
    Case,
    /// The same letters and digits, laid out otherwise (« 0561234567 » → « 05 61 23 45 67 »).
    Layout,
    /// The typed digits, completed in front (a leading zero Excel lost, restored).
    Completed,
    /// Another value (an abbreviation spelled out, a label of the nomenclature).
    Replaced,
}

impl FixKind {
    /// The kind of the fix `before` → `after`.
    ///
    /// ```
    /// use annuaire_cpts::write::FixKind;
    /// assert_eq!(FixKind::of(" Martin ", "Martin"), FixKind::Spaces);
    /// assert_eq!(FixKind::of("martin", "MARTIN"), FixKind::Case);
    /// assert_eq!(FixKind::of("0561234567", "05 61 23 45 67"), FixKind::Layout);
    /// assert_eq!(FixKind::of("561234567", "05 61 23 45 67"), FixKind::Completed);
    /// assert_eq!(FixKind::of("lib.", "Libéral"), FixKind::Replaced);
    /// ```
    pub fn of(before: &str, after: &str) -> FixKind {
        if same_words(before, after, |x, y| x == y) {
            return FixKind::Spaces;
        }
        // Hundreds of thousands of fixes in a large file: ASCII, most of them, is compared
        // without a copy; other texts through the one fold.
        let ascii = before.is_ascii() && after.is_ascii();
        let same_folded = if ascii {
            same_words(before, after, |x, y| x.eq_ignore_ascii_case(y))
        } else {
            // Word by word, as the ASCII path: the letters alike once folded, and the
            // punctuation itself unchanged (the fold drops it: « .n » → « n » is layout).
            let marks = |w: &str| {
                w.chars()
                    .filter(|c| !c.is_alphanumeric())
                    .collect::<String>()
            };
            same_words(before, after, |x, y| {
                fold(x) == fold(y) && marks(x) == marks(y)
            })
        };
        if same_folded {
            return FixKind::Case;
        }
        let (b, a) = if ascii {
            let alnum = |s: &str| -> String {
                s.bytes()
                    .filter(u8::is_ascii_alphanumeric)
                    .map(|c| char::from(c.to_ascii_lowercase()))
                    .collect()
            };
            (alnum(before), alnum(after))
        } else {
            let alnum =
                |s: &str| -> String { fold(s).chars().filter(|c| c.is_alphanumeric()).collect() };
            (alnum(before), alnum(after))
        };
        if b == a {
            FixKind::Layout
        } else if !b.is_empty()
            && a.len() > b.len()
            && a.bytes().all(|c| c.is_ascii_digit())
            && a.ends_with(&b)
        {
            FixKind::Completed
        } else {
            FixKind::Replaced
        }
    }
}

/// Whether `before` and `after` have as many words, each `alike` its counterpart (no copy: a
/// large file has hundreds of thousands of fixes to tell apart).
fn same_words(before: &str, after: &str, alike: impl Fn(&str, &str) -> bool) -> bool {
    let (mut b, mut a) = (before.split_whitespace(), after.split_whitespace());
    loop {
        match (b.next(), a.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if alike(x, y) => {}
            _ => return false,
        }
    }
}

/// The automatic fixes of one column and kind.
#[derive(Debug)]
struct FixGroup<'a> {
    count: usize,
    rows: Vec<u32>,
    example: &'a Finding,
}

/// One line of « Contrôle ».
enum Line<'a> {
    Finding(&'a Finding),
    Removed(&'a Record),
    Fixes {
        column: &'a str,
        kind: FixKind,
        group: FixGroup<'a>,
    },
}

/// The lines, in order (see the module's documentation).
fn lines<'a>(outcome: &'a impl Results, schema: &Schema) -> Vec<Line<'a>> {
    let records = outcome.records();
    let opposed: FastSet<u32> = records
        .iter()
        .filter(|r| r.removed == Some(Code::RowOpposition))
        .map(|r| r.row)
        .collect();
    let removed: FastSet<u32> = records
        .iter()
        .filter(|r| r.removed.is_some())
        .map(|r| r.row)
        .collect();
    let mut file = Vec::new();
    let mut rows: Vec<(u32, Line<'a>)> = Vec::new();
    // By schema position of the column (unknown columns last), then kind.
    let mut fixes: BTreeMap<(usize, &'a str, FixKind), FixGroup<'a>> = BTreeMap::new();
    // Only the removed rows' findings: whether their removal is already described.
    let mut described: FastSet<(u32, Code)> = FastSet::default();
    for f in outcome.issues() {
        let Some(row) = f.row else {
            file.push(Line::Finding(f));
            continue;
        };
        if removed.contains(&row) {
            described.insert((row, f.code));
            if opposed.contains(&row) {
                // Nothing of theirs: not even what the check found in their cells.
                continue;
            }
        }
        if f.code == Code::ValueFixed {
            let column = f.column.as_deref().unwrap_or("");
            let position = schema.position(column).unwrap_or(usize::MAX);
            let before = f.value.as_deref().unwrap_or("");
            let after = f.fixed.as_deref().unwrap_or("");
            let group = fixes
                .entry((position, column, FixKind::of(before, after)))
                .or_insert(FixGroup {
                    count: 0,
                    rows: Vec::new(),
                    example: f,
                });
            group.count += 1;
            if group.rows.last() != Some(&row) {
                group.rows.push(row);
            }
            continue;
        }
        rows.push((row, Line::Finding(f)));
    }
    for record in records {
        let Some(reason) = record.removed else {
            continue;
        };
        if reason == Code::RowOpposition || !described.contains(&(record.row, reason)) {
            rows.push((record.row, Line::Removed(record)));
        }
    }
    rows.sort_by_key(|&(row, _)| row);
    let mut lines = file;
    lines.extend(
        fixes
            .into_iter()
            .map(|((_, column, kind), group)| Line::Fixes {
                column,
                kind,
                group,
            }),
    );
    lines.extend(rows.into_iter().map(|(_, line)| line));
    lines
}

/// Rows as ranges, « 4–17, 19, 21–30 », cut after about [`RANGES_CHARS`] characters with the
/// number of rows left out.
fn ranges(rows: &[u32]) -> String {
    let mut sorted = rows.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut out = String::new();
    let mut i = 0;
    while let Some(&start) = sorted.get(i) {
        let mut end = start;
        let mut j = i + 1;
        while sorted.get(j) == Some(&(end + 1)) {
            end += 1;
            j += 1;
        }
        if out.len() >= RANGES_CHARS {
            out.push_str(&text::more_rows(sorted.len() - i));
            return out;
        }
        if !out.is_empty() {
            out.push_str(", ");
        }
        if end == start {
            out.push_str(&start.to_string());
        } else {
            out.push_str(&format!("{start}–{end}"));
        }
        i = j;
    }
    out
}

/// The title of a field id, or the id itself when the schema does not have it.
fn title<'a>(schema: &'a Schema, id: &'a str) -> &'a str {
    schema.field(id).map_or(id, |field| field.title.as_str())
}

/// Writes the « Contrôle » sheet of one file.
///
/// # Errors
/// What the writer reports.
pub(super) fn write(
    book: &mut Book,
    outcome: &impl Results,
    schema: &Schema,
) -> Result<(), WriteError> {
    let lines = lines(outcome, schema);
    let (shown, left_out) = cut(lines.len());
    let mut sheet = start(book, shown, left_out, false)?;
    for (row, line) in (1u32..).zip(lines.iter().take(shown)) {
        write_line(&mut sheet, row, "", line, schema, false)?;
    }
    end(sheet, shown, left_out, false)
}

/// Of `total` lines, how many the sheet shows and how many its last line says were left out:
/// from [`MAX_LINES`] lines on, the sheet's last line is kept for that count. One rule for one
/// file and for the merged directory, whose runs are written before the total is known and
/// cannot take a line back.
fn cut(total: usize) -> (usize, usize) {
    let shown = total.min(MAX_LINES - 1);
    (shown, total - shown)
}

/// How many lines « Contrôle » gives these files (see [`lines_as_rows`]).
pub(super) fn line_count<O: Results>(files: &[(&str, &O)], schema: &Schema) -> usize {
    files.iter().map(|(_, o)| lines(*o, schema).len()).sum()
}

/// The lines of « Contrôle » some files give, each with its file, gathered before they are
/// written: how many there are is then known, and the next files' lines can start after them
/// while these are written.
pub(super) struct Lines<'a>(Vec<(&'a str, Line<'a>)>);

impl<'a> Lines<'a> {
    /// The lines of `files`, in order.
    pub(super) fn of<O: Results>(files: &[(&'a str, &'a O)], schema: &Schema) -> Lines<'a> {
        Lines(
            files
                .iter()
                .flat_map(|&(file, outcome)| {
                    lines(outcome, schema).into_iter().map(move |l| (file, l))
                })
                .collect(),
        )
    }

    /// How many lines, written or not.
    pub(super) fn len(&self) -> usize {
        self.0.len()
    }

    /// The lines as rows on their own (another worker or thread writes them) from
    /// spreadsheet row `first` (0-based: 1 is the first under the header), for
    /// [`write_from_rows`]; none past the sheet's last line but one, which
    /// [`write_from_rows`] keeps to say how many were left out.
    ///
    /// # Errors
    /// What the writer reports.
    pub(super) fn as_rows(
        &self,
        schema: &Schema,
        first: u32,
        with_file: bool,
    ) -> Result<Rows, WriteError> {
        let lines = self.0.iter().map(|(file, line)| (*file, line));
        write_run(lines, schema, first, with_file).map(|(rows, _)| rows)
    }
}

/// The lines of « Contrôle » these files give as rows from `first`, as [`Lines::as_rows`]
/// writes them, with how many they give, written or not; file by file, so that only one
/// file's lines are held at a time.
///
/// # Errors
/// What the writer reports.
pub(super) fn lines_as_rows<O: Results>(
    files: &[(&str, &O)],
    schema: &Schema,
    first: u32,
    with_file: bool,
) -> Result<(Rows, usize), WriteError> {
    let lines = files
        .iter()
        .flat_map(|&(file, outcome)| lines(outcome, schema).into_iter().map(move |l| (file, l)));
    write_run(lines, schema, first, with_file)
}

/// `lines` as a run of rows from `first`, none past the sheet's last line but one (which
/// [`write_from_rows`] keeps to say how many were left out); with how many lines there were.
fn write_run<'a, L: std::borrow::Borrow<Line<'a>>>(
    lines: impl Iterator<Item = (&'a str, L)>,
    schema: &Schema,
    first: u32,
    with_file: bool,
) -> Result<(Rows, usize), WriteError> {
    let mut sheet = SheetWriter::run(&columns(with_file));
    let last = u32::try_from(MAX_LINES - 1).unwrap_or(u32::MAX);
    let (mut row, mut count) = (first, 0);
    for (file, line) in lines {
        count += 1;
        if row <= last {
            write_line(&mut sheet, row, file, line.borrow(), schema, with_file)?;
            row += 1;
        }
    }
    Ok((sheet.finish_run()?, count))
}

/// Writes « Contrôle » (of several files, with the file on each line) from rows
/// [`lines_as_rows`] wrote, in order, holding `total` lines in all: past the sheet's last line
/// but one, the last says how many were left out.
///
/// # Errors
/// What the writer reports.
pub(super) fn write_from_rows(
    book: &mut Book,
    parts: Vec<Rows>,
    total: usize,
) -> Result<(), WriteError> {
    let (shown, left_out) = cut(total);
    let mut sheet = start(book, shown, left_out, true)?;
    for part in parts {
        sheet.splice(part)?;
    }
    end(sheet, shown, left_out, true)
}

/// The columns of « Contrôle », with « Fichier » first when `with_file`.
fn columns(with_file: bool) -> Vec<Column> {
    with_file
        .then_some(FILE_WIDTH)
        .into_iter()
        .chain(WIDTHS)
        .map(|width| Column {
            width,
            style: Style::Default,
        })
        .collect()
}

/// Starts « Contrôle » for `shown` lines and the one saying `left_out` were (if any).
fn start(
    book: &mut Book,
    shown: usize,
    left_out: usize,
    with_file: bool,
) -> Result<SheetWriter<'_>, WriteError> {
    let written = shown + usize::from(left_out > 0);
    let last_col = 6 + u16::from(with_file);
    let last_row = u32::try_from(written.max(1)).map_err(|_| WriteError::Position {
        row: u32::MAX,
        col: 0,
    })?;
    let widths: Vec<f64> = columns(with_file).iter().map(|c| c.width).collect();
    let titles: Vec<&str> = with_file
        .then_some(crate::text::ars::CONTROLE_FILE)
        .into_iter()
        .chain(text::CONTROLE_HEADERS)
        .collect();
    super::table_sheet(
        book,
        text::SHEET_CONTROLE,
        &widths,
        &titles,
        (last_row, last_col),
    )
}

/// Ends « Contrôle » after its `shown` lines: the line saying how many were left out, or the
/// one saying there is none at all; the filter.
fn end(
    mut sheet: SheetWriter<'_>,
    shown: usize,
    left_out: usize,
    with_file: bool,
) -> Result<(), WriteError> {
    let shift = u16::from(with_file);
    if left_out > 0 {
        let row = u32::try_from(shown + 1).unwrap_or(u32::MAX);
        sheet.row(row, None)?;
        sheet.string(shift + 6, &text::lines_left_out(left_out), Style::Default)?;
    }
    if shown == 0 && left_out == 0 {
        sheet.row(1, None)?;
        sheet.string(shift + 6, text::NO_FINDING, Style::Default)?;
    }
    let written = shown + usize::from(left_out > 0);
    let last_row = u32::try_from(written.max(1)).unwrap_or(u32::MAX);
    sheet.finish(Tail {
        autofilter: Some((last_row, 6 + shift)),
        validations: Vec::new(),
    })
}

/// Writes one line of « Contrôle » on spreadsheet row `row`.
fn write_line(
    sheet: &mut SheetWriter<'_>,
    row: u32,
    file: &str,
    line: &Line<'_>,
    schema: &Schema,
    with_file: bool,
) -> Result<(), WriteError> {
    let shift = u16::from(with_file);
    let severity_style = |severity| match severity {
        Severity::Error => Style::SeverityError,
        Severity::Warning => Style::SeverityWarning,
        Severity::Notice => Style::Default,
    };
    sheet.row(row, None)?;
    if with_file {
        sheet.shared(0, file, Style::Default)?;
    }
    let col = |c: u16| c + shift;
    match line {
        Line::Finding(f) => {
            if let Some(number) = f.row {
                sheet.number(col(0), number, Style::Default)?;
            }
            let column = f.column.as_deref().map_or("", |id| title(schema, id));
            // Column titles, codes and severities: a few texts on every line.
            sheet.shared(col(1), column, Style::Default)?;
            sheet.shared(col(2), f.code.as_str(), Style::Default)?;
            sheet.shared(
                col(3),
                text::severity(f.severity),
                severity_style(f.severity),
            )?;
            if let Some(value) = &f.value {
                sheet.text(col(4), value, Style::Default)?;
            }
            if let Some(fixed) = &f.fixed {
                sheet.text(col(5), fixed, Style::Default)?;
            }
            sheet.text(col(6), &f.message, Style::Default)?;
        }
        Line::Removed(record) => {
            let reason = record.removed.unwrap_or(Code::RowBlank);
            sheet.number(col(0), record.row, Style::Default)?;
            sheet.shared(col(1), "", Style::Default)?;
            sheet.shared(col(2), reason.as_str(), Style::Default)?;
            let severity = reason.severity();
            sheet.shared(col(3), text::severity(severity), severity_style(severity))?;
            sheet.string(col(6), &text::removed_row(reason), Style::Default)?;
        }
        Line::Fixes {
            column,
            kind,
            group,
        } => {
            sheet.shared(col(1), title(schema, column), Style::Default)?;
            sheet.shared(col(2), Code::ValueFixed.as_str(), Style::Default)?;
            let severity = Code::ValueFixed.severity();
            sheet.shared(col(3), text::severity(severity), severity_style(severity))?;
            if let Some(value) = &group.example.value {
                sheet.text(col(4), value, Style::Default)?;
            }
            if let Some(fixed) = &group.example.fixed {
                sheet.text(col(5), fixed, Style::Default)?;
            }
            let message = text::fixes_line(*kind, group.count, &ranges(&group.rows));
            sheet.string(col(6), &message, Style::Default)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arc(s: &str) -> Arc<str> {
        Arc::from(s)
    }

    /// An outcome of these findings and no record.
    fn outcome_of(issues: Vec<Finding>) -> crate::check::Outcome {
        crate::check::Outcome {
            report: crate::report::Report {
                file: String::new(),
                sheet: None,
                header_row: None,
                columns: vec![],
                rows_read: 0,
                rows_kept: 0,
                summary: crate::report::Summary::default(),
                issues,
                filename: None,
            },
            records: vec![],
        }
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_path_agrees_with_the_fold(before in "[ a-zA-Z0-9.]{0,12}", after in "[ a-zA-Z0-9.]{0,12}") {
            // The same texts with an accented word added at both ends take the general path
            // (a word of its own: glued to the text, it would change where the words split).
            let general = FixKind::of(&format!("é {before} é"), &format!("é {after} é"));
            let ascii = FixKind::of(&before, &after);
            // Padding both sides alike cannot turn a change into none, nor one kind into
            // another, except where the padding itself is the whole value.
            if !before.trim().is_empty() && !after.trim().is_empty() && ascii != FixKind::Completed {
                proptest::prop_assert_eq!(ascii, general, "{:?} → {:?}", before, after);
            }
        }
    }

    #[test]
    fn rows_read_as_ranges() {
        assert_eq!(ranges(&[4, 5, 6, 7, 19, 21, 22, 30]), "4–7, 19, 21–22, 30");
        assert_eq!(ranges(&[3]), "3");
        assert_eq!(ranges(&[]), "");
        assert_eq!(ranges(&[9, 8, 8, 7]), "7–9");
    }

    #[test]
    fn long_ranges_say_how_many_rows_they_leave_out() {
        let rows: Vec<u32> = (1..100_000).step_by(2).collect();
        let text = ranges(&rows);
        assert!(text.len() < RANGES_CHARS + 100, "{}", text.len());
        // One row per piece (no two rows follow each other); the last piece ends the text.
        let listed = text.split(", ").count();
        assert!(
            text.contains(&text::more_rows(rows.len() - listed)),
            "{text}"
        );
    }

    #[test]
    fn fixes_are_grouped_by_column_and_kind() {
        let fix = |row: u32, column: &str, before: &str, after: &str| Finding {
            column: Some(arc(column)),
            value: Some(arc(before)),
            fixed: Some(arc(after)),
            ..Finding::new(Code::ValueFixed, "corrigé").at_row(row)
        };
        let outcome = outcome_of(vec![
            fix(2, "nom", "martin", "MARTIN"),
            fix(3, "nom", "durand", "DURAND"),
            fix(3, "telephone", "0561234567", "05 61 23 45 67"),
            Finding::new(Code::ValueRequired, "manque").at_row(3),
            fix(4, "nom", "dupont", "DUPONT"),
            fix(9, "nom", " Luc", "Luc"),
        ]);
        let schema = Schema::default();
        let lines = lines(&outcome, &schema);
        let summary: Vec<String> = lines
            .iter()
            .map(|l| match l {
                Line::Fixes {
                    column,
                    kind,
                    group,
                } => format!("{column} {kind:?} {} {}", group.count, ranges(&group.rows)),
                Line::Finding(f) => format!("{} {:?}", f.code.as_str(), f.row),
                Line::Removed(r) => format!("removed {}", r.row),
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                "nom Spaces 1 9",
                "nom Case 3 2–4",
                "telephone Layout 1 3",
                "value.required Some(3)",
            ]
        );
    }

    /// One file's « Contrôle » and the merged one stop at the same line: the sheet's last
    /// row says how many were left out as soon as the lines would fill the sheet.
    #[test]
    fn a_sheet_too_short_for_every_line_says_how_many_it_left_out() {
        use calamine::Reader;
        for total in [MAX_LINES - 2, MAX_LINES - 1, MAX_LINES, MAX_LINES + 1, 38] {
            let issues: Vec<Finding> = (2..2 + u32::try_from(total).unwrap())
                .map(|row| Finding::new(Code::ModeInvalid, "à vérifier").at_row(row))
                .collect();
            let outcome = outcome_of(issues);
            let bytes = crate::write::write_corrected(&outcome, &Schema::default())
                .map(|f| f.to_vec())
                .unwrap_or_default();
            let mut book = calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(
                std::io::Cursor::new(bytes),
            )
            .expect("the workbook reads back");
            let sheet = book.worksheet_range("Contrôle").expect("« Contrôle »");
            let rows: Vec<_> = sheet.rows().collect();
            let last = rows.last().and_then(|r| r.get(6)).map(|c| c.to_string());
            let (shown, left_out) = cut(total);
            assert_eq!(shown + left_out, total);
            if total < MAX_LINES {
                // The header and every line.
                assert_eq!((rows.len(), left_out), (total + 1, 0), "{total} lines");
                assert_eq!(last.as_deref(), Some("à vérifier"));
            } else {
                // The header, MAX_LINES - 1 lines, and the line saying what was left out.
                assert_eq!(rows.len(), MAX_LINES + 1, "{total} lines");
                assert_eq!(last, Some(text::lines_left_out(total - (MAX_LINES - 1))));
            }
        }
    }

    /// « Contrôle » of several files written as rows elsewhere, however the files are cut,
    /// is the one sheet, with what was left out past its end.
    #[test]
    fn lines_written_elsewhere_make_the_same_sheet_and_stop_at_its_end() {
        let finding = |row| Finding::new(Code::ModeInvalid, "à vérifier").at_row(row);
        let schema = Schema::default();
        let sheet_of = |outcomes: &[(&str, &crate::check::Outcome)], cuts: &[usize]| {
            let mut book = Book::new(crate::write::xlsx::Plan {
                notes: vec![false],
                shared_strings: true,
            })
            .unwrap();
            let (mut parts, mut from, mut first, mut total) = (Vec::new(), 0, 1u32, 0);
            for &to in cuts.iter().chain([&outcomes.len()]) {
                let run = &outcomes[from..to];
                let (rows, n) = lines_as_rows(run, &schema, first, true).unwrap();
                assert_eq!(n, line_count(run, &schema));
                parts.push(rows);
                first += u32::try_from(n).unwrap();
                total += n;
                from = to;
            }
            write_from_rows(&mut book, parts, total).unwrap();
            let bytes = book.finish().unwrap().to_vec();
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            let mut xml = String::new();
            std::io::Read::read_to_string(
                &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
                &mut xml,
            )
            .unwrap();
            xml
        };
        for sizes in [[0usize, 0, 0], [2, 3, 1], [5, 4, 6], [0, 30, 2]] {
            let outcomes: Vec<crate::check::Outcome> = sizes
                .iter()
                .map(|&n| outcome_of((2..2 + u32::try_from(n).unwrap()).map(finding).collect()))
                .collect();
            let named: Vec<(&str, &crate::check::Outcome)> = ["a.xlsx", "b.xlsx", "c.xlsx"]
                .into_iter()
                .zip(&outcomes)
                .collect();
            let whole = sheet_of(&named, &[]);
            for cuts in [&[0][..], &[1], &[2], &[1, 2], &[3], &[0, 3]] {
                assert_eq!(sheet_of(&named, cuts), whole, "{sizes:?} cut at {cuts:?}");
            }
            let total: usize = sizes.iter().sum();
            let lines = whole.matches("<row ").count() - 1;
            assert_eq!(lines, total.clamp(1, MAX_LINES), "{sizes:?}");
            if total >= MAX_LINES {
                assert!(whole.contains(&text::lines_left_out(total - (MAX_LINES - 1))));
            } else if total == 0 {
                assert!(whole.contains(text::NO_FINDING));
            }
        }
    }
}
