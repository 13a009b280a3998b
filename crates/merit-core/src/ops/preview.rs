//! The what-if preview of a rule change: a period's standings as the rules
//! in force compute them beside the standings under edited rules. The
//! period's inputs are read once; each edit is scored in memory through
//! `scoring::evaluate`, so the preview can follow the lead's typing.
//!
//! Rules score independently of each other except through multipliers, so
//! an edit re-scores only the rules it touches (and the multipliers that
//! boost them); the other rules' points are kept from the first scoring.
//!
//! Read from a store, "now" is what the standings show with pending awards
//! (`standings --include-pending`: approved and pending, manual ones too,
//! rejected left out), and "edited" is what they show after saving: the
//! recalc that saving runs makes every rule award the rules give, except
//! those a lead rejected and those dated in a closed period, which stay as
//! they are; manual awards stay.

use crate::domain::{
    Activity, AwardKey, AwardKind, ClosedPeriods, Member, Period, PeriodKind, Points, Status,
    Target,
};
use crate::error::Result;
use crate::rules::{RuleBody, RuleVersion};
use crate::scoring::{Approved, Inputs, evaluate_points_checked, rank};
use crate::store::{AwardFilter, Db};
use std::collections::{BTreeSet, HashMap, HashSet};

/// A period's inputs, read once, scored as often as the rules change.
#[derive(Debug, Clone)]
pub struct Preview {
    pub period: Period,
    members: Vec<Member>,
    activities: Vec<Activity>,
    targets: Vec<Target>,
    /// The rules in force.
    rules: Vec<RuleVersion>,
    /// Points in the period under the rules in force, by member.
    before: Vec<(String, Points)>,
    /// The same, by rule id then member.
    before_by_rule: HashMap<String, HashMap<String, Points>>,
    /// What the store holds, when the preview was read from one.
    stored: Option<Stored>,
    /// What rank and pool rules read, when read from a store.
    approved: Option<Approved>,
}

/// The period's awards as stored, as the preview needs them.
#[derive(Debug, Clone, Default)]
struct Stored {
    /// Each member's standing with pending awards: the "now" column.
    now: HashMap<String, Points>,
    /// The part of it that saving re-derives: rule awards and adjustments
    /// (approved or pending) whose key is not frozen.
    settled: HashMap<String, Points>,
    /// Keys saving leaves alone: rejected, or dated in a closed period.
    frozen: HashSet<AwardKey>,
    closed: ClosedPeriods,
}

impl Stored {
    fn read(db: Db, period: Period) -> Result<Stored> {
        let mut s = Stored {
            now: db.points_by_member(period.start(), period.end(), true)?,
            closed: db.closed_periods()?,
            ..Stored::default()
        };
        let awards = db.awards(&AwardFilter {
            from: Some(period.start()),
            to: Some(period.end()),
            kinds: vec![AwardKind::Computed, AwardKind::Adjustment],
            ..AwardFilter::default()
        })?;
        for a in &awards {
            let rejected = a.kind == AwardKind::Computed && a.status == Status::Rejected;
            if rejected || s.closed.covering(a.date).is_some() {
                s.frozen.insert(a.key.clone());
            }
        }
        for a in awards {
            if a.status != Status::Rejected && !s.frozen.contains(&a.key) {
                *s.settled.entry(a.key.member).or_default() += a.points;
            }
        }
        Ok(s)
    }

    /// Whether saving leaves a computed award's key as stored.
    fn keeps(&self, key: &AwardKey, date: chrono::NaiveDate) -> bool {
        self.frozen.contains(key) || self.closed.covering(date).is_some()
    }
}

/// One member's line: points and rank before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewRow {
    pub code: String,
    pub name: String,
    pub before: Points,
    pub after: Points,
    pub rank_before: usize,
    pub rank_after: usize,
}

impl PreviewRow {
    /// Places gained (positive) or lost (negative).
    pub fn places(&self) -> i64 {
        self.rank_before as i64 - self.rank_after as i64
    }
}

