//! Person search across scripts and spellings: the transliteration table, the property that
//! a transliterated name is found by its original and back, ranking, and look-alikes.

use crate::common::*;
use kezek::domain::search::{Likeness, SearchIndex};
use kezek::domain::translit::{skeleton_word, skeleton_words, to_latin};
use kezek::domain::{Id, Person, PersonFields};
use proptest::prelude::*;

/// Pairs written differently that are the same name (or word) to the search.
const SAME: &[(&str, &str)] = &[
    ("Асанов", "Asanov"),
    ("АСАНОВ", "asanov"),
    ("Бакыт", "Bakyt"),
    ("Бакыт", "BAKIT"),
    ("Жээнбеков", "Zheenbekov"),
    ("Жээнбеков", "Jeenbekov"),
    ("Жээнбеков", "Jenbekov"),
    ("Жылдыз", "Zhyldyz"),
    ("Жылдыз", "Jyldyz"),
    ("Жылдыз", "Jildiz"),
    ("Өмүрбек", "Omurbek"),
    ("Өмүрбек", "Ömürbek"),
    ("Үмөт", "Umot"),
    ("Үмөт", "Ümöt"),
    ("Чыңгыз", "Chyngyz"),
    ("Чыңгыз", "Chingiz"),
    ("Чынгыз", "Чыңгыз"),
    ("Айбек", "Aibek"),
    ("Айбек", "Aybek"),
    ("Айгүл", "Aigul"),
    ("Айгүл", "Aygül"),
    ("Юсуп", "Yusup"),
    ("Юсуп", "Iusup"),
    ("Жусуп", "Jusup"),
    ("Жусуп", "Zhusup"),
    ("Яков", "Yakov"),
    ("Яков", "Iakov"),
    ("Хасан", "Khasan"),
    ("Хасан", "Hasan"),
    ("Хасан", "Xasan"),
    ("Шаршенбек", "Sharshenbek"),
    ("Цой", "Tsoi"),
    ("Цой", "Tsoy"),
    ("Щукин", "Shchukin"),
    ("Есенов", "Yesenov"),
    ("Есенов", "Esenov"),
    ("Семёнов", "Семенов"),
    ("Семёнов", "Semenov"),
    ("Токтосунова", "Toktosunova"),
    ("Нурланович", "Nurlanovich"),
    ("Кыдыралиев", "Kydyraliev"),
    ("Кыдыралиев", "Kidiraliyev"),
    ("Абдыкалыков", "Abdykalykov"),
    ("Мамытбеков", "Mamytbekov"),
    ("Эркинбаев", "Erkinbaev"),
    ("Бүбүсара", "Bubusara"),
    ("Гүлнара", "Gulnara"),
    ("Нуржан", "Nurzhan"),
    ("Майрамбек", "Mairambek"),
    ("Ысмайылов", "Ismailov"),
    ("Ысмайылов", "Ysmaiylov"),
    ("Асанбаев", "Assanbaev"),
    ("Салтанат", "SALTANAT"),
    ("Марьям", "Maryam"),
    ("Керимкулов", "Kerimqulov"),
    ("Вера", "Wera"),
];

/// Pairs that must stay apart.
const DIFFERENT: &[(&str, &str)] = &[
    ("Асанов", "Усенов"),
    ("Бакыт", "Бакир"),
    ("Жылдыз", "Зылдыз"),
    ("Шаршенбек", "Саршенбек"),
    ("Чыңгыз", "Чыңгыс"),
];

#[test]
fn transliteration_table() {
    assert!(SAME.len() >= 40);
    for (a, b) in SAME {
        assert_eq!(skeleton_word(a), skeleton_word(b), "{a} vs {b}");
    }
    for (a, b) in DIFFERENT {
        assert_ne!(skeleton_word(a), skeleton_word(b), "{a} vs {b}");
    }
    assert_eq!(to_latin("Жээнбеков Өмүрбек"), "Zheenbekov Omurbek");
    assert_eq!(to_latin("Чыңгыз Айтматов"), "Chyngyz Aitmatov");
    assert_eq!(to_latin("ЮСУП Жаңыл"), "YUSUP Zhangyl");
    assert_eq!(
        skeleton_words("Асан уулу Чыңгыз"),
        ["asan", "ulu", "chingiz"]
    );
}

