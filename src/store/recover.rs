//! The way back from damage: salvage (a new journal from every intact frame plus what the
//! view still holds) and rebuilding an unopenable or suspect view. Nothing is deleted:
//! the old journal and view are moved beside the new ones.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::journal::{self, HEADER_LEN, MAGIC, Tail};
use super::{
    Change, DESK_ID_FILE, JOURNAL_FILE, META_APPLIED, Op, Result, SLED_DIR, Store, StoreError,
    StoreOptions, codec, io_err, journal_whole, keys, lock_dir, move_aside, read_u64,
};

/// What `salvage` did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SalvageReport {
    /// Ops taken from intact journal frames.
    pub intact_ops: usize,
    /// Bytes of the old journal that were no intact frame (or frames of a batch left
    /// unfinished, or ops that could not be read).
    pub damaged_bytes: u64,
    /// Records put back as the view held them (their ops were damaged or missing).
    pub restored: usize,
    /// Records the intact frames made but the view no longer held, taken out again.
    pub forgotten: usize,
    /// Records of the old view that could not be read (left out).
    pub unreadable_view_records: usize,
    /// The old view could not be opened: only the intact frames were used.
    pub view_unreadable: bool,
    pub journal_aside: Option<PathBuf>,
    pub view_aside: Option<PathBuf>,
    /// Records in the salvaged store.
    pub records: usize,
}

/// Every committed op of `bytes` (a whole journal file, however damaged), read past
/// damage, with the offset just past each; and the number of bytes that held none.
fn intact_ops(bytes: &[u8]) -> (Vec<(Vec<u8>, u64)>, u64) {
    let mut ops = Vec::new();
    let mut lost = 0u64;
    let mut pos = if bytes.starts_with(MAGIC) {
        HEADER_LEN
    } else {
        0
    };
    while (pos as usize) < bytes.len() {
        let s = journal::scan_bytes(&bytes[pos as usize..], pos, 0, u64::MAX, true);
        let mut accounted = pos;
        for f in s.frames {
            if codec::decode::<Op>(&f.payload).is_ok() {
                ops.push((f.payload, f.end));
            } else {
                lost += f.end - f.start;
            }
            accounted = f.end;
        }
        lost += s.end.saturating_sub(accounted);
        match s.tail {
            Tail::Clean => break,
            Tail::Torn { at }
            | Tail::Damaged {
                at,
                intact_after: None,
            } => {
                lost += bytes.len() as u64 - at;
                break;
            }
            Tail::Damaged {
                at,
                intact_after: Some(next),
            } => {
                lost += next - at;
                pos = next;
            }
        }
    }
    (ops, lost)
}

/// What the old view holds: its applied offset and every record that can be read.
struct OldView {
    applied: u64,
    records: BTreeMap<Vec<u8>, Vec<u8>>,
    unreadable: usize,
}

fn read_old_view(sled_dir: &Path) -> Option<OldView> {
    if !sled_dir.exists() {
        return None;
    }
    let db = sled::Config::new().path(sled_dir).open().ok()?;
    let meta = db.open_tree("meta").ok()?;
    let records = db.open_tree("records").ok()?;
    let applied = read_u64(&meta, META_APPLIED).unwrap_or(HEADER_LEN);
    let mut out = BTreeMap::new();
    let mut unreadable = 0;
    for kv in records.iter() {
        let Ok((k, v)) = kv else {
            unreadable += 1;
            continue;
        };
        if readable(&k, &v) {
            out.insert(k.to_vec(), v.to_vec());
        } else {
            unreadable += 1;
        }
    }
    Some(OldView {
        applied,
        records: out,
        unreadable,
    })
}

