//! Reading and validating the rules TOML of SPEC §4, as a whole: every
//! problem is reported with the rule id and key, and the line it sits on.

mod kinds;
mod locate;
mod reader;

use super::model::*;
use crate::message::Msg;
use crate::msg;
use chrono::NaiveDate;
use locate::{Locator, line_of_offset};
use reader::Reader;
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
    /// What is wrong.
    pub message: Msg,
}

impl RuleError {
    /// The problem without its line: `rule 'id': key: what`.
    pub fn placed(&self) -> Msg {
        let mut m = self.message.clone();
        if let Some(key) = &self.key {
            m = crate::domain::input::field(key, m);
        }
        match self.rule.as_deref() {
            Some("settings") => msg!("rules-in-settings", problem = m),
            Some(rule) => msg!("rules-in-rule", rule = rule, problem = m),
            None => m,
        }
    }

    /// The problem with its line, if known: `3: rule 'id': key: what`.
    pub fn to_msg(&self) -> Msg {
        match self.line {
            Some(line) => msg!("rules-at-line", line = line, problem = self.placed()),
            None => self.placed(),
        }
    }

    /// The problem in the file `file`: `file:3: rule 'id': key: what`.
    pub fn in_file(&self, file: &str) -> Msg {
        match self.line {
            Some(line) => crate::domain::input::at_line(file, line as u64, self.placed()),
            None => crate::domain::input::in_file(file, self.placed()),
        }
    }
}

/// The message's id and arguments, for logs and tests.
impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.to_msg().fmt(f)
    }
}

/// Parses and validates a whole rules document a person gives (a rules
/// file). On any error, every error found is returned and no rule is.
pub fn parse_rules(text: &str) -> Result<RuleSet, Vec<RuleError>> {
    parse_rules_as(text, true)
}

/// `parse_rules` for the rules the store holds: read as the merit that
/// wrote them checked them (a store of an earlier version stays readable
/// when a later one checks more of what it takes).
pub fn parse_stored_rules(text: &str) -> Result<RuleSet, Vec<RuleError>> {
    parse_rules_as(text, false)
}

/// The keys whose values the rules read as numbers (`Reader::number_in`).
const NUMBER_KEYS: &[&str] = &[
    "points",
    "unit",
    "at",
    "above",
    "points_per_percent",
    "factor",
    "min_points",
];

/// The rules' text with each TOML float of a number key quoted as it is
/// written, so that it is read as the exact decimal its text says
/// (`points = 1000000000000000.01` went through a binary float, came out
/// 10^15 and passed the range check; `123456789.123456789` came out
/// `123456789.12345679`). An exponent is written out digit for digit
/// (`8e-1` is `0.8`). `inf` and `nan` stay floats (refused as numbers), as
/// does a float anywhere else: under a text key (an event, a name: refused
/// as text) or in a `when` table (refused there, SPEC §4.5). Lines stay
/// where they were.
fn floats_as_written(text: &str) -> std::borrow::Cow<'_, str> {
    use toml::de::{DeTable, DeValue};
    type Span = std::ops::Range<usize>;
    fn walk(v: &DeValue<'_>, span: Span, key: Option<&str>, when: bool, out: &mut Vec<Span>) {
        match v {
            DeValue::Float(_) if !when && key.is_some_and(|k| NUMBER_KEYS.contains(&k)) => {
                out.push(span)
            }
            DeValue::Table(t) => {
                for (k, v) in t.iter() {
                    let k = k.get_ref().as_ref();
                    walk(v.get_ref(), v.span(), Some(k), when || k == "when", out);
                }
            }
            DeValue::Array(a) => {
                for v in a.iter() {
                    walk(v.get_ref(), v.span(), None, when, out);
                }
            }
            _ => {}
        }
    }
    let Ok(doc) = DeTable::parse(text) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let mut spans = Vec::new();
    for (k, v) in doc.get_ref().iter() {
        let k = k.get_ref().as_ref();
        walk(v.get_ref(), v.span(), Some(k), k == "when", &mut spans);
    }
    spans.sort_by_key(|s| s.start);
    let mut out = String::with_capacity(text.len() + 2 * spans.len());
    let mut at = 0;
    for span in spans {
        let Some(raw) = text.get(span.clone()) else {
            continue;
        };
        let Some(exact) = decimal_text(&raw.replace('_', "")) else {
            continue;
        };
        out.push_str(&text[at..span.start]);
        out.push('"');
        out.push_str(&exact);
        out.push('"');
        at = span.end;
    }
    if at == 0 {
        return std::borrow::Cow::Borrowed(text);
    }
    out.push_str(&text[at..]);
    std::borrow::Cow::Owned(out)
}

/// A TOML float's text (underscores gone) as a plain decimal, digit for
/// digit: `8e-1` is `0.8`, `1.5E+3` is `1500`; `None` for `inf`, `nan` and
/// an exponent past a thousand places.
fn decimal_text(s: &str) -> Option<String> {
    let (mantissa, exponent) = match s.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i64>().ok().filter(|e| e.abs() <= 1000)?),
        None => (s, 0),
    };
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa.strip_prefix('+').unwrap_or(mantissa)),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int}{frac}");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let point = int.len() as i64 + exponent;
    let len = digits.len() as i64;
    let plain = if point <= 0 {
        format!("0.{}{digits}", "0".repeat((-point) as usize))
    } else if point >= len {
        format!("{digits}{}", "0".repeat((point - len) as usize))
    } else {
        format!(
            "{}.{}",
            &digits[..point as usize],
            &digits[point as usize..]
        )
    };
    Some(format!("{sign}{plain}"))
}

