//! Compacting the view (`store::compact`): the same records in less space, and a compaction
//! stopped at any step completed or undone at the next open, never losing the view.

use std::path::Path;

use crate::common::*;
use kezek::store::compact::{compact_view, disk_bytes, marker_for};
use kezek::store::{SLED_DIR, Store, StoreError, StoreOptions};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Everything a user sees of the store, to compare two views.
fn contents(dir: &Path) -> String {
    let (store, _) = Store::open(dir, &StoreOptions::default()).unwrap();
    let r = store.verify().unwrap();
    assert!(r.is_consistent(), "{r:?}");
    let mut out = format!("{:?}\n", r.counts);
    for v in store.visits().unwrap() {
        out.push_str(&format!("{:?}\n", v));
    }
    for p in store.persons().unwrap() {
        out.push_str(&format!("{:?}\n", p));
    }
    for c in store.consultations().unwrap() {
        out.push_str(&format!("{:?}\n", c));
    }
    out
}

fn filled(dir: &Path) {
    let store = Store::open(dir, &StoreOptions::default()).unwrap().0;
    demo(&store, 150, 3, 11);
}

#[test]
fn compaction_keeps_every_record_in_less_space() {
    let dir = tempdir();
    let store_dir = dir.path().join("s");
    {
        // Big enough that sled's 512 KiB segments do not hide the difference.
        let store = Store::open(&store_dir, &StoreOptions::default()).unwrap().0;
        demo(&store, 1500, 4, 11);
    }
    let before = contents(&store_dir);
    let c = compact_view(&store_dir, &StoreOptions::default()).unwrap();
    assert!(c.entries > 1000, "{c:?}");
    assert!(c.bytes_after < c.bytes_before, "{c:?}");
    assert_eq!(c.bytes_after, disk_bytes(&store_dir.join(SLED_DIR)));
    assert_eq!(
        contents(&store_dir),
        before,
        "the same records, the same index"
    );
    let names: Vec<String> = std::fs::read_dir(&store_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("db"))
        .collect();
    assert_eq!(names, ["db"], "nothing left beside the view");
}

#[test]
fn a_store_in_use_is_not_compacted() {
    let dir = tempdir();
    let store_dir = dir.path().join("s");
    filled(&store_dir);
    let before = contents(&store_dir);
    let open = Store::open(&store_dir, &StoreOptions::default()).unwrap().0;
    let e = compact_view(&store_dir, &StoreOptions::default()).unwrap_err();
    assert!(matches!(e, StoreError::Locked { .. }), "{e}");
    drop(open);
    assert_eq!(contents(&store_dir), before);
}

#[test]
fn a_compaction_stopped_at_any_step_is_completed_or_undone() {
    let dir = tempdir();
    let clean = dir.path().join("clean");
    filled(&clean);
    let want = contents(&clean);
    // The steps a kill can stop at: an unfinished copy (no marker), then with the copy
    // verified: before the view is renamed, between the two renames, before the old view
    // and the marker are removed.
    let states: [(&str, &[&str], bool); 4] = [
        ("copy unfinished", &["db", "db.compact"], false),
        ("copy verified", &["db", "db.compact"], true),
        (
            "view renamed aside",
            &["db.before-compact", "db.compact"],
            true,
        ),
        ("copy in place", &["db", "db.before-compact"], true),
    ];
    for (what, dirs, marker) in states {
        let s = dir.path().join(what.replace(' ', "-"));
        copy_dir(&clean, &s);
        std::fs::remove_dir_all(s.join("db")).unwrap();
        for d in dirs {
            copy_dir(&clean.join("db"), &s.join(d));
        }
        if !marker {
            let seg = std::fs::read_dir(s.join("db.compact")).unwrap();
            for e in seg.flatten() {
                if e.file_name() == "db" {
                    let f = std::fs::OpenOptions::new()
                        .write(true)
                        .open(e.path())
                        .unwrap();
                    f.set_len(4096).unwrap();
                }
            }
        } else {
            let marker = marker_for(&clean.join("db")).unwrap();
            std::fs::write(s.join("db.compact-verified"), marker).unwrap();
        }
        assert_eq!(contents(&s), want, "{what}: every record there");
        let left: Vec<String> = std::fs::read_dir(&s)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("db"))
            .collect();
        assert_eq!(
            left,
            ["db"],
            "{what}: finished, nothing left beside the view"
        );
    }
}

fn db_names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("db"))
        .collect();
    v.sort();
    v
}

#[test]
fn a_marker_that_does_not_name_its_copy_never_replaces_the_view() {
    let dir = tempdir();
    let clean = dir.path().join("clean");
    filled(&clean);
    let want = contents(&clean);
    let other = dir.path().join("other");
    {
        let store = Store::open(&other, &StoreOptions::default()).unwrap().0;
        demo(&store, 20, 1, 3);
    }
    let cases: [(&str, Option<&Path>, Vec<u8>); 3] = [
        ("an empty copy and an empty marker", None, Vec::new()),
        (
            "another store's copy under this store's marker",
            Some(&other),
            marker_for(&clean.join("db")).unwrap(),
        ),
        (
            "a marker of garbage",
            Some(&clean),
            b"not a marker".to_vec(),
        ),
    ];
    for (what, copy_of, marker) in cases {
        let s = dir.path().join(what.replace(' ', "-").replace('\'', ""));
        copy_dir(&clean, &s);
        match copy_of {
            Some(from) => copy_dir(&from.join("db"), &s.join("db.compact")),
            None => std::fs::create_dir(s.join("db.compact")).unwrap(),
        }
        std::fs::write(s.join("db.compact-verified"), marker).unwrap();
        assert_eq!(
            contents(&s),
            want,
            "{what}: the view kept, every record there"
        );
        assert_eq!(db_names(&s), ["db"], "{what}: the copy and the marker go");
    }
}

#[test]
fn an_old_view_left_beside_stops_the_next_compaction_with_a_clear_message() {
    let dir = tempdir();
    let s = dir.path().join("s");
    filled(&s);
    let want = contents(&s);
    copy_dir(&s.join("db"), &s.join("db.before-compact"));
    let e = compact_view(&s, &StoreOptions::default()).unwrap_err();
    assert!(
        matches!(e, StoreError::NotCompacted { .. }) && e.to_string().contains("db.before-compact"),
        "{e}"
    );
    assert_eq!(contents(&s), want);
    assert_eq!(
        db_names(&s),
        ["db", "db.before-compact"],
        "nothing removed or added"
    );
}
