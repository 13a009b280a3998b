//! merit on PostgreSQL against PostgreSQL's own tools, on the same server
//! and the same CSV (issue 42): the dense 1M year's import and first
//! recalc against psql's `\copy` into a table keyed by `ref`, a quarter's
//! standings against psql's `GROUP BY member` over that quarter, merit's
//! peak memory, and ten leads approving, importing and redeeming at once.
//! The server is a throwaway one (as the tests start it). Reads the data
//! the scale bench makes (`cargo bench --bench scale` first); prints a
//! report, no criterion samples (an import takes a minute).
//! `MERIT_BENCH_PG_10M=1` measures the 10M targets instead
//! (`postgres_data/ten_million.rs`).

mod common;
#[path = "../tests/common/pg.rs"]
mod pg;
#[path = "postgres_data/ten_million.rs"]
mod ten_million;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The bench's own folder (private, made by `main` and removed when it
/// ends): the seal key and the CSVs the ten leads import, at no
/// predictable path in the shared temporary directory.
static SCRATCH: OnceLock<PathBuf> = OnceLock::new();

fn scratch() -> &'static Path {
    SCRATCH.get().expect("main makes the bench's folder first")
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

fn data() -> PathBuf {
    let dir = target_dir().join("bench-data").join("v9").join("dense");
    for f in ["activities-1m.csv", "members.csv", "rules.toml"] {
        assert!(
            dir.join(f).exists(),
            "{} is missing: run `cargo bench --bench scale` first (it makes the data)",
            dir.join(f).display()
        );
    }
    dir
}

/// The seal key of the bench's stores, for the commands it runs and for
/// merit's code in this process.
fn key() -> PathBuf {
    scratch().join("seal.key")
}

fn merit(url: &str, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_merit"));
    c.env("MERIT_DB", url)
        .env("MERIT_KEY", key())
        .env("MERIT_TODAY", "2026-12-31")
        .env("MERIT_USER", "lead")
        .env("MERIT_LANG", "en")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

/// Runs `cmd`; how long it took.
fn timed(mut cmd: Command) -> Duration {
    let start = Instant::now();
    let out = cmd.output().expect("runs");
    let took = start.elapsed();
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

fn median(mut t: Vec<Duration>) -> Duration {
    t.sort();
    t[t.len() / 2]
}

fn psql(url: &str, sql: &str) -> Command {
    let mut c = Command::new("psql");
    c.arg(url)
        .args(["-q", "-X", "-c", sql])
        .stdout(Stdio::null());
    c
}

/// The largest resident set of the children so far, in MB.
fn children_peak_mb() -> f64 {
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut u) };
    u.ru_maxrss as f64 / 1024.0
}

