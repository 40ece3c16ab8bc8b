//! Consultations, appeals and follow-ups in the store: history on edit, membership
//! consistency, the follow-up index, the person card, and replay from the journal.

use crate::common::open_store as open;
use crate::common::*;
use kezek::domain::card::{FollowUpRecord, HistoryEntry};
use kezek::domain::followup::follow_ups;
use kezek::domain::{
    AppealFields, ConsultationFields, Currency, Id, MemberStatus, Money, PersonPick,
};
use kezek::store::{SLED_DIR, Store};

fn wages(follow_up: Option<(i32, u32, u32)>, claimed: Option<Money>) -> ConsultationFields {
    ConsultationFields {
        topics: vec!["wages.unpaid".into()],
        notes: "Not paid since August.".into(),
        advice: "Claim in writing.".into(),
        outcome: "referred".into(),
        referral: Some("labour-inspection".into()),
        follow_up: follow_up.map(|(y, m, d)| date(y, m, d)),
        claimed,
        ..Default::default()
    }
}

/// An event with three arrivals; returns (event, visit ids).
/// An unpaid-wages appeal with only its title, opened by officer `a` from no consultation.
fn wage_appeal(store: &Store, title: &str) -> kezek::domain::Appeal {
    store
        .create_appeal(
            AppealFields {
                title: title.into(),
                topic: "wages.unpaid".into(),
                ..Default::default()
            },
            None,
            "a",
        )
        .unwrap()
}

fn day(store: &Store) -> (Id, Vec<Id>) {
    let ev = store
        .create_event(event_fields("Москва"), "Айбек")
        .unwrap()
        .meta
        .id;
    let visits = ["Асанов", "Жээнбеков", "Токтосунова"]
        .iter()
        .map(|s| {
            store
                .add_arrival(
                    arrival(ev, PersonPick::New(person_fields(s, "А")), "wages"),
                    "Айбек",
                )
                .unwrap()
                .visit
                .meta
                .id
        })
        .collect();
    (ev, visits)
}

