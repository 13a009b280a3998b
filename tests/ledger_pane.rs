//! The Ledger pane (issue 18): it shows postings that are not awards
//! (redemptions) beside the awards, as `merit ledger` does, and reads its
//! rows a page at a time by key: wherever the cursor goes, the row under
//! it is the row at that place in the whole view.

mod common;

use common::screen::{ctx, keys, q1_app, screen};
use merit::domain::{Period, Points, Status};
use merit::store::{AwardView, Page};
use merit::tui::app::App;

#[test]
fn an_approved_redemption_shows_in_the_ledger_and_cannot_be_marked() {
    let (_d, mut app) = q1_app(80, 24);
    // WF's pending request for GIFT, approved in the Catalog.
    keys(&mut app, "3ay");
    keys(&mut app, "1");
    let pending = screen(&app);
    assert!(
        !pending.contains("GIFT"),
        "pending view: awards only\n{pending}"
    );
    keys(&mut app, "s");
    let shown = screen(&app);
    assert!(shown.contains("redemption 1: GIFT ×1"), "{shown}");
    assert!(!shown.contains("redemption: redemption"), "{shown}");
    assert!(shown.contains("-50"), "{shown}");
    // Every row marked: the posting shows no mark (a posting whose number
    // was a marked award's showed `*`, and the count below disagreed).
    keys(&mut app, "*");
    keys(&mut app, "G");
    let posting = app.ledger.current().unwrap().clone();
    assert!(posting.posting.is_some(), "{posting:?}");
    // An award of the posting's number marked (the demo's case).
    let mark = *app.ledger.marks.values().next().unwrap();
    app.ledger.marks.insert(posting.id, mark);
    let marked = screen(&app);
    let posting = marked.lines().find(|l| l.contains("GIFT")).unwrap();
    assert!(
        !posting.starts_with(" *") && !posting.starts_with(">*"),
        "{marked}"
    );
    keys(&mut app, "u");
    // The posting row is not an award: no mark, no detail.
    keys(&mut app, "G");
    let row = app.ledger.current().unwrap().clone();
    assert!(row.posting.is_some(), "{row:?}");
    assert_eq!(row.reason, "redemption 1: GIFT ×1");
    keys(&mut app, " ");
    assert!(app.ledger.marks.is_empty());
    keys(&mut app, "<Enter>");
    assert!(matches!(app.overlay, merit::tui::app::Overlay::None));
    // It says why nothing opens (it said nothing).
    assert!(
        screen(&app).contains("a redemption or an expiry is no award"),
        "{}",
        screen(&app)
    );
    // The CLI lists the same posting.
    let csv = ledger_csv(&app);
    assert!(
        csv.contains(",redemption,,redemption 1: GIFT ×1,-50,approved"),
        "{csv}"
    );
}

/// A posting whose number is a disputed award's: the row says nothing of
/// that dispute, and `r` on it resolves nothing (it showed `disputed` and
/// `r` accepted the award's dispute from the redemption's row).
#[test]
fn a_posting_numbered_as_a_disputed_award_is_not_that_award() {
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "3ay1sG");
    let posting = app.ledger.current().unwrap().clone();
    assert!(posting.posting.is_some(), "{posting:?}");
    merit::ops::disputes::dispute(&mut app.store, &ctx(), posting.id, "check").unwrap();
    app.reload().unwrap();
    keys(&mut app, "G");
    assert_eq!(app.ledger.current().unwrap().id, posting.id);
    let text = screen(&app);
    let row = text.lines().find(|l| l.contains("GIFT")).unwrap();
    assert!(!row.contains("disputed"), "{text}");
    keys(&mut app, "r");
    assert!(
        matches!(app.overlay, merit::tui::app::Overlay::None),
        "{}",
        screen(&app)
    );
    let open = app.store.db().open_disputes().unwrap();
    assert!(
        open.contains(&posting.id),
        "the award's dispute is still open"
    );
}

