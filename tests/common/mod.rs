//! Helpers for CLI tests: a temporary store and a `merit` command bound to it.
#![allow(dead_code)]

pub mod pg;

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Another writer holding a store's write lock until `release` or drop: a
/// SQLite connection in `BEGIN IMMEDIATE`, or a PostgreSQL session holding
/// merit's advisory lock in its transaction.
pub enum WriteLock {
    Lite(rusqlite::Connection),
    Pg(postgres::Client),
}

impl WriteLock {
    pub fn hold(store: &Path) -> WriteLock {
        let at = store.to_string_lossy();
        if at.starts_with("postgres") {
            let mut c = postgres::Client::connect(&at, postgres::NoTls).expect("a session");
            c.batch_execute(
                "BEGIN; SELECT pg_advisory_xact_lock(hashtext(current_schema()), 1835365993)",
            )
            .expect("the store's write lock");
            WriteLock::Pg(c)
        } else {
            let c = rusqlite::Connection::open(store).expect("the store file");
            c.execute_batch("BEGIN IMMEDIATE").expect("the write lock");
            WriteLock::Lite(c)
        }
    }

    pub fn release(self) {
        match self {
            WriteLock::Lite(c) => c.execute_batch("ROLLBACK").expect("rolled back"),
            WriteLock::Pg(mut c) => c.batch_execute("ROLLBACK").expect("rolled back"),
        }
    }
}

/// A temporary directory holding one store.
pub struct Sandbox {
    pub dir: TempDir,
    /// Whether `merit` uses the user's own key (as merit's code called in
    /// this test process does), not one of the sandbox's.
    pub default_key: bool,
    /// A PostgreSQL database's URL, when the store is kept there.
    pub url: Option<String>,
}

