//! Every user-facing string of the screen, in one place, so that a Chinese
//! UI can follow.

pub const APP: &str = "merit";
pub const PANES: [&str; 4] = ["Ledger", "Rules", "Catalog", "Rankings"];

pub const TOO_SMALL: &str = "terminal too small";
pub const NEEDS: &str = "merit needs at least 80×24; this one is";

pub const PENDING: &str = "pending";
pub const PTS: &str = "pts";
pub const MARKED: &str = "marked";
pub const FILTER: &str = "filter";
pub const SHOWING: &str = "showing";

pub const COL_DATE: &str = "date";
pub const COL_MEMBER: &str = "member";
pub const COL_WHAT: &str = "rule / reason";
pub const COL_POINTS: &str = "points";
pub const COL_STATUS: &str = "status";
pub const COL_RANK: &str = "#";
pub const COL_MOVE: &str = "move";
pub const COL_TEAM: &str = "team";
pub const COL_PENDING: &str = "+pending";
pub const COL_ATTAIN: &str = "target";
pub const COL_MEMBERS: &str = "members";

pub const NO_AWARDS: &str = "No awards here. Try another status (s), period ([ ]) or filter (/).";
pub const NO_RULES: &str = "No rules yet: `merit rules import FILE` loads them.";
pub const NO_REWARDS: &str = "No rewards yet: `merit catalog import FILE` adds them.";
pub const NO_REDEMPTIONS: &str = "No redemption requests (`merit redeem MEMBER REWARD`).";
pub const LEADERS: &str = "Leaders";
pub const NOTHING_PENDING: &str = "nothing pending to decide in the marked rows or this row";
pub const NO_MEMBERS: &str = "no active member matches";

pub const HELP_TITLE: &str = "Keys  (Esc closes)";
pub const CONFIRM_TITLE: &str = "Confirm";
pub const CONFIRM_KEYS: &str = "y / Enter: confirm    n / Esc: cancel";
pub const REJECT_KEYS: &str = "Enter: reject    Esc: cancel";
pub const REASON: &str = "Reason";
pub const REASON_NEEDED: &str = "a rejection needs a reason";
pub const DETAIL_TITLE: &str = "Award";
pub const BALANCE_TITLE: &str = "Balance";
pub const DETAIL_KEYS: &str = "Esc / Enter: close";
pub const FORM_TITLE: &str = "Manual award or deduction";
pub const FORM_KEYS: &str = "Tab: next field  Up/Down: choose member  Enter: save  Esc: cancel";
pub const FORM_FIXES: &str = "fix the fields marked ! first";
pub const QUIT_FORM: &str =
    "the manual award is not saved: Ctrl-C again quits without it, Esc discards it";

pub fn approve_question(count: usize, points: &str) -> String {
    format!(
        "Approve {count} award{} for {points} points?",
        plural(count)
    )
}

pub fn reject_question(count: usize, points: &str) -> String {
    format!("Reject {count} award{} for {points} points?", plural(count))
}

pub fn approved(count: usize, points: &str) -> String {
    format!("approved {count} award{}, {points} points", plural(count))
}

pub fn rejected(count: usize, points: &str) -> String {
    format!("rejected {count} award{}, {points} points", plural(count))
}

pub fn saved_manual(id: i64, member: &str, points: &str) -> String {
    format!("award {id}: {member} {points} points, pending approval")
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

pub fn approve_redemptions_question(count: usize, points: &str) -> String {
    format!(
        "Approve {count} redemption{} for {points} points?",
        plural(count)
    )
}

pub fn reject_redemptions_question(count: usize, points: &str) -> String {
    format!(
        "Reject {count} redemption{} for {points} points?",
        plural(count)
    )
}

pub fn decided_redemptions(approved: bool, count: usize, points: &str) -> String {
    let verb = if approved { "approved" } else { "rejected" };
    format!(
        "{verb} {count} redemption{}, {points} points",
        plural(count)
    )
}
