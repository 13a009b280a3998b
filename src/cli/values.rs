//! clap value parsers for merit's own values on the command line: periods,
//! dates and points, each read by merit's parser (`domain`: periods as in
//! SPEC §2, dates in the years 1900 to 2999, points within ±10^15 with at
//! most 2 decimals). A bad value is refused while the command line is
//! read: exit 2, one line (`refused_line`), nothing opened or written.

use crate::domain::{Period, Points};
use crate::message::Msg;
use chrono::NaiveDate;

/// A value one of these parsers refused: why, as a message (clap keeps
/// it as the error's source; `refused_line` words it).
#[derive(Debug)]
pub struct Refused(pub Msg);

/// The English, should clap ever print it itself.
impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::word_in(crate::i18n::Lang::En, &self.0))
    }
}

impl std::error::Error for Refused {}

/// A period id: a week (`2026-W48`), a month, a quarter or a year.
pub fn period(s: &str) -> Result<Period, Refused> {
    Period::parse(s).ok_or_else(|| {
        // `2026-q4`, `2026-w48`: the same letters in capitals are a period.
        Refused(match Period::parse(&s.to_uppercase()) {
            Some(meant) => crate::msg!(
                "value-not-a-period-like",
                value = s,
                like = meant.to_string()
            ),
            None if crate::domain::limits::period_year_outside(s) => {
                crate::domain::limits::outside_years(s)
            }
            // `2025-W53`: a year of 52 ISO weeks, said as such.
            None if s.len() == 8
                && s.ends_with("-W53")
                && Period::parse(&format!("{}-W52", &s[..4])).is_some() =>
            {
                crate::msg!("value-no-week-53", value = s, year = &s[..4])
            }
            None => crate::msg!("value-not-a-period", value = s),
        })
    })
}

/// A `YYYY-MM-DD` date in the years 1900 to 2999.
pub fn date(s: &str) -> Result<NaiveDate, Refused> {
    crate::domain::parse_date(s).map_err(Refused)
}

/// Points: an exact decimal within ±10^15, at most 2 decimal places.
pub fn points(s: &str) -> Result<Points, Refused> {
    Points::parse(s).map_err(Refused)
}

/// The line said for a value one of these parsers refused, as merit says
/// its other usage errors: the option named first (`--date: '1899-12-31'
/// is outside the years 1900 to 2999`); a positional value's message
/// names the value itself. `None` for clap's other errors.
pub fn refused_line(e: &clap::Error) -> Option<Msg> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::ValueValidation {
        return None;
    }
    let why = std::error::Error::source(e)?
        .downcast_ref::<Refused>()?
        .0
        .clone();
    let arg = match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(a)) => a.clone(),
        _ => String::new(),
    };
    Some(match arg.split_whitespace().next() {
        Some(flag) if flag.starts_with("--") => crate::domain::input::field(flag, why),
        _ => why,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parsers_are_merits_own() {
        assert!(period("2026-W48").is_ok() && period("2026-Q1").is_ok());
        // A year outside the range is said as a date's is (it said "not a
        // period").
        for outside in ["3000-Q1", "1899", "3000-W01", "1899-12"] {
            assert_eq!(
                crate::i18n::word_in(crate::i18n::Lang::En, &period(outside).unwrap_err().0),
                format!("'{outside}' is outside the years 1900 to 2999")
            );
        }
        assert!(period("30000").unwrap_err().0.names("value-not-a-period"));
        assert!(period("2026-Q5").unwrap_err().0.names("value-not-a-period"));
        assert!(period("年年年").unwrap_err().0.names("value-not-a-period"));
        let meant = period("2026-q4").unwrap_err().0;
        assert!(meant.names("value-not-a-period-like"));
        assert_eq!(
            crate::i18n::word_in(crate::i18n::Lang::En, &meant),
            "'2026-q4' is not a period: did you mean 2026-Q4?"
        );
        assert_eq!(
            date("1899-12-31").unwrap_err().to_string(),
            "'1899-12-31' is outside the years 1900 to 2999"
        );
        assert_eq!(points("-15").unwrap().to_string(), "-15");
        assert!(
            points("1000000000000000.01")
                .unwrap_err()
                .0
                .names("value-too-large")
        );
        assert!(points("1.005").is_err());
    }
}
