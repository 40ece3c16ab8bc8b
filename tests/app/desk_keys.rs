//! Keys an officer presses at the desk that must not do harm or cost presses (issue 14):
//! nothing acts unseen under "terminal too small".

use crate::common::rig::*;
use kezek::app::keymap::Key;
use kezek::app::pages::QueuePage;
use kezek::app::{Action, ReplyTo, Screen, deliver};
use kezek::domain::VisitStatus;

fn resize(r: &mut Rig, width: u16, height: u16) {
    let e = deliver(&mut r.s, ReplyTo::App, Action::Resized { width, height });
    assert!(e.is_empty(), "a resize asks for nothing");
}

fn statuses(r: &Rig) -> Vec<VisitStatus> {
    let q = r.s.page::<QueuePage>().unwrap();
    q.rows.iter().map(|e| e.visit.status).collect()
}

#[test]
fn keys_and_pastes_are_ignored_while_the_terminal_is_too_small() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    r.key(Key::Enter);
    assert_eq!(r.s.screen(), Screen::Queue);
    let before = statuses(&r);
    let screen = r.screen();
    resize(&mut r, 20, 5);
    assert!(r.s.too_small());
    let small = r.screen_sized(20, 5);
    assert!(small.contains("Terminal too small"), "{small}");
    // `c` calls a visit, `d` closes it, `n` opens a form, `q` leaves the queue; on a
    // Russian layout `с` is where `c` is: none of them may act unseen.
    for k in [
        Key::Char('c'),
        Key::Char('d'),
        Key::Char('l'),
        Key::Char('n'),
        Key::Char('с'),
        Key::Down,
        Key::Enter,
        Key::Char('q'),
        Key::Ctrl('c'),
        Key::F(9),
    ] {
        r.key(k);
        assert_eq!(r.s.screen(), Screen::Queue, "{k:?} acted");
        assert!(r.s.overlay.is_none() && !r.s.quit, "{k:?} acted");
    }
    let e = deliver(&mut r.s, ReplyTo::App, Action::Paste("Асанов".into()));
    assert!(e.is_empty());
    assert_eq!(statuses(&r), before, "no visit moved");
    let stored: Vec<VisitStatus> = r
        .store
        .queue(r.s.page::<QueuePage>().unwrap().event.meta.id)
        .unwrap()
        .iter()
        .map(|e| e.visit.status)
        .collect();
    assert_eq!(stored, before, "nothing was saved");
    // Back to 80x24: the same screen, unchanged, and keys act again.
    resize(&mut r, 80, 24);
    assert!(!r.s.too_small());
    assert_eq!(r.screen(), screen, "the same screen as before");
    r.key(Key::Char('c'));
    assert_ne!(statuses(&r), before, "`c` calls again at 80x24");
}
