//! Periods, dates and points on the command line are read by clap with
//! merit's own parsers (issue 40): a bad value is exit 2 with one line on
//! stderr, said before any store is looked at, so nothing is created.

mod common;
use common::Sandbox;

#[test]
fn a_bad_value_is_one_line_exit_2_before_the_store_is_opened() {
    let s = Sandbox::new();
    let cases: &[(&[&str], &str)] = &[
        (
            &["standings", "2026-13"],
            "merit: '2026-13' is not a period: use a week (2026-W48)",
        ),
        (
            &["recalc", "3000"],
            "merit: '3000' is outside the years 1900 to 2999",
        ),
        (
            &["standings", "2025-W53"],
            "merit: '2025-W53' is not a period: 2025 has 52 ISO weeks",
        ),
        (
            &["ledger", "--period", "2026-Q5"],
            "merit: --period: '2026-Q5' is not a period",
        ),
        (
            &["award", "ZW", "5", "--reason", "x", "--date", "2026-02-30"],
            "merit: --date: '2026-02-30' is not a calendar date",
        ),
        (
            &["--today", "1899-12-31", "standings", "2026-Q1"],
            "merit: --today: '1899-12-31' is outside the years 1900 to 2999",
        ),
        (
            &["expire", "--as-of", "soon"],
            "merit: --as-of: 'soon' is not a date (YYYY-MM-DD)",
        ),
        (
            &["audit", "--since", "2026-1-1"],
            "merit: --since: '2026-1-1' is not a date",
        ),
        (
            &["resolve", "1", "--accept", "--points", "1.005"],
            "merit: --points: '1.005' has more than 2 decimal places",
        ),
        (
            &[
                "resolve",
                "1",
                "--accept",
                "--points",
                "-1000000000000000.5",
            ],
            "merit: --points: '-1000000000000000.5' is too large",
        ),
    ];
    for (args, says) in cases {
        let o = s.merit().args(*args).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.starts_with(says), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(o.stdout.is_empty(), "{args:?}");
        assert!(!s.db().exists(), "{args:?} made a store");
    }
}

#[test]
fn merit_today_from_the_environment_is_checked_the_same_way() {
    let s = Sandbox::new();
    let o = s
        .merit()
        .env("MERIT_TODAY", "2026-13-01")
        .args(["standings", "2026-Q1"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "merit: --today: '2026-13-01' is not a calendar date\n"
    );
}

#[test]
fn good_values_still_work() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc", "2026"]);
    s.ok(&["--today", "2026-04-10", "approve", "2026-Q1"]);
    s.ok(&["ledger", "--period", "2026-W10"]);
    s.ok(&["audit", "--since", "2026-01-01"]);
    s.ok(&[
        "award",
        "ZW",
        "-15",
        "--reason",
        "late",
        "--date",
        "2026-03-01",
    ]);
}
