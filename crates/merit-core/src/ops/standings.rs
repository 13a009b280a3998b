//! Standings of a period (SPEC §6): every active member, competition
//! ranking, and team totals.

use crate::domain::{Period, Points};
use crate::error::Result;
use crate::scoring::{attainment, rank, team_attainment, team_sums};
use crate::store::Db;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberStanding {
    pub rank: usize,
    pub code: String,
    pub name: String,
    pub team: String,
    pub points: Points,
    /// Titles from rank rules' places in the period, in the order earned.
    pub titles: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamStanding {
    pub rank: usize,
    pub team: String,
    pub points: Points,
}

/// Every active member's points in `period`, ranked.
pub fn member_standings(
    db: Db,
    period: Period,
    include_pending: bool,
) -> Result<Vec<MemberStanding>> {
    let points = db.points_by_member(period.start(), period.end(), include_pending)?;
    let mut titles = titles(db, period, include_pending)?;
    let mut out = standings_of(db, &points)?;
    for s in &mut out {
        s.titles = titles.remove(&s.code).unwrap_or_default();
    }
    Ok(out)
}

/// The titles members hold from rank rules' awards dated in `period`
/// (approved; with `include_pending`, pending too), by member code.
pub fn titles(
    db: Db,
    period: Period,
    include_pending: bool,
) -> Result<HashMap<String, Vec<String>>> {
    let ranks: Vec<String> = db
        .rules()?
        .rules
        .into_iter()
        .filter(|r| matches!(r.body, crate::rules::RuleBody::Rank(_)))
        .map(|r| r.id)
        .collect();
    let ranks: Vec<&str> = ranks.iter().map(String::as_str).collect();
    db.titles(period.start(), period.end(), include_pending, &ranks)
}

/// Every active member ranked by `points`.
fn standings_of(db: Db, points: &HashMap<String, Points>) -> Result<Vec<MemberStanding>> {
    let members: BTreeMap<String, (String, String)> = db
        .members()?
        .into_iter()
        .filter(|m| m.active)
        .map(|m| (m.code, (m.name, m.team)))
        .collect();
    let ranked = rank(
        members
            .keys()
            .map(|code| (code.clone(), points.get(code).copied().unwrap_or_default())),
    );
    Ok(ranked
        .into_iter()
        .map(|r| {
            let (name, team) = members[&r.who].clone();
            MemberStanding {
                rank: r.rank,
                code: r.who,
                name,
                team,
                points: r.points,
                titles: Vec::new(),
            }
        })
        .collect())
}

/// Per member code, points per category.
pub type CategorySplit = HashMap<String, BTreeMap<String, Points>>;

/// Each active member's points in `period` split by rule category (an
/// empty category is `other`): the categories, in order, and per member
/// code the points of each, which sum exactly to the member's standing.
pub fn points_by_category(
    db: Db,
    period: Period,
    include_pending: bool,
) -> Result<(Vec<String>, CategorySplit)> {
    let mut cats = std::collections::BTreeSet::new();
    let mut out: CategorySplit = HashMap::new();
    for ((member, category), p) in
        db.points_by_member_category(period.start(), period.end(), include_pending)?
    {
        let c = if category.trim().is_empty() {
            "other".to_string()
        } else {
            category
        };
        cats.insert(c.clone());
        *out.entry(member).or_default().entry(c).or_default() += p;
    }
    Ok((cats.into_iter().collect(), out))
}

/// Each team's points in `period` split by category: the sums of its
/// active members' splits, so they add up to the team's standing.
pub fn team_points_by_category(
    db: Db,
    period: Period,
    include_pending: bool,
) -> Result<CategorySplit> {
    let (_, by_member) = points_by_category(db, period, include_pending)?;
    let team_of: HashMap<String, String> = db
        .members()?
        .into_iter()
        .filter(|m| m.active)
        .map(|m| (m.code, m.team))
        .collect();
    let mut out = CategorySplit::new();
    for (code, cats) in by_member {
        if let Some(team) = team_of.get(&code) {
            let t = out.entry(team.clone()).or_default();
            for (c, p) in cats {
                *t.entry(c).or_default() += p;
            }
        }
    }
    Ok(out)
}

/// Teams ranked by the sum of their active members' points.
pub fn team_standings(db: Db, period: Period, include_pending: bool) -> Result<Vec<TeamStanding>> {
    let sums = team_sums(
        member_standings(db, period, include_pending)?
            .into_iter()
            .map(|m| (m.team, m.points, Points::ZERO)),
    );
    Ok(rank(sums.into_iter().map(|(t, s)| (t, s.points)))
        .into_iter()
        .map(|r| TeamStanding {
            rank: r.rank,
            team: r.who,
            points: r.points,
        })
        .collect())
}

/// How a rank moved against the previous period of the same kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Movement {
    /// Not on the previous period's board (no approved award there).
    New,
    /// Places gained (positive) or lost (negative).
    Places(i64),
    /// Not on this period's board (no award counted here): tied with
    /// everyone else at nothing, it has no place to move to or from.
    Unranked,
}

impl std::fmt::Display for Movement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Movement::New => f.write_str("new"),
            Movement::Unranked => f.write_str("-"),
            Movement::Places(0) => f.write_str("="),
            Movement::Places(n) if *n > 0 => write!(f, "+{n}"),
            Movement::Places(n) => write!(f, "{n}"),
        }
    }
}

/// One row of the Rankings screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankingRow {
    pub rank: usize,
    pub movement: Movement,
    /// Member code, or the team for team rankings.
    pub who: String,
    /// Member name (empty for teams).
    pub name: String,
    pub team: String,
    /// How many active members the row covers (1 for a member).
    pub members: usize,
    pub points: Points,
    pub pending: Points,
    /// Sum of the target metric's amounts over the target, where a target
    /// for this period exists (the first metric by name if several).
    pub attainment: Option<Decimal>,
    /// Titles from rank rules' places in the period (members only).
    pub titles: Vec<String>,
}

