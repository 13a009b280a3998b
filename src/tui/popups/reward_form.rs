//! The reward form of the Catalog pane: code, name, cost, stock, category,
//! active and the fair-redemption limits, checked as typed by the rewards
//! CSV import's own reader. Typing the code of an existing reward loads it
//! (and its limits) for editing.

use super::field::{Field, Fields, field_spans};
use super::{Outcome, Overlay, PopupCx};
use crate::domain::{Reward, RewardLimits};
use crate::error::Result;
use crate::i18n::{t, word};
use crate::message::Msg;
use crate::ops::import::reward_from_cells;
use crate::tui::action::Action;
use crate::tui::strings as s;
use crate::tui::theme::Theme;
use crate::tui::widgets::popup;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use std::collections::HashMap;

/// The fields' keys, which are also the rewards CSV's column names.
pub const FIELDS: [&str; 10] = [
    "code",
    "name",
    "cost",
    "stock",
    "category",
    "active",
    "limit_qty",
    "limit_per",
    "available_from",
    "available_to",
];
/// The labels' catalogue ids (in English, the column names).
const LABELS: [&str; 10] = [
    "code",
    "name",
    "cost",
    "stock",
    "category",
    "active",
    "limit-qty",
    "limit-per",
    "available-from",
    "available-to",
];
/// The hints' catalogue ids.
const HINTS: [&str; 10] = [
    "no-spaces-an-existing-code-edits",
    "what-members-see",
    "points-per-item",
    "items-left-empty-unlimited",
    "free-text-e-g-gift-time",
    "true-or-false",
    "at-most-this-many-per-member",
    "month-quarter-or-year-with-limit",
    "first-day-it-can-be-asked",
    "last-day-it-can-be-asked",
];

/// The catalogue ids of every label and hint (for the catalogue test).
pub fn words() -> Vec<&'static str> {
    LABELS.iter().chain(HINTS.iter()).copied().collect()
}

/// The labels' width: the longest column name.
const LABEL_W: usize = 14;
/// Hints and problems start under the values.
const INDENT: &str = "                 ";

#[derive(Debug, Clone)]
pub struct RewardForm {
    pub fields: Fields,
    rewards: Vec<Reward>,
    limits: HashMap<String, RewardLimits>,
    pub tried: bool,
    /// The code whose reward typing loaded: once the code names another,
    /// its values go (they stayed, under "New reward").
    loaded: Option<String>,
}

impl RewardForm {
    /// A blank form, or one filled from `current` (the reward to edit).
    /// `limits`: each reward's limits, by code.
    pub fn new(
        rewards: Vec<Reward>,
        limits: HashMap<String, RewardLimits>,
        current: Option<&Reward>,
    ) -> RewardForm {
        let list = FIELDS
            .iter()
            .zip(LABELS)
            .zip(HINTS)
            .map(|((&key, label), hint)| Field::new(label, key, hint))
            .collect();
        let mut f = RewardForm {
            fields: Fields::new(list),
            rewards,
            limits,
            tried: false,
            loaded: None,
        };
        f.fields[5].set(super::form_words::shown("active", "true"));
        if let Some(r) = current {
            f.fill(&r.clone());
            f.loaded = Some(r.code.clone());
            f.fields.focus = 1;
        }
        // As it opens, nothing is changed: Esc closes it at once.
        f.fields.opened();
        f
    }

    fn fill(&mut self, r: &Reward) {
        let l = self.limits.get(&r.code).cloned().unwrap_or_default();
        let text = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let values = [
            r.code.clone(),
            r.name.clone(),
            r.cost.to_string(),
            r.stock.map(|n| n.to_string()).unwrap_or_default(),
            r.category.clone(),
            r.active.to_string(),
            l.limit_qty.map(|n| n.to_string()).unwrap_or_default(),
            l.limit_per
                .map(|k| k.as_str().to_string())
                .unwrap_or_default(),
            text(l.available_from),
            text(l.available_to),
        ];
        for (i, v) in values.into_iter().enumerate() {
            let v = super::form_words::shown(FIELDS[i], &v);
            self.fields[i].set(v);
        }
    }

    pub fn input(&mut self, c: char) {
        self.fields.input(c);
        self.code_typed();
    }

    pub fn backspace(&mut self) {
        self.fields.backspace();
        self.code_typed();
    }

