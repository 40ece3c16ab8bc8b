//! Bundles between desks: what one desk writes another merges to the same records, once
//! however often it comes, the same bytes for the same ops, and nothing at all from a file
//! that is not whole. The fold does not depend on the order bundles arrive in.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use crate::common::rig::wages;
use crate::common::*;
use kezek::domain::{Id, PersonPick, VisitStatus};
use kezek::store::bundle::{self, BundleError, format};
use kezek::store::{Store, StoreError};

/// The default allowed clock skew.
const HOUR: u64 = 3_600_000;

/// A desk of its own (its own desk id) in `root/name`.
fn desk(root: &Path, name: &str) -> Store {
    open_store(&root.join(name))
}

/// Writes everything `from` holds to a bundle in `stick` and returns its path.
fn bundle_of(from: &Store, stick: &Path, name: &str) -> PathBuf {
    std::fs::create_dir_all(stick).unwrap();
    let path = stick.join(name);
    bundle::write_bundle(from.dir(), &path, None, HOUR).unwrap();
    path
}

fn send(from: &Store, to: &Store, stick: &Path) -> bundle::MergeReport {
    let path = bundle_of(from, stick, "b.kzbundle");
    let r = to.merge_bundles(&path, false).unwrap();
    std::fs::remove_file(path).unwrap();
    r
}

/// What a desk holds, as `kezek check --hash` says it, and its journal's length.
fn state(s: &Store) -> (String, u64) {
    (s.view_hash().unwrap(), s.journal_extent().1)
}

fn event_with(store: &Store, surnames: &[&str]) -> (Id, Vec<Id>) {
    let ev = store
        .create_event(event_fields("Москва"), "a")
        .unwrap()
        .meta
        .id;
    let visits = surnames
        .iter()
        .map(|s| {
            let p = person_fields(s, "Бакыт");
            let q = store.add_arrival(arrival(ev, PersonPick::New(p), "wages"), "a");
            q.unwrap().visit.meta.id
        })
        .collect();
    (ev, visits)
}

#[test]
fn two_desks_merged_both_ways_hold_the_same_records() {
    let root = tempdir();
    let (a, b) = (desk(root.path(), "a"), desk(root.path(), "b"));
    let (_, va) = event_with(&a, &["Асанов", "Бакиев", "Осмонов"]);
    a.save_consultation(va[0], None, wages(rub(50_000)), "a")
        .unwrap();
    let (ev_b, _) = event_with(&b, &["Токтогулов", "Жээнбеков"]);
    let stick = root.path().join("stick");
    let into_b = send(&a, &b, &stick);
    assert_eq!(into_b.persons.new, 3);
    assert_eq!(into_b.visits.new, 3);
    assert_eq!(into_b.consultations.new, 1);
    assert_eq!(into_b.events.new, 1);
    let into_a = send(&b, &a, &stick);
    assert_eq!(into_a.persons.new, 2, "only B's own persons are new to A");
    assert_eq!(
        into_a.ops_known, into_b.ops_new,
        "A's own ops came back and were known"
    );
    assert_eq!(a.view_hash().unwrap(), b.view_hash().unwrap());
    assert_eq!(a.persons().unwrap().len(), 5);
    assert_eq!(b.visits().unwrap().len(), 5);
    assert_eq!(
        a.queue(ev_b).unwrap().len(),
        2,
        "B's queue is readable on A"
    );
    let found = a.find_persons("токтогулов", 5).unwrap();
    assert_eq!(
        found.len(),
        1,
        "a person merged in is found by the search at once"
    );
    assert!(a.verify().unwrap().is_consistent());
}

#[test]
fn a_bundle_merged_twice_or_overlapping_changes_nothing_the_second_time() {
    let root = tempdir();
    let (a, b) = (desk(root.path(), "a"), desk(root.path(), "b"));
    let (_, va) = event_with(&a, &["Асанов", "Бакиев"]);
    let stick = root.path().join("stick");
    let first = bundle_of(&a, &stick, "1.kzbundle");
    a.set_visit_status(va[0], VisitStatus::WithOfficer, "a")
        .unwrap();
    // A later bundle holding the first one's ops too: the two overlap.
    let second = bundle_of(&a, &stick, "2.kzbundle");
    b.merge_bundles(&first, false).unwrap();
    let once = state(&b);
    let again = b.merge_bundles(&first, false).unwrap();
    assert_eq!((again.ops_new, again.applied), (0, false));
    assert_eq!(
        state(&b),
        once,
        "the journal and the records are as they were"
    );
    let more = b.merge_bundles(&second, false).unwrap();
    assert_eq!(more.ops_new, 1, "only the queue move was new");
    assert_eq!(
        b.visit(va[0]).unwrap().unwrap().status,
        VisitStatus::WithOfficer
    );
    // The folder holds both: every op in it is already here.
    let folder = b.merge_bundles(&stick, false).unwrap();
    assert_eq!(folder.ops_new, 0);
    assert_eq!(b.view_hash().unwrap(), a.view_hash().unwrap());
}

