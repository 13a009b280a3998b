//! A store on PostgreSQL: reached by a libpq connection URL, told apart
//! from an empty database (set up on the open that creates a store) and
//! from someone else's (refused untouched), migrated by its own schema
//! (`pg_schema`), and written by one session at a time: every write takes
//! the store's advisory lock for its transaction, waiting as SQLite waits
//! for its write lock, and the same "busy" when it cannot.

use super::sql::{Conn, PgConn, PgTx, args};
use super::*;
use crate::message::MsgArg;

/// Whether `path` names a PostgreSQL database (`postgresql://…` or
/// `postgres://…`) rather than a file.
pub fn is_url(path: &Path) -> bool {
    path.to_str()
        .is_some_and(|s| s.starts_with("postgresql://") || s.starts_with("postgres://"))
}

/// The URL as messages show it: a password in it hidden.
pub fn shown(url: &str) -> String {
    let mut out = url.to_string();
    // user:password@host
    if let Some(scheme_end) = out.find("://") {
        let rest = &out[scheme_end + 3..];
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        if let Some(at) = rest[..authority_end].rfind('@')
            && let Some(colon) = rest[..at].find(':')
        {
            let start = scheme_end + 3 + colon + 1;
            out.replace_range(start..scheme_end + 3 + at, "***");
        }
    }
    // ?password=… or &password=…, and libpq's `password=… ` form
    if out.starts_with("password=") {
        out.insert(0, ' ');
    }
    for key in ["?password=", "&password=", " password="] {
        while let Some(i) = out
            .find(key)
            .filter(|&i| !out[i + key.len()..].starts_with("***"))
        {
            let start = i + key.len();
            let end = out[start..]
                .find(['&', ' '])
                .map_or(out.len(), |e| start + e);
            out.replace_range(start..end, "***");
        }
    }
    out.trim_start().to_string()
}

/// The database a URL names (its path, else its `dbname=`), for a title.
pub fn database_name(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (before_query, query) = rest.split_once('?').unwrap_or((rest, ""));
    let path = before_query.split_once('/').map_or("", |(_, p)| p);
    if !path.is_empty() {
        return path.to_string();
    }
    query
        .split('&')
        .find_map(|kv| kv.strip_prefix("dbname="))
        .unwrap_or("postgres")
        .to_string()
}

/// The advisory lock of the store's write: one key per schema.
const WRITE_LOCK: &str = "hashtext(current_schema()), 1835365993";

/// Begins a write holding the store's lock; `None` when `wait` is false
/// and another session holds it.
pub(super) fn begin_write(conn: &PgConn, wait: bool) -> Result<Option<PgTx<'_>>> {
    let tx = conn.begin(&format!(
        "BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL lock_timeout = '{}ms'",
        BUSY_TIMEOUT.as_millis()
    ))?;
    let c = Conn::Pg(conn);
    if wait {
        c.batch(&format!("SELECT pg_advisory_xact_lock({WRITE_LOCK})"))?;
    } else if !c.one::<bool>(
        &format!("SELECT pg_try_advisory_xact_lock({WRITE_LOCK})"),
        args![],
    )? {
        tx.rollback()?;
        return Ok(None);
    }
    Ok(Some(tx))
}

pub(super) fn schema_version(conn: Conn<'_>) -> Result<i64> {
    conn.one("SELECT version FROM merit_schema WHERE one = 1", args![])
}

/// Changes whenever a write commits: every write leaves a new seal.
pub(super) fn data_version(conn: Conn<'_>) -> Result<i64> {
    let mac: Option<String> = conn.one("SELECT max(mac) FROM seal", args![])?;
    let digest = sha2::Sha256::digest(mac.unwrap_or_default().as_bytes());
    Ok(i64::from_le_bytes(digest[..8].try_into().unwrap_or([0; 8])))
}

use sha2::Digest;

