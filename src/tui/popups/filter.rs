//! Typing the filter (`/`): each key narrows what every pane shows at once;
//! Enter keeps it, Esc clears it.

use super::Overlay;
use crate::error::Result;
use crate::tui::action::Action;
use crate::tui::outcome::{Outcome, PopupCx};

pub fn update(action: Action, cx: &mut PopupCx) -> Result<Outcome> {
    Ok(match action {
        Action::Input(c) => {
            cx.filter.push(c);
            cx.ledger.cursor = 0;
            Outcome::show(Overlay::Filter).reload()
        }
        Action::Backspace => {
            cx.filter.pop();
            Outcome::show(Overlay::Filter).reload()
        }
        Action::Cancel => {
            cx.filter.clear();
            Outcome::done().reload()
        }
        Action::Quit => Outcome::quit(),
        Action::Left | Action::Right => Outcome::show(Overlay::Filter),
        // Enter keeps the filter and returns to the pane.
        _ => Outcome::done(),
    })
}
