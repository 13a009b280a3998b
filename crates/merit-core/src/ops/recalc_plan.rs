//! The pure half of recalc (SPEC §5, §4.5): given what the store holds of
//! a scope's keys (`Book`), the computed awards and the closed periods,
//! the changes to make. No SQL: `recalc` reads the book, plans, and
//! applies the plan (or, on a dry run, only counts it).

use crate::domain::explain::{self, AdjustWhy, Explanation};
use crate::domain::{Award, AwardKey, AwardKind, ClosedPeriods, Points, Status};
use crate::scoring::ComputedAward;
use crate::store::NewAward;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap, HashSet};

/// One change a recalc makes.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A new pending computed award.
    New(NewAward),
    /// A pending award's figures rewritten.
    Recomputed { old: Award, new: NewAward },
    /// A pending award the rules no longer give: deleted.
    Withdrawn(Award),
    /// A new pending adjustment of the approved award `of`.
    Adjust { of: i64, new: NewAward },
    /// A pending adjustment rewritten.
    Readjusted { old: Award, new: NewAward },
    /// A pending adjustment whose difference went back to 0: deleted.
    Unadjusted(Award),
    /// A change not made: it falls in a closed period.
    Skipped,
}

/// Counts of what a recalc changed (or would change, on a dry run).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecalcSummary {
    pub new: usize,
    pub changed: usize,
    pub withdrawn: usize,
    pub adjustments: usize,
    pub skipped: usize,
}

impl RecalcSummary {
    pub fn is_empty(&self) -> bool {
        *self == RecalcSummary::default()
    }

    /// "2 new, 1 changed, 0 withdrawn, 3 adjustments, 0 skipped"
    pub fn counts(&self) -> String {
        format!(
            "{} new, {} changed, {} withdrawn, {} adjustments, {} skipped",
            self.new, self.changed, self.withdrawn, self.adjustments, self.skipped
        )
    }

    /// [`RecalcSummary::counts`] as a message.
    pub fn said(&self) -> crate::message::Msg {
        crate::msg!(
            "audit-detail-recalc-counts",
            new = self.new,
            changed = self.changed,
            withdrawn = self.withdrawn,
            adjustments = self.adjustments,
            skipped = self.skipped
        )
    }

    /// Counts one change.
    pub fn count(&mut self, c: &Change) {
        match c {
            Change::New(_) => self.new += 1,
            Change::Recomputed { .. } => self.changed += 1,
            Change::Withdrawn(_) => self.withdrawn += 1,
            Change::Adjust { .. } | Change::Readjusted { .. } | Change::Unadjusted(_) => {
                self.adjustments += 1
            }
            Change::Skipped => self.skipped += 1,
        }
    }
}

/// Whether stored award `a` is explained as `new` would be: as data where
/// `new` has it, else in English.
fn explained_alike(a: &Award, new: &NewAward) -> bool {
    match new.explain.as_deref() {
        Some(e) => a.is_explained_as(e),
        None => a.english() == new.explanation,
    }
}

/// The pending award a computed one is written as.
pub fn new_award(kind: AwardKind, c: &ComputedAward) -> NewAward {
    NewAward {
        kind,
        key: c.key.clone(),
        date: c.date,
        points: c.points,
        category: c.category.clone(),
        explanation: c.explanation.english(),
        reason: String::new(),
        title: c.title.clone(),
        explain: Some(Box::new(c.explanation.clone())),
    }
}

/// The stored computed awards of a scope and their adjustments, by key,
/// and what has been approved for each key on each date.
#[derive(Debug, Default)]
pub struct Book {
    /// Boxed: a month of a large store's awards is held, and the table
    /// is then a key and a pointer an award.
    pub awards: HashMap<AwardKey, Box<Award>>,
    /// Approved adjustments by key and date (an approved award's own
    /// points are read from it).
    approved: HashMap<AwardKey, BTreeMap<NaiveDate, Points>>,
    pending_adjustment: HashMap<AwardKey, BTreeMap<NaiveDate, Award>>,
    last_decided_adjustment: HashMap<(AwardKey, NaiveDate), Award>,
    /// The ids taken in: each stored award counts once, however it came.
    ids: HashSet<i64>,
}

impl Book {
    pub fn new(stored: Vec<Award>) -> Book {
        let mut b = Book::default();
        for a in stored {
            b.add(a);
        }
        b
    }

