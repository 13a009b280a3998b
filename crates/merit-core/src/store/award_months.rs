//! Points per status, month and member, kept beside the awards (issue 24:
//! a quarter's standings at ten million activities summed 800 000 awards
//! each time). Triggers on `awards` keep it exact through every write,
//! merit's or the sqlite3 shell's; a first recalc's bulk append sets the
//! triggers aside and adds what it appends itself. Standings read whole
//! months here and the days at a period's edges from the awards.

use super::{Db, Tx, date_text};
use crate::domain::{Points, Status};
use crate::error::{Error, Result};
use crate::store::sql::Conn;
use crate::store::sql::args;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// The table and its first fill (migration 15).
pub(super) const CREATE: &str = r#"
CREATE TABLE award_months(
    status TEXT NOT NULL,
    month  TEXT NOT NULL,
    member TEXT NOT NULL,
    points INTEGER NOT NULL CHECK (typeof(points) = 'integer'),
    PRIMARY KEY (status, month, member)
) WITHOUT ROWID;
INSERT INTO award_months
    SELECT status, substr(date, 1, 7), member, sum(points) FROM awards GROUP BY 1, 2, 3;
"#;

/// The triggers that keep it (the table's CHECK makes a sum past SQLite's
/// integers an error, not a float).
const TRIGGERS: &str = r#"
CREATE TRIGGER IF NOT EXISTS award_months_insert AFTER INSERT ON awards BEGIN
    INSERT INTO award_months VALUES (new.status, substr(new.date, 1, 7), new.member, new.points)
        ON CONFLICT DO UPDATE SET points = points + excluded.points;
END;
CREATE TRIGGER IF NOT EXISTS award_months_delete AFTER DELETE ON awards BEGIN
    UPDATE award_months SET points = points - old.points
        WHERE status = old.status AND month = substr(old.date, 1, 7) AND member = old.member;
END;
CREATE TRIGGER IF NOT EXISTS award_months_update AFTER UPDATE OF status, date, member, points ON awards BEGIN
    UPDATE award_months SET points = points - old.points
        WHERE status = old.status AND month = substr(old.date, 1, 7) AND member = old.member;
    INSERT INTO award_months VALUES (new.status, substr(new.date, 1, 7), new.member, new.points)
        ON CONFLICT DO UPDATE SET points = points + excluded.points;
END;
"#;

const DROP_TRIGGERS: &str = "DROP TRIGGER IF EXISTS award_months_insert; \
     DROP TRIGGER IF EXISTS award_months_delete; DROP TRIGGER IF EXISTS award_months_update;";

/// Migration 15's second step: the triggers.
pub(super) fn create_triggers(conn: Conn<'_>) -> Result<()> {
    conn.batch(TRIGGERS)
}

/// Sums a bulk write changed, by status, month and member, not yet in the
/// table; written in batches of this many.
const FLUSH_AT: usize = 1 << 16;

/// What a bulk write (a first recalc's append, a bulk decision) changes in
/// the table, held until flushed.
#[derive(Debug, Default)]
pub(super) struct Appended {
    /// By status and month (year, month), then member: a row's sum is
    /// found without making its key's text (a first recalc adds a million).
    sums: HashMap<(Status, i32, u32), HashMap<String, i64>>,
    /// How many sums are held.
    held: usize,
    /// The month (year, month) of the last award appended.
    month: Option<(i32, u32)>,
}

