//! The journal reader on any bytes: never a panic, and what it calls committed is made of
//! frames that lie inside the input, in order. Random bytes seldom hold a frame with a
//! right checksum, so the input is also read as a plan: frames and batch headers written
//! the way kezek writes them, then damage (flipped bytes, a cut); where no damage was done
//! the reader must find exactly the frames a model of the plan expects.
#![no_main]
use kezek::store::journal::{HEADER_LEN, Tail, batch_header, encode_frame, scan_bytes};
use libfuzzer_sys::fuzz_target;

fn check(buf: &[u8], protect: u64) -> kezek::store::journal::Scan {
    let s = scan_bytes(buf, HEADER_LEN, 0, HEADER_LEN + protect, true);
    let end = HEADER_LEN + buf.len() as u64;
    let mut last = HEADER_LEN;
    for f in &s.frames {
        assert!(f.start >= last && f.end > f.start && f.end <= end);
        last = f.end;
    }
    assert!(s.end <= end);
    if let Tail::Torn { at } | Tail::Damaged { at, .. } = s.tail {
        assert!(at >= s.end && at <= end);
    }
    s
}

fuzz_target!(|data: &[u8]| {
    let protect = data.first().map_or(0, |&b| u64::from(b) * 7);
    check(data, protect);

    let mut buf = Vec::new();
    let mut damaged = false;
    // The model: committed payloads, and an open batch (its header's offset, frames left,
    // payloads so far).
    let mut committed: Vec<Vec<u8>> = Vec::new();
    let mut open: Option<(u64, u32, Vec<Vec<u8>>)> = None;
    let mut bad_batch = false;
    let mut it = data.iter().copied();
    let mut next = || it.next().unwrap_or(0);
    for _ in 0..64 {
        let op = next();
        match op % 8 {
            0..=3 => {
                let n = usize::from(next() % 48) + 1;
                let payload: Vec<u8> = (0..n).map(|i| (i as u8).wrapping_add(op)).collect();
                buf.extend(encode_frame(&payload));
                match open.as_mut() {
                    Some((_, left, held)) => {
                        held.push(payload);
                        *left -= 1;
                        if *left == 0 {
                            committed.extend(open.take().map(|o| o.2).unwrap_or_default());
                        }
                    }
                    None => committed.push(payload),
                }
            }
            4 => {
                let count = u32::from(next() % 4);
                if open.is_some() || count == 0 {
                    bad_batch = true;
                }
                let at = HEADER_LEN + buf.len() as u64;
                buf.extend(batch_header(count));
                if open.is_none() && count > 0 {
                    open = Some((at, count, Vec::new()));
                }
            }
            5 | 6 if !buf.is_empty() => {
                let at = (usize::from(next()) << 8 | usize::from(next())) % buf.len();
                buf[at] ^= 1 << (next() % 8);
                damaged = true;
            }
            7 if !buf.is_empty() => {
                let at = (usize::from(next()) << 8 | usize::from(next())) % buf.len();
                buf.truncate(at);
                damaged = true;
            }
            _ => break,
        }
        if damaged {
            break;
        }
    }
    let s = check(&buf, 0);
    if !damaged && !bad_batch {
        let found: Vec<&[u8]> = s.frames.iter().map(|f| f.payload.as_slice()).collect();
        let want: Vec<&[u8]> = committed.iter().map(Vec::as_slice).collect();
        assert_eq!(found, want);
        match open {
            Some((at, _, _)) => assert_eq!(s.tail, Tail::Torn { at }),
            None => assert_eq!(s.tail, Tail::Clean),
        }
    }
});
