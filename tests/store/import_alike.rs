//! Two desks holding the same persons match an imported register's row to the same one
//! of two look-alikes, whatever order each desk's search index learnt them in (a desk's
//! own correction puts a person last in its index; a merge makes the index again in the
//! order of the ids).

use crate::common::*;
use kezek::domain::{PersonPick, Visit};

#[test]
fn two_desks_match_a_row_to_the_same_look_alike_whatever_order_they_learnt_them() {
    let root = tempdir();
    let (a, b) = (
        open_store(&root.path().join("a")),
        open_store(&root.path().join("b")),
    );
    let mut twin = person_fields("Асанов", "Бакыт");
    twin.document = Some("AN9999999".into());
    // Desk B registers its Асанов first (the earlier id); desk A, a minute later, its own.
    let ev_b = b.create_event(event_fields("Казань"), "b").unwrap().meta.id;
    let _ = ev_b;
    // (each call of a test store's clock is a minute later)
    for city in ["Уфа", "Омск", "Томск"] {
        a.create_event(event_fields(city), "a").unwrap();
    }
    let y = b.add_arrival(arrival(ev_b, PersonPick::New(twin.clone()), "wages"), "b");
    let y = y.unwrap().visit.person;
    let ev_a = a.scan::<kezek::domain::Event>().unwrap()[0].meta.id;
    let x = a.add_arrival(arrival(ev_a, PersonPick::New(twin.clone()), "wages"), "a");
    let x = x.unwrap().visit.person;
    assert!(y < x, "B's person is the older");
    // Each desk's search index knows its own person first, then the other's.
    for s in [&a, &b] {
        assert_eq!(s.look_alikes(&twin, 3).unwrap().len(), 1);
    }
    let stick = root.path().join("stick");
    std::fs::create_dir_all(&stick).unwrap();
    for (from, to, name) in [(&a, &b, "a.kzbundle"), (&b, &a, "b.kzbundle")] {
        let path = stick.join(name);
        from.write_bundle(&path).unwrap();
        to.merge_bundles(&path, false).unwrap();
    }
    // Desk A corrects B's Асанов (his city): its index now has him after its own; desk B
    // takes the correction with A's next bundle (its index is made again from the records).
    // (its index in use, as the app's is from its start)
    assert_eq!(a.look_alikes(&twin, 3).unwrap().len(), 2);
    let mut moved = twin.clone();
    moved.city = "Казань".into();
    a.update_person(y, moved, "a").unwrap().unwrap();
    let path = stick.join("a2.kzbundle");
    a.write_bundle(&path).unwrap();
    b.merge_bundles(&path, false).unwrap();
    assert_eq!(
        a.view_hash().unwrap(),
        b.view_hash().unwrap(),
        "the same records"
    );
    let file = root.path().join("register.csv");
    std::fs::write(
        &file,
        "event_date,event_city,surname,given_name,birth_date,document\n\
         2026-12-20,Бишкек,Асанов,Бакыт,1990-05-14,AN9999999\n",
    )
    .unwrap();
    let tax = kezek::taxonomy::builtin();
    let mut matched = Vec::new();
    for s in [&a, &b] {
        let r = kezek::bulk::import::import_at(s, &tax, &file, false, 0, "x", &mut |_, _| true)
            .unwrap();
        assert_eq!((r.new_visits, r.matched_persons, r.new_persons), (1, 1, 0));
        let visits: Vec<Visit> = s.scan().unwrap();
        let day = |v: &&Visit| v.arrived.date_naive().to_string() == "2026-12-20";
        let imported: Vec<&Visit> = visits.iter().filter(day).collect();
        assert_eq!(imported.len(), 1);
        matched.push(imported[0].person);
    }
    assert_eq!(
        matched,
        [y, y],
        "the older look-alike on both desks (A's own is {x:?})"
    );
}
