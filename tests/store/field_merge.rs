//! Two desks changing different parts of one record from the same version: every desk
//! shows both changes, and only a part both changed to different values is listed for an
//! officer. The preview, the list, the search and a rebuilt view agree.

use super::conflict_count::{Stick, desks, one_arrival};
use super::lineage::{rebuilt_hash, setup};
use crate::common::rig::wages;
use crate::common::*;
use kezek::domain::card::HistoryEntry;
use kezek::domain::{Id, PersonFields};
use kezek::store::Store;

/// Desk `s` corrects person `p`'s details with `f`.
fn correct(s: &Store, p: Id, f: impl FnOnce(&mut PersonFields)) {
    let mut fields = s.person(p).unwrap().unwrap().fields;
    f(&mut fields);
    s.update_person(p, fields, "o").unwrap().unwrap();
}

fn fields_of(e: &HistoryEntry) -> PersonFields {
    match e {
        HistoryEntry::Person(v) => v.person.fields.clone(),
        other => panic!("not a person: {other:?}"),
    }
}

/// Desks a and b under a new folder holding one person: the folder, the desks, the stick
/// and the person.
fn one_person() -> (tempfile::TempDir, Vec<Store>, Stick, Id) {
    let root = tempfile::tempdir().unwrap();
    let d = desks(root.path(), &["a", "b"]);
    let mut stick = Stick::new(root.path());
    let p = one_arrival(&d[0]).person;
    stick.send(&d[0], &d[1]);
    (root, d, stick, p)
}

#[test]
fn a_phone_corrected_here_and_a_surname_there_both_show_everywhere() {
    let (root, d, mut stick, p) = one_person();
    let (a, b) = (&d[0], &d[1]);
    correct(a, p, |f| f.phone = Some("+996555000001".into()));
    correct(b, p, |f| f.surname = "Асаналиев".into());
    let from_b = stick.write(b);
    assert_eq!(
        a.merge_bundles(&from_b, true).unwrap().conflicts,
        0,
        "the preview lists nothing: no part was changed twice"
    );
    a.merge_bundles(&from_b, false).unwrap();
    stick.send(a, b);
    for s in [a, b] {
        let shown = s.person(p).unwrap().unwrap().fields;
        assert_eq!(shown.phone.as_deref(), Some("+996555000001"), "a's phone");
        assert_eq!(shown.surname, "Асаналиев", "b's surname");
        assert_eq!(s.conflicts().unwrap(), vec![], "nothing for an officer");
        let found = s.find_persons("asanaliev", 5).unwrap();
        assert_eq!(found.len(), 1, "found by the surname merged in");
        assert_eq!(found[0].0.fields.phone.as_deref(), Some("+996555000001"));
    }
    assert_eq!(a.view_hash().unwrap(), b.view_hash().unwrap());
    assert_eq!(
        rebuilt_hash(a, root.path(), "ra"),
        a.view_hash().unwrap(),
        "rebuilt from the journal, the same view"
    );
    // An edit of the merged record is made from both: still no conflict, and it keeps both.
    correct(b, p, |f| f.city = "Казань".into());
    stick.send(b, a);
    for s in [a, b] {
        let shown = s.person(p).unwrap().unwrap().fields;
        assert_eq!(
            (
                shown.surname.as_str(),
                shown.phone.as_deref(),
                shown.city.as_str()
            ),
            ("Асаналиев", Some("+996555000001"), "Казань")
        );
        assert_eq!(s.conflicts().unwrap(), vec![]);
    }
    assert_eq!(a.view_hash().unwrap(), b.view_hash().unwrap());
}

