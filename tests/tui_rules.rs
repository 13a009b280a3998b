//! The Rules pane's editor through key presses on the q1 store: the live
//! preview agrees with the standings the store gives once the change is
//! saved; saving writes new versions and pending adjustments; Esc asks
//! before discarding; toggling, ending and adding rules write versions and
//! keep the replaced ones.

mod common;

use common::screen::{keys, q1_app, screen};
use merit::domain::{AwardKind, Period, Points, Status};
use merit::ops::preview::Comparison;
use merit::ops::standings::member_standings;
use merit::rules::RuleBody;
use merit::store::AwardFilter;
use merit::tui::app::{App, Overlay};
use std::collections::BTreeMap;

fn q1() -> Period {
    Period::parse("2026-Q1").unwrap()
}

fn comparison(app: &App) -> Comparison {
    match &app.overlay {
        Overlay::Rule(e) => e.comparison.clone().expect("a valid rule previews"),
        other => panic!("not in the rule editor: {other:?}"),
    }
}

/// Points and rank by member, approved and pending together.
fn standings(app: &App) -> BTreeMap<String, (Points, usize)> {
    member_standings(app.store.db(), q1(), true)
        .unwrap()
        .into_iter()
        .map(|s| (s.code, (s.points, s.rank)))
        .collect()
}

fn deal_points(app: &App) -> Vec<(Option<chrono::NaiveDate>, String)> {
    app.store
        .db()
        .rules()
        .unwrap()
        .rules
        .iter()
        .filter(|r| r.id == "deal")
        .map(|r| match &r.body {
            RuleBody::PerEvent(p) => (r.valid_from, p.points.to_string()),
            _ => unreachable!(),
        })
        .collect()
}

/// Rules pane, cursor on `deal` (the list is by id: complaint, deal, …),
/// editor open, focus on points.
fn edit_deal_points(app: &mut App) {
    keys(app, "2j<Enter><Tab><Tab><Tab><Tab>");
    match &app.overlay {
        Overlay::Rule(e) => assert_eq!(e.form.fields.focused().label, "points"),
        other => panic!("not in the rule editor: {other:?}"),
    }
}

#[test]
fn the_preview_shows_what_saving_gives() {
    let (_d, mut app) = q1_app(80, 24);
    let before = standings(&app);
    edit_deal_points(&mut app);

    let unchanged = comparison(&app);
    assert_eq!(unchanged.changed, 0);
    for row in &unchanged.rows {
        assert_eq!((row.before, row.rank_before), before[&row.code]);
    }

    keys(&mut app, "<BS><BS>15");
    let preview = comparison(&app);
    assert!(
        preview.changed > 0,
        "15 points a deal changes the standings"
    );
    assert!(preview.total_after > preview.total_before);
    for row in &preview.rows {
        assert_eq!(
            (row.before, row.rank_before),
            before[&row.code],
            "{}",
            row.code
        );
    }

    keys(&mut app, "<C-s>");
    assert!(
        matches!(app.overlay, Overlay::RuleDate(_)),
        "Ctrl-S asks the date"
    );
    assert!(
        screen(&app).contains("2026-01-01_"),
        "default: the period's first day"
    );
    keys(&mut app, "<Enter><Enter>");
    assert!(matches!(app.overlay, Overlay::None), "{:?}", app.message);

    // The standings the store now gives are the preview's, member by member.
    let after = standings(&app);
    for row in &preview.rows {
        assert_eq!(
            (row.after, row.rank_after),
            after[&row.code],
            "{}",
            row.code
        );
    }
    let total: Points = after.values().map(|(p, _)| *p).sum();
    assert_eq!(total, preview.total_after);

    // A new version from 2026-01-01; the replaced one stays as history.
    // The old version keeps everything before 2026; the new one runs from then.
    assert_eq!(
        deal_points(&app),
        [
            (None, "10".to_string()),
            (
                chrono::NaiveDate::from_ymd_opt(2026, 1, 1),
                "15".to_string()
            )
        ]
    );
    let history = app.store.db().rule_history("deal").unwrap();
    assert_eq!(
        history.len(),
        3,
        "the original, its copy cut short, the new one"
    );
    assert_eq!(history[0].replaced_by.as_deref(), Some("lead"));
    assert!(history[1..].iter().all(|h| h.replaced_at.is_none()));

    // Approved January and February deals now owe pending adjustments.
    let adjustments = app
        .store
        .db()
        .awards(&AwardFilter {
            kinds: vec![AwardKind::Adjustment],
            status: Some(Status::Pending),
            ..AwardFilter::default()
        })
        .unwrap();
    assert!(!adjustments.is_empty());
    assert!(adjustments.iter().all(|a| a.key.rule_id == "deal"));
    let message = app.message.clone().unwrap().text;
    assert!(
        message.starts_with("saved 'deal' from 2026-01-01:"),
        "{message}"
    );
    assert!(
        message.contains(&format!("{} adjustments", adjustments.len())),
        "{message}"
    );
}

