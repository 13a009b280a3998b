//! Drawing the whole screen from the app's state: header, tabs, the pane,
//! the status line and the footer, then any overlay. Reads state only.

use super::app::{App, MIN_HEIGHT, MIN_WIDTH, Message, Overlay};
use super::keymap;
use super::panes::Pane;
use super::strings as s;
use crate::text::{truncate, width};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    render(app, area, frame.buffer_mut());
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(app, area, buf);
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
    match (app.overlay.editor(), app.pane) {
        (Some(editor), _) => editor.render(body, buf, theme),
        (None, Pane::Ledger) => app.ledger.render(body, buf, theme),
        (None, Pane::Rules) => app.rules.render(body, buf, theme),
        (None, Pane::Catalog) => app.catalog.render(body, buf, theme),
        (None, Pane::Rankings) => app.rankings.render(body, buf, theme),
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
    app.overlay.render(area, buf, &app.theme);
}

fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let mut lines = vec![
        Line::raw(s::TOO_SMALL()),
        Line::raw(format!("{} {}×{}", s::NEEDS(), area.width, area.height)),
        Line::raw(s::TOO_SMALL_KEYS()),
    ];
    // A save running on its own thread, and `q`'s question about it; or
    // the warning that an edit is not saved.
    let said = app.saving.is_some() || app.quit_armed;
    if let Some(m) = app.message.as_ref().filter(|_| said) {
        let text = crate::text::visible(&m.text).into_owned();
        lines.push(Line::raw(""));
        lines.push(Line::raw(text));
    }
    let width = usize::from(area.width).max(1);
    let lines: Vec<Line> = lines
        .iter()
        .flat_map(|l| crate::tui::widgets::popup::wrap(l, width))
        .collect();
    Paragraph::new(lines).render(area, buf);
}

fn render_header(app: &App, area: Rect, buf: &mut Buffer) {
    let (n, pts) = &app.pending;
    // A store this user may only read is said where the header is never cut.
    let read_only = if app.read_only {
        format!("{}  ", s::READ_ONLY())
    } else {
        String::new()
    };
    let right = format!("{read_only}{} {n} ({pts} {})", s::PENDING(), s::PTS());
    let closed = if app.closed.closes_all_of(app.period).is_some() {
        format!(" {}", s::CLOSED())
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
        s::APP(),
        app.label,
        app.period,
        s::word(app.period.kind().as_str())
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
    for (i, name) in s::PANES().iter().enumerate() {
        if i == app.pane.index() {
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
        Pane::Ledger => {
            parts.push(format!(
                "{}: {}",
                s::COL_STATUS(),
                s::word(app.ledger.status.label())
            ));
            parts.push(s::rows(app.ledger.total));
        }
        Pane::Rules => match &app.overlay {
            Overlay::Rule(e) | Overlay::Discard(e) => parts.push(s::preview_status(
                &e.period().to_string(),
                &e.from.to_string(),
            )),
            _ if app.rules.filtered => {
                parts.push(s::rules_matching(app.rules.rules.len(), app.rules.in_force))
            }
            _ => parts.push(s::rules_in_force(app.rules.rules.len())),
        },
        Pane::Rankings => {
            parts.push(s::ranked_by(
                app.rankings.teams,
                app.rankings.with_pending,
                &app.rankings.pending.to_string(),
            ));
        }
        _ => {}
    }
    let head = parts.join(" | ");
    let mut line = format!(" {head}");
    if !app.filter.is_empty() || matches!(app.overlay, Overlay::Filter) {
        let cursor = if matches!(app.overlay, Overlay::Filter) {
            "_"
        } else {
            ""
        };
        // The filter stays in sight: where the line is too long, the
        // pane's part is cut short (or left out, where a few cells of it
        // would say nothing), not the filter that chose its rows; a filter
        // wider than the line keeps its end, where one types.
        let filter = format!("{}: {}{cursor}", s::FILTER(), app.filter);
        let width = (area.width as usize).saturating_sub(1);
        let room = width.saturating_sub(crate::text::width(&filter) + 3);
        line = if head.is_empty() || room < 8 {
            format!(" {}", crate::text::truncate_start(&filter, width))
        } else {
            format!(
                " {} | {}",
                crate::text::truncate(&head, room),
                crate::text::visible(&filter)
            )
        };
    }
    Paragraph::new(Line::styled(line, app.theme.dim())).render(area, buf);
}

/// Whether the status message needs the footer's row too.
fn long_message(app: &App, width: u16) -> bool {
    app.message.as_ref().is_some_and(|m| {
        crate::text::width(&crate::text::visible(&m.text)) + 1 > usize::from(width)
    })
}

fn render_status(app: &App, area: Rect, buf: &mut Buffer) {
    let saving = app.saving.as_ref().map(|sv| Message {
        text: s::saving(
            &sv.id,
            &sv.from.to_string(),
            super::progress::progress().as_ref(),
        ),
        error: false,
    });
    // What the lead just did or was asked comes first; else the save's progress.
    if let Some(m) = app.message.as_ref().or(saving.as_ref()) {
        let style = if m.error {
            app.theme.error()
        } else {
            app.theme.good()
        };
        // A message wider than the line wraps onto the footer's row rather
        // than being cut (Esc clears it and gives the footer back).
        let text = crate::text::visible(&format!(" {}", m.text)).into_owned();
        let width = usize::from(area.width).max(1);
        let lines = crate::tui::widgets::popup::wrap(&Line::styled(text, style), width);
        Paragraph::new(lines).render(area, buf);
    }
}

fn render_footer(app: &App, area: Rect, buf: &mut Buffer) {
    if let Some(keys) = app.overlay.footer_keys() {
        let text = truncate(&format!(" {keys}"), area.width as usize);
        Paragraph::new(Line::styled(text, app.theme.dim())).render(area, buf);
        return;
    }
    let (count, points) = match app.pane {
        Pane::Ledger => (app.ledger.marks.len(), app.ledger.marked_points()),
        Pane::Catalog => (
            app.catalog.marks.len(),
            app.catalog.marks.values().copied().sum(),
        ),
        _ => (0, Default::default()),
    };
    let mut marks = if count > 0 {
        format!("{} {count} ({points} {}) ", s::MARKED(), s::PTS())
    } else {
        String::new()
    };
    // The pane's keys first (with marks: what acts on them); `q quit` and
    // `? help` always fit, since they end the session or lead to the rest.
    use super::action::Action;
    // A toggle offers what it turns to: `t members` while teams are shown.
    let label = |b: &keymap::Binding| {
        let word = match b.action {
            Action::ToggleTeams if app.rankings.teams => crate::i18n::t("footer-members"),
            // Enter on a team opens its members, not a balance.
            Action::Open if app.pane == Pane::Rankings && app.rankings.teams => {
                crate::i18n::t("footer-team-members")
            }
            _ => crate::i18n::t(b.footer),
        };
        format!("{} {word}", keymap::key_name(b.label))
    };
    let all = keymap::footer(app.pane.scope());
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
            marks = format!("{} {count} ({points}) ", s::MARKED());
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
