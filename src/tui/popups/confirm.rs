//! The confirmation of a decision: approving or rejecting awards (Ledger)
//! or redemption requests (Catalog), or disputing an award. It names what
//! it acts on, marks hidden by the view and awards an approval leaves out,
//! and takes the reason a rejection or a dispute needs.

use super::{Outcome, Overlay, PopupCx};
use crate::domain::{Points, Status};
use crate::error::Result;
use crate::ops::catalog::decide_redemptions;
use crate::ops::decide::decide_ids;
use crate::tui::action::Action;
use crate::tui::effect::{Effect, Message};
use crate::tui::strings as s;
use crate::tui::theme::Theme;
use crate::tui::widgets::popup;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// What is confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Pending awards to approve or reject.
    Awards { decision: Status, ids: Vec<i64> },
    /// Pending redemption requests to approve or reject.
    Redemptions { decision: Status, ids: Vec<i64> },
    /// The award a rep disputes.
    Dispute(i64),
    /// The disputed award whose dispute the lead resolves.
    Resolve(i64),
}

/// Where typing goes while a dispute is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResolveField {
    /// `a` accepts, `x` rejects.
    #[default]
    Decision,
    /// A correcting award's points (accepting only).
    Points,
    Reason,
}

/// A decision waiting for its confirmation.
#[derive(Debug, Clone)]
pub struct Confirmation {
    pub target: Target,
    pub points: Points,
    /// The rejection or dispute reason being typed.
    pub reason: String,
    /// Set when Enter was pressed on an empty reason.
    pub needs_reason: bool,
    /// Provisional awards an approval leaves out.
    pub provisional: usize,
    /// Marked rows the view does not show (another filter or status).
    pub hidden: usize,
    /// One award acted on: who and what, for the question.
    pub single: Option<(String, String)>,
    /// Resolving: whether the dispute is accepted, the correction's
    /// points typed, and the field typed into.
    pub accept: bool,
    pub correction: String,
    pub field: ResolveField,
}

impl Confirmation {
    pub fn new(target: Target, points: Points) -> Confirmation {
        Confirmation {
            target,
            points,
            reason: String::new(),
            needs_reason: false,
            provisional: 0,
            hidden: 0,
            single: None,
            accept: true,
            correction: String::new(),
            field: ResolveField::default(),
        }
    }

    /// The awards or requests acted on.
    pub fn ids(&self) -> &[i64] {
        match &self.target {
            Target::Awards { ids, .. } | Target::Redemptions { ids, .. } => ids,
            Target::Dispute(id) | Target::Resolve(id) => std::slice::from_ref(id),
        }
    }

    /// Whether a reason is typed before confirming.
    pub fn takes_reason(&self) -> bool {
        match &self.target {
            Target::Dispute(_) | Target::Resolve(_) => true,
            Target::Awards { decision, .. } | Target::Redemptions { decision, .. } => {
                *decision == Status::Rejected
            }
        }
    }

    pub fn update(mut self, action: Action, cx: &mut PopupCx) -> Result<Outcome> {
        if let Target::Resolve(id) = self.target {
            return self.resolving(id, action, cx);
        }
        match action {
            Action::Confirm => {
                let reason = self.takes_reason().then(|| self.reason.trim().to_string());
                if reason.as_deref() == Some("") {
                    self.needs_reason = true;
                    return Ok(Outcome::show(Overlay::Confirm(self)));
                }
                self.carry_out(reason.as_deref(), cx)
            }
            // A reason typed is not thrown away by one Esc (or an Alt-key).
            Action::Cancel => {
                let typed = !self.reason.is_empty();
                Ok(cx.cancel_form(typed, Overlay::Confirm(self)))
            }
            Action::Quit => Ok(Outcome::quit()),
            Action::Input(ch) if self.takes_reason() => {
                self.reason.push(ch);
                Ok(Outcome::show(Overlay::Confirm(self)))
            }
            Action::Backspace if self.takes_reason() => {
                self.reason.pop();
                Ok(Outcome::show(Overlay::Confirm(self)))
            }
            _ => Ok(Outcome::show(Overlay::Confirm(self))),
        }
    }

