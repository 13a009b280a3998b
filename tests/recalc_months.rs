//! A recalc reconciles a stored year a month at a time (issue 24): awards
//! whose activities moved to other months, approved or pending, with caps
//! running on from month to month, must still come out exactly as a fresh
//! scoring of the corrected activities, and a second recalc must change
//! nothing. Standings, which read month sums kept by triggers, equal the
//! awards summed afresh at every step.

mod common;

use chrono::{Days, NaiveDate};
use common::pg;
use merit::domain::{Period, Status};
use merit::ops::Context;
use merit::ops::import::{ImportKind, import_reader};
use merit::store::{AwardFilter, Store};
use proptest::prelude::*;

const RULES: &str = r#"
[[rules]]
id = "deal"
kind = "per_event"
event = "deal"
points = 4
per_amount = { unit = 10000, points = "1.25" }
cap = { points = 60, per = "month" }

[[rules]]
id = "tier-a"
kind = "per_event"
event = "deal"
when = { tier = "A" }
points = 3

[[rules]]
id = "boost"
kind = "multiplier"
rules = ["deal", "tier-a"]
factor = "1.5"
from = "2026-03-01"
to = "2026-04-15"
"#;

fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Days::new(n % 365)
}

/// One activity: (member, day of 2026, amount, tier A?).
type Raw = (usize, u64, u32, bool);

fn csv(rows: &[Raw]) -> String {
    let mut out = String::from("ref,member,kind,date,amount,tier\n");
    for (i, &(m, d, amount, a)) in rows.iter().enumerate() {
        out.push_str(&format!(
            "R-{i:03},{},deal,{},{amount},{}\n",
            ["AA", "BB"][m % 2],
            day(d),
            if a { "A" } else { "B" }
        ));
    }
    out
}

/// Where a store of this test lives: a file in `dir`, or, when the tests
/// run on PostgreSQL (`MERIT_TEST_STORE=postgres`), a new database.
fn place(dir: &std::path::Path, name: &str) -> String {
    if pg::on_postgres() {
        pg::fresh_database()
    } else {
        dir.join(name).display().to_string()
    }
}

/// The one number `sql` answers on the store at `at`, read outside merit.
fn number(at: &str, sql: &str) -> i64 {
    let rows = common::texts(std::path::Path::new(at), sql);
    rows[0][0].as_deref().unwrap_or("0").parse().unwrap()
}

fn store_with(dir: &std::path::Path, name: &str, rows: &[Raw], ctx: &Context) -> (Store, String) {
    let at = place(dir, name);
    let mut store = Store::open(std::path::Path::new(&at)).unwrap();
    let members = "code,name,team\nAA,张伟,East\nBB,李娜,East\n";
    import_reader(
        &mut store,
        ctx,
        ImportKind::Members,
        "m.csv",
        members.as_bytes(),
    )
    .unwrap();
    import_reader(
        &mut store,
        ctx,
        ImportKind::Activities,
        "a.csv",
        csv(rows).as_bytes(),
    )
    .unwrap();
    let rules = dir.join(format!("{name}.toml"));
    std::fs::write(&rules, RULES).unwrap();
    merit::ops::rules::import_rules(&mut store, ctx, &rules, false).unwrap();
    merit::ops::recalc::recalc(&mut store, ctx, None, false).unwrap();
    (store, at)
}

/// Every member's points (pending included) in each month of 2026.
fn by_month(store: &Store) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for m in 1..=12 {
        let period = Period::Month(2026, m);
        for s in merit::ops::standings::member_standings(store.db(), period, true).unwrap() {
            out.push((format!("{period} {}", s.code), s.points.to_string()));
        }
    }
    out
}

/// Standings of months, quarters, the year and a few weeks, approved and
/// with pending, against the awards summed by SQL.
fn standings_are_the_awards(store: &Store, at: &str) {
    let mut periods: Vec<Period> = (1..=12).map(|m| Period::Month(2026, m)).collect();
    periods.extend((1..=4).map(|q| Period::Quarter(2026, q)));
    periods.push(Period::Year(2026));
    periods.extend(
        ["2026-W01", "2026-W09", "2026-W22", "2026-W53"]
            .iter()
            .filter_map(|w| Period::parse(w)),
    );
    for period in periods {
        for pending in [false, true] {
            let statuses = if pending {
                "('approved', 'pending')"
            } else {
                "('approved')"
            };
            for s in merit::ops::standings::member_standings(store.db(), period, pending).unwrap() {
                let cents = number(
                    at,
                    &format!(
                        "SELECT CAST(coalesce(sum(points), 0) AS BIGINT) FROM awards WHERE member = '{}' \
                         AND date BETWEEN '{}' AND '{}' AND status IN {statuses}",
                        s.code,
                        period.start(),
                        period.end()
                    ),
                );
                assert_eq!(
                    s.points,
                    merit::domain::Points::from_cents(cents),
                    "{} {period} pending {pending}",
                    s.code
                );
            }
        }
    }
}

fn raw() -> impl Strategy<Value = Vec<Raw>> {
    prop::collection::vec((0usize..2, 0u64..365, 0u32..300_000, any::<bool>()), 1..30)
}

