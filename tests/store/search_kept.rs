//! The person search kept between runs (`search.kzx`): read instead of built when it is the
//! view's, built again (and nothing lost) when it is stale, damaged or another store's.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use crate::common::open_store as open;
use crate::common::*;
use kezek::domain::{Id, PersonPick};
use kezek::store::{SEARCH_FILE, Store};

fn found(store: &Store, query: &str) -> Vec<Id> {
    store
        .find_persons(query, 50)
        .unwrap()
        .into_iter()
        .map(|(p, _)| p.meta.id)
        .collect()
}

/// The kept file's inode: a file written again (through a new temporary file and a
/// rename) has another, one only read keeps it.
fn inode(dir: &Path) -> u64 {
    std::fs::metadata(dir.join(SEARCH_FILE)).unwrap().ino()
}

fn kept_store(dir: &Path) -> Vec<Id> {
    let store = open(dir);
    arrivals(&store, 30, "x");
    let ids = found(&store, "Асанов");
    assert_eq!(ids.len(), 30);
    ids
}

#[test]
fn the_search_is_kept_at_close_private_and_read_at_the_next_open() {
    let dir = tempdir();
    let ids = kept_store(dir.path());
    let path = dir.path().join(SEARCH_FILE);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "it holds names: private as every other file");
    let first = inode(dir.path());
    {
        let store = open(dir.path());
        assert_eq!(
            found(&store, "Асанов"),
            ids,
            "the same persons, in the same order"
        );
        assert_eq!(
            found(&store, "Asanov Bakyt").len(),
            30,
            "in the other script too"
        );
    }
    assert_eq!(
        inode(dir.path()),
        first,
        "read, not built: nothing changed, so nothing was written at close"
    );
}

#[test]
fn persons_saved_by_a_run_that_never_searched_are_found_next_time() {
    let dir = tempdir();
    kept_store(dir.path());
    let newcomer = {
        let store = open(dir.path());
        let ev = store.create_event(event_fields("Казань"), "x").unwrap();
        store
            .add_arrival(
                arrival(
                    ev.meta.id,
                    PersonPick::New(person_fields("Токтогулов", "Нурлан")),
                    "wages",
                ),
                "x",
            )
            .unwrap()
            .visit
            .person
    };
    let store = open(dir.path());
    assert_eq!(
        found(&store, "Токтогулов"),
        [newcomer],
        "the kept file was of an older view: the index was built again"
    );
    assert_eq!(found(&store, "Асанов").len(), 30);
}

#[test]
fn an_edit_made_with_the_search_open_is_kept_with_it() {
    let dir = tempdir();
    let ids = kept_store(dir.path());
    let before = inode(dir.path());
    {
        let store = open(dir.path());
        assert_eq!(found(&store, "Асанов").len(), 30);
        let p = store.person(ids[0]).unwrap().unwrap();
        let mut f = p.fields.clone();
        f.surname = "Бейшеналиев".into();
        store.update_person(p.meta.id, f, "x").unwrap();
    }
    assert_ne!(
        inode(dir.path()),
        before,
        "changed in that run: written again"
    );
    let store = open(dir.path());
    assert_eq!(found(&store, "Бейшеналиев"), [ids[0]]);
    assert_eq!(found(&store, "Асанов").len(), 29);
}