#[test]
fn esc_asks_before_discarding_and_nothing_is_written() {
    let (_d, mut app) = q1_app(80, 24);
    edit_deal_points(&mut app);
    keys(&mut app, "<BS><BS>99<Esc>");
    assert!(matches!(app.overlay, Overlay::Discard(_)));
    assert!(screen(&app).contains("Discard the changes to 'deal'?"));
    keys(&mut app, "n");
    assert!(
        matches!(app.overlay, Overlay::Rule(_)),
        "n goes back to the editor"
    );
    keys(&mut app, "<Esc>y");
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(deal_points(&app), [(None, "10".to_string())]);
    assert_eq!(app.store.db().rule_history("deal").unwrap().len(), 1);
}

#[test]
fn an_unchanged_editor_closes_on_esc_without_asking() {
    let (_d, mut app) = q1_app(80, 24);
    edit_deal_points(&mut app);
    keys(&mut app, "<Esc>");
    assert!(matches!(app.overlay, Overlay::None));
}

#[test]
fn ctrl_c_over_an_unsaved_rule_asks_first() {
    let (_d, mut app) = q1_app(80, 24);
    edit_deal_points(&mut app);
    keys(&mut app, "1<C-c>");
    assert!(!app.quit, "the first Ctrl-C warns");
    assert!(app.message.clone().unwrap().text.contains("not saved"));
    keys(&mut app, "<C-c>");
    assert!(app.quit);
}

#[test]
fn a_bad_value_is_marked_and_saving_is_refused() {
    let (_d, mut app) = q1_app(80, 24);
    edit_deal_points(&mut app);
    keys(&mut app, "<BS><BS>ten");
    let text = screen(&app);
    assert!(text.contains("! points"), "{text}");
    assert!(
        text.contains("not a number") || text.contains("number"),
        "{text}"
    );
    // No numbers of the last valid rule beside an invalid one.
    assert!(
        text.contains("the preview waits for a valid rule"),
        "{text}"
    );
    assert!(!text.contains("total "), "{text}");
    keys(&mut app, "<C-s>");
    assert!(matches!(app.overlay, Overlay::Rule(_)), "nothing to save");
    assert_eq!(deal_points(&app), [(None, "10".to_string())]);
}

