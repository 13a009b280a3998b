//! The reward catalog and the redemption queue.

use super::members::Change;
use super::{Db, Tx, date_text, parse_stored_date, stored_enum};
use crate::domain::{Points, Redemption, Reward, Status};
use crate::error::Result;
use crate::store::sql::{Row, args};
use chrono::NaiveDate;

/// A `reward_limits` row as stored: qty, per, from, to.
type LimitsRow = (Option<i64>, Option<String>, Option<String>, Option<String>);

fn reward_row(r: &Row) -> Result<Reward> {
    Ok(Reward {
        code: r.get(0)?,
        name: r.get(1)?,
        cost: Points::from_cents(r.get(2)?),
        stock: r.get(3)?,
        category: r.get(4)?,
        active: r.get(5)?,
    })
}

fn redemption_row(r: &Row) -> Result<Redemption> {
    let on: String = r.get(6)?;
    Ok(Redemption {
        id: r.get(0)?,
        member: r.get(1)?,
        reward: r.get(2)?,
        qty: r.get(3)?,
        points: Points::from_cents(r.get(4)?),
        status: stored_enum(r.get(5)?, Status::parse)?,
        requested_on: parse_stored_date(&on)?,
        requested_by: r.get(7)?,
        decided_at: r.get(8)?,
        decided_by: r.get(9)?,
        decision_reason: r.get(10)?,
    })
}

const REWARD: &str = "code, name, cost, stock, category, active";
const REDEMPTION: &str = "id, member, reward, qty, points, status, requested_on, requested_by, \
     decided_at, decided_by, decision_reason";

/// Ledger entries (date, kind, points) by member.
pub type MemberEntries =
    std::collections::HashMap<String, Vec<(NaiveDate, crate::domain::PostingKind, Points)>>;

impl Db<'_> {
    /// Every reward, by code.
    pub fn rewards(&self) -> Result<Vec<Reward>> {
        let mut st = self
            .0
            .prepare(&format!("SELECT {REWARD} FROM rewards ORDER BY code"))?;
        let rows = st.query_map(args![], reward_row)?;
        Ok(rows.into_iter().collect())
    }

    /// A reward's limits (default: none).
    pub fn reward_limits(&self, code: &str) -> Result<crate::domain::RewardLimits> {
        let row: Option<LimitsRow> = self
            .0
            .prepare(
                "SELECT limit_qty, limit_per, available_from, available_to FROM reward_limits WHERE code = ?1",
            )?
            .query_opt(args![code], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        let Some((qty, per, from, to)) = row else {
            return Ok(crate::domain::RewardLimits::default());
        };
        let day = |d: Option<String>| d.map(|d| parse_stored_date(&d)).transpose();
        Ok(crate::domain::RewardLimits {
            limit_qty: qty,
            limit_per: per.as_deref().and_then(crate::domain::PeriodKind::parse),
            available_from: day(from)?,
            available_to: day(to)?,
        })
    }

    /// How many of `reward` `member` asked for (pending or approved)
    /// between `from` and `to`.
    pub fn requested_qty(
        &self,
        member: &str,
        reward: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<i64> {
        self.0
            .prepare(
                "SELECT COALESCE(SUM(qty), 0) FROM redemptions WHERE member = ?1 AND reward = ?2 \
             AND status IN ('pending', 'approved') AND requested_on BETWEEN ?3 AND ?4",
            )?
            .query_row(args![member, reward, date_text(from), date_text(to)], |r| {
                r.get(0)
            })
    }

    pub fn reward(&self, code: &str) -> Result<Option<Reward>> {
        let mut st = self
            .0
            .prepare(&format!("SELECT {REWARD} FROM rewards WHERE code = ?1"))?;
        st.query_opt(args![code], reward_row)
    }

    /// Redemptions, optionally of one status, by id.
    pub fn redemptions(&self, status: Option<Status>) -> Result<Vec<Redemption>> {
        let mut st = self.0.prepare(&format!(
            "SELECT {REDEMPTION} FROM redemptions WHERE CAST(?1 AS TEXT) IS NULL OR status = ?1 ORDER BY id"
        ))?;
        let rows = st.query_map(args![status.map(|s| s.as_str())], redemption_row)?;
        Ok(rows.into_iter().collect())
    }

    pub fn redemption(&self, id: i64) -> Result<Option<Redemption>> {
        let mut st = self.0.prepare(&format!(
            "SELECT {REDEMPTION} FROM redemptions WHERE id = ?1"
        ))?;
        st.query_opt(args![id], redemption_row)
    }

    /// Points held by a member's pending redemptions.
    pub fn held_points(&self, member: &str) -> Result<Points> {
        let cents: Option<i64> = self
            .0
            .prepare(
                "SELECT SUM(points) FROM redemptions WHERE member = ?1 AND status = 'pending'",
            )?
            .query_row(args![member], |r| r.get(0))?;
        Ok(Points::from_cents(cents.unwrap_or(0)))
    }
}

impl Tx<'_> {
    pub fn upsert_reward(&self, r: &Reward) -> Result<Change> {
        let old = self.db().reward(&r.code)?;
        let cost = r.cost.to_cents().unwrap_or(0);
        match old {
            Some(old) if old == *r => Ok(Change::Unchanged),
            Some(_) => {
                self.conn().execute(
                    "UPDATE rewards SET name = ?2, cost = ?3, stock = ?4, category = ?5, active = ?6 WHERE code = ?1",
                    args![r.code, r.name, cost, r.stock, r.category, r.active],
                )?;
                Ok(Change::Updated)
            }
            None => {
                self.conn().execute(
                    "INSERT INTO rewards(code, name, cost, stock, category, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    args![r.code, r.name, cost, r.stock, r.category, r.active],
                )?;
                Ok(Change::Inserted)
            }
        }
    }

    /// Sets a reward's limits (none: removes them).
    pub fn set_reward_limits(&self, code: &str, l: &crate::domain::RewardLimits) -> Result<bool> {
        let old = self.db().reward_limits(code)?;
        if old == *l {
            return Ok(false);
        }
        if l.is_empty() {
            self.conn()
                .execute("DELETE FROM reward_limits WHERE code = ?1", args![code])?;
        } else {
            self.conn().execute(
                "INSERT INTO reward_limits(code, limit_qty, limit_per, available_from, available_to) \
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(code) DO UPDATE SET limit_qty = excluded.limit_qty, \
                 limit_per = excluded.limit_per, available_from = excluded.available_from, available_to = excluded.available_to",
                args![
                    code,
                    l.limit_qty,
                    l.limit_per.map(|k| k.as_str()),
                    l.available_from.map(date_text),
                    l.available_to.map(date_text)
                ],
            )?;
        }
        Ok(true)
    }

    /// Takes `qty` from a limited reward's stock; false when too few are left.
    pub fn take_stock(&self, code: &str, qty: i64) -> Result<bool> {
        let n = self.conn().execute(
            "UPDATE rewards SET stock = stock - ?2 WHERE code = ?1 AND (stock IS NULL OR stock >= ?2)",
            args![code, qty],
        )?;
        Ok(n == 1)
    }

    pub fn insert_redemption(
        &self,
        member: &str,
        reward: &str,
        qty: i64,
        points: Points,
        on: NaiveDate,
        by: &str,
    ) -> Result<i64> {
        self.conn().execute(
            "INSERT INTO redemptions(member, reward, qty, points, status, requested_on, requested_by) \
             VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?6)",
            args![member, reward, qty, points.to_cents().unwrap_or(0), date_text(on), by],
        )?;
        self.conn().last_insert_id()
    }

    /// Decides a redemption if it is still pending. Returns whether it
    /// was, so two processes deciding at once decide it exactly once.
    pub fn decide_redemption(
        &self,
        id: i64,
        status: Status,
        at: &str,
        actor: &str,
        reason: Option<&str>,
    ) -> Result<bool> {
        let n = self.conn().execute(
            "UPDATE redemptions SET status = ?2, decided_at = ?3, decided_by = ?4, \
             decision_reason = ?5 WHERE id = ?1 AND status = 'pending'",
            args![id, status.as_str(), at, actor, reason],
        )?;
        Ok(n == 1)
    }
}

