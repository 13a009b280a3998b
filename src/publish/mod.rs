//! Publishing to the team (公示): a self-contained static site of a
//! period's standings and one statement page per member (`merit publish`),
//! and a Markdown leaderboard for a team chat. The pages are rendered from
//! `ops` data with `minijinja` (every value HTML-escaped), carry their CSS
//! and an inline SVG chart, need no server, fetch nothing and run no
//! script. A member's page links to nothing that names another member's
//! points unless asked (`--with-standings`).
//!
//! The site is built whole beside its folder and swapped in (`folder`: a
//! kill or a full disk leaves the old site or the new one, and nothing is
//! written through a link); every member has a page name of their own
//! (`page_name`); the Markdown carries the store's words as text only
//! (`markdown::text`). The screen's `P` publishes the same way.

use crate::domain::Period;
use crate::error::{Error, Result};
use crate::i18n::names::RuleNames;
use crate::ops::standings::{RankingRow, member_rankings, team_rankings};
use crate::ops::statement::{Statement, statement};
use crate::store::Db;
use chrono::NaiveDate;
use minijinja::value::Serde;
use serde::Serialize;
use std::path::{Path, PathBuf};

mod folder;
pub mod markdown;

const CSS: &str = include_str!("../../assets/publish/style.css");
const INDEX: &str = include_str!("../../assets/publish/index.html");
const STATEMENT: &str = include_str!("../../assets/publish/statement.html");

/// Language of the published words.
pub use crate::i18n::Lang;

/// The words of the pages, in one language.
#[derive(Serialize)]
struct Words {
    title: &'static str,
    published: &'static str,
    with_pending: &'static str,
    approved_only: &'static str,
    members: &'static str,
    teams: &'static str,
    #[serde(rename = "move")]
    move_: &'static str,
    member: &'static str,
    team: &'static str,
    points: &'static str,
    target: &'static str,
    statement: &'static str,
    back: &'static str,
    approved: &'static str,
    pending_points: &'static str,
    provisional: &'static str,
    balance: &'static str,
    available: &'static str,
    expiring: &'static str,
    next_reward: &'static str,
    missing: &'static str,
    progress: &'static str,
    next_tier: &'static str,
    to_go: &'static str,
    top_tier: &'static str,
    by_category: &'static str,
    titles: &'static str,
    lines: &'static str,
    date: &'static str,
    what: &'static str,
    status: &'static str,
    why: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            title: "Standings",
            published: "Published",
            with_pending: "Pending points included (not yet approved).",
            approved_only: "Approved points only.",
            members: "Members",
            teams: "Teams",
            move_: "move",
            member: "member",
            team: "team",
            points: "points",
            target: "target",
            statement: "Points statement",
            back: "← standings",
            approved: "Approved points in the period",
            pending_points: "Pending",
            provisional: "Provisional (period not ended)",
            balance: "Balance today",
            available: "Available to spend",
            expiring: "Expiring in 30 days",
            next_reward: "Next reward",
            missing: "points to go",
            progress: "Progress",
            next_tier: "next tier",
            to_go: "to go",
            top_tier: "the top tier is reached",
            by_category: "Approved points by category",
            titles: "Titles",
            lines: "Every point",
            date: "date",
            what: "what",
            status: "status",
            why: "how it was computed",
        },
        Lang::ZhCn => Words {
            title: "积分排行榜",
            published: "公示日期",
            with_pending: "含待审批积分（尚未批准）。",
            approved_only: "仅含已批准积分。",
            members: "个人",
            teams: "团队",
            move_: "名次变化",
            member: "成员",
            team: "团队",
            points: "积分",
            target: "目标达成率",
            statement: "个人积分明细",
            back: "← 排行榜",
            approved: "本期已批准积分",
            pending_points: "待审批",
            provisional: "暂定（周期未结束）",
            balance: "当前余额",
            available: "可用积分",
            expiring: "30 天内到期",
            next_reward: "下一个奖品",
            missing: "分差距",
            progress: "达成进度",
            next_tier: "下一档",
            to_go: "还差",
            top_tier: "已达最高档",
            by_category: "按类别的已批准积分",
            titles: "称号",
            lines: "积分来源",
            date: "日期",
            what: "事项",
            status: "状态",
            why: "计算说明",
        },
    }
}

/// A row as the pages show it.
#[derive(Serialize)]
struct Row {
    rank: usize,
    movement: String,
    code: String,
    name: String,
    team: String,
    members: usize,
    points: String,
    attainment: String,
    file: String,
    /// Titles from rank places, joined.
    title: String,
}

