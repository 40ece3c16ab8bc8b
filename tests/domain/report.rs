//! Report figures on hand-made records whose answers are worked out here, and the property
//! that two disjoint periods add up to their union.

use crate::common::*;
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use kezek::domain::report::{Period, Records, Report, Tally, age_band, amount_of};
use kezek::domain::visit::StatusChange;
use kezek::domain::{
    Appeal, AppealFields, AppealMember, Consultation, ConsultationFields, Currency, Event, Id,
    MemberStatus, Money, Person, PersonFields, Region, Sex, Visit, VisitStatus,
};
use proptest::prelude::*;

fn event(n: u128, date: NaiveDate) -> Event {
    let mut e = sample_event();
    e.meta = meta(n);
    e.fields.date = date;
    e
}

fn person(n: u128, sex: Sex, region: Option<Region>, birth: Option<NaiveDate>) -> Person {
    Person {
        meta: meta(n),
        fields: PersonFields {
            surname: format!("P{n}"),
            sex,
            region,
            birth_date: birth,
            ..Default::default()
        },
    }
}

/// A visit on `ev`'s day, called after `wait` minutes (if any) and ending in `status`.
fn visit(n: u128, ev: &Event, person: u128, wait: Option<i64>, status: VisitStatus) -> Visit {
    let arrived = Utc.from_utc_datetime(&ev.fields.date.and_hms_opt(6, 0, 0).unwrap())
        + Duration::minutes(n as i64);
    let mut history = Vec::new();
    if let Some(w) = wait {
        let first = if status == VisitStatus::LeftWithoutService {
            VisitStatus::LeftWithoutService
        } else {
            VisitStatus::WithOfficer
        };
        history.push(StatusChange {
            status: first,
            at: arrived + Duration::minutes(w),
            officer: "a".into(),
        });
        if status == VisitStatus::Done {
            history.push(StatusChange {
                status,
                at: arrived + Duration::minutes(w + 15),
                officer: "a".into(),
            });
        }
    }
    let mut v = sample_visit(n, Id(person), n as u32, status);
    v.event = ev.meta.id;
    v.arrived = arrived;
    v.history = history;
    v
}

fn consultation(n: u128, v: &Visit, topics: &[&str], outcome: &str) -> Consultation {
    Consultation {
        meta: meta(n),
        visit: v.meta.id,
        person: v.person,
        event: v.event,
        officer: "a".into(),
        fields: ConsultationFields {
            topics: topics.iter().map(|t| t.to_string()).collect(),
            outcome: outcome.into(),
            ..Default::default()
        },
    }
}

fn member(
    n: u128,
    appeal: u128,
    person: u128,
    claimed: i64,
    recovered: i64,
    s: MemberStatus,
) -> AppealMember {
    AppealMember {
        meta: meta(n),
        officer: "a".into(),
        appeal: Id(appeal),
        person: Id(person),
        claimed: rub(claimed),
        recovered: if recovered > 0 { rub(recovered) } else { None },
        status: s,
    }
}