impl Tx<'_> {
    /// A bulk write begins: the triggers set aside, its sums kept here
    /// until `months_by_triggers`. Every write to `awards` meanwhile must
    /// tell its sums (`appended_points`, `decided_points`).
    pub(super) fn months_by_hand(&self) -> Result<()> {
        self.conn().batch(if self.conn().is_pg() {
            // PostgreSQL's triggers stand aside for this transaction alone.
            "SET LOCAL merit.months_by_hand = 'on'"
        } else {
            DROP_TRIGGERS
        })?;
        *self.appended.borrow_mut() = Some(Appended::default());
        Ok(())
    }

    /// Whether a bulk write is on (`months_by_hand` until
    /// `months_by_triggers`): only then are appended award ids counted.
    pub(super) fn appending(&self) -> bool {
        self.appended.borrow().is_some()
    }

    /// Adds pending `cents` of `member` on `date`, during a bulk append.
    /// A first recalc appends its awards month after month: once the
    /// next month begins, the sums held so far are written (behind, on
    /// PostgreSQL, while the awards are still being copied), not all at
    /// the end, when nothing else is left to do.
    pub(super) fn appended_points(&self, member: &str, date: NaiveDate, cents: i64) -> Result<()> {
        let month = Some((date.year(), date.month()));
        let next_month = match self.appended.borrow_mut().as_mut() {
            Some(held) if held.month < month => {
                let began = held.month.is_some();
                held.month = month;
                began
            }
            _ => false,
        };
        if next_month {
            self.flush_months()?;
        }
        self.held_points(Status::Pending, member, date, cents)
    }

    /// Moves `cents` of `member` on `date` from pending to `status`, while
    /// the sums are kept by hand (a no-op otherwise: the triggers do it).
    pub(super) fn decided_points(
        &self,
        status: Status,
        member: &str,
        date: NaiveDate,
        cents: i64,
    ) -> Result<()> {
        if self.appended.borrow().is_none() {
            return Ok(());
        }
        self.held_points(Status::Pending, member, date, -cents)?;
        self.held_points(status, member, date, cents)
    }

    /// Adds `cents` of `member` on `date` under `status` to the sums held,
    /// while they are kept by hand (a no-op otherwise: the triggers do it).
    pub(super) fn held_points(
        &self,
        status: Status,
        member: &str,
        date: NaiveDate,
        cents: i64,
    ) -> Result<()> {
        let full = {
            let mut held = self.appended.borrow_mut();
            let Some(held) = held.as_mut() else {
                return Ok(());
            };
            let members = held
                .sums
                .entry((status, date.year(), date.month()))
                .or_default();
            let sum = match members.get_mut(member) {
                Some(sum) => sum,
                None => {
                    held.held += 1;
                    members.entry(member.to_string()).or_default()
                }
            };
            // As the table's CHECK says it where the triggers keep it.
            *sum = sum
                .checked_add(cents)
                .ok_or_else(|| Error::failed(crate::msg!("store-sum-out-of-range")))?;
            held.held >= FLUSH_AT
        };
        if full {
            self.flush_months()?;
        }
        Ok(())
    }

    fn flush_months(&self) -> Result<()> {
        let sums = match self.appended.borrow_mut().as_mut() {
            Some(held) => {
                held.held = 0;
                std::mem::take(&mut held.sums)
            }
            None => return Ok(()),
        };
        const UPSERT: &str = " ON CONFLICT(status, month, member) \
             DO UPDATE SET points = award_months.points + excluded.points";
        let sums: Vec<_> = sums
            .into_iter()
            .flat_map(|((status, year, month), members)| {
                let month = format!("{year:04}-{month:02}");
                members
                    .into_iter()
                    .filter(|(_, cents)| *cents != 0)
                    .map(move |(member, cents)| ((status, month.clone(), member), cents))
            })
            .collect();
        if let crate::store::sql::Conn::Pg(pg) = self.conn() {
            // Many sums to a statement: each statement is a round trip,
            // written behind while a bulk write goes on.
            let mut rest = &sums[..];
            while !rest.is_empty() {
                let (chunk, after) = rest.split_at(statement_rows(rest.len()));
                rest = after;
                let marks: Vec<String> = (0..chunk.len())
                    .map(|i| {
                        format!(
                            "(?{}, ?{}, ?{}, ?{})",
                            4 * i + 1,
                            4 * i + 2,
                            4 * i + 3,
                            4 * i + 4
                        )
                    })
                    .collect();
                let values: Vec<crate::store::sql::Value<'_>> = chunk
                    .iter()
                    .flat_map(|((status, month, member), cents)| {
                        [
                            crate::store::sql::Value::Text(status.as_str().as_bytes()),
                            crate::store::sql::Value::Text(month.as_bytes()),
                            crate::store::sql::Value::Text(member.as_bytes()),
                            crate::store::sql::Value::Int(*cents),
                        ]
                    })
                    .collect();
                pg.execute_behind(
                    &format!(
                        "INSERT INTO award_months VALUES {}{UPSERT}",
                        marks.join(", ")
                    ),
                    &crate::store::sql::arg_list(&values),
                )?;
            }
            return Ok(());
        }
        let mut st = self.conn().prepare(&format!(
            "INSERT INTO award_months VALUES (?1, ?2, ?3, ?4){UPSERT}"
        ))?;
        for ((status, month, member), cents) in sums {
            st.execute(args![status.as_str(), month, member, cents])?;
        }
        Ok(())
    }

    /// A bulk write ends: its sums written, the triggers back.
    pub(super) fn months_by_triggers(&self) -> Result<()> {
        self.flush_months()?;
        *self.appended.borrow_mut() = None;
        self.conn().batch(if self.conn().is_pg() {
            "SET LOCAL merit.months_by_hand = 'off'"
        } else {
            TRIGGERS
        })?;
        Ok(())
    }

    /// A bulk decision of `n` awards begins: from this many on, the month
    /// sums are kept by hand (two writes per award saved) until
    /// `end_bulk_decisions`.
    pub fn bulk_decisions(&self, n: usize) -> Result<bool> {
        let bulk = n >= BULK_DECISIONS && self.appended.borrow().is_none();
        if bulk {
            self.months_by_hand()?;
        }
        Ok(bulk)
    }

    /// Ends what `bulk_decisions` began.
    pub fn end_bulk_decisions(&self) -> Result<()> {
        self.months_by_triggers()
    }

    /// A recalc writing awards one at a time begins, on PostgreSQL: the
    /// month sums are kept by hand until `end_sums_by_hand` (the triggers
    /// updated one row of the table per award written, a version of it
    /// each, which every later update of it walked). Whether it began.
    pub fn sums_by_hand(&self) -> Result<bool> {
        let by_hand = self.conn().is_pg() && self.appended.borrow().is_none();
        if by_hand {
            self.months_by_hand()?;
            // The awards are read by their indexes: a plan the server
            // kept from when they were few (a scan of the whole table, as
            // cheap as any for a page of rows) read them all for every
            // award written, as the table grew (a quarter's store given
            // 100 000 new awards: more than five minutes, SQLite one
            // second). Plans kept from before are made again.
            self.conn()
                .batch("SET LOCAL enable_seqscan = off; DISCARD PLANS")?;
        }
        Ok(by_hand)
    }

    /// Ends what `sums_by_hand` began.
    pub fn end_sums_by_hand(&self) -> Result<()> {
        self.months_by_triggers()?;
        self.conn().batch("SET LOCAL enable_seqscan TO DEFAULT")
    }
}

