//! Disputes (issue 21, 无争议): a disputed award is marked everywhere and
//! is never approved until the lead resolves it; an accepted dispute with
//! points makes a correcting manual award; every step is audited, shows in
//! the member's statement, and the store verifies whole.

mod common;
use common::Sandbox;

fn q1() -> Sandbox {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    s
}

/// The id of ZW's award for deal D-003.
fn d003(s: &Sandbox) -> String {
    let csv = s.ok(&["ledger", "--member", "ZW", "--format", "csv"]);
    csv.lines()
        .find(|l| l.contains(",deal,D-003,"))
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn a_disputed_award_waits_for_its_resolution() {
    let s = q1();
    let id = d003(&s);
    assert_eq!(
        s.ok(&[
            "dispute",
            &id,
            "--reason",
            "the deal was 160 000, not 150 000"
        ]),
        format!("award {id} disputed: it stays pending until resolved (merit resolve {id})\n")
    );
    let ledger = s.ok(&["ledger", "--member", "ZW", "--format", "csv"]);
    assert!(ledger.contains(",deal,D-003,37.5,disputed,"), "{ledger}");
    let out = s.ok(&["approve", "2026-03", "--member", "ZW"]);
    assert!(
        out.contains("; 1 disputed award left pending: resolve it first"),
        "{out}"
    );
    let statement = s.ok(&["statement", "ZW", "2026-Q1"]);
    assert!(
        statement.contains("disputed by lead: the deal was 160 000"),
        "{statement}"
    );
    // Twice is refused; a resolution needs a reason.
    s.merit()
        .args(["dispute", &id, "--reason", "again"])
        .assert()
        .code(1);
    s.merit()
        .args(["resolve", &id, "--reject", "--reason", " "])
        .assert()
        .code(2);
    s.merit()
        .args(["resolve", &id, "--reject"])
        .assert()
        .code(2);
    // Accepted with a correction: a pending manual award of +1.5.
    let out = s.ok(&[
        "resolve",
        &id,
        "--accept",
        "--points",
        "1.5",
        "--reason",
        "CRM corrected",
    ]);
    assert!(
        out.starts_with(&format!(
            "dispute of award {id} accepted: correcting award "
        )),
        "{out}"
    );
    let ledger = s.ok(&["ledger", "--member", "ZW", "--format", "csv"]);
    assert!(ledger.contains(",deal,D-003,37.5,pending,"), "{ledger}");
    assert!(
        ledger.contains(&format!("dispute of award {id} accepted: CRM corrected")),
        "{ledger}"
    );
    let out = s.ok(&["approve", "2026-03", "--member", "ZW"]);
    assert!(!out.contains("disputed"), "{out}");
    let audit = s.ok(&["audit", "--format", "csv"]);
    assert!(audit.contains(&format!("disputed,award {id},")), "{audit}");
    assert!(
        audit.contains(&format!("dispute accepted,award {id},")),
        "{audit}"
    );
    assert!(s.ok(&["verify"]).starts_with("the store is whole"));
}

#[test]
fn a_rejected_dispute_leaves_the_award_as_it_is() {
    let s = q1();
    let id = d003(&s);
    s.ok(&["dispute", &id, "--reason", "too low"]);
    assert_eq!(
        s.ok(&["resolve", &id, "--reject", "--reason", "the rule says so"]),
        format!("dispute of award {id} rejected: the award stays as it is\n")
    );
    s.merit()
        .args(["resolve", &id, "--reject", "--reason", "x"])
        .assert()
        .code(1);
    s.merit()
        .args(["resolve", &id, "--reject", "--points", "5", "--reason", "x"])
        .assert()
        .code(2);
    let statement = s.ok(&["statement", "ZW", "2026-Q1"]);
    assert!(
        statement.contains("too low; rejected: the rule says so"),
        "{statement}"
    );
    s.merit()
        .args(["dispute", "999999", "--reason", "x"])
        .assert()
        .code(2);
}

#[test]
fn d_on_the_ledger_disputes_the_award_under_the_cursor() {
    use common::screen::{keys, q1_app, screen};
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "d");
    let text = screen(&app);
    assert!(
        text.contains("Dispute ZW 张伟's deal D-003 (37.5 points)?"),
        "{text}"
    );
    assert!(text.contains("Enter: dispute    Esc: cancel"), "{text}");
    keys(&mut app, "<Enter>");
    assert!(
        matches!(app.overlay, merit::tui::app::Overlay::Confirm(_)),
        "a reason first"
    );
    keys(&mut app, "wrong amount<Enter>");
    let text = screen(&app);
    assert!(text.contains("disputed: no approval takes it"), "{text}");
    assert!(
        text.contains("deal D-003                      37.5 disputed"),
        "{text}"
    );
    // `a` on the disputed row alone asks nothing: it says why.
    keys(&mut app, "a");
    assert!(
        !matches!(app.overlay, merit::tui::app::Overlay::Confirm(_)),
        "no question for an award no approval takes"
    );
    let text = screen(&app);
    assert!(
        text.contains("1 disputed award: no approval takes it until resolved (r)"),
        "{text}"
    );
    keys(&mut app, "*ay");
    let text = screen(&app);
    assert!(text.contains("1 disputed award left pending"), "{text}");
    assert_eq!(app.store.db().open_disputes().unwrap().len(), 1);
}

