//! Just enough of the Compound File Binary format (MS-CFB) to look inside an OLE container
//! before handing it to a reader: an encrypted OOXML workbook is a CFB holding an
//! `EncryptedPackage` stream, a Word document holds `WordDocument`, an `.xls` holds `Workbook`
//! (or `Book`), whose records we scan for their declared size.
//!
//! Every read is bounds-checked and every sector chain is cut at the number of sectors in the
//! file, so a looping or truncated chain ends instead of spinning or panicking.

const FREE_OR_END: u32 = 0xFFFF_FFFA;

/// One directory entry: a stream or storage name, and where its bytes are.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The entry's name (`"Workbook"`, `"EncryptedPackage"`…).
    pub name: String,
    start: u32,
    size: u64,
    is_stream: bool,
}

/// A parsed compound file over borrowed bytes.
#[derive(Debug)]
pub struct Cfb<'a> {
    bytes: &'a [u8],
    sector_size: usize,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    mini_stream: Vec<u8>,
    cutoff: u64,
    /// Every directory entry, in directory order.
    pub entries: Vec<Entry>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

impl<'a> Cfb<'a> {
    /// Parses the header, FAT, directory and mini stream; `None` when the container is
    /// malformed.
    pub fn parse(bytes: &'a [u8]) -> Option<Cfb<'a>> {
        let shift = u16_at(bytes, 0x1E)?;
        if !(7..=16).contains(&shift) {
            return None;
        }
        let sector_size = 1usize << shift;
        let mut cfb = Cfb {
            bytes,
            sector_size,
            fat: Vec::new(),
            mini_fat: Vec::new(),
            mini_stream: Vec::new(),
            cutoff: u64::from(u32_at(bytes, 0x38)?),
            entries: Vec::new(),
        };
        // The FAT's own sectors are listed by the DIFAT: 109 entries in the header, then a chain.
        let mut fat_sectors: Vec<u32> = (0..109)
            .filter_map(|i| u32_at(bytes, 0x4C + 4 * i))
            .filter(|&s| s < FREE_OR_END)
            .collect();
        let mut difat = u32_at(bytes, 0x44)?;
        let per_sector = sector_size / 4;
        let mut guard = cfb.sector_count();
        while difat < FREE_OR_END && guard > 0 {
            guard -= 1;
            let sector = cfb.sector(difat)?;
            for i in 0..per_sector - 1 {
                let s = u32_at(sector, 4 * i)?;
                if s < FREE_OR_END {
                    fat_sectors.push(s);
                }
            }
            difat = u32_at(sector, 4 * (per_sector - 1))?;
        }
        let mut fat = Vec::with_capacity(fat_sectors.len().min(cfb.sector_count()) * per_sector);
        for s in fat_sectors.iter().take(cfb.sector_count()) {
            let sector = cfb.sector(*s)?;
            fat.extend((0..per_sector).filter_map(|i| u32_at(sector, 4 * i)));
        }
        cfb.fat = fat;
        let directory = cfb.chain(u32_at(bytes, 0x30)?, None)?;
        cfb.entries = directory
            .chunks_exact(128)
            .filter_map(|e| {
                let kind = *e.get(66)?;
                if kind == 0 {
                    return None;
                }
                let len = usize::from(u16_at(e, 64)?).min(64);
                let units: Vec<u16> = e
                    .get(..len.saturating_sub(2))?
                    .chunks_exact(2)
                    .filter_map(|c| u16_at(c, 0))
                    .collect();
                Some(Entry {
                    name: String::from_utf16_lossy(&units),
                    start: u32_at(e, 116)?,
                    size: if shift == 9 {
                        u64::from(u32_at(e, 120)?)
                    } else {
                        u64_at(e, 120)?
                    },
                    is_stream: kind == 2,
                })
            })
            .collect();
        let mini_fat = cfb.chain(u32_at(bytes, 0x3C)?, None).unwrap_or_default();
        cfb.mini_fat = mini_fat
            .chunks_exact(4)
            .filter_map(|c| u32_at(c, 0))
            .collect();
        if let Some(root) = cfb.entries.first().cloned() {
            cfb.mini_stream = cfb.chain(root.start, Some(root.size)).unwrap_or_default();
        }
        Some(cfb)
    }

    fn sector_count(&self) -> usize {
        (self.bytes.len() / self.sector_size).saturating_sub(1)
    }

    fn sector(&self, index: u32) -> Option<&'a [u8]> {
        let start = (index as usize + 1).checked_mul(self.sector_size)?;
        self.bytes.get(start..start.checked_add(self.sector_size)?)
    }

