//! The screen's own words: the header, the tabs, the status line and the
//! footer, the too-small screen, the help, and a rule save running while
//! keys work.

use super::by_lang;
use crate::i18n::tr;

pub fn APP() -> &'static str {
    tr("merit")
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

pub fn HELP_TITLE() -> &'static str {
    tr("Keys  (Esc closes)")
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
pub fn saving(id: &str, from: &str, p: Option<&crate::tui::progress::Progress>) -> String {
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
