//! One clock: the header, a card's visits, consultations and history in the venue's time,
//! whatever the laptop's own offset; times of no event marked with their offset.

use crate::common::*;
use chrono::{DateTime, Duration, Utc};
use kezek::app::keymap::Key;
use kezek::app::pages::CardPage;
use kezek::app::{Action, Page, State, update};
use kezek::domain::card::PersonCard;
use kezek::domain::history::{FieldChange, Subject, Value, Version};
use kezek::domain::{Consultation, ConsultationFields, Event, Id, Lang, QueueEntry, VisitStatus};
use kezek::i18n::I18n;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn draw(state: &State) -> Terminal<TestBackend> {
    let i18n = I18n::of(state.ctx.language);
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| kezek::ui::render(f, state, &i18n)).unwrap();
    t
}

/// 22:30 UTC on 7 December: already 04:30 on the 8th in Omsk (UTC+6).
fn late() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-07T22:30:00Z")
        .unwrap()
        .to_utc()
}

fn omsk() -> Event {
    let mut e = sample_event();
    e.fields.city = "Омск".into();
    e.fields.date = date(2026, 12, 8);
    e.fields.utc_offset_min = 360;
    e
}

/// A card with a visit at 04:20 Omsk time, a consultation saved at 04:30 and the phone
/// corrected at 04:35 (all still the 7th in UTC).
fn card() -> PersonCard {
    let mut v = sample_visit(100, Id(200), 1, VisitStatus::Waiting);
    v.arrived = late() - Duration::minutes(10);
    let mut cons = Consultation {
        meta: meta(5),
        visit: Id(100),
        person: Id(200),
        event: Id(1),
        officer: "Жылдыз".into(),
        fields: ConsultationFields {
            topics: vec!["wages.unpaid".into()],
            outcome: "advised".into(),
            ..Default::default()
        },
    };
    cons.meta.created = late();
    let phone = |s: &str| Value::Text(s.into());
    PersonCard {
        person: sample_person(200, "Асанов", "Бакыт"),
        visits: vec![(v, Some(omsk()))],
        consultations: vec![cons],
        memberships: vec![],
        merged: vec![],
        versions: vec![
            Version {
                at: late() + Duration::minutes(5),
                officer: "Жылдыз".into(),
                rev: 2,
                subject: Subject::Person,
                changes: vec![FieldChange {
                    field: "field-phone",
                    before: phone("+996555000111"),
                    after: phone("+996555123456"),
                }],
            },
            Version {
                at: late() - Duration::minutes(10),
                officer: String::new(),
                rev: 1,
                subject: Subject::Person,
                changes: vec![],
            },
        ],
        unmerged: vec![],
        undone: vec![],
    }
}

/// The card opened from Omsk's queue on a laptop `machine_offset` minutes east of UTC.
fn from_the_queue(machine_offset: i32) -> State {
    let mut ctx = context("Жылдыз", Lang::Ru, 10);
    ctx.local_offset_min = machine_offset;
    let mut s = State::new(ctx, late());
    update(&mut s, Action::EventsLoaded(vec![omsk()]));
    update(&mut s, Action::Key(Key::Enter));
    let c = card();
    let rows = vec![QueueEntry {
        visit: c.visits[0].0.clone(),
        person: Some(c.person.clone()),
    }];
    update(
        &mut s,
        Action::QueueLoaded {
            event: omsk(),
            rows,
        },
    );
    update(&mut s, Action::Key(Key::Char('p')));
    update(&mut s, Action::PersonCardLoaded(Box::new(c)));
    s
}

fn row<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no row with {needle:?}:\n{text}"))
}

#[test]
fn the_header_and_the_card_show_the_venues_time_ru_80x24() {
    // The laptop is on UTC, as the was.
    let s = from_the_queue(0);
    let term = draw(&s);
    let text = screen_text(&term);
    let header = text.lines().next().unwrap_or_default();
    assert!(
        header.contains("08.12.2026 04:30") && !header.contains("UTC"),
        "the header is Omsk's time, plain as the queue's: {header}"
    );
    assert!(
        row(&text, "№ 1").contains("08.12.2026 04:20"),
        "the visit at its venue's time:\n{text}"
    );
    assert!(
        row(&text, "Дана консультация").contains("08.12.2026"),
        "the consultation saved at 22:30 UTC is on the 8th in Omsk:\n{text}"
    );
    assert!(
        row(&text, "Жылдыз · ").contains("08.12.2026 04:35"),
        "the phone's correction at Omsk's time:\n{text}"
    );
    assert!(
        !text.contains("07.12.2026") && !text.contains("22:"),
        "nothing shows the UTC day or hour:\n{text}"
    );
    insta::assert_snapshot!(term.backend());
}

#[test]
fn the_laptops_own_offset_does_not_change_the_card() {
    let utc = screen_text(&draw(&from_the_queue(0)));
    for machine in [-300, 180, 600] {
        assert_eq!(
            screen_text(&draw(&from_the_queue(machine))),
            utc,
            "a laptop at {machine} min shows Omsk's card as one on UTC does"
        );
    }
}

#[test]
fn without_a_queue_open_the_header_and_what_has_no_event_carry_their_offset() {
    let mut ctx = context("Жылдыз", Lang::Ru, 10);
    ctx.local_offset_min = -300;
    let mut s = State::new(ctx, late());
    update(&mut s, Action::EventsLoaded(vec![omsk()]));
    s.push(Page::Card(CardPage {
        card: Some(card()),
        selected: 0,
        scroll: None,
        view: Default::default(),
    }));
    let text = screen_text(&draw(&s));
    let header = text.lines().next().unwrap_or_default();
    assert!(
        header.contains("07.12.2026 17:30 UTC-5"),
        "no venue open: the laptop's time, marked: {header}"
    );
    assert!(
        row(&text, "№ 1").contains("08.12.2026 04:20") && !row(&text, "№ 1").contains("UTC"),
        "a visit is still at its venue's time, plain:\n{text}"
    );
    assert!(
        row(&text, "Дана консультация").contains("08.12.2026"),
        "a consultation is still on its venue's day:\n{text}"
    );
    assert!(
        row(&text, "Жылдыз · ").contains("07.12.2026 17:35 UTC-5"),
        "a person's edit belongs to no event: the desk's time, marked:\n{text}"
    );
}
