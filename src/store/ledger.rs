//! The ledger: approved postings, append-only (triggers refuse edits).

use super::{Db, Tx, date_text, parse_stored_date};
use crate::domain::Points;
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::params;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerEntry {
    pub id: i64,
    pub member: String,
    pub date: NaiveDate,
    /// `award`, `adjustment`, `manual`, `redemption`, `expiry`.
    pub kind: String,
    pub points: Points,
    pub award_id: Option<i64>,
    pub note: String,
    pub actor: String,
    pub created_at: String,
}

impl Tx<'_> {
    #[allow(clippy::too_many_arguments)]
    pub fn post(
        &self,
        member: &str,
        date: NaiveDate,
        kind: &str,
        points: Points,
        award_id: Option<i64>,
        note: &str,
        actor: &str,
        at: &str,
    ) -> Result<i64> {
        self.conn()
            .prepare_cached(
                "INSERT INTO ledger(member, date, kind, points, award_id, note, actor, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                member,
                date_text(date),
                kind,
                points.to_cents().unwrap_or(0),
                award_id,
                note,
                actor,
                at
            ])?;
        Ok(self.conn().last_insert_rowid())
    }
}

impl Db<'_> {
    /// Ledger entries dated `from..=to`, optionally for one member, in order.
    pub fn ledger_entries(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        member: Option<&str>,
    ) -> Result<Vec<LedgerEntry>> {
        let mut st = self.0.prepare_cached(
            "SELECT id, member, date, kind, points, award_id, note, actor, created_at FROM ledger \
             WHERE date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR member = ?3) ORDER BY id",
        )?;
        let rows = st.query_map(params![date_text(from), date_text(to), member], |r| {
            let date: String = r.get(2)?;
            Ok(LedgerEntry {
                id: r.get(0)?,
                member: r.get(1)?,
                date: parse_stored_date(&date)?,
                kind: r.get(3)?,
                points: Points::from_cents(r.get(4)?),
                award_id: r.get(5)?,
                note: r.get(6)?,
                actor: r.get(7)?,
                created_at: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sum of ledger entries per member dated `from..=to`, for `kinds`.
    pub fn ledger_sums(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        kinds: &[&str],
    ) -> Result<HashMap<String, Points>> {
        let list: Vec<String> = kinds.iter().map(|k| format!("'{k}'")).collect();
        let mut st = self.0.prepare_cached(&format!(
            "SELECT member, SUM(points) FROM ledger WHERE date BETWEEN ?1 AND ?2 AND kind IN ({}) GROUP BY member",
            list.join(", ")
        ))?;
        let rows = st.query_map(params![date_text(from), date_text(to)], |r| {
            Ok((r.get::<_, String>(0)?, Points::from_cents(r.get(1)?)))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
