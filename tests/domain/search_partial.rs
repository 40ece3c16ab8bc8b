//! Search by the beginning of a document or a phone number, and by the passport spellings
//! that drop or add a letter (`-bayeva`/`-baeva`, `-iyev`/`-yev`/`-iev`, `ң` as `n`, `ш` as
//! `s`); and that the search counts what it stops listing.

use crate::common::*;
use kezek::domain::search::{DOCUMENT_PREFIX_MIN, Likeness, SearchIndex};
use kezek::domain::translit::{loose_word, skeleton_word};
use kezek::domain::validate::{
    calling_code_len, document_key, document_query_key, normalize_document, phone_national_digits,
};
use kezek::domain::{Person, PersonFields};
use proptest::prelude::*;

fn person(n: u128, surname: &str, given: &str) -> Person {
    Person {
        meta: meta(n),
        fields: PersonFields {
            surname: surname.into(),
            given_name: given.into(),
            ..Default::default()
        },
    }
}

fn with(mut p: Person, document: Option<&str>, phone: Option<&str>) -> Person {
    p.fields.document = document.map(Into::into);
    p.fields.phone = phone.map(Into::into);
    p
}

fn ids(ix: &SearchIndex, q: &str) -> Vec<u128> {
    ix.search(q, 10).iter().map(|h| h.id.0).collect()
}

#[test]
fn a_document_is_found_by_its_beginning_typed_either_script() {
    let ix = SearchIndex::build([
        with(person(1, "Садыков", "Азамат"), Some("AN1234567"), None),
        // Stored by the old rule (`АН` read as `AH`).
        with(person(2, "Осмонов", "Эрлан"), Some("AH7654321"), None),
        with(person(3, "Бакиров", "Нурлан"), Some("ID0123456"), None),
        with(person(4, "Исаев", "Марат"), Some("AC5551234"), None),
    ]);
    for q in [
        "AN12",
        "АН12",
        "AH12",
        "an 12",
        "ан-12",
        "A N 1 2",
        "AN1234567",
    ] {
        assert_eq!(ids(&ix, q), [1], "{q}");
    }
    for q in ["AN76", "АН 7654", "ah7654321"] {
        assert_eq!(ids(&ix, q), [2], "{q}");
    }
    for q in ["ИД01", "id 0123", "ID-01"] {
        assert_eq!(ids(&ix, q), [3], "{q}");
    }
    assert_eq!(
        ids(&ix, "АС 555"),
        [4],
        "a look-alike series is read by its look"
    );
    // Three significant characters are too few: a tenth of the passports would be listed.
    assert_eq!(DOCUMENT_PREFIX_MIN, 4);
    for q in ["AN1", "А Н 1", "AN-"] {
        assert!(ids(&ix, q).is_empty(), "{q}: {:?}", ids(&ix, q));
    }
    // The key the search looks up by is the key documents are compared by.
    assert_eq!(document_query_key("АН 12").as_deref(), Some("AN12"));
    assert_eq!(document_query_key("ah-12").as_deref(), Some("AN12"));
    assert_eq!(document_query_key("№ 45 12").as_deref(), Some("4512"));
    assert_eq!(document_query_key("AN_12"), None);
    assert_eq!(document_query_key(" - "), None);
    for typed in ["АН 1234567", "ан-1234567", "AH1234567", "an 1234567"] {
        let stored = normalize_document(typed).unwrap();
        assert_eq!(document_key(&stored), "AN1234567", "{typed}");
        assert_eq!(document_query_key(typed).as_deref(), Some("AN1234567"));
        let probe = PersonFields {
            surname: "Другой".into(),
            document: Some(stored),
            ..Default::default()
        };
        assert_eq!(
            ix.look_alikes(&probe, 5),
            [(meta(1).id, Likeness::SameDocument)],
            "the look-alike check agrees with the search for {typed}"
        );
    }
}

