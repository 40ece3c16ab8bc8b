//! A whole export lists every person of the store, and an import onto a full disk says
//! that nothing was imported.

use super::export_import::{figures, read_csv, setup};
use crate::common::cli::{ok, output_in as kezek};
use std::path::Path;

/// The folder `to` as `from` with every row of `person` left out of the tables that
/// refer to persons (persons.csv keeps them).
fn without_rows_of(from: &Path, to: &Path, person: &str) {
    std::fs::create_dir_all(to).unwrap();
    for table in [
        "persons",
        "visits",
        "consultations",
        "appeals",
        "appeal_members",
    ] {
        let (head, rows) = read_csv(&from.join(format!("{table}.csv")), b',');
        let at = head.iter().position(|h| h == "person_id");
        let mut w = csv::Writer::from_path(to.join(format!("{table}.csv"))).unwrap();
        w.write_record(&head).unwrap();
        for row in rows {
            if table != "persons" && at.is_some_and(|i| row[i] == person) {
                continue;
            }
            w.write_record(&row).unwrap();
        }
        w.flush().unwrap();
    }
}

/// The rows of persons.csv in `folder`, sorted.
fn person_rows(folder: &Path) -> Vec<Vec<String>> {
    let mut rows = read_csv(&folder.join("persons.csv"), b',').1;
    rows.sort();
    rows
}

#[test]
fn a_whole_export_lists_persons_without_visits_and_imports_them_back() {
    let d = setup();
    let p = d.path();
    let export = |store: &str, folder: &str| {
        let out = p.join(folder);
        ok(kezek(
            p,
            store,
            &["export", "--format", "csv", "-o", out.to_str().unwrap()],
        ));
        out
    };
    let first = export("a", "first");
    let (_, persons) = read_csv(&first.join("persons.csv"), b',');
    let alone = persons[0][0].clone();
    // Store b: every person of a, one of them with no visit, consultation or membership.
    let cut = p.join("cut");
    without_rows_of(&first, &cut, &alone);
    ok(kezek(p, "b", &["import", "--csv", cut.to_str().unwrap()]));
    let of_b = export("b", "of-b");
    let rows = person_rows(&of_b);
    assert_eq!(rows.len(), persons.len(), "every person of the store");
    assert!(
        rows.iter().any(|r| r[0] == alone),
        "the person without visits is listed"
    );
    let (_, visits) = read_csv(&of_b.join("visits.csv"), b',');
    let col = read_csv(&of_b.join("visits.csv"), b',')
        .0
        .iter()
        .position(|h| h == "person_id")
        .unwrap();
    assert!(visits.iter().all(|v| v[col] != alone), "and has no visit");
    // Round trip: the export of b imported into c exports the same persons.
    ok(kezek(p, "c", &["import", "--csv", of_b.to_str().unwrap()]));
    assert_eq!(person_rows(&export("c", "of-c")), rows);
    // A period's export still lists only the persons of its rows.
    let period = p.join("period.csv");
    let args = [
        "export",
        "--format",
        "csv",
        "--table",
        "persons",
        "--from",
        "1900-01-01",
        "--to",
        "2100-12-31",
        "-o",
        period.to_str().unwrap(),
    ];
    ok(kezek(p, "b", &args));
    let (_, in_period) = read_csv(&period, b',');
    // (the demo registers some persons who never came: planted duplicates among them)
    assert!(in_period.len() < persons.len(), "{}", in_period.len());
    assert!(in_period.iter().all(|r| r[0] != alone));
}

/// An import onto a disk too full for it says that nothing was imported, and the store is
/// as it was; with room again the same folder imports whole.
#[test]
fn an_import_onto_a_full_disk_says_nothing_was_imported() {
    use crate::common::disk::{Tmpfs, free_bytes};
    let d = setup();
    let p = d.path();
    let folder = p.join("all");
    ok(kezek(
        p,
        "a",
        &["export", "--format", "csv", "-o", folder.to_str().unwrap()],
    ));
    let small = tempfile::tempdir().unwrap();
    let Some(_mount) = Tmpfs::mount(small.path(), "16m") else {
        return;
    };
    let b = small.path().join("b");
    let f = folder.to_str().unwrap();
    let dry = ok(crate::common::cli::output(
        &b,
        &["import", "--csv", f, "--dry-run"],
    ));
    assert!(dry.contains("would create 3 events"), "{dry}");
    let filler = small.path().join("filler");
    {
        use std::io::Write;
        let free = free_bytes(small.path());
        let mut file = std::fs::File::create(&filler).unwrap();
        file.write_all(&vec![0u8; (free - (64 << 10)) as usize])
            .unwrap();
        file.sync_all().unwrap();
    }
    let out = crate::common::cli::output(&b, &["import", "--csv", f]);
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "{said}");
    assert!(said.contains("nothing was imported"), "{said}");
    assert!(said.contains("No space left"), "{said}");
    std::fs::remove_file(&filler).unwrap();
    assert_eq!(
        figures(small.path(), "b")["visits"]["total"],
        0,
        "nothing of it"
    );
    let out = ok(crate::common::cli::output(&b, &["import", "--csv", f]));
    assert!(out.contains("created 3 events"), "{out}");
    assert_eq!(figures(p, "a"), figures(small.path(), "b"));
}
