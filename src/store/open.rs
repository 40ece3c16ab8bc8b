//! Opening a store: the directory's lock, the desk id, the view opened (or moved aside and
//! rebuilt when it cannot be) and brought up to date with the journal.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, RwLock};

use chrono::Utc;

use super::journal::{self, HEADER_LEN, Journal, JournalError, Tail};
use super::{
    DESK_ID_FILE, DRAFT_FILE, Damage, JOURNAL_FILE, LOCK_FILE, META_APPLIED, META_HLC,
    META_VIEW_VERSION, Op, Result, SLED_DIR, STAGING_DIR, Store, StoreError, VIEW_VERSION, Writer,
    atomic, codec, io_err, read_u64, recover,
};
use crate::domain::DeskId;

#[derive(Clone, Debug)]
pub struct StoreOptions {
    pub cache_capacity: u64,
    /// Bytes of the journal read at a time when the view is brought up to date
    /// (`journal::WINDOW`; tests make it small to cross its edges).
    pub journal_window: u64,
    /// An op of another desk more than this ahead of this desk's clock is merged but does
    /// not move this desk's clock forward (a laptop set to the wrong year would otherwise
    /// drag every desk's clock with it), and a merge counts it as clock-suspect.
    pub clock_skew_ms: u64,
    /// Bytes of encoded ops a bulk load (`Batch`) holds in memory before it writes them
    /// to a scratch file (tests make it small to spill a few records).
    pub spill_at: usize,
    /// What this desk says of itself and the other desks it knows (`bundle::cards`),
    /// shared with whoever shows queue numbers.
    pub book: crate::domain::desk::DeskBook,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            cache_capacity: 32 * 1024 * 1024,
            journal_window: journal::WINDOW,
            clock_skew_ms: 60 * 60 * 1000,
            spill_at: super::batch::SPILL_AT,
            book: Default::default(),
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

impl Store {
    pub fn open(dir: &Path, opts: &StoreOptions) -> Result<(Store, OpenReport)> {
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        let lock = lock_dir(dir)?;
        // Under the lock no other kezek writes here: a temporary file of another process is
        // what a kill left half written.
        atomic::remove_leftovers(dir, &[DRAFT_FILE, DESK_ID_FILE, super::SEARCH_FILE]);
        for sub in ["", "exports", "slips"] {
            atomic::remove_stale(&dir.join(sub));
        }
        recover::finish_salvage(dir)?;
        super::compact::finish(dir)?;
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
                if rebuilding(dir) {
                    // Our own rebuild from this whole journal, stopped before it was
                    // complete (a full disk): it holds nothing the journal does not, and
                    // the view that could not be opened first is already kept beside. A
                    // copy at every open would fill the disk again.
                    tracing::warn!(
                        "an unfinished rebuild of the database is removed and begun again"
                    );
                    std::fs::remove_dir_all(&sled_dir).map_err(io_err(&sled_dir))?;
                } else {
                    let aside = move_aside(&sled_dir, "unopenable")?;
                    tracing::warn!(aside = %aside.display(), "database moved aside; rebuilding it from the journal");
                    report.view_moved_aside = Some(aside);
                }
                mark_rebuilding(dir)?;
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
            mark_rebuilding(dir)?;
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
                window: opts.journal_window,
                skew_ms: opts.clock_skew_ms,
            }),
            desk,
            clock: Box::new(Utc::now),
            search: RwLock::new(None),
            search_changed: std::sync::atomic::AtomicBool::new(false),
            search_gen: std::sync::atomic::AtomicU64::new(0),
            search_kept_for: Mutex::new(None),
            drafts: Default::default(),
            spill_at: opts.spill_at,
            book: opts.book.clone(),
            lock: Some(lock),
        };
        let mut cards = super::bundle::cards::read_cards(dir);
        cards.remove(&desk);
        store.book.set_cards(cards);
        if let Some(d) = &damage {
            tracing::error!(damage = %d, "the store is damaged; nothing is written until it is salvaged");
        }
        {
            let mut w = store.writer();
            w.hlc = read_u64(&store.meta, META_HLC).unwrap_or(0);
            if w.damage.is_none() {
                store.catch_up_locked(&mut w, &mut report)?;
                done_rebuilding(dir);
            }
        }
        if let Some(aside) = report.old_layout_aside.take() {
            // The new view is complete and the journal was whole: the old layout's copy
            // has nothing the journal does not.
            if let Err(e) = std::fs::remove_dir_all(&aside) {
                tracing::warn!(error = %e, "could not remove the old database layout");
            }
        }
        if !store.is_new() {
            finish_adoption(dir);
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

    /// The journal's path and its length now: what a background check or a backup may read
    /// (the journal only grows, so the bytes before this never change).
    pub fn journal_extent(&self) -> (PathBuf, u64) {
        let w = self.writer();
        let len = w.journal.as_ref().map_or(0, Journal::len);
        (self.dir.join(JOURNAL_FILE), len)
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
        self.forget_search();
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
}

/// Opens sled. We already hold `kezek.lock`, so a sled lock conflict can only be this
/// process's previous handle whose flusher thread has not let go yet (sled releases its file
/// lock when its last internal reference drops): wait for it briefly instead of failing.
pub(super) fn open_sled(dir: &Path, opts: &StoreOptions) -> Result<sled::Db> {
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
            // A store that holds records keeps the desk that made them: a new id would
            // number this desk's queue from 1 again beside the numbers already given.
            let desk = match desk_of_journal(dir)? {
                Some(desk) => {
                    tracing::warn!(%desk, "desk-id was missing; the desk that wrote the journal is kept");
                    desk
                }
                None => DeskId(rand::random::<u64>()),
            };
            atomic::write(&path, format!("{desk}\n").as_bytes()).map_err(io_err(&path))?;
            Ok(desk)
        }
        Err(e) => Err(io_err(&path)(e)),
    }
}

