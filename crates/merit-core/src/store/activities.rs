//! Activities: stored by `ref`, read by date range through the date index.

use super::members::Change;
use super::{Db, Tx, date_text, parse_stored_date};
use crate::domain::{Activity, Attrs, format_decimal, parse_any_decimal};
use crate::error::Result;
use chrono::{Datelike, NaiveDate};
use rusqlite::{OptionalExtension, Row, params};

fn activity_row(r: &Row) -> rusqlite::Result<Activity> {
    // Read in place: a year of activities is read at a time.
    let date = r.get_ref(3)?.as_str()?;
    let amount = r.get_ref(4)?.as_str()?;
    let attrs = r.get_ref(5)?.as_str()?;
    let bad = |e: String| {
        rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, e.into())
    };
    Ok(Activity {
        reference: r.get(0)?,
        member: r.get(1)?,
        kind: r.get(2)?,
        date: parse_stored_date(date)?,
        amount: parse_any_decimal(amount).map_err(|e| bad(e.to_string()))?,
        attrs: if attrs == "{}" {
            Attrs::default()
        } else {
            serde_json::from_str::<Attrs>(attrs).map_err(|e| bad(e.to_string()))?
        },
    })
}

const COLUMNS: &str = "ref, member, kind, date, amount, attrs";

impl Db<'_> {
    pub fn activity(&self, reference: &str) -> Result<Option<Activity>> {
        let mut st = self
            .0
            .prepare_cached(&format!("SELECT {COLUMNS} FROM activities WHERE ref = ?1"))?;
        Ok(st.query_row([reference], activity_row).optional()?)
    }

    /// Activities dated `from..=to`.
    pub fn activities_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Activity>> {
        let mut st = self.0.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM activities WHERE date BETWEEN ?1 AND ?2"
        ))?;
        // Counted first (through the date index), so a year of activities
        // is held in a vector of its size, not up to twice that.
        let n: i64 = self
            .0
            .prepare_cached("SELECT count(*) FROM activities WHERE date BETWEEN ?1 AND ?2")?
            .query_row(params![date_text(from), date_text(to)], |r| r.get(0))?;
        let mut out = Vec::with_capacity(usize::try_from(n).unwrap_or(0));
        for a in st.query_map(params![date_text(from), date_text(to)], activity_row)? {
            out.push(a?);
        }
        Ok(out)
    }

    /// The first and last activity dates, if there are any.
    pub fn activity_span(&self) -> Result<Option<(NaiveDate, NaiveDate)>> {
        let (min, max): (Option<String>, Option<String>) =
            self.0
                .query_row("SELECT min(date), max(date) FROM activities", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
        match (min, max) {
            (Some(a), Some(b)) => Ok(Some((parse_stored_date(&a)?, parse_stored_date(&b)?))),
            _ => Ok(None),
        }
    }
}

impl Db<'_> {
    /// An activity with its row id, which tells rows written by the
    /// running import (ids past `activities_watermark`) from older ones.
    pub fn activity_with_rowid(&self, reference: &str) -> Result<Option<(i64, Activity)>> {
        let mut st = self.0.prepare_cached(&format!(
            "SELECT {COLUMNS}, rowid FROM activities WHERE ref = ?1"
        ))?;
        Ok(st
            .query_row([reference], |r| Ok((r.get(6)?, activity_row(r)?)))
            .optional()?)
    }

    /// The highest row id so far: activities are never deleted, so rows
    /// inserted from now on have higher ids.
    pub fn activities_watermark(&self) -> Result<i64> {
        Ok(self
            .0
            .query_row("SELECT coalesce(max(rowid), 0) FROM activities", [], |r| {
                r.get(0)
            })?)
    }
}

/// An activity's columns as bound: the texts it holds borrowed, the rest
/// written out (an import binds a million of these).
fn activity_values(a: &Activity) -> [rusqlite::types::ToSqlOutput<'_>; 6] {
    use rusqlite::types::{ToSqlOutput, Value, ValueRef};
    fn text(s: &str) -> ToSqlOutput<'_> {
        ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes()))
    }
    let owned = |s: String| ToSqlOutput::Owned(Value::Text(s));
    [
        text(&a.reference),
        text(&a.member),
        text(&a.kind),
        owned(date_text(a.date)),
        owned(format_decimal(a.amount)),
        owned(serde_json::to_string(&a.attrs).unwrap_or_else(|_| "{}".into())),
    ]
}

impl Tx<'_> {
    /// Inserts an activity whose ref is new, returning its row id; `None`
    /// when the ref is already stored (nothing is written).
    pub fn insert_activity(&self, a: &Activity) -> Result<Option<i64>> {
        let values = activity_values(a);
        let inserted = self
            .conn()
            .prepare_cached(
                "INSERT INTO activities(ref, member, kind, date, amount, attrs) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(ref) DO NOTHING",
            )?
            .execute(rusqlite::params_from_iter(&values))?;
        if inserted == 0 {
            return Ok(None);
        }
        let cells = values.each_ref().map(|v| match v {
            rusqlite::types::ToSqlOutput::Borrowed(r) => *r,
            rusqlite::types::ToSqlOutput::Owned(o) => rusqlite::types::ValueRef::from(o),
            _ => rusqlite::types::ValueRef::Null,
        });
        self.input_inserted(super::inputs::Input::Activities, &cells);
        self.unscore_year(a.date.year())?;
        Ok(Some(self.conn().last_insert_rowid()))
    }

    /// Replaces the stored activity `old` with `a` (same ref).
    pub fn update_activity(&self, a: &Activity, old: &Activity) -> Result<()> {
        self.unscore_year(a.date.year())?;
        self.unscore_year(old.date.year())?;
        let key = [a.reference.as_str()];
        self.input_leaving(super::inputs::Input::Activities, &key)?;
        self.conn()
            .prepare_cached(
                "UPDATE activities SET member = ?2, kind = ?3, date = ?4, amount = ?5, attrs = ?6 WHERE ref = ?1",
            )?
            .execute(rusqlite::params_from_iter(activity_values(a)))?;
        self.input_arrived(super::inputs::Input::Activities, &key)?;
        Ok(())
    }

    /// Inserts a new ref, updates a changed one, skips an identical one.
    /// A new ref costs one write: the insert is tried first.
    pub fn upsert_activity(&self, a: &Activity) -> Result<(Change, Option<Activity>)> {
        if self.insert_activity(a)?.is_some() {
            return Ok((Change::Inserted, None));
        }
        let old = self.db().activity(&a.reference)?;
        match &old {
            Some(o) if o == a => Ok((Change::Unchanged, old)),
            Some(o) => {
                self.update_activity(a, o)?;
                Ok((Change::Updated, old))
            }
            None => Ok((Change::Unchanged, None)),
        }
    }
}

impl Db<'_> {
    /// The exact sum of `amount` per member for activities of `kind` dated
    /// `from..=to` (summed in Rust: amounts are exact decimals as text).
    pub fn amount_by_member(
        &self,
        kind: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<std::collections::HashMap<String, rust_decimal::Decimal>> {
        let mut st = self.0.prepare_cached(
            "SELECT member, amount FROM activities WHERE kind = ?1 AND date BETWEEN ?2 AND ?3",
        )?;
        let mut rows = st.query(params![kind, date_text(from), date_text(to)])?;
        let mut out = std::collections::HashMap::new();
        while let Some(r) = rows.next()? {
            let member: String = r.get(0)?;
            let amount: String = r.get(1)?;
            if let Ok(a) = parse_any_decimal(&amount) {
                *out.entry(member).or_default() += a;
            }
        }
        Ok(out)
    }
}
