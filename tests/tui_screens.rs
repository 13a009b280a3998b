//! Screen snapshots of every pane at 80×24 and 120×40 on the q1 store
//! (Chinese names included), and of the overlays.

mod common;

use common::screen::{keys, q1_app, screen};

fn both_sizes(name: &str, setup: &str) {
    for (w, h) in [(80, 24), (120, 40)] {
        let (_dir, mut app) = q1_app(w, h);
        keys(&mut app, setup);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&app));
    }
}

#[test]
fn ledger_shows_pending_awards_first() {
    both_sizes("ledger", "");
}

#[test]
fn ledger_all_statuses() {
    both_sizes("ledger_all", "sss");
}

#[test]
fn rules_pane() {
    both_sizes("rules", "2");
}

#[test]
fn catalog_pane() {
    both_sizes("catalog", "3");
}

#[test]
fn rankings_members_and_teams() {
    both_sizes("rankings", "4");
    both_sizes("rankings_teams", "4t");
}

#[test]
fn the_balance_says_points_are_held_back_only_where_a_redemption_is_pending() {
    // 王芳 has a redemption pending (the snapshots above); 张伟, second,
    // has none: all his balance is available, and nothing is held back.
    let (_dir, mut app) = q1_app(80, 24);
    keys(&mut app, "4j<Enter>");
    let s = screen(&app);
    assert!(s.contains("张伟"), "{s}");
    let available = s.lines().find(|l| l.contains("available")).unwrap();
    assert!(available.contains("available       46 "), "{s}");
    assert!(!s.contains("held back"), "{s}");
}

#[test]
fn a_filter_that_matches_nobody_says_so_in_rankings() {
    // The filter is carried from the Ledger; Rankings used to show an
    // empty table with no word of why.
    let (_dir, mut app) = q1_app(80, 24);
    keys(&mut app, "/nobody<Enter>4");
    let s = screen(&app);
    assert!(s.contains("filter: nobody"), "{s}");
    assert!(
        s.contains("No member matches the filter. Press / to change it."),
        "{s}"
    );
    keys(&mut app, "t");
    let s = screen(&app);
    assert!(
        s.contains("No team matches the filter. Press / to change it."),
        "{s}"
    );
    // Cleared, everyone is back and the line is gone.
    keys(&mut app, "t/<BS><BS><BS><BS><BS><BS><Enter>");
    let s = screen(&app);
    assert!(s.contains("张伟"), "{s}");
    assert!(!s.contains("matches the filter"), "{s}");
}

#[test]
fn the_subtitle_keeps_the_filter_and_the_end_of_what_is_typed() {
    let (_dir, mut app) = q1_app(80, 24);
    let subtitle = |app: &_| screen(app).lines().nth(2).unwrap().to_string();
    // The Catalog says nothing of its own there: the filter alone.
    keys(&mut app, "3/zw");
    assert_eq!(subtitle(&app).trim_end(), " filter: zw_");
    // Wider than the line: its end, where one types, stays in sight.
    let long = "abcdefghij".repeat(9);
    keys(&mut app, &long);
    let line = subtitle(&app);
    assert!(line.starts_with(" …"), "{line}");
    assert!(line.trim_end().ends_with("hij_"), "{line}");
    assert!(merit::text::width(&line) <= 80, "{line}");
}

#[test]
fn the_widest_points_are_shown_whole() {
    // A manual award at the limit (10^15): the Ledger showed `10000000…`
    // and Rankings `100000000…`, which read as some ten million.
    use merit::ops::award::{ManualAward, add_manual};
    let (_dir, path) = common::screen::q1_store();
    let mut store = merit::store::Store::open(&path).unwrap();
    let award = ManualAward {
        member: "ZW".into(),
        points: merit::domain::Points::parse("1000000000000000").unwrap(),
        date: merit::domain::parse_date("2026-03-30").unwrap(),
        category: "manual".into(),
        reason: "big".into(),
    };
    add_manual(&mut store, &common::screen::ctx(), &award).unwrap();
    let mut app = merit::tui::app::App::new(
        store,
        common::screen::ctx(),
        "q1.db",
        merit::tui::theme::Theme::plain(),
    )
    .unwrap();
    app.resize(80, 24);
    keys(&mut app, "/big<Enter>");
    let s = screen(&app);
    assert!(s.contains(" 1000000000000000 pending"), "{s}");
    keys(&mut app, "<Esc>4");
    let s = screen(&app);
    let zw = s.lines().find(|l| l.contains("张伟")).unwrap();
    assert!(zw.contains(" +1000000000000142.5 "), "{s}");
    assert!(!s.contains("0…"), "{s}");
}

