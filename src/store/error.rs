//! What can go wrong in the store, and how people at the desk are told.

use std::path::PathBuf;

use super::JOURNAL_FILE;
use super::backup;
use super::codec::CodecError;
use super::journal::{JournalError, Tail};
use crate::domain::search::Likeness;
use crate::domain::{Id, Person, TransitionError, UndoError};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the data directory {dir} is in use by another kezek; close that one first \
         (only one kezek may open a store at a time)"
    )]
    Locked { dir: PathBuf },
    /// A compaction that could not finish; the view is as it was before.
    #[error("the database was not compacted ({reason}); the store is as it was")]
    NotCompacted { reason: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error(
        "the database in {dir} failed ({source}); \
         `kezek check --rebuild` rebuilds it from the journal"
    )]
    Sled { dir: PathBuf, source: sled::Error },
    #[error("stored {what} cannot be read: {source}")]
    Codec {
        what: &'static str,
        source: CodecError,
    },
    #[error("no {what} with id {id}")]
    NotFound { what: &'static str, id: Id },
    #[error("{0}")]
    Transition(#[from] TransitionError),
    #[error("not undone: {0}")]
    Undo(#[from] UndoError),
    /// The person a duplicate was merged into has been merged into another person since:
    /// that merge is taken back first, so each record goes back to whom it came from.
    #[error(
        "not unmerged: the person kept was merged into another person since; unmerge that first"
    )]
    MergedSince,
    #[error("{path} does not hold a desk id; restore it from a backup or remove it")]
    DeskId { path: PathBuf },
    #[error(
        "{path} is missing and the journal holds the records of {desks} desks, so which one is \
         this cannot be told; nothing was changed: put the file back from a backup of this \
         desk (kezek restore writes it) and start again"
    )]
    DeskIdLost { path: PathBuf, desks: usize },
    #[error(
        "not saved, nothing was written: the database could not be brought up to date with \
         the journal ({reason}); free some disk space, then close and restart kezek"
    )]
    ViewBehind { reason: String },
    #[error(
        "the store is damaged: {0}. Nothing more is written until it is salvaged: close kezek \
         and run `kezek check --salvage` (it keeps every old file beside the new ones)"
    )]
    Damaged(Damage),
    #[error(transparent)]
    Backup(#[from] backup::BackupError),
    #[error(transparent)]
    Bundle(#[from] super::bundle::BundleError),
    #[error(
        "{dir} already holds records: a fill goes into a new store only (use another --data-dir)"
    )]
    NotNew { dir: PathBuf },
    #[error("this person is already a member of the appeal")]
    AlreadyMember,
    #[error("a person cannot be merged with itself")]
    SamePerson,
    /// Persons on record look like the new person being saved (`add_arrival_checked`);
    /// nothing was written. Best first, with why each looks alike. Its text says how many,
    /// never who: errors are logged.
    #[error("not saved: {} person(s) on record look like this one", .0.len())]
    LookAlikes(Vec<(Person, Likeness)>),
    /// A value the record would not take; nothing was written.
    #[error("not saved: {0}")]
    Invalid(crate::domain::ValidationError),
}

impl StoreError {
    /// Whether it failed for want of room on the disk: the journal's, a file's or sled's
    /// write.
    pub fn is_disk_full(&self) -> bool {
        let full = |e: &std::io::Error| {
            e.kind() == std::io::ErrorKind::StorageFull || e.raw_os_error() == Some(28)
        };
        match self {
            StoreError::Io { source, .. }
            | StoreError::Journal(JournalError::Io { source, .. }) => full(source),
            StoreError::Sled {
                source: sled::Error::Io(source),
                ..
            } => full(source),
            _ => false,
        }
    }

    /// The message id of this error as people at the desk should read it, in their
    /// language; `None` when only the detailed (English) text says what happened.
    pub fn msg_id(&self) -> Option<&'static str> {
        if self.is_disk_full() {
            return Some("err-disk-full");
        }
        match self {
            StoreError::ViewBehind { .. } => Some("err-view-behind"),
            StoreError::Damaged(_) => Some("err-store-damaged"),
            StoreError::AlreadyMember => Some("err-already-member"),
            StoreError::SamePerson => Some("err-same-person"),
            StoreError::Undo(UndoError::NothingToUndo) => Some("err-nothing-to-undo"),
            StoreError::Undo(UndoError::NotTheLast) => Some("err-undo-not-last"),
            StoreError::MergedSince => Some("err-merged-since"),
            StoreError::LookAlikes(_) => Some("flash-look-alikes"),
            StoreError::NotFound { .. } => Some("err-not-found"),
            StoreError::Locked { .. } => Some("err-store-in-use"),
            StoreError::Invalid(e) => Some(e.msg_id()),
            _ => None,
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// What is wrong with a store that must not be written to until it is salvaged. Never
/// holds personal data (it is logged).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Damage {
    /// The view holds records, but the journal is gone or empty.
    JournalMissing,
    /// The journal is shorter than what the view has applied.
    JournalShorter { journal: u64, applied: u64 },
    /// The journal does not start with a kezek journal's header.
    BadHeader,
    /// Bytes at `at` are no frame; `intact_after`: intact frames follow them.
    Damaged { at: u64, intact_after: bool },
    /// A frame at `at` is intact but its op cannot be read.
    Unreadable { at: u64 },
}

impl Damage {
    pub(super) fn from_tail(tail: Tail, end: u64, applied: u64) -> Damage {
        match tail {
            Tail::Damaged { at, intact_after } => Damage::Damaged {
                at,
                intact_after: intact_after.is_some(),
            },
            Tail::Torn { at } => Damage::Damaged {
                at,
                intact_after: false,
            },
            Tail::Clean => Damage::JournalShorter {
                journal: end,
                applied,
            },
        }
    }
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Damage::JournalMissing => write!(
                f,
                "the journal ({JOURNAL_FILE}) is missing or empty, but the database holds records"
            ),
            Damage::JournalShorter { journal, applied } => write!(
                f,
                "the journal has {journal} bytes, but the database holds records up to byte {applied}"
            ),
            Damage::BadHeader => write!(f, "{JOURNAL_FILE} is not a kezek journal"),
            Damage::Damaged { at, intact_after } => write!(
                f,
                "the journal is damaged at byte {at}{}",
                if *intact_after {
                    ", with intact records after it"
                } else {
                    ""
                }
            ),
            Damage::Unreadable { at } => {
                write!(f, "the journal's record at byte {at} cannot be read")
            }
        }
    }
}
