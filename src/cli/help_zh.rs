//! `merit --help` in Chinese (issue 19, 40): clap's help strings, written
//! in English as doc comments on the command line's types, are messages of
//! the catalogue (`assets/i18n/*/help.ftl`): each is found from its
//! English by id and replaced by that id's Chinese, with clap's own words
//! ("Usage", "Options", "Commands"; `help-clap-…`) in Chinese too. A test
//! fails when a help string has no message.

use crate::i18n::{Lang, catalogue, t_args_in, t_in};
use clap::Command;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The id of the help message (`assets/i18n/en/help.ftl`) whose English
/// is `en`, the doc comment clap has; the map is built once from the
/// English file.
fn id_of(en: &str) -> Option<&'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        catalogue::FILES
            .iter()
            .filter(|(name, _, _)| *name == "help")
            .flat_map(|(_, en, _)| catalogue::ids(en))
            .map(|id| {
                let id: &'static str = Box::leak(id.into_boxed_str());
                (t_in(Lang::En, id), id)
            })
            .collect()
    })
    .get(en.trim())
    .copied()
}

/// A help text in Chinese, by its English; one without a message stays.
fn zh(en: &str) -> String {
    id_of(en).map_or_else(|| en.to_string(), |id| t_in(Lang::ZhCn, id).to_string())
}

/// One of clap's own words in Chinese (`help-clap-…`).
fn clap_zh(id: &str) -> &'static str {
    t_in(Lang::ZhCn, id)
}

static ASKED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Notes that the Chinese help was asked for (`--lang zh-CN` or the
/// locale), before `--lang` is applied: clap's errors are then Chinese.
pub fn ask() {
    ASKED.store(true, std::sync::atomic::Ordering::Relaxed);
}

pub fn asked() -> bool {
    ASKED.load(std::sync::atomic::Ordering::Relaxed)
}

/// `cmd` with every help text in Chinese.
pub fn localize(cmd: Command) -> Command {
    let template = format!(
        "{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}",
        clap_zh("help-clap-usage")
    );
    let mut cmd = cmd
        .help_template(template)
        .subcommand_help_heading(clap_zh("help-clap-commands"))
        .next_help_heading(clap_zh("help-clap-options"))
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help(clap_zh("help-clap-help"))
                .global(true),
        );
    if let Some(a) = cmd.get_about().map(|a| a.to_string()) {
        cmd = cmd.about(zh(&a));
    }
    if let Some(a) = cmd.get_long_about().map(|a| a.to_string()) {
        cmd = cmd.long_about(zh(&a));
    }
    if let Some(a) = cmd.get_after_help().map(|a| a.to_string()) {
        cmd = cmd.after_help(zh(&a));
    }
    cmd = cmd.mut_args(localize_arg);
    if cmd.get_version().is_some() {
        cmd = cmd.disable_version_flag(true).arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(clap_zh("help-clap-version")),
        );
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let top = cmd.get_name() == "merit";
    for name in names {
        cmd = cmd.mut_subcommand(name, |s| localize(s.disable_help_flag(false)));
    }
    if top && cmd.get_subcommands().next().is_some() {
        // `merit help [COMMAND]`, as clap gives it in English.
        cmd = cmd.subcommand(
            Command::new("help")
                .about(clap_zh("help-clap-help-command"))
                .arg(
                    clap::Arg::new("command")
                        .num_args(0..)
                        .value_name("COMMAND"),
                ),
        );
    }
    if top {
        cmd.build();
        cmd = usage_in_chinese(cmd);
    }
    cmd
}

/// `cmd` (built: its subcommands know their full names) and its
/// subcommands with clap's usage lines worded in Chinese: `[选项]` for
/// `[OPTIONS]`, `[命令]`/`<命令>` for `[COMMAND]`/`<COMMAND>`. The
/// arguments' own names (`<PERIOD>`) stay as they are typed.
fn usage_in_chinese(mut cmd: Command) -> Command {
    let usage = cmd.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
    // clap lines up a second usage under the first, after "Usage: ".
    let usage = usage
        .replace("\n       ", "\n")
        .replace(
            "[OPTIONS]",
            &format!("[{}]", clap_zh("help-clap-usage-options")),
        )
        .replace(
            "[COMMAND]",
            &format!("[{}]", clap_zh("help-clap-usage-command")),
        )
        .replace(
            "<COMMAND>",
            &format!("<{}>", clap_zh("help-clap-usage-command")),
        );
    let mut cmd = cmd.override_usage(usage);
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, usage_in_chinese);
    }
    cmd
}

