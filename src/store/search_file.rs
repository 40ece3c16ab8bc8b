//! The person search kept between runs (`search.kzx`), so that `kezek find` and the app's
//! first keystroke read it instead of building it from every person record (290 ms and
//! 15 MB at 100,000 persons).
//!
//! The file is a cache, never a source: it holds the journal position and clock of the view
//! it was written from, and is used only when both are those of the view now open, its
//! checksum holds and it decodes whole; otherwise the index is built from the records as
//! before. It is written by the store's holder when it closes, if the index it holds was
//! built or changed since it was read, through a temporary file and a rename. A kill leaves
//! the previous file, which no longer matches the view and is not used.
//!
//! Layout: `KZSX`, format byte, applied offset and clock (u64 LE each), the last op's id (16
//! bytes), the index as one codec value, then its length (u64 LE) and the CRC-32 of
//! everything before it (u32 LE).

use std::io::{Read, Write};
use std::path::Path;

use super::{META_APPLIED, META_HLC, META_LAST_OP, Store, atomic, codec, read_u64};
use crate::domain::search::SearchIndex;

pub const SEARCH_FILE: &str = "search.kzx";

const MAGIC: &[u8; 4] = b"KZSX";
const FORMAT: u8 = 2;
const HEADER: usize = 4 + 1 + 8 + 8 + 16;
const TRAILER: usize = 8 + 4;

/// Where the view stands: the journal offset it has applied, its clock and the last op's id
/// (two copies of a store given different ops of the same length, with a clock set back so
/// that the clocks agree too, still differ in it: the hostile pass made exactly that).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Stamp {
    applied: u64,
    hlc: u64,
    last_op: [u8; 16],
}

impl Store {
    pub(super) fn view_stamp(&self) -> Stamp {
        let last_op = self
            .meta
            .get(META_LAST_OP)
            .ok()
            .flatten()
            .and_then(|v| <[u8; 16]>::try_from(v.as_ref()).ok())
            .unwrap_or([0; 16]);
        Stamp {
            applied: read_u64(&self.meta, META_APPLIED).unwrap_or(0),
            hlc: read_u64(&self.meta, META_HLC).unwrap_or(0),
            last_op,
        }
    }

    /// The index kept by an earlier run, if it is the one of this view.
    pub(super) fn read_search_file(&self) -> Option<SearchIndex> {
        let path = self.dir.join(SEARCH_FILE);
        let stamp = self.view_stamp();
        match read(&path, stamp) {
            Ok(Some(ix)) => {
                *self.kept_for() = Some(stamp);
                Some(ix)
            }
            Ok(None) => None,
            Err(e) => {
                tracing::info!(error = %e, "the kept person search is not usable; building it");
                None
            }
        }
    }

    /// Keeps `ix` for the next run, stamped with the view it matches. The caller holds the
    /// writer, so no commit moves the view meanwhile.
    pub(super) fn write_search_file(&self, ix: &SearchIndex) -> std::io::Result<()> {
        let stamp = self.view_stamp();
        write(&self.dir.join(SEARCH_FILE), stamp, ix)?;
        *self.kept_for() = Some(stamp);
        Ok(())
    }

    /// Whether the kept file is of the view as it is now.
    pub(super) fn search_file_current(&self) -> bool {
        *self.kept_for() == Some(self.view_stamp())
    }

    fn kept_for(&self) -> std::sync::MutexGuard<'_, Option<Stamp>> {
        // Only a stamp is behind it: a panic elsewhere cannot leave it half written.
        self.search_kept_for
            .lock()
            .unwrap_or_else(|p| p.into_inner())
    }
}

/// A writer that counts and checksums what passes through it.
struct Summing<W> {
    inner: W,
    crc: crc32fast::Hasher,
    n: u64,
}

impl<W: Write> Write for Summing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.crc.update(&buf[..n]);
        self.n += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl<R: Read> Read for Summing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.crc.update(&buf[..n]);
        self.n += n as u64;
        Ok(n)
    }
}

fn write(path: &Path, stamp: Stamp, ix: &SearchIndex) -> std::io::Result<()> {
    let mut out = Summing {
        inner: atomic::AtomicFile::create(path)?,
        crc: crc32fast::Hasher::new(),
        n: 0,
    };
    out.write_all(MAGIC)?;
    out.write_all(&[FORMAT])?;
    out.write_all(&stamp.applied.to_le_bytes())?;
    out.write_all(&stamp.hlc.to_le_bytes())?;
    out.write_all(&stamp.last_op)?;
    codec::encode_snapshot(ix, &mut out).map_err(|e| match e {
        // A full disk says so in its own words, not as the encoder's debug dump.
        codec::CodecError::Encode(bincode::error::EncodeError::Io { inner, .. }) => inner,
        other => std::io::Error::other(other),
    })?;
    let body = out.n - HEADER as u64;
    let crc = out.crc.clone().finalize();
    let mut file = out.inner;
    file.write_all(&body.to_le_bytes())?;
    file.write_all(&crc.to_le_bytes())?;
    file.commit()
}

fn bad(what: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string())
}

/// The index in `path` if it was written for `stamp`; `Ok(None)` when there is none or it is
/// of another view, an error when it is damaged.
fn read(path: &Path, stamp: Stamp) -> std::io::Result<Option<SearchIndex>> {
    // Opened without waiting: a FIFO put in its place would block the open for ever.
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut opts, libc::O_NONBLOCK);
    let mut file = match opts.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(bad("not a regular file"));
    }
    let len = meta.len();
    if len < (HEADER + TRAILER) as u64 || len > (HEADER + TRAILER + codec::SNAPSHOT_LIMIT) as u64 {
        return Err(bad("wrong size"));
    }
    let mut head = [0u8; HEADER];
    file.read_exact(&mut head)?;
    if &head[..4] != MAGIC || head[4] != FORMAT {
        return Err(bad("not a kept search of this version"));
    }
    let word = |at: usize| u64::from_le_bytes(head[at..at + 8].try_into().unwrap_or([0; 8]));
    let mut last_op = [0u8; 16];
    last_op.copy_from_slice(&head[21..37]);
    if (Stamp {
        applied: word(5),
        hlc: word(13),
        last_op,
    }) != stamp
    {
        return Ok(None);
    }
    let body = len - (HEADER + TRAILER) as u64;
    let mut crc = crc32fast::Hasher::new();
    crc.update(&head);
    let mut input = Summing {
        inner: std::io::BufReader::new((&mut file).take(body)),
        crc,
        n: 0,
    };
    let ix: SearchIndex = codec::decode_snapshot(&mut input).map_err(std::io::Error::other)?;
    if input.n != body {
        return Err(bad("trailing bytes"));
    }
    let sum = input.crc.finalize();
    let mut tail = [0u8; TRAILER];
    file.read_exact(&mut tail)?;
    let (stored_len, stored_crc) = tail.split_at(8);
    if stored_len != body.to_le_bytes() || stored_crc != sum.to_le_bytes() {
        return Err(bad("checksum"));
    }
    Ok(Some(ix))
}
