//! What the rule editor's fields are for each rule kind: their labels,
//! the rules-file keys they write and their hints (the labels and hints as
//! catalogue ids), and what each shows for an existing version.

use crate::domain::format_decimal;
use crate::rules::{RuleBody, RuleVersion};
use rust_decimal::Decimal;

/// The hint of the id field (a catalogue id).
pub const ID_HINT: &str = "lowercase-letters-digits-and";

/// A rule kind the editor can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    PerEvent,
    Attainment,
    Multiplier,
    Rank,
    TeamPool,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::PerEvent,
        Kind::Attainment,
        Kind::Multiplier,
        Kind::Rank,
        Kind::TeamPool,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::PerEvent => "per_event",
            Kind::Attainment => "attainment",
            Kind::Multiplier => "multiplier",
            Kind::Rank => "rank",
            Kind::TeamPool => "team_pool",
        }
    }

    /// The key that picks this kind when adding a rule.
    pub fn key(self) -> char {
        match self {
            Kind::PerEvent => 'e',
            Kind::Attainment => 't',
            Kind::Multiplier => 'm',
            Kind::Rank => 'r',
            Kind::TeamPool => 'p',
        }
    }

    pub(super) fn of(body: &RuleBody) -> Kind {
        match body {
            RuleBody::PerEvent(_) => Kind::PerEvent,
            RuleBody::Attainment(_) => Kind::Attainment,
            RuleBody::Multiplier(_) => Kind::Multiplier,
            RuleBody::Rank(_) => Kind::Rank,
            RuleBody::TeamPool(_) => Kind::TeamPool,
        }
    }
}

/// The catalogue ids of every label and hint of every kind's fields
/// (for the catalogue test).
pub fn words() -> Vec<&'static str> {
    [
        &COMMON[..],
        &PER_EVENT,
        &ATTAINMENT,
        &MULTIPLIER,
        &RANK,
        &TEAM_POOL,
    ]
    .iter()
    .flat_map(|list| list.iter().flat_map(|(label, _, hint)| [*label, *hint]))
    .chain([ID_HINT])
    .filter(|w| !w.is_empty())
    .collect()
}

/// A field: its label's id, the rules-file key it writes, its hint's id.
const fn f(
    label: &'static str,
    key: &'static str,
    hint: &'static str,
) -> (&'static str, &'static str, &'static str) {
    (label, key, hint)
}

pub(super) const COMMON: [(&str, &str, &str); 3] = [
    f("name", "name", "what-the-team-sees"),
    f(
        "category",
        "category",
        "performance-customer-growth-penalty",
    ),
    f("ends", "valid_to", "last-day-yyyy-mm-dd-empty"),
];
pub(super) const PER_EVENT: [(&str, &str, &str); 7] = [
    f("event", "event", "the-activity-kind-e-g-deal"),
    f("points", "points", "points-per-activity-negative-a-penalty"),
    f(
        "amount-unit",
        "per_amount.unit",
        "with-unit-points-floor-amount-unit",
    ),
    f(
        "unit-points",
        "per_amount.points",
        "points-per-whole-unit-of-the",
    ),
    f("when", "when", "conditions-key-value-key-value"),
    f("cap-points", "cap.points", "at-most-this-many-points-per"),
    f("cap-per", "cap.per", "month-quarter-or-year"),
];
pub(super) const ATTAINMENT: [(&str, &str, &str); 5] = [
    f("event", "event", "the-activity-kind-whose-amounts-are"),
    f("per", "per", "month-quarter-or-year"),
    f("tiers", "tiers", "share-points-e-g-0-8"),
    f("accel-above", "accelerator.above", "e-g-1-0-extra-points"),
    f(
        "accel-pts",
        "accelerator.points_per_percent",
        "points-per-whole-percent-above",
    ),
];
pub(super) const MULTIPLIER: [(&str, &str, &str); 4] = [
    f("rules-2", "rules", "per-event-rule-ids-e-g"),
    f("factor", "factor", "e-g-1-5"),
    f("from", "from", "first-day-of-the-campaign-yyyy"),
    f("to", "to", "last-day-of-the-campaign-yyyy"),
];

