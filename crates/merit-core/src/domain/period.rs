//! Periods: ISO weeks (`2026-W48`, Monday to Sunday), calendar months
//! (`2026-03`), quarters (`2026-Q1`) and years (`2026`).

use chrono::{Datelike, NaiveDate};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeriodKind {
    Week,
    Month,
    Quarter,
    Year,
}

impl PeriodKind {
    pub fn parse(s: &str) -> Option<PeriodKind> {
        match s {
            "week" => Some(PeriodKind::Week),
            "month" => Some(PeriodKind::Month),
            "quarter" => Some(PeriodKind::Quarter),
            "year" => Some(PeriodKind::Year),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Week => "week",
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Year => "year",
        }
    }

    /// week → month → quarter → year → week.
    pub fn next(self) -> PeriodKind {
        match self {
            PeriodKind::Week => PeriodKind::Month,
            PeriodKind::Month => PeriodKind::Quarter,
            PeriodKind::Quarter => PeriodKind::Year,
            PeriodKind::Year => PeriodKind::Week,
        }
    }
}

/// A calendar period. Years are kept within 1900..=2999 (`limits`), the
/// range of every date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// ISO week: the ISO year and the week number (1–53).
    Week(i32, u32),
    Month(i32, u32),
    Quarter(i32, u32),
    Year(i32),
}

