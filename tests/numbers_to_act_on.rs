//! Numbers a lead and a rep can act on (issue 39): a dry run is the
//! import; imports say what no rule scores and what comes next; standings
//! say what they leave out; payroll of an open period says so.

mod common;
use common::Sandbox;

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_dry_run_gives_exactly_what_the_import_gives() {
    let s = Sandbox::new();
    s.load_q1();
    let f = s.file(
        "a.csv",
        "ref,member,kind,date,amount\nX-1,ZW,deal,2026/12/3,\"1,234.50\"\n",
    );
    let before = s.dump();
    let dry = s
        .merit()
        .args(["import", "activities", &f, "--dry-run"])
        .output()
        .unwrap();
    let real = s
        .merit()
        .args(["import", "activities", &f])
        .output()
        .unwrap();
    assert_eq!(real.status.code(), Some(2), "{}", stderr(&real));
    assert_eq!(dry.status.code(), real.status.code(), "{}", stderr(&dry));
    assert_eq!(stderr(&dry), stderr(&real));
    assert_eq!(s.dump(), before);
    // A good file: the dry run counts what the import then does.
    let g = s.file(
        "g.csv",
        "ref,member,kind,date,amount\nX-2,ZW,deal,2026-03-03,100\n",
    );
    let dry = s.ok(&["import", "activities", &g, "--dry-run"]);
    assert!(dry.contains("the first rows as merit reads them:"), "{dry}");
    assert!(dry.contains("X-2"), "{dry}");
    assert!(dry.contains("would import activities from"), "{dry}");
    assert!(
        dry.contains(": 1 new, 0 updated, 0 unchanged (dry run, nothing written)"),
        "{dry}"
    );
    assert_eq!(s.dump(), before);
    let real = s.ok(&["import", "activities", &g]);
    assert!(real.contains(": 1 new, 0 updated, 0 unchanged"), "{real}");
}

#[test]
fn an_import_says_what_no_rule_scores_what_lies_ahead_and_what_comes_next() {
    let s = Sandbox::new();
    s.load_q1();
    let f = s.file(
        "a.csv",
        "ref,member,kind,date,amount\nX-1,ZW,dael,2026-04-01,100\nX-2,ZW,deal,2026-05-01,100\nX-3,LN,dael,2026-04-02,1\n",
    );
    let o = s
        .merit()
        .args(["import", "activities", &f])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(
        err.contains("dael: 2 activities that no rule scores"),
        "{err}"
    );
    assert!(!err.contains("deal:"), "{err}");
    assert!(
        err.contains("1 activity dated after today (2026-04-10)"),
        "{err}"
    );
    assert!(err.trim_end().ends_with("next: merit recalc"), "{err}");
    // Nothing changed: nothing comes next.
    let o = s
        .merit()
        .args(["import", "activities", &f])
        .output()
        .unwrap();
    assert!(!stderr(&o).contains("next: merit recalc"), "{}", stderr(&o));
}