fn ledger_csv(app: &App) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_merit"))
        .args(["ledger", "--format", "csv", "--today", "2026-03-31"])
        .env("MERIT_DB", app.store.path())
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// 700 awards over the quarter: every move (down, pages, both ends, back)
/// lands on the row the whole view has at that place.
#[test]
fn paging_by_key_lands_on_the_row_at_each_place() {
    let (_d, mut app) = q1_app(80, 24);
    let c = ctx();
    for i in 0..700u32 {
        let m = merit::ops::award::ManualAward {
            member: ["ZW", "LN", "WF", "JS"][i as usize % 4].into(),
            points: Points::parse(&format!("{}", i % 7 + 1)).unwrap(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 1 + i % 3, 1 + i % 28).unwrap(),
            category: "test".into(),
            reason: format!("r{i}"),
        };
        merit::ops::award::add_manual(&mut app.store, &c, &m).unwrap();
    }
    // Approve some so that the "all" view has every status group.
    let sel = merit::ops::decide::Selection {
        period: Period::parse("2026-01").unwrap(),
        member: Some("ZW".into()),
        rule_id: None,
    };
    merit::ops::decide::decide_selection(&mut app.store, &c, &sel, Status::Approved, None).unwrap();
    app.reload().unwrap();
    keys(&mut app, "sss"); // all statuses
    let view = AwardView {
        from: Some(app.period.start()),
        to: Some(app.period.end()),
        ..AwardView::default()
    };
    let all = app
        .store
        .db()
        .award_lines(&view, &Page::First, usize::MAX >> 1)
        .unwrap();
    assert_eq!(all.len(), app.ledger.total);
    assert!(all.len() > 700);
    let check = |app: &App, what: &str| {
        let at = app.ledger.cursor;
        assert_eq!(
            app.ledger.current().map(|r| r.key.clone()),
            Some(all[at].key.clone()),
            "{what}: row {at}"
        );
    };
    check(&app, "first");
    for (step, spec) in [
        ("G", "G"),
        ("up", "k"),
        ("page up", "\u{0}"),
        ("top", "g"),
        ("pages down", "\u{1}"),
        ("down", "jjjj"),
        ("bottom", "G"),
        ("pages up", "\u{2}"),
    ] {
        match spec {
            "\u{0}" => press(&mut app, crossterm::event::KeyCode::PageUp, 1),
            "\u{1}" => press(&mut app, crossterm::event::KeyCode::PageDown, 40),
            "\u{2}" => press(&mut app, crossterm::event::KeyCode::PageUp, 25),
            keys_ => keys(&mut app, keys_),
        }
        check(&app, step);
    }
}

fn press(app: &mut App, code: crossterm::event::KeyCode, times: usize) {
    for _ in 0..times {
        app.handle_key(crossterm::event::KeyEvent::new(
            code,
            crossterm::event::KeyModifiers::NONE,
        ));
    }
}

/// At the bottom of a long pending list, approving most of it leaves a
/// few rows: the screen shows them all, not the last alone under an
/// empty page (the window kept its old place).
#[test]
fn rows_left_after_a_decision_fill_the_page() {
    let (_d, mut app) = q1_app(80, 24);
    let c = ctx();
    for i in 0..40u32 {
        let m = merit::ops::award::ManualAward {
            member: "ZW".into(),
            points: Points::parse("1").unwrap(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 2, 1 + i % 27).unwrap(),
            category: "test".into(),
            reason: format!("r{i}"),
        };
        merit::ops::award::add_manual(&mut app.store, &c, &m).unwrap();
    }
    app.reload().unwrap();
    assert!(app.ledger.total > 40, "{}", app.ledger.total);
    // At the bottom, February's pending awards are approved (by another
    // lead: the screen reads the store again).
    keys(&mut app, "G");
    let sel = merit::ops::decide::Selection {
        period: Period::parse("2026-02").unwrap(),
        member: None,
        rule_id: None,
    };
    merit::ops::decide::decide_selection(&mut app.store, &c, &sel, Status::Approved, None).unwrap();
    app.reload().unwrap();
    let text = screen(&app);
    let left = app.ledger.total;
    assert!((2..18).contains(&left), "{text}");
    // Every row left is on the screen.
    let shown = text
        .lines()
        .filter(|l| l.trim_start_matches(['>', '*', ' ']).starts_with("2026-"))
        .count();
    assert_eq!(shown, left, "{text}");
}
