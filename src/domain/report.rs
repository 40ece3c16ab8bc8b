//! The figures of a reception day or a period, as pure functions of the records.
//!
//! Counting rules (also in the README):
//! - A *visit* is one arrival in a queue; *visitors* are the distinct persons with at least
//!   one visit in the period (a person is counted once per period however often they came).
//! - Served = visits done; left = visits left without service; waiting time runs from
//!   arrival until first called (or until leaving), over the visits that got that far.
//! - A consultation with two topics counts under each; the persons of a topic are the
//!   distinct persons with a consultation on it.
//! - Region, sex and age band describe the distinct visitors; age is taken at the date of
//!   each visit (so a birthday between two visits can place a person in two bands).
//! - An *appeal* belongs to the period if one of its consultations does, or (for a date
//!   range) if it was opened within it. An appeal counts once; the persons behind appeals are
//!   its distinct members who have not withdrawn.
//! - Amounts: each *claim* counts once — an appeal member's amounts (kept up to date on the
//!   appeal) for appeals in the period, and a consultation's own amounts when it is not part
//!   of an appeal. Persons who recovered = distinct persons with a recovered amount above zero.
//! - Follow-ups: open ones (date set, not closed) of the period's consultations and appeals;
//!   overdue = due before today.
//!
//! Everything here merges: the tally of two disjoint periods is the union of their tallies
//! (counts add, person sets unite), which the tests check.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::{FxHashMap, FxHashSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::money::{MoneyError, Totals};
use super::{
    Appeal, AppealMember, Consultation, Currency, Event, Id, MemberStatus, Money, Person, Visit,
    VisitStatus,
};

/// Which records a report covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Period {
    Event(Id),
    /// Events dated within these days, both included.
    Dates {
        from: NaiveDate,
        to: NaiveDate,
    },
    All,
}

impl Period {
    pub fn has_event(&self, e: &Event) -> bool {
        match self {
            Period::Event(id) => e.meta.id == *id,
            Period::Dates { from, to } => (*from..=*to).contains(&e.fields.date),
            Period::All => true,
        }
    }

    /// Whether an appeal opened on its day (at the desk's offset) falls in a date range.
    pub fn has_opening(&self, a: &Appeal, offset_min: i32) -> bool {
        let day = super::validate::to_local(a.meta.created, offset_min).date_naive();
        match self {
            Period::Event(_) => false,
            Period::Dates { from, to } => (*from..=*to).contains(&day),
            Period::All => true,
        }
    }
}

/// Every record a report may look at (the store loads them; tests build them by hand).
#[derive(Clone, Debug, Default)]
pub struct Records {
    pub events: Vec<Event>,
    pub persons: Vec<Person>,
    pub visits: Vec<Visit>,
    pub consultations: Vec<Consultation>,
    pub appeals: Vec<Appeal>,
    pub members: Vec<AppealMember>,
}

/// Age bands of the tables, by age in whole years.
pub const AGE_BANDS: [(&str, u32, u32); 6] = [
    ("0-17", 0, 17),
    ("18-24", 18, 24),
    ("25-34", 25, 34),
    ("35-44", 35, 44),
    ("45-54", 45, 54),
    ("55+", 55, u32::MAX),
];

pub fn age_band(birth: Option<NaiveDate>, on: NaiveDate) -> &'static str {
    let Some(b) = birth else {
        return "unknown";
    };
    let mut age = on.year() - b.year();
    if (on.month(), on.day()) < (b.month(), b.day()) {
        age -= 1;
    }
    let age = age.max(0) as u32;
    AGE_BANDS
        .iter()
        .find(|(_, lo, hi)| (*lo..=*hi).contains(&age))
        .map(|(name, _, _)| *name)
        .unwrap_or("unknown")
}

/// The persons a tally has met, numbered in the order met (after those it was given to start
/// with). The tally's many person sets hold these 4-byte numbers instead of 16-byte ids: on
/// 100,000 persons the sets took about 30 MB more as ids.
#[derive(Clone, Debug, Default)]
pub struct People {
    ids: Vec<Id>,
    index: FxHashMap<Id, u32>,
}

impl People {
    /// Numbers `ids` in the given order; tallies started from the same list merge without
    /// renumbering.
    pub fn with(ids: impl IntoIterator<Item = Id>) -> People {
        let mut p = People::default();
        for id in ids {
            p.number(id);
        }
        p
    }

