//! The Rules pane's and the rule popups' words: versions, the rule editor
//! and its preview, choosing a kind, the date a change takes effect, what
//! a save will do and did.

use super::list;
use crate::i18n::t;

/// The Rules pane's "kind" column (the footer's "kind" is a period's).
pub fn COL_KIND() -> &'static str {
    t("rule-kind")
}

pub fn NO_RULES() -> &'static str {
    t("no-rules-yet-merit-rules-import")
}

pub fn NO_RULE_MATCH() -> &'static str {
    t("no-rule-match")
}

pub fn NEW_RULE() -> &'static str {
    t("new-rule")
}

pub fn EDIT_RULE() -> &'static str {
    t("rule")
}

pub fn RULE_IS_OFF() -> &'static str {
    t("this-rule-is-off-a-in")
}

/// The preview's title after its period: its "now" counts pending
/// awards (as `standings --include-pending`), which the Rankings by
/// default do not.
pub fn PREVIEW() -> &'static str {
    t("preview-standings-with-pending")
}

pub fn BEFORE() -> &'static str {
    t("now")
}

pub fn AFTER() -> &'static str {
    t("edited")
}

pub fn TOTAL() -> &'static str {
    t("total")
}

pub fn PREVIEW_WAITS() -> &'static str {
    t("the-preview-waits-for-a-valid")
}

pub fn RULE_FORM_KEYS() -> &'static str {
    t("tab-enter-next-s-tab-prev")
}

pub fn RULE_FIXES() -> &'static str {
    t("fix-the-fields-marked-first-the")
}

pub fn QUIT_RULE() -> &'static str {
    t("the-rule-change-is-not-saved")
}

pub fn DISCARD_TITLE() -> &'static str {
    t("discard")
}

pub fn RULE_DATE_TITLE() -> &'static str {
    t("save-as-a-new-version")
}

pub fn RULE_DATE_KEYS() -> &'static str {
    t("enter-save-and-recalculate-esc-back")
}

/// The date popup's keys before its first Enter, which shows what saving
/// will do (the second saves).
pub fn RULE_DATE_KEYS_FIRST() -> &'static str {
    t("enter-see-what-saving-does-esc-back")
}

pub fn CHOOSE_KIND_TITLE() -> &'static str {
    t("new-rule-2")
}

pub fn NOT_A_DATE() -> &'static str {
    t("write-a-date-as-yyyy-mm")
}

pub fn members_change(n: usize) -> String {
    crate::t!("members-points-change", n = n)
}

pub fn discard_question(id: &str) -> String {
    if id.is_empty() {
        t("discard-new-rule-question").to_string()
    } else {
        crate::t!("discard-changes-question", id = id)
    }
}

/// The counts of a recalc that are not 0, each as the language says it
/// ("3 changed"); its adjustments said as being to approved awards or not.
fn recalc_counts(r: &crate::ops::recalc::RecalcSummary, to_approved: bool) -> Vec<String> {
    let adjustments = if to_approved {
        crate::t!("recalc-adjustments-to-approved", n = r.adjustments)
    } else {
        crate::t!("recalc-adjustments", n = r.adjustments)
    };
    [
        (r.new, crate::t!("recalc-new", n = r.new)),
        (r.changed, crate::t!("recalc-changed", n = r.changed)),
        (r.withdrawn, crate::t!("recalc-withdrawn", n = r.withdrawn)),
        (r.adjustments, adjustments),
        (r.skipped, crate::t!("recalc-skipped", n = r.skipped)),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(_, said)| said)
    .collect()
}

/// "saved 'deal' from 2026-01-01: 3 changed, 5 adjustments": only the
/// recalc counts that are not 0, so the line fits 80 columns.
pub fn rule_saved(id: &str, from: &str, r: &crate::ops::recalc::RecalcSummary) -> String {
    let counts = recalc_counts(r, false);
    if counts.is_empty() {
        crate::t!("rule-saved-no-award-changes", from = from, id = id)
    } else {
        crate::t!("rule-saved", counts = list(&counts), from = from, id = id)
    }
}

/// What a rule save will do, said before it is saved (the same plan as
/// `recalc --dry-run`); adjustments are to approved awards.
pub fn save_plan(plan: &crate::ops::rules::SavePlan) -> String {
    let counts = recalc_counts(&plan.recalc, true);
    if counts.is_empty() {
        t("save-plan-changes-no-award").to_string()
    } else {
        crate::t!("save-plan", counts = list(&counts), members = plan.members)
    }
}

pub fn SAVE_PLAN_BUSY() -> &'static str {
    t("another-merit-is-writing-the-save")
}

pub fn RULE_DISCARDED() -> &'static str {
    t("the-rule-change-was-discarded-nothing")
}

/// "  saved 2026-03-31 09:00 by lead" under a rule version.
pub fn saved_by(at: &str, by: &str) -> String {
    crate::t!("saved-by", at = at, by = by)
}

/// The selector's key of a version turned off or not.
fn off_key(off: bool) -> &'static str {
    if off { "off" } else { "on" }
}

/// "  - always, off  replaced 2026-04-01 09:00 by lead;  saved …" for a
/// version, with who saved it and when if known.
pub fn replaced_version(
    window: &str,
    off: bool,
    at: &str,
    by: &str,
    saved: Option<(&str, &str)>,
) -> String {
    let off = off_key(off);
    match saved {
        Some((saved_at, saved_by)) => crate::t!(
            "replaced-version-saved",
            at = at,
            by = by,
            off = off,
            saved_at = saved_at,
            saved_by = saved_by,
            window = window
        ),
        None => crate::t!(
            "replaced-version",
            at = at,
            by = by,
            off = off,
            window = window
        ),
    }
}

/// "  * always, off  saved …" for the version in force.
pub fn version_in_force(window: &str, off: bool, saved: &str) -> String {
    crate::t!(
        "version-in-force",
        off = off_key(off),
        saved = saved,
        window = window
    )
}

/// The status line while the rule editor previews.
pub fn preview_status(period: &str, from: &str) -> String {
    crate::t!("preview-status", from = from, period = period)
}

pub fn CHOOSE_KIND() -> &'static str {
    t("e-per-event-t-attainment-m")
}

pub fn CHOOSE_KIND_MORE() -> &'static str {
    t("r-rank-places-titles-p-team")
}

pub fn save_question(id: &str) -> String {
    crate::t!("save-question", id = id)
}

pub fn toggle_question(id: &str, on: bool) -> String {
    let on = if on { "on" } else { "off" };
    crate::t!("toggle-question", id = id, on = on)
}

pub fn end_question(id: &str) -> String {
    crate::t!("end-question", id = id)
}

pub fn VERSIONS() -> &'static str {
    t("versions-in-force-replaced")
}

/// The Rules pane's subtitle under a filter: how many of the versions in
/// force it shows.
pub fn rules_matching(count: usize, all: usize) -> String {
    crate::t!(
        "rule-versions-matching-enter-edits",
        count = count,
        all = all
    )
}

pub fn rules_in_force(count: usize) -> String {
    crate::t!("rule-versions-in-force-enter-edits", count = count)
}
