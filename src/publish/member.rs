//! A member's page (`m/<page>.html`, and `merit statement --format html`):
//! their statement in the site's language, where they stand against the
//! next reward and the next tier (whole sentences, with a bar each), and,
//! on a published site, their points week by week as a labelled chart
//! with the exact figures beside it.

use super::charts;
use super::{CSS, Lang, Words, render, words};
use crate::domain::Points;
use crate::error::Result;
use crate::i18n::names::RuleNames;
use crate::ops::statement::{Statement, StatementLine};
use crate::ops::weekly::Week;
use rust_decimal::Decimal;
use serde::Serialize;

/// A member's weeks on their page.
pub struct Weekly<'a> {
    pub weeks: &'a [Week],
    pub points: Vec<Points>,
    /// Whether the weeks count pending points.
    pub include_pending: bool,
}

/// One week in the page's table of figures.
#[derive(Serialize)]
struct WeekRow {
    /// `MM-DD`, the week's first day in the period.
    day: String,
    date: String,
    points: String,
}

/// A share as a bar's width in percent (0 to 100, two decimals).
#[derive(Serialize)]
struct Bar {
    sentence: String,
    width: String,
}

fn width(done: Decimal, whole: Decimal) -> String {
    if whole <= Decimal::ZERO {
        return "100".into();
    }
    let w = (done * Decimal::ONE_HUNDRED / whole).clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
    w.round_dp(2).normalize().to_string()
}

/// The next reward as a sentence, and how far the available points go
/// towards its cost.
fn next_reward(s: &Statement, lang: Lang) -> Option<Bar> {
    let reward = s.next_reward.clone()?;
    let missing = s.missing.clone().unwrap_or_default();
    let sentence = crate::i18n::t_args_in(
        lang,
        "page-next-reward",
        &[
            ("reward", reward.as_str().into()),
            ("missing", missing.as_str().into()),
        ],
    );
    let dec = |t: &str| t.parse::<Decimal>().unwrap_or_default();
    let available = dec(&s.available).max(Decimal::ZERO);
    Some(Bar {
        sentence,
        width: width(available, available + dec(&missing)),
    })
}

/// Each attainment rule's progress as a sentence, and how far the
/// attainment is towards the next tier (all the way at the top tier).
fn progress(s: &Statement, lang: Lang) -> Vec<Bar> {
    s.progress
        .iter()
        .map(|p| {
            let next = p.next_at.is_some() && p.needed.is_some();
            let sentence = crate::i18n::summaries::progress_in(lang, "page-progress", p);
            let dec = |t: &str| t.parse::<Decimal>().unwrap_or_default();
            let width = match &p.next_at {
                Some(at) if next => width(dec(&p.attainment), dec(at)),
                _ => "100".into(),
            };
            Bar { sentence, width }
        })
        .collect()
}

/// The statement's lines, kinds and statuses in `lang`, each explanation
/// worded, each rule by its name.
fn worded(s: &Statement, lang: Lang, names: &RuleNames) -> Statement {
    Statement {
        lines: s
            .lines
            .iter()
            .map(|l| StatementLine {
                kind: crate::i18n::stored_word_in(lang, &l.kind).to_string(),
                status: crate::i18n::stored_word_in(lang, &l.status).to_string(),
                explanation: crate::i18n::explain::of_line(lang, l, names),
                rule: names.name(&l.rule).to_string(),
                ..l.clone()
            })
            .collect(),
        ..names.progress(s)
    }
}

/// The page of statement `s`, in `lang`, with `weekly` where the site has
/// the weeks.
pub fn page(
    env: &minijinja::Environment,
    s: &Statement,
    lang: Lang,
    names: &RuleNames,
    with_standings: bool,
    weekly: Option<&Weekly>,
) -> Result<String> {
    let s = &worded(s, lang, names);
    #[derive(Serialize)]
    struct Ctx<'a> {
        lang: &'static str,
        css: &'static str,
        t: Words,
        s: &'a Statement,
        with_standings: bool,
        /// "Points statement 2026-Q1, Published 2026-04-01.", worded whole
        /// (HTML, escaped).
        note: String,
        next_reward: Option<Bar>,
        progress: Vec<Bar>,
        chart: String,
        weeks: Vec<WeekRow>,
        include_pending: bool,
    }
    let note = super::rows::dated(
        lang,
        "page-statement-note",
        ("today", &s.today),
        &[("period", s.period.as_str().into())],
    );
    let t = words(lang);
    let (chart, weeks) = match weekly {
        Some(w) => (
            charts::weekly(&w.points, w.weeks, t["by_week"]),
            w.weeks
                .iter()
                .zip(&w.points)
                .map(|(d, p)| WeekRow {
                    day: d.from.format("%m-%d").to_string(),
                    date: d.from.to_string(),
                    points: p.to_string(),
                })
                .collect(),
        ),
        None => (String::new(), Vec::new()),
    };
    render(
        env,
        "statement.html",
        Ctx {
            lang: lang.tag(),
            css: CSS,
            t,
            s,
            with_standings,
            note,
            next_reward: next_reward(s, lang),
            progress: progress(s, lang),
            chart,
            weeks,
            include_pending: weekly.is_some_and(|w| w.include_pending),
        },
    )
}
