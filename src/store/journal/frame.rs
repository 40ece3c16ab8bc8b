//! The journal's bytes: frames, batches, and reading them back from any offset without
//! trusting a byte of them (a frame counts only when its checksum matches).

use std::ops::ControlFlow;

use super::walk::{FrameRef, InMemory, walk};

pub const FRAME_HEAD: u64 = 8;
/// A batch header's payload: this, then the number of op frames in the batch (u32 LE).
pub const BATCH_MAGIC: &[u8; 8] = b"KZBATCH1";
/// No op can be longer than the codec's limit (its version byte included), so a longer
/// length field is damage.
pub const MAX_FRAME: u64 = crate::store::codec::SIZE_LIMIT as u64 + 1;

/// One intact op frame: where it starts and ends, and its payload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    pub start: u64,
    pub end: u64,
    pub payload: Vec<u8>,
    /// Frames of the same batch still to come after this one (0 outside a batch).
    pub batch_left: u32,
}

/// How the part of the journal that was read ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tail {
    /// Every byte belongs to a complete frame or batch.
    Clean,
    /// An unfinished write from `at` to the end of the file: a frame cut short, zeros, or a
    /// batch without all its frames, at or after what the view has applied and with no
    /// intact frame after it. Nothing in it was ever confirmed.
    Torn { at: u64 },
    /// Bytes at `at` that are no frame, with an intact frame after them (`intact_after`)
    /// or before what the view has applied: confirmed records may be there.
    Damaged { at: u64, intact_after: Option<u64> },
}

/// What reading the journal from an offset found.
#[derive(Debug)]
pub struct Scan {
    /// Committed op frames in order (a batch's frames only when the batch is complete).
    pub frames: Vec<Frame>,
    /// Just past the last committed frame read.
    pub end: u64,
    pub tail: Tail,
    /// The length of the file when it was read.
    pub file_len: u64,
}

pub(super) fn is_batch_header(payload: &[u8]) -> Option<u32> {
    if payload.len() == BATCH_MAGIC.len() + 4 && payload.starts_with(BATCH_MAGIC) {
        let n: [u8; 4] = payload[BATCH_MAGIC.len()..].try_into().ok()?;
        Some(u32::from_le_bytes(n))
    } else {
        None
    }
}

/// Reads `buf` (the journal's bytes from `base`) frame by frame: `walk` over bytes in
/// memory. `pending` is how many frames of a batch the view has not applied yet at `base`
/// (the batch is complete: the view only applies batches that are); `protect` is what the
/// view has applied: bad bytes before it are damage, never a torn tail. With `keep` false
/// payloads are not kept (a checksum pass over the whole journal).
pub fn scan_bytes(buf: &[u8], base: u64, pending: u32, protect: u64, keep: bool) -> Scan {
    let file_len = base + buf.len() as u64;
    let mut frames = Vec::new();
    let mut src = InMemory {
        bytes: buf,
        base,
        from: base,
        to: base,
    };
    let mut each = |f: FrameRef<'_>| {
        frames.push(Frame {
            start: f.start,
            end: f.end,
            payload: if keep { f.payload.to_vec() } else { Vec::new() },
            batch_left: f.batch_left,
        });
        ControlFlow::Continue(())
    };
    let Ok(walked) = walk(
        &mut src,
        (base, file_len),
        pending,
        protect,
        u64::MAX,
        Some(&mut each),
    );
    Scan {
        frames,
        end: walked.end,
        tail: walked.tail,
        file_len,
    }
}

/// The payload length of an intact frame at the start of `buf`, or `None`.
pub(super) fn check_frame(buf: &[u8]) -> Option<usize> {
    if buf.len() < FRAME_HEAD as usize {
        return None;
    }
    let len_bytes: [u8; 4] = buf[0..4].try_into().ok()?;
    let crc_bytes: [u8; 4] = buf[4..8].try_into().ok()?;
    let len = u32::from_le_bytes(len_bytes) as u64;
    if len == 0 || len > MAX_FRAME || (buf.len() as u64) < FRAME_HEAD + len {
        return None;
    }
    let payload = &buf[FRAME_HEAD as usize..(FRAME_HEAD + len) as usize];
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(&len_bytes);
    hasher.update(payload);
    (hasher.finalize() == u32::from_le_bytes(crc_bytes)).then_some(len as usize)
}

pub fn encode_frame(payload: &[u8]) -> Vec<u8> {
    let len = (payload.len() as u32).to_le_bytes();
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(&len);
    hasher.update(payload);
    let crc = hasher.finalize().to_le_bytes();
    let mut frame = Vec::with_capacity(payload.len() + FRAME_HEAD as usize);
    frame.extend_from_slice(&len);
    frame.extend_from_slice(&crc);
    frame.extend_from_slice(payload);
    frame
}

/// The header frame of a batch of `count` op frames.
pub fn batch_header(count: u32) -> Vec<u8> {
    let mut p = BATCH_MAGIC.to_vec();
    p.extend_from_slice(&count.to_le_bytes());
    encode_frame(&p)
}
