//! The core's messages ([`Msg`]: a catalogue id and its arguments) in
//! words, in the reader's language. A message inside a message is worded
//! in turn; a count selects the plural. What the core still sends as
//! English ([`Msg::untyped`]) goes through [`super::patterns`].

use super::Lang;
use super::catalogue::{Arg, t_args_in};
use crate::message::{Msg, MsgArg};

/// `m` in `lang`.
pub fn word_in(lang: Lang, m: &Msg) -> String {
    if let Some(text) = m.untyped_text() {
        return super::patterns::render_in(lang, text).into_owned();
    }
    let args: Vec<(&str, Arg<'_>)> = m
        .args
        .iter()
        .map(|(name, value)| {
            let arg = match value {
                MsgArg::Text(s) => Arg::Text(s.as_str().into()),
                MsgArg::Num(n) => Arg::Num(*n),
                MsgArg::Msg(inner) => Arg::Text(word_in(lang, inner).into()),
            };
            (*name, arg)
        })
        .collect();
    t_args_in(lang, m.id, &args)
}

/// `m` in the language in use.
pub fn word(m: &Msg) -> String {
    word_in(super::current(), m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_and_the_one_inside_it_are_worded() {
        let m = crate::msg!(
            "store-damaged-restore",
            what = crate::msg!("store-damaged-value", error = "x")
        );
        assert_eq!(
            word_in(Lang::En, &m),
            "the store is damaged: a value is not what merit wrote (x); restore it from a backup (merit verify says more)"
        );
        assert_eq!(
            word_in(Lang::ZhCn, &m),
            "数据库已损坏：有值不是 merit 写入的（x）；请从备份恢复（merit verify 可查看详情）"
        );
    }
}
