//! The rule editor of the Rules pane: the form on the left, on the right
//! the shown period's standings under the edited rules beside those under
//! the rules in force. Every keystroke re-validates the rule through the
//! rules parser (as `rules import` does) and, when it is valid, re-scores
//! the preview.

use super::field::field_spans;
use super::rule_form::{Kind, RuleForm};
use super::{Outcome, Overlay, PopupCx, RuleDate};
use crate::domain::Period;
use crate::error::Result;
use crate::i18n::{t, word};
use crate::message::Msg;
use crate::ops::preview::{Comparison, Preview};
use crate::ops::rules::revised;
use crate::rules::{Change, RuleError, RuleSet, RuleVersion, version_from_table};
use crate::text::truncate;
use crate::tui::action::Action;
use crate::tui::strings as s;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::{left, right, row};
use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

/// One rule being edited (or added) with its live preview.
#[derive(Debug, Clone)]
pub struct RuleEditor {
    /// The rule's id; empty for a new rule until one is typed.
    id: String,
    pub form: RuleForm,
    /// The rules in force when the editor opened.
    set: RuleSet,
    preview: Preview,
    /// The date the change is previewed from (and offered when saving).
    pub from: NaiveDate,
    /// Problems by field, and those of the rule as a whole.
    pub errors: Vec<(Option<usize>, Msg)>,
    /// The edited version, when the form is valid.
    pub version: Option<RuleVersion>,
    pub comparison: Option<Comparison>,
    /// First preview row shown.
    pub scroll: usize,
    /// Set once saving was tried: every problem is then marked.
    pub tried: bool,
}

impl RuleEditor {
    /// Edits version `v` of the rules in force, previewing `period`.
    pub fn edit(v: &RuleVersion, set: RuleSet, preview: Preview) -> RuleEditor {
        let from = crate::ops::rules::change_date(v, preview.period);
        Self::open(v.id.clone(), RuleForm::edit(v), set, preview, from)
    }

    /// Adds a rule of `kind`.
    pub fn add(kind: Kind, set: RuleSet, preview: Preview) -> RuleEditor {
        let from = preview.period.start();
        Self::open(String::new(), RuleForm::new_rule(kind), set, preview, from)
    }

    fn open(
        id: String,
        form: RuleForm,
        set: RuleSet,
        preview: Preview,
        from: NaiveDate,
    ) -> RuleEditor {
        let mut e = RuleEditor {
            id,
            form,
            set,
            preview,
            from,
            errors: Vec::new(),
            version: None,
            comparison: None,
            scroll: 0,
            tried: false,
        };
        e.refresh();
        e
    }

    pub fn id(&self) -> &str {
        if self.form.new_rule {
            self.form.value("id")
        } else {
            &self.id
        }
    }

    pub fn period(&self) -> Period {
        self.preview.period
    }

    pub fn input(&mut self, c: char) {
        self.form.fields.input(c);
        self.refresh();
    }

    pub fn backspace(&mut self) {
        self.form.fields.backspace();
        self.refresh();
    }

    /// Re-validates the form and, when it is valid, re-scores the preview.
    pub fn refresh(&mut self) {
        let id = self.id().to_string();
        let (table, mut problems) = self.form.table(&id);
        // Numbers of an earlier rule are never shown beside an invalid one.
        self.version = None;
        self.comparison = None;
        if self.form.new_rule && self.set.rules.iter().any(|r| r.id == id) {
            problems.push(RuleError {
                line: None,
                rule: None,
                key: Some("id".into()),
                message: crate::msg!("rules-already-a-rule", id = &id),
            });
        }
        if problems.is_empty() {
            match version_from_table(&table) {
                Err(e) => problems = e,
                Ok(v) => match revised(&self.set, &id, self.from, Change::Put(Box::new(v.clone())))
                {
                    Err(e) => problems = e,
                    Ok((_, after)) => {
                        self.comparison = Some(self.preview.compare(&after.rules));
                        self.version = Some(v);
                    }
                },
            }
        }
        self.errors = problems
            .iter()
            .map(|e| (self.form.field_of(e), message(e)))
            .collect();
    }

    pub fn error_of(&self, field: usize) -> Option<&Msg> {
        self.errors
            .iter()
            .find(|(f, _)| *f == Some(field))
            .map(|(_, m)| m)
    }

