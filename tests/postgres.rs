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

/// The one number `sql` reads from the test's database.
fn count(pg: &PgServer, sql: &str) -> i64 {
    pg.client("merit").query_one(sql, &[]).unwrap().get(0)
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
    let tables = count(
        &pg,
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
    );
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
    let tables = count(
        &pg,
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
    );
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

#[test]
fn an_older_copy_of_the_database_put_back_is_refused_by_the_next_write() {
    // The database as it was before a quarter's approval, put back under
    // its name (a restored dump, a template copy): the next write finds the
    // chains shorter than the local checkpoint sealed them and refuses,
    // and writes nothing.
    let pg = PgServer::start();
    let s = Sandbox::on_postgres(pg.merit_url());
    s.load_q1();
    s.ok(&["recalc"]);
    pg.sql("postgres", "CREATE DATABASE kept TEMPLATE merit");
    s.ok(&["approve", "2026-Q1"]);
    pg.sql("postgres", "DROP DATABASE merit");
    pg.sql("postgres", "ALTER DATABASE kept RENAME TO merit");
    let out = s.merit().args(["approve", "2026-Q1"]).assert().code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("an older copy of the store put back"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(count(&pg, "SELECT count(*) FROM ledger"), 0);
}

/// `merit args…` on the store at `db` with `s`'s key, asserting success.
fn on(s: &Sandbox, db: &str, args: &[&str]) -> String {
    let out = s.merit().env("MERIT_DB", db).args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// What a store answers, for comparing two: standings, balances, the
/// ledger, and the audit log (times left out).
fn answers(s: &Sandbox, db: &str) -> Vec<String> {
    let mut out = Vec::new();
    for p in ["2026-01", "2026-Q1"] {
        out.push(on(s, db, &["standings", p, "--format", "csv"]));
    }
    out.push(on(s, db, &["balance", "--format", "csv"]));
    out.push(on(s, db, &["ledger", "--format", "csv"]));
    out.push(on(s, db, &["audit", "--format", "csv"]));
    out.iter().map(|o| timeless(o)).collect()
}

/// Whether the audit log `copy` is `original` and after it only what a
/// copy adds: the copy, the new store's first seal, the fixed date it was
/// made under.
fn copied_history(copy: &str, original: &str) -> bool {
    let original = original.trim_end();
    copy.starts_with(original)
        && copy[original.len()..].lines().skip(1).all(|l| {
            [",copied,", ",sealed,", ",fixed date,"]
                .iter()
                .any(|a| l.contains(a))
        })
}

#[test]
fn a_team_moves_its_file_to_postgres_and_back_with_one_command() {
    let pg = PgServer::start();
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-01"]);
    let file = s.db().display().to_string();
    let before = answers(&s, &file);

    let url = pg.merit_url();
    let copied = s.ok(&["copy", "--from", &file, "--to", &url]);
    assert!(copied.contains("copied "), "{copied}");
    assert!(copied.contains("both stores verify whole"), "{copied}");
    // The copy filled the empty tables, and built what they left out.
    assert_eq!(lazy_indexes(&pg), ALL_LAZY);

    let after = answers(&s, &url);
    assert_eq!(after[..4], before[..4]);
    // The history arrived whole, and says where it came from (the copy,
    // then the new store's first seal).
    assert!(copied_history(&after[4], &before[4]), "{}", after[4]);
    assert!(after[4].contains(&format!("copied,,copied from {file}")));
    on(&s, &url, &["verify"]);

    // The team goes on on PostgreSQL, then moves back to a new file.
    on(&s, &url, &["approve", "2026-Q1"]);
    let moved = answers(&s, &url);
    let back = s.dir.path().join("back.db").display().to_string();
    s.ok(&["copy", "--from", &url, "--to", &back]);
    let returned = answers(&s, &back);
    assert_eq!(returned[..4], moved[..4]);
    assert!(copied_history(&returned[4], &moved[4]), "{}", returned[4]);
    assert!(returned[4].contains(&format!("copied,,copied from {}", url)));
    on(&s, &back, &["verify"]);
}

#[test]
fn a_copied_store_takes_the_next_import_as_any_other() {
    // The activities' ids are told from the sequence (schema 8): after a
    // copy, and after an earlier merit's copy, which left the sequence set
    // but not drawn from, a file of stored refs and a new one is read as
    // such, and the new row takes an id after every copied one (not the
    // next: a stored ref's insert, refused, drew one too).
    let pg = PgServer::start();
    let s = Sandbox::new();
    s.load_q1();
    let file = s.db().display().to_string();
    let again = std::fs::read_to_string(fixture("q1").join("activities.csv")).unwrap();
    for (i, earlier) in [false, true].into_iter().enumerate() {
        let url = pg.new_database(&format!("copied{i}"));
        s.ok(&["copy", "--from", &file, "--to", &url]);
        if earlier {
            pg.sql(
                &format!("copied{i}"),
                "SELECT setval(pg_get_serial_sequence('activities', 'rowid'), \
                 max(rowid) + 1, false) FROM activities",
            );
        }
        let more = s.file(
            &format!("more{i}.csv"),
            &format!("{again}NEW-{i},ZW,new_customer,2026-03-30,0,\n"),
        );
        let said = on(&s, &url, &["import", "activities", &more]);
        assert!(said.contains("1 new, 0 updated, "), "{said}");
        let mut c = pg.client(&format!("copied{i}"));
        let (new, most): (i64, i64) = {
            let r = c
                .query_one(
                    "SELECT (SELECT rowid FROM activities WHERE ref LIKE 'NEW-%'), \
                     (SELECT max(rowid) FROM activities WHERE ref NOT LIKE 'NEW-%')",
                    &[],
                )
                .unwrap();
            (r.get(0), r.get(1))
        };
        assert!(new > most, "earlier copy: {earlier}: {new} after {most}");
        assert!(on(&s, &url, &["verify"]).contains("whole"));
    }
}

#[test]
fn sequences_that_hand_out_ids_in_blocks_still_take_a_first_bulk_write() {
    // A DBA's CACHE on merit's sequences: the id merit draws first begins
    // a block of the session's, and that is no other writer's draw.
    let pg = PgServer::start();
    let s = Sandbox::on_postgres(pg.merit_url());
    let f = |n: &str| fixture("q1").join(n).to_str().unwrap().to_string();
    s.ok(&["import", "members", &f("members.csv")]);
    s.ok(&["rules", "import", &f("rules.toml")]);
    pg.sql(
        "merit",
        "ALTER SEQUENCE activities_rowid_seq CACHE 20; ALTER SEQUENCE awards_id_seq CACHE 20",
    );
    let many = s.file("new.csv", &new_customers(50_000));
    assert!(s.ok(&["import", "activities", &many]).contains("50000 new"));
    s.ok(&["recalc"]);
    assert!(s.ok(&["verify"]).contains("whole"));
    assert_eq!(
        count(&pg, "SELECT count(DISTINCT rowid) FROM activities"),
        50_000
    );
}

#[test]
fn copy_writes_only_into_an_empty_store() {
    let pg = PgServer::start();
    let a = Sandbox::new();
    a.load_q1();
    let file = a.db().display().to_string();
    let url = pg.merit_url();
    a.ok(&["copy", "--from", &file, "--to", &url]);
    let audit = || count(&pg, "SELECT count(*) FROM audit");
    let before = audit();
    // Again into the same database: refused, nothing written.
    let out = a
        .merit()
        .args(["copy", "--from", &file, "--to", &url])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("already holds"), "{err}");
    assert_eq!(audit(), before);
    // Into a file that holds something: refused, the file as it was.
    let other = a.file("notes.txt", "keep me");
    let out = a
        .merit()
        .args(["copy", "--from", &url, "--to", &other])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("already holds"), "{err}");
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "keep me");
}

