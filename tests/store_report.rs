//! The figures streamed from the store equal the figures of the same records held in
//! memory, for everything, a date range and one event.

use kezek::demo::{DemoOptions, generate};
use kezek::domain::report::{Period, Tally};
use kezek::store::{Store, StoreOptions};

#[test]
fn streamed_tally_equals_the_in_memory_one() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path(), &StoreOptions::default()).unwrap();
    let tax = kezek::taxonomy::builtin();
    let opts = DemoOptions {
        persons: 400,
        events: 4,
        seed: 5,
        ..Default::default()
    };
    generate(&store, &tax, &opts, &mut |_, _, _| {}).unwrap();
    let records = store.records().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let event = records.events[1].meta.id;
    for period in [
        Period::All,
        Period::Event(event),
        Period::Dates {
            from: chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            to: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        },
    ] {
        let streamed = store.tally(&period, today, 180).unwrap();
        let held = Tally::of(&records, &period, today, 180);
        assert_eq!(streamed, held, "{period:?}");
        assert!(streamed.visits.records > 0, "{period:?}");
    }
}
