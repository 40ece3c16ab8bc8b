//! Anonymised exports that hold in small groups (k-anonymity over persons).
//!
//! The quasi-identifiers are what someone who knows a person could match a row with: the
//! events they came to, their region, city, sex and age band. The unit is the person: a
//! person's tuple is (the set of the period's events they came to, region, city, sex, age
//! band), with ONE age band per person (at their last visit of the period, else on the
//! export's day), the same in every table. The set also says at which events the person
//! had a consultation and whether they are in an appeal: someone who saw a person go to
//! the officer's desk must not find the one consultation row of their group. Persons are placed level by level, each level
//! suppressing more than the one before (`LEVELS`): at level L the persons not yet placed
//! are grouped by their tuple generalised to L, and a group of at least k persons is
//! published at L; the others go on to L+1. Whoever is left after the last level is
//! withheld: none of their rows is written. A suppressed cell is written `*`.
//!
//! Why the groups hold in the published tables too: a row shows its person's tuple at the
//! person's level, never more, and the persons of one group share it; groups of different
//! levels written alike only merge into bigger groups. A visit row shows one event of the
//! set, so the persons sharing the set all have a row like it.

use rustc_hash::FxHashMap;

use super::stream::Opts;
use super::tables::PersonCells;
use crate::domain::report::AGE_BANDS;
use crate::domain::{Appeal, AppealMember, Consultation, Event, Id, Visit};
use crate::i18n::{Arg, I18n};
use crate::store::{Store, StoreError};

/// What a suppressed cell says.
pub const SUPPRESSED: &str = "*";

/// The levels, each suppressing what the one before did and more (message ids of what).
pub const LEVELS: [&str; 7] = [
    "anon-level-0",
    "anon-level-1",
    "anon-level-2",
    "anon-level-3",
    "anon-level-4",
    "anon-level-5",
    "anon-level-6",
];

/// The coarse age bands of level 3, and the fine bands (by index in `AGE_BANDS`, unknown
/// last) each falls in.
pub const COARSE_BANDS: [&str; 5] = ["0-17", "18-34", "35-54", "55+", "unknown"];
const COARSE_OF: [u8; 7] = [0, 1, 1, 2, 2, 3, 4];
/// The band index of an unknown age.
const UNKNOWN_BAND: u8 = AGE_BANDS.len() as u8;

/// How one published person's rows are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown {
    /// 0 to 6 (`LEVELS`).
    pub level: u8,
    /// Index in `AGE_BANDS`, or `UNKNOWN_BAND`.
    band: u8,
}

impl Shown {
    /// Everything: the records as they are (an export that does not anonymise).
    pub const ALL: Shown = Shown { level: 0, band: 0 };

    pub fn city(self) -> bool {
        self.level < 1
    }
    pub fn region(self) -> bool {
        self.level < 2
    }
    pub fn sex(self) -> bool {
        self.level < 5
    }
    pub fn event(self) -> bool {
        self.level < 6
    }

    /// The person's age band at its level: fine, coarse (level 3) or `*` (from level 4);
    /// `unknown` stays a word for the caller to translate.
    pub fn age_band(self) -> &'static str {
        match self.level {
            0..=2 => AGE_BANDS
                .get(usize::from(self.band))
                .map_or("unknown", |b| b.0),
            3 => COARSE_BANDS[usize::from(COARSE_OF[usize::from(self.band.min(UNKNOWN_BAND))])],
            _ => SUPPRESSED,
        }
    }
}

/// What anonymising did, as ANONYMIZED.txt and every anonymised output state it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub k: u32,
    /// Persons published at each level.
    pub published: [u32; 7],
    /// Persons whose rows were left out.
    pub withheld: u32,
    /// Everyone seen was withheld: said plainly, since the rounded counts may read 0.
    pub none_published: bool,
}

