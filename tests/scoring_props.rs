//! Properties of scoring: caps hold, input order does not matter, and
//! approved standings are the sum of the ledger.

use chrono::{Days, NaiveDate};
use merit::domain::{Activity, Member, Period, PeriodKind, Points, Status, Target};
use merit::ops::Context;
use merit::rules::parse_rules;
use merit::scoring::{Inputs, evaluate};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::collections::HashMap;

fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Days::new(n % 365)
}

fn members() -> Vec<Member> {
    ["AA", "BB", "CC"]
        .iter()
        .map(|c| Member {
            code: c.to_string(),
            name: format!("名{c}"),
            team: "East".into(),
            joined: None,
            active: true,
        })
        .collect()
}

/// (member index, day, amount, tier A?) → activities with unique refs.
fn activities(raw: &[(usize, u64, u32, bool)]) -> Vec<Activity> {
    raw.iter()
        .enumerate()
        .map(|(i, &(m, d, amount, a))| Activity {
            reference: format!("R-{i:04}"),
            member: ["AA", "BB", "CC"][m % 3].into(),
            kind: "deal".into(),
            date: day(d),
            amount: Decimal::from(amount),
            attrs: [("tier".to_string(), if a { "A" } else { "B" }.to_string())]
                .into_iter()
                .collect(),
        })
        .collect()
}

fn rules(points: u32, cap: u32, per: &str, factor: &str) -> String {
    format!(
        r#"
[[rules]]
id = "deal"
kind = "per_event"
event = "deal"
points = {points}
per_amount = {{ unit = 10000, points = "1.25" }}
cap = {{ points = {cap}, per = "{per}" }}

[[rules]]
id = "tier-a"
kind = "per_event"
event = "deal"
when = {{ tier = "A" }}
points = 3

[[rules]]
id = "boost"
kind = "multiplier"
rules = ["deal", "tier-a"]
factor = "{factor}"
from = "2026-03-01"
to = "2026-04-15"

[[rules]]
id = "attain"
kind = "attainment"
event = "deal"
per = "quarter"
tiers = [ {{ at = 0.5, points = 10 }}, {{ at = 1.0, points = 20 }} ]
accelerator = {{ above = 1.0, points_per_percent = "0.5" }}
"#
    )
}

fn targets() -> Vec<Target> {
    let mut v = Vec::new();
    for m in ["AA", "BB"] {
        for q in 1..=4 {
            v.push(Target {
                member: m.into(),
                period: Period::Quarter(2026, q),
                metric: "deal".into(),
                target: Decimal::from(200_000),
            });
        }
    }
    v
}

fn score(acts: &[Activity], rules_text: &str) -> Vec<merit::scoring::ComputedAward> {
    let set = parse_rules(rules_text).unwrap();
    let members = members();
    let targets = targets();
    evaluate(&Inputs {
        members: &members,
        activities: acts,
        targets: &targets,
        rules: &set.rules,
        from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        approved: None,
    })
}

fn raw_activities() -> impl Strategy<Value = Vec<(usize, u64, u32, bool)>> {
    prop::collection::vec((0usize..3, 0u64..365, 0u32..400_000, any::<bool>()), 0..60)
}

fn per_kind() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["month", "quarter", "year"])
}

