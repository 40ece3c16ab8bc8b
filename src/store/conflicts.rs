//! Conflicts: a record that two desks changed from the same version without seeing each
//! other's change. Both versions are kept (history keys name a digest of each version);
//! one rule shows one of them on every desk. Listed here so that an officer confirms the
//! one shown or takes the other: either choice is a new version (an ordinary edit that
//! merges like any other), after which the record is no longer in conflict.

use super::{Change, Result, Store, decode, keys};
use crate::domain::card::{HistoryEntry, PersonVersion};
use crate::domain::{Appeal, AppealMember, Consultation, Id, Person};

/// A record whose shown version has a twin of the same revision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub id: Id,
    pub rev: u32,
    /// The version every desk shows.
    pub shown: HistoryEntry,
    /// Another version of the same revision, kept in the history.
    pub other: HistoryEntry,
    /// An amount differs: never settled by the rule alone, an officer must choose.
    pub money: bool,
}

impl Store {
    /// Every record in conflict now, in id order.
    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        let mut out = Vec::new();
        // A person record holds no officer: the kept copy of the version shown names them.
        let mut officers = std::collections::HashMap::new();
        for kv in self.records.scan_prefix([keys::KIND_HISTORY]) {
            let (k, v) = kv.map_err(|e| self.sled_err(e))?;
            let (Some(id), Some(rev)) = (
                k.get(1..17).and_then(Id::from_bytes),
                k.get(17..21)
                    .and_then(|b| <[u8; 4]>::try_from(b).ok())
                    .map(u32::from_be_bytes),
            ) else {
                continue;
            };
            let entry: HistoryEntry = decode("history", &v)?;
            let Some(shown) = self.current(id, &entry)? else {
                continue;
            };
            let same = match (&shown, &entry) {
                (HistoryEntry::Person(a), HistoryEntry::Person(b)) => a.person == b.person,
                (a, b) => a == b,
            };
            let (_, _, shown_rev) = crate::domain::history::stamp(&shown);
            if same && let HistoryEntry::Person(v) = &entry {
                officers.insert((id, rev), v.officer.clone());
            }
            // Every other version of the shown revision is listed: three desks that
            // changed one record give two conflicts, so that no desk's value goes unseen.
            if same || shown_rev != rev {
                continue;
            }
            let changed = crate::domain::history::changes(&shown, &entry);
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
                rev,
                shown,
                other: entry,
                money,
            });
        }
        for c in &mut out {
            if let (HistoryEntry::Person(v), Some(officer)) =
                (&mut c.shown, officers.get(&(c.id, c.rev)))
            {
                v.officer = officer.clone();
            }
        }
        Ok(out)
    }

    /// The record a kept version belongs to, as it is now, as a history entry.
    fn current(&self, id: Id, like: &HistoryEntry) -> Result<Option<HistoryEntry>> {
        Ok(match like {
            HistoryEntry::Person(_) => self.get::<Person>(id)?.map(|person| {
                HistoryEntry::Person(PersonVersion {
                    person,
                    officer: String::new(),
                })
            }),
            HistoryEntry::Consultation(_) => self
                .get::<Consultation>(id)?
                .map(HistoryEntry::Consultation),
            HistoryEntry::Appeal(_) => self.get::<Appeal>(id)?.map(HistoryEntry::Appeal),
            HistoryEntry::Member(_) => self.get::<AppealMember>(id)?.map(HistoryEntry::Member),
        })
    }

    /// Settles the conflict of record `id`: the version shown stays (`take_other` false)
    /// or the other one is taken, saved as a new revision either way. `None`: it is not in
    /// conflict (any more).
    /// With several other versions (three desks), `take_other` takes the first listed.
    pub fn resolve_conflict(&self, id: Id, take_other: bool, officer: &str) -> Result<Option<u32>> {
        let Some(c) = self.conflicts()?.into_iter().find(|c| c.id == id) else {
            return Ok(None);
        };
        let chosen = if take_other { c.other } else { c.shown };
        self.save_chosen(chosen, officer).map(Some)
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
        let listed = self
            .conflicts()?
            .into_iter()
            .any(|c| c.id == id && (same(&c.shown) || same(&c.other)));
        if !listed {
            return Ok(None);
        }
        self.save_chosen(chosen.clone(), officer).map(Some)
    }

    /// `chosen` again as a revision past every version of its record's.
    fn save_chosen(&self, chosen: HistoryEntry, officer: &str) -> Result<u32> {
        let now = self.now();
        // A revision past both twins: it wins on every desk, and neither is shown again.
        let (change, rev) = match chosen {
            HistoryEntry::Person(v) => {
                let mut p = v.person;
                p.meta.touch(now);
                let rev = p.meta.rev;
                (Change::UpdatePerson(p), rev)
            }
            HistoryEntry::Consultation(mut k) => {
                k.meta.touch(now);
                k.officer = officer.to_string();
                let rev = k.meta.rev;
                (Change::PutConsultation(k), rev)
            }
            HistoryEntry::Appeal(mut a) => {
                a.meta.touch(now);
                a.officer = officer.to_string();
                let rev = a.meta.rev;
                (Change::PutAppeal(a), rev)
            }
            HistoryEntry::Member(mut m) => {
                m.meta.touch(now);
                m.officer = officer.to_string();
                let rev = m.meta.rev;
                (Change::PutAppealMember(m), rev)
            }
        };
        self.commit(officer, vec![change])?;
        Ok(rev)
    }
}

impl Store {
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
