//! Finding a person from anywhere, look-alikes before saving a new person, and merging a
//! duplicate, driven key by key on a real store.

use crate::common::rig::*;
use crate::common::*;
use kezek::app::keymap::Key;
use kezek::app::pages::{ArrivalPage, CardPage, SearchPage};
use kezek::app::{Action, Effect, Overlay, ReplyTo, Screen, deliver};
use kezek::domain::PersonPick;
use kezek::domain::search::Likeness;

#[test]
fn slash_finds_a_person_in_any_script_and_opens_the_card() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    r.key(Key::Char('/'));
    assert_eq!(r.s.screen(), Screen::Search);
    r.text("bakyt asanov");
    let s = r.s.page::<SearchPage>().unwrap();
    assert_eq!(s.results.len(), 1);
    assert_eq!(s.results[0].fields.surname, "Асанов");
    insta::assert_snapshot!("search_screen_80x24", r.screen());
    // Everyone with a word starting with `a`, in either script.
    r.key(Key::Ctrl('u')).text("A");
    assert_eq!(r.s.page::<SearchPage>().unwrap().results.len(), 2);
    r.key(Key::Ctrl('u')).text("bakyt asanov");
    r.key(Key::Enter);
    assert_eq!(r.s.screen(), Screen::PersonCard);
    let card = r.s.page::<CardPage>().unwrap().card.as_ref().unwrap();
    assert_eq!(card.person.fields.given_name, "Бакыт");
    r.key(Key::Esc);
    assert_eq!(
        r.s.screen(),
        Screen::Events,
        "back where the search started"
    );
    // From the queue too, on a Russian layout (the `/` key types `.` there).
    r.keys(&[Key::Enter, Key::Char('.')]);
    assert_eq!(r.s.screen(), Screen::Search);
    r.text("Токто");
    assert_eq!(r.s.page::<SearchPage>().unwrap().results.len(), 1);
    r.key(Key::Esc);
    assert_eq!(r.s.screen(), Screen::Queue);
}

#[test]
fn a_look_alike_on_record_is_offered_before_a_duplicate_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    let mut on_record = r.store.persons().unwrap();
    on_record.retain(|p| p.fields.surname == "Жээнбеков");
    let doc = on_record[0].fields.document.clone().unwrap();
    // The same passport typed at the desk with another spelling of the name.
    r.keys(&[Key::Enter, Key::Char('n')]);
    r.text("Jeenbekov").key(Key::Tab).text("Omurbek");
    for _ in 0..4 {
        r.key(Key::Tab);
    }
    r.text(&doc.to_lowercase());
    let before = r.store.persons().unwrap().len();
    r.key(Key::Ctrl('s'));
    assert_eq!(r.s.screen(), Screen::ArrivalForm, "not saved yet");
    let a = r.s.page::<ArrivalPage>().unwrap();
    assert_eq!(a.lookup.likeness, vec![Likeness::SameDocument]);
    assert_eq!(a.lookup.suggestions[0].meta.id, on_record[0].meta.id);
    assert!(r.screen().contains("Already on record?"), "{}", r.screen());
    // It is them: the visit goes to the person on record, no new person.
    r.key(Key::Ctrl('l')).text("wages").key(Key::Ctrl('s'));
    assert_eq!(r.s.screen(), Screen::Queue);
    assert_eq!(r.store.persons().unwrap().len(), before);
}

