//! The group robots merit posts to (`robots.toml`, issue 41): kept outside
//! the store, beside the seal key by default, because each holds an
//! address and maybe a secret that let anyone post in the team's group.
//! The file is read whole and checked whole: a bad file names its line
//! and field and nothing is posted. A robot's address and secret never
//! appear in what merit says about the file.

use crate::error::{Error, Result};
use crate::t;
use serde::Deserialize;
use serde::de::IgnoredAny;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The platform a robot posts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    DingTalk,
    WeCom,
    Feishu,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        match s {
            "dingtalk" => Some(Kind::DingTalk),
            "wecom" => Some(Kind::WeCom),
            "feishu" => Some(Kind::Feishu),
            _ => None,
        }
    }

    /// The word the file and the audit log use.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::DingTalk => "dingtalk",
            Kind::WeCom => "wecom",
            Kind::Feishu => "feishu",
        }
    }

    /// The catalogue's id of the platform's name (DingTalk, 钉钉 …).
    pub fn name_id(self) -> &'static str {
        match self {
            Kind::DingTalk => "notify-platform-dingtalk",
            Kind::WeCom => "notify-platform-wecom",
            Kind::Feishu => "notify-platform-feishu",
        }
    }
}

/// One robot of the file.
#[derive(Clone, PartialEq, Eq)]
pub struct Robot {
    pub name: String,
    pub kind: Kind,
    /// The webhook address, with its access token: never printed.
    pub url: String,
    /// Signs DingTalk's and Feishu's requests: never printed.
    pub secret: Option<String>,
    /// Put in every message, for robots that only take messages holding it.
    pub keyword: Option<String>,
    /// The published site, linked from the message.
    pub site_url: Option<String>,
}

impl std::fmt::Debug for Robot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Robot")
            .field("name", &self.name)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

/// The robots of a file, and its mode when others may read it.
#[derive(Debug)]
pub struct Robots {
    pub robots: Vec<Robot>,
    /// The file's permission bits when group or others have any (it
    /// should be 0600).
    pub loose_mode: Option<u32>,
}

/// The file's top-level keys, each where it is written.
type TopKeys = BTreeMap<Spanned<String>, IgnoredAny>;

/// The robots' tables, each key and value where it is written: read as
/// they come, so that every problem of the file is named in one run.
#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    robot: Vec<Spanned<RawRobot>>,
}

type RawRobot = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

/// The keys a robot may have; the first three it must.
const ROBOT_KEYS: [&str; 6] = ["name", "kind", "url", "secret", "keyword", "site_url"];

/// Where the robots are by default: `robots.toml` in the folder of the
/// seal key (`MERIT_KEY`'s folder, else the config directory).
pub fn default_path() -> Result<PathBuf> {
    let key = crate::seal::key_path()?;
    Ok(key
        .parent()
        .map_or_else(|| PathBuf::from("robots.toml"), |d| d.join("robots.toml")))
}

/// Reads and checks the robots file at `path`.
pub fn load(path: &Path) -> Result<Robots> {
    let shown = path.display().to_string();
    let text = match crate::ops::bounded::read_small(path, crate::ops::bounded::MAX_SMALL_FILE) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
            Error::usage(crate::msg!("notify-robots-not-utf8", file = shown.as_str()))
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::usage(crate::msg!(
                "notify-robots-missing",
                file = shown.as_str()
            )));
        }
        Err(e) => {
            // A folder or a file merit may not read is the user's to fix
            // (exit 2); anything else is the system's (exit 1).
            let said = crate::msg!(
                "notify-robots-unreadable",
                file = shown.as_str(),
                error = crate::ops::bounded::why_unreadable(&e)
            );
            return Err(match e.kind() {
                std::io::ErrorKind::IsADirectory | std::io::ErrorKind::PermissionDenied => {
                    Error::usage(said)
                }
                _ if crate::ops::bounded::is_too_large(&e) => Error::usage(said),
                _ => Error::failed(said),
            });
        }
    };
    let robots = parse(&shown, &text)
        .map_err(|v| Error::bad_input(v.into_iter().map(crate::message::Msg::untyped)))?;
    Ok(Robots {
        robots,
        loose_mode: loose_mode(path),
    })
}