#[test]
fn editing_a_consultation_keeps_every_earlier_version() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let (_, visits) = day(&store);
    let c1 = store
        .save_consultation(visits[0], None, wages(None, rub(80_000)), "Айбек")
        .unwrap();
    let mut f = c1.fields.clone();
    f.advice = "Claim in writing, then the labour inspection.".into();
    let c2 = store
        .save_consultation(visits[0], Some(c1.meta.id), f.clone(), "Нурлан")
        .unwrap();
    f.recovered = rub(30_000);
    let c3 = store
        .save_consultation(visits[0], Some(c1.meta.id), f, "Айгүл")
        .unwrap();
    assert_eq!((c2.meta.rev, c3.meta.rev), (2, 3));
    let current = store.consultation(c1.meta.id).unwrap().unwrap();
    assert_eq!(current, c3);
    let history = store.history(c1.meta.id).unwrap();
    let versions: Vec<_> = history
        .iter()
        .map(|h| match h {
            HistoryEntry::Consultation(c) => {
                (c.meta.rev, c.officer.clone(), c.fields.advice.clone())
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        versions,
        vec![
            (1, "Айбек".into(), "Claim in writing.".into()),
            (
                2,
                "Нурлан".into(),
                "Claim in writing, then the labour inspection.".into()
            ),
        ]
    );
    assert_eq!(store.consultations_for_visit(visits[0]).unwrap().len(), 1);
    assert!(store.verify().unwrap().is_consistent());
}

#[test]
fn appeal_membership_stays_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let (_, visits) = day(&store);
    let c0 = store
        .save_consultation(visits[0], None, wages(None, rub(80_000)), "a")
        .unwrap();
    let c1 = store
        .save_consultation(visits[1], None, wages(None, rub(60_000)), "a")
        .unwrap();
    let appeal = store
        .create_appeal(
            AppealFields {
                title: "Brigade unpaid by OOO Stroy".into(),
                respondent: "OOO Stroy".into(),
                topic: "wages.unpaid".into(),
                host_city: "Москва".into(),
                follow_up: Some(date(2026, 12, 20)),
                ..Default::default()
            },
            Some(c0.meta.id),
            "a",
        )
        .unwrap();
    store.join_appeal(c1.meta.id, appeal.meta.id, "a").unwrap();
    // Joining twice adds nobody.
    store.join_appeal(c1.meta.id, appeal.meta.id, "a").unwrap();
    let third = store.visit(visits[2]).unwrap().unwrap().person;
    let m3 = store
        .add_member(
            appeal.meta.id,
            PersonPick::Existing(third),
            rub(40_000),
            None,
            "a",
        )
        .unwrap();
    let members = store.members(appeal.meta.id).unwrap();
    assert_eq!(members.len(), 3);
    assert!(members.iter().all(|(_, p)| p.is_some()));
    assert_eq!(
        members[0].0.claimed,
        rub(80_000),
        "the consultation's amount comes along"
    );
    assert_eq!(
        store
            .consultation(c1.meta.id)
            .unwrap()
            .unwrap()
            .fields
            .appeal,
        Some(appeal.meta.id)
    );
    // A member recovers money: new version, old kept.
    let mut paid = m3.clone();
    paid.recovered = rub(40_000);
    paid.status = MemberStatus::Recovered;
    store.update_member(paid, "b").unwrap();
    assert_eq!(store.history(m3.meta.id).unwrap().len(), 1);
    let totals = kezek::domain::appeal_totals(
        store
            .members(appeal.meta.id)
            .unwrap()
            .iter()
            .map(|(m, _)| m),
    )
    .unwrap();
    assert_eq!(totals.persons, 3);
    assert_eq!(totals.persons_recovered, 1);
    assert_eq!(totals.claimed.get(Currency::Rub), 180_000 * 100);
    assert_eq!(totals.recovered.get(Currency::Rub), 40_000 * 100);
    // Unknown appeal or person: refused, nothing written.
    let ops = store.verify().unwrap().journal_ops;
    assert!(
        store
            .add_member(Id(42), PersonPick::Existing(third), None, None, "a")
            .is_err()
    );
    assert!(
        store
            .add_member(
                appeal.meta.id,
                PersonPick::Existing(Id(42)),
                None,
                None,
                "a"
            )
            .is_err()
    );
    assert_eq!(store.verify().unwrap().journal_ops, ops);
    assert!(store.verify().unwrap().is_consistent());
}

