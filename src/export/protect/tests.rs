use super::*;
use crate::domain::report::{EventLine, TopicLine};

const KEY: [u8; 16] = [7; 16];

fn rule(k: u32) -> Rule {
    Rule::new(k, KEY)
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
fn every_count_rounds_to_a_multiple_of_the_base_the_same_way_and_in_order() {
    let r = rule(5);
    assert_eq!(r.count(0), 0, "none stays none");
    let mut last = 0;
    for n in 0..2000 {
        let p = r.count(n);
        assert_eq!(p % BASE, 0, "{n} published as {p}");
        assert!(p.abs_diff(n) < BASE, "{n} published as {p}");
        if n % BASE == 0 {
            assert_eq!(p, n, "a multiple of the base is itself");
        }
        assert!(p >= last, "rounding keeps order: {n} gave {p} after {last}");
        last = p;
        assert_eq!(r.count(n), p, "the same count, the same figure");
        assert_eq!(
            rule(7).count(n),
            p,
            "whatever k: another k gives no other interval"
        );
    }
}

#[test]
fn the_rounding_is_unbiased_over_blocks_and_depends_on_the_secret() {
    // n = 5m + 2 goes up with the chance 2/5 over the blocks m.
    let r = rule(5);
    let ups = (0..2000)
        .filter(|m| r.count(5 * m + 2) == 5 * m + 5)
        .count();
    assert!((700..900).contains(&ups), "{ups} of 2000 rounded up");
    let other = Rule::new(5, [8; 16]);
    let differ = (0..400).filter(|n| r.count(*n) != other.count(*n)).count();
    assert!(
        differ > 60,
        "another store's secret draws otherwise ({differ})"
    );
}

#[test]
fn a_region_of_fewer_than_k_is_not_named_but_counted_as_other() {
    let r = rule(5);
    let out = r.people(&people(&[("osh", 10), ("naryn", 1), ("talas", 1)]));
    assert_eq!(
        out,
        people(&[("osh", 10), (OTHER, r.count(2))]),
        "Naryn and Talas are not named"
    );
    let one = r.people(&people(&[("female", 1)]));
    assert_eq!(
        one,
        people(&[(OTHER, r.count(1))]),
        "a single woman: no sex named"
    );
    let none = r.people(&people(&[("35-44", 20)]));
    assert_eq!(
        none,
        people(&[("35-44", 20), (OTHER, 0)]),
        "the Other row is there holding nobody: its presence says nothing"
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
    // Shown beside a group whose published count leaves no doubt it holds k.
    assert!(
        r.money(5, &list).is_empty(),
        "5 may read 5: it may hold fewer than k"
    );
    assert_eq!(r.money(10, &list)[0].minor, 120_000_000);
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
fn no_published_figure_is_a_true_small_count_and_small_groups_are_not_named() {
    let hall = small_hall();
    let p = protect(&hall, 5, KEY);
    let r = rule(5);
    for (name, n) in [
        ("visits", p.visits.total),
        ("visitors", p.visits.persons),
        ("served", p.visits.served),
        ("left", p.visits.left_without_service),
        ("second event", p.events[1].visits),
        ("first event", p.events[0].visits),
        ("appeals", p.topics[0].appeals),
    ] {
        assert_eq!(n % BASE, 0, "{name}: {n}");
    }
    assert_eq!(p.visits.total, r.count(12));
    assert_eq!(
        p.visits.persons, p.visits.total,
        "12 visits by 12 persons read alike"
    );
    let codes = |list: &[PersonCount]| list.iter().map(|c| c.code.clone()).collect::<Vec<_>>();
    assert_eq!(
        codes(&p.regions),
        ["osh", OTHER],
        "Naryn and Talas are not named"
    );
    assert_eq!(p.sexes.last().map(|c| c.code.as_str()), Some(OTHER));
    let ages: Vec<&str> = p.age_sexes.iter().map(|c| c.age.as_str()).collect();
    assert_eq!(ages, ["35-44", OTHER], "55+ female is not listed");
    let t = &p.topics[0];
    assert!(
        t.recovered.is_empty(),
        "what one person recovered is left out"
    );
    assert_eq!(t.persons_recovered, r.count(1));
}

#[test]
fn lists_are_ordered_by_the_published_counts() {
    let mut hall = small_hall();
    // 17 and 16 may both read 15 or 20: the order must not tell which was larger.
    hall.regions = people(&[("osh", 17), ("chuy", 16), ("talas", 13)]);
    let p = protect(&hall, 5, KEY);
    let shown: Vec<(usize, &str)> = p
        .regions
        .iter()
        .map(|c| (c.persons, c.code.as_str()))
        .collect();
    let mut sorted = shown.clone();
    sorted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    assert_eq!(shown, sorted);
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

#[test]
fn a_category_named_holds_k_whatever_k_and_naming_tells_no_more_than_the_figure() {
    for k in 2..=30u32 {
        let r = rule(k);
        for n in 1..200usize {
            if r.enough(n) {
                assert!(n >= k as usize, "k = {k}: {n} named");
            }
            // Whether it is named is a function of the published figure (and k) alone.
            let p = r.count(n);
            for m in 1..200usize {
                if r.count(m) == p {
                    assert_eq!(r.enough(m), r.enough(n), "k = {k}: {m} and {n} read {p}");
                }
            }
        }
    }
}