#[test]
fn a_damaged_stale_or_foreign_kept_search_is_never_used() {
    let dir = tempdir();
    let ids = kept_store(dir.path());
    let path = dir.path().join(SEARCH_FILE);
    let good = std::fs::read(&path).unwrap();
    let other = tempdir();
    {
        let store = open(other.path());
        arrivals(&store, 3, "y");
        assert_eq!(found(&store, "Асанов").len(), 3);
    }
    let foreign = std::fs::read(other.path().join(SEARCH_FILE)).unwrap();
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    let mut wrong_len = good.clone();
    let n = wrong_len.len();
    wrong_len[n - 12] ^= 1;
    let damaged: Vec<(&str, Vec<u8>)> = vec![
        ("a flipped byte", flipped),
        ("cut short", good[..good.len() / 3].to_vec()),
        ("a wrong length", wrong_len),
        ("empty", Vec::new()),
        ("garbage", vec![0xA5; 4096]),
        ("another store's", foreign),
    ];
    for (what, bytes) in damaged {
        std::fs::write(&path, &bytes).unwrap();
        let store = open(dir.path());
        assert_eq!(
            found(&store, "Асанов"),
            ids,
            "{what}: built again, every person found"
        );
        drop(store);
        assert_eq!(
            std::fs::read(&path).unwrap(),
            good,
            "{what}: replaced by the index of this view"
        );
    }
}

#[test]
fn a_run_that_saved_no_person_stamps_the_kept_search_again() {
    let dir = tempdir();
    kept_store(dir.path());
    let before = inode(dir.path());
    {
        let store = open(dir.path());
        assert_eq!(found(&store, "Асанов").len(), 30);
        // Not a person: the index itself is unchanged.
        store.create_event(event_fields("Ош"), "x").unwrap();
    }
    let restamped = inode(dir.path());
    assert_ne!(
        restamped, before,
        "the view moved on: the index is stamped again"
    );
    {
        let store = open(dir.path());
        assert_eq!(found(&store, "Асанов").len(), 30);
    }
    assert_eq!(
        inode(dir.path()),
        restamped,
        "and read by the next run, which changed nothing"
    );
}

#[test]
fn two_copies_given_changes_of_the_same_size_do_not_share_their_kept_search() {
    let dir = tempdir();
    kept_store(dir.path());
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for (copy, surname) in [(&a, "Эркинбаев"), (&b, "Квазимоде")] {
        std::fs::create_dir(copy).unwrap();
        for name in ["journal.kzj", "desk-id", SEARCH_FILE] {
            std::fs::copy(dir.path().join(name), copy.join(name)).unwrap();
        }
        let src = dir.path().join(kezek::store::SLED_DIR);
        let dst = copy.join(kezek::store::SLED_DIR);
        std::fs::create_dir(&dst).unwrap();
        for e in std::fs::read_dir(&src).unwrap().flatten() {
            if e.file_type().unwrap().is_file() {
                std::fs::copy(e.path(), dst.join(e.file_name())).unwrap();
            } else {
                std::fs::create_dir(dst.join(e.file_name())).unwrap();
            }
        }
        // The same clock readings in both (the test clock): same offsets, same clocks.
        let store = open(copy);
        assert_eq!(found(&store, "Асанов").len(), 30);
        let ev = store.create_event(event_fields("Бишкек"), "x").unwrap();
        store
            .add_arrival(
                arrival(
                    ev.meta.id,
                    PersonPick::New(person_fields(surname, "Улан")),
                    "wages",
                ),
                "x",
            )
            .unwrap();
    }
    std::fs::copy(b.join(SEARCH_FILE), a.join(SEARCH_FILE)).unwrap();
    let store = open(&a);
    assert_eq!(
        found(&store, "Эркинбаев Улан").len(),
        1,
        "this store's own person"
    );
    assert!(
        found(&store, "Квазимоде").is_empty(),
        "not the other copy's"
    );
}

#[test]
fn a_fifo_in_the_place_of_the_kept_search_does_not_hang_the_search() {
    let dir = tempdir();
    let ids = kept_store(dir.path());
    let path = dir.path().join(SEARCH_FILE);
    std::fs::remove_file(&path).unwrap();
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let (tx, rx) = std::sync::mpsc::channel();
    let d = dir.path().to_path_buf();
    std::thread::spawn(move || {
        let store = open(&d);
        let _ = tx.send(found(&store, "Асанов"));
    });
    let got = rx
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("the search answers instead of waiting on the FIFO");
    assert_eq!(got, ids);
}
