//! The figures streamed from the store equal the figures of the same records held in
//! memory, for everything, a date range and one event.

use crate::common::demo;
use kezek::domain::report::{Period, Tally};
use kezek::store::{Store, StoreOptions};

#[test]
fn streamed_tally_equals_the_in_memory_one() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path(), &StoreOptions::default()).unwrap();
    demo(&store, 400, 4, 5);
    let records = store.records().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let event = records.events[1].meta.id;
    for period in [
        Period::All,
        Period::Event(event),
        Period::Dates {
            from: chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            to: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        },
    ] {
        let streamed = store.tally(&period, today, 180).unwrap();
        let held = Tally::of(&records, &period, today, 180);
        assert_eq!(streamed, held, "{period:?}");
        assert!(streamed.visits.records > 0, "{period:?}");
    }
}

/// The report facts the store keeps follow queue moves, edits and merges, and survive a
/// rebuild from the journal: the streamed figures still equal those of the records.
#[test]
fn report_facts_follow_moves_edits_and_merges() {
    use kezek::domain::VisitStatus;
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path(), &StoreOptions::default()).unwrap();
    demo(&store, 300, 3, 11);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let same = |store: &Store, why: &str| {
        let records = store.records().unwrap();
        for period in [Period::All, Period::Event(records.events[0].meta.id)] {
            assert_eq!(
                store.tally(&period, today, 180).unwrap(),
                Tally::of(&records, &period, today, 180),
                "{why}: {period:?}"
            );
        }
        assert!(store.verify().unwrap().is_consistent(), "{why}");
    };
    // A waiting visit called and served.
    let records = store.records().unwrap();
    let waiting = records
        .visits
        .iter()
        .find(|v| v.status == VisitStatus::Waiting)
        .map(|v| v.meta.id);
    if let Some(v) = waiting {
        store
            .set_visit_status(v, VisitStatus::WithOfficer, "t")
            .unwrap();
        store.set_visit_status(v, VisitStatus::Done, "t").unwrap();
    }
    same(&store, "after queue moves");
    // A consultation edited: another outcome and an amount recovered.
    let c = records.consultations[0].clone();
    let mut fields = c.fields.clone();
    fields.outcome = "resolved".into();
    fields.recovered = Some(kezek::domain::Money::new(
        kezek::domain::Currency::Kgs,
        12_345,
    ));
    store
        .save_consultation(c.visit, Some(c.meta.id), fields, "t")
        .unwrap();
    same(&store, "after an edit");
    // Two persons with visits merged.
    let mut with_visits = records.visits.iter().map(|v| v.person).collect::<Vec<_>>();
    with_visits.sort();
    with_visits.dedup();
    store
        .merge_persons(with_visits[0], with_visits[1], "t")
        .unwrap();
    same(&store, "after a merge");
    store.rebuild().unwrap();
    same(&store, "after a rebuild from the journal");
}

#[test]
fn a_visit_moved_to_another_event_by_a_newer_version_is_counted_once() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path(), &StoreOptions::default()).unwrap();
    demo(&store, 60, 2, 5);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let records = store.records().unwrap();
    let (a, b) = (records.events[0].meta.id, records.events[1].meta.id);
    let mut v = records
        .visits
        .iter()
        .find(|v| v.event == a)
        .unwrap()
        .clone();
    // As another desk's import can write it: the same visit, a later version, another event.
    v.event = b;
    v.meta.touch(store.now());
    store
        .commit("t", vec![kezek::store::Change::PutVisit(v)])
        .unwrap();
    let records = store.records().unwrap();
    assert_eq!(
        store.tally(&Period::All, today, 180).unwrap(),
        Tally::of(&records, &Period::All, today, 180),
        "the moved visit is counted once, under its new event"
    );
    assert!(store.verify().unwrap().is_consistent());
}

/// A drill-down counts only its part of the tally again (`Store::tally_part`): the
/// persons behind every row of every table are those of the whole tally.
#[test]
fn a_part_of_the_tally_has_the_same_persons_behind_each_row() {
    use kezek::app::dashboard::{Section, persons_behind};
    use kezek::domain::report::Report;
    use kezek::store::Part;
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path(), &StoreOptions::default()).unwrap();
    demo(&store, 300, 3, 7);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let records = store.records().unwrap();
    for period in [Period::All, Period::Event(records.events[0].meta.id)] {
        let whole = store.tally(&period, today, 180).unwrap();
        let report = Report::from_tally(&whole).unwrap();
        let visits = store.tally_part(&period, today, 180, Part::Visits).unwrap();
        let cons = store
            .tally_part(&period, today, 180, Part::Consultations)
            .unwrap();
        // The parts leave the other side empty.
        assert_eq!(visits.consultations.records, 0);
        assert_eq!(cons.visits.records, 0);
        assert_eq!(visits.visits.records, whole.visits.records);
        assert_eq!(cons.consultations.records, whole.consultations.records);
        let mut rows = 0;
        for section in Section::ALL {
            let part = match section {
                Section::Topics | Section::Outcomes | Section::Referrals => &cons,
                _ => &visits,
            };
            for (code, _) in kezek::app::dashboard::rows(&report, section) {
                let all = persons_behind(&whole, section, code);
                assert!(!all.is_empty(), "{section:?} {code}");
                assert_eq!(
                    persons_behind(part, section, code),
                    all,
                    "{section:?} {code}"
                );
                rows += 1;
            }
        }
        assert!(rows > 10, "{period:?}: {rows} rows");
    }
}
