//! Awards: computed, adjustments and manual; their status and decisions.

mod write;

pub use write::{APPEND_ROWS, AppendedAward, Decision, DecisionsLater, NewAward};

use super::{Db, date_text, parse_stored_date, stored_enum};
use crate::domain::{Award, AwardKey, AwardKind, Points, Status};
use crate::error::Result;
use crate::store::sql::{Param as Value, arg_list};
use crate::store::sql::{Row, args};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Which awards to list. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct AwardFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub member: Option<String>,
    pub rule_id: Option<String>,
    /// Any of these rules (empty: any rule).
    pub rule_ids: Vec<String>,
    pub status: Option<Status>,
    pub kinds: Vec<AwardKind>,
}

const COLUMNS: &str = "id, kind, rule_id, member, subject, date, points, category, explanation, reason, \
     status, created_at, created_by, decided_at, decided_by, decision_reason, title, explain";

fn award_row(r: &Row) -> Result<Award> {
    let date: String = r.get(5)?;
    Ok(Award {
        id: r.get(0)?,
        kind: stored_enum(r.get(1)?, AwardKind::parse)?,
        key: AwardKey {
            rule_id: r.get(2)?,
            member: r.get(3)?,
            subject: r.get(4)?,
        },
        date: parse_stored_date(&date)?,
        points: Points::from_cents(r.get(6)?),
        category: r.get(7)?,
        stored_english: r.get(8)?,
        reason: r.get(9)?,
        status: stored_enum(r.get(10)?, Status::parse)?,
        created_at: r.get(11)?,
        created_by: r.get(12)?,
        decided_at: r.get(13)?,
        decided_by: r.get(14)?,
        decision_reason: r.get(15)?,
        title: r.get(16)?,
        explain: r
            .str_or_null(17)?
            .map(crate::domain::StoredExplanation::new),
    })
}

/// A condition true of every award, that lets the (status, date, …) index
/// serve a query by date alone: there is no index on date by itself.
pub(super) const ALL_STATUSES: &str = "status IN ('pending', 'approved', 'rejected')";

fn cents(p: Points) -> i64 {
    p.to_cents().unwrap_or(0)
}

impl AwardFilter {
    fn sql(&self) -> (String, Vec<Value>) {
        let mut conds = Vec::new();
        let mut vals: Vec<Value> = Vec::new();
        if let Some(f) = self.from {
            conds.push("date >= ?");
            vals.push(Value::Text(date_text(f)));
        }
        if let Some(t) = self.to {
            conds.push("date <= ?");
            vals.push(Value::Text(date_text(t)));
        }
        if let Some(m) = &self.member {
            conds.push("member = ?");
            vals.push(Value::Text(m.clone()));
        }
        if let Some(r) = &self.rule_id {
            conds.push("rule_id = ?");
            vals.push(Value::Text(r.clone()));
        }
        let rules_cond = format!("rule_id IN ({})", vec!["?"; self.rule_ids.len()].join(", "));
        if !self.rule_ids.is_empty() {
            conds.push(&rules_cond);
            vals.extend(self.rule_ids.iter().map(|r| Value::Text(r.clone())));
        }
        match self.status {
            Some(s) => {
                conds.push("status = ?");
                vals.push(Value::Text(s.as_str().into()));
            }
            // Every status, said so that the status index serves a date range.
            None => conds.push(ALL_STATUSES),
        }
        let kinds: Vec<String> = self
            .kinds
            .iter()
            .map(|k| format!("'{}'", k.as_str()))
            .collect();
        let kind_cond = format!("kind IN ({})", kinds.join(", "));
        if !kinds.is_empty() {
            conds.push(&kind_cond);
        }
        let where_ = if conds.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", conds.join(" AND "))
        };
        (where_, vals)
    }
}

