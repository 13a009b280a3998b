//! `standings --by category` (issue 21, 多维度积分指标): each member's
//! points split by rule category, summing exactly to the total. q1 by
//! hand: WF's February deals 36 + 25 are cut to the cap of 60
//! (performance), D-006 is tier A (customer 5), N-001 a new customer
//! (growth 20), and the quarter's attainment 410 000 / 250 000 = 164 %
//! pays 60 + 64 × 2 = 188 (performance): 5 + 20 + 248 = 273.

mod common;
use common::Sandbox;

#[test]
fn points_by_category_sum_to_the_standings() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    let csv = s.ok(&[
        "standings",
        "2026-Q1",
        "--include-pending",
        "--by",
        "category",
        "--format",
        "csv",
    ]);
    assert_eq!(
        csv,
        "rank,member,name,team,points,customer,growth,penalty,performance,title\n\
         1,WF,王芳,West,273,5,20,0,248,\n\
         2,ZW,张伟,East,188.5,10,0,0,178.5,\n\
         3,JS,John Smith,West,36,0,20,0,16,\n\
         4,LN,李娜,East,24,0,0,-15,39,\n"
    );
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let total: rust_decimal::Decimal = f[4].parse().unwrap();
        let parts: rust_decimal::Decimal = f[5..f.len() - 1]
            .iter()
            .map(|x| x.parse::<rust_decimal::Decimal>().unwrap())
            .sum();
        assert_eq!(parts, total, "{line}");
    }
    // Approved only: nothing is approved yet.
    let approved = s.ok(&[
        "standings",
        "2026-Q1",
        "--by",
        "category",
        "--format",
        "csv",
    ]);
    assert_eq!(
        approved.lines().next().unwrap(),
        "rank,member,name,team,points,title"
    );
    s.merit()
        .args(["standings", "2026-Q1", "--by", "rule"])
        .assert()
        .code(2);
}

/// A team's split (`c` on the Rankings' team view) sums its active members'
/// splits: it adds up to the team's standing, an inactive member left out.
#[test]
fn a_teams_points_by_category_sum_to_its_standing() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    // JS leaves: his points no longer count for West.
    let m = s.file("m.csv", "code,name,team,active\nJS,John Smith,West,false\n");
    s.ok(&["import", "members", &m]);
    let store = merit::store::Store::open(&s.db()).unwrap();
    let q1 = merit::domain::Period::parse("2026-Q1").unwrap();
    let split = merit::ops::standings::team_points_by_category(store.db(), q1, true).unwrap();
    for t in merit::ops::standings::team_standings(store.db(), q1, true).unwrap() {
        let sum: merit::domain::Points = split
            .get(&t.team)
            .map(|c| c.values().copied().sum())
            .unwrap_or_default();
        assert_eq!(sum, t.points, "{}", t.team);
    }
    assert!(split.contains_key("West") && split.contains_key("East"));
}
