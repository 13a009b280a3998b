//! Reading and validating the rules TOML of SPEC §4, as a whole: every
//! problem is reported with the rule id and key, and the line it sits on.

use super::model::*;
use crate::domain::{PeriodKind, parse_date, parse_decimal};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use toml::{Table, Value};

/// One problem in a rules file.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleError {
    /// 1-based line in the text, where known.
    pub line: Option<usize>,
    /// The rule id (or `settings`), where known.
    pub rule: Option<String>,
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "{line}: ")?;
        }
        match self.rule.as_deref() {
            Some("settings") => f.write_str("settings: ")?,
            Some(rule) => write!(f, "rule '{rule}': ")?,
            None => {}
        }
        if let Some(key) = &self.key {
            write!(f, "{key}: ")?;
        }
        f.write_str(&self.message)
    }
}

const COMMON_KEYS: &[&str] = &[
    "id",
    "name",
    "kind",
    "category",
    "valid_from",
    "valid_to",
    "active",
];
const PER_EVENT_KEYS: &[&str] = &["event", "points", "per_amount", "when", "cap"];
const ATTAINMENT_KEYS: &[&str] = &["event", "per", "tiers", "accelerator"];
const MULTIPLIER_KEYS: &[&str] = &["rules", "factor", "from", "to"];
const RANK_KEYS: &[&str] = &["per", "places", "team", "min_points"];
const TEAM_POOL_KEYS: &[&str] = &["events", "points", "per", "split"];

/// Parses and validates a whole rules document. On any error, every error
/// found is returned and no rule is.
pub fn parse_rules(text: &str) -> Result<RuleSet, Vec<RuleError>> {
    let table: Table = match text.parse::<Table>() {
        Ok(t) => t,
        Err(e) => {
            let line = e.span().map(|s| line_of_offset(text, s.start));
            let message = e.message().trim().to_string();
            return Err(vec![RuleError {
                line,
                rule: None,
                key: None,
                message: format!("not valid TOML: {message}"),
            }]);
        }
    };
    let locator = Locator::new(text);
    let mut errors = Vec::new();
    let mut set = RuleSet::default();

    for (key, value) in &table {
        match key.as_str() {
            "settings" => match value.as_table() {
                Some(t) => set.settings = read_settings(t, &locator, &mut errors),
                None => errors.push(locator.err(None, None, "settings", "must be a table")),
            },
            "rules" => {}
            // Column maps for CRM exports (`merit import … --map` this file),
            // read by the import, not by the rules.
            "import" if value.is_table() => {}
            other => errors.push(RuleError {
                line: locator.top_key(other),
                rule: None,
                key: Some(other.to_string()),
                message: "unknown key (expected [settings], [[rules]] or [import.*])".into(),
            }),
        }
    }

    let entries: Vec<&Table> = match table.get("rules") {
        None => Vec::new(),
        Some(Value::Array(items)) => {
            let mut v = Vec::new();
            for (i, item) in items.iter().enumerate() {
                match item.as_table() {
                    Some(t) => v.push(t),
                    None => {
                        errors.push(locator.err(Some(i), None, "rules", "must be [[rules]] tables"))
                    }
                }
            }
            v
        }
        Some(_) => {
            errors.push(locator.err(None, None, "rules", "must be [[rules]] tables"));
            Vec::new()
        }
    };

    // Which [[rules]] entry each parsed rule came from, for line numbers.
    let mut entry_of: Vec<usize> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let mut r = Reader {
            table: entry,
            index: i,
            id: None,
            locator: &locator,
            errors: &mut errors,
        };
        if let Some(rule) = r.rule() {
            set.rules.push(rule);
            entry_of.push(i);
        }
    }

    check_versions(&set.rules, &entry_of, &locator, &mut errors);
    check_multipliers(&set.rules, &entry_of, &locator, &mut errors);

    if errors.is_empty() {
        Ok(set)
    } else {
        errors.sort_by_key(|e| e.line.unwrap_or(usize::MAX));
        Err(errors)
    }
}

/// One rule version's keys on their own (a `[[rules]]` entry without its
/// header), with every check that needs no other rule. The checks across
/// rules (overlapping versions, what a multiplier names) are
/// `parse_rules`'s.
pub fn parse_version(body: &str) -> Result<RuleVersion, Vec<RuleError>> {
    let table: Table = body.parse::<Table>().map_err(|e| {
        vec![RuleError {
            line: None,
            rule: None,
            key: None,
            message: format!("not valid TOML: {}", e.message().trim()),
        }]
    })?;
    version_from_table(&table)
}

