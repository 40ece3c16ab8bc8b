//! Every edit names the version it replaces: two desks' changes that did not see each other
//! are a conflict at whatever revisions they reached, and a change made after seeing the
//! other desk's never is.

use super::conflict_count::{Stick, desks, one_arrival};
use crate::common::rig::wages;
use crate::common::*;
use kezek::domain::Id;
use kezek::domain::card::HistoryEntry;
use kezek::store::Store;

fn claimed(e: &HistoryEntry) -> Option<i64> {
    match e {
        HistoryEntry::Consultation(c) => c.fields.claimed.map(|m| m.minor),
        _ => None,
    }
}

/// Desks a and b holding one consultation of 50,000 roubles claimed: its id and visit.
fn shared(a: &Store, b: &Store, stick: &mut Stick) -> (Id, Id) {
    let v = one_arrival(a).meta.id;
    let c = a
        .save_consultation(v, None, wages(rub(50_000)), "a")
        .unwrap();
    stick.send(a, b);
    (c.meta.id, v)
}

/// Desk `who` of `s` corrects the amount claimed of consultation `c` (of visit `v`).
fn claim(s: &Store, (c, v): (Id, Id), roubles: i64, who: &str) -> kezek::domain::Consultation {
    s.save_consultation(v, Some(c), wages(rub(roubles)), who)
        .unwrap()
}

/// Desks `names` under a new folder, the first two sharing one consultation (`shared`).
pub(crate) fn setup(names: &[&str]) -> (tempfile::TempDir, Vec<Store>, Stick, Id, Id) {
    let root = tempfile::tempdir().unwrap();
    let d = desks(root.path(), names);
    let mut stick = Stick::new(root.path());
    let (c, v) = shared(&d[0], &d[1], &mut stick);
    (root, d, stick, c, v)
}

#[test]
fn two_edits_on_one_desk_and_one_on_another_are_a_conflict_although_revisions_differ() {
    let (_root, d, mut stick, c, v) = setup(&["a", "b"]);
    let (a, b) = (&d[0], &d[1]);
    // Desk A corrects the amount twice (revision 3), desk B once (revision 2), neither
    // seeing the other's.
    claim(a, (c, v), 60_000, "a");
    let ka = claim(a, (c, v), 61_000, "a");
    let kb = claim(b, (c, v), 70_000, "b");
    assert_eq!((ka.meta.rev, kb.meta.rev), (3, 2));
    let from_a = stick.write(a);
    let dry = b.merge_bundles(&from_a, true).unwrap();
    assert_eq!(dry.conflicts, 1, "the preview says what the list will hold");
    b.merge_bundles(&from_a, false).unwrap();
    stick.send(b, a);
    for d in [a, b] {
        let list = d.conflicts().unwrap();
        assert_eq!(list.len(), 1, "B's lower revision is not lost: {list:?}");
        let k = &list[0];
        assert_eq!(k.id, c);
        assert!(k.money, "an amount differs");
        assert_eq!(
            claimed(&k.shown),
            Some(6_100_000),
            "the later revision shows"
        );
        assert_eq!(claimed(&k.other), Some(7_000_000), "B's amount is listed");
        assert_eq!((k.shown_version.rev, k.other_version.rev), (3, 2));
    }
    assert_eq!(a.view_hash().unwrap(), b.view_hash().unwrap());
    // An ordinary edit of the shown version does not settle it: B's amount is still unseen.
    claim(a, (c, v), 62_000, "a");
    let list = a.conflicts().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(claimed(&list[0].other), Some(7_000_000));
    // Taking B's amount settles it on every desk it reaches, as a revision past all.
    let rev = a.resolve_conflict(c, true, "a").unwrap().unwrap();
    assert_eq!(rev, 5);
    stick.send(a, b);
    for d in [a, b] {
        assert!(d.conflicts().unwrap().is_empty());
        let shown = d.consultation(c).unwrap().unwrap();
        assert_eq!(shown.fields.claimed.map(|m| m.minor), Some(7_000_000));
    }
    assert_eq!(a.view_hash().unwrap(), b.view_hash().unwrap());
}

#[test]
fn an_edit_made_after_seeing_the_other_desks_is_no_conflict() {
    let (_root, d, mut stick, c, v) = setup(&["a", "b"]);
    let (a, b) = (&d[0], &d[1]);
    // B corrects twice, A sees it and corrects once more: A's revision is made from B's.
    claim(b, (c, v), 70_000, "b");
    claim(b, (c, v), 71_000, "b");
    stick.send(b, a);
    claim(a, (c, v), 72_000, "a");
    let from_a = stick.write(a);
    assert_eq!(b.merge_bundles(&from_a, true).unwrap().conflicts, 0);
    b.merge_bundles(&from_a, false).unwrap();
    for d in [a, b] {
        assert_eq!(d.conflicts().unwrap(), vec![], "one line of edits");
        let shown = d.consultation(c).unwrap().unwrap();
        assert_eq!(shown.fields.claimed.map(|m| m.minor), Some(7_200_000));
        assert_eq!(shown.meta.rev, 4);
    }
}

