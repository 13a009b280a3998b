//! The scoring engine (SPEC §4–§5): a pure function from members,
//! activities, targets and rules to the awards they earn, each with an
//! explanation a rep can follow. No SQL, no I/O.

pub mod expiry;
pub mod period_end;
pub mod progress;
mod standings;

pub use period_end::{Approved, ApprovedByDay};
pub use standings::{Ranked, TeamSum, attainment, rank, team_attainment, team_sums};

use crate::domain::explain::{self, Explanation};
use crate::domain::{Activity, AwardKey, Member, Period, PeriodKind, Points, Target};
use crate::rules::{Attainment, Cap, Multiplier, PerEvent, RuleBody, RuleVersion};
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
    /// How the points came about (`Unexplained` from `evaluate_points`).
    pub explanation: Explanation,
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
pub fn evaluate_checked(inputs: &Inputs) -> Result<Vec<ComputedAward>, crate::message::Msg> {
    let (awards, beyond) = score(inputs, true);
    match beyond.first() {
        Some(what) => Err(beyond_range(what)),
        None => Ok(awards),
    }
}

/// What is said of an award (`what`) whose points lie beyond ±10^15.
pub fn beyond_range(what: &crate::message::Msg) -> crate::message::Msg {
    crate::msg!(
        "rules-points-beyond-range",
        award = what.clone(),
        max = crate::domain::limits::max_abs()
    )
}

/// The same awards, unordered and with empty explanations: for previews,
/// which need only the points and must keep up with typing.
pub fn evaluate_points(inputs: &Inputs) -> Vec<ComputedAward> {
    score(inputs, false).0
}

/// [`evaluate_points`], and what is said of the first award beyond
/// ±10^15, if one is (left out of the awards, as a recalc refuses it).
pub fn evaluate_points_checked(
    inputs: &Inputs,
) -> (Vec<ComputedAward>, Option<crate::message::Msg>) {
    let (awards, beyond) = score(inputs, false);
    (awards, beyond.first().map(beyond_range))
}

/// Points within the one range, else `None`.
fn in_range(points: Points) -> Option<Points> {
    crate::domain::limits::check_number(points.decimal(), "").ok()?;
    Some(points)
}

/// The awards, and the awards beyond the range (as "rule 'x' on D-1 (ZW)").
fn score(inputs: &Inputs, explain: bool) -> (Vec<ComputedAward>, Vec<crate::message::Msg>) {
    let mut scorer = Scorer::new(inputs, explain);
    let mut out = Vec::new();
    scorer.activities(inputs.activities, &mut out);
    // At most one attainment award per member and period: always explained.
    // Room for one per target, so the vector never doubles for the last few.
    out.reserve_exact(inputs.targets.len());
    scorer.close_through(inputs.to, &mut out);
    if explain {
        sort_awards(&mut out);
    }
    (out, scorer.beyond)
}

/// By date, then key: the order awards are scored and written in.
pub fn sort_awards(awards: &mut [ComputedAward]) {
    awards.sort_unstable_by(|a, b| a.date.cmp(&b.date).then_with(|| a.key.cmp(&b.key)));
}

/// Scores a year's activities a batch at a time, carrying what one batch
/// leaves to the next: the caps' budgets, the attainment sums and the
/// team pools. Batches come in date order, each one's days after the
/// last's (a month at a time, say); the awards of a period's end are given
/// once `close_through` passes its last day. Fed everything at once it is
/// `evaluate`; fed a month at a time it holds a month of activities, not a
/// year.
pub struct Scorer<'a> {
    inputs: &'a Inputs<'a>,
    explain: bool,
    active: HashSet<&'a str>,
    by_event: HashMap<&'a str, Vec<(&'a RuleVersion, &'a PerEvent)>>,
    multipliers: HashMap<&'a str, Vec<(&'a RuleVersion, &'a Multiplier)>>,
    /// Rules with a cap in any version: every award of theirs counts.
    capped: HashSet<&'a str>,
    /// Cap budgets spent, by rule, member and period.
    used: Used<'a>,
    /// Each attainment rule's versions, by (id, metric, period kind).
    goals: Vec<Goal<'a>>,
    /// What each goal's metric summed to, by member and period.
    sums: HashMap<(usize, &'a str, Period), Decimal>,
    /// The targets, by the last day of their period.
    targets: BTreeMap<NaiveDate, Vec<(&'a str, Period, &'a str, Decimal)>>,
    pools: period_end::PoolFill<'a>,
    /// The last day closed so far.
    closed: Option<NaiveDate>,
    /// The awards beyond the range, as "rule 'x' on D-1 (ZW)".
    pub beyond: Vec<crate::message::Msg>,
}

