//! Opening a store: the file created private, a connection with the
//! pragmas of SPEC §3, a newer store refused, and the schema migrated (and
//! resealed) up to this build's.

use super::*;

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema
    /// up to date. A store from a newer merit is refused, untouched.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_expecting(path, SCHEMA_VERSION)
    }

    /// Like `open`, for a build that knows `known` migrations (tests use it
    /// to play an older merit).
    pub fn open_expecting(path: &Path, known: i64) -> Result<Store> {
        if pg::is_url(path) {
            return Store::open_pg(&path.to_string_lossy());
        }
        let known = known.clamp(0, SCHEMA_VERSION);
        let shown = shown(path);
        create_private(path).map_err(|e| {
            Error::failed(crate::msg!(
                "store-cannot-create",
                path = &shown,
                error = crate::ops::bounded::why_io(&e)
            ))
        })?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = connect(path, flags)?;
        let found = merit_schema(&conn, path, known)?;
        set_pragmas(&conn, path)?;
        let mut store = Store {
            engine: Engine::Lite(conn),
            path: path.to_path_buf(),
            key: None,
            sealing: false,
            actor: actor_from_env(),
        };
        store.bring_up(found, known)?;
        Ok(store)
    }

    /// The SQLite connection (what only a SQLite store has).
    fn lite(&self) -> Result<&Connection> {
        match &self.engine {
            Engine::Lite(c) => Ok(c),
            Engine::Pg(_) => Err(Error::failed(crate::msg!("store-busy"))),
        }
    }

    fn lite_mut(&mut self) -> Result<&mut Connection> {
        match &mut self.engine {
            Engine::Lite(c) => Ok(c),
            Engine::Pg(_) => Err(Error::failed(crate::msg!("store-busy"))),
        }
    }

    /// Migrates the store from schema `found` to `known`, sealing it once
    /// when that brings it to the sealed schema.
    fn bring_up(&mut self, found: i64, known: i64) -> Result<()> {
        // Foreign keys are enforced once the schema is current: a migration
        // that rebuilds a table must be able to drop the old one (the
        // bundled SQLite enforces them by default).
        self.lite()?.pragma_update(None, "foreign_keys", "OFF")?;
        if known >= SEALED_SINCE && found >= SEALED_SINCE {
            self.migrate_sealed(found, known)?;
        } else {
            self.migrate(found, known)?;
        }
        // Playing an older merit, today's code still reads and writes the
        // awards' title and explanation and the audit log's `said`: the
        // columns come early (migrations 13, 17 and 18 then skip them), on
        // the open that makes the store.
        if known < SCHEMA_VERSION && known > 0 {
            schema::add_award_titles(self.engine.conn())?;
            if found < known {
                schema::add_award_explain(self.engine.conn())?;
                schema::add_audit_said(self.engine.conn())?;
            }
        }
        self.lite()?.pragma_update(None, "foreign_keys", "ON")?;
        self.sealing = known >= SEALED_SINCE;
        // A store written before sealing came is sealed once, as it stands,
        // on the open that brings it to the sealed schema (an audit entry
        // says so).
        if self.sealing && found > 0 && found < SEALED_SINCE {
            self.write_accepting()?.commit()?;
        }
        Ok(())
    }

    /// A second, read-only connection to a store this build has opened
    /// (and so brought up to date): for reading beside a writer.
    pub fn open_reader(path: &Path) -> Result<Store> {
        if pg::is_url(path) {
            return Store::open_pg_reader(&path.to_string_lossy());
        }
        let shown = shown(path);
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = connect(path, flags)?;
        // Reads go through the activities in date order: a small cache
        // does, and memory stays with the writer.
        conn.pragma_update(None, "cache_size", -2048)?;
        let store = Store {
            engine: Engine::Lite(conn),
            path: path.to_path_buf(),
            key: None,
            sealing: false,
            actor: actor_from_env(),
        };
        let found = store.schema_version()?;
        if found != SCHEMA_VERSION {
            return Err(Error::failed(crate::msg!(
                "store-schema-mismatch",
                path = &shown,
                found = found.to_string(),
                expected = SCHEMA_VERSION.to_string()
            )));
        }
        Ok(store)
    }

    fn migrate(&mut self, from: i64, to: i64) -> Result<()> {
        if from >= to {
            return Ok(());
        }
        let tx = self
            .lite_mut()?
            .transaction_with_behavior(TransactionBehavior::Exclusive)?;
        // Another process may have migrated while we waited for the lock.
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        run_steps(sql::Conn::Lite(&tx), now, to)?;
        tx.pragma_update(None, "user_version", to)?;
        tx.commit()?;
        Ok(())
    }

    /// Migrates a sealed store in one write: a store whole under its seal
    /// before is resealed after, with an audit entry saying so (the
    /// migration changes the schema the seal covers); one that was not
    /// whole is migrated and left as it was sealed, for `verify` to name;
    /// one whose seal this key does not verify is not migrated at all
    /// (`whole_before_migration`).
    fn migrate_sealed(&mut self, from: i64, to: i64) -> Result<()> {
        if from >= to {
            return Ok(());
        }
        self.sealing = true;
        let path = self.path.clone();
        let tx = self.begin(false)?;
        // Another process may have migrated while we waited for the lock.
        let now: i64 = tx.conn().one("PRAGMA user_version", args![])?;
        if now >= to {
            return Ok(());
        }
        let whole = tx.whole_before_migration(&path, to)?;
        run_steps(tx.conn(), now, to)?;
        tx.conn().batch(&format!("PRAGMA user_version = {to}"))?;
        tx.finish_migration(whole, "schema", now, to)
    }
}