    /// Takes in one stored award (each once).
    pub fn add(&mut self, a: Award) {
        if !self.ids.insert(a.id) {
            return;
        }
        // An approved award's own points are read from it (`reconcile`):
        // only the approved adjustments are summed here.
        if a.status == Status::Approved && a.kind == AwardKind::Adjustment {
            *self
                .approved
                .entry(a.key.clone())
                .or_default()
                .entry(a.date)
                .or_default() += a.points;
        }
        match (a.kind, a.status) {
            (AwardKind::Computed, _) => {
                self.awards.insert(a.key.clone(), Box::new(a));
            }
            (AwardKind::Adjustment, Status::Pending) => {
                self.pending_adjustment
                    .entry(a.key.clone())
                    .or_default()
                    .insert(a.date, a);
            }
            (AwardKind::Adjustment, _) => {
                let at = (a.key.clone(), a.date);
                let later = self
                    .last_decided_adjustment
                    .get(&at)
                    .is_none_or(|o| o.id < a.id);
                if later {
                    self.last_decided_adjustment.insert(at, a);
                }
            }
            (AwardKind::Manual, _) => {}
        }
    }

    /// The changes for a stored award the rules compute as `c`: a pending
    /// one rewritten when its figures differ, an approved one adjusted,
    /// a rejected one left alone.
    pub fn computed(
        &mut self,
        closed: &ClosedPeriods,
        existing: &Award,
        c: &ComputedAward,
    ) -> Vec<Change> {
        let shut = |d: NaiveDate| closed.covering(d).is_some();
        match existing.status {
            Status::Pending => {
                let same = existing.points == c.points
                    && existing.date == c.date
                    && existing.is_explained_as(&c.explanation)
                    && existing.category == c.category
                    && existing.title == c.title;
                if same {
                    Vec::new()
                } else if shut(existing.date) || shut(c.date) {
                    vec![Change::Skipped]
                } else {
                    vec![Change::Recomputed {
                        old: existing.clone(),
                        new: new_award(AwardKind::Computed, c),
                    }]
                }
            }
            Status::Approved => {
                let computed = Some((c.date, c.points, c.title.as_str()));
                let why = AdjustWhy::Recomputed {
                    computed: Box::new(c.explanation.clone()),
                };
                self.reconcile(closed, existing, computed, &why)
            }
            Status::Rejected => Vec::new(),
        }
    }

    /// The changes for a stored award the rules no longer give in its
    /// scope; `moved_to`: its activity now lies on that day, outside the
    /// scope (whose recalc gives its points there), so the adjustment here
    /// says so, as that scope's reconciling of the same key does.
    pub fn gone(
        &mut self,
        closed: &ClosedPeriods,
        award: &Award,
        moved_to: Option<NaiveDate>,
    ) -> Vec<Change> {
        match award.status {
            Status::Pending if closed.covering(award.date).is_some() => vec![Change::Skipped],
            Status::Pending => vec![Change::Withdrawn(award.clone())],
            Status::Approved => {
                let why = match moved_to {
                    Some(to) => AdjustWhy::MovedTo { to },
                    None => AdjustWhy::NoLongerComputed,
                };
                self.reconcile(closed, award, None, &why)
            }
            Status::Rejected => Vec::new(),
        }
    }

