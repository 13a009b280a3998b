//! The message catalogue (issue 40): every word a person reads, by id, in
//! Fluent files — `assets/i18n/en/*.ftl` and `assets/i18n/zh-CN/*.ftl`,
//! the same files by name in both, the same ids and arguments in each (a
//! test holds them to it). Plurals are Fluent's selectors
//! (`{ $n -> [one] … *[other] … }`). Fluent's bidi isolation marks are
//! off: merit escapes U+2066–2069 itself wherever text reaches a terminal.
//!
//! A message without arguments is formatted once and kept (`t`); one with
//! arguments is formatted on each call (`t_args`, the `t!` macro). An id
//! missing from a language falls back to the English, then to the id.

use super::Lang;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The catalogue's files, by name: `(name, English, Chinese)`.
macro_rules! files {
    ($($name:literal),* $(,)?) => {
        &[$((
            $name,
            include_str!(concat!("../../assets/i18n/en/", $name, ".ftl")),
            include_str!(concat!("../../assets/i18n/zh-CN/", $name, ".ftl")),
        )),*]
    };
}

/// Every file of the catalogue. A new file is named here once.
pub const FILES: &[(&str, &str, &str)] = files![
    "screen",
    "cli",
    "words",
    "explain",
    "handbook",
    "refusals",
    "help",
    "publish",
    "audit",
    "store",
    "notify",
    "input",
    "rules",
    "verify",
    "audit_detail"
];

struct Catalogue {
    bundle: FluentBundle<FluentResource>,
    /// The messages without arguments, formatted once.
    plain: HashMap<String, &'static str>,
}

fn build(lang: Lang) -> Catalogue {
    let tag = lang.tag();
    let locale = tag.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![locale]);
    bundle.set_use_isolating(false);
    for (name, en, zh) in FILES {
        let text = match lang {
            Lang::En => en,
            Lang::ZhCn => zh,
        };
        let resource = FluentResource::try_new((*text).to_string()).unwrap_or_else(|(r, errs)| {
            debug_assert!(errs.is_empty(), "{tag}/{name}.ftl: {errs:?}");
            r
        });
        // A repeated id keeps the first; the tests refuse one.
        let _ = bundle.add_resource(resource);
    }
    let mut plain = HashMap::new();
    for (_, en, _) in FILES {
        for id in ids(en) {
            if let Some(msg) = bundle.get_message(&id)
                && let Some(pattern) = msg.value()
            {
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, None, &mut errors);
                if errors.is_empty() {
                    plain.insert(id, &*Box::leak(text.into_owned().into_boxed_str()));
                }
            }
        }
    }
    Catalogue { bundle, plain }
}

fn catalogue(lang: Lang) -> &'static Catalogue {
    static EN: OnceLock<Catalogue> = OnceLock::new();
    static ZH: OnceLock<Catalogue> = OnceLock::new();
    match lang {
        Lang::En => EN.get_or_init(|| build(Lang::En)),
        Lang::ZhCn => ZH.get_or_init(|| build(Lang::ZhCn)),
    }
}

/// The ids of the messages a Fluent file defines, in order.
pub fn ids(ftl: &str) -> Vec<String> {
    ftl.lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_string()))
        .collect()
}

/// The message `id` without arguments, in `lang`.
pub fn t_in(lang: Lang, id: &str) -> &'static str {
    if let Some(s) = catalogue(lang).plain.get(id) {
        return s;
    }
    match lang {
        Lang::ZhCn => t_in(Lang::En, id),
        Lang::En => Box::leak(id.to_string().into_boxed_str()),
    }
}

/// The message `id` without arguments in `lang`, if the catalogue has it.
pub fn get_in(lang: Lang, id: &str) -> Option<&'static str> {
    catalogue(lang).plain.get(id).copied()
}

/// The message `id` without arguments, in the language in use.
pub fn t(id: &str) -> &'static str {
    t_in(super::current(), id)
}

/// An argument of a message: text, or a number (which selects plurals).
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    Text(std::borrow::Cow<'a, str>),
    Num(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Arg<'a> {
        Arg::Text(s.into())
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Arg<'a> {
        Arg::Text(s.as_str().into())
    }
}

impl From<String> for Arg<'static> {
    fn from(s: String) -> Arg<'static> {
        Arg::Text(s.into())
    }
}

/// Values merit shows as they print (points, days, periods, paths).
macro_rules! shown_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'static> {
            fn from(v: $t) -> Arg<'static> {
                Arg::Text(v.to_string().into())
            }
        }
        impl From<&$t> for Arg<'static> {
            fn from(v: &$t) -> Arg<'static> {
                Arg::Text(v.to_string().into())
            }
        }
    )*};
}
shown_arg!(
    crate::domain::Points,
    crate::domain::Period,
    chrono::NaiveDate,
    rust_decimal::Decimal,
    std::path::Display<'_>
);

impl From<&&str> for Arg<'static> {
    fn from(s: &&str) -> Arg<'static> {
        Arg::Text(s.to_string().into())
    }
}

macro_rules! num_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'static> {
            fn from(n: $t) -> Arg<'static> {
                Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
        impl From<&$t> for Arg<'static> {
            fn from(n: &$t) -> Arg<'static> {
                Arg::Num(i64::try_from(*n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
num_arg!(i64, i32, u32, u64, usize);

/// The message `id` with `args`, in `lang`.
pub fn t_args_in(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let cat = catalogue(lang);
    let Some(pattern) = cat.bundle.get_message(id).and_then(|m| m.value()) else {
        return match lang {
            Lang::ZhCn => t_args_in(Lang::En, id, args),
            Lang::En => id.to_string(),
        };
    };
    let mut fargs = FluentArgs::new();
    for (name, value) in args {
        let v = match value {
            // Numbers as text, so Fluent adds no grouping of its own.
            Arg::Text(s) => FluentValue::from(s.to_string()),
            Arg::Num(n) => FluentValue::from(*n),
        };
        fargs.set(name.to_string(), v);
    }
    let mut errors = Vec::new();
    let out = cat
        .bundle
        .format_pattern(pattern, Some(&fargs), &mut errors);
    out.into_owned()
}

/// The message `id` with `args`, in the language in use.
pub fn t_args(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    t_args_in(super::current(), id, args)
}

/// `t!("id")` or `t!("id", name = value, …)`: the message in the language
/// in use; values are text or integers (integers select plurals).
#[macro_export]
macro_rules! t {
    ($id:expr) => {
        $crate::i18n::t($id)
    };
    ($id:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::t_args(
            $id,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}
