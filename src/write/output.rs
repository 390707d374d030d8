//! Where a workbook is written: fixed-size chunks instead of one growing buffer.
//!
//! A large corrected workbook weighs tens of MB. Written into one `Vec<u8>`, it grows by
//! doubling, each step copying the whole: growing from n to 2n bytes holds 3n at once. In wasm
//! (dlmalloc, no `mremap`) nothing moves in place, and the linear memory never shrinks, so that
//! peak stays for the life of the page. [`ChunkedBuffer`] allocates 1 MiB chunks of exact
//! capacity and never reallocates one: memory holds the output plus at most one chunk. The
//! finished [`XlsxFile`] keeps the chunks; the page hands them to JavaScript one at a time, and
//! the command line writes them one after another.

use std::io::{self, Seek, SeekFrom, Write};

/// The size of every chunk but the last: large enough that the largest file is a few dozen
/// pieces (for a JavaScript `Blob` of the parts), small enough that the unused tail of the last
/// one is negligible.
const CHUNK: usize = 1 << 20;
/// The first chunk's first capacity: it grows (by doubling, a copy of at most half a chunk)
/// to [`CHUNK`] only for a workbook that needs it, so that a template or a warm-up file does not
/// take a whole chunk.
const FIRST_CHUNK: usize = 64 << 10;

/// A finished xlsx workbook, held as a few chunks of bytes one after the other (not one
/// contiguous buffer, whose doubling as it grew held half again the file at once, for good in
/// wasm's memory). Write it out with [`XlsxFile::write_to`], hand
/// its pieces over with [`XlsxFile::chunks`] or [`XlsxFile::into_chunks`], or copy it whole with
/// [`XlsxFile::to_vec`] where contiguous bytes are needed.
///
/// ```
/// use annuaire_cpts::{write::write_template, Schema};
///
/// let file = write_template(&Schema::default())?;
/// // To a file, a socket, or here a vector: chunk by chunk, no copy of the whole.
/// let mut out = Vec::new();
/// file.write_to(&mut out)?;
/// assert_eq!(out.len(), file.len());
/// assert_eq!(&out[..2], b"PK");
/// // The same bytes, piece by piece.
/// let pieces: Vec<u8> = file.chunks().flatten().copied().collect();
/// assert_eq!(pieces, out);
/// assert_eq!(file.to_vec(), out);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct XlsxFile {
    /// Every chunk full but the last, which is not empty: two files of the same bytes have the
    /// same chunks, and compare equal.
    chunks: Vec<Vec<u8>>,
    len: usize,
}

impl XlsxFile {
    /// The file's size in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the file has no byte (never for a written workbook).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The file's bytes in order, as a few slices of at most 1 MiB.
    ///
    /// ```
    /// # use annuaire_cpts::{write::write_template, Schema};
    /// let file = write_template(&Schema::default())?;
    /// let total: usize = file.chunks().map(<[u8]>::len).sum();
    /// assert_eq!(total, file.len());
    /// # Ok::<(), annuaire_cpts::Error>(())
    /// ```
    pub fn chunks(&self) -> impl ExactSizeIterator<Item = &[u8]> + '_ {
        self.chunks.iter().map(Vec::as_slice)
    }

    /// The file's bytes in order, as owned chunks: each can be dropped as soon as it has been
    /// copied elsewhere, so that the file never exists twice in memory.
    ///
    /// ```
    /// # use annuaire_cpts::{write::write_template, Schema};
    /// let file = write_template(&Schema::default())?;
    /// let len = file.len();
    /// let mut copied = 0;
    /// for chunk in file.into_chunks() {
    ///     copied += chunk.len(); // then `chunk` is freed
    /// }
    /// assert_eq!(copied, len);
    /// # Ok::<(), annuaire_cpts::Error>(())
    /// ```
    pub fn into_chunks(self) -> impl ExactSizeIterator<Item = Vec<u8>> {
        self.chunks.into_iter()
    }

    /// The whole file in one vector (a copy: for a caller that needs contiguous bytes).
    pub fn to_vec(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(self.len);
        for chunk in &self.chunks {
            bytes.extend_from_slice(chunk);
        }
        bytes
    }

    /// Writes the file to `out`, chunk by chunk.
    ///
    /// # Errors
    /// The first error of `out`.
    pub fn write_to(&self, mut out: impl Write) -> io::Result<()> {
        for chunk in &self.chunks {
            out.write_all(chunk)?;
        }
        out.flush()
    }
}

