//! `kezek demo` and `kezek find` on the real binary: a deterministic demo store, refused on
//! a store with records, and found across scripts from the command line.

use std::path::Path;
use std::process::Output;

use crate::common::cli::output_in;
use kezek::domain::translit::to_latin;

fn kezek(dir: &Path, args: &[&str]) -> Output {
    output_in(dir, "store", args)
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn demo_store(seed: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = kezek(
        dir.path(),
        &["demo", "--persons", "400", "--events", "3", "--seed", seed],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = String::from_utf8(out.stdout).unwrap();
    assert!(summary.contains("400 persons"), "{summary}");
    assert!(summary.contains("1,200 visits"), "{summary}");
    dir
}

#[test]
fn demo_is_deterministic_consistent_and_never_fills_a_used_store() {
    let a = demo_store("7");
    let b = demo_store("7");
    let c = demo_store("8");
    let all = |d: &Path| {
        ["а", "б", "ж", "т", "k", "s"]
            .iter()
            .flat_map(|q| json_lines(&kezek(d, &["find", q, "--limit", "1000", "--json"])))
            .collect::<Vec<_>>()
    };
    let (ra, rb, rc) = (all(a.path()), all(b.path()), all(c.path()));
    assert!(ra.len() > 50, "{}", ra.len());
    assert_eq!(ra, rb, "same seed, same people");
    assert_ne!(ra, rc);
    let check = kezek(a.path(), &["check"]);
    assert!(check.status.success());
    let text = String::from_utf8(check.stdout).unwrap();
    assert!(text.contains("index: consistent"), "{text}");
    // Both scripts and the planted duplicates are there.
    let latin = ra
        .iter()
        .filter(|p| p["surname"].as_str().unwrap().is_ascii())
        .count();
    assert!(latin > 0 && latin < ra.len());
    // A store with records is left alone.
    let again = kezek(a.path(), &["demo", "--persons", "10"]);
    assert!(!again.status.success());
    let err = String::from_utf8(again.stderr).unwrap();
    assert!(err.contains("already holds records"), "{err}");
    let check2 = String::from_utf8(kezek(a.path(), &["check"]).stdout).unwrap();
    assert_eq!(text, check2, "nothing was added");
}

#[test]
fn find_matches_across_scripts_documents_and_phones() {
    let d = demo_store("3");
    let people = json_lines(&kezek(
        d.path(),
        &["find", "а", "--limit", "1000", "--json"],
    ));
    let someone = people
        .iter()
        .find(|p| {
            !p["surname"].as_str().unwrap().is_ascii()
                && p["document"].is_string()
                && p["phone"].is_string()
        })
        .expect("a Cyrillic person with a document and a phone");
    let id = someone["id"].as_str().unwrap();
    let surname = someone["surname"].as_str().unwrap();
    let given = someone["given_name"].as_str().unwrap();
    let find = |q: &str| -> Vec<String> {
        json_lines(&kezek(d.path(), &["find", q, "--limit", "50", "--json"]))
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_string())
            .collect()
    };
    let latin = format!("{} {}", to_latin(given), to_latin(surname)).to_uppercase();
    assert!(find(&latin).contains(&id.to_string()), "{latin}");
    let initial: String = given.chars().take(1).collect();
    assert!(find(&format!("{} {initial}", surname.to_lowercase())).contains(&id.to_string()));
    let doc = someone["document"].as_str().unwrap().to_lowercase();
    assert_eq!(find(&doc).first().map(String::as_str), Some(id));
    let phone = someone["phone"].as_str().unwrap();
    let national = if let Some(rest) = phone.strip_prefix("+996") {
        format!("0{rest}")
    } else {
        format!("8{}", &phone[2..])
    };
    assert_eq!(
        find(&national).first().map(String::as_str),
        Some(id),
        "{national}"
    );
    // The plain output: one line per person, id first.
    let out = kezek(d.path(), &["find", &doc]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with(id), "{text}");
    let none = kezek(d.path(), &["find", "zzzzqqq"]);
    assert!(none.status.success());
    assert!(
        String::from_utf8(none.stderr)
            .unwrap()
            .contains("nobody found for \"zzzzqqq\"")
    );
    let none = kezek(d.path(), &["--lang", "ru", "find", "zzzz\u{1b}[2J"]);
    let said = String::from_utf8(none.stderr).unwrap();
    assert!(
        said.contains("никто не найден по запросу \"zzzz\\u{1b}[2J\""),
        "in the language asked for, the escape shown escaped: {said}"
    );
}

#[test]
fn find_says_on_stderr_how_many_it_did_not_list() {
    let d = demo_store("5");
    let all = json_lines(&kezek(
        d.path(),
        &["find", "а", "--limit", "1000", "--json"],
    ));
    assert!(all.len() > 5, "{}", all.len());
    let out = kezek(d.path(), &["--lang", "en", "find", "а", "--limit", "5"]);
    assert!(out.status.success());
    let listed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        listed.lines().count(),
        5,
        "stdout is the list only: {listed}"
    );
    let said = String::from_utf8(out.stderr).unwrap();
    let n = all.len();
    assert!(
        said.contains(&format!(
            "first 5 of {n} found (best first); --limit {n} lists them all"
        )),
        "{said}"
    );
    let out = kezek(
        d.path(),
        &["--lang", "ru", "find", "а", "--limit", "5", "--json"],
    );
    assert_eq!(json_lines(&out).len(), 5);
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(said.contains("первые 5 из "), "{said}");
    assert!(
        said.contains(&format!("--limit {n} покажет всех")),
        "{said}"
    );
    // All of them listed: nothing said.
    let out = kezek(d.path(), &["find", "а", "--limit", "1000"]);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn find_refuses_a_limit_of_zero() {
    // Found: `--limit 0` listed nobody and said both "nobody found" and "first 0 of 159".
    let d = demo_store("5");
    let out = kezek(d.path(), &["--lang", "en", "find", "а", "--limit", "0"]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(said.contains("--limit"), "{said}");
    assert!(!said.contains("first 0"), "{said}");
    let out = kezek(d.path(), &["find", "а", "--limit", "1", "--json"]);
    assert_eq!(json_lines(&out).len(), 1);
    // Three characters of a document: nobody, and why.
    let out = kezek(d.path(), &["--lang", "en", "find", "AN1"]);
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(
        said.contains("A document is found by its first 4 characters"),
        "{said}"
    );
}

#[test]
fn find_shows_a_corrected_person_as_they_are_now() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = crate::common::open_store(&dir.path().join("store"));
        let ev = store
            .create_event(crate::common::event_fields("Москва"), "Айбек")
            .unwrap();
        let fields = crate::common::person_fields("Асанов", "Бакыт");
        let e = store
            .add_arrival(
                crate::common::arrival(
                    ev.meta.id,
                    kezek::domain::PersonPick::New(fields.clone()),
                    "wages",
                ),
                "Айбек",
            )
            .unwrap();
        let corrected = kezek::domain::PersonFields {
            surname: "Асаналиев".into(),
            phone: Some("+996700111222".into()),
            ..fields
        };
        store
            .update_person(e.visit.person, corrected, "Жылдыз")
            .unwrap()
            .unwrap();
    }
    let now = json_lines(&kezek(dir.path(), &["find", "Асаналиев", "--json"]));
    assert_eq!(now.len(), 1);
    assert_eq!(now[0]["surname"], "Асаналиев");
    assert_eq!(now[0]["phone"], "+996700111222");
    let old = json_lines(&kezek(dir.path(), &["find", "Асанов", "--json"]));
    assert!(old.is_empty(), "the old name finds nobody: {old:?}");
}
