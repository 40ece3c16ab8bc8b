//! The app driven through `update` with key sequences, as a user would type them.

use crate::common::*;
use chrono::Duration;
use kezek::app::keymap::Key;
use kezek::app::pages::arrival::ArrivalField as AF;
use kezek::app::pages::event_form::EventFormField as EF;
use kezek::app::pages::{ArrivalPage, EventFormPage, QueuePage};
use kezek::app::{Action, Effect, FlashKind, Overlay, Screen, State, update};
use kezek::domain::{Lang, PersonPick, QueueEntry, Region, Sex, ValidationError, VisitStatus};

fn state() -> State {
    let ctx = context("Айбек", Lang::Ky, 10);
    let mut s = State::new(ctx, t0());
    assert_eq!(
        s.init(),
        vec![Effect::LoadEvents, Effect::LoadDraft, Effect::WarmSearch]
    );
    update(&mut s, Action::EventsLoaded(vec![]));
    s
}

fn key(s: &mut State, k: Key) -> Vec<Effect> {
    update(s, Action::Key(k))
}

fn typed(s: &mut State, text: &str) -> Vec<Effect> {
    text.chars().flat_map(|c| key(s, Key::Char(c))).collect()
}

fn in_queue() -> State {
    let mut s = state();
    let ev = sample_event();
    update(&mut s, Action::EventsLoaded(vec![ev.clone()]));
    assert_eq!(key(&mut s, Key::Enter), vec![Effect::LoadQueue(ev.meta.id)]);
    let rows = vec![
        QueueEntry {
            visit: sample_visit(10, kezek::domain::Id(20), 1, VisitStatus::Waiting),
            person: Some(sample_person(20, "Асанов", "Бакыт")),
        },
        QueueEntry {
            visit: sample_visit(11, kezek::domain::Id(21), 2, VisitStatus::Waiting),
            person: Some(sample_person(21, "Жээнбеков", "Өмүрбек")),
        },
    ];
    update(&mut s, Action::QueueLoaded { event: ev, rows });
    s
}

#[test]
fn create_an_event_from_the_keyboard() {
    let mut s = state();
    assert!(key(&mut s, Key::Char('n')).is_empty());
    assert_eq!(s.screen(), Screen::EventForm);
    // The date is prefilled with today; focus starts on the city.
    typed(&mut s, "Москва");
    key(&mut s, Key::Tab);
    typed(&mut s, "Посольство");
    key(&mut s, Key::Enter);
    typed(&mut s, "Embassy, Ombudsperson");
    let effects = key(&mut s, Key::Ctrl('s'));
    let [Effect::CreateEvent(fields)] = effects.as_slice() else {
        panic!("expected CreateEvent, got {effects:?}");
    };
    assert_eq!(fields.city, "Москва");
    assert_eq!(fields.venue, "Посольство");
    assert_eq!(fields.hosts, vec!["Embassy", "Ombudsperson"]);
    assert_eq!(fields.date, date(2026, 11, 24));
    assert_eq!(fields.utc_offset_min, 180);
    // A second save while the first is in flight sends nothing.
    assert!(key(&mut s, Key::F(2)).is_empty());
    let mut ev = sample_event();
    ev.fields = fields.clone();
    let effects = update(&mut s, Action::EventCreated(ev.clone()));
    assert_eq!(
        effects,
        vec![Effect::LoadQueue(ev.meta.id), Effect::ClearDraft]
    );
    assert_eq!(s.screen(), Screen::Queue);
    assert_eq!(s.flash.as_ref().map(|f| f.id), Some("flash-event-saved"));
}

