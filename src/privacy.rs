//! The data directory holds passport numbers and phones: nobody but its owner may read it.
//! New files are private through the process's umask (sled creates its own files, so no
//! per-file mode could cover them); a directory written by an older kezek, or copied with
//! wide modes, is tightened when it is opened.

use std::path::Path;

/// Everything the process creates from here on is readable by its owner only: the store,
/// the log, drafts, slips, and exports and reports written anywhere (a USB stick included).
/// Called first thing in `main`, before any thread or file exists.
pub fn private_umask() {
    #[cfg(unix)]
    // SAFETY: umask only replaces the process's file-creation mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
}

/// Creates `dir` (and missing parents) readable by its owner only, whatever the umask.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
}

/// What `tighten` did, for one line in the log (counts only: file names can be personal,
/// an export is named by whoever typed it).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Tightened {
    pub dirs: usize,
    pub files: usize,
    /// Entries whose mode could not be changed (another owner, a filesystem without
    /// permissions such as FAT).
    pub failed: usize,
    /// The last reason one could not be changed.
    pub error: Option<std::io::ErrorKind>,
}

impl Tightened {
    pub fn changed(&self) -> bool {
        self.dirs + self.files + self.failed > 0
    }
}

/// Takes group and other permissions off `dir` and off kezek's own entries in it (`names`:
/// files, and directories tightened all the way down). Symbolic links are left alone and
/// never followed below the top. Only those, not everything under the directory: `--data-dir ~`
/// must not make a whole home directory private, and the directory's own 0700 already
/// keeps others out of anything else in it. The caller names them (the session knows the
/// store's and the log's names), so this module depends on nothing of kezek's.
pub fn tighten(dir: &Path, names: &[&str]) -> Tightened {
    let mut t = Tightened::default();
    #[cfg(unix)]
    {
        // The data directory itself may be a link (to another disk): its target counts.
        if let Ok(meta) = std::fs::metadata(dir) {
            unix::fix(dir, &meta, &mut t);
        }
        for name in names {
            unix::walk(&dir.join(name), &mut t);
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    t
}

#[cfg(unix)]
mod unix {
    use std::fs::{Metadata, Permissions};
    use std::os::unix::fs::PermissionsExt;
    use std::path::Path;

    use super::Tightened;

    const OPEN_TO_OTHERS: u32 = 0o077;

    pub(super) fn walk(path: &Path, t: &mut Tightened) {
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            return; // not there: nothing to tighten
        };
        if meta.file_type().is_symlink() {
            return;
        }
        fix(path, &meta, t);
        if meta.is_dir()
            && let Ok(entries) = std::fs::read_dir(path)
        {
            for e in entries.flatten() {
                walk(&e.path(), t);
            }
        }
    }

    pub(super) fn fix(path: &Path, meta: &Metadata, t: &mut Tightened) {
        let mode = meta.permissions().mode() & 0o7777;
        if mode & OPEN_TO_OTHERS == 0 {
            return;
        }
        let want = if meta.is_dir() { 0o700 } else { 0o600 };
        let done = std::fs::set_permissions(path, Permissions::from_mode(want)).and_then(|()| {
            // Some filesystems accept the call and keep the old mode.
            let now = std::fs::metadata(path)?.permissions().mode();
            if now & OPEN_TO_OTHERS == 0 {
                Ok(())
            } else {
                Err(std::io::ErrorKind::Unsupported.into())
            }
        });
        match done {
            Ok(()) if meta.is_dir() => t.dirs += 1,
            Ok(()) => t.files += 1,
            Err(e) => {
                t.failed += 1;
                t.error = Some(e.kind());
            }
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(p: &Path) -> u32 {
        std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777
    }

    fn set(p: &Path, m: u32) {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    }

    /// What the session passes, as far as this test needs.
    const NAMES: &[&str] = &["journal.kzj", "db", "exports", "slips"];

    #[test]
    fn kezek_files_become_private_and_nothing_else_is_touched() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data");
        create_private_dir(&dir.join("db/blobs")).unwrap();
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&dir.join("db/blobs")), 0o700);
        std::fs::create_dir_all(dir.join("exports/2026")).unwrap();
        for f in [
            "journal.kzj",
            "db/conf",
            "exports/2026/visits.csv",
            "notes.txt",
        ] {
            std::fs::write(dir.join(f), "x").unwrap();
            set(&dir.join(f), 0o644);
        }
        for d in ["", "db", "db/blobs", "exports", "exports/2026"] {
            set(&dir.join(d), 0o755);
        }
        // A link out of the directory is not followed.
        let outside = tmp.path().join("outside.csv");
        std::fs::write(&outside, "x").unwrap();
        set(&outside, 0o644);
        std::os::unix::fs::symlink(&outside, dir.join("exports/link.csv")).unwrap();

        let t = tighten(&dir, NAMES);
        assert_eq!((t.dirs, t.files, t.failed), (5, 3, 0), "{t:?}");
        for d in ["", "db", "db/blobs", "exports", "exports/2026"] {
            assert_eq!(mode(&dir.join(d)), 0o700, "{d}");
        }
        for f in ["journal.kzj", "db/conf", "exports/2026/visits.csv"] {
            assert_eq!(mode(&dir.join(f)), 0o600, "{f}");
        }
        assert_eq!(mode(&dir.join("notes.txt")), 0o644, "not kezek's");
        assert_eq!(mode(&outside), 0o644, "outside the directory");
        // Once private, there is nothing more to do (and nothing more to log).
        assert!(!tighten(&dir, NAMES).changed());
    }
}
