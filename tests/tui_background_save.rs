//! A rule save on the screen runs on its own thread (issue 24): the status
//! line shows it, keys that only move about keep working, keys that would
//! write wait, and `q` asks whether to wait — waiting keeps the save,
//! quitting now undoes it.

mod common;

use common::screen::{keys, q1_app, screen};
use merit::rules::RuleBody;
use merit::tui::app::{App, Overlay};
use std::time::{Duration, Instant};

fn deal_points(app: &App) -> Vec<String> {
    app.store
        .db()
        .rules()
        .unwrap()
        .rules
        .iter()
        .filter(|r| r.id == "deal")
        .map(|r| match &r.body {
            RuleBody::PerEvent(p) => p.points.to_string(),
            _ => unreachable!(),
        })
        .collect()
}

/// The Rules pane, `deal`'s points changed to 15 and Ctrl-S pressed: the
/// date popup asks from when.
fn ask_to_save_deal_at_15(app: &mut App) {
    app.background = true;
    keys(app, "2j<Enter><Tab><Tab><Tab><Tab><BS><BS>15<C-s><Enter>");
    // The first Enter says what saving will do; the tests' next one saves.
    let Overlay::RuleDate(q) = &app.overlay else {
        panic!("{:?}", app.message)
    };
    assert!(q.plan.is_some(), "{:?}", q.error);
}

/// Ticks as the screen's loop does until the save has ended.
fn until_saved(app: &mut App) {
    let started = Instant::now();
    while app.saving.is_some() {
        assert!(started.elapsed() < Duration::from_secs(30), "the save ends");
        app.tick();
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Another connection holding the store's write lock: the save waits for
/// it (as behind a long write of another process) until it is dropped.
fn hold_write_lock(app: &App) -> common::WriteLock {
    common::WriteLock::hold(app.store.path())
}

#[test]
fn the_screen_answers_keys_while_a_rule_save_runs_and_q_can_wait_for_it() {
    let (_d, mut app) = q1_app(80, 24);
    let lock = hold_write_lock(&app);
    ask_to_save_deal_at_15(&mut app);
    keys(&mut app, "<Enter>");
    assert!(matches!(app.overlay, Overlay::None), "{:?}", app.message);
    assert!(app.saving.is_some(), "the save runs on its own thread");
    insta::assert_snapshot!("background_save_80x24", screen(&app));

    // Moving about works; what would write waits for the save.
    let cursor = app.rules.cursor;
    keys(&mut app, "j");
    assert_eq!(app.rules.cursor, cursor + 1);
    keys(&mut app, "2");
    assert!(screen(&app).contains("saving 'deal'"));
    keys(&mut app, "a");
    assert!(matches!(app.overlay, Overlay::None));
    assert!(
        screen(&app).contains("wait for the rule save to finish first"),
        "{}",
        screen(&app)
    );

    // q asks; Esc stays; q and y wait, then quit.
    keys(&mut app, "q");
    assert!(!app.quit);
    insta::assert_snapshot!("background_save_quit_80x24", screen(&app));
    keys(&mut app, "<Esc>");
    assert!(!app.quit && app.saving.is_some());
    keys(&mut app, "qy");
    assert!(!app.quit, "waits while the save runs");
    assert!(screen(&app).contains("waiting for the rule save to finish"));
    drop(lock);
    until_saved(&mut app);
    assert!(app.quit, "quits once saved");
    assert_eq!(deal_points(&app), ["10", "15"], "the save was kept");
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.starts_with("saved 'deal' from 2026-01-01:")),
        "{:?}",
        app.message
    );
}

#[test]
fn a_background_save_ends_like_a_save_in_place() {
    let (_d, mut app) = q1_app(80, 24);
    ask_to_save_deal_at_15(&mut app);
    keys(&mut app, "<Enter>");
    until_saved(&mut app);
    assert!(!app.quit);
    assert_eq!(deal_points(&app), ["10", "15"]);
    let message = app.message.clone().unwrap().text;
    assert!(
        message.starts_with("saved 'deal' from 2026-01-01:"),
        "{message}"
    );
    // The cursor is on the saved version, as after a save in place.
    assert!(screen(&app).contains("deal"), "{}", screen(&app));
    // Writing works again.
    keys(&mut app, "a");
    assert!(matches!(app.overlay, Overlay::RuleDate(_)));
}

#[test]
fn quitting_without_waiting_undoes_the_save() {
    let (_d, mut app) = q1_app(80, 24);
    let lock = hold_write_lock(&app);
    ask_to_save_deal_at_15(&mut app);
    keys(&mut app, "<Enter>");
    keys(&mut app, "q");
    // The save's thread waits for the lock; n interrupts it.
    let releaser = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        drop(lock);
    });
    keys(&mut app, "n");
    assert!(app.quit && app.saving.is_none());
    releaser.join().unwrap();
    app.store.db().rules().unwrap();
    assert_eq!(deal_points(&app), ["10"], "nothing of the save is kept");
}

#[test]
fn a_failed_background_save_shows_its_popup_again() {
    let (_d, mut app) = q1_app(80, 24);
    // Another process keeps the store locked past the busy timeout.
    let lock = hold_write_lock(&app);
    ask_to_save_deal_at_15(&mut app);
    keys(&mut app, "<Enter>");
    assert!(app.saving.is_some(), "{:?}", app.overlay);
    until_saved(&mut app);
    drop(lock);
    assert!(
        matches!(&app.overlay, Overlay::RuleDate(d) if d.error.is_some()),
        "{:?} {:?}",
        app.overlay,
        app.message
    );
    assert_eq!(deal_points(&app), ["10"]);
}

/// A save that fails while the lead is quitting (after `q`, before the
/// answer; or after "wait, then quit"): a question of its own, over the
/// Rules pane, so that the key meant for "wait?" never lands in the date
/// popup, and the screen neither quits unseen nor drops the change.
#[test]
fn a_save_failing_while_quitting_asks_again_and_keeps_the_change() {
    for answer in ["", "y"] {
        let (_d, mut app) = q1_app(80, 24);
        let lock = hold_write_lock(&app);
        ask_to_save_deal_at_15(&mut app);
        keys(&mut app, "<Enter>");
        // Away on the Ledger while it runs, then quitting.
        keys(&mut app, "1q");
        keys(&mut app, answer);
        until_saved(&mut app);
        drop(lock);
        assert!(!app.quit, "{answer}: quit unseen");
        let text = screen(&app);
        assert!(
            text.contains("the rule save failed: the store is busy"),
            "{answer}: {text}"
        );
        assert!(text.contains("q: quit without it"), "{answer}: {text}");
        // The `n` meant for the old question changes nothing.
        keys(&mut app, "n");
        assert!(app.quit, "{answer}: n quits without the save");
        assert_eq!(deal_points(&app), ["10"]);
    }
    // Enter goes back to the date popup, on the Rules pane, its date intact.
    let (_d, mut app) = q1_app(80, 24);
    let lock = hold_write_lock(&app);
    ask_to_save_deal_at_15(&mut app);
    keys(&mut app, "<Enter>1q");
    until_saved(&mut app);
    drop(lock);
    keys(&mut app, "<Enter>");
    assert!(!app.quit);
    let Overlay::RuleDate(d) = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    assert_eq!(d.date, "2026-01-01");
    assert!(screen(&app).contains("[2 Rules]"), "{}", screen(&app));
}
