//! The store's side of sealing (see `crate::seal`): the audit log is
//! hash-chained like the ledger (each entry's hash covers its fields and
//! the previous hash; the head is kept in `audit_head`); the small tables
//! whose history matters (rule versions, closed periods, rewards and their
//! stock, redemptions) are digested whole; and every write transaction
//! ends by writing one `seal` row: the ledger's and the audit log's length
//! and head and those digests, with a keyed MAC over them. Without the key
//! nobody can write a seal that verifies.

mod audit_chain;
mod checks;

pub use audit_chain::{AUDIT_GENESIS, AuditFields, audit_hash};
pub(super) use audit_chain::{chain_audit, new_store_id};

use super::{Db, Tx};
use crate::error::Result;
use crate::message::Msg;
use crate::msg;
use crate::seal::{Checkpoint, Key, hex};
use crate::store::sql::Conn;

use crate::store::sql::{Value, args};
use sha2::{Digest, Sha256};

/// The digests of the small tables a seal covers, by the catalogue id of
/// what messages call them.
pub const SEALED_TABLES: &[(&str, &str)] = &[
    (
        "seal-part-rule-versions",
        "SELECT * FROM rules ORDER BY rowid",
    ),
    (
        "seal-part-closed-periods",
        "SELECT * FROM closed_periods ORDER BY rowid",
    ),
    ("seal-part-rewards", "SELECT * FROM rewards ORDER BY rowid"),
    (
        "seal-part-redemptions",
        "SELECT * FROM redemptions ORDER BY rowid",
    ),
    (
        "seal-part-disputes",
        "SELECT * FROM disputes ORDER BY rowid",
    ),
    (
        "seal-part-reward-limits",
        "SELECT * FROM reward_limits ORDER BY rowid",
    ),
    (
        "seal-part-titles",
        "SELECT id, title FROM awards WHERE title <> '' ORDER BY id",
    ),
    ("seal-part-settings", "SELECT * FROM settings ORDER BY key"),
    (
        "seal-part-schema",
        "SELECT type, name, tbl_name, sql FROM sqlite_master \
         WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
    ),
];

