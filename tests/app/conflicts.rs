//! The conflicts screen (`c` on the events screen): records two desks changed from the
//! same version are listed with both versions; the officer keeps the one shown or takes
//! the other, after a question in the screen's language; records another desk dated
//! ahead of this laptop's clock are listed until looked at.

use std::path::Path;

use crate::common::rig::*;
use crate::common::*;
use kezek::app::Screen;
use kezek::app::conflicts::Choice;
use kezek::app::keymap::Key;
use kezek::app::pages::ConflictsPage;
use kezek::domain::card::HistoryEntry;
use kezek::domain::{Lang, PersonPick};
use kezek::store::Store;

/// Everything `from` holds, merged into `to` through a bundle file of its own.
fn send(from: &Store, to: &Store, stick: &Path, name: &str) {
    std::fs::create_dir_all(stick).unwrap();
    let file = stick.join(format!("{name}.kzbundle"));
    kezek::store::bundle::write_bundle(from.dir(), &file, None, 3_600_000).unwrap();
    to.merge_bundles(&file, false).unwrap();
}

fn page(r: &Rig) -> &ConflictsPage {
    r.s.page::<ConflictsPage>()
        .expect("the conflicts screen is open")
}

fn claimed(e: &HistoryEntry) -> Option<i64> {
    match e {
        HistoryEntry::Consultation(k) => k.fields.claimed.map(|m| m.minor),
        _ => None,
    }
}

/// Desk A and desk B corrected one wage claim differently (60,000 and 70,000 roubles)
/// before they met; desk F's laptop is two years ahead. Returns desk A, the claim's id.
fn hall(root: &Path) -> (Store, kezek::domain::Id) {
    let a = open_store(&root.join("a"));
    let b = open_store(&root.join("b"));
    let mut f = open_store(&root.join("f"));
    let ev = a
        .create_event(event_fields("Москва"), "Айбек")
        .unwrap()
        .meta
        .id;
    let p = PersonPick::New(person_fields("Асанов", "Бакыт"));
    let visit = a
        .add_arrival(arrival(ev, p, "wages"), "Айбек")
        .unwrap()
        .visit;
    let c = a
        .save_consultation(visit.meta.id, None, wages(rub(50_000)), "Айбек")
        .unwrap();
    send(&a, &b, &root.join("s1"), "a");
    a.save_consultation(visit.meta.id, Some(c.meta.id), wages(rub(60_000)), "Айбек")
        .unwrap();
    b.save_consultation(visit.meta.id, Some(c.meta.id), wages(rub(70_000)), "Гүлзат")
        .unwrap();
    send(&b, &a, &root.join("s2"), "b");
    let ahead = t0() + chrono::Duration::days(730);
    f.set_clock(move || ahead);
    let evf = f
        .create_event(event_fields("Казань"), "Нурлан")
        .unwrap()
        .meta
        .id;
    // Another phone and document: nobody on record looks like him.
    let mut bakiev = person_fields("Бакиев", "Марат");
    bakiev.phone = Some("+996700987654".into());
    bakiev.document = Some("AC1234567".into());
    f.add_arrival(arrival(evf, PersonPick::New(bakiev), "patent"), "Нурлан")
        .unwrap();
    send(&f, &a, &root.join("s3"), "f");
    (a, c.meta.id)
}

