//! The only code that touches disk. The journal is the source of truth; sled is a
//! materialised view of it, rebuilt from the journal whenever it is behind or lost.

pub mod backup;
pub mod codec;
mod facts;
pub mod journal;
pub mod keys;
pub mod op;
pub mod recover;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, RwLock};

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};

use crate::domain::card::{
    AppealRow, AppealView, FollowUpRecord, FollowUpRow, HistoryEntry, MergeNote, PersonCard,
};
use crate::domain::draft::Draft;
use crate::domain::history::{self, Subject, Version};
pub use crate::domain::queue::{Arrival, PersonPick, QueueEntry};
use crate::domain::search::{Likeness, SearchIndex};
use crate::domain::{
    Appeal, AppealFields, AppealMember, Consultation, ConsultationFields, DeskId, Event,
    EventFields, Id, MemberStatus, Meta, Money, Person, PersonFields, TransitionError, Visit,
    VisitStatus,
};
pub use codec::CodecError;
use facts::{StoredConsultation, StoredPerson, StoredVisit};
pub use journal::JournalError;
use journal::{HEADER_LEN, Journal, Tail};
pub use op::{Change, Op};

pub const JOURNAL_FILE: &str = "journal.kzj";
pub const SLED_DIR: &str = "db";
pub const LOCK_FILE: &str = "kezek.lock";
pub const DESK_ID_FILE: &str = "desk-id";
pub const DRAFT_FILE: &str = "draft.kzd";

const META_APPLIED: &[u8] = b"applied";
const META_HLC: &[u8] = b"hlc";
const META_VIEW_VERSION: &[u8] = b"view-version";
/// Frames of a batch the view has not applied yet at `META_APPLIED` (a bulk load killed
/// while it was being applied; the batch itself is whole in the journal).
const META_BATCH_LEFT: &[u8] = b"batch-left";
/// The layout of the sled view. A view of another version is rebuilt from the journal at
/// open (the journal's format does not change with it).
/// 2: no plaintext name/document/phone index keys. 3: report facts. 4: facts without the
/// id and event their bucket gives, dates as day numbers. 5: per-person and queue buckets.
const VIEW_VERSION: u64 = 5;
/// Ops applied per sled transaction when replaying the journal or loading in bulk.
const REPLAY_GROUP: usize = 64;
/// Changes per sled transaction in a bulk load at most (an op can hold hundreds): sled keeps
/// a transaction's writes and the pages they split in memory until it commits.
const GROUP_CHANGES: usize = 512;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the data directory {dir} is in use by another kezek; close that one first \
         (only one kezek may open a store at a time)"
    )]
    Locked { dir: PathBuf },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error(
        "the database in {dir} failed ({source}); \
         `kezek check --rebuild` rebuilds it from the journal"
    )]
    Sled { dir: PathBuf, source: sled::Error },
    #[error("stored {what} cannot be read: {source}")]
    Codec {
        what: &'static str,
        source: CodecError,
    },
    #[error("no {what} with id {id}")]
    NotFound { what: &'static str, id: Id },
    #[error("{0}")]
    Transition(#[from] TransitionError),
    #[error("{path} does not hold a desk id; restore it from a backup or remove it")]
    DeskId { path: PathBuf },
    #[error(
        "not saved, nothing was written: the database could not be brought up to date with \
         the journal ({reason}); free some disk space, then close and restart kezek"
    )]
    ViewBehind { reason: String },
    #[error(
        "the store is damaged: {0}. Nothing more is written until it is salvaged: close kezek \
         and run `kezek check --salvage` (it keeps every old file beside the new ones)"
    )]
    Damaged(Damage),
    #[error(transparent)]
    Backup(#[from] backup::BackupError),
    #[error(
        "{dir} already holds records: a fill goes into a new store only (use another --data-dir)"
    )]
    NotNew { dir: PathBuf },
    #[error("this person is already a member of the appeal")]
    AlreadyMember,
    #[error("a person cannot be merged with itself")]
    SamePerson,
}

impl StoreError {
    /// The message id of this error as people at the desk should read it, in their
    /// language; `None` when only the detailed (English) text says what happened.
    pub fn msg_id(&self) -> Option<&'static str> {
        let full = |e: &std::io::Error| {
            e.kind() == std::io::ErrorKind::StorageFull || e.raw_os_error() == Some(28)
        };
        match self {
            StoreError::Io { source, .. }
            | StoreError::Journal(JournalError::Io { source, .. })
                if full(source) =>
            {
                Some("err-disk-full")
            }
            StoreError::ViewBehind { .. } => Some("err-view-behind"),
            StoreError::Damaged(_) => Some("err-store-damaged"),
            StoreError::AlreadyMember => Some("err-already-member"),
            StoreError::SamePerson => Some("err-same-person"),
            StoreError::NotFound { .. } => Some("err-not-found"),
            StoreError::Locked { .. } => Some("err-store-in-use"),
            _ => None,
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[derive(Clone, Debug)]
pub struct StoreOptions {
    pub cache_capacity: u64,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            cache_capacity: 32 * 1024 * 1024,
        }
    }
}

/// What `Store::open` had to do to bring the view up to date.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OpenReport {
    /// Journal ops applied to sled at open (sled was behind).
    pub replayed: usize,
    /// Bytes of a torn last journal record that were dropped.
    pub dropped_tail_bytes: u64,
    /// The view was rebuilt from the whole journal (an older layout, or unopenable).
    pub rebuilt: bool,
    /// Where an unopenable view was moved before it was rebuilt.
    pub view_moved_aside: Option<PathBuf>,
    /// The older layout's view, kept until the new one is complete.
    old_layout_aside: Option<PathBuf>,
}

/// What is wrong with a store that must not be written to until it is salvaged. Never
/// holds personal data (it is logged).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Damage {
    /// The view holds records, but the journal is gone or empty.
    JournalMissing,
    /// The journal is shorter than what the view has applied.
    JournalShorter { journal: u64, applied: u64 },
    /// The journal does not start with a kezek journal's header.
    BadHeader,
    /// Bytes at `at` are no frame; `intact_after`: intact frames follow them.
    Damaged { at: u64, intact_after: bool },
    /// A frame at `at` is intact but its op cannot be read.
    Unreadable { at: u64 },
}

impl Damage {
    fn from_tail(tail: Tail, end: u64, applied: u64) -> Damage {
        match tail {
            Tail::Damaged { at, intact_after } => Damage::Damaged {
                at,
                intact_after: intact_after.is_some(),
            },
            Tail::Torn { at } => Damage::Damaged {
                at,
                intact_after: false,
            },
            Tail::Clean => Damage::JournalShorter {
                journal: end,
                applied,
            },
        }
    }
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Damage::JournalMissing => write!(
                f,
                "the journal ({JOURNAL_FILE}) is missing or empty, but the database holds records"
            ),
            Damage::JournalShorter { journal, applied } => write!(
                f,
                "the journal has {journal} bytes, but the database holds records up to byte {applied}"
            ),
            Damage::BadHeader => write!(f, "{JOURNAL_FILE} is not a kezek journal"),
            Damage::Damaged { at, intact_after } => write!(
                f,
                "the journal is damaged at byte {at}{}",
                if *intact_after {
                    ", with intact records after it"
                } else {
                    ""
                }
            ),
            Damage::Unreadable { at } => {
                write!(f, "the journal's record at byte {at} cannot be read")
            }
        }
    }
}

/// An op with its place in the journal: the offset just past its frame, the clock after
/// it, and how many frames of its batch follow it.
struct Placed<'a> {
    op: &'a Op,
    end: u64,
    hlc: u64,
    batch_left: u32,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Counts {
    pub events: usize,
    pub persons: usize,
    pub visits: usize,
    pub consultations: usize,
    pub appeals: usize,
    pub members: usize,
}

/// Result of `Store::verify`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CheckReport {
    pub journal_ops: usize,
    pub journal_bytes: u64,
    pub counts: Counts,
    pub missing_index_keys: usize,
    pub stale_index_keys: usize,
    pub applied_offset: u64,
    /// What is wrong with the journal, if anything.
    pub damage: Option<Damage>,
    /// Intact frames whose op cannot be read.
    pub unreadable_ops: usize,
}

impl CheckReport {
    pub fn is_consistent(&self) -> bool {
        self.damage.is_none()
            && self.unreadable_ops == 0
            && self.missing_index_keys == 0
            && self.stale_index_keys == 0
            && self.applied_offset == self.journal_bytes
    }
}

type Clock = Box<dyn Fn() -> DateTime<Utc> + Send + Sync>;

struct Writer {
    /// `None` only while the store is damaged (the journal missing or foreign).
    journal: Option<Journal>,
    /// Set at open when the journal cannot be trusted: nothing is written.
    damage: Option<Damage>,
    hlc: u64,
    /// Set when an op reached the journal but not sled. Later ops must not be applied on
    /// top (sled's applied offset would skip the missing one), so writing stops until a
    /// restart replays the journal.
    view_behind: Option<String>,
}