    /// On the code field: an existing reward's code loads it.
    fn code_typed(&mut self) {
        if self.fields.focus != 0 {
            return;
        }
        if let Some(r) = self.editing().cloned() {
            self.fill(&r);
            self.loaded = Some(r.code);
        } else if self.loaded.take().is_some() {
            for i in 1..FIELDS.len() {
                self.fields[i].set("");
            }
            self.fields[5].set(super::form_words::shown("active", "true"));
        }
    }

    /// The existing reward the code names: saving changes it.
    pub fn editing(&self) -> Option<&Reward> {
        let code = self.fields[0].value.trim();
        self.rewards.iter().find(|r| r.code == code)
    }

    /// The reward and its limits, or the problems by field index.
    pub fn reward(&self) -> std::result::Result<(Reward, RewardLimits), Vec<(usize, Msg)>> {
        let cells: Vec<(&str, &str)> = self
            .fields
            .iter()
            .map(|f| (f.key, super::form_words::code(f.key, &f.value)))
            .collect();
        reward_from_cells(&cells)
            .map(|(r, l)| (r, l.unwrap_or_default()))
            .map_err(|errors| {
                errors
                    .into_iter()
                    .map(|(field, m)| {
                        let at = FIELDS.iter().position(|f| *f == field).unwrap_or(0);
                        (at, super::form_words::in_form_words(m))
                    })
                    .collect()
            })
    }

    pub fn focus_first_error(&mut self) {
        if let Err(e) = self.reward()
            && let Some(f) = e.iter().map(|(f, _)| *f).min()
        {
            self.fields.focus = f;
        }
    }

    pub fn title(&self) -> String {
        match self.editing() {
            Some(r) => format!("{} {}", s::EDIT_REWARD(), r.code),
            None => s::NEW_REWARD().to_string(),
        }
    }

    pub fn update(mut self: Box<Self>, action: Action, cx: &mut PopupCx) -> Result<Outcome> {
        match action {
            Action::Input(c) => self.input(c),
            Action::Backspace => self.backspace(),
            Action::NextField | Action::Down => self.fields.next(),
            Action::PrevField | Action::Up => self.fields.prev(),
            Action::Left => self.fields.left(),
            Action::Right => self.fields.right(),
            Action::Cancel => {
                let changed = self.fields.changed();
                return Ok(cx.cancel_form(changed, Overlay::Reward(self)));
            }
            Action::Quit => {
                return Ok(Outcome::quit_unsaved(
                    cx.armed,
                    true,
                    s::QUIT_REWARD(),
                    Overlay::Reward(self),
                ));
            }
            Action::Confirm => match self.reward() {
                Ok((r, l)) => {
                    match crate::ops::catalog::save_reward(cx.store, cx.ctx, &r, Some(&l)) {
                        Ok(change) => {
                            return Ok(Outcome::done()
                                .say(s::reward_saved(&r.code, change))
                                .reload());
                        }
                        Err(e) => {
                            let text = crate::i18n::error_lines(&e).join("; ");
                            return Ok(Outcome::show(Overlay::Reward(self)).warn(text));
                        }
                    }
                }
                Err(_) => {
                    self.tried = true;
                    self.focus_first_error();
                    return Ok(Outcome::show(Overlay::Reward(self)).say(s::FORM_FIXES()));
                }
            },
            _ => {}
        }
        Ok(Outcome::show(Overlay::Reward(self)))
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        popup::render_form(area, buf, &self.title(), |w| self.lines(theme, w));
    }

    pub fn lines(&self, theme: &Theme, inner_width: usize) -> Vec<Line<'static>> {
        let errors = self.reward().err().unwrap_or_default();
        let mut out = vec![Line::raw("")];
        for (i, field) in self.fields.iter().enumerate() {
            let focused = i == self.fields.focus;
            let err = errors.iter().find(|(f, _)| *f == i).map(|(_, m)| m.clone());
            let show = err.is_some() && (self.tried || focused || !field.value.is_empty());
            out.push(Line::from(field_spans(
                field,
                LABEL_W,
                focused,
                show,
                theme,
                inner_width,
            )));
            if focused {
                let (text, style) = match (&err, show) {
                    (Some(e), true) => (word(e), theme.error()),
                    _ => (t(field.hint).to_string(), theme.dim()),
                };
                out.push(Line::styled(format!("{INDENT}{text}"), style));
            } else if show && let Some(e) = err {
                out.push(Line::styled(format!("{INDENT}{}", word(&e)), theme.error()));
            }
        }
        out.push(Line::raw(""));
        out.push(Line::styled(
            format!("  {}", s::REWARD_FORM_KEYS()),
            theme.dim(),
        ));
        out
    }
}
