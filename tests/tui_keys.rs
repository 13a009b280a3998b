//! Key sequences through `App::handle_key`/`update`: marking, bulk
//! decisions, confirmations, the manual-award form, periods; the store
//! agrees afterwards. And another process's write shows on the next tick.

mod common;

use common::screen::{app_on, ctx, keys, q1_app, q1_store, screen};
use merit::domain::{Period, Points, Status};
use merit::store::{AwardFilter, Store};
use merit::tui::app::{App, Overlay};
use merit::tui::theme::Theme;

fn pending_in_march(app: &App) -> Vec<i64> {
    app.store
        .db()
        .awards(&AwardFilter {
            from: Period::parse("2026-03").map(|p| p.start()),
            to: Period::parse("2026-03").map(|p| p.end()),
            status: Some(Status::Pending),
            ..AwardFilter::default()
        })
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect()
}

fn points(s: &str) -> Points {
    Points::parse(s).unwrap()
}

#[test]
fn space_marks_and_moves_down_and_unmarks() {
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "  ");
    assert_eq!(app.ledger.marks.len(), 2);
    assert_eq!(app.ledger.cursor, 2);
    keys(&mut app, "k ");
    assert_eq!(
        app.ledger.marks.len(),
        1,
        "space on a marked row unmarks it"
    );
    keys(&mut app, "u");
    assert!(app.ledger.marks.is_empty());
}

#[test]
fn mark_all_after_a_filter_marks_only_the_rows_shown() {
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "/张伟<Enter>");
    assert_eq!(app.ledger.total, 3);
    keys(&mut app, "*");
    assert_eq!(app.ledger.marks.len(), 3);
    assert_eq!(app.ledger.marked_points(), points("142.5"));
    assert!(screen(&app).contains("marked 3 (142.5)"));
    keys(&mut app, "<Esc>");
    assert_eq!(app.ledger.total, 7, "Esc clears the filter");
    assert_eq!(app.ledger.marks.len(), 3, "marks survive the filter");
}

/// Today is the quarter's last day: its two attainment bonuses (288
/// points) are provisional, so `*` `a` leaves them out and says so.
#[test]
fn approve_marked_asks_then_approves_and_the_store_agrees() {
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "*a");
    match &app.overlay {
        Overlay::Confirm(c) => {
            assert_eq!(c.ids().len(), 5);
            assert_eq!(c.points, points("99.5"));
            assert_eq!(c.provisional, 2);
        }
        other => panic!("expected a confirmation, got {other:?}"),
    }
    let s = screen(&app);
    assert!(s.contains("Approve 5 awards for 99.5 points?"), "{s}");
    assert!(
        s.contains("2 provisional awards left pending (period not ended)"),
        "{s}"
    );
    keys(&mut app, "y");
    assert_eq!(pending_in_march(&app).len(), 2);
    assert_eq!(app.pending.0, 2);
    assert_eq!(
        app.ledger.marks.len(),
        2,
        "the provisional ones stay marked"
    );
    let s = screen(&app);
    assert!(s.contains("pending 2 (288 pts)"), "{s}");
    assert!(s.contains("approved 5 awards, 99.5 points"), "{s}");
    // Only the provisional ones are left: `a` says why nothing is asked.
    keys(&mut app, "*a");
    assert!(matches!(app.overlay, Overlay::None));
    let s = screen(&app);
    assert!(
        s.contains("2 provisional awards: the period has not ended"),
        "{s}"
    );
}

#[test]
fn approve_without_marks_acts_on_the_current_row() {
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "j<Enter>");
    // Enter opened the detail of row 2; close it and approve that row.
    assert!(matches!(app.overlay, Overlay::Detail(..)));
    keys(&mut app, "<Esc>a<Enter>");
    assert_eq!(pending_in_march(&app).len(), 6);
    assert_eq!(app.pending.0, 6);
}

#[test]
fn cancelling_a_confirmation_changes_nothing() {
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "*a");
    keys(&mut app, "n");
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(pending_in_march(&app).len(), 7);
    keys(&mut app, "a<Esc>");
    assert_eq!(pending_in_march(&app).len(), 7);
    assert_eq!(app.ledger.marks.len(), 7, "marks stay after a cancel");
}

