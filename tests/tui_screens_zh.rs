//! The screen in Chinese (issue 19, in part): each pane and the main
//! popups at 80×24 and 160×48, with `zh-CN` chosen before anything is
//! drawn (the language is one per process, so this file is its own test
//! binary). Labels, key hints, the help and the statuses are Chinese; the
//! key letters stay.

mod common;

use common::screen::{keys, q1_app, screen};

fn zh(name: &str, setup: &str) {
    merit::i18n::set(merit::i18n::Lang::ZhCn);
    for (w, h) in [(80, 24), (160, 48)] {
        let (_dir, mut app) = q1_app(w, h);
        keys(&mut app, setup);
        let shown = screen(&app);
        insta::assert_snapshot!(format!("zh_{name}_{w}x{h}"), shown);
    }
}

#[test]
fn ledger() {
    zh("ledger", "");
}

#[test]
fn rules() {
    zh("rules", "2");
}

#[test]
fn catalog() {
    zh("catalog", "3");
}

#[test]
fn rankings() {
    zh("rankings", "4");
}

#[test]
fn rankings_with_a_filter_that_matches_nobody() {
    zh("rankings_filtered", "/无此人<Enter>4");
}

#[test]
fn help() {
    zh("help", "?");
}

#[test]
fn confirm() {
    zh("confirm", "*a");
}

#[test]
fn the_footer_keeps_its_key_letters_in_chinese() {
    merit::i18n::set(merit::i18n::Lang::ZhCn);
    let (_dir, app) = q1_app(80, 24);
    let shown = screen(&app);
    let footer = shown.lines().nth(23).unwrap();
    for k in ["a 批准", "x 驳回", "q 退出", "? 帮助"] {
        assert!(footer.contains(k), "{footer}");
    }
    assert!(shown.contains("[1 积分明细]"), "{shown}");
}

#[test]
fn detail() {
    zh("detail", "<Enter>");
}

#[test]
fn balance() {
    zh("balance", "4<Enter>");
}

#[test]
fn manual_form() {
    zh("manual_form", "n");
}

/// The rule editor on `deal`, its points field focused.
const EDIT_DEAL: &str = "2j<Enter><Tab><Tab><Tab><Tab>";

#[test]
fn rule_editor() {
    zh("rule_editor", EDIT_DEAL);
}

#[test]
fn rule_editor_with_a_problem() {
    zh("rule_editor_problem", &format!("{EDIT_DEAL}<BS><BS>ten"));
}

#[test]
fn rule_date() {
    zh("rule_date", &format!("{EDIT_DEAL}<BS><BS>15<C-s>"));
}

#[test]
fn rule_saved_message() {
    zh(
        "rule_saved",
        &format!("{EDIT_DEAL}<BS><BS>15<C-s><Enter><Enter>"),
    );
}

/// A rule save running on its own thread, held behind another writer's
/// lock so the status line stays put; then `q`'s question.
#[test]
fn background_save() {
    merit::i18n::set(merit::i18n::Lang::ZhCn);
    let (_dir, mut app) = q1_app(80, 24);
    app.background = true;
    let _lock = common::WriteLock::hold(app.store.path());
    keys(
        &mut app,
        "2j<Enter><Tab><Tab><Tab><Tab><BS><BS>15<C-s><Enter><Enter>",
    );
    insta::assert_snapshot!("zh_background_save_80x24", screen(&app));
    keys(&mut app, "q");
    insta::assert_snapshot!("zh_background_save_quit_80x24", screen(&app));
    keys(&mut app, "n");
    assert!(app.quit);
}

#[test]
fn discard() {
    zh("discard", &format!("{EDIT_DEAL}<BS><BS>99<Esc>"));
}

#[test]
fn choose_kind() {
    zh("choose_kind", "2n");
}

#[test]
fn new_rank_rule() {
    zh("new_rank_rule", "2nr");
}

#[test]
fn new_pool_rule() {
    zh("new_pool_rule", "2np");
}

#[test]
fn reward_form() {
    zh("reward_form", "3n");
}

#[test]
fn reward_form_with_problems() {
    zh("reward_form_problems", "3nX Y<Tab><Tab>abc<Enter>");
}

#[test]
fn filter() {
    zh("filter", "/王");
}

#[test]
fn manual_form_with_problems() {
    zh("manual_form_problems", "nzzz<Tab>0.001<Enter>");
}

