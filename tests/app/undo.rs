//! Taking back a queue move (`u`, `г` on ЙЦУКЕН) and a merge (`Shift+U`, `Г`), driven key
//! by key on a real store: the traps are a visit "done" by mistake (`w` after `d` is
//! refused), an undo with nothing to take back, and a Russian `н` (where `y` sits) that
//! must not unmerge two people.

use crate::common::rig::*;
use crate::common::*;
use kezek::app::keymap::Key;
use kezek::app::pages::{CardPage, QueuePage};
use kezek::app::{Action, Overlay, ReplyTo, Screen, deliver};
use kezek::domain::{Id, Lang, PersonPick, VisitStatus};

fn journal_ops(r: &Rig) -> usize {
    r.store.verify().unwrap().journal_ops
}

/// The selected row of the queue: its visit's id and status as the screen holds them.
fn selected(r: &Rig) -> (Id, VisitStatus) {
    let q = r.s.page::<QueuePage>().unwrap();
    let v = &q.selected_row().unwrap().visit;
    (v.meta.id, v.status)
}

fn flash(r: &Rig) -> &'static str {
    r.s.flash.as_ref().map(|f| f.id).unwrap_or_default()
}

#[test]
fn u_takes_back_done_then_the_call_and_the_card_keeps_both_undos() {
    let dir = tempdir();
    let mut r = rig(dir.path());
    r.key(Key::Enter);
    assert_eq!(r.s.screen(), Screen::Queue);
    r.keys(&[Key::Char('c'), Key::Char('d')]);
    let (visit, status) = selected(&r);
    assert_eq!(status, VisitStatus::Done);
    // The trap of the issue: "done" by mistake cannot be sent back to waiting.
    r.key(Key::Char('w'));
    assert_eq!(flash(&r), "flash-cannot-move");
    let ops = journal_ops(&r);

    r.key(Key::Char('u'));
    assert_eq!(selected(&r), (visit, VisitStatus::WithOfficer));
    assert_eq!(flash(&r), "flash-undone");
    let screen = r.screen();
    assert!(
        screen.contains("Undone “done”: No 3 is back to “with officer”."),
        "{screen}"
    );
    assert!(
        row(&screen, "Токтосунова").contains("with officer"),
        "{screen}"
    );
    assert_eq!(journal_ops(&r), ops + 1, "one new op, nothing removed");
    let stored = r.store.visit(visit).unwrap().unwrap();
    assert_eq!(stored.status, VisitStatus::WithOfficer);

    // A second undo takes back the call: waiting, as it arrived.
    r.key(Key::Char('u'));
    assert_eq!(selected(&r), (visit, VisitStatus::Waiting));
    assert!(r.screen().contains("No 3 is back to “waiting”."));
    // Nothing is left to take back: said in words, nothing written.
    r.key(Key::Char('u'));
    assert_eq!(flash(&r), "flash-nothing-to-undo");
    assert!(
        r.screen()
            .contains("Nothing to undo: No 3 has not moved since it arrived (“waiting”)."),
        "{}",
        r.screen()
    );
    assert_eq!(journal_ops(&r), ops + 2);

    // Both undos are kept, oldest first, and the card shows them under the visit.
    let undone: Vec<_> = r
        .store
        .undone_moves(visit)
        .unwrap()
        .iter()
        .map(|u| (u.undone.status, u.back_to, u.officer.clone()))
        .collect();
    assert_eq!(
        undone,
        vec![
            (VisitStatus::Done, VisitStatus::WithOfficer, "Жылдыз".into()),
            (
                VisitStatus::WithOfficer,
                VisitStatus::Waiting,
                "Жылдыз".into()
            ),
        ]
    );
    r.key(Key::Char('p'));
    assert_eq!(r.s.screen(), Screen::PersonCard);
    let screen = r.screen();
    let first = row_no(&screen, "“done” → back to “with officer”, Жылдыз");
    let second = row_no(&screen, "“with officer” → back to “waiting”, Жылдыз");
    assert!(
        row_no(&screen, "No 3") < first && first < second,
        "{screen}"
    );
    assert!(
        row(&screen, "done” → back")
            .trim_start_matches('│')
            .starts_with("    ↶ undone 2026-11-24 "),
        "{screen}"
    );
}