#[test]
fn a_trigger_set_aside_behind_merits_back_is_named() {
    let pg = PgServer::start();
    let s = Sandbox::on_postgres(pg.merit_url());
    s.load_q1();
    s.ok(&["verify"]);
    pg.sql(
        "merit",
        "ALTER TABLE ledger DISABLE TRIGGER ledger_is_append_only_update",
    );
    let out = s.merit().args(["verify"]).assert().code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("schema"), "{err}");
}

/// `n` visits of the q1 member ZW, refs `B-0`…, as an activities CSV.
fn visits(n: usize) -> String {
    let mut text = String::from("ref,member,kind,date,amount\n");
    for i in 0..n {
        text.push_str(&format!("B-{i},ZW,visit,2026-03-{:02},0\n", 1 + i % 28));
    }
    text
}

/// A store on `pg` holding the q1 example's members and nothing else.
fn q1_members_on(pg: &PgServer) -> Sandbox {
    let s = Sandbox::on_postgres(pg.merit_url());
    let members = fixture("q1").join("members.csv");
    s.ok(&["import", "members", members.to_str().unwrap()]);
    s
}

/// What `merit import activities` says of `text` as it refuses it (exit 2).
fn refused_import(s: &Sandbox, text: &str) -> String {
    let path = s.file("visits.csv", text);
    let out = s
        .merit()
        .args(["import", "activities", &path])
        .assert()
        .code(2);
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

#[test]
fn a_batched_import_names_refs_seen_twice_in_line_order_and_writes_nothing() {
    // PostgreSQL takes activities 5 000 at a time: a ref seen twice in one
    // batch, across batches, and a bad row between them are all said, in
    // the order of their lines, and nothing is written.
    let pg = PgServer::start();
    let s = q1_members_on(&pg);
    let mut text = visits(12_000);
    text.push_str("B-7,ZW,visit,2026-03-09,0\n"); // line 12 002: line 9's ref
    text = text.replacen("B-20,", "B-3,", 1); // line 22: line 5's ref
    text = text.replacen("B-6000,ZW,visit,2026-03-", "B-6000,ZW,visit,2026-02-31", 1);
    let err = refused_import(&s, &text);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].contains(":22: ref: 'B-3' appears twice in the file (first on line 5)"),
        "{err}"
    );
    assert!(lines[1].contains(":6002: date:"), "{err}");
    assert!(
        lines[2].contains(":12002: ref: 'B-7' appears twice in the file (first on line 9)"),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
    let n = count(&pg, "SELECT count(*) FROM activities");
    assert_eq!(n, 0);
    // Whole, then again with one visit corrected: one updated, verify whole.
    let path = s.file("visits.csv", &visits(12_000));
    let said = s.ok(&["import", "activities", &path]);
    assert!(said.contains("12000 new"), "{said}");
    let path = s.file(
        "visits.csv",
        &visits(12_000).replacen(
            "B-11999,ZW,visit,2026-03-16,0",
            "B-11999,ZW,visit,2026-03-17,0",
            1,
        ),
    );
    let said = s.ok(&["import", "activities", &path]);
    assert!(said.contains("0 new, 1 updated, 11999 unchanged"), "{said}");
    s.ok(&["verify"]);
}

#[test]
fn a_ref_repeated_after_batches_copied_straight_in_is_named_with_its_first_line() {
    // Into a store without activities the batches are copied straight in
    // while the next are read, their ids counted rather than asked for: a
    // ref that comes again two batches later is found, with the line it
    // first came on (the id counted for it), and nothing is written.
    let pg = PgServer::start();
    let s = q1_members_on(&pg);
    let mut text = visits(12_000);
    text.push_str("B-5003,ZW,visit,2026-03-02,0\n"); // line 12 002: line 5 005's ref
    text.push_str("B-11000,ZW,visit,2026-03-22,0\n"); // line 12 003: line 11 002's ref
    let err = refused_import(&s, &text);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].contains(":12002: ref: 'B-5003' appears twice in the file (first on line 5005)"),
        "{err}"
    );
    assert!(
        lines[1].contains(":12003: ref: 'B-11000' appears twice in the file (first on line 11002)"),
        "{err}"
    );
    assert_eq!(lines.len(), 3, "{err}");
    assert_eq!(count(&pg, "SELECT count(*) FROM activities"), 0);
    // Without the repeats: every row's id in file order, verify whole.
    let path = s.file("visits.csv", &visits(12_000));
    s.ok(&["import", "activities", &path]);
    assert_eq!(
        count(
            &pg,
            "SELECT count(*) FROM activities WHERE rowid = (SELECT min(rowid) FROM activities) \
             + substr(ref, 3)::bigint"
        ),
        12_000
    );
    s.ok(&["verify"]);
}

#[test]
fn a_first_import_refused_leaves_the_database_as_empty_as_it_was() {
    let pg = PgServer::start();
    let s = Sandbox::on_postgres(pg.merit_url());
    let bad = s.file("m.csv", "code,name,team\nZW,张伟,East\nZW,Again,West\n");
    s.merit().args(["import", "members", &bad]).assert().code(2);
    let tables = count(
        &pg,
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
    );
    assert_eq!(tables, 0);
    let functions = "SELECT count(*) FROM pg_proc WHERE proname LIKE 'merit%'";
    assert_eq!(count(&pg, functions), 0);
    // The extension merit installed for `verify` went with the store.
    let amcheck = "SELECT count(*) FROM pg_extension WHERE extname = 'amcheck'";
    assert_eq!(count(&pg, amcheck), 0);
    // And a good one then sets the store up as ever.
    let good = fixture("q1").join("members.csv");
    s.ok(&["import", "members", good.to_str().unwrap()]);
    s.ok(&["verify"]);
    assert_eq!(count(&pg, amcheck), 1);
}

/// An `amcheck` the database's owner installed before merit came stays
/// when a refused first import drops merit's tables again.
#[test]
fn an_extension_installed_before_merit_stays() {
    let pg = PgServer::start();
    pg.sql("merit", "CREATE EXTENSION amcheck");
    let s = Sandbox::on_postgres(pg.merit_url());
    let bad = s.file("m.csv", "code,name,team\nZW,张伟,East\nZW,Again,West\n");
    s.merit().args(["import", "members", &bad]).assert().code(2);
    let amcheck = "SELECT count(*) FROM pg_extension WHERE extname = 'amcheck'";
    assert_eq!(count(&pg, amcheck), 1);
}

