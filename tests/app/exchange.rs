//! Exchange with another desk from the app (`x` on the events screen): what the stick's
//! bundles would bring is shown first, `Enter` merges them; "send" writes this desk's.

use crate::common::rig::*;
use crate::common::*;
use kezek::app::Screen;
use kezek::app::exchange::ExchangeOutcome;
use kezek::app::keymap::Key;
use kezek::app::pages::ExchangePage;
use kezek::domain::PersonPick;

fn outcome(r: &Rig) -> Option<ExchangeOutcome> {
    r.s.page::<ExchangePage>().and_then(|p| p.outcome.clone())
}

#[test]
fn merging_the_stick_shows_what_comes_then_merges_it_and_sending_writes_a_bundle() {
    let tmp = tempfile::tempdir().unwrap();
    let stick = tmp.path().join("stick");
    std::fs::create_dir_all(&stick).unwrap();
    // Desk B, another laptop: its own event and two arrivals, written to the stick.
    let b = open_store(&tmp.path().join("b"));
    let ev = b.create_event(event_fields("Казань"), "b").unwrap().meta.id;
    for s in ["Осмонов", "Бакиева"] {
        let p = PersonPick::New(person_fields(s, "Нурлан"));
        b.add_arrival(arrival(ev, p, "patent"), "b").unwrap();
    }
    kezek::store::bundle::write_bundle(b.dir(), &stick, None, 3_600_000).unwrap();
    let mut r = rig(&tmp.path().join("a"));
    r.key(Key::Char('x'));
    assert_eq!(r.s.screen(), Screen::Exchange);
    r.key(Key::Tab)
        .key(Key::Ctrl('u'))
        .text(stick.to_str().unwrap());
    r.key(Key::Ctrl('s'));
    let screen = r.screen();
    // In words: one bundle, its three ops new, two persons and visits, nothing merged yet.
    assert!(screen.contains("Bundles: 1; new ops: 3"), "{screen}");
    assert!(screen.contains("New persons: 2, visits: 2"), "{screen}");
    assert!(
        screen.contains("Enter merges them into this desk."),
        "{screen}"
    );
    assert_eq!(
        r.store.persons().unwrap().len(),
        3,
        "a check merges nothing"
    );
    // The temporary folder's name changes from run to run; one of the same length shown.
    let shown = r
        .screen_sized(80, 24)
        .replace(stick.to_str().unwrap(), "/media/usb/kezek-day1");
    insta::assert_snapshot!("exchange_checked_80x24", shown);
    // A bundle put on the stick after the check is not merged by the Enter that answers it.
    let c = open_store(&tmp.path().join("c"));
    let evc = c.create_event(event_fields("Уфа"), "c").unwrap().meta.id;
    let p = PersonPick::New(person_fields("Токтогулов", "Марат"));
    c.add_arrival(arrival(evc, p, "patent"), "c").unwrap();
    kezek::store::bundle::write_bundle(c.dir(), &stick, None, 3_600_000).unwrap();
    r.key(Key::Enter);
    assert!(matches!(outcome(&r), Some(ExchangeOutcome::Merge(m)) if !m.dry_run && m.ops_new == 3));
    assert_eq!(
        r.store.persons().unwrap().len(),
        5,
        "desk B's persons are here"
    );
    assert!(r.screen().contains("Merged into this desk as one batch."));
    // Send: the other choice, then Ctrl+S writes this desk's bundle into the folder.
    r.key(Key::BackTab).key(Key::Right).key(Key::Ctrl('s'));
    let Some(ExchangeOutcome::Sent(sent)) = outcome(&r) else {
        panic!("nothing sent:\n{}", r.screen());
    };
    assert!(sent.path.starts_with(stick.to_str().unwrap()) && sent.path.ends_with("-all.kzbundle"));
    let back = b
        .merge_bundles(std::path::Path::new(&sent.path), false)
        .unwrap();
    assert_eq!(
        back.persons.new, 3,
        "desk A's own three persons reach desk B"
    );
    assert_eq!(b.view_hash().unwrap(), r.store.view_hash().unwrap());
    // A folder that does not exist: said in words, nothing merged.
    r.key(Key::Left).key(Key::Tab).key(Key::Ctrl('u'));
    r.text("/nonexistent/stick").key(Key::Ctrl('s'));
    assert!(
        matches!(outcome(&r), Some(ExchangeOutcome::Failed(_))),
        "{}",
        r.screen()
    );
    assert!(r.screen().contains("Nothing was written or merged"));
}

#[test]
fn a_clock_set_back_is_said_on_the_screen() {
    let tmp = tempfile::tempdir().unwrap();
    let mut r = rig(&tmp.path().join("a"));
    let next = kezek::app::deliver(
        &mut r.s,
        kezek::app::ReplyTo::App,
        kezek::app::Action::ClockBehind { minutes: 300 },
    );
    assert!(next.is_empty());
    let screen = r.screen();
    assert!(
        screen.contains("This laptop's clock is 300 min behind its last saved record"),
        "{screen}"
    );
}

#[test]
fn another_desks_visits_show_its_letter_once_its_bundle_is_merged() {
    let tmp = tempfile::tempdir().unwrap();
    let stick = tmp.path().join("stick");
    std::fs::create_dir_all(&stick).unwrap();
    let mut r = rig(&tmp.path().join("a"));
    r.s.ctx.desk_letter = "A".into();
    r.s.ctx.own_desk = Some(r.store.desk());
    r.s.ctx.desks = r.store.book();
    // Desk B takes this desk's event and logs one arrival there, with its letter B.
    let b = open_store(&tmp.path().join("b"));
    let to_b = stick.join("a.kzbundle");
    r.store.write_bundle(&to_b).unwrap();
    b.merge_bundles(&to_b, false).unwrap();
    std::fs::remove_file(&to_b).unwrap();
    let ev = b.scan::<kezek::domain::Event>().unwrap()[0].meta.id;
    let p = PersonPick::New(person_fields("Осмонов", "Нурлан"));
    b.add_arrival(arrival(ev, p, "patent"), "b").unwrap();
    let who = kezek::domain::desk::Identity {
        organisation: "KG-EMB-MSK".into(),
        letter: "B".into(),
        name: "Desk B".into(),
    };
    kezek::store::bundle::write_bundle_as(b.dir(), &stick, None, 3_600_000, &who).unwrap();
    r.key(Key::Char('x')).key(Key::Tab).key(Key::Ctrl('u'));
    r.text(stick.to_str().unwrap())
        .key(Key::Ctrl('s'))
        .key(Key::Enter);
    assert!(r.screen().contains("Merged into this desk as one batch."));
    r.key(Key::Esc).key(Key::Enter);
    assert_eq!(r.s.screen(), Screen::Queue);
    let screen = r.screen();
    // In words: desk B's arrival is B-001 beside this desk's.
    for label in ["A-001", "A-002", "A-003", "B-001"] {
        assert!(screen.contains(label), "{label}:\n{screen}");
    }
    // Its consultation form is titled with B's number too.
    let q = r.s.page::<kezek::app::pages::QueuePage>().unwrap();
    let at = q
        .rows
        .iter()
        .position(|row| row.visit.meta.desk == b.desk())
        .unwrap();
    let from = q.selected;
    let key = if at < from { Key::Up } else { Key::Down };
    for _ in 0..at.abs_diff(from) {
        r.key(key);
    }
    r.key(Key::Char('o'));
    assert_eq!(r.s.screen(), Screen::Consultation);
    let form = r.screen();
    assert!(form.contains("B-001") && !form.contains("A-001"), "{form}");
}
