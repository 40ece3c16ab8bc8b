//! Exchange between desks with no network: the journal ops one desk holds and another
//! lacks, written to one bundle file (`format`) and merged into the other desk's journal
//! as one atomic batch.
//!
//! Which ops a desk lacks is known from version vectors (`Seen`): every store holds each
//! desk's ops from its first up to some clock, because a bundle carries each desk's ops
//! after the recipient's clock for it, in journal order, and is merged whole or not at all.
//! The ops keep their ids, desks and clocks, so the same op merged twice (two overlapping
//! bundles, one bundle twice) is recognised and merged once.

pub mod cards;
pub mod format;
mod lines;
mod preview;

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::atomic::AtomicFile;
use super::journal::{self, Tail, encode_frame};
use super::{
    DESK_ID_FILE, Damage, JOURNAL_FILE, OpenReport, Result, Store, StoreError, codec, io_err,
};
use crate::domain::desk::{self, DeskCard, Identity};
use crate::domain::{DeskId, Id};
pub use format::{BUNDLE_EXT, BundleError, Head, Seen};
pub use preview::{Kinds, LOOK_ALIKES_SHOWN, LookAlike, MergeReport};

/// What each other desk was last known to hold, learnt from the bundles it sent: a
/// bundle made `--for` it leaves those ops out. Only a hint: lost, bundles carry more.
pub const PEERS_FILE: &str = "desks.kzp";

/// The first fields of every op (`Op`), read without decoding its changes.
#[derive(Deserialize)]
struct OpHead {
    id: Id,
    desk: DeskId,
    hlc: u64,
}

fn op_head(payload: &[u8]) -> Option<OpHead> {
    codec::decode_head(payload).ok()
}

/// An op a merge takes: its head, the bundle it came from (an index into the files read)
/// and its bytes.
pub(super) struct Picked {
    pub hlc: u64,
    pub desk: DeskId,
    pub id: Id,
    pub file: usize,
    pub payload: Vec<u8>,
}

/// Whether a store that holds `seen` holds everything a bundle took its recipient to hold.
fn covers(seen: &Seen, base: &[(DeskId, u64)]) -> bool {
    base.iter()
        .all(|(d, h)| seen.get(d).is_some_and(|s| s >= h))
}

/// What was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleInfo {
    pub path: PathBuf,
    pub ops: usize,
    pub bytes: u64,
    pub source: DeskId,
}

fn bundle_err(e: BundleError) -> StoreError {
    StoreError::Bundle(e)
}

/// The desk id of the store in `dir`.
pub fn desk_of(dir: &Path) -> Result<DeskId> {
    let path = dir.join(DESK_ID_FILE);
    std::fs::read_to_string(&path)
        .map_err(io_err(&path))?
        .trim()
        .parse()
        .map_err(|_| StoreError::DeskId { path })
}

/// The journal of `dir` up to its last committed frame now (the app may be appending),
/// refused when damaged.
fn committed_end(dir: &Path) -> Result<u64> {
    let path = dir.join(JOURNAL_FILE);
    let len = std::fs::metadata(&path).map_err(io_err(&path))?.len();
    let (_, tail, end) = journal::verify_file(&path, len)?;
    match tail {
        Tail::Clean | Tail::Torn { .. } => Ok(end),
        Tail::Damaged { at, intact_after } => Err(StoreError::Damaged(Damage::Damaged {
            at,
            intact_after: intact_after.is_some(),
        })),
    }
}

/// Every committed op frame of the journal in `dir` up to `end`, with its head.
fn each_op(dir: &Path, end: u64, each: &mut dyn FnMut(&OpHead, &[u8])) -> Result<()> {
    let path = dir.join(JOURNAL_FILE);
    let mut bad = None;
    journal::for_each_frame(&path, end, &mut |payload| match op_head(payload) {
        Some(h) => each(&h, payload),
        None => bad = bad.or(Some(())),
    })?;
    if bad.is_some() {
        return Err(StoreError::Bundle(BundleError::Damaged {
            path,
            what: "an op that cannot be read",
        }));
    }
    Ok(())
}