#[test]
fn members_are_added_once_new_persons_with_them_and_the_timeline_tells_who_changed_what() {
    use kezek::domain::history::{Subject, Value};
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let (_, visits) = day(&store);
    let c0 = store
        .save_consultation(visits[0], None, wages(None, rub(80_000)), "Айбек")
        .unwrap();
    let appeal = store
        .create_appeal(
            AppealFields {
                title: "Brigade at OOO Stroy".into(),
                respondent: "OOO Stroy".into(),
                topic: "wages.unpaid".into(),
                host_city: "Москва".into(),
                ..Default::default()
            },
            Some(c0.meta.id),
            "Айбек",
        )
        .unwrap();
    let id = appeal.meta.id;
    // The consultation's person is already in: adding them again is refused, nothing written.
    let ops = store.verify().unwrap().journal_ops;
    let err = store
        .add_member(id, PersonPick::Existing(c0.person), rub(1), None, "Айбек")
        .unwrap_err();
    assert!(err.to_string().contains("already a member"), "{err}");
    assert_eq!(store.verify().unwrap().journal_ops, ops);
    // A brigade member who never came to the desk: created with the membership, in one op.
    let persons_before = store.persons().unwrap().len();
    let m = store
        .add_member(
            id,
            PersonPick::New(person_fields("Бекматов", "Нурлан")),
            rub(50_000),
            rub(50_000),
            "Жылдыз",
        )
        .unwrap();
    assert_eq!(store.persons().unwrap().len(), persons_before + 1);
    assert_eq!(store.verify().unwrap().journal_ops, ops + 1);
    assert_eq!(
        m.status,
        MemberStatus::Recovered,
        "money recovered: status follows"
    );
    // Edit the appeal's details: a new version, the old one kept.
    let mut fields = appeal.fields.clone();
    fields.respondent = "OOO Stroy-Invest".into();
    fields.follow_up = Some(date(2027, 1, 15));
    let saved = store.save_appeal(id, fields, "Жылдыз").unwrap();
    assert_eq!(saved.meta.rev, 2);
    assert_eq!(store.history(id).unwrap().len(), 1);

    let view = store.appeal_view(id).unwrap();
    assert_eq!(view.members.len(), 2);
    // Newest first: the edit, then the new member, then the first member, then creation.
    let t = &view.timeline;
    assert_eq!(t.len(), 4, "{t:#?}");
    assert_eq!(t[0].subject, Subject::Appeal);
    assert_eq!(t[0].officer, "Жылдыз");
    assert_eq!(t[0].rev, 2);
    let fields: Vec<_> = t[0].changes.iter().map(|c| c.field).collect();
    assert_eq!(fields, ["field-respondent", "field-follow-up"]);
    assert_eq!(t[0].changes[0].before, Value::Text("OOO Stroy".into()));
    assert_eq!(t[0].changes[1].before, Value::Empty);
    assert_eq!(t[0].changes[1].after, Value::Date(date(2027, 1, 15)));
    assert!(matches!(&t[1].subject, Subject::Member(n) if n.starts_with("Бекматов")));
    assert!(t[1].is_creation());
    assert!(
        t.iter()
            .any(|v| v.subject == Subject::Appeal && v.is_creation())
    );
    // The same timeline survives a rebuild from the journal, and the list counts persons.
    store.rebuild().unwrap();
    assert_eq!(store.appeal_view(id).unwrap().timeline, *t);
    let rows = store.appeal_rows().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].persons, 2);
    // A consultation's timeline lists its edits.
    let mut f = c0.fields.clone();
    f.outcome = "resolved".into();
    f.appeal = None;
    store
        .save_consultation(c0.visit, Some(c0.meta.id), f, "Жылдыз")
        .unwrap();
    let ct = store.timeline(c0.meta.id).unwrap();
    assert_eq!(
        ct.len(),
        3,
        "created, linked to the appeal, outcome changed"
    );
    assert_eq!(ct[0].changes[0].field, "field-outcome");
    assert_eq!(ct[0].changes[0].after, Value::Outcome("resolved".into()));
    assert_eq!(ct[1].changes[0].field, "field-appeal");
    assert_eq!(ct[1].changes[0].after, Value::Appeal(id));
}

#[test]
fn follow_up_index_matches_the_domain_rule_and_closing_keeps_history() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let (_, visits) = day(&store);
    let a = store
        .save_consultation(visits[0], None, wages(Some((2026, 12, 1)), None), "a")
        .unwrap();
    let b = store
        .save_consultation(visits[1], None, wages(Some((2026, 11, 20)), None), "a")
        .unwrap();
    store
        .save_consultation(visits[2], None, wages(None, None), "a")
        .unwrap();
    let appeal = store
        .create_appeal(
            AppealFields {
                title: "x".into(),
                topic: "other".into(),
                follow_up: Some(date(2026, 11, 25)),
                ..Default::default()
            },
            None,
            "a",
        )
        .unwrap();
    let today = date(2026, 11, 24);
    let ids =
        |rows: &[kezek::domain::card::FollowUpRow]| rows.iter().map(|r| r.id()).collect::<Vec<_>>();
    let from_index = store.open_follow_ups().unwrap();
    let by_rule: Vec<Id> = follow_ups(
        &store.consultations().unwrap(),
        &store.appeals().unwrap(),
        today,
    )
    .iter()
    .map(|f| f.id)
    .collect();
    assert_eq!(ids(&from_index), by_rule);
    assert_eq!(by_rule, vec![b.meta.id, appeal.meta.id, a.meta.id]);
    assert!(matches!(
        &from_index[0].record,
        FollowUpRecord::Consultation(_)
    ));
    assert!(from_index[0].person.is_some());

    // Issue 14 item 9: under "all" the coming ones lead and the overdue ones follow, so
    // the first two are the appeal (due tomorrow) and `a`; `b` (overdue) comes third.
    let all = kezek::domain::followup::list::FollowUpFilter {
        due: kezek::domain::followup::list::DueFilter::All,
        ..Default::default()
    };
    let page = store.follow_ups_page(2, today, &all).unwrap();
    assert_eq!((page.total, page.overdue), (3, 1));
    assert_eq!(ids(&page.rows), vec![appeal.meta.id, a.meta.id]);
    let page = store.follow_ups_page(3, today, &all).unwrap();
    assert_eq!(ids(&page.rows), vec![appeal.meta.id, a.meta.id, b.meta.id]);
    store
        .close_follow_up(b.meta.id, "resolved", rub(60_000), date(2026, 11, 24), "b")
        .unwrap();
    store
        .close_follow_up(appeal.meta.id, "resolved", None, date(2026, 11, 24), "b")
        .unwrap();
    assert_eq!(ids(&store.open_follow_ups().unwrap()), vec![a.meta.id]);
    let closed = store.consultation(b.meta.id).unwrap().unwrap();
    assert_eq!(closed.fields.outcome, "resolved");
    assert_eq!(closed.fields.recovered, rub(60_000));
    assert_eq!(closed.fields.follow_up_closed, Some(date(2026, 11, 24)));
    let HistoryEntry::Consultation(before) = &store.history(b.meta.id).unwrap()[0] else {
        panic!()
    };
    assert_eq!(before.fields.outcome, "referred");
    assert!(before.fields.follow_up_open());
    assert!(
        store
            .close_follow_up(Id(7), "resolved", None, today, "b")
            .is_err()
    );
    assert!(store.verify().unwrap().is_consistent());
}

