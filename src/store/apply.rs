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
use crate::domain::card::{HistoryEntry, MergeNote, PersonVersion};
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
                for change in &p.op.changes {
                    apply_change(r, &ix, change, p.op, &mut applied)?;
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
mod undo;

use ix::Ix;

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

/// Folds one change into the view. Deterministic: the same ops in any order of arrival give
/// the same state (newer revisions win; queue moves apply only where allowed).
fn apply_change(
    r: &TransactionalTree,
    ix: &Ix<'_>,
    change: &Change,
    op: &super::Op,
    applied: &mut Applied,
) -> TxResult<()> {
    let officer = op.officer.as_str();
    let unmerged = gone::unmerged(op);
    let redirected = gone::redirect(r, change, &unmerged)?;
    let change = redirected.as_ref().unwrap_or(change);
    match change {
        Change::PutPerson(p) | Change::UpdatePerson(p) => {
            let by = matches!(change, Change::UpdatePerson(_)).then_some(officer);
            if gone::person_version(r, p, by, &unmerged)? {
                return Ok(());
            }
        }
        _ => {}
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
            },
            e,
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
            },
            p,
            applied,
        )?,
        Change::PutVisit(v) => put_record(
            r,
            ix,
            Put {
                meta: |v: &Visit| &v.meta,
                index: keys::visit_index,
                history: None,
                fact: Some(visit_fact),
                unfact: Some(visit_unfact),
            },
            v,
            applied,
        )?,
        Change::SetVisitStatus { visit, status, at } => {
            let key = keys::record(Visit::KIND, *visit);
            let Some(mut v): Option<Visit> = tx_get(r, Visit::WHAT, &key)? else {
                applied.refused_moves += 1;
                return Ok(());
            };
            if v.transition(*status, *at, officer).is_err() {
                applied.refused_moves += 1;
                return Ok(());
            }
            r.insert(&key, encode(Visit::WHAT, &v).map_err(abort)?)?;
            visit_fact(ix, &v)?;
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
            },
            c,
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
            },
            a,
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
            },
            m,
            applied,
        )?,
        Change::UpdatePerson(p) => update_person(r, ix, p, officer)?,
        Change::MergePerson { into, gone, at } => {
            let key = keys::record(Person::KIND, *gone);
            // The person kept was merged into `gone` meanwhile (two desks merged the pair
            // in opposite directions): this merge would leave neither, so it is not applied.
            let kept = gone::resolve_person(r, *into)?;
            // Already merged (replayed twice): nothing left to do.
            if kept != *gone
                && let Some(p) = tx_get::<Person>(r, Person::WHAT, &key)?
            {
                let note = MergeNote {
                    into: *into,
                    gone: p,
                    at: *at,
                    officer: officer.to_string(),
                };
                r.insert(
                    keys::pair(keys::KIND_MERGE, *into, *gone),
                    encode("merge note", &note).map_err(abort)?,
                )?;
                r.remove(&key)?;
                ix.upsert_fact::<StoredPerson>(
                    keys::fact_bucket(keys::IX_FACT_PERSON, None, *gone),
                    *gone,
                    None,
                )?;
                undo::note_merge_moves(r, &op.changes, *into, *gone, &applied.kept)?;
                gone::after_merge(r, ix, kept, *gone, *into)?;
            }
        }
        Change::UndoVisitStatus {
            visit,
            undone,
            undone_at,
            at,
        } => {
            let taken_back = (*undone, *undone_at);
            if !undo::undo_move(r, ix, *visit, taken_back, *at, officer)? {
                applied.refused_undos += 1;
            }
        }
        Change::UnmergePerson { into, gone, at } => {
            undo::close_merge(r, *into, *gone, *at, officer)?;
            gone::after_unmerge(r, *into, *gone)?;
        }
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
/// older than the one stored (arriving late in a merge) only joins the history.
fn put_record<T>(
    r: &TransactionalTree,
    ix: &Ix<'_>,
    v: Put<T>,
    new: &T,
    applied: &mut Applied,
) -> TxResult<()>
where
    T: Record + Clone + PartialEq,
{
    let meta = (v.meta)(new);
    let key = keys::record(T::KIND, meta.id);
    let old: Option<T> = tx_get(r, T::WHAT, &key)?;
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
    let old_keys = match &old {
        Some(o) if o == new => return Ok(()),
        Some(o) if !wins(new, meta, o, (v.meta)(o))? => return keep(r, new),
        Some(o) => {
            keep(r, o)?;
            (v.index)(o)
        }
        None => vec![],
    };
    replace_index(ix, old_keys, (v.index)(new))?;
    r.insert(&key, encode(T::WHAT, new).map_err(abort)?)?;
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
