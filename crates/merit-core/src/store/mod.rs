//! The store: the only code that speaks SQL. Opens the SQLite file with the
//! pragmas of SPEC §3, applies migrations, and offers typed reads and writes.
//! Writes run inside a `Tx` (one immediate transaction).

mod activities;
mod audit;
mod award_lines;
mod award_months;
mod awards;
mod bulk;
mod catalog;
mod disputes;
mod inputs;
mod ledger;
mod members;
mod periods;
mod rules;
mod schema;
mod scored;
mod seal;

pub use audit::{AuditEntry, AuditFilter};
pub use award_lines::{AwardLine, AwardMark, AwardView, LineKey, Page};
pub use awards::{APPEND_ROWS, AppendedAward, AwardFilter, Decision, NewAward};
pub use bulk::{BULK_ROWS, BulkIndex};
pub use disputes::Dispute;
pub use inputs::{INPUT_TABLES, RowSum, row_hash, table_sum};
pub use ledger::{ChainRow, ChainView, GENESIS, LedgerEntry, PostedAward};
pub use members::Change;
pub use rules::StoredRule;
pub use seal::{
    AUDIT_GENESIS, SEALED_TABLES, SealState, StoredSeal, audit_hash, sealed_here, sealed_names,
};

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = schema::MIGRATIONS.len() as i64;

/// The page cache of a connection, in KiB.
pub const CACHE_KIB: i64 = 32 * 1024;

/// How long a writer waits for another process before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The seal key, read (or made) on the first write.
    key: Option<crate::seal::Key>,
    /// Whether the schema has the seal (a build playing an older merit in
    /// tests writes no seal).
    sealing: bool,
    /// Who the store's own audit entries (sealing, a fixed date) name:
    /// the front's actor (`set_actor`), else the environment's.
    actor: String,
}

/// The schema version that brought sealing (migration 10).
const SEALED_SINCE: i64 = 10;

/// A write transaction. Dropped without `commit`, it rolls back; committed,
/// it leaves the store sealed (`seal`).
pub struct Tx<'a> {
    tx: rusqlite::Transaction<'a>,
    /// Years already marked as needing a recalc in this transaction.
    unscored: scored::Unscored,
    key: Option<crate::seal::Key>,
    /// The store's file: its local checkpoint is kept by id and path.
    path: PathBuf,
    /// The audit chain's head as this transaction extends it.
    audit_head: std::cell::RefCell<Option<(i64, String)>>,
    audit_dirty: std::cell::Cell<bool>,
    sealing: bool,
    /// Who the store's own audit entries name (`Store::set_actor`).
    actor: String,
    /// During a bulk append: the month sums it adds (`award_months`).
    appended: std::cell::RefCell<Option<award_months::Appended>>,
    /// What this transaction adds to the inputs' kept digests.
    inputs: std::cell::RefCell<[inputs::RowSum; 4]>,
}

/// The actor from the environment: `MERIT_USER`, else the login name
/// (`USER`/`LOGNAME`, else the process's user in the password file).
pub fn actor_from_env() -> String {
    ["MERIT_USER", "USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .or_else(login_name)
        .unwrap_or_else(|| "unknown".into())
}

/// The name of the user this process runs as, from `/etc/passwd` (the uid
/// is the owner of `/proc/self`); `uid N` when the file does not list it.
#[cfg(unix)]
fn login_name() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid();
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let name = passwd.lines().find_map(|line| {
        let mut f = line.split(':');
        let name = f.next()?;
        (f.nth(1)?.parse::<u32>().ok()? == uid).then(|| name.to_string())
    });
    Some(name.unwrap_or_else(|| format!("uid {uid}")))
}

#[cfg(not(unix))]
fn login_name() -> Option<String> {
    None
}

impl Store {
    /// Names who acts in the audit entries the store writes itself.
    pub fn set_actor(&mut self, actor: impl Into<String>) {
        self.actor = actor.into();
    }

