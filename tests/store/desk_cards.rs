//! Desk cards: the organisation, queue letter and name each desk says of itself in its
//! bundles, learnt by the desks that merge them (and passed on), a desk id known under
//! another organisation refused, and bundles of format 1 (no cards) still merged.

use std::path::{Path, PathBuf};

use crate::common::*;
use kezek::domain::desk::{DeskBook, Identity};
use kezek::domain::{PersonPick, settings};
use kezek::store::bundle::{self, BundleError, format};
use kezek::store::{Store, StoreError, StoreOptions};

const HOUR: u64 = 3_600_000;

fn who(org: &str, letter: &str, name: &str) -> Identity {
    Identity {
        organisation: org.into(),
        letter: letter.into(),
        name: name.into(),
    }
}

fn desk_as(dir: &Path, me: Identity) -> Store {
    let opts = StoreOptions {
        book: DeskBook::with_own(me),
        ..StoreOptions::default()
    };
    Store::open(dir, &opts).unwrap().0
}

/// One event with one arrival per surname on `store`.
fn arrivals(store: &Store, surnames: &[&str]) {
    let ev = store
        .create_event(event_fields("Москва"), "a")
        .unwrap()
        .meta
        .id;
    for s in surnames {
        let p = person_fields(s, "Бакыт");
        store
            .add_arrival(arrival(ev, PersonPick::New(p), "wages"), "a")
            .unwrap();
    }
}

fn written(from: &Store, stick: &Path, name: &str) -> PathBuf {
    std::fs::create_dir_all(stick).unwrap();
    let path = stick.join(name);
    from.write_bundle(&path).unwrap();
    path
}

#[test]
fn another_desks_visits_show_its_letter_on_every_desk_it_reaches() {
    let root = tempdir();
    let a = desk_as(&root.path().join("a"), who("KG-EMB-MSK", "A", "Desk 1"));
    let b = desk_as(&root.path().join("b"), who("KG-EMB-MSK", "B", "Desk 2"));
    let c = desk_as(&root.path().join("c"), who("KG-OMB", "C", "Ombudsman"));
    arrivals(&a, &["Асанов", "Бекова"]);
    let stick = root.path().join("stick");
    let r = b
        .merge_bundles(&written(&a, &stick, "a.kzbundle"), false)
        .unwrap();
    assert_eq!(
        r.cards[&a.desk()].label(),
        format!("KG-EMB-MSK:{}", a.desk())
    );
    // B shows A's visits as A numbers them, and its own visits with its own letter.
    let book = b.book();
    assert_eq!(book.letter(a.desk()), "A");
    assert_eq!(book.get(a.desk()).unwrap().name, "Desk 1");
    let visits: Vec<kezek::domain::Visit> = b.scan().unwrap();
    let labels: Vec<String> = visits
        .iter()
        .map(|v| settings::queue_label(&book.letter(v.meta.desk), v.queue_no))
        .collect();
    assert_eq!(labels, ["A-001", "A-002"]);
    // Kept across a restart (`desks.kzc`), and handed on: C learns A's card from B.
    drop(b);
    let b = desk_as(&root.path().join("b"), who("KG-EMB-MSK", "B", "Desk 2"));
    assert_eq!(b.book().letter(a.desk()), "A");
    c.merge_bundles(&written(&b, &stick, "b.kzbundle"), false)
        .unwrap();
    let (ca, cb) = (
        c.book().get(a.desk()).unwrap(),
        c.book().get(b.desk()).unwrap(),
    );
    assert_eq!(
        (ca.organisation.as_str(), ca.letter.as_str()),
        ("KG-EMB-MSK", "A")
    );
    assert_eq!((cb.letter.as_str(), cb.name.as_str()), ("B", "Desk 2"));
    assert_eq!(c.book().get(c.desk()), None, "its own card is the config's");
}

