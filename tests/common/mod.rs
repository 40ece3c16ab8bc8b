//! Fixtures shared by the integration tests.
#![allow(dead_code)]

pub mod cli;
pub mod disk;
pub mod rig;

use chrono::{DateTime, NaiveDate, Utc};
use kezek::domain::{
    Arrival, DeskId, Event, EventFields, Id, Lang, Meta, Person, PersonFields, PersonPick, Region,
    Sex, Visit, VisitStatus,
};

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
