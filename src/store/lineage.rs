//! Which version each version of a record was made from. Every edit of a versioned record
//! (a person's details, a consultation, an appeal, a member) names the version it replaces
//! (`Change::Replaces`, added by the commit from the version the view holds under the
//! writer's lock), and a settled conflict names every version it joins. The fold keeps
//! them per record (`keys::KIND_LINEAGE`); the versions no other version names as a base
//! are the record's leaves, and two leaves are two desks' changes that did not see each
//! other, at whatever revisions: desk A's two edits (revision 3) and desk B's one
//! (revision 2) from the same revision 1 are a conflict, although B's revision is lower.
//!
//! The record shown is still chosen by the one rule (revision, then time, then desk), so
//! that a desk without this note (an older version's ops) folds to the same view.

use serde::{Deserialize, Serialize};
use sled::transaction::{ConflictableTransactionError, TransactionalTree};

use super::op::VersionRef;
use super::{Change, Record, Result, Store, StoreError, decode, encode, keys};
use crate::domain::card::HistoryEntry;
use crate::domain::{Appeal, AppealMember, Consultation, Id, Meta, Person};

/// One version and the versions it was made from (sorted, no repeats).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Node {
    pub version: VersionRef,
    pub bases: Vec<VersionRef>,
}

/// A record's versions written with their bases, sorted by version: the same bytes on
/// every desk that holds the same ops, whatever order they came in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lineage {
    pub nodes: Vec<Node>,
}

impl Lineage {
    /// Adds a version's bases; `false` if nothing was new.
    pub fn add(&mut self, version: VersionRef, bases: &[VersionRef]) -> bool {
        let mut bases = bases.to_vec();
        bases.sort();
        bases.dedup();
        match self.nodes.binary_search_by(|n| n.version.cmp(&version)) {
            Ok(i) => {
                let node = &mut self.nodes[i];
                let before = node.bases.len();
                node.bases.extend(bases);
                node.bases.sort();
                node.bases.dedup();
                node.bases.len() != before
            }
            Err(i) => {
                self.nodes.insert(i, Node { version, bases });
                true
            }
        }
    }

    /// Whether some version was made from `v`.
    pub fn is_base(&self, v: &VersionRef) -> bool {
        self.nodes.iter().any(|n| n.bases.contains(v))
    }

    /// Every version `v` was made from, directly or through others (not `v` itself).
    pub fn ancestors(&self, v: VersionRef) -> Vec<VersionRef> {
        let mut out: Vec<VersionRef> = Vec::new();
        let mut next = vec![v];
        while let Some(at) = next.pop() {
            let Some(node) = self.nodes.iter().find(|n| n.version == at) else {
                continue;
            };
            for b in &node.bases {
                if !out.contains(b) {
                    out.push(*b);
                    next.push(*b);
                }
            }
        }
        out
    }

    /// The version `a` and `b` were both made from, nearest to them: of their common
    /// ancestors, one no other common ancestor was made from (the highest, if several).
    pub fn base_of(&self, a: VersionRef, b: VersionRef) -> Option<VersionRef> {
        let of_b = self.ancestors(b);
        let common: Vec<VersionRef> = self
            .ancestors(a)
            .into_iter()
            .filter(|v| of_b.contains(v))
            .collect();
        let later: Vec<VersionRef> = common.iter().flat_map(|c| self.ancestors(*c)).collect();
        common.into_iter().filter(|c| !later.contains(c)).max()
    }

    /// The versions no version was made from, by version.
    pub fn leaves(&self) -> Vec<VersionRef> {
        self.nodes
            .iter()
            .map(|n| n.version)
            .filter(|v| !self.is_base(v))
            .collect()
    }
}

/// Whether a stored lineage decodes, for salvage.
pub(super) fn readable(key: &[u8], value: &[u8]) -> bool {
    key.len() == 17 && super::codec::decode::<Lineage>(value).is_ok()
}

/// Folds a `Change::Replaces` into the view.
pub(super) fn note(
    r: &TransactionalTree,
    id: Id,
    version: VersionRef,
    bases: &[VersionRef],
) -> std::result::Result<(), ConflictableTransactionError<StoreError>> {
    let key = keys::record(keys::KIND_LINEAGE, id);
    let mut lineage: Lineage = match r.get(key)? {
        Some(b) => decode("lineage", &b).map_err(ConflictableTransactionError::Abort)?,
        None => Lineage::default(),
    };
    if lineage.add(version, bases) {
        let bytes = encode("lineage", &lineage).map_err(ConflictableTransactionError::Abort)?;
        r.insert(key.as_slice(), bytes)?;
    }
    Ok(())
}

