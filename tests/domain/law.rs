//! The domain's law and wording: the Russian laws officers cite, no patent advised to a
//! citizen of Kyrgyzstan (an EAEU state), the Russian and Kyrgyz terms the issue asks for.

use kezek::app::consult::ConsultationForm;
use kezek::domain::money::NumberLocale;
use kezek::domain::{Currency, Id, Lang, Money};
use kezek::i18n::I18n;

/// The laws officers cite at reception days in Russia are there by their usual short names
/// in all three languages, and choosing one of their topics offers them first.
#[test]
fn the_russian_laws_officers_cite_are_offered_with_their_topics() {
    let tax = kezek::taxonomy::builtin();
    let laws: [(&str, [&str; 3], &[&str]); 6] = [
        (
            "ru.115-fz",
            [
                "115-FZ",
                "115-ФЗ «О правовом положении иностранных граждан",
                "115-ФЗ",
            ],
            &["work-permit", "contract", "registration"],
        ),
        (
            "ru.109-fz",
            ["109-FZ", "109-ФЗ «О миграционном учёте", "109-ФЗ"],
            &["registration"],
        ),
        (
            "ru.114-fz.26-27",
            ["114-FZ, arts. 26 and 27", "114-ФЗ", "26 жана 27-беренелер"],
            &["entry-ban"],
        ),
        (
            "ru.koap.18.8",
            [
                "Code of Administrative Offences, art. 18.8",
                "КоАП РФ, ст. 18.8",
                "18.8-берене",
            ],
            &["violations", "registration"],
        ),
        (
            "ru.koap.18.10",
            [
                "Code of Administrative Offences, art. 18.10",
                "КоАП РФ, ст. 18.10",
                "18.10-берене",
            ],
            &["violations", "work-permit"],
        ),
        (
            "ru.labour-code.wages",
            ["Labour Code", "Трудовой кодекс РФ", "Эмгек кодекси"],
            &["wages.unpaid", "contract"],
        ),
    ];
    for (code, [en, ru, ky], topics) in laws {
        let basis = tax
            .legal_basis(code)
            .unwrap_or_else(|| panic!("{code} missing"));
        for (lang, want) in [(Lang::En, en), (Lang::Ru, ru), (Lang::Ky, ky)] {
            let label = basis.label.get(lang);
            assert!(label.contains(want), "{code} in {lang:?}: {label:?}");
        }
        for topic in topics {
            let t = tax.topic(topic).unwrap();
            assert!(t.bases.iter().any(|b| b == code), "{topic} lacks {code}");
            // Offered first: among the topic's usual bases at the top of the picker.
            let mut form =
                ConsultationForm::blank(&tax, Lang::Ru, Id(1), Id(2), "Асанов Бакыт".into(), 1);
            form.topics.chosen = vec![topic.to_string()];
            form.offer_usual_choices(&tax);
            let top: Vec<&str> = form.bases.options[..t.bases.len()]
                .iter()
                .map(|(c, _)| c.as_str())
                .collect();
            assert!(top.contains(&code), "{topic}: {code} not first in {top:?}");
        }
    }
    // The codes are new, after the ones records made before already hold.
    let codes: Vec<&str> = tax.legal_bases.iter().map(|b| b.code.as_str()).collect();
    assert_eq!(&codes[..2], ["eaeu.xxvi", "bilateral.2015"]);
    assert!(
        codes.iter().position(|c| *c == "ru.115-fz")
            > codes.iter().position(|c| *c == "kg.law.2000-61")
    );
}

/// What a line may say about a patent: that a citizen of an EAEU state does not need one.
const NO_PATENT: &[&str] = &[
    "не нужен",
    "не требуется",
    "без патента",
    "no patent",
    "without a patent",
    "not need",
    "патент керек эмес",
    "патентсиз",
];

