//! The Catalog pane: the rewards, and the redemption queue (pending first)
//! with each member's balance and available points; marks by redemption
//! id; its keys decide requests and open the reward form.

use crate::domain::{Points, Redemption, Reward, Status};
use crate::error::Result;
use crate::i18n::t;
use crate::ops::catalog::standings_of;
use crate::store::Db;
use crate::tui::action::Action;
use crate::tui::panes::PaneCx;
use crate::tui::panes::moved;
use crate::tui::popups::{Confirmation, Outcome, Overlay, RewardForm, Target};
use crate::tui::strings as s;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::{left, right, row, scroll_for};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};
use std::collections::{BTreeMap, HashMap};

/// One queue row: the request and its member's standing.
#[derive(Debug, Clone)]
pub struct QueueRow {
    pub redemption: Redemption,
    pub name: String,
    pub balance: Points,
    pub available: Points,
}

#[derive(Debug, Clone, Default)]
pub struct CatalogPane {
    pub rewards: Vec<Reward>,
    pub queue: Vec<QueueRow>,
    pub cursor: usize,
    pub scroll: usize,
    pub height: usize,
    pub marks: BTreeMap<i64, Points>,
    /// Whether a text filter (`/`) chose the rows: an empty list then says
    /// nothing matches, not that there is nothing.
    pub filtered: bool,
}

impl CatalogPane {
    pub fn reload(&mut self, db: Db, filter: &str, today: chrono::NaiveDate) -> Result<()> {
        let hit = |fields: &[&str]| super::matches(filter, fields);
        self.filtered = !filter.trim().is_empty();
        let keep = self.current().map(|q| q.redemption.id);
        self.rewards = db
            .rewards()?
            .into_iter()
            .filter(|r| hit(&[&r.code, &r.name, &r.category]))
            .collect();
        // Balances of the members in the queue only: the whole ledger is
        // never read to draw this pane.
        let names: HashMap<String, String> = db
            .members()?
            .into_iter()
            .map(|m| (m.code, m.name))
            .collect();
        let redemptions = db.redemptions(None)?;
        let mut members: Vec<&str> = redemptions.iter().map(|r| r.member.as_str()).collect();
        members.sort_unstable();
        members.dedup();
        let standing = standings_of(db, &members, today)?;
        let mut queue: Vec<QueueRow> = Vec::new();
        for r in redemptions {
            let (balance, available) = standing.get(&r.member).copied().unwrap_or_default();
            let name = names.get(&r.member).cloned().unwrap_or_default();
            let row = QueueRow {
                redemption: r,
                name,
                balance,
                available,
            };
            if hit(&[&row.redemption.member, &row.name, &row.redemption.reward]) {
                queue.push(row);
            }
        }
        queue.sort_by_key(|q| (q.redemption.status != Status::Pending, q.redemption.id));
        self.queue = queue;
        let pending: HashMap<i64, Points> = self
            .queue
            .iter()
            .filter(|q| q.redemption.status == Status::Pending)
            .map(|q| (q.redemption.id, q.redemption.points))
            .collect();
        self.marks.retain(|id, _| pending.contains_key(id));
        // The cursor stays on its request when that one is still listed.
        self.cursor = keep
            .and_then(|id| self.queue.iter().position(|q| q.redemption.id == id))
            .unwrap_or(self.cursor)
            .min(self.queue.len().saturating_sub(1));
        Ok(())
    }

    pub fn current(&self) -> Option<&QueueRow> {
        self.queue.get(self.cursor)
    }

    pub fn toggle_mark(&mut self) {
        if let Some(q) = self
            .current()
            .filter(|q| q.redemption.status == Status::Pending)
        {
            let (id, p) = (q.redemption.id, q.redemption.points);
            if self.marks.remove(&id).is_none() {
                self.marks.insert(id, p);
            }
        }
    }

    pub fn mark_all(&mut self) {
        for q in self
            .queue
            .iter()
            .filter(|q| q.redemption.status == Status::Pending)
        {
            self.marks.insert(q.redemption.id, q.redemption.points);
        }
    }

    pub fn update(&mut self, action: Action, cx: &mut PaneCx) -> Result<Outcome> {
        use Action::*;
        match action {
            Up | Down | PageUp | PageDown | Top | Bottom => {
                self.cursor = moved(self.cursor, self.queue.len(), action, self.height);
            }
            ToggleMark => {
                self.toggle_mark();
                self.cursor = moved(self.cursor, self.queue.len(), Down, self.height);
            }
            MarkAll => self.mark_all(),
            ClearMarks => self.marks.clear(),
            Approve | Reject => {
                let (ids, points) = self.decision_targets();
                if ids.is_empty() {
                    return Ok(Outcome::done().say(s::NOTHING_PENDING()));
                }
                let decision = if action == Approve {
                    Status::Approved
                } else {
                    Status::Rejected
                };
                let target = Target::Redemptions { decision, ids };
                return Ok(Outcome::show(Overlay::Confirm(Confirmation::new(
                    target, points,
                ))));
            }
            New | Edit => {
                let db = cx.store.db();
                let rewards = db.rewards()?;
                let current = if action == Edit {
                    let code = self.current().map(|q| q.redemption.reward.clone());
                    rewards
                        .iter()
                        .find(|r| Some(&r.code) == code.as_ref())
                        .or(rewards.first())
                        .cloned()
                } else {
                    None
                };
                let mut limits = HashMap::new();
                for r in &rewards {
                    limits.insert(r.code.clone(), db.reward_limits(&r.code)?);
                }
                let form = RewardForm::new(rewards, limits, current.as_ref());
                return Ok(Outcome::show(Overlay::Reward(Box::new(form))));
            }
            _ => {}
        }
        Ok(Outcome::done())
    }

