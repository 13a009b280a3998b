//! A digest (`ops::digest::Digest`) in words: a title, a few status lines,
//! sections of list items and a link, every word from the catalogue
//! (`assets/i18n/*/notify.ftl`) in the language asked for. Text from the
//! store (names, codes, teams, titles) goes through the platform's escape
//! (`render::markdown_text`, `render::plain_text`) before it is placed.

use crate::domain::Points;
use crate::i18n::{Arg, Lang, t_args_in, t_in};
use crate::ops::digest::{Digest, DigestRow};
use crate::ops::standings::Movement;

/// A list under a heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub heading: String,
    pub items: Vec<String>,
    /// What the section says after its items when some were left out to
    /// fit the platform's size limit (`Message::shorten`).
    pub left_out: Option<String>,
}

/// A digest in words, for one robot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The title, with the robot's keyword when it has one.
    pub title: String,
    /// Whether the period has ended, what is counted.
    pub lines: Vec<String>,
    pub sections: Vec<Section>,
    /// The site's address and what the link says.
    pub link: Option<(String, String)>,
    lang: Lang,
}

/// How an escape makes store text safe for the platform.
pub type Escape = fn(&str) -> String;

/// The digest in `lang`, store text escaped by `esc`.
pub fn message(
    d: &Digest,
    lang: Lang,
    keyword: Option<&str>,
    site_url: Option<&str>,
    esc: Escape,
) -> Message {
    let say = |id: &str, args: &[(&str, Arg<'_>)]| t_args_in(lang, id, args);
    let period = d.period.to_string();
    let mut title = say("notify-title", &[("period", period.as_str().into())]);
    if let Some(k) = keyword {
        title = say(
            "notify-title-keyword",
            &[("keyword", k.into()), ("title", title.into())],
        );
    }
    let mut lines = vec![if d.ended {
        say(
            "notify-ended",
            &[
                ("period", period.as_str().into()),
                ("end", d.period.end().into()),
            ],
        )
    } else {
        say(
            "notify-running",
            &[
                ("period", period.as_str().into()),
                ("today", d.today.into()),
            ],
        )
    }];
    lines.push(counted(d, lang));
    let mut sections = vec![Section {
        heading: say(
            "notify-top",
            &[("shown", d.top.len().into()), ("members", d.members.into())],
        ),
        items: d.top.iter().map(|r| member(lang, r, esc)).collect(),
        left_out: None,
    }];
    if !d.titled.is_empty() {
        sections.push(Section {
            heading: t_in(lang, "notify-titles").to_string(),
            items: d.titled.iter().map(|r| titled(lang, r, esc)).collect(),
            left_out: None,
        });
    }
    if !d.climbers.is_empty() {
        sections.push(Section {
            heading: t_in(lang, "notify-climbers").to_string(),
            items: d.climbers.iter().map(|r| climber(lang, r, esc)).collect(),
            left_out: None,
        });
    }
    if !d.teams.is_empty() {
        sections.push(Section {
            heading: t_in(lang, "notify-teams").to_string(),
            items: d.teams.iter().map(|r| team(lang, r, esc)).collect(),
            left_out: None,
        });
    }
    let link = site_url.map(|u| (u.to_string(), t_in(lang, "notify-site").to_string()));
    Message {
        title,
        lines,
        sections,
        link,
        lang,
    }
}

/// What the points count: approved only (and how many pending awards
/// wait), or pending too.
fn counted(d: &Digest, lang: Lang) -> String {
    let (n, p) = d.pending;
    let id = match (d.include_pending, n) {
        (true, _) => "notify-with-pending",
        (false, 0) => "notify-approved-only",
        (false, _) => "notify-approved-only-waiting",
    };
    t_args_in(
        lang,
        id,
        &[("count", n.into()), ("points", points(lang, p).into())],
    )
}

/// Points with their unit (`188.5 points`, `188.5 分`).
fn points(lang: Lang, p: Points) -> String {
    // The English unit is singular for exactly one point either way.
    let one = p.decimal().abs() == rust_decimal::Decimal::ONE;
    t_args_in(
        lang,
        "notify-points",
        &[
            ("points", p.into()),
            ("n", if one { 1_i64 } else { 2 }.into()),
        ],
    )
}

/// Movement against the previous period, worded.
fn movement(lang: Lang, m: Movement) -> String {
    match m {
        Movement::New => t_in(lang, "notify-move-new").to_string(),
        Movement::Unranked => t_in(lang, "notify-move-none").to_string(),
        Movement::Places(0) => t_in(lang, "notify-move-same").to_string(),
        Movement::Places(n) if n > 0 => t_args_in(lang, "notify-move-up", &[("n", n.into())]),
        Movement::Places(n) => t_args_in(
            lang,
            "notify-move-down",
            &[("n", n.saturating_neg().into())],
        ),
    }
}

/// A member as `name (code)`, escaped.
fn who(lang: Lang, r: &DigestRow, esc: Escape) -> String {
    if r.name.is_empty() || r.name == r.code {
        return esc(&r.code);
    }
    t_args_in(
        lang,
        "notify-who",
        &[("name", esc(&r.name).into()), ("code", esc(&r.code).into())],
    )
}

fn member(lang: Lang, r: &DigestRow, esc: Escape) -> String {
    t_args_in(
        lang,
        "notify-member",
        &[
            ("rank", r.rank.into()),
            ("who", who(lang, r, esc).into()),
            ("points", points(lang, r.points).into()),
            ("move", movement(lang, r.movement).into()),
        ],
    )
}

fn titled(lang: Lang, r: &DigestRow, esc: Escape) -> String {
    let titles: Vec<String> = r.titles.iter().map(|t| esc(t)).collect();
    t_args_in(
        lang,
        "notify-titled",
        &[
            ("who", who(lang, r, esc).into()),
            ("titles", titles.join(t_in(lang, "list-separator")).into()),
        ],
    )
}

fn climber(lang: Lang, r: &DigestRow, esc: Escape) -> String {
    let up = match r.movement {
        Movement::Places(n) => n,
        Movement::New | Movement::Unranked => 0,
    };
    t_args_in(
        lang,
        "notify-climber",
        &[
            ("who", who(lang, r, esc).into()),
            ("n", up.into()),
            ("rank", r.rank.into()),
        ],
    )
}

fn team(lang: Lang, r: &DigestRow, esc: Escape) -> String {
    t_args_in(
        lang,
        "notify-team",
        &[
            ("rank", r.rank.into()),
            ("team", esc(&r.code).into()),
            ("points", points(lang, r.points).into()),
            ("move", movement(lang, r.movement).into()),
        ],
    )
}

impl Message {
    /// The message with its lists shortened until `fits` holds: whole
    /// items dropped from the end of the members' list first, then of the
    /// others from the last section up, each list saying how many it left
    /// out. `None` if even with every list empty it does not fit.
    pub fn shorten(&self, fits: impl Fn(&Message) -> bool) -> Option<Message> {
        if fits(self) {
            return Some(self.clone());
        }
        let mut m = self.clone();
        let order: Vec<usize> = std::iter::once(0)
            .chain((1..m.sections.len()).rev())
            .filter(|&i| i < m.sections.len())
            .collect();
        for i in order {
            let full = m.sections[i].items.clone();
            // The most items of this list that fit, found by halving.
            let (mut lo, mut hi) = (0usize, full.len());
            let with = |m: &Message, k: usize| {
                let mut m = m.clone();
                m.sections[i].items = full[..k].to_vec();
                m.sections[i].left_out = (k < full.len()).then(|| m.left_out(i, full.len() - k));
                m
            };
            while lo < hi {
                let mid = (lo + hi).div_ceil(2);
                if fits(&with(&m, mid)) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            m = with(&m, lo);
            if fits(&m) {
                return Some(m);
            }
        }
        None
    }

    /// The note of section `i` for `n` items left out.
    fn left_out(&self, i: usize, n: usize) -> String {
        let id = if i == 0 {
            "notify-left-out-members"
        } else {
            "notify-left-out"
        };
        t_args_in(self.lang, id, &[("n", n.into())])
    }
}
