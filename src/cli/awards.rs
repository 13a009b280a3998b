//! `merit recalc`, `approve`, `reject`, `award`, `resolve`.

use crate::domain::{Period, Points, Status};
use crate::error::{Error, Result};
use crate::ops::Context;
use crate::ops::award::{ManualAward, add_manual};
use crate::ops::decide::{Decided, Selection, decide_selection, select};
use crate::store::Store;
use chrono::NaiveDate;

pub fn recalc(
    store: &mut Store,
    ctx: &Context,
    period: Option<Period>,
    dry_run: bool,
) -> Result<()> {
    let s = crate::ops::recalc::recalc(store, ctx, period, dry_run)?;
    let prefix = if dry_run {
        "dry run, nothing written: "
    } else {
        ""
    };
    say!("{prefix}{}", s.counts());
    Ok(())
}

fn say(verb: &str, d: &Decided) {
    let mut line = format!("{verb} {} awards, {} points", d.count, d.points);
    if let Some(already) = d.already_text() {
        line.push_str(&format!("; {already}"));
    }
    if let Some(provisional) = d.provisional_text() {
        line.push_str(&format!("; {provisional}"));
    }
    if let Some(disputed) = d.disputed_text() {
        line.push_str(&format!("; {disputed}"));
    }
    say!("{line}");
}

pub fn approve(
    store: &mut Store,
    ctx: &Context,
    period: Period,
    member: Option<String>,
    rule_id: Option<String>,
    dry_run: bool,
) -> Result<()> {
    let sel = Selection {
        period,
        member,
        rule_id,
    };
    if dry_run {
        let (awards, left) = select(store, &sel, ctx.today)?;
        let points: Points = awards.iter().map(|a| a.points).sum();
        let provisional = if left.is_empty() {
            String::new()
        } else {
            format!(
                "; {} provisional awards would be left pending (their period has not ended)",
                left.len()
            )
        };
        say!(
            "would approve {} awards, {} points{provisional} (dry run, nothing written)",
            awards.len(),
            points
        );
        return Ok(());
    }
    let d = decide_selection(store, ctx, &sel, Status::Approved, None)?;
    say("approved", &d);
    Ok(())
}

pub fn reject(
    store: &mut Store,
    ctx: &Context,
    period: Period,
    member: Option<String>,
    rule_id: Option<String>,
    reason: &str,
) -> Result<()> {
    let sel = Selection {
        period,
        member,
        rule_id,
    };
    let d = decide_selection(store, ctx, &sel, Status::Rejected, Some(reason))?;
    say("rejected", &d);
    Ok(())
}

pub fn award(
    store: &mut Store,
    ctx: &Context,
    member: String,
    points: &str,
    reason: String,
    date: Option<NaiveDate>,
    category: String,
) -> Result<()> {
    let points = Points::parse(points).map_err(|e| Error::Usage(format!("POINTS: {e}")))?;
    let date = date.unwrap_or(ctx.today);
    let m = ManualAward {
        member,
        points,
        date,
        category,
        reason,
    };
    let id = add_manual(store, ctx, &m)?;
    let sign = if points.is_negative() { "" } else { "+" };
    say!(
        "award {id}: {} {sign}{} on {}, pending approval",
        m.member,
        m.points,
        m.date
    );
    Ok(())
}

/// `merit resolve AWARD --accept [--points P] | --reject`: says how the
/// dispute ended.
pub fn resolve(
    store: &mut Store,
    ctx: &Context,
    award: i64,
    accept: bool,
    points: Option<Points>,
    reason: Option<&str>,
) -> Result<()> {
    let r = crate::ops::disputes::resolve(store, ctx, award, accept, points, reason)?;
    match (accept, r.correction) {
        (true, Some(c)) => {
            say!("dispute of award {award} accepted: correcting award {c}, pending approval")
        }
        (true, None) => say!("dispute of award {award} accepted"),
        (false, _) => say!("dispute of award {award} rejected: the award stays as it is"),
    }
    Ok(())
}
