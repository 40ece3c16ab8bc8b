//! Reading records back from the view: one by id, all of a kind, linked through an index.
//! Typed: a record's type says where it is stored (`Record`), so no caller names a kind byte.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{QueueEntry, Result, Store, StoreError, decode, keys};
use crate::domain::card::HistoryEntry;
use crate::domain::{Appeal, AppealMember, Consultation, DeskId, Event, Id, Person, Visit};

/// A type the store keeps whole under `[kind][id]`: its kind byte and the name errors give
/// it live here once, instead of being paired by hand wherever it is read.
pub trait Record: Serialize + DeserializeOwned {
    /// The first byte of its keys in the records tree (`keys::KIND_*`).
    const KIND: u8;
    /// What it is called when it cannot be read.
    const WHAT: &'static str;
}

impl Record for Event {
    const KIND: u8 = keys::KIND_EVENT;
    const WHAT: &'static str = "event";
}

impl Record for Person {
    const KIND: u8 = keys::KIND_PERSON;
    const WHAT: &'static str = "person";
}

impl Record for Visit {
    const KIND: u8 = keys::KIND_VISIT;
    const WHAT: &'static str = "visit";
}

impl Record for Consultation {
    const KIND: u8 = keys::KIND_CONSULTATION;
    const WHAT: &'static str = "consultation";
}

impl Record for Appeal {
    const KIND: u8 = keys::KIND_APPEAL;
    const WHAT: &'static str = "appeal";
}

impl Record for AppealMember {
    const KIND: u8 = keys::KIND_MEMBER;
    const WHAT: &'static str = "appeal member";
}

impl Store {
    /// The record `id` of type `T`, if there is one.
    pub fn get<T: Record>(&self, id: Id) -> Result<Option<T>> {
        match self
            .records
            .get(keys::record(T::KIND, id))
            .map_err(|e| self.sled_err(e))?
        {
            Some(bytes) => decode(T::WHAT, &bytes).map(Some),
            None => Ok(None),
        }
    }

    pub fn event(&self, id: Id) -> Result<Option<Event>> {
        self.get(id)
    }

    pub fn person(&self, id: Id) -> Result<Option<Person>> {
        self.get(id)
    }

    pub fn visit(&self, id: Id) -> Result<Option<Visit>> {
        self.get(id)
    }

    /// Every record of type `T`, in id order, all in memory (see `for_each` for big kinds).
    pub fn scan<T: Record>(&self) -> Result<Vec<T>> {
        self.records
            .scan_prefix([T::KIND])
            .map(|kv| {
                let (_, v) = kv.map_err(|e| self.sled_err(e))?;
                decode(T::WHAT, &v)
            })
            .collect()
    }

    /// Every event, the most recent date first.
    pub fn events(&self) -> Result<Vec<Event>> {
        let mut events: Vec<Event> = self.scan()?;
        events.sort_by_key(|e| std::cmp::Reverse((e.fields.date, e.meta.created)));
        Ok(events)
    }

    pub fn persons(&self) -> Result<Vec<Person>> {
        self.scan()
    }

    pub fn visits(&self) -> Result<Vec<Visit>> {
        self.scan()
    }

    /// The queue of an event across desks, in order of arrival.
    pub fn queue(&self, event: Id) -> Result<Vec<QueueEntry>> {
        let mut out = Vec::new();
        for kv in self.index.scan_prefix(keys::queue_prefix(event)) {
            let (_, v) = kv.map_err(|e| self.sled_err(e))?;
            for id in keys::bucket_ids(&v, keys::QUEUE_MEMBER) {
                if let Some(visit) = self.visit(id)? {
                    let person = self.person(visit.person)?;
                    out.push(QueueEntry { visit, person });
                }
            }
        }
        out.sort_by(|a, b| {
            (a.visit.arrived, a.visit.queue_no).cmp(&(b.visit.arrived, b.visit.queue_no))
        });
        Ok(out)
    }

    pub fn next_queue_no(&self, event: Id, desk: DeskId) -> Result<u32> {
        let last = self
            .index
            .scan_prefix(keys::queue_desk_prefix(event, desk))
            .next_back()
            .transpose()
            .map_err(|e| self.sled_err(e))?;
        // The last bucket's last member has the highest number (members are sorted).
        let highest = last.and_then(|(_, v)| {
            v.chunks_exact(keys::QUEUE_MEMBER)
                .next_back()
                .and_then(keys::queue_no)
        });
        Ok(highest.map_or(1, |n| n + 1))
    }

