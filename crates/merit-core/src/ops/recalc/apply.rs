//! Making a planned change: inserting, updating or withdrawing an award,
//! with its history in the audit log, and counting it.

use super::Mode;
use crate::domain::Award;
use crate::error::Result;
use crate::message::Msg;
use crate::msg;
use crate::ops::Context;
use crate::ops::recalc_plan::{Change, RecalcSummary};
use crate::ops::said;
use crate::store::{NewAward, Tx};

/// Notes in the award's history what a recalc changed in it.
pub(super) fn audit_change(
    tx: &Tx,
    ctx: &Context,
    now: &str,
    old: &Award,
    new: &NewAward,
) -> Result<()> {
    let mut what = Vec::new();
    let mut said = Vec::new();
    if old.points != new.points {
        what.push(format!("points {} -> {}", old.points, new.points));
        said.push(msg!(
            "audit-detail-points-now",
            from = old.points,
            to = new.points
        ));
    }
    if old.date != new.date {
        what.push(format!("date {} -> {}", old.date, new.date));
        said.push(msg!(
            "audit-detail-date-now",
            from = old.date,
            to = new.date
        ));
    }
    if old.category != new.category {
        what.push(format!("category {} -> {}", old.category, new.category));
        said.push(msg!(
            "audit-detail-category-now",
            from = &old.category,
            to = &new.category
        ));
    }
    if old.english() != new.explanation {
        what.push(format!("explanation now: {}", new.explanation));
        said.push(msg!(
            "audit-detail-explanation-now",
            explanation = explained(new)
        ));
    }
    tx.audit_about(
        now,
        &ctx.actor,
        "recalculated",
        Some(&format!("award {}", old.id)),
        &what.join("; "),
        &said::joined(said, "audit-detail-then"),
    )
}

/// An award's explanation for its history: as data where the award has
/// it (worded in the reader's language), else its English.
fn explained(new: &NewAward) -> crate::message::MsgArg {
    match &new.explain {
        Some(e) => e.as_ref().into(),
        None => new.explanation.as_str().into(),
    }
}

/// Deletes pending award `id` and says why in its history.
pub(super) fn withdraw(
    tx: &Tx,
    ctx: &Context,
    now: &str,
    id: i64,
    action: &str,
    why: &str,
    said: &Msg,
) -> Result<()> {
    tx.delete_pending_award(id)?;
    let subject = format!("award {id}");
    tx.audit_about(now, &ctx.actor, action, Some(&subject), why, said)
}

/// Makes one planned change, with its audit entries, and counts it (a
/// plan only counts it).
pub(super) fn apply(
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
            let said = msg!(
                "audit-detail-withdrawn",
                rule = &award.key.rule_id,
                member = &award.key.member,
                subject = &award.key.subject,
                date = award.date,
                points = award.points
            );
            withdraw(tx, ctx, now, award.id, "award withdrawn", &why, &said)?;
        }
        Change::Unadjusted(p) => {
            withdraw(
                tx,
                ctx,
                now,
                p.id,
                "adjustment withdrawn",
                "difference back to 0",
                &msg!("audit-detail-difference-back-to-zero"),
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
                    &msg!("audit-detail-explanation", explanation = explained(&new)),
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
                    &msg!(
                        "audit-detail-adjusted",
                        id = id.to_string(),
                        points = new.points,
                        date = new.date
                    ),
                )?;
            }
        }
        Change::Skipped => {}
    }
    Ok(())
}
