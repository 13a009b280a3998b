//! Holding the store to its seals: the seal the last write left, and the
//! checkpoints sealed earlier (the local one and those named).

use crate::error::Result;
use crate::message::Msg;
use crate::msg;
use crate::seal::{Checkpoint, Key};
use crate::store::Db;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The seal the last write left: its MAC must verify with the key, and the
/// state it covers must be the store's: the ledger and audit log as walked,
/// the sealed tables as they are.
pub(super) fn check_seal(
    db: Db,
    store_id: &str,
    key: Option<&Key>,
    ledger: (i64, &str),
    audit: (i64, &str),
    problems: &mut Vec<Msg>,
    notes: &mut Vec<Msg>,
) -> Result<()> {
    let Some(seal) = db.stored_seal()? else {
        if ledger.0 > 0 || audit.0 > 0 {
            problems.push(msg!("verify-no-seal"));
        }
        return Ok(());
    };
    let when = &seal.at;
    match key {
        None => {
            let path = crate::seal::key_path().map(|p| p.display().to_string());
            notes.push(msg!("verify-no-key", path = path.unwrap_or_default()));
        }
        Some(k) if !seal.holds(store_id, k) => problems.push(msg!("verify-seal-wrong-key")),
        Some(_) => {}
    }
    if (seal.state.ledger_entries, seal.state.ledger_hash.as_str()) != ledger {
        problems.push(msg!(
            "verify-ledger-not-sealed",
            entries = ledger.0,
            when = when,
            sealed = seal.state.ledger_entries
        ));
    }
    if (seal.state.audit_entries, seal.state.audit_hash.as_str()) != audit {
        problems.push(msg!(
            "verify-audit-not-sealed",
            entries = audit.0,
            when = when,
            sealed = seal.state.audit_entries
        ));
    }
    let now = db.seal_state_against(&seal.state)?;
    for name in now.differing(&seal.state) {
        problems.push(msg!("verify-sealed-differ", name = name, when = when));
    }
    Ok(())
}

/// The store against a sealed head: not shorter, and the same up to it.
pub(super) fn check_checkpoint(
    what: &Msg,
    c: &Checkpoint,
    store_id: &str,
    key: Option<&Key>,
    ledger: (i64, &HashMap<i64, String>),
    audit: (i64, &HashMap<i64, String>),
    problems: &mut Vec<Msg>,
) {
    let day = c.at.get(..10).unwrap_or(&c.at);
    if c.store != store_id {
        problems.push(msg!(
            "verify-checkpoint-other-store",
            checkpoint = what,
            store = &c.store
        ));
        return;
    }
    if let Some(k) = key
        && !c.is_sealed_by(k)
    {
        problems.push(msg!("verify-checkpoint-forged", checkpoint = what));
        return;
    }
    for (chain, (last, seen), (n, hash)) in [
        (
            msg!("seal-chain-ledger"),
            ledger,
            (c.ledger_entries, &c.ledger_hash),
        ),
        (
            msg!("seal-chain-audit"),
            audit,
            (c.audit_entries, &c.audit_hash),
        ),
    ] {
        if n == 0 {
            continue;
        }
        if last < n {
            problems.push(msg!(
                "verify-checkpoint-shortened",
                chain = chain,
                entries = last,
                checkpoint = what,
                day = day,
                sealed = n
            ));
        } else if seen.get(&n) != Some(hash) {
            problems.push(msg!(
                "verify-checkpoint-diverges",
                chain = chain,
                checkpoint = what,
                day = day,
                sealed = n
            ));
        }
    }
}

/// The checkpoints to hold the store to: the local one kept beside the
/// key (its loss noted where this key sealed the store here) and those
/// named. What cannot be read as one is a problem.
pub(super) fn checkpoints_to_hold(
    db: Db,
    store_path: &Path,
    store_id: &str,
    key: Option<&Key>,
    checkpoints: &[PathBuf],
    problems: &mut Vec<Msg>,
) -> Result<Vec<(Msg, Checkpoint)>> {
    let seal_row = db.stored_seal()?;
    let mut sealed: Vec<(Msg, Checkpoint)> = Vec::new();
    if !store_id.is_empty() {
        let local = crate::seal::local_checkpoint(store_id, store_path)?;
        let what = msg!("verify-local-checkpoint", path = local.display());
        match crate::seal::read_checkpoint_file(&local)? {
            crate::seal::CheckpointFile::Holds(c) => sealed.push((what, c)),
            crate::seal::CheckpointFile::Garbage => {
                problems.push(msg!("verify-checkpoint-garbage", checkpoint = what))
            }
            // Checkpoints live beside the key: without one, there is no
            // telling where it would be.
            crate::seal::CheckpointFile::Missing if key.is_some() => {
                // Lost only where this key made the seal that says so.
                let here = crate::store::sealed_here(store_id, store_path);
                let sealed_here = seal_row.as_ref().is_some_and(|s| {
                    s.sealed_on.as_deref() == Some(here.as_str())
                        && key.is_some_and(|k| s.holds(store_id, k))
                });
                if sealed_here {
                    problems.push(msg!("verify-checkpoint-missing", checkpoint = what));
                }
            }
            crate::seal::CheckpointFile::Missing => {}
        }
    }
    for path in checkpoints {
        match crate::seal::read_checkpoint_file(path)? {
            crate::seal::CheckpointFile::Holds(c) => {
                sealed.push((msg!("verify-named-checkpoint", path = path.display()), c))
            }
            _ => problems.push(msg!("verify-not-a-checkpoint", path = path.display())),
        }
    }
    Ok(sealed)
}
