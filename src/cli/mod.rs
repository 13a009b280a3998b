//! The command line (SPEC §7): runs `merit` and says how it ended (exit
//! code, errors on stderr). The grammar is in `args`, the parse in
//! `parse`, the routing in `dispatch`, and each command family has its
//! own module. No business logic here.

/// `println!` for a line a person reads (worded by the caller), made
/// `text::visible`, so stored text (names,
/// actors, reasons) never drives the terminal.
macro_rules! say {
    ($($arg:tt)*) => {
        println!("{}", crate::text::visible(&format!($($arg)*)))
    };
}

/// `eprintln!` like `say!`, for a line on stderr.
macro_rules! esay {
    ($($arg:tt)*) => {
        eprintln!("{}", crate::text::visible(&format!($($arg)*)))
    };
}

/// `say!` of the catalogue's message `id` with its arguments (`t!`).
macro_rules! say_t {
    ($($arg:tt)*) => {
        println!("{}", crate::text::visible(&crate::t!($($arg)*)))
    };
}

/// `esay!` of the catalogue's message `id` with its arguments.
macro_rules! esay_t {
    ($($arg:tt)*) => {
        eprintln!("{}", crate::text::visible(&crate::t!($($arg)*)))
    };
}

mod args;
mod awards;
mod catalog;
mod clap_zh;
mod data;
mod dispatch;
mod generate;
pub mod help_zh;
mod notify;
pub mod output;
mod parse;
mod place;
mod progress_bar;
mod reports;
mod safety;
mod screen;
mod statement;
mod values;
mod xlsx;

pub use args::*;
pub use place::store_path;

use crate::error::Error;
use parse::{Parsed, parse};

/// Runs the command line; returns the exit code.
pub fn run() -> i32 {
    let cli = match parse() {
        Ok(Parsed::Cli(cli)) => *cli,
        Ok(Parsed::Help(text)) => {
            print!("{text}");
            return 0;
        }
        Err(e) => {
            if let Some(line) = values::refused_line(&e) {
                // A value merit's parser refused: one line, as merit's
                // other usage errors.
                crate::i18n::set(if help_zh::asked() {
                    crate::i18n::Lang::ZhCn
                } else {
                    crate::i18n::Lang::En
                });
                for line in crate::i18n::error_lines(&Error::usage(line)) {
                    eprintln!("merit: {line}");
                }
                return 2;
            }
            if help_zh::asked() {
                let text = clap_zh::render_in(crate::i18n::Lang::ZhCn, &e);
                if e.use_stderr() {
                    eprint!("{text}");
                } else {
                    print!("{text}");
                }
            } else {
                let _ = e.print();
            }
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let done = dispatch::dispatch(cli);
    for warning in crate::seal::take_warnings() {
        esay_t!("cli-warning", warning = crate::i18n::word(&warning));
    }
    match done {
        Ok(()) => 0,
        Err(e) => {
            // Each line already made visible by `i18n::error_lines`.
            for line in crate::i18n::error_lines(&e) {
                eprintln!("merit: {line}");
            }
            exit_code(&e)
        }
    }
}

/// The exit code of an error, by its kind (SPEC: 2 for bad arguments or
/// input, nothing written; 1 for what could not be done or was refused).
pub fn exit_code(e: &Error) -> i32 {
    match e {
        Error::Usage(_) | Error::BadInput(_) => 2,
        Error::Failed(_) | Error::Refused(_) | Error::Broken(_) => 1,
    }
}
