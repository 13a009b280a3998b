//! The application state and the router: every key arrives as an
//! `Action`; the popup on top, else the app (panes, periods, the filter,
//! help) or the pane shown, carries it out and hands back an `Outcome`,
//! which this file applies. Drawing lives in `view.rs`, each pane's and
//! popup's in its own file.

use super::action::Action;
use super::keymap;
use super::outcome::{Outcome, PaneCx, PopupCx};
use super::panes::Pane;
use super::panes::catalog::CatalogPane;
use super::panes::ledger::LedgerPane;
use super::panes::rankings::RankingsPane;
use super::panes::rules::RulesPane;
use super::strings as s;
use super::theme::Theme;
use crate::domain::{ClosedPeriods, Period, PeriodKind, Points};
use crate::error::{Error, Result};
use crate::ops::Context;
use crate::store::Store;
use crossterm::event::KeyEvent;

pub use super::outcome::Message;
pub use super::popups::{Confirmation, Overlay, RuleDate, Target};

pub struct App {
    pub store: Store,
    pub ctx: Context,
    /// The store's name as the header shows it.
    pub label: String,
    pub theme: Theme,
    pub period: Period,
    pub pane: Pane,
    pub filter: String,
    pub ledger: LedgerPane,
    pub rankings: RankingsPane,
    pub rules: RulesPane,
    pub catalog: CatalogPane,
    pub overlay: Overlay,
    pub message: Option<Message>,
    /// Pending awards in the period, and their total.
    pub pending: (usize, Points),
    /// Every closed period (SPEC §5): the header marks the shown one.
    pub closed: ClosedPeriods,
    pub size: (u16, u16),
    pub quit: bool,
    /// Ctrl-C was pressed once over an unsaved form.
    quit_armed: bool,
    /// A day of the last week or month shown: where `p` comes back to.
    place: Option<chrono::NaiveDate>,
    data_version: i64,
}

/// The header, tabs, pane subtitle, status line and footer take this many rows.
pub const CHROME_ROWS: u16 = 5;
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

impl App {
    /// Opens on the quarter containing today, on the Ledger.
    pub fn new(store: Store, ctx: Context, label: impl Into<String>, theme: Theme) -> Result<App> {
        let period = Period::containing(PeriodKind::Quarter, ctx.today);
        let data_version = store.data_version()?;
        let today = ctx.today;
        let mut app = App {
            store,
            ctx,
            label: label.into(),
            theme,
            period,
            pane: Pane::Ledger,
            filter: String::new(),
            ledger: LedgerPane::on(today),
            rankings: RankingsPane::default(),
            rules: RulesPane::default(),
            catalog: CatalogPane::default(),
            overlay: Overlay::None,
            message: None,
            pending: (0, Points::default()),
            closed: ClosedPeriods::default(),
            size: (MIN_WIDTH, MIN_HEIGHT),
            place: None,
            quit: false,
            quit_armed: false,
            data_version,
        };
        app.resize(MIN_WIDTH, MIN_HEIGHT);
        app.reload()?;
        Ok(app)
    }

    /// Rows the pane body shows at the current size.
    fn body_rows(&self) -> usize {
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
        self.rankings.reload(db, self.period, &self.filter)?;
        self.rules.reload(db, &self.filter)?;
        self.catalog.reload(db, &self.filter, self.ctx.today)?;
        self.data_version = self.store.data_version()?;
        Ok(())
    }

    /// Picks up other processes' writes; true when something was reloaded.
    pub fn tick(&mut self) -> bool {
        match self.store.data_version() {
            Ok(v) if v != self.data_version => {
                if let Err(e) = self.reload() {
                    self.fail(e);
                }
                true
            }
            Ok(_) => false,
            Err(e) => {
                self.fail(e);
                true
            }
        }
    }

    fn fail(&mut self, e: Error) {
        self.message = Some(Message {
            text: e.lines().join("; "),
            error: true,
        });
    }

