//! The store: the only code that speaks SQL. Opens the SQLite file with the
//! pragmas of SPEC §3, applies migrations, and offers typed reads and writes.
//! Writes run inside a `Tx` (one immediate transaction).

mod activities;
mod audit;
mod award_lines;
mod award_months;
mod award_weeks;
mod awards;
mod behind;
mod bulk;
mod catalog;
mod copy;
mod disputes;
mod inputs;
mod ledger;
mod members;
mod open;
mod own_ids;
mod periods;
mod pg;
mod pg_pipe;
pub mod pg_schema;
mod rules;
mod schema;
mod scored;
mod seal;
pub mod sql;

pub use activities::Batched;
pub use audit::{AuditEntry, AuditFilter};
pub use award_lines::{AwardLine, AwardMark, AwardView, LineKey, Page};
pub use awards::{APPEND_ROWS, AppendedAward, AwardFilter, Decision, DecisionsLater, NewAward};
pub use bulk::{BULK_ROWS, BulkIndex};
pub use copy::CopyCounts;
pub use disputes::Dispute;
pub use inputs::{INPUT_TABLES, RowSum, row_hash, table_sum};
pub use ledger::{ChainRow, ChainView, GENESIS, LedgerEntry, PostedAward};
pub use members::Change;
pub use own_ids::OwnIds;
pub use rules::StoredRule;
pub use seal::{
    AUDIT_GENESIS, AuditFields, SEALED_TABLES, SealState, StoredSeal, audit_hash, listed,
    sealed_here, sealed_names,
};

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use sql::args;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = schema::MIGRATIONS.len() as i64;

/// The page cache of a connection, in KiB.
pub const CACHE_KIB: i64 = 32 * 1024;

/// How long a writer waits for another process before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub struct Store {
    engine: Engine,
    /// The file, or for PostgreSQL the connection URL as given.
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

/// Where a store is kept: a SQLite file, or a PostgreSQL database.
enum Engine {
    Lite(Connection),
    Pg(Box<sql::PgConn>),
}

impl Engine {
    fn conn(&self) -> sql::Conn<'_> {
        match self {
            Engine::Lite(c) => sql::Conn::Lite(c),
            Engine::Pg(c) => sql::Conn::Pg(c),
        }
    }
}

/// How to stop a store's running statement from another thread.
pub enum Interrupt {
    Lite(rusqlite::InterruptHandle),
    Pg(postgres::CancelToken),
}

impl Interrupt {
    /// Stops the statement running now: its transaction fails.
    pub fn interrupt(&self) {
        match self {
            Interrupt::Lite(h) => h.interrupt(),
            Interrupt::Pg(t) => {
                let _ = t.cancel_query(postgres::NoTls);
            }
        }
    }
}

/// The schema version that brought sealing (migration 10).
const SEALED_SINCE: i64 = 10;

/// A write transaction. Dropped without `commit`, it rolls back; committed,
/// it leaves the store sealed (`seal`).
pub struct Tx<'a> {
    tx: TxConn<'a>,
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
    /// The ledger's head and balances this transaction's postings moved.
    posted: ledger::Posted,
    /// Ledger and audit entries held to be written many at a time.
    behind: behind::Behind,
    /// During a first recalc's append on PostgreSQL: the id merit drew
    /// first and the one the next appended award takes, counted rather
    /// than asked (`append_awards`).
    counted_award_id: std::cell::Cell<Option<(i64, i64)>>,
    /// The indexes (`BulkIndex` bits) this transaction has made sure of.
    indexed: std::cell::Cell<u8>,
}

/// A write transaction's connection.
enum TxConn<'a> {
    Lite(rusqlite::Transaction<'a>),
    Pg(sql::PgTx<'a>),
}

impl TxConn<'_> {
    fn commit(self) -> Result<()> {
        match self {
            TxConn::Lite(tx) => Ok(tx.commit()?),
            TxConn::Pg(tx) => tx.commit(),
        }
    }
}

/// Whether `path` names a PostgreSQL database (`postgresql://…`) rather
/// than a SQLite file.
pub fn is_postgres(path: &Path) -> bool {
    pg::is_url(path)
}