    /// Opens (creating if needed) the store at `path` and brings its schema
    /// up to date. A store from a newer merit is refused, untouched.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_expecting(path, SCHEMA_VERSION)
    }

    /// Like `open`, for a build that knows `known` migrations (tests use it
    /// to play an older merit).
    pub fn open_expecting(path: &Path, known: i64) -> Result<Store> {
        let known = known.clamp(0, SCHEMA_VERSION);
        let shown = path.display();
        create_private(path)
            .map_err(|e| Error::Failed(format!("{shown}: cannot create the store: {e}")))?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = connect(path, flags)?;
        let found: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| {
                if directory_shut(path, &e) {
                    beside(path, e)
                } else {
                    Error::Failed(format!("{shown}: not a merit store ({e})"))
                }
            })?;
        if found > 0 && !has_merit_tables(&conn)? {
            // Someone else's database that uses `user_version` too: left
            // byte for byte as it was (no WAL switch, no migration).
            return Err(Error::Failed(format!(
                "{shown}: not a merit store (a SQLite database with other tables); it was not changed"
            )));
        }
        if found > known {
            return Err(Error::Failed(format!(
                "{shown}: this store was written by a newer merit (schema {found}; this build knows up to {known}); \
                 it was not opened or changed: upgrade merit"
            )));
        }
        if found == 0 {
            // A new store has no tables; a database that has some and no
            // merit schema is someone else's, and is left as it is.
            let tables: i64 = conn
                .query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get(0))
                .map_err(|e| Error::Failed(format!("{shown}: not a merit store ({e})")))?;
            if tables > 0 {
                return Err(Error::Failed(format!(
                    "{shown}: not a merit store (a SQLite database with other tables); it was not changed"
                )));
            }
        }
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| beside(path, e))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // 32 MiB of page cache: large writes and reads mostly stay off the disk.
        conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
        // Sorts larger than the cache (an index built over ten million
        // rows) spill to SQLite's temporary files (unnamed, removed as they
        // are opened), not to memory: in memory such a build held 400 MB.
        conn.pragma_update(None, "temp_store", "FILE")?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            key: None,
            sealing: false,
            actor: actor_from_env(),
        };
        // Foreign keys are enforced once the schema is current: a migration
        // that rebuilds a table must be able to drop the old one (the
        // bundled SQLite enforces them by default).
        store.conn.pragma_update(None, "foreign_keys", "OFF")?;
        if known >= SEALED_SINCE && found >= SEALED_SINCE {
            store.migrate_sealed(found, known)?;
        } else {
            store.migrate(found, known)?;
        }
        // Playing an older merit, today's code still reads and writes the
        // awards' title and explanation: the columns come early (migrations
        // 13 and 17 then skip them), on the open that makes the store.
        if known < SCHEMA_VERSION && known > 0 {
            schema::add_award_titles(&store.conn)?;
            if found < known {
                schema::add_award_explain(&store.conn)?;
            }
        }
        store.conn.pragma_update(None, "foreign_keys", "ON")?;
        store.sealing = known >= SEALED_SINCE;
        // A store written before sealing came is sealed once, as it stands,
        // on the open that brings it to the sealed schema (an audit entry
        // says so).
        if store.sealing && found > 0 && found < SEALED_SINCE {
            store.write_accepting()?.commit()?;
        }
        Ok(store)
    }

    /// A second, read-only connection to a store this build has opened
    /// (and so brought up to date): for reading beside a writer.
    pub fn open_reader(path: &Path) -> Result<Store> {
        let shown = path.display();
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = connect(path, flags)?;
        // Reads go through the activities in date order: a small cache
        // does, and memory stays with the writer.
        conn.pragma_update(None, "cache_size", -2048)?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
            key: None,
            sealing: false,
            actor: actor_from_env(),
        };
        let found = store.schema_version()?;
        if found != SCHEMA_VERSION {
            return Err(Error::Failed(format!(
                "{shown}: schema {found}, expected {SCHEMA_VERSION}"
            )));
        }
        Ok(store)
    }

    fn migrate(&mut self, from: i64, to: i64) -> Result<()> {
        if from >= to {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Exclusive)?;
        // Another process may have migrated while we waited for the lock.
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        for (i, step) in schema::MIGRATIONS
            .iter()
            .enumerate()
            .take(to as usize)
            .skip(now as usize)
        {
            let failed = |e| Error::Failed(format!("migration {} failed: {e}", i + 1));
            tx.execute_batch(step.sql).map_err(failed)?;
            if let Some(then) = step.then {
                then(&tx).map_err(failed)?;
            }
        }
        tx.pragma_update(None, "user_version", to)?;
        tx.commit()?;
        Ok(())
    }

    /// Migrates a sealed store in one write: a store whole under its seal
    /// before is resealed after, with an audit entry saying so (the
    /// migration changes the schema the seal covers); one that was not
    /// whole is migrated and left as it was sealed, for `verify` to name.
    fn migrate_sealed(&mut self, from: i64, to: i64) -> Result<()> {
        if from >= to {
            return Ok(());
        }
        self.sealing = true;
        let path = self.path.clone();
        let tx = self.begin(false)?;
        // Another process may have migrated while we waited for the lock.
        let now: i64 = tx
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if now >= to {
            return Ok(());
        }
        let whole = tx.db().seal_differences(tx.key.as_ref(), &path)?.is_empty();
        for (i, step) in schema::MIGRATIONS
            .iter()
            .enumerate()
            .take(to as usize)
            .skip(now as usize)
        {
            let failed = |e| Error::Failed(format!("migration {} failed: {e}", i + 1));
            tx.conn().execute_batch(step.sql).map_err(failed)?;
            if let Some(then) = step.then {
                then(tx.conn()).map_err(failed)?;
            }
        }
        tx.conn().pragma_update(None, "user_version", to)?;
        if !whole {
            tx.tx.commit()?;
            return Ok(());
        }
        let at = chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string();
        let actor = tx.actor.clone();
        tx.audit(
            &at,
            &actor,
            "migrated",
            &format!("schema {now} to {to}; resealed as it stood"),
        )?;
        tx.commit()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Stops this connection's running statement from another thread: its
    /// transaction fails and rolls back (the screen's background save when
    /// the lead quits without waiting for it).
    pub fn interrupt_handle(&self) -> rusqlite::InterruptHandle {
        self.conn.get_interrupt_handle()
    }

    /// The store's schema version.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Changes whenever another connection commits a write.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Starts a write transaction, taking the write lock at once, and
    /// checks inside it, before anything changes, that the store is still
    /// what its last seal says (`Tx::check_sealed`): a store changed
    /// behind merit's back is refused, never resealed.
    pub fn write(&mut self) -> Result<Tx<'_>> {
        self.check_foreign_keys(true)?;
        self.begin(true)
    }

    /// `write`, or `None` at once when another process holds the write
    /// lock (no waiting: for a plan worked out while someone looks).
    pub fn write_if_free(&mut self) -> Result<Option<Tx<'_>>> {
        self.conn.busy_timeout(std::time::Duration::ZERO)?;
        let free = self
            .conn
            .execute_batch("BEGIN IMMEDIATE; ROLLBACK;")
            .map_err(Error::from);
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        match free {
            Err(Error::Failed(m)) if m.starts_with("the store is busy") => Ok(None),
            Err(e) => Err(e),
            Ok(()) => self.write().map(Some),
        }
    }

    /// A write that reseals the store as it is, whatever its seal says:
    /// only `merit seal --accept` (audited, with a reason) and the open
    /// that first seals a store written before sealing came.
    pub fn write_accepting(&mut self) -> Result<Tx<'_>> {
        self.check_foreign_keys(true)?;
        self.begin(false)
    }

    /// A write whose every row's member the caller checks itself, against
    /// the members read inside this same transaction (an activities
    /// import): SQLite's own lookup of each row's member is skipped (an
    /// import of a million activities spent an eighth of its time there).
    /// The next `write` checks foreign keys again.
    pub fn write_members_checked(&mut self) -> Result<Tx<'_>> {
        self.check_foreign_keys(false)?;
        self.begin(true)
    }

    /// Sets SQLite's foreign-key checks, outside any transaction, only when
    /// they change (setting the pragma expires every prepared statement;
    /// reading it does not).
    fn check_foreign_keys(&mut self, on: bool) -> Result<()> {
        let now: bool = self
            .conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
        if now != on {
            self.conn
                .pragma_update(None, "foreign_keys", if on { "ON" } else { "OFF" })?;
        }
        Ok(())
    }

    fn begin(&mut self, check: bool) -> Result<Tx<'_>> {
        let key = match self.key {
            Some(k) => Some(k),
            None if self.sealing => {
                let k = crate::seal::load_or_create()?;
                self.key = Some(k);
                Some(k)
            }
            None => None,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let tx = Tx {
            tx,
            unscored: scored::Unscored::default(),
            key,
            path: self.path.clone(),
            audit_head: std::cell::RefCell::new(None),
            audit_dirty: std::cell::Cell::new(false),
            sealing: self.sealing,
            actor: self.actor.clone(),
            appended: std::cell::RefCell::new(None),
            inputs: std::cell::RefCell::new(Default::default()),
        };
        if check && tx.sealing {
            tx.check_sealed()?;
        }
        Ok(tx)
    }
}