#[test]
fn reject_needs_a_reason_and_records_it() {
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "  x<Enter>");
    assert!(screen(&app).contains("a rejection needs a reason"));
    assert_eq!(pending_in_march(&app).len(), 7);
    // Said until a reason is typed (it stayed over the reason typed).
    keys(&mut app, "duplicate deal");
    assert!(
        !screen(&app).contains("a rejection needs a reason"),
        "{}",
        screen(&app)
    );
    keys(&mut app, "<Enter>");
    assert_eq!(pending_in_march(&app).len(), 5);
    let rejected = app
        .store
        .db()
        .awards(&AwardFilter {
            status: Some(Status::Rejected),
            ..AwardFilter::default()
        })
        .unwrap();
    assert_eq!(rejected.len(), 2);
    assert!(
        rejected
            .iter()
            .all(|a| a.decision_reason.as_deref() == Some("duplicate deal")
                && a.decided_by.as_deref() == Some("lead"))
    );
    assert!(screen(&app).contains("rejected 2 awards, 42.5 points"));
}

#[test]
fn status_filter_cycles_pending_approved_rejected_all() {
    let (_d, mut app) = q1_app(80, 24);
    let totals: Vec<usize> = (0..4)
        .map(|_| {
            let t = app.ledger.total;
            keys(&mut app, "s");
            t
        })
        .collect();
    assert_eq!(totals, vec![7, 9, 0, 16]);
    assert_eq!(app.ledger.total, 7, "back to pending");
}

#[test]
fn periods_move_and_change_kind() {
    let (_d, mut app) = q1_app(80, 24);
    assert_eq!(app.period.to_string(), "2026-Q1");
    keys(&mut app, "]");
    assert_eq!(app.period.to_string(), "2026-Q2");
    keys(&mut app, "[[");
    assert_eq!(app.period.to_string(), "2025-Q4");
    keys(&mut app, "]p");
    assert_eq!(app.period.to_string(), "2026", "quarter → year");
    keys(&mut app, "p");
    assert_eq!(app.period.to_string(), "2026-W14", "year → today's week");
    keys(&mut app, "p");
    assert_eq!(app.period.to_string(), "2026-03", "week → its month");
    keys(&mut app, "p");
    assert_eq!(app.period.to_string(), "2026-Q1", "month → quarter");
}

#[test]
fn manual_award_form_saves_only_when_valid() {
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "njohn<Tab>abc<Enter>");
    assert!(
        matches!(app.overlay, Overlay::Form(_)),
        "invalid: stays open"
    );
    assert!(screen(&app).contains("fix the fields marked ! first"));
    let before = app.ledger.total;
    keys(&mut app, "<BS><BS><BS>-5<Tab><Tab><Tab>late report<Enter>");
    assert!(matches!(app.overlay, Overlay::None), "{}", screen(&app));
    assert_eq!(app.ledger.total, before + 1);
    let manual = app
        .store
        .db()
        .awards(&AwardFilter {
            member: Some("JS".into()),
            status: Some(Status::Pending),
            kinds: vec![merit::domain::AwardKind::Manual],
            ..AwardFilter::default()
        })
        .unwrap();
    assert_eq!(manual.len(), 1);
    assert_eq!(manual[0].points, points("-5"));
    assert_eq!(manual[0].reason, "late report");
    assert_eq!(manual[0].date.to_string(), "2026-03-31");
}

#[test]
fn member_is_picked_among_several_matches_with_the_arrows() {
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "nEast");
    // No code or name contains "East": nothing matches.
    assert!(screen(&app).contains("no active member matches") || !screen(&app).contains("= "));
    keys(&mut app, "<BS><BS><BS><BS>");
    // "w" matches WF and ZW (codes): the arrows choose.
    keys(&mut app, "w");
    let first = screen(&app);
    keys(&mut app, "<Down>");
    let second = screen(&app);
    assert!(first.contains("= WF 王芳"), "{first}");
    assert!(second.contains("= ZW 张伟"), "{second}");
    keys(&mut app, "<Up>");
    assert!(screen(&app).contains("= WF 王芳"));
    keys(&mut app, "<Esc><Esc>");
    assert!(matches!(app.overlay, Overlay::None));
}

#[test]
fn another_process_write_shows_on_the_next_tick_keeping_cursor_and_marks() {
    let (_dir, path) = q1_store();
    let mut app = App::new(Store::open(&path).unwrap(), ctx(), "q1.db", Theme::plain()).unwrap();
    app.resize(80, 24);
    keys(&mut app, "jj ");
    let cursor_id = app.ledger.current().unwrap().id;
    let marked: Vec<i64> = app.ledger.marks.keys().copied().collect();
    assert!(!app.tick(), "nothing changed yet");
    // A second connection approves the first row (the Ledger lists by
    // date, as the store does), above the cursor.
    let mut other = Store::open(&path).unwrap();
    let first = pending_in_march(&app)[0];
    assert_ne!(first, cursor_id);
    merit::ops::decide::decide_ids(&mut other, &ctx(), &[first], Status::Approved, None).unwrap();
    assert!(app.tick(), "the write is noticed");
    assert_eq!(app.pending.0, 6);
    assert_eq!(app.ledger.total, 6);
    assert_eq!(
        app.ledger.current().unwrap().id,
        cursor_id,
        "cursor stays on its award"
    );
    assert_eq!(app.ledger.marks.keys().copied().collect::<Vec<_>>(), marked);
}

