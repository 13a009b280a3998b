//! The few coded values a form takes (a yes or no, a period's kind, the
//! manual award's own category), in
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
        // merit's own category of a manual award, said 手动 everywhere.
        "category" => match t {
            "手动" => "manual",
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
        ("category", "manual") => "手动",
        ("per" | "cap.per" | "limit_per", "month") => "月",
        ("per" | "cap.per" | "limit_per", "quarter") => "季",
        ("per" | "cap.per" | "limit_per", "year") => "年",
        _ => stored,
    };
    word.to_string()
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
            ("category", "manual"),
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
    }
}
