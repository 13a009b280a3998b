//! The Rankings pane: the period's standings with movement, pending points
//! and attainment; members or teams; a bar chart of the leaders; the
//! cursor row's points week by week (a sparkline under the table).

use crate::domain::{Period, Points};
use crate::error::Result;
use crate::ops::catalog::balances;
use crate::ops::standings::{
    CategorySplit, RankingRow, member_rankings, points_by_category, team_points_by_category,
    team_rankings,
};
use crate::store::Db;
use crate::tui::action::Action;
use crate::tui::panes::PaneCx;
use crate::tui::panes::moved;
use crate::tui::popups::{Outcome, Overlay};
use crate::tui::strings as s;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::{Col, flex, left, right, row, scroll_for};
use crate::tui::widgets::{chart, sparkline};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};
use rust_decimal::Decimal;

#[derive(Debug, Clone, Default)]
pub struct RankingsPane {
    pub teams: bool,
    /// Ranked by approved and pending points; `None` until chosen with `i`:
    /// pending included while nothing is approved in the period.
    pub include_pending: Option<bool>,
    /// Whether the rows shown include pending points.
    pub with_pending: bool,
    /// The period's pending points (the subtitle says them).
    pub pending: crate::domain::Points,
    pub rows: Vec<RankingRow>,
    /// Whether a text filter (`/`) chose the rows: an empty table then
    /// says so, rather than that there is nobody to rank.
    pub filtered: bool,
    pub cursor: usize,
    pub scroll: usize,
    pub height: usize,
    /// `c`: the chart shows the cursor row's points by category.
    pub by_category: bool,
    /// Per member code (or team), points per category.
    pub split: CategorySplit,
    /// Per member code (or team), points per week of the period
    /// (`ops::weekly`, counted like the rows).
    pub weeks: std::collections::HashMap<String, Vec<Points>>,
    /// The period's first and last days, `MM-DD`, at the sparkline's ends.
    pub span: (String, String),
    /// The period shown, as the command line names it (`2026-Q4`).
    pub period: String,
    /// Why the rows could not be read, said in their place (a sum the
    /// store cannot give, a connection lost) rather than "no members".
    pub unread: Option<String>,
}

impl RankingsPane {
    pub fn reload(&mut self, db: Db, period: Period, filter: &str) -> Result<()> {
        let read = self.read(db, period, filter);
        match &read {
            Ok(()) => self.unread = None,
            Err(e) => {
                // Neither another period's rows nor half of these under
                // the header: what stopped them is said in their place.
                self.rows.clear();
                self.weeks.clear();
                self.split = CategorySplit::new();
                self.pending = Points::ZERO;
                self.cursor = 0;
                self.scroll = 0;
                self.unread = Some(crate::i18n::error_lines(e).join("; "));
            }
        }
        read
    }

