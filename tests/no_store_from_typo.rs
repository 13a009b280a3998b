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
