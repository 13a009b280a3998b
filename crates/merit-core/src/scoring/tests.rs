use super::*;
use crate::domain::Period;
use crate::rules::parse_rules;
use std::str::FromStr;

fn d(s: &str) -> NaiveDate {
    crate::domain::parse_date(s).unwrap()
}

fn member(code: &str) -> Member {
    Member {
        code: code.into(),
        name: code.into(),
        team: "T".into(),
        joined: None,
        active: true,
    }
}

fn deal(r: &str, m: &str, date: &str, amount: i64, tier: &str) -> Activity {
    Activity {
        reference: r.into(),
        member: m.into(),
        kind: "deal".into(),
        date: d(date),
        amount: Decimal::from(amount),
        attrs: [("customer_tier", tier)].into_iter().collect(),
    }
}

fn run(members: &[Member], acts: &[Activity], targets: &[Target]) -> Vec<ComputedAward> {
    let set = parse_rules(include_str!("../../../../tests/fixtures/q1/rules.toml")).unwrap();
    evaluate(&Inputs {
        members,
        activities: acts,
        targets,
        rules: &set.rules,
        from: d("2026-01-01"),
        to: d("2026-12-31"),
        approved: None,
    })
}

fn find<'a>(awards: &'a [ComputedAward], rule: &str, subject: &str) -> &'a ComputedAward {
    awards
        .iter()
        .find(|a| a.key.rule_id == rule && a.key.subject == subject)
        .unwrap_or_else(|| panic!("no {rule} {subject}"))
}

#[test]
fn a_boosted_deal_explains_each_step() {
    let awards = run(
        &[member("ZW")],
        &[deal("D-003", "ZW", "2026-03-03", 150000, "A")],
        &[],
    );
    let a = find(&awards, "deal", "D-003");
    assert_eq!(a.points.to_string(), "37.5");
    assert_eq!(
        a.explanation.english(),
        "deal D-003 on 2026-03-03: 10 + floor(150000 / 10000) × 1 = 25; sprint-week ×1.5 = 37.5"
    );
    // The multiplier names only `deal`: the tier bonus is not boosted.
    assert_eq!(
        find(&awards, "deal-tier-a", "D-003").points.to_string(),
        "5"
    );
}

#[test]
fn the_cap_cuts_the_award_that_crosses_it_and_says_so() {
    let acts = [
        deal("D-006", "WF", "2026-02-02", 260000, "A"),
        deal("D-008", "WF", "2026-02-18", 150000, "B"),
        deal("D-009", "WF", "2026-02-19", 50000, "B"),
    ];
    let awards = run(&[member("WF")], &acts, &[]);
    let cut = find(&awards, "deal", "D-008");
    assert_eq!(cut.points.to_string(), "24");
    assert!(
        cut.explanation
            .english()
            .ends_with("; cut to 24 by the cap of 60 per month (36 already used in 2026-02)")
    );
    assert!(
        !awards
            .iter()
            .any(|a| a.key.subject == "D-009" && a.key.rule_id == "deal")
    );
}

#[test]
fn attainment_uses_exact_decimals_and_the_accelerator() {
    let acts = [
        deal("D-001", "ZW", "2026-01-12", 120000, "A"),
        deal("D-002", "ZW", "2026-02-20", 90000, "B"),
        deal("D-003", "ZW", "2026-03-03", 150000, "A"),
    ];
    let targets = [Target {
        member: "ZW".into(),
        period: Period::Quarter(2026, 1),
        metric: "deal".into(),
        target: Decimal::from_str("300000").unwrap(),
    }];
    let awards = run(&[member("ZW")], &acts, &targets);
    let a = find(&awards, "q-attain", "2026-Q1");
    assert_eq!(a.points.to_string(), "100");
    assert_eq!(a.date, d("2026-03-31"));
    assert_eq!(
        a.explanation.english(),
        "q-attain 2026-Q1: deal 360000 of target 300000 = 120%; tier 100% = 60; accelerator floor(120 − 100) × 2 = 40; total 100"
    );
}

#[test]
fn inactive_members_earn_nothing_new() {
    let mut m = member("ZW");
    m.active = false;
    assert!(run(&[m], &[deal("D-1", "ZW", "2026-01-05", 10000, "A")], &[]).is_empty());
}

#[test]
fn no_target_no_attainment_award() {
    let awards = run(
        &[member("ZW")],
        &[deal("D-1", "ZW", "2026-01-05", 900000, "B")],
        &[],
    );
    assert!(awards.iter().all(|a| a.key.rule_id != "q-attain"));
}
