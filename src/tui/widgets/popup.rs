//! A centred popup with an ASCII border (box-drawing characters are double
//! width in many Chinese-locale terminals).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::symbols::border;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

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
    let rows: usize = lines.iter().map(|l| wrap(l, inner).len()).sum();
    u16::try_from(rows + 2).unwrap_or(u16::MAX)
}

/// `line` wrapped greedily by words at `inner` cells, each piece keeping
/// its spans' styles; a word wider than a row is cut between characters.
/// (Ratatui's own wrapping lets a double-width character at the end of a
/// row spill one cell over, onto the border.)
pub fn wrap<'a>(line: &Line<'a>, inner: usize) -> Vec<Line<'a>> {
    // The line's characters with their style, words marked by spaces.
    let chars: Vec<(char, ratatui::style::Style)> = line
        .spans
        .iter()
        .flat_map(|s| {
            let style = line.style.patch(s.style);
            crate::text::visible(&s.content)
                .chars()
                .map(move |c| (c, style))
                .collect::<Vec<_>>()
        })
        .collect();
    let width = |c: char| crate::text::width(c.encode_utf8(&mut [0; 4]));
    let mut rows: Vec<Vec<(char, ratatui::style::Style)>> = vec![Vec::new()];
    let mut col = 0;
    let mut i = 0;
    while i < chars.len() {
        // The next word and the spaces after it.
        let start = i;
        while i < chars.len() && chars[i].0 != ' ' {
            i += 1;
        }
        let word_end = i;
        while i < chars.len() && chars[i].0 == ' ' {
            i += 1;
        }
        let word: usize = chars[start..word_end].iter().map(|(c, _)| width(*c)).sum();
        if col > 0 && col + word > inner {
            rows.push(Vec::new());
            col = 0;
        }
        for &(c, style) in &chars[start..i] {
            let w = width(c);
            if col + w > inner {
                if c == ' ' {
                    continue;
                }
                rows.push(Vec::new());
                col = 0;
            }
            if let Some(row) = rows.last_mut() {
                row.push((c, style));
            }
            col += w;
        }
    }
    rows.into_iter()
        .map(|row| {
            let mut spans: Vec<ratatui::text::Span<'a>> = Vec::new();
            for (c, style) in row {
                match spans.last_mut() {
                    Some(last) if last.style == style => last.content.to_mut().push(c),
                    _ => spans.push(ratatui::text::Span::styled(c.to_string(), style)),
                }
            }
            Line::from(spans).alignment(line.alignment.unwrap_or_default())
        })
        .collect()
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
pub fn render(area: Rect, buf: &mut Buffer, title: &str, lines: Vec<Line<'_>>) {
    let inner = usize::from(area.width.saturating_sub(2)).max(1);
    let lines: Vec<Line> = lines.iter().flat_map(|l| wrap(l, inner)).collect();
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_set(ASCII)
        .title(format!(" {title} "));
    Paragraph::new(lines).block(block).render(area, buf);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A row that ends in a double-width character one cell short of the
    /// border wraps it; it never draws over the border (ratatui's own
    /// wrapping did, and the terminal lost the border and the character).
    #[test]
    fn a_wide_character_at_the_end_of_a_row_never_covers_the_border() {
        let text =
            "deal：D-000708（2026-10-01）基础 10 分，金额 58000 每满 10000 加 1 分，小计 15 分";
        let area = Rect::new(0, 0, 76, 6);
        let mut buf = Buffer::empty(area);
        render(area, &mut buf, "t", vec![Line::raw(text)]);
        for y in 1..5 {
            // A double-width character in the last cell before the border
            // spills onto it on the terminal.
            let last = buf[(74, y)].symbol();
            assert!(
                crate::text::width(last) <= 1,
                "row {y}: {last} covers the border"
            );
            assert_eq!(buf[(75, y)].symbol(), "|", "row {y} lost its border");
        }
        let shown: String = (1..5)
            .flat_map(|y| (1..75).map(move |x| (x, y)))
            .map(|p| buf[p].symbol().to_string())
            .collect();
        assert!(shown.contains('计') && shown.contains("15"), "{shown}");
        assert_eq!(height(&[Line::raw(text)], 76), 4);
    }
}
