//! No store from a typo (issue 38): only the commands that make a store by
//! design (`import …`, `rules import`, `catalog import`, `demo`) make one;
//! every other command on a missing store says `no store at PATH` (exit 1)
//! and leaves nothing behind, and so does a making command that fails. A
//! file that is not a merit store is left byte for byte.

mod common;
use common::Sandbox;

fn nothing_at(s: &Sandbox) {
    for side in ["", "-wal", "-shm"] {
        let p = format!("{}{side}", s.db().display());
        assert!(!std::path::Path::new(&p).exists(), "{p} was left behind");
    }
}

#[test]
fn every_other_command_on_a_missing_store_says_so_and_leaves_nothing() {
    let s = Sandbox::new();
    let out = s.dir.path().join("site");
    let out = out.to_str().unwrap();
    let commands: &[&[&str]] = &[
        &["approve", "2026-Q1"],
        &["reject", "2026-Q1", "--reason", "x"],
        &["recalc"],
        &["expire"],
        &["close", "2026-01"],
        &["reopen", "2026-01", "--reason", "x"],
        &["seal"],
        &["seal", "--accept", "--reason", "x"],
        &["publish", "2026-Q1", "--out", out],
        &["award", "ZW", "5", "--reason", "x"],
        &["award", "ZW", "not-a-number", "--reason", "x"],
        &["redeem", "ZW", "GIFT"],
        &["dispute", "1", "--reason", "x"],
        &["resolve", "1", "--reject", "--reason", "x"],
        &["redemptions", "approve", "1"],
        &["verify"],
        &["standings", "2026-Q1"],
        &["rules", "export"],
    ];
    for args in commands {
        let o = s.merit().args(*args).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.starts_with(&format!("merit: no store at {}", s.db().display())),
            "{args:?}: {err}"
        );
        nothing_at(&s);
        assert!(!std::path::Path::new(out).exists());
    }
}

#[test]
fn a_making_command_that_fails_leaves_no_store() {
    let s = Sandbox::new();
    let bad = s.file("m.csv", "code,name,team\nZW,张伟\n");
    s.merit().args(["import", "members", &bad]).assert().code(2);
    nothing_at(&s);
    let rules = s.file("r.toml", "[[rules]]\nid = 1\n");
    s.merit().args(["rules", "import", &rules]).assert().code(2);
    nothing_at(&s);
    // One that succeeds makes it.
    s.load_q1();
    assert!(s.db().exists());
}

#[test]
fn someone_elses_database_with_a_user_version_is_left_byte_for_byte() {
    let s = Sandbox::new();
    let c = rusqlite::Connection::open(s.db()).unwrap();
    c.execute_batch("CREATE TABLE x(a); INSERT INTO x VALUES (1); PRAGMA user_version = 3;")
        .unwrap();
    drop(c);
    let before = std::fs::read(s.db()).unwrap();
    for args in [
        &["verify"][..],
        &["recalc"][..],
        &["import", "members", "/dev/null"][..],
    ] {
        let o = s.merit().args(args).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_ne!(o.status.code(), Some(0), "{args:?}");
        assert!(err.contains("not a merit store"), "{args:?}: {err}");
        assert_eq!(
            std::fs::read(s.db()).unwrap(),
            before,
            "{args:?} changed it"
        );
        assert!(!std::path::Path::new(&format!("{}-wal", s.db().display())).exists());
    }
}

/// A file of no bytes is no store: a command that only reads says so and
/// leaves it as it was (SQLite would have made a store of it).
#[test]
fn an_empty_file_is_no_store() {
    let s = Sandbox::file_only();
    std::fs::write(s.db(), "").unwrap();
    for args in [&["standings", "2026-Q1"][..], &["verify"]] {
        let o = s.merit().args(args).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.starts_with("merit: no store at "), "{args:?}: {err}");
        assert_eq!(std::fs::metadata(s.db()).unwrap().len(), 0, "{args:?}");
    }
    // A making command that fails leaves it as it was, empty, and its
    // own: not removed.
    let bad = s.file("m.csv", "code,name,team\nZW,张伟\n");
    s.merit().args(["import", "members", &bad]).assert().code(2);
    assert_eq!(std::fs::metadata(s.db()).unwrap().len(), 0);
    // A command that makes a store makes it there.
    s.load_q1();
    assert!(s.ok(&["standings", "2026-Q1"]).contains("张伟"));
}

