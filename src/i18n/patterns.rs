//! Messages and explanations built with values in them (`'x' is not a
//! number`, `deal D-1 on 2026-03-03: 10 …`), rendered in the language in
//! use by matching them against the catalogue's patterns.
//!
//! The store keeps explanations in English (they are part of the sealed
//! ledger, and machine formats never change with the language); the
//! screen, the tables and the messages show them through [`render`].
//!
//! A pattern is English text with numbered holes, `{1}`, `{2}`…, and its
//! Chinese with the same holes. A hole matches the shortest text up to the
//! literal after it, except a last hole before the pattern's closing
//! literal at the very end of the text, which takes the longest (so a
//! nested explanation in parentheses stays whole); a hole at
//! the start of a pattern makes it match the whole text only. What a hole
//! matched is itself rendered, so patterns nest. Patterns apply in the
//! catalogue's order, each to the whole text.

use super::{Lang, current};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

const ZH_CN: &str = include_str!("../../assets/i18n/zh-CN.patterns.toml");

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Lit(String),
    Hole(usize),
}

#[derive(Debug)]
pub(super) struct Pattern {
    #[cfg_attr(not(test), allow(dead_code))]
    en: String,
    zh: String,
    toks: Vec<Tok>,
}

#[derive(Debug, Default)]
pub(super) struct Catalogue {
    pub(super) patterns: Vec<Pattern>,
    /// Whole holes that are one of these words are translated too
    /// (`month` → `月`).
    words: HashMap<String, String>,
    /// The command line's column heads.
    columns: HashMap<String, String>,
}

fn tokens(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        let close = after.find('}');
        let num = close.and_then(|c| after[..c].parse::<usize>().ok());
        match (close, num) {
            (Some(c), Some(n)) => {
                lit.push_str(&rest[..i]);
                if !lit.is_empty() {
                    out.push(Tok::Lit(std::mem::take(&mut lit)));
                }
                out.push(Tok::Hole(n));
                rest = &after[c + 1..];
            }
            _ => {
                lit.push_str(&rest[..=i]);
                rest = after;
            }
        }
    }
    lit.push_str(rest);
    if !lit.is_empty() {
        out.push(Tok::Lit(lit));
    }
    out
}

pub(super) fn parse(src: &str) -> Catalogue {
    let table: toml::Table = src.parse().unwrap_or_default();
    let patterns = table
        .get("patterns")
        .and_then(|p| p.as_array())
        .map(|list| {
            list.iter()
                .filter_map(|pair| {
                    let pair = pair.as_array()?;
                    let en = pair.first()?.as_str()?.to_string();
                    let zh = pair.get(1)?.as_str()?.to_string();
                    Some(Pattern {
                        toks: tokens(&en),
                        en,
                        zh,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let map = |name: &str| -> HashMap<String, String> {
        table
            .get(name)
            .and_then(|w| w.as_table())
            .map(|t| {
                t.iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                    .collect()
            })
            .unwrap_or_default()
    };
    Catalogue {
        patterns,
        words: map("words"),
        columns: map("columns"),
    }
}

pub(super) fn zh() -> &'static Catalogue {
    static CAT: OnceLock<Catalogue> = OnceLock::new();
    CAT.get_or_init(|| parse(ZH_CN))
}

/// `text` in the language in use.
pub fn render(text: &str) -> Cow<'_, str> {
    render_in(current(), text)
}

/// `text` in `lang`: English as it is; Chinese through the catalogue (an
/// exact entry of the screen's catalogue first, then the patterns).
pub fn render_in(lang: Lang, text: &str) -> Cow<'_, str> {
    match lang {
        Lang::En => Cow::Borrowed(text),
        Lang::ZhCn => {
            if let Some(id) = id_of_english(text) {
                return Cow::Borrowed(super::t_in(Lang::ZhCn, id));
            }
            Cow::Owned(apply(zh(), text, 0))
        }
    }
}

/// The id of the catalogue's message whose English is `en`: the bridge for
/// the core's messages, which arrive as English text (`nothing to undo`),
/// so that one the catalogue holds whole reads as its Chinese before the
/// patterns are tried. Nothing of merit's own fronts is looked up this way;
/// they go by id.
fn id_of_english(en: &str) -> Option<&'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        super::catalogue::FILES
            .iter()
            // The files whose words the core's messages may be; refusals,
            // `--help` (which has its own map), the handbook, explanations
            // and the pages go by id.
            .filter(|(name, _, _)| matches!(*name, "screen" | "cli" | "words"))
            .flat_map(|(_, en, _)| super::catalogue::ids(en))
            .map(|id| {
                let id: &'static str = Box::leak(id.into_boxed_str());
                (super::catalogue::t_in(Lang::En, id), id)
            })
            .collect()
    })
    .get(en)
    .copied()
}