#[test]
fn rankings_month_shows_movement() {
    // 2026-Q1 → year 2026 → today's week → its month 2026-03; one step
    // back is February.
    both_sizes("rankings_february", "4ppp[");
}

#[test]
fn help_overlay() {
    both_sizes("help", "?");
}

#[test]
fn approve_confirmation_names_count_and_points() {
    both_sizes("confirm_approve", "*a");
}

#[test]
fn reject_asks_for_a_reason() {
    both_sizes("confirm_reject", " x");
}

#[test]
fn manual_award_form_checks_as_you_type() {
    both_sizes("form", "n张<Tab>1x");
}

#[test]
fn detail_shows_explanation_and_history() {
    both_sizes("detail", "s<Enter>");
}

#[test]
fn too_small_terminal_says_so() {
    let (_dir, mut app) = q1_app(60, 20);
    app.resize(60, 20);
    let s = screen(&app);
    assert!(s.starts_with("terminal too small\nmerit needs at least 80×24; this one is 60×20"));
}

#[test]
fn rankings_member_balance() {
    both_sizes("balance", "4<Enter>");
}

#[test]
fn rule_editor_with_the_preview() {
    // deal: 10 → 15 points a deal; the preview moves as it is typed.
    both_sizes("rule_editor", "2j<Enter><Tab><Tab><Tab><Tab><BS><BS>15");
}

#[test]
fn rule_editor_marks_a_bad_value() {
    both_sizes(
        "rule_editor_error",
        "2j<Enter><Tab><Tab><Tab><Tab><BS><BS>1x",
    );
}

#[test]
fn rule_save_asks_the_date() {
    both_sizes(
        "rule_save_date",
        "2j<Enter><Tab><Tab><Tab><Tab><BS><BS>15<C-s>",
    );
}

/// The date popup's first Enter shows what saving will do, and its keys
/// say so; the next Enter saves, as the keys then say. A key meant for
/// the screen (`j`, `?`) is not typed into the date.
#[test]
fn the_date_popup_says_which_enter_saves() {
    let (_dir, mut app) = q1_app(80, 24);
    keys(&mut app, "2j<Enter><Tab><Tab><Tab><Tab><BS><BS>15<C-s>j?k");
    let first = screen(&app);
    assert!(first.contains("Enter: see what saving does"), "{first}");
    assert!(first.contains("2026-01-01_"), "{first}");
    keys(&mut app, "<Enter>");
    let planned = screen(&app);
    assert!(planned.contains("Enter: save and recalculate"), "{planned}");
    assert!(!planned.contains("see what saving does"), "{planned}");
}

#[test]
fn rule_history_after_a_save() {
    both_sizes(
        "rule_history",
        "2j<Enter><Tab><Tab><Tab><Tab><BS><BS>15<C-s><Enter><Enter>",
    );
}

#[test]
fn reward_form() {
    both_sizes("reward_form", "3nPEN<Tab>钢笔<Tab>0");
}

/// The sparkline under the Rankings table is the cursor row's weeks, and
/// says whose they are and the highest week's points.
#[test]
fn the_rankings_sparkline_follows_the_cursor() {
    let (_dir, mut app) = q1_app(80, 24);
    keys(&mut app, "4j");
    let s = screen(&app);
    // ZW: D-001 in W03 (22 + 5 for tier A), D-002 in W08 (19).
    assert!(s.contains("  Points by week: 张伟 ZW, highest 27\n"), "{s}");
    assert!(s.contains("  01-01 ..█....▆...... 03-31\n"), "{s}");
}

/// Where a member's categories do not all fit beside the table, the line
/// that says so names the command for the period shown.
#[test]
fn the_categories_left_out_name_the_command_for_the_period() {
    let (_dir, mut app) = q1_app(80, 24);
    // Six more of WF's categories, approved: nine do not fit in six lines.
    let c = common::screen::ctx();
    for (i, category) in ["a", "b", "c", "d", "e", "f"].into_iter().enumerate() {
        let award = merit::ops::award::ManualAward {
            member: "WF".into(),
            points: merit::domain::Points::from_cents(100 * (i as i64 + 1)),
            date: merit::domain::parse_date("2026-02-02").unwrap(),
            category: category.into(),
            reason: "spread".into(),
        };
        let id = merit::ops::award::add_manual(&mut app.store, &c, &award).unwrap();
        merit::ops::decide::decide_ids(
            &mut app.store,
            &c,
            &[id],
            merit::domain::Status::Approved,
            None,
        )
        .unwrap();
    }
    keys(&mut app, "4c");
    let s = screen(&app);
    assert!(
        s.contains("more (merit standings 2026-Q1 --by category)"),
        "{s}"
    );
}
