//! Standings (SPEC §6): order by points descending then code ascending,
//! competition ranking (1, 2, 2, 4).

use crate::domain::Points;

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
}
