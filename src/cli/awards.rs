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
    let counts = crate::i18n::summaries::recalc_counts(&s);
    if dry_run {
        say_t!("recalc-dry-run", counts = counts);
    } else {
        say!("{counts}");
    }
    Ok(())
}

fn say(approved: bool, d: &Decided) {
    say!("{}", crate::i18n::summaries::decided(approved, d));
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
        say_t!(
            "cli-would-approve",
            count = awards.len(),
            points = points,
            provisional = left.len()
        );
        return Ok(());
    }
    let d = decide_selection(store, ctx, &sel, Status::Approved, None)?;
    say(true, &d);
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
    say(false, &d);
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
    let points = Points::parse(points)
        .map_err(|e| Error::usage(crate::domain::input::field("POINTS", e)))?;
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
    say_t!(
        "cli-award",
        id = id,
        m_member = m.member,
        sign = sign,
        m_points = m.points,
        m_date = m.date
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
            say_t!("cli-resolve", award = award, c = c)
        }
        (true, None) => say_t!("cli-resolve-2", award = award),
        (false, _) => say_t!("cli-resolve-3", award = award),
    }
    Ok(())
}
