//! The report as an anonymised export publishes it: its summary, figures, tables and charts
//! all come from this one protected copy, so a sentence never says what a table hides.
//!
//! Hiding each group of 1..k−1 persons is not enough: the hostile pass worked hidden cells
//! out exactly from the totals beside them (a region's visitors as the total minus the
//! other regions, an event's visits as the period's minus the other events'), and a
//! secondary suppression of "the smallest visible cell" missed groups with two hidden cells
//! and margins shared between tables. So, as statistics offices do for small-area tables:
//! - a count of 1..k−1 is published as "< k" ([`SMALL`]);
//! - every other count is rounded to a multiple of k, up or down at random with the
//!   chances that keep it unbiased (12 at k = 5: 10 with 3 chances in 5, 15 with 2), so a
//!   total minus its parts is only ever known to within several k. The draw is keyed by a
//!   secret of this store (`Store::anonymity_key`), the cell and its true value: the same cell of the
//!   same data rounds the same way in every export, so exporting again and averaging
//!   learns nothing, and a reader without the store cannot tell how a value was rounded;
//! - categories of a quasi-identifier (region, sex, age band, age band × sex) with fewer
//!   than k persons are not named: they are merged into one "other" row ([`OTHER`]);
//! - money is published only beside a published count of persons, to two significant
//!   digits; a waiting time only over at least k visitors.

use std::hash::{Hash, Hasher};

use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::domain::report::{AgeSex, Amount, Count, PersonCount, Report};

/// A count of 1..k−1: published as "< k", drawn as nothing.
pub const SMALL: usize = usize::MAX - 1;

/// The code of the row that holds a quasi-identifier's categories of fewer than k persons.
pub const OTHER: &str = "~other";

struct Rule {
    k: usize,
    key: [u8; 16],
}

impl Rule {
    /// `n` as published; `cell` names it (the same cell of the same data rounds alike).
    fn count(&self, cell: &str, n: usize) -> usize {
        let k = self.k;
        if n == 0 || n == SMALL {
            return n;
        }
        if n < k {
            return SMALL;
        }
        let (down, rest) = (n / k * k, n % k);
        if rest == 0 {
            return n;
        }
        // ChaCha keyed by the secret: a draw no reader can predict, the same in every
        // build (std's hasher may change between Rust releases). The cell and value only
        // pick the stream: two that hash alike share a draw, which tells nothing.
        let mut h = rustc_hash::FxHasher::default();
        (cell, n).hash(&mut h);
        let mut seed = [0u8; 32];
        seed[..16].copy_from_slice(&self.key);
        seed[16..24].copy_from_slice(&h.finish().to_le_bytes());
        let draw = (ChaCha8Rng::from_seed(seed).next_u64() % k as u64) as usize;
        if draw < rest { down + k } else { down }
    }

    /// An amount beside `persons` (true count): left out beside a hidden count, else to two
    /// significant digits of its major unit.
    fn money(&self, persons: usize, list: &[Amount]) -> Vec<Amount> {
        if persons < self.k {
            return Vec::new();
        }
        list.iter()
            .map(|a| Amount {
                currency: a.currency,
                minor: two_digits(a.minor / 100) * 100,
            })
            .collect()
    }

    /// A quasi-identifier's categories: those under k merged into one `OTHER` row, last.
    fn people(&self, table: &str, list: &[PersonCount]) -> Vec<PersonCount> {
        let mut other = 0;
        let mut out = Vec::new();
        for c in list {
            if c.persons >= self.k {
                out.push(PersonCount {
                    code: c.code.clone(),
                    persons: self.count(&format!("{table}/{}", c.code), c.persons),
                });
            } else {
                other += c.persons;
            }
        }
        if other > 0 {
            out.push(PersonCount {
                code: OTHER.to_string(),
                persons: self.count(&format!("{table}/{OTHER}"), other),
            });
        }
        out
    }

