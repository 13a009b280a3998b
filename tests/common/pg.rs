//! A throwaway PostgreSQL server for one test: `initdb` into a temporary
//! folder, the server listening on a Unix socket there only (no TCP),
//! stopped and removed when the guard drops. As root, the server runs as
//! `nobody` (PostgreSQL refuses to run as root). Missing server programs
//! fail the test with how to install them: never a silent skip.

#![allow(dead_code)]

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Where Debian puts the server programs, newest first.
const BIN_DIRS: &[&str] = &[
    "/usr/lib/postgresql/17/bin",
    "/usr/lib/postgresql/16/bin",
    "/usr/lib/postgresql/15/bin",
];

fn bin_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("MERIT_PG_BIN") {
        return PathBuf::from(dir);
    }
    BIN_DIRS
        .iter()
        .map(PathBuf::from)
        .find(|d| d.join("initdb").is_file() && d.join("postgres").is_file())
        .unwrap_or_else(|| {
            panic!(
                "PostgreSQL's server programs (initdb, postgres) are not installed: \
                 `apt-get install postgresql` (or set MERIT_PG_BIN to their folder)"
            )
        })
}

pub struct PgServer {
    dir: tempfile::TempDir,
    server: Child,
}

/// The user the server runs as when the tests run as root.
const NOBODY: u32 = 65534;

fn as_server_user(cmd: &mut Command) {
    // SAFETY: only async-signal-safe calls between fork and exec.
    if unsafe { libc::geteuid() } == 0 {
        unsafe {
            cmd.pre_exec(|| {
                if libc::setgroups(0, std::ptr::null()) != 0
                    || libc::setgid(NOBODY) != 0
                    || libc::setuid(NOBODY) != 0
                {
                    return Err(std::io::Error::last_os_error());
                }
                // The server goes when the test does, however it ends.
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGINT);
                Ok(())
            });
        }
    }
}

impl PgServer {
    /// Starts a server; its one database `merit` is empty. Its shared
    /// buffers are small (32 MB): a test starts one of many at once.
    pub fn start() -> PgServer {
        PgServer::start_with_buffers("32MB")
    }