pub struct Store {
    dir: PathBuf,
    db: sled::Db,
    records: sled::Tree,
    index: sled::Tree,
    meta: sled::Tree,
    writer: Mutex<Writer>,
    desk: DeskId,
    clock: Clock,
    /// The person search, built on first use and kept up to date by every commit.
    search: RwLock<Option<SearchIndex>>,
    /// Held while the store is open; `None` only inside `into_lock`.
    lock: Option<File>,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn decode<T: DeserializeOwned>(what: &'static str, bytes: &[u8]) -> Result<T> {
    codec::decode(bytes).map_err(|source| StoreError::Codec { what, source })
}

fn encode<T: serde::Serialize>(what: &'static str, value: &T) -> Result<Vec<u8>> {
    codec::encode(value).map_err(|source| StoreError::Codec { what, source })
}

fn read_u64(tree: &sled::Tree, key: &[u8]) -> Option<u64> {
    let v = tree.get(key).ok()??;
    Some(u64::from_be_bytes(v.as_ref().try_into().ok()?))
}

/// What applying one op did; refusals are logged after the transaction (no side effects
/// inside it, since sled may retry the closure).
#[derive(Default)]
struct Applied {
    refused_moves: usize,
}

impl Store {
    pub fn open(dir: &Path, opts: &StoreOptions) -> Result<(Store, OpenReport)> {
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        let lock = lock_dir(dir)?;
        recover::finish_salvage(dir)?;
        let desk = load_or_create_desk_id(dir)?;
        let mut report = OpenReport::default();
        let journal_path = dir.join(JOURNAL_FILE);
        let sled_dir = dir.join(SLED_DIR);
        let mut db = match open_sled(&sled_dir, opts) {
            Ok(db) => db,
            Err(StoreError::Sled { source, .. }) if unopenable(&source) => {
                // A view that cannot be opened (a snapshot cut short by a full disk,
                // garbage) is moved aside, never deleted, and rebuilt from the journal,
                // but only from a journal that is whole.
                tracing::warn!(error = %source, "the database cannot be opened");
                journal_whole(&journal_path)?;
                let aside = move_aside(&sled_dir, "unopenable")?;
                tracing::warn!(aside = %aside.display(), "database moved aside; rebuilding it from the journal");
                report.view_moved_aside = Some(aside);
                report.rebuilt = true;
                open_sled(&sled_dir, opts)?
            }
            Err(e) => return Err(e),
        };
        let meta = db.open_tree("meta").map_err(sled_at(&sled_dir))?;
        let applied = read_u64(&meta, META_APPLIED).unwrap_or(HEADER_LEN);
        let version = read_u64(&meta, META_VIEW_VERSION);
        drop(meta);
        if applied > HEADER_LEN && version != Some(VIEW_VERSION) {
            // An older layout: rebuilt from the journal, once it is known to be whole; the
            // old view stays beside until the new one is complete.
            journal_whole(&journal_path)?;
            tracing::info!("the database has an older layout; rebuilding it from the journal");
            drop(db);
            let aside = move_aside(&sled_dir, "old-layout")?;
            db = open_sled(&sled_dir, opts)?;
            report.rebuilt = true;
            report.old_layout_aside = Some(aside);
        }
        let tree = |name: &str| db.open_tree(name).map_err(sled_at(&sled_dir));
        let (records, index, meta) = (tree("records")?, tree("index")?, tree("meta")?);
        let applied = read_u64(&meta, META_APPLIED).unwrap_or(HEADER_LEN);
        // The journal: a missing, emptied or foreign one is never replaced by a new one
        // while the view holds records (that would hide their loss).
        let (journal, damage) = match Journal::open_existing(&journal_path) {
            Ok(Some(j)) if j.len() < applied => {
                let d = Damage::JournalShorter {
                    journal: j.len(),
                    applied,
                };
                (Some(j), Some(d))
            }
            Ok(Some(j)) => (Some(j), None),
            Ok(None) if applied > HEADER_LEN => (None, Some(Damage::JournalMissing)),
            Ok(None) => (Some(Journal::open(&journal_path)?), None),
            Err(JournalError::BadHeader { .. }) => (None, Some(Damage::BadHeader)),
            Err(e) => return Err(e.into()),
        };
        meta.insert(META_VIEW_VERSION, &VIEW_VERSION.to_be_bytes())
            .map_err(sled_at(&sled_dir))?;
        let store = Store {
            dir: dir.to_path_buf(),
            records,
            index,
            meta,
            db,
            writer: Mutex::new(Writer {
                journal,
                hlc: 0,
                view_behind: None,
                damage: damage.clone(),
            }),
            desk,
            clock: Box::new(Utc::now),
            search: RwLock::new(None),
            lock: Some(lock),
        };
        if let Some(d) = &damage {
            tracing::error!(damage = %d, "the store is damaged; nothing is written until it is salvaged");
        }
        {
            let mut w = store.writer();
            w.hlc = read_u64(&store.meta, META_HLC).unwrap_or(0);
            if w.damage.is_none() {
                store.catch_up_locked(&mut w, &mut report)?;
            }
        }
        if let Some(aside) = report.old_layout_aside.take() {
            // The new view is complete and the journal was whole: the old layout's copy
            // has nothing the journal does not.
            if let Err(e) = std::fs::remove_dir_all(&aside) {
                tracing::warn!(error = %e, "could not remove the old database layout");
            }
        }
        Ok((store, report))
    }

    /// Whether nothing was ever written here: no op in the journal, no record in the view
    /// (a store a demo fill may take the place of).
    pub fn is_new(&self) -> bool {
        let w = self.writer();
        w.damage.is_none()
            && w.journal.as_ref().is_some_and(Journal::is_empty)
            && self.records.is_empty()
    }

    /// Puts the store built in `staged` (a directory of its own with a journal and a view,
    /// closed) in the place of this new one, the directory locked throughout: a bulk fill
    /// too big for one journal batch becomes visible all at once or not at all. Each step
    /// leaves a store that opens whole: the journal is replaced first in one rename (the
    /// empty view is then replayed from it), then the empty view gives way to the staged one.
    pub fn adopt_staged(self, staged: &Path) -> Result<()> {
        if !self.is_new() {
            return Err(StoreError::NotNew {
                dir: self.dir.clone(),
            });
        }
        self.flush()?;
        let dir = self.dir.clone();
        // The view and its threads are closed here; only the lock is kept.
        let lock = self.into_lock();
        let journal_path = dir.join(JOURNAL_FILE);
        let sled_dir = dir.join(SLED_DIR);
        let from = staged.join(JOURNAL_FILE);
        // The journal being replaced holds its 8-byte header and nothing else (`is_new`).
        std::fs::rename(&from, &journal_path).map_err(io_err(&from))?;
        journal::sync_parent_dir(&journal_path);
        let empty_view = move_aside(&sled_dir, "before-fill")?;
        let from = staged.join(SLED_DIR);
        std::fs::rename(&from, &sled_dir).map_err(io_err(&from))?;
        journal::sync_parent_dir(&sled_dir);
        // Both held nothing: the empty view is derived from an empty journal, and what is
        // left of the staging directory is its lock and desk id.
        for leftover in [&empty_view, staged] {
            if let Err(e) = std::fs::remove_dir_all(leftover) {
                tracing::warn!(error = %e, "could not remove a directory left by a fill");
            }
        }
        drop(lock);
        Ok(())
    }

    /// Closes the view (sled's threads are joined as it drops) and keeps the lock.
    fn into_lock(mut self) -> Option<File> {
        let lock = self.lock.take();
        drop(self);
        lock
    }

    /// What is wrong with the store, if anything: while this is `Some`, nothing is written.
    pub fn damage(&self) -> Option<Damage> {
        self.writer().damage.clone()
    }

    /// Whether an op reached the journal but not the view (a full disk): the view is
    /// brought up to date before the next save, or that save is refused.
    pub fn view_behind(&self) -> bool {
        self.writer().view_behind.is_some()
    }

    /// Checks every frame's checksum of the journal up to its length now, through its own
    /// handle and without holding the writer (the app runs it on a thread after start;
    /// commands that write run it first). Damage found stops writing, as at open: it lies
    /// in what the view already holds, and salvage needs the view as it is.
    pub fn verify_journal(&self) -> Result<Option<Damage>> {
        let (path, len, applied) = {
            let w = self.writer();
            if let Some(d) = &w.damage {
                return Ok(Some(d.clone()));
            }
            let Some(j) = w.journal.as_ref() else {
                return Ok(None);
            };
            let applied = read_u64(&self.meta, META_APPLIED).unwrap_or(HEADER_LEN);
            (j.path().to_path_buf(), j.len(), applied)
        };
        let found = match journal::verify_file(&path, len) {
            Ok((_, Tail::Clean, _)) => None,
            Ok((_, tail, end)) => Some(Damage::from_tail(tail, end, applied)),
            Err(JournalError::BadHeader { .. }) => Some(Damage::BadHeader),
            Err(e) => return Err(e.into()),
        };
        if let Some(d) = &found {
            let mut w = self.writer();
            if w.damage.is_none() {
                tracing::error!(damage = %d, "the journal is damaged; nothing more is written until it is salvaged");
                w.damage = Some(d.clone());
            }
        }
        Ok(found)
    }

    /// The journal's path and its length now: what a background check or a backup may read
    /// (the journal only grows, so the bytes before this never change).
    pub fn journal_extent(&self) -> (PathBuf, u64) {
        let w = self.writer();
        let len = w.journal.as_ref().map_or(0, Journal::len);
        (self.dir.join(JOURNAL_FILE), len)
    }

    /// Applies journal ops that the view has not seen, from its applied offset. A torn tail
    /// is copied aside and cut; damage stops writing (`Writer::damage`).
    fn catch_up_locked(&self, w: &mut Writer, report: &mut OpenReport) -> Result<()> {
        let applied = read_u64(&self.meta, META_APPLIED).unwrap_or(HEADER_LEN);
        let pending = read_u64(&self.meta, META_BATCH_LEFT).unwrap_or(0) as u32;
        let Some(journal) = w.journal.as_mut() else {
            return Ok(());
        };
        let scan = journal.scan(applied, pending, applied)?;
        let mut hlc = w.hlc;
        let mut replayed = 0;
        let mut undecodable = None;
        for group in scan.frames.chunks(REPLAY_GROUP) {
            let mut ops = Vec::with_capacity(group.len());
            for frame in group {
                match codec::decode::<Op>(&frame.payload) {
                    Ok(op) => {
                        hlc = hlc.max(op.hlc);
                        ops.push((op, frame.end, hlc, frame.batch_left));
                    }
                    Err(e) => {
                        tracing::error!(error = %e, at = frame.start, "a journal op cannot be read");
                        undecodable = Some(frame.start);
                        break;
                    }
                }
            }
            let placed: Vec<Placed> = ops
                .iter()
                .map(|(op, end, hlc, left)| Placed {
                    op,
                    end: *end,
                    hlc: *hlc,
                    batch_left: *left,
                })
                .collect();
            if !placed.is_empty() {
                self.apply_all(&placed)?;
            }
            replayed += placed.len();
            w.hlc = hlc;
            if undecodable.is_some() {
                break;
            }
        }
        if let Some(at) = undecodable {
            w.damage = Some(Damage::Unreadable { at });
        } else {
            match scan.tail {
                Tail::Clean => {}
                Tail::Torn { at } => {
                    let aside = w
                        .journal
                        .as_mut()
                        .map(|j| j.cut_torn_tail(at))
                        .transpose()?;
                    tracing::warn!(
                        bytes = scan.file_len - at,
                        aside = ?aside,
                        "the journal ended in an unfinished write; it was cut after a copy was kept"
                    );
                    report.dropped_tail_bytes += scan.file_len - at;
                }
                Tail::Damaged { at, intact_after } => {
                    w.damage = Some(Damage::Damaged {
                        at,
                        intact_after: intact_after.is_some(),
                    });
                }
            }
        }
        if let Some(d) = &w.damage {
            tracing::error!(damage = %d, "the store is damaged; nothing is written until it is salvaged");
        }
        if replayed > 0 {
            tracing::info!(ops = replayed, "re-applied journal ops to the view");
            self.db.flush().map_err(|e| self.sled_err(e))?;
        }
        report.replayed += replayed;
        Ok(())
    }

