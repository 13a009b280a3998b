//! A digest's message as each platform's request body, as each documents
//! its robots:
//! - DingTalk: `{"msgtype":"markdown","markdown":{"title":…,"text":…}}`;
//! - WeCom (企业微信): `{"msgtype":"markdown","markdown":{"content":…}}`,
//!   the content at most 4,096 bytes of UTF-8;
//! - Feishu / Lark: `{"msg_type":"post","content":{"post":{"zh_cn"|"en_us":
//!   {"title":…,"content":[[{"tag":"text","text":…}],…]}}}}`.
//!
//! Lists, never tables (robots render no tables). Too long a message is
//! shortened by whole list items (`words::Message::shorten`), never by
//! cutting a character.
//!
//! Text from the store cannot make markup: for the two Markdown
//! platforms every ASCII character their Markdown acts on is written as
//! its full-width twin (WeCom's Markdown has no escape character, and a
//! backslash shows as itself on some clients), so a name like `**x**`,
//! `[a](b)`, `<font>` or `http://…` reads as itself and makes no
//! emphasis, link, tag or autolink; control and hidden characters are
//! removed on every platform, line breaks become spaces.

use super::robots::Kind;
use super::words::Message;
use crate::i18n::Lang;
use serde_json::{Value, json};

/// WeCom's documented limit on a Markdown message's content, in bytes.
pub const WECOM_MAX_BYTES: usize = 4096;
/// merit's cautious limit on a DingTalk Markdown text and a Feishu
/// body, in bytes (both platforms refuse messages of about 20 KB).
pub const OTHER_MAX_BYTES: usize = 18_000;
/// The longest text from the store placed in a message, in characters.
const MAX_TEXT: usize = 80;

/// `s` without control or hidden characters (line breaks and tabs as
/// spaces), at most `MAX_TEXT` characters.
pub fn plain_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if crate::text::is_hidden(c) => {}
            c => out.push(c),
        }
    }
    let out = out.trim();
    match out.char_indices().nth(MAX_TEXT) {
        Some((at, _)) => format!("{}…", &out[..at]),
        None => out.to_string(),
    }
}

/// `plain_text` for DingTalk's and WeCom's Markdown: every ASCII
/// character either acts on written as its full-width twin.
pub fn markdown_text(s: &str) -> String {
    plain_text(s)
        .chars()
        .map(|c| match c {
            '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\' | '|' | '~' | '!' | '&' | ':'
            | '$' | '^' => char::from_u32(u32::from(c) - 0x21 + 0xFF01).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// An address inside a Markdown link's parentheses.
fn link_target(url: &str) -> String {
    url.replace('(', "%28")
        .replace(')', "%29")
        .replace('<', "%3C")
        .replace('>', "%3E")
        .replace('"', "%22")
}

/// The message as Markdown: a heading, the status lines, each section as
/// a bold heading over a list, the link.
fn markdown(m: &Message, heading: &str, gap: &str) -> String {
    let mut out = format!("{heading} {}{gap}", m.title);
    for l in &m.lines {
        out.push_str(l);
        out.push_str(gap);
    }
    for s in &m.sections {
        out.push_str(&format!("**{}**{gap}", s.heading));
        for item in &s.items {
            out.push_str(&format!("- {item}\n"));
        }
        if let Some(note) = &s.left_out {
            out.push_str(&format!("- {note}\n"));
        }
        out.push_str(if gap == "\n\n" { "\n" } else { "" });
    }
    if let Some((url, label)) = &m.link {
        out.push_str(&format!("[{label}]({})\n", link_target(url)));
    }
    out.trim_end().to_string()
}

fn dingtalk_text(m: &Message) -> String {
    markdown(m, "####", "\n\n")
}

fn wecom_content(m: &Message) -> String {
    markdown(m, "###", "\n")
}

fn feishu_content(m: &Message, lang: Lang) -> Value {
    let text = |t: &str| json!([{ "tag": "text", "text": t }]);
    let mut content: Vec<Value> = m.lines.iter().map(|l| text(l)).collect();
    for s in &m.sections {
        content.push(json!([{ "tag": "text", "text": s.heading, "style": ["bold"] }]));
        for item in s.items.iter().chain(&s.left_out) {
            content.push(text(&format!("- {item}")));
        }
    }
    if let Some((url, label)) = &m.link {
        content.push(json!([{ "tag": "a", "text": label, "href": url }]));
    }
    let key = match lang {
        Lang::ZhCn => "zh_cn",
        Lang::En => "en_us",
    };
    json!({
        "msg_type": "post",
        "content": { "post": { key: { "title": m.title, "content": content } } }
    })
}

/// The escape a platform needs for store text.
pub fn escape_for(kind: Kind) -> super::words::Escape {
    match kind {
        Kind::DingTalk | Kind::WeCom => markdown_text,
        Kind::Feishu => plain_text,
    }
}

/// The request body for a robot of `kind` (unsigned), the message
/// shortened to the platform's limit; `None` when it cannot fit.
pub fn body(kind: Kind, m: &Message, lang: Lang) -> Option<Value> {
    match kind {
        Kind::DingTalk => {
            let m = m.shorten(|m| dingtalk_text(m).len() <= OTHER_MAX_BYTES)?;
            Some(json!({
                "msgtype": "markdown",
                "markdown": { "title": m.title, "text": dingtalk_text(&m) }
            }))
        }
        Kind::WeCom => {
            let m = m.shorten(|m| wecom_content(m).len() <= WECOM_MAX_BYTES)?;
            Some(json!({
                "msgtype": "markdown",
                "markdown": { "content": wecom_content(&m) }
            }))
        }
        Kind::Feishu => {
            let fits = |m: &Message| feishu_content(m, lang).to_string().len() <= OTHER_MAX_BYTES;
            let m = m.shorten(fits)?;
            Some(feishu_content(&m, lang))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_text_makes_no_markup() {
        let hostile = "**bold** [x](http://evil/) <font color=\"warning\">a</font> `c` # h\n- l \u{1b}[31m\u{202e}";
        let md = markdown_text(hostile);
        for c in [
            '*', '[', ']', '<', '>', '`', '#', '\n', '\u{1b}', '\u{202e}',
        ] {
            assert!(!md.contains(c), "{c:?} in {md}");
        }
        assert!(!md.contains("http://"), "no autolink: {md}");
        assert!(md.starts_with("＊＊bold＊＊ ［x］(http：//evil/)"), "{md}");
        let plain = plain_text(hostile);
        assert!(
            plain.contains("**bold**") && !plain.contains('\u{1b}'),
            "{plain}"
        );
        assert!(
            !plain.contains('\n') && !plain.contains('\u{202e}'),
            "{plain}"
        );
        assert_eq!(
            markdown_text("张伟 John O'Brien-Smith (East)"),
            "张伟 John O'Brien-Smith (East)"
        );
        let long = "长".repeat(200);
        assert_eq!(plain_text(&long).chars().count(), MAX_TEXT + 1);
    }

    #[test]
    fn a_link_cannot_be_broken_out_of() {
        assert_eq!(
            link_target("https://x/a(b)<c>"),
            "https://x/a%28b%29%3Cc%3E"
        );
    }
}
