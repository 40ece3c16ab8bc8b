//! The preview's count of conflicts between versions at different revisions: the lines of
//! versions the bundles bring (`Change::Replaces`) joined with this desk's, and a record
//! counted when more than one version is left that no other was made from and they differ
//! in what an officer sees, as the list of conflicts will hold it after the merge.

use std::collections::{HashMap, HashSet};

use super::super::lineage::Lineage;
use super::super::op::VersionRef;
use super::super::{Change, Record, Result, Store, keys};
use crate::domain::card::HistoryEntry;
use crate::domain::{Appeal, AppealMember, Consultation, Id, Person};

#[derive(Default)]
pub(super) struct Lines {
    /// The versioned record the change before put, with a digest of its fields.
    last: Option<([u8; 17], u64)>,
    lineages: HashMap<[u8; 17], Lineage>,
    fields: HashMap<([u8; 17], VersionRef), u64>,
    /// The versions themselves, to merge them part by part as the fold will.
    entries: HashMap<([u8; 17], VersionRef), HistoryEntry>,
    /// The version the change before put.
    last_entry: Option<HistoryEntry>,
}

impl Lines {
    /// Notes one change of a bundle's op, in order.
    pub(super) fn see(&mut self, change: &Change) {
        if let Change::Replaces { id, version, bases } = change {
            let Some((key, fields)) = self.last.filter(|(k, _)| k[1..] == id.to_bytes()) else {
                return;
            };
            self.lineages.entry(key).or_default().add(*version, bases);
            self.fields.insert((key, *version), fields);
            if let Some(e) = self.last_entry.take() {
                self.entries.insert((key, *version), e);
            }
        } else {
            self.last = put_fields(change);
            self.last_entry = put_entry(change);
        }
    }

    /// Conflicts the list will hold after the merge, as it counts them: for each record,
    /// every version left that no other was made from, adds something to what it was made
    /// from, and differs from the others, past the first. `twins`: records with two
    /// differing versions of one revision, counted by that older rule where no version of
    /// them names what it was made from.
    pub(super) fn conflicts(self, store: &Store, twins: &HashSet<[u8; 17]>) -> Result<usize> {
        let mut keys: Vec<[u8; 17]> = self.lineages.keys().copied().collect();
        keys.extend(twins.iter().copied());
        keys.sort();
        keys.dedup();
        let mut n = 0;
        for key in keys {
            let Some(id) = Id::from_bytes(&key[1..]) else {
                continue;
            };
            // A person merged away here: the list shows the person kept, not their
            // versions (they stay in the merge note).
            if key[0] == Person::KIND
                && store
                    .records
                    .contains_key(keys::record(keys::KIND_GONE, id))
                    .map_err(|e| store.sled_err(e))?
            {
                continue;
            }
            let mut all = store.lineage(id)?.unwrap_or_default();
            for node in self.lineages.get(&key).map_or(&[][..], |l| &l.nodes) {
                all.add(node.version, &node.bases);
            }
            if all.nodes.is_empty() {
                n += usize::from(twins.contains(&key));
                continue;
            }
            n += match self.merged(store, id, key, &all)? {
                Some(n) => n,
                None => self
                    .distinct_leaves(store, id, key, &all)?
                    .saturating_sub(1),
            };
        }
        Ok(n)
    }

    /// How many leaves of `all` will be listed where the record will be shown merged part
    /// by part (`merged::settle`, as the fold and the list decide it). `None`: it will
    /// not be merged (one leaf, or the winner is a version written without a lineage).
    fn merged(&self, store: &Store, id: Id, key: [u8; 17], all: &Lineage) -> Result<Option<usize>> {
        use super::super::merged::{order, settle};
        let here = store.shown_as_saved(id)?;
        let version = |v: VersionRef| -> Result<Option<HistoryEntry>> {
            if let Some(e) = self.entries.get(&(key, v)) {
                return Ok(Some(e.clone()));
            }
            if let Some((at, e)) = &here
                && *at == v
            {
                return Ok(Some(e.clone()));
            }
            store.kept_version(id, v)
        };
        let mut winner: Option<(VersionRef, HistoryEntry)> = here.clone();
        for leaf in all.leaves() {
            if let Some(e) = version(leaf)?
                && winner
                    .as_ref()
                    .is_none_or(|(w, we)| order(&e, leaf) > order(we, *w))
            {
                winner = Some((leaf, e));
            }
        }
        let Some((w, we)) = winner else {
            return Ok(None);
        };
        let Some(settled) = settle(all, (w, &we), version)? else {
            return Ok(None);
        };
        let whole = settled
            .unknown
            .iter()
            .filter(|(_, e)| !crate::domain::history::changes(&settled.shown, e).is_empty())
            .count();
        Ok(Some(settled.contested.len() + whole))
    }

