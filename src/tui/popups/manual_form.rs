//! The manual-award form: member picked by typing part of a code or name,
//! points, date, category and reason, each checked as it is typed. Nothing
//! is saved until every field is valid.

use super::field::{Field, Fields, field_spans};
use super::{Outcome, Overlay, PopupCx};
use crate::domain::{Member, Points, parse_date};
use crate::error::Result;
use crate::message::Msg;
use crate::msg;
use crate::ops::award::{ManualAward, add_manual};
use crate::tui::action::Action;
use crate::tui::strings as s;
use crate::tui::theme::Theme;
use crate::tui::widgets::popup;
use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// The labels' catalogue ids.
pub const FIELDS: [&str; 5] = ["member-2", "points-2", "date-2", "category-2", "reason"];
const KEYS: [&str; 5] = ["member", "points", "date", "category", "reason"];
const MEMBER: usize = 0;
const POINTS: usize = 1;
const DATE: usize = 2;
const CATEGORY: usize = 3;
const REASON: usize = 4;
/// Matches shown under the member field.
const SHOWN: usize = 4;

#[derive(Debug, Clone)]
pub struct ManualForm {
    pub fields: Fields,
    /// Which of the member matches is chosen.
    pub pick: usize,
    members: Vec<Member>,
    /// Whether Enter was pressed once: then every error is shown.
    pub tried: bool,
}

impl ManualForm {
    pub fn new(members: Vec<Member>, today: NaiveDate) -> ManualForm {
        let field = |i: usize| Field::new(FIELDS[i], KEYS[i], "");
        ManualForm {
            fields: Fields::new(vec![
                field(MEMBER),
                field(POINTS),
                field(DATE).with(today.to_string()),
                field(CATEGORY).with(match crate::i18n::current() {
                    crate::i18n::Lang::ZhCn => "手动",
                    _ => "manual",
                }),
                field(REASON),
            ]),
            pick: 0,
            members: members.into_iter().filter(|m| m.active).collect(),
            tried: false,
        }
    }

    /// Active members whose code or name contains what was typed.
    pub fn matches(&self) -> Vec<&Member> {
        let q = self.fields[MEMBER].value.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let mut exact: Vec<&Member> = Vec::new();
        let mut partial: Vec<&Member> = Vec::new();
        for m in &self.members {
            if m.code.to_lowercase() == q {
                exact.push(m);
            } else if m.code.to_lowercase().contains(&q) || m.name.to_lowercase().contains(&q) {
                partial.push(m);
            }
        }
        exact.extend(partial);
        exact
    }

    pub fn chosen(&self) -> Option<&Member> {
        let m = self.matches();
        m.get(self.pick.min(m.len().saturating_sub(1))).copied()
    }

    pub fn input(&mut self, c: char) {
        self.fields.input(c);
        if self.fields.focus == MEMBER {
            self.pick = 0;
        }
    }

    pub fn backspace(&mut self) {
        self.fields.backspace();
        if self.fields.focus == MEMBER {
            self.pick = 0;
        }
    }

    /// Down: the next member match while choosing among several, else the
    /// next field.
    pub fn down(&mut self) {
        let n = self.matches().len().min(SHOWN);
        if self.fields.focus == MEMBER && self.pick + 1 < n {
            self.pick += 1;
        } else {
            self.fields.next();
        }
    }

    pub fn up(&mut self) {
        if self.fields.focus == MEMBER && self.pick > 0 {
            self.pick -= 1;
        } else {
            self.fields.prev();
        }
    }

    /// The problem with a field, if any.
    pub fn error(&self, field: usize) -> Option<Msg> {
        let v = self.fields[field].value.trim();
        match field {
            MEMBER if v.is_empty() => Some(msg!("value-type-member")),
            MEMBER if self.chosen().is_none() => Some(msg!("no-active-member-matches")),
            POINTS => match Points::parse(v) {
                Err(e) => Some(e),
                Ok(p) if p.is_zero() => Some(msg!("value-must-not-be-0")),
                Ok(_) => None,
            },
            DATE => parse_date(v).err(),
            CATEGORY if v.is_empty() => Some(msg!("value-must-not-be-empty")),
            REASON if v.is_empty() => Some(msg!("award-needs-reason")),
            _ => None,
        }
    }

