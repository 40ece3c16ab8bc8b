//! Bulk loads (an imported register or export folder, the demo) make records with the same
//! constructors and rules as the desk's commands and write them as one atomic batch: all of
//! it is in the journal after one sync, or none of it.
//!
//! Memory does not grow with the load: each op is encoded as soon as it is cut and, past
//! `StoreOptions::spill_at` bytes, written to a private scratch file without a name (it
//! goes with the process, however that ends). The commit copies the ops from there into
//! the journal behind the batch's header, syncs once, and applies them by reading the
//! journal back a window at a time, as a catch-up at open does.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};

use chrono::{DateTime, Utc};

use super::atomic::Scratch;
use super::{Change, Op, Result, Store, StoreError, codec};
use crate::domain::{Id, Meta};

/// Changes per op: small enough that an op stays far below the codec's limit, large enough
/// that a whole export is a few thousand ops.
const OP_CHANGES: usize = 200;

/// Bytes of encoded ops a batch holds in memory before it spills them to a scratch file:
/// a few megabytes, so that a small load never touches the disk twice.
pub(super) const SPILL_AT: usize = 4 << 20;

/// Records on their way into the store, cut into ops as they come.
pub struct Batch<'s> {
    store: &'s Store,
    officer: String,
    open: Vec<Change>,
    changes: usize,
    /// The next queue number of this desk per event, once asked for.
    next_no: HashMap<Id, u32>,
    /// The ops cut so far; `None` in a dry run, which keeps nothing.
    ops: Option<Spill>,
}

/// Encoded ops, each as `[length: u32 LE][its changes' bytes]`: in memory until they pass
/// the threshold, then in a scratch file.
pub(super) struct Spill {
    /// Where the scratch file is made: the store's directory.
    dir: std::path::PathBuf,
    mem: Vec<u8>,
    file: Option<(Scratch, BufWriter<File>)>,
    /// Bytes written to the scratch file.
    spilled: u64,
    count: usize,
    threshold: usize,
}

impl Store {
    /// An empty batch for this store, its ops made by `officer`; nothing is written until
    /// `Batch::commit`.
    pub fn batch(&self, officer: &str) -> Batch<'_> {
        Batch {
            ops: Some(Spill::new(self.dir(), self.spill_at)),
            ..self.dry_batch(officer)
        }
    }

    /// A batch that counts what it is given and keeps none of it (a dry run): its commit
    /// writes nothing.
    pub fn dry_batch(&self, officer: &str) -> Batch<'_> {
        Batch {
            store: self,
            officer: officer.to_string(),
            open: Vec::new(),
            changes: 0,
            next_no: HashMap::new(),
            ops: None,
        }
    }

    /// A record's identity made at `at`, not now: for a record that keeps the time it was
    /// made somewhere else (a register's arrival time). The id is `id` when the source gave
    /// one, else a new one minted as the store mints them.
    pub fn meta_at(&self, id: Option<Id>, at: DateTime<Utc>) -> Meta {
        let id = id
            .unwrap_or_else(|| Id::from_parts(at.timestamp_millis().max(0) as u64, rand::random()));
        Meta::new(id, self.desk(), at)
    }
}

impl Batch<'_> {
    /// Adds a change; an error is the scratch file's (a full disk), and nothing of the
    /// batch is written then.
    pub fn push(&mut self, change: Change) -> Result<()> {
        self.open.push(change);
        self.changes += 1;
        if self.open.len() >= OP_CHANGES {
            self.cut()?;
        }
        Ok(())
    }

    /// Ends the current op here: what follows goes into the next one. An op whose encoding
    /// would pass the codec's limit is split in two, as often as needed.
    pub fn cut(&mut self) -> Result<()> {
        let changes = std::mem::take(&mut self.open);
        let Some(ops) = self.ops.as_mut() else {
            return Ok(());
        };
        let mut todo = vec![changes];
        while let Some(changes) = todo.pop() {
            if changes.is_empty() {
                continue;
            }
            // What the decoder will count for the whole op: its clock and id are made at
            // the commit, but count the same whatever their values.
            let probe = Op {
                id: Id::from_parts(0, 0),
                desk: self.store.desk(),
                hlc: 0,
                officer: self.officer.clone(),
                changes,
            };
            if codec::claimed(&probe).is_some() {
                let body = codec::encode_part(&probe.changes).map_err(codec_err)?;
                ops.add(&body)?;
            } else if probe.changes.len() > 1 {
                let mut first = probe.changes;
                let second = first.split_off(first.len() / 2);
                todo.push(second);
                todo.push(first);
            } else {
                return Err(codec_err(codec::CodecError::TooLarge));
            }
        }
        Ok(())
    }

    /// Who the batch's ops are made by.
    pub fn officer(&self) -> &str {
        &self.officer
    }

    /// Changes gathered so far.
    pub fn len(&self) -> usize {
        self.changes
    }

    pub fn is_empty(&self) -> bool {
        self.changes == 0
    }

    /// The next number in this desk's queue for `event`: after the highest on record the
    /// first time, then counting on through the batch, as saving arrivals one by one would.
    pub fn next_queue_no(&mut self, event: Id) -> Result<u32> {
        let n = match self.next_no.get(&event) {
            Some(n) => *n,
            None => self.store.next_queue_no(event, self.store.desk())?,
        };
        self.next_no.insert(event, n.saturating_add(1));
        Ok(n)
    }

    /// Writes everything gathered as one batch with one journal sync and returns the number
    /// of ops. An empty batch, or a dry run's, writes nothing.
    pub fn commit(mut self) -> Result<usize> {
        self.cut()?;
        match self.ops.take() {
            Some(ops) if ops.count > 0 => self.store.commit_spill(&self.officer, ops),
            _ => Ok(0),
        }
    }

    /// Every change of `ops` as one op of its own (split where too large), then the commit.
    pub(super) fn commit_ops(mut self, ops: Vec<Vec<Change>>) -> Result<usize> {
        for changes in ops {
            self.changes += changes.len();
            self.open = changes;
            self.cut()?;
        }
        self.commit()
    }
}

