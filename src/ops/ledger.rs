//! The ledger listing: awards of every status and kind, one row each, with
//! the member's name. Postings that are not awards (redemptions, expiries)
//! join this listing when they exist.

use crate::domain::{Award, Period, Status};
use crate::error::Result;
use crate::store::{AwardFilter, Db};
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
