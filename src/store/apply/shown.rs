//! The fold's side of `store::merged`: after a version of a record with several leaves is
//! folded, the record is shown merged from them, with a note of the leaf it was before;
//! before another version of it is folded, the leaf is put back, so that every version is
//! compared with and kept as a version someone saved.

use sled::transaction::TransactionalTree;

use super::super::merged::{self, Note};
use super::super::op::VersionRef;
use super::super::{Record, encode, keys};
use super::ix::Ix;
use super::{
    TxResult, abort, consultation_fact, consultation_unfact, gone, person_fact, replace_index,
    tx_get,
};
use crate::domain::card::{HistoryEntry, PersonVersion};
use crate::domain::{Appeal, AppealMember, Consultation, Id, Meta, Person};

/// A kind of record that keeps versions, as the fold writes it.
pub(super) trait Shown: Record + Clone + PartialEq {
    fn meta(&self) -> &Meta;
    fn entry(&self) -> HistoryEntry;
    /// `self` with the parts of version `e` (`None`: another kind).
    fn with_parts(&self, e: &HistoryEntry) -> Option<Self>;
    /// The person it is shown on, for the kinds saved for one.
    fn person(&mut self) -> Option<&mut Id> {
        None
    }
    fn index(&self) -> keys::IndexEntries {
        Vec::new()
    }
    fn fact(&self, _ix: &Ix<'_>) -> TxResult<()> {
        Ok(())
    }
    fn unfact(&self, _ix: &Ix<'_>) -> TxResult<()> {
        Ok(())
    }
}

impl Shown for Person {
    fn meta(&self) -> &Meta {
        &self.meta
    }
    fn entry(&self) -> HistoryEntry {
        HistoryEntry::Person(PersonVersion {
            person: self.clone(),
            officer: String::new(),
        })
    }
    fn with_parts(&self, e: &HistoryEntry) -> Option<Self> {
        let HistoryEntry::Person(v) = e else {
            return None;
        };
        Some(Person {
            fields: v.person.fields.clone(),
            ..self.clone()
        })
    }
    fn fact(&self, ix: &Ix<'_>) -> TxResult<()> {
        person_fact(ix, self)
    }
}

impl Shown for Consultation {
    fn meta(&self) -> &Meta {
        &self.meta
    }
    fn entry(&self) -> HistoryEntry {
        HistoryEntry::Consultation(self.clone())
    }
    fn with_parts(&self, e: &HistoryEntry) -> Option<Self> {
        let HistoryEntry::Consultation(c) = e else {
            return None;
        };
        Some(Consultation {
            fields: c.fields.clone(),
            ..self.clone()
        })
    }
    fn person(&mut self) -> Option<&mut Id> {
        Some(&mut self.person)
    }
    fn index(&self) -> keys::IndexEntries {
        keys::consultation_index(self)
    }
    fn fact(&self, ix: &Ix<'_>) -> TxResult<()> {
        consultation_fact(ix, self)
    }
    fn unfact(&self, ix: &Ix<'_>) -> TxResult<()> {
        consultation_unfact(ix, self)
    }
}

impl Shown for Appeal {
    fn meta(&self) -> &Meta {
        &self.meta
    }
    fn entry(&self) -> HistoryEntry {
        HistoryEntry::Appeal(self.clone())
    }
    fn with_parts(&self, e: &HistoryEntry) -> Option<Self> {
        let HistoryEntry::Appeal(a) = e else {
            return None;
        };
        Some(Appeal {
            fields: a.fields.clone(),
            ..self.clone()
        })
    }
    fn index(&self) -> keys::IndexEntries {
        keys::appeal_index(self)
    }
}

impl Shown for AppealMember {
    fn meta(&self) -> &Meta {
        &self.meta
    }
    fn entry(&self) -> HistoryEntry {
        HistoryEntry::Member(self.clone())
    }
    fn with_parts(&self, e: &HistoryEntry) -> Option<Self> {
        let HistoryEntry::Member(m) = e else {
            return None;
        };
        Some(AppealMember {
            claimed: m.claimed,
            recovered: m.recovered,
            status: m.status,
            ..self.clone()
        })
    }
    fn person(&mut self) -> Option<&mut Id> {
        Some(&mut self.person)
    }
    fn index(&self) -> keys::IndexEntries {
        keys::member_index(self)
    }
}

/// Writes `new` in the place of `old` (the view's record `id`), with its index entries
/// and facts.
fn replace<T: Shown>(r: &TransactionalTree, ix: &Ix<'_>, old: &T, new: &T) -> TxResult<()> {
    replace_index(ix, old.index(), new.index())?;
    let key = keys::record(T::KIND, new.meta().id);
    r.insert(key.as_slice(), encode(T::WHAT, new).map_err(abort)?)?;
    old.unfact(ix)?;
    new.fact(ix)
}

