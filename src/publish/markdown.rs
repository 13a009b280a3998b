//! Markdown that cannot carry code (issue 38): every text from the store
//! (names, codes, teams, titles, reasons, categories…) goes through
//! [`text`] wherever merit writes Markdown (`standings.md`,
//! `merit statement --format markdown`), so it renders as the words it is
//! in any Markdown or HTML renderer: no tag, link, image, emphasis or
//! table cell comes out of it. The only links are the ones merit writes.

use super::{PublishOptions, Row};
use crate::domain::Period;

/// `s` as plain text inside Markdown (a table cell, a heading, a list
/// item): made one visible line (`crate::text::visible`: line breaks and
/// control characters shown as `\n`, `\u{…}`), then `&`, `<`, `>`, `"` and
/// `'` written as HTML entities (no renderer makes a tag of them) and
/// every other ASCII punctuation mark backslash-escaped (CommonMark's
/// escape for each: no emphasis, link, image, heading, list, table cell,
/// autolink or code span can start). Letters, digits, spaces and
/// non-ASCII characters are left as they are.
pub fn text(s: &str) -> String {
    let s = crate::text::visible(s);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// The leaderboard as Markdown for a team chat (WeCom, DingTalk, Feishu,
/// Slack): `standings.md`. Lists, not tables (group robots render no
/// tables): one line per member — place, name and code, titles, points,
/// movement — then one per team. A place is written `No. 3` / `第 3 名`,
/// never `3.`, which a renderer would renumber after a tie.
pub(super) fn standings(
    period: Period,
    members: &[Row],
    teams: &[Row],
    o: PublishOptions,
) -> String {
    let t = |id| crate::i18n::t_in(o.lang, id);
    let mut md = format!("## {} {period}\n\n", t("publish-title"));
    md.push_str(t(if o.include_pending {
        "publish-with-pending"
    } else {
        "publish-approved-only"
    }));
    md.push_str(&format!("\n\n### {}\n\n", t("publish-members")));
    for r in members {
        let mut who = crate::i18n::t_args_in(
            o.lang,
            "standings-md-who",
            &[
                ("name", text(&r.name).into()),
                ("code", text(&r.code).into()),
            ],
        );
        if !r.title.is_empty() {
            who.push_str(&format!(" **{}**", text(&r.title)));
        }
        md.push_str(&line(o, r, who));
    }
    md.push_str(&format!("\n### {}\n\n", t("publish-teams")));
    for r in teams {
        md.push_str(&line(o, r, text(&r.team)));
    }
    md
}

/// One list item: `- No. 1 张伟 (ZW) · 188.5 points · +2`.
fn line(o: PublishOptions, r: &Row, who: String) -> String {
    // Words where a chat reader would see a bare mark (`-`: no points yet).
    let movement = match r.movement.as_str() {
        "new" => crate::i18n::t_in(o.lang, "movement-new").to_string(),
        "-" => crate::i18n::t_in(o.lang, "notify-move-none").to_string(),
        _ => r.movement.clone(),
    };
    let item = crate::i18n::t_args_in(
        o.lang,
        "standings-md-line",
        &[
            ("rank", r.rank.into()),
            ("who", who.into()),
            ("points", r.points.as_str().into()),
            // The English unit is singular for exactly one point.
            (
                "n",
                i64::from(matches!(r.points.as_str(), "1" | "-1")).into(),
            ),
            ("move", movement.into()),
        ],
    );
    format!("- {item}\n")
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn markup_becomes_text() {
        assert_eq!(
            text("<script>alert(1)</script>"),
            "&lt;script&gt;alert\\(1\\)&lt;\\/script&gt;"
        );
        assert_eq!(
            text("[click](javascript:alert(1))"),
            "\\[click\\]\\(javascript\\:alert\\(1\\)\\)"
        );
        assert_eq!(
            text("![x](http://remote/img.png)"),
            "\\!\\[x\\]\\(http\\:\\/\\/remote\\/img\\.png\\)"
        );
        assert_eq!(text("a|b *c* _d_ `e`"), "a\\|b \\*c\\* \\_d\\_ \\`e\\`");
        assert_eq!(text("张伟 John"), "张伟 John");
        assert_eq!(text("a\nb"), "a\\\\nb", "one line, the break shown");
        assert_eq!(text("x & y"), "x &amp; y");
    }
}