#[test]
fn a_person_corrected_twice_here_and_once_there_lists_the_other_phone() {
    let root = tempfile::tempdir().unwrap();
    let d = desks(root.path(), &["a", "b"]);
    let (a, b) = (&d[0], &d[1]);
    let mut stick = Stick::new(root.path());
    let p = one_arrival(a).person;
    stick.send(a, b);
    let with_phone = |s: &Store, phone: &str| {
        let mut f = s.person(p).unwrap().unwrap().fields;
        f.phone = Some(phone.into());
        s.update_person(p, f, "o").unwrap().unwrap()
    };
    with_phone(a, "+996555000001");
    with_phone(a, "+996555000002");
    with_phone(b, "+996700000003");
    stick.send(b, a);
    stick.send(a, b);
    for d in [a, b] {
        let list = d.conflicts().unwrap();
        assert_eq!(list.len(), 1, "{list:?}");
        let phone = |e: &HistoryEntry| match e {
            HistoryEntry::Person(v) => v.person.fields.phone.clone(),
            _ => None,
        };
        assert_eq!(phone(&list[0].shown).as_deref(), Some("+996555000002"));
        assert_eq!(phone(&list[0].other).as_deref(), Some("+996700000003"));
        assert_eq!(
            kezek::domain::history::stamp(&list[0].shown).1,
            "o",
            "the officer who saved the version shown is named"
        );
    }
}

#[test]
fn two_desks_settling_alike_and_an_edit_after_leave_no_conflict() {
    let (_root, d, mut stick, c, v) = setup(&["a", "b"]);
    let (a, b) = (&d[0], &d[1]);
    claim(a, (c, v), 60_000, "a");
    claim(b, (c, v), 70_000, "b");
    stick.send(a, b);
    stick.send(b, a);
    // Each keeps the amount shown on its own desk, before they meet again.
    a.resolve_conflict(c, false, "a").unwrap().unwrap();
    b.resolve_conflict(c, false, "b").unwrap().unwrap();
    stick.send(a, b);
    stick.send(b, a);
    assert!(a.conflicts().unwrap().is_empty());
    // A corrects it again holding both settlements: made from both, no conflict with either.
    claim(a, (c, v), 80_000, "a");
    stick.send(a, b);
    for d in [a, b] {
        assert_eq!(
            d.conflicts().unwrap(),
            vec![],
            "the same choice twice is one"
        );
    }
}

#[test]
fn a_merge_moving_a_record_is_no_value_in_conflict_with_a_later_edit_made_meanwhile() {
    let root = tempfile::tempdir().unwrap();
    let mut d = desks(root.path(), &["a", "b"]);
    let late = t0() + chrono::Duration::hours(3);
    d[1].set_clock(move || late);
    let (a, b) = (&d[0], &d[1]);
    let mut stick = Stick::new(root.path());
    let (c, v) = shared(a, b, &mut stick);
    let gone = a.visit(v).unwrap().unwrap().person;
    let ev = a.visit(v).unwrap().unwrap().event;
    let p = kezek::domain::PersonPick::New(person_fields("Асанов", "Бакытбек"));
    let kept = a
        .add_arrival(arrival(ev, p, "wages"), "a")
        .unwrap()
        .visit
        .person;
    stick.send(a, b);
    // A merges the person (the consultation moves to the person kept); B, not knowing,
    // corrects the amount later. (B correcting it before the merge by the clocks is still
    // a conflict: the merge's move is shown, by its later time, and B's amount is listed.)
    a.merge_persons(kept, gone, "a").unwrap();
    claim(b, (c, v), 70_000, "b");
    let from_b = stick.write(b);
    assert_eq!(a.merge_bundles(&from_b, true).unwrap().conflicts, 0);
    a.merge_bundles(&from_b, false).unwrap();
    stick.send(a, b);
    for d in [a, b] {
        assert_eq!(
            d.conflicts().unwrap(),
            vec![],
            "nobody chose the old amount"
        );
        let k = d.consultation(c).unwrap().unwrap();
        assert_eq!(k.fields.claimed.map(|m| m.minor), Some(7_000_000));
        assert_eq!(k.person, kept, "shown on the person kept");
    }
    assert_eq!(a.view_hash().unwrap(), b.view_hash().unwrap());
}

