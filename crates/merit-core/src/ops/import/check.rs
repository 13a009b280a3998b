//! Checking one row's cells: codes, names, members, numbers, dates and
//! limits, each problem kept as (field, message) for the row's report.
//! The TUI's reward form checks its cells here too.

use super::ImportKind;
use super::rows::Row;
use crate::domain::{
    Activity, Attrs, Member, Period, Points, Reward, Target, parse_date, parse_decimal,
};
use crate::message::Msg;
use crate::msg;
use rust_decimal::Decimal;
use std::collections::HashSet;

/// Field problems of one row: (field, message).
#[derive(Default)]
pub(super) struct Problems(pub(super) Vec<(String, Msg)>);

impl Problems {
    fn add(&mut self, field: &str, problem: Msg) {
        self.0.push((field.to_string(), problem));
    }

    fn text(&mut self, row: &Row, field: &str) -> Option<String> {
        let v = row.get(field);
        if v.is_empty() {
            self.add(field, msg!("value-empty"));
            None
        } else if v.chars().count() > 200 {
            self.add(field, msg!("value-too-long", max = 200));
            None
        } else {
            Some(v.to_string())
        }
    }

    fn code(&mut self, row: &Row, field: &str) -> Option<String> {
        let v = self.text(row, field)?;
        // One pass over the characters (a million refs are read here): an
        // invisible one is named wherever it is, before any blank.
        let (mut count, mut blank) = (0usize, false);
        for c in v.chars() {
            if crate::text::is_invisible(c) {
                let code = format!("{:04X}", c as u32);
                self.add(
                    field,
                    msg!("code-invisible-character", value = &v, code = code),
                );
                return None;
            }
            blank |= c.is_whitespace() || c.is_control();
            count += 1;
        }
        if blank || count > 32 {
            self.add(field, msg!("code-not-a-code", value = &v, max = 32));
            return None;
        }
        Some(v)
    }

    /// A member's or reward's code: a `code`, not starting with `-` (it
    /// would read as an option on the command line), and without blanks
    /// around it: ` CJ` would quietly update CJ where a new member was
    /// meant.
    fn name_code(&mut self, row: &Row, field: &str) -> Option<String> {
        let raw = row.raw(field);
        if raw.trim().len() != raw.len() && !raw.trim().is_empty() {
            self.add(field, msg!("code-not-a-code", value = raw, max = 32));
            return None;
        }
        let v = self.code(row, field)?;
        if v.starts_with('-') {
            self.add(field, msg!("code-starts-with-dash", value = &v));
            return None;
        }
        Some(v)
    }

    fn member(&mut self, row: &Row, known: &HashSet<String>) -> Option<String> {
        let v = self.text(row, "member")?;
        if !known.contains(&v) {
            self.add("member", msg!("import-unknown-member", member = &v));
            return None;
        }
        Some(v)
    }

    fn number(&mut self, row: &Row, field: &str, empty_is_zero: bool) -> Option<Decimal> {
        let v = row.get(field);
        if v.is_empty() {
            if empty_is_zero {
                return Some(Decimal::ZERO);
            }
            self.add(field, msg!("value-empty"));
            return None;
        }
        match parse_decimal(v) {
            Ok(d) => Some(d),
            Err(e) => {
                self.add(field, e);
                None
            }
        }
    }
}

pub(super) fn read_member(row: &Row, p: &mut Problems) -> Option<Member> {
    let code = p.name_code(row, "code");
    let name = p.text(row, "name");
    let team = p.text(row, "team");
    let joined = match row.get("joined") {
        "" => None,
        s => match parse_date(s) {
            Ok(d) => Some(d),
            Err(e) => {
                p.add("joined", e);
                None
            }
        },
    };
    let active = read_active(row, p);
    Some(Member {
        code: code?,
        name: name?,
        team: team?,
        joined,
        active,
    })
}

fn read_active(row: &Row, p: &mut Problems) -> bool {
    match row.get("active").to_ascii_lowercase().as_str() {
        "" | "true" => true,
        "false" => false,
        other => {
            p.add("active", msg!("value-not-true-or-false", value = other));
            true
        }
    }
}

/// A reward from cells named like the rewards CSV's columns, with the
/// import's checks; the TUI's reward form reads through this, so a reward
/// typed there is held to what a file would be. Errors: (column, message).
/// A reward read from cells, and its limits when the cells have limit columns.
pub type RewardCells = (Reward, Option<crate::domain::RewardLimits>);

/// With limit columns among the cells, their limits too.
pub fn reward_from_cells(
    cells: &[(&str, &str)],
) -> std::result::Result<RewardCells, Vec<(String, Msg)>> {
    let row = Row {
        line: 0,
        header: std::sync::Arc::new(cells.iter().map(|(k, _)| k.to_string()).collect()),
        record: cells.iter().map(|(_, v)| *v).collect(),
    };
    let mut p = Problems::default();
    let reward = read_reward(&row, &mut p);
    let limits = read_limits(&row, &mut p);
    match reward {
        Some(r) if p.0.is_empty() => Ok((r, limits)),
        _ => Err(p.0),
    }
}

