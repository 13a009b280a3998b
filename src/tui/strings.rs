//! Every user-facing string of the screen, in one place, so that a Chinese
//! UI can follow.

pub const APP: &str = "merit";

/// "1 row", "3 rows": the one plural of the screen.
pub fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", plural(n))
}
pub const PANES: [&str; 4] = ["Ledger", "Rules", "Catalog", "Rankings"];

pub const TOO_SMALL: &str = "terminal too small";
pub const NEEDS: &str = "merit needs at least 80×24; this one is";
pub const TOO_SMALL_KEYS: &str = "enlarge it to go on; q quits (no other key works meanwhile)";

/// Said when `P` published a period.
pub fn published(period: &str, dir: &str, pages: usize) -> String {
    format!("published {period}: {} in {dir}", count(pages, "page"))
}

/// Said when `[`, `]` or `p` moved away from marked rows.
pub fn marks_cleared(n: usize) -> String {
    format!("the period changed: {} cleared", count(n, "mark"))
}

/// An approval or rejection of marked rows some of which the view hides.
pub fn hidden_marks(n: usize) -> String {
    format!("{n} of them hidden by the filter or status")
}

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
/// Heading of the category view of a row (`c` in Rankings).
pub fn by_category(who: &str) -> String {
    format!("By category: {who}")
}
pub const NO_POINTS: &str = "no points in this period";
/// Under a category split that does not fit.
pub fn more_categories(n: usize) -> String {
    format!("… and {n} more (merit standings P --by category)")
}
pub const TITLES: &str = "titles";
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

pub const CLOSED: &str = "CLOSED";

/// "(closed: 2026-01, 2026-02)" after a period partly closed.
pub fn part_closed(periods: &[String]) -> String {
    format!("(closed: {})", periods.join(", "))
}

/// Fits 80 columns: "2026-Q1 was closed by lead on 2026-03-31: no decisions in it"
pub fn closed_refusal(period: &str, by: &str, at: &str) -> String {
    let day = at.get(..10).unwrap_or(at);
    format!("{period} was closed by {by} on {day}: no decisions in it (reopen it first)")
}

pub const HISTORY: &str = "history";

/// In place of the history lines a detail has no room for.
pub fn earlier_entries(n: usize) -> String {
    if n == 1 {
        "  … 1 earlier entry".into()
    } else {
        format!("  … {n} earlier entries")
    }
}

pub fn created_line(at: &str, by: &str) -> String {
    format!("  {at}  created by {by}")
}

pub fn history_line(at: &str, action: &str, by: &str, detail: &str) -> String {
    format!("  {at}  {action} by {by}: {detail}")
}

/// The status of a pending award for a period that has not ended.
pub const PROVISIONAL: &str = "provisional";

/// The status of an award with an open dispute.
pub const DISPUTED: &str = "disputed";
pub const NOTHING_TO_DISPUTE: &str = "no award here to dispute";
pub const DISPUTE_KEYS: &str = "Enter: dispute    Esc: cancel";

/// "Dispute ZW 张伟's deal D-003 (37.5 points)?"
pub fn dispute_question(who: &str, what: &str, points: &str) -> String {
    format!("Dispute {who}'s {what} ({points} points)?")
}

/// Said once a dispute is recorded.
pub fn disputed(id: i64) -> String {
    format!("award {id} disputed: no approval takes it until it is resolved (merit resolve {id})")
}

/// Said when every award an approval would act on is provisional.
pub fn only_provisional(count: usize) -> String {
    format!(
        "{count} provisional award{}: the period has not ended, so not approvable yet",
        plural(count)
    )
}

/// Added to an approval's question when provisional awards are left out.
pub fn provisional_left(count: usize) -> String {
    format!(
        "{count} provisional award{} left pending (period not ended)",
        plural(count)
    )
}

pub fn approve_question(count: usize, points: &str) -> String {
    format!(
        "Approve {count} award{} for {points} points?",
        plural(count)
    )
}

pub fn reject_question(count: usize, points: &str) -> String {
    format!("Reject {count} award{} for {points} points?", plural(count))
}

