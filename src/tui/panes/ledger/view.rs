//! Drawing the Ledger pane: one line per award, marks and the cursor
//! shown without colour too.

use super::LedgerPane;
use crate::domain::{AwardKind, Status};
use crate::i18n::names::RuleNames;
use crate::store::AwardLine;
use crate::tui::strings as s;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::{Col, flex, left, right, row};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

impl LedgerPane {
    /// Wide terminals give names room before the reason column takes the
    /// rest; the points column is as wide as the widest number shown
    /// (`points`), never cut.
    fn columns(width: usize, points: usize) -> [Col; 7] {
        let name = 10 + (width.saturating_sub(100) / 4).min(12);
        let points = points.max(9);
        let fixed = [2, 10, 6, name, points, 11];
        let what = flex(width, &fixed);
        [
            left(1),
            left(10),
            left(6),
            left(name),
            left(what),
            right(points),
            left(11),
        ]
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let width = area.width as usize;
        let end = (self.scroll + self.height).min(self.total);
        let widest = (self.scroll..end)
            .filter_map(|i| i.checked_sub(self.window_start))
            .filter_map(|j| self.window.get(j))
            .map(|r| r.points.to_string().len())
            .max()
            .unwrap_or(0);
        let cols = Self::columns(width, widest);
        let mut lines = vec![Line::styled(
            format!(
                "  {}",
                row(
                    &cols[1..],
                    &[
                        s::COL_DATE(),
                        s::COL_MEMBER(),
                        "",
                        s::COL_WHAT(),
                        s::COL_POINTS(),
                        s::COL_STATUS()
                    ]
                )
            ),
            theme.header_row(),
        )];
        if self.total == 0 {
            lines.push(Line::raw(""));
            lines.push(Line::styled(format!("  {}", s::NO_AWARDS()), theme.dim()));
        }
        for i in self.scroll..end {
            let Some(r) = i
                .checked_sub(self.window_start)
                .and_then(|j| self.window.get(j))
            else {
                break;
            };
            let is_cursor = i == self.cursor;
            // Marks are awards' (a posting's id is the ledger's, and may be
            // a marked award's number: it showed `*` too).
            let marked = r.posting.is_none() && self.marks.contains_key(&r.id);
            let marker = format!(
                "{}{}",
                if is_cursor { ">" } else { " " },
                if marked { "*" } else { " " }
            );
            let what = describe(r, &self.names);
            let date = r.date.to_string();
            let points = r.points.to_string();
            let status = if r.posting.is_none() && self.disputed.contains(&r.id) {
                s::DISPUTED()
            } else if self.is_provisional(r) {
                s::PROVISIONAL()
            } else {
                s::word(r.status.as_str())
            };
            let text = row(
                &cols[1..],
                &[&date, &r.member, &r.name, &what, &points, status],
            );
            let mut style = match r.status {
                Status::Approved => theme.good(),
                Status::Rejected => theme.bad(),
                Status::Pending => ratatui::style::Style::default(),
            };
            if marked {
                style = style.patch(theme.marked());
            }
            if is_cursor {
                style = style.patch(theme.cursor());
            }
            lines.push(Line::from(vec![
                Span::styled(marker, style),
                Span::styled(text, style),
            ]));
        }
        Paragraph::new(lines).render(area, buf);
    }
}

/// What an award is for, in a few words: the rule (by its name in
/// `names`) and subject, or the reason.
pub fn describe(r: &AwardLine, names: &RuleNames) -> String {
    // A redemption's or an expiry's note says what it is
    // (`redemption 1: GIFT ×1`): its kind before it said it twice, and
    // pushed the reward out of the column.
    if r.posting.is_some() {
        return crate::i18n::messages::ledger_note(&r.reason);
    }
    let rule = names.name(&r.rule_id);
    match r.kind {
        AwardKind::Manual => crate::i18n::messages::ledger_note(&r.reason),
        AwardKind::Adjustment => {
            format!("{} {} ({})", rule, r.subject, crate::i18n::t("adjustment"))
        }
        AwardKind::Computed => format!("{} {}", rule, r.subject),
    }
}
