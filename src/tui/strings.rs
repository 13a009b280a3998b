//! Every user-facing string of the screen, in one place, each in the
//! language in use (`i18n`). The fixed ones are functions named like the
//! constants they were.
#![allow(non_snake_case)]

use crate::i18n::tr;

pub fn APP() -> &'static str {
    tr("merit")
}

/// "1 row", "3 rows": the one plural of the screen.
pub fn count(n: usize, noun: &str) -> String {
    match crate::i18n::current() {
        crate::i18n::Lang::ZhCn => format!("{n} {}", word(noun)),
        crate::i18n::Lang::En => format!("{n} {noun}{}", plural(n)),
    }
}

/// A word the screen shows from the store or a period (a status, a
/// period kind, a counted noun) in the language in use.
pub fn word(w: &str) -> &str {
    match w {
        "pending" => tr("pending"),
        "approved" => tr("approved"),
        "rejected" => tr("rejected"),
        "all" => tr("all"),
        "week" => tr("week"),
        "month" => tr("month"),
        "quarter" => tr("quarter"),
        "year" => tr("year"),
        "row" => tr("row"),
        "page" => tr("page"),
        "mark" => tr("mark"),
        "award" => tr("award"),
        "adjustment" => tr("adjustment"),
        "manual" => tr("manual"),
        other => other,
    }
}

/// A Rankings movement: `new` in the language in use (`+2`, `=` as they are).
pub fn movement(m: &str) -> &str {
    match crate::i18n::current() {
        crate::i18n::Lang::ZhCn if m == "new" => "新",
        _ => m,
    }
}

pub fn BALANCE_WORD() -> &'static str {
    tr("balance")
}
pub fn AVAILABLE() -> &'static str {
    tr("available")
}
pub fn HELD_BACK() -> &'static str {
    tr("pending redemptions held back")
}
pub fn NEXT_REWARD() -> &'static str {
    tr("next reward")
}
pub fn EXPIRING_30D() -> &'static str {
    tr("expiring in 30d")
}
pub fn ALL_WITHIN_REACH() -> &'static str {
    tr("every active reward is within reach")
}
pub fn REASON_WORD() -> &'static str {
    tr("reason")
}

/// One line of the balance popup: a label padded to the figures.
pub fn balance_line(label: &str, value: &str) -> String {
    format!("{} {value}", crate::text::pad_right(label, 15))
}

/// "GIFT (礼品卡, 50 points): 15 to go"
pub fn next_reward(code: &str, name: &str, cost: &str, missing: &str) -> String {
    by_lang(
        || format!("{code} ({name}, {cost} points): {missing} to go"),
        || format!("{code}（{name}，{cost} 分）：还差 {missing} 分"),
    )
}

/// "25 points, award, approved"
pub fn detail_figures(points: &str, kind: &str, status: &str) -> String {
    by_lang(
        || format!("{points} points, {kind}, {status}"),
        || format!("{points} 分，{kind}，{status}"),
    )
}

/// "rule deal  subject D-1  category performance"
pub fn detail_key(rule: &str, subject: &str, category: &str) -> String {
    by_lang(
        || format!("rule {rule}  subject {subject}  category {category}"),
        || format!("规则 {rule}  对象 {subject}  类别 {category}"),
    )
}

/// The Rules pane's "kind" column (the footer's "kind" is a period's).
pub fn COL_KIND() -> &'static str {
    match crate::i18n::current() {
        crate::i18n::Lang::En => "kind",
        crate::i18n::Lang::ZhCn => "类型",
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
pub fn PANES() -> [&'static str; 4] {
    [tr("Ledger"), tr("Rules"), tr("Catalog"), tr("Rankings")]
}

pub fn TOO_SMALL() -> &'static str {
    tr("terminal too small")
}
pub fn NEEDS() -> &'static str {
    tr("merit needs at least 80×24; this one is")
}
pub fn TOO_SMALL_KEYS() -> &'static str {
    tr("enlarge it to go on; q quits (no other key works meanwhile)")
}

