//! Rank rewards, titles and team pools (issue 21): the hand-checked
//! example under `tests/fixtures/period-end/` (its README gives every
//! figure), step by step through recalc, approval, a change of approved
//! points after the period ended, a resolved dispute, a refused
//! over-limit redemption, closing, and `verify`.

mod common;

use common::{Sandbox, fixture};

fn f(name: &str) -> String {
    fixture("period-end").join(name).display().to_string()
}

fn expected(name: &str) -> String {
    std::fs::read_to_string(fixture("period-end").join(name)).unwrap()
}

/// Ledger rows of `rule` as `member,kind,subject,points,status`, by date then member.
fn rows_of(s: &Sandbox, rule: &str) -> Vec<String> {
    let csv = s.ok(&["ledger", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let mut out: Vec<String> = reader
        .records()
        .map(Result::unwrap)
        .filter(|r| &r[5] == rule)
        .map(|r| [2, 4, 6, 7, 8].map(|i| r[i].to_string()).join(","))
        .collect();
    out.sort();
    out
}

fn store() -> Sandbox {
    let s = Sandbox::new();
    s.ok(&["import", "members", &f("members.csv")]);
    s.ok(&["import", "activities", &f("activities.csv")]);
    s.ok(&["rules", "import", &f("rules.toml")]);
    s
}

#[test]
fn pools_split_exactly_and_places_follow_approved_points() {
    let s = store();
    // Step 1: nothing approved: pools only, shares by participation.
    assert_eq!(
        s.ok(&["recalc"]),
        "27 new, 0 changed, 0 withdrawn, 0 adjustments, 0 skipped\n"
    );
    assert!(rows_of(&s, "champion").is_empty());
    assert_eq!(
        rows_of(&s, "visit-pool"),
        [
            "CX,award,2026-01,5,pending",
            "CX,award,2026-02,1.67,pending",
            "JS,award,2026-01,2.5,pending",
            "LN,award,2026-01,5,pending",
            "LN,award,2026-02,1.67,pending",
            "WF,award,2026-01,2.5,pending",
            "ZW,award,2026-01,5,pending",
            "ZW,award,2026-02,1.66,pending",
        ]
    );
    assert_eq!(
        rows_of(&s, "share-pool"),
        [
            "CX,award,2026-Q1,3.34,pending",
            "JS,award,2026-Q1,10,pending",
            "LN,award,2026-Q1,3.33,pending",
            "WF,award,2026-Q1,10,pending",
            "ZW,award,2026-Q1,3.33,pending",
        ]
    );

    // Step 2: the deals approved; places and the points split follow.
    s.ok(&["approve", "2026-Q1", "--rule", "deal"]);
    assert_eq!(
        s.ok(&["recalc"]),
        "7 new, 4 changed, 1 withdrawn, 0 adjustments, 0 skipped\n"
    );
    assert_eq!(
        rows_of(&s, "champion"),
        [
            "LN,award,2026-01,100,pending",
            "WF,award,2026-01,20,pending",
            "WF,award,2026-02,100,pending",
            "ZW,award,2026-01,100,pending",
            "ZW,award,2026-02,50,pending",
        ]
    );
    assert_eq!(
        rows_of(&s, "team-star"),
        ["WF,award,2026-Q1,80,pending", "ZW,award,2026-Q1,80,pending"]
    );
    assert_eq!(
        rows_of(&s, "share-pool"),
        [
            "CX,award,2026-Q1,1.25,pending",
            "LN,award,2026-Q1,3.75,pending",
            "WF,award,2026-Q1,20,pending",
            "ZW,award,2026-Q1,5,pending",
        ]
    );
    let tie = s.ok(&["ledger", "--member", "LN", "--format", "csv"]);
    assert!(
        tie.contains("place 1 of 5 in the company with 30 approved points (rank and pool awards left out), shared with ZW; place 1 = 100, title 月度销售冠军"),
        "{tie}"
    );

    // Step 3: everything approved; the titles are in the standings.
    s.ok(&["approve", "2026-Q1"]);
    assert_eq!(
        s.ok(&["standings", "2026-Q1", "--format", "csv"]),
        expected("standings-step3-2026-Q1.csv")
    );
    let table = s.ok(&["standings", "2026-01"]);
    assert!(table.contains("title"), "{table}");
    assert!(table.contains("月度销售冠军"), "{table}");
    assert_eq!(
        s.ok(&["recalc"]),
        "0 new, 0 changed, 0 withdrawn, 0 adjustments, 0 skipped\n"
    );

    // Step 4: approved points change after the month ended: adjustments.
    s.ok(&[
        "award",
        "CX",
        "50",
        "--reason",
        "crisis support",
        "--date",
        "2026-01-20",
    ]);
    s.ok(&["approve", "2026-Q1"]);
    // The plan alone: the same counts, nothing written.
    let before = s.dump();
    assert_eq!(
        s.ok(&["recalc", "--dry-run"]),
        "dry run, nothing written: 2 new, 0 changed, 0 withdrawn, 7 adjustments, 0 skipped\n"
    );
    assert_eq!(s.dump(), before);
    assert_eq!(
        s.ok(&["recalc"]),
        "2 new, 0 changed, 0 withdrawn, 7 adjustments, 0 skipped\n"
    );
    let pending = s.ok(&["ledger", "--status", "pending", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(pending.as_bytes());
    let mut got: Vec<String> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            [2, 4, 5, 7].map(|i| r[i].to_string()).join(",")
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            "CX,adjustment,share-pool,3.36",
            "CX,award,champion,100",
            "CX,award,team-star,80",
            "LN,adjustment,champion,-50",
            "LN,adjustment,share-pool,-1.44",
            "WF,adjustment,champion,-20",
            "ZW,adjustment,champion,-50",
            "ZW,adjustment,share-pool,-1.92",
            "ZW,adjustment,team-star,-80",
        ]
    );
    s.ok(&["approve", "2026-Q1"]);
    assert_eq!(
        s.ok(&["standings", "2026-Q1", "--format", "csv"]),
        expected("standings-2026-Q1.csv")
    );
    assert_eq!(
        s.ok(&["standings", "2026-01", "--format", "csv"]),
        expected("standings-2026-01.csv")
    );

    // Step 5: closing fixes them.
    s.ok(&["close", "2026-Q1"]);
    let rules = std::fs::read_to_string(f("rules.toml")).unwrap().replace(
        "event = \"deal\"\npoints = 10",
        "event = \"deal\"\npoints = 20",
    );
    let changed = s.file("rules-20.toml", &rules);
    s.ok(&["rules", "import", &changed]);
    let out = s.ok(&["recalc"]);
    assert!(
        out.starts_with("0 new, 0 changed, 0 withdrawn, 0 adjustments, "),
        "{out}"
    );
    assert!(!out.ends_with(" 0 skipped\n"), "{out}");
    assert_eq!(
        s.ok(&["standings", "2026-Q1", "--format", "csv"]),
        expected("standings-2026-Q1.csv")
    );
    s.ok(&["verify"]);
}

#[test]
fn a_quarter_with_titles_a_pool_a_resolved_dispute_and_a_refused_redemption_verifies_whole() {
    let s = store();
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1", "--rule", "deal"]);
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1"]);
    // JS disputes his January visit-pool share and the lead accepts it
    // with a correction of 2.5: his approved points move the West split of
    // the share pool (WF 60, JS 2.5 of 62.5: 19.2 and 0.8).
    let csv = s.ok(&["ledger", "--member", "JS", "--format", "csv"]);
    let id = csv
        .lines()
        .find(|l| l.contains(",visit-pool,2026-01,"))
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .to_string();
    s.ok(&["dispute", &id, "--reason", "I was at V-3 too"]);
    s.ok(&[
        "resolve",
        &id,
        "--accept",
        "--points",
        "2.5",
        "--reason",
        "confirmed by CX",
    ]);
    s.ok(&["approve", "2026-Q1"]);
    s.ok(&["recalc"]);
    assert_eq!(
        rows_of(&s, "share-pool")
            .into_iter()
            .filter(|r| r.starts_with("JS") || r.starts_with("WF"))
            .collect::<Vec<_>>(),
        [
            "JS,award,2026-Q1,0.8,pending",
            "WF,adjustment,2026-Q1,-0.8,pending",
            "WF,award,2026-Q1,20,approved",
        ]
    );
    s.ok(&["approve", "2026-Q1"]);
    let statement = s.ok(&["statement", "JS", "2026-Q1"]);
    assert!(statement.contains("I was at V-3 too"), "{statement}");
    let statement = s.ok(&["statement", "WF", "2026-Q1"]);
    assert!(
        statement.contains("\ntitles               月度销售冠军, 季度销售明星\n"),
        "{statement}"
    );
    let site = s.dir.path().join("site");
    s.ok(&["publish", "2026-Q1", "--out", site.to_str().unwrap()]);
    let md = std::fs::read_to_string(site.join("standings.md")).unwrap();
    assert!(
        // An English page joins them with an English comma.
        md.contains(r"王芳 (WF) **月度销售冠军\, 季度销售明星**"),
        "{md}"
    );

    // A reward limited to one per quarter: the second request is refused.
    let rewards = s.file(
        "rewards.csv",
        "code,name,cost,stock,category,limit_qty,limit_per,available_from,available_to\n\
         LUNCH,团队午餐,50,,gift,1,quarter,,\n",
    );
    s.ok(&["catalog", "import", &rewards]);
    s.ok(&["--today", "2026-04-12", "redeem", "WF", "LUNCH"]);
    s.ok(&["--today", "2026-04-12", "redemptions", "approve", "1"]);
    let before = s.dump();
    let out = s
        .merit()
        .args(["--today", "2026-04-13", "redeem", "WF", "LUNCH"])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("limited to 1 per member per quarter"), "{err}");
    assert_eq!(s.dump(), before, "nothing written");

    s.ok(&["close", "2026-Q1"]);
    let verified = s.ok(&["verify"]);
    assert!(verified.starts_with("the store is whole"), "{verified}");
}

/// The Rankings pane after step 3: titles marked by the name and named
/// under the table; `c` splits the row under the cursor by category.
#[test]
fn rankings_show_titles_and_points_by_category() {
    use common::screen::{keys, screen};
    let s = store();
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1", "--rule", "deal"]);
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1"]);
    let store = merit::store::Store::open(&s.db()).unwrap();
    let mut ctx =
        merit::ops::Context::new(merit::domain::parse_date("2026-04-10").unwrap(), "lead");
    ctx.fixed_now = Some("2026-04-10 09:00:00".into());
    let theme = merit::tui::theme::Theme::plain();
    let mut app = merit::tui::app::App::new(store, ctx, "pe.db", theme).unwrap();
    app.resize(80, 24);
    keys(&mut app, "4[");
    let shown = screen(&app);
    insta::assert_snapshot!("rankings_titles_80x24", shown);
    assert!(shown.contains("王芳 *"), "{shown}");
    keys(&mut app, "c");
    let split = screen(&app);
    insta::assert_snapshot!("rankings_by_category_80x24", split);
    assert!(split.contains("By category: 王芳 WF = 282.5"), "{split}");
}

/// A pool share beyond ±10^15 stops recalc (exit 2, nothing written), as
/// any award beyond the range does; huge weights never overflow a split.
#[test]
fn a_pool_share_beyond_the_range_stops_recalc() {
    let s = Sandbox::new();
    let m = s.file("m.csv", "code,name,team\nZW,张伟,Solo\n");
    s.ok(&["import", "members", &m]);
    let a = s.file(
        "a.csv",
        "ref,member,kind,date,amount\nV-1,ZW,joint_visit,2026-01-05,0\nV-2,ZW,joint_visit,2026-01-06,0\n",
    );
    s.ok(&["import", "activities", &a]);
    let r = s.file(
        "r.toml",
        "[[rules]]\nid = \"pool\"\nkind = \"team_pool\"\nevents = [\"joint_visit\"]\n\
         points = \"1000000000000000\"\nper = \"month\"\n",
    );
    s.ok(&["rules", "import", &r]);
    let before = s.dump();
    let out = s.merit().args(["recalc"]).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("rule 'pool' for 2026-01 (ZW): the points are beyond the range"),
        "{err}"
    );
    assert_eq!(s.dump(), before);
}

