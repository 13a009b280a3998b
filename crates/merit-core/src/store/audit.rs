//! The audit log: who did what, when, to what (SPEC §9). Append-only, like
//! the ledger. An entry about one thing names it in `subject`
//! (`award 12`, `period 2026-Q1`), so that thing's history can be listed.
//!
//! The detail is English, hashed into the chain and read by scripts; beside
//! it an entry keeps the same as a message (`said`, JSON; migration 18),
//! which the fronts word in the reader's language.

use super::seal::AuditFields;
use super::{Db, Tx};
use crate::error::Result;
use crate::message::Msg;
use crate::store::sql::args;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: Option<String>,
    pub detail: String,
    /// The detail as a message; `None` for entries written before merit
    /// kept one (they keep their English).
    pub said: Option<Msg>,
}

/// Which audit entries to list. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Entries at or after this day.
    pub since: Option<chrono::NaiveDate>,
    pub actor: Option<String>,
    pub subject: Option<String>,
}

impl Tx<'_> {
    /// An entry about the write as a whole: `detail` in English, `said`
    /// the same as a message.
    pub fn audit(
        &self,
        at: &str,
        actor: &str,
        action: &str,
        detail: &str,
        said: &Msg,
    ) -> Result<()> {
        self.audit_about(at, actor, action, None, detail, said)
    }

    /// An entry about one thing (`award 12`). A [`Msg::untyped`] `said`
    /// is not kept (the English is all there is).
    pub fn audit_about(
        &self,
        at: &str,
        actor: &str,
        action: &str,
        subject: Option<&str>,
        detail: &str,
        said: &Msg,
    ) -> Result<()> {
        if !self.sealing {
            // A schema before sealing (a test playing an older merit).
            self.conn()
                .prepare(
                    "INSERT INTO audit(at, actor, action, subject, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(args![at, actor, action, subject, detail])?;
            return Ok(());
        }
        let said = said.untyped_text().is_none().then(|| said.to_json());
        let (id, prev) = self.audit_link()?;
        let fields = AuditFields {
            id,
            at,
            actor,
            action,
            subject,
            detail,
            said: said.as_deref(),
        };
        let hash = super::seal::audit_hash(fields, &prev);
        self.write_audit_row(super::behind::AuditRow {
            id,
            at: at.to_string(),
            actor: actor.to_string(),
            action: action.to_string(),
            subject: subject.map(str::to_string),
            detail: detail.to_string(),
            hash: hash.clone(),
            said,
        })?;
        self.audit_linked(id, hash);
        Ok(())
    }
}

impl Db<'_> {
    /// The entries the filter matches, oldest first.
    pub fn audit_entries(&self, f: &AuditFilter) -> Result<Vec<AuditEntry>> {
        let mut out = Vec::new();
        self.each_audit_entry(f, |e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }

    /// `audit_entries` handed to `each` one at a time as they are read,
    /// none held (a bulk approval writes an entry an award). `each` must
    /// not use the store (on PostgreSQL the rows stream in meanwhile).
    pub fn each_audit_entry(
        &self,
        f: &AuditFilter,
        mut each: impl FnMut(AuditEntry) -> Result<()>,
    ) -> Result<()> {
        // One thing's history goes through the subject index.
        let by_subject = if f.subject.is_some() {
            "subject = ?3"
        } else {
            "CAST(?3 AS TEXT) IS NULL"
        };
        let mut st = self.0.prepare(&format!(
            "SELECT id, at, actor, action, subject, detail, said FROM audit \
             WHERE {by_subject} AND (CAST(?1 AS TEXT) IS NULL OR at >= ?1) AND (CAST(?2 AS TEXT) IS NULL OR actor = ?2) \
             ORDER BY id"
        ))?;
        let since = f.since.map(super::date_text);
        st.stream_each(args![since, f.actor, f.subject], |r| {
            each(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                subject: r.get(4)?,
                detail: r.get(5)?,
                said: r.get::<Option<String>>(6)?.and_then(|j| Msg::from_json(&j)),
            })
        })
    }
}
