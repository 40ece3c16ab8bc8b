//! The report as an anonymised export publishes it: its summary, figures, tables and charts
//! all come from this one protected copy, so a sentence never says what a table hides.
//!
//! Two hostile passes shaped this. Hiding each group of 1..k−1 persons ("< k") let hidden
//! cells be worked out from the totals beside them; a secondary "withhold the smallest
//! visible cell" missed groups with two hidden cells; rounding to base k with "< k" for
//! small counts was undone by exporting with several k (each base gives another interval)
//! and by overlapping periods (each day "< 5" and the sum "< 5" pins each day at 1); and a
//! draw per cell rounded one quantity two ways in two places. So, as census tables are
//! published:
//! - every count is rounded to a multiple of [`BASE`] (whatever k), small ones too (a 3
//!   may read 0 or 5), unbiased: n = 5m + r goes up when r reaches a threshold drawn for
//!   the block m, uniform in 1..=5, so with the chance r/5;
//! - the thresholds are drawn from a secret of the store (`Store::anonymity_key`) and the
//!   block alone: the same true count reads the same everywhere (a topic's persons and the
//!   period's, one export and the next, k = 5 and k = 7), rounding keeps order (no more
//!   persons than consultations), and averaging exports learns nothing;
//! - categories of a quasi-identifier (region, sex, age band, age band × sex) with fewer
//!   than k persons are not named: they are merged into one "other" row ([`OTHER`]);
//! - money is published only beside at least k persons, to two significant digits; a
//!   waiting time only over at least k visitors.

use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::domain::report::{AgeSex, Amount, Count, PersonCount, Report};

/// What every count of an anonymised report is a multiple of.
pub const BASE: usize = 5;

/// The code of the row that holds a quasi-identifier's categories of fewer than k persons.
pub const OTHER: &str = "~other";

pub(crate) struct Rule {
    k: usize,
    key: [u8; 16],
}

impl Rule {
    pub(crate) fn new(k: u32, key: [u8; 16]) -> Rule {
        Rule { k: k as usize, key }
    }

    /// `n` as published.
    pub(crate) fn count(&self, n: usize) -> usize {
        let (block, rest) = (n / BASE, n % BASE);
        if rest == 0 {
            return n;
        }
        // ChaCha keyed by the secret: thresholds no reader can predict, the same in every
        // build (std's hasher may change between Rust releases).
        let mut seed = [0u8; 32];
        seed[..16].copy_from_slice(&self.key);
        seed[16..24].copy_from_slice(&(block as u64).to_le_bytes());
        let threshold = 1 + (ChaCha8Rng::from_seed(seed).next_u64() % BASE as u64) as usize;
        if rest >= threshold {
            (block + 1) * BASE
        } else {
            block * BASE
        }
    }

    /// Whether a group of `n` (true count) is big enough to be named or to show money
    /// beside. Decided on the published count, which is the same at every k for the same
    /// data (on the true one, exporting at k = 2, 3, … gave every count back as the last k
    /// at which its category was still named), and with a margin of the rounding so that
    /// a group named still holds at least k: the true count is more than the published one
    /// less `BASE`.
    fn enough(&self, n: usize) -> bool {
        n > 0 && self.count(n) >= self.k + BASE - 1
    }

    /// An amount beside `persons` (true count): left out beside fewer than k, else to two
    /// significant digits of its major unit.
    fn money(&self, persons: usize, list: &[Amount]) -> Vec<Amount> {
        if !self.enough(persons) {
            return Vec::new();
        }
        list.iter()
            .map(|a| Amount {
                currency: a.currency,
                minor: two_digits(a.minor / 100) * 100,
            })
            .collect()
    }

    /// A quasi-identifier's categories: those under k merged into one `OTHER` row, last,
    /// there even when it holds nobody (its presence would say that somebody is in it).
    fn people(&self, list: &[PersonCount]) -> Vec<PersonCount> {
        let mut other = 0;
        let mut out = Vec::new();
        for c in list {
            if self.enough(c.persons) {
                out.push(PersonCount {
                    code: c.code.clone(),
                    persons: self.count(c.persons),
                });
            } else {
                other += c.persons;
            }
        }
        out.push(PersonCount {
            code: OTHER.to_string(),
            persons: self.count(other),
        });
        out
    }

    fn records(&self, list: &[Count]) -> Vec<Count> {
        list.iter()
            .map(|c| Count {
                code: c.code.clone(),
                records: self.count(c.records),
                persons: self.count(c.persons),
            })
            .collect()
    }
}

