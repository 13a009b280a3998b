//! merit at company scale (issue 6): a store of 2 000 members and
//! 1 000 000 activities from `merit demo`, and the operations a lead and a
//! cron job run on it. The datasets are built once into
//! `target/bench-data/` (a minute) and reused; delete that folder to
//! rebuild them. Besides criterion's figures, each comparison target prints
//! a `report:` line with the reference command's time and the ratio, and
//! `BENCHMARKS.md` explains how to read and rerun all of it.

mod common;
use common::screen::{draw, key, page_down};
#[path = "scale_data/varied.rs"]
mod varied;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use merit::domain::{Period, PeriodKind, Status, parse_date};
use merit::ops::Context;
use merit::ops::decide::decide_ids;
use merit::ops::demo::{DemoOptions, demo_rules_text, write_demo};
use merit::ops::import::{ImportKind, import_file};
use merit::rules::parse_rules;
use merit::scoring::{Inputs, evaluate};
use merit::store::{AwardFilter, Store};
use merit::tui::app::App;
use merit::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A dataset the benches run on (issue 24), chosen by
/// `MERIT_BENCH_DATASET`: `dense` (the default: 2 000 members, 1 000 000
/// activities all in 2026), `10m` (20 000 members, 10 000 000 activities
/// over 2022–2026), `spread` (the first round's: 2 000 members, 1 000 000
/// activities reaching back as far as the demo's pace takes them) or
/// `varied` (a dense year of other kinds, rules and columns, made by
/// `scale_data/varied.rs` rather than the demo: the import and recalc
/// groups read it; the others use the demo's store of the same size).
struct Dataset {
    name: &'static str,
    members: usize,
    activities: usize,
    years: Option<u32>,
    today: &'static str,
}

fn dataset() -> &'static Dataset {
    static D: std::sync::OnceLock<Dataset> = std::sync::OnceLock::new();
    D.get_or_init(|| match std::env::var("MERIT_BENCH_DATASET").as_deref() {
        Ok("10m") => Dataset {
            name: "10m",
            members: 20_000,
            activities: 10_000_000,
            years: Some(5),
            today: "2026-12-31",
        },
        Ok("varied") => Dataset {
            name: "varied",
            members: varied::MEMBERS,
            activities: varied::ACTIVITIES,
            years: Some(1),
            today: "2026-12-31",
        },
        Ok("spread") => Dataset {
            name: "spread",
            members: 2_000,
            activities: 1_000_000,
            years: None,
            today: "2026-11-25",
        },
        _ => Dataset {
            name: "dense",
            members: 2_000,
            activities: 1_000_000,
            years: Some(1),
            today: "2026-12-31",
        },
    })
}

#[allow(non_snake_case)]
fn TODAY() -> &'static str {
    dataset().today
}
/// Bump when the generator or the schema changes: stale data is rebuilt.
const DATA_VERSION: &str = "v9";

fn ctx() -> Context {
    let mut c = Context::new(parse_date(TODAY()).unwrap(), "bench");
    c.fixed_now = Some(format!("{} 09:00:00", TODAY()));
    c
}

fn data_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target
        .join("bench-data")
        .join(DATA_VERSION)
        .join(dataset().name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Builds `path` with `make` unless it is there already.
fn cached(path: PathBuf, make: impl FnOnce(&Path)) -> PathBuf {
    if !path.exists() {
        let partial = path.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        let started = Instant::now();
        make(&partial);
        std::fs::rename(&partial, &path).unwrap();
        eprintln!("built {} in {:.1?}", path.display(), started.elapsed());
    }
    path
}

/// Copies a store (checkpointed: one file) to a fresh path. The copy put
/// back where an earlier one was written to is, to the seal, an older copy
/// put back: the bench forgets that path's local checkpoint, as a lead
/// restoring a backup on purpose would accept it (`merit seal --accept`).
fn copy_store(from: &Path, to: &Path) {
    for ext in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", to.display()));
    }
    std::fs::copy(from, to).unwrap();
    let id: Option<String> = rusqlite::Connection::open(to).ok().and_then(|c| {
        c.query_row("SELECT id FROM store_meta", [], |r| r.get(0))
            .ok()
    });
    if let Some(id) = id
        && let Ok(local) = merit::seal::local_checkpoint(&id, to)
    {
        let _ = std::fs::remove_file(local);
    }
}

