//! Folding ops into the view: records, their index entries and their report facts, in sled
//! transactions. Deterministic, so a replay gives the view it replaces.

use serde::de::DeserializeOwned;
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};

use super::facts::{StoredConsultation, StoredPerson, StoredVisit};
use super::{
    Change, META_APPLIED, META_BATCH_LEFT, META_HLC, META_LAST_OP, Placed, Record, Result, Store,
    StoreError, decode, encode, keys,
};
use crate::domain::card::{HistoryEntry, PersonVersion};
use crate::domain::{Appeal, AppealMember, Consultation, Event, Id, Meta, Person, Visit};

/// What applying one op did; refusals are logged after the transaction (no side effects
/// inside it, since sled may retry the closure).
#[derive(Default)]
struct Applied {
    refused_moves: usize,
    refused_undos: usize,
    /// The history key each version kept in this transaction went to, by record and
    /// revision: the digest in the key is of the version's bytes, which a merge's note of
    /// what it moved cannot know otherwise (a transaction cannot scan).
    kept: std::collections::HashMap<(Id, u32), Vec<u8>>,
}

impl Store {
    /// Applies ops (each placed at its end offset in the journal) in one sled transaction:
    /// the same result as one at a time, but for bulk loads and replays a bucket of report
    /// facts that many of them touch is written once, not once per op.
    pub(super) fn apply_all(&self, ops: &[Placed]) -> Result<()> {
        let result = (&self.records, &self.index, &self.meta).transaction(|(r, ix, m)| {
            let mut applied = Applied::default();
            let ix = Ix::new(ix);
            for p in ops {
                for (seq, change) in (0..).zip(&p.op.changes) {
                    apply_change(r, &ix, change, (p.op, seq), &mut applied)?;
                }
            }
            ix.finish()?;
            if let Some(last) = ops.last() {
                m.insert(META_APPLIED, &last.end.to_be_bytes())?;
                m.insert(META_HLC, &last.hlc.to_be_bytes())?;
                m.insert(META_LAST_OP, &last.op.id.to_bytes())?;
                m.insert(META_BATCH_LEFT, &u64::from(last.batch_left).to_be_bytes())?;
            }
            Ok(applied)
        });
        match result {
            Ok(applied) => {
                if applied.refused_undos > 0 {
                    tracing::warn!(
                        undos = applied.refused_undos,
                        "ops held undos of queue moves that were no longer the last; skipped"
                    );
                }
                if applied.refused_moves > 0 {
                    tracing::warn!(
                        moves = applied.refused_moves,
                        "ops held queue moves not allowed from the visit's state; skipped"
                    );
                }
                Ok(())
            }
            Err(TransactionError::Abort(e)) => Err(e),
            Err(TransactionError::Storage(e)) => Err(self.sled_err(e)),
        }
    }
}

mod gone;
mod ix;
mod merges;
mod queue;
mod shown;

use ix::Ix;

/// Whether a value of the fold's own bookkeeping (`keys::KIND_MOVES`,
/// `keys::KIND_MERGE_LOG`) decodes, for salvage.
pub(super) fn readable(key: &[u8], value: &[u8]) -> bool {
    key.len() == 17
        && match key.first().copied() {
            Some(keys::KIND_MOVES) => queue::readable(value),
            Some(keys::KIND_MERGE_LOG) => merges::readable(value),
            _ => false,
        }
}

type TxResult<T> = std::result::Result<T, ConflictableTransactionError<StoreError>>;

fn abort(e: StoreError) -> ConflictableTransactionError<StoreError> {
    ConflictableTransactionError::Abort(e)
}

fn tx_get<T: DeserializeOwned>(
    r: &TransactionalTree,
    what: &'static str,
    key: &[u8],
) -> TxResult<Option<T>> {
    match r.get(key)? {
        Some(bytes) => decode(what, &bytes).map(Some).map_err(abort),
        None => Ok(None),
    }
}