#[test]
fn turning_a_rule_off_and_ending_one_write_versions() {
    let (_d, mut app) = q1_app(80, 24);
    // deal-tier-a is the third rule: off from 2026-02-01.
    keys(&mut app, "2jja");
    assert!(screen(&app).contains("Turn 'deal-tier-a' off from:"));
    keys(
        &mut app,
        "<BS><BS><BS><BS><BS><BS><BS><BS><BS><BS>2026-02-01<Enter>",
    );
    // The first Enter says what saving will do; the second saves.
    assert!(
        screen(&app).contains("saving will make"),
        "{}",
        screen(&app)
    );
    assert!(
        matches!(app.overlay, Overlay::RuleDate(_)),
        "nothing saved yet"
    );
    keys(&mut app, "<Enter>");
    assert!(matches!(app.overlay, Overlay::None), "{:?}", app.message);
    let rules = app.store.db().rules().unwrap().rules;
    let tier: Vec<_> = rules.iter().filter(|r| r.id == "deal-tier-a").collect();
    assert_eq!(tier.len(), 2);
    assert!(tier[0].active && tier[0].valid_to == Period::parse("2026-01").map(|p| p.end()));
    assert!(!tier[1].active && tier[1].valid_from == Period::parse("2026-02").map(|p| p.start()));
    assert_eq!(app.store.db().rule_history("deal-tier-a").unwrap().len(), 3);

    // End new-customer from 2026-03-01: its version stops the day before.
    let at = app
        .rules
        .rules
        .iter()
        .position(|r| r.id == "new-customer")
        .unwrap();
    app.rules.cursor = at;
    keys(
        &mut app,
        "e<BS><BS><BS><BS><BS><BS><BS><BS><BS><BS>2026-03-01<Enter><Enter>",
    );
    let rules = app.store.db().rules().unwrap().rules;
    let nc: Vec<_> = rules.iter().filter(|r| r.id == "new-customer").collect();
    assert_eq!(nc.len(), 1);
    assert_eq!(nc[0].valid_to, Period::parse("2026-02").map(|p| p.end()));
}

#[test]
fn n_adds_a_rule_of_the_chosen_kind() {
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "2n");
    assert!(screen(&app).contains("e per_event"));
    keys(&mut app, "e");
    keys(
        &mut app,
        "deal-bonus<Tab>Deal bonus<Tab>performance<Tab><Tab>deal<Tab>2",
    );
    let preview = comparison(&app);
    assert!(preview.total_after > preview.total_before);
    keys(&mut app, "<C-s><Enter><Enter>");
    assert!(matches!(app.overlay, Overlay::None), "{:?}", app.message);
    let rules = app.store.db().rules().unwrap().rules;
    assert!(
        rules
            .iter()
            .any(|r| r.id == "deal-bonus" && r.name == "Deal bonus")
    );

    // The same id again is refused in the form.
    keys(&mut app, "ne");
    keys(&mut app, "deal-bonus");
    assert!(screen(&app).contains("already a rule"));
}

/// The q1 app after a lead rejected ZW's March deal and typed in two
/// manual awards (one approved, one pending).
fn q1_with_rejection_and_manual_awards() -> (tempfile::TempDir, App) {
    use merit::ops::award::{ManualAward, add_manual};
    use merit::ops::decide::decide_ids;
    let (d, mut app) = q1_app(80, 24);
    let ctx = common::screen::ctx();
    let d003 = app
        .store
        .db()
        .awards(&AwardFilter {
            status: Some(Status::Pending),
            ..AwardFilter::default()
        })
        .unwrap()
        .into_iter()
        .find(|a| a.key.rule_id == "deal" && a.key.subject == "D-003")
        .unwrap();
    decide_ids(
        &mut app.store,
        &ctx,
        &[d003.id],
        Status::Rejected,
        Some("duplicate"),
    )
    .unwrap();
    let manual = |member: &str, points: &str, date: &str| ManualAward {
        member: member.into(),
        points: points
            .parse::<rust_decimal::Decimal>()
            .map(Points::round)
            .unwrap(),
        date: merit::domain::parse_date(date).unwrap(),
        category: "collaboration".into(),
        reason: "mentoring".into(),
    };
    let id = add_manual(&mut app.store, &ctx, &manual("JS", "40", "2026-02-10")).unwrap();
    decide_ids(&mut app.store, &ctx, &[id], Status::Approved, None).unwrap();
    add_manual(&mut app.store, &ctx, &manual("LN", "25", "2026-03-10")).unwrap();
    app.reload().unwrap();
    (d, app)
}

