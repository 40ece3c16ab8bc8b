//! The append-only journal: the source of truth. Frames are
//! `[len: u32 LE][crc32(len bytes ++ payload): u32 LE][payload]` after an 8-byte header.
//! An append is durable once `sync_data()` returns; nothing is confirmed before that.
//!
//! A bulk write (an import, a demo fill) is one *batch*: a header frame whose payload is
//! `KZBATCH1` and the number of op frames that follow. A batch counts only when all of its
//! frames are there; one cut short by a crash is an unfinished write, never half applied.
//!
//! Reading never destroys: `scan` only reports what it found. The one thing ever cut is a
//! torn tail (see `Tail::Torn`), and only after its bytes are copied beside the journal.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

mod batch;
mod frame;
mod walk;

pub use super::atomic::sync_parent_dir;
pub use batch::BatchWriter;
pub use frame::{
    BATCH_MAGIC, FRAME_HEAD, Frame, MAX_FRAME, Scan, Tail, batch_header, encode_frame, scan_bytes,
};
pub use walk::{FrameRef, Walked};

/// How much of the journal is read at a time: a batch shorter than half of it is read
/// once, a longer one twice (its frames are handed on only once its last one is read).
pub const WINDOW: u64 = 8 << 20;

pub const MAGIC: &[u8; 8] = b"KZJRNL01";
pub const HEADER_LEN: u64 = MAGIC.len() as u64;

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("journal {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path} is not a kezek journal (bad header); `kezek check --salvage` recovers what can be read"
    )]
    BadHeader { path: PathBuf },
}

pub struct Journal {
    file: File,
    path: PathBuf,
    len: u64,
}

/// A name beside `path` for a copy kept before anything is cut or replaced:
/// `journal.kzj.<what>-20261202T101500`. Never an existing file.
pub fn aside_path(path: &Path, what: &str) -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut candidate = path.with_file_name(format!("{name}.{what}-{stamp}"));
    let mut n = 1;
    while candidate.exists() {
        n += 1;
        candidate = path.with_file_name(format!("{name}.{what}-{stamp}-{n}"));
    }
    candidate
}

fn read_range(file: &mut File, from: u64, to: u64) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(to.saturating_sub(from) as usize);
    file.seek(SeekFrom::Start(from))?;
    file.take(to.saturating_sub(from)).read_to_end(&mut buf)?;
    Ok(buf)
}

/// A file read a window at a time into one buffer, kept between windows.
struct FileWindow<'f> {
    file: &'f mut File,
    start: u64,
    buf: Vec<u8>,
}

impl<'f> FileWindow<'f> {
    fn new(file: &'f mut File) -> FileWindow<'f> {
        FileWindow {
            file,
            start: 0,
            buf: Vec::new(),
        }
    }
}

impl walk::Source for FileWindow<'_> {
    type Error = std::io::Error;

    fn load(&mut self, from: u64, to: u64) -> std::io::Result<()> {
        // A file shorter than measured is an error (`read_exact`), never a short window.
        self.buf.resize(to.saturating_sub(from) as usize, 0);
        self.file.seek(SeekFrom::Start(from))?;
        self.file.read_exact(&mut self.buf)?;
        self.start = from;
        Ok(())
    }

    fn window(&self) -> (u64, &[u8]) {
        (self.start, &self.buf)
    }
}

/// Checks every frame's checksum of the journal at `path` up to `upto` bytes, reading it a
/// window at a time through its own handle (the app may be appending meanwhile; what is
/// before `upto` no longer changes). Returns the number of committed op frames and how
/// the journal ends.
pub fn verify_file(path: &Path, upto: u64) -> Result<(usize, Tail, u64), JournalError> {
    walk_file(path, upto, None)
}

/// `verify_file`, handing each committed op frame's payload to `each` in order, one window
/// of the journal in memory at a time.
pub fn for_each_frame(
    path: &Path,
    upto: u64,
    each: &mut dyn FnMut(&[u8]),
) -> Result<(usize, Tail, u64), JournalError> {
    walk_file(path, upto, Some(each))
}

/// What `walk_file` hands each frame's payload to, when anything.
type EachPayload<'a> = Option<&'a mut dyn FnMut(&[u8])>;

