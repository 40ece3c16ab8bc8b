//! `kezek bundle` as a shell runs it: what it refuses changes nothing and makes nothing.

use crate::common::cli::*;
use crate::common::tempdir;

#[test]
fn a_bad_bundle_makes_no_store_and_a_bad_desk_id_is_refused() {
    let dir = tempdir();
    let junk = dir.path().join("junk.kzbundle");
    std::fs::write(&junk, b"KZBUNDLE\x01\0\0\0 not really").unwrap();
    let nowhere = dir.path().join("mistyped");
    for args in [
        vec!["bundle", "import", junk.to_str().unwrap()],
        vec!["bundle", "import", "--dry-run", junk.to_str().unwrap()],
    ] {
        let (ok, said) = run(&nowhere, &args);
        assert!(!ok && said.contains("junk.kzbundle"), "{said}");
        assert!(!nowhere.exists(), "{args:?} made a store: {said}");
    }
    let store = dir.path().join("s");
    ok(output(
        &store,
        &["demo", "--persons", "20", "--events", "1"],
    ));
    for bad in ["123", "0000000000000000x", "+c229397a43304bcd", "стол"] {
        let (ok, said) = run(
            &store,
            &["bundle", "export", "--for", bad, "-o", "/tmp/x.kzbundle"],
        );
        assert!(!ok && said.contains("not a desk id"), "{bad}: {said}");
    }
    let (ok_, said) = run(
        &store,
        &[
            "bundle",
            "export",
            "-o",
            store.join("journal.kzj").to_str().unwrap(),
        ],
    );
    assert!(!ok_ && said.contains("inside the data directory"), "{said}");
    let check = ok(output(&store, &["check"]));
    assert!(check.contains("index: consistent"), "{check}");
}

#[test]
fn the_import_says_what_it_merged_in_russian() {
    let dir = tempdir();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    ok(output(
        &a,
        &["demo", "--persons", "30", "--events", "1", "--seed", "3"],
    ));
    ok(output(
        &b,
        &["demo", "--persons", "20", "--events", "1", "--seed", "4"],
    ));
    let file = dir.path().join("a.kzbundle");
    ok(output(
        &a,
        &["bundle", "export", "-o", file.to_str().unwrap()],
    ));
    let said = ok(output(
        &b,
        &["--lang", "ru", "bundle", "import", file.to_str().unwrap()],
    ));
    assert!(said.contains("лица: новых 30, изменённых 0"), "{said}");
    assert!(
        said.contains("объединено с этим хранилищем одним пакетом"),
        "{said}"
    );
    let again = ok(output(
        &b,
        &["--lang", "ru", "bundle", "import", file.to_str().unwrap()],
    ));
    assert!(again.contains("ничего нового"), "{again}");
}

#[test]
fn conflicts_are_listed_and_an_id_not_in_conflict_is_refused() {
    let dir = tempdir();
    let store = dir.path().join("s");
    ok(output(
        &store,
        &["demo", "--persons", "20", "--events", "1"],
    ));
    let said = ok(output(&store, &["bundle", "conflicts"]));
    assert!(said.contains("no conflicts"), "{said}");
    let (ok_, said) = run(
        &store,
        &[
            "bundle",
            "resolve",
            "01JD3Y2M0000000000000000AB",
            "--keep",
            "other",
        ],
    );
    assert!(!ok_ && said.contains("is not in conflict"), "{said}");
    let (ok_, said) = run(
        &store,
        &["bundle", "resolve", "nonsense", "--keep", "shown"],
    );
    assert!(!ok_ && said.contains("not a record id"), "{said}");
}

