//! Fixtures shared by the integration tests.
#![allow(dead_code)]

pub mod cli;
pub mod disk;
pub mod rig;
pub mod tmux;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, NaiveDate, Utc};
use kezek::app::Context;
use kezek::domain::{
    Arrival, Currency, DeskId, Event, EventFields, Id, Lang, Meta, Money, Person, PersonFields,
    PersonPick, Region, Sex, Visit, VisitStatus,
};
use kezek::store::{Store, StoreOptions};

/// A temporary folder for a store and what a test writes beside it, removed when dropped.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

pub fn t0() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_500_000, 0).unwrap() // 2026-11-24 06:00 UTC, 09:00 at the venue (+03:00)
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn event_fields(city: &str) -> EventFields {
    EventFields {
        date: date(2026, 11, 24),
        city: city.into(),
        venue: "Посольство Кыргызской Республики".into(),
        hosts: vec!["Embassy".into(), "Ombudsperson".into()],
        utc_offset_min: 180,
    }
}

pub fn person_fields(surname: &str, given: &str) -> PersonFields {
    PersonFields {
        surname: surname.into(),
        given_name: given.into(),
        patronymic: String::new(),
        birth_date: Some(date(1990, 5, 14)),
        sex: Sex::Male,
        document: Some(format!("AN{:07}", surname.len() * 1000 + given.len())),
        phone: Some("+996555123456".into()),
        region: Some(Region::Osh),
        city: "Москва".into(),
    }
}

pub fn arrival(event: Id, person: PersonPick, purpose: &str) -> Arrival {
    Arrival {
        event,
        person,
        purpose: purpose.into(),
        desk_name: "Desk 1".into(),
        language: Lang::Ky,
    }
}

pub fn rub(units: i64) -> Option<Money> {
    Some(Money::new(Currency::Rub, units * 100))
}

/// The app's context at Desk 3, three hours east of UTC, with the built-in taxonomy.
pub fn context(officer: &str, language: Lang, idle_lock_minutes: u32) -> Context {
    Context {
        desk_name: "Desk 3".into(),
        desk_letter: String::new(),
        own_desk: None,
        desks: Default::default(),
        officer: officer.into(),
        language,
        local_offset_min: 180,
        idle_lock_minutes,
        anonymity_k: kezek::export::DEFAULT_K,
        taxonomy: Arc::new(kezek::taxonomy::builtin()),
        printer: None,
    }
}

/// Opens a store whose clock advances one minute per reading, so times are distinct.
pub fn open_store(dir: &Path) -> Store {
    let (mut store, _) = Store::open(dir, &StoreOptions::default()).unwrap();
    let minutes = Arc::new(AtomicI64::new(0));
    store.set_clock(move || {
        t0() + chrono::Duration::minutes(minutes.fetch_add(1, Ordering::SeqCst))
    });
    store
}

/// A store (left closed) with one event and `n` arrivals, each its own confirmed op.
/// Returns the visit ids in order.
pub fn store_with_arrivals(dir: &Path, n: usize) -> Vec<Id> {
    let (store, _) = Store::open(dir, &StoreOptions::default()).unwrap();
    arrivals(&store, n, "x")
}

/// One event in Moscow and `n` new persons arriving at it (`Асанов0` … ), saved by
/// `officer`, each its own confirmed op. Returns the visit ids in order.
pub fn arrivals(store: &Store, n: usize, officer: &str) -> Vec<Id> {
    let ev = store
        .create_event(event_fields("Москва"), officer)
        .unwrap()
        .meta
        .id;
    (0..n)
        .map(|i| {
            let p = person_fields(&format!("Асанов{i}"), "Бакыт");
            store
                .add_arrival(arrival(ev, PersonPick::New(p), "wages"), officer)
                .unwrap()
                .visit
                .meta
                .id
        })
        .collect()
}

/// The ids of every visit in `store`.
pub fn visit_ids(store: &Store) -> BTreeSet<Id> {
    store.visits().unwrap().iter().map(|v| v.meta.id).collect()
}

/// Offsets of the frames of a journal (a frame's start), read by length fields.
pub fn frame_starts(bytes: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut pos = 8;
    while pos + 8 <= bytes.len() {
        out.push(pos);
        let len = u32::from_le_bytes(bytes[pos..pos + 4].try_into().unwrap()) as usize;
        pos += 8 + len;
    }
    out
}

/// The demo's records (`kezek demo`'s generator) in an empty store.
pub fn demo(store: &Store, persons: usize, events: usize, seed: u64) {
    let opts = kezek::bulk::demo::DemoOptions {
        persons,
        events,
        seed,
        ..Default::default()
    };
    kezek::bulk::demo::generate(store, &kezek::taxonomy::builtin(), &opts, &mut |_, _, _| {})
        .unwrap();
}

/// The files directly in `dir` with their bytes, by name.
pub fn files_of(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

pub fn meta(n: u128) -> Meta {
    Meta::new(Id(n), DeskId(7), t0())
}

pub fn sample_event() -> Event {
    Event {
        meta: meta(1),
        fields: event_fields("Москва"),
    }
}

pub fn sample_person(n: u128, surname: &str, given: &str) -> Person {
    Person {
        meta: meta(n),
        fields: person_fields(surname, given),
    }
}

pub fn sample_visit(n: u128, person: Id, queue_no: u32, status: VisitStatus) -> Visit {
    Visit {
        meta: meta(n),
        event: Id(1),
        person,
        queue_no,
        desk_name: "Desk 1".into(),
        purpose: "Unpaid wages".into(),
        language: Lang::Ru,
        arrived: t0() + chrono::Duration::minutes(i64::from(queue_no) * 3),
        status,
        history: vec![],
    }
}

/// Proptest's settings (cases from `PROPTEST_CASES` or its default), with failures kept
/// beside the test's source (`tests/domain/search.rs` → `tests/domain/search.proptest-regressions`).
/// Proptest's own default, once a test folder has a `main.rs`, is
/// `tests/proptest-regressions/search.txt`: one folder for the modules of every binary,
/// named by file only, where `domain/report.rs` and `store/report.rs` would share seeds.
pub fn props() -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
        )),
        ..proptest::test_runner::Config::default()
    }
}

/// Every cell of a drawn test terminal as text, one line per row.
pub fn screen_text(t: &ratatui::Terminal<ratatui::backend::TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
