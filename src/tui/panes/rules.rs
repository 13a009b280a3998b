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
    /// Whether the list is the filter's (an empty one then says so).
    pub filtered: bool,
    /// How many versions the store holds in force, whatever the filter.
    pub in_force: usize,
}

/// A version's window as people read it: `always`, `2026-07-01 to …`,
/// `… to 2026-09-30`, `2026-07-01 to 2026-09-30` (in Chinese `2026-07-01 起`,
/// `至 2026-09-30`, `2026-07-01 至 2026-09-30`).
fn window(r: &RuleVersion) -> String {
    window_in(crate::i18n::current(), r)
}

fn window_in(lang: crate::i18n::Lang, r: &RuleVersion) -> String {
    use crate::i18n::{Arg, t_args_in, t_in};
    let d = |x: chrono::NaiveDate| Arg::from(x.to_string());
    match (r.valid_from, r.valid_to) {
        (None, None) => t_in(lang, "always").into(),
        (Some(from), None) => t_args_in(lang, "window-from", &[("from", d(from))]),
        (None, Some(to)) => t_args_in(lang, "window-to", &[("to", d(to))]),
        (Some(from), Some(to)) => {
            t_args_in(lang, "window-from-to", &[("from", d(from)), ("to", d(to))])
        }
    }
}

impl RulesPane {
    pub fn reload(&mut self, db: Db, filter: &str) -> Result<()> {
        self.filtered = !filter.trim().is_empty();
        let all = db.rules()?.rules;
        self.in_force = all.len();
        self.rules = all
            .into_iter()
            .filter(|r| {
                let kind = crate::t!("rule-kind-name", kind = r.kind_name());
                super::matches(filter, &[&r.id, &r.name, r.kind_name(), &kind, &r.category])
            })
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
                Line::styled(
                    format!(
                        "  {}",
                        if self.filtered {
                            s::NO_RULE_MATCH()
                        } else {
                            s::NO_RULES()
                        }
                    ),
                    theme.dim(),
                ),
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
        // The window column is as wide as its widest window (or its
        // header): `always` leaves the room to the names.
        let window_w = self
            .rules
            .iter()
            .map(|r| crate::text::width(&window(r)))
            .fold(crate::text::width(t("window")), usize::max);
        let on_w = crate::text::width(t("on")).max(3);
        let name_w = flex(width, &[13, 10, 12, window_w, on_w]);
        let cols = [
            left(13),
            left(name_w),
            left(10),
            left(12),
            left(window_w),
            left(on_w),
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
        let scroll = scroll_for(self.cursor, self.scroll, height, self.rules.len());
        for (i, r) in self.rules.iter().enumerate().skip(scroll).take(height) {
            let active = if r.active { t("yes") } else { t("no") };
            let kind = crate::t!("rule-kind-name", kind = r.kind_name());
            let text = row(
                &cols,
                &[&r.id, &r.name, &kind, &r.category, &window(r), active],
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
        // The rules file's lines wrapped at the pane's width (a rank
        // rule's places ran past it), a wrapped line's rest indented.
        let inner = (area.width as usize).saturating_sub(4).max(10);
        for l in rule_body_toml(r).lines() {
            let wrapped = crate::tui::widgets::popup::wrap(&Line::raw(l.to_string()), inner);
            for (i, part) in wrapped.into_iter().enumerate() {
                let indent = if i == 0 { "  " } else { "    " };
                let mut spans = vec![ratatui::text::Span::raw(indent)];
                spans.extend(part.spans);
                lines.push(Line::from(spans));
            }
        }
        Paragraph::new(lines).render(area, buf);
    }
}

/// "2026-11-25 10:04:31" → "2026-11-25 10:04".
fn short_time(t: &str) -> &str {
    t.get(..16).unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn version(from: Option<&str>, to: Option<&str>) -> RuleVersion {
        let day = |d: &str| d.parse().unwrap();
        RuleVersion {
            valid_from: from.map(day),
            valid_to: to.map(day),
            ..crate::rules::parse_rules(
                "[[rules]]\nid = \"deal\"\nname = \"签单\"\nkind = \"per_event\"\nevent = \"deal\"\npoints = 1\n",
            )
            .unwrap()
            .rules[0]
            .clone()
        }
    }

    /// A window reads `2026-07-01 起`, `至 2026-09-30`, `2026-07-01 至
    /// 2026-09-30` in Chinese (a version that starts on a day once read
    /// `2026-07-01 结束 …`); the English is as it was.
    #[test]
    fn a_window_reads_as_each_language_says_it() {
        let cases = [
            (Some("2026-07-01"), None, "2026-07-01 起", "2026-07-01 to …"),
            (None, Some("2026-09-30"), "至 2026-09-30", "… to 2026-09-30"),
            (
                Some("2026-07-01"),
                Some("2026-09-30"),
                "2026-07-01 至 2026-09-30",
                "2026-07-01 to 2026-09-30",
            ),
            (None, None, "一直有效", "always"),
        ];
        for (from, to, zh, en) in cases {
            let v = version(from, to);
            assert_eq!(window_in(Lang::ZhCn, &v), zh);
            assert_eq!(window_in(Lang::En, &v), en);
        }
    }
}