    fn read(&mut self, db: Db, period: Period, filter: &str) -> Result<()> {
        self.with_pending = match self.include_pending {
            Some(chosen) => chosen,
            None => db
                .points_by_member(period.start(), period.end(), false)?
                .is_empty(),
        };
        self.pending = db.pending_summary(period.start(), period.end())?.1;
        let rows = if self.teams {
            team_rankings(db, period, self.with_pending)?
        } else {
            member_rankings(db, period, self.with_pending)?
        };
        self.rows = rows
            .into_iter()
            .filter(|r| super::matches(filter, &[&r.who, &r.name, &r.team]))
            .collect();
        self.filtered = !filter.trim().is_empty();
        self.split = if !self.by_category {
            CategorySplit::new()
        } else if self.teams {
            team_points_by_category(db, period, self.with_pending)?
        } else {
            points_by_category(db, period, self.with_pending)?.1
        };
        let weekly = crate::ops::weekly::weekly_points(db, period, self.with_pending)?;
        self.weeks = if self.teams {
            weekly.by_team(db)?
        } else {
            self.rows
                .iter()
                .map(|r| (r.who.clone(), weekly.of(&r.who)))
                .collect()
        };
        let md = |d: chrono::NaiveDate| d.format("%m-%d").to_string();
        self.span = (md(period.start()), md(period.end()));
        self.period = period.to_string();
        self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
        Ok(())
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let wide = area.width >= 110;
        // The chart's rows: the leaders, or (`c`) the cursor row's
        // categories, which a team view of three rows cut to one.
        let charted = match self.by_category {
            true => self
                .rows
                .get(self.cursor)
                .and_then(|r| self.split.get(&r.who))
                .map_or(0, |cats| cats.len()),
            false => self.rows.len(),
        };
        let chart_rows = charted.min(10) as u16;
        let (table_area, chart_area) = if wide {
            let [a, b] =
                Layout::horizontal([Constraint::Length(74), Constraint::Fill(1)]).areas(area);
            (a, b)
        } else {
            // A third of the body, or what the table leaves (its header,
            // rows, titles line and the sparkline's three lines).
            let table = u16::try_from(self.rows.len())
                .unwrap_or(u16::MAX)
                .saturating_add(5);
            let room = (area.height / 3).max(area.height.saturating_sub(table));
            let h = if self.rows.is_empty() {
                0
            } else {
                (chart_rows + 2).min(room)
            };
            let [a, b] = Layout::vertical([Constraint::Fill(1), Constraint::Length(h)]).areas(area);
            (a, b)
        };
        self.render_table(table_area, buf, theme);
        if chart_area.height > 2 && self.by_category {
            self.render_categories(chart_area, buf, theme, wide);
        } else if chart_area.height > 2 {
            let avail = (chart_area.height - 2) as usize;
            let items: Vec<(String, Points)> = self
                .rows
                .iter()
                .map(|r| {
                    let label = if self.teams {
                        r.who.clone()
                    } else {
                        r.name.clone()
                    };
                    (label, r.points)
                })
                .collect();
            let mut lines = vec![
                Line::raw(""),
                Line::styled(format!(" {}", s::LEADERS()), theme.title()),
            ];
            let width = chart_area.width.saturating_sub(2) as usize;
            lines.extend(
                chart::lines(&items, width, avail)
                    .into_iter()
                    .map(|l| Line::styled(format!(" {l}"), theme.bar())),
            );
            if wide {
                lines.remove(0);
            }
            Paragraph::new(lines).render(chart_area, buf);
        }
    }

    pub fn update(&mut self, action: Action, cx: &mut PaneCx) -> Result<Outcome> {
        use Action::*;
        let (period, filter) = (cx.period, cx.filter);
        match action {
            Up | Down | PageUp | PageDown | Top | Bottom => {
                self.cursor = moved(self.cursor, self.rows.len(), action, self.height);
            }
            Open => {
                let who = self.rows.get(self.cursor).map(|r| r.who.clone());
                match who {
                    Some(team) if self.teams => {
                        let rows = member_rankings(cx.store.db(), period, self.with_pending)?
                            .into_iter()
                            .filter(|r| r.team == team)
                            .collect();
                        let t = crate::tui::popups::team::TeamMembers { team, rows };
                        return Ok(Outcome::show(Overlay::Team(Box::new(t))));
                    }
                    Some(code) => {
                        let rows = balances(cx.store.db(), cx.ctx.today, Some(&code))?;
                        if let Some(b) = rows.into_iter().next() {
                            let mut progress = crate::ops::statement::progress(
                                cx.store.db(),
                                &code,
                                period,
                                cx.ctx.today,
                            )?;
                            // The rules by the names people read, as a
                            // statement has them.
                            let names = crate::i18n::names::RuleNames::read(
                                cx.store.db(),
                                crate::i18n::current(),
                                cx.ctx.today,
                            )?;
                            for p in &mut progress {
                                p.rule = names.name(&p.rule).to_string();
                            }
                            return Ok(Outcome::show(Overlay::Balance(Box::new((b, progress)))));
                        }
                    }
                    None => {}
                }
            }
            ToggleTeams => {
                self.teams = !self.teams;
                self.cursor = 0;
                self.reload(cx.store.db(), period, filter)?;
            }
            TogglePending => {
                self.include_pending = Some(!self.with_pending);
                self.reload(cx.store.db(), period, filter)?;
            }
            ToggleCategories => {
                self.by_category = !self.by_category;
                self.reload(cx.store.db(), period, filter)?;
            }
            Publish => {
                // Asked first: the question names what would be written
                // and where; the same checks and the same atomic
                // replacement as `merit publish` follow a yes.
                let ask = crate::tui::popups::publish::PublishAsk {
                    period,
                    with_pending: self.with_pending,
                    dir: crate::publish::screen_site(cx.store.path(), period),
                };
                return Ok(Outcome::show(Overlay::Publish(Box::new(ask))));
            }
            _ => {}
        }
        Ok(Outcome::done())
    }

