//! `merit notify` (issue 41) against a local stand-in for DingTalk, WeCom
//! and Feishu (`notify/server.rs`), which checks each signature with the
//! test's own HMAC: what each platform receives, that the numbers are
//! `merit standings`'s, refusals, timeouts and unreachable robots, dry
//! runs, the robots file's errors, the audit log, escaping, and that no
//! secret or access token is ever shown.

mod common;
#[path = "notify/server.rs"]
mod server;

use common::{Sandbox, fixture};
use server::{DING_SECRET, DING_TOKEN, FEISHU_HOOK, FEISHU_SECRET, Hook, SECRETS, WECOM_KEY};
use std::process::Output;

/// The q1 store with the quarter approved.
fn q1() -> Sandbox {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1"]);
    s
}

/// `[[robot]]` tables for the stand-in at `hook`: `east` (DingTalk,
/// signed, keyword, site), `west` (WeCom), `north` (Feishu, signed).
fn robots_of(hook: &Hook) -> String {
    let base = &hook.base;
    format!(
        "[[robot]]\nname = \"east\"\nkind = \"dingtalk\"\n\
         url = \"{base}/dingtalk/signed?access_token={DING_TOKEN}\"\n\
         secret = \"{DING_SECRET}\"\nkeyword = \"积分\"\n\
         site_url = \"https://example.com/2026-Q1/\"\n\n\
         [[robot]]\nname = \"west\"\nkind = \"wecom\"\n\
         url = \"{base}/wecom/send?key={WECOM_KEY}\"\n\n\
         [[robot]]\nname = \"north\"\nkind = \"feishu\"\n\
         url = \"{base}/feishu/hook/{FEISHU_HOOK}\"\nsecret = \"{FEISHU_SECRET}\"\n"
    )
}

/// Writes `text` as the sandbox's robots file beside its key (where merit
/// looks by default), with `mode`.
fn write_robots(s: &Sandbox, text: &str, mode: u32) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let dir = s.key().parent().unwrap().to_path_buf();
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("robots.toml");
    std::fs::write(&path, text).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    path
}

/// `merit args…` with no proxy in the way of 127.0.0.1.
fn run(s: &Sandbox, args: &[&str]) -> Output {
    let mut c = s.merit();
    for v in [
        "ALL_PROXY",
        "all_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
    ] {
        c.env_remove(v);
    }
    c.args(args).output().expect("merit runs")
}

fn out(o: &Output) -> (String, String) {
    (
        String::from_utf8(o.stdout.clone()).unwrap(),
        String::from_utf8(o.stderr.clone()).unwrap(),
    )
}

/// No secret or token in `text`.
fn no_secrets(what: &str, text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{what} shows a secret:\n{text}");
    }
    assert!(!text.contains("access_token"), "{what}:\n{text}");
}

/// The audit log as CSV.
fn audit(s: &Sandbox) -> String {
    s.ok(&["audit", "--format", "csv"])
}

