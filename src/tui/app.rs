//! The application state and `update`: every key arrives here as an
//! `Action`; decisions and manual awards go through `ops`; reads go through
//! `ops` and the store's read API. Rendering lives in `view.rs`.

use super::action::Action;
use super::form::ManualForm;
use super::keymap::{self, InputMode, Scope};
use super::panes::catalog::CatalogPane;
use super::panes::ledger::LedgerPane;
use super::panes::moved;
use super::panes::rankings::RankingsPane;
use super::panes::rules::RulesPane;
use super::reward_form::RewardForm;
use super::rule_editor::RuleEditor;
use super::rule_form::Kind;
use super::strings as s;
use super::theme::Theme;
use crate::domain::{Award, ClosedPeriods, Period, PeriodKind, Points, Status};
use crate::error::{Error, Result};
use crate::ops::Context;
use crate::ops::award::add_manual;
use crate::ops::catalog::decide_redemptions;
use crate::ops::decide::decide_ids;
use crate::ops::preview::Preview;
use crate::ops::rules::save_change;
use crate::rules::{Change, RuleVersion};
use crate::store::{AuditEntry, AuditFilter, Store};
use crossterm::event::KeyEvent;

pub const LEDGER: usize = 0;
pub const RULES: usize = 1;
pub const CATALOG: usize = 2;
pub const RANKINGS: usize = 3;

/// A decision waiting for its confirmation.
#[derive(Debug, Clone)]
pub struct Confirmation {
    pub decision: Status,
    pub ids: Vec<i64>,
    pub points: Points,
    /// The rejection reason being typed.
    pub reason: String,
    /// Set when Enter was pressed on an empty reason.
    pub needs_reason: bool,
    /// Redemptions (Catalog) rather than awards (Ledger).
    pub redemptions: bool,
    /// Provisional awards an approval leaves out.
    pub provisional: usize,
    /// Marked rows the view does not show (another filter or status).
    pub hidden: usize,
    /// One award acted on: who and what, for the question.
    pub single: Option<(String, String)>,
    /// A dispute of the award in `ids` (a reason is typed), not a decision.
    pub dispute: bool,
}

impl Confirmation {
    /// Whether a reason is typed before confirming.
    pub fn takes_reason(&self) -> bool {
        self.dispute || self.decision == Status::Rejected
    }
}

/// What sits over the pane, if anything.
#[derive(Debug, Clone)]
pub enum Overlay {
    None,
    Help,
    Filter,
    Confirm(Confirmation),
    Detail(Box<Award>, String, Vec<AuditEntry>),
    Balance(Box<crate::ops::catalog::BalanceRow>),
    Form(Box<ManualForm>),
    /// Adding or changing a reward (Catalog).
    Reward(Box<RewardForm>),
    /// Editing or adding a rule, with the preview.
    Rule(Box<RuleEditor>),
    /// "Discard the changes?" over the rule editor.
    Discard(Box<RuleEditor>),
    /// The date a rule change takes effect, asked before saving.
    RuleDate(Box<RuleDate>),
    /// Which kind of rule `n` adds.
    ChooseKind,
}

