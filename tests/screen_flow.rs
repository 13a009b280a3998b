//! The screen never acts blind, and a week's review is a few keys: a too
//! small screen takes no key but `q`; marks a view hides are named before
//! they are acted on; weeks are periods on the screen and the command
//! line; `p` keeps the lead's place; `/` finds dates; Rankings show
//! pending points before anything is approved.

mod common;

use common::Sandbox;
use common::screen::{keys, q1_app, screen};
use merit::domain::Period;
use merit::tui::app::Overlay;

fn period(app: &merit::tui::app::App) -> String {
    app.period.to_string()
}

#[test]
fn a_too_small_screen_takes_no_key_but_q() {
    let (_d, mut app) = q1_app(80, 24);
    let pending = app.pending;
    app.resize(70, 20);
    keys(&mut app, "*ay");
    keys(&mut app, "nZW<Tab>5");
    assert!(matches!(app.overlay, Overlay::None), "{:?}", app.overlay);
    assert!(app.ledger.marks.is_empty());
    app.reload().unwrap();
    assert_eq!(app.pending, pending, "nothing approved unseen");
    let text = screen(&app);
    assert!(text.contains("terminal too small"), "{text}");
    assert!(text.contains("q quits"), "{text}");
    insta::assert_snapshot!("too_small_70x20", text);
    keys(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn marks_hidden_by_a_filter_are_named_before_acting() {
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "*/张伟<Enter>");
    assert_eq!(app.ledger.total, 3);
    keys(&mut app, "x");
    let text = screen(&app);
    // 7 marked, 3 shown: 4 hidden.
    assert!(
        text.contains("Reject 7 marked awards for 387.5 points?")
            && text.contains("4 of them hidden by the filter or status")
            && text.contains("Enter: reject"),
        "{text}"
    );
    insta::assert_snapshot!("hidden_marks_80x24", text);
    keys(&mut app, "<Esc>");
    app.resize(160, 48);
    keys(&mut app, "x");
    insta::assert_snapshot!("hidden_marks_160x48", screen(&app));
}

#[test]
fn changing_the_period_says_the_marks_were_cleared() {
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "  [");
    assert!(app.ledger.marks.is_empty());
    let text = screen(&app);
    assert!(
        text.contains("the period changed: 2 marks cleared"),
        "{text}"
    );
}

#[test]
fn a_single_row_confirmation_names_the_member_and_the_award() {
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "a");
    let text = screen(&app);
    assert!(
        text.contains("Approve ZW 张伟's deal D-003 (37.5 points)?"),
        "{text}"
    );
}

#[test]
fn p_cycles_week_month_quarter_year_and_keeps_the_place() {
    // Today is 2026-03-31 (ISO week 14); the screen opens on its quarter.
    let (_d, mut app) = q1_app(80, 24);
    assert_eq!(period(&app), "2026-Q1");
    keys(&mut app, "p");
    assert_eq!(period(&app), "2026");
    keys(&mut app, "p");
    assert_eq!(period(&app), "2026-W14", "the week of today, not January");
    keys(&mut app, "p");
    assert_eq!(period(&app), "2026-03");
    // Back in February, up to the year and down again: February's week
    // is not today's, and the month comes back to the one last shown.
    keys(&mut app, "[");
    assert_eq!(period(&app), "2026-02");
    keys(&mut app, "pp");
    assert_eq!(period(&app), "2026");
    keys(&mut app, "[");
    assert_eq!(period(&app), "2025");
    keys(&mut app, "pp");
    assert_eq!(
        period(&app),
        "2025-01",
        "no week of 2025 was shown: its first"
    );
    keys(&mut app, "]]]");
    assert_eq!(period(&app), "2025-04");
    keys(&mut app, "ppp");
    assert_eq!(
        period(&app),
        "2025-W14",
        "year back to the week of the month last shown"
    );
    keys(&mut app, "p");
    assert_eq!(period(&app), "2025-04");
}

