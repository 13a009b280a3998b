//! Rewards, redemptions, balances and expiry through the command line
//! (SPEC §11, §12), including the §12 worked example.

mod common;

use common::Sandbox;

const RULES: &str = "[settings]\nexpire_after_months = 12\n\n[[rules]]\nid = \"visit\"\nname = \"Visit\"\nkind = \"per_event\"\ncategory = \"customer\"\nevent = \"visit\"\npoints = 1\n";

fn setup() -> Sandbox {
    setup_in(Sandbox::new())
}

/// `setup` in `s` (a file, for a test that reads or changes it itself).
fn setup_in(s: Sandbox) -> Sandbox {
    let m = s.file("m.csv", "code,name,team\nZW,张伟,East\nLN,李娜,East\n");
    let r = s.file("r.toml", RULES);
    let c = s.file(
        "c.csv",
        "code,name,cost,stock,category\nGIFT,礼品卡,120,1,gift\nDAY,Day off,500,,leave\n",
    );
    s.ok(&["import", "members", &m]);
    s.ok(&["rules", "import", &r]);
    s.ok(&["catalog", "import", &c]);
    s
}

/// An approved manual award of `points` to `member` dated `date`.
fn grant(s: &Sandbox, member: &str, points: &str, date: &str) {
    s.ok(&[
        "--today", date, "award", member, points, "--reason", "grant",
    ]);
    s.ok(&["--today", date, "approve", &date[..7], "--member", member]);
}

fn balance_csv(s: &Sandbox, today: &str, member: &str) -> String {
    s.ok(&["--today", today, "balance", member, "--format", "csv"])
}

#[test]
fn the_spec_expiry_example() {
    let s = setup_in(Sandbox::file_only());
    grant(&s, "ZW", "100", "2025-01-15");
    grant(&s, "ZW", "50", "2025-06-01");
    assert_eq!(
        s.ok(&["--today", "2025-12-01", "redeem", "ZW", "GIFT"]),
        "redemption 1: ZW GIFT ×1, 120 points, pending approval\n"
    );
    assert_eq!(
        s.ok(&["--today", "2025-12-01", "redemptions", "approve", "1"]),
        "approved 1 redemption, 120 points\n"
    );
    assert_eq!(
        s.ok(&["--today", "2026-07-01", "expire", "--as-of", "2026-02-01"]),
        "posted 0 expiry entries, 0 points (as of 2026-02-01)\n"
    );
    assert_eq!(
        s.ok(&["--today", "2026-07-01", "expire", "--as-of", "2026-07-01"]),
        "posted 1 expiry entry, 30 points (as of 2026-07-01)\n"
    );
    let before = s.dump();
    assert_eq!(
        s.ok(&["--today", "2026-07-01", "expire", "--as-of", "2026-07-01"]),
        "posted 0 expiry entries, 0 points (as of 2026-07-01)\n"
    );
    assert_eq!(
        before.lines().filter(|l| l.contains("expiry")).count(),
        s.dump().lines().filter(|l| l.contains("expiry")).count()
    );
    assert_eq!(
        balance_csv(&s, "2026-07-01", "ZW"),
        "member,name,balance,available,next_reward,missing,expiring_30d\nZW,张伟,0,0,GIFT,120,\n"
    );
    let conn = rusqlite::Connection::open(s.db()).unwrap();
    let (date, points): (String, i64) = conn
        .query_row(
            "SELECT date, points FROM ledger WHERE kind = 'expiry'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((date.as_str(), points), ("2026-06-30", -3000));
}

/// The table says what an empty next reward means (every reward within
/// reach), beside the table on stderr; CSV leaves the cell empty and says
/// nothing, as SPEC has it.
#[test]
fn an_empty_next_reward_is_explained_beside_the_table() {
    let s = setup();
    grant(&s, "ZW", "600", "2026-03-02");
    let out = s
        .merit()
        .args(["--today", "2026-03-10", "balance", "ZW"])
        .assert()
        .success();
    let o = out.get_output();
    let table = String::from_utf8(o.stdout.clone()).unwrap();
    let said = String::from_utf8(o.stderr.clone()).unwrap();
    assert!(table.contains("ZW      张伟"), "{table}");
    assert_eq!(
        said,
        "an empty next_reward: every active reward is within the member's available points\n"
    );
    let csv = s
        .merit()
        .args(["--today", "2026-03-10", "balance", "ZW", "--format", "csv"])
        .assert()
        .success();
    assert!(csv.get_output().stderr.is_empty());
    // With no active reward, an empty next reward says so instead.
    let none = common::Sandbox::new();
    let m = none.file("m.csv", "code,name,team\nZW,张伟,East\n");
    none.ok(&["import", "members", &m]);
    let out = none.merit().args(["balance"]).assert().success();
    assert_eq!(
        String::from_utf8(out.get_output().stderr.clone()).unwrap(),
        "an empty next_reward: the catalog has no active reward (`merit catalog import FILE` \
         adds them)\n"
    );
    // LN can reach nothing yet: her next reward is named, and nothing is said.
    let ln = s
        .merit()
        .args(["--today", "2026-03-10", "balance", "LN"])
        .assert()
        .success();
    assert!(ln.get_output().stderr.is_empty());
}

#[test]
fn points_about_to_expire_are_shown() {
    let s = setup();
    grant(&s, "ZW", "100", "2025-01-15");
    let out = balance_csv(&s, "2026-01-10", "ZW");
    assert!(out.ends_with("ZW,张伟,100,100,GIFT,20,100\n"), "{out}");
}

#[test]
fn a_request_is_refused_when_short_inactive_or_out_of_stock() {
    let s = setup();
    grant(&s, "ZW", "100", "2026-03-02");
    let before = s.dump();
    let out = s.merit().args(["redeem", "ZW", "GIFT"]).assert().code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert_eq!(
        err,
        "merit: refused: ZW has 100 points available, 120 needed\n"
    );
    assert_eq!(s.dump(), before, "nothing written");
    grant(&s, "ZW", "100", "2026-03-03");
    let out = s
        .merit()
        .args(["redeem", "ZW", "GIFT", "--qty", "2"])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert_eq!(
        err,
        "merit: refused: reward GIFT is out of stock (1 left, 2 asked)\n"
    );
    let c = s.file(
        "c2.csv",
        "code,name,cost,stock,category,active\nGIFT,礼品卡,120,1,gift,false\n",
    );
    s.ok(&["catalog", "import", &c]);
    s.merit()
        .args(["redeem", "ZW", "GIFT"])
        .assert()
        .code(1)
        .stderr("merit: refused: reward GIFT is not active\n");
    s.merit()
        .args(["redeem", "ZW", "NOPE"])
        .assert()
        .code(2)
        .stderr("merit: REWARD: unknown reward 'NOPE'\n");
}

#[test]
fn pending_requests_hold_points() {
    let s = setup();
    grant(&s, "ZW", "150", "2026-03-02");
    s.ok(&["redeem", "ZW", "GIFT"]);
    let out = s.merit().args(["redeem", "ZW", "GIFT"]).assert().code(1);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("30 points available"));
    // The next reward is reckoned from the 30 available points (issue 39).
    let row = balance_csv(&s, "2026-04-10", "ZW");
    assert!(row.contains("ZW,张伟,150,30,GIFT,90,"), "{row}");
}

