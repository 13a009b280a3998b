//! The ledger: approved postings, append-only (triggers refuse edits) and
//! hash-chained: each entry's hash covers its fields, the member's running
//! balance after it and the previous entry's hash (SPEC §9). The head of
//! the chain is kept in `ledger_head`, so a removed last entry shows too.

use super::{Db, Tx, date_text, parse_stored_date};
use crate::domain::Points;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// The hash the first entry follows.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A ledger row exactly as stored: what `merit verify` checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainRow {
    pub id: i64,
    pub member: String,
    pub date: String,
    pub kind: String,
    /// Integer hundredths.
    pub points: i64,
    pub award_id: Option<i64>,
    pub note: String,
    pub actor: String,
    pub created_at: String,
    pub balance_after: Option<i64>,
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
}

impl ChainRow {
    /// The hash this row should carry: SHA-256 over every field (each
    /// length-prefixed, so no two rows encode alike) and the previous hash.
    pub fn expected_hash(&self, prev: &str) -> String {
        let award = self.award_id.map(|a| a.to_string()).unwrap_or_default();
        let balance = self
            .balance_after
            .map(|b| b.to_string())
            .unwrap_or_default();
        let fields: [&str; 11] = [
            &self.id.to_string(),
            &self.member,
            &self.date,
            &self.kind,
            &self.points.to_string(),
            &award,
            &self.note,
            &self.actor,
            &self.created_at,
            &balance,
            prev,
        ];
        let mut h = Sha256::new();
        for f in fields {
            h.update((f.len() as u64).to_le_bytes());
            h.update(f.as_bytes());
        }
        hex(&h.finalize())
    }
}

/// Lower-case hex of `bytes` (a format call per byte showed in profiles
/// of bulk approval).
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

fn chain_row(r: &rusqlite::Row) -> rusqlite::Result<ChainRow> {
    Ok(ChainRow {
        id: r.get(0)?,
        member: r.get(1)?,
        date: r.get(2)?,
        kind: r.get(3)?,
        points: r.get(4)?,
        award_id: r.get(5)?,
        note: r.get(6)?,
        actor: r.get(7)?,
        created_at: r.get(8)?,
        balance_after: r.get(9)?,
        prev_hash: r.get(10)?,
        hash: r.get(11)?,
    })
}

const CHAIN_COLUMNS: &str = "id, member, date, kind, points, award_id, note, actor, created_at, balance_after, prev_hash, hash";