fn factor() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["1", "1.5", "0.33", "2.25"])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_capped_rule_never_pays_more_than_its_cap_per_period(
        raw in raw_activities(), points in 0u32..40, cap in 1u32..120, per in per_kind(), f in factor()
    ) {
        let awards = score(&activities(&raw), &rules(points, cap, per, f));
        let kind = PeriodKind::parse(per).unwrap();
        let mut paid: HashMap<(String, Period), Points> = HashMap::new();
        for a in awards.iter().filter(|a| a.key.rule_id == "deal") {
            *paid.entry((a.key.member.clone(), Period::containing(kind, a.date))).or_default() += a.points;
        }
        for ((m, p), total) in paid {
            prop_assert!(total.decimal() <= Decimal::from(cap), "{m} {p}: {total} > {cap}");
        }
        prop_assert!(awards.iter().all(|a| !a.points.is_zero()));
    }

    #[test]
    fn scoring_does_not_depend_on_the_order_of_the_rows(
        raw in raw_activities(), seed in any::<u64>(), per in per_kind(), f in factor()
    ) {
        let acts = activities(&raw);
        let mut shuffled = acts.clone();
        // A deterministic shuffle from the seed.
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let text = rules(10, 50, per, f);
        prop_assert_eq!(score(&acts, &text), score(&shuffled, &text));
    }

    #[test]
    fn points_always_have_at_most_two_decimal_places(raw in raw_activities(), f in factor()) {
        for a in score(&activities(&raw), &rules(7, 90, "month", f)) {
            prop_assert!(a.points.decimal().normalize().scale() <= 2, "{}", a.points);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn approved_standings_equal_the_sum_of_the_ledger(
        raw in raw_activities(), approve_mask in any::<u64>(), f in factor()
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = merit::store::Store::open(&dir.path().join("s.db")).unwrap();
        let ctx = Context::new(day(364), "prop");
        let members_csv: String = std::iter::once("code,name,team".to_string())
            .chain(members().iter().map(|m| format!("{},{},{}", m.code, m.name, m.team)))
            .collect::<Vec<_>>()
            .join("\n");
        use merit::ops::import::{ImportKind, import_reader};
        import_reader(&mut store, &ctx, ImportKind::Members, "m.csv", members_csv.as_bytes()).unwrap();
        let acts = activities(&raw);
        if !acts.is_empty() {
            let csv: String = std::iter::once("ref,member,kind,date,amount,tier".to_string())
                .chain(acts.iter().map(|a| format!("{},{},{},{},{},{}", a.reference, a.member, a.kind, a.date, a.amount, a.attrs.get("tier").unwrap_or(""))))
                .collect::<Vec<_>>()
                .join("\n");
            import_reader(&mut store, &ctx, ImportKind::Activities, "a.csv", csv.as_bytes()).unwrap();
        }
        let rules_path = dir.path().join("r.toml");
        std::fs::write(&rules_path, rules(10, 60, "month", f)).unwrap();
        merit::ops::rules::import_rules(&mut store, &ctx, &rules_path, false).unwrap();
        merit::ops::recalc::recalc(&mut store, &ctx, None, false).unwrap();
        let pending = store.db().awards(&merit::store::AwardFilter { status: Some(Status::Pending), ..Default::default() }).unwrap();
        let ids: Vec<i64> = pending.iter().enumerate().filter(|(i, _)| approve_mask >> (i % 64) & 1 == 1).map(|(_, a)| a.id).collect();
        merit::ops::decide::decide_ids(&mut store, &ctx, &ids, Status::Approved, None).unwrap();

        for period in [Period::Year(2026), Period::Quarter(2026, 1), Period::Month(2026, 3)] {
            let standings = merit::ops::standings::member_standings(store.db(), period, false).unwrap();
            let ledger = store.db().ledger_sums(period.start(), period.end(), &["award", "adjustment", "manual"]).unwrap();
            for s in standings {
                prop_assert_eq!(s.points, ledger.get(&s.code).copied().unwrap_or_default(), "{} {}", s.code, period);
            }
        }
    }
}

/// Points per member in `period` by a full scoring of `rules_text`.
fn full_points(acts: &[Activity], rules_text: &str, period: Period) -> Vec<(String, Points)> {
    let mut by: HashMap<String, Points> = HashMap::new();
    for a in score(acts, rules_text) {
        if period.contains(a.date) {
            *by.entry(a.key.member).or_default() += a.points;
        }
    }
    members()
        .into_iter()
        .map(|m| {
            let p = by.get(&m.code).copied().unwrap_or_default();
            (m.code, p)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The preview re-scores only the rules an edit touches; what it shows
    /// must equal scoring everything again under the edited rules.
    #[test]
    fn the_preview_equals_a_full_scoring_of_the_edited_rules(
        raw in raw_activities(),
        before in (0u32..40, 1u32..120, per_kind(), factor()),
        after in (0u32..40, 1u32..120, per_kind(), factor()),
        quarter in 1u32..=4,
    ) {
        let acts = activities(&raw);
        let period = Period::Quarter(2026, quarter);
        let old = parse_rules(&rules(before.0, before.1, before.2, before.3)).unwrap();
        let new_text = rules(after.0, after.1, after.2, after.3);
        let new = parse_rules(&new_text).unwrap();
        let preview = merit::ops::preview::Preview::new(
            period, members(), acts.clone(), targets(), &old.rules,
        );
        let shown = preview.points(&new.rules);
        prop_assert_eq!(shown, full_points(&acts, &new_text, period));
        let cmp = preview.compare(&new.rules);
        let total: Points = full_points(&acts, &new_text, period).into_iter().map(|(_, p)| p).sum();
        prop_assert_eq!(cmp.total_after, total);
    }
}

/// The rules above, with a team pool filled by every deal and an
/// attainment rule whose window opens in May: what runs on from month to
/// month besides caps.
fn rules_with_pool(points: u32, cap: u32, per: &str, factor: &str, pool_per: &str) -> String {
    format!(
        r#"{}
[[rules]]
id = "pool"
kind = "team_pool"
events = ["deal"]
points = "2.5"
per = "{pool_per}"
split = "activities"

[[rules]]
id = "attain-h2"
kind = "attainment"
event = "deal"
per = "month"
valid_from = "2026-05-15"
tiers = [ {{ at = 0.1, points = 4 }} ]
"#,
        rules(points, cap, per, factor)
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Recalc scores a year a month at a time (issue 24): fed month by
    /// month, the scorer gives exactly what scoring the year at once gives.
    #[test]
    fn scoring_month_by_month_equals_scoring_the_year(
        raw in raw_activities(), points in 0u32..40, cap in 1u32..120, per in per_kind(),
        f in factor(), pool_per in per_kind(),
    ) {
        let acts = activities(&raw);
        let set = parse_rules(&rules_with_pool(points, cap, per, f, pool_per)).unwrap();
        let members = members();
        let mut targets = targets();
        for m in 1..=12 {
            targets.push(Target {
                member: "CC".into(),
                period: Period::Month(2026, m),
                metric: "deal".into(),
                target: Decimal::from(50_000),
            });
        }
        let approved = merit::scoring::Approved {
            today: NaiveDate::from_ymd_opt(2027, 1, 1),
            by_day: Default::default(),
        };
        let inputs = Inputs {
            members: &members,
            activities: &acts,
            targets: &targets,
            rules: &set.rules,
            from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            approved: Some(&approved),
        };
        let whole = evaluate(&inputs);
        let mut scorer = merit::scoring::Scorer::new(&inputs, true);
        let mut by_month = Vec::new();
        for m in 1..=12 {
            let month = Period::Month(2026, m);
            let mut part = Vec::new();
            let batch: Vec<Activity> = acts.iter().filter(|a| month.contains(a.date)).cloned().collect();
            scorer.activities(&batch, &mut part);
            scorer.close_through(month.end(), &mut part);
            merit::scoring::sort_awards(&mut part);
            by_month.extend(part);
        }
        prop_assert!(whole.iter().any(|a| a.key.rule_id == "pool") || acts.is_empty());
        prop_assert_eq!(by_month, whole);
    }
}
