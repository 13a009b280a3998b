//! `merit verify` (SPEC §9): walks the hash chain of the ledger, checks each
//! member's running balance, that no redemption overdrew one or spent
//! points past their last day and no expiry took one below 0, and that
//! every approved award and redemption is posted exactly once, and that
//! the month sums standings read are those of the awards. Reads only.
//!
//! It reads the ledger, the audit log and the decided awards through once
//! each, in streamed passes (the postings checked in the ledger's pass,
//! the decisions against a fingerprint of the log's last decision per
//! award), the audit log and SQLite's `quick_check` of every other table
//! on a second connection and core. SQLite finds a damaged page in the
//! walked tables as it reads them (`PRAGMA integrity_check` in the sqlite3
//! shell also checks their indexes against them).

mod accept;
mod audit;
mod chain;
mod inputs;
mod postings;
mod seals;

pub use accept::{Accepted, accept, seal};

use crate::error::{Error, Result};
use crate::message::Msg;
use crate::msg;
use crate::store::{Db, Store};
use audit::{AuditWalk, walk_audit};
use chain::Walk;
use inputs::Inputs;
use inputs::read_inputs;
use seals::{check_checkpoint, check_seal};
use std::path::{Path, PathBuf};

/// What a whole store holds, as `verify` counted it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verified {
    pub entries: usize,
    pub members: usize,
    pub awards_posted: usize,
    pub redemptions_posted: usize,
    /// What is allowed but worth knowing: members whose balance went below
    /// 0 by a deduction (a debt, §12), writes made with a fixed date, what
    /// was not checked; a message each.
    pub notes: Vec<Msg>,
}

/// The most problems listed; the first one is what matters.
const MAX_LISTED: usize = 20;

/// Checks the store; `Err(Error::Broken)` lists what is wrong, first bad
/// entry first.
pub fn verify(store: &Store) -> Result<Verified> {
    verify_with(store, &[], Depth::Full)
}

/// How deep SQLite checks the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// `PRAGMA integrity_check`: every table, and every index against it.
    Full,
    /// `quick_check` of the tables not walked: indexes are not checked
    /// against their tables (`verify --quick`).
    Quick,
}

/// `verify`, also against the checkpoints in `checkpoints` (and always
/// the local one kept beside the key).
pub fn verify_with(store: &Store, checkpoints: &[PathBuf], depth: Depth) -> Result<Verified> {
    // Each try reads one state of the store on both connections; a write
    // between their starts shows as different heads, and the next try
    // starts from the state after it.
    for _ in 0..3 {
        if let Some(done) = verify_once(store, checkpoints, depth)? {
            return done;
        }
    }
    Err(Error::failed(msg!("verify-kept-changing")))
}

/// One try of `verify_with`: None when the two connections did not read
/// the same state of the store.
fn verify_once(
    store: &Store,
    checkpoints: &[PathBuf],
    depth: Depth,
) -> Result<Option<Result<Verified>>> {
    // One state of the store throughout: a write meanwhile is not seen.
    let snapshot = store.snapshot()?;
    let db = snapshot.db();
    let heads = Heads::read(db)?;
    let _work = crate::progress::Work::new(crate::progress::Task::Verifying, None);
    let mut problems: Vec<Msg> = Vec::new();
    let mut notes: Vec<Msg> = Vec::new();
    // The checkpoints to hold the store to, read first: the walks keep the
    // hashes at the lengths they sealed.
    let store_id = db.store_id()?;
    let key = crate::seal::load()?;
    let sealed = seals::checkpoints_to_hold(
        db,
        store.path(),
        &store_id,
        key.as_ref(),
        checkpoints,
        &mut problems,
    )?;
    let mut walk = Walk {
        expire_after_months: db.rules()?.settings.expire_after_months,
        redeemers: db.redeemers()?,
        wanted: sealed.iter().map(|(_, c)| c.ledger_entries).collect(),
        ..Walk::default()
    };
    let wanted_audit: Vec<i64> = sealed.iter().map(|(_, c)| c.audit_entries).collect();
    let (audit, inputs, posted) = walk_all(
        db,
        store.path(),
        &heads,
        depth,
        &wanted_audit,
        &mut walk,
        &mut problems,
    )?;
    if !same_state(&audit, &inputs, &heads)? {
        return Ok(None);
    }
    walk.check_expiries(db, &mut problems)?;
    check_head(db, &walk.last, &mut problems)?;
    walk.compare_recorded(&db.member_balances()?, &mut problems);
    let checked = posted.finish(db, &audit.decisions)?;
    problems.extend(checked.postings);
    problems.extend(audit.problems);
    let (ledger_last, ledger_hash) = walk.head();
    check_seal(
        db,
        &store_id,
        key.as_ref(),
        (ledger_last, &ledger_hash),
        (audit.last, &audit.hash),
        &mut problems,
        &mut notes,
    )?;
    problems.extend(inputs.differ(db)?);
    other_notes(db, depth, &mut notes)?;
    problems.extend(checked.decisions);
    for (what, c) in &sealed {
        check_checkpoint(
            what,
            c,
            &store_id,
            key.as_ref(),
            (ledger_last, &walk.seen),
            (audit.last, &audit.seen),
            &mut problems,
        );
    }
    if !problems.is_empty() {
        return Ok(Some(Err(broken(problems))));
    }
    Ok(Some(Ok(
        walk.verified((checked.awards, checked.redemptions), notes)
    )))
}

