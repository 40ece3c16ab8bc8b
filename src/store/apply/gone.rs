//! Persons merged away stay merged on every desk, whatever order ops arrive in: a merge
//! that stands (`merges`) leaves a tombstone (`keys::KIND_GONE`, the person kept), and an
//! op made for the gone person on a desk that had not seen the merge lands on the person
//! kept, with a note of the person it was saved for (`keys::KIND_NAMED`): when the merges
//! of its persons are decided again (an unmerge, or a merge earlier by clock arriving
//! late) every record of them is shown where the person it was saved for stands now
//! (`follow`). A record that reached this desk before the merge is moved when the merge is
//! applied, one that arrives after it as it arrives: the same record either way. An edit of
//! the gone person's details never brings the record back: it is kept in its history, and
//! the merge note's copy of the person follows it as the record would have.

use sled::transaction::TransactionalTree;

use super::{Ix, TxResult, abort, consultation_fact, replace_index, tx_get, visit_fact, wins};
use crate::domain::card::{HistoryEntry, MergeNote, PersonVersion};
use crate::domain::{AppealMember, Consultation, Id, Person, Visit};
use crate::store::{Change, Record, encode, keys};

/// A chain of merges longer than this is damage (a cycle cannot be made by merges that
/// each remove the person merged): followed no further.
const MAX_CHAIN: usize = 32;

/// The person merged `gone` into, if `gone` was merged away.
fn merged_into(r: &TransactionalTree, gone: Id) -> TxResult<Option<Id>> {
    Ok(r.get(keys::record(keys::KIND_GONE, gone))?
        .and_then(|v| Id::from_bytes(&v)))
}

/// The person `id` stands for now: itself, or the person kept at the end of its merges.
pub(super) fn resolve_person(r: &TransactionalTree, mut id: Id) -> TxResult<Id> {
    for _ in 0..MAX_CHAIN {
        match merged_into(r, id)? {
            Some(into) => id = into,
            None => break,
        }
    }
    Ok(id)
}

/// The person `change`'s record was saved for, when it names one.
pub(super) fn named_in(change: &Change) -> Option<Id> {
    match change {
        Change::PutVisit(v) => Some(v.person),
        Change::PutConsultation(c) => Some(c.person),
        Change::PutAppealMember(m) => Some(m.person),
        _ => None,
    }
}

/// `change` with its person replaced by the person kept, when it is for a gone person.
pub(super) fn redirect(r: &TransactionalTree, change: &Change) -> TxResult<Option<Change>> {
    let Some(person) = named_in(change) else {
        return Ok(None);
    };
    let to = resolve_person(r, person)?;
    if to == person {
        return Ok(None);
    }
    Ok(match change {
        Change::PutVisit(v) => Some(Change::PutVisit(Visit {
            person: to,
            ..v.clone()
        })),
        Change::PutConsultation(c) => Some(Change::PutConsultation(Consultation {
            person: to,
            ..c.clone()
        })),
        Change::PutAppealMember(m) => Some(Change::PutAppealMember(AppealMember {
            person: to,
            ..m.clone()
        })),
        _ => None,
    })
}

/// The person the stored record `kind`/`id`, shown on `shown`, was saved for.
pub(super) fn named_of(r: &TransactionalTree, kind: u8, id: Id, shown: Id) -> TxResult<Id> {
    Ok(r.get(keys::named(kind, id))?
        .and_then(|v| Id::from_bytes(&v))
        .unwrap_or(shown))
}

/// Notes that the record `kind`/`id`, now shown on `shown`, was saved for `named`
/// (nothing when they are the same person).
pub(super) fn note_named(
    r: &TransactionalTree,
    kind: u8,
    id: Id,
    shown: Id,
    named: Id,
) -> TxResult<()> {
    let key = keys::named(kind, id);
    if shown == named {
        if r.get(&key)?.is_some() {
            r.remove(key)?;
        }
    } else {
        r.insert(key, named.to_bytes().as_slice())?;
    }
    Ok(())
}

/// A `PutPerson` or `UpdatePerson` of a gone person: kept in the merge note (and, for an
/// edit, in history) instead of bringing the record back. `false`: not a gone person.
pub(super) fn person_version(
    r: &TransactionalTree,
    p: &Person,
    officer: Option<&str>,
) -> TxResult<bool> {
    let id = p.meta.id;
    if r.get(keys::record(Person::KIND, id))?.is_some() {
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

/// Every record shown on one of `persons` shown where the person it was saved for stands
/// now (after the merges of those persons were decided again): moved, with its index
/// entries and facts, if that is another person.
pub(super) fn follow(r: &TransactionalTree, ix: &Ix<'_>, persons: &[Id]) -> TxResult<()> {
    for &p in persons {
        for id in bucket(ix, keys::IX_VISIT_BY_PERSON, p)? {
            if let Some((old, new)) = moved::<Visit>(r, id, |v| v.person, |v, to| v.person = to)? {
                replace_index(ix, keys::visit_index(&old), keys::visit_index(&new))?;
                r.insert(
                    keys::record(Visit::KIND, id).as_slice(),
                    encode(Visit::WHAT, &new).map_err(abort)?,
                )?;
                visit_fact(ix, &new)?;
                super::queue::set_person(r, id, new.person)?;
            }
        }
        for id in bucket(ix, keys::IX_CONS_BY_PERSON, p)? {
            if let Some((old, new)) =
                moved::<Consultation>(r, id, |c| c.person, |c, to| c.person = to)?
            {
                let (a, b) = (
                    keys::consultation_index(&old),
                    keys::consultation_index(&new),
                );
                replace_index(ix, a, b)?;
                r.insert(
                    keys::record(Consultation::KIND, id).as_slice(),
                    encode(Consultation::WHAT, &new).map_err(abort)?,
                )?;
                consultation_fact(ix, &new)?;
            }
        }
        for id in bucket(ix, keys::IX_MEMBER_BY_PERSON, p)? {
            if let Some((old, new)) =
                moved::<AppealMember>(r, id, |m| m.person, |m, to| m.person = to)?
            {
                replace_index(ix, keys::member_index(&old), keys::member_index(&new))?;
                r.insert(
                    keys::record(AppealMember::KIND, id).as_slice(),
                    encode(AppealMember::WHAT, &new).map_err(abort)?,
                )?;
            }
        }
    }
    Ok(())
}

/// Record `id` as stored and as it is to be shown, if the person it was saved for stands
/// for another person than the one it is shown on; its note of that person follows.
fn moved<T: Record + Clone>(
    r: &TransactionalTree,
    id: Id,
    person: fn(&T) -> Id,
    set: fn(&mut T, Id),
) -> TxResult<Option<(T, T)>> {
    let Some(old) = tx_get::<T>(r, T::WHAT, &keys::record(T::KIND, id))? else {
        return Ok(None);
    };
    let shown = person(&old);
    let named = named_of(r, T::KIND, id, shown)?;
    let to = resolve_person(r, named)?;
    if to == shown {
        return Ok(None);
    }
    note_named(r, T::KIND, id, to, named)?;
    let mut new = old.clone();
    set(&mut new, to);
    Ok(Some((old, new)))
}

/// The ids in `person`'s bucket of the per-person index `tag`.
fn bucket(ix: &Ix<'_>, tag: u8, person: Id) -> TxResult<Vec<Id>> {
    Ok(ix
        .get(keys::pair_prefix(tag, person).as_slice())?
        .map(|b| keys::bucket_ids(&b, keys::ID_MEMBER).collect())
        .unwrap_or_default())
}
