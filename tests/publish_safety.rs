//! Publishing that cannot be turned against anyone (issue 38): a publish
//! killed at any moment leaves the old site or the new one, never a mix of
//! periods; a link planted in the output folder, or an output folder that
//! is a link, is refused and what it points to left alone; markup in the
//! store comes out of the Markdown as text; two codes never share a page.

mod common;

use common::Sandbox;
use std::path::{Path, PathBuf};

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "<img src=x onerror=alert(1)>";
const LINK: &str = "[click](javascript:alert(1))";
const REMOTE: &str = "![x](http://remote/img.png)";

/// Live markup any of the hostile strings would make if passed through.
fn live_markup(md: &str) -> Vec<&'static str> {
    [
        "<script",
        "<img",
        "[click]",
        "](javascript",
        "![x]",
        "](http",
    ]
    .into_iter()
    .filter(|m| md.contains(m))
    .collect()
}

fn q1() -> Sandbox {
    q1_in(Sandbox::new())
}

/// `q1` in `s` (a file, for a test that reads or changes it itself).
fn q1_in(s: Sandbox) -> Sandbox {
    s.load_q1();
    s
}

fn publish_args(out: &Path, period: &str) -> Vec<String> {
    vec![
        "publish".into(),
        period.into(),
        "--out".into(),
        out.display().to_string(),
    ]
}

#[test]
fn markup_from_the_store_is_text_in_the_markdown() {
    let s = q1();
    let m = s.file(
        "m.csv",
        &format!("code,name,team\nXS,{SCRIPT},{IMG}\nXT,{LINK},West\nXU,{REMOTE},West\n"),
    );
    s.ok(&["import", "members", &m]);
    s.ok(&["recalc"]);
    s.ok(&[
        "award",
        "XS",
        "5",
        "--reason",
        &format!("{LINK} {SCRIPT}"),
        "--date",
        "2026-03-15",
        "--category",
        REMOTE,
    ]);
    let csv = s.ok(&["ledger", "--member", "ZW", "--format", "csv"]);
    let id = csv
        .lines()
        .find(|l| l.contains(",deal,D-003,"))
        .and_then(|l| l.split(',').next())
        .unwrap()
        .to_string();
    s.ok(&[
        "dispute",
        &id,
        "--reason",
        &format!("{IMG} {REMOTE} {LINK}"),
    ]);
    s.ok(&["approve", "2026-Q1"]);
    let out = s.dir.path().join("site");
    let args = publish_args(&out, "2026-Q1");
    s.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let standings = std::fs::read_to_string(out.join("standings.md")).unwrap();
    assert_eq!(live_markup(&standings), Vec::<&str>::new(), "{standings}");
    assert!(standings.contains("script") && standings.contains("click"));
    for member in ["XS", "ZW"] {
        let md = s.ok(&["statement", member, "2026-Q1", "--format", "markdown"]);
        assert_eq!(live_markup(&md), Vec::<&str>::new(), "{md}");
        assert!(md.contains("alert"), "the text is still there: {md}");
        // The table has its five columns in every row: no `|` from the
        // store opened a cell.
        for line in md.lines().filter(|l| l.starts_with("| 2026")) {
            let cells = line.replace("\\|", "").matches('|').count();
            assert_eq!(cells, 6, "{line}");
        }
    }
}

