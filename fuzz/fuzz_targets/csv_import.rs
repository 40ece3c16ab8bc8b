//! The CSV import (parser and row checks) on any bytes, as a dry run against one store:
//! never a panic, and a dry run writes nothing.
#![no_main]
use std::sync::OnceLock;

use kezek::store::{Store, StoreOptions};
use libfuzzer_sys::fuzz_target;

fn store() -> &'static Store {
    static STORE: OnceLock<(tempfile::TempDir, Store)> = OnceLock::new();
    &STORE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("a temp dir");
            let (store, _) = Store::open(dir.path(), &StoreOptions::default()).expect("a store");
            (dir, store)
        })
        .1
}

fuzz_target!(|data: &[u8]| {
    let s = store();
    let _ = kezek::bulk::import::import_csv(s, data, true, 180, "fuzz", &mut |_, _| true);
    assert_eq!(s.counts().persons, 0, "a dry run writes nothing");
});
