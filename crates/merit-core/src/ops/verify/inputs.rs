//! The inputs as `verify` reads them on a connection of its own: each
//! table's rows summed against the digests kept, and text that is not
//! UTF-8.

use super::Heads;
use crate::error::Result;
use crate::message::Msg;
use crate::msg;
use crate::store::{Db, INPUT_TABLES, RowSum, Store};

/// The inputs as `verify` read them on a connection of its own: each
/// table's rows summed, and any text SQLite holds that is not UTF-8 there
/// or in the tables merit reads as text.
pub(super) struct Inputs {
    pub(super) heads: Heads,
    sums: Vec<RowSum>,
    pub(super) bad_text: Vec<Msg>,
}

impl Inputs {
    /// The inputs whose rows no longer come to the digests kept.
    pub(super) fn differ(&self, db: Db) -> Result<Vec<Msg>> {
        let kept = db.kept_input_digests()?;
        Ok(INPUT_TABLES
            .iter()
            .zip(&self.sums)
            .zip(kept)
            .filter(|((_, sum), kept)| RowSum::parse(kept) != Some(**sum))
            .map(|(((name, _), _), _)| {
                msg!("verify-input-changed", name = Msg::new(name, Vec::new()))
            })
            .collect())
    }
}

/// Tables read as text whose every cell `verify` checks is UTF-8 (the
/// ledger and the audit log are checked as they are walked).
const TEXT_TABLES: [&str; 9] = [
    "awards",
    "rules",
    "rewards",
    "redemptions",
    "reward_limits",
    "disputes",
    "closed_periods",
    "settings",
    "member_balances",
];

pub(super) fn read_inputs(path: &std::path::Path) -> Result<Inputs> {
    let reader = Store::open_reader(path)?;
    let snapshot = reader.snapshot()?;
    let db = snapshot.db();
    let heads = Heads::read(db)?;
    let mut bad_text = Vec::new();
    let mut sums = Vec::new();
    for (_, table) in INPUT_TABLES {
        let mut row = 0usize;
        let sum = db.sum_rows(table, |cells| {
            row += 1;
            if bad_text.len() < 5 && cells.iter().any(not_utf8) {
                bad_text.push(msg!("verify-row-not-utf8", table = table, row = row));
            }
        })?;
        sums.push(sum);
    }
    for table in TEXT_TABLES {
        if let Some(rowid) = db.first_row_not_utf8(table)? {
            bad_text.push(msg!(
                "verify-table-row-not-utf8",
                table = table,
                row = rowid
            ));
        }
    }
    Ok(Inputs {
        heads,
        sums,
        bad_text,
    })
}

fn not_utf8(cell: &crate::store::sql::Value<'_>) -> bool {
    matches!(cell, crate::store::sql::Value::Text(t) if std::str::from_utf8(t).is_err())
}
