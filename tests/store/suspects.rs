//! Clock-suspect records: noted on the desk whose clock the op was ahead of, and only
//! there; the view every desk agrees on is the same with or without the note.

use crate::common::*;
use kezek::domain::PersonPick;

/// An event in Казань on `f` with the arrival of Бакиев Марат: the event and the arrival.
fn arrival_in_kazan(f: &kezek::store::Store) -> (kezek::domain::Id, kezek::store::QueueEntry) {
    let ev = f
        .create_event(event_fields("Казань"), "Нурлан")
        .unwrap()
        .meta
        .id;
    let p = PersonPick::New(person_fields("Бакиев", "Марат"));
    (
        ev,
        f.add_arrival(arrival(ev, p, "patent"), "Нурлан").unwrap(),
    )
}

#[test]
fn an_op_ahead_of_this_clock_is_noted_here_only_and_left_out_of_the_view_hash() {
    let root = tempfile::tempdir().unwrap();
    let a = open_store(&root.path().join("a"));
    let mut g = open_store(&root.path().join("g"));
    let mut f = open_store(&root.path().join("f"));
    let ahead = t0() + chrono::Duration::days(730);
    f.set_clock(move || ahead);
    // Desk G's laptop has the same wrong year as F: for G nothing is ahead.
    g.set_clock(move || ahead);
    let (_, wrong) = arrival_in_kazan(&f);
    let visit = wrong.visit;
    let person = f.person(visit.person).unwrap().unwrap();
    let stick = root.path().join("stick");
    std::fs::create_dir_all(&stick).unwrap();
    let file = stick.join("f.kzbundle");
    kezek::store::bundle::write_bundle(f.dir(), &file, None, 3_600_000).unwrap();
    for d in [&a, &g] {
        d.merge_bundles(&file, false).unwrap();
    }
    let noted = a.clock_suspects().unwrap();
    assert_eq!(
        noted.len(),
        1,
        "the person; events and visits are not listed"
    );
    assert_eq!((noted[0].id, noted[0].desk), (person.meta.id, f.desk()));
    assert_eq!(noted[0].at.date_naive(), ahead.date_naive());
    assert!(
        g.clock_suspects().unwrap().is_empty(),
        "not ahead of G's clock"
    );
    assert_eq!(a.view_hash().unwrap(), g.view_hash().unwrap());
    assert!(a.clear_suspect(person.meta.id).unwrap());
    assert!(!a.clear_suspect(person.meta.id).unwrap(), "already cleared");
    assert!(a.clock_suspects().unwrap().is_empty());
    assert_eq!(a.view_hash().unwrap(), g.view_hash().unwrap());
}

#[test]
fn a_desk_whose_wrong_date_was_put_right_is_not_suspect_for_what_it_records_after() {
    let root = tempfile::tempdir().unwrap();
    let a = open_store(&root.path().join("a"));
    let mut f = open_store(&root.path().join("f"));
    let ahead = t0() + chrono::Duration::days(730);
    f.set_clock(move || ahead);
    let (ev, wrong) = arrival_in_kazan(&f);
    // The date is put right; F's clock stays past its last op, so what it records now is
    // still dated ahead by that clock, but carries today's time.
    f.set_clock(t0);
    let p = PersonPick::New(person_fields("Осмонов", "Алмаз"));
    let right = f.add_arrival(arrival(ev, p, "patent"), "Нурлан").unwrap();
    assert!(right.visit.meta.updated < ahead);
    let file = root.path().join("f.kzbundle");
    kezek::store::bundle::write_bundle(f.dir(), &file, None, 3_600_000).unwrap();
    let dry = a.merge_bundles(&file, true).unwrap();
    let report = a.merge_bundles(&file, false).unwrap();
    let noted: Vec<_> = a.clock_suspects().unwrap().iter().map(|s| s.id).collect();
    assert_eq!(
        noted,
        vec![wrong.visit.person],
        "the person recorded with the wrong date only"
    );
    assert_eq!(dry.clock_suspect, 2, "the event's op and the wrong arrival");
    assert_eq!(report.clock_suspect, dry.clock_suspect);
    assert!(
        a.clock_behind_minutes().is_none(),
        "neither op moved this desk's clock"
    );
}