/// Tables whose rows go from pending to approved or rejected.
#[derive(Debug, Clone, Copy)]
enum Decidable {
    Awards,
    Redemptions,
}

impl Tx<'_> {
    /// Decides one row if it is still pending. Returns whether it was, so
    /// two processes deciding at once decide each row exactly once.
    fn decide_pending(
        &self,
        table: Decidable,
        id: i64,
        status: crate::domain::Status,
        at: &str,
        actor: &str,
        reason: Option<&str>,
    ) -> Result<bool> {
        let table = match table {
            Decidable::Awards => "awards",
            Decidable::Redemptions => "redemptions",
        };
        let n = self
            .conn()
            .prepare_cached(&format!(
                "UPDATE {table} SET status = ?2, decided_at = ?3, decided_by = ?4, decision_reason = ?5 \
                 WHERE id = ?1 AND status = 'pending'"
            ))?
            .execute(rusqlite::params![id, status.as_str(), at, actor, reason])?;
        Ok(n == 1)
    }

    /// Seals and commits; then keeps the sealed head as the store's local
    /// checkpoint beside the key. A checkpoint that cannot be written is
    /// said on every write (`seal::take_warnings`); `merit seal` fails.
    pub fn commit(self) -> Result<()> {
        if !self.sealing || self.key.is_none() {
            self.tx.commit()?;
            return Ok(());
        }
        let (_, written) = self.commit_sealed_keeping()?;
        if let Err(e) = written {
            crate::seal::warn(format!(
                "{}; the store's later writes cannot be held to this one (the checkpoint folder needs the group's write access: see the README)",
                e.lines().join(" ")
            ));
        }
        Ok(())
    }

    /// `commit`, returning the sealed head; fails when its checkpoint
    /// cannot be written (after the store is sealed).
    pub fn commit_sealed(self) -> Result<crate::seal::Checkpoint> {
        let (checkpoint, written) = self.commit_sealed_keeping()?;
        written.map(|()| checkpoint)
    }

    /// Seals and commits, then writes the local checkpoint: the sealed
    /// head, and whether its checkpoint was written.
    fn commit_sealed_keeping(self) -> Result<(crate::seal::Checkpoint, Result<()>)> {
        let Some(key) = self.key.filter(|_| self.sealing) else {
            return Err(crate::error::Error::Failed(
                "this store's schema predates sealing".into(),
            ));
        };
        let at = chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string();
        let checkpoint = self.seal(&key, &at)?;
        self.tx.commit()?;
        let written = crate::seal::local_checkpoint(&checkpoint.store, &self.path)
            .and_then(|path| crate::seal::write_checkpoint(&path, &checkpoint));
        Ok((checkpoint, written))
    }

    fn conn(&self) -> &Connection {
        &self.tx
    }
}

