//! Rewriting the view into a fresh sled database of the same keys and values.
//!
//! sled 0.34 never gives back the space of pages it rewrote: a bulk fill (the demo, an
//! import) that rewrites report-fact buckets in many transactions leaves a view five times
//! the size of what it holds (2.2 GB for the 100,000-person demo, 422 MB once rewritten;
//! `BENCHMARKS.md`). The copy is written key by key in order, in batches, into `db.compact`
//! beside the view; it is compared with the view entry by entry, and only then put in its
//! place: the view is renamed to `db.before-compact`, the copy to `db`, and the old view is
//! removed once the copy is there. An exact copy is kept at every step, and `finish` (at
//! every open) completes or undoes a compaction that a kill interrupted.

use std::path::{Path, PathBuf};

use super::{Result, SLED_DIR, StoreError, StoreOptions, io_err, journal, lock_dir, open_sled};

const COPY_DIR: &str = "db.compact";
const OLD_DIR: &str = "db.before-compact";
/// Written once the copy is known to be the view, removed once it is in its place: what
/// `finish` goes by (a view beside an old one is the copy only while this is there).
const VERIFIED: &str = "db.compact-verified";
/// Entries per sled batch of the copy.
const BATCH: usize = 512;
/// Entries between two flushes of the copy.
const FLUSH_EVERY: usize = 64 * BATCH;
/// Page cache of each database while copying.
const COPY_CACHE: u64 = 8 * 1024 * 1024;

/// What a compaction did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Compacted {
    pub entries: u64,
    pub bytes_before: u64,
    pub bytes_after: u64,
}

/// Bytes the files under `dir` take on disk.
pub fn disk_bytes(dir: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    let Ok(list) = std::fs::read_dir(dir) else {
        return 0;
    };
    list.flatten()
        .filter_map(|e| Some((e.path(), e.metadata().ok()?)))
        .map(|(p, m)| {
            if m.is_dir() {
                disk_bytes(&p)
            } else {
                m.blocks() * 512
            }
        })
        .sum()
}

/// Compacts the view of the store in `dir`, which must not be open (its lock is taken for
/// the whole compaction, so no kezek opens it meanwhile).
pub fn compact_view(dir: &Path, opts: &StoreOptions) -> Result<Compacted> {
    let lock = lock_dir(dir)?;
    finish(dir)?;
    let view = dir.join(SLED_DIR);
    let copy = dir.join(COPY_DIR);
    let bytes_before = disk_bytes(&view);
    // Each record is read and written once: a big page cache would only hold what is done.
    let opts = StoreOptions {
        cache_capacity: opts.cache_capacity.min(COPY_CACHE),
    };
    let entries = {
        let from = open_sled(&view, &opts)?;
        let to = open_sled(&copy, &opts)?;
        let err = |dir: &Path| {
            let dir = dir.to_path_buf();
            move |source| StoreError::Sled { dir, source }
        };
        let mut entries = 0u64;
        for name in from.tree_names() {
            let src = from.open_tree(&name).map_err(err(&view))?;
            let dst = to.open_tree(&name).map_err(err(&copy))?;
            let mut batch = sled::Batch::default();
            let mut n = 0;
            for kv in src.iter() {
                let (k, v) = kv.map_err(err(&view))?;
                batch.insert(k, v);
                n += 1;
                if n % BATCH == 0 {
                    dst.apply_batch(std::mem::take(&mut batch))
                        .map_err(err(&copy))?;
                }
                if n % FLUSH_EVERY == 0 {
                    // What sled has not written yet stays in memory until it is.
                    to.flush().map_err(err(&copy))?;
                }
            }
            dst.apply_batch(batch).map_err(err(&copy))?;
        }
        to.flush().map_err(err(&copy))?;
        // Compared entry by entry before anything is renamed: the copy must be the view.
        for name in from.tree_names() {
            let a = from.open_tree(&name).map_err(err(&view))?;
            let b = to.open_tree(&name).map_err(err(&copy))?;
            let mut left = a.iter();
            let mut right = b.iter();
            loop {
                match (left.next().transpose(), right.next().transpose()) {
                    (Ok(None), Ok(None)) => break,
                    (Ok(Some(x)), Ok(Some(y))) if x == y => entries += 1,
                    (Err(e), _) => return Err(err(&view)(e)),
                    (_, Err(e)) => return Err(err(&copy)(e)),
                    _ => {
                        return Err(StoreError::Io {
                            path: copy.clone(),
                            source: std::io::Error::other(
                                "the compacted copy differs from the database; it was not used",
                            ),
                        });
                    }
                }
            }
        }
        entries
    };
    let marker = dir.join(VERIFIED);
    journal::write_new_file(&marker, b"").map_err(io_err(&marker))?;
    put_in_place(dir)?;
    drop(lock);
    Ok(Compacted {
        entries,
        bytes_before,
        bytes_after: disk_bytes(&view),
    })
}

fn remove(dir: &PathBuf) {
    if let Err(e) = std::fs::remove_dir_all(dir) {
        tracing::warn!(error = %e, "could not remove a database left by a compaction");
    }
}

/// With the copy verified (`VERIFIED` written): the view is renamed aside, the copy put in
/// its place, the old view and the marker removed; each step is redone where a kill left it.
fn put_in_place(dir: &Path) -> Result<()> {
    let (view, copy, old) = (dir.join(SLED_DIR), dir.join(COPY_DIR), dir.join(OLD_DIR));
    if !view.exists() && !copy.exists() && old.exists() {
        // Not a state this code leaves; the old view is all there is, so it comes back.
        std::fs::rename(&old, &view).map_err(io_err(&old))?;
        journal::sync_parent_dir(&view);
    }
    if copy.exists() && view.exists() && !old.exists() {
        std::fs::rename(&view, &old).map_err(io_err(&view))?;
        journal::sync_parent_dir(&old);
    }
    if copy.exists() && !view.exists() {
        std::fs::rename(&copy, &view).map_err(io_err(&copy))?;
        journal::sync_parent_dir(&view);
    }
    if view.exists() && !copy.exists() {
        if old.exists() {
            remove(&old);
        }
        let marker = dir.join(VERIFIED);
        std::fs::remove_file(&marker).map_err(io_err(&marker))?;
        journal::sync_parent_dir(&marker);
    }
    Ok(())
}

/// Completes a compaction a kill interrupted after its copy was verified, or drops the copy
/// of one interrupted before (the caller holds the lock). The view is never removed unless
/// a verified copy of it is in its place.
pub(super) fn finish(dir: &Path) -> Result<()> {
    if dir.join(VERIFIED).exists() {
        tracing::warn!("completing a compaction that was interrupted");
        return put_in_place(dir);
    }
    let copy = dir.join(COPY_DIR);
    if copy.exists() {
        remove(&copy);
    }
    Ok(())
}
