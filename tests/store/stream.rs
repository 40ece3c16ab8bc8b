//! The view brought up to date a window of the journal at a time (`StoreOptions::
//! journal_window`): whatever the window, the same view, the same torn-tail cut and the same
//! damage as reading the journal whole. The demo's journal holds batches of a few dozen
//! kilobytes here and single ops after them; windows of 4 KB and 64 bytes cut through both.

use std::fs::OpenOptions;
use std::io::Write;
use std::ops::ControlFlow;
use std::path::Path;

use crate::common::*;
use kezek::store::journal::{
    self, HEADER_LEN, Journal, Tail, batch_header, encode_frame, scan_bytes,
};
use kezek::store::{Damage, JOURNAL_FILE, SLED_DIR, Store, StoreOptions};
use proptest::prelude::*;

type Entries = Vec<(Vec<u8>, Vec<u8>)>;

/// Every entry of the view's records and index trees, and its applied offset.
fn view_of(dir: &Path) -> (Entries, Entries, Vec<u8>) {
    let db = sled::open(dir.join(SLED_DIR)).unwrap();
    let all = |name: &str| -> Entries {
        let t = db.open_tree(name).unwrap();
        t.iter()
            .map(|e| {
                let (k, v) = e.unwrap();
                (k.to_vec(), v.to_vec())
            })
            .collect()
    };
    let applied = db
        .open_tree("meta")
        .unwrap()
        .get("applied")
        .unwrap()
        .unwrap();
    (all("records"), all("index"), applied.to_vec())
}

fn copy_store(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fn window(bytes: u64) -> StoreOptions {
    StoreOptions {
        journal_window: bytes,
        ..StoreOptions::default()
    }
}

/// A closed store made by the demo (batches), then five arrivals (single ops); returns the
/// view it holds.
fn source(dir: &Path) -> (Entries, Entries, Vec<u8>) {
    {
        let store = open_store(dir);
        demo(&store, 150, 2, 11);
        arrivals(&store, 5, "x");
    }
    view_of(dir)
}

/// The view rebuilt from the journal alone (the store's files without its `db`) with the
/// given window, with what the open reported and found.
fn rebuilt(from: &Path, to: &Path, opts: &StoreOptions) -> (usize, u64, Option<Damage>) {
    copy_store(from, to);
    let (store, report) = Store::open(to, opts).unwrap();
    let damage = store.damage();
    if damage.is_none() {
        let check = store.verify().unwrap();
        assert!(check.is_consistent(), "{check:?}");
    }
    (report.replayed, report.dropped_tail_bytes, damage)
}

#[test]
fn a_journal_many_windows_long_rebuilds_to_the_same_view() {
    let dir = tempdir();
    let src = dir.path().join("src");
    let view = source(&src);
    let journal_len = std::fs::metadata(src.join(JOURNAL_FILE)).unwrap().len();
    assert!(journal_len > 100_000, "{journal_len}");
    let ops = journal::verify_file(&src.join(JOURNAL_FILE), journal_len)
        .unwrap()
        .0;
    for (name, opts) in [
        ("whole", StoreOptions::default()),
        ("4k", window(4096)),
        ("64", window(64)),
    ] {
        let to = dir.path().join(name);
        assert_eq!(rebuilt(&src, &to, &opts), (ops, 0, None), "{name}");
        assert_eq!(view_of(&to), view, "window {name}");
    }
}

#[test]
fn a_torn_tail_found_after_the_first_window_is_copied_aside_and_cut() {
    let dir = tempdir();
    let src = dir.path().join("src");
    let view = source(&src);
    let journal = src.join(JOURNAL_FILE);
    let good_len = std::fs::metadata(&journal).unwrap().len();
    // A power cut in the middle of appending one more op.
    let frame = encode_frame(&[42u8; 300]);
    let mut f = OpenOptions::new().append(true).open(&journal).unwrap();
    f.write_all(&frame[..150]).unwrap();
    drop(f);
    for (name, opts) in [("whole", StoreOptions::default()), ("4k", window(4096))] {
        let to = dir.path().join(name);
        let (_, dropped, damage) = rebuilt(&src, &to, &opts);
        assert_eq!((dropped, damage), (150, None), "{name}");
        assert_eq!(
            std::fs::metadata(to.join(JOURNAL_FILE)).unwrap().len(),
            good_len
        );
        let aside: Vec<_> = std::fs::read_dir(&to)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(&format!("{JOURNAL_FILE}.torn-at-{good_len}")))
            .collect();
        assert_eq!(aside.len(), 1, "{aside:?}");
        assert_eq!(std::fs::read(to.join(&aside[0])).unwrap(), frame[..150]);
        assert_eq!(view_of(&to), view, "window {name}");
    }
}

