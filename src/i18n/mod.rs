//! The language merit speaks (issue 19): chosen from `MERIT_LANG`, else
//! the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: `zh_CN…`, and `zh_TW…` /
//! `zh_HK…` too while there is no Traditional catalogue, mean Simplified
//! Chinese; anything else English), and `--lang` overrides both.
//!
//! Every word a person reads comes from one catalogue by id (issue 40):
//! Fluent files, `assets/i18n/en/*.ftl` and `assets/i18n/zh-CN/*.ftl`,
//! read with `fluent-bundle` ([`catalogue`]): [`t`] / [`t_in`] for a
//! message without arguments, [`t_args`] and the `t!` macro for one with
//! them; plurals are Fluent's selectors. A test fails when an id or an
//! argument is missing in either language; an id missing from Chinese
//! falls back to the English. `GLOSSARY.md` fixes the Chinese words.
//!
//! Around it: [`refusals`] and [`explain`] word the core's typed refusals
//! and structured explanations; [`names`] and [`stored_word`] say stored
//! names, statuses and kinds; [`messages`] words the core's messages
//! (`Msg`: an id and its arguments), its errors among them.
//! Machine formats (CSV/JSON headers and values, exit codes) never go
//! through here.

pub mod audit;
pub mod catalogue;
pub mod explain;
pub mod messages;
pub mod names;
pub mod refusals;
pub mod summaries;

pub use catalogue::{Arg, t, t_args, t_args_in, t_in};

pub use messages::{word, word_in};

use std::sync::OnceLock;

/// A language of the screen, the handbook and the published pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    ZhCn,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "zh-CN" | "zh" | "zh_CN" => Some(Lang::ZhCn),
            _ => None,
        }
    }

    /// The BCP 47 tag: `en`, `zh-CN`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language a locale name (`zh_CN.UTF-8`, `en_US`, `C`) asks for.
    pub fn of_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("zh") {
            Lang::ZhCn
        } else {
            Lang::En
        }
    }

    /// `MERIT_LANG` (a tag), else the first locale variable set.
    pub fn from_env() -> Lang {
        let var = |n: &str| std::env::var(n).ok().filter(|v| !v.trim().is_empty());
        if let Some(l) = var("MERIT_LANG").and_then(|v| Lang::parse(v.trim())) {
            return l;
        }
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| var(v))
            .map_or(Lang::En, |l| Lang::of_locale(&l))
    }
}

static CURRENT: OnceLock<Lang> = OnceLock::new();

/// Sets the language for the rest of the process (`--lang`); the first
/// call wins.
pub fn set(lang: Lang) {
    let _ = CURRENT.set(lang);
}

/// The language in use: as set, else from the environment.
pub fn current() -> Lang {
    *CURRENT.get_or_init(Lang::from_env)
}

/// A status or kind merit stores (`approved`, `provisional`, `award`,
/// `redemption`…) in the language in use, for the tables people read;
/// CSV and JSON print the stored word. A word merit does not know stays.
pub fn stored_word(w: &str) -> &str {
    stored_word_in(current(), w)
}

/// A stored status or kind (`stored_word`) in `lang`.
pub fn stored_word_in(lang: Lang, w: &str) -> &str {
    let id = match w {
        "pending" | "provisional" | "disputed" | "approved" | "rejected" | "adjustment"
        | "manual" => w,
        "award" => "award-2",
        "redemption" => "posting-redemption",
        "expiry" => "posting-expiry",
        "true" => "flag-true",
        "false" => "flag-false",
        _ => return w,
    };
    catalogue::t_in(lang, id)
}

/// A category as people read it in the language in use: merit's own
/// category of a manual award (`manual`) in words, the team's categories
/// as its rules name them. CSV and JSON print the stored category.
pub fn category(c: &str) -> &str {
    category_in(current(), c)
}

/// [`category`] in `lang`.
pub fn category_in(lang: Lang, c: &str) -> &str {
    if c == "manual" {
        catalogue::t_in(lang, "category-manual")
    } else {
        c
    }
}

#[cfg(test)]
mod input_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod verify_tests;

/// An error's lines in the language in use, each one printable line.
pub fn error_lines(e: &crate::error::Error) -> Vec<String> {
    use crate::error::{Error, one_line};
    match e {
        Error::Refused(r) => vec![one_line(&refusals::render(r, current()))],
        _ => e.messages().iter().map(|m| one_line(&word(m))).collect(),
    }
}

/// Long work's label, in the language in use.
pub fn task(work: &crate::progress::Task) -> String {
    use crate::progress::Task;
    match work {
        Task::CountingDemo => t("counting-what-the-demo-s-years").to_string(),
        Task::WritingDemo => t("writing-the-demo-s-activities").to_string(),
        Task::Verifying => t("verifying-the-store").to_string(),
        Task::Scoring => t("scoring-by-month").to_string(),
        Task::Reading(name) => crate::t!("reading-file", name = name.as_str()),
        Task::WritingPages => t("writing-the-members-pages").to_string(),
    }
}
