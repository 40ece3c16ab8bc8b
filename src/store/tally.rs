//! A report's figures streamed from the report facts, never every record in memory.

use std::collections::BTreeMap;

use super::facts::{self, StoredConsultation, StoredPerson, StoredVisit};
use super::{Result, Store, StoreError, decode, keys};
use crate::domain::{AppealMember, Id};

/// Which records a tally counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    All,
    /// Visits and their persons: by region, sex and age band.
    Visits,
    /// Consultations, appeals and their members: by topic, outcome and referral.
    Consultations,
}

impl Store {
    /// The figures of `period`, streamed from the store: records are decoded one at a time
    /// and folded into the tally (visits and consultations on two threads), never all held
    /// in memory.
    pub fn tally(
        &self,
        period: &crate::domain::report::Period,
        today: chrono::NaiveDate,
        offset_min: i32,
    ) -> Result<crate::domain::report::Tally> {
        self.tally_part(period, today, offset_min, Part::All)
    }

    /// The part of the tally that `part` names, the rest left empty: a drill-down into a
    /// region needs the visits' sets, one into a topic the consultations' and appeals'.
    pub fn tally_part(
        &self,
        period: &crate::domain::report::Period,
        today: chrono::NaiveDate,
        offset_min: i32,
        part: Part,
    ) -> Result<crate::domain::report::Tally> {
        use crate::domain::report::Counter;
        let events = self.events()?;
        let mut persons = rustc_hash::FxHashMap::default();
        // Only visits are counted by the person's region, sex and age.
        let person_facts = part != Part::Consultations;
        for kv in self.index.scan_prefix([keys::IX_FACT_PERSON]) {
            if !person_facts {
                break;
            }
            let (_, v) = kv.map_err(|e| self.sled_err(e))?;
            let bucket: BTreeMap<Id, StoredPerson> = decode("person facts", &v)?;
            persons.extend(bucket.into_iter().map(|(id, p)| (id, p.facts(id))));
        }
        // Facts are keyed by event: a report of one event or a few reads only theirs.
        let prefixes = |tag: u8| -> Vec<Vec<u8>> {
            match period {
                crate::domain::report::Period::All => vec![vec![tag]],
                _ => events
                    .iter()
                    .filter(|e| period.has_event(e))
                    .map(|e| keys::pair_prefix(tag, e.meta.id))
                    .collect(),
            }
        };
        let stream = |tag: u8, what: &'static str, c: &mut Counter| -> Result<()> {
            let wanted = match part {
                Part::All => true,
                Part::Visits => tag == keys::IX_FACT_VISIT,
                Part::Consultations => tag == keys::IX_FACT_CONSULTATION,
            };
            if !wanted {
                return Ok(());
            }
            for prefix in prefixes(tag) {
                for kv in self.index.scan_prefix(prefix) {
                    let (k, v) = kv.map_err(|e| self.sled_err(e))?;
                    let Some(event) = facts::bucket_event(&k) else {
                        continue;
                    };
                    if tag == keys::IX_FACT_VISIT {
                        let bucket: BTreeMap<Id, StoredVisit> = decode(what, &v)?;
                        bucket.values().for_each(|f| c.visit(&f.fact(event)));
                    } else {
                        let bucket: BTreeMap<Id, StoredConsultation> = decode(what, &v)?;
                        for (id, f) in bucket {
                            c.consultation(&f.fact(id, event));
                        }
                    }
                }
            }
            Ok(())
        };
        // Both counters number the store's persons alike, so their tallies merge as they are.
        let people = crate::domain::report::People::with(persons.keys().copied());
        let visits = std::thread::scope(|s| {
            let events = &events;
            let for_visits = people.clone();
            let h = s.spawn(move || {
                let mut c = Counter::new(events, persons, for_visits, period, today, offset_min);
                stream(keys::IX_FACT_VISIT, "visit facts", &mut c).map(|_| c.into_tally())
            });
            let mut c = Counter::new(
                events,
                rustc_hash::FxHashMap::default(),
                people,
                period,
                today,
                offset_min,
            );
            let cons = stream(keys::IX_FACT_CONSULTATION, "consultation facts", &mut c);
            let visits = h.join().unwrap_or_else(|_| {
                Err(StoreError::Io {
                    path: self.dir.clone(),
                    source: std::io::Error::other("reading visits failed"),
                })
            });
            cons.map(|_| c).and_then(|c| visits.map(|v| (v, c)))
        });
        let (visits, cons) = visits?;
        // Members one at a time: held all at once they were 10 MB of the 100,000-person
        // report's peak.
        let appeals = self.appeals()?;
        let mut counted = cons.with_appeals(&appeals);
        if part != Part::Visits {
            self.for_each(|m: AppealMember| -> Result<()> {
                counted.member(&m);
                Ok(())
            })?;
        }
        Ok(visits.merge(counted.into_tally()))
    }
}
