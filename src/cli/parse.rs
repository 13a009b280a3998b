//! Reading the command line: clap's parse with the help in the language
//! asked for (`--lang` before the locale), and `merit help COMMAND` under
//! the Chinese help.

use super::args::Cli;
use super::help_zh;

/// What the command line asked for.
pub enum Parsed {
    Cli(Box<Cli>),
    /// `merit help [COMMAND…]` under the Chinese help: its text.
    Help(String),
}

/// The command line parsed, with its help in the language asked for
/// (`--lang` before the locale).
pub fn parse() -> std::result::Result<Parsed, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let asked = args.iter().enumerate().find_map(|(i, a)| {
        let a = a.to_str()?;
        match a.strip_prefix("--lang=") {
            Some(v) => Some(v.to_string()),
            None if a == "--lang" => args.get(i + 1)?.to_str().map(str::to_string),
            None => None,
        }
    });
    let lang = asked
        .and_then(|l| crate::i18n::Lang::parse(&l))
        .unwrap_or_else(crate::i18n::Lang::from_env);
    let mut cmd = Cli::command();
    if lang == crate::i18n::Lang::ZhCn {
        help_zh::ask();
        cmd = help_zh::localize(cmd);
    }
    let matches = cmd.clone().try_get_matches_from(args)?;
    if let Some(("help", asked)) = matches.subcommand() {
        // `merit help [COMMAND…]` under the Chinese help: that command's help.
        cmd.build();
        let mut target = cmd;
        for name in asked.get_many::<String>("command").into_iter().flatten() {
            match target.find_subcommand(name).cloned() {
                Some(sub) => target = sub,
                None => break,
            }
        }
        return Ok(Parsed::Help(target.render_help().to_string()));
    }
    Cli::from_arg_matches(&matches).map(|c| Parsed::Cli(Box::new(c)))
}
