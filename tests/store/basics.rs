//! Store behaviour on real temp directories: durability, replay, locking, indexes.

use std::fs::OpenOptions;
use std::io::Write;

use crate::common::open_store as open;
use crate::common::*;
use kezek::domain::{PersonPick, QueueEntry, VisitStatus};
use kezek::store::journal::encode_frame;
use kezek::store::{JOURNAL_FILE, SLED_DIR, Store, StoreError, StoreOptions};
use proptest::prelude::*;

fn snapshot(store: &Store) -> Vec<(u32, String, VisitStatus, usize)> {
    let mut out = Vec::new();
    for e in store.events().unwrap() {
        for QueueEntry { visit, person } in store.queue(e.meta.id).unwrap() {
            out.push((
                visit.queue_no,
                person.map(|p| p.fields.full_name()).unwrap_or_default(),
                visit.status,
                visit.history.len(),
            ));
        }
    }
    out
}

fn fill(store: &Store) -> kezek::domain::Id {
    let ev = store.create_event(event_fields("Москва"), "Айбек").unwrap();
    let a = store
        .add_arrival(
            arrival(
                ev.meta.id,
                PersonPick::New(person_fields("Асанов", "Бакыт")),
                "wages",
            ),
            "Айбек",
        )
        .unwrap();
    store
        .add_arrival(
            arrival(
                ev.meta.id,
                PersonPick::New(person_fields("Жээнбеков", "Өмүрбек")),
                "patent",
            ),
            "Айбек",
        )
        .unwrap();
    store
        .set_visit_status(a.visit.meta.id, VisitStatus::WithOfficer, "Айбек")
        .unwrap();
    store
        .set_visit_status(a.visit.meta.id, VisitStatus::Done, "Айбек")
        .unwrap();
    ev.meta.id
}

#[test]
fn write_reopen_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let before = {
        let store = open(dir.path());
        fill(&store);
        snapshot(&store)
    };
    assert_eq!(
        before,
        vec![
            (1, "Асанов Бакыт".into(), VisitStatus::Done, 2),
            (2, "Жээнбеков Өмүрбек".into(), VisitStatus::Waiting, 0),
        ]
    );
    let store = open(dir.path());
    assert_eq!(snapshot(&store), before);
    let events = store.events().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].fields.city, "Москва");
    let report = store.verify().unwrap();
    assert!(report.is_consistent(), "{report:?}");
    assert_eq!(report.journal_ops, 5);
}

#[test]
fn queue_numbers_continue_per_event_and_existing_persons_are_reused() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let ev = fill(&store);
    let other = store
        .create_event(event_fields("Екатеринбург"), "x")
        .unwrap();
    let asanov = store.suggest_persons("асанов", 5).unwrap();
    assert_eq!(asanov.len(), 1);
    let again = store
        .add_arrival(
            arrival(ev, PersonPick::Existing(asanov[0].meta.id), "follow-up"),
            "x",
        )
        .unwrap();
    assert_eq!(again.visit.queue_no, 3);
    let first_elsewhere = store
        .add_arrival(
            arrival(other.meta.id, PersonPick::Existing(asanov[0].meta.id), "x"),
            "x",
        )
        .unwrap();
    assert_eq!(first_elsewhere.visit.queue_no, 1);
    assert_eq!(
        store.counts().unwrap().persons,
        2,
        "no duplicate person was created"
    );
    assert_eq!(store.counts().unwrap().visits, 4);
}

/// Queue numbers are kept 64 to a bucket: numbering and the queue carry on across buckets,
/// and a person's visits (another bucket) are all found, before and after a reopen.
#[test]
fn queue_numbers_carry_on_across_index_buckets() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let store = open(dir.path());
        let ev = store
            .create_event(event_fields("Москва"), "x")
            .unwrap()
            .meta
            .id;
        let first = store
            .add_arrival(
                arrival(ev, PersonPick::New(person_fields("Асанов", "Бакыт")), "x"),
                "x",
            )
            .unwrap();
        let person = first.visit.person;
        for n in 2..=130u32 {
            let pick = if n % 2 == 0 {
                PersonPick::Existing(person)
            } else {
                PersonPick::New(person_fields("Жээнбеков", &format!("Өмүрбек{n}")))
            };
            let q = store.add_arrival(arrival(ev, pick, "x"), "x").unwrap();
            assert_eq!(q.visit.queue_no, n);
        }
        let numbers: Vec<u32> = store
            .queue(ev)
            .unwrap()
            .iter()
            .map(|q| q.visit.queue_no)
            .collect();
        assert_eq!(numbers, (1..=130).collect::<Vec<_>>());
        assert!(store.verify().unwrap().is_consistent());
        (ev, person)
    };
    let store = open(dir.path());
    assert_eq!(store.queue(id.0).unwrap().len(), 130);
    assert_eq!(store.next_queue_no(id.0, store.desk()).unwrap(), 131);
    let card = store.person_card(id.1).unwrap();
    assert_eq!(
        card.visits.len(),
        66,
        "the first visit and every even number"
    );
}

