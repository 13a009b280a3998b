//! `Points`: an exact decimal amount of points, at most two decimal places.

use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

/// Exact points. Always rounded to 2 decimal places (half away from zero)
/// when built from an arbitrary decimal; stored as integer hundredths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Points(Decimal);

impl Points {
    pub const ZERO: Points = Points(Decimal::ZERO);

    /// Rounds half away from zero to 2 places: the one rounding of §3.
    pub fn round(d: Decimal) -> Points {
        Points(d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
    }

    /// Points from integer hundredths, as kept in the store.
    pub fn from_cents(c: i64) -> Points {
        Points(Decimal::new(c, 2))
    }

    /// Integer hundredths, as kept in the store. `None` if out of range.
    pub fn to_cents(self) -> Option<i64> {
        let scaled = self.0.checked_mul(Decimal::ONE_HUNDRED)?;
        i64::try_from(scaled.trunc()).ok()
    }

    /// Parses points typed by a person or a file: at most 2 decimal places,
    /// within ±10^15 (`parse_decimal` holds the range).
    pub fn parse(s: &str) -> Result<Points, crate::message::Msg> {
        let d = crate::domain::parse_decimal(s)?;
        if d.normalize().scale() > 2 {
            return Err(crate::msg!("value-more-than-2-decimals", value = s));
        }
        Ok(Points(d))
    }

    pub fn decimal(self) -> Decimal {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }
}

/// Exactly, without trailing zeros: `188.5`, `24`, `-15`.
impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&format_decimal(self.0))
    }
}

/// A decimal written exactly, without trailing zeros and without `-0`.
pub fn format_decimal(d: Decimal) -> String {
    let n = d.normalize();
    if n.is_zero() {
        "0".to_string()
    } else {
        n.to_string()
    }
}

impl Add for Points {
    type Output = Points;
    fn add(self, o: Points) -> Points {
        Points(self.0 + o.0)
    }
}

impl AddAssign for Points {
    fn add_assign(&mut self, o: Points) {
        self.0 += o.0;
    }
}

impl Sub for Points {
    type Output = Points;
    fn sub(self, o: Points) -> Points {
        Points(self.0 - o.0)
    }
}

impl SubAssign for Points {
    fn sub_assign(&mut self, o: Points) {
        self.0 -= o.0;
    }
}

impl Neg for Points {
    type Output = Points;
    fn neg(self) -> Points {
        Points(-self.0)
    }
}

impl Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        iter.fold(Points::ZERO, |a, b| a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn rounds_half_away_from_zero() {
        let r = |s: &str| Points::round(Decimal::from_str(s).unwrap()).to_string();
        assert_eq!(r("2.345"), "2.35");
        assert_eq!(r("-2.345"), "-2.35");
        assert_eq!(r("37.50"), "37.5");
        assert_eq!(r("-0.001"), "0");
    }

    #[test]
    fn cents_round_trip() {
        let p = Points::parse("188.5").unwrap();
        assert_eq!(p.to_cents(), Some(18850));
        assert_eq!(Points::from_cents(18850), p);
        assert_eq!(Points::from_cents(-1500).to_string(), "-15");
    }

    #[test]
    fn parse_refuses_three_places() {
        assert!(Points::parse("1.005").is_err());
        assert!(Points::parse("abc").is_err());
    }

    #[test]
    fn parse_holds_the_one_range() {
        assert!(Points::parse("1000000000000000").is_ok());
        assert!(Points::parse("-1000000000000000").is_ok());
        let e = Points::parse("92233720368547758.07").unwrap_err();
        assert!(e.names("value-too-large"), "{e}");
    }
}
