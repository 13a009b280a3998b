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

/// The words of the pages in `lang`, by the name the templates use
/// (`t.title`, `t.next_tier`): each message `publish-<name>` of the
/// catalogue (`assets/i18n/*/publish.ftl`), its `-` read as `_`.
type Words = std::collections::BTreeMap<String, &'static str>;

fn words(lang: Lang) -> Words {
    crate::i18n::catalogue::FILES
        .iter()
        .filter(|(name, _, _)| *name == "publish")
        .flat_map(|(_, en, _)| crate::i18n::catalogue::ids(en))
        .filter_map(|id| {
            let name = id.strip_prefix("publish-")?.replace('-', "_");
            Some((name, crate::i18n::t_in(lang, &id)))
        })
        .collect()
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
    let bad =
        |e: minijinja::Error| Error::failed(crate::msg!("publish-template", error = e.to_string()));
    env.add_template("index.html", INDEX).map_err(bad)?;
    env.add_template("statement.html", STATEMENT).map_err(bad)?;
    Ok(env)
}

fn render(env: &minijinja::Environment, name: &str, ctx: impl Serialize) -> Result<String> {
    env.get_template(name)
        .and_then(|t| t.render(minijinja::Value::from(Serde(ctx))))
        .map_err(|e| {
            Error::failed(crate::msg!(
                "publish-page-failed",
                page = name,
                error = e.to_string()
            ))
        })
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
        /// "Points statement 2026-Q1, Published 2026-04-01.", worded whole.
        note: String,
        next_reward: String,
    }
    let note = crate::i18n::t_args_in(
        lang,
        "page-statement-note",
        &[
            ("period", s.period.as_str().into()),
            ("today", s.today.as_str().into()),
        ],
    );
    let next_reward = crate::i18n::t_args_in(
        lang,
        "page-next-reward",
        &[
            ("reward", s.next_reward.clone().unwrap_or_default().into()),
            ("missing", s.missing.clone().unwrap_or_default().into()),
        ],
    );
    render(
        env,
        "statement.html",
        Ctx {
            lang: lang.tag(),
            css: CSS,
            t: words(lang),
            s,
            with_standings,
            note,
            next_reward,
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

/// Where the screen's sites go instead of beside the store, when the
/// store's folder is not kept (the demo's is removed at exit): set once.
static SITE_ROOT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Keeps the screen's sites in `root` (its own `<period>` folders) rather
/// than in `published/` beside the store.
pub fn keep_sites_in(root: PathBuf) {
    let _ = SITE_ROOT.set(root);
}

/// The folder `P` publishes `period` into: `published/<period>` beside
/// the store, or under the root [`keep_sites_in`] set. Nothing is made.
pub fn screen_site(store: &Path, period: Period) -> PathBuf {
    let root = SITE_ROOT
        .get()
        .cloned()
        .unwrap_or_else(|| match store.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.join("published"),
            _ => PathBuf::from("published"),
        });
    root.join(period.to_string())
}

/// Makes the folder that holds `site` (a real folder, never through a
/// link), before the site is published into it.
pub fn prepare_site(site: &Path) -> Result<()> {
    let Some(dir) = site.parent().filter(|p| !p.as_os_str().is_empty()) else {
        return Ok(());
    };
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() => Err(Error::failed(crate::msg!(
            "publish-is-a-link",
            path = dir.display()
        ))),
        Ok(m) if !m.is_dir() => Err(Error::failed(crate::msg!(
            "publish-not-a-folder",
            path = dir.display()
        ))),
        Ok(_) => Ok(()),
        Err(_) => {
            let mut builder = std::fs::DirBuilder::new();
            builder.recursive(true);
            builder.create(dir).map_err(|e| {
                Error::failed(crate::msg!(
                    "cannot-write",
                    path = dir.display(),
                    error = e.to_string()
                ))
            })
        }
    }
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
        return Err(Error::failed(crate::msg!(
            "publish-pages-short",
            pages = pages,
            meant = meant
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
            return Err(Error::failed(crate::msg!(
                "publish-pages-shared",
                one = other.as_str(),
                other = m.code.as_str(),
                page = m.file.as_str()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod words_tests {
    /// Every `t.<name>` a template uses is a message `publish-<name>`, and
    /// every such message is used.
    #[test]
    fn every_word_of_the_templates_is_in_the_catalogue() {
        let words = super::words(super::Lang::En);
        let mut used = std::collections::BTreeSet::new();
        for tpl in [super::INDEX, super::STATEMENT] {
            for (at, _) in tpl.match_indices("t.") {
                if at > 0 && tpl[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let name: String = tpl[at + 2..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                assert!(words.contains_key(&name), "t.{name}: no publish-{name}");
                used.insert(name);
            }
        }
        for name in ["title", "with_pending", "approved_only"] {
            used.insert(name.to_string());
        }
        let unused: Vec<&String> = words.keys().filter(|k| !used.contains(*k)).collect();
        assert!(unused.is_empty(), "unused: {unused:?}");
        assert_eq!(super::words(super::Lang::ZhCn)["next_tier"], "下一档");
    }
}
