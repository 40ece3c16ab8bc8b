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
        } else {
            self.last = put_fields(change);
        }
    }

    /// Records in conflict after the merge that `counted` does not hold yet: added to it.
    pub(super) fn conflicts(self, store: &Store, counted: &mut HashSet<[u8; 17]>) -> Result<usize> {
        let mut n = 0;
        for (key, incoming) in self.lineages {
            let Some(id) = Id::from_bytes(&key[1..]) else {
                continue;
            };
            let mut all = store.lineage(id)?.unwrap_or_default();
            for node in incoming.nodes {
                all.add(node.version, &node.bases);
            }
            let mut leaves = all.leaves();
            let here = match store.versioned(id)? {
                Some(e) => Some((store.version_of(&e)?, e)),
                None => None,
            };
            if let Some((v, _)) = &here
                && !all.is_base(v)
                && !leaves.contains(v)
            {
                leaves.push(*v);
            }
            let mut seen = HashSet::new();
            for leaf in leaves {
                let digest = match (self.fields.get(&(key, leaf)), &here) {
                    (Some(d), _) => Some(*d),
                    (None, Some((v, e))) if *v == leaf => Some(entry_fields(e)),
                    (None, _) => kept(store, id, leaf)?.as_ref().map(entry_fields),
                };
                seen.extend(digest);
            }
            if seen.len() > 1 && counted.insert(key) {
                n += 1;
            }
        }
        Ok(n)
    }
}

fn kept(store: &Store, id: Id, v: VersionRef) -> Result<Option<HistoryEntry>> {
    let key = keys::history_at(id, v);
    match store.records.get(key).map_err(|e| store.sled_err(e))? {
        Some(b) => super::super::decode("history", &b).map(Some),
        None => Ok(None),
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

fn digest<T: serde::Serialize>(fields: &T) -> u64 {
    super::preview::digest(fields)
}
