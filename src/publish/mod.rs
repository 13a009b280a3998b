//! Publishing to the team (公示): a self-contained static site of a
//! period's standings (`index.html`, with the podium), a full-screen board
//! for the office TV (`board.html`, issue 41), one statement page per
//! member (`merit publish`), and a Markdown leaderboard for a team chat.
//! The pages are rendered from `ops` data with `minijinja` (every value
//! HTML-escaped), carry their CSS and inline SVG charts (`charts`), need
//! no server, fetch nothing and run no script (the board only reloads
//! itself). A member's page links to nothing that names another member's
//! points unless asked (`--with-standings`).
//!
//! The site is built whole beside its folder and swapped in (`folder`: a
//! kill or a full disk leaves the old site or the new one, and nothing is
//! written through a link); every member has a page name of their own
//! (`page_name`); the Markdown carries the store's words as text only
//! (`markdown::text`). The screen's `P` publishes the same way. The rows,
//! podium and period state are `rows`; a member's page is `member`.

use crate::domain::Period;
use crate::error::{Error, Result};
use crate::i18n::names::RuleNames;
use crate::ops::standings::{member_rankings, team_rankings};
use crate::ops::statement::{Statement, statement};
use crate::store::Db;
use chrono::NaiveDate;
use minijinja::value::Serde;
use rows::{Row, State, row};
use serde::Serialize;
use std::path::{Path, PathBuf};

mod charts;
mod folder;
pub mod markdown;
mod member;
mod rows;

const CSS: &str = include_str!("../../assets/publish/style.css");
const INDEX: &str = include_str!("../../assets/publish/index.html");
const BOARD: &str = include_str!("../../assets/publish/board.html");
const STATEMENT: &str = include_str!("../../assets/publish/statement.html");
const PODIUM: &str = include_str!("../../assets/publish/podium.html");

/// How many rows the board shows, podium included.
const BOARD_ROWS: usize = 10;

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

fn env() -> Result<minijinja::Environment<'static>> {
    let mut env = minijinja::Environment::new();
    let bad =
        |e: minijinja::Error| Error::failed(crate::msg!("publish-template", error = e.to_string()));
    env.add_template("index.html", INDEX).map_err(bad)?;
    env.add_template("board.html", BOARD).map_err(bad)?;
    env.add_template("podium.html", PODIUM).map_err(bad)?;
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
    member::page(&env()?, s, lang, names, with_standings, None)
}

/// What `publish` wrote.
#[derive(Debug, Clone, Default)]
pub struct Published {
    /// `index.html` and the members' pages, counted in the folder
    /// (`board.html` beside them is checked, not counted).
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
            // A database's sites go to the folder merit runs in.
            _ if merit_core::store::is_postgres(store) => PathBuf::from("published"),
            Some(p) if !p.as_os_str().is_empty() => p.join("published"),
            _ => PathBuf::from("published"),
        });
    // Named whole, as the question shows it: `published/2026-Q1` said
    // nothing of where on the host it is.
    let root = match root.is_relative() {
        true => std::env::current_dir().map_or(root.clone(), |here| here.join(&root)),
        false => root,
    };
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
                    error = crate::ops::bounded::why_io(&e)
                ))
            })
        }
    }
}

/// What the index and the board show.
#[derive(Serialize)]
struct Site<'a> {
    lang: &'static str,
    css: &'static str,
    t: Words,
    period: String,
    today: String,
    include_pending: bool,
    /// When it was published and which points count (HTML, escaped).
    note: String,
    /// The board's note, which also says it reloads itself.
    board_note: String,
    state: State,
    /// The index's leaders as bars.
    chart: String,
    /// The podium's rows (ranked 1 to 3, with points).
    podium: &'a [Row],
    /// Every member's row.
    members: &'a [Row],
    /// The board's rows after the podium.
    rest: &'a [Row],
    teams: &'a [Row],
    /// Whether a member or a team has no move (`-`: no points counted),
    /// which a line under the tables then explains.
    unranked: bool,
}

