//! A one-line chart of points over time, one cell per value: `▁` to `█`
//! for positive values scaled to the largest (the smallest positive value
//! still shows), `.` for zero and `-` for a negative value, so that
//! the shape never depends on colour. Scaled exactly (decimals), never
//! through floating point.

use crate::domain::Points;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The cells of `values`, one character each.
pub fn cells(values: &[Points]) -> String {
    let top = values.iter().map(|p| p.decimal()).max().unwrap_or_default();
    values
        .iter()
        .map(|p| {
            let v = p.decimal();
            if v < Decimal::ZERO {
                '-'
            } else if v.is_zero() || top <= Decimal::ZERO {
                '.'
            } else {
                // 1..=8 eighths of the largest, rounded up.
                let level = (v * Decimal::from(8) / top).ceil();
                let i = level.to_usize().unwrap_or(8).clamp(1, 8);
                LEVELS[i - 1]
            }
        })
        .collect()
}

/// The largest and, when below zero, the smallest of `values`.
pub fn range(values: &[Points]) -> (Points, Option<Points>) {
    let high = values.iter().copied().max().unwrap_or_default();
    let low = values.iter().copied().min().filter(|p| p.is_negative());
    (high, low)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Points {
        Points::parse(s).unwrap()
    }

    #[test]
    fn the_cells_scale_to_the_largest_and_show_the_smallest() {
        let v = [p("0"), p("0.01"), p("40"), p("20"), p("-15"), p("39.99")];
        assert_eq!(cells(&v), ".▁█▄-█");
        assert_eq!(range(&v), (p("40"), Some(p("-15"))));
        assert_eq!(cells(&[p("0"), p("0")]), "..");
        assert_eq!(cells(&[p("-1")]), "-");
        assert_eq!(range(&[p("3")]), (p("3"), None));
    }
}