/// "Approve 3 marked awards for 68 points?", with `hidden_marks` below it.
pub fn marked_question(approve: bool, count: usize, points: &str) -> String {
    let verb = if approve { "Approve" } else { "Reject" };
    format!(
        "{verb} {count} marked award{} for {points} points?",
        plural(count)
    )
}

/// "Approve ZW 张伟's deal D-003 (37.5 points)?"
pub fn one_award_question(approve: bool, who: &str, what: &str, points: &str) -> String {
    let verb = if approve { "Approve" } else { "Reject" };
    format!("{verb} {who}'s {what} ({points} points)?")
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

pub const NEW_RULE: &str = "New rule:";
pub const EDIT_RULE: &str = "Rule";
pub const RULE_IS_OFF: &str = "(this rule is off: `a` in the list turns it on)";
pub const PREVIEW: &str = "standings";
pub const BEFORE: &str = "now";
pub const AFTER: &str = "edited";
pub const TOTAL: &str = "total";
pub const PREVIEW_WAITS: &str = "the preview waits for a valid rule";
pub const RULE_FORM_KEYS: &str =
    "Tab/Enter next  S-Tab prev  Ctrl-S save  Esc discard  PgDn preview";
pub const RULE_FIXES: &str = "fix the fields marked ! first; the preview shows the last valid rule";
pub const QUIT_RULE: &str =
    "the rule change is not saved: Ctrl-C again quits without it, Esc returns to the editor";
pub const DISCARD_TITLE: &str = "Discard";
pub const RULE_DATE_TITLE: &str = "Save as a new version";
pub const RULE_DATE_KEYS: &str = "Enter: save and recalculate    Esc: back";
pub const CHOOSE_KIND_TITLE: &str = "New rule";
pub const NOT_A_DATE: &str = "write a date as YYYY-MM-DD";

pub fn members_change(n: usize) -> String {
    match n {
        0 => "no member's points change".into(),
        1 => "1 member's points change".into(),
        n => format!("{n} members' points change"),
    }
}

pub fn discard_question(id: &str) -> String {
    if id.is_empty() {
        "Discard the new rule?".into()
    } else {
        format!("Discard the changes to '{id}'?")
    }
}

/// "saved 'deal' from 2026-01-01: 3 changed, 5 adjustments": only the
/// recalc counts that are not 0, so the line fits 80 columns.
pub fn rule_saved(id: &str, from: &str, r: &crate::ops::recalc::RecalcSummary) -> String {
    let counts: Vec<String> = [
        (r.new, "new"),
        (r.changed, "changed"),
        (r.withdrawn, "withdrawn"),
        (r.adjustments, "adjustments"),
        (r.skipped, "skipped"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    if counts.is_empty() {
        format!("saved '{id}' from {from}: no award changes")
    } else {
        format!("saved '{id}' from {from}: {}", counts.join(", "))
    }
}

pub const RULE_DISCARDED: &str = "the rule change was discarded; nothing was saved";
pub const CHOOSE_KIND: &str = "e per_event   t attainment   m multiplier";
pub const CHOOSE_KIND_MORE: &str = "r rank (places, titles)   p team_pool      Esc: cancel";

pub fn save_question(id: &str) -> String {
    format!("Save '{id}' as a new version in force from:")
}

pub fn toggle_question(id: &str, on: bool) -> String {
    let what = if on { "on" } else { "off" };
    format!("Turn '{id}' {what} from:")
}

pub fn end_question(id: &str) -> String {
    format!("End '{id}': no points from this day on:")
}
pub const VERSIONS: &str = "versions (* in force, - replaced)";
pub const RULES_IN_FORCE: &str = "rule versions in force; Enter edits one, with a preview";
pub const NEW_REWARD: &str = "New reward";
pub const EDIT_REWARD: &str = "Reward";
pub const REWARD_FORM_KEYS: &str = "Tab: next field  Enter: save  Esc: cancel";
pub const QUIT_REWARD: &str =
    "the reward is not saved: Ctrl-C again quits without it, Esc discards it";

pub fn reward_saved(code: &str, change: crate::store::Change) -> String {
    match change {
        crate::store::Change::Inserted => format!("reward {code} added"),
        crate::store::Change::Updated => format!("reward {code} changed"),
        crate::store::Change::Unchanged => format!("reward {code}: nothing changed"),
    }
}
