//! Reading the panes from the store again: everything shown after a
//! write, a stale pane when it is shown, the Ledger's page on a resize,
//! and all of it when the period changes (which clears the marks).

use super::app::{App, CHROME_ROWS, Message};
use super::panes::Pane;
use super::strings as s;
use crate::domain::Period;
use crate::error::Result;

impl App {
    /// Rows the pane body shows at the current size.
    pub(super) fn body_rows(&self) -> usize {
        (self.size.1.saturating_sub(CHROME_ROWS + 1) as usize).max(1)
    }

    /// Tells the panes how many rows they show.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        let body = self.body_rows();
        self.ledger.height = body;
        self.rankings.height = body;
        self.rules.height = body;
        self.catalog.height = body;
        if let Err(e) = self.ledger.fill(self.store.db(), self.period, &self.filter) {
            self.fail(e);
        }
    }

    /// Reads everything shown again from the store.
    pub fn reload(&mut self) -> Result<()> {
        let db = self.store.db();
        self.pending = db.pending_summary(self.period.start(), self.period.end())?;
        self.closed = db.closed_periods()?;
        self.ledger.reload(db, self.period, &self.filter)?;
        self.stale = vec![Pane::Rankings, Pane::Rules, Pane::Catalog];
        self.reload_if_stale(self.pane)?;
        self.data_version = self.store.data_version()?;
        Ok(())
    }

    /// Reads `pane` again if the store changed since it was last read.
    pub(super) fn reload_if_stale(&mut self, pane: Pane) -> Result<()> {
        if !self.stale.contains(&pane) {
            return Ok(());
        }
        self.stale.retain(|p| *p != pane);
        let db = self.store.db();
        match pane {
            Pane::Ledger => self.ledger.reload(db, self.period, &self.filter),
            Pane::Rankings => self.rankings.reload(db, self.period, &self.filter),
            Pane::Rules => self.rules.reload(db, &self.filter),
            Pane::Catalog => self.catalog.reload(db, &self.filter, self.ctx.today),
        }
    }

    /// Shows `pane`, read again first if it is stale.
    pub(super) fn show_pane(&mut self, pane: Pane) -> Result<()> {
        self.pane = pane;
        self.reload_if_stale(pane)
    }

    pub(super) fn set_period(&mut self, period: Period) -> Result<()> {
        let before = (self.place, self.period, self.ledger.cursor);
        self.place = super::periods::place(period).or(self.place);
        self.period = period;
        self.ledger.cursor = 0;
        let kept = std::mem::take(&mut self.ledger.marks);
        let marks = kept.len();
        if let Err(e) = self.reload() {
            // The store could not be read (a server gone away): the screen
            // stays on the period its rows are of, never a new period's
            // header over the old period's rows.
            (self.place, self.period, self.ledger.cursor) = before;
            self.ledger.marks = kept;
            return Err(e);
        }
        if marks > 0 {
            self.message = Some(Message {
                text: s::marks_cleared(marks),
                error: false,
            });
        }
        Ok(())
    }

    /// Moves to `period` when it lies in the years merit takes (1900 to
    /// 2999, as every command holds them); else says so and stays (`]`
    /// went on to 3000-Q1, and `P` published it).
    pub(super) fn go_to(&mut self, period: Period) -> Result<super::popups::Outcome> {
        if !within_years(period) {
            let why = crate::domain::limits::outside_years(period);
            return Ok(super::popups::Outcome::done().warn(crate::i18n::messages::word(&why)));
        }
        self.set_period(period)?;
        Ok(super::popups::Outcome::done())
    }

    /// The period `p` moves to, skipping a kind whose period would leave
    /// the years merit takes (from year 2999 at its end, the week is
    /// 3000-W01: `p` was refused there for good).
    pub(super) fn next_kind_period(&self) -> Period {
        let mut next = super::periods::next_kind(self.period, self.ctx.today, self.place);
        for _ in 0..3 {
            if within_years(next) {
                break;
            }
            next = super::periods::next_kind(next, self.ctx.today, self.place);
        }
        next
    }
}

/// Whether `period` lies wholly in the years 1900 to 2999.
fn within_years(period: Period) -> bool {
    use crate::domain::limits::{FIRST_YEAR, LAST_YEAR};
    use chrono::Datelike;
    let years = FIRST_YEAR..=LAST_YEAR;
    years.contains(&period.start().year()) && years.contains(&period.end().year())
}