#[test]
fn invalid_event_is_not_saved_and_errors_show_by_field() {
    let mut s = state();
    key(&mut s, Key::Char('n'));
    key(&mut s, Key::BackTab); // to the date
    key(&mut s, Key::Ctrl('u'));
    typed(&mut s, "31.02.2026");
    assert!(key(&mut s, Key::Ctrl('s')).is_empty());
    let form = &s.page::<EventFormPage>().unwrap().form;
    assert_eq!(form[EF::Date].error, Some(ValidationError::DateFormat));
    assert_eq!(form[EF::City].error, Some(ValidationError::Required));
    assert_eq!(
        form.focus(),
        Some(EF::Date),
        "focus goes to the first bad field"
    );
    assert_eq!(s.flash.as_ref().map(|f| f.kind), Some(FlashKind::Error));
}

#[test]
fn new_arrival_for_a_new_person() {
    let mut s = in_queue();
    // On a Russian layout the key in the place of `n` is `т`.
    assert!(key(&mut s, Key::Char('т')).is_empty());
    assert_eq!(s.screen(), Screen::ArrivalForm);
    let effects = typed(&mut s, "Токтосунова");
    assert!(
        matches!(effects.last(), Some(Effect::Suggest { query, .. }) if query == "Токтосунова")
    );
    key(&mut s, Key::Tab);
    typed(&mut s, "Айгүл");
    key(&mut s, Key::Tab);
    key(&mut s, Key::Tab);
    typed(&mut s, "01.02.1995");
    key(&mut s, Key::Tab);
    key(&mut s, Key::Right);
    key(&mut s, Key::Right); // female
    key(&mut s, Key::Tab);
    typed(&mut s, "an 7654321");
    key(&mut s, Key::Tab);
    typed(&mut s, "8 912 345-67-89");
    key(&mut s, Key::Tab);
    key(&mut s, Key::Left); // last region: Osh city
    key(&mut s, Key::Tab);
    typed(&mut s, "Казань");
    key(&mut s, Key::Tab);
    key(&mut s, Key::Tab); // language of service: the interface's (Kyrgyz) is kept
    typed(&mut s, "Unpaid wages");
    let effects = key(&mut s, Key::Enter); // Enter on the last field saves
    // A new person: one save, which the store refuses if they look like persons on record.
    let [
        Effect::AddArrival {
            arrival: a,
            check_look_alikes: true,
        },
    ] = effects.as_slice()
    else {
        panic!("expected AddArrival, got {effects:?}");
    };
    assert_eq!(a.purpose, "Unpaid wages");
    assert_eq!(a.desk_name, "Desk 3");
    assert_eq!(a.language, Lang::Ky);
    let PersonPick::New(p) = &a.person else {
        panic!("expected a new person");
    };
    assert_eq!(p.surname, "Токтосунова");
    assert_eq!(p.sex, Sex::Female);
    assert_eq!(p.birth_date, Some(date(1995, 2, 1)));
    assert_eq!(p.document.as_deref(), Some("AN7654321"));
    assert_eq!(p.phone.as_deref(), Some("+79123456789"));
    assert_eq!(p.region, Some(Region::OshCity));
    // The store confirms: the row appears, selected, and the form closes.
    let mut entry = QueueEntry {
        visit: sample_visit(12, kezek::domain::Id(22), 3, VisitStatus::Waiting),
        person: None,
    };
    entry.person = Some(kezek::domain::Person {
        meta: meta(22),
        fields: p.clone(),
    });
    update(&mut s, Action::ArrivalSaved(Box::new(entry)));
    assert_eq!(s.screen(), Screen::Queue);
    let q = s.page::<QueuePage>().unwrap();
    assert_eq!(q.rows.len(), 3);
    assert_eq!(
        q.selected, 2,
        "the newest arrival is selected, hence visible"
    );
    assert_eq!(s.flash.as_ref().map(|f| f.id), Some("flash-arrival-saved"));
}

