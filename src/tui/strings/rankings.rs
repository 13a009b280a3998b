//! The Rankings pane's words: its columns and subtitle, the category
//! split, publishing, and a team's member popup.

use crate::i18n::t;

/// A Rankings movement: `new` in the language in use (`+2`, `=` as they are).
pub fn movement(m: &str) -> &str {
    if m == "new" { t("movement-new") } else { m }
}

/// The Rankings subtitle: what is ranked, by which points, the pending
/// points of the period (beside the ranking, or in it), and what `i`
/// switches to.
pub fn ranked_by(teams: bool, with_pending: bool, pending: &str) -> String {
    // The selector's key: which rows are ranked.
    let ranked = if teams { "teams" } else { "members" };
    if with_pending {
        crate::t!("ranked-by-with-pending", pending = pending, ranked = ranked)
    } else {
        crate::t!("ranked-by-approved", pending = pending, ranked = ranked)
    }
}

/// The selector's key for which points a site shows.
fn points_key(with_pending: bool) -> &'static str {
    if with_pending { "pending" } else { "approved" }
}

/// The screen's language, by its own name (`English`, `中文`).
pub fn language_name() -> &'static str {
    t("language-name")
}

/// Said when `P` published a period: which points, in which language,
/// how many pages, where.
pub fn published(period: &str, with_pending: bool, dir: &str, pages: usize) -> String {
    crate::t!(
        "published",
        dir = dir,
        lang = language_name(),
        pages = pages,
        period = period,
        points = points_key(with_pending)
    )
}

/// The lines of the question `P` asks before publishing.
pub fn publish_question(period: &str, with_pending: bool, dir: &str) -> [String; 5] {
    [
        crate::t!("publish-ask-question", period = period),
        crate::t!("publish-ask-points", points = points_key(with_pending)),
        crate::t!("publish-ask-language", lang = language_name()),
        crate::t!("publish-ask-folder", dir = dir),
        t("publish-ask-replaces").to_string(),
    ]
}

pub fn PUBLISH_TITLE() -> &'static str {
    t("publish-ask-title")
}

pub fn PUBLISH_KEYS() -> &'static str {
    t("publish-ask-keys")
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

/// An empty Rankings table: nothing matches the filter, or no member (or
/// team) is there to rank.
pub fn no_rows(teams: bool, filtered: bool) -> String {
    let ranked = if teams { "teams" } else { "members" };
    if filtered {
        crate::t!("no-ranked-match", ranked = ranked)
    } else {
        crate::t!("no-ranked-yet", ranked = ranked)
    }
}

pub fn NO_POINTS() -> &'static str {
    t("no-points-in-this-period")
}

/// Under a category split that does not fit: the command that shows it
/// whole, for `period`.
pub fn more_categories(n: usize, period: &str) -> String {
    crate::t!("more-categories", n = n, period = period)
}

pub fn TITLES() -> &'static str {
    t("titles")
}

pub fn TEAM_TITLE() -> &'static str {
    t("team-2")
}

/// The head of a team's member list (Enter on a team row).
pub fn team_members_title(team: &str, n: usize) -> String {
    crate::t!("team-members-title", n = n, team = team)
}

/// The label of the cursor row's weekly sparkline: whose points, the
/// highest week and, when a week is below zero, the lowest.
pub fn by_week(who: &str, high: &str, low: Option<&str>) -> String {
    match low {
        None => crate::t!("by-week", high = high, who = who),
        Some(low) => crate::t!("by-week-low", high = high, low = low, who = who),
    }
}
