//! Integrity and the period lifecycle through the command line (SPEC §5,
//! §9): `verify` catches a ledger edited, shortened or padded behind merit's
//! back; closed periods refuse decisions and make recalc skip; the audit log
//! lists every write.

mod common;
use common::Sandbox;
use rusqlite::Connection;

/// The q1 store with the whole quarter approved (in a database when the
/// suites run on PostgreSQL).
fn approved_q1() -> Sandbox {
    approved(Sandbox::new())
}

/// `approved_q1` in a file whatever the suites run on: what the sqlite3
/// shell edits behind merit's back (tests/postgres.rs edits a database).
fn approved_q1_file() -> Sandbox {
    approved(Sandbox::file_only())
}

fn approved(s: Sandbox) -> Sandbox {
    s.load_q1();
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1"]);
    s
}

/// A connection as the sqlite3 shell would have, with the ledger's guard
/// triggers dropped, as someone tampering would.
fn tamper(s: &Sandbox) -> Connection {
    let c = Connection::open(s.db()).unwrap();
    c.execute_batch(
        "DROP TRIGGER ledger_is_append_only_update; DROP TRIGGER ledger_is_append_only_delete;",
    )
    .unwrap();
    c
}

fn verify_fails(s: &Sandbox) -> String {
    let out = s.merit().arg("verify").assert().code(1);
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

#[test]
fn verify_passes_on_a_store_that_went_through_the_quarter() {
    let s = approved_q1();
    let out = s.ok(&["verify"]);
    assert!(
        out.starts_with("the store is whole: 16 ledger entries chained"),
        "{out}"
    );
}

#[test]
fn verify_catches_an_edited_ledger_row() {
    let s = approved_q1_file();
    tamper(&s)
        .execute("UPDATE ledger SET points = 100000 WHERE id = 5", [])
        .unwrap();
    let err = verify_fails(&s);
    let first = err.lines().next().unwrap();
    assert_eq!(
        first,
        "merit: ledger entry 5: its fields do not match its hash (changed after it was written?)"
    );
}

#[test]
fn verify_catches_an_edit_that_keeps_the_points_but_changes_the_member() {
    let s = approved_q1_file();
    tamper(&s)
        .execute("UPDATE ledger SET note = 'x' WHERE id = 2", [])
        .unwrap();
    assert!(verify_fails(&s).starts_with("merit: ledger entry 2: its fields do not match"));
}

#[test]
fn verify_catches_a_deleted_ledger_row() {
    let s = approved_q1_file();
    tamper(&s)
        .execute("DELETE FROM ledger WHERE id = 7", [])
        .unwrap();
    let err = verify_fails(&s);
    assert!(
        err.starts_with("merit: ledger entry 8: entry 7 before it is missing (removed?)"),
        "{err}"
    );
}

#[test]
fn verify_catches_the_last_row_deleted() {
    let s = approved_q1_file();
    tamper(&s)
        .execute("DELETE FROM ledger WHERE id = 16", [])
        .unwrap();
    let err = verify_fails(&s);
    assert!(
        err.starts_with("merit: ledger entry 16: missing; the ledger ends at entry 15"),
        "{err}"
    );
}

#[test]
fn verify_catches_an_inserted_ledger_row() {
    let s = approved_q1_file();
    tamper(&s)
        .execute(
            "INSERT INTO ledger(member, date, kind, points, note, actor, created_at) \
             VALUES ('ZW', '2026-03-31', 'manual', 100000, 'bonus', 'mallory', '2026-04-01')",
            [],
        )
        .unwrap();
    let err = verify_fails(&s);
    assert!(
        err.starts_with(
            "merit: ledger entry 17: has no hash: it was not written by merit (inserted?)"
        ),
        "{err}"
    );
}

#[test]
fn verify_catches_a_copied_hash_on_an_inserted_row() {
    let s = approved_q1_file();
    // A forger copies the last row, hash and all, under the next id.
    tamper(&s)
        .execute(
            "INSERT INTO ledger SELECT 17, member, date, kind, points, award_id, note, actor, \
             created_at, balance_after, prev_hash, hash FROM ledger WHERE id = 16",
            [],
        )
        .unwrap();
    let err = verify_fails(&s);
    assert!(err.starts_with("merit: ledger entry 17: "), "{err}");
}

#[test]
fn verify_catches_a_balance_changed_beside_the_ledger() {
    let s = approved_q1_file();
    Connection::open(s.db())
        .unwrap()
        .execute(
            "UPDATE member_balances SET balance = balance + 100000 WHERE member = 'ZW'",
            [],
        )
        .unwrap();
    let err = verify_fails(&s);
    assert!(
        err.starts_with("merit: member ZW: the recorded balance is ")
            && err.contains("the ledger comes to ")
            && err.contains("(changed?)"),
        "{err}"
    );
}

#[test]
fn verify_catches_an_approved_award_whose_points_were_changed() {
    let s = approved_q1_file();
    Connection::open(s.db())
        .unwrap()
        .execute("UPDATE awards SET points = points + 100 WHERE id = 3", [])
        .unwrap();
    let err = verify_fails(&s);
    assert!(
        err.starts_with("merit: award 3: approved, but no ledger entry posts it"),
        "{err}"
    );
}

#[test]
fn closing_is_refused_while_awards_are_pending() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    let before = s.dump();
    let out = s.merit().args(["close", "2026-Q1"]).assert().code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(
        err,
        "merit: 2026-Q1 has 16 pending awards (521.5 points): approve or reject them before closing it\n"
    );
    assert_eq!(s.dump(), before, "nothing written");
}