#[test]
fn dingtalk_gets_a_signed_markdown_digest_with_the_standings_numbers() {
    let (s, hook) = (q1(), Hook::start());
    write_robots(&s, &robots_of(&hook), 0o600);
    let o = run(&s, &["notify", "2026-Q1", "--robot", "east"]);
    let (stdout, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(0), "{stdout}{stderr}");
    assert_eq!(stdout, "posted the digest of 2026-Q1 to east (DingTalk)\n");
    assert_eq!(stderr, "");
    let seen = hook.seen();
    assert_eq!(seen.len(), 1, "one post");
    let body = seen[0].json();
    assert_eq!(body["msgtype"], "markdown");
    let (title, text) = (
        body["markdown"]["title"].as_str().unwrap(),
        body["markdown"]["text"].as_str().unwrap(),
    );
    assert!(
        title.contains("积分") && title.contains("2026-Q1"),
        "{title}"
    );
    assert!(text.starts_with(&format!("#### {title}\n")), "{text}");
    assert!(text.contains("2026-Q1 has ended (2026-03-31)."), "{text}");
    assert!(text.contains("Approved points only."), "{text}");
    assert!(!text.contains('|'), "a list, not a table: {text}");
    let csv = s.ok(&["standings", "2026-Q1", "--format", "csv"]);
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (rank, code, name, points) = (f[0], f[1], f[2], f[4]);
        let item = format!("- No. {rank} {name} ({code}): {points} point");
        assert!(text.contains(&item), "{item}\n{text}");
    }
    let teams = s.ok(&["standings", "2026-Q1", "--teams", "--format", "csv"]);
    for line in teams.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let item = format!("- No. {} {}: {} point", f[0], f[1], f[2]);
        assert!(text.contains(&item), "{item}\n{text}");
    }
    assert!(
        text.ends_with("[Full standings on the site](https://example.com/2026-Q1/)"),
        "{text}"
    );
    let log = audit(&s);
    let posted: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("digest posted"))
        .collect();
    assert_eq!(posted.len(), 1, "{log}");
    assert!(
        posted[0].contains("period 2026-Q1")
            && posted[0].contains("digest of 2026-Q1 posted to robot 'east' (dingtalk)"),
        "{log}"
    );
    no_secrets("stdout", &stdout);
    no_secrets("the audit log", &log);
    let table = s.ok(&["--lang", "zh-CN", "audit"]);
    assert!(table.contains("发送播报"), "{table}");
}

#[test]
fn wecom_content_stays_within_4096_bytes_by_whole_entries() {
    let (s, hook) = (Sandbox::new(), Hook::start());
    let mut members = String::from("code,name,team\n");
    for i in 0..300 {
        members.push_str(&format!("M{i:03},销售代表名字很长的成员{i}号,华东\n"));
    }
    let file = s.file("members.csv", &members);
    s.ok(&["import", "members", &file]);
    write_robots(&s, &robots_of(&hook), 0o600);
    let o = run(
        &s,
        &["notify", "2026-Q1", "--robot", "west", "--top", "300"],
    );
    let (stdout, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(0), "{stdout}{stderr}");
    let seen = hook.seen();
    assert_eq!(seen.len(), 1);
    assert!(std::str::from_utf8(&seen[0].body).is_ok(), "UTF-8");
    let body = seen[0].json();
    assert_eq!(body["msgtype"], "markdown");
    let content = body["markdown"]["content"].as_str().unwrap();
    assert!(content.len() <= 4096, "{} bytes", content.len());
    assert!(
        content.len() > 3000,
        "as much as fits: {} bytes",
        content.len()
    );
    let listed: Vec<&str> = content
        .lines()
        .filter(|l| l.starts_with("- No. "))
        .collect();
    for l in &listed {
        assert!(
            l.ends_with(": 0 points (not on the board yet)"),
            "a whole entry: {l}"
        );
    }
    let left_out = 300 - listed.iter().filter(|l| l.contains("(M")).count();
    assert!(left_out > 0 && listed.len() < 300);
    assert!(
        content.contains(&format!(
            "- … and {left_out} more members, left out to fit the message"
        )),
        "{content}"
    );
    // The teams still come after the shortened list.
    assert!(
        content.contains("**Teams**\n- No. 1 华东: 0 points (not on the board yet)"),
        "{content}"
    );
}

#[test]
fn feishu_gets_a_post_signed_in_its_body() {
    let (s, hook) = (q1(), Hook::start());
    write_robots(&s, &robots_of(&hook), 0o600);
    let o = run(
        &s,
        &["notify", "2026-Q1", "--robot", "north", "--lang", "zh-CN"],
    );
    let (stdout, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(0), "{stdout}{stderr}");
    assert_eq!(stdout, "posted the digest of 2026-Q1 to north (Feishu)\n");
    let body = hook.seen()[0].json();
    assert_eq!(body["msg_type"], "post");
    assert!(
        body["timestamp"].is_string() && body["sign"].is_string(),
        "{body}"
    );
    let post = &body["content"]["post"]["zh_cn"];
    assert_eq!(post["title"], "积分排行榜 2026-Q1");
    let lines: Vec<String> = post["content"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[0]["text"].as_str().unwrap().to_string())
        .collect();
    assert!(
        lines.contains(&"- 第 1 名 王芳（WF）：273 分（新上榜）".to_string()),
        "{lines:?}"
    );
    assert!(lines.contains(&"团队排名".to_string()), "{lines:?}");
}

