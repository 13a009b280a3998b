//! Pages of the ledger for a screen: awards and the postings that are not
//! awards (redemptions, expiries), filtered and ordered, read a page at a
//! time by key (after or before a row's key, from either end: never an
//! OFFSET), the view's row count, and the ids and points of every award it
//! holds (for "mark all").

use super::{Db, date_text, parse_stored_date, stored_enum};
use crate::domain::{AwardKind, Points, PostingKind, Status};
use crate::error::Result;
use crate::store::sql::{Param as Value, arg_list};
use chrono::NaiveDate;

/// Which awards a view shows. Pending rows come first, then by date and id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AwardView {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub status: Option<Status>,
    /// Matches code, name, rule, subject, category, reason or date (`2026-11-2`
    /// finds 20–29 November; case-insensitive for ASCII).
    pub text: Option<String>,
    /// The rules whose names, as the screen shows them (`i18n::names`),
    /// contain `text`: their awards match it too.
    pub rules_named: Vec<String>,
    /// One member's rows only.
    pub member: Option<String>,
}

/// One row of an award list: enough to show it, nothing more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardLine {
    pub id: i64,
    pub date: NaiveDate,
    pub member: String,
    pub name: String,
    pub kind: AwardKind,
    pub rule_id: String,
    pub subject: String,
    pub reason: String,
    pub points: Points,
    pub status: Status,
    /// A posting that is not an award (a redemption or an expiry): `id` is
    /// then the ledger entry's, `reason` its note, and it is approved.
    pub posting: Option<PostingKind>,
    /// Where it sorts in its view.
    pub key: LineKey,
}

/// A row's place in the view's order: status group (pending first, when
/// the view shows every status), date, awards before postings, id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineKey {
    pub group: i64,
    pub date: String,
    pub posting: i64,
    pub id: i64,
}

/// Which page of a view to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// The first rows.
    First,
    /// The last rows.
    Last,
    /// The rows after this key.
    After(LineKey),
    /// The rows before this key.
    Before(LineKey),
}

/// A row of a view as marking needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardMark {
    pub id: i64,
    pub points: Points,
    pub status: Status,
    pub kind: AwardKind,
    pub subject: String,
    pub date: NaiveDate,
}

impl AwardView {
    /// The text filter over `columns`: any of them contains it (`%` and
    /// `_` taken as they are).
    fn text_like(&self, columns: &[&str]) -> Option<(String, Vec<Value>)> {
        let t = self
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())?;
        let escaped = t
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        // Both sides lowered: the case of letters ignored on either engine
        // (SQLite's LIKE ignores it; PostgreSQL's does not).
        let any: Vec<String> = columns
            .iter()
            .map(|c| format!("lower({c}) LIKE lower(?) ESCAPE '\\'"))
            .collect();
        let vals = vec![Value::Text(format!("%{escaped}%")); columns.len()];
        Some((format!("({})", any.join(" OR ")), vals))
    }

    fn sql(&self) -> (String, Vec<Value>) {
        let mut conds: Vec<&str> = Vec::new();
        let mut vals = Vec::new();
        if let Some(f) = self.from {
            conds.push("a.date >= ?");
            vals.push(Value::Text(date_text(f)));
        }
        if let Some(t) = self.to {
            conds.push("a.date <= ?");
            vals.push(Value::Text(date_text(t)));
        }
        if let Some(m) = &self.member {
            conds.push("a.member = ?");
            vals.push(Value::Text(m.clone()));
        }
        match self.status {
            Some(s) => {
                conds.push("a.status = ?");
                vals.push(Value::Text(s.as_str().into()));
            }
            None => conds.push("a.status IN ('pending', 'approved', 'rejected')"),
        }
        let like = self.text_like(&[
            "a.member",
            "m.name",
            "a.rule_id",
            "a.subject",
            "a.category",
            "a.reason",
            "a.date",
        ]);
        let named;
        if let Some((cond, more)) = &like {
            vals.extend(more.iter().cloned());
            if self.rules_named.is_empty() {
                conds.push(cond);
            } else {
                let marks = vec!["?"; self.rules_named.len()].join(", ");
                named = format!("({cond} OR a.rule_id IN ({marks}))");
                conds.push(&named);
                vals.extend(self.rules_named.iter().map(|r| Value::Text(r.clone())));
            }
        }
        let where_ = if conds.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", conds.join(" AND "))
        };
        (where_, vals)
    }
}

const FROM: &str = "FROM awards a LEFT JOIN members m ON m.code = a.member";