    /// How many different values the leaves of `all` hold, leaving out versions that add
    /// nothing to what they were made from (a merge moving a record to the person kept).
    fn distinct_leaves(
        &self,
        store: &Store,
        id: Id,
        key: [u8; 17],
        all: &Lineage,
    ) -> Result<usize> {
        let here = store.shown_as_saved(id)?;
        let fields = |v: VersionRef| -> Result<Option<u64>> {
            Ok(match (self.fields.get(&(key, v)), &here) {
                (Some(d), _) => Some(*d),
                (None, Some((at, e))) if *at == v => Some(entry_fields(e)),
                (None, _) => store.kept_version(id, v)?.as_ref().map(entry_fields),
            })
        };
        let mut leaves = all.leaves();
        if let Some((v, _)) = &here
            && !all.is_base(v)
            && !leaves.contains(v)
        {
            leaves.push(*v);
        }
        let mut seen = HashSet::new();
        for &leaf in &leaves {
            let Some(mine) = fields(leaf)? else {
                continue;
            };
            // What another leaf was made from, through a version holding the same.
            let mut held = false;
            for other in leaves.iter().filter(|&&o| o != leaf) {
                for a in all.ancestors(*other) {
                    held |= fields(a)? == Some(mine);
                }
            }
            if held {
                continue;
            }
            let bases = all
                .nodes
                .iter()
                .find(|n| n.version == leaf)
                .map_or(&[][..], |n| &n.bases);
            let mut adds = bases.is_empty();
            for b in bases {
                adds |= fields(*b)? != Some(mine);
            }
            if adds {
                seen.insert(mine);
            }
        }
        Ok(seen.len())
    }
}

/// What an officer sees of a version, as the list of conflicts compares it.
fn entry_fields(e: &HistoryEntry) -> u64 {
    match e {
        HistoryEntry::Person(v) => digest(&v.person.fields),
        HistoryEntry::Consultation(c) => digest(&c.fields),
        HistoryEntry::Appeal(a) => digest(&a.fields),
        HistoryEntry::Member(m) => digest(&(m.claimed, m.recovered, m.status)),
    }
}

fn put_fields(change: &Change) -> Option<([u8; 17], u64)> {
    Some(match change {
        Change::UpdatePerson(p) | Change::PutPerson(p) => {
            (keys::record(Person::KIND, p.meta.id), digest(&p.fields))
        }
        Change::PutConsultation(c) => (
            keys::record(Consultation::KIND, c.meta.id),
            digest(&c.fields),
        ),
        Change::PutAppeal(a) => (keys::record(Appeal::KIND, a.meta.id), digest(&a.fields)),
        Change::PutAppealMember(m) => (
            keys::record(AppealMember::KIND, m.meta.id),
            digest(&(m.claimed, m.recovered, m.status)),
        ),
        _ => return None,
    })
}

/// The version a change puts, as the history keeps it.
fn put_entry(change: &Change) -> Option<HistoryEntry> {
    Some(match change {
        Change::UpdatePerson(p) | Change::PutPerson(p) => {
            HistoryEntry::Person(crate::domain::card::PersonVersion {
                person: p.clone(),
                officer: String::new(),
            })
        }
        Change::PutConsultation(c) => HistoryEntry::Consultation(c.clone()),
        Change::PutAppeal(a) => HistoryEntry::Appeal(a.clone()),
        Change::PutAppealMember(m) => HistoryEntry::Member(m.clone()),
        _ => return None,
    })
}

fn digest<T: serde::Serialize>(fields: &T) -> u64 {
    super::preview::digest(fields)
}