/// `Store::writable` on PostgreSQL: the role may decide awards (update
/// them, post to the ledger, write the audit), in a session that may
/// write, on a server that is not a replica.
pub(super) fn writable(conn: Conn<'_>) -> Result<bool> {
    let may: i64 = conn.one(
        "SELECT CASE WHEN NOT pg_is_in_recovery() \
           AND current_setting('transaction_read_only') = 'off' \
           AND has_table_privilege('awards', 'UPDATE') \
           AND has_table_privilege('ledger', 'INSERT') \
           AND has_table_privilege('audit', 'INSERT') THEN 1::int8 ELSE 0::int8 END",
        args![],
    )?;
    Ok(may == 1)
}

/// Connects to the database at `url`, with libpq's defaults for what the
/// URL leaves out (`with_libpq_defaults`).
fn connect(url: &str) -> Result<PgConn> {
    let cannot = |error: MsgArg| {
        Error::failed(crate::msg!(
            "store-cannot-open",
            path = shown(url),
            error = error
        ))
    };
    let mut config: postgres::Config = url.parse().map_err(|e| cannot(connect_error(&e, None)))?;
    with_libpq_defaults(&mut config, |name| std::env::var(name).ok()).map_err(cannot)?;
    // A server that does not answer (a host gone away) is said within
    // seconds, not after the system's two minutes: the screen waits on it.
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    let mut client = config
        .connect(postgres::NoTls)
        .map_err(|e| cannot(connect_error(&e, Some(&config))))?;
    // A lock held outside merit (a VACUUM FULL, a session left idle in a
    // transaction) is waited for as long as a write waits for another,
    // then "busy": never for ever.
    client
        .batch_execute(&format!(
            "SET lock_timeout = '{}ms'",
            BUSY_TIMEOUT.as_millis()
        ))
        .map_err(|e| cannot(connect_error(&e, Some(&config))))?;
    Ok(PgConn::new(client))
}

/// How long a connection waits for a server that does not answer, where
/// the URL (`connect_timeout=`) does not say.
const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Where libpq looks for a server when neither the URL nor `PGHOST` says:
/// the socket folder of Debian's and Ubuntu's PostgreSQL packages (where
/// there are no Unix sockets, this machine over TCP).
#[cfg(unix)]
const DEFAULT_HOST: &str = "/run/postgresql";
#[cfg(not(unix))]
const DEFAULT_HOST: &str = "localhost";

/// Fills in what the URL leaves out as psql would: the host from `PGHOST`
/// (a comma-separated list, a folder for a Unix socket), else the packaged
/// server's socket folder; the port from `PGPORT`; the user from `PGUSER`.
/// A `PGPORT` that is no port is refused, naming it.
fn with_libpq_defaults(
    config: &mut postgres::Config,
    env: impl Fn(&str) -> Option<String>,
) -> std::result::Result<(), MsgArg> {
    let set = |name: &str| env(name).filter(|v| !v.trim().is_empty());
    if config.get_hosts().is_empty() && config.get_hostaddrs().is_empty() {
        match set("PGHOST") {
            Some(hosts) => hosts
                .split(',')
                .map(str::trim)
                .filter(|h| !h.is_empty())
                .for_each(|h| {
                    config.host(h);
                }),
            None => {
                config.host(DEFAULT_HOST);
            }
        }
    }
    if config.get_ports().is_empty()
        && let Some(ports) = set("PGPORT")
    {
        for port in ports.split(',') {
            let Ok(port) = port.trim().parse::<u16>() else {
                return Err(
                    crate::msg!("store-pg-bad-port", name = "PGPORT", port = shown(port)).into(),
                );
            };
            config.port(port);
        }
    }
    if config.get_user().is_none()
        && let Some(user) = set("PGUSER")
    {
        config.user(&user);
    }
    if config.get_dbname().is_none()
        && let Some(name) = set("PGDATABASE")
    {
        config.dbname(&name);
    }
    if config.get_password().is_none() {
        let password = env("PGPASSWORD")
            .filter(|p| !p.is_empty())
            .or_else(|| from_password_file(config, &set));
        if let Some(password) = password {
            config.password(password);
        }
    }
    Ok(())
}

