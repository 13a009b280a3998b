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
