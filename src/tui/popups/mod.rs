//! The popups over a pane. Each lives in its own file with its state, its
//! `update` (which hands back what shows next, as an `Outcome`) and its
//! drawing; this file names them, routes to them, and says what they may
//! reach while they act (`PopupCx`: the store, never a pane).

pub mod balance;
pub mod choose_kind;
pub mod confirm;
pub mod detail;
pub mod discard;
pub mod field;
pub mod filter;
pub mod form_words;
pub mod help;
pub mod manual_form;
pub mod outcome;
pub mod publish;
pub mod reward_form;
pub mod rule_date;
pub mod rule_editor;
pub mod rule_fields;
pub mod rule_form;
pub mod team;

use super::action::Action;
use super::keymap::InputMode;
use super::theme::Theme;
use crate::domain::Period;
use crate::error::Result;
use crate::ops::Context;
use crate::store::Store;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub use confirm::{Confirmation, Target};
pub use detail::Detail;
pub use manual_form::ManualForm;
pub use outcome::Outcome;
pub use reward_form::RewardForm;
pub use rule_date::RuleDate;
pub use rule_editor::RuleEditor;

/// What a popup reaches while it acts: the store, and the filter it may
/// read. What it changes in the app (the filter, the panes' marks) it asks
/// for as an `Effect` in its `Outcome`.
pub struct PopupCx<'a> {
    pub store: &'a mut Store,
    pub ctx: &'a Context,
    pub period: Period,
    pub filter: &'a str,
    /// Rows the pane body shows (the rule editor pages by it).
    pub body_rows: usize,
    /// Ctrl-C was pressed once over unsaved work just before.
    pub armed: bool,
    /// Esc was pressed once over a form with changes just before.
    pub cancel_armed: bool,
    /// Rule saves run on their own thread (the screen of `merit`; tests
    /// save in place unless they ask for it).
    pub background: bool,
}

impl PopupCx<'_> {
    /// `Esc` over a form (`Outcome::cancel_unsaved`): with something typed
    /// it warns first; after Ctrl-C's warning it discards, as that says.
    pub fn cancel_form(&self, changed: bool, form: Overlay) -> Outcome {
        let armed = self.cancel_armed || self.armed;
        Outcome::cancel_unsaved(
            armed,
            changed,
            crate::tui::strings::ESC_AGAIN_CLOSES_FORM(),
            form,
        )
    }
}

/// What sits over the pane, if anything.
#[derive(Debug, Clone, Default)]
pub enum Overlay {
    #[default]
    None,
    Help,
    /// Typing the filter (its text is the app's).
    Filter,
    Confirm(Confirmation),
    Detail(Box<Detail>),
    /// A member's balance, next reward and progress to the next tiers.
    Balance(
        Box<(
            crate::ops::catalog::BalanceRow,
            Vec<crate::ops::statement::Progress>,
        )>,
    ),
    /// A team's members (Enter on a team row).
    Team(Box<team::TeamMembers>),
    Form(Box<ManualForm>),
    /// Adding or changing a reward (Catalog).
    Reward(Box<RewardForm>),
    /// Editing or adding a rule, with the preview.
    Rule(Box<RuleEditor>),
    /// "Discard the changes?" over the rule editor.
    Discard(Box<RuleEditor>),
    /// The date a rule change takes effect, asked before saving.
    RuleDate(Box<RuleDate>),
    /// Which kind of rule `n` adds.
    ChooseKind,
    /// "Publish the site?" (`P` in Rankings).
    Publish(Box<publish::PublishAsk>),
}

impl Overlay {
    /// Carries out `action`; the outcome says what shows next (an error
    /// closes the popup, and the app shows it).
    pub fn update(self, action: Action, cx: &mut PopupCx) -> Result<Outcome> {
        match self {
            Overlay::None => Ok(Outcome::done()),
            Overlay::Help | Overlay::Detail(_) | Overlay::Balance(_) | Overlay::Team(_) => {
                Ok(if action == Action::Quit {
                    Outcome::quit()
                } else {
                    Outcome::done()
                })
            }
            Overlay::Filter => filter::update(action, cx),
            Overlay::Confirm(c) => c.update(action, cx),
            Overlay::Form(f) => f.update(action, cx),
            Overlay::Reward(f) => f.update(action, cx),
            Overlay::Rule(e) => e.update(action, cx),
            Overlay::Discard(e) => discard::update(e, action),
            Overlay::RuleDate(q) => q.update(action, cx),
            Overlay::ChooseKind => choose_kind::update(action, cx),
            Overlay::Publish(p) => p.update(action, cx),
        }
    }

    /// How keys are read while it shows.
    pub fn input_mode(&self) -> InputMode {
        match self {
            Overlay::None => InputMode::Normal,
            Overlay::Filter
            | Overlay::Form(_)
            | Overlay::Reward(_)
            | Overlay::Rule(_)
            | Overlay::RuleDate(_)
            | Overlay::ChooseKind => InputMode::Text,
            Overlay::Discard(_) | Overlay::Publish(_) => InputMode::Dialog,
            Overlay::Confirm(c) if c.takes_reason() => InputMode::Text,
            Overlay::Confirm(_) => InputMode::Dialog,
            Overlay::Help | Overlay::Detail(_) | Overlay::Balance(_) | Overlay::Team(_) => {
                InputMode::Overlay
            }
        }
    }

    /// The rule editor, when it takes the pane's place (under its own
    /// questions too).
    pub fn editor(&self) -> Option<&RuleEditor> {
        match self {
            Overlay::Rule(e) | Overlay::Discard(e) => Some(e),
            Overlay::RuleDate(q) => q.back.as_deref(),
            _ => None,
        }
    }

    /// The footer's text while it shows, when it has its own keys.
    pub fn footer_keys(&self) -> Option<&'static str> {
        use super::strings as s;
        match self {
            Overlay::Rule(_) => Some(s::RULE_FORM_KEYS()),
            Overlay::RuleDate(q) => Some(q.keys()),
            Overlay::Discard(_) | Overlay::Publish(_) => Some(s::CONFIRM_KEYS()),
            _ => None,
        }
    }

    /// Draws it over `area`, the whole screen.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        match self {
            Overlay::None | Overlay::Filter | Overlay::Rule(_) => {}
            Overlay::Help => help::render(area, buf, theme),
            Overlay::Confirm(c) => c.render(area, buf, theme),
            Overlay::Detail(d) => d.render(area, buf, theme),
            Overlay::Balance(b) => balance::render(&b.0, &b.1, area, buf, theme),
            Overlay::Team(t) => team::render(t, area, buf, theme),
            Overlay::Discard(e) => discard::render(e, area, buf, theme),
            Overlay::RuleDate(q) => q.render(area, buf, theme),
            Overlay::ChooseKind => choose_kind::render(area, buf),
            Overlay::Publish(p) => p.render(area, buf, theme),
            Overlay::Reward(f) => f.render(area, buf, theme),
            Overlay::Form(f) => f.render(area, buf, theme),
        }
    }
}
