//! A period's points week by week (issue 41): for every member, the points
//! of each ISO week that meets the period, counted as standings count them
//! (approved awards dated in the period; with pending, pending ones too),
//! so a member's weeks add up exactly to their standing. One grouped query
//! for the whole period serves every member: the site's member pages, its
//! board, and the Rankings pane's sparkline all read it.

use crate::domain::{Period, PeriodKind, Points};
use crate::error::Result;
use crate::store::Db;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// One week of a period: its ISO week, and the days of it inside the
/// period (the first and last weeks may be cut by the period's edges).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Week {
    /// `Period::Week`.
    pub week: Period,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Every member's points per week of one period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WeeklyPoints {
    /// The weeks that meet the period, in order.
    pub weeks: Vec<Week>,
    /// Per member code, points per week (as many as `weeks`); a member
    /// with no award in the period is absent.
    by_member: HashMap<String, Vec<Points>>,
}

impl WeeklyPoints {
    /// The weeks of `member`: zeros where there is nothing.
    pub fn of(&self, member: &str) -> Vec<Points> {
        self.by_member
            .get(member)
            .cloned()
            .unwrap_or_else(|| vec![Points::ZERO; self.weeks.len()])
    }

    /// The weeks of several members added up (a team's).
    pub fn sum_of<'a>(&self, members: impl IntoIterator<Item = &'a str>) -> Vec<Points> {
        let mut out = vec![Points::ZERO; self.weeks.len()];
        for m in members {
            if let Some(weeks) = self.by_member.get(m) {
                for (sum, p) in out.iter_mut().zip(weeks) {
                    *sum += *p;
                }
            }
        }
        out
    }

    /// Per team, the weeks of its active members added up: what team
    /// standings sum.
    pub fn by_team(&self, db: Db) -> Result<HashMap<String, Vec<Points>>> {
        let mut teams: HashMap<String, Vec<String>> = HashMap::new();
        for m in db.members()?.into_iter().filter(|m| m.active) {
            teams.entry(m.team).or_default().push(m.code);
        }
        Ok(teams
            .into_iter()
            .map(|(team, codes)| {
                let weeks = self.sum_of(codes.iter().map(String::as_str));
                (team, weeks)
            })
            .collect())
    }
}

/// The weeks that meet `period`, each cut to the period's days.
pub fn weeks_of(period: Period) -> Vec<Week> {
    let (start, end) = (period.start(), period.end());
    let mut out = Vec::new();
    let mut monday = monday_of(start);
    while monday <= end {
        let sunday = monday + chrono::Days::new(6);
        out.push(Week {
            week: Period::containing(PeriodKind::Week, monday),
            from: monday.max(start),
            to: sunday.min(end),
        });
        match monday.checked_add_days(chrono::Days::new(7)) {
            Some(next) => monday = next,
            None => break,
        }
    }
    out
}

fn monday_of(day: NaiveDate) -> NaiveDate {
    let back = u64::from(day.weekday().num_days_from_monday());
    day.checked_sub_days(chrono::Days::new(back)).unwrap_or(day)
}

/// Every member's points per week of `period` (approved; with
/// `include_pending`, pending too), in one query for every member.
pub fn weekly_points(db: Db, period: Period, include_pending: bool) -> Result<WeeklyPoints> {
    let weeks = weeks_of(period);
    let monday = monday_of(period.start());
    let mut by_member =
        db.points_by_member_week(period.start(), period.end(), monday, include_pending)?;
    for points in by_member.values_mut() {
        points.resize(weeks.len(), Points::ZERO);
    }
    Ok(WeeklyPoints { weeks, by_member })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::domain::parse_date(s).unwrap()
    }

    #[test]
    fn the_weeks_of_a_quarter_are_cut_at_its_edges() {
        let weeks = weeks_of(Period::parse("2026-Q1").unwrap());
        // 2026-01-01 is a Thursday (W01); 2026-03-31 a Tuesday (W14).
        assert_eq!(weeks.len(), 14);
        assert_eq!(weeks[0].week.to_string(), "2026-W01");
        assert_eq!(
            (weeks[0].from, weeks[0].to),
            (d("2026-01-01"), d("2026-01-04"))
        );
        assert_eq!(weeks[13].week.to_string(), "2026-W14");
        assert_eq!(
            (weeks[13].from, weeks[13].to),
            (d("2026-03-30"), d("2026-03-31"))
        );
        let days: i64 = weeks.iter().map(|w| (w.to - w.from).num_days() + 1).sum();
        assert_eq!(days, 90);
    }

    #[test]
    fn a_week_is_its_own_only_week_and_a_year_has_fifty_two_or_three() {
        let w = weeks_of(Period::parse("2026-W48").unwrap());
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].week.to_string(), "2026-W48");
        // 2026-01-01 (Thu) to 2026-12-31 (Thu): W01 to W53.
        assert_eq!(weeks_of(Period::parse("2026").unwrap()).len(), 53);
        // 2025-12-29 is in 2026-W01: the year 2025 ends in a cut week.
        let y = weeks_of(Period::parse("2025").unwrap());
        assert_eq!(y.last().unwrap().week.to_string(), "2026-W01");
        assert_eq!(y.last().unwrap().to, d("2025-12-31"));
    }
}
