//! Issue 14 item 9: the follow-up list over the whole index — totals, filters by due date,
//! topic and officer, the order an officer works in, and a note when closing.

use crate::common::open_store as open;
use crate::common::*;
use kezek::domain::card::FollowUpRow;
use kezek::domain::followup::list::{DueFilter, FollowUpFilter, WEEK_DAYS};
use kezek::domain::{AppealFields, ConsultationFields, Id};
use kezek::store::{FollowUpClose, Store};

fn fields(topic: &str, due: chrono::NaiveDate) -> ConsultationFields {
    ConsultationFields {
        topics: vec![topic.into()],
        notes: "Not paid since August.".into(),
        outcome: "referred".into(),
        follow_up: Some(due),
        ..Default::default()
    }
}

fn visits(store: &Store, n: usize) -> Vec<Id> {
    arrivals(store, n, "Айбек")
}

fn ids(rows: &[FollowUpRow]) -> Vec<Id> {
    rows.iter().map(|r| r.id()).collect()
}

#[test]
fn filters_and_order_come_from_the_index_and_totals_stay_whole() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let today = date(2026, 11, 24);
    let v = visits(&store, 5);
    let save = |i: usize, topic, due, officer| {
        store
            .save_consultation(v[i], None, fields(topic, due), officer)
            .unwrap()
            .meta
            .id
    };
    let old = save(0, "wages.unpaid", date(2026, 9, 1), "Айбек");
    let late = save(1, "entry-ban", date(2026, 11, 23), "Гүлнара");
    let soon = save(2, "wages.unpaid", date(2026, 11, 24), "Гүлнара");
    let friday = save(3, "wages.unpaid", date(2026, 11, 30), "Айбек");
    let later = save(4, "entry-ban", date(2026, 12, 1), "Айбек");
    let appeal = store
        .create_appeal(
            AppealFields {
                title: "Бригада".into(),
                topic: "wages.unpaid".into(),
                follow_up: Some(date(2026, 11, 26)),
                ..Default::default()
            },
            None,
            "Гүлнара",
        )
        .unwrap()
        .meta
        .id;

    // Default: due within 7 days (today .. today + 6), soonest first.
    let week = store
        .follow_ups_page(500, today, &FollowUpFilter::default())
        .unwrap();
    assert_eq!(ids(&week.rows), vec![soon, appeal, friday]);
    assert_eq!((week.total, week.overdue, week.week), (6, 2, 3));
    assert_eq!(week.matching, 3);
    assert_eq!(WEEK_DAYS, 7);
    // The person's phone comes with the row.
    assert!(week.rows[0].person.as_ref().unwrap().fields.phone.is_some());

    // Overdue: the latest missed first.
    let overdue = FollowUpFilter {
        due: DueFilter::Overdue,
        ..Default::default()
    };
    let page = store.follow_ups_page(500, today, &overdue).unwrap();
    assert_eq!(ids(&page.rows), vec![late, old]);
    assert_eq!((page.total, page.overdue, page.matching), (6, 2, 2));

    // All: the coming ones first, then overdue newest first; a limit cuts the tail.
    let all = FollowUpFilter {
        due: DueFilter::All,
        ..Default::default()
    };
    let page = store.follow_ups_page(500, today, &all).unwrap();
    assert_eq!(
        ids(&page.rows),
        vec![soon, appeal, friday, later, late, old]
    );
    let page = store.follow_ups_page(4, today, &all).unwrap();
    assert_eq!(ids(&page.rows), vec![soon, appeal, friday, later]);
    assert_eq!(
        page.matching, 6,
        "the count is of all that match, not the rows read"
    );

    // By topic (an appeal's topic counts too) and by officer, from the index values.
    assert_eq!(
        page.topics,
        vec![
            ("entry-ban".to_string(), 2),
            ("wages.unpaid".to_string(), 4)
        ]
    );
    assert_eq!(
        page.officers,
        vec![("Айбек".to_string(), 3), ("Гүлнара".to_string(), 3)]
    );
    let topic = FollowUpFilter {
        due: DueFilter::All,
        topic: Some("entry-ban".into()),
        officer: None,
    };
    let page = store.follow_ups_page(500, today, &topic).unwrap();
    assert_eq!(ids(&page.rows), vec![later, late]);
    assert_eq!(
        page.total, 6,
        "totals are over everything, whatever the filter"
    );
    let officer = FollowUpFilter {
        officer: Some("Гүлнара".into()),
        ..Default::default()
    };
    let page = store.follow_ups_page(500, today, &officer).unwrap();
    assert_eq!(ids(&page.rows), vec![soon, appeal]);
    assert!(store.verify().unwrap().is_consistent());
}

