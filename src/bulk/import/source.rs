//! A table's text, read row by row: an export's UTF-8 file straight from the disk (a whole
//! export is hundreds of megabytes, never held in memory), anything else (UTF-16, a
//! Windows-1251 register) decoded whole first as `decode_text` does. Either way the
//! file is checked first, so a file that cannot be read as text is refused before any of
//! its rows is looked at, with the line of the first byte that cannot be read.

use std::cell::RefCell;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::*;

/// Bytes read from a file at a time.
const CHUNK: usize = 1 << 20;
/// How much of the first line is looked at for its separator (a header is far shorter).
const FIRST_LINE: usize = 1 << 20;

/// Where a table's text is: a UTF-8 file (from `skip`, past its byte-order marks), or text
/// in memory.
#[derive(Clone)]
pub(super) enum Source {
    File { path: PathBuf, skip: u64 },
    Text(Rc<[u8]>),
}

/// What checking a file found: its text is readable from `Source`, the first line is
/// `first` (up to `FIRST_LINE` bytes).
pub(super) struct Checked {
    pub(super) source: Source,
    pub(super) first: String,
}

/// A refused file's error: it is not text kezek reads (line of the first bad byte).
fn not_text(file: &'static str, line: u64) -> ImportError {
    ImportError::Rows(vec![RowError {
        file,
        line,
        column: String::new(),
        msg: "import-not-utf8",
        value: String::new(),
    }])
}

impl Source {
    /// Text already in memory (`import_csv`), decoded as a file would be.
    pub(super) fn of_bytes(bytes: &[u8], file: &'static str) -> Result<Checked, ImportError> {
        let text = decode_text(bytes).map_err(|line| not_text(file, line))?;
        let text = text.trim_start_matches('\u{feff}');
        Ok(Checked {
            first: first_line(text.as_bytes()),
            source: Source::Text(Rc::from(text.as_bytes())),
        })
    }

    /// The file at `path`: `None` if there is none; refused without reading if it is not a
    /// regular file or is larger than `MAX_FILE_BYTES` (also if it grows past it while
    /// read), or if it is not text.
    pub(super) fn of_file(path: &Path, file: &'static str) -> Result<Option<Checked>, ImportError> {
        if regular_file(path)?.is_none() {
            return Ok(None);
        }
        let mut f = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
        match check_utf8(&mut f, path, file)? {
            Some((skip, first)) => Ok(Some(Checked {
                source: Source::File {
                    path: path.to_path_buf(),
                    skip,
                },
                first,
            })),
            // Not UTF-8: another encoding, told (or refused) on the whole file.
            None => {
                let Some(bytes) = read_file(path)? else {
                    return Ok(None);
                };
                Source::of_bytes(&bytes, file).map(Some)
            }
        }
    }

    /// The text from its start.
    pub(super) fn reader(&self) -> std::io::Result<Box<dyn Read>> {
        Ok(match self {
            Source::File { path, skip } => {
                let mut f = std::fs::File::open(path)?;
                f.seek(SeekFrom::Start(*skip))?;
                Box::new(Capped {
                    inner: BufReader::with_capacity(1 << 16, f),
                    left: MAX_FILE_BYTES.saturating_sub(*skip),
                })
            }
            Source::Text(t) => Box::new(std::io::Cursor::new(Rc::clone(t))),
        })
    }
}

/// A file read no further than `MAX_FILE_BYTES`: one that grew past it since it was
/// checked is an error, never read in part as if it ended there.
struct Capped<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.left = self.left.checked_sub(n as u64).ok_or_else(|| {
            std::io::Error::other(
                "the file grew past the largest an import reads while it was read",
            )
        })?;
        Ok(n)
    }
}

/// The first line of `text` (at most `FIRST_LINE` bytes of it).
fn first_line(text: &[u8]) -> String {
    let head = &text[..text.len().min(FIRST_LINE)];
    let line = head.split(|b| *b == b'\n').next().unwrap_or_default();
    String::from_utf8_lossy(line).into_owned()
}

