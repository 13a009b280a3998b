//! What a pane or a popup hands back after an action, for the app to carry
//! out: what is over the pane next (the popups' `Overlay`, which is why it
//! lives here), a status line, effects on the app's own state, a reload,
//! quitting. It holds no pane: the app applies it to them.

use super::{Overlay, RuleDate};
use crate::tui::effect::{Effect, Message};
use chrono::NaiveDate;

/// The result of one action.
#[derive(Debug, Default)]
#[must_use]
pub struct Outcome {
    /// What is over the pane next; `Overlay::None`: nothing (a popup closes).
    pub popup: Overlay,
    /// A new status line; `None` leaves the one shown.
    pub message: Option<Message>,
    /// The store changed: read everything shown again.
    pub reload: bool,
    pub quit: bool,
    /// Ctrl-C over unsaved work warned once: a second one quits.
    pub arm_quit: bool,
    /// Esc over a form with changes warned once: a second one closes it.
    pub arm_cancel: bool,
    /// After the reload, the Rules pane's cursor goes to this rule's
    /// version in force on that day.
    pub select_rule: Option<(String, NaiveDate)>,
    /// A rule change to save on its own thread, from that day (the popup
    /// asking the date comes back with the error if it fails).
    pub save: Option<(Box<RuleDate>, NaiveDate)>,
    /// Changes to the app's own state, applied before the reload.
    pub effects: Vec<Effect>,
}

impl Outcome {
    /// Nothing more: no popup, the status line as it is.
    pub fn done() -> Outcome {
        Outcome::default()
    }

    /// Shows `popup` (a popup keeps itself open this way).
    pub fn show(popup: Overlay) -> Outcome {
        Outcome {
            popup,
            ..Outcome::default()
        }
    }

    pub fn quit() -> Outcome {
        Outcome {
            quit: true,
            ..Outcome::default()
        }
    }

    pub fn say(mut self, text: impl Into<String>) -> Outcome {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
        self
    }

    pub fn warn(mut self, text: impl Into<String>) -> Outcome {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
        self
    }

    pub fn reload(mut self) -> Outcome {
        self.reload = true;
        self
    }

    /// Asks the app for `effect` too.
    pub fn effect(mut self, effect: Effect) -> Outcome {
        self.effects.push(effect);
        self
    }

    /// `Esc` over a form with changes: the first press warns (and keeps
    /// `popup` open), a second one in a row closes it; a form as it opened
    /// closes at once. (An Alt-key, Esc and a key come together over a
    /// laggy link, closed a form and ran its key on the pane.)
    ///
    /// `Ctrl-C` over unsaved work: the first press warns (and keeps
    /// `popup` open), a second one in a row quits; nothing unsaved quits
    /// at once.
    pub fn cancel_unsaved(armed: bool, unsaved: bool, warning: &str, popup: Overlay) -> Outcome {
        if armed || !unsaved {
            return Outcome::done();
        }
        let mut out = Outcome::show(popup).warn(warning);
        out.arm_cancel = true;
        out
    }

    pub fn quit_unsaved(armed: bool, unsaved: bool, warning: &str, popup: Overlay) -> Outcome {
        if armed || !unsaved {
            return Outcome::quit();
        }
        let mut out = Outcome::show(popup).say(warning);
        out.arm_quit = true;
        out
    }
}
