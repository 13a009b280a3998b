//! Scoring a scope a month at a time: the year's awards computed through
//! `scoring::Scorer`, kept to the scope, with awards of one key merged.

use super::{Month, Take, approved_inputs};
use crate::domain::{Period, PeriodKind};
use crate::error::{Error, Result};
use crate::scoring::{ComputedAward, Inputs, Scorer, evaluate_checked, sort_awards};
use chrono::{Datelike, NaiveDate};
use std::collections::HashSet;

/// Computes the awards of the year covering `scope` (of the `only` rules,
/// when given), kept to `scope`, with rank and pool awards for the periods
/// ended before `today`, and hands them to `take` a month at a time: a
/// month of activities is held, not a year (issue 24). Caps, attainment
/// sums and pools run on from month to month (`scoring::Scorer`), so the
/// awards are those `evaluate` gives for the whole year.
pub fn compute_by_month(
    db: crate::store::Db,
    scope: Period,
    today: NaiveDate,
    only: Option<&[String]>,
    take: &mut Take,
) -> Result<()> {
    let from = Period::containing(PeriodKind::Year, scope.start()).start();
    let to = Period::containing(PeriodKind::Year, scope.end()).end();
    let members = db.members()?;
    let mut targets = Vec::new();
    for year in from.year()..=to.year() {
        targets.extend(db.targets_of_year(year)?);
    }
    targets.retain(|t| t.period.start() >= from && t.period.end() <= to);
    let mut rules = db.rules()?;
    if let Some(only) = only {
        rules.rules.retain(|r| only.contains(&r.id));
    }
    let period_end: Vec<String> = rules
        .rules
        .iter()
        .filter(|r| r.body.is_period_end())
        .map(|r| r.id.clone())
        .collect();
    let approved = if period_end.is_empty() {
        None
    } else {
        Some(approved_inputs(db, from, to, today, &period_end)?)
    };
    let mut inputs = Inputs {
        members: &members,
        activities: &[],
        targets: &targets,
        rules: &rules.rules,
        from,
        to,
        approved: approved.as_ref(),
    };
    let checked = |beyond: &[crate::message::Msg]| match beyond.first() {
        Some(what) => Err(Error::bad_input([crate::scoring::beyond_range(what)])),
        None => Ok(()),
    };
    if keys_may_cross_months(&rules.rules) {
        // One rule id both per event and at a period's end: a key could
        // come up in two months, so the year is scored whole.
        let activities = db.activities_between(from, to)?;
        inputs.activities = &activities;
        let mut awards = evaluate_checked(&inputs).map_err(|e| Error::bad_input([e]))?;
        awards.retain(|a| scope.contains(a.date));
        merge_same_keys(&mut awards);
        take(&mut Month {
            awards,
            worded: None,
        })?;
        return Ok(());
    }
    let mut scorer = Scorer::new(&inputs, true);
    let mut month = Period::containing(PeriodKind::Month, from);
    // Months after the scope change nothing in it.
    while month.start() <= to.min(scope.end()) {
        let activities = db.activities_between(month.start(), month.end())?;
        // About an award an activity: room made once, not doubled into.
        let mut awards = Vec::with_capacity(activities.len());
        scorer.activities(&activities, &mut awards);
        drop(activities);
        scorer.close_through(month.end(), &mut awards);
        checked(&scorer.beyond)?;
        awards.retain(|a| scope.contains(a.date));
        sort_awards(&mut awards);
        merge_same_keys(&mut awards);
        take(&mut Month {
            awards,
            worded: None,
        })?;
        month = month.next();
    }
    Ok(())
}

/// Whether a rule id has versions that score per event and versions that
/// score a period: only then could one key (rule, member, subject) be
/// given on days in two months. Every other key has one date: an
/// activity's (its ref is the subject) or a period's last day.
fn keys_may_cross_months(rules: &[crate::rules::RuleVersion]) -> bool {
    use crate::rules::RuleBody;
    let mut per_event: HashSet<&str> = HashSet::new();
    let mut per_period: HashSet<&str> = HashSet::new();
    for r in rules {
        match &r.body {
            RuleBody::PerEvent(_) => per_event.insert(r.id.as_str()),
            RuleBody::Attainment(_) | RuleBody::Rank(_) | RuleBody::TeamPool(_) => {
                per_period.insert(r.id.as_str())
            }
            RuleBody::Multiplier(_) => false,
        };
    }
    per_event.intersection(&per_period).next().is_some()
}

/// Two awards with one key (rules do not give that, but the store must not
/// depend on it) become one: the later one's figures at the earlier one's
/// place, which is what writing the first and then updating it with the
/// second leaves. A first recalc can then build the unique key index at
/// the end instead of checking every award against it.
fn merge_same_keys(all: &mut Vec<ComputedAward>) {
    // Rules give each key once: a hash set says so without sorting a
    // year of keys.
    let mut keys = rustc_hash::FxHashSet::default();
    keys.reserve(all.len());
    if all.iter().all(|a| keys.insert(&a.key)) {
        return;
    }
    drop(keys);
    let mut by_key: Vec<u32> = (0..all.len() as u32).collect();
    by_key.sort_unstable_by(|&a, &b| {
        all[a as usize]
            .key
            .cmp(&all[b as usize].key)
            .then(a.cmp(&b))
    });
    let mut gone = Vec::new();
    let mut i = 0;
    while i < by_key.len() {
        let first = by_key[i] as usize;
        let mut j = i + 1;
        while j < by_key.len() && all[by_key[j] as usize].key == all[first].key {
            j += 1;
        }
        if j > i + 1 {
            let last = by_key[j - 1] as usize;
            let later = all[last].clone();
            all[first] = later;
            gone.extend(by_key[i + 1..j].iter().map(|&k| k as usize));
        }
        i = j;
    }
    if !gone.is_empty() {
        gone.sort_unstable();
        let mut k = 0;
        let mut index = 0;
        all.retain(|_| {
            let keep = gone.get(k) != Some(&index);
            if !keep {
                k += 1;
            }
            index += 1;
            keep
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AwardKey, Points};

    fn award(subject: &str, day: u32, points: i64) -> ComputedAward {
        ComputedAward {
            key: AwardKey {
                rule_id: "deal".into(),
                member: "ZW".into(),
                subject: subject.into(),
            },
            date: NaiveDate::from_ymd_opt(2026, 1, day).unwrap(),
            points: Points::from_cents(points * 100),
            category: String::new(),
            explanation: crate::domain::Explanation::Manual {
                reason: format!("{subject} {points}"),
            },
            title: String::new(),
        }
    }

    #[test]
    fn same_keys_become_one_with_the_later_figures_at_the_earlier_place() {
        let mut all = vec![
            award("D-1", 1, 5),
            award("D-2", 2, 7),
            award("D-1", 3, 9),
            award("D-3", 4, 1),
            award("D-1", 5, 11),
        ];
        merge_same_keys(&mut all);
        let got: Vec<(String, u32, String)> = all
            .iter()
            .map(|a| (a.key.subject.clone(), a.date.day(), a.explanation.english()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("D-1".into(), 5, "manual: D-1 11".into()),
                ("D-2".into(), 2, "manual: D-2 7".into()),
                ("D-3".into(), 4, "manual: D-3 1".into()),
            ]
        );
    }
}
