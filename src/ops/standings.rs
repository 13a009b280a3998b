//! Standings of a period (SPEC §6): every active member, competition
//! ranking, and team totals.

use crate::domain::{Period, Points};
use crate::error::Result;
use crate::scoring::rank;
use crate::store::Db;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberStanding {
    pub rank: usize,
    pub code: String,
    pub name: String,
    pub team: String,
    pub points: Points,
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
            }
        })
        .collect())
}

/// Teams ranked by the sum of their active members' points.
pub fn team_standings(db: Db, period: Period, include_pending: bool) -> Result<Vec<TeamStanding>> {
    let mut teams: BTreeMap<String, Points> = BTreeMap::new();
    for m in member_standings(db, period, include_pending)? {
        *teams.entry(m.team).or_default() += m.points;
    }
    Ok(rank(teams)
        .into_iter()
        .map(|r| TeamStanding {
            rank: r.rank,
            team: r.who,
            points: r.points,
        })
        .collect())
}
