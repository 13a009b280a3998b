//! What a popup asks of the app rather than doing itself: an `Effect` on
//! the app's own state (the filter, the panes' cursors and marks), which
//! the app applies; and the status line's `Message`. Popups never reach
//! into the panes: they hand these back in their `Outcome`.

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// A change to the app's state a popup asks for, applied by the app (in
/// order, before any reload the same outcome asks for).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// The filter becomes this text.
    SetFilter(String),
    /// The Ledger's cursor goes back to its first row.
    LedgerToTop,
    /// These awards are decided: no longer marked on the Ledger.
    UnmarkAwards(Vec<i64>),
    /// These redemption requests are decided: no longer marked on the
    /// Catalog.
    UnmarkRedemptions(Vec<i64>),
}