#[test]
fn a_closed_period_refuses_decisions_and_manual_awards() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-01"]);
    assert_eq!(s.ok(&["close", "2026-01"]), "2026-01 closed\n");
    let before = s.dump();
    for args in [
        vec!["approve", "2026-01"],
        vec!["reject", "2026-01", "--reason", "late"],
        vec![
            "award",
            "ZW",
            "10",
            "--reason",
            "help",
            "--date",
            "2026-01-20",
        ],
    ] {
        let out = s.merit().args(&args).assert().code(1);
        let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert!(
            err.contains("2026-01 is closed (by lead, "),
            "{args:?}: {err}"
        );
        assert!(err.contains("merit reopen 2026-01"), "{args:?}: {err}");
    }
    assert_eq!(s.dump(), before, "nothing written");
    // Open periods still work.
    assert!(
        s.ok(&["approve", "2026-02"])
            .starts_with("approved 6 awards")
    );
}

#[test]
fn recalc_skips_changes_in_a_closed_period_and_makes_them_once_reopened() {
    let s = approved_q1();
    s.ok(&["close", "2026-Q1"]);
    let standings = s.ok(&["standings", "2026-Q1"]);
    // The CRM corrects a January deal, and a rule gives more for deals.
    let fixed = std::fs::read_to_string(common::fixture("q1").join("activities.csv"))
        .unwrap()
        .replace(
            "D-001,ZW,deal,2026-01-12,120000",
            "D-001,ZW,deal,2026-01-12,220000",
        );
    let csv = s.file("fixed.csv", &fixed);
    s.ok(&["import", "activities", &csv]);
    // D-001's deal points and ZW's quarter attainment would both change.
    let skipped = "0 new, 0 changed, 0 withdrawn, 0 adjustments, 2 skipped\n";
    assert_eq!(s.ok(&["recalc"]), skipped);
    assert_eq!(s.ok(&["recalc"]), skipped);
    assert_eq!(
        s.ok(&["standings", "2026-Q1", "--include-pending"]),
        standings
    );
    let out = s.merit().args(["reopen", "2026-Q1"]).assert().code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("--reason"));
    assert_eq!(
        s.ok(&["reopen", "2026-Q1", "--reason", "CRM corrected D-001"]),
        "2026-Q1 reopened\n"
    );
    assert_eq!(
        s.ok(&["recalc"]),
        "0 new, 0 changed, 0 withdrawn, 2 adjustments, 0 skipped\n"
    );
    s.ok(&["verify"]);
}

