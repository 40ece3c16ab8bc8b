//! Which merges of persons stand, as a function of the set of merges and unmerges: two
//! desks that merge one pair of duplicates before they meet (even in opposite directions),
//! or that unmerge on one desk while the other adds to the merged person, end alike.
//!
//! Every merge and unmerge is kept in the log of each person it names
//! (`keys::KIND_MERGE_LOG`). The persons joined by merges are a group (two or three in
//! practice), and when a merge or unmerge of a group arrives, the group's log is replayed
//! in clock order (hlc, desk, op id): a merge stands if its duplicate is not merged away
//! already and the person kept does not stand for the duplicate (the opposite merge came
//! first); an unmerge takes back the merge of its pair that stands, if one does. What
//! changed between the replay without the new op and with it is applied: person records
//! go to their merge notes or come back from them, tombstones (`keys::KIND_GONE`) and
//! unmerge notes follow, and every record of the group is shown on the person the one it
//! was saved for stands for (`gone::follow`). So the cost is the group's few persons and
//! their records, never the view's.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sled::transaction::TransactionalTree;

use super::{Ix, TxResult, abort, person_fact, tx_get};
use crate::domain::card::{HistoryEntry, MergeMoves, MergeNote, MovedMember, UnmergeNote};
use crate::domain::{DeskId, Id, MemberStatus, Person};
use crate::store::facts::StoredPerson;
use crate::store::{Change, Op, Record, encode, keys};

/// A group bigger than this is damage: replayed no further than what was read.
const MAX_GROUP: usize = 64;

type Order = (u64, DeskId, Id, u32);

/// One merge or unmerge as its op made it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Edge {
    hlc: u64,
    desk: DeskId,
    op: Id,
    /// The change's place in its op.
    seq: u32,
    into: Id,
    gone: Id,
    #[serde(with = "chrono::serde::ts_microseconds")]
    at: DateTime<Utc>,
    officer: String,
    kind: Kind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
enum Kind {
    /// What the merge's op moved (for an unmerge to move back).
    Merge(MergeMoves),
    /// The duplicate's record as the unmerge's op put it back (its merge note's copy on
    /// that desk), for the unmerge note.
    Unmerge(Option<Person>),
}

impl Edge {
    fn order(&self) -> Order {
        (self.hlc, self.desk, self.op, self.seq)
    }
}

/// The outcome of a replay: the merge each merged-away person stands merged by, and the
/// unmerges that took one back (with that merge).
#[derive(Default, PartialEq)]
struct Standing {
    by: BTreeMap<Id, Order>,
    parted: BTreeSet<(Order, Order)>,
}

/// Folds a merge (`moves`: what its op moved) or, with `None`, an unmerge.
pub(super) fn fold(
    r: &TransactionalTree,
    ix: &Ix<'_>,
    op: &Op,
    seq: u32,
    (into, gone, at): (Id, Id, DateTime<Utc>),
    moves: Option<MergeMoves>,
) -> TxResult<()> {
    let kind = match moves {
        Some(m) => Kind::Merge(m),
        None => Kind::Unmerge(op.changes.iter().find_map(|c| match c {
            Change::PutPerson(p) if p.meta.id == gone => Some(p.clone()),
            _ => None,
        })),
    };
    let edge = Edge {
        hlc: op.hlc,
        desk: op.desk,
        op: op.id,
        seq,
        into,
        gone,
        at,
        officer: op.officer.clone(),
        kind,
    };
    let (persons, mut edges) = group(r, [into, gone])?;
    if edges.contains_key(&edge.order()) {
        return Ok(()); // applied before
    }
    let before = replay(&edges);
    for p in [into, gone] {
        let key = keys::record(keys::KIND_MERGE_LOG, p);
        let mut log: Vec<Edge> = tx_get(r, "merge log", &key)?.unwrap_or_default();
        log.push(edge.clone());
        log.sort_by_key(Edge::order);
        r.insert(key.as_slice(), encode("merge log", &log).map_err(abort)?)?;
    }
    edges.insert(edge.order(), edge);
    let after = replay(&edges);
    if before == after {
        return Ok(());
    }
    for &p in &persons {
        person(r, ix, p, &edges, &before, &after)?;
    }
    parted(r, &edges, &before, &after)?;
    let persons: Vec<Id> = persons.into_iter().collect();
    super::gone::follow(r, ix, &persons)
}

