//! Persons merged away stay merged on every desk, whatever order ops arrive in: a merge
//! leaves a tombstone (`keys::KIND_GONE`, the person kept), and an op made for the gone
//! person on a desk that had not seen the merge lands on the person kept. A visit,
//! consultation or membership the merge could not move (it reached this desk before the
//! merge, from a desk the merging desk had not heard from) is moved when the merge is
//! applied; one arriving after it is moved as it arrives: the same record either way. An
//! edit of the gone person's details never brings the record back: it is kept in its
//! history, and the merge note's copy of the person follows it as the record would have.

use sled::transaction::TransactionalTree;

use super::{Ix, TxResult, abort, consultation_fact, replace_index, tx_get, visit_fact, wins};
use crate::domain::card::{HistoryEntry, MergeNote, PersonVersion};
use crate::domain::{AppealMember, Consultation, Id, Person, Visit};
use crate::store::{Change, Op, Record, encode, keys};

/// A chain of merges longer than this is damage (a cycle cannot be made by merges that
/// each remove the person merged): followed no further.
const MAX_CHAIN: usize = 32;

/// The person merged `gone` into, if `gone` was merged away.
fn merged_into(r: &TransactionalTree, gone: Id) -> TxResult<Option<Id>> {
    Ok(r.get(keys::record(keys::KIND_GONE, gone))?
        .and_then(|v| Id::from_bytes(&v)))
}

/// The person `id` stands for now: itself, or the person kept at the end of its merges.
/// `unmerged` are the persons the op being applied takes back out of a merge.
fn resolve(r: &TransactionalTree, mut id: Id, unmerged: &[Id]) -> TxResult<Id> {
    for _ in 0..MAX_CHAIN {
        if unmerged.contains(&id) {
            break;
        }
        match merged_into(r, id)? {
            Some(into) => id = into,
            None => break,
        }
    }
    Ok(id)
}

/// `resolve` outside an unmerge.
pub(super) fn resolve_person(r: &TransactionalTree, id: Id) -> TxResult<Id> {
    resolve(r, id, &[])
}

/// The persons an op takes out of a merge: their own ops in it are not redirected.
pub(super) fn unmerged(op: &Op) -> Vec<Id> {
    op.changes
        .iter()
        .filter_map(|c| match c {
            Change::UnmergePerson { gone, .. } => Some(*gone),
            _ => None,
        })
        .collect()
}

/// `change` with its person replaced by the person kept, when it is for a gone person.
pub(super) fn redirect(
    r: &TransactionalTree,
    change: &Change,
    unmerged: &[Id],
) -> TxResult<Option<Change>> {
    // The change again with `person` moved to the person it resolves to, if that differs.
    fn moved<T: Clone>(
        r: &TransactionalTree,
        record: &T,
        person: Id,
        unmerged: &[Id],
        with: impl FnOnce(T, Id) -> Change,
    ) -> TxResult<Option<Change>> {
        let to = resolve(r, person, unmerged)?;
        Ok((to != person).then(|| with(record.clone(), to)))
    }
    match change {
        Change::PutVisit(v) => moved(r, v, v.person, unmerged, |v, person| {
            Change::PutVisit(Visit { person, ..v })
        }),
        Change::PutConsultation(c) => moved(r, c, c.person, unmerged, |c, person| {
            Change::PutConsultation(Consultation { person, ..c })
        }),
        Change::PutAppealMember(m) => moved(r, m, m.person, unmerged, |m, person| {
            Change::PutAppealMember(AppealMember { person, ..m })
        }),
        _ => Ok(None),
    }
}