/// The same, from a table already built (the TUI's rule form builds one).
pub fn version_from_table(table: &Table) -> Result<RuleVersion, Vec<RuleError>> {
    let locator = Locator::new("");
    let mut errors = Vec::new();
    let mut r = Reader {
        table,
        index: 0,
        id: None,
        locator: &locator,
        errors: &mut errors,
    };
    match r.rule() {
        Some(v) if errors.is_empty() => Ok(v),
        _ => Err(errors),
    }
}

fn read_settings(t: &Table, loc: &Locator, errors: &mut Vec<RuleError>) -> Settings {
    let mut s = Settings::default();
    for (k, v) in t {
        match k.as_str() {
            "expire_after_months" => match v.as_integer() {
                Some(n) if (1..=1200).contains(&n) => s.expire_after_months = Some(n as u32),
                _ => errors.push(RuleError {
                    line: loc.settings_key(k),
                    rule: Some("settings".into()),
                    key: Some(k.clone()),
                    message: "must be a whole number of months from 1 to 1200".into(),
                }),
            },
            _ => errors.push(RuleError {
                line: loc.settings_key(k),
                rule: Some("settings".into()),
                key: Some(k.clone()),
                message: "unknown key".into(),
            }),
        }
    }
    s
}

/// Versions of one id: same kind, windows that do not overlap.
fn check_versions(
    rules: &[RuleVersion],
    entry_of: &[usize],
    loc: &Locator,
    errors: &mut Vec<RuleError>,
) {
    let mut by_id: BTreeMap<&str, Vec<(usize, &RuleVersion)>> = BTreeMap::new();
    for (i, r) in rules.iter().enumerate() {
        by_id.entry(&r.id).or_default().push((entry_of[i], r));
    }
    for versions in by_id.values() {
        for (n, (_, a)) in versions.iter().enumerate() {
            for (j, b) in &versions[n + 1..] {
                if a.kind_name() != b.kind_name() {
                    errors.push(loc.err(
                        Some(*j),
                        Some(&b.id),
                        "kind",
                        &format!(
                            "versions of one rule must share a kind ('{}' and '{}')",
                            a.kind_name(),
                            b.kind_name()
                        ),
                    ));
                } else if overlaps(a, b) {
                    errors.push(loc.err(
                        Some(*j),
                        Some(&b.id),
                        "valid_from",
                        "this version's window overlaps another version of the same rule",
                    ));
                }
            }
        }
    }
}

fn overlaps(a: &RuleVersion, b: &RuleVersion) -> bool {
    let a_from = a.valid_from.unwrap_or(NaiveDate::MIN);
    let a_to = a.valid_to.unwrap_or(NaiveDate::MAX);
    b.window_overlaps(a_from, a_to)
}

fn check_multipliers(
    rules: &[RuleVersion],
    entry_of: &[usize],
    loc: &Locator,
    errors: &mut Vec<RuleError>,
) {
    let kinds: HashMap<&str, &str> = rules
        .iter()
        .map(|r| (r.id.as_str(), r.kind_name()))
        .collect();
    for (r, &i) in rules.iter().zip(entry_of) {
        if let RuleBody::Multiplier(m) = &r.body {
            for target in &m.rules {
                match kinds.get(target.as_str()) {
                    None => errors.push(loc.err(Some(i), Some(&r.id), "rules", &format!("names unknown rule '{target}'"))),
                    Some(&"per_event") => {}
                    Some(kind) => errors.push(loc.err(
                        Some(i),
                        Some(&r.id),
                        "rules",
                        &format!("names rule '{target}', a {kind} rule; only per_event rules can be boosted"),
                    )),
                }
            }
        }
    }
}

/// Reads one `[[rules]]` table, pushing errors as it goes.
struct Reader<'a> {
    table: &'a Table,
    index: usize,
    id: Option<String>,
    locator: &'a Locator,
    errors: &'a mut Vec<RuleError>,
}

impl<'a> Reader<'a> {
    fn fail(&mut self, key: &str, message: &str) {
        let e = self
            .locator
            .err(Some(self.index), self.id.as_deref(), key, message);
        self.errors.push(e);
    }

