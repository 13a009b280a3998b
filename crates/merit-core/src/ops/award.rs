//! Manual awards and deductions typed in by the lead; they start pending.

use super::Context;
use crate::domain::input::field;
use crate::domain::{AwardKey, AwardKind, Points};
use crate::error::{Error, Result};
use crate::msg;
use crate::store::{NewAward, Store};
use chrono::NaiveDate;

/// A manual award as typed.
#[derive(Debug, Clone)]
pub struct ManualAward {
    pub member: String,
    pub points: Points,
    pub date: NaiveDate,
    pub category: String,
    pub reason: String,
}

/// Checks a manual award; the message names the field at fault.
pub fn validate(store: &Store, m: &ManualAward) -> Result<()> {
    validate_in(store.db(), m)
}

fn validate_in(db: crate::store::Db, m: &ManualAward) -> Result<()> {
    match db.member(&m.member)? {
        None => {
            let problem = super::members::unknown_member(db, &m.member)?;
            return Err(Error::usage(field(msg!("award-field-member"), problem)));
        }
        Some(x) if !x.active => {
            let problem = msg!("value-member-not-active", member = &m.member);
            return Err(Error::usage(field(msg!("award-field-member"), problem)));
        }
        Some(_) => {}
    }
    if m.points.is_zero() {
        return Err(Error::usage(field(
            msg!("award-field-points"),
            msg!("value-must-not-be-0"),
        )));
    }
    crate::domain::limits::check_number(m.points.decimal(), &m.points.to_string())
        .map_err(|e| Error::usage(field(msg!("award-field-points"), e)))?;
    crate::domain::limits::check_date(m.date)
        .map_err(|e| Error::usage(field(msg!("award-field-date"), e)))?;
    if m.reason.trim().is_empty() {
        return Err(Error::usage(field(
            msg!("award-field-reason"),
            msg!("award-needs-reason"),
        )));
    }
    if m.category.trim().is_empty() {
        return Err(Error::usage(field(
            "category",
            msg!("value-must-not-be-empty"),
        )));
    }
    Ok(())
}

/// Writes a pending manual award; returns its id.
pub fn add_manual(store: &mut Store, ctx: &Context, m: &ManualAward) -> Result<i64> {
    validate(store, m)?;
    let tx = store.write()?;
    let id = add_manual_in(&tx, ctx, m)?;
    tx.commit()?;
    Ok(id)
}

/// `add_manual` inside a transaction the caller commits.
pub fn add_manual_in(tx: &crate::store::Tx, ctx: &Context, m: &ManualAward) -> Result<i64> {
    validate_in(tx.db(), m)?;
    // The refusal as the date's problem (the form names the field).
    if let Some(c) = tx.db().closed_periods()?.covering(m.date) {
        let refusal = msg!(
            "refused-period-closed",
            period = c.period,
            closed_by = &c.closed_by,
            closed_at = &c.closed_at
        );
        return Err(Error::failed(field(msg!("award-field-date"), refusal)));
    }
    let now = ctx.now();
    let subject = format!("M-{}", tx.db().next_award_id()?);
    let new = NewAward {
        kind: AwardKind::Manual,
        key: AwardKey {
            rule_id: "manual".into(),
            member: m.member.clone(),
            subject,
        },
        date: m.date,
        points: m.points,
        category: m.category.trim().to_string(),
        explanation: format!("manual: {}", m.reason.trim()),
        reason: m.reason.trim().to_string(),
        title: String::new(),
        explain: Some(Box::new(crate::domain::Explanation::Manual {
            reason: m.reason.trim().to_string(),
        })),
    };
    let id = tx
        .insert_award(&new, &now, &ctx.actor)?
        .ok_or_else(|| Error::failed(msg!("award-not-written")))?;
    tx.audit_about(
        &now,
        &ctx.actor,
        "manual award",
        Some(&format!("award {id}")),
        &format!(
            "{} {} on {} ({}): {}",
            m.member, m.points, m.date, new.category, new.reason
        ),
        &msg!(
            "audit-detail-manual-award",
            member = &m.member,
            points = m.points,
            date = m.date,
            category = &new.category,
            reason = &new.reason
        ),
    )?;
    Ok(id)
}