/// The versions of one attainment rule that score one metric per one
/// period kind.
struct Goal<'a> {
    id: &'a str,
    metric: &'a str,
    per: PeriodKind,
    versions: Vec<(&'a RuleVersion, &'a Attainment)>,
}

impl<'a> Scorer<'a> {
    /// A scorer of `inputs`' rules for its members and targets; its
    /// `activities` are not read (they come through `activities`).
    pub fn new(inputs: &'a Inputs<'a>, explain: bool) -> Scorer<'a> {
        let active: HashSet<&str> = inputs
            .members
            .iter()
            .filter(|m| m.active)
            .map(|m| m.code.as_str())
            .collect();
        let mut by_event: HashMap<&str, Vec<(&RuleVersion, &PerEvent)>> = HashMap::default();
        let mut multipliers: HashMap<&str, Vec<(&RuleVersion, &Multiplier)>> = HashMap::default();
        let mut goals: Vec<Goal> = Vec::new();
        for r in inputs.rules.iter().filter(|r| r.active) {
            match &r.body {
                RuleBody::PerEvent(p) => by_event.entry(p.event.as_str()).or_default().push((r, p)),
                RuleBody::Multiplier(m) => {
                    for id in &m.rules {
                        multipliers.entry(id.as_str()).or_default().push((r, m));
                    }
                }
                RuleBody::Attainment(a) => {
                    match goals
                        .iter_mut()
                        .find(|g| g.id == r.id && g.metric == a.event && g.per == a.per)
                    {
                        Some(g) => g.versions.push((r, a)),
                        None => goals.push(Goal {
                            id: r.id.as_str(),
                            metric: a.event.as_str(),
                            per: a.per,
                            versions: vec![(r, a)],
                        }),
                    }
                }
                RuleBody::Rank(_) | RuleBody::TeamPool(_) => {}
            }
        }
        goals.sort_by(|a, b| a.id.cmp(b.id));
        for list in multipliers.values_mut() {
            list.sort_by(|a, b| a.0.id.cmp(&b.0.id).then(a.1.from.cmp(&b.1.from)));
        }
        let capped: HashSet<&str> = by_event
            .values()
            .flatten()
            .filter(|(_, p)| p.cap.is_some())
            .map(|(r, _)| r.id.as_str())
            .collect();
        let mut unique: BTreeMap<(&str, Period, &str), Decimal> = BTreeMap::new();
        for t in inputs.targets {
            unique.insert((&t.member, t.period, &t.metric), t.target);
        }
        let mut targets: BTreeMap<NaiveDate, Vec<_>> = BTreeMap::new();
        for ((member, period, metric), target) in unique {
            targets
                .entry(period.end())
                .or_default()
                .push((member, period, metric, target));
        }
        Scorer {
            inputs,
            explain,
            active,
            by_event,
            multipliers,
            capped,
            used: HashMap::default(),
            goals,
            sums: HashMap::default(),
            targets,
            pools: period_end::PoolFill::new(inputs.rules, inputs.members),
            closed: None,
            beyond: Vec::new(),
        }
    }

    /// Scores a batch of activities, each dated after every earlier
    /// batch's: their per-event awards go to `out` (unordered); what they
    /// add to attainment sums and team pools is kept for `close_through`.
    pub fn activities(&mut self, batch: &[Activity], out: &mut Vec<ComputedAward>) {
        for a in batch {
            self.pools.add(a);
            let Some(&member) = self.active.get(a.member.as_str()) else {
                continue;
            };
            for (index, goal) in self.goals.iter().enumerate() {
                // §4.5: a period's sum covers its activities inside the
                // window of any version of the rule.
                if a.kind == goal.metric
                    && goal.versions.iter().any(|(r, _)| r.window_contains(a.date))
                {
                    let s = self
                        .sums
                        .entry((index, member, Period::containing(goal.per, a.date)))
                        .or_default();
                    *s = s.checked_add(a.amount).unwrap_or(*s);
                }
            }
        }
        self.per_event_awards(batch, out);
    }

    /// Gives the attainment, rank and pool awards of the periods whose
    /// last day is on or before `day` (and after the last day closed).
    pub fn close_through(&mut self, day: NaiveDate, out: &mut Vec<ComputedAward>) {
        let after = self.closed;
        self.attainment_awards(after, day, out);
        period_end::awards(self.inputs, &self.pools, after, day, out, &mut self.beyond);
        self.closed = Some(after.map_or(day, |a| a.max(day)));
    }

    fn per_event_awards(&mut self, batch: &[Activity], out: &mut Vec<ComputedAward>) {
        let explain = self.explain;
        let order = self.in_cap_order(batch);
        // Most activities earn under one rule: room for that many up front
        // keeps a year of awards from growing the vector to twice its size.
        out.reserve(order.len());
        for activity in order {
            let Some(&member) = self.active.get(activity.member.as_str()) else {
                continue;
            };
            for (rule, p) in &self.by_event[activity.kind.as_str()] {
                if !rule.window_contains(activity.date) || !matches_when(p, activity) {
                    continue;
                }
                let boosts = self
                    .multipliers
                    .get(rule.id.as_str())
                    .map_or(&[][..], Vec::as_slice);
                let Some((points, mut why)) = per_event_points(rule, p, activity, boosts, explain)
                else {
                    self.beyond.push(crate::msg!(
                        "rules-award-on",
                        rule = rule.id.as_str(),
                        subject = activity.reference.as_str(),
                        member = activity.member.as_str()
                    ));
                    continue;
                };
                let mut points = points;
                // §4.5: the version in force at the activity's date cuts by its
                // own cap, against every award of the rule in that cap period.
                if let Some(cap) = &p.cap
                    && !points.is_negative()
                {
                    let cut = cut_by_cap(&self.used, rule, member, cap, activity, points, &mut why);
                    let Some(cut) = cut else {
                        continue;
                    };
                    points = cut;
                }
                // Every award of a rule that has a cap in any version counts
                // against its budgets, capped or not; a negative one (a refund
                // through per_amount) lowers them.
                if self.capped.contains(rule.id.as_str()) {
                    spend_caps(
                        &mut self.used,
                        rule.id.as_str(),
                        member,
                        activity.date,
                        points,
                    );
                }
                if points.is_zero() {
                    continue;
                }
                out.push(per_event_award(rule, activity, points, why));
            }
        }
    }

    /// The batch's activities some per-event rule may score, in the order
    /// caps count them: (date, ref).
    fn in_cap_order<'b>(&self, batch: &'b [Activity]) -> Vec<&'b Activity> {
        let mut order: Vec<&Activity> = batch
            .iter()
            .filter(|a| {
                self.by_event.contains_key(a.kind.as_str())
                    && self.active.contains(a.member.as_str())
            })
            .collect();
        // Refs are unique, so an unstable sort gives the one order.
        order.sort_unstable_by(|a, b| {
            a.date
                .cmp(&b.date)
                .then_with(|| a.reference.cmp(&b.reference))
        });
        order
    }

    fn attainment_awards(
        &mut self,
        after: Option<NaiveDate>,
        through: NaiveDate,
        out: &mut Vec<ComputedAward>,
    ) {
        if self.goals.is_empty() {
            return;
        }
        let ending = match after {
            Some(a) => self.targets.range((
                std::ops::Bound::Excluded(a),
                std::ops::Bound::Included(through),
            )),
            None => self.targets.range(..=through),
        };
        for &(member, period, metric, target) in ending.flat_map(|(_, list)| list) {
            if !self.active.contains(member)
                || target <= Decimal::ZERO
                || period.start() < self.inputs.from
                || period.end() > self.inputs.to
            {
                continue;
            }
            // §4.5: for each attainment rule of this metric and period kind,
            // the version in force on the period's last day sets tiers and
            // accelerator; the sum covers the period's activities inside the
            // window of any version of the rule that meets the period.
            for (index, goal) in self.goals.iter().enumerate() {
                if goal.metric != metric || goal.per != period.kind() {
                    continue;
                }
                let meets = |r: &RuleVersion| r.window_overlaps(period.start(), period.end());
                let Some((rule, a)) = goal
                    .versions
                    .iter()
                    .find(|(r, _)| meets(r) && r.window_contains(period.end()))
                else {
                    continue;
                };
                let sum = self
                    .sums
                    .get(&(index, member, period))
                    .copied()
                    .unwrap_or_default();
                match attainment_award(rule, a, member, period, sum, target) {
                    Ok(Some(award)) if in_range(award.points).is_some() => out.push(award),
                    Ok(None) => {}
                    // Past ±10^15, or an attainment past what merit's
                    // numbers hold (a target of 10^-24): said, never left out.
                    Ok(Some(_)) | Err(Beyond) => {
                        self.beyond.push(crate::msg!(
                            "rules-award-for",
                            rule = rule.id.as_str(),
                            subject = period.to_string(),
                            member = member
                        ));
                    }
                }
            }
        }
    }
}