/// The columns of a line, from the awards.
const AWARD_COLUMNS: &str = "a.date AS date, a.id AS id, a.member AS member, \
     COALESCE(m.name, '') AS name, a.kind AS kind, a.rule_id AS rule_id, a.subject AS subject, \
     a.reason AS reason, a.points AS points, a.status AS status";

impl AwardView {
    /// Whether the view shows postings (approved by nature).
    fn shows_postings(&self) -> bool {
        matches!(self.status, None | Some(Status::Approved))
    }

    /// The postings part of the view: its WHERE and values.
    fn postings_sql(&self) -> (String, Vec<Value>) {
        let mut conds = vec!["l.kind IN ('redemption', 'expiry')".to_string()];
        let mut vals = Vec::new();
        if let Some(f) = self.from {
            conds.push("l.date >= ?".into());
            vals.push(Value::Text(date_text(f)));
        }
        if let Some(t) = self.to {
            conds.push("l.date <= ?".into());
            vals.push(Value::Text(date_text(t)));
        }
        if let Some(m) = &self.member {
            conds.push("l.member = ?".into());
            vals.push(Value::Text(m.clone()));
        }
        if let Some((cond, more)) =
            self.text_like(&["l.member", "m.name", "l.kind", "l.note", "l.date"])
        {
            conds.push(cond);
            vals.extend(more);
        }
        (format!(" WHERE {}", conds.join(" AND ")), vals)
    }

    /// What a count reads: the members' names only for a text filter.
    fn count_from(&self) -> &'static str {
        if self.text.is_some() {
            FROM
        } else {
            "FROM awards a"
        }
    }

    /// The view's status groups in order: (group number, status).
    fn groups(&self) -> Vec<(i64, Status)> {
        match self.status {
            Some(s) => vec![(0, s)],
            None => vec![
                (0, Status::Pending),
                (1, Status::Approved),
                (2, Status::Rejected),
            ],
        }
    }
}

/// Where a page starts within one status group's arm (awards are post 0,
/// postings post 1): the condition on the arm's (date, id) and its values,
/// or None when the page holds none of the arm.
fn arm_bound(
    page: &Page,
    group: i64,
    post: i64,
    date: &str,
    id: &str,
) -> Option<(String, Vec<Value>)> {
    let (key, after) = match page {
        Page::First | Page::Last => return Some((String::new(), Vec::new())),
        Page::After(k) => (k, true),
        Page::Before(k) => (k, false),
    };
    // Groups wholly past the key in the page's direction hold nothing.
    if (after && group < key.group) || (!after && group > key.group) {
        return None;
    }
    if group != key.group {
        return Some((String::new(), Vec::new()));
    }
    let (op, op_eq) = if after { (">", ">=") } else { ("<", "<=") };
    let d = Value::Text(key.date.clone());
    Some(match post.cmp(&key.posting) {
        // The same arm as the key: strictly past it by (date, id).
        std::cmp::Ordering::Equal => (
            format!(" AND ({date}, {id}) {op} (?, ?)"),
            vec![d, Value::Integer(key.id)],
        ),
        // An arm that sorts after the key's on the same date (postings
        // after awards, going forwards): from that date on, inclusive.
        std::cmp::Ordering::Greater if after => (format!(" AND {date} {op_eq} ?"), vec![d]),
        std::cmp::Ordering::Less if !after => (format!(" AND {date} {op_eq} ?"), vec![d]),
        _ => (format!(" AND {date} {op} ?"), vec![d]),
    })
}

