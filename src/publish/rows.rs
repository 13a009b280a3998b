//! What the pages show of the standings (issue 41): the rows, the podium
//! (the places won, each said in words and with its medal, so that neither
//! colour nor the medal alone carries it), and the period's state (running
//! as of today, ended, closed), worded whole in the site's language.

use crate::domain::{Period, Points};
use crate::error::Result;
use crate::i18n::Lang;
use crate::i18n::catalogue::{Arg, t_args_in};
use crate::ops::standings::RankingRow;
use crate::store::Db;
use chrono::NaiveDate;
use serde::Serialize;

/// A row as the pages show it.
#[derive(Serialize)]
pub struct Row {
    pub rank: usize,
    /// `new`, `=`, `+2`, `-1` (the templates word `new`).
    pub movement: String,
    pub code: String,
    pub name: String,
    pub team: String,
    pub members: usize,
    /// Exactly as `merit standings` prints them.
    pub points: String,
    #[serde(skip)]
    pub exact: Points,
    pub attainment: String,
    pub file: String,
    /// Titles from rank places, joined.
    pub title: String,
    /// The place in words (`1st place`, `第 1 名`) on the podium, else empty.
    pub place: String,
    /// The place's medal on the podium (🥇🥈🥉), else empty.
    pub medal: &'static str,
    /// The row's points week by week, as a small inline SVG (empty where
    /// a page shows none).
    pub trend: String,
}

/// A standings row as the pages show it in `lang` (titles joined by the
/// language's list separator: `, ` or `、`).
pub fn row(r: &RankingRow, lang: crate::i18n::Lang) -> Row {
    Row {
        rank: r.rank,
        movement: r.movement.to_string(),
        code: r.who.clone(),
        name: r.name.clone(),
        team: r.team.clone(),
        members: r.members,
        points: r.points.to_string(),
        exact: r.points,
        attainment: r
            .attainment
            .map(crate::domain::whole_percent)
            .unwrap_or_default(),
        file: super::page_name(&r.who),
        title: r
            .titles
            .join(crate::i18n::t_in(lang, "period-list-separator")),
        place: String::new(),
        medal: "",
        trend: String::new(),
    }
}

/// How many of the first rows stand on the podium: those ranked 1 to 3
/// with points above zero (ties share a place, so there may be more than
/// three; nobody stands there for nothing).
pub fn podium_len(rows: &[Row]) -> usize {
    rows.iter()
        .take_while(|r| r.rank <= 3 && r.exact > Points::ZERO)
        .count()
}

/// Marks the podium's rows with their place in words and their medal.
pub fn mark_podium(rows: &mut [Row], lang: Lang) {
    let n = podium_len(rows);
    for r in &mut rows[..n] {
        r.medal = match r.rank {
            1 => "🥇",
            2 => "🥈",
            _ => "🥉",
        };
        let rank = i64::try_from(r.rank).unwrap_or(i64::MAX);
        r.place = t_args_in(lang, "page-place", &[("n", Arg::Num(rank))]);
    }
}

/// Where the period stands on `today`, for a reader.
#[derive(Serialize)]
pub struct State {
    /// `ahead`, `running`, `ended` or `closed` (a class for the style).
    pub kind: &'static str,
    /// "in progress, as of 12-05", "进行中，截至 12-05", "ended 03-31"…
    pub text: String,
    /// The day the text names, `YYYY-MM-DD` (a `<time>`'s datetime).
    pub date: String,
}

/// The state of `period` on `today`: not begun, running (as of today),
/// ended, or ended and closed by the lead.
pub fn state(db: Db, period: Period, today: NaiveDate, lang: Lang) -> Result<State> {
    let (kind, id, day) = if today < period.start() {
        ("ahead", "page-state-ahead", period.start())
    } else if today <= period.end() {
        ("running", "page-state-running", today)
    } else if db.closed_periods()?.closes_all_of(period).is_some() {
        ("closed", "page-state-closed", period.end())
    } else {
        ("ended", "page-state-ended", period.end())
    };
    let short = day.format("%m-%d").to_string();
    Ok(State {
        kind,
        text: t_args_in(lang, id, &[("date", short.as_str().into())]),
        date: day.to_string(),
    })
}

/// The catalogue's sentence `id` in `lang`, its argument `day.0` the date
/// `day.1` (`YYYY-MM-DD`), as HTML: the words escaped, the date a
/// `<time>` that never wraps.
pub fn dated(lang: Lang, id: &str, day: (&str, &str), args: &[(&str, Arg<'_>)]) -> String {
    // A private-use character marks where the date goes.
    const MARK: &str = "\u{E000}";
    let mut all: Vec<(&str, Arg<'_>)> = vec![(day.0, MARK.into())];
    all.extend(args.iter().cloned());
    let text = super::charts::esc(&t_args_in(lang, id, &all));
    let date = super::charts::esc(day.1);
    text.replacen(
        MARK,
        &format!("<time class=\"date\" datetime=\"{date}\">{date}</time>"),
        1,
    )
}

/// The site's note: when it was published, and which points it counts;
/// on the board, also that it reloads itself.
pub fn site_note(lang: Lang, today: NaiveDate, include_pending: bool, board: bool) -> String {
    let id = if board {
        "page-board-note"
    } else {
        "page-site-note"
    };
    let pending = if include_pending { "yes" } else { "no" };
    dated(
        lang,
        id,
        ("date", &today.to_string()),
        &[("pending", pending.into())],
    )
}