    /// The writer, ready to append: refused while the store is damaged, and brought up to
    /// date first when an earlier op reached the journal but not the view.
    fn write_lock(&self) -> Result<MutexGuard<'_, Writer>> {
        let mut w = self.writer();
        if let Some(d) = &w.damage {
            return Err(StoreError::Damaged(d.clone()));
        }
        if w.view_behind.is_some() {
            let mut report = OpenReport::default();
            match self.catch_up_locked(&mut w, &mut report) {
                Ok(()) if w.damage.is_none() => {
                    tracing::info!(ops = report.replayed, "the view is up to date again");
                    w.view_behind = None;
                }
                Ok(()) => {
                    let d = w.damage.clone();
                    return Err(d.map_or(
                        StoreError::ViewBehind {
                            reason: String::new(),
                        },
                        StoreError::Damaged,
                    ));
                }
                Err(e) => {
                    let reason = match e {
                        StoreError::Sled { source, .. } => source.to_string(),
                        other => other.to_string(),
                    };
                    tracing::warn!(error = %reason, "the view is still behind the journal");
                    return Err(StoreError::ViewBehind { reason });
                }
            }
        }
        Ok(w)
    }

    /// Replaces the wall clock (tests, the demo generator).
    pub fn set_clock(&mut self, clock: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) {
        self.clock = Box::new(clock);
    }

    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    pub fn desk(&self) -> DeskId {
        self.desk
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn writer(&self) -> MutexGuard<'_, Writer> {
        // A panic while holding the lock cannot leave the journal half-appended (append is
        // all-or-truncate), so a poisoned lock is safe to keep using.
        self.writer.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn sled_err(&self, source: sled::Error) -> StoreError {
        StoreError::Sled {
            dir: self.dir.join(SLED_DIR),
            source,
        }
    }

    /// Throws the view away and folds the whole journal into it again. Only when the
    /// journal is whole and ends where the view does: the view is then a function of the
    /// journal, so nothing it holds is lost. Otherwise refused (salvage is the way).
    pub fn rebuild(&self) -> Result<usize> {
        let mut w = self.writer();
        if let Some(d) = &w.damage {
            return Err(StoreError::Damaged(d.clone()));
        }
        let (path, len) = (
            self.dir.join(JOURNAL_FILE),
            w.journal.as_ref().map_or(0, Journal::len),
        );
        let applied = read_u64(&self.meta, META_APPLIED).unwrap_or(HEADER_LEN);
        let (_, tail, end) = journal::verify_file(&path, len)?;
        if tail != Tail::Clean || end != applied {
            return Err(StoreError::Damaged(Damage::from_tail(tail, end, applied)));
        }
        for t in [&self.records, &self.index, &self.meta] {
            t.clear().map_err(|e| self.sled_err(e))?;
        }
        self.meta
            .insert(META_VIEW_VERSION, &VIEW_VERSION.to_be_bytes())
            .map_err(|e| self.sled_err(e))?;
        *self.search_write() = None;
        w.hlc = 0;
        let mut report = OpenReport::default();
        self.catch_up_locked(&mut w, &mut report)?;
        Ok(report.replayed)
    }

    /// Flushes sled (it also flushes by itself every second). Not needed for durability:
    /// the journal already holds every confirmed op.
    pub fn flush(&self) -> Result<()> {
        self.db.flush().map_err(|e| self.sled_err(e))?;
        Ok(())
    }

    /// Applies ops (each placed at its end offset in the journal) in one sled transaction:
    /// the same result as one at a time, but for bulk loads and replays a bucket of report
    /// facts that many of them touch is written once, not once per op.
    fn apply_all(&self, ops: &[Placed]) -> Result<()> {
        let result = (&self.records, &self.index, &self.meta).transaction(|(r, ix, m)| {
            let mut applied = Applied::default();
            for p in ops {
                for change in &p.op.changes {
                    apply_change(r, ix, change, &p.op.officer, &mut applied)?;
                }
            }
            if let Some(last) = ops.last() {
                m.insert(META_APPLIED, &last.end.to_be_bytes())?;
                m.insert(META_HLC, &last.hlc.to_be_bytes())?;
                m.insert(META_BATCH_LEFT, &u64::from(last.batch_left).to_be_bytes())?;
            }
            Ok(applied)
        });
        match result {
            Ok(applied) => {
                if applied.refused_moves > 0 {
                    tracing::warn!(
                        moves = applied.refused_moves,
                        "ops held queue moves not allowed from the visit's state; skipped"
                    );
                }
                Ok(())
            }
            Err(TransactionError::Abort(e)) => Err(e),
            Err(TransactionError::Storage(e)) => Err(self.sled_err(e)),
        }
    }

    /// Makes `changes` durable as one op and applies them. Returns once the journal record
    /// is synced to disk: the only point at which a save is confirmed. If the view then
    /// cannot be updated (a full disk), the save still stands; the view is brought up to
    /// date before the next one, which is refused (nothing written) until it can be.
    pub fn commit(&self, officer: &str, changes: Vec<Change>) -> Result<Op> {
        let mut w = self.write_lock()?;
        self.commit_locked(&mut w, officer, changes)
    }

    fn commit_locked(&self, w: &mut Writer, officer: &str, changes: Vec<Change>) -> Result<Op> {
        if let Some(d) = &w.damage {
            return Err(StoreError::Damaged(d.clone()));
        }
        if let Some(reason) = &w.view_behind {
            return Err(StoreError::ViewBehind {
                reason: reason.clone(),
            });
        }
        let now = self.now();
        let now_ms = now.timestamp_millis().max(0) as u64;
        let hlc = op::next_hlc(w.hlc, now_ms);
        let op = Op {
            id: self.new_id(now),
            desk: self.desk,
            hlc,
            officer: officer.to_string(),
            changes,
        };
        let bytes = encode("journal op", &op)?;
        let journal = w
            .journal
            .as_mut()
            .ok_or(StoreError::Damaged(Damage::JournalMissing))?;
        let end = journal.append(&bytes)?;
        w.hlc = hlc;
        let placed = Placed {
            op: &op,
            end,
            hlc,
            batch_left: 0,
        };
        match self.apply_all(&[placed]) {
            Ok(()) => self.index_persons(&op.changes),
            Err(e) => {
                tracing::error!(error = %e, "an op is in the journal but not in the view");
                w.view_behind = Some(e.to_string());
                *self.search_write() = None;
            }
        }
        Ok(op)
    }

    /// Makes many ops durable as one batch with one journal sync, then applies them: for
    /// bulk loads (the demo generator, imports), where one sync per record would take
    /// minutes. Each inner list is one op (split further where its encoding would pass the
    /// codec's limit). A crash at any point leaves all of it or none of it. Returns once all
    /// are synced; applied too unless the view could not be updated (then as `commit`).
    pub fn commit_bulk(&self, officer: &str, batches: Vec<Vec<Change>>) -> Result<usize> {
        let mut w = self.write_lock()?;
        let now = self.now();
        let now_ms = now.timestamp_millis().max(0) as u64;
        let mut ops = Vec::with_capacity(batches.len());
        let mut bytes = Vec::with_capacity(batches.len());
        let mut hlc = w.hlc;
        let mut queue: std::collections::VecDeque<Vec<Change>> = batches.into();
        while let Some(changes) = queue.pop_front() {
            let next = op::next_hlc(hlc, now_ms);
            let op = Op {
                id: self.new_id(now),
                desk: self.desk,
                hlc: next,
                officer: officer.to_string(),
                changes,
            };
            match codec::encode(&op) {
                Ok(b) => {
                    hlc = next;
                    bytes.push(b);
                    ops.push(op);
                }
                Err(_) if op.changes.len() > 1 => {
                    let mut first = op.changes;
                    let second = first.split_off(first.len() / 2);
                    queue.push_front(second);
                    queue.push_front(first);
                }
                Err(source) => {
                    return Err(StoreError::Codec {
                        what: "journal op",
                        source,
                    });
                }
            }
        }
        let journal = w
            .journal
            .as_mut()
            .ok_or(StoreError::Damaged(Damage::JournalMissing))?;
        let ends = journal.append_batch(&bytes)?;
        drop(bytes);
        w.hlc = hlc;
        let n = ops.len();
        let all: Vec<Placed> = ops
            .iter()
            .zip(ends)
            .enumerate()
            .map(|(i, (op, end))| Placed {
                op,
                end,
                hlc: op.hlc,
                batch_left: (n - 1 - i) as u32,
            })
            .collect();
        for group in bulk_groups(&all) {
            if let Err(e) = self.apply_all(group) {
                tracing::error!(error = %e, "a batch is in the journal but not wholly in the view");
                w.view_behind = Some(e.to_string());
                *self.search_write() = None;
                return Ok(n);
            }
            for p in group {
                self.index_persons(&p.op.changes);
            }
        }
        Ok(n)
    }

    fn new_id(&self, now: DateTime<Utc>) -> Id {
        Id::from_parts(now.timestamp_millis().max(0) as u64, rand::random::<u128>())
    }

    pub fn new_meta(&self) -> Meta {
        let now = self.now();
        Meta::new(self.new_id(now), self.desk, now)
    }

    // ---- commands -------------------------------------------------------------------

    pub fn create_event(&self, fields: EventFields, officer: &str) -> Result<Event> {
        let event = Event {
            meta: self.new_meta(),
            fields,
        };
        self.commit(officer, vec![Change::PutEvent(event.clone())])?;
        Ok(event)
    }

    /// Logs an arrival: creates the person if new and the visit with the next queue number
    /// of this desk for the event, in one durable op.
    pub fn add_arrival(&self, arrival: Arrival, officer: &str) -> Result<QueueEntry> {
        let mut w = self.write_lock()?;
        if self.event(arrival.event)?.is_none() {
            return Err(StoreError::NotFound {
                what: "event",
                id: arrival.event,
            });
        }
        let mut changes = Vec::with_capacity(2);
        let person = match arrival.person {
            PersonPick::Existing(id) => self
                .person(id)?
                .ok_or(StoreError::NotFound { what: "person", id })?,
            PersonPick::New(fields) => {
                let p = Person {
                    meta: self.new_meta(),
                    fields,
                };
                changes.push(Change::PutPerson(p.clone()));
                p
            }
        };
        let meta = self.new_meta();
        let visit = Visit {
            event: arrival.event,
            person: person.meta.id,
            queue_no: self.next_queue_no(arrival.event, self.desk)?,
            desk_name: arrival.desk_name,
            purpose: arrival.purpose,
            language: arrival.language,
            arrived: meta.created,
            status: VisitStatus::Waiting,
            history: Vec::new(),
            meta,
        };
        changes.push(Change::PutVisit(visit.clone()));
        self.commit_locked(&mut w, officer, changes)?;
        Ok(QueueEntry {
            visit,
            person: Some(person),
        })
    }

    /// Moves a visit through the queue. A move the visit's state does not allow is refused
    /// before anything is written.
    pub fn set_visit_status(&self, visit: Id, to: VisitStatus, officer: &str) -> Result<Visit> {
        let mut w = self.write_lock()?;
        let mut v = self.visit(visit)?.ok_or(StoreError::NotFound {
            what: "visit",
            id: visit,
        })?;
        let at = self.now();
        v.transition(to, at, officer)?;
        self.commit_locked(
            &mut w,
            officer,
            vec![Change::SetVisitStatus {
                visit,
                status: to,
                at,
            }],
        )?;
        self.visit(visit)?.ok_or(StoreError::NotFound {
            what: "visit",
            id: visit,
        })
    }

    // ---- reads ----------------------------------------------------------------------

    fn get<T: DeserializeOwned>(&self, what: &'static str, kind: u8, id: Id) -> Result<Option<T>> {
        match self
            .records
            .get(keys::record(kind, id))
            .map_err(|e| self.sled_err(e))?
        {
            Some(bytes) => decode(what, &bytes).map(Some),
            None => Ok(None),
        }
    }

    pub fn event(&self, id: Id) -> Result<Option<Event>> {
        self.get("event", keys::KIND_EVENT, id)
    }

    pub fn person(&self, id: Id) -> Result<Option<Person>> {
        self.get("person", keys::KIND_PERSON, id)
    }

    pub fn visit(&self, id: Id) -> Result<Option<Visit>> {
        self.get("visit", keys::KIND_VISIT, id)
    }

    fn scan<T: DeserializeOwned>(&self, what: &'static str, kind: u8) -> Result<Vec<T>> {
        self.records
            .scan_prefix([kind])
            .map(|kv| {
                let (_, v) = kv.map_err(|e| self.sled_err(e))?;
                decode(what, &v)
            })
            .collect()
    }

    /// Every event, the most recent date first.
    pub fn events(&self) -> Result<Vec<Event>> {
        let mut events: Vec<Event> = self.scan("event", keys::KIND_EVENT)?;
        events.sort_by_key(|e| std::cmp::Reverse((e.fields.date, e.meta.created)));
        Ok(events)
    }

    pub fn persons(&self) -> Result<Vec<Person>> {
        self.scan("person", keys::KIND_PERSON)
    }

    pub fn visits(&self) -> Result<Vec<Visit>> {
        self.scan("visit", keys::KIND_VISIT)
    }

    /// The queue of an event across desks, in order of arrival.
    pub fn queue(&self, event: Id) -> Result<Vec<QueueEntry>> {
        let mut out = Vec::new();
        for kv in self.index.scan_prefix(keys::queue_prefix(event)) {
            let (_, v) = kv.map_err(|e| self.sled_err(e))?;
            for id in keys::bucket_ids(&v, keys::QUEUE_MEMBER) {
                if let Some(visit) = self.visit(id)? {
                    let person = self.person(visit.person)?;
                    out.push(QueueEntry { visit, person });
                }
            }
        }
        out.sort_by(|a, b| {
            (a.visit.arrived, a.visit.queue_no).cmp(&(b.visit.arrived, b.visit.queue_no))
        });
        Ok(out)
    }

    pub fn next_queue_no(&self, event: Id, desk: DeskId) -> Result<u32> {
        let last = self
            .index
            .scan_prefix(keys::queue_desk_prefix(event, desk))
            .next_back()
            .transpose()
            .map_err(|e| self.sled_err(e))?;
        // The last bucket's last member has the highest number (members are sorted).
        let highest = last.and_then(|(_, v)| {
            v.chunks_exact(keys::QUEUE_MEMBER)
                .next_back()
                .and_then(keys::queue_no)
        });
        Ok(highest.map_or(1, |n| n + 1))
    }

    fn search_write(&self) -> std::sync::RwLockWriteGuard<'_, Option<SearchIndex>> {
        // The index is rebuilt from the records whenever in doubt, so a poisoned lock is
        // dropped and rebuilt rather than trusted.
        self.search.write().unwrap_or_else(|p| {
            let mut g = p.into_inner();
            *g = None;
            g
        })
    }