/// Citizens of Kyrgyzstan have worked in Russia without a patent or a work permit since
/// 2015: nothing the product says (the catalogues, the taxonomy, the demo's advice and
/// purposes, the CLI's messages, the README) tells them to get, pay for or renew one.
#[test]
fn nothing_in_the_product_advises_a_patent() {
    let texts = [
        ("taxonomy.toml", include_str!("../../assets/taxonomy.toml")),
        ("en.ftl", include_str!("../../assets/locales/en.ftl")),
        ("ru.ftl", include_str!("../../assets/locales/ru.ftl")),
        ("ky.ftl", include_str!("../../assets/locales/ky.ftl")),
        ("demo/mod.rs", include_str!("../../src/bulk/demo/mod.rs")),
        (
            "demo/people.rs",
            include_str!("../../src/bulk/demo/people.rs"),
        ),
        ("cli/mod.rs", include_str!("../../src/cli/mod.rs")),
        ("cli/store.rs", include_str!("../../src/cli/store.rs")),
        ("cli/records.rs", include_str!("../../src/cli/records.rs")),
        ("cli/import.rs", include_str!("../../src/cli/import.rs")),
        ("README.md", include_str!("../../README.md")),
    ];
    for (file, text) in texts {
        for line in text.lines() {
            let l = line.to_lowercase();
            if l.contains("патент") || l.contains("patent") {
                assert!(
                    NO_PATENT.iter().any(|n| l.contains(n)),
                    "{file} advises a patent: {line}"
                );
                for renew in ["продл", "renew", "оплат", "ндфл", "узарт"] {
                    assert!(!l.contains(renew), "{file}: {line}");
                }
            }
        }
    }
    // The topic whose code still says "work-permit" is about what does apply to them.
    let tax = kezek::taxonomy::builtin();
    for (lang, words) in [
        (
            Lang::Ru,
            [
                "ЕАЭС",
                "трудовой договор",
                "уведомление",
                "3 рабочих дней",
                "ст. 98",
            ],
        ),
        (
            Lang::En,
            [
                "EAEU",
                "labour contract",
                "notification",
                "3 working days",
                "art. 98",
            ],
        ),
        (
            Lang::Ky,
            [
                "ЕАЭБ",
                "эмгек келишими",
                "билдирме",
                "3 жумуш күнүндө",
                "98-берене",
            ],
        ),
    ] {
        let label = tax.topic_label("work-permit", lang);
        for w in words {
            assert!(label.contains(w), "{lang:?}: {w:?} not in {label:?}");
        }
    }
    assert_eq!(
        tax.topic_label("registration", Lang::Ru),
        "Миграционный учёт по месту пребывания"
    );
}

/// The text of a catalogue's messages (no comments, no message ids), lower-cased.
fn messages(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(|l| match l.split_once(" = ") {
            Some((_, value)) if !l.starts_with(' ') => value,
            _ => l,
        })
        .map(str::to_lowercase)
        .collect()
}

/// Whether `word` stands alone in `line` (not inside a longer Cyrillic word).
fn has_word(line: &str, word: &str) -> bool {
    line.match_indices(word).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + word.len()..].chars().next();
        let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
        !letter(before) && !letter(after)
    })
}

#[test]
fn russian_wording_is_neutral_and_uses_one_term() {
    let ru = messages(include_str!("../../assets/locales/ru.ftl"));
    // Past forms that say a man did it: the queue, the card and the report speak of the
    // visit or use a noun («Время», «Ожидание», «Дата рождения», «уход без приёма»).
    for word in [
        "пришёл",
        "пришел",
        "пришла",
        "ждал",
        "ждала",
        "рождён",
        "рожден",
        "рождена",
        "ушёл",
        "ушел",
        "ушла",
        "принят",
        "принята",
        "требуется",
    ] {
        for line in &ru {
            assert!(!has_word(line, word), "{word:?} in: {line}");
        }
    }
    // One term for a reception day.
    for line in &ru {
        assert!(
            !line.contains("мероприят") && !line.contains("событи"),
            "{line}"
        );
    }
    let i = I18n::new("ru");
    assert_eq!(i.t("col-claimed"), "Заявлено");
    assert_eq!(i.t("status-done"), "приём завершён");
    // Roubles are «руб.» in Russian text; a code is only in a list of codes.
    for line in &ru {
        assert!(!line.contains("rub") || line.contains("kgs"), "{line}");
    }
    let ky = messages(include_str!("../../assets/locales/ky.ftl"));
    for line in &ky {
        assert!(
            !line.contains("болгон өлкө") && !line.contains("иш-чара"),
            "{line}"
        );
    }
}

/// The currency a form shows is the word the language writes after an amount, and an
/// amount written with it reads back.
#[test]
fn currency_words_are_the_languages_and_read_back() {
    let m = Money::parse("11 204 500", Currency::Rub).unwrap();
    for lang in Lang::ALL {
        let i = I18n::of(lang);
        let locale = NumberLocale::of(lang);
        for c in Currency::ALL {
            assert_eq!(i.t(c.msg_id()), c.unit(locale), "{lang:?} {c:?}");
        }
        let written = m.format(locale);
        assert_eq!(Money::parse(&written, Currency::Rub), Ok(m), "{written}");
    }
    assert_eq!(I18n::new("ru").t(Currency::Rub.msg_id()), "руб.");
}