#[test]
fn a_part_changed_on_both_desks_is_listed_alone_and_either_choice_keeps_the_merged_part() {
    for take_other in [false, true] {
        let (_root, d, mut stick, p) = one_person();
        let (a, b) = (&d[0], &d[1]);
        correct(a, p, |f| f.phone = Some("+996555000001".into()));
        correct(b, p, |f| {
            f.phone = Some("+996700000002".into());
            f.city = "Пермь".into();
        });
        let from_b = stick.write(b);
        assert_eq!(a.merge_bundles(&from_b, true).unwrap().conflicts, 1);
        a.merge_bundles(&from_b, false).unwrap();
        stick.send(a, b);
        let (shown_phone, other_phone) = {
            let list = a.conflicts().unwrap();
            assert_eq!(list.len(), 1, "{list:?}");
            let (s, o) = (fields_of(&list[0].shown), fields_of(&list[0].other));
            assert_eq!(s.city, "Пермь", "b's city is merged in and shown");
            assert_eq!(o.city, "Пермь", "the other choice keeps it too");
            let changed = kezek::domain::history::changes(&list[0].shown, &list[0].other);
            assert_eq!(changed.len(), 1, "only the phone is to choose: {changed:?}");
            assert_eq!(changed[0].field, "field-phone");
            (s.phone, o.phone)
        };
        assert_ne!(shown_phone, other_phone);
        assert_eq!(b.conflicts().unwrap(), a.conflicts().unwrap());
        a.resolve_conflict(p, take_other, "a").unwrap().unwrap();
        stick.send(a, b);
        let want = if take_other {
            &other_phone
        } else {
            &shown_phone
        };
        for s in [a, b] {
            let shown = s.person(p).unwrap().unwrap().fields;
            assert_eq!(&shown.phone, want, "the officer's choice");
            assert_eq!(shown.city, "Пермь", "the part merged in stays");
            assert_eq!(s.conflicts().unwrap(), vec![], "settled everywhere");
        }
        assert_eq!(a.view_hash().unwrap(), b.view_hash().unwrap());
    }
}

#[test]
fn a_consultations_notes_and_outcome_from_two_desks_merge_and_amounts_stay_listed() {
    let (root, d, mut stick, c, v) = setup(&["a", "b"]);
    let (a, b) = (&d[0], &d[1]);
    let mut fa = wages(rub(60_000));
    fa.notes = "Employer refused in writing.".into();
    a.save_consultation(v, Some(c), fa, "a").unwrap();
    let mut fb = wages(rub(70_000));
    fb.referral = Some("labour-inspectorate".into());
    b.save_consultation(v, Some(c), fb, "b").unwrap();
    stick.send(b, a);
    stick.send(a, b);
    for s in [a, b] {
        let k = s.consultation(c).unwrap().unwrap();
        assert_eq!(k.fields.notes, "Employer refused in writing.", "a's notes");
        assert_eq!(
            k.fields.referral.as_deref(),
            Some("labour-inspectorate"),
            "b's referral"
        );
        let list = s.conflicts().unwrap();
        assert_eq!(list.len(), 1, "the amount, changed on both: {list:?}");
        assert!(list[0].money, "never settled by the rule alone");
    }
    assert_eq!(a.view_hash().unwrap(), b.view_hash().unwrap());
    assert_eq!(rebuilt_hash(b, root.path(), "rb"), b.view_hash().unwrap());
    for s in [a, b] {
        let report = s.verify().unwrap();
        assert!(
            report.is_consistent(),
            "the merged record's index entries and facts are its own: {report:?}"
        );
    }
}

#[test]
fn a_merge_of_persons_moving_a_consultation_keeps_an_amount_corrected_earlier_elsewhere() {
    let root = tempfile::tempdir().unwrap();
    let mut d = desks(root.path(), &["a", "b"]);
    // B's clock is behind: its correction is earlier than A's merge by the clocks, so the
    // merge's move wins by the rule; the amount it did not change is still B's.
    let early = t0() - chrono::Duration::hours(3);
    d[1].set_clock(move || early);
    let (a, b) = (&d[0], &d[1]);
    let mut stick = Stick::new(root.path());
    let visit = one_arrival(a);
    let (v, gone) = (visit.meta.id, visit.person);
    let c = a
        .save_consultation(v, None, wages(rub(50_000)), "a")
        .unwrap()
        .meta
        .id;
    let p = kezek::domain::PersonPick::New(person_fields("Асанов", "Бакытбек"));
    let kept = a
        .add_arrival(arrival(visit.event, p, "wages"), "a")
        .unwrap()
        .visit
        .person;
    stick.send(a, b);
    b.save_consultation(v, Some(c), wages(rub(70_000)), "b")
        .unwrap();
    a.merge_persons(kept, gone, "a").unwrap();
    stick.send(b, a);
    stick.send(a, b);
    for s in [a, b] {
        let k = s.consultation(c).unwrap().unwrap();
        assert_eq!(
            k.fields.claimed.map(|m| m.minor),
            Some(7_000_000),
            "b's amount"
        );
        assert_eq!(k.person, kept, "on the person kept");
        assert_eq!(
            s.conflicts().unwrap(),
            vec![],
            "nobody chose the old amount"
        );
    }
    assert_eq!(a.view_hash().unwrap(), b.view_hash().unwrap());
    assert_eq!(rebuilt_hash(a, root.path(), "ra"), a.view_hash().unwrap());
}

