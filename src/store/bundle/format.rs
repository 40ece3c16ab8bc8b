//! The bundle file: the journal ops one desk hands another on a USB stick.
//!
//! Layout (numbers little-endian): `KZBUNDLE` · format version (u32) · the head as one
//! journal frame (`[len][crc][codec-encoded Head]`) · `head.ops` op frames, byte for byte as
//! the journal holds them · CRC-32 of every byte before it (u32) · `KZBNDEND`.
//!
//! Nothing in it depends on when it was written, so the same ops for the same recipient
//! give the same bytes. It is written under a temporary name, synced and renamed
//! (`atomic`): a stick pulled out early never holds half a bundle under the real name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::super::codec;
use super::super::journal::{FRAME_HEAD, MAX_FRAME, encode_frame};
use crate::domain::desk::DeskCard;
use crate::domain::{DeskId, Id};

pub const BUNDLE_MAGIC: &[u8; 8] = b"KZBUNDLE";
pub const BUNDLE_END: &[u8; 8] = b"KZBNDEND";
/// 2 added the desk cards to the head; 3, ops that name the version an edit replaced
/// (`Change::Replaces`), which a kezek of format 2 cannot read: it says the bundle is newer
/// instead of calling it damaged. Bundles of formats 1 and 2 are still read.
pub const BUNDLE_VERSION: u32 = 3;
/// The file name ending of a bundle: a folder given to import is read for these.
pub const BUNDLE_EXT: &str = "kzbundle";
/// A bundle is read whole before anything of it is written: larger ones are refused
/// (a whole 100,000-person store makes about 150 MB).
pub const MAX_BUNDLE: u64 = 1 << 30;

/// The highest clock of each desk's ops that a store holds. A desk's ops reach every
/// store in their order (a bundle carries each desk's ops after what the recipient holds,
/// in journal order), so this says exactly which ops a store has.
pub type Seen = BTreeMap<DeskId, u64>;

/// What a bundle says of itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    /// The desk that wrote it.
    pub source: DeskId,
    /// Every op of each desk the source held, up to this clock, when it wrote the bundle.
    pub has: Vec<(DeskId, u64)>,
    /// What the recipient was taken to hold (those ops were left out); empty: every op.
    pub base: Vec<(DeskId, u64)>,
    /// The desk it was made for, if one was named.
    pub for_desk: Option<DeskId>,
    pub ops: u32,
    /// The desk that wrote it and every desk it knows, as each says of itself: their
    /// organisations, and the letters other desks show before their queue numbers.
    pub cards: Vec<DeskCard>,
}

/// The head of format 1, before desks had cards.
#[derive(Deserialize)]
struct HeadV1 {
    source: DeskId,
    has: Vec<(DeskId, u64)>,
    base: Vec<(DeskId, u64)>,
    for_desk: Option<DeskId>,
    ops: u32,
}

/// A head of `version` from its bytes, its cards held to the config's rules.
fn decode_head(version: u32, bytes: &[u8]) -> Option<Head> {
    let head = if version == 1 {
        let v1: HeadV1 = codec::decode(bytes).ok()?;
        Head {
            source: v1.source,
            has: v1.has,
            base: v1.base,
            for_desk: v1.for_desk,
            ops: v1.ops,
            cards: Vec::new(),
        }
    } else {
        codec::decode(bytes).ok()?
    };
    let mut desks = std::collections::BTreeSet::new();
    head.cards
        .iter()
        .all(|c| c.is_valid() && desks.insert(c.desk))
        .then_some(head)
}

