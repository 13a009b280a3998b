//! The Ledger pane: the period's awards, pending first, read from the store
//! a page at a time; marks by award id; the status filter. Its keys are in
//! `keys`, its drawing in `view`.

mod keys;
mod view;

pub use view::describe;

use crate::domain::{Period, Points, Status, is_provisional};
use crate::error::Result;
use crate::store::{AwardLine, AwardMark, AwardView, Db, Page};
use crate::tui::widgets::columns::scroll_for;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Rows fetched around the visible ones, so that moving rarely queries.
const SLACK: usize = 200;

/// The status filter `s` cycles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    Only(Status),
    All,
}

impl StatusFilter {
    pub fn next(self) -> StatusFilter {
        match self {
            StatusFilter::Only(Status::Pending) => StatusFilter::Only(Status::Approved),
            StatusFilter::Only(Status::Approved) => StatusFilter::Only(Status::Rejected),
            StatusFilter::Only(Status::Rejected) => StatusFilter::All,
            StatusFilter::All => StatusFilter::Only(Status::Pending),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StatusFilter::Only(st) => st.as_str(),
            StatusFilter::All => "all",
        }
    }
}

/// A marked row: enough to total the marks and act on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub points: Points,
    pub status: Status,
    /// Pending for a period that has not ended: never approved.
    pub provisional: bool,
}

impl Mark {
    fn of(m: &AwardMark, today: NaiveDate) -> Mark {
        Mark {
            points: m.points,
            status: m.status,
            provisional: m.status == Status::Pending
                && is_provisional(m.kind, &m.subject, m.date, today),
        }
    }
}

/// The awards a decision acts on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Targets {
    pub ids: Vec<i64>,
    pub points: Points,
    /// Provisional awards left out of an approval.
    pub provisional: usize,
    /// Disputed awards left out of an approval (resolved first).
    pub disputed: usize,
}

#[derive(Debug, Clone)]
pub struct LedgerPane {
    pub status: StatusFilter,
    pub total: usize,
    pub cursor: usize,
    pub scroll: usize,
    /// Rows `window_start..window_start + window.len()` of the view.
    window_start: usize,
    window: Vec<AwardLine>,
    pub marks: BTreeMap<i64, Mark>,
    /// Visible rows, set from the terminal size.
    pub height: usize,
    /// The day provisional awards are judged on.
    pub today: NaiveDate,
    /// Awards with an open dispute.
    pub disputed: std::collections::HashSet<i64>,
    /// The rules' names the rows show (none in English: the ids).
    pub names: crate::i18n::names::RuleNames,
}

impl Default for LedgerPane {
    fn default() -> Self {
        LedgerPane {
            status: StatusFilter::Only(Status::Pending),
            total: 0,
            cursor: 0,
            scroll: 0,
            window_start: 0,
            window: Vec::new(),
            marks: BTreeMap::new(),
            height: 10,
            today: NaiveDate::MIN,
            disputed: Default::default(),
            names: Default::default(),
        }
    }
}

impl LedgerPane {
    /// An empty pane judging provisional awards on `today`.
    pub fn on(today: NaiveDate) -> LedgerPane {
        LedgerPane {
            today,
            ..LedgerPane::default()
        }
    }

    /// What the pane shows, as the ledger listing's query.
    pub fn view(&self, period: Period, filter: &str) -> AwardView {
        use crate::ops::ledger::{LedgerQuery, ShownStatus};
        let status = match self.status {
            StatusFilter::Only(Status::Pending) => Some(ShownStatus::Pending),
            StatusFilter::Only(Status::Approved) => Some(ShownStatus::Approved),
            StatusFilter::Only(Status::Rejected) => Some(ShownStatus::Rejected),
            StatusFilter::All => None,
        };
        let q = LedgerQuery {
            member: None,
            period: Some(period),
            status,
            today: self.today,
        };
        let mut view = q.view(Some(filter.to_string()).filter(|t| !t.trim().is_empty()));
        // The rules as the screen names them (in Chinese, their names) are
        // found by those names too.
        view.rules_named = self.names.ids_named_like(filter);
        view
    }

    /// Re-reads the view; the cursor stays on the same award when it is
    /// still near, else at the same place. Marks of rows that left the
    /// store or changed status are refreshed.
    pub fn reload(&mut self, db: Db, period: Period, filter: &str) -> Result<()> {
        let keep = self.current().map(|r| r.key.clone());
        self.disputed = db.open_disputes()?;
        self.names = crate::i18n::names::RuleNames::read(db, crate::i18n::current(), self.today)?;
        let view = self.view(period, filter);
        self.total = db.award_line_count(&view)?;
        self.window.clear();
        self.cursor = self.cursor.min(self.total.saturating_sub(1));
        self.fill(db, period, filter)?;
        if let Some(key) = keep
            && let Some(i) = self.window.iter().position(|r| r.key == key)
        {
            self.cursor = self.window_start + i;
            self.fill(db, period, filter)?;
        }
        if !self.marks.is_empty() {
            let all = db.award_line_marks(&AwardView { text: None, ..view })?;
            let still: BTreeMap<i64, Mark> = all
                .iter()
                .filter(|m| self.marks.contains_key(&m.id))
                .map(|m| (m.id, Mark::of(m, self.today)))
                .collect();
            self.marks = still;
        }
        Ok(())
    }

