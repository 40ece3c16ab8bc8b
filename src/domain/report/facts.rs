//! What the figures need to know about each record, and the counter that folds them into a
//! tally.

use super::*;

/// What the figures need to know about a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonFacts {
    pub id: Id,
    pub region: Option<crate::domain::Region>,
    pub sex: crate::domain::Sex,
    pub birth: Option<NaiveDate>,
}

impl PersonFacts {
    pub fn of(p: &Person) -> (Id, PersonFacts) {
        (
            p.meta.id,
            PersonFacts {
                id: p.meta.id,
                region: p.fields.region,
                sex: p.fields.sex,
                birth: p.fields.birth_date,
            },
        )
    }
}

/// What the tally needs of a visit: a few bytes, so the store keeps it in an index of its
/// own and a report reads that instead of whole records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitFact {
    pub event: Id,
    pub person: Id,
    pub status: VisitStatus,
    /// Minutes from arrival until first called (or until leaving without service).
    pub waited_min: Option<i64>,
}

impl VisitFact {
    pub fn of(v: &Visit) -> VisitFact {
        let called = v.history.iter().find(|c| {
            matches!(
                c.status,
                VisitStatus::WithOfficer | VisitStatus::LeftWithoutService
            )
        });
        VisitFact {
            event: v.event,
            person: v.person,
            status: v.status,
            waited_min: called.map(|c| (c.at - v.arrived).num_minutes().max(0)),
        }
    }
}

/// What the tally needs of a consultation (no notes, advice or legal bases).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationFact {
    pub id: Id,
    pub event: Id,
    pub person: Id,
    pub topics: Vec<String>,
    pub outcome: String,
    pub referral: Option<String>,
    pub appeal: Option<Id>,
    pub claimed: Option<Money>,
    pub recovered: Option<Money>,
    pub follow_up: Option<NaiveDate>,
    pub follow_up_closed: Option<NaiveDate>,
}

impl ConsultationFact {
    pub fn of(c: &Consultation) -> ConsultationFact {
        let f = &c.fields;
        ConsultationFact {
            id: c.meta.id,
            event: c.event,
            person: c.person,
            topics: f.topics.clone(),
            outcome: f.outcome.clone(),
            referral: f.referral.clone(),
            appeal: f.appeal,
            claimed: f.claimed,
            recovered: f.recovered,
            follow_up: f.follow_up,
            follow_up_closed: f.follow_up_closed,
        }
    }

    pub(super) fn follow_up_open(&self) -> bool {
        self.follow_up.is_some() && self.follow_up_closed.is_none()
    }
}

/// Builds a tally one record at a time, so records can be streamed from the store instead
/// of all being held at once. Visits and consultations can be counted by two counters (on
/// two threads) and the tallies merged, since they fill different parts.
pub struct Counter<'a> {
    pub(super) t: Tally,
    pub(super) period: &'a Period,
    pub(super) today: NaiveDate,
    pub(super) offset_min: i32,
    /// Dates of the events in the period.
    pub(super) events: FxHashMap<Id, NaiveDate>,
    pub(super) persons: FxHashMap<Id, PersonFacts>,
    pub(super) appeal_ids: FxHashSet<Id>,
}