/// The three passes side by side: the ledger on this connection, each
/// entry's link and posting checked as it comes, and the audit log and the
/// inputs each on a connection and core of its own.
fn walk_all(
    db: Db,
    path: &Path,
    heads: &Heads,
    depth: Depth,
    wanted_audit: &[i64],
    walk: &mut Walk,
    problems: &mut Vec<Msg>,
) -> Result<(AuditWalk, Inputs, postings::Postings)> {
    // The audit log on a second connection and core, while this one walks
    // the ledger, each entry beside the award it posts.
    let audited = postings::Decisions::new(heads.max_award);
    let mut posted = postings::Postings::new(heads.max_award, audited.paired());
    let (audit, inputs) = std::thread::scope(|s| {
        let audit = s.spawn(|| walk_audit(path, wanted_audit, audited, depth));
        let inputs = s.spawn(|| read_inputs(path));
        let ledger = db.each_posting(|row, award| {
            posted.step(&row, award.as_ref());
            walk.step(row, problems);
            Ok(())
        });
        let audit = audit
            .join()
            .unwrap_or_else(|_| Err(Error::failed(msg!("verify-audit-walk-failed"))));
        let inputs = inputs
            .join()
            .unwrap_or_else(|_| Err(Error::failed(msg!("verify-inputs-read-failed"))));
        ledger.and(audit).and_then(|a| Ok((a, inputs?)))
    })?;
    Ok((audit, inputs, posted))
}

/// Whether the passes read one state of the store. A store found damaged
/// is an error, and nothing else is checked.
fn same_state(audit: &AuditWalk, inputs: &Inputs, heads: &Heads) -> Result<bool> {
    // A file SQLite finds damaged is said so, and nothing else.
    if audit.damaged != ["ok"] {
        let said = audit.damaged.iter();
        return Err(damaged(
            said.map(|l| msg!("verify-sqlite-reports", line = l)),
        ));
    }
    if audit.heads != *heads || inputs.heads != *heads {
        return Ok(false);
    }
    if !inputs.bad_text.is_empty() {
        return Err(damaged(inputs.bad_text.iter().cloned()));
    }
    Ok(true)
}

/// What is worth knowing besides: writes made with a fixed date, and what
/// `--quick` or a role without amcheck left unchecked.
fn other_notes(db: Db, depth: Depth, notes: &mut Vec<Msg>) -> Result<()> {
    if let Some((n, day, by)) = db.fixed_date_writes()? {
        notes.push(msg!("verify-fixed-date-writes", n = n, day = day, by = by));
    }
    if depth == Depth::Quick {
        notes.push(msg!("verify-quick-unchecked"));
    }
    notes.extend(db.amcheck_unavailable()?);
    Ok(())
}

/// The chain's recorded head is the last entry walked.
fn check_head(db: Db, last: &Option<(i64, String)>, problems: &mut Vec<Msg>) -> Result<()> {
    let mut say =
        |id: i64, what: Msg| problems.push(msg!("verify-ledger-entry", id = id, what = what));
    match (db.ledger_head()?, last) {
        (None, None) => {}
        (Some((id, hash)), Some((last, last_hash))) if id == *last && hash == *last_hash => {}
        (Some((id, _)), Some((last, _))) if id > *last => {
            say(last + 1, msg!("verify-ledger-ends", last = last))
        }
        (Some((id, _)), _) => say(id, msg!("verify-ledger-head-differs")),
        (None, Some((last, _))) => say(*last, msg!("verify-ledger-no-head")),
    }
    Ok(())
}

/// A store SQLite (or merit) finds damaged: the first few lines of what
/// is wrong, and nothing else checked.
fn damaged(lines: impl Iterator<Item = Msg>) -> Error {
    let mut lines: Vec<Msg> = lines
        .take(5)
        .map(|l| msg!("verify-store-damaged", what = l))
        .collect();
    lines.push(msg!("verify-restore"));
    Error::broken(lines)
}

/// The problems found, the first `MAX_LISTED` of them listed.
fn broken(mut problems: Vec<Msg>) -> Error {
    let n = problems.len();
    problems.truncate(MAX_LISTED);
    if n > MAX_LISTED {
        problems.push(msg!("verify-more-problems", n = n - MAX_LISTED));
    }
    Error::broken(problems)
}

/// What a walk of the store starts from: equal on two connections, they
/// read one state of it.
#[derive(Debug, PartialEq, Eq)]
struct Heads {
    ledger: Option<(i64, String)>,
    audit: Option<(i64, String)>,
    max_award: i64,
}

impl Heads {
    fn read(db: Db) -> Result<Heads> {
        Ok(Heads {
            ledger: db.ledger_head()?,
            audit: db.audit_head()?,
            max_award: db.max_award_id()?,
        })
    }
}