    /// The pending redemptions a decision acts on, and their points.
    pub fn decision_targets(&self) -> (Vec<i64>, Points) {
        if self.marks.is_empty() {
            match self
                .current()
                .filter(|q| q.redemption.status == Status::Pending)
            {
                Some(q) => (vec![q.redemption.id], q.redemption.points),
                None => (Vec::new(), Points::default()),
            }
        } else {
            (
                self.marks.keys().copied().collect(),
                self.marks.values().copied().sum(),
            )
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        // Header, rewards and a blank line, in at most half the pane.
        let top = (self.rewards.len() as u16 + 2).clamp(3, area.height / 2);
        let [rewards, queue] =
            Layout::vertical([Constraint::Length(top), Constraint::Fill(1)]).areas(area);
        self.render_rewards(rewards, top.saturating_sub(1) as usize, buf, theme);
        self.render_queue(queue, buf, theme);
    }

    /// The rewards' header and up to `rows` rewards.
    fn render_rewards(&self, area: Rect, rows: usize, buf: &mut Buffer, theme: &Theme) {
        let rc = [left(10), left(24), right(8), right(9), left(12), left(6)];
        let mut lines = vec![Line::styled(
            format!(
                "  {}",
                row(
                    &rc,
                    &[
                        t("reward-2"),
                        t("name"),
                        t("cost"),
                        t("stock"),
                        t("category"),
                        t("active")
                    ]
                )
            ),
            theme.header_row(),
        )];
        if self.rewards.is_empty() {
            let none = match self.filtered {
                true => s::NO_REWARD_MATCHES(),
                false => s::NO_REWARDS(),
            };
            lines.push(Line::styled(format!("  {none}"), theme.dim()));
        }
        for r in self.rewards.iter().take(rows) {
            let stock = r
                .stock
                .map(|n| n.to_string())
                .unwrap_or_else(|| t("unlimited").into());
            let text = row(
                &rc,
                &[
                    &r.code,
                    &r.name,
                    &r.cost.to_string(),
                    &stock,
                    &r.category,
                    if r.active { t("yes") } else { t("no") },
                ],
            );
            lines.push(if r.active {
                Line::raw(format!("  {text}"))
            } else {
                Line::styled(format!("  {text}"), theme.dim())
            });
        }
        Paragraph::new(lines).render(area, buf);
    }

    /// The redemption queue, scrolled to the cursor, with the marks.
    fn render_queue(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        // The quantity column fits its header (数量 in Chinese).
        let qty_w = crate::text::width(crate::i18n::t("qty")).max(3);
        let qc = [
            right(4),
            left(6),
            left(10),
            left(10),
            right(qty_w),
            right(8),
            left(8),
            right(8),
            right(9),
        ];
        let mut lines = vec![Line::styled(
            format!(
                "  {}",
                row(
                    &qc,
                    &[
                        t("id"),
                        t("member"),
                        "",
                        t("reward-2"),
                        t("qty"),
                        t("points"),
                        t("status"),
                        t("balance-2"),
                        t("available")
                    ]
                )
            ),
            theme.header_row(),
        )];
        if self.queue.is_empty() {
            let none = match self.filtered {
                true => s::NO_REDEMPTION_MATCHES(),
                false => s::NO_REDEMPTIONS(),
            };
            lines.push(Line::styled(format!("  {none}"), theme.dim()));
        }
        let height = area.height.saturating_sub(1) as usize;
        let scroll = scroll_for(self.cursor, self.scroll, height, self.queue.len());
        for (i, q) in self.queue.iter().enumerate().skip(scroll).take(height) {
            let r = &q.redemption;
            let marked = self.marks.contains_key(&r.id);
            let cursor = i == self.cursor;
            let text = row(
                &qc,
                &[
                    &r.id.to_string(),
                    &r.member,
                    &q.name,
                    &r.reward,
                    &r.qty.to_string(),
                    &r.points.to_string(),
                    s::word(r.status.as_str()),
                    &q.balance.to_string(),
                    &q.available.to_string(),
                ],
            );
            let line = format!(
                "{}{}{text}",
                if cursor { ">" } else { " " },
                if marked { "*" } else { " " }
            );
            let mut style = ratatui::style::Style::default();
            if marked {
                style = style.patch(theme.marked());
            }
            if cursor {
                style = style.patch(theme.cursor());
            }
            lines.push(Line::styled(line, style));
        }
        Paragraph::new(lines).render(area, buf);
    }
}
