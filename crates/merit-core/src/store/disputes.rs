//! Disputes of awards: a rep's objection, open until the lead resolves it
//! (issue 21, 无争议). An award with an open dispute is never approved.

use super::{Db, Tx};
use crate::error::Result;
use crate::store::sql::args;
use std::collections::HashSet;

/// A dispute as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dispute {
    pub award_id: i64,
    pub reason: String,
    pub raised_by: String,
    pub raised_at: String,
    /// `accepted` or `rejected`; `None` while open.
    pub resolution: Option<String>,
    pub resolution_reason: Option<String>,
    pub correction: Option<i64>,
}

impl Db<'_> {
    /// The latest dispute of award `award_id` (earlier ones, resolved, stay
    /// as they were).
    pub fn dispute(&self, award_id: i64) -> Result<Option<Dispute>> {
        if !self.has_disputes()? {
            return Ok(None);
        }
        self
            .0
            .prepare(
                "SELECT award_id, reason, raised_by, raised_at, resolution, resolution_reason, correction \
                 FROM disputes WHERE award_id = ?1 ORDER BY id DESC LIMIT 1",
            )?
            .query_opt(args![award_id], |r| {
                Ok(Dispute {
                    award_id: r.get(0)?,
                    reason: r.get(1)?,
                    raised_by: r.get(2)?,
                    raised_at: r.get(3)?,
                    resolution: r.get(4)?,
                    resolution_reason: r.get(5)?,
                    correction: r.get(6)?,
                })
            })
    }

    /// Whether the schema has disputes (a build playing an older merit in
    /// tests has none).
    fn has_disputes(&self) -> Result<bool> {
        self.0.has_table("disputes")
    }

    /// The awards with an open dispute.
    pub fn open_disputes(&self) -> Result<HashSet<i64>> {
        if !self.has_disputes()? {
            return Ok(HashSet::new());
        }
        let mut st = self
            .0
            .prepare("SELECT award_id FROM disputes WHERE resolution IS NULL")?;
        let rows = st.query_map(args![], |r| r.get(0))?;
        Ok(rows.into_iter().collect())
    }
}

impl Tx<'_> {
    /// Raises a dispute: a new row, so a dispute raised again after a
    /// resolution leaves the earlier one and its resolution as they were.
    pub fn raise_dispute(&self, award_id: i64, reason: &str, by: &str, at: &str) -> Result<()> {
        self.conn().execute(
            "INSERT INTO disputes(award_id, reason, raised_by, raised_at) VALUES (?1, ?2, ?3, ?4)",
            args![award_id, reason, by, at],
        )?;
        Ok(())
    }

    pub fn resolve_dispute(
        &self,
        award_id: i64,
        accepted: bool,
        reason: Option<&str>,
        by: &str,
        at: &str,
        correction: Option<i64>,
    ) -> Result<bool> {
        let n = self.conn().execute(
            "UPDATE disputes SET resolution = ?2, resolution_reason = ?3, resolved_by = ?4, resolved_at = ?5, \
             correction = ?6 WHERE award_id = ?1 AND resolution IS NULL",
            args![
                award_id,
                if accepted { "accepted" } else { "rejected" },
                reason,
                by,
                at,
                correction
            ],
        )?;
        Ok(n == 1)
    }
}
