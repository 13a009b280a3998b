//! Secondary indexes set aside during a bulk write: filling an index row
//! by row in an order other than its own scatters inserts over its pages,
//! while building it once at the end is one sort. Dropping and rebuilding
//! happen inside the writing transaction, so a failed or killed write
//! leaves the index as it was.
//!
//! On PostgreSQL, dropping an index would lock every reader out of its
//! table until the write commits, so nothing is dropped there. Instead the
//! indexes of `LAZY_ON_PG` do not exist while their table is empty
//! (PostgreSQL schemas 3, 4 and 7), and the write that first puts rows in builds
//! them, before it commits (`index_filled_tables`): the first import's and
//! the first recalc's rows are copied into a table without them, which is
//! what set aside means on SQLite, and readers, who see the empty table
//! until then, are never held. A write that needs one of them before it
//! commits builds it first (`ensure_indexes`; `require_indexes` for a
//! statement that names a unique index, even on the empty table). The build runs as the
//! tables' owner (the schema's `merit_build_index`), so a lead's role,
//! which may write rows but not build indexes, can be the one that fills.

use super::Tx;
use crate::error::Result;
use crate::store::sql::args;

/// An index that can be set aside and rebuilt; its definition on SQLite
/// lives here alone (PostgreSQL's, in `merit_build_index`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkIndex {
    /// Activities by date: what recalc reads a year through.
    ActivitiesByDate,
    /// Awards by status and date, covering member and points: standings,
    /// pending totals and the Ledger.
    AwardsByStatus,
    /// Computed awards by their natural key, unique.
    AwardsByKey,
    /// Activities by ref, unique: on SQLite the table's primary key, always
    /// there.
    ActivitiesByRef,
}

/// The indexes a PostgreSQL store has only once their table has rows.
const LAZY_ON_PG: &[BulkIndex] = &[
    BulkIndex::ActivitiesByRef,
    BulkIndex::ActivitiesByDate,
    BulkIndex::AwardsByKey,
    BulkIndex::AwardsByStatus,
];

impl BulkIndex {
    /// Its table.
    fn table(self) -> &'static str {
        match self {
            BulkIndex::ActivitiesByDate | BulkIndex::ActivitiesByRef => "activities",
            BulkIndex::AwardsByStatus | BulkIndex::AwardsByKey => "awards",
        }
    }

    /// Its bit in `Tx::indexed`.
    fn bit(self) -> u8 {
        1 << self as u8
    }

    fn name(self) -> &'static str {
        match self {
            BulkIndex::ActivitiesByDate => "activities_by_date",
            BulkIndex::AwardsByStatus => "awards_by_status",
            BulkIndex::AwardsByKey => "awards_by_key",
            BulkIndex::ActivitiesByRef => "activities_by_ref",
        }
    }

    /// The statement that builds it on SQLite, as the schema has it;
    /// `None` for what SQLite's table has by itself.
    fn create(self) -> Option<&'static str> {
        Some(match self {
            BulkIndex::ActivitiesByRef => return None,
            BulkIndex::ActivitiesByDate => {
                "CREATE INDEX IF NOT EXISTS activities_by_date ON activities(date)"
            }
            BulkIndex::AwardsByStatus => {
                "CREATE INDEX IF NOT EXISTS awards_by_status ON awards(status, date, id, member, points)"
            }
            BulkIndex::AwardsByKey => {
                "CREATE UNIQUE INDEX IF NOT EXISTS awards_by_key ON awards(rule_id, member, subject) \
                 WHERE kind = 'award'"
            }
        })
    }
}

/// Below this many rows a bulk write keeps its indexes: the rebuild would
/// cost more than it saves.
pub const BULK_ROWS: i64 = 10_000;

