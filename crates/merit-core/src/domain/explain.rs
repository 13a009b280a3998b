//! Explanations as data (issue 40): how an award's points came about, as
//! the scorer, recalc and a manual award build it — figures, not words.
//! The store keeps it beside the award as JSON, without what the award's
//! own columns say (its rule, subject, member and date: `to_stored_json`,
//! `from_stored_json`); its English rendering (`Display`) is what the
//! ledger's `explanation` column prints, byte for byte as merit wrote it
//! before explanations were data; the fronts word it in the reader's
//! language.

use crate::domain::{AwardKey, format_decimal};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How an award's points came about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Explanation {
    /// Not explained: a preview, which needs only the points.
    #[default]
    Unexplained,
    /// A `per_event` rule's points for one activity.
    PerEvent(Box<PerEvent>),
    /// An `attainment` rule's points for a period's share of a target.
    Attainment(Box<Attainment>),
    /// A `rank` rule's points for a place in a period's standings.
    Rank(Box<Rank>),
    /// A share of a `team_pool` rule's pool.
    Pool(Box<Pool>),
    /// A manual award: the lead's reason.
    Manual { reason: String },
    /// An adjustment of an approved award.
    Adjustment(Box<Adjustment>),
}

/// One activity under a `per_event` rule: fixed points, the per-amount
/// part, each multiplier in turn, the rounding and the cap's cut.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PerEvent {
    pub rule: String,
    /// The activity's ref.
    pub subject: String,
    #[serde(with = "as_text")]
    pub date: NaiveDate,
    /// The rule's fixed points.
    pub base: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_amount: Option<PerAmount>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub multipliers: Vec<Boost>,
    /// The points once rounded, when rounding changed them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounded: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<CapCut>,
}

/// `floor(amount / unit) × points`, and the total with the base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PerAmount {
    pub amount: Decimal,
    pub unit: Decimal,
    pub points: Decimal,
    pub total: Decimal,
}

/// A multiplier that boosted the points, and the total after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Boost {
    pub rule: String,
    pub factor: Decimal,
    pub total: Decimal,
}

/// The points cut to what was `left` of the cap of `cap` per `per`
/// (`month`, `quarter`, `year`), `spent` already used in `period`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapCut {
    pub left: Decimal,
    pub cap: Decimal,
    pub per: String,
    pub spent: Decimal,
    pub period: String,
}

/// A period's sum of a metric against its target, the tier reached and
/// the accelerator beyond it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attainment {
    pub rule: String,
    pub period: String,
    /// The metric (activity kind) summed.
    pub event: String,
    pub sum: Decimal,
    pub target: Decimal,
    /// `sum / target`.
    pub attainment: Decimal,
    /// The tier's threshold (a share: 1.0 is 100%) and points.
    pub tier_at: Decimal,
    pub tier_points: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accelerator: Option<Accelerator>,
}

/// `floor((attainment − above) × 100) × per_percent = extra`; `total`
/// the tier's points and the extra.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accelerator {
    pub above: Decimal,
    pub per_percent: Decimal,
    pub extra: Decimal,
    pub total: Decimal,
}

/// A place in a period's standings (of the company, or of `team`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rank {
    pub rule: String,
    pub period: String,
    pub place: u64,
    /// How many were ranked.
    pub of: u64,
    /// The team ranked within; `None`: the whole company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// The member's approved points (rank and pool awards left out).
    pub approved: Decimal,
    /// The others sharing the place.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared_with: Vec<String>,
    /// The place's points.
    pub points: Decimal,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
}

/// A member's share of a team's pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pool {
    pub rule: String,
    pub period: String,
    pub team: String,
    /// The pool, and the pooled activities that filled it.
    pub total: Decimal,
    pub activities: u64,
    pub member: String,
    pub basis: PoolBasis,
    pub share: Decimal,
    /// Whether the share got a cent of the remainder.
    #[serde(default)]
    pub remainder: bool,
}

/// What a pool's share is in proportion to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum PoolBasis {
    /// No contribution at all: equal shares among the team's members.
    Equal { members: u64 },
    /// Took part in `took_part` of the pooled activities' `of`
    /// participations.
    Activities { took_part: Decimal, of: Decimal },
    /// `points` of the team's `of` approved points.
    Points { points: Decimal, of: Decimal },
}

/// An approved award's points brought to what the rules now give: `now`
/// on the adjustment's date, `approved` so far, the `difference`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adjustment {
    pub rule: String,
    pub subject: String,
    pub now: Decimal,
    pub approved: Decimal,
    pub difference: Decimal,
    pub why: AdjustWhy,
}

/// Why an approved award is adjusted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum AdjustWhy {
    /// The rules now compute it so.
    Recomputed { computed: Box<Explanation> },
    /// Its activity moved here from that date.
    MovedHere {
        #[serde(with = "as_text")]
        from: NaiveDate,
    },
    /// Its activity moved to that date.
    MovedTo {
        #[serde(with = "as_text")]
        to: NaiveDate,
    },
    /// The rules no longer give it.
    NoLongerComputed,
}