fn checkpoint(path: &Path) {
    let c = rusqlite::Connection::open(path).unwrap();
    c.pragma_update(None, "wal_checkpoint", "TRUNCATE").unwrap();
}

/// The demo: 2 000 members, 1 000 000 activities, every quarter before the
/// current one approved, the current one pending.
fn demo_store() -> PathBuf {
    cached(data_dir().join("demo-1m.db"), |path| {
        let mut store = Store::open(path).unwrap();
        let opts = DemoOptions {
            members: dataset().members,
            seed: 1,
            activities: Some(dataset().activities),
            years: dataset().years,
            ..DemoOptions::default()
        };
        write_demo(&mut store, &ctx(), opts).unwrap();
        drop(store);
        checkpoint(path);
    })
}

/// The demo's activities as a CRM export with the columns
/// (`ref,member,kind,date,amount,customer_tier,region`), and `on_time`
/// after them because the demo's rules score it. The region is the one the
/// member's team covers, in Chinese as a CRM writes it.
fn activities_csv() -> PathBuf {
    if is_varied() {
        return cached(data_dir().join("activities-1m.csv"), |path| {
            std::fs::write(path, varied::activities_csv()).unwrap();
        });
    }
    let demo = demo_store();
    cached(data_dir().join("activities-1m.csv"), |path| {
        let c = rusqlite::Connection::open(&demo).unwrap();
        let mut out = String::from(CSV_HEADER);
        out.push('\n');
        let mut st = c
            .prepare(
                "SELECT a.ref, a.member, a.kind, a.date, a.amount, \
                 coalesce(json_extract(a.attrs, '$.customer_tier'), ''), \
                 CASE m.team WHEN 'East' THEN '华东' WHEN 'West' THEN '西南' ELSE '华北' END, \
                 coalesce(json_extract(a.attrs, '$.on_time'), '') \
                 FROM activities a JOIN members m ON m.code = a.member ORDER BY a.ref",
            )
            .unwrap();
        let mut rows = st.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let cells: Vec<String> = (0..8).map(|i| r.get::<_, String>(i).unwrap()).collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        }
        std::fs::write(path, out).unwrap();
    })
}

/// The CSV's columns, and the shell's table's.
const CSV_HEADER: &str = "ref,member,kind,date,amount,customer_tier,region,on_time";

fn is_varied() -> bool {
    dataset().name == "varied"
}

/// The activities CSV's header for the dataset.
fn csv_header() -> &'static str {
    if is_varied() {
        varied::HEADER
    } else {
        CSV_HEADER
    }
}

/// The table the shell imports the CSV into: its columns as text, keyed
/// by `ref`, as merit's is.
fn reference_table() -> String {
    let columns: Vec<String> = csv_header()
        .split(',')
        .map(|c| match c {
            "ref" => "ref TEXT PRIMARY KEY".to_string(),
            other => format!("{other} TEXT"),
        })
        .collect();
    format!("CREATE TABLE activities({});", columns.join(", "))
}

/// Members, targets and the rules of the demo, no activities: what an
/// import starts from.
fn base_store() -> PathBuf {
    if is_varied() {
        return cached(data_dir().join("base.db"), |path| {
            let dir = data_dir();
            let write = |file: &str, text: &str| -> PathBuf {
                let p = dir.join(file);
                std::fs::write(&p, text).unwrap();
                p
            };
            let members = write("members.csv", &varied::members_csv());
            let targets = write("targets.csv", &varied::targets_csv());
            let rules = write("rules.toml", varied::RULES);
            load_base(path, &members, &targets, &rules);
        });
    }
    let demo = demo_store();
    cached(data_dir().join("base.db"), |path| {
        let dir = data_dir();
        let c = rusqlite::Connection::open(&demo).unwrap();
        let dump = |sql: &str, header: &str, file: &str| -> PathBuf {
            let mut out = format!("{header}\n");
            let mut st = c.prepare(sql).unwrap();
            let n = st.column_count();
            let mut rows = st.query([]).unwrap();
            while let Some(r) = rows.next().unwrap() {
                let cells: Vec<String> = (0..n).map(|i| r.get::<_, String>(i).unwrap()).collect();
                out.push_str(&cells.join(","));
                out.push('\n');
            }
            let p = dir.join(file);
            std::fs::write(&p, out).unwrap();
            p
        };
        let members = dump(
            "SELECT code, name, team, coalesce(joined, ''), CASE active WHEN 1 THEN 'true' ELSE 'false' END FROM members",
            "code,name,team,joined,active",
            "members.csv",
        );
        let targets = dump(
            "SELECT member, period, metric, target FROM targets",
            "member,period,metric,target",
            "targets.csv",
        );
        let rules = dir.join("rules.toml");
        std::fs::write(&rules, demo_rules_text(parse_date(TODAY()).unwrap())).unwrap();
        load_base(path, &members, &targets, &rules);
    })
}

