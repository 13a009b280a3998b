//! What is generated from the command line's own clap definitions, so it
//! never drifts from them: `merit completions SHELL` (clap_complete) and
//! `merit man` (clap_mangen). Neither needs a store.

use super::args::{Cli, Command};
use crate::error::{Error, Result};
use clap::CommandFactory;

/// Prints what `command` asks for when it is `completions` or `man`, and
/// says whether it was: every other command runs on a store.
pub fn run(command: Option<&Command>) -> Result<bool> {
    let mut out = std::io::stdout().lock();
    match command {
        Some(Command::Completions { shell }) => {
            clap_complete::generate(*shell, &mut Cli::command(), "merit", &mut out);
            Ok(true)
        }
        Some(Command::Man) => {
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .map_err(|e| {
                    Error::failed(crate::msg!("man-page-failed", error = e.to_string()))
                })?;
            Ok(true)
        }
        _ => Ok(false),
    }
}
