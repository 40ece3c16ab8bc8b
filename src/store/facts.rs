//! How the report facts are kept in their buckets (`keys::IX_FACT_*`).
//!
//! A bucket is a map from record id to the record's facts, and a visit's or consultation's
//! bucket key starts with its event: so neither the id nor the event is written again in
//! the facts, and dates are days since 2000-01-01 instead of text. Each byte counts twice:
//! a report reads every bucket, and sled keeps the pages it read in memory for the rest of
//! the run (an xlsx export then writes its tables beside them).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::report::{ConsultationFact, PersonFacts, VisitFact};
use crate::domain::{Consultation, Id, Money, Person, Region, Sex, Visit, VisitStatus};

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN)
}

fn day(d: Option<NaiveDate>) -> Option<i32> {
    d.and_then(|d| i32::try_from((d - epoch()).num_days()).ok())
}

fn date(n: Option<i32>) -> Option<NaiveDate> {
    n.and_then(|n| epoch().checked_add_signed(chrono::Duration::days(n.into())))
}

/// The event a visit or consultation bucket belongs to, from its key
/// (`keys::fact_bucket`: tag, event id, low byte).
pub fn bucket_event(key: &[u8]) -> Option<Id> {
    Id::from_bytes(key.get(1..17)?)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredPerson {
    region: Option<Region>,
    sex: Sex,
    birth: Option<i32>,
}

impl StoredPerson {
    pub fn of(p: &Person) -> StoredPerson {
        StoredPerson {
            region: p.fields.region,
            sex: p.fields.sex,
            birth: day(p.fields.birth_date),
        }
    }

    pub fn facts(&self, id: Id) -> PersonFacts {
        PersonFacts {
            id,
            region: self.region,
            sex: self.sex,
            birth: date(self.birth),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredVisit {
    person: Id,
    status: VisitStatus,
    waited_min: Option<i64>,
}

impl StoredVisit {
    pub fn of(v: &Visit) -> StoredVisit {
        let f = VisitFact::of(v);
        StoredVisit {
            person: f.person,
            status: f.status,
            waited_min: f.waited_min,
        }
    }

    pub fn fact(&self, event: Id) -> VisitFact {
        VisitFact {
            event,
            person: self.person,
            status: self.status,
            waited_min: self.waited_min,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredConsultation {
    person: Id,
    topics: Vec<String>,
    outcome: String,
    referral: Option<String>,
    appeal: Option<Id>,
    claimed: Option<Money>,
    recovered: Option<Money>,
    follow_up: Option<i32>,
    follow_up_closed: Option<i32>,
}

impl StoredConsultation {
    pub fn of(c: &Consultation) -> StoredConsultation {
        let f = ConsultationFact::of(c);
        StoredConsultation {
            person: f.person,
            topics: f.topics,
            outcome: f.outcome,
            referral: f.referral,
            appeal: f.appeal,
            claimed: f.claimed,
            recovered: f.recovered,
            follow_up: day(f.follow_up),
            follow_up_closed: day(f.follow_up_closed),
        }
    }

    pub fn fact(self, id: Id, event: Id) -> ConsultationFact {
        ConsultationFact {
            id,
            event,
            person: self.person,
            topics: self.topics,
            outcome: self.outcome,
            referral: self.referral,
            appeal: self.appeal,
            claimed: self.claimed,
            recovered: self.recovered,
            follow_up: date(self.follow_up),
            follow_up_closed: date(self.follow_up_closed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_survive_the_day_numbers_before_and_after_2000() {
        for d in [
            "1950-02-28",
            "1999-12-31",
            "2000-01-01",
            "2026-12-01",
            "2100-03-01",
        ] {
            let d: NaiveDate = d.parse().unwrap();
            assert_eq!(date(day(Some(d))), Some(d));
        }
        assert_eq!(date(day(None)), None);
    }

    #[test]
    fn the_event_comes_back_from_the_bucket_key() {
        let event = Id(0x0123_4567_89ab_cdef_0011_2233_4455_6677);
        let key =
            super::super::keys::fact_bucket(super::super::keys::IX_FACT_VISIT, Some(event), Id(42));
        assert_eq!(bucket_event(&key), Some(event));
    }
}
