//! The zip container of a workbook, written here rather than by the `zip` crate so that the
//! deflate is ours to choose: miniz_oxide instead of zlib-rs (which `zip` links through flate2,
//! and which calamine still uses to inflate). Compiled to wasm and run by V8 on the bench
//! file's « Contrôle » XML, miniz_oxide deflates faster and smaller than zlib-rs at the same
//! level (zlib-rs spends much of its time sliding its hash table, without SIMD in wasm); the
//! whole pipeline in Chromium is faster and its file smaller. The figures are in bench/NOTES.md
//! (« our own zip container »).
//!
//! Each entry's local header is written with its sizes and CRC left at zero, then completed by
//! seeking back once its data is deflated (no data descriptor: the layout Excel and every zip
//! reader expect). A workbook has a dozen entries, far below 4 GB: no ZIP64; a part that would
//! need it is an error.

use std::io::{Seek, SeekFrom, Write};

use miniz_oxide::deflate::core::{
    compress, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush, TDEFLStatus,
};

use super::WriteError;
use crate::write::output::{ChunkedBuffer, XlsxFile};

/// miniz_oxide's level 2, chosen by measurement (bench/NOTES.md): faster and smaller than
/// zlib-rs's level 2 used before; level 1 is a little faster still, for a noticeably larger file
/// (which the coordinator uploads and the ARS stores) and a higher memory peak.
const LEVEL: i32 = 2;
/// Raw deflate (no zlib header), as zip stores it.
const RAW_DEFLATE: i32 = -15;
/// Compressed bytes are staged in a buffer of this size before they go to the output.
const STAGE: usize = 64 << 10;

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_CENTRAL_DIRECTORY: u32 = 0x0605_4b50;
/// Version 2.0: deflate.
const VERSION: u16 = 20;
const DEFLATED: u16 = 8;
/// 1980-01-01 00:00 in MS-DOS form: a workbook carries no date of its own (the same bytes for
/// the same data).
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;
/// Offset of the CRC in a local header: what [`Container::close_entry`] completes.
const CRC_OFFSET: u64 = 14;

/// A finished entry, for the central directory.
struct Entry {
    name: String,
    method: u16,
    offset: u32,
    crc: u32,
    compressed: u32,
    size: u32,
}

/// The entry being written.
struct Open {
    name: String,
    offset: u64,
    crc: crc32fast::Hasher,
    size: u64,
    compressed: u64,
}

/// An entry copied as it is stored in another archive (see [`Container::copy_entry`]).
pub(crate) struct StoredEntry {
    /// Its zip compression method (8 for deflate, 0 for none).
    pub method: u16,
    /// The CRC-32 of its uncompressed data.
    pub crc: u32,
    /// Its size once compressed, in bytes: what is copied.
    pub compressed: u64,
    /// Its uncompressed size.
    pub size: u64,
}

/// A run of an entry's data deflated on its own ([`Stream`]), elsewhere (another worker or
/// thread), to be spliced into the entry by [`Container::splice`]: the bytes of whole deflate
/// blocks, none final, ending on a byte boundary and referring to nothing before them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Deflated {
    /// The deflate blocks.
    pub bytes: Vec<u8>,
    /// The CRC-32 of the data.
    pub crc: u32,
    /// The data's length, in bytes.
    pub size: u64,
}

/// Deflates a run of data on its own into a [`Deflated`], as [`Container`] deflates an entry.
pub(crate) struct Stream {
    deflate: Box<CompressorOxide>,
    stage: Vec<u8>,
    out: Deflated,
    crc: crc32fast::Hasher,
}

impl Stream {
    /// An empty run.
    pub(crate) fn new() -> Stream {
        Stream {
            deflate: compressor(),
            stage: vec![0; STAGE],
            out: Deflated::default(),
            crc: crc32fast::Hasher::new(),
        }
    }

