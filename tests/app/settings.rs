//! The desk's settings: the first-start form greets and proposes the letter `A`; the
//! settings screen (`s` on the events screen) changes them; once saved, the queue numbers
//! of this desk carry the letter.

use crate::common::rig::*;
use kezek::app::keymap::Key;
use kezek::app::pages::{QueuePage, SettingsPage, settings};
use kezek::app::{Page, Screen};
use kezek::domain::Lang;

fn in_russian(dir: &std::path::Path) -> Rig {
    let r = rig(dir);
    let store = r.store;
    app_on(store, Lang::Ru, crate::common::t0())
}

#[test]
fn the_first_start_form_greets_proposes_a_letter_and_its_choices_hold() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = in_russian(dir.path());
    let first = settings::open(&r.s.ctx, true);
    r.s.push(Page::Settings(first));
    assert_eq!(r.s.screen(), Screen::Settings);
    let text = r.screen();
    assert!(
        text.contains("Добро пожаловать в kezek"),
        "it greets: {text}"
    );
    assert!(
        text.contains("До первого посетителя"),
        "and says why: {text}"
    );
    let letter = text.lines().find(|l| l.contains("Буква места")).unwrap();
    assert!(letter.contains(" A "), "the letter A is proposed: {letter}");
    insta::assert_snapshot!("first_start_ru_80x24", text);
    // The officer's name (the field after the letter), then save.
    r.keys(&[Key::Tab, Key::Tab, Key::Ctrl('u')])
        .text("Жылдыз Асанова");
    r.key(Key::Ctrl('s'));
    assert_eq!(r.s.screen(), Screen::Events, "saved, the form closes");
    assert_eq!(r.s.ctx.desk_letter, "A");
    assert_eq!(r.s.ctx.officer, "Жылдыз Асанова");
    assert_eq!(
        r.s.flash.as_ref().map(|f| f.id),
        Some("flash-settings-saved")
    );
    // The queue shows this desk's numbers with the letter.
    r.key(Key::Enter);
    assert_eq!(r.s.screen(), Screen::Queue);
    let q = r.screen();
    assert!(q.contains("A-001") && q.contains("A-003"), "{q}");
    assert_eq!(r.s.page::<QueuePage>().unwrap().rows.len(), 3);
}

#[test]
fn the_settings_screen_refuses_a_bad_letter_and_asks_before_losing_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = in_russian(dir.path());
    // `s` on the events screen, `ы` on ЙЦУКЕН.
    r.key(Key::Char('ы'));
    assert_eq!(r.s.screen(), Screen::Settings);
    assert!(
        !r.screen().contains("До первого посетителя"),
        "{}",
        r.screen()
    );
    // Two letters: refused, the field says why, nothing changes.
    r.key(Key::Tab).text("AB");
    r.key(Key::Ctrl('s'));
    assert_eq!(r.s.screen(), Screen::Settings);
    let page = r.s.page::<SettingsPage>().unwrap();
    assert!(page.form.is_dirty());
    assert_eq!(r.s.ctx.desk_letter, "", "nothing applied");
    let text = r.screen();
    assert!(text.contains("Не сохранено"), "{text}");
    assert!(
        text.contains("Буква места: буква места — одна латинская буква от A до Z"),
        "the field says why: {text}"
    );
    insta::assert_snapshot!("settings_bad_letter_ru_80x24", text);
    // Esc with a change: the question, in Russian letters; `н` keeps the form.
    r.key(Key::Esc);
    assert!(r.s.overlay.is_some());
    r.key(Key::Char('н'));
    assert_eq!(r.s.screen(), Screen::Settings);
    // A Cyrillic letter is read as the Latin one it looks like (В as B).
    r.key(Key::Ctrl('u')).text("в");
    r.key(Key::Ctrl('s'));
    assert_eq!(r.s.screen(), Screen::Events);
    assert_eq!(r.s.ctx.desk_letter, "B");
}
