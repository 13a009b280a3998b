//! The pages' charts, built here (every text in them escaped) rather than
//! by the templates (issue 41):
//!
//! - `bars`: the index's leaders, one HTML row each (name, bar, points):
//!   the words are page text at the page's size, only the bar is SVG;
//! - `spark`: a leader's points week by week, a tiny SVG with no text
//!   (scaled freely: nothing in it can shrink below a readable size);
//! - `weekly`: a member's points week by week, with labels: an SVG with no
//!   `viewBox`, laid out in percentages, so that its text keeps the size
//!   the style gives it at any width (a scaled `viewBox` made the old
//!   chart's labels a few pixels tall on a phone).
//!
//! Geometry is scaled from the exact points with decimals and printed as
//! text; no point passes through floating point.

use super::rows::Row;
use crate::domain::Points;
use crate::ops::weekly::Week;
use rust_decimal::Decimal;

/// `s` escaped for HTML text and attribute values.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// `d` as an SVG number: at most three decimals, no trailing zeros.
fn num(d: Decimal) -> String {
    d.round_dp(3).normalize().to_string()
}

/// A vertical scale from the values' lowest (or zero) to their highest
/// (or zero) onto `from..=to` (percent, or user units), highest at `from`.
struct Scale {
    top: Decimal,
    span: Decimal,
    from: Decimal,
    size: Decimal,
}

impl Scale {
    fn new(values: &[Points], from: i64, to: i64) -> Scale {
        let top = values
            .iter()
            .map(|p| p.decimal())
            .fold(Decimal::ZERO, Decimal::max);
        let bottom = values
            .iter()
            .map(|p| p.decimal())
            .fold(Decimal::ZERO, Decimal::min);
        Scale {
            top,
            span: top - bottom,
            from: Decimal::from(from),
            size: Decimal::from(to - from),
        }
    }

    /// Where `v` lies.
    fn at(&self, v: Decimal) -> Decimal {
        if self.span.is_zero() {
            return self.from + self.size;
        }
        self.from + (self.top - v) * self.size / self.span
    }

    /// The bar of `v`: (top, height), from zero to `v`, at least `least`
    /// high when `v` is not zero, so that the smallest week still shows.
    fn bar(&self, v: Decimal, least: Decimal) -> (Decimal, Decimal) {
        let (a, b) = (self.at(v.max(Decimal::ZERO)), self.at(v.min(Decimal::ZERO)));
        let h = b - a;
        if v.is_zero() || h >= least {
            (a, h)
        } else if v > Decimal::ZERO {
            (b - least, least)
        } else {
            (a, least)
        }
    }
}

/// The leaders as bars: `rows`' first ten, each bar scaled to the largest
/// points (none for zero or less), its name and points as page text.
pub fn bars(rows: &[Row], label: &str) -> String {
    let top: Vec<&Row> = rows.iter().take(10).collect();
    let max = top
        .iter()
        .map(|r| r.exact.decimal())
        .fold(Decimal::ZERO, Decimal::max);
    if top.is_empty() || max <= Decimal::ZERO {
        return String::new();
    }
    let mut out = format!("<figure class=\"bars\" aria-label=\"{}\">", esc(label));
    for r in top {
        let w = (r.exact.decimal().max(Decimal::ZERO) * Decimal::ONE_HUNDRED / max).round_dp(2);
        out.push_str(&format!(
            "<div class=\"bar-row\"><span class=\"who\">{}</span>\
             <svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\">\
             <rect width=\"{}\" height=\"10\"/></svg><span class=\"pts\">{}</span></div>",
            esc(&r.name),
            num(w),
            esc(&r.points)
        ));
    }
    out.push_str("</figure>");
    out
}

/// A leader's weeks as a tiny column chart without text; its label (for
/// those who cannot see it) names the weeks' points in order. None for a
/// period of one week: its one column would say nothing.
pub fn spark(weeks: &[Points], label: &str) -> String {
    if weeks.len() < 2 {
        return String::new();
    }
    let scale = Scale::new(weeks, 0, 100);
    let values: Vec<String> = weeks.iter().map(Points::to_string).collect();
    let mut out = format!(
        "<svg class=\"spark\" viewBox=\"0 0 {} 100\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{}: {}\">",
        weeks.len() * 10,
        esc(label),
        esc(&values.join(", "))
    );
    let zero = num(scale.at(Decimal::ZERO));
    out.push_str(&format!(
        "<line x1=\"0\" x2=\"{}\" y1=\"{zero}\" y2=\"{zero}\" class=\"base\"/>",
        weeks.len() * 10
    ));
    for (i, p) in weeks.iter().enumerate() {
        if p.is_zero() {
            continue;
        }
        let (y, h) = scale.bar(p.decimal(), Decimal::from(4));
        let class = if p.is_negative() {
            " class=\"neg\""
        } else {
            ""
        };
        out.push_str(&format!(
            "<rect x=\"{}\" width=\"8\" y=\"{}\" height=\"{}\"{class}/>",
            i * 10 + 1,
            num(y),
            num(h)
        ));
    }
    out.push_str("</svg>");
    out
}

