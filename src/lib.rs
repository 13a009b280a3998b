//! merit: a points ledger for sales teams. The library holds every layer
//! below the screen and the screen itself; `main.rs` only starts it.

pub mod cli;
pub mod domain;
pub mod error;
pub mod ops;
pub mod rules;
pub mod scoring;
pub mod store;
pub mod text;
pub mod tui;