impl Explanation {
    /// As stored beside the award.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// An explanation stored by `to_json`; `None` when it is not one
    /// (written by a later merit, say): the English text is shown then.
    pub fn from_json(text: &str) -> Option<Explanation> {
        serde_json::from_str(text).ok()
    }

    /// The English text (`Display`).
    pub fn english(&self) -> String {
        self.to_string()
    }

    /// As stored beside the award of `key` dated `date`: the JSON without
    /// the fields that only repeat the award's columns (`STORED_ELSEWHERE`),
    /// which `from_stored_json` puts back. Two thirds of a usual award's
    /// JSON was such repetition, written a million times by a first recalc.
    pub fn to_stored_json(&self, key: &AwardKey, date: NaiveDate) -> String {
        match self {
            Explanation::PerEvent(p)
                if p.rule == key.rule_id && p.subject == key.subject && p.date == date =>
            {
                // The usual award, written without a detour through a map.
                serde_json::to_string(&PerEventStored {
                    base: &p.base,
                    per_amount: &p.per_amount,
                    multipliers: &p.multipliers,
                    rounded: &p.rounded,
                    cap: &p.cap,
                })
                .unwrap_or_default()
            }
            // Whole, so that a stored per-event explanation lacks either
            // all three fields or none (`from_stored_json` reads on that).
            Explanation::PerEvent(_) => self.to_json(),
            _ => {
                let mut value = match serde_json::to_value(self) {
                    Ok(v) => v,
                    Err(_) => return String::new(),
                };
                if let Some(fields) = value.as_object_mut() {
                    let date = date.to_string();
                    for (name, column) in stored_elsewhere(key, &date) {
                        if fields.get(name).and_then(|v| v.as_str()) == Some(column) {
                            fields.shift_remove(name);
                        }
                    }
                }
                value.to_string()
            }
        }
    }

    /// An explanation stored by `to_stored_json` (or, whole, by an earlier
    /// merit's `to_json`) beside the award of `key` dated `date`; `None`
    /// when it is not one.
    pub fn from_stored_json(text: &str, key: &AwardKey, date: NaiveDate) -> Option<Explanation> {
        if text.starts_with(r#"{"kind":"per_event","#) && !text.contains(r#""subject""#) {
            // The usual award, as `to_stored_json` writes it (a whole one
            // has its subject): read without a detour through a map (a
            // ledger's export words every award).
            let rest: PerEventRead = serde_json::from_str(text).ok()?;
            return Some(Explanation::PerEvent(Box::new(PerEvent {
                rule: key.rule_id.clone(),
                subject: key.subject.clone(),
                date,
                base: rest.base,
                per_amount: rest.per_amount,
                multipliers: rest.multipliers,
                rounded: rest.rounded,
                cap: rest.cap,
            })));
        }
        let mut value: serde_json::Value = serde_json::from_str(text).ok()?;
        let fields = value.as_object_mut()?;
        let date = date.to_string();
        for (name, column) in stored_elsewhere(key, &date) {
            if !fields.contains_key(name) {
                fields.insert(name.to_string(), column.into());
            }
        }
        serde_json::from_value(value).ok()
    }
}

/// The fields of an explanation that repeat a column of its award, with
/// that column's value: left out of the stored JSON where equal, and put
/// back where missing (a kind without such a field ignores it).
fn stored_elsewhere<'a>(key: &'a AwardKey, date: &'a str) -> [(&'static str, &'a str); 5] {
    [
        ("rule", key.rule_id.as_str()),
        ("subject", key.subject.as_str()),
        ("period", key.subject.as_str()),
        ("member", key.member.as_str()),
        ("date", date),
    ]
}

/// A `per_event` explanation as stored beside its award, read: `PerEvent`
/// without its rule, subject and date (its `kind` left to the caller).
#[derive(Deserialize)]
struct PerEventRead {
    base: Decimal,
    #[serde(default)]
    per_amount: Option<PerAmount>,
    #[serde(default)]
    multipliers: Vec<Boost>,
    #[serde(default)]
    rounded: Option<Decimal>,
    #[serde(default)]
    cap: Option<CapCut>,
}

/// A `per_event` explanation as stored beside its award: `PerEvent`
/// without its rule, subject and date.
#[derive(Serialize)]
#[serde(tag = "kind", rename = "per_event")]
struct PerEventStored<'a> {
    base: &'a Decimal,
    #[serde(skip_serializing_if = "Option::is_none")]
    per_amount: &'a Option<PerAmount>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    multipliers: &'a Vec<Boost>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rounded: &'a Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cap: &'a Option<CapCut>,
}

/// A share as a percentage, to 2 places: `0.8` is `80`; `∞` beyond what a
/// decimal holds.
pub fn percent(d: Decimal) -> String {
    d.checked_mul(Decimal::ONE_HUNDRED)
        .map_or_else(|| "∞".to_string(), |p| format_decimal(p.round_dp(2)))
}