#[test]
fn a_refusal_names_the_robot_and_the_others_are_still_posted() {
    let (s, hook) = (q1(), Hook::start());
    let robots = robots_of(&hook).replace(DING_SECRET, "SECnot-the-one-dingtalk-has");
    write_robots(&s, &robots, 0o600);
    let o = run(&s, &["notify", "2026-Q1"]);
    let (stdout, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(1), "{stdout}{stderr}");
    assert!(
        stderr.contains("merit: east: DingTalk refused: sign not match\n"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("merit: 1 of 3 robots were not posted to\n"),
        "{stderr}"
    );
    assert_eq!(
        stdout,
        "posted the digest of 2026-Q1 to west (WeCom)\nposted the digest of 2026-Q1 to north (Feishu)\n"
    );
    assert_eq!(hook.seen().len(), 3, "each robot tried");
    let log = audit(&s);
    assert!(
        log.contains("robot 'west'") && log.contains("robot 'north'"),
        "{log}"
    );
    assert!(
        !log.contains("robot 'east'"),
        "a refused post is not audited: {log}"
    );
    no_secrets("stderr", &stderr);
    assert!(!stderr.contains("SECnot-the-one"), "{stderr}");
}

#[test]
fn a_robot_that_never_answers_or_cannot_be_reached_is_named() {
    let s = q1();
    // Accepts and never answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let slow = silent.local_addr().unwrap();
    std::thread::spawn(move || {
        let held: Vec<_> = silent.incoming().flatten().collect();
        drop(held);
    });
    // A port nobody listens on.
    let gone = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let robots = format!(
        "[[robot]]\nname = \"slow\"\nkind = \"dingtalk\"\nurl = \"http://{slow}/send?access_token={DING_TOKEN}\"\n\
         [[robot]]\nname = \"gone\"\nkind = \"wecom\"\nurl = \"http://{gone}/send?key={WECOM_KEY}\"\n"
    );
    write_robots(&s, &robots, 0o600);
    let started = std::time::Instant::now();
    let mut c = s.merit();
    c.env("MERIT_NOTIFY_TIMEOUT_MS", "300");
    for v in [
        "ALL_PROXY",
        "all_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
    ] {
        c.env_remove(v);
    }
    let o = c.args(["notify", "2026-Q1"]).output().unwrap();
    let (stdout, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(1), "{stdout}{stderr}");
    assert!(started.elapsed() < std::time::Duration::from_secs(8));
    assert!(
        stderr.contains("merit: slow: DingTalk did not answer within 0.3 s\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("merit: gone: cannot reach WeCom: "),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("merit: 2 of 2 robots were not posted to\n"),
        "{stderr}"
    );
    no_secrets("stderr", &stderr);
    assert!(!audit(&s).contains("digest posted"));
}

/// April's digest for the robot `west`, a dry run with `extra`: its
/// standard output, the command having succeeded.
fn april_to_west(s: &Sandbox, extra: &[&str]) -> String {
    let mut args = vec!["notify", "2026-04", "--dry-run", "--robot", "west"];
    args.extend_from_slice(extra);
    let o = run(s, &args);
    let (stdout, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(0), "{stdout}{stderr}");
    stdout
}

#[test]
fn a_period_with_no_points_yet_has_no_moves_and_no_climbers() {
    // April has nothing approved yet (today is 2026-04-10); March had.
    // Everyone ties at 0, which is no place to have climbed to: the
    // digest said "up 7" and named the biggest climbers.
    let (s, hook) = (q1(), Hook::start());
    write_robots(&s, &robots_of(&hook), 0o600);
    for lang in ["en", "zh-CN"] {
        let stdout = april_to_west(&s, &["--lang", lang]);
        let (none, up, climbers) = match lang {
            "en" => ("(not on the board yet)", "up ", "Biggest climbers"),
            _ => ("暂未上榜", "上升", "名次上升最多"),
        };
        assert!(stdout.contains(none), "{stdout}");
        assert!(!stdout.contains(up), "{stdout}");
        assert!(!stdout.contains(climbers), "{stdout}");
    }
    // Pending points counted: LN's only April award, rejected, leaves her
    // no points (the month's sums keep her at 0): no move, not a climber;
    // ZW's pending award ranks him first.
    s.ok(&["award", "LN", "4", "--reason", "visit"]);
    s.ok(&[
        "reject", "2026-04", "--member", "LN", "--reason", "no visit",
    ]);
    s.ok(&["award", "ZW", "5", "--reason", "mentoring"]);
    let stdout = april_to_west(&s, &["--include-pending"]);
    assert!(stdout.contains("- No. 1 张伟 (ZW): 5 points ("), "{stdout}");
    assert!(
        stdout.contains("李娜 (LN): 0 points (not on the board yet)"),
        "{stdout}"
    );
    assert!(!stdout.contains("李娜 (LN): up"), "{stdout}");
}

#[test]
fn a_dry_run_prints_the_bodies_and_posts_and_writes_nothing() {
    let (s, hook) = (q1(), Hook::start());
    write_robots(&s, &robots_of(&hook), 0o600);
    let before = s.dump();
    let o = run(&s, &["notify", "2026-Q1", "--dry-run", "--include-pending"]);
    let (stdout, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(0), "{stdout}{stderr}");
    assert!(hook.seen().is_empty(), "nothing posted");
    assert_eq!(s.dump(), before, "nothing written, nothing audited");
    for head in [
        "east (DingTalk): the request body (dry run: nothing is posted)\n{",
        "west (WeCom): the request body (dry run: nothing is posted)\n{",
        "north (Feishu): the request body (dry run: nothing is posted)\n{",
    ] {
        assert!(stdout.contains(head), "{head}\n{stdout}");
    }
    assert!(stdout.contains("\"msgtype\": \"markdown\""), "{stdout}");
    assert!(stdout.contains("\"msg_type\": \"post\""), "{stdout}");
    assert!(
        stdout.contains("\"sign\": \"(signed when posted)\""),
        "{stdout}"
    );
    assert!(
        stdout.contains("Pending points included (not yet approved)."),
        "{stdout}"
    );
    no_secrets("stdout", &stdout);
    no_secrets("stderr", &stderr);
}

#[test]
fn the_chinese_digest_has_no_english_words_of_merits_own() {
    let (s, hook) = (q1(), Hook::start());
    write_robots(&s, &robots_of(&hook), 0o600);
    let o = run(
        &s,
        &[
            "notify", "2026-03", "--lang", "zh-CN", "--robot", "east", "--robot", "west",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{:?}", out(&o));
    let seen = hook.seen();
    assert_eq!(seen.len(), 2);
    let ding = seen[0].json()["markdown"]["text"]
        .as_str()
        .unwrap()
        .to_string();
    let wecom = seen[1].json()["markdown"]["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(ding.contains("2026-03 已结束（2026-03-31）。"), "{ding}");
    assert!(ding.contains("名次"), "movement against February: {ding}");
    for text in [ding, wecom] {
        // What is not merit's: the store's names, codes and teams, the
        // period, the site's address.
        let mut left = text.replace("https://example.com/2026-Q1/", "");
        for own in ["John Smith", "ZW", "LN", "WF", "JS", "East", "West"] {
            left = left.replace(own, "");
        }
        let english: Vec<&str> = left
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty())
            .collect();
        assert!(english.is_empty(), "{english:?} in\n{text}");
    }
}

#[test]
fn a_robots_file_others_can_read_is_warned_about_and_still_used() {
    let (s, hook) = (q1(), Hook::start());
    let path = write_robots(&s, &robots_of(&hook), 0o644);
    let o = run(&s, &["notify", "2026-Q1", "--robot", "west"]);
    let (stdout, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(0), "{stdout}{stderr}");
    assert_eq!(
        stderr,
        format!(
            "warning: {} can be read by others (mode 0644): whoever reads it can post in your groups; chmod 600 it\n",
            path.display()
        )
    );
    assert_eq!(hook.seen().len(), 1);
}

#[test]
fn a_bad_robots_file_names_its_line_and_field_and_nothing_is_posted() {
    let (s, hook) = (q1(), Hook::start());
    let bad = robots_of(&hook).replacen("kind = \"dingtalk\"", "kind = \"slack\"", 1);
    let path = write_robots(&s, &bad, 0o600);
    let shown = path.display().to_string();
    let o = run(&s, &["notify", "2026-Q1"]);
    let (_, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr,
        format!("merit: {shown}:3: kind: unknown kind 'slack' (dingtalk, wecom or feishu)\n")
    );
    let other = s.file("other.toml", "[[robot]]\nname = \"x\"\nkind = \"wecom\"\nurl = \"ftp://host/?key=k\"\ncolour = \"red\"\n");
    let o = run(&s, &["notify", "2026-Q1", "--robots", &other]);
    let (_, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "merit: {other}:4: url: must be an http:// or https:// address with a host and no spaces\n\
             merit: {other}:5: colour: unknown key (a robot has name, kind, url, secret, keyword and site_url)\n"
        )
    );
    no_secrets("stderr", &stderr);
    let mut zh = s.merit();
    zh.env("MERIT_LANG", "zh-CN")
        .args(["notify", "2026-Q1", "--robots", &other]);
    let o = zh.output().expect("merit runs");
    let (_, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "merit: {other}:4：url：必须是 http:// 或 https:// 地址，含主机名，不含空格\n\
             merit: {other}:5：colour：未知的键（机器人的键为 name、kind、url、secret、keyword 和 site_url）\n"
        )
    );
    let broken = s.file("broken.toml", "[[robot]]\nname = \"x\"\nkind = wecom\n");
    let o = run(&s, &["notify", "2026-Q1", "--robots", &broken]);
    let (_, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with(&format!("merit: {broken}:3: kind: ")),
        "{stderr}"
    );
    let twice = s.file(
        "twice.toml",
        &format!("{}{}", robots_of(&hook), robots_of(&hook)),
    );
    let o = run(&s, &["notify", "2026-Q1", "--robots", &twice]);
    let (_, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(":20: name: a second robot named 'east' (the first is at line 2)"),
        "{stderr}"
    );
    no_secrets("stderr", &stderr);
    let missing = s.dir.path().join("none.toml").display().to_string();
    let o = run(&s, &["notify", "2026-Q1", "--robots", &missing]);
    let (_, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "merit: {missing}: no robots file. Write one there"
        )) && stderr.contains("[[robot]]"),
        "{stderr}"
    );
    let folder = s.dir.path().display().to_string();
    let o = run(&s, &["notify", "2026-Q1", "--robots", &folder]);
    let (_, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr,
        format!("merit: {folder}: cannot read the robots file: it is a directory, not a file\n")
    );
    assert!(hook.seen().is_empty(), "nothing posted");
}

