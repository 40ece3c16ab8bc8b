//! Collective appeals driven key by key through `update`, with every effect performed on a
//! real store (the same `perform` the terminal app uses), so what the screens show is what
//! was saved.

use crate::common::rig::*;
use crate::common::*;
use kezek::app::keymap::Key;
use kezek::app::pages::appeal_form::AppealFormField;
use kezek::app::pages::member::MemberFormField;
use kezek::app::pages::{
    AppealFormPage, AppealPage, CardPage, FollowUpsPage, HistoryPage, MemberPage,
};
use kezek::app::{Action, Effect, Screen, State, update};
use kezek::domain::history::{Subject, Value};
use kezek::domain::{Currency, Id, MemberStatus, appeal_totals};

#[test]
fn open_join_attach_edit_and_read_the_history_of_a_collective_appeal() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    // Queue of the event: the newest arrival is selected; go to the first one.
    r.keys(&[Key::Enter, Key::Char('g'), Key::Char('p')]);
    assert_eq!(r.s.screen(), Screen::PersonCard);
    // `a` on a consultation with no appeal: choose one; there are none, so open one.
    r.key(Key::Char('a'));
    assert_eq!(r.s.screen(), Screen::Appeals);
    assert!(r.screen().contains("Асанов Бакыт"), "{}", r.screen());
    r.key(Key::Char('n'));
    assert_eq!(r.s.screen(), Screen::AppealForm);
    let f = &r.s.page::<AppealFormPage>().unwrap().form;
    assert_eq!(
        f.value(AppealFormField::Topic),
        "wages.unpaid",
        "topic comes from the consultation"
    );
    assert_eq!(
        f.value(AppealFormField::HostCity),
        "Москва",
        "city comes from the event"
    );
    r.text("Brigade at OOO Stroy")
        .key(Key::Tab)
        .text("OOO Stroy")
        .keys(&[Key::Tab, Key::Tab, Key::Tab])
        .text("20.12.2026")
        .key(Key::Ctrl('s'));
    assert_eq!(r.s.screen(), Screen::Appeal);
    let view = r.s.page::<AppealPage>().unwrap().view.clone().unwrap();
    let appeal = view.appeal.meta.id;
    assert_eq!(view.appeal.fields.follow_up, Some(date(2026, 12, 20)));
    assert_eq!(view.members.len(), 1);
    assert_eq!(view.members[0].0.claimed, rub(80_000));

    // Second consultation joins the appeal from its card.
    r.keys(&[Key::Esc, Key::Esc, Key::Esc]);
    assert_eq!(r.s.screen(), Screen::Queue);
    r.keys(&[Key::Down, Key::Char('p'), Key::Char('a')]);
    assert_eq!(r.s.screen(), Screen::Appeals);
    assert!(r.screen().contains("Brigade at OOO Stroy"));
    r.key(Key::Enter);
    assert_eq!(r.s.screen(), Screen::Appeal);
    assert_eq!(
        r.s.page::<AppealPage>()
            .unwrap()
            .view
            .as_ref()
            .unwrap()
            .members
            .len(),
        2
    );

    // A third person, found by the lookup as at the arrival desk, with their own amount.
    r.key(Key::Char('m'));
    assert_eq!(r.s.screen(), Screen::MemberForm);
    r.text("Токто");
    assert_eq!(
        r.s.page::<MemberPage>().unwrap().lookup.suggestions.len(),
        1
    );
    r.key(Key::Ctrl('l'));
    r.text("40 000").key(Key::Ctrl('s'));
    assert_eq!(r.s.screen(), Screen::Appeal, "{}", r.screen());
    // A brigade member who never came: a new person, created with the membership.
    r.key(Key::Char('m'))
        .text("Бекматов")
        .key(Key::Tab)
        .text("Нурлан");
    for _ in 0..8 {
        r.key(Key::Tab);
    }
    r.text("50 000")
        .keys(&[Key::Tab, Key::Tab])
        .text("50000")
        .key(Key::Ctrl('s'));
    assert_eq!(r.s.screen(), Screen::Appeal, "{}", r.screen());
    let members = r.store.members(appeal).unwrap();
    assert_eq!(members.len(), 4);
    let new = &members[3];
    assert_eq!(new.1.as_ref().unwrap().fields.surname, "Бекматов");
    assert_eq!(new.0.status, MemberStatus::Recovered);

    // The same person twice: refused with a message, nothing written.
    let ops = r.store.verify().unwrap().journal_ops;
    r.key(Key::Char('m')).text("Асанов").key(Key::Ctrl('l'));
    let e = update(&mut r.s, Action::Key(Key::Ctrl('s')));
    let a = kezek::tui::effects::perform(&r.store, "Жылдыз", &r.tax, e[0].clone());
    assert!(matches!(&a, Action::Failed { reason, .. } if reason.contains("already")));
    update(&mut r.s, a);
    assert_eq!(
        r.s.screen(),
        Screen::MemberForm,
        "the form stays open to fix"
    );
    assert_eq!(r.store.verify().unwrap().journal_ops, ops);
    r.keys(&[Key::Esc, Key::Char('y')]);
    assert_eq!(r.s.screen(), Screen::Appeal);

    // Жээнбеков (second) recovers his money: edit his amounts and status.
    r.keys(&[Key::Char('g'), Key::Down]);
    let sel =
        r.s.page::<AppealPage>()
            .unwrap()
            .selected_member()
            .unwrap()
            .clone();
    assert_eq!(sel.1.unwrap().fields.surname, "Жээнбеков");
    r.key(Key::Char('e'));
    assert_eq!(
        r.s.page::<MemberPage>()
            .unwrap()
            .form
            .value(MemberFormField::Claimed),
        "60\u{a0}000,00"
    );
    r.keys(&[Key::Tab, Key::Tab])
        .text("60 000")
        .keys(&[Key::Tab, Key::Tab, Key::Right]);
    r.key(Key::Ctrl('s'));
    let m = r.store.member(sel.0.meta.id).unwrap().unwrap();
    assert_eq!(m.recovered, rub(60_000));
    assert_eq!(m.status, MemberStatus::Recovered);
    assert_eq!(m.officer, "Жылдыз");
    assert_eq!(
        r.store.history(m.meta.id).unwrap().len(),
        1,
        "old version kept"
    );

    // Editing him again: Ctrl+L cannot swap the person (the side says where a person is
    // edited), and saving with nothing changed writes no version and says so.
    r.key(Key::Char('e'));
    let before =
        r.s.page::<MemberPage>()
            .unwrap()
            .form
            .value(MemberFormField::Surname)
            .to_string();
    r.key(Key::Ctrl('l'));
    let page = r.s.page::<MemberPage>().unwrap();
    assert_eq!(
        page.form.value(MemberFormField::Surname),
        before,
        "Ctrl+L changed nothing"
    );
    assert!(page.lookup.linked.is_some() && page.lookup.fixed);
    let ops = r.store.verify().unwrap().journal_ops;
    r.key(Key::Ctrl('s'));
    assert_eq!(
        r.store.verify().unwrap().journal_ops,
        ops,
        "no empty version written"
    );
    assert_eq!(r.store.history(m.meta.id).unwrap().len(), 1);
    assert_eq!(r.s.screen(), Screen::Appeal);
    assert_eq!(
        r.s.flash.as_ref().map(|f| f.id),
        Some("flash-nothing-changed")
    );

    // New details for the appeal itself.
    r.key(Key::Char('t'))
        .key(Key::Tab)
        .key(Key::End)
        .text("-Invest")
        .key(Key::Ctrl('s'));
    let view = r.s.page::<AppealPage>().unwrap().view.clone().unwrap();
    assert_eq!(view.appeal.fields.respondent, "OOO Stroy-Invest");
    assert_eq!(view.appeal.meta.rev, 2);
    let t = appeal_totals(view.members.iter().map(|(m, _)| m)).unwrap();
    assert_eq!(t.persons, 4);
    assert_eq!(t.persons_recovered, 2);
    assert_eq!(t.claimed.get(Currency::Rub), 230_000 * 100);
    assert_eq!(t.recovered.get(Currency::Rub), 110_000 * 100);
    let top = &view.timeline[0];
    assert_eq!(top.subject, Subject::Appeal);
    assert_eq!(top.changes[0].after, Value::Text("OOO Stroy-Invest".into()));
    insta::assert_snapshot!("appeal_screen_80x24", r.screen());

    // The full history.
    r.key(Key::Char('h'));
    assert_eq!(r.s.screen(), Screen::History);
    insta::assert_snapshot!("appeal_history_80x24", r.screen());
    r.key(Key::Esc);
    assert_eq!(r.s.screen(), Screen::Appeal);

    // The person card shows the membership; the consultation's history shows the link.
    r.key(Key::Char('g')).key(Key::Char('p'));
    assert_eq!(r.s.screen(), Screen::PersonCard);
    let card = r.s.page::<CardPage>().unwrap().card.clone().unwrap();
    assert_eq!(card.memberships.len(), 1);
    r.key(Key::Char('h'));
    let h = r.s.page::<HistoryPage>().unwrap();
    assert!(
        h.versions[0]
            .changes
            .iter()
            .any(|c| c.field == "field-appeal")
    );
    // `a` now opens the appeal the consultation is in.
    r.keys(&[Key::Esc, Key::Char('a')]);
    assert_eq!(r.s.screen(), Screen::Appeal);
    assert_eq!(r.s.page::<AppealPage>().unwrap().id, appeal);
    let _ = Id(0);
}