/// Said when `P` published a period.
pub fn published(period: &str, dir: &str, pages: usize) -> String {
    by_lang(
        || format!("published {period}: {} in {dir}", count(pages, "page")),
        || format!("已发布 {period}：{pages} 页，在 {dir}"),
    )
}

/// Said when `[`, `]` or `p` moved away from marked rows.
pub fn marks_cleared(n: usize) -> String {
    by_lang(
        || format!("the period changed: {} cleared", count(n, "mark")),
        || format!("周期已切换：已清除 {n} 个选中"),
    )
}

/// An approval or rejection of marked rows some of which the view hides.
pub fn hidden_marks(n: usize) -> String {
    by_lang(
        || format!("{n} of them hidden by the filter or status"),
        || format!("其中 {n} 条被筛选或状态隐藏"),
    )
}

pub fn PENDING() -> &'static str {
    tr("pending")
}
pub fn PTS() -> &'static str {
    tr("pts")
}
pub fn MARKED() -> &'static str {
    tr("marked")
}
pub fn FILTER() -> &'static str {
    tr("filter")
}
pub fn SHOWING() -> &'static str {
    tr("showing")
}

pub fn COL_DATE() -> &'static str {
    tr("date")
}
pub fn COL_MEMBER() -> &'static str {
    tr("member")
}
pub fn COL_WHAT() -> &'static str {
    tr("rule / reason")
}
pub fn COL_POINTS() -> &'static str {
    tr("points")
}
pub fn COL_STATUS() -> &'static str {
    tr("status")
}
pub fn COL_RANK() -> &'static str {
    tr("#")
}
pub fn COL_MOVE() -> &'static str {
    tr("move")
}
pub fn COL_TEAM() -> &'static str {
    tr("team")
}
pub fn COL_PENDING() -> &'static str {
    tr("+pending")
}
pub fn COL_ATTAIN() -> &'static str {
    tr("target")
}
pub fn COL_MEMBERS() -> &'static str {
    tr("members")
}

pub fn NO_AWARDS() -> &'static str {
    tr("No awards here. Try another status (s), period ([ ]) or filter (/).")
}
pub fn NO_RULES() -> &'static str {
    tr("No rules yet: `merit rules import FILE` loads them.")
}
pub fn NO_REWARDS() -> &'static str {
    tr("No rewards yet: `merit catalog import FILE` adds them.")
}
pub fn NO_REDEMPTIONS() -> &'static str {
    tr("No redemption requests (`merit redeem MEMBER REWARD`).")
}
pub fn LEADERS() -> &'static str {
    tr("Leaders")
}
/// Heading of the category view of a row (`c` in Rankings).
pub fn by_category(who: &str) -> String {
    by_lang(
        || format!("By category: {who}"),
        || format!("按类别：{who}"),
    )
}
pub fn NO_POINTS() -> &'static str {
    tr("no points in this period")
}
/// Under a category split that does not fit.
pub fn more_categories(n: usize) -> String {
    by_lang(
        || format!("… and {n} more (merit standings P --by category)"),
        || format!("… 另有 {n} 类（merit standings P --by category）"),
    )
}
pub fn TITLES() -> &'static str {
    tr("titles")
}
pub fn NOTHING_PENDING() -> &'static str {
    tr("nothing pending to decide in the marked rows or this row")
}
pub fn NO_MEMBERS() -> &'static str {
    tr("no active member matches")
}

pub fn HELP_TITLE() -> &'static str {
    tr("Keys  (Esc closes)")
}
pub fn CONFIRM_TITLE() -> &'static str {
    tr("Confirm")
}
pub fn CONFIRM_KEYS() -> &'static str {
    tr("y / Enter: confirm    n / Esc: cancel")
}
pub fn REJECT_KEYS() -> &'static str {
    tr("Enter: reject    Esc: cancel")
}
pub fn REASON() -> &'static str {
    tr("Reason")
}
pub fn REASON_NEEDED() -> &'static str {
    tr("a rejection needs a reason")
}
pub fn DETAIL_TITLE() -> &'static str {
    tr("Award")
}
pub fn BALANCE_TITLE() -> &'static str {
    tr("Balance")
}
pub fn TEAM_TITLE() -> &'static str {
    tr("Team")
}