impl Sandbox {
    /// A sandbox whose store is a file, or, when the tests run on
    /// PostgreSQL (`MERIT_TEST_STORE=postgres`, `pg::on_postgres`), a new
    /// database of this test binary's server.
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
            default_key: false,
            url: pg::on_postgres().then(pg::fresh_database),
        }
    }

    /// A sandbox whose store is a file, whatever the tests run on (what
    /// tests of the file itself need).
    pub fn file_only() -> Sandbox {
        Sandbox {
            url: None,
            ..Sandbox::new()
        }
    }

    /// A sandbox whose store is the PostgreSQL database at `url` (its key
    /// and files in a temporary folder as ever).
    pub fn on_postgres(url: String) -> Sandbox {
        Sandbox {
            url: Some(url),
            ..Sandbox::new()
        }
    }

    /// A sandbox whose `merit` seals with the user's own key, the one
    /// merit's code called in the test process uses: a store written by
    /// both is sealed by one key.
    pub fn with_default_key() -> Sandbox {
        Sandbox {
            default_key: true,
            ..Sandbox::file_only()
        }
    }

    pub fn db(&self) -> PathBuf {
        match &self.url {
            Some(url) => PathBuf::from(url),
            None => self.dir.path().join("store.db"),
        }
    }

    /// The seal key this sandbox's merit uses (made on its first write).
    pub fn key(&self) -> PathBuf {
        self.dir.path().join("keys").join("seal.key")
    }

    /// Another lead's key (not the one this store is sealed with), written
    /// as merit keeps one: its path.
    #[allow(dead_code)]
    pub fn other_key(&self) -> PathBuf {
        let other = self.dir.path().join("other.key");
        std::fs::write(&other, "ab".repeat(32)).unwrap();
        std::fs::set_permissions(&other, std::os::unix::fs::PermissionsExt::from_mode(0o600))
            .unwrap();
        other
    }

    /// `merit` on this store, today 2026-04-10, actor `lead`.
    pub fn merit(&self) -> Command {
        let mut c = Command::cargo_bin("merit").expect("merit binary");
        c.env("MERIT_DB", self.db());
        if self.default_key {
            c.env_remove("MERIT_KEY");
        } else {
            c.env("MERIT_KEY", self.key());
        }
        c.env("MERIT_TODAY", "2026-04-10")
            .env("MERIT_USER", "lead")
            // English whatever the machine's locale (a test asks for Chinese).
            .env("MERIT_LANG", "en")
            .env_remove("NO_COLOR")
            // The test's server, whatever the machine's PostgreSQL defaults.
            .env_remove("PGHOST")
            .env_remove("PGPORT")
            .env_remove("PGUSER");
        c
    }

    /// Runs `merit args…`, asserting success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.merit().args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).expect("utf-8")
    }

    /// Writes a file into the sandbox and returns its path as text.
    pub fn file(&self, name: &str, text: &str) -> String {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).expect("write");
        p.display().to_string()
    }

    /// Imports the q1 members, targets, activities and rules.
    pub fn load_q1(&self) {
        let f = |n: &str| fixture("q1").join(n).display().to_string();
        self.ok(&["import", "members", &f("members.csv")]);
        self.ok(&["import", "targets", &f("targets.csv")]);
        self.ok(&["import", "activities", &f("activities.csv")]);
        self.ok(&["rules", "import", &f("rules.toml")]);
    }

    /// The q1 store lived in: recalculated, the quarter approved, a
    /// reward redeemed and approved, January closed; verified whole.
    pub fn load_q1_lived_in(&self) {
        self.load_q1();
        self.ok(&["recalc"]);
        self.ok(&["approve", "2026-Q1"]);
        let c = self.file(
            "c.csv",
            "code,name,cost,stock,category\nGIFT,礼品卡,20,3,gift\n",
        );
        self.ok(&["catalog", "import", &c]);
        self.ok(&["redeem", "ZW", "GIFT"]);
        self.ok(&["redemptions", "approve", "1"]);
        self.ok(&["close", "2026-01"]);
        assert!(self.ok(&["verify"]).starts_with("the store is whole"));
    }

    /// `merit verify` with no key where `MERIT_KEY` points, which must
    /// succeed: what it said.
    pub fn verify_with_no_key(&self) -> String {
        let out = self
            .merit()
            .env("MERIT_KEY", self.dir.path().join("elsewhere.key"))
            .arg("verify")
            .assert()
            .success();
        String::from_utf8_lossy(&out.get_output().stdout).to_string()
    }

    /// Every table's rows, as text: to prove nothing was written.
    pub fn dump(&self) -> String {
        dump(&self.db())
    }
}

/// `dump` text less the section of `table` (the seal, say, which every
/// write renews).
pub fn without(dump: &str, table: &str) -> String {
    let head = format!("== {table}\n");
    let Some(start) = dump.find(&head) else {
        return dump.to_string();
    };
    let end = dump[start + head.len()..]
        .find("== ")
        .map_or(dump.len(), |e| e + start + head.len());
    format!("{}{}", &dump[..start], &dump[end..])
}

