//! A whole store copied into an empty one, row for row, whatever engine
//! each is kept in (`merit copy`): the chains, the audit log, the kept
//! digests and the store's id arrive as they were; the month sums are
//! made again by the destination's triggers and its seal by the write
//! that copies.

use super::sql::{Arg, OwnedValue, arg_list, args};
use super::{Db, Tx};
use crate::error::Result;

/// A table copied: its name, its columns (as SQLite's `*` has them, with
/// a row id where one is kept), and the order rows are read in.
struct Copied {
    table: &'static str,
    columns: &'static str,
    order: &'static str,
}

const fn t(table: &'static str, columns: &'static str, order: &'static str) -> Copied {
    Copied {
        table,
        columns,
        order,
    }
}

/// Every table merit keeps, parents before the rows that name them. Not
/// here: the seal (the copy's write seals), the month sums (the triggers
/// keep them as the awards arrive), the store's id and the kept digests
/// (set apart, `copy_into`).
const TABLES: &[Copied] = &[
    t("members", "code, name, team, joined, active", "code"),
    t(
        "rewards",
        "rowid, code, name, cost, stock, category, active",
        "rowid",
    ),
    t(
        "activities",
        "rowid, ref, member, kind, date, amount, attrs",
        "rowid",
    ),
    t(
        "targets",
        "member, period, metric, target",
        "member, period, metric",
    ),
    t(
        "rules",
        "seq, id, kind, valid_from, valid_to, active, body, saved_at, saved_by, replaced_at, replaced_by",
        "seq",
    ),
    t("settings", "key, value", "key"),
    t(
        "awards",
        "id, kind, rule_id, member, subject, date, points, category, explanation, reason, status, \
         created_at, created_by, decided_at, decided_by, decision_reason, title, explain",
        "id",
    ),
    t(
        "ledger",
        "id, member, date, kind, points, award_id, note, actor, created_at, balance_after, \
         prev_hash, hash",
        "id",
    ),
    t("ledger_head", "one, last, hash", "one"),
    t("member_balances", "member, last_id, balance", "member"),
    t(
        "audit",
        "id, at, actor, action, detail, subject, hash, said",
        "id",
    ),
    t("audit_head", "one, last, hash", "one"),
    t(
        "redemptions",
        "id, member, reward, qty, points, status, requested_on, requested_by, decided_at, \
         decided_by, decision_reason",
        "id",
    ),
    t(
        "reward_limits",
        "rowid, code, limit_qty, limit_per, available_from, available_to",
        "rowid",
    ),
    t(
        "closed_periods",
        "rowid, period, starts, ends, closed_at, closed_by",
        "rowid",
    ),
    t("scored_years", "year", "year"),
    t(
        "disputes",
        "id, award_id, reason, raised_by, raised_at, resolution, resolution_reason, \
         resolved_by, resolved_at, correction",
        "id",
    ),
];

/// The identity columns PostgreSQL numbers on: set past the copied rows.
const IDENTITIES: &[(&str, &str)] = &[
    ("activities", "rowid"),
    ("rewards", "rowid"),
    ("rules", "seq"),
    ("awards", "id"),
    ("ledger", "id"),
    ("audit", "id"),
    ("redemptions", "id"),
    ("reward_limits", "rowid"),
    ("closed_periods", "rowid"),
    ("disputes", "id"),
];

/// Rows written per statement.
const BATCH: usize = 200;

/// How many rows of each table were copied, in `TABLES` order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopyCounts(pub Vec<(&'static str, u64)>);

impl CopyCounts {
    /// The rows copied of `table`.
    pub fn of(&self, table: &str) -> u64 {
        self.0
            .iter()
            .find(|(t, _)| *t == table)
            .map_or(0, |(_, n)| *n)
    }
}