/// A decimal as the explanations write it.
pub fn dec(d: Decimal) -> String {
    format_decimal(d)
}

/// `+` before a difference that is not below 0.
pub fn sign(d: Decimal) -> &'static str {
    if d.is_sign_negative() && !d.is_zero() {
        ""
    } else {
        "+"
    }
}

/// The English text: byte for byte what merit wrote before explanations
/// were data (the stored `explanation` column).
impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Explanation::Unexplained => Ok(()),
            Explanation::PerEvent(p) => p.fmt(f),
            Explanation::Attainment(a) => a.fmt(f),
            Explanation::Rank(r) => r.fmt(f),
            Explanation::Pool(p) => p.fmt(f),
            Explanation::Manual { reason } => write!(f, "manual: {}", reason.trim()),
            Explanation::Adjustment(a) => a.fmt(f),
        }
    }
}

impl fmt::Display for PerEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} on {}: {}",
            self.rule,
            self.subject,
            self.date,
            dec(self.base)
        )?;
        if let Some(pa) = &self.per_amount {
            write!(
                f,
                " + floor({} / {}) × {} = {}",
                dec(pa.amount),
                dec(pa.unit),
                dec(pa.points),
                dec(pa.total)
            )?;
        }
        for m in &self.multipliers {
            write!(f, "; {} ×{} = {}", m.rule, dec(m.factor), dec(m.total))?;
        }
        if let Some(r) = self.rounded {
            write!(f, ", rounded to {}", dec(r))?;
        }
        if let Some(c) = &self.cap {
            write!(
                f,
                "; cut to {} by the cap of {} per {} ({} already used in {})",
                dec(c.left),
                dec(c.cap),
                c.per,
                dec(c.spent),
                c.period
            )?;
        }
        Ok(())
    }
}

impl fmt::Display for Attainment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: {} {} of target {} = {}%; tier {}% = {}",
            self.rule,
            self.period,
            self.event,
            dec(self.sum),
            dec(self.target),
            percent(self.attainment),
            percent(self.tier_at),
            dec(self.tier_points)
        )?;
        if let Some(acc) = &self.accelerator {
            write!(
                f,
                "; accelerator floor({} − {}) × {} = {}; total {}",
                percent(self.attainment),
                percent(acc.above),
                dec(acc.per_percent),
                dec(acc.extra),
                dec(acc.total)
            )?;
        }
        Ok(())
    }
}

impl fmt::Display for Rank {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let within = match &self.team {
            Some(team) => format!("in team {team}"),
            None => "in the company".to_string(),
        };
        write!(
            f,
            "{} {}: place {} of {} {within} with {} approved points (rank and pool awards left out)",
            self.rule,
            self.period,
            self.place,
            self.of,
            dec(self.approved)
        )?;
        if !self.shared_with.is_empty() {
            write!(f, ", shared with {}", self.shared_with.join(", "))?;
        }
        write!(f, "; place {} = {}", self.place, dec(self.points))?;
        if !self.title.is_empty() {
            write!(f, ", title {}", self.title)?;
        }
        Ok(())
    }
}

impl fmt::Display for Pool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let basis = match &self.basis {
            PoolBasis::Equal { members } => format!("equal shares among {members} members"),
            PoolBasis::Activities { took_part, of } => format!(
                "took part in {} of the pooled activities' {} participations",
                dec(*took_part),
                dec(*of)
            ),
            PoolBasis::Points { points, of } => format!(
                "{} of the team's {} approved points",
                dec(*points),
                dec(*of)
            ),
        };
        write!(
            f,
            "{} {}: team {}'s pool {} from {} activities; {} {basis}: share {}",
            self.rule,
            self.period,
            self.team,
            dec(self.total),
            self.activities,
            self.member,
            dec(self.share)
        )?;
        if self.remainder {
            f.write_str(" (with 0.01 of the remainder, largest remainders first)")?;
        }
        Ok(())
    }
}

impl fmt::Display for Adjustment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "adjustment of {} {}: now {}, approved {}, difference {}{} (",
            self.rule,
            self.subject,
            dec(self.now),
            dec(self.approved),
            sign(self.difference),
            dec(self.difference)
        )?;
        match &self.why {
            AdjustWhy::Recomputed { computed } => computed.fmt(f)?,
            AdjustWhy::MovedHere { from } => write!(f, "moved here from {from}")?,
            AdjustWhy::MovedTo { to } => write!(f, "moved to {to}")?,
            AdjustWhy::NoLongerComputed => f.write_str("no longer computed by the rules")?,
        }
        f.write_str(")")
    }
}

/// Serde of a value as its text (`Display` / `FromStr`): dates.
mod as_text {
    use serde::{Deserialize, Deserializer, Serializer};
    use std::fmt::Display;
    use std::str::FromStr;

    pub fn serialize<T: Display, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(v)
    }

    pub fn deserialize<'de, T, D>(d: D) -> Result<T, D::Error>
    where
        T: FromStr,
        T::Err: Display,
        D: Deserializer<'de>,
    {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests;
