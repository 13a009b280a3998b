//! The Rankings pane's words: its columns and subtitle, the category
//! split, publishing, and a team's member popup.

use super::{by_lang, count};
use crate::i18n::t;

/// A Rankings movement: `new` in the language in use (`+2`, `=` as they are).
pub fn movement(m: &str) -> &str {
    match crate::i18n::current() {
        crate::i18n::Lang::ZhCn if m == "new" => "新",
        _ => m,
    }
}

/// The Rankings subtitle: what is ranked, by which points, the pending
/// points of the period (beside the ranking, or in it), and what `i`
/// switches to.
pub fn ranked_by(teams: bool, with_pending: bool, pending: &str) -> String {
    let (who, zh_who) = if teams {
        ("teams", "团队")
    } else {
        ("members", "个人")
    };
    if with_pending {
        by_lang(
            || format!("{who} by approved + {pending} pending points (i: approved only)"),
            || format!("{zh_who}，按已批准 + {pending} 待审批积分排名（i：仅已批准）"),
        )
    } else {
        by_lang(
            || format!("{who} by approved points; {pending} pending beside them (i: with pending)"),
            || format!("{zh_who}，按已批准积分排名，旁列 {pending} 待审批积分（i：含待审批）"),
        )
    }
}

/// Said when `P` published a period.
pub fn published(period: &str, dir: &str, pages: usize) -> String {
    by_lang(
        || format!("published {period}: {} in {dir}", count(pages, "page")),
        || format!("已发布 {period}：{pages} 页，在 {dir}"),
    )
}

pub fn COL_RANK() -> &'static str {
    t("sym-number")
}

pub fn COL_MOVE() -> &'static str {
    t("move")
}

pub fn COL_TEAM() -> &'static str {
    t("team")
}

pub fn COL_PENDING() -> &'static str {
    t("plus-pending")
}

pub fn COL_ATTAIN() -> &'static str {
    t("target")
}

pub fn COL_MEMBERS() -> &'static str {
    t("members")
}

pub fn LEADERS() -> &'static str {
    t("leaders")
}

/// Heading of the category view of a row (`c` in Rankings).
pub fn by_category(who: &str) -> String {
    crate::t!("by-category-2", who = who)
}

pub fn NO_POINTS() -> &'static str {
    t("no-points-in-this-period")
}

/// Under a category split that does not fit.
pub fn more_categories(n: usize) -> String {
    crate::t!("more-categories", n = n)
}

pub fn TITLES() -> &'static str {
    t("titles")
}

pub fn TEAM_TITLE() -> &'static str {
    t("team-2")
}

/// The head of a team's member list (Enter on a team row).
pub fn team_members_title(team: &str, n: usize) -> String {
    by_lang(
        || format!("{team}: {}", count(n, "member")),
        || format!("{team}：{n} 名成员"),
    )
}