/// A table's column head (`points`) in the language in use.
pub fn column(head: &str) -> Cow<'_, str> {
    match current() {
        Lang::En => Cow::Borrowed(head),
        Lang::ZhCn => zh()
            .columns
            .get(head)
            .map_or(Cow::Borrowed(head), |c| Cow::Owned(c.clone())),
    }
}

/// Nesting deeper than this is left as it is (a guard, not a limit any
/// real message reaches).
const DEPTH: usize = 8;

fn apply(cat: &Catalogue, text: &str, depth: usize) -> String {
    let mut text = text.to_string();
    if depth > DEPTH {
        return text;
    }
    for p in &cat.patterns {
        if text.chars().any(|c| c.is_ascii_alphabetic()) {
            text = apply_one(cat, p, &text, depth);
        }
    }
    text
}

/// Every match of `p` in `text` replaced by its Chinese.
fn apply_one(cat: &Catalogue, p: &Pattern, text: &str, depth: usize) -> String {
    let anchored = matches!(p.toks.first(), Some(Tok::Hole(_)));
    let first = p.toks.iter().find_map(|t| match t {
        Tok::Lit(l) => Some(l.as_str()),
        Tok::Hole(_) => None,
    });
    let Some(first) = first else {
        return text.to_string();
    };
    let mut out = String::new();
    let mut pos = 0;
    while pos <= text.len() {
        let start = if anchored {
            if pos > 0 {
                break;
            }
            Some(0)
        } else {
            text[pos..].find(first).map(|i| pos + i)
        };
        let Some(start) = start else { break };
        match match_at(p, text, start) {
            Some((end, holes)) if end > start && (!anchored || end == text.len()) => {
                out.push_str(&text[pos..start]);
                out.push_str(&fill(cat, &p.zh, &holes, depth));
                pos = end;
            }
            _ => {
                if anchored {
                    break;
                }
                let next = text[start..]
                    .chars()
                    .next()
                    .map_or(text.len() + 1, |c| start + c.len_utf8());
                out.push_str(&text[pos..next.min(text.len())]);
                pos = next;
            }
        }
        if anchored {
            break;
        }
    }
    if pos < text.len() {
        out.push_str(&text[pos..]);
    }
    out
}

