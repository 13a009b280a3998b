//! Rewards, redemptions, balances and expiry (SPEC §11, §12). Approving a
//! redemption re-checks balance and stock in the same transaction that
//! posts it; expiry posts only what the lot simulation says is missing.

use super::Context;
use crate::domain::PostingKind;
use crate::domain::input::field;
use crate::domain::{Points, Redemption, Reward, Status};
use crate::error::{Error, Refusal, Result};
use crate::msg;
use crate::scoring::expiry::{Entry, Posted, due, simulate, spendable};
use crate::store::{Db, Store, Tx};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// A member's balance line (`merit balance`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceRow {
    pub member: String,
    pub name: String,
    pub balance: Points,
    /// Balance minus the points held by pending redemptions.
    pub available: Points,
    /// The cheapest active reward costing more than the balance, and how
    /// many points are missing.
    pub next_reward: Option<(Reward, Points)>,
    /// Points whose lots end within the next 30 days.
    pub expiring_30d: Points,
}

/// One member's ledger entries as (date, kind, points), in order.
type Entries = Vec<(NaiveDate, PostingKind, Points)>;

/// The entries as the expiry simulation reads them.
fn posted(entries: &Entries) -> Vec<Posted> {
    entries
        .iter()
        .map(|&(date, kind, points)| Posted { date, kind, points })
        .collect()
}

fn expire_months(db: Db) -> Result<Option<u32>> {
    Ok(db.rules()?.settings.expire_after_months)
}

/// Members' balances as spendable on `day`: the sum of their ledger
/// entries less what has expired by then and no `expiry` entry posts yet
/// (the simulation `expire` runs), so points past their last day are never
/// spent between that day and the next `merit expire`.
pub fn spendable_on(db: Db, members: &[&str], day: NaiveDate) -> Result<HashMap<String, Points>> {
    let Some(months) = expire_months(db)? else {
        return members
            .iter()
            .map(|m| Ok((m.to_string(), db.balance(m)?)))
            .collect();
    };
    Ok(db
        .ledger_of(members)?
        .into_iter()
        .map(|(m, entries)| {
            let p = spendable(&posted(&entries), Some(months), day);
            (m, p)
        })
        .collect())
}

/// A member's balance as spendable on `day` (see `spendable_on`).
pub fn balance_of(db: Db, member: &str, day: NaiveDate) -> Result<Points> {
    Ok(spendable_on(db, &[member], day)?
        .remove(member)
        .unwrap_or_default())
}

/// Members' spendable balances on `day` and available points (that less
/// what their pending redemptions hold).
pub fn standings_of(
    db: Db,
    members: &[&str],
    day: NaiveDate,
) -> Result<HashMap<String, (Points, Points)>> {
    spendable_on(db, members, day)?
        .into_iter()
        .map(|(m, balance)| {
            let held = db.held_points(&m)?;
            Ok((m, (balance, balance - held)))
        })
        .collect()
}

/// Of a member's points alive on `today`, those whose lots end before
/// `horizon` (nothing without expiry).
fn expiring_within(
    entries: &[Posted],
    months: Option<u32>,
    today: NaiveDate,
    horizon: NaiveDate,
) -> Points {
    let Some(n) = months else {
        return Points::default();
    };
    let lots: Vec<Entry> = entries
        .iter()
        .filter(|e| e.kind != PostingKind::Expiry)
        .map(|e| Entry {
            date: e.date,
            points: e.points,
        })
        .collect();
    simulate(&lots, n, today)
        .alive
        .range(..horizon)
        .map(|(_, p)| *p)
        .sum()
}

/// Every member's balance (the sum of their entries), read once.
pub fn all_balances(db: Db) -> Result<BTreeMap<String, Points>> {
    let mut out = BTreeMap::new();
    db.each_member_ledger(|m, e| {
        out.insert(m.to_string(), e.iter().map(|(_, _, p)| *p).sum());
        Ok(())
    })?;
    Ok(out)
}