/// Whether a store is at `path`: the file, or a database merit has set up
/// (an unreachable server is an error).
pub fn store_exists(path: &Path) -> Result<bool> {
    if is_postgres(path) {
        pg::store_exists(&path.to_string_lossy())
    } else {
        // An empty file is no store (SQLite would make one of it on open).
        let empty_file = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0);
        Ok(path.exists() && !empty_file)
    }
}

/// Refuses a store named like a database address that is not one merit
/// reads (`postgres:merit`, `postgresq://…`), which would otherwise become
/// a file of that name; a file so named is written `./postgres:merit`.
pub fn check_name(path: &Path) -> Result<()> {
    if is_postgres(path) {
        return Ok(());
    }
    let s = path.to_string_lossy().to_ascii_lowercase();
    let scheme = s.split_once(':').map_or("", |(before, _)| before);
    // libpq's `key=value` form (`dbname=merit host=db`) is no URL either.
    let keywords = s.contains(' ')
        && ["dbname=", "host=", "user=", "port="]
            .iter()
            .any(|k| s.starts_with(k) || s.contains(&format!(" {k}")));
    let url_like = s.contains("://")
        || keywords
        || ["postgres", "postgresql", "postgresq", "pgsql", "psql"].contains(&scheme);
    if url_like {
        return Err(Error::usage(crate::msg!(
            "store-not-a-url",
            path = shown(path)
        )));
    }
    Ok(())
}

