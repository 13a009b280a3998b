//! Awards: computed, adjustments and manual; their status and decisions.

use super::{Db, Decidable, Tx, date_text, parse_stored_date, stored_enum};
use crate::domain::{Award, AwardKey, AwardKind, Explanation, Points, Status};
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Row, params, params_from_iter};
use std::collections::HashMap;
use std::sync::OnceLock;

/// An award about to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAward {
    pub kind: AwardKind,
    pub key: AwardKey,
    pub date: NaiveDate,
    pub points: Points,
    pub category: String,
    /// The English of `explain` (or of an older award's figures).
    pub explanation: String,
    pub reason: String,
    /// A rank place's title; empty for other awards.
    pub title: String,
    /// The explanation as data, stored beside its English.
    pub explain: Option<Box<Explanation>>,
}

/// A computed award appended by a bulk write, borrowed from the scorer's.
#[derive(Debug, Clone, Copy)]
pub struct AppendedAward<'a> {
    pub key: &'a AwardKey,
    pub date: NaiveDate,
    pub points: Points,
    pub category: &'a str,
    pub explanation: &'a str,
    pub title: &'a str,
    /// The explanation as data, as stored (JSON).
    pub explain: Option<&'a str>,
}

/// An award's content as written (what the awards' kept digest covers).
struct AwardContent<'a> {
    id: i64,
    kind: &'a str,
    key: &'a AwardKey,
    date: String,
    cents: i64,
    category: &'a str,
    explanation: &'a str,
    reason: &'a str,
    created_at: &'a str,
    created_by: &'a str,
    title: &'a str,
    explain: Option<&'a str>,
}

/// How many awards one appending statement writes.
pub const APPEND_ROWS: usize = 64;

/// The statement appending `rows` awards of `columns` parameters each,
/// the two shared ones (`created_at`, `created_by`) last.
fn append_sql(rows: usize, columns: usize) -> String {
    let shared = rows * columns;
    let mut sql = String::from(
        "INSERT INTO awards(kind, rule_id, member, subject, date, points, category, explanation, \
         title, explain, status, created_at, created_by) VALUES ",
    );
    for r in 0..rows {
        if r > 0 {
            sql.push(',');
        }
        sql.push_str("('award'");
        for c in 1..=columns {
            sql.push_str(&format!(", ?{}", r * columns + c));
        }
        sql.push_str(&format!(", 'pending', ?{}, ?{})", shared + 1, shared + 2));
    }
    sql
}

/// What deciding one award found.
#[derive(Debug, Clone)]
pub enum Decision {
    /// It was pending and is now decided (as it stands after the decision).
    Decided(Award),
    /// Someone had decided it already.
    AlreadyDecided(Award),
    /// No award has that id.
    Missing,
}

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

