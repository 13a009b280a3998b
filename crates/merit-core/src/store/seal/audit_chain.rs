//! The audit log's hash chain: each entry's hash over its fields and the
//! previous hash, migration 10's chaining of older entries, the head kept
//! in `audit_head`, and the walk along it.

use super::super::{Db, Tx};
use crate::error::Result;
use crate::message::Msg;
use crate::msg;
use crate::seal::hex;
use crate::store::ledger::{text, text_or_null};
use crate::store::sql::Conn;
use crate::store::sql::args;

/// The hash the first audit entry follows.
pub const AUDIT_GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An audit entry's fields, as hashed.
#[derive(Debug, Clone, Copy)]
pub struct AuditFields<'a> {
    pub id: i64,
    pub at: &'a str,
    pub actor: &'a str,
    pub action: &'a str,
    pub subject: Option<&'a str>,
    pub detail: &'a str,
    /// The detail as a message (JSON), where the entry keeps one.
    pub said: Option<&'a str>,
}

/// The hash of one audit entry.
pub fn audit_hash(f: AuditFields<'_>, prev: &str) -> String {
    hex(&audit_digest(f, prev))
}

/// The SHA-256 an audit entry's hash is the hex of. `said` is hashed
/// after the rest only where present (migration 18), so an entry without
/// it hashes as before.
fn audit_digest(f: AuditFields<'_>, prev: &str) -> [u8; 32] {
    let mut buf = [0; 20];
    let id = crate::store::ledger::decimal(f.id, &mut buf);
    let subject = f.subject.map_or(&b"\0none"[..], str::as_bytes);
    let mut fields = vec![
        id,
        f.at.as_bytes(),
        f.actor.as_bytes(),
        f.action.as_bytes(),
        subject,
        f.detail.as_bytes(),
        prev.as_bytes(),
    ];
    if let Some(said) = f.said {
        fields.push(said.as_bytes());
    }
    crate::store::ledger::digest_fields(&fields)
}

/// A new store's id: 16 random bytes in hex.
pub(in crate::store) fn new_store_id() -> Result<String> {
    let mut id = [0u8; 16];
    getrandom::fill(&mut id).map_err(|e| {
        rusqlite::Error::ToSqlConversionFailure(Box::new(std::io::Error::other(e.to_string())))
    })?;
    Ok(hex(&id))
}