/// Replaces a record's index entries. Entries in both stay untouched: a bucket is read and
/// rewritten only when the record joins or leaves it.
fn replace_index(ix: &Ix<'_>, old: keys::IndexEntries, new: keys::IndexEntries) -> TxResult<()> {
    use keys::Entry;
    for e in &old {
        if new.contains(e) {
            continue;
        }
        match e {
            Entry::Key(k, _) => {
                if !new
                    .iter()
                    .any(|n| matches!(n, Entry::Key(k2, _) if k2 == k))
                {
                    ix.remove(k.as_slice())?;
                }
            }
            Entry::Member(b, m) => {
                if let Some(v) = ix.get(b.as_slice())? {
                    match keys::without_member(&v, m) {
                        Some(rest) => ix.insert(b.as_slice(), rest)?,
                        None => ix.remove(b.as_slice())?,
                    };
                }
            }
        }
    }
    for e in new {
        if old.contains(&e) {
            continue;
        }
        match e {
            Entry::Key(k, v) => {
                ix.insert(k, v)?;
            }
            Entry::Member(b, m) => {
                let v = ix.get(b.as_slice())?;
                ix.insert(b, keys::with_member(v.as_deref(), &m))?;
            }
        }
    }
    Ok(())
}

/// Folds one change (the `seq`th of its op) into the view. Deterministic: the same ops in
/// any order of arrival give the same state (newer revisions win; queue moves, merges and
/// unmerges are decided in clock order).
fn apply_change(
    r: &TransactionalTree,
    ix: &Ix<'_>,
    change: &Change,
    (op, seq): (&super::Op, u32),
    applied: &mut Applied,
) -> TxResult<()> {
    let officer = op.officer.as_str();
    let named = gone::named_in(change);
    let redirected = gone::redirect(r, change)?;
    let change = redirected.as_ref().unwrap_or(change);
    match change {
        Change::PutPerson(p) | Change::UpdatePerson(p) => {
            let by = matches!(change, Change::UpdatePerson(_)).then_some(officer);
            if gone::person_version(r, p, by)? {
                return Ok(());
            }
        }
        _ => {}
    }
    let put = shown::put_by(change);
    if let Some(at) = put {
        shown::of_kind(r, ix, at, false)?;
    }
    match change {
        Change::Restore { key, value } => restore_raw(r, ix, key, Some(value))?,
        Change::Forget { key } => restore_raw(r, ix, key, None)?,
        Change::PutEvent(e) => put_record(
            r,
            ix,
            Put {
                meta: |e: &Event| &e.meta,
                index: |_| Vec::new(),
                history: None,
                fact: None,
                unfact: None,
                person: None,
            },
            e,
            None,
            applied,
        )?,
        Change::PutPerson(p) => put_record(
            r,
            ix,
            Put {
                meta: |p: &Person| &p.meta,
                index: |_| Vec::new(),
                history: None,
                fact: Some(person_fact),
                unfact: None,
                person: None,
            },
            p,
            None,
            applied,
        )?,
        Change::PutVisit(v) => {
            let named = named.unwrap_or(v.person);
            if !queue::put(r, ix, v, named)? {
                let put = Put {
                    meta: |v: &Visit| &v.meta,
                    index: keys::visit_index,
                    history: None,
                    fact: Some(visit_fact),
                    unfact: Some(visit_unfact),
                    person: Some(PersonOf {
                        get: |v| v.person,
                        with: |v, person| Visit {
                            person,
                            ..v.clone()
                        },
                    }),
                };
                put_record(r, ix, put, v, Some(named), applied)?;
            }
        }
        Change::SetVisitStatus { .. } | Change::UndoVisitStatus { .. } => {
            let set = matches!(change, Change::SetVisitStatus { .. });
            if let queue::Stands::No = queue::moved(r, ix, op, seq, change)? {
                if set {
                    applied.refused_moves += 1;
                } else {
                    applied.refused_undos += 1;
                }
            }
        }
        Change::PutConsultation(c) => put_record(
            r,
            ix,
            Put {
                meta: |c: &Consultation| &c.meta,
                index: keys::consultation_index,
                history: Some(HistoryEntry::Consultation),
                fact: Some(consultation_fact),
                unfact: Some(consultation_unfact),
                person: Some(PersonOf {
                    get: |c| c.person,
                    with: |c, person| Consultation {
                        person,
                        ..c.clone()
                    },
                }),
            },
            c,
            named,
            applied,
        )?,
        Change::PutAppeal(a) => put_record(
            r,
            ix,
            Put {
                meta: |a: &Appeal| &a.meta,
                index: keys::appeal_index,
                history: Some(HistoryEntry::Appeal),
                fact: None,
                unfact: None,
                person: None,
            },
            a,
            None,
            applied,
        )?,
        Change::PutAppealMember(m) => put_record(
            r,
            ix,
            Put {
                meta: |m: &AppealMember| &m.meta,
                index: keys::member_index,
                history: Some(HistoryEntry::Member),
                fact: None,
                unfact: None,
                person: Some(PersonOf {
                    get: |m| m.person,
                    with: |m, person| AppealMember {
                        person,
                        ..m.clone()
                    },
                }),
            },
            m,
            named,
            applied,
        )?,
        Change::UpdatePerson(p) => update_person(r, ix, p, officer)?,
        Change::MergePerson { into, gone, at } => {
            let moves = merges::moves_of(r, &op.changes, *into, &applied.kept)?;
            merges::fold(r, ix, op, seq, (*into, *gone, *at), Some(moves))?;
        }
        Change::UnmergePerson { into, gone, at } => {
            merges::fold(r, ix, op, seq, (*into, *gone, *at), None)?;
        }
        Change::Replaces { id, version, bases } => {
            super::lineage::note(r, *id, *version, bases)?;
            shown::refresh_any(r, ix, *id)?;
        }
    }
    // An edit's `Replaces` comes next and shows the record then, with its lineage.
    let replaced_next = matches!(
        op.changes.get(seq as usize + 1),
        Some(Change::Replaces { id, .. }) if put.is_some_and(|(_, p)| p == *id)
    );
    if let Some(at) = put
        && !replaced_next
    {
        shown::of_kind(r, ix, at, true)?;
    }
    Ok(())
}

