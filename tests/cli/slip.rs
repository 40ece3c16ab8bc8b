//! `kezek slip` on a real store: this citizen's consultation, nobody else's data.

use crate::common::cli::output as kezek;
use crate::common::*;
use kezek::domain::{ConsultationFields, Currency, Money, PersonPick};
use kezek::store::{Store, StoreOptions};

#[test]
fn slip_as_text_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let visit = {
        let (store, _) = Store::open(dir.path(), &StoreOptions::default()).unwrap();
        let ev = store
            .create_event(event_fields("Москва"), "a")
            .unwrap()
            .meta
            .id;
        let a = store
            .add_arrival(
                arrival(
                    ev,
                    PersonPick::New(person_fields("Асанов", "Бакыт")),
                    "wages",
                ),
                "a",
            )
            .unwrap();
        let b = store
            .add_arrival(
                arrival(
                    ev,
                    PersonPick::New(person_fields("Жээнбеков", "Өмүрбек")),
                    "x",
                ),
                "a",
            )
            .unwrap();
        let fields = ConsultationFields {
            topics: vec!["wages.unpaid".into()],
            notes: "internal note, not for the slip".into(),
            advice: "Write a claim <to> the employer.\nKeep copies.".into(),
            legal_bases: vec!["eaeu.xxvi".into()],
            referral: Some("labour-inspection".into()),
            outcome: "referred".into(),
            follow_up: Some(date(2026, 12, 15)),
            claimed: Some(Money::new(Currency::Rub, 100)),
            ..Default::default()
        };
        store
            .save_consultation(a.visit.meta.id, None, fields.clone(), "a")
            .unwrap();
        store
            .save_consultation(b.visit.meta.id, None, fields, "a")
            .unwrap();
        a.visit.meta.id
    };
    // Without --lang the slip is in the visit's language of service (Kyrgyz here).
    let out = kezek(dir.path(), &["slip", &visit.to_string()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for want in [
        "Консультация жөнүндө эскертме",
        "Эмгек акынын төлөнбөшү",
        "Эмгек инспекциясы",
        "ЕАЭБ жөнүндө келишим",
        "Качан кайра келүү керек",
        "Асанов Бакыт",
    ] {
        assert!(text.contains(want), "{want:?} missing:\n{text}");
    }
    let out = kezek(dir.path(), &["slip", &visit.to_string(), "--lang", "en"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for want in [
        "Consultation slip",
        "Асанов Бакыт",
        "Unpaid wages",
        "Write a claim <to> the employer.",
        "Keep copies.",
        "Labour inspection",
        "EAEU Treaty",
        "When to come back",
        "Посольство Кыргызской Республики, Москва",
        "No 1",
    ] {
        assert!(text.contains(want), "{want:?} missing:\n{text}");
    }
    assert!(
        !text.contains("Жээнбеков"),
        "another person's data on the slip"
    );
    assert!(
        !text.contains("internal note"),
        "notes are not for the citizen"
    );

    let html = dir.path().join("slip.html");
    let out = kezek(
        dir.path(),
        &[
            "slip",
            &visit.to_string(),
            "--lang",
            "ru",
            "-o",
            html.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("Write a claim &lt;to&gt; the employer."));
    assert!(page.contains("<html lang=\"ru\">"));
    for want in [
        "Памятка о консультации",
        "Невыплата заработной платы",
        "Когда прийти снова",
    ] {
        assert!(page.contains(want), "{want:?} missing:\n{page}");
    }
    assert!(!page.contains("http"), "self-contained: nothing fetched");

    let bad = kezek(dir.path(), &["slip", "nonsense"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a record id"));
    let missing = kezek(dir.path(), &["slip", "01JD3Y2M0000000000000000AB"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no visit"));
}

#[test]
fn the_slip_shows_the_number_as_the_desk_called_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("store");
    let visit = {
        let (store, _) = Store::open(&data, &StoreOptions::default()).unwrap();
        let ev = store.create_event(event_fields("Ош"), "a").unwrap().meta.id;
        let pick = PersonPick::New(person_fields("Асанов", "Бакыт"));
        store
            .add_arrival(arrival(ev, pick, "wages"), "a")
            .unwrap()
            .visit
    };
    let config = dir.path().join("kezek.toml");
    std::fs::write(&config, "desk_name = \"Desk B\"\ndesk_letter = \"B\"\n").unwrap();
    let id = visit.meta.id.to_string();
    let (ok, said, text) =
        crate::common::cli::run_with(&config, &data, &["slip", &id, "--lang", "en"]);
    assert!(ok, "{said}");
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.contains("No B-001"),
        "this desk's letter before the number: {text}"
    );
    // Without a letter: the plain number.
    let (ok, said, text) = crate::common::cli::run_with(
        crate::common::cli::no_config(),
        &data,
        &["slip", &id, "--lang", "en"],
    );
    assert!(ok, "{said}");
    let text = String::from_utf8(text).unwrap();
    assert!(text.contains("No 1") && !text.contains("B-001"), "{text}");
}

/// The internal words of the desk that mean nothing to a citizen, in the three languages.
const INTERNAL: &[&str] = &[
    "контроль",
    "көзөмөл",
    "follow-up",
    "Follow-up",
    "Результат",
    "Жыйынтыгы",
    "Result",
    "Next step",
    "Следующий шаг",
    "Кийинки кадам",
    "Гражданин",
    "Citizen",
    "Стол",
    "wages.unpaid",
    "labour-inspection",
    "eaeu.xxvi",
];

#[test]
fn the_slip_speaks_plain_words_in_every_language() {
    use kezek::domain::Lang;
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path(), &StoreOptions::default()).unwrap();
    let taxonomy = kezek::taxonomy::builtin();
    let ev = store
        .create_event(event_fields("Москва"), "a")
        .unwrap()
        .meta
        .id;
    let pick = PersonPick::New(person_fields("Асанов", "Бакыт"));
    let visit = store
        .add_arrival(arrival(ev, pick, "wages"), "a")
        .unwrap()
        .visit
        .meta
        .id;
    let mut ids = vec![];
    for outcome in [
        "advised",
        "referred",
        "appeal-filed",
        "resolved",
        "no-action",
    ] {
        let fields = ConsultationFields {
            topics: vec!["wages.unpaid".into()],
            advice: "Write a claim.".into(),
            legal_bases: vec!["eaeu.xxvi".into()],
            referral: Some("labour-inspection".into()),
            outcome: outcome.into(),
            follow_up: Some(date(2026, 12, 12)),
            ..Default::default()
        };
        let c = store.save_consultation(visit, None, fields, "a").unwrap();
        ids.push(c.meta.id);
    }
    let want: &[(Lang, &[&str])] = &[
        (
            Lang::Ru,
            &[
                "Когда прийти снова        12.12.2026",
                "Что дальше",
                "Обратитесь в организацию, куда вас направили",
                "По вашему делу подано обращение",
                "Ваш вопрос решён.",
                "Здесь помочь с этим вопросом не удалось.",
                "Дальше вы можете действовать сами",
                "Ваш номер",
                "№ 1 ·",
                "Фамилия и имя",
            ],
        ),
        (
            Lang::Ky,
            &[
                "Качан кайра келүү керек",
                "12.12.2026",
                "Эми эмне болот",
                "Сизди жөнөткөн уюмга",
                "Сиздин маселеңиз чечилди.",
                "Аты-жөнү",
            ],
        ),
        (
            Lang::En,
            &[
                "When to come back",
                "2026-12-12",
                "What happens next",
                "Go to the organisation you were referred to",
                "Your question has been resolved.",
                "Your number",
                "No 1 ·",
            ],
        ),
    ];
    for (lang, words) in want {
        let text = String::from_utf8(
            kezek::session::slip_bytes(&store, &taxonomy, visit, Some(*lang), false, "").unwrap(),
        )
        .unwrap();
        for w in *words {
            assert!(text.contains(w), "{lang:?}: {w:?} missing:\n{text}");
        }
        // No internal term, and none of the desk's outcome labels («Направлен(а)»).
        let labels: Vec<&str> = taxonomy
            .outcomes
            .iter()
            .map(|o| o.label.get(*lang))
            .collect();
        for bad in INTERNAL.iter().copied().chain(labels) {
            assert!(
                !text.contains(bad),
                "{lang:?}: {bad:?} on the slip:\n{text}"
            );
        }
        for id in &ids {
            assert!(!text.contains(&id.to_string()), "no record ids on the slip");
        }
    }
}

#[test]
fn the_referral_s_contacts_show_under_it_when_filled_in() {
    use kezek::domain::Lang;
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path(), &StoreOptions::default()).unwrap();
    let text = "[[outcome]]\ncode = \"referred\"\nen = \"Referred\"\n\
                [[topic]]\ncode = \"wages.unpaid\"\nen = \"Unpaid wages\"\nru = \"Невыплата\"\n\
                [[referral]]\ncode = \"inspect\"\nen = \"Labour inspection\"\nru = \"Трудовая инспекция\"\n\
                address = { ru = \"ул. Примерная, 1\", en = \"1 Example St\" }\n\
                phone = \"+7 000 000-00-00\"\nwebsite = \"example.org\"\n\
                [[referral]]\ncode = \"bare\"\nen = \"A lawyer\"\nru = \"Юрист\"\n";
    let taxonomy = kezek::taxonomy::parse(text, std::path::Path::new("org/taxonomy.toml")).unwrap();
    let ev = store
        .create_event(event_fields("Москва"), "a")
        .unwrap()
        .meta
        .id;
    let mut visits = vec![];
    for (name, referral) in [("Асанов", "inspect"), ("Жээнбеков", "bare")] {
        let pick = PersonPick::New(person_fields(name, "Бакыт"));
        let v = store
            .add_arrival(arrival(ev, pick, "wages"), "a")
            .unwrap()
            .visit
            .meta
            .id;
        let fields = ConsultationFields {
            topics: vec!["wages.unpaid".into()],
            referral: Some(referral.into()),
            outcome: "referred".into(),
            ..Default::default()
        };
        store.save_consultation(v, None, fields, "a").unwrap();
        visits.push(v);
    }
    let slip = |visit, lang, html| {
        String::from_utf8(
            kezek::session::slip_bytes(&store, &taxonomy, visit, Some(lang), html, "").unwrap(),
        )
        .unwrap()
    };
    let ru = slip(visits[0], Lang::Ru, false);
    for want in [
        "Куда обратиться  Трудовая инспекция\n",
        "                 Адрес: ул. Примерная, 1\n",
        "                 Телефон: +7 000 000-00-00\n",
        "                 Сайт: example.org\n",
    ] {
        assert!(ru.contains(want), "{want:?} missing:\n{ru}");
    }
    assert!(
        !ru.contains("Часы работы"),
        "hours not filled in, not shown:\n{ru}"
    );
    let en = slip(visits[0], Lang::En, true);
    assert!(
        en.contains("Labour inspection\nAddress: 1 Example St\nPhone: +7 000 000-00-00\nWebsite: example.org</td>"),
        "{en}"
    );
    // A target with no contacts: its name alone, no empty labels.
    let bare = slip(visits[1], Lang::Ru, false);
    assert!(bare.contains("Куда обратиться  Юрист\n"), "{bare}");
    for label in ["Адрес", "Телефон", "Часы работы", "Сайт"] {
        assert!(!bare.contains(label), "{label} shown empty:\n{bare}");
    }
}