/// Not the bytes, which can weigh tens of megabytes.
impl std::fmt::Debug for XlsxFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("XlsxFile")
            .field("len", &self.len)
            .field("chunks", &self.chunks.len())
            .finish()
    }
}

/// An in-memory output of [`CHUNK`]-byte chunks with the semantics of `Cursor<Vec<u8>>`: writes
/// overwrite or extend at the position, seeking past the end and writing there fills the gap
/// with zeros. The zip writer seeks back to complete each entry's local header once its data is
/// written, and to the end again.
///
/// Invariant: every chunk but the last is full; every chunk but the first has a capacity of
/// exactly `chunk_size`, so that it never reallocates (the first starts at [`FIRST_CHUNK`]).
pub(crate) struct ChunkedBuffer {
    chunks: Vec<Vec<u8>>,
    /// [`CHUNK`]; smaller in tests, to cross many boundaries with few bytes.
    chunk_size: usize,
    len: usize,
    /// Like a cursor's, it can lie beyond the end (and beyond `usize`, where writing fails).
    position: u64,
}

impl ChunkedBuffer {
    /// An empty buffer; the first chunk is allocated by the first write.
    pub(crate) fn new() -> ChunkedBuffer {
        ChunkedBuffer::with_chunk_size(CHUNK)
    }

    fn with_chunk_size(chunk_size: usize) -> ChunkedBuffer {
        ChunkedBuffer {
            chunks: Vec::new(),
            chunk_size: chunk_size.max(1),
            len: 0,
            position: 0,
        }
    }

    /// The finished file. The last chunk gives back the capacity it does not use: a small
    /// template does not keep 1 MiB.
    pub(crate) fn into_file(mut self) -> XlsxFile {
        if let Some(last) = self.chunks.last_mut() {
            last.shrink_to_fit();
        }
        self.chunks.retain(|c| !c.is_empty());
        XlsxFile {
            chunks: self.chunks,
            len: self.len,
        }
    }

    /// The chunk that holds byte `at` (`at <= len`), allocated if `at` is the first byte of a
    /// new one; and `at`'s offset in it.
    fn chunk_at(&mut self, at: usize) -> io::Result<(&mut Vec<u8>, usize)> {
        let size = self.chunk_size;
        let index = at / size;
        if index == self.chunks.len() {
            let capacity = if index == 0 {
                size.min(FIRST_CHUNK)
            } else {
                size
            };
            self.chunks.push(Vec::with_capacity(capacity));
        }
        match self.chunks.get_mut(index) {
            Some(chunk) => Ok((chunk, at % size)),
            None => Err(broken()),
        }
    }

    /// Zeros from the end to `to`, as a cursor pads before writing beyond the end.
    fn pad_to(&mut self, to: usize) -> io::Result<()> {
        let size = self.chunk_size;
        while self.len < to {
            let missing = to - self.len;
            let (chunk, offset) = self.chunk_at(self.len)?;
            let fill = missing.min(size - offset);
            reserve(chunk, offset + fill, size);
            chunk.resize(offset + fill, 0);
            self.len += fill;
        }
        Ok(())
    }
}

/// Room for `len` bytes in `chunk` (`len <= size`): the first chunk doubles up to `size`, never
/// beyond (a plain `Vec` would double past it).
fn reserve(chunk: &mut Vec<u8>, len: usize, size: usize) {
    if len > chunk.capacity() {
        let target = chunk.capacity().saturating_mul(2).clamp(len, size.max(len));
        chunk.reserve_exact(target.saturating_sub(chunk.len()));
    }
}