/// The standings after, in their new order, with the totals.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comparison {
    pub rows: Vec<PreviewRow>,
    pub total_before: Points,
    pub total_after: Points,
    /// Members whose points change.
    pub changed: usize,
    /// An award the rules would make beyond ±10^15: saving them is refused.
    pub beyond: Option<crate::message::Msg>,
}

impl Preview {
    /// Reads what scoring `period` needs: activities from the start of its
    /// year (caps and attainment periods never cross a year) to its end.
    /// Rank and pool rules score the periods ended before `today`.
    pub fn load(
        db: Db,
        period: Period,
        rules: &[RuleVersion],
        today: chrono::NaiveDate,
    ) -> Result<Preview> {
        let from = Period::containing(PeriodKind::Year, period.start()).start();
        let left_out = super::recalc::period_end_rules(db)?;
        let approved = super::recalc::approved_inputs(db, from, period.end(), today, &left_out)?;
        let targets = db
            .targets()?
            .into_iter()
            .filter(|t| t.period.start() >= from && t.period.end() <= period.end())
            .collect();
        Ok(Preview::build(
            period,
            db.members()?,
            db.activities_between(from, period.end())?,
            targets,
            rules,
            Some(Stored::read(db, period)?),
            Some(approved),
        ))
    }

    /// A preview over inputs already in memory (the benchmark builds them),
    /// with no store: "now" is what the rules in force give.
    pub fn new(
        period: Period,
        members: Vec<Member>,
        activities: Vec<Activity>,
        targets: Vec<Target>,
        rules: &[RuleVersion],
    ) -> Preview {
        Preview::build(period, members, activities, targets, rules, None, None)
    }

    fn build(
        period: Period,
        members: Vec<Member>,
        activities: Vec<Activity>,
        targets: Vec<Target>,
        rules: &[RuleVersion],
        stored: Option<Stored>,
        approved: Option<Approved>,
    ) -> Preview {
        let mut p = Preview {
            period,
            members,
            activities,
            targets,
            rules: rules.to_vec(),
            before: Vec::new(),
            before_by_rule: HashMap::new(),
            stored,
            approved,
        };
        p.before_by_rule = p.points_by_rule(rules).0;
        p.before = match &p.stored {
            Some(st) => p.members_with(|code| st.now.get(code).copied().unwrap_or_default()),
            None => p.totals(&p.before_by_rule),
        };
        p
    }

    /// Every active member with `points` of their code.
    fn members_with(&self, points: impl Fn(&str) -> Points) -> Vec<(String, Points)> {
        self.members
            .iter()
            .filter(|m| m.active)
            .map(|m| (m.code.clone(), points(&m.code)))
            .collect()
    }

    /// Every active member's points in the period under `rules`: with a
    /// store, what its standings with pending awards show once saving has
    /// recalculated.
    pub fn points(&self, rules: &[RuleVersion]) -> Vec<(String, Points)> {
        self.points_checked(rules).0
    }

    /// [`Preview::points`], and what is said of an award beyond ±10^15
    /// the rules would make (which saving them would refuse).
    pub fn points_checked(
        &self,
        rules: &[RuleVersion],
    ) -> (Vec<(String, Points)>, Option<crate::message::Msg>) {
        let touched = touched_rules(&self.rules, rules);
        if touched.is_empty() && self.stored.is_none() {
            return (self.before.clone(), None);
        }
        let mut by_rule: HashMap<String, HashMap<String, Points>> = self
            .before_by_rule
            .iter()
            .filter(|(id, _)| !touched.contains(id.as_str()))
            .map(|(id, m)| (id.clone(), m.clone()))
            .collect();
        let scored: Vec<RuleVersion> = rules
            .iter()
            .filter(|r| touched.contains(r.id.as_str()) || boosts_any(r, &touched))
            .cloned()
            .collect();
        let (scored, beyond) = self.points_by_rule(&scored);
        by_rule.extend(scored);
        (self.totals(&by_rule), beyond)
    }

