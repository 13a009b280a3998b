//! The rules that score a period once it has ended, from its approved
//! points (issue 21): `rank` (points and a title for places in the
//! period's standings) and `team_pool` (a team's pool of collaborative
//! activities split among its members by contribution).
//!
//! Both read approved points of the *other* kinds only (per_event,
//! attainment, manual awards and their adjustments): rank and pool awards
//! are left out, so no award depends on itself. A period is scored once
//! it has ended (its last day is before today), by the version of the rule
//! in force on that last day; its awards are dated on that day.
//!
//! Ties: members with equal points share the place and each gets its
//! points and title; the places after them are skipped (competition
//! ranking, as the standings: 1, 2, 2, 4). A pool's shares are exact to
//! 0.01 and sum to the pool: each share is rounded down to the cent, and
//! the cents left over go one each to the largest remainders, equal
//! remainders to the lower member code.

use super::{ComputedAward, Inputs, rank};
use crate::domain::explain::{self, Explanation, PoolBasis};
use crate::domain::{Activity, AwardKey, Member, Period, PeriodKind, Points};
use crate::rules::{PoolSplit, Rank, RuleBody, RuleVersion, TeamPool};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What rank and pool rules read besides the activities.
#[derive(Debug, Clone, Default)]
pub struct Approved {
    /// The day scoring runs: periods ending before it are scored.
    pub today: Option<NaiveDate>,
    /// Approved points of the other kinds, by day, then by member.
    pub by_day: ApprovedByDay,
}

/// Approved points (hundredths) by day and member, held compactly: a
/// year of a large company's approved awards comes to millions of
/// (member, day) pairs, each one number here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApprovedByDay {
    members: Vec<String>,
    index: HashMap<String, u32>,
    days: BTreeMap<NaiveDate, HashMap<u32, i64>>,
}

impl ApprovedByDay {
    /// Adds `cents` to `member`'s approved points on `day`.
    pub fn add(&mut self, member: &str, day: NaiveDate, cents: i64) {
        let i = match self.index.get(member) {
            Some(&i) => i,
            None => {
                let i = self.members.len() as u32;
                self.members.push(member.to_string());
                self.index.insert(member.to_string(), i);
                i
            }
        };
        let sum = self.days.entry(day).or_default().entry(i).or_default();
        *sum = sum.saturating_add(cents);
    }

    /// Each member's approved points in `period`.
    fn in_period(&self, period: Period) -> HashMap<&str, Decimal> {
        // Summed wide: a period's sum of days is exact.
        let mut cents: HashMap<u32, i128> = HashMap::new();
        for on in self
            .days
            .range(period.start()..=period.end())
            .map(|(_, v)| v)
        {
            for (&m, &c) in on {
                *cents.entry(m).or_default() += i128::from(c);
            }
        }
        cents
            .into_iter()
            .map(|(m, c)| {
                let points = Decimal::try_from_i128_with_scale(c, 2).unwrap_or(Decimal::MAX);
                (self.members[m as usize].as_str(), points)
            })
            .collect()
    }
}

impl Approved {
    /// Each member's approved points (of the other kinds) in `period`.
    fn in_period(&self, period: Period) -> HashMap<&str, Decimal> {
        self.by_day.in_period(period)
    }

    fn ended(&self, period: Period) -> bool {
        self.today.is_some_and(|t| period.end() < t)
    }
}

/// The separators a `participants` attribute may use between codes.
const SEPARATORS: &[char] = &[',', ';', '、', '，', '；', ' ', '\t'];

/// The member codes an activity's `participants` attribute lists.
pub fn participants(value: &str) -> impl Iterator<Item = &str> {
    value.split(SEPARATORS).filter(|s| !s.is_empty())
}