/// Reads `f` through once: `Some((bytes of byte-order marks to skip, first line))` when it
/// is UTF-8 without a NUL or a replacement character, `None` when it is not UTF-8 and has
/// no UTF-8 mark (another encoding may read it). Refused: UTF-32, a NUL or a replacement
/// character (their line), bad bytes after a UTF-8 mark (line 1, as decoding says).
fn check_utf8(
    f: &mut std::fs::File,
    path: &Path,
    file: &'static str,
) -> Result<Option<(u64, String)>, ImportError> {
    let io = |source| io_error(path, source);
    let mut r = BufReader::with_capacity(CHUNK, f.take(MAX_FILE_BYTES + 1));
    let head = r.fill_buf().map_err(io)?;
    if head.starts_with(b"\xFF\xFE\x00\x00") || head.starts_with(b"\x00\x00\xFE\xFF") {
        return Err(not_text(file, 1));
    }
    let marked = match encoding_rs::Encoding::for_bom(head) {
        Some((enc, _)) if enc == encoding_rs::UTF_8 => true,
        Some(_) => return Ok(None),
        None => false,
    };
    let (mut skip, mut started, mut lines, mut total) = (0u64, false, 0u64, 0u64);
    let mut first: Option<Vec<u8>> = None;
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let chunk = r.fill_buf().map_err(io)?;
        if chunk.is_empty() {
            break;
        }
        let n = chunk.len();
        total += n as u64;
        if total > MAX_FILE_BYTES {
            return Err(ImportError::TooLarge {
                path: path.to_path_buf(),
            });
        }
        carry.extend_from_slice(chunk);
        r.consume(n);
        let mut text = &carry[..];
        if !started {
            // Byte-order marks at the start, as many as there are (`trim_start_matches`).
            while text.starts_with(b"\xEF\xBB\xBF") {
                text = &text[3..];
                skip += 3;
            }
            started = true;
        }
        let (valid, rest) = match std::str::from_utf8(text) {
            Ok(t) => (t, 0),
            // A character cut by the end of the chunk: finished by the next one.
            Err(e) if e.error_len().is_none() => (
                std::str::from_utf8(&text[..e.valid_up_to()]).unwrap_or_default(),
                text.len() - e.valid_up_to(),
            ),
            Err(_) if marked => return Err(not_text(file, 1)),
            Err(_) => return Ok(None),
        };
        if let Some(at) = valid.find(['\u{fffd}', '\0']) {
            let line = 1 + lines + valid[..at].matches('\n').count() as u64;
            return Err(not_text(file, line));
        }
        lines += valid.matches('\n').count() as u64;
        if first.is_none() || first.as_ref().is_some_and(|f| !f.contains(&b'\n')) {
            let f = first.get_or_insert_with(Vec::new);
            let room = FIRST_LINE.saturating_sub(f.len());
            f.extend_from_slice(&valid.as_bytes()[..valid.len().min(room)]);
        }
        let keep = carry.len() - rest;
        carry.drain(..keep);
    }
    if !carry.is_empty() {
        // The file ends inside a character.
        return if marked {
            Err(not_text(file, 1))
        } else {
            Ok(None)
        };
    }
    let first = first.unwrap_or_default();
    Ok(Some((skip, first_line(&first))))
}

/// Bytes the csv reader has taken from the text and the line count has not passed yet.
#[derive(Default)]
struct Taken {
    /// The text offset of `bytes[0]`.
    base: u64,
    bytes: Vec<u8>,
}

/// The text as the csv reader reads it, each byte also kept in `Taken` until the line
/// count has passed it.
pub(super) struct Tee {
    inner: Box<dyn Read>,
    taken: Rc<RefCell<Taken>>,
}

impl Read for Tee {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.taken.borrow_mut().bytes.extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

/// Line numbers as a spreadsheet shows them, counted as the reader goes.
pub(super) struct Lines {
    taken: Rc<RefCell<Taken>>,
    /// (text offset, line ends before it).
    counted: (u64, u64),
}

/// The taken bytes kept before they are dropped from the front at once.
const KEEP: u64 = 1 << 16;

impl Lines {
    pub(super) fn new(inner: Box<dyn Read>) -> (Tee, Lines) {
        let taken = Rc::new(RefCell::new(Taken::default()));
        let tee = Tee {
            inner,
            taken: Rc::clone(&taken),
        };
        (
            tee,
            Lines {
                taken,
                counted: (0, 0),
            },
        )
    }

    /// The line of a record that starts at text offset `byte`: every line end before it,
    /// less the `inside` ones that belong to earlier records' cells. A CR alone ends a
    /// line too ("CSV (Macintosh)"). Offsets only go forward (the reader's do).
    pub(super) fn line_at(&mut self, byte: u64, inside: u64) -> u64 {
        let mut t = self.taken.borrow_mut();
        let end = t.base + t.bytes.len() as u64;
        let mut at = byte.clamp(self.counted.0, end);
        // The rest of the previous line's end, or blank lines the reader skipped.
        while at < end && matches!(t.bytes[(at - t.base) as usize], b'\r' | b'\n') {
            at += 1;
        }
        let (from, to) = ((self.counted.0 - t.base) as usize, (at - t.base) as usize);
        let more = line_ends(&t.bytes[from..to]);
        self.counted = (at, self.counted.1 + more as u64);
        if at - t.base > KEEP {
            t.bytes.drain(..to);
            t.base = at;
        }
        (1 + self.counted.1).saturating_sub(inside).max(1)
    }
}