impl Tx<'_> {
    /// Before a migration's steps (either engine's): whether the store is
    /// whole under its seal. A seal that does not hold with this key
    /// refuses the migration, nothing written: migrated, the store's
    /// schema would no longer be the one its seal covers, and its key's
    /// holders would find it changed behind merit's back (a lead whose
    /// `MERIT_KEY` is wrong, opening the store first after an upgrade,
    /// would lock everyone else out).
    pub(super) fn whole_before_migration(&self, path: &Path, to: i64) -> Result<bool> {
        let differences = self.db().seal_differences(self.key.as_ref(), path)?;
        if differences.iter().any(|m| m.id == "seal-wrong-key") {
            return Err(Error::failed(crate::msg!(
                "store-migration-wrong-key",
                path = super::pg::shown(&path.to_string_lossy()),
                to = to.to_string()
            )));
        }
        Ok(differences.is_empty())
    }

    /// Ends a migration's write (either engine's): a store whole under its
    /// seal before is resealed, with an audit entry naming the versions
    /// (`schema` says whose: SQLite's or PostgreSQL's); one that was not
    /// is committed as it was sealed, for `verify` to name.
    pub(super) fn finish_migration(
        self,
        whole: bool,
        schema: &str,
        from: i64,
        to: i64,
    ) -> Result<()> {
        if !whole {
            return self.tx.commit();
        }
        let at = chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string();
        let actor = self.actor.clone();
        self.audit(
            &at,
            &actor,
            "migrated",
            &format!("{schema} {from} to {to}; resealed as it stood"),
            &crate::msg!(
                "audit-detail-migrated",
                from = from.to_string(),
                to = to.to_string()
            ),
        )?;
        self.commit()
    }
}

/// An error opening the store, said plainly when the directory is what
/// stops it: SQLite writes the WAL and shared-memory files beside the store.
fn beside(path: &Path, e: rusqlite::Error) -> Error {
    if directory_shut(path, &e) {
        Error::failed(crate::msg!(
            "store-directory-read-only",
            path = path.display()
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

/// A connection to the store file with what every use needs: the busy
/// timeout, the statement cache, stable query plans.
fn connect(path: &Path, flags: OpenFlags) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, flags).map_err(|e| {
        Error::failed(crate::msg!(
            "store-cannot-open",
            path = path.display(),
            error = e.to_string()
        ))
    })?;
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

/// The schema version of the database at `path`, refused when it is not
/// a merit store (someone else's database, left as it was) or a newer
/// merit's than one knowing `known` migrations.
fn merit_schema(conn: &Connection, path: &Path, known: i64) -> Result<i64> {
    let shown = path.display();
    let found: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| {
            if directory_shut(path, &e) {
                beside(path, e)
            } else {
                Error::failed(crate::msg!(
                    "store-not-merit-because",
                    path = &shown,
                    error = e.to_string()
                ))
            }
        })?;
    if found > 0 && !has_merit_tables(conn)? {
        // Someone else's database that uses `user_version` too: left
        // byte for byte as it was (no WAL switch, no migration).
        return Err(Error::failed(crate::msg!("store-foreign", path = &shown)));
    }
    if found > known {
        return Err(Error::failed(crate::msg!(
            "store-newer",
            path = &shown,
            found = found.to_string(),
            known = known.to_string()
        )));
    }
    if found == 0 {
        // A new store has no tables; a database that has some and no
        // merit schema is someone else's, and is left as it is.
        let tables: i64 = conn
            .query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(|e| {
                Error::failed(crate::msg!(
                    "store-not-merit-because",
                    path = &shown,
                    error = e.to_string()
                ))
            })?;
        if tables > 0 {
            return Err(Error::failed(crate::msg!("store-foreign", path = &shown)));
        }
    }
    Ok(found)
}

/// The connection's pragmas (SPEC §3): WAL, its cache, its temporary files.
fn set_pragmas(conn: &Connection, path: &Path) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(|e| beside(path, e))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // 32 MiB of page cache: large writes and reads mostly stay off the disk.
    conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    // Sorts larger than the cache (an index built over ten million
    // rows) spill to SQLite's temporary files (unnamed, removed as they
    // are opened), not to memory: in memory such a build held 400 MB.
    conn.pragma_update(None, "temp_store", "FILE")?;
    Ok(())
}

/// Runs migrations `from + 1` to `to` on `conn`, inside the caller's
/// transaction; a failing step is named.
fn run_steps(conn: sql::Conn<'_>, from: i64, to: i64) -> Result<()> {
    for (i, step) in schema::MIGRATIONS
        .iter()
        .enumerate()
        .take(to as usize)
        .skip(from as usize)
    {
        let failed = |e| migration_failed(i + 1, e);
        conn.batch(step.sql).map_err(failed)?;
        if let Some(then) = step.then {
            then(conn).map_err(failed)?;
        }
    }
    Ok(())
}

/// Migration `step` failed with `e`: the step named, the first thing `e`
/// says as why (either engine's).
pub(super) fn migration_failed(step: usize, e: Error) -> Error {
    let why = e.messages().into_iter().next();
    Error::failed(match why {
        Some(why) => crate::msg!(
            "store-migration-failed",
            step = step.to_string(),
            error = why
        ),
        None => crate::msg!(
            "store-migration-failed",
            step = step.to_string(),
            error = ""
        ),
    })
}