    /// Makes the pending adjustments of an approved award equal, on each
    /// date, to what the rules now give on that date minus what has been
    /// approved for its key on it (§4.5): the points on the computed date
    /// (`None`: no longer computed), nothing on any other. A moved award
    /// so gets minus its approved points on the old date and its new
    /// points on the new one; a move out of a closed period is skipped.
    fn reconcile(
        &mut self,
        closed: &ClosedPeriods,
        award: &Award,
        computed: Option<(NaiveDate, Points, &str)>,
        why: &AdjustWhy,
    ) -> Vec<Change> {
        let key = &award.key;
        // `award` is the key's approved award: its points, and what has
        // been approved of its adjustments, by date.
        let mut approved = self.approved.get(key).cloned().unwrap_or_default();
        *approved.entry(award.date).or_default() += award.points;
        let mut pending = self.pending_adjustment.remove(key).unwrap_or_default();
        let moved = computed.is_some_and(|(d, _, _)| d != award.date);
        let shut = |d: NaiveDate| closed.covering(d).is_some();
        if moved && shut(award.date) {
            return vec![Change::Skipped];
        }
        let mut dates: Vec<NaiveDate> = approved.keys().chain(pending.keys()).copied().collect();
        dates.extend(computed.map(|(d, _, _)| d));
        dates.sort_unstable();
        dates.dedup();
        let mut out = Vec::new();
        for date in dates {
            let (target, title) = match computed {
                Some((d, p, t)) if d == date => (p, t),
                _ => (Points::ZERO, ""),
            };
            let approved_then = approved.get(&date).copied().unwrap_or_default();
            let diff = target - approved_then;
            let why = match computed {
                Some((d, _, _)) if moved && d == date => AdjustWhy::MovedHere { from: award.date },
                Some((to, _, _)) if moved => AdjustWhy::MovedTo { to },
                _ => why.clone(),
            };
            let explanation = Explanation::Adjustment(Box::new(explain::Adjustment {
                rule: key.rule_id.clone(),
                subject: key.subject.clone(),
                now: target.decimal(),
                approved: approved_then.decimal(),
                difference: diff.decimal(),
                why,
            }));
            let new = NewAward {
                kind: AwardKind::Adjustment,
                key: key.clone(),
                date,
                points: diff,
                category: award.category.clone(),
                explanation: explanation.english(),
                reason: String::new(),
                title: title.to_string(),
                explain: Some(Box::new(explanation)),
            };
            out.extend(self.settle(shut(date), award, pending.remove(&date), new));
        }
        out
    }