    /// Deflates `data`.
    pub(crate) fn write_all(&mut self, data: &[u8]) -> Result<(), WriteError> {
        self.crc.update(data);
        self.out.size = self.out.size.saturating_add(data.len() as u64);
        let out = &mut self.out.bytes;
        deflate(&mut self.deflate, &mut self.stage, data, &mut |bytes| {
            out.extend_from_slice(bytes);
            Ok(())
        })
    }

    /// Ends the run with a full flush: byte-aligned, not final, and what follows it in the
    /// entry may not refer back into it.
    pub(crate) fn finish(mut self) -> Result<Deflated, WriteError> {
        let out = &mut self.out.bytes;
        full_flush(&mut self.deflate, &mut self.stage, &mut |bytes| {
            out.extend_from_slice(bytes);
            Ok(())
        })?;
        self.out.crc = self.crc.finalize();
        Ok(self.out)
    }
}

fn compressor() -> Box<CompressorOxide> {
    Box::new(CompressorOxide::new(create_comp_flags_from_zip_params(
        LEVEL,
        RAW_DEFLATE,
        0,
    )))
}

/// Deflates `input`, handing each staged piece of output to `emit`.
fn deflate(
    compressor: &mut CompressorOxide,
    stage: &mut [u8],
    mut input: &[u8],
    emit: &mut dyn FnMut(&[u8]) -> Result<(), WriteError>,
) -> Result<(), WriteError> {
    while !input.is_empty() {
        let (_, consumed, _) = step(compressor, input, stage, TDEFLFlush::None, emit)?;
        input = input.get(consumed..).unwrap_or_default();
    }
    Ok(())
}

/// Ends what was deflated so far with a full flush (an empty stored block): the output ends
/// on a byte boundary, and the dictionary is emptied, so that deflated bytes made elsewhere
/// can follow and what comes after them refers to nothing before.
fn full_flush(
    compressor: &mut CompressorOxide,
    stage: &mut [u8],
    emit: &mut dyn FnMut(&[u8]) -> Result<(), WriteError>,
) -> Result<(), WriteError> {
    // A full stage may hold back more of the flush.
    while step(compressor, &[], stage, TDEFLFlush::Full, emit)?.2 == stage.len() {}
    Ok(())
}

/// One call to the compressor, its output handed to `emit`: the status (`Okay`, or `Done`
/// once finished), the input consumed and the output produced.
fn step(
    compressor: &mut CompressorOxide,
    input: &[u8],
    stage: &mut [u8],
    flush: TDEFLFlush,
    emit: &mut dyn FnMut(&[u8]) -> Result<(), WriteError>,
) -> Result<(TDEFLStatus, usize, usize), WriteError> {
    let (status, consumed, produced) = compress(compressor, input, stage, flush);
    if !matches!(status, TDEFLStatus::Okay | TDEFLStatus::Done) {
        return Err(deflate_failed(status));
    }
    let bytes = stage
        .get(..produced)
        .ok_or(WriteError::Plan("deflate output"))?;
    emit(bytes)?;
    Ok((status, consumed, produced))
}

/// A zip archive written entry by entry into a [`ChunkedBuffer`], on the caller's thread.
struct Zip {
    out: ChunkedBuffer,
    entries: Vec<Entry>,
    open: Option<Open>,
    deflate: Box<CompressorOxide>,
    stage: Vec<u8>,
}

impl Zip {
    fn new() -> Zip {
        Zip {
            out: ChunkedBuffer::new(),
            entries: Vec::new(),
            open: None,
            deflate: compressor(),
            stage: vec![0; STAGE],
        }
    }

    /// Closes the open entry, if any, and opens `name`.
    fn start_entry(&mut self, name: &str) -> Result<(), WriteError> {
        self.close_entry()?;
        let offset = self.local_header(name, DEFLATED, [0; 3])?;
        self.deflate.reset();
        self.open = Some(Open {
            name: name.to_string(),
            offset,
            crc: crc32fast::Hasher::new(),
            size: 0,
            compressed: 0,
        });
        Ok(())
    }

