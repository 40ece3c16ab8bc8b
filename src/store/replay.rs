//! Bringing the view up to date with the journal (at open, after a full disk, in a
//! rebuild): the journal is read a window at a time (`Journal::walk`) and its ops applied
//! in groups as they come, so neither the journal nor its ops are ever in memory whole.
//!
//! Each group is one sled transaction that also moves the applied offset, the clock and
//! the frames of a batch still to come (`apply_all`): a kill between two leaves a view that
//! is the journal up to that offset, as before. A batch's frames reach the fold only once
//! the batch is known complete, so none of an unfinished one is ever applied.
//!
//! A bulk load applies its own batch the same way once it is synced (`apply_from_journal`),
//! in smaller transactions and keeping the person search up to date as it goes.

use std::ops::ControlFlow;

use super::journal::{FrameRef, HEADER_LEN, Tail};
use super::{
    Damage, GROUP_CHANGES, META_APPLIED, META_BATCH_LEFT, Op, OpenReport, Placed, REPLAY_CHANGES,
    REPLAY_GROUP, Result, Store, StoreError, Writer, codec, read_u64,
};

/// Ops read and not applied yet, and what became of the ones before.
struct Fold<'s> {
    store: &'s Store,
    /// Each op with the offset past its frame, the clock after it and its batch's frames
    /// still to come.
    group: Vec<(Op, u64, u64, u32)>,
    changes: usize,
    /// The clock after the last op read, and after the last op applied.
    hlc: u64,
    applied_hlc: u64,
    replayed: usize,
    /// Where an op that cannot be decoded starts: nothing from it on is applied.
    undecodable: Option<u64>,
    /// The latest clock another desk's op may move this desk's clock to (`Writer::skew_ms`).
    limit: u64,
    /// Records of the ops read past `limit` (`Store::note_suspects`) since the last apply.
    suspects: Vec<(crate::domain::Id, u64, crate::domain::DeskId)>,
    failed: Option<StoreError>,
    /// A bulk load's own batch: at most `GROUP_CHANGES` changes per transaction past its
    /// first op, and each group's persons put in the search as it is applied.
    bulk: bool,
}

impl Fold<'_> {
    fn frame(&mut self, f: FrameRef<'_>) -> ControlFlow<()> {
        match codec::decode::<Op>(f.payload) {
            Ok(op) => {
                if self.bulk
                    && !self.group.is_empty()
                    && self.changes + op.changes.len() > GROUP_CHANGES
                {
                    self.apply()?;
                }
                // This desk's own ops always count: its clock must stay after them all.
                if op.desk == self.store.desk || op.hlc <= self.limit {
                    self.hlc = self.hlc.max(op.hlc);
                } else if super::suspects::ahead(&op, self.limit) {
                    let ids = op.changes.iter().filter_map(super::suspects::subject);
                    self.suspects.extend(ids.map(|id| (id, op.hlc, op.desk)));
                }
                self.changes += op.changes.len();
                self.group.push((op, f.end, self.hlc, f.batch_left));
                let full = self.group.len() >= REPLAY_GROUP
                    || (!self.bulk && self.changes >= REPLAY_CHANGES);
                if full {
                    self.apply()?;
                }
                ControlFlow::Continue(())
            }
            Err(e) => {
                tracing::error!(error = %e, at = f.start, "a journal op cannot be read");
                self.undecodable = Some(f.start);
                ControlFlow::Break(())
            }
        }
    }

    /// Applies the ops read so far in one transaction.
    fn apply(&mut self) -> ControlFlow<()> {
        let Some(&(_, _, hlc, _)) = self.group.last() else {
            return ControlFlow::Continue(());
        };
        let placed: Vec<Placed> = self
            .group
            .iter()
            .map(|(op, end, hlc, left)| Placed {
                op,
                end: *end,
                hlc: *hlc,
                batch_left: *left,
            })
            .collect();
        if let Err(e) = self.store.apply_all(&placed) {
            self.failed = Some(e);
            return ControlFlow::Break(());
        }
        self.replayed += placed.len();
        self.applied_hlc = hlc;
        self.store.note_suspects(&self.suspects);
        self.suspects.clear();
        if self.bulk {
            for (op, ..) in &self.group {
                self.store.index_persons(&op.changes);
            }
        }
        self.group.clear();
        self.changes = 0;
        ControlFlow::Continue(())
    }
}

