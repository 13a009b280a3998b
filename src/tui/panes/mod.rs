//! The four panes. Each owns its state, its keys (`update`, handing back
//! an `Outcome`, reaching the store through `PaneCx`) and its drawing;
//! loading from the store goes through `ops` and `store` reads, never SQL
//! here. Panes may open popups; popups never reach into panes.

pub mod catalog;
pub mod ledger;
pub mod rankings;
pub mod rules;

use crate::domain::{ClosedPeriods, Period};
use crate::ops::Context;
use crate::store::Store;

/// What a pane reaches while it acts.
pub struct PaneCx<'a> {
    pub store: &'a mut Store,
    pub ctx: &'a Context,
    pub period: Period,
    pub filter: &'a str,
    pub closed: &'a ClosedPeriods,
}

/// The panes, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Ledger,
    Rules,
    Catalog,
    Rankings,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Ledger, Pane::Rules, Pane::Catalog, Pane::Rankings];

    /// Its place in the tabs, from 0.
    pub fn index(self) -> usize {
        match self {
            Pane::Ledger => 0,
            Pane::Rules => 1,
            Pane::Catalog => 2,
            Pane::Rankings => 3,
        }
    }

    /// The pane at `i` (the last one beyond the end).
    pub fn at(i: usize) -> Pane {
        Pane::ALL[i.min(Pane::ALL.len() - 1)]
    }

    pub fn next(self) -> Pane {
        Pane::ALL[(self.index() + 1) % Pane::ALL.len()]
    }

    pub fn prev(self) -> Pane {
        Pane::ALL[(self.index() + Pane::ALL.len() - 1) % Pane::ALL.len()]
    }

    /// Where its keys are bound.
    pub fn scope(self) -> super::keymap::Scope {
        use super::keymap::Scope;
        match self {
            Pane::Ledger => Scope::Ledger,
            Pane::Rules => Scope::Rules,
            Pane::Catalog => Scope::Catalog,
            Pane::Rankings => Scope::Rankings,
        }
    }
}

/// A cursor over `len` rows: moves clamp to the ends.
pub fn moved(cursor: usize, len: usize, action: super::action::Action, page: usize) -> usize {
    use super::action::Action::*;
    if len == 0 {
        return 0;
    }
    let last = len - 1;
    match action {
        Up => cursor.saturating_sub(1),
        Down => (cursor + 1).min(last),
        PageUp => cursor.saturating_sub(page.max(1)),
        PageDown => (cursor + page.max(1)).min(last),
        Top => 0,
        Bottom => last,
        _ => cursor.min(last),
    }
}

/// Whether any of `fields` contains the filter text (case-insensitive);
/// an empty filter matches everything. The Ledger filters in the store.
pub fn matches(filter: &str, fields: &[&str]) -> bool {
    let needle = filter.trim().to_lowercase();
    needle.is_empty() || fields.iter().any(|f| f.to_lowercase().contains(&needle))
}