/// The rows `sql` reads from the store at `db`, a file or a database,
/// every cell as text (`None` for NULL): for tests that look at what merit
/// wrote whatever it was written to.
pub fn texts(db: &Path, sql: &str) -> Vec<Vec<Option<String>>> {
    if let Some(url) = db.to_str().filter(|s| s.starts_with("postgresql://")) {
        let mut c = postgres::Client::connect(url, postgres::NoTls).expect("connect");
        return c
            .simple_query(sql)
            .expect(sql)
            .into_iter()
            .filter_map(|m| match m {
                postgres::SimpleQueryMessage::Row(r) => {
                    Some((0..r.len()).map(|i| r.get(i).map(str::to_string)).collect())
                }
                _ => None,
            })
            .collect();
    }
    let conn = rusqlite::Connection::open(db).expect("open store");
    let mut st = conn.prepare(sql).expect(sql);
    let n = st.column_count();
    st.query_map([], |r| {
        Ok((0..n)
            .map(|i| match r.get_ref(i).unwrap() {
                rusqlite::types::ValueRef::Null => None,
                rusqlite::types::ValueRef::Integer(v) => Some(v.to_string()),
                rusqlite::types::ValueRef::Real(v) => Some(v.to_string()),
                rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                    Some(String::from_utf8_lossy(t).into_owned())
                }
            })
            .collect())
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// Runs `sql` (text parameters `?1`…) on the store at `db`, a file or a
/// database, as someone would behind merit's back; how many rows it
/// changed.
pub fn edit(db: &Path, sql: &str, args: &[&str]) -> u64 {
    if let Some(url) = db.to_str().filter(|s| s.starts_with("postgresql://")) {
        let mut c = postgres::Client::connect(url, postgres::NoTls).expect("connect");
        let sql = (1..=args.len()).rev().fold(sql.to_string(), |q, i| {
            q.replace(&format!("?{i}"), &format!("${i}"))
        });
        let args: Vec<&(dyn postgres::types::ToSql + Sync)> = args
            .iter()
            .map(|a| a as &(dyn postgres::types::ToSql + Sync))
            .collect();
        return c.execute(sql.as_str(), &args).expect("edit");
    }
    let conn = rusqlite::Connection::open(db).expect("open store");
    conn.execute(sql, rusqlite::params_from_iter(args))
        .expect("edit") as u64
}

/// Every row of every table of a store, as text (empty if no store).
pub fn dump(db: &Path) -> String {
    if let Some(url) = db.to_str().filter(|s| s.starts_with("postgresql://")) {
        return pg::dump(url);
    }
    if !db.exists() {
        return String::new();
    }
    let conn = rusqlite::Connection::open(db).expect("open store");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = String::new();
    for t in tables {
        let mut st = conn.prepare(&format!("SELECT * FROM {t}")).unwrap();
        let n = st.column_count();
        let rows = st
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect();
                Ok(cells.join("|"))
            })
            .unwrap();
        out.push_str(&format!("== {t}\n"));
        for row in rows {
            out.push_str(&row.unwrap());
            out.push('\n');
        }
    }
    out
}

/// Helpers for screen tests: the q1 store opened in the app, drawn on a
/// `TestBackend`.
pub mod screen {
    use super::fixture;
    use merit::domain::{Period, Status};
    use merit::ops::Context;
    use merit::ops::decide::{Selection, decide_selection};
    use merit::ops::import::{ImportKind, import_file};
    use merit::store::Store;
    use merit::tui::app::App;
    use merit::tui::theme::Theme;
    use merit::tui::view;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use std::path::PathBuf;
    use tempfile::TempDir;
    use unicode_width::UnicodeWidthStr;

    /// Today and the actor of the screen tests; the screen speaks English
    /// unless the test binary chose Chinese first.
    pub fn ctx() -> Context {
        merit::i18n::set(merit::i18n::Lang::En);
        let mut c = Context::new(merit::domain::parse_date("2026-03-31").unwrap(), "lead");
        c.fixed_now = Some("2026-03-31 09:00:00".into());
        c
    }

    /// The q1 inputs imported into a new store at `path` and recalculated:
    /// every award pending.
    pub fn q1_recalculated(path: &std::path::Path) -> Store {
        let mut store = Store::open(path).unwrap();
        let c = ctx();
        let f = |n: &str| fixture("q1").join(n);
        import_file(&mut store, &c, ImportKind::Members, &f("members.csv")).unwrap();
        import_file(&mut store, &c, ImportKind::Targets, &f("targets.csv")).unwrap();
        import_file(&mut store, &c, ImportKind::Activities, &f("activities.csv")).unwrap();
        merit::ops::rules::import_rules(&mut store, &c, &f("rules.toml"), false).unwrap();
        merit::ops::recalc::recalc(&mut store, &c, None, false).unwrap();
        store
    }

    /// The q1 store: imported, recalculated, January and February approved,
    /// March pending. Today is 2026-03-31, so the app opens on 2026-Q1.
    pub fn q1_store() -> (TempDir, PathBuf) {
        q1_store_in(super::pg::on_postgres())
    }