#[test]
fn a_week_review_is_p_star_a_y() {
    let (_d, mut app) = q1_app(80, 24);
    // 2026-W10 (2 to 8 March) holds the sprint week's deals.
    keys(&mut app, "pp");
    while app.period != Period::parse("2026-W10").unwrap() {
        keys(&mut app, "[");
    }
    let text = screen(&app);
    assert!(text.contains("2026-W10 week"), "{text}");
    insta::assert_snapshot!("week_80x24", text);
    keys(&mut app, "*ay");
    let text = screen(&app);
    assert!(text.contains("approved 3 awards, 63.5 points"), "{text}");
}

#[test]
fn weeks_are_periods_on_the_command_line() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc", "2026-W10"]);
    assert_eq!(
        s.ok(&[
            "standings",
            "2026-W10",
            "--include-pending",
            "--format",
            "csv"
        ]),
        "rank,member,name,team,points,title\n1,ZW,张伟,East,42.5,\n2,LN,李娜,East,21,\n3,JS,John Smith,West,0,\n3,WF,王芳,West,0,\n"
    );
    assert_eq!(
        s.ok(&["approve", "2026-W10"]),
        "approved 3 awards, 63.5 points\n"
    );
    let ledger = s.ok(&["ledger", "--period", "2026-W10", "--format", "csv"]);
    assert_eq!(ledger.lines().count(), 4, "{ledger}");
    let out = s.merit().args(["standings", "2026-W54"]).assert().code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("a week (2026-W48)"));
    // A rule per week cannot be: scoring reads whole years.
    let r = s.file(
        "r.toml",
        "[[rules]]\nid = \"v\"\nname = \"V\"\nkind = \"per_event\"\ncategory = \"c\"\nevent = \"visit\"\npoints = 1\ncap = { points = 5, per = \"week\" }\n",
    );
    s.merit().args(["rules", "import", &r]).assert().code(2);
}

#[test]
fn the_filter_finds_dates() {
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "/2026-03-0<Enter>");
    assert_eq!(app.ledger.total, 3, "3 and 5 March");
    keys(&mut app, "<Esc>/q-attain<Enter>");
    assert_eq!(app.ledger.total, 2);
}

#[test]
fn rankings_start_with_pending_points_when_nothing_is_approved() {
    let dir = tempfile::tempdir().unwrap();
    let store = common::screen::q1_recalculated(&dir.path().join("fresh.db"));
    let c = common::screen::ctx();
    let mut app =
        merit::tui::app::App::new(store, c, "fresh.db", merit::tui::theme::Theme::plain()).unwrap();
    app.resize(80, 24);
    keys(&mut app, "4");
    let text = screen(&app);
    assert!(
        text.contains("members by approved + 521.5 pending points (i: approved only)"),
        "{text}"
    );
    assert_eq!(
        app.rankings.rows[0].who, "WF",
        "188 + 30 + … pending ranks first"
    );
    assert!(!app.rankings.rows[0].points.is_zero());
    insta::assert_snapshot!("rankings_pending_80x24", text);
    keys(&mut app, "i");
    let text = screen(&app);
    assert!(
        text.contains("members by approved points; 521.5 pending beside them (i: with pending)"),
        "{text}"
    );
    assert!(app.rankings.rows.iter().all(|r| r.points.is_zero()));
    // Ties share a rank, in the contract's order (points, then code).
    assert!(app.rankings.rows.iter().all(|r| r.rank == 1));
    let codes: Vec<&str> = app.rankings.rows.iter().map(|r| r.who.as_str()).collect();
    assert_eq!(codes, ["JS", "LN", "WF", "ZW"]);
}

