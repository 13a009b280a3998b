//! Publishing to the team: the static site's numbers are the CLI's, every
//! text is escaped, a member's page names nobody else's points, nothing is
//! fetched, and a real headless browser renders it (where Chromium is
//! installed: `.ci/run` installs it).

mod common;

use common::Sandbox;

/// The q1 store with the quarter approved, a reward and a member named
/// like markup.
fn q1() -> Sandbox {
    let s = Sandbox::new();
    s.load_q1();
    let m = s.file(
        "m.csv",
        "code,name,team\nXS,<script>alert(1)</script>,West\n",
    );
    s.ok(&["import", "members", &m]);
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1"]);
    let c = s.file(
        "c.csv",
        "code,name,cost,stock,category\nGIFT,礼品卡,500,,gift\n",
    );
    s.ok(&["catalog", "import", &c]);
    s
}

fn publish(s: &Sandbox, extra: &[&str]) -> std::path::PathBuf {
    let out = s.dir.path().join("site");
    let mut args = vec!["publish", "2026-Q1", "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let said = s.ok(&args);
    assert!(said.starts_with("published 2026-Q1 to"), "{said}");
    out
}

#[test]
fn the_published_standings_are_the_clis() {
    let s = q1();
    let out = publish(&s, &[]);
    let md = std::fs::read_to_string(out.join("standings.md")).unwrap();
    let csv = s.ok(&["standings", "2026-Q1", "--format", "csv"]);
    // A list, one line per member (group robots render no tables).
    assert!(!md.contains('|'), "no table: {md}");
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let row = format!("- No. {} ", f[0]);
        assert!(
            md.lines().any(|l| l.starts_with(&row)
                && l.contains(&format!("({})", f[1]))
                && l.contains(&format!(" · {} point", f[4]))),
            "{line}\n{md}"
        );
    }
    assert!(
        md.contains("- No. 2 张伟 (ZW) · 188.5 points · new\n"),
        "{md}"
    );
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("<td class=\"n\">188.5</td>"), "ZW's 188.5");
    assert!(index.contains("<svg"), "an inline chart");
    assert!(index.contains("Approved points only."));
}

#[test]
fn text_is_escaped_and_nothing_is_fetched_or_run() {
    let s = q1();
    let out = publish(&s, &[]);
    for page in ["index.html", "m/XS.html", "m/ZW.html"] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        assert!(!html.contains("<script>"), "{page}");
        assert!(
            !html.contains("<link") && !html.contains("src=\""),
            "{page} fetches nothing"
        );
        let external = html.matches("http").count();
        let svg_ns = html.matches("http://www.w3.org/2000/svg").count();
        assert_eq!(
            external, svg_ns,
            "{page}: only the SVG namespace names a URL"
        );
    }
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn a_statement_page_names_nobody_elses_points_unless_asked() {
    let s = q1();
    let out = publish(&s, &[]);
    let zw = std::fs::read_to_string(out.join("m/ZW.html")).unwrap();
    for other in ["王芳", "李娜", "John Smith", "index.html"] {
        assert!(!zw.contains(other), "ZW's page names {other}");
    }
    // Its numbers are `balance`'s and `standings`'s.
    let balance = s.ok(&["balance", "ZW", "--format", "csv"]);
    let b: Vec<&str> = balance.lines().nth(1).unwrap().split(',').collect();
    assert!(
        zw.contains(&format!("<td class=\"n\">{}</td>", b[2])),
        "balance {}",
        b[2]
    );
    assert!(
        zw.contains(&format!("礼品卡 (GIFT): {} points to go", b[5]))
            || zw.contains(&format!("{} points to go", b[5]))
    );
    assert!(
        zw.replace("&#x2f;", "/")
            .contains("deal D-001 on 2026-01-12: 10 + floor(120000 / 10000) × 1 = 22")
    );
    let out = publish(&s, &["--with-standings", "--lang", "zh-CN"]);
    let zw = std::fs::read_to_string(out.join("m/ZW.html")).unwrap();
    assert!(
        zw.contains("../index.html") && zw.contains("lang=\"zh-CN\"") && zw.contains("积分明细")
    );
}