/// The version vector of the journal in `dir`: the highest clock of each desk's ops.
pub fn seen_in(dir: &Path) -> Result<Seen> {
    let end = committed_end(dir)?;
    let mut seen = Seen::new();
    each_op(dir, end, &mut |h, _| bump(&mut seen, h.desk, h.hlc))?;
    Ok(seen)
}

fn bump(seen: &mut Seen, desk: DeskId, hlc: u64) {
    let e = seen.entry(desk).or_insert(0);
    *e = (*e).max(hlc);
}

/// Writes the ops of the store in `dir` that `for_desk` is not known to hold (all of them
/// when `None`) to `out`, whole or not at all. Needs no lock: the journal only grows, and
/// what is read is its committed part when the call began. A folder gets a file named by
/// the desk and its clock.
///
/// What the bundle says this desk holds leaves out other desks' ops dated more than
/// `skew_ms` ahead of now: a desk it is sent to later trusts it to leave out what it names.
/// This desk says nothing of itself in it (no organisation, letter or name): `write_bundle_as`.
pub fn write_bundle(
    dir: &Path,
    out: &Path,
    for_desk: Option<DeskId>,
    skew_ms: u64,
) -> Result<BundleInfo> {
    write_bundle_as(dir, out, for_desk, skew_ms, &Identity::default())
}

/// `write_bundle` where `who` is what this desk says of itself in the bundle's head (the
/// config's organisation, letter and name), beside the cards of the other desks it knows.
pub fn write_bundle_as(
    dir: &Path,
    out: &Path,
    for_desk: Option<DeskId>,
    skew_ms: u64,
    who: &Identity,
) -> Result<BundleInfo> {
    let source = desk_of(dir)?;
    if for_desk == Some(source) {
        // It would leave out what this desk holds: nothing for anyone.
        return Err(bundle_err(BundleError::ForThisDesk {
            desk: desk::label(&who.organisation, source),
        }));
    }
    let end = committed_end(dir)?;
    let base = match for_desk {
        Some(d) => read_peers(dir).remove(&d).unwrap_or_default(),
        None => Seen::new(),
    };
    let now_ms = chrono::Utc::now().timestamp_millis().max(0) as u64;
    let limit = (now_ms.saturating_add(skew_ms) << 16) | 0xffff;
    let mut has = Seen::new();
    let mut ops = 0u32;
    each_op(dir, end, &mut |h, _| {
        if h.desk == source || h.hlc <= limit {
            bump(&mut has, h.desk, h.hlc);
        }
        if h.hlc > base.get(&h.desk).copied().unwrap_or(0) {
            ops = ops.saturating_add(1);
        }
    })?;
    let path = if out.is_dir() {
        let last = has.values().max().copied().unwrap_or(0);
        let whom = for_desk.map_or_else(|| "all".to_string(), |d| format!("for-{d}"));
        let org = match who.organisation.as_str() {
            "" => String::new(),
            code => format!("{code}-"),
        };
        out.join(format!(
            "kezek-{org}{source}-{last:016x}-{whom}.{BUNDLE_EXT}"
        ))
    } else {
        out.to_path_buf()
    };
    if std::fs::metadata(&path).is_ok_and(|m| !m.is_file()) {
        return Err(bundle_err(BundleError::NotAFile(path)));
    }
    if super::backup::inside(dir, &path) {
        // Renamed over the journal, the desk id or the lock it would replace the store's
        // own files; anywhere else in there it is lost with the store.
        return Err(bundle_err(BundleError::InsideStore(path)));
    }
    if let Some(parent) = path.parent() {
        super::atomic::remove_stale(parent);
    }
    let head = Head {
        source,
        has: format::seen_to_vec(&has),
        base: format::seen_to_vec(&base),
        for_desk,
        ops,
        cards: cards::cards_to_send(dir, source, who),
    };
    let (start, mut crc) = format::begin(&head).map_err(|source| StoreError::Codec {
        what: "bundle head",
        source,
    })?;
    let mut bytes = start.len() as u64;
    let mut file = AtomicFile::create(&path).map_err(io_err(&path))?;
    let mut failed: Option<std::io::Error> = file.write_all(&start).err();
    each_op(dir, end, &mut |h, payload| {
        if failed.is_some() || h.hlc <= base.get(&h.desk).copied().unwrap_or(0) {
            return;
        }
        let frame = encode_frame(payload);
        crc.update(&frame);
        bytes += frame.len() as u64;
        failed = file.write_all(&frame).err();
    })?;
    if let Some(e) = failed {
        return Err(io_err(&path)(e));
    }
    let tail = format::end(crc);
    bytes += tail.len() as u64;
    file.write_all(&tail)
        .and_then(|_| file.commit())
        .map_err(io_err(&path))?;
    Ok(BundleInfo {
        path,
        ops: ops as usize,
        bytes,
        source,
    })
}

