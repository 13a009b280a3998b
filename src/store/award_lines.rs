//! Pages of awards for a screen: a filtered, ordered view read a page at a
//! time (LIMIT/OFFSET on the date and status indexes), its row count, and
//! the ids and points of every row it holds (for "mark all").

use super::{Db, date_text, parse_stored_date, stored_enum};
use crate::domain::{AwardKind, Points, Status};
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::params_from_iter;
use rusqlite::types::Value;

/// Which awards a view shows. Pending rows come first, then by date and id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AwardView {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub status: Option<Status>,
    /// Matches code, name, rule, subject, category, reason or date (`2026-11-2`
    /// finds 20–29 November; case-insensitive for ASCII).
    pub text: Option<String>,
}

/// One row of an award list: enough to show it, nothing more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardLine {
    pub id: i64,
    pub date: NaiveDate,
    pub member: String,
    pub name: String,
    pub kind: AwardKind,
    pub rule_id: String,
    pub subject: String,
    pub reason: String,
    pub points: Points,
    pub status: Status,
}

/// A row of a view as marking needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardMark {
    pub id: i64,
    pub points: Points,
    pub status: Status,
    pub kind: AwardKind,
    pub subject: String,
    pub date: NaiveDate,
}

impl AwardView {
    fn sql(&self) -> (String, Vec<Value>) {
        let mut conds: Vec<&str> = Vec::new();
        let mut vals = Vec::new();
        if let Some(f) = self.from {
            conds.push("a.date >= ?");
            vals.push(Value::Text(date_text(f)));
        }
        if let Some(t) = self.to {
            conds.push("a.date <= ?");
            vals.push(Value::Text(date_text(t)));
        }
        match self.status {
            Some(s) => {
                conds.push("a.status = ?");
                vals.push(Value::Text(s.as_str().into()));
            }
            None => conds.push("a.status IN ('pending', 'approved', 'rejected')"),
        }
        if let Some(t) = self
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            conds.push(
                "(a.member LIKE ? ESCAPE '\\' OR m.name LIKE ? ESCAPE '\\' OR a.rule_id LIKE ? ESCAPE '\\' \
                 OR a.subject LIKE ? ESCAPE '\\' OR a.category LIKE ? ESCAPE '\\' OR a.reason LIKE ? ESCAPE '\\' \
                 OR a.date LIKE ? ESCAPE '\\')",
            );
            let escaped = t
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            for _ in 0..7 {
                vals.push(Value::Text(format!("%{escaped}%")));
            }
        }
        let where_ = if conds.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", conds.join(" AND "))
        };
        (where_, vals)
    }
}

const FROM: &str = "FROM awards a LEFT JOIN members m ON m.code = a.member";

impl AwardView {
    /// Pending first, then by date and id. With one status the status index
    /// gives that order as it is, so a page never sorts the whole period.
    fn order(&self) -> &'static str {
        if self.status.is_some() {
            "ORDER BY a.date, a.id"
        } else {
            "ORDER BY CASE a.status WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 ELSE 2 END, a.date, a.id"
        }
    }
}

impl Db<'_> {
    /// Rows `offset..offset + limit` of the view.
    pub fn award_lines(
        &self,
        view: &AwardView,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<AwardLine>> {
        let (where_, mut vals) = view.sql();
        vals.push(Value::Integer(limit as i64));
        vals.push(Value::Integer(offset as i64));
        let order = view.order();
        let mut st = self.0.prepare_cached(&format!(
            "SELECT a.id, a.date, a.member, COALESCE(m.name, ''), a.kind, a.rule_id, a.subject, a.reason, \
             a.points, a.status {FROM}{where_} {order} LIMIT ? OFFSET ?"
        ))?;
        let rows = st.query_map(params_from_iter(vals), |r| {
            let date: String = r.get(1)?;
            Ok(AwardLine {
                id: r.get(0)?,
                date: parse_stored_date(&date)?,
                member: r.get(2)?,
                name: r.get(3)?,
                kind: stored_enum(4, r.get(4)?, AwardKind::parse)?,
                rule_id: r.get(5)?,
                subject: r.get(6)?,
                reason: r.get(7)?,
                points: Points::from_cents(r.get(8)?),
                status: stored_enum(9, r.get(9)?, Status::parse)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many rows the view holds.
    pub fn award_line_count(&self, view: &AwardView) -> Result<usize> {
        let (where_, vals) = view.sql();
        let n: i64 = self
            .0
            .prepare_cached(&format!("SELECT COUNT(*) {FROM}{where_}"))?
            .query_row(params_from_iter(vals), |r| r.get(0))?;
        Ok(n as usize)
    }

    /// What marking needs of every row of the view.
    pub fn award_line_marks(&self, view: &AwardView) -> Result<Vec<AwardMark>> {
        let (where_, vals) = view.sql();
        let mut st = self.0.prepare_cached(&format!(
            "SELECT a.id, a.points, a.status, a.kind, a.subject, a.date {FROM}{where_}"
        ))?;
        let rows = st.query_map(params_from_iter(vals), |r| {
            let date: String = r.get(5)?;
            Ok(AwardMark {
                id: r.get(0)?,
                points: Points::from_cents(r.get(1)?),
                status: stored_enum(2, r.get(2)?, Status::parse)?,
                kind: stored_enum(3, r.get(3)?, AwardKind::parse)?,
                subject: r.get(4)?,
                date: parse_stored_date(&date)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
