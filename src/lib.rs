//! merit: a points ledger for sales teams. The library holds every layer
//! below the screen and the screen itself; `main.rs` only starts it.

pub mod cli;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod ops;
pub mod progress;
pub mod publish;
pub mod rules;
pub mod scoring;
pub mod seal;
pub mod store;
pub mod text;
pub mod tui;

/// mimalloc instead of the system allocator, for the binary and for the
/// benches and tests alike: scoring and writing a year of awards makes and
/// frees millions of small strings, and glibc's malloc took a third of the
/// scoring thread's time over them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
