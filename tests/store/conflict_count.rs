//! A merge's preview counts a conflict by what the two versions hold: two laptops whose
//! clocks gave both corrections the same instant still disagree.

use crate::common::rig::wages;
use crate::common::*;
use kezek::domain::PersonPick;
use kezek::store::Store;

/// Desks named `names` under `root`, each a fresh store with the test clock.
pub(crate) fn desks(root: &std::path::Path, names: &[&str]) -> Vec<Store> {
    names.iter().map(|d| open_store(&root.join(d))).collect()
}

/// An event on `s` with one arrival of Асанов Бакыт: the visit.
pub(crate) fn one_arrival(s: &Store) -> kezek::domain::Visit {
    let ev = s.create_event(event_fields("Москва"), "a").unwrap().meta.id;
    let p = PersonPick::New(person_fields("Асанов", "Бакыт"));
    s.add_arrival(arrival(ev, p, "wages"), "a").unwrap().visit
}

/// A stick: each bundle written to it under a name of its own.
pub(crate) struct Stick {
    dir: std::path::PathBuf,
    n: usize,
}

impl Stick {
    pub(crate) fn new(root: &std::path::Path) -> Stick {
        let dir = root.join("stick");
        std::fs::create_dir_all(&dir).unwrap();
        Stick { dir, n: 0 }
    }

    /// Everything `from` holds, as a bundle file on the stick.
    pub(crate) fn write(&mut self, from: &Store) -> std::path::PathBuf {
        self.n += 1;
        let file = self.dir.join(format!("{}.kzbundle", self.n));
        kezek::store::bundle::write_bundle(from.dir(), &file, None, 3_600_000).unwrap();
        file
    }

    pub(crate) fn send(&mut self, from: &Store, to: &Store) {
        let file = self.write(from);
        to.merge_bundles(&file, false).unwrap();
    }
}

#[test]
fn two_versions_of_one_revision_saved_at_the_same_instant_are_a_conflict() {
    let root = tempfile::tempdir().unwrap();
    let mut d = desks(root.path(), &["a", "b"]);
    let (mut b, mut a) = (d.pop().unwrap(), d.pop().unwrap());
    let v = one_arrival(&a).meta.id;
    let c = a
        .save_consultation(v, None, wages(rub(50_000)), "a")
        .unwrap();
    let mut stick = Stick::new(root.path());
    stick.send(&a, &b);
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
    let two = stick.write(&b);
    let r = a.merge_bundles(&two, true).unwrap();
    assert_eq!(r.conflicts, 1, "counted before the merge");
    let r = a.merge_bundles(&two, false).unwrap();
    assert_eq!(r.conflicts, 1);
    assert_eq!(a.conflicts().unwrap().len(), 1, "and listed after it");
}

#[test]
fn two_desks_settling_a_conflict_the_same_way_leave_no_conflict() {
    let root = tempfile::tempdir().unwrap();
    let d = desks(root.path(), &["a", "b"]);
    let (a, b) = (&d[0], &d[1]);
    let v = one_arrival(a).meta.id;
    let c = a
        .save_consultation(v, None, wages(rub(50_000)), "a")
        .unwrap();
    let mut stick = Stick::new(root.path());
    let mut send = |from: &Store, to: &Store| stick.send(from, to);
    send(a, b);
    a.save_consultation(v, Some(c.meta.id), wages(rub(60_000)), "a")
        .unwrap();
    b.save_consultation(v, Some(c.meta.id), wages(rub(70_000)), "b")
        .unwrap();
    send(a, b);
    send(b, a);
    assert_eq!(a.conflicts().unwrap().len(), 1);
    // Both officers keep the amount shown, each on their own desk, before they meet.
    a.resolve_conflict(c.meta.id, false, "a").unwrap().unwrap();
    b.resolve_conflict(c.meta.id, false, "b").unwrap().unwrap();
    send(a, b);
    send(b, a);
    for d in [a, b] {
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
    let desks = desks(root.path(), &["a", "b", "c"]);
    let v = one_arrival(&desks[0]);
    let mut stick = Stick::new(root.path());
    let mut send = |from: &Store, to: &Store| stick.send(from, to);
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
    let desks = desks(root.path(), &["a", "b", "c"]);
    let v = one_arrival(&desks[0]);
    let all = Stick::new(&root.path().join("first")).write(&desks[0]);
    for d in &desks[1..] {
        d.merge_bundles(&all, false).unwrap();
    }
    for (d, city) in desks[1..].iter().zip(["Ош", "Талас"]) {
        let mut f = d.person(v.person).unwrap().unwrap().fields;
        f.city = city.into();
        d.update_person(v.person, f, "officer").unwrap().unwrap();
    }
    // B's and C's bundles side by side on one stick, merged into A.
    let mut stick = Stick::new(root.path());
    for d in &desks[1..] {
        stick.write(d);
    }
    let stick = stick.dir;
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
