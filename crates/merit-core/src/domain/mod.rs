//! Plain types shared by every layer: members, activities, targets, periods,
//! points, award keys and statuses. No I/O here.

mod attrs;
pub mod explain;
pub mod formats;
pub mod input;
pub mod ledger_note;
pub mod limits;
mod period;
mod points;

pub use attrs::Attrs;
pub use explain::Explanation;
pub use ledger_note::LedgerNote;
pub use period::{Period, PeriodKind};
pub use points::{Points, format_decimal};

use crate::message::Msg;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt;
use std::str::FromStr;

/// A sales rep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub code: String,
    pub name: String,
    pub team: String,
    pub joined: Option<NaiveDate>,
    pub active: bool,
}

/// A fact from the CRM: a deal, a payment, a visit, a complaint…
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub reference: String,
    pub member: String,
    pub kind: String,
    pub date: NaiveDate,
    pub amount: Decimal,
    pub attrs: Attrs,
}

/// A member's quota for a metric in a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub member: String,
    pub period: Period,
    pub metric: String,
    pub target: Decimal,
}

/// The natural key of an award: which rule, for whom, about what.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AwardKey {
    pub rule_id: String,
    pub member: String,
    pub subject: String,
}

/// Where an award is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Pending,
    Approved,
    Rejected,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "pending" => Some(Status::Pending),
            "approved" => Some(Status::Approved),
            "rejected" => Some(Status::Rejected),
            _ => None,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// What kind of award a row is: computed by a rule, an adjustment of an
/// approved computed award, or typed in by the lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AwardKind {
    Computed,
    Adjustment,
    Manual,
}

impl AwardKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AwardKind::Computed => "award",
            AwardKind::Adjustment => "adjustment",
            AwardKind::Manual => "manual",
        }
    }

    pub fn parse(s: &str) -> Option<AwardKind> {
        match s {
            "award" => Some(AwardKind::Computed),
            "adjustment" => Some(AwardKind::Adjustment),
            "manual" => Some(AwardKind::Manual),
            _ => None,
        }
    }
}

/// What a ledger entry posts: an approved award of one of the three kinds,
/// a redemption, or an expiry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PostingKind {
    Award,
    Adjustment,
    Manual,
    Redemption,
    Expiry,
}

impl PostingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PostingKind::Award => "award",
            PostingKind::Adjustment => "adjustment",
            PostingKind::Manual => "manual",
            PostingKind::Redemption => "redemption",
            PostingKind::Expiry => "expiry",
        }
    }

    pub fn parse(s: &str) -> Option<PostingKind> {
        match s {
            "award" => Some(PostingKind::Award),
            "adjustment" => Some(PostingKind::Adjustment),
            "manual" => Some(PostingKind::Manual),
            "redemption" => Some(PostingKind::Redemption),
            "expiry" => Some(PostingKind::Expiry),
            _ => None,
        }
    }

    /// Whether it is a posting that is not an award (redemption, expiry).
    pub fn is_spending(self) -> bool {
        matches!(self, PostingKind::Redemption | PostingKind::Expiry)
    }
}

impl From<AwardKind> for PostingKind {
    fn from(k: AwardKind) -> PostingKind {
        match k {
            AwardKind::Computed => PostingKind::Award,
            AwardKind::Adjustment => PostingKind::Adjustment,
            AwardKind::Manual => PostingKind::Manual,
        }
    }
}

/// An award's explanation as the store keeps it (JSON, without what the
/// award's columns say: `Explanation::to_stored_json`), read into an
/// [`Explanation`] only when someone words it: a recalc or a ledger page
/// reads hundreds of thousands of awards and words none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredExplanation(Box<str>);

impl StoredExplanation {
    pub fn new(json: &str) -> StoredExplanation {
        StoredExplanation(json.into())
    }

    /// The JSON as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The explanation of the award of `key` dated `date`, or `None` when
    /// the stored JSON is not one.
    pub fn read(&self, key: &AwardKey, date: NaiveDate) -> Option<Explanation> {
        Explanation::from_stored_json(&self.0, key, date)
    }
}

/// An award as the store keeps it: computed, adjustment or manual.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Award {
    pub id: i64,
    pub kind: AwardKind,
    pub key: AwardKey,
    pub date: NaiveDate,
    pub points: Points,
    pub category: String,
    /// The explanation in English as stored: only an award without its
    /// explanation as data has one (written before explanations were data,
    /// or by a merit that kept both); `english()` words the others.
    pub stored_english: String,
    /// The explanation as data, as stored; `None` for an award written
    /// before explanations were data (its English is shown as it is).
    pub explain: Option<StoredExplanation>,
    /// Why a manual award was given.
    pub reason: String,
    pub status: Status,
    pub created_at: String,
    pub created_by: String,
    pub decided_at: Option<String>,
    pub decided_by: Option<String>,
    /// Why it was rejected.
    pub decision_reason: Option<String>,
    /// The title a rank rule's place gives; empty for other awards.
    pub title: String,
}