#[test]
fn refused_move_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    fill(&store);
    let ops = store.verify().unwrap().journal_ops;
    let ev = store.events().unwrap()[0].meta.id;
    let done = store.queue(ev).unwrap()[0].visit.meta.id;
    let err = store
        .set_visit_status(done, VisitStatus::Waiting, "x")
        .unwrap_err();
    assert!(matches!(err, StoreError::Transition(_)), "{err}");
    assert_eq!(store.verify().unwrap().journal_ops, ops);
}

#[test]
fn index_stays_consistent_after_updates() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let ev = fill(&store);
    // Replace a person with a new version that changes every indexed field.
    let mut p = store.suggest_persons("жээнбеков", 5).unwrap().remove(0);
    p.fields.surname = "Осмоналиев".into();
    p.fields.document = Some("ID7654321".into());
    p.fields.phone = Some("+79123456789".into());
    p.meta.touch(t0());
    store
        .commit("x", vec![kezek::store::Change::PutPerson(p.clone())])
        .unwrap();
    assert!(store.suggest_persons("жээнбеков", 5).unwrap().is_empty());
    assert_eq!(
        store.suggest_persons("осмон", 5).unwrap()[0].meta.id,
        p.meta.id
    );
    assert_eq!(
        store.suggest_persons("id765", 5).unwrap()[0].meta.id,
        p.meta.id
    );
    assert_eq!(
        store.suggest_persons("8912 345", 5).unwrap()[0].meta.id,
        p.meta.id
    );
    assert!(
        store
            .suggest_persons("AN", 5)
            .unwrap()
            .iter()
            .all(|x| x.meta.id != p.meta.id)
    );
    // An older version arriving later (a merge) does not overwrite the newer one.
    let mut stale = p.clone();
    stale.meta.rev = 1;
    stale.fields.surname = "Старый".into();
    store
        .commit("x", vec![kezek::store::Change::PutPerson(stale)])
        .unwrap();
    assert_eq!(
        store.person(p.meta.id).unwrap().unwrap().fields.surname,
        "Осмоналиев"
    );
    let report = store.verify().unwrap();
    assert!(report.is_consistent(), "{report:?}");
    assert_eq!(store.queue(ev).unwrap().len(), 2);
}

#[test]
fn suggestions_by_surname_given_name_document_and_phone() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    fill(&store);
    let names = |q: &str| -> Vec<String> {
        store
            .suggest_persons(q, 8)
            .unwrap()
            .into_iter()
            .map(|p| p.fields.full_name())
            .collect()
    };
    assert_eq!(names("Асанов"), vec!["Асанов Бакыт"]);
    assert_eq!(names("АСАН"), vec!["Асанов Бакыт"]);
    assert_eq!(names("жээнбеков өм"), vec!["Жээнбеков Өмүрбек"]);
    assert!(names("жээнбеков б").is_empty());
    assert_eq!(names("0555 12").len(), 2);
    assert_eq!(names("+996555").len(), 2);
    assert!(names("").is_empty());
    assert!(names("Zzz").is_empty());
    // Across scripts, and kept up to date by later saves and by a rebuild.
    assert_eq!(names("Asanov Bakyt"), vec!["Асанов Бакыт"]);
    assert_eq!(names("omurbek jeenbekov"), vec!["Жээнбеков Өмүрбек"]);
    let ev = store.events().unwrap()[0].meta.id;
    store
        .add_arrival(
            arrival(
                ev,
                PersonPick::New(person_fields("Токтосунова", "Айгүл")),
                "docs",
            ),
            "a",
        )
        .unwrap();
    assert_eq!(names("Toktosunova"), vec!["Токтосунова Айгүл"]);
    store.rebuild().unwrap();
    assert_eq!(names("Toktosunova aigul"), vec!["Токтосунова Айгүл"]);
}

