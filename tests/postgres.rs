//! The same merit on PostgreSQL: a store in a database of a throwaway
//! server (`common::pg`), driven through the command line as on a SQLite
//! file, and the answers compared with SQLite's.

mod common;
use common::pg::PgServer;
use common::{Sandbox, fixture};

fn expected(name: &str) -> String {
    std::fs::read_to_string(fixture("q1").join("expected").join(name)).unwrap()
}

/// `text` with the clock's times (`2026-12-06 06:19:22`) as `TIME`.
fn timeless(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    let shape = b"dddd-dd-dd dd:dd:dd";
    while i < b.len() {
        let fits = b.len() - i >= shape.len()
            && shape.iter().zip(&b[i..]).all(|(s, c)| match s {
                b'd' => c.is_ascii_digit(),
                s => s == c,
            });
        if fits {
            out.push_str("TIME");
            i += shape.len();
        } else {
            let ch = text[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// The q1 example's commands; what each printed.
fn q1_run(s: &Sandbox) -> Vec<String> {
    s.load_q1();
    let mut out = vec![s.ok(&["recalc"]), s.ok(&["approve", "2026-Q1"])];
    for p in ["2026-01", "2026-02", "2026-03", "2026-Q1"] {
        out.push(s.ok(&["standings", p, "--format", "csv"]));
    }
    out.push(s.ok(&["balance", "--format", "csv"]));
    out.push(s.ok(&["ledger", "--format", "csv"]));
    out.push(s.ok(&["verify"]));
    out.iter().map(|o| timeless(o)).collect()
}

#[test]
fn the_q1_example_runs_on_postgres_as_on_sqlite() {
    let pg = PgServer::start();
    let on_pg = Sandbox::on_postgres(pg.merit_url());
    let got = q1_run(&on_pg);
    let lite = Sandbox::new();
    let want = q1_run(&lite);
    assert_eq!(got, want);
    assert_eq!(got[5], expected("standings-2026-Q1.csv"));
}

#[test]
fn a_read_on_an_empty_database_makes_no_store() {
    let pg = PgServer::start();
    let s = Sandbox::on_postgres(pg.merit_url());
    let out = s.merit().args(["standings", "2026-Q1"]).assert().code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("no store"), "{err}");
    let tables: i64 = pg
        .client("merit")
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(tables, 0);
}

#[test]
fn a_database_holding_other_tables_is_refused_untouched() {
    let pg = PgServer::start();
    pg.sql(
        "merit",
        "CREATE TABLE invoices(id int); INSERT INTO invoices VALUES (7)",
    );
    let s = Sandbox::on_postgres(pg.merit_url());
    let f = fixture("q1").join("members.csv");
    let out = s
        .merit()
        .args(["import", "members", f.to_str().unwrap()])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("not a merit store"), "{err}");
    let tables: i64 = pg
        .client("merit")
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(tables, 1);
}

#[test]
fn the_ledger_and_the_audit_log_refuse_edits_on_postgres() {
    let pg = PgServer::start();
    let s = Sandbox::on_postgres(pg.merit_url());
    s.load_q1();
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1"]);
    let mut c = pg.client("merit");
    for sql in [
        "UPDATE ledger SET points = points + 100",
        "DELETE FROM ledger",
        "TRUNCATE ledger CASCADE",
        "UPDATE audit SET actor = 'x'",
        "DELETE FROM audit",
    ] {
        let e = c.batch_execute(sql).expect_err(sql);
        let said = e.as_db_error().map(|d| d.message().to_string());
        assert!(
            said.as_deref().is_some_and(|m| m.contains("append-only")),
            "{sql}: {said:?}"
        );
    }
}

#[test]
fn an_edit_behind_merits_back_stays_named_through_later_writes() {
    let pg = PgServer::start();
    let s = Sandbox::on_postgres(pg.merit_url());
    s.load_q1();
    s.ok(&["recalc"]);
    pg.sql(
        "merit",
        "UPDATE members SET team = 'Elsewhere' WHERE code = (SELECT min(code) FROM members)",
    );
    let out = s.merit().args(["verify"]).assert().failure();
    let said = String::from_utf8_lossy(&out.get_output().stdout).to_string()
        + &String::from_utf8_lossy(&out.get_output().stderr);
    assert!(said.contains("members"), "{said}");
    // The next ordinary write does not launder it.
    s.ok(&["approve", "2026-Q1"]);
    let out = s.merit().args(["verify"]).assert().code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("the members differ from those merit wrote"),
        "{err}"
    );
}