fn matches_when(p: &PerEvent, a: &Activity) -> bool {
    p.when
        .iter()
        .all(|(k, v)| a.attrs.get(k) == Some(v.as_str()))
}

/// Cap budgets spent, by rule, member and period.
type Used<'a> = HashMap<(&'a str, &'a str, Period), Decimal>;

/// `points` cut to what is left of `cap` for the rule and member in the
/// activity's cap period (said in `why`); `None` when nothing is left.
fn cut_by_cap(
    used: &Used,
    rule: &RuleVersion,
    member: &str,
    cap: &Cap,
    activity: &Activity,
    points: Points,
    why: &mut Option<Box<explain::PerEvent>>,
) -> Option<Points> {
    let period = Period::containing(cap.per, activity.date);
    let spent = used
        .get(&(rule.id.as_str(), member, period))
        .copied()
        .unwrap_or_default();
    let left = cap.points - spent;
    if left <= Decimal::ZERO {
        return None;
    }
    if points.decimal() <= left {
        return Some(points);
    }
    if let Some(why) = why {
        why.cap = Some(explain::CapCut {
            left,
            cap: cap.points,
            per: cap.per.as_str().to_string(),
            spent,
            period: period.to_string(),
        });
    }
    Some(Points::round(left))
}

/// Counts `points` against the rule's budgets for the member in the
/// month, quarter and year of `date`.
fn spend_caps<'a>(
    used: &mut Used<'a>,
    rule_id: &'a str,
    member: &'a str,
    date: NaiveDate,
    points: Points,
) {
    for kind in [PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Year] {
        let period = Period::containing(kind, date);
        *used.entry((rule_id, member, period)).or_default() += points.decimal();
    }
}

