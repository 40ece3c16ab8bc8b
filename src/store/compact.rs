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
/// the whole compaction, so no kezek opens it meanwhile). On any failure the copy goes and
/// the view is as it was.
pub fn compact_view(dir: &Path, opts: &StoreOptions) -> Result<Compacted> {
    let lock = lock_dir(dir)?;
    finish(dir)?;
    let (view, copy, old, marker) = paths(dir);
    let refuse = |reason: String| StoreError::NotCompacted { reason };
    for left in [&marker, &old] {
        if left.exists() {
            return Err(refuse(format!(
                "{} is left from an earlier compaction that could not be completed; \
                 see kezek.log, and remove it once the store opens and checks consistent",
                left.display()
            )));
        }
    }
    if copy.exists() {
        std::fs::remove_dir_all(&copy).map_err(|e| refuse(format!("{}: {e}", copy.display())))?;
    }
    let bytes_before = disk_bytes(&view);
    // Each record is read and written once: a big page cache would only hold what is done.
    let opts = StoreOptions {
        cache_capacity: opts.cache_capacity.min(COPY_CACHE),
        ..opts.clone()
    };
    let copied = copy_and_compare(&view, &copy, &opts).and_then(|(entries, sum)| {
        // Read back from the disk, not from what sled still holds in memory.
        let again = digest_of(&copy, &opts)?;
        if again != (entries, sum) {
            return Err(refuse("the copy read back from disk differs".into()));
        }
        Ok((entries, sum))
    });
    let (entries, sum) = match copied {
        Ok(done) => done,
        Err(e) => {
            // The space a failed copy took (often what made it fail) is given back now.
            remove(&copy);
            return Err(match e {
                StoreError::NotCompacted { .. } => e,
                other => refuse(other.to_string()),
            });
        }
    };
    let mut stamp = entries.to_le_bytes().to_vec();
    stamp.extend_from_slice(&sum.to_le_bytes());
    if let Err(e) = journal::write_new_file(&marker, &stamp) {
        remove(&copy);
        return Err(refuse(format!("{}: {e}", marker.display())));
    }
    put_in_place(dir)?;
    drop(lock);
    if old.exists() {
        return Err(refuse(format!(
            "the compacted database is in place, but the old one could not be removed: {}",
            old.display()
        )));
    }
    Ok(Compacted {
        entries,
        bytes_before,
        bytes_after: disk_bytes(&view),
    })
}

fn paths(dir: &Path) -> (PathBuf, PathBuf, PathBuf, PathBuf) {
    (
        dir.join(SLED_DIR),
        dir.join(COPY_DIR),
        dir.join(OLD_DIR),
        dir.join(VERIFIED),
    )
}

fn sled_at(dir: &Path) -> impl Fn(sled::Error) -> StoreError + '_ {
    move |source| StoreError::Sled {
        dir: dir.to_path_buf(),
        source,
    }
}

/// Folds one entry into a running digest of a database.
fn fold(h: &mut std::hash::DefaultHasher, tree: &[u8], k: &[u8], v: &[u8]) {
    use std::hash::Hasher;
    for part in [tree, k, v] {
        h.write_usize(part.len());
        h.write(part);
    }
}

/// Copies every tree of `view` into a new database at `copy` in key order, then compares
/// the two entry by entry. Returns the number of entries and their digest.
fn copy_and_compare(view: &Path, copy: &Path, opts: &StoreOptions) -> Result<(u64, u64)> {
    use std::hash::Hasher;
    let from = open_sled(view, opts)?;
    let to = open_sled(copy, opts)?;
    for name in from.tree_names() {
        let src = from.open_tree(&name).map_err(sled_at(view))?;
        let dst = to.open_tree(&name).map_err(sled_at(copy))?;
        let mut batch = sled::Batch::default();
        let mut n = 0;
        for kv in src.iter() {
            let (k, v) = kv.map_err(sled_at(view))?;
            batch.insert(k, v);
            n += 1;
            if n % BATCH == 0 {
                dst.apply_batch(std::mem::take(&mut batch))
                    .map_err(sled_at(copy))?;
            }
            if n % FLUSH_EVERY == 0 {
                // What sled has not written yet stays in memory until it is.
                to.flush().map_err(sled_at(copy))?;
            }
        }
        dst.apply_batch(batch).map_err(sled_at(copy))?;
    }
    to.flush().map_err(sled_at(copy))?;
    let mut entries = 0u64;
    let mut h = std::hash::DefaultHasher::new();
    // In name order, as `digest_of` reads the copy back.
    let mut names = from.tree_names();
    names.sort();
    for name in names {
        let a = from.open_tree(&name).map_err(sled_at(view))?;
        let b = to.open_tree(&name).map_err(sled_at(copy))?;
        let mut right = b.iter();
        for x in a.iter() {
            let x = x.map_err(sled_at(view))?;
            let y = right.next().transpose().map_err(sled_at(copy))?;
            if y.as_ref() != Some(&x) {
                return Err(StoreError::NotCompacted {
                    reason: "the copy differs from the database".into(),
                });
            }
            fold(&mut h, &name, &x.0, &x.1);
            entries += 1;
        }
        if right.next().is_some() {
            return Err(StoreError::NotCompacted {
                reason: "the copy holds more than the database".into(),
            });
        }
    }
    Ok((entries, h.finish()))
}

