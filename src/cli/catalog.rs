//! `merit catalog`, `redeem`, `redemptions`, `balance` and `expire`.

use super::StatusArg;
use super::output::{Cell, Format, render};
use crate::domain::Status;
use crate::error::{Error, Result};
use crate::ops::Context;
use crate::ops::catalog::{balances, decide_redemptions, expire as expire_lots, request};
use crate::ops::import::{ImportKind, import_file};
use crate::store::Store;
use chrono::NaiveDate;
use std::path::Path;

pub fn import(store: &mut Store, ctx: &Context, file: &Path) -> Result<()> {
    let s = import_file(store, ctx, ImportKind::Rewards, file)?;
    say_t!(
        "cli-rewards-imported",
        file = file.display(),
        inserted = s.inserted,
        updated = s.updated,
        unchanged = s.unchanged
    );
    Ok(())
}

pub fn list(store: &Store, format: Format) -> Result<()> {
    let rows: Vec<Vec<Cell>> = store
        .db()
        .rewards()?
        .into_iter()
        .map(|r| {
            vec![
                Cell::text(r.code),
                Cell::text(r.name),
                Cell::num(r.cost),
                r.stock.map(Cell::num).unwrap_or_else(|| Cell::text("")),
                Cell::text(r.category),
                Cell::text({
                    let active = if r.active { "true" } else { "false" };
                    if format == Format::Table {
                        crate::i18n::stored_word(active)
                    } else {
                        active
                    }
                }),
            ]
        })
        .collect();
    print!(
        "{}",
        render(
            format,
            &["code", "name", "cost", "stock", "category", "active"],
            &rows
        )
    );
    Ok(())
}

pub fn redeem(
    store: &mut Store,
    ctx: &Context,
    member: &str,
    reward: &str,
    qty: i64,
) -> Result<()> {
    let id = request(store, ctx, member, reward, qty)?;
    let r = store
        .db()
        .redemption(id)?
        .ok_or_else(|| Error::failed(crate::msg!("redemption-vanished", id = id.to_string())))?;
    say_t!(
        "cli-redeem",
        id = id,
        member = member,
        reward = reward,
        qty = qty,
        r_points = r.points
    );
    Ok(())
}

pub fn queue(store: &Store, status: Option<StatusArg>, format: Format) -> Result<()> {
    let status = status.map(StatusArg::status);
    // People read the status in their language; scripts get it as stored.
    let table = format == Format::Table;
    let rows: Vec<Vec<Cell>> = store
        .db()
        .redemptions(status)?
        .into_iter()
        .map(|r| {
            vec![
                Cell::num(r.id),
                Cell::text(r.member),
                Cell::text(r.reward),
                Cell::num(r.qty),
                Cell::num(r.points),
                Cell::text(if table {
                    crate::i18n::stored_word(r.status.as_str())
                } else {
                    r.status.as_str()
                }),
                Cell::text(r.requested_on.to_string()),
                Cell::text(r.decided_by.unwrap_or_default()),
            ]
        })
        .collect();
    print!(
        "{}",
        render(
            format,
            &[
                "id",
                "member",
                "reward",
                "qty",
                "points",
                "status",
                "requested_on",
                "decided_by"
            ],
            &rows
        )
    );
    Ok(())
}

pub fn decide(
    store: &mut Store,
    ctx: &Context,
    ids: &[i64],
    status: Status,
    reason: Option<&str>,
) -> Result<()> {
    let out = decide_redemptions(store, ctx, ids, status, reason)?;
    say_t!(
        "cli-redemptions-decided",
        approved = if status == Status::Approved {
            "yes"
        } else {
            "no"
        },
        count = out.decided.len(),
        points = out.points()
    );
    for (id, by) in &out.already {
        esay_t!("cli-decide-2", id = id, by = by);
    }
    if out.refused.is_empty() {
        return Ok(());
    }
    for (id, why) in &out.refused {
        esay_t!(
            "cli-decide-3",
            id = id,
            why = crate::i18n::refusals::render(why, crate::i18n::current())
        );
    }
    Err(Error::failed(crate::msg!(
        "redemptions-left-pending",
        left = out.refused.len(),
        of = ids.len()
    )))
}

pub fn balance(store: &Store, ctx: &Context, member: Option<&str>, format: Format) -> Result<()> {
    if let Some(m) = member
        && store.db().member(m)?.is_none()
    {
        let problem = crate::ops::members::unknown_member(store.db(), m)?;
        return Err(Error::usage(crate::domain::input::field("MEMBER", problem)));
    }
    let balances = balances(store.db(), ctx.today, member)?;
    let within_reach = balances.iter().any(|b| b.next_reward.is_none());
    let rows: Vec<Vec<Cell>> = balances
        .into_iter()
        .map(|b| {
            let (next, missing) = match b.next_reward {
                Some((r, m)) => (Cell::text(r.code), Cell::num(m)),
                None => (Cell::text(""), Cell::text("")),
            };
            vec![
                Cell::text(b.member),
                Cell::text(b.name),
                Cell::num(b.balance),
                Cell::num(b.available),
                next,
                missing,
                if b.expiring_30d.is_zero() {
                    Cell::text("")
                } else {
                    Cell::num(b.expiring_30d)
                },
            ]
        })
        .collect();
    print!(
        "{}",
        render(
            format,
            &[
                "member",
                "name",
                "balance",
                "available",
                "next_reward",
                "missing",
                "expiring_30d"
            ],
            &rows
        )
    );
    // What an empty next reward means, said where a script does not read it.
    if within_reach && matches!(format, Format::Table) {
        if store.db().rewards()?.iter().any(|r| r.active) {
            esay_t!("cli-balance-all-within-reach");
        } else {
            esay_t!("cli-balance-no-rewards");
        }
    }
    Ok(())
}

pub fn expire(store: &mut Store, ctx: &Context, as_of: NaiveDate) -> Result<()> {
    let e = expire_lots(store, ctx, as_of)?;
    say_t!(
        "cli-expired",
        entries = e.entries,
        points = e.points,
        as_of = as_of
    );
    Ok(())
}