/// The password `PGPASSFILE` (else `~/.pgpass`) gives for the first
/// server, port, database and user of `config`, as libpq reads that file:
/// `host:port:database:user:password` lines, `*` for any, `\:` and `\\`
/// escaped, the first match wins; `localhost` matches a Unix socket; a
/// file others may read is ignored, as libpq ignores it.
fn from_password_file(
    config: &postgres::Config,
    set: &impl Fn(&str) -> Option<String>,
) -> Option<String> {
    let path = set("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(|| set("HOME").map(|home| Path::new(&home).join(".pgpass")))?;
    // A plain file only (a pipe would hold the connection up for ever).
    let meta = std::fs::metadata(&path)
        .ok()
        .filter(std::fs::Metadata::is_file)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            return None;
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    let bytes = crate::ops::bounded::read_small(&path, crate::ops::bounded::MAX_SMALL_FILE).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let host = match config.get_hosts().first() {
        #[cfg(unix)]
        Some(postgres::config::Host::Unix(_)) => "localhost".to_string(),
        Some(postgres::config::Host::Tcp(name)) => name.clone(),
        None => "localhost".to_string(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let user = config.get_user().unwrap_or_default();
    let database = config.get_dbname().unwrap_or(user);
    let wanted = [host.as_str(), port.as_str(), database, user];
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .find_map(|line| {
            let fields = password_file_fields(line);
            let [h, p, d, u, password] = <[String; 5]>::try_from(fields).ok()?;
            let matches = [h, p, d, u]
                .iter()
                .zip(wanted)
                .all(|(field, want)| field == "*" || field == want);
            matches.then_some(password)
        })
}

/// A password file's line split at its unescaped colons, escapes undone.
fn password_file_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    fields.last_mut().expect("one at least").push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut().expect("one at least").push(c),
        }
    }
    fields
}

/// What stopped a connection: where no server answered at all, that, and
/// where merit looked; a database or a role the server does not know, in
/// merit's words (a typo in the URL, most often); else the server's words.
fn connect_error(e: &postgres::Error, config: Option<&postgres::Config>) -> MsgArg {
    if let Some(db) = e.as_db_error() {
        use postgres::error::SqlState;
        let user = config.and_then(|c| c.get_user());
        // Without a name in the URL, libpq's database is the user's.
        let database = config.and_then(|c| c.get_dbname()).or(user);
        return match (db.code(), database, user) {
            (code, Some(name), _) if *code == SqlState::INVALID_CATALOG_NAME => {
                crate::msg!("store-pg-no-database", name = name).into()
            }
            (code, _, Some(user)) if *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION => {
                crate::msg!("store-pg-role-refused", user = user).into()
            }
            (code, _, Some(user)) if *code == SqlState::INVALID_PASSWORD => {
                crate::msg!("store-pg-wrong-password", user = user).into()
            }
            _ => db.message().into(),
        };
    }
    let mut innermost: &(dyn std::error::Error + 'static) = e;
    while let Some(s) = innermost.source() {
        innermost = s;
    }
    // The server asked for a password merit was not given (the client's
    // own English words: `password missing`).
    if innermost.to_string().contains("password missing") {
        let user = config.and_then(|c| c.get_user()).unwrap_or_default();
        return crate::msg!("store-pg-password-missing", user = user).into();
    }
    let nobody_there = innermost
        .downcast_ref::<std::io::Error>()
        .is_some_and(|io| {
            matches!(
                io.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::ConnectionRefused
            )
        });
    match config {
        Some(config) if nobody_there => {
            crate::msg!("store-pg-no-server", at = server_addresses(config)).into()
        }
        Some(config) if !unknown_hosts(config).is_empty() => crate::msg!(
            "store-pg-unknown-host",
            host = unknown_hosts(config).join(", ")
        )
        .into(),
        _ => innermost.to_string().into(),
    }
}

/// The host names a connection was to look up when none of them is known
/// (the resolver's own words are English whatever the screen speaks);
/// empty when there is a socket, an address or a name that resolves.
fn unknown_hosts(config: &postgres::Config) -> Vec<String> {
    use postgres::config::Host;
    use std::net::ToSocketAddrs;
    let ports = config.get_ports();
    let port = |i: usize| ports.get(i).or(ports.first()).copied().unwrap_or(5432);
    let mut names = Vec::new();
    if !config.get_hostaddrs().is_empty() {
        return names;
    }
    for (i, host) in config.get_hosts().iter().enumerate() {
        match host {
            Host::Tcp(name) if (name.as_str(), port(i)).to_socket_addrs().is_err() => {
                names.push(name.clone())
            }
            _ => return Vec::new(),
        }
    }
    names
}

/// Where a connection looks for its server, as psql names it: a Unix
/// socket's file, or host and port; several, comma-separated.
fn server_addresses(config: &postgres::Config) -> String {
    use postgres::config::Host;
    let ports = config.get_ports();
    let port = |i: usize| ports.get(i).or(ports.first()).copied().unwrap_or(5432);
    let mut at: Vec<String> = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(i, host)| match host {
            Host::Tcp(name) => format!("{name}:{}", port(i)),
            #[cfg(unix)]
            Host::Unix(dir) => format!("{}/.s.PGSQL.{}", dir.display(), port(i)),
        })
        .collect();
    if at.is_empty() {
        let hostaddrs = config.get_hostaddrs().iter().enumerate();
        at = hostaddrs.map(|(i, a)| format!("{a}:{}", port(i))).collect();
    }
    at.join(", ")
}

