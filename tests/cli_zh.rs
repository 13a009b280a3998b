//! The command line in Chinese (issue 19): `merit --help` from the
//! catalogue, messages, refusals and errors in Chinese, Chinese table
//! heads, and machine formats (CSV, JSON, exit codes) exactly as in
//! English.

mod common;

use common::Sandbox;

fn zh(s: &Sandbox, args: &[&str]) -> assert_cmd::assert::Assert {
    s.merit()
        .env("MERIT_LANG", "")
        .env("LANG", "zh_CN.UTF-8")
        .args(args)
        .assert()
}

fn out(a: &assert_cmd::assert::Assert) -> (String, String) {
    let o = a.get_output();
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn help_is_chinese_under_a_chinese_locale_and_english_with_lang_en() {
    let s = Sandbox::new();
    let (help, _) = out(&zh(&s, &["--help"]).success());
    assert!(help.contains("销售团队积分管理"), "{help}");
    assert!(help.contains("用法：merit"), "{help}");
    assert!(help.contains("  standings    PERIOD 的排行"), "{help}");
    assert!(
        !help.contains("Usage") && !help.contains("Print help"),
        "{help}"
    );
    let (sub, _) = out(&zh(&s, &["help", "standings"]).success());
    assert!(sub.contains("按团队而非成员排名"), "{sub}");
    let (en, _) = out(&zh(&s, &["--lang", "en", "--help"]).success());
    assert!(en.contains("Usage: merit"), "{en}");
}

#[test]
fn clap_errors_are_chinese_and_exit_2() {
    let s = Sandbox::new();
    let (_, err) = out(&zh(&s, &["standings"]).code(2));
    assert!(err.starts_with("错误：缺少以下必需参数："), "{err}");
}

#[test]
fn a_typo_in_db_is_said_in_chinese_and_nothing_is_created() {
    let s = Sandbox::new();
    let typo = s.dir.path().join("typo.db");
    let a = zh(
        &s,
        &["--db", typo.to_str().unwrap(), "standings", "2026-Q1"],
    )
    .code(1);
    let (_, err) = out(&a);
    assert!(err.contains("处没有数据库"), "{err}");
    assert!(!typo.exists());
}

/// The system's reason for a store that cannot be made is said in
/// Chinese too (it was `No such file or directory (os error 2)`).
#[test]
fn a_store_in_a_missing_folder_is_said_in_chinese() {
    let s = Sandbox::file_only();
    let there = s.dir.path().join("nope").join("s.db");
    let a = zh(&s, &["--db", there.to_str().unwrap(), "demo"]).code(1);
    let (_, err) = out(&a);
    assert!(
        err.ends_with("无法创建数据库：没有这个文件或文件夹\n"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn a_name_with_escape_codes_is_shown_escaped_in_a_chinese_table() {
    let s = Sandbox::new();
    let m = s.file("m.csv", "code,name,team\nEV,\"王\u{1b}[2J芳\",East\n");
    s.ok(&["import", "members", &m]);
    let (table, _) = out(&zh(&s, &["balance"]).success());
    assert!(!table.contains('\u{1b}'), "{table:?}");
    assert!(table.contains("成员"), "{table}");
}

#[test]
fn messages_refusals_and_errors_are_chinese() {
    let s = Sandbox::new();
    s.load_q1();
    let (said, _) = out(&zh(&s, &["recalc"]).success());
    assert!(said.starts_with("新增 "), "{said}");
    let (_, err) = out(&zh(&s, &["close", "2026-Q1"]).code(1));
    assert!(err.starts_with("merit: 2026-Q1 还有 "), "{err}");
    assert!(err.contains("条待审批积分"), "{err}");
    let bad = s.file(
        "bad.csv",
        "ref,member,kind,date,amount\nX-1,ZW,deal,2026-02-30,1\n",
    );
    let (_, err) = out(&zh(&s, &["import", "activities", &bad]).code(2));
    assert!(err.contains("date: “2026-02-30”不是有效的日期"), "{err}");
    assert!(err.contains("未导入任何内容"), "{err}");
    let (_, err) = out(&zh(&s, &["dispute", "999", "--reason", "x"]).code(2));
    assert!(err.contains("没有积分 999"), "{err}");
    let (_, err) = out(&zh(&s, &["standings", "2026-13"]).code(2));
    assert!(
        err.starts_with("merit: “2026-13”不是周期：请用周（"),
        "{err}"
    );
}

#[test]
fn tables_have_chinese_heads_and_machine_formats_stay_the_same() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1"]);
    let (table, _) = out(&zh(&s, &["standings", "2026-Q1"]).success());
    assert!(table.starts_with("名次  成员  姓名"), "{table}");
    s.ok(&[
        "catalog",
        "import",
        &s.file(
            "c.csv",
            "code,name,cost,stock,category\nGIFT,礼品卡,20,3,gift\n",
        ),
    ]);
    s.ok(&["redeem", "ZW", "GIFT"]);
    let (redemptions, _) = out(&zh(&s, &["redemptions"]).success());
    assert!(
        redemptions
            .lines()
            .next()
            .unwrap_or_default()
            .ends_with("审批人"),
        "{redemptions}"
    );
    let (balance, _) = out(&zh(&s, &["balance"]).success());
    assert!(balance.starts_with("成员  姓名"), "{balance}");
    for args in [
        &["standings", "2026-Q1", "--format", "csv"][..],
        &["standings", "2026-Q1", "--format", "json"],
        &["balance", "--format", "csv"],
        &["ledger", "--format", "csv"],
    ] {
        let (chinese, _) = out(&zh(&s, args).success());
        assert_eq!(chinese, s.ok(args), "{args:?}");
    }
}

/// `merit --demo` as a terminal shows it under a Chinese locale, driven in
/// tmux (installed by `.ci/run`): the header names the demo store in
/// Chinese too, not only the panes.
#[test]
fn tmux_the_demo_header_is_chinese() {
    common::require("tmux", "-V", "tmux");
    let dir = tempfile::tempdir().unwrap();
    let tmux = common::Tmux::new(dir.path());
    let bin = assert_cmd::cargo::cargo_bin("merit");
    let cmd = format!(
        "TMPDIR={} MERIT_LANG= LANG=zh_CN.UTF-8 MERIT_TODAY=2026-11-25 {} --demo",
        dir.path().display(),
        bin.display()
    );
    tmux.start("m", 80, 24, &cmd);
    let text = tmux.wait_for("m", "积分明细", 300);
    tmux.run(&["send-keys", "-t", "m", "q"]);
    let header = text.lines().next().unwrap_or_default();
    assert!(header.contains("演示（临时）"), "{text}");
    assert!(!header.contains("temporary"), "{text}");
}

/// The ledger table says statuses and kinds in Chinese (`已批准`,
/// `规则积分`, `兑换`), the redemption queue its statuses; CSV and JSON
/// keep the stored English words.
#[test]
fn the_ledger_table_says_statuses_and_kinds_in_chinese() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1", "--member", "ZW"]);
    s.ok(&[
        "catalog",
        "import",
        &s.file(
            "c.csv",
            "code,name,cost,stock,category\nGIFT,礼品卡,20,3,gift\n",
        ),
    ]);
    s.ok(&["redeem", "ZW", "GIFT"]);
    s.ok(&["redemptions", "approve", "1"]);
    let (table, _) = out(&zh(&s, &["ledger"]).success());
    for word in ["已批准", "待审批", "规则积分", "兑换"] {
        assert!(table.contains(word), "{word}\n{table}");
    }
    for english in [" approved", " pending", " award ", " redemption"] {
        assert!(!table.contains(english), "{english}\n{table}");
    }
    let (queue, _) = out(&zh(&s, &["redemptions"]).success());
    assert!(queue.contains("已批准"), "{queue}");
    let (catalog, _) = out(&zh(&s, &["catalog", "list"]).success());
    assert!(
        catalog.contains("是") && !catalog.contains("true"),
        "{catalog}"
    );
    let csv = s.ok(&["ledger", "--format", "csv"]);
    assert!(
        csv.contains(",approved,") && csv.contains(",award,"),
        "{csv}"
    );
    for args in [
        &["ledger", "--format", "csv"][..],
        &["ledger", "--format", "json"],
        &["redemptions", "--format", "csv"],
        &["catalog", "list", "--format", "json"],
    ] {
        let (chinese, _) = out(&zh(&s, args).success());
        assert_eq!(chinese, s.ok(args), "{args:?}");
    }
}

/// `merit demo` under `--lang zh-CN` (or a Chinese locale) writes a
/// Chinese team: rule names, categories, teams and rewards in Chinese,
/// the same shape as the English demo; `--lang en` writes the English one.
#[test]
fn the_demo_in_chinese_is_a_chinese_team() {
    let s = Sandbox::new();
    s.merit()
        .args(["--lang", "zh-CN", "demo", "--members", "12"])
        .assert()
        .success();
    let rules = s.ok(&["rules", "export"]);
    for word in [
        "name = \"签单\"",
        "category = \"业绩\"",
        "category = \"客户\"",
        "category = \"成长\"",
        "category = \"协作\"",
        "category = \"扣分\"",
        "title = \"月度销售冠军\"",
    ] {
        assert!(rules.contains(word), "{word}\n{rules}");
    }
    assert!(!rules.contains("Signed deal"), "{rules}");
    let teams = s.ok(&["standings", "2026-Q1", "--teams", "--format", "csv"]);
    for team in ["华东", "华南", "华北"] {
        assert!(teams.contains(team), "{team}\n{teams}");
    }
    let catalog = s.ok(&["catalog", "list", "--format", "csv"]);
    assert!(catalog.contains("COFFEE,咖啡券,50,,礼品,true"), "{catalog}");
    assert!(!catalog.contains("Coffee"), "{catalog}");

    // Under a Chinese locale too; and the English demo as it was, of the
    // same shape.
    let zh_locale = Sandbox::new();
    zh(&zh_locale, &["demo", "--members", "12"]).success();
    assert_eq!(zh_locale.ok(&["rules", "export"]), rules);
    let en = Sandbox::new();
    en.ok(&["demo", "--members", "12"]);
    let en_rules = en.ok(&["rules", "export"]);
    assert!(en_rules.contains("name = \"Signed deal\""), "{en_rules}");
    let en_teams = en.ok(&["standings", "2026-Q1", "--teams", "--format", "csv"]);
    assert!(en_teams.contains("East"), "{en_teams}");
    let count = |s: &Sandbox| s.ok(&["ledger", "--format", "csv"]).lines().count();
    assert_eq!(count(&s), count(&en));
}

/// `merit audit`'s table says the stored actions and subjects in Chinese
/// (`已批准`, `积分 1`, `重算`); CSV and JSON print them as stored, the
/// English table as before.
#[test]
fn the_audit_table_says_actions_and_subjects_in_chinese() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1", "--member", "ZW"]);
    let (table, _) = out(&zh(&s, &["audit"]).success());
    for word in ["导入成员", "导入规则", "重算", "批准", "操作"] {
        assert!(table.contains(word), "{word}\n{table}");
    }
    assert!(table.contains("  积分 "), "a subject: {table}");
    for english in [
        "  recalc",
        "  approve ",
        "import members",
        "rules import",
        "  award ",
    ] {
        assert!(!table.contains(english), "{english}\n{table}");
    }
    let english = s.ok(&["audit"]);
    assert!(
        english.contains("recalc")
            && english.contains("import members")
            && english.contains("  award "),
        "{english}"
    );
    for args in [
        &["audit", "--format", "csv"][..],
        &["audit", "--format", "json"],
    ] {
        let (chinese, _) = out(&zh(&s, args).success());
        assert_eq!(chinese, s.ok(args), "{args:?}");
    }
    let csv = s.ok(&["audit", "--format", "csv"]);
    assert!(csv.contains(",recalc,"), "{csv}");
}

/// A manual award's category, merit's own `manual`, is said in Chinese in
/// the audit table; a category the lead typed stays as typed, and CSV
/// keeps the stored English.
#[test]
fn a_manual_awards_own_category_is_chinese_in_the_audit_table() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["award", "ZW", "5", "--reason", "带新人"]);
    s.ok(&[
        "award",
        "LN",
        "3",
        "--reason",
        "培训",
        "--category",
        "培训课",
    ]);
    let (table, _) = out(&zh(&s, &["audit"]).success());
    assert!(table.contains("（手动）：带新人"), "{table}");
    assert!(table.contains("（培训课）：培训"), "{table}");
    assert!(!table.contains("manual"), "{table}");
    let csv = s.ok(&["audit", "--format", "csv"]);
    assert!(csv.contains("(manual): 带新人"), "{csv}");
    // So does ZW's statement, in its lines and its points by category.
    let (statement, _) = out(&zh(&s, &["statement", "ZW", "2026-04"]).success());
    assert!(!statement.contains("manual"), "{statement}");
    assert!(statement.contains("  手动  "), "{statement}");
    let csv = s.ok(&["statement", "ZW", "2026-04", "--format", "csv"]);
    assert!(csv.contains(",manual,"), "{csv}");
}

