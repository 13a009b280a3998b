//! merit's core: what a points system knows and does, whichever front asks.
//! The domain and its limits, rules, the pure scorer, the store (all the
//! SQL), the seal, and the use cases (`ops`). It returns data and typed
//! errors; words for people, the screen and the command line live in the
//! `merit` crate, which this crate cannot see.

pub mod domain;
pub mod error;
pub mod message;
pub mod ops;
pub mod progress;
pub mod rules;
pub mod scoring;
pub mod seal;
pub mod store;
pub mod text;