/// A rule change waiting for the date it takes effect from.
#[derive(Debug, Clone)]
pub struct RuleDate {
    pub id: String,
    pub change: Change,
    /// What saving will do, as a question.
    pub question: String,
    pub date: String,
    pub error: Option<String>,
    /// The editor to go back to, when the change comes from one.
    pub back: Option<Box<RuleEditor>>,
}

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub store: Store,
    pub ctx: Context,
    /// The store's name as the header shows it.
    pub label: String,
    pub theme: Theme,
    pub period: Period,
    pub pane: usize,
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
            pane: LEDGER,
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

    /// Tells the panes how many rows they show.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        let body = height.saturating_sub(CHROME_ROWS + 1) as usize;
        self.ledger.height = body.max(1);
        self.rankings.height = body.max(1);
        self.rules.height = body.max(1);
        self.catalog.height = body.max(1);
        let db = self.store.db();
        if let Err(e) = self.ledger.fill(db, self.period, &self.filter) {
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

    fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn scope(&self) -> Scope {
        match self.pane {
            LEDGER => Scope::Ledger,
            RULES => Scope::Rules,
            CATALOG => Scope::Catalog,
            RANKINGS => Scope::Rankings,
            _ => Scope::Global,
        }
    }

    pub fn input_mode(&self) -> InputMode {
        match &self.overlay {
            Overlay::None => InputMode::Normal,
            Overlay::Filter
            | Overlay::Form(_)
            | Overlay::Reward(_)
            | Overlay::Rule(_)
            | Overlay::RuleDate(_)
            | Overlay::ChooseKind => InputMode::Text,
            Overlay::Discard(_) => InputMode::Dialog,
            Overlay::Confirm(c) if c.takes_reason() => InputMode::Text,
            Overlay::Confirm(_) => InputMode::Dialog,
            Overlay::Help | Overlay::Detail(..) | Overlay::Balance(_) => InputMode::Overlay,
        }
    }

    /// Whether the screen is too small to show what a key would change.
    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }

    /// A key press: mapped through the keymap, then `update`. While the
    /// screen is too small only `q` and `Ctrl-C` work: nothing may change
    /// what cannot be seen.
    pub fn handle_key(&mut self, key: KeyEvent) {
        use crossterm::event::{KeyCode, KeyModifiers};
        if self.too_small() {
            let quit = key.code == KeyCode::Char('q')
                || (key.code == KeyCode::Char('c')
                    && key.modifiers.contains(KeyModifiers::CONTROL));
            if quit {
                self.quit = true;
            }
            return;
        }
        if let Some(action) = keymap::action_for(key, self.input_mode(), self.scope()) {
            self.update(action);
        }
    }

    /// Carries out one action. Errors end up in the status line.
    pub fn update(&mut self, action: Action) {
        if let Err(e) = self.try_update(action) {
            self.fail(e);
        }
    }

    fn try_update(&mut self, action: Action) -> Result<()> {
        match std::mem::replace(&mut self.overlay, Overlay::None) {
            Overlay::None => self.normal(action),
            Overlay::Help | Overlay::Detail(..) | Overlay::Balance(_) => {
                if action == Action::Quit {
                    self.quit = true;
                }
                Ok(())
            }
            Overlay::Filter => self.filtering(action),
            Overlay::Confirm(c) => self.confirming(c, action),
            Overlay::Form(f) => self.form(f, action),
            Overlay::Rule(e) => self.rule_editor(e, action),
            Overlay::Reward(f) => self.reward_form(f, action),
            Overlay::Discard(e) => {
                match action {
                    Action::Confirm => self.say(s::RULE_DISCARDED),
                    Action::Quit => self.quit = true,
                    _ => self.overlay = Overlay::Rule(e),
                }
                Ok(())
            }
            Overlay::RuleDate(q) => self.rule_date(q, action),
            Overlay::ChooseKind => {
                if let Action::Input(c) = action
                    && let Some(kind) = Kind::ALL.into_iter().find(|k| k.key() == c)
                {
                    let set = self.store.db().rules()?;
                    let preview =
                        Preview::load(self.store.db(), self.period, &set.rules, self.ctx.today)?;
                    self.overlay = Overlay::Rule(Box::new(RuleEditor::add(kind, set, preview)));
                } else if !matches!(action, Action::Cancel | Action::Quit) {
                    self.overlay = Overlay::ChooseKind;
                } else if action == Action::Quit {
                    self.quit = true;
                }
                Ok(())
            }
        }
    }

    fn normal(&mut self, action: Action) -> Result<()> {
        use Action::*;
        match action {
            Quit => self.quit = true,
            Pane(n) => self.pane = n.min(RANKINGS),
            NextPane => self.pane = (self.pane + 1) % 4,
            PrevPane => self.pane = (self.pane + 3) % 4,
            Up | Down | PageUp | PageDown | Top | Bottom => self.move_cursor(action)?,
            PrevPeriod => self.set_period(self.period.prev())?,
            NextPeriod => self.set_period(self.period.next())?,
            CyclePeriodKind => {
                let next = self.next_kind_period();
                self.set_period(next)?
            }
            StartFilter => self.overlay = Overlay::Filter,
            Help => {
                // The help covers the status line; an old message would show through.
                self.message = None;
                self.overlay = Overlay::Help;
            }
            Cancel => {
                if !self.filter.is_empty() {
                    self.filter.clear();
                    self.reload()?;
                }
                self.message = None;
            }
            ToggleMark if self.pane == CATALOG => {
                self.catalog.toggle_mark();
                self.move_cursor(Down)?;
            }
            MarkAll if self.pane == CATALOG => self.catalog.mark_all(),
            ClearMarks if self.pane == CATALOG => self.catalog.marks.clear(),
            ToggleMark => {
                self.ledger.toggle_mark();
                self.move_cursor(Down)?;
            }
            MarkAll => {
                self.ledger
                    .mark_all(self.store.db(), self.period, &self.filter)?;
            }
            ClearMarks => self.ledger.marks.clear(),
            Approve | Reject
                if self.pane == LEDGER && self.closed.closes_all_of(self.period).is_some() =>
            {
                if let Some(c) = self.closed.closes_all_of(self.period) {
                    self.fail(Error::Failed(s::closed_refusal(
                        &c.period.to_string(),
                        &c.closed_by,
                        &c.closed_at,
                    )));
                }
            }
            Approve | Reject => {
                let redemptions = self.pane == CATALOG;
                let (ids, points, provisional) = if redemptions {
                    let (ids, points) = self.catalog.decision_targets();
                    (ids, points, 0)
                } else {
                    let t = self.ledger.decision_targets(action == Approve);
                    (t.ids, t.points, t.provisional)
                };
                if ids.is_empty() && provisional > 0 {
                    self.say(s::only_provisional(provisional));
                } else if ids.is_empty() {
                    self.say(s::NOTHING_PENDING);
                } else {
                    let decision = if action == Approve {
                        Status::Approved
                    } else {
                        Status::Rejected
                    };
                    let (hidden, single) = if redemptions {
                        (0, None)
                    } else if self.ledger.marks.is_empty() {
                        let single = self.ledger.current().map(|r| {
                            (
                                format!("{} {}", r.member, r.name),
                                super::panes::ledger::describe(r),
                            )
                        });
                        (0, single)
                    } else {
                        // Marks survive a filter or status change: the
                        // question names those the view does not show.
                        let view = self.ledger.view(self.period, &self.filter);
                        let shown: std::collections::HashSet<i64> = self
                            .store
                            .db()
                            .award_line_marks(&view)?
                            .into_iter()
                            .map(|m| m.id)
                            .collect();
                        (ids.iter().filter(|id| !shown.contains(id)).count(), None)
                    };
                    self.overlay = Overlay::Confirm(Confirmation {
                        decision,
                        ids,
                        points,
                        reason: String::new(),
                        needs_reason: false,
                        redemptions,
                        provisional,
                        hidden,
                        single,
                        dispute: false,
                    });
                }
            }
            Open if self.pane == RULES => {
                if let Some(v) = self.rules.current().cloned() {
                    let set = self.store.db().rules()?;
                    let preview =
                        Preview::load(self.store.db(), self.period, &set.rules, self.ctx.today)?;
                    self.overlay = Overlay::Rule(Box::new(RuleEditor::edit(&v, set, preview)));
                }
            }
            New if self.pane == RULES => self.overlay = Overlay::ChooseKind,
            ToggleActive if self.pane == RULES => {
                if let Some(v) = self.rules.current().cloned() {
                    let from = self.change_date(&v);
                    let on = !v.active;
                    let question = s::toggle_question(&v.id, on);
                    let change = Change::Put(Box::new(RuleVersion {
                        active: on,
                        ..v.clone()
                    }));
                    self.ask_date(v.id, change, question, from, None);
                }
            }
            EndRule if self.pane == RULES => {
                if let Some(v) = self.rules.current().cloned() {
                    let from = self.change_date(&v);
                    let question = s::end_question(&v.id);
                    self.ask_date(v.id, Change::End, question, from, None);
                }
            }
            New | Edit if self.pane == CATALOG => {
                let rewards = self.store.db().rewards()?;
                let current = if action == Edit {
                    let code = self.catalog.current().map(|q| q.redemption.reward.clone());
                    rewards
                        .iter()
                        .find(|r| Some(&r.code) == code.as_ref())
                        .or(rewards.first())
                        .cloned()
                } else {
                    None
                };
                let mut limits = std::collections::HashMap::new();
                for r in &rewards {
                    limits.insert(r.code.clone(), self.store.db().reward_limits(&r.code)?);
                }
                self.overlay =
                    Overlay::Reward(Box::new(RewardForm::new(rewards, limits, current.as_ref())));
            }
            ToggleActive | EndRule | Edit => {}
            Open if self.pane == RANKINGS => {
                let who = self
                    .rankings
                    .rows
                    .get(self.rankings.cursor)
                    .map(|r| r.who.clone());
                if let Some(code) = who.filter(|_| !self.rankings.teams) {
                    let rows = crate::ops::catalog::balances(
                        self.store.db(),
                        self.ctx.today,
                        Some(&code),
                    )?;
                    if let Some(b) = rows.into_iter().next() {
                        self.overlay = Overlay::Balance(Box::new(b));
                    }
                }
            }
            Open => {
                if let Some(id) = self.ledger.current().map(|r| r.id)
                    && let Some(award) = self.store.db().award(id)?
                {
                    let name = self
                        .store
                        .db()
                        .member(&award.key.member)?
                        .map(|m| m.name)
                        .unwrap_or_default();
                    let history = self.store.db().audit_entries(&AuditFilter {
                        subject: Some(format!("award {id}")),
                        ..AuditFilter::default()
                    })?;
                    self.overlay = Overlay::Detail(Box::new(award), name, history);
                }
            }
            New => {
                let members = self.store.db().members()?;
                self.overlay = Overlay::Form(Box::new(ManualForm::new(members, self.ctx.today)));
            }
            CycleStatus => {
                self.ledger.status = self.ledger.status.next();
                self.ledger.cursor = 0;
                self.ledger.marks.clear();
                self.ledger
                    .reload(self.store.db(), self.period, &self.filter)?;
            }
            ToggleTeams => {
                self.rankings.teams = !self.rankings.teams;
                self.rankings.cursor = 0;
                self.rankings
                    .reload(self.store.db(), self.period, &self.filter)?;
            }
            Publish => {
                let dir = self
                    .store
                    .path()
                    .parent()
                    .unwrap_or(std::path::Path::new("."))
                    .join("published")
                    .join(self.period.to_string());
                let o = crate::publish::PublishOptions {
                    include_pending: self.rankings.with_pending,
                    ..Default::default()
                };
                let p =
                    crate::publish::publish(self.store.db(), self.period, self.ctx.today, &dir, o)?;
                self.say(s::published(
                    &self.period.to_string(),
                    &dir.display().to_string(),
                    p.pages,
                ));
            }
            Dispute if self.pane == LEDGER => {
                match self
                    .ledger
                    .current()
                    .filter(|r| r.status != Status::Rejected)
                {
                    None => self.say(s::NOTHING_TO_DISPUTE),
                    Some(r) => {
                        let single = Some((
                            format!("{} {}", r.member, r.name),
                            super::panes::ledger::describe(r),
                        ));
                        self.overlay = Overlay::Confirm(Confirmation {
                            decision: Status::Pending,
                            ids: vec![r.id],
                            points: r.points,
                            reason: String::new(),
                            needs_reason: false,
                            redemptions: false,
                            provisional: 0,
                            hidden: 0,
                            single,
                            dispute: true,
                        });
                    }
                }
            }
            Dispute => {}
            ToggleCategories => {
                self.rankings.by_category = !self.rankings.by_category;
                self.rankings
                    .reload(self.store.db(), self.period, &self.filter)?;
            }
            TogglePending => {
                self.rankings.include_pending = Some(!self.rankings.with_pending);
                self.rankings
                    .reload(self.store.db(), self.period, &self.filter)?;
            }
            Input(_) | Backspace | Confirm | NextField | PrevField | Save => {}
        }
        Ok(())
    }

    fn move_cursor(&mut self, action: Action) -> Result<()> {
        match self.pane {
            LEDGER => {
                let l = &mut self.ledger;
                l.cursor = moved(l.cursor, l.total, action, l.height);
                l.fill(self.store.db(), self.period, &self.filter)?;
            }
            RANKINGS => {
                let r = &mut self.rankings;
                r.cursor = moved(r.cursor, r.rows.len(), action, r.height);
            }
            RULES => {
                let r = &mut self.rules;
                r.cursor = moved(r.cursor, r.rules.len(), action, r.height);
                r.load_history(self.store.db())?;
            }
            CATALOG => {
                let c = &mut self.catalog;
                c.cursor = moved(c.cursor, c.queue.len(), action, c.height);
            }
            _ => {}
        }
        Ok(())
    }

    fn set_period(&mut self, period: Period) -> Result<()> {
        if matches!(period.kind(), PeriodKind::Week | PeriodKind::Month) {
            self.place = Some(period.with_kind(PeriodKind::Week).start() + chrono::Days::new(3));
            if period.kind() == PeriodKind::Month {
                self.place = Some(period.start());
            }
        }
        self.period = period;
        self.ledger.cursor = 0;
        let marks = self.ledger.marks.len();
        self.ledger.marks.clear();
        self.reload()?;
        if marks > 0 {
            self.say(s::marks_cleared(marks));
        }
        Ok(())
    }

    /// The period `p` moves to: the next kind's period containing today
    /// when the one shown does, else the one holding the lead's place (the
    /// last week or month shown) when the one shown does, else the one
    /// holding its first day.
    fn next_kind_period(&self) -> Period {
        let kind = self.period.kind().next();
        if self.period.contains(self.ctx.today) {
            return Period::containing(kind, self.ctx.today);
        }
        match self.place {
            Some(day) if self.period.contains(day) => Period::containing(kind, day),
            _ => self.period.with_kind(kind),
        }
    }

    fn filtering(&mut self, action: Action) -> Result<()> {
        match action {
            Action::Input(c) => {
                self.filter.push(c);
                self.overlay = Overlay::Filter;
                self.ledger.cursor = 0;
                self.reload()?;
            }
            Action::Backspace => {
                self.filter.pop();
                self.overlay = Overlay::Filter;
                self.reload()?;
            }
            Action::Cancel => {
                self.filter.clear();
                self.reload()?;
            }
            Action::Quit => self.quit = true,
            // Enter keeps the filter and returns to the pane.
            _ => {}
        }
        Ok(())
    }

    fn confirming(&mut self, mut c: Confirmation, action: Action) -> Result<()> {
        match action {
            Action::Confirm => {
                let reason = c.takes_reason().then(|| c.reason.trim().to_string());
                if reason.as_deref() == Some("") {
                    c.needs_reason = true;
                    self.overlay = Overlay::Confirm(c);
                    return Ok(());
                }
                if c.dispute {
                    for &id in &c.ids {
                        crate::ops::disputes::dispute(&mut self.store, &self.ctx, id, &c.reason)?;
                    }
                    self.say(s::disputed(c.ids.first().copied().unwrap_or_default()));
                    return self.reload();
                }
                if c.redemptions {
                    return self.decide_redemptions(&c, reason.as_deref());
                }
                let done = decide_ids(
                    &mut self.store,
                    &self.ctx,
                    &c.ids,
                    c.decision,
                    reason.as_deref(),
                )?;
                for id in &c.ids {
                    self.ledger.marks.remove(id);
                }
                let points = done.points.to_string();
                let mut text = if c.decision == Status::Approved {
                    s::approved(done.count, &points)
                } else {
                    s::rejected(done.count, &points)
                };
                if let Some(already) = done.already_text() {
                    text.push_str(&format!("; {already}"));
                }
                if let Some(disputed) = done.disputed_text() {
                    text.push_str(&format!("; {disputed}"));
                }
                self.say(text);
                self.reload()?;
            }
            Action::Cancel => {}
            Action::Quit => self.quit = true,
            Action::Input(ch) if c.takes_reason() => {
                c.reason.push(ch);
                self.overlay = Overlay::Confirm(c);
            }
            Action::Backspace if c.takes_reason() => {
                c.reason.pop();
                self.overlay = Overlay::Confirm(c);
            }
            _ => self.overlay = Overlay::Confirm(c),
        }
        Ok(())
    }

    fn decide_redemptions(&mut self, c: &Confirmation, reason: Option<&str>) -> Result<()> {
        let out = decide_redemptions(&mut self.store, &self.ctx, &c.ids, c.decision, reason)?;
        for id in &c.ids {
            self.catalog.marks.remove(id);
        }
        let mut text = s::decided_redemptions(
            c.decision == Status::Approved,
            out.decided.len(),
            &out.points().to_string(),
        );
        for (id, why) in &out.refused {
            text.push_str(&format!("; request {id} stays pending: {why}"));
        }
        if !out.already.is_empty() {
            text.push_str(&format!("; {} already decided", out.already.len()));
        }
        self.message = Some(Message {
            text,
            error: !out.refused.is_empty(),
        });
        self.reload()
    }

    /// `Ctrl-C` over unsaved work: the first press warns, a second one in a
    /// row quits (nothing unsaved: it quits at once). True when quitting.
    fn quit_unsaved(&mut self, armed: bool, unsaved: bool, warning: &str) -> bool {
        if armed || !unsaved {
            self.quit = true;
        } else {
            self.quit_armed = true;
            self.say(warning);
        }
        self.quit
    }

    fn change_date(&self, v: &RuleVersion) -> chrono::NaiveDate {
        crate::ops::rules::change_date(v, self.period)
    }

    fn ask_date(
        &mut self,
        id: String,
        change: Change,
        question: String,
        from: chrono::NaiveDate,
        back: Option<Box<RuleEditor>>,
    ) {
        self.overlay = Overlay::RuleDate(Box::new(RuleDate {
            id,
            change,
            question,
            date: from.to_string(),
            error: None,
            back,
        }));
    }

    fn rule_editor(&mut self, mut e: Box<RuleEditor>, action: Action) -> Result<()> {
        let armed = std::mem::take(&mut self.quit_armed);
        match action {
            Action::Input(c) => e.input(c),
            Action::Backspace => e.backspace(),
            Action::NextField | Action::Down | Action::Confirm => e.form.next_field(),
            Action::PrevField | Action::Up => e.form.prev_field(),
            Action::PageDown => e.scroll += self.rules.height.saturating_sub(6).max(1),
            Action::PageUp => {
                e.scroll = e
                    .scroll
                    .saturating_sub(self.rules.height.saturating_sub(6).max(1))
            }
            Action::Save => match e.version.clone() {
                Some(v) => {
                    let id = e.id().to_string();
                    let question = s::save_question(&id);
                    let from = e.from;
                    self.ask_date(id, Change::Put(Box::new(v)), question, from, Some(e));
                    return Ok(());
                }
                None => {
                    e.tried = true;
                    e.focus_first_error();
                    self.say(s::RULE_FIXES);
                }
            },
            Action::Cancel if e.form.changed() => {
                self.overlay = Overlay::Discard(e);
                return Ok(());
            }
            Action::Cancel => return Ok(()),
            Action::Quit if self.quit_unsaved(armed, e.form.changed(), s::QUIT_RULE) => {
                return Ok(());
            }
            _ => {}
        }
        self.overlay = Overlay::Rule(e);
        Ok(())
    }

    fn rule_date(&mut self, mut q: Box<RuleDate>, action: Action) -> Result<()> {
        let armed = std::mem::take(&mut self.quit_armed);
        match action {
            Action::Input(c) => q.date.push(c),
            Action::Backspace => {
                q.date.pop();
            }
            Action::Cancel => {
                if let Some(e) = q.back {
                    self.overlay = Overlay::Rule(e);
                }
                return Ok(());
            }
            Action::Quit if self.quit_unsaved(armed, q.back.is_some(), s::QUIT_RULE) => {
                return Ok(());
            }
            Action::Confirm => {
                let from = match crate::domain::parse_date(q.date.trim()) {
                    Ok(d) => d,
                    Err(_) => {
                        q.error = Some(s::NOT_A_DATE.into());
                        self.overlay = Overlay::RuleDate(q);
                        return Ok(());
                    }
                };
                match save_change(&mut self.store, &self.ctx, &q.id, from, q.change.clone()) {
                    Ok(saved) => {
                        self.say(s::rule_saved(&q.id, &from.to_string(), &saved.recalc));
                        self.reload()?;
                        self.rules.select(&q.id, from);
                        return self.rules.load_history(self.store.db());
                    }
                    Err(e) => {
                        q.error = Some(e.lines().join("; "));
                        self.overlay = Overlay::RuleDate(q);
                        return Ok(());
                    }
                }
            }
            _ => {}
        }
        self.overlay = Overlay::RuleDate(q);
        Ok(())
    }

    fn reward_form(&mut self, mut f: Box<RewardForm>, action: Action) -> Result<()> {
        let armed = std::mem::take(&mut self.quit_armed);
        match action {
            Action::Input(c) => f.input(c),
            Action::Backspace => f.backspace(),
            Action::NextField | Action::Down => f.next_field(),
            Action::PrevField | Action::Up => f.prev_field(),
            Action::Cancel => return Ok(()),
            Action::Quit if self.quit_unsaved(armed, true, s::QUIT_REWARD) => return Ok(()),
            Action::Confirm => match f.reward() {
                Ok((r, l)) => {
                    match crate::ops::catalog::save_reward(&mut self.store, &self.ctx, &r, Some(&l))
                    {
                        Ok(change) => {
                            self.say(s::reward_saved(&r.code, change));
                            return self.reload();
                        }
                        Err(e) => self.fail(e),
                    }
                }
                Err(_) => {
                    f.tried = true;
                    f.focus_first_error();
                    self.say(s::FORM_FIXES);
                }
            },
            _ => {}
        }
        self.overlay = Overlay::Reward(f);
        Ok(())
    }

    fn form(&mut self, mut f: Box<ManualForm>, action: Action) -> Result<()> {
        let armed = std::mem::take(&mut self.quit_armed);
        match action {
            Action::Input(c) => f.input(c),
            Action::Backspace => f.backspace(),
            Action::NextField => f.next_field(),
            Action::PrevField => f.prev_field(),
            Action::Down => f.down(),
            Action::Up => f.up(),
            Action::Cancel => return Ok(()),
            Action::Quit if self.quit_unsaved(armed, true, s::QUIT_FORM) => return Ok(()),
            Action::Confirm => {
                f.tried = true;
                if let Some(award) = f.award() {
                    match add_manual(&mut self.store, &self.ctx, &award) {
                        Ok(id) => {
                            self.say(s::saved_manual(
                                id,
                                &award.member,
                                &award.points.to_string(),
                            ));
                            return self.reload();
                        }
                        Err(e) => self.fail(e),
                    }
                } else {
                    f.focus_first_error();
                    self.say(s::FORM_FIXES);
                }
            }
            _ => {}
        }
        self.overlay = Overlay::Form(f);
        Ok(())
    }
}