fn report(what: &str, ours: Duration, reference: &str, theirs: Duration, target: f64) {
    let ratio = ours.as_secs_f64() / theirs.as_secs_f64();
    let met = if ratio <= target { "met" } else { "NOT met" };
    println!(
        "{what}: {:.3} s against {reference} {:.3} s = {ratio:.2} (target {target}): {met}",
        ours.as_secs_f64(),
        theirs.as_secs_f64()
    );
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    if std::env::var_os("MERIT_BENCH_PG_10M").is_some_and(|v| v == "1") {
        ten_million::run(&target_dir());
        return;
    }
    let folder = tempfile::tempdir().expect("a private folder");
    SCRATCH.set(folder.path().to_path_buf()).unwrap();
    let dir = data();
    let csv = dir.join("activities-1m.csv");
    let csv = csv.to_str().unwrap();
    let server = pg::PgServer::start_with_buffers("128MB");
    let admin = server.url("postgres");
    // The reference: psql's \copy of the same CSV into a table keyed by ref.
    let mut copies = Vec::new();
    for i in 0..3 {
        let db = format!("ref{i}");
        let url = server.new_database(&db);
        let _ = psql(
            &url,
            "CREATE TABLE activities(ref text PRIMARY KEY, member text, kind text, date text, \
             amount text, customer_tier text, region text, on_time text)",
        )
        .status();
        copies.push(timed(psql(
            &url,
            &format!("\\copy activities FROM '{csv}' CSV HEADER"),
        )));
    }
    let copy = median(copies);
    println!("psql \\copy of the 1M CSV into a table keyed by ref: {copy:.3?} (median of 3)");
    // The references' 3 million rows gone, and their pages written: left,
    // the server's upkeep of them (autovacuum, the checkpointer) came
    // round during merit's runs below.
    for i in 0..3 {
        let _ = psql(&admin, &format!("DROP DATABASE ref{i}")).status();
    }
    let _ = psql(&admin, "CHECKPOINT").status();

    // merit's import, from a store holding the members and rules, and
    // its first recalc: three times each, on three databases (one run
    // of each varies by a tenth on a two-core machine); the standings
    // and the leads below use the first.
    let mut imports = Vec::new();
    let mut recalcs = Vec::new();
    let (mut import_mb, mut recalc_mb) = (0.0, 0.0);
    for i in 0..3 {
        let url = server.new_database(&format!("merit1m{i}"));
        timed(merit(
            &url,
            &[
                "import",
                "members",
                dir.join("members.csv").to_str().unwrap(),
            ],
        ));
        timed(merit(
            &url,
            &["rules", "import", dir.join("rules.toml").to_str().unwrap()],
        ));
        imports.push(timed(merit(&url, &["import", "activities", csv])));
        if i == 0 {
            // The peak of every child so far: the first import's.
            import_mb = children_peak_mb();
        }
        recalcs.push(timed(merit(&url, &["recalc"])));
        if i == 0 {
            recalc_mb = children_peak_mb();
        }
        // Vacuumed now, so that autovacuum does not come round to these
        // rows during the next round.
        let _ = psql(&url, "VACUUM").status();
        let _ = psql(&admin, "CHECKPOINT").status();
    }
    println!("merit's imports: {imports:.3?}; first recalcs: {recalcs:.3?}");
    let url = server.url("merit1m0");
    report(
        "import of the dense 1M year (median of 3)",
        median(imports),
        "\\copy",
        copy,
        1.5,
    );
    report(
        "first recalc (median of 3)",
        median(recalcs),
        "\\copy",
        copy,
        2.5,
    );
    println!(
        "merit's peak memory: {:.0} MB through the import, {:.0} MB through the recalc (target 300 MB)",
        import_mb, recalc_mb
    );

    // A quarter's standings against psql's GROUP BY member over it.
    let ours = median(
        (0..5)
            .map(|_| timed(merit(&url, &["standings", "2026-Q3", "--include-pending"])))
            .collect(),
    );
    let theirs = median(
        (0..5)
            .map(|_| {
                timed(psql(
                    &url,
                    "SELECT member, count(*), sum(amount::numeric) FROM activities \
                     WHERE date BETWEEN '2026-07-01' AND '2026-09-30' GROUP BY member",
                ))
            })
            .collect(),
    );
    report(
        "a quarter's standings (the command)",
        ours,
        "psql's GROUP BY member",
        theirs,
        1.0,
    );

    // Ten leads at once: four approve their members' quarters one member
    // at a time (ten each), three import, three redeem; every command must
    // succeed.
    let extra: Vec<String> = (0..3)
        .map(|k| {
            let path = scratch().join(format!("extra{k}.csv"));
            let mut text = String::from("ref,member,kind,date,amount\n");
            for i in 0..2_000 {
                text.push_str(&format!(
                    "X{k}-{i:05},{},visit,2026-12-{:02},0\n",
                    member_code(&dir, i),
                    i % 28 + 1
                ));
            }
            std::fs::write(&path, text).unwrap();
            path.display().to_string()
        })
        .collect();
    // A bulk approval: the first quarter's pending awards at once.
    let pending = |q: &str| {
        let out = Command::new("psql")
            .arg(&url)
            .args(["-Atqc", &format!(
                "SELECT count(*) FROM awards WHERE status = 'pending' AND date BETWEEN '{q}-01-01' AND '{q}-03-31'"
            )])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    let n = pending("2026");
    let approve = timed(merit(&url, &["approve", "2026-Q1"]));
    println!(
        "bulk approval of the first quarter's {n} pending awards: {:.2} s (target: 100 000 in 3 s)",
        approve.as_secs_f64()
    );
    let rewards = scratch().join("rewards.csv");
    std::fs::write(&rewards, "code,name,cost\nMUG,Mug,1\n").unwrap();
    timed(merit(
        &url,
        &["catalog", "import", rewards.to_str().unwrap()],
    ));
    let start = Instant::now();
    let failed = std::sync::atomic::AtomicUsize::new(0);
    let commands = std::sync::atomic::AtomicUsize::new(0);
    let run = |args: Vec<String>| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = merit(&url, &args).output().unwrap();
        commands.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if !out.status.success() {
            failed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            eprintln!("{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        }
    };
    std::thread::scope(|s| {
        for lead in 0..4 {
            let run = &run;
            let dir = &dir;
            s.spawn(move || {
                for k in 0..10 {
                    let m = member_code(dir, lead * 10 + k);
                    run(vec![
                        "approve".into(),
                        "2026-Q3".into(),
                        "--member".into(),
                        m,
                    ]);
                }
            });
        }
        for f in &extra {
            let run = &run;
            s.spawn(move || run(vec!["import".into(), "activities".into(), f.clone()]));
        }
        for i in 0..3 {
            let run = &run;
            let m = member_code(&dir, i * 17);
            s.spawn(move || run(vec!["redeem".into(), m, "MUG".into()]));
        }
    });
    let took = start.elapsed();
    let n = commands.into_inner();
    println!(
        "ten leads at once (4 × 10 member approvals of a quarter, 3 imports of 2 000, 3 redemptions): {n} commands in {:.2} s, {:.1} a second, {} failed",
        took.as_secs_f64(),
        n as f64 / took.as_secs_f64(),
        failed.into_inner()
    );
    timed(merit(&url, &["verify"]));
    println!("verify after them: whole");
    drop(admin);
}

/// The code of the `i`th member of the dataset's members file.
fn member_code(dir: &Path, i: usize) -> String {
    let text = std::fs::read_to_string(dir.join("members.csv")).unwrap();
    let lines: Vec<&str> = text.lines().skip(1).collect();
    lines[i % lines.len()]
        .split(',')
        .next()
        .unwrap()
        .to_string()
}