#[test]
fn the_same_ops_written_twice_give_the_same_bytes() {
    let root = tempdir();
    let a = desk(root.path(), "a");
    event_with(&a, &["Асанов", "Бакиев"]);
    let stick = root.path().join("stick");
    let one = std::fs::read(bundle_of(&a, &stick, "1.kzbundle")).unwrap();
    let two = std::fs::read(bundle_of(&a, &stick, "2.kzbundle")).unwrap();
    assert_eq!(one, two);
    let read = format::parse(Path::new("1.kzbundle"), &one).unwrap();
    assert_eq!(read.head.source, a.desk());
    assert_eq!(read.head.ops as usize, read.payloads.len());
    assert_eq!(
        read.payloads.len(),
        3,
        "the event and two arrivals, one op each"
    );
}

#[test]
fn a_bundle_for_a_desk_leaves_out_what_that_desk_sent() {
    let root = tempdir();
    let (a, b) = (desk(root.path(), "a"), desk(root.path(), "b"));
    let (ev, _) = event_with(&a, &["Асанов"]);
    let stick = root.path().join("stick");
    send(&a, &b, &stick);
    event_with(&b, &["Бакиев"]);
    send(&b, &a, &stick); // A learns what B holds
    let p = person_fields("Осмонов", "Нурлан");
    a.add_arrival(arrival(ev, PersonPick::New(p), "wages"), "a")
        .unwrap();
    let path = stick.join("for-b.kzbundle");
    let info = bundle::write_bundle(a.dir(), &path, Some(b.desk()), HOUR).unwrap();
    assert_eq!(info.ops, 1, "only the arrival B has not seen");
    let r = b.merge_bundles(&path, false).unwrap();
    assert_eq!((r.ops_new, r.persons.new), (1, 1));
    assert_eq!(a.view_hash().unwrap(), b.view_hash().unwrap());
}

#[test]
fn two_desks_editing_one_person_keep_both_versions_and_show_the_same_one() {
    let root = tempdir();
    let (a, b) = (desk(root.path(), "a"), desk(root.path(), "b"));
    event_with(&a, &["Асанов"]);
    let stick = root.path().join("stick");
    send(&a, &b, &stick);
    let id = a.persons().unwrap()[0].meta.id;
    let mut fa = a.person(id).unwrap().unwrap().fields;
    fa.phone = Some("+996700111222".into());
    a.update_person(id, fa, "a").unwrap();
    let mut fb = b.person(id).unwrap().unwrap().fields;
    fb.phone = Some("+996555999888".into());
    b.update_person(id, fb, "b").unwrap();
    let dry = b
        .merge_bundles(&bundle_of(&a, &stick, "a.kzbundle"), true)
        .unwrap();
    assert_eq!(
        dry.conflicts, 1,
        "both changed revision 1 into a revision 2"
    );
    assert!(!dry.applied);
    send(&a, &b, &stick);
    send(&b, &a, &stick);
    assert_eq!(a.view_hash().unwrap(), b.view_hash().unwrap());
    let shown = a.person(id).unwrap().unwrap();
    assert_eq!(shown, b.person(id).unwrap().unwrap());
    let phones: Vec<Option<String>> = a
        .history(id)
        .unwrap()
        .into_iter()
        .filter_map(|h| match h {
            kezek::domain::card::HistoryEntry::Person(v) => Some(v.person.fields.phone),
            _ => None,
        })
        .collect();
    for phone in ["+996700111222", "+996555999888"] {
        assert!(
            phones.contains(&Some(phone.to_string())),
            "{phone} is kept: {phones:?}"
        );
    }
}

/// The error merging `bytes` (written to `name` in a folder of their own) into `into`,
/// after checking that nothing changed.
fn refused(into: &Store, root: &Path, name: &str, bytes: &[u8]) -> StoreError {
    let dir = root.join(format!("bad-{name}"));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let before = state(into);
    let e = into.merge_bundles(&path, false).unwrap_err();
    assert_eq!(state(into), before, "{name}: nothing changed");
    assert!(
        e.to_string().contains(name),
        "{name}: the message names the file: {e}"
    );
    e
}

fn is_damaged(e: &StoreError) -> bool {
    matches!(e, StoreError::Bundle(BundleError::Damaged { .. }))
}

