//! `Store::verify` finds every kind of wrong index entry, counted as a set difference: an
//! entry missing, one that should not be there, and one with a wrong value (both).

use std::path::Path;

use crate::common::*;
use kezek::store::{Store, StoreOptions, keys};

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

/// (missing, stale) of `verify` after `tamper` changed the index tree of a copy of `clean`.
fn counts_after(clean: &Path, tamper: impl FnOnce(&sled::Tree)) -> (usize, usize) {
    let dir = tempdir();
    let copy = dir.path().join("s");
    copy_dir(clean, &copy);
    {
        let db = sled::open(copy.join(kezek::store::SLED_DIR)).unwrap();
        let ix = db.open_tree("index").unwrap();
        tamper(&ix);
        db.flush().unwrap();
    }
    let (store, _) = Store::open(&copy, &StoreOptions::default()).unwrap();
    let r = store.verify().unwrap();
    (r.missing_index_keys, r.stale_index_keys)
}

fn first_with(ix: &sled::Tree, tag: u8, min_len: usize) -> (sled::IVec, sled::IVec) {
    ix.scan_prefix([tag])
        .map(Result::unwrap)
        .find(|(_, v)| v.len() >= min_len)
        .expect("the demo has such an entry")
}

#[test]
fn every_wrong_index_entry_is_counted() {
    let dir = tempdir();
    let clean = dir.path().join("clean");
    {
        let (store, _) = Store::open(&clean, &StoreOptions::default()).unwrap();
        demo(&store, 120, 2, 7);
        let r = store.verify().unwrap();
        assert!(r.is_consistent(), "{r:?}");
    }
    assert_eq!(counts_after(&clean, |_| {}), (0, 0), "a copy is consistent");
    let removed_key = counts_after(&clean, |ix| {
        let (k, _) = first_with(ix, keys::IX_CONS_BY_VISIT, 0);
        ix.remove(k).unwrap();
    });
    assert_eq!(removed_key, (1, 0), "a key missing");
    let stray = counts_after(&clean, |ix| {
        ix.insert([keys::IX_CONS_BY_VISIT, 0xFF, 0xFF], vec![])
            .unwrap();
    });
    assert_eq!(stray, (0, 1), "a key no record makes");
    let wrong_value = counts_after(&clean, |ix| {
        let (k, _) = first_with(ix, keys::IX_FOLLOW_UP, 1);
        ix.insert(k, b"someone else".to_vec()).unwrap();
    });
    assert_eq!(wrong_value, (1, 1), "a key with another value");
    for (what, change) in [
        ("a member left out", 0usize),
        ("members out of order", 1),
        ("a member twice", 2),
        ("a member of a bucket cut in half", 3),
    ] {
        let got = counts_after(&clean, |ix| {
            let (k, v) = first_with(ix, keys::IX_VISIT_BY_PERSON, 32);
            let mut members: Vec<&[u8]> = v.chunks(16).collect();
            let half = &v[..8];
            match change {
                0 => {
                    members.remove(0);
                }
                1 => members.swap(0, 1),
                2 => members.push(members[0]),
                _ => members.push(half),
            }
            ix.insert(k, members.concat()).unwrap();
        });
        assert_eq!(got, (1, 1), "{what}");
    }
    let bucket_gone = counts_after(&clean, |ix| {
        let (k, _) = first_with(ix, keys::IX_QUEUE, 0);
        ix.remove(k).unwrap();
    });
    assert_eq!(bucket_gone, (1, 0), "a whole bucket missing");
    for tag in [
        keys::IX_FACT_PERSON,
        keys::IX_FACT_VISIT,
        keys::IX_FACT_CONSULTATION,
    ] {
        let flipped = counts_after(&clean, |ix| {
            let (k, v) = first_with(ix, tag, 8);
            let mut v = v.to_vec();
            let at = v.len() - 2;
            v[at] ^= 0x01;
            ix.insert(k, v).unwrap();
        });
        assert_eq!(
            flipped,
            (1, 1),
            "report facts with a wrong byte (tag {tag:#x})"
        );
        let gone = counts_after(&clean, |ix| {
            let (k, _) = first_with(ix, tag, 0);
            ix.remove(k).unwrap();
        });
        assert_eq!(
            gone,
            (1, 0),
            "a bucket of report facts missing (tag {tag:#x})"
        );
    }
}
