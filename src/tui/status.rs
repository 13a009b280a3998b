//! The status line's message: an error an action ended in, and the
//! warnings a write leaves behind (a checkpoint it could not keep), said
//! after whatever the action itself said.

use super::app::{App, Message};
use crate::error::Error;

impl App {
    /// Shows `e` in the status line.
    pub(super) fn fail(&mut self, e: Error) {
        self.lost |= e.names("store-pg-lost");
        self.message = Some(Message {
            text: crate::i18n::error_lines(&e).join("; "),
            error: true,
        });
    }

    /// Opens the store again after its server's connection was lost, and
    /// reads it afresh; whether it could (if not, the status line says why
    /// and the key waits for the next try).
    pub(super) fn reconnect(&mut self) -> bool {
        // Only a store that is there: an emptied database (a dump being
        // restored in its place) is not set up again from the screen.
        let path = self.store.path().to_path_buf();
        let opened = match crate::store::store_exists(&path) {
            Ok(true) => crate::store::Store::open(&path),
            Ok(false) => Err(crate::error::Error::failed(crate::msg!(
                "no-store-at",
                path = crate::store::shown(&path)
            ))),
            Err(e) => Err(e),
        };
        match opened {
            Ok(mut store) => {
                store.set_actor(self.ctx.actor.clone());
                self.store = store;
                self.lost = false;
                self.read_only = super::app::read_only(&self.store);
                match self.reload() {
                    Ok(()) => {
                        self.message = Some(Message {
                            text: crate::i18n::t("store-pg-back").to_string(),
                            error: false,
                        });
                        true
                    }
                    Err(e) => {
                        self.fail(e);
                        false
                    }
                }
            }
            Err(e) => {
                self.fail(e);
                self.lost = true;
                false
            }
        }
    }

    /// A write that could not keep its checkpoint says so here, as the
    /// command line says it on stderr.
    pub(super) fn say_seal_warnings(&mut self) {
        let warnings = crate::seal::take_warnings();
        if warnings.is_empty() {
            return;
        }
        let said = self.message.take().map(|m| m.text);
        let text = said
            .into_iter()
            .chain(warnings.iter().map(crate::i18n::word))
            .collect::<Vec<_>>()
            .join("; ");
        self.message = Some(Message { text, error: true });
    }
}
