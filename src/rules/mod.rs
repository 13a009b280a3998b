//! Rule definitions (SPEC §4): their types, their TOML form and validation.
//! Knows nothing of SQL or the screen.

mod export;
mod handbook;
mod model;
mod parse;

pub use export::{export_rules, rule_body_toml};
pub use handbook::handbook;
pub use model::*;
pub use parse::{RuleError, parse_rules};

#[cfg(test)]
mod tests;
