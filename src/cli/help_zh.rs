//! `merit --help` in Chinese (issue 19): clap's help strings, written in
//! English as doc comments on the command line's types, are looked up in
//! the catalogue's `[help]` table by their English and replaced, with
//! clap's own headings ("Usage", "Options", "Commands") in Chinese too.
//! A test fails when a help string has no Chinese.

use clap::Command;

/// The Chinese of the help texts, by their English.
fn help_table() -> &'static std::collections::HashMap<String, String> {
    static T: std::sync::OnceLock<std::collections::HashMap<String, String>> =
        std::sync::OnceLock::new();
    T.get_or_init(|| {
        let table: toml::Table = include_str!("../../assets/i18n/zh-CN.help.toml")
            .parse()
            .unwrap_or_default();
        table
            .into_iter()
            .filter_map(|(k, v)| Some((k, v.as_str()?.to_string())))
            .chain(MORE.iter().map(|(en, zh)| (en.to_string(), zh.to_string())))
            .collect()
    })
}

/// The Chinese of the help texts of `merit completions` and `merit man`
/// (issue 40), kept beside the command line until they join the
/// catalogue's `[help]` table (assets/i18n/zh-CN.help.toml).
const MORE: &[(&str, &str)] = &[
    (
        "Print the shell completion script for SHELL (bash, zsh, fish, powershell or elvish)",
        "打印 SHELL 的命令补全脚本（bash、zsh、fish、powershell 或 elvish）",
    ),
    (
        "Print merit's man page (roff), e.g. `merit man > merit.1`",
        "打印 merit 的 man 手册页（roff 格式），如 `merit man > merit.1`",
    ),
];

fn zh(en: &str) -> String {
    help_table()
        .get(en.trim())
        .cloned()
        .unwrap_or_else(|| en.to_string())
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

const TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// `cmd` with every help text in Chinese.
pub fn localize(cmd: Command) -> Command {
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .next_help_heading("选项")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help("显示帮助")
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
                .help("显示版本"),
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
                .about("显示此帮助，或给定命令的帮助")
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
        .replace("[OPTIONS]", "[选项]")
        .replace("[COMMAND]", "[命令]")
        .replace("<COMMAND>", "<命令>");
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
        notes.push(format!("默认：{}", defaults.join(", ")));
    }
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && a.get_action().takes_values() {
        notes.push(format!("可选：{}", values.join("、")));
    }
    if let Some(env) = a.get_env() {
        notes.push(format!("环境变量：{}", env.to_string_lossy()));
    }
    let with_notes = |h: String| {
        if notes.is_empty() {
            h
        } else if h.is_empty() {
            format!("（{}）", notes.join("；"))
        } else {
            format!("{h}（{}）", notes.join("；"))
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
    a = a.help_heading(if positional { "参数" } else { "选项" });
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
            .filter(|t| !help_table().contains_key(t))
            .collect();
        assert!(
            missing.is_empty(),
            "missing from zh-CN.help.toml:\n{}",
            missing.join("\n")
        );
    }
}