/// clap's common errors are worded in Chinese from the catalogue, with
/// clap's exit codes; the English ones are clap's own.
#[test]
fn claps_common_errors_are_chinese_with_claps_exit_codes() {
    let s = Sandbox::new();
    let db = s.db();
    let run = |lang: &str, args: &[&str]| {
        let a = s
            .merit()
            .env("MERIT_DB", &db)
            .args(["--lang", lang])
            .args(args)
            .assert()
            .code(2);
        out(&a).1
    };
    let err = run("zh-CN", &["catalog"]);
    assert!(
        err.starts_with("错误：“merit catalog”后面需要一个命令，但没有给出\n  [可用命令：import、list]\n\n用法：merit catalog [选项] <命令>"),
        "{err}"
    );
    let err = run("zh-CN", &["standings"]);
    assert!(
        err.starts_with("错误：缺少以下必需参数：\n  <PERIOD>"),
        "{err}"
    );
    let err = run("zh-CN", &["standings", "2026-Q1", "--tema"]);
    assert!(
        err.starts_with("错误：无法识别的参数“--tema”\n\n  提示：有相近的参数“--teams”"),
        "{err}"
    );
    let err = run("zh-CN", &["standings", "2026-Q1", "--format", "xml"]);
    assert!(
        err.starts_with("错误：“--format <FORMAT>”的值“xml”无效\n  [可选：table、csv、json]"),
        "{err}"
    );
    for args in [
        &["catalog"][..],
        &["standings"],
        &["standings", "2026-Q1", "--tema"],
        &["standings", "2026-Q1", "--format", "xml"],
        &["frobnicate"],
    ] {
        let err = run("zh-CN", args);
        for english in [
            "error",
            "Usage",
            "tip",
            "For more",
            "subcommand",
            "possible",
        ] {
            assert!(!err.contains(english), "{english}: {err}");
        }
        assert!(err.ends_with("更多信息请用 '--help'。\n"), "{err}");
    }
    let err = run("en", &["catalog"]);
    assert!(
        err.starts_with("error: 'merit catalog' requires a subcommand but one was not provided"),
        "{err}"
    );
    let err = run("en", &["standings", "2026-Q1", "--tema"]);
    assert!(
        err.starts_with("error: unexpected argument '--tema' found"),
        "{err}"
    );
}

