//! The one range every number and date obeys, however it comes in (a CSV
//! file, a rules file, the command line, a form on the screen): amounts,
//! targets and points within ±10^15, dates in the years 1900 to 2999.
//! `parse_date`, `parse_decimal` and `Points::parse` hold every input to
//! it, so no reader has a range of its own.

use crate::message::Msg;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// The largest amount, target or number of points, either sign: 10^15.
pub fn max_abs() -> Decimal {
    Decimal::from(1_000_000_000_000_000i64)
}

/// The first and last year a date may have.
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2999;

/// `d` when it lies within ±10^15, else why not (quoting `text`): the
/// size, either sign, is what is too large.
pub fn check_number(d: Decimal, text: &str) -> Result<Decimal, Msg> {
    if d.abs() <= max_abs() {
        Ok(d)
    } else {
        Err(crate::msg!(
            "value-too-large",
            value = text.trim(),
            max = max_abs()
        ))
    }
}

/// `d` when its year is 1900 to 2999, else why not.
pub fn check_date(d: NaiveDate) -> Result<NaiveDate, Msg> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&d.year()) {
        Ok(d)
    } else {
        Err(outside_years(d))
    }
}

/// Whether `s` would be a period but for its year, outside 1900 to 2999
/// (`1899`, `3000-Q1`): said as such, as a date outside them is.
pub fn period_year_outside(s: &str) -> bool {
    let (Some(year), Some(rest)) = (s.get(..4), s.get(4..)) else {
        return false;
    };
    let Ok(y) = year.parse::<i32>() else {
        return false;
    };
    let in_range = (FIRST_YEAR..=LAST_YEAR).contains(&y);
    !in_range
        && year.bytes().all(|b| b.is_ascii_digit())
        && super::Period::parse(&format!("2000{rest}")).is_some()
}

/// What is said of a value (a period, a date) outside 1900 to 2999.
pub fn outside_years(value: impl std::fmt::Display) -> Msg {
    crate::msg!(
        "value-outside-years",
        value = value.to_string(),
        first = FIRST_YEAR.to_string(),
        last = LAST_YEAR.to_string()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bounds_are_inclusive() {
        assert!(check_number(max_abs(), "").is_ok());
        assert!(check_number(-max_abs(), "").is_ok());
        assert!(check_number(max_abs() + Decimal::new(1, 2), "x").is_err());
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert!(check_date(d(1900, 1, 1)).is_ok());
        assert!(check_date(d(2999, 12, 31)).is_ok());
        assert!(check_date(d(1899, 12, 31)).is_err());
        assert!(check_date(d(3000, 1, 1)).is_err());
    }
}
