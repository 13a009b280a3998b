//! What a key means, independent of the key: the keymap turns key presses
//! into `Action`s and `App::update` carries them out.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Pane(usize),
    NextPane,
    PrevPane,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    PrevPeriod,
    NextPeriod,
    CyclePeriodKind,
    StartFilter,
    Help,
    ToggleMark,
    MarkAll,
    ClearMarks,
    Approve,
    Reject,
    Open,
    /// A manual award (Ledger), a rule (Rules), a reward (Catalog).
    New,
    /// Rules: turn the rule on or off from a date.
    ToggleActive,
    /// Rules: end the rule from a date.
    EndRule,
    /// Catalog: edit the reward under the cursor.
    Edit,
    CycleStatus,
    ToggleTeams,
    /// Rankings: rank by approved points, or approved and pending.
    TogglePending,
    /// Rankings: the leaders chart, or the points by category of the row
    /// under the cursor.
    ToggleCategories,
    /// Rankings: publish the shown period (`merit publish`).
    Publish,
    /// Ledger: dispute the award under the cursor, with a reason.
    Dispute,
    /// Resolves the dispute of the award under the cursor.
    Resolve,
    /// Text typed into the field that has the focus.
    Input(char),
    Backspace,
    /// The cursor of the field being typed in, one character left / right.
    Left,
    Right,
    /// `y` / `Enter` in a dialog; `Enter` in a form or a text field.
    Confirm,
    /// `n` / `Esc`.
    Cancel,
    NextField,
    PrevField,
    /// `Ctrl-S` in an editor.
    Save,
}
