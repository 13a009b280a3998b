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
    (
        "disputes and their resolutions",
        "SELECT * FROM disputes ORDER BY rowid",
    ),
    (
        "reward limits",
        "SELECT * FROM reward_limits ORDER BY rowid",
    ),
    (
        "titles",
        "SELECT id, title FROM awards WHERE title <> '' ORDER BY id",
    ),
    ("settings", "SELECT * FROM settings ORDER BY key"),
    (
        "store's schema (its tables, indexes and triggers)",
        "SELECT type, name, tbl_name, sql FROM sqlite_master \
         WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
    ),
];

/// What the seal's digests are of, in order: `SEALED_TABLES`, then the
/// inputs' kept digests (`INPUT_TABLES`).
pub fn sealed_names() -> impl Iterator<Item = &'static str> {
    SEALED_TABLES
        .iter()
        .map(|(name, _)| *name)
        .chain(super::inputs::INPUT_TABLES.iter().map(|(name, _)| *name))
}

/// SHA-256 over every cell of `sql`'s rows, typed and length-prefixed;
/// `None` when the schema has no such table (a build playing an older
/// merit in tests).
fn table_digest(conn: &Connection, sql: &str) -> rusqlite::Result<Option<String>> {
    let mut st = match conn.prepare(sql) {
        Ok(st) => st,
        Err(rusqlite::Error::SqliteFailure(_, Some(m)))
            if m.starts_with("no such table") || m.starts_with("no such column") =>
        {
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
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
    Ok(Some(hex(&h.finalize())))
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
    /// The digests this state has and `sealed` sealed, by what they are
    /// of, where they differ (a seal made before a digest came covers
    /// fewer).
    pub fn differing(&self, sealed: &SealState) -> Vec<&'static str> {
        // Every digest the seal holds must be there still: a table dropped
        // behind merit's back is a difference, never a shorter comparison.
        sealed_names()
            .zip(sealed.tables.iter())
            .enumerate()
            .filter(|(i, (_, was))| self.tables.get(*i) != Some(*was))
            .map(|(_, (name, _))| name)
            .collect()
    }

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

    /// The MAC of this state sealed at `at`, its checkpoint kept at
    /// `sealed_on` (host and canonical path; seals made before it was
    /// recorded have none).
    pub fn mac(&self, store: &str, at: &str, sealed_on: Option<&str>, key: &Key) -> String {
        let mut parts = vec![store.to_string(), at.to_string()];
        parts.extend(self.parts());
        if let Some(on) = sealed_on {
            parts.push(format!("sealed_on={on}"));
        }
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
    /// Where the seal's local checkpoint was kept: `host:canonical path`.
    pub sealed_on: Option<String>,
}

impl StoredSeal {
    /// Whether its MAC holds with `key`.
    pub fn holds(&self, store: &str, key: &Key) -> bool {
        self.state
            .mac(store, &self.at, self.sealed_on.as_deref(), key)
            == self.mac
    }
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
        let mut tables = Vec::with_capacity(SEALED_TABLES.len() + 3);
        for (_, sql) in SEALED_TABLES {
            match table_digest(self.0, sql)? {
                Some(d) => tables.push(d),
                None => break,
            }
        }
        if tables.len() == SEALED_TABLES.len() {
            tables.extend(self.kept_input_digests()?);
        }
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
            .query_row("SELECT * FROM seal WHERE one = 1", [], |r| {
                Ok((
                    r.get::<_, i64>("ledger_entries")?,
                    r.get::<_, String>("ledger_hash")?,
                    r.get::<_, i64>("audit_entries")?,
                    r.get::<_, String>("audit_hash")?,
                    r.get::<_, String>("tables")?,
                    r.get::<_, String>("at")?,
                    r.get::<_, String>("mac")?,
                    r.get::<_, Option<String>>("sealed_on").ok().flatten(),
                ))
            })
            .optional()?;
        Ok(
            row.map(|(le, lh, ae, ah, tables, at, mac, sealed_on)| StoredSeal {
                state: SealState {
                    ledger_entries: le,
                    ledger_hash: lh,
                    audit_entries: ae,
                    audit_hash: ah,
                    tables: tables.split(',').map(str::to_string).collect(),
                },
                at,
                mac,
                sealed_on,
            }),
        )
    }

    /// The hash the ledger's entry `id` carries, if there is one.
    pub fn ledger_hash_at(&self, id: i64) -> Result<Option<String>> {
        Ok(self
            .0
            .prepare_cached("SELECT hash FROM ledger WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// The hash the audit log's entry `id` carries, if there is one.
    pub fn audit_hash_at(&self, id: i64) -> Result<Option<String>> {
        Ok(self
            .0
            .prepare_cached("SELECT hash FROM audit WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// How many writes were made with a fixed date, and the last of them:
    /// (count, the date it was fixed at, by whom).
    pub fn fixed_date_writes(&self) -> Result<Option<(i64, String, String)>> {
        let n: i64 = self.0.query_row(
            "SELECT count(*) FROM audit WHERE action = 'fixed date'",
            [],
            |r| r.get(0),
        )?;
        if n == 0 {
            return Ok(None);
        }
        let (detail, actor): (String, String) = self.0.query_row(
            "SELECT detail, actor FROM audit WHERE action = 'fixed date' ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let day = detail
            .strip_prefix("today fixed at ")
            .and_then(|d| d.get(..10))
            .unwrap_or(&detail)
            .to_string();
        Ok(Some((n, day, actor)))
    }

    /// What differs between the store and its last seal, as far as a write
    /// can see at bounded cost: the seal's MAC over the recorded heads and
    /// digests (the small tables digested afresh, the inputs' kept
    /// digests), and the local checkpoint at `path` not ahead of the store.
    /// Empty when the store is what its seal says.
    pub fn seal_differences(
        &self,
        key: Option<&Key>,
        path: &std::path::Path,
    ) -> Result<Vec<String>> {
        let mut out = Vec::new();
        let store = self.store_id()?;
        let ledger = self.ledger_head()?;
        let audit = self.audit_head()?;
        let seal = self.stored_seal()?;
        match &seal {
            None => {
                if ledger.is_some() || audit.is_some() {
                    out.push("the store has no seal (removed?)".to_string());
                }
            }
            Some(seal) => {
                if let Some(k) = key
                    && !seal.holds(&store, k)
                {
                    out.push(
                        "its seal does not verify with the key (rewritten without it?)".to_string(),
                    );
                }
                let (le, lh) = ledger.clone().unwrap_or((0, super::GENESIS.to_string()));
                if (le, lh.as_str()) != (seal.state.ledger_entries, seal.state.ledger_hash.as_str())
                {
                    out.push(format!(
                        "the ledger ends at entry {le}, not at the entry {} sealed",
                        seal.state.ledger_entries
                    ));
                }
                let (ae, ah) = audit.clone().unwrap_or((0, AUDIT_GENESIS.to_string()));
                if (ae, ah.as_str()) != (seal.state.audit_entries, seal.state.audit_hash.as_str()) {
                    out.push(format!(
                        "the audit log ends at entry {ae}, not at the entry {} sealed",
                        seal.state.audit_entries
                    ));
                }
                let now = self.seal_state()?;
                for name in now.differing(&seal.state) {
                    out.push(format!("the {name} differ from those sealed"));
                }
            }
        }
        if store.is_empty() {
            return Ok(out);
        }
        let local = crate::seal::local_checkpoint(&store, path)?;
        let shown = local.display();
        match crate::seal::read_checkpoint_file(&local)? {
            crate::seal::CheckpointFile::Missing => {
                // Lost only where this key made the seal that says so.
                let here = sealed_here(&store, path);
                let lost = seal.as_ref().is_some_and(|s| {
                    s.sealed_on.as_deref() == Some(here.as_str())
                        && key.is_some_and(|k| s.holds(&store, k))
                });
                if lost {
                    out.push(format!(
                        "the local checkpoint {shown} is missing, though the store was sealed on this machine (removed?)"
                    ));
                }
            }
            crate::seal::CheckpointFile::Garbage => out.push(format!(
                "the local checkpoint {shown} holds no merit checkpoint (damaged or replaced?)"
            )),
            crate::seal::CheckpointFile::Holds(c) => {
                let day = c.at.get(..10).unwrap_or(&c.at).to_string();
                if c.store != store {
                    out.push(format!(
                        "the local checkpoint {shown} is of another store ({})",
                        c.store
                    ));
                } else if key.is_some_and(|k| !c.is_sealed_by(k)) {
                    out.push(format!(
                        "the local checkpoint {shown} does not verify with the key (forged?)"
                    ));
                } else {
                    let le = ledger.as_ref().map_or(0, |l| l.0);
                    let ae = audit.as_ref().map_or(0, |a| a.0);
                    for (name, last, n, hash, at) in [
                        (
                            "ledger",
                            le,
                            c.ledger_entries,
                            &c.ledger_hash,
                            self.ledger_hash_at(c.ledger_entries)?,
                        ),
                        (
                            "audit log",
                            ae,
                            c.audit_entries,
                            &c.audit_hash,
                            self.audit_hash_at(c.audit_entries)?,
                        ),
                    ] {
                        if n == 0 {
                            continue;
                        }
                        if last < n {
                            out.push(format!(
                                "the {name} has {last} entries; the local checkpoint of {day} sealed {n} (shortened, or an older copy of the store put back?)"
                            ));
                        } else if at.as_ref() != Some(hash) {
                            out.push(format!(
                                "the {name} diverges from the local checkpoint of {day} at or before entry {n} (rewritten?)"
                            ));
                        }
                    }
                }
            }
        }
        Ok(out)
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

    /// SQLite's full check of the file: every table, and every index
    /// against its table (`PRAGMA integrity_check`): `["ok"]`, or what is
    /// damaged.
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut st = self.0.prepare("PRAGMA integrity_check")?;
        let lines = st
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(if lines.is_empty() {
            vec!["ok".into()]
        } else {
            lines
        })
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
    /// A store never sealed before gets an audit entry saying so first; a
    /// write made with a fixed date, one naming it and the clock's.
    pub(super) fn seal(&self, key: &Key, at: &str) -> Result<Checkpoint> {
        let db = self.db();
        let actor = self.actor.clone();
        if db.stored_seal()?.is_none() {
            self.audit(at, &actor, "sealed", "the store sealed as it stood")?;
        }
        if self.audit_dirty.get()
            && let Some((fixed, clock)) = crate::seal::fixed_today()
        {
            self.audit(
                at,
                &actor,
                "fixed date",
                &format!("today fixed at {fixed}; the clock said {clock}"),
            )?;
        }
        self.keep_input_digests()?;
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
        let has_sealed_on = db.keeps_input_digests()?;
        let sealed_on = has_sealed_on.then(|| sealed_here(&store, &self.path));
        let mac = state.mac(&store, at, sealed_on.as_deref(), key);
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
        if has_sealed_on {
            self.conn()
                .execute("UPDATE seal SET sealed_on = ?1 WHERE one = 1", [&sealed_on])?;
        }
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

    /// Refuses a write to a store that is no longer what its last seal
    /// says (`Db::seal_differences`): nothing else reseals it but `merit
    /// seal --accept`.
    pub(super) fn check_sealed(&self) -> Result<()> {
        let differences = self.db().seal_differences(self.key.as_ref(), &self.path)?;
        if differences.is_empty() {
            return Ok(());
        }
        Err(crate::error::Error::Failed(format!(
            "the store changed outside merit since it was last sealed: {}; merit verify says more; nothing was written",
            differences.join("; ")
        )))
    }

    /// `seal --accept`: the kept digests of the inputs as they are now.
    pub fn accept_inputs_as_they_are(&self) -> Result<()> {
        self.reset_input_digests()
    }
}

/// Where a seal of the store at `path` keeps its checkpoint, as the seal
/// records it: this machine and the local checkpoint's file (so a key
/// moved to another folder is not a checkpoint lost).
pub fn sealed_here(store_id: &str, path: &std::path::Path) -> String {
    let checkpoint = crate::seal::local_checkpoint(store_id, path)
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    format!("{}:{checkpoint}", crate::seal::host_name())
}
