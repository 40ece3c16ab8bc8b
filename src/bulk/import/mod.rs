//! Importing a register kept in a spreadsheet: the visits table, in the export's own CSV
//! layout or the usual variants (with or without a byte-order mark, `,` or `;`, CRLF,
//! quoted multi-line fields, the Russian column names). Every row is checked first; any
//! invalid row is reported with its line and column and nothing is written. Rows already in
//! the store (same visit id, or the same person at the same event and minute) are skipped,
//! so importing a file twice creates nothing the second time. A whole export folder imports
//! every table, ids kept (`import_folder`).
//!
//! Limits at the door: a file is UTF-8 (BOM or none), UTF-16 with a BOM, or Windows-1251 as
//! Russian Excel saves it; anything else is refused with the advice to save as "CSV UTF-8",
//! never read with replacement characters. Every cell is within its column's documented
//! length (`Limit::of_column`), every number within its range, every year four digits in
//! 1900–2100, every id a valid one and unique in the file (and in the folder). Line numbers
//! are those a spreadsheet shows: the header is line 1, a quoted multi-line cell is one row.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};

use crate::domain::search::Likeness;
use crate::domain::validate::{
    Limit, ValidationError, clean_text, parse_date, parse_date_time, parse_utc_offset,
};
use crate::domain::{
    Arrived, Event, EventFields, Id, Lang, Person, PersonInput, Region, Sex, Visit, VisitStatus,
};
use crate::store::{Batch, Change, Store, StoreError};

mod folder;
mod ids;
mod plan;
mod rows;
mod source;
mod table;
mod text;

pub use folder::import_folder;
use ids::Ids;
use plan::*;
use rows::*;
use table::*;
use text::*;

const REQUIRED: [&str; 4] = ["event_date", "event_city", "surname", "given_name"];

/// Queue numbers run from 1 per desk and event; no reception day comes near this.
pub const MAX_QUEUE_NO: u32 = 99_999;
/// Minutes from arrival to being called (or leaving): at most a week, even for a visit
/// whose status was only set days later.
pub const MAX_WAITED_MIN: i64 = 7 * 24 * 60;

/// Why a file or a row was refused. `msg` is an i18n id (or plain text for CSV syntax).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// The table's file in an export folder (`consultations.csv`); empty for one file.
    pub file: &'static str,
    /// 1-based line of the file where the record starts.
    pub line: u64,
    pub column: String,
    pub msg: &'static str,
    pub value: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{} problem(s) in the file; nothing was imported", .0.len())]
    Rows(Vec<RowError>),
    #[error("line {line}: {message}; nothing was imported")]
    Syntax { line: u64, message: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Stopped (Ctrl+C) before anything was written.
    #[error("cancelled; nothing was imported")]
    Cancelled,
    /// A pipe, a device or a folder where a file was expected: never read (it could wait
    /// forever or never end).
    #[error("{path} is not a regular file; nothing was imported")]
    NotAFile { path: std::path::PathBuf },
    #[error(
        "{path} is larger than {limit} MiB, more than any export kezek writes; nothing was \
         imported (split it, or import an export folder)",
        limit = MAX_FILE_BYTES >> 20
    )]
    TooLarge { path: std::path::PathBuf },
}

/// The largest file an import reads: an export of 100,000 persons' visits is about a
/// tenth of it. A UTF-8 file is read a row at a time; one in another encoding is held in
/// memory while it is decoded.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// The size of the file at `path` for an import: `None` if there is none; refused if it is
/// not a regular file or is larger than `MAX_FILE_BYTES`. The one gate for every file an
/// import reads.
pub(super) fn regular_file(path: &std::path::Path) -> Result<Option<u64>, ImportError> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_error(path, e)),
    };
    if !meta.is_file() {
        return Err(ImportError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            path: path.to_path_buf(),
        });
    }
    Ok(Some(meta.len()))
}