fn person(n: u128, surname: &str, given: &str, patronymic: &str) -> Person {
    Person {
        meta: meta(n),
        fields: PersonFields {
            surname: surname.into(),
            given_name: given.into(),
            patronymic: patronymic.into(),
            ..Default::default()
        },
    }
}

fn index() -> SearchIndex {
    let mut doc = person(6, "Садыков", "Азамат", "");
    doc.fields.document = Some("AN1234567".into());
    doc.fields.phone = Some("+996555123456".into());
    let mut ru = person(7, "Осмонов", "Эрлан", "");
    ru.fields.phone = Some("+79123456789".into());
    SearchIndex::build([
        person(1, "Асанов", "Бакыт", "Маратович"),
        person(2, "Асанова", "Айгүл", ""),
        person(3, "Жээнбеков", "Өмүрбек", ""),
        person(4, "Асан уулу", "Чыңгыз", ""),
        person(5, "Бакытов", "Асан", ""),
        doc,
        ru,
        person(8, "Жээнбекова", "Бүбүсара", ""),
    ])
}

fn ids(ix: &SearchIndex, q: &str) -> Vec<u128> {
    ix.search(q, 10).iter().map(|h| h.id.0).collect()
}

#[test]
fn finds_across_scripts_order_case_initials_and_typos() {
    let ix = index();
    for q in [
        "Асанов Бакыт",
        "Asanov Bakyt",
        "ASANOV BAKIT",
        "асанов б",
        "бакыт асанов",
        "Bakyt Asanov",
        "Асанв Бакыт",
        "asanov bakyt maratovich",
    ] {
        assert_eq!(ids(&ix, q).first(), Some(&1), "{q}: {:?}", ids(&ix, q));
    }
    assert_eq!(ids(&ix, "Zheenbekov Omurbek"), [3]);
    assert_eq!(
        ids(&ix, "Jeenbekov"),
        [3, 8],
        "exact word before longer prefix"
    );
    assert_eq!(ids(&ix, "Chyngyz"), [4]);
    assert_eq!(ids(&ix, "Асан уулу"), [4]);
    // Typo only for words of five letters or more.
    assert!(ids(&ix, "Jeenbekof").contains(&3));
    assert!(ids(&ix, "Асон").is_empty() || !ids(&ix, "Асон").contains(&1));
    // Documents ignoring spaces, case and Cyrillic look-alikes; phones in any form.
    for q in ["AN 1234567", "an1234567", "АН1234567", "AN123"] {
        assert_eq!(ids(&ix, q), [6], "{q}");
    }
    for q in ["+996 555 123 456", "0555123456", "0555 12", "555123456"] {
        assert_eq!(ids(&ix, q), [6], "{q}");
    }
    for q in ["+7 912 345-67-89", "89123456789", "8 912 345"] {
        assert_eq!(ids(&ix, q), [7], "{q}");
    }
}

#[test]
fn exact_words_rank_before_prefixes_and_typos() {
    let ix = index();
    // "Асан": exact given name of 5, prefix of the surnames of 1, 2, 4.
    let r = ids(&ix, "асан");
    assert_eq!(r.len(), 4, "{r:?}");
    assert!(r[0] == 4 || r[0] == 5, "exact word first: {r:?}");
    // Surname first in the query ranks the person whose surname it is higher.
    assert_eq!(ids(&ix, "бакыт асан")[0], 5);
    assert_eq!(ids(&ix, "асан бакыт")[0], 1);
    assert_eq!(
        ids(&ix, "Асанов"),
        [1, 2],
        "the exact word before the longer one"
    );
    let r = ix.search("Асанов Бакыт", 10);
    assert!(r[0].score > r.get(1).map_or(0, |h| h.score));
}