/// Where `p` matched at `start` ends, and what each hole took.
fn match_at<'t>(
    p: &Pattern,
    text: &'t str,
    start: usize,
) -> Option<(usize, Vec<(usize, &'t str)>)> {
    let last_hole = p.toks.iter().rposition(|t| matches!(t, Tok::Hole(_)));
    let mut pos = start;
    let mut holes = Vec::new();
    let mut i = 0;
    while i < p.toks.len() {
        match &p.toks[i] {
            Tok::Lit(l) => {
                if !text[pos..].starts_with(l.as_str()) {
                    return None;
                }
                pos += l.len();
                i += 1;
            }
            Tok::Hole(n) => match p.toks.get(i + 1) {
                Some(Tok::Lit(next)) => {
                    let rest = &text[pos..];
                    let shortest = rest.find(next.as_str())?;
                    // The last hole takes the longest text when that
                    // ends the pattern at the end of the text.
                    let longest = rest
                        .rfind(next.as_str())
                        .filter(|&f| i + 2 == p.toks.len() && pos + f + next.len() == text.len());
                    let found = match longest {
                        Some(f) if Some(i) == last_hole => f,
                        _ => shortest,
                    };
                    holes.push((*n, &text[pos..pos + found]));
                    pos += found;
                    i += 1;
                }
                Some(Tok::Hole(_)) => return None,
                None => {
                    holes.push((*n, &text[pos..]));
                    pos = text.len();
                    i += 1;
                }
            },
        }
    }
    Some((pos, holes))
}

fn fill(cat: &Catalogue, zh: &str, holes: &[(usize, &str)], depth: usize) -> String {
    let mut out = String::new();
    for t in tokens(zh) {
        match t {
            Tok::Lit(l) => out.push_str(&l),
            Tok::Hole(n) => {
                if let Some((_, v)) = holes.iter().find(|(k, _)| *k == n) {
                    match cat.words.get(*v) {
                        Some(w) => out.push_str(w),
                        None => out.push_str(&apply(cat, v, depth + 1)),
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat(src: &str) -> Catalogue {
        parse(src)
    }

    #[test]
    fn holes_nest_and_the_last_hole_is_longest() {
        let c = cat(r#"
patterns = [
  ["'{1}' is not a number", "“{1}”不是数字"],
  ["points: {1}", "积分：{1}"],
  ["now {1} ({2})", "现为 {1}（{2}）"],
]
[words]
month = "月"
"#);
        assert_eq!(
            apply(&c, "points: 'x' is not a number", 0),
            "积分：“x”不是数字"
        );
        assert_eq!(apply(&c, "now 5 (a (b) c)", 0), "现为 5（a (b) c）");
        assert_eq!(apply(&c, "points: month", 0), "积分：月");
        assert_eq!(apply(&c, "nothing to see", 0), "nothing to see");
    }

    #[test]
    fn a_pattern_matches_inside_a_text_and_more_than_once() {
        let c = cat(r#"patterns = [[", title {1}", "，称号 {1}"], [" floor(", " 取整("]]"#);
        assert_eq!(apply(&c, "a floor(1) b floor(2)", 0), "a 取整(1) b 取整(2)");
        assert_eq!(apply(&c, "x, title 冠军", 0), "x，称号 冠军");
    }

    #[test]
    fn a_leading_hole_anchors_at_the_start() {
        let c = cat(r#"patterns = [["{1} on {2}: {3}", "{1}（{2}）：{3}"]]"#);
        assert_eq!(
            apply(&c, "deal D-1 on 2026-01-02: 10", 0),
            "deal D-1（2026-01-02）：10"
        );
    }

    /// Every Chinese pattern uses exactly the holes of its English.
    #[test]
    fn the_chinese_patterns_keep_every_hole() {
        let holes = |s: &str| {
            let mut h: Vec<usize> = tokens(s)
                .into_iter()
                .filter_map(|t| match t {
                    Tok::Hole(n) => Some(n),
                    Tok::Lit(_) => None,
                })
                .collect();
            h.sort_unstable();
            h
        };
        let c = zh();
        assert!(!c.patterns.is_empty(), "the patterns catalogue parses");
        for p in &c.patterns {
            assert_eq!(holes(&p.en), holes(&p.zh), "{:?}", p.en);
            assert!(
                !p.toks
                    .windows(2)
                    .any(|w| matches!(w, [Tok::Hole(_), Tok::Hole(_)])),
                "two holes side by side cannot be told apart: {:?}",
                p.en
            );
        }
    }
}

/// Real messages and explanations, as merit writes them, in Chinese.
#[cfg(test)]
mod chinese {
    use super::super::Lang;
    use super::render_in;

    fn zh(s: &str) -> String {
        render_in(Lang::ZhCn, s).into_owned()
    }

    #[test]
    fn explanations_read_in_chinese() {
        assert_eq!(
            zh(
                "deal D-003 on 2026-03-03: 10 + floor(150000 / 10000) × 1 = 25; sprint-week ×1.5 = 37.5"
            ),
            "deal D-003（2026-03-03）：10 + 取整(150000 / 10000) × 1 = 25; sprint-week ×1.5 = 37.5"
        );
        assert_eq!(
            zh(
                "deal D-9 on 2026-03-04: 50; cut to 20 by the cap of 100 per month (80 already used in 2026-03)"
            ),
            "deal D-9（2026-03-04）：50；受每月封顶 100 分限制，截为 20（2026-03 已用 80）"
        );
        assert_eq!(
            zh(
                "q-attain 2026-Q1: deal 150000 of target 100000 = 150%; tier 100% = 60; accelerator floor(150 − 100) × 2 = 100; total 160"
            ),
            "q-attain 2026-Q1: deal 150000 / 目标 100000 = 150%；档位 100% = 60；超额加速 取整(150 − 100) × 2 = 100；合计 160"
        );
        assert_eq!(
            zh(
                "top 2026-Q1: place 2 of 4 in team East with 46 approved points (rank and pool awards left out), shared with LN; place 2 = 50, title 亚军"
            ),
            "top 2026-Q1：团队 East 内 4 人中第 2 名，已批准积分 46（不计排名与奖池积分），与 LN 并列；第 2 名 = 50，称号 亚军"
        );
        assert_eq!(
            zh(
                "adjustment of deal D-1: now 30, approved 25, difference +5 (deal D-1 on 2026-01-02: 30)"
            ),
            "deal D-1 的调整：现为 30，已批准 25，差额 +5（deal D-1（2026-01-02）：30）"
        );
        assert_eq!(zh("manual: 客户表扬"), "手动：客户表扬");
    }

    #[test]
    fn messages_and_errors_read_in_chinese() {
        assert_eq!(
            zh(
                "approved 5 awards, 99.5 points; 2 provisional awards left pending: their period has not ended (approvable after 2026-03-31)"
            ),
            "已批准 5 条积分，共 99.5 分；2 条暂定积分保留待审批：周期尚未结束（2026-03-31 之后可批准）"
        );
        assert_eq!(
            zh("2026-Q1 is closed (by lead, 2026-04-01 09:00:00); nothing changed"),
            "2026-Q1 已结账（lead，2026-04-01 09:00:00）；未作改动"
        );
        assert_eq!(zh("2026-Q1 closed"), "2026-Q1 已结账");
        assert_eq!(
            zh("2 new, 0 changed, 0 withdrawn, 1 adjustments, 0 skipped"),
            "新增 2，变更 0，撤回 0，调整 1，跳过 0"
        );
        assert_eq!(
            zh("something merit never says"),
            "something merit never says"
        );
    }
}