#[test]
fn a_phone_is_found_by_its_beginning_in_the_forms_desks_type() {
    let ix = SearchIndex::build([
        with(person(1, "Осмонов", "Эрлан"), None, Some("+79123456789")),
        with(person(2, "Садыков", "Азамат"), None, Some("+996555123456")),
        with(person(3, "Бакиров", "Нурлан"), None, Some("+996700111222")),
        with(person(4, "Исаев", "Марат"), None, Some("+905321234567")),
    ]);
    // International, Russian trunk `8`, and national without either.
    for q in [
        "+7 912",
        "8 912",
        "7 912",
        "912 34",
        "(912) 345-67",
        "89123456789",
    ] {
        assert_eq!(ids(&ix, q), [1], "{q}");
    }
    // Kyrgyz: `+996`, trunk `0`, national, or the whole number without `+`.
    for q in ["+996 555", "0555 12", "555 12", "996 555 12"] {
        assert_eq!(ids(&ix, q), [2], "{q}");
    }
    assert_eq!(ids(&ix, "700 11"), [3]);
    assert_eq!(ids(&ix, "0700 111"), [3]);
    // Any other country on record by its national number (Turkey's code has two digits).
    assert_eq!(ids(&ix, "532 123"), [4]);
    // The end of a number, read off a paper, when nothing begins with it.
    assert_eq!(ids(&ix, "345 67 89"), [1]);
    // Too few digits to mean one number.
    for q in ["+7 9", "+7 91", "912", "9123", "55"] {
        assert!(ids(&ix, q).is_empty(), "{q}: {:?}", ids(&ix, q));
    }
    assert_eq!(phone_national_digits("912 34").as_deref(), Some("91234"));
    assert_eq!(phone_national_digits("0555 12"), None, "a trunk prefix");
    assert_eq!(phone_national_digits("+7 912 34"), None);
    assert_eq!(phone_national_digits("9123"), None);
    assert_eq!(phone_national_digits("AN12345"), None);
    for (digits, len) in [
        ("79123", 1),
        ("12125550100", 1),
        ("996555", 3),
        ("998901", 3),
        ("905321", 2),
        ("447700", 2),
        ("420601", 3),
        ("86139", 2),
        ("9", 1),
        ("", 0),
    ] {
        assert_eq!(calling_code_len(digits), len, "{digits}");
    }
}

/// A Cyrillic name and the usual passport spellings of it that must find it.
const SPELLINGS: &[(&str, &[&str])] = &[
    (
        "Кеңешбаева",
        &[
            "Keneshbayeva",
            "Kenesbaeva",
            "Keneshbaeva",
            "Kengeshbaeva",
            "KENESHBAYEVA",
            "Кенешбаева",
        ],
    ),
    ("Эркинбаев", &["Erkinbaev", "Erkinbayev", "ERKINBAYEV"]),
    ("Эркинбаева", &["Erkinbaeva", "Erkinbayeva"]),
    ("Исаев", &["Isaev", "Isayev"]),
    ("Мусаева", &["Musaeva", "Musayeva"]),
    ("Алиев", &["Aliev", "Aliyev", "Alyev"]),
    ("Кыдыралиев", &["Kydyraliev", "Kydyraliyev", "Kidiralyev"]),
    ("Тоқтогулов", &["Toktogulov"]),
    ("Шаршенбеков", &["Sharshenbekov", "Sarsenbekov"]),
    ("Жаңыбаев", &["Zhanybaev", "Zhangybayev", "Janibaev"]),
    ("Чыңгыз", &["Chyngyz", "Chingiz", "Chyngiz"]),
];

#[test]
fn the_usual_passport_spellings_find_the_name() {
    let persons: Vec<Person> = SPELLINGS
        .iter()
        .enumerate()
        .map(|(i, (name, _))| person(i as u128 + 1, name, "Айгүл"))
        .collect();
    let ix = SearchIndex::build(persons);
    for (i, (name, spellings)) in SPELLINGS.iter().enumerate() {
        let id = i as u128 + 1;
        for q in *spellings {
            assert_eq!(ids(&ix, q).first(), Some(&id), "{q} for {name}");
            assert!(ids(&ix, &format!("{q} Aigul")).contains(&id), "{q} Aigul");
        }
    }
    // Half-typed by the loose spelling.
    assert_eq!(ids(&ix, "Kenesb"), [1]);
    // `-bayev` and `-baev` are one skeleton; `ң`/`n` and `ш`/`s` meet only loosely.
    assert_eq!(skeleton_word("Эркинбаев"), skeleton_word("Erkinbayev"));
    assert_eq!(skeleton_word("Кыдыралиев"), skeleton_word("Kydyraliyev"));
    assert_ne!(skeleton_word("Кеңешбаева"), skeleton_word("Kenesbaeva"));
    assert_eq!(
        loose_word(&skeleton_word("Кеңешбаева")),
        loose_word(&skeleton_word("Kenesbaeva"))
    );
}

#[test]
fn a_loose_spelling_ranks_below_the_name_it_spells_exactly() {
    let ix = SearchIndex::build([
        person(1, "Шаршенбек", "Айгүл"),
        person(2, "Саршенбек", "Айгүл"),
        person(3, "Кеңеш", "Айгүл"),
        person(4, "Кенеш", "Айгүл"),
    ]);
    assert_eq!(ids(&ix, "Шаршенбек"), [1, 2]);
    assert_eq!(ids(&ix, "Саршенбек"), [2, 1]);
    assert_eq!(ids(&ix, "Kengesh"), [3, 4]);
    assert_eq!(ids(&ix, "Kenesh"), [4, 3]);
    // A short query finds a loose spelling only as a whole word: `Sa` is not every `Sha…`.
    assert_eq!(ids(&ix, "Sa"), [2]);
}