#[test]
fn an_acceptance_needs_no_reason_and_resolve_help_describes_every_flag() {
    let s = q1();
    let id = s
        .ok(&["ledger", "--format", "csv"])
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .to_string();
    s.ok(&["dispute", &id, "--reason", "the deal was larger"]);
    let out = s.ok(&["resolve", &id, "--accept"]);
    assert!(
        out.contains(&format!("dispute of award {id} accepted")),
        "{out}"
    );
    let help = s.ok(&["resolve", "--help"]);
    for flag in ["--accept", "--reject", "--points", "--reason"] {
        let line = help
            .lines()
            .find(|l| l.trim_start().starts_with(flag))
            .expect(flag);
        assert!(
            line.trim().len() > flag.len() + 8,
            "{flag} undescribed: {line}"
        );
    }
}

#[test]
fn r_on_the_ledger_resolves_the_dispute_under_the_cursor() {
    use common::screen::{keys, q1_app, screen};
    let (_d, mut app) = q1_app(80, 24);
    keys(&mut app, "r");
    assert!(screen(&app).contains("no open dispute here to resolve"));
    keys(&mut app, "d");
    keys(&mut app, "wrong amount<Enter>");
    keys(&mut app, "r");
    let text = screen(&app);
    assert!(
        text.contains("Resolve the dispute of ZW 张伟's deal D-003 (37.5 points)"),
        "{text}"
    );
    assert!(text.contains("(*) accept (a)"), "{text}");
    insta::assert_snapshot!("resolve_80x24", text);
    // Rejecting needs a reason.
    keys(&mut app, "x<Enter>");
    assert!(matches!(app.overlay, merit::tui::app::Overlay::Confirm(_)));
    assert!(screen(&app).contains("(*) reject (x)"), "{}", screen(&app));
    // Accepted with a correction of 2.5 and no reason.
    keys(&mut app, "<Tab>a<Tab>2.5<Enter>");
    let text = screen(&app);
    assert!(
        text.contains("dispute of award") && text.contains("accepted: correcting award"),
        "{text}"
    );
    assert!(app.store.db().open_disputes().unwrap().is_empty());
}

/// The correcting award merit makes for an accepted dispute reads in
/// Chinese on a Chinese table and statement (its reason is merit's own
/// words around the lead's), and CSV keeps the English it always had.
#[test]
fn a_correction_s_reason_is_said_in_the_reader_s_language() {
    let s = q1();
    let id = d003(&s);
    s.ok(&["dispute", &id, "--reason", "金额录错"]);
    s.ok(&[
        "resolve",
        &id,
        "--accept",
        "--points",
        "2.5",
        "--reason",
        "核实无误",
    ]);
    let english = format!("dispute of award {id} accepted: 核实无误");
    let csv = s.ok(&["ledger", "--member", "ZW", "--format", "csv"]);
    assert!(csv.contains(&english), "{csv}");
    let zh = |args: &[&str]| {
        let out = s
            .merit()
            .env("MERIT_LANG", "zh-CN")
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let chinese = format!("积分 {id} 的申诉已接受：核实无误");
    let csv_zh = zh(&["ledger", "--member", "ZW", "--format", "csv"]);
    assert_eq!(csv_zh, csv, "CSV is the same in every language");
    let statement = zh(&["statement", "ZW", "2026-Q1"]);
    assert!(statement.contains(&chinese), "{statement}");
    assert!(!statement.contains("dispute of award"), "{statement}");
    // The audit's table (and the award's history on the screen, which
    // words the same entries) too: it said `…（performance）：dispute of
    // award 3 accepted: 核实无误`.
    let audit = zh(&["audit"]);
    assert!(audit.contains(&chinese), "{audit}");
    assert!(!audit.contains("dispute of award"), "{audit}");
}

/// An approved award disputed stays approved: said so (it said "stays
/// pending"), and the resolution's way named.
#[test]
fn a_disputed_approved_award_is_said_to_stay_approved() {
    let s = q1();
    let id = d003(&s);
    s.ok(&["approve", "2026-03", "--member", "ZW"]);
    assert_eq!(
        s.ok(&["dispute", &id, "--reason", "counted twice"]),
        format!(
            "award {id} disputed: it stays approved until resolved (merit resolve {id}; \
             --accept --points P posts a correcting award)\n"
        )
    );
    let ledger = s.ok(&["ledger", "--member", "ZW", "--format", "csv"]);
    assert!(ledger.contains(",deal,D-003,37.5,"), "{ledger}");
}
