//! The points handbook of the q1 rules, through the command line.

mod common;

use common::{Sandbox, fixture};

#[test]
fn q1_handbook() {
    let s = Sandbox::new();
    let rules = fixture("q1").join("rules.toml").display().to_string();
    s.ok(&["rules", "import", &rules]);
    insta::assert_snapshot!(s.ok(&["rules", "handbook", "--as-of", "2026-03-01"]));
}

#[test]
fn campaigns_that_ended_are_left_out_and_expiry_is_explained() {
    let s = Sandbox::new();
    let text = std::fs::read_to_string(fixture("q1").join("rules.toml")).unwrap();
    let r = s.file(
        "r.toml",
        &format!("[settings]\nexpire_after_months = 12\n\n{text}"),
    );
    s.ok(&["rules", "import", &r]);
    let out = s.ok(&["rules", "handbook", "--as-of", "2026-04-01"]);
    assert!(!out.contains("sprint"), "{out}");
    assert!(
        out.contains("until the last day of the 12th month after the month they were earned in")
    );
}
