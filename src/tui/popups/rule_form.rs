//! The fields of the rule editor, which follow the rule's kind, and their
//! translation into the TOML table of one `[[rules]]` entry. Validation is
//! not done here: the table goes through the rules parser, exactly as a
//! file given to `rules import`, and its errors come back to the fields by
//! key.

use super::field::{Field, Fields};
use crate::domain::format_decimal;
use crate::rules::{RuleBody, RuleError, RuleVersion};
use rust_decimal::Decimal;
use toml::{Table, Value};

/// A rule kind the editor can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    PerEvent,
    Attainment,
    Multiplier,
    Rank,
    TeamPool,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::PerEvent,
        Kind::Attainment,
        Kind::Multiplier,
        Kind::Rank,
        Kind::TeamPool,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::PerEvent => "per_event",
            Kind::Attainment => "attainment",
            Kind::Multiplier => "multiplier",
            Kind::Rank => "rank",
            Kind::TeamPool => "team_pool",
        }
    }

    /// The key that picks this kind when adding a rule.
    pub fn key(self) -> char {
        match self {
            Kind::PerEvent => 'e',
            Kind::Attainment => 't',
            Kind::Multiplier => 'm',
            Kind::Rank => 'r',
            Kind::TeamPool => 'p',
        }
    }

    fn of(body: &RuleBody) -> Kind {
        match body {
            RuleBody::PerEvent(_) => Kind::PerEvent,
            RuleBody::Attainment(_) => Kind::Attainment,
            RuleBody::Multiplier(_) => Kind::Multiplier,
            RuleBody::Rank(_) => Kind::Rank,
            RuleBody::TeamPool(_) => Kind::TeamPool,
        }
    }
}

const fn f(
    label: &'static str,
    key: &'static str,
    hint: &'static str,
) -> (&'static str, &'static str, &'static str) {
    (label, key, hint)
}

const COMMON: [(&str, &str, &str); 3] = [
    f("name", "name", "what the team sees"),
    f(
        "category",
        "category",
        "performance, customer, growth, penalty…",
    ),
    f("ends", "valid_to", "last day (YYYY-MM-DD); empty: no end"),
];
const PER_EVENT: [(&str, &str, &str); 7] = [
    f("event", "event", "the activity kind, e.g. deal"),
    f(
        "points",
        "points",
        "points per activity; negative: a penalty",
    ),
    f(
        "amount unit",
        "per_amount.unit",
        "with unit points: + floor(amount / unit) × points",
    ),
    f(
        "unit points",
        "per_amount.points",
        "points per whole unit of the amount",
    ),
    f("when", "when", "conditions: key=value, key=value"),
    f(
        "cap points",
        "cap.points",
        "at most this many points per cap period",
    ),
    f("cap per", "cap.per", "month, quarter or year"),
];
const ATTAINMENT: [(&str, &str, &str); 5] = [
    f(
        "event",
        "event",
        "the activity kind whose amounts are summed",
    ),
    f("per", "per", "month, quarter or year"),
    f("tiers", "tiers", "share:points, e.g. 0.8:30, 1.0:60"),
    f(
        "accel above",
        "accelerator.above",
        "e.g. 1.0: extra points above 100%",
    ),
    f(
        "accel pts/%",
        "accelerator.points_per_percent",
        "points per whole percent above",
    ),
];
const MULTIPLIER: [(&str, &str, &str); 4] = [
    f(
        "rules",
        "rules",
        "per_event rule ids, e.g. deal, new-customer",
    ),
    f("factor", "factor", "e.g. 1.5"),
    f("from", "from", "first day of the campaign (YYYY-MM-DD)"),
    f("to", "to", "last day of the campaign (YYYY-MM-DD)"),
];