#[test]
fn a_bundle_that_is_not_whole_is_refused_whole() {
    let root = tempdir();
    let (a, b) = (desk(root.path(), "a"), desk(root.path(), "b"));
    let (_, va) = event_with(&a, &["Асанов", "Бакиев"]);
    a.save_consultation(va[1], None, wages(rub(1_000)), "a")
        .unwrap();
    event_with(&b, &["Осмонов"]);
    let stick = root.path().join("stick");
    let good = std::fs::read(bundle_of(&a, &stick, "a.kzbundle")).unwrap();
    for cut in [
        0,
        5,
        12,
        40,
        good.len() / 2,
        good.len() - 13,
        good.len() - 1,
    ] {
        let e = refused(
            &b,
            root.path(),
            &format!("cut-{cut}.kzbundle"),
            &good[..cut],
        );
        assert!(
            is_damaged(&e) || matches!(e, StoreError::Bundle(BundleError::NotABundle(_))),
            "cut at {cut}: {e}"
        );
    }
    for at in (0..good.len())
        .step_by(37)
        .chain([8, 9, 10, 11, good.len() - 1])
    {
        let mut bad = good.clone();
        bad[at] ^= 0x20;
        let e = refused(&b, root.path(), &format!("flip-{at}.kzbundle"), &bad);
        assert!(
            matches!(
                e,
                StoreError::Bundle(
                    BundleError::Damaged { .. }
                        | BundleError::NotABundle(_)
                        | BundleError::Version { .. }
                        | BundleError::BadVersion { .. }
                )
            ),
            "flip at {at}: {e}"
        );
    }
    let mut newer = good.clone();
    newer[8..12].copy_from_slice(&4u32.to_le_bytes());
    let e = refused(&b, root.path(), "newer.kzbundle", &newer);
    assert!(matches!(
        e,
        StoreError::Bundle(BundleError::Version { version: 4, .. })
    ));
    let e = refused(&b, root.path(), "csv.kzbundle", b"surname,given_name\n");
    assert!(matches!(e, StoreError::Bundle(BundleError::NotABundle(_))));
    // Frames whose checksums hold but whose op is no op (made by hand, or a bug).
    let read = format::parse(Path::new("a.kzbundle"), &good).unwrap();
    let forged = rebuild(&read.head, &[vec![1, 0xff, 0xff, 0xff, 0xff]]);
    let e = refused(&b, root.path(), "forged.kzbundle", &forged);
    assert!(is_damaged(&e), "{e}");
    // This desk's own bundle, named on its own.
    let own = std::fs::read(bundle_of(&b, &stick, "own.kzbundle")).unwrap();
    let e = refused(&b, root.path(), "own.kzbundle", &own);
    assert!(matches!(
        e,
        StoreError::Bundle(BundleError::FromThisDesk { .. })
    ));
}

/// A bundle with `head` (its op count set) and these op payloads.
fn rebuild(head: &format::Head, payloads: &[Vec<u8>]) -> Vec<u8> {
    let head = format::Head {
        ops: payloads.len() as u32,
        ..head.clone()
    };
    let (mut out, mut crc) = format::begin(&head).unwrap();
    for p in payloads {
        let f = kezek::store::journal::encode_frame(p);
        crc.update(&f);
        out.extend_from_slice(&f);
    }
    out.extend_from_slice(&format::end(crc));
    out
}

#[test]
fn ops_about_records_that_exist_nowhere_are_refused() {
    let root = tempdir();
    let (a, b) = (desk(root.path(), "a"), desk(root.path(), "b"));
    let (_, va) = event_with(&a, &["Асанов"]);
    a.set_visit_status(va[0], VisitStatus::WithOfficer, "a")
        .unwrap();
    let stick = root.path().join("stick");
    let good = std::fs::read(bundle_of(&a, &stick, "a.kzbundle")).unwrap();
    let read = format::parse(Path::new("a.kzbundle"), &good).unwrap();
    // The queue move alone, without the event and the arrival it moves.
    let last = read.payloads.last().unwrap().clone();
    let e = refused(
        &b,
        root.path(),
        "orphan.kzbundle",
        &rebuild(&read.head, &[last]),
    );
    match e {
        StoreError::Bundle(BundleError::Unknown { missing, first, .. }) => {
            assert_eq!((missing, first), (1, va[0]));
        }
        other => panic!("{other}"),
    }
}

#[test]
fn a_folder_with_one_bad_bundle_merges_none_of_them() {
    let root = tempdir();
    let [a, b, c] = ["a", "b", "c"].map(|n| desk(root.path(), n));
    event_with(&a, &["Асанов"]);
    event_with(&b, &["Бакиев"]);
    event_with(&c, &["Осмонов"]);
    let stick = root.path().join("stick");
    bundle_of(&a, &stick, "a.kzbundle");
    bundle_of(&c, &stick, "c.kzbundle");
    let own = bundle_of(&b, &stick, "b.kzbundle");
    let mut bad = std::fs::read(stick.join("c.kzbundle")).unwrap();
    let mid = bad.len() / 2;
    bad[mid] ^= 1;
    std::fs::write(stick.join("c.kzbundle"), &bad).unwrap();
    let before = state(&b);
    let e = b.merge_bundles(&stick, false).unwrap_err();
    assert!(e.to_string().contains("c.kzbundle"), "{e}");
    assert_eq!(state(&b), before);
    std::fs::remove_file(stick.join("c.kzbundle")).unwrap();
    let r = b.merge_bundles(&stick, false).unwrap();
    assert_eq!(
        r.own,
        vec![own],
        "this desk's own bundle in the folder is passed over"
    );
    assert_eq!(r.persons.new, 1);
}