#[test]
fn updates_and_removals_are_seen_at_once() {
    let mut ix = index();
    assert!(ids(&ix, "Токтосунова").is_empty());
    ix.upsert(&person(9, "Токтосунова", "Айпери", ""));
    assert_eq!(ids(&ix, "Toktosunova"), [9]);
    ix.upsert(&person(9, "Токтогулова", "Айпери", ""));
    assert!(ids(&ix, "Toktosunova").is_empty());
    assert_eq!(ids(&ix, "Toktogulova"), [9]);
    ix.remove(Id(1));
    assert!(!ids(&ix, "Асанов").contains(&1));
    assert_eq!(ix.len(), 8);
}

#[test]
fn look_alikes_by_document_phone_or_birth_date_and_name() {
    let mut ix = index();
    let mut p = person(10, "Асанов", "Бакыт", "");
    p.fields.birth_date = Some(date(1990, 5, 1));
    ix.upsert(&p);
    let probe = |f: PersonFields| ix.look_alikes(&f, 5);
    let same_doc = PersonFields {
        surname: "Другой".into(),
        document: Some("AN1234567".into()),
        ..Default::default()
    };
    assert_eq!(probe(same_doc), [(Id(6), Likeness::SameDocument)]);
    let same_phone = PersonFields {
        surname: "Другой".into(),
        phone: Some("+79123456789".into()),
        ..Default::default()
    };
    assert_eq!(probe(same_phone), [(Id(7), Likeness::SamePhone)]);
    let similar = PersonFields {
        surname: "Asanov".into(),
        given_name: "Bakit".into(),
        birth_date: Some(date(1990, 5, 1)),
        ..Default::default()
    };
    assert_eq!(
        probe(similar.clone()),
        [(Id(10), Likeness::SameBirthDateSimilarName)]
    );
    let other_day = PersonFields {
        birth_date: Some(date(1990, 5, 2)),
        ..similar.clone()
    };
    assert!(probe(other_day).is_empty());
    let other_name = PersonFields {
        given_name: "Нурлан".into(),
        ..similar
    };
    assert!(probe(other_name).is_empty());
}

/// Kyrgyz and Russian name-like words from syllables.
fn cyrillic_name() -> impl Strategy<Value = String> {
    let syllables = prop::sample::select(vec![
        "а", "ай", "бек", "жан", "жы", "лд", "ыз", "ө", "мүр", "чы", "ң", "гыз", "ну", "рл", "ан",
        "ас", "ов", "ев", "уу", "лу", "тү", "гөл", "ша", "рш", "эр", "кин", "ю", "суп", "я", "ков",
        "ха", "сан", "ц", "щу", "кин", "ё", "ра", "зак", "ма", "ра", "ты", "ий", "кы", "дыр",
    ]);
    prop::collection::vec(syllables, 1..6).prop_map(|v| {
        let s: String = v.concat();
        let mut c = s.chars();
        match c.next() {
            Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
            None => s,
        }
    })
}

proptest! {
    #![proptest_config(props())]

    #[test]
    fn a_transliterated_name_is_found_by_its_original_and_back(
        surname in cyrillic_name(),
        given in cyrillic_name(),
    ) {
        prop_assert_eq!(skeleton_word(&surname), skeleton_word(&to_latin(&surname)));
        let ix = SearchIndex::build([
            person(1, &surname, &given, ""),
            person(2, &to_latin(&surname), &to_latin(&given), ""),
        ]);
        let latin = format!("{} {}", to_latin(&surname), to_latin(&given));
        let cyr = format!("{surname} {given}");
        for q in [&latin, &cyr, &latin.to_uppercase()] {
            let found: Vec<u128> = ix.search(q, 5).iter().map(|h| h.id.0).collect();
            prop_assert!(found.contains(&1) && found.contains(&2), "{} -> {:?}", q, found);
        }
    }
}
