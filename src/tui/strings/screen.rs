//! The screen's own words: the header, the tabs, the status line and the
//! footer, the too-small screen, the help, and a rule save running while
//! keys work.

use crate::i18n::t;

pub fn APP() -> &'static str {
    t("merit")
}

pub fn PANES() -> [&'static str; 4] {
    [t("ledger"), t("rules"), t("catalog"), t("rankings")]
}

pub fn TOO_SMALL() -> &'static str {
    t("terminal-too-small")
}

pub fn NEEDS() -> &'static str {
    t("merit-needs-at-least-80-24")
}

pub fn TOO_SMALL_KEYS() -> &'static str {
    t("enlarge-it-to-go-on-q")
}

pub fn PENDING() -> &'static str {
    t("pending")
}

pub fn PTS() -> &'static str {
    t("pts")
}

pub fn MARKED() -> &'static str {
    t("marked")
}

pub fn FILTER() -> &'static str {
    t("filter")
}

pub fn HELP_TITLE() -> &'static str {
    t("keys-esc-closes")
}

pub fn CLOSED() -> &'static str {
    t("closed")
}

pub fn READ_ONLY() -> &'static str {
    t("read-only")
}

pub fn READ_ONLY_REFUSAL() -> &'static str {
    t("read-only-refusal")
}

/// "(closed: 2026-01, 2026-02)" after a period partly closed.
pub fn part_closed(periods: &[String]) -> String {
    let periods = periods.join(t("period-list-separator"));
    crate::t!("part-closed", periods = periods)
}

pub fn WAIT_FOR_SAVE() -> &'static str {
    t("wait-for-the-rule-save-to")
}

pub fn ASK_WAIT() -> &'static str {
    t("rule-save-running-y-wait-then")
}

pub fn save_failed_quit(error: &str) -> String {
    crate::t!("rule-save-failed-quit", error = error)
}

pub fn WAITING_FOR_SAVE() -> &'static str {
    t("waiting-for-the-rule-save-to")
}

/// "saving 'deal' from 2026-01-01: scoring, by month 14/24", the status
/// line while a rule save runs on its own thread.
pub fn saving(id: &str, from: &str, p: Option<&crate::tui::progress::Progress>) -> String {
    let work = match p {
        Some(p) => match p.total {
            Some(t) => format!("{} {}/{t}", p.what, p.done.min(t)),
            None => format!("{} {}", p.what, p.done),
        },
        None => String::new(),
    };
    if work.is_empty() {
        crate::t!("saving-rule", from = from, id = id)
    } else {
        crate::t!("saving-rule-progress", from = from, id = id, work = work)
    }
}