/// Two events; four persons; six visits; four consultations; one appeal with three members
/// (one withdrawn). The expected figures are worked out in the comments of the test.
fn fixture() -> Records {
    let d1 = date(2026, 11, 1);
    let d2 = date(2026, 11, 15);
    let (e1, e2) = (event(1, d1), event(2, d2));
    let persons = vec![
        person(11, Sex::Male, Some(Region::Osh), Some(date(1990, 5, 10))),
        person(
            12,
            Sex::Female,
            Some(Region::Naryn),
            Some(date(2000, 11, 20)),
        ),
        person(13, Sex::Male, None, Some(date(1960, 1, 1))),
        person(14, Sex::Unknown, None, None),
    ];
    let visits = vec![
        visit(21, &e1, 11, Some(10), VisitStatus::Done),
        visit(22, &e1, 12, Some(30), VisitStatus::Done),
        visit(23, &e1, 13, Some(50), VisitStatus::LeftWithoutService),
        visit(24, &e1, 11, Some(20), VisitStatus::Done),
        visit(25, &e2, 12, Some(40), VisitStatus::Done),
        visit(26, &e2, 14, None, VisitStatus::Waiting),
    ];
    let mut c1 = consultation(31, &visits[0], &["wages.unpaid"], "appeal-filed");
    c1.fields.claimed = rub(100_000);
    c1.fields.appeal = Some(Id(41));
    let mut c2 = consultation(
        32,
        &visits[1],
        &["wages.unpaid", "registration"],
        "referred",
    );
    c2.fields.referral = Some("labour-inspection".into());
    c2.fields.claimed = rub(50_000);
    c2.fields.recovered = rub(20_000);
    c2.fields.follow_up = Some(date(2026, 11, 20));
    let c3 = consultation(33, &visits[3], &["documents"], "advised");
    let mut c4 = consultation(34, &visits[4], &["registration"], "advised");
    c4.fields.follow_up = Some(date(2026, 12, 30));
    let appeal = Appeal {
        meta: kezek::domain::Meta::new(
            Id(41),
            kezek::domain::DeskId(7),
            Utc.from_utc_datetime(&d1.and_hms_opt(10, 0, 0).unwrap()),
        ),
        officer: "a".into(),
        fields: AppealFields {
            title: "Brigade".into(),
            topic: "wages.unpaid".into(),
            ..Default::default()
        },
    };
    Records {
        events: vec![e1, e2],
        persons,
        visits,
        consultations: vec![c1, c2, c3, c4],
        appeals: vec![appeal],
        members: vec![
            member(51, 41, 11, 100_000, 100_000, MemberStatus::Recovered),
            member(52, 41, 13, 80_000, 0, MemberStatus::Active),
            member(53, 41, 14, 10_000, 0, MemberStatus::Withdrawn),
        ],
    }
}

fn report(r: &Records, p: Period) -> Report {
    Report::from_tally(&Tally::of(r, &p, date(2026, 11, 24), 180)).unwrap()
}

#[test]
fn the_breakdowns_by_hand() {
    let r = report(&fixture(), Period::All);
    let to = |t: &str, o: &str| {
        r.topic_outcomes
            .iter()
            .find(|x| x.topic == t && x.outcome == o)
            .map(|x| (x.consultations, x.persons))
    };
    // c1 wages/appeal-filed (11); c2 wages+registration/referred (12); c3 documents/advised
    // (11); c4 registration/advised (12).
    assert_eq!(to("wages.unpaid", "appeal-filed"), Some((1, 1)));
    assert_eq!(to("wages.unpaid", "referred"), Some((1, 1)));
    assert_eq!(to("registration", "referred"), Some((1, 1)));
    assert_eq!(to("registration", "advised"), Some((1, 1)));
    assert_eq!(to("documents", "advised"), Some((1, 1)));
    assert_eq!(to("documents", "referred"), None);
    assert_eq!(r.topic_outcomes.len(), 5);
    // Topics come in the order of the topic table.
    let first: Vec<&str> = r.topic_outcomes.iter().map(|x| x.topic.as_str()).collect();
    assert_eq!(first[0], r.topics[0].code);
    // 11: male, 36 on 2026-11-01; 12: female, 25 on both days; 13: male, 66; 14: neither.
    let cells: Vec<(&str, &str, usize)> = r
        .age_sexes
        .iter()
        .map(|a| (a.age.as_str(), a.sex.as_str(), a.persons))
        .collect();
    assert_eq!(
        cells,
        vec![
            ("25-34", "female", 1),
            ("35-44", "male", 1),
            ("55+", "male", 1),
            ("unknown", "unknown", 1)
        ]
    );
    // Event 1: visits 21-24 by 11, 12, 13 (11 twice), 3 served, c1-c3; event 2: 25, 26.
    let ev: Vec<(NaiveDate, usize, usize, usize, usize)> = r
        .events
        .iter()
        .map(|e| (e.date, e.visits, e.visitors, e.served, e.consultations))
        .collect();
    assert_eq!(
        ev,
        vec![
            (date(2026, 11, 1), 4, 3, 3, 3),
            (date(2026, 11, 15), 2, 2, 1, 1)
        ]
    );
    assert_eq!(r.events[0].city, "Москва");
    assert_eq!(r.events[0].id, Id(1).to_string());
    // One event's report lists that event alone.
    let one = report(&fixture(), Period::Event(Id(2)));
    assert_eq!(one.events.len(), 1);
    assert_eq!((one.events[0].visits, one.events[0].visitors), (2, 2));
    assert_eq!(one.age_sexes.len(), 2, "12 and 14 came on the 15th");
}