    /// Keeps a built search index in step with committed persons.
    fn index_persons(&self, changes: &[Change]) {
        if changes
            .iter()
            .any(|c| matches!(c, Change::Restore { .. } | Change::Forget { .. }))
        {
            // Salvaged records: the search is built again from the view when next used.
            *self.search_write() = None;
            return;
        }
        if !changes
            .iter()
            .any(|c| matches!(c, Change::PutPerson(_) | Change::MergePerson { .. }))
        {
            return;
        }
        let mut g = self.search_write();
        if let Some(ix) = g.as_mut() {
            for c in changes {
                match c {
                    Change::PutPerson(p) => ix.upsert(p),
                    Change::MergePerson { gone, .. } => ix.remove(*gone),
                    _ => {}
                }
            }
        }
    }

    /// Builds the person search from the persons tree if it is not built yet. Returns the
    /// number of persons indexed.
    pub fn warm_search(&self) -> Result<usize> {
        if let Some(ix) = self
            .search
            .read()
            .ok()
            .and_then(|g| g.as_ref().map(|i| i.len()))
        {
            return Ok(ix);
        }
        let ix = self.build_search_index()?;
        let n = ix.len();
        let mut g = self.search_write();
        if g.is_none() {
            *g = Some(ix);
        }
        Ok(n)
    }

    /// A new search index over the persons tree, read one record at a time.
    pub fn build_search_index(&self) -> Result<SearchIndex> {
        let mut ix = SearchIndex::new();
        for kv in self.records.scan_prefix([keys::KIND_PERSON]) {
            let (_, v) = kv.map_err(|e| self.sled_err(e))?;
            let p: Person = decode("person", &v)?;
            ix.add(&p);
        }
        ix.finish();
        Ok(ix)
    }

    fn with_search<R>(&self, f: impl FnOnce(&SearchIndex) -> R) -> Result<R> {
        loop {
            {
                let g = self.search.read().unwrap_or_else(|p| p.into_inner());
                if let Some(ix) = g.as_ref() {
                    return Ok(f(ix));
                }
            }
            self.warm_search()?;
        }
    }

    /// Persons matching `query` (names in any script and spelling, documents, phones),
    /// best first, with their scores.
    pub fn find_persons(&self, query: &str, limit: usize) -> Result<Vec<(Person, u32)>> {
        let hits = self.with_search(|ix| ix.search(query, limit))?;
        let mut out = Vec::with_capacity(hits.len());
        for h in hits {
            if let Some(p) = self.person(h.id)? {
                out.push((p, h.score));
            }
        }
        Ok(out)
    }

    /// Look-up used while a person's details are typed.
    pub fn suggest_persons(&self, query: &str, limit: usize) -> Result<Vec<Person>> {
        Ok(self
            .find_persons(query, limit)?
            .into_iter()
            .map(|(p, _)| p)
            .collect())
    }

    /// Persons who look like `fields` (same document, same phone, or same birth date and a
    /// similar name): shown before a new person is saved.
    pub fn look_alikes(
        &self,
        fields: &PersonFields,
        limit: usize,
    ) -> Result<Vec<(Person, Likeness)>> {
        let found = self.with_search(|ix| ix.look_alikes(fields, limit))?;
        let mut out = Vec::with_capacity(found.len());
        for (id, why) in found {
            if let Some(p) = self.person(id)? {
                out.push((p, why));
            }
        }
        Ok(out)
    }

    // ---- consultations and appeals ---------------------------------------------------

    /// Saves a new consultation for `visit`, or a new version of `existing` (the version it
    /// replaces is kept in history).
    pub fn save_consultation(
        &self,
        visit: Id,
        existing: Option<Id>,
        fields: ConsultationFields,
        officer: &str,
    ) -> Result<Consultation> {
        let mut w = self.write_lock()?;
        let c = match existing {
            Some(id) => {
                let mut c = self.consultation(id)?.ok_or(StoreError::NotFound {
                    what: "consultation",
                    id,
                })?;
                c.fields = ConsultationFields {
                    appeal: fields.appeal.or(c.fields.appeal),
                    ..fields
                };
                c.officer = officer.to_string();
                c.meta.touch(self.now());
                c
            }
            None => {
                let v = self.visit(visit)?.ok_or(StoreError::NotFound {
                    what: "visit",
                    id: visit,
                })?;
                Consultation {
                    meta: self.new_meta(),
                    visit,
                    person: v.person,
                    event: v.event,
                    officer: officer.to_string(),
                    fields,
                }
            }
        };
        self.commit_locked(&mut w, officer, vec![Change::PutConsultation(c.clone())])?;
        Ok(c)
    }

    /// Closes an open follow-up with its outcome, the amount recovered and the date.
    pub fn close_follow_up(
        &self,
        id: Id,
        outcome: &str,
        recovered: Option<Money>,
        on: chrono::NaiveDate,
        officer: &str,
    ) -> Result<()> {
        let mut w = self.write_lock()?;
        let now = self.now();
        let change = if let Some(mut c) = self.consultation(id)? {
            c.fields.outcome = outcome.to_string();
            if recovered.is_some() {
                c.fields.recovered = recovered;
            }
            c.fields.follow_up_closed = Some(on);
            c.officer = officer.to_string();
            c.meta.touch(now);
            Change::PutConsultation(c)
        } else if let Some(mut a) = self.appeal(id)? {
            a.fields.outcome = Some(outcome.to_string());
            a.fields.follow_up_closed = Some(on);
            a.officer = officer.to_string();
            a.meta.touch(now);
            Change::PutAppeal(a)
        } else {
            return Err(StoreError::NotFound {
                what: "follow-up",
                id,
            });
        };
        self.commit_locked(&mut w, officer, vec![change])?;
        Ok(())
    }

    /// Opens a collective appeal, from a consultation if given: the consultation is linked
    /// to it and its person becomes the first member, with the consultation's amounts.
    pub fn create_appeal(
        &self,
        fields: AppealFields,
        from: Option<Id>,
        officer: &str,
    ) -> Result<Appeal> {
        let mut w = self.write_lock()?;
        let appeal = Appeal {
            meta: self.new_meta(),
            officer: officer.to_string(),
            fields,
        };
        let mut changes = vec![Change::PutAppeal(appeal.clone())];
        if let Some(cid) = from {
            changes.extend(self.link_changes(cid, &appeal, officer)?);
        }
        self.commit_locked(&mut w, officer, changes)?;
        Ok(appeal)
    }

    /// Links a consultation to an existing appeal and adds its person as a member (once).
    pub fn join_appeal(&self, consultation: Id, appeal: Id, officer: &str) -> Result<()> {
        let mut w = self.write_lock()?;
        let a = self.appeal(appeal)?.ok_or(StoreError::NotFound {
            what: "appeal",
            id: appeal,
        })?;
        let changes = self.link_changes(consultation, &a, officer)?;
        self.commit_locked(&mut w, officer, changes)?;
        Ok(())
    }

