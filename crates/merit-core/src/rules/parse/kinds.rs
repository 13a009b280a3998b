//! Reading each kind's own keys: per_event, attainment, multiplier, rank
//! and team_pool bodies, every problem reported against its key.

use super::reader::{Reader, scalar_text};
use crate::msg;
use crate::rules::model::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use toml::Value;

impl Reader<'_> {
    pub(super) fn per_event(&mut self) -> Option<PerEvent> {
        let event = self.string("event", true);
        let points = self.number_in(self.table, "points", "points", false);
        let per_amount = match self.sub_table("per_amount", &["unit", "points"]) {
            Some(t) => {
                let unit = self.number_in(t, "unit", "per_amount.unit", true);
                let p = self.number_in(t, "points", "per_amount.points", true);
                if unit.is_some_and(|u| u <= Decimal::ZERO) {
                    self.fail("per_amount.unit", msg!("value-must-be-greater-than-0"));
                }
                Some(PerAmount {
                    unit: unit?,
                    points: p?,
                })
            }
            None => None,
        };
        if points.is_none() && per_amount.is_none() && !self.table.contains_key("points") {
            self.fail("points", msg!("rules-per-event-needs-points"));
        }
        let points = points.unwrap_or_default();
        let when = self.when();
        let cap = match self.sub_table("cap", &["points", "per"]) {
            Some(t) => {
                let c = self.number_in(t, "points", "cap.points", true);
                if c.is_some_and(|c| c <= Decimal::ZERO) {
                    self.fail("cap.points", msg!("value-must-be-greater-than-0"));
                }
                let per = self.period_kind_in(t, "per", "cap.per");
                let negative = points < Decimal::ZERO
                    || per_amount
                        .as_ref()
                        .is_some_and(|p| p.points < Decimal::ZERO);
                if negative {
                    self.fail("cap", msg!("rules-negative-cap"));
                }
                Some(Cap {
                    points: c?,
                    per: per?,
                })
            }
            None => None,
        };
        Some(PerEvent {
            event: event?,
            points,
            per_amount,
            when,
            cap,
        })
    }

    /// `when`: the attributes an activity must have, as texts (§4.5).
    fn when(&mut self) -> BTreeMap<String, String> {
        let mut when = BTreeMap::new();
        match self.table.get("when") {
            None => {}
            Some(Value::Table(t)) => {
                for (k, v) in t {
                    // §4.5: texts, integers (as their decimal text) and
                    // booleans; a float's text would be ambiguous.
                    match v {
                        Value::Float(f) => self.fail(
                            &format!("when.{k}"),
                            msg!("rules-when-float", value = format!("{f:?}")),
                        ),
                        _ => match scalar_text(v) {
                            Some(s)
                                if self.strict
                                    && (k.chars().any(crate::text::is_hidden)
                                        || s.chars().any(crate::text::is_hidden)) =>
                            {
                                self.fail(&format!("when.{k}"), msg!("rules-hidden-characters"))
                            }
                            Some(s) => {
                                when.insert(k.clone(), s);
                            }
                            None => self.fail(&format!("when.{k}"), msg!("rules-when-scalar")),
                        },
                    }
                }
            }
            Some(_) => self.fail("when", msg!("rules-when-table")),
        }
        when
    }

    pub(super) fn attainment(&mut self) -> Option<Attainment> {
        let event = self.string("event", true);
        let per = self.period_kind_in(self.table, "per", "per");
        let mut tiers = Vec::new();
        match self.table.get("tiers") {
            Some(Value::Array(items)) if !items.is_empty() => {
                for (n, item) in items.iter().enumerate() {
                    let key = format!("tiers[{n}]");
                    let Some(t) = item.as_table() else {
                        self.fail(&key, msg!("rules-tier-shape"));
                        continue;
                    };
                    for k in t.keys().filter(|k| *k != "at" && *k != "points") {
                        self.fail(&format!("{key}.{k}"), msg!("rules-unknown-key"));
                    }
                    let at = self.number_in(t, "at", &format!("{key}.at"), true);
                    let points = self.number_in(t, "points", &format!("{key}.points"), true);
                    if at.is_some_and(|a| a < Decimal::ZERO) {
                        self.fail(&format!("{key}.at"), msg!("value-must-not-be-negative"));
                    }
                    if let (Some(at), Some(points)) = (at, points) {
                        if tiers.iter().any(|t: &Tier| t.at == at) {
                            self.fail(&format!("{key}.at"), msg!("rules-two-tiers"));
                        }
                        tiers.push(Tier { at, points });
                    }
                }
            }
            _ => self.fail("tiers", msg!("rules-tiers-missing")),
        }
        tiers.sort_by_key(|t| t.at);
        let accelerator = match self.sub_table("accelerator", &["above", "points_per_percent"]) {
            Some(t) => {
                let above = self.number_in(t, "above", "accelerator.above", true);
                let ppp = self.number_in(
                    t,
                    "points_per_percent",
                    "accelerator.points_per_percent",
                    true,
                );
                if above.is_some_and(|a| a < Decimal::ZERO) {
                    self.fail("accelerator.above", msg!("value-must-not-be-negative"));
                }
                Some(Accelerator {
                    above: above?,
                    points_per_percent: ppp?,
                })
            }
            None => None,
        };
        Some(Attainment {
            event: event?,
            per: per?,
            tiers,
            accelerator,
        })
    }

    pub(super) fn multiplier(&mut self) -> Option<Multiplier> {
        let mut rules = Vec::new();
        match self.table.get("rules") {
            Some(Value::Array(items)) if !items.is_empty() => {
                for item in items {
                    match item.as_str() {
                        Some(s) => rules.push(s.to_string()),
                        None => self.fail("rules", msg!("rules-rules-as-text")),
                    }
                }
            }
            _ => self.fail("rules", msg!("rules-rules-missing")),
        }
        let factor = self.number_in(self.table, "factor", "factor", true);
        if factor.is_some_and(|f| f <= Decimal::ZERO) {
            self.fail("factor", msg!("value-must-be-greater-than-0"));
        }
        let from = self.date("from", true);
        let to = self.date("to", true);
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            self.fail("to", msg!("value-is-before", key = "from"));
        }
        Some(Multiplier {
            rules,
            factor: factor?,
            from: from?,
            to: to?,
        })
    }

    pub(super) fn rank(&mut self) -> Option<Rank> {
        let per = self.period_kind_in(self.table, "per", "per");
        let mut places: Vec<Place> = Vec::new();
        match self.table.get("places") {
            Some(Value::Array(items)) if !items.is_empty() => {
                for (n, item) in items.iter().enumerate() {
                    self.place(n, item, &mut places);
                }
            }
            _ => self.fail("places", msg!("rules-places-missing")),
        }
        places.sort_by_key(|p| p.rank);
        let team = match self.table.get("team") {
            None => false,
            Some(Value::Boolean(b)) => *b,
            Some(_) => {
                self.fail("team", msg!("rules-must-be-true-or-false"));
                false
            }
        };
        let min_points = self.number_in(self.table, "min_points", "min_points", false);
        Some(Rank {
            per: per?,
            places,
            team,
            min_points,
        })
    }

    /// One of a rank rule's `places`, added unless it has a problem.
    fn place(&mut self, n: usize, item: &Value, places: &mut Vec<Place>) {
        let key = format!("places[{n}]");
        let Some(t) = item.as_table() else {
            self.fail(&key, msg!("rules-place-shape"));
            return;
        };
        for k in t
            .keys()
            .filter(|k| !["rank", "points", "title"].contains(&k.as_str()))
        {
            self.fail(&format!("{key}.{k}"), msg!("rules-unknown-key"));
        }
        let rank = match t.get("rank") {
            Some(Value::Integer(i)) if (1..=1000).contains(i) => Some(*i as u32),
            None => {
                self.fail(&format!("{key}.rank"), msg!("rules-missing"));
                None
            }
            Some(_) => {
                self.fail(&format!("{key}.rank"), msg!("rules-rank-range"));
                None
            }
        };
        let points = self.number_in(t, "points", &format!("{key}.points"), true);
        if points.is_some_and(|p| p <= Decimal::ZERO) {
            self.fail(
                &format!("{key}.points"),
                msg!("value-must-be-greater-than-0"),
            );
        }
        let title = match t.get("title") {
            None => String::new(),
            Some(Value::String(s)) if !s.chars().any(crate::text::is_hidden) => {
                s.trim().to_string()
            }
            Some(Value::String(_)) => {
                self.fail(&format!("{key}.title"), msg!("rules-hidden-characters"));
                String::new()
            }
            Some(_) => {
                self.fail(&format!("{key}.title"), msg!("rules-must-be-text"));
                String::new()
            }
        };
        if let (Some(rank), Some(points)) = (rank, points) {
            if places.iter().any(|p| p.rank == rank) {
                self.fail(&format!("{key}.rank"), msg!("rules-two-places"));
            }
            places.push(Place {
                rank,
                points,
                title,
            });
        }
    }

    pub(super) fn team_pool(&mut self) -> Option<TeamPool> {
        let mut events = Vec::new();
        match self.table.get("events") {
            Some(Value::Array(items)) if !items.is_empty() => {
                for item in items {
                    match item.as_str() {
                        Some(s) if self.strict && s.chars().any(crate::text::is_hidden) => {
                            self.fail("events", msg!("rules-hidden-characters"))
                        }
                        Some(s) if !s.trim().is_empty() => events.push(s.trim().to_string()),
                        _ => self.fail("events", msg!("rules-events-as-text")),
                    }
                }
            }
            _ => self.fail("events", msg!("rules-events-missing")),
        }
        let points = self.number_in(self.table, "points", "points", true);
        if points.is_some_and(|p| p <= Decimal::ZERO) {
            self.fail("points", msg!("value-must-be-greater-than-0"));
        }
        let per = self.period_kind_in(self.table, "per", "per");
        let split = match self.table.get("split") {
            None => Some(PoolSplit::Activities),
            Some(v) => match v.as_str().and_then(PoolSplit::parse) {
                Some(s) => Some(s),
                None => {
                    self.fail("split", msg!("rules-split"));
                    None
                }
            },
        };
        Some(TeamPool {
            events,
            points: points?,
            per: per?,
            split: split?,
        })
    }
}
