//! The ledger listing both fronts show: awards of every status and kind,
//! one row each, with the member's name, and the postings that are not
//! awards (redemptions, expiries), in date order (awards first on a day).
//! The CLI reads it whole (`ledger_listing`); the screen reads the same
//! view a page at a time by key (`view` and `store::Page`).

use crate::domain::{Award, Period, Status};
use crate::error::Result;
use crate::store::{AwardFilter, AwardView, Db, LedgerEntry};
use std::collections::HashMap;

/// One row of `merit ledger`.
#[derive(Debug, Clone)]
pub struct LedgerRow {
    pub award: Award,
    pub name: String,
    /// Pending for a period not ended on the query's day: not approvable.
    pub provisional: bool,
    /// Disputed and not resolved yet: not approvable.
    pub disputed: bool,
}

impl LedgerRow {
    /// The status as shown: `provisional` for a provisional pending award.
    pub fn status_text(&self) -> &'static str {
        if self.disputed {
            "disputed"
        } else if self.provisional {
            "provisional"
        } else {
            self.award.status.as_str()
        }
    }
}

/// Which rows a listing shows, by status as shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShownStatus {
    /// Pending and approvable now.
    Pending,
    /// Pending, for a period that has not ended.
    Provisional,
    Approved,
    Rejected,
}

impl ShownStatus {
    /// The stored status of the rows shown.
    pub fn stored(self) -> Status {
        match self {
            ShownStatus::Pending | ShownStatus::Provisional => Status::Pending,
            ShownStatus::Approved => Status::Approved,
            ShownStatus::Rejected => Status::Rejected,
        }
    }
}

#[derive(Debug, Clone)]
pub struct LedgerQuery {
    pub member: Option<String>,
    pub period: Option<Period>,
    pub status: Option<ShownStatus>,
    /// The day provisional awards are judged on.
    pub today: chrono::NaiveDate,
}

pub fn ledger_rows(db: Db, q: &LedgerQuery) -> Result<Vec<LedgerRow>> {
    let names: HashMap<String, String> = db
        .members()?
        .into_iter()
        .map(|m| (m.code, m.name))
        .collect();
    let awards = db.awards(&AwardFilter {
        from: q.period.map(|p| p.start()),
        to: q.period.map(|p| p.end()),
        member: q.member.clone(),
        status: q.status.map(ShownStatus::stored),
        ..AwardFilter::default()
    })?;
    let disputed = db.open_disputes()?;
    Ok(awards
        .into_iter()
        .map(|a| LedgerRow {
            name: names.get(&a.key.member).cloned().unwrap_or_default(),
            disputed: disputed.contains(&a.id),
            provisional: a.is_provisional(q.today),
            award: a,
        })
        .filter(|r| match q.status {
            Some(ShownStatus::Pending) => !r.provisional,
            Some(ShownStatus::Provisional) => r.provisional,
            _ => true,
        })
        .collect())
}

/// One line of the listing.
#[derive(Debug, Clone)]
pub enum Listed {
    Award(LedgerRow),
    /// A redemption or an expiry, with the member's name.
    Posting(LedgerEntry, String),
}

impl Listed {
    pub fn date(&self) -> chrono::NaiveDate {
        match self {
            Listed::Award(r) => r.award.date,
            Listed::Posting(e, _) => e.date,
        }
    }
}

impl LedgerQuery {
    /// The same query as a page view (`text`: the screen's filter).
    pub fn view(&self, text: Option<String>) -> AwardView {
        AwardView {
            from: self.period.map(|p| p.start()),
            to: self.period.map(|p| p.end()),
            status: self.status.map(ShownStatus::stored),
            text,
            member: self.member.clone(),
        }
    }
}

/// The whole listing: awards and postings, by date. Postings are approved
/// by nature: a pending, provisional or rejected listing has none.
pub fn ledger_listing(db: Db, q: &LedgerQuery) -> Result<Vec<Listed>> {
    let mut out: Vec<Listed> = ledger_rows(db, q)?.into_iter().map(Listed::Award).collect();
    if q.status.is_none_or(|s| s == ShownStatus::Approved) {
        let names: HashMap<String, String> = db
            .members()?
            .into_iter()
            .map(|m| (m.code, m.name))
            .collect();
        let (from, to) = match q.period {
            Some(p) => (p.start(), p.end()),
            None => (
                chrono::NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default(),
                chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default(),
            ),
        };
        for e in db.ledger_entries(from, to, q.member.as_deref())? {
            if e.kind.is_spending() {
                let name = names.get(&e.member).cloned().unwrap_or_default();
                out.push(Listed::Posting(e, name));
            }
        }
    }
    // Stable: on one day, awards before postings, each in stored order.
    out.sort_by_key(Listed::date);
    Ok(out)
}
