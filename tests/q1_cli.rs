//! The q1 worked example through the command line, and how recalc treats
//! awards once they are decided.

mod common;
use common::{Sandbox, fixture};

fn expected(name: &str) -> String {
    std::fs::read_to_string(fixture("q1").join("expected").join(name)).unwrap()
}

#[test]
fn q1_standings_match_the_hand_checked_files_byte_for_byte() {
    let s = Sandbox::new();
    s.load_q1();
    assert_eq!(
        s.ok(&["recalc"]),
        "16 new, 0 changed, 0 withdrawn, 0 adjustments, 0 skipped\n"
    );
    assert_eq!(
        s.ok(&["approve", "2026-Q1"]),
        "approved 16 awards, 521.5 points\n"
    );
    for p in ["2026-01", "2026-02", "2026-03", "2026-Q1"] {
        let got = s.ok(&["standings", p, "--format", "csv"]);
        assert_eq!(
            got,
            expected(&format!("standings-{p}.csv")),
            "standings {p}"
        );
    }
    let teams = s.ok(&["standings", "2026-Q1", "--teams", "--format", "csv"]);
    assert_eq!(teams, expected("teams-2026-Q1.csv"));
}

#[test]
fn standings_table_lines_up_chinese_names() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1"]);
    let table = s.ok(&["standings", "2026-Q1"]);
    assert_eq!(
        table,
        "rank  member  name        team  points\n\
         \x20  1  WF      王芳        West     273\n\
         \x20  2  ZW      张伟        East   188.5\n\
         \x20  3  JS      John Smith  West      36\n\
         \x20  4  LN      李娜        East      24\n"
    );
}

#[test]
fn pending_awards_count_only_when_asked() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    let approved = s.ok(&["standings", "2026-Q1", "--format", "csv"]);
    assert!(approved.contains("1,JS,John Smith,West,0,\n"), "{approved}");
    let pending = s.ok(&[
        "standings",
        "2026-Q1",
        "--format",
        "csv",
        "--include-pending",
    ]);
    assert_eq!(pending, expected("standings-2026-Q1.csv"));
}

#[test]
fn recalc_twice_changes_nothing_the_second_time() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    let before = s.dump();
    assert_eq!(
        s.ok(&["recalc"]),
        "0 new, 0 changed, 0 withdrawn, 0 adjustments, 0 skipped\n"
    );
    let after = s.dump();
    // Only the audit line of the second recalc differs.
    let strip = |d: &str| common::without(d.split("== awards").nth(1).unwrap(), "seal");
    assert_eq!(strip(&before), strip(&after));
}

#[test]
fn dry_run_counts_without_writing() {
    let s = Sandbox::new();
    s.load_q1();
    let before = s.dump();
    assert_eq!(
        s.ok(&["recalc", "--dry-run"]),
        "dry run, nothing written: 16 new, 0 changed, 0 withdrawn, 0 adjustments, 0 skipped\n"
    );
    assert_eq!(s.dump(), before);
}

fn with_deal_points(points: &str) -> String {
    std::fs::read_to_string(fixture("q1").join("rules.toml"))
        .unwrap()
        .replacen(
            "points = 10\nper_amount",
            &format!("points = {points}\nper_amount"),
            1,
        )
}

