//! Every file kezek writes outside the journal (drafts, the desk id, backups, exports,
//! slips, reports) is written here: under a hidden temporary name beside it, readable by
//! its owner only, synced, renamed over the real name and its directory synced. A crash or
//! a kill leaves the old file or the new one, never half of one; a write given up (an
//! error, a cancelled export) leaves nothing, not even the temporary file.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Bytes written to the temporary file at a time.
const BUFFER: usize = 1 << 16;

/// A file being written under a temporary name until `commit` puts it in place. Dropped
/// without `commit`, it removes its temporary file.
pub struct AtomicFile {
    target: PathBuf,
    tmp: PathBuf,
    /// `None` once `commit` has taken it.
    out: Option<BufWriter<File>>,
    committed: bool,
}

/// The temporary name beside `target`: `.NAME.kezek-tmp-PID`, hidden from a file manager
/// and from a folder listing, and never one another kezek process writes.
pub fn tmp_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.kezek-tmp-{}", std::process::id()))
}

/// A new file at `path`, never an existing one nor through a symbolic link: `0600` whatever
/// the umask, since what kezek writes names people.
fn create_private(path: &Path, read: bool) -> std::io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.read(read).write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(path)
}

/// `create_private` at a temporary name: one left by a process that had our pid and was
/// killed while writing is ours now.
fn create_tmp(tmp: &Path, read: bool) -> std::io::Result<File> {
    match create_private(tmp, read) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::remove_file(tmp)?;
            create_private(tmp, read)
        }
        other => other,
    }
}

impl AtomicFile {
    /// Starts writing what will become `target`. Nothing is at `target` until `commit`.
    pub fn create(target: &Path) -> std::io::Result<AtomicFile> {
        let tmp = tmp_path(target);
        let file = create_tmp(&tmp, false)?;
        Ok(AtomicFile {
            target: target.to_path_buf(),
            tmp,
            out: Some(BufWriter::with_capacity(BUFFER, file)),
            committed: false,
        })
    }

    /// Where the bytes are until `commit` (for messages about a failed write).
    pub fn tmp_path(&self) -> &Path {
        &self.tmp
    }

    fn out(&mut self) -> std::io::Result<&mut BufWriter<File>> {
        self.out
            .as_mut()
            .ok_or_else(|| std::io::Error::other("the file was already committed"))
    }

    /// Syncs the file, renames it over the target and syncs the directory: once this
    /// returns, the new file is what a crash leaves. On an error the target is as it was.
    pub fn commit(mut self) -> std::io::Result<()> {
        let file = self
            .out
            .take()
            .ok_or_else(|| std::io::Error::other("the file was already committed"))?
            .into_inner()
            .map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&self.tmp, &self.target)?;
        self.committed = true;
        sync_parent_dir(&self.target);
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out()?.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.out()?.write_all(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out()?.flush()
    }
}

