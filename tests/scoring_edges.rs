//! The edges SPEC §4.5 decides, each a hand-checked worked example under
//! `tests/fixtures/edges/` (its README gives the arithmetic): members,
//! activities, targets and rules in, the standings (`standings-P.csv`,
//! with pending awards; `teams-P.csv`) and the ledger (`ledger.csv`) out.

mod common;

use common::{Sandbox, fixture};

const TODAY: &str = "2026-12-02";

fn edge(name: &str) -> std::path::PathBuf {
    fixture("edges").join(name)
}

/// A store with the example's members, targets (where it has any),
/// activities and rules.
fn load(name: &str) -> Sandbox {
    let s = Sandbox::new();
    let f = |n: &str| edge(name).join(n).display().to_string();
    s.ok(&["import", "members", &f("members.csv")]);
    if edge(name).join("targets.csv").exists() {
        s.ok(&["import", "targets", &f("targets.csv")]);
    }
    s.ok(&["import", "activities", &f("activities.csv")]);
    s.ok(&["rules", "import", &f("rules.toml")]);
    s
}

fn on(s: &Sandbox, args: &[&str]) -> String {
    let mut all = vec!["--today", TODAY];
    all.extend_from_slice(args);
    s.ok(&all)
}

/// The ledger as `date,member,kind,rule,subject,points,status`.
fn ledger(s: &Sandbox) -> String {
    let csv = on(s, &["ledger", "--format", "csv"]);
    let mut out = String::from("date,member,kind,rule,subject,points,status\n");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    for row in reader.records() {
        let r = row.unwrap();
        let cells = [1, 2, 4, 5, 6, 7, 8].map(|i| r[i].to_string());
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// Every `standings-P.csv` and `teams-P.csv` and the `ledger.csv` of the
/// example match what the store gives.
fn matches_expected(s: &Sandbox, name: &str) {
    let dir = edge(name);
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_str().unwrap().to_string();
        let expected = std::fs::read_to_string(&path).unwrap();
        let got = if let Some(p) = file.strip_prefix("standings-") {
            let period = p.trim_end_matches(".csv");
            on(
                s,
                &["standings", period, "--include-pending", "--format", "csv"],
            )
        } else if let Some(p) = file.strip_prefix("teams-") {
            let period = p.trim_end_matches(".csv");
            on(
                s,
                &[
                    "standings",
                    period,
                    "--teams",
                    "--include-pending",
                    "--format",
                    "csv",
                ],
            )
        } else if file == "ledger.csv" {
            ledger(s)
        } else {
            continue;
        };
        assert_eq!(got, expected, "{name}/{file}");
        checked += 1;
    }
    assert!(checked >= 2, "{name}: standings and a ledger to check");
}

/// Loads, recalculates, checks, and proves a second recalc changes nothing.
fn plain(name: &str) {
    let s = load(name);
    on(&s, &["recalc"]);
    matches_expected(&s, name);
    assert_eq!(
        on(&s, &["recalc", "2026"]),
        "0 new, 0 changed, 0 withdrawn, 0 adjustments, 0 skipped\n"
    );
}

#[test]
fn when_compares_integers_and_booleans_as_their_text() {
    plain("when-values");
}

#[test]
fn a_float_in_when_is_a_rules_error() {
    let s = Sandbox::new();
    let r = s.file(
        "r.toml",
        "[[rules]]\nid = \"x\"\nname = \"X\"\nkind = \"per_event\"\ncategory = \"c\"\nevent = \"payment\"\npoints = 1\nwhen = { rate = 1.0 }\n",
    );
    let out = s.merit().args(["rules", "import", &r]).assert().code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("r.toml:8: rule 'x': when.rate: 1.0 is a float: write \"1.0\" in quotes"),
        "{err}"
    );
}

#[test]
fn a_cap_counts_every_award_of_the_rule_from_every_version() {
    plain("caps-versions");
}

#[test]
fn attainment_sums_every_version_and_pays_the_tiers_in_force_on_the_last_day() {
    plain("attainment-versions");
}

#[test]
fn a_multiplier_boosts_only_inside_its_own_window_too() {
    plain("multiplier-window");
}

#[test]
fn joined_limits_nothing_and_an_all_inactive_team_is_left_out() {
    plain("joined-inactive");
}