#[test]
fn codes_that_look_alike_get_pages_of_their_own() {
    let s = q1();
    let m = s.file(
        "m.csv",
        "code,name,team\n..,Dot Dot,West\n2e2e,Hex Hex,West\n_2e2e,Under Hex,West\nA.B,Dotted,West\n",
    );
    s.ok(&["import", "members", &m]);
    let out = s.dir.path().join("site");
    let args = publish_args(&out, "2026-Q1");
    let said = s.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let names: Vec<String> = std::fs::read_dir(out.join("m"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 8, "{names:?}");
    assert!(
        said.contains(&format!("{} statement pages", names.len())),
        "{said}"
    );
    for n in &names {
        let stem = n.strip_suffix(".html").unwrap();
        assert!(!stem.contains(['.', '/']) && !stem.is_empty(), "{n}");
    }
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    for name in ["Dot Dot", "Hex Hex", "Under Hex", "Dotted", "张伟"] {
        // The row's link opens the member's own page.
        let row = index
            .lines()
            .find(|l| l.contains(name) && l.contains("href=\"m/"))
            .unwrap_or_else(|| panic!("{name} in {index}"));
        let href = row
            .split("href=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let page = std::fs::read_to_string(out.join(href)).unwrap();
        assert!(page.contains(name), "{href} is not {name}'s page");
    }
}

/// A folder holding a site of `period`, and a file a link points to.
fn site_and_victim(s: &Sandbox) -> (PathBuf, PathBuf) {
    let out = s.dir.path().join("site");
    let args = publish_args(&out, "2026-Q1");
    s.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let victim = s.dir.path().join("notes.txt");
    std::fs::write(&victim, "another lead's notes").unwrap();
    (out, victim)
}

fn refused(s: &Sandbox, out: &Path, names: &Path) {
    let args = publish_args(out, "2026-Q1");
    let r = s.merit().args(&args).assert().code(1);
    let err = String::from_utf8_lossy(&r.get_output().stderr).into_owned();
    assert!(
        err.contains(&names.display().to_string()) && err.contains("symbolic link"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_link_planted_in_the_site_is_refused_and_not_followed() {
    let s = q1();
    let (out, victim) = site_and_victim(&s);
    for page in ["m/ZW.html", "index.html", "board.html", "standings.md"] {
        let at = out.join(page);
        std::fs::remove_file(&at).unwrap();
        std::os::unix::fs::symlink(&victim, &at).unwrap();
        refused(&s, &out, &at);
        assert_eq!(
            std::fs::read_to_string(&victim).unwrap(),
            "another lead's notes"
        );
        std::fs::remove_file(&at).unwrap();
        std::fs::write(&at, "page").unwrap();
    }
    // A link to a folder, in place of `m`.
    let elsewhere = s.dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::rename(out.join("m"), s.dir.path().join("m-was")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("m")).unwrap();
    refused(&s, &out, &out.join("m"));
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
}

#[cfg(unix)]
#[test]
fn a_target_that_is_a_link_is_refused() {
    let s = q1();
    let real = s.dir.path().join("real");
    std::fs::create_dir(&real).unwrap();
    std::fs::write(real.join("index.html"), "mine").unwrap();
    let out = s.dir.path().join("site");
    std::os::unix::fs::symlink(&real, &out).unwrap();
    refused(&s, &out, &out);
    // A trailing `/` or `/.` would make the link followed: not here.
    for name in ["site/", "site/."] {
        let args = publish_args(&s.dir.path().join(name), "2026-Q1");
        let r = s.merit().args(&args).assert().code(1);
        let err = String::from_utf8_lossy(&r.get_output().stderr).into_owned();
        assert!(err.contains("symbolic link"), "{name}: {err}");
    }
    assert_eq!(
        std::fs::read_to_string(real.join("index.html")).unwrap(),
        "mine"
    );
    assert!(!real.join("m").exists() && !real.join("standings.md").exists());
    assert!(out.symlink_metadata().unwrap().file_type().is_symlink());
}

#[test]
fn a_folder_holding_other_files_is_left_alone() {
    let s = q1();
    let out = s.dir.path().join("site");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let args = publish_args(&out, "2026-Q1");
    let r = s.merit().args(&args).assert().code(1);
    let err = String::from_utf8_lossy(&r.get_output().stderr).into_owned();
    assert!(err.contains("notes.txt"), "{err}");
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
    // An empty folder is fine, and a site merit published is replaced.
    let out = s.dir.path().join("empty");
    std::fs::create_dir(&out).unwrap();
    let args = publish_args(&out, "2026-Q1");
    s.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let args = publish_args(&out, "2026-03");
    s.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(site_period(&out, &["2026-Q1", "2026-03"]), Some("2026-03"));
}

/// The one period a whole site in `out` shows (its index, its board,
/// every page its index links and `standings.md`), or a panic naming what
/// is mixed or missing. `None` when there is no site.
fn site_period<'a>(out: &Path, periods: &[&'a str]) -> Option<&'a str> {
    if !out.exists() {
        return None;
    }
    let index = std::fs::read_to_string(out.join("index.html"))
        .unwrap_or_else(|e| panic!("a site without its index: {e}"));
    let shown: Vec<&str> = periods
        .iter()
        .copied()
        .filter(|p| index.contains(&format!("<title>Standings {p}</title>")))
        .collect();
    assert_eq!(shown.len(), 1, "index.html shows {shown:?}");
    let period = shown[0];
    let board = std::fs::read_to_string(out.join("board.html")).expect("board.html");
    assert!(
        board.contains(&format!("<title>Standings {period}</title>")),
        "board.html of another period than its index"
    );
    let md = std::fs::read_to_string(out.join("standings.md")).expect("standings.md");
    assert!(md.starts_with(&format!("## Standings {period}\n")), "{md}");
    let links: Vec<&str> = index
        .split("href=\"")
        .skip(1)
        .filter_map(|h| h.split('"').next())
        .filter(|h| h.starts_with("m/"))
        .collect();
    let pages = std::fs::read_dir(out.join("m")).expect("m/").count();
    assert!(!links.is_empty());
    assert_eq!(pages, links.len(), "every member's page and no other");
    for link in links {
        let page =
            std::fs::read_to_string(out.join(link)).unwrap_or_else(|e| panic!("{link}: {e}"));
        for p in periods {
            assert_eq!(
                page.contains(&format!("Points statement {p},")),
                *p == period,
                "{link} of a site of {period}"
            );
        }
    }
    Some(period)
}

/// A small deterministic random number generator (xorshift).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

#[cfg(unix)]
#[test]
fn a_publish_killed_at_any_moment_leaves_one_period() {
    let s = Sandbox::new();
    s.ok(&["demo", "--members", "60"]);
    let out = s.dir.path().join("site");
    let periods = ["2026-Q1", "2026-03"];
    let run = |period: &str| {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("merit"));
        c.args(publish_args(&out, period))
            .env("MERIT_DB", s.db())
            .env("MERIT_KEY", s.key())
            .env("MERIT_TODAY", "2026-04-10")
            .env("MERIT_USER", "lead")
            .env("MERIT_LANG", "en")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        c
    };
    // How long a whole publish takes.
    let start = std::time::Instant::now();
    assert!(run(periods[0]).status().unwrap().success());
    let whole = start.elapsed().as_millis() as u64;
    assert_eq!(site_period(&out, &periods), Some(periods[0]));
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut shown = Some(periods[0]);
    for _ in 0..10 {
        let next = if shown == Some(periods[0]) {
            periods[1]
        } else {
            periods[0]
        };
        let mut child = run(next).spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(rng.below(whole * 11 / 10)));
        let _ = child.kill();
        let _ = child.wait();
        let now = site_period(&out, &periods);
        assert!(
            now == shown || now == Some(next),
            "after a kill the site shows {now:?}, not {shown:?} or {next}"
        );
        if now.is_some() {
            shown = now;
        }
    }
    // Nothing published through or beside: the next publish is whole and
    // clears what the killed ones left.
    assert!(run(periods[1]).status().unwrap().success());
    assert_eq!(site_period(&out, &periods), Some(periods[1]));
    let left: Vec<_> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with(".merit-publish-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// The screen's `P` publishes by the same path: a link where it writes
/// (the period's folder, or `published` itself) is refused on the screen
/// and what it points to is left alone; a second `P` replaces the site.
#[cfg(unix)]
#[test]
fn p_in_rankings_refuses_a_link_and_replaces_its_own_site() {
    let (dir, mut app) = common::screen::q1_app_on_file(100, 24);
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("index.html"), "mine").unwrap();
    let published = dir.path().join("published");
    for (link, plant) in [
        (published.join("2026-Q1"), true),
        (published.clone(), false),
    ] {
        if plant {
            std::fs::create_dir(&published).unwrap();
        }
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        common::screen::keys(&mut app, "4Py");
        let text = common::screen::screen(&app);
        assert!(text.contains("symbolic link"), "{text}");
        assert_eq!(
            std::fs::read_to_string(elsewhere.join("index.html")).unwrap(),
            "mine"
        );
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 1);
        std::fs::remove_file(&link).unwrap();
        if plant {
            std::fs::remove_dir(&published).unwrap();
        }
    }
    common::screen::keys(&mut app, "Py");
    common::screen::keys(&mut app, "Py");
    let text = common::screen::screen(&app);
    assert!(
        text.contains("published 2026-Q1 (approved points only, English): 5 pages in"),
        "{text}"
    );
    assert_eq!(
        site_period(&published.join("2026-Q1"), &["2026-Q1"]),
        Some("2026-Q1")
    );
}

/// A full disk (here: a file size limit, so that writes fail) leaves the
/// old site whole and nothing beside it.
#[cfg(unix)]
#[test]
fn a_full_disk_leaves_the_old_site() {
    let s = q1_in(Sandbox::file_only());
    let out = s.dir.path().join("site");
    let args = publish_args(&out, "2026-Q1");
    s.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    // The store's shared-memory file exists already, so only the site's
    // files meet the limit.
    let held = rusqlite::Connection::open(s.db()).unwrap();
    held.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .unwrap();
    let r = std::process::Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 4; exec \"$0\" \"$@\"")
        .arg(assert_cmd::cargo::cargo_bin("merit"))
        .args(publish_args(&out, "2026-03"))
        .env("MERIT_DB", s.db())
        .env("MERIT_KEY", s.key())
        .env("MERIT_TODAY", "2026-04-10")
        .env("MERIT_USER", "lead")
        .env("MERIT_LANG", "en")
        .output()
        .unwrap();
    drop(held);
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot write"), "{err}");
    assert_eq!(site_period(&out, &["2026-Q1", "2026-03"]), Some("2026-Q1"));
    let left = std::fs::read_dir(s.dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".merit-publish-")
        })
        .count();
    assert_eq!(left, 0);
}