#[test]
fn arrival_for_someone_already_on_record() {
    let mut s = in_queue();
    key(&mut s, Key::Char('n'));
    let effects = typed(&mut s, "ас");
    let Some(Effect::Suggest { seq, .. }) = effects.last().cloned() else {
        panic!("no look-up sent");
    };
    let found = vec![
        sample_person(20, "Асанов", "Бакыт"),
        sample_person(30, "Асанова", "Айпери"),
    ];
    // An answer to an older query is ignored.
    update(
        &mut s,
        Action::Suggestions {
            seq: seq - 1,
            persons: vec![],
            total: 0,
        },
    );
    update(
        &mut s,
        Action::Suggestions {
            seq,
            persons: found,
            total: 2,
        },
    );
    assert_eq!(s.page::<ArrivalPage>().unwrap().lookup.suggestions.len(), 2);
    key(&mut s, Key::Ctrl('n'));
    key(&mut s, Key::Ctrl('l'));
    let a = s.page::<ArrivalPage>().unwrap();
    assert_eq!(
        a.lookup.linked.as_ref().map(|p| p.meta.id),
        Some(kezek::domain::Id(30))
    );
    assert_eq!(a.form.value(AF::Surname), "Асанова");
    assert!(a.form[AF::Surname].locked);
    assert_eq!(a.form.focus(), Some(AF::Purpose));
    typed(&mut s, "Patent");
    let effects = key(&mut s, Key::Ctrl('s'));
    let [Effect::AddArrival { arrival: arr, .. }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(arr.person, PersonPick::Existing(kezek::domain::Id(30)));
    // Ctrl+L again would have gone back to a new person with empty fields.
    let mut s = in_queue();
    key(&mut s, Key::Char('n'));
    typed(&mut s, "ас");
    let seq = s.page::<ArrivalPage>().unwrap().lookup.seq;
    update(
        &mut s,
        Action::Suggestions {
            seq,
            persons: vec![sample_person(20, "Асанов", "Бакыт")],
            total: 1,
        },
    );
    key(&mut s, Key::Ctrl('l'));
    key(&mut s, Key::Ctrl('l'));
    let a = s.page::<ArrivalPage>().unwrap();
    assert!(a.lookup.linked.is_none());
    assert_eq!(a.form.value(AF::Surname), "");
    assert!(!a.form[AF::Surname].locked);
}

#[test]
fn arrival_with_bad_fields_is_not_saved() {
    let mut s = in_queue();
    key(&mut s, Key::Char('n'));
    key(&mut s, Key::Tab);
    typed(&mut s, "Бакыт");
    key(&mut s, Key::Tab);
    key(&mut s, Key::Tab);
    typed(&mut s, "2030-01-01");
    assert!(key(&mut s, Key::Ctrl('s')).is_empty());
    let a = s.page::<ArrivalPage>().unwrap();
    assert_eq!(a.form[AF::Surname].error, Some(ValidationError::Required));
    assert_eq!(a.form[AF::Birth].error, Some(ValidationError::DateInFuture));
    assert_eq!(a.form.focus(), Some(AF::Surname));
    assert!(!a.saving);
}

#[test]
fn leaving_a_form_with_input_asks_first() {
    let mut s = in_queue();
    key(&mut s, Key::Char('n'));
    // Nothing typed: Esc leaves at once.
    key(&mut s, Key::Esc);
    assert_eq!(s.screen(), Screen::Queue);
    key(&mut s, Key::Char('n'));
    typed(&mut s, "q"); // a letter hotkey elsewhere is text here
    assert_eq!(
        s.page::<ArrivalPage>().unwrap().form.value(AF::Surname),
        "q"
    );
    key(&mut s, Key::Esc);
    assert_eq!(s.overlay, Some(Overlay::ConfirmDiscard));
    // The interface is Kyrgyz: жок is `ж`; the English `n` answers nothing.
    key(&mut s, Key::Char('n'));
    assert_eq!(s.overlay, Some(Overlay::ConfirmDiscard));
    key(&mut s, Key::Char('ж'));
    assert_eq!(s.overlay, None);
    assert_eq!(
        s.screen(),
        Screen::ArrivalForm,
        "answering no keeps the input"
    );
    key(&mut s, Key::Esc);
    // `н` sits where `y` does on a Cyrillic layout, but it is no Kyrgyz answer: nothing.
    key(&mut s, Key::Char('н'));
    assert_eq!(s.overlay, Some(Overlay::ConfirmDiscard));
    assert_eq!(
        s.page::<ArrivalPage>().unwrap().form.value(AF::Surname),
        "q"
    );
    key(&mut s, Key::Char('О')); // ооба
    assert_eq!(s.screen(), Screen::Queue);
    assert!(s.page::<ArrivalPage>().is_none());
    // Ctrl+C with unsaved input asks too.
    key(&mut s, Key::Char('n'));
    typed(&mut s, "Асанов");
    key(&mut s, Key::Ctrl('c'));
    assert_eq!(s.overlay, Some(Overlay::ConfirmQuit));
    assert!(!s.quit);
    key(&mut s, Key::Enter);
    assert!(s.quit);
}

#[test]
fn queue_moves_with_single_keys() {
    let mut s = in_queue();
    let q = s.page::<QueuePage>().unwrap();
    assert_eq!(q.selected, 1, "opens at the newest arrival");
    key(&mut s, Key::Up);
    let first = s.page::<QueuePage>().unwrap().rows[0].visit.meta.id;
    // `d` on a visit waiting, with no move of it being saved, is refused at once, with a
    // reason.
    assert!(key(&mut s, Key::Char('d')).is_empty());
    assert_eq!(s.flash.as_ref().map(|f| f.id), Some("flash-cannot-move"));
    assert_eq!(
        key(&mut s, Key::Char('c')),
        vec![Effect::SetStatus {
            visit: first,
            to: VisitStatus::WithOfficer
        }]
    );
    let mut v = s.page::<QueuePage>().unwrap().rows[0].visit.clone();
    v.transition(
        VisitStatus::WithOfficer,
        t0() + Duration::minutes(12),
        "Айбек",
    )
    .unwrap();
    update(&mut s, Action::VisitUpdated(v));
    assert_eq!(
        s.page::<QueuePage>().unwrap().rows[0].visit.status,
        VisitStatus::WithOfficer
    );
    assert_eq!(
        key(&mut s, Key::Char('в')),
        vec![Effect::SetStatus {
            visit: first,
            to: VisitStatus::Done
        }]
    );
    assert_eq!(
        key(&mut s, Key::Char('l')),
        vec![Effect::SetStatus {
            visit: first,
            to: VisitStatus::LeftWithoutService
        }]
    );
    assert_eq!(
        key(&mut s, Key::Char('w')),
        vec![Effect::SetStatus {
            visit: first,
            to: VisitStatus::Waiting
        }]
    );
    key(&mut s, Key::Char('G'));
    assert_eq!(s.page::<QueuePage>().unwrap().selected, 1);
    assert_eq!(key(&mut s, Key::Char('q')), vec![Effect::LoadEvents]);
    assert_eq!(s.screen(), Screen::Events);
    key(&mut s, Key::Char('й'));
    assert!(s.quit);
}

#[test]
fn help_opens_with_question_mark_and_any_key_closes_it() {
    let mut s = in_queue();
    key(&mut s, Key::Char('?'));
    assert_eq!(s.overlay, Some(Overlay::Help));
    assert!(
        key(&mut s, Key::Char('n')).is_empty(),
        "the closing key does nothing else"
    );
    assert_eq!(s.overlay, None);
    assert_eq!(s.screen(), Screen::Queue);
    key(&mut s, Key::Char('n'));
    key(&mut s, Key::F(1));
    assert_eq!(s.overlay, Some(Overlay::Help));
}

#[test]
fn idle_screen_locks_and_unlocks_with_enter() {
    let mut s = in_queue();
    update(&mut s, Action::Tick(t0() + Duration::minutes(9)));
    assert!(!s.locked);
    update(&mut s, Action::Tick(t0() + Duration::minutes(10)));
    assert!(s.locked);
    assert!(key(&mut s, Key::Char('n')).is_empty());
    assert_eq!(s.screen(), Screen::Queue, "keys do nothing while locked");
    key(&mut s, Key::Enter);
    assert!(!s.locked);
}

#[test]
fn failed_save_keeps_the_form_and_says_why() {
    let mut s = in_queue();
    key(&mut s, Key::Char('n'));
    typed(&mut s, "Асанов");
    key(&mut s, Key::Tab);
    typed(&mut s, "Бакыт");
    assert_eq!(key(&mut s, Key::Ctrl('s')).len(), 1);
    update(
        &mut s,
        Action::Failed {
            what: "what-arrival",
            reason: "No space left on device (os error 28)".into(),
            reason_id: Some("err-disk-full"),
        },
    );
    assert_eq!(s.screen(), Screen::ArrivalForm);
    let a = s.page::<ArrivalPage>().unwrap();
    assert!(!a.saving);
    assert_eq!(a.form.value(AF::Surname), "Асанов", "nothing typed is lost");
    assert_eq!(s.flash.as_ref().map(|f| f.kind), Some(FlashKind::Error));
    // The reason is told in the interface language.
    let f = s.flash.as_ref().unwrap();
    let ru = kezek::i18n::I18n::new("ru");
    let text = ru.t_args(f.id, &f.args);
    assert_eq!(
        text,
        "Не сохранено (посетитель): диск заполнен; освободите место (запись не сохранена)"
    );
    // Saving again is possible.
    assert_eq!(key(&mut s, Key::Ctrl('s')).len(), 1);
}

#[test]
fn a_new_person_like_one_on_record_is_shown_before_saving() {
    use kezek::domain::search::Likeness;
    let mut s = in_queue();
    key(&mut s, Key::Char('n'));
    typed(&mut s, "Asanov");
    key(&mut s, Key::Tab);
    typed(&mut s, "Bakyt");
    let effects = key(&mut s, Key::Ctrl('s'));
    let [
        Effect::AddArrival {
            check_look_alikes: true,
            ..
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    let on_record = kezek::domain::Person {
        meta: meta(21),
        fields: person_fields("Асанов", "Бакыт"),
    };
    let effects = update(
        &mut s,
        Action::LookAlikes(vec![(
            on_record.clone(),
            Likeness::SameBirthDateSimilarName,
        )]),
    );
    assert!(effects.is_empty(), "nothing saved yet: {effects:?}");
    let a = s.page::<ArrivalPage>().unwrap();
    assert!(!a.saving);
    assert_eq!(a.lookup.suggestions, vec![on_record.clone()]);
    assert_eq!(a.lookup.likeness, vec![Likeness::SameBirthDateSimilarName]);
    assert_eq!(s.flash.as_ref().unwrap().id, "flash-look-alikes");
    // Saving again makes a new person on purpose...
    let mut again = s.page::<ArrivalPage>().cloned().unwrap();
    let effects = key(&mut s, Key::Ctrl('s'));
    assert!(
        matches!(effects.as_slice(), [Effect::AddArrival { arrival: a, check_look_alikes: false }] if matches!(a.person, PersonPick::New(_))),
        "{effects:?}"
    );
    // ...while Ctrl+L takes the person on record.
    *s.page_mut::<ArrivalPage>().unwrap() = {
        again.saving = false;
        again
    };
    key(&mut s, Key::Ctrl('l'));
    let effects = key(&mut s, Key::Ctrl('s'));
    assert!(
        matches!(effects.as_slice(), [Effect::AddArrival { arrival: a, .. }] if a.person == PersonPick::Existing(on_record.meta.id)),
        "{effects:?}"
    );
    // Editing the name again asks again.
    s.page_mut::<ArrivalPage>().unwrap().saving = false;
    key(&mut s, Key::Ctrl('l')); // back to a new person
    typed(&mut s, "Усенов");
    key(&mut s, Key::Tab);
    typed(&mut s, "Бакыт");
    let effects = key(&mut s, Key::Ctrl('s'));
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::AddArrival {
                check_look_alikes: true,
                ..
            }]
        ),
        "{effects:?}"
    );
}