/// Migration 4's step: gives the entries written before the chain existed
/// their running balances and hashes, then closes the ledger to updates.
pub(super) fn chain_existing(conn: &Connection) -> rusqlite::Result<()> {
    let rows: Vec<ChainRow> = conn
        .prepare(&format!("SELECT {CHAIN_COLUMNS} FROM ledger ORDER BY id"))?
        .query_map([], chain_row)?
        .collect::<rusqlite::Result<_>>()?;
    let mut balances: HashMap<String, i64> = HashMap::new();
    let mut prev = GENESIS.to_string();
    let mut last = 0;
    for mut row in rows {
        let b = balances.entry(row.member.clone()).or_default();
        *b += row.points;
        row.balance_after = Some(*b);
        let hash = row.expected_hash(&prev);
        conn.execute(
            "UPDATE ledger SET balance_after = ?2, prev_hash = ?3, hash = ?4 WHERE id = ?1",
            params![row.id, *b, prev, hash],
        )?;
        prev = hash;
        last = row.id;
    }
    if last > 0 {
        conn.execute(
            "INSERT INTO ledger_head(one, last, hash) VALUES (1, ?1, ?2)",
            params![last, prev],
        )?;
    }
    conn.execute_batch(
        "CREATE TRIGGER ledger_is_append_only_update BEFORE UPDATE ON ledger \
         BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;",
    )
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerEntry {
    pub id: i64,
    pub member: String,
    pub date: NaiveDate,
    pub kind: crate::domain::PostingKind,
    pub points: Points,
    pub award_id: Option<i64>,
    pub note: String,
    pub actor: String,
    pub created_at: String,
}

impl Tx<'_> {
    #[allow(clippy::too_many_arguments)]
    pub fn post(
        &self,
        member: &str,
        date: NaiveDate,
        kind: crate::domain::PostingKind,
        points: Points,
        award_id: Option<i64>,
        note: &str,
        actor: &str,
        at: &str,
    ) -> Result<i64> {
        let out_of_range = || Error::Failed(format!("{member}: {points} points is out of range"));
        let cents = points.to_cents().ok_or_else(out_of_range)?;
        let conn = self.conn();
        let (last, prev): (i64, String) = conn
            .prepare_cached("SELECT last, hash FROM ledger_head WHERE one = 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .unwrap_or((0, GENESIS.to_string()));
        let before: i64 = conn
            .prepare_cached("SELECT balance FROM member_balances WHERE member = ?1")?
            .query_row([member], |r| r.get(0))
            .optional()?
            .unwrap_or(0);
        let mut row = ChainRow {
            id: last + 1,
            member: member.to_string(),
            date: date_text(date),
            kind: kind.as_str().to_string(),
            points: cents,
            award_id,
            note: note.to_string(),
            actor: actor.to_string(),
            created_at: at.to_string(),
            balance_after: Some(before.checked_add(cents).ok_or_else(out_of_range)?),
            prev_hash: Some(prev.clone()),
            hash: None,
        };
        let hash = row.expected_hash(&prev);
        row.hash = Some(hash.clone());
        conn.prepare_cached(&format!(
            "INSERT INTO ledger({CHAIN_COLUMNS}) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
        ))?
        .execute(params![
            row.id,
            row.member,
            row.date,
            row.kind,
            row.points,
            row.award_id,
            row.note,
            row.actor,
            row.created_at,
            row.balance_after,
            row.prev_hash,
            row.hash
        ])?;
        conn.prepare_cached(
            "INSERT INTO ledger_head(one, last, hash) VALUES (1, ?1, ?2) \
             ON CONFLICT(one) DO UPDATE SET last = excluded.last, hash = excluded.hash",
        )?
        .execute(params![row.id, hash])?;
        conn.prepare_cached(
            "INSERT INTO member_balances(member, last_id, balance) VALUES (?1, ?2, ?3) \
             ON CONFLICT(member) DO UPDATE SET last_id = excluded.last_id, balance = excluded.balance",
        )?
        .execute(params![row.member, row.id, row.balance_after])?;
        Ok(row.id)
    }
}

/// What `verify` learns from comparing postings with decisions.
#[derive(Debug, Clone, Default)]
pub struct PostingChecks {
    /// Approved awards found posted once, with their points.
    pub awards: usize,
    /// Approved redemptions.
    pub redemptions: usize,
    pub problems: Vec<String>,
}

impl Db<'_> {
    /// Every approved award is posted once, with its member, date and
    /// points; every posting of an award is of an approved one; each
    /// member's redemption entries add up to their approved redemptions.
    pub fn posting_checks(&self) -> Result<PostingChecks> {
        let mut out = PostingChecks::default();
        let list = |sql: &str| -> Result<Vec<(i64, i64)>> {
            let mut st = self.0.prepare(sql)?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        for (award, _) in list(
            "SELECT a.id, 0 FROM awards a WHERE a.status = 'approved' AND NOT EXISTS \
             (SELECT 1 FROM ledger l WHERE l.award_id = a.id AND l.member = a.member \
              AND l.date = a.date AND l.points = a.points) ORDER BY a.id LIMIT 20",
        )? {
            out.problems.push(format!(
                "award {award}: approved, but no ledger entry posts it as it stands (changed or removed?)"
            ));
        }
        for (entry, award) in list(
            "SELECT l.id, l.award_id FROM ledger l LEFT JOIN awards a ON a.id = l.award_id \
             WHERE l.award_id IS NOT NULL AND (a.id IS NULL OR a.status != 'approved' \
             OR a.points != l.points OR a.member != l.member) ORDER BY l.id LIMIT 20",
        )? {
            out.problems.push(format!(
                "ledger entry {entry}: posts award {award}, which is not approved as posted (changed?)"
            ));
        }
        for (award, n) in list(
            "SELECT award_id, COUNT(*) FROM ledger WHERE award_id IS NOT NULL \
             GROUP BY award_id HAVING COUNT(*) > 1 ORDER BY award_id LIMIT 20",
        )? {
            out.problems
                .push(format!("award {award}: posted {n} times in the ledger"));
        }
        let mut st = self.0.prepare(
            "SELECT member, SUM(held), SUM(posted) FROM ( \
               SELECT member, points AS held, 0 AS posted FROM redemptions WHERE status = 'approved' \
               UNION ALL SELECT member, 0, -points FROM ledger WHERE kind = 'redemption') \
             GROUP BY member HAVING SUM(held) != SUM(posted) ORDER BY member LIMIT 20",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (member, held, posted) = row?;
            out.problems.push(format!(
                "member {member}: approved redemptions come to {}, the ledger posts {}",
                Points::from_cents(held),
                Points::from_cents(posted)
            ));
        }
        let count = |sql: &str| -> Result<usize> {
            let n: i64 = self.0.query_row(sql, [], |r| r.get(0))?;
            Ok(usize::try_from(n).unwrap_or_default())
        };
        out.awards = count("SELECT COUNT(*) FROM awards WHERE status = 'approved'")?;
        out.redemptions = count("SELECT COUNT(*) FROM redemptions WHERE status = 'approved'")?;
        Ok(out)
    }

    /// Every ledger row as stored, in chain order, handed to `each` one by
    /// one (a large ledger is never held in memory).
    pub fn each_chain_row(&self, mut each: impl FnMut(ChainRow) -> Result<()>) -> Result<()> {
        let mut st = self
            .0
            .prepare(&format!("SELECT {CHAIN_COLUMNS} FROM ledger ORDER BY id"))?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            each(chain_row(r)?)?;
        }
        Ok(())
    }

    /// A member's balance: the running balance of their last entry, as
    /// kept beside the ledger.
    pub fn balance(&self, member: &str) -> Result<Points> {
        let cents: Option<i64> = self
            .0
            .prepare_cached("SELECT balance FROM member_balances WHERE member = ?1")?
            .query_row([member], |r| r.get(0))
            .optional()?;
        Ok(Points::from_cents(cents.unwrap_or(0)))
    }

    /// Every member's recorded (last entry id, balance in hundredths).
    pub fn member_balances(&self) -> Result<HashMap<String, (i64, i64)>> {
        let mut st = self
            .0
            .prepare("SELECT member, last_id, balance FROM member_balances")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The chain's head as recorded when the last entry was written.
    pub fn ledger_head(&self) -> Result<Option<(i64, String)>> {
        Ok(self
            .0
            .query_row(
                "SELECT last, hash FROM ledger_head WHERE one = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Ledger entries dated `from..=to`, optionally for one member, in order.
    pub fn ledger_entries(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        member: Option<&str>,
    ) -> Result<Vec<LedgerEntry>> {
        let mut st = self.0.prepare_cached(
            "SELECT id, member, date, kind, points, award_id, note, actor, created_at FROM ledger \
             WHERE date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR member = ?3) ORDER BY id",
        )?;
        let rows = st.query_map(params![date_text(from), date_text(to), member], |r| {
            let date: String = r.get(2)?;
            Ok(LedgerEntry {
                id: r.get(0)?,
                member: r.get(1)?,
                date: parse_stored_date(&date)?,
                kind: super::stored_enum(3, r.get(3)?, crate::domain::PostingKind::parse)?,
                points: Points::from_cents(r.get(4)?),
                award_id: r.get(5)?,
                note: r.get(6)?,
                actor: r.get(7)?,
                created_at: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sum of ledger entries per member dated `from..=to`, for `kinds`.
    pub fn ledger_sums(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        kinds: &[&str],
    ) -> Result<HashMap<String, Points>> {
        let list: Vec<String> = kinds.iter().map(|k| format!("'{k}'")).collect();
        let mut st = self.0.prepare_cached(&format!(
            "SELECT member, SUM(points) FROM ledger WHERE date BETWEEN ?1 AND ?2 AND kind IN ({}) GROUP BY member",
            list.join(", ")
        ))?;
        let rows = st.query_map(params![date_text(from), date_text(to)], |r| {
            Ok((r.get::<_, String>(0)?, Points::from_cents(r.get(1)?)))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_two_lower_case_digits_per_byte() {
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
    }

    #[test]
    fn the_hash_of_a_row_is_stable() {
        // A hash written by an earlier build must verify with this one.
        let row = ChainRow {
            id: 1,
            member: "ZW".into(),
            date: "2026-01-12".into(),
            kind: "manual".into(),
            points: 2500,
            award_id: None,
            note: "a".into(),
            actor: "lead".into(),
            created_at: "2026-01-13 09:00:00".into(),
            balance_after: Some(2500),
            prev_hash: Some(GENESIS.into()),
            hash: None,
        };
        assert_eq!(row.expected_hash(GENESIS), STABLE);
    }

    const STABLE: &str = "9ffcdc5f3dfaab3891c308c5bbdf6bb3d1a0286f12e328e67f0ed08fa02aba5f";
}
