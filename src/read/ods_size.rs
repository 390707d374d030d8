//! The number of cells the OpenDocument reader would allocate, counted from `content.xml`
//! before handing the file over. calamine parses every sheet at once into dense ranges spanning
//! each sheet's used cells, expanding `number-rows-repeated` and `number-columns-repeated`; a
//! tiny file with one value at the far corner of a sheet would cost gigabytes.
//!
//! A plain byte scan of the tags is enough: we only need each sheet's bounding box of cells
//! that hold a value (`office:value-type`).

use std::io::{BufRead, BufReader, Read};

/// The longest tag we look into; longer tags (huge attribute values) are skipped past.
const MAX_TAG: usize = 64 * 1024;

#[derive(Default)]
struct Sheet {
    row: u64,
    pending_rows: u64,
    column: u64,
    bbox: Option<(u64, u64, u64, u64)>,
}

impl Sheet {
    fn area(&self) -> u64 {
        self.bbox.map_or(0, |(r0, r1, c0, c1)| {
            (r1.saturating_sub(r0) + 1).saturating_mul(c1.saturating_sub(c0) + 1)
        })
    }
}

fn attr(tag: &[u8], name: &[u8]) -> Option<u64> {
    let at = tag.windows(name.len()).position(|w| w == name)? + name.len();
    let rest = tag.get(at..)?;
    let rest = rest
        .strip_prefix(b"=\"")
        .or_else(|| rest.strip_prefix(b"='"))?;
    let digits: Vec<u8> = rest
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .copied()
        .collect();
    std::str::from_utf8(&digits).ok()?.parse().ok()
}

/// The sum over sheets of their dense cell count; `None` if the XML cannot be read.
pub fn dense_cells(content: impl Read) -> Option<u64> {
    let mut reader = BufReader::with_capacity(64 * 1024, content);
    let mut total = 0u64;
    let mut sheet = Sheet::default();
    let mut tag = Vec::with_capacity(256);
    loop {
        // Skip to the next tag.
        let mut skipped = Vec::new();
        if reader.read_until(b'<', &mut skipped).ok()? == 0 {
            break;
        }
        skipped.clear();
        tag.clear();
        let mut limited = (&mut reader).take(MAX_TAG as u64);
        limited.read_until(b'>', &mut tag).ok()?;
        if tag.last() != Some(&b'>') {
            if tag.len() < MAX_TAG {
                break;
            }
            // An enormous tag: move past its end and ignore it.
            reader.read_until(b'>', &mut skipped).ok()?;
            continue;
        }
        let name_end = tag
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
            .unwrap_or(tag.len());
        match tag.get(..name_end).unwrap_or(&[]) {
            b"table:table" => {
                total = total.saturating_add(sheet.area());
                sheet = Sheet::default();
            }
            b"table:table-row" => {
                sheet.row = sheet.row.saturating_add(sheet.pending_rows);
                sheet.pending_rows = attr(&tag, b"table:number-rows-repeated")
                    .unwrap_or(1)
                    .max(1);
                sheet.column = 0;
            }
            b"table:table-cell" | b"table:covered-table-cell" => {
                let repeat = attr(&tag, b"table:number-columns-repeated")
                    .unwrap_or(1)
                    .max(1);
                if tag.windows(17).any(|w| w == b"office:value-type") {
                    let last_row = sheet
                        .row
                        .saturating_add(sheet.pending_rows.saturating_sub(1));
                    let last_col = sheet.column.saturating_add(repeat.saturating_sub(1));
                    let (r0, r1, c0, c1) = (sheet.row, last_row, sheet.column, last_col);
                    sheet.bbox = Some(match sheet.bbox {
                        None => (r0, r1, c0, c1),
                        Some((a, b, c, d)) => (a.min(r0), b.max(r1), c.min(c0), d.max(c1)),
                    });
                }
                sheet.column = sheet.column.saturating_add(repeat);
            }
            _ => {}
        }
    }
    Some(total.saturating_add(sheet.area()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_the_bounding_box_of_values() {
        let xml = br#"<office:body><table:table table:name="A">
<table:table-row><table:table-cell office:value-type="string"><text:p>Nom</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16383"/></table:table-row>
<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row>
</table:table><table:table table:name="B"><table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="2" office:value-type="float" office:value="1"/></table:table-row></table:table>"#;
        assert_eq!(dense_cells(&xml[..]), Some(1_048_576 * 16_384 + 6));
        assert_eq!(dense_cells(&b"<table:table><table:table-row>"[..]), Some(0));
        // A cell before any row, an unclosed tag: no panic.
        let hostile =
            br#"<table:table><table:table-cell office:value-type="float"/><table:table-row"#;
        assert_eq!(dense_cells(&hostile[..]), Some(1));
    }
}
