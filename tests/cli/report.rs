//! `kezek report` on a real store: the period options, Markdown and JSON, bad input.

use std::path::Path;
use std::process::Output;

use crate::common::cli::command;

/// On `dir/store`, with `dir/none.toml` as the config: empty, until a test sets a language.
fn kezek(dir: &Path, args: &[&str]) -> Output {
    command(&dir.join("none.toml"), &dir.join("store"))
        .args(args)
        .output()
        .unwrap()
}

fn demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("none.toml"), "").unwrap();
    let out = kezek(dir.path(), &["demo", "--persons", "300", "--events", "3"]);
    assert!(out.status.success());
    dir
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn report_as_markdown_and_json_for_all_a_range_and_an_event() {
    let d = demo();
    let all = json(&kezek(d.path(), &["report", "--format", "json"]));
    assert_eq!(all["schema"], 2);
    assert_eq!(all["period"]["kind"], "all");
    let f = &all["figures"];
    assert_eq!(f["visits"]["total"], 900);
    assert!(f["visits"]["persons"].as_u64().unwrap() <= 300);
    let wages = f["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code"] == "wages.unpaid")
        .unwrap();
    assert!(wages["appeals"].as_u64().unwrap() > 0);
    let summary = all["summary"].as_array().unwrap();
    assert!(summary[0].as_str().unwrap().starts_with("900 visits by"));
    assert!(
        summary
            .iter()
            .any(|s| s.as_str().unwrap().starts_with("Unpaid wages: ")
                && s.as_str().unwrap().contains("appeals from")),
        "{summary:?}"
    );
    // The demo's events are three weeks apart up to 2026-11-15: a range of the last one.
    let last = json(&kezek(
        d.path(),
        &[
            "report",
            "--from",
            "2026-11-15",
            "--to",
            "15.11.2026",
            "--format",
            "json",
        ],
    ));
    assert_eq!(last["period"]["kind"], "dates");
    assert_eq!(last["figures"]["visits"]["total"], 300);
    let md = kezek(d.path(), &["report", "--lang", "en"]);
    assert!(md.status.success());
    let text = String::from_utf8(md.stdout).unwrap();
    assert!(text.starts_with("# Summary — all records"), "{text}");
    assert!(text.contains("| Topic | Consultations |"));
    // Written to a file.
    let file = d.path().join("r.md");
    let out = kezek(d.path(), &["report", "-o", file.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        text.trim_end().to_string() + "\n"
    );
}

#[test]
fn bad_periods_are_refused_clearly() {
    let d = demo();
    let bad = |args: &[&str], want: &str| {
        let out = kezek(d.path(), args);
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(want), "{args:?}: {err}");
    };
    bad(
        &["report", "--from", "2026-13-01", "--to", "2026-12-01"],
        "is not a date",
    );
    bad(
        &["report", "--from", "2026-12-01", "--to", "2026-11-01"],
        "is after",
    );
    bad(&["report", "--from", "2026-11-01"], "--to");
    bad(&["report", "--event", "nonsense"], "nonsense");
    bad(
        &["report", "--event", "01JE0CX6Q0ZP2J7WP1Y3VPFT53"],
        "no event with id",
    );
}

/// The Russian plural form for `n`, by the rule (not by the code under test).
fn ru_form<'a>(n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    match (n % 10, n % 100) {
        (1, r) if r != 11 => one,
        (2..=4, r) if !(12..=14).contains(&r) => few,
        _ => many,
    }
}