    fn link_changes(&self, cid: Id, appeal: &Appeal, officer: &str) -> Result<Vec<Change>> {
        let mut c = self.consultation(cid)?.ok_or(StoreError::NotFound {
            what: "consultation",
            id: cid,
        })?;
        let mut changes = Vec::new();
        if c.fields.appeal != Some(appeal.meta.id) {
            c.fields.appeal = Some(appeal.meta.id);
            c.officer = officer.to_string();
            c.meta.touch(self.now());
            changes.push(Change::PutConsultation(c.clone()));
        }
        // Members only, without loading their persons: this runs under the writer lock.
        let mut already = false;
        for id in self.linked(keys::IX_MEMBER_BY_APPEAL, appeal.meta.id)? {
            if self.member(id)?.is_some_and(|m| m.person == c.person) {
                already = true;
                break;
            }
        }
        if !already {
            changes.push(Change::PutAppealMember(AppealMember {
                meta: self.new_meta(),
                officer: officer.to_string(),
                appeal: appeal.meta.id,
                person: c.person,
                claimed: c.fields.claimed,
                recovered: c.fields.recovered,
                status: MemberStatus::Active,
            }));
        }
        Ok(changes)
    }

    /// Adds a person to an appeal with their own amounts: an existing person, or a new
    /// one created in the same op. A person is a member at most once.
    pub fn add_member(
        &self,
        appeal: Id,
        person: PersonPick,
        claimed: Option<Money>,
        recovered: Option<Money>,
        officer: &str,
    ) -> Result<AppealMember> {
        let mut w = self.write_lock()?;
        if self.appeal(appeal)?.is_none() {
            return Err(StoreError::NotFound {
                what: "appeal",
                id: appeal,
            });
        }
        let mut changes = Vec::with_capacity(2);
        let person = match person {
            PersonPick::Existing(id) => {
                if self.person(id)?.is_none() {
                    return Err(StoreError::NotFound { what: "person", id });
                }
                for mid in self.linked(keys::IX_MEMBER_BY_APPEAL, appeal)? {
                    if self.member(mid)?.is_some_and(|m| m.person == id) {
                        return Err(StoreError::AlreadyMember);
                    }
                }
                id
            }
            PersonPick::New(fields) => {
                let p = Person {
                    meta: self.new_meta(),
                    fields,
                };
                let id = p.meta.id;
                changes.push(Change::PutPerson(p));
                id
            }
        };
        let status = if recovered.is_some_and(|r| r.minor > 0) {
            MemberStatus::Recovered
        } else {
            MemberStatus::Active
        };
        let m = AppealMember {
            meta: self.new_meta(),
            officer: officer.to_string(),
            appeal,
            person,
            claimed,
            recovered,
            status,
        };
        changes.push(Change::PutAppealMember(m.clone()));
        self.commit_locked(&mut w, officer, changes)?;
        Ok(m)
    }

    /// Merges the duplicate `gone` into `into`: every visit, consultation and appeal
    /// membership of `gone` moves to `into` (consultations and memberships as new versions,
    /// so the move is in their history), and `gone`'s record is kept in a merge note on
    /// `into`'s card. One op: all of it or nothing.
    pub fn merge_persons(&self, into: Id, gone: Id, officer: &str) -> Result<usize> {
        let mut w = self.write_lock()?;
        if into == gone {
            return Err(StoreError::SamePerson);
        }
        for id in [into, gone] {
            if self.person(id)?.is_none() {
                return Err(StoreError::NotFound { what: "person", id });
            }
        }
        let now = self.now();
        let mut changes = Vec::new();
        for id in self.linked(keys::IX_VISIT_BY_PERSON, gone)? {
            if let Some(mut v) = self.visit(id)? {
                v.person = into;
                v.meta.touch(now);
                changes.push(Change::PutVisit(v));
            }
        }
        for id in self.linked(keys::IX_CONS_BY_PERSON, gone)? {
            if let Some(mut c) = self.consultation(id)? {
                c.person = into;
                c.officer = officer.to_string();
                c.meta.touch(now);
                changes.push(Change::PutConsultation(c));
            }
        }
        // Appeals `into` is already in: the duplicate's membership there is the same claim
        // typed twice, so it moves as withdrawn and is not counted again.
        let mut in_appeals = HashSet::new();
        for id in self.linked(keys::IX_MEMBER_BY_PERSON, into)? {
            if let Some(m) = self.member(id)?
                && m.status != MemberStatus::Withdrawn
            {
                in_appeals.insert(m.appeal);
            }
        }
        for id in self.linked(keys::IX_MEMBER_BY_PERSON, gone)? {
            if let Some(mut m) = self.member(id)? {
                if in_appeals.contains(&m.appeal) {
                    m.status = MemberStatus::Withdrawn;
                }
                m.person = into;
                m.officer = officer.to_string();
                m.meta.touch(now);
                changes.push(Change::PutAppealMember(m));
            }
        }
        let moved = changes.len();
        changes.push(Change::MergePerson {
            into,
            gone,
            at: now,
        });
        self.commit_locked(&mut w, officer, changes)?;
        Ok(moved)
    }

    /// Saves changed appeal details as a new version (the old one goes to history). The
    /// outcome and closing date are set by closing the follow-up and are kept, unless the
    /// follow-up date changes, which reopens it.
    pub fn save_appeal(&self, id: Id, fields: AppealFields, officer: &str) -> Result<Appeal> {
        let mut w = self.write_lock()?;
        let mut a = self
            .appeal(id)?
            .ok_or(StoreError::NotFound { what: "appeal", id })?;
        let old = std::mem::take(&mut a.fields);
        a.fields = AppealFields {
            follow_up_closed: old
                .follow_up_closed
                .filter(|_| fields.follow_up == old.follow_up),
            outcome: old.outcome,
            ..fields
        };
        a.officer = officer.to_string();
        a.meta.touch(self.now());
        self.commit_locked(&mut w, officer, vec![Change::PutAppeal(a.clone())])?;
        Ok(a)
    }

    /// Saves a changed member (amounts, status) as a new version.
    pub fn update_member(&self, mut m: AppealMember, officer: &str) -> Result<AppealMember> {
        let mut w = self.write_lock()?;
        let current = self.member(m.meta.id)?.ok_or(StoreError::NotFound {
            what: "appeal member",
            id: m.meta.id,
        })?;
        m.meta = current.meta;
        m.meta.touch(self.now());
        m.officer = officer.to_string();
        self.commit_locked(&mut w, officer, vec![Change::PutAppealMember(m.clone())])?;
        Ok(m)
    }

    pub fn consultation(&self, id: Id) -> Result<Option<Consultation>> {
        self.get("consultation", keys::KIND_CONSULTATION, id)
    }

    pub fn appeal(&self, id: Id) -> Result<Option<Appeal>> {
        self.get("appeal", keys::KIND_APPEAL, id)
    }

    pub fn member(&self, id: Id) -> Result<Option<AppealMember>> {
        self.get("appeal member", keys::KIND_MEMBER, id)
    }

    pub fn consultations(&self) -> Result<Vec<Consultation>> {
        self.scan("consultation", keys::KIND_CONSULTATION)
    }

    pub fn appeals(&self) -> Result<Vec<Appeal>> {
        self.scan("appeal", keys::KIND_APPEAL)
    }

    /// Ids in a `[tag][a][b]` index for `a`, or in `a`'s bucket of the per-person
    /// indexes, in id order.
    fn linked(&self, tag: u8, a: Id) -> Result<Vec<Id>> {
        if keys::is_person_bucket(tag) {
            let bucket = self
                .index
                .get(keys::pair_prefix(tag, a))
                .map_err(|e| self.sled_err(e))?;
            return Ok(bucket.map_or_else(Vec::new, |b| {
                keys::bucket_ids(&b, keys::ID_MEMBER).collect()
            }));
        }
        self.index
            .scan_prefix(keys::pair_prefix(tag, a))
            .map(|kv| {
                let (k, _) = kv.map_err(|e| self.sled_err(e))?;
                Ok(keys::trailing_id(&k))
            })
            .filter_map(|r| r.transpose())
            .collect()
    }

    /// Consultations of a visit, oldest first.
    pub fn consultations_for_visit(&self, visit: Id) -> Result<Vec<Consultation>> {
        let ids = self.linked(keys::IX_CONS_BY_VISIT, visit)?;
        ids.into_iter()
            .filter_map(|id| self.consultation(id).transpose())
            .collect()
    }

    /// Every earlier version of a consultation, appeal or member, oldest first.
    pub fn history(&self, id: Id) -> Result<Vec<HistoryEntry>> {
        self.records
            .scan_prefix(keys::history_prefix(id))
            .map(|kv| {
                let (_, v) = kv.map_err(|e| self.sled_err(e))?;
                decode("history", &v)
            })
            .collect()
    }

    /// An appeal's members with their persons, in order of joining.
    pub fn members(&self, appeal: Id) -> Result<Vec<(AppealMember, Option<Person>)>> {
        let mut out = Vec::new();
        for id in self.linked(keys::IX_MEMBER_BY_APPEAL, appeal)? {
            if let Some(m) = self.member(id)? {
                let p = self.person(m.person)?;
                out.push((m, p));
            }
        }
        Ok(out)
    }

    /// Every record a report or an export may need, read in one pass per kind (visits and
    /// consultations, the big ones, on two threads).
    pub fn records(&self) -> Result<crate::domain::report::Records> {
        let (visits, consultations) = std::thread::scope(|s| {
            let v = s.spawn(|| self.visits());
            let c = self.consultations();
            let v = v.join().unwrap_or_else(|_| {
                Err(StoreError::Io {
                    path: self.dir.clone(),
                    source: std::io::Error::other("reading visits failed"),
                })
            });
            (v, c)
        });
        Ok(crate::domain::report::Records {
            events: self.events()?,
            persons: self.persons()?,
            visits: visits?,
            consultations: consultations?,
            appeals: self.appeals()?,
            members: self.scan("appeal member", keys::KIND_MEMBER)?,
        })
    }

