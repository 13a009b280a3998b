//! Text for terminals: the one escape every line merit prints for a person
//! goes through (control, bidi-override and invisible characters shown as
//! `\u{…}`, so stored text can never drive another lead's terminal or hide
//! what it says), and widths in cells (CJK characters take two), padding
//! and truncation with an ellipsis that fits.

use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Whether `c` would act on a terminal or hide itself instead of showing:
/// C0 and C1 controls and DEL, the line and paragraph separators, the
/// bidi controls (embeddings, overrides, isolates, marks) and the
/// invisible zero-width space, word joiner and byte-order mark.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// `is_hidden`, or any other character that shows nothing (joiners, soft
/// hyphen, invisible operators): never allowed in a code, where two codes
/// that look alike must be alike.
pub fn is_invisible(c: char) -> bool {
    is_hidden(c)
        || matches!(
            c,
            '\u{00AD}' | '\u{034F}' | '\u{180E}' | '\u{200C}' | '\u{200D}' | '\u{2061}'
                ..='\u{2064}'
        )
}

/// `s` as one line safe to print for a person: newline, carriage return
/// and tab as `\n`, `\r`, `\t`, every other hidden character (`is_hidden`)
/// as `\u{1b}`. Idempotent: what it writes has nothing left to escape.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hidden(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `visible` line by line, keeping the line breaks: for Markdown and other
/// many-line text printed for people.
pub fn visible_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        out.push_str(&visible(body));
        out.push_str(end);
    }
    out
}

/// A cell of CSV output: exact, but with the controls that would drive a
/// terminal written as `\u{1b}`, so a script's terminal (or a `cat` of
/// the file) is never driven by them: C0 controls other than tab and
/// newline (which CSV quoting carries), a carriage return not followed by
/// a newline (which would send the cursor back over the line, so that
/// what follows hides what came before), DEL and the C1 controls.
pub fn csv_safe(s: &str) -> Cow<'_, str> {
    let bad = |c: char, next: Option<char>| match c {
        '\t' | '\n' => false,
        '\r' => next != Some('\n'),
        c => c.is_control(),
    };
    let mut chars = s.chars().peekable();
    let mut clean = true;
    while let Some(c) = chars.next() {
        if bad(c, chars.peek().copied()) {
            clean = false;
            break;
        }
    }
    if clean {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if bad(c, chars.peek().copied()) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Width of `s` in terminal cells.
pub fn width(s: &str) -> usize {
    s.width()
}

/// Cuts `s` (made `visible`) to at most `max` cells, ending in `…` when
/// something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    cut(s, max, false)
}

/// `s` made `visible` and cut to `max` cells, the `…` at the end cut at
/// (`from_start`: at its start, keeping its end).
fn cut(s: &str, max: usize, from_start: bool) -> String {
    let s = visible(s);
    let s = s.as_ref();
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    // By what shows as one character (a letter and its accent, an emoji
    // and its modifiers): a cut never splits one.
    let mut kept: Vec<&str> = Vec::new();
    let mut used = 0;
    let clusters: Box<dyn Iterator<Item = &str>> = if from_start {
        Box::new(s.graphemes(true).rev())
    } else {
        Box::new(s.graphemes(true))
    };
    for g in clusters {
        let w = g.width();
        if used + w > max - 1 {
            break;
        }
        kept.push(g);
        used += w;
    }
    // A string can be wider than its clusters one by one: cut on until
    // the whole fits, as a terminal measures it.
    loop {
        let out: String = if from_start {
            std::iter::once("…")
                .chain(kept.iter().rev().copied())
                .collect()
        } else {
            kept.iter().copied().chain(std::iter::once("…")).collect()
        };
        if width(&out) <= max || kept.is_empty() {
            return out;
        }
        kept.pop();
    }
}

/// Cuts `s` (made `visible`) to at most `max` cells from its start,
/// beginning with `…` when something was cut: the end of what is being
/// typed stays in sight.
pub fn truncate_start(s: &str, max: usize) -> String {
    cut(s, max, true)
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

    /// `❤️` (a heart and a variation selector) is two cells as a string,
    /// one as its characters: a cut never comes out wider than asked.
    /// A cut keeps or drops what shows as one character whole: a letter
    /// with its accent, a family of emoji joined by ZWJs.
    #[test]
    fn a_cut_never_splits_what_shows_as_one_character() {
        assert_eq!(truncate("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
        let family = "👨\u{200d}👩\u{200d}👧";
        let row = format!("{family}{family}{family}");
        for max in 1..8 {
            for cut in [truncate(&row, max), truncate_start(&row, max)] {
                let kept = cut.replace('…', "");
                assert_eq!(kept.replace(family, ""), "", "{max}: {cut:?}");
            }
        }
    }

    #[test]
    fn a_cut_is_never_wider_than_asked() {
        let hearts = "❤\u{fe0f}".repeat(50);
        for max in 1..40 {
            assert!(width(&truncate(&hearts, max)) <= max, "{max}");
            assert!(width(&truncate_start(&hearts, max)) <= max, "{max}");
        }
    }

    #[test]
    fn truncate_start_keeps_the_end_in_cells() {
        assert_eq!(truncate_start("filter: abc", 20), "filter: abc");
        assert_eq!(truncate_start("filter: abcdef_", 8), "…abcdef_");
        // A double-width character is not split: one cell stays empty.
        assert_eq!(truncate_start("张伟李娜_", 5), "…娜_");
        assert_eq!(width(&truncate_start("张伟李娜_", 6)), 6);
        assert_eq!(truncate_start("abc", 0), "");
    }

    #[test]
    fn escapes_and_bidi_controls_are_shown_not_obeyed() {
        assert_eq!(
            visible("\u{1b}]0;owned\u{7}\u{1b}[2J"),
            "\\u{1b}]0;owned\\u{7}\\u{1b}[2J"
        );
        assert_eq!(visible("abc\u{202e}fdp.exe"), "abc\\u{202e}fdp.exe");
        assert_eq!(visible("a\nb\tc"), "a\\nb\\tc");
        assert_eq!(visible("张伟 Zoë"), "张伟 Zoë");
        let once = visible("\u{1b}[31m\u{200b}").into_owned();
        assert_eq!(visible(&once), once, "idempotent");
        assert_eq!(truncate("\u{1b}[2J", 20), "\\u{1b}[2J");
        assert_eq!(visible_lines("# a\u{1b}\nb\n"), "# a\\u{1b}\nb\n");
        assert_eq!(csv_safe("a\u{1b}b\nc\td"), "a\\u{1b}b\nc\td");
        // A carriage return alone would take the cursor back over what a
        // cell said; before a newline it is a line's end, and kept.
        assert_eq!(csv_safe("ok\rNO"), "ok\\u{d}NO");
        assert_eq!(csv_safe("a\r\nb"), "a\r\nb");
        assert_eq!(csv_safe("a\r"), "a\\u{d}");
        // C1 controls (CSI among them) and DEL too; other text is kept.
        assert_eq!(csv_safe("x\u{9b}31my\u{7f}"), "x\\u{9b}31my\\u{7f}");
        assert_eq!(csv_safe("王芳 \u{202e}"), "王芳 \u{202e}");
    }

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
