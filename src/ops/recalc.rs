//! Recalculation (SPEC §5): score whole years through `scoring::evaluate`,
//! then reconcile the computed awards with the stored ones for the periods
//! asked about: new, updated, withdrawn, adjustments; rejected stay rejected.
//! A change to an award dated in a closed period is not made but counted
//! as skipped.

use super::Context;
use crate::domain::{
    Award, AwardKey, AwardKind, ClosedPeriods, Period, PeriodKind, Points, Status,
};
use crate::error::{Error, Result};
use crate::scoring::{Approved, ComputedAward, Inputs, evaluate_checked};
use crate::store::{
    APPEND_ROWS, AppendedAward, AwardFilter, BULK_ROWS, BulkIndex, CACHE_KIB, NewAward, Store, Tx,
};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// Counts of what a recalc changed (or would change, on a dry run).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecalcSummary {
    pub new: usize,
    pub changed: usize,
    pub withdrawn: usize,
    pub adjustments: usize,
    pub skipped: usize,
}

impl RecalcSummary {
    pub fn is_empty(&self) -> bool {
        *self == RecalcSummary::default()
    }

    /// "2 new, 1 changed, 0 withdrawn, 3 adjustments, 0 skipped"
    pub fn counts(&self) -> String {
        format!(
            "{} new, {} changed, {} withdrawn, {} adjustments, {} skipped",
            self.new, self.changed, self.withdrawn, self.adjustments, self.skipped
        )
    }
}

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
    let summary = recalc_scopes(&tx, ctx, period, Some(&path))?;
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
    recalc_scopes(tx, ctx, period, None)
}

/// `recalc_in`; with `ahead`, the store's path when the transaction has
/// written nothing yet, the next year is scored on a second thread (from
/// its own connection) while this one writes the year before.
fn recalc_scopes(
    tx: &Tx,
    ctx: &Context,
    period: Option<Period>,
    ahead: Option<&Path>,
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
            let computed = ScopeAwards::new(compute_only(tx.db(), scope, ctx.today, &period_end)?);
            recalc_scope(
                tx,
                ctx,
                &closed,
                scope,
                computed,
                false,
                &period_end,
                &mut summary,
            )?;
        }
    }
    let bulk = !scopes.is_empty() && set_aside_for_bulk(tx, &closed)?;
    match ahead {
        Some(path) if scopes.len() > 1 => {
            // Years before the activities (targets only) score in no time:
            // this thread scores up to the first with activities, and the
            // second thread starts on the one after.
            let first = tx.db().activity_span()?.map(|(from, _)| from);
            let here = scopes
                .iter()
                .take_while(|s| first.is_none_or(|f| s.start() <= f))
                .count()
                .clamp(1, scopes.len() - 1);
            super::ahead::scored_ahead(
                path,
                &scopes,
                here,
                ctx.today,
                |scope| compute(tx.db(), scope, ctx.today).map(ScopeAwards::new),
                |scope, computed| {
                    recalc_scope(tx, ctx, &closed, scope, computed, bulk, &[], &mut summary)
                },
            )?;
        }
        _ => {
            for &scope in &scopes {
                let computed = ScopeAwards::new(compute(tx.db(), scope, ctx.today)?);
                recalc_scope(tx, ctx, &closed, scope, computed, bulk, &[], &mut summary)?;
            }
        }
    }
    if bulk {
        tx.rebuild(AWARD_INDEXES)?;
        tx.set_cache_kib(CACHE_KIB)?;
    }
    Ok(summary)
}

/// The award indexes a first recalc builds at the end instead of filling.
const AWARD_INDEXES: &[BulkIndex] = &[BulkIndex::AwardsByKey];

/// A store with many activities and no awards (its first recalc) is about
/// to be written in bulk: the awards go in as scored, by date, and their
/// indexes are built at the end. Without awards there is nothing stored to
/// find by key, and without a closed period nothing is looked up; keys are
/// unique within a scope (`merge_same_keys`) and scopes are apart in time.
fn set_aside_for_bulk(tx: &Tx, closed: &ClosedPeriods) -> Result<bool> {
    let (awards, activities) = tx.award_and_activity_counts()?;
    let bulk = activities >= 5 * BULK_ROWS && awards == 0 && closed.0.is_empty();
    if bulk {
        tx.set_aside(AWARD_INDEXES)?;
        // Awards are appended: little cache is needed, and a year scored
        // ahead is held meanwhile.
        tx.set_cache_kib(BULK_CACHE_KIB)?;
    }
    Ok(bulk)
}

