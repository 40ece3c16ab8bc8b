//! Taking back what the desk did by mistake: the last queue move of a visit, a merge of two
//! persons. Each is a new op: the journal keeps the move or merge and its undo.

use std::collections::HashSet;

use super::{Change, Result, Store, StoreError, decode, keys};
use crate::domain::card::{MergeMoves, MergeNote, UnmergeNote};
use crate::domain::{Id, MemberStatus, UndoneMove, Visit};

impl Store {
    /// Takes back the last move of `visit` (`Visit::undo_last`): it returns to the status
    /// it had before. A visit with no move is refused before anything is written.
    pub fn undo_visit_status(&self, visit: Id, officer: &str) -> Result<(Visit, UndoneMove)> {
        let mut w = self.write_lock()?;
        let not_found = || StoreError::NotFound {
            what: "visit",
            id: visit,
        };
        let mut v = self.visit(visit)?.ok_or_else(not_found)?;
        let at = self.now();
        let last = v.history.last().map(|c| (c.status, c.at));
        let undone = v.undo_last(last, at, officer)?;
        self.commit_locked(
            &mut w,
            officer,
            vec![Change::UndoVisitStatus {
                visit,
                undone: undone.undone.status,
                undone_at: undone.undone.at,
                at,
            }],
        )?;
        Ok((self.visit(visit)?.ok_or_else(not_found)?, undone))
    }

    /// The queue moves of `visit` taken back, oldest first.
    pub fn undone_moves(&self, visit: Id) -> Result<Vec<UndoneMove>> {
        self.records
            .scan_prefix(keys::pair_prefix(keys::KIND_UNDONE, visit))
            .map(|kv| {
                let (_, v) = kv.map_err(|e| self.sled_err(e))?;
                decode("undo note", &v)
            })
            .collect()
    }

    /// The merges into `person` taken back, oldest first.
    pub fn unmerges(&self, person: Id) -> Result<Vec<UnmergeNote>> {
        let mut notes = self
            .records
            .scan_prefix(keys::pair_prefix(keys::KIND_UNMERGE, person))
            .map(|kv| {
                let (_, v) = kv.map_err(|e| self.sled_err(e))?;
                decode("unmerge note", &v)
            })
            .collect::<Result<Vec<UnmergeNote>>>()?;
        // Keyed by the duplicate first, then the time: several duplicates' unmerges
        // interleave only once sorted by when they were made.
        notes.sort_by_key(|u| u.at);
        Ok(notes)
    }

    /// Takes back the merge of `gone` into `into`: `gone`'s record comes back as it was,
    /// and what the merge moved goes back to it (visits, consultations, memberships; a
    /// membership the merge withdrew gets its status back unless changed since). What was
    /// added to `into` after the merge stays, except a consultation of a visit that goes
    /// back: it follows its visit, so a consultation's person is always its visit's. What
    /// was saved for `gone` itself (on a desk that had not seen the merge) goes back too,
    /// when the op is folded (`apply::merges`). One op; returns how many records its
    /// changes moved back.
    pub fn unmerge_persons(&self, into: Id, gone: Id, officer: &str) -> Result<usize> {
        let mut w = self.write_lock()?;
        let note: MergeNote = self
            .records
            .get(keys::pair(keys::KIND_MERGE, into, gone))
            .map_err(|e| self.sled_err(e))?
            .map(|b| decode("merge note", &b))
            .transpose()?
            .ok_or(StoreError::NotFound {
                what: "merge",
                id: gone,
            })?;
        if self.person(into)?.is_none() {
            return Err(StoreError::MergedSince);
        }
        let moves: MergeMoves = self
            .records
            .get(keys::pair(keys::KIND_MERGE_MOVES, into, gone))
            .map_err(|e| self.sled_err(e))?
            .map(|b| decode("merge moves", &b))
            .transpose()?
            // A merge note salvaged from a view older than these notes: what it moved is
            // not known, so nothing is moved back by guess.
            .ok_or(StoreError::NotFound {
                what: "record of what the merge moved",
                id: gone,
            })?;
        let now = self.now();
        let mut changes = Vec::new();
        let mut visits = HashSet::new();
        for id in &moves.visits {
            if let Some(mut v) = self.visit(*id)?
                && v.person == into
            {
                v.person = gone;
                v.meta.touch(now);
                visits.insert(v.meta.id);
                changes.push(Change::PutVisit(v));
            }
        }
        let mut cons: Vec<Id> = moves.consultations.clone();
        for id in self.linked(keys::IX_CONS_BY_PERSON, into)? {
            if let Some(c) = self.consultation(id)?
                && visits.contains(&c.visit)
                && !cons.contains(&id)
            {
                cons.push(id);
            }
        }
        for id in cons {
            if let Some(mut c) = self.consultation(id)?
                && c.person == into
            {
                c.person = gone;
                c.officer = officer.to_string();
                c.meta.touch(now);
                changes.push(Change::PutConsultation(c));
            }
        }
        for moved in &moves.members {
            if let Some(mut m) = self.member(moved.id)?
                && m.person == into
            {
                m.person = gone;
                if let Some(was) = moved.withdrawn_from
                    && m.status == MemberStatus::Withdrawn
                {
                    m.status = was;
                }
                m.officer = officer.to_string();
                m.meta.touch(now);
                changes.push(Change::PutAppealMember(m));
            }
        }
        let moved = changes.len();
        changes.push(Change::PutPerson(note.gone));
        changes.push(Change::UnmergePerson {
            into,
            gone,
            at: now,
        });
        self.commit_locked(&mut w, officer, changes)?;
        Ok(moved)
    }
}