/// Balances of every active member (or one), as spendable on `today`.
pub fn balances(db: Db, today: NaiveDate, member: Option<&str>) -> Result<Vec<BalanceRow>> {
    let months = expire_months(db)?;
    let mut rewards: Vec<Reward> = db.rewards()?.into_iter().filter(|r| r.active).collect();
    rewards.sort_by(|a, b| a.cost.cmp(&b.cost).then(a.code.cmp(&b.code)));
    let horizon = today + chrono::Days::new(30);
    // Each member's (balance, expiring within 30 days), a member's entries
    // at a time: the ledger is not held whole.
    let shown: std::collections::HashSet<String> = db
        .members()?
        .into_iter()
        .filter(|m| member.map_or(m.active, |c| c == m.code))
        .map(|m| m.code)
        .collect();
    let mut figures: HashMap<String, (Points, Points)> = HashMap::new();
    db.each_member_ledger(|code, entries| {
        if shown.contains(code) {
            let entries = posted(&entries);
            figures.insert(
                code.to_string(),
                (
                    spendable(&entries, months, today),
                    expiring_within(&entries, months, today, horizon),
                ),
            );
        }
        Ok(())
    })?;
    let mut out = Vec::new();
    for m in db.members()? {
        if !shown.contains(&m.code) {
            continue;
        }
        let (balance, expiring_30d) = figures.remove(&m.code).unwrap_or_default();
        let available = balance - db.held_points(&m.code)?;
        // What the member can spend is what counts: points held by their
        // pending requests are not theirs to spend again.
        let next_reward = rewards
            .iter()
            .find(|r| r.cost > available)
            .map(|r| (r.clone(), r.cost - available));
        out.push(BalanceRow {
            member: m.code,
            name: m.name,
            balance,
            available,
            next_reward,
            expiring_30d,
        });
    }
    Ok(out)
}

/// Asks for `qty` of a reward for a member: refused (exit 1, nothing
/// written) when the reward is inactive, out of stock, or the member's
/// available points are short. Returns the pending redemption's id.
pub fn request(
    store: &mut Store,
    ctx: &Context,
    member: &str,
    reward: &str,
    qty: i64,
) -> Result<i64> {
    if qty <= 0 {
        return Err(Error::usage(field("--qty", msg!("value-qty-at-least-1"))));
    }
    let tx = store.write()?;
    let db = tx.db();
    let Some(m) = db.member(member)? else {
        let problem = super::members::unknown_member(db, member)?;
        return Err(Error::usage(field("MEMBER", problem)));
    };
    if !m.active {
        return Err(Error::Refused(Refusal::MemberInactive {
            member: member.to_string(),
        }));
    }
    let r = requestable(db, reward, qty)?;
    check_limits(db, ctx.today, member, reward, qty)?;
    let points = cost_of(&r, qty)?;
    let available = balance_of(db, member, ctx.today)? - db.held_points(member)?;
    if available < points {
        return Err(Error::Refused(Refusal::NotEnoughAvailable {
            member: member.to_string(),
            available,
            needed: points,
        }));
    }
    let id = tx.insert_redemption(member, reward, qty, points, ctx.today, &ctx.actor)?;
    tx.audit_about(
        &ctx.now(),
        &ctx.actor,
        "redeem",
        Some(&format!("redemption {id}")),
        &format!("{member} {reward} ×{qty}, {points} points"),
        &msg!(
            "audit-detail-redeem",
            member = member,
            reward = reward,
            qty = qty,
            points = points
        ),
    )?;
    tx.commit()?;
    Ok(id)
}

/// The reward, when it can be asked for: known, active, in stock.
fn requestable(db: Db, reward: &str, qty: i64) -> Result<Reward> {
    let r = db.reward(reward)?.ok_or_else(|| {
        let problem = msg!("value-unknown-reward", reward = reward);
        Error::usage(field("REWARD", problem))
    })?;
    if !r.active {
        return Err(Error::Refused(Refusal::RewardInactive {
            reward: reward.to_string(),
        }));
    }
    if let Some(stock) = r.stock
        && stock < qty
    {
        return Err(Error::Refused(Refusal::OutOfStock {
            reward: reward.to_string(),
            left: stock,
            asked: qty,
        }));
    }
    Ok(r)
}

/// The reward's limits on `today`: the days it is offered, and how many a
/// member may ask for in a period.
fn check_limits(db: Db, today: NaiveDate, member: &str, reward: &str, qty: i64) -> Result<()> {
    let limits = db.reward_limits(reward)?;
    if let Some(f) = limits.available_from
        && today < f
    {
        return Err(Error::Refused(Refusal::NotYetAvailable {
            reward: reward.to_string(),
            from: f,
        }));
    }
    if let Some(t) = limits.available_to
        && today > t
    {
        return Err(Error::Refused(Refusal::NoLongerAvailable {
            reward: reward.to_string(),
            until: t,
        }));
    }
    if let (Some(n), Some(per)) = (limits.limit_qty, limits.limit_per) {
        let p = crate::domain::Period::containing(per, today);
        let asked = db.requested_qty(member, reward, p.start(), p.end())?;
        if asked + qty > n {
            return Err(Error::Refused(Refusal::OverLimit {
                reward: reward.to_string(),
                limit: n,
                per,
                member: member.to_string(),
                asked,
                period: p,
            }));
        }
    }
    Ok(())
}