#[test]
fn an_approved_award_whose_date_moved_is_adjusted_on_both_dates() {
    let s = load("date-move");
    on(&s, &["recalc"]);
    on(&s, &["approve", "2026-02"]);
    on(&s, &["approve", "2026-03"]);
    on(&s, &["close", "2026-02"]);
    let corrected = edge("date-move").join("activities-corrected.csv");
    on(&s, &["import", "activities", corrected.to_str().unwrap()]);
    assert_eq!(
        on(&s, &["recalc"]),
        "0 new, 0 changed, 0 withdrawn, 2 adjustments, 1 skipped\n"
    );
    matches_expected(&s, "date-move");
    assert_eq!(
        on(&s, &["recalc", "2026"]),
        "0 new, 0 changed, 0 withdrawn, 0 adjustments, 1 skipped\n",
        "nothing more to do; the closed move is still skipped"
    );
    // Approved, the adjustments settle the move for good.
    on(&s, &["approve", "2026-03"]);
    on(&s, &["approve", "2026-04"]);
    assert_eq!(
        on(&s, &["recalc", "2026"]),
        "0 new, 0 changed, 0 withdrawn, 0 adjustments, 1 skipped\n"
    );
    assert!(on(&s, &["verify"]).starts_with("the store is whole"));
}

#[test]
fn pending_manual_awards_are_never_withdrawn() {
    let s = load("manual-pending");
    on(&s, &["recalc"]);
    on(
        &s,
        &[
            "award",
            "LN",
            "25",
            "--reason",
            "mentoring",
            "--date",
            "2026-03-10",
        ],
    );
    let none = s.file("none.toml", "# no rules\n");
    on(&s, &["rules", "import", &none, "--allow-empty"]);
    assert_eq!(
        on(&s, &["recalc", "2026"]),
        "0 new, 0 changed, 1 withdrawn, 0 adjustments, 0 skipped\n"
    );
    matches_expected(&s, "manual-pending");
}

#[test]
fn a_store_scored_under_the_old_reading_is_brought_in_line_by_adjustments() {
    // A store of schema 8 scored under the old reading of a cap shared with
    // an uncapped version: ZW's D-3 paid in full, 30 approved, the year
    // marked scored. Migration 9 unmarks every scored year; the next recalc
    // of every period proposes -30, and never edits the approved award.
    use merit::domain::{Period, Status};
    use merit::ops::decide::{Selection, decide_selection};
    use merit::ops::import::{ImportKind, import_file};
    let s = Sandbox::file_only();
    {
        let mut store = merit::store::Store::open_expecting(&s.db(), 8).unwrap();
        let mut c = merit::ops::Context::new(merit::domain::parse_date(TODAY).unwrap(), "lead");
        c.fixed_now = Some("2026-12-02 09:00:00".into());
        let f = |n: &str| edge("caps-versions").join(n);
        import_file(&mut store, &c, ImportKind::Members, &f("members.csv")).unwrap();
        import_file(&mut store, &c, ImportKind::Activities, &f("activities.csv")).unwrap();
        merit::ops::rules::import_rules(&mut store, &c, &f("rules.toml"), false).unwrap();
        merit::ops::recalc::recalc(&mut store, &c, None, false).unwrap();
        drop(store);
        let conn = rusqlite::Connection::open(s.db()).unwrap();
        conn.execute_batch(
            "INSERT INTO awards(kind, rule_id, member, subject, date, points, category, explanation, \
             reason, status, created_at, created_by) \
             VALUES ('award', 'deal', 'ZW', 'D-3', '2026-03-20', 3000, 'performance', 'old reading', '', \
             'pending', 'x', 'old'); \
             INSERT OR IGNORE INTO scored_years(year) VALUES (2026);",
        )
        .unwrap();
        drop(conn);
        let mut store = merit::store::Store::open_expecting(&s.db(), 8).unwrap();
        let sel = Selection {
            period: Period::parse("2026-03").unwrap(),
            member: None,
            rule_id: None,
        };
        decide_selection(&mut store, &c, &sel, Status::Approved, None).unwrap();
        assert_eq!(store.schema_version().unwrap(), 8);
    }
    let out = on(&s, &["recalc"]);
    assert_eq!(
        out,
        "0 new, 0 changed, 0 withdrawn, 1 adjustments, 0 skipped\n"
    );
    let ledger = ledger(&s);
    assert!(
        ledger.contains("2026-03-20,ZW,award,deal,D-3,30,approved\n")
            && ledger.contains("2026-03-20,ZW,adjustment,deal,D-3,-30,pending\n"),
        "{ledger}"
    );
    assert!(
        on(&s, &["verify"]).starts_with("the store is whole"),
        "sealed on migration"
    );
}