#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("{0} is not a kezek bundle")]
    NotABundle(PathBuf),
    #[error(
        "{path} was written by a newer kezek (bundle format {version}; this one reads \
         {BUNDLE_VERSION}); update kezek on this desk"
    )]
    Version { path: PathBuf, version: u32 },
    #[error("{path} says bundle format {version}, which no kezek writes: it is damaged")]
    BadVersion { path: PathBuf, version: u32 },
    #[error("{path} is damaged or incomplete ({what}); write it again on the desk it came from")]
    Damaged { path: PathBuf, what: &'static str },
    #[error("{path} is larger than a bundle can be (1 GiB)")]
    TooLarge { path: PathBuf },
    #[error(
        "{path} was written by this desk and holds nothing it lacks; bring the other desks' bundles"
    )]
    FromThisDesk { path: PathBuf },
    #[error(
        "{path} was made for desk {desk} (or for this desk from what it held before a \
         restore): it leaves out ops this desk may lack; ask for a bundle made for this \
         desk or with every op (`kezek bundle export` without --for)"
    )]
    NotForThisDesk { path: PathBuf, desk: DeskId },
    #[error(
        "{path} refers to {missing} records that exist neither in it nor on this desk \
         (first: {first}); bring the bundles of the desks it came through first"
    )]
    Unknown {
        path: PathBuf,
        missing: usize,
        first: Id,
    },
    #[error("the bundles changed since they were checked; nothing was merged: check them again")]
    ChangedSinceCheck,
    #[error("{0} holds no bundle (*.{BUNDLE_EXT} files)")]
    EmptyFolder(PathBuf),
    #[error("{0} is not a file (a folder, a device or a pipe); type a file's name")]
    NotAFile(PathBuf),
    #[error("{0} is inside the data directory; write the bundle somewhere else (a USB stick)")]
    InsideStore(PathBuf),
    #[error(
        "{desk} is this desk: a bundle made for it would leave out everything; give another \
         desk's id (`kezek bundle desks` lists them) or no --for"
    )]
    ForThisDesk { desk: String },
    #[error(
        "{path} comes from a desk of organisation {other} whose id {desk} is known here as a \
         desk of {known}: one of the two stores is a copy of the other (or the code was \
         changed); nothing was merged. Give the copy a new store, or set its organisation \
         back"
    )]
    DeskClash {
        path: PathBuf,
        desk: DeskId,
        known: String,
        other: String,
    },
}

impl BundleError {
    /// The message id of this refusal and its arguments, for the desk's language (the
    /// store names no language: the command line and the app translate it).
    pub fn message(&self) -> (&'static str, Vec<(&'static str, String)>) {
        let at = |p: &Path| ("path", p.display().to_string());
        match self {
            BundleError::NotABundle(p) => ("err-bundle-not-a-bundle", vec![at(p)]),
            BundleError::Version { path, version } => (
                "err-bundle-newer",
                vec![
                    at(path),
                    ("version", version.to_string()),
                    ("reads", BUNDLE_VERSION.to_string()),
                ],
            ),
            BundleError::BadVersion { path, version } => (
                "err-bundle-bad-version",
                vec![at(path), ("version", version.to_string())],
            ),
            BundleError::Damaged { path, what } => (
                "err-bundle-damaged",
                vec![at(path), ("what", what.to_string())],
            ),
            BundleError::TooLarge { path } => ("err-bundle-too-large", vec![at(path)]),
            BundleError::FromThisDesk { path } => ("err-bundle-from-this-desk", vec![at(path)]),
            BundleError::NotForThisDesk { path, desk } => (
                "err-bundle-not-for-this-desk",
                vec![at(path), ("desk", desk.to_string())],
            ),
            BundleError::Unknown {
                path,
                missing,
                first,
            } => (
                "err-bundle-unknown",
                vec![
                    at(path),
                    ("missing", missing.to_string()),
                    ("first", first.to_string()),
                ],
            ),
            BundleError::ChangedSinceCheck => ("err-bundle-changed", vec![]),
            BundleError::EmptyFolder(p) => (
                "err-bundle-empty-folder",
                vec![at(p), ("ext", BUNDLE_EXT.to_string())],
            ),
            BundleError::NotAFile(p) => ("err-bundle-not-a-file", vec![at(p)]),
            BundleError::InsideStore(p) => ("err-bundle-inside-store", vec![at(p)]),
            BundleError::ForThisDesk { desk } => {
                ("err-bundle-for-this-desk", vec![("desk", desk.clone())])
            }
            BundleError::DeskClash {
                path,
                desk,
                known,
                other,
            } => (
                "err-bundle-desk-clash",
                vec![
                    at(path),
                    ("desk", desk.to_string()),
                    ("known", known.clone()),
                    ("other", other.clone()),
                ],
            ),
        }
    }

    /// What `Damaged` says was wrong, as a message id (`None`: said in English only).
    pub fn damage_id(what: &str) -> Option<&'static str> {
        Some(match what {
            "cut short" => "err-bundle-damage-cut",
            "its checksum does not match" => "err-bundle-damage-checksum",
            "bad head" => "err-bundle-damage-head",
            "a bad op frame" => "err-bundle-damage-frame",
            "fewer or more ops than it says" => "err-bundle-damage-count",
            "an op that cannot be read" => "err-bundle-damage-op",
            _ => return None,
        })
    }
}

