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
//! - By topic and outcome: a consultation counts under each topic with its outcome. By age
//!   band and sex: distinct visitors. Per event: every event of the period, visited or not.
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

mod facts;
mod tally;

pub use facts::*;
pub use tally::*;

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

/// An amount in a report: currency code and minor units (no floats anywhere).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Amount {
    pub currency: &'static str,
    pub minor: i64,
}

pub(super) fn amounts(t: &Totals) -> Vec<Amount> {
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

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Visits {
    pub total: usize,
    pub persons: usize,
    pub served: usize,
    pub left_without_service: usize,
    /// Minutes, over the visits that were called or left; `None` without any.
    pub wait_median_min: Option<i64>,
    pub wait_p90_min: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Amounts {
    pub claimed: Vec<Amount>,
    pub recovered: Vec<Amount>,
    pub persons_recovered: usize,
}

/// Consultations on a topic that ended in an outcome, and their distinct persons.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TopicOutcome {
    pub topic: String,
    pub outcome: String,
    pub consultations: usize,
    pub persons: usize,
}

/// Distinct visitors of an age band and a sex.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AgeSex {
    pub age: String,
    pub sex: String,
    pub persons: usize,
}

/// One event of the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventLine {
    pub id: String,
    pub date: NaiveDate,
    pub city: String,
    pub visits: usize,
    pub visitors: usize,
    pub served: usize,
    pub consultations: usize,
}

/// The figures, as shown on the dashboard and written by `kezek report` (its JSON is this
/// structure; `schema` changes when a field does).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
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
    /// In the order of `topics`, then most consultations first.
    pub topic_outcomes: Vec<TopicOutcome>,
    /// In the order of `AGE_BANDS` (unknown last), then by sex code.
    pub age_sexes: Vec<AgeSex>,
    /// By date, then city.
    pub events: Vec<EventLine>,
}

pub const SCHEMA: u32 = 2;

/// The smallest group an anonymised export publishes, unless the config says otherwise.
pub const DEFAULT_K: u32 = 5;

/// What `anonymity_k` and `--k` accept: 1 would protect nobody; above 100 a reception day's
/// export would be all suppressed.
pub const K_RANGE: std::ops::RangeInclusive<u32> = 2..=100;

/// Where an age band goes in a table: `AGE_BANDS` order, unknown last.
pub fn age_order(code: &str) -> usize {
    AGE_BANDS
        .iter()
        .position(|(n, _, _)| *n == code)
        .unwrap_or(AGE_BANDS.len())
}

/// The value at quantile `q` of a histogram (nearest rank).
pub(super) fn quantile(h: &BTreeMap<i64, usize>, q: f64) -> Option<i64> {
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
pub(super) fn totals<'a>(
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
        ages.sort_by_key(|a| age_order(&a.code));
        let mut topic_outcomes = Vec::new();
        for line in &topics {
            let Some(m) = t.by_topic_outcome.get(&line.code) else {
                continue;
            };
            topic_outcomes.extend(count(m).into_iter().map(|c| TopicOutcome {
                topic: line.code.clone(),
                outcome: c.code,
                consultations: c.records,
                persons: c.persons,
            }));
        }
        let mut age_sexes: Vec<AgeSex> = t
            .by_age_sex
            .iter()
            .flat_map(|(age, m)| {
                m.iter().map(|(sex, s)| AgeSex {
                    age: age.clone(),
                    sex: sex.clone(),
                    persons: s.len(),
                })
            })
            .collect();
        age_sexes.sort_by(|a, b| (age_order(&a.age), &a.sex).cmp(&(age_order(&b.age), &b.sex)));
        let mut events: Vec<EventLine> = t
            .by_event
            .iter()
            .map(|(id, e)| EventLine {
                id: id.to_string(),
                date: e.date,
                city: e.city.clone(),
                visits: e.visits.records,
                visitors: e.visits.persons.len(),
                served: e.served,
                consultations: e.consultations,
            })
            .collect();
        events.sort_by(|a, b| (a.date, &a.city, &a.id).cmp(&(b.date, &b.city, &b.id)));
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
            topic_outcomes,
            age_sexes,
            events,
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