impl Summary {
    /// The statement, line by line, in the reader's language.
    pub fn lines(&self, i18n: &I18n) -> Vec<String> {
        let mut out = vec![
            super::anonymized_note(i18n),
            i18n.t_args("anon-k", &[("k", Arg::Num(self.k.into()))]),
            i18n.t("anon-quasi"),
            i18n.t("anon-suppressed"),
        ];
        for (level, n) in self.published.iter().enumerate() {
            out.push(i18n.t_args(
                "anon-published",
                &[
                    ("level", Arg::Num(level as i64)),
                    ("how", Arg::Msg(LEVELS[level])),
                    ("count", Arg::Num((*n).into())),
                ],
            ));
        }
        out.push(i18n.t_args(
            "anon-withheld",
            &[("count", Arg::Num(self.withheld.into()))],
        ));
        if self.none_published {
            out.push(i18n.t("anon-none-published"));
        }
        out.push(i18n.t("anon-removed"));
        out.push(i18n.t("anon-pseudonymised"));
        out.push(i18n.t("anon-coarsened"));
        out
    }

    /// The lines as a text file.
    pub fn text(&self, i18n: &I18n) -> String {
        let mut s = self.lines(i18n).join("\n");
        s.push('\n');
        s
    }

    /// In the JSON export: the figures for programs, the statement for people.
    pub fn json(&self, i18n: &I18n) -> serde_json::Value {
        serde_json::json!({
            "k": self.k,
            "quasi_identifiers": ["region", "city", "sex", "age_band", "event"],
            "suppressed": SUPPRESSED,
            "published_by_level": self.published,
            "withheld": self.withheld,
            "none_published": self.none_published,
            "text": self.lines(i18n),
        })
    }
}

/// The anonymised export's decision for each person of its period.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// `None` for a withheld person.
    persons: FxHashMap<Id, Option<Shown>>,
    pub summary: Summary,
}

impl Plan {
    /// How the person's rows are written; `None` when they are withheld (or not in the
    /// period at all).
    pub fn shown(&self, person: Id) -> Option<Shown> {
        self.persons.get(&person).copied().flatten()
    }
}

/// What the first pass keeps of a person: small numbers only (100,000 persons).
#[derive(Clone, Debug, Default)]
struct Seen {
    /// `2 × event` for a visit, `2 × event + 1` for a consultation, `MEMBER` for a member
    /// of an appeal of the export.
    events: Vec<u32>,
    last: Option<chrono::NaiveDate>,
}

const MEMBER: u32 = u32::MAX;

/// A person's tuple at a level (event set, region, city, sex, band, and what is left of
/// the set when it is suppressed: consulted, a member); `u32::MAX` is a suppressed part.
type Key = (u32, u32, u32, u32, u32, u32);

/// The first pass: the period's persons as the export meets them (visits and consultations
/// of its events, members of its appeals), each with their tuple, then placed level by
/// level.
pub fn plan(
    store: &Store,
    events: &[Event],
    appeals: &[Appeal],
    persons: &FxHashMap<Id, PersonCells>,
    opts: &Opts,
    k: u32,
) -> Result<Plan, StoreError> {
    let period = opts.period;
    let index: FxHashMap<Id, (u32, chrono::NaiveDate)> = events
        .iter()
        .filter(|e| period.has_event(e))
        .enumerate()
        .map(|(i, e)| (e.meta.id, (i as u32, e.fields.date)))
        .collect();
    let mut seen: FxHashMap<Id, Seen> = FxHashMap::default();
    let at_event = |seen: &mut FxHashMap<Id, Seen>, person: Id, event: Id, consulted: bool| {
        if let Some((i, date)) = index.get(&event) {
            let s = seen.entry(person).or_default();
            s.events.push(2 * i + u32::from(consulted));
            s.last = s.last.max(Some(*date));
            true
        } else {
            false
        }
    };
    store.for_each(|v: Visit| {
        at_event(&mut seen, v.person, v.event, false);
        Ok::<_, StoreError>(())
    })?;
    let mut cited: rustc_hash::FxHashSet<Id> = rustc_hash::FxHashSet::default();
    store.for_each(|c: Consultation| {
        if at_event(&mut seen, c.person, c.event, true)
            && let Some(a) = c.fields.appeal
        {
            cited.insert(a);
        }
        Ok::<_, StoreError>(())
    })?;
    let included: rustc_hash::FxHashSet<Id> = appeals
        .iter()
        .filter(|a| cited.contains(&a.meta.id) || period.has_opening(a, opts.offset_min))
        .map(|a| a.meta.id)
        .collect();
    store.for_each(|m: AppealMember| {
        if included.contains(&m.appeal) {
            seen.entry(m.person).or_default().events.push(MEMBER);
        }
        Ok::<_, StoreError>(())
    })?;
    let today = crate::domain::validate::to_local(chrono::Utc::now(), opts.offset_min).date_naive();
    Ok(place(seen, persons, today, k))
}

