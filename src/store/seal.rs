//! The store's side of sealing (see `crate::seal`): the audit log is
//! hash-chained like the ledger (each entry's hash covers its fields and
//! the previous hash; the head is kept in `audit_head`); the small tables
//! whose history matters (rule versions, closed periods, rewards and their
//! stock, redemptions) are digested whole; and every write transaction
//! ends by writing one `seal` row: the ledger's and the audit log's length
//! and head and those digests, with a keyed MAC over them. Without the key
//! nobody can write a seal that verifies.

use super::ledger::{text, text_or_null};
use super::{Db, Tx};
use crate::error::Result;
use crate::seal::{Checkpoint, Key, hex};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

/// The hash the first audit entry follows.
pub const AUDIT_GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hash of one audit entry.
pub fn audit_hash(
    id: i64,
    at: &str,
    actor: &str,
    action: &str,
    subject: Option<&str>,
    detail: &str,
    prev: &str,
) -> String {
    hex(&audit_digest(id, at, actor, action, subject, detail, prev))
}

/// The SHA-256 an audit entry's hash is the hex of.
fn audit_digest(
    id: i64,
    at: &str,
    actor: &str,
    action: &str,
    subject: Option<&str>,
    detail: &str,
    prev: &str,
) -> [u8; 32] {
    let mut buf = [0; 20];
    let id = super::ledger::decimal(id, &mut buf);
    let subject = subject.map_or(&b"\0none"[..], str::as_bytes);
    super::ledger::digest_fields(&[
        id,
        at.as_bytes(),
        actor.as_bytes(),
        action.as_bytes(),
        subject,
        detail.as_bytes(),
        prev.as_bytes(),
    ])
}

/// Migration 10's step: chains the audit entries written before, gives the
/// store an id, and leaves it unsealed until the first write with a key.
pub(super) fn chain_audit(conn: &Connection) -> rusqlite::Result<()> {
    let rows: Vec<(i64, String, String, String, Option<String>, String)> = conn
        .prepare("SELECT id, at, actor, action, subject, detail FROM audit ORDER BY id")?
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut prev = AUDIT_GENESIS.to_string();
    let mut last = 0;
    for (id, at, actor, action, subject, detail) in rows {
        let h = audit_hash(id, &at, &actor, &action, subject.as_deref(), &detail, &prev);
        conn.execute("UPDATE audit SET hash = ?2 WHERE id = ?1", params![id, h])?;
        prev = h;
        last = id;
    }
    if last > 0 {
        conn.execute(
            "INSERT INTO audit_head(one, last, hash) VALUES (1, ?1, ?2)",
            params![last, prev],
        )?;
    }
    let mut id = [0u8; 16];
    getrandom::fill(&mut id).map_err(|e| {
        rusqlite::Error::ToSqlConversionFailure(Box::new(std::io::Error::other(e.to_string())))
    })?;
    conn.execute("INSERT INTO store_meta(one, id) VALUES (1, ?1)", [hex(&id)])?;
    conn.execute_batch(
        "CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit \
         BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
    )
}

/// The digests of the small tables a seal covers, by name.
pub const SEALED_TABLES: &[(&str, &str)] = &[
    ("rule versions", "SELECT * FROM rules ORDER BY rowid"),
    (
        "closed periods",
        "SELECT * FROM closed_periods ORDER BY rowid",
    ),
    ("rewards and stock", "SELECT * FROM rewards ORDER BY rowid"),
    ("redemptions", "SELECT * FROM redemptions ORDER BY rowid"),
];

/// SHA-256 over every cell of `sql`'s rows, typed and length-prefixed.
fn table_digest(conn: &Connection, sql: &str) -> rusqlite::Result<String> {
    let mut st = conn.prepare(sql)?;
    let n = st.column_count();
    let mut rows = st.query([])?;
    let mut h = Sha256::new();
    while let Some(r) = rows.next()? {
        for i in 0..n {
            let (tag, bytes): (u8, Vec<u8>) = match r.get_ref(i)? {
                ValueRef::Null => (0, Vec::new()),
                ValueRef::Integer(v) => (1, v.to_le_bytes().to_vec()),
                ValueRef::Real(v) => (2, v.to_le_bytes().to_vec()),
                ValueRef::Text(t) => (3, t.to_vec()),
                ValueRef::Blob(b) => (4, b.to_vec()),
            };
            h.update([tag]);
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(&bytes);
        }
        h.update([0xff]);
    }
    Ok(hex(&h.finalize()))
}

/// A decided award as sealing checks it: (id, status, decided_by,
/// decided_at, decision_reason).
pub type DecidedAward = (i64, String, Option<String>, Option<String>, Option<String>);

