//! What `verify` and `seal --accept` ask of the seal beyond the state:
//! how the store differs from its seal, SQLite's own checks, writes made
//! with a fixed date, and awards' decisions against the audit log.

use super::super::Db;
use super::StoredSeal;
use crate::error::Result;
use crate::message::Msg;
use crate::msg;
use crate::seal::{Checkpoint, Key};
use crate::store::sql::args;

/// A decided award as sealing checks it: (id, status, decided_by,
/// decided_at, decision_reason).
pub type DecidedAward = (i64, String, Option<String>, Option<String>, Option<String>);

/// A decision as the audit log records it: (status, actor, at, detail).
pub type AuditedDecision = (String, String, String, String);

/// The store's identity and the heads of its ledger and audit log:
/// (entries, hash of the last).
struct Heads {
    store: String,
    ledger: Option<(i64, String)>,
    audit: Option<(i64, String)>,
}

impl Db<'_> {
    /// How many writes were made with a fixed date, and the last of them:
    /// (count, the date it was fixed at, by whom).
    pub fn fixed_date_writes(&self) -> Result<Option<(i64, String, String)>> {
        let n: i64 = self.0.query_row(
            "SELECT count(*) FROM audit WHERE action = 'fixed date'",
            args![],
            |r| r.get(0),
        )?;
        if n == 0 {
            return Ok(None);
        }
        let (detail, actor): (String, String) = self.0.query_row(
            "SELECT detail, actor FROM audit WHERE action = 'fixed date' ORDER BY id DESC LIMIT 1",
            args![],
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
    pub fn seal_differences(&self, key: Option<&Key>, path: &std::path::Path) -> Result<Vec<Msg>> {
        let mut out = Vec::new();
        let heads = Heads {
            store: self.store_id()?,
            ledger: self.ledger_head()?,
            audit: self.audit_head()?,
        };
        let seal = self.stored_seal()?;
        match &seal {
            None => {
                if heads.ledger.is_some() || heads.audit.is_some() {
                    out.push(msg!("seal-none"));
                }
            }
            Some(seal) => self.seal_mismatches(seal, key, &heads, &mut out)?,
        }
        if heads.store.is_empty() {
            return Ok(out);
        }
        self.checkpoint_differences(key, path, &heads, seal.as_ref(), &mut out)?;
        Ok(out)
    }

    /// Where the store differs from its seal: the MAC, the heads, the
    /// digests.
    fn seal_mismatches(
        &self,
        seal: &StoredSeal,
        key: Option<&Key>,
        heads: &Heads,
        out: &mut Vec<Msg>,
    ) -> Result<()> {
        if let Some(k) = key
            && !seal.holds(&heads.store, k)
        {
            out.push(msg!("seal-wrong-key"));
        }
        let (le, lh) = heads
            .ledger
            .clone()
            .unwrap_or((0, crate::store::GENESIS.to_string()));
        if (le, lh.as_str()) != (seal.state.ledger_entries, seal.state.ledger_hash.as_str()) {
            out.push(msg!(
                "seal-ledger-ends",
                entries = le,
                sealed = seal.state.ledger_entries
            ));
        }
        let (ae, ah) = heads
            .audit
            .clone()
            .unwrap_or((0, super::AUDIT_GENESIS.to_string()));
        if (ae, ah.as_str()) != (seal.state.audit_entries, seal.state.audit_hash.as_str()) {
            out.push(msg!(
                "seal-audit-ends",
                entries = ae,
                sealed = seal.state.audit_entries
            ));
        }
        let now = self.seal_state_against(&seal.state)?;
        for name in now.differing(&seal.state) {
            out.push(msg!("seal-part-differs", name = name));
        }
        Ok(())
    }

    /// Where the store differs from the local checkpoint at `path`: missing
    /// where it should be, garbage, another store's, forged, or ahead.
    fn checkpoint_differences(
        &self,
        key: Option<&Key>,
        path: &std::path::Path,
        heads: &Heads,
        seal: Option<&StoredSeal>,
        out: &mut Vec<Msg>,
    ) -> Result<()> {
        let store = &heads.store;
        let local = crate::seal::local_checkpoint(store, path)?;
        let shown = local.display();
        match crate::seal::read_checkpoint_file(&local)? {
            crate::seal::CheckpointFile::Missing => {
                // Lost only where this key made the seal that says so.
                let here = crate::store::sealed_here(store, path);
                let lost = seal.is_some_and(|s| {
                    s.sealed_on.as_deref() == Some(here.as_str())
                        && key.is_some_and(|k| s.holds(store, k))
                });
                if lost {
                    out.push(msg!("seal-checkpoint-missing", path = shown));
                }
            }
            crate::seal::CheckpointFile::Garbage => {
                out.push(msg!("seal-checkpoint-garbage", path = shown))
            }
            crate::seal::CheckpointFile::Holds(c) => {
                if c.store != *store {
                    out.push(msg!(
                        "seal-checkpoint-other-store",
                        path = shown,
                        store = &c.store
                    ));
                } else if key.is_some_and(|k| !c.is_sealed_by(k)) {
                    out.push(msg!("seal-checkpoint-forged", path = shown));
                } else {
                    self.checkpoint_ahead(&c, heads, out)?;
                }
            }
        }
        Ok(())
    }

    /// Where the ledger or the audit log is shorter than checkpoint `c`
    /// sealed, or differs from it at its last entry.
    fn checkpoint_ahead(&self, c: &Checkpoint, heads: &Heads, out: &mut Vec<Msg>) -> Result<()> {
        let day = c.at.get(..10).unwrap_or(&c.at).to_string();
        let le = heads.ledger.as_ref().map_or(0, |l| l.0);
        let ae = heads.audit.as_ref().map_or(0, |a| a.0);
        for (chain, last, n, hash, at) in [
            (
                msg!("seal-chain-ledger"),
                le,
                c.ledger_entries,
                &c.ledger_hash,
                self.ledger_hash_at(c.ledger_entries)?,
            ),
            (
                msg!("seal-chain-audit"),
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
                out.push(msg!(
                    "seal-checkpoint-shortened",
                    chain = chain,
                    entries = last,
                    day = &day,
                    sealed = n
                ));
            } else if at.as_ref() != Some(hash) {
                out.push(msg!(
                    "seal-checkpoint-diverges",
                    chain = chain,
                    day = &day,
                    sealed = n
                ));
            }
        }
        Ok(())
    }

    /// SQLite's full check of the file: every table, and every index
    /// against its table (`PRAGMA integrity_check`): `["ok"]`, or what is
    /// damaged.
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        if self.0.is_pg() {
            return self.amcheck(&[], true);
        }
        let mut st = self.0.prepare("PRAGMA integrity_check")?;
        let lines = st.query_map(args![], |r| r.get::<String>(0))?;
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
        if self.0.is_pg() {
            return self.amcheck(besides, false);
        }
        let tables: Vec<String> = self
            .0
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")?
            .query_map(args![], |r| r.get(0))?;
        let mut damaged = Vec::new();
        for t in tables.iter().filter(|t| !besides.contains(&t.as_str())) {
            let mut st = self
                .0
                .prepare(&format!("PRAGMA quick_check('{}')", t.replace('\'', "''")))?;
            let rows = st.query_map(args![], |r| r.get::<String>(0))?;
            for line in rows {
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

    /// Why PostgreSQL's indexes cannot be checked against their tables
    /// here, if they cannot: amcheck (with `bt_index_check(regclass,
    /// boolean)`, where the search path finds it) is not installed in the
    /// database, or this role may not run it (a lead's, by the README's
    /// grants). Each says the statement that would let it. SQLite always
    /// checks them.
    pub fn amcheck_unavailable(&self) -> Result<Option<crate::message::Msg>> {
        if !self.0.is_pg() {
            return Ok(None);
        }
        let (installed, permitted, role): (bool, bool, String) = self.0.query_row(
            "SELECT p IS NOT NULL, coalesce(has_function_privilege(p, 'EXECUTE'), false), \
             current_user::text \
             FROM (SELECT to_regprocedure('bt_index_check(regclass, boolean)') AS p) f",
            args![],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        Ok(if !installed {
            Some(crate::msg!(
                "verify-no-amcheck",
                sql = "CREATE EXTENSION amcheck"
            ))
        } else if !permitted {
            let sql = format!(
                "GRANT EXECUTE ON FUNCTION bt_index_check(regclass, boolean) TO {}",
                quoted_role(&role)
            );
            Some(crate::msg!(
                "verify-amcheck-not-permitted",
                role = role,
                sql = sql
            ))
        } else {
            None
        })
    }

    /// PostgreSQL's check of every B-tree index of merit's tables but
    /// those of `besides` (amcheck's `bt_index_check`; with `heap`, every
    /// row of the table is looked up in it too): `["ok"]`, or the first
    /// index found damaged. Where amcheck cannot run (not installed, or not
    /// this role's to run) there is nothing to run: `["ok"]`, and verify
    /// says so in a note (`amcheck_unavailable`).
    fn amcheck(&self, besides: &[&str], heap: bool) -> Result<Vec<String>> {
        if self.amcheck_unavailable()?.is_some() {
            return Ok(vec!["ok".into()]);
        }
        let indexes: Vec<(String, String)> = self.0.query_map(
            "SELECT t.relname::text, c.relname::text FROM pg_index i \
             JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid \
             JOIN pg_am a ON a.oid = c.relam \
             WHERE a.amname = 'btree' AND t.relnamespace = current_schema()::regnamespace \
             ORDER BY 1, 2",
            args![],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        for (table, index) in indexes {
            if besides.contains(&table.as_str()) {
                continue;
            }
            let check = format!(
                "SELECT bt_index_check(to_regclass(quote_ident(?1)), {heap})::text IS NULL"
            );
            if let Err(e) = self.0.query_row(&check, args![index], |_| Ok(())) {
                let why = e
                    .messages()
                    .into_iter()
                    .next()
                    .map(|m| m.to_string())
                    .unwrap_or_default();
                return Ok(vec![format!("index {index} of {table}: {why}")]);
            }
        }
        Ok(vec!["ok".into()])
    }

    /// Every rejected award (id, status, decided_by, decided_at, reason),
    /// handed to `each` in id order.
    pub fn each_rejected(&self, mut each: impl FnMut(DecidedAward)) -> Result<()> {
        let mut st = self.0.prepare(
            "SELECT id, status, decided_by, decided_at, decision_reason FROM awards \
             WHERE status = 'rejected' ORDER BY id",
        )?;
        let mut rows = st.query(args![])?;
        while let Some(r) = rows.next()? {
            let r = &r;
            each((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?));
        }
        Ok(())
    }

    /// Award `id` as decided, if it is there.
    pub fn decision_of(&self, id: i64) -> Result<Option<DecidedAward>> {
        self.0.query_opt(
            "SELECT id, status, decided_by, decided_at, decision_reason FROM awards WHERE id = ?1",
            args![id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
    }

    /// The last decision the audit log records for award `id`.
    pub fn last_decision(&self, id: i64) -> Result<Option<AuditedDecision>> {
        self.0.query_opt(
            "SELECT action, actor, at, detail FROM audit WHERE subject = ?1 \
                 AND action IN ('approved', 'rejected') ORDER BY id DESC LIMIT 1",
            args![format!("award {id}")],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
    }
}

/// A role's name as SQL takes it: bare when it is a plain lower-case
/// identifier, else double-quoted.
fn quoted_role(role: &str) -> String {
    let plain = role
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && role
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if plain {
        role.to_string()
    } else {
        format!("\"{}\"", role.replace('"', "\"\""))
    }
}
