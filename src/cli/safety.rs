//! `merit verify`, `close`, `reopen` and `audit`: the store's integrity,
//! the period lifecycle and the audit log (SPEC §5, §9).

use super::output::{Cell, Format, render};
use crate::domain::Period;
use crate::error::Result;
use crate::ops::Context;
use crate::ops::periods::{Closing, close, reopen};
use crate::store::{AuditFilter, Store};
use chrono::NaiveDate;

pub fn verify(store: &Store, checkpoints: &[std::path::PathBuf], quick: bool) -> Result<()> {
    use crate::ops::verify::Depth;
    let depth = if quick { Depth::Quick } else { Depth::Full };
    let v = crate::ops::verify::verify_with(store, checkpoints, depth)?;
    say!(
        "the store is whole: {} ledger entries chained, {} members' balances, {} approved awards and {} approved redemptions posted once each",
        v.entries,
        v.members,
        v.awards_posted,
        v.redemptions_posted
    );
    for note in &v.notes {
        say!("note: {note}");
    }
    Ok(())
}

/// `merit seal --accept --reason TEXT`: what differed, where the earlier
/// checkpoint went, and the new checkpoint line.
pub fn accept(
    store: &mut Store,
    ctx: &Context,
    reason: &str,
    out: Option<&std::path::Path>,
) -> Result<()> {
    let a = crate::ops::verify::accept(store, ctx, reason, out)?;
    if a.differences.is_empty() {
        say!("the store was what its last seal says; sealed again");
    }
    for d in &a.differences {
        say!("differed from the last seal: {d}");
    }
    if let Some(p) = &a.kept {
        say!("the earlier checkpoint is kept at {}", p.display());
    }
    // A line for machines (and for pasting): never translated.
    println!("{}", crate::text::visible(&a.checkpoint.line()));
    Ok(())
}

pub fn close_period(store: &mut Store, ctx: &Context, period: Period) -> Result<()> {
    match close(store, ctx, period)? {
        Closing::Closed => say!("{period} closed"),
        Closing::Already(how) => say!("{how}; nothing changed"),
    }
    Ok(())
}

pub fn reopen_period(store: &mut Store, ctx: &Context, period: Period, reason: &str) -> Result<()> {
    reopen(store, ctx, period, reason)?;
    match store.db().closed_periods()?.closes_all_of(period) {
        Some(c) => say!(
            "{period} reopened, but it lies in a closed period: {}",
            c.describe()
        ),
        None => say!("{period} reopened"),
    }
    Ok(())
}

pub fn audit(
    store: &Store,
    since: Option<NaiveDate>,
    actor: Option<String>,
    format: Format,
) -> Result<()> {
    let rows: Vec<Vec<Cell>> = store
        .db()
        .audit_entries(&AuditFilter {
            since,
            actor,
            subject: None,
        })?
        .into_iter()
        .map(|e| {
            vec![
                Cell::num(e.id),
                Cell::text(e.at),
                Cell::text(e.actor),
                Cell::text(e.action),
                Cell::text(e.subject.unwrap_or_default()),
                Cell::text(e.detail),
            ]
        })
        .collect();
    print!(
        "{}",
        render(
            format,
            &["id", "at", "actor", "action", "subject", "detail"],
            &rows
        )
    );
    Ok(())
}