impl Db<'_> {
    /// Every member's ledger entries as (member, date, kind, points), in
    /// member then ledger order: what balances and expiry are built from.
    /// The ledger entries (date, kind, points) of `members`, in order, by
    /// member: one pass over the ledger, which has no index by member.
    pub fn ledger_of(&self, members: &[&str]) -> Result<MemberEntries> {
        let mut out: MemberEntries = members
            .iter()
            .map(|m| (m.to_string(), Vec::new()))
            .collect();
        if members.is_empty() {
            return Ok(out);
        }
        let marks = vec!["?"; members.len()].join(", ");
        let mut st = self.0.prepare(&format!(
            "SELECT member, date, kind, points FROM ledger WHERE member IN ({marks}) ORDER BY id"
        ))?;
        let mut rows = st.query(&crate::store::sql::arg_list(members))?;
        while let Some(r) = rows.next()? {
            let r = &r;
            let member: String = r.get(0)?;
            let date: String = r.get(1)?;
            let entry = (
                parse_stored_date(&date)?,
                super::stored_enum(r.get(2)?, crate::domain::PostingKind::parse)?,
                Points::from_cents(r.get(3)?),
            );
            out.entry(member).or_default().push(entry);
        }
        Ok(out)
    }

    /// Every member's ledger entries (date, kind, points), in id order,
    /// handed to `each` a member at a time, members by code: the whole
    /// ledger is never held (ten million entries at 10M activities).
    pub fn each_member_ledger(
        &self,
        mut each: impl FnMut(&str, Vec<(NaiveDate, crate::domain::PostingKind, Points)>) -> Result<()>,
    ) -> Result<()> {
        let mut st = self
            .0
            .prepare("SELECT member, date, kind, points FROM ledger ORDER BY member, id")?;
        let mut rows = st.query(args![])?;
        let mut member = String::new();
        let mut entries = Vec::new();
        while let Some(r) = rows.next()? {
            let r = &r;
            let m = r.str(0)?;
            if m != member {
                if !entries.is_empty() {
                    each(&member, std::mem::take(&mut entries))?;
                }
                member.clear();
                member.push_str(m);
            }
            let date: String = r.get(1)?;
            entries.push((
                parse_stored_date(&date)?,
                super::stored_enum(r.get(2)?, crate::domain::PostingKind::parse)?,
                Points::from_cents(r.get(3)?),
            ));
        }
        if !entries.is_empty() {
            each(&member, entries)?;
        }
        Ok(())
    }
}
