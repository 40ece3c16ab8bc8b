//! The three kinds of ops whose fold depended on arrival order until view version 9, each
//! made on two desks that have not met and then seen by every desk in both orders: two
//! merges of one pair (opposite directions), an unmerge on one desk while another adds to
//! the merged person, and one visit moved on two desks. Desks `a` and `b` make the ops,
//! `ab` and `ba` see them in the two orders, and all four must hold the same view.

use std::path::Path;

use crate::common::*;
use kezek::domain::{Id, PersonPick, VisitStatus};
use kezek::store::Store;
use kezek::store::bundle;

const HOUR: u64 = 3_600_000;

fn send(from: &Store, to: &Store, stick: &Path) {
    std::fs::create_dir_all(stick).unwrap();
    let path = stick.join("x.kzbundle");
    bundle::write_bundle(from.dir(), &path, None, HOUR).unwrap();
    to.merge_bundles(&path, false).unwrap();
    std::fs::remove_file(path).unwrap();
}

struct Four {
    _root: tempfile::TempDir,
    stick: std::path::PathBuf,
    a: Store,
    b: Store,
    ab: Store,
    ba: Store,
}

impl Four {
    /// Four desks; desk `a` holds an event and a visit for each of `surnames`, and every
    /// desk has it. Returns the desks, the event and the visits.
    fn new(surnames: &[&str]) -> (Four, Id, Vec<Id>) {
        let root = tempdir();
        let stick = root.path().join("stick");
        let [a, b, ab, ba] = ["a", "b", "ab", "ba"].map(|n| open_store(&root.path().join(n)));
        let ev = a.create_event(event_fields("Бишкек"), "a").unwrap().meta.id;
        let visits = surnames
            .iter()
            .map(|s| {
                let p = PersonPick::New(person_fields(s, "Бакыт"));
                let q = a.add_arrival(arrival(ev, p, "wages"), "a").unwrap();
                q.visit.meta.id
            })
            .collect();
        for d in [&b, &ab, &ba] {
            send(&a, d, &stick);
        }
        // B's laptop is half an hour ahead of A's: what B does sorts after what A does.
        let mut b = b;
        let minutes = std::sync::atomic::AtomicI64::new(30);
        b.set_clock(move || {
            let m = minutes.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            t0() + chrono::Duration::minutes(m)
        });
        let four = Four {
            _root: root,
            stick,
            a,
            b,
            ab,
            ba,
        };
        (four, ev, visits)
    }

    /// `a`'s and `b`'s ops to `ab` in that order and to `ba` in the other, then `a` and
    /// `b` to each other: every desk must hold the same view.
    fn meet(&self) -> String {
        send(&self.a, &self.ab, &self.stick);
        send(&self.b, &self.ab, &self.stick);
        send(&self.b, &self.ba, &self.stick);
        send(&self.a, &self.ba, &self.stick);
        send(&self.a, &self.b, &self.stick);
        send(&self.b, &self.a, &self.stick);
        let want = self.a.view_hash().unwrap();
        for (name, d) in self.all() {
            assert_eq!(d.view_hash().unwrap(), want, "desk {name} differs");
            assert!(d.verify().unwrap().is_consistent(), "desk {name}'s index");
        }
        want
    }