#[test]
fn both_versions_are_shown_and_the_officer_takes_the_other_after_a_question() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, claim) = hall(tmp.path());
    let mut r = app_on(a, Lang::En, t0() + chrono::Duration::hours(2));
    r.key(Key::Char('c'));
    assert_eq!(r.s.screen(), Screen::Conflicts);
    let items = page(&r).items.clone();
    assert_eq!(items.len(), 2, "one conflict, one clock-suspect record");
    let conflict = &items[0];
    assert_eq!(conflict.id, claim);
    assert!(conflict.money, "the amounts differ");
    assert_eq!(conflict.whose, "Асанов Бакыт");
    let (shown, other) = (
        claimed(&conflict.shown),
        conflict.other.as_ref().and_then(claimed),
    );
    let mut both = [shown, other];
    both.sort();
    assert_eq!(
        both,
        [Some(6_000_000), Some(7_000_000)],
        "both amounts kept"
    );
    let suspect = &items[1];
    assert_eq!(
        (suspect.whose.as_str(), suspect.other.is_none()),
        ("Бакиев Марат", true)
    );
    assert!(suspect.suspect.is_some());
    let screen = r.screen();
    // In words: the count, the claim with its flag, both versions with who saved them,
    // the amounts side by side, the warning that money is never settled by the rule, and
    // the clock-suspect person below it.
    assert!(screen.contains("Conflicts between desks (2)"), "{screen}");
    assert!(screen.contains("Consultation · Асанов Бакыт"), "{screen}");
    assert!(screen.contains("[amount differs]"), "{screen}");
    assert!(screen.contains("Person · Бакиев Марат"), "{screen}");
    assert!(screen.contains("[clock-suspect, no conflict]"), "{screen}");
    assert!(
        screen.contains("Айбек") && screen.contains("Гүлзат"),
        "{screen}"
    );
    assert!(screen.contains("An amount differs"), "{screen}");
    insta::assert_snapshot!("conflicts_80x24", screen);
    // A small terminal says so instead of drawing half a question; a 100-column one
    // draws the same rows.
    assert!(r.screen_sized(40, 10).contains("Terminal too small"));
    assert!(r.screen_sized(100, 30).contains("Person · Бакиев Марат"));

    // `s` asks first; `n` (the English no) leaves everything as it was.
    r.key(Key::Char('s'));
    assert_eq!(page(&r).asking, Some(Choice::TakeOther));
    assert!(
        r.screen().contains("Take the other version?"),
        "{}",
        r.screen()
    );
    r.key(Key::Char('n'));
    assert_eq!(page(&r).asking, None);
    assert_eq!(r.store.conflicts().unwrap().len(), 1);
    // A Cyrillic letter is no answer to an English question, whatever the layout, and
    // Enter is none either: an amount is settled by the yes letter only.
    r.key(Key::Char('s'))
        .key(Key::Char('н'))
        .key(Key::Char('д'))
        .key(Key::Enter)
        .key(Key::Enter);
    assert_eq!(page(&r).asking, Some(Choice::TakeOther));
    let question = r.screen();
    assert!(question.contains("The amounts differ"), "{question}");
    assert!(question.contains("y: yes · n / Esc: no"), "{question}");
    r.key(Key::Char('y'));
    assert!(r.store.conflicts().unwrap().is_empty(), "settled");
    let now = r.store.consultation(claim).unwrap().unwrap();
    assert_eq!(
        now.fields.claimed.map(|m| m.minor),
        other,
        "the other amount taken"
    );
    assert_eq!(now.meta.rev, 3, "saved as a version past both");
    assert!(
        r.screen().contains("the conflict is settled"),
        "{}",
        r.screen()
    );
    assert_eq!(page(&r).items.len(), 1, "the list read again");

    // The clock-suspect record: Enter asks, Esc keeps it listed, Enter and yes forget it.
    r.key(Key::Enter);
    assert_eq!(page(&r).asking, Some(Choice::Seen));
    r.key(Key::Esc);
    assert_eq!(r.store.clock_suspects().unwrap().len(), 1);
    r.key(Key::Enter).key(Key::Char('y'));
    assert!(r.store.clock_suspects().unwrap().is_empty());
    assert!(page(&r).items.is_empty());
    assert!(r.screen().contains("No conflicts."), "{}", r.screen());
    r.key(Key::Esc);
    assert_eq!(r.s.screen(), Screen::Events);
}