    /// Keys while a dispute is resolved: Tab moves between the decision,
    /// the correction's points (accepting) and the reason; Enter resolves
    /// (a rejection needs a reason).
    fn resolving(mut self, id: i64, action: Action, cx: &mut PopupCx) -> Result<Outcome> {
        let next = |f: ResolveField, accept: bool| match f {
            ResolveField::Decision if accept => ResolveField::Points,
            ResolveField::Decision | ResolveField::Points => ResolveField::Reason,
            ResolveField::Reason => ResolveField::Decision,
        };
        match action {
            Action::NextField | Action::PrevField => self.field = next(self.field, self.accept),
            Action::Input(c) => match self.field {
                ResolveField::Decision => match c {
                    'a' | 'A' => self.accept = true,
                    'x' | 'X' | 'r' | 'R' => self.accept = false,
                    _ => {}
                },
                ResolveField::Points => {
                    if c.is_ascii_digit() || matches!(c, '.' | '-' | '+') {
                        self.correction.push(c)
                    }
                }
                ResolveField::Reason => self.reason.push(c),
            },
            Action::Backspace => {
                match self.field {
                    ResolveField::Points => self.correction.pop(),
                    ResolveField::Reason => self.reason.pop(),
                    ResolveField::Decision => None,
                };
            }
            Action::Cancel => {
                let typed = !self.reason.is_empty() || !self.correction.is_empty();
                return Ok(cx.cancel_form(typed, Overlay::Confirm(self)));
            }
            Action::Quit => return Ok(Outcome::quit()),
            Action::Confirm => {
                let reason = self.reason.trim().to_string();
                if !self.accept && reason.is_empty() {
                    self.needs_reason = true;
                    self.field = ResolveField::Reason;
                    return Ok(Outcome::show(Overlay::Confirm(self)));
                }
                let points = match self.correction.trim() {
                    "" => None,
                    p if self.accept => Some(Points::parse(p).map_err(|e| {
                        let field = crate::msg!("correction-points-optional");
                        crate::error::Error::usage(crate::domain::input::field(field, e))
                    })?),
                    _ => None,
                };
                let reason = (!reason.is_empty()).then_some(reason.as_str());
                let done = crate::ops::disputes::resolve(
                    cx.store,
                    cx.ctx,
                    id,
                    self.accept,
                    points,
                    reason,
                )?;
                return Ok(Outcome::done()
                    .say(s::resolved(id, self.accept, done.correction))
                    .reload());
            }
            _ => {}
        }
        Ok(Outcome::show(Overlay::Confirm(self)))
    }

    fn carry_out(&self, reason: Option<&str>, cx: &mut PopupCx) -> Result<Outcome> {
        match &self.target {
            Target::Resolve(_) => Ok(Outcome::done()),
            Target::Dispute(id) => {
                let status = crate::ops::disputes::dispute(cx.store, cx.ctx, *id, &self.reason)?;
                Ok(Outcome::done().say(s::disputed(*id, status)).reload())
            }
            Target::Redemptions { decision, ids } => {
                let out = decide_redemptions(cx.store, cx.ctx, ids, *decision, reason)?;
                let mut text = s::decided_redemptions(
                    *decision == Status::Approved,
                    out.decided.len(),
                    &out.points().to_string(),
                );
                for (id, why) in &out.refused {
                    text.push_str(&s::request_stays_pending(*id, &why.to_string()));
                }
                if !out.already.is_empty() {
                    text.push_str(&s::already_decided(out.already.len()));
                }
                let mut done = Outcome::done()
                    .effect(Effect::UnmarkRedemptions(ids.clone()))
                    .reload();
                done.message = Some(Message {
                    text,
                    error: !out.refused.is_empty(),
                });
                Ok(done)
            }
            Target::Awards { decision, ids } => {
                let done = decide_ids(cx.store, cx.ctx, ids, *decision, reason)?;
                let text = crate::i18n::summaries::decided(*decision == Status::Approved, &done);
                Ok(Outcome::done()
                    .say(text)
                    .effect(Effect::UnmarkAwards(ids.clone()))
                    .reload())
            }
        }
    }

