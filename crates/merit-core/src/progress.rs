//! Progress of long work (issue 24): ops say which work they are doing
//! (a [`Task`], not words) and how far along they are; a front installs a
//! sink that words and shows it. Without a
//! sink (tests, scripts, a pipe) nothing is shown and it costs an atomic
//! load per call.

use std::sync::OnceLock;

/// Long work, by kind; the front says it in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Task {
    /// Counting what the demo's years make, before writing them.
    CountingDemo,
    WritingDemo,
    Verifying,
    /// Scoring, month by month.
    Scoring,
    /// Reading a file, by its name.
    Reading(String),
    /// Writing the members' pages of a site.
    WritingPages,
}

/// Where progress goes: a terminal's bar, for instance.
pub trait Sink: Send + Sync {
    /// New work: what it is and, when known, how many steps it has.
    fn start(&self, what: &Task, total: Option<u64>);
    fn advance(&self, steps: u64);
    /// The work is done (or stopped): the sink clears what it showed.
    fn finish(&self);
}

static SINK: OnceLock<Box<dyn Sink>> = OnceLock::new();

/// Installs the process's sink; the first call wins.
pub fn install(sink: Box<dyn Sink>) {
    let _ = SINK.set(sink);
}

pub fn start(what: &Task, total: Option<u64>) {
    if let Some(s) = SINK.get() {
        s.start(what, total);
    }
}

pub fn advance(steps: u64) {
    if let Some(s) = SINK.get() {
        s.advance(steps);
    }
}

pub fn finish() {
    if let Some(s) = SINK.get() {
        s.finish();
    }
}

/// Ends the work when dropped, on every way out of it (errors included).
pub struct Work;

impl Work {
    pub fn new(what: Task, total: Option<u64>) -> Work {
        start(&what, total);
        Work
    }
}

impl Drop for Work {
    fn drop(&mut self) {
        finish();
    }
}
