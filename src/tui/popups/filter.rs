//! Typing the filter (`/`): each key narrows what every pane shows at once;
//! Enter keeps it, Esc clears it. The filter is the app's: this popup asks
//! for the new text as an effect.

use super::{Outcome, Overlay, PopupCx};
use crate::error::Result;
use crate::tui::action::Action;
use crate::tui::effect::Effect;

pub fn update(action: Action, cx: &mut PopupCx) -> Result<Outcome> {
    Ok(match action {
        Action::Input(c) => {
            let filter = format!("{}{c}", cx.filter);
            Outcome::show(Overlay::Filter)
                .effect(Effect::SetFilter(filter))
                .effect(Effect::LedgerToTop)
                .reload()
        }
        Action::Backspace => {
            let mut filter = cx.filter.to_string();
            filter.pop();
            Outcome::show(Overlay::Filter)
                .effect(Effect::SetFilter(filter))
                .reload()
        }
        Action::Cancel => Outcome::done()
            .effect(Effect::SetFilter(String::new()))
            .reload(),
        Action::Quit => Outcome::quit(),
        Action::Left | Action::Right => Outcome::show(Overlay::Filter),
        // Enter keeps the filter and returns to the pane.
        _ => Outcome::done(),
    })
}