#[derive(Clone, Debug)]
enum Step {
    /// A new person arrives at desk `.0`.
    Arrive(usize),
    /// Desk `.0` corrects the phone (`.2` even) or the city (odd) of shared person `.1`
    /// to a value of its own: two desks' corrections of different parts both show.
    Edit(usize, usize, u16),
    /// Desk `.0` records a consultation for its latest visit.
    Consult(usize),
    /// Desk `.0` corrects the notes (`.2` even) or the amount claimed (odd) of the `.1`th
    /// consultation it holds (by id): consultations merge part by part as persons do, and
    /// a person merge moves them meanwhile.
    Amend(usize, usize, u16),
    /// Desk `.0` calls its latest visit.
    Call(usize),
    /// Desk `.0` sends a bundle of everything to desk `.1`.
    Send(usize, usize),
    /// Shared person `.1` comes back to desk `.0` (a visit for a person on record there).
    Return(usize, usize),
    /// Desk `.0` merges shared person `.1` into shared person `.2` (two desks may merge
    /// one pair, either way, before they meet).
    Merge(usize, usize, usize),
    /// Desk `.0` takes back the latest merge into shared person `.1`.
    Unmerge(usize, usize),
    /// Desk `.0` moves shared visit `.1` (one of the three every desk holds) to a status.
    Move(usize, usize, VisitStatus),
    /// Desk `.0` takes back the last move of shared visit `.1`.
    Undo(usize, usize),
}

fn steps(desks: usize) -> impl Strategy<Value = Vec<Step>> {
    let d = 0..desks;
    let step = prop_oneof![
        1 => d.clone().prop_map(Step::Arrive),
        // Corrections of one person on several desks are what conflicts are made of.
        3 => (d.clone(), 0..3usize, any::<u16>()).prop_map(|(a, p, n)| Step::Edit(a, p, n)),
        1 => d.clone().prop_map(Step::Consult),
        2 => (d.clone(), 0..4usize, any::<u16>()).prop_map(|(a, k, n)| Step::Amend(a, k, n)),
        1 => d.clone().prop_map(Step::Call),
        1 => (d.clone(), d.clone()).prop_map(|(a, b)| Step::Send(a, b)),
        1 => (d.clone(), 0..3usize).prop_map(|(a, p)| Step::Return(a, p)),
        1 => (d.clone(), 0..3usize, 0..3usize).prop_map(|(a, p, q)| Step::Merge(a, p, q)),
        1 => (d.clone(), 0..3usize).prop_map(|(a, p)| Step::Unmerge(a, p)),
        1 => (d.clone(), 0..3usize, status()).prop_map(|(a, v, s)| Step::Move(a, v, s)),
        1 => (d, 0..3usize).prop_map(|(a, v)| Step::Undo(a, v)),
    ];
    proptest::collection::vec(step, 1..14)
}

fn status() -> impl Strategy<Value = VisitStatus> {
    prop_oneof![
        Just(VisitStatus::Waiting),
        Just(VisitStatus::WithOfficer),
        Just(VisitStatus::Done),
        Just(VisitStatus::LeftWithoutService),
    ]
}

