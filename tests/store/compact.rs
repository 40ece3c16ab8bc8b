//! Compacting the view (`store::compact`): the same records in less space, and a compaction
//! stopped at any step completed or undone at the next open, never losing the view.

use std::path::Path;

use crate::common::*;
use kezek::store::compact::{compact_view, disk_bytes};
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
    filled(&store_dir);
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
            std::fs::write(s.join("db.compact-verified"), b"").unwrap();
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
