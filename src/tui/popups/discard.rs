//! "Discard the changes?" over a rule editor with unsaved edits.

use super::{Outcome, Overlay, RuleEditor};
use crate::error::Result;
use crate::tui::action::Action;
use crate::tui::strings as s;
use crate::tui::theme::Theme;
use crate::tui::widgets::popup;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

pub fn update(editor: Box<RuleEditor>, action: Action) -> Result<Outcome> {
    Ok(match action {
        Action::Confirm => Outcome::done().say(s::RULE_DISCARDED()),
        Action::Quit => Outcome::quit(),
        _ => Outcome::show(Overlay::Rule(editor)),
    })
}

pub fn render(editor: &RuleEditor, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let lines = vec![
        Line::raw(""),
        Line::styled(
            format!(" {}", s::discard_question(editor.id())),
            theme.title(),
        ),
        Line::raw(""),
        Line::styled(format!(" {}", s::CONFIRM_KEYS()), theme.dim()),
    ];
    let h = lines.len() as u16 + 2;
    popup::render(popup::centred(area, 60, h), buf, s::DISCARD_TITLE(), lines);
}
