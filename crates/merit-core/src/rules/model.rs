//! The rule types of SPEC §4: one `RuleVersion` per `[[rules]]` entry.

use crate::domain::PeriodKind;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Everything the rules TOML holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RuleSet {
    pub settings: Settings,
    pub rules: Vec<RuleVersion>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Settings {
    /// Months after which points expire (§12); `None`: never.
    pub expire_after_months: Option<u32>,
}

/// One version of a rule: a `[[rules]]` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleVersion {
    pub id: String,
    pub name: String,
    pub category: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub active: bool,
    pub body: RuleBody,
}

impl RuleVersion {
    /// Whether this version is in force on `date` (window inclusive, active).
    pub fn in_force(&self, date: NaiveDate) -> bool {
        self.active && self.window_contains(date)
    }

    pub fn window_contains(&self, date: NaiveDate) -> bool {
        self.valid_from.is_none_or(|f| f <= date) && self.valid_to.is_none_or(|t| date <= t)
    }

    /// Whether the window meets the inclusive date range `[from, to]`.
    pub fn window_overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.valid_from.is_none_or(|f| f <= to) && self.valid_to.is_none_or(|t| from <= t)
    }

    pub fn kind_name(&self) -> &'static str {
        self.body.kind_name()
    }
}

impl RuleSet {
    /// The activity kinds some rule version scores (per_event and
    /// attainment rules, team pools), active or not.
    pub fn kinds_scored(&self) -> std::collections::BTreeSet<&str> {
        let mut kinds = std::collections::BTreeSet::new();
        for v in &self.rules {
            match &v.body {
                RuleBody::PerEvent(p) => {
                    kinds.insert(p.event.as_str());
                }
                RuleBody::Attainment(a) => {
                    kinds.insert(a.event.as_str());
                }
                RuleBody::TeamPool(t) => kinds.extend(t.events.iter().map(String::as_str)),
                RuleBody::Multiplier(_) | RuleBody::Rank(_) => {}
            }
        }
        kinds
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum RuleBody {
    PerEvent(PerEvent),
    Attainment(Attainment),
    Multiplier(Multiplier),
    Rank(Rank),
    TeamPool(TeamPool),
}

impl RuleBody {
    pub fn kind_name(&self) -> &'static str {
        match self {
            RuleBody::PerEvent(_) => "per_event",
            RuleBody::Attainment(_) => "attainment",
            RuleBody::Multiplier(_) => "multiplier",
            RuleBody::Rank(_) => "rank",
            RuleBody::TeamPool(_) => "team_pool",
        }
    }

    /// Whether the rule scores a period once it has ended, from approved
    /// points (`rank`, `team_pool`): its awards are left out of the
    /// standings these rules read, so nothing is circular.
    pub fn is_period_end(&self) -> bool {
        matches!(self, RuleBody::Rank(_) | RuleBody::TeamPool(_))
    }
}

/// §4.1: points for each activity of a kind.
#[derive(Debug, Clone, PartialEq)]
pub struct PerEvent {
    pub event: String,
    pub points: Decimal,
    pub per_amount: Option<PerAmount>,
    pub when: BTreeMap<String, String>,
    pub cap: Option<Cap>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PerAmount {
    pub unit: Decimal,
    pub points: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cap {
    pub points: Decimal,
    pub per: PeriodKind,
}

/// §4.2: points for reaching a share of a target.
#[derive(Debug, Clone, PartialEq)]
pub struct Attainment {
    pub event: String,
    pub per: PeriodKind,
    /// Sorted by `at`, ascending.
    pub tiers: Vec<Tier>,
    pub accelerator: Option<Accelerator>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tier {
    pub at: Decimal,
    pub points: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Accelerator {
    pub above: Decimal,
    pub points_per_percent: Decimal,
}

/// §4.3: a time-limited campaign boosting named `per_event` rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Multiplier {
    pub rules: Vec<String>,
    pub factor: Decimal,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Issue 21: points and a title for places in a period's standings.
#[derive(Debug, Clone, PartialEq)]
pub struct Rank {
    pub per: PeriodKind,
    /// Sorted by `rank`, ascending; each rank once.
    pub places: Vec<Place>,
    /// Rank within each team instead of the whole company.
    pub team: bool,
    /// The fewest approved points that can be placed; `None`: more than 0.
    pub min_points: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub rank: u32,
    pub points: Decimal,
    /// Free text such as "月度销售冠军"; may be empty.
    pub title: String,
}

/// Issue 21: collaborative activities fill a team's pool, split at the
/// period's end among the team's members by their contribution.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamPool {
    /// The activity kinds that fill the pool.
    pub events: Vec<String>,
    /// Points into the pool per activity.
    pub points: Decimal,
    pub per: PeriodKind,
    pub split: PoolSplit,
}

/// What a member's share of the pool is in proportion to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolSplit {
    /// Their approved points in the period (the other kinds'; below 0 counts 0).
    Points,
    /// How many of the pooled activities they took part in (as the
    /// activity's member or listed in its `participants`).
    Activities,
}

impl PoolSplit {
    pub fn as_str(self) -> &'static str {
        match self {
            PoolSplit::Points => "points",
            PoolSplit::Activities => "activities",
        }
    }

    pub fn parse(s: &str) -> Option<PoolSplit> {
        match s {
            "points" => Some(PoolSplit::Points),
            "activities" => Some(PoolSplit::Activities),
            _ => None,
        }
    }
}