/// `SEALED_TABLES`' queries on PostgreSQL: the columns SQLite's `*` has
/// (a table's `rowid` is a column there), and its schema from its
/// catalogue: columns, indexes, triggers and merit's functions.
const PG_SEALED: [&str; 9] = [
    "SELECT seq, id, kind, valid_from, valid_to, active, body, saved_at, saved_by, \
     replaced_at, replaced_by FROM rules ORDER BY seq",
    "SELECT period, starts, ends, closed_at, closed_by FROM closed_periods ORDER BY rowid",
    "SELECT code, name, cost, stock, category, active FROM rewards ORDER BY rowid",
    "SELECT id, member, reward, qty, points, status, requested_on, requested_by, decided_at, \
     decided_by, decision_reason FROM redemptions ORDER BY id",
    "SELECT id, award_id, reason, raised_by, raised_at, resolution, resolution_reason, \
     resolved_by, resolved_at, correction FROM disputes ORDER BY id",
    "SELECT code, limit_qty, limit_per, available_from, available_to FROM reward_limits \
     ORDER BY rowid",
    "SELECT id, title FROM awards WHERE title <> '' ORDER BY id",
    "SELECT key, value FROM settings ORDER BY key",
    // From pg_catalog, which every role reads alike (information_schema
    // hides from a reader what it may not change): merit's own objects,
    // not an extension's (amcheck, pg_stat_statements installed after the
    // store was made) nor a function of someone else's.
    r#"SELECT kind, owner, what FROM (
        SELECT 'column' AS kind, c.relname::text AS owner,
            a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull::text
            || ' ' || a.attidentity::text || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
            || ' ' || coalesce(co.collname::text, '') AS what
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        LEFT JOIN pg_collation co ON co.oid = a.attcollation
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
            AND a.attnum > 0 AND NOT a.attisdropped AND NOT EXISTS (SELECT 1 FROM pg_depend e
                WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
        UNION ALL
        SELECT 'index', c.relname::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
        WHERE c.relnamespace = current_schema()::regnamespace AND NOT EXISTS (SELECT 1 FROM pg_depend e
            WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
        UNION ALL
        SELECT 'trigger', c.relname::text, pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal
        UNION ALL
        SELECT 'function', proname::text, prosrc FROM pg_proc
        WHERE pronamespace = current_schema()::regnamespace AND proname LIKE 'merit\_%'
        UNION ALL
        SELECT 'constraint', c.relname::text, pg_get_constraintdef(k.oid)
        FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
        WHERE c.relnamespace = current_schema()::regnamespace AND NOT EXISTS (SELECT 1 FROM pg_depend e
            WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
    ) s ORDER BY kind COLLATE "C", owner COLLATE "C", what COLLATE "C""#,
];

/// The schema's query of seals made before the one above: every function
/// and extension's table of the schema counted. A store sealed so is whole
/// where this still gives what was sealed (its next write seals it anew).
const PG_SCHEMA_BEFORE_OWN_ONLY: &str = r#"SELECT kind, owner, what FROM (
        SELECT 'column' AS kind, c.relname::text AS owner,
            a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull::text
            || ' ' || a.attidentity::text || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
            || ' ' || coalesce(co.collname::text, '') AS what
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        LEFT JOIN pg_collation co ON co.oid = a.attcollation
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
            AND a.attnum > 0 AND NOT a.attisdropped
        UNION ALL
        SELECT 'index', c.relname::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
        WHERE c.relnamespace = current_schema()::regnamespace
        UNION ALL
        SELECT 'trigger', c.relname::text, pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal
        UNION ALL
        SELECT 'function', proname::text, prosrc FROM pg_proc
        WHERE pronamespace = current_schema()::regnamespace
        UNION ALL
        SELECT 'constraint', c.relname::text, pg_get_constraintdef(k.oid)
        FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
        WHERE c.relnamespace = current_schema()::regnamespace
    ) s ORDER BY kind COLLATE "C", owner COLLATE "C", what COLLATE "C""#;

/// The same, less an extension's functions: a store sealed the old way
/// before any extension, which the DBA then gave amcheck (as `verify`'s
/// note asks), is whole.
const PG_SCHEMA_BEFORE_NO_EXTENSIONS: &str = r#"SELECT kind, owner, what FROM (
        SELECT 'column' AS kind, c.relname::text AS owner,
            a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull::text
            || ' ' || a.attidentity::text || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
            || ' ' || coalesce(co.collname::text, '') AS what
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        LEFT JOIN pg_collation co ON co.oid = a.attcollation
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
            AND a.attnum > 0 AND NOT a.attisdropped
        UNION ALL
        SELECT 'index', c.relname::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
        WHERE c.relnamespace = current_schema()::regnamespace
        UNION ALL
        SELECT 'trigger', c.relname::text, pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal
        UNION ALL
        SELECT 'function', proname::text, prosrc FROM pg_proc p
        WHERE pronamespace = current_schema()::regnamespace AND NOT EXISTS (SELECT 1 FROM pg_depend e
            WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid AND e.deptype = 'e')
        UNION ALL
        SELECT 'constraint', c.relname::text, pg_get_constraintdef(k.oid)
        FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
        WHERE c.relnamespace = current_schema()::regnamespace
    ) s ORDER BY kind COLLATE "C", owner COLLATE "C", what COLLATE "C""#;

/// What the seal's digests are of, in order, by catalogue id (the fronts
/// hold each to the catalogue): `SEALED_TABLES`, then the inputs' kept
/// digests (`INPUT_TABLES`).
pub fn sealed_names() -> impl Iterator<Item = &'static str> {
    SEALED_TABLES
        .iter()
        .map(|(name, _)| *name)
        .chain(super::inputs::INPUT_TABLES.iter().map(|(name, _)| *name))
}