#[test]
fn in_russian_the_question_takes_russian_letters_and_p_opens_the_card() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, claim) = hall(tmp.path());
    let mut r = app_on(a, Lang::Ru, t0() + chrono::Duration::hours(2));
    // `с` is `c` on a Russian layout: the screen opens either way.
    r.key(Key::Char('с'));
    assert_eq!(r.s.screen(), Screen::Conflicts);
    let screen = r.screen();
    assert!(screen.contains("Расхождения между столами (2)"), "{screen}");
    assert!(screen.contains("сумма различается"), "{screen}");
    // Enter keeps the version shown: `y` (the Latin twin of `н`) is no answer; `д` is.
    let shown = claimed(&page(&r).items[0].shown);
    r.key(Key::Enter);
    assert_eq!(page(&r).asking, Some(Choice::KeepShown));
    r.key(Key::Char('y'));
    assert_eq!(
        page(&r).asking,
        Some(Choice::KeepShown),
        "not a Russian answer"
    );
    r.key(Key::Char('д'));
    assert!(r.store.conflicts().unwrap().is_empty());
    let now = r.store.consultation(claim).unwrap().unwrap();
    assert_eq!(now.fields.claimed.map(|m| m.minor), shown);
    // `p` (`з` on the layout) opens the card of the clock-suspect person.
    r.key(Key::Char('з'));
    assert_eq!(r.s.screen(), Screen::PersonCard);
}

#[test]
fn a_person_registered_at_two_desks_is_listed_and_merged_with_shift_m_after_a_question() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let a = open_store(&root.join("a"));
    let b = open_store(&root.join("b"));
    // The same citizen came to both desks before they met: the same passport and phone.
    for (s, officer) in [(&a, "Айбек"), (&b, "Гүлзат")] {
        let ev = s
            .create_event(event_fields("Москва"), officer)
            .unwrap()
            .meta
            .id;
        let p = PersonPick::New(person_fields("Асанов", "Бакыт"));
        s.add_arrival(arrival(ev, p, "wages"), officer).unwrap();
    }
    // And another whose phone is his brother's, who is someone else.
    let mut brother = person_fields("Асанов", "Нурлан");
    brother.document = Some("AC7654321".into());
    brother.birth_date = Some(date(1985, 2, 1));
    let ev = b.events().unwrap()[0].meta.id;
    b.add_arrival(arrival(ev, PersonPick::New(brother), "patent"), "Гүлзат")
        .unwrap();
    send(&b, &a, &root.join("s"), "b");
    assert_eq!(a.persons().unwrap().len(), 3);
    let mut r = app_on(a, Lang::En, t0() + chrono::Duration::hours(2));
    r.key(Key::Char('c'));
    let items = page(&r).items.clone();
    assert_eq!(items.len(), 2, "two new persons look like one on record");
    let screen = r.screen();
    assert!(
        screen.contains("[looks like a person on record]"),
        "{screen}"
    );
    assert!(
        screen.contains("Looks like “Асанов Бакыт” on record here: same document."),
        "{screen}"
    );
    assert!(screen.contains("Shift+M merges the two"), "{screen}");
    assert!(items.iter().any(|i| i.whose == "Асанов Бакыт"));
    let brother = items
        .iter()
        .position(|i| i.whose == "Асанов Нурлан")
        .unwrap();
    // The brother: Enter asks, yes says he is someone else; both records stay.
    while page(&r).selected != brother {
        r.key(if page(&r).selected < brother {
            Key::Down
        } else {
            Key::Up
        });
    }
    r.key(Key::Enter);
    assert_eq!(page(&r).asking, Some(Choice::NotSame));
    assert!(
        r.screen().contains("Not the same person?"),
        "{}",
        r.screen()
    );
    r.key(Key::Char('y'));
    assert_eq!(r.store.persons().unwrap().len(), 3, "nobody merged");
    assert_eq!(page(&r).items.len(), 1);
    // The twin: Shift+M shows both side by side, yes merges the new one into the one here.
    r.key(Key::Home).key(Key::Char('M'));
    let screen = r.screen();
    assert!(screen.contains("Merge duplicate records?"), "{screen}");
    r.key(Key::Char('y'));
    assert_eq!(r.store.persons().unwrap().len(), 2, "the twin merged");
    assert!(page(&r).items.is_empty(), "{}", r.screen());
    assert!(r.screen().contains("Merged: 1 visits"), "{}", r.screen());
    assert!(r.store.look_alike_notes().unwrap().is_empty());
}