    /// The cursor row's points split by category, as bars, with the total
    /// they add up to.
    fn render_categories(&self, area: Rect, buf: &mut Buffer, theme: &Theme, wide: bool) {
        let Some(r) = self.rows.get(self.cursor) else {
            return;
        };
        let who = if self.teams {
            r.who.clone()
        } else {
            format!("{} {}", r.name, r.who)
        };
        let mut lines = vec![Line::styled(
            format!(" {} = {}", s::by_category(&who), r.points),
            theme.title(),
        )];
        if !wide {
            lines.insert(0, Line::raw(""));
        }
        let mut items: Vec<(String, Points)> = self
            .split
            .get(&r.who)
            .map(|cats| {
                cats.iter()
                    .filter(|(_, p)| !p.is_zero())
                    .map(|(c, p)| (crate::i18n::category(c).to_string(), *p))
                    .collect()
            })
            .unwrap_or_default();
        if items.is_empty() {
            lines.push(Line::raw(format!(" {}", s::NO_POINTS())));
        }
        let mut avail = (area.height as usize).saturating_sub(lines.len());
        // When not every category fits, the largest show and a line says
        // how many are left out, so the bars never pass for the whole sum.
        let all = items.len();
        if all > avail {
            avail = avail.saturating_sub(1);
            items.sort_by(|a, b| {
                (b.1.decimal().abs().cmp(&a.1.decimal().abs())).then(a.0.cmp(&b.0))
            });
            items.truncate(avail);
        }
        let width = area.width.saturating_sub(2) as usize;
        lines.extend(
            chart::lines(&items, width, avail)
                .into_iter()
                .map(|l| Line::styled(format!(" {l}"), theme.bar())),
        );
        if all > items.len() {
            lines.push(Line::styled(
                format!(" {}", s::more_categories(all - items.len(), &self.period)),
                theme.dim(),
            ));
        }
        Paragraph::new(lines).render(area, buf);
    }

    fn render_table(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        // Two cells for the cursor column, two spare before the chart.
        let width = area.width.saturating_sub(4) as usize;
        let (header, widths) = self.columns(width);
        let mut lines = vec![Line::styled(
            format!("  {}", row(&widths, &header)),
            theme.header_row(),
        )];
        let titled = self.titled();
        let title_line = !self.teams && !titled.is_empty() && area.height > 3;
        // The sparkline's three lines (a blank one first) under the rows,
        // where the table keeps a few rows.
        let spark = !self.rows.is_empty() && area.height > 9;
        let below = u16::from(title_line) + if spark { 3 } else { 0 };
        let height = area.height.saturating_sub(1 + below) as usize;
        let scroll = scroll_for(self.cursor, self.scroll, height, self.rows.len());
        for (i, r) in self.rows.iter().enumerate().skip(scroll).take(height) {
            let text = self.row_text(r, &widths);
            let cursor = i == self.cursor;
            let line = format!("{} {text}", if cursor { ">" } else { " " });
            lines.push(if cursor {
                Line::styled(line, theme.cursor())
            } else {
                Line::raw(line)
            });
        }
        if self.rows.is_empty() {
            lines.push(Line::raw(""));
            lines.push(match &self.unread {
                Some(why) => {
                    Line::styled(format!("  {}", crate::text::visible(why)), theme.error())
                }
                None => Line::styled(
                    format!("  {}", s::no_rows(self.teams, self.filtered)),
                    theme.dim(),
                ),
            });
        }
        if spark {
            lines.push(Line::raw(""));
            lines.extend(self.sparkline(area.width as usize, theme));
        }
        Paragraph::new(lines).render(area, buf);
        if title_line {
            let [_, bottom] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
            let text = format!("  * {}: {}", s::TITLES(), titled.join(" · "));
            let shown = crate::text::truncate(&text, bottom.width as usize);
            Paragraph::new(Line::styled(shown, theme.title())).render(bottom, buf);
        }
    }

