//! Drawing the whole screen from the app's state: header, tabs, the pane,
//! the status line and the footer, then any overlay. Reads state only.

use super::app::{App, CATALOG, LEDGER, MIN_HEIGHT, MIN_WIDTH, Overlay, RANKINGS, RULES};
use super::keymap;
use super::strings as s;
use super::widgets::popup;
use crate::domain::Status;
use crate::text::{truncate, width};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    render(app, area, frame.buffer_mut());
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(area, buf);
        return;
    }
    let [header, tabs, sub, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(app, header, buf);
    render_tabs(app, tabs, buf);
    render_subtitle(app, sub, buf);
    let theme = &app.theme;
    match (&app.overlay, app.pane) {
        (Overlay::Rule(e) | Overlay::Discard(e), _) => e.render(body, buf, theme),
        (Overlay::RuleDate(q), _) if q.back.is_some() => {
            if let Some(e) = &q.back {
                e.render(body, buf, theme)
            }
        }
        (_, LEDGER) => app.ledger.render(body, buf, theme),
        (_, RULES) => app.rules.render(body, buf, theme),
        (_, CATALOG) => app.catalog.render(body, buf, theme),
        _ => app.rankings.render(body, buf, theme),
    }
    if long_message(app, status.width) {
        let both = Rect {
            height: status.height + footer.height,
            ..status
        };
        render_status(app, both, buf);
    } else {
        render_status(app, status, buf);
        render_footer(app, footer, buf);
    }
    render_overlay(app, area, buf);
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let lines = vec![
        Line::raw(s::TOO_SMALL),
        Line::raw(format!("{} {}×{}", s::NEEDS, area.width, area.height)),
        Line::raw(s::TOO_SMALL_KEYS),
    ];
    Paragraph::new(lines).render(area, buf);
}

fn render_header(app: &App, area: Rect, buf: &mut Buffer) {
    let (n, pts) = &app.pending;
    let right = format!("{} {n} ({pts} {})", s::PENDING, s::PTS);
    let closed = if app.closed.closes_all_of(app.period).is_some() {
        format!(" {}", s::CLOSED)
    } else {
        let inside: Vec<String> = app
            .closed
            .within(app.period)
            .iter()
            .map(|c| c.period.to_string())
            .collect();
        if inside.is_empty() {
            String::new()
        } else {
            format!(" {}", s::part_closed(&inside))
        }
    };
    let left = format!(
        " {} | {} | {} {}{closed}",
        s::APP,
        app.label,
        app.period,
        app.period.kind().as_str()
    );
    let room = (area.width as usize).saturating_sub(width(&right) + 2);
    let left = truncate(&left, room);
    let gap = (area.width as usize).saturating_sub(width(&left) + width(&right) + 1);
    Paragraph::new(Line::styled(
        format!("{left}{}{right} ", " ".repeat(gap)),
        app.theme.title(),
    ))
    .render(area, buf);
}

