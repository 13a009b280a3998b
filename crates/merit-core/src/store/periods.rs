//! Closed periods: which months, quarters and years the lead closed.

use super::{Db, Tx, date_text};
use crate::domain::{ClosedPeriod, ClosedPeriods, Period};
use crate::error::Result;
use crate::store::sql::args;

impl Db<'_> {
    pub fn closed_periods(&self) -> Result<ClosedPeriods> {
        let mut st = self.0.prepare(
            "SELECT period, closed_at, closed_by FROM closed_periods ORDER BY starts, ends",
        )?;
        let rows = st.query_map(args![], |r| {
            let text: String = r.get(0)?;
            let period = Period::parse(&text).ok_or_else(|| {
                rusqlite::Error::FromSqlConversionFailure(
                    0,
                    rusqlite::types::Type::Text,
                    format!("'{text}' is not a period").into(),
                )
            })?;
            Ok(ClosedPeriod {
                period,
                closed_at: r.get(1)?,
                closed_by: r.get(2)?,
            })
        })?;
        Ok(ClosedPeriods(rows))
    }
}

impl Tx<'_> {
    /// Marks `period` closed; `false` if it already was.
    pub fn close_period(&self, period: Period, at: &str, actor: &str) -> Result<bool> {
        let n = self.conn().execute(
            "INSERT INTO closed_periods(period, starts, ends, closed_at, closed_by) \
             VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
            args![
                period.to_string(),
                date_text(period.start()),
                date_text(period.end()),
                at,
                actor
            ],
        )?;
        Ok(n == 1)
    }

    /// Opens `period` again; `false` if it was not closed.
    pub fn reopen_period(&self, period: Period) -> Result<bool> {
        // What recalc skipped in it can be done now.
        self.unscore_year(period.year())?;
        let n = self.conn().execute(
            "DELETE FROM closed_periods WHERE period = ?1",
            args![period.to_string()],
        )?;
        Ok(n == 1)
    }
}
