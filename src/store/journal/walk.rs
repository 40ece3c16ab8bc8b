//! The one reader of the journal's frames, over a window of its bytes at a time: bringing
//! the view up to date, `kezek check` and the in-memory `scan_bytes` all read through it,
//! so they cannot disagree on where committed frames end or how the journal ends.
//!
//! Memory is the window (a frame longer than it widens it to that frame; after bad bytes,
//! the search for an intact frame reads a frame's longest more) and the positions of an
//! open batch's frames: a batch is handed on only once its last frame is read, and one that
//! began before the window moved on is read again from its start.

use std::ops::ControlFlow;

use super::frame::{FRAME_HEAD, MAX_FRAME, Tail, check_frame, is_batch_header};

/// One committed op frame, its payload borrowed from the window.
#[derive(Clone, Copy, Debug)]
pub struct FrameRef<'a> {
    pub start: u64,
    pub end: u64,
    /// Frames of the same batch still to come after this one (0 outside a batch).
    pub batch_left: u32,
    pub payload: &'a [u8],
}

/// What a walk found: committed op frames handed on, where the last ends, how it ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Walked {
    pub ops: usize,
    /// Just past the last committed frame read.
    pub end: u64,
    pub tail: Tail,
    /// The receiver of the frames asked to stop (`tail` is then `Clean` and means nothing).
    pub stopped: bool,
}

/// Where the walk reads bytes: a file, or bytes already in memory.
pub(super) trait Source {
    type Error;
    /// Makes the window hold exactly the bytes from `from` to `to` (journal offsets).
    fn load(&mut self, from: u64, to: u64) -> Result<(), Self::Error>;
    /// Where the window starts, and its bytes.
    fn window(&self) -> (u64, &[u8]);
}

/// Bytes in memory, `base` being the journal offset of the first: the window is a slice.
pub(super) struct InMemory<'a> {
    pub bytes: &'a [u8],
    pub base: u64,
    pub from: u64,
    pub to: u64,
}

impl Source for InMemory<'_> {
    type Error = std::convert::Infallible;

    fn load(&mut self, from: u64, to: u64) -> Result<(), Self::Error> {
        // The walk never asks past the bytes it was given; clamped all the same.
        let end = self.base + self.bytes.len() as u64;
        self.to = to.clamp(self.base, end);
        self.from = from.clamp(self.base, self.to);
        Ok(())
    }

    fn window(&self) -> (u64, &[u8]) {
        let (a, b) = (
            (self.from - self.base) as usize,
            (self.to - self.base) as usize,
        );
        (self.from, &self.bytes[a..b])
    }
}

/// An open batch: where its header starts, frames still expected, the frames read so far
/// (start, end, frames of the batch after each).
struct Open {
    start: u64,
    left: u32,
    held: Vec<(u64, u64, u32)>,
}

