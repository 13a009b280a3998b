//! Publishing to the team: the static site's numbers are the CLI's, every
//! text is escaped, a member's page names nobody else's points, nothing is
//! fetched. A real headless browser renders it in `site_widths.rs`.

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

/// The part of a page from `marker` to the next member's or team's row.
fn segment<'a>(html: &'a str, marker: &str) -> Option<&'a str> {
    let start = html.find(marker)? + marker.len();
    let rest = &html[start..];
    let end = ["data-member=", "data-team=", "</ol>", "</table>"]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

/// Every number the index, the board and the members' pages show of a
/// member or a team is the one `merit standings` gives, with and without
/// pending points; a member's weeks add up to their standing.
#[test]
fn the_published_standings_are_the_clis() {
    let s = q1();
    for extra in [&[][..], &["--include-pending"][..]] {
        let out = publish(&s, extra);
        let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
        let (index, board) = (read("index.html"), read("board.html"));
        let md = read("standings.md");
        let mut args = vec!["standings", "2026-Q1", "--format", "csv"];
        args.extend_from_slice(extra);
        let csv = s.ok(&args);
        for (i, line) in csv.lines().skip(1).enumerate() {
            let f: Vec<&str> = line.split(',').collect();
            let (rank, code, points) = (f[0], f[1], f[4]);
            assert!(
                md.contains(&format!("({code})")) && md.contains(points),
                "{md}"
            );
            let row = segment(&index, &format!("<tr data-member=\"{code}\">")).unwrap();
            assert!(
                row.contains(&format!("<td class=\"n\">{rank}</td>"))
                    && row.contains(&format!("<span class=\"pts\">{points}</span>")),
                "index: {line}\n{row}"
            );
            // On the board: the podium or the top ten, the same points.
            let on_board = segment(&board, &format!("data-member=\"{code}\">"));
            if i < 10 {
                let on_board = on_board.unwrap_or_else(|| panic!("{code} on the board"));
                assert!(
                    on_board.contains(&format!("<span class=\"pts\">{points}</span>")),
                    "board: {line}\n{on_board}"
                );
            }
            let page = read(&format!("m/{code}.html"));
            let approved = "<th>Approved points in the period</th><td class=\"n\">";
            if extra.is_empty() {
                assert!(page.contains(&format!("{approved}{points}</td>")), "{code}");
            }
            let figures = page.split_once("<table class=\"weeks\">").unwrap().1;
            let figures = figures.split_once("</table>").unwrap().0;
            let sum: rust_decimal::Decimal = figures
                .split("<td class=\"n\">")
                .skip(1)
                .map(|c| {
                    c.split('<')
                        .next()
                        .unwrap()
                        .parse::<rust_decimal::Decimal>()
                        .unwrap()
                })
                .sum();
            assert_eq!(sum.normalize().to_string(), points, "{code}'s weeks");
        }
        let csv = s.ok(&[
            &["standings", "2026-Q1", "--teams", "--format", "csv"][..],
            extra,
        ]
        .concat());
        for line in csv.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            for (page, html) in [("index", &index), ("board", &board)] {
                let row = segment(html, &format!("<tr data-team=\"{}\">", f[1])).unwrap();
                assert!(
                    row.contains(&format!("<td class=\"n\">{}</td>", f[0]))
                        && row.contains(&format!("<span class=\"pts\">{}</span>", f[2])),
                    "{page}: {line}\n{row}"
                );
            }
        }
        assert!(index.contains("<svg"), "inline charts");
        assert!(board.contains("<meta http-equiv=\"refresh\" content=\"300\">"));
        assert!(
            index.contains("<a href=\"board.html\">"),
            "the index links the board"
        );
        let note = if extra.is_empty() {
            "Approved points only."
        } else {
            "Pending points included (not yet approved)."
        };
        assert!(index.contains(note) && board.contains(note), "{note}");
    }
}

#[test]
fn text_is_escaped_and_nothing_is_fetched_or_run() {
    let s = q1();
    let out = publish(&s, &[]);
    for page in ["index.html", "board.html", "m/XS.html", "m/ZW.html"] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        assert!(!html.contains("<script"), "{page}");
        assert!(
            !html.contains("<link") && !html.contains("src=\""),
            "{page} fetches nothing"
        );
        let external = html.matches("http:").count() + html.matches("https:").count();
        let svg_ns = html.matches("http://www.w3.org/2000/svg").count();
        assert_eq!(
            external, svg_ns,
            "{page}: only the SVG namespace names a URL"
        );
    }
    for page in ["index.html", "board.html"] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        let html = html.replace("&#x2f;", "/");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{page}"
        );
    }
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