/// The desk whose ops the journal in `dir` holds; `None` for a new store (no journal or
/// no op yet). Ops of several desks cannot tell which one is this: refused, so that the
/// officer puts the file back (a backup holds it) instead of a guess.
fn desk_of_journal(dir: &Path) -> Result<Option<DeskId>> {
    let path = dir.join(JOURNAL_FILE);
    let mut journal = match Journal::open_existing(&path) {
        Ok(Some(j)) => j,
        Ok(None) => return Ok(None),
        // A journal that cannot be read is the salvage's to report, not this.
        Err(_) => return Ok(None),
    };
    if journal.len() <= HEADER_LEN {
        return Ok(None);
    }
    let mut desks = std::collections::BTreeSet::new();
    journal.walk(HEADER_LEN, 0, 0, journal::WINDOW, &mut |frame| {
        if let Ok(op) = codec::decode::<Op>(frame.payload) {
            desks.insert(op.desk);
        }
        std::ops::ControlFlow::Continue(())
    })?;
    match desks.len() {
        0 => Ok(None),
        1 => Ok(desks.pop_first()),
        n => Err(StoreError::DeskIdLost {
            path: dir.join(DESK_ID_FILE),
            desks: n,
        }),
    }
}

/// Takes the data directory's lock: one kezek per store.
/// How long a lock held by someone else is waited for before the store is called in use.
/// A process that forks (to run a printer, a helper) holds a copy of every descriptor,
/// this lock's too, until the child execs: a store closed and opened again in that moment
/// would be refused for a few milliseconds. Another kezek holds it far longer.
const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_millis(250);

pub(super) fn lock_dir(dir: &Path) -> Result<File> {
    let lock_path = dir.join(LOCK_FILE);
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(io_err(&lock_path))?;
    let until = std::time::Instant::now() + LOCK_PATIENCE;
    loop {
        match lock.try_lock() {
            Ok(()) => return Ok(lock),
            Err(TryLockError::WouldBlock) if std::time::Instant::now() < until => {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(StoreError::Locked {
                    dir: dir.to_path_buf(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(io_err(&lock_path)(e)),
        }
    }
}

/// What a fill killed after its journal took this store's place left beside it: the
/// staging directory (its view, or only its lock and desk id) and the empty view moved
/// aside. The journal here holds every op, so neither holds anything it does not.
fn finish_adoption(dir: &Path) {
    let staged = dir.join(STAGING_DIR);
    let mut leftovers: Vec<PathBuf> = Vec::new();
    if staged.exists() {
        leftovers.push(staged);
    }
    let empty_view = format!("{SLED_DIR}.before-fill-");
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with(&empty_view) {
                leftovers.push(e.path());
            }
        }
    }
    for leftover in leftovers {
        tracing::info!("removing what a fill stopped at its end left beside the store");
        if let Err(e) = std::fs::remove_dir_all(&leftover) {
            tracing::warn!(error = %e, "could not remove a directory left by a fill");
        }
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
pub(super) fn journal_whole(path: &Path) -> Result<()> {
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

/// Present while the view is being rebuilt from the journal (an unopenable or older
/// view): a view found unopenable while it is there is that rebuild, stopped.
pub const REBUILDING_FILE: &str = "db.rebuilding";

fn rebuilding(dir: &Path) -> bool {
    dir.join(REBUILDING_FILE).exists()
}

/// Says durably, before the rebuild writes anything, that what is in `db/` is a rebuild.
fn mark_rebuilding(dir: &Path) -> Result<()> {
    let path = dir.join(REBUILDING_FILE);
    if path.exists() {
        return Ok(());
    }
    atomic::write(&path, b"the database is being rebuilt from the journal\n").map_err(io_err(&path))
}

/// The view has caught up with the whole journal: it is the journal's, rebuilt or not.
fn done_rebuilding(dir: &Path) {
    let path = dir.join(REBUILDING_FILE);
    match std::fs::remove_file(&path) {
        Ok(()) => journal::sync_parent_dir(&path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => tracing::warn!(error = %e, "the mark of a finished rebuild stays"),
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
