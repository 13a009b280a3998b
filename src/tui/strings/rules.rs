//! The Rules pane's and the rule popups' words: versions, the rule editor
//! and its preview, choosing a kind, the date a change takes effect, what
//! a save will do and did.

use super::by_lang;
use crate::i18n::{t, tr};

/// The Rules pane's "kind" column (the footer's "kind" is a period's).
pub fn COL_KIND() -> &'static str {
    match crate::i18n::current() {
        crate::i18n::Lang::En => "kind",
        crate::i18n::Lang::ZhCn => "类型",
    }
}

pub fn NO_RULES() -> &'static str {
    t("no-rules-yet-merit-rules-import")
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

pub fn PREVIEW() -> &'static str {
    t("standings")
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

pub fn CHOOSE_KIND_TITLE() -> &'static str {
    t("new-rule-2")
}

pub fn NOT_A_DATE() -> &'static str {
    t("write-a-date-as-yyyy-mm")
}

pub fn members_change(n: usize) -> String {
    by_lang(
        || match n {
            0 => "no member's points change".into(),
            1 => "1 member's points change".into(),
            n => format!("{n} members' points change"),
        },
        || match n {
            0 => "没有成员的积分变化".into(),
            n => format!("{n} 名成员的积分变化"),
        },
    )
}

pub fn discard_question(id: &str) -> String {
    match (id.is_empty(), crate::i18n::current()) {
        (true, crate::i18n::Lang::En) => "Discard the new rule?".into(),
        (false, crate::i18n::Lang::En) => format!("Discard the changes to '{id}'?"),
        (true, crate::i18n::Lang::ZhCn) => "放弃这条新规则？".into(),
        (false, crate::i18n::Lang::ZhCn) => format!("放弃对「{id}」的修改？"),
    }
}

/// "saved 'deal' from 2026-01-01: 3 changed, 5 adjustments": only the
/// recalc counts that are not 0, so the line fits 80 columns.
pub fn rule_saved(id: &str, from: &str, r: &crate::ops::recalc::RecalcSummary) -> String {
    let counts: Vec<String> = [
        (r.new, "new"),
        (r.changed, "changed"),
        (r.withdrawn, "withdrawn"),
        (r.adjustments, "adjustments"),
        (r.skipped, "skipped"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| match crate::i18n::current() {
        crate::i18n::Lang::En => format!("{n} {what}"),
        crate::i18n::Lang::ZhCn => format!("{} {n}", tr(what)),
    })
    .collect();
    by_lang(
        || {
            if counts.is_empty() {
                format!("saved '{id}' from {from}: no award changes")
            } else {
                format!("saved '{id}' from {from}: {}", counts.join(", "))
            }
        },
        || {
            if counts.is_empty() {
                format!("已保存「{id}」（自 {from} 起）：积分无变化")
            } else {
                format!("已保存「{id}」（自 {from} 起）：{}", counts.join("，"))
            }
        },
    )
}

/// What a rule save will do, said before it is saved (the same plan as
/// `recalc --dry-run`); adjustments are to approved awards.
pub fn save_plan(plan: &crate::ops::rules::SavePlan) -> String {
    let r = &plan.recalc;
    let members = plan.members;
    let counts: Vec<String> = [
        (r.new, "new"),
        (r.changed, "changed"),
        (r.withdrawn, "withdrawn"),
        (r.adjustments, "adjustments to approved awards"),
        (r.skipped, "skipped"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| match crate::i18n::current() {
        crate::i18n::Lang::En => format!("{n} {what}"),
        crate::i18n::Lang::ZhCn => format!("{} {n}", tr(what)),
    })
    .collect();
    by_lang(
        || {
            if counts.is_empty() {
                "saving changes no award".to_string()
            } else {
                let whose = if members == 1 {
                    "1 member's points change".to_string()
                } else {
                    format!("{members} members' points change")
                };
                format!("saving will make {} ({whose})", counts.join(", "))
            }
        },
        || {
            if counts.is_empty() {
                "保存后积分无变化".to_string()
            } else {
                format!(
                    "保存将产生：{}（{members} 名成员的积分变化）",
                    counts.join("，")
                )
            }
        },
    )
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

/// "  - always, off  replaced 2026-04-01 09:00 by lead;" for a version.
pub fn replaced_version(window: &str, off: bool, at: &str, by: &str, saved: &str) -> String {
    by_lang(
        || {
            let on = if off { ", off" } else { "" };
            format!("  - {window}{on}  replaced {at} by {by};{saved}")
        },
        || {
            let on = if off { "，停用" } else { "" };
            format!("  - {window}{on}  {by} 替换于 {at}；{}", saved.trim_start())
        },
    )
}

/// "  * always, off  saved …" for the version in force.
pub fn version_in_force(window: &str, off: bool, saved: &str) -> String {
    let on = match (off, crate::i18n::current()) {
        (false, _) => "",
        (true, crate::i18n::Lang::En) => ", off",
        (true, crate::i18n::Lang::ZhCn) => "，停用",
    };
    format!("  * {window}{on}{saved}")
}

/// The status line while the rule editor previews.
pub fn preview_status(period: &str, from: &str) -> String {
    by_lang(
        || {
            format!(
                "preview: {period} {} now and edited, as if in force from {from}",
                PREVIEW()
            )
        },
        || format!("预览：{period} 现行与修改后对比，按自 {from} 起生效计"),
    )
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
    let what = if on { "on" } else { "off" };
    by_lang(
        || format!("Turn '{id}' {what} from:"),
        || {
            let what = if on { "启用" } else { "停用" };
            format!("{what}「{id}」，自哪天起：")
        },
    )
}

pub fn end_question(id: &str) -> String {
    crate::t!("end-question", id = id)
}

pub fn VERSIONS() -> &'static str {
    t("versions-in-force-replaced")
}

pub fn RULES_IN_FORCE() -> &'static str {
    t("rule-versions-in-force-enter-edits")
}