#[test]
fn an_unfinished_member_form_comes_back_as_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    r.keys(&[
        Key::Enter,
        Key::Char('g'),
        Key::Char('p'),
        Key::Char('a'),
        Key::Char('n'),
    ]);
    r.text("Brigade").key(Key::Ctrl('s'));
    r.key(Key::Char('m'))
        .text("Бекматов")
        .key(Key::Tab)
        .text("Нурлан");
    let later = r.s.now + chrono::Duration::seconds(3);
    let e = update(&mut r.s, Action::Tick(later));
    assert!(matches!(e.as_slice(), [Effect::SaveDraft(_)]), "{e:?}");
    r.pump(e);
    // The process dies here. A new session offers the draft back.
    let tax = r.tax.clone();
    let mut s = State::new(r.s.ctx.clone(), later);
    let init = s.init();
    std::mem::swap(&mut r.s, &mut s);
    r.pump(init);
    assert!(r.s.pending_draft.is_some());
    r.key(Key::Char('y'));
    assert_eq!(r.s.screen(), Screen::MemberForm);
    let m = r.s.page::<MemberPage>().unwrap();
    assert_eq!(m.form.value(MemberFormField::Surname), "Бекматов");
    assert_eq!(m.form.value(MemberFormField::Given), "Нурлан");
    assert_eq!(m.appeal_title, "Brigade");
    r.keys(&[Key::Tab; 8]).text("1 000").key(Key::Ctrl('s'));
    assert_eq!(r.s.screen(), Screen::Appeal);
    let id = r.s.page::<AppealPage>().unwrap().id;
    assert_eq!(r.store.members(id).unwrap().len(), 2);
    let _ = tax;
}

#[test]
fn an_appeal_due_for_follow_up_opens_from_the_follow_ups_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    let appeal = r
        .store
        .create_appeal(
            kezek::domain::AppealFields {
                title: "Brigade".into(),
                topic: "wages.unpaid".into(),
                follow_up: Some(date(2026, 11, 30)),
                ..Default::default()
            },
            None,
            "Айбек",
        )
        .unwrap();
    r.key(Key::Char('f'));
    assert_eq!(r.s.screen(), Screen::FollowUps);
    let rows = &r.s.page::<FollowUpsPage>().unwrap().rows;
    assert_eq!(rows.len(), 1);
    r.key(Key::Enter);
    assert_eq!(r.s.screen(), Screen::Appeal);
    assert_eq!(r.s.page::<AppealPage>().unwrap().id, appeal.meta.id);
    r.key(Key::Esc);
    assert_eq!(r.s.screen(), Screen::FollowUps);
}
