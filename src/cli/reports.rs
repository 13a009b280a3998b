//! `merit standings` and `merit ledger`.

use super::StatusArg;
use super::output::{Cell, Format, render};
use crate::domain::Period;
use crate::error::{Error, Result};
use crate::ops::ledger::{LedgerQuery, ledger_rows};
use crate::ops::standings::{member_standings, team_standings};
use crate::store::Store;

pub fn standings(
    store: &Store,
    period: Period,
    teams: bool,
    include_pending: bool,
    format: Format,
) -> Result<()> {
    let out = if teams {
        let rows: Vec<Vec<Cell>> = team_standings(store.db(), period, include_pending)?
            .into_iter()
            .map(|t| vec![Cell::num(t.rank), Cell::text(t.team), Cell::num(t.points)])
            .collect();
        render(format, &["rank", "team", "points"], &rows)
    } else {
        let rows: Vec<Vec<Cell>> = member_standings(store.db(), period, include_pending)?
            .into_iter()
            .map(|m| {
                vec![
                    Cell::num(m.rank),
                    Cell::text(m.code),
                    Cell::text(m.name),
                    Cell::text(m.team),
                    Cell::num(m.points),
                ]
            })
            .collect();
        render(format, &["rank", "member", "name", "team", "points"], &rows)
    };
    print!("{out}");
    Ok(())
}

/// The stable columns of `merit ledger --format csv|json`.
pub const LEDGER_COLUMNS: &[&str] = &[
    "id",
    "date",
    "member",
    "name",
    "kind",
    "rule",
    "subject",
    "points",
    "status",
    "category",
    "reason",
    "decided_by",
    "decided_at",
    "decision_reason",
    "explanation",
];

pub fn ledger(
    store: &Store,
    member: Option<String>,
    period: Option<Period>,
    status: Option<StatusArg>,
    format: Format,
) -> Result<()> {
    if let Some(m) = &member
        && store.db().member(m)?.is_none()
    {
        return Err(Error::Usage(format!("--member: unknown member '{m}'")));
    }
    let status = status.map(StatusArg::status);
    let rows = ledger_rows(
        store.db(),
        &LedgerQuery {
            member,
            period,
            status,
        },
    )?;
    let out = if format == Format::Table {
        let cells: Vec<Vec<Cell>> = rows
            .iter()
            .map(|r| {
                let a = &r.award;
                vec![
                    Cell::num(a.id),
                    Cell::text(a.date.to_string()),
                    Cell::text(&a.key.member),
                    Cell::text(crate::text::truncate(&r.name, 16)),
                    Cell::text(a.kind.as_str()),
                    Cell::text(&a.key.rule_id),
                    Cell::text(&a.key.subject),
                    Cell::num(a.points),
                    Cell::text(a.status.as_str()),
                ]
            })
            .collect();
        render(
            format,
            &[
                "id", "date", "member", "name", "kind", "rule", "subject", "points", "status",
            ],
            &cells,
        )
    } else {
        let cells: Vec<Vec<Cell>> = rows
            .iter()
            .map(|r| {
                let a = &r.award;
                vec![
                    Cell::num(a.id),
                    Cell::text(a.date.to_string()),
                    Cell::text(&a.key.member),
                    Cell::text(&r.name),
                    Cell::text(a.kind.as_str()),
                    Cell::text(&a.key.rule_id),
                    Cell::text(&a.key.subject),
                    Cell::num(a.points),
                    Cell::text(a.status.as_str()),
                    Cell::text(&a.category),
                    Cell::text(&a.reason),
                    Cell::text(a.decided_by.clone().unwrap_or_default()),
                    Cell::text(a.decided_at.clone().unwrap_or_default()),
                    Cell::text(a.decision_reason.clone().unwrap_or_default()),
                    Cell::text(&a.explanation),
                ]
            })
            .collect();
        render(format, LEDGER_COLUMNS, &cells)
    };
    print!("{out}");
    Ok(())
}