#[test]
fn person_card_and_rebuild_from_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let (person, card) = {
        let store = open(dir.path());
        let (ev, visits) = day(&store);
        let c = store
            .save_consultation(visits[0], None, wages(Some((2026, 12, 1)), rub(5_000)), "a")
            .unwrap();
        let again = store
            .add_arrival(
                arrival(ev, PersonPick::Existing(c.person), "follow-up"),
                "a",
            )
            .unwrap();
        store
            .save_consultation(again.visit.meta.id, None, wages(None, None), "a")
            .unwrap();
        store
            .create_appeal(
                AppealFields {
                    title: "x".into(),
                    topic: "wages.unpaid".into(),
                    ..Default::default()
                },
                Some(c.meta.id),
                "a",
            )
            .unwrap();
        let card = store.person_card(c.person).unwrap();
        assert_eq!(card.visits.len(), 2);
        assert_eq!(card.visits[0].0.purpose, "follow-up", "newest first");
        assert!(card.visits[0].1.is_some());
        assert_eq!(card.consultations.len(), 2);
        assert!(card.consultations[0].meta.created > card.consultations[1].meta.created);
        assert_eq!(card.memberships.len(), 1);
        (c.person, card)
    };
    std::fs::remove_dir_all(dir.path().join(SLED_DIR)).unwrap();
    let store = open(dir.path());
    assert_eq!(store.person_card(person).unwrap(), card);
    assert_eq!(
        store.history(card.consultations[1].meta.id).unwrap().len(),
        1,
        "the link to the appeal made a version"
    );
    assert!(store.verify().unwrap().is_consistent());
}