/// Every rank and pool award for the inputs' ended periods whose last day
/// is after `after` (when given) and on or before `through`, pools filled
/// from `fill`; an award (or a pool) beyond ±10^15 is named in `beyond`
/// instead.
pub fn awards(
    inputs: &Inputs,
    fill: &PoolFill,
    after: Option<NaiveDate>,
    through: NaiveDate,
    out: &mut Vec<ComputedAward>,
    beyond: &mut Vec<crate::message::Msg>,
) {
    let first = out.len();
    let Some(approved) = inputs.approved else {
        return;
    };
    for (index, (_, versions, kinds)) in fill.rules.iter().enumerate() {
        for &kind in kinds {
            let mut period = Period::containing(kind, inputs.from);
            while period.start() <= inputs.to {
                if period.start() >= inputs.from
                    && period.end() <= inputs.to
                    && after.is_none_or(|a| period.end() > a)
                    && period.end() <= through
                    && approved.ended(period)
                    && let Some(rule) = versions
                        .iter()
                        .find(|r| r.in_force(period.end()) && per(r) == Some(kind))
                {
                    match &rule.body {
                        RuleBody::Rank(r) => rank_awards(inputs, approved, rule, r, period, out),
                        RuleBody::TeamPool(p) => {
                            let empty = BTreeMap::new();
                            let pools = fill.pools.get(&(index, period)).unwrap_or(&empty);
                            pool_awards(inputs, approved, pools, rule, p, period, out, beyond)
                        }
                        _ => {}
                    }
                }
                period = period.next();
            }
        }
    }
    // A share or a place's points beyond ±10^15 stops recalc, as any award.
    let mut kept = first;
    for i in first..out.len() {
        if super::in_range(out[i].points).is_some() {
            out.swap(kept, i);
            kept += 1;
        } else {
            let a = &out[i];
            beyond.push(crate::msg!(
                "rules-award-for",
                rule = a.key.rule_id.as_str(),
                subject = a.key.subject.as_str(),
                member = a.key.member.as_str()
            ));
        }
    }
    out.truncate(kept);
}

fn per(r: &RuleVersion) -> Option<PeriodKind> {
    match &r.body {
        RuleBody::Rank(r) => Some(r.per),
        RuleBody::TeamPool(p) => Some(p.per),
        _ => None,
    }
}

fn award(rule: &RuleVersion, member: &str, period: Period, points: Points) -> ComputedAward {
    ComputedAward {
        key: AwardKey {
            rule_id: rule.id.clone(),
            member: member.to_string(),
            subject: period.to_string(),
        },
        date: period.end(),
        points,
        category: rule.category.clone(),
        explanation: Explanation::Unexplained,
        title: String::new(),
    }
}

fn rank_awards(
    inputs: &Inputs,
    approved: &Approved,
    rule: &RuleVersion,
    r: &Rank,
    period: Period,
    out: &mut Vec<ComputedAward>,
) {
    let points = approved.in_period(period);
    // The groups ranked: the whole company, or each team.
    let mut groups: BTreeMap<&str, Vec<(String, Points)>> = BTreeMap::new();
    for m in inputs.members.iter().filter(|m| m.active) {
        if r.team && m.team.trim().is_empty() {
            continue;
        }
        let group = if r.team { m.team.as_str() } else { "" };
        let p = points.get(m.code.as_str()).copied().unwrap_or_default();
        groups
            .entry(group)
            .or_default()
            .push((m.code.clone(), Points::round(p)));
    }
    for (team, members) in groups {
        let ranked = rank(members);
        let of = ranked.len();
        for line in &ranked {
            let qualifies = match r.min_points {
                Some(min) => line.points.decimal() >= min,
                None => line.points.decimal() > Decimal::ZERO,
            };
            let Some(place) = r.places.iter().find(|p| p.rank as usize == line.rank) else {
                continue;
            };
            if !qualifies {
                continue;
            }
            let sharing: Vec<&str> = ranked
                .iter()
                .filter(|o| o.rank == line.rank && o.who != line.who)
                .map(|o| o.who.as_str())
                .collect();
            let mut a = award(rule, &line.who, period, Points::round(place.points));
            a.explanation = Explanation::Rank(Box::new(explain::Rank {
                rule: rule.id.clone(),
                period: period.to_string(),
                place: line.rank as u64,
                of: of as u64,
                team: r.team.then(|| team.to_string()),
                approved: line.points.decimal(),
                shared_with: sharing.iter().map(|s| s.to_string()).collect(),
                points: a.points.decimal(),
                title: place.title.clone(),
            }));
            a.title = place.title.clone();
            out.push(a);
        }
    }
}

/// One team's pool in one period, as it is filled.
#[derive(Default)]
struct Pool {
    total: Decimal,
    activities: u32,
    /// Pooled activities each member took part in.
    took_part: BTreeMap<String, u32>,
}

/// The pools of every rank-or-pool rule id, filled one activity at a
/// time (in any order), so that a year can be scored a month at a time.
pub struct PoolFill<'a> {
    /// Each rule id scored at a period's end, with its active versions
    /// and the period kinds they score.
    rules: Vec<(&'a str, Vec<&'a RuleVersion>, BTreeSet<PeriodKind>)>,
    /// The team of each active member with one.
    team_of: HashMap<&'a str, &'a str>,
    /// Each team's pool, by rule (its index in `rules`) and period.
    pools: HashMap<(usize, Period), BTreeMap<&'a str, Pool>>,
}

