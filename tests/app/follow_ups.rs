//! Issue 14 item 9: the follow-ups screen at the 100,000-person store's scale — totals from
//! the index, filters by due date, topic and officer (on a Russian layout too), the phone on
//! the row, and a note when closing.

use crate::common::*;
use kezek::app::keymap::Key;
use kezek::app::pages::close::CloseField;
use kezek::app::pages::{ClosePage, FollowUpsPage};
use kezek::app::{Action, Effect, State, update};
use kezek::domain::card::{FollowUpPage, FollowUpRecord, FollowUpRow};
use kezek::domain::followup::list::{DueFilter, FollowUpFilter};
use kezek::domain::{Appeal, AppealFields, Consultation, ConsultationFields, Id, Lang};
use kezek::i18n::I18n;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn draw(state: &State) -> Terminal<TestBackend> {
    let i18n = I18n::of(state.ctx.language);
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| kezek::ui::render(f, state, &i18n)).unwrap();
    t
}

fn consultation(n: u128, day: u32, topic: &str, officer: &str) -> FollowUpRow {
    FollowUpRow {
        record: FollowUpRecord::Consultation(Consultation {
            meta: meta(n),
            visit: Id(100),
            person: Id(200 + n),
            event: Id(1),
            officer: officer.into(),
            fields: ConsultationFields {
                topics: vec![topic.into()],
                notes: "Зарплату не платят с августа.".into(),
                outcome: "referred".into(),
                follow_up: Some(date(2026, 11, day)),
                ..Default::default()
            },
        }),
        person: Some(sample_person(200 + n, "Асанов", "Бакыт")),
    }
}

/// A page as the 100,000-person demo store gives it under the default filter: totals over
/// every open follow-up, the first rows of the ones due within 7 days.
fn at_scale() -> FollowUpPage {
    FollowUpPage {
        rows: vec![
            consultation(1, 24, "wages.unpaid", "Айбек"),
            FollowUpRow {
                record: FollowUpRecord::Appeal(Appeal {
                    meta: meta(2),
                    officer: "Гүлнара".into(),
                    fields: AppealFields {
                        title: "Бригада ООО «Строй»".into(),
                        topic: "wages.unpaid".into(),
                        follow_up: Some(date(2026, 11, 26)),
                        ..Default::default()
                    },
                }),
                person: None,
            },
            consultation(3, 30, "entry-ban", "Гүлнара"),
        ],
        total: 33_416,
        overdue: 30_102,
        week: 812,
        matching: 812,
        topics: vec![("entry-ban".into(), 4_210), ("wages.unpaid".into(), 20_118)],
        officers: vec![("Айбек".into(), 17_000), ("Гүлнара".into(), 16_416)],
    }
}

fn on_follow_ups(lang: Lang) -> State {
    let mut s = State::new(context("Айбек", lang, 0), t0());
    update(&mut s, Action::EventsLoaded(vec![sample_event()]));
    let effects = update(&mut s, Action::Key(Key::Char('f')));
    assert_eq!(
        effects,
        vec![Effect::LoadFollowUps {
            limit: 500,
            today: date(2026, 11, 24),
            filter: FollowUpFilter::default(),
        }],
        "opens on the follow-ups due within 7 days"
    );
    update(&mut s, Action::FollowUpsLoaded(at_scale()));
    s
}

