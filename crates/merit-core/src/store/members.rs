//! Members and their targets.

use super::{Db, Tx, date_text, parse_stored_date};
use crate::domain::{Member, Period, Target, parse_any_decimal};
use crate::error::Result;
use crate::store::sql::{Row, args};

/// What an upsert did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Inserted,
    Updated,
    Unchanged,
}

fn member_row(r: &Row) -> Result<Member> {
    let joined: Option<String> = r.get(3)?;
    Ok(Member {
        code: r.get(0)?,
        name: r.get(1)?,
        team: r.get(2)?,
        joined: joined.as_deref().map(parse_stored_date).transpose()?,
        active: r.get(4)?,
    })
}

const MEMBER_COLUMNS: &str = "code, name, team, joined, active";

impl Db<'_> {
    /// Every member, by code.
    pub fn members(&self) -> Result<Vec<Member>> {
        let mut st = self.0.prepare(&format!(
            "SELECT {MEMBER_COLUMNS} FROM members ORDER BY code"
        ))?;
        let rows = st.query_map(args![], member_row)?;
        Ok(rows.into_iter().collect())
    }

    pub fn member(&self, code: &str) -> Result<Option<Member>> {
        let mut st = self.0.prepare(&format!(
            "SELECT {MEMBER_COLUMNS} FROM members WHERE code = ?1"
        ))?;
        st.query_opt(args![code], member_row)
    }

    /// The members a mistyped code may have meant: the code in other
    /// letter case, or the member's name typed instead; by code, at most
    /// two (one is a suggestion, two say it is not one).
    pub fn members_like(&self, typed: &str) -> Result<Vec<(String, String)>> {
        let mut st = self.0.prepare(
            "SELECT code, name FROM members WHERE lower(code) = lower(?1) OR name = ?1 \
             ORDER BY code LIMIT 2",
        )?;
        st.query_map(args![typed], |r| Ok((r.get(0)?, r.get(1)?)))
    }

    /// Every target.
    pub fn targets(&self) -> Result<Vec<Target>> {
        self.targets_where("TRUE", "")
    }

    /// The years that have targets (period ids start with the year).
    pub fn target_years(&self) -> Result<Vec<i32>> {
        let mut st = self
            .0
            .prepare("SELECT DISTINCT substr(period, 1, 4) FROM targets")?;
        let rows = st.query_map(args![], |r| r.get::<String>(0))?;
        let mut out = Vec::new();
        for y in rows {
            if let Ok(y) = y.parse() {
                out.push(y);
            }
        }
        Ok(out)
    }

    /// The targets of periods in `year` (period ids start with the year).
    pub fn targets_of_year(&self, year: i32) -> Result<Vec<Target>> {
        self.targets_where("substr(period, 1, 4) = ?1", &format!("{year:04}"))
    }

    /// The targets of exactly `period`.
    pub fn targets_of_period(&self, period: crate::domain::Period) -> Result<Vec<Target>> {
        self.targets_where("period = ?1", &period.to_string())
    }

    fn targets_where(&self, cond: &str, value: &str) -> Result<Vec<Target>> {
        let mut st = self.0.prepare(&format!(
            "SELECT member, period, metric, target FROM targets WHERE {cond} ORDER BY member, period, metric"
        ))?;
        let params: &[&dyn crate::store::sql::Arg] = if value.is_empty() { &[] } else { &[&value] };
        let rows = st.query_map(params, |r| {
            let period: String = r.get(1)?;
            let target: String = r.get(3)?;
            Ok((r.get::<String>(0)?, period, r.get::<String>(2)?, target))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (member, period, metric, target) = row;
            // Rows were validated on import; skip anything unreadable.
            if let (Some(period), Ok(target)) = (Period::parse(&period), parse_any_decimal(&target))
            {
                out.push(Target {
                    member,
                    period,
                    metric,
                    target,
                });
            }
        }
        Ok(out)
    }
}

impl Tx<'_> {
    pub fn upsert_member(&self, m: &Member) -> Result<Change> {
        let old = self.db().member(&m.code)?;
        let joined = m.joined.map(date_text);
        match old {
            Some(old) if old == *m => Ok(Change::Unchanged),
            Some(_) => {
                self.unscore_all()?;
                let key = [m.code.as_str()];
                self.input_leaving(super::inputs::Input::Members, &key)?;
                self.conn().execute(
                    "UPDATE members SET name = ?2, team = ?3, joined = ?4, active = ?5 WHERE code = ?1",
                    args![m.code, m.name, m.team, joined, m.active],
                )?;
                self.input_arrived(super::inputs::Input::Members, &key)?;
                Ok(Change::Updated)
            }
            None => {
                self.unscore_all()?;
                self.conn().execute(
                    "INSERT INTO members(code, name, team, joined, active) VALUES (?1, ?2, ?3, ?4, ?5)",
                    args![m.code, m.name, m.team, joined, m.active],
                )?;
                self.input_arrived(super::inputs::Input::Members, &[m.code.as_str()])?;
                Ok(Change::Inserted)
            }
        }
    }

    pub fn upsert_target(&self, t: &Target) -> Result<Change> {
        let period = t.period.to_string();
        let value = crate::domain::format_decimal(t.target);
        let old: Option<String> = self
            .conn()
            .prepare(
                "SELECT target FROM targets WHERE member = ?1 AND period = ?2 AND metric = ?3",
            )?
            .query_opt(args![t.member, period, t.metric], |r| r.get(0))?;
        if old.as_ref() != Some(&value) {
            self.unscore_year(t.period.year())?;
        }
        match old {
            Some(old) if old == value => Ok(Change::Unchanged),
            Some(_) => {
                let key = [t.member.as_str(), period.as_str(), t.metric.as_str()];
                self.input_leaving(super::inputs::Input::Targets, &key)?;
                self.conn().execute(
                    "UPDATE targets SET target = ?4 WHERE member = ?1 AND period = ?2 AND metric = ?3",
                    args![t.member, period, t.metric, value],
                )?;
                self.input_arrived(super::inputs::Input::Targets, &key)?;
                Ok(Change::Updated)
            }
            None => {
                self.conn().execute(
                    "INSERT INTO targets(member, period, metric, target) VALUES (?1, ?2, ?3, ?4)",
                    args![t.member, period, t.metric, value],
                )?;
                let key = [t.member.as_str(), period.as_str(), t.metric.as_str()];
                self.input_arrived(super::inputs::Input::Targets, &key)?;
                Ok(Change::Inserted)
            }
        }
    }
}
