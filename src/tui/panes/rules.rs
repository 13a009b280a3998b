//! The Rules pane (read-only for now): every rule version with its kind,
//! category, window and active flag, and the selected version in full.

use crate::error::Result;
use crate::rules::RuleVersion;
use crate::rules::rule_body_toml;
use crate::store::Db;
use crate::tui::strings as s;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::{flex, left, row, scroll_for};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

#[derive(Debug, Clone, Default)]
pub struct RulesPane {
    pub rules: Vec<RuleVersion>,
    pub cursor: usize,
    pub scroll: usize,
    pub height: usize,
}

fn window(r: &RuleVersion) -> String {
    let d = |x: Option<chrono::NaiveDate>| x.map(|d| d.to_string()).unwrap_or_else(|| "…".into());
    if r.valid_from.is_none() && r.valid_to.is_none() {
        "always".into()
    } else {
        format!("{} to {}", d(r.valid_from), d(r.valid_to))
    }
}

impl RulesPane {
    pub fn reload(&mut self, db: Db, filter: &str) -> Result<()> {
        self.rules = db
            .rules()?
            .rules
            .into_iter()
            .filter(|r| super::matches(filter, &[&r.id, &r.name, r.kind_name(), &r.category]))
            .collect();
        self.cursor = self.cursor.min(self.rules.len().saturating_sub(1));
        Ok(())
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        if self.rules.is_empty() {
            Paragraph::new(vec![
                Line::raw(""),
                Line::styled(format!("  {}", s::NO_RULES), theme.dim()),
            ])
            .render(area, buf);
            return;
        }
        let list_h = (self.rules.len() as u16 + 1).min(area.height / 2).max(3);
        let [list, detail] =
            Layout::vertical([Constraint::Length(list_h), Constraint::Fill(1)]).areas(area);
        let width = area.width.saturating_sub(2) as usize;
        let name_w = flex(width, &[13, 10, 12, 23, 3]);
        let cols = [
            left(13),
            left(name_w),
            left(10),
            left(12),
            left(23),
            left(3),
        ];
        let mut lines = vec![Line::styled(
            format!(
                "  {}",
                row(&cols, &["id", "name", "kind", "category", "window", "on"])
            ),
            theme.header_row(),
        )];
        let height = list.height.saturating_sub(1) as usize;
        let scroll = scroll_for(self.cursor, self.scroll, height);
        for (i, r) in self.rules.iter().enumerate().skip(scroll).take(height) {
            let active = if r.active { "yes" } else { "no" };
            let text = row(
                &cols,
                &[
                    &r.id,
                    &r.name,
                    r.kind_name(),
                    &r.category,
                    &window(r),
                    active,
                ],
            );
            let cursor = i == self.cursor;
            let line = format!("{} {text}", if cursor { ">" } else { " " });
            lines.push(if cursor {
                Line::styled(line, theme.cursor())
            } else if r.active {
                Line::raw(line)
            } else {
                Line::styled(line, theme.dim())
            });
        }
        Paragraph::new(lines).render(list, buf);
        if let Some(r) = self.rules.get(self.cursor) {
            let mut lines = vec![
                Line::raw(""),
                Line::styled(format!("  {} ({})", r.name, r.id), theme.title()),
            ];
            lines.extend(
                rule_body_toml(r)
                    .lines()
                    .map(|l| Line::raw(format!("  {l}"))),
            );
            Paragraph::new(lines).render(detail, buf);
        }
    }
}