#[test]
fn г_on_a_russian_layout_undoes_done_and_the_visit_can_be_done_again() {
    let dir = tempdir();
    let mut r = rig(dir.path());
    r.keys(&[Key::F(9), Key::F(9)]);
    assert_eq!(r.s.ctx.language, Lang::Ru);
    r.keys(&[Key::Enter, Key::Char('с'), Key::Char('в')]);
    assert_eq!(selected(&r).1, VisitStatus::Done);
    r.key(Key::Char('г'));
    assert_eq!(selected(&r).1, VisitStatus::WithOfficer);
    let screen = r.screen();
    assert!(
        screen.contains("Отменено «приём завершён»: № 3 снова «у сотрудника»."),
        "{screen}"
    );
    assert!(
        row(&screen, "Токтосунова").contains("у сотрудника"),
        "{screen}"
    );
    // The queue's own moves hold as before: done again, properly this time.
    r.key(Key::Char('в'));
    assert_eq!(selected(&r).1, VisitStatus::Done);
    // The help lists the key in the language on screen.
    r.key(Key::Char('?'));
    assert!(
        r.screen()
            .contains("отменить последний ход выбранного визита")
    );
}

/// A store where ASANOV BAKIT was merged into Асанов Бакыт, and the app on the card of
/// Асанов Бакыт, in `lang`.
fn merged_card(dir: &std::path::Path, f9: usize) -> (Rig, Id, Id) {
    let mut r = rig(dir);
    let ev = r.store.events().unwrap()[0].meta.id;
    let gone = r
        .store
        .add_arrival(
            arrival(
                ev,
                PersonPick::New(person_fields("ASANOV", "BAKIT")),
                "wages",
            ),
            "Айбек",
        )
        .unwrap()
        .visit
        .person;
    let keep = r
        .store
        .persons()
        .unwrap()
        .into_iter()
        .find(|p| p.fields.surname == "Асанов")
        .unwrap()
        .meta
        .id;
    r.store.merge_persons(keep, gone, "Айбек").unwrap();
    for _ in 0..f9 {
        r.key(Key::F(9));
    }
    r.key(Key::Char('/'))
        .text("Асанов Бакыт")
        .open_found("Асанов");
    assert_eq!(r.s.screen(), Screen::PersonCard);
    let card = r.s.page::<CardPage>().unwrap().card.as_ref().unwrap();
    assert_eq!(card.merged.len(), 1);
    r.s.flash = None;
    (r, keep, gone)
}

