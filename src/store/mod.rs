//! The only code that touches disk. The journal is the source of truth; sled is a
//! materialised view of it, rebuilt from the journal whenever it is behind or lost.

mod anon_key;
pub use anon_key::ANON_KEY_FILE;
mod apply;
pub mod atomic;
pub mod backup;
mod batch;
pub mod bundle;
mod canon;
mod conflicts;
pub use conflicts::Conflict;
pub mod codec;
mod command;
mod commit;
pub mod compact;
mod draft;
pub use draft::{LastDraft, StoredDraft};
mod error;
mod facts;
pub mod journal;
pub mod keys;
mod lineage;
mod merged;
pub mod op;
mod open;
mod read;
pub mod recover;
mod replay;
mod search;
mod search_file;
pub mod suspects;
mod tally;
pub use tally::Part;
mod undo;
mod verify;
mod views;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, RwLock};

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;

use crate::domain::DeskId;
pub use crate::domain::queue::{Arrival, PersonPick, QueueEntry};
use crate::domain::search::SearchIndex;
pub use batch::Batch;
pub use codec::CodecError;
pub use command::FollowUpClose;
pub use error::{Damage, Result, StoreError};
use journal::Journal;
pub use journal::JournalError;
pub use op::{Change, Op};
pub(crate) use open::move_aside;
pub use open::{OpenReport, REBUILDING_FILE, StoreOptions};
use open::{journal_whole, lock_dir, open_sled};
pub use read::Record;
pub use search::LOOK_ALIKES;
pub use search_file::SEARCH_FILE;
pub use verify::{CheckReport, Counts};

pub const JOURNAL_FILE: &str = "journal.kzj";
pub const SLED_DIR: &str = "db";
pub const LOCK_FILE: &str = "kezek.lock";
pub const DESK_ID_FILE: &str = "desk-id";
pub const DRAFT_FILE: &str = "draft.kzd";
/// Where a bulk fill builds a store before `Store::adopt_staged` puts it in this one's place.
pub const STAGING_DIR: &str = "demo-staging";

const META_APPLIED: &[u8] = b"applied";
const META_HLC: &[u8] = b"hlc";
/// The id of the last op applied: with the offset and the clock, what names the view's
/// state (`search_file`'s stamp) even between two copies of a store or a clock set back.
const META_LAST_OP: &[u8] = b"last-op";
const META_VIEW_VERSION: &[u8] = b"view-version";
/// Frames of a batch the view has not applied yet at `META_APPLIED` (a bulk load killed
/// while it was being applied; the batch itself is whole in the journal).
const META_BATCH_LEFT: &[u8] = b"batch-left";
/// The layout of the sled view. A view of another version is rebuilt from the journal at
/// open (the journal's format does not change with it).
/// 2: no plaintext name/document/phone index keys. 3: report facts. 4: facts without the
/// id and event their bucket gives, dates as day numbers. 5: per-person and queue buckets.
/// 6: follow-up index values hold the officer and topics (the list filters by them).
/// 7: what each merge moved (`MergeMoves`, for an unmerge), read from the merge's op.
/// 8: kept versions keyed by revision and a digest of the version (two desks' revisions 2
/// of one record are both kept), ties between versions broken by their bytes.
/// 9: a visit's status folded from its moves in clock order (`KIND_MOVES`), merges and
/// unmerges decided per group of persons in clock order (`KIND_MERGE_LOG`), the person a
/// moved record was saved for kept (`KIND_NAMED`).
const VIEW_VERSION: u64 = 9;
/// Ops applied per sled transaction when replaying the journal or loading in bulk.
const REPLAY_GROUP: usize = 64;
/// Changes per sled transaction when replaying the journal at most (past the op that
/// reaches it). sled holds every page a transaction's commit replaces until the commit
/// ends: a rebuild of the 100,000-person demo store peaks at 156 MB with 1,024, 190 MB
/// with 2,048, 235 MB with 4,096 and 390 MB with 16,384 (64 of its ops: 12,800), while
/// fewer changes per transaction rewrite the same buckets more often (1,024: a quarter
/// slower; 4,096 measured no faster).
const REPLAY_CHANGES: usize = 2048;
/// Changes per sled transaction in a bulk load at most (an op can hold hundreds): sled keeps
/// a transaction's writes and the pages they split in memory until it commits.
const GROUP_CHANGES: usize = 512;

/// An op with its place in the journal: the offset just past its frame, the clock after
/// it, and how many frames of its batch follow it.
struct Placed<'a> {
    op: &'a Op,
    end: u64,
    hlc: u64,
    batch_left: u32,
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
    /// Bytes of the journal read at a time when the view is brought up to date.
    window: u64,
    /// How far ahead of this desk's clock another desk's op may be and still move this
    /// desk's clock (`StoreOptions::clock_skew_ms`).
    skew_ms: u64,
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
    /// The index was built or changed since `search_file` was read: it is kept at close.
    search_changed: std::sync::atomic::AtomicBool,
    /// Commits that touched persons: an index built or read meanwhile may lack them.
    search_gen: std::sync::atomic::AtomicU64,
    /// The view `search.kzx` was read or written for in this run: when the view has moved on
    /// since (queue moves, consultations), the index is stamped again at close.
    search_kept_for: Mutex<Option<search_file::Stamp>>,
    /// The draft file's writers, one at a time (`draft::DraftGate`).
    drafts: std::sync::Mutex<draft::DraftGate>,
    /// `StoreOptions::spill_at`.
    spill_at: usize,
    /// `StoreOptions::book`.
    book: crate::domain::desk::DeskBook,
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

impl Store {
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

    /// What this desk says of itself and the other desks it knows (shared: a clone sees
    /// what later merges learn).
    pub fn book(&self) -> crate::domain::desk::DeskBook {
        self.book.clone()
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
}

impl Drop for Store {
    fn drop(&mut self) {
        self.keep_search();
        if let Err(e) = self.db.flush() {
            tracing::warn!(error = %e, "could not flush the view on close; the journal has everything");
        }
    }
}
