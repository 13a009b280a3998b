//! The audit log's walk, on a connection and core of its own: SQLite's
//! check of the tables not walked, the month sums standings read, the
//! audit chain and each award's last decision.

use super::postings::Decisions;
use super::{Depth, Heads, MAX_LISTED};
use crate::error::Result;
use crate::message::Msg;
use crate::store::Store;
use std::collections::HashMap;

/// The audit log as walked on its own connection.
pub(super) struct AuditWalk {
    pub(super) heads: Heads,
    /// SQLite's check of the tables not walked: `["ok"]` or the damage.
    pub(super) damaged: Vec<String>,
    pub(super) decisions: Decisions,
    pub(super) problems: Vec<Msg>,
    pub(super) seen: HashMap<i64, String>,
    pub(super) last: i64,
    pub(super) hash: String,
}

/// Checks the tables `verify` does not walk and walks the audit chain, of
/// the store at `path` on a reader connection of its own, keeping each
/// award's last decision in `decisions`.
pub(super) fn walk_audit(
    path: &std::path::Path,
    wanted: &[i64],
    mut decisions: Decisions,
    depth: Depth,
) -> Result<AuditWalk> {
    let reader = Store::open_reader(path)?;
    let snapshot = reader.snapshot()?;
    let db = snapshot.db();
    let heads = Heads::read(db)?;
    // The tables walked report a damaged page as they are read; SQLite
    // checks the others (the activities the largest) on this core.
    let damaged = match depth {
        Depth::Full => db.integrity_check()?,
        Depth::Quick => db.quick_check_besides(&["ledger", "audit", "awards"])?,
    };
    // The month sums standings read, against the awards.
    let mut problems = if damaged == ["ok"] {
        db.month_sums_differ(MAX_LISTED)?
    } else {
        Vec::new()
    };
    let mut seen = HashMap::new();
    let (last, hash) = db.walk_audit(
        &mut problems,
        wanted,
        &mut seen,
        |award, action, actor, at, detail| decisions.audited(award, action, actor, at, detail),
    )?;
    Ok(AuditWalk {
        heads,
        damaged,
        decisions,
        problems,
        seen,
        last,
        hash,
    })
}
