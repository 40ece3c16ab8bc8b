//! The bundle reader on any bytes, as they are and re-framed with valid checksums (so the
//! fuzzer gets past them to the head and the ops), then previewed against a store: never
//! a panic, and nothing is written by a dry run.
#![no_main]
use std::path::Path;
use std::sync::OnceLock;

use kezek::store::bundle::format;
use kezek::store::{Store, StoreOptions, journal};
use libfuzzer_sys::fuzz_target;

struct Desk {
    _dir: tempfile::TempDir,
    store: Store,
    file: std::path::PathBuf,
}

fn desk() -> &'static Desk {
    static DESK: OnceLock<Desk> = OnceLock::new();
    DESK.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (store, _) = Store::open(&dir.path().join("s"), &StoreOptions::default())
            .expect("a new store");
        let file = dir.path().join("f.kzbundle");
        Desk { _dir: dir, store, file }
    })
}

fuzz_target!(|data: &[u8]| {
    let _ = format::parse(Path::new("f"), data);
    // The same bytes as a head and ops: [head length u16][head][op]...[op], each op
    // [length u16][payload], framed and checksummed as a bundle writer would.
    let Some((&[a, b], rest)) = data.split_first_chunk::<2>().map(|(h, r)| (h, r)) else {
        return;
    };
    let n = usize::from(u16::from_le_bytes([a, b])).min(rest.len());
    let (head, mut ops) = rest.split_at(n);
    let mut bytes = format::BUNDLE_MAGIC.to_vec();
    bytes.extend_from_slice(&format::BUNDLE_VERSION.to_le_bytes());
    bytes.extend_from_slice(&journal::encode_frame(head));
    while let Some((&[a, b], rest)) = ops.split_first_chunk::<2>().map(|(h, r)| (h, r)) {
        let n = usize::from(u16::from_le_bytes([a, b])).min(rest.len());
        bytes.extend_from_slice(&journal::encode_frame(&rest[..n]));
        ops = &rest[n..];
    }
    let crc = crc32fast::hash(&bytes);
    bytes.extend_from_slice(&crc.to_le_bytes());
    bytes.extend_from_slice(format::BUNDLE_END);
    if format::parse(Path::new("f"), &bytes).is_ok() {
        let d = desk();
        if std::fs::write(&d.file, &bytes).is_ok() {
            let before = d.store.journal_extent().1;
            let _ = d.store.merge_bundles(&d.file, true);
            assert_eq!(d.store.journal_extent().1, before, "a dry run writes nothing");
        }
    }
});
