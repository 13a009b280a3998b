//! `merit demo --years Y --activities N` (issue 24): N activities, every
//! one within the last Y calendar years, so a dense year can be made.

mod common;

use common::Sandbox;

fn span(s: &Sandbox) -> (String, String, i64) {
    let r = common::texts(
        &s.db(),
        "SELECT min(date), max(date), count(*) FROM activities",
    )
    .remove(0);
    (
        r[0].clone().unwrap(),
        r[1].clone().unwrap(),
        r[2].clone().unwrap().parse().unwrap(),
    )
}

#[test]
fn a_dense_year_holds_every_activity_asked_for() {
    let s = Sandbox::new();
    s.merit()
        .args(["--today", "2026-12-31", "demo", "--members", "20"])
        .args(["--activities", "20000", "--years", "1"])
        .assert()
        .success();
    let (first, last, n) = span(&s);
    assert_eq!(
        n, 20000,
        "20 members at their usual pace make far fewer in a year"
    );
    assert!(first.as_str() >= "2026-01-01", "{first}");
    assert!(last.as_str() <= "2026-12-31", "{last}");
}

#[test]
fn several_years_start_on_the_first_of_january() {
    let s = Sandbox::new();
    s.merit()
        .args(["--today", "2026-06-30", "demo", "--members", "5"])
        .args(["--activities", "3000", "--years", "3"])
        .assert()
        .success();
    let (first, last, n) = span(&s);
    assert_eq!(n, 3000);
    assert!(
        first.as_str() >= "2024-01-01" && first.as_str() < "2024-02-01",
        "{first}"
    );
    assert!(last.as_str() <= "2026-06-30", "{last}");
}

#[test]
fn zero_years_is_refused_and_nothing_is_written() {
    let s = Sandbox::new();
    s.merit()
        .args(["demo", "--activities", "10", "--years", "0"])
        .assert()
        .code(2)
        .stderr("merit: --years: must be from 1 to 50\n");
    assert!(!s.db().exists() || span(&s).2 == 0);
}

#[test]
fn a_demo_large_enough_to_be_written_in_bulk_is_whole() {
    // Past 50 000 activities the demo's recalc appends its awards in bulk
    // and builds their key index at the end, inside the demo's one
    // transaction (the build once failed there: "temporary storage cannot
    // be changed from within a transaction").
    let s = Sandbox::new();
    s.merit()
        .args(["--today", "2026-12-31", "demo", "--members", "20"])
        .args(["--activities", "60000", "--years", "1"])
        .assert()
        .success();
    let sql = if s.url.is_some() {
        "SELECT count(*) FROM pg_indexes WHERE indexname = 'awards_by_key'"
    } else {
        "SELECT count(*) FROM sqlite_schema WHERE name = 'awards_by_key'"
    };
    let index = common::texts(&s.db(), sql);
    assert_eq!(
        index,
        vec![vec![Some("1".to_string())]],
        "the award key index is built again"
    );
    assert!(
        s.merit()
            .args(["--today", "2026-12-31", "verify"])
            .output()
            .unwrap()
            .status
            .success()
    );
}

#[test]
fn fewer_activities_than_the_years_make_still_span_every_year() {
    // 20 members make about 13 000 activities in five years at their
    // pace: 1 000 asked for are spread over all five, not the latest weeks.
    let s = Sandbox::new();
    s.merit()
        .args(["--today", "2026-12-31", "demo", "--members", "20"])
        .args(["--activities", "1000", "--years", "5"])
        .assert()
        .success();
    let (first, last, n) = span(&s);
    assert_eq!(n, 1000);
    assert!(first.as_str() < "2022-01-15", "{first}");
    assert!(last.as_str() >= "2026-12-01", "{last}");
    for year in 2022..=2026 {
        let in_year: i64 = common::texts(
            &s.db(),
            &format!("SELECT count(*) FROM activities WHERE substr(date, 1, 4) = '{year}'"),
        )[0][0]
            .clone()
            .unwrap()
            .parse()
            .unwrap();
        assert!((150..=250).contains(&in_year), "{year}: {in_year}");
    }
}