/// Member rankings of `period` with movement, pending points and
/// attainment; ranked by approved points, or with `include_pending` by
/// approved and pending ones (then the previous period's rank counts its
/// pending points too).
pub fn member_rankings(db: Db, period: Period, include_pending: bool) -> Result<Vec<RankingRow>> {
    let now = member_standings(db, period, include_pending)?;
    let prev_period = period.prev();
    let on_board = db.points_by_member(prev_period.start(), prev_period.end(), include_pending)?;
    let prev = standings_of(db, &on_board)?;
    // On a board is having points there: a month's sums keep a member at
    // 0 once their only pending award is rejected, which is no place.
    let prev_rank: BTreeMap<&str, usize> = prev
        .iter()
        .filter(|s| on_board.get(&s.code).is_some_and(|p| !p.is_zero()))
        .map(|s| (s.code.as_str(), s.rank))
        .collect();
    let with_pending = db.points_by_member(period.start(), period.end(), true)?;
    let approved_now = if include_pending {
        db.points_by_member(period.start(), period.end(), false)?
    } else {
        HashMap::new()
    };
    let attainment = attainment_by_member(db, period)?;
    Ok(now
        .iter()
        .map(|s| {
            let total = with_pending.get(&s.code).copied().unwrap_or_default();
            let approved = if include_pending {
                approved_now.get(&s.code).copied().unwrap_or_default()
            } else {
                s.points
            };
            RankingRow {
                rank: s.rank,
                // No points counted here: no place to move to or from.
                movement: if !s.points.is_zero() {
                    movement(prev_rank.get(s.code.as_str()).copied(), s.rank)
                } else {
                    Movement::Unranked
                },
                who: s.code.clone(),
                name: s.name.clone(),
                team: s.team.clone(),
                members: 1,
                points: s.points,
                pending: total - approved,
                attainment: attainment.get(&s.code).copied(),
                titles: s.titles.clone(),
            }
        })
        .collect())
}

/// Team rankings of `period`: sums of the members' rows, attainment over
/// the members that have a target.
pub fn team_rankings(db: Db, period: Period, include_pending: bool) -> Result<Vec<RankingRow>> {
    let members = member_rankings(db, period, include_pending)?;
    let prev: BTreeMap<String, usize> = team_standings(db, period.prev(), include_pending)?
        .into_iter()
        .map(|t| (t.team, t.rank))
        .collect();
    let prev_any = !db
        .points_by_member(period.prev().start(), period.prev().end(), include_pending)?
        .is_empty();
    // A team none of whose members is on this period's board has no move.
    let on_board: std::collections::HashSet<&str> = members
        .iter()
        .filter(|m| m.movement != Movement::Unranked)
        .map(|m| m.team.as_str())
        .collect();
    let sums = team_sums(
        members
            .iter()
            .map(|m| (m.team.clone(), m.points, m.pending)),
    );
    let attained = team_attainment_of(db, period)?;
    let ranked = rank(sums.iter().map(|(t, s)| (t.clone(), s.points)));
    Ok(ranked
        .into_iter()
        .map(|r| {
            let before = prev.get(&r.who).copied().filter(|_| prev_any);
            let attainment = attained.get(&r.who).copied();
            RankingRow {
                rank: r.rank,
                movement: if on_board.contains(r.who.as_str()) {
                    movement(before, r.rank)
                } else {
                    Movement::Unranked
                },
                pending: sums[&r.who].pending,
                members: sums[&r.who].members,
                team: r.who.clone(),
                who: r.who,
                name: String::new(),
                points: r.points,
                attainment,
                titles: Vec::new(),
            }
        })
        .collect())
}

fn movement(before: Option<usize>, now: usize) -> Movement {
    match before {
        None => Movement::New,
        Some(b) => Movement::Places(b as i64 - now as i64),
    }
}

/// Per member with a target for exactly this period (the first metric by
/// name if several): (amount done, target).
fn attainment_parts(db: Db, period: Period) -> Result<BTreeMap<String, (Decimal, Decimal)>> {
    let mut targets: BTreeMap<String, (String, Decimal)> = BTreeMap::new();
    for t in db.targets_of_period(period)? {
        if !t.target.is_zero() {
            targets.entry(t.member).or_insert((t.metric, t.target));
        }
    }
    let mut sums: BTreeMap<String, HashMap<String, Decimal>> = BTreeMap::new();
    let mut out = BTreeMap::new();
    for (member, (metric, target)) in targets {
        if !sums.contains_key(&metric) {
            let done = db.amount_by_member(&metric, period.start(), period.end())?;
            sums.insert(metric.clone(), done);
        }
        let done = sums[&metric].get(&member).copied().unwrap_or_default();
        out.insert(member, (done, target));
    }
    Ok(out)
}

fn attainment_by_member(db: Db, period: Period) -> Result<BTreeMap<String, Decimal>> {
    Ok(attainment_parts(db, period)?
        .into_iter()
        .filter_map(|(m, (done, target))| attainment(done, target).map(|a| (m, a)))
        .collect())
}

/// Per team, the attainment of its active members that have a target.
fn team_attainment_of(db: Db, period: Period) -> Result<BTreeMap<String, Decimal>> {
    let teams: BTreeMap<String, String> = db
        .members()?
        .into_iter()
        .filter(|m| m.active)
        .map(|m| (m.code, m.team))
        .collect();
    Ok(team_attainment(&attainment_parts(db, period)?, &teams))
}