#[test]
fn approved_message() {
    zh("approved_message", "*ay");
}

#[test]
fn redemption_refused_message() {
    zh("redemption_message", "3ay");
}

/// No English word is left on a Chinese screen: every word of ASCII
/// letters in the zh-CN snapshots is a code, an id or a name from the
/// store (the fixture's data), a key's name, a value one types (such as
/// `month`), or part of a rule's TOML shown as it is written.
#[test]
fn no_english_word_is_left_on_the_chinese_screens() {
    let mut allowed: std::collections::HashSet<String> = [
        // key names
        "space",
        "Enter",
        "Esc",
        "Tab",
        "Ctrl",
        "PgDn",
        "PgUp",
        "Home",
        "End",
        // the program, its file names, SQL-free codes one types
        "merit",
        "db",
        "YYYY",
        "MM",
        "DD",
        "TOML",
        "true",
        "false",
        "yes",
        "month",
        "quarter",
        "year",
        "week",
        "activities",
        "points",
        "reopen",
        "reason",
        // codes: the manual category, rule kinds
        "manual",
        "rank",
        // what these tests type
        "ten",
        "abc",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // The store's own data: names, teams, rule ids and names, categories,
    // rewards and the actor.
    for f in ["members.csv", "activities.csv", "targets.csv"] {
        let text = std::fs::read_to_string(common::fixture("q1").join(f)).unwrap();
        for line in text.lines().skip(1) {
            allowed.extend(words(line));
        }
    }
    let rules = std::fs::read_to_string(common::fixture("q1").join("rules.toml")).unwrap();
    for line in rules.lines() {
        if let Some((_, value)) = line.split_once('=') {
            allowed.extend(words(value));
        }
    }
    allowed.extend(words("礼品卡 Day off gift leave lead GIFT DAY"));

    let mut english = Vec::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !name.starts_with("tui_screens_zh__") || !name.ends_with(".snap") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // The snapshot's body, after insta's header.
        let body = text.splitn(3, "---").nth(2).unwrap_or("");
        for line in body.lines() {
            // A rule's TOML, shown as it is written: keys are the file's.
            let inner = line.trim_matches(|c: char| c == ' ' || c == '|');
            if inner.split_once(" =").is_some_and(|(k, _)| is_toml_key(k)) {
                continue;
            }
            for w in words(line) {
                // A name from the store cut short by a popup's border.
                let cut = allowed
                    .iter()
                    .any(|a| a.len() > w.len() && a.starts_with(&w));
                if !allowed.contains(&w) && !cut {
                    english.push(format!("{name}: {w:?} in {line:?}"));
                }
            }
        }
    }
    assert!(
        english.is_empty(),
        "English on the Chinese screens:\n{}",
        english.join("\n")
    );
}

fn is_toml_key(k: &str) -> bool {
    !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
}

/// The words of `line` that are English-like: two or more ASCII letters
/// only. Tokens holding digits, `_`, `-` or `.` (ids such as D-003,
/// per_event, q1.db) are codes, not words.
fn words(line: &str) -> Vec<String> {
    // A name cut short with `…` is the store's data, not a word.
    let mut kept = String::new();
    for part in line.split('…') {
        if !kept.is_empty() || line.starts_with('…') {
            kept.push(' ');
        }
        kept.push_str(part);
        if line.contains('…') {
            let cut = kept
                .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .len();
            kept.truncate(cut);
        }
    }
    let line = kept.as_str();
    line.split(|c: char| !(c.is_ascii_alphanumeric() || "_-.'/".contains(c)))
        .map(|t| t.trim_matches(|c: char| c == '.' || c == '\'' || c == '/'))
        .filter(|t| t.len() >= 2 && t.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_string)
        .collect()
}

