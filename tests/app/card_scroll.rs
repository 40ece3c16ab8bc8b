//! The person card of someone who came often, at 80x24: it follows the selected
//! consultation, and PgUp, PgDn, Home and End reach every line of it (the identity line,
//! the visits' header, the appeals below the consultations).

use crate::common::*;
use chrono::Duration;
use kezek::app::keymap::Key;
use kezek::app::{Action, State, update};
use kezek::domain::card::PersonCard;
use kezek::domain::{
    AppealMember, Consultation, ConsultationFields, Id, Lang, MemberStatus, QueueEntry, VisitStatus,
};
use kezek::i18n::I18n;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn screen(s: &State) -> (String, Terminal<TestBackend>) {
    let i18n = I18n::of(s.ctx.language);
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| kezek::ui::render(f, s, &i18n)).unwrap();
    (screen_text(&t), t)
}

/// 14 visits, 12 consultations and 2 appeals: three screens of card.
fn regular() -> PersonCard {
    let visits = (0..14u32)
        .map(|i| {
            let mut v = sample_visit(100 + u128::from(i), Id(200), i + 1, VisitStatus::Done);
            v.arrived -= Duration::days(i64::from(i) * 30);
            (v, Some(sample_event()))
        })
        .collect();
    let consultations = (0..12u128)
        .map(|i| Consultation {
            meta: meta(300 + i),
            visit: Id(100 + i),
            person: Id(200),
            event: Id(1),
            officer: "Нурлан".into(),
            fields: ConsultationFields {
                topics: vec!["wages.unpaid".into()],
                advice: format!("Совет номер {i}"),
                outcome: "referred".into(),
                ..Default::default()
            },
        })
        .collect();
    let memberships = (0..2u128)
        .map(|i| {
            let m = AppealMember {
                meta: meta(400 + i),
                officer: "a".into(),
                appeal: Id(500 + i),
                person: Id(200),
                claimed: rub(10_000),
                recovered: None,
                status: MemberStatus::Active,
            };
            (m, None)
        })
        .collect();
    PersonCard {
        person: sample_person(200, "Кеңешбаева", "Айгүл"),
        visits,
        consultations,
        memberships,
        merged: vec![],
        versions: vec![],
        unmerged: vec![],
        undone: vec![],
    }
}

fn on_card(lang: Lang) -> State {
    let mut s = State::new(context("Айбек", lang, 0), t0());
    update(&mut s, Action::EventsLoaded(vec![sample_event()]));
    update(&mut s, Action::Key(Key::Enter));
    let rows = vec![QueueEntry {
        visit: sample_visit(100, Id(200), 1, VisitStatus::Done),
        person: Some(sample_person(200, "Кеңешбаева", "Айгүл")),
    }];
    update(
        &mut s,
        Action::QueueLoaded {
            event: sample_event(),
            rows,
        },
    );
    update(&mut s, Action::Key(Key::Char('p')));
    update(&mut s, Action::PersonCardLoaded(Box::new(regular())));
    s
}

const IDENTITY: &str = "1990-05-14 · male · AN0020010";

#[test]
fn a_long_card_scrolls_to_every_line_at_80x24() {
    let mut s = on_card(Lang::En);
    let (text, _) = screen(&s);
    // Opened on the newest consultation, kept in view: the top of the card is above.
    assert!(
        text.contains("▶"),
        "the selected consultation shows: {text}"
    );
    assert!(!text.contains(IDENTITY), "{text}");
    assert!(text.contains("of 47 · PgUp PgDn Home End"), "{text}");
    // Home: the identity line and the visits' header.
    update(&mut s, Action::Key(Key::Home));
    let (text, _) = screen(&s);
    assert!(text.contains(IDENTITY), "{text}");
    assert!(text.contains("Visits (14)"), "{text}");
    assert!(text.contains("lines 1–19 of 47"), "{text}");
    // PgDn a page at a time (its last line kept), to the end and no further.
    update(&mut s, Action::Key(Key::PageDown));
    assert!(
        screen(&s).0.contains("lines 19–37 of 47"),
        "{}",
        screen(&s).0
    );
    update(&mut s, Action::Key(Key::PageDown));
    update(&mut s, Action::Key(Key::PageDown));
    let (text, t) = screen(&s);
    assert!(text.contains("lines 29–47 of 47"), "{text}");
    assert!(text.contains("Collective appeals (2)"), "{text}");
    insta::assert_snapshot!(t.backend());
    // PgUp comes back a page; End goes to the bottom again.
    update(&mut s, Action::Key(Key::PageUp));
    assert!(
        screen(&s).0.contains("lines 11–29 of 47"),
        "{}",
        screen(&s).0
    );
    update(&mut s, Action::Key(Key::End));
    assert!(screen(&s).0.contains("lines 29–47 of 47"));
    // Moving the selection brings the selected consultation back into view.
    update(&mut s, Action::Key(Key::Up));
    let (text, _) = screen(&s);
    assert!(text.contains("▶"), "{text}");
}

#[test]
fn the_russian_layout_scrolls_with_the_same_keys() {
    let mut s = on_card(Lang::Ru);
    // `g` is `п` on ЙЦУКЕН: the top of the card.
    update(&mut s, Action::Key(Key::Char('п')));
    let (text, _) = screen(&s);
    assert!(text.contains("Визиты (14)"), "{text}");
    assert!(text.contains("строки 1–19 из 47"), "{text}");
}
