//! What a handbook tells, whatever its language: the rules in force on a
//! day grouped by category, and the campaigns running or still to come,
//! each with the days it really boosts and the names of what it boosts.

use super::model::*;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The rules that give or take points on `day` (multipliers aside), by
/// category in the order the rules first name them.
pub fn by_category(set: &RuleSet, day: NaiveDate) -> Vec<(&str, Vec<&RuleVersion>)> {
    let mut out: Vec<(&str, Vec<&RuleVersion>)> = Vec::new();
    for r in set
        .rules
        .iter()
        .filter(|r| r.in_force(day) && !matches!(r.body, RuleBody::Multiplier(_)))
    {
        match out.iter_mut().find(|(c, _)| *c == r.category) {
            Some((_, rules)) => rules.push(r),
            None => out.push((&r.category, vec![r])),
        }
    }
    out
}

/// A campaign running on or after the day.
pub struct Campaign<'a> {
    pub rule: &'a RuleVersion,
    pub factor: Decimal,
    /// Only the days inside both the campaign and the rule's own window.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The names of the rules it boosts.
    pub boosted: Vec<String>,
}

pub fn campaigns(set: &RuleSet, day: NaiveDate) -> Vec<Campaign<'_>> {
    let name_of = |id: &str| {
        set.rules
            .iter()
            .filter(|r| r.id == id)
            .find(|r| r.in_force(day))
            .or_else(|| set.rules.iter().find(|r| r.id == id))
            .map(|r| r.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    set.rules
        .iter()
        .filter(|r| r.active && r.valid_to.is_none_or(|t| t >= day))
        .filter_map(|r| match &r.body {
            RuleBody::Multiplier(m) if m.to >= day => Some(Campaign {
                rule: r,
                factor: m.factor,
                from: r.valid_from.map_or(m.from, |f| f.max(m.from)),
                to: r.valid_to.map_or(m.to, |t| t.min(m.to)),
                boosted: m.rules.iter().map(|id| name_of(id)).collect(),
            }),
            _ => None,
        })
        .collect()
}