/// The award a per-event rule gives for an activity.
fn per_event_award(
    rule: &RuleVersion,
    activity: &Activity,
    points: Points,
    why: Option<Box<explain::PerEvent>>,
) -> ComputedAward {
    ComputedAward {
        key: AwardKey {
            rule_id: rule.id.clone(),
            member: activity.member.clone(),
            subject: activity.reference.clone(),
        },
        date: activity.date,
        points,
        category: rule.category.clone(),
        explanation: why.map_or(Explanation::Unexplained, Explanation::PerEvent),
        title: String::new(),
    }
}

/// Points of one activity under one rule, after multipliers and rounding,
/// before the cap. `None` when the numbers overflow.
fn per_event_points(
    rule: &RuleVersion,
    p: &PerEvent,
    a: &Activity,
    boosts: &[(&RuleVersion, &Multiplier)],
    explain: bool,
) -> Option<(Points, Option<Box<explain::PerEvent>>)> {
    let mut total = p.points;
    let mut why = explain.then(|| {
        Box::new(explain::PerEvent {
            rule: rule.id.clone(),
            subject: a.reference.clone(),
            date: a.date,
            base: p.points,
            per_amount: None,
            multipliers: Vec::new(),
            rounded: None,
            cap: None,
        })
    });
    if let Some(pa) = &p.per_amount {
        let units = a.amount.checked_div(pa.unit)?.floor();
        total = total.checked_add(units.checked_mul(pa.points)?)?;
        if let Some(why) = &mut why {
            why.per_amount = Some(explain::PerAmount {
                amount: a.amount,
                unit: pa.unit,
                points: pa.points,
                total,
            });
        }
    }
    for (m_rule, m) in boosts {
        if m_rule.window_contains(a.date) && m.from <= a.date && a.date <= m.to {
            total = total.checked_mul(m.factor)?;
            if let Some(why) = &mut why {
                why.multipliers.push(explain::Boost {
                    rule: m_rule.id.clone(),
                    factor: m.factor,
                    total,
                });
            }
        }
    }
    let points = in_range(Points::round(total))?;
    if let Some(why) = &mut why
        && points.decimal() != total
    {
        why.rounded = Some(points.decimal());
    }
    Some((points, why))
}

