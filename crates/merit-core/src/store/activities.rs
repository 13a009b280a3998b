//! Activities: stored by `ref`, read by date range through the date index.

use super::bulk::BulkIndex;
use super::members::Change;
use super::{Db, Tx, date_text, parse_stored_date};
use crate::domain::{Activity, Attrs, format_decimal, parse_any_decimal};
use crate::error::Result;
use crate::store::sql::{Row, Value, args};
use chrono::{Datelike, NaiveDate};

fn activity_row(r: &Row) -> Result<Activity> {
    // Read in place: a year of activities is read at a time.
    let date = r.str(3)?;
    let amount = r.str(4)?;
    let attrs = r.str(5)?;
    let bad = super::damaged_value;
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
            .prepare(&format!("SELECT {COLUMNS} FROM activities WHERE ref = ?1"))?;
        st.query_opt(args![reference], activity_row)
    }

    /// Activities dated `from..=to`.
    pub fn activities_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Activity>> {
        let mut st = self.0.prepare(&format!(
            "SELECT {COLUMNS} FROM activities WHERE date BETWEEN ?1 AND ?2"
        ))?;
        // Counted first (through the date index), so a year of activities
        // is held in a vector of its size, not up to twice that. A month
        // on PostgreSQL is not: there the count was a second scan the
        // scoring waited on (a tenth of a first recalc's reads), and a
        // month's vector grows as its rows come.
        let n: i64 = if self.0.is_pg() && (to - from).num_days() < 31 {
            0
        } else {
            self.0
                .prepare("SELECT count(*) FROM activities WHERE date BETWEEN ?1 AND ?2")?
                .query_row(args![date_text(from), date_text(to)], |r| r.get(0))?
        };
        let mut out = Vec::with_capacity(usize::try_from(n).unwrap_or(0));
        st.stream_each(args![date_text(from), date_text(to)], |r| {
            out.push(activity_row(r)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// The first and last activity dates, if there are any.
    pub fn activity_span(&self) -> Result<Option<(NaiveDate, NaiveDate)>> {
        let (min, max): (Option<String>, Option<String>) = self.0.query_row(
            "SELECT min(date), max(date) FROM activities",
            args![],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
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
        let mut st = self.0.prepare(&format!(
            "SELECT {COLUMNS}, rowid FROM activities WHERE ref = ?1"
        ))?;
        st.query_opt(args![reference], |r| Ok((r.get(6)?, activity_row(r)?)))
    }

    /// The highest row id so far, 0 while there are no activities:
    /// activities are never deleted, so rows inserted from now on have
    /// higher ids. On PostgreSQL, where no index holds the ids in order
    /// (schema 8), the last id the table's sequence gave: the highest, or
    /// past it by ids a write that failed drew. A sequence set but never
    /// drawn from (as an earlier merit's `merit copy` left it) tells
    /// nothing: then the table is read for the highest.
    pub fn activities_watermark(&self) -> Result<i64> {
        let sql = if self.0.is_pg() {
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM activities) THEN coalesce(\
             pg_sequence_last_value(pg_get_serial_sequence('activities', 'rowid')::regclass), \
             (SELECT max(rowid) FROM activities)) ELSE 0 END"
        } else {
            "SELECT coalesce(max(rowid), 0) FROM activities"
        };
        self.0.query_row(sql, args![], |r| r.get(0))
    }
}

/// The columns of an activity written out as stored: its date, amount and
/// attributes (the texts it holds are bound borrowed; an import binds a
/// million of these).
struct Written {
    date: String,
    amount: String,
    attrs: String,
}

impl Written {
    fn of(a: &Activity) -> Written {
        Written {
            date: date_text(a.date),
            amount: format_decimal(a.amount),
            attrs: serde_json::to_string(&a.attrs).unwrap_or_else(|_| "{}".into()),
        }
    }

    /// The six cells in the order of `COLUMNS`.
    fn cells<'a>(&'a self, a: &'a Activity) -> [Value<'a>; 6] {
        let text = |s: &'a str| Value::Text(s.as_bytes());
        [
            text(&a.reference),
            text(&a.member),
            text(&a.kind),
            text(&self.date),
            text(&self.amount),
            text(&self.attrs),
        ]
    }
}

/// `cell` as a field of `COPY`'s text format.
fn as_args<'a>(cells: &'a [Value<'a>; 6]) -> [&'a dyn crate::store::sql::Arg; 6] {
    cells.each_ref().map(|c| c as &dyn crate::store::sql::Arg)
}

/// A batch as lines of `COPY`'s text format, each numbered first when
/// `numbered` (by `first` on: the batch's own order, or the row ids the
/// batch takes).
fn copy_text(batch: &[&Activity], written: &[Written], numbered: Option<i64>) -> String {
    use crate::store::sql::copy_field;
    use std::fmt::Write;
    // About a line's length each, so that the text grows once or twice,
    // not a dozen times over a batch.
    let mut text = String::with_capacity(batch.len() * 96);
    for (i, (a, x)) in batch.iter().zip(written).enumerate() {
        if let Some(first) = numbered {
            let _ = write!(text, "{}\t", first + i as i64);
        }
        for (k, cell) in [
            &a.reference,
            &a.member,
            &a.kind,
            &x.date,
            &x.amount,
            &x.attrs,
        ]
        .into_iter()
        .enumerate()
        {
            copy_field(&mut text, Some(cell), k > 0);
        }
        text.push('\n');
    }
    text
}

/// What writing one activity of a batch found.
#[derive(Debug, Clone)]
pub enum Batched {
    /// Its ref was new: the row id it took.
    New(i64),
    /// Its ref was there (stored before, or earlier in the batch): the
    /// row as stored and its id.
    Stored(Option<(i64, Activity)>),
}

impl Tx<'_> {
    /// Inserts an activity whose ref is new, returning its row id; `None`
    /// when the ref is already stored (nothing is written).
    pub fn insert_activity(&self, a: &Activity) -> Result<Option<i64>> {
        let written = Written::of(a);
        let cells = written.cells(a);
        const INSERT: &str = "INSERT INTO activities(ref, member, kind, date, amount, attrs) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(ref) DO NOTHING";
        let conn = self.conn();
        self.require_indexes(&[BulkIndex::ActivitiesByRef])?;
        // SQLite runs a statement with RETURNING through a temporary table
        // and a statement journal (a million-row import took half again as
        // long); its connection knows the row id the insert took.
        let inserted = if conn.is_pg() {
            conn.prepare(&format!("{INSERT} RETURNING rowid"))?
                .query_opt(&as_args(&cells), |r| r.get::<i64>(0))?
        } else {
            match conn.prepare(INSERT)?.execute(&as_args(&cells))? {
                0 => None,
                _ => Some(conn.last_insert_id()?),
            }
        };
        let Some(rowid) = inserted else {
            return Ok(None);
        };
        self.input_inserted(super::inputs::Input::Activities, &cells);
        self.unscore_year(a.date.year())?;
        Ok(Some(rowid))
    }

    /// Inserts the activities of `batch` whose refs are new, in order:
    /// each one's row id, or where the ref was already stored or came
    /// earlier in the batch, the stored row and its id. On PostgreSQL, when `all_new` (the import's
    /// batches have been new refs so far), the batch is copied straight
    /// into the table, one statement; a ref already there undoes that
    /// copy (a savepoint) and the batch goes the careful way: copied into
    /// a temporary table, then inserted from it where the ref is new. The
    /// second element says whether the straight copy held.
    pub fn insert_activities(
        &self,
        batch: &[&Activity],
        all_new: bool,
    ) -> Result<(Vec<Batched>, bool)> {
        let conn = self.conn();
        let crate::store::sql::Conn::Pg(pg) = conn else {
            let mut out = Vec::with_capacity(batch.len());
            for a in batch {
                out.push(match self.insert_activity(a)? {
                    Some(id) => Batched::New(id),
                    None => Batched::Stored(self.db().activity_with_rowid(&a.reference)?),
                });
            }
            return Ok((out, false));
        };
        // The straight copy counts on the index to refuse a ref already
        // there, and the careful way names it as its conflict target.
        self.require_indexes(&[BulkIndex::ActivitiesByRef])?;
        let written: Vec<Written> = batch.iter().map(|a| Written::of(a)).collect();
        let copy = |into: &str, numbered: Option<i64>| {
            pg.copy_in(into, &copy_text(batch, &written, numbered))
        };
        let stored = |a: &Activity, x: &Written| self.stored_activity(a, x);
        if all_new {
            conn.batch("SAVEPOINT merit_batch")?;
            let copied = copy(
                "COPY activities(ref, member, kind, date, amount, attrs) FROM STDIN",
                None,
            );
            match copied {
                Ok(()) => {
                    conn.batch("RELEASE SAVEPOINT merit_batch")?;
                    // One statement's rows take consecutive ids (one
                    // writer at a time holds the store's lock).
                    let last = conn.last_insert_id()?;
                    let first = last - batch.len() as i64 + 1;
                    let mut out = Vec::with_capacity(batch.len());
                    for (i, (a, x)) in batch.iter().zip(&written).enumerate() {
                        stored(a, x)?;
                        out.push(Batched::New(first + i as i64));
                    }
                    return Ok((out, true));
                }
                // A ref already stored (or twice in the batch), or anything
                // else: the careful way says what, or fails as it would.
                Err(_) => {
                    conn.batch("ROLLBACK TO SAVEPOINT merit_batch; RELEASE SAVEPOINT merit_batch")?;
                }
            }
        }
        conn.batch(
            "CREATE TEMP TABLE IF NOT EXISTS merit_incoming(ord bigint, ref text COLLATE \"C\", \
             member text COLLATE \"C\", kind text COLLATE \"C\", date text COLLATE \"C\", \
             amount text COLLATE \"C\", attrs text COLLATE \"C\") ON COMMIT DELETE ROWS",
        )?;
        copy("COPY merit_incoming FROM STDIN", Some(0))?;
        let inserted: Vec<(i64, String)> = conn.query_returning(
            "INSERT INTO activities(ref, member, kind, date, amount, attrs) \
             SELECT ref, member, kind, date, amount, attrs FROM merit_incoming ORDER BY ord \
             ON CONFLICT (ref) DO NOTHING RETURNING rowid, ref",
            args![],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut ids: std::collections::HashMap<String, i64> =
            inserted.into_iter().map(|(id, r)| (r, id)).collect();
        // The rows whose refs were there, read in one statement (a million
        // refs imported again cost a million round trips).
        let mut there: std::collections::HashMap<String, (i64, Activity)> = Default::default();
        if ids.len() < batch.len() {
            let mut st = conn.prepare(&format!(
                "SELECT {}, a.rowid FROM activities a JOIN merit_incoming i ON i.ref = a.ref",
                COLUMNS
                    .split(", ")
                    .map(|c| format!("a.{c}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))?;
            st.query_each(args![], |r| {
                let a = activity_row(r)?;
                there.insert(a.reference.clone(), (r.get(6)?, a));
                Ok(())
            })?;
        }
        conn.batch("TRUNCATE merit_incoming")?;
        let mut out = Vec::with_capacity(batch.len());
        for (a, x) in batch.iter().zip(&written) {
            out.push(match ids.remove(&a.reference) {
                Some(id) => {
                    stored(a, x)?;
                    Batched::New(id)
                }
                None => Batched::Stored(there.get(&a.reference).cloned()),
            });
        }
        Ok((out, false))
    }

    /// Copies activities whose refs merit knows are new (the table held
    /// none when the import began, and the file repeats none) straight
    /// into the table, numbered from `first` on by merit itself (one
    /// writer at a time holds the store's lock; `first_own_id` and
    /// `own_ids_taken` keep the table's sequence out of their way);
    /// PostgreSQL only. Inside `pipelined` the server copies this batch
    /// while merit reads the next.
    pub fn copy_new_activities(&self, batch: &[&Activity], first: i64) -> Result<()> {
        let crate::store::sql::Conn::Pg(pg) = self.conn() else {
            unreachable!("copied only into PostgreSQL");
        };
        let written: Vec<Written> = batch.iter().map(|a| Written::of(a)).collect();
        pg.copy_in_behind(
            "COPY activities(rowid, ref, member, kind, date, amount, attrs) FROM STDIN",
            copy_text(batch, &written, Some(first)),
        )?;
        for (a, x) in batch.iter().zip(&written) {
            self.stored_activity(a, x)?;
        }
        Ok(())
    }

    /// What a new activity's row changes beside the table: the inputs'
    /// digest and its year's scoring.
    fn stored_activity(&self, a: &Activity, x: &Written) -> Result<()> {
        self.input_inserted(super::inputs::Input::Activities, &x.cells(a));
        self.unscore_year(a.date.year())
    }

    /// Replaces the stored activity `old` with `a` (same ref).
    pub fn update_activity(&self, a: &Activity, old: &Activity) -> Result<()> {
        self.unscore_year(a.date.year())?;
        self.unscore_year(old.date.year())?;
        let key = [a.reference.as_str()];
        self.input_leaving(super::inputs::Input::Activities, &key)?;
        self.conn()
            .prepare(
                "UPDATE activities SET member = ?2, kind = ?3, date = ?4, amount = ?5, attrs = ?6 WHERE ref = ?1",
            )?
            .execute(&as_args(&Written::of(a).cells(a)))?;
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
        let mut st = self.0.prepare(
            "SELECT member, amount FROM activities WHERE kind = ?1 AND date BETWEEN ?2 AND ?3",
        )?;
        let mut out = std::collections::HashMap::new();
        st.query_each(args![kind, date_text(from), date_text(to)], |r| {
            let member: String = r.get(0)?;
            let amount: String = r.get(1)?;
            if let Ok(a) = parse_any_decimal(&amount) {
                *out.entry(member).or_default() += a;
            }
            Ok(())
        })?;
        Ok(out)
    }
}
