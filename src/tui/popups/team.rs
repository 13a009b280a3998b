//! A team's members (Enter on a team row in Rankings): each member's rank
//! in the company, points and pending points, as the member rows show.

use crate::ops::standings::RankingRow;
use crate::tui::strings as s;
use crate::tui::theme::Theme;
use crate::tui::widgets::popup;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

/// The team and its members' rows, in ranking order.
#[derive(Debug, Clone)]
pub struct TeamMembers {
    pub team: String,
    pub rows: Vec<RankingRow>,
}

pub fn render(t: &TeamMembers, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let pad = |text: &str, w: usize| {
        let shown = crate::text::visible(text);
        let cut: String = {
            let mut out = String::new();
            for c in shown.chars() {
                if UnicodeWidthStr::width(out.as_str())
                    + UnicodeWidthStr::width(c.to_string().as_str())
                    > w
                {
                    break;
                }
                out.push(c);
            }
            out
        };
        let room = w.saturating_sub(UnicodeWidthStr::width(cut.as_str()));
        format!("{cut}{}", " ".repeat(room))
    };
    let mut lines = vec![
        Line::styled(s::team_members_title(&t.team, t.rows.len()), theme.title()),
        Line::raw(""),
    ];
    let room = (area.height as usize).saturating_sub(8);
    for r in t.rows.iter().take(room) {
        lines.push(Line::raw(format!(
            "{:>4}  {} {} {:>10} {:>10}",
            r.rank,
            pad(&r.who, 6),
            pad(&r.name, 16),
            r.points.to_string(),
            format!("+{}", r.pending)
        )));
    }
    if t.rows.len() > room {
        lines.push(Line::raw(s::more(t.rows.len() - room)));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(s::DETAIL_KEYS().to_string(), theme.dim()));
    let w = (area.width - 4).min(60);
    popup::render(
        popup::centred(area, w, lines.len() as u16 + 2),
        buf,
        s::TEAM_TITLE(),
        lines,
    );
}
