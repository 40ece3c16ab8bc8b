use super::*;
use crate::domain::report::{EventLine, TopicLine};

const KEY: [u8; 16] = [7; 16];

fn rule(k: usize) -> Rule {
    Rule { k, key: KEY }
}

fn people(list: &[(&str, usize)]) -> Vec<PersonCount> {
    list.iter()
        .map(|(c, n)| PersonCount {
            code: c.to_string(),
            persons: *n,
        })
        .collect()
}

#[test]
fn counts_round_to_multiples_of_k_and_small_ones_read_fewer_than_k() {
    let r = rule(5);
    assert_eq!(r.count("c", 0), 0, "none stays none");
    for n in 1..5 {
        assert_eq!(r.count("c", n), SMALL, "{n} is a small group");
    }
    for n in 5..400 {
        let p = r.count("c", n);
        assert_eq!(p % 5, 0, "{n} published as {p}");
        assert!(p >= 5 && p.abs_diff(n) < 5, "{n} published as {p}");
        if n % 5 == 0 {
            assert_eq!(p, n, "a multiple of k is itself");
        }
        assert_eq!(r.count("c", n), p, "the same cell, the same draw");
    }
    let k2 = rule(2);
    assert_eq!(k2.count("c", 1), SMALL);
    assert_eq!(k2.count("c", 7) % 2, 0);
}

#[test]
fn the_rounding_is_unbiased_over_cells_and_depends_on_the_secret() {
    // 12 at k = 5: up to 15 with 2 chances in 5, down to 10 with 3.
    let r = rule(5);
    let ups = (0..2000)
        .filter(|i| r.count(&format!("cell {i}"), 12) == 15)
        .count();
    assert!((700..900).contains(&ups), "{ups} of 2000 rounded up");
    let other = Rule { k: 5, key: [8; 16] };
    let differ = (0..200)
        .filter(|i| {
            let cell = format!("cell {i}");
            r.count(&cell, 12) != other.count(&cell, 12)
        })
        .count();
    assert!(
        differ > 40,
        "another store's secret draws otherwise ({differ})"
    );
}

#[test]
fn a_region_of_fewer_than_k_is_not_named_but_counted_as_other() {
    let r = rule(5);
    let out = r.people(
        "region",
        &people(&[("osh", 10), ("naryn", 1), ("talas", 1)]),
    );
    assert_eq!(
        out,
        people(&[("osh", 10), (OTHER, SMALL)]),
        "Naryn and Talas are neither named nor countable"
    );
    let one = r.people("sex", &people(&[("female", 1)]));
    assert_eq!(
        one,
        people(&[(OTHER, SMALL)]),
        "a single woman: no sex named"
    );
    let none = r.people("age", &people(&[("35-44", 20)]));
    assert_eq!(
        none,
        people(&[("35-44", 20)]),
        "no other row when none is small"
    );
}

#[test]
fn money_is_shown_to_two_digits_and_only_beside_k_persons() {
    assert_eq!(two_digits(11_234_567), 11_000_000);
    assert_eq!(two_digits(4_560), 4_600);
    assert_eq!(two_digits(99), 99);
    assert_eq!(two_digits(-4_560), -4_600);
    assert_eq!(two_digits(i64::MAX) % 10, 0, "no overflow on any amount");
    let r = rule(5);
    let list = vec![Amount {
        currency: "RUB",
        minor: 123_456_789,
    }];
    assert!(
        r.money(4, &list).is_empty(),
        "what 4 persons got is left out"
    );
    assert_eq!(r.money(5, &list)[0].minor, 120_000_000);
}

/// The hostile pass's store: 12 visitors at two events, 10 from Osh, one each from Naryn
/// and Talas, 3 visits at the second event of which 1 left.
fn small_hall() -> Report {
    let event = |id: &str, visits, visitors, served| EventLine {
        id: id.into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap_or_default(),
        city: "Москва".into(),
        visits,
        visitors,
        served,
        consultations: 0,
    };
    Report {
        visits: crate::domain::report::Visits {
            total: 12,
            persons: 12,
            served: 11,
            left_without_service: 1,
            wait_median_min: Some(3),
            wait_p90_min: Some(9),
        },
        regions: people(&[("osh", 10), ("naryn", 1), ("talas", 1)]),
        sexes: people(&[("male", 11), ("female", 1)]),
        ages: people(&[("35-44", 11), ("55+", 1)]),
        age_sexes: vec![
            AgeSex {
                age: "35-44".into(),
                sex: "male".into(),
                persons: 11,
            },
            AgeSex {
                age: "55+".into(),
                sex: "female".into(),
                persons: 1,
            },
        ],
        events: vec![event("a", 9, 9, 9), event("b", 3, 3, 2)],
        topics: vec![TopicLine {
            code: "wages".into(),
            consultations: 6,
            persons: 6,
            appeals: 1,
            appeal_persons: 6,
            claimed: vec![],
            recovered: vec![Amount {
                currency: "RUB",
                minor: 500_000,
            }],
            persons_recovered: 1,
        }],
        ..Report::default()
    }
}

#[test]
fn no_published_total_gives_back_a_hidden_group_exactly() {
    let p = protect(&small_hall(), 5, KEY);
    for n in [
        p.visits.total,
        p.visits.persons,
        p.visits.served,
        p.events[0].visits,
        p.regions[0].persons,
    ] {
        assert!(n == SMALL || n % 5 == 0, "{n} is a multiple of k");
    }
    assert_eq!(p.visits.left_without_service, SMALL);
    assert_eq!(p.events[1].visits, SMALL, "the second event's 3 visits");
    assert_eq!(
        p.regions
            .iter()
            .map(|c| c.code.as_str())
            .collect::<Vec<_>>(),
        ["osh", OTHER],
        "Naryn and Talas are not named"
    );
    assert_eq!(p.sexes.last().map(|c| c.code.as_str()), Some(OTHER));
    assert!(
        p.age_sexes.iter().all(|c| c.persons >= 5),
        "55+ female is not listed"
    );
    assert_eq!(p.age_sexes.last().map(|c| c.persons), Some(SMALL));
    let t = &p.topics[0];
    assert_eq!(t.persons_recovered, SMALL);
    assert!(
        t.recovered.is_empty(),
        "what one person recovered is left out"
    );
    assert_eq!(t.appeals, SMALL, "1 appeal");
}

#[test]
fn a_waiting_time_is_published_only_over_k_visitors() {
    let mut few = small_hall();
    few.visits.persons = 3;
    let p = protect(&few, 5, KEY);
    assert_eq!(p.visits.wait_median_min, None);
    let p = protect(&small_hall(), 5, KEY);
    assert_eq!(
        (p.visits.wait_median_min, p.visits.wait_p90_min),
        (Some(3), Some(9)),
        "minutes are not counts: published as they are"
    );
}
