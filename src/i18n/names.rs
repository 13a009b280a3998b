//! Rules named for people (issue 40): a Chinese page, table or screen
//! names a rule by its name, not by the id a user types. The name is the
//! one of the version in force on the day, else of the rule's last
//! version; a rule with no name, or gone from the rules, keeps its id.
//! English keeps the ids it always showed (its goldens are byte for
//! byte), so the names are read only for another language.

use super::Lang;
use crate::domain::explain::{AdjustWhy, Explanation};
use crate::error::Result;
use crate::ops::statement::Statement;
use crate::rules::RuleSet;
use crate::store::Db;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Each rule's name by id; empty (every rule by its id) in English.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleNames(HashMap<String, String>);

impl RuleNames {
    /// The names of `set`'s rules on `day`.
    pub fn of_set(set: &RuleSet, day: NaiveDate) -> RuleNames {
        let mut names: HashMap<String, (bool, String)> = HashMap::new();
        for v in &set.rules {
            let name = v.name.trim();
            if name.is_empty() {
                continue;
            }
            let in_force = v.in_force(day);
            match names.get(&v.id) {
                // A version in force wins over one that is not; among
                // equals the later one.
                Some((true, _)) if !in_force => {}
                _ => {
                    names.insert(v.id.clone(), (in_force, name.to_string()));
                }
            }
        }
        RuleNames(names.into_iter().map(|(id, (_, n))| (id, n)).collect())
    }

    /// The names people read in `lang` on `day`: the store's rules' for a
    /// language other than English, none (the ids) for English.
    pub fn read(db: Db, lang: Lang, day: NaiveDate) -> Result<RuleNames> {
        Ok(match lang {
            Lang::En => RuleNames::default(),
            _ => {
                let mut names = RuleNames::of_set(&db.rules()?, day);
                // Manual awards' rule is merit's own `manual`: said as the
                // kind it is, unless a rule of the team is called so.
                names
                    .0
                    .entry("manual".to_string())
                    .or_insert_with(|| super::t_in(lang, "manual").to_string());
                names
            }
        })
    }

    /// The rule's name, or its id.
    pub fn name<'a>(&'a self, id: &'a str) -> &'a str {
        self.0.get(id).map_or(id, String::as_str)
    }

    /// The ids of the rules whose names contain `text` (letters' case
    /// ignored), in order: what a filter of the screen finds by name.
    pub fn ids_named_like(&self, text: &str) -> Vec<String> {
        let text = text.trim().to_lowercase();
        if text.is_empty() {
            return Vec::new();
        }
        let mut ids: Vec<String> = self
            .0
            .iter()
            .filter(|(_, name)| name.to_lowercase().contains(&text))
            .map(|(id, _)| id.clone())
            .collect();
        ids.sort();
        ids
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `s` with the rules of its progress by their names (its lines keep
    /// their ids: their explanations are worded from them).
    pub fn progress(&self, s: &Statement) -> Statement {
        let mut s = s.clone();
        for p in &mut s.progress {
            p.rule = self.name(&p.rule).to_string();
        }
        s
    }

    /// `e` with every rule it names by its name.
    pub fn explanation(&self, e: &Explanation) -> Explanation {
        if self.is_empty() {
            return e.clone();
        }
        let n = |id: &String| self.name(id).to_string();
        let mut e = e.clone();
        match &mut e {
            Explanation::Unexplained | Explanation::Manual { .. } => {}
            Explanation::PerEvent(p) => {
                p.rule = n(&p.rule);
                for m in &mut p.multipliers {
                    m.rule = n(&m.rule);
                }
            }
            Explanation::Attainment(a) => a.rule = n(&a.rule),
            Explanation::Rank(r) => r.rule = n(&r.rule),
            Explanation::Pool(p) => p.rule = n(&p.rule),
            Explanation::Adjustment(a) => {
                a.rule = n(&a.rule);
                if let AdjustWhy::Recomputed { computed } = &mut a.why {
                    **computed = self.explanation(computed);
                }
            }
        }
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_in_force_names_the_rule_and_a_gone_rule_keeps_its_id() {
        let set = crate::rules::parse_rules(
            r#"
[[rules]]
id = "visit"
name = "客户拜访（旧）"
category = "客户"
valid_to = 2026-06-30
kind = "per_event"
event = "visit"
points = 2

[[rules]]
id = "visit"
name = "客户拜访"
category = "客户"
valid_from = 2026-07-01
kind = "per_event"
event = "visit"
points = 3
"#,
        )
        .unwrap();
        let day = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
        assert_eq!(RuleNames::of_set(&set, day(8)).name("visit"), "客户拜访");
        assert_eq!(
            RuleNames::of_set(&set, day(3)).name("visit"),
            "客户拜访（旧）"
        );
        assert_eq!(RuleNames::of_set(&set, day(8)).name("gone"), "gone");
    }
}
