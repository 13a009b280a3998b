//! The fields of the rule editor, which follow the rule's kind, and their
//! translation into the TOML table of one `[[rules]]` entry. Validation is
//! not done here: the table goes through the rules parser, exactly as a
//! file given to `rules import`, and its errors come back to the fields by
//! key.

use super::field::{Field, Fields};
pub use super::rule_fields::Kind;
use super::rule_fields::{
    ATTAINMENT, COMMON, ID_HINT, MULTIPLIER, PER_EVENT, RANK, TEAM_POOL, value_of,
};
use crate::rules::{RuleError, RuleVersion};
use toml::{Table, Value};

/// The editor's fields for one rule version.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleForm {
    pub kind: Kind,
    /// Set for a new rule: then `id` is the first field.
    pub new_rule: bool,
    pub active: bool,
    pub fields: Fields,
}

impl RuleForm {
    /// An empty form for a new rule of `kind`.
    pub fn new_rule(kind: Kind) -> RuleForm {
        let mut fields = vec![Field::new("id", "id", ID_HINT)];
        fields.extend(
            Self::layout(kind)
                .iter()
                .map(|&(label, key, hint)| Field::new(label, key, hint)),
        );
        RuleForm {
            kind,
            new_rule: true,
            active: true,
            fields: Fields::new(fields),
        }
    }

    /// A form filled from an existing version.
    pub fn edit(v: &RuleVersion) -> RuleForm {
        let kind = Kind::of(&v.body);
        let fields: Vec<Field> = Self::layout(kind)
            .iter()
            .map(|&(label, key, hint)| {
                let value = super::form_words::shown(key, &value_of(v, key));
                Field::new(label, key, hint).with(value)
            })
            .collect();
        RuleForm {
            kind,
            new_rule: false,
            active: v.active,
            fields: Fields::new(fields),
        }
    }

    fn layout(kind: Kind) -> Vec<(&'static str, &'static str, &'static str)> {
        let own: &[(&str, &str, &str)] = match kind {
            Kind::PerEvent => &PER_EVENT,
            Kind::Attainment => &ATTAINMENT,
            Kind::Multiplier => &MULTIPLIER,
            Kind::Rank => &RANK,
            Kind::TeamPool => &TEAM_POOL,
        };
        COMMON.iter().chain(own).copied().collect()
    }

    /// Whether anything was typed since the form opened.
    pub fn changed(&self) -> bool {
        self.fields.changed()
    }

    pub fn value(&self, key: &str) -> &str {
        self.fields.value(key)
    }

    /// The `[[rules]]` table the fields describe, for rule `id`, and the
    /// problems of the fields' own shorthand (`when`, `tiers`, `rules`).
    pub fn table(&self, id: &str) -> (Table, Vec<RuleError>) {
        let mut t = Table::new();
        let mut errors = Vec::new();
        let text = |s: &str| Value::String(s.to_string());
        t.insert("id".into(), text(id));
        t.insert("kind".into(), text(self.kind.name()));
        if !self.active {
            t.insert("active".into(), Value::Boolean(false));
        }
        for field in self.fields.iter() {
            let v = super::form_words::code(field.key, field.value.trim());
            if v.is_empty() || field.key == "id" {
                continue;
            }
            match field.key {
                "when" => match pairs(v) {
                    Ok(p) => {
                        t.insert("when".into(), Value::Table(p));
                    }
                    Err(e) => errors.push(field_error("when", e)),
                },
                "tiers" => {
                    t.insert("tiers".into(), tiers(v));
                }
                "rules" | "events" => {
                    t.insert(field.key.into(), Value::Array(list(v).map(text).collect()));
                }
                "places" => {
                    t.insert("places".into(), places(v));
                }
                "team" => {
                    let b = match v.to_lowercase().as_str() {
                        "yes" | "y" | "true" | "是" => Value::Boolean(true),
                        "no" | "n" | "false" | "否" => Value::Boolean(false),
                        _ => text(v),
                    };
                    t.insert("team".into(), b);
                }
                key => match key.split_once('.') {
                    Some((outer, inner)) => {
                        let sub = t.entry(outer).or_insert_with(|| Value::Table(Table::new()));
                        if let Value::Table(sub) = sub {
                            sub.insert(inner.into(), text(v));
                        }
                    }
                    None => {
                        t.insert(key.into(), text(v));
                    }
                },
            }
        }
        (t, errors)
    }

    /// The field an error from the rules parser belongs to; `None`: the
    /// rule as a whole.
    pub fn field_of(&self, e: &RuleError) -> Option<usize> {
        let key = e.key.as_deref()?;
        let key = match key {
            // The window starts on the save date; an overlap is about its end.
            "valid_from" => "valid_to",
            "per_amount" => "per_amount.unit",
            "cap" => "cap.points",
            "accelerator" => "accelerator.above",
            k => k,
        };
        let top = key.split(['[', '.']).next().unwrap_or(key);
        self.fields
            .iter()
            .position(|f| f.key == key)
            .or_else(|| self.fields.iter().position(|f| f.key == top))
            .or_else(|| {
                self.fields
                    .iter()
                    .position(|f| f.key.split('.').next() == Some(top))
            })
    }
}

