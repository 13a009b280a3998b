//! Closing and reopening periods (SPEC §5). A period closes only when it
//! has no pending awards; reopening needs a reason. Both are audited. The
//! checks other writes make against closed periods live here too.

use super::Context;
use crate::domain::{ClosedPeriod, ClosedPeriods, Period};
use crate::error::{Error, Refusal, Result};
use crate::store::{Db, Store};
use chrono::NaiveDate;

/// What `close` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Closing {
    Closed,
    /// It was closed already (by whom, when).
    Already(ClosedPeriod),
}

/// Closes `period`; refused while awards dated in it are pending.
pub fn close(store: &mut Store, ctx: &Context, period: Period) -> Result<Closing> {
    let tx = store.write()?;
    let closed = tx.db().closed_periods()?;
    if let Some(c) = closed.closes_all_of(period) {
        return Ok(Closing::Already(c.clone()));
    }
    let (pending, points) = tx.db().pending_summary(period.start(), period.end())?;
    if pending > 0 {
        return Err(Error::Refused(Refusal::PendingBeforeClose {
            period,
            pending,
            points,
        }));
    }
    let now = ctx.now();
    tx.close_period(period, &now, &ctx.actor)?;
    let subject = format!("period {period}");
    tx.audit_about(
        &now,
        &ctx.actor,
        "close",
        Some(&subject),
        &format!("{period} ({} to {}) closed", period.start(), period.end()),
        &crate::msg!(
            "audit-detail-closed",
            period = period,
            start = period.start(),
            end = period.end()
        ),
    )?;
    tx.commit()?;
    Ok(Closing::Closed)
}

/// Opens a closed period again, with a reason.
pub fn reopen(store: &mut Store, ctx: &Context, period: Period, reason: &str) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::usage(crate::msg!("reopen-needs-reason")));
    }
    let tx = store.write()?;
    let closed = tx.db().closed_periods()?;
    let Some(was) = closed.0.iter().find(|c| c.period == period).cloned() else {
        return Err(Error::Refused(match closed.closes_all_of(period) {
            Some(c) => Refusal::NotClosedItself {
                period,
                by: c.clone(),
            },
            None => Refusal::NotClosed { period },
        }));
    };
    tx.reopen_period(period)?;
    let subject = format!("period {period}");
    tx.audit_about(
        &ctx.now(),
        &ctx.actor,
        "reopen",
        Some(&subject),
        &format!(
            "{period} reopened (closed by {} at {}); reason: {reason}",
            was.closed_by, was.closed_at
        ),
        &crate::msg!(
            "audit-detail-reopened",
            period = period,
            by = &was.closed_by,
            at = &was.closed_at,
            reason = reason
        ),
    )?;
    tx.commit()?;
    Ok(())
}

/// Refuses a change to an award dated `date` when a closed period holds it.
pub fn check_open(closed: &ClosedPeriods, date: NaiveDate) -> Result<()> {
    match closed.covering(date) {
        Some(c) => Err(Error::Refused(Refusal::PeriodClosed(c.clone()))),
        None => Ok(()),
    }
}

/// The closed periods, for a check.
pub fn closed(db: Db) -> Result<ClosedPeriods> {
    db.closed_periods()
}
