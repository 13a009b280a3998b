//! Fixed-width text columns measured in terminal cells, so that Chinese
//! names (two cells a character) line up with Latin ones.

use crate::text::{pad_left, pad_right};

#[derive(Debug, Clone, Copy)]
pub enum Align {
    Left,
    Right,
}

/// One column: its width in cells and its alignment.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub width: usize,
    pub align: Align,
}

pub const fn left(width: usize) -> Col {
    Col {
        width,
        align: Align::Left,
    }
}

pub const fn right(width: usize) -> Col {
    Col {
        width,
        align: Align::Right,
    }
}

/// Cells padded or cut to their columns, joined by one space.
pub fn row(cols: &[Col], cells: &[&str]) -> String {
    cols.iter()
        .zip(cells)
        .map(|(c, s)| match c.align {
            Align::Left => pad_right(s, c.width),
            Align::Right => pad_left(s, c.width),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The width left for a flexible column once the fixed ones (and the
/// spaces between all of them) are placed in `total` cells.
pub fn flex(total: usize, fixed: &[usize]) -> usize {
    let used: usize = fixed.iter().sum::<usize>() + fixed.len();
    total.saturating_sub(used).max(4)
}

/// A visible window of `height` rows of `rows` keeping `cursor` on
/// screen, and the screen full: when rows leave (approved out of a
/// pending view), the window moves up rather than show the last one alone.
pub fn scroll_for(cursor: usize, scroll: usize, height: usize, rows: usize) -> usize {
    if height == 0 {
        return 0;
    }
    let scroll = if cursor < scroll {
        cursor
    } else if cursor >= scroll + height {
        cursor + 1 - height
    } else {
        scroll
    };
    scroll.min(rows.saturating_sub(height))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width;

    #[test]
    fn chinese_and_latin_names_end_on_the_same_cell() {
        let cols = [left(4), left(8), right(5)];
        let a = row(&cols, &["ZW", "张伟", "25"]);
        let b = row(&cols, &["JS", "John Smith", "7.5"]);
        assert_eq!(width(&a), width(&b));
        assert_eq!(a, "ZW   张伟        25");
        assert_eq!(b, "JS   John Sm…   7.5");
    }

    #[test]
    fn scrolling_keeps_the_cursor_visible() {
        assert_eq!(scroll_for(0, 5, 10, 20), 0);
        assert_eq!(scroll_for(15, 0, 10, 20), 6);
        assert_eq!(scroll_for(7, 3, 10, 20), 3);
        // 113 rows, the last ten shown; 13 are left: the window shows all.
        assert_eq!(scroll_for(12, 103, 10, 13), 3);
        assert_eq!(scroll_for(2, 0, 10, 3), 0);
    }
}
