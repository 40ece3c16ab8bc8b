//! A queue longer than the screen: only the rows that fit are drawn, and they are the
//! ones around the selection, as the officer moves through it.

use crate::common::*;
use kezek::app::keymap::Key;
use kezek::app::{Action, State, update};
use kezek::domain::{Id, Lang, QueueEntry, VisitStatus};
use kezek::i18n::I18n;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn text(state: &State, w: u16, h: u16) -> String {
    let i18n = I18n::of(state.ctx.language);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| kezek::ui::render(f, state, &i18n)).unwrap();
    screen_text(&t)
}

/// The queue numbers in the table, top to bottom.
fn numbers(screen: &str) -> Vec<u32> {
    screen
        .lines()
        .filter_map(|l| l.strip_prefix('│'))
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect()
}

#[test]
fn a_queue_of_2000_shows_the_screenful_around_the_selection() {
    let ctx = context("Айбек", Lang::En, 0);
    let mut s = State::new(ctx, t0() + chrono::Duration::hours(9));
    update(&mut s, Action::EventsLoaded(vec![sample_event()]));
    update(&mut s, Action::Key(Key::Enter));
    let rows: Vec<QueueEntry> = (0..2000u32)
        .map(|i| {
            let n = u128::from(i);
            let mut v = sample_visit(10_000 + n, Id(50_000 + n), i + 1, VisitStatus::Waiting);
            v.arrived += chrono::Duration::seconds(i64::from(i));
            QueueEntry {
                visit: v,
                person: Some(sample_person(50_000 + n, "Асанов", "Бакыт")),
            }
        })
        .collect();
    update(
        &mut s,
        Action::QueueLoaded {
            event: sample_event(),
            rows,
        },
    );
    // It opens at the newest arrival, at the bottom of the table.
    let screen = text(&s, 80, 24);
    let shown = numbers(&screen);
    assert_eq!(shown.last(), Some(&2000), "{screen}");
    assert_eq!(shown.len(), 17, "a screenful: {screen}");
    assert_eq!(shown, (1984..=2000).collect::<Vec<_>>());
    assert!(
        screen.contains("2,000 in queue"),
        "the count is of all: {screen}"
    );
    // Up 30: the selected row stays in view at the bottom, the rows above it shown.
    for _ in 0..30 {
        update(&mut s, Action::Key(Key::Up));
    }
    let shown = numbers(&text(&s, 80, 24));
    assert_eq!(shown, (1954..=1970).collect::<Vec<_>>());
    // Home: the first screenful from number 1.
    update(&mut s, Action::Key(Key::Home));
    let shown = numbers(&text(&s, 80, 24));
    assert_eq!(shown, (1..=17).collect::<Vec<_>>());
    // A taller terminal shows more rows from the same selection.
    let shown = numbers(&text(&s, 100, 40));
    assert_eq!(shown, (1..=33).collect::<Vec<_>>());
}