/// The persons joined to `start` by merges or unmerges, and all their edges.
fn group(r: &TransactionalTree, start: [Id; 2]) -> TxResult<(BTreeSet<Id>, BTreeMap<Order, Edge>)> {
    let mut persons: BTreeSet<Id> = start.into_iter().collect();
    let mut todo: Vec<Id> = start.to_vec();
    let mut edges = BTreeMap::new();
    while let Some(p) = todo.pop() {
        let log: Vec<Edge> =
            tx_get(r, "merge log", &keys::record(keys::KIND_MERGE_LOG, p))?.unwrap_or_default();
        for e in log {
            for q in [e.into, e.gone] {
                if persons.len() < MAX_GROUP && persons.insert(q) {
                    todo.push(q);
                }
            }
            edges.insert(e.order(), e);
        }
    }
    Ok((persons, edges))
}

/// The group's merges and unmerges in clock order.
fn replay(edges: &BTreeMap<Order, Edge>) -> Standing {
    let mut s = Standing::default();
    for (k, e) in edges {
        match &e.kind {
            Kind::Merge(_) => {
                let kept = stands_for(&s, edges, e.into);
                if !s.by.contains_key(&e.gone) && kept != e.gone {
                    s.by.insert(e.gone, *k);
                }
            }
            Kind::Unmerge(_) => {
                if let Some(m) = s.by.get(&e.gone).copied()
                    && edges.get(&m).is_some_and(|m| m.into == e.into)
                {
                    s.by.remove(&e.gone);
                    s.parted.insert((*k, m));
                }
            }
        }
    }
    s
}

/// The person `id` stands for in `s`.
fn stands_for(s: &Standing, edges: &BTreeMap<Order, Edge>, mut id: Id) -> Id {
    for _ in 0..=MAX_GROUP {
        match s.by.get(&id).and_then(|k| edges.get(k)) {
            Some(e) => id = e.into,
            None => break,
        }
    }
    id
}

/// Person `p`'s record, merge note and tombstone as `after` has them.
fn person(
    r: &TransactionalTree,
    ix: &Ix<'_>,
    p: Id,
    edges: &BTreeMap<Order, Edge>,
    before: &Standing,
    after: &Standing,
) -> TxResult<()> {
    let (was, now) = (before.by.get(&p), after.by.get(&p));
    if was == now {
        return Ok(());
    }
    let record = keys::record(Person::KIND, p);
    // The person's details as they stand: the record, or its merge note's copy.
    let copy: Option<Person> = match was.and_then(|k| edges.get(k)) {
        None => {
            // As saved: a person merged away is kept as a version someone saved.
            super::shown::unshow::<Person>(r, ix, p)?;
            tx_get(r, Person::WHAT, &record)?
        }
        Some(e) => {
            let key = keys::pair(keys::KIND_MERGE, e.into, p);
            let note: Option<MergeNote> = tx_get(r, "merge note", &key)?;
            r.remove(key)?;
            r.remove(keys::pair(keys::KIND_MERGE_MOVES, e.into, p))?;
            r.remove(keys::record(keys::KIND_GONE, p).as_slice())?;
            note.map(|n| n.gone)
        }
    };
    match now.and_then(|k| edges.get(k)) {
        Some(e) => {
            if was.is_none() {
                r.remove(record.as_slice())?;
                let fact = keys::fact_bucket(keys::IX_FACT_PERSON, None, p);
                ix.upsert_fact::<StoredPerson>(fact, p, None)?;
            }
            if let Some(gone) = copy {
                let note = MergeNote {
                    into: e.into,
                    gone,
                    at: e.at,
                    officer: e.officer.clone(),
                };
                r.insert(
                    keys::pair(keys::KIND_MERGE, e.into, p),
                    encode("merge note", &note).map_err(abort)?,
                )?;
            }
            if let Kind::Merge(moves) = &e.kind {
                r.insert(
                    keys::pair(keys::KIND_MERGE_MOVES, e.into, p),
                    encode("merge moves", moves).map_err(abort)?,
                )?;
            }
            r.insert(
                keys::record(keys::KIND_GONE, p).as_slice(),
                e.into.to_bytes().as_slice(),
            )?;
        }
        None => {
            if let Some(back) = copy {
                r.insert(
                    record.as_slice(),
                    encode(Person::WHAT, &back).map_err(abort)?,
                )?;
                person_fact(ix, &back)?;
                super::shown::refresh::<Person>(r, ix, p)?;
            }
        }
    }
    Ok(())
}