    pub fn consultation(&self, id: Id) -> Result<Option<Consultation>> {
        self.get(id)
    }

    pub fn appeal(&self, id: Id) -> Result<Option<Appeal>> {
        self.get(id)
    }

    pub fn member(&self, id: Id) -> Result<Option<AppealMember>> {
        self.get(id)
    }

    pub fn consultations(&self) -> Result<Vec<Consultation>> {
        self.scan()
    }

    pub fn appeals(&self) -> Result<Vec<Appeal>> {
        self.scan()
    }

    /// Ids in a `[tag][a][b]` index for `a`, or in `a`'s bucket of the per-person
    /// indexes, in id order.
    pub(super) fn linked(&self, tag: u8, a: Id) -> Result<Vec<Id>> {
        if keys::is_person_bucket(tag) {
            let bucket = self
                .index
                .get(keys::pair_prefix(tag, a))
                .map_err(|e| self.sled_err(e))?;
            return Ok(bucket.map_or_else(Vec::new, |b| {
                keys::bucket_ids(&b, keys::ID_MEMBER).collect()
            }));
        }
        self.index
            .scan_prefix(keys::pair_prefix(tag, a))
            .map(|kv| {
                let (k, _) = kv.map_err(|e| self.sled_err(e))?;
                Ok(keys::trailing_id(&k))
            })
            .filter_map(|r| r.transpose())
            .collect()
    }

    /// Consultations of a visit, oldest first.
    pub fn consultations_for_visit(&self, visit: Id) -> Result<Vec<Consultation>> {
        let ids = self.linked(keys::IX_CONS_BY_VISIT, visit)?;
        ids.into_iter()
            .filter_map(|id| self.consultation(id).transpose())
            .collect()
    }

    /// Every earlier version of a consultation, appeal or member, oldest first.
    pub fn history(&self, id: Id) -> Result<Vec<HistoryEntry>> {
        self.records
            .scan_prefix(keys::history_prefix(id))
            .map(|kv| {
                let (_, v) = kv.map_err(|e| self.sled_err(e))?;
                decode("history", &v)
            })
            .collect()
    }

    /// An appeal's members with their persons, in order of joining.
    pub fn members(&self, appeal: Id) -> Result<Vec<(AppealMember, Option<Person>)>> {
        let mut out = Vec::new();
        for id in self.linked(keys::IX_MEMBER_BY_APPEAL, appeal)? {
            if let Some(m) = self.member(id)? {
                let p = self.person(m.person)?;
                out.push((m, p));
            }
        }
        Ok(out)
    }

    /// Every record a report or an export may need, read in one pass per kind (visits and
    /// consultations, the big ones, on two threads).
    pub fn records(&self) -> Result<crate::domain::report::Records> {
        let (visits, consultations) = std::thread::scope(|s| {
            let v = s.spawn(|| self.visits());
            let c = self.consultations();
            let v = v.join().unwrap_or_else(|_| {
                Err(StoreError::Io {
                    path: self.dir.clone(),
                    source: std::io::Error::other("reading visits failed"),
                })
            });
            (v, c)
        });
        Ok(crate::domain::report::Records {
            events: self.events()?,
            persons: self.persons()?,
            visits: visits?,
            consultations: consultations?,
            appeals: self.appeals()?,
            members: self.scan()?,
        })
    }

    /// Calls `f` with every record of type `T`, decoded one at a time: for exports that must
    /// not hold everything in memory. Callers name the type on the closure's argument
    /// (`|v: Visit|`): `E` is inferred from the closure as well.
    ///
    /// On the caller's thread. Reading ahead on a second thread made a CSV export of the
    /// 100,000-person store take 1.6 s instead of 2.5 s, but sled's pages were then made on
    /// one thread and let go on the other, and glibc's per-thread arenas kept 70 MB more in
    /// about one run of six (200 MB instead of 130); on one thread it is 120 MB every time.
    pub fn for_each<T, E>(
        &self,
        mut f: impl FnMut(T) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E>
    where
        T: Record,
        E: From<StoreError>,
    {
        for kv in self.records.scan_prefix([T::KIND]) {
            let (_, v) = kv.map_err(|e| self.sled_err(e))?;
            f(decode(T::WHAT, &v)?)?;
        }
        Ok(())
    }
}
