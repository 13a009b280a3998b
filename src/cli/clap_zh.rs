//! clap's errors in the language of the command line (issue 40): the
//! common kinds — a missing subcommand or required argument, an unknown
//! argument or subcommand, an invalid or missing value, an argument used
//! twice or with one it conflicts with — worded from the catalogue
//! (`help-clap-error-…` in `assets/i18n/*/help.ftl`) with what clap found
//! (the names, values, suggestions and usage line it reports). The English
//! command line prints clap's own text, which the English messages match;
//! a kind not worded here is rendered by clap. Exit codes are clap's.

use crate::i18n::{Lang, t_args_in, t_in};
use clap::error::{ContextKind, ContextValue, ErrorKind};

/// `e` as the command line says it in `lang`, ending in a newline.
pub fn render_in(lang: Lang, e: &clap::Error) -> String {
    match worded(lang, e) {
        Some(text) => text,
        // A kind not worded here: clap's own text.
        None => e.render().to_string(),
    }
}

/// One of clap's suggestions as a tip in `lang`: the one it gives for a
/// value that starts with `-` (`to pass '-x' as a value, use '-- -x'`)
/// with its two parts, any other as clap words it.
fn suggested(lang: Lang, tip: &str) -> String {
    let pass = tip
        .strip_prefix("to pass '")
        .and_then(|t| t.strip_suffix('\''))
        .and_then(|t| t.split_once("' as a value, use '"));
    match pass {
        Some((arg, with)) => t_args_in(
            lang,
            "help-clap-error-pass-as-value",
            &[("arg", arg.into()), ("use", with.into())],
        ),
        None => t_args_in(lang, "help-clap-error-tip", &[("tip", tip.into())]),
    }
}

/// One context value as text.
fn text(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        _ => None,
    }
}

/// A context value that is a list (or one text) as its items.
fn list(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(ToString::to_string).collect(),
        _ => Vec::new(),
    }
}

/// A message of the catalogue with text arguments, in `lang`.
fn say(lang: Lang, id: &str, args: &[(&str, String)]) -> String {
    let args: Vec<(&str, crate::i18n::Arg<'_>)> =
        args.iter().map(|(k, v)| (*k, v.as_str().into())).collect();
    t_args_in(lang, id, &args)
}

/// `values` joined as the language lists them.
fn joined(lang: Lang, values: &[String]) -> String {
    values.join(t_in(lang, "help-clap-error-list-separator"))
}

/// The error's text for a kind worded here; `None` for the others.
fn worded(lang: Lang, e: &clap::Error) -> Option<String> {
    let mut head = head_lines(lang, e)?;
    let first = say(lang, "help-clap-error", &[("message", head.remove(0))]);
    let mut out = std::iter::once(first)
        .chain(head)
        .collect::<Vec<_>>()
        .join("\n");
    let tips = tips(lang, e);
    if !tips.is_empty() {
        out.push('\n');
        for tip in tips {
            out.push_str(&format!("\n  {tip}"));
        }
    }
    if let Some(usage) = text(e, ContextKind::Usage) {
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage).to_string();
        out.push_str("\n\n");
        out.push_str(&say(lang, "help-clap-error-usage", &[("usage", usage)]));
    }
    out.push_str("\n\n");
    out.push_str(&say(
        lang,
        "help-clap-error-more",
        &[("flag", "--help".to_string())],
    ));
    out.push('\n');
    Some(out)
}

/// What went wrong, first line first, for the kinds worded here.
fn head_lines(lang: Lang, e: &clap::Error) -> Option<Vec<String>> {
    let say = |id: &str, args: &[(&str, String)]| say(lang, id, args);
    let mut head = Vec::new();
    match e.kind() {
        ErrorKind::MissingSubcommand => {
            let command = text(e, ContextKind::InvalidSubcommand)?;
            head.push(say(
                "help-clap-error-missing-subcommand",
                &[("command", command)],
            ));
            head.extend(listed(
                lang,
                e,
                ContextKind::ValidSubcommand,
                "help-clap-error-subcommands",
            ));
        }
        ErrorKind::MissingRequiredArgument => {
            let args = list(e, ContextKind::InvalidArg);
            if args.is_empty() {
                return None;
            }
            head.push(t_in(lang, "help-clap-error-missing-arguments").to_string());
            head.extend(args.iter().map(|a| format!("  {a}")));
        }
        ErrorKind::UnknownArgument => {
            let arg = text(e, ContextKind::InvalidArg)?;
            head.push(say("help-clap-error-unknown-argument", &[("arg", arg)]));
        }
        ErrorKind::InvalidSubcommand => {
            let command = text(e, ContextKind::InvalidSubcommand)?;
            head.push(say(
                "help-clap-error-unknown-subcommand",
                &[("command", command)],
            ));
        }
        ErrorKind::InvalidValue => {
            let arg = text(e, ContextKind::InvalidArg)?;
            let value = text(e, ContextKind::InvalidValue)?;
            head.push(if value.is_empty() {
                say("help-clap-error-value-missing", &[("arg", arg)])
            } else {
                say(
                    "help-clap-error-invalid-value",
                    &[("arg", arg), ("value", value)],
                )
            });
            head.extend(listed(
                lang,
                e,
                ContextKind::ValidValue,
                "help-clap-error-possible",
            ));
        }
        ErrorKind::ValueValidation => {
            // A number clap's own parsers refused (`--qty 1.5`, `--top x`):
            // the standard library's words are English.
            let number =
                std::error::Error::source(e).is_some_and(|s| s.is::<std::num::ParseIntError>());
            if !number {
                return None;
            }
            let arg = text(e, ContextKind::InvalidArg)?;
            let value = text(e, ContextKind::InvalidValue)?;
            head.push(say(
                "help-clap-error-not-whole-number",
                &[("arg", arg), ("value", value)],
            ));
        }
        ErrorKind::ArgumentConflict => head.push(conflict(lang, e)?),
        _ => return None,
    }
    Some(head)
}