/// The head of a team's member list (Enter on a team row).
pub fn team_members_title(team: &str, n: usize) -> String {
    by_lang(
        || format!("{team}: {}", count(n, "member")),
        || format!("{team}：{n} 名成员"),
    )
}
pub fn DETAIL_KEYS() -> &'static str {
    tr("Esc / Enter: close")
}
pub fn FORM_TITLE() -> &'static str {
    tr("Manual award or deduction")
}
pub fn FORM_KEYS() -> &'static str {
    tr("Tab: next field  Up/Down: choose member  Enter: save  Esc: cancel")
}
pub fn FORM_FIXES() -> &'static str {
    tr("fix the fields marked ! first")
}
pub fn QUIT_FORM() -> &'static str {
    tr("the manual award is not saved: Ctrl-C again quits without it, Esc discards it")
}

pub fn CLOSED() -> &'static str {
    tr("CLOSED")
}

/// "(closed: 2026-01, 2026-02)" after a period partly closed.
pub fn part_closed(periods: &[String]) -> String {
    by_lang(
        || format!("(closed: {})", periods.join(", ")),
        || format!("（已关账：{}）", periods.join("、")),
    )
}

/// Fits 80 columns: "2026-Q1 was closed by lead on 2026-03-31: no decisions in it"
pub fn closed_refusal(period: &str, by: &str, at: &str) -> String {
    let day = at.get(..10).unwrap_or(at);
    by_lang(
        || format!("{period} was closed by {by} on {day}: no decisions in it (reopen it first)"),
        || format!("{period} 已由 {by} 于 {day} 关账：不能审批（请先重新打开）"),
    )
}

pub fn HISTORY() -> &'static str {
    tr("history")
}

/// In place of the history lines a detail has no room for.
pub fn earlier_entries(n: usize) -> String {
    by_lang(
        || {
            if n == 1 {
                "  … 1 earlier entry".into()
            } else {
                format!("  … {n} earlier entries")
            }
        },
        || format!("  … 更早的 {n} 条"),
    )
}

pub fn created_line(at: &str, by: &str) -> String {
    by_lang(
        || format!("  {at}  created by {by}"),
        || format!("  {at}  由 {by} 创建"),
    )
}

pub fn history_line(at: &str, action: &str, by: &str, detail: &str) -> String {
    by_lang(
        || format!("  {at}  {action} by {by}: {detail}"),
        || format!("  {at}  {by} {action}：{detail}"),
    )
}

/// The status of a pending award for a period that has not ended.
pub fn PROVISIONAL() -> &'static str {
    tr("provisional")
}

/// The status of an award with an open dispute.
pub fn DISPUTED() -> &'static str {
    tr("disputed")
}
pub fn NOTHING_TO_DISPUTE() -> &'static str {
    tr("no award here to dispute")
}
pub fn DISPUTE_KEYS() -> &'static str {
    tr("Enter: dispute    Esc: cancel")
}
pub fn NOTHING_TO_RESOLVE() -> &'static str {
    tr("no open dispute here to resolve")
}
pub fn RESOLVE_KEYS() -> &'static str {
    tr("Tab: next field    Enter: resolve    Esc: cancel")
}
pub fn DECISION() -> &'static str {
    tr("decision")
}
pub fn ACCEPT_WORD() -> &'static str {
    tr("accept (a)")
}
pub fn REJECT_WORD() -> &'static str {
    tr("reject (x)")
}
pub fn CORRECTION() -> &'static str {
    tr("correction points (optional)")
}

/// "Resolve the dispute of ZW 张伟's deal D-003 (37.5 points)"
pub fn resolve_question(who: &str, what: &str, points: &str) -> String {
    by_lang(
        || format!("Resolve the dispute of {who}'s {what} ({points} points)"),
        || format!("处理对 {who} 的 {what}（{points} 分）的异议"),
    )
}