impl Write for ChunkedBuffer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut at = usize::try_from(self.position).map_err(|_| too_far())?;
        if at.checked_add(buf.len()).is_none() {
            return Err(too_far());
        }
        self.pad_to(at)?;
        let size = self.chunk_size;
        let mut rest = buf;
        while !rest.is_empty() {
            let (chunk, offset) = self.chunk_at(at)?;
            let (here, next) = rest.split_at(rest.len().min(size - offset));
            // Over the bytes already there, then beyond the chunk's end: `offset <= len` since
            // every chunk before the last is full and `at <= self.len`.
            let over = here.len().min(chunk.len().saturating_sub(offset));
            let (overwrite, append) = here.split_at(over);
            chunk
                .get_mut(offset..offset + over)
                .ok_or_else(broken)?
                .copy_from_slice(overwrite);
            reserve(chunk, offset + here.len(), size);
            chunk.extend_from_slice(append);
            at += here.len();
            self.len = self.len.max(at);
            rest = next;
        }
        self.position = at as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Seek for ChunkedBuffer {
    fn seek(&mut self, from: SeekFrom) -> io::Result<u64> {
        let (base, offset) = match from {
            SeekFrom::Start(to) => {
                self.position = to;
                return Ok(to);
            }
            SeekFrom::End(offset) => (self.len as u64, offset),
            SeekFrom::Current(offset) => (self.position, offset),
        };
        self.position = base.checked_add_signed(offset).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                "invalid seek to a negative or overflowing position",
            )
        })?;
        Ok(self.position)
    }
}

fn too_far() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        "position beyond the largest possible output",
    )
}

