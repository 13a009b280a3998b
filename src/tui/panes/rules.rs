//! The Rules pane: every rule version in force with its kind, category,
//! window and active flag; under it the selected rule's versions, replaced
//! ones too, and the selected version in full. Its keys open the rule
//! editor (`popups/rule_editor.rs`), the new-rule chooser, and the date
//! question for turning a rule on or off or ending it.

use crate::error::Result;
use crate::i18n::t;
use crate::ops::preview::Preview;
use crate::rules::rule_body_toml;
use crate::rules::{Change, RuleVersion};
use crate::store::{Db, StoredRule};
use crate::tui::action::Action;
use crate::tui::panes::PaneCx;
use crate::tui::panes::moved;
use crate::tui::popups::{Outcome, Overlay, RuleDate, RuleEditor};
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
    /// Every stored version of the selected rule, oldest first.
    pub history: Vec<StoredRule>,
}

fn window(r: &RuleVersion) -> String {
    let d = |x: Option<chrono::NaiveDate>| x.map(|d| d.to_string()).unwrap_or_else(|| "…".into());
    if r.valid_from.is_none() && r.valid_to.is_none() {
        t("always").into()
    } else {
        format!("{} {} {}", d(r.valid_from), t("to"), d(r.valid_to))
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
        // By id, then by window: a rule's versions side by side, oldest first,
        // wherever a change wrote them.
        self.rules
            .sort_by(|a, b| a.id.cmp(&b.id).then(a.valid_from.cmp(&b.valid_from)));
        self.cursor = self.cursor.min(self.rules.len().saturating_sub(1));
        self.load_history(db)
    }

    /// Puts the cursor on the version of `id` in force on `day`, else its first.
    pub fn select(&mut self, id: &str, day: chrono::NaiveDate) {
        let versions = || self.rules.iter().enumerate().filter(|(_, r)| r.id == id);
        if let Some((i, _)) = versions()
            .find(|(_, r)| r.window_contains(day))
            .or_else(|| versions().next())
        {
            self.cursor = i;
        }
    }

    pub fn update(&mut self, action: Action, cx: &mut PaneCx) -> Result<Outcome> {
        use Action::*;
        match action {
            Up | Down | PageUp | PageDown | Top | Bottom => {
                self.cursor = moved(self.cursor, self.rules.len(), action, self.height);
                self.load_history(cx.store.db())?;
            }
            Open => {
                if let Some(v) = self.current().cloned() {
                    let db = cx.store.db();
                    let set = db.rules()?;
                    let preview = Preview::load(db, cx.period, &set.rules, cx.ctx.today)?;
                    let editor = RuleEditor::edit(&v, set, preview);
                    return Ok(Outcome::show(Overlay::Rule(Box::new(editor))));
                }
            }
            New => return Ok(Outcome::show(Overlay::ChooseKind)),
            ToggleActive => {
                if let Some(v) = self.current().cloned() {
                    let from = crate::ops::rules::change_date(&v, cx.period);
                    let on = !v.active;
                    let question = s::toggle_question(&v.id, on);
                    let change = Change::Put(Box::new(RuleVersion {
                        active: on,
                        ..v.clone()
                    }));
                    let ask = RuleDate::ask(v.id, change, question, from, None);
                    return Ok(Outcome::show(ask));
                }
            }
            EndRule => {
                if let Some(v) = self.current().cloned() {
                    let from = crate::ops::rules::change_date(&v, cx.period);
                    let question = s::end_question(&v.id);
                    let ask = RuleDate::ask(v.id, Change::End, question, from, None);
                    return Ok(Outcome::show(ask));
                }
            }
            _ => {}
        }
        Ok(Outcome::done())
    }

    pub fn current(&self) -> Option<&RuleVersion> {
        self.rules.get(self.cursor)
    }

    /// Reads the selected rule's versions.
    pub fn load_history(&mut self, db: Db) -> Result<()> {
        self.history = match self.current() {
            Some(r) => db.rule_history(&r.id)?,
            None => Vec::new(),
        };
        Ok(())
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        if self.rules.is_empty() {
            Paragraph::new(vec![
                Line::raw(""),
                Line::styled(format!("  {}", s::NO_RULES()), theme.dim()),
            ])
            .render(area, buf);
            return;
        }
        let list_h = (self.rules.len() as u16 + 1).min(area.height / 2).max(3);
        let [list, detail] =
            Layout::vertical([Constraint::Length(list_h), Constraint::Fill(1)]).areas(area);
        self.render_list(list, buf, theme);
        if let Some(r) = self.rules.get(self.cursor) {
            self.render_versions(r, detail, buf, theme);
        }
    }

    /// The rules, one a line, scrolled to the cursor.
    fn render_list(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
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
                row(
                    &cols,
                    &[
                        t("id"),
                        t("name"),
                        s::COL_KIND(),
                        t("category"),
                        t("window"),
                        t("on")
                    ]
                )
            ),
            theme.header_row(),
        )];
        let height = area.height.saturating_sub(1) as usize;
        let scroll = scroll_for(self.cursor, self.scroll, height);
        for (i, r) in self.rules.iter().enumerate().skip(scroll).take(height) {
            let active = if r.active { t("yes") } else { t("no") };
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
        Paragraph::new(lines).render(area, buf);
    }

    /// The rule under the cursor: its versions, then its rules-file text.
    fn render_versions(&self, r: &RuleVersion, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let mut lines = vec![Line::styled(
            format!("  {} ({}): {}", r.name, r.id, s::VERSIONS()),
            theme.title(),
        )];
        for h in &self.history {
            let v = &h.version;
            let saved_when = match (&h.saved_at, &h.saved_by) {
                (Some(at), Some(by)) => Some((short_time(at), by.as_str())),
                _ => None,
            };
            let saved = saved_when
                .map(|(at, by)| s::saved_by(at, by))
                .unwrap_or_default();
            let (text, style) = match (&h.replaced_at, &h.replaced_by) {
                (Some(at), Some(by)) => (
                    // What replaced it comes first: it is what a narrow
                    // screen must keep.
                    s::replaced_version(&window(v), !v.active, short_time(at), by, saved_when),
                    theme.dim(),
                ),
                _ => (
                    s::version_in_force(&window(v), !v.active, &saved),
                    Default::default(),
                ),
            };
            lines.push(Line::styled(text, style));
        }
        lines.push(Line::raw(""));
        lines.extend(
            rule_body_toml(r)
                .lines()
                .map(|l| Line::raw(format!("  {l}"))),
        );
        Paragraph::new(lines).render(area, buf);
    }
}

/// "2026-11-25 10:04:31" → "2026-11-25 10:04".
fn short_time(t: &str) -> &str {
    t.get(..16).unwrap_or(t)
}