fn codec_err(source: codec::CodecError) -> StoreError {
    StoreError::Codec {
        what: "journal op",
        source,
    }
}

impl Spill {
    fn new(dir: &std::path::Path, threshold: usize) -> Spill {
        Spill {
            dir: dir.to_path_buf(),
            mem: Vec::new(),
            file: None,
            spilled: 0,
            count: 0,
            threshold,
        }
    }

    fn add(&mut self, body: &[u8]) -> Result<()> {
        let len = u32::try_from(body.len()).map_err(|_| codec_err(codec::CodecError::TooLarge))?;
        self.count += 1;
        self.mem.extend_from_slice(&len.to_le_bytes());
        self.mem.extend_from_slice(body);
        if self.mem.len() < self.threshold {
            return Ok(());
        }
        let io = super::io_err(&self.dir);
        if self.file.is_none() {
            let made = Scratch::unnamed(&self.dir).and_then(|s| Ok((s.writer()?, s)));
            let (w, scratch) = made.map_err(io)?;
            self.file = Some((scratch, w));
        }
        if let Some((_, w)) = self.file.as_mut() {
            w.write_all(&self.mem).map_err(super::io_err(&self.dir))?;
            self.spilled += self.mem.len() as u64;
        }
        self.mem.clear();
        Ok(())
    }

    pub(super) fn count(&self) -> usize {
        self.count
    }

    /// Hands each op's changes' bytes to `each` in order: from the scratch file a few
    /// megabytes at a time, then what is still in memory.
    pub(super) fn each(mut self, each: &mut dyn FnMut(&[u8]) -> Result<()>) -> Result<()> {
        let io = super::io_err(&self.dir);
        if let Some((scratch, mut w)) = self.file.take() {
            w.flush().map_err(io)?;
            drop(w);
            let mut reader = SpillReader {
                scratch: &scratch,
                at: 0,
                end: self.spilled,
                buf: Vec::new(),
                pos: 0,
            };
            while let Some(body) = reader.next().map_err(super::io_err(&self.dir))? {
                each(body)?;
            }
        }
        let mut rest = &self.mem[..];
        while let Some((body, after)) = split_one(rest) {
            each(body)?;
            rest = after;
        }
        Ok(())
    }
}

/// The first `[length][bytes]` of `buf` and what follows, if all of it is there.
fn split_one(buf: &[u8]) -> Option<(&[u8], &[u8])> {
    let len = u32::from_le_bytes(buf.get(..4)?.try_into().ok()?) as usize;
    let body = buf.get(4..4 + len)?;
    Some((body, &buf[4 + len..]))
}

/// Reads a scratch file's ops back in order, a window of it at a time.
struct SpillReader<'a> {
    scratch: &'a Scratch,
    /// Where the window starts in the file, and where the file's ops end.
    at: u64,
    end: u64,
    buf: Vec<u8>,
    /// The next op's place in the window.
    pos: usize,
}

/// Bytes of a scratch file read at a time (an op longer than that widens it).
const READ_WINDOW: usize = 4 << 20;

impl SpillReader<'_> {
    fn next(&mut self) -> std::io::Result<Option<&[u8]>> {
        let need = loop {
            let avail = &self.buf[self.pos..];
            let need = match avail.get(..4) {
                Some(l) => 4 + u32::from_le_bytes([l[0], l[1], l[2], l[3]]) as usize,
                None => 4,
            };
            if avail.len() >= need {
                break need;
            }
            // The window holds a part of the next op at most: read on from its start.
            self.at += self.pos as u64;
            self.pos = 0;
            let left = usize::try_from(self.end - self.at).unwrap_or(usize::MAX);
            if left == 0 {
                return Ok(None);
            }
            if left < need {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    "the scratch file of a bulk load ends inside an op",
                ));
            }
            self.buf.resize(left.min(READ_WINDOW.max(need)), 0);
            self.scratch.read_at(&mut self.buf, self.at)?;
        };
        let body = self.pos + 4..self.pos + need;
        self.pos += need;
        Ok(Some(&self.buf[body]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spilled_ops_come_back_in_order_whatever_their_size() {
        let dir = tempfile::tempdir().unwrap();
        // Past the read window (an op of the codec's largest), and small ones around it.
        let bodies: Vec<Vec<u8>> = [3usize, 1, READ_WINDOW + 10, 7, 0, READ_WINDOW - 2, 5]
            .iter()
            .enumerate()
            .map(|(i, n)| (0..*n).map(|k| (k * 31 + i) as u8).collect())
            .collect();
        for threshold in [1, 64, usize::MAX] {
            let mut spill = Spill::new(dir.path(), threshold);
            for b in &bodies {
                spill.add(b).unwrap();
            }
            assert_eq!(spill.count(), bodies.len());
            assert_eq!(spill.file.is_some(), threshold != usize::MAX);
            let mut back = Vec::new();
            spill
                .each(&mut |b| {
                    back.push(b.to_vec());
                    Ok(())
                })
                .unwrap();
            assert!(back == bodies, "threshold {threshold}");
        }
        // The scratch file never had a name in the directory.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