/// Whether a stored record decodes as its kind: a flipped byte in the view is not copied
/// into the new journal.
fn readable(key: &[u8], value: &[u8]) -> bool {
    use crate::domain::card::{HistoryEntry, MergeMoves, MergeNote, UnmergeNote};
    use crate::domain::{Appeal, AppealMember, Consultation, Event, Person, Visit};
    fn ok<T: serde::de::DeserializeOwned>(v: &[u8]) -> bool {
        codec::decode::<T>(v).is_ok()
    }
    match key.first().copied() {
        Some(keys::KIND_EVENT) => ok::<Event>(value),
        Some(keys::KIND_PERSON) => ok::<Person>(value),
        Some(keys::KIND_VISIT) => ok::<Visit>(value),
        Some(keys::KIND_CONSULTATION) => ok::<Consultation>(value),
        Some(keys::KIND_APPEAL) => ok::<Appeal>(value),
        Some(keys::KIND_MEMBER) => ok::<AppealMember>(value),
        Some(keys::KIND_HISTORY) => ok::<HistoryEntry>(value),
        Some(keys::KIND_MERGE) => ok::<MergeNote>(value),
        Some(keys::KIND_UNDONE) => ok::<crate::domain::UndoneMove>(value),
        Some(keys::KIND_MERGE_MOVES) => ok::<MergeMoves>(value),
        Some(keys::KIND_UNMERGE) => ok::<UnmergeNote>(value),
        Some(keys::KIND_GONE) => key.len() == 17 && crate::domain::Id::from_bytes(value).is_some(),
        Some(keys::KIND_MOVES | keys::KIND_MERGE_LOG) => super::apply::readable(key, value),
        Some(keys::KIND_LINEAGE) => super::lineage::readable(key, value),
        Some(keys::KIND_SHOWN) => key.len() == 17 && ok::<super::merged::Note>(value),
        Some(keys::KIND_NAMED) => key.len() == 18 && crate::domain::Id::from_bytes(value).is_some(),
        _ => false,
    }
}

fn write_journal(path: &Path, payloads: &[&[u8]]) -> Result<()> {
    let mut bytes = MAGIC.to_vec();
    for p in payloads {
        bytes.extend_from_slice(&journal::encode_frame(p));
    }
    journal::write_new_file(path, &bytes).map_err(io_err(path))
}

/// Writes a new journal from every intact frame of the old one plus, for what is damaged
/// or missing, the records the view still holds; checks the result; then moves the old
/// journal and view aside (`journal.kzj.damaged-<time>`, `db.damaged-<time>`) and puts the
/// new ones in their place. Nothing the intact frames or the view held is lost.
pub fn salvage(dir: &Path, opts: &StoreOptions) -> Result<SalvageReport> {
    let lock = lock_dir(dir)?;
    finish_salvage(dir)?;
    let mut report = SalvageReport::default();
    let journal_path = dir.join(JOURNAL_FILE);
    let sled_dir = dir.join(SLED_DIR);
    let bytes = match std::fs::read(&journal_path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(io_err(&journal_path)(e)),
    };
    let (ops, lost) = intact_ops(&bytes);
    report.intact_ops = ops.len();
    report.damaged_bytes = lost;
    let old = read_old_view(&sled_dir);
    report.view_unreadable = old.is_none() && sled_dir.exists();
    let applied = old.as_ref().map_or(0, |o| o.applied);
    // Ops the view had applied come first, then what the view lacks is put back as it
    // held it, then the ops after (the view never saw them; they come last, as they did).
    let split = ops.partition_point(|(_, end)| *end <= applied);
    let (before, after) = ops.split_at(split);

    let work = journal::aside_path(&dir.join("salvage"), "work");
    std::fs::create_dir_all(&work).map_err(io_err(&work))?;
    if let Ok(desk) = std::fs::read(dir.join(DESK_ID_FILE)) {
        journal::write_new_file(&work.join(DESK_ID_FILE), &desk).map_err(io_err(&work))?;
    }
    let before: Vec<&[u8]> = before.iter().map(|(p, _)| p.as_slice()).collect();
    write_journal(&work.join(JOURNAL_FILE), &before)?;
    {
        let (store, _) = Store::open(&work, opts)?;
        if let Some(old) = &old {
            report.unreadable_view_records = old.unreadable;
            let mut changes = Vec::new();
            for kv in store.records.iter() {
                let (k, v) = kv.map_err(|e| store.sled_err(e))?;
                match old.records.get(k.as_ref()) {
                    Some(ov) if ov.as_slice() == v.as_ref() => {}
                    Some(_) => {}
                    None => {
                        changes.push(Change::Forget { key: k.to_vec() });
                        report.forgotten += 1;
                    }
                }
            }
            for (k, v) in &old.records {
                let same = store
                    .records
                    .get(k)
                    .map_err(|e| store.sled_err(e))?
                    .is_some_and(|cur| cur.as_ref() == v.as_slice());
                if !same {
                    changes.push(Change::Restore {
                        key: k.clone(),
                        value: v.clone(),
                    });
                    report.restored += 1;
                }
            }
            if !changes.is_empty() {
                let batches = changes.chunks(200).map(<[Change]>::to_vec).collect();
                store.commit_bulk("salvage", batches)?;
            }
        }
        store.flush()?;
    }
    if !after.is_empty() {
        let mut j = journal::Journal::open(&work.join(JOURNAL_FILE))?;
        let payloads: Vec<Vec<u8>> = after.iter().map(|(p, _)| p.clone()).collect();
        j.append_batch(&payloads)?;
    }
    {
        let (store, _) = Store::open(&work, opts)?;
        let check = store.verify()?;
        if !check.is_consistent() {
            return Err(StoreError::Damaged(super::Damage::Unreadable { at: 0 }));
        }
        let c = check.counts;
        report.records = c.events + c.persons + c.visits + c.consultations + c.appeals + c.members;
    }
    // From here on the new store is the one: a crash while it is put in place leaves a
    // marked work directory that the next open finishes (`finish_salvage`), never a data
    // directory without its journal, which would open as a new, empty store.
    let ready = work.join(SALVAGE_READY);
    journal::write_new_file(&ready, b"").map_err(io_err(&ready))?;
    (report.journal_aside, report.view_aside) = put_in_place(dir, &work)?;
    drop(lock);
    tracing::warn!(
        intact_ops = report.intact_ops,
        damaged_bytes = report.damaged_bytes,
        restored = report.restored,
        forgotten = report.forgotten,
        "salvaged the store"
    );
    Ok(report)
}

