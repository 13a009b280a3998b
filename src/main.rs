//! The `merit` binary: everything lives in the library.

/// mimalloc's `mi_option_purge_delay` (v3's option list).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() {
    // Output piped into `head` or a pager that quits early ends merit
    // quietly, as it ends any shell tool, instead of a panic on the
    // broken pipe (Rust ignores SIGPIPE by default).
    #[cfg(unix)]
    // SAFETY: restoring the default action of one signal, before any
    // thread is started and with no handler of ours installed for it.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // mimalloc gives memory freed back to the system at once instead of
    // holding it a while for reuse: a first recalc of ten million
    // activities peaked at 512 MB holding it, at 338 MB without, in the
    // same time. (15 is `mi_option_purge_delay` in the mimalloc the crate
    // builds; the crate names no constant for it.)
    // SAFETY: setting one of mimalloc's options, which it reads as it goes.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
    }
    // Freed memory goes back at once (above), and mimalloc's pages came
    // back as transparent huge pages, each zeroed whole on its first touch:
    // a fifth of a bulk approval's time on PostgreSQL went to zeroing them.
    #[cfg(target_os = "linux")]
    // SAFETY: a flag on this process's memory; no pointer is passed.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    std::process::exit(merit::cli::run());
}