/// For writers that go back to fill in what they know only at the end (a workbook's zip).
impl Seek for AtomicFile {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.out()?.seek(pos)
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            // Closed first: some systems do not remove a file that is open.
            drop(self.out.take());
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Replaces `target` with `bytes`, whole or not at all.
pub fn write(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = AtomicFile::create(target)?;
    f.write_all(bytes)?;
    f.commit()
}

/// Removes temporary files of `names` in `dir` left by other processes (killed while they
/// wrote). Only for a directory no other process writes to: a store's, under its lock.
pub fn remove_leftovers(dir: &Path, names: &[&str]) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let ours = std::process::id().to_string();
    for entry in entries.filter_map(|e| e.ok()) {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let left = names.iter().any(|n| {
            file_name
                .strip_prefix(&format!(".{n}.kezek-tmp-"))
                .is_some_and(|pid| pid != ours && pid.bytes().all(|b| b.is_ascii_digit()))
        });
        if left {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// What kezek builds under a temporary name beside its target, with the writing
/// process's id last: single files (`tmp`), an export's folder of tables (`tables`), a
/// restored store (`restore`).
const STAGING_KINDS: [&str; 3] = ["tmp", "tables", "restore"];

/// The pid in a temporary name of kezek's (`.NAME.kezek-KIND-PID`), if it is one.
fn staging_pid(file_name: &str) -> Option<u32> {
    let rest = file_name.strip_prefix('.')?;
    let (_, tail) = rest.rsplit_once(".kezek-")?;
    let (kind, pid) = tail.split_once('-')?;
    if !STAGING_KINDS.contains(&kind) || pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    // Written as kezek writes a pid: no sign, no leading zero, not 0.
    let n: u32 = pid.parse().ok()?;
    (n > 0 && n.to_string() == pid).then_some(n)
}

/// Whether `path` holds only what kezek writes under a temporary name: files private to
/// their owner (every kezek file is 0600), in folders of the same. A link, another kind of
/// file or a file anyone else may read is not kezek's, whatever its name: kept.
fn only_kezeks(path: &Path, depth: u32) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    let private = {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o077 == 0
    };
    #[cfg(not(unix))]
    let private = true;
    if meta.is_file() {
        return private;
    }
    if !meta.is_dir() || depth == 0 {
        return false;
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        return false;
    };
    entries
        .filter_map(|e| e.ok())
        .all(|e| only_kezeks(&e.path(), depth - 1))
}

/// Whether process `pid` may still be writing. Without `/proc` to ask, it may.
fn may_be_running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

/// Removes from `dir` the temporary files and folders kezek processes left there when
/// they were killed while writing (an export, a backup, a restore): those of processes
/// no longer running. They hold an unfinished copy of records, perhaps on a USB stick;
/// what they were copied from is intact.
pub fn remove_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let ours = std::process::id();
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name();
        let Some(pid) = staging_pid(&name.to_string_lossy()) else {
            continue;
        };
        if pid == ours || may_be_running(pid) {
            continue;
        }
        let path = entry.path();
        if !only_kezeks(&path, 3) {
            continue;
        }
        let _ = match entry.file_type() {
            Ok(t) if t.is_dir() => std::fs::remove_dir_all(&path),
            _ => std::fs::remove_file(&path),
        };
    }
}