    /// Whether the screen is too small to show what a key would change.
    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }

    /// A key press: mapped through the keymap, then `update`. While the
    /// screen is too small only `q` and `Ctrl-C` work: nothing may change
    /// what cannot be seen.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if self.too_small() {
            self.quit |= keymap::quits(key);
            return;
        }
        let mode = self.overlay.input_mode();
        if let Some(action) = keymap::action_for(key, mode, self.pane.scope()) {
            self.update(action);
        }
    }

    /// Carries out one action. Errors end up in the status line (and close
    /// the popup they came from).
    pub fn update(&mut self, action: Action) {
        let body_rows = self.body_rows();
        let outcome = match std::mem::take(&mut self.overlay) {
            Overlay::None => self.normal(action),
            popup => {
                let mut cx = PopupCx {
                    store: &mut self.store,
                    ctx: &self.ctx,
                    period: self.period,
                    filter: &mut self.filter,
                    ledger: &mut self.ledger,
                    catalog: &mut self.catalog,
                    body_rows,
                    armed: std::mem::take(&mut self.quit_armed),
                };
                popup.update(action, &mut cx)
            }
        };
        if let Err(e) = outcome.and_then(|o| self.apply(o)) {
            self.fail(e);
        }
    }

    fn apply(&mut self, out: Outcome) -> Result<()> {
        self.overlay = out.popup;
        self.quit |= out.quit;
        self.quit_armed |= out.arm_quit;
        if out.message.is_some() {
            self.message = out.message;
        }
        if out.reload {
            self.reload()?;
        }
        if let Some((id, from)) = out.select_rule {
            self.rules.select(&id, from);
            self.rules.load_history(self.store.db())?;
        }
        Ok(())
    }

    /// What the app itself does (panes, periods, filter, help), else what
    /// the pane shown does.
    fn normal(&mut self, action: Action) -> Result<Outcome> {
        match action {
            Action::Quit => return Ok(Outcome::quit()),
            Action::Pane(n) => self.pane = Pane::at(n),
            Action::NextPane => self.pane = self.pane.next(),
            Action::PrevPane => self.pane = self.pane.prev(),
            Action::PrevPeriod => self.set_period(self.period.prev())?,
            Action::NextPeriod => self.set_period(self.period.next())?,
            Action::CyclePeriodKind => self.set_period(self.next_kind_period())?,
            Action::StartFilter => return Ok(Outcome::show(Overlay::Filter)),
            Action::Help => {
                // The help covers the status line; an old message would show through.
                self.message = None;
                return Ok(Outcome::show(Overlay::Help));
            }
            Action::Cancel => {
                self.message = None;
                if !self.filter.is_empty() {
                    self.filter.clear();
                    return Ok(Outcome::done().reload());
                }
            }
            _ => {
                let mut cx = PaneCx {
                    store: &mut self.store,
                    ctx: &self.ctx,
                    period: self.period,
                    filter: &self.filter,
                    closed: &self.closed,
                };
                return match self.pane {
                    Pane::Ledger => self.ledger.update(action, &mut cx),
                    Pane::Rules => self.rules.update(action, &mut cx),
                    Pane::Catalog => self.catalog.update(action, &mut cx),
                    Pane::Rankings => self.rankings.update(action, &mut cx),
                };
            }
        }
        Ok(Outcome::done())
    }

    fn set_period(&mut self, period: Period) -> Result<()> {
        self.place = super::periods::place(period).or(self.place);
        self.period = period;
        self.ledger.cursor = 0;
        let marks = std::mem::take(&mut self.ledger.marks).len();
        self.reload()?;
        if marks > 0 {
            self.message = Some(Message {
                text: s::marks_cleared(marks),
                error: false,
            });
        }
        Ok(())
    }

    fn next_kind_period(&self) -> Period {
        super::periods::next_kind(self.period, self.ctx.today, self.place)
    }
}