#[test]
fn rankings_toggle_teams() {
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "4");
    assert_eq!(app.rankings.rows.len(), 4);
    let footer = |app: &App| screen(app).lines().last().unwrap().to_string();
    assert!(footer(&app).contains("t teams"), "{}", footer(&app));
    keys(&mut app, "t");
    assert_eq!(app.rankings.rows.len(), 2);
    assert_eq!(app.rankings.rows[0].who, "West");
    // The toggle offers what it turns to.
    assert!(footer(&app).contains("t members"), "{}", footer(&app));
}

#[test]
fn quit_keys() {
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "q");
    assert!(app.quit);
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "nq");
    assert!(!app.quit, "q is text inside the form");
}

#[test]
fn catalog_approves_a_redemption_and_the_balance_drops() {
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "3");
    assert_eq!(app.catalog.queue.len(), 1);
    assert_eq!(app.catalog.queue[0].available, points("35"));
    keys(&mut app, "a");
    let s = screen(&app);
    assert!(s.contains("Approve 1 redemption for 50 points?"), "{s}");
    keys(&mut app, "y");
    let q = &app.catalog.queue[0];
    assert_eq!(q.redemption.status, Status::Approved);
    assert_eq!(q.balance, points("35"), "85 - 50");
    assert_eq!(
        app.catalog
            .rewards
            .iter()
            .find(|r| r.code == "GIFT")
            .unwrap()
            .stock,
        Some(1)
    );
    assert!(screen(&app).contains("approved 1 redemption, 50 points"));
}

#[test]
fn catalog_adds_and_edits_a_reward_through_the_form() {
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "3n");
    assert!(matches!(app.overlay, Overlay::Reward(_)));
    keys(
        &mut app,
        "PEN<Tab>Fountain pen 钢笔<Tab>0<Tab>5<Tab>gift<Enter>",
    );
    assert!(
        matches!(app.overlay, Overlay::Reward(_)),
        "a cost of 0 is refused as the CSV import refuses it"
    );
    assert!(screen(&app).contains("must be more than 0"));
    assert!(app.store.db().reward("PEN").unwrap().is_none());
    keys(&mut app, "<BS>30<Enter>");
    assert!(matches!(app.overlay, Overlay::None), "{:?}", app.message);
    let pen = app.store.db().reward("PEN").unwrap().unwrap();
    assert_eq!(
        (
            pen.name.as_str(),
            pen.cost,
            pen.stock,
            pen.category.as_str()
        ),
        ("Fountain pen 钢笔", points("30"), Some(5), "gift")
    );
    assert!(app.catalog.rewards.iter().any(|r| r.code == "PEN"));

    // e opens the reward of the request under the cursor (WF asked for GIFT).
    keys(&mut app, "e");
    let Overlay::Reward(f) = &app.overlay else {
        panic!("no form")
    };
    assert_eq!(f.editing().map(|r| r.code.as_str()), Some("GIFT"));
    // Stock: 2 → unlimited.
    keys(&mut app, "<Tab><Tab><BS><Enter>");
    assert_eq!(app.store.db().reward("GIFT").unwrap().unwrap().stock, None);
    assert_eq!(app.message.clone().unwrap().text, "reward GIFT changed");

    // Typing an existing code in a new form loads that reward.
    keys(&mut app, "nDAY");
    let Overlay::Reward(f) = &app.overlay else {
        panic!("no form")
    };
    assert_eq!(f.editing().map(|r| r.code.as_str()), Some("DAY"));
    assert_eq!(f.fields[2].value, "500");
    // The code erased and another typed: the loaded values go with it
    // (they stayed, under "New reward", and would have been saved so).
    keys(&mut app, "<BS><BS><BS>T");
    let Overlay::Reward(f) = &app.overlay else {
        panic!("no form")
    };
    assert!(f.editing().is_none());
    assert_eq!(f.fields[1].value, "");
    assert_eq!(f.fields[2].value, "");
    assert_eq!(f.fields[5].value, "true");
}

