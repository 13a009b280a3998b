//! Approving and rejecting pending awards. Approval posts to the ledger in
//! the same transaction; an award already decided by someone else is
//! counted, never decided twice.

use super::Context;
use crate::domain::{Award, AwardKind, ClosedPeriods, Period, Points, Status};
use crate::error::{Error, Refusal, Result};
use crate::store::{AwardFilter, Db, Decision, Store, Tx};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Which pending awards a command means.
#[derive(Debug, Clone)]
pub struct Selection {
    pub period: Period,
    pub member: Option<String>,
    pub rule_id: Option<String>,
}

/// What a decision did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decided {
    pub count: usize,
    pub points: Points,
    /// Awards someone had already decided: by whom, how many.
    pub already: BTreeMap<String, usize>,
    /// Provisional awards left pending (their period has not ended), and
    /// the last day of the latest such period.
    pub provisional: usize,
    pub provisional_until: Option<chrono::NaiveDate>,
    /// Awards with an open dispute, left pending.
    pub disputed: usize,
}

/// The pending awards dated from `today` on that are provisional: for a
/// period that has not ended (`Award::is_provisional`). Few, and read
/// through the status index.
pub fn provisional_awards(db: Db, today: chrono::NaiveDate) -> Result<Vec<crate::domain::Award>> {
    Ok(db
        .awards(&AwardFilter {
            from: Some(today),
            status: Some(Status::Pending),
            ..AwardFilter::default()
        })?
        .into_iter()
        .filter(|a| a.is_provisional(today))
        .collect())
}

/// The pending awards a selection matches, by date then id: those that
/// can be approved on `today`, and those provisional then.
pub fn select(
    store: &Store,
    sel: &Selection,
    today: chrono::NaiveDate,
) -> Result<(Vec<crate::domain::Award>, Vec<crate::domain::Award>)> {
    check_selection(store, sel)?;
    Ok(store
        .db()
        .awards(&filter(sel))?
        .into_iter()
        .partition(|a| !a.is_provisional(today)))
}

fn filter(sel: &Selection) -> AwardFilter {
    AwardFilter {
        from: Some(sel.period.start()),
        to: Some(sel.period.end()),
        member: sel.member.clone(),
        rule_id: sel.rule_id.clone(),
        status: Some(Status::Pending),
        ..AwardFilter::default()
    }
}

fn check_selection(store: &Store, sel: &Selection) -> Result<()> {
    if let Some(m) = &sel.member
        && store.db().member(m)?.is_none()
    {
        let problem = crate::ops::members::unknown_member(store.db(), m)?;
        return Err(Error::usage(crate::domain::input::field(
            "--member", problem,
        )));
    }
    Ok(())
}

/// Approves (or rejects, with a reason) every pending award the selection matches.
pub fn decide_selection(
    store: &mut Store,
    ctx: &Context,
    sel: &Selection,
    status: Status,
    reason: Option<&str>,
) -> Result<Decided> {
    check_selection(store, sel)?;
    // What was pending when the command started: awards another process
    // decides while this one waits for the write lock are reported as
    // already decided, by whom.
    let seen: Vec<i64> = store.db().award_ids(&filter(sel))?;
    let tx = store.write()?;
    if let Some(c) = tx.db().closed_periods()?.closes_all_of(sel.period) {
        return Err(Error::Refused(Refusal::CannotDecide(c.clone())));
    }
    let mut ids: Vec<i64> = tx.db().award_ids(&filter(sel))?;
    let pending: std::collections::HashSet<i64> = ids.iter().copied().collect();
    ids.extend(seen.into_iter().filter(|id| !pending.contains(id)));
    let d = decide_in(&tx, ctx, &ids, status, reason)?;
    tx.commit()?;
    Ok(d)
}

/// Approves or rejects the awards with these ids.
pub fn decide_ids(
    store: &mut Store,
    ctx: &Context,
    ids: &[i64],
    status: Status,
    reason: Option<&str>,
) -> Result<Decided> {
    let tx = store.write()?;
    let d = decide_in(&tx, ctx, ids, status, reason)?;
    tx.commit()?;
    Ok(d)
}

/// Decides inside a transaction the caller commits.
pub fn decide_in(
    tx: &Tx,
    ctx: &Context,
    ids: &[i64],
    status: Status,
    reason: Option<&str>,
) -> Result<Decided> {
    let reason = reason.map(str::trim);
    if status == Status::Rejected && reason.is_none_or(str::is_empty) {
        return Err(Error::usage(crate::msg!("reject-needs-reason")));
    }
    let now = ctx.now();
    // An award in a closed period fails the whole decision: the caller's
    // transaction is then never committed, so nothing is written.
    let closed = tx.db().closed_periods()?;
    let mut d = Decided::default();
    let held = Held::read(tx, ctx.today, status)?;
    let verb = if status == Status::Approved {
        "approve"
    } else {
        "reject"
    };
    // Each once, in id order: the table is walked front to back even where
    // a period's awards were written at different times (later recalcs,
    // manual awards) and so lie apart.
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let bulk = tx.bulk_decisions(ids.len())?;
    // The postings and audit entries go a batch to a statement.
    tx.write_behind();
    if bulk {
        tx.read_balances_ahead()?;
    }
    tx.pipelined(bulk, || {
        decide_all(tx, ctx, &ids, &held, &closed, &now, status, reason, &mut d)
    })?;
    if bulk {
        tx.end_bulk_decisions()?;
    }
    tx.audit(
        &now,
        &ctx.actor,
        verb,
        &format!(
            "{} awards, {} points{}{}",
            d.count,
            d.points,
            reason.map(|r| format!(", reason: {r}")).unwrap_or_default(),
            if ids.len() <= 50 {
                format!(", ids {ids:?}")
            } else {
                String::new()
            }
        ),
        &crate::msg!(
            "audit-detail-decided",
            count = d.count,
            points = d.points,
            reason = crate::ops::said::reason(reason),
            ids = if ids.len() <= 50 {
                crate::msg!("audit-detail-ids", ids = format!("{ids:?}"))
            } else {
                crate::ops::said::nothing()
            }
        ),
    )?;
    Ok(d)
}

