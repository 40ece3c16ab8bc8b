//! Screens drawn on ratatui's TestBackend from fixed states, compared with snapshots.

mod common;

use chrono::Duration;
use common::*;
use kezek::app::keymap::Key;
use kezek::app::{Action, Context, State, update};
use kezek::domain::{Id, Lang, QueueEntry, VisitStatus};
use kezek::i18n::I18n;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn draw(state: &State, w: u16, h: u16) -> Terminal<TestBackend> {
    let i18n = I18n::new("en");
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| kezek::ui::render(f, state, &i18n)).unwrap();
    t
}

fn base() -> State {
    let ctx = Context {
        desk_name: "Desk 3".into(),
        officer: "Айбек Осмонов".into(),
        language: Lang::Ky,
        local_offset_min: 180,
        idle_lock_minutes: 10,
        taxonomy: std::sync::Arc::new(kezek::taxonomy::builtin()),
    };
    let mut s = State::new(ctx, t0() + Duration::minutes(47));
    let mut other = sample_event();
    other.meta.id = Id(2);
    other.fields.city = "Екатеринбург".into();
    other.fields.date = date(2026, 10, 3);
    other.fields.venue = "Генеральное консульство".into();
    update(&mut s, Action::EventsLoaded(vec![sample_event(), other]));
    s
}

fn queue_state() -> State {
    let mut s = base();
    update(&mut s, Action::Key(Key::Enter));
    let names = [
        ("Асанов", "Бакыт"),
        ("Жээнбеков", "Өмүрбек"),
        ("Асан уулу", "Чыңгыз"),
        ("Токтосунова", "Айгүл Маратовна с очень длинной фамилией"),
    ];
    let statuses = [
        VisitStatus::Done,
        VisitStatus::WithOfficer,
        VisitStatus::LeftWithoutService,
        VisitStatus::Waiting,
    ];
    let mut rows = Vec::new();
    for (i, ((sur, given), status)) in names.iter().zip(statuses).enumerate() {
        let n = i as u128;
        let mut v = sample_visit(100 + n, Id(200 + n), i as u32 + 1, VisitStatus::Waiting);
        v.purpose = [
            "Unpaid wages",
            "Регистрация по месту пребывания",
            "Patent",
            "ОМС для детей",
        ][i]
            .into();
        match status {
            VisitStatus::Done => {
                v.transition(
                    VisitStatus::WithOfficer,
                    v.arrived + Duration::minutes(9),
                    "a",
                )
                .unwrap();
                v.transition(VisitStatus::Done, v.arrived + Duration::minutes(25), "a")
                    .unwrap();
            }
            VisitStatus::WithOfficer => {
                v.transition(
                    VisitStatus::WithOfficer,
                    v.arrived + Duration::minutes(21),
                    "a",
                )
                .unwrap();
            }
            VisitStatus::LeftWithoutService => {
                v.transition(
                    VisitStatus::LeftWithoutService,
                    v.arrived + Duration::minutes(30),
                    "a",
                )
                .unwrap();
            }
            VisitStatus::Waiting => {}
        }
        rows.push(QueueEntry {
            visit: v,
            person: Some(sample_person(200 + n, sur, given)),
        });
    }
    update(
        &mut s,
        Action::QueueLoaded {
            event: sample_event(),
            rows,
        },
    );
    s
}

#[test]
fn events_screen() {
    insta::assert_snapshot!(draw(&base(), 80, 24).backend());
}

#[test]
fn queue_screen_80x24() {
    insta::assert_snapshot!(draw(&queue_state(), 80, 24).backend());
}

#[test]
fn queue_screen_120x30() {
    insta::assert_snapshot!(draw(&queue_state(), 120, 30).backend());
}

#[test]
fn arrival_form_with_matches() {
    let mut s = queue_state();
    update(&mut s, Action::Key(Key::Char('n')));
    for c in "Асан".chars() {
        update(&mut s, Action::Key(Key::Char(c)));
    }
    let seq = s.arrival.as_ref().unwrap().suggest_seq;
    let mut p = sample_person(300, "Асанов", "Бакыт");
    p.fields.patronymic = "Маратович".into();
    update(
        &mut s,
        Action::Suggestions {
            seq,
            persons: vec![p, sample_person(301, "Асанова", "Айпери")],
        },
    );
    let t = draw(&s, 80, 24);
    insta::assert_snapshot!(t.backend());
    // The cursor sits after the typed text in the surname field.
    let mut t = t;
    let pos = t.get_cursor_position().unwrap();
    assert_eq!((pos.x, pos.y), (22 + 4, 2));
}

#[test]
fn arrival_form_with_errors() {
    let mut s = queue_state();
    update(&mut s, Action::Key(Key::Char('n')));
    update(&mut s, Action::Key(Key::Tab));
    for c in "Бакыт".chars() {
        update(&mut s, Action::Key(Key::Char(c)));
    }
    for _ in 0..5 {
        update(&mut s, Action::Key(Key::Tab));
    }
    for c in "12345".chars() {
        update(&mut s, Action::Key(Key::Char(c)));
    }
    update(&mut s, Action::Key(Key::Ctrl('s')));
    insta::assert_snapshot!(draw(&s, 80, 24).backend());
}

#[test]
fn help_overlay_on_the_queue() {
    let mut s = queue_state();
    update(&mut s, Action::Key(Key::Char('?')));
    insta::assert_snapshot!(draw(&s, 80, 24).backend());
}

#[test]
fn confirm_discard() {
    let mut s = queue_state();
    update(&mut s, Action::Key(Key::Char('n')));
    update(&mut s, Action::Key(Key::Char('А')));
    update(&mut s, Action::Key(Key::Esc));
    insta::assert_snapshot!(draw(&s, 80, 24).backend());
}

#[test]
fn too_small_terminal_says_so() {
    insta::assert_snapshot!(draw(&queue_state(), 20, 5).backend());
}

#[test]
fn no_size_panics() {
    let mut states = vec![base(), queue_state()];
    let mut s = queue_state();
    update(&mut s, Action::Key(Key::Char('n')));
    states.push(s);
    let mut s = queue_state();
    update(&mut s, Action::Key(Key::Char('?')));
    states.push(s);
    let mut s = base();
    update(&mut s, Action::Key(Key::Char('n')));
    states.push(s);
    for s in &states {
        for w in (0..=130).step_by(7) {
            for h in (0..=40).step_by(3) {
                draw(s, w, h);
            }
        }
    }
}