#[test]
fn reopening_a_month_inside_a_closed_quarter_says_it_stays_closed() {
    let s = approved_q1();
    s.ok(&["close", "2026-01"]);
    s.ok(&["close", "2026-Q1"]);
    assert_eq!(
        s.ok(&["close", "2026-02"]).split(" (by").next().unwrap(),
        "2026-Q1 is closed"
    );
    let out = s.ok(&["reopen", "2026-01", "--reason", "fix"]);
    assert!(
        out.starts_with("2026-01 reopened, but it lies in a closed period: 2026-Q1 is closed"),
        "{out}"
    );
    let out = s
        .merit()
        .args(["reopen", "2026-02", "--reason", "fix"])
        .assert()
        .code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("2026-02 is not closed itself"), "{err}");
}

#[test]
fn the_audit_log_lists_every_write_with_its_actor() {
    let s = approved_q1();
    s.ok(&["close", "2026-Q1"]);
    s.ok(&["reopen", "2026-Q1", "--reason", "late deal"]);
    s.merit()
        .env("MERIT_USER", "wang")
        .args([
            "award",
            "ZW",
            "5",
            "--reason",
            "mentoring",
            "--date",
            "2026-04-02",
        ])
        .assert()
        .success();
    let csv = s.ok(&["audit", "--format", "csv"]);
    let actions: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(3))
        .collect();
    for want in [
        "import members",
        "import targets",
        "import activities",
        "rules import",
        "recalc",
        "approve",
        "approved",
        "close",
        "reopen",
        "manual award",
    ] {
        assert!(actions.contains(&want), "{want} missing from {actions:?}");
    }
    assert_eq!(
        csv.lines().next().unwrap(),
        "id,at,actor,action,subject,detail"
    );
    let wang = s.ok(&["audit", "--actor", "wang", "--format", "csv"]);
    // (Each write made with the fixed test date is audited as such too.)
    assert_eq!(
        wang.lines().filter(|l| !l.contains(",fixed date,")).count(),
        2,
        "{wang}"
    );
    assert!(wang.contains(",wang,manual award,award 17,ZW 5 on 2026-04-02 (manual): mentoring"));
    let reopen: Vec<&str> = csv.lines().filter(|l| l.contains(",reopen,")).collect();
    assert!(reopen[0].ends_with("reason: late deal"), "{reopen:?}");
    // Approving the quarter wrote one entry per award, about that award.
    assert_eq!(
        csv.lines()
            .filter(|l| l.contains(",approved,award "))
            .count(),
        16
    );
    let since = s.ok(&["audit", "--since", "2099-01-01"]);
    assert_eq!(since, "id  at  actor  action  subject  detail\n");
}

