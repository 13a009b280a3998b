//! Publishing that cannot be turned against anyone (issue 38): a publish
//! killed at any moment leaves the old site or the new one, never a mix of
//! periods; a link planted in the output folder, or an output folder that
//! is a link, is refused and what it points to left alone; markup in the
//! store comes out of the Markdown as text; two codes never share a page.

mod common;

use common::Sandbox;
use std::path::Path;

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
    let s = Sandbox::new();
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