#[cfg(unix)]
fn loose_mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
    (mode & 0o077 != 0).then_some(mode)
}

#[cfg(not(unix))]
fn loose_mode(_path: &Path) -> Option<u32> {
    None
}

/// A problem of `field` at `line` of `file`, with its line to sort by.
fn at_field(file: &str, line: usize, field: &str, problem: String) -> (usize, String) {
    let said = t!(
        "notify-robots-field",
        file = file,
        line = line,
        field = field,
        problem = problem
    );
    (line, said)
}

/// The 1-based line of byte `offset` of `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).unwrap_or(text).matches('\n').count() + 1
}

/// The key a line sets (`url = …` → `url`), if it sets one.
fn key_on_line(text: &str, line: usize) -> Option<&str> {
    let l = text.lines().nth(line.checked_sub(1)?)?.trim();
    let (key, _) = l.split_once('=')?;
    let key = key.trim();
    (!key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')).then_some(key)
}

/// The robots of `text` (the file `file`), or one line per problem.
pub fn parse(file: &str, text: &str) -> std::result::Result<Vec<Robot>, Vec<String>> {
    let top: TopKeys = toml::from_str(text).map_err(|e| vec![toml_problem(file, text, &e)])?;
    let raw: RawFile = toml::from_str(text).map_err(|e| vec![toml_problem(file, text, &e)])?;
    let mut problems = Vec::new();
    for key in top.keys().filter(|k| k.get_ref() != "robot") {
        let line = line_of(text, key.span().start);
        let field = crate::text::visible(key.get_ref());
        let problem = t!("notify-robots-unknown-top-key").to_string();
        problems.push(at_field(file, line, &field, problem));
    }
    if raw.robot.is_empty() && problems.is_empty() {
        return Err(vec![t!("notify-robots-none", file = file)]);
    }
    let mut robots: Vec<Robot> = Vec::new();
    // Each name and its line, whatever else is wrong with its robot.
    let mut names: Vec<(String, usize)> = Vec::new();
    for entry in raw.robot {
        let at = entry.span().start;
        let entry = entry.into_inner();
        let name = entry
            .iter()
            .find(|(k, _)| k.get_ref() == "name")
            .and_then(|(_, v)| {
                let line = line_of(text, v.span().start);
                v.get_ref().as_str().map(|n| (n.trim().to_string(), line))
            });
        if let Some((name, line)) = name.filter(|(n, _)| !n.is_empty()) {
            if let Some((_, first)) = names.iter().find(|(n, _)| *n == name) {
                let problem = t!(
                    "notify-robots-duplicate",
                    name = name.as_str(),
                    first = *first
                );
                problems.push(at_field(file, line, "name", problem));
            }
            names.push((name, line));
        }
        if let Some(robot) = check(file, text, at, entry, &mut problems) {
            robots.push(robot);
        }
    }
    if problems.is_empty() {
        Ok(robots)
    } else {
        // In the file's order, as a person fixes them.
        problems.sort_by_key(|(line, _)| *line);
        Err(problems.into_iter().map(|(_, p)| p).collect())
    }
}

/// A TOML error as one line: the file, the line, the key set there and
/// toml's message (not for a secret's or an address's line, whose value
/// the message may quote).
fn toml_problem(file: &str, text: &str, e: &toml::de::Error) -> String {
    let line = e.span().map_or(1, |s| line_of(text, s.start));
    let field = key_on_line(text, line);
    let message = e.message().trim().replace('\n', " ");
    let problem = match field {
        Some("secret" | "url" | "site_url") => t!("notify-robots-not-text").to_string(),
        _ => t!("notify-robots-not-toml", error = message),
    };
    match field {
        Some(field) => t!(
            "notify-robots-field",
            file = file,
            line = line,
            field = field,
            problem = problem
        ),
        None => t!(
            "notify-robots-toml",
            file = file,
            line = line,
            problem = problem
        ),
    }
}

/// One robot checked (its table begins at byte `at`); its problems pushed
/// on `problems`. The robot, if it has none.
fn check(
    file: &str,
    text: &str,
    at: usize,
    raw: RawRobot,
    problems: &mut Vec<(usize, String)>,
) -> Option<Robot> {
    let before = problems.len();
    let mut fail = |at: usize, field: &str, problem: String| {
        problems.push(at_field(file, line_of(text, at), field, problem));
    };
    // Each key's text and where it is written; every key named, known or not.
    let mut given: BTreeMap<&'static str, (usize, String)> = BTreeMap::new();
    let mut named = Vec::new();
    for (key, value) in raw {
        let Some(&known) = ROBOT_KEYS.iter().find(|k| **k == key.get_ref()) else {
            let shown = crate::text::visible(key.get_ref()).into_owned();
            fail(
                key.span().start,
                &shown,
                t!("notify-robots-unknown-key").into(),
            );
            continue;
        };
        named.push(known);
        let value_at = value.span().start;
        match value.into_inner() {
            toml::Value::String(v) => {
                given.insert(known, (value_at, v));
            }
            _ => fail(value_at, known, t!("notify-robots-not-text").into()),
        }
    }
    for key in &ROBOT_KEYS[..3] {
        if !named.contains(key) {
            fail(at, key, t!("notify-robots-missing-key").into());
        }
    }
    let mut take = |key: &str| given.remove(key);
    let name = take("name").map(|(at, v)| (at, v.trim().to_string()));
    if let Some((at, name)) = &name {
        if name.is_empty() {
            fail(*at, "name", t!("notify-robots-empty").into());
        } else if name.chars().any(crate::text::is_hidden) {
            fail(*at, "name", t!("notify-robots-hidden").into());
        }
    }
    let kind = take("kind").and_then(|(at, kind)| {
        let parsed = Kind::parse(&kind.trim().to_ascii_lowercase());
        if parsed.is_none() {
            let shown = crate::text::visible(&kind).into_owned();
            fail(at, "kind", t!("notify-robots-kind", kind = shown));
        }
        parsed
    });
    let url = take("url").map(|(at, url)| {
        let url = url.trim().to_string();
        if !is_web_address(&url) {
            fail(at, "url", t!("notify-robots-url").into());
        }
        url
    });
    let site_url = take("site_url");
    if let Some((at, s)) = &site_url
        && !is_web_address(s.trim())
    {
        fail(*at, "site_url", t!("notify-robots-url").into());
    }
    let mut text_of = |key: &str| {
        let (at, v) = take(key)?;
        let v = v.trim().to_string();
        if v.is_empty() || v.chars().any(crate::text::is_hidden) {
            fail(at, key, t!("notify-robots-hidden-or-empty").into());
        }
        Some(v)
    };
    let secret = text_of("secret");
    let keyword = text_of("keyword");
    if problems.len() > before {
        return None;
    }
    let (_, name) = name?;
    Some(Robot {
        name,
        kind: kind?,
        url: url?,
        secret,
        keyword,
        site_url: site_url.map(|(_, s)| s.trim().to_string()),
    })
}

/// Whether `s` is an `http://` or `https://` address with a host and no
/// space, control or hidden character.
pub fn is_web_address(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let Some(rest) = rest else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty()
        && !s
            .chars()
            .any(|c| c.is_whitespace() || crate::text::is_hidden(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_file_reads_and_hides_its_secrets() {
        let text = "[[robot]]\nname = \"east\"\nkind = \"dingtalk\"\nurl = \"https://oapi.dingtalk.com/robot/send?access_token=TOKEN\"\nsecret = \"SECRET\"\nkeyword = \"积分\"\n\n[[robot]]\nname = \"west\"\nkind = \"wecom\"\nurl = \"http://127.0.0.1:9/x\"\nsite_url = \"https://example.com/2026-Q2/\"\n";
        let robots = parse("robots.toml", text).unwrap();
        assert_eq!(robots.len(), 2);
        assert_eq!(robots[0].kind, Kind::DingTalk);
        assert_eq!(robots[0].keyword.as_deref(), Some("积分"));
        assert_eq!(
            robots[1].site_url.as_deref(),
            Some("https://example.com/2026-Q2/")
        );
        let shown = format!("{robots:?}");
        assert!(
            !shown.contains("SECRET") && !shown.contains("TOKEN"),
            "{shown}"
        );
    }

    #[test]
    fn problems_name_the_file_line_and_field() {
        crate::i18n::set(crate::i18n::Lang::En);
        let bad = |text: &str| parse("r.toml", text).unwrap_err().join("\n");
        let head = "[[robot]]\nname = \"east\"\n";
        let e = bad(&format!("{head}kind = \"slack\"\nurl = \"https://x/y\"\n"));
        assert!(e.starts_with("r.toml:3: kind: unknown kind 'slack'"), "{e}");
        let e = bad(&format!(
            "{head}kind = \"wecom\"\nurl = \"ftp://x/y?access_token=T\"\n"
        ));
        assert!(e.starts_with("r.toml:4: url: "), "{e}");
        assert!(!e.contains("access_token"), "{e}");
        let e = bad(&format!(
            "{head}kind = \"wecom\"\nurl = \"https://x\"\ncolour = 1\n"
        ));
        assert!(e.starts_with("r.toml:5: colour: unknown key"), "{e}");
        let e = bad(&format!(
            "{head}kind = \"wecom\"\nurl = \"https://x\"\nsecret = 12345\n"
        ));
        assert!(
            e.starts_with("r.toml:5: secret: ") && !e.contains("12345"),
            "{e}"
        );
        let twice = format!("{head}kind = \"wecom\"\nurl = \"https://x\"\n");
        let e = bad(&format!("{twice}{twice}"));
        assert!(e.starts_with("r.toml:6: name: "), "{e}");
        assert!(e.contains("'east'") && e.contains("line 2"), "{e}");
        let e = bad("[[robot]]\nname = \"east\"\nkind = \"wecom\"\n");
        assert!(e.contains("url"), "{e}");
        let e = bad("");
        assert!(e.contains("r.toml"), "{e}");
    }

    #[test]
    fn every_problem_of_a_file_is_named_in_one_run() {
        crate::i18n::set(crate::i18n::Lang::En);
        let text = "colour = 1\n\n[[robot]]\nname = \"east\"\nkind = \"slack\"\nsize = 3\nurl = 7\n\n[[robot]]\nkind = \"wecom\"\nurl = \"https://x\"\nshape = \"round\"\n";
        let e = parse("r.toml", text).unwrap_err();
        assert_eq!(
            e,
            [
                "r.toml:1: colour: unknown key (the file holds [[robot]] tables)",
                "r.toml:5: kind: unknown kind 'slack' (dingtalk, wecom or feishu)",
                "r.toml:6: size: unknown key (a robot has name, kind, url, secret, keyword and site_url)",
                "r.toml:7: url: not valid here: write it as text in quotes",
                "r.toml:9: name: missing: every robot needs name, kind and url",
                "r.toml:12: shape: unknown key (a robot has name, kind, url, secret, keyword and site_url)",
            ]
        );
        // A name used twice is named even where its robot has more wrong.
        let e = parse(
            "r.toml",
            "[[robot]]\nname = \"a\"\nkind = \"wecom\"\nurl = \"https://x\"\n[[robot]]\nname = \"a\"\nkind = \"slack\"\nurl = \"ftp://x\"\n",
        )
        .unwrap_err();
        assert_eq!(
            e,
            [
                "r.toml:6: name: a second robot named 'a' (the first is at line 2)",
                "r.toml:7: kind: unknown kind 'slack' (dingtalk, wecom or feishu)",
                "r.toml:8: url: must be an http:// or https:// address with a host and no spaces",
            ]
        );
        let e = parse("r.toml", "[[robot]]\nname = east\n").unwrap_err();
        assert_eq!(e.len(), 1);
        assert!(
            e[0].starts_with("r.toml:2: name: not valid TOML: "),
            "{e:?}"
        );
    }

    #[test]
    fn only_web_addresses() {
        assert!(is_web_address(
            "https://oapi.dingtalk.com/robot/send?access_token=x"
        ));
        assert!(is_web_address("HTTP://127.0.0.1:8080/"));
        assert!(!is_web_address("file:///etc/passwd"));
        assert!(!is_web_address("https://"));
        assert!(!is_web_address("https://a b"));
        assert!(!is_web_address("javascript:alert(1)"));
    }
}