#[test]
fn a_changed_rule_after_approval_gives_pending_adjustments_and_back_again_none() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1"]);
    let approved_q1 = s.ok(&["standings", "2026-Q1", "--format", "csv"]);

    // deal pays 12 instead of 10: JS's D-007 goes 16 → 18 (+2).
    let richer = s.file("richer.toml", &with_deal_points("12"));
    s.ok(&["rules", "import", &richer]);
    let out = s.ok(&["recalc", "2026-Q1"]);
    assert!(
        out.contains("0 new") && !out.contains(" 0 adjustments"),
        "{out}"
    );
    // Approved standings do not move until the adjustments are approved.
    assert_eq!(
        s.ok(&["standings", "2026-Q1", "--format", "csv"]),
        approved_q1
    );
    let pending = s.ok(&[
        "ledger", "--status", "pending", "--member", "JS", "--format", "csv",
    ]);
    let rows: Vec<&str> = pending.lines().skip(1).collect();
    assert_eq!(rows.len(), 1, "{pending}");
    assert!(
        rows[0].contains(",JS,John Smith,adjustment,deal,D-007,2,pending,"),
        "{pending}"
    );

    // Approving them moves the standings by exactly the difference.
    s.ok(&["approve", "2026-Q1"]);
    let moved = s.ok(&["standings", "2026-Q1", "--format", "csv"]);
    assert!(moved.contains(",JS,John Smith,West,38,\n"), "{moved}");

    // Back to 10: a negative adjustment; approved, back to the original.
    let original = s.file("original.toml", &with_deal_points("10"));
    s.ok(&["rules", "import", &original]);
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1"]);
    assert_eq!(
        s.ok(&["standings", "2026-Q1", "--format", "csv"]),
        approved_q1
    );
    assert_eq!(
        s.ok(&["recalc"]),
        "0 new, 0 changed, 0 withdrawn, 0 adjustments, 0 skipped\n"
    );
}

#[test]
fn changing_the_rule_back_before_approval_removes_the_adjustments() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1"]);
    s.ok(&[
        "rules",
        "import",
        &s.file("richer.toml", &with_deal_points("12")),
    ]);
    s.ok(&["recalc"]);
    assert!(
        s.ok(&["ledger", "--status", "pending", "--format", "csv"])
            .lines()
            .nth(1)
            .is_some()
    );
    s.ok(&[
        "rules",
        "import",
        &s.file("original.toml", &with_deal_points("10")),
    ]);
    let out = s.ok(&["recalc"]);
    assert!(!out.contains(" 0 adjustments"), "{out}");
    let pending = s.ok(&["ledger", "--status", "pending", "--format", "csv"]);
    assert_eq!(pending.lines().count(), 1, "only the header: {pending}");
}

#[test]
fn a_corrected_activity_flows_through() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    // D-007 was 60000 (16 points); the CRM corrects it to 100000 (20 points).
    let fixed = s.file(
        "fix.csv",
        "ref,member,kind,date,amount,customer_tier\nD-007,JS,deal,2026-03-30,100000,B\n",
    );
    assert!(
        s.ok(&["import", "activities", &fixed])
            .contains("0 new, 1 updated, 0 unchanged")
    );
    assert_eq!(
        s.ok(&["recalc"]),
        "0 new, 1 changed, 0 withdrawn, 0 adjustments, 0 skipped\n"
    );
    let js = s.ok(&[
        "standings",
        "2026-03",
        "--include-pending",
        "--format",
        "csv",
    ]);
    assert!(js.contains(",JS,John Smith,West,40,\n"), "{js}");
    // Re-importing the same file changes nothing.
    assert!(
        s.ok(&["import", "activities", &fixed])
            .contains("0 new, 0 updated, 1 unchanged")
    );
}

#[test]
fn rejected_awards_stay_rejected() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    let out = s.ok(&[
        "reject",
        "2026-02",
        "--member",
        "LN",
        "--reason",
        "complaint withdrawn by customer",
    ]);
    assert_eq!(out, "rejected 1 award, -15 points\n");
    s.ok(&[
        "rules",
        "import",
        &s.file("richer.toml", &with_deal_points("12")),
    ]);
    s.ok(&["recalc"]);
    let ln = s.ok(&[
        "ledger", "--member", "LN", "--period", "2026-02", "--format", "csv",
    ]);
    let rows: Vec<&str> = ln.lines().skip(1).collect();
    assert_eq!(rows.len(), 1, "{ln}");
    assert!(rows[0].contains(",-15,rejected,penalty,,lead,"), "{ln}");
    assert!(
        rows[0].contains(",complaint withdrawn by customer,"),
        "{ln}"
    );
}

