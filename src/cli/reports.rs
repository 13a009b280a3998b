//! `merit standings` and `merit ledger`: tables, CSV and JSON.

use super::LedgerStatusArg;
use super::output::{Cell, Format, render, streamed};
use crate::domain::Period;
use crate::error::{Error, Result};
use crate::ops::ledger::{LedgerQuery, Listed};
use crate::ops::standings::{member_standings, team_standings};
use crate::store::Store;

pub fn standings(
    store: &Store,
    period: Period,
    teams: bool,
    include_pending: bool,
    by_category: bool,
    format: Format,
) -> Result<()> {
    let out = if teams {
        let rows: Vec<Vec<Cell>> = team_standings(store.db(), period, include_pending)?
            .into_iter()
            .map(|t| vec![Cell::num(t.rank), Cell::text(t.team), Cell::num(t.points)])
            .collect();
        render(format, &["rank", "team", "points"], &rows)
    } else {
        let (cats, split) = if by_category {
            crate::ops::standings::points_by_category(store.db(), period, include_pending)?
        } else {
            Default::default()
        };
        let standings = member_standings(store.db(), period, include_pending)?;
        // The title column is always in machine formats; on the terminal,
        // only when someone holds a title.
        let titled = format != Format::Table || standings.iter().any(|m| !m.titles.is_empty());
        let mut headers = vec!["rank", "member", "name", "team", "points"];
        headers.extend(cats.iter().map(String::as_str));
        if titled {
            headers.push("title");
        }
        let rows: Vec<Vec<Cell>> = standings
            .into_iter()
            .map(|m| {
                let mine = split.get(&m.code);
                let mut row = vec![
                    Cell::num(m.rank),
                    Cell::text(&m.code),
                    Cell::text(m.name),
                    Cell::text(m.team),
                    Cell::num(m.points),
                ];
                for c in &cats {
                    row.push(Cell::num(
                        mine.and_then(|x| x.get(c)).copied().unwrap_or_default(),
                    ));
                }
                if titled {
                    row.push(Cell::text(m.titles.join("; ")));
                }
                row
            })
            .collect();
        render(format, &headers, &rows)
    };
    // What the standings leave out, said where a script does not read it;
    // worked out before the table is printed, so that a sum the store
    // cannot give leaves no table half said.
    let left_out = if include_pending {
        None
    } else {
        Some(store.db().pending_summary(period.start(), period.end())?)
    };
    print!("{out}");
    if let Some((n, points)) = left_out
        && n > 0
    {
        esay_t!("cli-standings", points = points);
    }
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
    status: Option<LedgerStatusArg>,
    format: Format,
    today: chrono::NaiveDate,
) -> Result<()> {
    if let Some(m) = &member
        && store.db().member(m)?.is_none()
    {
        let problem = crate::ops::members::unknown_member(store.db(), m)?;
        return Err(Error::usage(crate::domain::input::field(
            "--member", problem,
        )));
    }
    let query = LedgerQuery {
        member,
        period,
        status: status.map(LedgerStatusArg::shown),
        today,
    };
    // A table for people names each rule (in Chinese; English keeps ids)
    // and says the stored words in the language in use; CSV and JSON keep
    // ids and words as stored. Either is written as it is read.
    let table = format == Format::Table;
    let names = if table {
        crate::i18n::names::RuleNames::read(store.db(), crate::i18n::current(), today)?
    } else {
        Default::default()
    };
    let headers = if table {
        &[
            "id", "date", "member", "name", "kind", "rule", "subject", "points", "status",
        ][..]
    } else {
        LEDGER_COLUMNS
    };
    streamed(format, headers, |row| {
        crate::ops::ledger::each_listed(store.db(), &query, |l| {
            row(match &l {
                Listed::Award(r) => award_cells(r, table, &names),
                Listed::Posting(e, name) => posting_cells(e, name, table),
            })
        })
    })
}

/// A stored status or kind: in the language in use in a table for people,
/// as stored in CSV and JSON.
fn word(w: &str, table: bool) -> &str {
    if table {
        crate::i18n::stored_word(w)
    } else {
        w
    }
}

fn award_cells(
    r: &crate::ops::ledger::LedgerRow,
    table: bool,
    names: &crate::i18n::names::RuleNames,
) -> Vec<Cell> {
    let a = &r.award;
    let mut cells = vec![
        Cell::num(a.id),
        Cell::text(a.date.to_string()),
        Cell::text(&a.key.member),
        Cell::text(if table {
            crate::text::truncate(&r.name, 16)
        } else {
            r.name.clone()
        }),
        Cell::text(word(a.kind.as_str(), table)),
        Cell::text(names.name(&a.key.rule_id)),
        Cell::text(&a.key.subject),
        Cell::num(a.points),
        Cell::text(word(r.status_text(), table)),
    ];
    if !table {
        cells.extend([
            Cell::text(&a.category),
            Cell::text(&a.reason),
            Cell::text(a.decided_by.clone().unwrap_or_default()),
            Cell::text(a.decided_at.clone().unwrap_or_default()),
            Cell::text(a.decision_reason.clone().unwrap_or_default()),
            Cell::text(a.english()),
        ]);
    }
    cells
}

fn posting_cells(e: &crate::store::LedgerEntry, name: &str, table: bool) -> Vec<Cell> {
    let mut cells = vec![
        Cell::text(""),
        Cell::text(e.date.to_string()),
        Cell::text(&e.member),
        Cell::text(if table {
            crate::text::truncate(name, 16)
        } else {
            name.to_string()
        }),
        Cell::text(word(e.kind.as_str(), table)),
        Cell::text(""),
        Cell::text(if table {
            crate::i18n::messages::ledger_note_in(crate::i18n::current(), &e.note)
        } else {
            e.note.clone()
        }),
        Cell::num(e.points),
        Cell::text(word("approved", table)),
    ];
    if !table {
        cells.extend([
            Cell::text(""),
            Cell::text(""),
            Cell::text(&e.actor),
            Cell::text(&e.created_at),
            Cell::text(""),
            Cell::text(&e.note),
        ]);
    }
    cells
}