/// The plot's top and bottom, in percent of the chart's height: above it
/// the highest week's label, below it the weeks' dates.
const PLOT: (i64, i64) = (16, 80);

/// A member's weeks as a labelled column chart: the highest week's points
/// (and the lowest, below zero) by dashed lines, each week's first day
/// under its column (every one where the page is wide, fewer on a phone:
/// `tick` always, `mid` from a tablet's width, the rest only wide), each
/// column's exact points in its tooltip. None for a period of one week.
pub fn weekly(weeks: &[Points], days: &[Week], label: &str) -> String {
    let n = weeks.len().min(days.len());
    if n < 2 {
        return String::new();
    }
    let scale = Scale::new(&weeks[..n], PLOT.0, PLOT.1);
    let col = Decimal::ONE_HUNDRED / Decimal::from(n as u64);
    let mut out = format!(
        "<svg class=\"weekly\" width=\"100%\" role=\"img\" aria-label=\"{}\">",
        esc(label)
    );
    out.push_str(&guides(&scale, &weeks[..n]));
    let (tick, mid) = (n.div_ceil(7).max(1), n.div_ceil(20).max(1));
    for i in 0..n {
        let x = col * Decimal::from(i as u64);
        let day = days[i].from.format("%m-%d").to_string();
        let v = weeks[i].decimal();
        if !v.is_zero() {
            let (y, h) = scale.bar(v, Decimal::ONE);
            let class = if v < Decimal::ZERO {
                " class=\"neg\""
            } else {
                ""
            };
            out.push_str(&format!(
                "<rect x=\"{}%\" width=\"{}%\" y=\"{}%\" height=\"{}%\"{class}><title>{day}: {}</title></rect>",
                num(x + col * Decimal::new(15, 2)),
                num(col * Decimal::new(70, 2)),
                num(y),
                num(h),
                esc(&weeks[i].to_string())
            ));
        }
        let class = if i % tick == 0 {
            "tick"
        } else if i % mid == 0 {
            "mid"
        } else {
            "minor"
        };
        let (at, anchor) = if i == 0 {
            (x, "start")
        } else if i + 1 == n && n > 1 {
            (x + col, "end")
        } else {
            (x + col / Decimal::TWO, "middle")
        };
        out.push_str(&format!(
            "<text class=\"date {class}\" x=\"{}%\" y=\"96%\" text-anchor=\"{anchor}\">{day}</text>",
            num(at)
        ));
    }
    out.push_str("</svg>");
    out
}

/// The zero line, and a dashed line with its label at the highest week
/// (and at the lowest, when below zero).
fn guides(scale: &Scale, weeks: &[Points]) -> String {
    let zero = num(scale.at(Decimal::ZERO));
    let mut out =
        format!("<line class=\"base\" x1=\"0\" x2=\"100%\" y1=\"{zero}%\" y2=\"{zero}%\"/>");
    let high = weeks.iter().copied().max().unwrap_or_default();
    let low = weeks.iter().copied().min().unwrap_or_default();
    let marks = [
        (high > Points::ZERO).then_some(high),
        low.is_negative().then_some(low),
    ];
    for p in marks.into_iter().flatten() {
        let y = num(scale.at(p.decimal()));
        out.push_str(&format!(
            "<line class=\"guide\" x1=\"0\" x2=\"100%\" y1=\"{y}%\" y2=\"{y}%\"/>\
             <text class=\"value\" x=\"0\" y=\"{y}%\" dy=\"-0.3em\">{}</text>",
            esc(&p.to_string())
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Points {
        Points::parse(s).unwrap()
    }

    #[test]
    fn bars_scale_exactly_and_keep_the_smallest_visible() {
        let s = Scale::new(&[p("0"), p("61"), p("0.01"), p("-15")], 0, 100);
        // 0..61 above zero, 15 below: zero at 61/76 of the height.
        assert_eq!(num(s.at(Decimal::ZERO)), "80.263");
        assert_eq!(s.bar(Decimal::new(61, 0), Decimal::ONE).0, Decimal::ZERO);
        let (y, h) = s.bar(Decimal::new(1, 2), Decimal::ONE);
        assert_eq!(h, Decimal::ONE);
        assert_eq!(y + h, s.at(Decimal::ZERO));
        let flat = Scale::new(&[p("0")], 10, 90);
        assert_eq!(flat.at(Decimal::ZERO), Decimal::from(90));
    }

    #[test]
    fn the_weekly_chart_escapes_its_label_and_names_every_week() {
        let weeks = crate::ops::weekly::weeks_of(crate::domain::Period::parse("2026-Q1").unwrap());
        let values: Vec<Points> = (0..weeks.len()).map(|i| p(&format!("{i}"))).collect();
        let svg = weekly(&values, &weeks, "<b>");
        assert!(svg.contains("aria-label=\"&lt;b&gt;\""));
        assert!(!svg.contains("viewBox"), "text is never scaled");
        assert_eq!(svg.matches("<text class=\"date").count(), 14);
        assert!(svg.contains(">01-01</text>") && svg.contains(">03-30</text>"));
        assert!(svg.contains("<title>03-30: 13</title>"));
        assert!(svg.contains(">13</text>"), "the highest week's label");
    }
}
