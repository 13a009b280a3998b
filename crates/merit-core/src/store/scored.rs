//! Which years' awards are known to match their inputs: a year is marked
//! scored by a recalc that left nothing undone in it, and unmarked by any
//! write to what scoring reads (activities, members, targets, rules) or by
//! reopening a period. A recalc of every period skips the scored years, so
//! running it again over a million activities costs next to nothing.

use super::{Db, Tx};
use crate::error::Result;
use crate::store::sql::args;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;

/// What a transaction has already unmarked, so a bulk import touches the
/// table once per year, not once per row.
#[derive(Debug, Default)]
pub(super) struct Unscored {
    all: Cell<bool>,
    /// (Fx's hash: a million-row import asks once a row.)
    years: RefCell<rustc_hash::FxHashSet<i32>>,
}

impl Tx<'_> {
    /// The awards of `year` may no longer match their inputs.
    pub(super) fn unscore_year(&self, year: i32) -> Result<()> {
        if self.unscored.all.get() || !self.unscored.years.borrow_mut().insert(year) {
            return Ok(());
        }
        self.conn()
            .prepare("DELETE FROM scored_years WHERE year = ?1")?
            .execute(args![year])?;
        Ok(())
    }

    /// No year's awards may match their inputs any more.
    pub(super) fn unscore_all(&self) -> Result<()> {
        if !self.unscored.all.replace(true) {
            self.conn().execute("DELETE FROM scored_years", args![])?;
        }
        Ok(())
    }

    /// A recalc brought every award of `year` in line with its inputs.
    pub fn mark_scored(&self, year: i32) -> Result<()> {
        self.conn()
            .prepare("INSERT INTO scored_years(year) VALUES (?1) ON CONFLICT DO NOTHING")?
            .execute(args![year])?;
        Ok(())
    }
}

impl Db<'_> {
    pub fn scored_years(&self) -> Result<HashSet<i32>> {
        let mut st = self.0.prepare("SELECT year FROM scored_years")?;
        let rows = st.query_map(args![], |r| r.get(0))?;
        Ok(rows.into_iter().collect())
    }
}