#[test]
fn saving_an_arrival_is_one_effect_and_a_refusal_shows_the_look_alikes() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    let before = r.store.persons().unwrap().len();
    let queue = |r: &Rig| r.store.queue(r.store.events().unwrap()[0].meta.id).unwrap();
    let visits = queue(&r).len();
    let on_record = r.store.persons().unwrap();
    let twin = on_record
        .iter()
        .find(|p| p.fields.surname == "Жээнбеков")
        .unwrap();
    let doc = twin.fields.document.clone().unwrap();
    // The passport of a person on record, with the name in another script.
    r.keys(&[Key::Enter, Key::Char('n')]);
    r.text("Jeenbekov").key(Key::Tab).text("Omurbek");
    for _ in 0..4 {
        r.key(Key::Tab);
    }
    r.text(&doc);
    let save = |r: &mut Rig| {
        let sent = deliver(&mut r.s, ReplyTo::App, Action::Key(Key::Ctrl('s')));
        let [
            Effect::AddArrival {
                check_look_alikes, ..
            },
        ] = sent.iter().map(|q| &q.effect).collect::<Vec<_>>()[..]
        else {
            panic!("one save, one effect: {sent:?}");
        };
        let checked = *check_look_alikes;
        r.pump(sent);
        checked
    };
    assert!(save(&mut r), "a new person is checked by the store");
    // Refused: nothing is written, and the look-alikes are listed on the form.
    assert_eq!(r.s.screen(), Screen::ArrivalForm, "not saved");
    assert_eq!(r.store.persons().unwrap().len(), before);
    assert_eq!(queue(&r).len(), visits);
    let a = r.s.page::<ArrivalPage>().unwrap();
    assert!(!a.saving, "the form takes input again");
    assert!(!a.lookup.likeness.is_empty());
    assert_eq!(a.lookup.suggestions[0].meta.id, twin.meta.id);
    assert_eq!(r.s.flash.as_ref().unwrap().id, "flash-look-alikes");
    assert!(r.screen().contains("Already on record?"), "{}", r.screen());
    // Saving again makes the new person on purpose: one effect, not checked.
    assert!(!save(&mut r));
    assert_eq!(r.s.screen(), Screen::Queue);
    assert_eq!(r.store.persons().unwrap().len(), before + 1);
    assert_eq!(queue(&r).len(), visits + 1);
}

#[test]
fn merging_a_duplicate_from_the_card() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    let ev = r.store.events().unwrap()[0].meta.id;
    r.store
        .add_arrival(
            arrival(
                ev,
                PersonPick::New(person_fields("ASANOV", "BAKIT")),
                "wages",
            ),
            "Жылдыз",
        )
        .unwrap();
    r.key(Key::Char('/')).text("Асанов Бакыт");
    assert_eq!(r.s.page::<SearchPage>().unwrap().results.len(), 2);
    // Open the Cyrillic record's card.
    r.open_found("Асанов");
    let keep =
        r.s.page::<CardPage>()
            .unwrap()
            .card
            .as_ref()
            .unwrap()
            .person
            .meta
            .id;
    // Shift+M: choose the duplicate; the person on the card is not offered.
    r.key(Key::Char('M'));
    assert_eq!(r.s.screen(), Screen::Search);
    r.text("asanov");
    let results = &r.s.page::<SearchPage>().unwrap().results;
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].fields.surname, "ASANOV");
    r.key(Key::Enter);
    assert_eq!(r.s.overlay, Some(Overlay::ConfirmMerge));
    assert!(r.screen().contains("ASANOV BAKIT"));
    r.key(Key::Char('y'));
    assert_eq!(r.s.screen(), Screen::PersonCard);
    let card = r.s.page::<CardPage>().unwrap().card.as_ref().unwrap();
    assert_eq!(card.person.meta.id, keep);
    assert_eq!(card.visits.len(), 2);
    assert_eq!(card.merged.len(), 1);
    assert!(
        r.screen().contains("Merged into this person: ASANOV BAKIT"),
        "{}",
        r.screen()
    );
    assert_eq!(r.store.find_persons("asanov", 10).unwrap().len(), 1);
}