/// How a database stands to merit.
enum Found {
    /// No tables at all: a store may be set up in it.
    Empty,
    /// merit's, at this schema version.
    Merit(i64),
}

impl Found {
    /// The schema version found (an empty database's is 0).
    fn version(&self) -> i64 {
        match self {
            Found::Empty => 0,
            Found::Merit(v) => *v,
        }
    }
}

/// Whether the database at the connection is empty, merit's (at which
/// version), or someone else's (refused).
fn found(conn: Conn<'_>, url: &str) -> Result<Found> {
    // From pg_class, which shows every table whatever the role may read
    // (information_schema hides those it may not).
    let (merits, others, readable): (i64, i64, bool) = conn.query_row(
        "SELECT count(*) FILTER (WHERE relname = 'merit_schema'), \
                count(*) FILTER (WHERE relname <> 'merit_schema'), \
                coalesce(bool_and(has_table_privilege(c.oid, 'SELECT')) \
                    FILTER (WHERE relname = 'merit_schema'), true) \
         FROM pg_class c WHERE relnamespace = current_schema()::regnamespace \
             AND relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT EXISTS (SELECT 1 FROM pg_depend e \
                 WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')",
        args![],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    if merits > 0 {
        if !readable {
            let user: String = conn.one("SELECT current_user::text", args![])?;
            return Err(Error::failed(crate::msg!(
                "store-pg-no-grant",
                path = shown(url),
                user = user
            )));
        }
        return Ok(Found::Merit(schema_version(conn)?));
    }
    if others > 0 {
        return Err(Error::failed(crate::msg!(
            "store-foreign-pg",
            path = shown(url)
        )));
    }
    Ok(Found::Empty)
}

/// Whether a merit store is at `url` (a database merit has set up).
pub fn store_exists(url: &str) -> Result<bool> {
    let conn = connect(url)?;
    Ok(matches!(found(Conn::Pg(&conn), url)?, Found::Merit(_)))
}

/// Undoes the setting up of a store nothing was written to (a first
/// command that failed): merit's tables and functions dropped, in one
/// transaction, only while the store holds nothing, so the database is
/// as empty as it was.
pub fn remove_if_empty(url: &str) -> Result<()> {
    let conn = connect(url)?;
    let c = Conn::Pg(&conn);
    if !matches!(found(c, url)?, Found::Merit(_)) {
        return Ok(());
    }
    let tx = begin_write(&conn, true)?.ok_or_else(|| Error::failed(crate::msg!("store-busy")))?;
    let holds_nothing = super::Db(c, None).holds_nothing()?;
    if !holds_nothing {
        return tx.rollback();
    }
    let tables = pg_schema::TABLES.join(", ");
    let functions = pg_schema::FUNCTIONS.join(", ");
    c.batch(&format!(
        "DROP TABLE {tables} CASCADE; DROP FUNCTION IF EXISTS {functions} CASCADE"
    ))?;
    let ours: i64 = c.one(
        "SELECT count(*) FROM pg_extension \
         WHERE extname = 'amcheck' AND obj_description(oid, 'pg_extension') = ?1",
        args![AMCHECK_MARK],
    )?;
    if ours > 0 {
        c.batch("DROP EXTENSION amcheck")?;
    }
    tx.commit()
}

impl Store {
    /// Opens the PostgreSQL store at `url`, setting one up in an empty
    /// database and bringing an older schema up to date.
    pub(super) fn open_pg(url: &str) -> Result<Store> {
        Store::open_pg_expecting(url, pg_schema::SCHEMA_VERSION)
    }

    /// Like `open_pg`, for a build that knows `known` of PostgreSQL's
    /// migrations (tests use it to play an older merit).
    pub fn open_pg_expecting(url: &str, known: i64) -> Result<Store> {
        let known = known.clamp(1, pg_schema::SCHEMA_VERSION);
        let conn = connect(url)?;
        let c = Conn::Pg(&conn);
        let at = found(c, url)?.version();
        if at > known {
            return Err(Error::failed(crate::msg!(
                "store-newer",
                path = shown(url),
                found = at.to_string(),
                known = known.to_string()
            )));
        }
        if at == 0 {
            set_up_store(&conn, url, known)?;
        }
        let mut store = Store {
            engine: Engine::Pg(Box::new(conn)),
            path: PathBuf::from(url),
            key: None,
            sealing: true,
            actor: actor_from_env(),
        };
        if at > 0 && at < known {
            store.migrate_pg(known)?;
        }
        Ok(store)
    }

    /// Brings a sealed store's schema up to `to` in one write, resealed as
    /// it stood when its seal held before (an audit entry says so); a
    /// store whose seal did not hold is migrated and left failing, unless
    /// it is this key the seal refuses: then nothing is written
    /// (`whole_before_migration`).
    fn migrate_pg(&mut self, to: i64) -> Result<()> {
        let path = self.path.clone();
        let tx = self
            .begin_pg(false, true)?
            .ok_or_else(|| Error::failed(crate::msg!("store-busy")))?;
        // Another session may have migrated while this one waited.
        let now = schema_version(tx.conn())?;
        if now >= to {
            return Ok(());
        }
        let whole = tx.whole_before_migration(&path, to)?;
        run_steps(tx.conn(), now, to)?;
        if let Conn::Pg(c) = tx.conn() {
            c.forget_prepared();
        }
        tx.finish_migration(whole, "PostgreSQL schema", now, to)
    }

    /// A second session on a PostgreSQL store this build has opened: its
    /// reads only.
    pub(super) fn open_pg_reader(url: &str) -> Result<Store> {
        let conn = connect(url)?;
        conn.client()
            .batch_execute("SET default_transaction_read_only = on")?;
        let store = Store {
            engine: Engine::Pg(Box::new(conn)),
            path: PathBuf::from(url),
            key: None,
            sealing: false,
            actor: actor_from_env(),
        };
        let found = store.schema_version()?;
        if found != pg_schema::SCHEMA_VERSION {
            return Err(Error::failed(crate::msg!(
                "store-schema-mismatch",
                path = shown(url),
                found = found.to_string(),
                expected = pg_schema::SCHEMA_VERSION.to_string()
            )));
        }
        Ok(store)
    }
}

/// Sets a store up in an empty database, in one transaction holding the
/// write lock (another session setting up the same database waits, then
/// finds it done).
fn set_up_store(conn: &PgConn, url: &str, to: i64) -> Result<()> {
    let tx = begin_write(conn, true)?.expect("a waiting write begins");
    let c = Conn::Pg(conn);
    let now = found(c, url)?.version();
    if now == 0 {
        let user: String = c.one("SELECT current_user::text", args![])?;
        run_steps(c, 0, to).map_err(|e| {
            // A lead's role may not make tables: the owner sets it up.
            if e.names("store-read-only") {
                Error::failed(crate::msg!(
                    "store-pg-cannot-set-up",
                    path = shown(url),
                    user = user.as_str()
                ))
            } else {
                e
            }
        })?;
    }
    conn.forget_prepared();
    tx.commit()
}

/// Migrations `from..to`, each step's version written as it ends; the
/// first sets the new store up.
fn run_steps(c: Conn<'_>, from: i64, to: i64) -> Result<()> {
    for i in from as usize..to as usize {
        let step = pg_schema::migration(i).unwrap_or_default();
        c.batch(&step)
            .map_err(|e| super::open::migration_failed(i + 1, e))?;
        if i == 0 {
            set_up(c)?;
        }
        c.execute(
            "UPDATE merit_schema SET version = ?1 WHERE one = 1",
            args![(i + 1) as i64],
        )?;
    }
    Ok(())
}

/// A new store's first rows: its id, and the kept digests of its (empty)
/// inputs; the first write seals it.
fn set_up(c: Conn<'_>) -> Result<()> {
    c.execute(
        "INSERT INTO store_meta(one, id) VALUES (1, ?1)",
        args![seal::new_store_id()?],
    )?;
    inputs::create_input_digests(c)?;
    // amcheck lets `verify` check every index against its table; a role
    // that may not install it leaves `verify` to say so. One merit installs
    // is marked as merit's (`remove_if_empty` takes it away again).
    let installed: i64 = c.one(
        "SELECT count(*) FROM pg_extension WHERE extname = 'amcheck'",
        args![],
    )?;
    if installed > 0 {
        return Ok(());
    }
    c.batch("SAVEPOINT amcheck")?;
    match c.batch(&format!(
        "CREATE EXTENSION amcheck; COMMENT ON EXTENSION amcheck IS '{AMCHECK_MARK}'"
    )) {
        Ok(()) => c.batch("RELEASE SAVEPOINT amcheck"),
        Err(_) => c.batch("ROLLBACK TO SAVEPOINT amcheck; RELEASE SAVEPOINT amcheck"),
    }
}

/// The comment on an `amcheck` merit installed itself.
const AMCHECK_MARK: &str = "installed by merit for verify";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_hidden_in_urls() {
        assert_eq!(
            shown("dbname=merit password=s3cret host=db"),
            "dbname=merit password=*** host=db"
        );
        assert_eq!(shown("password=s3cret dbname=m"), "password=*** dbname=m");
        assert_eq!(
            shown("postgresql://lead:s3cret@db.example/merit"),
            "postgresql://lead:***@db.example/merit"
        );
        assert_eq!(
            shown("postgresql:///merit?host=/run/postgresql&password=x&user=lead"),
            "postgresql:///merit?host=/run/postgresql&password=***&user=lead"
        );
        assert_eq!(
            shown("postgresql://lead@db/merit"),
            "postgresql://lead@db/merit"
        );
        assert!(is_url(Path::new("postgres://x/y")));
        assert_eq!(
            database_name("postgresql:///merit?host=/run/x&user=li"),
            "merit"
        );
        assert_eq!(database_name("postgresql://li:pw@db:5432/east"), "east");
        assert_eq!(database_name("postgresql://db?dbname=west"), "west");
        assert!(!is_url(Path::new("postgresql.db")));
    }

    /// `url` with the defaults `env` (name, value pairs) gives.
    fn defaulted(url: &str, env: &[(&str, &str)]) -> std::result::Result<postgres::Config, String> {
        let mut config: postgres::Config = url.parse().unwrap();
        let lookup = |name: &str| {
            env.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        };
        with_libpq_defaults(&mut config, lookup)
            .map(|()| config)
            .map_err(|e| format!("{e:?}"))
    }

    #[test]
    fn what_a_url_leaves_out_comes_from_the_environment_as_for_psql() {
        let bare = defaulted("postgresql:///merit", &[]).unwrap();
        assert_eq!(server_addresses(&bare), "/run/postgresql/.s.PGSQL.5432");
        assert_eq!(bare.get_user(), None);
        let env = [
            ("PGHOST", "/srv/pg, db.example"),
            ("PGPORT", "5433"),
            ("PGUSER", "lead"),
        ];
        let from_env = defaulted("postgresql:///merit", &env).unwrap();
        assert_eq!(
            server_addresses(&from_env),
            "/srv/pg/.s.PGSQL.5433, db.example:5433"
        );
        assert_eq!(from_env.get_user(), Some("lead"));
        // What the URL says wins.
        let said = defaulted("postgresql://li@db:6000/merit", &env).unwrap();
        assert_eq!(server_addresses(&said), "db:6000");
        assert_eq!(said.get_user(), Some("li"));
        let socket = defaulted("postgresql:///merit?host=/tmp/s&port=7", &env).unwrap();
        assert_eq!(server_addresses(&socket), "/tmp/s/.s.PGSQL.7");
        // An empty variable is no variable; a port that is none is refused.
        let empty = defaulted("postgresql:///m", &[("PGHOST", ""), ("PGPORT", " ")]).unwrap();
        assert_eq!(server_addresses(&empty), "/run/postgresql/.s.PGSQL.5432");
        let lists = [("PGHOST", "/a,,b"), ("PGPORT", "1,2")];
        let both = defaulted("postgresql:///m", &lists).unwrap();
        assert_eq!(server_addresses(&both), "/a/.s.PGSQL.1, b:2");
        let bad = defaulted("postgresql:///m", &[("PGPORT", "54x")]).unwrap_err();
        assert!(bad.contains("store-pg-bad-port"), "{bad}");
        let hostaddr = defaulted("postgresql:///m?hostaddr=127.0.0.1&port=5", &env).unwrap();
        assert_eq!(server_addresses(&hostaddr), "127.0.0.1:5");
    }

    #[test]
    fn a_password_and_a_database_come_from_the_environment_or_the_password_file() {
        let env = [
            ("PGUSER", "li"),
            ("PGDATABASE", "east"),
            ("PGPASSWORD", "pw"),
        ];
        let from_env = defaulted("postgresql://", &env).unwrap();
        assert_eq!(from_env.get_dbname(), Some("east"));
        assert_eq!(from_env.get_password(), Some(&b"pw"[..]));
        // The URL's own wins.
        let said = defaulted("postgresql://li:url@/west", &env).unwrap();
        assert_eq!(said.get_dbname(), Some("west"));
        assert_eq!(said.get_password(), Some(&b"url"[..]));
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pgpass");
        std::fs::write(
            &file,
            "# a comment\ndb.example:5432:east:li:wrong\nlocalhost:5432:east:li:se\\:cr\\\\et\n*:*:*:wang:any\n",
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        let f = file.to_str().unwrap();
        let socket = defaulted("postgresql:///east?user=li", &[("PGPASSFILE", f)]).unwrap();
        assert_eq!(socket.get_password(), Some(&b"se:cr\\et"[..]));
        let tcp = defaulted("postgresql://li@db.example/east", &[("PGPASSFILE", f)]).unwrap();
        assert_eq!(tcp.get_password(), Some(&b"wrong"[..]));
        let any = defaulted("postgresql:///x?user=wang", &[("PGPASSFILE", f)]).unwrap();
        assert_eq!(any.get_password(), Some(&b"any"[..]));
        let none = defaulted("postgresql:///west?user=li", &[("PGPASSFILE", f)]).unwrap();
        assert_eq!(none.get_password(), None);
        // A file others may read is ignored, as libpq ignores it.
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let loose = defaulted("postgresql:///east?user=li", &[("PGPASSFILE", f)]).unwrap();
        assert_eq!(loose.get_password(), None);
    }
}
