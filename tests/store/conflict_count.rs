//! A merge's preview counts a conflict by what the two versions hold: two laptops whose
//! clocks gave both corrections the same instant still disagree.

use crate::common::rig::wages;
use crate::common::*;
use kezek::domain::PersonPick;

#[test]
fn two_versions_of_one_revision_saved_at_the_same_instant_are_a_conflict() {
    let root = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (
        open_store(&root.path().join("a")),
        open_store(&root.path().join("b")),
    );
    let ev = a.create_event(event_fields("Москва"), "a").unwrap().meta.id;
    let p = PersonPick::New(person_fields("Асанов", "Бакыт"));
    let v = a
        .add_arrival(arrival(ev, p, "wages"), "a")
        .unwrap()
        .visit
        .meta
        .id;
    let c = a
        .save_consultation(v, None, wages(rub(50_000)), "a")
        .unwrap();
    let stick = root.path().join("stick");
    std::fs::create_dir_all(&stick).unwrap();
    let one = stick.join("a.kzbundle");
    kezek::store::bundle::write_bundle(a.dir(), &one, None, 3_600_000).unwrap();
    b.merge_bundles(&one, false).unwrap();
    // Both laptops' clocks say the same instant for both corrections.
    let noon = t0() + chrono::Duration::hours(3);
    a.set_clock(move || noon);
    b.set_clock(move || noon);
    let ka = a
        .save_consultation(v, Some(c.meta.id), wages(rub(60_000)), "a")
        .unwrap();
    let kb = b
        .save_consultation(v, Some(c.meta.id), wages(rub(70_000)), "b")
        .unwrap();
    assert_eq!(
        (ka.meta.rev, ka.meta.updated),
        (kb.meta.rev, kb.meta.updated),
        "the same revision at the same instant"
    );
    let two = stick.join("b.kzbundle");
    kezek::store::bundle::write_bundle(b.dir(), &two, None, 3_600_000).unwrap();
    let r = a.merge_bundles(&two, true).unwrap();
    assert_eq!(r.conflicts, 1, "counted before the merge");
    let r = a.merge_bundles(&two, false).unwrap();
    assert_eq!(r.conflicts, 1);
    assert_eq!(a.conflicts().unwrap().len(), 1, "and listed after it");
}

#[test]
fn two_desks_settling_a_conflict_the_same_way_leave_no_conflict() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = (
        open_store(&root.path().join("a")),
        open_store(&root.path().join("b")),
    );
    let ev = a.create_event(event_fields("Москва"), "a").unwrap().meta.id;
    let p = PersonPick::New(person_fields("Асанов", "Бакыт"));
    let v = a
        .add_arrival(arrival(ev, p, "wages"), "a")
        .unwrap()
        .visit
        .meta
        .id;
    let c = a
        .save_consultation(v, None, wages(rub(50_000)), "a")
        .unwrap();
    let stick = root.path().join("stick");
    std::fs::create_dir_all(&stick).unwrap();
    let mut n = 0;
    let mut send = |from: &kezek::store::Store, to: &kezek::store::Store| {
        n += 1;
        let file = stick.join(format!("{n}.kzbundle"));
        kezek::store::bundle::write_bundle(from.dir(), &file, None, 3_600_000).unwrap();
        to.merge_bundles(&file, false).unwrap();
    };
    send(&a, &b);
    a.save_consultation(v, Some(c.meta.id), wages(rub(60_000)), "a")
        .unwrap();
    b.save_consultation(v, Some(c.meta.id), wages(rub(70_000)), "b")
        .unwrap();
    send(&a, &b);
    send(&b, &a);
    assert_eq!(a.conflicts().unwrap().len(), 1);
    // Both officers keep the amount shown, each on their own desk, before they meet.
    a.resolve_conflict(c.meta.id, false, "a").unwrap().unwrap();
    b.resolve_conflict(c.meta.id, false, "b").unwrap().unwrap();
    send(&a, &b);
    send(&b, &a);
    for d in [&a, &b] {
        assert!(
            d.conflicts().unwrap().is_empty(),
            "the same amount chosen twice is no conflict: {:?}",
            d.conflicts().unwrap()
        );
    }
    assert_eq!(a.view_hash().unwrap(), b.view_hash().unwrap());
}