#[test]
fn copy_speaks_chinese_too() {
    let s = Sandbox::file_only();
    s.load_q1();
    let from = s.db().display().to_string();
    let to = s.dir.path().join("copy.db").display().to_string();
    let out = s
        .merit()
        .env("MERIT_LANG", "zh-CN")
        .args(["copy", "--from", &from, "--to", &to])
        .assert()
        .success();
    let said = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        said.contains("复制到") && said.contains("两端校验均完好"),
        "{said}"
    );
    let words: String = said.replace(&from, "").replace(&to, "");
    assert!(!words.chars().any(|c| c.is_ascii_alphabetic()), "{said}");
    // Again: the destination holds a store now.
    let out = s
        .merit()
        .env("MERIT_LANG", "zh-CN")
        .args(["copy", "--from", &from, "--to", &to])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("已有数据库"), "{err}");
}

/// `n` new customers of the q1 members, refs `N-0`…, in the first quarter.
fn new_customers(n: usize) -> String {
    let mut text = String::from("ref,member,kind,date,amount\n");
    let members = ["ZW", "LN", "WF", "JS"];
    for i in 0..n {
        text.push_str(&format!(
            "N-{i},{},new_customer,2026-{:02}-{:02},0\n",
            members[i % 4],
            1 + i % 3,
            1 + i % 28
        ));
    }
    text
}

/// The q1 example with `extra` more new customers, recalculated and the
/// quarter approved: what the store answers, its folder's path as `DIR`.
fn bulk_run(s: &Sandbox, extra: usize, before: impl Fn(&Sandbox)) -> Vec<String> {
    s.load_q1();
    let file = s.file("new.csv", &new_customers(extra));
    s.ok(&["import", "activities", &file]);
    s.ok(&["recalc"]);
    before(s);
    let said = s.ok(&["approve", "2026-Q1"]);
    s.ok(&["verify"]);
    let mut out = answers(s, s.db().to_str().unwrap());
    out.insert(0, timeless(&said));
    let dir = s.dir.path().display().to_string();
    out.iter().map(|o| o.replace(&dir, "DIR")).collect()
}

/// Asserts two runs' answers are the same, line by line.
fn same_answers(pg: &[String], lite: &[String]) {
    for (pg, lite) in pg.iter().zip(lite) {
        let differs = pg.lines().zip(lite.lines()).find(|(a, b)| a != b);
        assert!(differs.is_none(), "{differs:?}");
        assert_eq!(pg.lines().count(), lite.lines().count());
    }
}

#[test]
fn a_first_recalc_of_a_large_store_copies_the_same_awards_on_both_engines() {
    // From 50 000 activities a first recalc appends its awards in bulk
    // (on PostgreSQL through `COPY`): the awards, their explanations, the
    // standings and the chains come out as SQLite writes them.
    let pg = PgServer::start();
    let on_pg = bulk_run(&Sandbox::on_postgres(pg.merit_url()), 50_000, |_| {});
    let on_lite = bulk_run(&Sandbox::new(), 50_000, |_| {});
    same_answers(&on_pg, &on_lite);
    assert!(on_pg[0].contains("approved 50"), "{}", on_pg[0]);
}

#[test]
fn a_bulk_approval_writes_the_same_chains_on_both_engines() {
    // Thousands of awards decided at once are decided, posted and audited
    // a batch at a time (a thousand to a statement on PostgreSQL, fewer on
    // SQLite): the ledger, balances and audit log come out entry for entry
    // as one award at a time wrote them, and verify whole.
    let decided_before = |s: &Sandbox| {
        // Some decided before, lying between the quarter's others.
        s.ok(&[
            "reject",
            "2026-01",
            "--member",
            "JS",
            "--rule",
            "new-customer",
            "--reason",
            // What a copied row must escape, in every rejection's entry.
            r"double \N C:\crm",
        ]);
        s.ok(&["approve", "2026-02", "--member", "ZW"]);
    };
    let pg = PgServer::start();
    let on_pg = bulk_run(&Sandbox::on_postgres(pg.merit_url()), 2_600, decided_before);
    let on_lite = bulk_run(&Sandbox::new(), 2_600, decided_before);
    same_answers(&on_pg, &on_lite);
    assert!(on_pg[0].contains("approved 2181 awards"), "{}", on_pg[0]);
    let entries = on_pg[4]
        .lines()
        .filter(|l| l.contains(",approved,"))
        .count();
    assert!(entries > 2_300, "{entries} approved");
    assert_eq!(count(&pg, "SELECT count(*) FROM ledger"), entries as i64);
}

/// A sandbox on the test's database, sealing with the user's own key as
/// merit's code in this process does, and the store an older merit that
/// knew `version` of PostgreSQL's migrations set up there, open.
fn older_store(pg: &PgServer, version: i64) -> (Sandbox, merit::store::Store) {
    let s = Sandbox {
        default_key: true,
        ..Sandbox::on_postgres(pg.merit_url())
    };
    let store = merit::store::Store::open_pg_expecting(&pg.merit_url(), version).unwrap();
    (s, store)
}

/// What an older merit did to `store` (opened at its schema by
/// `older_store`): imported the q1 example's members and activities, and if
/// `scored`, its rules and a recalc. The store is closed after.
fn older_merit_imports_q1(mut store: merit::store::Store, scored: bool) {
    use merit::ops::import::{ImportKind, import_file};
    let ctx = merit::ops::Context::new(merit::domain::parse_date("2026-04-10").unwrap(), "lead");
    for (kind, file) in [
        (ImportKind::Members, "members.csv"),
        (ImportKind::Activities, "activities.csv"),
    ] {
        import_file(&mut store, &ctx, kind, &fixture("q1").join(file)).unwrap();
    }
    if scored {
        let rules = fixture("q1").join("rules.toml");
        merit::ops::rules::import_rules(&mut store, &ctx, &rules, false).unwrap();
        merit::ops::recalc::recalc(&mut store, &ctx, None, false).unwrap();
    }
}

#[test]
fn a_store_of_postgres_schema_1_is_migrated_and_resealed_without_its_bulk_foreign_keys() {
    let pg = PgServer::start();
    let (s, mut store) = older_store(&pg, 1);
    store.write().unwrap().commit().unwrap();
    drop(store);
    let version = || count(&pg, "SELECT version FROM merit_schema");
    let keys = || {
        count(
            &pg,
            "SELECT count(*) FROM pg_constraint WHERE contype = 'f' \
             AND conrelid::regclass::text IN ('activities', 'awards', 'ledger')",
        )
    };
    assert_eq!((version(), keys()), (1, 4));
    s.load_q1();
    let now = merit::store::pg_schema::SCHEMA_VERSION;
    assert_eq!((version(), keys()), (now, 0));
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1"]);
    s.ok(&["verify"]);
    let audit = s.ok(&["audit", "--format", "csv"]);
    assert!(
        audit.contains(&format!(
            ",migrated,,PostgreSQL schema 1 to {now}; resealed as it stood"
        )),
        "{audit}"
    );
    // A member nobody imported is still refused, by merit itself.
    let bad = s.file(
        "bad.csv",
        "ref,member,kind,date,amount\nX-1,NOBODY,visit,2026-03-02,0\n",
    );
    let out = s
        .merit()
        .args(["import", "activities", &bad])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("NOBODY"), "{err}");
}

