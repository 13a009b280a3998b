//! What changes the screen without a key: other processes' writes to the
//! store (SQLite's `data_version`, looked at on each tick) and the end of
//! a rule save running on its own thread, whose outcome the router then
//! applies.

use super::app::{App, Message, Overlay};
use super::background::Saving;
use super::popups::Outcome;
use super::strings as s;

impl App {
    /// Picks up other processes' writes and the end of a background save;
    /// true when something changed on the screen.
    pub fn tick(&mut self) -> bool {
        if self.saving.is_some() {
            // The progress moves on, or the save has ended.
            self.poll_saving();
            return true;
        }
        // A lost connection waits for a key to open the store again: the
        // dead one is not asked each tick (its error would cover the
        // reconnect's own).
        if self.lost {
            return false;
        }
        match self.store.data_version() {
            Ok(v) if v != self.data_version => {
                if let Err(e) = self.reload() {
                    self.fail(e);
                }
                true
            }
            Ok(_) => false,
            Err(e) => {
                self.fail(e);
                true
            }
        }
    }

    /// Once the background save has ended: what it did in the status
    /// line, or its popup again with the error.
    pub fn poll_saving(&mut self) {
        if !self.saving.as_ref().is_some_and(Saving::is_done) {
            return;
        }
        let Some(saving) = self.saving.take() else {
            return;
        };
        let (id, from) = (saving.id.clone(), saving.from);
        let (popup, result) = saving.finish();
        let was_quitting = self.asking_wait || self.quit_when_saved;
        self.asking_wait = false;
        let outcome = match result {
            Ok(saved) => super::popups::rule_date::saved_outcome(&id, from, &saved),
            Err(e) => {
                // The date popup again, over the Rules pane (only popups
                // that change nothing can be open during a save).
                self.pane = super::panes::Pane::Rules;
                self.overlay = Overlay::None;
                let failed = popup.failed(&e);
                if was_quitting {
                    // The lead was quitting: the failure is a question of
                    // its own, so that the key meant for "wait?" does not
                    // land in the date popup, and nothing quits unseen.
                    self.quit_when_saved = false;
                    self.asking_wait = true;
                    self.failed_save = Some(failed);
                    self.message = Some(Message {
                        text: s::save_failed_quit(&crate::i18n::error_lines(&e).join("; ")),
                        error: true,
                    });
                    return;
                }
                self.message = None;
                Outcome::show(failed)
            }
        };
        let keep = std::mem::take(&mut self.overlay);
        let popup_shown = !matches!(outcome.popup, Overlay::None);
        if let Err(e) = self.apply(outcome) {
            self.fail(e);
        }
        if !popup_shown {
            self.overlay = keep;
        }
        if self.quit_when_saved {
            self.quit = true;
        }
    }

    /// Stops the background save, if one still runs (a session ending
    /// without waiting): nothing of it is kept.
    pub fn cancel_save(&mut self) {
        if let Some(saving) = self.saving.take() {
            saving.cancel();
        }
    }
}
