//! `merit completions SHELL` and `merit man` (issue 40): generated from
//! the command line's own definitions, with no store needed.

mod common;
use common::Sandbox;

#[test]
fn completions_for_each_shell_name_the_commands() {
    let s = Sandbox::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = s.ok(&["completions", shell]);
        for command in ["recalc", "standings", "redemptions"] {
            assert!(out.contains(command), "{shell}: no {command}");
        }
    }
    assert!(!s.db().exists(), "no store is made");
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let s = Sandbox::new();
    let o = s.merit().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert!(String::from_utf8_lossy(&o.stderr).contains("tcsh"));
    s.merit().args(["completions"]).assert().code(2);
}

#[test]
fn the_man_page_is_roff_from_the_same_definitions() {
    let s = Sandbox::new();
    let page = s.ok(&["man"]);
    assert!(page.lines().any(|l| l.starts_with(".TH merit 1")), "{page}");
    assert!(page.contains(".SH NAME"), "{page}");
    assert!(
        page.contains("recalc") && page.contains("completions"),
        "{page}"
    );
    assert!(!s.db().exists(), "no store is made");
}
