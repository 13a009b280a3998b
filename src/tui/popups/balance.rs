//! A member's balance (Enter in Rankings): balance, available points,
//! the next reward, what expires within 30 days, and the progress to the
//! next tier of each attainment rule in force.

use crate::ops::catalog::BalanceRow;
use crate::tui::strings as s;
use crate::tui::theme::Theme;
use crate::tui::widgets::popup;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

pub fn render(
    b: &BalanceRow,
    progress: &[crate::ops::statement::Progress],
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    let next = match &b.next_reward {
        Some((r, missing)) => {
            s::next_reward(&r.code, &r.name, &r.cost.to_string(), &missing.to_string())
        }
        None => s::ALL_WITHIN_REACH().to_string(),
    };
    let lines = vec![
        Line::styled(format!("{} {}", b.member, b.name), theme.title()),
        Line::raw(""),
        Line::raw(s::balance_line(s::BALANCE_WORD(), &b.balance.to_string())),
        // The note only where pending redemptions do hold points back.
        Line::raw(match b.available == b.balance {
            true => s::balance_line(s::AVAILABLE(), &b.available.to_string()),
            false => format!(
                "{}  ({})",
                s::balance_line(s::AVAILABLE(), &b.available.to_string()),
                s::HELD_BACK()
            ),
        }),
        Line::raw(s::balance_line(s::NEXT_REWARD(), &next)),
        Line::raw(s::balance_line(
            s::EXPIRING_30D(),
            &b.expiring_30d.to_string(),
        )),
    ];
    let mut lines = lines;
    for p in progress {
        lines.push(Line::raw(crate::i18n::summaries::progress_line(p)));
    }
    lines.extend([
        Line::raw(""),
        Line::styled(s::DETAIL_KEYS().to_string(), theme.dim()),
    ]);
    let w = (area.width - 4).min(76);
    popup::render(
        popup::centred(area, w, lines.len() as u16 + 2),
        buf,
        s::BALANCE_TITLE(),
        lines,
    );
}