    /// `q1_store`, on PostgreSQL when `on_postgres` (a database of the test
    /// binary's server; the screen's title names the store `q1.db` either
    /// way, `q1_app`), else in a file.
    fn q1_store_in(on_postgres: bool) -> (TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = if on_postgres {
            PathBuf::from(super::pg::fresh_database())
        } else {
            dir.path().join("q1.db")
        };
        let mut store = q1_recalculated(&path);
        let c = ctx();
        for month in ["2026-01", "2026-02"] {
            let sel = Selection {
                period: Period::parse(month).unwrap(),
                member: None,
                rule_id: None,
            };
            decide_selection(&mut store, &c, &sel, Status::Approved, None).unwrap();
        }
        let rewards = dir.path().join("rewards.csv");
        std::fs::write(
            &rewards,
            "code,name,cost,stock,category\nGIFT,礼品卡,50,2,gift\nDAY,Day off,500,,leave\n",
        )
        .unwrap();
        import_file(&mut store, &c, ImportKind::Rewards, &rewards).unwrap();
        merit::ops::catalog::request(&mut store, &c, "WF", "GIFT", 1).unwrap();
        (dir, path)
    }

    /// The app on a q1 store, sized `w`×`h`, without colour.
    pub fn q1_app(w: u16, h: u16) -> (TempDir, App) {
        q1_app_in(w, h, super::pg::on_postgres())
    }

    /// `q1_app` on a store file whatever the tests run on: for what the
    /// screen keeps beside the file (a published site's folder).
    pub fn q1_app_on_file(w: u16, h: u16) -> (TempDir, App) {
        q1_app_in(w, h, false)
    }

    fn q1_app_in(w: u16, h: u16, on_postgres: bool) -> (TempDir, App) {
        let (dir, path) = q1_store_in(on_postgres);
        let store = Store::open(&path).unwrap();
        let mut app = App::new(store, ctx(), "q1.db", Theme::plain()).unwrap();
        app.resize(w, h);
        (dir, app)
    }

    /// The app on the store at `path`, today `today` (YYYY-MM-DD), sized
    /// 80×24, without colour.
    pub fn app_on(path: &std::path::Path, today: &str) -> App {
        let mut c = ctx();
        c.today = merit::domain::parse_date(today).unwrap();
        let store = Store::open(path).unwrap();
        let mut app = App::new(store, c, "store.db", Theme::plain()).unwrap();
        app.resize(80, 24);
        app
    }