    /// The figures of `period`, streamed from the store: records are decoded one at a time
    /// and folded into the tally (visits and consultations on two threads), never all held
    /// in memory.
    pub fn tally(
        &self,
        period: &crate::domain::report::Period,
        today: chrono::NaiveDate,
        offset_min: i32,
    ) -> Result<crate::domain::report::Tally> {
        use crate::domain::report::Counter;
        let events = self.events()?;
        let mut persons = rustc_hash::FxHashMap::default();
        for kv in self.index.scan_prefix([keys::IX_FACT_PERSON]) {
            let (_, v) = kv.map_err(|e| self.sled_err(e))?;
            let bucket: BTreeMap<Id, StoredPerson> = decode("person facts", &v)?;
            persons.extend(bucket.into_iter().map(|(id, p)| (id, p.facts(id))));
        }
        // Facts are keyed by event: a report of one event or a few reads only theirs.
        let prefixes = |tag: u8| -> Vec<Vec<u8>> {
            match period {
                crate::domain::report::Period::All => vec![vec![tag]],
                _ => events
                    .iter()
                    .filter(|e| period.has_event(e))
                    .map(|e| keys::pair_prefix(tag, e.meta.id))
                    .collect(),
            }
        };
        let stream = |tag: u8, what: &'static str, c: &mut Counter| -> Result<()> {
            for prefix in prefixes(tag) {
                for kv in self.index.scan_prefix(prefix) {
                    let (k, v) = kv.map_err(|e| self.sled_err(e))?;
                    let Some(event) = facts::bucket_event(&k) else {
                        continue;
                    };
                    if tag == keys::IX_FACT_VISIT {
                        let bucket: BTreeMap<Id, StoredVisit> = decode(what, &v)?;
                        bucket.values().for_each(|f| c.visit(&f.fact(event)));
                    } else {
                        let bucket: BTreeMap<Id, StoredConsultation> = decode(what, &v)?;
                        for (id, f) in bucket {
                            c.consultation(&f.fact(id, event));
                        }
                    }
                }
            }
            Ok(())
        };
        // Both counters number the store's persons alike, so their tallies merge as they are.
        let people = crate::domain::report::People::with(persons.keys().copied());
        let visits = std::thread::scope(|s| {
            let events = &events;
            let for_visits = people.clone();
            let h = s.spawn(move || {
                let mut c = Counter::new(events, persons, for_visits, period, today, offset_min);
                stream(keys::IX_FACT_VISIT, "visit facts", &mut c).map(|_| c.into_tally())
            });
            let mut c = Counter::new(
                events,
                rustc_hash::FxHashMap::default(),
                people,
                period,
                today,
                offset_min,
            );
            let cons = stream(keys::IX_FACT_CONSULTATION, "consultation facts", &mut c);
            let visits = h.join().unwrap_or_else(|_| {
                Err(StoreError::Io {
                    path: self.dir.clone(),
                    source: std::io::Error::other("reading visits failed"),
                })
            });
            cons.map(|_| c).and_then(|c| visits.map(|v| (v, c)))
        });
        let (visits, cons) = visits?;
        let members: Vec<AppealMember> = self.scan("appeal member", keys::KIND_MEMBER)?;
        Ok(visits.merge(cons.finish(&self.appeals()?, &members)))
    }

    /// Calls `f` with every record of one kind (`keys::KIND_*`), decoded one at a time: for
    /// exports that must not hold everything in memory.
    ///
    /// On the caller's thread. Reading ahead on a second thread made a CSV export of the
    /// 100,000-person store take 1.6 s instead of 2.5 s, but sled's pages were then made on
    /// one thread and let go on the other, and glibc's per-thread arenas kept 70 MB more in
    /// about one run of six (200 MB instead of 130); on one thread it is 120 MB every time.
    pub fn for_each<T, E>(
        &self,
        kind: u8,
        what: &'static str,
        mut f: impl FnMut(T) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E>
    where
        T: DeserializeOwned,
        E: From<StoreError>,
    {
        for kv in self.records.scan_prefix([kind]) {
            let (_, v) = kv.map_err(|e| self.sled_err(e))?;
            f(decode(what, &v)?)?;
        }
        Ok(())
    }

    /// Every appeal with its number of persons, the most recently opened first.
    pub fn appeal_rows(&self) -> Result<Vec<AppealRow>> {
        let mut rows = Vec::new();
        for appeal in self.appeals()? {
            let mut persons = HashSet::new();
            for id in self.linked(keys::IX_MEMBER_BY_APPEAL, appeal.meta.id)? {
                if let Some(m) = self.member(id)?
                    && m.status != MemberStatus::Withdrawn
                {
                    persons.insert(m.person);
                }
            }
            rows.push(AppealRow {
                appeal,
                persons: persons.len(),
            });
        }
        rows.sort_by_key(|r| std::cmp::Reverse(r.appeal.meta.created));
        Ok(rows)
    }

    /// An appeal, its members with their persons, and its timeline (the appeal's versions
    /// and its members' versions), newest first.
    pub fn appeal_view(&self, id: Id) -> Result<AppealView> {
        let appeal = self
            .appeal(id)?
            .ok_or(StoreError::NotFound { what: "appeal", id })?;
        let members = self.members(id)?;
        let mut parts = vec![self.versions(Subject::Appeal, HistoryEntry::Appeal(appeal.clone()))?];
        for (m, p) in &members {
            let name = p.as_ref().map(|p| p.fields.full_name()).unwrap_or_default();
            parts.push(self.versions(Subject::Member(name), HistoryEntry::Member(m.clone()))?);
        }
        Ok(AppealView {
            appeal,
            members,
            timeline: history::timeline(parts),
        })
    }

    /// A consultation's or an appeal's timeline, newest first (an appeal's includes its
    /// members' versions).
    pub fn timeline(&self, id: Id) -> Result<Vec<Version>> {
        if let Some(c) = self.consultation(id)? {
            let v = self.versions(Subject::Consultation, HistoryEntry::Consultation(c))?;
            return Ok(history::timeline([v]));
        }
        Ok(self.appeal_view(id)?.timeline)
    }

    fn versions(&self, subject: Subject, current: HistoryEntry) -> Result<Vec<Version>> {
        let id = match &current {
            HistoryEntry::Consultation(c) => c.meta.id,
            HistoryEntry::Appeal(a) => a.meta.id,
            HistoryEntry::Member(m) => m.meta.id,
        };
        let mut chain = self.history(id)?;
        chain.push(current);
        Ok(history::versions(subject, &chain))
    }

    /// Every open follow-up in due-date order, read from the follow-up index.
    pub fn open_follow_ups(&self) -> Result<Vec<FollowUpRow>> {
        Ok(self
            .follow_ups_page(usize::MAX, chrono::NaiveDate::MIN)?
            .rows)
    }

    /// The first `limit` open follow-ups, with the total and the overdue count (from the
    /// index keys alone, so a long list costs little until it is scrolled).
    pub fn follow_ups_page(
        &self,
        limit: usize,
        today: chrono::NaiveDate,
    ) -> Result<crate::domain::card::FollowUpPage> {
        let mut page = crate::domain::card::FollowUpPage::default();
        let today_key = keys::follow_up(today, 0, Id(0));
        let mut wanted = Vec::new();
        for kv in self.index.scan_prefix([keys::IX_FOLLOW_UP]) {
            let (k, _) = kv.map_err(|e| self.sled_err(e))?;
            page.total += 1;
            if k.as_ref() < today_key.as_slice() {
                page.overdue += 1;
            }
            if wanted.len() < limit {
                wanted.push(k);
            }
        }
        page.rows = self.follow_up_rows(wanted)?;
        Ok(page)
    }

    fn follow_up_rows(&self, index_keys: Vec<sled::IVec>) -> Result<Vec<FollowUpRow>> {
        let mut out = Vec::new();
        for k in index_keys {
            let Some(id) = keys::trailing_id(&k) else {
                continue;
            };
            let kind = k.get(5).copied();
            if kind == Some(keys::FOLLOW_UP_CONSULTATION) {
                if let Some(c) = self.consultation(id)? {
                    let person = self.person(c.person)?;
                    out.push(FollowUpRow {
                        record: FollowUpRecord::Consultation(c),
                        person,
                    });
                }
            } else if let Some(a) = self.appeal(id)? {
                out.push(FollowUpRow {
                    record: FollowUpRecord::Appeal(a),
                    person: None,
                });
            }
        }
        Ok(out)
    }

    /// Everything about one person, newest first.
    pub fn person_card(&self, person: Id) -> Result<PersonCard> {
        let p = self.person(person)?.ok_or(StoreError::NotFound {
            what: "person",
            id: person,
        })?;
        let mut visits = Vec::new();
        for id in self.linked(keys::IX_VISIT_BY_PERSON, person)? {
            if let Some(v) = self.visit(id)? {
                let e = self.event(v.event)?;
                visits.push((v, e));
            }
        }
        visits.sort_by_key(|(v, _)| std::cmp::Reverse(v.arrived));
        let mut consultations = Vec::new();
        for id in self.linked(keys::IX_CONS_BY_PERSON, person)? {
            consultations.extend(self.consultation(id)?);
        }
        consultations.sort_by_key(|c| std::cmp::Reverse(c.meta.created));
        let mut memberships = Vec::new();
        for id in self.linked(keys::IX_MEMBER_BY_PERSON, person)? {
            if let Some(m) = self.member(id)? {
                let a = self.appeal(m.appeal)?;
                memberships.push((m, a));
            }
        }
        memberships.sort_by_key(|(m, _)| std::cmp::Reverse(m.meta.created));
        let merged = self
            .records
            .scan_prefix(keys::pair_prefix(keys::KIND_MERGE, person))
            .map(|kv| {
                let (_, v) = kv.map_err(|e| self.sled_err(e))?;
                decode("merge note", &v)
            })
            .collect::<Result<Vec<MergeNote>>>()?;
        Ok(PersonCard {
            person: p,
            visits,
            consultations,
            memberships,
            merged,
        })
    }

    // ---- drafts ---------------------------------------------------------------------

    /// Replaces the draft file atomically (temp file, fsync, rename): a crash leaves either
    /// the old draft or the new one, never a torn one.
    pub fn save_draft(&self, draft: &Draft) -> Result<()> {
        Store::save_draft_in(&self.dir, draft)
    }

    /// `save_draft` for the store in `dir` while it is closed (salvage from the app): the
    /// draft is a file of its own, not in the journal or the view.
    pub fn save_draft_in(dir: &Path, draft: &Draft) -> Result<()> {
        let path = dir.join(DRAFT_FILE);
        let tmp = dir.join(format!("{DRAFT_FILE}.tmp"));
        let bytes = encode("draft", draft)?;
        let mut f = File::create(&tmp).map_err(io_err(&tmp))?;
        f.write_all(&bytes).map_err(io_err(&tmp))?;
        f.sync_data().map_err(io_err(&tmp))?;
        std::fs::rename(&tmp, &path).map_err(io_err(&path))?;
        journal::sync_parent_dir(&path);
        Ok(())
    }

    /// The saved draft, if any. An unreadable one is moved aside (and logged), not fatal.
    pub fn load_draft(&self) -> Result<Option<Draft>> {
        let path = self.dir.join(DRAFT_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_err(&path)(e)),
        };
        match codec::decode::<Draft>(&bytes) {
            Ok(d) => Ok(Some(d)),
            Err(e) => {
                tracing::warn!(error = %e, "draft file unreadable; moved to draft.kzd.bad");
                let _ = std::fs::rename(&path, self.dir.join(format!("{DRAFT_FILE}.bad")));
                Ok(None)
            }
        }
    }

    pub fn clear_draft(&self) -> Result<()> {
        let path = self.dir.join(DRAFT_FILE);
        match std::fs::remove_file(&path) {
            Ok(()) => {
                journal::sync_parent_dir(&path);
                Ok(())
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_err(&path)(e)),
        }
    }

    pub fn counts(&self) -> Counts {
        let n = |kind: u8| self.records.scan_prefix([kind]).count();
        Counts {
            events: n(keys::KIND_EVENT),
            persons: n(keys::KIND_PERSON),
            visits: n(keys::KIND_VISIT),
            consultations: n(keys::KIND_CONSULTATION),
            appeals: n(keys::KIND_APPEAL),
            members: n(keys::KIND_MEMBER),
        }
    }

    /// Checks the journal end to end and that the index matches the records exactly.
    pub fn verify(&self) -> Result<CheckReport> {
        let mut report = CheckReport {
            applied_offset: read_u64(&self.meta, META_APPLIED).unwrap_or(HEADER_LEN),
            ..CheckReport::default()
        };
        {
            let mut w = self.writer();
            report.damage = w.damage.clone();
            if let Some(j) = w.journal.as_mut() {
                let scan = j.scan(HEADER_LEN, 0, report.applied_offset)?;
                report.unreadable_ops = scan
                    .frames
                    .iter()
                    .filter(|f| codec::decode::<Op>(&f.payload).is_err())
                    .count();
                report.journal_ops = scan.frames.len();
                report.journal_bytes = scan.file_len;
                if scan.tail != Tail::Clean {
                    report.damage = report.damage.or(Some(Damage::from_tail(
                        scan.tail,
                        scan.end,
                        report.applied_offset,
                    )));
                }
            }
        }
        report.counts = self.counts();
        // Keys and values: a report fact with a stale value would give wrong figures.
        let mut expected = BTreeSet::new();
        let mut buckets: BTreeMap<Vec<u8>, BTreeSet<Vec<u8>>> = BTreeMap::new();
        let mut persons: BTreeMap<Vec<u8>, BTreeMap<Id, StoredPerson>> = BTreeMap::new();
        for p in self.persons()? {
            let key = keys::fact_bucket(keys::IX_FACT_PERSON, None, p.meta.id);
            persons
                .entry(key)
                .or_default()
                .insert(p.meta.id, StoredPerson::of(&p));
        }
        let mut visits: BTreeMap<Vec<u8>, BTreeMap<Id, StoredVisit>> = BTreeMap::new();
        for v in self.visits()? {
            expect(&mut expected, &mut buckets, keys::visit_index(&v));
            let key = keys::fact_bucket(keys::IX_FACT_VISIT, Some(v.event), v.meta.id);
            visits
                .entry(key)
                .or_default()
                .insert(v.meta.id, StoredVisit::of(&v));
        }
        let mut cons: BTreeMap<Vec<u8>, BTreeMap<Id, StoredConsultation>> = BTreeMap::new();
        for c in self.consultations()? {
            expect(&mut expected, &mut buckets, keys::consultation_index(&c));
            let key = keys::fact_bucket(keys::IX_FACT_CONSULTATION, Some(c.event), c.meta.id);
            cons.entry(key)
                .or_default()
                .insert(c.meta.id, StoredConsultation::of(&c));
        }
        for (k, b) in persons {
            expected.insert((k, encode("report facts", &b)?));
        }
        for (k, b) in visits {
            expected.insert((k, encode("report facts", &b)?));
        }
        for (k, b) in cons {
            expected.insert((k, encode("report facts", &b)?));
        }
        for a in self.appeals()? {
            expect(&mut expected, &mut buckets, keys::appeal_index(&a));
        }
        for m in self.scan::<AppealMember>("appeal member", keys::KIND_MEMBER)? {
            expect(&mut expected, &mut buckets, keys::member_index(&m));
        }
        for (k, members) in buckets {
            expected.insert((k, members.into_iter().flatten().collect()));
        }
        let mut actual = BTreeSet::new();
        for kv in self.index.iter() {
            let (k, v) = kv.map_err(|e| self.sled_err(e))?;
            actual.insert((k.to_vec(), v.to_vec()));
        }
        report.missing_index_keys = expected.difference(&actual).count();
        report.stale_index_keys = actual.difference(&expected).count();
        Ok(report)
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        if let Err(e) = self.db.flush() {
            tracing::warn!(error = %e, "could not flush the view on close; the journal has everything");
        }
    }
}