impl Period {
    /// Parses `2026-W48`, `2026-03`, `2026-Q1` or `2026`; anything else is `None`.
    pub fn parse(s: &str) -> Option<Period> {
        let year = |y: &str| -> Option<i32> {
            if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) {
                y.parse()
                    .ok()
                    .filter(|y| (super::limits::FIRST_YEAR..=super::limits::LAST_YEAR).contains(y))
            } else {
                None
            }
        };
        match s.split_once('-') {
            None => Some(Period::Year(year(s)?)),
            Some((y, rest)) => {
                let y = year(y)?;
                if let Some(w) = rest.strip_prefix('W') {
                    if w.len() != 2 || !w.bytes().all(|b| b.is_ascii_digit()) {
                        return None;
                    }
                    let w: u32 = w.parse().ok()?;
                    NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon)?;
                    Some(Period::Week(y, w))
                } else if let Some(q) = rest.strip_prefix('Q') {
                    match q {
                        "1" | "2" | "3" | "4" => Some(Period::Quarter(y, q.parse().ok()?)),
                        _ => None,
                    }
                } else if rest.len() == 2 && rest.bytes().all(|b| b.is_ascii_digit()) {
                    let m: u32 = rest.parse().ok()?;
                    (1..=12).contains(&m).then_some(Period::Month(y, m))
                } else {
                    None
                }
            }
        }
    }

    /// The period of `kind` that contains `date`.
    pub fn containing(kind: PeriodKind, date: NaiveDate) -> Period {
        match kind {
            PeriodKind::Week => {
                let w = date.iso_week();
                Period::Week(w.year(), w.week())
            }
            PeriodKind::Month => Period::Month(date.year(), date.month()),
            PeriodKind::Quarter => Period::Quarter(date.year(), (date.month() - 1) / 3 + 1),
            PeriodKind::Year => Period::Year(date.year()),
        }
    }

    pub fn kind(self) -> PeriodKind {
        match self {
            Period::Week(..) => PeriodKind::Week,
            Period::Month(..) => PeriodKind::Month,
            Period::Quarter(..) => PeriodKind::Quarter,
            Period::Year(..) => PeriodKind::Year,
        }
    }

    /// The year (for a week, its ISO year).
    pub fn year(self) -> i32 {
        match self {
            Period::Week(y, _) | Period::Month(y, _) | Period::Quarter(y, _) | Period::Year(y) => y,
        }
    }

    /// (first month, months) of a calendar period.
    fn months(self) -> (u32, u32) {
        match self {
            Period::Week(..) => (1, 0),
            Period::Month(_, m) => (m, 1),
            Period::Quarter(_, q) => ((q - 1) * 3 + 1, 3),
            Period::Year(_) => (1, 12),
        }
    }

    pub fn start(self) -> NaiveDate {
        if let Period::Week(y, w) = self {
            return NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon)
                .unwrap_or(NaiveDate::MIN);
        }
        NaiveDate::from_ymd_opt(self.year(), self.months().0, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn end(self) -> NaiveDate {
        if let Period::Week(y, w) = self {
            return NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Sun)
                .unwrap_or(NaiveDate::MAX);
        }
        let (first, months) = self.months();
        let last_month = first + months - 1;
        let (y, m) = if last_month == 12 {
            (self.year() + 1, 1)
        } else {
            (self.year(), last_month + 1)
        };
        NaiveDate::from_ymd_opt(y, m, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        self.start() <= date && date <= self.end()
    }

    /// The period of the same kind just before this one.
    pub fn prev(self) -> Period {
        let day = self.start().pred_opt().unwrap_or(self.start());
        Period::containing(self.kind(), day)
    }

    /// The period of the same kind just after this one.
    pub fn next(self) -> Period {
        let day = self.end().succ_opt().unwrap_or(self.end());
        Period::containing(self.kind(), day)
    }

    /// The period of another kind that contains this one's first day (a
    /// week's Thursday: the day ISO counts a week in its year by).
    pub fn with_kind(self, kind: PeriodKind) -> Period {
        let day = match self {
            Period::Week(..) => self.start() + chrono::Days::new(3),
            _ => self.start(),
        };
        Period::containing(kind, day)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            Period::Week(y, w) => format!("{y:04}-W{w:02}"),
            Period::Month(y, m) => format!("{y:04}-{m:02}"),
            Period::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Period::Year(y) => format!("{y:04}"),
        };
        f.pad(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::domain::parse_date(s).unwrap()
    }

    #[test]
    fn iso_weeks_run_monday_to_sunday_across_the_new_year() {
        let w = Period::parse("2026-W48").unwrap();
        assert_eq!(w.to_string(), "2026-W48");
        assert_eq!(w.start(), d("2026-11-23"));
        assert_eq!(w.end(), d("2026-11-29"));
        assert_eq!(
            Period::containing(PeriodKind::Week, d("2027-01-01")).to_string(),
            "2026-W53"
        );
        assert_eq!(
            Period::parse("2026-W53").unwrap().next().to_string(),
            "2027-W01"
        );
        assert_eq!(
            Period::parse("2027-W01").unwrap().prev().to_string(),
            "2026-W53"
        );
        assert_eq!(Period::parse("2025-W53"), None, "2025 has 52 ISO weeks");
        for bad in ["2026-W0", "2026-W00", "2026-W54", "2026-w48", "2026-W4"] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn parses_the_three_forms_and_nothing_else() {
        assert_eq!(Period::parse("2026-03"), Some(Period::Month(2026, 3)));
        assert_eq!(Period::parse("2026-Q1"), Some(Period::Quarter(2026, 1)));
        assert_eq!(Period::parse("2026"), Some(Period::Year(2026)));
        for bad in [
            "2026-13",
            "2026-Q5",
            "26",
            "2026-3",
            "2026-q1",
            "x",
            "",
            "2026-03-01",
        ] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn bounds_and_neighbours() {
        let q = Period::Quarter(2026, 1);
        assert_eq!(q.start(), d("2026-01-01"));
        assert_eq!(q.end(), d("2026-03-31"));
        assert_eq!(Period::Month(2024, 2).end(), d("2024-02-29"));
        assert_eq!(q.prev().to_string(), "2025-Q4");
        assert_eq!(Period::Month(2026, 12).next().to_string(), "2027-01");
        assert_eq!(Period::Year(2026).end(), d("2026-12-31"));
    }
}
