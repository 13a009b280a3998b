//! The core's messages ([`Msg`]: a catalogue id and its arguments) in
//! words, in the reader's language. A message inside a message is worded
//! in turn; a count selects the plural. Text that is already words
//! ([`Msg::untyped`]: a front's own, or another program's) is shown as it is.

use super::Lang;
use super::catalogue::{Arg, t_args_in};
use crate::message::{Msg, MsgArg};

/// `m` in `lang`.
pub fn word_in(lang: Lang, m: &Msg) -> String {
    if let Some(text) = m.untyped_text() {
        return text.to_string();
    }
    let args: Vec<(&str, Arg<'_>)> = m
        .args
        .iter()
        .map(|(name, value)| {
            let arg = match value {
                MsgArg::Text(s) => Arg::Text(s.as_str().into()),
                MsgArg::Num(n) => Arg::Num(*n),
                MsgArg::Msg(inner) => Arg::Text(word_in(lang, inner).into()),
                MsgArg::Explained(e) => Arg::Text(super::explain::explanation(lang, e).into()),
            };
            (name.as_ref(), arg)
        })
        .collect();
    t_args_in(lang, &m.id, &args)
}

/// A manual award's reason (or a posting's note: the same text) in
/// [`current`](super::current) language: see [`ledger_note_in`].
pub fn ledger_note(stored: &str) -> String {
    ledger_note_in(super::current(), stored)
}

/// A ledger posting's stored note (or a manual award's reason) in
/// `lang`: a redemption's, an expiry's and a dispute correction's in
/// words, anything else (an award's rule and subject, a lead's reason) as
/// it is.
pub fn ledger_note_in(lang: Lang, stored: &str) -> String {
    use crate::domain::LedgerNote;
    let m = match LedgerNote::read(stored) {
        LedgerNote::Redemption { id, reward, qty } => {
            crate::msg!(
                "ledger-note-redemption",
                id = id.to_string(),
                reward = reward,
                qty = qty
            )
        }
        LedgerNote::Expiry { ending } => crate::msg!("ledger-note-expiry", ending = ending),
        LedgerNote::Correction {
            award,
            reason: Some(r),
        } => crate::msg!(
            "ledger-note-correction-reason",
            award = award.to_string(),
            reason = r
        ),
        LedgerNote::Correction {
            award,
            reason: None,
        } => {
            crate::msg!("ledger-note-correction", award = award.to_string())
        }
        LedgerNote::Text(t) => return t,
    };
    word_in(lang, &m)
}

/// A column head of a table for people (`rank`, `next_reward`) in
/// `lang`; CSV and JSON keep the English names. A head without a word
/// stays as it is.
pub fn column_in(lang: Lang, head: &str) -> std::borrow::Cow<'_, str> {
    if lang == Lang::En {
        return head.into();
    }
    let id = format!("column-{}", head.replace('_', "-"));
    super::catalogue::get_in(lang, &id).map_or(head.into(), Into::into)
}

/// [`column_in`] the language in use.
pub fn column(head: &str) -> std::borrow::Cow<'_, str> {
    column_in(super::current(), head)
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
        assert_eq!(column_in(Lang::ZhCn, "next_reward"), "下一个奖品");
        assert_eq!(column_in(Lang::En, "next_reward"), "next_reward");
        assert_eq!(column_in(Lang::ZhCn, "no_such"), "no_such");
        assert_eq!(
            ledger_note_in(Lang::ZhCn, "redemption 3: MUG ×2"),
            "兑换 3：MUG ×2"
        );
        assert_eq!(
            ledger_note_in(Lang::En, "expired lots ending 2026-12-31"),
            "expired lots ending 2026-12-31"
        );
        assert_eq!(
            word_in(Lang::ZhCn, &m),
            "数据库已损坏：有值不是 merit 写入的（x）；请从备份恢复（merit verify 可查看详情）"
        );
    }
}