    fn rule(&mut self) -> Option<RuleVersion> {
        let before = self.errors.len();
        let id = match self.table.get("id").and_then(Value::as_str) {
            Some(id) if is_rule_id(id) => id.to_string(),
            Some(id) => {
                let id = id.to_string();
                self.fail(
                    "id",
                    &format!("'{id}' must be lowercase letters, digits and '-'"),
                );
                return None;
            }
            None => {
                self.fail("id", "missing (every rule needs an id)");
                return None;
            }
        };
        self.id = Some(id.clone());
        let kind = self.string("kind", true).unwrap_or_default();
        let allowed: &[&str] = match kind.as_str() {
            "per_event" => PER_EVENT_KEYS,
            "attainment" => ATTAINMENT_KEYS,
            "multiplier" => MULTIPLIER_KEYS,
            "rank" => RANK_KEYS,
            "team_pool" => TEAM_POOL_KEYS,
            "" => &[],
            other => {
                self.fail(
                    "kind",
                    &format!(
                        "unknown kind '{other}' (per_event, attainment, multiplier, rank, team_pool)"
                    ),
                );
                return None;
            }
        };
        for key in self.table.keys() {
            if !COMMON_KEYS.contains(&key.as_str()) && !allowed.contains(&key.as_str()) {
                self.fail(key, &format!("unknown key for a {kind} rule"));
            }
        }
        let name = self.string("name", false).unwrap_or_else(|| id.clone());
        let category = self.string("category", false).unwrap_or_default();
        let valid_from = self.date("valid_from", false);
        let valid_to = self.date("valid_to", false);
        if let (Some(f), Some(t)) = (valid_from, valid_to)
            && f > t
        {
            self.fail("valid_to", "is before valid_from");
        }
        let active = match self.table.get("active") {
            None => true,
            Some(Value::Boolean(b)) => *b,
            Some(_) => {
                self.fail("active", "must be true or false");
                true
            }
        };
        let body = match kind.as_str() {
            "per_event" => self.per_event().map(RuleBody::PerEvent),
            "attainment" => self.attainment().map(RuleBody::Attainment),
            "multiplier" => self.multiplier().map(RuleBody::Multiplier),
            "rank" => self.rank().map(RuleBody::Rank),
            "team_pool" => self.team_pool().map(RuleBody::TeamPool),
            _ => None,
        };
        if self.errors.len() > before {
            return None;
        }
        Some(RuleVersion {
            id,
            name,
            category,
            valid_from,
            valid_to,
            active,
            body: body?,
        })
    }

    fn per_event(&mut self) -> Option<PerEvent> {
        let event = self.string("event", true);
        let points = self.number_in(self.table, "points", "points", false);
        let per_amount = match self.sub_table("per_amount", &["unit", "points"]) {
            Some(t) => {
                let unit = self.number_in(t, "unit", "per_amount.unit", true);
                let p = self.number_in(t, "points", "per_amount.points", true);
                if unit.is_some_and(|u| u <= Decimal::ZERO) {
                    self.fail("per_amount.unit", "must be greater than 0");
                }
                Some(PerAmount {
                    unit: unit?,
                    points: p?,
                })
            }
            None => None,
        };
        if points.is_none() && per_amount.is_none() && !self.table.contains_key("points") {
            self.fail(
                "points",
                "missing (a per_event rule needs points or per_amount)",
            );
        }
        let points = points.unwrap_or_default();
        let mut when = BTreeMap::new();
        match self.table.get("when") {
            None => {}
            Some(Value::Table(t)) => {
                for (k, v) in t {
                    // §4.5: texts, integers (as their decimal text) and
                    // booleans; a float's text would be ambiguous.
                    match v {
                        Value::Float(f) => self.fail(
                            &format!("when.{k}"),
                            &format!(
                                "{f:?} is a float: write \"{f:?}\" in quotes, as the CRM writes it"
                            ),
                        ),
                        _ => match scalar_text(v) {
                            Some(s) => {
                                when.insert(k.clone(), s);
                            }
                            None => self.fail(
                                &format!("when.{k}"),
                                "must be a text, a whole number or a boolean",
                            ),
                        },
                    }
                }
            }
            Some(_) => self.fail("when", "must be a table such as { customer_tier = \"A\" }"),
        }
        let cap = match self.sub_table("cap", &["points", "per"]) {
            Some(t) => {
                let c = self.number_in(t, "points", "cap.points", true);
                if c.is_some_and(|c| c <= Decimal::ZERO) {
                    self.fail("cap.points", "must be greater than 0");
                }
                let per = self.period_kind_in(t, "per", "cap.per");
                let negative = points < Decimal::ZERO
                    || per_amount
                        .as_ref()
                        .is_some_and(|p| p.points < Decimal::ZERO);
                if negative {
                    self.fail("cap", "a rule with negative points cannot have a cap");
                }
                Some(Cap {
                    points: c?,
                    per: per?,
                })
            }
            None => None,
        };
        Some(PerEvent {
            event: event?,
            points,
            per_amount,
            when,
            cap,
        })
    }