    /// The bytes of a regular sector chain, truncated to `size` when given.
    fn chain(&self, mut sector: u32, size: Option<u64>) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut guard = self.sector_count() + 1;
        while sector < FREE_OR_END && guard > 0 {
            guard -= 1;
            out.extend_from_slice(self.sector(sector)?);
            if size.is_some_and(|s| out.len() as u64 >= s) {
                break;
            }
            sector = *self.fat.get(sector as usize)?;
        }
        if let Some(s) = size {
            out.truncate(usize::try_from(s).ok()?);
        }
        Some(out)
    }

    fn mini_chain(&self, mut sector: u32, size: u64) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut guard = self.mini_fat.len() + 1;
        while sector < FREE_OR_END && guard > 0 && (out.len() as u64) < size {
            guard -= 1;
            let start = (sector as usize).checked_mul(64)?;
            out.extend_from_slice(self.mini_stream.get(start..start.checked_add(64)?)?);
            sector = *self.mini_fat.get(sector as usize)?;
        }
        out.truncate(usize::try_from(size).ok()?);
        Some(out)
    }

    /// Whether a stream or storage of this name exists (case-insensitive, as CFB compares).
    pub fn has(&self, name: &str) -> bool {
        self.entries
            .iter()
            .any(|e| e.name.eq_ignore_ascii_case(name))
    }

    /// The bytes of the first stream with one of these names.
    pub fn stream(&self, names: &[&str]) -> Option<Vec<u8>> {
        let entry = self
            .entries
            .iter()
            .find(|e| e.is_stream && names.iter().any(|n| e.name.eq_ignore_ascii_case(n)))?;
        if entry.size < self.cutoff {
            self.mini_chain(entry.start, entry.size)
        } else {
            self.chain(entry.start, Some(entry.size))
        }
    }
}

/// The number of cells the xls reader would allocate for this `Workbook` stream: the sum over
/// sheet substreams of the bounding box of their declared dimensions and cell records. `None`
/// for declared dimensions the reader would choke on (last row before the first).
pub fn xls_dense_cells(stream: &[u8]) -> Option<u64> {
    let mut total = 0u64;
    let mut bbox: Option<(u32, u32, u32, u32)> = None;
    let grow = |bbox: &mut Option<(u32, u32, u32, u32)>, r0: u32, r1: u32, c0: u32, c1: u32| {
        *bbox = Some(match *bbox {
            None => (r0, r1, c0, c1),
            Some((a, b, c, d)) => (a.min(r0), b.max(r1), c.min(c0), d.max(c1)),
        });
    };
    let area = |b: Option<(u32, u32, u32, u32)>| {
        b.map_or(0, |(r0, r1, c0, c1)| {
            u64::from(r1.saturating_sub(r0) + 1) * u64::from(c1.saturating_sub(c0) + 1)
        })
    };
    let mut at = 0usize;
    while let (Some(typ), Some(len)) = (u16_at(stream, at), u16_at(stream, at + 2)) {
        let data = stream.get(at + 4..at + 4 + usize::from(len)).unwrap_or(&[]);
        at += 4 + usize::from(len);
        // The xls reader indexes these records without checking their length.
        let shortest = match typ {
            0x002F | 0x0042 | 0x0022 | 0x00E5 => 2,
            0x0809 | 0x00E0 => 4,
            0x00BD => 6,
            0x0085 | 0x0204 | 0x0205 | 0x0201 => 8,
            0x00FD | 0x027E => 10,
            0x0203 => 14,
            _ => 0,
        };
        if data.len() < shortest {
            return None;
        }
        // Formula: the token array's declared length must fit in the record.
        if typ == 0x0006 && u16_at(data, 20).is_none_or(|cce| 22 + usize::from(cce) > data.len()) {
            return None;
        }
        // MergeCells: a count, then 8 bytes per merged range.
        if typ == 0x00E5 && u16_at(data, 0).is_none_or(|n| 2 + 8 * usize::from(n) > data.len()) {
            return None;
        }
        // BoundSheet8: where the sheet's records start; the reader slices the stream there.
        if typ == 0x0085 && u32_at(data, 0).is_none_or(|pos| pos as usize >= stream.len()) {
            return None;
        }
        match typ {
            // BOF: a new substream; the previous sheet's box is complete.
            0x0809 => total += area(bbox.take()),
            // Dimensions: first row, last row + 1, first column, last column + 1 (u16 rows
            // before BIFF8). Read as the xls reader reads it, which subtracts without checking.
            0x0200 => {
                let fields = match data.len() {
                    10 => (
                        u16_at(data, 0).map(u32::from),
                        u16_at(data, 2).map(u32::from),
                        u16_at(data, 4),
                        u16_at(data, 6),
                    ),
                    14 | 16 => (
                        u32_at(data, 0),
                        u32_at(data, 4),
                        u16_at(data, 8),
                        u16_at(data, 10),
                    ),
                    _ => continue,
                };
                if let (Some(r0), Some(r1), Some(c0), Some(c1)) = fields {
                    let c0 = if c0 > 0xFF || c1 < c0 { 0 } else { c0 };
                    if r1 >= 1 && c1 >= 1 {
                        let (last_row, last_col) = (r1 - 1, u32::from(c1) - 1);
                        if last_row < r0 || last_col < u32::from(c0) {
                            return None;
                        }
                        grow(&mut bbox, r0, last_row, c0.into(), last_col);
                    }
                }
            }
            // Cell records start with row, column.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x00BD | 0x0006 | 0x0201 => {
                if let (Some(r), Some(c)) = (u16_at(data, 0), u16_at(data, 2)) {
                    grow(&mut bbox, r.into(), r.into(), c.into(), c.into());
                }
            }
            _ => {}
        }
    }
    Some(total + area(bbox))
}
