//! Recalculation (SPEC §5): score whole years through `scoring::evaluate`,
//! then reconcile the computed awards with the stored ones for the periods
//! asked about: new, updated, withdrawn, adjustments; rejected stay rejected.
//! A change to an award dated in a closed period is not made but counted
//! as skipped.

use super::Context;
use crate::domain::{ClosedPeriods, Period};
use crate::error::Result;
use crate::scoring::{Approved, ComputedAward};
use crate::store::{BulkIndex, Store, Tx};
use chrono::{Datelike, NaiveDate};
use std::path::Path;

pub use super::recalc_plan::RecalcSummary;

mod apply;
mod compute;
mod scope;
mod stored;

pub use compute::compute_by_month;
use scope::recalc_scope;

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
            &match period {
                Some(p) => crate::msg!("audit-detail-recalc", period = p, counts = summary.said()),
                None => crate::msg!("audit-detail-recalc-all", counts = summary.said()),
            },
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
    // Activities are read by date (on PostgreSQL, an import in this same
    // transaction may have left that index to be built as it commits).
    tx.ensure_indexes(&[BulkIndex::ActivitiesByDate])?;
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
    // A bulk write's awards go to PostgreSQL from a thread of their own.
    tx.pipelined(bulk, || match reader {
        // A second thread scores, a month at a time, while this one
        // writes what it has scored.
        Some(reader) => {
            use super::ahead::Chores;
            let chores = if bulk && tx.is_postgres() {
                Chores::OnWriter
            } else {
                Chores::OnScorer { word: bulk }
            };
            super::ahead::scored_ahead(reader, &scopes, ctx.today, chores, |scope, produce| {
                recalc_scope(tx, ctx, &closed, scope, produce, mode, &[], &mut summary)
            })
        }
        None => {
            for &scope in &scopes {
                recalc_scored_here(tx, ctx, &closed, scope, mode, &mut summary)?;
            }
            Ok(())
        }
    })?;
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
        &crate::msg!(
            "audit-detail-recalc-from",
            from = from,
            counts = summary.said()
        ),
    )?;
    Ok(summary)
}

fn recalc_years_from(tx: &Tx, ctx: &Context, from: NaiveDate, mode: Mode) -> Result<RecalcSummary> {
    tx.ensure_indexes(&[BulkIndex::ActivitiesByDate])?;
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

/// A month of a scope's computed awards: by date then key, each key once,
/// within the scope.
#[derive(Default)]
pub struct Month {
    pub awards: Vec<ComputedAward>,
    /// Each award's explanation as stored, in the same order, when the
    /// scoring thread wrote them for a bulk write (`worded`; which thread
    /// does is `ahead::Chores`').
    pub worded: Option<Vec<String>>,
}

/// Each award's explanation as a bulk write stores it: the data, without
/// what the award's columns say (`Explanation::to_stored_json`).
pub fn worded(awards: &[ComputedAward]) -> Vec<String> {
    awards
        .iter()
        .map(|c| c.explanation.to_stored_json(&c.key, c.date))
        .collect()
}

/// Where a scope's computed awards go, a month's worth at a time.
pub type Take<'t> = dyn FnMut(&mut Month) -> Result<()> + 't;