/// A new store at `path` with the members, targets and rules of these files.
fn load_base(path: &Path, members: &Path, targets: &Path, rules: &Path) {
    let mut store = Store::open(path).unwrap();
    import_file(&mut store, &ctx(), ImportKind::Members, members).unwrap();
    import_file(&mut store, &ctx(), ImportKind::Targets, targets).unwrap();
    merit::ops::rules::import_rules(&mut store, &ctx(), rules, false).unwrap();
    drop(store);
    checkpoint(path);
}

/// The base store with the million activities imported, not yet scored.
fn imported_store() -> PathBuf {
    let (base, csv) = (base_store(), activities_csv());
    cached(data_dir().join("imported.db"), |path| {
        copy_store(&base, path);
        let mut store = Store::open(path).unwrap();
        import_file(&mut store, &ctx(), ImportKind::Activities, &csv).unwrap();
        drop(store);
        checkpoint(path);
    })
}

/// The imported store with this year's last two quarters scored and left
/// pending: a Ledger of about 100 000 pending awards in the year view.
fn pending_store() -> PathBuf {
    let imported = imported_store();
    cached(data_dir().join("pending.db"), |path| {
        copy_store(&imported, path);
        let mut store = Store::open(path).unwrap();
        for q in ["2026-Q3", "2026-Q4"] {
            merit::ops::recalc::recalc(&mut store, &ctx(), Period::parse(q), false).unwrap();
        }
        drop(store);
        checkpoint(path);
    })
}

/// `arg` as a POSIX shell word, so a printed command can be pasted as it
/// is: in double quotes where that needs no escapes (SQL with quoted
/// dates), else in single quotes with each `'` closed, escaped and reopened.
fn shell_quoted(arg: &str) -> String {
    if arg.contains('\'') && !arg.contains(['"', '$', '`', '\\', '!']) {
        format!("\"{arg}\"")
    } else {
        format!("'{}'", arg.replace('\'', "'\\''"))
    }
}

/// Median wall time of a command run `n` times.
fn time_command(n: usize, mut make: impl FnMut() -> Command) -> Duration {
    let mut times: Vec<Duration> = (0..n)
        .map(|_| {
            let mut cmd = make();
            let t = Instant::now();
            let out = cmd.output().expect("run the reference command");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            t.elapsed()
        })
        .collect();
    times.sort();
    times[n / 2]
}

/// Median wall time of `f` run `n` times, each after `setup`.
fn time_ours<S>(n: usize, mut setup: impl FnMut() -> S, mut f: impl FnMut(S)) -> Duration {
    let mut times: Vec<Duration> = (0..n)
        .map(|_| {
            let s = setup();
            let t = Instant::now();
            f(s);
            t.elapsed()
        })
        .collect();
    times.sort();
    times[n / 2]
}

/// `MERIT_BENCH_ONLY=verify,seal_check`: only the groups named (their
/// reports too, which run whatever criterion's filter says).
fn wanted(group: &str) -> bool {
    std::env::var("MERIT_BENCH_ONLY")
        .map(|only| only.split(',').any(|g| g.trim() == group))
        .unwrap_or(true)
}

/// `MERIT_BENCH_REPORTS=1`: the `report:` ratios only, without
/// criterion's repeated samples (a quick pass on a large dataset).
fn reports_only() -> bool {
    std::env::var_os("MERIT_BENCH_REPORTS").is_some_and(|v| v == "1")
}