/// One argument with its help in Chinese, clap's own notes ("[default:
/// …]", "[possible values: …]", "[env: …]") said in Chinese after it, and
/// its heading: 参数 for a positional one, else 选项.
fn localize_arg(a: clap::Arg) -> clap::Arg {
    // clap's own "[default: …]", "[possible values: …]" and "[env: …]"
    // said in Chinese after the help.
    let mut notes = Vec::new();
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() {
        notes.push(t_args_in(
            Lang::ZhCn,
            "help-clap-default",
            &[("values", defaults.join(", ").into())],
        ));
    }
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && a.get_action().takes_values() {
        notes.push(t_args_in(
            Lang::ZhCn,
            "help-clap-possible",
            &[(
                "values",
                values.join(clap_zh("help-clap-list-separator")).into(),
            )],
        ));
    }
    if let Some(env) = a.get_env() {
        notes.push(t_args_in(
            Lang::ZhCn,
            "help-clap-env",
            &[("var", env.to_string_lossy().into_owned().into())],
        ));
    }
    let notes_zh = || {
        let notes = notes.join(clap_zh("help-clap-notes-separator"));
        t_args_in(Lang::ZhCn, "help-clap-notes", &[("notes", notes.into())])
    };
    let with_notes = |h: String| {
        if notes.is_empty() {
            h
        } else if h.is_empty() {
            notes_zh()
        } else {
            format!("{h}{}", notes_zh())
        }
    };
    let help = with_notes(a.get_help().map(|h| zh(&h.to_string())).unwrap_or_default());
    let long = a.get_long_help().map(|h| with_notes(zh(&h.to_string())));
    let positional = a.is_positional();
    let takes = a.get_action().takes_values();
    let mut a = a.hide_env(true);
    if takes {
        a = a.hide_default_value(true).hide_possible_values(true);
    }
    a = a.help_heading(clap_zh(if positional {
        "help-clap-arguments"
    } else {
        "help-clap-options"
    }));
    if !help.is_empty() {
        a = a.help(help);
    }
    match long {
        Some(h) => a.long_help(h),
        None => a,
    }
}

/// Every help text of `cmd` and its subcommands, in English.
pub fn texts(cmd: &Command) -> Vec<String> {
    let mut out = Vec::new();
    for t in [cmd.get_about(), cmd.get_long_about(), cmd.get_after_help()]
        .into_iter()
        .flatten()
    {
        out.push(t.to_string().trim().to_string());
    }
    for a in cmd.get_arguments() {
        for t in [a.get_help(), a.get_long_help()].into_iter().flatten() {
            out.push(t.to_string().trim().to_string());
        }
    }
    for s in cmd.get_subcommands() {
        out.extend(texts(s));
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// The Chinese command line is a valid clap command (clap's own
    /// checks), and its help has no English heading.
    #[test]
    fn the_chinese_help_builds_and_reads_chinese() {
        let cmd = localize(super::super::Cli::command());
        cmd.clone().debug_assert();
        let help = cmd.clone().render_help().to_string();
        for english in [
            "Usage",
            "Options",
            "Commands",
            "Print help",
            "possible values",
        ] {
            assert!(!help.contains(english), "{english} in\n{help}");
        }
        assert!(help.contains("用法") && help.contains("命令") && help.contains("选项"));
        let mut standings = cmd.find_subcommand("standings").unwrap().clone();
        let help = standings.render_help().to_string();
        assert!(help.contains("可选：table、csv、json"), "{help}");
    }

    #[test]
    fn every_help_text_has_its_chinese() {
        let missing: Vec<String> = texts(&super::super::Cli::command())
            .into_iter()
            .filter(|t| id_of(t).is_none())
            .collect();
        assert!(
            missing.is_empty(),
            "missing from assets/i18n/en/help.ftl:\n{}",
            missing.join("\n")
        );
    }
}