/// A broken invariant of [`ChunkedBuffer`] (a bug), reported instead of a panic.
fn broken() -> io::Error {
    io::Error::other("chunked output: inconsistent chunks")
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use proptest::prelude::*;

    use super::*;

    /// Writes, seeks and the result's bytes, through both outputs.
    #[derive(Clone, Debug)]
    enum Op {
        Write(usize),
        Seek(SeekFrom),
    }

    fn run(ops: &[Op]) -> (Vec<u8>, XlsxFile) {
        run_in(CHUNK, ops)
    }

    fn run_in(chunk_size: usize, ops: &[Op]) -> (Vec<u8>, XlsxFile) {
        let mut cursor = Cursor::new(Vec::new());
        let mut chunked = ChunkedBuffer::with_chunk_size(chunk_size);
        let mut byte = 0u8;
        for op in ops {
            match op {
                Op::Write(n) => {
                    let data: Vec<u8> = (0..*n)
                        .map(|_| {
                            byte = byte.wrapping_add(1);
                            byte
                        })
                        .collect();
                    assert_eq!(cursor.write(&data).ok(), chunked.write(&data).ok());
                }
                Op::Seek(from) => {
                    assert_eq!(
                        cursor.seek(*from).ok(),
                        chunked.seek(*from).ok(),
                        "{from:?}"
                    );
                }
            }
            assert_eq!(cursor.position(), chunked.position);
            assert_eq!(cursor.get_ref().len(), chunked.len);
        }
        // The first chunk grows up to the size, never beyond; the others never grow.
        assert!(chunked
            .chunks
            .iter()
            .take(1)
            .all(|c| c.capacity() <= chunk_size));
        assert!(chunked
            .chunks
            .iter()
            .skip(1)
            .all(|c| c.capacity() == chunk_size));
        let full = chunked.chunks.len().saturating_sub(1);
        assert!(chunked
            .chunks
            .iter()
            .take(full)
            .all(|c| c.len() == chunk_size));
        let file = chunked.into_file();
        (cursor.into_inner(), file)
    }

    fn same(ops: &[Op]) {
        same_in(CHUNK, ops);
    }

    fn same_in(chunk_size: usize, ops: &[Op]) {
        let (expected, file) = run_in(chunk_size, ops);
        assert_eq!(file.len(), expected.len());
        assert_eq!(file.to_vec(), expected);
        let mut out = Vec::new();
        file.write_to(&mut out).unwrap();
        assert_eq!(out, expected);
        let joined: Vec<u8> = file.into_chunks().flatten().collect();
        assert_eq!(joined, expected);
    }

    #[test]
    fn writes_across_chunk_boundaries_and_overwrites() {
        same(&[
            Op::Write(CHUNK - 3),
            Op::Write(10),
            Op::Seek(SeekFrom::Start(CHUNK as u64 - 5)),
            Op::Write(8),
            Op::Seek(SeekFrom::End(0)),
            Op::Write(2 * CHUNK + 7),
            Op::Seek(SeekFrom::Start(4)),
            Op::Write(3 * CHUNK),
        ]);
    }

    #[test]
    fn the_zip_writer_patches_local_headers_in_place() {
        let mut zip = zip::ZipWriter::new(ChunkedBuffer::new());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let big: Vec<u8> = (0..3 * CHUNK + 11).map(|i| (i % 251) as u8).collect();
        zip.start_file("a.bin", options).unwrap();
        zip.write_all(&big).unwrap();
        zip.start_file("b.txt", options).unwrap();
        zip.write_all(b"small").unwrap();
        let file = zip.finish().unwrap().into_file();
        assert!(file.chunks().count() > 3);
        let mut archive = zip::ZipArchive::new(Cursor::new(file.to_vec())).unwrap();
        let mut read = Vec::new();
        io::Read::read_to_end(&mut archive.by_name("a.bin").unwrap(), &mut read).unwrap();
        assert_eq!(read, big);
    }

    #[test]
    fn seeking_beyond_the_end_and_writing_pads_with_zeros() {
        same(&[
            Op::Write(3),
            Op::Seek(SeekFrom::Current(CHUNK as i64 + 2)),
            Op::Write(1),
        ]);
        same(&[Op::Seek(SeekFrom::Start(9)), Op::Write(0)]);
        let (bytes, _) = run(&[Op::Seek(SeekFrom::Start(2)), Op::Write(1)]);
        assert_eq!(bytes, [0, 0, 1]);
    }

    #[test]
    fn seeking_before_the_start_fails_and_moves_nothing() {
        same(&[Op::Write(5), Op::Seek(SeekFrom::Current(-6)), Op::Write(1)]);
        same(&[Op::Seek(SeekFrom::End(-1))]);
        let mut chunked = ChunkedBuffer::new();
        chunked.seek(SeekFrom::Start(u64::MAX)).unwrap();
        assert!(chunked.seek(SeekFrom::Current(1)).is_err());
        assert!(chunked.write(b"x").is_err());
        assert_eq!(chunked.len, 0);
    }

    #[test]
    fn an_empty_output_is_an_empty_file() {
        let file = ChunkedBuffer::new().into_file();
        assert!(file.is_empty());
        assert_eq!(file.chunks().count(), 0);
        assert_eq!(format!("{file:?}"), "XlsxFile { len: 0, chunks: 0 }");
    }

    #[test]
    fn a_small_file_keeps_only_what_it_uses() {
        let mut chunked = ChunkedBuffer::new();
        chunked.write_all(b"PK").unwrap();
        let file = chunked.into_file();
        assert_eq!(file.chunks.first().map(Vec::capacity), Some(2));
    }

    /// Small chunks, so that short writes cross many boundaries.
    fn op(chunk: usize) -> impl Strategy<Value = Op> {
        let span = 4 * chunk as u64 + 4;
        prop_oneof![
            3 => (0..3 * chunk + 3).prop_map(Op::Write),
            1 => (0..span).prop_map(|p| Op::Seek(SeekFrom::Start(p))),
            1 => (-(span as i64)..4).prop_map(|d| Op::Seek(SeekFrom::End(d))),
            1 => (-(span as i64)..span as i64).prop_map(|d| Op::Seek(SeekFrom::Current(d))),
        ]
    }

    fn case() -> impl Strategy<Value = (usize, Vec<Op>)> {
        (1..9usize)
            .prop_flat_map(|chunk| (Just(chunk), proptest::collection::vec(op(chunk), 0..24)))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn any_writes_and_seeks_give_the_bytes_of_a_cursor((chunk, ops) in case()) {
            same_in(chunk, &ops);
        }
    }
}
