//! A period's points week by week (issue 41): every member's weeks add up
//! exactly to their standing, with and without pending points, for every
//! kind of period; a team's weeks are its members' added up.

mod common;

use merit::domain::{Period, Points};
use merit::ops::standings::member_standings;
use merit::ops::weekly::weekly_points;
use merit::store::Store;

#[test]
fn a_members_weeks_add_up_to_their_standing() {
    let (_dir, path) = common::screen::q1_store();
    let store = Store::open(&path).unwrap();
    let db = store.db();
    for period in ["2026-Q1", "2026", "2026-02", "2026-W03", "2025-Q4"] {
        let period = Period::parse(period).unwrap();
        for pending in [false, true] {
            let weekly = weekly_points(db, period, pending).unwrap();
            assert_eq!(weekly.weeks.first().map(|w| w.from), Some(period.start()));
            assert_eq!(weekly.weeks.last().map(|w| w.to), Some(period.end()));
            for s in member_standings(db, period, pending).unwrap() {
                let weeks = weekly.of(&s.code);
                assert_eq!(weeks.len(), weekly.weeks.len());
                let sum: Points = weeks.iter().copied().sum();
                assert_eq!(sum, s.points, "{period} {} pending {pending}", s.code);
            }
        }
    }
}

#[test]
fn a_deal_counts_in_its_own_week() {
    let (_dir, path) = common::screen::q1_store();
    let store = Store::open(&path).unwrap();
    let weekly = weekly_points(store.db(), Period::parse("2026-Q1").unwrap(), false).unwrap();
    // ZW's D-001 on Monday 2026-01-12 (W03), approved: 10 + 12 × 1 = 22
    // for the deal, 5 for its tier-A customer.
    let zw = weekly.of("ZW");
    let w03 = weekly
        .weeks
        .iter()
        .position(|w| w.week.to_string() == "2026-W03")
        .unwrap();
    assert_eq!(zw[w03].to_string(), "27");
    // March is pending: nothing approved in its weeks.
    assert!(zw[10..].iter().all(|p| p.is_zero()), "{zw:?}");
    let team = weekly.sum_of(["ZW", "LN"]);
    let ln = weekly.of("LN");
    for i in 0..team.len() {
        assert_eq!(team[i], zw[i] + ln[i]);
    }
    assert!(weekly.of("NOBODY").iter().all(|p| p.is_zero()));
}
