//! A recalc of every period skips the years whose awards already match
//! their inputs (what keeps a no-op recalc over a million activities
//! cheap), and every kind of input change makes the year count again.

mod common;
use common::{Sandbox, fixture};

fn scored(s: &Sandbox) -> Vec<i64> {
    common::texts(&s.db(), "SELECT year FROM scored_years ORDER BY year")
        .into_iter()
        .map(|r| r[0].clone().unwrap().parse().unwrap())
        .collect()
}

const NOTHING: &str = "0 new, 0 changed, 0 withdrawn, 0 adjustments, 0 skipped\n";

#[test]
fn every_input_change_makes_its_year_count_again() {
    let s = Sandbox::new();
    s.load_q1();
    assert!(scored(&s).is_empty());
    s.ok(&["recalc"]);
    assert_eq!(scored(&s), vec![2026]);
    assert_eq!(s.ok(&["recalc"]), NOTHING);

    // A target changes: ZW's attainment award changes.
    let targets = s.file(
        "t.csv",
        "member,period,metric,target\nZW,2026-Q1,deal,600000\n",
    );
    s.ok(&["import", "targets", &targets]);
    assert!(scored(&s).is_empty());
    assert_ne!(s.ok(&["recalc"]), NOTHING);
    assert_eq!(scored(&s), vec![2026]);

    // A member leaves: their pending awards are withdrawn.
    let members = s.file("m.csv", "code,name,team,active\nJS,John Smith,West,false\n");
    s.ok(&["import", "members", &members]);
    let out = s.ok(&["recalc"]);
    assert!(!out.contains(", 0 withdrawn"), "{out}");
    assert_eq!(s.ok(&["recalc"]), NOTHING);

    // The rules change.
    let rules = std::fs::read_to_string(fixture("q1").join("rules.toml"))
        .unwrap()
        .replacen("points = 10", "points = 11", 1);
    let rules = s.file("r.toml", &rules);
    s.ok(&["rules", "import", &rules]);
    assert!(scored(&s).is_empty());
    assert_ne!(s.ok(&["recalc"]), NOTHING);

    // An activity in another year: only that year is unscored.
    let acts = s.file(
        "a.csv",
        "ref,member,kind,date,amount,customer_tier\nD-900,ZW,deal,2025-06-01,50000,B\n",
    );
    s.ok(&["import", "activities", &acts]);
    assert_eq!(scored(&s), vec![2026]);
    assert_eq!(
        s.ok(&["recalc"]),
        "1 new, 0 changed, 0 withdrawn, 0 adjustments, 0 skipped\n"
    );
    assert_eq!(scored(&s), vec![2025, 2026]);
    s.ok(&["verify"]);
}
