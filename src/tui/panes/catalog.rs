//! The Catalog pane. The store has no rewards yet (they arrive with the
//! catalog commands), so the pane says so plainly rather than showing an
//! empty table that looks broken.

use crate::tui::strings as s;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub fn render(area: Rect, buf: &mut Buffer, theme: &Theme) {
    Paragraph::new(vec![
        Line::raw(""),
        Line::styled(format!("  {}", s::NO_REWARDS), theme.title()),
        Line::raw(""),
        Line::styled(format!("  {}", s::CATALOG_LATER), theme.dim()),
    ])
    .wrap(Wrap { trim: false })
    .render(area, buf);
}