/// Thousands with a no-break space, as Russian and Kyrgyz write them.
fn grouped(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

#[test]
fn report_in_russian_and_kyrgyz() {
    let d = demo();
    let en = json(&kezek(
        d.path(),
        &["report", "--format", "json", "--lang", "en"],
    ));
    let ru = json(&kezek(
        d.path(),
        &["report", "--format", "json", "--lang", "ru"],
    ));
    let ky = json(&kezek(
        d.path(),
        &["report", "--format", "json", "--lang", "ky"],
    ));
    // Records keep codes: the figures do not depend on the language.
    assert_eq!(en["figures"], ru["figures"]);
    assert_eq!(en["figures"], ky["figures"]);
    assert_eq!(ru["language"], "ru");
    assert_eq!(ky["language"], "ky");
    let v = &en["figures"]["visits"];
    let (visits, persons, served, left) = (
        v["total"].as_u64().unwrap(),
        v["persons"].as_u64().unwrap(),
        v["served"].as_u64().unwrap(),
        v["left_without_service"].as_u64().unwrap(),
    );
    let want_ru = format!(
        "{} {} от {} {}; принято {}, ушли без приёма {}.",
        grouped(visits),
        ru_form(visits, "визит", "визита", "визитов"),
        grouped(persons),
        ru_form(persons, "гражданина", "граждан", "граждан"),
        grouped(served),
        grouped(left)
    );
    assert_eq!(ru["summary"][0], want_ru.as_str());
    let want_ky = format!(
        "{} жарандан {} келүү; {} кабыл алынды, {} кабыл алынбай кетти.",
        grouped(persons),
        grouped(visits),
        grouped(served),
        grouped(left)
    );
    assert_eq!(ky["summary"][0], want_ky.as_str());
    // The unpaid-wages sentence: appeals and the persons behind them, in each language.
    let wages = en["figures"]["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code"] == "wages.unpaid")
        .unwrap();
    let (appeals, appeal_persons) = (
        wages["appeals"].as_u64().unwrap(),
        wages["appeal_persons"].as_u64().unwrap(),
    );
    let want = format!(
        "Невыплата заработной платы: {} {} от {} {}",
        grouped(appeals),
        ru_form(appeals, "обращение", "обращения", "обращений"),
        grouped(appeal_persons),
        ru_form(appeal_persons, "гражданина", "граждан", "граждан"),
    );
    let summary: Vec<&str> = ru["summary"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(
        summary.iter().any(|s| s.starts_with(&want)),
        "{want}\n{summary:#?}"
    );
    let want_ky = format!(
        "Эмгек акынын төлөнбөшү: {} жарандан {} арыз",
        grouped(appeal_persons),
        grouped(appeals)
    );
    assert!(
        ky["summary"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s.as_str().unwrap().starts_with(&want_ky)),
        "{want_ky}"
    );
    // Markdown: headings, table headers and labels in the language; no English left.
    let md = |lang: &str| {
        let out = kezek(d.path(), &["report", "--lang", lang]);
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let text = md("ru");
    assert!(text.starts_with("# Сводка — все записи"), "{text}");
    assert!(
        text.contains("| Тема | Консультации | Граждане |"),
        "{text}"
    );
    assert!(text.contains("Ошская область"), "{text}");
    let text = md("ky");
    assert!(text.starts_with("# Жыйынтык — бардык жазуулар"), "{text}");
    assert!(text.contains("Ош облусу"), "{text}");
    for english in ["Summary", "Topic", "visits", "citizens", "Region", "Unpaid"] {
        assert!(
            !text.contains(english),
            "{english:?} left in Kyrgyz:\n{text}"
        );
    }
    // The configured language is the default; --lang outranks it.
    std::fs::write(d.path().join("none.toml"), "language = \"ru\"\n").unwrap();
    assert!(md("en").starts_with("# Summary"));
    let out = kezek(d.path(), &["report"]);
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("# Сводка")
    );
}

/// Every count the CLI prints agrees with its noun: a store holding one collective appeal
/// says "1 appeal" («1 обращение»), the demo says "1 event", an import of one row "1 row".
#[test]
fn counts_in_the_cli_agree_with_their_nouns() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("none.toml"), "").unwrap();
    let out = kezek(dir.path(), &["demo", "--persons", "40", "--events", "1"]);
    assert!(out.status.success());
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.contains(", 1 event, "), "{said}");
    assert!(
        !said.contains(" 1 events") && !said.contains(" 1 collective appeals"),
        "{said}"
    );
    // This seed plants exactly one appeal (checked, so the sentences below mean something).
    let all = json(&kezek(dir.path(), &["report", "--format", "json"]));
    let wages = all["figures"]["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code"] == "wages.unpaid")
        .unwrap()
        .clone();
    assert_eq!(wages["appeals"], 1, "{wages}");
    assert!(said.contains("1 collective appeal with "), "{said}");
    // `kezek check` counts the same records, in the language asked.
    let check = |lang: &str| {
        let out = kezek(dir.path(), &["check", "--lang", lang]);
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let en = check("en");
    assert!(
        en.contains("records: 1 event, 40 persons, ") && en.contains(", 1 appeal ("),
        "{en}"
    );
    let ru = check("ru");
    assert!(
        ru.contains("записи: 1 день приёма, 40 граждан, ")
            && ru.contains(", 1 коллективное обращение ("),
        "{ru}"
    );
    assert!(ru.contains("индекс: согласован"), "{ru}");
    let ky = check("ky");
    assert!(ky.contains("1 кабыл алуу күнү, 40 жаран, "), "{ky}");
    let report = |lang: &str| {
        let out = kezek(dir.path(), &["report", "--lang", lang]);
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let en = report("en");
    assert!(en.contains("Unpaid wages: 1 appeal from "), "{en}");
    let ru = report("ru");
    assert!(
        ru.contains("Невыплата заработной платы: 1 обращение от "),
        "{ru}"
    );
    // An amount in roubles ends in «руб.»: never a second full stop after it.
    assert!(ru.contains(" руб.") && !ru.contains("руб.."), "{ru}");
    let ky = report("ky");
    assert!(ky.contains("жарандан 1 арыз"), "{ky}");
    // Two and five, worked out by the Russian rule in the catalogue the CLI uses.
    let i = kezek::i18n::I18n::new("ru");
    for (n, want) in [
        (2i64, "2 обращения"),
        (5, "5 обращений"),
        (21, "21 обращение"),
    ] {
        let s = i.t_args(
            "summary-topic-appeals",
            &[
                ("topic", "T".into()),
                ("appeals", n.into()),
                ("persons", 1i64.into()),
            ],
        );
        assert!(s.starts_with(&format!("T: {want} от")), "{s}");
    }
    // An import of one row, in each language.
    let csv = dir.path().join("one.csv");
    std::fs::write(
        &csv,
        "event_date,event_city,surname,given_name,arrived,status\n\
         2026-12-01,Казань,Осмонова,Нургүл,09:15,done\n",
    )
    .unwrap();
    let dry = |lang: &str| {
        let out = kezek(
            dir.path(),
            &[
                "import",
                "--csv",
                csv.to_str().unwrap(),
                "--dry-run",
                "--lang",
                lang,
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let en = dry("en");
    assert!(
        en.contains("1 row: would create 1 event, 1 person, 1 visit;"),
        "{en}"
    );
    assert!(en.contains("0 rows were already imported"), "{en}");
    let ru = dry("ru");
    assert!(
        ru.contains("будет создано: 1 день приёма, 1 гражданин, 1 визит;"),
        "{ru}"
    );
    let ky = dry("ky");
    assert!(
        ky.contains("1 сап: 1 кабыл алуу күнү, 1 жаран, 1 келүү"),
        "{ky}"
    );
}