pub(super) fn io_error(path: &std::path::Path, source: std::io::Error) -> ImportError {
    ImportError::Store(StoreError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// The bytes of the file at `path` for an import: `None` if there is none, refused without
/// reading if `regular_file` refuses it (also if it grows past `MAX_FILE_BYTES` while read).
pub(super) fn read_file(path: &std::path::Path) -> Result<Option<Vec<u8>>, ImportError> {
    use std::io::Read;
    let Some(len) = regular_file(path)? else {
        return Ok(None);
    };
    let file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            path: path.to_path_buf(),
        });
    }
    Ok(Some(bytes))
}

/// What an import did (or, in a dry run, would do).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub rows: usize,
    pub new_events: usize,
    pub new_persons: usize,
    pub new_visits: usize,
    /// Rows whose person was already on record (by id, document, phone or birth date and
    /// a similar name).
    pub matched_persons: usize,
    /// Rows already imported (skipped).
    pub already_there: usize,
    /// Of those, rows without a document or birth date found by the person's name at the
    /// same event and arrival minute (a register imported again).
    pub matched_by_slot: usize,
    /// (line, person on record's name) for the rows matched to existing persons.
    pub matches: Vec<(u64, String)>,
    /// From the other tables of an export folder.
    pub new_consultations: usize,
    pub new_appeals: usize,
    pub new_members: usize,
}

/// Where an import asked for as `typed` (in the app) is read from: a full path as it is, a
/// relative one from the data directory `data_dir`.
pub fn source_path(data_dir: &std::path::Path, typed: &str) -> std::path::PathBuf {
    let path = std::path::Path::new(typed);
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        data_dir.join(path)
    }
}

/// Imports what is at `path`: a folder is a whole CSV export (`import_folder`), a file a
/// visits table (`import_csv`).
pub fn import_at(
    store: &Store,
    tax: &crate::domain::taxonomy::Taxonomy,
    path: &std::path::Path,
    dry_run: bool,
    default_offset: i32,
    officer: &str,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<ImportReport, ImportError> {
    if path.is_dir() {
        return import_folder(store, tax, path, dry_run, default_offset, officer, progress);
    }
    let text = source::Source::of_file(path, "")?.ok_or_else(|| {
        ImportError::Store(StoreError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        })
    })?;
    import_visits(store, text, dry_run, default_offset, officer, progress)
}

/// Checks the whole file, then (unless `dry_run`) writes everything in one bulk commit.
pub fn import_csv(
    store: &Store,
    bytes: &[u8],
    dry_run: bool,
    default_offset: i32,
    officer: &str,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<ImportReport, ImportError> {
    let text = source::Source::of_bytes(bytes, "")?;
    import_visits(store, text, dry_run, default_offset, officer, progress)
}

fn import_visits(
    store: &Store,
    text: source::Checked,
    dry_run: bool,
    default_offset: i32,
    officer: &str,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<ImportReport, ImportError> {
    // "Today" for dates of birth is the desk's, by the store's clock (tests set it).
    let today = crate::domain::validate::to_local(store.now(), default_offset).date_naive();
    let rows = VisitRows::open(text, default_offset, today)?;
    let mut batch = new_batch(store, officer, dry_run);
    let no_persons = HashMap::new();
    let plan = plan_visits(
        store,
        &mut batch,
        rows,
        &mut Ids::default(),
        &no_persons,
        progress,
    )?;
    if !plan.refused.is_empty() {
        return Err(ImportError::Rows(plan.refused));
    }
    drop(plan.visits);
    commit(store, batch)?;
    Ok(plan.report)
}

/// Where the records go: a batch (spilled to a scratch file as it grows), or in a dry
/// run one that only counts them.
fn new_batch<'s>(store: &'s Store, officer: &str, dry_run: bool) -> Batch<'s> {
    if dry_run {
        store.dry_batch(officer)
    } else {
        store.batch(officer)
    }
}

/// Writes the batch as one atomic bulk write (a dry run's writes nothing).
fn commit(store: &Store, batch: Batch) -> Result<(), ImportError> {
    if batch.commit()? > 0 {
        store.flush()?;
    }
    Ok(())
}
