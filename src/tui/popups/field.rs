//! The one form-field type the manual-award, rule and reward forms share:
//! a label, the text typed with its cursor (by what shows as one
//! character: a Chinese character, an accented letter, an emoji with its
//! modifiers is never split), which field has the focus, and the line
//! that draws a field with its mark for a problem.

use crate::text::{truncate, truncate_start, width};
use crate::tui::theme::Theme;
use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;

/// One field: its label, the rules-file or CSV key it writes, a hint, and
/// what was typed. The label and the hint are catalogue ids (`""`: no hint).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub label: &'static str,
    pub key: &'static str,
    pub hint: &'static str,
    pub value: String,
    /// Where typing goes: a byte offset into `value`, always between two
    /// of its grapheme clusters.
    cursor: usize,
}

impl Field {
    pub fn new(label: &'static str, key: &'static str, hint: &'static str) -> Field {
        Field {
            label,
            key,
            hint,
            value: String::new(),
            cursor: 0,
        }
    }

    /// The field holding `value`, the cursor at its end.
    pub fn with(mut self, value: impl Into<String>) -> Field {
        self.set(value);
        self
    }

    pub fn set(&mut self, value: impl Into<String>) {
        self.value = value.into();
        self.cursor = self.value.len();
    }

    /// Where the cluster before the cursor begins (the cursor at the start:
    /// the start).
    fn before_cursor(&self) -> usize {
        self.value[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    /// Where the cluster after the cursor ends.
    fn after_cursor(&self) -> usize {
        self.value[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    /// Types `c` at the cursor, which stays after it: a mark that joins
    /// the cluster before it (an accent, a variation selector) joins it.
    pub fn insert(&mut self, c: char) {
        self.value.insert(self.cursor, c);
        self.cursor += c.len_utf8();
        // After the cluster `c` ends up in (it may join what follows: a
        // letter typed before a lone accent).
        let cursor = self.cursor;
        self.cursor = self
            .value
            .grapheme_indices(true)
            .map(|(i, g)| i + g.len())
            .find(|&end| end >= cursor)
            .unwrap_or(self.value.len());
    }

    /// Deletes what shows as one character before the cursor.
    pub fn backspace(&mut self) {
        let from = self.before_cursor();
        self.value.replace_range(from..self.cursor, "");
        self.cursor = from;
    }

    pub fn left(&mut self) {
        self.cursor = self.before_cursor();
    }

    pub fn right(&mut self) {
        self.cursor = self.after_cursor();
    }

    /// What was typed with `_` where the cursor is.
    pub fn with_cursor(&self) -> String {
        let at = self.cursor;
        format!("{}_{}", &self.value[..at], &self.value[at..])
    }

    /// `with_cursor` in `room` cells, the cursor always in sight: a value
    /// too long is cut before the cursor (`…` first) and after it, what
    /// follows the cursor keeping up to a third of the room.
    pub fn around_cursor(&self, room: usize) -> String {
        let whole = self.with_cursor();
        if width(&crate::text::visible(&whole)) <= room || room < 3 {
            return truncate(&whole, room);
        }
        let at = self.cursor;
        let (before, after) = (&self.value[..at], &self.value[at..]);
        let after_room = if after.is_empty() {
            0
        } else {
            (room / 3).max(2)
        };
        let shown_after = truncate(after, after_room);
        let shown_before = truncate_start(before, room.saturating_sub(1 + width(&shown_after)));
        // Room the part before the cursor left goes to the part after it.
        let shown_after = truncate(after, room.saturating_sub(1 + width(&shown_before)));
        format!("{shown_before}_{shown_after}")
    }
}

/// A form's fields and the one with the focus.
#[derive(Debug, Clone, PartialEq)]
pub struct Fields {
    pub list: Vec<Field>,
    pub focus: usize,
    original: Vec<String>,
}

impl Fields {
    /// The fields as they open: `changed` compares with this.
    pub fn new(list: Vec<Field>) -> Fields {
        let original = list.iter().map(|f| f.value.clone()).collect();
        Fields {
            list,
            focus: 0,
            original,
        }
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Field> {
        self.list.iter()
    }

    pub fn focused(&self) -> &Field {
        &self.list[self.focus]
    }

    pub fn input(&mut self, c: char) {
        if let Some(f) = self.list.get_mut(self.focus) {
            f.insert(c);
        }
    }

    pub fn backspace(&mut self) {
        if let Some(f) = self.list.get_mut(self.focus) {
            f.backspace();
        }
    }

    pub fn left(&mut self) {
        if let Some(f) = self.list.get_mut(self.focus) {
            f.left();
        }
    }

    pub fn right(&mut self) {
        if let Some(f) = self.list.get_mut(self.focus) {
            f.right();
        }
    }

    pub fn next(&mut self) {
        self.focus = (self.focus + 1) % self.list.len().max(1);
    }

    pub fn prev(&mut self) {
        let n = self.list.len().max(1);
        self.focus = (self.focus + n - 1) % n;
    }

    /// Whether anything was typed since the form opened.
    /// The values as they are now are those the form opened with (a form
    /// that fills its fields after `new`).
    pub fn opened(&mut self) {
        self.original = self.list.iter().map(|f| f.value.clone()).collect();
    }

    pub fn changed(&self) -> bool {
        self.list
            .iter()
            .zip(&self.original)
            .any(|(f, o)| f.value != *o)
    }

    /// The trimmed text of the field writing `key` ("" when none does).
    pub fn value(&self, key: &str) -> &str {
        self.list
            .iter()
            .find(|f| f.key == key)
            .map_or("", |f| f.value.trim())
    }

    /// The index of the field writing `key`.
    pub fn position(&self, key: &str) -> Option<usize> {
        self.list.iter().position(|f| f.key == key)
    }
}

impl std::ops::Index<usize> for Fields {
    type Output = Field;

    fn index(&self, i: usize) -> &Field {
        &self.list[i]
    }
}

impl std::ops::IndexMut<usize> for Fields {
    fn index_mut(&mut self, i: usize) -> &mut Field {
        &mut self.list[i]
    }
}

/// A field's line: its mark (`!` a problem to show, else `>` for the
/// focus), its label padded to `label_w` cells and what was typed, with a
/// `_` cursor when it has the focus.
pub fn field_spans(
    field: &Field,
    label_w: usize,
    focused: bool,
    problem: bool,
    theme: &Theme,
    inner_width: usize,
) -> Vec<Span<'static>> {
    let mark = if problem {
        "!"
    } else if focused {
        ">"
    } else {
        " "
    };
    let head = format!(
        "{mark} {}",
        crate::text::pad_right(crate::i18n::t(field.label), label_w)
    );
    let room = inner_width.saturating_sub(width(&head) + 1);
    // The field being typed in keeps its cursor in sight.
    let value = if focused {
        field.around_cursor(room)
    } else {
        truncate(&field.value, room)
    };
    vec![
        Span::styled(head, if focused { theme.title() } else { theme.dim() }),
        Span::raw(" "),
        Span::raw(value),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_value_keeps_the_cursor_in_sight() {
        let mut f =
            Field::new("reason", "reason", "").with("客户投诉后未在规定时间内回访按团队制度扣分");
        // At the end: the typed end and the cursor show.
        let shown = f.around_cursor(20);
        assert!(
            shown.starts_with('…') && shown.ends_with("扣分_"),
            "{shown}"
        );
        assert!(width(&shown) <= 20, "{shown}");
        // In the middle: both sides cut, the cursor between.
        for _ in 0..10 {
            f.left();
        }
        let shown = f.around_cursor(20);
        assert!(shown.contains("时间_内"), "{shown}");
        assert!(shown.ends_with('…') && width(&shown) <= 20, "{shown}");
        // At the start: no `…` before the cursor.
        for _ in 0..30 {
            f.left();
        }
        let shown = f.around_cursor(20);
        assert!(
            shown.starts_with("_客户") && shown.ends_with('…'),
            "{shown}"
        );
        // A string wider than its characters one by one (`❤️`): no
        // overflow, never wider than the room.
        let mut hearts = Field::new("r", "r", "").with("❤\u{fe0f}".repeat(50));
        for room in 3..30 {
            assert!(width(&hearts.around_cursor(room)) <= room, "{room}");
        }
        for _ in 0..20 {
            hearts.left();
        }
        assert!(width(&hearts.around_cursor(20)) <= 20);
        // What fits is shown whole.
        assert_eq!(Field::new("r", "r", "").with("ab").around_cursor(20), "ab_");
    }

    #[test]
    fn editing_moves_by_characters_so_chinese_is_never_split() {
        let mut f = Field::new("name", "name", "").with("张伟");
        f.left();
        f.insert('小');
        assert_eq!(f.value, "张小伟");
        assert_eq!(f.with_cursor(), "张小_伟");
        f.right();
        f.right();
        f.backspace();
        assert_eq!(f.value, "张小");
        f.left();
        f.left();
        f.left();
        f.backspace();
        assert_eq!(f.value, "张小", "nothing before the cursor");
    }

    #[test]
    fn editing_moves_by_what_shows_as_one_character() {
        // An accent typed as its own mark, a heart with its variation
        // selector, a family joined by ZWJs: one step each.
        let family = "👨\u{200d}👩\u{200d}👧";
        let mut f = Field::new("name", "name", "").with(format!("e\u{301}❤\u{fe0f}{family}x"));
        f.left();
        assert_eq!(f.with_cursor(), format!("e\u{301}❤\u{fe0f}{family}_x"));
        f.left();
        assert_eq!(f.with_cursor(), format!("e\u{301}❤\u{fe0f}_{family}x"));
        f.left();
        assert_eq!(f.with_cursor(), format!("e\u{301}_❤\u{fe0f}{family}x"));
        f.left();
        assert_eq!(f.with_cursor(), format!("_e\u{301}❤\u{fe0f}{family}x"));
        f.right();
        f.right();
        f.backspace();
        assert_eq!(f.value, format!("e\u{301}{family}x"), "the heart whole");
        f.right();
        f.backspace();
        assert_eq!(f.value, "e\u{301}x", "the family whole");
        // A mark typed after a letter joins it; the cursor stays after both.
        let mut g = Field::new("name", "name", "").with("ab");
        g.left();
        g.insert('\u{301}');
        assert_eq!(g.with_cursor(), "a\u{301}_b");
        // A letter typed before a lone mark takes it: the cursor after both.
        let mut h = Field::new("name", "name", "").with("\u{301}");
        h.left();
        h.insert('e');
        assert_eq!(h.with_cursor(), "e\u{301}_");
        // The window of a long value never begins inside a cluster.
        let mut long = Field::new("r", "r", "").with(family.repeat(30));
        for _ in 0..10 {
            long.left();
        }
        let shown = long.around_cursor(12);
        assert!(
            !shown.contains("\u{200d}_") && !shown.starts_with("…\u{200d}"),
            "{shown:?}"
        );
    }

    #[test]
    fn focus_wraps_and_changes_are_seen() {
        let mut fs = Fields::new(vec![
            Field::new("a", "a", ""),
            Field::new("b", "b", "").with("x"),
        ]);
        fs.prev();
        assert_eq!(fs.focused().key, "b");
        assert!(!fs.changed());
        fs.input('y');
        assert_eq!(fs.value("b"), "xy");
        assert!(fs.changed());
        fs.next();
        assert_eq!(fs.focus, 0);
    }
}
