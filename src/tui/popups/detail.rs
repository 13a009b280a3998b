//! An award's detail (Enter in the Ledger): its figures, the explanation
//! a rep can follow, and its history from the audit log, the earliest
//! entries giving way when they do not all fit.

use crate::domain::Award;
use crate::error::Result;
use crate::store::{AuditEntry, AuditFilter, Db};
use crate::tui::strings as s;
use crate::tui::theme::Theme;
use crate::tui::widgets::popup;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

#[derive(Debug, Clone)]
pub struct Detail {
    pub award: Award,
    /// The member's name.
    pub name: String,
    pub history: Vec<AuditEntry>,
    /// The rules' names it shows (none in English: the ids).
    pub names: crate::i18n::names::RuleNames,
    /// What the Ledger's row said beside its status (disputed,
    /// provisional), said here too: the list said `disputed` and the
    /// detail `approved` alone.
    pub flag: Option<String>,
}

impl Detail {
    /// The detail of award `id`, if there is one.
    pub fn read(db: Db, id: i64) -> Result<Option<Detail>> {
        let Some(award) = db.award(id)? else {
            return Ok(None);
        };
        let name = db
            .member(&award.key.member)?
            .map(|m| m.name)
            .unwrap_or_default();
        let history = db.audit_entries(&AuditFilter {
            subject: Some(format!("award {id}")),
            ..AuditFilter::default()
        })?;
        let names = crate::i18n::names::RuleNames::read(db, crate::i18n::current(), award.date)?;
        Ok(Some(Detail {
            award,
            name,
            history,
            names,
            flag: None,
        }))
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let (a, name, history) = (&self.award, &self.name, &self.history);
        let mut lines = vec![
            Line::styled(
                format!("#{} {} {} {}", a.id, a.key.member, name, a.date),
                theme.title(),
            ),
            Line::raw(s::detail_figures(
                &a.points.to_string(),
                s::word(a.kind.as_str()),
                &match &self.flag {
                    Some(flag) => crate::t!(
                        "status-with-flag",
                        status = s::word(a.status.as_str()),
                        flag = flag.as_str()
                    ),
                    None => s::word(a.status.as_str()).to_string(),
                },
            )),
            Line::raw(s::detail_key(
                self.names.name(&a.key.rule_id),
                &a.key.subject,
                crate::i18n::category(&a.category),
            )),
            Line::raw(""),
        ];
        if !a.reason.is_empty() {
            let reason = crate::i18n::messages::ledger_note(&a.reason);
            lines.push(Line::raw(format!("{}: {}", s::REASON_WORD(), reason)));
        }
        let explained = crate::i18n::explain::of_award(crate::i18n::current(), a, &self.names);
        if !explained.is_empty() {
            lines.push(Line::raw(explained));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(s::HISTORY().to_string(), theme.title()));
        let w = (area.width - 4).min(90);
        // History lines wrap; when they do not all fit, the earliest
        // give way, so the way to close the detail always shows.
        let mut past: Vec<Line> = vec![Line::raw(s::created_line(&a.created_at, &a.created_by))];
        for e in history {
            past.push(Line::raw(s::history_line(
                &e.at,
                &e.action,
                &e.actor,
                &crate::i18n::audit::detail(e),
            )));
        }
        let decision_logged = history
            .iter()
            .any(|e| e.action == "approved" || e.action == "rejected");
        if !decision_logged && let (Some(at), Some(by)) = (&a.decided_at, &a.decided_by) {
            let why = a.decision_reason.as_deref();
            past.push(Line::raw(s::decided_line(at, a.status.as_str(), by, why)));
        }
        let tail = [
            Line::raw(""),
            Line::styled(s::DETAIL_KEYS().to_string(), theme.dim()),
        ];
        let room = area.height.saturating_sub(2);
        // With entries dropped, a line says so: counted in.
        let fits = |past: &[Line], dropped: usize| {
            let marker = Line::raw(s::earlier_entries(dropped.max(1)));
            let all: Vec<Line> = lines
                .iter()
                .chain(past)
                .chain(tail.iter())
                .cloned()
                .chain((dropped > 0).then_some(marker))
                .collect();
            popup::height(&all, w) <= room
        };
        let mut dropped = 0;
        while past.len() > 1 && !fits(&past, dropped) {
            past.remove(0);
            dropped += 1;
        }
        if dropped > 0 {
            past.insert(0, Line::styled(s::earlier_entries(dropped), theme.dim()));
        }
        lines.extend(past);
        lines.extend(tail);
        let h = popup::height(&lines, w).min(room);
        popup::render(popup::centred(area, w, h), buf, s::DETAIL_TITLE(), lines);
    }
}
