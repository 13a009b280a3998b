//! Keys → actions. One table serves the event loop, the footer and the `?`
//! help, so what the screen says is what the keys do.

use super::action::Action;
use crate::i18n::t;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Global,
    Ledger,
    Rules,
    Catalog,
    Rankings,
}

/// How keys are read right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputMode {
    /// Pane keys from the table.
    Normal,
    /// Typing into a field: characters are text.
    Text,
    /// A yes/no question.
    Dialog,
    /// Help or a detail view: any closing key closes it.
    Overlay,
}

/// A key's name as the footer and the help write it: the keys printed on
/// keyboards (`Enter`, `Esc`, `Tab`, letters) as they are; those said in
/// words (`space`) from the catalogue, so a Chinese screen says 空格.
pub fn key_name(label: &'static str) -> &'static str {
    match label {
        "space" => t("key-space"),
        _ => label,
    }
}

pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [KeyCode],
    /// How the keys are written in the footer and the help (through
    /// [`key_name`]).
    pub label: &'static str,
    /// The catalogue's id of what the keys do, as `?` says it.
    pub help: &'static str,
    pub action: Action,
    /// The catalogue's id of the footer's word for it; empty: only in `?`.
    pub footer: &'static str,
}

const fn b(
    scope: Scope,
    keys: &'static [KeyCode],
    label: &'static str,
    help: &'static str,
    action: Action,
    footer: &'static str,
) -> Binding {
    Binding {
        scope,
        keys,
        label,
        help,
        action,
        footer,
    }
}

use KeyCode::*;
use Scope::*;

pub const BINDINGS: &[Binding] = &[
    b(
        Ledger,
        &[Char(' ')],
        "space",
        "mark-unmark-move-down",
        Action::ToggleMark,
        "mark",
    ),
    b(
        Ledger,
        &[Char('*')],
        "*",
        "mark-every-row-shown",
        Action::MarkAll,
        "mark-all",
    ),
    b(
        Ledger,
        &[Char('u')],
        "u",
        "clear-the-marks",
        Action::ClearMarks,
        "unmark",
    ),
    b(
        Ledger,
        &[Char('a')],
        "a",
        "approve-marked-or-this-row",
        Action::Approve,
        "approve",
    ),
    b(
        Ledger,
        &[Char('x')],
        "x",
        "reject-marked-or-this-row",
        Action::Reject,
        "reject",
    ),
    b(
        Ledger,
        &[Enter],
        "Enter",
        "explanation-and-history",
        Action::Open,
        "detail",
    ),
    b(
        Ledger,
        &[Char('n')],
        "n",
        "manual-award-or-deduction-2",
        Action::New,
        "new",
    ),
    b(
        Ledger,
        &[Char('d')],
        "d",
        "dispute-this-award",
        Action::Dispute,
        "dispute",
    ),
    b(
        Ledger,
        &[Char('r')],
        "r",
        "resolve-this-award-s-dispute",
        Action::Resolve,
        "resolve",
    ),
    b(
        Ledger,
        &[Char('s')],
        "s",
        "status-pending-approved",
        Action::CycleStatus,
        "status",
    ),
    b(
        Rules,
        &[Enter],
        "Enter",
        "edit-ctrl-s-saves-it",
        Action::Open,
        "edit",
    ),
    b(Rules, &[Char('n')], "n", "add-a-rule", Action::New, "new"),
    b(
        Rules,
        &[Char('a')],
        "a",
        "turn-on-off-from-a-date",
        Action::ToggleActive,
        "on-off",
    ),
    b(
        Rules,
        &[Char('e')],
        "e",
        "end-the-rule-from-a-date",
        Action::EndRule,
        "end",
    ),
    b(
        Catalog,
        &[Char(' ')],
        "space",
        "mark-unmark-a-request",
        Action::ToggleMark,
        "mark",
    ),
    b(
        Catalog,
        &[Char('*')],
        "*",
        "mark-every-pending-request",
        Action::MarkAll,
        "mark-all",
    ),
    b(
        Catalog,
        &[Char('u')],
        "u",
        "clear-the-marks",
        Action::ClearMarks,
        "unmark",
    ),
    b(
        Catalog,
        &[Char('a')],
        "a",
        "approve-marked-or-this-one",
        Action::Approve,
        "approve",
    ),
    b(
        Catalog,
        &[Char('x')],
        "x",
        "reject-marked-or-this-one",
        Action::Reject,
        "reject",
    ),
    b(
        Catalog,
        &[Char('n')],
        "n",
        "add-a-reward",
        Action::New,
        "new",
    ),
    b(
        Catalog,
        &[Char('e')],
        "e",
        "edit-a-reward",
        Action::Edit,
        "edit",
    ),
    b(
        Rankings,
        &[Enter],
        "Enter",
        "balance-and-next-reward",
        Action::Open,
        "balance-2",
    ),
    b(
        Rankings,
        &[Char('t')],
        "t",
        "members-teams",
        Action::ToggleTeams,
        "teams",
    ),
    b(
        Rankings,
        &[Char('i')],
        "i",
        "with-without-pending",
        Action::TogglePending,
        "plus-pending",
    ),
    b(
        Rankings,
        &[Char('c')],
        "c",
        "the-chart-by-category",
        Action::ToggleCategories,
        "by-category",
    ),
    b(
        Rankings,
        &[Char('P')],
        "P",
        "publish-the-period-s-site",
        Action::Publish,
        "publish",
    ),
    b(
        Global,
        &[Char('1')],
        "1-4",
        "the-four-panes",
        Action::Pane(0),
        "",
    ),
    b(Global, &[Char('2')], "", "", Action::Pane(1), ""),
    b(Global, &[Char('3')], "", "", Action::Pane(2), ""),
    b(Global, &[Char('4')], "", "", Action::Pane(3), ""),
    b(Global, &[Tab], "Tab", "next-pane", Action::NextPane, ""),
    b(
        Global,
        &[BackTab],
        "S-Tab",
        "previous-pane",
        Action::PrevPane,
        "",
    ),
    b(
        Global,
        &[Char('j'), Down],
        "j/k",
        "down-up",
        Action::Down,
        "",
    ),
    b(Global, &[Char('k'), Up], "", "", Action::Up, ""),
    b(
        Global,
        &[PageDown],
        "PgDn/PgUp",
        "page-down-up",
        Action::PageDown,
        "",
    ),
    b(Global, &[PageUp], "", "", Action::PageUp, ""),
    b(
        Global,
        &[Char('g'), Home],
        "g/G",
        "first-last-row-home-end",
        Action::Top,
        "",
    ),
    b(Global, &[Char('G'), End], "", "", Action::Bottom, ""),
    b(
        Global,
        &[Char('[')],
        "[ ]",
        "previous-next-period",
        Action::PrevPeriod,
        "period",
    ),
    b(Global, &[Char(']')], "", "", Action::NextPeriod, ""),
    b(
        Global,
        &[Char('p')],
        "p",
        "week-month-quarter-year",
        Action::CyclePeriodKind,
        "kind",
    ),
    b(
        Global,
        &[Char('/')],
        "/",
        "filter-by-text",
        Action::StartFilter,
        "filter",
    ),
    b(
        Global,
        &[Esc],
        "Esc",
        "clear-the-filter",
        Action::Cancel,
        "",
    ),
    b(Global, &[Char('?')], "?", "help", Action::Help, "help"),
    b(
        Global,
        &[Char('q')],
        "q",
        "quit-ctrl-c-in-a-form",
        Action::Quit,
        "quit",
    ),
];