    /// The screen as text, one line per row, wide characters once.
    pub fn screen(app: &App) -> String {
        let (w, h) = app.size;
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        term.draw(|f| view::draw(app, f)).unwrap();
        let buf = term.backend().buffer().clone();
        let mut out = String::new();
        for y in 0..h {
            let mut line = String::new();
            let mut skip = 0;
            for x in 0..w {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let sym = buf[(x, y)].symbol();
                line.push_str(sym);
                skip = sym.width().saturating_sub(1);
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// Presses keys given as text: each char is a key, `<Enter>`, `<Esc>`,
    /// `<Tab>`, `<Down>`, `<Up>`, `<Left>`, `<Right>`, `<BS>`, `<C-s>`
    /// (Ctrl-S) name the others.
    pub fn keys(app: &mut App, spec: &str) {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let mut rest = spec;
        while let Some(c) = rest.chars().next() {
            let mut mods = KeyModifiers::NONE;
            let (code, len) = if c == '<' {
                let end = rest.find('>').expect("closing >");
                let code = match &rest[1..end] {
                    "C-s" => {
                        mods = KeyModifiers::CONTROL;
                        KeyCode::Char('s')
                    }
                    "C-c" => {
                        mods = KeyModifiers::CONTROL;
                        KeyCode::Char('c')
                    }
                    "PgDn" => KeyCode::PageDown,
                    "BackTab" => KeyCode::BackTab,
                    "Enter" => KeyCode::Enter,
                    "Esc" => KeyCode::Esc,
                    "Tab" => KeyCode::Tab,
                    "Down" => KeyCode::Down,
                    "Up" => KeyCode::Up,
                    "Left" => KeyCode::Left,
                    "Right" => KeyCode::Right,
                    "BS" => KeyCode::Backspace,
                    "Space" => KeyCode::Char(' '),
                    other => panic!("unknown key {other}"),
                };
                (code, end + 1)
            } else {
                (KeyCode::Char(c), c.len_utf8())
            };
            app.handle_key(KeyEvent::new(code, mods));
            rest = &rest[len..];
        }
    }
}

/// Whether `tool` runs here (`tool arg`); a test that needs it says so on
/// stderr and returns when not (`.ci/run` installs them).
pub fn installed(tool: &str, arg: &str) -> bool {
    std::process::Command::new(tool).arg(arg).output().is_ok()
}

/// Fails the test, saying how to install `tool`, when it is missing: a
/// test never passes by skipping (`.ci/run` installs what tests need).
pub fn require(tool: &str, arg: &str, package: &str) {
    assert!(
        installed(tool, arg),
        "{tool} is needed: apt-get install {package} (.ci/run does)"
    );
}

/// A tmux server of a test's own, its socket in the test's directory;
/// killed when dropped.
pub struct Tmux {
    sock: PathBuf,
}

impl Tmux {
    pub fn new(dir: &Path) -> Tmux {
        Tmux {
            sock: dir.join("tmux.sock"),
        }
    }

    pub fn run(&self, args: &[&str]) -> std::process::Output {
        std::process::Command::new("tmux")
            .arg("-S")
            .arg(&self.sock)
            .args(args)
            .output()
            .expect("tmux")
    }

    /// A detached session `name` of `width`×`height` running the shell
    /// command `cmd`.
    pub fn start(&self, name: &str, width: u16, height: u16, cmd: &str) {
        let (w, h) = (width.to_string(), height.to_string());
        self.run(&["new-session", "-d", "-s", name, "-x", &w, "-y", &h, cmd]);
    }

    /// What the pane `target` shows once it shows `needle`, or after
    /// `tries` looks a tenth of a second apart.
    pub fn wait_for(&self, target: &str, needle: &str, tries: usize) -> String {
        let mut text = String::new();
        for _ in 0..tries {
            std::thread::sleep(std::time::Duration::from_millis(100));
            text = self.capture(target);
            if text.contains(needle) {
                break;
            }
        }
        text
    }

    /// What the pane `target` shows.
    pub fn capture(&self, target: &str) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", target]).stdout)
            .into_owned()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

/// Every audit entry's hash recomputed in order, as an intruder with
/// merit's source would (its `said` too, where it has one), and the head.
pub fn rehash_audit(c: &rusqlite::Connection) {
    use merit::store::{AUDIT_GENESIS, AuditFields, audit_hash};
    type Row = (i64, String, String, String, Option<String>, String);
    let audit: Vec<(Row, Option<String>)> = c
        .prepare("SELECT id, at, actor, action, subject, detail, said FROM audit ORDER BY id")
        .unwrap()
        .query_map([], |r| {
            let row = (
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            );
            Ok((row, r.get(6)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut prev = AUDIT_GENESIS.to_string();
    let mut last = 0;
    for ((id, at, actor, action, subject, detail), said) in &audit {
        let subject = subject.as_deref();
        let (said, id) = (said.as_deref(), *id);
        let fields = AuditFields {
            id,
            at,
            actor,
            action,
            subject,
            detail,
            said,
        };
        let h = audit_hash(fields, &prev);
        c.execute(
            "UPDATE audit SET hash = ?2 WHERE id = ?1",
            rusqlite::params![id, h],
        )
        .unwrap();
        prev = h;
        last = id;
    }
    c.execute(
        "UPDATE audit_head SET last = ?1, hash = ?2",
        rusqlite::params![last, prev],
    )
    .unwrap();
}