impl Db<'_> {
    /// Awards matching the filter, by date then id.
    pub fn awards(&self, filter: &AwardFilter) -> Result<Vec<Award>> {
        let mut out = Vec::new();
        self.each_award(filter, |a| {
            out.push(a);
            Ok(())
        })?;
        Ok(out)
    }

    /// `awards` handed to `each` one at a time as they are read, none
    /// held: a listing of millions is written as it comes. `each` must not
    /// use the store (on PostgreSQL the rows stream in meanwhile).
    pub fn each_award(
        &self,
        filter: &AwardFilter,
        mut each: impl FnMut(Award) -> Result<()>,
    ) -> Result<()> {
        let (where_, vals) = filter.sql();
        let mut st = self.0.prepare(&format!(
            "SELECT {COLUMNS} FROM awards{where_} ORDER BY date, id"
        ))?;
        st.stream_each(&arg_list(&vals), |r| each(award_row(r)?))
    }

    /// The ids of the awards matching the filter, by date then id: what a
    /// bulk decision needs, without holding every award in memory.
    pub fn award_ids(&self, filter: &AwardFilter) -> Result<Vec<i64>> {
        let (where_, vals) = filter.sql();
        let mut st = self
            .0
            .prepare(&format!("SELECT id FROM awards{where_} ORDER BY date, id"))?;
        let rows = st.query_map(&arg_list(&vals), |r| r.get(0))?;
        Ok(rows.into_iter().collect())
    }

    pub fn award(&self, id: i64) -> Result<Option<Award>> {
        let mut st = self
            .0
            .prepare(&format!("SELECT {COLUMNS} FROM awards WHERE id = ?1"))?;
        st.query_opt(args![id], award_row)
    }

    /// The computed awards and adjustments dated `from..=to` (of the
    /// `only` rules, when not empty), in no order, handed to `each` as a
    /// recalc reconciles them: a decided one without its texts
    /// (explanation, reason, who and when), which only a pending one's
    /// rewrite compares (`Award::is_explained_as`). A day of them is held, each kept small.
    pub fn each_to_reconcile(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        only: &[String],
        mut each: impl FnMut(Award),
    ) -> Result<()> {
        let mut st = self.0.prepare(&format!(
            "SELECT id, kind, rule_id, member, subject, date, points, category, \
             CASE status WHEN 'pending' THEN explanation ELSE '' END, '', status, '', '', \
             NULL, NULL, NULL, title, CASE status WHEN 'pending' THEN explain END FROM awards \
             WHERE date BETWEEN ?1 AND ?2 AND {ALL_STATUSES} AND kind IN ('award', 'adjustment')"
        ))?;
        let mut rows = st.query(args![date_text(from), date_text(to)])?;
        while let Some(r) = rows.next()? {
            let r = &r;
            let rule = r.str(2)?;
            if only.is_empty() || only.iter().any(|o| o == rule) {
                each(award_row(r)?);
            }
        }
        Ok(())
    }

    /// The keys (of the `only` rules, when not empty) with an adjustment
    /// dated `from..=to` on another day than their computed award, or with
    /// none: the keys whose awards are not all on one day. Read through
    /// the adjustments' own index.
    pub fn spread_keys(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        only: &[String],
    ) -> Result<Vec<AwardKey>> {
        let mut st = self.0.prepare(
            "SELECT DISTINCT a.rule_id, a.member, a.subject FROM awards a \
             LEFT JOIN awards c ON c.kind = 'award' AND c.rule_id = a.rule_id \
             AND c.member = a.member AND c.subject = a.subject \
             WHERE a.kind = 'adjustment' AND a.date BETWEEN ?1 AND ?2 \
             AND (c.id IS NULL OR c.date <> a.date)",
        )?;
        let rows = st.query_map(args![date_text(from), date_text(to)], |r| {
            Ok(AwardKey {
                rule_id: r.get(0)?,
                member: r.get(1)?,
                subject: r.get(2)?,
            })
        })?;
        let mut out = Vec::new();
        for k in rows {
            if only.is_empty() || only.contains(&k.rule_id) {
                out.push(k);
            }
        }
        Ok(out)
    }

    /// The computed award with this key, wherever it is dated.
    pub fn computed_award(&self, key: &AwardKey) -> Result<Option<Award>> {
        let mut st = self.0.prepare(&format!(
            "SELECT {COLUMNS} FROM awards WHERE kind = 'award' AND rule_id = ?1 AND member = ?2 AND subject = ?3"
        ))?;
        st.query_opt(args![key.rule_id, key.member, key.subject], award_row)
    }

    /// Every computed award and adjustment with `key`, whatever its date.
    pub fn awards_of_key(&self, key: &AwardKey) -> Result<Vec<Award>> {
        // One arm per kind, so each reads its own index.
        let mut st = self.0.prepare(&format!(
            "SELECT {COLUMNS} FROM awards WHERE kind = 'award' \
             AND rule_id = ?1 AND member = ?2 AND subject = ?3 \
             UNION ALL SELECT {COLUMNS} FROM awards WHERE kind = 'adjustment' \
             AND rule_id = ?1 AND member = ?2 AND subject = ?3 ORDER BY id"
        ))?;
        let rows = st.query_map(args![key.rule_id, key.member, key.subject], award_row)?;
        Ok(rows.into_iter().collect())
    }

    /// Approved points by member and day dated `from..=to`, leaving out
    /// the awards of `left_out` rules: what rank and pool rules read.
    pub fn approved_by_day(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        left_out: &[&str],
    ) -> Result<crate::scoring::ApprovedByDay> {
        let mut st = self.0.prepare(
            "SELECT member, date, rule_id, points FROM awards \
             WHERE status = 'approved' AND date BETWEEN ?1 AND ?2",
        )?;
        let mut rows = st.query(args![date_text(from), date_text(to)])?;
        let mut out = crate::scoring::ApprovedByDay::default();
        // The rows come by date: each date is read once.
        let mut day: Option<(String, NaiveDate)> = None;
        while let Some(r) = rows.next()? {
            let r = &r;
            let rule = r.str(2)?;
            if left_out.contains(&rule) {
                continue;
            }
            let text = r.str(1)?;
            let date = match &day {
                Some((t, d)) if t == text => *d,
                _ => {
                    let d = parse_stored_date(text)?;
                    day = Some((text.to_string(), d));
                    d
                }
            };
            let member = r.str(0)?;
            out.add(member, date, r.get(3)?);
        }
        Ok(out)
    }

    /// The titles members hold from the `rank_rules`' awards dated
    /// `from..=to`: for each key, the title of its latest approved entry
    /// (the award or an adjustment; with `include_pending`, the latest not
    /// rejected). By member, each title once, in the order earned.
    pub fn titles(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        include_pending: bool,
        rank_rules: &[&str],
    ) -> Result<HashMap<String, Vec<String>>> {
        let mut out: HashMap<String, Vec<String>> = HashMap::new();
        if rank_rules.is_empty() {
            return Ok(out);
        }
        let statuses = if include_pending {
            "('approved', 'pending')"
        } else {
            "('approved')"
        };
        // Only the rank rules' rows are read (on PostgreSQL every other
        // award of the period would cross the socket to be skipped here),
        // each kind through its own index by rule (PostgreSQL's planner,
        // told a table's counts, scanned the whole table for `kind IN`).
        let rules: Vec<String> = (0..rank_rules.len())
            .map(|i| format!("?{}", i + 3))
            .collect();
        let rules = rules.join(", ");
        let mut st = self.0.prepare(&format!(
            "SELECT rule_id, member, subject, date, title FROM awards \
             WHERE ((kind = 'award' AND rule_id IN ({rules})) \
                 OR (kind = 'adjustment' AND rule_id IN ({rules}))) \
               AND date BETWEEN ?1 AND ?2 AND status IN {statuses} ORDER BY date, id"
        ))?;
        let (from, to) = (date_text(from), date_text(to));
        let mut bound: Vec<&dyn crate::store::sql::Arg> = vec![&from, &to];
        bound.extend(rank_rules.iter().map(|r| r as &dyn crate::store::sql::Arg));
        let mut rows = st.query(&bound)?;
        // Rows come by date then id: the last one of a key is its latest;
        // a key is placed by its first date.
        let mut latest: HashMap<AwardKey, (String, String)> = HashMap::new();
        while let Some(r) = rows.next()? {
            let r = &r;
            let rule = r.str(0)?;
            if !rank_rules.contains(&rule) {
                continue;
            }
            let key = AwardKey {
                rule_id: rule.to_string(),
                member: r.get(1)?,
                subject: r.get(2)?,
            };
            let date: String = r.get(3)?;
            let first = latest.get(&key).map_or(date, |(d, _)| d.clone());
            latest.insert(key, (first, r.get(4)?));
        }
        // A member's titles by date, then rule id: the same order in every
        // store, whatever order the awards were written in.
        let mut earned: Vec<(String, AwardKey, String)> =
            latest.into_iter().map(|(k, (d, t))| (d, k, t)).collect();
        earned.sort_by(|a, b| (&a.0, &a.1.rule_id).cmp(&(&b.0, &b.1.rule_id)));
        for (_, key, title) in earned {
            let list = out.entry(key.member).or_default();
            if !title.is_empty() && !list.contains(&title) {
                list.push(title);
            }
        }
        Ok(out)
    }

    /// Points per (member, category) dated `from..=to`, approved (and
    /// pending if asked), summed exactly.
    pub fn points_by_member_category(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        include_pending: bool,
    ) -> Result<HashMap<(String, String), Points>> {
        let statuses = if include_pending {
            "('approved', 'pending')"
        } else {
            "('approved')"
        };
        let mut st = self.0.prepare(&format!(
            "SELECT member, category, points FROM awards WHERE date BETWEEN ?1 AND ?2 AND status IN {statuses}"
        ))?;
        let mut rows = st.query(args![date_text(from), date_text(to)])?;
        let mut out: HashMap<(String, String), Points> = HashMap::new();
        while let Some(r) = rows.next()? {
            let r = &r;
            let key = (r.get::<String>(0)?, r.get::<String>(1)?);
            *out.entry(key).or_default() += Points::from_cents(r.get(2)?);
        }
        Ok(out)
    }

    /// How many awards are pending, and their total, dated `from..=to`.
    pub fn pending_summary(&self, from: NaiveDate, to: NaiveDate) -> Result<(usize, Points)> {
        let range = args![date_text(from), date_text(to)];
        let whole = self.0.query_row(
            "SELECT COUNT(*), SUM(points) FROM awards WHERE status = 'pending' AND date BETWEEN ?1 AND ?2",
            range,
            |r| Ok((r.get::<i64>(0)?, r.get::<Option<i64>>(1)?)),
        );
        match whole {
            Ok((n, sum)) => Ok((n as usize, Points::from_cents(sum.unwrap_or(0)))),
            // Past the store's integers (the team's pending points over
            // 9.2 × 10^16): each member's month fits (a write past that is
            // refused), and the sum is made here, in merit's decimals. The
            // screen's header and what `standings` leaves out read it.
            Err(e) if e.names("store-total-out-of-range") => {
                let mut n = 0;
                let mut sum = Points::ZERO;
                self.0.query_each(
                    "SELECT COUNT(*), SUM(points) FROM awards \
                     WHERE status = 'pending' AND date BETWEEN ?1 AND ?2 \
                     GROUP BY member, substr(date, 1, 7)",
                    args![date_text(from), date_text(to)],
                    |r| {
                        n += r.get::<i64>(0)? as usize;
                        sum += Points::from_cents(r.get::<i64>(1)?);
                        Ok(())
                    },
                )?;
                Ok((n, sum))
            }
            Err(e) => Err(e),
        }
    }

    /// The first and last award dates, if there are any.
    pub fn award_span(&self) -> Result<Option<(NaiveDate, NaiveDate)>> {
        // Per status, each an end of the status index.
        let (min, max): (Option<String>, Option<String>) = self.0.query_row(
            "SELECT min(lo), max(hi) FROM ( \
               SELECT min(date) AS lo, max(date) AS hi FROM awards WHERE status = 'pending' \
               UNION ALL SELECT min(date), max(date) FROM awards WHERE status = 'approved' \
               UNION ALL SELECT min(date), max(date) FROM awards WHERE status = 'rejected') AS spans",
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
    /// The id the next award will most likely get (for manual subjects).
    pub fn next_award_id(&self) -> Result<i64> {
        self.0.query_row(
            "SELECT COALESCE(MAX(id), 0) + 1 FROM awards",
            args![],
            |r| r.get(0),
        )
    }
}