fn parse_rules_as(text: &str, strict: bool) -> Result<RuleSet, Vec<RuleError>> {
    let text = floats_as_written(text);
    let text = text.as_ref();
    let table: Table = match text.parse::<Table>() {
        Ok(t) => t,
        Err(e) => {
            let line = e.span().map(|s| line_of_offset(text, s.start));
            let error = e.message().trim().to_string();
            return Err(vec![RuleError {
                line,
                rule: None,
                key: None,
                message: msg!("rules-not-toml", error = error),
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
                None => {
                    errors.push(locator.err(None, None, "settings", msg!("rules-must-be-table")))
                }
            },
            "rules" => {}
            // Column maps for CRM exports (`merit import … --map` this file),
            // read by the import, not by the rules.
            "import" if value.is_table() => {}
            other => errors.push(RuleError {
                line: locator.top_key(other),
                rule: None,
                key: Some(other.to_string()),
                message: msg!("rules-unknown-top-key"),
            }),
        }
    }

    let entries = rule_entries(&table, &locator, &mut errors);

    // Which [[rules]] entry each parsed rule came from, for line numbers.
    let mut entry_of: Vec<usize> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let mut r = Reader {
            table: entry,
            index: i,
            id: None,
            locator: &locator,
            errors: &mut errors,
            strict,
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

/// The `[[rules]]` tables of a document; anything else there is an error.
fn rule_entries<'t>(
    table: &'t Table,
    locator: &Locator,
    errors: &mut Vec<RuleError>,
) -> Vec<&'t Table> {
    match table.get("rules") {
        None => Vec::new(),
        Some(Value::Array(items)) => {
            let mut v = Vec::new();
            for (i, item) in items.iter().enumerate() {
                match item.as_table() {
                    Some(t) => v.push(t),
                    None => errors.push(locator.err(
                        Some(i),
                        None,
                        "rules",
                        msg!("rules-must-be-rules-tables"),
                    )),
                }
            }
            v
        }
        Some(_) => {
            errors.push(locator.err(None, None, "rules", msg!("rules-must-be-rules-tables")));
            Vec::new()
        }
    }
}

/// One stored rule version's keys on their own (a `[[rules]]` entry
/// without its header), with every check that needs no other rule, as
/// `parse_stored_rules` reads them. The checks across rules (overlapping
/// versions, what a multiplier names) are `parse_rules`'s.
pub fn parse_version(body: &str) -> Result<RuleVersion, Vec<RuleError>> {
    let body = floats_as_written(body);
    let table: Table = body.parse::<Table>().map_err(|e| {
        vec![RuleError {
            line: None,
            rule: None,
            key: None,
            message: msg!("rules-not-toml", error = e.message().trim()),
        }]
    })?;
    version_from_table_as(&table, false)
}

/// One version from a table a person filled (the TUI's rule form builds
/// one), held to every check `parse_rules` makes of one rule.
pub fn version_from_table(table: &Table) -> Result<RuleVersion, Vec<RuleError>> {
    version_from_table_as(table, true)
}

fn version_from_table_as(table: &Table, strict: bool) -> Result<RuleVersion, Vec<RuleError>> {
    let locator = Locator::new("");
    let mut errors = Vec::new();
    let mut r = Reader {
        table,
        index: 0,
        id: None,
        locator: &locator,
        errors: &mut errors,
        strict,
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
            // A whole number, or its text (as every rule number may be).
            "expire_after_months" => match v
                .as_integer()
                .or_else(|| v.as_str().and_then(|s| s.trim().parse::<i64>().ok()))
            {
                Some(n) if (1..=1200).contains(&n) => s.expire_after_months = Some(n as u32),
                _ => errors.push(RuleError {
                    line: loc.settings_key(k),
                    rule: Some("settings".into()),
                    key: Some(k.clone()),
                    message: msg!("rules-expire-months"),
                }),
            },
            _ => errors.push(RuleError {
                line: loc.settings_key(k),
                rule: Some("settings".into()),
                key: Some(k.clone()),
                message: msg!("rules-unknown-key"),
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
                        msg!(
                            "rules-versions-share-kind",
                            kind = a.kind_name(),
                            other = b.kind_name()
                        ),
                    ));
                } else if overlaps(a, b) {
                    errors.push(loc.err(
                        Some(*j),
                        Some(&b.id),
                        "valid_from",
                        msg!("rules-window-overlaps"),
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
                    None => errors.push(loc.err(
                        Some(i),
                        Some(&r.id),
                        "rules",
                        msg!("rules-names-unknown-rule", rule = target),
                    )),
                    Some(&"per_event") => {}
                    Some(kind) => errors.push(loc.err(
                        Some(i),
                        Some(&r.id),
                        "rules",
                        msg!("rules-names-not-per-event", rule = target, kind = *kind),
                    )),
                }
            }
        }
    }
}
