//! Issue 15 on the real binary: Russian and Kyrgyz exports write the values in the
//! reader's words and import back to the same report; anonymised exports hold in groups of
//! k persons, checked over every table.

use crate::common::cli::{ok, output_in as kezek};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

type Row = HashMap<String, String>;

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    ok(kezek(
        dir.path(),
        "a",
        &["demo", "--persons", "250", "--events", "3"],
    ));
    dir
}

/// A table of an export, each row by column code (headers in any language).
fn table(path: &Path) -> Vec<Row> {
    let bytes = std::fs::read(path).unwrap();
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let codes: Vec<String> = r
        .headers()
        .unwrap()
        .iter()
        .map(|h| kezek::export::columns::code_of(h).unwrap().to_string())
        .collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            codes
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect()
        })
        .collect()
}

fn figures(dir: &Path, store: &str) -> serde_json::Value {
    let v: serde_json::Value =
        serde_json::from_str(&ok(kezek(dir, store, &["report", "--format", "json"]))).unwrap();
    v["figures"].clone()
}

/// Every code a coded column may hold.
fn codes() -> HashSet<String> {
    use kezek::domain::{Lang, MemberStatus, Region, Sex, VisitStatus};
    let tax = kezek::taxonomy::builtin();
    let mut out: HashSet<String> = ["unknown", "waiting", "with-officer", "done", "left"]
        .map(String::from)
        .into();
    out.extend(Sex::ALL.map(|s| s.code().to_string()));
    out.extend(Region::ALL.map(|r| r.code().to_string()));
    out.extend(Lang::ALL.map(|l| l.code().to_string()));
    out.extend(MemberStatus::ALL.map(|s| s.code().to_string()));
    assert!(out.contains(VisitStatus::Done.code()));
    out.extend(tax.topics.iter().map(|t| t.code.clone()));
    out.extend(tax.outcomes.iter().map(|t| t.code.clone()));
    out.extend(tax.referrals.iter().map(|t| t.code.clone()));
    out.extend(tax.legal_bases.iter().map(|t| t.code.clone()));
    out
}

const CODED: [(&str, &[&str]); 5] = [
    ("persons", &["sex", "region", "age_band"]),
    (
        "visits",
        &["sex", "region", "age_band", "language", "status"],
    ),
    (
        "consultations",
        &["topics", "outcome", "referral", "legal_bases"],
    ),
    ("appeals", &["topic", "outcome"]),
    ("appeal_members", &["status"]),
];

#[test]
fn russian_and_kyrgyz_exports_write_no_code_and_import_back_to_the_same_report() {
    let d = setup();
    let p = d.path();
    let codes = codes();
    let want = figures(p, "a");
    // Columns the demo fills (in the English export) must be filled in the others too.
    let en = p.join("en");
    ok(kezek(
        p,
        "a",
        &["export", "--format", "csv", "-o", en.to_str().unwrap()],
    ));
    let filled = |name: &str, col: &str| {
        table(&en.join(format!("{name}.csv")))
            .iter()
            .any(|r| !r[col].is_empty())
    };
    for row in table(&en.join("visits.csv")) {
        assert!(
            codes.contains(&row["sex"]) && codes.contains(&row["status"]),
            "{row:?}"
        );
    }
    for lang in ["ru", "ky"] {
        let folder = p.join(lang);
        let f = folder.to_str().unwrap();
        ok(kezek(
            p,
            "a",
            &["export", "--format", "csv", "--lang", lang, "-o", f],
        ));
        for (name, columns) in CODED {
            let rows = table(&folder.join(format!("{name}.csv")));
            assert!(!rows.is_empty(), "{lang} {name}");
            for col in columns {
                let mut written = 0;
                for row in &rows {
                    for part in row[*col]
                        .split(';')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                    {
                        assert!(!codes.contains(part), "{lang} {name}.{col}: {part:?}");
                        written += 1;
                    }
                }
                assert_eq!(written > 0, filled(name, col), "{lang} {name}.{col}");
            }
        }
        let store = format!("from-{lang}");
        ok(kezek(p, &store, &["import", "--csv", f]));
        assert_eq!(figures(p, &store), want, "{lang}");
    }
}

/// What ANONYMIZED.txt says: persons per level and withheld.
fn stated(text: &str) -> (Vec<u64>, u64) {
    let num = |l: &str| -> u64 {
        let digits: String = l
            .rsplit(':')
            .next()
            .unwrap()
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        digits.parse().unwrap()
    };
    let levels = text
        .lines()
        .filter(|l| l.starts_with("Level "))
        .map(num)
        .collect();
    let withheld = text
        .lines()
        .find(|l| l.starts_with("Withheld"))
        .map(num)
        .unwrap();
    (levels, withheld)
}

