//! The audit log's actions (`approved`, `recalc`, `sealed`…) and subjects
//! (`award 12`, `redemption 3`, `period 2026-03`), which the store keeps in
//! English, in the reader's language: for `merit audit`'s table and the
//! award history on the screen. CSV and JSON print what is stored; a word
//! merit does not know is shown as stored.

use super::{Lang, catalogue};

/// The catalogue's id of a stored action.
fn action_id(stored: &str) -> Option<&'static str> {
    Some(match stored {
        "approved" => "audit-approved",
        "rejected" => "audit-rejected",
        "approve" => "audit-approve",
        "reject" => "audit-reject",
        "disputed" => "audit-disputed",
        "dispute accepted" => "audit-dispute-accepted",
        "dispute rejected" => "audit-dispute-rejected",
        "manual award" => "audit-manual-award",
        "recalc" => "audit-recalc",
        "recalculated" => "audit-recalculated",
        "adjustment" => "audit-adjustment",
        "adjusted" => "audit-adjusted",
        "award withdrawn" => "audit-award-withdrawn",
        "adjustment withdrawn" => "audit-adjustment-withdrawn",
        "close" => "audit-close",
        "reopen" => "audit-reopen",
        "redeem" => "audit-redeem",
        "approve redemptions" => "audit-approve-redemptions",
        "reject redemptions" => "audit-reject-redemptions",
        "expire" => "audit-expire",
        "reward" => "audit-reward",
        "reward limits" => "audit-reward-limits",
        "rules import" => "audit-rules-import",
        "rule change" => "audit-rule-change",
        "activity corrected" => "audit-activity-corrected",
        "import members" => "audit-import-members",
        "import activities" => "audit-import-activities",
        "import targets" => "audit-import-targets",
        "import rewards" => "audit-import-rewards",
        "demo" => "audit-demo",
        "migrated" => "audit-migrated",
        "sealed" => "audit-sealed",
        "seal accepted" => "audit-seal-accepted",
        "fixed date" => "audit-fixed-date",
        "digest posted" => "audit-digest-posted",
        "copied" => "audit-copied",
        _ => return None,
    })
}

/// Every stored action merit writes (for the tests).
#[cfg(test)]
pub(super) const ACTIONS: &[&str] = &[
    "approved",
    "rejected",
    "approve",
    "reject",
    "disputed",
    "dispute accepted",
    "dispute rejected",
    "manual award",
    "recalc",
    "recalculated",
    "adjustment",
    "adjusted",
    "award withdrawn",
    "adjustment withdrawn",
    "close",
    "reopen",
    "redeem",
    "approve redemptions",
    "reject redemptions",
    "expire",
    "reward",
    "reward limits",
    "rules import",
    "rule change",
    "activity corrected",
    "import members",
    "import activities",
    "import targets",
    "import rewards",
    "demo",
    "migrated",
    "sealed",
    "seal accepted",
    "fixed date",
    "digest posted",
    "copied",
];

/// A stored action in `lang` (English: as stored).
pub fn action_in(lang: Lang, stored: &str) -> &str {
    match (lang, action_id(stored)) {
        (Lang::ZhCn, Some(id)) => catalogue::t_in(lang, id),
        _ => stored,
    }
}

/// A stored action in the language in use.
pub fn action(stored: &str) -> &str {
    action_in(super::current(), stored)
}

/// A stored subject (`award 12`) in `lang`: its kind said in `lang`, the
/// id as stored (English: as stored).
pub fn subject_in(lang: Lang, stored: &str) -> String {
    let id = stored.split_once(' ').and_then(|(kind, id)| {
        let msg = match kind {
            "award" => "audit-subject-award",
            "redemption" => "audit-subject-redemption",
            "period" => "audit-subject-period",
            _ => return None,
        };
        Some((msg, id))
    });
    match (lang, id) {
        (Lang::ZhCn, Some((msg, id))) => catalogue::t_args_in(lang, msg, &[("id", id.into())]),
        _ => stored.to_string(),
    }
}

/// A stored subject in the language in use.
pub fn subject(stored: &str) -> String {
    subject_in(super::current(), stored)
}

/// An entry's detail in `lang`: the message kept beside the English
/// (`said`) in words, or the stored English for an entry without one.
pub fn detail_in(lang: Lang, e: &crate::store::AuditEntry) -> String {
    match &e.said {
        Some(m) if m.id == "audit-detail-manual-award" => {
            // A correction's reason is merit's own note (`dispute of award
            // 12 accepted: …`): in words, as the award's row says it.
            let mut m = m.clone();
            for (name, arg) in &mut m.args {
                if name == "reason"
                    && let crate::message::MsgArg::Text(stored) = arg
                {
                    *stored = super::messages::ledger_note_in(lang, stored);
                }
            }
            super::messages::word_in(lang, &m)
        }
        Some(m) => super::messages::word_in(lang, m),
        None => e.detail.clone(),
    }
}

/// [`detail_in`] the language in use.
pub fn detail(e: &crate::store::AuditEntry) -> String {
    detail_in(super::current(), e)
}