#[test]
fn the_reward_form_sets_and_shows_fair_redemption_limits() {
    let (_d, mut app) = q1_app(80, 24);
    // GIFT: at most 1 per member per month, from 2026-04-01.
    keys(&mut app, "3nGIFT");
    keys(
        &mut app,
        "<Tab><Tab><Tab><Tab><Tab><Tab>1<Tab>week<Tab>2026-04-01<Enter>",
    );
    assert!(matches!(app.overlay, Overlay::Reward(_)), "week is refused");
    assert!(screen(&app).contains("'week' is not month, quarter or year"));
    keys(&mut app, "<BS><BS><BS><BS>month<Enter>");
    assert!(matches!(app.overlay, Overlay::None), "{:?}", app.message);
    let l = app.store.db().reward_limits("GIFT").unwrap();
    assert_eq!(l.limit_qty, Some(1));
    assert_eq!(l.limit_per, Some(merit::domain::PeriodKind::Month));
    assert_eq!(
        l.available_from,
        Some(merit::domain::parse_date("2026-04-01").unwrap())
    );
    assert_eq!(app.message.clone().unwrap().text, "reward GIFT changed");
    // Opened again, the form shows them.
    keys(&mut app, "nGIFT");
    let Overlay::Reward(f) = &app.overlay else {
        panic!("no form")
    };
    let limits: Vec<&str> = f.fields.iter().skip(6).map(|f| f.value.as_str()).collect();
    assert_eq!(limits, ["1", "month", "2026-04-01", ""]);
}

/// Every form edits at the cursor, a character at a time: Chinese names
/// are never split.
#[test]
fn form_fields_edit_at_the_cursor_by_characters() {
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "3nPEN<Tab>钢笔<Left>金<Right><BS>毫");
    let Overlay::Reward(f) = &app.overlay else {
        panic!("no form")
    };
    assert_eq!(f.fields[1].value, "钢金毫");
    assert!(screen(&app).contains("钢金毫_"), "{}", screen(&app));
    keys(&mut app, "<Left><Left>");
    assert!(screen(&app).contains("钢_金毫"), "{}", screen(&app));
}

/// A form cancelled takes its message with it: `fix the fields marked !
/// first` stayed on the status line, across panes, until another came.
#[test]
fn a_cancelled_form_leaves_no_message_of_its_own() {
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "njohn<Tab>abc<Enter>");
    assert!(screen(&app).contains("fix the fields marked ! first"));
    keys(&mut app, "<Esc><Esc>");
    assert!(matches!(app.overlay, Overlay::None), "{}", screen(&app));
    assert!(!screen(&app).contains("fix the fields"), "{}", screen(&app));
    assert!(!screen(&app).contains("Esc again"), "{}", screen(&app));
}

/// Esc over a form with something typed warns first, a second Esc closes
/// it; a form as it opened closes at once. An Alt-key (Esc and a key
/// together over a laggy link) no longer throws the form away and runs
/// its key on the pane (`M-x` opened "Reject …?" over a lost form).
#[test]
fn esc_over_a_form_with_changes_asks_once_more() {
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "n<Esc>");
    assert!(matches!(app.overlay, Overlay::None), "{}", screen(&app));
    // The reward forms too, new and of the request's reward, as they open.
    for open in ["3n<Esc>", "3e<Esc>"] {
        keys(&mut app, open);
        assert!(
            matches!(app.overlay, Overlay::None),
            "{open}: {}",
            screen(&app)
        );
    }
    keys(&mut app, "1");
    for open in ["n", "3n"] {
        keys(&mut app, open);
        keys(&mut app, "ZW");
        let alt_x = crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char('x'),
            crossterm::event::KeyModifiers::ALT,
        );
        app.handle_key(alt_x);
        let text = screen(&app);
        assert!(!matches!(app.overlay, Overlay::None), "{open}: {text}");
        assert!(text.contains("ZWx_"), "{open}: {text}");
        assert!(
            text.contains("the form is not saved: Esc again closes it without saving"),
            "{open}: {text}"
        );
        // The `x` typed since: Esc warns again, a second closes.
        keys(&mut app, "<Esc>");
        assert!(
            !matches!(app.overlay, Overlay::None),
            "{open}: {}",
            screen(&app)
        );
        keys(&mut app, "<Esc>");
        assert!(
            matches!(app.overlay, Overlay::None),
            "{open}: {}",
            screen(&app)
        );
        keys(&mut app, "1");
    }
}