/// Runs `steps` on `n` desks that start from desk 0's event and three persons, then
/// passes everything to desk 0 and back in `order`: every desk must hold the same.
fn converge(n: usize, steps: &[Step], order: &[usize]) {
    let root = tempdir();
    let stick = root.path().join("stick");
    let desks: Vec<Store> = (0..n)
        .map(|i| desk(root.path(), &format!("d{i}")))
        .collect();
    let (ev, start) = event_with(&desks[0], &["Асанов", "Бакиев", "Осмонов"]);
    let shared: Vec<Id> = start
        .iter()
        .map(|v| desks[0].visit(*v).unwrap().unwrap().person)
        .collect();
    // A consultation every desk holds at each of the three visits: what `Amend` corrects.
    for v in &start {
        desks[0]
            .save_consultation(*v, None, wages(rub(100)), "o")
            .unwrap();
    }
    for d in &desks[1..] {
        send(&desks[0], d, &stick);
    }
    let mut latest: Vec<Option<Id>> = vec![None; n];
    let mut visits = start.len();
    // Every correction (person, part, value, the corrections of that part it was made
    // over) and the ones each desk has seen: those no correction of the same part was made
    // over must all be visible at the end, shown or listed as a conflict.
    let mut edits: Vec<(usize, bool, String, Vec<usize>)> = Vec::new();
    let mut known: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut merged = [false; 3];
    for (i, step) in steps.iter().enumerate() {
        match *step {
            Step::Arrive(d) => {
                let p = person_fields(&format!("Жээнбеков{i}"), "Нурлан");
                let q = desks[d].add_arrival(arrival(ev, PersonPick::New(p), "wages"), "o");
                latest[d] = Some(q.unwrap().visit.meta.id);
                visits += 1;
            }
            Step::Edit(d, p, phone) => {
                // Merged away on this desk already: the card is the person kept's.
                if let Some(person) = desks[d].person(shared[p]).unwrap() {
                    let mut f = person.fields;
                    let city = phone % 2 == 1;
                    let value = if city {
                        format!("Город {d}-{phone}")
                    } else {
                        format!("+99655{d}{phone:06}")
                    };
                    if city {
                        f.city = value.clone();
                    } else {
                        f.phone = Some(value.clone());
                    }
                    if desks[d].update_person(shared[p], f, "o").unwrap().is_some() {
                        let over = known[d]
                            .iter()
                            .copied()
                            .filter(|&e| edits[e].0 == p && edits[e].1 == city);
                        edits.push((p, city, value, over.collect()));
                        known[d].push(edits.len() - 1);
                    }
                }
            }
            Step::Return(d, p) => {
                if desks[d].person(shared[p]).unwrap().is_some() {
                    let pick = PersonPick::Existing(shared[p]);
                    let q = desks[d].add_arrival(arrival(ev, pick, "wages"), "o");
                    latest[d] = Some(q.unwrap().visit.meta.id);
                    visits += 1;
                }
            }
            Step::Merge(d, p, q) => {
                let s = &desks[d];
                if p != q
                    && s.person(shared[p]).unwrap().is_some()
                    && s.person(shared[q]).unwrap().is_some()
                {
                    s.merge_persons(shared[q], shared[p], "head").unwrap();
                    merged[p] = true;
                    merged[q] = true;
                }
            }
            Step::Unmerge(d, p) => {
                let s = &desks[d];
                if s.person(shared[p]).unwrap().is_some() {
                    let card = s.person_card(shared[p]).unwrap();
                    if let Some(m) = card.merged.last() {
                        s.unmerge_persons(shared[p], m.gone.meta.id, "head")
                            .unwrap();
                    }
                }
            }
            Step::Move(d, v, status) => {
                // Refused where the visit's state does not allow it, as at the desk.
                let _ = desks[d].set_visit_status(start[v], status, "o");
            }
            Step::Undo(d, v) => {
                let _ = desks[d].undo_visit_status(start[v], "o");
            }
            Step::Consult(d) => {
                if let Some(v) = latest[d] {
                    desks[d]
                        .save_consultation(v, None, wages(rub(100)), "o")
                        .unwrap();
                }
            }
            Step::Amend(d, k, n) => {
                let mut held = desks[d].consultations().unwrap();
                held.sort_by_key(|c| c.meta.id);
                if let Some(c) = held.get(k % held.len().max(1)) {
                    let mut f = c.fields.clone();
                    if n % 2 == 0 {
                        f.notes = format!("desk {d}: {n}");
                    } else {
                        f.claimed = rub(i64::from(n));
                    }
                    desks[d]
                        .save_consultation(c.visit, Some(c.meta.id), f, "o")
                        .unwrap();
                }
            }
            Step::Call(d) => {
                if let Some(v) = latest[d] {
                    let _ = desks[d].set_visit_status(v, VisitStatus::WithOfficer, "o");
                }
            }
            Step::Send(a, b) if a != b => {
                send(&desks[a], &desks[b], &stick);
                let seen = known[a].clone();
                known[b].extend(seen);
            }
            Step::Send(..) => {}
        }
    }
    for &d in order.iter().filter(|&&d| d != 0) {
        send(&desks[d], &desks[0], &stick);
    }
    for d in &desks[1..] {
        send(&desks[0], d, &stick);
    }
    let want = desks[0].view_hash().unwrap();
    // No record is left with a person merged away: it landed on the person kept.
    for d in &desks {
        assert_eq!(d.visits().unwrap().len(), visits, "no visit is lost");
        for v in d.visits().unwrap() {
            assert!(
                d.person(v.person).unwrap().is_some(),
                "visit of a gone person after {steps:?}"
            );
        }
        for c in d.consultations().unwrap() {
            assert!(
                d.person(c.person).unwrap().is_some(),
                "consultation of a gone person"
            );
        }
    }
    // Every losing value is in the conflict list (persons a merge may have taken away
    // keep their versions in the merge note instead).
    let conflicts = desks[0].conflicts().unwrap();
    let part = |f: &kezek::domain::PersonFields, city: bool| {
        if city {
            Some(f.city.clone())
        } else {
            f.phone.clone()
        }
    };
    for (e, (p, city, value, _)) in edits.iter().enumerate() {
        let over = edits.iter().any(|(_, _, _, o)| o.contains(&e));
        if over || merged[*p] {
            continue;
        }
        let shown = part(&desks[0].person(shared[*p]).unwrap().unwrap().fields, *city);
        let listed = conflicts.iter().any(|c| {
            c.id == shared[*p]
                && matches!(&c.other, kezek::domain::card::HistoryEntry::Person(v)
                    if part(&v.person.fields, *city).as_ref() == Some(value))
        });
        assert!(
            shown.as_ref() == Some(value) || listed,
            "{value} of person {p} is neither shown nor listed after {steps:?}"
        );
        // The only correction of its part left: merged in and shown, whatever other
        // parts other desks corrected meanwhile.
        let rivals = edits.iter().enumerate().any(|(f, (q, c, _, _))| {
            f != e && q == p && c == city && !edits.iter().any(|(_, _, _, o)| o.contains(&f))
        });
        if !rivals {
            assert_eq!(
                shown.as_ref(),
                Some(value),
                "the one correction of its part is not shown after {steps:?}"
            );
        }
    }
    let seen0 = bundle::seen_in(desks[0].dir()).unwrap();
    for (i, d) in desks.iter().enumerate() {
        assert_eq!(
            d.view_hash().unwrap(),
            want,
            "desk {i} differs after {steps:?}"
        );
        assert_eq!(
            bundle::seen_in(d.dir()).unwrap(),
            seen0,
            "desk {i} lacks ops"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..props() })]
    #[test]
    fn desks_exchanging_bundles_in_any_order_end_alike(
        n in 2..5usize,
        plan in steps(4),
        order in Just(vec![3usize, 1, 2]).prop_shuffle(),
    ) {
        let plan: Vec<Step> = plan
            .into_iter()
            .filter(|s| match *s {
                Step::Arrive(d)
                | Step::Consult(d)
                | Step::Call(d)
                | Step::Edit(d, ..)
                | Step::Amend(d, ..)
                | Step::Return(d, _)
                | Step::Merge(d, ..)
                | Step::Unmerge(d, _)
                | Step::Move(d, ..)
                | Step::Undo(d, _) => d < n,
                Step::Send(a, b) => a < n && b < n,
            })
            .collect();
        let order: Vec<usize> = order.into_iter().filter(|&d| d < n).collect();
        converge(n, &plan, &order);
    }
}

