//! The date a rule change takes effect from, asked before saving: from
//! the editor (Ctrl-S), or for turning a rule on or off and ending it.

use super::{Outcome, Overlay, PopupCx, RuleEditor};
use crate::error::Result;
use crate::ops::rules::{Saved, save_change};
use crate::rules::Change;
use crate::text::truncate;
use crate::tui::action::Action;
use crate::tui::strings as s;
use crate::tui::theme::Theme;
use crate::tui::widgets::popup;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// What the screen does once a change is saved, here or on its own
/// thread: says what the recalc did, reads everything again, and puts the
/// Rules pane's cursor on the version saved.
pub fn saved_outcome(id: &str, from: chrono::NaiveDate, saved: &Saved) -> Outcome {
    let mut out = Outcome::done()
        .say(s::rule_saved(id, &from.to_string(), &saved.recalc))
        .reload();
    out.select_rule = Some((id.to_string(), from));
    out
}

/// A rule change waiting for the date it takes effect from.
#[derive(Debug, Clone)]
pub struct RuleDate {
    pub id: String,
    pub change: Change,
    /// What saving will do, as a question.
    pub question: String,
    pub date: String,
    pub error: Option<String>,
    /// The editor to go back to, when the change comes from one.
    pub back: Option<Box<RuleEditor>>,
    /// What saving from that date will do, once asked (the first Enter);
    /// the second Enter on the same date saves.
    /// (`None` inside: the store was busy, and the save will say.)
    pub plan: Option<(chrono::NaiveDate, Option<crate::ops::rules::SavePlan>)>,
}

impl RuleDate {
    pub fn ask(
        id: String,
        change: Change,
        question: String,
        from: chrono::NaiveDate,
        back: Option<Box<RuleEditor>>,
    ) -> Overlay {
        Overlay::RuleDate(Box::new(RuleDate {
            id,
            change,
            question,
            date: from.to_string(),
            error: None,
            back,
            plan: None,
        }))
    }

    pub fn update(mut self: Box<Self>, action: Action, cx: &mut PopupCx) -> Result<Outcome> {
        match action {
            // A date is digits and dashes: a key meant for the screen
            // (`j`, `?`) while the plan was worked out is not typed in.
            Action::Input(c) if c.is_ascii_digit() || c == '-' => {
                self.date.push(c);
                self.plan = None;
            }
            Action::Backspace => {
                self.date.pop();
                self.plan = None;
            }
            Action::Cancel => {
                return Ok(match self.back {
                    Some(e) => Outcome::show(Overlay::Rule(e)),
                    None => Outcome::done(),
                });
            }
            Action::Quit => {
                let unsaved = self.back.is_some();
                return Ok(Outcome::quit_unsaved(
                    cx.armed,
                    unsaved,
                    s::QUIT_RULE(),
                    Overlay::RuleDate(self),
                ));
            }
            Action::Confirm => {
                let Ok(from) = crate::domain::parse_date(self.date.trim()) else {
                    self.error = Some(s::NOT_A_DATE().into());
                    return Ok(Outcome::show(Overlay::RuleDate(self)));
                };
                // First what the save will do; the next Enter saves.
                if self.plan.is_none_or(|(d, _)| d != from) {
                    let planned = crate::ops::rules::plan_change(
                        cx.store,
                        cx.ctx,
                        &self.id,
                        from,
                        self.change.clone(),
                    );
                    match planned {
                        Ok(plan) => {
                            self.error = None;
                            self.plan = Some((from, plan));
                        }
                        Err(e) => return Ok(Outcome::show(self.failed(&e))),
                    }
                    return Ok(Outcome::show(Overlay::RuleDate(self)));
                }
                if cx.background {
                    self.error = None;
                    let mut out = Outcome::done();
                    out.save = Some((self, from));
                    return Ok(out);
                }
                match save_change(cx.store, cx.ctx, &self.id, from, self.change.clone()) {
                    Ok(saved) => return Ok(saved_outcome(&self.id, from, &saved)),
                    Err(e) => return Ok(Outcome::show(self.failed(&e))),
                }
            }
            _ => {}
        }
        Ok(Outcome::show(Overlay::RuleDate(self)))
    }

    /// Its keys: the first Enter shows what saving from the date will do,
    /// the next saves.
    pub fn keys(&self) -> &'static str {
        let planned = self.plan.is_some_and(|(d, _)| {
            crate::domain::parse_date(self.date.trim()).is_ok_and(|f| f == d)
        });
        if planned {
            s::RULE_DATE_KEYS()
        } else {
            s::RULE_DATE_KEYS_FIRST()
        }
    }

    /// A failed save: the popup again, saying why.
    pub fn failed(mut self: Box<Self>, e: &crate::error::Error) -> Overlay {
        self.error = Some(crate::i18n::error_lines(e).join("; "));
        Overlay::RuleDate(self)
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let mut lines = vec![
            Line::raw(""),
            Line::styled(format!(" {}", self.question), theme.title()),
            Line::raw(""),
            Line::raw(format!(" {}_", self.date)),
        ];
        match (&self.error, &self.plan) {
            (Some(e), _) => lines.push(Line::styled(truncate(&format!(" {e}"), 70), theme.error())),
            (None, Some((_, plan))) => {
                let said = match plan {
                    Some(plan) => s::save_plan(plan),
                    None => s::SAVE_PLAN_BUSY().to_string(),
                };
                // Wrapped at the popup's width, a count never cut.
                let mut line = String::from(" ");
                for (i, part) in said.split_inclusive([',', '，']).enumerate() {
                    if i > 0 && crate::text::width(&line) + crate::text::width(part) > 68 {
                        lines.push(Line::styled(std::mem::take(&mut line), theme.title()));
                        line.push(' ');
                    }
                    line.push_str(part);
                }
                lines.push(Line::styled(line, theme.title()));
            }
            (None, None) => lines.push(Line::raw("")),
        }
        lines.push(Line::styled(format!(" {}", self.keys()), theme.dim()));
        let h = lines.len() as u16 + 2;
        popup::render(
            popup::centred(area, 72, h),
            buf,
            s::RULE_DATE_TITLE(),
            lines,
        );
    }
}