impl Db<'_> {
    /// Up to `limit` rows of the view at `page`, in the view's order. Each
    /// status group's awards and postings are read in their indexes' order
    /// (date, id), as many as the page needs, and merged: no part of the
    /// view is sorted whole.
    pub fn award_lines(
        &self,
        view: &AwardView,
        page: &Page,
        limit: usize,
    ) -> Result<Vec<AwardLine>> {
        let desc = matches!(page, Page::Last | Page::Before(_));
        let dir = if desc { "DESC" } else { "ASC" };
        let mut groups = view.groups();
        if desc {
            groups.reverse();
        }
        let mut out: Vec<AwardLine> = Vec::new();
        for (group, status) in groups {
            if out.len() >= limit {
                break;
            }
            let want = limit - out.len();
            let one = AwardView {
                status: Some(status),
                ..view.clone()
            };
            let mut lines = Vec::new();
            if let Some((bound, more)) = arm_bound(page, group, 0, "a.date", "a.id") {
                let (where_, mut vals) = one.sql();
                vals.extend(more);
                vals.push(Value::Integer(want as i64));
                let sql = format!(
                    "SELECT {group}, 0, {AWARD_COLUMNS} {FROM}{where_}{bound} \
                     ORDER BY a.date {dir}, a.id {dir} LIMIT ?"
                );
                lines.extend(self.lines(&sql, vals)?);
            }
            if status == Status::Approved
                && view.shows_postings()
                && let Some((bound, more)) = arm_bound(page, group, 1, "l.date", "l.id")
            {
                let (where_, mut vals) = view.postings_sql();
                vals.extend(more);
                vals.push(Value::Integer(want as i64));
                let sql = format!(
                    "SELECT {group}, 1, l.date, l.id, l.member, COALESCE(m.name, ''), l.kind, '', '', \
                     l.note, l.points, 'approved' FROM ledger l LEFT JOIN members m ON m.code = l.member\
                     {where_}{bound} ORDER BY l.date {dir}, l.id {dir} LIMIT ?"
                );
                lines.extend(self.lines(&sql, vals)?);
                let order = |l: &AwardLine| (l.key.date.clone(), l.key.posting, l.key.id);
                lines.sort_by_key(order);
                if desc {
                    lines.reverse();
                }
            }
            lines.truncate(want);
            out.extend(lines);
        }
        if desc {
            out.reverse();
        }
        Ok(out)
    }

    /// The lines a page query reads: (grp, post, date, id, member, name,
    /// kind, rule_id, subject, reason, points, status).
    fn lines(&self, sql: &str, vals: Vec<Value>) -> Result<Vec<AwardLine>> {
        let mut st = self.0.prepare(sql)?;
        let rows = st.query_map(&arg_list(&vals), |r| {
            let date: String = r.get(2)?;
            let posting = r.get::<i64>(1)? == 1;
            let kind: String = r.get(6)?;
            let key = LineKey {
                group: r.get(0)?,
                date: date.clone(),
                posting: i64::from(posting),
                id: r.get(3)?,
            };
            Ok(AwardLine {
                id: key.id,
                date: parse_stored_date(&date)?,
                member: r.get(4)?,
                name: r.get(5)?,
                kind: if posting {
                    AwardKind::Manual
                } else {
                    stored_enum(kind.clone(), AwardKind::parse)?
                },
                rule_id: r.get(7)?,
                subject: r.get(8)?,
                reason: r.get(9)?,
                points: Points::from_cents(r.get(10)?),
                status: stored_enum(r.get(11)?, Status::parse)?,
                posting: if posting {
                    Some(stored_enum(kind, PostingKind::parse)?)
                } else {
                    None
                },
                key,
            })
        })?;
        Ok(rows.into_iter().collect())
    }

    /// How many rows the view holds, postings included.
    pub fn award_line_count(&self, view: &AwardView) -> Result<usize> {
        let (where_, vals) = view.sql();
        let mut n: i64 = self
            .0
            .prepare(&format!("SELECT COUNT(*) {}{where_}", view.count_from()))?
            .query_row(&arg_list(&vals), |r| r.get(0))?;
        if view.shows_postings() {
            let (where_, vals) = view.postings_sql();
            n += self
                .0
                .prepare(&format!(
                    "SELECT COUNT(*) FROM ledger l{}{where_}",
                    if view.text.is_some() {
                        " LEFT JOIN members m ON m.code = l.member"
                    } else {
                        ""
                    }
                ))?
                .query_row(&arg_list(&vals), |r| r.get::<i64>(0))?;
        }
        Ok(n as usize)
    }

    /// What marking needs of every row of the view.
    pub fn award_line_marks(&self, view: &AwardView) -> Result<Vec<AwardMark>> {
        let (where_, vals) = view.sql();
        let mut st = self.0.prepare(&format!(
            "SELECT a.id, a.points, a.status, a.kind, a.subject, a.date {FROM}{where_}"
        ))?;
        let rows = st.query_map(&arg_list(&vals), |r| {
            let date: String = r.get(5)?;
            Ok(AwardMark {
                id: r.get(0)?,
                points: Points::from_cents(r.get(1)?),
                status: stored_enum(r.get(2)?, Status::parse)?,
                kind: stored_enum(r.get(3)?, AwardKind::parse)?,
                subject: r.get(4)?,
                date: parse_stored_date(&date)?,
            })
        })?;
        Ok(rows.into_iter().collect())
    }
}
