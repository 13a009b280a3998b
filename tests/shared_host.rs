//! Safe on a shared SSH host: stored text and actor names never drive a
//! terminal (every output path), the demo store is private and removed on
//! every exit, a slow import never holds the write lock, codes cannot
//! deceive, and the messages that misled say what is wrong.

mod common;

use chrono::Datelike;
use common::Sandbox;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

const ESC: &str = "\u{1b}]0;owned\u{7}\u{1b}[2J";

fn stderr(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

/// No raw ESC, BEL or bidi override in what a person reads.
fn clean(text: &str) {
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202e}'),
        "{text:?}"
    );
}

#[test]
fn an_actor_name_with_control_characters_is_refused() {
    let s = Sandbox::new();
    s.load_q1();
    let before = s.dump();
    let out = s
        .merit()
        .env("MERIT_USER", ESC)
        .args(["approve", "2026-01"])
        .assert()
        .code(2);
    let err = stderr(&out);
    clean(&err);
    assert!(
        err.starts_with(
            "merit: MERIT_USER: the actor name '\\u{1b}]0;owned\\u{7}\\u{1b}[2J' holds control"
        ),
        "{err}"
    );
    assert_eq!(s.dump(), before);
}

/// The q1 store with an award decided by an actor written before actor
/// names were checked, and a rejection whose reason holds escapes.
/// The q1 store scored, and ZW's January rejected with `reason`.
fn rejected_with(reason: &str) -> Sandbox {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    s.ok(&["reject", "2026-01", "--member", "ZW", "--reason", reason]);
    s
}

fn tainted() -> Sandbox {
    let s = rejected_with(&format!("dup{ESC}"));
    common::edit(
        &s.db(),
        "UPDATE awards SET decided_by = ?1 WHERE status = 'rejected'",
        &[&format!("mallory{ESC}\u{202e}")],
    );
    s
}

#[test]
fn a_message_naming_a_stored_actor_is_escaped() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-01"]);
    let c = s.file(
        "c.csv",
        "code,name,cost,stock,category\nGIFT,Gift,10,,gift\n",
    );
    s.ok(&["catalog", "import", &c]);
    s.ok(&["redeem", "ZW", "GIFT"]);
    s.ok(&["redemptions", "approve", "1"]);
    // Decided by a name written before actor names were checked.
    common::edit(
        &s.db(),
        "UPDATE redemptions SET decided_by = ?1 WHERE id = 1",
        &[&format!("mallory{ESC}\u{202e}")],
    );
    // (A lead who found it accepts the store as it is; nothing else would.)
    s.ok(&["seal", "--accept", "--reason", "an old actor name"]);
    let out = s.merit().args(["redemptions", "approve", "1"]).assert();
    let err = stderr(&out);
    clean(&err);
    assert!(
        err.contains("already decided by mallory\\u{1b}]0;owned\\u{7}\\u{1b}[2J\\u{202e}"),
        "{err}"
    );
}

#[test]
fn errors_quoting_input_are_escaped() {
    let s = Sandbox::new();
    s.load_q1();
    let out = s
        .merit()
        .args(["award", &format!("Z{ESC}W"), "5", "--reason", "x"])
        .assert()
        .code(2);
    let err = stderr(&out);
    clean(&err);
    assert!(err.contains("unknown member 'Z\\u{1b}]0;owned"), "{err}");
}

#[test]
fn tables_csv_and_json_escape_control_characters_each_their_way() {
    let s = tainted();
    let table = s.ok(&["ledger", "--status", "rejected"]);
    clean(&table);
    assert!(table.contains("rejected"), "{table}");
    // Machine formats stay exact but for C0 controls (a bidi override is
    // text there).
    let no_c0 = |t: &str| assert!(!t.contains('\u{1b}') && !t.contains('\u{7}'), "{t:?}");
    let csv = s.ok(&["ledger", "--status", "rejected", "--format", "csv"]);
    no_c0(&csv);
    assert!(csv.contains("dup\\u{1b}]0;owned\\u{7}\\u{1b}[2J"), "{csv}");
    let json = s.ok(&["ledger", "--status", "rejected", "--format", "json"]);
    no_c0(&json);
    assert!(
        json.contains("dup\\u001b]0;owned\\u0007\\u001b[2J"),
        "{json}"
    );
    // JSON stays exact: it reads back to the stored text.
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows[0]["decision_reason"], format!("dup{ESC}"));
}