    /// Starts a server with `shared_buffers` of its own (the benchmarks',
    /// one at a time, PostgreSQL's default 128 MB).
    #[allow(dead_code)]
    pub fn start_with_buffers(shared_buffers: &str) -> PgServer {
        let bin = bin_dir();
        let dir = tempfile::Builder::new()
            .prefix("merit-pg")
            .tempdir()
            .expect("temporary folder");
        if unsafe { libc::geteuid() } == 0 {
            std::os::unix::fs::chown(dir.path(), Some(NOBODY), Some(NOBODY)).unwrap();
        }
        let data = dir.path().join("data");
        let mut initdb = Command::new(bin.join("initdb"));
        initdb
            .args(["-D"])
            .arg(&data)
            .args([
                "-U",
                "merit",
                "--auth=trust",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        as_server_user(&mut initdb);
        let out = initdb.output().expect("initdb runs");
        assert!(
            out.status.success(),
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut postgres = Command::new(bin.join("postgres"));
        postgres
            .arg("-D")
            .arg(&data)
            .arg("-k")
            .arg(dir.path())
            .args([
                "-c",
                "listen_addresses=",
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=40",
                "-c",
                &format!("shared_buffers={shared_buffers}"),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        as_server_user(&mut postgres);
        let server = postgres.spawn().expect("postgres starts");
        let pg = PgServer { dir, server };
        pg.wait_ready();
        pg.sql("postgres", "CREATE DATABASE merit");
        pg
    }

    fn wait_ready(&self) {
        let socket = self.dir.path().join(".s.PGSQL.5432");
        let start = Instant::now();
        loop {
            if socket.exists()
                && postgres::Client::connect(&self.url("postgres"), postgres::NoTls).is_ok()
            {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the PostgreSQL server did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The socket's folder.
    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    /// The URL of database `db` over the socket.
    pub fn url(&self, db: &str) -> String {
        format!(
            "postgresql:///{db}?host={}&user=merit",
            self.dir.path().display()
        )
    }

    /// The URL of the test's database.
    pub fn merit_url(&self) -> String {
        self.url("merit")
    }

    /// Runs `sql` on database `db` as the superuser.
    pub fn sql(&self, db: &str, sql: &str) {
        let mut c = postgres::Client::connect(&self.url(db), postgres::NoTls)
            .unwrap_or_else(|e| panic!("connect to {db}: {e}"));
        c.batch_execute(sql)
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    /// A client on database `db` as the superuser.
    pub fn client(&self, db: &str) -> postgres::Client {
        postgres::Client::connect(&self.url(db), postgres::NoTls).expect("connect")
    }

    /// A new empty database; its URL.
    pub fn new_database(&self, name: &str) -> String {
        self.sql("postgres", &format!("CREATE DATABASE {name}"));
        self.url(name)
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        // A fast shutdown: clients cut off, then the server exits.
        unsafe {
            libc::kill(self.server.id() as i32, libc::SIGINT);
        }
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.server.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// Whether this run keeps the tests' stores on PostgreSQL
/// (`MERIT_TEST_STORE=postgres`).
pub fn on_postgres() -> bool {
    std::env::var("MERIT_TEST_STORE").is_ok_and(|v| v == "postgres")
}

/// The test binary's server, started on first use from a thread that
/// lives as long as the binary (the server goes with it), stopped and
/// removed at exit.
fn shared() -> &'static std::sync::Mutex<Option<PgServer>> {
    static SHARED: std::sync::OnceLock<std::sync::Mutex<Option<PgServer>>> =
        std::sync::OnceLock::new();
    SHARED.get_or_init(|| {
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            send.send(PgServer::start()).unwrap();
            loop {
                std::thread::park();
            }
        });
        let server = receive.recv().expect("the server starts");
        extern "C" fn stop() {
            if let Some(m) = SHARED_STOP.get()
                && let Ok(mut s) = m.lock()
            {
                s.take();
            }
        }
        unsafe {
            libc::atexit(stop);
        }
        std::sync::Mutex::new(Some(server))
    })
}

static SHARED_STOP: std::sync::OnceLock<&'static std::sync::Mutex<Option<PgServer>>> =
    std::sync::OnceLock::new();

/// A new empty database on the test binary's server: its URL.
pub fn fresh_database() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let m = shared();
    let _ = SHARED_STOP.set(m);
    let guard = m.lock().unwrap_or_else(|e| e.into_inner());
    let server = guard.as_ref().expect("the server runs");
    let name = format!("t{}", NEXT.fetch_add(1, Ordering::Relaxed));
    server.new_database(&name)
}

/// Every row of every table of the store at `url`, as text, in the shape
/// `common::dump` gives a file's (empty if no store).
pub fn dump(url: &str) -> String {
    let Ok(mut c) = postgres::Client::connect(url, postgres::NoTls) else {
        return String::new();
    };
    let tables: Vec<String> = c
        .query(
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() ORDER BY table_name COLLATE \"C\"",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    let mut out = String::new();
    for t in tables {
        out.push_str(&format!("== {t}\n"));
        let rows = c
            .query(&format!("SELECT * FROM {t} ORDER BY 1"), &[])
            .unwrap();
        for r in rows {
            let cells: Vec<String> = (0..r.len())
                .map(|i| {
                    r.try_get::<_, Option<String>>(i)
                        .map(|v| format!("{v:?}"))
                        .or_else(|_| r.try_get::<_, Option<i64>>(i).map(|v| format!("{v:?}")))
                        .unwrap_or_else(|_| "?".into())
                })
                .collect();
            out.push_str(&cells.join("|"));
            out.push('\n');
        }
    }
    out
}
