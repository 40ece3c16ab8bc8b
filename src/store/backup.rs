//! Backups: one portable file with the journal up to its last committed frame, which is
//! everything (the view is rebuilt from it). Readable while the app has the store open:
//! the journal only grows, so its bytes up to a committed frame never change.
//!
//! Layout (numbers little-endian):
//! `KZBACKUP` · format version (u32, 1) · desk id (u64) · written at (i64, Unix seconds) ·
//! journal length N (u64) · N bytes of the journal, its header included · CRC-32 of every
//! byte before it (u32) · `KZBKEND1`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::atomic::AtomicFile;
use super::journal::{self, MAGIC, Tail};
use super::{DESK_ID_FILE, Damage, JOURNAL_FILE, Result, Store, StoreError, StoreOptions, io_err};
use crate::domain::DeskId;

pub const BACKUP_MAGIC: &[u8; 8] = b"KZBACKUP";
pub const BACKUP_END: &[u8; 8] = b"KZBKEND1";
pub const BACKUP_VERSION: u32 = 1;
const HEAD: usize = 8 + 4 + 8 + 8 + 8;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} is not a kezek backup")]
    NotABackup(PathBuf),
    #[error("{path} was written by a newer kezek (backup format {version})")]
    Version { path: PathBuf, version: u32 },
    #[error("{0} is damaged or incomplete (its checksum does not match); use another copy")]
    Checksum(PathBuf),
    #[error("{0} is not empty; restore into a new data directory")]
    NotEmpty(PathBuf),
    #[error("the backup was cancelled; nothing was written")]
    Cancelled,
    #[error("{0} is inside the data directory; write the backup somewhere else (a USB stick)")]
    InsideStore(PathBuf),
    #[error("{0} is not a file (a folder, a device or a pipe); type a file's name")]
    NotAFile(PathBuf),
}

/// What a backup holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    pub desk: DeskId,
    pub journal_bytes: u64,
    pub ops: usize,
    pub file_bytes: u64,
}

/// Writes a backup of the store in `dir` to `out`, whole or not at all (`atomic`). Needs no lock: it works while the app is open on the store.
pub fn write_backup(dir: &Path, out: &Path) -> Result<BackupInfo> {
    write_backup_upto(dir, out, None, &mut |_, _| true)
}

/// Told `(bytes copied, bytes to copy)` now and then; `false` stops the backup (the
/// temporary file is removed, nothing is left under `out`).
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64) -> bool;

/// Bytes copied between two progress reports.
const PROGRESS_EVERY: usize = 1 << 20;

