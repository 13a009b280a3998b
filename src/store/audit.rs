//! The audit log: who did what, when, to what.

use super::{Db, Tx};
use crate::error::Result;
use rusqlite::params;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub detail: String,
}

impl Tx<'_> {
    pub fn audit(&self, at: &str, actor: &str, action: &str, detail: &str) -> Result<()> {
        self.conn()
            .prepare_cached("INSERT INTO audit(at, actor, action, detail) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![at, actor, action, detail])?;
        Ok(())
    }
}

impl Db<'_> {
    /// The audit entries whose detail mentions `needle`, oldest first.
    pub fn audit_mentioning(&self, needle: &str) -> Result<Vec<AuditEntry>> {
        let mut st = self.0.prepare_cached(
            "SELECT id, at, actor, action, detail FROM audit WHERE instr(detail, ?1) > 0 ORDER BY id",
        )?;
        let rows = st.query_map([needle], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                detail: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