/// The tuples of the persons seen, and each person's level.
fn place(
    seen: FxHashMap<Id, Seen>,
    persons: &FxHashMap<Id, PersonCells>,
    today: chrono::NaiveDate,
    k: u32,
) -> Plan {
    let mut sets: FxHashMap<Vec<u32>, u32> = FxHashMap::default();
    let mut cities: FxHashMap<&str, u32> = FxHashMap::default();
    // (person, full tuple, band)
    let mut people: Vec<(Id, Key, u8)> = Vec::with_capacity(seen.len());
    for (id, mut s) in seen {
        s.events.sort_unstable();
        s.events.dedup();
        let consulted = s.events.iter().any(|e| *e != MEMBER && e % 2 == 1);
        let flags = u32::from(consulted) + 2 * u32::from(s.events.contains(&MEMBER));
        let n = sets.len() as u32;
        let set = *sets.entry(s.events).or_insert(n);
        let p = persons.get(&id);
        let n = cities.len() as u32;
        let city = *cities.entry(p.map_or("", |p| p.city())).or_insert(n);
        let region = p
            .and_then(|p| p.region())
            .and_then(|r| crate::domain::Region::ALL.iter().position(|x| *x == r))
            .map_or(0, |i| i as u32 + 1);
        let sex = p.map_or(0, |p| p.sex() as u32);
        let band =
            crate::domain::report::age_band(p.and_then(|p| p.birth()), s.last.unwrap_or(today));
        let band = AGE_BANDS
            .iter()
            .position(|b| b.0 == band)
            .map_or(UNKNOWN_BAND, |i| i as u8);
        people.push((id, (set, region, city, sex, u32::from(band), flags), band));
    }
    // The same input, the same export: placed in id order.
    people.sort_unstable_by_key(|p| p.0);
    let mut plan = Plan {
        summary: Summary {
            k,
            ..Default::default()
        },
        ..Default::default()
    };
    let mut left: Vec<usize> = (0..people.len()).collect();
    for level in 0..LEVELS.len() as u8 {
        let key = |i: usize| generalise(people[i].1, level);
        let mut sizes: FxHashMap<Key, u32> = FxHashMap::default();
        for &i in &left {
            *sizes.entry(key(i)).or_default() += 1;
        }
        let mut next = Vec::new();
        for i in left {
            if sizes.get(&key(i)).copied().unwrap_or(0) >= k {
                let band = people[i].2;
                plan.persons
                    .insert(people[i].0, Some(Shown { level, band }));
                plan.summary.published[usize::from(level)] += 1;
            } else {
                next.push(i);
            }
        }
        left = next;
    }
    for i in left {
        plan.persons.insert(people[i].0, None);
        plan.summary.withheld += 1;
    }
    plan
}

