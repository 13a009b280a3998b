//! Rows a bulk write on PostgreSQL numbers itself: a first import's
//! activities and a first recalc's awards take their ids from merit, from
//! one `nextval` on, instead of the server's drawing the identity row by
//! row; the write then moves the table's sequence past them (as the
//! tables' owner, `merit_ids_taken`: a lead's role may use a sequence but
//! not set it) and checks the ids it gave are the table's. One writer at a
//! time holds the store's lock, so no other row takes an id meanwhile.

use super::Tx;
use crate::error::Result;
use crate::store::sql::args;

/// Whose ids merit gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnIds {
    Activities,
    Awards,
}

impl OwnIds {
    fn table(self) -> &'static str {
        match self {
            OwnIds::Activities => "activities",
            OwnIds::Awards => "awards",
        }
    }

    fn column(self) -> &'static str {
        match self {
            OwnIds::Activities => "rowid",
            OwnIds::Awards => "id",
        }
    }
}

impl Tx<'_> {
    /// The first id merit gives `rows`, drawn from the table's sequence;
    /// `None` on a schema before 8, whose `merit_ids_taken` `end_own_ids`
    /// cannot call, and where the server numbers them.
    pub fn first_own_id(&self, rows: OwnIds) -> Result<Option<i64>> {
        self.conn().one(
            &format!(
                "SELECT CASE WHEN to_regprocedure('merit_ids_taken(text, bigint, bigint)') IS NOT NULL \
                 THEN nextval(pg_get_serial_sequence('{}', '{}')) END",
                rows.table(),
                rows.column()
            ),
            args![],
        )
    }

    /// After merit gave `rows` the ids `first` to `next - 1`: the table's
    /// sequence moved past them, so that the rows the server numbers come
    /// after; the write fails, rather than keep rows under ids another
    /// may hold, if anyone drew from the sequence since merit drew
    /// `first` (schema 8's `merit_ids_taken` tells).
    pub fn end_own_ids(&self, rows: OwnIds, first: i64, next: i64) -> Result<()> {
        let in_step: bool = self.conn().one(
            &format!(
                "SELECT merit_ids_taken('{}', {first}, {})",
                rows.table(),
                next - 1
            ),
            args![],
        )?;
        if in_step {
            Ok(())
        } else {
            Err(crate::error::Error::failed(crate::msg!(
                "store-ids-out-of-step",
                table = rows.table()
            )))
        }
    }
}
