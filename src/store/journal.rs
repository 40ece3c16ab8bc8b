//! The append-only journal: the source of truth. Frames are
//! `[len: u32 LE][crc32(len bytes ++ payload): u32 LE][payload]` after an 8-byte header.
//! An append is durable once `sync_data()` returns; nothing is confirmed before that.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

pub const MAGIC: &[u8; 8] = b"KZJRNL01";
pub const HEADER_LEN: u64 = MAGIC.len() as u64;
const FRAME_HEAD: u64 = 8;
/// Larger than any op can be (the codec limit), so a bigger length field means corruption.
const MAX_FRAME: u64 = 8 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("journal {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a kezek journal (bad header); move it away or restore a backup")]
    BadHeader { path: PathBuf },
    #[error(
        "journal {path} is damaged at byte {offset} with intact records after it; \
         restore a backup, or run `kezek check` for details"
    )]
    Corrupt { path: PathBuf, offset: u64 },
}

pub struct Journal {
    file: File,
    path: PathBuf,
    len: u64,
}

/// One intact record read back: its payload and the offset just past it.
pub struct Frame {
    pub end: u64,
    pub payload: Vec<u8>,
}

/// What opening found at the tail.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct TailRepair {
    /// Bytes of a torn last record that were cut off.
    pub dropped_bytes: u64,
}

impl Journal {
    pub fn open(path: &Path) -> Result<Journal, JournalError> {
        let io = |source| JournalError::Io {
            path: path.to_path_buf(),
            source,
        };
        let existed = path.exists();
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
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

    /// Reads every intact frame from `offset` (a frame boundary) to the end. A torn last
    /// record (a power cut mid-append) is cut off and reported; damage followed by intact
    /// data is an error, because silently skipping it could lose confirmed records.
    pub fn read_from(&mut self, offset: u64) -> Result<(Vec<Frame>, TailRepair), JournalError> {
        let offset = offset.max(HEADER_LEN);
        let mut buf = Vec::new();
        self.file
            .seek(SeekFrom::Start(offset))
            .map_err(|e| self.io(e))?;
        (&self.file).read_to_end(&mut buf).map_err(|e| self.io(e))?;
        let mut frames = Vec::new();
        let mut pos = 0usize;
        let total = buf.len();
        while pos < total {
            match check_frame(&buf[pos..]) {
                Some(payload_len) => {
                    let start = pos + FRAME_HEAD as usize;
                    let end = start + payload_len;
                    frames.push(Frame {
                        end: offset + end as u64,
                        payload: buf[start..end].to_vec(),
                    });
                    pos = end;
                }
                None => {
                    let rest = &buf[pos..];
                    if !is_torn_tail(rest) {
                        return Err(JournalError::Corrupt {
                            path: self.path.clone(),
                            offset: offset + pos as u64,
                        });
                    }
                    let keep = offset + pos as u64;
                    self.file.set_len(keep).map_err(|e| self.io(e))?;
                    self.file.sync_all().map_err(|e| self.io(e))?;
                    self.len = keep;
                    return Ok((
                        frames,
                        TailRepair {
                            dropped_bytes: rest.len() as u64,
                        },
                    ));
                }
            }
        }
        self.len = offset + total as u64;
        Ok((frames, TailRepair::default()))
    }

    /// Appends one record and syncs it to disk. When this returns `Ok`, the record survives
    /// a crash or power cut; the returned offset is just past it.
    pub fn append(&mut self, payload: &[u8]) -> Result<u64, JournalError> {
        let frame = encode_frame(payload);
        self.file
            .seek(SeekFrom::Start(self.len))
            .map_err(|e| self.io(e))?;
        if let Err(e) = self
            .file
            .write_all(&frame)
            .and_then(|_| self.file.sync_data())
        {
            // A partial frame (disk full) must not stay in front of the next append.
            let _ = self.file.set_len(self.len);
            return Err(self.io(e));
        }
        self.len += frame.len() as u64;
        Ok(self.len)
    }
}

impl Journal {
    /// Appends several records with one sync (bulk loads: the demo generator, imports).
    /// All or nothing: on failure the journal is cut back to where it was. Returns the end
    /// offset of each record.
    pub fn append_all(&mut self, payloads: &[Vec<u8>]) -> Result<Vec<u64>, JournalError> {
        // Written through a few megabytes at a time: an import of a whole export is over
        // a hundred megabytes of frames, which need not sit in memory twice.
        const CHUNK: usize = 4 << 20;
        self.file
            .seek(SeekFrom::Start(self.len))
            .map_err(|e| self.io(e))?;
        let mut buf = Vec::with_capacity(CHUNK);
        let mut ends = Vec::with_capacity(payloads.len());
        let mut end = self.len;
        let mut written = Ok(());
        for p in payloads {
            let frame = encode_frame(p);
            end += frame.len() as u64;
            ends.push(end);
            buf.extend_from_slice(&frame);
            if buf.len() >= CHUNK {
                written = self.file.write_all(&buf);
                buf.clear();
                if written.is_err() {
                    break;
                }
            }
        }
        if let Err(e) = written
            .and_then(|_| self.file.write_all(&buf))
            .and_then(|_| self.file.sync_data())
        {
            let _ = self.file.set_len(self.len);
            return Err(self.io(e));
        }
        self.len = end;
        Ok(ends)
    }
}

pub fn encode_frame(payload: &[u8]) -> Vec<u8> {
    let len = (payload.len() as u32).to_le_bytes();
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(&len);
    hasher.update(payload);
    let crc = hasher.finalize().to_le_bytes();
    let mut frame = Vec::with_capacity(payload.len() + FRAME_HEAD as usize);
    frame.extend_from_slice(&len);
    frame.extend_from_slice(&crc);
    frame.extend_from_slice(payload);
    frame
}

/// The payload length of an intact frame at the start of `buf`, or `None`.
fn check_frame(buf: &[u8]) -> Option<usize> {
    if buf.len() < FRAME_HEAD as usize {
        return None;
    }
    let len_bytes: [u8; 4] = buf[0..4].try_into().ok()?;
    let crc_bytes: [u8; 4] = buf[4..8].try_into().ok()?;
    let len = u32::from_le_bytes(len_bytes) as u64;
    if len == 0 || len > MAX_FRAME || buf.len() < (FRAME_HEAD + len) as usize {
        return None;
    }
    let payload = &buf[FRAME_HEAD as usize..(FRAME_HEAD + len) as usize];
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(&len_bytes);
    hasher.update(payload);
    (hasher.finalize() == u32::from_le_bytes(crc_bytes)).then_some(len as usize)
}

/// A bad frame is a torn tail when it is the last thing in the file: its declared length
/// runs past the end, its header is cut short, or the rest is zeros (a file system that
/// extended the file but never wrote the data).
fn is_torn_tail(rest: &[u8]) -> bool {
    if rest.len() < FRAME_HEAD as usize || rest.iter().all(|&b| b == 0) {
        return true;
    }
    let len = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]) as u64;
    FRAME_HEAD + len >= rest.len() as u64
}