    /// Each active member's rule points, plus (with a store) what saving
    /// keeps: their standing less the part saving re-derives.
    fn totals(&self, by_rule: &HashMap<String, HashMap<String, Points>>) -> Vec<(String, Points)> {
        let mut sums: HashMap<&str, Points> = HashMap::new();
        for per_member in by_rule.values() {
            for (member, points) in per_member {
                *sums.entry(member.as_str()).or_default() += *points;
            }
        }
        self.members_with(|code| {
            let rules = sums.get(code).copied().unwrap_or_default();
            match &self.stored {
                Some(st) => {
                    let now = st.now.get(code).copied().unwrap_or_default();
                    let settled = st.settled.get(code).copied().unwrap_or_default();
                    now - settled + rules
                }
                None => rules,
            }
        })
    }

    /// Scores `rules` over the inputs: the period's points by rule and member.
    fn points_by_rule(
        &self,
        rules: &[RuleVersion],
    ) -> (
        HashMap<String, HashMap<String, Points>>,
        Option<crate::message::Msg>,
    ) {
        let from = Period::containing(PeriodKind::Year, self.period.start()).start();
        let inputs = Inputs {
            members: &self.members,
            activities: &self.activities,
            targets: &self.targets,
            rules,
            from,
            to: self.period.end(),
            approved: self.approved.as_ref(),
        };
        let mut out: HashMap<String, HashMap<String, Points>> = HashMap::new();
        let (awards, beyond) = evaluate_points_checked(&inputs);
        for award in awards {
            let kept = self
                .stored
                .as_ref()
                .is_some_and(|st| st.keeps(&award.key, award.date));
            if self.period.contains(award.date) && !kept {
                *out.entry(award.key.rule_id)
                    .or_default()
                    .entry(award.key.member)
                    .or_default() += award.points;
            }
        }
        (out, beyond)
    }

    /// The standings under `rules` beside those under the rules in force.
    pub fn compare(&self, rules: &[RuleVersion]) -> Comparison {
        let before_rank: HashMap<String, (usize, Points)> = rank(self.before.iter().cloned())
            .into_iter()
            .map(|r| (r.who, (r.rank, r.points)))
            .collect();
        let names: HashMap<&str, &str> = self
            .members
            .iter()
            .map(|m| (m.code.as_str(), m.name.as_str()))
            .collect();
        let (points, beyond) = self.points_checked(rules);
        let mut out = Comparison {
            beyond,
            ..Comparison::default()
        };
        for r in rank(points) {
            let (rank_before, before) = before_rank.get(&r.who).copied().unwrap_or_default();
            out.total_before += before;
            out.total_after += r.points;
            if before != r.points {
                out.changed += 1;
            }
            out.rows.push(PreviewRow {
                name: names.get(r.who.as_str()).unwrap_or(&"").to_string(),
                code: r.who,
                before,
                after: r.points,
                rank_before,
                rank_after: r.rank,
            });
        }
        out
    }
}

/// The ids of the rules whose awards may differ between `before` and
/// `after`: those whose versions differ, and the rules a changed
/// multiplier boosts (before or after the change).
fn touched_rules(before: &[RuleVersion], after: &[RuleVersion]) -> BTreeSet<String> {
    let versions = |set: &[RuleVersion], id: &str| -> Vec<RuleVersion> {
        set.iter().filter(|r| r.id == id).cloned().collect()
    };
    let ids: BTreeSet<&str> = before.iter().chain(after).map(|r| r.id.as_str()).collect();
    let mut touched = BTreeSet::new();
    for id in ids {
        if versions(before, id) == versions(after, id) {
            continue;
        }
        touched.insert(id.to_string());
        for r in before.iter().chain(after).filter(|r| r.id == id) {
            if let RuleBody::Multiplier(m) = &r.body {
                touched.extend(m.rules.iter().cloned());
            }
        }
    }
    touched
}

/// Whether `r` is a multiplier boosting one of `ids`.
fn boosts_any(r: &RuleVersion, ids: &BTreeSet<String>) -> bool {
    matches!(&r.body, RuleBody::Multiplier(m) if m.rules.iter().any(|id| ids.contains(id)))
}
