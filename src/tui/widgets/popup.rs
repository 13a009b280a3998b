//! A centred popup with an ASCII border (box-drawing characters are double
//! width in many Chinese-locale terminals).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::symbols::border;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

pub const ASCII: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// The height a popup `width` cells wide needs for `lines` once they wrap
/// at word boundaries, border included: the last line (how to close it) is
/// never cut.
pub fn height(lines: &[Line<'_>], width: u16) -> u16 {
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = lines
        .iter()
        .map(|l| {
            let text: String = l
                .spans
                .iter()
                .map(|s| crate::text::visible(&s.content).into_owned())
                .collect();
            wrapped_rows(&text, inner)
        })
        .sum();
    u16::try_from(rows + 2).unwrap_or(u16::MAX)
}

/// Rows `text` takes wrapped greedily by words at `inner` cells.
fn wrapped_rows(text: &str, inner: usize) -> usize {
    let mut rows = 1;
    let mut col = 0;
    for word in text.split_inclusive(' ') {
        let w = crate::text::width(word);
        let bare = crate::text::width(word.trim_end());
        if col > 0 && col + bare > inner {
            rows += 1;
            col = 0;
        }
        if w > inner {
            rows += (w - 1) / inner;
            col = w % inner;
        } else {
            col += w;
        }
    }
    rows
}

/// A rectangle of `width`×`height` cells centred in `area` (clamped to it).
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Draws `lines` in a bordered, titled popup over whatever is below; the
/// text is shown `text::visible` (stored names, reasons, explanations).
pub fn render(area: Rect, buf: &mut Buffer, title: &str, mut lines: Vec<Line<'_>>) {
    for line in &mut lines {
        for span in &mut line.spans {
            if let std::borrow::Cow::Owned(shown) = crate::text::visible(&span.content) {
                span.content = shown.into();
            }
        }
    }
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_set(ASCII)
        .title(format!(" {title} "));
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

/// A form's popup: up to 76 cells wide, as tall as its lines (which
/// `lines` draws for the inner width), inside the screen.
pub fn render_form<'a>(
    area: Rect,
    buf: &mut Buffer,
    title: &str,
    lines: impl FnOnce(usize) -> Vec<Line<'a>>,
) {
    let w = area.width.saturating_sub(4).min(76);
    let lines = lines(usize::from(w.saturating_sub(2)));
    let h = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    render(centred(area, w, h), buf, title, lines);
}
