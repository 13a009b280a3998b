//! The command line's progress bar as a terminal shows it (issue 24),
//! driven in tmux (installed by `.ci/run`): rows done, a whole rate and
//! time left on the terminal; nothing at all when stdout is a pipe.

mod common;
use common::Sandbox;

#[test]
fn a_long_demo_shows_rows_a_whole_rate_and_time_left() {
    common::require("tmux", "-V", "tmux");
    let s = Sandbox::new();
    let tmux = common::Tmux::new(s.dir.path());
    let bin = assert_cmd::cargo::cargo_bin("merit");
    let done = s.dir.path().join("done");
    let cmd = format!(
        "MERIT_DB='{}' MERIT_KEY={} MERIT_LANG=en {} demo --members 500 --activities 100000 --years 1; touch {}; sleep 240",
        s.db().display(),
        s.key().display(),
        bin.display(),
        done.display()
    );
    tmux.start("p", 120, 10, &cmd);
    let mut bars = Vec::new();
    // Waits up to three minutes for the demo (a debug build, on a busy
    // machine): a wait, not a measure of speed.
    for _ in 0..7200 {
        std::thread::sleep(std::time::Duration::from_millis(25));
        let text = tmux.capture("p");
        bars.extend(
            text.lines()
                .filter(|l| l.contains("/s ") && l.contains('['))
                .map(str::to_string),
        );
        if done.exists() {
            break;
        }
    }
    drop(tmux);
    assert!(done.exists(), "the demo did not finish");
    assert!(!bars.is_empty(), "no progress bar was seen");
    for bar in &bars {
        // `writing the demo's activities [====>   ] 12,288/300,000 325,524/s 1s`
        let rate = bar
            .split_whitespace()
            .find(|w| w.ends_with("/s"))
            .unwrap_or_default();
        assert!(
            rate.trim_end_matches("/s")
                .chars()
                .all(|c| c.is_ascii_digit() || c == ','),
            "the rate is rows a second, whole: {bar}"
        );
        assert!(
            bar.split_whitespace().any(|w| w.contains('/')
                && w.chars().next().is_some_and(|c| c.is_ascii_digit())
                && !w.ends_with("/s")),
            "rows done of rows: {bar}"
        );
    }
    // Piped, the same command prints its one line and nothing else.
    let piped = Sandbox::new();
    let out = piped
        .merit()
        .args([
            "demo",
            "--members",
            "50",
            "--activities",
            "20000",
            "--years",
            "1",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}
