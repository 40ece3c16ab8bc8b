//! A visit's place in the queue as a function of the set of its moves: two desks that move
//! one visit before they meet end with the same status whatever order the moves reach them.
//!
//! A visit that was ever moved has a bucket (`keys::KIND_MOVES`) with the version of it put
//! last (the one `wins` keeps) and every queue move and undo made for it, in clock order
//! (hlc, desk, op id). The visit the view shows is folded from them each time either
//! changes: the put's own status history without the entries those moves made (a desk that
//! had applied some of them put them in its copy), then each move in order where the
//! queue's rules allow it (`Visit::transition`), each undo where the move it names is still
//! the last (`Visit::undo_last`). A move refused in that order is refused on every desk.
//! A visit is moved a few times, so the bucket is small and the fold cheap; a visit never
//! moved (most of an import) has no bucket and is stored as put.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sled::transaction::TransactionalTree;

use super::{Ix, TxResult, abort, replace_index, tx_get, visit_fact, visit_unfact};
use crate::domain::visit::StatusChange;
use crate::domain::{DeskId, Id, Visit, VisitStatus};
use crate::store::{Change, Op, Record, encode, keys};

/// What is kept of a moved visit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Moves {
    /// The version put last, with the person it is shown on; `None` while only moves of
    /// it have arrived.
    put: Option<Visit>,
    /// In clock order, each once.
    moves: Vec<Move>,
    /// How many undo notes the last fold wrote (`keys::undone(visit, 0..notes)`).
    notes: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Move {
    hlc: u64,
    desk: DeskId,
    op: Id,
    /// The change's place in its op.
    seq: u32,
    officer: String,
    what: What,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
enum What {
    Set {
        status: VisitStatus,
        #[serde(with = "chrono::serde::ts_microseconds")]
        at: DateTime<Utc>,
    },
    Undo {
        undone: VisitStatus,
        #[serde(with = "chrono::serde::ts_microseconds")]
        undone_at: DateTime<Utc>,
        #[serde(with = "chrono::serde::ts_microseconds")]
        at: DateTime<Utc>,
    },
}

impl Move {
    fn order(&self) -> (u64, DeskId, Id, u32) {
        (self.hlc, self.desk, self.op, self.seq)
    }

    /// Whether this move made `entry` of a visit's history.
    fn made(&self, entry: &StatusChange) -> bool {
        matches!(self.what, What::Set { status, at }
            if entry.status == status && entry.at == at && entry.officer == self.officer)
    }
}

/// Whether a move folded into the visit stands in clock order.
pub(super) enum Stands {
    Yes,
    /// Not allowed where it falls (or the visit has not arrived yet).
    No,
    /// Already here (the op was applied before).
    Known,
}

fn read(r: &TransactionalTree, visit: Id) -> TxResult<Option<Moves>> {
    tx_get(r, "queue moves", &keys::record(keys::KIND_MOVES, visit))
}

/// Folds a queue move or undo (`SetVisitStatus`, `UndoVisitStatus`) of op `op`, the
/// `seq`th change in it. Any other change: `Stands::Known`.
pub(super) fn moved(
    r: &TransactionalTree,
    ix: &Ix<'_>,
    op: &Op,
    seq: u32,
    change: &Change,
) -> TxResult<Stands> {
    let (visit, what) = match *change {
        Change::SetVisitStatus { visit, status, at } => (visit, What::Set { status, at }),
        Change::UndoVisitStatus {
            visit,
            undone,
            undone_at,
            at,
        } => (
            visit,
            What::Undo {
                undone,
                undone_at,
                at,
            },
        ),
        _ => return Ok(Stands::Known),
    };
    let m = Move {
        hlc: op.hlc,
        desk: op.desk,
        op: op.id,
        seq,
        officer: op.officer.clone(),
        what,
    };
    let mut b = match read(r, visit)? {
        Some(b) => b,
        // The first move: the visit as stored is the version put last.
        None => Moves {
            put: tx_get(r, Visit::WHAT, &keys::record(Visit::KIND, visit))?,
            ..Moves::default()
        },
    };
    let at = match b.moves.binary_search_by(|x| x.order().cmp(&m.order())) {
        Ok(_) => return Ok(Stands::Known),
        Err(at) => at,
    };
    b.moves.insert(at, m);
    let stands = fold(r, ix, visit, &mut b)?;
    Ok(if stands.get(at).copied().unwrap_or(false) {
        Stands::Yes
    } else {
        Stands::No
    })
}

/// A version of a moved visit put: kept if it wins over the one put last, and the visit
/// folded again. `false`: the visit was never moved, and is put as any record is.
/// `new` is shown on `new.person`; `named` is the person it was saved for.
pub(super) fn put(r: &TransactionalTree, ix: &Ix<'_>, new: &Visit, named: Id) -> TxResult<bool> {
    let id = new.meta.id;
    let Some(mut b) = read(r, id)? else {
        return Ok(false);
    };
    if let Some(old) = &b.put {
        let old_named = super::gone::named_of(r, Visit::KIND, id, old.person)?;
        let (a, o) = (
            Visit {
                person: named,
                ..new.clone()
            },
            Visit {
                person: old_named,
                ..old.clone()
            },
        );
        if a == o || !super::wins(&a, &a.meta, &o, &o.meta)? {
            return Ok(true);
        }
    }
    b.put = Some(new.clone());
    super::gone::note_named(r, Visit::KIND, id, new.person, named)?;
    fold(r, ix, id, &mut b)?;
    Ok(true)
}

/// A moved visit shown on another person now (a merge): its bucket's version follows, so
/// the next fold keeps it there.
pub(super) fn set_person(r: &TransactionalTree, visit: Id, person: Id) -> TxResult<()> {
    if let Some(mut b) = read(r, visit)?
        && let Some(p) = b.put.as_mut()
    {
        p.person = person;
        write(r, visit, &b)?;
    }
    Ok(())
}

fn write(r: &TransactionalTree, visit: Id, b: &Moves) -> TxResult<()> {
    r.insert(
        keys::record(keys::KIND_MOVES, visit).as_slice(),
        encode("queue moves", b).map_err(abort)?,
    )?;
    Ok(())
}

/// The visit folded from its bucket, stored with its index entries, facts and undo notes;
/// whether each move stands.
fn fold(r: &TransactionalTree, ix: &Ix<'_>, id: Id, b: &mut Moves) -> TxResult<Vec<bool>> {
    let Some(put) = &b.put else {
        write(r, id, b)?;
        return Ok(vec![false; b.moves.len()]);
    };
    let mut v = put.clone();
    v.history.retain(|e| !b.moves.iter().any(|m| m.made(e)));
    v.status = v.history.last().map_or(VisitStatus::Waiting, |c| c.status);
    let mut notes = Vec::new();
    let stands = b
        .moves
        .iter()
        .map(|m| match m.what {
            What::Set { status, at } => v.transition(status, at, &m.officer).is_ok(),
            What::Undo {
                undone,
                undone_at,
                at,
            } => match v.undo_last(Some((undone, undone_at)), at, &m.officer) {
                Ok(note) => {
                    notes.push(note);
                    true
                }
                Err(_) => false,
            },
        })
        .collect();
    let key = keys::record(Visit::KIND, id);
    let old: Option<Visit> = tx_get(r, Visit::WHAT, &key)?;
    if old.as_ref() != Some(&v) {
        let old_ix = old.as_ref().map(keys::visit_index).unwrap_or_default();
        replace_index(ix, old_ix, keys::visit_index(&v))?;
        if let Some(o) = &old {
            visit_unfact(ix, o)?;
        }
        r.insert(&key, encode(Visit::WHAT, &v).map_err(abort)?)?;
        visit_fact(ix, &v)?;
    }
    let count = u32::try_from(notes.len()).unwrap_or(u32::MAX);
    for n in count..b.notes {
        r.remove(keys::undone(id, n))?;
    }
    for (n, note) in (0..).zip(&notes) {
        r.insert(
            keys::undone(id, n),
            encode("undo note", note).map_err(abort)?,
        )?;
    }
    b.notes = count;
    write(r, id, b)?;
    Ok(stands)
}

/// Whether `value` is a stored bucket of queue moves.
pub(super) fn readable(value: &[u8]) -> bool {
    crate::store::codec::decode::<Moves>(value).is_ok()
}