#[test]
fn a_desk_id_known_under_another_organisation_is_refused_and_nothing_merged() {
    let root = tempdir();
    let a = desk_as(&root.path().join("a"), who("KG-EMB-MSK", "A", "Desk 1"));
    arrivals(&a, &["Асанов"]);
    // A copy of A's store set up for another delegation: the same desk id.
    let copy_dir = root.path().join("copy");
    std::fs::create_dir_all(&copy_dir).unwrap();
    std::fs::copy(
        a.dir().join(kezek::store::DESK_ID_FILE),
        copy_dir.join(kezek::store::DESK_ID_FILE),
    )
    .unwrap();
    let copy = desk_as(&copy_dir, who("KZ-CONS-ALA", "A", "Desk 1"));
    assert_eq!(copy.desk(), a.desk());
    arrivals(&copy, &["Бекова"]);
    let stick = root.path().join("stick");
    let path = written(&copy, &stick, "copy.kzbundle");
    let before = a.journal_extent().1;
    match a.merge_bundles(&path, false) {
        Err(StoreError::Bundle(BundleError::DeskClash {
            desk, known, other, ..
        })) => {
            assert_eq!(desk, a.desk());
            assert_eq!(
                (known.as_str(), other.as_str()),
                ("KG-EMB-MSK", "KZ-CONS-ALA")
            );
        }
        other => panic!("not refused: {other:?}"),
    }
    assert_eq!(a.journal_extent().1, before, "nothing merged");
    // A third desk that knows A as KG-EMB-MSK refuses the copy's bundle the same way.
    let b = desk_as(&root.path().join("b"), who("KG-EMB-MSK", "B", "Desk 2"));
    b.merge_bundles(&written(&a, &stick, "a.kzbundle"), false)
        .unwrap();
    let e = b.merge_bundles(&path, true).unwrap_err();
    assert!(e.to_string().contains("KZ-CONS-ALA"), "{e}");
    // A desk with no code (a store from before codes) is no clash: A's bare bundle merges.
    let bare = desk_as(&root.path().join("bare"), Identity::default());
    let r = b.merge_bundles(&written(&bare, &stick, "bare.kzbundle"), false);
    assert!(r.is_ok(), "{r:?}");
}

#[test]
fn a_bundle_of_format_1_without_cards_still_merges() {
    let root = tempdir();
    let a = desk_as(&root.path().join("a"), who("KG-EMB-MSK", "A", "Desk 1"));
    let b = desk_as(&root.path().join("b"), who("KG-EMB-MSK", "B", "Desk 2"));
    arrivals(&a, &["Асанов", "Бекова"]);
    let stick = root.path().join("stick");
    let new = std::fs::read(written(&a, &stick, "a.kzbundle")).unwrap();
    let read = format::parse(Path::new("a"), &new).unwrap();
    assert_eq!(read.head.cards.len(), 1, "its own card");
    // Format 1 as kezek wrote it: the head's fields in order, no cards.
    let h = &read.head;
    let head =
        kezek::store::codec::encode(&(h.source, &h.has, &h.base, h.for_desk, h.ops)).unwrap();
    let mut old = format::BUNDLE_MAGIC.to_vec();
    old.extend_from_slice(&1u32.to_le_bytes());
    old.extend_from_slice(&kezek::store::journal::encode_frame(&head));
    for p in &read.payloads {
        old.extend_from_slice(&kezek::store::journal::encode_frame(p));
    }
    let crc = crc32fast::hash(&old);
    old.extend_from_slice(&crc.to_le_bytes());
    old.extend_from_slice(format::BUNDLE_END);
    let path = stick.join("old.kzbundle");
    std::fs::write(&path, &old).unwrap();
    let r = b.merge_bundles(&path, false).unwrap();
    assert_eq!((r.visits.new, r.persons.new, r.events.new), (2, 2, 1));
    assert_eq!(
        b.book().get(a.desk()),
        None,
        "no card: bare numbers, as before"
    );
}

#[test]
fn a_bundle_for_this_desk_itself_is_refused() {
    let root = tempdir();
    let a = desk_as(&root.path().join("a"), who("KG-EMB-MSK", "A", "Desk 1"));
    arrivals(&a, &["Асанов"]);
    let out = root.path().join("x.kzbundle");
    let e = bundle::write_bundle_as(
        a.dir(),
        &out,
        Some(a.desk()),
        HOUR,
        &who("KG-EMB-MSK", "A", "Desk 1"),
    )
    .unwrap_err();
    assert!(
        matches!(&e, StoreError::Bundle(BundleError::ForThisDesk { desk }) if *desk == format!("KG-EMB-MSK:{}", a.desk())),
        "{e}"
    );
    assert!(!out.exists(), "nothing written");
}