#[test]
fn unmerging_takes_the_russian_letters_and_н_does_not_confirm() {
    let dir = tempdir();
    let (mut r, keep, gone) = merged_card(dir.path(), 2);
    let ops = journal_ops(&r);
    r.key(Key::Char('Г'));
    assert_eq!(r.s.overlay, Some(Overlay::ConfirmUnmerge));
    let screen = r.screen();
    assert!(screen.contains("Разъединить записи?"), "{screen}");
    assert!(
        screen.contains("Разъединить «ASANOV BAKIT» и «Асанов Бакыт»?"),
        "{screen}"
    );
    // Side by side: the card and the record that comes back, what differs marked.
    let head = row(&screen, "Вернётся (своя карточка)");
    assert!(head.contains("Остаётся (карточка)"), "{screen}");
    let names = row(&screen, "ФИО");
    assert!(
        names.contains("Асанов Бакыт") && names.contains("ASANOV BAKIT") && names.contains('≠'),
        "{screen}"
    );
    assert!(!row(&screen, "Пол").contains('≠'), "{screen}");
    assert!(
        screen.contains("≠ отличается · д / Enter: да · н / Esc: нет"),
        "the legend in the dialog: {screen}"
    );
    // The footer belongs to the dialog: its answers, not the card's keys.
    let footer = screen.lines().last().unwrap();
    assert!(footer.contains("д / Enter: да · н / Esc: нет"), "{screen}");
    insta::assert_snapshot!("confirm_unmerge_ru_80x24", screen);

    // Letters of other languages and layout twins answer nothing.
    for c in ['y', 'Y', 'l', 'т', 'о', 'ж', 'u', 'U', 'г', ' '] {
        r.key(Key::Char(c));
        assert_eq!(r.s.overlay, Some(Overlay::ConfirmUnmerge), "{c:?}");
    }
    // `н` is no, whatever key it shares with `y`: nothing written.
    r.key(Key::Char('н'));
    assert_eq!(r.s.overlay, None);
    assert!(r.s.pending_unmerge.is_none());
    assert_eq!(journal_ops(&r), ops);
    assert_eq!(r.store.find_persons("asanov", 10).unwrap().len(), 1);

    r.key(Key::Char('Г'));
    r.key(Key::Char('д'));
    assert_eq!(r.s.overlay, None);
    assert_eq!(flash(&r), "flash-unmerged");
    assert_eq!(journal_ops(&r), ops + 1, "one op");
    let card = r.s.page::<CardPage>().unwrap().card.as_ref().unwrap();
    assert_eq!(card.person.meta.id, keep);
    assert!(card.merged.is_empty());
    assert_eq!(card.unmerged.len(), 1);
    assert_eq!(card.visits.len(), 1, "the duplicate's visit went back");
    assert!(
        r.store.person(gone).unwrap().is_some(),
        "the record is back"
    );
    assert_eq!(r.store.find_persons("asanov", 10).unwrap().len(), 2);
    let screen = r.screen();
    assert!(
        screen.contains("Разъединено: ASANOV BAKIT снова в своей карточке (вернулось записей: 1)."),
        "{screen}"
    );
    assert!(
        screen
            .contains("Разъединено 24.11.2026, Жылдыз: ASANOV BAKIT (объединён 24.11.2026) снова"),
        "{screen}"
    );
    let note = row_no(&screen, "Разъединено 24.11.2026");
    let rest = screen.lines().nth(note + 1).unwrap();
    assert!(
        rest.contains("карточке"),
        "the note wraps, never cut: {screen}"
    );
    assert!(!screen.contains("Объединён с этой карточкой"), "{screen}");
    assert!(screen.contains("Визиты (1)"), "{screen}");
    insta::assert_snapshot!("card_after_unmerge_ru_80x24", screen);

    // Nothing more to take back: said in words, no question.
    r.key(Key::Char('Г'));
    assert_eq!(r.s.overlay, None);
    assert_eq!(flash(&r), "flash-nothing-to-unmerge");
    assert!(
        r.screen()
            .contains("Нечего разъединять: с Асанов Бакыт никого не объединяли."),
        "{}",
        r.screen()
    );
    assert_eq!(journal_ops(&r), ops + 1);
}

#[test]
fn unmerging_takes_the_letters_of_each_language() {
    // F9 presses from English, yes, no, a letter that answers nothing there.
    let langs = [(1, 'о', 'ж', 'н'), (0, 'y', 'n', 'н'), (2, 'Д', 'Н', 'y')];
    for (f9, yes, no, nothing) in langs {
        let dir = tempdir();
        let (mut r, keep, _) = merged_card(dir.path(), f9);
        let ops = journal_ops(&r);
        r.key(Key::Char('U'));
        assert_eq!(r.s.overlay, Some(Overlay::ConfirmUnmerge));
        r.key(Key::Char(nothing));
        assert_eq!(r.s.overlay, Some(Overlay::ConfirmUnmerge), "{nothing}");
        r.key(Key::Char(no));
        assert_eq!((r.s.overlay, journal_ops(&r)), (None, ops), "{no}: no");
        r.key(Key::Char('U'));
        r.key(Key::Esc);
        assert_eq!((r.s.overlay, journal_ops(&r)), (None, ops), "Esc: no");
        r.key(Key::Char('U'));
        r.key(Key::Char(yes));
        assert_eq!(journal_ops(&r), ops + 1, "{yes}: yes");
        assert!(r.store.person_card(keep).unwrap().merged.is_empty());
    }
}

/// Several merges: the latest is the one asked about, and the question says so.
#[test]
fn the_latest_of_several_merges_is_taken_back_first() {
    let dir = tempdir();
    let (mut r, keep, first) = merged_card(dir.path(), 0);
    let ev = r.store.events().unwrap()[0].meta.id;
    let second = r
        .store
        .add_arrival(
            arrival(ev, PersonPick::New(person_fields("Asanov", "Bakyt")), "x"),
            "Айбек",
        )
        .unwrap()
        .visit
        .person;
    r.store.merge_persons(keep, second, "Айбек").unwrap();
    let card = r.store.person_card(keep).unwrap();
    r.s.page_mut::<CardPage>().unwrap().card = Some(card);
    r.key(Key::Char('U'));
    let screen = r.screen();
    assert!(
        screen.contains("Take “Asanov Bakyt” back out of “Асанов Бакыт”?"),
        "{screen}"
    );
    assert!(
        screen.contains("This is the latest of 2 merges into this person"),
        "{screen}"
    );
    r.key(Key::Char('y'));
    let card = r.store.person_card(keep).unwrap();
    let left: Vec<Id> = card.merged.iter().map(|m| m.gone.meta.id).collect();
    assert_eq!(left, vec![first]);
    r.key(Key::Char('U'));
    assert!(r.screen().contains("Take “ASANOV BAKIT” back out of"));
}