    fn number(&mut self, id: Id) -> u32 {
        if let Some(n) = self.index.get(&id) {
            return *n;
        }
        // Invariant: fewer than 2^32 persons in one report (a store holds at most millions).
        let n = u32::try_from(self.ids.len()).expect("fewer than 2^32 persons");
        self.ids.push(id);
        self.index.insert(id, n);
        n
    }

    /// The person behind a number of this tally's sets.
    pub fn id(&self, n: u32) -> Id {
        self.ids[n as usize]
    }

    /// Takes in `other`'s persons; says how its numbers read in `self`.
    fn absorb(&mut self, other: &People) -> Renumber {
        let same = self
            .ids
            .iter()
            .zip(&other.ids)
            .take_while(|(a, b)| a == b)
            .count();
        let rest = other.ids[same..]
            .iter()
            .map(|id| self.number(*id))
            .collect();
        Renumber { same, rest }
    }
}

/// How one tally's person numbers read in another: the first `same` are equal, the others
/// are looked up.
struct Renumber {
    same: usize,
    rest: Vec<u32>,
}

impl Renumber {
    fn map(&self, n: u32) -> u32 {
        match (n as usize).checked_sub(self.same) {
            None => n,
            Some(i) => self.rest[i],
        }
    }

    fn set(&self, s: FxHashSet<u32>) -> FxHashSet<u32> {
        if self.rest.is_empty() {
            s
        } else {
            s.into_iter().map(|n| self.map(n)).collect()
        }
    }
}

/// Records counted under one code (a topic, an outcome ...) and the persons behind them
/// (numbers of the tally's `People`). Visits and consultations belong to one event each, so
/// their counts add across disjoint periods; persons are a set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Group {
    pub records: usize,
    pub persons: FxHashSet<u32>,
}

impl Group {
    fn add(&mut self, person: u32) {
        self.records += 1;
        self.persons.insert(person);
    }

    fn merge(&mut self, other: Group, r: &Renumber) {
        self.records += other.records;
        unite(&mut self.persons, r.set(other.persons));
    }
}

/// Appeals under one topic: an appeal can belong to two periods (consultations in both),
/// so they are a set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AppealGroup {
    pub appeals: FxHashSet<Id>,
    pub persons: FxHashSet<u32>,
}

/// One claim of money: an appeal member's or a lone consultation's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    /// A number of the tally's `People`.
    pub person: u32,
    pub topic: String,
    pub claimed: Option<Money>,
    pub recovered: Option<Money>,
}

/// The amounts of lone consultations (not part of an appeal) under one topic, summed as
/// they are counted. They are most of the claims, and a consultation belongs to one event,
/// so the sums of two disjoint periods add; a map of them by id cost a report 15 MB.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimSums {
    pub claimed: BTreeMap<Currency, i128>,
    /// Amounts above zero only.
    pub recovered: BTreeMap<Currency, i128>,
    /// The persons with a recovered amount above zero (numbers of the tally's `People`).
    pub recoverers: FxHashSet<u32>,
}

impl ClaimSums {
    /// One claim of `person`: a lone consultation's, or a member's when totalling.
    fn add(&mut self, person: u32, claimed: Option<Money>, recovered: Option<Money>) {
        if let Some(m) = claimed {
            *self.claimed.entry(m.currency).or_default() += i128::from(m.minor);
        }
        if let Some(m) = recovered.filter(|m| m.minor > 0) {
            *self.recovered.entry(m.currency).or_default() += i128::from(m.minor);
            self.recoverers.insert(person);
        }
    }

    /// Adds `other`'s amounts (its recoverers are the caller's: they may need renumbering).
    fn add_amounts(&mut self, other: &ClaimSums) {
        for (k, v) in &other.claimed {
            *self.claimed.entry(*k).or_default() += v;
        }
        for (k, v) in &other.recovered {
            *self.recovered.entry(*k).or_default() += v;
        }
    }
}