type TxResult<T> = std::result::Result<T, ConflictableTransactionError<StoreError>>;

fn abort(e: StoreError) -> ConflictableTransactionError<StoreError> {
    ConflictableTransactionError::Abort(e)
}

fn tx_get<T: DeserializeOwned>(
    r: &TransactionalTree,
    what: &'static str,
    key: &[u8],
) -> TxResult<Option<T>> {
    match r.get(key)? {
        Some(bytes) => decode(what, &bytes).map(Some).map_err(abort),
        None => Ok(None),
    }
}

/// Replaces a record's index entries. Entries in both stay untouched: a bucket is read and
/// rewritten only when the record joins or leaves it.
/// Consecutive ops in groups of at most `REPLAY_GROUP` ops and, past the first op of a
/// group, `GROUP_CHANGES` changes.
fn bulk_groups<'a, 'o>(all: &'a [Placed<'o>]) -> Vec<&'a [Placed<'o>]> {
    let mut groups = Vec::new();
    let (mut start, mut changes) = (0, 0);
    for (i, p) in all.iter().enumerate() {
        let op = p.op;
        if i > start && (i - start == REPLAY_GROUP || changes + op.changes.len() > GROUP_CHANGES) {
            groups.push(&all[start..i]);
            (start, changes) = (i, 0);
        }
        changes += op.changes.len();
    }
    if start < all.len() {
        groups.push(&all[start..]);
    }
    groups
}

/// Adds a record's index entries to what `verify` expects: keys as they are, bucket members
/// gathered per bucket (in order, as a bucket holds them).
fn expect(
    plain: &mut BTreeSet<(Vec<u8>, Vec<u8>)>,
    buckets: &mut BTreeMap<Vec<u8>, BTreeSet<Vec<u8>>>,
    entries: keys::IndexEntries,
) {
    for e in entries {
        match e {
            keys::Entry::Key(k, v) => {
                plain.insert((k, v));
            }
            keys::Entry::Member(b, m) => {
                buckets.entry(b).or_default().insert(m);
            }
        }
    }
}

fn replace_index(
    ix: &TransactionalTree,
    old: keys::IndexEntries,
    new: keys::IndexEntries,
) -> TxResult<()> {
    use keys::Entry;
    for e in &old {
        if new.contains(e) {
            continue;
        }
        match e {
            Entry::Key(k, _) => {
                if !new
                    .iter()
                    .any(|n| matches!(n, Entry::Key(k2, _) if k2 == k))
                {
                    ix.remove(k.as_slice())?;
                }
            }
            Entry::Member(b, m) => {
                if let Some(v) = ix.get(b.as_slice())? {
                    match keys::without_member(&v, m) {
                        Some(rest) => ix.insert(b.as_slice(), rest)?,
                        None => ix.remove(b.as_slice())?,
                    };
                }
            }
        }
    }
    for e in new {
        if old.contains(&e) {
            continue;
        }
        match e {
            Entry::Key(k, v) => {
                ix.insert(k, v)?;
            }
            Entry::Member(b, m) => {
                let v = ix.get(b.as_slice())?;
                ix.insert(b, keys::with_member(v.as_deref(), &m))?;
            }
        }
    }
    Ok(())
}

/// Folds one change into the view. Deterministic: the same ops in any order of arrival give
/// the same state (newer revisions win; queue moves apply only where allowed).
fn apply_change(
    r: &TransactionalTree,
    ix: &TransactionalTree,
    change: &Change,
    officer: &str,
    applied: &mut Applied,
) -> TxResult<()> {
    match change {
        Change::Restore { key, value } => restore_raw(r, ix, key, Some(value))?,
        Change::Forget { key } => restore_raw(r, ix, key, None)?,
        Change::PutEvent(e) => put_record(
            r,
            ix,
            Put {
                kind: keys::KIND_EVENT,
                what: "event",
                meta: |e: &Event| &e.meta,
                index: |_| Vec::new(),
                history: None,
                fact: None,
            },
            e,
        )?,
        Change::PutPerson(p) => put_record(
            r,
            ix,
            Put {
                kind: keys::KIND_PERSON,
                what: "person",
                meta: |p: &Person| &p.meta,
                index: |_| Vec::new(),
                history: None,
                fact: Some(person_fact),
            },
            p,
        )?,
        Change::PutVisit(v) => put_record(
            r,
            ix,
            Put {
                kind: keys::KIND_VISIT,
                what: "visit",
                meta: |v: &Visit| &v.meta,
                index: keys::visit_index,
                history: None,
                fact: Some(visit_fact),
            },
            v,
        )?,
        Change::SetVisitStatus { visit, status, at } => {
            let key = keys::record(keys::KIND_VISIT, *visit);
            let Some(mut v): Option<Visit> = tx_get(r, "visit", &key)? else {
                applied.refused_moves += 1;
                return Ok(());
            };
            if v.transition(*status, *at, officer).is_err() {
                applied.refused_moves += 1;
                return Ok(());
            }
            r.insert(&key, encode("visit", &v).map_err(abort)?)?;
            visit_fact(ix, &v)?;
        }
        Change::PutConsultation(c) => put_record(
            r,
            ix,
            Put {
                kind: keys::KIND_CONSULTATION,
                what: "consultation",
                meta: |c: &Consultation| &c.meta,
                index: keys::consultation_index,
                history: Some(HistoryEntry::Consultation),
                fact: Some(consultation_fact),
            },
            c,
        )?,
        Change::PutAppeal(a) => put_record(
            r,
            ix,
            Put {
                kind: keys::KIND_APPEAL,
                what: "appeal",
                meta: |a: &Appeal| &a.meta,
                index: keys::appeal_index,
                history: Some(HistoryEntry::Appeal),
                fact: None,
            },
            a,
        )?,
        Change::PutAppealMember(m) => put_record(
            r,
            ix,
            Put {
                kind: keys::KIND_MEMBER,
                what: "appeal member",
                meta: |m: &AppealMember| &m.meta,
                index: keys::member_index,
                history: Some(HistoryEntry::Member),
                fact: None,
            },
            m,
        )?,
        Change::MergePerson { into, gone, at } => {
            let key = keys::record(keys::KIND_PERSON, *gone);
            // Already merged (replayed twice): nothing left to do.
            if let Some(p) = tx_get::<Person>(r, "person", &key)? {
                let note = MergeNote {
                    into: *into,
                    gone: p,
                    at: *at,
                    officer: officer.to_string(),
                };
                r.insert(
                    keys::pair(keys::KIND_MERGE, *into, *gone),
                    encode("merge note", &note).map_err(abort)?,
                )?;
                r.remove(&key)?;
                upsert_fact::<StoredPerson>(
                    ix,
                    keys::fact_bucket(keys::IX_FACT_PERSON, None, *gone),
                    *gone,
                    None,
                )?;
            }
        }
    }
    Ok(())
}