#[test]
fn damage_found_after_the_first_window_stops_writing_with_what_came_before_applied() {
    let dir = tempdir();
    let src = dir.path().join("src");
    source(&src);
    let journal = src.join(JOURNAL_FILE);
    let mut bytes = std::fs::read(&journal).unwrap();
    // A flipped byte in the third of the five arrivals at the end: intact frames follow.
    let starts = frame_starts(&bytes);
    let bad = starts[starts.len() - 3];
    assert!(bad > 4096 * 4);
    bytes[bad + 12] ^= 0x20;
    std::fs::write(&journal, &bytes).unwrap();
    let ops_before = journal::verify_file(&journal, bad as u64).unwrap().0;
    let mut seen = Vec::new();
    for (name, opts) in [("whole", StoreOptions::default()), ("4k", window(4096))] {
        let to = dir.path().join(name);
        let (replayed, dropped, damage) = rebuilt(&src, &to, &opts);
        assert_eq!(replayed, ops_before, "{name}");
        assert_eq!(dropped, 0, "{name}");
        assert_eq!(
            damage,
            Some(Damage::Damaged {
                at: bad as u64,
                intact_after: true
            }),
            "{name}"
        );
        // Nothing is cut, and nothing more is written.
        assert_eq!(std::fs::read(to.join(JOURNAL_FILE)).unwrap(), bytes);
        let (store, _) = Store::open(&to, &opts).unwrap();
        let err = store.create_event(event_fields("Казань"), "x").unwrap_err();
        assert!(matches!(err, kezek::store::StoreError::Damaged(_)), "{err}");
        drop(store);
        seen.push(view_of(&to));
    }
    assert_eq!(seen[0], seen[1]);
}

/// Frames (singles and batches) as kezek writes them, then damage: the plan of a journal.
#[derive(Clone, Debug)]
enum Piece {
    Op(Vec<u8>),
    Batch(Vec<Vec<u8>>),
}

fn piece() -> impl Strategy<Value = Piece> {
    let payload = proptest::collection::vec(any::<u8>(), 1..120);
    prop_oneof![
        payload.clone().prop_map(Piece::Op),
        proptest::collection::vec(payload, 1..6).prop_map(Piece::Batch),
    ]
}

/// What a walk of the file at `path` from `from` hands on, a `window` at a time.
fn walked(path: &Path, from: u64, pending: u32, protect: u64, window: u64) -> journal::Scan {
    let mut j = Journal::open_existing(path).unwrap().unwrap();
    let mut frames = Vec::new();
    let (w, file_len) = j
        .walk(from, pending, protect, window, &mut |f| {
            frames.push(journal::Frame {
                start: f.start,
                end: f.end,
                payload: f.payload.to_vec(),
                batch_left: f.batch_left,
            });
            ControlFlow::Continue(())
        })
        .unwrap();
    assert!(!w.stopped);
    journal::Scan {
        frames,
        end: w.end,
        tail: w.tail,
        file_len,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..crate::common::props() })]

    /// Whatever the window, the file walk finds what reading the bytes whole used to find
    /// (`model_scan`), as does `scan_bytes` now: the same committed frames (a batch's only when complete), the same end and tail, from
    /// any frame boundary, with a batch partly applied or not, damaged or cut anywhere.
    #[test]
    fn any_window_reads_what_the_whole_journal_holds(
        pieces in proptest::collection::vec(piece(), 1..12),
        window in 1u64..600,
        damage in proptest::option::of((any::<prop::sample::Index>(), 0u8..9)),
        from_piece in any::<prop::sample::Index>(),
        protect_all in any::<bool>(),
    ) {
        let mut bytes = journal::MAGIC.to_vec();
        // Frame boundaries to start from, with the batch frames still to come there.
        let mut starts = vec![(HEADER_LEN, 0u32)];
        for p in &pieces {
            match p {
                Piece::Op(b) => bytes.extend(encode_frame(b)),
                Piece::Batch(ops) => {
                    bytes.extend(batch_header(ops.len() as u32));
                    for (i, b) in ops.iter().enumerate() {
                        bytes.extend(encode_frame(b));
                        let left = (ops.len() - 1 - i) as u32;
                        if left > 0 {
                            starts.push((bytes.len() as u64, left));
                        }
                    }
                }
            }
            starts.push((bytes.len() as u64, 0));
        }
        let (from, pending) = starts[from_piece.index(starts.len())];
        if let Some((at, how)) = damage {
            let at = HEADER_LEN as usize + at.index(bytes.len() - HEADER_LEN as usize);
            if how == 8 {
                bytes.truncate(at);
            } else {
                bytes[at] ^= 1 << how;
            }
        }
        let from = from.min(bytes.len() as u64);
        let protect = if protect_all { bytes.len() as u64 } else { from };
        let dir = tempdir();
        let path = dir.path().join("j");
        std::fs::write(&path, &bytes).unwrap();
        let whole = model_scan(&bytes[from as usize..], from, pending, protect, true);
        let in_memory = scan_bytes(&bytes[from as usize..], from, pending, protect, true);
        let got = walked(&path, from, pending, protect, window);
        for s in [&in_memory, &got] {
            prop_assert_eq!(&s.frames, &whole.frames);
            prop_assert_eq!((s.end, s.tail, s.file_len), (whole.end, whole.tail, whole.file_len));
        }
        // `kezek check`'s walk (a window of its own, from the header, nothing protected).
        let all = model_scan(&bytes[8..], HEADER_LEN, 0, 0, false);
        let (ops, tail, end) = journal::verify_file(&path, bytes.len() as u64).unwrap();
        prop_assert_eq!((ops, tail, end), (all.frames.len(), all.tail, all.end));
        if let Tail::Torn { at } | Tail::Damaged { at, .. } = whole.tail {
            prop_assert!(at >= whole.end);
        }
    }
}