/// What a report is computed from; mergeable across disjoint periods.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    /// Who the numbers in the person sets are.
    pub people: People,
    pub visits: Group,
    pub served: Group,
    pub left: Group,
    /// Minutes waited → number of visits.
    pub waits: BTreeMap<i64, usize>,
    pub consultations: Group,
    pub by_topic: BTreeMap<String, Group>,
    pub by_outcome: BTreeMap<String, Group>,
    pub by_referral: BTreeMap<String, Group>,
    /// Visitors by region code ("" when unknown), sex code and age band.
    pub by_region: BTreeMap<String, FxHashSet<u32>>,
    pub by_sex: BTreeMap<String, FxHashSet<u32>>,
    pub by_age: BTreeMap<String, FxHashSet<u32>>,
    /// Appeals of the period by topic, with their members.
    pub appeals: BTreeMap<String, AppealGroup>,
    /// Appeal members' claims by member id: an appeal, and so its members, can belong to
    /// two periods, and must count once in their union.
    pub claims: FxHashMap<Id, Claim>,
    /// Lone consultations' amounts by (first) topic.
    pub lone_claims: BTreeMap<String, ClaimSums>,
    pub open_follow_ups: FxHashSet<Id>,
    pub overdue_follow_ups: FxHashSet<Id>,
}

/// `a ∪ b` in `a`, adding the smaller set to the larger: merging a tally into an empty one
/// (the store's visits and consultations counters fill different parts) moves the sets
/// instead of copying them, which would briefly hold each twice.
fn unite<T: std::hash::Hash + Eq>(a: &mut FxHashSet<T>, mut b: FxHashSet<T>) {
    if a.len() < b.len() {
        std::mem::swap(a, &mut b);
    }
    a.extend(b);
}

fn merge_map(a: &mut BTreeMap<String, Group>, b: BTreeMap<String, Group>, r: &Renumber) {
    for (k, g) in b {
        a.entry(k).or_default().merge(g, r);
    }
}

/// The entry for `code`, allocating the key only the first time.
fn entry<'a, V: Default>(m: &'a mut BTreeMap<String, V>, code: &str) -> &'a mut V {
    if !m.contains_key(code) {
        m.insert(code.to_string(), V::default());
    }
    m.get_mut(code).expect("inserted just above")
}

fn merge_sets(
    a: &mut BTreeMap<String, FxHashSet<u32>>,
    b: BTreeMap<String, FxHashSet<u32>>,
    r: &Renumber,
) {
    for (k, s) in b {
        unite(a.entry(k).or_default(), r.set(s));
    }
}

impl Tally {
    /// Counts the records of `period`. `today` decides which follow-ups are overdue;
    /// `offset_min` is the desk's offset, for the day an appeal was opened.
    pub fn of(records: &Records, period: &Period, today: NaiveDate, offset_min: i32) -> Tally {
        let persons: FxHashMap<Id, PersonFacts> =
            records.persons.iter().map(PersonFacts::of).collect();
        let people = People::with(records.persons.iter().map(|p| p.meta.id));
        let mut c = Counter::new(&records.events, persons, people, period, today, offset_min);
        for v in &records.visits {
            c.visit(&VisitFact::of(v));
        }
        for x in &records.consultations {
            c.consultation(&ConsultationFact::of(x));
        }
        c.finish(&records.appeals, &records.members)
    }

    /// The tally of two disjoint periods together.
    pub fn merge(mut self, other: Tally) -> Tally {
        let r = self.people.absorb(&other.people);
        self.visits.merge(other.visits, &r);
        self.served.merge(other.served, &r);
        self.left.merge(other.left, &r);
        for (k, n) in other.waits {
            *self.waits.entry(k).or_default() += n;
        }
        self.consultations.merge(other.consultations, &r);
        merge_map(&mut self.by_topic, other.by_topic, &r);
        merge_map(&mut self.by_outcome, other.by_outcome, &r);
        merge_map(&mut self.by_referral, other.by_referral, &r);
        merge_sets(&mut self.by_region, other.by_region, &r);
        merge_sets(&mut self.by_sex, other.by_sex, &r);
        merge_sets(&mut self.by_age, other.by_age, &r);
        for (k, g) in other.appeals {
            let mine = self.appeals.entry(k).or_default();
            unite(&mut mine.appeals, g.appeals);
            unite(&mut mine.persons, r.set(g.persons));
        }
        let mut claims = other.claims;
        if !r.rest.is_empty() {
            for c in claims.values_mut() {
                c.person = r.map(c.person);
            }
        }
        if self.claims.len() < claims.len() {
            std::mem::swap(&mut self.claims, &mut claims);
        }
        // A claim in both is the same record (an appeal member seen from two periods).
        self.claims.extend(claims);
        for (k, sums) in other.lone_claims {
            let mine = self.lone_claims.entry(k).or_default();
            mine.add_amounts(&sums);
            unite(&mut mine.recoverers, r.set(sums.recoverers));
        }
        unite(&mut self.open_follow_ups, other.open_follow_ups);
        unite(&mut self.overdue_follow_ups, other.overdue_follow_ups);
        self
    }