/// Cases of the convergence property: `PROPTEST_CASES` when set (the documented long run
/// sets 10,000), else enough for CI.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000)
}

#[test]
fn an_old_bundle_after_a_merge_lands_on_the_person_kept_and_brings_nobody_back() {
    let root = tempdir();
    let (a, b) = (desk(root.path(), "a"), desk(root.path(), "b"));
    let (ev, va) = event_with(&a, &["Асанов", "Асанов"]);
    let stick = root.path().join("stick");
    send(&a, &b, &stick);
    let kept = a.visit(va[0]).unwrap().unwrap().person;
    let dup = a.visit(va[1]).unwrap().unwrap().person;
    // Desk B, not having seen the merge: the duplicate comes back, and his phone is fixed.
    let back = b.add_arrival(arrival(ev, PersonPick::Existing(dup), "documents"), "b");
    let back = back.unwrap().visit.meta.id;
    let mut f = b.person(dup).unwrap().unwrap().fields;
    f.phone = Some("+996700000001".into());
    b.update_person(dup, f, "b").unwrap();
    let old = bundle_of(&b, &stick, "old.kzbundle");
    a.merge_persons(kept, dup, "head").unwrap();
    a.merge_bundles(&old, false).unwrap();
    assert!(
        a.person(dup).unwrap().is_none(),
        "the duplicate stays merged"
    );
    assert_eq!(
        a.visit(back).unwrap().unwrap().person,
        kept,
        "his new visit is the kept person's"
    );
    let kept_phones: Vec<_> = a
        .history(dup)
        .unwrap()
        .into_iter()
        .filter_map(|h| match h {
            kezek::domain::card::HistoryEntry::Person(v) => v.person.fields.phone,
            _ => None,
        })
        .collect();
    assert!(
        kept_phones.contains(&"+996700000001".to_string()),
        "the edit is kept: {kept_phones:?}"
    );
    // And desk B, merging the merge after its own ops, holds the same.
    send(&a, &b, &stick);
    assert!(b.person(dup).unwrap().is_none());
    assert_eq!(b.visit(back).unwrap().unwrap().person, kept);
    assert_eq!(a.view_hash().unwrap(), b.view_hash().unwrap());
    assert!(a.verify().unwrap().is_consistent() && b.verify().unwrap().is_consistent());
}

#[test]
fn a_person_registered_at_two_desks_is_listed_for_a_merge() {
    let root = tempdir();
    let (a, b) = (desk(root.path(), "a"), desk(root.path(), "b"));
    event_with(&a, &["Асанов", "Осмонов"]);
    // The same document and phone, typed at desk B (the fixture gives everyone one phone).
    event_with(&b, &["Асанов"]);
    let stick = root.path().join("stick");
    let r = b
        .merge_bundles(&bundle_of(&a, &stick, "a.kzbundle"), true)
        .unwrap();
    use kezek::domain::search::Likeness::{SameDocument, SamePhone};
    let listed: Vec<(&str, _)> = r
        .look_alikes
        .iter()
        .map(|l| (l.new.fields.surname.as_str(), l.why))
        .collect();
    assert_eq!(listed, [("Асанов", SameDocument), ("Осмонов", SamePhone)]);
    assert_eq!(r.look_alikes_total, 2);
    assert!(
        r.look_alikes
            .iter()
            .all(|l| l.on_record.meta.desk == b.desk())
    );
}