impl Store {
    /// The highest clock an op of another desk may have and still move this desk's clock:
    /// `skew_ms` past this desk's clock now.
    pub(super) fn clock_limit(&self, skew_ms: u64) -> u64 {
        let now_ms = self.now().timestamp_millis().max(0) as u64;
        (now_ms.saturating_add(skew_ms) << 16) | 0xffff
    }

    /// How many minutes this desk's clock is behind the clock of the ops it holds (its own,
    /// and others' within the skew), when that is more than the allowed skew: the laptop's
    /// date or time was set back, and what it records now would sort before what it did.
    pub fn clock_behind_minutes(&self) -> Option<u64> {
        let w = self.writer();
        let last_ms = w.hlc >> 16;
        let now_ms = self.now().timestamp_millis().max(0) as u64;
        let behind = last_ms.saturating_sub(now_ms);
        (behind > w.skew_ms).then_some(behind / 60_000)
    }

    /// Applies journal ops that the view has not seen, from its applied offset. A torn tail
    /// is copied aside and cut; damage stops writing (`Writer::damage`).
    pub(super) fn catch_up_locked(&self, w: &mut Writer, report: &mut OpenReport) -> Result<()> {
        self.fold_journal(w, report, false)
    }

    /// Applies the batch a bulk load has just synced (and anything before it the view had
    /// not applied), reading it back from the journal.
    pub(super) fn apply_from_journal(&self, w: &mut Writer) -> Result<()> {
        self.fold_journal(w, &mut OpenReport::default(), true)
    }

    fn fold_journal(&self, w: &mut Writer, report: &mut OpenReport, bulk: bool) -> Result<()> {
        let applied = read_u64(&self.meta, META_APPLIED).unwrap_or(HEADER_LEN);
        let pending = read_u64(&self.meta, META_BATCH_LEFT).unwrap_or(0) as u32;
        let window = w.window;
        let limit = self.clock_limit(w.skew_ms);
        let Some(journal) = w.journal.as_mut() else {
            return Ok(());
        };
        let mut fold = Fold {
            store: self,
            group: Vec::new(),
            changes: 0,
            hlc: w.hlc,
            applied_hlc: w.hlc,
            replayed: 0,
            undecodable: None,
            failed: None,
            limit,
            suspects: Vec::new(),
            bulk,
        };
        let walked = journal.walk(applied, pending, applied, window, &mut |f| fold.frame(f));
        if fold.failed.is_none() {
            // What is left of the last group; after an op that cannot be read, the ones
            // before it (as when every op was read first).
            let _ = fold.apply();
        }
        w.hlc = fold.applied_hlc;
        if let Some(e) = fold.failed {
            return Err(e);
        }
        let (walked, file_len) = walked?;
        if let Some(at) = fold.undecodable {
            w.damage = Some(Damage::Unreadable { at });
        } else {
            match walked.tail {
                Tail::Clean => {}
                Tail::Torn { at } => {
                    let aside = w
                        .journal
                        .as_mut()
                        .map(|j| j.cut_torn_tail(at))
                        .transpose()?;
                    tracing::warn!(
                        bytes = file_len - at,
                        aside = ?aside,
                        "the journal ended in an unfinished write; it was cut after a copy was kept"
                    );
                    report.dropped_tail_bytes += file_len - at;
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
        let replayed = fold.replayed;
        if replayed > 0 && !bulk {
            tracing::info!(ops = replayed, "re-applied journal ops to the view");
            self.db.flush().map_err(|e| self.sled_err(e))?;
            // Those ops did not pass through `index_persons`: an index in use (or being
            // made) may lack what they changed, and would be kept so at close.
            self.forget_search();
        }
        report.replayed += replayed;
        Ok(())
    }
}