/// `q` on a terminal too small to show the screen, over a rule edit or a
/// form: it warns, as at full size, and a second `q` quits (the first quit
/// at once, the edit lost). With nothing open, `q` quits.
#[test]
fn q_on_a_too_small_terminal_over_an_edit_warns_first() {
    for open in ["2<Enter>XX", "nZW"] {
        let (_d, mut app) = q1_app(80, 24);
        keys(&mut app, open);
        app.resize(60, 20);
        keys(&mut app, "q");
        assert!(!app.quit, "{open}: {}", screen(&app));
        assert!(
            screen(&app).contains("not saved"),
            "{open}: {}",
            screen(&app)
        );
        keys(&mut app, "q");
        assert!(app.quit, "{open}");
    }
    let (_d, mut app) = q1_app(60, 20);
    keys(&mut app, "q");
    assert!(app.quit);
}

/// The screen moves to no period outside the years 1900 to 2999, as no
/// command takes one: `]` from 2999's last quarter, `[` from 1900's first,
/// say so and stay (`]` went on to 3000-Q1, and `P` published it).
#[test]
fn periods_stay_within_the_years_merit_takes() {
    for (today, key, refused) in [
        ("2999-11-15", "]", "3000-Q1"),
        ("1900-01-15", "[", "1899-Q4"),
    ] {
        let (_d, path) = q1_store();
        let mut app = app_on(&path, today);
        let before = screen(&app).lines().next().unwrap().to_string();
        keys(&mut app, key);
        let text = screen(&app);
        assert_eq!(text.lines().next().unwrap(), before, "{text}");
        assert!(
            text.contains(&format!("'{refused}' is outside the years 1900 to 2999")),
            "{text}"
        );
    }
    // `p` from year 2999 at its end skips the week that is 3000-W01 and
    // goes on to the month (it was refused there for good).
    let (_d, path) = q1_store();
    let mut app = app_on(&path, "2999-12-31");
    keys(&mut app, "pp");
    let text = screen(&app);
    assert!(
        text.lines().next().unwrap().contains("2999-12 month"),
        "{text}"
    );
}

/// Under a filter matching nothing there, the Catalog says no reward and
/// no request matches (it said the catalog was empty), and the Rules'
/// subtitle counts the versions shown among those in force (it said "1
/// rule version in force" of eleven).
#[test]
fn a_filter_is_said_as_a_filter_in_the_catalog_and_the_rules() {
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "/zzz<Enter>3");
    let text = screen(&app);
    assert!(text.contains("No reward matches the filter"), "{text}");
    assert!(
        text.contains("No redemption request matches the filter"),
        "{text}"
    );
    assert!(!text.contains("No rewards yet"), "{text}");
    keys(&mut app, "<Esc>/deal<Enter>2");
    let text = screen(&app);
    let all = app.rules.in_force;
    let shown = app.rules.rules.len();
    assert!(shown < all, "{shown} of {all}");
    assert!(
        text.contains(&format!(
            "{shown} of {all} rule versions in force match the filter"
        )),
        "{text}"
    );
}

/// `c` in the teams view charts the team's categories with the room the
/// short table leaves: a team of five categories was cut to one line and
/// "… and 3 more" over nine empty rows.
#[test]
fn the_teams_category_chart_takes_the_room_the_table_leaves() {
    let s = common::Sandbox::new();
    s.ok(&["demo", "--members", "12"]);
    merit::seal::use_key_at(s.key());
    // The demo's activities end on the sandbox's today: its last quarter.
    let mut app = app_on(&s.db(), "2026-04-10");
    keys(&mut app, "[4tc");
    let text = screen(&app);
    let team = app.rankings.rows[app.rankings.cursor].who.clone();
    let categories = app.rankings.split.get(&team).map_or(0, |c| c.len());
    assert!(categories >= 4, "{categories}: {text}");
    assert!(!text.contains("… and"), "{text}");
}

/// A reason typed into a rejection or a dispute is not thrown away by one
/// Esc (or an Alt-key's Esc): it warns, a second Esc closes.
#[test]
fn esc_over_a_typed_reason_asks_once_more() {
    let (_d, mut app) = q1_app(80, 24);
    for open in ["x", "d"] {
        keys(&mut app, open);
        assert!(
            matches!(app.overlay, Overlay::Confirm(_)),
            "{open}: {}",
            screen(&app)
        );
        keys(&mut app, "late<Esc>");
        let text = screen(&app);
        assert!(matches!(app.overlay, Overlay::Confirm(_)), "{open}: {text}");
        assert!(text.contains("Esc again closes it"), "{open}: {text}");
        keys(&mut app, "<Esc>");
        assert!(
            matches!(app.overlay, Overlay::None),
            "{open}: {}",
            screen(&app)
        );
    }
}