/// A `PutPerson` or `UpdatePerson` of a gone person: kept in the merge note (and, for an
/// edit, in history) instead of bringing the record back. `false`: not a gone person.
pub(super) fn person_version(
    r: &TransactionalTree,
    p: &Person,
    officer: Option<&str>,
    unmerged: &[Id],
) -> TxResult<bool> {
    let id = p.meta.id;
    if unmerged.contains(&id) || r.get(keys::record(Person::KIND, id))?.is_some() {
        return Ok(false);
    }
    let Some(into) = merged_into(r, id)? else {
        return Ok(false);
    };
    let note_key = keys::pair(keys::KIND_MERGE, into, id);
    let Some(mut note): Option<MergeNote> = tx_get(r, "merge note", &note_key)? else {
        return Ok(false);
    };
    if let Some(officer) = officer {
        // As `update_person` keeps them: this version with its officer, and the one it
        // replaces (the note's copy, as the record was) with none, each once.
        for (version, by) in [(p, officer), (&note.gone, "")] {
            let bytes = encode(Person::WHAT, version).map_err(abort)?;
            let at = keys::history(id, version.meta.rev, &bytes);
            if r.get(&at)?.is_none() {
                let entry = HistoryEntry::Person(PersonVersion {
                    person: version.clone(),
                    officer: by.to_string(),
                });
                r.insert(at, encode("history", &entry).map_err(abort)?)?;
            }
        }
    }
    if note.gone != *p && wins(p, &p.meta, &note.gone, &note.gone.meta)? {
        note.gone = p.clone();
        r.insert(note_key, encode("merge note", &note).map_err(abort)?)?;
    }
    Ok(true)
}

/// After a merge of `gone` into `into` was applied: the tombstone, and what the merge op
/// did not move (records that reached this desk before the merge did) moved now.
/// `into` is where the records go (the person kept at the end of its merges); the
/// tombstone names `named`, the person the op merged into, as its note does.
pub(super) fn after_merge(
    r: &TransactionalTree,
    ix: &Ix<'_>,
    into: Id,
    gone: Id,
    named: Id,
) -> TxResult<()> {
    r.insert(
        keys::record(keys::KIND_GONE, gone).as_slice(),
        named.to_bytes().as_slice(),
    )?;
    for id in bucket(ix, keys::IX_VISIT_BY_PERSON, gone)? {
        let key = keys::record(Visit::KIND, id);
        if let Some(old) = tx_get::<Visit>(r, Visit::WHAT, &key)? {
            let new = Visit {
                person: into,
                ..old.clone()
            };
            replace_index(ix, keys::visit_index(&old), keys::visit_index(&new))?;
            r.insert(&key, encode(Visit::WHAT, &new).map_err(abort)?)?;
            visit_fact(ix, &new)?;
        }
    }
    for id in bucket(ix, keys::IX_CONS_BY_PERSON, gone)? {
        let key = keys::record(Consultation::KIND, id);
        if let Some(old) = tx_get::<Consultation>(r, Consultation::WHAT, &key)? {
            let new = Consultation {
                person: into,
                ..old.clone()
            };
            let (a, b) = (
                keys::consultation_index(&old),
                keys::consultation_index(&new),
            );
            replace_index(ix, a, b)?;
            r.insert(&key, encode(Consultation::WHAT, &new).map_err(abort)?)?;
            consultation_fact(ix, &new)?;
        }
    }
    for id in bucket(ix, keys::IX_MEMBER_BY_PERSON, gone)? {
        let key = keys::record(AppealMember::KIND, id);
        if let Some(old) = tx_get::<AppealMember>(r, AppealMember::WHAT, &key)? {
            let new = AppealMember {
                person: into,
                ..old.clone()
            };
            replace_index(ix, keys::member_index(&old), keys::member_index(&new))?;
            r.insert(&key, encode(AppealMember::WHAT, &new).map_err(abort)?)?;
        }
    }
    Ok(())
}

/// The ids in `person`'s bucket of the per-person index `tag`.
fn bucket(ix: &Ix<'_>, tag: u8, person: Id) -> TxResult<Vec<Id>> {
    Ok(ix
        .get(keys::pair_prefix(tag, person).as_slice())?
        .map(|b| keys::bucket_ids(&b, keys::ID_MEMBER).collect())
        .unwrap_or_default())
}

/// A merge taken back: ops for `gone` are its own again.
pub(super) fn after_unmerge(r: &TransactionalTree, into: Id, gone: Id) -> TxResult<()> {
    if merged_into(r, gone)? == Some(into) {
        r.remove(keys::record(keys::KIND_GONE, gone).as_slice())?;
    }
    Ok(())
}
