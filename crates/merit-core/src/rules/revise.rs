//! Changing a rule from a date on, as new versions: the version in force
//! the day before keeps everything up to then, the new version takes over
//! from the date. What is replaced is kept by the store as history; nothing
//! before the date scores differently.

use super::model::{RuleSet, RuleVersion};
use chrono::NaiveDate;

/// What to do to a rule from a date on.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// This version (its id names the rule; it may be a new rule) is in
    /// force from the date to its own `valid_to`.
    Put(Box<RuleVersion>),
    /// The rule stops applying from the date.
    End,
}

/// The versions a change replaces and the ones it writes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Revision {
    /// Indexes into the set's rules of the versions replaced.
    pub replaced: Vec<usize>,
    /// The versions written in their place.
    pub added: Vec<RuleVersion>,
}

impl Revision {
    pub fn is_empty(&self) -> bool {
        self.replaced.is_empty() && self.added.is_empty()
    }

    /// The rule set after the change: the added versions take the place of
    /// the first replaced one (or go last, for a new rule).
    pub fn apply(&self, set: &RuleSet) -> RuleSet {
        let at = self.replaced.iter().min().copied();
        let mut rules = Vec::with_capacity(set.rules.len() + self.added.len());
        for (i, r) in set.rules.iter().enumerate() {
            if Some(i) == at {
                rules.extend(self.added.iter().cloned());
            }
            if !self.replaced.contains(&i) {
                rules.push(r.clone());
            }
        }
        if at.is_none() {
            rules.extend(self.added.iter().cloned());
        }
        RuleSet {
            settings: set.settings.clone(),
            rules,
        }
    }
}

/// Works out the versions for changing rule `id` from `from` on.
///
/// - versions ending before `from` stay as they are;
/// - the version running across `from` is replaced by a copy ending the
///   day before;
/// - versions starting on or after `from` are replaced when the new
///   version's window covers them (an `End` covers everything after);
/// - `Put` adds its version with `valid_from = from`.
pub fn revise(set: &RuleSet, id: &str, from: NaiveDate, change: Change) -> Revision {
    let new_to = match &change {
        Change::Put(v) => v.valid_to,
        Change::End => None,
    };
    let mut rev = Revision::default();
    for (i, v) in set.rules.iter().enumerate().filter(|(_, v)| v.id == id) {
        if v.valid_to.is_some_and(|t| t < from) {
            continue;
        }
        let starts_before = v.valid_from.is_none_or(|f| f < from);
        if starts_before {
            rev.replaced.push(i);
            rev.added.push(RuleVersion {
                valid_to: from.pred_opt(),
                ..v.clone()
            });
        } else if new_to.is_none_or(|to| v.valid_from.is_none_or(|f| f <= to)) {
            rev.replaced.push(i);
        }
    }
    if let Change::Put(v) = change {
        rev.added.push(RuleVersion {
            id: id.to_string(),
            valid_from: Some(from),
            ..*v
        });
    }
    rev
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{PerEvent, RuleBody};
    use rust_decimal::Decimal;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn version(from: Option<&str>, to: Option<&str>, points: i64) -> RuleVersion {
        RuleVersion {
            id: "deal".into(),
            name: "Deal".into(),
            category: "performance".into(),
            valid_from: from.map(d),
            valid_to: to.map(d),
            active: true,
            body: RuleBody::PerEvent(PerEvent {
                event: "deal_signed".into(),
                points: Decimal::from(points),
                per_amount: None,
                when: Default::default(),
                cap: None,
            }),
        }
    }

    fn set(rules: Vec<RuleVersion>) -> RuleSet {
        RuleSet {
            settings: Default::default(),
            rules,
        }
    }

    fn windows(set: &RuleSet) -> Vec<(Option<NaiveDate>, Option<NaiveDate>)> {
        set.rules
            .iter()
            .map(|r| (r.valid_from, r.valid_to))
            .collect()
    }

    #[test]
    fn a_version_running_across_the_date_is_cut_the_day_before() {
        let set = set(vec![version(Some("2026-01-01"), None, 10)]);
        let rev = revise(
            &set,
            "deal",
            d("2026-04-01"),
            Change::Put(Box::new(version(None, None, 20))),
        );
        assert_eq!(rev.replaced, [0]);
        let after = rev.apply(&set);
        assert_eq!(
            windows(&after),
            [
                (Some(d("2026-01-01")), Some(d("2026-03-31"))),
                (Some(d("2026-04-01")), None)
            ]
        );
    }

    #[test]
    fn a_version_starting_on_the_date_is_replaced_whole() {
        let set = set(vec![version(Some("2026-01-01"), None, 10)]);
        let rev = revise(
            &set,
            "deal",
            d("2026-01-01"),
            Change::Put(Box::new(version(None, None, 20))),
        );
        let after = rev.apply(&set);
        assert_eq!(after.rules.len(), 1);
        assert_eq!(after.rules[0].valid_from, Some(d("2026-01-01")));
    }

    #[test]
    fn later_versions_outside_the_new_window_stay() {
        let set = set(vec![
            version(None, Some("2026-06-30"), 10),
            version(Some("2026-07-01"), None, 30),
        ]);
        let rev = revise(
            &set,
            "deal",
            d("2026-04-01"),
            Change::Put(Box::new(version(None, Some("2026-06-30"), 20))),
        );
        let after = rev.apply(&set);
        assert_eq!(
            windows(&after),
            [
                (None, Some(d("2026-03-31"))),
                (Some(d("2026-04-01")), Some(d("2026-06-30"))),
                (Some(d("2026-07-01")), None)
            ]
        );
    }

    #[test]
    fn ending_cuts_the_running_version_and_drops_later_ones() {
        let set = set(vec![
            version(None, Some("2026-06-30"), 10),
            version(Some("2026-07-01"), None, 30),
        ]);
        let rev = revise(&set, "deal", d("2026-05-01"), Change::End);
        assert_eq!(rev.replaced, [0, 1]);
        let after = rev.apply(&set);
        assert_eq!(windows(&after), [(None, Some(d("2026-04-30")))]);
    }

    #[test]
    fn a_new_rule_goes_last() {
        let set = set(vec![version(None, None, 10)]);
        let mut new = version(None, None, 5);
        new.id = "visit".into();
        let rev = revise(&set, "visit", d("2026-01-01"), Change::Put(Box::new(new)));
        assert!(rev.replaced.is_empty());
        let after = rev.apply(&set);
        assert_eq!(after.rules[1].id, "visit");
    }
}