/// The bundle files `path` names: itself, or the `*.kzbundle` files of a folder in name
/// order (a backup beside them, `.kzb`, is not one).
pub fn bundle_files(path: &Path) -> Result<Vec<PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(io_err(path))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x.to_string_lossy().eq_ignore_ascii_case(BUNDLE_EXT))
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(bundle_err(BundleError::EmptyFolder(path.to_path_buf())));
    }
    Ok(files)
}

/// Reads and checks every bundle file `path` names, changing nothing.
pub fn check_files(path: &Path) -> Result<()> {
    for file in bundle_files(path)? {
        read_bundle(&file)?;
    }
    Ok(())
}

/// Reads and checks one bundle file whole.
fn read_bundle(path: &Path) -> Result<format::Read> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(io_err(path))?;
    if !meta.is_file() {
        return Err(bundle_err(BundleError::NotAFile(path.to_path_buf())));
    }
    // Its first bytes before the whole of it: a gigabyte of something else is refused
    // without reading it. One handle, so the magic read is the file then parsed.
    let mut bytes = vec![0u8; format::BUNDLE_MAGIC.len()];
    let mut file = std::fs::File::open(path).map_err(io_err(path))?;
    if file.read_exact(&mut bytes).is_err() || &bytes[..] != format::BUNDLE_MAGIC {
        return Err(bundle_err(BundleError::NotABundle(path.to_path_buf())));
    }
    let too_large = || {
        bundle_err(BundleError::TooLarge {
            path: path.to_path_buf(),
        })
    };
    if meta.len() > format::MAX_BUNDLE {
        return Err(too_large());
    }
    // A file that grew since its size was read is still read no further than the limit.
    file.take(format::MAX_BUNDLE + 1 - bytes.len() as u64)
        .read_to_end(&mut bytes)
        .map_err(io_err(path))?;
    if bytes.len() as u64 > format::MAX_BUNDLE {
        return Err(too_large());
    }
    format::parse(path, &bytes).map_err(bundle_err)
}

fn read_peers(dir: &Path) -> std::collections::BTreeMap<DeskId, Seen> {
    let path = dir.join(PEERS_FILE);
    let Ok(bytes) = std::fs::read(&path) else {
        return Default::default();
    };
    let mut at = 0;
    let decoded = format::frame_at(&bytes, &mut at, bytes.len())
        .and_then(|p| codec::decode::<Vec<(DeskId, Vec<(DeskId, u64)>)>>(p).ok());
    match decoded {
        Some(list) => list
            .into_iter()
            .map(|(d, v)| {
                let mut s = Seen::new();
                format::seen_join(&mut s, &v);
                (d, s)
            })
            .collect(),
        None => {
            tracing::warn!(
                "the file of what other desks hold cannot be read; bundles for them carry every op"
            );
            Default::default()
        }
    }
}