#[test]
fn a_carriage_return_in_a_reason_cannot_hide_it_in_csv() {
    // `cat` of an export: a lone carriage return would take the cursor
    // back, and "NO" would show over "approved".
    let s = rejected_with("approved\rNO\u{9b}2J");
    let csv = s.ok(&["ledger", "--status", "rejected", "--format", "csv"]);
    assert!(!csv.contains('\r') && !csv.contains('\u{9b}'), "{csv:?}");
    assert!(csv.contains("approved\\u{d}NO\\u{9b}2J"), "{csv}");
}

/// A rule's name holding an escape is refused at import; one a store
/// holds (an earlier merit took it) is escaped in the handbook.
#[test]
fn the_handbook_escapes_what_a_rule_name_holds() {
    let s = Sandbox::new();
    let rules = |name: &str| {
        format!(
            "[[rules]]\nid = \"x\"\nname = \"{name}\"\nkind = \"per_event\"\ncategory = \"c\"\nevent = \"visit\"\npoints = 1\n"
        )
    };
    let refused = s
        .merit()
        .args([
            "rules",
            "import",
            &s.file("bad.toml", &rules("Visit\\u001b[2J")),
        ])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&refused.get_output().stderr).to_string();
    assert!(
        err.contains("rule 'x': name: holds control or hidden characters"),
        "{err}"
    );
    s.ok(&["rules", "import", &s.file("r.toml", &rules("Visit"))]);
    common::edit(
        &s.db(),
        "UPDATE rules SET body = replace(body, 'Visit', ?1)",
        &["Visit\\u001b[2J"],
    );
    let out = s.ok(&["rules", "handbook"]);
    clean(&out);
    // On one line, and its bracket escaped: text, never Markdown.
    assert!(out.contains("### Visit\\u{1b}\\[2J (`x`)"), "{out}");
    // The TOML export stays exact.
    assert!(s.ok(&["rules", "export"]).contains("Visit\\u001B[2J"));
}

#[test]
fn the_screen_shows_a_bidi_override_in_a_name() {
    use merit::tui::app::App;
    let (_d, path) = common::screen::q1_store();
    common::edit(
        &path,
        "UPDATE members SET name = ?1 WHERE code = 'ZW'",
        &["张\u{202e}伟"],
    );
    let store = merit::store::Store::open(&path).unwrap();
    let mut app = App::new(
        store,
        common::screen::ctx(),
        "q1.db",
        merit::tui::theme::Theme::plain(),
    )
    .unwrap();
    app.resize(120, 40);
    let text = common::screen::screen(&app);
    assert!(text.contains("张\\u{202e"), "{text}");
    assert!(!text.contains('\u{202e}'), "{text}");
}

#[test]
fn codes_that_deceive_are_refused() {
    let s = Sandbox::new();
    let file = s.file(
        "m.csv",
        "code,name,team\nZ\u{200b}W,张伟,East\nA\u{202e}B,x,East\n-rf,x,East\nOK,\u{202e}名字,East\n\
         \x20CJ,x,East\n",
    );
    let out = s
        .merit()
        .args(["import", "members", &file])
        .assert()
        .code(2);
    let err = stderr(&out);
    clean(&err);
    assert!(
        err.contains("m.csv:2: code: 'Z\\u{200b}W' holds an invisible character (U+200B)"),
        "{err}"
    );
    assert!(
        err.contains("m.csv:3: code: 'A\\u{202e}B' holds an invisible character (U+202E)"),
        "{err}"
    );
    assert!(
        err.contains("m.csv:4: code: '-rf' starts with '-'"),
        "{err}"
    );
    assert!(!err.contains("m.csv:5"), "a name may hold any text: {err}");
    // A blank around a code: ` CJ` would quietly update CJ (it was trimmed).
    assert!(
        err.contains("m.csv:6: code: ' CJ' is not a code (no spaces"),
        "{err}"
    );
    let rewards = s.file(
        "c.csv",
        "code,name,cost,stock,category\n\u{feff}GIFT,x,10,,gift\n",
    );
    // A BOM at the very start is the file's; inside a cell it is not.
    let rewards2 = s.file(
        "c2.csv",
        "code,name,cost,stock,category\nG\u{feff}IFT,x,10,,gift\n",
    );
    s.merit()
        .args(["catalog", "import", &rewards])
        .assert()
        .code(2);
    let out = s
        .merit()
        .args(["catalog", "import", &rewards2])
        .assert()
        .code(2);
    assert!(stderr(&out).contains("U+FEFF"), "{}", stderr(&out));
}