#[test]
fn a_desk_with_a_wrong_year_does_not_drag_the_others_clocks() {
    let root = tempdir();
    let a = desk(root.path(), "a");
    let mut f = desk(root.path(), "f");
    let ahead = t0() + chrono::Duration::days(730);
    f.set_clock(move || ahead);
    event_with(&f, &["Асанов"]);
    let stick = root.path().join("stick");
    let r = send(&f, &a, &stick);
    assert_eq!(
        r.clock_suspect, 2,
        "the event and the arrival are two years ahead"
    );
    assert_eq!(a.persons().unwrap().len(), 1, "merged all the same");
    event_with(&a, &["Бакиев"]);
    let seen = bundle::seen_in(a.dir()).unwrap();
    let (own, theirs) = (seen[&a.desk()] >> 16, seen[&f.desk()] >> 16);
    let day_ms = 86_400_000;
    assert!(
        own < (t0().timestamp_millis() as u64) + day_ms,
        "A kept its own clock: {own}"
    );
    assert!(theirs > own + 700 * day_ms);
    // A desk's own ops still move its clock (it stays after them all), and a bundle from A
    // to F and back still converges.
    send(&a, &f, &stick);
    send(&f, &a, &stick);
    assert_eq!(a.view_hash().unwrap(), f.view_hash().unwrap());
}

#[test]
fn a_bundle_is_never_written_into_the_data_directory() {
    let root = tempdir();
    let a = desk(root.path(), "a");
    event_with(&a, &["Асанов"]);
    let before = state(&a);
    for name in [
        "journal.kzj",
        "desk-id",
        "kezek.lock",
        "db",
        "x.kzbundle",
        "",
    ] {
        let out = a.dir().join(name);
        let e = bundle::write_bundle(a.dir(), &out, None, HOUR).unwrap_err();
        assert!(
            matches!(
                e,
                StoreError::Bundle(BundleError::InsideStore(_) | BundleError::NotAFile(_))
            ),
            "{name}: {e}"
        );
    }
    assert_eq!(state(&a), before);
    assert!(!a.dir().join("x.kzbundle").exists());
    assert_eq!(
        bundle::desk_of(a.dir()).unwrap(),
        a.desk(),
        "the desk id is whole"
    );
}

#[test]
fn a_bundle_made_for_another_desk_is_passed_over_and_leaves_no_gap() {
    let root = tempdir();
    let [a, b, c, d] = ["a", "b", "c", "d"].map(|n| desk(root.path(), n));
    event_with(&c, &["Асанов"]);
    let stick = root.path().join("stick");
    send(&c, &a, &stick); // C's first ops reach A only
    send(&a, &b, &stick);
    send(&b, &a, &stick); // A learns what B holds
    event_with(&c, &["Бакиев"]);
    send(&c, &a, &stick);
    let for_b = stick.join("for-b.kzbundle");
    let info = bundle::write_bundle(a.dir(), &for_b, Some(b.desk()), HOUR).unwrap();
    assert!(
        info.ops > 0 && info.ops < 6,
        "only what B lacks: {}",
        info.ops
    );
    let e = d.merge_bundles(&for_b, false).unwrap_err();
    assert!(
        matches!(e, StoreError::Bundle(BundleError::NotForThisDesk { .. })),
        "{e}"
    );
    // On a stick with every desk's bundles, D takes the whole ones and passes over B's.
    let folder = root.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    std::fs::rename(&for_b, folder.join("for-b.kzbundle")).unwrap();
    bundle::write_bundle(a.dir(), &folder.join("a.kzbundle"), None, HOUR).unwrap();
    let r = d.merge_bundles(&folder, false).unwrap();
    assert_eq!(r.not_for_us, vec![folder.join("for-b.kzbundle")]);
    assert_eq!(
        d.view_hash().unwrap(),
        a.view_hash().unwrap(),
        "nothing of C's is missing"
    );
    // B itself takes the bundle made for it.
    let r = b
        .merge_bundles(&folder.join("for-b.kzbundle"), false)
        .unwrap();
    assert!(r.ops_new > 0);
    assert_eq!(b.view_hash().unwrap(), a.view_hash().unwrap());
}

