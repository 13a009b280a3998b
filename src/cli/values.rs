//! clap value parsers for merit's own values on the command line: periods,
//! dates and points, each read by merit's parser (`domain`: periods as in
//! SPEC §2, dates in the years 1900 to 2999, points within ±10^15 with at
//! most 2 decimals). A bad value is refused while the command line is
//! read: exit 2, one line (`render_refused`), nothing opened or written.

use crate::domain::{Period, Points};
use chrono::NaiveDate;

/// A period id: a week (`2026-W48`), a month, a quarter or a year.
pub fn period(s: &str) -> Result<Period, String> {
    Period::parse(s).ok_or_else(|| {
        format!(
            "'{s}' is not a period: use a week (2026-W48), a month (2026-03), a quarter (2026-Q1) or a year (2026)"
        )
    })
}

/// A `YYYY-MM-DD` date in the years 1900 to 2999.
pub fn date(s: &str) -> Result<NaiveDate, String> {
    crate::domain::parse_date(s)
}

/// Points: an exact decimal within ±10^15, at most 2 decimal places.
pub fn points(s: &str) -> Result<Points, String> {
    Points::parse(s)
}

/// The line said for a value one of these parsers refused, as merit says
/// its other usage errors: the option named first (`--date: '1899-12-31'
/// is outside the years 1900 to 2999`); a positional value's message
/// names the value itself. `None` for clap's other errors.
pub fn refused_line(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::ValueValidation {
        return None;
    }
    let why = std::error::Error::source(e)?.to_string();
    let arg = match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(a)) => a.clone(),
        _ => String::new(),
    };
    Some(match arg.split_whitespace().next() {
        Some(flag) if flag.starts_with("--") => format!("{flag}: {why}"),
        _ => why,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parsers_are_merits_own() {
        assert!(period("2026-W48").is_ok() && period("2026-Q1").is_ok());
        assert!(period("3000-Q1").unwrap_err().contains("is not a period"));
        assert!(
            date("1899-12-31")
                .unwrap_err()
                .contains("outside the years 1900 to 2999")
        );
        assert_eq!(points("-15").unwrap().to_string(), "-15");
        assert!(
            points("1000000000000000.01")
                .unwrap_err()
                .contains("too large")
        );
        assert!(points("1.005").is_err());
    }
}
