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
}

#[derive(Debug, Clone, Default)]
pub struct LedgerQuery {
    pub member: Option<String>,
    pub period: Option<Period>,
    pub status: Option<Status>,
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
        status: q.status,
        ..AwardFilter::default()
    })?;
    Ok(awards
        .into_iter()
        .map(|a| LedgerRow {
            name: names.get(&a.key.member).cloned().unwrap_or_default(),
            award: a,
        })
        .collect())
}
