//! A deterministic, realistic synthetic population for demonstrations and benchmarks:
//! Kyrgyz names in Cyrillic and in the Latin spellings of documents, birth dates,
//! documents, phones, regions, reception events with queues, consultations across the
//! topics with plausible amounts, collective appeals with many members, and planted
//! duplicates (the same person typed differently). The same seed gives the same store.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::domain::taxonomy::Taxonomy;
use crate::domain::translit::to_latin;
use crate::domain::{
    Appeal, AppealFields, AppealMember, Arrived, Consultation, ConsultationFields, Currency,
    DeskId, Event, EventFields, Id, Lang, MemberStatus, Meta, Money, Person, PersonFields, Region,
    Sex, Visit, VisitStatus,
};
use crate::store::{Change, Store, StoreError};

#[derive(Clone, Debug)]
pub struct DemoOptions {
    pub persons: usize,
    pub events: usize,
    pub seed: u64,
    /// Visits per person on average (the ministry's tables count both).
    pub visits_per_person: f64,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            persons: 2_000,
            events: 12,
            seed: 1,
            visits_per_person: 3.0,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DemoReport {
    pub persons: usize,
    /// Of `persons`, records planted as duplicates of another (typed differently).
    pub planted_duplicates: usize,
    pub events: usize,
    pub visits: usize,
    pub consultations: usize,
    pub appeals: usize,
    pub members: usize,
}

/// What the generator is doing, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Persons,
    Events,
    /// The filled view rewritten once, in order (`store::compact`).
    Compact,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(
        "the store in {dir} already holds records; the demo fills only an empty store \
         (use another --data-dir), so that made-up people never mix with real ones"
    )]
    NotEmpty { dir: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

mod people;

use people::*;

/// Where a fill is built before it takes the place of the store (`fill_new`).
pub use crate::store::STAGING_DIR;

/// Fills a new store all at once: the records are generated into a staging store inside
/// its directory (same desk id), which then takes the new store's place
/// (`Store::adopt_staged`). Stopped at any moment (a kill, a power cut), the store is
/// either still new or wholly filled; a staging directory left by a stopped fill was
/// never visible and is removed by the next fill.
pub fn fill_new(
    store: Store,
    tax: &Taxonomy,
    opts: &DemoOptions,
    store_opts: &crate::store::StoreOptions,
    progress: &mut dyn FnMut(Stage, usize, usize),
) -> Result<DemoReport, DemoError> {
    let dir = store.dir().to_path_buf();
    if !store.is_new() {
        return Err(DemoError::NotEmpty {
            dir: dir.display().to_string(),
        });
    }
    let staged = dir.join(STAGING_DIR);
    let io = |e: std::io::Error| {
        DemoError::Store(StoreError::Io {
            path: staged.clone(),
            source: e,
        })
    };
    if staged.exists() {
        tracing::info!("removing the staging directory of a fill that was stopped");
        std::fs::remove_dir_all(&staged).map_err(io)?;
    }
    crate::privacy::create_private_dir(&staged).map_err(io)?;
    let desk = dir.join(crate::store::DESK_ID_FILE);
    if desk.exists() {
        std::fs::copy(&desk, staged.join(crate::store::DESK_ID_FILE)).map_err(io)?;
    }
    let report = {
        let (fill, _) = Store::open(&staged, store_opts)?;
        let report = generate(&fill, tax, opts, progress)?;
        fill.flush()?;
        report
    };
    // The fill rewrote its buckets in many transactions: the view it leaves is several times
    // what it holds until it is rewritten once, in order.
    progress(Stage::Compact, 0, 1);
    crate::store::compact::compact_view(&staged, store_opts)?;
    progress(Stage::Compact, 1, 1);
    store.adopt_staged(&staged)?;
    Ok(report)
}

/// Fills an empty store. `progress(stage, done, total)` is called as work proceeds.
pub fn generate(
    store: &Store,
    tax: &Taxonomy,
    opts: &DemoOptions,
    progress: &mut dyn FnMut(Stage, usize, usize),
) -> Result<DemoReport, DemoError> {
    let counts = store.counts()?;
    if counts.events + counts.persons + counts.visits > 0 {
        return Err(DemoError::NotEmpty {
            dir: store.dir().display().to_string(),
        });
    }
    let mut g = Gen {
        rng: ChaCha8Rng::seed_from_u64(opts.seed),
        desk: store.desk(),
    };
    let officer = "demo";
    let mut report = DemoReport::default();
    // Fixed dates: the same seed gives the same store whenever it is generated.
    let last_event = NaiveDate::from_ymd_opt(2026, 11, 15).unwrap_or_default();
    let start = Utc
        .with_ymd_and_hms(2024, 12, 1, 6, 0, 0)
        .single()
        .unwrap_or_default();

    // Persons, with planted duplicates.
    let mut people: Vec<Someone> = Vec::with_capacity(opts.persons);
    let mut batch = store.batch(officer);
    let dup_share = 0.03;
    while people.len() < opts.persons {
        let at = start + Duration::seconds(people.len() as i64);
        let p = person(&mut g, at);
        people.push(Someone {
            id: p.meta.id,
            sex: p.fields.sex,
        });
        let dup = (people.len() < opts.persons && g.chance(dup_share))
            .then(|| duplicate_of(&mut g, &p, at + Duration::milliseconds(500)));
        batch.push(Change::PutPerson(p))?;
        if let Some(d) = dup {
            people.push(Someone {
                id: d.meta.id,
                sex: d.fields.sex,
            });
            report.planted_duplicates += 1;
            batch.push(Change::PutPerson(d))?;
        }
        // One batch per 4,000 persons: the gauge moves and memory stays flat.
        if batch.len() >= 4_000 {
            std::mem::replace(&mut batch, store.batch(officer)).commit()?;
            progress(Stage::Persons, people.len(), opts.persons);
        }
    }
    batch.commit()?;
    report.persons = people.len();
    progress(Stage::Persons, people.len(), opts.persons);

    // Events with their queues, consultations and appeals.
    let events = opts.events.max(1);
    let total_visits = (opts.persons as f64 * opts.visits_per_person).round() as usize;
    let per_event = total_visits.div_ceil(events);
    let topics: Vec<&str> = tax.topics.iter().map(|t| t.code.as_str()).collect();
    // Unpaid wages, registration and documents dominate, as at real reception days.
    let weight = |code: &str| match code {
        "wages.unpaid" => 30,
        "registration" | "documents" => 12,
        "work-permit" | "entry-ban" => 9,
        "medical.insurance" | "children.school" | "citizenship" | "contract" => 5,
        _ => 2,
    };
    let weighted: Vec<&str> = topics
        .iter()
        .flat_map(|t| std::iter::repeat_n(*t, weight(t)))
        .collect();
    for e in 0..events {
        let weeks_back = (events - 1 - e) as i64 * 3;
        let date = last_event - Duration::weeks(weeks_back);
        let (city, offset) = *g.pick(CITIES);
        let opens = Utc.from_utc_datetime(&date.and_hms_opt(9, 0, 0).unwrap_or_default())
            - Duration::minutes(i64::from(offset));
        let event = Event {
            meta: g.meta(opens - Duration::days(7)),
            fields: EventFields {
                date,
                city: city.to_string(),
                venue: g.pick(VENUES).to_string(),
                hosts: vec![
                    "Посольство КР".into(),
                    "Акыйкатчы (Омбудсмен)".into(),
                    "Диаспора «Мекендеш»".into(),
                ],
                utc_offset_min: offset,
            },
        };
        let ev = event.meta.id;
        let mut batch = store.batch(officer);
        batch.push(Change::PutEvent(event))?;
        let mut wage_cases: Vec<Consultation> = Vec::new();
        let visits_here = per_event.min(total_visits.saturating_sub(report.visits));
        for n in 0..visits_here {
            // Some people come again and again; most once or twice.
            let i = if g.chance(0.3) {
                g.rng.random_range(0..people.len().div_ceil(10).max(1))
            } else {
                g.rng.random_range(0..people.len())
            };
            let who = people[i];
            let arrived =
                opens + Duration::seconds((n as i64 * 28_800) / visits_here.max(1) as i64);
            let status = if g.chance(0.9) {
                VisitStatus::Done
            } else {
                VisitStatus::LeftWithoutService
            };
            let called = arrived + Duration::minutes(g.rng.random_range(5..120));
            let finished = match status {
                VisitStatus::Done => called + Duration::minutes(g.rng.random_range(5..40)),
                _ => called,
            };
            let language = if g.chance(0.6) { Lang::Ky } else { Lang::Ru };
            let visit = Visit::arrival(
                g.meta(arrived),
                Arrived {
                    event: ev,
                    person: who.id,
                    queue_no: n as u32 + 1,
                    desk_name: format!("Desk {}", 1 + n % 4),
                    purpose: g.pick(PURPOSES).to_string(),
                    language,
                },
            )
            .with_past(status, called, finished, officer)
            .map_err(crate::store::StoreError::from)?;
            batch.push(Change::PutVisit(visit.clone()))?;
            report.visits += 1;
            if status == VisitStatus::Done && g.chance(0.9) {
                let topic = *g.pick(&weighted);
                let t = tax.topic(topic);
                let wage = topic == "wages.unpaid";
                let referral = t
                    .filter(|t| !t.referrals.is_empty() && g.chance(0.5))
                    .map(|t| t.referrals[g.rng.random_range(0..t.referrals.len())].clone());
                let legal_bases = t
                    .map(|t| t.bases.iter().take(1).cloned().collect())
                    .unwrap_or_default();
                let outcome = if wage && g.chance(0.5) {
                    "appeal-filed"
                } else if referral.is_some() {
                    "referred"
                } else {
                    *g.pick(&["advised", "advised", "resolved", "no-action"])
                };
                let claimed = wage.then(|| rub(&mut g, 20_000, 600_000));
                let recovered = claimed
                    .filter(|_| g.chance(0.35))
                    .map(|c| Money::new(c.currency, c.minor / 100 * g.rng.random_range(40..=100)));
                let follow_up = g
                    .chance(0.3)
                    .then(|| date + Duration::days(g.rng.random_range(14..75)));
                let closed = follow_up
                    .filter(|d| *d < last_event && g.chance(0.6))
                    .map(|d| d + Duration::days(g.rng.random_range(0..10)));
                let c = Consultation::at_visit(
                    g.meta(called + Duration::minutes(3)),
                    &visit,
                    officer,
                    ConsultationFields {
                        topics: vec![topic.to_string()],
                        notes: format!(
                            "{} ({})",
                            g.pick(PURPOSES),
                            if who.sex == Sex::Female {
                                "она"
                            } else {
                                "он"
                            }
                        ),
                        advice: g.pick(ADVICE).to_string(),
                        legal_bases,
                        referral,
                        outcome: outcome.to_string(),
                        follow_up,
                        follow_up_closed: closed,
                        claimed,
                        recovered,
                        appeal: None,
                    },
                );
                report.consultations += 1;
                if wage && outcome == "appeal-filed" {
                    wage_cases.push(c);
                } else {
                    batch.push(Change::PutConsultation(c))?;
                }
            }
        }
        // Brigades: the wage cases of this event grouped by employer into appeals.
        while !wage_cases.is_empty() {
            let size = g.rng.random_range(5..=40).min(wage_cases.len());
            let group: Vec<Consultation> = wage_cases.drain(..size).collect();
            let employer = *g.pick(EMPLOYERS);
            let follow_up = Some(date + Duration::days(g.rng.random_range(20..90)));
            let appeal = Appeal {
                meta: g.meta(opens + Duration::hours(9)),
                officer: officer.into(),
                fields: AppealFields {
                    title: format!("Невыплата зарплаты — {employer}"),
                    respondent: employer.to_string(),
                    topic: "wages.unpaid".into(),
                    host_city: city.to_string(),
                    follow_up,
                    follow_up_closed: None,
                    outcome: None,
                },
            };
            let aid = appeal.meta.id;
            batch.push(Change::PutAppeal(appeal))?;
            report.appeals += 1;
            let mut seen = std::collections::HashSet::new();
            for mut c in group {
                c.fields.appeal = Some(aid);
                if seen.insert(c.person) {
                    // Some who joined without a recovery withdraw later.
                    let withdraws = MemberStatus::on_joining(c.fields.recovered)
                        == MemberStatus::Active
                        && g.chance(0.05);
                    let mut m = AppealMember::joining(
                        g.meta(c.meta.created + Duration::minutes(1)),
                        aid,
                        c.person,
                        c.fields.claimed,
                        c.fields.recovered,
                        officer,
                    );
                    if withdraws {
                        m.status = MemberStatus::Withdrawn;
                    }
                    batch.push(Change::PutAppealMember(m))?;
                    report.members += 1;
                }
                batch.push(Change::PutConsultation(c))?;
            }
        }
        batch.commit()?;
        report.events += 1;
        progress(Stage::Events, e + 1, events);
    }
    store.flush()?;
    Ok(report)
}