    fn attainment(&mut self) -> Option<Attainment> {
        let event = self.string("event", true);
        let per = self.period_kind_in(self.table, "per", "per");
        let mut tiers = Vec::new();
        match self.table.get("tiers") {
            Some(Value::Array(items)) if !items.is_empty() => {
                for (n, item) in items.iter().enumerate() {
                    let key = format!("tiers[{n}]");
                    let Some(t) = item.as_table() else {
                        self.fail(&key, "must be { at = …, points = … }");
                        continue;
                    };
                    for k in t.keys().filter(|k| *k != "at" && *k != "points") {
                        self.fail(&format!("{key}.{k}"), "unknown key");
                    }
                    let at = self.number_in(t, "at", &format!("{key}.at"), true);
                    let points = self.number_in(t, "points", &format!("{key}.points"), true);
                    if at.is_some_and(|a| a < Decimal::ZERO) {
                        self.fail(&format!("{key}.at"), "must not be negative");
                    }
                    if let (Some(at), Some(points)) = (at, points) {
                        if tiers.iter().any(|t: &Tier| t.at == at) {
                            self.fail(&format!("{key}.at"), "two tiers at the same attainment");
                        }
                        tiers.push(Tier { at, points });
                    }
                }
            }
            _ => self.fail(
                "tiers",
                "missing (a list such as [ { at = 1.0, points = 60 } ])",
            ),
        }
        tiers.sort_by_key(|t| t.at);
        let accelerator = match self.sub_table("accelerator", &["above", "points_per_percent"]) {
            Some(t) => {
                let above = self.number_in(t, "above", "accelerator.above", true);
                let ppp = self.number_in(
                    t,
                    "points_per_percent",
                    "accelerator.points_per_percent",
                    true,
                );
                if above.is_some_and(|a| a < Decimal::ZERO) {
                    self.fail("accelerator.above", "must not be negative");
                }
                Some(Accelerator {
                    above: above?,
                    points_per_percent: ppp?,
                })
            }
            None => None,
        };
        Some(Attainment {
            event: event?,
            per: per?,
            tiers,
            accelerator,
        })
    }