#[test]
fn a_cost_beyond_the_range_says_so() {
    let s = Sandbox::new();
    let file = s.file(
        "c.csv",
        "code,name,cost,stock,category\nBIG,x,2000000000000000,,gift\n",
    );
    let out = s
        .merit()
        .args(["catalog", "import", &file])
        .assert()
        .code(2);
    assert!(
        stderr(&out).contains("c.csv:2: cost: '2000000000000000' must be at most 1000000000000000"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_foreign_database_is_refused_in_one_line_and_left_as_it_was() {
    // A SQLite file's (tests/postgres.rs refuses a foreign database).
    let s = Sandbox::file_only();
    let conn = rusqlite::Connection::open(s.db()).unwrap();
    conn.execute_batch(
        "CREATE TABLE members(id INTEGER, email TEXT); INSERT INTO members VALUES (1, 'a@b');",
    )
    .unwrap();
    drop(conn);
    let before = std::fs::read(s.db()).unwrap();
    let out = s.merit().args(["standings", "2026-Q1"]).assert().code(1);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("not a merit store (a SQLite database with other tables); it was not changed"),
        "{err}"
    );
    assert_eq!(std::fs::read(s.db()).unwrap(), before);
}

#[test]
fn a_damaged_store_says_it_is_damaged() {
    // A damaged file's.
    let s = Sandbox::file_only();
    s.load_q1();
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-01"]);
    let conn = rusqlite::Connection::open(s.db()).unwrap();
    conn.execute_batch(
        "PRAGMA ignore_check_constraints = ON; UPDATE awards SET points = 'lots' WHERE id = 1;",
    )
    .unwrap();
    let day: String = conn
        .query_row("SELECT date FROM awards WHERE id = 1", [], |r| r.get(0))
        .unwrap();
    drop(conn);
    // A whole month's standings read the month sums (verify holds them to
    // the awards); a week's are summed from the awards, and meet the damage.
    let week = merit::domain::parse_date(&day).unwrap().iso_week();
    let week = format!("{}-W{:02}", week.year(), week.week());
    for args in [vec!["standings", week.as_str()], vec!["verify"]] {
        let out = s.merit().args(&args).assert().code(1);
        let err = stderr(&out);
        assert!(
            err.starts_with("merit: the store is damaged:"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("Invalid column type"), "{err}");
    }
}

/// `merit` on the sandbox's store as a plain process.
fn std_merit(s: &Sandbox) -> std::process::Command {
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("merit"));
    c.env("MERIT_DB", s.db())
        .env("MERIT_KEY", s.key())
        .env("MERIT_TODAY", "2026-04-10")
        .env("MERIT_USER", "lead");
    c
}

/// Runs merit as `nobody` (root and runuser needed; `None` otherwise).
fn as_nobody(args: &[&str], db: &Path) -> Option<std::process::Output> {
    let root = std::fs::metadata("/proc/self").ok().map(|m| {
        use std::os::unix::fs::MetadataExt;
        m.uid() == 0
    })?;
    if !root {
        return None;
    }
    let bin = assert_cmd::cargo::cargo_bin("merit");
    std::process::Command::new("runuser")
        .args(["-u", "nobody", "--"])
        .arg(bin)
        .arg("--db")
        .arg(db)
        .args(args)
        .env("MERIT_USER", "lead")
        .env("MERIT_TODAY", "2026-04-10")
        .env("MERIT_KEY", db.with_extension("key"))
        .output()
        .ok()
}

#[test]
fn a_writable_store_in_a_read_only_directory_says_so() {
    let top = tempfile::Builder::new()
        .permissions(std::fs::Permissions::from_mode(0o755))
        .tempdir()
        .unwrap();
    let dir = top.path().join("ro");
    std::fs::create_dir(&dir).unwrap();
    let db = dir.join("store.db");
    if std::process::Command::new("chown")
        .args(["nobody", dir.to_str().unwrap()])
        .status()
        .map(|s| !s.success())
        .unwrap_or(true)
    {
        eprintln!("cannot hand a directory to nobody here");
        return;
    }
    // nobody must be able to run this build (its directory may be private).
    let runs = as_nobody(&["--version"], &db).is_some_and(|o| o.status.success());
    if !runs {
        eprintln!("cannot run merit as nobody here: the read-only directory check is skipped");
        return;
    }
    let Some(made) = as_nobody(&["demo", "--members", "2", "--activities", "5"], &db) else {
        eprintln!("cannot run as nobody here");
        return;
    };
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    for f in ["store.db-wal", "store.db-shm"] {
        let _ = std::fs::remove_file(dir.join(f));
    }
    let out = as_nobody(&["standings", "2026-Q1"], &db).unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(
        err.trim_end(),
        format!(
            "merit: cannot write beside {}: the directory is read-only (SQLite needs it for the WAL)",
            db.display()
        )
    );
}

/// Whether `other` can read or enter `dir` as the unprivileged `nobody`
/// (needs root and runuser; `None` when this machine cannot tell).
fn nobody_can_enter(dir: &Path) -> Option<bool> {
    let root = std::fs::metadata("/proc/self").ok().map(|m| {
        use std::os::unix::fs::MetadataExt;
        m.uid() == 0
    })?;
    if !root {
        return None;
    }
    let status = std::process::Command::new("runuser")
        .args(["-u", "nobody", "--", "ls", dir.to_str()?])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .ok()?;
    Some(status.success())
}

/// The pid of `script`'s child (the merit it runs with `exec`).
fn child_of(pid: u32) -> Option<u32> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).ok()?;
    text.split_whitespace().next()?.parse().ok()
}