    /// Closes the open entry, if any, and copies `name` as another archive stores it: its
    /// `entry.compressed` bytes read from `data`, neither inflated nor deflated again.
    fn copy_entry(
        &mut self,
        name: &str,
        entry: &StoredEntry,
        data: &mut impl std::io::Read,
    ) -> Result<(), WriteError> {
        self.close_entry()?;
        let fit = |n: u64| u32::try_from(n).map_err(|_| too_large(name));
        let (compressed, size) = (fit(entry.compressed)?, fit(entry.size)?);
        let offset = self.local_header(name, entry.method, [entry.crc, compressed, size])?;
        let copied = std::io::copy(
            &mut std::io::Read::take(data, entry.compressed),
            &mut self.out,
        )?;
        if copied != entry.compressed {
            return Err(WriteError::Zip(format!("{name}: truncated")));
        }
        self.entries.push(Entry {
            name: name.to_string(),
            method: entry.method,
            offset: fit(offset)?,
            crc: entry.crc,
            compressed,
            size,
        });
        Ok(())
    }

    /// Writes a local header (`values`: CRC, compressed size, size) and returns its offset.
    fn local_header(
        &mut self,
        name: &str,
        method: u16,
        values: [u32; 3],
    ) -> Result<u64, WriteError> {
        let offset = self.out.seek(SeekFrom::End(0))?;
        let name_len = u16::try_from(name.len()).map_err(|_| too_large(name))?;
        let mut header = Vec::with_capacity(30 + name.len());
        put32(&mut header, LOCAL_HEADER);
        put16(&mut header, VERSION);
        put16(&mut header, 0); // flags
        put16(&mut header, method);
        put16(&mut header, DOS_TIME);
        put16(&mut header, DOS_DATE);
        // CRC, compressed size and size: zero for a deflated entry until close_entry.
        for value in values {
            put32(&mut header, value);
        }
        put16(&mut header, name_len);
        put16(&mut header, 0); // extra field
        header.extend_from_slice(name.as_bytes());
        self.out.write_all(&header)?;
        Ok(offset)
    }

    /// Deflates `data` into the open entry.
    fn write_all(&mut self, data: &[u8]) -> Result<(), WriteError> {
        let open = self.open.as_mut().ok_or(WriteError::Plan("no open part"))?;
        open.crc.update(data);
        open.size = open.size.saturating_add(data.len() as u64);
        let out = &mut self.out;
        deflate(&mut self.deflate, &mut self.stage, data, &mut |bytes| {
            emit(out, bytes, open)
        })
    }

    /// Splices `run` into the open entry: what was deflated so far is ended with a full
    /// flush, then `run`'s blocks follow as they are; the CRC and sizes count them.
    fn splice(&mut self, run: &Deflated) -> Result<(), WriteError> {
        let open = self.open.as_mut().ok_or(WriteError::Plan("no open part"))?;
        let out = &mut self.out;
        full_flush(&mut self.deflate, &mut self.stage, &mut |bytes| {
            emit(out, bytes, open)
        })?;
        emit(out, &run.bytes, open)?;
        open.crc
            .combine(&crc32fast::Hasher::new_with_initial_len(run.crc, run.size));
        open.size = open.size.saturating_add(run.size);
        Ok(())
    }