#[test]
fn second_open_of_the_same_directory_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let _first = open(dir.path());
    let err = Store::open(dir.path(), &StoreOptions::default())
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::Locked { .. }));
    let msg = err.to_string();
    assert!(msg.contains(&dir.path().display().to_string()), "{msg}");
    assert!(msg.contains("another kezek"), "{msg}");
}

/// A copy of the lock held for a moment (a forked child before it execs holds one) is
/// waited out; one held as long as another kezek holds it is "in use".
#[test]
fn a_lock_held_for_a_moment_is_waited_out() {
    let dir = tempfile::tempdir().unwrap();
    drop(open(dir.path()));
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(dir.path().join(kezek::store::LOCK_FILE))
        .unwrap();
    lock.try_lock().unwrap();
    let holder = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(60));
        drop(lock);
    });
    let opened = Store::open(dir.path(), &StoreOptions::default());
    holder.join().unwrap();
    assert!(opened.is_ok(), "{:?}", opened.err());
    drop(opened);
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(dir.path().join(kezek::store::LOCK_FILE))
        .unwrap();
    lock.try_lock().unwrap();
    let started = std::time::Instant::now();
    let err = Store::open(dir.path(), &StoreOptions::default())
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::Locked { .. }), "{err}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "said at once"
    );
}

#[test]
fn deleted_database_comes_back_from_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let before = {
        let store = open(dir.path());
        fill(&store);
        snapshot(&store)
    };
    std::fs::remove_dir_all(dir.path().join(SLED_DIR)).unwrap();
    let (store, report) = Store::open(dir.path(), &StoreOptions::default()).unwrap();
    assert_eq!(report.replayed, 5);
    assert_eq!(snapshot(&store), before);
    assert!(store.verify().unwrap().is_consistent());
}

#[test]
fn database_behind_the_journal_catches_up() {
    // A crash after the journal sync but before sled flushed: simulate by appending an op
    // to the journal of a closed store, as if sled never saw it.
    let dir = tempfile::tempdir().unwrap();
    let (ev, extra) = {
        let store = open(dir.path());
        let ev = fill(&store);
        (ev, store.new_meta())
    };
    let op = kezek::store::Op {
        id: extra.id,
        desk: extra.desk,
        hlc: u64::MAX / 2,
        officer: "x".into(),
        changes: vec![kezek::store::Change::PutPerson(kezek::domain::Person {
            meta: extra,
            fields: person_fields("Токтосунова", "Айгүл"),
        })],
    };
    let frame = encode_frame(&kezek::store::codec::encode(&op).unwrap());
    let mut f = OpenOptions::new()
        .append(true)
        .open(dir.path().join(JOURNAL_FILE))
        .unwrap();
    f.write_all(&frame).unwrap();
    drop(f);
    let (store, report) = Store::open(dir.path(), &StoreOptions::default()).unwrap();
    assert_eq!(report.replayed, 1);
    assert_eq!(store.suggest_persons("токтосунова", 5).unwrap().len(), 1);
    assert_eq!(store.queue(ev).unwrap().len(), 2);
    // The clock continues after the replayed op.
    let next = store
        .create_event(event_fields("Новосибирск"), "x")
        .unwrap();
    assert!(next.meta.created.timestamp() > 0);
}

#[test]
fn torn_last_journal_record_is_dropped_and_the_rest_kept() {
    let dir = tempfile::tempdir().unwrap();
    let before = {
        let store = open(dir.path());
        fill(&store);
        snapshot(&store)
    };
    // Power cut in the middle of appending a sixth op: half a frame on disk, and sled
    // (deleted here) has to be rebuilt from what survived.
    let journal = dir.path().join(JOURNAL_FILE);
    let good_len = std::fs::metadata(&journal).unwrap().len();
    let frame = encode_frame(&[42u8; 300]);
    let mut f = OpenOptions::new().append(true).open(&journal).unwrap();
    f.write_all(&frame[..150]).unwrap();
    drop(f);
    std::fs::remove_dir_all(dir.path().join(SLED_DIR)).unwrap();
    let (store, report) = Store::open(dir.path(), &StoreOptions::default()).unwrap();
    assert_eq!(report.dropped_tail_bytes, 150);
    assert_eq!(std::fs::metadata(&journal).unwrap().len(), good_len);
    assert_eq!(snapshot(&store), before);
    // And writing goes on after the cut.
    let ev = store.events().unwrap()[0].meta.id;
    store
        .add_arrival(
            arrival(ev, PersonPick::New(person_fields("Усенова", "Үмүт")), "x"),
            "x",
        )
        .unwrap();
    assert!(store.verify().unwrap().is_consistent());
}

