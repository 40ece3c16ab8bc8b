//! Folding undos into the view: a queue move taken back, a merge taken back. Both keep
//! what they take back in a note, so the view loses nothing the journal holds.

use sled::transaction::TransactionalTree;

use super::{TxResult, abort, tx_get, visit_fact};
use crate::domain::card::{HistoryEntry, MergeMoves, MergeNote, MovedMember, UnmergeNote};
use chrono::{DateTime, Utc};

use crate::domain::{Id, MemberStatus, Visit, VisitStatus};
use crate::store::{Change, Record, encode, keys};

/// Takes back the visit's last move if it is still `taken_back`; whether it did.
pub(super) fn undo_move(
    r: &TransactionalTree,
    ix: &super::Ix<'_>,
    visit: Id,
    taken_back: (VisitStatus, DateTime<Utc>),
    at: DateTime<Utc>,
    officer: &str,
) -> TxResult<bool> {
    let key = keys::record(Visit::KIND, visit);
    let Some(mut v): Option<Visit> = tx_get(r, Visit::WHAT, &key)? else {
        return Ok(false);
    };
    let Ok(note) = v.undo_last(Some(taken_back), at, officer) else {
        return Ok(false);
    };
    r.insert(&key, encode(Visit::WHAT, &v).map_err(abort)?)?;
    r.insert(
        keys::undone(visit, v.meta.rev),
        encode("undo note", &note).map_err(abort)?,
    )?;
    visit_fact(ix, &v)?;
    Ok(true)
}

/// Notes what a merge op moved from `gone` to `into` (its `Put` changes), for an unmerge
/// to move back exactly that. A membership the merge withdrew keeps the status it had.
pub(super) fn note_merge_moves(
    r: &TransactionalTree,
    changes: &[Change],
    into: Id,
    gone: Id,
    kept: &std::collections::HashMap<(Id, u32), Vec<u8>>,
) -> TxResult<()> {
    let mut moves = MergeMoves::default();
    for c in changes {
        match c {
            Change::PutVisit(v) if v.person == into => moves.visits.push(v.meta.id),
            Change::PutConsultation(c) if c.person == into => moves.consultations.push(c.meta.id),
            Change::PutAppealMember(m) if m.person == into => {
                let before = match m.meta.rev.checked_sub(1) {
                    // The version this op's own `Put` replaced (kept in this transaction).
                    Some(rev) => match kept.get(&(m.meta.id, rev)) {
                        Some(at) => tx_get(r, "history", at)?,
                        None => None,
                    },
                    None => None,
                };
                let withdrawn_from = match before {
                    Some(HistoryEntry::Member(old))
                        if m.status == MemberStatus::Withdrawn && old.status != m.status =>
                    {
                        Some(old.status)
                    }
                    _ => None,
                };
                moves.members.push(MovedMember {
                    id: m.meta.id,
                    withdrawn_from,
                });
            }
            _ => {}
        }
    }
    r.insert(
        keys::pair(keys::KIND_MERGE_MOVES, into, gone),
        encode("merge moves", &moves).map_err(abort)?,
    )?;
    Ok(())
}

/// Closes the merge of `gone` into `into`: its note becomes an unmerge note. The person
/// and the records moved back are `Put` changes of the same op.
pub(super) fn close_merge(
    r: &TransactionalTree,
    into: Id,
    gone: Id,
    at: DateTime<Utc>,
    officer: &str,
) -> TxResult<()> {
    let key = keys::pair(keys::KIND_MERGE, into, gone);
    // Already taken back (replayed twice): nothing left to do.
    let Some(merge): Option<MergeNote> = tx_get(r, "merge note", &key)? else {
        return Ok(());
    };
    let note = UnmergeNote {
        merge,
        at,
        officer: officer.to_string(),
    };
    r.remove(key)?;
    r.remove(keys::pair(keys::KIND_MERGE_MOVES, into, gone))?;
    r.insert(
        keys::unmerge(into, gone, at),
        encode("unmerge note", &note).map_err(abort)?,
    )?;
    Ok(())
}