#[test]
fn a_withdrawn_activity_withdraws_its_pending_award() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    // The customer is no longer tier A: D-001's tier bonus disappears.
    let fixed = s.file(
        "fix.csv",
        "ref,member,kind,date,amount,customer_tier\nD-001,ZW,deal,2026-01-12,120000,B\n",
    );
    s.ok(&["import", "activities", &fixed]);
    assert_eq!(
        s.ok(&["recalc"]),
        "0 new, 0 changed, 1 withdrawn, 0 adjustments, 0 skipped\n"
    );
}

#[test]
fn approve_and_reject_report_counts_and_refuse_bad_arguments() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    assert_eq!(
        s.ok(&["approve", "2026-01", "--dry-run"]),
        "would approve 3 awards, 45 points (dry run, nothing written)\n"
    );
    assert_eq!(
        s.ok(&["approve", "2026-01", "--rule", "deal"]),
        "approved 2 awards, 40 points\n"
    );
    assert_eq!(
        s.ok(&["approve", "2026-01"]),
        "approved 1 award, 5 points\n"
    );
    s.merit().args(["approve", "2026-13"]).assert().code(2);
    s.merit()
        .args(["approve", "2026-Q1", "--member", "XX"])
        .assert()
        .code(2);
    s.merit().args(["reject", "2026-Q1"]).assert().code(2);
    s.merit()
        .args(["reject", "2026-Q1", "--reason", "  "])
        .assert()
        .code(2);
}

#[test]
fn manual_awards_start_pending_and_count_once_approved() {
    let s = Sandbox::new();
    s.load_q1();
    let out = s.ok(&[
        "award",
        "LN",
        "12.5",
        "--reason",
        "mentored two new reps",
        "--date",
        "2026-03-15",
        "--category",
        "collaboration",
    ]);
    assert!(
        out.ends_with("LN +12.5 on 2026-03-15, pending approval\n"),
        "{out}"
    );
    let out = s.ok(&["award", "JS", "-5", "--reason", "late report"]);
    assert!(out.contains("JS -5 on 2026-04-10"), "{out}");
    s.ok(&["approve", "2026-03"]);
    let st = s.ok(&["standings", "2026-03", "--format", "csv"]);
    assert!(st.contains(",LN,李娜,East,12.5,\n"), "{st}");
    // A recalc leaves manual awards alone.
    s.ok(&["recalc"]);
    assert!(
        s.ok(&["ledger", "--member", "LN", "--format", "csv"])
            .contains(",manual,manual,")
    );
    for bad in [
        vec!["award", "XX", "5", "--reason", "x"],
        vec!["award", "LN", "0", "--reason", "x"],
        vec!["award", "LN", "1.005", "--reason", "x"],
        vec!["award", "LN", "5", "--reason", " "],
        vec!["award", "LN", "5", "--reason", "x", "--date", "2026-02-30"],
    ] {
        s.merit().args(&bad).assert().code(2);
    }
}

#[test]
fn rules_export_round_trips_through_import() {
    let s = Sandbox::new();
    s.load_q1();
    let exported = s.ok(&["rules", "export"]);
    let path = s.file("exported.toml", &exported);
    s.ok(&["rules", "import", &path]);
    assert_eq!(s.ok(&["rules", "export"]), exported);
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1"]);
    assert_eq!(
        s.ok(&["standings", "2026-Q1", "--format", "csv"]),
        expected("standings-2026-Q1.csv")
    );
}

#[test]
fn json_output_keeps_points_exact() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1"]);
    let json = s.ok(&["standings", "2026-Q1", "--format", "json"]);
    assert!(json.contains("{\"rank\": 2, \"member\": \"ZW\", \"name\": \"张伟\", \"team\": \"East\", \"points\": 188.5, \"title\": \"\"}"), "{json}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 4);
}

#[test]
fn bad_periods_and_dates_are_usage_errors() {
    let s = Sandbox::new();
    s.load_q1();
    s.merit().args(["standings", "2026-Q5"]).assert().code(2);
    s.merit()
        .args(["--today", "2026-02-30", "standings", "2026"])
        .assert()
        .code(2);
    s.merit().args(["frobnicate"]).assert().code(2);
}