/// Makes a newly created file's directory entry durable (POSIX needs the directory synced).
pub fn sync_parent_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(parent) = path.parent()
        && let Ok(dir) = File::open(parent)
    {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_read_back_and_torn_tail_is_cut() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let mut j = Journal::open(&path).unwrap();
        let e1 = j.append(b"first").unwrap();
        let e2 = j.append(b"second").unwrap();
        drop(j);
        // Simulate a power cut in the middle of a third append.
        let frame = encode_frame(b"third record");
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(&frame[..frame.len() - 3]).unwrap();
        drop(f);
        let mut j = Journal::open(&path).unwrap();
        let (frames, repair) = j.read_from(HEADER_LEN).unwrap();
        assert_eq!(frames.len(), 2);
        assert_eq!(frames[0].payload, b"first");
        assert_eq!(frames[1].end, e2);
        assert_eq!(repair.dropped_bytes, frame.len() as u64 - 3);
        assert_eq!(j.len(), e2);
        let (from_second, _) = j.read_from(e1).unwrap();
        assert_eq!(from_second.len(), 1);
        // The next append lands where the torn record was.
        let e3 = j.append(b"fourth").unwrap();
        assert_eq!(e3, e2 + 8 + 6);
    }

    #[test]
    fn damage_before_intact_records_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let mut j = Journal::open(&path).unwrap();
        j.append(b"first").unwrap();
        j.append(b"second").unwrap();
        drop(j);
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[HEADER_LEN as usize + 9] ^= 0xff;
        std::fs::write(&path, bytes).unwrap();
        let mut j = Journal::open(&path).unwrap();
        assert!(matches!(
            j.read_from(HEADER_LEN),
            Err(JournalError::Corrupt {
                offset: HEADER_LEN,
                ..
            })
        ));
    }

    #[test]
    fn zero_filled_tail_is_torn() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let mut j = Journal::open(&path).unwrap();
        let end = j.append(b"first").unwrap();
        drop(j);
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(&[0u8; 64]).unwrap();
        drop(f);
        let mut j = Journal::open(&path).unwrap();
        let (frames, repair) = j.read_from(0).unwrap();
        assert_eq!(frames.len(), 1);
        assert_eq!(repair.dropped_bytes, 64);
        assert_eq!(j.len(), end);
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