#[test]
fn the_preview_now_is_the_standings_with_pending_awards() {
    let (_d, mut app) = q1_with_rejection_and_manual_awards();
    let standings = standings(&app);
    edit_deal_points(&mut app);
    let c = comparison(&app);
    assert_eq!(c.rows.len(), standings.len());
    for row in &c.rows {
        assert_eq!(
            (row.before, row.rank_before),
            standings[&row.code],
            "{}",
            row.code
        );
    }
    let total: Points = standings.values().map(|(p, _)| *p).sum();
    assert_eq!(c.total_before, total);
    assert_eq!(c.changed, 0, "an unchanged rule changes nothing");
}

#[test]
fn the_preview_edited_is_the_standings_after_saving_with_rejections_and_manual_awards() {
    let (_d, mut app) = q1_with_rejection_and_manual_awards();
    edit_deal_points(&mut app);
    keys(&mut app, "<BS><BS>15");
    let preview = comparison(&app);
    assert!(preview.changed > 0);
    keys(&mut app, "<C-s><Enter><Enter>");
    assert!(matches!(app.overlay, Overlay::None), "{:?}", app.message);
    let after = standings(&app);
    for row in &preview.rows {
        assert_eq!(
            (row.after, row.rank_after),
            after[&row.code],
            "{}",
            row.code
        );
    }
    let total: Points = after.values().map(|(p, _)| *p).sum();
    assert_eq!(total, preview.total_after);
}

