//! The scoring engine (SPEC §4–§5): a pure function from members,
//! activities, targets and rules to the awards they earn, each with an
//! explanation a rep can follow. No SQL, no I/O.

pub mod expiry;
pub mod period_end;
mod standings;

pub use period_end::Approved;
pub use standings::{Ranked, TeamSum, attainment, rank, team_attainment, team_sums};

use crate::domain::{
    Activity, AwardKey, Member, Period, PeriodKind, Points, Target, format_decimal,
};
use crate::rules::{Attainment, Multiplier, PerEvent, RuleBody, RuleVersion};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;

/// What scoring reads. Activities and targets should cover whole years
/// (`from`..=`to`): caps and attainment periods never cross a year, so a
/// year is the smallest window that scores exactly.
pub struct Inputs<'a> {
    pub members: &'a [Member],
    pub activities: &'a [Activity],
    pub targets: &'a [Target],
    pub rules: &'a [RuleVersion],
    /// First and last day the activities cover. Attainment periods outside
    /// this range are not scored.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// What rank and team-pool rules read (`period_end`); `None`: they
    /// give nothing.
    pub approved: Option<&'a Approved>,
}

/// An award as the rules compute it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComputedAward {
    pub key: AwardKey,
    pub date: NaiveDate,
    pub points: Points,
    pub category: String,
    pub explanation: String,
    /// The title a rank rule's place carries; empty for every other award.
    pub title: String,
}

/// Every award the rules give for the inputs, sorted by date then key.
/// Does not depend on the order of the input rows. An award whose points
/// would lie beyond ±10^15 (`domain::limits`) is left out; `evaluate_checked`
/// says which.
pub fn evaluate(inputs: &Inputs) -> Vec<ComputedAward> {
    score(inputs, true).0
}

/// `evaluate`, or the first award whose points lie beyond ±10^15: what
/// recalc writes from, so that no award silently goes missing.
pub fn evaluate_checked(inputs: &Inputs) -> Result<Vec<ComputedAward>, String> {
    let (awards, beyond) = score(inputs, true);
    match beyond.into_iter().next() {
        Some(what) => Err(format!(
            "{what}: the points are beyond the range of ±1000000000000000; change the rule"
        )),
        None => Ok(awards),
    }
}

/// The same awards, unordered and with empty explanations: for previews,
/// which need only the points and must keep up with typing.
pub fn evaluate_points(inputs: &Inputs) -> Vec<ComputedAward> {
    score(inputs, false).0
}

/// Points within the one range, else `None`.
fn in_range(points: Points) -> Option<Points> {
    crate::domain::limits::check_number(points.decimal(), "").ok()?;
    Some(points)
}

/// The awards, and the awards beyond the range (as "rule 'x' on D-1 (ZW)").
fn score(inputs: &Inputs, explain: bool) -> (Vec<ComputedAward>, Vec<String>) {
    let active: HashSet<&str> = inputs
        .members
        .iter()
        .filter(|m| m.active)
        .map(|m| m.code.as_str())
        .collect();
    let mut out = Vec::new();
    let mut beyond = Vec::new();
    per_event_awards(inputs, &active, explain, &mut out, &mut beyond);
    // At most one attainment award per member and period: always explained.
    // Room for one per target, so the vector never doubles for the last few.
    out.reserve_exact(inputs.targets.len());
    attainment_awards(inputs, &active, &mut out, &mut beyond);
    period_end::awards(inputs, &mut out, &mut beyond);
    if explain {
        out.sort_unstable_by(|a, b| a.date.cmp(&b.date).then_with(|| a.key.cmp(&b.key)));
    }
    (out, beyond)
}