fn walk_file(
    path: &Path,
    upto: u64,
    each: EachPayload<'_>,
) -> Result<(usize, Tail, u64), JournalError> {
    let io = |source| JournalError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = File::open(path).map_err(io)?;
    let mut head = [0u8; 8];
    if file.read_exact(&mut head).is_err() || &head != MAGIC {
        return Err(JournalError::BadHeader {
            path: path.to_path_buf(),
        });
    }
    let mut hand = each.map(|f| {
        move |frame: FrameRef<'_>| {
            f(frame.payload);
            std::ops::ControlFlow::Continue(())
        }
    });
    let each = hand
        .as_mut()
        .map(|f| f as &mut dyn FnMut(FrameRef<'_>) -> std::ops::ControlFlow<()>);
    let span = (HEADER_LEN, upto.max(HEADER_LEN));
    let w = walk::walk(&mut FileWindow::new(&mut file), span, 0, 0, WINDOW, each).map_err(io)?;
    Ok((w.ops, w.tail, w.end))
}

impl Journal {
    /// Opens the journal at `path`, creating it (with its header) when it does not exist.
    pub fn open(path: &Path) -> Result<Journal, JournalError> {
        Journal::open_with(path, true)
    }

    /// Opens the journal; with `create` false a missing or empty file is not touched and
    /// `Ok(None)` says so (the view holds records: a new journal would hide that loss).
    pub fn open_existing(path: &Path) -> Result<Option<Journal>, JournalError> {
        match std::fs::metadata(path) {
            Ok(m) if m.len() > 0 => Journal::open_with(path, false).map(Some),
            Ok(_) => Ok(None),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(JournalError::Io {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    fn open_with(path: &Path, create: bool) -> Result<Journal, JournalError> {
        let io = |source| JournalError::Io {
            path: path.to_path_buf(),
            source,
        };
        let existed = path.exists();
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(create)
            .truncate(false)
            .open(path)
            .map_err(io)?;
        let mut len = file.metadata().map_err(io)?.len();
        if len == 0 {
            file.write_all(MAGIC).map_err(io)?;
            file.sync_all().map_err(io)?;
            if !existed {
                sync_parent_dir(path);
            }
            len = HEADER_LEN;
        } else {
            let mut head = [0u8; 8];
            file.seek(SeekFrom::Start(0)).map_err(io)?;
            if len < HEADER_LEN || file.read_exact(&mut head).is_err() || &head != MAGIC {
                return Err(JournalError::BadHeader {
                    path: path.to_path_buf(),
                });
            }
        }
        Ok(Journal {
            file,
            path: path.to_path_buf(),
            len,
        })
    }

    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len <= HEADER_LEN
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn io(&self, source: std::io::Error) -> JournalError {
        JournalError::Io {
            path: self.path.clone(),
            source,
        }
    }

    /// Reads every committed frame from `offset` (a frame boundary; `pending` frames of a
    /// complete batch still to come there) to the end of the file, into memory. Changes
    /// nothing: a torn tail is reported, and cut only by `cut_torn_tail`. `protect` is what
    /// the view has applied. Only the tests read a journal whole: the store walks it a
    /// window at a time (`walk`), so that a 1 GiB journal is never in memory.
    #[cfg(test)]
    pub fn scan(&mut self, offset: u64, pending: u32, protect: u64) -> Result<Scan, JournalError> {
        let mut frames = Vec::new();
        let (w, file_len) = self.walk(offset, pending, protect, WINDOW, &mut |f| {
            frames.push(Frame {
                start: f.start,
                end: f.end,
                payload: f.payload.to_vec(),
                batch_left: f.batch_left,
            });
            std::ops::ControlFlow::Continue(())
        })?;
        Ok(Scan {
            frames,
            end: w.end,
            tail: w.tail,
            file_len,
        })
    }

    /// Every committed frame from `offset` to the end, a `window` of bytes at a time: each committed frame is handed to `each` in
    /// order (a batch's once it is complete) and not kept; `each` may stop the walk. Also
    /// returns the length of the file when it was read.
    pub fn walk(
        &mut self,
        offset: u64,
        pending: u32,
        protect: u64,
        window: u64,
        each: &mut dyn FnMut(FrameRef<'_>) -> std::ops::ControlFlow<()>,
    ) -> Result<(Walked, u64), JournalError> {
        let offset = offset.max(HEADER_LEN);
        let file_len = self.file.metadata().map_err(|e| self.io(e))?.len();
        let span = (offset, file_len.max(offset));
        let mut src = FileWindow::new(&mut self.file);
        let walked = walk::walk(&mut src, span, pending, protect, window, Some(each));
        let walked = walked.map_err(|e| self.io(e))?;
        self.len = file_len;
        Ok((walked, file_len))
    }

    /// Cuts an unfinished write off the end, from `at`, after copying exactly the bytes
    /// cut to a file beside the journal (returned). Only for `Tail::Torn`.
    pub fn cut_torn_tail(&mut self, at: u64) -> Result<PathBuf, JournalError> {
        let file_len = self.file.metadata().map_err(|e| self.io(e))?.len();
        let bytes = read_range(&mut self.file, at, file_len).map_err(|e| self.io(e))?;
        let aside = aside_path(&self.path, &format!("torn-at-{at}"));
        write_new_file(&aside, &bytes).map_err(|e| self.io(e))?;
        self.file.set_len(at).map_err(|e| self.io(e))?;
        self.file.sync_all().map_err(|e| self.io(e))?;
        self.len = at;
        Ok(aside)
    }

    /// Appends one record and syncs it to disk. When this returns `Ok`, the record survives
    /// a crash or power cut; the returned offset is just past it.
    pub fn append(&mut self, payload: &[u8]) -> Result<u64, JournalError> {
        let frame = encode_frame(payload);
        self.write_synced(&[frame])?;
        Ok(self.len)
    }

    /// Writes `chunks` at the end with one sync. On failure the file is set back to its
    /// length before: those bytes are this call's own unconfirmed write (a disk filled up
    /// under it), never a confirmed record, and must not sit before the next append.
    fn write_synced(&mut self, chunks: &[Vec<u8>]) -> Result<(), JournalError> {
        let written = self
            .file
            .seek(SeekFrom::Start(self.len))
            .and_then(|_| chunks.iter().try_for_each(|c| self.file.write_all(c)))
            .and_then(|_| self.file.sync_data());
        if let Err(e) = written {
            let _ = self.file.set_len(self.len);
            return Err(self.io(e));
        }
        self.len += chunks.iter().map(|c| c.len() as u64).sum::<u64>();
        Ok(())
    }

    /// Appends ops as one batch with one sync (bulk loads: the demo generator, imports):
    /// a crash at any byte leaves all of it or, after the next open, none of it. Returns
    /// the end offset of each op's frame.
    pub fn append_batch(&mut self, payloads: &[Vec<u8>]) -> Result<Vec<u64>, JournalError> {
        let count = u32::try_from(payloads.len()).map_err(|_| {
            self.io(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "too many ops for one batch",
            ))
        })?;
        if count == 0 {
            return Ok(Vec::new());
        }
        let mut batch = self.begin_batch(count)?;
        let ends = payloads
            .iter()
            .map(|p| batch.push(&[p]))
            .collect::<Result<Vec<u64>, _>>()?;
        batch.finish()?;
        Ok(ends)
    }
}

/// Writes a new file (never over an existing one) and syncs it and its directory.
pub fn write_new_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    sync_parent_dir(path);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn journal_of(frames: &[&[u8]]) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        for f in frames {
            out.extend_from_slice(&encode_frame(f));
        }
        out
    }

    #[test]
    fn appends_read_back_and_a_torn_tail_is_cut_after_a_copy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let mut j = Journal::open(&path).unwrap();
        let e1 = j.append(b"first").unwrap();
        let e2 = j.append(b"second").unwrap();
        drop(j);
        // A power cut in the middle of a third append.
        let frame = encode_frame(b"third record");
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(&frame[..frame.len() - 3]).unwrap();
        drop(f);
        let mut j = Journal::open(&path).unwrap();
        let s = j.scan(HEADER_LEN, 0, e2).unwrap();
        assert_eq!(s.frames.len(), 2);
        assert_eq!(s.frames[0].payload, b"first");
        assert_eq!(s.end, e2);
        assert_eq!(s.tail, Tail::Torn { at: e2 });
        let aside = j.cut_torn_tail(e2).unwrap();
        assert_eq!(std::fs::read(&aside).unwrap(), frame[..frame.len() - 3]);
        assert_eq!(j.len(), e2);
        let s = j.scan(e1, 0, e1).unwrap();
        assert_eq!(s.frames.len(), 1);
        assert_eq!(s.tail, Tail::Clean);
        let e3 = j.append(b"fourth").unwrap();
        assert_eq!(e3, e2 + 8 + 6);
    }

    #[test]
    fn a_flipped_length_in_the_middle_is_damage_not_a_torn_tail() {
        let bytes = journal_of(&[b"first", b"second", b"third"]);
        let second = HEADER_LEN as usize + 8 + 5;
        for flip in [0x01u8, 0x80, 0xff] {
            let mut b = bytes.clone();
            b[second + 3] ^= flip; // the length's high byte: runs past the end
            let s = scan_bytes(&b[HEADER_LEN as usize..], HEADER_LEN, 0, 0, true);
            assert_eq!(s.frames.len(), 1);
            assert!(
                matches!(s.tail, Tail::Damaged { at, intact_after: Some(_) } if at == second as u64),
                "{:?}",
                s.tail
            );
        }
    }

    #[test]
    fn bad_bytes_before_what_the_view_applied_are_damage() {
        let bytes = journal_of(&[b"first", b"second"]);
        let cut = &bytes[HEADER_LEN as usize..bytes.len() - 2];
        let s = scan_bytes(cut, HEADER_LEN, 0, bytes.len() as u64, true);
        assert!(matches!(s.tail, Tail::Damaged { .. }), "{:?}", s.tail);
        let s = scan_bytes(cut, HEADER_LEN, 0, HEADER_LEN, true);
        assert!(matches!(s.tail, Tail::Torn { .. }), "{:?}", s.tail);
    }

    #[test]
    fn a_batch_counts_only_when_complete() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let mut j = Journal::open(&path).unwrap();
        let e0 = j.append(b"single").unwrap();
        let ends = j
            .append_batch(&[b"a".to_vec(), b"bb".to_vec(), b"ccc".to_vec()])
            .unwrap();
        let full = std::fs::read(&path).unwrap();
        assert_eq!(full.len() as u64, ends[2]);
        // Every cut inside the batch leaves the single op and nothing of the batch.
        for cut in e0 as usize + 1..full.len() {
            let s = scan_bytes(&full[HEADER_LEN as usize..cut], HEADER_LEN, 0, e0, true);
            assert_eq!(s.frames.len(), 1, "cut at {cut}");
            assert_eq!(s.tail, Tail::Torn { at: e0 }, "cut at {cut}");
        }
        let s = scan_bytes(&full[HEADER_LEN as usize..], HEADER_LEN, 0, e0, true);
        assert_eq!(s.frames.len(), 4);
        assert_eq!(
            s.frames.iter().map(|f| f.batch_left).collect::<Vec<_>>(),
            [0, 2, 1, 0]
        );
        // Resuming inside a batch the view had partly applied.
        let s = scan_bytes(&full[ends[0] as usize..], ends[0], 2, ends[0], true);
        assert_eq!(s.frames.len(), 2);
        assert_eq!(s.tail, Tail::Clean);
        // The same journal cut inside a batch the view had partly applied is damage.
        let s = scan_bytes(
            &full[ends[0] as usize..ends[2] as usize - 1],
            ends[0],
            2,
            ends[0],
            true,
        );
        assert!(matches!(s.tail, Tail::Damaged { .. }), "{:?}", s.tail);
    }

    #[test]
    fn zero_filled_tail_is_torn() {
        let mut b = journal_of(&[b"first"]);
        let end = b.len() as u64;
        b.extend_from_slice(&[0u8; 64]);
        let s = scan_bytes(&b[HEADER_LEN as usize..], HEADER_LEN, 0, end, true);
        assert_eq!(s.frames.len(), 1);
        assert_eq!(s.tail, Tail::Torn { at: end });
    }

    #[test]
    fn verify_file_reads_in_chunks_and_finds_damage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let mut j = Journal::open(&path).unwrap();
        for i in 0..50u32 {
            j.append(&i.to_le_bytes().repeat(100)).unwrap();
        }
        j.append_batch(&vec![vec![7u8; 1000]; 30]).unwrap();
        let len = j.len();
        drop(j);
        assert_eq!(verify_file(&path, len).unwrap(), (80, Tail::Clean, len));
        let mut b = std::fs::read(&path).unwrap();
        b[2000] ^= 0x10;
        std::fs::write(&path, &b).unwrap();
        let (_, tail, _) = verify_file(&path, len).unwrap();
        assert!(matches!(tail, Tail::Damaged { .. }), "{tail:?}");
    }

    #[test]
    fn foreign_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        std::fs::write(&path, b"hello world, not a journal").unwrap();
        assert!(matches!(
            Journal::open(&path),
            Err(JournalError::BadHeader { .. })
        ));
    }
}
