//! The confirmation popup's words: approving or rejecting awards and
//! redemption requests, disputing an award and resolving a dispute, and
//! what each decision says once done.

use super::{by_lang, plural};
use crate::i18n::t;

/// An approval or rejection of marked rows some of which the view hides.
pub fn hidden_marks(n: usize) -> String {
    by_lang(
        || format!("{n} of them hidden by the filter or status"),
        || format!("其中 {n} 条被筛选或状态隐藏"),
    )
}

pub fn CONFIRM_TITLE() -> &'static str {
    t("confirm")
}

pub fn CONFIRM_KEYS() -> &'static str {
    t("y-enter-confirm-n-esc-cancel")
}

pub fn REJECT_KEYS() -> &'static str {
    t("enter-reject-esc-cancel")
}

pub fn REASON() -> &'static str {
    t("reason")
}

pub fn REASON_NEEDED() -> &'static str {
    t("a-rejection-needs-a-reason")
}

pub fn DISPUTE_KEYS() -> &'static str {
    t("enter-dispute-esc-cancel")
}

pub fn RESOLVE_KEYS() -> &'static str {
    t("tab-next-field-enter-resolve-esc")
}

pub fn DECISION() -> &'static str {
    t("decision")
}

pub fn ACCEPT_WORD() -> &'static str {
    t("accept-a")
}

pub fn REJECT_WORD() -> &'static str {
    t("reject-x")
}

pub fn CORRECTION() -> &'static str {
    t("correction-points-optional")
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