pub(super) const RANK: [(&str, &str, &str); 4] = [
    f("per", "per", "month-quarter-or-year"),
    f("places", "places", "rank-points-title-e-g-1"),
    f("by-team", "team", "yes-rank-within-each-team-empty"),
    f(
        "min-points",
        "min_points",
        "fewest-approved-points-placed-empty-above",
    ),
];
pub(super) const TEAM_POOL: [(&str, &str, &str); 4] = [
    f("events", "events", "activity-kinds-e-g-joint-visit"),
    f("points", "points", "points-into-the-pool-per-activity"),
    f("per", "per", "month-quarter-or-year"),
    f("split-by", "split", "activities-taken-part-in-or-points"),
];

fn num(d: Decimal) -> String {
    format_decimal(d)
}

/// What a field shows for an existing version.
pub(super) fn value_of(v: &RuleVersion, key: &str) -> String {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    match (key, &v.body) {
        ("name", _) => v.name.clone(),
        ("category", _) => v.category.clone(),
        ("valid_to", _) => date(v.valid_to),
        ("event", RuleBody::PerEvent(p)) => p.event.clone(),
        ("points", RuleBody::PerEvent(p)) => num(p.points),
        ("per_amount.unit", RuleBody::PerEvent(p)) => p
            .per_amount
            .as_ref()
            .map(|a| num(a.unit))
            .unwrap_or_default(),
        ("per_amount.points", RuleBody::PerEvent(p)) => p
            .per_amount
            .as_ref()
            .map(|a| num(a.points))
            .unwrap_or_default(),
        ("when", RuleBody::PerEvent(p)) => p
            .when
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(", "),
        ("cap.points", RuleBody::PerEvent(p)) => {
            p.cap.as_ref().map(|c| num(c.points)).unwrap_or_default()
        }
        ("cap.per", RuleBody::PerEvent(p)) => p
            .cap
            .as_ref()
            .map(|c| c.per.as_str().to_string())
            .unwrap_or_default(),
        ("event", RuleBody::Attainment(a)) => a.event.clone(),
        ("per", RuleBody::Attainment(a)) => a.per.as_str().to_string(),
        ("tiers", RuleBody::Attainment(a)) => a
            .tiers
            .iter()
            .map(|t| format!("{}:{}", num(t.at), num(t.points)))
            .collect::<Vec<_>>()
            .join(", "),
        ("accelerator.above", RuleBody::Attainment(a)) => a
            .accelerator
            .as_ref()
            .map(|x| num(x.above))
            .unwrap_or_default(),
        ("accelerator.points_per_percent", RuleBody::Attainment(a)) => a
            .accelerator
            .as_ref()
            .map(|x| num(x.points_per_percent))
            .unwrap_or_default(),
        ("rules", RuleBody::Multiplier(m)) => m.rules.join(", "),
        ("factor", RuleBody::Multiplier(m)) => num(m.factor),
        ("from", RuleBody::Multiplier(m)) => m.from.to_string(),
        ("to", RuleBody::Multiplier(m)) => m.to.to_string(),
        ("per", RuleBody::Rank(r)) => r.per.as_str().to_string(),
        ("places", RuleBody::Rank(r)) => r
            .places
            .iter()
            .map(|p| match p.title.as_str() {
                "" => format!("{}:{}", p.rank, num(p.points)),
                t => format!("{}:{}:{t}", p.rank, num(p.points)),
            })
            .collect::<Vec<_>>()
            .join(", "),
        ("team", RuleBody::Rank(r)) => if r.team { "yes" } else { "" }.to_string(),
        ("min_points", RuleBody::Rank(r)) => r.min_points.map(num).unwrap_or_default(),
        ("events", RuleBody::TeamPool(p)) => p.events.join(", "),
        ("points", RuleBody::TeamPool(p)) => num(p.points),
        ("per", RuleBody::TeamPool(p)) => p.per.as_str().to_string(),
        ("split", RuleBody::TeamPool(p)) => p.split.as_str().to_string(),
        _ => String::new(),
    }
}