impl Tx<'_> {
    /// Drops `indexes` until `rebuild`.
    pub fn set_aside(&self, indexes: &[BulkIndex]) -> Result<()> {
        if self.conn().is_pg() {
            // Dropping an index would lock every reader out of its table
            // until the write commits: PostgreSQL keeps them.
            return Ok(());
        }
        for i in indexes.iter().filter(|i| i.create().is_some()) {
            self.conn()
                .batch(&format!("DROP INDEX IF EXISTS {}", i.name()))?;
        }
        Ok(())
    }

    /// Builds those of `indexes` that a PostgreSQL store does not have yet
    /// (`LAZY_ON_PG`), for a write about to read through them or to rely on
    /// their uniqueness. SQLite has them all.
    ///
    /// A table still empty is left without it (nothing to read, nothing to
    /// collide with), so that its first bulk fill stays cheap: asked again
    /// the next time; once the index is there, no more in this transaction.
    pub fn ensure_indexes(&self, indexes: &[BulkIndex]) -> Result<()> {
        self.build_missing(indexes, false)
    }

    /// Builds those of `indexes` that a PostgreSQL store does not have yet,
    /// its table empty or not: for a statement that names the index's
    /// columns as its conflict target (`ON CONFLICT (ref)`), or that would
    /// count on the index to refuse a repeated key.
    pub fn require_indexes(&self, indexes: &[BulkIndex]) -> Result<()> {
        self.build_missing(indexes, true)
    }

    fn build_missing(&self, indexes: &[BulkIndex], even_empty: bool) -> Result<()> {
        if !self.conn().is_pg() {
            return Ok(());
        }
        let asked: Vec<BulkIndex> = indexes
            .iter()
            .copied()
            .filter(|i| self.indexed.get() & i.bit() == 0)
            .collect();
        if asked.is_empty() {
            return Ok(());
        }
        for (i, (missing, filled)) in asked.iter().zip(self.missing_and_filled(&asked)?) {
            let build = missing && (filled || even_empty);
            if build {
                self.conn()
                    .batch(&format!("SELECT merit_build_index('{}')", i.name()))?;
            }
            if !missing || build {
                self.indexed.set(self.indexed.get() | i.bit());
            }
        }
        Ok(())
    }

    /// Before a write on PostgreSQL commits: builds the indexes of
    /// `LAZY_ON_PG` missing from a table that now has rows, so that what
    /// other sessions see of a table with rows has all its indexes.
    pub(super) fn index_filled_tables(&self) -> Result<()> {
        self.ensure_indexes(LAZY_ON_PG)
    }

    /// For each of `indexes`, whether the store lacks it and whether its
    /// table has rows, in one statement (asked at every commit). Asked
    /// before building: even `IF NOT EXISTS` takes a lock that waits for
    /// the server's own vacuum of the table. The build runs as the tables'
    /// owner (`merit_build_index`).
    fn missing_and_filled(&self, indexes: &[BulkIndex]) -> Result<Vec<(bool, bool)>> {
        let asks: Vec<String> = indexes
            .iter()
            .map(|i| {
                // Activities' key is a constraint of theirs before schema
                // 7, the one that brought `merit_ids_taken` (which schema 8
                // gave a third argument).
                let since = match i {
                    BulkIndex::ActivitiesByRef => {
                        " AND (to_regprocedure('merit_ids_taken(text, bigint)') IS NOT NULL \
                         OR to_regprocedure('merit_ids_taken(text, bigint, bigint)') IS NOT NULL)"
                    }
                    _ => "",
                };
                format!(
                    "to_regclass('{}') IS NULL{since}, EXISTS (SELECT 1 FROM {})",
                    i.name(),
                    i.table()
                )
            })
            .collect();
        self.conn()
            .query_row(&format!("SELECT {}", asks.join(", ")), args![], |r| {
                (0..indexes.len())
                    .map(|k| Ok((r.get(2 * k)?, r.get(2 * k + 1)?)))
                    .collect()
            })
    }

    /// The page cache, in KiB: a bulk write that appends needs little of
    /// it, and memory is better left to the rows being written.
    pub fn set_cache_kib(&self, kib: i64) -> Result<()> {
        self.conn().tune("cache_size", -kib)?;
        Ok(())
    }

    /// Builds `indexes` again (a no-op for those that are there). SQLite's
    /// sorter may use a helper thread meanwhile: a bulk write ends with the
    /// rebuild, when the second core has nothing else to do, and sorting in
    /// runs of the page cache's size keeps the memory small.
    pub fn rebuild(&self, indexes: &[BulkIndex]) -> Result<()> {
        if self.conn().is_pg() {
            // Nothing was set aside there; what an empty table did not have
            // yet is built now.
            let lazy: Vec<BulkIndex> = indexes
                .iter()
                .copied()
                .filter(|i| LAZY_ON_PG.contains(i))
                .collect();
            return self.ensure_indexes(&lazy);
        }
        self.conn().tune("threads", 1)?;
        let built = indexes
            .iter()
            .filter_map(|i| i.create())
            .try_for_each(|create| self.conn().batch(create));
        self.conn().tune("threads", 0)?;
        built
    }

    /// How many awards and activities the store holds, about (the highest
    /// ids: activities are never deleted, withdrawn awards are): what
    /// decides whether a recalc is a bulk write.
    pub fn award_and_activity_counts(&self) -> Result<(i64, i64)> {
        let awards =
            self.conn()
                .query_row("SELECT coalesce(max(id), 0) FROM awards", args![], |r| {
                    r.get(0)
                })?;
        Ok((awards, self.db().activities_watermark()?))
    }
}

