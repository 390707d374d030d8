//! Rows of a sheet written on their own ([`super::SheetWriter::run`]), in another worker or on
//! another thread, and spliced into the sheet ([`super::SheetWriter::splice`]); as bytes, so
//! that a worker can hand them to another without sharing memory.
//!
//! The bytes (`crate::wire`): a magic, the span, the deflated run (CRC, size, blocks), then
//! the notes.

use super::container::Deflated;
use super::notes::Note;
use super::WriteError;
use crate::wire::{Reader, WireError, Writer};

/// What the bytes start with (and the format's version).
const MAGIC: &[u8; 8] = b"ACPTSRW1";

/// Rows written on their own, for [`super::SheetWriter::splice`]: their XML deflated, their
/// notes.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Rows {
    /// The first and last rows written (0-based), `None` when there are none.
    pub span: Option<(u32, u32)>,
    /// The rows' XML, deflated on its own.
    pub deflated: Deflated,
    /// The notes on their cells.
    pub notes: Vec<Note>,
}

impl Rows {
    /// The rows as bytes, for [`Rows::from_bytes`].
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(
            self.deflated.bytes.len() + 64 + 64 * self.notes.len(),
        ));
        w.0.extend_from_slice(MAGIC);
        match self.span {
            None => w.u8(0),
            Some((first, last)) => {
                w.u8(1);
                w.u32(first);
                w.u32(last);
            }
        }
        w.u32(self.deflated.crc);
        w.u64(self.deflated.size);
        w.bytes(&self.deflated.bytes);
        w.count(self.notes.len());
        for note in &self.notes {
            w.u32(note.row);
            w.u32(u32::from(note.col));
            w.u32(note.width);
            w.u32(note.height);
            w.text(&note.text);
            w.text(&note.author);
        }
        w.0
    }

    /// Reads back what [`Rows::to_bytes`] wrote.
    ///
    /// # Errors
    /// [`WriteError::Plan`] for bytes that are not such rows.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Rows, WriteError> {
        read(&mut Reader(bytes)).map_err(|_| WriteError::Plan("rows handed over"))
    }
}

fn read(r: &mut Reader<'_>) -> Result<Rows, WireError> {
    if r.take(MAGIC.len())? != MAGIC {
        return Err(WireError);
    }
    let span = match r.u8()? {
        0 => None,
        1 => Some((r.u32()?, r.u32()?)),
        _ => return Err(WireError),
    };
    let crc = r.u32()?;
    let size = r.u64()?;
    let deflated = Deflated {
        bytes: r.bytes()?.to_vec(),
        crc,
        size,
    };
    let count = r.count()?;
    let mut notes = Vec::with_capacity(count);
    for _ in 0..count {
        notes.push(Note {
            row: r.u32()?,
            col: u16::try_from(r.u32()?).map_err(|_| WireError)?,
            width: r.u32()?,
            height: r.u32()?,
            text: r.string()?,
            author: r.string()?,
        });
    }
    r.end()?;
    Ok(Rows {
        span,
        deflated,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_read_back_as_they_were_written() {
        let rows = Rows {
            span: Some((4, 900)),
            deflated: Deflated {
                bytes: vec![1, 2, 3, 0, 0, 255, 255],
                crc: 0xDEAD_BEEF,
                size: 5_000_000_000,
            },
            notes: vec![Note {
                row: 7,
                col: 3,
                text: "Erreur : « 0612 »".into(),
                author: "Annuaire CPTS".into(),
                width: 300,
                height: 80,
            }],
        };
        let bytes = rows.to_bytes();
        assert_eq!(Rows::from_bytes(&bytes), Ok(rows));
        let none = Rows::default();
        assert_eq!(Rows::from_bytes(&none.to_bytes()), Ok(none));
        // Every cut, every extra byte and a wrong magic are errors, not panics.
        for n in 0..bytes.len() {
            assert!(
                Rows::from_bytes(bytes.get(..n).unwrap()).is_err(),
                "cut at {n}"
            );
        }
        assert!(Rows::from_bytes(&[bytes.as_slice(), b"x"].concat()).is_err());
        let mut wrong = bytes.clone();
        wrong[0] = b'B';
        assert!(Rows::from_bytes(&wrong).is_err());
    }
}
