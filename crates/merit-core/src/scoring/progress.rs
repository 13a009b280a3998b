//! How far a member is from an attainment rule's next tier: what they have
//! done of the target, their attainment (whole percent, rounded down, as
//! everywhere), and the next tier's threshold and points with what is
//! still needed to reach it — exact decimals, nothing above the top tier.

use crate::rules::Attainment;
use rust_decimal::Decimal;

/// Where a member stands on one attainment rule's tiers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierProgress {
    /// Done of the target, in whole percent rounded down.
    pub attainment: Decimal,
    /// The next tier above: its threshold in whole percent and its points.
    pub next: Option<(Decimal, Decimal)>,
    /// What is still needed to reach it (of the target's metric).
    pub needed: Option<Decimal>,
}

/// Progress of `done` against `target` (> 0) on `a`'s tiers.
pub fn tier_progress(a: &Attainment, target: Decimal, done: Decimal) -> Option<TierProgress> {
    if target <= Decimal::ZERO {
        return None;
    }
    let share = done.checked_div(target)?;
    let attainment = share.checked_mul(Decimal::ONE_HUNDRED)?.floor();
    let next = a.tiers.iter().find(|t| t.at > share);
    let needed = match next {
        Some(t) => Some((t.at.checked_mul(target)? - done).max(Decimal::ZERO)),
        None => None,
    };
    Some(TierProgress {
        attainment,
        next: match next {
            Some(t) => Some((
                t.at.checked_mul(Decimal::ONE_HUNDRED)?.normalize(),
                t.points,
            )),
            None => None,
        },
        needed: needed.map(|n| n.normalize()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Tier;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn rule() -> Attainment {
        Attainment {
            event: "deal".into(),
            per: crate::domain::PeriodKind::Quarter,
            tiers: vec![
                Tier {
                    at: d("0.8"),
                    points: d("30"),
                },
                Tier {
                    at: d("1.0"),
                    points: d("60"),
                },
            ],
            accelerator: None,
        }
    }

    #[test]
    fn the_next_tier_and_what_it_needs() {
        let p = tier_progress(&rule(), d("1000000"), d("750000")).unwrap();
        assert_eq!(p.attainment, d("75"));
        assert_eq!(p.next, Some((d("80"), d("30"))));
        assert_eq!(p.needed, Some(d("50000")));
        let p = tier_progress(&rule(), d("1000000"), d("920000")).unwrap();
        assert_eq!(
            (p.attainment, p.next, p.needed),
            (d("92"), Some((d("100"), d("60"))), Some(d("80000")))
        );
        let p = tier_progress(&rule(), d("1000000"), d("1026000")).unwrap();
        assert_eq!((p.attainment, p.next, p.needed), (d("102"), None, None));
        assert!(tier_progress(&rule(), d("0"), d("5")).is_none());
    }
}
