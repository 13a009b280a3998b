//! The payroll export (`merit export payroll`): a period's approved points
//! per active member and, at a rate per point, the money they come to,
//! exact, for HR.

use crate::domain::input::field;
use crate::domain::{Period, Points};
use crate::error::{Error, Result};
use crate::msg;
use crate::store::Db;
use rust_decimal::Decimal;

/// The most decimal places a rate per point may have.
const RATE_PLACES: u32 = 4;

/// One member's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayrollRow {
    pub member: String,
    pub name: String,
    pub team: String,
    pub points: Points,
    /// points × rate, exactly, when a rate is given.
    pub money: Option<Decimal>,
}

/// Every active member's approved points in `period` (as `standings`
/// gives them, by code), with the money at `rate` per point.
pub fn payroll(db: Db, period: Period, rate: Option<Decimal>) -> Result<Vec<PayrollRow>> {
    if let Some(r) = rate {
        crate::domain::limits::check_number(r, &r.to_string())
            .map_err(|e| Error::usage(field("--rate", e)))?;
        if r.is_sign_negative() {
            let problem = msg!("value-must-not-be-negative-named", value = r);
            return Err(Error::usage(field("--rate", problem)));
        }
        // Money per point to a ten-thousandth at most: with points to the
        // cent, every amount is exact (a rate of more places was rounded
        // as it was read, and the amounts with it).
        if r.normalize().scale() > RATE_PLACES {
            let problem = msg!("value-more-than-n-decimals", value = r, n = RATE_PLACES);
            return Err(Error::usage(field("--rate", problem)));
        }
    }
    let mut rows: Vec<PayrollRow> = super::standings::member_standings(db, period, false)?
        .into_iter()
        .map(|s| {
            let money = rate
                .map(|r| {
                    let product = s.points.decimal().checked_mul(r);
                    product
                        .filter(|m| crate::domain::limits::check_number(*m, "").is_ok())
                        .ok_or_else(|| {
                            let problem = msg!("value-product-out-of-range", a = s.points, b = r);
                            Error::usage(field("--rate", problem))
                        })
                })
                .transpose()?;
            Ok(PayrollRow {
                member: s.code,
                name: s.name,
                team: s.team,
                points: s.points,
                money: money.map(|m| m.normalize()),
            })
        })
        .collect::<Result<_>>()?;
    rows.sort_by(|a, b| a.member.cmp(&b.member));
    Ok(rows)
}