fn per_event_awards(
    inputs: &Inputs,
    active: &HashSet<&str>,
    explain: bool,
    out: &mut Vec<ComputedAward>,
    beyond: &mut Vec<String>,
) {
    let mut by_event: HashMap<&str, Vec<(&RuleVersion, &PerEvent)>> = HashMap::default();
    let mut multipliers: HashMap<&str, Vec<(&RuleVersion, &Multiplier)>> = HashMap::default();
    for r in inputs.rules.iter().filter(|r| r.active) {
        match &r.body {
            RuleBody::PerEvent(p) => by_event.entry(p.event.as_str()).or_default().push((r, p)),
            RuleBody::Multiplier(m) => {
                for id in &m.rules {
                    multipliers.entry(id.as_str()).or_default().push((r, m));
                }
            }
            RuleBody::Attainment(_) | RuleBody::Rank(_) | RuleBody::TeamPool(_) => {}
        }
    }
    for list in multipliers.values_mut() {
        list.sort_by(|a, b| a.0.id.cmp(&b.0.id).then(a.1.from.cmp(&b.1.from)));
    }

    // Caps count in (date, ref) order.
    let mut order: Vec<&Activity> = inputs
        .activities
        .iter()
        .filter(|a| by_event.contains_key(a.kind.as_str()) && active.contains(a.member.as_str()))
        .collect();
    // Refs are unique, so an unstable sort gives the one order.
    order.sort_unstable_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| a.reference.cmp(&b.reference))
    });

    // Most activities earn under one rule: room for that many up front
    // keeps a year of awards from growing the vector to twice its size.
    out.reserve(order.len());
    let mut used: HashMap<(&str, &str, Period), Decimal> = HashMap::default();
    let capped: HashSet<&str> = by_event
        .values()
        .flatten()
        .filter(|(_, p)| p.cap.is_some())
        .map(|(r, _)| r.id.as_str())
        .collect();
    for activity in order {
        for (rule, p) in &by_event[activity.kind.as_str()] {
            if !rule.window_contains(activity.date) || !matches_when(p, activity) {
                continue;
            }
            let boosts = multipliers
                .get(rule.id.as_str())
                .map_or(&[][..], Vec::as_slice);
            let Some((points, mut explanation)) =
                per_event_points(rule, p, activity, boosts, explain)
            else {
                beyond.push(format!(
                    "rule '{}' on {} ({})",
                    rule.id, activity.reference, activity.member
                ));
                continue;
            };
            let mut points = points;
            let member = activity.member.as_str();
            // §4.5: the version in force at the activity's date cuts by its
            // own cap, against every award of the rule in that cap period.
            if let Some(cap) = &p.cap
                && !points.is_negative()
            {
                let period = Period::containing(cap.per, activity.date);
                let spent = used
                    .get(&(rule.id.as_str(), member, period))
                    .copied()
                    .unwrap_or_default();
                let left = cap.points - spent;
                if left <= Decimal::ZERO {
                    continue;
                }
                if points.decimal() > left {
                    if explain {
                        explanation.push_str(&format!(
                            "; cut to {} by the cap of {} per {} ({} already used in {period})",
                            format_decimal(left),
                            format_decimal(cap.points),
                            cap.per.as_str(),
                            format_decimal(spent),
                        ));
                    }
                    points = Points::round(left);
                }
            }
            // Every award of a rule that has a cap in any version counts
            // against its budgets, capped or not; a negative one (a refund
            // through per_amount) lowers them.
            if capped.contains(rule.id.as_str()) {
                for kind in [PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Year] {
                    let period = Period::containing(kind, activity.date);
                    *used.entry((rule.id.as_str(), member, period)).or_default() +=
                        points.decimal();
                }
            }
            if points.is_zero() {
                continue;
            }
            // Built by appending, the text has room to spare: a year of
            // awards is held while it is written.
            explanation.shrink_to_fit();
            out.push(ComputedAward {
                key: AwardKey {
                    rule_id: rule.id.clone(),
                    member: activity.member.clone(),
                    subject: activity.reference.clone(),
                },
                date: activity.date,
                points,
                category: rule.category.clone(),
                explanation,
                title: String::new(),
            });
        }
    }
}

fn matches_when(p: &PerEvent, a: &Activity) -> bool {
    p.when
        .iter()
        .all(|(k, v)| a.attrs.get(k) == Some(v.as_str()))
}

/// Points of one activity under one rule, after multipliers and rounding,
/// before the cap. `None` when the numbers overflow.
fn per_event_points(
    rule: &RuleVersion,
    p: &PerEvent,
    a: &Activity,
    boosts: &[(&RuleVersion, &Multiplier)],
    explain: bool,
) -> Option<(Points, String)> {
    let mut total = p.points;
    let mut text = String::new();
    if explain {
        text = format!(
            "{} {} on {}: {}",
            rule.id,
            a.reference,
            a.date,
            format_decimal(p.points)
        );
    }
    if let Some(pa) = &p.per_amount {
        let units = a.amount.checked_div(pa.unit)?.floor();
        total = total.checked_add(units.checked_mul(pa.points)?)?;
        if explain {
            text.push_str(&format!(
                " + floor({} / {}) × {}",
                format_decimal(a.amount),
                format_decimal(pa.unit),
                format_decimal(pa.points)
            ));
            text.push_str(&format!(" = {}", format_decimal(total)));
        }
    }
    for (m_rule, m) in boosts {
        if m_rule.window_contains(a.date) && m.from <= a.date && a.date <= m.to {
            total = total.checked_mul(m.factor)?;
            if explain {
                text.push_str(&format!(
                    "; {} ×{} = {}",
                    m_rule.id,
                    format_decimal(m.factor),
                    format_decimal(total)
                ));
            }
        }
    }
    let points = in_range(Points::round(total))?;
    if explain && points.decimal() != total {
        text.push_str(&format!(", rounded to {points}"));
    }
    Some((points, text))
}

