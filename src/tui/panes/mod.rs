//! The four panes. Each owns its state and draws itself from it; loading
//! from the store goes through `ops` and `store` reads, never SQL here.

pub mod catalog;
pub mod ledger;
pub mod rankings;
pub mod rules;

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
