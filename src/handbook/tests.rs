use super::*;

/// Rules of every kind, every option set, to word in both languages.
const RULES: &str = r#"
[settings]
expire_after_months = 3

[[rules]]
id = "deal"
name = "Deal"
category = "performance"
kind = "per_event"
event = "deal"
points = 1
per_amount = { unit = 500, points = 1.5 }
when = { region = "east", tier = "A" }
cap = { points = 60, per = "month" }
valid_to = "2026-12-31"

[[rules]]
id = "late"
name = "Late"
category = "penalty"
kind = "per_event"
event = "late"
points = -1

[[rules]]
id = "att"
name = "Attainment"
category = ""
kind = "attainment"
event = "deal"
per = "quarter"
tiers = [ { at = 0.8, points = 30 } ]
accelerator = { above = 1.0, points_per_percent = 2 }

[[rules]]
id = "rk"
name = "Rank"
category = "honour"
kind = "rank"
per = "year"
team = true
min_points = 1
places = [{ rank = 1, points = 1, title = "Star" }, { rank = 2, points = 0.5 }]

[[rules]]
id = "pool"
name = "Pool"
category = "collaboration"
kind = "team_pool"
events = ["a", "b"]
points = 5
per = "month"
split = "activities"

[[rules]]
id = "boost"
name = "Boost"
category = "performance"
kind = "multiplier"
rules = ["deal"]
factor = 2
from = "2026-03-01"
to = "2026-03-31"
"#;

fn rewards() -> Vec<Reward> {
    let reward = |code: &str, stock| Reward {
        code: code.into(),
        name: code.into(),
        cost: crate::domain::Points::from_cents(100),
        stock,
        category: String::new(),
        active: true,
    };
    vec![reward("GIFT", Some(2)), reward("PEN", None)]
}

/// Every message the handbook asks for is there, with its arguments,
/// in both languages.
#[test]
fn every_word_comes_from_the_catalogue() {
    let set = crate::rules::parse_rules(RULES).expect("the rules parse");
    let day = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
    for lang in [Lang::En, Lang::ZhCn] {
        let text = handbook(lang, &set, day, &rewards());
        for bad in ["handbook-", "{", "}", "list-separator"] {
            assert!(!text.contains(bad), "{lang:?}: {bad}\n{text}");
        }
    }
    let en = handbook(Lang::En, &set, day, &rewards());
    assert!(en.contains("**1 point**, plus 1.5 points"), "{en}");
    assert!(en.contains("the 3rd month"), "{en}");
    let zh = handbook(Lang::ZhCn, &set, day, &rewards());
    assert!(zh.contains("- **PEN**（`PEN`）：1 分，库存不限"), "{zh}");
    assert!(zh.contains("之后第 3 个月的"), "{zh}");
}

#[test]
fn ordinals_follow_the_language() {
    let en: Vec<&str> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111]
        .iter()
        .map(|n| ordinal(Lang::En, *n))
        .collect();
    assert_eq!(
        en,
        [
            "one", "two", "few", "other", "other", "other", "other", "one", "two", "few", "one",
            "other"
        ]
    );
    assert_eq!(ordinal(Lang::ZhCn, 1), "other");
}

/// Text from the store stays text: a rule's name holding a line end, a
/// heading, HTML and a link is written on its own line, escaped.
#[test]
fn a_name_cannot_add_a_heading_a_link_or_html() {
    // An import refuses line ends in a name, a category or an event; a
    // store written behind merit's back may still hold them.
    let rules = "[[rules]]\nid = \"deal\"\nname = \"Signed\"\ncategory = \"c\"\nkind = \"per_event\"\nevent = \"deal\"\npoints = 1\nwhen = { \"tier\" = \"A\\n# v\" }\n";
    let mut set = crate::rules::parse_stored_rules(rules).expect("the rules parse");
    let rule = &mut set.rules[0];
    rule.name = "Signed\n# deal <b>x</b> [l](http://e)".into();
    rule.category = "c\n## cat".into();
    if let crate::rules::RuleBody::PerEvent(p) = &mut rule.body {
        p.event = "deal\n# ev".into();
    }
    let day = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
    for lang in [Lang::En, Lang::ZhCn] {
        let text = handbook(lang, &set, day, &[]);
        assert!(
            text.contains(r"Signed\n# deal &lt;b&gt;x&lt;/b&gt; \[l\](http://e)"),
            "{text}"
        );
        for line in text.lines() {
            assert!(
                !line.starts_with("# deal")
                    && !line.starts_with("## cat")
                    && !line.starts_with("# ev")
                    && !line.starts_with("# v"),
                "{lang:?}: {line}\n{text}"
            );
        }
    }
}
