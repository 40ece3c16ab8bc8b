use super::*;
use crate::domain::{DeskId, Meta, Person, PersonFields, Region, Sex};

fn person(n: u128, region: Region, city: &str, sex: Sex, born: i32) -> (Id, PersonCells) {
    PersonCells::of(&Person {
        meta: Meta::new(Id(n), DeskId(1), chrono::Utc::now()),
        fields: PersonFields {
            surname: format!("S{n}"),
            given_name: "G".into(),
            birth_date: chrono::NaiveDate::from_ymd_opt(born, 6, 1),
            sex,
            region: Some(region),
            city: city.into(),
            ..Default::default()
        },
    })
}

fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
}

/// Three persons alike, two who differ only by city, one alone in every way but the event.
fn people() -> (FxHashMap<Id, PersonCells>, FxHashMap<Id, Seen>) {
    let mut cells = FxHashMap::default();
    let mut seen = FxHashMap::default();
    let rows = [
        (1, Region::Osh, "Москва", Sex::Male, 1990, vec![0]),
        (2, Region::Osh, "Москва", Sex::Male, 1991, vec![0]),
        (3, Region::Osh, "Москва", Sex::Male, 1992, vec![0]),
        (4, Region::Osh, "Казань", Sex::Male, 1990, vec![0]),
        (5, Region::Osh, "Омск", Sex::Male, 1990, vec![0]),
        (6, Region::Naryn, "Омск", Sex::Female, 1950, vec![2]),
    ];
    for (n, r, city, sex, born, events) in rows {
        let (id, c) = person(n, r, city, sex, born);
        cells.insert(id, c);
        seen.insert(
            id,
            Seen {
                events,
                last: Some(day()),
            },
        );
    }
    (cells, seen)
}

#[test]
fn persons_are_placed_at_the_first_level_where_their_group_holds_k() {
    let (cells, seen) = people();
    let plan = place(seen, &cells, day(), 3);
    // On 2026-12-07 persons 1, 2, 4 and 5 are 35-44 (born 1990, 1991) and 3 is 34
    // (25-34). 1, 2, 4, 5 (Osh, male, event 0) differ only by city: four at level 1. 3 is
    // alone at every level until 6, where only 6 (another event) joins: two, under 3.
    let levels: Vec<Option<u8>> = (1..=6)
        .map(|n| plan.shown(Id(n)).map(|s| s.level))
        .collect();
    assert_eq!(levels, [Some(1), Some(1), None, Some(1), Some(1), None]);
    assert_eq!(plan.summary.published, [0, 4, 0, 0, 0, 0, 0]);
    assert_eq!(plan.summary.withheld, 2);
    let s = plan.shown(Id(1)).unwrap();
    assert!(!s.city() && s.region() && s.sex() && s.event());
    assert_eq!(s.age_band(), "35-44");
}

#[test]
fn a_bigger_k_suppresses_more_and_k_2_less() {
    let (cells, seen) = people();
    let plan = place(seen.clone(), &cells, day(), 2);
    // 1 and 2 share everything (level 0); 4 and 5 all but the city (level 1); 3 and 6
    // have nothing in common but being left: level 6, every quasi-identifier suppressed.
    let levels: Vec<Option<u8>> = (1..=6)
        .map(|n| plan.shown(Id(n)).map(|s| s.level))
        .collect();
    assert_eq!(
        levels,
        [Some(0), Some(0), Some(6), Some(1), Some(1), Some(6)]
    );
    assert_eq!(plan.summary.published, [2, 2, 0, 0, 0, 0, 2]);
    assert_eq!(plan.summary.withheld, 0);
    let plan10 = place(seen, &cells, day(), 10);
    assert_eq!(plan10.summary.withheld, 6);
    assert_eq!(plan10.summary.published, [0; 7]);
}

#[test]
fn coarse_bands_and_levels_generalise_in_order() {
    const X: u32 = u32::MAX;
    let full: Key = (7, 3, 9, 1, 2, 1);
    assert_eq!(generalise(full, 0), full);
    assert_eq!(generalise(full, 1), (7, 3, X, 1, 2, 1));
    assert_eq!(generalise(full, 2), (7, X, X, 1, 2, 1));
    assert_eq!(generalise(full, 3), (7, X, X, 1, 101, 1));
    assert_eq!(generalise(full, 4), (7, X, X, 1, X, 1));
    assert_eq!(generalise(full, 6), (X, X, X, X, X, 1));
    let shown = |level, band| Shown { level, band }.age_band();
    assert_eq!(shown(0, 1), "18-24");
    assert_eq!(shown(3, 1), "18-34");
    assert_eq!(shown(3, 2), "18-34");
    assert_eq!(shown(3, 4), "35-54");
    assert_eq!(shown(3, 5), "55+");
    assert_eq!(shown(3, UNKNOWN_BAND), "unknown");
    assert_eq!(shown(2, UNKNOWN_BAND), "unknown");
    assert_eq!(shown(4, 1), "*");
}