    /// Makes sure the visible rows are in the window, reading by key from
    /// whichever is nearest: the window's ends, or the view's.
    pub fn fill(&mut self, db: Db, period: Period, filter: &str) -> Result<()> {
        self.scroll = scroll_for(self.cursor, self.scroll, self.height, self.total);
        let want = self.scroll..(self.scroll + self.height).min(self.total);
        let have = self.window_start..self.window_start + self.window.len();
        if self.total == 0 {
            self.window.clear();
            self.window_start = 0;
            return Ok(());
        }
        if !self.window.is_empty() && want.start >= have.start && want.end <= have.end {
            return Ok(());
        }
        let view = self.view(period, filter);
        // Rows to read each way; the cheapest is taken.
        let from_start = want.end;
        let from_end = self.total - want.start.min(self.total);
        let near = !self.window.is_empty();
        let down =
            (near && want.end > have.end && want.start >= have.start).then(|| want.end - have.end);
        let up = (near && want.start < have.start && want.end <= have.end)
            .then(|| have.start - want.start);
        let best = [down, up, Some(from_start), Some(from_end)]
            .into_iter()
            .enumerate()
            .filter_map(|(i, c)| c.map(|c| (c, i)))
            .min()
            .map_or(2, |(_, i)| i);
        match best {
            0 => {
                let last = self.window.last().map(|r| r.key.clone());
                let more = match last {
                    Some(k) => db.award_lines(&view, &Page::After(k), down.unwrap_or(0) + SLACK)?,
                    None => Vec::new(),
                };
                self.window.extend(more);
            }
            1 => {
                let first = self.window.first().map(|r| r.key.clone());
                let mut more = match first {
                    Some(k) => db.award_lines(&view, &Page::Before(k), up.unwrap_or(0) + SLACK)?,
                    None => Vec::new(),
                };
                self.window_start -= more.len().min(self.window_start);
                more.append(&mut self.window);
                self.window = more;
            }
            2 => {
                self.window = db.award_lines(&view, &Page::First, from_start + SLACK)?;
                self.window_start = 0;
            }
            _ => {
                self.window = db.award_lines(&view, &Page::Last, from_end + SLACK)?;
                self.window_start = self.total.saturating_sub(self.window.len());
            }
        }
        self.trim(want);
        Ok(())
    }

    /// Keeps the window to the rows around `want`.
    fn trim(&mut self, want: std::ops::Range<usize>) {
        let keep_from = want.start.saturating_sub(SLACK).max(self.window_start);
        let front = keep_from - self.window_start;
        if front > 0 {
            self.window.drain(..front.min(self.window.len()));
            self.window_start += front;
        }
        let keep_to = want.end + SLACK;
        let end = self.window_start + self.window.len();
        if end > keep_to {
            self.window
                .truncate(keep_to.saturating_sub(self.window_start));
        }
    }

    pub fn current(&self) -> Option<&AwardLine> {
        self.cursor
            .checked_sub(self.window_start)
            .and_then(|i| self.window.get(i))
    }

    pub fn toggle_mark(&mut self) {
        if let Some(r) = self.current().filter(|r| r.posting.is_none()) {
            let (id, mark) = (
                r.id,
                Mark {
                    points: r.points,
                    status: r.status,
                    provisional: self.is_provisional(r),
                },
            );
            if self.marks.remove(&id).is_none() {
                self.marks.insert(id, mark);
            }
        }
    }

    /// Marks every row of the view (after the filter).
    pub fn mark_all(&mut self, db: Db, period: Period, filter: &str) -> Result<()> {
        for m in db.award_line_marks(&self.view(period, filter))? {
            self.marks.insert(m.id, Mark::of(&m, self.today));
        }
        Ok(())
    }

    /// Whether a row is a provisional award (see `domain::is_provisional`).
    pub fn is_provisional(&self, r: &AwardLine) -> bool {
        r.status == Status::Pending && is_provisional(r.kind, &r.subject, r.date, self.today)
    }

    /// The pending awards a decision acts on: the marked ones, else the
    /// current row, with their points total. An approval leaves the
    /// provisional ones out and counts them.
    pub fn decision_targets(&self, approving: bool) -> Targets {
        let marks: Vec<(i64, Mark)> = if self.marks.is_empty() {
            self.current()
                .filter(|r| r.posting.is_none())
                .map(|r| {
                    let m = Mark {
                        points: r.points,
                        status: r.status,
                        provisional: self.is_provisional(r),
                    };
                    vec![(r.id, m)]
                })
                .unwrap_or_default()
        } else {
            self.marks.iter().map(|(id, m)| (*id, *m)).collect()
        };
        let mut t = Targets::default();
        for (id, m) in marks
            .into_iter()
            .filter(|(_, m)| m.status == Status::Pending)
        {
            // The row under the cursor alone: a disputed one is said, not
            // asked about (marked ones go to the decision, which names
            // those it leaves pending).
            if approving && self.marks.is_empty() && self.disputed.contains(&id) {
                t.disputed += 1;
            } else if approving && m.provisional {
                t.provisional += 1;
            } else {
                t.ids.push(id);
                t.points += m.points;
            }
        }
        t
    }

    pub fn marked_points(&self) -> Points {
        self.marks.values().map(|m| m.points).sum()
    }
}