// The reader of the journal in memory as it was before the walk a window at a time
// (`scan_bytes` of commit 171f128, verbatim but for names): the model both walks are
// held to.

fn model_batch_header(payload: &[u8]) -> Option<u32> {
    if payload.len() == journal::BATCH_MAGIC.len() + 4 && payload.starts_with(journal::BATCH_MAGIC)
    {
        let n: [u8; 4] = payload[journal::BATCH_MAGIC.len()..].try_into().ok()?;
        Some(u32::from_le_bytes(n))
    } else {
        None
    }
}

fn model_scan(buf: &[u8], base: u64, mut pending: u32, protect: u64, keep: bool) -> journal::Scan {
    let mut frames = Vec::new();
    let mut pos = 0usize;
    let mut end = base;
    // An open batch: where its header starts, frames still expected, frames so far.
    let mut batch: Option<(u64, u32, Vec<journal::Frame>)> = None;
    let file_len = base + buf.len() as u64;
    let tail = loop {
        if pos == buf.len() {
            break match &batch {
                Some((at, _, _)) if pending == 0 => {
                    if *at >= protect {
                        Tail::Torn { at: *at }
                    } else {
                        Tail::Damaged {
                            at: *at,
                            intact_after: None,
                        }
                    }
                }
                _ if pending > 0 => Tail::Damaged {
                    at: base + pos as u64,
                    intact_after: None,
                },
                _ => Tail::Clean,
            };
        }
        let at = base + pos as u64;
        let Some(len) = model_check(&buf[pos..]) else {
            let intact_after = model_intact(&buf[pos + 1..]).map(|o| at + 1 + o as u64);
            let start = batch.as_ref().map_or(at, |(b, _, _)| *b);
            break if intact_after.is_none() && pending == 0 && start >= protect {
                Tail::Torn { at: start }
            } else {
                Tail::Damaged { at, intact_after }
            };
        };
        let payload =
            &buf[pos + journal::FRAME_HEAD as usize..pos + journal::FRAME_HEAD as usize + len];
        let next = pos + journal::FRAME_HEAD as usize + len;
        if let Some(count) = model_batch_header(payload) {
            if batch.is_some() || pending > 0 || count == 0 {
                // A header inside a batch, or an empty batch: not something kezek writes.
                break Tail::Damaged {
                    at,
                    intact_after: model_intact(&buf[pos + 1..]).map(|o| at + 1 + o as u64),
                };
            }
            batch = Some((at, count, Vec::new()));
            pos = next;
            continue;
        }
        let mut frame = journal::Frame {
            start: at,
            end: base + next as u64,
            payload: if keep { payload.to_vec() } else { Vec::new() },
            batch_left: 0,
        };
        pos = next;
        if pending > 0 {
            pending -= 1;
            frame.batch_left = pending;
            end = frame.end;
            frames.push(frame);
        } else if let Some((start, left, mut held)) = batch.take() {
            frame.batch_left = left - 1;
            held.push(frame);
            if left == 1 {
                end = base + pos as u64;
                frames.append(&mut held);
            } else {
                batch = Some((start, left - 1, held));
            }
        } else {
            end = frame.end;
            frames.push(frame);
        }
    };
    journal::Scan {
        frames,
        end,
        tail,
        file_len,
    }
}

/// The offset in `buf` of the first intact frame, if any. Only run where something is
/// already wrong, to tell a torn tail (nothing intact after it) from damage.
fn model_intact(buf: &[u8]) -> Option<usize> {
    (0..buf.len()).find(|&i| model_check(&buf[i..]).is_some())
}

/// The payload length of an intact frame at the start of `buf`, or `None`.
fn model_check(buf: &[u8]) -> Option<usize> {
    if buf.len() < journal::FRAME_HEAD as usize {
        return None;
    }
    let len_bytes: [u8; 4] = buf[0..4].try_into().ok()?;
    let crc_bytes: [u8; 4] = buf[4..8].try_into().ok()?;
    let len = u32::from_le_bytes(len_bytes) as u64;
    if len == 0 || len > journal::MAX_FRAME || (buf.len() as u64) < journal::FRAME_HEAD + len {
        return None;
    }
    let payload = &buf[journal::FRAME_HEAD as usize..(journal::FRAME_HEAD + len) as usize];
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(&len_bytes);
    hasher.update(payload);
    (hasher.finalize() == u32::from_le_bytes(crc_bytes)).then_some(len as usize)
}