/// The too-small screen as a terminal shows it, driven in tmux (installed
/// by `.ci/run`): keys pressed there change nothing.
#[test]
fn tmux_a_too_small_terminal_changes_nothing() {
    common::require("tmux", "-V", "tmux");
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    let before = s.dump();
    let tmux = common::Tmux::new(s.dir.path());
    let bin = assert_cmd::cargo::cargo_bin("merit");
    // Quoted for the shell tmux runs it in: a PostgreSQL store's URL has
    // a `&`, which unquoted sent the rest of the line to a second command.
    let cmd = format!(
        "MERIT_DB='{}' MERIT_KEY='{}' MERIT_TODAY=2026-03-31 MERIT_USER=lead '{}'",
        s.db().display(),
        s.key().display(),
        bin.display()
    );
    tmux.start("m", 70, 20, &cmd);
    let text = tmux.wait_for("m", "too small", 300);
    assert!(
        text.contains("terminal too small") && text.contains("q quits"),
        "{text}"
    );
    tmux.run(&["send-keys", "-t", "m", "*", "a", "y"]);
    std::thread::sleep(std::time::Duration::from_millis(500));
    tmux.run(&["send-keys", "-t", "m", "q"]);
    std::thread::sleep(std::time::Duration::from_millis(500));
    drop(tmux);
    assert_eq!(
        s.dump(),
        before,
        "no key acted while the screen was too small"
    );
}

#[test]
fn a_long_message_wraps_instead_of_being_cut() {
    let (_d, mut app) = q1_app(80, 24);
    app.update(merit::tui::action::Action::Help);
    app.update(merit::tui::action::Action::Cancel);
    let long = "request 4 stays pending: WF has a balance of 12, 50 needed; request 5 stays pending: GIFT is out of stock (0 left, 1 asked)";
    app.message = Some(merit::tui::app::Message {
        text: long.into(),
        error: true,
    });
    let text = screen(&app);
    let joined: String = text
        .lines()
        .rev()
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
        .join("");
    assert!(joined.contains("(0 left, 1 asked)"), "{text}");
    assert!(joined.contains("request 4 stays pending"), "{text}");
}

#[test]
fn the_detail_always_shows_how_to_close_it() {
    let (_d, mut app) = q1_app(80, 24);
    // Many history lines for one award: recalculated again and again.
    let id = app.ledger.current().unwrap().id;
    {
        let tx = app.store.write().unwrap();
        for i in 0..30 {
            tx.audit_about(
                "2026-03-31 09:00:00",
                "lead",
                "recalculated",
                Some(&format!("award {id}")),
                &format!("points {i} -> {} with a long explanation that wraps over the width of the popup", i + 1),
                &merit::message::Msg::untyped(""),
            )
            .unwrap();
        }
        tx.commit().unwrap();
    }
    keys(&mut app, "<Enter>");
    let text = screen(&app);
    assert!(text.contains("Esc / Enter: close"), "{text}");
    assert!(text.contains("earlier entries"), "{text}");
    assert!(text.contains("points 29 -> 30"), "the latest stays: {text}");
}

#[test]
fn enter_on_a_team_row_lists_its_members() {
    let (_dir, mut app) = q1_app(80, 24);
    keys(&mut app, "4t");
    let team = app.rankings.rows[0].who.clone();
    keys(&mut app, "<Enter>");
    assert!(matches!(app.overlay, Overlay::Team(_)), "{:?}", app.overlay);
    let text = screen(&app);
    assert!(text.contains(&format!("{team}: 2 members")), "{text}");
    let Overlay::Team(t) = &app.overlay else {
        unreachable!()
    };
    assert!(t.rows.iter().all(|r| r.team == team), "{:?}", t.rows);
    insta::assert_snapshot!("team_members_80x24", text);
    keys(&mut app, "<Esc>");
    assert!(matches!(app.overlay, Overlay::None));
}

#[test]
fn esc_and_a_key_arriving_together_are_both_keys() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (_dir, mut app) = q1_app(80, 24);
    // A filter typed, then Esc and 4 at once (read as Alt-4).
    keys(&mut app, "/WF<Enter>");
    assert_eq!(app.filter, "WF");
    app.handle_key(KeyEvent::new(KeyCode::Char('4'), KeyModifiers::ALT));
    assert_eq!(app.filter, "", "Esc cleared the filter");
    assert_eq!(
        app.pane,
        merit::tui::panes::Pane::Rankings,
        "4 switched the pane"
    );
}
