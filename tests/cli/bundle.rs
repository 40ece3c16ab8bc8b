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