fn write_peers(dir: &Path, peers: &std::collections::BTreeMap<DeskId, Seen>) -> Result<()> {
    let list: Vec<(DeskId, Vec<(DeskId, u64)>)> = peers
        .iter()
        .map(|(d, s)| (*d, format::seen_to_vec(s)))
        .collect();
    let payload = codec::encode(&list).map_err(|source| StoreError::Codec {
        what: "desks file",
        source,
    })?;
    let path = dir.join(PEERS_FILE);
    super::atomic::write(&path, &encode_frame(&payload)).map_err(io_err(&path))
}

impl Store {
    /// `write_bundle` of this store, every op, with its clock guard.
    pub fn write_bundle(&self, out: &Path) -> Result<BundleInfo> {
        let skew = self.writer().skew_ms;
        write_bundle_as(&self.dir, out, None, skew, &self.book.own())
    }

    /// This desk's card and every other desk's it knows, by desk.
    pub fn desk_cards(&self) -> std::collections::BTreeMap<DeskId, DeskCard> {
        let mut known = self.book.cards();
        known.insert(self.desk, DeskCard::new(self.desk, &self.book.own()));
        known
    }

    /// Merges the bundles at `path` (a file, or a folder of them: this desk's own there
    /// are passed over) into this store as one batch, or only says what it would do
    /// (`dry_run`). All or nothing: one bad file refuses every one, naming it.
    pub fn merge_bundles(&self, path: &Path, dry_run: bool) -> Result<MergeReport> {
        let files = bundle_files(path)?;
        self.merge_files(&files, !path.is_dir(), dry_run, None)
    }

    /// Merges exactly `files`, as a check of them found (`MergeReport::files`), and only if
    /// they still bring `expect` new ops: what an officer saw before saying yes is what
    /// is merged, not a bundle put on the stick since.
    pub fn merge_checked(&self, files: &[PathBuf], expect: usize) -> Result<MergeReport> {
        self.merge_files(files, files.len() == 1, false, Some(expect))
    }