    fn all(&self) -> [(&'static str, &Store); 4] {
        [
            ("a", &self.a),
            ("b", &self.b),
            ("ab", &self.ab),
            ("ba", &self.ba),
        ]
    }

    fn person_of(&self, visit: Id) -> Id {
        self.a.visit(visit).unwrap().unwrap().person
    }
}

#[test]
fn two_desks_merging_one_pair_in_opposite_directions_keep_the_same_person() {
    let (f, _, v) = Four::new(&["Асанов", "Асанов"]);
    let (x, y) = (f.person_of(v[0]), f.person_of(v[1]));
    f.a.merge_persons(y, x, "a").unwrap(); // X into Y
    f.b.merge_persons(x, y, "b").unwrap(); // Y into X
    // Neither desk saw the other's merge: the first by clock (A's) stands everywhere.
    f.meet();
    for (name, d) in f.all() {
        let kept: Vec<Id> = [x, y]
            .into_iter()
            .filter(|p| d.person(*p).unwrap().is_some())
            .collect();
        assert_eq!(kept.len(), 1, "desk {name}: exactly one of the pair stays");
        let kept = kept[0];
        assert_eq!(kept, y, "desk {name}: A merged X into Y first");
        for visit in &v {
            assert_eq!(
                d.visit(*visit).unwrap().unwrap().person,
                kept,
                "desk {name}: both visits are the kept person's"
            );
        }
        let card = d.person_card(kept).unwrap();
        assert_eq!(card.merged.len(), 1, "desk {name}: one merge note");
        assert_eq!(card.merged[0].gone.meta.id, x);
    }
}

#[test]
fn an_unmerge_on_one_desk_while_another_adds_to_the_duplicate_ends_alike() {
    let (f, ev, v) = Four::new(&["Асанов", "Асанов"]);
    let (kept, dup) = (f.person_of(v[0]), f.person_of(v[1]));
    // B (not having seen the merge) takes in the duplicate again and fixes his phone.
    let back =
        f.b.add_arrival(arrival(ev, PersonPick::Existing(dup), "documents"), "b")
            .unwrap()
            .visit
            .meta
            .id;
    let mut fields = f.b.person(dup).unwrap().unwrap().fields;
    fields.phone = Some("+996700000042".into());
    f.b.update_person(dup, fields, "b").unwrap();
    f.b.save_consultation(back, None, rub_claim(), "b").unwrap();
    // A merges the pair, desk AB sees that merge, and A takes it back.
    f.a.merge_persons(kept, dup, "a").unwrap();
    send(&f.a, &f.ab, &f.stick);
    f.a.unmerge_persons(kept, dup, "a").unwrap();
    f.meet();
    for (name, d) in f.all() {
        let p = d.person(dup).unwrap();
        assert!(p.is_some(), "desk {name}: the duplicate is back");
        assert_eq!(
            p.unwrap().fields.phone.as_deref(),
            Some("+996700000042"),
            "desk {name}: B's correction is the record"
        );
        assert_eq!(d.visit(back).unwrap().unwrap().person, dup, "desk {name}");
        assert_eq!(d.visit(v[1]).unwrap().unwrap().person, dup, "desk {name}");
        assert_eq!(d.visit(v[0]).unwrap().unwrap().person, kept, "desk {name}");
        let cons = d.consultations().unwrap();
        assert_eq!(cons.len(), 1);
        assert_eq!(cons[0].person, dup, "desk {name}: the consultation follows");
        assert_eq!(d.unmerges(kept).unwrap().len(), 1, "desk {name}");
        assert!(d.person_card(kept).unwrap().merged.is_empty());
    }
}

fn rub_claim() -> kezek::domain::ConsultationFields {
    crate::common::rig::wages(rub(1_000))
}

#[test]
fn one_visit_moved_on_two_desks_ends_in_the_same_status() {
    let (f, _, v) = Four::new(&["Асанов", "Осмонов"]);
    // Both desks call the first visit; A finishes it, B sends it back to the queue.
    f.a.set_visit_status(v[0], VisitStatus::WithOfficer, "a")
        .unwrap();
    f.a.set_visit_status(v[0], VisitStatus::Done, "a").unwrap();
    f.b.set_visit_status(v[0], VisitStatus::WithOfficer, "b")
        .unwrap();
    f.b.set_visit_status(v[0], VisitStatus::Waiting, "b")
        .unwrap();
    // The second: A calls it and takes the call back, B marks it left meanwhile.
    f.a.set_visit_status(v[1], VisitStatus::WithOfficer, "a")
        .unwrap();
    f.a.undo_visit_status(v[1], "a").unwrap();
    f.b.set_visit_status(v[1], VisitStatus::LeftWithoutService, "b")
        .unwrap();
    f.meet();
    // In clock order (A's moves first): called and done by A; B's call and send-back are
    // not allowed from done and are refused everywhere.
    let first = f.a.visit(v[0]).unwrap().unwrap();
    let steps: Vec<(VisitStatus, &str)> = first
        .history
        .iter()
        .map(|c| (c.status, c.officer.as_str()))
        .collect();
    let second = f.a.visit(v[1]).unwrap().unwrap();
    for (name, d) in f.all() {
        assert_eq!(d.visit(v[0]).unwrap().unwrap(), first, "desk {name}");
        assert_eq!(d.visit(v[1]).unwrap().unwrap(), second, "desk {name}");
        assert_eq!(d.undone_moves(v[1]).unwrap().len(), 1, "desk {name}");
    }
    assert_eq!(
        steps,
        [(VisitStatus::WithOfficer, "a"), (VisitStatus::Done, "a")]
    );
    assert_eq!(first.status, VisitStatus::Done);
    assert_eq!(second.status, VisitStatus::LeftWithoutService);
    assert_eq!(second.history.len(), 1, "A's call is taken back");
}