/// A decision as the audit log records it: (status, actor, at, detail).
pub type AuditedDecision = (String, String, String, String);

/// What a seal says of the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealState {
    pub ledger_entries: i64,
    pub ledger_hash: String,
    pub audit_entries: i64,
    pub audit_hash: String,
    /// Digests of `SEALED_TABLES`, in order.
    pub tables: Vec<String>,
}

impl SealState {
    fn parts(&self) -> Vec<String> {
        let mut v = vec![
            self.ledger_entries.to_string(),
            self.ledger_hash.clone(),
            self.audit_entries.to_string(),
            self.audit_hash.clone(),
        ];
        v.extend(self.tables.iter().cloned());
        v
    }

    pub fn mac(&self, store: &str, at: &str, key: &Key) -> String {
        let mut parts = vec![store.to_string(), at.to_string()];
        parts.extend(self.parts());
        let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
        key.mac(&refs)
    }
}

/// A stored seal: the state it covers, when, and its MAC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSeal {
    pub state: SealState,
    pub at: String,
    pub mac: String,
}

impl Db<'_> {
    /// The store's id (made by migration 10).
    pub fn store_id(&self) -> Result<String> {
        Ok(self
            .0
            .query_row("SELECT id FROM store_meta WHERE one = 1", [], |r| r.get(0))
            .optional()?
            .unwrap_or_default())
    }

    /// The state as the store holds it now: heads as recorded, digests of
    /// the sealed tables as they are.
    pub fn seal_state(&self) -> Result<SealState> {
        let (ledger_entries, ledger_hash) = self
            .ledger_head()?
            .unwrap_or((0, super::GENESIS.to_string()));
        let (audit_entries, audit_hash) =
            self.audit_head()?.unwrap_or((0, AUDIT_GENESIS.to_string()));
        let tables = SEALED_TABLES
            .iter()
            .map(|(_, sql)| table_digest(self.0, sql))
            .collect::<rusqlite::Result<_>>()?;
        Ok(SealState {
            ledger_entries,
            ledger_hash,
            audit_entries,
            audit_hash,
            tables,
        })
    }

    pub fn audit_head(&self) -> Result<Option<(i64, String)>> {
        Ok(self
            .0
            .query_row("SELECT last, hash FROM audit_head WHERE one = 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?)
    }

    pub fn stored_seal(&self) -> Result<Option<StoredSeal>> {
        let row = self
            .0
            .query_row(
                "SELECT ledger_entries, ledger_hash, audit_entries, audit_hash, tables, at, mac FROM seal WHERE one = 1",
                [],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                    ))
                },
            )
            .optional()?;
        Ok(row.map(|(le, lh, ae, ah, tables, at, mac)| StoredSeal {
            state: SealState {
                ledger_entries: le,
                ledger_hash: lh,
                audit_entries: ae,
                audit_hash: ah,
                tables: tables.split(',').map(str::to_string).collect(),
            },
            at,
            mac,
        }))
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
        problems: &mut Vec<String>,
        wanted: &[i64],
        seen: &mut std::collections::HashMap<i64, String>,
        mut decision: impl FnMut(i64, &str, &str, &str, &str),
    ) -> Result<(i64, String)> {
        let mut st = self.0.prepare(
            "SELECT id, at, actor, action, subject, detail, hash FROM audit ORDER BY id",
        )?;
        let mut rows = st.query([])?;
        let mut prev = AUDIT_GENESIS.to_string();
        let mut expected = 1;
        let mut last = 0;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let (at, actor, action) = (text(r, 1)?, text(r, 2)?, text(r, 3)?);
            let (subject, detail) = (text_or_null(r, 4)?, text(r, 5)?);
            let want = audit_digest(id, at, actor, action, subject, detail, &prev);
            if matches!(action, "approved" | "rejected")
                && let Some(award) = subject
                    .and_then(|s| s.strip_prefix("award "))
                    .and_then(|n| n.parse::<i64>().ok())
            {
                decision(award, action, actor, at, detail);
            }
            let stored = text_or_null(r, 6)?;
            if id != expected {
                problems.push(format!(
                    "audit entry {id}: entries {expected} to {} before it are missing (removed?)",
                    id - 1
                ));
            }
            prev.clear();
            match stored {
                None => {
                    problems.push(format!(
                        "audit entry {id}: has no hash: it was not written by merit (inserted?)"
                    ));
                    prev.push_str(&hex(&want));
                }
                Some(h) => {
                    if !crate::seal::hex_is(&want, h) {
                        problems.push(format!(
                            "audit entry {id}: its fields do not match its hash, or an entry before it changed (changed after it was written?)"
                        ));
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
            Some((id, _)) if id > last => problems.push(format!(
                "audit entry {}: missing; the audit log ends at entry {last} (removed?)",
                last + 1
            )),
            _ => problems.push(format!(
                "audit entry {last}: the audit log's recorded head does not match its last entry (changed?)"
            )),
        }
        Ok((last, prev))
    }

    /// Every rejected award (id, status, decided_by, decided_at, reason),
    /// handed to `each` in id order.
    pub fn each_rejected(&self, mut each: impl FnMut(DecidedAward)) -> Result<()> {
        let mut st = self.0.prepare(
            "SELECT id, status, decided_by, decided_at, decision_reason FROM awards \
             WHERE status = 'rejected' ORDER BY id",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            each((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?));
        }
        Ok(())
    }

    /// Award `id` as decided, if it is there.
    pub fn decision_of(&self, id: i64) -> Result<Option<DecidedAward>> {
        Ok(self
            .0
            .query_row(
                "SELECT id, status, decided_by, decided_at, decision_reason FROM awards WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?)
    }

    /// The last decision the audit log records for award `id`.
    pub fn last_decision(&self, id: i64) -> Result<Option<AuditedDecision>> {
        Ok(self
            .0
            .query_row(
                "SELECT action, actor, at, detail FROM audit WHERE subject = ?1 \
                 AND action IN ('approved', 'rejected') ORDER BY id DESC LIMIT 1",
                [format!("award {id}")],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?)
    }

    /// SQLite's own check of every table and its indexes but those named
    /// in `besides` (which the caller reads through, where SQLite finds a
    /// damaged page as it reads): `["ok"]`, or what is damaged.
    pub fn quick_check_besides(&self, besides: &[&str]) -> Result<Vec<String>> {
        let tables: Vec<String> = self
            .0
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut damaged = Vec::new();
        for t in tables.iter().filter(|t| !besides.contains(&t.as_str())) {
            let mut st = self
                .0
                .prepare(&format!("PRAGMA quick_check('{}')", t.replace('\'', "''")))?;
            let rows = st.query_map([], |r| r.get::<_, String>(0))?;
            for line in rows {
                let line = line?;
                if line != "ok" {
                    damaged.push(line);
                }
            }
        }
        if damaged.is_empty() {
            damaged.push("ok".into());
        }
        Ok(damaged)
    }
}

impl Tx<'_> {
    /// The next audit entry's id and the hash it follows.
    pub(super) fn audit_link(&self) -> Result<(i64, String)> {
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

    pub(super) fn audit_linked(&self, id: i64, hash: String) {
        *self.audit_head.borrow_mut() = Some((id, hash));
        self.audit_dirty.set(true);
    }

    /// Writes the audit head and the seal: the last step of every write.
    /// A store never sealed before gets an audit entry saying so first.
    pub(super) fn seal(&self, key: &Key, at: &str) -> Result<Checkpoint> {
        let db = self.db();
        if db.stored_seal()?.is_none() {
            let actor = crate::ops::Context::actor_from_env();
            self.audit(at, &actor, "sealed", "the store sealed as it stood")?;
        }
        if self.audit_dirty.get()
            && let Some((last, hash)) = self.audit_head.borrow().clone()
        {
            self.conn().execute(
                "INSERT INTO audit_head(one, last, hash) VALUES (1, ?1, ?2) \
                 ON CONFLICT(one) DO UPDATE SET last = excluded.last, hash = excluded.hash",
                params![last, hash],
            )?;
        }
        let state = db.seal_state()?;
        let store = db.store_id()?;
        let mac = state.mac(&store, at, key);
        self.conn().execute(
            "INSERT INTO seal(one, ledger_entries, ledger_hash, audit_entries, audit_hash, tables, at, mac) \
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(one) DO UPDATE SET \
             ledger_entries = excluded.ledger_entries, ledger_hash = excluded.ledger_hash, \
             audit_entries = excluded.audit_entries, audit_hash = excluded.audit_hash, \
             tables = excluded.tables, at = excluded.at, mac = excluded.mac",
            params![
                state.ledger_entries,
                state.ledger_hash,
                state.audit_entries,
                state.audit_hash,
                state.tables.join(","),
                at,
                mac
            ],
        )?;
        Ok(Checkpoint {
            store,
            ledger_entries: state.ledger_entries,
            ledger_hash: state.ledger_hash,
            audit_entries: state.audit_entries,
            audit_hash: state.audit_hash,
            at: at.to_string(),
            mac: String::new(),
        }
        .sealed(key))
    }
}
