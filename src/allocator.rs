//! mimalloc's settings for this program (the binary makes it the global allocator).
//!
//! Two of mimalloc v3's defaults cost an export on a big store about 80 MB of resident
//! memory for nothing: freed memory is given back to the system only a second later
//! (`purge_delay` = 1000 ms), by which time an export has decoded and dropped many more
//! records; and its arenas are offered to the kernel for transparent huge pages, so a few
//! live objects keep whole 2 MiB pages resident. Both are options read while allocating,
//! so setting them first thing in `main` is enough.

use std::os::raw::{c_int, c_long};

// Links mimalloc into every binary of the crate, tests included, for the symbols below.
use mimalloc as _;

// mimalloc's C API, linked in by the `mimalloc` crate (libmimalloc-sys builds mimalloc v3).
unsafe extern "C" {
    fn mi_option_get(option: c_int) -> c_long;
    fn mi_option_set(option: c_int, value: c_long);
}

// Positions in mimalloc v3's `mi_option_e` (include/mimalloc.h of libmimalloc-sys 0.1.49,
// which Cargo.lock pins); the test below fails if an update moves them.
const PURGE_DELAY: c_int = 15;
const ALLOW_THP: c_int = 43;

/// Gives freed memory back at once and keeps the process off huge pages.
pub fn tune() {
    // SAFETY: `mi_option_set` stores a value in mimalloc's option table; it takes any
    // option number below `_mi_option_last` and any value, at any time.
    unsafe {
        mi_option_set(PURGE_DELAY, 0);
        mi_option_set(ALLOW_THP, 0);
    }
    // mimalloc reserved its first arena before `main` and already asked for huge pages
    // there; what its own `allow_thp=0` does at start-up is this process-wide switch,
    // which the kernel checks on every later page fault.
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes an integer flag and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// The two options' current values (for the test and for the log).
pub fn options() -> (c_long, c_long) {
    // SAFETY: reading an option has no preconditions.
    unsafe { (mi_option_get(PURGE_DELAY), mi_option_get(ALLOW_THP)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_numbers_are_mimallocs_and_tune_sets_them() {
        // mimalloc v3's documented defaults identify the two options by number: a purge
        // delay of 1000 ms and huge pages allowed (unless the environment says otherwise).
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none()
            && std::env::var_os("MIMALLOC_ALLOW_THP").is_none()
        {
            assert_eq!(options(), (1000, 1));
        }
        tune();
        assert_eq!(options(), (0, 0));
    }
}