    /// Ends the open entry's deflate stream and completes its local header.
    fn close_entry(&mut self) -> Result<(), WriteError> {
        let Some(mut open) = self.open.take() else {
            return Ok(());
        };
        let out = &mut self.out;
        let mut emit_open = |bytes: &[u8]| emit(out, bytes, &mut open);
        while step(
            &mut self.deflate,
            &[],
            &mut self.stage,
            TDEFLFlush::Finish,
            &mut emit_open,
        )?
        .0 != TDEFLStatus::Done
        {}
        let entry = Entry {
            method: DEFLATED,
            offset: u32::try_from(open.offset).map_err(|_| too_large(&open.name))?,
            crc: open.crc.finalize(),
            compressed: u32::try_from(open.compressed).map_err(|_| too_large(&open.name))?,
            size: u32::try_from(open.size).map_err(|_| too_large(&open.name))?,
            name: open.name,
        };
        let mut sizes = Vec::with_capacity(12);
        put32(&mut sizes, entry.crc);
        put32(&mut sizes, entry.compressed);
        put32(&mut sizes, entry.size);
        self.out
            .seek(SeekFrom::Start(open.offset.saturating_add(CRC_OFFSET)))?;
        self.out.write_all(&sizes)?;
        self.out.seek(SeekFrom::End(0))?;
        self.entries.push(entry);
        Ok(())
    }

    /// Closes the open entry, writes the central directory, and returns the archive.
    fn finish(mut self) -> Result<XlsxFile, WriteError> {
        self.close_entry()?;
        let start = self.out.seek(SeekFrom::End(0))?;
        let mut directory = Vec::new();
        for entry in &self.entries {
            put32(&mut directory, CENTRAL_HEADER);
            put16(&mut directory, VERSION); // made by: MS-DOS, 2.0
            put16(&mut directory, VERSION);
            put16(&mut directory, 0); // flags
            put16(&mut directory, entry.method);
            put16(&mut directory, DOS_TIME);
            put16(&mut directory, DOS_DATE);
            put32(&mut directory, entry.crc);
            put32(&mut directory, entry.compressed);
            put32(&mut directory, entry.size);
            put16(
                &mut directory,
                u16::try_from(entry.name.len()).map_err(|_| too_large(&entry.name))?,
            );
            put16(&mut directory, 0); // extra field
            put16(&mut directory, 0); // comment
            put16(&mut directory, 0); // disk
            put16(&mut directory, 0); // internal attributes
            put32(&mut directory, 0); // external attributes
            put32(&mut directory, entry.offset);
            directory.extend_from_slice(entry.name.as_bytes());
        }
        let count = u16::try_from(self.entries.len()).map_err(|_| too_large("entries"))?;
        let size = u32::try_from(directory.len()).map_err(|_| too_large("directory"))?;
        let start = u32::try_from(start).map_err(|_| too_large("archive"))?;
        put32(&mut directory, END_OF_CENTRAL_DIRECTORY);
        put16(&mut directory, 0); // this disk
        put16(&mut directory, 0); // disk of the directory
        put16(&mut directory, count);
        put16(&mut directory, count);
        put32(&mut directory, size);
        put32(&mut directory, start);
        put16(&mut directory, 0); // comment
        self.out.write_all(&directory)?;
        Ok(self.out.into_file())
    }
}

/// A zip archive written entry by entry. [`Container::piped`] deflates on a thread of its own
/// (natively), so that the caller makes the next XML while the last is compressed: the same
/// calls in the same order, hence the same bytes, as [`Container::new`] on the caller's thread.
pub(crate) struct Container {
    /// The archive, when it is written on this thread (always in wasm, which has no threads).
    zip: Option<Zip>,
    #[cfg(not(target_arch = "wasm32"))]
    pipe: Option<pipe::Pipe>,
}

impl Container {
    /// An archive deflated on the caller's thread.
    pub(crate) fn new() -> Container {
        Container {
            zip: Some(Zip::new()),
            #[cfg(not(target_arch = "wasm32"))]
            pipe: None,
        }
    }

    /// An archive deflated on a thread of its own where there are threads; else (or when the
    /// thread cannot be started) as [`Container::new`].
    pub(crate) fn piped() -> Container {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(pipe) = pipe::Pipe::start(Zip::new()) {
            return Container {
                zip: None,
                pipe: Some(pipe),
            };
        }
        Container::new()
    }