fn row(r: &RankingRow) -> Row {
    Row {
        rank: r.rank,
        movement: r.movement.to_string(),
        code: r.who.clone(),
        name: r.name.clone(),
        team: r.team.clone(),
        members: r.members,
        points: r.points.to_string(),
        attainment: r
            .attainment
            .map(crate::domain::whole_percent)
            .unwrap_or_default(),
        file: page_name(&r.who),
        title: r.titles.join("、"),
    }
}

/// A member's page file, one of its own for every code, also where the
/// file system ignores case, and with no `.` or `/` before `.html`:
/// - a code of capital letters, digits, `-` and `_` (not first) as it is:
///   `ZW.html`;
/// - any other code as `_` and the hex of its UTF-8 bytes: `..` →
///   `_2e2e.html`, `2e2e` → `_32653265.html`;
/// - where that would make a name too long for a file system (over 200
///   characters), `_h` and the SHA-256 of the code.
///
/// The three never meet: a plain name never starts with `_`, a hex one
/// never holds `h`, and each is one-to-one (a hash almost surely, and
/// `publish` checks that no two members share a name).
pub fn page_name(code: &str) -> String {
    let plain = code
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && !code.is_empty()
        && !code.starts_with('_');
    if plain {
        return format!("{code}.html");
    }
    let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    if code.len() * 2 <= 200 {
        format!("_{}.html", hex(code.as_bytes()))
    } else {
        use sha2::Digest;
        format!("_h{}.html", hex(&sha2::Sha256::digest(code.as_bytes())))
    }
}

/// An inline SVG bar chart of the first ten rows (text in the SVG is
/// escaped: it is built here, not by the template).
fn chart(rows: &[Row]) -> String {
    let top: Vec<&Row> = rows.iter().take(10).collect();
    let max = top
        .iter()
        .filter_map(|r| r.points.parse::<rust_decimal::Decimal>().ok())
        .fold(rust_decimal::Decimal::ZERO, |m, p| m.max(p));
    if top.is_empty() || max <= rust_decimal::Decimal::ZERO {
        return String::new();
    }
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut svg = format!(
        "<svg role=\"img\" aria-label=\"chart\" viewBox=\"0 0 600 {}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">",
        top.len() * 24 + 4
    );
    for (i, r) in top.iter().enumerate() {
        let p = r
            .points
            .parse::<rust_decimal::Decimal>()
            .unwrap_or_default()
            .max(rust_decimal::Decimal::ZERO);
        let w = (p * rust_decimal::Decimal::from(400) / max).round();
        let y = i * 24 + 2;
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{}\">{}</text><rect x=\"130\" y=\"{}\" width=\"{w}\" height=\"18\" fill=\"#4a7bd0\"/><text x=\"{}\" y=\"{}\">{}</text>",
            y + 14,
            esc(&r.name),
            y,
            w + rust_decimal::Decimal::from(136),
            y + 14,
            esc(&r.points)
        ));
    }
    svg.push_str("</svg>");
    svg
}

fn env() -> Result<minijinja::Environment<'static>> {
    let mut env = minijinja::Environment::new();
    let bad = |e: minijinja::Error| Error::Failed(format!("publish: template: {e}"));
    env.add_template("index.html", INDEX).map_err(bad)?;
    env.add_template("statement.html", STATEMENT).map_err(bad)?;
    Ok(env)
}

fn render(env: &minijinja::Environment, name: &str, ctx: impl Serialize) -> Result<String> {
    env.get_template(name)
        .and_then(|t| t.render(minijinja::Value::from(Serde(ctx))))
        .map_err(|e| Error::Failed(format!("publish: {name}: {e}")))
}

/// One member's statement as an HTML page, its rules named by `names`.
pub fn statement_html(
    s: &Statement,
    lang: Lang,
    names: &RuleNames,
    with_standings: bool,
) -> Result<String> {
    statement_page(&env()?, s, lang, names, with_standings)
}

fn statement_page(
    env: &minijinja::Environment,
    s: &Statement,
    lang: Lang,
    names: &RuleNames,
    with_standings: bool,
) -> Result<String> {
    // The lines' statuses and kinds in the page's language, each line's
    // explanation too, and each rule by its name.
    let worded = Statement {
        lines: s
            .lines
            .iter()
            .map(|l| crate::ops::statement::StatementLine {
                kind: crate::i18n::stored_word_in(lang, &l.kind).to_string(),
                status: crate::i18n::stored_word_in(lang, &l.status).to_string(),
                explanation: crate::i18n::explain::of_line(lang, l, names),
                rule: names.name(&l.rule).to_string(),
                ..l.clone()
            })
            .collect(),
        ..names.progress(s)
    };
    let s = &worded;
    #[derive(Serialize)]
    struct Ctx<'a> {
        lang: &'static str,
        css: &'static str,
        t: Words,
        s: &'a Statement,
        with_standings: bool,
    }
    render(
        env,
        "statement.html",
        Ctx {
            lang: lang.tag(),
            css: CSS,
            t: words(lang),
            s,
            with_standings,
        },
    )
}