/// A config file in `dir` for a desk of `org` with `letter` and `name`.
fn desk_config(
    dir: &std::path::Path,
    file: &str,
    org: &str,
    letter: &str,
    name: &str,
) -> std::path::PathBuf {
    let p = dir.join(file);
    let text =
        format!("organisation = \"{org}\"\ndesk_letter = \"{letter}\"\ndesk_name = \"{name}\"\n");
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn desks_are_named_with_their_organisation_and_letter_and_their_visits_keep_it() {
    let dir = tempdir();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let ca = desk_config(dir.path(), "a.toml", "kg-emb-msk", "A", "Desk 1");
    let cb = desk_config(dir.path(), "b.toml", "KG-EMB-MSK", "B", "Desk 2");
    let demo = ["demo", "--persons", "5", "--events", "1", "--seed", "3"];
    assert!(run_with(&ca, &a, &demo).0);
    let file = dir.path().join("a.kzbundle");
    let (ok_, said, _) = run_with(&ca, &a, &["bundle", "export", "-o", file.to_str().unwrap()]);
    let desk_a = std::fs::read_to_string(a.join("desk-id"))
        .unwrap()
        .trim()
        .to_string();
    assert!(
        ok_ && said.contains(&format!("desk KG-EMB-MSK:{desk_a} (")),
        "{said}"
    );
    let (ok_, said, _) = run_with(&cb, &b, &["bundle", "import", file.to_str().unwrap()]);
    assert!(
        ok_ && said.contains(&format!("KG-EMB-MSK:{desk_a}")),
        "{said}"
    );
    let desk_b = std::fs::read_to_string(b.join("desk-id"))
        .unwrap()
        .trim()
        .to_string();
    let (ok_, said, _) = run_with(&cb, &b, &["bundle", "desks"]);
    assert!(ok_, "{said}");
    assert!(
        said.contains(&format!(
            "this desk: KG-EMB-MSK:{desk_b} (Desk 2, letter B)"
        )),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "desk KG-EMB-MSK:{desk_a} (Desk 1, letter A): records up to"
        )),
        "{said}"
    );
    // A bundle "for" this desk itself is refused, by its bare id or its label.
    for me in [desk_b.clone(), format!("KG-EMB-MSK:{desk_b}")] {
        let out = dir.path().join("me.kzbundle");
        let (ok_, said, _) = run_with(
            &cb,
            &b,
            &[
                "bundle",
                "export",
                "--for",
                &me,
                "-o",
                out.to_str().unwrap(),
            ],
        );
        assert!(!ok_ && said.contains("is this desk"), "{me}: {said}");
        assert!(!out.exists());
    }
    // Desk A's visit on desk B's slip carries A's letter.
    let visits = dir.path().join("visits.csv");
    let args = [
        "export",
        "--format",
        "csv",
        "--table",
        "visits",
        "-o",
        visits.to_str().unwrap(),
    ];
    assert!(run_with(&cb, &b, &args).0);
    let text = std::fs::read_to_string(&visits).unwrap();
    let head: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let col = |name: &str| {
        head.iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
            .unwrap()
    };
    let row: Vec<&str> = text.lines().nth(1).unwrap().split(',').collect();
    let id = row[col("visit_id")];
    let no: u32 = row[col("queue_no")].parse().unwrap();
    let (ok_, slip, _) = run_with(&cb, &b, &["slip", id]);
    assert!(ok_, "{slip}");
    assert!(slip.contains(&format!("A-{no:03}")), "{no}: {slip}");
}

#[test]
fn refusals_of_bundles_are_in_the_desks_language() {
    let dir = tempdir();
    let store = dir.path().join("s");
    ok(output(&store, &["demo", "--persons", "5", "--events", "1"]));
    let junk = dir.path().join("junk.kzbundle");
    std::fs::write(&junk, b"surname,given_name\n").unwrap();
    let cut = dir.path().join("cut.kzbundle");
    let good = dir.path().join("good.kzbundle");
    ok(output(
        &store,
        &["bundle", "export", "-o", good.to_str().unwrap()],
    ));
    let bytes = std::fs::read(&good).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() - 3]).unwrap();
    let cases: [(&str, &str, &str, &str); 3] = [
        (
            "en",
            "is not a kezek bundle",
            "is damaged or incomplete (cut short)",
            "is not a desk id",
        ),
        (
            "ru",
            "не пакет kezek",
            "повреждён или неполон (обрывается)",
            "не id стола",
        ),
        (
            "ky",
            "kezek пакети эмес",
            "бузулган же толук эмес (аягына чейин жетпейт)",
            "үстөлдүн id'си эмес",
        ),
    ];
    for (lang, not_one, damaged, bad_desk) in cases {
        let (ok_, said) = run(
            &store,
            &["--lang", lang, "bundle", "import", junk.to_str().unwrap()],
        );
        assert!(
            !ok_ && said.contains(not_one) && said.contains("junk.kzbundle"),
            "{lang}: {said}"
        );
        let (ok_, said) = run(
            &store,
            &["--lang", lang, "bundle", "import", cut.to_str().unwrap()],
        );
        assert!(!ok_ && said.contains(damaged), "{lang}: {said}");
        let out = dir.path().join("x.kzbundle");
        let args = [
            "--lang",
            lang,
            "bundle",
            "export",
            "--for",
            "стол",
            "-o",
            out.to_str().unwrap(),
        ];
        let (ok_, said) = run(&store, &args);
        assert!(!ok_ && said.contains(bad_desk), "{lang}: {said}");
    }
}

#[test]
fn conflicts_also_lists_clock_suspect_records_and_resolve_marks_one_looked_at() {
    use crate::common::{arrival, event_fields, open_store, person_fields};
    let dir = tempdir();
    let file = dir.path().join("f.kzbundle");
    // Desk F's laptop is two years ahead.
    let person = {
        let mut f = open_store(&dir.path().join("f"));
        let ahead = chrono::Utc::now() + chrono::Duration::days(730);
        f.set_clock(move || ahead);
        let ev = f.create_event(event_fields("Казань"), "o").unwrap().meta.id;
        let p = kezek::domain::PersonPick::New(person_fields("Бакиев", "Марат"));
        let v = f.add_arrival(arrival(ev, p, "patent"), "o").unwrap().visit;
        kezek::store::bundle::write_bundle(f.dir(), &file, None, 3_600_000).unwrap();
        v.person.to_string()
    };
    let store = dir.path().join("a");
    ok(output(
        &store,
        &["bundle", "import", file.to_str().unwrap()],
    ));
    let said = ok(output(&store, &["bundle", "conflicts"]));
    assert!(said.contains("no conflicts"), "{said}");
    assert!(
        said.contains("ahead of this desk's clock: 1") && said.contains(&person),
        "the person is listed as clock-suspect: {said}"
    );
    assert!(said.contains("Бакиев Марат"), "{said}");
    let said = ok(output(
        &store,
        &["bundle", "resolve", &person, "--keep", "shown"],
    ));
    assert!(said.contains("marked looked at"), "{said}");
    let said = ok(output(&store, &["bundle", "conflicts"]));
    assert!(
        !said.contains(&person),
        "looked at, not listed again: {said}"
    );
}

