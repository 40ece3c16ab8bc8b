//! The journal reader on any bytes: never a panic, and what it calls committed is made of
//! frames that lie inside the input, in order.
#![no_main]
use kezek::store::journal::{HEADER_LEN, Tail, scan_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let protect = data.first().map_or(0, |&b| u64::from(b) * 7);
    let s = scan_bytes(data, HEADER_LEN, 0, HEADER_LEN + protect, true);
    let end = HEADER_LEN + data.len() as u64;
    let mut last = HEADER_LEN;
    for f in &s.frames {
        assert!(f.start >= last && f.end > f.start && f.end <= end);
        last = f.end;
    }
    assert!(s.end <= end);
    if let Tail::Torn { at } | Tail::Damaged { at, .. } = s.tail {
        assert!(at >= s.end && at <= end);
    }
});