/// Said once a dispute is resolved.
pub fn resolved(id: i64, accepted: bool, correction: Option<i64>) -> String {
    match (accepted, correction) {
        (true, Some(c)) => by_lang(
            || format!("dispute of award {id} accepted: correcting award {c}, pending approval"),
            || format!("已接受对积分 {id} 的异议：更正积分 {c}，待审批"),
        ),
        (true, None) => by_lang(
            || format!("dispute of award {id} accepted"),
            || format!("已接受对积分 {id} 的异议"),
        ),
        (false, _) => by_lang(
            || format!("dispute of award {id} rejected: the award stays as it is"),
            || format!("已驳回对积分 {id} 的异议：积分保持不变"),
        ),
    }
}

/// "Dispute ZW 张伟's deal D-003 (37.5 points)?"
pub fn dispute_question(who: &str, what: &str, points: &str) -> String {
    by_lang(
        || format!("Dispute {who}'s {what} ({points} points)?"),
        || format!("对 {who} 的 {what}（{points} 分）提出异议？"),
    )
}

/// Said once a dispute is recorded.
pub fn disputed(id: i64) -> String {
    by_lang(
        || {
            format!(
                "award {id} disputed: no approval takes it until it is resolved (merit resolve {id})"
            )
        },
        || format!("积分 {id} 已提出异议：处理前不能批准（merit resolve {id}）"),
    )
}

/// Said when every award an approval would act on is provisional.
pub fn only_provisional(count: usize) -> String {
    by_lang(
        || {
            format!(
                "{count} provisional award{}: the period has not ended, so not approvable yet",
                plural(count)
            )
        },
        || format!("{count} 条暂定积分：周期尚未结束，暂不能批准"),
    )
}

/// Added to an approval's question when provisional awards are left out.
pub fn provisional_left(count: usize) -> String {
    by_lang(
        || {
            format!(
                "{count} provisional award{} left pending (period not ended)",
                plural(count)
            )
        },
        || format!("{count} 条暂定积分保留待审（周期未结束）"),
    )
}

pub fn approve_question(count: usize, points: &str) -> String {
    by_lang(
        || {
            format!(
                "Approve {count} award{} for {points} points?",
                plural(count)
            )
        },
        || format!("批准 {count} 条积分，共 {points} 分？"),
    )
}

pub fn reject_question(count: usize, points: &str) -> String {
    by_lang(
        || format!("Reject {count} award{} for {points} points?", plural(count)),
        || format!("驳回 {count} 条积分，共 {points} 分？"),
    )
}

/// "Approve 3 marked awards for 68 points?", with `hidden_marks` below it.
pub fn marked_question(approve: bool, count: usize, points: &str) -> String {
    let verb = if approve { "Approve" } else { "Reject" };
    by_lang(
        || {
            format!(
                "{verb} {count} marked award{} for {points} points?",
                plural(count)
            )
        },
        || {
            let verb = if approve { "批准" } else { "驳回" };
            format!("{verb}选中的 {count} 条积分，共 {points} 分？")
        },
    )
}

/// "Approve ZW 张伟's deal D-003 (37.5 points)?"
pub fn one_award_question(approve: bool, who: &str, what: &str, points: &str) -> String {
    let verb = if approve { "Approve" } else { "Reject" };
    by_lang(
        || format!("{verb} {who}'s {what} ({points} points)?"),
        || {
            format!(
                "{}{who} 的 {what}（{points} 分）？",
                if approve { "批准" } else { "驳回" }
            )
        },
    )
}

pub fn approved(count: usize, points: &str) -> String {
    by_lang(
        || format!("approved {count} award{}, {points} points", plural(count)),
        || format!("已批准 {count} 条积分，共 {points} 分"),
    )
}

pub fn rejected(count: usize, points: &str) -> String {
    by_lang(
        || format!("rejected {count} award{}, {points} points", plural(count)),
        || format!("已驳回 {count} 条积分，共 {points} 分"),
    )
}