#[test]
fn merging_a_duplicate_moves_every_linked_record_and_is_noted_on_the_card() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let (ev, visits) = day(&store);
    let keep = store.visit(visits[0]).unwrap().unwrap().person;
    // The same citizen logged again in Latin letters at another desk.
    let dup_visit = store
        .add_arrival(
            arrival(
                ev,
                PersonPick::New(person_fields("Asanov", "Bakyt")),
                "wages",
            ),
            "Жылдыз",
        )
        .unwrap()
        .visit;
    let gone = dup_visit.person;
    let c_keep = store
        .save_consultation(visits[0], None, wages(None, rub(80_000)), "a")
        .unwrap();
    let c_dup = store
        .save_consultation(dup_visit.meta.id, None, wages(None, rub(80_000)), "a")
        .unwrap();
    let appeal = store
        .create_appeal(
            AppealFields {
                title: "Brigade".into(),
                topic: "wages.unpaid".into(),
                ..Default::default()
            },
            Some(c_keep.meta.id),
            "a",
        )
        .unwrap();
    // The duplicate joined the same appeal (the claim typed twice) and another one.
    store
        .join_appeal(c_dup.meta.id, appeal.meta.id, "a")
        .unwrap();
    let other = wage_appeal(&store, "Other");
    store
        .add_member(
            other.meta.id,
            PersonPick::Existing(gone),
            rub(5_000),
            None,
            "a",
        )
        .unwrap();
    assert_eq!(store.find_persons("Asanov", 5).unwrap().len(), 2);

    // Refused without writing: the same person, an unknown one.
    let ops = store.verify().unwrap().journal_ops;
    assert!(store.merge_persons(keep, keep, "b").is_err());
    assert!(store.merge_persons(keep, Id(42), "b").is_err());
    assert_eq!(store.verify().unwrap().journal_ops, ops);

    let moved = store.merge_persons(keep, gone, "Жылдыз").unwrap();
    assert_eq!(moved, 4, "a visit, a consultation, two memberships");
    assert_eq!(store.verify().unwrap().journal_ops, ops + 1, "one op");
    assert!(store.person(gone).unwrap().is_none());
    let card = store.person_card(keep).unwrap();
    assert_eq!(card.visits.len(), 2);
    assert_eq!(card.consultations.len(), 2);
    assert_eq!(card.memberships.len(), 3);
    assert_eq!(card.merged.len(), 1);
    assert_eq!(card.merged[0].gone.fields.surname, "Asanov");
    assert_eq!(card.merged[0].officer, "Жылдыз");
    // The consultation's history shows the move; the appeal counts the person once and the
    // twice-typed claim once.
    let moved_c = store.consultation(c_dup.meta.id).unwrap().unwrap();
    assert_eq!(moved_c.person, keep);
    assert_eq!(store.history(c_dup.meta.id).unwrap().len(), 2);
    let totals = kezek::domain::appeal_totals(
        store
            .members(appeal.meta.id)
            .unwrap()
            .iter()
            .map(|(m, _)| m),
    )
    .unwrap();
    assert_eq!(totals.persons, 1);
    assert_eq!(totals.claimed.get(Currency::Rub), 80_000 * 100);
    // Search no longer offers the duplicate; all of it survives a rebuild.
    let found = store.find_persons("Asanov", 5).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0.meta.id, keep);
    let before = store.person_card(keep).unwrap();
    store.rebuild().unwrap();
    assert_eq!(store.person_card(keep).unwrap(), before);
    assert!(store.verify().unwrap().is_consistent());
    assert_eq!(store.find_persons("Asanov", 5).unwrap().len(), 1);
}

#[test]
fn a_member_starts_by_one_rule_whether_joined_from_a_consultation_or_added() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let (_, visits) = day(&store);
    let paid = |minor| ConsultationFields {
        recovered: rub(minor),
        ..wages(None, rub(80_000))
    };
    let c_paid = store
        .save_consultation(visits[0], None, paid(30_000), "a")
        .unwrap();
    let c_zero = store
        .save_consultation(visits[1], None, paid(0), "a")
        .unwrap();
    let appeal = wage_appeal(&store, "Brigade");
    store
        .join_appeal(c_paid.meta.id, appeal.meta.id, "a")
        .unwrap();
    store
        .join_appeal(c_zero.meta.id, appeal.meta.id, "a")
        .unwrap();
    let third = store.visit(visits[2]).unwrap().unwrap().person;
    let added = store
        .add_member(
            appeal.meta.id,
            PersonPick::Existing(third),
            rub(50_000),
            rub(1),
            "a",
        )
        .unwrap();
    let status_of = |person| {
        store
            .members(appeal.meta.id)
            .unwrap()
            .into_iter()
            .find(|(m, _)| m.person == person)
            .map(|(m, _)| m.status)
    };
    assert_eq!(
        status_of(c_paid.person),
        Some(MemberStatus::Recovered),
        "joined from a consultation with money recovered: recovered, as when added"
    );
    assert_eq!(status_of(c_zero.person), Some(MemberStatus::Active));
    assert_eq!(added.status, MemberStatus::Recovered);
    assert!(store.verify().unwrap().is_consistent());
}
