//! The status line's message: an error an action ended in, and the
//! warnings a write leaves behind (a checkpoint it could not keep), said
//! after whatever the action itself said.

use super::app::{App, Message};
use crate::error::Error;

impl App {
    /// Shows `e` in the status line.
    pub(super) fn fail(&mut self, e: Error) {
        self.message = Some(Message {
            text: crate::i18n::error_lines(&e).join("; "),
            error: true,
        });
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
