//! merit: a points ledger for sales teams. This crate holds the fronts —
//! the command line, the screen, the published site, the handbook and the
//! words of both languages; everything below them is `merit-core`,
//! re-exported here under its own module names. `main.rs` only starts it.

pub use merit_core::{
    domain, error, message, msg, ops, progress, rules, scoring, seal, store, text,
};

pub mod cli;
pub mod handbook;
pub mod i18n;
pub mod notify;
pub mod publish;
pub mod tui;

/// mimalloc instead of the system allocator, for the binary and for the
/// benches and tests alike: scoring and writing a year of awards makes and
/// frees millions of small strings, and glibc's malloc took a third of the
/// scoring thread's time over them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (v3's option list).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory is held for reuse before it goes back.
const PURGE_DELAY_MS: std::os::raw::c_long = 20;

/// How merit's process keeps its memory, set at its start (the binary's
/// `main`; a bench that times merit's code in its own process, as merit
/// runs).
pub fn tune_process() {
    // mimalloc gives memory freed back to the system 20 ms after, not
    // the second it holds it by default: a first recalc of ten million
    // activities peaked at 512 MB holding it a second, and at once (0)
    // the scoring thread spent a fifth of its time faulting back in pages
    // it had just given back, month after month (a PostgreSQL first
    // recalc 0.3 s slower of 4.9). 20 ms keeps the pages one month's
    // scoring frees for the next: 10M's first recalc peaked at 436 MB
    // against 404 MB at once. (15 is `mi_option_purge_delay` in the
    // mimalloc the crate builds; the crate names no constant for it.)
    // SAFETY: setting one of mimalloc's options, which it reads as it goes.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS);
    }
    // Freed memory goes back soon (above), and mimalloc's pages came
    // back as transparent huge pages, each zeroed whole on its first touch:
    // a fifth of a bulk approval's time on PostgreSQL went to zeroing them.
    #[cfg(target_os = "linux")]
    // SAFETY: a flag on this process's memory; no pointer is passed.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