    /// Brings the pending adjustment of one key on one date to `new`.
    fn settle(
        &self,
        shut: bool,
        award: &Award,
        pending: Option<Award>,
        new: NewAward,
    ) -> Option<Change> {
        let diff = new.points;
        match pending {
            Some(_) if diff.is_zero() && shut => Some(Change::Skipped),
            Some(p) if diff.is_zero() => Some(Change::Unadjusted(p)),
            Some(p) if p.points == diff && explained_alike(&p, &new) => None,
            Some(_) if shut => Some(Change::Skipped),
            Some(p) => Some(Change::Readjusted { old: p, new }),
            None if diff.is_zero() => None,
            None => {
                let refused = self
                    .last_decided_adjustment
                    .get(&(new.key.clone(), new.date))
                    .is_some_and(|l| l.status == Status::Rejected && l.points == diff);
                if refused {
                    // The lead refused this very difference: not asked again.
                    None
                } else if shut {
                    Some(Change::Skipped)
                } else {
                    Some(Change::Adjust { of: award.id, new })
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ClosedPeriod, Period};

    fn d(s: &str) -> NaiveDate {
        crate::domain::parse_date(s).unwrap()
    }

    fn pts(s: &str) -> Points {
        Points::parse(s).unwrap()
    }

    fn key() -> AwardKey {
        AwardKey {
            rule_id: "deal".into(),
            member: "ZW".into(),
            subject: "D-1".into(),
        }
    }

    fn stored(id: i64, kind: AwardKind, date: &str, points: &str, status: Status) -> Award {
        Award {
            id,
            kind,
            key: key(),
            date: d(date),
            points: pts(points),
            category: "performance".into(),
            stored_english: format!("manual: {points}"),
            explain: None,
            reason: String::new(),
            status,
            created_at: String::new(),
            created_by: String::new(),
            decided_at: None,
            decided_by: None,
            decision_reason: None,
            title: String::new(),
        }
    }

    fn computed(date: &str, points: &str) -> ComputedAward {
        ComputedAward {
            key: key(),
            date: d(date),
            points: pts(points),
            category: "performance".into(),
            explanation: Explanation::Manual {
                reason: points.to_string(),
            },
            title: String::new(),
        }
    }

    fn open() -> ClosedPeriods {
        ClosedPeriods::default()
    }

    fn closed(p: &str) -> ClosedPeriods {
        ClosedPeriods(vec![ClosedPeriod {
            period: Period::parse(p).unwrap(),
            closed_by: "lead".into(),
            closed_at: "2026-04-01 09:00:00".into(),
        }])
    }

    fn summary(changes: &[Change]) -> String {
        let mut s = RecalcSummary::default();
        changes.iter().for_each(|c| s.count(c));
        s.counts()
    }

    #[test]
    fn a_pending_award_is_rewritten_only_when_its_figures_differ() {
        let a = stored(1, AwardKind::Computed, "2026-01-12", "25", Status::Pending);
        let mut book = Book::new(vec![a.clone()]);
        assert!(
            book.computed(&open(), &a, &computed("2026-01-12", "25"))
                .is_empty()
        );
        let changes = book.computed(&open(), &a, &computed("2026-01-12", "30"));
        assert!(
            matches!(&changes[..], [Change::Recomputed { new, .. }] if new.points == pts("30"))
        );
        // In a closed period: skipped, not made.
        let changes = book.computed(&closed("2026-01"), &a, &computed("2026-01-12", "30"));
        assert_eq!(changes, [Change::Skipped]);
    }

    #[test]
    fn an_approved_award_gets_one_adjustment_for_the_difference_and_none_when_back() {
        let a = stored(1, AwardKind::Computed, "2026-01-12", "25", Status::Approved);
        let mut book = Book::new(vec![a.clone()]);
        let changes = book.computed(&open(), &a, &computed("2026-01-12", "31.5"));
        let [Change::Adjust { of, new }] = &changes[..] else {
            panic!("{changes:?}")
        };
        assert_eq!(
            (*of, new.points, new.date),
            (1, pts("6.5"), d("2026-01-12"))
        );
        // That adjustment stored and pending: back to 25 withdraws it.
        let adj = stored(
            2,
            AwardKind::Adjustment,
            "2026-01-12",
            "6.5",
            Status::Pending,
        );
        let mut book = Book::new(vec![a.clone(), adj.clone()]);
        let changes = book.computed(&open(), &a, &computed("2026-01-12", "25"));
        assert_eq!(changes, [Change::Unadjusted(adj)]);
    }

    #[test]
    fn an_approved_adjustment_taken_in_twice_counts_once() {
        // A key's history read whole (a moved award) after its month had
        // read the same adjustment: approved 25 + 5, computed 30.
        let a = stored(1, AwardKind::Computed, "2026-01-12", "25", Status::Approved);
        let adj = stored(
            2,
            AwardKind::Adjustment,
            "2026-01-12",
            "5",
            Status::Approved,
        );
        let mut book = Book::new(vec![a.clone(), adj.clone()]);
        book.add(adj);
        assert!(
            book.computed(&open(), &a, &computed("2026-01-12", "30"))
                .is_empty()
        );
    }

    #[test]
    fn a_moved_approved_award_is_adjusted_on_both_dates() {
        let a = stored(1, AwardKind::Computed, "2026-01-12", "25", Status::Approved);
        let mut book = Book::new(vec![a.clone()]);
        let changes = book.computed(&open(), &a, &computed("2026-02-03", "25"));
        let got: Vec<(NaiveDate, Points)> = changes
            .iter()
            .map(|c| match c {
                Change::Adjust { new, .. } => (new.date, new.points),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            got,
            [(d("2026-01-12"), pts("-25")), (d("2026-02-03"), pts("25"))]
        );
        // Out of a closed period: skipped as a whole.
        let mut book = Book::new(vec![a.clone()]);
        let changes = book.computed(&closed("2026-01"), &a, &computed("2026-02-03", "25"));
        assert_eq!(changes, [Change::Skipped]);
    }

    #[test]
    fn gone_awards_are_withdrawn_or_adjusted_to_nothing_and_a_refused_difference_stays_refused() {
        let p = stored(1, AwardKind::Computed, "2026-01-12", "25", Status::Pending);
        let mut book = Book::new(vec![p.clone()]);
        assert_eq!(book.gone(&open(), &p, None), [Change::Withdrawn(p.clone())]);
        let r = stored(1, AwardKind::Computed, "2026-01-12", "25", Status::Rejected);
        assert!(
            Book::new(vec![r.clone()])
                .gone(&open(), &r, None)
                .is_empty()
        );
        let a = stored(1, AwardKind::Computed, "2026-01-12", "25", Status::Approved);
        let changes = Book::new(vec![a.clone()]).gone(&open(), &a, None);
        assert_eq!(
            summary(&changes),
            "0 new, 0 changed, 0 withdrawn, 1 adjustments, 0 skipped"
        );
        // The lead rejected that -25 once: it is not proposed again.
        let no = stored(
            2,
            AwardKind::Adjustment,
            "2026-01-12",
            "-25",
            Status::Rejected,
        );
        assert!(
            Book::new(vec![a.clone(), no])
                .gone(&open(), &a, None)
                .is_empty()
        );
    }
}