/// Reads, on the store or inside a write transaction.
#[derive(Clone, Copy)]
pub struct Db<'a>(&'a Connection);

impl Store {
    pub fn db(&self) -> Db<'_> {
        Db(&self.conn)
    }
}

impl Tx<'_> {
    pub fn db(&self) -> Db<'_> {
        Db(&self.tx)
    }
}

/// A read transaction: everything read through it is one state of the
/// store, whatever is committed meanwhile. Ended when dropped.
pub struct Snapshot<'a>(rusqlite::Transaction<'a>);

impl Store {
    /// Begins a read transaction; its state is fixed by its first read.
    pub fn snapshot(&self) -> Result<Snapshot<'_>> {
        Ok(Snapshot(self.conn.unchecked_transaction()?))
    }
}

impl Snapshot<'_> {
    pub fn db(&self) -> Db<'_> {
        Db(&self.0)
    }
}

/// A connection to the store file with what every use needs: the busy
/// timeout, the statement cache, stable query plans.
/// An error opening the store, said plainly when the directory is what
/// stops it: SQLite writes the WAL and shared-memory files beside the store.
fn beside(path: &Path, e: rusqlite::Error) -> Error {
    if directory_shut(path, &e) {
        Error::Failed(format!(
            "cannot write beside {}: the directory is read-only (SQLite needs it for the WAL)",
            path.display()
        ))
    } else {
        Error::from(e)
    }
}