/// Whether the key is `q` or `Ctrl-C`: all that works on a screen too
/// small to show what other keys would change.
pub fn quits(key: KeyEvent) -> bool {
    key.code == Char('q')
        || (key.code == Char('c') && key.modifiers.contains(KeyModifiers::CONTROL))
}

/// The action a key means in this mode and scope, if any.
pub fn action_for(key: KeyEvent, mode: InputMode, scope: Scope) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, Char('c') | Char('C')) {
        return Some(Action::Quit);
    }
    match mode {
        InputMode::Normal => {
            if ctrl || key.modifiers.contains(KeyModifiers::ALT) {
                return None;
            }
            BINDINGS
                .iter()
                .filter(|b| b.scope == Global || b.scope == scope)
                .find(|b| b.keys.contains(&key.code))
                .map(|b| b.action)
        }
        InputMode::Text => match key.code {
            Esc => Some(Action::Cancel),
            Enter => Some(Action::Confirm),
            Backspace => Some(Action::Backspace),
            Left => Some(Action::Left),
            Right => Some(Action::Right),
            Tab => Some(Action::NextField),
            BackTab => Some(Action::PrevField),
            Down => Some(Action::Down),
            Up => Some(Action::Up),
            PageDown => Some(Action::PageDown),
            PageUp => Some(Action::PageUp),
            Char('s') | Char('S') if ctrl => Some(Action::Save),
            Char(c) if !ctrl => Some(Action::Input(c)),
            _ => None,
        },
        InputMode::Dialog => match key.code {
            Char('y') | Char('Y') | Enter => Some(Action::Confirm),
            Char('n') | Char('N') | Esc => Some(Action::Cancel),
            _ => None,
        },
        InputMode::Overlay => match key.code {
            Esc | Enter | Char('q') | Char('?') => Some(Action::Cancel),
            _ => None,
        },
    }
}

/// The footer's bindings for a pane: its own first, then the global ones.
pub fn footer(scope: Scope) -> Vec<&'static Binding> {
    let shown = |b: &&Binding| !b.footer.is_empty();
    let own = BINDINGS
        .iter()
        .filter(shown)
        .filter(|b| b.scope == scope && scope != Global);
    let global = BINDINGS.iter().filter(shown).filter(|b| b.scope == Global);
    own.chain(global).collect()
}

/// The help's sections: (title, [(keys, what)]) for every labelled binding.
pub fn help() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    [
        (Global, t("everywhere")),
        (Ledger, t("ledger")),
        (Rules, t("rules")),
        (Catalog, t("catalog")),
        (Rankings, t("rankings")),
    ]
    .into_iter()
    .map(|(scope, title)| {
        let rows = BINDINGS
            .iter()
            .filter(|b| b.scope == scope && !b.label.is_empty())
            .map(|b| (key_name(b.label), t(b.help)))
            .collect();
        (title, rows)
    })
    .collect()
}