/// The kinds that keep versions, and the person each was saved for.
trait Versioned: Record + Clone {
    fn meta(&self) -> &Meta;
    fn person_mut(&mut self) -> Option<&mut Id>;
}

impl Versioned for Person {
    fn meta(&self) -> &Meta {
        &self.meta
    }
    fn person_mut(&mut self) -> Option<&mut Id> {
        None
    }
}

impl Versioned for Appeal {
    fn meta(&self) -> &Meta {
        &self.meta
    }
    fn person_mut(&mut self) -> Option<&mut Id> {
        None
    }
}

impl Versioned for Consultation {
    fn meta(&self) -> &Meta {
        &self.meta
    }
    fn person_mut(&mut self) -> Option<&mut Id> {
        Some(&mut self.person)
    }
}

impl Versioned for AppealMember {
    fn meta(&self) -> &Meta {
        &self.meta
    }
    fn person_mut(&mut self) -> Option<&mut Id> {
        Some(&mut self.person)
    }
}

impl Store {
    /// `changes` with a `Change::Replaces` after each edit of a versioned record, naming the
    /// version the view holds now (the one the edit was made from: edits read it under
    /// the writer's lock). A record that already has one in `changes` (a settlement names
    /// its bases itself) and a record new here get none.
    pub(super) fn with_lineage(&self, changes: Vec<Change>) -> Result<Vec<Change>> {
        let named: Vec<Id> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Replaces { id, .. } => Some(*id),
                _ => None,
            })
            .collect();
        let mut out = Vec::with_capacity(changes.len() * 2);
        for change in changes {
            let made = match &change {
                Change::UpdatePerson(p) => self.replaces(p)?,
                Change::PutConsultation(c) => self.replaces(c)?,
                Change::PutAppeal(a) => self.replaces(a)?,
                Change::PutAppealMember(m) => self.replaces(m)?,
                _ => None,
            };
            out.push(change);
            if let Some((id, r)) = made
                && !named.contains(&id)
            {
                out.push(r);
            }
        }
        Ok(out)
    }

    fn replaces<T: Versioned>(&self, new: &T) -> Result<Option<(Id, Change)>> {
        let id = new.meta().id;
        let mut bases = match self.shown_note(id)? {
            // Shown merged: the edit was made from every leaf whose changes it holds.
            Some(note) => note.made_from,
            None => match self.saved_version::<T>(id)? {
                Some(base) => vec![base],
                None => return Ok(None),
            },
        };
        if bases.iter().any(|b| b.rev >= new.meta().rev) {
            return Ok(None);
        }
        let version = VersionRef::of(new.meta().rev, &encode(T::WHAT, new)?);
        let more = self.same_leaves(id, &bases)?;
        bases.extend(more);
        Ok(Some((id, Change::Replaces { id, version, bases })))
    }

    /// The version record `id` is shown as, named as saved: for one shown merged from
    /// several leaves, the leaf that won.
    pub(super) fn shown_as_saved(&self, id: Id) -> Result<Option<(VersionRef, HistoryEntry)>> {
        if let Some(note) = self.shown_note(id)? {
            return Ok(Some((note.winner_version, note.winner)));
        }
        match self.versioned(id)? {
            Some(e) => Ok(Some((self.version_of(&e)?, e))),
            None => Ok(None),
        }
    }

    /// The note of record `id` shown merged from several leaves, if it is.
    pub(super) fn shown_note(&self, id: Id) -> Result<Option<super::merged::Note>> {
        let key = keys::record(keys::KIND_SHOWN, id);
        match self.records.get(key).map_err(|e| self.sled_err(e))? {
            Some(b) => decode("merged note", &b).map(Some),
            None => Ok(None),
        }
    }

    /// The version of record `id` the view shows, named as it was saved (for the person it
    /// was saved for, where a merge shows it on another).
    fn saved_version<T: Versioned>(&self, id: Id) -> Result<Option<VersionRef>> {
        let Some(mut t) = self.get::<T>(id)? else {
            return Ok(None);
        };
        self.as_saved(&mut t, id)?;
        Ok(Some(VersionRef::of(t.meta().rev, &encode(T::WHAT, &t)?)))
    }

    fn as_saved<T: Versioned>(&self, t: &mut T, id: Id) -> Result<()> {
        if let Some(person) = t.person_mut() {
            let note = self
                .records
                .get(keys::named(T::KIND, id))
                .map_err(|e| self.sled_err(e))?;
            if let Some(named) = note.as_deref().and_then(Id::from_bytes) {
                *person = named;
            }
        }
        Ok(())
    }

    /// The version an entry of the record as shown is, named as saved.
    pub(super) fn version_of(&self, entry: &HistoryEntry) -> Result<VersionRef> {
        fn of<T: Versioned>(s: &Store, t: &T) -> Result<VersionRef> {
            let mut t = t.clone();
            let id = t.meta().id;
            s.as_saved(&mut t, id)?;
            Ok(VersionRef::of(t.meta().rev, &encode(T::WHAT, &t)?))
        }
        match entry {
            HistoryEntry::Person(v) => of(self, &v.person),
            HistoryEntry::Consultation(c) => of(self, c),
            HistoryEntry::Appeal(a) => of(self, a),
            HistoryEntry::Member(m) => of(self, m),
        }
    }

    /// Version `v` of record `id` as kept in the history, if it is there.
    pub(super) fn kept_version(&self, id: Id, v: VersionRef) -> Result<Option<HistoryEntry>> {
        let key = keys::history_at(id, v);
        match self.records.get(key).map_err(|e| self.sled_err(e))? {
            Some(b) => decode("history", &b).map(Some),
            // The winning leaf of a record shown merged is kept in its note.
            None => Ok(self
                .shown_note(id)?
                .filter(|n| n.winner_version == v)
                .map(|n| n.winner)),
        }
    }

    /// The leaves of record `id` other than `bases` that hold what is shown (two desks
    /// that settled a conflict the same way): an edit made from `base` was made from them
    /// too, or the next edit would leave one of them in conflict with it.
    fn same_leaves(&self, id: Id, bases: &[VersionRef]) -> Result<Vec<VersionRef>> {
        // Most records have no lineage yet: nothing more is read for them on a save.
        let Some(lineage) = self.lineage(id)? else {
            return Ok(Vec::new());
        };
        let Some(shown) = self.versioned(id)? else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for leaf in lineage.leaves() {
            if bases.contains(&leaf) {
                continue;
            }
            if let Some(e) = self.kept_version(id, leaf)?
                && crate::domain::history::changes(&shown, &e).is_empty()
            {
                out.push(leaf);
            }
        }
        Ok(out)
    }

    /// Record `id`'s lineage, if any version of it was written with its bases.
    pub(super) fn lineage(&self, id: Id) -> Result<Option<Lineage>> {
        let key = keys::record(keys::KIND_LINEAGE, id);
        match self.records.get(key).map_err(|e| self.sled_err(e))? {
            Some(b) => decode("lineage", &b).map(Some),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(rev: u32, d: u8) -> VersionRef {
        VersionRef {
            rev,
            digest: [d; 8],
        }
    }

    #[test]
    fn leaves_are_the_versions_nothing_was_made_from_in_any_order() {
        // A: 1 -> 2a -> 3a; B: 1 -> 2b. Added in two orders, the same lineage.
        let steps = [
            (v(2, 1), vec![v(1, 0)]),
            (v(3, 1), vec![v(2, 1)]),
            (v(2, 2), vec![v(1, 0)]),
        ];
        let mut a = Lineage::default();
        for (ver, bases) in &steps {
            assert!(a.add(*ver, bases));
        }
        let mut b = Lineage::default();
        for (ver, bases) in steps.iter().rev() {
            b.add(*ver, bases);
        }
        assert_eq!(a, b);
        assert_eq!(a.leaves(), vec![v(2, 2), v(3, 1)]);
        assert!(
            !a.add(v(2, 2), &[v(1, 0)]),
            "the same note twice adds nothing"
        );
        // A settlement joins both: one leaf.
        a.add(v(4, 9), &[v(3, 1), v(2, 2)]);
        assert_eq!(a.leaves(), vec![v(4, 9)]);
    }
}