#[test]
fn the_whole_period_by_hand() {
    let r = report(&fixture(), Period::All);
    // Six visits by four persons; served: 21, 22, 24, 25; left: 23.
    assert_eq!(r.visits.total, 6);
    assert_eq!(r.visits.persons, 4);
    assert_eq!(r.visits.served, 4);
    assert_eq!(r.visits.left_without_service, 1);
    // Waits 10, 20, 30, 40, 50 (visit 26 was never called): median 30, 90th percentile 50.
    assert_eq!(r.visits.wait_median_min, Some(30));
    assert_eq!(r.visits.wait_p90_min, Some(50));
    // Four consultations by persons 11 and 12.
    assert_eq!((r.consultations, r.consulted_persons), (4, 2));
    let topic = |code: &str| r.topics.iter().find(|t| t.code == code).unwrap().clone();
    let wages = topic("wages.unpaid");
    assert_eq!((wages.consultations, wages.persons), (2, 2));
    assert_eq!(
        (wages.appeals, wages.appeal_persons),
        (1, 2),
        "11 and 13; 14 withdrew"
    );
    // Claims: consultation 32 alone (50,000 / 20,000), members 51 (100,000 / 100,000) and 52
    // (80,000); consultation 31 is in the appeal, so member 51 stands for it.
    assert_eq!(amount_of(&wages.claimed, Currency::Rub), 230_000 * 100);
    assert_eq!(amount_of(&wages.recovered, Currency::Rub), 120_000 * 100);
    assert_eq!(wages.persons_recovered, 2);
    let reg = topic("registration");
    assert_eq!((reg.consultations, reg.persons, reg.appeals), (2, 1, 0));
    assert_eq!(topic("documents").consultations, 1);
    assert_eq!(
        r.topics[0].code, "wages.unpaid",
        "most consultations first, then appeals"
    );
    assert_eq!((r.appeals, r.appeal_persons), (1, 2));
    assert_eq!(amount_of(&r.amounts.claimed, Currency::Rub), 230_000 * 100);
    assert_eq!(r.amounts.persons_recovered, 2);
    // Follow-ups: 32 (due 20 Nov, overdue on the 24th) and 34 (due 30 Dec).
    assert_eq!((r.open_follow_ups, r.overdue_follow_ups), (2, 1));
    let outcome = |c: &str| r.outcomes.iter().find(|o| o.code == c).unwrap().records;
    assert_eq!(
        (
            outcome("advised"),
            outcome("referred"),
            outcome("appeal-filed")
        ),
        (2, 1, 1)
    );
    assert_eq!(r.referrals.len(), 1);
    // Visitors by region: Osh 1, Naryn 1, unknown 2; by sex; by age at each visit.
    let region = |c: &str| r.regions.iter().find(|x| x.code == c).unwrap().persons;
    assert_eq!((region("osh"), region("naryn"), region("")), (1, 1, 2));
    let sex = |c: &str| r.sexes.iter().find(|x| x.code == c).unwrap().persons;
    assert_eq!((sex("male"), sex("female"), sex("unknown")), (2, 1, 1));
    let ages: Vec<(&str, usize)> = r
        .ages
        .iter()
        .map(|a| (a.code.as_str(), a.persons))
        .collect();
    assert_eq!(
        ages,
        [("25-34", 1), ("35-44", 1), ("55+", 1), ("unknown", 1)]
    );
}

