//! Taking back a queue move and a merge: new ops, kept in history, the view consistent
//! after them and equal to a replay of the journal from scratch.

use crate::common::open_store as open;
use crate::common::*;
use kezek::domain::report::{Period, Tally};
use kezek::domain::{
    AppealFields, ConsultationFields, Id, MemberStatus, PersonPick, UndoError, VisitStatus,
};
use kezek::store::{SLED_DIR, Store, StoreError};

/// What the view shows: every record, every person's card, the figures; and the check.
fn view(store: &Store) -> String {
    let records = store.records().unwrap();
    let today = date(2026, 11, 24);
    let mut out = format!("{records:?}\n{:?}\n", store.tally(&Period::All, today, 180));
    assert_eq!(
        store.tally(&Period::All, today, 180).unwrap(),
        Tally::of(&records, &Period::All, today, 180),
        "the figures kept are those of the records"
    );
    for p in &records.persons {
        out.push_str(&format!("{:?}\n", store.person_card(p.meta.id).unwrap()));
    }
    let r = store.verify().unwrap();
    assert!(r.is_consistent(), "{r:?}");
    out
}

/// The view after a rebuild from the journal, and after the view is deleted and the store
/// opened again, equals `before`.
fn replays_to(store: Store, dir: &std::path::Path, before: &str) {
    store.rebuild().unwrap();
    assert_eq!(view(&store), before, "after a rebuild from the journal");
    drop(store);
    std::fs::remove_dir_all(dir.join(SLED_DIR)).unwrap();
    let store = open(dir);
    assert_eq!(view(&store), before, "after a replay into a new view");
}

#[test]
fn a_queue_move_is_taken_back_as_a_new_op_and_a_second_undo_takes_back_the_one_before() {
    use VisitStatus::*;
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let visits = arrivals(&store, 2, "Айбек");
    let (v, other) = (visits[0], visits[1]);
    // Nothing to take back yet: refused, nothing written.
    let ops = store.verify().unwrap().journal_ops;
    let err = store.undo_visit_status(v, "Жылдыз").unwrap_err();
    assert!(
        matches!(err, StoreError::Undo(UndoError::NothingToUndo)),
        "{err:?}"
    );
    assert_eq!(err.msg_id(), Some("err-nothing-to-undo"));
    assert!(store.undo_visit_status(Id(4242), "x").is_err());
    assert_eq!(store.verify().unwrap().journal_ops, ops);

    store.set_visit_status(v, WithOfficer, "Айбек").unwrap();
    store
        .save_consultation(v, None, ConsultationFields::default(), "Айбек")
        .unwrap();
    store.set_visit_status(v, Done, "Айбек").unwrap();
    store
        .set_visit_status(other, LeftWithoutService, "Айбек")
        .unwrap();
    let done_at = store.visit(v).unwrap().unwrap().history[1].at;

    let (back, undone) = store.undo_visit_status(v, "Жылдыз").unwrap();
    assert_eq!(
        back.status, WithOfficer,
        "done goes back to with an officer"
    );
    assert_eq!((undone.undone.status, undone.undone.at), (Done, done_at));
    assert_eq!(
        (undone.back_to, undone.officer.as_str()),
        (WithOfficer, "Жылдыз")
    );
    assert_eq!(
        store.verify().unwrap().journal_ops,
        ops + 5,
        "one op, nothing removed"
    );
    // The consultation stands: the visit is with the officer again, as when it was saved.
    assert_eq!(
        store.person_card(back.person).unwrap().consultations.len(),
        1
    );
    // The no-show came back after all.
    assert_eq!(
        store.undo_visit_status(other, "Жылдыз").unwrap().0.status,
        Waiting
    );
    // A second undo takes back the call; then nothing is left to take back.
    assert_eq!(
        store.undo_visit_status(v, "Жылдыз").unwrap().0.status,
        Waiting
    );
    assert!(store.undo_visit_status(v, "Жылдыз").is_err());
    // The queue's rules hold as before: waiting may be called again.
    store.set_visit_status(v, WithOfficer, "Айбек").unwrap();

    let notes = store.undone_moves(v).unwrap();
    let steps: Vec<_> = notes.iter().map(|u| (u.undone.status, u.back_to)).collect();
    assert_eq!(steps, vec![(Done, WithOfficer), (WithOfficer, Waiting)]);
    let card = store.person_card(back.person).unwrap();
    assert_eq!(card.undone, notes, "the card shows the visit's undos");
    let queue = store.queue(back.event).unwrap();
    let statuses: Vec<_> = queue.iter().map(|q| q.visit.status).collect();
    assert_eq!(statuses, vec![WithOfficer, Waiting]);

    let before = view(&store);
    replays_to(store, dir.path(), &before);
}