fn award_row(r: &Row) -> rusqlite::Result<Award> {
    let date: String = r.get(5)?;
    Ok(Award {
        id: r.get(0)?,
        kind: stored_enum(1, r.get(1)?, AwardKind::parse)?,
        key: AwardKey {
            rule_id: r.get(2)?,
            member: r.get(3)?,
            subject: r.get(4)?,
        },
        date: parse_stored_date(&date)?,
        points: Points::from_cents(r.get(6)?),
        category: r.get(7)?,
        explanation: r.get(8)?,
        reason: r.get(9)?,
        status: stored_enum(10, r.get(10)?, Status::parse)?,
        created_at: r.get(11)?,
        created_by: r.get(12)?,
        decided_at: r.get(13)?,
        decided_by: r.get(14)?,
        decision_reason: r.get(15)?,
        title: r.get(16)?,
        explain: r
            .get_ref(17)?
            .as_str_or_null()
            .map_err(rusqlite::Error::from)?
            .and_then(Explanation::from_json)
            .map(Box::new),
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
        let (where_, vals) = filter.sql();
        let mut st = self.0.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM awards{where_} ORDER BY date, id"
        ))?;
        let rows = st.query_map(params_from_iter(vals), award_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The ids of the awards matching the filter, by date then id: what a
    /// bulk decision needs, without holding every award in memory.
    pub fn award_ids(&self, filter: &AwardFilter) -> Result<Vec<i64>> {
        let (where_, vals) = filter.sql();
        let mut st = self
            .0
            .prepare_cached(&format!("SELECT id FROM awards{where_} ORDER BY date, id"))?;
        let rows = st.query_map(params_from_iter(vals), |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn award(&self, id: i64) -> Result<Option<Award>> {
        let mut st = self
            .0
            .prepare_cached(&format!("SELECT {COLUMNS} FROM awards WHERE id = ?1"))?;
        let mut rows = st.query_map([id], award_row)?;
        Ok(rows.next().transpose()?)
    }

    /// The computed awards and adjustments dated `from..=to` (of the
    /// `only` rules, when not empty), in no order, handed to `each` as a
    /// recalc reconciles them: a decided one without its texts
    /// (explanation, reason, who and when), which only a pending one's
    /// rewrite compares. A day of them is held, each kept small.
    pub fn each_to_reconcile(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        only: &[String],
        mut each: impl FnMut(Award),
    ) -> Result<()> {
        let mut st = self.0.prepare_cached(&format!(
            "SELECT id, kind, rule_id, member, subject, date, points, category, \
             CASE status WHEN 'pending' THEN explanation ELSE '' END, '', status, '', '', \
             NULL, NULL, NULL, title, NULL FROM awards \
             WHERE date BETWEEN ?1 AND ?2 AND {ALL_STATUSES} AND kind IN ('award', 'adjustment')"
        ))?;
        let mut rows = st.query(params![date_text(from), date_text(to)])?;
        while let Some(r) = rows.next()? {
            let rule = r.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?;
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
        let mut st = self.0.prepare_cached(
            "SELECT DISTINCT a.rule_id, a.member, a.subject FROM awards a \
             LEFT JOIN awards c ON c.kind = 'award' AND c.rule_id = a.rule_id \
             AND c.member = a.member AND c.subject = a.subject \
             WHERE a.kind = 'adjustment' AND a.date BETWEEN ?1 AND ?2 \
             AND (c.id IS NULL OR c.date <> a.date)",
        )?;
        let rows = st.query_map(params![date_text(from), date_text(to)], |r| {
            Ok(AwardKey {
                rule_id: r.get(0)?,
                member: r.get(1)?,
                subject: r.get(2)?,
            })
        })?;
        let mut out = Vec::new();
        for k in rows {
            let k = k?;
            if only.is_empty() || only.contains(&k.rule_id) {
                out.push(k);
            }
        }
        Ok(out)
    }

    /// The computed award with this key, wherever it is dated.
    pub fn computed_award(&self, key: &AwardKey) -> Result<Option<Award>> {
        let mut st = self.0.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM awards WHERE kind = 'award' AND rule_id = ?1 AND member = ?2 AND subject = ?3"
        ))?;
        let mut rows = st.query_map(params![key.rule_id, key.member, key.subject], award_row)?;
        Ok(rows.next().transpose()?)
    }

    /// Every computed award and adjustment with `key`, whatever its date.
    pub fn awards_of_key(&self, key: &AwardKey) -> Result<Vec<Award>> {
        // One arm per kind, so each reads its own index.
        let mut st = self.0.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM awards WHERE kind = 'award' \
             AND rule_id = ?1 AND member = ?2 AND subject = ?3 \
             UNION ALL SELECT {COLUMNS} FROM awards WHERE kind = 'adjustment' \
             AND rule_id = ?1 AND member = ?2 AND subject = ?3 ORDER BY id"
        ))?;
        let rows = st.query_map(params![key.rule_id, key.member, key.subject], award_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Approved points by member and day dated `from..=to`, leaving out
    /// the awards of `left_out` rules: what rank and pool rules read.
    pub fn approved_by_day(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        left_out: &[&str],
    ) -> Result<crate::scoring::ApprovedByDay> {
        let mut st = self.0.prepare_cached(
            "SELECT member, date, rule_id, points FROM awards \
             WHERE status = 'approved' AND date BETWEEN ?1 AND ?2",
        )?;
        let mut rows = st.query(params![date_text(from), date_text(to)])?;
        let mut out = crate::scoring::ApprovedByDay::default();
        // The rows come by date: each date is read once.
        let mut day: Option<(String, NaiveDate)> = None;
        while let Some(r) = rows.next()? {
            let rule = r.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?;
            if left_out.contains(&rule) {
                continue;
            }
            let text = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
            let date = match &day {
                Some((t, d)) if t == text => *d,
                _ => {
                    let d = parse_stored_date(text)?;
                    day = Some((text.to_string(), d));
                    d
                }
            };
            let member = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
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
        let mut st = self.0.prepare_cached(&format!(
            "SELECT rule_id, member, subject, date, title FROM awards \
             WHERE kind IN ('award', 'adjustment') AND date BETWEEN ?1 AND ?2 \
               AND status IN {statuses} ORDER BY date, id"
        ))?;
        let mut rows = st.query(params![date_text(from), date_text(to)])?;
        // Rows come by date then id: the last one of a key is its latest;
        // a key is placed by its first date.
        let mut latest: HashMap<AwardKey, (String, String)> = HashMap::new();
        while let Some(r) = rows.next()? {
            let rule = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
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
        let mut st = self.0.prepare_cached(&format!(
            "SELECT member, category, points FROM awards WHERE date BETWEEN ?1 AND ?2 AND status IN {statuses}"
        ))?;
        let mut rows = st.query(params![date_text(from), date_text(to)])?;
        let mut out: HashMap<(String, String), Points> = HashMap::new();
        while let Some(r) = rows.next()? {
            let key = (r.get::<_, String>(0)?, r.get::<_, String>(1)?);
            *out.entry(key).or_default() += Points::from_cents(r.get(2)?);
        }
        Ok(out)
    }

    /// How many awards are pending, and their total, dated `from..=to`.
    pub fn pending_summary(&self, from: NaiveDate, to: NaiveDate) -> Result<(usize, Points)> {
        let (n, sum): (i64, Option<i64>) = self.0.query_row(
            "SELECT COUNT(*), SUM(points) FROM awards WHERE status = 'pending' AND date BETWEEN ?1 AND ?2",
            params![date_text(from), date_text(to)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok((n as usize, Points::from_cents(sum.unwrap_or(0))))
    }

    /// The first and last award dates, if there are any.
    pub fn award_span(&self) -> Result<Option<(NaiveDate, NaiveDate)>> {
        // Per status, each an end of the status index.
        let (min, max): (Option<String>, Option<String>) = self.0.query_row(
            "SELECT min(lo), max(hi) FROM ( \
               SELECT min(date) AS lo, max(date) AS hi FROM awards WHERE status = 'pending' \
               UNION ALL SELECT min(date), max(date) FROM awards WHERE status = 'approved' \
               UNION ALL SELECT min(date), max(date) FROM awards WHERE status = 'rejected')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        match (min, max) {
            (Some(a), Some(b)) => Ok(Some((parse_stored_date(&a)?, parse_stored_date(&b)?))),
            _ => Ok(None),
        }
    }
}

impl Tx<'_> {
    /// Appends pending computed awards, up to `APPEND_ROWS` to a statement:
    /// a first recalc's bulk write, when no stored award can share a key
    /// (the key index is set aside meanwhile and its rebuild checks).
    pub fn append_awards(&self, awards: &[AppendedAward], at: &str, actor: &str) -> Result<()> {
        const COLUMNS: usize = 9;
        static FULL: OnceLock<String> = OnceLock::new();
        let full = FULL.get_or_init(|| append_sql(APPEND_ROWS, COLUMNS));
        for chunk in awards.chunks(APPEND_ROWS) {
            let rows = chunk.len();
            let shared = rows * COLUMNS;
            let short;
            let sql = if rows == APPEND_ROWS {
                full
            } else {
                short = append_sql(rows, COLUMNS);
                &short
            };
            let mut stmt = self.conn().prepare_cached(sql)?;
            for (r, a) in chunk.iter().enumerate() {
                let p = r * COLUMNS;
                stmt.raw_bind_parameter(p + 1, a.key.rule_id.as_str())?;
                stmt.raw_bind_parameter(p + 2, a.key.member.as_str())?;
                stmt.raw_bind_parameter(p + 3, a.key.subject.as_str())?;
                stmt.raw_bind_parameter(p + 4, date_text(a.date))?;
                stmt.raw_bind_parameter(p + 5, cents(a.points))?;
                stmt.raw_bind_parameter(p + 6, a.category)?;
                stmt.raw_bind_parameter(p + 7, a.explanation)?;
                stmt.raw_bind_parameter(p + 8, a.title)?;
                stmt.raw_bind_parameter(p + 9, a.explain)?;
            }
            stmt.raw_bind_parameter(shared + 1, at)?;
            stmt.raw_bind_parameter(shared + 2, actor)?;
            stmt.raw_execute()?;
            // One statement's rows take consecutive ids, the last one's known.
            let last = self.conn().last_insert_rowid();
            let first = last - rows as i64 + 1;
            for (i, a) in chunk.iter().enumerate() {
                self.appended_points(&a.key.member, a.date, cents(a.points))?;
                self.award_written(&AwardContent {
                    id: first + i as i64,
                    kind: "award",
                    key: a.key,
                    date: date_text(a.date),
                    cents: cents(a.points),
                    category: a.category,
                    explanation: a.explanation,
                    reason: "",
                    created_at: at,
                    created_by: actor,
                    title: a.title,
                    explain: a.explain,
                });
            }
        }
        Ok(())
    }

    /// An award this transaction wrote joins the awards' kept digest.
    fn award_written(&self, c: &AwardContent<'_>) {
        use rusqlite::types::ValueRef as V;
        fn t(s: &str) -> V<'_> {
            V::Text(s.as_bytes())
        }
        let date = c.date.as_str();
        let cells = [
            V::Integer(c.id),
            t(c.kind),
            t(&c.key.rule_id),
            t(&c.key.member),
            t(&c.key.subject),
            t(date),
            V::Integer(c.cents),
            t(c.category),
            t(c.explanation),
            t(c.reason),
            t(c.created_at),
            t(c.created_by),
            t(c.title),
            c.explain.map_or(V::Null, t),
        ];
        self.input_inserted(super::inputs::Input::Awards, &cells);
    }

    /// Writes a pending award. `None` when a computed award with the same
    /// key already exists (the caller then updates that one).
    pub fn insert_award(&self, a: &NewAward, at: &str, actor: &str) -> Result<Option<i64>> {
        let explain = a.explain.as_deref().map(Explanation::to_json);
        let n = self
            .conn()
            .prepare_cached(
                "INSERT INTO awards(kind, rule_id, member, subject, date, points, category, explanation, reason, \
                 title, explain, status, created_at, created_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?12, ?13, 'pending', ?10, ?11) \
                 ON CONFLICT DO NOTHING",
            )?
            .execute(params![
                a.kind.as_str(),
                a.key.rule_id,
                a.key.member,
                a.key.subject,
                date_text(a.date),
                cents(a.points),
                a.category,
                a.explanation,
                a.reason,
                at,
                actor,
                a.title,
                explain
            ])?;
        if n != 1 {
            return Ok(None);
        }
        let id = self.conn().last_insert_rowid();
        self.award_written(&AwardContent {
            id,
            kind: a.kind.as_str(),
            key: &a.key,
            date: date_text(a.date),
            cents: cents(a.points),
            category: &a.category,
            explanation: &a.explanation,
            reason: &a.reason,
            created_at: at,
            created_by: actor,
            title: &a.title,
            explain: explain.as_deref(),
        });
        Ok(Some(id))
    }

    /// Rewrites a pending award's figures; a decided award is left alone.
    pub fn update_pending_award(&self, id: i64, a: &NewAward) -> Result<bool> {
        let key = id.to_string();
        self.input_leaving(super::inputs::Input::Awards, &[&key])?;
        let n = self
            .conn()
            .prepare_cached(
                "UPDATE awards SET date = ?2, points = ?3, category = ?4, explanation = ?5, title = ?6, \
                 explain = ?7 WHERE id = ?1 AND status = 'pending'",
            )?
            .execute(params![
                id,
                date_text(a.date),
                cents(a.points),
                a.category,
                a.explanation,
                a.title,
                a.explain.as_deref().map(Explanation::to_json)
            ])?;
        self.input_arrived(super::inputs::Input::Awards, &[&key])?;
        Ok(n == 1)
    }

    /// Deletes a pending award (withdrawn by recalc); decided ones stay.
    pub fn delete_pending_award(&self, id: i64) -> Result<bool> {
        let key = id.to_string();
        let pending: bool = self
            .conn()
            .prepare_cached("SELECT status = 'pending' FROM awards WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(false),
                e => Err(e),
            })?;
        if pending {
            self.input_leaving(super::inputs::Input::Awards, &[&key])?;
        }
        let n = self
            .conn()
            .prepare_cached("DELETE FROM awards WHERE id = ?1 AND status = 'pending'")?
            .execute([id])?;
        Ok(n == 1)
    }

    /// Decides one award if it is still pending. The update checks the
    /// status again, so two processes deciding at once decide each award
    /// exactly once. (An `UPDATE … RETURNING` builds a temporary b-tree per
    /// call: slower than the read.)
    pub fn decide_award(
        &self,
        id: i64,
        status: Status,
        at: &str,
        actor: &str,
        reason: Option<&str>,
    ) -> Result<Decision> {
        let Some(mut award) = self.db().award(id)? else {
            return Ok(Decision::Missing);
        };
        if award.status != Status::Pending
            || !self.decide_pending(Decidable::Awards, id, status, at, actor, reason)?
        {
            return Ok(Decision::AlreadyDecided(award));
        }
        self.decided_points(status, &award.key.member, award.date, cents(award.points))?;
        award.status = status;
        award.decided_at = Some(at.to_string());
        award.decided_by = Some(actor.to_string());
        award.decision_reason = reason.map(str::to_string);
        Ok(Decision::Decided(award))
    }
}

impl Db<'_> {
    /// The id the next award will most likely get (for manual subjects).
    pub fn next_award_id(&self) -> Result<i64> {
        Ok(self
            .0
            .query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM awards", [], |r| {
                r.get(0)
            })?)
    }
}