    fn records(&self, table: &str, list: &[Count]) -> Vec<Count> {
        list.iter()
            .map(|c| Count {
                code: c.code.clone(),
                records: self.count(&format!("{table}/{}/records", c.code), c.records),
                persons: self.count(&format!("{table}/{}/persons", c.code), c.persons),
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
    i64::try_from(q * unit).unwrap_or(if n >= 0 {
        i64::MAX / unit as i64 * unit as i64
    } else {
        i64::MIN / unit as i64 * unit as i64
    })
}

/// The report as an anonymised export for groups of `k` publishes it (`key`: `Store::anonymity_key`).
pub fn protect(r: &Report, k: u32, key: [u8; 16]) -> Report {
    let rule = Rule { k: k as usize, key };
    let c = |cell: &str, n: usize| rule.count(cell, n);
    let mut p = r.clone();
    let v = &r.visits;
    p.visits.total = c("visits", v.total);
    p.visits.persons = c("visitors", v.persons);
    p.visits.served = c("served", v.served);
    p.visits.left_without_service = c("left", v.left_without_service);
    if v.persons < rule.k {
        p.visits.wait_median_min = None;
        p.visits.wait_p90_min = None;
    }
    p.consultations = c("consultations", r.consultations);
    p.consulted_persons = c("consulted", r.consulted_persons);
    p.appeals = c("appeals", r.appeals);
    p.appeal_persons = c("appeal-persons", r.appeal_persons);
    p.open_follow_ups = c("open-follow-ups", r.open_follow_ups);
    p.overdue_follow_ups = c("overdue-follow-ups", r.overdue_follow_ups);
    p.amounts.claimed = rule.money(r.appeal_persons, &r.amounts.claimed);
    p.amounts.recovered = rule.money(r.amounts.persons_recovered, &r.amounts.recovered);
    p.amounts.persons_recovered = c("persons-recovered", r.amounts.persons_recovered);
    for (t, o) in p.topics.iter_mut().zip(&r.topics) {
        let cell = |what: &str| format!("topic/{}/{what}", o.code);
        t.consultations = c(&cell("consultations"), o.consultations);
        t.persons = c(&cell("persons"), o.persons);
        t.appeals = c(&cell("appeals"), o.appeals);
        t.appeal_persons = c(&cell("appeal-persons"), o.appeal_persons);
        t.claimed = rule.money(o.appeal_persons, &o.claimed);
        t.recovered = rule.money(o.persons_recovered, &o.recovered);
        t.persons_recovered = c(&cell("persons-recovered"), o.persons_recovered);
    }
    for (t, o) in p.topic_outcomes.iter_mut().zip(&r.topic_outcomes) {
        let cell = |what: &str| format!("topic-outcome/{}/{}/{what}", o.topic, o.outcome);
        t.consultations = c(&cell("consultations"), o.consultations);
        t.persons = c(&cell("persons"), o.persons);
    }
    p.outcomes = rule.records("outcome", &r.outcomes);
    p.referrals = rule.records("referral", &r.referrals);
    p.regions = rule.people("region", &r.regions);
    p.sexes = rule.people("sex", &r.sexes);
    p.ages = rule.people("age", &r.ages);
    let mut other = 0;
    p.age_sexes = Vec::new();
    for a in &r.age_sexes {
        if a.persons >= rule.k {
            p.age_sexes.push(AgeSex {
                persons: c(&format!("age-sex/{}/{}", a.age, a.sex), a.persons),
                ..a.clone()
            });
        } else {
            other += a.persons;
        }
    }
    if other > 0 {
        p.age_sexes.push(AgeSex {
            age: OTHER.to_string(),
            sex: OTHER.to_string(),
            persons: c("age-sex/other", other),
        });
    }
    for (e, o) in p.events.iter_mut().zip(&r.events) {
        let cell = |what: &str| format!("event/{}/{what}", o.id);
        e.visits = c(&cell("visits"), o.visits);
        e.visitors = c(&cell("visitors"), o.visitors);
        e.served = c(&cell("served"), o.served);
        e.consultations = c(&cell("consultations"), o.consultations);
    }
    p
}

#[cfg(test)]
mod tests;