/// Puts (or removes) a record of the records tree as raw stored bytes, with its index
/// entries and report facts: salvage makes the view hold exactly what it held before.
fn restore_raw(
    r: &TransactionalTree,
    ix: &Ix<'_>,
    key: &[u8],
    value: Option<&Vec<u8>>,
) -> TxResult<()> {
    let old = r.get(key)?;
    let id = key
        .get(1..17)
        .and_then(Id::from_bytes)
        .filter(|_| key.len() == 17);
    fn both<T: Record>(old: Option<&[u8]>, new: Option<&[u8]>) -> TxResult<(Option<T>, Option<T>)> {
        let old = old.map(|b| decode(T::WHAT, b)).transpose().map_err(abort)?;
        let new = new.map(|b| decode(T::WHAT, b)).transpose().map_err(abort)?;
        Ok((old, new))
    }
    let (old_b, new_b) = (old.as_deref(), value.map(Vec::as_slice));
    match (key.first().copied(), id) {
        (Some(Person::KIND), Some(id)) => {
            let (_, new) = both::<Person>(old_b, new_b)?;
            let fact_key = keys::fact_bucket(keys::IX_FACT_PERSON, None, id);
            ix.upsert_fact(fact_key, id, new.as_ref().map(StoredPerson::of))?;
        }
        (Some(Visit::KIND), Some(id)) => {
            let (old, new) = both::<Visit>(old_b, new_b)?;
            let ix_of = |v: &Option<Visit>| v.as_ref().map(keys::visit_index).unwrap_or_default();
            replace_index(ix, ix_of(&old), ix_of(&new))?;
            if let Some(o) = &old {
                let k = keys::fact_bucket(keys::IX_FACT_VISIT, Some(o.event), id);
                ix.upsert_fact::<StoredVisit>(k, id, None)?;
            }
            if let Some(n) = &new {
                visit_fact(ix, n)?;
            }
        }
        (Some(Consultation::KIND), Some(id)) => {
            let (old, new) = both::<Consultation>(old_b, new_b)?;
            let ix_of = |c: &Option<Consultation>| {
                c.as_ref().map(keys::consultation_index).unwrap_or_default()
            };
            replace_index(ix, ix_of(&old), ix_of(&new))?;
            if let Some(o) = &old {
                let k = keys::fact_bucket(keys::IX_FACT_CONSULTATION, Some(o.event), id);
                ix.upsert_fact::<StoredConsultation>(k, id, None)?;
            }
            if let Some(n) = &new {
                consultation_fact(ix, n)?;
            }
        }
        (Some(Appeal::KIND), Some(_)) => {
            let (old, new) = both::<Appeal>(old_b, new_b)?;
            let ix_of = |a: &Option<Appeal>| a.as_ref().map(keys::appeal_index).unwrap_or_default();
            replace_index(ix, ix_of(&old), ix_of(&new))?;
        }
        (Some(AppealMember::KIND), Some(_)) => {
            let (old, new) = both::<AppealMember>(old_b, new_b)?;
            let ix_of =
                |m: &Option<AppealMember>| m.as_ref().map(keys::member_index).unwrap_or_default();
            replace_index(ix, ix_of(&old), ix_of(&new))?;
        }
        // Events, history versions and merge notes have no index entries.
        _ => {}
    }
    match value {
        Some(v) => r.insert(key, v.as_slice())?,
        None => r.remove(key)?,
    };
    Ok(())
}