#[test]
fn an_unknown_robot_is_a_usage_error_naming_it() {
    let (s, hook) = (q1(), Hook::start());
    let path = write_robots(&s, &robots_of(&hook), 0o600);
    let o = run(
        &s,
        &["notify", "2026-Q1", "--robot", "west", "--robot", "nope"],
    );
    let (_, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "merit: --robot: no robot 'nope' in {} (it has: east, west, north)\n",
            path.display()
        )
    );
    assert!(hook.seen().is_empty());
}

#[test]
fn store_text_cannot_make_markup_or_drive_a_terminal() {
    let (s, hook) = (Sandbox::new(), Hook::start());
    let evil = "**Boss** [x](http://evil.example/) <font color=\"warning\">red</font> \u{1b}[2J`c`\u{202e}";
    let members = s.file(
        "members.csv",
        &format!(
            "code,name,team\nEV,\"{}\",\"#Team|*A*\"\nOK,Plain,East\n",
            evil.replace('"', "\"\"")
        ),
    );
    s.ok(&["import", "members", &members]);
    s.ok(&["award", "EV", "5", "--reason", "x", "--date", "2026-01-05"]);
    s.ok(&["approve", "2026-Q1"]);
    write_robots(&s, &robots_of(&hook), 0o600);
    let o = run(&s, &["notify", "2026-Q1"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", out(&o));
    let seen = hook.seen();
    let ding = seen[0].json()["markdown"]["text"]
        .as_str()
        .unwrap()
        .to_string();
    let wecom = seen[1].json()["markdown"]["content"]
        .as_str()
        .unwrap()
        .to_string();
    for md in [&ding, &wecom] {
        let item = md.lines().find(|l| l.contains("Boss")).unwrap();
        for markup in [
            "**Boss", "[x]", "](", "<font", "`c`", "http://", "\u{1b}", "\u{202e}", "#Team", "|",
        ] {
            assert!(!item.contains(markup), "{markup:?} in {item}");
        }
        assert!(
            item.contains("＊＊Boss＊＊ ［x］(http：//evil.example/) ＜font"),
            "{item}"
        );
    }
    let feishu = seen[2].json().to_string();
    assert!(
        !feishu.contains('\u{1b}') && !feishu.contains("\\u001b"),
        "{feishu}"
    );
    assert!(
        feishu.contains("**Boss** [x](http://evil.example/)"),
        "plain text there: {feishu}"
    );
}

#[test]
fn titles_and_climbers_are_in_the_digest() {
    let s = Sandbox::new();
    let f = |n: &str| fixture("period-end").join(n).display().to_string();
    s.ok(&["import", "members", &f("members.csv")]);
    s.ok(&["import", "activities", &f("activities.csv")]);
    s.ok(&["rules", "import", &f("rules.toml")]);
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1", "--rule", "deal"]);
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1"]);
    let o = run(
        &s,
        &["notify", "2026-02", "--dry-run", "--robots", "/dev/null"],
    );
    assert_eq!(o.status.code(), Some(2), "an empty file has no robot");
    let hook = Hook::start();
    write_robots(&s, &robots_of(&hook), 0o600);
    let o = run(&s, &["notify", "2026-Q1", "--robot", "west"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", out(&o));
    let content = hook.seen()[0].json()["markdown"]["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        content.contains("**Titles won**\n- 王芳 (WF): 月度销售冠军, 季度销售明星\n"),
        "{content}"
    );
    let o = run(&s, &["notify", "2026-02", "--robot", "west"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", out(&o));
    let content = hook.seen()[1].json()["markdown"]["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(content.contains("**Biggest climbers**\n- "), "{content}");
    assert!(content.contains(": up "), "{content}");
}

/// A robots file or a checkpoint is read only up to a limit: `/dev/zero`
/// is refused at once, where it filled the memory until the kernel killed
/// merit.
#[test]
fn endless_files_are_refused_not_read_until_the_memory_runs_out() {
    let s = q1();
    let o = run(
        &s,
        &["notify", "2026-Q1", "--robots", "/dev/zero", "--dry-run"],
    );
    let (_, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr,
        "merit: /dev/zero: cannot read the robots file: larger than 1 MiB: is it the right file?\n"
    );
    let o = run(&s, &["verify", "--checkpoint", "/dev/zero"]);
    let (_, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr,
        "merit: /dev/zero: cannot read the checkpoint: larger than 1 MiB: is it the right file?\n"
    );
}