/// `write_backup` of the journal's first `upto` bytes (all of it if `None`), or up to its
/// last committed frame before that.
pub fn write_backup_upto(
    dir: &Path,
    out: &Path,
    upto: Option<u64>,
    progress: Progress,
) -> Result<BackupInfo> {
    if let Some(parent) = out.parent() {
        // What a killed backup left on the stick goes before the next one is written.
        super::atomic::remove_stale(parent);
    }
    if inside(dir, out) {
        // Renamed over the journal (or the desk id) it would replace the store's own
        // files while the app appends to the old ones; anywhere else in there it is lost
        // with the store.
        return Err(StoreError::Backup(BackupError::InsideStore(
            out.to_path_buf(),
        )));
    }
    if std::fs::metadata(out).is_ok_and(|m| !m.is_file()) {
        // The rename would replace it: a device such as /dev/full (as root), a pipe.
        return Err(StoreError::Backup(BackupError::NotAFile(out.to_path_buf())));
    }
    let journal_path = dir.join(JOURNAL_FILE);
    let len = match upto {
        Some(n) => n,
        None => std::fs::metadata(&journal_path)
            .map_err(io_err(&journal_path))?
            .len(),
    };
    let (ops, tail, end) = journal::verify_file(&journal_path, len)?;
    let end = match tail {
        // A bulk write or a save may be under way in the app: up to the last committed one.
        Tail::Clean | Tail::Torn { .. } => end,
        Tail::Damaged { at, intact_after } => {
            return Err(StoreError::Damaged(Damage::Damaged {
                at,
                intact_after: intact_after.is_some(),
            }));
        }
    };
    let desk_path = dir.join(DESK_ID_FILE);
    let desk: DeskId = std::fs::read_to_string(&desk_path)
        .map_err(io_err(&desk_path))?
        .trim()
        .parse()
        .map_err(|_| StoreError::DeskId {
            path: desk_path.clone(),
        })?;
    let mut head = Vec::with_capacity(HEAD);
    head.extend_from_slice(BACKUP_MAGIC);
    head.extend_from_slice(&BACKUP_VERSION.to_le_bytes());
    head.extend_from_slice(&desk.0.to_le_bytes());
    head.extend_from_slice(&chrono::Utc::now().timestamp().to_le_bytes());
    head.extend_from_slice(&end.to_le_bytes());
    if !progress(0, end) {
        return Err(StoreError::Backup(BackupError::Cancelled));
    }
    let mut cancelled = false;
    let result = (|| -> std::io::Result<()> {
        // Dropped on any error or a cancel, it takes its temporary file with it.
        let mut f = AtomicFile::create(out)?;
        let mut crc = crc32fast::Hasher::new();
        f.write_all(&head)?;
        crc.update(&head);
        let mut src = std::fs::File::open(&journal_path)?.take(end);
        let mut buf = vec![0u8; PROGRESS_EVERY];
        let mut copied = 0u64;
        loop {
            let n = src.read(&mut buf)?;
            if n == 0 {
                break;
            }
            crc.update(&buf[..n]);
            f.write_all(&buf[..n])?;
            copied += n as u64;
            if !progress(copied, end) {
                cancelled = true;
                return Err(std::io::Error::other("cancelled"));
            }
        }
        f.write_all(&crc.finalize().to_le_bytes())?;
        f.write_all(BACKUP_END)?;
        f.commit()
    })();
    if let Err(e) = result {
        if cancelled {
            return Err(StoreError::Backup(BackupError::Cancelled));
        }
        return Err(io_err(out)(e));
    }
    Ok(BackupInfo {
        desk,
        journal_bytes: end,
        ops,
        file_bytes: end + HEAD as u64 + 12,
    })
}

/// Where a backup asked for as `typed` goes, for the store in `data_dir`: `~` is the home
/// folder, a relative path is taken from the data directory's parent, and a folder (a USB
/// stick's) gets the default file name in it.
pub fn backup_path(data_dir: &Path, typed: &str, default_name: &str) -> PathBuf {
    let typed = typed.trim();
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let path = match (typed.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            home.join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(typed),
    };
    let path = if path.is_absolute() {
        path
    } else {
        data_dir.parent().unwrap_or(data_dir).join(path)
    };
    if path.is_dir() {
        path.join(default_name)
    } else {
        path
    }
}

/// Whether `out` would land in the data directory `dir` (or below it), `..` and symbolic
/// links followed. A folder that cannot be resolved (it does not exist) is not inside:
/// writing there fails on its own.
pub(super) fn inside(dir: &Path, out: &Path) -> bool {
    let Ok(dir) = dir.canonicalize() else {
        return false;
    };
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    parent.canonicalize().is_ok_and(|p| p.starts_with(&dir))
}

