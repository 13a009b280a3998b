//! Writing the chains behind: while a bulk decision runs, its ledger and
//! audit entries (ids, running balances and hashes all computed in merit)
//! are held and written many to a statement. On PostgreSQL every statement
//! is a round trip; a quarter's approval wrote two an award. Nothing in the
//! transaction reads either table while entries are held: the chains'
//! heads and the balances are read from what the transaction keeps
//! (`ledger::Posted`, the audit head), and the held rows are written
//! before anything else is (`write_posted`, the seal).

use super::Tx;
use super::ledger::{CHAIN_COLUMNS, ChainRow};
use crate::error::Result;
use crate::store::sql::{Value, arg_list};
use std::cell::{Cell, RefCell};

/// An audit entry as written.
#[derive(Debug, Clone)]
pub(super) struct AuditRow {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: Option<String>,
    pub detail: String,
    pub hash: String,
    pub said: Option<String>,
}

const AUDIT_COLUMNS: &str = "id, at, actor, action, subject, detail, hash, said";

/// The entries held, and whether entries are held at all now.
#[derive(Debug, Default)]
pub(super) struct Behind {
    on: Cell<bool>,
    ledger: RefCell<Vec<ChainRow>>,
    audit: RefCell<Vec<AuditRow>>,
}

/// How many rows one statement writes: few on SQLite, where a statement
/// costs no round trip; a thousand on PostgreSQL (12 000 parameters of the
/// 65 535 a statement may have).
pub(super) fn rows_per_statement(tx: &Tx) -> usize {
    if tx.is_postgres() { 1_000 } else { 64 }
}

/// `INSERT INTO table(columns) VALUES (?1, …), …` for `rows` rows.
pub(super) fn insert_sql(table: &str, columns: &str, rows: usize) -> String {
    let n = columns.split(", ").count();
    let mut sql = format!("INSERT INTO {table}({columns}) VALUES ");
    for r in 0..rows {
        sql.push_str(if r == 0 { "(" } else { ", (" });
        for c in 1..=n {
            if c > 1 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("?{}", r * n + c));
        }
        sql.push(')');
    }
    sql
}

fn text(s: &str) -> Value<'_> {
    Value::Text(s.as_bytes())
}

fn text_or_null(s: Option<&str>) -> Value<'_> {
    s.map_or(Value::Null, text)
}

fn int_or_null(n: Option<i64>) -> Value<'static> {
    n.map_or(Value::Null, Value::Int)
}

impl Tx<'_> {
    /// From now until `write_behind_end`, the ledger's and the audit log's
    /// new entries are held and written a batch at a time.
    pub fn write_behind(&self) {
        self.behind.on.set(true);
    }

    /// Writes what is held; entries go straight in again.
    pub fn write_behind_end(&self) -> Result<()> {
        self.flush_behind()?;
        self.behind.on.set(false);
        Ok(())
    }

    /// Writes ledger entries now, or holds them while writing behind.
    pub(super) fn write_ledger_row(&self, row: ChainRow) -> Result<()> {
        let full = {
            let mut held = self.behind.ledger.borrow_mut();
            held.push(row);
            held.len() >= rows_per_statement(self) || !self.behind.on.get()
        };
        if full { self.flush_ledger() } else { Ok(()) }
    }

    /// Writes an audit entry now, or holds it while writing behind.
    pub(super) fn write_audit_row(&self, row: AuditRow) -> Result<()> {
        let full = {
            let mut held = self.behind.audit.borrow_mut();
            held.push(row);
            held.len() >= rows_per_statement(self) || !self.behind.on.get()
        };
        if full { self.flush_audit() } else { Ok(()) }
    }

    /// Writes every held entry.
    fn flush_behind(&self) -> Result<()> {
        self.flush_ledger()?;
        self.flush_audit()
    }

    fn flush_ledger(&self) -> Result<()> {
        let rows = std::mem::take(&mut *self.behind.ledger.borrow_mut());
        for chunk in rows.chunks(rows_per_statement(self)) {
            let mut values: Vec<Value<'_>> = Vec::with_capacity(chunk.len() * 12);
            for r in chunk {
                values.extend([
                    Value::Int(r.id),
                    text(&r.member),
                    text(&r.date),
                    text(&r.kind),
                    Value::Int(r.points),
                    int_or_null(r.award_id),
                    text(&r.note),
                    text(&r.actor),
                    text(&r.created_at),
                    int_or_null(r.balance_after),
                    text_or_null(r.prev_hash.as_deref()),
                    text_or_null(r.hash.as_deref()),
                ]);
            }
            self.write_rows("ledger", CHAIN_COLUMNS, &values)?;
        }
        Ok(())
    }

    fn flush_audit(&self) -> Result<()> {
        let rows = std::mem::take(&mut *self.behind.audit.borrow_mut());
        for chunk in rows.chunks(rows_per_statement(self)) {
            let mut values: Vec<Value<'_>> = Vec::with_capacity(chunk.len() * 8);
            for r in chunk {
                values.extend([
                    Value::Int(r.id),
                    text(&r.at),
                    text(&r.actor),
                    text(&r.action),
                    text_or_null(r.subject.as_deref()),
                    text(&r.detail),
                    text(&r.hash),
                    text_or_null(r.said.as_deref()),
                ]);
            }
            self.write_rows("audit", AUDIT_COLUMNS, &values)?;
        }
        Ok(())
    }

    /// Inserts rows of `columns`, their values one row after another: on
    /// PostgreSQL a batch as one `COPY` (a statement of thousands of
    /// parameters is bound one by one), a row or a few as an `INSERT`.
    fn write_rows(&self, table: &str, columns: &str, values: &[Value<'_>]) -> Result<()> {
        let n = columns.split(", ").count();
        let rows = values.len() / n;
        if let crate::store::sql::Conn::Pg(pg) = self.conn()
            && rows >= COPY_FROM
        {
            return pg.copy_in_behind(
                &format!("COPY {table}({columns}) FROM STDIN"),
                copy_lines(values, n),
            );
        }
        self.conn()
            .prepare(&insert_sql(table, columns, rows))?
            .execute(&arg_list(values))?;
        Ok(())
    }
}

/// From this many rows a batch goes by `COPY` (which costs a round trip
/// more than an `INSERT`).
const COPY_FROM: usize = 16;

/// `values` as lines of `COPY`'s text format, `n` to a line.
fn copy_lines(values: &[Value<'_>], n: usize) -> String {
    use crate::store::sql::copy_field;
    use std::fmt::Write as _;
    let mut out = String::with_capacity(values.len() * 24);
    for row in values.chunks(n) {
        for (k, v) in row.iter().enumerate() {
            match v {
                Value::Null => copy_field(&mut out, None, k > 0),
                // Numbers need no escapes: written straight in.
                Value::Int(i) => {
                    if k > 0 {
                        out.push('\t');
                    }
                    let _ = write!(out, "{i}");
                }
                Value::Real(r) => copy_field(&mut out, Some(&r.to_string()), k > 0),
                // merit's texts are strings: no bytes are lost.
                Value::Text(t) | Value::Blob(t) => match std::str::from_utf8(t) {
                    Ok(t) => copy_field(&mut out, Some(t), k > 0),
                    Err(_) => copy_field(&mut out, Some(&String::from_utf8_lossy(t)), k > 0),
                },
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::insert_sql;

    #[test]
    fn one_statement_numbers_every_rows_parameters_in_turn() {
        assert_eq!(
            insert_sql("t", "a, b", 2),
            "INSERT INTO t(a, b) VALUES (?1, ?2), (?3, ?4)"
        );
    }
}
