//! Disputes (issue 21, 无争议): a rep disputes an award with a reason; the
//! award is marked disputed everywhere and cannot be approved until the
//! lead resolves it: accepted (with `points`, a manual correcting award,
//! pending like any other) or rejected (the award stays as it is). Every
//! step is audited and shows in the member's statement.

use super::Context;
use super::award::{ManualAward, add_manual_in};
use crate::domain::input::field;
use crate::domain::{Points, Status};
use crate::error::{Error, Refusal, Result};
use crate::msg;
use crate::store::Store;

fn needs_reason(reason: &str) -> Result<&str> {
    let r = reason.trim();
    if r.is_empty() {
        return Err(Error::usage(field(
            "--reason",
            msg!("dispute-needs-reason"),
        )));
    }
    Ok(r)
}

/// Records a dispute of award `id`.
/// The disputed award's status (pending, or approved: an approved award
/// stays so until the dispute is resolved).
pub fn dispute(store: &mut Store, ctx: &Context, id: i64, reason: &str) -> Result<Status> {
    let reason = needs_reason(reason)?;
    let tx = store.write()?;
    let award = tx
        .db()
        .award(id)?
        .ok_or_else(|| Error::usage(field("AWARD", msg!("value-no-award", award = id))))?;
    if award.status == Status::Rejected {
        return Err(Error::Refused(Refusal::AwardRejected { award: id }));
    }
    if tx.db().dispute(id)?.is_some_and(|d| d.resolution.is_none()) {
        return Err(Error::Refused(Refusal::AlreadyDisputed { award: id }));
    }
    let now = ctx.now();
    tx.raise_dispute(id, reason, &ctx.actor, &now)?;
    tx.audit_about(
        &now,
        &ctx.actor,
        "disputed",
        Some(&format!("award {id}")),
        &format!("reason: {reason}"),
        &msg!("audit-detail-disputed", reason = reason),
    )?;
    tx.commit()?;
    Ok(award.status)
}

/// What resolving did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The correcting award an accepted dispute made.
    pub correction: Option<i64>,
}

/// Resolves the open dispute of award `id`.
pub fn resolve(
    store: &mut Store,
    ctx: &Context,
    id: i64,
    accept: bool,
    points: Option<Points>,
    reason: Option<&str>,
) -> Result<Resolved> {
    // A rejection says why; an acceptance may.
    let reason = match reason.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => Some(r),
        None if accept => None,
        None => Some(needs_reason("")?),
    };
    if points.is_some() && !accept {
        return Err(Error::usage(field(
            "--points",
            msg!("dispute-correction-only-accepted"),
        )));
    }
    let tx = store.write()?;
    let award = tx
        .db()
        .award(id)?
        .ok_or_else(|| Error::usage(field("AWARD", msg!("value-no-award", award = id))))?;
    if tx.db().dispute(id)?.is_none_or(|d| d.resolution.is_some()) {
        return Err(Error::Refused(Refusal::NoOpenDispute { award: id }));
    }
    let now = ctx.now();
    let correction = match points.filter(|p| !p.is_zero()) {
        Some(p) => Some(add_manual_in(
            &tx,
            ctx,
            &ManualAward {
                member: award.key.member.clone(),
                points: p,
                date: award.date,
                category: award.category.clone(),
                reason: crate::domain::LedgerNote::Correction {
                    award: id,
                    reason: reason.map(str::to_string),
                }
                .stored(),
            },
        )?),
        None => None,
    };
    tx.resolve_dispute(id, accept, reason, &ctx.actor, &now, correction)?;
    let said_reason: crate::message::MsgArg = match reason {
        Some(r) => r.into(),
        None => msg!("audit-detail-none-given").into(),
    };
    let said = match correction {
        Some(c) => msg!(
            "audit-detail-dispute-corrected",
            reason = said_reason,
            correction = c.to_string()
        ),
        None => msg!("audit-detail-dispute-resolved", reason = said_reason),
    };
    let reason = reason.unwrap_or("none given");
    let what = if accept {
        "dispute accepted"
    } else {
        "dispute rejected"
    };
    let detail = match correction {
        Some(c) => format!("reason: {reason}; correction: award {c}"),
        None => format!("reason: {reason}"),
    };
    tx.audit_about(
        &now,
        &ctx.actor,
        what,
        Some(&format!("award {id}")),
        &detail,
        &said,
    )?;
    tx.commit()?;
    Ok(Resolved { correction })
}