fn filter_of(effects: &[Effect]) -> FollowUpFilter {
    match effects {
        [Effect::LoadFollowUps { filter, limit, .. }] => {
            assert_eq!(*limit, 500, "a new filter reads from the top");
            filter.clone()
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn follow_ups_at_scale_80x24_in_english() {
    let s = on_follow_ups(Lang::En);
    let text = screen_text(&draw(&s));
    assert!(
        text.contains("Follow-ups — 33,416 open, 30,102 overdue, 812 due within 7 days"),
        "totals over the whole index, grouped: {text}"
    );
    assert!(
        text.contains("Showing due within 7 days: 812 · topic: all · officer: all"),
        "{text}"
    );
    let first = text.lines().find(|l| l.contains("│2026-11-24")).unwrap();
    assert!(
        first.contains("Асанов Бакыт") && first.contains("+996555123456"),
        "the person's phone is on the row: {first}"
    );
    assert!(text.contains("⚑ Бригада"), "{text}");
    let keys = text.lines().last().unwrap_or_default();
    assert!(
        keys.contains("Tab due") && keys.contains("t topic") && keys.contains("o officer"),
        "{keys}"
    );
    insta::assert_snapshot!(draw(&s).backend());
}

#[test]
fn follow_ups_at_scale_80x24_in_russian() {
    let s = on_follow_ups(Lang::Ru);
    let text = screen_text(&draw(&s));
    assert!(
        text.contains("Контроль — 33\u{a0}416 открыто, 30\u{a0}102 просрочено"),
        "grouped with a no-break space in Russian: {text}"
    );
    assert!(
        text.contains("Показаны сроки в ближайшие 7 дней: 812"),
        "{text}"
    );
    insta::assert_snapshot!(draw(&s).backend());
}

#[test]
fn filters_cycle_by_due_date_topic_and_officer_on_either_layout() {
    let mut s = on_follow_ups(Lang::En);
    let f = filter_of(&update(&mut s, Action::Key(Key::Tab)));
    assert_eq!(f.due, DueFilter::Overdue);
    let f = filter_of(&update(&mut s, Action::Key(Key::Tab)));
    assert_eq!(f.due, DueFilter::All);
    let f = filter_of(&update(&mut s, Action::Key(Key::Tab)));
    assert_eq!(f.due, DueFilter::Week);
    // Topics and officers are those among the open follow-ups, then "all" again.
    let f = filter_of(&update(&mut s, Action::Key(Key::Char('t'))));
    assert_eq!(f.topic.as_deref(), Some("entry-ban"));
    // `е` sits where `t` is on a Russian layout.
    let f = filter_of(&update(&mut s, Action::Key(Key::Char('е'))));
    assert_eq!(f.topic.as_deref(), Some("wages.unpaid"));
    let f = filter_of(&update(&mut s, Action::Key(Key::Char('t'))));
    assert_eq!(f.topic, None);
    let f = filter_of(&update(&mut s, Action::Key(Key::Char('щ'))));
    assert_eq!(f.officer.as_deref(), Some("Айбек"));
    let page = s.page::<FollowUpsPage>().unwrap();
    assert_eq!(page.selected, 0);
    assert!(page.loading, "the rows shown stay until the new ones come");
}

#[test]
fn scrolling_reads_more_of_the_same_filter_until_all_that_match_are_read() {
    let mut s = on_follow_ups(Lang::En);
    update(&mut s, Action::Key(Key::Tab));
    let mut page = at_scale();
    page.rows = (0..500)
        .map(|i| consultation(10 + i, 23, "wages.unpaid", "Айбек"))
        .collect();
    page.matching = 30_102;
    update(&mut s, Action::FollowUpsLoaded(page));
    let effects = update(&mut s, Action::Key(Key::End));
    let [Effect::LoadFollowUps { limit, filter, .. }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(*limit, 1_000);
    assert_eq!(filter.due, DueFilter::Overdue);
}

#[test]
fn closing_a_consultation_takes_a_note_and_an_appeal_has_none() {
    let mut s = on_follow_ups(Lang::En);
    update(&mut s, Action::Key(Key::Char('x')));
    for _ in 0..3 {
        update(&mut s, Action::Key(Key::Tab));
    }
    let close = s.page::<ClosePage>().unwrap();
    assert_eq!(close.form.focus(), Some(CloseField::Note));
    for c in "paid in full".chars() {
        update(&mut s, Action::Key(Key::Char(c)));
    }
    let text = screen_text(&draw(&s));
    assert!(
        text.lines()
            .any(|l| l.contains("Note") && l.contains("paid in full")),
        "{text}"
    );
    let effects = update(&mut s, Action::Key(Key::Ctrl('s')));
    let [Effect::CloseFollowUp { id, note, .. }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!((*id, note.as_str()), (Id(1), "paid in full"));
    // Saved: back on the list, which reads itself again under its own filter.
    let effects = update(&mut s, Action::FollowUpClosed(Id(1)));
    assert_eq!(filter_of(&effects), FollowUpFilter::default());

    update(&mut s, Action::FollowUpsLoaded(at_scale()));
    update(&mut s, Action::Key(Key::Down));
    update(&mut s, Action::Key(Key::Char('x')));
    let close = s.page::<ClosePage>().unwrap();
    assert!(
        close.form.get(CloseField::Note).is_none(),
        "an appeal has no notes"
    );
    let text = screen_text(&draw(&s));
    assert!(!text.contains("Note"), "{text}");
}

#[test]
fn a_note_past_the_notes_limit_is_refused_in_the_form() {
    let mut s = on_follow_ups(Lang::En);
    let mut page = at_scale();
    if let FollowUpRecord::Consultation(c) = &mut page.rows[0].record {
        c.fields.notes = "ы".repeat(7_990);
    }
    update(&mut s, Action::FollowUpsLoaded(page));
    update(&mut s, Action::Key(Key::Char('x')));
    for _ in 0..3 {
        update(&mut s, Action::Key(Key::Tab));
    }
    for c in "paid in full".chars() {
        update(&mut s, Action::Key(Key::Char(c)));
    }
    assert!(update(&mut s, Action::Key(Key::Ctrl('s'))).is_empty());
    let close = s.page::<ClosePage>().unwrap();
    assert!(close.form[CloseField::Note].error.is_some());
    let text = screen_text(&draw(&s));
    assert!(
        text.contains("Not saved: correct the marked fields."),
        "{text}"
    );
}
