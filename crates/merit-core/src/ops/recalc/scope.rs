//! Reconciling one scope: its computed awards matched against the stored
//! ones day by day, new ones written (or appended in bulk), the rest
//! planned and applied, and the year marked scored.

use super::apply::apply;
use super::stored::StoredByDay;
use super::{Mode, Month, Take, worded};
use crate::domain::{Award, AwardKind, ClosedPeriods, Period};
use crate::error::{Error, Result};
use crate::ops::Context;
use crate::ops::recalc_plan::{Book, Change, RecalcSummary, new_award};
use crate::scoring::ComputedAward;
use crate::store::{AppendedAward, Tx};
use chrono::NaiveDate;

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
    // On PostgreSQL the month sums are kept by hand while awards are
    // written one at a time (`Tx::sums_by_hand`).
    let by_hand = mode == Mode::Apply && tx.sums_by_hand()?;

    // Each month's computed awards are dropped once written, and the
    // stored ones of a day once it is over.
    produce(&mut |month: &mut Month| {
        let month = &mut month.awards;
        if !month.is_sorted_by_key(|c| c.date) {
            month.sort_by_key(|c| c.date);
        }
        for c in month.iter() {
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

    settle_unmatched(tx, ctx, closed, scope, stored, &now, mode, summary)?;
    if by_hand {
        tx.end_sums_by_hand()?;
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

/// The stored awards of a scope no computed award matched: withdrawn,
/// adjusted or noted as moved, by what their key's history holds.
#[allow(clippy::too_many_arguments)]
fn settle_unmatched(
    tx: &Tx,
    ctx: &Context,
    closed: &ClosedPeriods,
    scope: Period,
    stored: StoredByDay,
    now: &str,
    mode: Mode,
    summary: &mut RecalcSummary,
) -> Result<()> {
    let (mut spread, gone, others) = stored.unmatched(tx)?;
    for award in gone {
        let moved_to = moved_out_of(tx, scope, &award)?;
        for change in spread.gone(closed, &award, moved_to) {
            apply(tx, ctx, now, change, mode, summary)?;
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
            apply(tx, ctx, now, change, mode, summary)?;
        }
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
        Error::failed(crate::msg!(
            "recalc-award-not-written",
            rule = c.key.rule_id.as_str(),
            member = c.key.member.as_str(),
            subject = c.key.subject.as_str()
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
    let mut flush = |batch: &[ComputedAward], texts: &[String]| -> Result<()> {
        let rows: Vec<AppendedAward> = batch
            .iter()
            .zip(texts)
            .map(|(c, json)| AppendedAward {
                key: &c.key,
                date: c.date,
                points: c.points,
                category: &c.category,
                explanation: "",
                title: &c.title,
                explain: Some(json),
            })
            .collect();
        tx.append_awards(&rows, &now, &ctx.actor)?;
        written += rows.len();
        Ok(())
    };
    produce(&mut |month: &mut Month| {
        let here;
        let texts = match &month.worded {
            Some(texts) => texts,
            None => {
                here = worded(&month.awards);
                &here
            }
        };
        let n = tx.append_rows();
        for (batch, texts) in month.awards.chunks(n).zip(texts.chunks(n)) {
            flush(batch, texts)?;
        }
        crate::progress::advance(1);
        Ok(())
    })?;
    Ok(written)
}