/// Publishes the site of `period` at `out`: `index.html`, `board.html`,
/// `m/<page>.html` for every active member (`page_name`), `standings.md`.
/// The site is built whole in a private folder beside `out` and then put
/// in its place (`folder`): a kill or a failure at any moment leaves the
/// old site or the new one. `out` must be missing, empty, or a site merit
/// published, with no link in or at it.
pub fn publish(
    db: Db,
    period: Period,
    today: NaiveDate,
    out: &Path,
    o: PublishOptions,
) -> Result<Published> {
    let t = words(o.lang);
    let weekly = crate::ops::weekly::weekly_points(db, period, o.include_pending)?;
    let mut members: Vec<Row> = member_rankings(db, period, o.include_pending)?
        .iter()
        .map(|r| row(r, o.lang))
        .collect();
    rows::mark_podium(&mut members, o.lang);
    for m in members.iter_mut().take(BOARD_ROWS) {
        m.trend = charts::spark(&weekly.of(&m.code), t["by_week"]);
    }
    let teams: Vec<Row> = team_rankings(db, period, o.include_pending)?
        .iter()
        .map(|r| row(r, o.lang))
        .collect();
    distinct_pages(&members)?;
    let names = RuleNames::read(db, o.lang, today)?;
    let site = folder::Staging::new(out)?;
    let env = env()?;
    let podium = rows::podium_len(&members);
    let ctx = Site {
        lang: o.lang.tag(),
        css: CSS,
        chart: charts::bars(&members, t["leaders"]),
        t,
        period: period.to_string(),
        today: today.to_string(),
        include_pending: o.include_pending,
        note: rows::site_note(o.lang, today, o.include_pending, false),
        board_note: rows::site_note(o.lang, today, o.include_pending, true),
        state: rows::state(db, period, today, o.lang)?,
        podium: &members[..podium],
        members: &members,
        rest: &members[podium..members.len().min(BOARD_ROWS).max(podium)],
        teams: &teams,
        unranked: members.iter().chain(&teams).any(|r| r.movement == "-"),
    };
    site.write("index.html", render(&env, "index.html", &ctx)?.as_bytes())?;
    site.write("board.html", render(&env, "board.html", &ctx)?.as_bytes())?;
    member_pages(
        db,
        &site,
        &env,
        &members,
        &weekly,
        (period, today),
        &names,
        o,
    )?;
    let md = markdown::standings(period, &members, &teams, o);
    site.write("standings.md", md.as_bytes())?;
    let (meant, pages) = (members.len() + 1, site.pages()?);
    if pages != meant || !site.has("board.html") {
        return Err(Error::failed(crate::msg!(
            "publish-pages-short",
            pages = pages,
            meant = meant
        )));
    }
    site.commit()?;
    Ok(Published { pages })
}

/// Writes every member's page into `site`.
#[allow(clippy::too_many_arguments)]
fn member_pages(
    db: Db,
    site: &folder::Staging,
    env: &minijinja::Environment,
    members: &[Row],
    weekly: &crate::ops::weekly::WeeklyPoints,
    (period, today): (Period, NaiveDate),
    names: &RuleNames,
    o: PublishOptions,
) -> Result<()> {
    let _work = crate::progress::Work::new(
        crate::progress::Task::WritingPages,
        Some(members.len() as u64),
    );
    for m in members {
        crate::progress::advance(1);
        let s = statement(db, &m.code, period, today)?;
        let w = member::Weekly {
            weeks: &weekly.weeks,
            points: weekly.of(&m.code),
            include_pending: o.include_pending,
        };
        let html = member::page(env, &s, o.lang, names, o.with_standings, Some(&w))?;
        site.write(&format!("m/{}", m.file), html.as_bytes())?;
    }
    Ok(())
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
        for tpl in [super::INDEX, super::BOARD, super::PODIUM, super::STATEMENT] {
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
        for name in [
            "title",
            "with_pending",
            "approved_only",
            "by_week",
            "leaders",
        ] {
            used.insert(name.to_string());
        }
        let unused: Vec<&String> = words.keys().filter(|k| !used.contains(*k)).collect();
        assert!(unused.is_empty(), "unused: {unused:?}");
        assert_eq!(super::words(super::Lang::ZhCn)["by_week"], "每周积分");
    }
}
