//! Making changes durable: one op per save, appended to the journal and synced before it
//! is confirmed, then applied to the view; or many ops as one batch for bulk loads.

use std::sync::MutexGuard;

use chrono::{DateTime, Utc};

use super::{
    Change, Damage, GROUP_CHANGES, Op, OpenReport, Placed, REPLAY_GROUP, Result, Store, StoreError,
    Writer, codec, encode, op,
};
use crate::domain::{Id, Meta};

impl Store {
    /// The writer, ready to append: refused while the store is damaged, and brought up to
    /// date first when an earlier op reached the journal but not the view.
    pub(super) fn write_lock(&self) -> Result<MutexGuard<'_, Writer>> {
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

    /// Makes `changes` durable as one op and applies them. Returns once the journal record
    /// is synced to disk: the only point at which a save is confirmed. If the view then
    /// cannot be updated (a full disk), the save still stands; the view is brought up to
    /// date before the next one, which is refused (nothing written) until it can be.
    pub fn commit(&self, officer: &str, changes: Vec<Change>) -> Result<Op> {
        let mut w = self.write_lock()?;
        self.commit_locked(&mut w, officer, changes)
    }

    pub(super) fn commit_locked(
        &self,
        w: &mut Writer,
        officer: &str,
        changes: Vec<Change>,
    ) -> Result<Op> {
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
                self.forget_search();
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
                self.forget_search();
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
}

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