/// The optional fair-redemption columns of a rewards row: `limit_qty`
/// (a whole number ≥ 1) with `limit_per` (`month`, `quarter`, `year`), and
/// `available_from`/`available_to`. `None` when the file has none of them.
pub(super) fn read_limits(row: &Row, p: &mut Problems) -> Option<crate::domain::RewardLimits> {
    const COLS: [&str; 4] = ["limit_qty", "limit_per", "available_from", "available_to"];
    if !COLS.iter().any(|c| row.header.iter().any(|h| h == c)) {
        return None;
    }
    let mut l = crate::domain::RewardLimits::default();
    match row.get("limit_qty") {
        "" => {}
        s => match s.parse::<i64>() {
            Ok(n) if (1..=1_000_000_000).contains(&n) => l.limit_qty = Some(n),
            _ => p.add("limit_qty", msg!("value-not-a-limit", value = s)),
        },
    }
    match row.get("limit_per") {
        "" if l.limit_qty.is_some() => p.add("limit_per", msg!("value-empty-say-period")),
        "" => {}
        s => match crate::domain::PeriodKind::parse(s)
            .filter(|k| *k != crate::domain::PeriodKind::Week)
        {
            Some(k) if l.limit_qty.is_some() => l.limit_per = Some(k),
            // A limit_qty given but wrong is said of its own cell.
            Some(_) if !row.get("limit_qty").is_empty() => {}
            Some(_) => p.add("limit_per", msg!("value-needs-limit-qty")),
            None => p.add("limit_per", msg!("value-not-a-period-kind", value = s)),
        },
    }
    for (col, slot) in [
        ("available_from", &mut l.available_from),
        ("available_to", &mut l.available_to),
    ] {
        match row.get(col) {
            "" => {}
            s => match parse_date(s) {
                Ok(d) => *slot = Some(d),
                Err(e) => p.add(col, e),
            },
        }
    }
    if let (Some(f), Some(t)) = (l.available_from, l.available_to)
        && t < f
    {
        p.add(
            "available_to",
            msg!("value-is-before", key = "available_from"),
        );
    }
    Some(l)
}

pub(super) fn read_reward(row: &Row, p: &mut Problems) -> Option<Reward> {
    let code = p.name_code(row, "code");
    let name = p.text(row, "name");
    let cost = match Points::parse(row.get("cost")) {
        Ok(c) if c.decimal() > Decimal::ZERO => Some(c),
        Ok(_) => {
            p.add(
                "cost",
                msg!("value-must-be-more-than-0", value = row.get("cost")),
            );
            None
        }
        Err(e) if e.names("value-too-large") => {
            let max = crate::domain::limits::max_abs();
            let value = row.get("cost").trim();
            p.add(
                "cost",
                msg!("value-must-be-at-most", value = value, max = max),
            );
            None
        }
        Err(e) => {
            p.add("cost", e);
            None
        }
    };
    let stock = match row.get("stock") {
        "" => Some(None),
        s => match s.parse::<i64>() {
            Ok(n) if (0..=1_000_000_000).contains(&n) => Some(Some(n)),
            _ => {
                p.add("stock", msg!("value-not-a-stock", value = s));
                None
            }
        },
    };
    let category = row.get("category").to_string();
    let active = read_active(row, p);
    Some(Reward {
        code: code?,
        name: name?,
        cost: cost?,
        stock: stock?,
        category,
        active,
    })
}

pub(super) fn read_activity(
    row: &Row,
    members: &HashSet<String>,
    p: &mut Problems,
) -> Option<Activity> {
    let reference = p.code(row, "ref");
    let member = p.member(row, members);
    let kind = p.code(row, "kind");
    let date = match parse_date(row.get("date")) {
        Ok(d) => Some(d),
        Err(e) => {
            p.add("date", e);
            None
        }
    };
    let amount = p.number(row, "amount", true);
    let mut attrs = Attrs::default();
    for col in row.header.iter() {
        if ImportKind::Activities.required().contains(&col.as_str()) || col.is_empty() {
            continue;
        }
        let v = row.get(col);
        if v.chars().count() > 200 {
            p.add(col, msg!("value-too-long", max = 200));
        } else if !v.is_empty() {
            attrs.insert(col, v);
        }
    }
    Some(Activity {
        reference: reference?,
        member: member?,
        kind: kind?,
        date: date?,
        amount: amount?,
        attrs,
    })
}

pub(super) fn read_target(
    row: &Row,
    members: &HashSet<String>,
    p: &mut Problems,
) -> Option<Target> {
    let member = p.member(row, members);
    let period = match Period::parse(row.get("period")) {
        // Attainment is per month, quarter or year: a week has no target.
        Some(per) if per.kind() != crate::domain::PeriodKind::Week => Some(per),
        // `1899`, `3000-Q1`: said as the command line says it.
        None if crate::domain::limits::period_year_outside(row.get("period")) => {
            p.add(
                "period",
                crate::domain::limits::outside_years(row.get("period")),
            );
            None
        }
        _ => {
            p.add(
                "period",
                msg!("value-not-a-target-period", value = row.get("period")),
            );
            None
        }
    };
    let metric = p.code(row, "metric");
    let target = p.number(row, "target", false);
    if target.is_some_and(|t| t <= Decimal::ZERO) {
        p.add("target", msg!("value-must-be-greater-than-0"));
        return None;
    }
    Some(Target {
        member: member?,
        period: period?,
        metric: metric?,
        target: target?,
    })
}