#[test]
fn a_store_that_went_through_everything_verifies() {
    let s = approved_q1();
    // Rewards, a redemption approved and one rejected, expiry, a penalty.
    let rewards = s.file(
        "r.csv",
        "code,name,cost,stock,category\nGIFT,礼品卡,50,3,gift\n",
    );
    s.ok(&["catalog", "import", &rewards]);
    s.ok(&["redeem", "ZW", "GIFT"]);
    s.ok(&["redeem", "WF", "GIFT", "--qty", "2"]);
    s.ok(&["redemptions", "approve", "1"]);
    s.ok(&["redemptions", "reject", "2", "--reason", "budget"]);
    s.ok(&[
        "award",
        "LN",
        "-15",
        "--reason",
        "late report",
        "--date",
        "2026-04-02",
    ]);
    s.ok(&["approve", "2026-Q2"]);
    s.ok(&["close", "2026-Q1"]);
    s.ok(&["recalc"]);
    s.ok(&["reopen", "2026-Q1", "--reason", "audit"]);
    let rules = std::fs::read_to_string(common::fixture("q1").join("rules.toml")).unwrap();
    let rules = s.file(
        "rules.toml",
        &format!("[settings]\nexpire_after_months = 1\n\n{rules}"),
    );
    s.ok(&["rules", "import", &rules]);
    s.ok(&["--today", "2026-12-31", "expire", "--as-of", "2026-12-31"]);
    let out = s.ok(&["verify"]);
    assert!(
        out.starts_with("the store is whole: ") && out.contains("and 1 approved redemptions"),
        "{out}"
    );
    let audit = s.ok(&["audit", "--format", "csv"]);
    for want in [
        ",redeem,redemption 1,",
        ",approved,redemption 1,",
        ",rejected,redemption 2,\"WF GIFT ×2, 100 points, reason: budget\"",
        ",expire,,",
        ",reopen,period 2026-Q1,",
    ] {
        assert!(audit.contains(want), "{want} missing:\n{audit}");
    }
}

/// `--out` never names the store, its journal, the seal key or a
/// checkpoint merit keeps, nor writes through a link: refused, exit 2,
/// nothing written. A file of the user's own is replaced whole, readable
/// by its owner alone (a payroll holds pay).
#[test]
fn out_never_overwrites_merits_own_files_or_follows_a_link() {
    use std::os::unix::fs::PermissionsExt;
    let s = approved_q1_file();
    s.ok(&["seal"]);
    let store = std::fs::read(s.db()).unwrap();
    let key = std::fs::read(s.key()).unwrap();
    let checkpoints = s.key().parent().unwrap().join("checkpoints");
    let kept = std::fs::read_dir(&checkpoints)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let link = s.dir.path().join("link.csv");
    let elsewhere = s.dir.path().join("elsewhere.csv");
    std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
    let wal = format!("{}-wal", s.db().display());
    let refusals = [
        (
            s.db().display().to_string(),
            "is the store (or its journal)",
        ),
        (wal, "is the store (or its journal)"),
        (s.key().display().to_string(), "is the seal key"),
        (
            kept.display().to_string(),
            "is in the folder of merit's checkpoints",
        ),
        (link.display().to_string(), "is a symbolic link"),
        (s.dir.path().display().to_string(), "is a folder"),
    ];
    for (path, said) in &refusals {
        for args in [
            vec!["export", "payroll", "2026-Q1", "--out", path],
            vec!["seal", "--out", path],
        ] {
            let o = s.merit().args(&args).output().unwrap();
            let stderr = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {stderr}");
            assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
            assert!(
                stderr.starts_with(&format!("merit: {path}: {said}")) && stderr.contains("--out"),
                "{args:?}: {stderr}"
            );
        }
    }
    assert_eq!(std::fs::read(s.db()).unwrap(), store, "the store untouched");
    assert_eq!(std::fs::read(s.key()).unwrap(), key, "the key untouched");
    assert!(!elsewhere.exists(), "nothing written through the link");
    // A file of the user's own: replaced, private.
    let pay = s.dir.path().join("pay.csv");
    std::fs::write(&pay, "old").unwrap();
    std::fs::set_permissions(&pay, std::fs::Permissions::from_mode(0o644)).unwrap();
    let pay_s = pay.display().to_string();
    s.ok(&["export", "payroll", "2026-Q1", "--out", &pay_s]);
    assert!(
        std::fs::read_to_string(&pay)
            .unwrap()
            .starts_with("member,name,team,points\n")
    );
    let mode = std::fs::metadata(&pay).unwrap().permissions().mode();
    assert_eq!(mode & 0o077, 0, "{mode:o}");
    let line = s.ok(&["seal", "--out", &pay_s]);
    assert_eq!(std::fs::read_to_string(&pay).unwrap(), line);
}