#[test]
fn two_requests_for_the_last_item_only_one_is_approved() {
    let s = setup();
    grant(&s, "ZW", "200", "2026-03-02");
    grant(&s, "LN", "200", "2026-03-02");
    s.ok(&["redeem", "ZW", "GIFT"]);
    s.ok(&["redeem", "LN", "GIFT"]);
    let out = s
        .merit()
        .args(["redemptions", "approve", "1", "2"])
        .assert()
        .code(1);
    let o = out.get_output();
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "approved 1 redemption, 120 points\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "merit: redemption 2: refused, still pending: GIFT is out of stock (0 left, 1 asked)\nmerit: 1 of 2 redemptions left pending\n"
    );
    assert_eq!(
        s.ok(&["redemptions", "--format", "csv"]),
        "id,member,reward,qty,points,status,requested_on,decided_by\n\
         1,ZW,GIFT,1,120,approved,2026-04-10,lead\n\
         2,LN,GIFT,1,120,pending,2026-04-10,\n"
    );
    assert!(
        s.ok(&["catalog", "list", "--format", "csv"])
            .contains("GIFT,礼品卡,120,0,gift,true")
    );
    assert!(balance_csv(&s, "2026-04-10", "ZW").contains("ZW,张伟,80,80,"));
}

#[test]
fn approval_rechecks_the_balance() {
    let s = setup();
    grant(&s, "ZW", "130", "2026-03-02");
    s.ok(&["redeem", "ZW", "GIFT"]);
    // A deduction approved after the request leaves too little.
    s.ok(&["award", "ZW", "-20", "--reason", "complaint"]);
    s.ok(&["approve", "2026-04"]);
    s.merit()
        .args(["redemptions", "approve", "1"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "ZW has a balance of 110, 120 needed",
        ));
    assert!(
        s.ok(&["redemptions", "--status", "pending", "--format", "csv"])
            .contains("1,ZW,GIFT")
    );
}

