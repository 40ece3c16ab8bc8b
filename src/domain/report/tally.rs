//! The tally: counts and person sets that merge, so two disjoint periods' tallies unite.

use super::*;

/// The persons a tally has met, numbered in the order met (after those it was given to start
/// with). The tally's many person sets hold these 4-byte numbers instead of 16-byte ids: on
/// 100,000 persons the sets took about 30 MB more as ids.
#[derive(Clone, Debug, Default)]
pub struct People {
    pub(super) ids: Vec<Id>,
    pub(super) index: FxHashMap<Id, u32>,
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

    pub(super) fn number(&mut self, id: Id) -> u32 {
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
    pub(super) fn absorb(&mut self, other: &People) -> Renumber {
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
pub(super) struct Renumber {
    pub(super) same: usize,
    pub(super) rest: Vec<u32>,
}

impl Renumber {
    pub(super) fn map(&self, n: u32) -> u32 {
        match (n as usize).checked_sub(self.same) {
            None => n,
            Some(i) => self.rest[i],
        }
    }

    pub(super) fn set(&self, s: FxHashSet<u32>) -> FxHashSet<u32> {
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
    pub(super) fn add(&mut self, person: u32) {
        self.records += 1;
        self.persons.insert(person);
    }

    pub(super) fn merge(&mut self, other: Group, r: &Renumber) {
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
    pub(super) fn add(&mut self, person: u32, claimed: Option<Money>, recovered: Option<Money>) {
        if let Some(m) = claimed {
            *self.claimed.entry(m.currency).or_default() += i128::from(m.minor);
        }
        if let Some(m) = recovered.filter(|m| m.minor > 0) {
            *self.recovered.entry(m.currency).or_default() += i128::from(m.minor);
            self.recoverers.insert(person);
        }
    }

    /// Adds `other`'s amounts (its recoverers are the caller's: they may need renumbering).
    pub(super) fn add_amounts(&mut self, other: &ClaimSums) {
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
    /// Consultations and their persons by topic, then by outcome.
    pub by_topic_outcome: BTreeMap<String, BTreeMap<String, Group>>,
    /// Visitors by age band, then by sex code.
    pub by_age_sex: BTreeMap<String, BTreeMap<String, FxHashSet<u32>>>,
    /// Every event of the period, with or without visits.
    pub by_event: BTreeMap<Id, EventTally>,
}

/// One event's figures. An event belongs to one period, so its counts add; its visitors
/// are a set all the same, as two tallies of one period may be merged (visits and
/// consultations are counted apart).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventTally {
    pub date: NaiveDate,
    pub city: String,
    pub visits: Group,
    pub served: usize,
    pub consultations: usize,
}

impl EventTally {
    pub(super) fn merge(&mut self, other: EventTally, r: &Renumber) {
        self.visits.merge(other.visits, r);
        self.served += other.served;
        self.consultations += other.consultations;
    }
}

/// `a ∪ b` in `a`, adding the smaller set to the larger: merging a tally into an empty one
/// (the store's visits and consultations counters fill different parts) moves the sets
/// instead of copying them, which would briefly hold each twice.
pub(super) fn unite<T: std::hash::Hash + Eq>(a: &mut FxHashSet<T>, mut b: FxHashSet<T>) {
    if a.len() < b.len() {
        std::mem::swap(a, &mut b);
    }
    a.extend(b);
}

pub(super) fn merge_map(a: &mut BTreeMap<String, Group>, b: BTreeMap<String, Group>, r: &Renumber) {
    for (k, g) in b {
        a.entry(k).or_default().merge(g, r);
    }
}

/// The entry for `code`, allocating the key only the first time.
pub(super) fn entry<'a, V: Default>(m: &'a mut BTreeMap<String, V>, code: &str) -> &'a mut V {
    if !m.contains_key(code) {
        m.insert(code.to_string(), V::default());
    }
    m.get_mut(code).expect("inserted just above")
}

pub(super) fn merge_sets(
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
        for (k, m) in other.by_topic_outcome {
            merge_map(self.by_topic_outcome.entry(k).or_default(), m, &r);
        }
        for (k, m) in other.by_age_sex {
            merge_sets(self.by_age_sex.entry(k).or_default(), m, &r);
        }
        for (id, e) in other.by_event {
            match self.by_event.get_mut(&id) {
                Some(mine) => mine.merge(e, &r),
                None => {
                    let mut e = e;
                    e.visits.persons = r.set(e.visits.persons);
                    self.by_event.insert(id, e);
                }
            }
        }
        self
    }

    /// The tally with persons as ids in ordered sets, for comparing two tallies whatever
    /// order they met their persons in.
    pub(super) fn canonical(&self) -> Canonical {
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
            by_topic_outcome: self
                .by_topic_outcome
                .iter()
                .map(|(k, m)| (k.clone(), groups(m)))
                .collect(),
            by_age_sex: self
                .by_age_sex
                .iter()
                .map(|(k, m)| (k.clone(), sets(m)))
                .collect(),
            by_event: self
                .by_event
                .iter()
                .map(|(id, e)| {
                    let key = (e.date, e.city.clone(), group(&e.visits));
                    (*id, (key, e.served, e.consultations))
                })
                .collect(),
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
pub(super) struct Canonical {
    pub(super) visits: CanonicalGroup,
    pub(super) served: CanonicalGroup,
    pub(super) left: CanonicalGroup,
    pub(super) waits: BTreeMap<i64, usize>,
    pub(super) consultations: CanonicalGroup,
    pub(super) by_topic: BTreeMap<String, CanonicalGroup>,
    pub(super) by_outcome: BTreeMap<String, CanonicalGroup>,
    pub(super) by_referral: BTreeMap<String, CanonicalGroup>,
    pub(super) by_region: BTreeMap<String, BTreeSet<Id>>,
    pub(super) by_sex: BTreeMap<String, BTreeSet<Id>>,
    pub(super) by_age: BTreeMap<String, BTreeSet<Id>>,
    pub(super) appeals: BTreeMap<String, (BTreeSet<Id>, BTreeSet<Id>)>,
    pub(super) claims: BTreeMap<Id, (Id, String, Option<Money>, Option<Money>)>,
    pub(super) lone_claims: BTreeMap<String, CanonicalSums>,
    pub(super) open_follow_ups: BTreeSet<Id>,
    pub(super) overdue_follow_ups: BTreeSet<Id>,
    pub(super) by_topic_outcome: BTreeMap<String, BTreeMap<String, CanonicalGroup>>,
    pub(super) by_age_sex: BTreeMap<String, BTreeMap<String, BTreeSet<Id>>>,
    pub(super) by_event: BTreeMap<Id, CanonicalEvent>,
}

type CanonicalEvent = ((NaiveDate, String, CanonicalGroup), usize, usize);