#[test]
fn one_event_at_a_time() {
    let f = fixture();
    let e1 = report(&f, Period::Event(Id(1)));
    assert_eq!((e1.visits.total, e1.visits.persons), (4, 3));
    assert_eq!(e1.consultations, 3);
    assert_eq!(
        (e1.appeals, e1.appeal_persons),
        (1, 2),
        "the appeal comes with consultation 31"
    );
    assert_eq!((e1.open_follow_ups, e1.overdue_follow_ups), (1, 1));
    let e2 = report(&f, Period::Event(Id(2)));
    assert_eq!((e2.visits.total, e2.visits.persons), (2, 2));
    assert_eq!(e2.visits.wait_median_min, Some(40));
    assert_eq!((e2.consultations, e2.appeals), (1, 0));
    assert!(e2.amounts.claimed.is_empty());
    // A date range around the second event equals the event; opened appeals join ranges.
    let range = report(
        &f,
        Period::Dates {
            from: date(2026, 11, 2),
            to: date(2026, 11, 30),
        },
    );
    assert_eq!(range, e2);
    let first = report(
        &f,
        Period::Dates {
            from: date(2026, 11, 1),
            to: date(2026, 11, 1),
        },
    );
    assert_eq!(first, e1);
}

#[test]
fn age_bands_turn_on_the_birthday() {
    let b = Some(date(2000, 11, 20));
    assert_eq!(age_band(b, date(2018, 11, 19)), "0-17");
    assert_eq!(age_band(b, date(2018, 11, 20)), "18-24");
    assert_eq!(age_band(b, date(2025, 11, 19)), "18-24");
    assert_eq!(age_band(b, date(2025, 11, 20)), "25-34");
    assert_eq!(
        age_band(Some(date(1960, 2, 29)), date(2015, 2, 28)),
        "45-54"
    );
    assert_eq!(age_band(Some(date(1960, 2, 29)), date(2015, 3, 1)), "55+");
    assert_eq!(age_band(None, date(2026, 1, 1)), "unknown");
}

/// Random records over November 2026 from a seed.
fn random_records(seed: u64) -> Records {
    use rand::{Rng, SeedableRng};
    let mut g = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut r = Records::default();
    let mut next = 1000u128;
    let mut id = || {
        next += 1;
        next
    };
    for _ in 0..g.random_range(1..6) {
        r.events
            .push(event(id(), date(2026, 11, g.random_range(1..=30))));
    }
    for _ in 0..g.random_range(1..12) {
        let sex = [Sex::Male, Sex::Female, Sex::Unknown][g.random_range(0..3)];
        let region = g
            .random_bool(0.7)
            .then(|| Region::ALL[g.random_range(0..9)]);
        let birth = g
            .random_bool(0.8)
            .then(|| date(g.random_range(1950..2010), 11, g.random_range(1..=28)));
        r.persons.push(person(id(), sex, region, birth));
    }
    for _ in 0..g.random_range(0..4) {
        let day = date(2026, 11, g.random_range(1..=30));
        r.appeals.push(Appeal {
            meta: kezek::domain::Meta::new(
                Id(id()),
                kezek::domain::DeskId(7),
                Utc.from_utc_datetime(&day.and_hms_opt(12, 0, 0).unwrap()),
            ),
            officer: "a".into(),
            fields: AppealFields {
                title: "A".into(),
                topic: ["wages.unpaid", "contract"][g.random_range(0..2)].into(),
                follow_up: g.random_bool(0.5).then(|| date(2026, 12, 1)),
                ..Default::default()
            },
        });
    }
    let topics = ["wages.unpaid", "registration", "documents", "entry-ban"];
    let statuses = [
        VisitStatus::Done,
        VisitStatus::LeftWithoutService,
        VisitStatus::Waiting,
    ];
    for _ in 0..g.random_range(0..30) {
        let ev = r.events[g.random_range(0..r.events.len())].clone();
        let p = r.persons[g.random_range(0..r.persons.len())].meta.id.0;
        let status = statuses[g.random_range(0..3)];
        let wait = (status != VisitStatus::Waiting).then(|| g.random_range(0..90));
        let v = visit(id(), &ev, p, wait, status);
        if status == VisitStatus::Done && g.random_bool(0.8) {
            let outcome = ["advised", "referred", "appeal-filed"][g.random_range(0..3)];
            let mut c = consultation(id(), &v, &[topics[g.random_range(0..4)]], outcome);
            c.fields.claimed = g
                .random_bool(0.4)
                .then(|| Money::new(Currency::Rub, g.random_range(1..1000) * 100));
            c.fields.follow_up = g
                .random_bool(0.3)
                .then(|| date(2026, 11, g.random_range(1..=30)));
            if !r.appeals.is_empty() && g.random_bool(0.3) {
                c.fields.appeal = Some(r.appeals[g.random_range(0..r.appeals.len())].meta.id);
            }
            r.consultations.push(c);
        }
        r.visits.push(v);
    }
    for a in r.appeals.clone() {
        for _ in 0..g.random_range(0..4) {
            let p = r.persons[g.random_range(0..r.persons.len())].meta.id.0;
            let s = [
                MemberStatus::Active,
                MemberStatus::Recovered,
                MemberStatus::Withdrawn,
            ][g.random_range(0..3)];
            r.members.push(member(
                id(),
                a.meta.id.0,
                p,
                g.random_range(0..500),
                g.random_range(0..500),
                s,
            ));
        }
    }
    r
}