    fn multiplier(&mut self) -> Option<Multiplier> {
        let mut rules = Vec::new();
        match self.table.get("rules") {
            Some(Value::Array(items)) if !items.is_empty() => {
                for item in items {
                    match item.as_str() {
                        Some(s) => rules.push(s.to_string()),
                        None => self.fail("rules", "must list rule ids as text"),
                    }
                }
            }
            _ => self.fail("rules", "missing (a list of per_event rule ids)"),
        }
        let factor = self.number_in(self.table, "factor", "factor", true);
        if factor.is_some_and(|f| f <= Decimal::ZERO) {
            self.fail("factor", "must be greater than 0");
        }
        let from = self.date("from", true);
        let to = self.date("to", true);
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            self.fail("to", "is before from");
        }
        Some(Multiplier {
            rules,
            factor: factor?,
            from: from?,
            to: to?,
        })
    }

    fn rank(&mut self) -> Option<Rank> {
        let per = self.period_kind_in(self.table, "per", "per");
        let mut places: Vec<Place> = Vec::new();
        match self.table.get("places") {
            Some(Value::Array(items)) if !items.is_empty() => {
                for (n, item) in items.iter().enumerate() {
                    let key = format!("places[{n}]");
                    let Some(t) = item.as_table() else {
                        self.fail(&key, "must be { rank = 1, points = 100, title = \"…\" }");
                        continue;
                    };
                    for k in t
                        .keys()
                        .filter(|k| !["rank", "points", "title"].contains(&k.as_str()))
                    {
                        self.fail(&format!("{key}.{k}"), "unknown key");
                    }
                    let rank = match t.get("rank") {
                        Some(Value::Integer(i)) if (1..=1000).contains(i) => Some(*i as u32),
                        None => {
                            self.fail(&format!("{key}.rank"), "missing");
                            None
                        }
                        Some(_) => {
                            self.fail(
                                &format!("{key}.rank"),
                                "must be a whole number from 1 to 1000",
                            );
                            None
                        }
                    };
                    let points = self.number_in(t, "points", &format!("{key}.points"), true);
                    if points.is_some_and(|p| p <= Decimal::ZERO) {
                        self.fail(&format!("{key}.points"), "must be greater than 0");
                    }
                    let title = match t.get("title") {
                        None => String::new(),
                        Some(Value::String(s)) if !s.chars().any(crate::text::is_hidden) => {
                            s.trim().to_string()
                        }
                        Some(Value::String(_)) => {
                            self.fail(
                                &format!("{key}.title"),
                                "holds control or hidden characters",
                            );
                            String::new()
                        }
                        Some(_) => {
                            self.fail(&format!("{key}.title"), "must be a text");
                            String::new()
                        }
                    };
                    if let (Some(rank), Some(points)) = (rank, points) {
                        if places.iter().any(|p| p.rank == rank) {
                            self.fail(&format!("{key}.rank"), "two places with the same rank");
                        }
                        places.push(Place {
                            rank,
                            points,
                            title,
                        });
                    }
                }
            }
            _ => self.fail(
                "places",
                "missing (a list such as [ { rank = 1, points = 100, title = \"月度销售冠军\" } ])",
            ),
        }
        places.sort_by_key(|p| p.rank);
        let team = match self.table.get("team") {
            None => false,
            Some(Value::Boolean(b)) => *b,
            Some(_) => {
                self.fail("team", "must be true or false");
                false
            }
        };
        let min_points = self.number_in(self.table, "min_points", "min_points", false);
        Some(Rank {
            per: per?,
            places,
            team,
            min_points,
        })
    }

    fn team_pool(&mut self) -> Option<TeamPool> {
        let mut events = Vec::new();
        match self.table.get("events") {
            Some(Value::Array(items)) if !items.is_empty() => {
                for item in items {
                    match item.as_str() {
                        Some(s) if !s.trim().is_empty() => events.push(s.trim().to_string()),
                        _ => self.fail("events", "must list activity kinds as text"),
                    }
                }
            }
            _ => self.fail(
                "events",
                "missing (a list of activity kinds such as [\"joint_visit\"])",
            ),
        }
        let points = self.number_in(self.table, "points", "points", true);
        if points.is_some_and(|p| p <= Decimal::ZERO) {
            self.fail("points", "must be greater than 0");
        }
        let per = self.period_kind_in(self.table, "per", "per");
        let split = match self.table.get("split") {
            None => Some(PoolSplit::Activities),
            Some(v) => match v.as_str().and_then(PoolSplit::parse) {
                Some(s) => Some(s),
                None => {
                    self.fail("split", "must be \"activities\" or \"points\"");
                    None
                }
            },
        };
        Some(TeamPool {
            events,
            points: points?,
            per: per?,
            split: split?,
        })
    }

    fn string(&mut self, key: &str, required: bool) -> Option<String> {
        match self.table.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            Some(Value::String(_)) if !required => Some(String::new()),
            None if !required => None,
            None => {
                self.fail(key, "missing");
                None
            }
            Some(_) => {
                self.fail(key, "must be a non-empty text");
                None
            }
        }
    }

    fn date(&mut self, key: &str, required: bool) -> Option<NaiveDate> {
        let text = match self.table.get(key) {
            None => {
                if required {
                    self.fail(key, "missing");
                }
                return None;
            }
            Some(Value::String(s)) => s.clone(),
            Some(Value::Datetime(d)) => d.to_string(),
            Some(_) => {
                self.fail(key, "must be a date (YYYY-MM-DD)");
                return None;
            }
        };
        match parse_date(&text) {
            Ok(d) => Some(d),
            Err(e) => {
                self.fail(key, &e);
                None
            }
        }
    }

    fn sub_table(&mut self, key: &str, allowed: &[&str]) -> Option<&'a Table> {
        let table = self.table;
        match table.get(key) {
            None => None,
            Some(Value::Table(t)) => {
                for k in t.keys().filter(|k| !allowed.contains(&k.as_str())) {
                    self.fail(&format!("{key}.{k}"), "unknown key");
                }
                Some(t)
            }
            Some(_) => {
                self.fail(
                    key,
                    &format!("must be a table {{ {} }}", allowed.join(", ")),
                );
                None
            }
        }
    }

    fn number_in(&mut self, t: &Table, key: &str, label: &str, required: bool) -> Option<Decimal> {
        match t.get(key) {
            None => {
                if required {
                    self.fail(label, "missing");
                }
                None
            }
            Some(v) => match value_decimal(v) {
                Ok(d) => Some(d),
                Err(e) => {
                    self.fail(label, &e);
                    None
                }
            },
        }
    }

    fn period_kind_in(&mut self, t: &Table, key: &str, label: &str) -> Option<PeriodKind> {
        match t
            .get(key)
            .and_then(Value::as_str)
            .and_then(PeriodKind::parse)
            // Scoring reads whole years; a week may straddle two.
            .filter(|k| *k != PeriodKind::Week)
        {
            Some(k) => Some(k),
            None => {
                self.fail(label, "must be \"month\", \"quarter\" or \"year\"");
                None
            }
        }
    }
}

