//! Issue 14 item 9: the follow-up list's totals, filters and order on the 100,000-person
//! store's shape (33,416 open, 30,102 overdue), without a store.

use chrono::{Duration, NaiveDate};
use kezek::domain::Id;
use kezek::domain::followup::list::{
    DueFilter, FollowUpFilter, IndexedFollowUp, WEEK_DAYS, next_choice, tally,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
}

/// 30,102 overdue over two years, 812 within the week, the rest up to three months ahead;
/// in index order (by due date), as the store hands them over.
fn shaped() -> Vec<IndexedFollowUp<u32>> {
    let topics = ["wages.unpaid", "entry-ban", "registration"];
    let officers = ["Айбек", "Гүлнара", "Desk 1"];
    let mut dues: Vec<NaiveDate> = (0..30_102)
        .map(|i| today() - Duration::days(1 + i64::from(i % 730)))
        .chain((0..812).map(|i| today() + Duration::days(i64::from(i % 7))))
        .chain((0..2_502).map(|i| today() + Duration::days(7 + i64::from(i % 90))))
        .collect();
    dues.sort();
    dues.into_iter()
        .enumerate()
        .map(|(i, due)| IndexedFollowUp {
            due,
            key: i as u32,
            id: Id(i as u128),
            topics: vec![topics[i % 3].to_string()],
            officer: officers[i % 3].to_string(),
        })
        .collect()
}

#[test]
fn totals_are_over_everything_and_the_week_comes_first_by_default() {
    let all = shaped();
    let t = tally(all.clone(), &FollowUpFilter::default(), today(), 500);
    assert_eq!(
        (t.total, t.overdue, t.week, t.matching),
        (33_416, 30_102, 812, 812)
    );
    assert_eq!(t.keys.len(), 500);
    let week_end = today() + Duration::days(WEEK_DAYS);
    let dues: Vec<_> = t.keys.iter().map(|&k| all[k as usize].due).collect();
    assert!(dues.iter().all(|&d| d >= today() && d < week_end));
    assert!(dues.windows(2).all(|w| w[0] <= w[1]), "soonest first");
    assert_eq!(t.topics.iter().map(|t| t.1).sum::<usize>(), 33_416);
    assert_eq!(t.officers.len(), 3);
}

#[test]
fn overdue_newest_first_and_all_puts_the_coming_ones_before_thirty_thousand_late_ones() {
    let all = shaped();
    let overdue = FollowUpFilter {
        due: DueFilter::Overdue,
        ..Default::default()
    };
    let t = tally(all.clone(), &overdue, today(), 500);
    assert_eq!(t.matching, 30_102);
    assert_eq!(all[t.keys[0] as usize].due, today() - Duration::days(1));
    let dues: Vec<_> = t.keys.iter().map(|&k| all[k as usize].due).collect();
    assert!(
        dues.windows(2).all(|w| w[0] >= w[1]),
        "the latest missed first"
    );

    let every = FollowUpFilter {
        due: DueFilter::All,
        ..Default::default()
    };
    let t = tally(all.clone(), &every, today(), 4_000);
    assert_eq!(t.matching, 33_416);
    let dues: Vec<_> = t.keys.iter().map(|&k| all[k as usize].due).collect();
    assert!(
        dues[..3_314].iter().all(|&d| d >= today()),
        "coming ones first"
    );
    assert!(dues[3_314..].iter().all(|&d| d < today()));
    assert_eq!(dues[0], today());
}

#[test]
fn topic_and_officer_narrow_the_rows_but_not_the_totals() {
    let all = shaped();
    let f = FollowUpFilter {
        due: DueFilter::All,
        topic: Some("entry-ban".into()),
        officer: Some("Айбек".into()),
    };
    let t = tally(all.clone(), &f, today(), usize::MAX);
    let want = all
        .iter()
        .filter(|e| e.topics[0] == "entry-ban" && e.officer == "Айбек")
        .count();
    assert_eq!((t.matching, t.keys.len(), t.total), (want, want, 33_416));
    assert!(t.keys.iter().all(|&k| {
        let e = &all[k as usize];
        e.topics[0] == "entry-ban" && e.officer == "Айбек"
    }));
    // Cycling the choices: each in turn, then all again.
    let mut topic = None;
    let mut seen = Vec::new();
    for _ in 0..4 {
        topic = next_choice(&topic, &t.topics);
        seen.push(topic.clone());
    }
    assert_eq!(
        seen,
        vec![
            Some("entry-ban".to_string()),
            Some("registration".to_string()),
            Some("wages.unpaid".to_string()),
            None
        ]
    );
}
