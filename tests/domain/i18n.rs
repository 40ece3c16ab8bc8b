//! The three locale files: same messages, same placeables, valid syntax; plural forms,
//! number and date formatting; the English fallback.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use kezek::domain::{Lang, format_date, format_date_time};
use kezek::i18n::{Arg, I18n, LOCALES};

fn vars_in_inline(e: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match e {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => vars_in_expr(expression, out),
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                vars_in_inline(a, out);
            }
        }
        _ => {}
    }
}

fn vars_in_expr(e: &Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        Expression::Inline(i) => vars_in_inline(i, out),
        Expression::Select { selector, variants } => {
            vars_in_inline(selector, out);
            for v in variants {
                vars_in_pattern(&v.value, out);
            }
        }
    }
}

fn vars_in_pattern(p: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            vars_in_expr(expression, out);
        }
    }
}

/// message id -> the variables it uses, for one locale file (which must parse cleanly).
fn messages(lang: &str, source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let res = fluent_syntax::parser::parse(source)
        .unwrap_or_else(|(_, errors)| panic!("{lang}.ftl has syntax errors: {errors:?}"));
    let mut out = BTreeMap::new();
    for entry in &res.body {
        match entry {
            Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                if let Some(v) = &m.value {
                    vars_in_pattern(v, &mut vars);
                }
                assert!(
                    out.insert(m.id.name.to_string(), vars).is_none(),
                    "{lang}.ftl defines {} twice",
                    m.id.name
                );
            }
            Entry::Junk { content } => panic!("{lang}.ftl: unparsable {content:?}"),
            _ => {}
        }
    }
    out
}

#[test]
fn every_locale_has_every_message_with_the_same_placeables() {
    let (_, en_src) = LOCALES[0];
    let en = messages("en", en_src);
    assert!(en.len() > 300, "en.ftl holds {} messages", en.len());
    for (lang, src) in &LOCALES[1..] {
        let other = messages(lang, src);
        let missing: Vec<_> = en.keys().filter(|k| !other.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{lang}.ftl lacks {missing:?}");
        let extra: Vec<_> = other.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(
            extra.is_empty(),
            "{lang}.ftl has ids en.ftl lacks: {extra:?}"
        );
        for (id, vars) in &en {
            assert_eq!(
                &other[id], vars,
                "{lang}.ftl: {id} uses other placeables than en.ftl"
            );
        }
    }
}

#[test]
fn no_message_is_left_in_english_or_empty() {
    // Ids whose text is the same in every language (names, symbols, pure placeables).
    let same = [
        "app-name",
        "hint-phone",
        "value-none",
        "flash-arrival-saved",
        "consultation-title",
        "screen-consultation",
        "what-consultation",
        "slip-consultation",
        "col-phone",
        "field-currency",
        "cli-bundle-look-alike",
    ];
    let (_, en_src) = LOCALES[0];
    let en = I18n::new("en");
    let ids = messages("en", en_src);
    for lang in ["ru", "ky"] {
        let i = I18n::new(lang);
        for id in ids.keys() {
            assert!(i.has(id), "{lang} lacks {id}");
            let text = i.t(id);
            assert!(!text.trim().is_empty(), "{lang}: {id} is blank");
            if !same.contains(&id.as_str()) && id != "col-no" {
                let has_letters = text.chars().any(|c| c.is_alphabetic());
                let cyrillic = text.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
                assert!(
                    !has_letters || cyrillic || text != en.t(id),
                    "{lang}: {id} reads as English: {text:?}"
                );
            }
        }
        assert!(
            i.missing_reported().is_empty(),
            "{lang}: {:?}",
            i.missing_reported()
        );
    }
}

fn appeals(lang: &str, appeals: i64, persons: i64) -> String {
    I18n::new(lang).t_args(
        "summary-topic-appeals",
        &[
            ("topic", "T".into()),
            ("appeals", appeals.into()),
            ("persons", persons.into()),
        ],
    )
}

#[test]
fn russian_plurals_follow_one_few_many() {
    // Worked out by the Russian rule: 1, 21, 101 -> one; 2-4, 22-24 -> few; 5-20, 25, 111,
    // 0 -> many. After «от» the genitive: гражданина for one, граждан otherwise.
    let cases = [
        (1, 1, "T: 1 обращение от 1 гражданина"),
        (2, 3, "T: 2 обращения от 3 граждан"),
        (4, 4, "T: 4 обращения от 4 граждан"),
        (5, 21, "T: 5 обращений от 21 гражданина"),
        (11, 12, "T: 11 обращений от 12 граждан"),
        (21, 22, "T: 21 обращение от 22 граждан"),
        (22, 111, "T: 22 обращения от 111 граждан"),
        (0, 0, "T: 0 обращений от 0 граждан"),
        (214, 670, "T: 214 обращений от 670 граждан"),
    ];
    for (a, p, want) in cases {
        assert_eq!(appeals("ru", a, p), want, "{a} appeals, {p} persons");
    }
    let visits = |n: i64| {
        I18n::new("ru").t_args(
            "summary-visits",
            &[
                ("visits", n.into()),
                ("persons", 1i64.into()),
                ("served", 0i64.into()),
                ("left", 0i64.into()),
            ],
        )
    };
    assert!(visits(1).starts_with("1 визит от"), "{}", visits(1));
    assert!(visits(3).starts_with("3 визита от"), "{}", visits(3));
    assert!(visits(5).starts_with("5 визитов от"), "{}", visits(5));
    assert!(visits(101).starts_with("101 визит от"), "{}", visits(101));
    let recovered = |n: i64| {
        I18n::new("ru").t_args(
            "summary-recovered",
            &[("persons", n.into()), ("amount", "X".into())],
        )
    };
    // The amount before the verb: «руб.» must not meet the sentence's full stop («руб..»).
    assert_eq!(recovered(1), "; X получил 1 гражданин.");
    assert_eq!(recovered(3), "; X получили 3 гражданина.");
    assert_eq!(recovered(157), "; X получили 157 граждан.");
}

#[test]
fn kyrgyz_counts_keep_the_noun_singular() {
    // Kyrgyz puts the noun after a numeral in the singular for every number.
    for (a, p, want) in [
        (1, 1, "T: 1 жарандан 1 арыз"),
        (2, 5, "T: 5 жарандан 2 арыз"),
        (214, 670, "T: 670 жарандан 214 арыз"),
    ] {
        assert_eq!(appeals("ky", a, p), want);
    }
    let en = |a, p| appeals("en", a, p);
    assert_eq!(en(1, 1), "T: 1 appeal from 1 citizen");
    assert_eq!(en(2, 5), "T: 2 appeals from 5 citizens");
}

#[test]
fn numbers_in_sentences_are_grouped_per_locale() {
    let nbsp = '\u{a0}';
    assert_eq!(
        appeals("en", 1214, 12670),
        "T: 1,214 appeals from 12,670 citizens"
    );
    assert_eq!(
        appeals("ru", 1214, 12670),
        format!("T: 1{nbsp}214 обращений от 12{nbsp}670 граждан")
    );
    assert_eq!(
        appeals("ky", 1000, 1_000_000),
        format!("T: 1{nbsp}000{nbsp}000 жарандан 1{nbsp}000 арыз")
    );
    assert_eq!(kezek::i18n::group_digits(-1234567, ","), "-1,234,567");
    assert_eq!(kezek::i18n::group_digits(999, ","), "999");
    // Money: the same grouping with a decimal comma in Russian and Kyrgyz.
    let m = kezek::domain::Money::parse("11 204 500", kezek::domain::Currency::Rub).unwrap();
    use kezek::domain::money::NumberLocale;
    assert_eq!(m.format(NumberLocale::En), "11,204,500.00 RUB");
    assert_eq!(
        m.format(NumberLocale::Ru),
        format!("11{nbsp}204{nbsp}500,00 руб.")
    );
    assert_eq!(
        m.format(NumberLocale::Ky),
        format!("11{nbsp}204{nbsp}500,00 рубль")
    );
}

#[test]
fn dates_per_locale() {
    let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 8).unwrap();
    assert_eq!(format_date(d, Lang::En), "2026-03-08");
    assert_eq!(format_date(d, Lang::Ru), "08.03.2026");
    assert_eq!(format_date(d, Lang::Ky), "08.03.2026");
    let t = d.and_hms_opt(9, 5, 0).unwrap();
    assert_eq!(format_date_time(t, Lang::Ru), "08.03.2026 09:05");
    assert_eq!(I18n::new("ky").date(d), "08.03.2026");
    assert_eq!(I18n::new("en").date_time(t), "2026-03-08 09:05");
}

