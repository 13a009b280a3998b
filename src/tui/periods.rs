//! Moving between periods on the screen: `[` `]` step, `p` changes the
//! kind and comes back to the lead's place (the last week or month shown).

use crate::domain::{Period, PeriodKind};
use chrono::NaiveDate;

/// The place a shown week or month leaves: a day inside it (a week's
/// Thursday, a month's first day); `None` for quarters and years.
pub fn place(period: Period) -> Option<NaiveDate> {
    match period.kind() {
        PeriodKind::Week => Some(period.start() + chrono::Days::new(3)),
        PeriodKind::Month => Some(period.start()),
        PeriodKind::Quarter | PeriodKind::Year => None,
    }
}

/// The period `p` moves to: the next kind's period containing today when
/// the one shown does, else the one holding the lead's place when the one
/// shown does, else the one holding its first day.
pub fn next_kind(shown: Period, today: NaiveDate, place: Option<NaiveDate>) -> Period {
    let kind = shown.kind().next();
    if shown.contains(today) {
        return Period::containing(kind, today);
    }
    match place {
        Some(day) if shown.contains(day) => Period::containing(kind, day),
        _ => shown.with_kind(kind),
    }
}