const RANK: [(&str, &str, &str); 4] = [
    f("per", "per", "month, quarter or year"),
    f(
        "places",
        "places",
        "rank:points:title, e.g. 1:100:月度销售冠军, 2:50",
    ),
    f(
        "by team",
        "team",
        "yes: rank within each team; empty: company",
    ),
    f(
        "min points",
        "min_points",
        "fewest approved points placed; empty: above 0",
    ),
];
const TEAM_POOL: [(&str, &str, &str); 4] = [
    f(
        "events",
        "events",
        "activity kinds, e.g. joint_visit, knowledge_share",
    ),
    f("points", "points", "points into the pool per activity"),
    f("per", "per", "month, quarter or year"),
    f(
        "split by",
        "split",
        "activities (taken part in) or points (approved)",
    ),
];

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
        let mut fields = vec![Field::new("id", "id", "lowercase letters, digits and -")];
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
            .map(|&(label, key, hint)| Field::new(label, key, hint).with(value_of(v, key)))
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
            let v = field.value.trim();
            if v.is_empty() || field.key == "id" {
                continue;
            }
            match field.key {
                "when" => match pairs(v) {
                    Ok(p) => {
                        t.insert("when".into(), Value::Table(p));
                    }
                    Err(e) => errors.push(field_error("when", &e)),
                },
                "tiers" => {
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
                    t.insert("tiers".into(), Value::Array(tiers));
                }
                "rules" | "events" => {
                    t.insert(field.key.into(), Value::Array(list(v).map(text).collect()));
                }
                "places" => {
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
                    t.insert("places".into(), Value::Array(places));
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

fn field_error(key: &str, message: &str) -> RuleError {
    RuleError {
        line: None,
        rule: None,
        key: Some(key.into()),
        message: message.into(),
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
fn pairs(v: &str) -> Result<Table, String> {
    let mut t = Table::new();
    for item in v.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match item.split_once('=') {
            Some((k, val)) if !k.trim().is_empty() => {
                let val = val.trim().trim_matches('"');
                t.insert(k.trim().to_string(), Value::String(val.to_string()));
            }
            _ => return Err(format!("'{item}': write key=value")),
        }
    }
    Ok(t)
}

fn num(d: Decimal) -> String {
    format_decimal(d)
}

/// What a field shows for an existing version.
fn value_of(v: &RuleVersion, key: &str) -> String {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    match (key, &v.body) {
        ("name", _) => v.name.clone(),
        ("category", _) => v.category.clone(),
        ("valid_to", _) => date(v.valid_to),
        ("event", RuleBody::PerEvent(p)) => p.event.clone(),
        ("points", RuleBody::PerEvent(p)) => num(p.points),
        ("per_amount.unit", RuleBody::PerEvent(p)) => p
            .per_amount
            .as_ref()
            .map(|a| num(a.unit))
            .unwrap_or_default(),
        ("per_amount.points", RuleBody::PerEvent(p)) => p
            .per_amount
            .as_ref()
            .map(|a| num(a.points))
            .unwrap_or_default(),
        ("when", RuleBody::PerEvent(p)) => p
            .when
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(", "),
        ("cap.points", RuleBody::PerEvent(p)) => {
            p.cap.as_ref().map(|c| num(c.points)).unwrap_or_default()
        }
        ("cap.per", RuleBody::PerEvent(p)) => p
            .cap
            .as_ref()
            .map(|c| c.per.as_str().to_string())
            .unwrap_or_default(),
        ("event", RuleBody::Attainment(a)) => a.event.clone(),
        ("per", RuleBody::Attainment(a)) => a.per.as_str().to_string(),
        ("tiers", RuleBody::Attainment(a)) => a
            .tiers
            .iter()
            .map(|t| format!("{}:{}", num(t.at), num(t.points)))
            .collect::<Vec<_>>()
            .join(", "),
        ("accelerator.above", RuleBody::Attainment(a)) => a
            .accelerator
            .as_ref()
            .map(|x| num(x.above))
            .unwrap_or_default(),
        ("accelerator.points_per_percent", RuleBody::Attainment(a)) => a
            .accelerator
            .as_ref()
            .map(|x| num(x.points_per_percent))
            .unwrap_or_default(),
        ("rules", RuleBody::Multiplier(m)) => m.rules.join(", "),
        ("factor", RuleBody::Multiplier(m)) => num(m.factor),
        ("from", RuleBody::Multiplier(m)) => m.from.to_string(),
        ("to", RuleBody::Multiplier(m)) => m.to.to_string(),
        ("per", RuleBody::Rank(r)) => r.per.as_str().to_string(),
        ("places", RuleBody::Rank(r)) => r
            .places
            .iter()
            .map(|p| match p.title.as_str() {
                "" => format!("{}:{}", p.rank, num(p.points)),
                t => format!("{}:{}:{t}", p.rank, num(p.points)),
            })
            .collect::<Vec<_>>()
            .join(", "),
        ("team", RuleBody::Rank(r)) => if r.team { "yes" } else { "" }.to_string(),
        ("min_points", RuleBody::Rank(r)) => r.min_points.map(num).unwrap_or_default(),
        ("events", RuleBody::TeamPool(p)) => p.events.join(", "),
        ("points", RuleBody::TeamPool(p)) => num(p.points),
        ("per", RuleBody::TeamPool(p)) => p.per.as_str().to_string(),
        ("split", RuleBody::TeamPool(p)) => p.split.as_str().to_string(),
        _ => String::new(),
    }
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
        assert!(errors[0].message.contains("key=value"));
    }
}