#[test]
fn a_missing_message_falls_back_to_english_and_is_reported_once() {
    let i = I18n::with_source("ru", "status-done = принят\n");
    assert_eq!(i.t("status-done"), "принят");
    assert_eq!(i.t("status-waiting"), "waiting", "English, not blank");
    assert_eq!(i.t("status-waiting"), "waiting");
    assert_eq!(i.missing_reported(), vec!["status-waiting".to_string()]);
    assert_eq!(i.t("no-such-id"), "no-such-id", "the id, never a blank");
    // An unknown language is English.
    assert_eq!(I18n::new("de").lang(), "en");
}

#[test]
fn taxonomy_labels_exist_in_all_three_languages() {
    let tax = kezek::taxonomy::builtin();
    let labels = tax
        .topics
        .iter()
        .map(|t| (&t.code, &t.label))
        .chain(tax.referrals.iter().map(|t| (&t.code, &t.label)))
        .chain(tax.legal_bases.iter().map(|t| (&t.code, &t.label)))
        .chain(tax.outcomes.iter().map(|t| (&t.code, &t.label)));
    for (code, l) in labels {
        for (lang, v) in [("ru", &l.ru), ("ky", &l.ky)] {
            let v = v
                .as_deref()
                .unwrap_or_else(|| panic!("{code}: no {lang} label"));
            assert!(
                v.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)),
                "{code}: {lang} label {v:?} is not in Cyrillic"
            );
        }
    }
    assert_eq!(
        tax.topic_label("registration", Lang::Ru),
        "Миграционный учёт по месту пребывания"
    );
    assert_eq!(
        tax.topic_label("wages.unpaid", Lang::Ky),
        "Эмгек акынын төлөнбөшү"
    );
    // A plural argument given as text must not break formatting.
    let s = I18n::new("ru").t_args("search-found", &[("count", Arg::Str("x".into()))]);
    assert!(!s.is_empty());
}

/// No word of the Russian and Kyrgyz catalogues mixes scripts (`kezekти`): a suffix is not
/// put on a Latin name.
#[test]
fn no_word_mixes_latin_and_cyrillic() {
    for text in [
        include_str!("../../assets/locales/ru.ftl"),
        include_str!("../../assets/locales/ky.ftl"),
    ] {
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            for word in line.split(|c: char| !c.is_alphanumeric()) {
                let latin = word.chars().any(|c| c.is_ascii_alphabetic());
                let cyrillic = word.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
                assert!(!(latin && cyrillic), "{word:?} in: {line}");
            }
        }
    }
}
