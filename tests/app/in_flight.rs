//! A save in flight: the form cannot be left until the store answers, and an answer for a
//! form that has closed all the same is announced and every list shown is read again.

use crate::common::rig::{Rig, app_on, wages};
use crate::common::*;
use kezek::app::keymap::Key;
use kezek::app::pages::FollowUpsPage;
use kezek::app::{Action, ReplyTo, Request, Screen, deliver};
use kezek::domain::{Lang, PersonPick};

/// One consultation with a follow-up due, the app on the follow-ups list, the close form
/// open with a note typed and Ctrl+S pressed: returns the save not yet performed.
fn closing_in_flight(dir: &std::path::Path) -> (Rig, Vec<Request>) {
    let store = open_store(dir);
    let ev = store.create_event(event_fields("Москва"), "Айбек").unwrap();
    let v = store
        .add_arrival(
            arrival(
                ev.meta.id,
                PersonPick::New(person_fields("Асанов", "Бакыт")),
                "wages",
            ),
            "Айбек",
        )
        .unwrap()
        .visit;
    let mut fields = wages(rub(80_000));
    fields.follow_up = Some(date(2026, 11, 20));
    store
        .save_consultation(v.meta.id, None, fields, "Айбек")
        .unwrap();
    let mut r = app_on(store, Lang::En, t0() + chrono::Duration::hours(2));
    r.key(Key::Char('f'));
    assert_eq!(r.s.screen(), Screen::FollowUps);
    // It is overdue: the list opens on the coming week's and says so; Tab shows it.
    assert!(
        r.screen()
            .contains("Nothing is due within 7 days, but 1 overdue: Tab shows them."),
        "{}",
        r.screen()
    );
    r.key(Key::Tab);
    assert_eq!(
        follow_ups_shown(&r),
        1,
        "the follow-up is due: {}",
        r.screen()
    );
    r.key(Key::Char('x'));
    assert_eq!(r.s.screen(), Screen::CloseFollowUp);
    // The note, past outcome, amount, currency and date.
    r.keys(&[Key::Tab, Key::Tab, Key::Tab, Key::Tab])
        .text("Paid in full");
    let saving = deliver(&mut r.s, ReplyTo::App, Action::Key(Key::Ctrl('s')));
    assert_eq!(saving.len(), 1, "one save asked for: {saving:?}");
    (r, saving)
}

fn follow_ups_shown(r: &Rig) -> usize {
    r.s.page::<FollowUpsPage>()
        .expect("the follow-ups list")
        .rows
        .len()
}

fn flash(r: &Rig) -> Option<&'static str> {
    r.s.flash.as_ref().map(|f| f.id)
}

#[test]
fn a_form_being_saved_is_not_left_and_shows_the_answer() {
    let dir = tempdir();
    let (mut r, saving) = closing_in_flight(dir.path());
    // Esc (and the Russian layout's letters, and quit) while the store has not answered:
    // no "lose what was typed?", the form stays, nothing more is asked of the store.
    for k in [Key::Esc, Key::Char('q'), Key::Char('й'), Key::Char('z')] {
        let e = deliver(&mut r.s, ReplyTo::App, Action::Key(k));
        assert!(e.is_empty(), "{k:?} asked for {e:?}");
        assert_eq!(r.s.screen(), Screen::CloseFollowUp, "{k:?} left the form");
        assert!(r.s.overlay.is_none(), "{k:?} opened {:?}", r.s.overlay);
        assert_eq!(flash(&r), Some("flash-still-saving"));
    }
    let e = deliver(&mut r.s, ReplyTo::App, Action::Paste("more".into()));
    assert!(e.is_empty());
    assert!(r.screen().contains("Still saving"), "{}", r.screen());
    // The answer arrives: the form closes and the list no longer offers the follow-up.
    r.pump(saving);
    assert_eq!(r.s.screen(), Screen::FollowUps);
    assert_eq!(follow_ups_shown(&r), 0, "closed, so no longer due");
    let rows = r
        .store
        .follow_ups_page(10, date(2026, 11, 24), &Default::default());
    assert_eq!(rows.unwrap().total, 0, "the store has it closed");
}

#[test]
fn an_answer_for_a_form_closed_meanwhile_is_announced_and_the_lists_read_again() {
    let dir = tempdir();
    let (mut r, saving) = closing_in_flight(dir.path());
    // The form goes away before the answer (a page can be replaced while its save runs).
    r.s.pop().expect("the close form");
    assert_eq!(r.s.screen(), Screen::FollowUps);
    assert_eq!(follow_ups_shown(&r), 1, "the list was read before the save");
    r.pump(saving);
    assert_eq!(flash(&r), Some("flash-saved-late"));
    assert!(r.screen().contains("Saved."), "{}", r.screen());
    assert_eq!(
        follow_ups_shown(&r),
        0,
        "read again: the closed follow-up is not offered for closing twice"
    );
}
