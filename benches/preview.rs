//! The what-if preview of the Rules pane (issue 4): a quarter with 100 000
//! activities and 2 000 members, one rule edited, standings compared.
//! Target: under 100 ms per preview on the development machine.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use merit::domain::{Activity, Period, PeriodKind};
use merit::ops::demo::demo_rules_text;
use merit::ops::preview::Preview;
use merit::rules::{RuleBody, parse_rules};
use rust_decimal::Decimal;
use std::hint::black_box;

mod common;
use common::quarter_inputs;

const ACTIVITIES: usize = 100_000;

fn preview(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    let quarter = Period::containing(PeriodKind::Quarter, today);
    let set = parse_rules(&demo_rules_text(today)).expect("demo rules");
    let (members, activities, targets) = quarter_inputs(quarter, ACTIVITIES);
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
    let (members, activities, targets) = quarter_inputs(quarter, ACTIVITIES);
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
