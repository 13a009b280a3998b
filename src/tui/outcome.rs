//! What a pane or a popup hands back after an action, for the app to carry
//! out: what is over the pane next, a status line, a reload, quitting. And
//! what panes and popups may reach while they act (`PaneCx`, `PopupCx`).

use super::panes::catalog::CatalogPane;
use super::panes::ledger::LedgerPane;
use super::popups::Overlay;
use crate::domain::{ClosedPeriods, Period};
use crate::ops::Context;
use crate::store::Store;
use chrono::NaiveDate;

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

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
    /// After the reload, the Rules pane's cursor goes to this rule's
    /// version in force on that day.
    pub select_rule: Option<(String, NaiveDate)>,
    /// A rule change to save on its own thread, from that day (the popup
    /// asking the date comes back with the error if it fails).
    pub save: Option<(Box<super::popups::RuleDate>, NaiveDate)>,
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

    /// `Ctrl-C` over unsaved work: the first press warns (and keeps
    /// `popup` open), a second one in a row quits; nothing unsaved quits
    /// at once.
    pub fn quit_unsaved(armed: bool, unsaved: bool, warning: &str, popup: Overlay) -> Outcome {
        if armed || !unsaved {
            return Outcome::quit();
        }
        let mut out = Outcome::show(popup).say(warning);
        out.arm_quit = true;
        out
    }
}

/// What a pane reaches while it acts.
pub struct PaneCx<'a> {
    pub store: &'a mut Store,
    pub ctx: &'a Context,
    pub period: Period,
    pub filter: &'a str,
    pub closed: &'a ClosedPeriods,
}

/// What a popup reaches while it acts: the store, the filter it may edit,
/// and the panes whose marks a decision clears.
pub struct PopupCx<'a> {
    pub store: &'a mut Store,
    pub ctx: &'a Context,
    pub period: Period,
    pub filter: &'a mut String,
    pub ledger: &'a mut LedgerPane,
    pub catalog: &'a mut CatalogPane,
    /// Rows the pane body shows (the rule editor pages by it).
    pub body_rows: usize,
    /// Ctrl-C was pressed once over unsaved work just before.
    pub armed: bool,
    /// Rule saves run on their own thread (the screen of `merit`; tests
    /// save in place unless they ask for it).
    pub background: bool,
}