pub fn saved_manual(id: i64, member: &str, points: &str) -> String {
    by_lang(
        || format!("award {id}: {member} {points} points, pending approval"),
        || format!("积分 {id}：{member} {points} 分，待审批"),
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

pub fn approve_redemptions_question(count: usize, points: &str) -> String {
    by_lang(
        || {
            format!(
                "Approve {count} redemption{} for {points} points?",
                plural(count)
            )
        },
        || format!("批准 {count} 个兑换申请，共 {points} 分？"),
    )
}

pub fn reject_redemptions_question(count: usize, points: &str) -> String {
    by_lang(
        || {
            format!(
                "Reject {count} redemption{} for {points} points?",
                plural(count)
            )
        },
        || format!("驳回 {count} 个兑换申请，共 {points} 分？"),
    )
}

pub fn decided_redemptions(approved: bool, count: usize, points: &str) -> String {
    let verb = if approved { "approved" } else { "rejected" };
    by_lang(
        || {
            format!(
                "{verb} {count} redemption{}, {points} points",
                plural(count)
            )
        },
        || {
            let verb = if approved { "已批准" } else { "已驳回" };
            format!("{verb} {count} 个兑换申请，共 {points} 分")
        },
    )
}

pub fn NEW_RULE() -> &'static str {
    tr("New rule:")
}
pub fn EDIT_RULE() -> &'static str {
    tr("Rule")
}
pub fn RULE_IS_OFF() -> &'static str {
    tr("(this rule is off: `a` in the list turns it on)")
}
pub fn PREVIEW() -> &'static str {
    tr("standings")
}
pub fn BEFORE() -> &'static str {
    tr("now")
}
pub fn AFTER() -> &'static str {
    tr("edited")
}
pub fn TOTAL() -> &'static str {
    tr("total")
}
pub fn PREVIEW_WAITS() -> &'static str {
    tr("the preview waits for a valid rule")
}
pub fn RULE_FORM_KEYS() -> &'static str {
    tr("Tab/Enter next  S-Tab prev  Ctrl-S save  Esc discard  PgDn preview")
}
pub fn RULE_FIXES() -> &'static str {
    tr("fix the fields marked ! first; the preview shows the last valid rule")
}
pub fn WAIT_FOR_SAVE() -> &'static str {
    tr("wait for the rule save to finish first (moving, reading, filtering work)")
}
pub fn ASK_WAIT() -> &'static str {
    tr("rule save running. y: wait, then quit  n: quit now, save undone  Esc: stay")
}
pub fn WAITING_FOR_SAVE() -> &'static str {
    tr("waiting for the rule save to finish, then quitting")
}
/// "saving 'deal' from 2026-01-01: scoring, by month 14/24", the status
/// line while a rule save runs on its own thread.
pub fn saving(id: &str, from: &str, p: Option<&crate::tui::background::Progress>) -> String {
    let work = match p {
        Some(p) => match p.total {
            Some(t) => format!("{} {}/{t}", p.what, p.done.min(t)),
            None => format!("{} {}", p.what, p.done),
        },
        None => String::new(),
    };
    match (crate::i18n::current(), work.is_empty()) {
        (crate::i18n::Lang::En, true) => format!("saving '{id}' from {from}…"),
        (crate::i18n::Lang::En, false) => format!("saving '{id}' from {from}: {work}"),
        (crate::i18n::Lang::ZhCn, true) => format!("正在保存「{id}」（自 {from} 起）…"),
        (crate::i18n::Lang::ZhCn, false) => format!("正在保存「{id}」（自 {from} 起）：{work}"),
    }
}
pub fn QUIT_RULE() -> &'static str {
    tr("the rule change is not saved: Ctrl-C again quits without it, Esc returns to the editor")
}
pub fn DISCARD_TITLE() -> &'static str {
    tr("Discard")
}
pub fn RULE_DATE_TITLE() -> &'static str {
    tr("Save as a new version")
}
pub fn RULE_DATE_KEYS() -> &'static str {
    tr("Enter: save and recalculate    Esc: back")
}
pub fn CHOOSE_KIND_TITLE() -> &'static str {
    tr("New rule")
}
pub fn NOT_A_DATE() -> &'static str {
    tr("write a date as YYYY-MM-DD")
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