/// The person on the card was merged into another since it was loaded: the store refuses,
/// and the footer says why in words, with nothing written.
#[test]
fn an_unmerge_the_store_refuses_is_said_in_words() {
    let dir = tempdir();
    let (mut r, keep, _) = merged_card(dir.path(), 0);
    let other = r
        .store
        .persons()
        .unwrap()
        .into_iter()
        .find(|p| p.fields.surname == "Токтосунова")
        .unwrap()
        .meta
        .id;
    r.store.merge_persons(other, keep, "Айбек").unwrap();
    let ops = journal_ops(&r);
    r.key(Key::Char('U'));
    let sent = deliver(&mut r.s, ReplyTo::App, Action::Key(Key::Char('y')));
    assert_eq!(sent.len(), 1);
    for q in sent {
        let a = kezek::tui::effects::perform(&r.store, "Жылдыз", &r.tax, q.effect);
        assert!(matches!(a, Action::Failed { .. }), "{a:?}");
        deliver(&mut r.s, q.reply_to, a);
    }
    assert_eq!(journal_ops(&r), ops);
    assert_eq!(flash(&r), "flash-failed");
    let screen = r.screen();
    assert!(
        screen.contains("Not saved (unmerge): not unmerged: the person kept was merged"),
        "{screen}"
    );
}

fn row<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?}:\n{screen}"))
}

fn row_no(screen: &str, needle: &str) -> usize {
    screen
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?}:\n{screen}"))
}

/// Unmerged from a card opened on the queue: back on the queue, the visit that went back
/// names the person it belongs to again.
#[test]
fn the_queue_under_the_card_names_the_person_a_visit_went_back_to() {
    let dir = tempdir();
    let (mut r, _, _) = merged_card(dir.path(), 0);
    r.keys(&[Key::Esc, Key::Enter]);
    assert_eq!(r.s.screen(), Screen::Queue);
    // The newest row is the duplicate's visit, merged: it names the person kept.
    assert!(
        row(&r.screen(), "│  4  ").contains("Асанов Бакыт"),
        "{}",
        r.screen()
    );
    r.keys(&[Key::Char('p'), Key::Char('U'), Key::Char('y')]);
    assert_eq!(flash(&r), "flash-unmerged");
    r.key(Key::Esc);
    assert_eq!(r.s.screen(), Screen::Queue);
    let screen = r.screen();
    assert!(row(&screen, "│  4  ").contains("ASANOV BAKIT"), "{screen}");
    assert!(row(&screen, "│  1  ").contains("Асанов Бакыт"), "{screen}");
}

