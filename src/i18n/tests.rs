use super::*;

/// Every id the screen's sources (and the keymap) name is a message of
/// the catalogue.
#[test]
fn no_string_of_the_screen_is_missing_from_the_catalogue() {
    let mut missing = Vec::new();
    for (file, text) in [
        ("src/tui/strings.rs", include_str!("../tui/strings.rs")),
        (
            "src/tui/strings/catalog.rs",
            include_str!("../tui/strings/catalog.rs"),
        ),
        (
            "src/tui/strings/decisions.rs",
            include_str!("../tui/strings/decisions.rs"),
        ),
        (
            "src/tui/strings/ledger.rs",
            include_str!("../tui/strings/ledger.rs"),
        ),
        (
            "src/tui/strings/rankings.rs",
            include_str!("../tui/strings/rankings.rs"),
        ),
        (
            "src/tui/strings/rules.rs",
            include_str!("../tui/strings/rules.rs"),
        ),
        (
            "src/tui/strings/screen.rs",
            include_str!("../tui/strings/screen.rs"),
        ),
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
        for id in ids_used(text) {
            if !english_ids().contains(&id) {
                missing.push(format!("{file}: no message {id}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "missing from assets/i18n/*/screen.ftl:\n{}",
        missing.join("\n")
    );
}

/// Every label and hint of the forms (catalogue ids) has its message.
#[test]
fn every_form_label_and_hint_is_in_the_catalogue() {
    let ids = english_ids();
    let words = crate::tui::popups::rule_fields::words()
        .into_iter()
        .chain(crate::tui::popups::reward_form::words())
        .chain(crate::tui::popups::manual_form::FIELDS);
    let missing: Vec<&str> = words.filter(|w| !ids.contains(*w)).collect();
    assert!(missing.is_empty(), "missing from screen.ftl: {missing:?}");
}

/// The variables a message of `ftl` uses, by id.
pub(super) fn variables(
    ftl: &str,
) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    use fluent_syntax::ast;
    fn walk_pattern(p: &ast::Pattern<&str>, out: &mut std::collections::BTreeSet<String>) {
        for e in &p.elements {
            if let ast::PatternElement::Placeable { expression } = e {
                walk_expr(expression, out);
            }
        }
    }
    fn walk_inline(e: &ast::InlineExpression<&str>, out: &mut std::collections::BTreeSet<String>) {
        match e {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_string());
            }
            ast::InlineExpression::Placeable { expression } => walk_expr(expression, out),
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    walk_inline(a, out);
                }
            }
            _ => {}
        }
    }
    fn walk_expr(e: &ast::Expression<&str>, out: &mut std::collections::BTreeSet<String>) {
        match e {
            ast::Expression::Inline(i) => walk_inline(i, out),
            ast::Expression::Select { selector, variants } => {
                walk_inline(selector, out);
                for v in variants {
                    walk_pattern(&v.value, out);
                }
            }
        }
    }
    let resource = fluent_syntax::parser::parse(ftl).expect("a catalogue file parses");
    let mut out = std::collections::BTreeMap::new();
    for entry in &resource.body {
        if let ast::Entry::Message(m) = entry {
            let mut vars = std::collections::BTreeSet::new();
            if let Some(v) = &m.value {
                walk_pattern(v, &mut vars);
            }
            let before = out.insert(m.id.name.to_string(), vars);
            assert!(before.is_none(), "{} is defined twice", m.id.name);
        }
    }
    out
}

/// Both languages define the same ids, each with the same arguments, and
/// every file parses whole.
#[test]
fn both_languages_have_every_id_with_the_same_arguments() {
    let mut problems = Vec::new();
    let mut all = std::collections::BTreeSet::new();
    for (name, en, zh) in catalogue::FILES {
        for (lang, text) in [("en", en), ("zh-CN", zh)] {
            if let Err((_, errs)) = fluent_syntax::parser::parse(*text) {
                problems.push(format!("{lang}/{name}.ftl: {errs:?}"));
            }
        }
        let (en, zh) = (variables(en), variables(zh));
        for (id, vars) in &en {
            if !all.insert(id.clone()) {
                problems.push(format!("{id}: in two files"));
            }
            match zh.get(id) {
                None => problems.push(format!("zh-CN/{name}.ftl: {id} is missing")),
                Some(z) if z != vars => problems.push(format!(
                    "{name}.ftl: {id}: English uses {vars:?}, Chinese {z:?}"
                )),
                Some(_) => {}
            }
        }
        for id in zh.keys().filter(|id| !en.contains_key(*id)) {
            problems.push(format!("en/{name}.ftl: {id} is missing"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn plurals_come_from_the_selectors_and_no_isolation_marks() {
    assert_eq!(t_in(Lang::ZhCn, "leaders"), "积分榜");
    assert_eq!(t_in(Lang::En, "leaders"), "Leaders");
    let one = t_args_in(
        Lang::En,
        "approved-2",
        &[("count", 1.into()), ("points", "5".into())],
    );
    assert_eq!(one, "approved 1 award, 5 points");
    let two = t_args_in(
        Lang::En,
        "approved-2",
        &[("count", 2.into()), ("points", "9".into())],
    );
    assert_eq!(two, "approved 2 awards, 9 points");
    let zh = t_args_in(
        Lang::ZhCn,
        "approved-2",
        &[("count", 1.into()), ("points", "5".into())],
    );
    assert_eq!(zh, "已批准 1 条积分，共 5 分");
    let s = t_args_in(Lang::En, "no-such-id", &[("n", Arg::from(1))]);
    assert_eq!(s, "no-such-id");
    for lang in [Lang::En, Lang::ZhCn] {
        for (_, en, _) in catalogue::FILES {
            for id in catalogue::ids(en) {
                let s = t_in(lang, &id);
                assert!(
                    !s.chars().any(|c| ('\u{2066}'..='\u{2069}').contains(&c)),
                    "{id}: isolation marks"
                );
            }
        }
    }
}

/// Every id the English catalogue defines.
pub(super) fn english_ids() -> std::collections::HashSet<String> {
    catalogue::FILES
        .iter()
        .flat_map(|(_, en, _)| catalogue::ids(en))
        .collect()
}

/// The ids the source passes to `t(`, `t_in(lang, ` and `t!(`, and those
/// of the keymap (its `b(` entries' help and footer).
fn ids_used(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    // The keymap's entries `b(scope, keys, label, help, action, footer)`:
    // the help and the footer (the label is a key's name).
    if let Some(start) = src.find("pub const BINDINGS") {
        let table = &src[start..src[start..].find("\n];").map_or(src.len(), |e| start + e)];
        for entry in table.split("b(").skip(1) {
            let strings = string_literals(entry);
            out.extend(strings.into_iter().skip(1).filter(|s| !s.is_empty()));
        }
    }
    for call in ["t(\"", "t_in(lang, \"", "t!(\""] {
        let mut rest = src;
        while let Some(i) = rest.find(call) {
            let before = rest[..i].chars().next_back();
            rest = &rest[i + call.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].to_string());
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
}

/// The screen's sentences built with selectors read as they did when
/// the code wrote each language itself.
#[test]
fn selectors_say_what_the_code_said() {
    let say = |lang, id: &str, args: &[(&str, Arg<'_>)]| t_args_in(lang, id, args);
    let n = |n: usize| ("n", Arg::from(n));
    assert_eq!(
        say(Lang::En, "members-points-change", &[n(0)]),
        "no member's points change"
    );
    assert_eq!(
        say(Lang::En, "members-points-change", &[n(1)]),
        "1 member's points change"
    );
    assert_eq!(
        say(Lang::En, "members-points-change", &[n(2)]),
        "2 members' points change"
    );
    assert_eq!(
        say(Lang::ZhCn, "members-points-change", &[n(0)]),
        "没有成员的积分变化"
    );
    assert_eq!(
        say(Lang::ZhCn, "members-points-change", &[n(1)]),
        "1 名成员的积分变化"
    );
    assert_eq!(
        say(Lang::En, "earlier-entries", &[n(1)]),
        "  … 1 earlier entry"
    );
    assert_eq!(say(Lang::En, "rows", &[n(3)]), "3 rows");
    assert_eq!(t_in(Lang::En, "list-separator"), ", ");
    assert_eq!(t_in(Lang::ZhCn, "list-separator"), "，");
    assert_eq!(t_in(Lang::ZhCn, "period-list-separator"), "、");
    let version = |lang, off: &str, saved: bool| {
        let mut args = vec![
            ("window", Arg::from("always")),
            ("off", Arg::from(off)),
            ("at", Arg::from("2026-04-01 09:00")),
            ("by", Arg::from("lead")),
        ];
        if saved {
            args.push(("saved_at", Arg::from("2026-03-31 09:00")));
            args.push(("saved_by", Arg::from("admin")));
            say(lang, "replaced-version-saved", &args)
        } else {
            say(lang, "replaced-version", &args)
        }
    };
    assert_eq!(
        version(Lang::En, "off", true),
        "  - always, off  replaced 2026-04-01 09:00 by lead;  saved 2026-03-31 09:00 by admin"
    );
    assert_eq!(
        version(Lang::En, "on", false),
        "  - always  replaced 2026-04-01 09:00 by lead;"
    );
    assert_eq!(
        version(Lang::ZhCn, "off", true),
        "  - always，停用  lead 替换于 2026-04-01 09:00；admin 保存于 2026-03-31 09:00"
    );
    assert_eq!(
        version(Lang::ZhCn, "on", false),
        "  - always  lead 替换于 2026-04-01 09:00；"
    );
    let toggle = |lang, on: &str| {
        say(
            lang,
            "toggle-question",
            &[("id", "deal".into()), ("on", on.into())],
        )
    };
    assert_eq!(toggle(Lang::En, "off"), "Turn 'deal' off from:");
    assert_eq!(toggle(Lang::ZhCn, "on"), "启用「deal」，自哪天起：");
    let plan = say(
        Lang::En,
        "save-plan",
        &[("counts", "3 changed".into()), ("members", 1.into())],
    );
    assert_eq!(
        plan,
        "saving will make 3 changed (1 member's points change)"
    );
}

/// Every action merit writes to the audit log is said in Chinese (and
/// the English as stored); subjects name their kind in Chinese, the id
/// as stored; a word merit does not know is shown as stored.
#[test]
fn the_audit_log_s_actions_and_subjects_are_said_in_chinese() {
    for stored in audit::ACTIONS {
        assert_eq!(audit::action_in(Lang::En, stored), *stored);
        let zh = audit::action_in(Lang::ZhCn, stored);
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{stored}: {zh}"
        );
    }
    assert_eq!(audit::action_in(Lang::ZhCn, "recalc"), "重算");
    assert_eq!(
        audit::action_in(Lang::ZhCn, "something new"),
        "something new"
    );
    assert_eq!(audit::subject_in(Lang::ZhCn, "award 12"), "积分 12");
    assert_eq!(audit::subject_in(Lang::ZhCn, "redemption 3"), "兑换申请 3");
    assert_eq!(
        audit::subject_in(Lang::ZhCn, "period 2026-03"),
        "周期 2026-03"
    );
    assert_eq!(audit::subject_in(Lang::En, "award 12"), "award 12");
    assert_eq!(audit::subject_in(Lang::ZhCn, "rule deal"), "rule deal");
}

/// Every `msg!("id", name = …)` the core (and this crate) makes names a
/// message of the catalogue with exactly those arguments, so a message
/// the core sends is never shown as its id.
#[test]
fn every_message_the_core_makes_is_in_the_catalogue_with_its_arguments() {
    let mut defined = std::collections::BTreeMap::new();
    for (_, en, _) in catalogue::FILES {
        defined.extend(variables(en));
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems = Vec::new();
    let mut seen = 0;
    for dir in ["crates/merit-core/src", "src"] {
        for (file, src) in rust_files(&root.join(dir)) {
            if file.ends_with("i18n/tests.rs") {
                continue;
            }
            for (id, args) in messages_made(&src) {
                seen += 1;
                match defined.get(&id) {
                    None => problems.push(format!("{file}: no message {id}")),
                    Some(vars) if *vars != args => problems.push(format!(
                        "{file}: {id} is made with {args:?}, the catalogue uses {vars:?}"
                    )),
                    Some(_) => {}
                }
            }
        }
    }
    assert!(seen > 0, "no msg! found: the scan is broken");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The `.rs` files under `dir`, with their text.
fn rust_files(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).expect("a source folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a source file");
                out.push((path.display().to_string(), text));
            }
        }
    }
    out
}

/// The id and argument names of every `msg!(` in `src` (the macro's own
/// definition and doc examples aside).
fn messages_made(src: &str) -> Vec<(String, std::collections::BTreeSet<String>)> {
    let mut out = Vec::new();
    let mut rest = src;
    while let Some(i) = rest.find("msg!(") {
        let before = rest[..i].chars().next_back();
        rest = rest[i + "msg!(".len()..].trim_start();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '`') {
            continue;
        }
        let Some(after) = rest.strip_prefix('"') else {
            continue;
        };
        rest = after;
        let Some(end) = rest.find('"') else { break };
        let id = rest[..end].to_string();
        // The arguments: `name =` at the call's own depth.
        let mut args = std::collections::BTreeSet::new();
        let (mut depth, mut in_str, mut escaped) = (0i32, false, false);
        let body = &rest[end + 1..];
        let mut last_comma = Some(0usize);
        for (at, c) in body.char_indices() {
            if in_str {
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => in_str = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_str = true,
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth == 0 => break,
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => last_comma = Some(at + 1),
                '=' if depth == 0 => {
                    if let Some(from) = last_comma.take() {
                        let name = body[from..at].trim();
                        if !name.is_empty()
                            && body[at + 1..].starts_with(|c: char| c != '=' && c != '>')
                        {
                            args.insert(name.to_string());
                        }
                    }
                }
                _ => {}
            }
        }
        out.push((id, args));
    }
    out
}
