//! The shared-key setup of the README, with two real users in one group
//! (issue 37): both leads seal with the group's key, read and update the
//! same checkpoints, and a rollback between their writes is refused; a
//! lead who cannot write a checkpoint is told on every write, and `merit
//! seal` fails. Needs root (as CI runs) to make the users.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const GROUP: &str = "merit-test-leads";
const LEADS: [&str; 2] = ["merit-test-li", "merit-test-wang"];

fn sh(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd}: {e} (this test needs root, useradd and runuser)"))
        .status
        .success()
}

/// The group and its two leads, made once (the test runs as root, as CI
/// does; it fails loudly otherwise).
fn group_of_two() -> u32 {
    static MADE: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *MADE.get_or_init(make_group_of_two)
}

fn make_group_of_two() -> u32 {
    let root = std::fs::metadata("/proc/self").unwrap().uid() == 0;
    assert!(root, "this test makes two users: run it as root (CI does)");
    sh("groupadd", &["-f", GROUP]);
    for lead in LEADS {
        if !sh("id", &["-u", lead]) {
            assert!(
                sh("useradd", &["-M", "-N", "-g", GROUP, "-s", "/bin/sh", lead]),
                "useradd {lead}"
            );
        }
    }
    let out = Command::new("getent")
        .args(["group", GROUP])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .split(':')
        .nth(2)
        .unwrap()
        .parse()
        .unwrap()
}

struct Shared {
    _base: tempfile::TempDir,
    keys: PathBuf,
    db: PathBuf,
}

/// A folder for the key and one for the store, each set-group-ID for the
/// group (2770), as the README sets them up.
fn shared(gid: u32) -> Shared {
    let base = tempfile::tempdir().unwrap();
    std::fs::set_permissions(base.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let make = |name: &str| {
        let d = base.path().join(name);
        std::fs::create_dir(&d).unwrap();
        std::os::unix::fs::chown(&d, None, Some(gid)).unwrap();
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o2770)).unwrap();
        d
    };
    let keys = make("keys");
    let srv = make("srv");
    Shared {
        keys,
        db: srv.join("merit.db"),
        _base: base,
    }
}

/// `merit args…` as `lead`, with the README's umask.
fn merit(s: &Shared, lead: &str, args: &[&str]) -> Output {
    let bin = assert_cmd::cargo::cargo_bin("merit");
    Command::new("runuser")
        .args([
            "-u",
            lead,
            "--",
            "sh",
            "-c",
            "umask 007; exec \"$0\" \"$@\"",
        ])
        .arg(bin)
        .args(args)
        .env("MERIT_DB", &s.db)
        .env("MERIT_KEY", s.keys.join("seal.key"))
        .env("MERIT_TODAY", "2026-04-10")
        .env("MERIT_USER", lead)
        .env("MERIT_LANG", "en")
        .output()
        .unwrap()
}

fn ok(s: &Shared, lead: &str, args: &[&str]) -> String {
    let out = merit(s, lead, args);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{lead} {args:?}: {err}");
    assert!(!err.contains("warning"), "{lead} {args:?}: {err}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/q1")
        .join(name)
        .display()
        .to_string()
}

fn checkpoint(s: &Shared) -> PathBuf {
    let dir = s.keys.join("checkpoints");
    let found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].clone()
}

#[test]
fn two_leads_of_one_group_share_the_key_and_the_checkpoints() {
    let gid = group_of_two();
    let s = shared(gid);
    let [li, wang] = LEADS;
    ok(&s, li, &["import", "members", &fixture("members.csv")]);
    ok(&s, li, &["import", "targets", &fixture("targets.csv")]);
    ok(
        &s,
        li,
        &["import", "activities", &fixture("activities.csv")],
    );
    ok(&s, li, &["rules", "import", &fixture("rules.toml")]);
    ok(&s, li, &["recalc"]);
    // The key is the group's to read; the checkpoints the group's to write.
    let key = std::fs::metadata(s.keys.join("seal.key")).unwrap();
    assert_eq!((key.mode() & 0o777, key.gid()), (0o640, gid));
    let dir = std::fs::metadata(s.keys.join("checkpoints")).unwrap();
    assert_eq!((dir.mode() & 0o7777, dir.gid()), (0o2770, gid));
    let file = checkpoint(&s);
    let first = std::fs::read_to_string(&file).unwrap();
    assert_eq!(std::fs::metadata(&file).unwrap().mode() & 0o777, 0o660);
    // The second lead verifies, writes, and moves the same checkpoint on.
    assert!(ok(&s, wang, &["verify"]).starts_with("the store is whole"));
    let before_approval = std::fs::read(&s.db).unwrap();
    ok(&s, wang, &["approve", "2026-Q1"]);
    let after = std::fs::read_to_string(checkpoint(&s)).unwrap();
    assert_ne!(first, after);
    assert!(ok(&s, li, &["verify"]).starts_with("the store is whole"));
    ok(
        &s,
        li,
        &[
            "award",
            "ZW",
            "5",
            "--reason",
            "help",
            "--date",
            "2026-04-01",
        ],
    );
    // A copy from before the approvals put back: the next write, by
    // either lead, is refused, and verify names it.
    for side in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{side}", s.db.display()));
    }
    std::fs::write(&s.db, before_approval).unwrap();
    for lead in LEADS {
        let out = merit(&s, lead, &["award", "ZW", "1", "--reason", "x"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{lead}: {err}");
        assert!(
            err.contains("an older copy of the store put back?"),
            "{lead}: {err}"
        );
        let out = merit(&s, lead, &["verify"]);
        assert_eq!(out.status.code(), Some(1), "{lead}");
    }
}

#[test]
fn a_lead_who_cannot_write_the_checkpoint_is_told_and_seal_fails() {
    let gid = group_of_two();
    let s = shared(gid);
    let [li, wang] = LEADS;
    ok(&s, li, &["import", "members", &fixture("members.csv")]);
    // The checkpoints folder closed to the group (as a key folder of 2750
    // left it before).
    let dir = s.keys.join("checkpoints");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o2750)).unwrap();
    let out = merit(&s, wang, &["import", "targets", &fixture("targets.csv")]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("merit: warning: ") && err.contains("cannot write the checkpoint"),
        "{err}"
    );
    let out = merit(&s, wang, &["seal"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
