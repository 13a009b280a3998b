//! The ledger listing both fronts show: awards of every status and kind,
//! one row each, with the member's name, and the postings that are not
//! awards (redemptions, expiries), in date order (awards first on a day).
//! The CLI writes it as it is read (`each_listed`); the screen reads the
//! same view a page at a time by key (`view` and `store::Page`).

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

/// The awards of the listing, handed to `each` one at a time as they are
/// read, each with its member's name (of `names`).
fn each_ledger_row(
    db: Db,
    q: &LedgerQuery,
    names: &HashMap<String, String>,
    mut each: impl FnMut(LedgerRow) -> Result<()>,
) -> Result<()> {
    let disputed = db.open_disputes()?;
    let filter = AwardFilter {
        from: q.period.map(|p| p.start()),
        to: q.period.map(|p| p.end()),
        member: q.member.clone(),
        status: q.status.map(ShownStatus::stored),
        ..AwardFilter::default()
    };
    db.each_award(&filter, |a| {
        let r = LedgerRow {
            name: names.get(&a.key.member).cloned().unwrap_or_default(),
            disputed: disputed.contains(&a.id),
            provisional: a.is_provisional(q.today),
            award: a,
        };
        let shown = match q.status {
            Some(ShownStatus::Pending) => !r.provisional,
            Some(ShownStatus::Provisional) => r.provisional,
            _ => true,
        };
        if shown { each(r) } else { Ok(()) }
    })
}

/// Every member's name by code.
fn member_names(db: Db) -> Result<HashMap<String, String>> {
    Ok(db
        .members()?
        .into_iter()
        .map(|m| (m.code, m.name))
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
            rules_named: Vec::new(),
            member: self.member.clone(),
        }
    }
}

/// The whole listing, awards and postings by date, handed to `each` a line
/// at a time as the awards are read (the postings, far fewer, are read
/// first): the CLI writes a million awards' listing as it comes, where
/// held whole it took a gigabyte. Postings are approved by nature: a
/// pending, provisional or rejected listing has none. `each` must not use
/// the store.
pub fn each_listed(
    db: Db,
    q: &LedgerQuery,
    mut each: impl FnMut(Listed) -> Result<()>,
) -> Result<()> {
    let names = member_names(db)?;
    let mut postings = Vec::new();
    if q.status.is_none_or(|s| s == ShownStatus::Approved) {
        let (from, to) = match q.period {
            Some(p) => (p.start(), p.end()),
            None => (
                chrono::NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default(),
                chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default(),
            ),
        };
        for e in db.spending_entries(from, to, q.member.as_deref())? {
            let name = names.get(&e.member).cloned().unwrap_or_default();
            postings.push(Listed::Posting(e, name));
        }
    }
    // By date, each day's awards (by id) before its postings (in stored
    // order): the awards come by date, and a day's postings wait for the
    // first award dated after it.
    postings.sort_by_key(Listed::date);
    let mut postings = postings.into_iter().peekable();
    each_ledger_row(db, q, &names, |r| {
        while let Some(p) = postings.next_if(|p| p.date() < r.award.date) {
            each(p)?;
        }
        each(Listed::Award(r))
    })?;
    postings.try_for_each(each)
}