proptest! {
    #![proptest_config(props())]

    #[test]
    fn two_disjoint_periods_add_up_to_their_union(seed in any::<u64>(), split in 1u32..30) {
        let r = random_records(seed);
        let today = date(2026, 11, 24);
        let (from, to) = (date(2026, 11, 1), date(2026, 11, 30));
        let mid = date(2026, 11, split);
        let whole = Tally::of(&r, &Period::Dates { from, to }, today, 180);
        let a = Tally::of(&r, &Period::Dates { from, to: mid }, today, 180);
        // The second tally meets the persons in another order, so its person numbers differ
        // and the merge has to renumber them.
        let mut reversed = r.clone();
        reversed.persons.reverse();
        let b = Tally::of(&reversed, &Period::Dates { from: mid + Duration::days(1), to }, today, 180);
        let (ra, rb) = (Report::from_tally(&a).unwrap(), Report::from_tally(&b).unwrap());
        let merged = a.merge(b);
        prop_assert_eq!(&merged, &whole);
        let rw = Report::from_tally(&whole).unwrap();
        prop_assert_eq!(Report::from_tally(&merged).unwrap(), rw.clone());
        // Counts of records add up; persons are counted once.
        prop_assert_eq!(rw.visits.total, ra.visits.total + rb.visits.total);
        prop_assert_eq!(rw.consultations, ra.consultations + rb.consultations);
        prop_assert!(rw.visits.persons <= ra.visits.persons + rb.visits.persons);
        prop_assert!(rw.visits.persons >= ra.visits.persons.max(rb.visits.persons));
        // The breakdowns add up to the totals they break down.
        prop_assert_eq!(rw.events.iter().map(|e| e.visits).sum::<usize>(), rw.visits.total);
        prop_assert_eq!(rw.events.iter().map(|e| e.consultations).sum::<usize>(), rw.consultations);
        prop_assert_eq!(rw.events.len(), ra.events.len() + rb.events.len());
        let by_topic: usize = rw.topics.iter().map(|t| t.consultations).sum();
        prop_assert_eq!(rw.topic_outcomes.iter().map(|x| x.consultations).sum::<usize>(), by_topic);
        for a in &rw.ages {
            let cells = rw.age_sexes.iter().filter(|x| x.age == a.code).map(|x| x.persons);
            prop_assert_eq!(cells.sum::<usize>(), a.persons, "sexes are disjoint within a band");
        }
        prop_assert_eq!(Report::from_tally(&Tally::of(&r, &Period::All, today, 180)).unwrap(), rw);
    }
}