/// A tuple at a level. The flags stay at every level: without the events the rows still
/// say who had a consultation or is in an appeal.
fn generalise(full: Key, level: u8) -> Key {
    const X: u32 = u32::MAX;
    let (set, region, city, sex, band, flags) = full;
    let band = match level {
        0..=2 => band,
        // Told apart from the fine bands by the level's other parts; offset anyway.
        3 => 100 + u32::from(COARSE_OF[band.min(u32::from(UNKNOWN_BAND)) as usize]),
        _ => X,
    };
    (
        if level < 6 { set } else { X },
        if level < 2 { region } else { X },
        if level < 1 { city } else { X },
        if level < 5 { sex } else { X },
        band,
        flags,
    )
}

/// Pseudonyms for record ids (`V00000042`, ...): a ULID shows when its record was made,
/// and a number given in order of first appearance would show where the record is in the
/// store's order (by event, by time), which the hostile pass used to give suppressed events
/// back. So each kind counts its records and the count goes through a permutation of
/// 1..10^8 keyed at random for this export only: the same record has the same pseudonym in
/// every table of one export and an unrelated one in the next export.
#[derive(Clone, Debug)]
pub struct Pseudonyms {
    /// Per kind, the records met so far that other rows refer to.
    map: FxHashMap<char, FxHashMap<Id, u32>>,
    counts: FxHashMap<char, u32>,
    rounds: [u64; 4],
}

impl Default for Pseudonyms {
    fn default() -> Pseudonyms {
        Pseudonyms {
            map: FxHashMap::default(),
            counts: FxHashMap::default(),
            rounds: rand::random(),
        }
    }
}

/// The numbers pseudonyms take: 8 digits.
const PSEUDONYM_SPACE: u32 = 100_000_000;

impl Pseudonyms {
    /// The pseudonym of a record other rows refer to (kept, the same each time asked).
    pub fn of(&mut self, prefix: char, id: Id) -> String {
        let known = self.map.get(&prefix).and_then(|m| m.get(&id)).copied();
        let n = match known {
            Some(n) => n,
            None => {
                let n = self.next(prefix);
                self.map.entry(prefix).or_default().insert(id, n);
                n
            }
        };
        format!("{prefix}{n:08}")
    }

    /// The pseudonym of a record written once and referred to by no other row (a
    /// consultation, an appeal member): not kept, which spares 100,000-person exports
    /// a table of a quarter of a million ids.
    pub fn once(&mut self, prefix: char) -> String {
        let n = self.next(prefix);
        format!("{prefix}{n:08}")
    }

    fn next(&mut self, prefix: char) -> u32 {
        let count = self.counts.entry(prefix).or_insert(0);
        *count += 1;
        let count = *count;
        self.permute(count)
    }

    /// A bijection of 0..PSEUDONYM_SPACE: a balanced Feistel network on 27 bits, walked
    /// until it lands inside (fewer than 2 steps on average); 0 is never a count.
    fn permute(&self, n: u32) -> u32 {
        let mut x = n % PSEUDONYM_SPACE;
        loop {
            x = self.feistel(x);
            if x < PSEUDONYM_SPACE {
                return x;
            }
        }
    }

    fn feistel(&self, x: u32) -> u32 {
        const HALF: u32 = 14;
        const MASK_L: u32 = (1 << 13) - 1;
        const MASK_R: u32 = (1 << HALF) - 1;
        // 27 bits as 13 + 14, alternating widths (an unbalanced network stays a bijection).
        let (mut l, mut r) = (x >> HALF, x & MASK_R);
        for (i, key) in self.rounds.iter().enumerate() {
            // (l, r) -> (r, l ^ F(r)): the new right half keeps the old left's width.
            let (l_mask, r_mask) = if i % 2 == 0 {
                (MASK_L, MASK_R)
            } else {
                (MASK_R, MASK_L)
            };
            let next = (l ^ mix(u64::from(r) ^ key) as u32) & l_mask;
            l = r & r_mask;
            r = next;
        }
        // After an even number of rounds the halves have their first widths again.
        (l << HALF) | r
    }
}

/// SplitMix64's finaliser: every bit of the output depends on every bit of the input.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests;