    /// Moves the focus to the first field with a problem.
    pub fn focus_first_error(&mut self) {
        if let Some(f) = self.errors.iter().filter_map(|(f, _)| *f).min() {
            self.form.fields.focus = f;
        }
    }

    pub fn update(mut self: Box<Self>, action: Action, cx: &mut PopupCx) -> Result<Outcome> {
        let page = cx.body_rows.saturating_sub(6).max(1);
        match action {
            Action::Input(c) => self.input(c),
            Action::Backspace => self.backspace(),
            Action::NextField | Action::Down | Action::Confirm => self.form.fields.next(),
            Action::PrevField | Action::Up => self.form.fields.prev(),
            Action::Left => self.form.fields.left(),
            Action::Right => self.form.fields.right(),
            Action::PageDown => self.scroll += page,
            Action::PageUp => self.scroll = self.scroll.saturating_sub(page),
            Action::Save => match self.version.clone() {
                Some(v) => {
                    let id = self.id().to_string();
                    let question = s::save_question(&id);
                    let from = self.from;
                    let change = Change::Put(Box::new(v));
                    return Ok(Outcome::show(RuleDate::ask(
                        id,
                        change,
                        question,
                        from,
                        Some(self),
                    )));
                }
                None => {
                    self.tried = true;
                    self.focus_first_error();
                    return Ok(Outcome::show(Overlay::Rule(self)).say(s::RULE_FIXES()));
                }
            },
            Action::Cancel if self.form.changed() => {
                return Ok(Outcome::show(Overlay::Discard(self)));
            }
            Action::Cancel => return Ok(Outcome::done()),
            Action::Quit => {
                let unsaved = self.form.changed();
                return Ok(Outcome::quit_unsaved(
                    cx.armed,
                    unsaved,
                    s::QUIT_RULE(),
                    Overlay::Rule(self),
                ));
            }
            _ => {}
        }
        // Every problem fixed since Ctrl-S said "fix the fields marked !":
        // the line goes (it stayed until the save).
        if self.tried
            && self.errors.is_empty()
            && matches!(action, Action::Input(_) | Action::Backspace)
        {
            self.tried = false;
            return Ok(Outcome::show(Overlay::Rule(self)).say(""));
        }
        Ok(Outcome::show(Overlay::Rule(self)))
    }

    /// Draws the form and the preview in the pane's place.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let form_w = (area.width * 11 / 20).max(42);
        let [form, gap, preview] = Layout::horizontal([
            Constraint::Length(form_w),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(area);
        let _ = gap;
        Paragraph::new(self.form_lines(theme, form.width as usize)).render(form, buf);
        Paragraph::new(self.preview_lines(theme, preview.width as usize, preview.height as usize))
            .render(preview, buf);
    }

    fn form_lines(&self, theme: &Theme, w: usize) -> Vec<Line<'static>> {
        // The kind as people read it (`per_event` in English, 按次计分 in
        // Chinese), as the Rules pane names it.
        let kind = crate::t!("rule-kind-name", kind = self.form.kind.name());
        let title = if self.form.new_rule {
            format!(" {} {kind}", s::NEW_RULE())
        } else {
            format!(" {} '{}' ({kind})", s::EDIT_RULE(), self.id)
        };
        let mut out = vec![Line::styled(truncate(&title, w), theme.title())];
        let label_w = 12;
        for (i, field) in self.form.fields.iter().enumerate() {
            let focused = i == self.form.fields.focus;
            let err = self.error_of(i);
            let show = err.is_some() && (self.tried || focused || !field.value.is_empty());
            out.push(Line::from(field_spans(
                field, label_w, focused, show, theme, w,
            )));
            if focused {
                let (text, style) = match err {
                    Some(e) => (word(e), theme.error()),
                    None => (t(field.hint).to_string(), theme.dim()),
                };
                out.push(Line::styled(truncate(&format!("   {text}"), w), style));
            }
        }
        for (_, e) in self.errors.iter().filter(|(f, _)| f.is_none()) {
            out.push(Line::styled(
                truncate(&format!(" ! {}", word(e)), w),
                theme.error(),
            ));
        }
        if !self.form.active {
            out.push(Line::styled(format!(" {}", s::RULE_IS_OFF()), theme.dim()));
        }
        out
    }