#[test]
fn two_desks_correcting_one_phone_of_a_person_merged_away_here_preview_what_the_list_shows() {
    let root = tempfile::tempdir().unwrap();
    let d = desks(root.path(), &["a", "b", "c"]);
    let (a, b, c) = (&d[0], &d[1], &d[2]);
    let mut stick = Stick::new(root.path());
    let visit = one_arrival(a);
    let gone = visit.person;
    let p = kezek::domain::PersonPick::New(person_fields("Асанов", "Бакытбек"));
    let kept = a
        .add_arrival(arrival(visit.event, p, "wages"), "a")
        .unwrap()
        .visit
        .person;
    stick.send(a, b);
    stick.send(a, c);
    correct(b, gone, |f| f.phone = Some("+996700000001".into()));
    correct(c, gone, |f| f.phone = Some("+996700000002".into()));
    a.merge_persons(kept, gone, "a").unwrap();
    let folder = root.path().join("both");
    std::fs::create_dir_all(&folder).unwrap();
    for (s, name) in [(b, "b"), (c, "c")] {
        let file = folder.join(format!("{name}.kzbundle"));
        kezek::store::bundle::write_bundle(s.dir(), &file, None, 3_600_000).unwrap();
    }
    let dry = a.merge_bundles(&folder, true).unwrap();
    a.merge_bundles(&folder, false).unwrap();
    let listed = a.conflicts().unwrap();
    assert_eq!(
        dry.conflicts,
        listed.len(),
        "the preview says what the list holds: {listed:?}"
    );
    assert!(
        a.person(gone).unwrap().is_none(),
        "the person stays merged away"
    );
}

#[test]
fn two_desks_settling_one_conflict_differently_are_a_conflict_again() {
    let (_root, d, mut stick, p) = one_person();
    let (a, b) = (&d[0], &d[1]);
    correct(a, p, |f| f.phone = Some("+996555000001".into()));
    correct(b, p, |f| f.phone = Some("+996700000002".into()));
    stick.send(a, b);
    stick.send(b, a);
    // Neither sees the other's choice.
    a.resolve_conflict(p, false, "a").unwrap().unwrap();
    b.resolve_conflict(p, true, "b").unwrap().unwrap();
    let from_b = stick.write(b);
    let dry = a.merge_bundles(&from_b, true).unwrap();
    a.merge_bundles(&from_b, false).unwrap();
    stick.send(a, b);
    for s in [a, b] {
        let list = s.conflicts().unwrap();
        assert_eq!(
            list.len(),
            1,
            "one officer's choice is not dropped: {list:?}"
        );
        let phones = [
            fields_of(&list[0].shown).phone,
            fields_of(&list[0].other).phone,
        ];
        assert!(phones.contains(&Some("+996555000001".into())), "{phones:?}");
        assert!(phones.contains(&Some("+996700000002".into())), "{phones:?}");
    }
    assert_eq!(dry.conflicts, 1, "the preview says so too");
    assert_eq!(a.view_hash().unwrap(), b.view_hash().unwrap());
    // Again, each the other way round: still listed, however many rounds.
    for round in 0..2 {
        a.resolve_conflict(p, round == 0, "a").unwrap().unwrap();
        b.resolve_conflict(p, round != 0, "b").unwrap().unwrap();
        stick.send(b, a);
        stick.send(a, b);
        for s in [a, b] {
            let list = s.conflicts().unwrap();
            assert_eq!(list.len(), 1, "round {round}: {list:?}");
        }
        assert_eq!(a.view_hash().unwrap(), b.view_hash().unwrap());
    }
    // Settled alike on both desks: nothing listed.
    a.resolve_conflict(p, false, "a").unwrap().unwrap();
    stick.send(a, b);
    assert_eq!(b.conflicts().unwrap(), vec![]);
    assert_eq!(a.conflicts().unwrap(), vec![]);
}

