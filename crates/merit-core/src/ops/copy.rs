//! `merit copy --from STORE --to STORE`: a whole store moved into an empty
//! one, between SQLite files and PostgreSQL databases either way. The
//! source must verify whole first; the destination must hold nothing; the
//! rows arrive in one write (chains, audit log, kept digests and the
//! store's id as they were, an audit entry saying where they came from),
//! and the destination is verified whole after.

use crate::error::{Error, Result};
use crate::ops::verify::{Verified, verify};
use crate::store::{CopyCounts, Store, is_postgres, shown, store_exists};
use std::path::Path;

/// What a copy did.
#[derive(Debug)]
pub struct Copied {
    pub counts: CopyCounts,
    /// `verify` of the source before, and of the destination after.
    pub from: Verified,
    pub to: Verified,
}

/// Copies the store at `from` into the empty store at `to`; `at` and
/// `actor` name the copy in the destination's audit log; `progress` hears
/// each table's rows as they go.
pub fn copy(
    from: &Path,
    to: &Path,
    at: &str,
    actor: &str,
    progress: impl FnMut(&str, u64),
) -> Result<Copied> {
    crate::store::check_name(from)?;
    crate::store::check_name(to)?;
    if !store_exists(from)? {
        return Err(Error::failed(crate::msg!(
            "no-store-at",
            path = shown(from)
        )));
    }
    if same_place(from, to) {
        return Err(Error::usage(crate::msg!(
            "copy-same-store",
            path = shown(to)
        )));
    }
    if !is_postgres(to) && to.is_dir() {
        return Err(Error::usage(crate::msg!(
            "copy-to-folder",
            path = shown(to)
        )));
    }
    let file_holds_something = !is_postgres(to) && std::fs::metadata(to).is_ok_and(|m| m.len() > 0);
    // A store that holds nothing takes the copy: one a killed copy set up
    // is tried again. Anything else is refused (merit opens a file or a
    // database of someone else's only to refuse it, untouched).
    if (file_holds_something || store_exists(to)?) && !holds_nothing(to) {
        return Err(Error::failed(crate::msg!(
            "copy-destination-not-empty",
            path = shown(to)
        )));
    }
    let source = Store::open(from)?;
    let from_verified = verify(&source)?;
    let made_file = !is_postgres(to) && !to.exists();
    let copied = write_copy(&source, to, at, actor, progress);
    if copied.is_err() && made_file {
        for side in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{side}", to.display()));
        }
    }
    let (counts, to_verified) = copied?;
    Ok(Copied {
        counts,
        from: from_verified,
        to: to_verified,
    })
}

fn write_copy(
    source: &Store,
    to: &Path,
    at: &str,
    actor: &str,
    progress: impl FnMut(&str, u64),
) -> Result<(CopyCounts, Verified)> {
    let mut dest = Store::open(to)?;
    dest.set_actor(actor);
    if !dest.db().holds_nothing()? {
        return Err(Error::failed(crate::msg!(
            "copy-destination-not-empty",
            path = shown(to)
        )));
    }
    let snapshot = source.snapshot()?;
    let tx = dest.write()?;
    let counts = tx.copy_into(snapshot.db(), progress)?;
    let said = crate::msg!("audit-detail-copied", from = source.shown());
    tx.audit(
        at,
        actor,
        "copied",
        &format!("copied from {}", source.shown()),
        &said,
    )?;
    tx.commit()?;
    drop(snapshot);
    let verified = verify(&dest)?;
    Ok((counts, verified))
}

/// Whether `to` is a merit store with nothing in it.
fn holds_nothing(to: &Path) -> bool {
    Store::open(to).is_ok_and(|s| s.db().holds_nothing().unwrap_or(false))
}

/// Whether `a` and `b` are the same store (one file, or one URL).
fn same_place(a: &Path, b: &Path) -> bool {
    if is_postgres(a) || is_postgres(b) {
        return shown(a) == shown(b);
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}
