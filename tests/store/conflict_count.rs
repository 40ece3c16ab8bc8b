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

#[test]
fn three_desks_changing_one_city_list_every_value_and_any_one_can_be_taken() {
    use kezek::domain::card::HistoryEntry;
    let root = tempfile::tempdir().unwrap();
    let desks: Vec<kezek::store::Store> = ["a", "b", "c"]
        .iter()
        .map(|d| open_store(&root.path().join(d)))
        .collect();
    let ev = desks[0]
        .create_event(event_fields("Москва"), "a")
        .unwrap()
        .meta
        .id;
    let p = PersonPick::New(person_fields("Асанов", "Бакыт"));
    let v = desks[0]
        .add_arrival(arrival(ev, p, "wages"), "a")
        .unwrap()
        .visit;
    let stick = root.path().join("stick");
    std::fs::create_dir_all(&stick).unwrap();
    let mut n = 0;
    let mut send = |from: &kezek::store::Store, to: &kezek::store::Store| {
        n += 1;
        let file = stick.join(format!("{n}.kzbundle"));
        kezek::store::bundle::write_bundle(from.dir(), &file, None, 3_600_000).unwrap();
        to.merge_bundles(&file, false).unwrap();
    };
    send(&desks[0], &desks[1]);
    send(&desks[0], &desks[2]);
    for (d, city) in desks.iter().zip(["Бишкек", "Ош", "Талас"]) {
        let mut f = d.person(v.person).unwrap().unwrap().fields;
        f.city = city.into();
        d.update_person(v.person, f, "officer").unwrap().unwrap();
    }
    for from in 0..3 {
        for to in 0..3 {
            if from != to {
                send(&desks[from], &desks[to]);
            }
        }
    }
    let city = |e: &HistoryEntry| match e {
        HistoryEntry::Person(p) => p.person.fields.city.clone(),
        _ => String::new(),
    };
    let listed = desks[1].conflicts().unwrap();
    assert_eq!(
        listed.len(),
        2,
        "the shown value against each of the two others"
    );
    let mut all: Vec<String> = listed.iter().map(|c| city(&c.other)).collect();
    all.push(city(&listed[0].shown));
    all.sort();
    assert_eq!(all, ["Бишкек", "Ош", "Талас"], "no desk's value unseen");
    for d in &desks[1..] {
        assert_eq!(d.conflicts().unwrap(), listed, "the same on every desk");
    }
    // The second other value is taken on desk B; every desk then holds it, with no conflict.
    let pick = listed[1].other.clone();
    let wanted = city(&pick);
    desks[1]
        .settle_conflict(v.person, &pick, "b")
        .unwrap()
        .expect("still in conflict");
    for to in [0, 2] {
        send(&desks[1], &desks[to]);
    }
    for d in &desks {
        assert!(d.conflicts().unwrap().is_empty());
        assert_eq!(d.person(v.person).unwrap().unwrap().fields.city, wanted);
    }
}

#[test]
fn a_folder_of_two_desks_bundles_changing_one_person_previews_the_conflict_the_list_shows() {
    let root = tempfile::tempdir().unwrap();
    let desks: Vec<kezek::store::Store> = ["a", "b", "c"]
        .iter()
        .map(|d| open_store(&root.path().join(d)))
        .collect();
    let ev = desks[0]
        .create_event(event_fields("Москва"), "a")
        .unwrap()
        .meta
        .id;
    let p = PersonPick::New(person_fields("Асанов", "Бакыт"));
    let v = desks[0]
        .add_arrival(arrival(ev, p, "wages"), "a")
        .unwrap()
        .visit;
    let first = root.path().join("first");
    std::fs::create_dir_all(&first).unwrap();
    let all = first.join("a.kzbundle");
    kezek::store::bundle::write_bundle(desks[0].dir(), &all, None, 3_600_000).unwrap();
    for d in &desks[1..] {
        d.merge_bundles(&all, false).unwrap();
    }
    for (d, city) in desks[1..].iter().zip(["Ош", "Талас"]) {
        let mut f = d.person(v.person).unwrap().unwrap().fields;
        f.city = city.into();
        d.update_person(v.person, f, "officer").unwrap().unwrap();
    }
    // B's and C's bundles side by side on one stick, merged into A.
    let stick = root.path().join("stick");
    std::fs::create_dir_all(&stick).unwrap();
    for (d, name) in desks[1..].iter().zip(["b", "c"]) {
        let file = stick.join(format!("{name}.kzbundle"));
        kezek::store::bundle::write_bundle(d.dir(), &file, None, 3_600_000).unwrap();
    }
    let r = desks[0].merge_bundles(&stick, true).unwrap();
    assert_eq!(r.conflicts, 1, "one person changed two ways");
    assert_eq!(r.persons.changed, 1, "one person, counted once");
    let r = desks[0].merge_bundles(&stick, false).unwrap();
    assert_eq!(r.conflicts, 1);
    assert_eq!(
        desks[0].conflicts().unwrap().len(),
        1,
        "as the preview said"
    );
}
