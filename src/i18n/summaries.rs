//! The sentences both fronts say about what an operation returned (a
//! decision's counts, a recalc's counts), from the catalogue: the core
//! returns the numbers, these word them.

use crate::ops::decide::Decided;
use crate::ops::recalc_plan::RecalcSummary;

/// "approved 3 awards, 40 points" and what was left out, `; `-joined.
pub fn decided(approved: bool, d: &Decided) -> String {
    let mut line = crate::t!(
        "decided-awards",
        approved = if approved { "yes" } else { "no" },
        count = d.count,
        points = d.points
    );
    for note in decided_notes(d) {
        line.push_str(crate::i18n::t("list-separator-semicolon"));
        line.push_str(&note);
    }
    line
}

/// What a decision left alone: awards already decided by others, disputed
/// awards, provisional ones.
pub fn decided_notes(d: &Decided) -> Vec<String> {
    let mut notes = Vec::new();
    if !d.already.is_empty() {
        let n: usize = d.already.values().sum();
        let by: Vec<String> = d
            .already
            .iter()
            .map(|(who, k)| crate::t!("already-decided-by-one", who = who.as_str(), n = *k))
            .collect();
        notes.push(crate::t!(
            "already-decided-by",
            n = n,
            by = by.join(crate::i18n::t("list-separator"))
        ));
    }
    if let Some(until) = d.provisional_until {
        notes.push(crate::t!(
            "provisional-left-until",
            n = d.provisional,
            until = until
        ));
    }
    if d.disputed > 0 {
        notes.push(crate::t!("disputed-left", n = d.disputed));
    }
    notes
}

/// "3 new, 1 changed, 0 withdrawn, 2 adjustments, 0 skipped".
pub fn recalc_counts(s: &RecalcSummary) -> String {
    crate::t!(
        "recalc-counts",
        new = s.new,
        changed = s.changed,
        withdrawn = s.withdrawn,
        adjustments = s.adjustments,
        skipped = s.skipped
    )
}