#[test]
fn journal_truncated_inside_its_last_record_keeps_every_earlier_record() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = open(dir.path());
        fill(&store);
    }
    let journal = dir.path().join(JOURNAL_FILE);
    let len = std::fs::metadata(&journal).unwrap().len();
    // Cut the last real record (the final status move) in half.
    OpenOptions::new()
        .write(true)
        .open(&journal)
        .unwrap()
        .set_len(len - 20)
        .unwrap();
    std::fs::remove_dir_all(dir.path().join(SLED_DIR)).unwrap();
    let (store, report) = Store::open(dir.path(), &StoreOptions::default()).unwrap();
    assert!(report.dropped_tail_bytes > 0);
    assert_eq!(report.replayed, 4);
    let s = snapshot(&store);
    assert_eq!(
        s[0].2,
        VisitStatus::WithOfficer,
        "the torn move to done is gone, the rest is kept"
    );
    assert_eq!(s.len(), 2);
}

#[derive(Clone, Debug)]
enum Step {
    Arrive(usize),
    Again(usize),
    Move(usize, VisitStatus),
}

fn step() -> impl Strategy<Value = Step> {
    let status = proptest::sample::select(vec![
        VisitStatus::Waiting,
        VisitStatus::WithOfficer,
        VisitStatus::Done,
        VisitStatus::LeftWithoutService,
    ]);
    prop_oneof![
        (0usize..4).prop_map(Step::Arrive),
        (0usize..8).prop_map(Step::Again),
        ((0usize..8), status).prop_map(|(i, s)| Step::Move(i, s)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..props() })]

    /// Any sequence of arrivals and queue moves: the view after reopen, and after a
    /// rebuild from the journal alone, equals the view before; the index always matches.
    #[test]
    fn any_history_survives_reopen_and_rebuild(steps in proptest::collection::vec(step(), 1..25)) {
        let dir = tempfile::tempdir().unwrap();
        let before = {
            let store = open(dir.path());
            let ev = store.create_event(event_fields("Москва"), "x").unwrap().meta.id;
            let names = ["Асанов", "Asanov", "Жээнбеков", "Үмөтов"];
            for s in &steps {
                let queue = store.queue(ev).unwrap();
                match s {
                    Step::Arrive(i) => {
                        store.add_arrival(arrival(ev, PersonPick::New(person_fields(names[*i], "Б")), "p"), "x").unwrap();
                    }
                    Step::Again(i) => if let Some(row) = queue.get(*i) {
                        store.add_arrival(arrival(ev, PersonPick::Existing(row.visit.person), "p"), "x").unwrap();
                    },
                    Step::Move(i, to) => if let Some(row) = queue.get(*i) {
                        let allowed = row.visit.status.can_move_to(*to);
                        prop_assert_eq!(store.set_visit_status(row.visit.meta.id, *to, "x").is_ok(), allowed);
                    },
                }
            }
            let r = store.verify().unwrap();
            prop_assert!(r.is_consistent(), "{:?}", r);
            let numbers: Vec<u32> = store.queue(ev).unwrap().iter().map(|q| q.visit.queue_no).collect();
            prop_assert_eq!(numbers, (1..=store.counts().unwrap().visits as u32).collect::<Vec<_>>());
            snapshot(&store)
        };
        {
            let store = open(dir.path());
            prop_assert_eq!(snapshot(&store), before.clone());
        }
        std::fs::remove_dir_all(dir.path().join(SLED_DIR)).unwrap();
        let store = open(dir.path());
        prop_assert_eq!(snapshot(&store), before);
        prop_assert!(store.verify().unwrap().is_consistent());
    }
}