#[test]
fn rejecting_returns_the_held_points_and_needs_a_reason() {
    let s = setup();
    grant(&s, "ZW", "150", "2026-03-02");
    s.ok(&["redeem", "ZW", "GIFT"]);
    s.merit()
        .args(["redemptions", "reject", "1", "--reason", " "])
        .assert()
        .code(2);
    assert_eq!(
        s.ok(&["redemptions", "reject", "1", "--reason", "changed mind"]),
        "rejected 1 redemption, 120 points\n"
    );
    assert!(balance_csv(&s, "2026-04-10", "ZW").contains("ZW,张伟,150,150,"));
    assert!(
        s.ok(&["catalog", "list", "--format", "csv"])
            .contains("GIFT,礼品卡,120,1,")
    );
    s.merit()
        .args(["redemptions", "approve", "1"])
        .assert()
        .success()
        .stdout("approved 0 redemptions, 0 points\n")
        .stderr("merit: redemption 1: already decided by lead\n");
}

#[test]
fn bad_catalog_rows_are_named_and_nothing_is_imported() {
    let s = setup();
    let before = s.dump();
    let c = s.file(
        "bad.csv",
        "code,name,cost,stock,category\nZ,Zero,0,1,gift\nB,Two,ten,,gift\nC,Three,5,-1,gift\nA,One,5,,gift\nA,Again,5,,gift\n",
    );
    let out = s.merit().args(["catalog", "import", &c]).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("bad.csv:2: cost: '0' must be more than 0"),
        "{err}"
    );
    assert!(
        err.contains("bad.csv:3: cost: 'ten' is not a number"),
        "{err}"
    );
    assert!(
        err.contains("bad.csv:4: stock: '-1' is not a whole number"),
        "{err}"
    );
    assert!(
        err.contains("bad.csv:6: code: 'A' appears twice in the file (first on line 5)"),
        "{err}"
    );
    assert!(err.ends_with("bad.csv: nothing was imported\n"), "{err}");
    assert_eq!(s.dump(), before);
}

#[test]
fn the_ledger_lists_redemptions_and_expiries() {
    let s = setup();
    grant(&s, "ZW", "100", "2025-01-15");
    grant(&s, "ZW", "50", "2025-06-01");
    s.ok(&["--today", "2025-12-01", "redeem", "ZW", "GIFT"]);
    s.ok(&["--today", "2025-12-01", "redemptions", "approve", "1"]);
    s.ok(&["--today", "2026-07-01", "expire", "--as-of", "2026-07-01"]);
    let csv = s.ok(&["ledger", "--member", "ZW", "--format", "csv"]);
    let kinds: Vec<(String, String, String)> = csv
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[1].to_string(), f[4].to_string(), f[7].to_string())
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("2025-01-15", "manual", "100"),
            ("2025-06-01", "manual", "50"),
            ("2025-12-01", "redemption", "-120"),
            ("2026-06-30", "expiry", "-30"),
        ]
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    );
    assert!(
        !s.ok(&["ledger", "--status", "pending", "--format", "csv"])
            .contains("redemption")
    );
}

/// The listing as CSV and JSON comes as it is read, a day's awards before
/// its postings: the same rows in the same order as the table.
#[test]
fn the_ledger_written_as_read_keeps_each_days_awards_before_its_postings() {
    let s = setup();
    grant(&s, "ZW", "150", "2025-12-01");
    s.ok(&["--today", "2025-12-01", "redeem", "ZW", "GIFT"]);
    s.ok(&["--today", "2025-12-01", "redemptions", "approve", "1"]);
    grant(&s, "ZW", "20", "2025-12-01");
    grant(&s, "LN", "30", "2025-12-02");
    let csv = s.ok(&["ledger", "--format", "csv"]);
    let rows: Vec<(String, String, String, String)> = csv
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[1].into(), f[2].into(), f[4].into(), f[7].into())
        })
        .collect();
    let want = [
        ("2025-12-01", "ZW", "manual", "150"),
        ("2025-12-01", "ZW", "manual", "20"),
        ("2025-12-01", "ZW", "redemption", "-120"),
        ("2025-12-02", "LN", "manual", "30"),
    ]
    .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()));
    assert_eq!(rows, want);
    let json = s.ok(&["ledger", "--format", "json"]);
    let parsed: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let from_json: Vec<(String, String, String, String)> = parsed
        .iter()
        .map(|r| {
            (
                r["date"].as_str().unwrap().into(),
                r["member"].as_str().unwrap().into(),
                r["kind"].as_str().unwrap().into(),
                r["points"].to_string(),
            )
        })
        .collect();
    assert_eq!(from_json, want);
    assert_eq!(
        s.ok(&["ledger", "--status", "rejected", "--format", "json"]),
        "[]\n"
    );
}
