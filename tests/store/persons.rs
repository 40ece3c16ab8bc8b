//! Correcting a person's details (`update_person`): versions kept, the search in step, the
//! rules of a new person; and a document typed in either script being one document.

use crate::common::open_store as open;
use crate::common::*;
use kezek::domain::card::HistoryEntry;
use kezek::domain::history::Value;
use kezek::domain::search::Likeness;
use kezek::domain::validate::normalize_document;
use kezek::domain::{Id, Person, PersonFields, PersonPick, ValidationError};
use kezek::store::{Change, Store, StoreError};

fn with_person(store: &Store, fields: PersonFields) -> Id {
    let ev = store.create_event(event_fields("Москва"), "Айбек").unwrap();
    let e = store
        .add_arrival(
            arrival(ev.meta.id, PersonPick::New(fields), "wages"),
            "Айбек",
        )
        .unwrap();
    e.visit.person
}

fn found(store: &Store, query: &str) -> Vec<Id> {
    store
        .find_persons(query, 10)
        .unwrap()
        .into_iter()
        .map(|(p, _)| p.meta.id)
        .collect()
}

#[test]
fn an_edit_is_a_new_version_found_by_the_new_name_and_kept_in_history() {
    let dir = tempdir();
    let store = open(dir.path());
    let id = with_person(&store, person_fields("Асанов", "Бакыт"));
    assert_eq!(found(&store, "Асанов"), [id]);
    let old = store.person(id).unwrap().unwrap();
    let mut fields = old.fields.clone();
    fields.surname = "Асаналиев".into();
    fields.phone = Some("0700 111 222".into());
    let saved = store
        .update_person(id, fields, "Жылдыз")
        .unwrap()
        .expect("a change is saved");
    // Normalised as a new person's details are.
    assert_eq!(saved.fields.phone.as_deref(), Some("+996700111222"));
    assert_eq!(saved.meta.rev, 2);
    assert_eq!(store.person(id).unwrap().unwrap(), saved);
    assert!(
        found(&store, "Асанов").is_empty(),
        "the old name finds nobody"
    );
    assert_eq!(found(&store, "Асаналиев"), [id]);
    assert_eq!(found(&store, "0700 111"), [id]);
    assert!(found(&store, "0555 123 456").is_empty());

    // Both versions are kept, the first without an officer (an arrival saved it).
    let history = store.history(id).unwrap();
    let versions: Vec<(u32, String)> = history
        .iter()
        .map(|e| match e {
            HistoryEntry::Person(v) => (v.person.meta.rev, v.officer.clone()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(versions, [(1, String::new()), (2, "Жылдыз".into())]);
    let card = store.person_card(id).unwrap();
    assert_eq!(card.person.fields.surname, "Асаналиев");
    assert_eq!(
        card.versions.len(),
        2,
        "newest first: the edit, the creation"
    );
    let edit = &card.versions[0];
    assert_eq!((edit.rev, edit.officer.as_str()), (2, "Жылдыз"));
    let fields: Vec<&str> = edit.changes.iter().map(|c| c.field).collect();
    assert_eq!(fields, ["field-surname", "field-phone"]);
    assert_eq!(edit.changes[0].before, Value::Text("Асанов".into()));
    assert_eq!(edit.changes[0].after, Value::Text("Асаналиев".into()));
    assert!(card.versions[1].is_creation());
    assert_eq!(store.timeline(id).unwrap(), card.versions);

    // The view rebuilt from the journal holds the same, and the search too.
    let report = store.verify().unwrap();
    assert!(report.is_consistent(), "{report:?}");
    drop(store);
    std::fs::remove_dir_all(dir.path().join(kezek::store::SLED_DIR)).unwrap();
    let store = open(dir.path());
    assert_eq!(store.person_card(id).unwrap().versions, card.versions);
    assert_eq!(found(&store, "Асаналиев"), [id]);
    assert!(found(&store, "Асанов").is_empty());
}

#[test]
fn saving_the_same_details_writes_nothing_and_bad_details_are_refused() {
    let dir = tempdir();
    let store = open(dir.path());
    let id = with_person(&store, person_fields("Асанов", "Бакыт"));
    let ops = store.verify().unwrap().journal_ops;
    let same = store.person(id).unwrap().unwrap().fields;
    assert_eq!(
        store.update_person(id, same.clone(), "Жылдыз").unwrap(),
        None
    );
    // Typed differently but the same once normalised: nothing changed either.
    let mut spaced = same.clone();
    spaced.surname = "  Асанов ".into();
    spaced.phone = Some("0555 123 456".into());
    assert_eq!(store.update_person(id, spaced, "Жылдыз").unwrap(), None);
    assert_eq!(store.verify().unwrap().journal_ops, ops);

    for (bad, why) in [
        (
            PersonFields {
                surname: " ".into(),
                ..same.clone()
            },
            ValidationError::Required,
        ),
        (
            PersonFields {
                phone: Some("12".into()),
                ..same.clone()
            },
            ValidationError::PhoneUnknownCountry,
        ),
        (
            PersonFields {
                birth_date: Some(date(2030, 1, 1)),
                ..same.clone()
            },
            ValidationError::DateInFuture,
        ),
        (
            PersonFields {
                document: Some("AN_1".into()),
                ..same.clone()
            },
            ValidationError::DocumentCharset,
        ),
    ] {
        let err = store.update_person(id, bad, "Жылдыз").unwrap_err();
        assert!(matches!(err, StoreError::Invalid(e) if e == why), "{err}");
    }
    assert_eq!(store.verify().unwrap().journal_ops, ops, "nothing written");
    assert_eq!(store.person(id).unwrap().unwrap().fields, same);
    let err = store.update_person(Id(42), same, "Жылдыз").unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
}

#[test]
fn an_edited_person_exports_and_imports_as_one_person() {
    let dir = tempdir();
    let a = open(&dir.path().join("a"));
    let id = with_person(&a, person_fields("Асанов", "Бакыт"));
    let mut fields = a.person(id).unwrap().unwrap().fields;
    fields.surname = "Асаналиев".into();
    a.update_person(id, fields, "Жылдыз").unwrap().unwrap();
    let folder = dir.path().join("export");
    kezek::export::stream::write_csv(
        &a,
        &kezek::export::stream::Opts {
            period: &kezek::domain::report::Period::All,
            anonymize: None,
            offset_min: 180,
        },
        &folder,
        None,
        b',',
        &kezek::i18n::I18n::new("en"),
        &kezek::export::values::Values::new("en", &kezek::taxonomy::builtin()),
        &mut kezek::export::control::Control::quiet(),
    )
    .unwrap();
    let tax = kezek::taxonomy::builtin();
    let import = |s: &Store| {
        kezek::bulk::import::import_folder(s, &tax, &folder, false, 180, "t", &mut |_, _| true)
            .unwrap()
    };
    // Into the store it came from: the person is there already, edited.
    let r = import(&a);
    assert_eq!(r.new_persons, 0, "{r:?}");
    assert_eq!(a.persons().unwrap().len(), 1);
    // Into another: one person, with the details as corrected.
    let b = open(&dir.path().join("b"));
    let r = import(&b);
    assert_eq!(r.new_persons, 1, "{r:?}");
    let r = import(&b);
    assert_eq!(r.new_persons, 0, "imported again: {r:?}");
    let persons = b.persons().unwrap();
    assert_eq!(persons.len(), 1);
    assert_eq!(persons[0].meta.id, id);
    assert_eq!(persons[0].fields.surname, "Асаналиев");
    assert_eq!(found(&b, "Асаналиев"), [id]);
}

#[test]
fn a_series_typed_in_cyrillic_is_a_look_alike_of_the_latin_one() {
    let dir = tempdir();
    let store = open(dir.path());
    let mut first = person_fields("Асанов", "Бакыт");
    first.document = Some(normalize_document("AN1234567").unwrap());
    let id = with_person(&store, first);
    let ev = store.events().unwrap()[0].meta.id;
    for typed in ["АН 1234567", "ан-1234567", "AN 1234567"] {
        // Another name, another phone, no birth date: only the document is the same.
        let mut second = person_fields("Бакиров", "Азамат");
        second.birth_date = None;
        second.phone = None;
        second.document = Some(normalize_document(typed).unwrap());
        let err = store
            .add_arrival_checked(arrival(ev, PersonPick::New(second), "wages"), "Жылдыз")
            .unwrap_err();
        let StoreError::LookAlikes(found) = err else {
            panic!("{typed}: {err}");
        };
        assert_eq!(found.len(), 1, "{typed}");
        assert_eq!(found[0].0.meta.id, id);
        assert_eq!(found[0].1, Likeness::SameDocument);
    }
    assert_eq!(store.persons().unwrap().len(), 1, "no duplicate saved");
}

#[test]
fn documents_stored_by_the_old_rule_still_meet_their_cyrillic_typing() {
    let dir = tempdir();
    let store = open(dir.path());
    let ev = store.create_event(event_fields("Москва"), "Айбек").unwrap();
    // As the old rule stored `АН 1234567` and `ИД 0123456`: written as they are on disk.
    let mut ids = Vec::new();
    for (n, doc) in [(1u128, "AH1234567"), (2, "ИД0123456")] {
        let mut p: Person = sample_person(n, "Старый", "Человек");
        p.fields.document = Some(doc.into());
        p.fields.birth_date = None;
        p.fields.phone = None;
        store
            .commit("x", vec![Change::PutPerson(p.clone())])
            .unwrap();
        ids.push(p.meta.id);
    }
    for (typed, who) in [
        ("АН 1234567", ids[0]),
        ("AN1234567", ids[0]),
        ("ИД 0123456", ids[1]),
        ("ID0123456", ids[1]),
    ] {
        let mut f = person_fields("Новый", "Человек");
        f.birth_date = None;
        f.phone = None;
        f.document = Some(normalize_document(typed).unwrap());
        let err = store
            .add_arrival_checked(arrival(ev.meta.id, PersonPick::New(f), "wages"), "x")
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::LookAlikes(v) if v.len() == 1 && v[0].0.meta.id == who),
            "{typed}: {err}"
        );
        assert_eq!(found(&store, typed), [who], "search for {typed}");
    }
    // An edit keeps such a document as it is stored when it was not changed.
    let old = store.person(ids[0]).unwrap().unwrap();
    let mut f = old.fields.clone();
    f.city = "Казань".into();
    let saved = store.update_person(ids[0], f, "x").unwrap().unwrap();
    assert_eq!(saved.fields.document.as_deref(), Some("AH1234567"));
}
