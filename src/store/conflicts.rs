//! Conflicts: a record that two desks changed from the same version without seeing each
//! other's change. Both versions are kept (history keys name a digest of each version);
//! one rule shows one of them on every desk. Listed here so that an officer confirms the
//! one shown or takes the other: either choice is a new version (an ordinary edit that
//! merges like any other), after which the record is no longer in conflict.

use super::op::VersionRef;
use super::{Change, Record, Result, Store, decode, keys};
use crate::domain::card::{HistoryEntry, PersonVersion};
use crate::domain::{Appeal, AppealMember, Consultation, Id, Person};

/// A record with two versions neither of which was made from the other: the one shown,
/// and another kept in the history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub id: Id,
    /// The revision of the version shown.
    pub rev: u32,
    /// The version every desk shows.
    pub shown: HistoryEntry,
    /// Another version, kept in the history, that no version was made from.
    pub other: HistoryEntry,
    /// An amount differs: never settled by the rule alone, an officer must choose.
    pub money: bool,
    /// The two versions named as saved: what a settlement names as the versions it joins.
    pub shown_version: VersionRef,
    pub other_version: VersionRef,
}

impl Store {
    /// Every record in conflict now, in id order (and by the other version's revision).
    ///
    /// Two sources, one list: the versions noted with what they were made from
    /// (`lineage`), whose leaves other than the one shown are in conflict with it at any
    /// revision; and, for versions written without that note (by an older kezek), every
    /// other version of the shown revision, as before.
    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        let mut others: Vec<(Id, VersionRef)> = Vec::new();
        for kv in self.records.scan_prefix([keys::KIND_LINEAGE]) {
            let (k, v) = kv.map_err(|e| self.sled_err(e))?;
            let Some(id) = k.get(1..17).and_then(Id::from_bytes) else {
                continue;
            };
            let lineage: super::lineage::Lineage = decode("lineage", &v)?;
            others.extend(lineage.leaves().into_iter().map(|l| (id, l)));
        }
        for kv in self.records.scan_prefix([keys::KIND_HISTORY]) {
            let (k, _) = kv.map_err(|e| self.sled_err(e))?;
            if let Some(at) = version_at(&k) {
                others.push(at);
            }
        }
        others.sort();
        others.dedup();
        let mut out = Vec::new();
        // The record of the versions being looked at, read once for all of them (they
        // come sorted by record).
        let mut at: Option<Looked> = None;
        for (id, other_version) in others {
            if at.as_ref().is_none_or(|r| r.id != id) {
                at = Some(self.looked(id)?);
            }
            let Some(looked) = &at else {
                continue;
            };
            let Some((shown, shown_version)) = &looked.shown else {
                continue;
            };
            if *shown_version == other_version {
                continue;
            }
            let other = match &looked.settled {
                Some(s) if s.made_from.contains(&other_version) => continue,
                // The parts it changed that are shown otherwise, over what is shown.
                Some(s) => s
                    .contested
                    .iter()
                    .find(|(v, _)| *v == other_version)
                    .map(|(_, other)| other.clone()),
                None => None,
            };
            let other = match other {
                Some(o) => o,
                None => match self.whole(id, looked, other_version)? {
                    Some(o) => o,
                    None => continue,
                },
            };
            let changed = crate::domain::history::changes(shown, &other);
            // Two desks that made the same choice differ only in who and when: nothing
            // for an officer to settle.
            if changed.is_empty() {
                continue;
            }
            let money = changed.iter().any(|c| {
                matches!(c.before, crate::domain::history::Value::Money(_))
                    || matches!(c.after, crate::domain::history::Value::Money(_))
            });
            out.push(Conflict {
                id,
                rev: shown_version.rev,
                shown: shown.clone(),
                other,
                money,
                shown_version: *shown_version,
                other_version,
            });
        }
        Ok(out)
    }

    /// Version `other_version` of record `id` whole, if it is in conflict with the record
    /// shown where the two cannot be merged part by part: a version written without a note
    /// of what it was made from (an older kezek's), at the shown revision; or a leaf whose
    /// common version with the one shown is not held here.
    fn whole(
        &self,
        id: Id,
        looked: &Looked,
        other_version: VersionRef,
    ) -> Result<Option<HistoryEntry>> {
        let Looked {
            shown: Some((shown, shown_version)),
            lineage,
            ancestors,
            settled,
            ..
        } = looked
        else {
            return Ok(None);
        };
        let unknown = settled
            .as_ref()
            .is_some_and(|s| s.unknown.iter().any(|(v, _)| *v == other_version));
        let noted = lineage.as_ref().is_some_and(|l| {
            l.nodes.iter().any(|n| n.version == other_version) && !l.is_base(&other_version)
        });
        // Merged part by part: a leaf neither contested nor unknown is shown.
        if settled.is_some() && noted && !unknown {
            return Ok(None);
        }
        // A version written without a note is in conflict only at the shown revision; one
        // that a noted version was made from never is.
        let legacy = other_version.rev == shown_version.rev
            && !lineage.as_ref().is_some_and(|l| l.is_base(&other_version));
        if !noted && !legacy {
            return Ok(None);
        }
        let key = keys::history_at(id, other_version);
        let Some(bytes) = self.records.get(key).map_err(|e| self.sled_err(e))? else {
            return Ok(None);
        };
        let other: HistoryEntry = decode("history", &bytes)?;
        let bases = lineage
            .as_ref()
            .and_then(|l| l.nodes.iter().find(|n| n.version == other_version))
            .map_or(&[][..], |n| n.bases.as_slice());
        if self.adds_nothing(id, &other, bases, (shown, *shown_version))? {
            return Ok(None);
        }
        // What it holds reached the version shown through another version that held
        // the same (two desks made the same change; a third edited one of them).
        if self.held_by_any(id, &other, ancestors)? {
            return Ok(None);
        }
        Ok(Some(other))
    }

    fn looked(&self, id: Id) -> Result<Looked> {
        let note = self.shown_note(id)?;
        let shown = self.shown(id, note.as_ref())?;
        let lineage = self.lineage(id)?;
        let ancestors = match (&lineage, &shown) {
            (Some(l), Some((_, v))) => l.ancestors(*v),
            _ => Vec::new(),
        };
        // How the fold decided to show it, from the leaf that won.
        let settled = match (&lineage, &shown) {
            (Some(l), Some((entry, v))) => {
                let winner = note
                    .as_ref()
                    .map_or((*v, entry), |n| (n.winner_version, &n.winner));
                super::merged::settle(l, winner, |at| self.kept_version(id, at))?
            }
            _ => None,
        };
        Ok(Looked {
            id,
            shown,
            lineage,
            ancestors,
            settled,
        })
    }

    /// Whether version `v` holds what every version it was made from holds: a merge that
    /// moved the record to the person kept (or an unmerge back) changed no field, and is no
    /// value of anyone's to choose, whatever else was changed meanwhile.
    fn adds_nothing(
        &self,
        id: Id,
        v: &HistoryEntry,
        bases: &[VersionRef],
        shown: (&HistoryEntry, VersionRef),
    ) -> Result<bool> {
        if bases.is_empty() {
            return Ok(false);
        }
        for b in bases {
            let base = if *b == shown.1 {
                Some(shown.0.clone())
            } else {
                self.kept_version(id, *b)?
            };
            match base {
                Some(base) if crate::domain::history::changes(&base, v).is_empty() => {}
                _ => return Ok(false),
            }
        }
        Ok(true)
    }

    /// Whether one of `versions` of record `id` holds what `v` holds.
    fn held_by_any(&self, id: Id, v: &HistoryEntry, versions: &[VersionRef]) -> Result<bool> {
        for at in versions {
            if let Some(e) = self.kept_version(id, *at)?
                && crate::domain::history::changes(&e, v).is_empty()
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Record `id` as shown, with who saved that version (a person record names nobody:
    /// its kept copy does), and the version it is as saved.
    fn shown(
        &self,
        id: Id,
        note: Option<&super::merged::Note>,
    ) -> Result<Option<(HistoryEntry, VersionRef)>> {
        let Some(mut shown) = self.versioned(id)? else {
            return Ok(None);
        };
        // Shown merged: named by the leaf that won, as the settlement names it.
        let version = match note {
            Some(note) => note.winner_version,
            None => self.version_of(&shown)?,
        };
        if let HistoryEntry::Person(v) = &mut shown {
            let key = keys::history_at(id, version);
            if let Some(bytes) = self.records.get(key).map_err(|e| self.sled_err(e))?
                && let HistoryEntry::Person(kept) = decode("history", &bytes)?
            {
                v.officer = kept.officer;
            }
        }
        Ok(Some((shown, version)))
    }

    /// Settles the conflict of record `id`: the version shown stays (`take_other` false)
    /// or the other one is taken, saved as a new revision either way. `None`: it is not in
    /// conflict (any more).
    /// With several other versions (three desks), `take_other` takes the first listed.
    pub fn resolve_conflict(&self, id: Id, take_other: bool, officer: &str) -> Result<Option<u32>> {
        let listed = self.conflicts_of(id)?;
        let Some(c) = listed.first() else {
            return Ok(None);
        };
        let chosen = if take_other { &c.other } else { &c.shown };
        self.save_chosen(id, chosen.clone(), &listed, officer)
            .map(Some)
    }

    /// Settles the conflict of record `id` with `chosen`, one of the versions listed for it
    /// (the one shown, or one of the others). `None`: it is not in conflict any more, or
    /// `chosen` is none of its versions now.
    pub fn settle_conflict(
        &self,
        id: Id,
        chosen: &HistoryEntry,
        officer: &str,
    ) -> Result<Option<u32>> {
        let same = |a: &HistoryEntry| match (a, chosen) {
            (HistoryEntry::Person(a), HistoryEntry::Person(b)) => a.person == b.person,
            (a, b) => a == b,
        };
        let listed = self.conflicts_of(id)?;
        if !listed.iter().any(|c| same(&c.shown) || same(&c.other)) {
            return Ok(None);
        }
        self.save_chosen(id, chosen.clone(), &listed, officer)
            .map(Some)
    }

    fn conflicts_of(&self, id: Id) -> Result<Vec<Conflict>> {
        Ok(self
            .conflicts()?
            .into_iter()
            .filter(|c| c.id == id)
            .collect())
    }

    /// `chosen` again as a revision past every version `listed` names, made from all of
    /// them: it wins on every desk, and none of them is in conflict again.
    fn save_chosen(
        &self,
        id: Id,
        chosen: HistoryEntry,
        listed: &[Conflict],
        officer: &str,
    ) -> Result<u32> {
        let now = self.now();
        let mut bases: Vec<VersionRef> = listed
            .iter()
            .flat_map(|c| [c.shown_version, c.other_version])
            .collect();
        // The leaves merged into what is shown are joined too.
        if let Some(note) = self.shown_note(id)? {
            bases.extend(note.made_from);
        }
        bases.sort();
        bases.dedup();
        let top = bases.iter().map(|v| v.rev).max().unwrap_or(0);
        let past = |meta: &mut crate::domain::Meta| {
            meta.rev = meta.rev.max(top);
            meta.touch(now);
            meta.rev
        };
        let (change, rev, bytes) = match chosen {
            HistoryEntry::Person(v) => {
                let mut p = v.person;
                let rev = past(&mut p.meta);
                let bytes = super::encode(Person::WHAT, &p)?;
                (Change::UpdatePerson(p), rev, bytes)
            }
            HistoryEntry::Consultation(mut k) => {
                let rev = past(&mut k.meta);
                k.officer = officer.to_string();
                let bytes = super::encode(Consultation::WHAT, &k)?;
                (Change::PutConsultation(k), rev, bytes)
            }
            HistoryEntry::Appeal(mut a) => {
                let rev = past(&mut a.meta);
                a.officer = officer.to_string();
                let bytes = super::encode(Appeal::WHAT, &a)?;
                (Change::PutAppeal(a), rev, bytes)
            }
            HistoryEntry::Member(mut m) => {
                let rev = past(&mut m.meta);
                m.officer = officer.to_string();
                let bytes = super::encode(AppealMember::WHAT, &m)?;
                (Change::PutAppealMember(m), rev, bytes)
            }
        };
        let replaces = Change::Replaces {
            id,
            version: VersionRef::of(rev, &bytes),
            bases,
        };
        self.commit(officer, vec![change, replaces])?;
        Ok(rev)
    }
}

/// A record whose versions `Store::conflicts` is looking at: as shown, its lineage, and
/// the versions the one shown was made from.
struct Looked {
    id: Id,
    shown: Option<(HistoryEntry, VersionRef)>,
    lineage: Option<super::lineage::Lineage>,
    ancestors: Vec<VersionRef>,
    /// How it is shown merged, where it is.
    settled: Option<super::merged::Settled>,
}

/// The record and version a history key names.
fn version_at(key: &[u8]) -> Option<(Id, VersionRef)> {
    let id = key.get(1..17).and_then(Id::from_bytes)?;
    let rev = u32::from_be_bytes(key.get(17..21)?.try_into().ok()?);
    let digest: [u8; 8] = key.get(21..29)?.try_into().ok()?;
    Some((id, VersionRef { rev, digest }))
}

impl Store {
    /// Whose record a version is, as a list names it: the person's name (and id), or an
    /// appeal's title.
    pub fn whose(&self, e: &HistoryEntry) -> Result<(String, Option<Id>)> {
        let person = match e {
            HistoryEntry::Person(v) => {
                return Ok((v.person.fields.full_name(), Some(v.person.meta.id)));
            }
            HistoryEntry::Appeal(a) => return Ok((a.fields.title.clone(), None)),
            HistoryEntry::Consultation(c) => c.person,
            HistoryEntry::Member(m) => m.person,
        };
        let name = self
            .get::<Person>(person)?
            .map(|p| p.fields.full_name())
            .unwrap_or_default();
        Ok((name, Some(person)))
    }

    /// The record `id` as it is now, whichever kind of versioned record it is.
    pub fn versioned(&self, id: Id) -> Result<Option<HistoryEntry>> {
        if let Some(person) = self.get::<Person>(id)? {
            return Ok(Some(HistoryEntry::Person(PersonVersion {
                person,
                officer: String::new(),
            })));
        }
        if let Some(c) = self.get::<Consultation>(id)? {
            return Ok(Some(HistoryEntry::Consultation(c)));
        }
        if let Some(a) = self.get::<Appeal>(id)? {
            return Ok(Some(HistoryEntry::Appeal(a)));
        }
        Ok(self.get::<AppealMember>(id)?.map(HistoryEntry::Member))
    }
}
