//! Correcting a person's details from the card (`e`, `у` on a Russian layout), and a
//! passport series typed in Cyrillic meeting the one on record at the arrival form.

use crate::common::rig::*;
use kezek::app::keymap::Key;
use kezek::app::pages::{ArrivalPage, CardPage, PersonFormPage};
use kezek::app::{Overlay, Screen};
use kezek::domain::Lang;
use kezek::domain::search::Likeness;

fn flash(r: &Rig) -> Option<&'static str> {
    r.s.flash.as_ref().map(|f| f.id)
}

fn card_of(r: &mut Rig, surname: &str) {
    r.key(Key::Char('/')).text(surname);
    r.open_found(surname);
    assert_eq!(r.s.screen(), Screen::PersonCard);
}

#[test]
fn a_new_phone_is_saved_from_the_card_in_russian_and_the_old_one_is_in_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    r.s.ctx.language = Lang::Ru;
    card_of(&mut r, "Асанов");
    let id =
        r.s.page::<CardPage>()
            .unwrap()
            .card
            .as_ref()
            .unwrap()
            .person
            .meta
            .id;
    // `у` is where `e` is on ЙЦУКЕН.
    r.key(Key::Char('у'));
    assert_eq!(r.s.screen(), Screen::PersonForm);
    let screen = r.screen();
    // The form is titled with the person and holds their details as they are.
    assert!(
        screen.contains("Данные человека — Асанов Бакыт"),
        "{screen}"
    );
    assert!(screen.contains("+996555123456"), "{screen}");
    assert!(screen.contains("1990-05-14"), "{screen}");
    insta::assert_snapshot!("person_edit_ru_80x24", screen);

    // The phone is the seventh field: six Tabs, Ctrl+U, the number, Ctrl+S.
    let ops = r.store.verify().unwrap().journal_ops;
    for _ in 0..6 {
        r.key(Key::Tab);
    }
    r.key(Key::Ctrl('u')).text("0700111222").key(Key::Ctrl('s'));
    assert_eq!(r.s.screen(), Screen::PersonCard, "back on the card");
    assert_eq!(flash(&r), Some("flash-person-saved"));
    assert_eq!(r.store.verify().unwrap().journal_ops, ops + 1);
    let p = r.store.person(id).unwrap().unwrap();
    assert_eq!(p.fields.phone.as_deref(), Some("+996700111222"));
    let card = r.s.page::<CardPage>().unwrap().card.as_ref().unwrap();
    assert_eq!(card.person, p, "the card shows the new version");
    let screen = r.screen();
    assert!(screen.contains("+996700111222"), "{screen}");
    assert!(screen.contains("Изменения данных (1)"), "{screen}");
    assert!(
        screen.contains("+996555123456 → +996700111222"),
        "the history tells what changed: {screen}"
    );

    // Saved again with nothing changed: nothing written, and said so.
    r.key(Key::Char('e')).key(Key::Ctrl('s'));
    assert_eq!(r.s.screen(), Screen::PersonCard);
    assert_eq!(flash(&r), Some("flash-nothing-changed"));
    assert_eq!(r.store.verify().unwrap().journal_ops, ops + 1);

    // A surname cleared is refused on the form; leaving asks first, in Russian letters.
    r.key(Key::Char('e'))
        .key(Key::Ctrl('u'))
        .key(Key::Ctrl('s'));
    assert_eq!(
        r.s.screen(),
        Screen::PersonForm,
        "the form stays to be fixed"
    );
    assert_eq!(flash(&r), Some("flash-fix-fields"));
    let f = r.s.page::<PersonFormPage>().unwrap();
    assert!(f.form.fields.iter().any(|x| x.error.is_some()));
    r.key(Key::Esc);
    assert_eq!(r.s.overlay, Some(Overlay::ConfirmDiscard));
    r.key(Key::Char('д'));
    assert_eq!(r.s.screen(), Screen::PersonCard);
    assert_eq!(
        r.store.verify().unwrap().journal_ops,
        ops + 1,
        "nothing written"
    );
}

#[test]
fn a_renamed_person_is_found_by_the_new_name_and_not_the_old() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    card_of(&mut r, "Жээнбеков");
    r.key(Key::Char('e')).key(Key::Ctrl('u')).text("Жээнбекова");
    r.key(Key::Tab).key(Key::Ctrl('u')).text("Өмүр");
    r.key(Key::F(2));
    assert_eq!(r.s.screen(), Screen::PersonCard);
    let card = r.s.page::<CardPage>().unwrap().card.as_ref().unwrap();
    assert_eq!(card.person.fields.full_name(), "Жээнбекова Өмүр");
    assert!(r.screen().contains("Жээнбекова Өмүр"));
    r.keys(&[Key::Esc, Key::Esc]);
    r.key(Key::Char('/')).text("Omur Jeenbekova");
    let names: Vec<String> =
        r.s.page::<kezek::app::pages::SearchPage>()
            .unwrap()
            .results
            .iter()
            .map(|p| p.fields.full_name())
            .collect();
    assert_eq!(names, ["Жээнбекова Өмүр"]);
    r.key(Key::Ctrl('u')).text("Өмүрбек");
    assert!(
        r.s.page::<kezek::app::pages::SearchPage>()
            .unwrap()
            .results
            .is_empty(),
        "the old given name finds nobody"
    );
}

#[test]
fn a_passport_series_typed_in_cyrillic_shows_the_person_on_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    let on_record = r
        .store
        .persons()
        .unwrap()
        .into_iter()
        .find(|p| p.fields.surname == "Токтосунова")
        .unwrap();
    let doc = on_record.fields.document.clone().unwrap();
    let digits = doc.strip_prefix("AN").unwrap();
    // Someone else's name, the same passport with its series typed on a Russian layout.
    r.keys(&[Key::Enter, Key::Char('n')]);
    r.text("Осмонова").key(Key::Tab).text("Айжан");
    for _ in 0..4 {
        r.key(Key::Tab);
    }
    r.text(&format!("АН {digits}"));
    let before = r.store.persons().unwrap().len();
    r.key(Key::Ctrl('s'));
    assert_eq!(r.s.screen(), Screen::ArrivalForm, "not saved: a look-alike");
    let a = r.s.page::<ArrivalPage>().unwrap();
    assert_eq!(a.lookup.likeness, vec![Likeness::SameDocument]);
    assert_eq!(a.lookup.suggestions[0].meta.id, on_record.meta.id);
    assert_eq!(r.store.persons().unwrap().len(), before);
    // It is her: the visit goes to the person on record.
    r.key(Key::Ctrl('l')).text("wages").key(Key::Ctrl('s'));
    assert_eq!(r.s.screen(), Screen::Queue);
    assert_eq!(r.store.persons().unwrap().len(), before);
}

#[test]
fn a_visit_without_a_purpose_leaves_no_empty_slot_on_the_card() {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::common::open_store(dir.path());
    let ev = store
        .create_event(crate::common::event_fields("Москва"), "Айбек")
        .unwrap()
        .meta
        .id;
    store
        .add_arrival(
            crate::common::arrival(
                ev,
                kezek::domain::PersonPick::New(crate::common::person_fields("Асанов", "Бакыт")),
                "",
            ),
            "Айбек",
        )
        .unwrap();
    let mut r = app_on(store, Lang::Ru, crate::common::t0());
    card_of(&mut r, "Асанов");
    let screen = r.screen();
    assert!(screen.contains("№ 1 · ждёт"), "{screen}");
    assert!(!screen.contains("·  ·"), "{screen}");
}
