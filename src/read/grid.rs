//! A sheet as the readers deliver it: only the rows that hold a value, each with its cells from
//! column A up to its last value (at most [`MAX_COLUMNS`]). Sparse by row, so a stray cell at
//! the bottom of a sheet costs one row, not a million.

use crate::error::{Error, SizeUnit};
use crate::read::limits::{MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_TEXT_BYTES};
use crate::read::repair::{Odd, Oddity};
use crate::table::Cell;

/// A cell whose stored value could not be read (see [`super::repair`]): it is read as empty and
/// reported where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Unreadable {
    /// The spreadsheet's own row number (1-based).
    pub row: u32,
    /// The 0-based column.
    pub column: u32,
    /// Why it could not be read.
    pub oddity: Oddity,
    /// What it stored.
    pub value: String,
}

impl Unreadable {
    /// The cell's reference, as Excel shows it (`D7`).
    pub fn reference(&self) -> String {
        let column = u16::try_from(self.column).unwrap_or(u16::MAX);
        format!("{}{}", crate::write::column_name(column), self.row)
    }
}

/// A row holding at least one value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawRow {
    /// The spreadsheet's own row number (1-based).
    pub number: u32,
    /// Cells by 0-based column, from column A.
    pub cells: Vec<Cell>,
}

/// The non-empty rows of a sheet, in row order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    /// The rows, sorted by number, each holding at least one value.
    pub rows: Vec<RawRow>,
    /// The cells that could not be read, in reading order (left of [`MAX_COLUMNS`] only).
    pub unreadable: Vec<Unreadable>,
    /// Cells put so far, and their text in bytes: every reader fills the grid cell by cell, so
    /// the limits hold while the file is parsed, whatever the format.
    cells: u64,
    text: u64,
}

impl Grid {
    /// Records a cell at a 0-based position whose stored value could not be read.
    pub fn unreadable(&mut self, row: u32, column: u32, odd: Odd) {
        if (column as usize) < MAX_COLUMNS {
            self.unreadable.push(Unreadable {
                row: row.saturating_add(1),
                column,
                oddity: odd.oddity,
                value: odd.value,
            });
        }
    }

    /// Places a cell at a 0-based position; empty cells and cells right of [`MAX_COLUMNS`] are
    /// dropped. Returns `false` for a column past [`MAX_COLUMNS`].
    ///
    /// # Errors
    /// [`Error::TooLarge`] past [`MAX_ROWS`] rows holding values, [`MAX_CELLS`] cells or
    /// [`MAX_TEXT_BYTES`] of text.
    pub fn put(&mut self, row: u32, column: u32, cell: Cell) -> Result<bool, Error> {
        let column = column as usize;
        if column >= MAX_COLUMNS {
            return Ok(false);
        }
        if cell.is_empty() {
            return Ok(true);
        }
        self.cells += 1;
        self.text = self.text.saturating_add(cell.text.len() as u64);
        if self.cells > MAX_CELLS {
            return Err(Error::TooLarge {
                size: self.cells,
                limit: MAX_CELLS,
                unit: SizeUnit::Cells,
            });
        }
        if self.text > MAX_TEXT_BYTES {
            return Err(Error::TooLarge {
                size: self.text,
                limit: MAX_TEXT_BYTES,
                unit: SizeUnit::Text,
            });
        }
        let number = row.saturating_add(1);
        let index = match self.rows.last() {
            Some(last) if last.number == number => self.rows.len() - 1,
            Some(last) if last.number > number => {
                match self.rows.binary_search_by_key(&number, |r| r.number) {
                    Ok(i) => i,
                    Err(i) => {
                        self.rows.insert(
                            i,
                            RawRow {
                                number,
                                cells: Vec::new(),
                            },
                        );
                        i
                    }
                }
            }
            _ => {
                if self.rows.len() >= MAX_ROWS {
                    return Err(Error::TooLarge {
                        size: self.rows.len() as u64 + 1,
                        limit: MAX_ROWS as u64,
                        unit: SizeUnit::Rows,
                    });
                }
                // Rows of a sheet tend to be as wide as the previous one: one allocation each.
                let width = self.rows.last().map_or(1, |r| r.cells.len());
                self.rows.push(RawRow {
                    number,
                    cells: Vec::with_capacity(width),
                });
                self.rows.len() - 1
            }
        };
        if let Some(r) = self.rows.get_mut(index) {
            if r.cells.len() <= column {
                r.cells.resize(column + 1, Cell::default());
            }
            if let Some(slot) = r.cells.get_mut(column) {
                *slot = cell;
            }
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_rows_stay_sorted_and_far_cells_are_dropped() {
        let mut g = Grid::default();
        g.put(4, 1, Cell::text("b")).unwrap();
        g.put(0, 0, Cell::text("a")).unwrap();
        g.put(1_048_575, 16_383, Cell::text("far")).unwrap();
        g.put(1_048_575, 0, Cell::text("low")).unwrap();
        g.put(4, 0, Cell::text("  ")).unwrap();
        let numbers: Vec<u32> = g.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 5, 1_048_576]);
        assert_eq!(g.rows[1].cells.len(), 2);
        assert_eq!(g.rows[2].cells, [Cell::text("low")]);
    }
}