#[test]
fn keeping_the_other_of_three_desks_values_is_refused_as_ambiguous() {
    use crate::common::{arrival, event_fields, open_store, person_fields};
    let dir = tempdir();
    let person = {
        let desks: Vec<_> = ["a", "b", "c"]
            .iter()
            .map(|n| open_store(&dir.path().join(n)))
            .collect();
        let ev = desks[0]
            .create_event(event_fields("Москва"), "o")
            .unwrap()
            .meta
            .id;
        let p = kezek::domain::PersonPick::New(person_fields("Асанов", "Бакыт"));
        let v = desks[0]
            .add_arrival(arrival(ev, p, "wages"), "o")
            .unwrap()
            .visit;
        let mut n = 0;
        let mut send = |from: &kezek::store::Store, to: &kezek::store::Store| {
            n += 1;
            let file = dir.path().join(format!("{n}.kzbundle"));
            kezek::store::bundle::write_bundle(from.dir(), &file, None, 3_600_000).unwrap();
            to.merge_bundles(&file, false).unwrap();
        };
        send(&desks[0], &desks[1]);
        send(&desks[0], &desks[2]);
        for (d, city) in desks.iter().zip(["Бишкек", "Ош", "Талас"]) {
            let mut f = d.person(v.person).unwrap().unwrap().fields;
            f.city = city.into();
            d.update_person(v.person, f, "o").unwrap().unwrap();
        }
        send(&desks[0], &desks[1]);
        send(&desks[2], &desks[1]);
        v.person.to_string()
    };
    let b = dir.path().join("b");
    let (done, said) = run(&b, &["bundle", "resolve", &person, "--keep", "other"]);
    assert!(!done && said.contains("has 3 versions"), "{said}");
    let listed = ok(output(&b, &["bundle", "conflicts"]));
    assert!(listed.contains("conflicts: 2"), "nothing settled: {listed}");
    let said = ok(output(
        &b,
        &["bundle", "resolve", &person, "--keep", "shown"],
    ));
    assert!(said.contains("settled"), "{said}");
}

#[test]
fn two_desks_correcting_different_fields_list_only_the_field_both_corrected() {
    use crate::common::{arrival, event_fields, open_store, person_fields};
    let dir = tempdir();
    {
        let a = open_store(&dir.path().join("a"));
        let b = open_store(&dir.path().join("b"));
        let ev = a.create_event(event_fields("Москва"), "o").unwrap().meta.id;
        let p = kezek::domain::PersonPick::New(person_fields("Асанов", "Бакыт"));
        let v = a.add_arrival(arrival(ev, p, "wages"), "o").unwrap().visit;
        let send = |from: &kezek::store::Store, to: &kezek::store::Store, n: u8| {
            let file = dir.path().join(format!("{n}.kzbundle"));
            kezek::store::bundle::write_bundle(from.dir(), &file, None, 3_600_000).unwrap();
            to.merge_bundles(&file, false).unwrap();
        };
        send(&a, &b, 1);
        let mut f = a.person(v.person).unwrap().unwrap().fields;
        f.city = "Бишкек".into();
        f.surname = "Асаналиев".into();
        a.update_person(v.person, f, "o").unwrap().unwrap();
        let mut f = b.person(v.person).unwrap().unwrap().fields;
        f.phone = Some("+996700123456".into());
        f.surname = "Асанбеков".into();
        b.update_person(v.person, f, "o").unwrap().unwrap();
        send(&a, &b, 2);
    }
    let b = dir.path().join("b");
    let listed = ok(output(&b, &["bundle", "conflicts"]));
    assert!(listed.contains("conflicts: 1"), "{listed}");
    assert!(
        listed.contains("Асаналиев") && listed.contains("Асанбеков"),
        "both surnames: {listed}"
    );
    assert!(
        !listed.contains("Бишкек") && !listed.contains("+996700123456"),
        "the city and the phone are merged, not listed: {listed}"
    );
    let card = ok(output(&b, &["find", "Асан"]));
    assert!(
        card.contains("Асаналиев Бакыт") && card.contains("+996700123456"),
        "found with the surname shown and the other desk's phone: {card}"
    );
}