/// A store's short name, for the screen's title: a file's name, or the
/// database's.
pub fn label(path: &Path) -> String {
    if is_postgres(path) {
        return pg::database_name(&path.to_string_lossy());
    }
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Undoes the setting up of a PostgreSQL store that a failed first command
/// made and wrote nothing to (a file is simply removed by the front).
pub fn remove_if_empty(path: &Path) -> Result<()> {
    if is_postgres(path) {
        pg::remove_if_empty(&path.to_string_lossy())
    } else {
        Ok(())
    }
}

/// Where a store is, as messages show it: a file's path, or a URL with
/// its password hidden.
pub fn shown(path: &Path) -> String {
    // A mistyped URL (`postgresql:/db?password=…`) is a file's name, but
    // its password is hidden all the same.
    let s = path.to_string_lossy();
    if is_postgres(path) || s.contains("://") || s.contains("password=") {
        pg::shown(&path.to_string_lossy())
    } else {
        path.display().to_string()
    }
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

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where the store is, as messages show it (`shown`).
    pub fn shown(&self) -> String {
        shown(&self.path)
    }

    /// Stops this connection's running statement from another thread: its
    /// transaction fails and rolls back (the screen's background save when
    /// the lead quits without waiting for it).
    pub fn interrupt_handle(&self) -> Interrupt {
        match &self.engine {
            Engine::Lite(c) => Interrupt::Lite(c.get_interrupt_handle()),
            Engine::Pg(c) => Interrupt::Pg(c.client().cancel_token()),
        }
    }

    /// Whether the store is a PostgreSQL database.
    pub fn is_postgres(&self) -> bool {
        matches!(self.engine, Engine::Pg(_))
    }

    /// The store's schema version.
    pub fn schema_version(&self) -> Result<i64> {
        match &self.engine {
            Engine::Lite(c) => Ok(c.query_row("PRAGMA user_version", [], |r| r.get(0))?),
            Engine::Pg(_) => pg::schema_version(self.engine.conn()),
        }
    }

    /// Whether this user may write to the store: not a file opened
    /// read-only, not a PostgreSQL role without the grants a decision
    /// needs, a read-only session or a server in recovery (a replica).
    /// A screen that cannot write says so before a key asks anything.
    pub fn writable(&self) -> Result<bool> {
        match &self.engine {
            Engine::Lite(c) => Ok(!c.is_readonly(rusqlite::MAIN_DB)?),
            Engine::Pg(_) => pg::writable(self.engine.conn()),
        }
    }

    /// Changes whenever another connection commits a write.
    pub fn data_version(&self) -> Result<i64> {
        match &self.engine {
            Engine::Lite(c) => Ok(c.query_row("PRAGMA data_version", [], |r| r.get(0))?),
            Engine::Pg(_) => pg::data_version(self.engine.conn()),
        }
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
        let Engine::Lite(conn) = &self.engine else {
            return self.begin_pg(true, false);
        };
        conn.busy_timeout(std::time::Duration::ZERO)?;
        let free = conn
            .execute_batch("BEGIN IMMEDIATE; ROLLBACK;")
            .map_err(Error::from);
        conn.busy_timeout(BUSY_TIMEOUT)?;
        match free {
            Err(e) if e.names("store-busy") => Ok(None),
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
        // PostgreSQL always checks them.
        let Engine::Lite(conn) = &self.engine else {
            return Ok(());
        };
        let now: bool = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
        if now != on {
            conn.pragma_update(None, "foreign_keys", if on { "ON" } else { "OFF" })?;
        }
        Ok(())
    }

    fn begin(&mut self, check: bool) -> Result<Tx<'_>> {
        if self.is_postgres() {
            return self
                .begin_pg(check, true)?
                .ok_or_else(|| Error::failed(crate::msg!("store-busy")));
        }
        let key = self.key_for_write()?;
        let (path, sealing, actor) = (self.path.clone(), self.sealing, self.actor.clone());
        let Engine::Lite(conn) = &mut self.engine else {
            unreachable!("SQLite's transaction")
        };
        let tx = TxConn::Lite(conn.transaction_with_behavior(TransactionBehavior::Immediate)?);
        finish_begin(tx, key, path, sealing, actor, check)
    }

    /// The seal key, read (or made) on the first write.
    fn key_for_write(&mut self) -> Result<Option<crate::seal::Key>> {
        Ok(match self.key {
            Some(k) => Some(k),
            None if self.sealing => {
                // A user who may only read the store is told that, not
                // that the key is someone else's: no key would let them.
                if !self.writable()? {
                    return Err(Error::failed(crate::msg!("store-read-only")));
                }
                // A sealed store's key is made once, by its first write: a
                // lead without it is told so, not handed a new key the
                // seal then refuses as if the store had been rewritten.
                if crate::seal::load()?.is_none() && self.db().stored_seal()?.is_some() {
                    return Err(Error::failed(crate::msg!(
                        "seal-key-missing",
                        path = crate::seal::key_path()?.display()
                    )));
                }
                let k = crate::seal::load_or_create()?;
                self.key = Some(k);
                Some(k)
            }
            None => None,
        })
    }

    /// A write on PostgreSQL: the store's write lock taken, waiting up to
    /// `BUSY_TIMEOUT` for it when `wait`, else `None` at once when another
    /// session holds it.
    fn begin_pg(&mut self, check: bool, wait: bool) -> Result<Option<Tx<'_>>> {
        let key = self.key_for_write()?;
        let (path, sealing, actor) = (self.path.clone(), self.sealing, self.actor.clone());
        let Engine::Pg(conn) = &self.engine else {
            unreachable!("PostgreSQL's transaction")
        };
        let Some(tx) = pg::begin_write(conn, wait)? else {
            return Ok(None);
        };
        finish_begin(TxConn::Pg(tx), key, path, sealing, actor, check).map(Some)
    }
}

/// A write transaction begun: checked against its seal when `check`.
fn finish_begin(
    tx: TxConn<'_>,
    key: Option<crate::seal::Key>,
    path: PathBuf,
    sealing: bool,
    actor: String,
    check: bool,
) -> Result<Tx<'_>> {
    {
        let tx = Tx {
            tx,
            unscored: scored::Unscored::default(),
            key,
            path,
            audit_head: std::cell::RefCell::new(None),
            audit_dirty: std::cell::Cell::new(false),
            sealing,
            actor,
            appended: std::cell::RefCell::new(None),
            counted_award_id: std::cell::Cell::new(None),
            indexed: std::cell::Cell::new(0),
            inputs: std::cell::RefCell::new(Default::default()),
            posted: ledger::Posted::default(),
            behind: behind::Behind::default(),
        };
        if check && tx.sealing {
            tx.check_sealed()?;
        }
        Ok(tx)
    }
}