/// The page cache while a first recalc appends awards, in KiB.
const BULK_CACHE_KIB: i64 = 8 * 1024;

/// Recalculates every year with data from `from`'s year on, inside a
/// transaction the caller commits, and notes it in the audit log.
pub fn recalc_from(tx: &Tx, ctx: &Context, from: NaiveDate) -> Result<RecalcSummary> {
    let closed = tx.db().closed_periods()?;
    let mut summary = RecalcSummary::default();
    for year in years_with_data(tx)?
        .into_iter()
        .filter(|y| *y >= from.year())
    {
        let scope = Period::Year(year);
        let computed = ScopeAwards::new(compute(tx.db(), scope, ctx.today)?);
        recalc_scope(tx, ctx, &closed, scope, computed, false, &[], &mut summary)?;
    }
    tx.audit(
        &ctx.now(),
        &ctx.actor,
        "recalc",
        &format!("from {from}: {}", summary.counts()),
    )?;
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

/// `compute`, kept to the awards of the `only` rules (only they are scored).
fn compute_only(
    db: crate::store::Db,
    scope: Period,
    today: NaiveDate,
    only: &[String],
) -> Result<Vec<ComputedAward>> {
    compute_rules(db, scope, today, Some(only))
}

/// Computes the awards of the years covering `scope`, kept to `scope`,
/// with rank and pool awards for the periods ended before `today`.
pub fn compute(
    tx_or_store: crate::store::Db,
    scope: Period,
    today: NaiveDate,
) -> Result<Vec<ComputedAward>> {
    compute_rules(tx_or_store, scope, today, None)
}

fn compute_rules(
    tx_or_store: crate::store::Db,
    scope: Period,
    today: NaiveDate,
    only: Option<&[String]>,
) -> Result<Vec<ComputedAward>> {
    let db = tx_or_store;
    let from = Period::containing(PeriodKind::Year, scope.start()).start();
    let to = Period::containing(PeriodKind::Year, scope.end()).end();
    let members = db.members()?;
    let activities = db.activities_between(from, to)?;
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
    let inputs = Inputs {
        members: &members,
        activities: &activities,
        targets: &targets,
        rules: &rules.rules,
        from,
        to,
        approved: approved.as_ref(),
    };
    let mut awards = evaluate_checked(&inputs).map_err(|e| Error::BadInput(vec![e]))?;
    awards.retain(|a| scope.contains(a.date));
    Ok(awards)
}

/// A scope's computed awards, by date then key as scored, each key once,
/// held in batches each freed once written: a year of awards shrinks as it
/// is written, beside the next year scored ahead.
pub struct ScopeAwards {
    pub len: usize,
    batches: Vec<Vec<ComputedAward>>,
    /// Called once `signal.0` awards have been taken (or at the end).
    signal: Option<(usize, Signal)>,
}

type Signal = Box<dyn FnOnce() + Send>;

impl ScopeAwards {
    const BATCH: usize = 16_384;

    pub fn new(mut all: Vec<ComputedAward>) -> ScopeAwards {
        merge_same_keys(&mut all);
        let len = all.len();
        let mut batches = Vec::with_capacity(len / Self::BATCH + 1);
        // Split from the end, giving the room back each time.
        while all.len() > Self::BATCH {
            batches.push(all.split_off(all.len() - Self::BATCH));
            all.shrink_to_fit();
        }
        batches.push(all);
        batches.reverse();
        ScopeAwards {
            len,
            batches,
            signal: None,
        }
    }

    /// Calls `f` once `n` awards have been taken out, or when they end.
    pub fn after_taking(&mut self, n: usize, f: Signal) {
        self.signal = Some((n, f));
    }
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

/// The awards one by one, each batch freed when it is done.
pub struct ScopeAwardsIter {
    batches: std::vec::IntoIter<Vec<ComputedAward>>,
    current: std::vec::IntoIter<ComputedAward>,
    signal: Option<(usize, Signal)>,
}

impl Iterator for ScopeAwardsIter {
    type Item = ComputedAward;

    fn next(&mut self) -> Option<ComputedAward> {
        loop {
            if let Some(c) = self.current.next() {
                if let Some((n, _)) = &mut self.signal {
                    if *n == 0 {
                        if let Some((_, f)) = self.signal.take() {
                            f();
                        }
                    } else {
                        *n -= 1;
                    }
                }
                return Some(c);
            }
            match self.batches.next() {
                Some(b) => self.current = b.into_iter(),
                None => {
                    if let Some((_, f)) = self.signal.take() {
                        f();
                    }
                    return None;
                }
            }
        }
    }
}

impl IntoIterator for ScopeAwards {
    type Item = ComputedAward;
    type IntoIter = ScopeAwardsIter;

    fn into_iter(self) -> ScopeAwardsIter {
        ScopeAwardsIter {
            batches: self.batches.into_iter(),
            current: Vec::new().into_iter(),
            signal: self.signal,
        }
    }
}

/// Recalculates one scope; a whole year with nothing skipped is then
/// marked scored. In `bulk` (see `set_aside_for_bulk`) the awards are
/// appended as they come. With `only` rule ids, just their awards are
/// reconciled (and the year's mark is left as it is).
#[allow(clippy::too_many_arguments)]
fn recalc_scope(
    tx: &Tx,
    ctx: &Context,
    closed: &ClosedPeriods,
    scope: Period,
    computed: ScopeAwards,
    bulk: bool,
    only: &[String],
    summary: &mut RecalcSummary,
) -> Result<()> {
    if bulk {
        summary.new += append_all(tx, ctx, computed)?;
        if let Period::Year(y) = scope {
            tx.mark_scored(y)?;
        }
        return Ok(());
    }
    let skipped = summary.skipped;
    let shut = |date| closed.covering(date).is_some();
    let stored = tx.db().awards(&AwardFilter {
        from: Some(scope.start()),
        to: Some(scope.end()),
        kinds: vec![AwardKind::Computed, AwardKind::Adjustment],
        rule_ids: only.to_vec(),
        ..AwardFilter::default()
    })?;
    let mut book = Book::new(stored);
    let now = ctx.now();
    // Which stored awards the rules still give; nothing to track when
    // none are stored (a first recalc).
    let track = !book.awards.is_empty();
    let mut seen: HashSet<AwardKey> = HashSet::with_capacity(if track { computed.len } else { 0 });

    // Each computed award is dropped once written: a year of them is not
    // held to the end beside the next year, scored ahead.
    for c in computed {
        let c = &c;
        if track {
            seen.insert(c.key.clone());
        }
        let existing = match book.awards.get(&c.key) {
            Some(a) => Some(a.clone()),
            None if shut(c.date) && tx.db().computed_award(&c.key)?.is_none() => {
                summary.skipped += 1;
                continue;
            }
            None => {
                let new = new_award(AwardKind::Computed, c);
                if tx.insert_award(&new, &now, &ctx.actor)?.is_some() {
                    summary.new += 1;
                    continue;
                }
                // Stored under another date, outside this scope: its
                // history joins the book, so a move is adjusted on both dates.
                let other = tx.db().computed_award(&c.key)?;
                if other.is_some() {
                    for a in tx.db().awards_of_key(&c.key)? {
                        book.add(a);
                    }
                }
                other
            }
        };
        let Some(existing) = existing else { continue };
        match existing.status {
            Status::Pending => {
                if existing.points != c.points
                    || existing.date != c.date
                    || existing.explanation != c.explanation
                    || existing.category != c.category
                    || existing.title != c.title
                {
                    if shut(existing.date) || shut(c.date) {
                        summary.skipped += 1;
                        continue;
                    }
                    let new = new_award(AwardKind::Computed, c);
                    tx.update_pending_award(existing.id, &new)?;
                    audit_change(tx, ctx, &now, &existing, &new)?;
                    summary.changed += 1;
                }
            }
            Status::Approved => {
                let why = &c.explanation;
                let computed = Some((c.date, c.points, c.title.as_str()));
                book.reconcile(tx, ctx, &now, closed, &existing, computed, why, summary)?;
            }
            Status::Rejected => {}
        }
    }

    let gone: Vec<Award> = book
        .awards
        .values()
        .filter(|a| !seen.contains(&a.key))
        .cloned()
        .collect();
    for award in gone {
        match award.status {
            Status::Pending if shut(award.date) => summary.skipped += 1,
            Status::Pending => {
                tx.delete_pending_award(award.id)?;
                tx.audit_about(
                    &now,
                    &ctx.actor,
                    "award withdrawn",
                    Some(&format!("award {}", award.id)),
                    &format!(
                        "{} {} {} on {}: {} points no longer computed",
                        award.key.rule_id,
                        award.key.member,
                        award.key.subject,
                        award.date,
                        award.points
                    ),
                )?;
                summary.withdrawn += 1;
            }
            Status::Approved => {
                let why = "no longer computed by the rules";
                book.reconcile(tx, ctx, &now, closed, &award, None, why, summary)?;
            }
            Status::Rejected => {}
        }
    }
    if let Period::Year(y) = scope
        && summary.skipped == skipped
        && only.is_empty()
    {
        tx.mark_scored(y)?;
    }
    Ok(())
}

/// Appends a scope's awards, a statement's worth at a time, each batch
/// freed once written; returns how many.
fn append_all(tx: &Tx, ctx: &Context, computed: ScopeAwards) -> Result<usize> {
    let now = ctx.now();
    let mut written = 0;
    let mut batch: Vec<ComputedAward> = Vec::with_capacity(APPEND_ROWS);
    let mut flush = |batch: &mut Vec<ComputedAward>| -> Result<()> {
        let rows: Vec<AppendedAward> = batch
            .iter()
            .map(|c| AppendedAward {
                key: &c.key,
                date: c.date,
                points: c.points,
                category: &c.category,
                explanation: &c.explanation,
                title: &c.title,
            })
            .collect();
        tx.append_awards(&rows, &now, &ctx.actor)?;
        written += rows.len();
        batch.clear();
        Ok(())
    };
    for c in computed {
        batch.push(c);
        if batch.len() == APPEND_ROWS {
            flush(&mut batch)?;
        }
    }
    flush(&mut batch)?;
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

fn new_award(kind: AwardKind, c: &ComputedAward) -> NewAward {
    NewAward {
        kind,
        key: c.key.clone(),
        date: c.date,
        points: c.points,
        category: c.category.clone(),
        explanation: c.explanation.clone(),
        reason: String::new(),
        title: c.title.clone(),
    }
}

/// The stored computed awards of a scope and their adjustments, by key,
/// and what has been approved for each key on each date.
struct Book {
    awards: HashMap<AwardKey, Award>,
    approved: HashMap<AwardKey, BTreeMap<NaiveDate, Points>>,
    pending_adjustment: HashMap<AwardKey, BTreeMap<NaiveDate, Award>>,
    last_decided_adjustment: HashMap<(AwardKey, NaiveDate), Award>,
}

impl Book {
    fn new(stored: Vec<Award>) -> Book {
        let mut b = Book {
            awards: HashMap::new(),
            approved: HashMap::new(),
            pending_adjustment: HashMap::new(),
            last_decided_adjustment: HashMap::new(),
        };
        for a in stored {
            b.add(a);
        }
        b
    }

    /// Takes in one stored award (each once).
    fn add(&mut self, a: Award) {
        if a.kind == AwardKind::Computed && self.awards.get(&a.key).is_some_and(|o| o.id == a.id) {
            return;
        }
        if a.kind == AwardKind::Adjustment
            && self
                .pending_adjustment
                .get(&a.key)
                .and_then(|m| m.get(&a.date))
                .is_some_and(|o| o.id == a.id)
        {
            return;
        }
        if a.status == Status::Approved {
            *self
                .approved
                .entry(a.key.clone())
                .or_default()
                .entry(a.date)
                .or_default() += a.points;
        }
        match (a.kind, a.status) {
            (AwardKind::Computed, _) => {
                self.awards.insert(a.key.clone(), a);
            }
            (AwardKind::Adjustment, Status::Pending) => {
                self.pending_adjustment
                    .entry(a.key.clone())
                    .or_default()
                    .insert(a.date, a);
            }
            (AwardKind::Adjustment, _) => {
                let at = (a.key.clone(), a.date);
                let later = self
                    .last_decided_adjustment
                    .get(&at)
                    .is_none_or(|o| o.id < a.id);
                if later {
                    self.last_decided_adjustment.insert(at, a);
                }
            }
            (AwardKind::Manual, _) => {}
        }
    }

    /// Makes the pending adjustments of an approved award equal, on each
    /// date, to what the rules now give on that date minus what has been
    /// approved for its key on it (§4.5): the points on the computed date
    /// (`None`: no longer computed), nothing on any other. A moved award
    /// so gets minus its approved points on the old date and its new
    /// points on the new one; a move out of a closed period is skipped.
    #[allow(clippy::too_many_arguments)]
    fn reconcile(
        &mut self,
        tx: &Tx,
        ctx: &Context,
        now: &str,
        closed: &ClosedPeriods,
        award: &Award,
        computed: Option<(NaiveDate, Points, &str)>,
        why: &str,
        summary: &mut RecalcSummary,
    ) -> Result<()> {
        let key = &award.key;
        let approved = self.approved.get(key).cloned().unwrap_or_default();
        let mut pending = self.pending_adjustment.remove(key).unwrap_or_default();
        let moved = computed.is_some_and(|(d, _, _)| d != award.date);
        let shut = |d: NaiveDate| closed.covering(d).is_some();
        if moved && shut(award.date) {
            summary.skipped += 1;
            return Ok(());
        }
        let mut dates: Vec<NaiveDate> = approved.keys().chain(pending.keys()).copied().collect();
        dates.extend(computed.map(|(d, _, _)| d));
        dates.sort_unstable();
        dates.dedup();
        for date in dates {
            let (target, title) = match computed {
                Some((d, p, t)) if d == date => (p, t),
                _ => (Points::ZERO, ""),
            };
            let approved_then = approved.get(&date).copied().unwrap_or_default();
            let diff = target - approved_then;
            let why = match computed {
                Some((d, _, _)) if moved && d == date => {
                    format!("moved here from {}", award.date)
                }
                Some((d, _, _)) if moved => format!("moved to {d}"),
                _ => why.to_string(),
            };
            let new = NewAward {
                kind: AwardKind::Adjustment,
                key: key.clone(),
                date,
                points: diff,
                category: award.category.clone(),
                explanation: format!(
                    "adjustment of {} {}: now {target}, approved {approved_then}, difference {}{diff} ({why})",
                    key.rule_id,
                    key.subject,
                    if diff.is_negative() { "" } else { "+" }
                ),
                reason: String::new(),
                title: title.to_string(),
            };
            self.settle(
                tx,
                ctx,
                now,
                shut(date),
                award,
                pending.remove(&date),
                new,
                summary,
            )?;
        }
        Ok(())
    }

    /// Brings the pending adjustment of one key on one date to `new`.
    #[allow(clippy::too_many_arguments)]
    fn settle(
        &self,
        tx: &Tx,
        ctx: &Context,
        now: &str,
        shut: bool,
        award: &Award,
        pending: Option<Award>,
        new: NewAward,
        summary: &mut RecalcSummary,
    ) -> Result<()> {
        let diff = new.points;
        match pending {
            Some(p) if diff.is_zero() => {
                if shut {
                    summary.skipped += 1;
                } else {
                    tx.delete_pending_award(p.id)?;
                    tx.audit_about(
                        now,
                        &ctx.actor,
                        "adjustment withdrawn",
                        Some(&format!("award {}", p.id)),
                        "difference back to 0",
                    )?;
                    summary.adjustments += 1;
                }
            }
            Some(p) => {
                if p.points != diff || p.explanation != new.explanation {
                    if shut {
                        summary.skipped += 1;
                    } else {
                        tx.update_pending_award(p.id, &new)?;
                        audit_change(tx, ctx, now, &p, &new)?;
                        summary.adjustments += 1;
                    }
                }
            }
            None if diff.is_zero() => {}
            None => {
                let refused = self
                    .last_decided_adjustment
                    .get(&(new.key.clone(), new.date))
                    .is_some_and(|l| l.status == Status::Rejected && l.points == diff);
                if refused {
                    // The lead refused this very difference: not asked again.
                } else if shut {
                    summary.skipped += 1;
                } else {
                    let id = tx.insert_award(&new, now, &ctx.actor)?;
                    if let Some(id) = id {
                        tx.audit_about(
                            now,
                            &ctx.actor,
                            "adjustment",
                            Some(&format!("award {id}")),
                            &new.explanation,
                        )?;
                        let subject = format!("award {}", award.id);
                        tx.audit_about(
                            now,
                            &ctx.actor,
                            "adjusted",
                            Some(&subject),
                            &format!("pending adjustment {id} of {diff} points on {}", new.date),
                        )?;
                    }
                    summary.adjustments += 1;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            explanation: format!("{subject} {points}"),
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
            .map(|a| (a.key.subject.clone(), a.date.day(), a.explanation.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("D-1".into(), 5, "D-1 11".into()),
                ("D-2".into(), 2, "D-2 7".into()),
                ("D-3".into(), 4, "D-3 1".into()),
            ]
        );
    }
}
