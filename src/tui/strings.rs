//! Every user-facing string of the screen, in this module, each in the
//! language in use (`i18n`). The fixed ones are functions named like the
//! constants they were. Split by where they show (one file per pane, the
//! confirmation, the screen's own); all are re-exported here, so
//! `strings::NAME` works wherever it is called from.
#![allow(non_snake_case)]

mod catalog;
mod decisions;
mod ledger;
mod rankings;
mod rules;
mod screen;

pub use catalog::*;
pub use decisions::*;
pub use ledger::*;
pub use rankings::*;
pub use rules::*;
pub use screen::*;

use crate::i18n::t;

/// "1 row", "3 rows": the Ledger's count in the status line.
pub fn rows(n: usize) -> String {
    crate::t!("rows", n = n)
}

/// Parts of one sentence, joined as the language in use lists them.
fn list(parts: &[String]) -> String {
    parts.join(t("list-separator"))
}

/// A word the screen shows from the store or a period (a status, a
/// period kind, a counted noun) in the language in use.
pub fn word(w: &str) -> &str {
    match w {
        "pending" => t("pending"),
        "approved" => t("approved"),
        "rejected" => t("rejected"),
        "all" => t("all"),
        "week" => t("week"),
        "month" => t("month"),
        "quarter" => t("quarter"),
        "year" => t("year"),
        "row" => t("row"),
        "page" => t("page"),
        "mark" => t("mark"),
        "award" => t("award-2"),
        "adjustment" => t("adjustment"),
        "manual" => t("manual"),
        other => other,
    }
}

pub fn COL_MEMBER() -> &'static str {
    t("member")
}

pub fn COL_POINTS() -> &'static str {
    t("points")
}

pub fn COL_STATUS() -> &'static str {
    t("status")
}

pub fn NOTHING_PENDING() -> &'static str {
    t("nothing-pending-to-decide-in-the")
}

pub fn DETAIL_KEYS() -> &'static str {
    t("esc-enter-close")
}

pub fn FORM_FIXES() -> &'static str {
    t("fix-the-fields-marked-first")
}

/// Under a list cut short: "3 more".
pub fn more(n: usize) -> String {
    crate::t!("more", n = n)
}