    fn merge_files(
        &self,
        files: &[PathBuf],
        single: bool,
        dry_run: bool,
        expect: Option<usize>,
    ) -> Result<MergeReport> {
        let end = self.journal_extent().1;
        // Which ops are here is known by their ids, not only by each desk's highest clock:
        // a desk restored from a backup, a bundle made for another desk, or an op dated in
        // the wrong year would otherwise hide ops this desk lacks for good.
        let mut have: HashSet<Id> = HashSet::new();
        let mut seen = Seen::new();
        each_op(&self.dir, end, &mut |h, _| {
            have.insert(h.id);
            bump(&mut seen, h.desk, h.hlc);
        })?;
        let mut report = MergeReport::default();
        let mut picked: Vec<Picked> = Vec::new();
        let mut learnt = Vec::new();
        // The desks known here, then what each bundle read says of them: a bundle whose
        // desk id is known (or this desk's own) under another organisation is refused
        // before any of it is counted, so a copied store is never taken for this desk.
        let mut known = self.desk_cards();
        let mut heard: Vec<(DeskId, Vec<DeskCard>)> = Vec::new();
        for (at, file) in files.iter().enumerate() {
            let read = read_bundle(file)?;
            let head = &read.head;
            cards::check_clash(file, &known, &head.cards).map_err(bundle_err)?;
            desk::learn(&mut known, head.source, &head.cards);
            heard.push((head.source, head.cards.clone()));
            let for_other = head.for_desk.is_some_and(|d| d != self.desk);
            if head.source != self.desk && (for_other || !covers(&seen, &head.base)) {
                // Made for another desk, or for this one from what it held before (a
                // restored backup): it leaves out ops this desk may lack.
                if single {
                    return Err(bundle_err(BundleError::NotForThisDesk {
                        path: file.clone(),
                        desk: head.for_desk.unwrap_or(self.desk),
                    }));
                }
                report.not_for_us.push(file.clone());
                continue;
            }
            let (source, has) = (head.source, head.has.clone());
            let mut new = 0;
            for payload in read.payloads {
                let h = op_head(&payload).ok_or_else(|| {
                    bundle_err(BundleError::Damaged {
                        path: file.clone(),
                        what: "an op that cannot be read",
                    })
                })?;
                if !have.insert(h.id) {
                    report.ops_known += 1;
                    continue;
                }
                if h.desk == self.desk {
                    report.own_recovered += 1;
                }
                new += 1;
                picked.push(Picked {
                    hlc: h.hlc,
                    desk: h.desk,
                    id: h.id,
                    file: at,
                    payload,
                });
            }
            if source == self.desk {
                // This desk's own bundle: passed over unless it holds ops this journal
                // lacks (written before the laptop was restored from an older backup).
                if new == 0 && single {
                    return Err(bundle_err(BundleError::FromThisDesk { path: file.clone() }));
                }
                if new == 0 {
                    report.own.push(file.clone());
                    continue;
                }
            } else {
                learnt.push((source, has));
            }
            report.bundles.push((file.clone(), source, new));
        }
        // One order whatever the order of the files: each desk's ops stay in their order,
        // and an op made after another desk's op it saw comes after it (its clock is later).
        picked.sort_by_key(|p| (p.hlc, p.desk, p.id));
        self.preview(&picked, &mut report, files)?;
        report.ops_new = picked.len();
        report.files = files.to_vec();
        report.cards = known;
        if expect.is_some_and(|n| n != picked.len()) {
            return Err(bundle_err(BundleError::ChangedSinceCheck));
        }
        if dry_run {
            return Ok(report);
        }
        if !picked.is_empty() {
            let payloads: Vec<Vec<u8>> = picked.into_iter().map(|p| p.payload).collect();
            report.view_behind = !self.merge_payloads(&payloads)?;
            report.applied = true;
            let notes: Vec<_> = report
                .look_alikes
                .iter()
                .map(|l| super::suspects::LookAlikeNote {
                    new: l.new.meta.id,
                    on_record: l.on_record.meta.id,
                    why: l.why,
                })
                .collect();
            self.note_look_alikes(&notes);
        }
        let mut peers = read_peers(&self.dir);
        for (desk, has) in learnt {
            format::seen_join(peers.entry(desk).or_default(), &has);
        }
        if let Err(e) = write_peers(&self.dir, &peers) {
            // Only a hint for the next bundle made for them: it then carries more.
            tracing::warn!(error = %e, "what the other desks hold was not kept");
        }
        self.learn_cards(&heard);
        Ok(report)
    }

    /// Keeps what the bundles merged said of the desks (not this desk's own card: the
    /// config says that).
    fn learn_cards(&self, heard: &[(DeskId, Vec<DeskCard>)]) {
        let mut cards = self.book.cards();
        for (source, list) in heard {
            desk::learn(&mut cards, *source, list);
        }
        cards.remove(&self.desk);
        if cards == self.book.cards() {
            return;
        }
        if let Err(e) = cards::write_cards(&self.dir, &cards) {
            // Shown at once all the same; the next bundles bring the cards again.
            tracing::warn!(error = %e, "the other desks' cards were not kept");
        }
        self.book.set_cards(cards);
    }

    /// Appends other desks' ops, exactly as they were written there, as one batch with one
    /// sync, then folds them into the view as the journal is read back.
    /// `false`: they are in the journal (confirmed) but the view could not take them all
    /// (a full disk); it is brought up to date before the next save, or at the next open.
    fn merge_payloads(&self, payloads: &[Vec<u8>]) -> Result<bool> {
        let mut w = self.write_lock()?;
        let journal = w
            .journal
            .as_mut()
            .ok_or(StoreError::Damaged(Damage::JournalMissing))?;
        journal.append_batch(payloads)?;
        let mut report = OpenReport::default();
        if let Err(e) = self.catch_up_locked(&mut w, &mut report) {
            tracing::error!(error = %e, "a merge is in the journal but not wholly in the view");
            w.view_behind = Some(e.to_string());
            self.forget_search();
            return Ok(false);
        }
        Ok(true)
    }
}
