//! Recalculation (SPEC §5): score whole years through `scoring::evaluate`,
//! then reconcile the computed awards with the stored ones for the periods
//! asked about: new, updated, withdrawn, adjustments; rejected stay rejected.
//! A change to an award dated in a closed period is not made but counted
//! as skipped.

use super::Context;
use crate::domain::{Award, AwardKey, AwardKind, ClosedPeriods, Period, PeriodKind};
use crate::error::{Error, Result};
use crate::scoring::{Approved, ComputedAward, Inputs, Scorer, evaluate_checked, sort_awards};
use crate::store::{APPEND_ROWS, AppendedAward, NewAward, Store, Tx};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeSet, HashSet};
use std::path::Path;

pub use super::recalc_plan::RecalcSummary;
use super::recalc_plan::{Book, Change, new_award};

/// Recalculates `period`, or every period with data when `None`.
pub fn recalc(
    store: &mut Store,
    ctx: &Context,
    period: Option<Period>,
    dry_run: bool,
) -> Result<RecalcSummary> {
    let path = store.path().to_path_buf();
    let tx = store.write()?;
    // Nothing is written before the recalc in this transaction, so a
    // second connection reads the same inputs and can score ahead.
    let mode = if dry_run { Mode::Plan } else { Mode::Apply };
    let summary = recalc_scopes(&tx, ctx, period, Some(&path), mode)?;
    if !dry_run {
        let what = period.map_or("all periods".to_string(), |p| p.to_string());
        tx.audit(
            &ctx.now(),
            &ctx.actor,
            "recalc",
            &format!("{what}: {}", summary.counts()),
        )?;
        tx.commit()?;
    }
    Ok(summary)
}

/// Recalculates inside a transaction the caller commits. Without a
/// period, the years whose awards already match their inputs are skipped.
pub fn recalc_in(tx: &Tx, ctx: &Context, period: Option<Period>) -> Result<RecalcSummary> {
    recalc_scopes(tx, ctx, period, None, Mode::Apply)
}

/// How a recalc writes what it plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// Each change made as planned.
    Apply,
    /// A first recalc's awards appended in bulk (`Tx::bulk_awards`).
    Bulk,
    /// Nothing written: the plan is counted (`--dry-run`).
    Plan,
}

/// `recalc_in`; with `ahead`, the store's path when the transaction has
/// written nothing yet, the next year is scored on a second thread (from
/// its own connection) while this one writes the year before.
fn recalc_scopes(
    tx: &Tx,
    ctx: &Context,
    period: Option<Period>,
    ahead: Option<&Path>,
    mode: Mode,
) -> Result<RecalcSummary> {
    // Years already scored whose inputs have not changed: only their rank
    // and pool awards, which follow approvals and the calendar, are re-derived.
    let mut settled: Vec<Period> = Vec::new();
    let scopes: Vec<Period> = match period {
        Some(p) => vec![p],
        None => {
            let scored = tx.db().scored_years()?;
            let (todo, done): (Vec<i32>, Vec<i32>) = years_with_data(tx)?
                .into_iter()
                .partition(|y| !scored.contains(y));
            settled = done.into_iter().map(Period::Year).collect();
            todo.into_iter().map(Period::Year).collect()
        }
    };
    let closed = tx.db().closed_periods()?;
    let mut summary = RecalcSummary::default();
    let period_end = period_end_rules(tx.db())?;
    if !period_end.is_empty() {
        for &scope in &settled {
            let only = Some(&period_end[..]);
            recalc_scope(
                tx,
                ctx,
                &closed,
                scope,
                |take| compute_by_month(tx.db(), scope, ctx.today, only, take),
                mode,
                &period_end,
                &mut summary,
            )?;
        }
    }
    let _work = crate::progress::Work::new(
        crate::progress::Task::Scoring,
        Some(scopes.len() as u64 * 12),
    );
    let bulk = mode == Mode::Apply && !scopes.is_empty() && tx.bulk_awards(!closed.0.is_empty())?;
    let mode = if bulk { Mode::Bulk } else { mode };
    // A store of an older schema (a test's) has no reader: scored here.
    let reader = ahead.and_then(|path| Store::open_reader(path).ok());
    match reader {
        // A second thread scores, a month at a time, while this one
        // writes what it has scored.
        Some(reader) => {
            super::ahead::scored_ahead(reader, &scopes, ctx.today, |scope, produce| {
                recalc_scope(tx, ctx, &closed, scope, produce, mode, &[], &mut summary)
            })?;
        }
        None => {
            for &scope in &scopes {
                recalc_scored_here(tx, ctx, &closed, scope, mode, &mut summary)?;
            }
        }
    }
    if bulk {
        tx.end_bulk_awards()?;
    }
    Ok(summary)
}

