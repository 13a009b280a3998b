//! `merit statement MEMBER [PERIOD] [--format …]`: a rep's statement as
//! text or Markdown for people, HTML (the site's page), CSV or JSON.

use super::StatementFormat as F;
use super::output::{Cell, Format, render};
use crate::domain::Period;
use crate::error::Result;
use crate::i18n::names::RuleNames;
use crate::ops::statement::Statement;
use crate::store::Store;

const HEADERS: [&str; 8] = [
    "date",
    "kind",
    "rule",
    "subject",
    "category",
    "points",
    "status",
    "explanation",
];

/// `merit statement MEMBER [PERIOD] [--format …]`: the period, else
/// today's quarter.
pub fn statement(
    store: &Store,
    member: &str,
    period: Option<Period>,
    today: chrono::NaiveDate,
    format: F,
) -> Result<()> {
    let period =
        period.unwrap_or_else(|| Period::containing(crate::domain::PeriodKind::Quarter, today));
    let s = crate::ops::statement::statement(store.db(), member, period, today)?;
    // People read the explanation in their language; scripts get it as
    // the ledger keeps it.
    let people = !matches!(format, F::Json | F::Csv);
    // People read each rule by its name (in Chinese; English keeps ids).
    let lang = crate::i18n::current();
    let names = if people {
        RuleNames::read(store.db(), lang, today)?
    } else {
        RuleNames::default()
    };
    let cells = line_cells(&s, people, &names);
    match format {
        F::Json => println!("{}", statement_json(&s)),
        F::Csv => print!(
            "{}",
            render(Format::Csv, &HEADERS, &with_progress(&s, cells))
        ),
        F::Html => print!(
            "{}",
            crate::publish::statement_html(&s, lang, &names, false)?
        ),
        F::Text => {
            let named = names.progress(&s);
            print!("{}", crate::text::visible_lines(&summary(&named, false)));
            print!("{}", render(Format::Table, &HEADERS, &cells));
        }
        F::Markdown => {
            let named = names.progress(&s);
            let out = summary(&named, true) + &lines_markdown(&s, &names);
            print!("{}", crate::text::visible_lines(&out));
        }
    }
    Ok(())
}

/// The statement's lines as cells, words in the reader's language for
/// people.
fn line_cells(s: &Statement, people: bool, names: &RuleNames) -> Vec<Vec<Cell>> {
    s.lines
        .iter()
        .map(|l| {
            vec![
                Cell::text(&l.date),
                Cell::text(if people {
                    crate::i18n::stored_word(&l.kind)
                } else {
                    &l.kind
                }),
                Cell::text(names.name(&l.rule)),
                Cell::text(&l.subject),
                Cell::text(if people {
                    crate::i18n::category(&l.category)
                } else {
                    &l.category
                }),
                Cell::num(&l.points),
                Cell::text(if people {
                    crate::i18n::stored_word(&l.status)
                } else {
                    &l.status
                }),
                Cell::text(if people {
                    crate::i18n::explain::of_line(crate::i18n::current(), l, names)
                } else {
                    l.explanation.clone()
                }),
            ]
        })
        .collect()
}

/// The CSV's rows: the lines, then progress to the next tiers as rows of
/// kind `progress`, dated on the rule's period's last day, the line as
/// explanation.
fn with_progress(s: &Statement, mut cells: Vec<Vec<Cell>>) -> Vec<Vec<Cell>> {
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
            // Scripts read the English, as the ledger keeps explanations.
            Cell::text(crate::i18n::summaries::progress_line_in(
                crate::i18n::Lang::En,
                p,
            )),
        ]);
    }
    cells
}

