//! Which kind of rule `n` adds in the Rules pane: one key per kind.

use super::rule_form::Kind;
use super::{Outcome, Overlay, PopupCx, RuleEditor};
use crate::error::Result;
use crate::ops::preview::Preview;
use crate::tui::action::Action;
use crate::tui::strings as s;
use crate::tui::widgets::popup;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

pub fn update(action: Action, cx: &mut PopupCx) -> Result<Outcome> {
    Ok(match action {
        Action::Input(c) => match Kind::ALL.into_iter().find(|k| k.key() == c) {
            Some(kind) => {
                let set = cx.store.db().rules()?;
                let preview = Preview::load(cx.store.db(), cx.period, &set.rules, cx.ctx.today)?;
                Outcome::show(Overlay::Rule(Box::new(RuleEditor::add(kind, set, preview))))
            }
            None => Outcome::show(Overlay::ChooseKind),
        },
        Action::Cancel => Outcome::done(),
        Action::Quit => Outcome::quit(),
        _ => Outcome::show(Overlay::ChooseKind),
    })
}

pub fn render(area: Rect, buf: &mut Buffer) {
    let lines = vec![
        Line::raw(""),
        Line::raw(format!(" {}", s::CHOOSE_KIND())),
        Line::raw(format!(" {}", s::CHOOSE_KIND_MORE())),
        Line::raw(""),
    ];
    popup::render(
        popup::centred(area, 64, 6),
        buf,
        s::CHOOSE_KIND_TITLE(),
        lines,
    );
}
