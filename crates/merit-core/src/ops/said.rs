//! The pieces the audit log's details share, as messages (issue 40): an
//! optional reason, a list, a reward's limits. Each says what the English
//! beside it says (`, reason: …`); a piece the English leaves out is empty
//! text, which every language words as nothing.

use crate::domain::{Redemption, RewardLimits};
use crate::message::Msg;
use crate::msg;

/// `, reason: …` when there is a reason, else nothing.
pub fn reason(reason: Option<&str>) -> Msg {
    match reason {
        Some(r) => msg!("audit-detail-reason", reason = r),
        None => nothing(),
    }
}

/// Words nothing, in every language.
pub fn nothing() -> Msg {
    Msg::untyped("")
}

/// `parts` joined by `joiner` (`audit-detail-then`: `a; b`,
/// `audit-detail-and`: `a, b`); nothing when there are none.
pub fn joined(parts: Vec<Msg>, joiner: &'static str) -> Msg {
    let mut parts = parts.into_iter().rev();
    let Some(last) = parts.next() else {
        return nothing();
    };
    parts.fold(last, |rest, first| {
        Msg::new(joiner, vec![("first", first.into()), ("rest", rest.into())])
    })
}

/// A reward's limits, as `ops::catalog::describe_limits` says them.
pub fn limits(l: &RewardLimits) -> Msg {
    let mut parts = Vec::new();
    if let (Some(q), Some(per)) = (l.limit_qty, l.limit_per) {
        parts.push(msg!("audit-detail-limit-per", qty = q, per = per.as_str()));
    }
    match (l.available_from, l.available_to) {
        (Some(f), Some(t)) => parts.push(msg!("audit-detail-limit-between", from = f, to = t)),
        (Some(f), None) => parts.push(msg!("audit-detail-limit-from", from = f)),
        (None, Some(t)) => parts.push(msg!("audit-detail-limit-until", to = t)),
        (None, None) => {}
    }
    if parts.is_empty() {
        msg!("audit-detail-no-limits")
    } else {
        joined(parts, "audit-detail-and")
    }
}

/// A redemption decided: `ZW GIFT ×1, 20 points, reason: …`.
pub fn redemption_decided(r: &Redemption, why: Option<&str>) -> Msg {
    msg!(
        "audit-detail-redemption-decided",
        member = &r.member,
        reward = &r.reward,
        qty = r.qty,
        points = r.points,
        reason = reason(why)
    )
}
