//! The Catalog's words: rewards and redemption requests, the reward form,
//! and a member's balance popup (with the progress lines the command line
//! shares).

use crate::i18n::t;

pub fn BALANCE_WORD() -> &'static str {
    t("balance-2")
}

pub fn AVAILABLE() -> &'static str {
    t("available")
}

pub fn HELD_BACK() -> &'static str {
    t("pending-redemptions-held-back")
}

pub fn NEXT_REWARD() -> &'static str {
    t("next-reward")
}

pub fn EXPIRING_30D() -> &'static str {
    t("expiring-in-30d")
}

pub fn ALL_WITHIN_REACH() -> &'static str {
    t("every-active-reward-is-within-reach")
}

/// One line of the balance popup: a label padded to the figures.
pub fn balance_line(label: &str, value: &str) -> String {
    format!("{} {value}", crate::text::pad_right(label, 15))
}

/// "GIFT (礼品卡, 50 points): 15 to go"
pub fn next_reward(code: &str, name: &str, cost: &str, missing: &str) -> String {
    crate::t!(
        "next-reward-2",
        code = code,
        cost = cost,
        missing = missing,
        name = name
    )
}

pub fn NO_REWARDS() -> &'static str {
    t("no-rewards-yet-merit-catalog-import")
}

pub fn NO_REWARD_MATCHES() -> &'static str {
    t("no-reward-matches")
}

pub fn NO_REDEMPTION_MATCHES() -> &'static str {
    t("no-redemption-matches")
}

pub fn NO_REDEMPTIONS() -> &'static str {
    t("no-redemption-requests-merit-redeem-member")
}

pub fn BALANCE_TITLE() -> &'static str {
    t("balance")
}

pub fn NEW_REWARD() -> &'static str {
    t("new-reward")
}

pub fn EDIT_REWARD() -> &'static str {
    t("reward")
}

pub fn REWARD_FORM_KEYS() -> &'static str {
    t("tab-next-field-enter-save-esc")
}

pub fn QUIT_REWARD() -> &'static str {
    t("the-reward-is-not-saved-ctrl")
}

pub fn reward_saved(code: &str, change: crate::store::Change) -> String {
    use crate::store::Change;
    match change {
        Change::Inserted => crate::t!("reward-added", code = code),
        Change::Updated => crate::t!("reward-changed", code = code),
        Change::Unchanged => crate::t!("reward-unchanged", code = code),
    }
}