/// SHA-256 over every cell of `sql`'s rows, typed and length-prefixed;
/// `None` when the schema has no such table (a build playing an older
/// merit in tests).
fn table_digest(conn: Conn<'_>, sql: &str) -> Result<Option<String>> {
    let Some(mut st) = conn.prepare_if_present(sql)? else {
        return Ok(None);
    };
    let n = st.column_count();
    let mut rows = st.query(args![])?;
    let mut h = Sha256::new();
    while let Some(r) = rows.next()? {
        let r = &r;
        for i in 0..n {
            let (tag, bytes): (u8, Vec<u8>) = match r.value(i)? {
                Value::Null => (0, Vec::new()),
                Value::Int(v) => (1, v.to_le_bytes().to_vec()),
                Value::Real(v) => (2, v.to_le_bytes().to_vec()),
                Value::Text(t) => (3, t.to_vec()),
                Value::Blob(b) => (4, b.to_vec()),
            };
            h.update([tag]);
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(&bytes);
        }
        h.update([0xff]);
    }
    Ok(Some(hex(&h.finalize())))
}

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
    /// of (`seal-part-…`), where they differ (a seal made before a digest
    /// came covers fewer).
    pub fn differing(&self, sealed: &SealState) -> Vec<Msg> {
        // Every digest the seal holds must be there still: a table dropped
        // behind merit's back is a difference, never a shorter comparison.
        sealed_names()
            .zip(sealed.tables.iter())
            .enumerate()
            .filter(|(i, (_, was))| self.tables.get(*i) != Some(*was))
            .map(|(_, (id, _))| Msg::new(id, Vec::new()))
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
            .query_opt("SELECT id FROM store_meta WHERE one = 1", args![], |r| {
                r.get(0)
            })?
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
        for (i, (_, sql)) in SEALED_TABLES.iter().enumerate() {
            let sql = if self.0.is_pg() { PG_SEALED[i] } else { sql };
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

    /// The state now, read as `sealed` was: a PostgreSQL seal made before
    /// the schema's digest counted merit's own objects alone is held to
    /// the query it was made with.
    pub fn seal_state_against(&self, sealed: &SealState) -> Result<SealState> {
        let mut now = self.seal_state()?;
        let i = SEALED_TABLES.len() - 1;
        let was = sealed.tables.get(i);
        if self.0.is_pg() && was.is_some() && now.tables.get(i) != was {
            for query in [PG_SCHEMA_BEFORE_OWN_ONLY, PG_SCHEMA_BEFORE_NO_EXTENSIONS] {
                if let Some(before) = table_digest(self.0, query)?
                    && Some(&before) == was
                    && let Some(slot) = now.tables.get_mut(i)
                {
                    *slot = before;
                    break;
                }
            }
        }
        Ok(now)
    }

    pub fn stored_seal(&self) -> Result<Option<StoredSeal>> {
        let sealed_on = if self.0.has_column("seal", "sealed_on")? {
            "sealed_on"
        } else {
            "NULL"
        };
        let row = self.0.query_opt(
            &format!(
                "SELECT ledger_entries, ledger_hash, audit_entries, audit_hash, tables, at, mac, \
                 {sealed_on} FROM seal WHERE one = 1"
            ),
            args![],
            |r| {
                Ok((
                    r.get::<i64>(0)?,
                    r.get::<String>(1)?,
                    r.get::<i64>(2)?,
                    r.get::<String>(3)?,
                    r.get::<String>(4)?,
                    r.get::<String>(5)?,
                    r.get::<String>(6)?,
                    r.get::<Option<String>>(7)?,
                ))
            },
        )?;
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
            .prepare("SELECT hash FROM ledger WHERE id = ?1")?
            .query_opt(args![id], |r| r.get(0))?
            .flatten())
    }
}

impl Tx<'_> {
    /// Writes the audit head and the seal: the last step of every write.
    /// A store never sealed before gets an audit entry saying so first; a
    /// write made with a fixed date, one naming it and the clock's.
    pub(super) fn seal(&self, key: &Key, at: &str) -> Result<Checkpoint> {
        self.write_posted()?;
        let db = self.db();
        let actor = self.actor.clone();
        if db.stored_seal()?.is_none() {
            let said = msg!("audit-detail-sealed");
            self.audit(at, &actor, "sealed", "the store sealed as it stood", &said)?;
        }
        if self.audit_dirty.get()
            && let Some((fixed, clock)) = crate::seal::fixed_today()
        {
            self.audit(
                at,
                &actor,
                "fixed date",
                &format!("today fixed at {fixed}; the clock said {clock}"),
                &msg!("audit-detail-fixed-date", fixed = fixed, clock = clock),
            )?;
        }
        self.keep_input_digests()?;
        if self.audit_dirty.get()
            && let Some((last, hash)) = self.audit_head.borrow().clone()
        {
            self.conn().execute(
                "INSERT INTO audit_head(one, last, hash) VALUES (1, ?1, ?2) \
                 ON CONFLICT(one) DO UPDATE SET last = excluded.last, hash = excluded.hash",
                args![last, hash],
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
            args![
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
            self.conn().execute(
                "UPDATE seal SET sealed_on = ?1 WHERE one = 1",
                args![&sealed_on],
            )?;
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
        let Some(differences) = listed(differences) else {
            return Ok(());
        };
        Err(crate::error::Error::failed(msg!(
            "seal-changed-outside",
            differences = differences
        )))
    }

    /// `seal --accept`: the kept digests of the inputs as they are now.
    pub fn accept_inputs_as_they_are(&self) -> Result<()> {
        self.reset_input_digests()
    }
}

/// `msgs` as one message, `a; b; c` (none: `None`).
pub fn listed(msgs: Vec<Msg>) -> Option<Msg> {
    msgs.into_iter()
        .rev()
        .reduce(|rest, first| msg!("verify-list", first = first, rest = rest))
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