impl Award {
    /// The explanation as data, where the award has one.
    pub fn explained(&self) -> Option<Explanation> {
        self.explain.as_ref()?.read(&self.key, self.date)
    }

    /// The explanation in English (the ledger's `explanation` column):
    /// as stored, or worded from the data.
    pub fn english(&self) -> std::borrow::Cow<'_, str> {
        if !self.stored_english.is_empty() {
            return self.stored_english.as_str().into();
        }
        match self.explained() {
            Some(e) => e.english().into(),
            None => "".into(),
        }
    }

    /// Whether the award is explained as `e` explains it: compared as
    /// stored (cheap, the usual case for a recalc that changes nothing),
    /// else as data, else, for an award without data, in English.
    pub fn is_explained_as(&self, e: &Explanation) -> bool {
        match &self.explain {
            Some(stored) => {
                stored.as_str() == e.to_stored_json(&self.key, self.date)
                    || stored.read(&self.key, self.date).as_ref() == Some(e)
            }
            None => self.stored_english == e.english(),
        }
    }

    /// Pending for a period that has not ended on `today`: not approvable
    /// yet (see `is_provisional`).
    pub fn is_provisional(&self, today: NaiveDate) -> bool {
        self.status == Status::Pending
            && is_provisional(self.kind, &self.key.subject, self.date, today)
    }
}

/// Whether an award of `kind` about `subject` dated `date` is for a period
/// (month, quarter or year: attainment, and any rule scored per period,
/// dated on the period's last day) that has not ended on `today`. Such an
/// award is provisional: the period's numbers may still change, so it is
/// not approvable until the day after the period's last day, when it is
/// plainly pending.
pub fn is_provisional(kind: AwardKind, subject: &str, date: NaiveDate, today: NaiveDate) -> bool {
    kind != AwardKind::Manual
        && today <= date
        && Period::parse(subject).is_some_and(|p| p.end() == date)
}

/// Attainment as people read it, everywhere (the screen, the command line,
/// statements, the site): a whole percent, rounded down, so 102.6% is
/// `102%` — never more than was reached.
pub fn whole_percent(attainment: Decimal) -> String {
    format!("{}%", (attainment * Decimal::ONE_HUNDRED).floor())
}

/// Parses a `YYYY-MM-DD` calendar date, refusing impossible days and
/// years outside 1900–2999 (`limits`).
pub fn parse_date(s: &str) -> Result<NaiveDate, Msg> {
    parse_any_date(s).and_then(limits::check_date)
}

/// Parses a `YYYY-MM-DD` calendar date of any year: for what the store
/// already holds, which must stay readable.
pub fn parse_any_date(s: &str) -> Result<NaiveDate, Msg> {
    let ok_shape = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !ok_shape {
        return Err(crate::msg!("value-not-a-date", value = s));
    }
    // The shape is checked: read the digits directly (chrono's format
    // parser showed in import and recalc profiles).
    let b = s.as_bytes();
    let num =
        |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    NaiveDate::from_ymd_opt(num(0..4) as i32, num(5..7), num(8..10))
        .ok_or_else(|| crate::msg!("value-not-a-calendar-date", value = s))
}

/// Parses an exact decimal number such as `120000`, `-15` or `37.5`,
/// within ±10^15 (`limits`).
pub fn parse_decimal(s: &str) -> Result<Decimal, Msg> {
    parse_any_decimal(s).and_then(|d| limits::check_number(d, s))
}

