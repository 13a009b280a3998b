//! Several real `merit` processes on one PostgreSQL store, as leads on
//! different hosts would run them: each award decided once, nothing lost
//! or doubled, a killed write leaving all or nothing, a store held busy
//! past the timeout said plainly, and the roles a company gives (leads who
//! write, an auditor who reads and verifies).

mod common;
use common::pg::PgServer;
use common::{Sandbox, fixture};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const MEMBERS: usize = 40;

/// `merit` as a plain child process on the store at `db`, with `s`'s key.
fn merit(s: &Sandbox, db: &str, actor: &str, args: &[&str]) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("merit"));
    c.env("MERIT_DB", db)
        .env("MERIT_KEY", s.key())
        .env("MERIT_TODAY", "2026-12-31")
        .env("MERIT_USER", actor)
        .env("MERIT_LANG", "en")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

fn run(s: &Sandbox, db: &str, args: &[&str]) -> String {
    let out = merit(s, db, "lead", args).output().unwrap();
    assert!(
        out.status.success(),
        "merit {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Members and `n` deals over 2026, as files in the sandbox.
fn write_inputs(s: &Sandbox, n: usize, first: usize) -> String {
    let mut acts = String::from("ref,member,kind,date,amount,customer_tier\n");
    for i in first..first + n {
        let m = (i * 7) % MEMBERS;
        let month = (i % 12) + 1;
        let day = (i % 28) + 1;
        let amount = 5_000 + (i * 7919) % 200_000;
        let tier = ["A", "B", "C"][i % 3];
        acts.push_str(&format!(
            "R{i:06},M{m:02},deal,2026-{month:02}-{day:02},{amount},{tier}\n"
        ));
    }
    s.file(&format!("acts-{first}.csv"), &acts)
}

/// A store at `db` with members, rules, a reward, and `n` activities.
fn base(s: &Sandbox, db: &str, n: usize) {
    let mut members = String::from("code,name,team\n");
    for i in 0..MEMBERS {
        let name = if i % 2 == 0 {
            format!("张伟{i}")
        } else {
            format!("Rep {i}")
        };
        members.push_str(&format!("M{i:02},{name},{}\n", ["East", "West"][i % 2]));
    }
    run(
        s,
        db,
        &["import", "members", &s.file("members.csv", &members)],
    );
    let rules = fixture("q1").join("rules.toml");
    run(s, db, &["rules", "import", rules.to_str().unwrap()]);
    let rewards = s.file("rewards.csv", "code,name,cost\nMUG,Mug,10\n");
    run(s, db, &["catalog", "import", &rewards]);
    if n > 0 {
        run(s, db, &["import", "activities", &write_inputs(s, n, 0)]);
    }
}

fn count(pg: &PgServer, sql: &str) -> i64 {
    pg.client("merit").query_one(sql, &[]).unwrap().get(0)
}

fn verify_passes(s: &Sandbox, db: &str) {
    let out = merit(s, db, "lead", &["verify"]).output().unwrap();
    assert!(
        out.status.success(),
        "verify: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// "approved 12 awards, 34 points; 5 already decided (by li: 5)" → 12
fn approved(line: &str) -> i64 {
    line.strip_prefix("approved ")
        .and_then(|r| r.split_whitespace().next())
        .map_or(0, |n| n.parse().unwrap())
}

#[test]
fn ten_leads_approving_importing_and_redeeming_at_once_lose_and_double_nothing() {
    let pg = PgServer::start();
    let s = Sandbox::new();
    let db = pg.merit_url();
    base(&s, &db, 4_000);
    run(&s, &db, &["recalc"]);
    let pending = count(&pg, "SELECT count(*) FROM awards WHERE status = 'pending'");
    assert!(pending > 1000, "{pending}");
    let mut children: Vec<(String, Child)> = Vec::new();
    // Four leads approve the whole year at once.
    for lead in ["li", "wang", "zhao", "chen"] {
        let c = merit(&s, &db, lead, &["approve", "2026"]).spawn().unwrap();
        children.push((format!("approve by {lead}"), c));
    }
    // Three import new activities (other refs each).
    for k in 0..3 {
        let file = write_inputs(&s, 300, 100_000 * (k + 1));
        let c = merit(&s, &db, "importer", &["import", "activities", &file])
            .spawn()
            .unwrap();
        children.push((format!("import {k}"), c));
    }
    // Three redeem a mug for members the approvals are paying.
    for m in ["M00", "M07", "M14"] {
        let c = merit(&s, &db, "desk", &["redeem", m, "MUG"])
            .spawn()
            .unwrap();
        children.push((format!("redeem {m}"), c));
    }
    let mut approved_total = 0;
    for (what, c) in children {
        let out = c.wait_with_output().unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        );
        // A redemption may find the member's points not yet posted: a
        // refusal, said plainly, is not an error of the store.
        if what.starts_with("redeem") && out.status.code() == Some(1) {
            assert!(stderr.contains("points"), "{what}: {stderr}");
            continue;
        }
        assert!(out.status.success(), "{what}: {stderr}");
        if what.starts_with("approve") {
            approved_total += approved(&stdout);
        }
    }
    // Each award decided once, each posted once.
    assert_eq!(approved_total, pending);
    assert_eq!(
        count(
            &pg,
            "SELECT count(*) FROM ledger WHERE award_id IS NOT NULL"
        ),
        pending
    );
    assert_eq!(
        count(&pg, "SELECT count(DISTINCT award_id) FROM ledger"),
        pending
    );
    assert_eq!(count(&pg, "SELECT count(*) FROM activities"), 4_900);
    verify_passes(&s, &db);
}

#[test]
fn an_import_killed_at_any_moment_leaves_all_or_nothing() {
    let pg = PgServer::start();
    let s = Sandbox::new();
    let db = pg.merit_url();
    base(&s, &db, 0);
    let file = write_inputs(&s, 20_000, 0);
    for ms in [150, 400, 900] {
        let mut child = merit(&s, &db, "lead", &["import", "activities", &file])
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(ms));
        let _ = child.kill();
        let _ = child.wait();
        let n = count(&pg, "SELECT count(*) FROM activities");
        assert!(n == 0 || n == 20_000, "{n} after a kill at {ms} ms");
        verify_passes(&s, &db);
        if n == 20_000 {
            break;
        }
    }
}

#[test]
fn a_store_busy_past_the_timeout_is_a_clear_failure_and_nothing_is_written() {
    let pg = PgServer::start();
    let s = Sandbox::new();
    let db = pg.merit_url();
    base(&s, &db, 500);
    run(&s, &db, &["recalc"]);
    let before = count(&pg, "SELECT count(*) FROM audit");
    // Another session holds the store's write lock.
    let mut holder = pg.client("merit");
    holder
        .batch_execute(
            "BEGIN; SELECT pg_advisory_xact_lock(hashtext(current_schema()), 1835365993)",
        )
        .unwrap();
    let out = merit(&s, &db, "lead", &["approve", "2026"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "merit: the store is busy: another merit is writing to it; try again in a moment\n"
    );
    // Reads are not held up by a writer.
    run(&s, &db, &["standings", "2026"]);
    holder.batch_execute("ROLLBACK").unwrap();
    assert_eq!(count(&pg, "SELECT count(*) FROM audit"), before);
    assert_eq!(
        count(&pg, "SELECT count(*) FROM awards WHERE status <> 'pending'"),
        0
    );
}

/// A table lock held outside merit (a DBA's `LOCK TABLE`, a `VACUUM
/// FULL`, a session left idle in its transaction) holds a read or a write
/// up for the busy timeout, then says busy: merit never waits for ever.
#[test]
fn a_table_lock_held_outside_merit_is_waited_for_then_busy() {
    let pg = PgServer::start();
    let s = Sandbox::new();
    let db = pg.merit_url();
    base(&s, &db, 500);
    run(&s, &db, &["recalc"]);
    let mut holder = pg.client("merit");
    holder
        .batch_execute("BEGIN; LOCK TABLE awards IN ACCESS EXCLUSIVE MODE")
        .unwrap();
    for args in [&["approve", "2026"][..], &["standings", "2026"]] {
        let mut child = merit(&s, &db, "lead", args).spawn().unwrap();
        let mut waited = 0;
        let out = loop {
            if child.try_wait().unwrap().is_some() {
                break child.wait_with_output().unwrap();
            }
            assert!(waited < 60, "{args:?} still waits after 30 s");
            std::thread::sleep(Duration::from_millis(500));
            waited += 1;
        };
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).starts_with("merit: the store is busy"),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    holder.batch_execute("ROLLBACK").unwrap();
    run(&s, &db, &["standings", "2026"]);
}

/// The server's end of an import's connection ended mid-import (an
/// administrator's `pg_terminate_backend`, a server stopped): one line
/// saying so, exit 1, and nothing imported; not a "store error" on every
/// batch's line as if the file were at fault.
#[test]
fn a_connection_lost_mid_import_is_said_once_and_nothing_is_imported() {
    let pg = PgServer::start();
    let s = Sandbox::new();
    let db = pg.merit_url();
    base(&s, &db, 0);
    let file = write_inputs(&s, 300_000, 0);
    let child = merit(&s, &db, "lead", &["import", "activities", &file])
        .spawn()
        .unwrap();
    let mut watcher = pg.client("merit");
    let mut ended = 0;
    for _ in 0..400 {
        ended = watcher
            .query_one(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity \
                 WHERE datname = 'merit' AND pid <> pg_backend_pid() AND query ILIKE 'COPY%'",
                &[],
            )
            .unwrap()
            .get::<_, i64>(0);
        if ended > 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let out = child.wait_with_output().unwrap();
    assert!(ended > 0, "no COPY was seen to end");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(
        err,
        "merit: the connection to the PostgreSQL server was lost: a write not yet \
         committed is undone; once the server is back, merit audit shows whether it \
         was made\n"
    );
    assert_eq!(count(&pg, "SELECT count(*) FROM activities"), 0);
}

#[test]
fn verify_while_another_process_writes_never_reports_a_problem() {
    let pg = PgServer::start();
    let s = Sandbox::new();
    let db = pg.merit_url();
    base(&s, &db, 2_000);
    run(&s, &db, &["recalc"]);
    let writer = {
        let db = db.clone();
        let key = s.key();
        std::thread::spawn(move || {
            for m in 1..=12 {
                for args in [
                    vec!["approve".to_string(), format!("2026-{m:02}")],
                    ["award", "M01", "5", "--reason", "help"]
                        .map(String::from)
                        .to_vec(),
                ] {
                    let out = Command::new(assert_cmd::cargo::cargo_bin("merit"))
                        .env("MERIT_DB", &db)
                        .env("MERIT_KEY", &key)
                        .env("MERIT_TODAY", "2026-12-31")
                        .env("MERIT_USER", "lead")
                        .args(&args)
                        .output()
                        .unwrap();
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            }
        })
    };
    let mut checked = 0;
    while !writer.is_finished() || checked == 0 {
        let out = merit(&s, &db, "lead", &["verify"]).output().unwrap();
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
    verify_passes(&s, &db);
    assert!(checked > 1, "verify ran {checked} times beside the writes");
}

#[test]
fn leads_write_and_an_auditor_reads_and_verifies_under_their_own_roles() {
    let pg = PgServer::start();
    let s = Sandbox::new();
    // The store is set up by its owner; leads and an auditor get roles.
    base(&s, &pg.merit_url(), 0);
    pg.sql(
        "merit",
        "CREATE ROLE leads NOLOGIN;
         GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO leads;
         GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO leads;
         CREATE ROLE li LOGIN IN ROLE leads;
         CREATE ROLE auditor LOGIN;
         GRANT SELECT ON ALL TABLES IN SCHEMA public TO auditor;
         GRANT EXECUTE ON FUNCTION bt_index_check(regclass, boolean) TO auditor;",
    );
    let as_role = |role: &str| {
        pg.merit_url()
            .replace("user=merit", &format!("user={role}"))
    };
    let lead = as_role("li");
    // The lead's first import numbers its rows itself and moves the
    // sequence past them, as the owner (merit_ids_taken); its second
    // import's rows come after.
    run(
        &s,
        &lead,
        &["import", "activities", &write_inputs(&s, 300, 0)],
    );
    run(
        &s,
        &lead,
        &["import", "activities", &write_inputs(&s, 20, 300)],
    );
    assert_eq!(
        count(
            &pg,
            "SELECT count(DISTINCT rowid) + count(DISTINCT ref) FROM activities"
        ),
        640
    );
    run(&s, &lead, &["recalc"]);
    run(&s, &lead, &["approve", "2026-Q1"]);
    let auditor = as_role("auditor");
    let whole = run(&s, &auditor, &["verify"]);
    assert!(whole.starts_with("the store is whole"), "{whole}");
    run(&s, &auditor, &["standings", "2026-Q1"]);
    run(&s, &auditor, &["audit", "--format", "csv"]);
    let before = count(&pg, "SELECT count(*) FROM audit");
    let out = merit(&s, &auditor, "auditor", &["approve", "2026"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("read-only") || err.contains("read only"),
        "{err}"
    );
    assert_eq!(count(&pg, "SELECT count(*) FROM audit"), before);
}

/// README's roles, as it writes them, given before the store is set up:
/// the owner sets it up, a lead imports, scores and approves as itself,
/// the auditor verifies whole (amcheck included) and cannot write.
#[test]
fn readmes_roles_given_before_the_store_is_set_up_work_as_written() {
    let readme = include_str!("../README.md");
    let start = readme
        .find("CREATE EXTENSION IF NOT EXISTS amcheck;")
        .expect("README's roles");
    let sql = &readme[start..start + readme[start..].find("```").unwrap()];
    let pg = PgServer::start();
    let s = Sandbox::new();
    pg.sql("merit", &sql.replace("merit_east", "merit"));
    let as_role = |role: &str| {
        pg.merit_url()
            .replace("user=merit", &format!("user={role}"))
    };
    base(&s, &as_role("merit_owner"), 0);
    let lead = as_role("li");
    run(
        &s,
        &lead,
        &["import", "activities", &write_inputs(&s, 300, 0)],
    );
    run(&s, &lead, &["recalc"]);
    run(&s, &lead, &["approve", "2026-Q1"]);
    let auditor = as_role("auditor");
    let whole = run(&s, &auditor, &["verify"]);
    assert!(whole.starts_with("the store is whole"), "{whole}");
    assert!(
        !whole.contains("amcheck"),
        "the auditor ran amcheck: {whole}"
    );
    let out = merit(&s, &auditor, "auditor", &["approve", "2026"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}
