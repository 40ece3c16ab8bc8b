//! A batch appended a frame at a time (`Journal::begin_batch`): an import of a whole export
//! is over a hundred megabytes of frames, which need not sit in memory, and a bulk load
//! reads its ops back from a scratch file to write them here.

use std::io::{Seek, SeekFrom, Write};

use super::{FRAME_HEAD, Journal, JournalError, MAX_FRAME, batch_header};

impl Journal {
    /// Starts a batch of `count` op frames (at least one) at the end of the journal, to be
    /// pushed one by one and synced once by `BatchWriter::finish`. Until then nothing of
    /// it counts: dropped unfinished (an error on the way), its bytes are cut off again.
    pub fn begin_batch(&mut self, count: u32) -> Result<BatchWriter<'_>, JournalError> {
        if count == 0 {
            return Err(self.io(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "an empty batch",
            )));
        }
        let start = self.len;
        let header = batch_header(count);
        if let Err(e) = self.file.seek(SeekFrom::Start(start)) {
            return Err(self.io(e));
        }
        let mut buf = Vec::with_capacity(BATCH_CHUNK);
        buf.extend_from_slice(&header);
        Ok(BatchWriter {
            end: start + header.len() as u64,
            journal: self,
            start,
            left: count,
            buf,
            done: false,
        })
    }
}

/// Bytes of a batch gathered before they are written to the file.
const BATCH_CHUNK: usize = 4 << 20;

/// A batch being appended (`Journal::begin_batch`).
pub struct BatchWriter<'j> {
    journal: &'j mut Journal,
    /// Where the batch's header starts: the journal's end before it.
    start: u64,
    /// Just past the last frame pushed.
    end: u64,
    /// Frames still to push.
    left: u32,
    buf: Vec<u8>,
    done: bool,
}

impl BatchWriter<'_> {
    /// Adds one op frame whose payload is `parts` one after the other, and returns the
    /// offset just past it.
    pub fn push(&mut self, parts: &[&[u8]]) -> Result<u64, JournalError> {
        let len: usize = parts.iter().map(|p| p.len()).sum();
        let too_many = self.left == 0;
        let Ok(len32) = u32::try_from(len) else {
            return Err(self.refuse("an op too large for a frame"));
        };
        if too_many || len == 0 || u64::from(len32) > MAX_FRAME {
            return Err(self.refuse(if too_many {
                "more ops than the batch was begun for"
            } else {
                "an op of no length or too large for a frame"
            }));
        }
        let len_bytes = len32.to_le_bytes();
        let mut hasher = crc32fast::Hasher::new();
        hasher.update(&len_bytes);
        parts.iter().for_each(|p| hasher.update(p));
        self.buf.extend_from_slice(&len_bytes);
        self.buf.extend_from_slice(&hasher.finalize().to_le_bytes());
        parts.iter().for_each(|p| self.buf.extend_from_slice(p));
        if self.buf.len() >= BATCH_CHUNK {
            let written = self.journal.file.write_all(&self.buf);
            self.buf.clear();
            written.map_err(|e| self.journal.io(e))?;
        }
        self.left -= 1;
        self.end += FRAME_HEAD + len as u64;
        Ok(self.end)
    }

    fn refuse(&self, what: &str) -> JournalError {
        self.journal.io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            what.to_string(),
        ))
    }

    /// Writes what is left and syncs: once this returns `Ok` the whole batch survives a
    /// crash. Returns the offset just past it. Refused (and cut off) unless every frame the
    /// batch was begun for was pushed.
    pub fn finish(mut self) -> Result<u64, JournalError> {
        if self.left > 0 {
            return Err(self.refuse("fewer ops than the batch was begun for"));
        }
        let file = &mut self.journal.file;
        file.write_all(&self.buf)
            .and_then(|_| file.sync_data())
            .map_err(|e| self.journal.io(e))?;
        self.done = true;
        self.journal.len = self.end;
        Ok(self.end)
    }
}

impl Drop for BatchWriter<'_> {
    /// An unfinished batch is this writer's own unconfirmed bytes (a disk filled up under
    /// it, a scratch file that could not be read back): cut off so that they never sit
    /// before the next append. Should the cut fail, the next append writes over them, and
    /// an open before that finds a batch without all its frames: a torn tail, copied aside.
    fn drop(&mut self) {
        if !self.done {
            let _ = self.journal.file.set_len(self.start);
        }
    }
}