/// `qty` of the reward in points, within the one range.
fn cost_of(r: &Reward, qty: i64) -> Result<Points> {
    r.cost
        .decimal()
        .checked_mul(rust_decimal::Decimal::from(qty))
        .filter(|p| crate::domain::limits::check_number(*p, "").is_ok())
        .map(Points::round)
        .ok_or_else(|| {
            let problem = msg!(
                "value-cost-out-of-range",
                qty = qty.to_string(),
                cost = r.cost
            );
            Error::usage(field("--qty", problem))
        })
}

/// What deciding redemptions did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RedemptionOutcome {
    pub decided: Vec<Redemption>,
    /// Left pending, with why.
    pub refused: Vec<(i64, Refusal)>,
    /// Already decided (id, by whom).
    pub already: Vec<(i64, String)>,
}

impl RedemptionOutcome {
    pub fn points(&self) -> Points {
        self.decided.iter().map(|r| r.points).sum()
    }
}

/// Approves (re-checking balance and stock) or rejects redemptions, in one
/// transaction.
pub fn decide_redemptions(
    store: &mut Store,
    ctx: &Context,
    ids: &[i64],
    status: Status,
    reason: Option<&str>,
) -> Result<RedemptionOutcome> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if status == Status::Rejected && reason.is_none() {
        return Err(Error::usage(msg!("reject-needs-reason")));
    }
    let tx = store.write()?;
    let mut out = RedemptionOutcome::default();
    for &id in ids {
        let Some(r) = tx.db().redemption(id)? else {
            let problem = msg!("value-no-redemption", redemption = id);
            return Err(Error::usage(field("ID", problem)));
        };
        if r.status != Status::Pending {
            out.already
                .push((id, r.decided_by.clone().unwrap_or_default()));
            continue;
        }
        if status == Status::Approved
            && let Some(why) = approve_one(&tx, ctx, &r)?
        {
            out.refused.push((id, why));
            continue;
        }
        tx.decide_redemption(id, status, &ctx.now(), &ctx.actor, reason)?;
        tx.audit_about(
            &ctx.now(),
            &ctx.actor,
            status.as_str(),
            Some(&format!("redemption {id}")),
            &format!(
                "{} {} ×{}, {} points{}",
                r.member,
                r.reward,
                r.qty,
                r.points,
                reason.map(|r| format!(", reason: {r}")).unwrap_or_default()
            ),
            &crate::ops::said::redemption_decided(&r, reason),
        )?;
        let mut r = r;
        r.status = status;
        out.decided.push(r);
    }
    tx.audit(
        &ctx.now(),
        &ctx.actor,
        if status == Status::Approved {
            "approve redemptions"
        } else {
            "reject redemptions"
        },
        &format!(
            "ids {:?}: {} decided, {} refused{}",
            ids,
            out.decided.len(),
            out.refused.len(),
            reason.map(|r| format!(", reason: {r}")).unwrap_or_default()
        ),
        &msg!(
            "audit-detail-redemptions-decided",
            ids = format!("{ids:?}"),
            decided = out.decided.len(),
            refused = out.refused.len(),
            reason = crate::ops::said::reason(reason)
        ),
    )?;
    tx.commit()?;
    Ok(out)
}

/// Checks balance and stock, takes the stock and posts the entry; or says
/// why not (nothing written then).
fn approve_one(tx: &Tx, ctx: &Context, r: &Redemption) -> Result<Option<Refusal>> {
    let balance = balance_of(tx.db(), &r.member, ctx.today)?;
    if balance < r.points {
        return Ok(Some(Refusal::NotEnoughBalance {
            member: r.member.clone(),
            balance,
            needed: r.points,
        }));
    }
    let reward = tx.db().reward(&r.reward)?;
    if let Some(Reward {
        stock: Some(stock), ..
    }) = &reward
        && *stock < r.qty
    {
        return Ok(Some(Refusal::NowOutOfStock {
            reward: r.reward.clone(),
            left: *stock,
            asked: r.qty,
        }));
    }
    if !tx.take_stock(&r.reward, r.qty)? {
        return Ok(Some(Refusal::StockTaken {
            reward: r.reward.clone(),
        }));
    }
    tx.post(
        &r.member,
        ctx.today,
        PostingKind::Redemption,
        -r.points,
        None,
        &crate::domain::LedgerNote::Redemption {
            id: r.id,
            reward: r.reward.clone(),
            qty: r.qty,
        }
        .stored(),
        &ctx.actor,
        &ctx.now(),
    )?;
    Ok(None)
}

