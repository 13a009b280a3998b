//! Width-aware text for terminals: widths in cells (CJK characters take
//! two), padding and truncation with an ellipsis that fits.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Width of `s` in terminal cells.
pub fn width(s: &str) -> usize {
    s.width()
}

/// Cuts `s` to at most `max` cells, ending in `…` when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `s` cut to `cells` and padded with spaces on the right to exactly `cells`.
pub fn pad_right(s: &str, cells: usize) -> String {
    let t = truncate(s, cells);
    let w = width(&t);
    format!("{t}{}", " ".repeat(cells.saturating_sub(w)))
}

/// `s` cut to `cells` and padded with spaces on the left to exactly `cells`.
pub fn pad_left(s: &str, cells: usize) -> String {
    let t = truncate(s, cells);
    let w = width(&t);
    format!("{}{t}", " ".repeat(cells.saturating_sub(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_two_cells() {
        assert_eq!(width("张伟"), 4);
        assert_eq!(pad_right("张伟", 6), "张伟  ");
        assert_eq!(pad_left("15", 4), "  15");
    }

    #[test]
    fn truncation_never_overflows_with_wide_chars() {
        assert_eq!(truncate("张伟李娜", 5), "张伟…");
        assert_eq!(width(&truncate("张伟李娜", 5)), 5);
        assert_eq!(pad_right("张伟李娜", 4), "张… ");
        assert_eq!(truncate("John Smith", 6), "John …");
    }
}