fn field_error(key: &str, message: crate::message::Msg) -> RuleError {
    RuleError {
        line: None,
        rule: None,
        key: Some(key.into()),
        message,
    }
}

/// Items separated by commas (or spaces, when there is no comma).
fn list(v: &str) -> impl Iterator<Item = &str> {
    let comma = v.contains(',');
    v.split(move |c: char| c == ',' || (!comma && c.is_whitespace()))
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// `key=value, key=value` as a table of texts.
fn pairs(v: &str) -> Result<Table, crate::message::Msg> {
    let mut t = Table::new();
    for item in v.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match item.split_once('=') {
            Some((k, val)) if !k.trim().is_empty() => {
                let val = val.trim().trim_matches('"');
                t.insert(k.trim().to_string(), Value::String(val.to_string()));
            }
            _ => return Err(crate::msg!("rules-key-value", item = item)),
        }
    }
    Ok(t)
}

/// The tiers field, `at:points, …`, as the `tiers` array.
fn tiers(v: &str) -> Value {
    let text = |s: &str| Value::String(s.to_string());
    let tiers = list(v)
        .map(|item| {
            let mut tier = Table::new();
            let (at, points) = item.split_once(':').unwrap_or((item, ""));
            tier.insert("at".into(), text(at.trim()));
            if !points.trim().is_empty() {
                tier.insert("points".into(), text(points.trim()));
            }
            Value::Table(tier)
        })
        .collect();
    Value::Array(tiers)
}

/// The places field, `rank:points:title, …`, as the `places` array.
fn places(v: &str) -> Value {
    let text = |s: &str| Value::String(s.to_string());
    let places = list(v)
        .map(|item| {
            let mut place = Table::new();
            let mut parts = item.splitn(3, ':').map(str::trim);
            let rank = parts.next().unwrap_or_default();
            place.insert(
                "rank".into(),
                rank.parse::<i64>()
                    .map_or_else(|_| text(rank), Value::Integer),
            );
            if let Some(points) = parts.next().filter(|p| !p.is_empty()) {
                place.insert("points".into(), text(points));
            }
            if let Some(title) = parts.next().filter(|p| !p.is_empty()) {
                place.insert("title".into(), text(title));
            }
            Value::Table(place)
        })
        .collect();
    Value::Array(places)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{parse_rules, version_from_table};

    const RULES: &str = r#"
[[rules]]
id = "deal"
name = "Signed deal"
category = "performance"
kind = "per_event"
event = "deal"
points = 10
per_amount = { unit = 10000, points = 1 }
when = { tier = "A" }
cap = { points = 200, per = "month" }

[[rules]]
id = "q"
kind = "attainment"
event = "deal"
per = "quarter"
tiers = [ { at = 0.8, points = 30 }, { at = 1.0, points = 60 } ]
accelerator = { above = 1.0, points_per_percent = 2 }

[[rules]]
id = "sprint"
kind = "multiplier"
rules = ["deal"]
factor = 1.5
from = "2026-03-02"
to = "2026-03-08"
"#;

    #[test]
    fn an_unchanged_form_gives_back_the_same_rule() {
        let set = parse_rules(RULES).unwrap();
        for v in &set.rules {
            let form = RuleForm::edit(v);
            assert!(!form.changed());
            let (table, errors) = form.table(&v.id);
            assert!(errors.is_empty());
            assert_eq!(&version_from_table(&table).unwrap(), v);
        }
    }

    #[test]
    fn rank_and_pool_rules_go_through_the_form_unchanged() {
        let set = parse_rules(include_str!(
            "../../../tests/fixtures/period-end/rules.toml"
        ))
        .unwrap();
        for v in &set.rules {
            let form = RuleForm::edit(v);
            let (table, errors) = form.table(&v.id);
            assert!(errors.is_empty());
            assert_eq!(&version_from_table(&table).unwrap(), v);
        }
        let mut form = RuleForm::new_rule(Kind::Rank);
        let places = form.fields.position("places").unwrap();
        form.fields[places].set("1:100:冠军, x:5");
        let (table, _) = form.table("r");
        let errors = version_from_table(&table).unwrap_err();
        let e = errors
            .iter()
            .find(|e| e.key.as_deref() == Some("places[1].rank"));
        assert_eq!(form.field_of(e.unwrap()), Some(places));
    }

    #[test]
    fn parser_errors_land_on_their_fields() {
        let set = parse_rules(RULES).unwrap();
        let mut form = RuleForm::edit(&set.rules[0]);
        form.fields.focus = form.fields.position("points").unwrap();
        let focus = form.fields.focus;
        form.fields[focus].set("ten");
        let (table, _) = form.table("deal");
        let errors = version_from_table(&table).unwrap_err();
        assert_eq!(form.field_of(&errors[0]), Some(form.fields.focus));
    }

    #[test]
    fn shorthand_that_cannot_be_read_says_how_to_write_it() {
        let mut form = RuleForm::new_rule(Kind::PerEvent);
        let when = form.fields.position("when").unwrap();
        form.fields[when].set("tier");
        let (_, errors) = form.table("x");
        assert_eq!(form.field_of(&errors[0]), Some(when));
        assert!(errors[0].message.names("rules-key-value"));
    }
}