#[test]
fn a_long_list_says_it_shows_the_first_50_of_how_many() {
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(dir.path());
    // 61 persons of one name (`[one]` in Russian: "из 61 найденного"), and one other.
    let mut persons: Vec<kezek::store::Change> = (1..=61u128)
        .map(|n| kezek::store::Change::PutPerson(sample_person(n, "Кеңешбаева", "Айгүл")))
        .collect();
    persons.push(kezek::store::Change::PutPerson(sample_person(
        100,
        "Асанов",
        "Бакыт",
    )));
    store.commit("x", persons).unwrap();
    let (found, total) = store.find_persons_counted("Kenesbaeva", 50).unwrap();
    assert_eq!((found.len(), total), (50, 61));
    let mut r = app_on(
        store,
        kezek::domain::Lang::Ru,
        t0() + chrono::Duration::hours(2),
    );
    r.key(Key::Char('/'));
    assert_eq!(r.s.screen(), Screen::Search);
    // A passport spelling without `ң` and with `s` for `ш`.
    r.text("Kenesbaeva");
    let s = r.s.page::<SearchPage>().unwrap();
    assert_eq!((s.results.len(), s.total), (50, 61));
    let screen = r.screen();
    assert!(
        screen.contains("первые 50 из 61 найденного, лучшие сверху"),
        "{screen}"
    );
    assert!(screen.contains("Кеңешбаева Айгүл"), "{screen}");
    // Fewer than the limit: the plain count, as before.
    r.key(Key::Ctrl('u')).text("Асанов");
    assert_eq!(r.s.page::<SearchPage>().unwrap().total, 1);
    let screen = r.screen();
    assert!(
        screen.contains("1 человек, лучшие совпадения сверху"),
        "{screen}"
    );
    assert!(!screen.contains("первые"), "{screen}");
}

#[test]
fn the_merge_picker_does_not_count_the_person_on_the_card_wherever_they_rank() {
    // Found: on a card, Shift+M and `e` said "first 50 of 475" with 474 candidates: the
    // person on the card, 67th, was left out of the list but still counted.
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(dir.path());
    let persons: Vec<kezek::store::Change> = (1..=61u128)
        .map(|n| {
            let mut p = sample_person(n, "Кеңешбаева", "Айгүл");
            p.fields.document = Some(format!("AN{:07}", 7_000_000 + n));
            kezek::store::Change::PutPerson(p)
        })
        .collect();
    store.commit("x", persons).unwrap();
    let mut r = app_on(
        store,
        kezek::domain::Lang::Ru,
        t0() + chrono::Duration::hours(2),
    );
    // The last of 61 equal matches (ties go by id): not among the first 50.
    r.key(Key::Char('/')).text("AN7000061");
    r.open_found("Кеңешбаева");
    assert_eq!(r.s.screen(), Screen::PersonCard);
    r.key(Key::Char('M')).text("Kenesbaeva");
    let s = r.s.page::<SearchPage>().unwrap();
    assert_eq!((s.results.len(), s.total), (50, 60));
    let screen = r.screen();
    assert!(screen.contains("первые 50 из 60 найденных"), "{screen}");
}

#[test]
fn a_long_document_and_phone_are_shown_whole_in_the_search_list() {
    // Found: a document of 18 characters and a phone of 15 digits were cut mid-number
    // (`AB123456789…`, `+3804412345678…`).
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(dir.path());
    let mut p = sample_person(1, "Длинный", "Документ");
    p.fields.document = Some("AB1234567890123456".into());
    p.fields.phone = Some("+380441234567890".into());
    store
        .commit("x", vec![kezek::store::Change::PutPerson(p)])
        .unwrap();
    let mut r = app_on(
        store,
        kezek::domain::Lang::Ru,
        t0() + chrono::Duration::hours(2),
    );
    r.key(Key::Char('/')).text("Длинный");
    let screen = r.screen();
    assert!(screen.contains("AB1234567890123456"), "{screen}");
    assert!(screen.contains("+380441234567890"), "{screen}");
    assert!(screen.contains("Длинный Документ"), "{screen}");
    // Nothing found says so once, not also "0 persons" above it.
    r.key(Key::Ctrl('u')).text("Нетакого");
    let screen = r.screen();
    assert!(screen.contains("Никого не найдено"), "{screen}");
    assert!(!screen.contains("0 человек"), "{screen}");
}

#[test]
fn a_number_too_short_to_look_up_says_from_how_many_characters() {
    // Found: `AN1` and `+7` said "Nobody found. Check the spelling", of a passport on record.
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    r.key(Key::Char('/'));
    for q in ["AN1", "+7", "+7 9", "12"] {
        r.key(Key::Ctrl('u')).text(q);
        let screen = r.screen();
        assert!(
            screen.contains("A document is found by its first 4 characters"),
            "{q}: {screen}"
        );
        assert!(!screen.contains("Check the spelling"), "{q}: {screen}");
    }
    // A name not on record is still told to check its spelling.
    r.key(Key::Ctrl('u')).text("Нетакого");
    assert!(r.screen().contains("Check the spelling"));
}
