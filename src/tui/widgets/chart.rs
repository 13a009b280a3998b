//! A horizontal bar chart of the leaders drawn with `#` (ASCII, one cell
//! wide everywhere), sized to the space it is given.

use super::columns::{left, right, row};
use crate::domain::Points;
use crate::text::width;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// One line per leader: label, bar, points. Bars scale to the largest
/// positive value; zero and negative values get no bar.
pub fn lines(items: &[(String, Points)], total_width: usize, max_rows: usize) -> Vec<String> {
    let items: Vec<_> = items.iter().take(max_rows).collect();
    let label_w = items
        .iter()
        .map(|(l, _)| width(l))
        .max()
        .unwrap_or(0)
        .min(14);
    let value_w = items
        .iter()
        .map(|(_, p)| p.to_string().len())
        .max()
        .unwrap_or(1);
    let bar_w = total_width.saturating_sub(label_w + value_w + 2);
    let top = items
        .iter()
        .map(|(_, p)| p.decimal())
        .max()
        .unwrap_or_default();
    items
        .iter()
        .map(|(label, p)| {
            let n = if top > Decimal::ZERO && p.decimal() > Decimal::ZERO {
                let cells = p.decimal() * Decimal::from(bar_w as u64) / top;
                cells.floor().to_usize().unwrap_or(0).max(1)
            } else {
                0
            };
            let bar = "#".repeat(n.min(bar_w));
            row(
                &[left(label_w), left(bar_w), right(value_w)],
                &[label, &bar, &p.to_string()],
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_leader_fills_the_width_and_others_scale() {
        let items = vec![
            ("张伟".to_string(), Points::from_cents(10000)),
            ("Ann".to_string(), Points::from_cents(5000)),
            ("Bob".to_string(), Points::from_cents(0)),
        ];
        let l = lines(&items, 20, 5);
        assert_eq!(l[0], "张伟 ########### 100");
        assert_eq!(l[1], "Ann  #####        50");
        assert_eq!(l[2], format!("Bob{}0", " ".repeat(16)));
        assert!(l.iter().all(|x| crate::text::width(x) == 20));
    }
}
