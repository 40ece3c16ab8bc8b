use super::*;

use crate::domain::taxonomy::{Entry, ReferralTarget, Topic};

fn label(en: &str, ru: &str, ky: &str) -> Label {
    Label {
        en: en.into(),
        ru: Some(ru.into()),
        ky: Some(ky.into()),
    }
}

/// A taxonomy as the built-in one is shaped (the built-in one itself is checked by
/// `tests/cli/export_values.rs`: this room may not load it), a label with a `;` included.
fn tax() -> Taxonomy {
    let topic = |code: &str, l: Label| Topic {
        code: code.into(),
        label: l,
        bases: vec![],
        referrals: vec![],
    };
    let entry = |code: &str, l: Label| Entry {
        code: code.into(),
        label: l,
    };
    Taxonomy {
        topics: vec![
            topic(
                "wages",
                label("Unpaid wages", "Невыплата зарплаты", "Эмгек акы төлөнбөйт"),
            ),
            topic("housing", label("Housing", "Жильё", "Турак жай")),
            topic(
                "citizenship",
                label(
                    "Citizenship (host country; home country)",
                    "Гражданство (страны пребывания; Кыргызстана)",
                    "Жарандык (кабыл алуучу өлкө; Кыргызстан)",
                ),
            ),
        ],
        referrals: vec![ReferralTarget {
            code: "ombudsman".into(),
            label: label("Ombudsperson", "Омбудсмен", "Акыйкатчы"),
            contacts: Default::default(),
        }],
        legal_bases: vec![entry(
            "labour-code",
            label("Labour Code", "Трудовой кодекс РФ", "РФ Эмгек кодекси"),
        )],
        outcomes: vec![
            entry(
                "advised",
                label("Advised", "Дана консультация", "Кеңеш берилди"),
            ),
            entry(
                "referred",
                label("Referred", "Направлен(а)", "Жолдомо берилди"),
            ),
        ],
    }
}

#[test]
fn english_writes_the_codes_and_russian_and_kyrgyz_the_labels() {
    let t = tax();
    let en = Values::new("en", &t);
    assert!(en.are_codes());
    assert_eq!(en.sex(Sex::Male), "male");
    assert_eq!(en.region(Some(Region::Osh)), "osh");
    assert_eq!(en.status(VisitStatus::LeftWithoutService), "left");
    assert_eq!(
        en.tax_list(Kind::Topic, &["wages".into(), "housing".into()]),
        "wages;housing"
    );
    let ru = Values::new("ru", &t);
    assert_eq!(ru.sex(Sex::Male), "мужской");
    assert_eq!(ru.sex(Sex::Unknown), "не указан");
    assert_eq!(ru.region(Some(Region::Osh)), "Ошская область");
    assert_eq!(ru.region(None), "");
    assert_eq!(ru.status(VisitStatus::Done), "приём завершён");
    assert_eq!(ru.language(Lang::Ky), "кыргызский");
    assert_eq!(ru.member(MemberStatus::Withdrawn), "отозвал(а)");
    assert_eq!(ru.age_band("unknown"), "неизвестен");
    assert_eq!(ru.age_band("18-24"), "18-24");
    assert_eq!(
        ru.tax_list(Kind::Topic, &["wages".into(), "housing".into()]),
        "Невыплата зарплаты; Жильё"
    );
    assert_eq!(ru.tax(Kind::Outcome, "advised"), "Дана консультация");
    assert_eq!(ru.tax(Kind::Outcome, "no-such-code"), "no-such-code");
    let ky = Values::new("ky", &t);
    assert_eq!(ky.sex(Sex::Female), "аял");
    assert_eq!(ky.region(Some(Region::OshCity)), "Ош шаары");
    assert_eq!(ky.status(VisitStatus::Waiting), "күтүүдө");
    assert_eq!(ky.language(Lang::Ru), "орусча");
    assert_eq!(ky.member(MemberStatus::Recovered), "акчасын алды");
    assert_eq!(ky.tax(Kind::Outcome, "referred"), "Жолдомо берилди");
}

/// Every value of every coded column, written in each language, reads back as its code.
#[test]
fn every_label_in_every_language_maps_back_to_its_code() {
    let t = tax();
    let r = Reverse::new(&t);
    for lang in ["en", "ru", "ky"] {
        let v = Values::new(lang, &t);
        for s in Sex::ALL {
            assert_eq!(r.code(Kind::Sex, v.sex(s)), Some(s.code()), "{lang}");
            assert_eq!(r.code(Kind::Sex, &v.sex(s).to_uppercase()), Some(s.code()));
        }
        for s in STATUSES {
            assert_eq!(
                r.code(Kind::VisitStatus, v.status(s)),
                Some(s.code()),
                "{lang}"
            );
        }
        for x in Region::ALL {
            let label = format!("  {} ", v.region(Some(x)));
            assert_eq!(
                r.code(Kind::Region, &label),
                Some(x.code()),
                "{lang} {label}"
            );
        }
        for x in Lang::ALL {
            assert_eq!(
                r.code(Kind::Language, v.language(x)),
                Some(x.code()),
                "{lang}"
            );
        }
        for s in MemberStatus::ALL {
            assert_eq!(
                r.code(Kind::MemberStatus, v.member(s)),
                Some(s.code()),
                "{lang}"
            );
        }
        let lists: [(Kind, Vec<&str>); 4] = [
            (
                Kind::Topic,
                t.topics.iter().map(|x| x.code.as_str()).collect(),
            ),
            (
                Kind::Outcome,
                t.outcomes.iter().map(|x| x.code.as_str()).collect(),
            ),
            (
                Kind::Referral,
                t.referrals.iter().map(|x| x.code.as_str()).collect(),
            ),
            (
                Kind::LegalBasis,
                t.legal_bases.iter().map(|x| x.code.as_str()).collect(),
            ),
        ];
        for (kind, codes) in lists {
            for c in &codes {
                assert_eq!(
                    r.code(kind, v.tax(kind, c)),
                    Some(*c),
                    "{lang} {kind:?} {c}"
                );
            }
            // The whole list at once, as the export joins it.
            let all: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
            assert_eq!(
                r.list(kind, &v.tax_list(kind, &all)),
                Some(all.clone()),
                "{lang}"
            );
        }
    }
    assert_eq!(r.code(Kind::Sex, "no such sex"), None);
    assert_eq!(
        r.code(Kind::Outcome, "мужской"),
        None,
        "labels are per column"
    );
}

#[test]
fn a_label_with_the_separator_in_it_reads_back_whole() {
    let t = tax();
    let r = Reverse::new(&t);
    let ru = Values::new("ru", &t);
    let (kind, code) = (Kind::Topic, "citizenship".to_string());
    assert!(ru.tax(kind, &code).contains(';'), "{}", ru.tax(kind, &code));
    let first = t.topics[0].code.clone();
    let cell = ru.tax_list(kind, &[first.clone(), code.clone()]);
    assert_eq!(r.list(kind, &cell), Some(vec![first, code]));
    assert_eq!(r.list(kind, ""), Some(vec![]));
    assert_eq!(r.list(kind, "wages; no such topic"), None);
    // Many separators are read quickly and refused.
    assert_eq!(r.list(kind, &";x".repeat(4000)), None);
}