fn report(what: &str, ours: Duration, reference: &str, theirs: Duration, target: f64) {
    let ratio = ours.as_secs_f64() / theirs.as_secs_f64();
    println!(
        "report: {what}: merit {ours:.2?}; {reference} {theirs:.2?}; ratio {ratio:.2} (target {target}); {}",
        if ratio <= target { "met" } else { "NOT met" }
    );
}

/// Reports `ours` against an absolute limit the issue sets.
fn report_within(what: &str, ours: Duration, limit: Duration) {
    println!(
        "report: {what}: merit {ours:.2?}; target ≤ {limit:.0?}; {}",
        if ours <= limit { "met" } else { "NOT met" }
    );
}

/// The sqlite3 shell's `.import` of the same CSV into a table keyed by
/// `ref`: in WAL mode with `synchronous=NORMAL` as merit writes (`wal`),
/// or with the shell's defaults, a rollback journal and
/// `synchronous=FULL` (the first round's reference, kept as the "old"
/// one). The exact commands are printed.
fn sqlite3_import_time(csv: &Path, wal: bool, n: usize) -> Duration {
    static SHOWN: std::sync::Mutex<[bool; 2]> = std::sync::Mutex::new([false; 2]);
    let dir = data_dir();
    let db = dir.join(if wal {
        "sqlite3-wal.db"
    } else {
        "sqlite3-old.db"
    });
    let mut args: Vec<String> = Vec::new();
    if wal {
        args.push("PRAGMA journal_mode=WAL;".into());
        args.push("PRAGMA synchronous=NORMAL;".into());
    }
    args.push(reference_table());
    args.push(format!(
        ".import --csv --skip 1 {} activities",
        csv.display()
    ));
    let mut shown = SHOWN.lock().unwrap();
    if !std::mem::replace(&mut shown[usize::from(wal)], true) {
        println!(
            "reference ({}): sqlite3 {} {}",
            if wal { "WAL" } else { "old" },
            db.display(),
            args.iter()
                .map(|a| shell_quoted(a))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    drop(shown);
    time_command(n, || {
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
        }
        let mut c = Command::new("sqlite3");
        c.arg(&db).args(&args);
        c
    })
}

/// The sqlite3 shell's time to answer `sql` on the store at `db`, its rows
/// sent to `/dev/null` (the median of `n` runs), the reference for
/// a query: what a lead who types it gets. The exact command is printed.
/// None without the shell.
fn shell_query_time(db: &Path, sql: &str, n: usize) -> Option<Duration> {
    if Command::new("sqlite3").arg("-version").output().is_err() {
        return None;
    }
    println!(
        "reference (shell): sqlite3 {} {} > /dev/null",
        db.display(),
        shell_quoted(sql)
    );
    Some(time_command(n, || {
        let mut c = Command::new("sqlite3");
        c.arg(db).arg(sql).stdout(std::process::Stdio::null());
        c
    }))
}

/// Reports `ours` against the shell's answer to `sql` (the target), and,
/// for comparison, against the same query run inside this process on
/// SQLite's library, `in_process`, which skips the shell's start and its
/// printing of the rows: a stricter reference than the issue's.
fn against_query(
    what: &str,
    target: f64,
    ours: Duration,
    db: &Path,
    sql: &str,
    in_process: Duration,
) {
    match shell_query_time(db, sql, 3) {
        Some(shell) => report(what, ours, &format!("the shell's {sql}"), shell, target),
        None => println!("report: {what}: no sqlite3 shell here; only the in-process reference"),
    }
    let ratio = ours.as_secs_f64() / in_process.as_secs_f64();
    println!(
        "report: {what}: against the same query in this process (SQLite's library, no shell) {in_process:.2?}: ratio {ratio:.2}"
    );
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Reports `ours` (one timed run per call) against the sqlite3 shell's WAL
/// `.import` of the CSV (the target), the two taken in turn three times so
/// both meet the same state of the machine (its page cache, the writes
/// of the runs before), and, for comparison, the old reference, measured
/// once per run. Needs the shell.
fn against_import(what: &str, target: f64, mut ours: impl FnMut() -> Duration) {
    static OLD: std::sync::OnceLock<Duration> = std::sync::OnceLock::new();
    if Command::new("sqlite3").arg("-version").output().is_err() {
        return;
    }
    let csv = activities_csv();
    let (mut mine, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        mine.push(ours());
        theirs.push(sqlite3_import_time(&csv, true, 1));
    }
    let (ours, wal) = (median(mine), median(theirs));
    report(
        what,
        ours,
        "sqlite3 .import (WAL, synchronous=NORMAL)",
        wal,
        target,
    );
    let old = *OLD.get_or_init(|| sqlite3_import_time(&csv, false, 3));
    let ratio = ours.as_secs_f64() / old.as_secs_f64();
    println!(
        "report: {what}: against the old reference (rollback journal, synchronous=FULL) {old:.2?}: ratio {ratio:.2}"
    );
}

fn import(c: &mut Criterion) {
    if !wanted("import") {
        return;
    }
    let (base, csv) = (base_store(), activities_csv());
    let work = data_dir().join("work-import.db");
    let fresh = || {
        copy_store(&base, &work);
        Store::open(&work).unwrap()
    };
    let run = |mut store: Store| {
        let s = import_file(&mut store, &ctx(), ImportKind::Activities, &csv).unwrap();
        assert_eq!(s.inserted, dataset().activities);
    };
    against_import("import", 1.3, || time_ours(1, fresh, run));
    if reports_only() {
        return;
    }
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    g.bench_function("import 1M activities from CSV", |b| {
        b.iter_batched(fresh, run, BatchSize::PerIteration)
    });
    g.finish();
}

fn recalc(c: &mut Criterion) {
    if !wanted("recalc") {
        return;
    }
    let imported = imported_store();
    let work = data_dir().join("work-recalc.db");
    let fresh = || {
        copy_store(&imported, &work);
        Store::open(&work).unwrap()
    };
    let first = |mut store: Store| {
        let s = merit::ops::recalc::recalc(&mut store, &ctx(), None, false).unwrap();
        assert!(s.new > dataset().activities / 2, "{s:?}");
    };
    against_import("first recalc", 2.0, || time_ours(1, fresh, first));
    let mut g = c.benchmark_group("recalc");
    g.sample_size(10);
    if !reports_only() {
        g.bench_function("first recalc of 1M activities", |b| {
            b.iter_batched(fresh, first, BatchSize::PerIteration)
        });
    }

    // A recalc that finds nothing to change, against a plain GROUP BY.
    let demo = demo_store();
    let mut store = Store::open(&demo).unwrap();
    let noop = |store: &mut Store| {
        let s = merit::ops::recalc::recalc(store, &ctx(), None, true).unwrap();
        assert!(s.is_empty(), "{s:?}");
    };
    let group_by = || {
        let c = rusqlite::Connection::open(&demo).unwrap();
        let n: i64 = c
            .query_row(
                "SELECT count(*) FROM (SELECT member, kind, count(*) FROM activities GROUP BY member, kind)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        black_box(n);
    };
    let in_process = time_ours(3, || (), |_| group_by());
    against_query(
        "no-op recalc",
        1.0,
        time_ours(3, || (), |_| noop(&mut store)),
        &demo,
        "SELECT member, kind, count(*) FROM activities GROUP BY member, kind",
        in_process,
    );
    if !reports_only() {
        g.bench_function("no-op recalc of 1M activities", |b| {
            b.iter(|| noop(&mut store))
        });
    }
    g.finish();
}

/// `MERIT_BENCH_BUILD=1`: builds the dataset's files and stops, so a large
/// dataset can be made ahead of a quiet run.
fn build_only(_: &mut Criterion) {
    if std::env::var_os("MERIT_BENCH_BUILD").is_some_and(|v| v == "1") {
        pending_store();
        activities_csv();
        std::process::exit(0);
    }
}

fn scoring(c: &mut Criterion) {
    if !wanted("scoring") {
        return;
    }
    if reports_only() {
        return;
    }
    let today = parse_date(TODAY()).unwrap();
    let quarter = Period::containing(PeriodKind::Quarter, today);
    let set = parse_rules(&demo_rules_text(today)).unwrap();
    let (members, activities, targets) = common::quarter_inputs(quarter, 250_000);
    let inputs = Inputs {
        members: &members,
        activities: &activities,
        targets: &targets,
        rules: &set.rules,
        from: quarter.start(),
        to: quarter.end(),
        approved: None,
    };
    slow(
        c,
        "scoring",
        "score a quarter of 250k activities in memory",
        || {
            black_box(evaluate(black_box(&inputs)));
        },
    );
}

fn standings(c: &mut Criterion) {
    if !wanted("standings") {
        return;
    }
    let store = Store::open(&demo_store()).unwrap();
    let quarter = Period::containing(PeriodKind::Quarter, parse_date(TODAY()).unwrap()).prev();
    // The reference: the query a lead could type in the shell, a GROUP BY
    // member over the quarter's activities (and, stricter, the same query
    // in this process).
    let demo = demo_store();
    let group_by = || {
        let c = rusqlite::Connection::open(&demo).unwrap();
        let mut st = c
            .prepare(
                "SELECT member, count(*), sum(amount) FROM activities WHERE date BETWEEN ?1 AND ?2 GROUP BY member",
            )
            .unwrap();
        let n = st
            .query_map(
                [quarter.start().to_string(), quarter.end().to_string()],
                |r| r.get::<_, String>(0),
            )
            .unwrap()
            .count();
        black_box(n);
    };
    let ours = time_ours(
        5,
        || (),
        |_| {
            black_box(merit::ops::standings::member_standings(store.db(), quarter, false).unwrap());
        },
    );
    against_query(
        "standings of a quarter",
        1.0,
        ours,
        &demo,
        &format!(
            "SELECT member, count(*), sum(amount) FROM activities WHERE date BETWEEN '{}' AND '{}' GROUP BY member",
            quarter.start(),
            quarter.end()
        ),
        time_ours(5, || (), |_| group_by()),
    );
    report_within("standings of a quarter", ours, Duration::from_millis(100));
    if reports_only() {
        return;
    }
    c.bench_function("standings of a quarter (target: the GROUP BY)", |b| {
        b.iter(|| {
            black_box(merit::ops::standings::member_standings(store.db(), quarter, false).unwrap())
        })
    });
}

fn approve(c: &mut Criterion) {
    if !wanted("approve") {
        return;
    }
    let demo = demo_store();
    let work = data_dir().join("work-approve.db");
    let fresh_n = |n: usize| {
        copy_store(&demo, &work);
        let store = Store::open(&work).unwrap();
        let mut ids = store
            .db()
            .award_ids(&AwardFilter {
                status: Some(Status::Pending),
                ..AwardFilter::default()
            })
            .unwrap();
        ids.truncate(n);
        assert_eq!(ids.len(), n);
        (store, ids)
    };
    let big = time_ours(
        3,
        || fresh_n(100_000),
        |(mut store, ids)| {
            let d = decide_ids(&mut store, &ctx(), &ids, Status::Approved, None).unwrap();
            assert_eq!(d.count, 100_000);
        },
    );
    report_within(
        "bulk approval of 100 000 awards",
        big,
        Duration::from_secs(3),
    );
    if reports_only() {
        return;
    }
    let fresh = || fresh_n(10_000);
    let mut g = c.benchmark_group("approve");
    g.sample_size(10);
    g.bench_function(
        "bulk-approve 10 000 awards (1M store, target 300 ms)",
        |b| {
            b.iter_batched(
                fresh,
                |(mut store, ids)| {
                    let d = decide_ids(&mut store, &ctx(), &ids, Status::Approved, None).unwrap();
                    assert_eq!(d.count, 10_000);
                },
                BatchSize::PerIteration,
            )
        },
    );
    g.finish();
}

/// `verify` on the demo store against the sqlite3 shell's `PRAGMA
/// integrity_check` of it (issue 37: verify runs that check in full, and
/// walks the chains beside it); a full `SELECT` of the ledger in this
/// process beside it, for comparison with earlier rounds.
fn verify(c: &mut Criterion) {
    if !wanted("verify") {
        return;
    }
    let demo = demo_store();
    let store = Store::open(&demo).unwrap();
    let check = || {
        let c = rusqlite::Connection::open(&demo).unwrap();
        let mut st = c.prepare("PRAGMA integrity_check").unwrap();
        let rows: Vec<String> = st
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        black_box(rows);
    };
    let run = || {
        black_box(merit::ops::verify::verify(&store).unwrap());
    };
    let in_process = time_ours(3, || (), |_| check());
    against_query(
        "verify",
        1.5,
        time_ours(3, || (), |_| run()),
        &demo,
        "PRAGMA integrity_check",
        in_process,
    );
    if reports_only() {
        return;
    }
    slow(
        c,
        "verify",
        "verify the store (target 1.5× PRAGMA integrity_check)",
        run,
    );
}

/// What every write costs first (issue 37): the check, inside the write
/// transaction, that the store is what its last seal says (the MAC over
/// heads and digests, the checkpoint's entries). Timed as a write begun
/// and rolled back; target ≤ 5 ms.
fn seal_check(c: &mut Criterion) {
    if !wanted("seal_check") {
        return;
    }
    let demo = demo_store();
    let mut store = Store::open(&demo).unwrap();
    // Sealed by this build (and its checkpoint kept) before it is timed.
    store.write_accepting().unwrap().commit().unwrap();
    let mut begin = || {
        let tx = store.write().unwrap();
        black_box(&tx);
        drop(tx);
    };
    begin();
    let ours = time_ours(20, || (), |_| begin());
    report_within(
        "the seal check before a write",
        ours,
        Duration::from_millis(5),
    );
    if reports_only() {
        return;
    }
    let mut g = c.benchmark_group("seal check");
    g.sample_size(20);
    g.bench_function("begin a write and check its seal (target ≤ 5 ms)", |b| {
        b.iter(&mut begin)
    });
    g.finish();
}

/// A criterion group of one slow routine, ten samples.
fn slow(c: &mut Criterion, group: &str, name: &str, mut f: impl FnMut()) {
    let mut g = c.benchmark_group(group);
    g.sample_size(10);
    g.bench_function(name, |b| b.iter(&mut f));
    g.finish();
}

fn screen(c: &mut Criterion) {
    if !wanted("screen") {
        return;
    }
    let demo = demo_store();
    let first_frame = || {
        let store = Store::open(&demo).unwrap();
        let mut app = App::new(store, ctx(), "demo-1m.db", Theme::plain()).unwrap();
        app.resize(80, 24);
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        draw(&app, &mut term);
        black_box(&term);
    };
    report_within(
        "first frame",
        time_ours(5, || (), |_| first_frame()),
        Duration::from_millis(200),
    );
    if !reports_only() {
        slow(
            c,
            "screen",
            "open the TUI on the 1M store to the first frame (target 200 ms)",
            first_frame,
        );
    }

    let store = Store::open(&pending_store()).unwrap();
    let mut app = App::new(store, ctx(), "pending.db", Theme::plain()).unwrap();
    app.resize(80, 24);
    // p: the year view, where the two pending quarters are.
    app.handle_key(key('p'));
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    draw(&app, &mut term);
    println!(
        "report: the Ledger shows {} pending awards ({})",
        app.pending.0, app.period
    );
    let mut down = true;
    let mut step = |app: &mut App, term: &mut Terminal<TestBackend>| {
        app.handle_key(key(if down { 'j' } else { 'k' }));
        down = !down;
        draw(app, term);
    };
    report_within(
        "key to frame (j/k in the Ledger)",
        time_ours(51, || (), |_| step(&mut app, &mut term)),
        Duration::from_millis(16),
    );
    let page = page_down;
    report_within(
        "key to frame (PgDn through the Ledger)",
        time_ours(51, || (), |_| page(&mut app, &mut term)),
        Duration::from_millis(16),
    );
    if reports_only() {
        return;
    }
    c.bench_function(
        "key to next frame in a Ledger of ~100k pending (target 16 ms)",
        |b| b.iter(|| step(&mut app, &mut term)),
    );
    // Paging through the whole list: every few pages leave the rows read,
    // and the next page is read from the store.
    c.bench_function(
        "PgDn to next frame through a Ledger of ~100k pending (target 16 ms)",
        |b| b.iter(|| page(&mut app, &mut term)),
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(10));
    targets = build_only, scoring, standings, screen, approve, verify, seal_check, recalc, import
}
criterion_main!(benches);
