//! CSV files as French offices write them: UTF-8 (with or without BOM), Windows-1252 (Excel's
//! « CSV (séparateur : point-virgule) »), or UTF-16 (Excel's « Texte Unicode »); separator `;`,
//! `,` or tab, detected from the first lines. Every field is [`CellKind::Untyped`].

use std::borrow::Cow;

use crate::error::Error;
use crate::read::grid::Grid;
use crate::table::{Cell, CellKind};

/// Decodes the bytes to text: BOM first, then UTF-8 if valid, else Windows-1252.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes.get(bom..).unwrap_or(&[]));
        return text;
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

/// The separator used by the first lines: among `;`, `,` and tab (outside quotes), the one
/// found the same number of times on the most lines; `;` when nothing decides.
pub fn separator(text: &str) -> u8 {
    let lines = logical_lines(text, 30);
    let mut best = (0usize, 0usize, b';');
    for sep in [b';', b',', b'\t'] {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, sep)).collect();
        let mut tally: Vec<(usize, usize)> = Vec::new();
        for &c in counts.iter().filter(|&&c| c > 0) {
            match tally.iter_mut().find(|(n, _)| *n == c) {
                Some((_, seen)) => *seen += 1,
                None => tally.push((c, 1)),
            }
        }
        // The most frequent count, then the largest: a header row has the most separators.
        let (count, lines_agreeing) = tally
            .into_iter()
            .max_by_key(|&(n, seen)| (seen, n))
            .unwrap_or((0, 0));
        if (lines_agreeing, count) > (best.0, best.1) {
            best = (lines_agreeing, count, sep);
        }
    }
    best.2
}

/// The separator declared by a first line `sep=X`, and the text after that line.
fn declared_separator(text: &str) -> Option<(&str, u8)> {
    let rest = text.strip_prefix("sep=")?;
    let sep = *rest.as_bytes().first()?;
    let after = rest.get(1..)?;
    let after = after
        .strip_prefix("\r\n")
        .or_else(|| after.strip_prefix('\n'))
        .or_else(|| after.strip_prefix('\r'))?;
    Some((after, sep))
}

/// Up to `max` lines, joining lines broken inside quoted fields.
fn logical_lines(text: &str, max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                out.push(text.get(start..i).unwrap_or(""));
                start = i + 1;
                if out.len() >= max {
                    return out;
                }
            }
            _ => {}
        }
    }
    if start < text.len() {
        out.push(text.get(start..).unwrap_or(""));
    }
    out
}

fn count_outside_quotes(line: &str, sep: u8) -> usize {
    let mut quoted = false;
    line.bytes()
        .filter(|&b| {
            if b == b'"' {
                quoted = !quoted;
            }
            b == sep && !quoted
        })
        .count()
}

/// Reads CSV text into rows; the row number is the record's position, as a spreadsheet shows
/// the file once opened.
///
/// # Errors
/// [`Error::TooLarge`] past the row limit; [`Error::Corrupt`] if the CSV parser gives up.
pub fn read(bytes: &[u8]) -> Result<Grid, Error> {
    let decoded = decode(bytes);
    // Excel writes and honours a first line `sep=;`, and does not show it as a row.
    let (text, sep) = match declared_separator(&decoded) {
        Some((rest, sep)) => (rest, sep),
        None => (&*decoded, separator(&decoded)),
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(text.as_bytes());
    let mut grid = Grid::default();
    let mut record = csv::StringRecord::new();
    let mut row = 0u32;
    let text_bytes = text.as_bytes();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let start = record.position().map_or(0, |p| p.byte());
                let start = usize::try_from(start).unwrap_or(usize::MAX);
                row = row.saturating_add(blank_lines(text_bytes, start));
                for (column, field) in record.iter().enumerate() {
                    let column = u32::try_from(column).unwrap_or(u32::MAX);
                    grid.put(row, column, Cell::new(field, CellKind::Untyped))?;
                }
                row = row.saturating_add(1);
            }
            Err(e) => {
                return Err(Error::Corrupt {
                    detail: e.to_string(),
                })
            }
        }
    }
    Ok(grid)
}

/// The blank lines a record's span starts with: the csv crate skips them, a spreadsheet shows
/// them as rows. The span may start on the `\n` of the previous record's `\r\n`.
fn blank_lines(bytes: &[u8], start: usize) -> u32 {
    let mut count = 0u32;
    let mut i = start;
    if i > 0 && bytes.get(i - 1) == Some(&b'\r') && bytes.get(i) == Some(&b'\n') {
        i += 1;
    }
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => i += 2,
            b'\r' | b'\n' => i += 1,
            _ => break,
        }
        count = count.saturating_add(1);
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(decode(b"\xEF\xBB\xBFPr\xC3\xA9nom"), "Prénom");
        assert_eq!(decode(b"Pr\xC3\xA9nom"), "Prénom");
        assert_eq!(decode(b"Pr\xE9nom"), "Prénom");
        assert_eq!(decode(b"\xFF\xFEP\0r\0\xE9\0"), "Pré");
    }

    #[test]
    fn separators() {
        assert_eq!(separator("Nom;Prénom;Ville\nA;B;C\n"), b';');
        assert_eq!(separator("Nom,Prénom,Ville\nA,B,C\n"), b',');
        assert_eq!(separator("Nom\tPrénom\tVille\nA\tB\tC\n"), b'\t');
        // Commas inside quoted fields do not vote.
        assert_eq!(
            separator("Nom;Adresse\nA;\"1, rue X, Albi\"\nB;\"2, rue Y\"\n"),
            b';'
        );
        assert_eq!(separator("Nom\n"), b';');
    }

    #[test]
    fn excel_sep_line_sets_the_separator_and_is_not_a_row() {
        let grid = read(b"sep=,\r\nNom,Pr\xC3\xA9nom\r\nA;1,B\r\n").unwrap();
        assert_eq!(grid.rows[0].number, 1);
        assert_eq!(grid.rows[1].cells[0].text.as_ref(), "A;1");
        assert_eq!(grid.rows[1].number, 2);
    }

    #[test]
    fn quoted_newlines_stay_in_one_record() {
        let grid = read("Nom;Adresse\r\nA;\"1 rue X\nAlbi\"\n\n\r\nB;C\r\nD;E".as_bytes()).unwrap();
        assert_eq!(grid.rows.len(), 4);
        assert_eq!(grid.rows[1].cells[1].text.as_ref(), "1 rue X\nAlbi");
        // Two blank lines after the quoted record: B is on the spreadsheet's row 5.
        assert_eq!(grid.rows[2].number, 5);
        assert_eq!(grid.rows[3].number, 6);
        assert_eq!(grid.rows[2].cells[0].kind, CellKind::Untyped);
    }
}
