//! Standings (SPEC §6): order by points descending then code ascending,
//! competition ranking (1, 2, 2, 4); team sums; attainment of targets.

use crate::domain::Points;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One ranked line: `who` is a member code or a team name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    pub rank: usize,
    pub who: String,
    pub points: Points,
}

/// Ranks `(who, points)` pairs. Equal points share a rank; the next rank
/// skips as many places as were shared.
pub fn rank(entries: impl IntoIterator<Item = (String, Points)>) -> Vec<Ranked> {
    let mut v: Vec<(String, Points)> = entries.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut out: Vec<Ranked> = Vec::with_capacity(v.len());
    for (i, (who, points)) in v.into_iter().enumerate() {
        let rank = match out.last() {
            Some(prev) if prev.points == points => prev.rank,
            _ => i + 1,
        };
        out.push(Ranked { rank, who, points });
    }
    out
}

/// A team's sums over its members' rows: points, pending points, members.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TeamSum {
    pub points: Points,
    pub pending: Points,
    pub members: usize,
}

/// Sums `(team, points, pending)` member rows by team.
pub fn team_sums(
    rows: impl IntoIterator<Item = (String, Points, Points)>,
) -> BTreeMap<String, TeamSum> {
    let mut sums: BTreeMap<String, TeamSum> = BTreeMap::new();
    for (team, points, pending) in rows {
        let e = sums.entry(team).or_default();
        e.points += points;
        e.pending += pending;
        e.members += 1;
    }
    sums
}

/// Attainment: the amount done over the target; `None` without a target
/// above 0.
pub fn attainment(done: Decimal, target: Decimal) -> Option<Decimal> {
    (target > Decimal::ZERO).then(|| done / target)
}

/// A team's attainment: the summed amounts of its members that have a
/// target over their summed targets. `parts`: per member (done, target);
/// `team_of`: each active member's team.
pub fn team_attainment(
    parts: &BTreeMap<String, (Decimal, Decimal)>,
    team_of: &BTreeMap<String, String>,
) -> BTreeMap<String, Decimal> {
    let mut sums: BTreeMap<&str, (Decimal, Decimal)> = BTreeMap::new();
    for (member, (done, target)) in parts {
        if let Some(team) = team_of.get(member) {
            let e = sums.entry(team).or_default();
            e.0 += *done;
            e.1 += *target;
        }
    }
    sums.into_iter()
        .filter_map(|(t, (done, target))| attainment(done, target).map(|a| (t.to_string(), a)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn competition_ranking_shares_and_skips() {
        let p = |c: i64| Points::from_cents(c * 100);
        let r = rank([
            ("B".to_string(), p(5)),
            ("A".to_string(), p(9)),
            ("D".to_string(), p(5)),
            ("C".to_string(), p(1)),
        ]);
        let got: Vec<(usize, &str)> = r.iter().map(|x| (x.rank, x.who.as_str())).collect();
        assert_eq!(got, [(1, "A"), (2, "B"), (2, "D"), (4, "C")]);
    }

    #[test]
    fn teams_sum_their_members_and_attain_over_summed_targets() {
        let p = |c: i64| Points::from_cents(c * 100);
        let sums = team_sums([
            ("East".to_string(), p(10), p(1)),
            ("East".to_string(), p(5), p(0)),
            ("West".to_string(), p(7), p(2)),
        ]);
        assert_eq!(
            sums["East"],
            TeamSum {
                points: p(15),
                pending: p(1),
                members: 2
            }
        );
        let d = |n: i64| Decimal::from(n);
        let parts = BTreeMap::from([
            ("ZW".to_string(), (d(80), d(100))),
            ("LN".to_string(), (d(70), d(100))),
            ("WF".to_string(), (d(5), d(0))),
        ]);
        let team_of = BTreeMap::from([
            ("ZW".to_string(), "East".to_string()),
            ("LN".to_string(), "East".to_string()),
            ("WF".to_string(), "West".to_string()),
        ]);
        let a = team_attainment(&parts, &team_of);
        assert_eq!(a["East"], Decimal::new(75, 2));
        assert!(!a.contains_key("West"), "no target above 0");
    }
}
