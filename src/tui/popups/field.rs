//! The one form-field type the manual-award, rule and reward forms share:
//! a label, the text typed with its cursor (by character, so a Chinese
//! character is never split), which field has the focus, and the line
//! that draws a field with its mark for a problem.

use crate::text::{truncate, truncate_start, width};
use crate::tui::theme::Theme;
use ratatui::text::Span;

/// One field: its label, the rules-file or CSV key it writes, a hint, and
/// what was typed. The label and the hint are catalogue ids (`""`: no hint).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub label: &'static str,
    pub key: &'static str,
    pub hint: &'static str,
    pub value: String,
    /// Where typing goes, in characters from the start.
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
        self.cursor = self.value.chars().count();
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.value
            .char_indices()
            .nth(chars)
            .map_or(self.value.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, c: char) {
        let at = self.byte_at(self.cursor);
        self.value.insert(at, c);
        self.cursor += 1;
    }

    /// Deletes the character before the cursor.
    pub fn backspace(&mut self) {
        if self.cursor == 0 {
            return;
        }
        self.cursor -= 1;
        let at = self.byte_at(self.cursor);
        self.value.remove(at);
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.value.chars().count());
    }

    /// What was typed with `_` where the cursor is.
    pub fn with_cursor(&self) -> String {
        let at = self.byte_at(self.cursor);
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
        let at = self.byte_at(self.cursor);
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