/// `n` to two significant digits (halves away from zero), saturating at the ends.
fn two_digits(n: i64) -> i64 {
    let n = i128::from(n);
    let mut unit: i128 = 1;
    while n.abs() / unit >= 100 {
        unit *= 10;
    }
    let half = unit / 2;
    let q = if n >= 0 { n + half } else { n - half } / unit;
    // Two significant digits of an i64 stay inside it; saturating all the same.
    i64::try_from(q * unit).unwrap_or(if n >= 0 { i64::MAX } else { i64::MIN })
}

/// The report as an anonymised export for groups of `k` publishes it (`key`:
/// `Store::anonymity_key`). Lists ordered by their counts are ordered by the published
/// ones (then by code): an order by the true counts would rank cells the rounding made
/// equal.
pub fn protect(r: &Report, k: u32, key: [u8; 16]) -> Report {
    let rule = Rule::new(k, key);
    let c = |n: usize| rule.count(n);
    let mut p = r.clone();
    let v = &r.visits;
    p.visits.total = c(v.total);
    p.visits.persons = c(v.persons);
    p.visits.served = c(v.served);
    p.visits.left_without_service = c(v.left_without_service);
    if !rule.enough(v.persons) {
        p.visits.wait_median_min = None;
        p.visits.wait_p90_min = None;
    }
    p.consultations = c(r.consultations);
    p.consulted_persons = c(r.consulted_persons);
    p.appeals = c(r.appeals);
    p.appeal_persons = c(r.appeal_persons);
    p.open_follow_ups = c(r.open_follow_ups);
    p.overdue_follow_ups = c(r.overdue_follow_ups);
    p.amounts.claimed = rule.money(r.appeal_persons, &r.amounts.claimed);
    p.amounts.recovered = rule.money(r.amounts.persons_recovered, &r.amounts.recovered);
    p.amounts.persons_recovered = c(r.amounts.persons_recovered);
    for (t, o) in p.topics.iter_mut().zip(&r.topics) {
        t.consultations = c(o.consultations);
        t.persons = c(o.persons);
        t.appeals = c(o.appeals);
        t.appeal_persons = c(o.appeal_persons);
        t.claimed = rule.money(o.appeal_persons, &o.claimed);
        t.recovered = rule.money(o.persons_recovered, &o.recovered);
        t.persons_recovered = c(o.persons_recovered);
    }
    p.topics.sort_by(|a, b| {
        b.consultations
            .cmp(&a.consultations)
            .then(b.appeals.cmp(&a.appeals))
            .then(a.code.cmp(&b.code))
    });
    for (t, o) in p.topic_outcomes.iter_mut().zip(&r.topic_outcomes) {
        t.consultations = c(o.consultations);
        t.persons = c(o.persons);
    }
    let order: Vec<&str> = p.topics.iter().map(|t| t.code.as_str()).collect();
    let at = |code: &str| order.iter().position(|c| *c == code).unwrap_or(order.len());
    p.topic_outcomes.sort_by(|a, b| {
        at(&a.topic)
            .cmp(&at(&b.topic))
            .then(b.consultations.cmp(&a.consultations))
            .then(a.outcome.cmp(&b.outcome))
    });
    p.outcomes = rule.records(&r.outcomes);
    p.referrals = rule.records(&r.referrals);
    p.regions = rule.people(&r.regions);
    for list in [&mut p.outcomes, &mut p.referrals] {
        list.sort_by(|a, b| b.records.cmp(&a.records).then(a.code.cmp(&b.code)));
    }
    p.sexes = rule.people(&r.sexes);
    for list in [&mut p.regions, &mut p.sexes] {
        list.sort_by(|a, b| {
            (a.code == OTHER)
                .cmp(&(b.code == OTHER))
                .then(b.persons.cmp(&a.persons))
                .then(a.code.cmp(&b.code))
        });
    }
    p.ages = rule.people(&r.ages);
    let mut other = 0;
    p.age_sexes = Vec::new();
    for a in &r.age_sexes {
        if rule.enough(a.persons) {
            p.age_sexes.push(AgeSex {
                persons: c(a.persons),
                ..a.clone()
            });
        } else {
            other += a.persons;
        }
    }
    p.age_sexes.push(AgeSex {
        age: OTHER.to_string(),
        sex: OTHER.to_string(),
        persons: c(other),
    });
    // A row published as all zeros would still say that its true count is not zero.
    p.topics.retain(|t| t.consultations + t.appeals > 0);
    p.topic_outcomes.retain(|t| t.consultations > 0);
    p.outcomes.retain(|t| t.records > 0);
    p.referrals.retain(|t| t.records > 0);
    for (e, o) in p.events.iter_mut().zip(&r.events) {
        e.visits = c(o.visits);
        e.visitors = c(o.visitors);
        e.served = c(o.served);
        e.consultations = c(o.consultations);
    }
    p
}

#[cfg(test)]
mod tests;