impl<'a> Counter<'a> {
    /// `people` numbers the persons of the tally's sets: counters given the same list merge
    /// without renumbering (see `Tally::merge`).
    pub fn new(
        events: &[Event],
        persons: FxHashMap<Id, PersonFacts>,
        people: People,
        period: &'a Period,
        today: NaiveDate,
        offset_min: i32,
    ) -> Counter<'a> {
        let by_event = events
            .iter()
            .filter(|e| period.has_event(e))
            .map(|e| {
                let t = EventTally {
                    date: e.fields.date,
                    city: e.fields.city.clone(),
                    ..EventTally::default()
                };
                (e.meta.id, t)
            })
            .collect();
        Counter {
            t: Tally {
                people,
                by_event,
                ..Tally::default()
            },
            period,
            today,
            offset_min,
            events: events
                .iter()
                .filter(|e| period.has_event(e))
                .map(|e| (e.meta.id, e.fields.date))
                .collect(),
            persons,
            appeal_ids: FxHashSet::default(),
        }
    }

    pub fn visit(&mut self, v: &VisitFact) {
        let Some(on) = self.events.get(&v.event).copied() else {
            return;
        };
        let t = &mut self.t;
        let n = t.people.number(v.person);
        t.visits.add(n);
        match v.status {
            VisitStatus::Done => t.served.add(n),
            VisitStatus::LeftWithoutService => t.left.add(n),
            _ => {}
        }
        if let Some(m) = v.waited_min {
            *t.waits.entry(m).or_default() += 1;
        }
        let p = self.persons.get(&v.person);
        let region = p.and_then(|p| p.region).map(|r| r.code()).unwrap_or("");
        let sex = p.map(|p| p.sex.code()).unwrap_or("unknown");
        let band = age_band(p.and_then(|p| p.birth), on);
        entry(&mut t.by_region, region).insert(n);
        entry(&mut t.by_sex, sex).insert(n);
        entry(&mut t.by_age, band).insert(n);
        entry(entry(&mut t.by_age_sex, band), sex).insert(n);
        if let Some(e) = t.by_event.get_mut(&v.event) {
            e.visits.add(n);
            if v.status == VisitStatus::Done {
                e.served += 1;
            }
        }
    }

    pub fn consultation(&mut self, c: &ConsultationFact) {
        if !self.events.contains_key(&c.event) {
            return;
        }
        let t = &mut self.t;
        let (id, f) = (c.id, c);
        let n = t.people.number(c.person);
        t.consultations.add(n);
        for topic in &f.topics {
            entry(&mut t.by_topic, topic).add(n);
            entry(entry(&mut t.by_topic_outcome, topic), &f.outcome).add(n);
        }
        if let Some(e) = t.by_event.get_mut(&c.event) {
            e.consultations += 1;
        }
        entry(&mut t.by_outcome, &f.outcome).add(n);
        if let Some(r) = &f.referral {
            entry(&mut t.by_referral, r).add(n);
        }
        match f.appeal {
            Some(a) => {
                self.appeal_ids.insert(a);
            }
            None => {
                if f.claimed.is_some() || f.recovered.is_some() {
                    let topic = f.topics.first().map_or("", String::as_str);
                    entry(&mut t.lone_claims, topic).add(n, f.claimed, f.recovered);
                }
            }
        }
        if f.follow_up_open() {
            t.open_follow_ups.insert(id);
            if f.follow_up.is_some_and(|d| d < self.today) {
                t.overdue_follow_ups.insert(id);
            }
        }
    }

    /// The tally, with the appeals of the period (those of its consultations, and for date
    /// ranges those opened within them) and their members.
    pub fn finish(self, appeals: &[Appeal], members: &[AppealMember]) -> Tally {
        let mut f = self.with_appeals(appeals);
        members.iter().for_each(|m| f.member(m));
        f.into_tally()
    }

    /// The appeals of the period counted; their members are then given one at a time
    /// (`Members::member`), so the store need not hold them all.
    pub fn with_appeals(self, appeals: &[Appeal]) -> Members<'_> {
        let Counter {
            mut t,
            period,
            today,
            offset_min,
            appeal_ids,
            ..
        } = self;
        let appeals: Vec<&Appeal> = appeals
            .iter()
            .filter(|a| appeal_ids.contains(&a.meta.id) || period.has_opening(a, offset_min))
            .collect();
        let topic_of: FxHashMap<Id, &str> = appeals
            .iter()
            .map(|a| (a.meta.id, a.fields.topic.as_str()))
            .collect();
        for a in &appeals {
            t.appeals
                .entry(a.fields.topic.clone())
                .or_default()
                .appeals
                .insert(a.meta.id);
            let f = &a.fields;
            if f.follow_up.is_some() && f.follow_up_closed.is_none() {
                t.open_follow_ups.insert(a.meta.id);
                if f.follow_up.is_some_and(|d| d < today) {
                    t.overdue_follow_ups.insert(a.meta.id);
                }
            }
        }
        Members { t, topic_of }
    }

    /// The visits' part alone (no appeals), to merge with a counter of consultations.
    pub fn into_tally(self) -> Tally {
        self.t
    }
}

/// A tally whose appeals are counted, taking their members one at a time.
pub struct Members<'a> {
    t: Tally,
    topic_of: FxHashMap<Id, &'a str>,
}

impl Members<'_> {
    pub fn member(&mut self, m: &AppealMember) {
        let t = &mut self.t;
        let Some(topic) = self.topic_of.get(&m.appeal) else {
            return;
        };
        if m.status == MemberStatus::Withdrawn {
            return;
        }
        let n = t.people.number(m.person);
        t.appeals
            .entry(topic.to_string())
            .or_default()
            .persons
            .insert(n);
        t.claims.insert(
            m.meta.id,
            Claim {
                person: n,
                topic: topic.to_string(),
                claimed: m.claimed,
                recovered: m.recovered,
            },
        );
    }

    pub fn into_tally(self) -> Tally {
        self.t
    }
}
