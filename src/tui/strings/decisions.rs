//! The confirmation popup's words: approving or rejecting awards and
//! redemption requests, disputing an award and resolving a dispute, and
//! what each decision says once done.

use crate::i18n::t;

/// An approval or rejection of marked rows some of which the view hides.
pub fn hidden_marks(n: usize) -> String {
    crate::t!("hidden-marks", n = n)
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
    crate::t!("resolve-question", points = points, what = what, who = who)
}

/// Said once a dispute is resolved.
pub fn resolved(id: i64, accepted: bool, correction: Option<i64>) -> String {
    match (accepted, correction) {
        (true, Some(c)) => crate::t!("resolved", c = c, id = id),
        (true, None) => crate::t!("resolved-2", id = id),
        (false, _) => crate::t!("resolved-3", id = id),
    }
}

/// "Dispute ZW 张伟's deal D-003 (37.5 points)?"
pub fn dispute_question(who: &str, what: &str, points: &str) -> String {
    crate::t!("dispute-question", points = points, what = what, who = who)
}

/// Said once a dispute is recorded.
pub fn disputed(id: i64, status: crate::domain::Status) -> String {
    match status {
        crate::domain::Status::Approved => crate::t!("disputed-approved", id = id),
        _ => crate::t!("disputed-2", id = id),
    }
}

/// Added to an approval's question when provisional awards are left out.
pub fn provisional_left(count: usize) -> String {
    crate::t!("provisional-left", count = count)
}

pub fn approve_question(count: usize, points: &str) -> String {
    crate::t!("approve-question", count = count, points = points)
}

pub fn reject_question(count: usize, points: &str) -> String {
    crate::t!("reject-question", count = count, points = points)
}

/// "Approve 3 marked awards for 68 points?", with `hidden_marks` below it.
pub fn marked_question(approve: bool, count: usize, points: &str) -> String {
    if approve {
        crate::t!("approve-marked-question", count = count, points = points)
    } else {
        crate::t!("reject-marked-question", count = count, points = points)
    }
}

/// "Approve ZW 张伟's deal D-003 (37.5 points)?"
pub fn one_award_question(approve: bool, who: &str, what: &str, points: &str) -> String {
    if approve {
        crate::t!(
            "approve-award-question",
            points = points,
            what = what,
            who = who
        )
    } else {
        crate::t!(
            "reject-award-question",
            points = points,
            what = what,
            who = who
        )
    }
}

pub fn approved(count: usize, points: &str) -> String {
    crate::t!("approved-2", count = count, points = points)
}

pub fn rejected(count: usize, points: &str) -> String {
    crate::t!("rejected-2", count = count, points = points)
}

pub fn approve_redemptions_question(count: usize, points: &str) -> String {
    crate::t!(
        "approve-redemptions-question",
        count = count,
        points = points
    )
}

pub fn reject_redemptions_question(count: usize, points: &str) -> String {
    crate::t!(
        "reject-redemptions-question",
        count = count,
        points = points
    )
}

pub fn decided_redemptions(approved: bool, count: usize, points: &str) -> String {
    if approved {
        crate::t!("approved-redemptions", count = count, points = points)
    } else {
        crate::t!("rejected-redemptions", count = count, points = points)
    }
}

/// "; request 3 stays pending: …" after deciding redemptions.
pub fn request_stays_pending(id: i64, why: &str) -> String {
    crate::t!("request-stays-pending", id = id, why = why)
}

pub fn already_decided(n: usize) -> String {
    crate::t!("already-decided", n = n)
}