/// Parses an exact decimal number of any size Decimal holds: for what the
/// store already holds.
pub fn parse_any_decimal(s: &str) -> Result<Decimal, Msg> {
    let t = s.trim();
    let ok_shape = !t.is_empty()
        && t.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-' || b == b'+');
    if !ok_shape {
        return Err(crate::msg!("value-not-a-number", value = s));
    }
    // More places or digits than a Decimal holds would be rounded as they
    // are read: refused, so that every number merit takes is the one
    // written (zeros that change nothing are not counted).
    let body = t.trim_start_matches(['+', '-']);
    let (whole, places) = body.split_once('.').unwrap_or((body, ""));
    let places = places.trim_end_matches('0');
    let whole = whole.trim_start_matches('0');
    let significant = if whole.is_empty() {
        places.trim_start_matches('0').len()
    } else {
        whole.len() + places.len()
    };
    if places.len() > 28 || significant > 28 {
        return Err(crate::msg!("value-not-a-number-in-range", value = s));
    }
    Decimal::from_str(t).map_err(|_| crate::msg!("value-not-a-number-in-range", value = s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_is_taken_as_written_or_refused_never_rounded() {
        use std::str::FromStr;
        let exact = |t: &str| parse_any_decimal(t).unwrap();
        assert_eq!(exact("1.0000000000000000000000000000"), Decimal::ONE);
        assert_eq!(
            exact("0.0000000000000000000000000001"),
            Decimal::from_str("0.0000000000000000000000000001").unwrap()
        );
        assert_eq!(exact("-0012.50"), Decimal::from_str("-12.5").unwrap());
        for rounded in [
            "0.00000000000000000000000000001",
            "0.00000000000000000000000000009",
            "0.33333333333333333333333333333333",
            "1.2345678901234567890123456789",
        ] {
            assert!(parse_any_decimal(rounded).is_err(), "{rounded}");
        }
    }

    #[test]
    fn dates_refuse_impossible_days() {
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_date("2026-2-3").is_err());
        assert!(parse_date("2024-02-29").is_ok());
    }

    #[test]
    fn attainment_is_a_whole_percent_rounded_down() {
        use std::str::FromStr;
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(whole_percent(d("1.026")), "102%");
        assert_eq!(whole_percent(d("1.0299")), "102%");
        assert_eq!(whole_percent(d("0.999")), "99%");
        assert_eq!(whole_percent(d("1")), "100%");
    }

    #[test]
    fn decimals_are_exact_and_refuse_junk() {
        assert_eq!(parse_decimal("37.5").unwrap().to_string(), "37.5");
        assert!(parse_decimal("1e30").is_err());
        assert!(parse_decimal("12,000").is_err());
        assert!(parse_decimal("100000000000000000000000000000000").is_err());
    }
}

/// A catalog item members spend points on (SPEC §11).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reward {
    pub code: String,
    pub name: String,
    /// Points per item, > 0.
    pub cost: Points,
    /// Items left; `None`: unlimited.
    pub stock: Option<i64>,
    pub category: String,
    pub active: bool,
}

/// How much of a reward a member may ask for, and when (issue 21, fair
/// redemption): at most `limit_qty` per member per `limit_per` period,
/// counting pending and approved requests, and only between
/// `available_from` and `available_to` (inclusive).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RewardLimits {
    pub limit_qty: Option<i64>,
    pub limit_per: Option<PeriodKind>,
    pub available_from: Option<NaiveDate>,
    pub available_to: Option<NaiveDate>,
}

impl RewardLimits {
    pub fn is_empty(&self) -> bool {
        *self == RewardLimits::default()
    }
}

/// A member's request to spend points on a reward.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redemption {
    pub id: i64,
    pub member: String,
    pub reward: String,
    pub qty: i64,
    /// qty × cost when requested.
    pub points: Points,
    pub status: Status,
    pub requested_on: NaiveDate,
    pub requested_by: String,
    pub decided_at: Option<String>,
    pub decided_by: Option<String>,
    pub decision_reason: Option<String>,
}

/// A period the lead closed: awards dated in it never change (SPEC §5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedPeriod {
    pub period: Period,
    pub closed_at: String,
    pub closed_by: String,
}

/// Every closed period, to ask whether a date lies in one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClosedPeriods(pub Vec<ClosedPeriod>);

impl ClosedPeriods {
    /// The closed period (the widest, if several) that contains `date`.
    pub fn covering(&self, date: NaiveDate) -> Option<&ClosedPeriod> {
        self.0
            .iter()
            .filter(|c| c.period.contains(date))
            .max_by_key(|c| c.period.end() - c.period.start())
    }

    /// Whether every day of `p` lies in a closed period.
    pub fn closes_all_of(&self, p: Period) -> Option<&ClosedPeriod> {
        self.0
            .iter()
            .filter(|c| c.period.start() <= p.start() && p.end() <= c.period.end())
            .max_by_key(|c| c.period.end() - c.period.start())
    }

    /// The closed periods that lie inside `p` or overlap it, by start.
    pub fn within(&self, p: Period) -> Vec<&ClosedPeriod> {
        let mut v: Vec<&ClosedPeriod> = self
            .0
            .iter()
            .filter(|c| c.period.start() <= p.end() && p.start() <= c.period.end())
            .collect();
        v.sort_by_key(|c| (c.period.start(), c.period.end()));
        v
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl ClosedPeriod {
    /// "2026-Q1 is closed (by li, 2026-04-02 09:00)"
    pub fn describe(&self) -> String {
        format!(
            "{} is closed (by {}, {})",
            self.period, self.closed_by, self.closed_at
        )
    }
}
