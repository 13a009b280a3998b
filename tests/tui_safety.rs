//! The screen and closed periods, other processes and the audit trail: the
//! header says a period is closed, decisions in it are refused with a clear
//! message, and an award's detail shows its history from the audit log.

mod common;

use common::screen::{ctx, keys, q1_app, screen};
use merit::domain::Period;
use merit::ops::periods::close;

#[test]
fn a_closed_month_is_marked_in_the_header_and_refuses_decisions() {
    let (_dir, mut app) = q1_app(80, 24);
    close(&mut app.store, &ctx(), Period::parse("2026-01").unwrap()).unwrap();
    app.reload().unwrap();
    let quarter = screen(&app);
    assert!(
        quarter
            .lines()
            .next()
            .unwrap()
            .contains("2026-Q1 quarter (closed: 2026-01)"),
        "{quarter}"
    );
    // p p p: year, today's week, its month (March); [ [: January;
    // s s s: every status; a: approve.
    keys(&mut app, "ppp[[sssa");
    insta::assert_snapshot!("closed_month_refuses_80x24", screen(&app));
    let text = screen(&app);
    assert!(
        text.lines()
            .next()
            .unwrap()
            .contains("2026-01 month CLOSED"),
        "{text}"
    );
    assert!(text.contains(
        "2026-01 was closed by lead on 2026-03-31: no decisions in it (reopen it first)"
    ));
    assert!(matches!(app.overlay, merit::tui::app::Overlay::None));
}

#[test]
fn the_detail_of_an_award_shows_its_history_from_the_audit_log() {
    let (_dir, mut app) = q1_app(120, 40);
    // A March award, approved in the screen: the detail lists the decision.
    keys(&mut app, "ays<Enter>");
    let text = screen(&app);
    assert!(text.contains("created by lead"), "{text}");
    assert!(text.contains("approved by lead: "), "{text}");
}

#[test]
fn a_manual_award_dated_in_a_closed_month_is_refused_in_the_form() {
    let (_dir, mut app) = q1_app(80, 24);
    close(&mut app.store, &ctx(), Period::parse("2026-02").unwrap()).unwrap();
    app.reload().unwrap();
    let pending_before = app.pending;
    // n: the form; member ZW, 5 points, a February date, reason.
    keys(&mut app, "nZW<Tab>5<Tab>");
    for _ in 0..10 {
        keys(&mut app, "<BS>");
    }
    keys(&mut app, "2026-02-10<Tab><Tab>help<Enter>");
    let text = screen(&app);
    assert!(text.contains("date: 2026-02 is closed"), "{text}");
    assert_eq!(app.pending, pending_before);
}

/// A second lead's screen on the same store file.
fn second_app(app: &merit::tui::app::App, actor: &str) -> merit::tui::app::App {
    let store = merit::store::Store::open(app.store.path()).unwrap();
    let mut c = ctx();
    c.actor = actor.into();
    let mut other =
        merit::tui::app::App::new(store, c, "q1.db", merit::tui::theme::Theme::plain()).unwrap();
    other.resize(80, 24);
    other
}

#[test]
fn two_screens_approving_the_same_awards_decide_each_once_and_the_loser_is_told() {
    let (_dir, mut li) = q1_app(80, 24);
    let mut wang = second_app(&li, "wang");
    // Both mark every pending award of the quarter and ask to approve.
    keys(&mut li, "*a");
    keys(&mut wang, "*a");
    keys(&mut wang, "y");
    keys(&mut li, "y");
    let text = screen(&li);
    assert!(
        text.contains("approved 0 awards, 0 points; 5 already decided (by wang: 5)"),
        "{text}"
    );
    let pending: i64 = li
        .store
        .db()
        .pending_summary(
            merit::domain::parse_date("2026-01-01").unwrap(),
            merit::domain::parse_date("2026-03-31").unwrap(),
        )
        .unwrap()
        .0 as i64;
    assert_eq!(pending, 2, "the two provisional bonuses of the quarter");
    merit::ops::verify::verify(&li.store).unwrap();
}