#[test]
fn the_demo_store_is_private_and_removed_on_kill_int() {
    // script(1) gives merit --demo a terminal.
    assert!(
        common::installed("script", "--version"),
        "script(1) is needed: apt-get install bsdutils (.ci/run does)"
    );
    let tmp = tempfile::tempdir().unwrap();
    // The user's home: the demo leaves no key and no checkpoint there.
    let home = tmp.path().join("home");
    std::fs::create_dir(&home).unwrap();
    // A predictable path prepared by someone else is not used.
    let trap = std::env::temp_dir().join("merit-demo-1.db");
    let bin = assert_cmd::cargo::cargo_bin("merit");
    let mut script = std::process::Command::new("script")
        .args([
            "-qfec",
            &format!("exec {} --demo", bin.display()),
            "/dev/null",
        ])
        .env("TMPDIR", tmp.path())
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env_remove("MERIT_KEY")
        .env("MERIT_TODAY", "2026-04-10")
        .env("TERM", "xterm")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Whatever happens below, no merit is left running.
    struct Reap(u32);
    impl Drop for Reap {
        fn drop(&mut self) {
            if let Some(m) = child_of(self.0) {
                let _ = std::process::Command::new("kill")
                    .arg(m.to_string())
                    .status();
            }
        }
    }
    let _reap = Reap(script.id());
    let mut demo = None;
    for _ in 0..200 {
        std::thread::sleep(Duration::from_millis(100));
        let found = std::fs::read_dir(tmp.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .find(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("merit-demo-")
            });
        if let Some(d) = found
            && d.join("demo.db").exists()
        {
            demo = Some(d);
            break;
        }
    }
    let dir = demo.expect("the demo store appears in a merit-demo-* directory");
    let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "only its owner may enter");
    assert_ne!(dir.join("demo.db"), trap);
    if let Some(entered) = nobody_can_enter(&dir) {
        assert!(!entered, "another user cannot list the demo directory");
    }
    // Wait until the screen is up (the store is written), then kill -INT.
    std::thread::sleep(Duration::from_millis(1500));
    let merit = child_of(script.id()).expect("merit runs under script");
    std::process::Command::new("kill")
        .args(["-INT", &merit.to_string()])
        .status()
        .unwrap();
    let _ = script.wait();
    for _ in 0..50 {
        if !dir.exists() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(!dir.exists(), "the demo directory is removed on kill -INT");
    let left: Vec<_> = walk(&home);
    assert!(left.is_empty(), "the demo left {left:?} in the user's home");
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_slow_piped_import_does_not_hold_the_write_lock() {
    let s = Sandbox::new();
    s.load_q1();
    let fifo = s.dir.path().join("slow.csv");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let mut import = std_merit(&s)
        .args(["import", "activities", fifo.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut writer = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    use std::io::Write;
    writeln!(writer, "ref,member,kind,date,amount").unwrap();
    writer.flush().unwrap();
    std::thread::sleep(Duration::from_millis(500));
    // Meanwhile another lead writes: it never waits for the slow reader
    // (the busy timeout is 5 s; the pipe stays open for 6).
    let other = std::thread::spawn({
        let mut cmd = std_merit(&s);
        cmd.args(["award", "ZW", "5", "--reason", "meanwhile"]);
        move || cmd.output().unwrap()
    });
    std::thread::sleep(Duration::from_secs(6));
    writeln!(writer, "D-100,ZW,deal,2026-03-20,1000").unwrap();
    drop(writer);
    let other = other.join().unwrap();
    assert!(
        other.status.success(),
        "{}",
        String::from_utf8_lossy(&other.stderr)
    );
    assert!(import.wait().unwrap().success());
    assert!(s.ok(&["ledger", "--format", "csv"]).contains("meanwhile"));
    let acts = common::texts(
        &s.db(),
        "SELECT COUNT(*) FROM activities WHERE ref = 'D-100'",
    );
    assert_eq!(acts, vec![vec![Some("1".to_string())]]);
}

/// A store file this user may read but not write (another lead's, shared
/// for viewing): the screen's header says `READ-ONLY`, and a key that
/// would change the store says so at once, asking nothing; the command
/// line's decision says it too, exit 1. Run as `nobody` in tmux (as root
/// every file is writable).
#[test]
fn a_store_file_this_user_may_only_read_opens_read_only() {
    let top = tempfile::Builder::new()
        .permissions(std::fs::Permissions::from_mode(0o755))
        .tempdir()
        .unwrap();
    let dir = top.path().join("shared");
    std::fs::create_dir(&dir).unwrap();
    // The viewer may make SQLite's WAL files beside the store, not write it.
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    let db = dir.join("store.db");
    let lead = |args: &[&str]| {
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("merit"))
            .env("MERIT_DB", &db)
            .env("MERIT_KEY", dir.join("store.key"))
            .env("MERIT_TODAY", "2026-03-31")
            .env("MERIT_USER", "lead")
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let q1 = |f: &str| common::fixture("q1").join(f).display().to_string();
    lead(&["import", "members", &q1("members.csv")]);
    lead(&["import", "activities", &q1("activities.csv")]);
    lead(&["rules", "import", &q1("rules.toml")]);
    lead(&["recalc"]);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let pending = lead(&["ledger", "--status", "pending", "--format", "csv"]);
    let runs = as_nobody(&["--version"], &db).is_some_and(|o| o.status.success());
    assert!(
        runs,
        "this test runs merit as nobody: it needs root, runuser (util-linux) and a build nobody may run"
    );
    // The command line: a decision refused, nothing written.
    let out = as_nobody(&["approve", "2026-Q1"], &db).unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("read-only"), "{err}");
    // The screen.
    common::require("tmux", "-V", "tmux");
    let tmux = common::Tmux::new(top.path());
    let bin = assert_cmd::cargo::cargo_bin("merit");
    tmux.start(
        "ro",
        80,
        24,
        &format!(
            "runuser -u nobody -- env MERIT_DB={} MERIT_TODAY=2026-03-31 MERIT_LANG=en TERM=xterm {}; sleep 30",
            db.display(),
            bin.display()
        ),
    );
    let text = tmux.wait_for("ro", "pending", 100);
    assert!(
        text.lines().next().unwrap_or("").contains("READ-ONLY"),
        "{text}"
    );
    tmux.run(&["send-keys", "-t", "ro", "*", "a"]);
    let refusal = "the store is read-only for this user";
    let text = tmux.wait_for("ro", refusal, 50);
    assert!(text.contains(refusal), "{text}");
    assert!(!text.contains("(y/n)"), "{text}");
    tmux.run(&["send-keys", "-t", "ro", "q"]);
    assert_eq!(
        lead(&["ledger", "--status", "pending", "--format", "csv"]),
        pending
    );
}
