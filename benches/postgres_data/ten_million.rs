//! The 10M targets on PostgreSQL (`MERIT_BENCH_PG_10M=1 cargo
//! bench --bench postgres`): the screen's first frame (≤ 200 ms), key to
//! frame in the Ledger (≤ 16 ms) and a bulk approval of 100 000 awards
//! (≤ 3 s), as the scale bench measures them on SQLite. The store is the
//! scale bench's 10M `pending.db` (`MERIT_BENCH_DATASET=10m
//! MERIT_BENCH_BUILD=1 cargo bench --bench scale` makes it: 20 000 members,
//! 10 000 000 activities over 2022–2026, 2026's last two quarters scored
//! and pending) moved into the throwaway server with `merit copy`; each
//! approval runs on a copy of that database (`CREATE DATABASE … TEMPLATE`).

use super::common::screen::{draw, key, page_down};
use super::pg::PgServer;
use merit::domain::{Status, parse_date};
use merit::ops::Context;
use merit::ops::decide::decide_ids;
use merit::store::{AwardFilter, Store};
use merit::tui::app::App;
use merit::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const TODAY: &str = "2026-12-31";

fn ctx() -> Context {
    let mut c = Context::new(parse_date(TODAY).unwrap(), "bench");
    c.fixed_now = Some(format!("{TODAY} 09:00:00"));
    c
}

/// The median of `n` runs of `f`.
fn median_of(n: usize, mut f: impl FnMut() -> Duration) -> Duration {
    let mut t: Vec<Duration> = (0..n).map(|_| f()).collect();
    t.sort();
    t[t.len() / 2]
}

fn within(what: &str, ours: Duration, limit: Duration) {
    println!(
        "{what}: {:.1} ms (target ≤ {:.0} ms): {}",
        ours.as_secs_f64() * 1000.0,
        limit.as_secs_f64() * 1000.0,
        if ours <= limit { "met" } else { "NOT met" }
    );
}

fn pending_file(target: &Path) -> PathBuf {
    let path = target.join("bench-data/v9/10m/pending.db");
    assert!(
        path.exists(),
        "{} is missing: run `MERIT_BENCH_DATASET=10m MERIT_BENCH_BUILD=1 cargo bench --bench scale` first",
        path.display()
    );
    path
}

/// Measures and prints. The scale bench sealed its stores with the user's
/// own key (merit's code in its process), so the copy and this process use
/// that key too.
pub fn run(target: &Path) {
    // merit's code timed in this process as merit's binary runs it.
    merit::tune_process();
    let file = pending_file(target);
    let server = PgServer::start_with_buffers("128MB");
    let url = server.new_database("pending10m");
    let started = Instant::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_merit"))
        .args(["copy", "--from", file.to_str().unwrap(), "--to", &url])
        .env_remove("MERIT_KEY")
        .env_remove("MERIT_DB")
        .env("MERIT_TODAY", TODAY)
        .env("MERIT_USER", "bench")
        .env("MERIT_LANG", "en")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!(
        "merit copy of the 10M pending store into PostgreSQL: {:.1} s",
        started.elapsed().as_secs_f64()
    );
    // Vacuumed and the planner told what the copied tables hold, as a
    // database is after a bulk load (PostgreSQL's "Populating a
    // Database"): otherwise the server's own vacuum of ten million new
    // rows takes the second core while the approvals are timed, and their
    // updates set every page's hint bits.
    server.sql("pending10m", "VACUUM ANALYZE");

    let at = PathBuf::from(&url);
    let first_frame = median_of(5, || {
        let started = Instant::now();
        let store = Store::open(&at).unwrap();
        let mut app = App::new(store, ctx(), "pending10m", Theme::plain()).unwrap();
        app.resize(80, 24);
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        draw(&app, &mut term);
        started.elapsed()
    });
    within(
        "10M on PostgreSQL: first frame",
        first_frame,
        Duration::from_millis(200),
    );

    {
        let store = Store::open(&at).unwrap();
        let mut app = App::new(store, ctx(), "pending10m", Theme::plain()).unwrap();
        app.resize(80, 24);
        app.handle_key(key('p'));
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        draw(&app, &mut term);
        println!(
            "the Ledger shows {} pending awards ({})",
            app.pending.0, app.period
        );
        let mut down = true;
        let step = median_of(51, || {
            let started = Instant::now();
            app.handle_key(key(if down { 'j' } else { 'k' }));
            down = !down;
            draw(&app, &mut term);
            started.elapsed()
        });
        within(
            "10M on PostgreSQL: key to frame (j/k in the Ledger)",
            step,
            Duration::from_millis(16),
        );
        let page = median_of(51, || {
            let started = Instant::now();
            page_down(&mut app, &mut term);
            started.elapsed()
        });
        within(
            "10M on PostgreSQL: key to frame (PgDn through the Ledger)",
            page,
            Duration::from_millis(16),
        );
    }

    let approvals: Vec<Duration> = (0..3)
        .map(|i| {
            let name = format!("approve10m{i}");
            server.sql(
                "postgres",
                &format!("CREATE DATABASE {name} TEMPLATE pending10m"),
            );
            let url = server.url(&name);
            let mut store = Store::open(Path::new(&url)).unwrap();
            let mut ids = store
                .db()
                .award_ids(&AwardFilter {
                    status: Some(Status::Pending),
                    ..AwardFilter::default()
                })
                .unwrap();
            ids.truncate(100_000);
            assert_eq!(ids.len(), 100_000);
            let started = Instant::now();
            let d = decide_ids(&mut store, &ctx(), &ids, Status::Approved, None).unwrap();
            let took = started.elapsed();
            assert_eq!(d.count, 100_000);
            drop(store);
            server.sql("postgres", &format!("DROP DATABASE {name}"));
            println!(
                "bulk approval of 100 000 awards: {:.2} s",
                took.as_secs_f64()
            );
            took
        })
        .collect();
    let mut sorted = approvals;
    sorted.sort();
    within(
        "10M on PostgreSQL: bulk approval of 100 000 awards (median of 3)",
        sorted[1],
        Duration::from_secs(3),
    );
}