#[test]
fn a_desk_restored_from_an_older_backup_gets_its_lost_ops_back() {
    let root = tempdir();
    let (a, b) = (desk(root.path(), "a"), desk(root.path(), "b"));
    let (ev, _) = event_with(&b, &["Асанов"]);
    let backup = root.path().join("b.kzb");
    kezek::store::backup::write_backup(b.dir(), &backup).unwrap();
    // After the backup: an arrival that reaches desk A at lunch, then B's disk dies.
    let p = person_fields("Бакиев", "Нурлан");
    let lost = b
        .add_arrival(arrival(ev, PersonPick::New(p), "wages"), "b")
        .unwrap();
    let stick = root.path().join("stick");
    send(&b, &a, &stick);
    drop(b);
    let b2_dir = root.path().join("b2");
    kezek::store::backup::restore(&backup, &b2_dir, &Default::default()).unwrap();
    let b2 = open_store(&b2_dir);
    assert!(
        b2.visit(lost.visit.meta.id).unwrap().is_none(),
        "lost with the disk"
    );
    let p = person_fields("Осмонов", "Айбек");
    b2.add_arrival(arrival(ev, PersonPick::New(p), "wages"), "b")
        .unwrap();
    let r = send(&a, &b2, &stick);
    assert_eq!(
        r.own_recovered, 1,
        "the lost arrival (one op) came back from desk A"
    );
    assert!(b2.visit(lost.visit.meta.id).unwrap().is_some());
    send(&b2, &a, &stick);
    assert_eq!(a.view_hash().unwrap(), b2.view_hash().unwrap());
}

#[test]
fn a_bad_bundle_in_a_folder_is_named_and_not_the_good_one_before_it() {
    let root = tempdir();
    let [a, b, c] = ["a", "b", "c"].map(|n| desk(root.path(), n));
    event_with(&a, &["Асанов"]);
    let (_, vc) = event_with(&c, &["Бакиев"]);
    c.set_visit_status(vc[0], VisitStatus::WithOfficer, "c")
        .unwrap();
    let stick = root.path().join("stick");
    bundle_of(&a, &stick, "a-good.kzbundle");
    let whole = std::fs::read(bundle_of(&c, &stick, "z.kzbundle")).unwrap();
    let read = format::parse(Path::new("z"), &whole).unwrap();
    let orphan = rebuild(&read.head, &[read.payloads.last().unwrap().clone()]);
    std::fs::write(stick.join("z.kzbundle"), orphan).unwrap();
    let e = b.merge_bundles(&stick, false).unwrap_err().to_string();
    assert!(e.contains("z.kzbundle") && !e.contains("a-good"), "{e}");
}

#[test]
fn a_desk_whose_clock_was_set_back_says_so_at_start() {
    let root = tempdir();
    let dir = root.path().join("a");
    {
        let mut a = desk(root.path(), "a");
        let later = t0() + chrono::Duration::hours(5);
        a.set_clock(move || later);
        event_with(&a, &["Асанов"]);
        assert_eq!(
            a.clock_behind_minutes(),
            None,
            "its clock is where its ops are"
        );
    }
    let a = open_store(&dir); // the laptop's clock is back at t0: five hours behind
    assert_eq!(a.clock_behind_minutes(), Some(300));
}

#[test]
fn a_conflict_is_listed_on_both_desks_and_settled_by_one_choice_that_travels() {
    let root = tempdir();
    let (a, b) = (desk(root.path(), "a"), desk(root.path(), "b"));
    let (_, va) = event_with(&a, &["Асанов"]);
    let c = a
        .save_consultation(va[0], None, wages(rub(50_000)), "a")
        .unwrap();
    let stick = root.path().join("stick");
    send(&a, &b, &stick);
    // The same claim corrected on both desks before they meet: 60,000 here, 70,000 there.
    a.save_consultation(va[0], Some(c.meta.id), wages(rub(60_000)), "a")
        .unwrap();
    b.save_consultation(va[0], Some(c.meta.id), wages(rub(70_000)), "b")
        .unwrap();
    send(&a, &b, &stick);
    send(&b, &a, &stick);
    let (ca, cb) = (a.conflicts().unwrap(), b.conflicts().unwrap());
    assert_eq!(
        ca, cb,
        "the same conflict, the same version shown, on both desks"
    );
    assert_eq!(ca.len(), 1);
    assert_eq!((ca[0].id, ca[0].rev, ca[0].money), (c.meta.id, 2, true));
    let claimed = |e: &kezek::domain::card::HistoryEntry| match e {
        kezek::domain::card::HistoryEntry::Consultation(k) => k.fields.claimed,
        _ => None,
    };
    let (shown, other) = (claimed(&ca[0].shown), claimed(&ca[0].other));
    assert!(
        (shown, other) == (rub(60_000), rub(70_000))
            || (shown, other) == (rub(70_000), rub(60_000)),
        "{shown:?} {other:?}"
    );
    // Desk B takes the other amount; A learns it with the next bundle.
    let rev = b.resolve_conflict(c.meta.id, true, "b").unwrap();
    assert_eq!(rev, Some(3));
    send(&b, &a, &stick);
    for d in [&a, &b] {
        assert!(d.conflicts().unwrap().is_empty());
        assert_eq!(
            d.consultation(c.meta.id).unwrap().unwrap().fields.claimed,
            other
        );
    }
    assert_eq!(a.view_hash().unwrap(), b.view_hash().unwrap());
    assert_eq!(
        a.resolve_conflict(c.meta.id, false, "a").unwrap(),
        None,
        "settled"
    );
}
