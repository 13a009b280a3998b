//! Writing rules back as TOML, in the shape people write them; what this
//! writes, `parse_rules` reads back to the same rules.

use super::model::*;
use crate::domain::format_decimal;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt::Write;

/// The whole rule set as a TOML document.
pub fn export_rules(set: &RuleSet) -> String {
    let mut out = String::new();
    if let Some(n) = set.settings.expire_after_months {
        let _ = writeln!(out, "[settings]\nexpire_after_months = {n}\n");
    }
    for (i, rule) in set.rules.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("[[rules]]\n");
        out.push_str(&rule_body_toml(rule));
    }
    out
}

/// One rule version's keys, without the `[[rules]]` header.
pub fn rule_body_toml(r: &RuleVersion) -> String {
    let mut out = String::new();
    let mut line = |k: &str, v: String| {
        let _ = writeln!(out, "{k} = {v}");
    };
    line("id", text(&r.id));
    line("name", text(&r.name));
    if !r.category.is_empty() {
        line("category", text(&r.category));
    }
    line("kind", text(r.kind_name()));
    if let Some(d) = r.valid_from {
        line("valid_from", date(d));
    }
    if let Some(d) = r.valid_to {
        line("valid_to", date(d));
    }
    if !r.active {
        line("active", "false".into());
    }
    match &r.body {
        RuleBody::PerEvent(p) => per_event_toml(p, &mut line),
        RuleBody::Attainment(a) => attainment_toml(a, &mut line),
        RuleBody::Multiplier(m) => {
            let ids: Vec<String> = m.rules.iter().map(|s| text(s)).collect();
            line("rules", format!("[{}]", ids.join(", ")));
            line("factor", number(m.factor));
            line("from", date(m.from));
            line("to", date(m.to));
        }
        RuleBody::Rank(r) => rank_toml(r, &mut line),
        RuleBody::TeamPool(t) => {
            let kinds: Vec<String> = t.events.iter().map(|s| text(s)).collect();
            line("events", format!("[{}]", kinds.join(", ")));
            line("points", number(t.points));
            line("per", text(t.per.as_str()));
            line("split", text(t.split.as_str()));
        }
    }
    out
}

/// A per-event rule's keys.
fn per_event_toml(p: &PerEvent, line: &mut impl FnMut(&str, String)) {
    line("event", text(&p.event));
    line("points", number(p.points));
    if let Some(pa) = &p.per_amount {
        line(
            "per_amount",
            format!(
                "{{ unit = {}, points = {} }}",
                number(pa.unit),
                number(pa.points)
            ),
        );
    }
    if !p.when.is_empty() {
        let pairs: Vec<String> = p
            .when
            .iter()
            .map(|(k, v)| format!("{} = {}", key(k), text(v)))
            .collect();
        line("when", format!("{{ {} }}", pairs.join(", ")));
    }
    if let Some(c) = &p.cap {
        line(
            "cap",
            format!(
                "{{ points = {}, per = {} }}",
                number(c.points),
                text(c.per.as_str())
            ),
        );
    }
}

/// An attainment rule's keys.
fn attainment_toml(a: &Attainment, line: &mut impl FnMut(&str, String)) {
    line("event", text(&a.event));
    line("per", text(a.per.as_str()));
    let tiers: Vec<String> = a
        .tiers
        .iter()
        .map(|t| format!("{{ at = {}, points = {} }}", number(t.at), number(t.points)))
        .collect();
    line("tiers", format!("[ {} ]", tiers.join(", ")));
    if let Some(acc) = &a.accelerator {
        line(
            "accelerator",
            format!(
                "{{ above = {}, points_per_percent = {} }}",
                number(acc.above),
                number(acc.points_per_percent)
            ),
        );
    }
}

/// A rank rule's keys.
fn rank_toml(r: &Rank, line: &mut impl FnMut(&str, String)) {
    line("per", text(r.per.as_str()));
    let places: Vec<String> = r
        .places
        .iter()
        .map(|p| {
            let title = if p.title.is_empty() {
                String::new()
            } else {
                format!(", title = {}", text(&p.title))
            };
            format!(
                "{{ rank = {}, points = {}{title} }}",
                p.rank,
                number(p.points)
            )
        })
        .collect();
    line("places", format!("[{}]", places.join(", ")));
    if r.team {
        line("team", "true".into());
    }
    if let Some(m) = r.min_points {
        line("min_points", number(m));
    }
}

fn text(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn date(d: NaiveDate) -> String {
    text(&d.format("%Y-%m-%d").to_string())
}

fn key(k: &str) -> String {
    let bare = !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if bare { k.to_string() } else { text(k) }
}

/// A TOML number when it reads back exactly, else a quoted decimal.
fn number(d: Decimal) -> String {
    let s = format_decimal(d);
    if !s.contains('.') {
        if s.parse::<i64>().is_ok() {
            return s;
        }
    } else if s.parse::<f64>().is_ok_and(|f| f.to_string() == s) {
        return s;
    }
    text(&s)
}
