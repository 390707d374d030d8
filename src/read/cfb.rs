//! Just enough of the Compound File Binary format (MS-CFB) to look inside an OLE container
//! before handing it to a reader: an encrypted OOXML workbook is a CFB holding an
//! `EncryptedPackage` stream, a Word document holds `WordDocument`, an `.xls` holds `Workbook`
//! (or `Book`).
//!
//! Every read is bounds-checked and a sector chain that comes back to a sector it already
//! passed is refused, so a looping chain ends instead of spinning or allocating. The `.xls`
//! reader never sees the original container: [`single_stream`] writes a new one holding only
//! the workbook stream we read and checked, with chains of our own.

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

    /// Sectors after the header, a short last one included: writers that stop at the end of
    /// the last stream's bytes leave a file whose size is not a multiple of the sector size.
    fn sector_count(&self) -> usize {
        self.bytes
            .len()
            .div_ceil(self.sector_size)
            .saturating_sub(1)
    }

    /// A sector's bytes; the last one may be short.
    fn sector(&self, index: u32) -> Option<&'a [u8]> {
        let start = (index as usize + 1).checked_mul(self.sector_size)?;
        let end = start.checked_add(self.sector_size)?.min(self.bytes.len());
        self.bytes.get(start..end).filter(|s| !s.is_empty())
    }

    /// The bytes of a regular sector chain, truncated to `size` when given; `None` for a
    /// chain that leaves the file or comes back to a sector it passed.
    fn chain(&self, mut sector: u32, size: Option<u64>) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut seen = vec![false; self.sector_count()];
        while sector < FREE_OR_END {
            let visited = seen.get_mut(sector as usize)?;
            if std::mem::replace(visited, true) {
                return None;
            }
            let bytes = self.sector(sector)?;
            out.extend_from_slice(bytes);
            // A short last sector reads as if padded, as a full one would.
            out.resize(out.len() + (self.sector_size - bytes.len()), 0);
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
        let mut seen = vec![false; self.mini_fat.len()];
        while sector < FREE_OR_END && (out.len() as u64) < size {
            let visited = seen.get_mut(sector as usize)?;
            if std::mem::replace(visited, true) {
                return None;
            }
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

    /// The first stream with one of these names, in directory order (the order the `.xls`
    /// reader looks in), and its bytes; `None` when there is none or its chain is broken.
    pub fn stream(&self, names: &[&str]) -> Option<(String, Vec<u8>)> {
        let entry = self
            .entries
            .iter()
            .find(|e| e.is_stream && names.iter().any(|n| e.name.eq_ignore_ascii_case(n)))?;
        let bytes = self.bytes_of(entry)?;
        Some((entry.name.clone(), bytes))
    }

    /// Whether a stream of one of these names exists, readable or not.
    pub fn has_stream(&self, names: &[&str]) -> bool {
        self.entries
            .iter()
            .any(|e| e.is_stream && names.iter().any(|n| e.name.eq_ignore_ascii_case(n)))
    }

    fn bytes_of(&self, entry: &Entry) -> Option<Vec<u8>> {
        if entry.size < self.cutoff {
            self.mini_chain(entry.start, entry.size)
        } else {
            self.chain(entry.start, Some(entry.size))
        }
    }
}

/// Sector size of the containers we write: version 4's 4 KiB sectors let the 109 FAT sectors
/// listed in the header map 457 MB, more than any stream we accept, so no DIFAT chain is needed.
const OUT_SECTOR: usize = 4096;
/// Entries per FAT sector.
const OUT_PER_FAT: usize = OUT_SECTOR / 4;
/// Streams below this size live in the mini stream; ours are padded up to it so that only the
/// regular FAT is ever followed.
const OUT_CUTOFF: usize = 4096;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FAT_SECTOR: u32 = 0xFFFF_FFFD;
const FREE: u32 = 0xFFFF_FFFF;

/// A new compound file holding one stream, `name`, with `data` padded with zeros to at least
/// 4 KiB: FAT sectors first, then the directory, then the stream's consecutive sectors.
///
/// `None` when the stream is too large for a header-only FAT list (never for a stream under
/// our limits).
pub fn single_stream(name: &str, data: &[u8]) -> Option<Vec<u8>> {
    let padded = data.len().max(OUT_CUTOFF);
    let stream_sectors = padded.div_ceil(OUT_SECTOR);
    // FAT sectors must map themselves too.
    let mut fat_sectors = 1;
    while fat_sectors * OUT_PER_FAT < fat_sectors + 1 + stream_sectors {
        fat_sectors += 1;
    }
    if fat_sectors > 109 {
        return None;
    }
    let directory = fat_sectors as u32;
    let first = directory + 1;
    let total = fat_sectors + 1 + stream_sectors;
    let mut out = Vec::with_capacity((total + 1) * OUT_SECTOR);
    // Header.
    out.extend_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    out.extend_from_slice(&[0; 16]); // class id
    for v in [0x003Eu16, 0x0004, 0xFFFE, 0x000C, 0x0006] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&[0; 6]);
    for v in [
        1,                  // directory sectors
        fat_sectors as u32, // FAT sectors
        directory,          // first directory sector
        0,                  // transaction signature
        OUT_CUTOFF as u32,  // mini stream cutoff
        END_OF_CHAIN,       // first mini FAT sector
        0,                  // mini FAT sectors
        END_OF_CHAIN,       // first DIFAT sector
        0,                  // DIFAT sectors
    ] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for i in 0..109u32 {
        let v = if (i as usize) < fat_sectors { i } else { FREE };
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.resize(OUT_SECTOR, 0);
    // FAT.
    for s in 0..fat_sectors * OUT_PER_FAT {
        let v = match s {
            s if s < fat_sectors => FAT_SECTOR,
            s if s == fat_sectors => END_OF_CHAIN,
            s if s + 1 < total => s as u32 + 1,
            s if s + 1 == total => END_OF_CHAIN,
            _ => FREE,
        };
        out.extend_from_slice(&v.to_le_bytes());
    }
    // Directory: the root, then the stream (the root's only child).
    let entry = |name: &str, kind: u8, child: u32, start: u32, size: u64| {
        let mut e = [0u8; 128];
        let units: Vec<u16> = name.encode_utf16().take(31).collect();
        for (slot, u) in e.chunks_exact_mut(2).zip(&units) {
            slot.copy_from_slice(&u.to_le_bytes());
        }
        e[64..66].copy_from_slice(&((units.len() as u16 + 1) * 2).to_le_bytes());
        e[66] = kind;
        e[67] = 1; // black
        e[68..72].copy_from_slice(&FREE.to_le_bytes());
        e[72..76].copy_from_slice(&FREE.to_le_bytes());
        e[76..80].copy_from_slice(&child.to_le_bytes());
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..128].copy_from_slice(&size.to_le_bytes());
        e
    };
    // The root's start is a real sector, never END_OF_CHAIN: the reader refuses an empty root
    // in a version 4 file. Its size is 0: there is no mini stream.
    out.extend_from_slice(&entry("Root Entry", 5, 1, 0, 0));
    out.extend_from_slice(&entry(name, 2, FREE, first, padded as u64));
    out.resize((fat_sectors + 2) * OUT_SECTOR, 0);
    out.extend_from_slice(data);
    out.resize((total + 1) * OUT_SECTOR, 0);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_container_reads_back() {
        for len in [0usize, 10, 4096, 5000, 3 * 1024 * 1024 + 7] {
            let data: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let file = single_stream("Workbook", &data).unwrap_or_default();
            let cfb = Cfb::parse(&file).expect("parses");
            let (name, bytes) = cfb.stream(&["Workbook"]).expect("stream");
            assert_eq!(name, "Workbook");
            assert_eq!(&bytes[..len], &data[..], "{len}");
            assert!(bytes[len..].iter().all(|&b| b == 0));
        }
    }

    /// A FAT whose chain comes back to its own start: refused, not followed.
    #[test]
    fn a_looping_chain_is_refused() {
        let data = vec![7u8; 3 * OUT_SECTOR];
        let mut file = single_stream("Workbook", &data).unwrap_or_default();
        // The stream's second sector (FAT 0, directory 1, stream 2..4) points back to the first.
        let at = OUT_SECTOR + 3 * 4;
        file[at..at + 4].copy_from_slice(&2u32.to_le_bytes());
        let cfb = Cfb::parse(&file).expect("the container itself parses");
        assert!(cfb.stream(&["Workbook"]).is_none());
        assert!(cfb.has_stream(&["Workbook"]));
    }

    #[test]
    fn a_short_last_sector_is_read() {
        let data: Vec<u8> = (0..6000).map(|i| (i % 13) as u8).collect();
        let file = single_stream("Book", &data).unwrap_or_default();
        // Cut inside the last sector, after the data.
        let cut = file.len() - OUT_SECTOR + 6000 % OUT_SECTOR + 1;
        let cfb = Cfb::parse(&file[..cut]).expect("parses");
        let (_, bytes) = cfb.stream(&["book"]).expect("stream");
        assert_eq!(&bytes[..6000], &data[..]);
    }
}