#[test]
fn a_bulk_approval_whose_postings_the_server_refuses_writes_nothing_and_says_why() {
    // A bulk decision hands its ledger rows to a second thread, which
    // copies them in while merit decides the next batch: when the server
    // refuses such a copy (here a role that may decide awards but not
    // post them), the decision fails whole, with the server's reason.
    let pg = PgServer::start();
    let s = Sandbox::on_postgres(pg.merit_url());
    s.load_q1();
    let file = s.file("new.csv", &new_customers(2_600));
    s.ok(&["import", "activities", &file]);
    s.ok(&["recalc"]);
    pg.sql(
        "merit",
        "CREATE ROLE clerk LOGIN;
         GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO clerk;
         GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO clerk;
         REVOKE INSERT ON ledger FROM clerk;",
    );
    let before = |sql: &str| count(&pg, sql);
    let (pending, ledger, audit) = (
        before("SELECT count(*) FROM awards WHERE status = 'pending'"),
        before("SELECT count(*) FROM ledger"),
        before("SELECT count(*) FROM audit"),
    );
    let out = s
        .merit()
        .env(
            "MERIT_DB",
            pg.merit_url().replace("user=merit", "user=clerk"),
        )
        .args(["approve", "2026-Q1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("read-only"), "{err}");
    assert_eq!(
        before("SELECT count(*) FROM awards WHERE status = 'pending'"),
        pending
    );
    assert_eq!(before("SELECT count(*) FROM ledger"), ledger);
    assert_eq!(before("SELECT count(*) FROM audit"), audit);
    s.ok(&["verify"]);
    // The owner approves them all.
    let said = s.ok(&["approve", "2026-Q1"]);
    assert!(said.contains("approved 2"), "{said}");
    assert!(before("SELECT count(*) FROM ledger") > 2_000);
    s.ok(&["verify"]);
}

/// `merit args…` on the store at `url` in `lang`, which must fail with exit
/// 1; its one line of stderr.
fn refused_at(url: &str, lang: &str, env: &[(&str, &str)], args: &[&str]) -> String {
    let s = Sandbox::on_postgres(url.to_string());
    let mut cmd = s.merit();
    cmd.env("MERIT_LANG", lang).args(args);
    for name in ["PGHOST", "PGPORT", "PGUSER"] {
        cmd.env_remove(name);
    }
    for (name, value) in env {
        cmd.env(name, value);
    }
    let out = cmd.assert().code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    err
}

#[test]
fn a_url_where_no_server_answers_says_where_merit_looked_in_one_line() {
    let nowhere = tempfile::tempdir().unwrap();
    let dir = nowhere.path().display().to_string();
    let url = format!("postgresql:///merit?host={dir}&user=merit");
    let socket = format!("{dir}/.s.PGSQL.5432");
    let err = refused_at(&url, "en", &[], &["standings", "2026-Q1"]);
    assert!(
        err.contains(&format!("no PostgreSQL server answers at {socket}")),
        "{err}"
    );
    let err = refused_at(&url, "zh-CN", &[], &["import", "members", "x.csv"]);
    assert!(
        err.contains(&format!("{socket} 处没有 PostgreSQL 服务器应答")),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
    let err = refused_at(
        "postgresql://127.0.0.1:1/merit",
        "en",
        &[],
        &["standings", "2026-Q1"],
    );
    assert!(
        err.contains("no PostgreSQL server answers at 127.0.0.1:1"),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(nowhere.path()).unwrap().count(), 0);
    // A host name nobody knows (`.invalid` is reserved for that) is named,
    // in the screen's language, not in the resolver's English.
    let url = "postgresql://merit-nowhere.invalid/merit";
    let err = refused_at(url, "en", &[], &["standings", "2026-Q1"]);
    assert!(
        err.contains("no host named merit-nowhere.invalid is known"),
        "{err}"
    );
    let err = refused_at(url, "zh-CN", &[], &["standings", "2026-Q1"]);
    assert!(
        err.contains("找不到名为 merit-nowhere.invalid 的主机"),
        "{err}"
    );
    assert!(!err.contains("lookup"), "{err}");
}

#[test]
fn a_url_naming_a_database_or_a_role_the_server_lacks_says_so_in_merits_words() {
    // A typo in the database's name or the role's: merit says which, in
    // the screen's language (the server's own words are English), and
    // makes nothing.
    let pg = PgServer::start();
    let dir = pg.socket_dir().display().to_string();
    let typo = format!("postgresql:///mreit?host={dir}&user=merit");
    let err = refused_at(&typo, "en", &[], &["standings", "2026-Q1"]);
    assert!(
        err.contains("the server has no database named mreit: an administrator makes it"),
        "{err}"
    );
    let err = refused_at(&typo, "zh-CN", &[], &["import", "members", "x.csv"]);
    assert!(err.contains("服务器上没有名为 mreit 的数据库"), "{err}");
    assert!(!err.contains("does not exist"), "{err}");
    assert_eq!(
        count(
            &pg,
            "SELECT count(*) FROM pg_database WHERE datname = 'mreit'"
        ),
        0
    );
    let nobody = format!("postgresql:///merit?host={dir}&user=lead_typo");
    let err = refused_at(&nobody, "en", &[], &["standings", "2026-Q1"]);
    assert!(
        err.contains("the server does not let lead_typo in (no role of that name"),
        "{err}"
    );
    let err = refused_at(&nobody, "zh-CN", &[], &["standings", "2026-Q1"]);
    assert!(err.contains("服务器不允许 lead_typo 登录"), "{err}");
}

#[test]
fn a_url_without_host_or_user_takes_them_from_pghost_and_pguser_as_psql_does() {
    let pg = PgServer::start();
    let s = Sandbox::on_postgres("postgresql:///merit".into());
    let dir = pg.socket_dir().display().to_string();
    let run = |args: &[&str]| {
        let out = s
            .merit()
            .env("PGHOST", &dir)
            .env("PGUSER", "merit")
            .args(args)
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let members = fixture("q1").join("members.csv");
    run(&["import", "members", members.to_str().unwrap()]);
    assert_eq!(count(&pg, "SELECT count(*) FROM members"), 4);
    assert!(run(&["verify"]).contains("whole"));
    let err = refused_at(
        "postgresql:///merit",
        "en",
        &[("PGHOST", &dir), ("PGPORT", "54x")],
        &["verify"],
    );
    assert!(err.contains("PGPORT is 54x, not a port number"), "{err}");
}

/// The indexes a first bulk write builds at the end (activities by date,
/// awards by key and by status) that the test's database has, in that
/// order.
const ALL_LAZY: [&str; 3] = ["activities_by_date", "awards_by_key", "awards_by_status"];

fn lazy_indexes(pg: &PgServer) -> Vec<String> {
    pg.client("merit")
        .query(
            "SELECT indexname::text FROM pg_indexes WHERE schemaname = 'public' \
             AND indexname IN ('activities_by_date', 'awards_by_key', 'awards_by_status') \
             ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

#[test]
fn an_empty_tables_indexes_are_built_by_the_write_that_fills_it_and_never_missing_after() {
    // While activities or awards are empty, their costliest index to fill
    // row by row is left out; the write that puts the first rows in builds
    // it before committing, so every reader of a table with rows has it.
    let pg = PgServer::start();
    let s = Sandbox::on_postgres(pg.merit_url());
    let f = |n: &str| fixture("q1").join(n).to_str().unwrap().to_string();
    s.ok(&["import", "members", &f("members.csv")]);
    assert!(lazy_indexes(&pg).is_empty());
    assert!(activity_keys(&pg).is_empty());
    s.ok(&["import", "activities", &f("activities.csv")]);
    assert_eq!(lazy_indexes(&pg), ["activities_by_date"]);
    assert_eq!(activity_keys(&pg), ACTIVITY_KEYS);
    s.ok(&["import", "targets", &f("targets.csv")]);
    s.ok(&["rules", "import", &f("rules.toml")]);
    assert!(s.ok(&["verify"]).contains("whole"));
    s.ok(&["recalc"]);
    assert_eq!(lazy_indexes(&pg), ALL_LAZY);
    s.ok(&["approve", "2026-Q1"]);
    assert!(s.ok(&["verify"]).contains("whole"));
    // As the schema has it, with room for the decisions' new entries.
    assert!(key_index(&pg).contains(KEY_INDEX), "{}", key_index(&pg));
}

/// How awards by key is defined since PostgreSQL schema 6: led by the
/// subject, with room for the decisions' new entries.
const KEY_INDEX: &str = "(subject, member, rule_id) WITH (fillfactor='70') WHERE (kind = 'award'";

/// Activities' unique index, by ref, as PostgreSQL schema 7 names it: left
/// out while the table is empty, like the three above. Schema 8 dropped
/// the one by row id.
const ACTIVITY_KEYS: [&str; 1] = ["activities_by_ref"];

/// The names of the unique indexes on activities, in order.
fn activity_keys(pg: &PgServer) -> Vec<String> {
    pg.client("merit")
        .query(
            "SELECT indexname::text FROM pg_indexes WHERE schemaname = 'public' \
             AND tablename = 'activities' AND indexdef LIKE 'CREATE UNIQUE %' ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

fn key_index(pg: &PgServer) -> String {
    pg.client("merit")
        .query_one(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'awards_by_key'",
            &[],
        )
        .unwrap()
        .get(0)
}

#[test]
fn schema_8_drops_activities_index_by_row_id_as_an_index_and_as_a_constraint() {
    use merit::store::pg_schema::migration;
    let pg = PgServer::start();
    let up_to_7 = |db: &str| {
        for i in 0..7 {
            pg.sql(db, &migration(i).unwrap());
        }
    };
    // Schema 7's first import built it as an index; a store with rows that
    // schema 7 migrated kept it as the constraint schema 1 made, renamed.
    up_to_7("merit");
    pg.sql("merit", "SELECT merit_build_index('activities_by_rowid')");
    pg.new_database("renamed");
    pg.sql("renamed", &migration(0).unwrap());
    pg.sql(
        "renamed",
        "INSERT INTO members(code, name, team) VALUES ('ZW', 'Zhang Wei', 'east');
         INSERT INTO activities(ref, member, kind, date, amount) \
         VALUES ('A-1', 'ZW', 'visit', '2026-01-05', '0')",
    );
    for i in 1..7 {
        pg.sql("renamed", &migration(i).unwrap());
    }
    let by_rowid = |db: &str| {
        pg.client(db)
            .query(
                "SELECT indexname::text FROM pg_indexes WHERE tablename = 'activities' \
                 AND indexdef LIKE '%(rowid)%'",
                &[],
            )
            .unwrap()
            .len()
    };
    assert_eq!((by_rowid("merit"), by_rowid("renamed")), (1, 1));
    for db in ["merit", "renamed"] {
        pg.sql(db, &migration(7).unwrap());
        assert_eq!(by_rowid(db), 0, "{db}");
    }
    // And no write asks for it any more: the function builds it no more.
    let refused = pg
        .client("merit")
        .execute("SELECT merit_build_index('activities_by_rowid')", &[])
        .unwrap_err();
    let said = refused.as_db_error().map(|e| e.message().to_string());
    assert!(
        said.as_deref()
            .is_some_and(|m| m.contains("merit builds no index named")),
        "{said:?}"
    );
}

#[test]
fn a_store_of_postgres_schema_2_keeps_the_indexes_of_tables_with_rows() {
    let pg = PgServer::start();
    let (s, store) = older_store(&pg, 2);
    // An older merit imported activities and scored nothing yet.
    older_merit_imports_q1(store, false);
    assert_eq!(lazy_indexes(&pg), ALL_LAZY);
    assert_eq!(
        activity_keys(&pg),
        ["activities_pkey", "activities_rowid_key"]
    );
    // This merit migrates it as it opens it: the empty awards lose their
    // key and status indexes, the activities keep theirs (their keys
    // renamed as schema 7 names them, the one by row id gone from schema
    // 8 on); the first recalc builds them.
    assert!(s.ok(&["verify"]).contains("whole"));
    assert_eq!(lazy_indexes(&pg), ["activities_by_date"]);
    assert_eq!(activity_keys(&pg), ACTIVITY_KEYS);
    let audit = s.ok(&["audit", "--format", "csv"]);
    assert!(audit.contains("PostgreSQL schema 2 to 8"), "{audit}");
    // Refs are still refused twice: the renamed key holds.
    let again = s.file(
        "again.csv",
        "ref,member,kind,date,amount\nQ1-999,ZW,new_customer,2026-03-30,0\n",
    );
    s.ok(&["import", "activities", &again]);
    assert!(s.ok(&["import", "activities", &again]).contains("0 new"));
    s.ok(&[
        "rules",
        "import",
        fixture("q1").join("rules.toml").to_str().unwrap(),
    ]);
    s.ok(&["recalc"]);
    assert_eq!(lazy_indexes(&pg), ALL_LAZY);
    assert!(s.ok(&["verify"]).contains("whole"));
}

/// How many (status, month, member) sums of award_months differ from the
/// awards themselves (a sum of zero counts as no row).
fn months_off(pg: &PgServer) -> i64 {
    count(
        pg,
        "SELECT count(*) FROM \
         (SELECT status, substr(date, 1, 7) AS month, member, sum(points) AS points \
          FROM awards GROUP BY 1, 2, 3) a \
         FULL JOIN (SELECT * FROM award_months WHERE points <> 0) m \
         USING (status, month, member) \
         WHERE coalesce(a.points, 0) <> coalesce(m.points, 0)",
    )
}

#[test]
fn a_store_of_postgres_schema_3_with_awards_keeps_its_status_index_and_its_sums() {
    let pg = PgServer::start();
    let (s, store) = older_store(&pg, 3);
    // An older merit imported the q1 example and scored it.
    older_merit_imports_q1(store, true);
    let whens = || {
        count(
            &pg,
            "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'award\\_months\\_%' \
             AND pg_get_triggerdef(oid) LIKE '%WHEN%merit.months_by_hand%'",
        )
    };
    assert_eq!(
        (lazy_indexes(&pg), whens()),
        (ALL_LAZY.map(String::from).to_vec(), 0)
    );
    // This merit migrates it as it opens it: a table with rows keeps its
    // indexes; the sums' triggers stand aside by their WHEN from now on.
    assert!(s.ok(&["verify"]).contains("whole"));
    assert_eq!(
        (lazy_indexes(&pg), whens()),
        (ALL_LAZY.map(String::from).to_vec(), 3)
    );
    let audit = s.ok(&["audit", "--format", "csv"]);
    assert!(audit.contains("PostgreSQL schema 3 to 8"), "{audit}");
    // Its awards by key, built by the older merit led by the rule, is
    // rebuilt led by the subject (schema 6), and still keeps a key once.
    assert!(key_index(&pg).contains(KEY_INDEX), "{}", key_index(&pg));
    s.ok(&["recalc"]);
    assert_eq!(
        count(
            &pg,
            "SELECT count(*) FROM (SELECT 1 FROM awards WHERE kind = 'award' \
             GROUP BY rule_id, member, subject HAVING count(*) > 1) d"
        ),
        0
    );
    // Kept by the triggers, award by award, and they still add up.
    s.ok(&["approve", "2026-01"]);
    s.ok(&["reject", "2026-02", "--reason", "not this month"]);
    assert_eq!(months_off(&pg), 0);
    assert!(s.ok(&["verify"]).contains("whole"));
}

#[test]
fn a_leads_role_fills_an_empty_store_in_bulk_and_the_indexes_are_built_as_its_owner() {
    // The owner sets the store up; a lead's role may only read and write
    // rows (README), yet its first import and first recalc in bulk build
    // the indexes an empty table leaves out.
    let pg = PgServer::start();
    let s = Sandbox::on_postgres(pg.merit_url());
    let f = |n: &str| fixture("q1").join(n).to_str().unwrap().to_string();
    s.ok(&["import", "members", &f("members.csv")]);
    s.ok(&["rules", "import", &f("rules.toml")]);
    pg.sql(
        "merit",
        "CREATE ROLE leads NOLOGIN;
         GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO leads;
         GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO leads;
         CREATE ROLE li LOGIN IN ROLE leads;",
    );
    let lead = pg.merit_url().replace("user=merit", "user=li");
    let as_lead = |args: &[&str]| {
        let out = s
            .merit()
            .env("MERIT_DB", &lead)
            .args(args)
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let many = s.file("new.csv", &new_customers(50_000));
    as_lead(&["import", "activities", &many]);
    assert_eq!(lazy_indexes(&pg), ["activities_by_date"]);
    assert_eq!(activity_keys(&pg), ACTIVITY_KEYS);
    // The import numbered its rows itself and moved the sequence past
    // them as the owner: the next rows the server numbers come after.
    let more = s.file(
        "more.csv",
        "ref,member,kind,date,amount\nM-1,ZW,new_customer,2026-03-30,0\n\
         M-2,LN,new_customer,2026-03-30,0\n",
    );
    assert!(as_lead(&["import", "activities", &more]).contains("2 new"));
    assert_eq!(
        count(
            &pg,
            "SELECT count(*) FROM activities WHERE ref LIKE 'M-%' \
             AND rowid > (SELECT max(rowid) FROM activities WHERE ref LIKE 'N-%')"
        ),
        2
    );
    assert_eq!(
        count(&pg, "SELECT count(DISTINCT rowid) FROM activities"),
        50_002
    );
    // Any role may call merit_ids_taken, but it moves a sequence no
    // further than the rows its table's pages could hold, and only from
    // where merit drew its first id: a lead cannot run it out.
    let now = count(&pg, "SELECT last_value FROM activities_rowid_seq");
    assert_eq!(now, count(&pg, "SELECT max(rowid) FROM activities"));
    let mut as_li = postgres::Client::connect(&lead, postgres::NoTls).unwrap();
    let err = as_li
        .batch_execute(&format!(
            "SELECT merit_ids_taken('activities', {now}, 9000000000000000000)"
        ))
        .unwrap_err();
    assert!(
        format!("{err:?}").contains("cannot hold rows numbered"),
        "{err:?}"
    );
    // From an id that is not where the sequence stands (drawn since, as
    // by another writer): it says so and moves nothing.
    let moved: bool = as_li
        .query_one(
            &format!(
                "SELECT merit_ids_taken('activities', {}, {})",
                now - 10,
                now + 5
            ),
            &[],
        )
        .unwrap()
        .get(0);
    assert!(!moved);
    assert_eq!(
        count(&pg, "SELECT last_value FROM activities_rowid_seq"),
        now
    );
    as_lead(&["recalc"]);
    assert_eq!(lazy_indexes(&pg), ALL_LAZY);
    // The bulk recalc numbered its awards itself, and moved the sequence
    // past them: an award the server numbers after is not refused as a
    // repeated id.
    let last = count(&pg, "SELECT max(id) FROM awards");
    assert!(last > 50_000, "{last}");
    as_lead(&[
        "award",
        "ZW",
        "5",
        "--reason",
        "a good week",
        "--date",
        "2026-03-30",
    ]);
    assert_eq!(count(&pg, "SELECT max(id) FROM awards"), last + 1);
    assert!(as_lead(&["approve", "2026-Q1"]).contains("approved 50"));
    // Kept by hand in bulk (the triggers stood aside by their WHEN), the
    // month sums add up.
    assert_eq!(months_off(&pg), 0);
    assert!(s.ok(&["verify"]).contains("whole"));
    // A lead's role may not run amcheck: verify checks the rest, and says
    // what it left and how to grant it.
    let said = as_lead(&["verify"]);
    assert!(said.starts_with("the store is whole"), "{said}");
    assert!(
        said.contains("role li may not run amcheck (GRANT EXECUTE ON FUNCTION"),
        "{said}"
    );
    // The lead could because the build runs as the tables' owner, in the
    // store's schema alone.
    let mut c = pg.client("merit");
    let how = c
        .query_one(
            "SELECT p.prosecdef, p.proowner = t.relowner, array_to_string(p.proconfig, ';') \
             FROM pg_proc p, pg_class t \
             WHERE p.proname = 'merit_build_index' AND t.relname = 'awards'",
            &[],
        )
        .unwrap();
    let (definer, owners, config): (bool, bool, String) = (how.get(0), how.get(1), how.get(2));
    assert!(definer && owners, "{definer} {owners}");
    assert_eq!(config, "search_path=public, pg_temp");
    // The function builds merit's indexes where missing, and nothing else.
    c.batch_execute("SELECT merit_build_index('awards_by_key')")
        .unwrap();
    let other = c.batch_execute("SELECT merit_build_index('members_by_name')");
    assert!(
        format!("{other:?}").contains("merit builds no index"),
        "{other:?}"
    );
}

/// As on SQLite (store_schema): a merit whose key the seal refuses leaves
/// an older store's schema as it is, nothing written; the store's own key
/// migrates it, whole.
#[test]
fn a_store_is_not_migrated_by_a_merit_whose_key_its_seal_refuses() {
    let pg = PgServer::start();
    let (s, store) = older_store(&pg, 6);
    older_merit_imports_q1(store, true);
    let version = || count(&pg, "SELECT version FROM merit_schema");
    let audits = || count(&pg, "SELECT count(*) FROM audit");
    let (v, a) = (version(), audits());
    assert_eq!(v, 6);
    let other = s.other_key();
    let out = s
        .merit()
        .env("MERIT_KEY", &other)
        .args(["standings", "2026-Q1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("brings the store up to schema 8, but its seal does not verify with this key"),
        "{err}"
    );
    assert_eq!((version(), audits()), (v, a));
    assert!(activity_keys(&pg).contains(&"activities_pkey".to_string()));
    assert!(s.ok(&["verify"]).starts_with("the store is whole"));
    assert_eq!(version(), merit::store::pg_schema::SCHEMA_VERSION);
}

/// tamper.rs's q1 store on PostgreSQL.
fn q1_lived_in_on(pg: &PgServer) -> Sandbox {
    let s = Sandbox::on_postgres(pg.merit_url());
    s.load_q1_lived_in();
    s
}

/// `merit verify` in `lang`, which must find the store damaged: its
/// stderr.
fn verify_fails_in(s: &Sandbox, lang: &str) -> String {
    let out = s
        .merit()
        .env("MERIT_LANG", lang)
        .arg("verify")
        .assert()
        .code(1);
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

#[test]
fn edits_made_as_the_servers_superuser_are_named_by_verify_in_both_languages() {
    // What tamper.rs does to a SQLite file with the sqlite3 shell, done
    // here by someone holding the server's superuser role: the ledger's
    // guards set aside, an entry inflated; the month sums standings read
    // raised; the seal removed. verify names each, in English and in
    // Chinese, and no write launders it.
    let pg = PgServer::start();
    let s = q1_lived_in_on(&pg);
    // Without the key verify checks the rest and says what it could not.
    let text = s.verify_with_no_key();
    assert!(
        text.contains("note: verify cannot check the seals: no key at"),
        "{text}"
    );
    pg.sql(
        "merit",
        "ALTER TABLE ledger DISABLE TRIGGER USER; \
         UPDATE ledger SET points = points * 100 WHERE id = 1; \
         ALTER TABLE ledger ENABLE TRIGGER USER",
    );
    let err = verify_fails_in(&s, "en");
    assert!(err.contains("ledger entry 1"), "{err}");
    let err = verify_fails_in(&s, "zh-CN");
    assert!(err.contains("流水 1：字段与哈希不符"), "{err}");

    let pg = PgServer::start();
    let s = q1_lived_in_on(&pg);
    pg.sql(
        "merit",
        "UPDATE award_months SET points = points + 100000 \
         WHERE member = 'ZW' AND status = 'approved' AND month = '2026-02'",
    );
    let err = verify_fails_in(&s, "en");
    assert!(
        err.contains("points kept for 2026-02") && err.contains("the awards come to"),
        "{err}"
    );
    // A later write does not launder it.
    s.ok(&["award", "LN", "5", "--reason", "a good week"]);
    let err = verify_fails_in(&s, "en");
    assert!(err.contains("points kept for 2026-02"), "{err}");

    let pg = PgServer::start();
    let s = q1_lived_in_on(&pg);
    pg.sql("merit", "DELETE FROM seal");
    assert!(verify_fails_in(&s, "en").contains("the store has no seal"));
    let err = verify_fails_in(&s, "zh-CN");
    assert!(err.contains("数据库没有封签"), "{err}");
}

/// The seal's schema is merit's own: an extension the DBA installs after
/// the store was made (amcheck, which `verify` uses; pg_stat_statements)
/// and a function of someone else's are not a change behind merit's back.
/// A change to merit's own function still is.
#[test]
fn an_extension_or_a_function_added_after_the_store_is_not_a_change_of_merits() {
    let pg = PgServer::start();
    let s = Sandbox::on_postgres(pg.merit_url());
    s.load_q1();
    s.ok(&["recalc"]);
    s.ok(&["seal"]);
    // Merit installed amcheck itself (the test's role may); a role that
    // may not leaves it to the DBA, who installs it later.
    pg.sql("merit", "DROP EXTENSION amcheck");
    let said = s.ok(&["verify"]);
    assert!(said.contains("the store is whole"), "{said}");
    pg.sql("merit", "CREATE EXTENSION amcheck");
    pg.sql("merit", "CREATE EXTENSION pg_stat_statements");
    pg.sql("merit", "CREATE EXTENSION pg_trgm");
    pg.sql(
        "merit",
        "CREATE FUNCTION public.report_helper() RETURNS int LANGUAGE sql AS 'SELECT 1'",
    );
    let said = s.ok(&["verify"]);
    assert!(said.contains("the store is whole"), "{said}");
    s.ok(&["approve", "2026-Q1"]);
    s.ok(&["verify"]);
    pg.sql(
        "merit",
        "CREATE OR REPLACE FUNCTION merit_refuse() RETURNS trigger LANGUAGE plpgsql AS \
         'BEGIN RETURN NULL; END'",
    );
    let out = s.merit().args(["verify"]).assert().code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("schema"), "{err}");
}

/// A role without its grants is told that, not "no store" or a failed
/// migration; a table of someone else's that the role cannot see still
/// makes the database someone else's.
#[test]
fn a_role_without_its_grants_and_a_hidden_table_are_named_as_such() {
    let pg = PgServer::start();
    let s = Sandbox::on_postgres(pg.merit_url());
    s.load_q1();
    pg.sql("postgres", "CREATE ROLE li LOGIN");
    let as_li = |db: &str| pg.url(db).replace("user=merit", "user=li");
    let run = |url: &str, args: &[&str]| {
        let out = s.merit().env("MERIT_DB", url).args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, err) = run(&as_li("merit"), &["standings", "2026-Q1"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("a merit store is there, but role li may not read it"),
        "{err}"
    );
    // An empty database li may not make tables in.
    pg.sql("postgres", "CREATE DATABASE empty");
    let members = fixture("q1").join("members.csv");
    let members = members.to_str().unwrap();
    let (code, err) = run(&as_li("empty"), &["import", "members", members]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("role li may not make tables in this database"),
        "{err}"
    );
    assert_eq!(
        count_in(
            &pg,
            "empty",
            "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"
        ),
        0
    );
    // A table li cannot see is someone else's all the same.
    pg.sql("postgres", "CREATE DATABASE crm");
    pg.sql("crm", "CREATE TABLE customers(id int); REVOKE ALL ON customers FROM PUBLIC; GRANT CREATE ON SCHEMA public TO li");
    let (code, err) = run(&as_li("crm"), &["import", "members", members]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("not a merit store (the database holds other tables); it was not changed"),
        "{err}"
    );
    assert_eq!(
        count_in(
            &pg,
            "crm",
            "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'"
        ),
        1
    );
}

fn count_in(pg: &PgServer, db: &str, sql: &str) -> i64 {
    pg.client(db).query_one(sql, &[]).unwrap().get(0)
}

/// The screen on a PostgreSQL store whose connection an administrator
/// ends (or whose server restarts): the status line says the connection
/// was lost, the header stays on its rows' period, and the next key opens
/// the store again, doing nothing else (it said `connection closed` for
/// good).
#[test]
fn the_screen_opens_the_store_again_after_its_connection_was_lost() {
    use common::screen::{ctx, keys, screen};
    let pg = PgServer::start();
    let s = Sandbox::on_postgres(pg.merit_url());
    s.load_q1();
    s.ok(&["recalc"]);
    let store = merit::store::Store::open(std::path::Path::new(&pg.merit_url())).unwrap();
    let mut app =
        merit::tui::app::App::new(store, ctx(), "merit", merit::tui::theme::Theme::plain())
            .unwrap();
    app.resize(80, 24);
    let before = app.period;
    pg.sql(
        "postgres",
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = 'merit' AND pid <> pg_backend_pid()",
    );
    keys(&mut app, "]");
    let text = screen(&app);
    assert_eq!(app.period, before, "{text}");
    assert!(
        text.contains("the connection to the PostgreSQL server was lost"),
        "{text}"
    );
    // Whole at 80 columns: its end was cut off the two rows it has.
    assert!(text.contains("whether it was made"), "{text}");
    // The next key opens the store again, and does nothing else.
    keys(&mut app, "]");
    let text = screen(&app);
    assert_eq!(app.period, before, "{text}");
    assert!(
        text.contains("the connection to the PostgreSQL server is back"),
        "{text}"
    );
    keys(&mut app, "]");
    let text = screen(&app);
    assert_eq!(app.period, before.next(), "{text}");
    assert!(!text.contains("was lost"), "{text}");
}

/// A role with a password: asked for in merit's words, refused in merit's
/// words, and taken from PGPASSWORD or the password file as psql takes
/// it, so that no password need be written on the command line.
#[test]
fn a_password_comes_from_the_environment_or_the_password_file() {
    let pg = PgServer::start();
    pg.sql(
        "postgres",
        "CREATE ROLE pw LOGIN PASSWORD 's3cret'; ALTER DATABASE merit OWNER TO pw",
    );
    let hba = pg.socket_dir().join("data").join("pg_hba.conf");
    let before = std::fs::read_to_string(&hba).unwrap();
    std::fs::write(&hba, format!("local all pw scram-sha-256\n{before}")).unwrap();
    pg.sql("postgres", "SELECT pg_reload_conf()");
    let url = pg.merit_url().replace("user=merit", "user=pw");
    let s = Sandbox::on_postgres(url);
    let run = |env: &[(&str, &str)], args: &[&str]| {
        let mut c = s.merit();
        c.env_remove("PGPASSWORD").env_remove("PGPASSFILE");
        for (k, v) in env {
            c.env(k, v);
        }
        let out = c.args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, err) = run(&[("HOME", "/nonexistent")], &["demo"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("the server asks for the password of pw"),
        "{err}"
    );
    let (code, err) = run(&[("PGPASSWORD", "wrong")], &["demo"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("the server refused the password of pw"),
        "{err}"
    );
    let (code, err) = run(&[("PGPASSWORD", "s3cret")], &["demo"]);
    assert_eq!(code, Some(0), "{err}");
    let file = s.dir.path().join("pgpass");
    std::fs::write(&file, "localhost:*:merit:pw:s3cret\n").unwrap();
    std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let (code, err) = run(&[("PGPASSFILE", file.to_str().unwrap())], &["verify"]);
    assert_eq!(code, Some(0), "{err}");
}

/// An auditor's screen (a role that may only read): the header says the
/// store is read-only, and a key that would change it says so at once,
/// asking nothing (it asked the question, and the store then refused).
/// A lead's screen on the same store has no such mark.
#[test]
fn an_auditors_screen_says_read_only_and_asks_nothing_it_cannot_do() {
    use common::screen::{ctx, keys, screen};
    let pg = PgServer::start();
    let s = Sandbox::on_postgres(pg.merit_url());
    s.load_q1();
    s.ok(&["recalc"]);
    pg.sql(
        "merit",
        "CREATE ROLE auditor LOGIN; GRANT SELECT ON ALL TABLES IN SCHEMA public TO auditor;",
    );
    let open = |url: &str| {
        let store = merit::store::Store::open(std::path::Path::new(url)).unwrap();
        let mut app =
            merit::tui::app::App::new(store, ctx(), "merit", merit::tui::theme::Theme::plain())
                .unwrap();
        app.resize(80, 24);
        app
    };
    let lead = open(&pg.merit_url());
    assert!(!screen(&lead).contains("READ-ONLY"), "{}", screen(&lead));
    let pending = "SELECT count(*) FROM awards WHERE status = 'pending'";
    let before = count_in(&pg, "merit", pending);
    let mut app = open(&pg.merit_url().replace("user=merit", "user=auditor"));
    let text = screen(&app);
    assert!(text.lines().next().unwrap().contains("READ-ONLY"), "{text}");
    let refusal = "the store is read-only for this user: this screen shows it and changes nothing";
    // Ledger: approve all, a manual award, a dispute.
    for k in ["*a", "n", "d"] {
        keys(&mut app, k);
        let text = screen(&app);
        assert!(text.contains(refusal), "{k}: {text}");
        assert!(
            !text.contains("(y/n)") && !text.contains("Esc"),
            "{k}: {text}"
        );
        keys(&mut app, "<Esc>");
    }
    // Catalog: a new reward; Rules: turning a rule off.
    for k in ["3n", "2a"] {
        keys(&mut app, k);
        let text = screen(&app);
        assert!(text.contains(refusal), "{k}: {text}");
        keys(&mut app, "<Esc>");
    }
    // The rule editor opens, for its preview; its Ctrl-S says so at once
    // (it went on to the date and the plan, then the store refused).
    keys(&mut app, "2<Enter><C-s>");
    let text = screen(&app);
    assert!(text.contains(refusal), "{text}");
    assert!(
        matches!(app.overlay, merit::tui::app::Overlay::Rule(_)),
        "{text}"
    );
    keys(&mut app, "<Esc>y<Esc>");
    // What only reads still works: the Rankings, periods.
    keys(&mut app, "4]");
    assert!(!screen(&app).contains(refusal), "{}", screen(&app));
    // The command line, with no key of the auditor's own: read-only is
    // what stops it (it said the store was sealed and no key was there).
    let auditor = Sandbox::on_postgres(pg.merit_url().replace("user=merit", "user=auditor"));
    let out = auditor
        .merit()
        .args(["approve", "2026-Q1"])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert_eq!(err, "merit: the store is read-only for this user\n");
    assert_eq!(count_in(&pg, "merit", pending), before);
}

/// A recalc writing many awards one at a time into a store that held few
/// looks each award's key up by its index, not by reading every award:
/// a plan the server kept from when the awards were few read them all for
/// each award written (a quarter's store given 100 000 new activities took
/// more than five minutes to recalculate; SQLite, one second).
#[test]
fn a_recalc_writing_awards_one_at_a_time_reads_no_award_twice() {
    let pg = PgServer::start();
    let s = Sandbox::on_postgres(pg.merit_url());
    s.load_q1();
    s.ok(&["recalc"]);
    let n = 3_000;
    let file = s.file("new.csv", &new_customers(n));
    s.ok(&["import", "activities", &file]);
    let said = s.ok(&["recalc"]);
    assert!(said.starts_with(&format!("{n} new")), "{said}");
    // The counts of merit's session reach the server's statistics as the
    // session ends, which may be a moment after merit has gone.
    let sql = "SELECT n_tup_ins, seq_tup_read FROM pg_stat_user_tables WHERE relname = 'awards'";
    let mut read = 0;
    for _ in 0..500 {
        let mut c = pg.client("merit");
        c.batch_execute("SELECT pg_stat_clear_snapshot()").unwrap();
        let row = c.query_one(sql, &[]).unwrap();
        let (inserted, seq): (i64, i64) = (row.get(0), row.get(1));
        if inserted >= n as i64 {
            read = seq;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let awards = count(&pg, "SELECT count(*) FROM awards");
    assert!(awards > n as i64, "{awards} awards");
    assert!(
        read < 10 * awards,
        "{read} awards read by scans of the whole table, for {awards} awards"
    );
}