    /// Resolving a dispute: the decision, the correction (accepting), the
    /// reason, and the keys.
    fn resolve_lines(&self, theme: &Theme) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        let cursor = |f: ResolveField| if self.field == f { "_" } else { "" };
        let mark = |on: bool| if on { "(*)" } else { "( )" };
        lines.push(Line::raw(format!(
            " {}: {} {}  {} {}{}",
            s::DECISION(),
            mark(self.accept),
            s::ACCEPT_WORD(),
            mark(!self.accept),
            s::REJECT_WORD(),
            cursor(ResolveField::Decision)
        )));
        if self.accept {
            lines.push(Line::raw(format!(
                " {}: {}{}",
                s::CORRECTION(),
                self.correction,
                cursor(ResolveField::Points)
            )));
        }
        lines.push(Line::raw(format!(
            " {}: {}{}",
            s::REASON(),
            self.reason,
            cursor(ResolveField::Reason)
        )));
        // Said until a reason is typed.
        if self.needs_reason && self.reason.trim().is_empty() {
            lines.push(Line::styled(
                format!(" {}", s::REASON_NEEDED()),
                theme.error(),
            ));
        } else {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(format!(" {}", s::RESOLVE_KEYS()), theme.dim()));
        lines
    }

    fn question(&self) -> String {
        let points = self.points.to_string();
        let n = self.ids().len();
        let (who, what) = self.single.clone().unwrap_or_default();
        match &self.target {
            Target::Dispute(_) => s::dispute_question(&who, &what, &points),
            Target::Resolve(_) => s::resolve_question(&who, &what, &points),
            Target::Awards { decision, .. } => {
                let approve = *decision == Status::Approved;
                if self.hidden > 0 {
                    s::marked_question(approve, n, &points)
                } else if self.single.is_some() && n == 1 {
                    s::one_award_question(approve, &who, &what, &points)
                } else if approve {
                    s::approve_question(n, &points)
                } else {
                    s::reject_question(n, &points)
                }
            }
            Target::Redemptions { decision, .. } if *decision == Status::Approved => {
                s::approve_redemptions_question(n, &points)
            }
            Target::Redemptions { .. } => s::reject_redemptions_question(n, &points),
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let mut lines = vec![
            Line::raw(""),
            Line::styled(format!(" {}", self.question()), theme.title()),
            Line::raw(""),
        ];
        let mut notes = Vec::new();
        if self.hidden > 0 {
            notes.push(Line::styled(
                format!(" {}", s::hidden_marks(self.hidden)),
                theme.title(),
            ));
        }
        if self.provisional > 0 {
            notes.push(Line::styled(
                format!(" {}", s::provisional_left(self.provisional)),
                theme.dim(),
            ));
        }
        if !notes.is_empty() {
            lines.pop();
            lines.extend(notes);
            lines.push(Line::raw(""));
        }
        if matches!(self.target, Target::Resolve(_)) {
            lines.extend(self.resolve_lines(theme));
        } else if self.takes_reason() {
            lines.push(Line::raw(format!(" {}: {}_", s::REASON(), self.reason)));
            // Said until a reason is typed.
            if self.needs_reason && self.reason.trim().is_empty() {
                lines.push(Line::styled(
                    format!(" {}", s::REASON_NEEDED()),
                    theme.error(),
                ));
            } else {
                lines.push(Line::raw(""));
            }
            let keys = if matches!(self.target, Target::Dispute(_)) {
                s::DISPUTE_KEYS()
            } else {
                s::REJECT_KEYS()
            };
            lines.push(Line::styled(format!(" {keys}"), theme.dim()));
        } else {
            lines.push(Line::styled(format!(" {}", s::CONFIRM_KEYS()), theme.dim()));
        }
        let h = popup::height(&lines, 60);
        popup::render(popup::centred(area, 60, h), buf, s::CONFIRM_TITLE(), lines);
    }
}