proptest! {
    // Fewer on PostgreSQL, where each case makes three databases.
    #![proptest_config(ProptestConfig::with_cases(if pg::on_postgres() { 8 } else { 24 }))]

    #[test]
    fn moved_and_changed_activities_come_out_as_a_fresh_scoring(
        before in raw(),
        moves in prop::collection::vec((0u64..200, 0u32..300_000), 30),
        approve_mask in any::<u64>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let ctx = Context::new(day(364), "prop");
        let (mut store, at) = store_with(dir.path(), "s.db", &before, &ctx);
        let pending = store.db().awards(&AwardFilter { status: Some(Status::Pending), ..Default::default() }).unwrap();
        let ids: Vec<i64> = pending.iter().enumerate()
            .filter(|(i, _)| approve_mask >> (i % 64) & 1 == 1).map(|(_, a)| a.id).collect();
        merit::ops::decide::decide_ids(&mut store, &ctx, &ids, Status::Approved, None).unwrap();
        standings_are_the_awards(&store, &at);

        // Every other activity moved by up to 200 days (to another month,
        // mostly), every third one's amount changed.
        let after: Vec<Raw> = before.iter().zip(&moves).enumerate().map(|(i, (&(m, d, amount, a), &(by, new_amount)))| {
            let d = if i % 2 == 0 { (d + by) % 365 } else { d };
            let amount = if i % 3 == 0 { new_amount } else { amount };
            (m, d, amount, a)
        }).collect();
        import_reader(&mut store, &ctx, ImportKind::Activities, "b.csv", csv(&after).as_bytes()).unwrap();
        merit::ops::recalc::recalc(&mut store, &ctx, Some(Period::Year(2026)), false).unwrap();

        standings_are_the_awards(&store, &at);
        let (fresh, _) = store_with(dir.path(), "fresh.db", &after, &ctx);
        prop_assert_eq!(by_month(&store), by_month(&fresh));
        let again = merit::ops::recalc::recalc(&mut store, &ctx, Some(Period::Year(2026)), false).unwrap();
        prop_assert!(again.is_empty(), "a second recalc changed {}", again.counts());
        prop_assert_eq!(by_month(&store), by_month(&fresh));

        // The adjustments approved, and the activities moved back: the
        // awards moved twice, their histories on three dates.
        let pending = store.db().awards(&AwardFilter { status: Some(Status::Pending), ..Default::default() }).unwrap();
        let ids: Vec<i64> = pending.iter().map(|a| a.id).collect();
        merit::ops::decide::decide_ids(&mut store, &ctx, &ids, Status::Approved, None).unwrap();
        let back: Vec<Raw> = after.iter().zip(&moves).map(|(&(m, d, amount, a), &(by, _))| {
            (m, (d + 365 - by / 2) % 365, amount, a)
        }).collect();
        import_reader(&mut store, &ctx, ImportKind::Activities, "c.csv", csv(&back).as_bytes()).unwrap();
        merit::ops::recalc::recalc(&mut store, &ctx, Some(Period::Year(2026)), false).unwrap();
        standings_are_the_awards(&store, &at);
        let (fresh, fresh_at) = store_with(dir.path(), "fresh-back.db", &back, &ctx);
        prop_assert_eq!(by_month(&store), by_month(&fresh));
        standings_are_the_awards(&fresh, &fresh_at);
        let again = merit::ops::recalc::recalc(&mut store, &ctx, Some(Period::Year(2026)), false).unwrap();
        prop_assert!(again.is_empty(), "a second recalc changed {}", again.counts());
    }
}

/// A decision of thousands of awards keeps the month sums by hand, not by
/// trigger (issue 24: two writes per award saved): approved and rejected
/// in bulk, then one more decided and an award edited by hand (the
/// sqlite3 shell's way, or psql's), the sums must equal the awards.
#[test]
fn bulk_decisions_keep_the_month_sums() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = Context::new(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(), "lead");
    // Tier A deals: an uncapped award each, beside the capped ones.
    let rows: Vec<Raw> = (0..7_000u64)
        .map(|i| {
            (
                (i % 2) as usize,
                i * 7 % 365,
                (i * 7919 % 300_000) as u32,
                i % 50 != 0,
            )
        })
        .collect();
    let (mut store, path) = store_with(dir.path(), "bulk.db", &rows, &ctx);
    let pending = |store: &Store| {
        store
            .db()
            .award_ids(&AwardFilter {
                status: Some(Status::Pending),
                ..AwardFilter::default()
            })
            .unwrap()
    };
    let ids = pending(&store);
    assert!(ids.len() > 6_500, "{} awards", ids.len());
    let (approve, rest) = ids.split_at(ids.len() * 2 / 3);
    let (reject, last) = rest.split_at(rest.len() - 1);
    let d =
        merit::ops::decide::decide_ids(&mut store, &ctx, approve, Status::Approved, None).unwrap();
    assert_eq!(d.count, approve.len());
    standings_are_the_awards(&store, &path);
    let d = merit::ops::decide::decide_ids(
        &mut store,
        &ctx,
        reject,
        Status::Rejected,
        Some("duplicate"),
    )
    .unwrap();
    assert_eq!(d.count, reject.len());
    // The triggers are back: one award decided alone, one edited outside
    // merit, both still in the sums.
    merit::ops::decide::decide_ids(&mut store, &ctx, last, Status::Approved, None).unwrap();
    let edited = common::edit(
        std::path::Path::new(&path),
        "UPDATE awards SET date = '2026-02-03' WHERE CAST(id AS TEXT) = ?1",
        &[&approve[0].to_string()],
    );
    assert_eq!(edited, 1);
    standings_are_the_awards(&store, &path);
    assert_eq!(store.db().month_sums_differ(10).unwrap(), vec![]);
    let kept = number(
        &path,
        "SELECT count(*) FROM award_months WHERE status = 'rejected' AND points <> 0",
    );
    assert!(kept > 0, "the rejected sums are kept");
}
