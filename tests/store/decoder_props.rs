//! Random bytes into the readers that face damaged or foreign input (the proptest twins of
//! the cargo-fuzz targets in fuzz/): the journal reader, the codec's decoder and the CSV
//! import never panic, and a dry-run import writes nothing.

use kezek::store::journal::{self, HEADER_LEN, Tail, scan_bytes};
use kezek::store::{Op, Store, StoreOptions, codec};
use proptest::prelude::*;

fn frames_of(payloads: &[Vec<u8>]) -> Vec<u8> {
    payloads
        .iter()
        .flat_map(|p| journal::encode_frame(p))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..crate::common::props() })]

    #[test]
    fn the_journal_reader_takes_any_bytes(data in proptest::collection::vec(any::<u8>(), 0..2048), protect in 0u64..4096) {
        let s = scan_bytes(&data, HEADER_LEN, 0, HEADER_LEN + protect, true);
        let end = HEADER_LEN + data.len() as u64;
        let mut last = HEADER_LEN;
        for f in &s.frames {
            prop_assert!(f.start >= last && f.end > f.start && f.end <= end);
            last = f.end;
        }
        if let Tail::Torn { at } | Tail::Damaged { at, .. } = s.tail {
            prop_assert!(at >= s.end && at <= end);
        }
    }

    #[test]
    fn intact_frames_with_one_flipped_byte_are_never_a_silent_cut(
        payloads in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 1..64), 3..12),
        which in any::<prop::sample::Index>(),
        bit in 0u8..8,
    ) {
        let bytes = frames_of(&payloads);
        let i = which.index(bytes.len());
        let mut bad = bytes.clone();
        bad[i] ^= 1 << bit;
        // Everything was applied by the view: a flipped byte anywhere is damage, never a
        // tail to cut.
        let s = scan_bytes(&bad, HEADER_LEN, 0, HEADER_LEN + bytes.len() as u64, true);
        prop_assert!(matches!(s.tail, Tail::Damaged { .. }), "{:?}", s.tail);
    }

    #[test]
    fn the_decoder_takes_any_bytes(data in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = codec::decode::<Op>(&data);
        let mut versioned = vec![codec::FORMAT_VERSION];
        versioned.extend_from_slice(&data);
        if let Ok(op) = codec::decode::<Op>(&versioned) {
            let again = codec::encode(&op).unwrap();
            prop_assert_eq!(codec::decode::<Op>(&again).unwrap(), op);
        }
    }
}

#[test]
fn the_csv_import_takes_any_bytes_and_a_dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path(), &StoreOptions::default()).unwrap();
    let header = "event_date,event_city,surname,given_name,birth_date,waited_min\n";
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(300));
    let strategy = (
        proptest::collection::vec(any::<u8>(), 0..400),
        any::<bool>(),
    );
    runner
        .run(&strategy, |(data, with_header)| {
            let mut bytes = if with_header {
                header.as_bytes().to_vec()
            } else {
                Vec::new()
            };
            bytes.extend_from_slice(&data);
            let _ =
                kezek::bulk::import::import_csv(&store, &bytes, true, 180, "t", &mut |_, _| true);
            prop_assert_eq!(store.counts().unwrap().persons, 0);
            Ok(())
        })
        .unwrap();
}