impl<'a> PoolFill<'a> {
    pub fn new(rules: &'a [RuleVersion], members: &'a [Member]) -> PoolFill<'a> {
        let mut ids: Vec<&str> = rules
            .iter()
            .filter(|r| r.active && r.body.is_period_end())
            .map(|r| r.id.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let rules = ids
            .into_iter()
            .map(|id| {
                let versions: Vec<&RuleVersion> =
                    rules.iter().filter(|r| r.id == id && r.active).collect();
                let kinds = versions.iter().filter_map(|r| per(r)).collect();
                (id, versions, kinds)
            })
            .collect();
        let team_of = members
            .iter()
            .filter(|m| m.active && !m.team.trim().is_empty())
            .map(|m| (m.code.as_str(), m.team.as_str()))
            .collect();
        PoolFill {
            rules,
            team_of,
            pools: HashMap::new(),
        }
    }

    /// Pours `a` into the pools its day and kind fill.
    pub fn add(&mut self, a: &Activity) {
        let Some(&team) = self.team_of.get(a.member.as_str()) else {
            return;
        };
        for (index, (_, versions, kinds)) in self.rules.iter().enumerate() {
            // The version in force on the activity's day says whether its
            // kind fills the pool, and by how much.
            let Some(points) = versions.iter().find_map(|v| match &v.body {
                RuleBody::TeamPool(tp) if v.in_force(a.date) && tp.events.contains(&a.kind) => {
                    Some(tp.points)
                }
                _ => None,
            }) else {
                continue;
            };
            for &kind in kinds {
                let period = Period::containing(kind, a.date);
                let pool = self
                    .pools
                    .entry((index, period))
                    .or_default()
                    .entry(team)
                    .or_default();
                pool.total = pool.total.checked_add(points).unwrap_or(Decimal::MAX);
                pool.activities += 1;
                let mut who: BTreeSet<&str> = BTreeSet::new();
                who.insert(a.member.as_str());
                if let Some(list) = a.attrs.get("participants") {
                    for code in participants(list) {
                        if self.team_of.get(code) == Some(&team) {
                            who.insert(code);
                        }
                    }
                }
                for code in who {
                    *pool.took_part.entry(code.to_string()).or_default() += 1;
                }
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn pool_awards(
    inputs: &Inputs,
    approved: &Approved,
    pools: &BTreeMap<&str, Pool>,
    rule: &RuleVersion,
    p: &TeamPool,
    period: Period,
    out: &mut Vec<ComputedAward>,
    beyond: &mut Vec<crate::message::Msg>,
) {
    let approved_points = approved.in_period(period);
    for (&team, pool) in pools {
        let total = Points::round(pool.total);
        let members: Vec<&str> = inputs
            .members
            .iter()
            .filter(|m| m.active && m.team == team)
            .map(|m| m.code.as_str())
            .collect();
        let (weights, equal) = pool_weights(&members, p.split, pool, &approved_points);
        let whole: Decimal = weights.iter().map(|(_, w)| *w).sum();
        let Some(shares) = split(total, &weights) else {
            beyond.push(crate::msg!(
                "rules-award-for-team",
                rule = rule.id.as_str(),
                period = period.to_string(),
                team = team
            ));
            continue;
        };
        for (code, share, weight, extra) in shares {
            if share.is_zero() {
                continue;
            }
            let mut a = award(rule, code, period, share);
            let basis = pool_basis(equal, p.split, weights.len(), weight, whole);
            a.explanation = Explanation::Pool(Box::new(explain::Pool {
                rule: rule.id.clone(),
                period: period.to_string(),
                team: team.to_string(),
                total: total.decimal(),
                activities: u64::from(pool.activities),
                member: code.to_string(),
                basis,
                share: share.decimal(),
                remainder: extra,
            }));
            out.push(a);
        }
    }
}

/// Each member's weight in a team's pool, by the rule's split; when no
/// one contributed at all (`true`), equal shares: a weight of one each.
fn pool_weights<'m>(
    members: &[&'m str],
    how: PoolSplit,
    pool: &Pool,
    approved_points: &HashMap<&str, Decimal>,
) -> (Vec<(&'m str, Decimal)>, bool) {
    let weights: Vec<(&str, Decimal)> = members
        .iter()
        .map(|&code| {
            let w = match how {
                PoolSplit::Activities => {
                    Decimal::from(pool.took_part.get(code).copied().unwrap_or(0))
                }
                PoolSplit::Points => approved_points
                    .get(code)
                    .copied()
                    .unwrap_or_default()
                    .max(Decimal::ZERO),
            };
            (code, w)
        })
        .collect();
    let whole: Decimal = weights.iter().map(|(_, w)| *w).sum();
    // No contribution at all: equal shares.
    let equal = whole.is_zero();
    let weights: Vec<(&str, Decimal)> = if equal {
        members.iter().map(|&c| (c, Decimal::ONE)).collect()
    } else {
        weights
    };
    (weights, equal)
}

/// What a member's share was in proportion to: equal among `members`, or
/// `weight` of `whole` by the rule's split.
fn pool_basis(
    equal: bool,
    how: PoolSplit,
    members: usize,
    weight: Decimal,
    whole: Decimal,
) -> PoolBasis {
    match (equal, how) {
        (true, _) => PoolBasis::Equal {
            members: members as u64,
        },
        (false, PoolSplit::Activities) => PoolBasis::Activities {
            took_part: weight,
            of: whole,
        },
        (false, PoolSplit::Points) => PoolBasis::Points {
            points: weight,
            of: whole,
        },
    }
}

/// Splits `total` by `weights` (not all 0, none below 0, at most two
/// decimals) exactly to the cent, in whole cents: each share rounded
/// down, the cents left one each to the largest remainders, equal
/// remainders to the lower code. Returns (code, share, weight, whether it
/// got a cent of the remainder); `None` when the numbers are beyond what
/// the arithmetic holds.
fn split<'a>(
    total: Points,
    weights: &[(&'a str, Decimal)],
) -> Option<Vec<(&'a str, Points, Decimal, bool)>> {
    use rust_decimal::prelude::ToPrimitive;
    let cents_of = |d: Decimal| (d * Decimal::ONE_HUNDRED).trunc().to_i128();
    let cents = cents_of(total.decimal())?;
    let ws: Vec<i128> = weights
        .iter()
        .map(|(_, w)| cents_of(*w))
        .collect::<Option<_>>()?;
    let whole: i128 = ws.iter().try_fold(0i128, |s, w| s.checked_add(*w))?;
    if whole <= 0 {
        return None;
    }
    // (code, weight, cents given, remainder of the division)
    let mut rows: Vec<(&str, Decimal, i128, i128)> = Vec::with_capacity(ws.len());
    for (&(code, w), &wc) in weights.iter().zip(&ws) {
        let product = cents.checked_mul(wc)?;
        rows.push((code, w, product / whole, product % whole));
    }
    let given: i128 = rows.iter().map(|r| r.2).sum();
    let mut left = cents - given;
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| rows[b].3.cmp(&rows[a].3).then(rows[a].0.cmp(rows[b].0)));
    let mut extra = vec![false; rows.len()];
    for i in order {
        if left <= 0 {
            break;
        }
        rows[i].2 += 1;
        extra[i] = true;
        left -= 1;
    }
    Some(
        rows.into_iter()
            .zip(extra)
            .map(|((code, w, c, _), e)| {
                let share = Points::from_cents(i64::try_from(c).unwrap_or(i64::MAX));
                (code, share, w, e)
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts(s: &str) -> Points {
        Points::parse(s).unwrap()
    }

    #[test]
    fn a_split_sums_exactly_and_gives_the_cents_left_to_the_largest_remainders() {
        let w = |n: i64| Decimal::from(n);
        let got = split(pts("100"), &[("A", w(1)), ("B", w(1)), ("C", w(1))]).unwrap();
        let shares: Vec<(&str, String, bool)> =
            got.iter().map(|r| (r.0, r.1.to_string(), r.3)).collect();
        // 33.333… each: 33.33 each and the one cent left to A (equal
        // remainders: the lower code).
        assert_eq!(
            shares,
            [
                ("A", "33.34".to_string(), true),
                ("B", "33.33".to_string(), false),
                ("C", "33.33".to_string(), false)
            ]
        );
        let got = split(pts("10"), &[("A", w(1)), ("B", w(2)), ("C", w(4))]).unwrap();
        let sum: Points = got.iter().map(|r| r.1).fold(Points::ZERO, |a, b| a + b);
        assert_eq!(sum, pts("10"));
        // 142.857…, 285.714…, 571.428… cents: two cents are left, for
        // the largest remainders, A's (0.857…) and B's (0.714…).
        let shares: Vec<String> = got.iter().map(|r| r.1.to_string()).collect();
        assert_eq!(shares, ["1.43", "2.86", "5.71"]);
    }

    #[test]
    fn participants_are_split_on_commas_semicolons_and_spaces() {
        let got: Vec<&str> = participants("ZW, LN;CX、WF，HM").collect();
        assert_eq!(got, ["ZW", "LN", "CX", "WF", "HM"]);
    }
}