/// Reads and checks a backup: its journal bytes and what it says of itself.
pub fn read_backup(file: &Path) -> Result<(Vec<u8>, BackupInfo)> {
    let bytes = std::fs::read(file).map_err(io_err(file))?;
    let bad = |e: BackupError| StoreError::Backup(e);
    if bytes.len() < HEAD + 12 || !bytes.starts_with(BACKUP_MAGIC) {
        return Err(bad(BackupError::NotABackup(file.to_path_buf())));
    }
    let u32_at =
        |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    let u64_at = |i: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(&bytes[i..i + 8]);
        u64::from_le_bytes(b)
    };
    let version = u32_at(8);
    if version != BACKUP_VERSION {
        return Err(bad(BackupError::Version {
            path: file.to_path_buf(),
            version,
        }));
    }
    let desk = DeskId(u64_at(12));
    let n = u64_at(28);
    let body_end = HEAD as u64 + n;
    if bytes.len() as u64 != body_end + 12 || !bytes.ends_with(BACKUP_END) {
        return Err(bad(BackupError::Checksum(file.to_path_buf())));
    }
    let body_end = body_end as usize;
    let crc = crc32fast::hash(&bytes[..body_end]);
    if crc != u32_at(body_end) {
        return Err(bad(BackupError::Checksum(file.to_path_buf())));
    }
    let journal = bytes[HEAD..body_end].to_vec();
    if !journal.starts_with(MAGIC) {
        return Err(bad(BackupError::Checksum(file.to_path_buf())));
    }
    let scan = journal::scan_bytes(&journal[MAGIC.len()..], MAGIC.len() as u64, 0, 0, false);
    if scan.tail != Tail::Clean {
        return Err(bad(BackupError::Checksum(file.to_path_buf())));
    }
    let info = BackupInfo {
        desk,
        journal_bytes: n,
        ops: scan.frames.len(),
        file_bytes: bytes.len() as u64,
    };
    Ok((journal, info))
}

/// Rebuilds a store in `dir` (absent or empty) from a backup: the journal and the desk id
/// are written, then the view is built from the journal and checked.
pub fn restore(file: &Path, dir: &Path, opts: &StoreOptions) -> Result<BackupInfo> {
    let (journal_bytes, info) = read_backup(file)?;
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(io_err(dir))?;
        if entries.next().is_some() {
            return Err(StoreError::Backup(BackupError::NotEmpty(dir.to_path_buf())));
        }
    }
    // Built beside the target and renamed into place once checked: a restore killed half
    // way leaves a hidden staging directory, never a store that opens with part of the
    // backup (or none of it) under the real name and refuses the next restore.
    let staging = staging_beside(dir);
    if let Some(parent) = dir.parent() {
        super::atomic::remove_stale(parent);
    }
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(io_err(&staging))?;
    }
    let built = (|| {
        std::fs::create_dir_all(&staging).map_err(io_err(&staging))?;
        let desk_path = staging.join(DESK_ID_FILE);
        journal::write_new_file(&desk_path, format!("{}\n", info.desk).as_bytes())
            .map_err(io_err(&desk_path))?;
        let journal_path = staging.join(JOURNAL_FILE);
        journal::write_new_file(&journal_path, &journal_bytes).map_err(io_err(&journal_path))?;
        let (store, _) = Store::open(&staging, opts)?;
        let check = store.verify()?;
        if !check.is_consistent() {
            return Err(StoreError::Backup(BackupError::Checksum(
                file.to_path_buf(),
            )));
        }
        store.flush()
    })();
    drop(journal_bytes);
    if let Err(e) = built {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    if dir.exists() {
        // Empty (checked above); rename(2) cannot put a directory over it everywhere.
        std::fs::remove_dir(dir).map_err(io_err(dir))?;
    }
    std::fs::rename(&staging, dir).map_err(io_err(dir))?;
    journal::sync_parent_dir(dir);
    Ok(info)
}

impl Store {
    /// A backup of this store, open as it is (the app's `b`): the journal's length and the
    /// records counted are taken together under the writer's lock, so the count is that of
    /// the backup; the copy itself runs without the lock, saves go on meanwhile. Returns
    /// what was written and how many records it holds.
    pub fn backup(&self, out: &Path, progress: Progress) -> Result<(BackupInfo, usize)> {
        let journal_path = self.dir.join(JOURNAL_FILE);
        let (len, counts) = {
            let _w = self.writer();
            let len = std::fs::metadata(&journal_path)
                .map_err(io_err(&journal_path))?
                .len();
            (len, self.counts()?)
        };
        let records = counts.events
            + counts.persons
            + counts.visits
            + counts.consultations
            + counts.appeals
            + counts.members;
        let info = write_backup_upto(&self.dir, out, Some(len), progress)?;
        Ok((info, records))
    }
}

/// The hidden directory beside `dir` where a restore builds the store.
fn staging_beside(dir: &Path) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kezek".into());
    dir.with_file_name(format!(".{name}.kezek-restore-{}", std::process::id()))
}