    /// The archive on this thread, once the deflate thread (if any) has done all it was sent.
    fn here(&mut self) -> Result<&mut Zip, WriteError> {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(pipe) = self.pipe.take() {
            self.zip = Some(pipe.stop()?);
        }
        self.zip.as_mut().ok_or(WriteError::Plan("no archive"))
    }

    /// Closes the open entry, if any, and opens `name`.
    pub(crate) fn start_entry(&mut self, name: &str) -> Result<(), WriteError> {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(pipe) = &self.pipe {
            if pipe.send(pipe::Job::Start(name.to_string())) {
                return Ok(());
            }
        }
        self.here()?.start_entry(name)
    }

    /// Closes the open entry, if any, and copies `name` as another archive stores it: its
    /// `entry.compressed` bytes read from `data`, neither inflated nor deflated again.
    pub(crate) fn copy_entry(
        &mut self,
        name: &str,
        entry: &StoredEntry,
        data: &mut impl std::io::Read,
    ) -> Result<(), WriteError> {
        self.here()?.copy_entry(name, entry, data)
    }

    /// Deflates `data` into the open entry.
    pub(crate) fn write_all(&mut self, data: &[u8]) -> Result<(), WriteError> {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(pipe) = &self.pipe {
            if pipe.send_data(data) {
                return Ok(());
            }
        }
        // Also where the thread stopped on an error: `here` returns it.
        self.here()?.write_all(data)
    }

    /// Splices a run deflated elsewhere into the open entry (see [`Deflated`]).
    pub(crate) fn splice(&mut self, run: Deflated) -> Result<(), WriteError> {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(pipe) = &self.pipe {
            if pipe.send(pipe::Job::Splice(run)) {
                return Ok(());
            }
            // The thread stopped on an error: `here` returns it.
            self.here()?;
            return Err(WriteError::Plan("deflate thread"));
        }
        self.here()?.splice(&run)
    }

    /// Closes the open entry, writes the central directory, and returns the archive.
    pub(crate) fn finish(mut self) -> Result<XlsxFile, WriteError> {
        self.here()?;
        self.zip
            .take()
            .ok_or(WriteError::Plan("no archive"))?
            .finish()
    }
}

/// The deflate thread of [`Container::piped`].
#[cfg(not(target_arch = "wasm32"))]
mod pipe {
    use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};
    use std::thread::JoinHandle;

    use super::{Deflated, WriteError, Zip};

    /// Pieces of XML waiting to be deflated: enough to ride over the writer's uneven pace,
    /// few enough that memory holds at most this many flushes more than inline.
    const QUEUE: usize = 16;

    /// What the thread is asked, in order.
    pub(super) enum Job {
        Start(String),
        Data(Vec<u8>),
        Splice(Deflated),
    }

    pub(super) struct Pipe {
        jobs: SyncSender<Job>,
        /// Buffers the thread has deflated, to be filled again instead of allocated.
        spare: Receiver<Vec<u8>>,
        thread: JoinHandle<Result<Zip, WriteError>>,
    }

    impl Pipe {
        /// Starts the thread; `None` when the system refuses one.
        pub(super) fn start(zip: Zip) -> Option<Pipe> {
            let (jobs, todo) = sync_channel::<Job>(QUEUE);
            let (done, spare) = channel::<Vec<u8>>();
            let thread = std::thread::Builder::new()
                .name("deflate".into())
                .spawn(move || run(zip, &todo, &done))
                .ok()?;
            Some(Pipe {
                jobs,
                spare,
                thread,
            })
        }

        /// Sends a job; false when the thread has stopped (on an error, which `stop` gives).
        pub(super) fn send(&self, job: Job) -> bool {
            self.jobs.send(job).is_ok()
        }

        /// Sends a copy of `data`, in a buffer the thread gave back when there is one.
        pub(super) fn send_data(&self, data: &[u8]) -> bool {
            let mut buffer = self.spare.try_recv().unwrap_or_default();
            buffer.clear();
            buffer.extend_from_slice(data);
            self.send(Job::Data(buffer))
        }

        /// Waits for every job sent, and takes the archive back.
        pub(super) fn stop(self) -> Result<Zip, WriteError> {
            drop(self.jobs);
            self.thread
                .join()
                .map_err(|_| WriteError::Zip("deflate thread".into()))?
        }
    }

    fn run(mut zip: Zip, todo: &Receiver<Job>, done: &Sender<Vec<u8>>) -> Result<Zip, WriteError> {
        // Ends when the container drops its sender; an error ends it at once, and the
        // container's next call finds it out.
        for job in todo {
            match job {
                Job::Start(name) => zip.start_entry(&name)?,
                Job::Splice(run) => zip.splice(&run)?,
                Job::Data(buffer) => {
                    zip.write_all(&buffer)?;
                    // The container may be gone already: nothing to give back to then.
                    let _ = done.send(buffer);
                }
            }
        }
        Ok(zip)
    }
}

