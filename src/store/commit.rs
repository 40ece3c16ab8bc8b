//! Making changes durable: one op per save, appended to the journal and synced before it
//! is confirmed, then applied to the view; or many ops as one batch for bulk loads.

use std::sync::MutexGuard;

use chrono::{DateTime, Utc};

use super::batch::Spill;
use super::{
    Change, Damage, Op, OpenReport, Placed, Result, Store, StoreError, Writer, codec, encode, op,
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
        let changes = self.with_lineage(changes)?;
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
    /// bulk loads (the demo generator, imports, salvage), where one sync per record would
    /// take minutes. Each inner list is one op (split further where its encoding would pass
    /// the codec's limit). A crash at any point leaves all of it or none of it. Returns
    /// once all are synced; applied too unless the view could not be updated (then as
    /// `commit`).
    pub fn commit_bulk(&self, officer: &str, batches: Vec<Vec<Change>>) -> Result<usize> {
        self.batch(officer).commit_ops(batches)
    }

    /// `commit_bulk` of a batch's encoded ops: each is given its id and clock and copied
    /// into the journal behind the batch's header, with one sync; then the batch is
    /// applied from the journal a window at a time (`apply_from_journal`).
    pub(super) fn commit_spill(&self, officer: &str, ops: Spill) -> Result<usize> {
        let mut w = self.write_lock()?;
        let now = self.now();
        let now_ms = now.timestamp_millis().max(0) as u64;
        let n = ops.count();
        let count = u32::try_from(n).map_err(|_| StoreError::Codec {
            what: "journal batch",
            source: codec::CodecError::TooLarge,
        })?;
        let mut hlc = w.hlc;
        let journal = w
            .journal
            .as_mut()
            .ok_or(StoreError::Damaged(Damage::JournalMissing))?;
        let mut batch = journal.begin_batch(count)?;
        ops.each(&mut |body| {
            hlc = op::next_hlc(hlc, now_ms);
            let head = OpHead {
                id: self.new_id(now),
                desk: self.desk,
                hlc,
                officer,
            };
            let head = codec::encode_part(&head).map_err(|source| StoreError::Codec {
                what: "journal op",
                source,
            })?;
            batch.push(&[&codec::join(&[&head]), body])?;
            Ok(())
        })?;
        batch.finish()?;
        w.hlc = hlc;
        if let Err(e) = self.apply_from_journal(&mut w) {
            tracing::error!(error = %e, "a batch is in the journal but not wholly in the view");
            w.view_behind = Some(e.to_string());
            self.forget_search();
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

/// An op without its changes: its fields in the order `Op` has them, so that its encoding
/// followed by the changes' is the op's (`codec::encode_part`).
#[derive(serde::Serialize)]
struct OpHead<'a> {
    id: Id,
    desk: crate::domain::DeskId,
    hlc: u64,
    officer: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{DeskId, Event, EventFields, Meta};

    #[test]
    fn an_op_head_joined_to_its_changes_is_the_op() {
        let at = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        for (n, officer) in [(0usize, ""), (1, "Асанова Б."), (300, &"x".repeat(70_000))] {
            let changes: Vec<Change> = (0..n)
                .map(|i| {
                    Change::PutEvent(Event {
                        meta: Meta::new(Id::from_parts(i as u64, i as u128), DeskId(7), at),
                        fields: EventFields {
                            date: at.date_naive(),
                            city: format!("Москва {i}"),
                            venue: String::new(),
                            hosts: vec!["a".into(); i % 3],
                            utc_offset_min: 180,
                        },
                    })
                })
                .collect();
            let op = Op {
                id: Id::from_parts(u64::MAX >> 16, u128::MAX),
                desk: DeskId(u64::MAX),
                hlc: op::next_hlc(0, 1_800_000_000_000),
                officer: officer.to_string(),
                changes,
            };
            let head = OpHead {
                id: op.id,
                desk: op.desk,
                hlc: op.hlc,
                officer,
            };
            let head = codec::join(&[&codec::encode_part(&head).unwrap()]);
            let body = codec::encode_part(&op.changes).unwrap();
            let joined = [head, body].concat();
            assert_eq!(joined, codec::encode(&op).unwrap(), "{n} changes");
            assert_eq!(codec::decode::<Op>(&joined).unwrap(), op);
        }
    }
}
