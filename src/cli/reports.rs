//! `merit standings` and `merit ledger`.

use super::LedgerStatusArg;
use super::output::{Cell, Format, render};
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
    print!("{out}");
    // What the standings leave out, said where a script does not read it.
    if !include_pending {
        let (n, points) = store.db().pending_summary(period.start(), period.end())?;
        if n > 0 {
            esay!("{points} pending points not included (--include-pending)");
        }
    }
    Ok(())
}

/// The statement as JSON, every number a JSON number (exact: the decimal
/// as merit writes it), every text a string.
fn statement_json(s: &crate::ops::statement::Statement) -> String {
    const NUMBERS: &[&str] = &[
        "approved",
        "pending",
        "provisional",
        "points",
        "balance",
        "available",
        "expiring_30d",
        "missing",
        "target",
        "done",
        "attainment",
        "next_at",
        "next_points",
        "needed",
    ];
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map.iter_mut() {
                    if NUMBERS.contains(&k.as_str())
                        && let serde_json::Value::String(text) = v
                        && let Ok(n) = text.parse::<serde_json::Number>()
                    {
                        *v = serde_json::Value::Number(n);
                    } else {
                        walk(v);
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(s).unwrap_or_default();
    walk(&mut v);
    serde_json::to_string_pretty(&v).unwrap_or_default()
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
        return Err(Error::Usage(format!("--member: unknown member '{m}'")));
    }
    let shown = status.map(LedgerStatusArg::shown);
    let listed = crate::ops::ledger::ledger_listing(
        store.db(),
        &LedgerQuery {
            member,
            period,
            status: shown,
            today,
        },
    )?;
    let table = format == Format::Table;
    let rows: Vec<Vec<Cell>> = listed
        .iter()
        .map(|l| match l {
            Listed::Award(r) => award_cells(r, table),
            Listed::Posting(e, name) => posting_cells(e, name, table),
        })
        .collect();
    let out = if table {
        render(
            format,
            &[
                "id", "date", "member", "name", "kind", "rule", "subject", "points", "status",
            ],
            &rows,
        )
    } else {
        render(format, LEDGER_COLUMNS, &rows)
    };
    print!("{out}");
    Ok(())
}

fn award_cells(r: &crate::ops::ledger::LedgerRow, table: bool) -> Vec<Cell> {
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
        Cell::text(a.kind.as_str()),
        Cell::text(&a.key.rule_id),
        Cell::text(&a.key.subject),
        Cell::num(a.points),
        Cell::text(r.status_text()),
    ];
    if !table {
        cells.extend([
            Cell::text(&a.category),
            Cell::text(&a.reason),
            Cell::text(a.decided_by.clone().unwrap_or_default()),
            Cell::text(a.decided_at.clone().unwrap_or_default()),
            Cell::text(a.decision_reason.clone().unwrap_or_default()),
            Cell::text(&a.explanation),
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
        Cell::text(e.kind.as_str()),
        Cell::text(""),
        Cell::text(&e.note),
        Cell::num(e.points),
        Cell::text("approved"),
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

/// `merit statement MEMBER [PERIOD] [--format …]`.
pub fn statement(
    store: &Store,
    member: &str,
    period: Period,
    today: chrono::NaiveDate,
    format: super::StatementFormat,
) -> Result<()> {
    use super::StatementFormat as F;
    let s = crate::ops::statement::statement(store.db(), member, period, today)?;
    let headers = [
        "date",
        "kind",
        "rule",
        "subject",
        "category",
        "points",
        "status",
        "explanation",
    ];
    // People read the explanation in their language; scripts get it as
    // the ledger keeps it.
    let people = !matches!(format, F::Json | F::Csv);
    let cells: Vec<Vec<Cell>> = s
        .lines
        .iter()
        .map(|l| {
            vec![
                Cell::text(&l.date),
                Cell::text(if people {
                    crate::tui::strings::word(&l.kind)
                } else {
                    &l.kind
                }),
                Cell::text(&l.rule),
                Cell::text(&l.subject),
                Cell::text(&l.category),
                Cell::num(&l.points),
                Cell::text(if people {
                    crate::tui::strings::word(&l.status)
                } else {
                    &l.status
                }),
                Cell::text(if people {
                    crate::i18n::explain::of_line(crate::i18n::current(), l)
                } else {
                    l.explanation.clone()
                }),
            ]
        })
        .collect();
    let summary = [
        ("approved", &s.approved),
        ("pending", &s.pending),
        ("provisional", &s.provisional),
        ("balance", &s.balance),
        ("available", &s.available),
        ("expiring in 30 days", &s.expiring_30d),
    ];
    match format {
        F::Json => println!("{}", statement_json(&s)),
        F::Csv => {
            // Progress to the next tiers as rows of kind `progress`, dated
            // on the rule's period's last day, the line as explanation.
            let mut cells = cells;
            for p in &s.progress {
                let end = crate::domain::Period::parse(&p.period)
                    .map(|q| q.end().to_string())
                    .unwrap_or_default();
                cells.push(vec![
                    Cell::text(end),
                    Cell::text("progress"),
                    Cell::text(&p.rule),
                    Cell::text(&p.period),
                    Cell::text(""),
                    Cell::num(""),
                    Cell::text(""),
                    Cell::text(crate::tui::strings::progress_line(p)),
                ]);
            }
            print!("{}", render(Format::Csv, &headers, &cells))
        }
        F::Html => print!(
            "{}",
            crate::publish::statement_html(&s, crate::publish::Lang::En, false)?
        ),
        F::Text | F::Markdown => {
            let md = format == F::Markdown;
            // Markdown carries the store's words as text only.
            let m = crate::publish::markdown::text;
            let mut out = if md {
                format!(
                    "## {} ({}, {}) — {}\n\n",
                    m(&s.name),
                    m(&s.member),
                    m(&s.team),
                    s.period
                )
            } else {
                crate::i18n::render(&format!(
                    "{} ({}, {}): statement of {}, as of {}\n\n",
                    s.name, s.member, s.team, s.period, s.today
                ))
                .into_owned()
            };
            for (what, v) in summary {
                out.push_str(&if md {
                    format!("- {what}: **{v}**\n")
                } else {
                    let what = crate::i18n::render(what);
                    format!("{} {v}\n", crate::text::pad_right(&what, 20))
                });
            }
            if let (Some(r), Some(m_)) = (&s.next_reward, &s.missing) {
                out.push_str(&if md {
                    format!("- next reward: {}, {} points to go\n", m(r), m(m_))
                } else {
                    format!(
                        "{} {}\n",
                        crate::text::pad_right(&crate::i18n::render("next reward"), 20),
                        crate::i18n::render(&format!("{r}, {m_} points to go"))
                    )
                });
            }
            for p in &s.progress {
                let line = crate::tui::strings::progress_line(p);
                out.push_str(&if md {
                    // Only the store's words are escaped: the rule and metric.
                    let mut escaped = p.clone();
                    escaped.rule = m(&p.rule);
                    escaped.metric = m(&p.metric);
                    format!("- {}\n", crate::tui::strings::progress_line(&escaped))
                } else {
                    format!("{}\n", crate::i18n::render(&line))
                });
            }
            if !s.titles.is_empty() {
                let titles = s.titles.join(", ");
                out.push_str(&if md {
                    let titles: Vec<String> = s.titles.iter().map(|t| m(t)).collect();
                    format!("- titles: **{}**\n", titles.join(", "))
                } else {
                    format!(
                        "{} {titles}\n",
                        crate::text::pad_right(&crate::i18n::render("titles"), 20)
                    )
                });
            }
            for c in &s.by_category {
                out.push_str(&if md {
                    format!("- {}: {}\n", m(&c.category), c.points)
                } else {
                    format!("  {:<18} {}\n", c.category, c.points)
                });
            }
            out.push('\n');
            if md {
                out.push_str("| date | what | points | status | how |\n|---|---|---:|---|---|\n");
                for l in &s.lines {
                    out.push_str(&format!(
                        "| {} | {} {} {} | {} | {} | {} |\n",
                        l.date,
                        l.kind,
                        m(&l.rule),
                        m(&l.subject),
                        l.points,
                        l.status,
                        m(&l.explanation)
                    ));
                }
                print!("{}", crate::text::visible_lines(&out));
            } else {
                print!("{}", crate::text::visible_lines(&out));
                print!("{}", render(Format::Table, &headers, &cells));
            }
        }
    }
    Ok(())
}