/// `recalc_scope` of every rule, scored on this thread from the
/// transaction's own reads.
fn recalc_scored_here(
    tx: &Tx,
    ctx: &Context,
    closed: &ClosedPeriods,
    scope: Period,
    mode: Mode,
    summary: &mut RecalcSummary,
) -> Result<()> {
    recalc_scope(
        tx,
        ctx,
        closed,
        scope,
        |take| compute_by_month(tx.db(), scope, ctx.today, None, take),
        mode,
        &[],
        summary,
    )
}

/// Recalculates every year with data from `from`'s year on, inside a
/// transaction the caller commits, and notes it in the audit log.
pub fn recalc_from(tx: &Tx, ctx: &Context, from: NaiveDate) -> Result<RecalcSummary> {
    let summary = recalc_years_from(tx, ctx, from, Mode::Apply)?;
    tx.audit(
        &ctx.now(),
        &ctx.actor,
        "recalc",
        &format!("from {from}: {}", summary.counts()),
    )?;
    Ok(summary)
}

fn recalc_years_from(tx: &Tx, ctx: &Context, from: NaiveDate, mode: Mode) -> Result<RecalcSummary> {
    let closed = tx.db().closed_periods()?;
    let mut summary = RecalcSummary::default();
    for year in years_with_data(tx)?
        .into_iter()
        .filter(|y| *y >= from.year())
    {
        let scope = Period::Year(year);
        recalc_scored_here(tx, ctx, &closed, scope, mode, &mut summary)?;
    }
    Ok(summary)
}

fn years_with_data(tx: &Tx) -> Result<Vec<i32>> {
    let mut years: Vec<i32> = Vec::new();
    let mut add = |span: Option<(NaiveDate, NaiveDate)>| {
        if let Some((a, b)) = span {
            years.extend(a.year()..=b.year());
        }
    };
    add(tx.db().activity_span()?);
    add(tx.db().award_span()?);
    years.extend(tx.db().target_years()?);
    years.sort_unstable();
    years.dedup();
    Ok(years)
}

