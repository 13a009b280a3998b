//! The progress of work under way, as the status line shows it: the
//! process's progress sink for the screen, keeping the last report (a
//! rule save's recalc on its own thread reports here).

use std::sync::{Mutex, MutexGuard};

/// The work the save's recalc reports, as the status line shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub what: String,
    pub done: u64,
    pub total: Option<u64>,
}

fn shown() -> MutexGuard<'static, Option<Progress>> {
    static SHOWN: Mutex<Option<Progress>> = Mutex::new(None);
    SHOWN.lock().unwrap_or_else(|e| e.into_inner())
}

/// Forgets the last report (a new save starts).
pub fn clear() {
    shown().take();
}

/// The progress reported last, if work is under way.
pub fn progress() -> Option<Progress> {
    shown().clone()
}

/// The screen's progress sink: keeps the last report for the status line.
struct StatusLine;

impl crate::progress::Sink for StatusLine {
    fn start(&self, what: &crate::progress::Task, total: Option<u64>) {
        let what = crate::i18n::task(what);
        *shown() = Some(Progress {
            what: what.to_string(),
            done: 0,
            total,
        });
    }

    fn advance(&self, steps: u64) {
        if let Some(p) = shown().as_mut() {
            p.done += steps;
        }
    }

    fn finish(&self) {
        shown().take();
    }
}

/// Sends the process's progress reports to the status line.
pub fn install() {
    crate::progress::install(Box::new(StatusLine));
}
