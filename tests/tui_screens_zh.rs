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