/// Merges are keyed by the duplicate's id, which orders them by when the duplicate was
/// created: a duplicate created first and merged last is still the latest merge, the one
/// the question offers and the last the card lists.
#[test]
fn the_latest_merge_is_the_one_made_last_not_the_newest_record() {
    let dir = tempdir();
    let mut r = rig(dir.path());
    let ev = r.store.events().unwrap()[0].meta.id;
    let new_person = |r: &Rig, surname: &str, given: &str| {
        r.store
            .add_arrival(
                arrival(ev, PersonPick::New(person_fields(surname, given)), "x"),
                "Айбек",
            )
            .unwrap()
            .visit
            .person
    };
    let created_first = new_person(&r, "Asanov", "Bakyt");
    let created_last = new_person(&r, "ASANOV", "BAKIT");
    assert!(created_first < created_last, "ids follow creation");
    let keep = r
        .store
        .persons()
        .unwrap()
        .into_iter()
        .find(|p| p.fields.surname == "Асанов")
        .unwrap()
        .meta
        .id;
    r.store.merge_persons(keep, created_last, "Айбек").unwrap();
    r.store.merge_persons(keep, created_first, "Айбек").unwrap();
    let card = r.store.person_card(keep).unwrap();
    let order: Vec<Id> = card.merged.iter().map(|m| m.gone.meta.id).collect();
    assert_eq!(
        order,
        vec![created_last, created_first],
        "oldest merge first"
    );

    r.key(Key::Char('/'))
        .text("Асанов Бакыт")
        .open_found("Асанов");
    assert_eq!(r.s.screen(), Screen::PersonCard);
    r.key(Key::Char('U'));
    let screen = r.screen();
    assert!(
        screen.contains("Take “Asanov Bakyt” back out of “Асанов Бакыт”?"),
        "the merge made last is asked about: {screen}"
    );
    assert!(
        screen.contains("This is the latest of 2 merges into this person"),
        "{screen}"
    );
    r.key(Key::Char('y'));
    let card = r.store.person_card(keep).unwrap();
    let left: Vec<Id> = card.merged.iter().map(|m| m.gone.meta.id).collect();
    assert_eq!(left, vec![created_last]);
    // The unmerges listed on the card are in the order they were made.
    r.store
        .unmerge_persons(keep, created_last, "Айбек")
        .unwrap();
    let card = r.store.person_card(keep).unwrap();
    let parted: Vec<Id> = card.unmerged.iter().map(|u| u.merge.gone.meta.id).collect();
    assert_eq!(parted, vec![created_first, created_last]);
}

/// Found on a slow disk (every fsync 1.5 s): `с` then `г` at once said "Nothing to undo"
/// from the row as it was, dropped the undo, and the call landed. The undo now waits
/// behind the move and takes it back.
#[test]
fn г_pressed_while_the_call_is_being_saved_takes_the_call_back() {
    let dir = tempdir();
    let mut r = rig(dir.path());
    r.keys(&[Key::F(9), Key::F(9)]);
    r.key(Key::Enter);
    let (visit, status) = selected(&r);
    assert_eq!(status, VisitStatus::Waiting);
    let ops = journal_ops(&r);
    let mut asked = deliver(&mut r.s, ReplyTo::App, Action::Key(Key::Char('с')));
    // The row still shows the visit waiting: the call is not saved yet.
    assert_eq!(selected(&r), (visit, VisitStatus::Waiting));
    asked.extend(deliver(&mut r.s, ReplyTo::App, Action::Key(Key::Char('г'))));
    assert_ne!(flash(&r), "flash-nothing-to-undo", "{}", r.screen());
    assert_eq!(asked.len(), 2, "the move and its undo: {asked:?}");
    r.pump(asked);
    assert_eq!(selected(&r), (visit, VisitStatus::Waiting));
    assert_eq!(flash(&r), "flash-undone");
    let screen = r.screen();
    assert!(
        screen.contains("Отменено «у сотрудника»: № 3 снова «ждёт»."),
        "{screen}"
    );
    assert_eq!(journal_ops(&r), ops + 2, "the call and its undo, both kept");
    // Nothing is in flight any more: a third press has nothing to take back.
    r.key(Key::Char('г'));
    assert_eq!(flash(&r), "flash-nothing-to-undo");
}

#[test]
fn done_pressed_while_the_call_is_being_saved_is_judged_after_the_call() {
    let dir = tempdir();
    let mut r = rig(dir.path());
    r.keys(&[Key::F(9), Key::F(9)]);
    r.key(Key::Enter);
    let (visit, status) = selected(&r);
    assert_eq!(status, VisitStatus::Waiting);
    let ops = journal_ops(&r);
    let mut asked = deliver(&mut r.s, ReplyTo::App, Action::Key(Key::Char('с')));
    // Still shown waiting, from which done is not a move: the call comes first.
    asked.extend(deliver(&mut r.s, ReplyTo::App, Action::Key(Key::Char('в'))));
    assert_ne!(flash(&r), "flash-cannot-move", "{}", r.screen());
    assert_eq!(asked.len(), 2, "the call and done: {asked:?}");
    r.pump(asked);
    assert_eq!(selected(&r), (visit, VisitStatus::Done));
    assert_eq!(journal_ops(&r), ops + 2, "both moves kept");
    // Nothing in flight: a move the visit does not allow is refused at once again.
    r.key(Key::Char('с'));
    assert_eq!(flash(&r), "flash-cannot-move");
    assert_eq!(journal_ops(&r), ops + 2);
}