#[test]
fn a_phone_put_back_on_one_desk_and_changed_on_another_is_listed() {
    let (_root, d, mut stick, p) = one_person();
    let (a, b) = (&d[0], &d[1]);
    let old = a.person(p).unwrap().unwrap().fields.phone;
    correct(a, p, |f| f.phone = Some("+996555000001".into()));
    correct(a, p, |f| f.phone = old.clone());
    correct(b, p, |f| f.phone = Some("+996700000002".into()));
    stick.send(a, b);
    stick.send(b, a);
    for s in [a, b] {
        let list = s.conflicts().unwrap();
        assert_eq!(list.len(), 1, "desk a chose the old number: {list:?}");
    }
    assert_eq!(a.view_hash().unwrap(), b.view_hash().unwrap());
}

#[test]
fn after_a_settlement_the_preview_counts_what_the_list_holds() {
    let (_root, d, mut stick, p) = one_person();
    let (a, b) = (&d[0], &d[1]);
    correct(a, p, |f| {
        f.phone = Some("+996555000001".into());
        f.city = "Ош".into();
    });
    correct(b, p, |f| {
        f.surname = "Асаналиев".into();
        f.phone = Some("+996700000002".into());
    });
    stick.send(a, b);
    stick.send(b, a);
    a.resolve_conflict(p, true, "a").unwrap().unwrap();
    let from_a = stick.write(a);
    let dry = b.merge_bundles(&from_a, true).unwrap();
    b.merge_bundles(&from_a, false).unwrap();
    assert_eq!(b.conflicts().unwrap(), vec![]);
    assert_eq!(dry.conflicts, 0, "the settlement settles it here too");
    let shown = b.person(p).unwrap().unwrap().fields;
    assert_eq!(
        (
            shown.surname.as_str(),
            shown.phone.as_deref(),
            shown.city.as_str()
        ),
        ("Асаналиев", Some("+996700000002"), "Ош")
    );
}

#[test]
fn each_desks_version_in_the_history_lists_its_own_changes() {
    let (_root, d, mut stick, c, v) = setup(&["a", "b"]);
    let (a, b) = (&d[0], &d[1]);
    let mut fa = wages(rub(50_000));
    fa.notes = "note A".into();
    a.save_consultation(v, Some(c), fa, "offA").unwrap();
    let mut fb = wages(rub(50_000));
    fb.advice = "advice B".into();
    b.save_consultation(v, Some(c), fb, "offB").unwrap();
    stick.send(b, a);
    for who in [a.timeline(c).unwrap(), {
        stick.send(a, b);
        b.timeline(c).unwrap()
    }] {
        let edits: Vec<_> = who.iter().filter(|v| !v.is_creation()).collect();
        assert_eq!(edits.len(), 2, "both desks' versions: {who:?}");
        for version in edits {
            let fields: Vec<&str> = version.changes.iter().map(|c| c.field).collect();
            let want = if version.officer == "offA" {
                "field-notes"
            } else {
                "field-advice"
            };
            assert_eq!(
                fields,
                vec![want],
                "{}'s version: {fields:?}",
                version.officer
            );
        }
    }
}

#[test]
fn a_members_status_on_one_desk_and_amount_on_another_merge_without_a_conflict() {
    use kezek::domain::{AppealFields, MemberStatus};
    let root = tempfile::tempdir().unwrap();
    let d = desks(root.path(), &["a", "b"]);
    let (a, b) = (&d[0], &d[1]);
    let mut stick = Stick::new(root.path());
    let visit = one_arrival(a);
    let appeal = a
        .create_appeal(
            AppealFields {
                title: "Brigade".into(),
                respondent: "OOO Stroy".into(),
                topic: "wages.unpaid".into(),
                host_city: "Москва".into(),
                ..Default::default()
            },
            None,
            "a",
        )
        .unwrap();
    let m = a
        .add_member(
            appeal.meta.id,
            kezek::domain::PersonPick::Existing(visit.person),
            rub(10_000),
            None,
            "a",
        )
        .unwrap();
    stick.send(a, b);
    let mut ma = m.clone();
    ma.status = MemberStatus::Recovered;
    a.update_member(ma, "a").unwrap();
    let mut mb = m.clone();
    mb.recovered = rub(5_000);
    mb.status = MemberStatus::Recovered;
    b.update_member(mb, "b").unwrap();
    stick.send(a, b);
    stick.send(b, a);
    for s in [a, b] {
        assert_eq!(s.conflicts().unwrap(), vec![], "only b entered an amount");
        let shown = s.member(m.meta.id).unwrap().unwrap();
        assert_eq!(shown.recovered, rub(5_000));
        assert_eq!(shown.status, MemberStatus::Recovered);
    }
    assert_eq!(a.view_hash().unwrap(), b.view_hash().unwrap());
}