fn render_tabs(app: &App, area: Rect, buf: &mut Buffer) {
    let mut spans = vec![Span::raw(" ")];
    for (i, name) in s::PANES.iter().enumerate() {
        if i == app.pane {
            spans.push(Span::styled(
                format!("[{} {name}]", i + 1),
                app.theme.tab_active(),
            ));
        } else {
            spans.push(Span::raw(format!(" {} {name} ", i + 1)));
        }
        spans.push(Span::raw(" "));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

fn render_subtitle(app: &App, area: Rect, buf: &mut Buffer) {
    let mut parts = Vec::new();
    match app.pane {
        LEDGER => {
            parts.push(format!("{}: {}", s::COL_STATUS, app.ledger.status.label()));
            parts.push(s::count(app.ledger.total, "row"));
        }
        RULES => match &app.overlay {
            Overlay::Rule(e) | Overlay::Discard(e) => parts.push(format!(
                "preview: {} {} now and edited, as if in force from {}",
                e.period(),
                s::PREVIEW,
                e.from
            )),
            _ => parts.push(format!("{} {}", app.rules.rules.len(), s::RULES_IN_FORCE)),
        },
        RANKINGS => {
            let what = if app.rankings.teams {
                "teams"
            } else {
                "members"
            };
            parts.push(if app.rankings.with_pending {
                format!("{what}, ranked by approved + pending points (i: approved only)")
            } else {
                format!("{what}, ranked by approved points; +pending beside them (i: with pending)")
            });
        }
        _ => {}
    }
    if !app.filter.is_empty() || matches!(app.overlay, Overlay::Filter) {
        let cursor = if matches!(app.overlay, Overlay::Filter) {
            "_"
        } else {
            ""
        };
        parts.push(format!("{}: {}{cursor}", s::FILTER, app.filter));
    }
    Paragraph::new(Line::styled(
        format!(" {}", parts.join(" | ")),
        app.theme.dim(),
    ))
    .render(area, buf);
}

/// Whether the status message needs the footer's row too.
fn long_message(app: &App, width: u16) -> bool {
    app.message.as_ref().is_some_and(|m| {
        crate::text::width(&crate::text::visible(&m.text)) + 1 > usize::from(width)
    })
}

fn render_status(app: &App, area: Rect, buf: &mut Buffer) {
    if let Some(m) = &app.message {
        let style = if m.error {
            app.theme.error()
        } else {
            app.theme.good()
        };
        // A message wider than the line wraps onto the footer's row rather
        // than being cut (Esc clears it and gives the footer back).
        let text = crate::text::visible(&format!(" {}", m.text)).into_owned();
        Paragraph::new(Line::styled(text, style))
            .wrap(ratatui::widgets::Wrap { trim: false })
            .render(area, buf);
    }
}

fn render_footer(app: &App, area: Rect, buf: &mut Buffer) {
    let own_keys = match &app.overlay {
        Overlay::Rule(_) => Some(s::RULE_FORM_KEYS),
        Overlay::RuleDate(_) => Some(s::RULE_DATE_KEYS),
        Overlay::Discard(_) => Some(s::CONFIRM_KEYS),
        _ => None,
    };
    if let Some(keys) = own_keys {
        let text = truncate(&format!(" {keys}"), area.width as usize);
        Paragraph::new(Line::styled(text, app.theme.dim())).render(area, buf);
        return;
    }
    let (count, points) = match app.pane {
        LEDGER => (app.ledger.marks.len(), app.ledger.marked_points()),
        CATALOG => (
            app.catalog.marks.len(),
            app.catalog.marks.values().copied().sum(),
        ),
        _ => (0, Default::default()),
    };
    let mut marks = if count > 0 {
        format!("{} {count} ({points} {}) ", s::MARKED, s::PTS)
    } else {
        String::new()
    };
    // The pane's keys first (with marks: what acts on them); `q quit` and
    // `? help` always fit, since they end the session or lead to the rest.
    use super::action::Action;
    let label = |b: &keymap::Binding| format!("{} {}", b.label, b.footer);
    let all = keymap::footer(app.scope());
    let tail: Vec<String> = [Action::Quit, Action::Help]
        .iter()
        .filter_map(|a| all.iter().find(|b| b.action == *a).map(|b| label(b)))
        .collect();
    let help = tail.join("  ");
    let mut ordered: Vec<&keymap::Binding> = all
        .iter()
        .copied()
        .filter(|b| !matches!(b.action, Action::Quit | Action::Help))
        .collect();
    if count > 0 {
        let first = [
            Action::Approve,
            Action::Reject,
            Action::Open,
            Action::ClearMarks,
        ];
        ordered.sort_by_key(|b| {
            first
                .iter()
                .position(|a| *a == b.action)
                .unwrap_or(first.len())
        });
    }
    // With marks, the keys that act on them come before the word "pts".
    if count > 0 {
        let first: usize = ordered.iter().take(4).map(|b| width(&label(b)) + 2).sum();
        if first + width(&marks) + width(&help) + 3 > area.width as usize {
            marks = format!("{} {count} ({points}) ", s::MARKED);
        }
    }
    let room = (area.width as usize).saturating_sub(width(&marks) + width(&help) + 3);
    let mut text = String::from(" ");
    for b in ordered {
        let k = label(b);
        if width(&text) + width(&k) + 2 > room {
            continue;
        }
        text.push_str(&k);
        text.push_str("  ");
    }
    text.push_str(&help);
    text.push(' ');
    let gap = (area.width as usize).saturating_sub(width(&text) + width(&marks));
    Paragraph::new(Line::from(vec![
        Span::styled(text, app.theme.dim()),
        Span::raw(" ".repeat(gap)),
        Span::styled(marks, app.theme.marked()),
    ]))
    .render(area, buf);
}

fn render_overlay(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    match &app.overlay {
        Overlay::None | Overlay::Filter => {}
        Overlay::Help => {
            // Two columns, balanced to fit 80×24.
            let sections = keymap::help();
            let column = |which: &[usize]| -> Vec<String> {
                let mut out = Vec::new();
                for (title, rows) in which.iter().filter_map(|&i| sections.get(i)) {
                    out.push(title.to_string());
                    for (keys, what) in rows {
                        out.push(format!(" {} {what}", crate::text::pad_right(keys, 9)));
                    }
                }
                out
            };
            // Everywhere and Catalog on the left; Ledger, Rules and Rankings
            // on the right: 19 and 22 rows, inside 80×24.
            let (left, right) = (column(&[0, 3]), column(&[1, 2, 4]));
            let styled = |t: &str, w: usize| {
                let style = if t.starts_with(' ') {
                    Style::default()
                } else {
                    theme.title()
                };
                Span::styled(crate::text::pad_right(t, w), style)
            };
            let lines: Vec<Line> = (0..left.len().max(right.len()))
                .map(|i| {
                    let l = left.get(i).map(String::as_str).unwrap_or(" ");
                    let r = right.get(i).map(String::as_str).unwrap_or(" ");
                    Line::from(vec![styled(l, 38), styled(r, 38)])
                })
                .collect();
            let h = (lines.len() as u16 + 2).min(area.height);
            popup::render(popup::centred(area, 78, h), buf, s::HELP_TITLE, lines);
        }
        Overlay::Confirm(c) => {
            let points = c.points.to_string();
            let approve = c.decision == Status::Approved;
            let question = match (approve, c.redemptions) {
                _ if c.dispute => {
                    let (who, what) = c.single.clone().unwrap_or_default();
                    s::dispute_question(&who, &what, &points)
                }
                (_, false) if c.hidden > 0 => s::marked_question(approve, c.ids.len(), &points),
                (_, false) if c.single.is_some() && c.ids.len() == 1 => {
                    let (who, what) = c.single.clone().unwrap_or_default();
                    s::one_award_question(approve, &who, &what, &points)
                }
                (true, false) => s::approve_question(c.ids.len(), &points),
                (false, false) => s::reject_question(c.ids.len(), &points),
                (true, true) => s::approve_redemptions_question(c.ids.len(), &points),
                (false, true) => s::reject_redemptions_question(c.ids.len(), &points),
            };
            let mut lines = vec![
                Line::raw(""),
                Line::styled(format!(" {question}"), theme.title()),
                Line::raw(""),
            ];
            let mut notes = Vec::new();
            if c.hidden > 0 {
                notes.push(Line::styled(
                    format!(" {}", s::hidden_marks(c.hidden)),
                    theme.title(),
                ));
            }
            if c.provisional > 0 {
                notes.push(Line::styled(
                    format!(" {}", s::provisional_left(c.provisional)),
                    theme.dim(),
                ));
            }
            if !notes.is_empty() {
                lines.pop();
                lines.extend(notes);
                lines.push(Line::raw(""));
            }
            if c.takes_reason() {
                lines.push(Line::raw(format!(" {}: {}_", s::REASON, c.reason)));
                if c.needs_reason {
                    lines.push(Line::styled(
                        format!(" {}", s::REASON_NEEDED),
                        theme.error(),
                    ));
                } else {
                    lines.push(Line::raw(""));
                }
                let keys = if c.dispute {
                    s::DISPUTE_KEYS
                } else {
                    s::REJECT_KEYS
                };
                lines.push(Line::styled(format!(" {keys}"), theme.dim()));
            } else {
                lines.push(Line::styled(format!(" {}", s::CONFIRM_KEYS), theme.dim()));
            }
            let h = popup::height(&lines, 60);
            popup::render(popup::centred(area, 60, h), buf, s::CONFIRM_TITLE, lines);
        }
        Overlay::Detail(a, name, history) => {
            let mut lines = vec![
                Line::styled(
                    format!("#{} {} {} {}", a.id, a.key.member, name, a.date),
                    theme.title(),
                ),
                Line::raw(format!(
                    "{} points, {}, {}",
                    a.points,
                    a.kind.as_str(),
                    a.status.as_str()
                )),
                Line::raw(format!(
                    "rule {}  subject {}  category {}",
                    a.key.rule_id, a.key.subject, a.category
                )),
                Line::raw(""),
            ];
            if !a.reason.is_empty() {
                lines.push(Line::raw(format!("reason: {}", a.reason)));
            }
            if !a.explanation.is_empty() {
                lines.push(Line::raw(a.explanation.clone()));
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled(s::HISTORY.to_string(), theme.title()));
            let w = (area.width - 4).min(90);
            // History lines wrap; when they do not all fit, the earliest
            // give way, so the way to close the detail always shows.
            let mut past: Vec<Line> =
                vec![Line::raw(s::created_line(&a.created_at, &a.created_by))];
            for e in history {
                past.push(Line::raw(s::history_line(
                    &e.at, &e.action, &e.actor, &e.detail,
                )));
            }
            let decision_logged = history
                .iter()
                .any(|e| e.action == "approved" || e.action == "rejected");
            if !decision_logged && let (Some(at), Some(by)) = (&a.decided_at, &a.decided_by) {
                let why = a
                    .decision_reason
                    .as_deref()
                    .map(|r| format!(": {r}"))
                    .unwrap_or_default();
                past.push(Line::raw(format!(
                    "  {at}  {} by {by}{why}",
                    a.status.as_str()
                )));
            }
            let tail = [
                Line::raw(""),
                Line::styled(s::DETAIL_KEYS.to_string(), theme.dim()),
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
            popup::render(popup::centred(area, w, h), buf, s::DETAIL_TITLE, lines);
        }
        Overlay::Balance(b) => {
            let next = match &b.next_reward {
                Some((r, missing)) => format!(
                    "{} ({}, {} points): {missing} to go",
                    r.code, r.name, r.cost
                ),
                None => "every active reward is within reach".into(),
            };
            let lines = vec![
                Line::styled(format!("{} {}", b.member, b.name), theme.title()),
                Line::raw(""),
                Line::raw(format!("balance         {}", b.balance)),
                Line::raw(format!(
                    "available       {}  (pending redemptions held back)",
                    b.available
                )),
                Line::raw(format!("next reward     {next}")),
                Line::raw(format!("expiring in 30d {}", b.expiring_30d)),
                Line::raw(""),
                Line::styled(s::DETAIL_KEYS.to_string(), theme.dim()),
            ];
            let w = (area.width - 4).min(76);
            popup::render(
                popup::centred(area, w, lines.len() as u16 + 2),
                buf,
                s::BALANCE_TITLE,
                lines,
            );
        }
        Overlay::Rule(_) => {}
        Overlay::Discard(e) => {
            let lines = vec![
                Line::raw(""),
                Line::styled(format!(" {}", s::discard_question(e.id())), theme.title()),
                Line::raw(""),
                Line::styled(format!(" {}", s::CONFIRM_KEYS), theme.dim()),
            ];
            let h = lines.len() as u16 + 2;
            popup::render(popup::centred(area, 60, h), buf, s::DISCARD_TITLE, lines);
        }
        Overlay::RuleDate(q) => {
            let mut lines = vec![
                Line::raw(""),
                Line::styled(format!(" {}", q.question), theme.title()),
                Line::raw(""),
                Line::raw(format!(" {}_", q.date)),
            ];
            match &q.error {
                Some(e) => lines.push(Line::styled(truncate(&format!(" {e}"), 70), theme.error())),
                None => lines.push(Line::raw("")),
            }
            lines.push(Line::styled(format!(" {}", s::RULE_DATE_KEYS), theme.dim()));
            let h = lines.len() as u16 + 2;
            popup::render(popup::centred(area, 72, h), buf, s::RULE_DATE_TITLE, lines);
        }
        Overlay::ChooseKind => {
            let lines = vec![
                Line::raw(""),
                Line::raw(format!(" {}", s::CHOOSE_KIND)),
                Line::raw(format!(" {}", s::CHOOSE_KIND_MORE)),
                Line::raw(""),
            ];
            popup::render(
                popup::centred(area, 64, 6),
                buf,
                s::CHOOSE_KIND_TITLE,
                lines,
            );
        }
        Overlay::Reward(f) => {
            let w = (area.width - 4).min(76);
            let lines = f.lines(theme, w as usize - 2);
            let h = (lines.len() as u16 + 2).min(area.height - 2);
            popup::render(popup::centred(area, w, h), buf, &f.title(), lines);
        }
        Overlay::Form(f) => {
            let w = (area.width - 4).min(76);
            let lines = f.lines(theme, w as usize - 2);
            let h = (lines.len() as u16 + 2).min(area.height - 2);
            popup::render(popup::centred(area, w, h), buf, s::FORM_TITLE, lines);
        }
    }
}
