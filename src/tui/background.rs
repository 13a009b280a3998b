//! A rule save on its own thread (issue 24): on a large store the recalc
//! after a rule change takes seconds, and the screen keeps answering keys
//! meanwhile. The thread opens its own connection to the store and runs
//! the same `ops::rules::save_change` in one transaction; the status line
//! shows its progress, read from the sink in `progress.rs`; `q`
//! asks whether to wait for it, and quitting without waiting interrupts
//! the transaction, so nothing of the save is kept.

use super::popups::RuleDate;
use crate::error::{Error, Result};
use crate::ops::Context;
use crate::ops::rules::{Saved, save_change_unless};
use crate::store::Store;
use chrono::NaiveDate;
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// A rule save running on its own thread.
#[derive(Debug)]
pub struct Saving {
    pub id: String,
    pub from: NaiveDate,
    /// The date popup, shown again with the error when the save fails.
    popup: Box<RuleDate>,
    thread: JoinHandle<Result<Saved>>,
    /// The thread's connection, to interrupt when the lead will not wait.
    interrupt: Receiver<merit_core::store::Interrupt>,
    /// Set when the lead will not wait: the save does not commit.
    cancelled: Arc<Mutex<bool>>,
}

impl Saving {
    /// Starts saving `popup`'s change from `from` on the store at `path`.
    pub fn start(
        path: &std::path::Path,
        ctx: &Context,
        popup: Box<RuleDate>,
        from: NaiveDate,
    ) -> Result<Saving> {
        let (path, ctx) = (path.to_path_buf(), ctx.clone());
        let (id, change) = (popup.id.clone(), popup.change.clone());
        let (send, interrupt) = channel();
        let thread_id = id.clone();
        let cancelled = Arc::new(Mutex::new(false));
        let stop = Arc::clone(&cancelled);
        let thread = std::thread::Builder::new()
            .name("rule save".into())
            .spawn(move || {
                let mut store = Store::open(&path)?;
                store.set_actor(ctx.actor.clone());
                let _ = send.send(store.interrupt_handle());
                save_change_unless(&mut store, &ctx, &thread_id, from, change, &stop)
            })
            .map_err(|e| Error::failed(crate::msg!("save-cannot-start", error = e.to_string())))?;
        super::progress::clear();
        Ok(Saving {
            id,
            from,
            popup,
            thread,
            interrupt,
            cancelled,
        })
    }

    pub fn is_done(&self) -> bool {
        self.thread.is_finished()
    }

    /// Waits for the save; hands back the date popup and what it did.
    pub fn finish(self) -> (Box<RuleDate>, Result<Saved>) {
        let result = self
            .thread
            .join()
            .unwrap_or_else(|_| Err(Error::failed(crate::msg!("save-stopped"))));
        (self.popup, result)
    }

    /// Stops the save: its transaction rolls back; returns once it has.
    /// (A save that committed just before is kept: it had ended.)
    pub fn cancel(self) {
        *self.cancelled.lock().unwrap_or_else(|e| e.into_inner()) = true;
        if let Ok(handle) = self.interrupt.try_recv() {
            handle.interrupt();
        }
        let _ = self.thread.join();
    }
}