#[test]
fn the_search_counts_what_it_stops_listing() {
    let ix = SearchIndex::build((1..=120).map(|n| person(n, "Асанов", "Бакыт")));
    let (hits, total) = ix.search_counted("asanov", 50);
    assert_eq!((hits.len(), total), (50, 120));
    // The first 50 are the same ones, in the same order, as a longer list's first 50.
    let (all, _) = ix.search_counted("asanov", 500);
    assert_eq!(hits, all[..50]);
    assert_eq!(ix.search_counted("asanov", 0), (vec![], 120));
    assert_eq!(ix.search_counted("nobody", 50), (vec![], 0));
}

/// Cyrillic letters, each with the Latin spellings passports and registers use for it.
fn spellings_of(c: char, after_vowel: bool) -> Vec<&'static str> {
    match c {
        'а' => vec!["a"],
        'б' => vec!["b"],
        'г' => vec!["g"],
        'д' => vec!["d"],
        'е' if after_vowel => vec!["e", "ye"],
        'э' => vec!["e"],
        'е' => vec!["e"],
        'ж' => vec!["zh", "j"],
        'и' => vec!["i"],
        'й' => vec!["i", "y"],
        'к' => vec!["k"],
        'л' => vec!["l"],
        'м' => vec!["m"],
        'н' => vec!["n"],
        'ң' => vec!["ng", "n"],
        'о' => vec!["o"],
        'ө' => vec!["o", "ö"],
        'р' => vec!["r"],
        'с' => vec!["s"],
        'т' => vec!["t"],
        'у' => vec!["u"],
        'ү' => vec!["u", "ü"],
        'ш' => vec!["sh", "s"],
        'ч' => vec!["ch"],
        'ы' => vec!["y", "i"],
        'х' => vec!["kh", "h"],
        'ю' => vec!["yu", "iu"],
        'я' => vec!["ya", "ia"],
        'в' => vec!["v"],
        _ => unreachable!("no spelling for {c}"),
    }
}

/// A Kyrgyz surname from syllables and a usual ending.
fn kyrgyz_surname() -> impl Strategy<Value = String> {
    let syllables = prop::sample::select(vec![
        "ке", "ңеш", "жа", "ңы", "эр", "кин", "му", "са", "ай", "ша", "рш", "ен", "тө", "гөл",
        "чы", "ңгы", "ку", "бат", "ыс", "ма", "ха", "сан", "ю", "су", "я", "кыд", "ыр", "али",
    ]);
    let endings = prop::sample::select(vec![
        "баев",
        "баева",
        "иев",
        "ев",
        "ева",
        "ов",
        "ова",
        "бек",
        "бекова",
    ]);
    (prop::collection::vec(syllables, 1..4), endings).prop_map(|(v, e)| v.concat() + e)
}

fn is_vowel(c: char) -> bool {
    "аеиоуыэюяөү".contains(c)
}

proptest! {
    #![proptest_config(props())]

    #[test]
    fn every_usual_spelling_of_a_kyrgyz_surname_finds_it(
        surname in kyrgyz_surname(),
        picks in prop::collection::vec(0usize..2, 40),
    ) {
        let chars: Vec<char> = surname.chars().collect();
        let spelled: String = chars
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let options = spellings_of(*c, i > 0 && is_vowel(chars[i - 1]));
                options[picks[i % picks.len()] % options.len()]
            })
            .collect();
        let ix = SearchIndex::build([
            person(1, &surname, "Айгүл"),
            person(2, "Токтосунова", "Айгүл"),
        ]);
        let found = ids(&ix, &spelled);
        prop_assert_eq!(found.first(), Some(&1), "{} as {}: {:?}", surname, spelled, found);
    }
}

#[test]
fn a_passport_spelling_the_search_finds_is_a_look_alike_too() {
    // Found at the arrival form: `Sarsenbekov Ismail` born the day `Шаршенбеков Исмаил` was
    // listed in "Already on record" (the search's loose spelling) yet saved as a new person.
    let mut on_record = person(1, "Шаршенбеков", "Исмаил");
    on_record.fields.birth_date = Some(date(2000, 5, 24));
    let mut other = person(2, "Кеңешбаева", "Айгүл");
    other.fields.birth_date = Some(date(1990, 1, 2));
    let ix = SearchIndex::build([on_record, other]);
    let typed = |surname: &str, given: &str, born| PersonFields {
        surname: surname.into(),
        given_name: given.into(),
        birth_date: Some(born),
        ..Default::default()
    };
    let found = |f: PersonFields| ix.look_alikes(&f, 5);
    let born = date(2000, 5, 24);
    assert_eq!(
        ix.search("Sarsenbekov Ismail", 5)[0].id,
        kezek::domain::Id(1)
    );
    assert_eq!(
        found(typed("Sarsenbekov", "Ismail", born)),
        [(kezek::domain::Id(1), Likeness::SameBirthDateSimilarName)]
    );
    assert_eq!(
        found(typed("Kenesbaeva", "Aigul", date(1990, 1, 2))),
        [(kezek::domain::Id(2), Likeness::SameBirthDateSimilarName)]
    );
    // Another name on the same day is still no look-alike.
    assert!(found(typed("Sadykov", "Ismail", born)).is_empty());
}