/// How one record kind is stored (where, and what it is called: `Record`).
struct Put<T> {
    meta: fn(&T) -> &Meta,
    index: fn(&T) -> keys::IndexEntries,
    /// For versioned kinds: how a replaced version is kept in the history tree.
    history: Option<fn(T) -> HistoryEntry>,
    /// For kinds that reports count: puts the record's facts in their bucket.
    fact: Option<fn(&Ix<'_>, &T) -> TxResult<()>>,
    /// For kinds whose fact bucket depends on a field that can change (a visit's or a
    /// consultation's event): takes the replaced version's fact out of its bucket, so a
    /// record moved to another event is not counted in both.
    unfact: Option<fn(&Ix<'_>, &T) -> TxResult<()>>,
    /// For kinds saved for a person (who may be merged away and back).
    person: Option<PersonOf<T>>,
}

/// A record's person: the one it is shown on, and the record shown on another.
struct PersonOf<T> {
    get: fn(&T) -> Id,
    with: fn(&T, Id) -> T,
}

fn visit_unfact(ix: &Ix<'_>, v: &Visit) -> TxResult<()> {
    let key = keys::fact_bucket(keys::IX_FACT_VISIT, Some(v.event), v.meta.id);
    ix.upsert_fact::<StoredVisit>(key, v.meta.id, None)
}

fn consultation_unfact(ix: &Ix<'_>, c: &Consultation) -> TxResult<()> {
    let key = keys::fact_bucket(keys::IX_FACT_CONSULTATION, Some(c.event), c.meta.id);
    ix.upsert_fact::<StoredConsultation>(key, c.meta.id, None)
}

fn person_fact(ix: &Ix<'_>, p: &Person) -> TxResult<()> {
    let key = keys::fact_bucket(keys::IX_FACT_PERSON, None, p.meta.id);
    ix.upsert_fact(key, p.meta.id, Some(StoredPerson::of(p)))
}

fn visit_fact(ix: &Ix<'_>, v: &Visit) -> TxResult<()> {
    let key = keys::fact_bucket(keys::IX_FACT_VISIT, Some(v.event), v.meta.id);
    ix.upsert_fact(key, v.meta.id, Some(StoredVisit::of(v)))
}

fn consultation_fact(ix: &Ix<'_>, c: &Consultation) -> TxResult<()> {
    let key = keys::fact_bucket(keys::IX_FACT_CONSULTATION, Some(c.event), c.meta.id);
    ix.upsert_fact(key, c.meta.id, Some(StoredConsultation::of(c)))
}

/// Puts a whole record; the version with the higher revision wins, whatever the order of
/// arrival. For versioned kinds the version replaced goes to the history tree, and a version
/// older than the one stored (arriving late in a merge) only joins the history. A record
/// saved for a person (`named`) may be shown on the person kept of a merge (`new` is): its
/// versions are compared and kept as saved, so that where a merge has moved it does not
/// decide which version wins.
fn put_record<T>(
    r: &TransactionalTree,
    ix: &Ix<'_>,
    v: Put<T>,
    new: &T,
    named: Option<Id>,
    applied: &mut Applied,
) -> TxResult<()>
where
    T: Record + Clone + PartialEq,
{
    let meta = (v.meta)(new);
    let id = meta.id;
    let key = keys::record(T::KIND, id);
    let old: Option<T> = tx_get(r, T::WHAT, &key)?;
    // As saved: `new` for `named`, the stored version for the person noted for it.
    let saved = |t: &T, person: Option<Id>| match (&v.person, person) {
        (Some(p), Some(person)) => (p.with)(t, person),
        _ => t.clone(),
    };
    let new_saved = saved(new, named);
    let old_saved = match (&old, &v.person) {
        (Some(o), Some(p)) => Some(saved(o, Some(gone::named_of(r, T::KIND, id, (p.get)(o))?))),
        (Some(o), None) => Some(o.clone()),
        (None, _) => None,
    };
    let mut keep = |r: &TransactionalTree, version: &T| -> TxResult<()> {
        let Some(wrap) = v.history else {
            return Ok(());
        };
        let m = (v.meta)(version);
        let bytes = encode(T::WHAT, version).map_err(abort)?;
        let entry = wrap(version.clone());
        let at = keys::history(m.id, m.rev, &bytes);
        r.insert(at.as_slice(), encode("history", &entry).map_err(abort)?)?;
        applied.kept.insert((m.id, m.rev), at);
        Ok(())
    };
    let old_keys = match (&old, &old_saved) {
        (Some(_), Some(o)) if *o == new_saved => return Ok(()),
        (Some(_), Some(o)) if !wins(&new_saved, meta, o, (v.meta)(o))? => {
            return keep(r, &new_saved);
        }
        (Some(o), Some(os)) => {
            keep(r, os)?;
            (v.index)(o)
        }
        _ => vec![],
    };
    replace_index(ix, old_keys, (v.index)(new))?;
    r.insert(&key, encode(T::WHAT, new).map_err(abort)?)?;
    if let (Some(p), Some(named)) = (&v.person, named) {
        let shown = (p.get)(new);
        // A record new here has no note yet (most of a bulk load).
        if shown != named || old.is_some() {
            gone::note_named(r, T::KIND, id, shown, named)?;
        }
    }
    if let (Some(unfact), Some(o)) = (v.unfact, &old) {
        unfact(ix, o)?;
    }
    if let Some(fact) = v.fact {
        fact(ix, new)?;
    }
    Ok(())
}

/// Whether version `new` of a record takes the place of `old`: the later revision, then
/// the later change, then the desk (`Meta::supersedes`); two versions equal in all three
/// (two desks changed the same version in the same millisecond) by their stored bytes,
/// so that every desk keeps the same one whichever arrived first.
fn wins<T: Record>(new: &T, new_meta: &Meta, old: &T, old_meta: &Meta) -> TxResult<bool> {
    let order = |m: &Meta| (m.rev, m.updated, m.desk);
    Ok(match order(new_meta).cmp(&order(old_meta)) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => {
            encode(T::WHAT, new).map_err(abort)? > encode(T::WHAT, old).map_err(abort)?
        }
    })
}

/// A person's corrected details: the version with the higher revision is the record, and
/// each version an edit wrote is kept in history with its officer, as is the version the
/// first edit replaced (with no officer: an arrival or an import saved it). A version
/// arriving late (a merge) only joins the history.
fn update_person(r: &TransactionalTree, ix: &Ix<'_>, p: &Person, officer: &str) -> TxResult<()> {
    let key = keys::record(Person::KIND, p.meta.id);
    let old: Option<Person> = tx_get(r, Person::WHAT, &key)?;
    let keep = |version: &Person, officer: &str| -> TxResult<()> {
        let bytes = encode(Person::WHAT, version).map_err(abort)?;
        let at = keys::history(version.meta.id, version.meta.rev, &bytes);
        if r.get(&at)?.is_none() {
            let entry = HistoryEntry::Person(PersonVersion {
                person: version.clone(),
                officer: officer.to_string(),
            });
            r.insert(at, encode("history", &entry).map_err(abort)?)?;
        }
        Ok(())
    };
    keep(p, officer)?;
    if let Some(o) = &old {
        keep(o, "")?;
    }
    match &old {
        Some(o) if o == p || !wins(p, &p.meta, o, &o.meta)? => Ok(()),
        _ => {
            r.insert(&key, encode(Person::WHAT, p).map_err(abort)?)?;
            person_fact(ix, p)
        }
    }
}