/// Decides `ids` a batch at a time, each award's posting and audit entry
/// written behind; the held ones counted, not decided.
#[allow(clippy::too_many_arguments)]
fn decide_all(
    tx: &Tx,
    ctx: &Context,
    ids: &[i64],
    held: &Held,
    closed: &ClosedPeriods,
    now: &str,
    status: Status,
    reason: Option<&str>,
    d: &mut Decided,
) -> Result<()> {
    let mut chunks = ids.chunks(DECIDED_AT_ONCE);
    let send = |chunk: &[i64], d: &mut Decided| {
        let open: Vec<i64> = chunk
            .iter()
            .copied()
            .filter(|&id| !held.holds(id, d))
            .collect();
        tx.decide_awards_later(&open, status, now, &ctx.actor, reason)
    };
    let mut sent = chunks.next().map(|c| send(c, d)).transpose()?;
    while let Some(these) = sent.take() {
        let decisions = tx.decided(these)?;
        // The next batch is handed over before this one's postings are
        // written: the server decides it meanwhile.
        sent = chunks.next().map(|c| send(c, d)).transpose()?;
        for (_, decision) in decisions {
            let award = match decision {
                Decision::Decided(award) => award,
                Decision::AlreadyDecided(award) => {
                    let who = award.decided_by.unwrap_or_else(|| "someone".into());
                    *d.already.entry(who).or_default() += 1;
                    continue;
                }
                Decision::Missing => continue,
            };
            super::periods::check_open(closed, award.date)?;
            record(tx, ctx, now, &award, status, reason)?;
            d.count += 1;
            d.points += award.points;
        }
    }
    tx.write_behind_end()
}

/// How many awards are read and decided at a time (each batch's awards
/// are held in memory while their postings are written).
const DECIDED_AT_ONCE: usize = 10_000;

/// The awards an approval leaves pending: provisional ones (their period
/// has not ended; the last day of each) and disputed ones. A rejection
/// holds none.
struct Held {
    provisional: HashMap<i64, NaiveDate>,
    disputed: HashSet<i64>,
}

impl Held {
    fn read(tx: &Tx, today: NaiveDate, status: Status) -> Result<Held> {
        // Provisional awards are not approved: they stay pending until their
        // period has ended. Rejecting one is allowed.
        let provisional: HashMap<i64, NaiveDate> = if status == Status::Approved {
            provisional_awards(tx.db(), today)?
                .into_iter()
                .map(|a| (a.id, a.date))
                .collect()
        } else {
            Default::default()
        };
        let disputed = if status == Status::Approved {
            tx.db().open_disputes()?
        } else {
            Default::default()
        };
        Ok(Held {
            provisional,
            disputed,
        })
    }

    /// Whether award `id` is held, counting it in `d` if so.
    fn holds(&self, id: i64, d: &mut Decided) -> bool {
        if self.disputed.contains(&id) {
            d.disputed += 1;
            return true;
        }
        if let Some(&until) = self.provisional.get(&id) {
            d.provisional += 1;
            d.provisional_until = d.provisional_until.max(Some(until));
            return true;
        }
        false
    }
}

/// Writes what deciding `award` means: its posting when approved, and its
/// line in the audit log.
fn record(
    tx: &Tx,
    ctx: &Context,
    now: &str,
    award: &Award,
    status: Status,
    reason: Option<&str>,
) -> Result<()> {
    let id = award.id;
    if status == Status::Approved {
        let note = match award.kind {
            AwardKind::Manual => award.reason.clone(),
            _ => format!("{} {}", award.key.rule_id, award.key.subject),
        };
        tx.post(
            &award.key.member,
            award.date,
            award.kind.into(),
            award.points,
            Some(id),
            &note,
            &ctx.actor,
            now,
        )?;
    }
    tx.audit_about(
        now,
        &ctx.actor,
        status.as_str(),
        Some(&format!("award {id}")),
        &format!(
            "{} {} {} points{}",
            award.key.member,
            award.date,
            award.points,
            reason.map(|r| format!(", reason: {r}")).unwrap_or_default()
        ),
        &crate::msg!(
            "audit-detail-decided-award",
            member = &award.key.member,
            date = award.date,
            points = award.points,
            reason = crate::ops::said::reason(reason)
        ),
    )?;
    Ok(())
}