/// The ids of the rank and pool rules (any version): their awards are
/// scored from the others' approved points.
pub fn period_end_rules(db: crate::store::Db) -> Result<Vec<String>> {
    let mut ids: Vec<String> = db
        .rules()?
        .rules
        .into_iter()
        .filter(|r| r.body.is_period_end())
        .map(|r| r.id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// What rank and pool rules read for the years `from..=to` on `today`:
/// approved points of every other rule and of manual awards, by day.
pub fn approved_inputs(
    db: crate::store::Db,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
    left_out: &[String],
) -> Result<Approved> {
    let left_out: Vec<&str> = left_out.iter().map(String::as_str).collect();
    Ok(Approved {
        today: Some(today),
        by_day: db.approved_by_day(from, to, &left_out)?,
    })
}

/// Where a scope's computed awards go, a month's worth at a time: by date
/// then key, each key once, within the scope.
pub type Take<'t> = dyn FnMut(Vec<ComputedAward>) -> Result<()> + 't;

/// Computes the awards of the year covering `scope` (of the `only` rules,
/// when given), kept to `scope`, with rank and pool awards for the periods
/// ended before `today`, and hands them to `take` a month at a time: a
/// month of activities is held, not a year (issue 24). Caps, attainment
/// sums and pools run on from month to month (`scoring::Scorer`), so the
/// awards are those `evaluate` gives for the whole year.
pub fn compute_by_month(
    db: crate::store::Db,
    scope: Period,
    today: NaiveDate,
    only: Option<&[String]>,
    take: &mut Take,
) -> Result<()> {
    let from = Period::containing(PeriodKind::Year, scope.start()).start();
    let to = Period::containing(PeriodKind::Year, scope.end()).end();
    let members = db.members()?;
    let mut targets = Vec::new();
    for year in from.year()..=to.year() {
        targets.extend(db.targets_of_year(year)?);
    }
    targets.retain(|t| t.period.start() >= from && t.period.end() <= to);
    let mut rules = db.rules()?;
    if let Some(only) = only {
        rules.rules.retain(|r| only.contains(&r.id));
    }
    let period_end: Vec<String> = rules
        .rules
        .iter()
        .filter(|r| r.body.is_period_end())
        .map(|r| r.id.clone())
        .collect();
    let approved = if period_end.is_empty() {
        None
    } else {
        Some(approved_inputs(db, from, to, today, &period_end)?)
    };
    let mut inputs = Inputs {
        members: &members,
        activities: &[],
        targets: &targets,
        rules: &rules.rules,
        from,
        to,
        approved: approved.as_ref(),
    };
    let checked = |beyond: &[String]| match beyond.first() {
        Some(what) => Err(Error::BadInput(vec![format!(
            "{what}: the points are beyond the range of ±1000000000000000; change the rule"
        )])),
        None => Ok(()),
    };
    if keys_may_cross_months(&rules.rules) {
        // One rule id both per event and at a period's end: a key could
        // come up in two months, so the year is scored whole.
        let activities = db.activities_between(from, to)?;
        inputs.activities = &activities;
        let mut awards = evaluate_checked(&inputs).map_err(|e| Error::BadInput(vec![e]))?;
        awards.retain(|a| scope.contains(a.date));
        merge_same_keys(&mut awards);
        take(awards)?;
        return Ok(());
    }
    let mut scorer = Scorer::new(&inputs, true);
    let mut month = Period::containing(PeriodKind::Month, from);
    // Months after the scope change nothing in it.
    while month.start() <= to.min(scope.end()) {
        let activities = db.activities_between(month.start(), month.end())?;
        // About an award an activity: room made once, not doubled into.
        let mut awards = Vec::with_capacity(activities.len());
        scorer.activities(&activities, &mut awards);
        drop(activities);
        scorer.close_through(month.end(), &mut awards);
        checked(&scorer.beyond)?;
        awards.retain(|a| scope.contains(a.date));
        sort_awards(&mut awards);
        merge_same_keys(&mut awards);
        take(awards)?;
        month = month.next();
    }
    Ok(())
}

/// Whether a rule id has versions that score per event and versions that
/// score a period: only then could one key (rule, member, subject) be
/// given on days in two months. Every other key has one date: an
/// activity's (its ref is the subject) or a period's last day.
fn keys_may_cross_months(rules: &[crate::rules::RuleVersion]) -> bool {
    use crate::rules::RuleBody;
    let mut per_event: HashSet<&str> = HashSet::new();
    let mut per_period: HashSet<&str> = HashSet::new();
    for r in rules {
        match &r.body {
            RuleBody::PerEvent(_) => per_event.insert(r.id.as_str()),
            RuleBody::Attainment(_) | RuleBody::Rank(_) | RuleBody::TeamPool(_) => {
                per_period.insert(r.id.as_str())
            }
            RuleBody::Multiplier(_) => false,
        };
    }
    per_event.intersection(&per_period).next().is_some()
}

/// Two awards with one key (rules do not give that, but the store must not
/// depend on it) become one: the later one's figures at the earlier one's
/// place, which is what writing the first and then updating it with the
/// second leaves. A first recalc can then build the unique key index at
/// the end instead of checking every award against it.
fn merge_same_keys(all: &mut Vec<ComputedAward>) {
    // Rules give each key once: a hash set says so without sorting a
    // year of keys.
    let mut keys = rustc_hash::FxHashSet::default();
    keys.reserve(all.len());
    if all.iter().all(|a| keys.insert(&a.key)) {
        return;
    }
    drop(keys);
    let mut by_key: Vec<u32> = (0..all.len() as u32).collect();
    by_key.sort_unstable_by(|&a, &b| {
        all[a as usize]
            .key
            .cmp(&all[b as usize].key)
            .then(a.cmp(&b))
    });
    let mut gone = Vec::new();
    let mut i = 0;
    while i < by_key.len() {
        let first = by_key[i] as usize;
        let mut j = i + 1;
        while j < by_key.len() && all[by_key[j] as usize].key == all[first].key {
            j += 1;
        }
        if j > i + 1 {
            let last = by_key[j - 1] as usize;
            let later = all[last].clone();
            all[first] = later;
            gone.extend(by_key[i + 1..j].iter().map(|&k| k as usize));
        }
        i = j;
    }
    if !gone.is_empty() {
        gone.sort_unstable();
        let mut k = 0;
        let mut index = 0;
        all.retain(|_| {
            let keep = gone.get(k) != Some(&index);
            if !keep {
                k += 1;
            }
            index += 1;
            keep
        });
    }
}

/// Recalculates one scope, its computed awards handed over by `produce`
/// a month at a time; a whole year with nothing skipped is then marked
/// scored. In `bulk` (see `Tx::bulk_awards`) the awards are appended as
/// they come. With `only` rule ids, just their awards are reconciled (and
/// the year's mark is left as it is).
#[allow(clippy::too_many_arguments)]
pub(super) fn recalc_scope(
    tx: &Tx,
    ctx: &Context,
    closed: &ClosedPeriods,
    scope: Period,
    produce: impl FnOnce(&mut Take) -> Result<()>,
    mode: Mode,
    only: &[String],
    summary: &mut RecalcSummary,
) -> Result<()> {
    if mode == Mode::Bulk {
        summary.new += append_all(tx, ctx, produce)?;
        if let Period::Year(y) = scope {
            tx.mark_scored(y)?;
        }
        return Ok(());
    }
    let skipped = summary.skipped;
    let shut = |date| closed.covering(date).is_some();
    let mut stored = StoredByDay::new(tx, scope, only)?;
    let now = ctx.now();

    // Each month's computed awards are dropped once written, and the
    // stored ones of a day once it is over.
    produce(&mut |mut month: Vec<ComputedAward>| {
        if !month.is_sorted_by_key(|c| c.date) {
            month.sort_by_key(|c| c.date);
        }
        for c in &month {
            stored.reach(tx, c.date)?;
            let (book, existing) = match stored.find(&c.key) {
                Some(found) => found,
                None => {
                    let book = stored.book_for(&c.key);
                    match stored_elsewhere(tx, book, c, shut(c.date), mode, &now, ctx)? {
                        Elsewhere::Written(change) => {
                            summary.count(&change);
                            continue;
                        }
                        Elsewhere::Stored(a) => {
                            stored.joined(&a);
                            (stored.book_for(&c.key), a)
                        }
                    }
                }
            };
            for change in book.computed(closed, &existing, c) {
                apply(tx, ctx, &now, change, mode, summary)?;
            }
        }
        crate::progress::advance(1);
        Ok(())
    })?;

    let (mut spread, gone, others) = stored.unmatched(tx)?;
    for award in gone {
        let moved_to = moved_out_of(tx, scope, &award)?;
        for change in spread.gone(closed, &award, moved_to) {
            apply(tx, ctx, &now, change, mode, summary)?;
        }
    }
    for id in others {
        let Some(award) = tx.db().award(id)? else {
            continue;
        };
        // Its key's awards in the scope, as its day held them.
        let mut history = tx.db().awards_of_key(&award.key)?;
        history.retain(|a| scope.contains(a.date));
        let moved_to = moved_out_of(tx, scope, &award)?;
        for change in Book::new(history).gone(closed, &award, moved_to) {
            apply(tx, ctx, &now, change, mode, summary)?;
        }
    }
    if let Period::Year(y) = scope
        && summary.skipped == skipped
        && only.is_empty()
        && mode == Mode::Apply
    {
        tx.mark_scored(y)?;
    }
    Ok(())
}

/// The day `award`'s activity now lies on, when it moved out of `scope`
/// (the same member's activity, its ref the award's subject): the scope
/// holding that day reconciles the move, and says it moved.
fn moved_out_of(tx: &Tx, scope: Period, award: &Award) -> Result<Option<NaiveDate>> {
    Ok(tx
        .db()
        .activity(&award.key.subject)?
        .filter(|a| a.member == award.key.member && !scope.contains(a.date))
        .map(|a| a.date))
}

/// The stored awards of a scope, read a day at a time as the computed
/// awards come by (issue 24: a year of stored awards is not held; at ten
/// million activities even a month of them is too much). A key whose
/// award and adjustments are all on one day is read with that day; the
/// few whose are not (moved awards) are held for the whole scope. Which
/// stored computed awards no computed award matched is kept by id, to be
/// gone at the end.
struct StoredByDay<'s> {
    scope: Period,
    only: &'s [String],
    /// The keys whose awards span days, and their awards in the scope.
    spread: Book,
    spread_keys: HashSet<AwardKey>,
    /// Of those, the computed awards the rules still give.
    spread_matched: HashSet<i64>,
    /// The day read now, and its stored awards.
    day: Option<NaiveDate>,
    book: Book,
    matched: HashSet<i64>,
    /// Keys whose award was found dated on another day: their
    /// history joined the book then, and is not read again.
    joined: HashSet<AwardKey>,
    /// Stored computed awards of days gone by that no computed award
    /// has matched yet.
    unmatched: BTreeSet<i64>,
}

impl<'s> StoredByDay<'s> {
    fn new(tx: &Tx, scope: Period, only: &'s [String]) -> Result<StoredByDay<'s>> {
        let db = tx.db();
        let mut spread = Book::default();
        let mut spread_keys = HashSet::new();
        for key in db.spread_keys(scope.start(), scope.end(), only)? {
            for a in db.awards_of_key(&key)? {
                if scope.contains(a.date) {
                    spread.add(a);
                }
            }
            spread_keys.insert(key);
        }
        Ok(StoredByDay {
            scope,
            only,
            spread,
            spread_keys,
            spread_matched: HashSet::new(),
            day: None,
            book: Book::default(),
            matched: HashSet::new(),
            joined: HashSet::new(),
            unmatched: BTreeSet::new(),
        })
    }

    /// Reads the days up to `date`, leaving those before.
    fn reach(&mut self, tx: &Tx, date: NaiveDate) -> Result<()> {
        while self.day.is_none_or(|d| d < date) {
            let next = match self.day {
                Some(d) => match d.succ_opt() {
                    Some(next) => next,
                    None => break,
                },
                None => self.scope.start(),
            };
            self.leave();
            let (book, spread, joined) = (&mut self.book, &self.spread_keys, &self.joined);
            tx.db().each_to_reconcile(next, next, self.only, |a| {
                if !spread.contains(&a.key) && !joined.contains(&a.key) {
                    book.add(a);
                }
            })?;
            self.day = Some(next);
            if next >= self.scope.end() {
                break;
            }
        }
        Ok(())
    }

    /// The day read now is over: what no computed award matched on it
    /// is kept by id.
    fn leave(&mut self) {
        let book = std::mem::take(&mut self.book);
        self.unmatched.extend(
            book.awards
                .values()
                .filter(|a| !self.matched.contains(&a.id))
                .map(|a| a.id),
        );
        self.matched.clear();
    }

    /// The book holding a stored computed award with `key`, and the award
    /// (noted as matched).
    fn find(&mut self, key: &AwardKey) -> Option<(&mut Book, Award)> {
        if let Some(a) = self.spread.awards.get(key).map(|a| Award::clone(a)) {
            self.spread_matched.insert(a.id);
            return Some((&mut self.spread, a));
        }
        let a = Award::clone(self.book.awards.get(key)?);
        self.matched.insert(a.id);
        Some((&mut self.book, a))
    }

    /// Where a key's history goes when it is read whole.
    fn book_for(&mut self, key: &AwardKey) -> &mut Book {
        if self.spread_keys.contains(key) {
            &mut self.spread
        } else {
            &mut self.book
        }
    }

    /// `award`, dated on another day, is what a computed award of this day
    /// matches.
    fn joined(&mut self, award: &Award) {
        self.unmatched.remove(&award.id);
        self.matched.insert(award.id);
        self.spread_matched.insert(award.id);
        self.joined.insert(award.key.clone());
    }

    /// The stored computed awards of the scope no computed award matched:
    /// the book of the spread keys and those of them, by id, then the
    /// ids of the others (each reconciled alone).
    fn unmatched(mut self, tx: &Tx) -> Result<(Book, Vec<Award>, BTreeSet<i64>)> {
        // The days after the last computed award: all unmatched.
        self.reach(tx, self.scope.end())?;
        self.leave();
        let mut gone: Vec<Award> = self
            .spread
            .awards
            .values()
            .filter(|a| self.scope.contains(a.date) && !self.spread_matched.contains(&a.id))
            .map(|a| Award::clone(a))
            .collect();
        gone.sort_by_key(|a| a.id);
        Ok((self.spread, gone, self.unmatched))
    }
}

/// What became of a computed award whose key the scope's book lacks.
// Returned at once and taken apart by the caller: never held in bulk.
#[allow(clippy::large_enum_variant)]
enum Elsewhere {
    /// Written as new, or skipped (its date is in a closed period).
    Written(Change),
    /// Stored under another date, outside the scope: its history has
    /// joined the book, so a move is adjusted on both dates.
    Stored(Award),
}

/// A computed award not in the book: new (inserted here, unless only
/// planning), skipped in a closed period, or stored under a date outside
/// the scope.
fn stored_elsewhere(
    tx: &Tx,
    book: &mut Book,
    c: &ComputedAward,
    shut: bool,
    mode: Mode,
    now: &str,
    ctx: &Context,
) -> Result<Elsewhere> {
    if (shut || mode == Mode::Plan) && tx.db().computed_award(&c.key)?.is_none() {
        let change = if shut {
            Change::Skipped
        } else {
            Change::New(new_award(AwardKind::Computed, c))
        };
        return Ok(Elsewhere::Written(change));
    }
    let new = new_award(AwardKind::Computed, c);
    if mode == Mode::Apply && tx.insert_award(&new, now, &ctx.actor)?.is_some() {
        return Ok(Elsewhere::Written(Change::New(new)));
    }
    let other = tx.db().computed_award(&c.key)?.ok_or_else(|| {
        Error::Failed(format!(
            "award {} {} {}: could not be written",
            c.key.rule_id, c.key.member, c.key.subject
        ))
    })?;
    for a in tx.db().awards_of_key(&c.key)? {
        book.add(a);
    }
    Ok(Elsewhere::Stored(other))
}

/// Appends a scope's awards as `produce` hands them over, a statement's
/// worth at a time; returns how many.
fn append_all(
    tx: &Tx,
    ctx: &Context,
    produce: impl FnOnce(&mut Take) -> Result<()>,
) -> Result<usize> {
    let now = ctx.now();
    let mut written = 0;
    let mut flush = |batch: &[ComputedAward]| -> Result<()> {
        let texts: Vec<(String, String)> = batch
            .iter()
            .map(|c| (c.explanation.english(), c.explanation.to_json()))
            .collect();
        let rows: Vec<AppendedAward> = batch
            .iter()
            .zip(&texts)
            .map(|(c, (english, json))| AppendedAward {
                key: &c.key,
                date: c.date,
                points: c.points,
                category: &c.category,
                explanation: english,
                title: &c.title,
                explain: Some(json),
            })
            .collect();
        tx.append_awards(&rows, &now, &ctx.actor)?;
        written += rows.len();
        Ok(())
    };
    produce(&mut |month: Vec<ComputedAward>| {
        for batch in month.chunks(APPEND_ROWS) {
            flush(batch)?;
        }
        crate::progress::advance(1);
        Ok(())
    })?;
    Ok(written)
}

/// Notes in the award's history what a recalc changed in it.
fn audit_change(tx: &Tx, ctx: &Context, now: &str, old: &Award, new: &NewAward) -> Result<()> {
    let mut what = Vec::new();
    if old.points != new.points {
        what.push(format!("points {} -> {}", old.points, new.points));
    }
    if old.date != new.date {
        what.push(format!("date {} -> {}", old.date, new.date));
    }
    if old.category != new.category {
        what.push(format!("category {} -> {}", old.category, new.category));
    }
    if old.explanation != new.explanation {
        what.push(format!("explanation now: {}", new.explanation));
    }
    tx.audit_about(
        now,
        &ctx.actor,
        "recalculated",
        Some(&format!("award {}", old.id)),
        &what.join("; "),
    )
}

/// Deletes pending award `id` and says why in its history.
fn withdraw(tx: &Tx, ctx: &Context, now: &str, id: i64, action: &str, why: &str) -> Result<()> {
    tx.delete_pending_award(id)?;
    tx.audit_about(now, &ctx.actor, action, Some(&format!("award {id}")), why)
}

/// Makes one planned change, with its audit entries, and counts it (a
/// plan only counts it).
fn apply(
    tx: &Tx,
    ctx: &Context,
    now: &str,
    c: Change,
    mode: Mode,
    summary: &mut RecalcSummary,
) -> Result<()> {
    summary.count(&c);
    if mode == Mode::Plan {
        return Ok(());
    }
    match c {
        Change::New(new) => {
            tx.insert_award(&new, now, &ctx.actor)?;
        }
        Change::Recomputed { old, new } | Change::Readjusted { old, new } => {
            tx.update_pending_award(old.id, &new)?;
            audit_change(tx, ctx, now, &old, &new)?;
        }
        Change::Withdrawn(award) => {
            let why = format!(
                "{} {} {} on {}: {} points no longer computed",
                award.key.rule_id, award.key.member, award.key.subject, award.date, award.points
            );
            withdraw(tx, ctx, now, award.id, "award withdrawn", &why)?;
        }
        Change::Unadjusted(p) => {
            withdraw(
                tx,
                ctx,
                now,
                p.id,
                "adjustment withdrawn",
                "difference back to 0",
            )?;
        }
        Change::Adjust { of, new } => {
            if let Some(id) = tx.insert_award(&new, now, &ctx.actor)? {
                tx.audit_about(
                    now,
                    &ctx.actor,
                    "adjustment",
                    Some(&format!("award {id}")),
                    &new.explanation,
                )?;
                tx.audit_about(
                    now,
                    &ctx.actor,
                    "adjusted",
                    Some(&format!("award {of}")),
                    &format!(
                        "pending adjustment {id} of {} points on {}",
                        new.points, new.date
                    ),
                )?;
            }
        }
        Change::Skipped => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Points;

    fn award(subject: &str, day: u32, points: i64) -> ComputedAward {
        ComputedAward {
            key: AwardKey {
                rule_id: "deal".into(),
                member: "ZW".into(),
                subject: subject.into(),
            },
            date: NaiveDate::from_ymd_opt(2026, 1, day).unwrap(),
            points: Points::from_cents(points * 100),
            category: String::new(),
            explanation: crate::domain::Explanation::Manual {
                reason: format!("{subject} {points}"),
            },
            title: String::new(),
        }
    }

    #[test]
    fn same_keys_become_one_with_the_later_figures_at_the_earlier_place() {
        let mut all = vec![
            award("D-1", 1, 5),
            award("D-2", 2, 7),
            award("D-1", 3, 9),
            award("D-3", 4, 1),
            award("D-1", 5, 11),
        ];
        merge_same_keys(&mut all);
        let got: Vec<(String, u32, String)> = all
            .iter()
            .map(|a| (a.key.subject.clone(), a.date.day(), a.explanation.english()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("D-1".into(), 5, "manual: D-1 11".into()),
                ("D-2".into(), 2, "manual: D-2 7".into()),
                ("D-3".into(), 4, "manual: D-3 1".into()),
            ]
        );
    }
}