/// The award indexes a first recalc builds at the end instead of filling.
const AWARD_INDEXES: &[BulkIndex] = &[BulkIndex::AwardsByKey];

/// The page cache while a first recalc appends awards, in KiB.
const BULK_CACHE_KIB: i64 = 8 * 1024;

impl Tx<'_> {
    /// Whether the awards about to be written are a bulk write, and if so
    /// prepares for it: a store with many activities, no awards and no
    /// closed period (its first recalc) gets its awards appended as
    /// scored, with the unique key index set aside (built again by
    /// `end_bulk_awards`), the month sums' triggers set aside (the sums
    /// added as appended) and little page cache. Without awards there is
    /// nothing stored to find by key, and without a closed period nothing
    /// is looked up; the caller writes each key once.
    pub fn bulk_awards(&self, closed_periods: bool) -> Result<bool> {
        let (awards, activities) = self.award_and_activity_counts()?;
        let bulk = activities >= 5 * BULK_ROWS && awards == 0 && !closed_periods;
        if bulk {
            self.set_aside(AWARD_INDEXES)?;
            self.set_cache_kib(BULK_CACHE_KIB)?;
            self.months_by_hand()?;
        }
        Ok(bulk)
    }

    /// Ends a bulk write of awards: the indexes built, the cache back, the
    /// planner told.
    pub fn end_bulk_awards(&self) -> Result<()> {
        self.end_counted_awards()?;
        self.months_by_triggers()?;
        self.rebuild(AWARD_INDEXES)?;
        // What a recalc reads back by day (reconciling, the approved sums)
        // goes through the status index: on PostgreSQL, built now if the
        // append was the awards' first rows, not at the commit.
        self.ensure_indexes(&[BulkIndex::AwardsByStatus])?;
        self.set_cache_kib(super::CACHE_KIB)?;
        self.analyze("awards")
    }

    /// After a bulk write to `table`, PostgreSQL's planner is told what it
    /// holds now (the server's own `ANALYZE` comes minutes later): with
    /// the counts of an empty table it read every pending award through
    /// the status index to decide a thousand by id. A role that does not
    /// own the table gets the server's warning, not an error. SQLite plans
    /// without statistics merit would have to keep.
    ///
    /// From a sample of 3 000 rows, not the server's usual 30 000: what the
    /// planner lacked was the table's size, and the full sample reads
    /// every page of a million rows (0.2 s of a first recalc's awards,
    /// against 0.02 s). The server's own `ANALYZE` refines it once a tenth
    /// of the table has changed since (for activities, which only grow,
    /// that can be long: the coarser figures stand until then).
    pub fn analyze(&self, table: &str) -> Result<()> {
        if self.conn().is_pg() {
            self.conn().batch(&format!(
                "SET LOCAL default_statistics_target = 10; ANALYZE {table}; \
                 RESET default_statistics_target"
            ))?;
        }
        Ok(())
    }
}