/// The head of the text or Markdown statement: who, the summary figures,
/// the next reward, progress, titles and points by category, then a
/// blank line.
fn summary(s: &Statement, md: bool) -> String {
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
        let head = crate::t!(
            "statement-head",
            name = &s.name,
            member = &s.member,
            team = &s.team,
            period = &s.period,
            today = &s.today
        );
        format!("{head}\n\n")
    };
    let figures = [
        ("statement-approved", &s.approved),
        ("statement-pending", &s.pending),
        ("statement-provisional", &s.provisional),
        ("statement-balance", &s.balance),
        ("statement-available", &s.available),
        ("statement-expiring", &s.expiring_30d),
    ];
    for (what, v) in figures {
        out.push_str(&if md {
            format!("- {}: **{v}**\n", crate::t!(what))
        } else {
            format!("{} {v}\n", label(what))
        });
    }
    if let (Some(r), Some(m_)) = (&s.next_reward, &s.missing) {
        out.push_str(&if md {
            format!(
                "- {}: {}\n",
                crate::t!("statement-next-reward"),
                crate::t!("statement-to-go", reward = m(r), missing = m(m_))
            )
        } else {
            format!(
                "{} {}\n",
                label("statement-next-reward"),
                crate::t!("statement-to-go", reward = r, missing = m_)
            )
        });
    }
    out.push_str(&progress_and_titles(s, md));
    for c in &s.by_category {
        out.push_str(&if md {
            format!(
                "- {}: {}\n",
                m(crate::i18n::category(&c.category)),
                c.points
            )
        } else {
            // Padded by terminal cells (a Chinese character takes two),
            // never cut.
            let category = crate::text::visible(crate::i18n::category(&c.category));
            let cells = crate::text::width(&category).max(18);
            format!(
                "  {} {}\n",
                crate::text::pad_right(&category, cells),
                c.points
            )
        });
    }
    out.push('\n');
    out
}

/// A summary label (a catalogue id) in the reader's language, padded to
/// 20 cells.
fn label(id: &str) -> String {
    crate::text::pad_right(crate::t!(id), 20)
}

/// The progress lines to the next tiers and the titles won.
fn progress_and_titles(s: &Statement, md: bool) -> String {
    let m = crate::publish::markdown::text;
    let mut out = String::new();
    for p in &s.progress {
        out.push_str(&if md {
            // Only the store's words are escaped: the rule and metric.
            let mut escaped = p.clone();
            escaped.rule = m(&p.rule);
            escaped.metric = m(&p.metric);
            format!("- {}\n", crate::i18n::summaries::progress_line(&escaped))
        } else {
            format!("{}\n", crate::i18n::summaries::progress_line(p))
        });
    }
    if !s.titles.is_empty() {
        let titles = s.titles.join(", ");
        out.push_str(&if md {
            let titles: Vec<String> = s.titles.iter().map(|t| m(t)).collect();
            format!(
                "- {}: **{}**\n",
                crate::t!("statement-titles"),
                titles.join(", ")
            )
        } else {
            format!("{} {titles}\n", label("statement-titles"))
        });
    }
    out
}

/// The statement's lines as a Markdown table in the reader's language,
/// the store's words escaped.
fn lines_markdown(s: &Statement, names: &RuleNames) -> String {
    let m = crate::publish::markdown::text;
    let lang = crate::i18n::current();
    let head = ["date", "what", "points", "status", "how"]
        .map(|h| crate::i18n::messages::column(h).into_owned())
        .join(" | ");
    let mut out = format!("| {head} |\n|---|---|---:|---|---|\n");
    for l in &s.lines {
        out.push_str(&format!(
            "| {} | {} {} {} | {} | {} | {} |\n",
            l.date,
            crate::i18n::stored_word_in(lang, &l.kind),
            m(names.name(&l.rule)),
            m(&l.subject),
            l.points,
            crate::i18n::stored_word_in(lang, &l.status),
            m(&crate::i18n::explain::of_line(lang, l, names))
        ));
    }
    out
}

/// The statement as JSON, every number a JSON number (exact: the decimal
/// as merit writes it), every text a string.
fn statement_json(s: &Statement) -> String {
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
