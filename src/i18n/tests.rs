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