/// Exports `--anonymize --k K` and checks every table: grouped by the quasi-identifier
/// columns a row shows (with its person's from the persons table), every group holds at
/// least k distinct persons. Returns what ANONYMIZED.txt states.
fn anonymised(p: &Path, k: u32, all_persons: usize) -> (Vec<u64>, u64) {
    let folder = p.join(format!("anon-{k}"));
    let ks = k.to_string();
    let f = folder.to_str().unwrap();
    ok(kezek(
        p,
        "a",
        &[
            "export",
            "--format",
            "csv",
            "--anonymize",
            "--k",
            &ks,
            "-o",
            f,
        ],
    ));
    let note = std::fs::read_to_string(folder.join("ANONYMIZED.txt")).unwrap();
    assert!(note.contains(&format!("k = {k}")), "{note}");
    let (levels, withheld) = stated(&note);
    let persons = table(&folder.join("persons.csv"));
    // Stated rounded to multiples of 5, as the report's figures: within 5 of each true
    // count, so the sum is not the visitors' total exactly.
    assert!(
        levels.iter().chain([&withheld]).all(|n| n % 5 == 0),
        "{note}"
    );
    let published = levels.iter().sum::<u64>() as usize;
    assert!(
        published.abs_diff(persons.len()) < 5 * levels.len(),
        "{note}"
    );
    assert!(
        (published + withheld as usize).abs_diff(all_persons) < 5 * (levels.len() + 1),
        "{note}"
    );
    let qi = ["region", "city", "sex", "age_band"];
    let of: HashMap<&str, Vec<&str>> = persons
        .iter()
        .map(|r| {
            (
                r["person_id"].as_str(),
                qi.iter().map(|c| r[*c].as_str()).collect(),
            )
        })
        .collect();
    let check = |name: &str, own: &[&str]| {
        let rows = table(&folder.join(format!("{name}.csv")));
        let mut groups: BTreeMap<Vec<String>, HashSet<String>> = BTreeMap::new();
        for r in &rows {
            let person = r["person_id"].as_str();
            let mut key: Vec<String> = own.iter().map(|c| r[*c].clone()).collect();
            key.extend(of[person].iter().map(|s| s.to_string()));
            groups.entry(key).or_default().insert(person.to_string());
        }
        for (key, who) in &groups {
            assert!(
                who.len() >= k as usize,
                "k={k} {name}: {key:?} holds {}",
                who.len()
            );
        }
        rows
    };
    check("persons", &[]);
    let visits = check(
        "visits",
        &[
            "event_id",
            "event_date",
            "event_city",
            "event_venue",
            "utc_offset",
            "region",
            "sex",
            "age_band",
        ],
    );
    let cons = check("consultations", &["event_id", "utc_offset", "created"]);
    check("appeal_members", &[]);
    // One age band per person, the same in the visits as in the persons table.
    for v in &visits {
        assert_eq!(v["age_band"], of[v["person_id"].as_str()][3], "{v:?}");
        assert!(
            v["visit_id"].starts_with('V') && v["queue_no"].is_empty(),
            "{v:?}"
        );
        assert_eq!(v["arrived"], "", "{v:?}");
    }
    let visit_ids: HashSet<&str> = visits.iter().map(|v| v["visit_id"].as_str()).collect();
    for c in &cons {
        assert!(
            c["consultation_id"].starts_with('C') && c["created"].is_empty(),
            "{c:?}"
        );
        assert!(visit_ids.contains(c["visit_id"].as_str()), "{c:?}");
    }
    for a in table(&folder.join("appeals.csv")) {
        assert!(a["appeal_id"].starts_with('A'));
        assert_eq!((a["title"].as_str(), a["respondent"].as_str()), ("", ""));
    }
    (levels, withheld)
}

#[test]
fn anonymised_exports_hold_k_persons_in_every_published_group() {
    let d = setup();
    let p = d.path();
    let plain = p.join("plain");
    // Over every date: the persons of the records' rows, whom an anonymised export
    // publishes or withholds (a whole export also lists those who never came).
    ok(kezek(
        p,
        "a",
        &[
            "export",
            "--format",
            "csv",
            "--from",
            "1900-01-01",
            "--to",
            "2100-12-31",
            "-o",
            plain.to_str().unwrap(),
        ],
    ));
    let all = table(&plain.join("persons.csv")).len();
    let (l2, w2) = anonymised(p, 2, all);
    let (l10, w10) = anonymised(p, 10, all);
    // A bigger k publishes fewer persons with everything and withholds at least as many.
    assert!(l10[0] <= l2[0], "{l2:?} {l10:?}");
    assert!(w10 >= w2, "{w2} {w10}");
    // The default k = 5, in JSON too; one table gets its statement beside it.
    let json = p.join("anon.json");
    ok(kezek(
        p,
        "a",
        &[
            "export",
            "--format",
            "json",
            "--anonymize",
            "-o",
            json.to_str().unwrap(),
        ],
    ));
    let j: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(j["anonymized"]["k"], 5);
    let withheld = j["anonymized"]["withheld"].as_u64().unwrap();
    assert_eq!(
        j["persons"].as_array().unwrap().len() + withheld as usize,
        all
    );
    let one = p.join("v.csv");
    ok(kezek(
        p,
        "a",
        &[
            "export",
            "--format",
            "csv",
            "--anonymize",
            "--table",
            "visits",
            "-o",
            one.to_str().unwrap(),
        ],
    ));
    let beside = std::fs::read_to_string(p.join("v.csv.ANONYMIZED.txt")).unwrap();
    assert!(
        beside.contains("k = 5") && beside.contains("Withheld"),
        "{beside}"
    );
}

