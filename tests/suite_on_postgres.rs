//! The command-line suites again, each store in a PostgreSQL database
//! (`MERIT_TEST_STORE=postgres`): every test binary below, already built
//! by this `cargo test`, is run a second time that way, and must pass as
//! on SQLite. (tests/postgres*.rs drive PostgreSQL themselves; a test
//! below that reads or damages the SQLite file itself keeps a file,
//! `Sandbox::file_only`, and the screen's tests of what it keeps beside
//! the file use `q1_app_on_file`; the suites not listed are about the file
//! or read it with SQLite.)

use std::path::PathBuf;
use std::process::Command;

/// The suites whose every test speaks to the store through merit alone
/// (the screen's suites included: their store is made by
/// `common::screen::q1_store`, in a database here).
const ON_BOTH: &[&str] = &[
    "audit_said",
    "catalog_cli",
    "cjk_columns",
    "cli_values",
    "cli_zh",
    "cli_zh_usage",
    "crm_import",
    "demo_years",
    "disputes",
    "explanations",
    "handbook",
    "handbook_zh",
    "hostile_input",
    "hostile_workbooks",
    "import_errors",
    "ledger_pages",
    "ledger_pane",
    "notify",
    "numbers_right",
    "numbers_to_act_on",
    "period_end",
    "progress_bar",
    "publish",
    "publish_safety",
    "q1_cli",
    "recalc_ahead",
    "recalc_months",
    "recalc_skips_scored_years",
    "redemption_limits",
    "safety_cli",
    "scoring_edges",
    "screen_flow",
    "seal_writes",
    "shared_host",
    "standings_by_category",
    "tui_background_save",
    "tui_keys",
    "tui_rules",
    "tui_safety",
    "tui_screens",
    "tui_screens_zh",
    "weekly_points",
];

/// The newest built test binary named `name` beside this one.
fn built(name: &str) -> PathBuf {
    let me = std::env::current_exe().expect("this test's path");
    let dir = me.parent().expect("the deps folder");
    let prefix = format!("{name}-");
    std::fs::read_dir(dir)
        .expect("the deps folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix) && !n.contains('.'))
        })
        .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .unwrap_or_else(|| panic!("the test binary {name} is not built (cargo test builds it)"))
}

/// The suites that take longest on PostgreSQL, started first so that the
/// two running at once finish together (the rest follow in `ON_BOTH`'s
/// order).
const SLOWEST_FIRST: &[&str] = &[
    "progress_bar",
    "recalc_months",
    "publish_safety",
    "seal_writes",
    "ledger_pane",
    "tui_screens_zh",
    "tui_screens",
    "demo_years",
    "cli_zh",
];

/// Suites run at once: each waits mostly on its server and on merit's
/// processes, so two keep the two cores busy where one left a third idle.
const AT_ONCE: usize = 2;

#[test]
fn the_command_line_suites_pass_on_postgres_as_on_sqlite() {
    for name in SLOWEST_FIRST {
        assert!(ON_BOTH.contains(name), "{name} is not in ON_BOTH");
    }
    let order: Vec<&str> = SLOWEST_FIRST
        .iter()
        .chain(ON_BOTH.iter().filter(|n| !SLOWEST_FIRST.contains(n)))
        .copied()
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failed = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..AT_ONCE {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(name) = order.get(i) else { break };
                    let out = Command::new(built(name))
                        .env("MERIT_TEST_STORE", "postgres")
                        .env("RUST_BACKTRACE", "0")
                        .output()
                        .expect("the suite runs");
                    if !out.status.success() {
                        failed.lock().unwrap().push(format!(
                            "{name} on PostgreSQL:\n{}\n{}",
                            String::from_utf8_lossy(&out.stdout),
                            String::from_utf8_lossy(&out.stderr)
                        ));
                    }
                }
            });
        }
    });
    let failed = failed.into_inner().unwrap();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
