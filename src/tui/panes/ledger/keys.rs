//! What the Ledger's keys do: moving, marking, the status filter, and
//! opening the detail, the manual-award form, a decision or a dispute.

use super::{LedgerPane, describe};
use crate::domain::Status;
use crate::error::Result;
use crate::tui::action::Action;
use crate::tui::panes::PaneCx;
use crate::tui::panes::moved;
use crate::tui::popups::{Confirmation, Detail, ManualForm, Outcome, Overlay, Target};
use crate::tui::strings as s;

impl LedgerPane {
    pub fn update(&mut self, action: Action, cx: &mut PaneCx) -> Result<Outcome> {
        use Action::*;
        let (period, filter) = (cx.period, cx.filter);
        match action {
            Up | Down | PageUp | PageDown | Top | Bottom => {
                self.cursor = moved(self.cursor, self.total, action, self.height);
                self.fill(cx.store.db(), period, filter)?;
            }
            ToggleMark => {
                self.toggle_mark();
                return self.update(Down, cx);
            }
            MarkAll => self.mark_all(cx.store.db(), period, filter)?,
            ClearMarks => self.marks.clear(),
            Approve | Reject => return self.decide(action == Approve, cx),
            Open => {
                if let Some(r) = self.current().filter(|r| r.posting.is_none())
                    && let Some(mut d) = Detail::read(cx.store.db(), r.id)?
                {
                    d.flag = if self.disputed.contains(&r.id) {
                        Some(s::DISPUTED().to_string())
                    } else if self.is_provisional(r) {
                        Some(s::PROVISIONAL().to_string())
                    } else {
                        None
                    };
                    return Ok(Outcome::show(Overlay::Detail(Box::new(d))));
                }
                // A redemption's or an expiry's row: no award to detail (Enter
                // did nothing, and said nothing).
                if self.current().is_some_and(|r| r.posting.is_some()) {
                    return Ok(Outcome::done().say(s::POSTING_NO_DETAIL()));
                }
            }
            New => {
                let members = cx.store.db().members()?;
                let form = ManualForm::new(members, cx.ctx.today);
                return Ok(Outcome::show(Overlay::Form(Box::new(form))));
            }
            CycleStatus => {
                self.status = self.status.next();
                self.cursor = 0;
                self.marks.clear();
                self.reload(cx.store.db(), period, filter)?;
            }
            Dispute => {
                let row = self
                    .current()
                    .filter(|r| r.status != Status::Rejected && r.posting.is_none());
                let Some(r) = row else {
                    return Ok(Outcome::done().say(s::NOTHING_TO_DISPUTE()));
                };
                let mut c = Confirmation::new(Target::Dispute(r.id), r.points);
                c.single = Some((format!("{} {}", r.member, r.name), describe(r, &self.names)));
                return Ok(Outcome::show(Overlay::Confirm(c)));
            }
            Resolve => {
                // An award's dispute: a posting's number may be a disputed
                // award's (`r` on a redemption resolved that award).
                let row = self
                    .current()
                    .filter(|r| r.posting.is_none() && self.disputed.contains(&r.id));
                let Some(r) = row else {
                    return Ok(Outcome::done().say(s::NOTHING_TO_RESOLVE()));
                };
                let mut c = Confirmation::new(Target::Resolve(r.id), r.points);
                c.single = Some((format!("{} {}", r.member, r.name), describe(r, &self.names)));
                return Ok(Outcome::show(Overlay::Confirm(c)));
            }
            _ => {}
        }
        Ok(Outcome::done())
    }

    /// Approving or rejecting the marked awards, else the one under the
    /// cursor: refused in a closed period, else asked.
    fn decide(&self, approve: bool, cx: &mut PaneCx) -> Result<Outcome> {
        if let Some(c) = cx.closed.closes_all_of(cx.period) {
            let refusal = s::closed_refusal(&c.period.to_string(), &c.closed_by, &c.closed_at);
            return Ok(Outcome::done().warn(refusal));
        }
        let t = self.decision_targets(approve);
        if t.ids.is_empty() {
            return Ok(Outcome::done().say(if t.disputed > 0 {
                s::only_disputed(t.disputed)
            } else if t.provisional > 0 {
                s::only_provisional(t.provisional)
            } else {
                s::NOTHING_PENDING().to_string()
            }));
        }
        let decision = if approve {
            Status::Approved
        } else {
            Status::Rejected
        };
        let (hidden, single) = if self.marks.is_empty() {
            let single = self
                .current()
                .map(|r| (format!("{} {}", r.member, r.name), describe(r, &self.names)));
            (0, single)
        } else {
            // Marks survive a filter or status change: the question names
            // those the view does not show.
            let view = self.view(cx.period, cx.filter);
            let shown: std::collections::HashSet<i64> = cx
                .store
                .db()
                .award_line_marks(&view)?
                .into_iter()
                .map(|m| m.id)
                .collect();
            (t.ids.iter().filter(|id| !shown.contains(id)).count(), None)
        };
        let mut c = Confirmation::new(
            Target::Awards {
                decision,
                ids: t.ids,
            },
            t.points,
        );
        c.provisional = t.provisional;
        c.hidden = hidden;
        c.single = single;
        Ok(Outcome::show(Overlay::Confirm(c)))
    }
}