fn attainment_awards(
    inputs: &Inputs,
    active: &HashSet<&str>,
    out: &mut Vec<ComputedAward>,
    beyond: &mut Vec<String>,
) {
    let rules: Vec<(&RuleVersion, &Attainment)> = inputs
        .rules
        .iter()
        .filter(|r| r.active)
        .filter_map(|r| match &r.body {
            RuleBody::Attainment(a) => Some((r, a)),
            _ => None,
        })
        .collect();
    if rules.is_empty() {
        return;
    }
    // Sums per (member, kind), by period: built once, read per target.
    let mut sums: HashMap<(&str, &str, Period), Decimal> = HashMap::default();
    let kinds: HashSet<(&str, crate::domain::PeriodKind)> = rules
        .iter()
        .map(|(_, a)| (a.event.as_str(), a.per))
        .collect();
    for a in inputs.activities {
        for (event, per) in &kinds {
            if a.kind == *event {
                let s = sums
                    .entry((&a.member, &a.kind, Period::containing(*per, a.date)))
                    .or_default();
                *s = s.checked_add(a.amount).unwrap_or(*s);
            }
        }
    }
    let mut targets: BTreeMap<(&str, Period, &str), Decimal> = BTreeMap::new();
    for t in inputs.targets {
        targets.insert((&t.member, t.period, &t.metric), t.target);
    }
    for ((member, period, metric), target) in targets {
        if !active.contains(member)
            || target <= Decimal::ZERO
            || period.start() < inputs.from
            || period.end() > inputs.to
        {
            continue;
        }
        // §4.5: for each attainment rule of this metric and period kind,
        // the version in force on the period's last day sets tiers and
        // accelerator; the sum covers the period's activities inside the
        // window of any version of the rule that meets the period.
        let meets = |r: &RuleVersion, a: &Attainment| {
            a.event == metric
                && a.per == period.kind()
                && r.window_overlaps(period.start(), period.end())
        };
        let mut ids: Vec<&str> = rules
            .iter()
            .filter(|(r, a)| meets(r, a))
            .map(|(r, _)| r.id.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            let versions: Vec<&RuleVersion> = rules
                .iter()
                .filter(|(r, a)| r.id == id && meets(r, a))
                .map(|(r, _)| *r)
                .collect();
            let Some((rule, a)) = rules
                .iter()
                .find(|(r, a)| r.id == id && meets(r, a) && r.window_contains(period.end()))
            else {
                continue;
            };
            let whole = versions.iter().any(|r| {
                r.valid_from.is_none_or(|f| f <= period.start())
                    && r.valid_to.is_none_or(|t| t >= period.end())
            });
            let sum = if whole {
                sums.get(&(member, metric, period))
                    .copied()
                    .unwrap_or_default()
            } else {
                inputs
                    .activities
                    .iter()
                    .filter(|x| {
                        x.member == member
                            && x.kind == metric
                            && period.contains(x.date)
                            && versions.iter().any(|r| r.window_contains(x.date))
                    })
                    .fold(Decimal::ZERO, |s, x| s.checked_add(x.amount).unwrap_or(s))
            };
            match attainment_award(rule, a, member, period, sum, target) {
                Some(award) if in_range(award.points).is_none() => {
                    beyond.push(format!("rule '{}' for {period} ({member})", rule.id));
                }
                Some(award) => out.push(award),
                None => {}
            }
        }
    }
}

fn attainment_award(
    rule: &RuleVersion,
    a: &Attainment,
    member: &str,
    period: Period,
    sum: Decimal,
    target: Decimal,
) -> Option<ComputedAward> {
    let attainment = sum.checked_div(target)?;
    let tier = a.tiers.iter().rev().find(|t| t.at <= attainment)?;
    // Shares beyond what a percentage can hold give no award (an absurdly
    // small target): `None`, never an overflow.
    attainment.checked_mul(Decimal::ONE_HUNDRED)?;
    let percent = |d: Decimal| {
        d.checked_mul(Decimal::ONE_HUNDRED)
            .map_or_else(|| "∞".to_string(), |p| format_decimal(p.round_dp(2)))
    };
    let mut total = tier.points;
    let mut text = format!(
        "{} {period}: {} {} of target {} = {}%; tier {}% = {}",
        rule.id,
        a.event,
        format_decimal(sum),
        format_decimal(target),
        percent(attainment),
        percent(tier.at),
        format_decimal(tier.points)
    );
    if let Some(acc) = &a.accelerator
        && attainment > acc.above
    {
        let steps = attainment
            .checked_sub(acc.above)?
            .checked_mul(Decimal::ONE_HUNDRED)?
            .floor();
        let extra = steps.checked_mul(acc.points_per_percent)?;
        total = total.checked_add(extra)?;
        text.push_str(&format!(
            "; accelerator floor({} − {}) × {} = {}; total {}",
            percent(attainment),
            percent(acc.above),
            format_decimal(acc.points_per_percent),
            format_decimal(extra),
            format_decimal(total)
        ));
    }
    let points = Points::round(total);
    if points.is_zero() {
        return None;
    }
    Some(ComputedAward {
        key: AwardKey {
            rule_id: rule.id.clone(),
            member: member.to_string(),
            subject: period.to_string(),
        },
        date: period.end(),
        points,
        category: rule.category.clone(),
        explanation: text,
        title: String::new(),
    })
}

#[cfg(test)]
mod tests;
