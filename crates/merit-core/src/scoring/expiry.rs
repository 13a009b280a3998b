//! Expiry of points (SPEC §12), as a pure function of one member's ledger.
//! Every approved positive entry is a lot, spendable through the last day
//! of its month + N. Negative entries spend the oldest live lots first, at
//! their own date; what they cannot cover is a debt that the next lots pay
//! first. Expiry entries already posted are not inputs: the simulation
//! says what should have expired, and the caller posts only the difference,
//! so running it twice posts nothing new.

use crate::domain::Points;
use crate::domain::PostingKind;
use chrono::{Datelike, Months, NaiveDate};
use std::collections::BTreeMap;

/// One ledger entry as expiry sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub date: NaiveDate,
    pub points: Points,
}

/// The last day a lot dated `date` can be spent, with `months` of life.
pub fn last_day(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    let first = date.with_day(1)?;
    first
        .checked_add_months(Months::new(months + 1))?
        .pred_opt()
}

#[derive(Debug, Clone)]
struct Lot {
    last_day: NaiveDate,
    left: Points,
}

/// What the lots look like at the end of `as_of`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LotState {
    /// Points that expired, by the expiry's date (a lot's last day).
    pub expired: BTreeMap<NaiveDate, Points>,
    /// Unspent points still alive, by the day they expire.
    pub alive: BTreeMap<NaiveDate, Points>,
    /// Spending no lot could cover yet.
    pub debt: Points,
}

/// Runs the lots of `entries` (expiry entries excluded) through `as_of`:
/// every lot whose last day is before `as_of` has expired; entries dated
/// `as_of` count (they cannot spend what expired before their day).
pub fn simulate(entries: &[Entry], months: u32, as_of: NaiveDate) -> LotState {
    let mut entries: Vec<Entry> = entries
        .iter()
        .filter(|e| e.date <= as_of)
        .copied()
        .collect();
    // Stable: same-day entries keep their ledger order; lots before spending.
    entries.sort_by_key(|e| (e.date, e.points.is_negative()));
    let mut lots: Vec<Lot> = Vec::new();
    let mut state = LotState::default();
    let expire_before = |lots: &mut Vec<Lot>, state: &mut LotState, day: NaiveDate| {
        lots.retain(|l| {
            if l.last_day < day {
                if !l.left.is_zero() {
                    *state.expired.entry(l.last_day).or_default() += l.left;
                }
                false
            } else {
                true
            }
        });
    };
    for e in entries {
        expire_before(&mut lots, &mut state, e.date);
        if e.points.is_negative() {
            let mut owed = -e.points;
            for l in lots.iter_mut() {
                let take = owed.min(l.left);
                l.left -= take;
                owed -= take;
                if owed.is_zero() {
                    break;
                }
            }
            lots.retain(|l| !l.left.is_zero());
            state.debt += owed;
        } else if !e.points.is_zero() {
            let pay = state.debt.min(e.points);
            state.debt -= pay;
            let left = e.points - pay;
            if !left.is_zero() {
                let last = last_day(e.date, months).unwrap_or(NaiveDate::MAX);
                lots.push(Lot {
                    last_day: last,
                    left,
                });
            }
        }
    }
    expire_before(&mut lots, &mut state, as_of);
    for l in lots {
        *state.alive.entry(l.last_day).or_default() += l.left;
    }
    state
}

/// One member's ledger entry with its kind: `expiry` entries are what
/// earlier runs of `expire` posted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posted {
    pub date: NaiveDate,
    pub kind: PostingKind,
    pub points: Points,
}

/// What has expired by `as_of` (lots whose last day is before it) and no
/// `expiry` entry posts yet, by expiry day: what `expire --as-of` would
/// post, and what a balance cannot spend on `as_of`.
pub fn due(entries: &[Posted], months: u32, as_of: NaiveDate) -> BTreeMap<NaiveDate, Points> {
    let mut posted: BTreeMap<NaiveDate, Points> = BTreeMap::new();
    let mut lots = Vec::with_capacity(entries.len());
    for e in entries {
        if e.kind == PostingKind::Expiry {
            *posted.entry(e.date).or_default() -= e.points;
        } else {
            lots.push(Entry {
                date: e.date,
                points: e.points,
            });
        }
    }
    simulate(&lots, months, as_of)
        .expired
        .into_iter()
        .filter_map(|(day, expired)| {
            let missing = expired - posted.get(&day).copied().unwrap_or_default();
            (missing.decimal() > rust_decimal::Decimal::ZERO).then_some((day, missing))
        })
        .collect()
}

/// The points of `entries` spendable on `day`: their sum less what has
/// expired by then and is not posted yet.
pub fn spendable(entries: &[Posted], months: Option<u32>, day: NaiveDate) -> Points {
    let balance: Points = entries.iter().map(|e| e.points).sum();
    match months {
        Some(n) => balance - due(entries, n, day).into_values().sum(),
        None => balance,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::domain::parse_date(s).unwrap()
    }

    fn e(date: &str, p: i64) -> Entry {
        Entry {
            date: d(date),
            points: Points::from_cents(p * 100),
        }
    }

    #[test]
    fn the_spec_worked_example() {
        let entries = [
            e("2025-01-15", 100),
            e("2025-06-01", 50),
            e("2025-12-01", -120),
        ];
        assert_eq!(last_day(d("2025-01-15"), 12), Some(d("2026-01-31")));
        assert!(simulate(&entries, 12, d("2026-02-01")).expired.is_empty());
        let s = simulate(&entries, 12, d("2026-07-01"));
        assert_eq!(
            s.expired.into_iter().collect::<Vec<_>>(),
            vec![(d("2026-06-30"), Points::from_cents(3000))]
        );
        assert!(s.alive.is_empty());
    }

    #[test]
    fn a_debt_is_paid_first_by_the_next_lot() {
        let entries = [e("2025-01-10", -15), e("2025-02-01", 40)];
        let s = simulate(&entries, 1, d("2025-12-01"));
        assert_eq!(s.debt, Points::default());
        assert_eq!(s.expired[&d("2025-03-31")], Points::from_cents(2500));
    }

    #[test]
    fn points_past_their_last_day_are_not_spendable_before_expire_runs() {
        let p = |date: &str, kind: &str, points: i64| Posted {
            date: d(date),
            kind: PostingKind::parse(kind).unwrap(),
            points: Points::from_cents(points * 100),
        };
        let entries = [p("2025-01-15", "award", 100), p("2025-06-01", "award", 20)];
        // The first lot's last day is 2025-02-28.
        let cents = |x: Points| x.to_cents().unwrap() / 100;
        assert_eq!(
            cents(spendable(&entries, Some(1), d("2025-02-28"))),
            20 + 100
        );
        assert_eq!(cents(spendable(&entries, Some(1), d("2025-03-01"))), 20);
        assert_eq!(cents(spendable(&entries, None, d("2025-03-01"))), 120);
        // Once expire has posted it, nothing more is due.
        let mut posted = entries.to_vec();
        posted.push(p("2025-02-28", "expiry", -100));
        assert!(due(&posted, 1, d("2025-03-01")).is_empty());
        assert_eq!(cents(spendable(&posted, Some(1), d("2025-03-01"))), 20);
    }

    #[test]
    fn a_lot_is_spendable_on_its_last_day() {
        let entries = [e("2025-01-15", 10), e("2025-02-28", -10)];
        let s = simulate(&entries, 1, d("2025-06-01"));
        assert!(s.expired.is_empty());
    }
}