#[test]
fn xlsx_sheets_show_the_readers_words_and_html_the_statement() {
    let d = setup();
    let p = d.path();
    let x = p.join("ru.xlsx");
    ok(kezek(
        p,
        "a",
        &[
            "export",
            "--format",
            "xlsx",
            "--lang",
            "ru",
            "-o",
            x.to_str().unwrap(),
        ],
    ));
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&x).unwrap();
    let visits = wb.worksheet_range("Визиты").unwrap();
    let rows: Vec<Vec<String>> = visits
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let col = |h: &str| rows[0].iter().position(|x| x == h).unwrap();
    let (status, sex) = (col("Статус"), col("Пол"));
    assert!(
        rows[1..]
            .iter()
            .all(|r| !r[status].is_empty() && r[status] != "done")
    );
    assert!(rows[1..].iter().any(|r| r[status] == "приём завершён"));
    assert!(
        rows[1..]
            .iter()
            .all(|r| !["male", "female", "unknown"].contains(&r[sex].as_str()))
    );
    let h = p.join("ky.html");
    ok(kezek(
        p,
        "a",
        &[
            "export",
            "--format",
            "html",
            "--lang",
            "ky",
            "--anonymize",
            "--with-records",
            "-o",
            h.to_str().unwrap(),
        ],
    ));
    let html = std::fs::read_to_string(&h).unwrap();
    assert!(html.contains("(k = 5)"), "the statement, in Kyrgyz");
    assert!(html.contains("Чыгарылган жок"));
}

/// The built-in taxonomy read back: every label of every list in every language is its
/// code again, no label stands for two codes of one column, and a whole list comes back.
#[test]
fn every_builtin_label_maps_back_to_its_one_code() {
    use kezek::domain::name::fold;
    use kezek::domain::taxonomy::Label;
    use kezek::export::values::{Kind, Reverse, Values};
    let t = kezek::taxonomy::builtin();
    let r = Reverse::new(&t);
    let lists: [(Kind, Vec<(&str, &Label)>); 4] = [
        (
            Kind::Topic,
            t.topics
                .iter()
                .map(|x| (x.code.as_str(), &x.label))
                .collect(),
        ),
        (
            Kind::Outcome,
            t.outcomes
                .iter()
                .map(|x| (x.code.as_str(), &x.label))
                .collect(),
        ),
        (
            Kind::Referral,
            t.referrals
                .iter()
                .map(|x| (x.code.as_str(), &x.label))
                .collect(),
        ),
        (
            Kind::LegalBasis,
            t.legal_bases
                .iter()
                .map(|x| (x.code.as_str(), &x.label))
                .collect(),
        ),
    ];
    let mut seen: HashMap<(String, String), String> = HashMap::new();
    for lang in ["en", "ru", "ky"] {
        let v = Values::new(lang, &t);
        let l = kezek::domain::Lang::from_code(lang).unwrap();
        for (kind, entries) in &lists {
            for (code, label) in entries {
                assert_eq!(
                    r.code(*kind, v.tax(*kind, code)),
                    Some(*code),
                    "{lang} {code}"
                );
                for s in [code.to_string(), label.get(l).to_string()] {
                    let prev = seen
                        .entry((format!("{kind:?}"), fold(&s)))
                        .or_insert(code.to_string());
                    assert_eq!(prev, code, "{kind:?} {s:?} is two codes");
                }
            }
            let all: Vec<String> = entries.iter().map(|(c, _)| c.to_string()).collect();
            assert_eq!(
                r.list(*kind, &v.tax_list(*kind, &all)),
                Some(all.clone()),
                "{lang}"
            );
        }
    }
    // The built-in taxonomy has a label with the separator in it, and it reads back whole.
    assert!(
        t.topics
            .iter()
            .any(|x| x.label.get(kezek::domain::Lang::Ru).contains(';'))
    );
}