#[test]
fn an_unmerge_moves_back_exactly_what_the_merge_moved_and_survives_a_replay() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let visits = arrivals(&store, 1, "Айбек");
    let first = store.visit(visits[0]).unwrap().unwrap();
    let (ev, keep) = (first.event, first.person);
    let dup = store
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
    let gone = dup.person;
    let gone_before = store.person(gone).unwrap().unwrap();
    let c_keep = store
        .save_consultation(visits[0], None, ConsultationFields::default(), "a")
        .unwrap();
    let c_dup = store
        .save_consultation(dup.meta.id, None, ConsultationFields::default(), "a")
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
    // The duplicate in the same appeal: the merge withdraws that membership.
    store
        .join_appeal(c_dup.meta.id, appeal.meta.id, "a")
        .unwrap();
    let card_keep = store.person_card(keep).unwrap();
    let card_gone = store.person_card(gone).unwrap();
    assert_eq!(store.merge_persons(keep, gone, "Жылдыз").unwrap(), 3);
    let merged = store.person_card(keep).unwrap();
    assert_eq!(merged.memberships.len(), 2);

    // Added to the person kept after the merge: a visit of their own, and a consultation
    // at the visit that came with the duplicate.
    let later = store
        .add_arrival(arrival(ev, PersonPick::Existing(keep), "patent"), "Айбек")
        .unwrap()
        .visit;
    let c_later = store
        .save_consultation(dup.meta.id, None, ConsultationFields::default(), "a")
        .unwrap();
    assert_eq!(c_later.person, keep);

    // Refused without writing: no such merge, the wrong way round.
    let ops = store.verify().unwrap().journal_ops;
    assert!(store.unmerge_persons(keep, Id(42), "b").is_err());
    assert!(store.unmerge_persons(gone, keep, "b").is_err());
    assert_eq!(store.verify().unwrap().journal_ops, ops);

    let moved = store.unmerge_persons(keep, gone, "Жылдыз").unwrap();
    assert_eq!(moved, 4, "the visit, two consultations, the membership");
    assert_eq!(store.verify().unwrap().journal_ops, ops + 1, "one op");
    assert_eq!(
        store.person(gone).unwrap().unwrap(),
        gone_before,
        "as it was"
    );
    let kept = store.person_card(keep).unwrap();
    let back = store.person_card(gone).unwrap();
    let ids = |c: &kezek::domain::card::PersonCard| -> Vec<Id> {
        c.visits.iter().map(|(v, _)| v.meta.id).collect()
    };
    assert_eq!(ids(&back), ids(&card_gone));
    assert_eq!(
        ids(&kept),
        vec![later.meta.id, first.meta.id],
        "the later visit stays"
    );
    assert_eq!(kept.consultations, card_keep.consultations);
    let back_cons: Vec<Id> = back.consultations.iter().map(|c| c.meta.id).collect();
    assert_eq!(
        back_cons,
        vec![c_later.meta.id, c_dup.meta.id],
        "it follows its visit"
    );
    let status = |c: &kezek::domain::card::PersonCard| -> Vec<MemberStatus> {
        c.memberships.iter().map(|(m, _)| m.status).collect()
    };
    assert_eq!(
        status(&back),
        status(&card_gone),
        "the withdrawal is taken back"
    );
    assert_eq!(kept.memberships.len(), 1);
    // The card of the person kept says the merge was taken back, by whom.
    assert!(kept.merged.is_empty());
    assert_eq!(kept.unmerged.len(), 1);
    assert_eq!(kept.unmerged[0].merge.gone, gone_before);
    assert_eq!(kept.unmerged[0].officer, "Жылдыз");
    // Search offers both again.
    assert_eq!(store.find_persons("Asanov", 5).unwrap().len(), 2);
    // Taken back once: a second time is refused.
    assert!(store.unmerge_persons(keep, gone, "Жылдыз").is_err());

    let before = view(&store);
    replays_to(store, dir.path(), &before);
}

/// A person kept who was merged into another since: that merge is taken back first.
#[test]
fn an_unmerge_waits_for_a_later_merge_of_the_person_kept() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let visits = arrivals(&store, 3, "Айбек");
    let person = |i: usize| store.visit(visits[i]).unwrap().unwrap().person;
    let (a, b, c) = (person(0), person(1), person(2));
    store.merge_persons(b, c, "x").unwrap();
    store.merge_persons(a, b, "x").unwrap();
    let err = store.unmerge_persons(b, c, "x").unwrap_err();
    assert!(matches!(err, StoreError::MergedSince), "{err:?}");
    store.unmerge_persons(a, b, "x").unwrap();
    // b is back with c's merge noted on its card, and that one can be taken back now.
    assert_eq!(store.person_card(b).unwrap().merged.len(), 1);
    store.unmerge_persons(b, c, "x").unwrap();
    for (i, p) in [a, b, c].into_iter().enumerate() {
        let card = store.person_card(p).unwrap();
        assert_eq!(card.visits.len(), 1);
        assert_eq!(card.visits[0].0.meta.id, visits[i]);
    }
    let before = view(&store);
    replays_to(store, dir.path(), &before);
}