#[test]
fn the_statement_command_in_every_format() {
    let s = q1();
    let text = s.ok(&["statement", "ZW", "2026-Q1"]);
    assert!(
        text.starts_with("张伟 (ZW, East): statement of 2026-Q1"),
        "{text}"
    );
    assert!(text.contains("approved             188.5"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&s.ok(&["statement", "ZW", "2026-Q1", "--format", "json"])).unwrap();
    // Every number a JSON number, exact (issue 39).
    assert!(json["approved"].is_number(), "{json}");
    assert_eq!(json["approved"].to_string(), "188.5");
    assert!(json["lines"][0]["points"].is_number());
    assert!(json["balance"].is_number() && json["available"].is_number());
    let p = &json["progress"][0];
    assert_eq!(
        (
            p["rule"].as_str(),
            p["target"].to_string(),
            p["attainment"].to_string()
        ),
        (Some("q-attain"), "300000".to_string(), "120".to_string()),
        "{json}"
    );
    assert!(
        p["next_at"].is_null() && p["needed"].is_null(),
        "above the top tier"
    );
    let csv = s.ok(&["statement", "ZW", "2026-Q1", "--format", "csv"]);
    assert!(csv.starts_with("date,kind,rule,subject,category,points,status,explanation\n"));
    assert!(
        s.ok(&["statement", "ZW", "2026-Q1", "--format", "markdown"])
            .contains("| date | what | points | status | how |")
    );
    assert!(
        s.ok(&["statement", "ZW", "2026-Q1", "--format", "html"])
            .starts_with("<!doctype html>")
    );
    s.merit().args(["statement", "NOPE"]).assert().code(2);
}

/// Chromium, where the machine has it (the test fails without it).
fn chromium() -> Option<std::path::PathBuf> {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(std::path::PathBuf::from)
    .find(|p| p.exists())
}

#[test]
fn a_headless_browser_renders_the_site_from_the_file() {
    let chrome = chromium().expect(
        "no Chromium here: install it (apt-get install chromium fonts-wqy-microhei; .ci/run does)",
    );
    let s = q1();
    let out = publish(&s, &["--lang", "zh-CN"]);
    let profile = tempfile::tempdir().unwrap();
    let artefacts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/publish-screens");
    std::fs::create_dir_all(&artefacts).unwrap();
    let base = |extra: &[&str]| {
        let mut c = std::process::Command::new(&chrome);
        c.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            // Nothing may be fetched: every host resolves to nowhere.
            "--host-resolver-rules=MAP * ~NOTFOUND",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra);
        c
    };
    let url = format!("file://{}", out.join("index.html").display());
    let dom = base(&["--dump-dom", &url]).output().unwrap();
    let text = String::from_utf8_lossy(&dom.stdout);
    assert!(text.contains("积分排行榜 2026-Q1"), "{text}");
    assert!(text.contains("188.5"));
    assert!(
        text.contains("&lt;script&gt;"),
        "the markup-like name stays text"
    );
    for (w, h) in [(390, 844), (1280, 800)] {
        let shot = artefacts.join(format!("index-{w}x{h}.png"));
        let _ = std::fs::remove_file(&shot);
        base(&[
            &format!("--window-size={w},{h}"),
            &format!("--screenshot={}", shot.display()),
            &url,
        ])
        .output()
        .unwrap();
        assert!(shot.exists(), "a screenshot at {w}x{h}");
    }
}

#[test]
fn p_in_rankings_publishes_the_shown_period_and_says_where() {
    let (dir, mut app) = common::screen::q1_app(80, 24);
    common::screen::keys(&mut app, "4Py");
    let text = common::screen::screen(&app);
    assert!(
        text.contains("published 2026-Q1 (approved points only, English): 5 pages in"),
        "{text}"
    );
    let site = dir.path().join("published").join("2026-Q1");
    assert!(site.join("index.html").exists() && site.join("m/ZW.html").exists());
}

/// A Chinese member page says its sentences whole, in Chinese punctuation:
/// the note under the title, and what the next reward still needs.
#[test]
fn a_chinese_member_page_says_its_sentences_whole() {
    let s = q1();
    let out = publish(&s, &["--lang", "zh-CN"]);
    let page = std::fs::read_dir(out.join("m"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .find(|p| p.contains("还差"))
        .expect("a page with a next reward");
    assert!(page.contains("，公示日期 "), "{page}");
    assert!(
        !page.contains("分差距") && !page.contains(", 公示日期"),
        "{page}"
    );
    // standings.md in Chinese: a list, its words Chinese.
    let md = std::fs::read_to_string(out.join("standings.md")).unwrap();
    assert!(md.contains("\n### 个人\n\n- 第 1 名 "), "{md}");
    assert!(
        md.contains("- 第 2 名 张伟（ZW） · 188.5 分 · 新\n"),
        "{md}"
    );
    assert!(md.contains("\n### 团队\n\n- 第 1 名 "), "{md}");
    assert!(!md.contains('|') && !md.contains("new"), "{md}");
}

/// `P` asks first, naming the period, which points, the language and the
/// folder; `n` writes nothing; with `i` on it says pending points go in,
/// and the status line says the same afterwards.
#[test]
fn p_in_rankings_asks_first_and_says_what_it_wrote() {
    let (dir, mut app) = common::screen::q1_app(80, 24);
    common::screen::keys(&mut app, "4P");
    let text = common::screen::screen(&app);
    let folder = dir.path().join("published").join("2026-Q1");
    for line in [
        "Publish the site of 2026-Q1?",
        "Points: approved only (i switches)",
        "Language: English (the screen's)",
        &format!("Folder: {}", folder.display()),
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    common::screen::keys(&mut app, "n");
    assert!(!dir.path().join("published").exists());
    assert!(!common::screen::screen(&app).contains("Publish the site"));
    common::screen::keys(&mut app, "iP");
    let text = common::screen::screen(&app);
    assert!(
        text.contains("Points: approved and pending (i switches)"),
        "{text}"
    );
    common::screen::keys(&mut app, "y");
    let text = common::screen::screen(&app);
    assert!(
        text.contains("published 2026-Q1 (approved and pending points, English): 5 pages"),
        "{text}"
    );
    assert!(folder.join("index.html").exists());
}