/// Deflates into the open entry, for writers that take an [`std::io::Write`] (quick-xml's).
impl Write for Container {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        Container::write_all(self, data).map_err(std::io::Error::other)?;
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Moves deflated bytes of the open entry to the output.
fn emit(out: &mut ChunkedBuffer, bytes: &[u8], open: &mut Open) -> Result<(), WriteError> {
    out.write_all(bytes)?;
    open.compressed = open.compressed.saturating_add(bytes.len() as u64);
    Ok(())
}

fn put16(out: &mut Vec<u8>, n: u16) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn too_large(what: &str) -> WriteError {
    WriteError::Zip(format!(
        "{what}: over the 4 GB (or 65,535 entries) of a zip without ZIP64"
    ))
}

fn deflate_failed(status: TDEFLStatus) -> WriteError {
    WriteError::Zip(format!("deflate: {status:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Read};

    fn archive(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = Container::new();
        for (name, data) in parts {
            zip.start_entry(name).unwrap();
            // In pieces, as the sheet writer flushes its buffer.
            for piece in data.chunks(7_000) {
                zip.write_all(piece).unwrap();
            }
        }
        zip.finish().unwrap().to_vec()
    }

    #[test]
    fn the_zip_crate_reads_every_part_back() {
        let xml: Vec<u8> = (0..300_000u32)
            .flat_map(|i| format!("<c r=\"A{i}\"><v>{}</v></c>", i % 97).into_bytes())
            .collect();
        let noise: Vec<u8> = (0..200_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let parts: [(&str, &[u8]); 4] = [
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/worksheets/sheet1.xml", &xml),
            ("empty", b""),
            ("noise.bin", &noise),
        ];
        let bytes = archive(&parts);
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        assert_eq!(zip.len(), parts.len());
        for (i, (name, data)) in parts.iter().enumerate() {
            let mut file = zip.by_index(i).unwrap();
            assert_eq!(file.name().unwrap(), *name);
            assert_eq!(file.compression(), zip::CompressionMethod::Deflated);
            let mut back = Vec::new();
            // Reading to the end also checks the CRC.
            file.read_to_end(&mut back).unwrap();
            assert_eq!(&back, data, "{name}");
        }
    }

    #[test]
    fn copied_entries_read_back_as_they_were() {
        let xml = "<sheetData/>".repeat(1_000);
        let source = archive(&[("a.xml", xml.as_bytes()), ("b", b"")]);
        let mut from = zip::ZipArchive::new(Cursor::new(source)).unwrap();
        let mut zip = Container::new();
        for i in 0..from.len() {
            let mut file = from.by_index_raw(i).unwrap();
            let entry = StoredEntry {
                method: DEFLATED,
                crc: file.crc32(),
                compressed: file.compressed_size(),
                size: file.size(),
            };
            let name = file.name().unwrap().into_owned();
            zip.copy_entry(&name, &entry, &mut file).unwrap();
        }
        zip.start_entry("c").unwrap();
        zip.write_all(b"new").unwrap();
        let bytes = zip.finish().unwrap().to_vec();
        let mut back = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        for (name, data) in [("a.xml", xml.as_bytes()), ("b", b""), ("c", b"new")] {
            let mut text = Vec::new();
            back.by_name(name).unwrap().read_to_end(&mut text).unwrap();
            assert_eq!(text, data, "{name}");
        }
        // A source shorter than it declares is an error, not a short entry.
        let entry = StoredEntry {
            method: 0,
            crc: 0,
            compressed: 10,
            size: 10,
        };
        let mut zip = Container::new();
        assert!(zip.copy_entry("x", &entry, &mut &b"short"[..]).is_err());
    }

    #[test]
    fn the_deflate_thread_writes_the_same_bytes() {
        let xml: Vec<u8> = (0..200_000u32)
            .flat_map(|i| format!("<c r=\"B{i}\"><v>{}</v></c>", i % 89).into_bytes())
            .collect();
        let write = |mut zip: Container| {
            for name in ["a.xml", "b.xml", "empty"] {
                zip.start_entry(name).unwrap();
                if name != "empty" {
                    for piece in xml.chunks(65_536) {
                        zip.write_all(piece).unwrap();
                    }
                }
            }
            zip.finish().unwrap().to_vec()
        };
        assert_eq!(write(Container::piped()), write(Container::new()));
        let mut zip = Container::piped();
        assert!(zip.write_all(b"no part open").is_ok(), "found out later");
        assert!(zip.finish().is_err());
    }

    #[test]
    fn runs_deflated_elsewhere_splice_into_an_entry() {
        let piece = |from: u32, to: u32| -> Vec<u8> {
            (from..to)
                .flat_map(|i| format!("<row r=\"{i}\"><c><v>{}</v></c></row>", i % 13).into_bytes())
                .collect()
        };
        let (head, one, two, tail) = (
            piece(0, 10),
            piece(10, 40_000),
            piece(40_000, 90_000),
            piece(90_000, 90_010),
        );
        let run = |data: &[u8], cut: usize| {
            let mut stream = Stream::new();
            for part in data.chunks(cut) {
                stream.write_all(part).unwrap();
            }
            stream.finish().unwrap()
        };
        let write = |mut zip: Container| {
            zip.start_entry("a.xml").unwrap();
            zip.write_all(&head).unwrap();
            zip.splice(run(&one, 9_000)).unwrap();
            zip.splice(run(&two, 70_000)).unwrap();
            zip.splice(run(b"", 1)).unwrap();
            zip.write_all(&tail).unwrap();
            zip.start_entry("b.xml").unwrap();
            zip.splice(run(&one, 100_000)).unwrap();
            zip.finish().unwrap().to_vec()
        };
        let bytes = write(Container::new());
        assert_eq!(write(Container::piped()), bytes);
        let mut back = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let whole = [head.as_slice(), &one, &two, &tail].concat();
        for (name, data) in [("a.xml", whole.as_slice()), ("b.xml", one.as_slice())] {
            let mut text = Vec::new();
            // To the end: the CRC combined from the runs' is checked too.
            back.by_name(name).unwrap().read_to_end(&mut text).unwrap();
            assert!(text == data, "{name}");
        }
        let mut zip = Container::new();
        assert!(zip.splice(Deflated::default()).is_err(), "no part open");
    }

    #[test]
    fn the_first_part_starts_the_file() {
        let bytes = archive(&[("[Content_Types].xml", b"<Types/>"), ("b", b"x")]);
        assert_eq!(bytes.get(..4), Some(&LOCAL_HEADER.to_le_bytes()[..]));
        assert_eq!(bytes.get(30..49), Some(&b"[Content_Types].xml"[..]));
    }

    #[test]
    fn writing_without_an_open_part_is_an_error() {
        let mut zip = Container::new();
        assert!(zip.write_all(b"x").is_err());
        assert!(zip.finish().is_ok());
    }
}