/// A mistyped database address is refused (exit 2), not made a file of
/// that name, and a password in it is never shown.
#[test]
fn a_mistyped_database_address_makes_no_file_and_shows_no_password() {
    let s = Sandbox::file_only();
    s.load_q1();
    let from = s.db().display().to_string();
    for name in [
        "postgres:merit",
        "postgresql:/merit?host=/tmp&password=s3cret",
        "postgresq://li:s3cret@/merit",
        "pgsql:x?password=s3cret",
        "dbname=merit host=db password=s3cret",
    ] {
        for args in [
            vec!["--db", name, "import", "members", "m.csv"],
            vec!["copy", "--from", &from, "--to", name],
        ] {
            let o = s
                .merit()
                .current_dir(s.dir.path())
                .args(&args)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
            assert!(err.contains("looks like a database address"), "{err}");
            assert!(!err.contains("s3cret"), "{err}");
        }
    }
    let files: Vec<_> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(':'))
        .collect();
    assert!(files.is_empty(), "{files:?}");
}

/// A copy killed after it set up its destination left a store holding
/// nothing: the copy is tried again and takes it (it said "already holds a
/// store" for good).
#[test]
fn a_store_a_killed_copy_left_empty_takes_the_copy_again() {
    let s = Sandbox::file_only();
    s.load_q1();
    let to = s.dir.path().join("to.db");
    drop(merit_core::store::Store::open(&to).unwrap());
    let (from, to_s) = (s.db().display().to_string(), to.display().to_string());
    s.ok(&["copy", "--from", &from, "--to", &to_s]);
    let mut standings = s.merit();
    standings
        .env("MERIT_DB", &to)
        .args(["standings", "2026-Q1", "--format", "csv"]);
    assert_eq!(
        String::from_utf8(standings.output().unwrap().stdout).unwrap(),
        s.ok(&["standings", "2026-Q1", "--format", "csv"])
    );
    // A store holding something is still refused.
    let o = s
        .merit()
        .args(["copy", "--from", &from, "--to", &to_s])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("already holds"));
}

/// `merit copy --to` a folder says so (it said the folder already held a
/// store or other data).
#[test]
fn a_copy_to_a_folder_says_it_is_a_folder() {
    let s = Sandbox::file_only();
    s.load_q1();
    let from = s.db().display().to_string();
    let folder = s.dir.path().join("backups");
    std::fs::create_dir(&folder).unwrap();
    let o = s
        .merit()
        .args(["copy", "--from", &from, "--to", folder.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("is a folder: name the new store's file in it"),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
}

/// A command refused for want of a store leaves nothing behind, not even
/// the default store's folder (it made `~/.local/share/merit/`); the
/// command that makes the store makes it, private.
#[test]
fn a_refused_command_leaves_no_default_folder() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let merit = |args: &[&str]| {
        let mut c = assert_cmd::Command::cargo_bin("merit").unwrap();
        c.env("HOME", home.path())
            .env_remove("XDG_DATA_HOME")
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("MERIT_DB")
            .env_remove("MERIT_KEY")
            .env("MERIT_LANG", "en")
            .env("MERIT_TODAY", "2026-04-10")
            .args(args);
        c
    };
    let folder = home.path().join(".local/share/merit");
    let out = merit(&["ledger"]).assert().code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("no store at"), "{err}");
    assert!(!folder.exists(), "a folder was made");
    merit(&["demo", "--members", "2", "--activities", "5"])
        .assert()
        .success();
    assert!(folder.join("merit.db").exists());
    let mode = std::fs::metadata(&folder).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
}