#[test]
fn a_settled_conflict_reaching_a_third_desk_is_previewed_as_none() {
    let root = tempfile::tempdir().unwrap();
    let d = desks(root.path(), &["a", "b", "c"]);
    let (a, b, third) = (&d[0], &d[1], &d[2]);
    let mut stick = Stick::new(root.path());
    let (c, v) = shared(a, b, &mut stick);
    stick.send(a, third);
    claim(a, (c, v), 60_000, "a");
    claim(b, (c, v), 70_000, "b");
    stick.send(a, b);
    b.resolve_conflict(c, true, "b").unwrap().unwrap();
    let from_b = stick.write(b);
    let dry = third.merge_bundles(&from_b, true).unwrap();
    assert_eq!(
        dry.conflicts, 0,
        "both versions come with the settlement of them"
    );
    third.merge_bundles(&from_b, false).unwrap();
    assert!(third.conflicts().unwrap().is_empty());
    assert_eq!(third.view_hash().unwrap(), b.view_hash().unwrap());
}

/// The same ops give the same view applied as they came and rebuilt from the journal.
pub(crate) fn rebuilt_hash(s: &Store, root: &std::path::Path, name: &str) -> String {
    let copy = root.join(name);
    std::fs::create_dir_all(&copy).unwrap();
    for f in ["journal.kzj", "desk-id", "anon.key"] {
        if s.dir().join(f).exists() {
            std::fs::copy(s.dir().join(f), copy.join(f)).unwrap();
        }
    }
    open_store(&copy).view_hash().unwrap()
}

#[test]
fn a_merge_withdrawing_a_double_claim_and_an_amount_changed_meanwhile_end_alike() {
    use kezek::domain::{AppealFields, PersonPick};
    let root = tempfile::tempdir().unwrap();
    let d = desks(root.path(), &["a", "b"]);
    let (a, b) = (&d[0], &d[1]);
    let mut stick = Stick::new(root.path());
    let gone = one_arrival(a).person;
    let ev = a.events().unwrap()[0].meta.id;
    let p = PersonPick::New(person_fields("Асанов", "Бакытбек"));
    let kept = a
        .add_arrival(arrival(ev, p, "wages"), "a")
        .unwrap()
        .visit
        .person;
    let fields = AppealFields {
        title: "Теплица Урал".into(),
        topic: "wages.unpaid".into(),
        ..Default::default()
    };
    let appeal = a.create_appeal(fields, None, "a").unwrap().meta.id;
    let m = a
        .add_member(appeal, PersonPick::Existing(gone), rub(500_000), None, "a")
        .unwrap();
    a.add_member(appeal, PersonPick::Existing(kept), rub(268_000), None, "a")
        .unwrap();
    stick.send(a, b);
    // A merges the two (the duplicate's claim is withdrawn); B changes its amount.
    a.merge_persons(kept, gone, "a").unwrap();
    let mut changed = b.member(m.meta.id).unwrap().unwrap();
    changed.claimed = rub(600_000);
    b.update_member(changed, "b").unwrap();
    stick.send(b, a);
    stick.send(a, b);
    let (ha, hb) = (a.view_hash().unwrap(), b.view_hash().unwrap());
    assert_eq!(ha, hb, "the same ops on both desks");
    assert_eq!(rebuilt_hash(a, root.path(), "ra"), ha, "A rebuilt");
    assert_eq!(rebuilt_hash(b, root.path(), "rb"), hb, "B rebuilt");
}

#[test]
fn the_same_change_on_two_desks_then_an_edit_of_one_of_them_is_no_conflict() {
    let root = tempfile::tempdir().unwrap();
    let d = desks(root.path(), &["a", "b", "c"]);
    let mut stick = Stick::new(root.path());
    let p = one_arrival(&d[0]).person;
    stick.send(&d[0], &d[1]);
    stick.send(&d[0], &d[2]);
    let edit = |s: &Store, f: &dyn Fn(&mut kezek::domain::PersonFields)| {
        let mut fields = s.person(p).unwrap().unwrap().fields;
        f(&mut fields);
        s.update_person(p, fields, "o").unwrap().unwrap();
    };
    // A and B type the same phone; C takes A's and then corrects the city.
    for s in &d[..2] {
        edit(s, &|f| f.phone = Some("+996700765432".into()));
    }
    stick.send(&d[0], &d[2]);
    edit(&d[2], &|f| f.city = "Нарын".into());
    let from_c = stick.write(&d[2]);
    assert_eq!(d[1].merge_bundles(&from_c, true).unwrap().conflicts, 0);
    d[1].merge_bundles(&from_c, false).unwrap();
    for (from, to) in [(1, 0), (1, 2)] {
        stick.send(&d[from], &d[to]);
    }
    for s in &d {
        assert_eq!(
            s.conflicts().unwrap(),
            vec![],
            "B's phone reached C's edit through A's"
        );
        let shown = s.person(p).unwrap().unwrap().fields;
        assert_eq!(
            (shown.city.as_str(), shown.phone.as_deref()),
            ("Нарын", Some("+996700765432"))
        );
    }
}
