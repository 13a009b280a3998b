//! Points per member and week within a span (issue 41: the weekly series
//! of the published site and the Rankings sparkline), in one query over
//! the awards, whatever the number of members.

use super::{Db, date_text};
use crate::domain::Points;
use crate::error::{Error, Result};
use crate::store::sql::args;
use chrono::NaiveDate;
use std::collections::HashMap;

impl Db<'_> {
    /// The points of awards dated in `from..=to` (approved; with
    /// `include_pending`, pending too) per member and week: week 0 is the
    /// seven days from `monday` (the Monday on or before `from`), week 1
    /// the next seven, and so on to the week holding `to`. Only members
    /// with awards there are listed.
    pub fn points_by_member_week(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        monday: NaiveDate,
        include_pending: bool,
    ) -> Result<HashMap<String, Vec<Points>>> {
        let statuses = if include_pending {
            "('approved', 'pending')"
        } else {
            "('approved')"
        };
        let weeks = usize::try_from((to - monday).num_days() / 7 + 1).unwrap_or(0);
        // Summed here as the rows stream by (as `points_by_member` does):
        // SQLite's GROUP BY sorts through a temporary b-tree, four times
        // the time over a quarter of 2 000 members' 80 000 awards. Dates
        // are whole days, so the difference of two julian days is exact.
        let days = if self.0.is_pg() {
            "(CAST(date AS date) - CAST(?3 AS date))"
        } else {
            "CAST(julianday(date) - julianday(?3) AS INTEGER)"
        };
        let mut st = self.0.prepare(&format!(
            "SELECT member, {days} / 7, points \
             FROM awards WHERE date BETWEEN ?1 AND ?2 AND status IN {statuses}"
        ))?;
        let mut rows = st.query(args![date_text(from), date_text(to), date_text(monday)])?;
        let mut cents: HashMap<String, Vec<i64>> = HashMap::new();
        while let Some(r) = rows.next()? {
            let r = &r;
            let member = r.str(0)?;
            let week: i64 = r.get(1)?;
            let points: i64 = r.get(2)?;
            let Some(w) = usize::try_from(week).ok().filter(|w| *w < weeks) else {
                continue;
            };
            let sums = match cents.get_mut(member) {
                Some(sums) => sums,
                None => cents
                    .entry(member.to_string())
                    .or_insert_with(|| vec![0; weeks]),
            };
            sums[w] = sums[w].checked_add(points).ok_or_else(|| {
                Error::failed(crate::msg!(
                    "store-member-points-out-of-range",
                    member = member
                ))
            })?;
        }
        Ok(cents
            .into_iter()
            .map(|(m, weeks)| (m, weeks.into_iter().map(Points::from_cents).collect()))
            .collect())
    }
}
