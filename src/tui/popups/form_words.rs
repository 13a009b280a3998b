//! The few coded values a form takes (a yes or no, a period's kind, the
//! manual award's own category, in its form alone), in
//! the screen's language: a Chinese form shows 是 and 月 where the rules
//! file and the catalog keep `true` and `month`, and takes either as
//! typed. What is stored never changes with the language.

use crate::i18n::Lang;

/// What `typed` into the field `key` means as the code merit keeps: a
/// Chinese word read as its code, anything else as typed (the parser
/// then names what it cannot read).
pub fn code<'a>(key: &str, typed: &'a str) -> &'a str {
    let t = typed.trim();
    match key {
        "active" => match t {
            "是" | "上架" => "true",
            "否" | "下架" => "false",
            _ => typed,
        },
        "per" | "cap.per" | "limit_per" => match t {
            "月" | "月度" | "每月" => "month",
            "季" | "季度" | "每季" | "每季度" => "quarter",
            "年" | "年度" | "每年" => "year",
            _ => typed,
        },
        _ => typed,
    }
}

/// A stored code as the field `key` shows it in `lang`.
pub fn shown_in(lang: Lang, key: &str, stored: &str) -> String {
    if lang != Lang::ZhCn {
        return stored.to_string();
    }
    let word = match (key, stored) {
        ("active", "true") => "是",
        ("active", "false") => "否",
        ("team", "yes") => "是",
        ("per" | "cap.per" | "limit_per", "month") => "月",
        ("per" | "cap.per" | "limit_per", "quarter") => "季",
        ("per" | "cap.per" | "limit_per", "year") => "年",
        _ => stored,
    };
    word.to_string()
}

/// A manual award's category as typed in `lang`'s form: merit's own
/// `manual`, which a Chinese form shows as 手动 (as every Chinese screen
/// says it), read back as `manual`; any other as typed.
pub fn manual_category(lang: Lang, typed: &str) -> &str {
    match (lang, typed.trim()) {
        (Lang::ZhCn, "手动") => "manual",
        _ => typed,
    }
}

/// A problem with a coded value as the form says it: in the words the
/// form takes (是 或 否, 月、季 或 年, the field's label), where the
/// catalog file's problem names the file's codes and columns.
pub fn in_form_words(m: crate::message::Msg) -> crate::message::Msg {
    let id = match &*m.id {
        "value-not-true-or-false" => "form-value-not-yes-or-no",
        "value-not-a-period-kind" => "form-value-not-a-period-kind",
        "value-empty-say-period" => "form-value-empty-say-period",
        "value-needs-limit-qty" => "form-value-needs-limit-qty",
        "rules-must-be-period-kind" => "form-rules-must-be-period-kind",
        "rules-must-be-true-or-false" => "form-rules-must-be-yes-or-no",
        // The form takes `0.8:30, 1.0:60` and `1:100:title`, not TOML.
        "rules-tiers-missing" => "form-rules-tiers-missing",
        "rules-places-missing" => "form-rules-places-missing",
        _ => return m,
    };
    crate::message::Msg {
        id: id.into(),
        args: m.args,
    }
}

/// [`shown_in`] the language in use.
pub fn shown(key: &str, stored: &str) -> String {
    shown_in(crate::i18n::current(), key, stored)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chinese_word_is_read_as_its_code_and_shown_back() {
        for (key, code_) in [
            ("active", "true"),
            ("active", "false"),
            ("per", "month"),
            ("cap.per", "quarter"),
            ("limit_per", "year"),
        ] {
            let zh = shown_in(Lang::ZhCn, key, code_);
            assert_ne!(zh, code_);
            assert_eq!(code(key, &zh), code_, "{key}");
            assert_eq!(shown_in(Lang::En, key, code_), code_);
            // The code itself is still taken.
            assert_eq!(code(key, code_), code_);
        }
        assert_eq!(code("per", "fortnight"), "fortnight");
        assert_eq!(code("name", "是"), "是");
        // 手动 is merit's own category in the manual-award form alone: a
        // rule's or a reward's category 手动 stays as typed.
        assert_eq!(code("category", "手动"), "手动");
        assert_eq!(manual_category(Lang::ZhCn, "手动"), "manual");
        assert_eq!(manual_category(Lang::ZhCn, "招待"), "招待");
        assert_eq!(manual_category(Lang::En, "手动"), "手动");
        // A problem is said in the form's words, in both languages.
        for id in [
            "value-not-true-or-false",
            "value-not-a-period-kind",
            "value-empty-say-period",
            "value-needs-limit-qty",
            "rules-must-be-period-kind",
            "rules-must-be-true-or-false",
        ] {
            let m = in_form_words(crate::message::Msg::new(
                id,
                vec![("value", crate::message::MsgArg::Text("x".into()))],
            ));
            assert!(m.id.starts_with("form-"), "{id}");
            let zh = crate::i18n::messages::word_in(Lang::ZhCn, &m);
            assert!(
                !zh.contains("true") && !zh.contains("month") && !zh.contains("limit_qty"),
                "{zh}"
            );
        }
    }
}