type Each<'e> = Option<&'e mut dyn FnMut(FrameRef<'_>) -> ControlFlow<()>>;

/// The smallest window: below it a walk would move a few bytes at a time.
const MIN_WINDOW: u64 = 64;

/// Reads the journal's bytes from `from` to `upto` frame by frame, `window` bytes at a time,
/// and hands each committed op frame to `each` in order (a batch's only when it is
/// complete). `pending` is how many frames of a batch the view has not applied yet at
/// `from` (the batch is complete: the view only applies batches that are); `protect` is
/// what the view has applied: bad bytes before it are damage, never a torn tail.
pub(super) fn walk<S: Source>(
    src: &mut S,
    (from, upto): (u64, u64),
    mut pending: u32,
    protect: u64,
    window: u64,
    mut each: Each<'_>,
) -> Result<Walked, S::Error> {
    let window = window.max(MIN_WINDOW);
    let (mut pos, mut end, mut ops) = (from, from, 0usize);
    let mut batch: Option<Open> = None;
    src.load(from, upto.min(from.saturating_add(window)))?;
    let tail = loop {
        let (ws, w) = src.window();
        let we = ws + w.len() as u64;
        if pos == upto {
            break match &batch {
                Some(b) if pending == 0 => {
                    if b.start >= protect {
                        Tail::Torn { at: b.start }
                    } else {
                        Tail::Damaged {
                            at: b.start,
                            intact_after: None,
                        }
                    }
                }
                _ if pending > 0 => Tail::Damaged {
                    at: pos,
                    intact_after: None,
                },
                _ => Tail::Clean,
            };
        }
        let buf = &w[(pos - ws) as usize..];
        let need = frame_need(buf);
        if we < upto && (buf.len() as u64) < need {
            // The window ends inside this frame: the next one starts at it, or at its batch
            // when that is near, so that a batch shorter than half a window is read once.
            let start = match &batch {
                Some(b) if we - b.start <= window / 2 => b.start,
                _ => pos,
            };
            let to = upto.min(start.saturating_add(window).max(pos + need));
            src.load(start, to)?;
            continue;
        }
        let Some(len) = check_frame(buf) else {
            let intact_after = find_intact(src, pos + 1, upto, window)?;
            let start = batch.as_ref().map_or(pos, |b| b.start);
            break if intact_after.is_none() && pending == 0 && start >= protect {
                Tail::Torn { at: start }
            } else {
                Tail::Damaged {
                    at: pos,
                    intact_after,
                }
            };
        };
        let head = FRAME_HEAD as usize;
        let payload = &buf[head..head + len];
        let next = pos + FRAME_HEAD + len as u64;
        if let Some(count) = is_batch_header(payload) {
            if batch.is_some() || pending > 0 || count == 0 {
                // A header inside a batch, or an empty batch: not something kezek writes.
                let intact_after = find_intact(src, pos + 1, upto, window)?;
                break Tail::Damaged {
                    at: pos,
                    intact_after,
                };
            }
            batch = Some(Open {
                start: pos,
                left: count,
                held: Vec::new(),
            });
            pos = next;
            continue;
        }
        let single = |batch_left| FrameRef {
            start: pos,
            end: next,
            batch_left,
            payload,
        };
        let handed = if pending > 0 {
            pending -= 1;
            (end, ops) = (next, ops + 1);
            hand(&mut each, single(pending))
        } else if let Some(mut b) = batch.take() {
            b.held.push((pos, next, b.left - 1));
            if b.left == 1 {
                let before = (end, ops);
                (end, ops) = (next, ops + b.held.len());
                if b.held[0].0 >= ws {
                    hand_held(&mut each, &b.held, ws, w)
                } else {
                    match replay(src, &b.held, window, &mut each)? {
                        Replayed::Whole(flow) => flow,
                        Replayed::Changed { at, handed, last } => {
                            (end, ops) =
                                (if handed > 0 { last } else { before.0 }, before.1 + handed);
                            break Tail::Damaged {
                                at,
                                intact_after: None,
                            };
                        }
                    }
                }
            } else {
                b.left -= 1;
                batch = Some(b);
                ControlFlow::Continue(())
            }
        } else {
            (end, ops) = (next, ops + 1);
            hand(&mut each, single(0))
        };
        pos = next;
        if handed.is_break() {
            return Ok(Walked {
                ops,
                end,
                tail: Tail::Clean,
                stopped: true,
            });
        }
    };
    Ok(Walked {
        ops,
        end,
        tail,
        stopped: false,
    })
}

fn hand(each: &mut Each<'_>, frame: FrameRef<'_>) -> ControlFlow<()> {
    match each {
        Some(f) => f(frame),
        None => ControlFlow::Continue(()),
    }
}

/// Hands on a completed batch whose frames are all in the window `w` (starting at `ws`).
fn hand_held(each: &mut Each<'_>, held: &[(u64, u64, u32)], ws: u64, w: &[u8]) -> ControlFlow<()> {
    if each.is_none() {
        return ControlFlow::Continue(());
    }
    for &(start, end, batch_left) in held {
        let payload = &w[(start + FRAME_HEAD - ws) as usize..(end - ws) as usize];
        hand(
            each,
            FrameRef {
                start,
                end,
                batch_left,
                payload,
            },
        )?;
    }
    ControlFlow::Continue(())
}

/// How reading a batch again went.
enum Replayed {
    /// Every frame was handed on, or the receiver asked to stop.
    Whole(ControlFlow<()>),
    /// The frame at `at` is no longer intact: `handed` frames before it were handed on,
    /// the last ending at `last`.
    Changed { at: u64, handed: usize, last: u64 },
}

/// Reads a completed batch's frames again, a window at a time, and hands them on. Their
/// checksums were right a moment ago; one that is not now (the file changed under the
/// reader, which nothing in kezek does) ends the walk there as damage.
fn replay<S: Source>(
    src: &mut S,
    held: &[(u64, u64, u32)],
    window: u64,
    each: &mut Each<'_>,
) -> Result<Replayed, S::Error> {
    if each.is_none() {
        return Ok(Replayed::Whole(ControlFlow::Continue(())));
    }
    let (mut i, mut last) = (0, 0);
    while i < held.len() {
        let first = held[i].0;
        let mut j = i + 1;
        while j < held.len() && held[j].1 - first <= window {
            j += 1;
        }
        src.load(first, held[j - 1].1)?;
        let (ws, w) = src.window();
        for (k, &(start, end, batch_left)) in held.iter().enumerate().take(j).skip(i) {
            let bytes = &w[(start - ws) as usize..(end - ws) as usize];
            if check_frame(bytes) != Some((end - start - FRAME_HEAD) as usize) {
                return Ok(Replayed::Changed {
                    at: start,
                    handed: k,
                    last,
                });
            }
            let frame = FrameRef {
                start,
                end,
                batch_left,
                payload: &bytes[FRAME_HEAD as usize..],
            };
            if hand(each, frame).is_break() {
                return Ok(Replayed::Whole(ControlFlow::Break(())));
            }
            last = end;
        }
        i = j;
    }
    Ok(Replayed::Whole(ControlFlow::Continue(())))
}

/// How many bytes from the start of `buf` the frame there needs to be judged: its head,
/// then its whole length when that length is one a frame can have.
fn frame_need(buf: &[u8]) -> u64 {
    let Some(len) = buf.get(..4).and_then(|b| <[u8; 4]>::try_from(b).ok()) else {
        return FRAME_HEAD;
    };
    let len = u64::from(u32::from_le_bytes(len));
    if (1..=MAX_FRAME).contains(&len) {
        FRAME_HEAD + len
    } else {
        FRAME_HEAD
    }
}

/// The offset of the first intact frame from `from` on, if any, a window at a time: each
/// window is read a frame's longest beyond the offsets it tries, so a frame starting in it
/// is judged on all of its bytes. Only run where something is already wrong, to tell a
/// torn tail (nothing intact after it) from damage.
fn find_intact<S: Source>(
    src: &mut S,
    from: u64,
    upto: u64,
    window: u64,
) -> Result<Option<u64>, S::Error> {
    let mut p = from;
    while p < upto {
        let to = upto.min(
            p.saturating_add(window)
                .saturating_add(FRAME_HEAD + MAX_FRAME),
        );
        src.load(p, to)?;
        let (_, w) = src.window();
        let last = to == upto;
        let tried = if last { w.len() } else { window as usize };
        if let Some(i) = (0..tried).find(|&i| check_frame(&w[i..]).is_some()) {
            return Ok(Some(p + i as u64));
        }
        if last {
            break;
        }
        p += window;
    }
    Ok(None)
}
