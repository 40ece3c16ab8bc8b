//! The codec's decoder on any bytes, as every stored type: never a panic, and whatever
//! decodes encodes again to the same value.
#![no_main]
use kezek::store::{Op, codec};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(op) = codec::decode::<Op>(data) {
        let again = codec::encode(&op).expect("a decoded op encodes");
        assert_eq!(codec::decode::<Op>(&again).expect("and decodes"), op);
    }
    let _ = codec::decode::<kezek::domain::Person>(data);
    let _ = codec::decode::<kezek::domain::Visit>(data);
    let _ = codec::decode::<kezek::domain::Consultation>(data);
    let _ = codec::decode::<kezek::domain::Appeal>(data);
});