#[test]
fn a_code_in_other_letters_or_a_name_typed_for_it_gets_the_member_it_meant() {
    let s = Sandbox::new();
    s.load_q1();
    let said = |args: &[&str]| {
        let a = s.merit().args(args).assert().code(2);
        out(&a).1
    };
    assert_eq!(
        said(&["balance", "zw"]),
        "merit: MEMBER: unknown member 'zw': did you mean ZW (张伟)?\n"
    );
    assert_eq!(
        said(&["ledger", "--member", "张伟"]),
        "merit: --member: unknown member '张伟': did you mean ZW (张伟)?\n"
    );
    assert_eq!(
        said(&["balance", "XX"]),
        "merit: MEMBER: unknown member 'XX'\n"
    );
    assert_eq!(
        said(&["standings", "2026-q1"]),
        "merit: '2026-q1' is not a period: did you mean 2026-Q1?\n"
    );
    let (_, zh_said) = out(&zh(&s, &["balance", "zw"]).code(2));
    assert_eq!(
        zh_said,
        "merit: MEMBER：没有成员“zw”：是不是 ZW（张伟）？\n"
    );
    let (_, zh_period) = out(&zh(&s, &["standings", "2026-w48"]).code(2));
    assert_eq!(zh_period, "merit: “2026-w48”不是周期：是不是 2026-W48？\n");
}