/// Makes a newly created or renamed entry of `path`'s directory durable (POSIX needs the
/// directory synced, not only the file).
pub fn sync_parent_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(parent) = path.parent()
        && let Ok(dir) = File::open(parent)
    {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// A private scratch file beside `target` (`.NAME.kezek-tmp-PID`, so a killed run's is
/// cleaned up like any other temporary), readable and writable, removed when dropped.
pub struct Scratch {
    path: PathBuf,
    file: File,
}

impl Scratch {
    pub fn create(target: &Path) -> std::io::Result<Scratch> {
        let path = tmp_path(target);
        let file = create_tmp(&path, true)?;
        Ok(Scratch { path, file })
    }

    /// A scratch file in `dir` whose name is removed at once: only this process's handle
    /// reaches it, and it goes with the process however that ends (a kill included), never
    /// left behind. For bulk loads (`store::Batch`), which may spill hundreds of megabytes.
    pub fn unnamed(dir: &Path) -> std::io::Result<Scratch> {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let scratch = Scratch::create(&dir.join(format!("batch-{n}")))?;
        std::fs::remove_file(&scratch.path)?;
        Ok(scratch)
    }

    /// A buffered writer at the file's end.
    pub fn writer(&self) -> std::io::Result<BufWriter<File>> {
        Ok(BufWriter::new(self.file.try_clone()?))
    }

    /// Fills `buf` from `offset` (what a writer wrote and flushed).
    pub fn read_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
        std::os::unix::fs::FileExt::read_exact_at(&self.file, buf, offset)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_committed_file_replaces_the_old_one_and_leaves_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draft.kzd");
        std::fs::write(&path, b"old").unwrap();
        let mut f = AtomicFile::create(&path).unwrap();
        f.write_all(b"new ").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"old", "not before commit");
        assert!(
            f.tmp_path()
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with('.')
        );
        f.write_all(b"bytes").unwrap();
        f.commit().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new bytes");
        assert_eq!(names(dir.path()), ["draft.kzd"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }

    #[test]
    fn a_file_dropped_without_commit_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.json");
        let mut f = AtomicFile::create(&path).unwrap();
        f.write_all(&vec![b'x'; 3 * BUFFER]).unwrap();
        drop(f);
        assert!(names(dir.path()).is_empty());
        std::fs::write(&path, b"kept").unwrap();
        drop(AtomicFile::create(&path).unwrap());
        assert_eq!(names(dir.path()), ["export.json"]);
        assert_eq!(std::fs::read(&path).unwrap(), b"kept");
    }

    #[test]
    fn a_leftover_temporary_file_is_taken_over_and_a_link_there_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk-id");
        let elsewhere = dir.path().join("elsewhere");
        std::fs::write(&elsewhere, b"untouched").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&elsewhere, tmp_path(&path)).unwrap();
        #[cfg(not(unix))]
        std::fs::write(tmp_path(&path), b"left").unwrap();
        write(&path, b"42\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"42\n");
        assert_eq!(std::fs::read(&elsewhere).unwrap(), b"untouched");
        assert_eq!(names(dir.path()), ["desk-id", "elsewhere"]);
    }

    #[test]
    fn leftovers_of_other_processes_are_removed_and_ours_and_others_files_kept() {
        let dir = tempfile::tempdir().unwrap();
        let ours = tmp_path(&dir.path().join("draft.kzd"));
        for name in [
            ".draft.kzd.kezek-tmp-1",
            ".desk-id.kezek-tmp-77",
            "draft.kzd",
            "notes",
        ] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        std::fs::write(&ours, b"x").unwrap();
        remove_leftovers(dir.path(), &["draft.kzd", "desk-id"]);
        let mut want = vec![
            ours.file_name().unwrap().to_string_lossy().into_owned(),
            "draft.kzd".to_string(),
            "notes".to_string(),
        ];
        want.sort();
        assert_eq!(names(dir.path()), want);
    }

    #[test]
    fn what_killed_writers_left_is_removed_and_what_running_ones_write_is_not() {
        let dir = tempfile::tempdir().unwrap();
        // No process has pid 4,000,000,000 (Linux caps pids far lower).
        let dead = 4_000_000_000u32;
        let running = std::process::id();
        for name in [
            format!(".report.csv.kezek-tmp-{dead}"),
            format!(".backup.kzb.kezek-tmp-{dead}"),
            format!(".mine.csv.kezek-tmp-{running}"),
            ".odd.kezek-tmp-".to_string(),
            ".x.kezek-tmp-12ab".to_string(),
            "report.csv".to_string(),
            ".hidden".to_string(),
        ] {
            // As kezek writes every file: private to its owner.
            drop(create_private(&dir.path().join(name), false).unwrap());
        }
        for name in [
            format!(".day.kezek-tables-{dead}"),
            format!(".kezek.kezek-restore-{dead}"),
        ] {
            std::fs::create_dir_all(dir.path().join(&name).join("inner")).unwrap();
            drop(create_private(&dir.path().join(&name).join("inner/persons.csv"), false).unwrap());
        }
        // Named like kezek's, but not kezek's: a folder with a file others may read, a
        // link, a pid with a leading zero.
        let users = dir.path().join(format!(".mydir.kezek-tmp-{dead}"));
        std::fs::create_dir(&users).unwrap();
        std::fs::write(users.join("keep.txt"), b"mine").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let open = std::fs::Permissions::from_mode(0o644);
            std::fs::set_permissions(users.join("keep.txt"), open).unwrap();
            std::os::unix::fs::symlink(
                dir.path().join("report.csv"),
                dir.path().join(format!(".link.kezek-tmp-{dead}")),
            )
            .unwrap();
        }
        drop(create_private(&dir.path().join(format!(".z.kezek-tmp-0{dead}")), false).unwrap());
        // The next export's cleanup clears what kezek left.
        write(&dir.path().join("next.csv"), b"y").unwrap();
        remove_stale(dir.path());
        let mut want = vec![
            format!(".mine.csv.kezek-tmp-{running}"),
            ".odd.kezek-tmp-".to_string(),
            ".x.kezek-tmp-12ab".to_string(),
            "report.csv".to_string(),
            ".hidden".to_string(),
            "next.csv".to_string(),
            format!(".mydir.kezek-tmp-{dead}"),
            format!(".z.kezek-tmp-0{dead}"),
        ];
        #[cfg(unix)]
        want.push(format!(".link.kezek-tmp-{dead}"));
        want.sort();
        if Path::new("/proc/self").exists() {
            assert_eq!(names(dir.path()), want);
        }
    }

    #[test]
    fn seeking_back_rewrites_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("book.xlsx");
        let mut f = AtomicFile::create(&path).unwrap();
        f.write_all(b"....tail").unwrap();
        f.seek(SeekFrom::Start(0)).unwrap();
        f.write_all(b"head").unwrap();
        f.commit().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"headtail");
    }
}
