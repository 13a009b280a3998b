//! The what-if preview of the Rules pane (issue 4): a quarter with 100 000
//! activities and 2 000 members, one rule edited, standings compared.
//! Target: under 100 ms per preview on the development machine.

use chrono::{Days, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use merit::domain::{Activity, Member, Period, PeriodKind, Target};
use merit::ops::demo::{Rng, demo_rules_text};
use merit::ops::preview::Preview;
use merit::rules::{RuleBody, parse_rules};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::hint::black_box;

const MEMBERS: usize = 2_000;
const ACTIVITIES: usize = 100_000;

/// `0..n` from the demo's deterministic generator.
fn below(rng: &mut Rng, n: u64) -> u64 {
    rng.range(0, n - 1)
}

fn quarter_inputs(quarter: Period) -> (Vec<Member>, Vec<Activity>, Vec<Target>) {
    let mut rng = Rng(7);
    let members: Vec<Member> = (0..MEMBERS)
        .map(|i| Member {
            code: format!("S{i:05}"),
            name: format!("成员{i}"),
            team: ["East", "West", "North"][i % 3].into(),
            joined: None,
            active: true,
        })
        .collect();
    let days = (quarter.end() - quarter.start()).num_days() as u64 + 1;
    let kinds = [
        "deal",
        "deal",
        "payment",
        "visit",
        "visit",
        "new_customer",
        "mentoring",
        "complaint",
    ];
    let activities = (0..ACTIVITIES)
        .map(|n| {
            let kind = kinds[below(&mut rng, kinds.len() as u64) as usize];
            let mut attrs = BTreeMap::new();
            match kind {
                "deal" => {
                    attrs.insert(
                        "customer_tier".into(),
                        ["A", "B", "C"][below(&mut rng, 3) as usize].into(),
                    );
                }
                "payment" => {
                    attrs.insert(
                        "on_time".into(),
                        if below(&mut rng, 4) == 0 { "no" } else { "yes" }.into(),
                    );
                }
                _ => {}
            }
            Activity {
                reference: format!("A-{n:07}"),
                member: members[below(&mut rng, MEMBERS as u64) as usize]
                    .code
                    .clone(),
                kind: kind.into(),
                date: quarter.start() + Days::new(below(&mut rng, days)),
                amount: Decimal::from(below(&mut rng, 300) * 1_000),
                attrs,
            }
        })
        .collect();
    let targets = members
        .iter()
        .map(|m| Target {
            member: m.code.clone(),
            period: quarter,
            metric: "deal".into(),
            target: Decimal::from(400_000 + below(&mut rng, 400) * 1_000),
        })
        .collect();
    (members, activities, targets)
}

fn preview(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    let quarter = Period::containing(PeriodKind::Quarter, today);
    let set = parse_rules(&demo_rules_text(today)).expect("demo rules");
    let (members, activities, targets) = quarter_inputs(quarter);
    let preview = Preview::new(quarter, members, activities, targets, &set.rules);
    let mut edited = set.rules.clone();
    for r in &mut edited {
        if let (true, RuleBody::PerEvent(p)) = (r.id == "deal", &mut r.body) {
            p.points = Decimal::from(12);
        }
    }
    let comparison = preview.compare(&edited);
    assert!(comparison.changed > 0, "the edit changes the standings");
    c.bench_function(
        "preview a quarter of 100k activities, deal points 10 -> 12",
        |b| b.iter(|| black_box(preview.compare(black_box(&edited)))),
    );

    // The worst case: every activity of the quarter meets the edited rule.
    let (members, activities, targets) = quarter_inputs(quarter);
    let all_deals = activities
        .into_iter()
        .map(|a| Activity {
            kind: "deal".into(),
            ..a
        })
        .collect();
    let preview = Preview::new(quarter, members, all_deals, targets, &set.rules);
    c.bench_function(
        "preview a quarter of 100k deals, deal points 10 -> 12",
        |b| b.iter(|| black_box(preview.compare(black_box(&edited)))),
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = preview
}
criterion_main!(benches);
