//! The application state and the router: every key arrives as an
//! `Action`; the popup on top, else the app (panes, periods, the filter,
//! help) or the pane shown, carries it out and hands back an `Outcome`,
//! whose effects this file applies to the panes. The rest of `App` lives
//! beside it: a key before it is an action in `input.rs`, reading the
//! panes again in `refresh.rs`, outside writes and the background save in
//! `watch.rs`, the status line's errors and warnings in `status.rs`;
//! drawing in `view.rs`, each pane's and popup's in its own file.

use super::action::Action;
use super::background::Saving;
use super::effect::Effect;
use super::panes::catalog::CatalogPane;
use super::panes::ledger::LedgerPane;
use super::panes::rankings::RankingsPane;
use super::panes::rules::RulesPane;
use super::panes::{Pane, PaneCx};
use super::popups::{Outcome, PopupCx};
use super::strings as s;
use super::theme::Theme;
use crate::domain::{ClosedPeriods, Period, PeriodKind, Points};
use crate::error::Result;
use crate::ops::Context;
use crate::store::Store;

pub use super::effect::Message;
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
    pub(super) quit_armed: bool,
    pub(super) cancel_armed: bool,
    /// A day of the last week or month shown: where `p` comes back to.
    pub(super) place: Option<chrono::NaiveDate>,
    pub(super) data_version: i64,
    /// Rule saves run on their own thread (`tui::run` sets it; tests
    /// that do not save in place).
    pub background: bool,
    /// The rule save running on its own thread, if one is.
    pub saving: Option<Saving>,
    /// `q` was pressed while a save runs: the status line asks whether to
    /// wait for it.
    pub(super) asking_wait: bool,
    /// The lead chose to wait: the screen quits when the save is done.
    pub(super) quit_when_saved: bool,
    /// A save that failed while the lead was quitting: its date popup,
    /// shown again once the lead answers (`answer_wait`).
    pub(super) failed_save: Option<Overlay>,
    /// Panes not shown since the store last changed: each is read again
    /// when it is shown, so the first frame reads only what it shows.
    pub(super) stale: Vec<Pane>,
    /// The connection to a PostgreSQL server was lost: the next key opens
    /// the store again.
    pub(super) lost: bool,
    /// This user may only read the store (a file opened read-only, an
    /// auditor's role, a replica): the header says so, and a key that
    /// would change the store says so at once, asking nothing.
    pub read_only: bool,
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
            cancel_armed: false,
            data_version,
            background: false,
            saving: None,
            asking_wait: false,
            quit_when_saved: false,
            failed_save: None,
            stale: Vec::new(),
            lost: false,
            read_only: false,
        };
        app.read_only = read_only(&app.store);
        app.resize(MIN_WIDTH, MIN_HEIGHT);
        app.reload()?;
        Ok(app)
    }

    /// Whether the screen is too small to show what a key would change.
    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }

    /// Carries out one action. Errors end up in the status line (and close
    /// the popup they came from).
    pub fn update(&mut self, action: Action) {
        // Quitting never waits for the server. The key that opens the store
        // again does nothing else: it would act on rows not yet seen.
        if self.lost && !matches!(action, Action::Quit) {
            self.reconnect();
            return;
        }
        let body_rows = self.body_rows();
        let had_popup = !matches!(self.overlay, Overlay::None);
        let outcome = match std::mem::take(&mut self.overlay) {
            Overlay::None => self.normal(action),
            // The rule editor opens on a store this user may only read,
            // for its preview; saving says at once that it cannot.
            popup @ Overlay::Rule(_) if self.read_only && action == Action::Save => {
                Ok(Outcome::show(popup).warn(s::READ_ONLY_REFUSAL().to_string()))
            }
            popup => {
                let mut cx = PopupCx {
                    store: &mut self.store,
                    ctx: &self.ctx,
                    period: self.period,
                    filter: &self.filter,
                    body_rows,
                    armed: std::mem::take(&mut self.quit_armed),
                    cancel_armed: std::mem::take(&mut self.cancel_armed),
                    background: self.background,
                };
                popup.update(action, &mut cx)
            }
        };
        // A form or question closed without a word of its own takes its
        // messages with it (`fix the fields marked ! first` of a form
        // cancelled stayed until another message came).
        let outcome = outcome.inspect(|o| {
            if had_popup && matches!(o.popup, Overlay::None) && o.message.is_none() {
                self.message = None;
            }
        });
        if let Err(e) = outcome.and_then(|o| self.apply(o)) {
            self.fail(e);
        }
    }

    /// Carries out what a pane, a popup or a finished save handed back.
    pub(super) fn apply(&mut self, out: Outcome) -> Result<()> {
        self.overlay = out.popup;
        if let Some((popup, from)) = out.save {
            self.message = None;
            self.saving = Some(Saving::start(self.store.path(), &self.ctx, popup, from)?);
        }
        self.quit |= out.quit;
        self.quit_armed |= out.arm_quit;
        self.cancel_armed |= out.arm_cancel;
        if out.message.is_some() {
            self.message = out.message;
        }
        self.say_seal_warnings();
        for effect in out.effects {
            self.apply_effect(effect);
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

    /// Makes a change a popup asked for.
    fn apply_effect(&mut self, effect: Effect) {
        match effect {
            Effect::SetFilter(text) => self.filter = text,
            Effect::LedgerToTop => self.ledger.cursor = 0,
            Effect::UnmarkAwards(ids) => {
                for id in &ids {
                    self.ledger.marks.remove(id);
                }
            }
            Effect::UnmarkRedemptions(ids) => {
                for id in &ids {
                    self.catalog.marks.remove(id);
                }
            }
        }
    }

    /// What the app itself does (panes, periods, filter, help), else what
    /// the pane shown does.
    fn normal(&mut self, action: Action) -> Result<Outcome> {
        match action {
            Action::Quit => return Ok(Outcome::quit()),
            Action::Pane(n) => self.show_pane(Pane::at(n))?,
            Action::NextPane => self.show_pane(self.pane.next())?,
            Action::PrevPane => self.show_pane(self.pane.prev())?,
            Action::PrevPeriod => return self.go_to(self.period.prev()),
            Action::NextPeriod => return self.go_to(self.period.next()),
            Action::CyclePeriodKind => return self.go_to(self.next_kind_period()),
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
            _ if self.read_only && changes_store(self.pane, action) => {
                return Ok(Outcome::done().warn(s::READ_ONLY_REFUSAL().to_string()));
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
}

/// Whether this user may only read `store` (a store that cannot tell is
/// taken as writable: its write then says why it cannot).
pub(super) fn read_only(store: &Store) -> bool {
    store.writable().is_ok_and(|w| !w)
}

/// Whether `action` on `pane` changes the store (or opens a form or a
/// question that would): refused at once on a store this user may only
/// read. The rule editor still opens (its preview changes nothing; its
/// Ctrl-S says so at once, `update`).
fn changes_store(pane: Pane, action: Action) -> bool {
    use Action as A;
    match pane {
        Pane::Ledger => matches!(
            action,
            A::Approve | A::Reject | A::New | A::Dispute | A::Resolve
        ),
        Pane::Rules => matches!(action, A::ToggleActive | A::EndRule),
        Pane::Catalog => matches!(action, A::Approve | A::Reject | A::New | A::Edit),
        Pane::Rankings => false,
    }
}
