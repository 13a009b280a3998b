//! Points per member and week within a span (issue 41: the weekly series
//! of the published site and the Rankings sparkline), in one grouped query
//! over the awards, whatever the number of members.

use super::{Db, date_text};
use crate::domain::Points;
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::params;

impl Db<'_> {
    /// The points of awards dated in `from..=to` (approved; with
    /// `include_pending`, pending too) summed per member and week: (member,
    /// week, points), where week 0 is the seven days from `monday` (the
    /// Monday on or before `from`), week 1 the next seven, and so on. Only
    /// the pairs with awards are listed.
    pub fn points_by_member_week(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        monday: NaiveDate,
        include_pending: bool,
    ) -> Result<Vec<(String, u32, Points)>> {
        let statuses = if include_pending {
            "('approved', 'pending')"
        } else {
            "('approved')"
        };
        // Dates are whole days, so the difference of two julian days is an
        // exact integer; SQLite's integer sum fails rather than round.
        let mut st = self.0.prepare_cached(&format!(
            "SELECT member, CAST(julianday(date) - julianday(?3) AS INTEGER) / 7 AS week, \
             sum(points) FROM awards \
             WHERE date BETWEEN ?1 AND ?2 AND status IN {statuses} \
             GROUP BY member, week"
        ))?;
        let rows = st.query_map(
            params![date_text(from), date_text(to), date_text(monday)],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (member, week, cents) = row?;
            // A date before `monday` cannot match `from..=to`; a week past
            // u32 cannot fit the years a date may have.
            if let Ok(week) = u32::try_from(week) {
                out.push((member, week, Points::from_cents(cents)));
            }
        }
        Ok(out)
    }
}