/// The prefix of a salvage's work directory in the data directory.
const SALVAGE_WORK: &str = "salvage.work-";
/// Written in a salvage's work directory once its new journal and view are checked: from
/// then on they replace the old ones, also after a crash.
const SALVAGE_READY: &str = "READY";

/// Moves the old journal and view aside and the new ones of `work` in their place, then
/// removes `work`. Each step can be repeated after a crash: what was already moved in is
/// no longer in `work`. Returns where the old journal and view went.
fn put_in_place(dir: &Path, work: &Path) -> Result<(Option<PathBuf>, Option<PathBuf>)> {
    let mut aside = [None, None];
    for (name, aside) in [JOURNAL_FILE, SLED_DIR].into_iter().zip(aside.iter_mut()) {
        let (new, old) = (work.join(name), dir.join(name));
        if new.exists() && old.exists() {
            *aside = Some(move_aside(&old, "damaged")?);
        }
    }
    for name in [JOURNAL_FILE, SLED_DIR] {
        let (new, old) = (work.join(name), dir.join(name));
        if new.exists() {
            std::fs::rename(&new, &old).map_err(io_err(&new))?;
        }
    }
    journal::sync_parent_dir(&dir.join(JOURNAL_FILE));
    let _ = std::fs::remove_dir_all(work);
    let [journal_aside, view_aside] = aside;
    Ok((journal_aside, view_aside))
}

/// Finishes a salvage that was cut short (a crash, a kill) after its new store was checked
/// and marked ready, so that the directory (locked by the caller) holds it whole. A work
/// directory not marked ready is left as it is: the old files are still in place.
pub(crate) fn finish_salvage(dir: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    let mut ready: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(SALVAGE_WORK))
        .map(|e| e.path())
        .filter(|p| p.join(SALVAGE_READY).exists())
        .collect();
    ready.sort();
    for work in ready {
        let (journal_aside, view_aside) = put_in_place(dir, &work)?;
        tracing::warn!(
            journal_aside = ?journal_aside,
            view_aside = ?view_aside,
            "finished a salvage that had been interrupted"
        );
    }
    Ok(())
}

/// Moves the view aside and rebuilds it from the journal, which must be whole (else
/// salvage is the way): for a view that cannot be opened or does not match the journal.
/// Returns where the old view went.
pub fn rebuild_view(dir: &Path) -> Result<Option<PathBuf>> {
    let lock = lock_dir(dir)?;
    journal_whole(&dir.join(JOURNAL_FILE))?;
    let sled_dir = dir.join(SLED_DIR);
    let aside = if sled_dir.exists() {
        Some(move_aside(&sled_dir, "before-rebuild")?)
    } else {
        None
    };
    drop(lock);
    Ok(aside)
}