/// A member's titles in one period come by date, then rule id, whatever
/// order the store wrote their awards in: here the month's champion is
/// won, lost and won again, so its award is written after the quarter's
/// star in one store and before it in another.
#[test]
fn titles_come_in_one_order_in_every_store() {
    let rules = "[[rules]]\nid = \"deal\"\nname = \"Deal\"\ncategory = \"performance\"\nkind = \"per_event\"\nevent = \"deal\"\npoints = 10\n\n\
[[rules]]\nid = \"champion\"\nname = \"Champion\"\ncategory = \"honour\"\nkind = \"rank\"\nper = \"month\"\nplaces = [{ rank = 1, points = 100, title = \"Champion\" }]\n\n\
[[rules]]\nid = \"star\"\nname = \"Star\"\ncategory = \"honour\"\nkind = \"rank\"\nper = \"quarter\"\nplaces = [{ rank = 1, points = 80, title = \"Star\" }]\n";
    let deals = |rows: &[(&str, &str, &str)]| -> String {
        let mut csv = String::from("ref,member,kind,date,amount\n");
        for (r, m, d) in rows {
            csv.push_str(&format!("{r},{m},deal,{d},100\n"));
        }
        csv
    };
    let steps: [&[(&str, &str, &str)]; 3] = [
        // WF leads the quarter, but wins no month before March.
        &[
            ("J-1", "WF", "2026-01-05"),
            ("J-2", "WF", "2026-01-06"),
            ("J-3", "JS", "2026-01-07"),
            ("J-4", "JS", "2026-01-08"),
            ("J-5", "JS", "2026-01-09"),
            ("F-1", "WF", "2026-02-05"),
            ("F-2", "WF", "2026-02-06"),
            ("F-3", "LN", "2026-02-07"),
            ("F-4", "LN", "2026-02-08"),
            ("F-5", "LN", "2026-02-09"),
            ("M-1", "WF", "2026-03-02"),
            ("M-2", "WF", "2026-03-03"),
            ("M-3", "ZW", "2026-03-04"),
        ],
        &[("M-4", "ZW", "2026-03-05"), ("M-5", "ZW", "2026-03-06")],
        &[("M-6", "WF", "2026-03-07"), ("M-7", "WF", "2026-03-08")],
    ];
    let settle = |s: &Sandbox| {
        s.ok(&["recalc"]);
        s.ok(&["approve", "2026-Q1", "--rule", "deal"]);
        s.ok(&["recalc"]);
    };
    let store = |one_by_one: bool| -> Sandbox {
        let s = Sandbox::new();
        s.ok(&["import", "members", &f("members.csv")]);
        let r = s.file("rules.toml", rules);
        s.ok(&["rules", "import", &r]);
        if one_by_one {
            for (i, step) in steps.iter().enumerate() {
                let a = s.file(&format!("a{i}.csv"), &deals(step));
                s.ok(&["import", "activities", &a]);
                settle(&s);
            }
        } else {
            let all: Vec<(&str, &str, &str)> = steps.concat();
            let a = s.file("all.csv", &deals(&all));
            s.ok(&["import", "activities", &a]);
            settle(&s);
        }
        s
    };
    let standings = |s: &Sandbox| {
        s.ok(&[
            "standings",
            "2026-Q1",
            "--include-pending",
            "--format",
            "csv",
        ])
    };
    let (a, b) = (standings(&store(false)), standings(&store(true)));
    assert!(
        a.contains("WF,王芳,West,") && a.contains(",Champion; Star"),
        "{a}"
    );
    assert_eq!(a, b);
}