/// Puts (or removes) a record of the records tree as raw stored bytes, with its index
/// entries and report facts: salvage makes the view hold exactly what it held before.
fn restore_raw(
    r: &TransactionalTree,
    ix: &TransactionalTree,
    key: &[u8],
    value: Option<&Vec<u8>>,
) -> TxResult<()> {
    let old = r.get(key)?;
    let id = key
        .get(1..17)
        .and_then(Id::from_bytes)
        .filter(|_| key.len() == 17);
    fn both<T: DeserializeOwned>(
        what: &'static str,
        old: Option<&[u8]>,
        new: Option<&[u8]>,
    ) -> TxResult<(Option<T>, Option<T>)> {
        let old = old.map(|b| decode(what, b)).transpose().map_err(abort)?;
        let new = new.map(|b| decode(what, b)).transpose().map_err(abort)?;
        Ok((old, new))
    }
    let (old_b, new_b) = (old.as_deref(), value.map(Vec::as_slice));
    match (key.first().copied(), id) {
        (Some(keys::KIND_PERSON), Some(id)) => {
            let (_, new) = both::<Person>("person", old_b, new_b)?;
            let fact_key = keys::fact_bucket(keys::IX_FACT_PERSON, None, id);
            upsert_fact(ix, fact_key, id, new.as_ref().map(StoredPerson::of))?;
        }
        (Some(keys::KIND_VISIT), Some(id)) => {
            let (old, new) = both::<Visit>("visit", old_b, new_b)?;
            let ix_of = |v: &Option<Visit>| v.as_ref().map(keys::visit_index).unwrap_or_default();
            replace_index(ix, ix_of(&old), ix_of(&new))?;
            if let Some(o) = &old {
                let k = keys::fact_bucket(keys::IX_FACT_VISIT, Some(o.event), id);
                upsert_fact::<StoredVisit>(ix, k, id, None)?;
            }
            if let Some(n) = &new {
                visit_fact(ix, n)?;
            }
        }
        (Some(keys::KIND_CONSULTATION), Some(id)) => {
            let (old, new) = both::<Consultation>("consultation", old_b, new_b)?;
            let ix_of = |c: &Option<Consultation>| {
                c.as_ref().map(keys::consultation_index).unwrap_or_default()
            };
            replace_index(ix, ix_of(&old), ix_of(&new))?;
            if let Some(o) = &old {
                let k = keys::fact_bucket(keys::IX_FACT_CONSULTATION, Some(o.event), id);
                upsert_fact::<StoredConsultation>(ix, k, id, None)?;
            }
            if let Some(n) = &new {
                consultation_fact(ix, n)?;
            }
        }
        (Some(keys::KIND_APPEAL), Some(_)) => {
            let (old, new) = both::<Appeal>("appeal", old_b, new_b)?;
            let ix_of = |a: &Option<Appeal>| a.as_ref().map(keys::appeal_index).unwrap_or_default();
            replace_index(ix, ix_of(&old), ix_of(&new))?;
        }
        (Some(keys::KIND_MEMBER), Some(_)) => {
            let (old, new) = both::<AppealMember>("appeal member", old_b, new_b)?;
            let ix_of =
                |m: &Option<AppealMember>| m.as_ref().map(keys::member_index).unwrap_or_default();
            replace_index(ix, ix_of(&old), ix_of(&new))?;
        }
        // Events, history versions and merge notes have no index entries.
        _ => {}
    }
    match value {
        Some(v) => r.insert(key, v.as_slice())?,
        None => r.remove(key)?,
    };
    Ok(())
}

/// How one record kind is stored.
struct Put<T> {
    kind: u8,
    what: &'static str,
    meta: fn(&T) -> &Meta,
    index: fn(&T) -> keys::IndexEntries,
    /// For versioned kinds: how a replaced version is kept in the history tree.
    history: Option<fn(T) -> HistoryEntry>,
    /// For kinds that reports count: puts the record's facts in their bucket.
    fact: Option<fn(&TransactionalTree, &T) -> TxResult<()>>,
}

/// Puts (or with `None` removes) record `id`'s facts in the bucket at `key`. Buckets are
/// small (a scope's records over 256 of them), so this read-modify-write costs little per
/// save and saves a report hundreds of thousands of reads.
fn upsert_fact<F: serde::Serialize + DeserializeOwned>(
    ix: &TransactionalTree,
    key: Vec<u8>,
    id: Id,
    fact: Option<F>,
) -> TxResult<()> {
    let mut bucket: BTreeMap<Id, F> = tx_get(ix, "report facts", &key)?.unwrap_or_default();
    match fact {
        Some(f) => {
            bucket.insert(id, f);
        }
        None => {
            bucket.remove(&id);
        }
    }
    if bucket.is_empty() {
        ix.remove(key)?;
    } else {
        ix.insert(key, encode("report facts", &bucket).map_err(abort)?)?;
    }
    Ok(())
}

fn person_fact(ix: &TransactionalTree, p: &Person) -> TxResult<()> {
    let key = keys::fact_bucket(keys::IX_FACT_PERSON, None, p.meta.id);
    upsert_fact(ix, key, p.meta.id, Some(StoredPerson::of(p)))
}

fn visit_fact(ix: &TransactionalTree, v: &Visit) -> TxResult<()> {
    let key = keys::fact_bucket(keys::IX_FACT_VISIT, Some(v.event), v.meta.id);
    upsert_fact(ix, key, v.meta.id, Some(StoredVisit::of(v)))
}

fn consultation_fact(ix: &TransactionalTree, c: &Consultation) -> TxResult<()> {
    let key = keys::fact_bucket(keys::IX_FACT_CONSULTATION, Some(c.event), c.meta.id);
    upsert_fact(ix, key, c.meta.id, Some(StoredConsultation::of(c)))
}

/// Puts a whole record; the version with the higher revision wins, whatever the order of
/// arrival. For versioned kinds the version replaced goes to the history tree, and a version
/// older than the one stored (arriving late in a merge) only joins the history.
fn put_record<T>(r: &TransactionalTree, ix: &TransactionalTree, v: Put<T>, new: &T) -> TxResult<()>
where
    T: serde::Serialize + DeserializeOwned + Clone + PartialEq,
{
    let meta = (v.meta)(new);
    let key = keys::record(v.kind, meta.id);
    let old: Option<T> = tx_get(r, v.what, &key)?;
    let keep = |r: &TransactionalTree, version: &T| -> TxResult<()> {
        let Some(wrap) = v.history else {
            return Ok(());
        };
        let m = (v.meta)(version);
        let entry = wrap(version.clone());
        r.insert(
            keys::history(m.id, m.rev),
            encode("history", &entry).map_err(abort)?,
        )?;
        Ok(())
    };
    let old_keys = match &old {
        Some(o) if o == new => return Ok(()),
        Some(o) if !meta.supersedes((v.meta)(o)) => return keep(r, new),
        Some(o) => {
            keep(r, o)?;
            (v.index)(o)
        }
        None => vec![],
    };
    replace_index(ix, old_keys, (v.index)(new))?;
    r.insert(&key, encode(v.what, new).map_err(abort)?)?;
    if let Some(fact) = v.fact {
        fact(ix, new)?;
    }
    Ok(())
}

/// Opens sled. We already hold `kezek.lock`, so a sled lock conflict can only be this
/// process's previous handle whose flusher thread has not let go yet (sled releases its file
/// lock when its last internal reference drops): wait for it briefly instead of failing.
fn open_sled(dir: &Path, opts: &StoreOptions) -> Result<sled::Db> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let result = sled::Config::new()
            .path(dir)
            .cache_capacity(opts.cache_capacity)
            .flush_every_ms(Some(1000))
            .open();
        match result {
            Ok(db) => return Ok(db),
            Err(sled::Error::Io(e))
                if e.to_string().contains("could not acquire lock")
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(source) => {
                return Err(StoreError::Sled {
                    dir: dir.to_path_buf(),
                    source,
                });
            }
        }
    }
}

fn load_or_create_desk_id(dir: &Path) -> Result<DeskId> {
    let path = dir.join(DESK_ID_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => text
            .trim()
            .parse()
            .map_err(|_| StoreError::DeskId { path: path.clone() }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let desk = DeskId(rand::random::<u64>());
            let tmp = dir.join(format!("{DESK_ID_FILE}.tmp"));
            let mut f = File::create(&tmp).map_err(io_err(&tmp))?;
            writeln!(f, "{desk}").map_err(io_err(&tmp))?;
            f.sync_all().map_err(io_err(&tmp))?;
            std::fs::rename(&tmp, &path).map_err(io_err(&path))?;
            journal::sync_parent_dir(&path);
            Ok(desk)
        }
        Err(e) => Err(io_err(&path)(e)),
    }
}

/// Takes the data directory's lock: one kezek per store.
fn lock_dir(dir: &Path) -> Result<File> {
    let lock_path = dir.join(LOCK_FILE);
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(io_err(&lock_path))?;
    match lock.try_lock() {
        Ok(()) => Ok(lock),
        Err(TryLockError::WouldBlock) => Err(StoreError::Locked {
            dir: dir.to_path_buf(),
        }),
        Err(TryLockError::Error(e)) => Err(io_err(&lock_path)(e)),
    }
}

fn sled_at(dir: &Path) -> impl Fn(sled::Error) -> StoreError + '_ {
    move |source| StoreError::Sled {
        dir: dir.to_path_buf(),
        source,
    }
}

/// sled errors that mean the files cannot be read as a database (not a lock or a
/// permission problem, which moving the files would not mend).
fn unopenable(e: &sled::Error) -> bool {
    match e {
        sled::Error::Corruption { .. }
        | sled::Error::ReportableBug(_)
        | sled::Error::Unsupported(_) => true,
        sled::Error::Io(io) => matches!(
            io.kind(),
            std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof
        ),
        sled::Error::CollectionNotFound(_) => false,
    }
}

/// Refuses unless the journal at `path` is whole (a torn tail is fine: it is an unfinished
/// write, cut later after a copy): what a rebuild of the view from it needs.
fn journal_whole(path: &Path) -> Result<()> {
    let len = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(StoreError::Damaged(Damage::JournalMissing));
        }
        Err(e) => return Err(io_err(path)(e)),
    };
    if len <= HEADER_LEN {
        return Ok(());
    }
    match journal::verify_file(path, len) {
        Ok((_, Tail::Clean | Tail::Torn { .. }, _)) => Ok(()),
        Ok((_, tail, end)) => Err(StoreError::Damaged(Damage::from_tail(tail, end, 0))),
        Err(JournalError::BadHeader { .. }) => Err(StoreError::Damaged(Damage::BadHeader)),
        Err(e) => Err(e.into()),
    }
}

/// Renames `path` to a name beside it (`db.<why>-<time>`), durably; returns the new name.
pub(crate) fn move_aside(path: &Path, why: &str) -> Result<PathBuf> {
    let aside = journal::aside_path(path, why);
    if path.exists() {
        std::fs::rename(path, &aside).map_err(io_err(path))?;
        journal::sync_parent_dir(&aside);
    }
    Ok(aside)
}