#[test]
fn p_in_rankings_publishes_the_shown_period_and_says_where() {
    let (dir, mut app) = common::screen::q1_app_on_file(80, 24);
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
    let (dir, mut app) = common::screen::q1_app_on_file(80, 24);
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

/// The index and the board say whether the period still runs (as of
/// today), has ended, or is closed, in the site's language.
#[test]
fn the_period_state_says_whether_it_still_runs() {
    let s = q1();
    let said = |today: &str, lang: &str| {
        let out = publish(&s, &["--today", today, "--lang", lang]);
        let index = std::fs::read_to_string(out.join("index.html")).unwrap();
        let board = std::fs::read_to_string(out.join("board.html")).unwrap();
        let state = |html: &str| {
            let at = html.find("<p class=\"state").expect("a state");
            html[at..].split("</p>").next().unwrap().to_string()
        };
        assert_eq!(state(&index), state(&board));
        state(&index)
    };
    let running = said("2026-03-20", "en");
    assert!(
        running.contains("running") && running.contains(">in progress, as of 03-20<"),
        "{running}"
    );
    let zh = said("2026-03-20", "zh-CN");
    assert!(zh.contains(">进行中，截至 03-20<"), "{zh}");
    assert!(said("2026-04-10", "en").contains(">ended 03-31<"));
    assert!(said("2025-12-01", "zh-CN").contains(">01-01 开始<"));
    s.ok(&["close", "2026-Q1"]);
    assert!(said("2026-04-10", "en").contains(">ended 03-31, closed<"));
    assert!(said("2026-04-10", "zh-CN").contains(">已结束（03-31），已结账<"));
}

/// The page's text without its markup (and without its style).
fn text_of(html: &str) -> String {
    let html = match (html.find("<style>"), html.find("</style>")) {
        (Some(a), Some(b)) => format!("{}{}", &html[..a], &html[b..]),
        _ => html.to_string(),
    };
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// A Chinese site says none of merit's own English words: every word of
/// the pages' catalogue in English is absent from the Chinese index,
/// board and member pages (names, teams and rules are the store's).
#[test]
fn a_chinese_site_says_no_english_word_of_merits_own() {
    let s = q1();
    let out = publish(&s, &["--lang", "zh-CN"]);
    let en = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/i18n/en/publish.ftl"),
    )
    .unwrap();
    let words: Vec<&str> = en
        .lines()
        .filter_map(|l| l.strip_prefix("publish-")?.split_once(" = "))
        .map(|(_, v)| v.trim())
        .collect();
    assert!(words.len() > 30);
    for page in ["index.html", "board.html", "m/ZW.html", "m/LN.html"] {
        let text = text_of(&std::fs::read_to_string(out.join(page)).unwrap());
        let tokens: Vec<&str> = text
            .split(|c: char| !c.is_ascii_alphabetic() && c != '-')
            .filter(|t| !t.is_empty())
            .collect();
        for w in &words {
            let ws: Vec<&str> = w
                .split(|c: char| !c.is_ascii_alphabetic() && c != '-')
                .filter(|t| !t.is_empty())
                .collect();
            let found = !ws.is_empty() && tokens.windows(ws.len()).any(|t| t == ws.as_slice());
            assert!(!found, "{page} says \"{w}\" in English:\n{text}");
        }
    }
}

/// `standings.md` is a list a group robot renders, one line per member,
/// with the numbers of `merit standings`.
#[test]
fn standings_md_is_a_list_with_the_clis_numbers() {
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
    // XS has no points in the quarter: no place, said in words (a bare
    // `-` before).
    assert!(
        md.lines()
            .any(|l| l.ends_with("(XS) · 0 points · not on the board yet")),
        "{md}"
    );
    // The index says what its bare `-` means, under the tables and on the mark.
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let xs = segment(&html, "data-member=\"XS\"").unwrap();
    assert!(
        xs.contains(
            r#"<abbr title="not on the board yet: no points counted in this period">-</abbr>"#
        ),
        "{xs}"
    );
    assert!(
        html.contains(
            "<p class=\"note legend\">- not on the board yet: no points counted in this period</p>"
        ),
        "{html}"
    );
}

/// A member's titles in English `standings.md` are joined by an English
/// comma (the Chinese 、 joined them in every language).
#[test]
fn titles_are_joined_in_the_pages_language() {
    let s = Sandbox::new();
    s.ok(&["--today", "2026-12-05", "demo"]);
    let standings_md = |folder: &str, extra: &[&str]| {
        let out = s.dir.path().join(folder);
        let mut args = vec!["--today", "2026-12-05", "publish", "2026-Q3"];
        args.extend(["--out", out.to_str().unwrap()]);
        args.extend(extra);
        s.ok(&args);
        std::fs::read_to_string(out.join("standings.md")).unwrap()
    };
    let md = standings_md("site", &[]);
    assert!(!md.contains('、'), "{md}");
    assert!(
        md.contains(r"**Monthly champion\, Quarterly star**"),
        "{md}"
    );
    let md = standings_md("site-zh", &["--lang", "zh-CN"]);
    assert!(md.contains('、'), "{md}");
}

/// The folder `P` names for a PostgreSQL store (the folder merit runs
/// in) is named whole, as a file store's is: `published/2026-Q1` said
/// nothing of where on the host it is.
#[test]
fn the_screens_site_folder_of_a_database_is_named_whole() {
    let q1 = merit::domain::Period::parse("2026-Q1").unwrap();
    let url = std::path::Path::new("postgresql:///merit?host=/run/postgresql");
    let site = merit::publish::screen_site(url, q1);
    let here = std::env::current_dir().unwrap();
    assert_eq!(site, here.join("published").join("2026-Q1"));
}