/// Migration 10's step: chains the audit entries written before, gives the
/// store an id, and leaves it unsealed until the first write with a key.
pub(in crate::store) fn chain_audit(conn: Conn<'_>) -> Result<()> {
    let rows: Vec<(i64, String, String, String, Option<String>, String)> = conn
        .prepare("SELECT id, at, actor, action, subject, detail FROM audit ORDER BY id")?
        .query_map(args![], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?;
    let mut prev = AUDIT_GENESIS.to_string();
    let mut last = 0;
    for (id, at, actor, action, subject, detail) in rows {
        let fields = AuditFields {
            id,
            at: &at,
            actor: &actor,
            action: &action,
            subject: subject.as_deref(),
            detail: &detail,
            said: None,
        };
        let h = audit_hash(fields, &prev);
        conn.execute("UPDATE audit SET hash = ?2 WHERE id = ?1", args![id, h])?;
        prev = h;
        last = id;
    }
    if last > 0 {
        conn.execute(
            "INSERT INTO audit_head(one, last, hash) VALUES (1, ?1, ?2)",
            args![last, prev],
        )?;
    }
    conn.execute(
        "INSERT INTO store_meta(one, id) VALUES (1, ?1)",
        args![new_store_id()?],
    )?;
    conn.batch(
        "CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit \
         BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
    )
}

impl Db<'_> {
    pub fn audit_head(&self) -> Result<Option<(i64, String)>> {
        self.0.query_opt(
            "SELECT last, hash FROM audit_head WHERE one = 1",
            args![],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// The hash the audit log's entry `id` carries, if there is one.
    pub fn audit_hash_at(&self, id: i64) -> Result<Option<String>> {
        Ok(self
            .0
            .prepare("SELECT hash FROM audit WHERE id = ?1")?
            .query_opt(args![id], |r| r.get(0))?
            .flatten())
    }

    /// Walks the audit chain: each entry must carry the hash of its fields
    /// and of the entry before it, ids without gaps, and the recorded head
    /// must be the last entry. Returns (entries, last id, last hash) and
    /// what is wrong, first first.
    ///
    /// Each decision on an award it holds (`approved` or `rejected`, the
    /// subject `award N`) is handed to `decision` as (award id, action,
    /// actor, at, detail), in log order.
    pub fn walk_audit(
        &self,
        problems: &mut Vec<Msg>,
        wanted: &[i64],
        seen: &mut std::collections::HashMap<i64, String>,
        mut decision: impl FnMut(i64, &str, &str, &str, &str),
    ) -> Result<(i64, String)> {
        let mut st = self.0.prepare(
            "SELECT id, at, actor, action, subject, detail, hash, said FROM audit ORDER BY id",
        )?;
        let mut rows = st.query(args![])?;
        let mut prev = AUDIT_GENESIS.to_string();
        let mut expected = 1;
        let mut last = 0;
        let mut say =
            |id: i64, what: Msg| problems.push(msg!("verify-audit-entry", id = id, what = what));
        while let Some(r) = rows.next()? {
            let r = &r;
            let id: i64 = r.get(0)?;
            let (at, actor, action) = (text(r, 1)?, text(r, 2)?, text(r, 3)?);
            let (subject, detail) = (text_or_null(r, 4)?, text(r, 5)?);
            let fields = AuditFields {
                id,
                at,
                actor,
                action,
                subject,
                detail,
                said: text_or_null(r, 7)?,
            };
            let want = audit_digest(fields, &prev);
            if matches!(action, "approved" | "rejected")
                && let Some(award) = subject
                    .and_then(|s| s.strip_prefix("award "))
                    .and_then(|n| n.parse::<i64>().ok())
            {
                decision(award, action, actor, at, detail);
            }
            let stored = text_or_null(r, 6)?;
            if id != expected {
                let missing = msg!(
                    "verify-missing-before",
                    n = id - expected,
                    from = expected,
                    to = id - 1
                );
                say(id, missing);
            }
            prev.clear();
            match stored {
                None => {
                    say(id, msg!("verify-no-hash"));
                    prev.push_str(&hex(&want));
                }
                Some(h) => {
                    if !crate::seal::hex_is(&want, h) {
                        say(id, msg!("verify-audit-fields-changed"));
                    }
                    prev.push_str(h);
                }
            }
            if wanted.contains(&id) {
                seen.insert(id, prev.clone());
            }
            expected = id + 1;
            last = id;
        }
        match self.audit_head()? {
            None if last == 0 => {}
            Some((id, h)) if id == last && h == prev => {}
            Some((id, _)) if id > last => say(last + 1, msg!("verify-audit-ends", last = last)),
            _ => say(last, msg!("verify-audit-head-differs")),
        }
        Ok((last, prev))
    }
}

impl Tx<'_> {
    /// The next audit entry's id and the hash it follows.
    pub(in crate::store) fn audit_link(&self) -> Result<(i64, String)> {
        let mut head = self.audit_head.borrow_mut();
        if head.is_none() {
            *head = Some(
                self.db()
                    .audit_head()?
                    .unwrap_or((0, AUDIT_GENESIS.to_string())),
            );
        }
        let (last, hash) = head.clone().unwrap_or((0, AUDIT_GENESIS.to_string()));
        Ok((last + 1, hash))
    }

    pub(in crate::store) fn audit_linked(&self, id: i64, hash: String) {
        *self.audit_head.borrow_mut() = Some((id, hash));
        self.audit_dirty.set(true);
    }
}
