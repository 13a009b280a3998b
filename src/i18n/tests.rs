use super::*;

/// Every string of the screen written through `tr`/`trf` (and every
/// keymap word) in the sources has its Chinese in the catalogue.
#[test]
fn no_string_of_the_screen_is_missing_from_the_chinese_catalogue() {
    let cat = zh_catalogue();
    let mut missing = Vec::new();
    for (file, text) in [
        ("src/tui/strings.rs", include_str!("../tui/strings.rs")),
        ("src/tui/keymap.rs", include_str!("../tui/keymap.rs")),
        (
            "src/tui/panes/rules.rs",
            include_str!("../tui/panes/rules.rs"),
        ),
        (
            "src/tui/panes/catalog.rs",
            include_str!("../tui/panes/catalog.rs"),
        ),
    ] {
        for lit in literals(text) {
            if !cat.contains_key(&lit) {
                missing.push(format!("{file}: {lit:?}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "missing from zh-CN.toml:\n{}",
        missing.join("\n")
    );
}

/// Every label and hint of the forms has its Chinese.
#[test]
fn every_form_label_and_hint_is_in_the_chinese_catalogue() {
    let cat = zh_catalogue();
    let words = crate::tui::popups::rule_fields::words()
        .into_iter()
        .chain(crate::tui::popups::reward_form::words())
        .chain(crate::tui::popups::manual_form::FIELDS);
    let missing: Vec<&str> = words.filter(|w| !cat.contains_key(*w)).collect();
    assert!(missing.is_empty(), "missing from zh-CN.toml: {missing:?}");
}

/// Both catalogues are valid TOML (a repeated key would empty one).
#[test]
fn the_catalogues_parse() {
    toml::from_str::<toml::Table>(ZH_CN).expect("zh-CN.toml");
    toml::from_str::<toml::Table>(include_str!("../../assets/i18n/zh-CN.patterns.toml"))
        .expect("zh-CN.patterns.toml");
}

/// The string literals passed to `tr(` or `trf(`, and those of the
/// keymap's labels (its `b(` entries).
fn literals(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    // The keymap's entries `b(scope, keys, label, help, action, footer)`:
    // the help and the footer word (the label is a key's name).
    if let Some(start) = src.find("pub const BINDINGS") {
        let table = &src[start..src[start..].find("\n];").map_or(src.len(), |e| start + e)];
        for entry in table.split("b(").skip(1) {
            let strings = string_literals(entry);
            out.extend(strings.into_iter().skip(1).filter(|s| !s.is_empty()));
        }
    }
    for call in ["tr(\"", "trf(\"", "tr_in(lang, \""] {
        let mut rest = src;
        while let Some(i) = rest.find(call) {
            rest = &rest[i + call.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("\\\"", "\""));
            }
        }
    }
    out
}

/// The string literals of `src`, in order.
fn string_literals(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = src.chars();
    while let Some(c) = chars.next() {
        if c == '"' {
            let mut lit = String::new();
            let mut escaped = false;
            for c in chars.by_ref() {
                if escaped {
                    lit.push(c);
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    break;
                } else {
                    lit.push(c);
                }
            }
            out.push(lit);
        }
    }
    out
}

#[test]
fn the_locale_picks_the_language() {
    assert_eq!(Lang::of_locale("zh_CN.UTF-8"), Lang::ZhCn);
    assert_eq!(
        Lang::of_locale("zh_TW.UTF-8"),
        Lang::ZhCn,
        "no Traditional catalogue yet"
    );
    assert_eq!(Lang::of_locale("en_US.UTF-8"), Lang::En);
    assert_eq!(Lang::of_locale("C"), Lang::En);
    assert_eq!(tr_in(Lang::ZhCn, "Leaders"), "积分榜");
    assert_eq!(tr_in(Lang::En, "Leaders"), "Leaders");
}

/// Each problem `verify` can name, as it writes them, is Chinese through
/// and through (those a shell edit makes are tested end to end in
/// `tests/tamper.rs`; these are the ones no simple edit reaches).
#[test]
fn every_problem_verify_names_is_said_in_chinese() {
    let lines = [
        "ledger entry 7: entries 3 to 6 before it are missing (removed?)",
        "ledger entry 7: entry 6 before it is missing (removed?)",
        "ledger entry 7: out of order after entry 9",
        "ledger entry 7: has no hash: it was not written by merit (inserted?)",
        "ledger entry 7: an entry of unknown kind 'x'",
        "ledger entry 7: the redemption spent 20 of ZW's points on 2026-03-01, when 12 were spendable (points past their last day spent?)",
        "ledger entry 7: the redemption overdrew ZW's balance (to -8)",
        "ledger entry 7: the expiry took ZW's balance below 0 (to -8): points were spent after their last day",
        "ledger entry 7: ZW's balance after it should be 30, the entry says nothing",
        "ledger entry 8: missing; the ledger ends at entry 7 (removed?)",
        "ledger entry 7: the chain has no recorded head (entries written outside merit?)",
        "ledger entry 7: the chain's recorded head does not match the last entry (changed?)",
        "audit entry 7: has no hash: it was not written by merit (inserted?)",
        "audit entry 7: entries 3 to 6 before it are missing (removed?)",
        "audit entry 8: missing; the audit log ends at entry 7 (removed?)",
        "audit entry 7: the audit log's recorded head does not match its last entry (changed?)",
        "member ZW: the recorded balance is nothing, the ledger comes to 30 after entry 7 (changed?)",
        "member ZW: the pending points kept for 2026-03 are 5, the awards come to 0 (changed behind merit's back?)",
        "award 3: its decision (rejected by lead at 2026-03-01 09:00:00) is not the one the audit log records (no decision): changed behind merit's back",
        "… and 4 more problems",
        "… and 84 more balances that went below 0",
        "the store kept changing while verify read it; run verify again when it is quiet",
        "verify's audit walk failed",
        "restore it from a backup; nothing else was checked",
        "checkpoint /c/d is of another store (s1)",
        "checkpoint /c/d: its seal does not verify with this key (forged?)",
        "the local checkpoint (/c/d): its seal does not verify with this key (forged?)",
        "/c/d: holds no merit checkpoint",
        "the audit log has 5 entries; checkpoint /c/d of 2026-12-01 sealed 6 (shortened, or an older copy of the store put back?)",
        "the ledger diverges from the local checkpoint (/c/d) of 2026-12-01 at or before entry 6 (rewritten?)",
        "the audit log (entries 5) is not the one sealed on 2026-12-01 09:00:00 (6 entries): changed behind merit's back",
        "the ledger (entries 5) is not the one sealed on 2026-12-01 09:00:00 (6 entries): changed behind merit's back",
    ];
    const NAMES: [&str; 5] = ["merit", "verify", "MERIT", "KEY", "lead"];
    let mut english = Vec::new();
    for line in lines {
        let zh = patterns::render_in(Lang::ZhCn, line);
        let left: Vec<&str> = zh
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() > 1 && !NAMES.contains(w) && *w != "ZW")
            .collect();
        if !left.is_empty() {
            english.push(format!("{line}\n  → {zh}"));
        }
    }
    assert!(
        english.is_empty(),
        "said in English:\n{}",
        english.join("\n")
    );
    assert_eq!(
        patterns::render_in(
            Lang::ZhCn,
            "ledger entry 7: entries 3 to 6 before it are missing (removed?)"
        ),
        "流水 7：它之前的第 3 至 6 条缺失（被删除？）"
    );
}