fn is_rule_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A TOML number or a numeric string as an exact decimal. Floats go through
/// their shortest text form, so `0.8` is exactly 0.8. Every number is
/// held to the one range (±10^15, `domain::limits`).
fn value_decimal(v: &Value) -> Result<Decimal, String> {
    match v {
        Value::Integer(i) => crate::domain::limits::check_number(Decimal::from(*i), &i.to_string()),
        Value::Float(f) if f.is_finite() => parse_decimal(&f.to_string()),
        Value::String(s) => parse_decimal(s),
        _ => Err("must be a number".into()),
    }
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Integer(i) => Some(i.to_string()),
        Value::Float(f) => Some(f.to_string()),
        Value::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

fn line_of_offset(text: &str, offset: usize) -> usize {
    text.get(..offset).unwrap_or(text).matches('\n').count() + 1
}

/// Finds the line of a key inside the n-th `[[rules]]` entry, by reading
/// the text: good enough for pointing a person at the right place.
struct Locator {
    lines: Vec<String>,
    /// Index into `lines` of each `[[rules]]` header.
    headers: Vec<usize>,
    settings: Option<usize>,
}

impl Locator {
    fn new(text: &str) -> Locator {
        let lines: Vec<String> = text.lines().map(|l| l.trim().to_string()).collect();
        let headers = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.replace(' ', "").starts_with("[[rules]]"))
            .map(|(i, _)| i)
            .collect();
        let settings = lines
            .iter()
            .position(|l| l.replace(' ', "").starts_with("[settings]"));
        Locator {
            lines,
            headers,
            settings,
        }
    }

    fn key_line(&self, from: usize, to: usize, key: &str) -> Option<usize> {
        let top = key.split(['.', '[']).next().unwrap_or(key);
        (from..to.min(self.lines.len()))
            .find(|&i| {
                let l = &self.lines[i];
                l.strip_prefix(top)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
            .map(|i| i + 1)
    }

    fn entry_line(&self, index: Option<usize>, key: &str) -> Option<usize> {
        let index = index?;
        let start = *self.headers.get(index)?;
        let end = self
            .headers
            .get(index + 1)
            .copied()
            .unwrap_or(self.lines.len());
        self.key_line(start, end, key).or(Some(start + 1))
    }

    fn settings_key(&self, key: &str) -> Option<usize> {
        let start = self.settings?;
        let end = self
            .lines
            .iter()
            .enumerate()
            .skip(start + 1)
            .find(|(_, l)| l.starts_with('['))
            .map_or(self.lines.len(), |(i, _)| i);
        self.key_line(start, end, key).or(Some(start + 1))
    }

    fn top_key(&self, key: &str) -> Option<usize> {
        self.lines
            .iter()
            .position(|l| l.starts_with(key) || l.starts_with(&format!("[{key}")))
            .map(|i| i + 1)
    }

    fn err(&self, index: Option<usize>, rule: Option<&str>, key: &str, message: &str) -> RuleError {
        RuleError {
            line: self.entry_line(index, key),
            rule: rule.map(str::to_string),
            key: Some(key.to_string()),
            message: message.to_string(),
        }
    }
}