/// What `publish` wrote.
#[derive(Debug, Clone, Default)]
pub struct Published {
    /// `index.html` and the members' pages, counted in the folder.
    pub pages: usize,
}

/// Options of `merit publish`.
#[derive(Debug, Clone, Copy, Default)]
pub struct PublishOptions {
    pub lang: Lang,
    pub include_pending: bool,
    pub with_standings: bool,
}

/// Where the screen's `P` publishes `period` for the store at `store`:
/// `<store dir>/published/<period>`, with `published` made if missing and
/// refused if it is a link or not a folder.
pub fn store_site(store: &Path, period: Period) -> Result<PathBuf> {
    let dir = match store.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join("published"),
        _ => PathBuf::from("published"),
    };
    match std::fs::symlink_metadata(&dir) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(Error::Failed(format!(
                "{}: is a symbolic link; merit publishes only into a real folder, never through a link",
                dir.display()
            )));
        }
        Ok(m) if !m.is_dir() => {
            return Err(Error::Failed(format!("{}: is not a folder", dir.display())));
        }
        Ok(_) => {}
        Err(_) => std::fs::create_dir(&dir)
            .map_err(|e| Error::Failed(format!("{}: cannot write: {e}", dir.display())))?,
    }
    Ok(dir.join(period.to_string()))
}

/// Publishes the site of `period` at `out`: `index.html`, `m/<page>.html`
/// for every active member (`page_name`), `standings.md`. The site is
/// built whole in a private folder beside `out` and then put in its place
/// (`folder`): a kill or a failure at any moment leaves the old site or
/// the new one. `out` must be missing, empty, or a site merit published,
/// with no link in or at it.
pub fn publish(
    db: Db,
    period: Period,
    today: NaiveDate,
    out: &Path,
    o: PublishOptions,
) -> Result<Published> {
    let members: Vec<Row> = member_rankings(db, period, o.include_pending)?
        .iter()
        .map(row)
        .collect();
    let teams: Vec<Row> = team_rankings(db, period, o.include_pending)?
        .iter()
        .map(row)
        .collect();
    distinct_pages(&members)?;
    let names = RuleNames::read(db, o.lang, today)?;
    let site = folder::Staging::new(out)?;
    let env = env()?;
    #[derive(Serialize)]
    struct Ctx<'a> {
        lang: &'static str,
        css: &'static str,
        t: Words,
        period: String,
        today: String,
        include_pending: bool,
        chart: String,
        members: &'a [Row],
        teams: &'a [Row],
    }
    let index = render(
        &env,
        "index.html",
        Ctx {
            lang: o.lang.tag(),
            css: CSS,
            t: words(o.lang),
            period: period.to_string(),
            today: today.to_string(),
            include_pending: o.include_pending,
            chart: chart(&members),
            members: &members,
            teams: &teams,
        },
    )?;
    site.write("index.html", index.as_bytes())?;
    let _work = crate::progress::Work::new(
        crate::progress::Task::WritingPages,
        Some(members.len() as u64),
    );
    for m in &members {
        crate::progress::advance(1);
        let s = statement(db, &m.code, period, today)?;
        let html = statement_page(&env, &s, o.lang, &names, o.with_standings)?;
        site.write(&format!("m/{}", m.file), html.as_bytes())?;
    }
    let md = markdown::standings(period, &members, &teams, o);
    site.write("standings.md", md.as_bytes())?;
    let (meant, pages) = (members.len() + 1, site.pages()?);
    if pages != meant {
        return Err(Error::Failed(format!(
            "publish: wrote {pages} pages of the {meant} it meant to; nothing was published"
        )));
    }
    site.commit()?;
    Ok(Published { pages })
}

/// Refuses two members whose pages would share a name (case aside).
fn distinct_pages(members: &[Row]) -> Result<()> {
    let mut seen = std::collections::HashMap::new();
    for m in members {
        if let Some(other) = seen.insert(m.file.to_lowercase(), &m.code) {
            return Err(Error::Failed(format!(
                "publish: members {other} and {} would share the page {}; nothing was published",
                m.code, m.file
            )));
        }
    }
    Ok(())
}