/// How many of `left` sums the next statement writes: a thousand, then
/// the rest in powers of two. A statement of a new length is prepared
/// first, a question that waits for the pipe to empty: a first recalc
/// writing its sums month by month asks eleven at most, not one a month.
fn statement_rows(left: usize) -> usize {
    const MOST: usize = 1_000;
    if left >= MOST {
        MOST
    } else {
        1 << left.ilog2()
    }
}

/// From this many awards decided at once, the sums are kept by hand.
const BULK_DECISIONS: usize = 2_000;

/// A date's month as the table keys it (`substr(date, 1, 7)`): 2026-07.
fn month_text(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

/// The whole months within `from..=to`: (first day, last day), if any.
fn whole_months(from: NaiveDate, to: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let first = if from.day() == 1 {
        from
    } else {
        let (y, m) = if from.month() == 12 {
            (from.year() + 1, 1)
        } else {
            (from.year(), from.month() + 1)
        };
        NaiveDate::from_ymd_opt(y, m, 1)?
    };
    let after = to.succ_opt()?;
    let last = if after.day() == 1 {
        to
    } else {
        NaiveDate::from_ymd_opt(to.year(), to.month(), 1)?.pred_opt()?
    };
    (first <= last).then_some((first, last))
}

impl Db<'_> {
    /// Points per member dated `from..=to`, approved (and pending if
    /// asked): whole months from `award_months`, the days around them
    /// from the awards.
    pub fn points_by_member(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        include_pending: bool,
    ) -> Result<HashMap<String, Points>> {
        let statuses = if include_pending {
            "('approved', 'pending')"
        } else {
            "('approved')"
        };
        let mut cents: HashMap<String, i64> = HashMap::new();
        let mut add = |rows: &mut crate::store::sql::Rows| -> Result<()> {
            while let Some(r) = rows.next()? {
                let r = &r;
                let member = r.str(0)?;
                let points: i64 = r.get(1)?;
                let sum = match cents.get_mut(member) {
                    Some(sum) => sum,
                    None => cents.entry(member.to_string()).or_default(),
                };
                *sum = sum.checked_add(points).ok_or_else(|| {
                    Error::failed(crate::msg!(
                        "store-member-points-out-of-range",
                        member = member
                    ))
                })?;
            }
            Ok(())
        };
        // Summed here rather than by GROUP BY, whose temporary b-tree took
        // three quarters of the time over a quarter of a million awards.
        let mut days = self.0.prepare(&format!(
            "SELECT member, points FROM awards WHERE date BETWEEN ?1 AND ?2 AND status IN {statuses}"
        ))?;
        let mut raw = |a: NaiveDate, b: NaiveDate| -> Result<()> {
            add(&mut days.query(args![date_text(a), date_text(b)])?)
        };
        match whole_months(from, to) {
            None => raw(from, to)?,
            Some((first, last)) => {
                if from < first {
                    raw(from, first.pred_opt().unwrap_or(first))?;
                }
                if last < to {
                    raw(last.succ_opt().unwrap_or(last), to)?;
                }
                let mut months = self.0.prepare(&format!(
                    "SELECT member, points FROM award_months WHERE month BETWEEN ?1 AND ?2 \
                     AND status IN {statuses}"
                ))?;
                add(&mut months.query(args![month_text(first), month_text(last)])?)?;
            }
        }
        Ok(cents
            .into_iter()
            .map(|(m, c)| (m, Points::from_cents(c)))
            .collect())
    }
}

