//! Holding the store to its seals: the seal the last write left, and the
//! checkpoints sealed earlier (the local one and those named).

use crate::error::Result;
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
    problems: &mut Vec<String>,
    notes: &mut Vec<String>,
) -> Result<()> {
    let Some(seal) = db.stored_seal()? else {
        if ledger.0 > 0 || audit.0 > 0 {
            problems.push(
                "the store has no seal: it was written behind merit's back (or not since sealing came: any merit write seals it)"
                    .into(),
            );
        }
        return Ok(());
    };
    let when = &seal.at;
    match key {
        None => notes.push(format!(
            "verify cannot check the seals: no key at {} (MERIT_KEY names one); the checks above hold",
            crate::seal::key_path().map(|p| p.display().to_string()).unwrap_or_default()
        )),
        Some(k) if !seal.holds(store_id, k) => problems.push(
            "the seal does not verify with this key: the store's state was rewritten without the key (or sealed with another key)"
                .into(),
        ),
        Some(_) => {}
    }
    if (seal.state.ledger_entries, seal.state.ledger_hash.as_str()) != ledger {
        problems.push(format!(
            "the ledger (entries {}) is not the one sealed on {when} ({} entries): changed behind merit's back",
            ledger.0, seal.state.ledger_entries
        ));
    }
    if (seal.state.audit_entries, seal.state.audit_hash.as_str()) != audit {
        problems.push(format!(
            "the audit log (entries {}) is not the one sealed on {when} ({} entries): changed behind merit's back",
            audit.0, seal.state.audit_entries
        ));
    }
    let now = db.seal_state()?;
    for name in now.differing(&seal.state) {
        problems.push(format!(
            "the {name} differ from those sealed on {when}: changed behind merit's back"
        ));
    }
    Ok(())
}

/// The store against a sealed head: not shorter, and the same up to it.
pub(super) fn check_checkpoint(
    what: &str,
    c: &Checkpoint,
    store_id: &str,
    key: Option<&Key>,
    ledger: (i64, &HashMap<i64, String>),
    audit: (i64, &HashMap<i64, String>),
    problems: &mut Vec<String>,
) {
    let day = c.at.get(..10).unwrap_or(&c.at);
    if c.store != store_id {
        problems.push(format!("{what} is of another store ({})", c.store));
        return;
    }
    if let Some(k) = key
        && !c.is_sealed_by(k)
    {
        problems.push(format!(
            "{what}: its seal does not verify with this key (forged?)"
        ));
        return;
    }
    for (name, (last, seen), (n, hash)) in [
        ("ledger", ledger, (c.ledger_entries, &c.ledger_hash)),
        ("audit log", audit, (c.audit_entries, &c.audit_hash)),
    ] {
        if n == 0 {
            continue;
        }
        if last < n {
            problems.push(format!(
                "the {name} has {last} entries; {what} of {day} sealed {n} (shortened, or an older copy of the store put back?)"
            ));
        } else if seen.get(&n) != Some(hash) {
            problems.push(format!(
                "the {name} diverges from {what} of {day} at or before entry {n} (rewritten?)"
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
    problems: &mut Vec<String>,
) -> Result<Vec<(String, Checkpoint)>> {
    let seal_row = db.stored_seal()?;
    let mut sealed: Vec<(String, Checkpoint)> = Vec::new();
    if !store_id.is_empty() {
        let local = crate::seal::local_checkpoint(store_id, store_path)?;
        let what = format!("the local checkpoint ({})", local.display());
        match crate::seal::read_checkpoint_file(&local)? {
            crate::seal::CheckpointFile::Holds(c) => sealed.push((what, c)),
            crate::seal::CheckpointFile::Garbage => problems.push(format!(
                "{what} holds no merit checkpoint (damaged or replaced?)"
            )),
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
                    problems.push(format!(
                        "{what} is missing, though the store was last sealed on this machine (removed?)"
                    ));
                }
            }
            crate::seal::CheckpointFile::Missing => {}
        }
    }
    for path in checkpoints {
        match crate::seal::read_checkpoint_file(path)? {
            crate::seal::CheckpointFile::Holds(c) => {
                sealed.push((format!("checkpoint {}", path.display()), c))
            }
            _ => problems.push(format!("{}: holds no merit checkpoint", path.display())),
        }
    }
    Ok(sealed)
}
