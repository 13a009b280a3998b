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

/// A member's progress on one attainment rule, in `lang`: "progress
/// q-attain 2026-Q1: deal 12 done of 20 (60%); next tier at 80% gives 30
/// points: 4 more needed".
pub fn progress_line_in(lang: super::Lang, p: &crate::ops::statement::Progress) -> String {
    progress_in(lang, "progress-line", p)
}

/// A progress to the next tier as the message `id` (the command line's
/// line, a member page's sentence): the same arguments for each.
pub fn progress_in(lang: super::Lang, id: &str, p: &crate::ops::statement::Progress) -> String {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let next = p.next_at.is_some() && p.next_points.is_some() && p.needed.is_some();
    super::t_args_in(
        lang,
        id,
        &[
            ("rule", p.rule.as_str().into()),
            ("period", p.period.as_str().into()),
            ("metric", p.metric.as_str().into()),
            ("done", p.done.as_str().into()),
            ("target", p.target.as_str().into()),
            ("attainment", p.attainment.as_str().into()),
            ("next", if next { "yes" } else { "no" }.into()),
            ("at", opt(&p.next_at).into()),
            ("points", opt(&p.next_points).into()),
            ("needed", opt(&p.needed).into()),
        ],
    )
}

/// `progress_line_in` the language in use.
pub fn progress_line(p: &crate::ops::statement::Progress) -> String {
    progress_line_in(super::current(), p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn progress(next: bool) -> crate::ops::statement::Progress {
        let s = |v: &str| v.to_string();
        crate::ops::statement::Progress {
            rule: s("q-attain"),
            metric: s("deal"),
            period: s("2026-Q1"),
            target: s("20"),
            done: s("12"),
            attainment: s("60"),
            next_at: next.then(|| s("80")),
            next_points: next.then(|| s("30")),
            needed: next.then(|| s("4")),
        }
    }

    /// The progress line reads as it did in English (scripts read the CSV's)
    /// and wholly in Chinese.
    #[test]
    fn a_progress_line_in_each_language() {
        assert_eq!(
            progress_line_in(Lang::En, &progress(true)),
            "progress q-attain 2026-Q1: deal 12 done of 20 (60%); next tier at 80% gives 30 points: 4 more needed"
        );
        assert_eq!(
            progress_line_in(Lang::En, &progress(false)),
            "progress q-attain 2026-Q1: deal 12 done of 20 (60%); the top tier is reached"
        );
        assert_eq!(
            progress_line_in(Lang::ZhCn, &progress(true)),
            "进度 q-attain 2026-Q1：deal 已完成 12 / 20（60%）；下一档 80% 得 30 分：还差 4"
        );
    }
}