/// After a save from 2026-01-01, the Rules pane reads the new version's
/// window `2026-01-01 起` and the old one's `至 2025-12-31`, in the list
/// and in the history (it once read `2026-01-01 结束 …`).
#[test]
fn rule_windows_read_chinese() {
    zh(
        "rule_history",
        "2j<Enter><Tab><Tab><Tab><Tab><BS><BS>15<C-s><Enter><Enter>",
    );
    merit::i18n::set(merit::i18n::Lang::ZhCn);
    let (_dir, mut app) = q1_app(120, 40);
    keys(
        &mut app,
        "2j<Enter><Tab><Tab><Tab><Tab><BS><BS>15<C-s><Enter><Enter>",
    );
    let shown = screen(&app);
    for window in [
        "performance  2026-01-01 起 ",
        "performance  至 2025-12-31 ",
        "* 2026-01-01 起  lead",
        "* 至 2025-12-31  lead",
    ] {
        assert!(shown.contains(window), "{window}\n{shown}");
    }
    assert!(
        !shown.contains("结束 …") && !shown.contains("… 结束"),
        "{shown}"
    );
}

/// `P` asks in Chinese and publishes a Chinese site (the screen's
/// language), and the status line says so.
#[test]
fn publishing_asks_and_writes_the_screen_s_language() {
    merit::i18n::set(merit::i18n::Lang::ZhCn);
    let (dir, mut app) = common::screen::q1_app_on_file(80, 24);
    keys(&mut app, "4P");
    let text = screen(&app);
    for line in [
        "发布 2026-Q1 的公示网站？",
        "积分：仅已批准（按 i 切换）",
        "语言：中文（与界面相同）",
        "文件夹：",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    keys(&mut app, "y");
    let text = screen(&app);
    assert!(
        text.contains("已发布 2026-Q1（仅已批准积分，中文）：5 页"),
        "{text}"
    );
    let index = std::fs::read_to_string(dir.path().join("published/2026-Q1/index.html")).unwrap();
    assert!(index.contains("lang=\"zh-CN\""), "{index}");
}

/// The Ledger's filter finds a rule by the name the screen shows for it,
/// not only by its id.
#[test]
fn the_filter_finds_a_rule_by_its_shown_name() {
    merit::i18n::set(merit::i18n::Lang::ZhCn);
    let (_dir, mut app) = q1_app(80, 24);
    keys(&mut app, "sss/signed");
    let shown = screen(&app);
    let rows: Vec<&str> = shown.lines().filter(|l| l.contains(" 2026-0")).collect();
    assert!(!rows.is_empty(), "{shown}");
    assert!(rows.iter().all(|l| l.contains("Signed deal")), "{shown}");
    assert!(shown.contains("筛选: signed"), "{shown}");
}

/// A Chinese form takes Chinese words for its coded values (上架 否, 限兑
/// 周期 季) and the store keeps the codes (`false`, `quarter`); it
/// refused 是 (`“是”不是 true 或 false`).
#[test]
fn a_reward_saved_with_chinese_words_keeps_the_codes() {
    merit::i18n::set(merit::i18n::Lang::ZhCn);
    let (_dir, mut app) = q1_app(80, 24);
    // code, name, cost, stock, category, active, limit qty, limit per.
    keys(
        &mut app,
        "3nTEA<Tab>茶<Tab>30<Tab><Tab><Tab><BS>否<Tab>2<Tab>季<Enter>",
    );
    let shown = screen(&app);
    let reward = app
        .store
        .db()
        .rewards()
        .unwrap()
        .into_iter()
        .find(|r| r.code == "TEA")
        .unwrap_or_else(|| panic!("{shown}"));
    assert!(!reward.active, "{shown}");
    let limits = app.store.db().reward_limits("TEA").unwrap();
    assert_eq!(limits.limit_per.map(|k| k.as_str()), Some("quarter"));
    // Edited again, the form shows the words.
    keys(&mut app, "nTEA");
    let shown = screen(&app);
    assert!(shown.contains("上架           否"), "{shown}");
    assert!(shown.contains("季"), "{shown}");
}

/// A Chinese form's problem with a coded value names the words it takes
/// (it said `“是的”不是 true 或 false`, `需要同时填写 limit_qty`).
#[test]
fn a_reward_forms_problem_is_said_in_its_own_words() {
    merit::i18n::set(merit::i18n::Lang::ZhCn);
    let (_dir, mut app) = q1_app(80, 24);
    keys(
        &mut app,
        "3nTEA<Tab>茶<Tab>30<Tab><Tab><Tab><BS>是的<Tab><Tab>年份<Enter>",
    );
    let shown = screen(&app);
    assert!(shown.contains("“是的”不是 是 或 否"), "{shown}");
    assert!(shown.contains("“年份”不是 月、季 或 年"), "{shown}");
    assert!(!shown.contains("true 或 false"), "{shown}");
}