/// Opens a bundle: its header and trailer.
pub fn begin(head: &Head) -> Result<(Vec<u8>, crc32fast::Hasher), codec::CodecError> {
    let mut out = BUNDLE_MAGIC.to_vec();
    out.extend_from_slice(&BUNDLE_VERSION.to_le_bytes());
    out.extend_from_slice(&encode_frame(&codec::encode(head)?));
    let mut crc = crc32fast::Hasher::new();
    crc.update(&out);
    Ok((out, crc))
}

/// The bytes that close a bundle whose bytes before them hash to `crc`.
pub fn end(crc: crc32fast::Hasher) -> Vec<u8> {
    let mut out = crc.finalize().to_le_bytes().to_vec();
    out.extend_from_slice(BUNDLE_END);
    out
}

/// A bundle read and checked: its head and its op payloads, each a whole journal op.
pub struct Read {
    pub head: Head,
    pub payloads: Vec<Vec<u8>>,
}

/// Parses a bundle's bytes, trusting none of them: magic, version, checksum, each frame's
/// own checksum and length, and the number of frames the head announces.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Read, BundleError> {
    let damaged = |what| BundleError::Damaged {
        path: path.to_path_buf(),
        what,
    };
    if bytes.len() < 12 || &bytes[..8] != BUNDLE_MAGIC {
        return Err(BundleError::NotABundle(path.to_path_buf()));
    }
    let version = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
    if version == 0 || version > 0xff {
        return Err(BundleError::BadVersion {
            path: path.to_path_buf(),
            version,
        });
    }
    if version > BUNDLE_VERSION {
        return Err(BundleError::Version {
            path: path.to_path_buf(),
            version,
        });
    }
    let Some(body_end) = bytes.len().checked_sub(12).filter(|&n| n >= 12) else {
        return Err(damaged("cut short"));
    };
    if &bytes[body_end + 4..] != BUNDLE_END {
        return Err(damaged("cut short"));
    }
    let stated = u32::from_le_bytes([
        bytes[body_end],
        bytes[body_end + 1],
        bytes[body_end + 2],
        bytes[body_end + 3],
    ]);
    if crc32fast::hash(&bytes[..body_end]) != stated {
        return Err(damaged("its checksum does not match"));
    }
    let mut at = 12;
    let head_bytes = frame_at(bytes, &mut at, body_end).ok_or_else(|| damaged("bad head"))?;
    let head = decode_head(version, head_bytes).ok_or_else(|| damaged("bad head"))?;
    let mut payloads = Vec::with_capacity((head.ops as usize).min(1 << 16));
    while at < body_end {
        let p = frame_at(bytes, &mut at, body_end).ok_or_else(|| damaged("a bad op frame"))?;
        payloads.push(p.to_vec());
    }
    if payloads.len() != head.ops as usize {
        return Err(damaged("fewer or more ops than it says"));
    }
    Ok(Read { head, payloads })
}

/// The payload of the intact frame at `*at` (moved past it), if one ends by `limit`.
pub(super) fn frame_at<'b>(bytes: &'b [u8], at: &mut usize, limit: usize) -> Option<&'b [u8]> {
    let head = bytes.get(*at..*at + FRAME_HEAD as usize)?;
    let len = u32::from_le_bytes([head[0], head[1], head[2], head[3]]);
    if u64::from(len) > MAX_FRAME {
        return None;
    }
    let crc = u32::from_le_bytes([head[4], head[5], head[6], head[7]]);
    let start = *at + FRAME_HEAD as usize;
    let end = start.checked_add(len as usize).filter(|&e| e <= limit)?;
    let payload = &bytes[start..end];
    let mut h = crc32fast::Hasher::new();
    h.update(&len.to_le_bytes());
    h.update(payload);
    (h.finalize() == crc).then(|| {
        *at = end;
        payload
    })
}

pub fn seen_to_vec(seen: &Seen) -> Vec<(DeskId, u64)> {
    seen.iter().map(|(d, h)| (*d, *h)).collect()
}

/// Raises `into` to hold everything `from` holds.
pub fn seen_join(into: &mut Seen, from: &[(DeskId, u64)]) {
    for &(d, h) in from {
        let e = into.entry(d).or_insert(0);
        *e = (*e).max(h);
    }
}
