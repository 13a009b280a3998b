//! Rule definitions (SPEC §4): their types, their TOML form and validation.
//! Knows nothing of SQL or the screen.

mod export;
pub mod in_force;
mod model;
mod parse;
mod revise;

pub use export::{export_rules, rule_body_toml};
pub use model::*;
pub use parse::{RuleError, parse_rules, parse_stored_rules, parse_version, version_from_table};
pub use revise::{Change, Revision, revise};

#[cfg(test)]
mod tests;