#[test]
fn the_statement_is_in_every_language_with_its_figures() {
    let s = Summary {
        k: 5,
        published: [10, 0, 3, 0, 0, 0, 2],
        withheld: 4,
        none_published: false,
    };
    for lang in ["en", "ru", "ky"] {
        let lines = s.lines(&I18n::new(lang));
        let text = lines.join("\n");
        assert!(text.contains("k = 5"), "{lang}: {text}");
        assert!(
            lines
                .iter()
                .any(|l| l.contains("— 4") || l.contains(": 4 ")),
            "{lang}: {text}"
        );
        assert_eq!(
            lines.len(),
            15,
            "the note, k, what is suppressed, 7 levels, withheld, 3 more"
        );
        assert!(
            !text.contains("anon-k") && !text.contains("anon-withheld"),
            "{lang}: a message id left: {text}"
        );
    }
    let en = s.lines(&I18n::new("en"));
    assert!(
        en.contains(&"Level 0 (nothing suppressed): 10 persons published".to_string()),
        "{en:?}"
    );
    assert!(en.contains(&"Withheld (none of their rows is in this export): 4 persons".to_string()));
    assert_eq!(s.json(&I18n::new("en"))["withheld"], 4);
}

#[test]
fn a_consultation_or_an_appeal_is_part_of_the_tuple_at_every_level() {
    let (cells, mut seen) = people();
    // 1 and 2 alike, but 1 also had a consultation at event 0 (odd: 2 × 0 + 1) and 4 and 5
    // are members of an appeal: no group holds them with the others any more.
    seen.get_mut(&Id(1)).unwrap().events.push(1);
    for n in [4, 5] {
        seen.get_mut(&Id(n)).unwrap().events.push(MEMBER);
    }
    let plan = place(seen, &cells, day(), 2);
    let levels: Vec<Option<u8>> = (1..=6)
        .map(|n| plan.shown(Id(n)).map(|s| s.level))
        .collect();
    // 4 and 5 still pair (members both) at level 1; 2 and 3 once the band goes (level
    // 4); 1, the only one consulted, and 6 are left alone at level 6: withheld.
    assert_eq!(levels, [None, Some(4), Some(4), Some(1), Some(1), None]);
    assert_eq!(plan.summary.withheld, 2);
}

#[test]
fn pseudonyms_are_a_permutation_drawn_anew_for_each_export() {
    let mut a = Pseudonyms::default();
    let mut seen = rustc_hash::FxHashSet::default();
    for n in 1..=200_000u128 {
        let p = a.of('V', Id(n));
        assert_eq!(p.len(), 9, "{p}");
        assert!(seen.insert(p), "two visits, one pseudonym");
    }
    assert_eq!(
        a.of('V', Id(7)),
        a.of('V', Id(7)),
        "the same record, the same name"
    );
    let mut b = Pseudonyms::default();
    let same = (1..=1000u128)
        .filter(|n| a.of('V', Id(*n)) == b.of('V', Id(*n)))
        .count();
    assert!(same < 5, "another export names {same} of 1000 alike");
    let mut first = Pseudonyms::default();
    let ascending = (1..1000u128)
        .filter(|n| first.of('P', Id(*n)) < first.of('P', Id(n + 1)))
        .count();
    assert!(
        (350..650).contains(&ascending),
        "{ascending} of 999 in order"
    );
}

#[test]
fn a_statement_where_everyone_was_withheld_says_so_plainly() {
    let s = Summary {
        k: 5,
        withheld: 0,
        none_published: true,
        ..Summary::default()
    };
    let en = s.lines(&I18n::new("en")).join("\n");
    assert!(en.contains("Nobody could be published"), "{en}");
    for lang in ["ru", "ky"] {
        let text = s.lines(&I18n::new(lang)).join("\n");
        assert!(!text.contains("Nobody"), "{lang}: {text}");
        assert!(text.lines().count() == en.lines().count(), "{lang}");
    }
}