impl Db<'_> {
    /// The month sums against the awards they sum, one streamed pass over
    /// the awards by status and date: what `verify` says of each that
    /// differs, up to `most`.
    pub fn month_sums_differ(&self, most: usize) -> Result<Vec<crate::message::Msg>> {
        let mut out = Vec::new();
        let mut sums = self.0.prepare(
            "SELECT member, points FROM award_months WHERE status = ?1 AND month = ?2 AND points <> 0",
        )?;
        let mut compare = |group: &(String, String),
                           summed: &mut rustc_hash::FxHashMap<String, i64>,
                           out: &mut Vec<crate::message::Msg>|
         -> Result<()> {
            let mut rows = sums.query(args![group.0, group.1])?;
            while let Some(r) = rows.next()? {
                let r = &r;
                let member: String = r.get(0)?;
                let kept: i64 = r.get(1)?;
                let from_awards = summed.remove(&member).unwrap_or(0);
                if kept != from_awards {
                    out.push(differ(group, &member, kept, from_awards));
                }
            }
            for (member, from_awards) in summed.drain() {
                if from_awards != 0 {
                    out.push(differ(group, &member, 0, from_awards));
                }
            }
            Ok(())
        };
        let mut st = self.0.prepare(&format!(
            "SELECT status, substr(date, 1, 7), member, points FROM awards \
             WHERE {} ORDER BY status, date",
            super::awards::ALL_STATUSES
        ))?;
        let mut rows = st.query(args![])?;
        let mut group: Option<(String, String)> = None;
        let mut seen = std::collections::HashSet::new();
        let mut summed = rustc_hash::FxHashMap::<String, i64>::default();
        while let Some(r) = rows.next()? {
            let r = &r;
            let status = r.str(0)?;
            let month = r.str(1)?;
            if group
                .as_ref()
                .is_none_or(|(s, m)| s != status || m != month)
            {
                if let Some(g) = group.take() {
                    compare(&g, &mut summed, &mut out)?;
                    seen.insert(g);
                }
                group = Some((status.to_string(), month.to_string()));
            }
            let member = r.str(2)?;
            let points: i64 = r.get(3)?;
            let sum = match summed.get_mut(member) {
                Some(sum) => sum,
                None => summed.entry(member.to_string()).or_default(),
            };
            *sum = sum.saturating_add(points);
        }
        if let Some(g) = group.take() {
            compare(&g, &mut summed, &mut out)?;
            seen.insert(g);
        }
        // Sums of months no award is dated in.
        let mut st = self
            .0
            .prepare("SELECT DISTINCT status, month FROM award_months WHERE points <> 0")?;
        let groups: Vec<(String, String)> =
            st.query_map(args![], |r| Ok((r.get(0)?, r.get(1)?)))?;
        for g in groups.into_iter().filter(|g| !seen.contains(g)) {
            compare(&g, &mut Default::default(), &mut out)?;
        }
        out.truncate(most);
        Ok(out)
    }
}

fn differ(
    group: &(String, String),
    member: &str,
    kept: i64,
    from_awards: i64,
) -> crate::message::Msg {
    crate::msg!(
        "verify-month-sum-differs",
        member = member,
        status = &group.0,
        month = &group.1,
        kept = Points::from_cents(kept),
        awards = Points::from_cents(from_awards)
    )
}

#[cfg(test)]
mod tests {
    use super::{statement_rows, whole_months};

    #[test]
    fn sums_go_in_statements_of_eleven_lengths_at_most() {
        let mut lengths = std::collections::BTreeSet::new();
        for n in 1..=2_500 {
            let mut left = n;
            while left > 0 {
                let rows = statement_rows(left);
                assert!((1..=left).contains(&rows), "{n}: {rows} of {left}");
                lengths.insert(rows);
                left -= rows;
            }
        }
        assert_eq!(lengths.len(), 11, "{lengths:?}");
    }
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        crate::domain::parse_date(s).unwrap()
    }

    #[test]
    fn the_whole_months_of_a_span_are_those_it_covers_from_first_to_last_day() {
        assert_eq!(
            whole_months(d("2026-07-01"), d("2026-09-30")),
            Some((d("2026-07-01"), d("2026-09-30")))
        );
        assert_eq!(
            whole_months(d("2026-07-02"), d("2026-09-30")),
            Some((d("2026-08-01"), d("2026-09-30")))
        );
        assert_eq!(
            whole_months(d("2026-12-15"), d("2027-02-27")),
            Some((d("2027-01-01"), d("2027-01-31")))
        );
        assert_eq!(whole_months(d("2026-03-02"), d("2026-03-31")), None);
        assert_eq!(whole_months(d("2026-03-30"), d("2026-04-05")), None);
    }
}