/// Before a rule change is saved, the date popup says what the save will
/// do (new, changed, withdrawn, adjustments to approved awards), from the
/// same plan as `recalc --dry-run`; the save then does exactly that.
#[test]
fn the_save_says_what_it_will_do_before_it_does_it() {
    let (_d, mut app) = q1_app(80, 24);
    // Approve January first: a change then adjusts approved awards.
    let ids: Vec<i64> = app
        .store
        .db()
        .award_ids(&merit::store::AwardFilter {
            to: Period::parse("2026-01").map(|p| p.end()),
            ..Default::default()
        })
        .unwrap();
    let ctx = common::screen::ctx();
    merit::ops::decide::decide_ids(
        &mut app.store,
        &ctx,
        &ids,
        merit::domain::Status::Approved,
        None,
    )
    .unwrap();
    keys(
        &mut app,
        "2j<Enter><Tab><Tab><Tab><Tab><BS><BS>15<C-s><Enter>",
    );
    let text = screen(&app);
    // The popup's lines joined (the plan may wrap).
    let joined = text
        .lines()
        .map(|l| match (l.find('|'), l.rfind('|')) {
            (Some(a), Some(b)) if b > a => l[a + 1..b].trim(),
            _ => l.trim(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    let planned = joined
        .split("saving will make ")
        .nth(1)
        .and_then(|rest| rest.split(" (").next())
        .unwrap_or_else(|| panic!("{text}"))
        .to_string();
    assert!(joined.contains("members' points change)"), "{joined}");
    assert!(
        planned.contains("adjustments to approved awards"),
        "{planned}"
    );
    assert!(
        matches!(app.overlay, Overlay::RuleDate(_)),
        "nothing saved yet"
    );
    keys(&mut app, "<Enter>");
    let said = screen(&app);
    let done = said
        .lines()
        .find_map(|l| l.split("saved 'deal' from 2026-01-01: ").nth(1))
        .unwrap_or_else(|| panic!("{said}"))
        .trim()
        .to_string();
    assert_eq!(
        planned.replace(" to approved awards", ""),
        done,
        "the plan is what the save did"
    );
}

/// A filter matching no rule says so (it said there were no rules yet,
/// with how to import them).
#[test]
fn a_filter_matching_no_rule_says_so() {
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "2/zzz<Enter>");
    let text = screen(&app);
    assert!(
        text.contains("No rule matches the filter. Press / to change it."),
        "{text}"
    );
    assert!(!text.contains("No rules yet"), "{text}");
}

/// Points past ±10^15 are said under the preview's figures (the preview
/// left such awards out, silently, and showed totals as if all was well).
#[test]
fn the_preview_says_when_an_award_would_be_beyond_the_range() {
    let (_d, mut app) = q1_app(80, 24);
    edit_deal_points(&mut app);
    keys(&mut app, "<BS><BS>999999999999999");
    let c = comparison(&app);
    assert!(c.beyond.is_some(), "{c:?}");
    let text = screen(&app);
    assert!(text.contains("! rule 'deal' on"), "{text}");
    assert!(text.contains("beyond"), "{text}");
}

/// The same at 80×24 on a team whose preview fills the popup: the warning
/// has rows of its own (it was cut off under 24 members' rows).
#[test]
fn the_beyond_range_warning_shows_when_the_preview_is_full() {
    let s = common::Sandbox::file_only();
    s.ok(&["--today", "2026-12-05", "demo"]);
    let store = merit::store::Store::open(&s.db()).unwrap();
    let mut app = App::new(
        store,
        common::screen::ctx(),
        "demo.db",
        merit::tui::theme::Theme::plain(),
    )
    .unwrap();
    app.resize(80, 24);
    keys(&mut app, "2jj<Enter>");
    keys(
        &mut app,
        "<Tab><Tab><Tab><Tab><BS><BS>999999999999999<Tab><Tab><Tab><Tab><BS><BS><BS><Tab><BS><BS><BS><BS><BS>",
    );
    assert!(comparison(&app).beyond.is_some(), "{}", screen(&app));
    let text = screen(&app);
    assert!(text.contains("! rule 'deal' on"), "{text}");
    assert!(text.contains("PgDn PgUp"), "the rows scroll: {text}");
}

/// A rank rule's places past the pane's width are wrapped, not cut: the
/// lead sees every place's points and title at 80 columns (the line ran
/// past column 80 after the first place).
#[test]
fn a_long_rules_file_line_is_wrapped_in_the_rules_pane() {
    let (dir, mut app) = q1_app(80, 24);
    let rules = dir.path().join("rank.toml");
    std::fs::write(
        &rules,
        "[[rules]]\nid = \"champion\"\nname = \"Monthly champion\"\nkind = \"rank\"\nper = \"month\"\n\
         places = [{ rank = 1, points = 100, title = \"Champion of the month\" }, \
         { rank = 2, points = 50, title = \"Runner-up of the month\" }, \
         { rank = 3, points = 20, title = \"Third of the month\" }]\n",
    )
    .unwrap();
    let ctx = common::screen::ctx();
    merit::ops::rules::import_rules(&mut app.store, &ctx, &rules, false).unwrap();
    app.reload().unwrap();
    keys(&mut app, "2");
    let text = screen(&app);
    assert!(text.contains("Third of the month"), "{text}");
    assert!(
        text.contains("points = 20, title = \"Third of the month\""),
        "{text}"
    );
    assert!(text.contains(" 1 rule version in force;"), "{text}");
    for line in text.lines() {
        assert!(merit::text::width(line) <= 80, "{line}");
    }
}

/// A new rule with a field left empty: the preview says what it waits for
/// (the field's problem showed no mark until Ctrl-S), and once Ctrl-S's
/// "fix the fields marked !" is answered by fixing them, the line goes
/// (it stayed until the save).
#[test]
fn the_preview_names_what_it_waits_for_and_the_fix_line_goes_once_fixed() {
    let (_d, mut app) = q1_app(100, 30);
    keys(&mut app, "2ne");
    keys(
        &mut app,
        "deal-bonus<Tab>Deal bonus<Tab>performance<Tab><Tab><Tab>2",
    );
    let text = screen(&app);
    assert!(
        text.contains("the preview waits for a valid rule"),
        "{text}"
    );
    let waits = text
        .lines()
        .skip_while(|l| !l.contains("the preview waits"))
        .nth(1)
        .unwrap_or("");
    assert!(
        waits.contains("event") && waits.contains("missing"),
        "{text}"
    );
    keys(&mut app, "<C-s>");
    assert!(
        screen(&app).contains("fix the fields marked ! first"),
        "{}",
        screen(&app)
    );
    // The focus is on the first problem, the event: typed, it is fixed.
    keys(&mut app, "deal");
    let text = screen(&app);
    assert!(!text.contains("fix the fields marked"), "{text}");
    assert!(!text.contains("the preview waits"), "{text}");
}