impl Db<'_> {
    /// Whether the store holds nothing yet: no member, no reward, no
    /// audit entry (what a copy may be written into).
    pub fn holds_nothing(&self) -> Result<bool> {
        let n: i64 = self.0.one(
            "SELECT (SELECT count(*) FROM members) + (SELECT count(*) FROM rewards) \
             + (SELECT count(*) FROM audit) + (SELECT count(*) FROM rules)",
            args![],
        )?;
        Ok(n == 0)
    }
}

impl Tx<'_> {
    /// Copies every row of `from` into this (empty) store; its id and kept
    /// digests become `from`'s.
    pub fn copy_into(
        &self,
        from: Db<'_>,
        mut progress: impl FnMut(&str, u64),
    ) -> Result<CopyCounts> {
        let to = self.conn();
        let mut counts = CopyCounts::default();
        for c in TABLES {
            let n = copy_table(from, self, c, &mut progress)?;
            counts.0.push((c.table, n));
        }
        let id: String = from
            .0
            .one("SELECT id FROM store_meta WHERE one = 1", args![])?;
        to.execute("UPDATE store_meta SET id = ?1 WHERE one = 1", args![id])?;
        let digests: Vec<(String, String)> = from.0.query_map(
            "SELECT name, sum FROM input_digests ORDER BY name",
            args![],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        to.execute("DELETE FROM input_digests", args![])?;
        for (name, sum) in digests {
            to.execute(
                "INSERT INTO input_digests(name, sum) VALUES (?1, ?2)",
                args![name, sum],
            )?;
        }
        if to.is_pg() {
            for (table, column) in IDENTITIES {
                // Past the highest id copied, as drawn (so that the
                // sequence tells the highest id, `activities_watermark`);
                // a table copied empty keeps its sequence as it was made.
                to.one::<i64>(
                    &format!(
                        "SELECT CASE WHEN max({column}) IS NULL THEN 0 ELSE \
                         setval(pg_get_serial_sequence('{table}', '{column}'), max({column}), true) \
                         END FROM {table}"
                    ),
                    args![],
                )?;
            }
            // The planner told what the tables hold now, as after merit's
            // own bulk writes.
            for c in TABLES {
                self.analyze(c.table)?;
            }
        }
        Ok(counts)
    }
}

/// Copies one table, `BATCH` rows to a statement.
fn copy_table(
    from: Db<'_>,
    to: &Tx<'_>,
    c: &Copied,
    progress: &mut impl FnMut(&str, u64),
) -> Result<u64> {
    let width = c.columns.split(',').count();
    let insert = |rows: usize| {
        let mut sql = format!("INSERT INTO {}({}) VALUES ", c.table, c.columns);
        for r in 0..rows {
            if r > 0 {
                sql.push(',');
            }
            sql.push('(');
            for k in 0..width {
                if k > 0 {
                    sql.push(',');
                }
                sql.push_str(&format!("?{}", r * width + k + 1));
            }
            sql.push(')');
        }
        sql
    };
    let full = insert(BATCH);
    let mut held: Vec<OwnedValue> = Vec::with_capacity(BATCH * width);
    let mut n = 0u64;
    let flush = |held: &mut Vec<OwnedValue>| -> Result<()> {
        if held.is_empty() {
            return Ok(());
        }
        let rows = held.len() / width;
        let sql = if rows == BATCH {
            full.clone()
        } else {
            insert(rows)
        };
        let values: Vec<&dyn Arg> = arg_list(held);
        to.conn().prepare(&sql)?.execute(&values)?;
        held.clear();
        Ok(())
    };
    from.0.query_each(
        &format!("SELECT {} FROM {} ORDER BY {}", c.columns, c.table, c.order),
        args![],
        |r| {
            for k in 0..width {
                held.push(r.get::<OwnedValue>(k)?);
            }
            n += 1;
            if held.len() == BATCH * width {
                flush(&mut held)?;
                progress(c.table, n);
            }
            Ok(())
        },
    )?;
    flush(&mut held)?;
    progress(c.table, n);
    Ok(n)
}