/// The number of entries of the database at `dir` and their digest, as `copy_and_compare`
/// folds them.
fn digest_of(dir: &Path, opts: &StoreOptions) -> Result<(u64, u64)> {
    use std::hash::Hasher;
    let db = open_sled(dir, opts)?;
    let mut names = db.tree_names();
    names.sort();
    let mut entries = 0u64;
    let mut h = std::hash::DefaultHasher::new();
    for name in names {
        let t = db.open_tree(&name).map_err(sled_at(dir))?;
        for kv in t.iter() {
            let (k, v) = kv.map_err(sled_at(dir))?;
            fold(&mut h, &name, &k, &v);
            entries += 1;
        }
    }
    Ok((entries, h.finish()))
}

fn remove(dir: &PathBuf) {
    if let Err(e) = std::fs::remove_dir_all(dir) {
        tracing::warn!(error = %e, "could not remove a database left by a compaction");
    }
}

/// With the copy verified (`VERIFIED` written): the view is renamed aside, the copy put in
/// its place, the old view and the marker removed; each step is redone where a kill left it.
/// An old view that cannot be removed keeps the marker, so the next open tries again.
fn put_in_place(dir: &Path) -> Result<()> {
    let (view, copy, old, marker) = paths(dir);
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
        if !old.exists() {
            std::fs::remove_file(&marker).map_err(io_err(&marker))?;
            journal::sync_parent_dir(&marker);
        }
    }
    Ok(())
}

/// What the marker of a verified copy of the database at `dir` holds: its entry count and
/// digest (for tests that build an interrupted compaction by hand).
pub fn marker_for(dir: &Path) -> Result<Vec<u8>> {
    let opts = StoreOptions {
        cache_capacity: COPY_CACHE,
        ..StoreOptions::default()
    };
    let (entries, sum) = digest_of(dir, &opts)?;
    let mut out = entries.to_le_bytes().to_vec();
    out.extend_from_slice(&sum.to_le_bytes());
    Ok(out)
}

/// The copy's entry count and digest as its marker holds them, if it holds them.
fn marker_stamp(marker: &Path) -> Option<(u64, u64)> {
    let bytes = std::fs::read(marker).ok()?;
    let (a, b) = bytes.split_at_checked(8)?;
    Some((
        u64::from_le_bytes(a.try_into().ok()?),
        u64::from_le_bytes(b.try_into().ok()?),
    ))
}

/// Completes a compaction a kill interrupted after its copy was verified, or drops the copy
/// of one interrupted before (the caller holds the lock). A copy is put in the view's place
/// only when it still reads back as its marker says; the view is never removed otherwise.
pub(super) fn finish(dir: &Path) -> Result<()> {
    let (view, copy, old, marker) = paths(dir);
    if marker.exists() {
        let want = marker_stamp(&marker);
        let copy_good = !copy.exists()
            || want.is_some_and(|w| {
                let opts = StoreOptions {
                    cache_capacity: COPY_CACHE,
                    ..StoreOptions::default()
                };
                digest_of(&copy, &opts).is_ok_and(|got| got == w)
            });
        if want.is_some() && copy_good {
            tracing::warn!("completing a compaction that was interrupted");
            return put_in_place(dir);
        }
        tracing::warn!("a compaction marker without the copy it names; the database is kept");
        if copy.exists() {
            remove(&copy);
        }
        if !view.exists() && old.exists() {
            std::fs::rename(&old, &view).map_err(io_err(&old))?;
            journal::sync_parent_dir(&view);
        }
        std::fs::remove_file(&marker).map_err(io_err(&marker))?;
        return Ok(());
    }
    if copy.exists() {
        remove(&copy);
    }
    if old.exists() && !view.exists() {
        tracing::warn!("a database renamed aside by a compaction is put back");
        std::fs::rename(&old, &view).map_err(io_err(&old))?;
        journal::sync_parent_dir(&view);
    }
    Ok(())
}