/// An attainment past what merit's numbers hold: the sum over an absurdly
/// small target, or an accelerator's points past them.
struct Beyond;

/// The attainment award of `member` for `period`: `None` below the lowest
/// tier (or for no points), `Beyond` where the figures overflow.
fn attainment_award(
    rule: &RuleVersion,
    a: &Attainment,
    member: &str,
    period: Period,
    sum: Decimal,
    target: Decimal,
) -> Result<Option<ComputedAward>, Beyond> {
    let attainment = match sum.checked_div(target) {
        Some(a) => a,
        // Refunds over a tiny target: below every tier, no award.
        None if sum.is_sign_negative() => return Ok(None),
        None => return Err(Beyond),
    };
    let Some(tier) = a.tiers.iter().rev().find(|t| t.at <= attainment) else {
        return Ok(None);
    };
    // A share past what a percentage can hold is no award's to pay.
    attainment.checked_mul(Decimal::ONE_HUNDRED).ok_or(Beyond)?;
    let mut total = tier.points;
    let mut why = explain::Attainment {
        rule: rule.id.clone(),
        period: period.to_string(),
        event: a.event.clone(),
        sum,
        target,
        attainment,
        tier_at: tier.at,
        tier_points: tier.points,
        accelerator: None,
    };
    if let Some(acc) = &a.accelerator
        && attainment > acc.above
    {
        let steps = attainment
            .checked_sub(acc.above)
            .and_then(|d| d.checked_mul(Decimal::ONE_HUNDRED))
            .ok_or(Beyond)?
            .floor();
        let extra = steps.checked_mul(acc.points_per_percent).ok_or(Beyond)?;
        total = total.checked_add(extra).ok_or(Beyond)?;
        why.accelerator = Some(explain::Accelerator {
            above: acc.above,
            per_percent: acc.points_per_percent,
            extra,
            total,
        });
    }
    let points = Points::round(total);
    if points.is_zero() {
        return Ok(None);
    }
    Ok(Some(ComputedAward {
        key: AwardKey {
            rule_id: rule.id.clone(),
            member: member.to_string(),
            subject: period.to_string(),
        },
        date: period.end(),
        points,
        category: rule.category.clone(),
        explanation: Explanation::Attainment(Box::new(why)),
        title: String::new(),
    }))
}

#[cfg(test)]
mod tests;