    /// The award, when every field is valid.
    pub fn award(&self) -> Option<ManualAward> {
        if (0..FIELDS.len()).any(|f| self.error(f).is_some()) {
            return None;
        }
        Some(ManualAward {
            member: self.chosen()?.code.clone(),
            points: Points::parse(self.fields.value("points")).ok()?,
            date: parse_date(self.fields.value("date")).ok()?,
            category: super::form_words::manual_category(
                crate::i18n::current(),
                self.fields.value("category"),
            )
            .to_string(),
            reason: self.fields.value("reason").to_string(),
        })
    }

    /// Moves the focus to the first invalid field.
    pub fn focus_first_error(&mut self) {
        if let Some(f) = (0..FIELDS.len()).find(|f| self.error(*f).is_some()) {
            self.fields.focus = f;
        }
    }

    pub fn update(mut self: Box<Self>, action: Action, cx: &mut PopupCx) -> Result<Outcome> {
        match action {
            Action::Input(c) => self.input(c),
            Action::Backspace => self.backspace(),
            Action::NextField => self.fields.next(),
            Action::PrevField => self.fields.prev(),
            Action::Left => self.fields.left(),
            Action::Right => self.fields.right(),
            Action::Down => self.down(),
            Action::Up => self.up(),
            Action::Cancel => {
                let changed = self.fields.changed();
                return Ok(cx.cancel_form(changed, Overlay::Form(self)));
            }
            Action::Quit => {
                return Ok(Outcome::quit_unsaved(
                    cx.armed,
                    true,
                    s::QUIT_FORM(),
                    Overlay::Form(self),
                ));
            }
            Action::Confirm => {
                self.tried = true;
                let Some(award) = self.award() else {
                    self.focus_first_error();
                    return Ok(Outcome::show(Overlay::Form(self)).say(s::FORM_FIXES()));
                };
                match add_manual(cx.store, cx.ctx, &award) {
                    Ok(id) => {
                        let text = s::saved_manual(id, &award.member, &award.points.to_string());
                        return Ok(Outcome::done().say(text).reload());
                    }
                    Err(e) => {
                        let text = crate::i18n::error_lines(&e).join("; ");
                        return Ok(Outcome::show(Overlay::Form(self)).warn(text));
                    }
                }
            }
            _ => {}
        }
        Ok(Outcome::show(Overlay::Form(self)))
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        popup::render_form(area, buf, s::FORM_TITLE(), |w| self.lines(theme, w));
    }

    pub fn lines(&self, theme: &Theme, inner_width: usize) -> Vec<Line<'static>> {
        let mut out = vec![Line::raw("")];
        for (i, field) in self.fields.iter().enumerate() {
            let focused = i == self.fields.focus;
            let err = self.error(i);
            let typed = !field.value.is_empty();
            let show_err =
                err.is_some() && (self.tried || (typed && !focused) || (i == POINTS && typed));
            let mut spans = field_spans(field, 10, focused, show_err, theme, inner_width);
            if i == MEMBER
                && let Some(m) = self.chosen()
            {
                let who = format!("  = {} {} ({})", m.code, m.name, m.team);
                spans.push(Span::styled(who, theme.good()));
            }
            out.push(Line::from(spans));
            if i == MEMBER && focused {
                let matches = self.matches();
                for (j, m) in matches.iter().take(SHOWN).enumerate() {
                    let pointer = if j == self.pick { ">" } else { " " };
                    out.push(Line::raw(format!(
                        "             {pointer} {} {} ({})",
                        m.code, m.name, m.team
                    )));
                }
                if matches.len() > SHOWN {
                    out.push(Line::styled(
                        format!("               … {}", s::more(matches.len() - SHOWN)),
                        theme.dim(),
                    ));
                }
            }
            if show_err && let Some(e) = err {
                out.push(Line::styled(
                    format!("             {}", crate::i18n::word(&e)),
                    theme.error(),
                ));
            }
        }
        out.push(Line::raw(""));
        out.push(Line::styled(format!("  {}", s::FORM_KEYS()), theme.dim()));
        out
    }
}