#[test]
fn a_busy_store_says_so_in_the_status_line_and_the_screen_goes_on() {
    let (_dir, mut app) = q1_app(80, 24);
    let holder = common::WriteLock::hold(app.store.path());
    let before = app.pending;
    keys(&mut app, "ay");
    let text = screen(&app);
    assert!(
        text.contains("the store is busy: another merit is writing to it; try again"),
        "{text}"
    );
    holder.release();
    assert_eq!(app.pending, before);
    // Once the other writer is done, the same keys work.
    keys(&mut app, "ay");
    assert!(screen(&app).contains("approved 1 award"));
}

/// A period the store cannot be read for (a server gone away, a table
/// taken away) leaves the screen on the period its rows are of: the
/// header moved on over the old period's rows.
#[test]
fn a_period_that_cannot_be_read_leaves_the_header_on_the_rows_period() {
    use merit::tui::app::App;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q1.db");
    let store = common::screen::q1_recalculated(&path);
    let mut app = App::new(store, ctx(), "q1.db", merit::tui::theme::Theme::plain()).unwrap();
    app.resize(80, 24);
    let before = app.period;
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("ALTER TABLE awards RENAME TO awards_gone")
        .unwrap();
    keys(&mut app, "]");
    assert_eq!(app.period, before, "{}", screen(&app));
    let text = screen(&app);
    assert!(text.contains(&before.to_string()), "{text}");
}

/// Pasted text (the terminal's bracketed paste) is typed into the field
/// being typed in, controls dropped, and does nothing anywhere else: a
/// paste holding ESC, `*`, `a` and `y` ran them as keys (Esc closed the
/// form, then every pending award was marked and approved).
#[test]
fn a_paste_is_text_in_a_field_and_nothing_on_a_pane() {
    let (_dir, mut app) = q1_app(80, 24);
    let pending = app.pending;
    // On the Ledger: no key runs.
    app.paste("*ay\u{1b}*ay");
    assert_eq!(app.pending, pending);
    assert!(matches!(app.overlay, merit::tui::app::Overlay::None));
    assert!(!screen(&app).contains("approved"), "{}", screen(&app));
    // In the manual-award form: text, the ESC dropped, the form still open.
    keys(&mut app, "n");
    app.paste("ZW\u{1b}*ay\r\n");
    let text = screen(&app);
    assert!(text.contains("ZW*ay_"), "{text}");
    assert!(
        matches!(app.overlay, merit::tui::app::Overlay::Form(_)),
        "{text}"
    );
    keys(&mut app, "<Esc>");
    assert_eq!(app.pending, pending);
    // On a screen too small to show the form, a paste does nothing (its
    // `q` quit, the form lost); nor into the new-rule menu.
    app.resize(40, 10);
    app.paste("quick quote");
    assert!(!app.quit);
    app.resize(80, 24);
    assert!(screen(&app).contains("ZW*ay_"), "{}", screen(&app));
    keys(&mut app, "<Esc><Esc>2n");
    app.paste("t");
    assert!(
        matches!(app.overlay, merit::tui::app::Overlay::ChooseKind),
        "{}",
        screen(&app)
    );
}

/// The detail of a row the Ledger calls provisional says so beside its
/// status (it said `pending` alone, where the list said `provisional`).
#[test]
fn the_detail_says_what_the_row_said_of_its_status() {
    let (_dir, mut app) = q1_app(120, 40);
    let mut found = false;
    for _ in 0..10 {
        let r = app.ledger.current().unwrap().clone();
        if app.ledger.is_provisional(&r) {
            found = true;
            break;
        }
        keys(&mut app, "j");
    }
    assert!(found, "{}", screen(&app));
    keys(&mut app, "<Enter>");
    let text = screen(&app);
    assert!(text.contains("pending (provisional)"), "{text}");
}
