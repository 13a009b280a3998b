//! The application state and the router: every key arrives as an
//! `Action`; the popup on top, else the app (panes, periods, the filter,
//! help) or the pane shown, carries it out and hands back an `Outcome`,
//! which this file applies. Drawing lives in `view.rs`, each pane's and
//! popup's in its own file.

use super::action::Action;
use super::background::Saving;
use super::effect::Effect;
use super::keymap;
use super::panes::catalog::CatalogPane;
use super::panes::ledger::LedgerPane;
use super::panes::rankings::RankingsPane;
use super::panes::rules::RulesPane;
use super::panes::{Pane, PaneCx};
use super::popups::{Outcome, PopupCx};
use super::strings as s;
use super::theme::Theme;
use crate::domain::{ClosedPeriods, Period, PeriodKind, Points};
use crate::error::{Error, Result};
use crate::ops::Context;
use crate::store::Store;
use crossterm::event::KeyEvent;

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
    quit_armed: bool,
    /// A day of the last week or month shown: where `p` comes back to.
    place: Option<chrono::NaiveDate>,
    data_version: i64,
    /// Rule saves run on their own thread (`tui::run` sets it; tests
    /// that do not save in place).
    pub background: bool,
    /// The rule save running on its own thread, if one is.
    pub saving: Option<Saving>,
    /// `q` was pressed while a save runs: the status line asks whether to
    /// wait for it.
    asking_wait: bool,
    /// The lead chose to wait: the screen quits when the save is done.
    quit_when_saved: bool,
    /// Panes not shown since the store last changed: each is read again
    /// when it is shown, so the first frame reads only what it shows.
    stale: Vec<Pane>,
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
            background: false,
            saving: None,
            asking_wait: false,
            quit_when_saved: false,
            stale: Vec::new(),
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
        self.stale = vec![Pane::Rankings, Pane::Rules, Pane::Catalog];
        self.reload_if_stale(self.pane)?;
        self.data_version = self.store.data_version()?;
        Ok(())
    }

    /// Reads `pane` again if the store changed since it was last read.
    fn reload_if_stale(&mut self, pane: Pane) -> Result<()> {
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
    fn show_pane(&mut self, pane: Pane) -> Result<()> {
        self.pane = pane;
        self.reload_if_stale(pane)
    }

    /// Picks up other processes' writes and the end of a background save;
    /// true when something changed on the screen.
    pub fn tick(&mut self) -> bool {
        if self.saving.is_some() {
            // The progress moves on, or the save has ended.
            self.poll_saving();
            return true;
        }
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
    /// what cannot be seen. While a rule save runs, only what changes
    /// nothing in the store works, and quitting asks first.
    pub fn handle_key(&mut self, key: KeyEvent) {
        use crossterm::event::{KeyCode, KeyModifiers};
        // Esc and the next key arriving together (a laggy SSH link) reach
        // merit as Alt-key; merit binds no Alt key, so it is both keys.
        if key.modifiers.contains(KeyModifiers::ALT)
            && !key.modifiers.contains(KeyModifiers::CONTROL)
        {
            self.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
            let mut rest = key;
            rest.modifiers.remove(KeyModifiers::ALT);
            return self.handle_key(rest);
        }
        if self.asking_wait {
            return self.answer_wait(key);
        }
        if self.too_small() {
            if keymap::quits(key) {
                self.quit_or_ask();
            }
            return;
        }
        let mode = self.overlay.input_mode();
        let Some(action) = keymap::action_for(key, mode, self.pane.scope()) else {
            return;
        };
        if self.saving.is_some() {
            if action == Action::Quit {
                return self.quit_or_ask();
            }
            if !self.harmless(action) {
                self.message = Some(Message {
                    text: s::WAIT_FOR_SAVE().into(),
                    error: true,
                });
                return;
            }
        }
        self.update(action);
    }

    /// Quits, or asks first while a rule save runs.
    fn quit_or_ask(&mut self) {
        if self.saving.is_none() {
            self.quit = true;
            return;
        }
        self.asking_wait = true;
        self.message = Some(Message {
            text: s::ASK_WAIT().into(),
            error: true,
        });
    }

    /// The answer to "wait for the save?": `y` waits and then quits, `n`
    /// quits now and the save is undone, `Esc` goes back to the screen.
    fn answer_wait(&mut self, key: KeyEvent) {
        use crossterm::event::KeyCode;
        match key.code {
            KeyCode::Char('y') | KeyCode::Enter => {
                self.asking_wait = false;
                self.quit_when_saved = true;
                self.message = Some(Message {
                    text: s::WAITING_FOR_SAVE().into(),
                    error: false,
                });
                self.poll_saving();
            }
            KeyCode::Char('n') => {
                self.cancel_save();
                self.quit = true;
            }
            KeyCode::Esc => {
                self.asking_wait = false;
                self.message = None;
            }
            _ => {}
        }
    }

    /// What may be done while a rule save runs: moving about, reading,
    /// filtering, marking; nothing that writes.
    fn harmless(&self, action: Action) -> bool {
        match self.overlay {
            Overlay::Help
            | Overlay::Filter
            | Overlay::Detail(_)
            | Overlay::Balance(_)
            | Overlay::Team(_) => true,
            Overlay::None => match action {
                Action::Open => self.pane == Pane::Ledger,
                _ => matches!(
                    action,
                    Action::Pane(_)
                        | Action::NextPane
                        | Action::PrevPane
                        | Action::Up
                        | Action::Down
                        | Action::PageUp
                        | Action::PageDown
                        | Action::Top
                        | Action::Bottom
                        | Action::PrevPeriod
                        | Action::NextPeriod
                        | Action::CyclePeriodKind
                        | Action::StartFilter
                        | Action::Help
                        | Action::Cancel
                        | Action::ToggleMark
                        | Action::MarkAll
                        | Action::ClearMarks
                        | Action::ToggleTeams
                        | Action::TogglePending
                        | Action::ToggleCategories
                ),
            },
            _ => false,
        }
    }

    /// Once the background save has ended: what it did in the status
    /// line, or its popup again with the error.
    pub fn poll_saving(&mut self) {
        if !self.saving.as_ref().is_some_and(Saving::is_done) {
            return;
        }
        let Some(saving) = self.saving.take() else {
            return;
        };
        let (id, from) = (saving.id.clone(), saving.from);
        let (popup, result) = saving.finish();
        self.asking_wait = false;
        let outcome = match result {
            Ok(saved) => super::popups::rule_date::saved_outcome(&id, from, &saved),
            Err(e) if matches!(self.overlay, Overlay::None | Overlay::Help) => {
                self.overlay = Overlay::None;
                self.message = None;
                Outcome::show(popup.failed(&e))
            }
            Err(e) => {
                self.fail(e);
                return;
            }
        };
        let keep = std::mem::take(&mut self.overlay);
        let popup_shown = !matches!(outcome.popup, Overlay::None);
        if let Err(e) = self.apply(outcome) {
            self.fail(e);
        }
        if !popup_shown {
            self.overlay = keep;
        }
        if self.quit_when_saved {
            self.quit = true;
        }
    }

    /// Stops the background save, if one still runs (a session ending
    /// without waiting): nothing of it is kept.
    pub fn cancel_save(&mut self) {
        if let Some(saving) = self.saving.take() {
            saving.cancel();
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
                    filter: &self.filter,
                    body_rows,
                    armed: std::mem::take(&mut self.quit_armed),
                    background: self.background,
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
        if let Some((popup, from)) = out.save {
            self.message = None;
            self.saving = Some(Saving::start(self.store.path(), &self.ctx, popup, from)?);
        }
        self.quit |= out.quit;
        self.quit_armed |= out.arm_quit;
        if out.message.is_some() {
            self.message = out.message;
        }
        // A write that could not keep its checkpoint says so here, as the
        // command line says it on stderr.
        let warnings = crate::seal::take_warnings();
        if !warnings.is_empty() {
            let said = self.message.take().map(|m| m.text);
            let text = said
                .into_iter()
                .chain(warnings.iter().map(|w| crate::i18n::render(w).into_owned()))
                .collect::<Vec<_>>()
                .join("; ");
            self.message = Some(Message { text, error: true });
        }
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
