//! Several real `merit` processes on one store file (SPEC §3, §9): two
//! approvals at once decide each award exactly once; a process killed with
//! SIGKILL in the middle of an import, a recalc or a bulk approval leaves
//! the store as before or as after, and `verify` passes; a store held busy
//! past the timeout gives a clear message and exit 1.

mod common;
use common::{Sandbox, fixture};
use rusqlite::Connection;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const MEMBERS: usize = 40;

/// `merit` as a plain child process on `db`.
fn merit(db: &Path, actor: &str, args: &[&str]) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("merit"));
    c.env("MERIT_DB", db)
        .env("MERIT_TODAY", "2026-12-31")
        .env("MERIT_USER", actor)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

fn run(db: &Path, args: &[&str]) -> String {
    let out = merit(db, "lead", args).output().unwrap();
    assert!(
        out.status.success(),
        "merit {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Members (Chinese names among them) and `n` deals over 2026.
fn write_inputs(s: &Sandbox, n: usize) -> (String, String) {
    let mut members = String::from("code,name,team\n");
    for i in 0..MEMBERS {
        let name = if i % 2 == 0 {
            format!("张伟{i}")
        } else {
            format!("Rep {i}")
        };
        members.push_str(&format!("M{i:02},{name},{}\n", ["East", "West"][i % 2]));
    }
    let mut acts = String::from("ref,member,kind,date,amount,customer_tier\n");
    for i in 0..n {
        // A fixed, spread-out pattern: no randomness in tests.
        let m = (i * 7) % MEMBERS;
        let month = (i % 12) + 1;
        let day = (i % 28) + 1;
        let amount = 5_000 + (i * 7919) % 200_000;
        let tier = ["A", "B", "C"][i % 3];
        acts.push_str(&format!(
            "R{i:06},M{m:02},deal,2026-{month:02}-{day:02},{amount},{tier}\n"
        ));
    }
    (s.file("members.csv", &members), s.file("acts.csv", &acts))
}

/// A store with members and rules, and the activities file to import.
fn base(s: &Sandbox, n: usize) -> String {
    let (members, acts) = write_inputs(s, n);
    run(&s.db(), &["import", "members", &members]);
    let rules = fixture("q1").join("rules.toml");
    run(&s.db(), &["rules", "import", rules.to_str().unwrap()]);
    acts
}

fn count(db: &Path, sql: &str) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// Copies a store (and its WAL, if any) to `to`.
fn copy_store(from: &Path, to: &Path) {
    for ext in ["", "-wal"] {
        let f = format!("{}{ext}", from.display());
        if Path::new(&f).exists() {
            std::fs::copy(&f, format!("{}{ext}", to.display())).unwrap();
        }
    }
}

/// Starts the child, kills it with SIGKILL after `ms`, reaps it.
fn kill_after(mut cmd: Command, ms: u64) {
    let mut child: Child = cmd.spawn().unwrap();
    std::thread::sleep(Duration::from_millis(ms));
    let _ = child.kill();
    let _ = child.wait();
}

fn verify_passes(db: &Path) {
    let out = merit(db, "lead", &["verify"]).output().unwrap();
    assert!(
        out.status.success(),
        "verify: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// "approved 12 awards, 34 points; 5 already decided (by li: 5)" → (12, 5)
fn approved_and_already(line: &str) -> (i64, i64) {
    let n = |s: &str| s.split_whitespace().next().unwrap().parse::<i64>().unwrap();
    let approved = n(line.strip_prefix("approved ").unwrap());
    let already = line.split("; ").nth(1).map_or(0, n);
    (approved, already)
}

#[test]
fn two_approvals_at_once_decide_each_award_exactly_once() {
    let s = Sandbox::new();
    let acts = base(&s, 6_000);
    run(&s.db(), &["import", "activities", &acts]);
    run(&s.db(), &["recalc"]);
    let pending = count(
        &s.db(),
        "SELECT COUNT(*) FROM awards WHERE status = 'pending'",
    );
    assert!(pending > 1000, "{pending}");
    // The same store approved by one process, for comparison.
    let single = s.dir.path().join("single.db");
    copy_store(&s.db(), &single);
    run(&single, &["approve", "2026"]);

    let a = merit(&s.db(), "li", &["approve", "2026"]).spawn().unwrap();
    let b = merit(&s.db(), "wang", &["approve", "2026"])
        .spawn()
        .unwrap();
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success() && b.status.success());
    let (a, b) = (
        String::from_utf8(a.stdout).unwrap(),
        String::from_utf8(b.stdout).unwrap(),
    );
    let ((na, already_a), (nb, already_b)) = (approved_and_already(&a), approved_and_already(&b));
    assert_eq!(na + nb, pending, "li: {a} wang: {b}");
    // Whoever lost names the winner for what it saw pending and could not decide.
    if already_a > 0 {
        assert!(a.contains("(by wang: "), "{a}");
    }
    if already_b > 0 {
        assert!(b.contains("(by li: "), "{b}");
    }
    let posted = count(&s.db(), "SELECT COUNT(*) FROM ledger");
    assert_eq!(posted, pending);
    assert_eq!(
        count(&s.db(), "SELECT COUNT(DISTINCT award_id) FROM ledger"),
        pending
    );
    for period in ["2026", "2026-Q3", "2026-12"] {
        assert_eq!(
            run(&s.db(), &["standings", period]),
            run(&single, &["standings", period])
        );
    }
    verify_passes(&s.db());
}

#[test]
fn an_import_killed_at_any_moment_leaves_all_or_nothing() {
    let s = Sandbox::new();
    let acts = base(&s, 20_000);
    let clean = s.dir.path().join("clean.db");
    copy_store(&s.db(), &clean);
    for ms in [30, 150, 400, 900, 2_000] {
        let db = s.dir.path().join(format!("import-{ms}.db"));
        copy_store(&clean, &db);
        kill_after(merit(&db, "cron", &["import", "activities", &acts]), ms);
        let n = count(&db, "SELECT COUNT(*) FROM activities");
        assert!(
            n == 0 || n == 20_000,
            "killed after {ms} ms: {n} activities"
        );
        verify_passes(&db);
        // The store still works: the import can be run (again).
        run(&db, &["import", "activities", &acts]);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM activities"), 20_000);
    }
}

#[test]
fn a_recalc_or_an_approval_killed_at_any_moment_leaves_before_or_after() {
    let s = Sandbox::new();
    let acts = base(&s, 12_000);
    run(&s.db(), &["import", "activities", &acts]);
    let imported = s.dir.path().join("imported.db");
    copy_store(&s.db(), &imported);
    run(&s.db(), &["recalc"]);
    let awards = count(&s.db(), "SELECT COUNT(*) FROM awards");
    let recalculated = s.dir.path().join("recalculated.db");
    copy_store(&s.db(), &recalculated);

    for ms in [40, 200, 600, 1_500] {
        let db = s.dir.path().join(format!("recalc-{ms}.db"));
        copy_store(&imported, &db);
        kill_after(merit(&db, "cron", &["recalc"]), ms);
        let n = count(&db, "SELECT COUNT(*) FROM awards");
        assert!(
            n == 0 || n == awards,
            "recalc killed after {ms} ms: {n} awards"
        );
        verify_passes(&db);

        let db = s.dir.path().join(format!("approve-{ms}.db"));
        copy_store(&recalculated, &db);
        kill_after(merit(&db, "lead", &["approve", "2026"]), ms);
        let posted = count(&db, "SELECT COUNT(*) FROM ledger");
        let approved = count(&db, "SELECT COUNT(*) FROM awards WHERE status = 'approved'");
        assert_eq!(posted, approved, "approve killed after {ms} ms");
        assert!(
            posted == 0 || posted == awards,
            "approve killed after {ms} ms: {posted}"
        );
        verify_passes(&db);
    }
}

#[test]
fn a_store_busy_past_the_timeout_is_a_clear_failure_and_nothing_is_written() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    let before = s.dump();
    let holder = Connection::open(s.db()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let out = s.merit().args(["approve", "2026-Q1"]).assert().code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(
        err,
        "merit: the store is busy: another merit is writing to it; try again in a moment\n"
    );
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert_eq!(s.dump(), before);
    // Reads are not held up by a writer.
    s.ok(&["standings", "2026-Q1"]);
}

#[test]
fn verify_while_another_process_writes_never_reports_a_problem() {
    // verify reads on two connections: a write landing between their
    // snapshots must make it read again, never look like tampering.
    let s = Sandbox::new();
    let acts = base(&s, 3000);
    run(&s.db(), &["import", "activities", &acts]);
    run(&s.db(), &["recalc"]);
    let db = s.db();
    let writer = {
        let db = db.clone();
        std::thread::spawn(move || {
            for m in 1..=12 {
                run(&db, &["approve", &format!("2026-{m:02}")]);
                run(&db, &["award", "M01", "5", "--reason", "help"]);
            }
        })
    };
    let mut checked = 0;
    while !writer.is_finished() || checked == 0 {
        let out = merit(&db, "lead", &["verify"]).output().unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        match out.status.code() {
            Some(0) => assert!(stdout.starts_with("the store is whole"), "{stdout}"),
            Some(1) => assert!(stderr.contains("the store kept changing"), "{stderr}"),
            other => panic!("verify exited {other:?}: {stderr}"),
        }
        checked += 1;
    }
    writer.join().unwrap();
    verify_passes(&db);
    assert!(checked > 1, "verify ran {checked} times beside the writes");
}