/// What `expire` posted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Expired {
    pub entries: usize,
    pub points: Points,
}

/// Posts one `expiry` entry per member and expiry date for every lot whose
/// last day is before `as_of`, less what earlier runs posted. An `as_of`
/// after today is refused: lots that have not expired yet never are.
pub fn expire(store: &mut Store, ctx: &Context, as_of: NaiveDate) -> Result<Expired> {
    if as_of > ctx.today {
        let problem = msg!("expire-after-today", as_of = as_of, today = ctx.today);
        return Err(Error::usage(field("--as-of", problem)));
    }
    let tx = store.write()?;
    let Some(months) = expire_months(tx.db())? else {
        return Ok(Expired::default());
    };
    let mut out = Expired::default();
    let now = ctx.now();
    // What is due, read a member at a time, then posted: the ledger is
    // not written while it is read.
    let mut due_now = Vec::new();
    tx.db().each_member_ledger(|member, entries| {
        for (day, missing) in due(&posted(&entries), months, as_of) {
            due_now.push((member.to_string(), day, missing));
        }
        Ok(())
    })?;
    for (member, day, missing) in due_now {
        tx.post(
            &member,
            day,
            PostingKind::Expiry,
            -missing,
            None,
            &crate::domain::LedgerNote::Expiry { ending: day }.stored(),
            &ctx.actor,
            &now,
        )?;
        out.entries += 1;
        out.points += missing;
    }
    tx.audit(
        &now,
        &ctx.actor,
        "expire",
        &format!(
            "as of {as_of}: {} entries, {} points",
            out.entries, out.points
        ),
        &msg!(
            "audit-detail-expired",
            date = as_of,
            entries = out.entries,
            points = out.points
        ),
    )?;
    tx.commit()?;
    Ok(out)
}

/// Adds a reward or changes one (by code), in one transaction, audited.
/// With `limits`, the reward's limits are set to them in the same write.
pub fn save_reward(
    store: &mut Store,
    ctx: &Context,
    r: &Reward,
    limits: Option<&crate::domain::RewardLimits>,
) -> Result<crate::store::Change> {
    let tx = store.write()?;
    let mut change = tx.upsert_reward(r)?;
    if let Some(l) = limits
        && tx.set_reward_limits(&r.code, l)?
    {
        tx.audit(
            &ctx.now(),
            &ctx.actor,
            "reward limits",
            &format!("{}: {}", r.code, describe_limits(l)),
            &msg!(
                "audit-detail-reward-limits",
                code = &r.code,
                limits = crate::ops::said::limits(l)
            ),
        )?;
        if change == crate::store::Change::Unchanged {
            change = crate::store::Change::Updated;
        }
    }
    let stock = r.stock.map_or("unlimited".to_string(), |n| n.to_string());
    let what = match change {
        crate::store::Change::Inserted => "added",
        crate::store::Change::Updated => "changed",
        crate::store::Change::Unchanged => "saved unchanged",
    };
    tx.audit(
        &ctx.now(),
        &ctx.actor,
        "reward",
        &format!(
            "{} {what}: {}, cost {}, stock {stock}, category '{}', active {}",
            r.code, r.name, r.cost, r.category, r.active
        ),
        &msg!(
            "audit-detail-reward",
            code = &r.code,
            what = match change {
                crate::store::Change::Inserted => msg!("audit-detail-reward-added"),
                crate::store::Change::Updated => msg!("audit-detail-reward-changed"),
                crate::store::Change::Unchanged => msg!("audit-detail-reward-unchanged"),
            },
            name = &r.name,
            cost = r.cost,
            stock = r.stock.map_or(msg!("audit-detail-unlimited"), |n| {
                crate::message::Msg::untyped(n.to_string())
            }),
            category = &r.category,
            active = r.active.to_string()
        ),
    )?;
    tx.commit()?;
    Ok(change)
}

/// "at most 2 per month, from 2026-12-01 to 2026-12-31", or "no limits".
pub fn describe_limits(l: &crate::domain::RewardLimits) -> String {
    let mut parts = Vec::new();
    if let (Some(q), Some(per)) = (l.limit_qty, l.limit_per) {
        parts.push(format!("at most {q} per member per {}", per.as_str()));
    }
    match (l.available_from, l.available_to) {
        (Some(f), Some(t)) => parts.push(format!("from {f} to {t}")),
        (Some(f), None) => parts.push(format!("from {f}")),
        (None, Some(t)) => parts.push(format!("until {t}")),
        (None, None) => {}
    }
    if parts.is_empty() {
        "no limits".into()
    } else {
        parts.join(", ")
    }
}
