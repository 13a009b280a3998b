//! "Publish the site?", asked before `P` in Rankings writes one: it names
//! the period, which points (approved only, or with pending, as the pane
//! shows them), the language (the screen's) and the folder; `y` publishes
//! by the same path as `merit publish`, and the status line says the same
//! afterwards.

use super::{Outcome, PopupCx};
use crate::domain::Period;
use crate::error::Result;
use crate::tui::action::Action;
use crate::tui::strings as s;
use crate::tui::theme::Theme;
use crate::tui::widgets::popup;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use std::path::PathBuf;

/// A site waiting for its confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishAsk {
    pub period: Period,
    pub with_pending: bool,
    /// The folder the site goes to (made only when confirmed).
    pub dir: PathBuf,
}

impl PublishAsk {
    pub fn update(self, action: Action, cx: &mut PopupCx) -> Result<Outcome> {
        match action {
            Action::Confirm => {
                crate::publish::prepare_site(&self.dir)?;
                let o = crate::publish::PublishOptions {
                    lang: crate::i18n::current(),
                    include_pending: self.with_pending,
                    ..Default::default()
                };
                let p = crate::publish::publish(
                    cx.store.db(),
                    self.period,
                    cx.ctx.today,
                    &self.dir,
                    o,
                )?;
                let text = s::published(
                    &self.period.to_string(),
                    self.with_pending,
                    &self.dir.display().to_string(),
                    p.pages,
                );
                Ok(Outcome::done().say(text))
            }
            Action::Quit => Ok(Outcome::quit()),
            _ => Ok(Outcome::done()),
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let dir = self.dir.display().to_string();
        let [question, points, lang, folder, replaces] =
            s::publish_question(&self.period.to_string(), self.with_pending, &dir);
        // Lines wrap at the popup's width (the folder too, whole: the
        // lead reads where the site goes), and the text is made visible.
        let lines = vec![
            Line::raw(""),
            Line::styled(format!(" {question}"), theme.title()),
            Line::raw(""),
            Line::raw(format!(" {points}")),
            Line::raw(format!(" {lang}")),
            Line::raw(format!(" {folder}")),
            Line::raw(format!(" {replaces}")),
            Line::raw(""),
            Line::styled(format!(" {}", s::PUBLISH_KEYS()), theme.dim()),
        ];
        let w = area.width.saturating_sub(4).min(72);
        let h = popup::height(&lines, w).min(area.height);
        popup::render(popup::centred(area, w, h), buf, s::PUBLISH_TITLE(), lines);
    }
}
