//! Reading one `[[rules]]` table: the keys every rule has, the kind that
//! picks which others are allowed, and the typed values (texts, dates,
//! numbers, periods, sub-tables) the kinds are read with.

use super::RuleError;
use super::locate::Locator;
use crate::domain::{PeriodKind, parse_date, parse_decimal};
use crate::message::Msg;
use crate::msg;
use crate::rules::model::*;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use toml::{Table, Value};

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

/// Reads one `[[rules]]` table, pushing errors as it goes.
pub(super) struct Reader<'a> {
    pub(super) table: &'a Table,
    pub(super) index: usize,
    pub(super) id: Option<String>,
    pub(super) locator: &'a Locator,
    pub(super) errors: &'a mut Vec<RuleError>,
    /// Text a person gives (a rules file, the editor), held to the checks
    /// later versions added (no hidden characters in a name, category or
    /// event; an id of at most `RULE_ID_MAX`); text read back from the
    /// store is read as an earlier merit wrote it.
    pub(super) strict: bool,
}

impl<'a> Reader<'a> {
    pub(super) fn fail(&mut self, key: &str, message: Msg) {
        let e = self
            .locator
            .err(Some(self.index), self.id.as_deref(), key, message);
        self.errors.push(e);
    }

    pub(super) fn rule(&mut self) -> Option<RuleVersion> {
        let before = self.errors.len();
        let id = match self.table.get("id").and_then(Value::as_str) {
            Some(id) if is_rule_id(id) && (!self.strict || id.len() <= RULE_ID_MAX) => {
                id.to_string()
            }
            Some(id) => {
                let id = crate::text::truncate(id, 40);
                self.fail("id", msg!("rules-id-shape", id = id));
                return None;
            }
            None => {
                self.fail("id", msg!("rules-id-missing"));
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
                self.fail("kind", msg!("rules-unknown-kind", kind = other));
                return None;
            }
        };
        for key in self.table.keys() {
            if !COMMON_KEYS.contains(&key.as_str()) && !allowed.contains(&key.as_str()) {
                self.fail(key, msg!("rules-unknown-key-for-kind", kind = &kind));
            }
        }
        // A blank name (spaces, U+3000) is no name: the id stands for it.
        let name = self
            .string("name", false)
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| id.clone());
        let category = self.string("category", false).unwrap_or_default();
        let valid_from = self.date("valid_from", false);
        let valid_to = self.date("valid_to", false);
        if let (Some(f), Some(t)) = (valid_from, valid_to)
            && f > t
        {
            self.fail("valid_to", msg!("value-is-before", key = "valid_from"));
        }
        let active = match self.table.get("active") {
            None => true,
            Some(Value::Boolean(b)) => *b,
            Some(_) => {
                self.fail("active", msg!("rules-must-be-true-or-false"));
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

    /// A text of one line, as a screen shows it: control and hidden
    /// characters are refused (a NUL, which PostgreSQL cannot store; a
    /// line end that would break a table's row).
    pub(super) fn string(&mut self, key: &str, required: bool) -> Option<String> {
        match self.table.get(key) {
            Some(Value::String(s)) if self.strict && s.chars().any(crate::text::is_hidden) => {
                self.fail(key, msg!("rules-hidden-characters"));
                None
            }
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            Some(Value::String(_)) if !required => Some(String::new()),
            None if !required => None,
            None => {
                self.fail(key, msg!("rules-missing"));
                None
            }
            Some(_) => {
                self.fail(key, msg!("rules-must-be-non-empty-text"));
                None
            }
        }
    }

    pub(super) fn date(&mut self, key: &str, required: bool) -> Option<NaiveDate> {
        let text = match self.table.get(key) {
            None => {
                if required {
                    self.fail(key, msg!("rules-missing"));
                }
                return None;
            }
            Some(Value::String(s)) => s.clone(),
            Some(Value::Datetime(d)) => d.to_string(),
            Some(_) => {
                self.fail(key, msg!("rules-must-be-date"));
                return None;
            }
        };
        match parse_date(&text) {
            Ok(d) => Some(d),
            Err(e) => {
                self.fail(key, e);
                None
            }
        }
    }

    pub(super) fn sub_table(&mut self, key: &str, allowed: &[&str]) -> Option<&'a Table> {
        let table = self.table;
        match table.get(key) {
            None => None,
            Some(Value::Table(t)) => {
                for k in t.keys().filter(|k| !allowed.contains(&k.as_str())) {
                    self.fail(&format!("{key}.{k}"), msg!("rules-unknown-key"));
                }
                Some(t)
            }
            Some(_) => {
                self.fail(
                    key,
                    msg!("rules-must-be-table-of", keys = allowed.join(", ")),
                );
                None
            }
        }
    }

    pub(super) fn number_in(
        &mut self,
        t: &Table,
        key: &str,
        label: &str,
        required: bool,
    ) -> Option<Decimal> {
        match t.get(key) {
            None => {
                if required {
                    self.fail(label, msg!("rules-missing"));
                }
                None
            }
            Some(v) => match value_decimal(v) {
                Ok(d) => Some(d),
                Err(e) => {
                    self.fail(label, e);
                    None
                }
            },
        }
    }

    pub(super) fn period_kind_in(
        &mut self,
        t: &Table,
        key: &str,
        label: &str,
    ) -> Option<PeriodKind> {
        match t
            .get(key)
            .and_then(Value::as_str)
            .and_then(PeriodKind::parse)
            // Scoring reads whole years; a week may straddle two.
            .filter(|k| *k != PeriodKind::Week)
        {
            Some(k) => Some(k),
            None => {
                self.fail(label, msg!("rules-must-be-period-kind"));
                None
            }
        }
    }
}

/// The longest rule id: a key of awards and of their index (PostgreSQL's
/// index rows hold at most 2 704 bytes).
pub const RULE_ID_MAX: usize = 64;

fn is_rule_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A TOML number or a numeric string as an exact decimal. Floats go through
/// their shortest text form, so `0.8` is exactly 0.8. Every number is
/// held to the one range (±10^15, `domain::limits`).
fn value_decimal(v: &Value) -> Result<Decimal, Msg> {
    match v {
        Value::Integer(i) => crate::domain::limits::check_number(Decimal::from(*i), &i.to_string()),
        Value::Float(f) if f.is_finite() => parse_decimal(&f.to_string()),
        Value::String(s) => parse_decimal(s),
        _ => Err(msg!("rules-must-be-number")),
    }
}

pub(super) fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Integer(i) => Some(i.to_string()),
        Value::Float(f) => Some(f.to_string()),
        Value::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}
