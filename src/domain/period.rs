//! Periods: calendar months (`2026-03`), quarters (`2026-Q1`) and years (`2026`).

use chrono::{Datelike, NaiveDate};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeriodKind {
    Month,
    Quarter,
    Year,
}

impl PeriodKind {
    pub fn parse(s: &str) -> Option<PeriodKind> {
        match s {
            "month" => Some(PeriodKind::Month),
            "quarter" => Some(PeriodKind::Quarter),
            "year" => Some(PeriodKind::Year),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Year => "year",
        }
    }

    /// month → quarter → year → month.
    pub fn next(self) -> PeriodKind {
        match self {
            PeriodKind::Month => PeriodKind::Quarter,
            PeriodKind::Quarter => PeriodKind::Year,
            PeriodKind::Year => PeriodKind::Month,
        }
    }
}

/// A calendar period. Years are kept within 1900..=2999 (`limits`), the
/// range of every date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    Month(i32, u32),
    Quarter(i32, u32),
    Year(i32),
}

impl Period {
    /// Parses `2026-03`, `2026-Q1` or `2026`; anything else is `None`.
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
                if let Some(q) = rest.strip_prefix('Q') {
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
            PeriodKind::Month => Period::Month(date.year(), date.month()),
            PeriodKind::Quarter => Period::Quarter(date.year(), (date.month() - 1) / 3 + 1),
            PeriodKind::Year => Period::Year(date.year()),
        }
    }

    pub fn kind(self) -> PeriodKind {
        match self {
            Period::Month(..) => PeriodKind::Month,
            Period::Quarter(..) => PeriodKind::Quarter,
            Period::Year(..) => PeriodKind::Year,
        }
    }

    pub fn year(self) -> i32 {
        match self {
            Period::Month(y, _) | Period::Quarter(y, _) | Period::Year(y) => y,
        }
    }

    fn first_month(self) -> u32 {
        match self {
            Period::Month(_, m) => m,
            Period::Quarter(_, q) => (q - 1) * 3 + 1,
            Period::Year(_) => 1,
        }
    }

    fn months(self) -> u32 {
        match self {
            Period::Month(..) => 1,
            Period::Quarter(..) => 3,
            Period::Year(_) => 12,
        }
    }

    pub fn start(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year(), self.first_month(), 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn end(self) -> NaiveDate {
        let last_month = self.first_month() + self.months() - 1;
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

    /// The period of another kind that contains this one's first day.
    pub fn with_kind(self, kind: PeriodKind) -> Period {
        Period::containing(kind, self.start())
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
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