impl Tx<'_> {
    /// Seals and commits; then keeps the sealed head as the store's local
    /// checkpoint beside the key. A checkpoint that cannot be written is
    /// said on every write (`seal::take_warnings`); `merit seal` fails.
    pub fn commit(self) -> Result<()> {
        if !self.sealing || self.key.is_none() {
            self.write_posted()?;
            self.index_filled_tables()?;
            self.tx.commit()?;
            return Ok(());
        }
        let (_, written) = self.commit_sealed_keeping()?;
        if let Err(e) = written {
            // One message: the checkpoint's path and why it was not written.
            for why in e.messages() {
                crate::seal::warn(crate::msg!("seal-checkpoint-not-kept", error = why));
            }
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
            return Err(crate::error::Error::failed(crate::msg!(
                "seal-schema-predates"
            )));
        };
        self.index_filled_tables()?;
        let at = chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string();
        let checkpoint = self.seal(&key, &at)?;
        self.tx.commit()?;
        let written = crate::seal::local_checkpoint(&checkpoint.store, &self.path)
            .and_then(|path| crate::seal::write_checkpoint(&path, &checkpoint));
        Ok((checkpoint, written))
    }

    /// Whether the store is a PostgreSQL database.
    pub fn is_postgres(&self) -> bool {
        self.conn().is_pg()
    }

    /// Runs `f`, a bulk write's loop, with PostgreSQL's statements sent by
    /// a second thread (`pg_pipe`) when `bulk`: the server writes one batch
    /// while merit works out the next. Otherwise (a statement through the
    /// thread costs a hand-over each way), and on SQLite, where a statement
    /// costs no round trip, just runs it.
    pub fn pipelined<R>(&self, bulk: bool, f: impl FnOnce() -> Result<R>) -> Result<R> {
        if bulk { self.conn().pipelined(f) } else { f() }
    }

    fn conn(&self) -> sql::Conn<'_> {
        match &self.tx {
            TxConn::Lite(tx) => sql::Conn::Lite(tx),
            TxConn::Pg(tx) => sql::Conn::Pg(tx.conn()),
        }
    }
}

/// Reads, on the store or inside a write transaction.
#[derive(Clone, Copy)]
pub struct Db<'a>(sql::Conn<'a>, Option<&'a ledger::Posted>);

impl Store {
    pub fn db(&self) -> Db<'_> {
        Db(self.engine.conn(), None)
    }
}

impl Tx<'_> {
    pub fn db(&self) -> Db<'_> {
        Db(self.conn(), Some(&self.posted))
    }
}

/// A read transaction: everything read through it is one state of the
/// store, whatever is committed meanwhile. Ended when dropped.
pub enum Snapshot<'a> {
    Lite(rusqlite::Transaction<'a>),
    Pg(sql::PgTx<'a>),
}

impl Store {
    /// Begins a read transaction; its state is fixed by its first read.
    pub fn snapshot(&self) -> Result<Snapshot<'_>> {
        match &self.engine {
            Engine::Lite(c) => Ok(Snapshot::Lite(c.unchecked_transaction()?)),
            Engine::Pg(c) => Ok(Snapshot::Pg(
                c.begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?,
            )),
        }
    }
}

impl Snapshot<'_> {
    pub fn db(&self) -> Db<'_> {
        match self {
            Snapshot::Lite(tx) => Db(sql::Conn::Lite(tx), None),
            Snapshot::Pg(tx) => Db(sql::Conn::Pg(tx.conn()), None),
        }
    }
}

fn date_text(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    // Plain formatting: chrono's strftime parser showed in import profiles.
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Reads a stored status or award kind, saying the store is damaged when
/// it is not one.
fn stored_enum<T>(text: String, parse: impl Fn(&str) -> Option<T>) -> Result<T> {
    parse(&text).ok_or_else(|| damaged_value(format!("'{text}'")))
}

fn parse_stored_date(s: &str) -> Result<chrono::NaiveDate> {
    crate::domain::parse_any_date(s).map_err(damaged_value)
}

/// The store holds a value merit never writes.
fn damaged_value(what: impl std::fmt::Display) -> Error {
    Error::failed(crate::msg!(
        "store-damaged-restore",
        what = crate::msg!("store-damaged-value", error = what.to_string())
    ))
}