    /// The cursor row's points week by week, in `width` cells: a label
    /// naming whose they are and the highest (and lowest) week, then the
    /// weeks between the period's first and last days.
    fn sparkline(&self, width: usize, theme: &Theme) -> Vec<Line<'static>> {
        let Some(r) = self.rows.get(self.cursor) else {
            return Vec::new();
        };
        let weeks = self.weeks.get(&r.who).cloned().unwrap_or_default();
        let who = if self.teams {
            r.who.clone()
        } else {
            format!("{} {}", r.name, r.who)
        };
        let (high, low) = sparkline::range(&weeks);
        let low = low.map(|p| p.to_string());
        let label = s::by_week(&who, &high.to_string(), low.as_deref());
        let cells = sparkline::cells(&weeks);
        let line = format!("  {} {cells} {}", self.span.0, self.span.1);
        vec![
            Line::styled(
                crate::text::truncate(&format!("  {label}"), width),
                theme.title(),
            ),
            Line::styled(crate::text::truncate(&line, width), theme.bar()),
        ]
    }

    /// The table's column heads and widths, for teams or for members.
    fn columns(&self, width: usize) -> (Vec<&'static str>, Vec<Col>) {
        // Points are never cut: their columns are as wide as the widest.
        let widest = |f: fn(&RankingRow) -> usize| self.rows.iter().map(f).max().unwrap_or(0);
        let points = widest(|r| r.points.to_string().len()).max(10);
        let pending = widest(|r| r.pending.to_string().len() + 1).max(10);
        if self.teams {
            let team = flex(width, &[4, 5, 7, points, pending, 7]);
            (
                vec![
                    s::COL_RANK(),
                    s::COL_MOVE(),
                    s::COL_TEAM(),
                    s::COL_MEMBERS(),
                    s::COL_POINTS(),
                    s::COL_PENDING(),
                    s::COL_ATTAIN(),
                ],
                vec![
                    right(4),
                    right(5),
                    left(team),
                    right(7),
                    right(points),
                    right(pending),
                    right(7),
                ],
            )
        } else {
            let name = flex(width, &[4, 5, 6, 8, points, pending, 7]).min(16);
            (
                vec![
                    s::COL_RANK(),
                    s::COL_MOVE(),
                    s::COL_MEMBER(),
                    "",
                    s::COL_TEAM(),
                    s::COL_POINTS(),
                    s::COL_PENDING(),
                    s::COL_ATTAIN(),
                ],
                vec![
                    right(4),
                    right(5),
                    left(6),
                    left(name),
                    left(8),
                    right(points),
                    right(pending),
                    right(7),
                ],
            )
        }
    }

    /// Titles from rank places: a mark by the name, and one line under the
    /// table naming them. The cursor row's first, so that moving shows each
    /// in turn.
    fn titled(&self) -> Vec<String> {
        let mut titled: Vec<(bool, String)> = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.titles.is_empty())
            .map(|(i, r)| {
                (
                    i != self.cursor,
                    format!("{} {}", r.name, r.titles.join("、")),
                )
            })
            .collect();
        titled.sort_by_key(|(later, _)| *later);
        titled.into_iter().map(|(_, t)| t).collect()
    }

    /// One row of the table, its cells padded to `widths`.
    fn row_text(&self, r: &RankingRow, widths: &[Col]) -> String {
        let rank = r.rank.to_string();
        let mv = s::movement(&r.movement.to_string()).to_string();
        let points = r.points.to_string();
        let pending = if r.pending.is_zero() {
            String::new()
        } else if r.pending.is_negative() {
            r.pending.to_string()
        } else {
            format!("+{}", r.pending)
        };
        let attain = r.attainment.map(percent).unwrap_or_default();
        if self.teams {
            let members = r.members.to_string();
            row(
                widths,
                &[&rank, &mv, &r.who, &members, &points, &pending, &attain],
            )
        } else {
            let name = if r.titles.is_empty() {
                r.name.clone()
            } else {
                format!("{} *", r.name)
            };
            row(
                widths,
                &[
                    &rank, &mv, &r.who, &name, &r.team, &points, &pending, &attain,
                ],
            )
        }
    }
}

/// `1.234` → `123%` (whole percent, rounded down, exact).
pub fn percent(d: Decimal) -> String {
    crate::domain::whole_percent(d)
}
