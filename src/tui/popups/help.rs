//! The `?` help: every key from the keymap, in two columns that fit 80×24.

use crate::tui::keymap;
use crate::tui::strings as s;
use crate::tui::theme::Theme;
use crate::tui::widgets::popup;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub fn render(area: Rect, buf: &mut Buffer, theme: &Theme) {
    let sections = keymap::help();
    let column = |which: &[usize]| -> Vec<String> {
        let mut out = Vec::new();
        for (title, rows) in which.iter().filter_map(|&i| sections.get(i)) {
            out.push(title.to_string());
            for (keys, what) in rows {
                out.push(format!(" {} {what}", crate::text::pad_right(keys, 9)));
            }
        }
        out
    };
    // Everywhere and Catalog on the left; Ledger, Rules and Rankings on
    // the right: 19 and 22 rows, inside 80×24.
    let (left, right) = (column(&[0, 3]), column(&[1, 2, 4]));
    let styled = |t: &str, w: usize| {
        let style = if t.starts_with(' ') {
            Style::default()
        } else {
            theme.title()
        };
        Span::styled(crate::text::pad_right(t, w), style)
    };
    let lines: Vec<Line> = (0..left.len().max(right.len()))
        .map(|i| {
            let l = left.get(i).map(String::as_str).unwrap_or(" ");
            let r = right.get(i).map(String::as_str).unwrap_or(" ");
            // A space between the columns: a long left line ran into the
            // right one (`(Home/End) Enter`).
            Line::from(vec![styled(l, 37), Span::raw(" "), styled(r, 38)])
        })
        .collect();
    let h = (lines.len() as u16 + 2).min(area.height);
    popup::render(popup::centred(area, 78, h), buf, s::HELP_TITLE(), lines);
}