/// A member's progress on one attainment rule, as a line (English; the
/// catalogue's pattern says it in Chinese when rendered).
pub fn progress_line(p: &crate::ops::statement::Progress) -> String {
    let head = format!(
        "progress {} {}: {} {} done of {} ({}%)",
        p.rule, p.period, p.metric, p.done, p.target, p.attainment
    );
    match (&p.next_at, &p.next_points, &p.needed) {
        (Some(at), Some(points), Some(needed)) => {
            format!("{head}; next tier at {at}% gives {points} points: {needed} more needed")
        }
        _ => format!("{head}; the top tier is reached"),
    }
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
    tr("another merit is writing: the save will say what it did")
}

pub fn RULE_DISCARDED() -> &'static str {
    tr("the rule change was discarded; nothing was saved")
}
/// "  saved 2026-03-31 09:00 by lead" under a rule version.
pub fn saved_by(at: &str, by: &str) -> String {
    by_lang(
        || format!("  saved {at} by {by}"),
        || format!("  {by} 保存于 {at}"),
    )
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

/// "  2026-03-31 09:00:00  approved by lead: reason" when the history
/// does not say it.
pub fn decided_line(at: &str, status: &str, by: &str, why: &str) -> String {
    by_lang(
        || format!("  {at}  {status} by {by}{why}"),
        || format!("  {at}  {by} {}{why}", word(status)),
    )
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

/// "; request 3 stays pending: …" after deciding redemptions.
pub fn request_stays_pending(id: i64, why: &str) -> String {
    by_lang(
        || format!("; request {id} stays pending: {why}"),
        || format!("；申请 {id} 仍待审：{why}"),
    )
}

pub fn already_decided(n: usize) -> String {
    by_lang(
        || format!("; {n} already decided"),
        || format!("；{n} 项已由他人审批"),
    )
}

pub fn CHOOSE_KIND() -> &'static str {
    tr("e per_event   t attainment   m multiplier")
}
pub fn CHOOSE_KIND_MORE() -> &'static str {
    tr("r rank (places, titles)   p team_pool      Esc: cancel")
}

pub fn save_question(id: &str) -> String {
    by_lang(
        || format!("Save '{id}' as a new version in force from:"),
        || format!("将「{id}」保存为新版本，生效日期："),
    )
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
    by_lang(
        || format!("End '{id}': no points from this day on:"),
        || format!("结束「{id}」：从这一天起不再计分："),
    )
}
pub fn VERSIONS() -> &'static str {
    tr("versions (* in force, - replaced)")
}
pub fn RULES_IN_FORCE() -> &'static str {
    tr("rule versions in force; Enter edits one, with a preview")
}
pub fn NEW_REWARD() -> &'static str {
    tr("New reward")
}
pub fn EDIT_REWARD() -> &'static str {
    tr("Reward")
}
pub fn REWARD_FORM_KEYS() -> &'static str {
    tr("Tab: next field  Enter: save  Esc: cancel")
}
pub fn QUIT_REWARD() -> &'static str {
    tr("the reward is not saved: Ctrl-C again quits without it, Esc discards it")
}

pub fn reward_saved(code: &str, change: crate::store::Change) -> String {
    use crate::store::Change;
    by_lang(
        || match change {
            Change::Inserted => format!("reward {code} added"),
            Change::Updated => format!("reward {code} changed"),
            Change::Unchanged => format!("reward {code}: nothing changed"),
        },
        || match change {
            Change::Inserted => format!("已新增奖品 {code}"),
            Change::Updated => format!("已修改奖品 {code}"),
            Change::Unchanged => format!("奖品 {code}：未作改动"),
        },
    )
}

/// The English or the Chinese of a message built from numbers and names.
fn by_lang(en: impl FnOnce() -> String, zh: impl FnOnce() -> String) -> String {
    match crate::i18n::current() {
        crate::i18n::Lang::En => en(),
        crate::i18n::Lang::ZhCn => zh(),
    }
}
/// Under a list cut short: "3 more".
pub fn more(n: usize) -> String {
    by_lang(|| format!("{n} more"), || format!("另有 {n} 个"))
}
