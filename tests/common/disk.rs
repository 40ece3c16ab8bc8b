//! A small disk of a test's own, to fill up: a tmpfs, mounted and measured by system calls
//! rather than by the `mount`, `umount` and `df` commands.
//!
//! Why no commands: a test binary runs its tests on several threads at once, and a process
//! started from one of them holds a copy of every file the others have open until it has
//! started its program. A store closed in that moment keeps its lock, and the next open of
//! it fails as "locked"; a file removed in that moment keeps its room. The tests that close
//! and reopen stores run in binaries that start no process at all.

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

fn c_path(path: &Path) -> CString {
    CString::new(path.as_os_str().as_bytes()).unwrap()
}

/// A tmpfs mounted on a folder, unmounted when dropped.
pub struct Tmpfs(PathBuf);

impl Tmpfs {
    /// A tmpfs of `size` (as `mount -o size=` takes it, e.g. "16m") on `dir`, or `None`,
    /// said on stderr, where mounting is not allowed (not root).
    pub fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        let target = c_path(dir);
        let data = CString::new(format!("size={size}")).unwrap();
        // SAFETY: every pointer is a NUL-terminated string that outlives the call.
        let r = unsafe {
            libc::mount(
                c"tmpfs".as_ptr(),
                target.as_ptr(),
                c"tmpfs".as_ptr(),
                0,
                data.as_ptr().cast(),
            )
        };
        if r != 0 {
            eprintln!(
                "cannot mount a tmpfs on {} ({}; not root?): the full disk is not tried",
                dir.display(),
                std::io::Error::last_os_error()
            );
            return None;
        }
        Some(Tmpfs(dir.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let target = c_path(&self.0);
        // SAFETY: a NUL-terminated path that outlives the call.
        unsafe { libc::umount(target.as_ptr()) };
    }
}

/// Bytes free on the file system holding `dir` for an ordinary writer (`df`'s "avail").
pub fn free_bytes(dir: &Path) -> u64 {
    let path = c_path(dir);
    // SAFETY: `statvfs` is plain data that the call fills in; the path outlives the call.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::statvfs(path.as_ptr(), &mut st) }, 0);
    st.f_bavail * st.f_frsize
}

/// Fills the file system holding `path` with one file until writes fail; then single bytes
/// too, so that not even a small frame fits.
pub fn fill(path: &Path) {
    use std::io::Write;
    let mut f = std::fs::File::create(path).unwrap();
    let block = vec![0u8; 4096];
    while f.write_all(&block).and_then(|_| f.sync_all()).is_ok() {}
    while f.write_all(&[0]).and_then(|_| f.sync_all()).is_ok() {}
}