    fn preview_lines(&self, theme: &Theme, w: usize, h: usize) -> Vec<Line<'static>> {
        let mut out = vec![Line::styled(
            truncate(&format!("{} {}", self.period(), s::PREVIEW()), w),
            theme.title(),
        )];
        let Some(c) = &self.comparison else {
            out.push(Line::styled(s::PREVIEW_WAITS().to_string(), theme.dim()));
            // What it waits for, where the form does not say it: the
            // first problem of a field left empty away from the cursor
            // (marked only once Ctrl-S is tried), or of the rule as a whole.
            let unmarked = |f: &Option<usize>| match f {
                Some(i) => {
                    !self.tried
                        && *i != self.form.fields.focus
                        && self.form.fields[*i].value.is_empty()
                }
                None => true,
            };
            let first = self
                .errors
                .iter()
                .filter(|(f, _)| unmarked(f))
                .min_by_key(|(f, _)| f.unwrap_or(usize::MAX));
            if let Some((f, m)) = first {
                let what = match f {
                    Some(i) => format!(
                        "{}: {}",
                        crate::i18n::t(self.form.fields[*i].label),
                        word(m)
                    ),
                    None => word(m),
                };
                let line = Line::styled(crate::text::visible(&what).into_owned(), theme.error());
                out.extend(crate::tui::widgets::popup::wrap(&line, w.max(1)));
            }
            return out;
        };
        let name_w = w.saturating_sub(7 + 2 + 7 + 1 + 3 + 1 + 3 + 2).clamp(4, 16);
        let cols = [left(name_w), right(7), left(1), right(7), right(3), left(3)];
        out.push(Line::styled(
            row(
                &cols,
                &[s::COL_MEMBER(), s::BEFORE(), "", s::AFTER(), "#", ""],
            ),
            theme.header_row(),
        ));
        // An award past the limits is left out of the figures, and saving
        // would be refused: said under them, whole, in rows kept for it.
        let beyond: Vec<Line<'static>> = c
            .beyond
            .iter()
            .flat_map(|m| {
                let said = crate::text::visible(&crate::i18n::word(m)).into_owned();
                let said = Line::styled(format!("! {said}"), theme.error());
                crate::tui::widgets::popup::wrap(&said, w)
            })
            .collect();
        let rows = h.saturating_sub(5 + beyond.len());
        let scroll = self.scroll.min(c.rows.len().saturating_sub(rows));
        for r in c.rows.iter().skip(scroll).take(rows) {
            let who = if r.name.is_empty() { &r.code } else { &r.name };
            let moved = match r.places() {
                0 => "=".to_string(),
                n if n > 0 => format!("+{n}"),
                n => n.to_string(),
            };
            let arrow = if r.before == r.after { " " } else { "→" };
            let text = row(
                &cols,
                &[
                    who,
                    &r.before.to_string(),
                    arrow,
                    &r.after.to_string(),
                    &r.rank_after.to_string(),
                    &moved,
                ],
            );
            let style = if r.before == r.after {
                theme.dim()
            } else {
                ratatui::style::Style::default()
            };
            out.push(Line::styled(text, style));
        }
        if c.rows.len() > rows {
            out.push(Line::styled(
                format!(
                    "{}-{} / {}  PgDn PgUp",
                    scroll + 1,
                    (scroll + rows).min(c.rows.len()),
                    c.rows.len()
                ),
                theme.dim(),
            ));
        }
        let delta = c.total_after - c.total_before;
        let sign = if delta.is_negative() { "" } else { "+" };
        out.push(Line::styled(
            truncate(
                &format!(
                    "{} {} → {} ({sign}{delta})",
                    s::TOTAL(),
                    c.total_before,
                    c.total_after
                ),
                w,
            ),
            theme.title(),
        ));
        out.push(Line::raw(truncate(&s::members_change(c.changed), w)));
        out.extend(beyond);
        out
    }
}

/// What the editor says of a problem beside its field: the message, and
/// for a rule's `rules` or `kind`, the rule it is about.
fn message(e: &RuleError) -> Msg {
    match (&e.rule, &e.key) {
        (Some(r), Some(k)) if k == "rules" || k == "kind" => {
            crate::msg!("rules-problem-of", rule = r, problem = &e.message)
        }
        _ => super::form_words::in_form_words(e.message.clone()),
    }
}