/// The indented line listing what clap says is valid (`kind`), if any.
fn listed(lang: Lang, e: &clap::Error, kind: ContextKind, id: &str) -> Option<String> {
    let valid = list(e, kind);
    (!valid.is_empty()).then(|| format!("  {}", say(lang, id, &[("values", joined(lang, &valid))])))
}

/// An argument used twice, or with one it conflicts with.
fn conflict(lang: Lang, e: &clap::Error) -> Option<String> {
    let arg = text(e, ContextKind::InvalidArg)?;
    match e.get(ContextKind::PriorArg) {
        Some(ContextValue::String(prior)) if *prior == arg => {
            Some(say(lang, "help-clap-error-used-twice", &[("arg", arg)]))
        }
        Some(ContextValue::String(prior)) => Some(say(
            lang,
            "help-clap-error-conflict",
            &[("arg", arg), ("other", prior.clone())],
        )),
        _ => None,
    }
}

/// clap's suggestions (a similar command, argument or value, and its
/// other tips), each a line.
fn tips(lang: Lang, e: &clap::Error) -> Vec<String> {
    let mut tips = Vec::new();
    for (kind, id) in [
        (
            ContextKind::SuggestedSubcommand,
            "help-clap-error-similar-subcommand",
        ),
        (
            ContextKind::SuggestedArg,
            "help-clap-error-similar-argument",
        ),
        (ContextKind::SuggestedValue, "help-clap-error-similar-value"),
    ] {
        let names = list(e, kind);
        if !names.is_empty() {
            let quoted: Vec<String> = names
                .into_iter()
                .map(|name| say(lang, "help-clap-error-quoted", &[("name", name)]))
                .collect();
            tips.push(say(lang, id, &[("names", quoted.join(", "))]));
        }
    }
    // clap's other tips (`to pass '-x' as a value, use '-- -x'`).
    for tip in list(e, ContextKind::Suggested) {
        tips.push(suggested(lang, &tip));
    }
    tips
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// The error of `merit --lang LANG args…`, the command line of `lang`
    /// (the Chinese one with its Chinese help and usage lines).
    fn error(lang: Lang, args: &[&str]) -> clap::Error {
        let cmd = match lang {
            Lang::En => super::super::Cli::command(),
            Lang::ZhCn => super::super::help_zh::localize(super::super::Cli::command()),
        };
        // A bare `merit catalog` shows the help; with `MERIT_DB` set it is
        // the error of a missing subcommand, as here.
        let cmd = cmd.mut_subcommand("catalog", |c| c.arg_required_else_help(false));
        let head = ["merit", "--lang", lang.tag()];
        cmd.try_get_matches_from(head.into_iter().chain(args.iter().copied()))
            .expect_err("an error")
    }

    /// The catalogue's English is clap's own, word for word: what the
    /// Chinese replaces is what clap says.
    #[test]
    fn the_english_messages_are_claps() {
        for args in [
            &["catalog"][..],
            &["standings"],
            &["--bogus"],
            &["standings", "2026-Q1", "--format", "xml"],
            &["standings", "2026-Q1", "--format"],
            &["frobnicate"],
            &["standings", "2026-Q1", "--tema"],
            &[
                "standings",
                "2026-Q1",
                "--format",
                "csv",
                "--format",
                "json",
            ],
        ] {
            let e = error(Lang::En, args);
            assert!(worded(Lang::En, &e).is_some(), "{args:?}: {:?}", e.kind());
            assert_eq!(render_in(Lang::En, &e), e.render().to_string(), "{args:?}");
        }
    }

    #[test]
    fn the_common_errors_are_chinese() {
        let zh = |args: &[&str]| render_in(Lang::ZhCn, &error(Lang::ZhCn, args));
        let text = zh(&["catalog"]);
        assert!(
            text.starts_with(
                "错误：“merit catalog”后面需要一个命令，但没有给出\n  [可用命令：import、list]"
            ),
            "{text}"
        );
        let text = zh(&["standings", "2026-Q1", "--format", "xml"]);
        assert!(
            text.starts_with("错误：“--format <FORMAT>”的值“xml”无效\n  [可选：table、csv、json]"),
            "{text}"
        );
        for args in [
            &["catalog"][..],
            &["standings"],
            &["--bogus"],
            &["frobnicate"],
        ] {
            let text = zh(args);
            assert!(
                !text.contains("error") && !text.contains("Usage") && !text.contains("tip"),
                "{text}"
            );
            assert!(text.ends_with("更多信息请用 '--help'。\n"), "{text}");
        }
    }
}