/// Puts the winning leaf's parts back in record `id`, if it is shown merged.
pub(super) fn unshow<T: Shown>(r: &TransactionalTree, ix: &Ix<'_>, id: Id) -> TxResult<()> {
    let note_key = keys::record(keys::KIND_SHOWN, id);
    let Some(note): Option<Note> = tx_get(r, "merged note", &note_key)? else {
        return Ok(());
    };
    r.remove(note_key.as_slice())?;
    let Some(view): Option<T> = tx_get(r, T::WHAT, &keys::record(T::KIND, id))? else {
        return Ok(());
    };
    match view.with_parts(&note.winner) {
        Some(back) if back != view => replace(r, ix, &view, &back),
        _ => Ok(()),
    }
}

/// Shows record `id` merged from its leaves, or as saved where there is nothing to merge
/// (`merged::settle`). Called after every version of it is folded.
pub(super) fn refresh<T: Shown>(r: &TransactionalTree, ix: &Ix<'_>, id: Id) -> TxResult<()> {
    unshow::<T>(r, ix, id)?;
    show::<T>(r, ix, id)
}

/// `refresh` of a record shown as saved (`unshow` done).
fn show<T: Shown>(r: &TransactionalTree, ix: &Ix<'_>, id: Id) -> TxResult<()> {
    let lineage_key = keys::record(keys::KIND_LINEAGE, id);
    // Most records have no lineage, or one edit: nothing to merge.
    let Some(lineage): Option<super::super::lineage::Lineage> = tx_get(r, "lineage", &lineage_key)?
    else {
        return Ok(());
    };
    if lineage.nodes.len() < 2 {
        return Ok(());
    }
    let Some(view): Option<T> = tx_get(r, T::WHAT, &keys::record(T::KIND, id))? else {
        return Ok(());
    };
    let mut saved = view.clone();
    if let Some(person) = saved.person() {
        *person = gone::named_of(r, T::KIND, id, *person)?;
    }
    let version = VersionRef::of(saved.meta().rev, &encode(T::WHAT, &saved).map_err(abort)?);
    let winner = saved.entry();
    let settled = merged::settle(&lineage, (version, &winner), |v| {
        tx_get::<HistoryEntry>(r, "history", &keys::history_at(id, v))
    })?;
    let Some(settled) = settled else {
        return Ok(());
    };
    let Some(shown) = view.with_parts(&settled.shown) else {
        return Ok(());
    };
    if shown == view {
        return Ok(());
    }
    replace(r, ix, &view, &shown)?;
    // As saved, not as shown: where a person merge shows the record changes after this
    // (`gone::follow`), and the note must not depend on when that happened.
    let note = Note {
        winner,
        winner_version: version,
        made_from: settled.made_from,
    };
    r.insert(
        keys::record(keys::KIND_SHOWN, id).as_slice(),
        encode("merged note", &note).map_err(abort)?,
    )?;
    Ok(())
}

/// `unshow` (`refresh_it`: true, `refresh` after it) for record `id` of versioned kind
/// `kind`: the fold puts a version between the two.
pub(super) fn of_kind(
    r: &TransactionalTree,
    ix: &Ix<'_>,
    (kind, id): (u8, Id),
    refresh_it: bool,
) -> TxResult<()> {
    macro_rules! go {
        ($t:ty) => {
            if refresh_it {
                show::<$t>(r, ix, id)
            } else {
                unshow::<$t>(r, ix, id)
            }
        };
    }
    match kind {
        keys::KIND_PERSON => go!(Person),
        keys::KIND_CONSULTATION => go!(Consultation),
        keys::KIND_APPEAL => go!(Appeal),
        keys::KIND_MEMBER => go!(AppealMember),
        _ => Ok(()),
    }
}

/// `refresh` for record `id` of whichever versioned kind it is (a `Change::Replaces`
/// names the record only).
pub(super) fn refresh_any(r: &TransactionalTree, ix: &Ix<'_>, id: Id) -> TxResult<()> {
    for kind in [
        Person::KIND,
        Consultation::KIND,
        Appeal::KIND,
        AppealMember::KIND,
    ] {
        if r.get(keys::record(kind, id))?.is_some() {
            of_kind(r, ix, (kind, id), false)?;
            return of_kind(r, ix, (kind, id), true);
        }
    }
    Ok(())
}

/// The versioned record a change puts a version of.
pub(super) fn put_by(change: &super::Change) -> Option<(u8, Id)> {
    use super::Change;
    Some(match change {
        Change::PutPerson(p) | Change::UpdatePerson(p) => (Person::KIND, p.meta.id),
        Change::PutConsultation(c) => (Consultation::KIND, c.meta.id),
        Change::PutAppeal(a) => (Appeal::KIND, a.meta.id),
        Change::PutAppealMember(m) => (AppealMember::KIND, m.meta.id),
        _ => return None,
    })
}