/// The unmerge notes as `after` has them.
fn parted(
    r: &TransactionalTree,
    edges: &BTreeMap<Order, Edge>,
    before: &Standing,
    after: &Standing,
) -> TxResult<()> {
    let pair = |&(u, m): &(Order, Order)| Some((edges.get(&u)?, edges.get(&m)?));
    for (u, m) in before.parted.difference(&after.parted).filter_map(pair) {
        r.remove(keys::unmerge(m.into, m.gone, u.at))?;
    }
    for (u, m) in after.parted.difference(&before.parted).filter_map(pair) {
        let copy = match &u.kind {
            Kind::Unmerge(Some(p)) => Some(p.clone()),
            // An unmerge op without the record (not made by this program): the record as
            // it is now.
            _ => tx_get(r, Person::WHAT, &keys::record(Person::KIND, m.gone))?,
        };
        let Some(gone) = copy else { continue };
        let note = UnmergeNote {
            merge: MergeNote {
                into: m.into,
                gone,
                at: m.at,
                officer: m.officer.clone(),
            },
            at: u.at,
            officer: u.officer.clone(),
        };
        r.insert(
            keys::unmerge(m.into, m.gone, u.at),
            encode("unmerge note", &note).map_err(abort)?,
        )?;
    }
    Ok(())
}

/// What a merge op moved to `into` (its `Put` changes), for an unmerge to move back
/// exactly that. A membership the merge withdrew keeps the status it had.
pub(super) fn moves_of(
    r: &TransactionalTree,
    changes: &[Change],
    into: Id,
    kept: &std::collections::HashMap<(Id, u32), Vec<u8>>,
) -> TxResult<MergeMoves> {
    let mut moves = MergeMoves::default();
    for c in changes {
        match c {
            Change::PutVisit(v) if v.person == into => moves.visits.push(v.meta.id),
            Change::PutConsultation(c) if c.person == into => moves.consultations.push(c.meta.id),
            Change::PutAppealMember(m) if m.person == into => {
                // The version this op's own `Put` was made from: named by its note where
                // the op has one, so found in the history whichever transaction kept it
                // (the map of this transaction's kept versions finds it only when it was
                // replaced in the same one: a rebuild, grouping ops, and a merge applied
                // alone gave two views of the same ops).
                let base = changes.iter().find_map(|c| match c {
                    Change::Replaces { id, bases, .. } if *id == m.meta.id => bases.first(),
                    _ => None,
                });
                let before = match (base, m.meta.rev.checked_sub(1)) {
                    (Some(b), _) => tx_get(r, "history", &keys::history_at(m.meta.id, *b))?,
                    (None, Some(rev)) => match kept.get(&(m.meta.id, rev)) {
                        Some(at) => tx_get(r, "history", at)?,
                        None => None,
                    },
                    (None, None) => None,
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
    Ok(moves)
}

/// Whether `value` is a stored merge log.
pub(super) fn readable(value: &[u8]) -> bool {
    crate::store::codec::decode::<Vec<Edge>>(value).is_ok()
}