#[test]
fn standings_say_what_pending_points_they_leave_out() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    let o = s.merit().args(["standings", "2026-Q1"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(
        err.contains(" pending points not included (--include-pending)"),
        "{err}"
    );
    let o = s
        .merit()
        .args(["standings", "2026-Q1", "--include-pending"])
        .output()
        .unwrap();
    assert_eq!(stderr(&o), "");
    s.ok(&["approve", "2026-Q1"]);
    let o = s.merit().args(["standings", "2026-Q1"]).output().unwrap();
    assert_eq!(stderr(&o), "");
}

#[test]
fn payroll_of_an_open_period_says_so_and_can_be_refused() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    // Today is 2026-04-10: the second quarter has not ended.
    let o = s
        .merit()
        .args(["export", "payroll", "2026-Q2"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("2026-Q2 has not ended: "),
        "{}",
        stderr(&o)
    );
    let o = s
        .merit()
        .args(["export", "payroll", "2026-Q1", "--require-closed"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("2026-Q1 is not closed"),
        "{}",
        stderr(&o)
    );
    s.ok(&["approve", "2026-Q1"]);
    s.ok(&["close", "2026-Q1"]);
    let o = s
        .merit()
        .args(["export", "payroll", "2026-Q1", "--require-closed"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}

#[test]
fn the_next_reward_is_reckoned_from_available_points() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1"]);
    let row = |s: &Sandbox| -> Vec<String> {
        let csv = s.ok(&["balance", "ZW", "--format", "csv"]);
        csv.lines()
            .nth(1)
            .unwrap()
            .split(',')
            .map(str::to_string)
            .collect()
    };
    let balance: rust_decimal::Decimal = row(&s)[2].parse().unwrap();
    let near = balance - rust_decimal::Decimal::from(5);
    let c = s.file(
        "c.csv",
        &format!("code,name,cost,stock,category\nPEN,Pen,10,,gift\nTRIP,Trip,{near},,travel\n"),
    );
    s.ok(&["catalog", "import", &c]);
    // Within reach by the balance…
    let r = row(&s);
    assert_eq!(r[4], "", "{r:?}");
    // …not once 10 points are held by a pending request.
    s.ok(&["redeem", "ZW", "PEN"]);
    let r = row(&s);
    assert_eq!(
        r[3],
        (balance - rust_decimal::Decimal::from(10)).to_string()
    );
    assert_eq!((r[4].as_str(), r[5].as_str()), ("TRIP", "5"), "{r:?}");
    let statement = s.ok(&["statement", "ZW"]);
    assert!(statement.contains("TRIP"), "{statement}");
}

#[test]
fn recalc_counts_what_it_writes_and_a_move_across_years_settles_at_once() {
    let s = Sandbox::file_only();
    let run = |args: &[&str]| -> String {
        let o = s
            .merit()
            .env("MERIT_TODAY", "2027-01-10")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let q1 = |n: &str| common::fixture("q1").join(n).display().to_string();
    run(&["import", "members", &q1("members.csv")]);
    run(&["rules", "import", &q1("rules.toml")]);
    let a = s.file(
        "a.csv",
        "ref,member,kind,date,amount\nD-X,ZW,deal,2026-12-31,100000\nD-Y,ZW,deal,2026-11-15,100000\n",
    );
    run(&["import", "activities", &a]);
    run(&["recalc"]);
    run(&["approve", "2026"]);
    run(&["close", "2026-11"]);
    // D-X moves from the last day of 2026 to the second of 2027.
    let b = s.file(
        "b.csv",
        "ref,member,kind,date,amount\nD-X,ZW,deal,2027-01-02,100000\nD-Y,ZW,deal,2026-11-15,100000\n",
    );
    run(&["import", "activities", &b]);
    assert_eq!(
        run(&["recalc"]),
        "0 new, 0 changed, 0 withdrawn, 2 adjustments, 0 skipped\n"
    );
    let store = merit::store::Store::open(&s.db()).unwrap();
    let adjustments: Vec<String> = rusqlite::Connection::open(s.db())
        .unwrap()
        .prepare(
            "SELECT id, date || ' ' || points FROM awards WHERE kind = 'adjustment' ORDER BY date",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .map(|(id, head)| {
            let a = store.db().award(id).unwrap().unwrap();
            format!("{head} {}", a.english())
        })
        .collect();
    drop(store);
    assert_eq!(adjustments.len(), 2, "{adjustments:?}");
    assert!(
        adjustments[0].ends_with("(moved to 2027-01-02)"),
        "{adjustments:?}"
    );
    assert!(
        adjustments[1].ends_with("(moved here from 2026-12-31)"),
        "{adjustments:?}"
    );
    for again in [
        &["recalc", "2026"][..],
        &["recalc", "2027"][..],
        &["recalc"][..],
    ] {
        assert_eq!(
            run(again),
            "0 new, 0 changed, 0 withdrawn, 0 adjustments, 0 skipped\n",
            "{again:?}"
        );
    }
}

#[test]
fn a_rep_sees_the_distance_to_the_next_tier_in_every_statement_and_on_the_site() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    // LN: 125 000 of a 200 000 target, 62%; 80% gives 30 points.
    let text = s.ok(&["statement", "LN", "2026-Q1"]);
    assert!(
        text.contains("progress q-attain 2026-Q1: deal 125000 done of 200000 (62%); next tier at 80% gives 30 points: 35000 more needed"),
        "{text}"
    );
    let csv = s.ok(&["statement", "LN", "2026-Q1", "--format", "csv"]);
    assert!(
        csv.contains("2026-03-31,progress,q-attain,2026-Q1,,,,progress q-attain 2026-Q1: deal 125000 done of 200000 (62%); next tier at 80% gives 30 points: 35000 more needed"),
        "{csv}"
    );
    let md = s.ok(&["statement", "LN", "2026-Q1", "--format", "markdown"]);
    assert!(
        md.contains("next tier at 80% gives 30 points: 35000 more needed"),
        "{md}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&s.ok(&["statement", "LN", "2026-Q1", "--format", "json"])).unwrap();
    let p = &json["progress"][0];
    for (k, v) in [
        ("target", "200000"),
        ("done", "125000"),
        ("attainment", "62"),
        ("next_at", "80"),
        ("next_points", "30"),
        ("needed", "35000"),
    ] {
        assert!(p[k].is_number(), "{k}: {p}");
        assert_eq!(p[k].to_string(), v, "{k}");
    }
    let zh = s
        .merit()
        .env("MERIT_LANG", "zh-CN")
        .args(["statement", "LN", "2026-Q1"])
        .output()
        .unwrap();
    let zh = String::from_utf8_lossy(&zh.stdout);
    // A Chinese statement names the rule by its name.
    assert!(zh.contains("进度 Quarterly attainment 2026-Q1：deal 已完成 125000 / 200000（62%）；下一档 80% 得 30 分：还差 35000"), "{zh}");
    let site = s.dir.path().join("site");
    s.ok(&["publish", "2026-Q1", "--out", site.to_str().unwrap()]);
    let page = std::fs::read_dir(site.join("m"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .find(|p| p.contains("李娜"))
        .unwrap();
    assert!(
        page.contains(
            "q-attain 2026-Q1: 125000 of 200000 (62%); the next tier at 80% gives 30 points: 35000 to go"
        ),
        "{page}"
    );
}

#[test]
fn the_demo_shows_champions_stars_and_pool_shares_on_the_first_look() {
    let s = Sandbox::new();
    s.merit()
        .env("MERIT_TODAY", "2026-12-05")
        .args(["demo", "--members", "25"])
        .assert()
        .success();
    let q3 = s
        .merit()
        .env("MERIT_TODAY", "2026-12-05")
        .args(["standings", "2026-Q3", "--format", "csv"])
        .output()
        .unwrap();
    let q3 = String::from_utf8_lossy(&q3.stdout);
    assert!(q3.contains("Monthly champion"), "{q3}");
    assert!(q3.contains("Quarterly star"), "{q3}");
    let ledger = s
        .merit()
        .env("MERIT_TODAY", "2026-12-05")
        .args(["ledger", "--period", "2026-Q3", "--format", "csv"])
        .output()
        .unwrap();
    let ledger = String::from_utf8_lossy(&ledger.stdout);
    assert!(ledger.contains(",mentoring-pool,"), "a pool share");
    // The demo is settled: a recalc changes nothing.
    let again = s
        .merit()
        .env("MERIT_TODAY", "2026-12-05")
        .arg("recalc")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&again.stdout),
        "0 new, 0 changed, 0 withdrawn, 0 adjustments, 0 skipped\n"
    );
}