#[test]
fn closing_with_a_note_adds_a_dated_line_to_the_notes_and_a_long_one_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let v = visits(&store, 2);
    let c = store
        .save_consultation(v[0], None, fields("wages.unpaid", date(2026, 11, 20)), "a")
        .unwrap();
    let close = |note: &'static str| FollowUpClose {
        outcome: "resolved",
        recovered: None,
        on: date(2026, 11, 24),
        note,
    };
    let long: &'static str = Box::leak("ы ".repeat(150).into_boxed_str());
    let refused = store.close_follow_up_noted(c.meta.id, close(long), "b");
    assert!(
        matches!(refused, Err(kezek::store::StoreError::Invalid(_))),
        "{refused:?}"
    );
    let unchanged = store.consultation(c.meta.id).unwrap().unwrap();
    assert!(unchanged.fields.follow_up_open(), "nothing was written");
    assert_eq!(unchanged.fields.notes, "Not paid since August.");

    store
        .close_follow_up_noted(c.meta.id, close("  paid in   full "), "b")
        .unwrap();
    let closed = store.consultation(c.meta.id).unwrap().unwrap();
    assert_eq!(
        closed.fields.notes,
        "Not paid since August.\n2026-11-24: paid in full"
    );
    assert_eq!(closed.fields.follow_up_closed, Some(date(2026, 11, 24)));
    let page = store
        .follow_ups_page(10, date(2026, 11, 24), &FollowUpFilter::default())
        .unwrap();
    assert_eq!(page.total, 0);
    // The earlier version, without the note, is in the history.
    let history = store.history(c.meta.id).unwrap();
    assert_eq!(history.len(), 1);
    assert!(store.verify().unwrap().is_consistent());
}

/// A demo store (the 100,000-person store's shape, smaller): the page's totals and every
/// filter agree with counting the records themselves.
#[test]
fn on_a_demo_store_the_totals_and_filters_equal_a_count_of_the_records() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    demo(&store, 3_000, 6, 11);
    let today = store.now().date_naive();
    let open_ones: Vec<(chrono::NaiveDate, Vec<String>, String)> = store
        .consultations()
        .unwrap()
        .into_iter()
        .filter(|c| c.fields.follow_up_open())
        .map(|c| (c.fields.follow_up.unwrap(), c.fields.topics, c.officer))
        .chain(
            store
                .appeals()
                .unwrap()
                .into_iter()
                .filter(|a| a.fields.follow_up.is_some() && a.fields.follow_up_closed.is_none())
                .map(|a| (a.fields.follow_up.unwrap(), vec![a.fields.topic], a.officer)),
        )
        .collect();
    let week_end = today + chrono::Duration::days(WEEK_DAYS);
    let page = store
        .follow_ups_page(50, today, &FollowUpFilter::default())
        .unwrap();
    assert!(page.total > 100, "the demo has follow-ups: {}", page.total);
    assert_eq!(page.total, open_ones.len());
    let overdue = open_ones.iter().filter(|o| o.0 < today).count();
    assert_eq!(page.overdue, overdue);
    let week = open_ones
        .iter()
        .filter(|o| o.0 >= today && o.0 < week_end)
        .count();
    assert_eq!((page.week, page.matching), (week, week));
    assert!(page.rows.len() <= 50);
    assert!(
        page.rows
            .iter()
            .all(|r| r.due().is_some_and(|d| d >= today && d < week_end))
    );
    let (topic, n) = page.topics.iter().max_by_key(|t| t.1).unwrap().clone();
    assert_eq!(n, open_ones.iter().filter(|o| o.1.contains(&topic)).count());
    let by_topic = FollowUpFilter {
        due: DueFilter::Overdue,
        topic: Some(topic.clone()),
        officer: None,
    };
    let page = store.follow_ups_page(usize::MAX, today, &by_topic).unwrap();
    let want = open_ones
        .iter()
        .filter(|o| o.0 < today && o.1.contains(&topic))
        .count();
    assert_eq!((page.matching, page.rows.len()), (want, want));
    let dues: Vec<_> = page.rows.iter().filter_map(|r| r.due()).collect();
    assert!(
        dues.windows(2).all(|w| w[0] >= w[1]),
        "overdue newest first"
    );
}
