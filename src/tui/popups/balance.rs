//! A member's balance (Enter in Rankings): balance, available points,
//! the next reward and what expires within 30 days.

use crate::ops::catalog::BalanceRow;
use crate::tui::strings as s;
use crate::tui::theme::Theme;
use crate::tui::widgets::popup;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

pub fn render(b: &BalanceRow, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let next = match &b.next_reward {
        Some((r, missing)) => format!(
            "{} ({}, {} points): {missing} to go",
            r.code, r.name, r.cost
        ),
        None => "every active reward is within reach".into(),
    };
    let lines = vec![
        Line::styled(format!("{} {}", b.member, b.name), theme.title()),
        Line::raw(""),
        Line::raw(format!("balance         {}", b.balance)),
        Line::raw(format!(
            "available       {}  (pending redemptions held back)",
            b.available
        )),
        Line::raw(format!("next reward     {next}")),
        Line::raw(format!("expiring in 30d {}", b.expiring_30d)),
        Line::raw(""),
        Line::styled(s::DETAIL_KEYS().to_string(), theme.dim()),
    ];
    let w = (area.width - 4).min(76);
    popup::render(
        popup::centred(area, w, lines.len() as u16 + 2),
        buf,
        s::BALANCE_TITLE(),
        lines,
    );
}