/// Whether `e` comes of a directory the store's companions cannot be
/// written to.
fn directory_shut(path: &Path, e: &rusqlite::Error) -> bool {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::CannotOpen) | Some(rusqlite::ErrorCode::ReadOnly)
    ) && tempfile::tempfile_in(dir).is_err()
}

fn connect(path: &Path, flags: OpenFlags) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, flags)
        .map_err(|e| Error::Failed(format!("{}: cannot open the store: {e}", path.display())))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.set_prepared_statement_cache_capacity(64);
    // Plans never depend on bound values: without this, SQLite marks
    // statements to be re-prepared on every new binding, and the statement
    // cache re-binds on every use (a third of a bulk write).
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    Ok(conn)
}

/// Whether the database holds the tables every merit schema has (a file
/// SQLite cannot read says so, as damaged).
fn has_merit_tables(conn: &Connection) -> Result<bool> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' \
         AND name IN ('members', 'activities', 'awards', 'ledger', 'audit')",
        [],
        |r| r.get(0),
    )?;
    Ok(n == 5)
}

/// Creates a missing store file readable only by its owner (mode 0600), or
/// by its group too (0660) when the directory is set-group-ID: the way a
/// directory says its files are shared by a group (see the README). The
/// umask still applies; SQLite gives the WAL and shared-memory files the
/// same mode as the store.
fn create_private(path: &Path) -> std::io::Result<()> {
    if path.exists() {
        return Ok(());
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let shared = std::fs::metadata(dir).is_ok_and(|m| m.mode() & 0o2000 != 0);
        options.mode(if shared { 0o660 } else { 0o600 });
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        // Another process created it first: fine.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

fn date_text(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    // Plain formatting: chrono's strftime parser showed in import profiles.
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Reads a stored status or award kind, naming the column when it is not one.
fn stored_enum<T>(
    col: usize,
    text: String,
    parse: impl Fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, text.into())
    })
}

fn parse_stored_date(s: &str) -> rusqlite::Result<chrono::NaiveDate> {
    crate::domain::parse_any_date(s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
    })
}
