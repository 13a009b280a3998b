//! What a key press does before the router sees it: Esc and a key
//! arriving together over a laggy link, the screen too small to act on,
//! what may be done while a rule save runs, and the question whether to
//! wait for that save before quitting.

use super::action::Action;
use super::app::{App, Message, Overlay};
use super::keymap;
use super::panes::Pane;
use super::strings as s;
use crossterm::event::KeyEvent;

impl App {
    /// A key press: mapped through the keymap, then `update`. While the
    /// screen is too small only `q` and `Ctrl-C` work: nothing may change
    /// what cannot be seen. While a rule save runs, only what changes
    /// nothing in the store works, and quitting asks first.
    pub fn handle_key(&mut self, key: KeyEvent) {
        use crossterm::event::{KeyCode, KeyModifiers};
        // Esc and the next key arriving together (a laggy SSH link) reach
        // merit as Alt-key; merit binds no Alt key, so it is both keys.
        if key.modifiers.contains(KeyModifiers::ALT)
            && !key.modifiers.contains(KeyModifiers::CONTROL)
        {
            self.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
            let mut rest = key;
            rest.modifiers.remove(KeyModifiers::ALT);
            return self.handle_key(rest);
        }
        if self.asking_wait {
            return self.answer_wait(key);
        }
        if self.too_small() {
            if keymap::quits(key) {
                if self.saving.is_none() && !matches!(self.overlay, Overlay::None) {
                    // A form or a rule edit open: quitting warns first, as
                    // it does at full size (it quit, the edit lost).
                    self.update(Action::Quit);
                } else {
                    self.quit_or_ask();
                }
            }
            return;
        }
        let mode = self.overlay.input_mode();
        let Some(action) = keymap::action_for(key, mode, self.pane.scope()) else {
            return;
        };
        if self.saving.is_some() {
            if action == Action::Quit {
                return self.quit_or_ask();
            }
            if !self.harmless(action) {
                self.message = Some(Message {
                    text: s::WAIT_FOR_SAVE().into(),
                    error: true,
                });
                return;
            }
        }
        self.update(action);
    }

    /// Text pasted (the terminal's bracketed paste): typed into the field
    /// being typed in, its printable characters one by one; anywhere else
    /// it does nothing. A paste never runs keys (a pasted ESC and `y`
    /// were a key each: Esc, then a question answered).
    pub fn paste(&mut self, text: &str) {
        // Only into a field: not on a screen too small to show it (where
        // `q` quits), not as the answer to a question, not while a save
        // runs, not into the new-rule menu (where letters choose).
        let field = self.overlay.input_mode() == keymap::InputMode::Text
            && !matches!(self.overlay, Overlay::ChooseKind);
        if !field || self.too_small() || self.asking_wait || self.saving.is_some() {
            return;
        }
        let printable = |c: &char| !c.is_control() && !crate::text::is_hidden(*c);
        for c in text.chars().filter(printable) {
            self.update(Action::Input(c));
            if self.overlay.input_mode() != keymap::InputMode::Text {
                return;
            }
        }
    }

    /// Quits, or asks first while a rule save runs.
    pub(super) fn quit_or_ask(&mut self) {
        if self.saving.is_none() {
            self.quit = true;
            return;
        }
        self.asking_wait = true;
        self.message = Some(Message {
            text: s::ASK_WAIT().into(),
            error: true,
        });
    }

    /// The answer to "wait for the save?": `y` waits and then quits, `n`
    /// quits now and the save is undone, `Esc` goes back to the screen.
    pub(super) fn answer_wait(&mut self, key: KeyEvent) {
        use crossterm::event::KeyCode;
        // The save failed while the lead was quitting: `q` (or `n`)
        // quits without it, Enter (or `y`, Esc) goes back to its date.
        if self.failed_save.is_some() {
            match key.code {
                KeyCode::Char('q' | 'n') => self.quit = true,
                KeyCode::Char('y') | KeyCode::Enter | KeyCode::Esc => {
                    self.overlay = self.failed_save.take().unwrap_or_default();
                    self.asking_wait = false;
                    self.message = None;
                }
                _ => {}
            }
            return;
        }
        match key.code {
            KeyCode::Char('y') | KeyCode::Enter => {
                self.asking_wait = false;
                self.quit_when_saved = true;
                self.message = Some(Message {
                    text: s::WAITING_FOR_SAVE().into(),
                    error: false,
                });
                self.poll_saving();
            }
            KeyCode::Char('n') => {
                self.cancel_save();
                self.quit = true;
            }
            KeyCode::Esc => {
                self.asking_wait = false;
                self.message = None;
            }
            _ => {}
        }
    }

    /// What may be done while a rule save runs: moving about, reading,
    /// filtering, marking; nothing that writes.
    pub(super) fn harmless(&self, action: Action) -> bool {
        match self.overlay {
            Overlay::Help
            | Overlay::Filter
            | Overlay::Detail(_)
            | Overlay::Balance(_)
            | Overlay::Team(_) => true,
            Overlay::None => match action {
                Action::Open => self.pane == Pane::Ledger,
                _ => matches!(
                    action,
                    Action::Pane(_)
                        | Action::NextPane
                        | Action::PrevPane
                        | Action::Up
                        | Action::Down
                        | Action::PageUp
                        | Action::PageDown
                        | Action::Top
                        | Action::Bottom
                        | Action::PrevPeriod
                        | Action::NextPeriod
                        | Action::CyclePeriodKind
                        | Action::StartFilter
                        | Action::Help
                        | Action::Cancel
                        | Action::ToggleMark
                        | Action::MarkAll
                        | Action::ClearMarks
                        | Action::ToggleTeams
                        | Action::TogglePending
                        | Action::ToggleCategories
                ),
            },
            _ => false,
        }
    }
}
