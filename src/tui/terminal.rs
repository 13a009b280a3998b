//! The terminal's lifetime: raw mode and the alternate screen on entry, and
//! their undoing on every exit path — normal return, error (the guard's
//! `Drop`), panic (a hook that restores before the message is printed) and
//! hang-up (SIGHUP/SIGTERM set a flag the event loop checks).

use crate::error::{Error, Result};
use crossterm::{cursor, execute, terminal};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{Stdout, stdout};
use std::path::PathBuf;

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Restores the terminal when dropped.
pub struct Guard {
    pub terminal: Term,
}

fn io(e: std::io::Error) -> Error {
    Error::failed(crate::msg!("terminal-error", error = e.to_string()))
}

impl Guard {
    pub fn enter() -> Result<Guard> {
        install_panic_hook();
        ENTERED.store(true, std::sync::atomic::Ordering::SeqCst);
        terminal::enable_raw_mode().map_err(io)?;
        let guard_on_error = RawOnly;
        // Bracketed paste: pasted text reaches merit as text, never as keys.
        execute!(
            stdout(),
            terminal::EnterAlternateScreen,
            cursor::Hide,
            crossterm::event::EnableBracketedPaste
        )
        .map_err(io)?;
        std::mem::forget(guard_on_error);
        let terminal = Terminal::new(CrosstermBackend::new(stdout())).map_err(io)?;
        Ok(Guard { terminal })
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves raw mode if entering the alternate screen fails.
struct RawOnly;

impl Drop for RawOnly {
    fn drop(&mut self) {
        let _ = terminal::disable_raw_mode();
    }
}

/// Whether the screen took the terminal: a command line's hang-up leaves
/// its output as it was.
static ENTERED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Puts the terminal back as it was. Safe to call more than once.
pub fn restore() {
    if !ENTERED.load(std::sync::atomic::Ordering::SeqCst) {
        return;
    }
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        stdout(),
        crossterm::event::DisableBracketedPaste,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// What a hang-up removes: registered by every caller, the signals waited
/// for by one thread.
static CLEANUP: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());
static WAITING: std::sync::Once = std::sync::Once::new();

/// On SIGHUP (the SSH session dropped), SIGTERM or SIGINT (`kill -INT`; in
/// raw mode Ctrl-C is a key): restore the terminal, remove `cleanup` (files,
/// or directories with what they hold), and exit with 128 + the signal. A
/// thread waits for the signal, so this runs in ordinary code, not in a
/// signal handler; the main thread may be blocked reading a terminal that
/// is gone. A write transaction cut short this way is rolled back by SQLite.
pub fn exit_on_hangup(cleanup: Vec<PathBuf>) -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    if let Ok(mut list) = CLEANUP.lock() {
        list.extend(cleanup);
    }
    let mut failed = None;
    WAITING.call_once(
        || match signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT]) {
            Ok(mut signals) => {
                std::thread::spawn(move || {
                    if let Some(sig) = signals.forever().next() {
                        restore();
                        remove_all();
                        std::process::exit(128 + sig);
                    }
                });
            }
            Err(e) => failed = Some(io(e)),
        },
    );
    failed.map_or(Ok(()), Err)
}

/// Removes what was registered for a hang-up.
fn remove_all() {
    if let Ok(list) = CLEANUP.lock() {
        for p in list.iter() {
            if p.is_dir() {
                let _ = std::fs::remove_dir_all(p);
            } else {
                let _ = std::fs::remove_file(p);
            }
        }
    }
}
