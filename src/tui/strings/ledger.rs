//! The Ledger's words: its columns and states, the award detail popup and
//! its history, the manual award form, and what its keys refuse.

use super::word;
use crate::i18n::t;

pub fn REASON_WORD() -> &'static str {
    t("reason-2")
}

/// "25 points, award, approved"
pub fn detail_figures(points: &str, kind: &str, status: &str) -> String {
    crate::t!(
        "detail-figures",
        kind = kind,
        points = points,
        status = status
    )
}

/// "rule deal  subject D-1  category performance"
pub fn detail_key(rule: &str, subject: &str, category: &str) -> String {
    crate::t!(
        "detail-key",
        category = category,
        rule = rule,
        subject = subject
    )
}

/// Said when `[`, `]` or `p` moved away from marked rows.
pub fn marks_cleared(n: usize) -> String {
    crate::t!("marks-cleared", n = n)
}

pub fn COL_DATE() -> &'static str {
    t("date")
}

pub fn COL_WHAT() -> &'static str {
    t("rule-reason")
}

pub fn NO_AWARDS() -> &'static str {
    t("no-awards-here-try-another-status")
}

pub fn DETAIL_TITLE() -> &'static str {
    t("award")
}

pub fn FORM_TITLE() -> &'static str {
    t("manual-award-or-deduction")
}

pub fn FORM_KEYS() -> &'static str {
    t("tab-next-field-up-down-choose")
}

pub fn POSTING_NO_DETAIL() -> &'static str {
    t("posting-no-detail")
}

pub fn ESC_AGAIN_CLOSES_FORM() -> &'static str {
    t("esc-again-closes-form")
}

pub fn QUIT_FORM() -> &'static str {
    t("the-manual-award-is-not-saved")
}

/// Fits 80 columns: "2026-Q1 was closed by lead on 2026-03-31: no decisions in it"
pub fn closed_refusal(period: &str, by: &str, at: &str) -> String {
    let day = at.get(..10).unwrap_or(at);
    crate::t!("closed-refusal", by = by, day = day, period = period)
}

pub fn HISTORY() -> &'static str {
    t("history")
}

/// In place of the history lines a detail has no room for.
pub fn earlier_entries(n: usize) -> String {
    crate::t!("earlier-entries", n = n)
}

pub fn created_line(at: &str, by: &str) -> String {
    crate::t!("created-line", at = at, by = by)
}

pub fn history_line(at: &str, action: &str, by: &str, detail: &str) -> String {
    crate::t!(
        "history-line",
        action = crate::i18n::audit::action(action),
        at = at,
        by = by,
        detail = detail
    )
}

/// The status of a pending award for a period that has not ended.
pub fn PROVISIONAL() -> &'static str {
    t("provisional")
}

/// The status of an award with an open dispute.
pub fn DISPUTED() -> &'static str {
    t("disputed")
}

pub fn NOTHING_TO_DISPUTE() -> &'static str {
    t("no-award-here-to-dispute")
}

pub fn NOTHING_TO_RESOLVE() -> &'static str {
    t("no-open-dispute-here-to-resolve")
}

/// Said when every award an approval would act on is provisional.
pub fn only_disputed(count: usize) -> String {
    crate::t!("only-disputed", count = count)
}

pub fn only_provisional(count: usize) -> String {
    crate::t!("only-provisional", count = count)
}

pub fn saved_manual(id: i64, member: &str, points: &str) -> String {
    crate::t!("saved-manual", id = id, member = member, points = points)
}

/// "  2026-03-31 09:00:00  approved by lead: reason" when the history
/// does not say it.
pub fn decided_line(at: &str, status: &str, by: &str, reason: Option<&str>) -> String {
    let status = word(status);
    match reason {
        Some(reason) => crate::t!(
            "decided-line-with-reason",
            at = at,
            by = by,
            reason = reason,
            status = status
        ),
        None => crate::t!("decided-line", at = at, by = by, status = status),
    }
}
