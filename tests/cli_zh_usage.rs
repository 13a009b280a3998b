//! The usage line of the Chinese help is worded in Chinese too (issue 40):
//! `用法：merit [选项] [命令]`, not clap's English `[OPTIONS] [COMMAND]`;
//! the English help keeps clap's words.

mod common;
use common::Sandbox;

/// `merit args…` in Chinese, as it ended.
fn run_zh(s: &Sandbox, args: &[&str]) -> std::process::Output {
    s.merit()
        .env("MERIT_LANG", "zh-CN")
        .args(args)
        .output()
        .unwrap()
}

fn zh(s: &Sandbox, args: &[&str]) -> String {
    let o = run_zh(s, args);
    assert_eq!(o.status.code(), Some(0), "{args:?}");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn usage(help: &str) -> &str {
    help.lines()
        .find(|l| l.starts_with("用法：") || l.starts_with("Usage: "))
        .unwrap_or_default()
}

#[test]
fn chinese_usage_lines_have_no_english_placeholders() {
    let s = Sandbox::new();
    let help = zh(&s, &["--help"]);
    assert_eq!(usage(&help), "用法：merit [选项] [命令]", "{help}");
    let help = zh(&s, &["standings", "--help"]);
    assert_eq!(
        usage(&help),
        "用法：merit standings [选项] <PERIOD>",
        "{help}"
    );
    let help = zh(&s, &["rules", "--help"]);
    assert_eq!(usage(&help), "用法：merit rules [选项] <命令>", "{help}");
    let help = zh(&s, &["help", "redemptions"]);
    assert_eq!(
        usage(&help),
        "用法：merit redemptions [选项] [命令]",
        "{help}"
    );
    for args in [&["--help"][..], &["catalog", "list", "--help"]] {
        let help = zh(&s, args);
        assert!(
            !help.contains("[OPTIONS]") && !help.contains("COMMAND"),
            "{help}"
        );
    }
}

#[test]
fn english_usage_is_claps() {
    let s = Sandbox::new();
    let help = s.ok(&["--help"]);
    assert_eq!(usage(&help), "Usage: merit [OPTIONS] [COMMAND]", "{help}");
    let help = s.ok(&["standings", "--help"]);
    assert_eq!(
        usage(&help),
        "Usage: merit standings [OPTIONS] <PERIOD>",
        "{help}"
    );
}

/// A number clap's own parsers refuse is said in Chinese too (it came out
/// as the standard library's English: `invalid digit found in string`).
#[test]
fn a_refused_whole_number_is_said_in_chinese() {
    let s = Sandbox::new();
    for (args, head) in [
        (
            &["redeem", "ZW", "GIFT", "--qty", "1.5"][..],
            "错误：“--qty <QTY>”的值“1.5”无效：须为范围内的整数",
        ),
        (
            &["demo", "--members", "abc"],
            "错误：“--members <MEMBERS>”的值“abc”无效：须为范围内的整数",
        ),
    ] {
        let o = run_zh(&s, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(err.lines().next(), Some(head), "{err}");
        assert!(!err.contains("invalid digit"), "{err}");
    }
}
