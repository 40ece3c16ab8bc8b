//! The process's memory footprint on old laptops.

/// Keeps the process off transparent huge pages. Where the kernel gives them to every large
/// mapping (`/sys/kernel/mm/transparent_hugepage/enabled` = `always`), a few live objects
/// keep whole 2 MiB pages resident, and an export of a big store holds tens of megabytes it
/// does not use. The kernel checks this switch on every later page fault.
pub fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes an integer flag and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// One malloc arena for the whole process, for the app. glibc gives each thread that meets
/// a busy arena one of its own (up to eight per core), and each then keeps its own free
/// memory: the app's UI, store worker, reader and export threads held 280 MB after an xlsx
/// export of the 100,000-person store, 206 MB with one arena. The headless commands keep
/// the default, where the export's two threads are a third faster with an arena each.
pub fn one_arena() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt sets an allocator parameter; M_ARENA_MAX takes any positive count.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// Hands the free memory inside the heap back to the system. glibc returns only the top of
/// its heap by itself; after a report's tally (a million small set entries) is dropped the
/// holes stay resident, and an export's tables would be written on top of them.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases pages glibc's allocator holds free.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(target_os = "linux")]
    fn the_process_is_kept_off_huge_pages() {
        super::no_huge_pages();
        // SAFETY: PR_GET_THP_DISABLE reads the flag and takes no pointers.
        let flag = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        assert_eq!(flag, 1);
    }
}