/// The desk's save of an arrival for a new person, in one round trip: refused while
/// persons on record look like them, and then nothing is written.
#[test]
fn an_arrival_for_a_new_person_who_looks_like_someone_on_record_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let ev = store.create_event(event_fields("Москва"), "Айбек").unwrap();
    let asanov = person_fields("Асанов", "Бакыт");
    let first = store
        .add_arrival_checked(
            arrival(ev.meta.id, PersonPick::New(asanov.clone()), "wages"),
            "Айбек",
        )
        .unwrap();
    assert_eq!(first.visit.queue_no, 1, "nobody on record: saved");

    // Same phone as Асанов: refused, nothing written.
    let before = (store.counts().unwrap(), store.journal_extent().1);
    let twin = person_fields("Жээнбеков", "Өмүрбек");
    let err = store
        .add_arrival_checked(
            arrival(ev.meta.id, PersonPick::New(twin.clone()), "patent"),
            "Айбек",
        )
        .unwrap_err();
    let StoreError::LookAlikes(found) = &err else {
        panic!("{err:?}");
    };
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0.meta.id, first.person.as_ref().unwrap().meta.id);
    assert_eq!(err.msg_id(), Some("flash-look-alikes"));
    assert!(
        !err.to_string().contains("Асанов"),
        "no names in the text: {err}"
    );
    assert_eq!((store.counts().unwrap(), store.journal_extent().1), before);
    assert_eq!(store.queue(ev.meta.id).unwrap().len(), 1);

    // Someone unlike anyone on record is saved.
    let other = kezek::domain::PersonFields {
        birth_date: Some(date(1985, 1, 2)),
        document: Some("ID1234567".into()),
        phone: Some("+996700000001".into()),
        ..person_fields("Токтогулов", "Нурлан")
    };
    let saved = store
        .add_arrival_checked(
            arrival(ev.meta.id, PersonPick::New(other), "patent"),
            "Айбек",
        )
        .unwrap();
    assert_eq!(saved.visit.queue_no, 2);
    assert_eq!(store.counts().unwrap().persons, 2);

    // The desk saw the look-alikes and saves a new person after all: the plain command.
    store
        .add_arrival(
            arrival(ev.meta.id, PersonPick::New(twin), "patent"),
            "Айбек",
        )
        .unwrap();
    assert_eq!(store.counts().unwrap().persons, 3);
}

#[test]
fn an_arrival_for_a_person_on_record_is_never_refused_for_look_alikes() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let ev = store.create_event(event_fields("Москва"), "Айбек").unwrap();
    // Two persons on record who look alike (same phone).
    let a = store
        .add_arrival(
            arrival(
                ev.meta.id,
                PersonPick::New(person_fields("Асанов", "Бакыт")),
                "wages",
            ),
            "Айбек",
        )
        .unwrap();
    store
        .add_arrival(
            arrival(
                ev.meta.id,
                PersonPick::New(person_fields("Асанова", "Бакыт")),
                "wages",
            ),
            "Айбек",
        )
        .unwrap();
    let id = a.person.unwrap().meta.id;
    let again = store
        .add_arrival_checked(
            arrival(ev.meta.id, PersonPick::Existing(id), "patent"),
            "Айбек",
        )
        .unwrap();
    assert_eq!(again.person.unwrap().meta.id, id);
    assert_eq!(again.visit.queue_no, 3);
    assert_eq!(store.counts().unwrap().persons, 2);
}

/// Reads by type: the type alone says where a record is, as the named getters read it.
#[test]
fn typed_reads_find_each_kind_by_its_type() {
    use kezek::domain::{Event, Person, Visit};
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let ev = fill(&store);
    assert_eq!(store.get::<Event>(ev).unwrap(), store.event(ev).unwrap());
    assert!(
        store.get::<Person>(ev).unwrap().is_none(),
        "an event is no person"
    );
    let persons = store.scan::<Person>().unwrap();
    assert_eq!(persons, store.persons().unwrap());
    assert_eq!(persons.len(), 2);
    let mut visits = Vec::new();
    store
        .for_each(|v: Visit| {
            visits.push(v);
            Ok::<_, StoreError>(())
        })
        .unwrap();
    assert_eq!(visits, store.visits().unwrap());
}