    /// The tally with persons as ids in ordered sets, for comparing two tallies whatever
    /// order they met their persons in.
    fn canonical(&self) -> Canonical {
        let ids =
            |s: &FxHashSet<u32>| -> BTreeSet<Id> { s.iter().map(|n| self.people.id(*n)).collect() };
        let group = |g: &Group| (g.records, ids(&g.persons));
        let groups = |m: &BTreeMap<String, Group>| -> BTreeMap<String, (usize, BTreeSet<Id>)> {
            m.iter().map(|(k, g)| (k.clone(), group(g))).collect()
        };
        let sets = |m: &BTreeMap<String, FxHashSet<u32>>| -> BTreeMap<String, BTreeSet<Id>> {
            m.iter().map(|(k, s)| (k.clone(), ids(s))).collect()
        };
        Canonical {
            visits: group(&self.visits),
            served: group(&self.served),
            left: group(&self.left),
            waits: self.waits.clone(),
            consultations: group(&self.consultations),
            by_topic: groups(&self.by_topic),
            by_outcome: groups(&self.by_outcome),
            by_referral: groups(&self.by_referral),
            by_region: sets(&self.by_region),
            by_sex: sets(&self.by_sex),
            by_age: sets(&self.by_age),
            appeals: self
                .appeals
                .iter()
                .map(|(k, g)| {
                    (
                        k.clone(),
                        (g.appeals.iter().copied().collect(), ids(&g.persons)),
                    )
                })
                .collect(),
            claims: self
                .claims
                .iter()
                .map(|(k, c)| {
                    (
                        *k,
                        (
                            self.people.id(c.person),
                            c.topic.clone(),
                            c.claimed,
                            c.recovered,
                        ),
                    )
                })
                .collect(),
            lone_claims: self
                .lone_claims
                .iter()
                .map(|(k, s)| {
                    (
                        k.clone(),
                        (s.claimed.clone(), s.recovered.clone(), ids(&s.recoverers)),
                    )
                })
                .collect(),
            open_follow_ups: self.open_follow_ups.iter().copied().collect(),
            overdue_follow_ups: self.overdue_follow_ups.iter().copied().collect(),
        }
    }
}

/// Two tallies are equal when they count the same records and the same persons, however
/// each numbered its persons.
impl PartialEq for Tally {
    fn eq(&self, other: &Tally) -> bool {
        self.canonical() == other.canonical()
    }
}

impl Eq for Tally {}

type CanonicalGroup = (usize, BTreeSet<Id>);
type CanonicalSums = (
    BTreeMap<Currency, i128>,
    BTreeMap<Currency, i128>,
    BTreeSet<Id>,
);

#[derive(PartialEq, Eq)]
struct Canonical {
    visits: CanonicalGroup,
    served: CanonicalGroup,
    left: CanonicalGroup,
    waits: BTreeMap<i64, usize>,
    consultations: CanonicalGroup,
    by_topic: BTreeMap<String, CanonicalGroup>,
    by_outcome: BTreeMap<String, CanonicalGroup>,
    by_referral: BTreeMap<String, CanonicalGroup>,
    by_region: BTreeMap<String, BTreeSet<Id>>,
    by_sex: BTreeMap<String, BTreeSet<Id>>,
    by_age: BTreeMap<String, BTreeSet<Id>>,
    appeals: BTreeMap<String, (BTreeSet<Id>, BTreeSet<Id>)>,
    claims: BTreeMap<Id, (Id, String, Option<Money>, Option<Money>)>,
    lone_claims: BTreeMap<String, CanonicalSums>,
    open_follow_ups: BTreeSet<Id>,
    overdue_follow_ups: BTreeSet<Id>,
}

/// What the figures need to know about a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonFacts {
    pub id: Id,
    pub region: Option<super::Region>,
    pub sex: super::Sex,
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

    fn follow_up_open(&self) -> bool {
        self.follow_up.is_some() && self.follow_up_closed.is_none()
    }
}

/// Builds a tally one record at a time, so records can be streamed from the store instead
/// of all being held at once. Visits and consultations can be counted by two counters (on
/// two threads) and the tallies merged, since they fill different parts.
pub struct Counter<'a> {
    t: Tally,
    period: &'a Period,
    today: NaiveDate,
    offset_min: i32,
    /// Dates of the events in the period.
    events: FxHashMap<Id, NaiveDate>,
    persons: FxHashMap<Id, PersonFacts>,
    appeal_ids: FxHashSet<Id>,
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
        Counter {
            t: Tally {
                people,
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
        for m in members {
            let Some(topic) = topic_of.get(&m.appeal) else {
                continue;
            };
            if m.status == MemberStatus::Withdrawn {
                continue;
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
        t
    }

    /// The visits' part alone (no appeals), to merge with a counter of consultations.
    pub fn into_tally(self) -> Tally {
        self.t
    }
}

/// An amount in a report: currency code and minor units (no floats anywhere).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Amount {
    pub currency: &'static str,
    pub minor: i64,
}

fn amounts(t: &Totals) -> Vec<Amount> {
    t.0.iter()
        .filter(|(_, v)| **v != 0)
        .map(|(c, v)| Amount {
            currency: c.code(),
            minor: *v,
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Count {
    pub code: String,
    pub records: usize,
    pub persons: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PersonCount {
    pub code: String,
    pub persons: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TopicLine {
    pub code: String,
    pub consultations: usize,
    pub persons: usize,
    pub appeals: usize,
    pub appeal_persons: usize,
    pub claimed: Vec<Amount>,
    pub recovered: Vec<Amount>,
    pub persons_recovered: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Visits {
    pub total: usize,
    pub persons: usize,
    pub served: usize,
    pub left_without_service: usize,
    /// Minutes, over the visits that were called or left; `None` without any.
    pub wait_median_min: Option<i64>,
    pub wait_p90_min: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Amounts {
    pub claimed: Vec<Amount>,
    pub recovered: Vec<Amount>,
    pub persons_recovered: usize,
}

/// The figures, as shown on the dashboard and written by `kezek report` (its JSON is this
/// structure; `schema` changes when a field does).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    pub schema: u32,
    pub visits: Visits,
    pub consultations: usize,
    pub consulted_persons: usize,
    pub topics: Vec<TopicLine>,
    pub outcomes: Vec<Count>,
    pub referrals: Vec<Count>,
    pub regions: Vec<PersonCount>,
    pub sexes: Vec<PersonCount>,
    pub ages: Vec<PersonCount>,
    pub appeals: usize,
    pub appeal_persons: usize,
    pub amounts: Amounts,
    pub open_follow_ups: usize,
    pub overdue_follow_ups: usize,
}

pub const SCHEMA: u32 = 1;

/// The value at quantile `q` of a histogram (nearest rank).
fn quantile(h: &BTreeMap<i64, usize>, q: f64) -> Option<i64> {
    let n: usize = h.values().sum();
    if n == 0 {
        return None;
    }
    let rank = ((q * n as f64).ceil() as usize).clamp(1, n);
    let mut seen = 0;
    for (v, c) in h {
        seen += c;
        if seen >= rank {
            return Some(*v);
        }
    }
    h.keys().next_back().copied()
}

/// Claimed and recovered totals of some lone consultations' sums and members' claims, and
/// the number of distinct persons who recovered anything.
fn totals<'a>(
    lone: impl Iterator<Item = &'a ClaimSums>,
    members: impl Iterator<Item = &'a Claim>,
) -> Result<(Totals, Totals, usize), MoneyError> {
    let mut all = ClaimSums::default();
    for sums in lone {
        all.add_amounts(sums);
        all.recoverers.extend(&sums.recoverers);
    }
    for claim in members {
        all.add(claim.person, claim.claimed, claim.recovered);
    }
    // Sums are exact in i128; what ministries receive must still fit the amounts' i64.
    let fit = |m: BTreeMap<Currency, i128>| -> Result<Totals, MoneyError> {
        m.into_iter()
            .map(|(k, v)| {
                i64::try_from(v)
                    .map(|v| (k, v))
                    .map_err(|_| MoneyError::TooLarge)
            })
            .collect::<Result<_, _>>()
            .map(Totals)
    };
    Ok((fit(all.claimed)?, fit(all.recovered)?, all.recoverers.len()))
}

impl Report {
    pub fn from_tally(t: &Tally) -> Result<Report, MoneyError> {
        let count = |m: &BTreeMap<String, Group>| -> Vec<Count> {
            let mut v: Vec<Count> = m
                .iter()
                .map(|(code, g)| Count {
                    code: code.clone(),
                    records: g.records,
                    persons: g.persons.len(),
                })
                .collect();
            v.sort_by(|a, b| b.records.cmp(&a.records).then(a.code.cmp(&b.code)));
            v
        };
        let people = |m: &BTreeMap<String, FxHashSet<u32>>| -> Vec<PersonCount> {
            let mut v: Vec<PersonCount> = m
                .iter()
                .map(|(code, s)| PersonCount {
                    code: code.clone(),
                    persons: s.len(),
                })
                .collect();
            v.sort_by(|a, b| b.persons.cmp(&a.persons).then(a.code.cmp(&b.code)));
            v
        };
        let mut codes: BTreeSet<&String> = t.by_topic.keys().collect();
        codes.extend(t.appeals.keys());
        let mut topics = Vec::new();
        for code in codes {
            let (claimed, recovered, persons_recovered) = totals(
                t.lone_claims.get(code).into_iter(),
                t.claims.values().filter(|c| &c.topic == code),
            )?;
            let g = t.by_topic.get(code);
            let a = t.appeals.get(code);
            topics.push(TopicLine {
                code: code.clone(),
                consultations: g.map_or(0, |g| g.records),
                persons: g.map_or(0, |g| g.persons.len()),
                appeals: a.map_or(0, |a| a.appeals.len()),
                appeal_persons: a.map_or(0, |a| a.persons.len()),
                claimed: amounts(&claimed),
                recovered: amounts(&recovered),
                persons_recovered,
            });
        }
        topics.sort_by(|a, b| {
            b.consultations
                .cmp(&a.consultations)
                .then(b.appeals.cmp(&a.appeals))
                .then(a.code.cmp(&b.code))
        });
        let (claimed, recovered, persons_recovered) =
            totals(t.lone_claims.values(), t.claims.values())?;
        let mut ages = people(&t.by_age);
        let order = |c: &str| {
            AGE_BANDS
                .iter()
                .position(|(n, _, _)| *n == c)
                .unwrap_or(AGE_BANDS.len())
        };
        ages.sort_by_key(|a| order(&a.code));
        let appeal_persons: FxHashSet<&u32> = t.appeals.values().flat_map(|g| &g.persons).collect();
        Ok(Report {
            schema: SCHEMA,
            visits: Visits {
                total: t.visits.records,
                persons: t.visits.persons.len(),
                served: t.served.records,
                left_without_service: t.left.records,
                wait_median_min: quantile(&t.waits, 0.5),
                wait_p90_min: quantile(&t.waits, 0.9),
            },
            consultations: t.consultations.records,
            consulted_persons: t.consultations.persons.len(),
            topics,
            outcomes: count(&t.by_outcome),
            referrals: count(&t.by_referral),
            regions: people(&t.by_region),
            sexes: people(&t.by_sex),
            ages,
            appeals: t.appeals.values().map(|g| g.appeals.len()).sum(),
            appeal_persons: appeal_persons.len(),
            amounts: Amounts {
                claimed: amounts(&claimed),
                recovered: amounts(&recovered),
                persons_recovered,
            },
            open_follow_ups: t.open_follow_ups.len(),
            overdue_follow_ups: t.overdue_follow_ups.len(),
        })
    }
}

/// `11,204,500.00 RUB; 3,000.00 USD` in the given locale, or a dash for none.
pub fn format_amounts(list: &[Amount], locale: super::money::NumberLocale) -> String {
    let parts: Vec<String> = list
        .iter()
        .filter_map(|a| {
            Currency::from_code(a.currency).map(|c| Money::new(c, a.minor).format(locale))
        })
        .collect();
    if parts.is_empty() {
        "—".into()
    } else {
        parts.join("; ")
    }
}

/// A currency's amount in a list, zero when absent.
pub fn amount_of(list: &[Amount], c: Currency) -> i64 {
    list.iter()
        .find(|a| a.currency == c.code())
        .map_or(0, |a| a.minor)
}
