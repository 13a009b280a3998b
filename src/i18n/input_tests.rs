//! What is said of bad input (`input.ftl`, `rules.ftl`): the English as
//! the command line has always printed it (scripts and tests match it),
//! and Chinese without merit's own English words.

use super::catalogue::{self, Arg, t_args_in};
use super::{Lang, word_in};
use crate::domain::input::{at, field, from_column, in_file, nothing_imported};
use crate::domain::{Points, parse_date, parse_decimal};
use crate::msg;

fn en(m: &crate::message::Msg) -> String {
    word_in(Lang::En, m)
}

/// The rules parser's problems, each as `line: rule 'id': key: what`.
fn rule_errors(text: &str) -> Vec<String> {
    crate::rules::parse_rules(text)
        .unwrap_err()
        .iter()
        .map(|e| en(&e.to_msg()))
        .collect()
}

#[test]
fn import_lines_read_as_they_always_did() {
    let not_a_number = parse_decimal("12,5x").unwrap_err();
    assert_eq!(
        en(&at("deals.csv", 12, "amount", not_a_number.clone())),
        "deals.csv:12: amount: '12,5x' is not a number"
    );
    assert_eq!(
        en(&at("d.csv", 3, from_column("amount", "金额"), not_a_number)),
        "d.csv:3: amount (金额): '12,5x' is not a number"
    );
    assert_eq!(
        en(&at(
            "d.csv",
            2,
            "date",
            parse_date("2026-02-30").unwrap_err()
        )),
        "d.csv:2: date: '2026-02-30' is not a calendar date"
    );
    assert_eq!(
        en(&field("points", Points::parse("1.005").unwrap_err())),
        "points: '1.005' has more than 2 decimal places"
    );
    assert_eq!(
        en(&field("POINTS", Points::parse("1e3").unwrap_err())),
        "POINTS: '1e3' is not a number"
    );
    assert_eq!(
        en(&parse_decimal("2000000000000000").unwrap_err()),
        "'2000000000000000' is too large (at most 1000000000000000)"
    );
    assert_eq!(
        en(&parse_date("1899-12-31").unwrap_err()),
        "'1899-12-31' is outside the years 1900 to 2999"
    );
    assert_eq!(
        en(&in_file(
            "m.csv",
            msg!("import-more-problems", count = 1200usize)
        )),
        "m.csv: … and 1200 more problems"
    );
    assert_eq!(
        en(&nothing_imported("m.csv")),
        "m.csv: nothing was imported"
    );
    let header = msg!("import-cells-count", cells = 4usize, header = 5usize);
    assert_eq!(
        en(&crate::domain::input::at_line("bytes.csv", 2, header)),
        "bytes.csv:2: has 4 cells, the header has 5"
    );
}

#[test]
fn rule_problems_read_as_they_always_did() {
    assert_eq!(
        rule_errors("[[rules]]\nid = \"x\"\nkind = \"bonus\"\n"),
        [
            "3: rule 'x': kind: unknown kind 'bonus' (per_event, attainment, multiplier, rank, team_pool)"
        ]
    );
    assert_eq!(
        rule_errors(
            "[[rules]]\nid = \"c\"\nkind = \"per_event\"\nevent = \"complaint\"\npoints = -5\ncap = { points = 10, per = \"month\" }\n"
        ),
        ["6: rule 'c': cap: a rule with negative points cannot have a cap"]
    );
    assert_eq!(
        rule_errors(
            "[[rules]]\nid = \"r\"\nkind = \"rank\"\nper = \"week\"\n\
             places = [{ rank = 0, points = 5 }, { rank = 2, points = -1, medal = \"x\" }]\n"
        ),
        [
            "4: rule 'r': per: must be \"month\", \"quarter\" or \"year\"",
            "5: rule 'r': places[0].rank: must be a whole number from 1 to 1000",
            "5: rule 'r': places[1].medal: unknown key",
            "5: rule 'r': places[1].points: must be greater than 0",
        ]
    );
    assert_eq!(
        rule_errors(
            "[[rules]]\nid = \"p\"\nkind = \"per_event\"\nevent = \"d\"\npoints = 1\ncap = 3\n"
        ),
        ["6: rule 'p': cap: must be a table { points, per }"]
    );
    assert_eq!(
        rule_errors("[settings]\nexpire_after_months = 0\n"),
        ["2: settings: expire_after_months: must be a whole number of months from 1 to 1200"]
    );
    let e = &crate::rules::parse_rules("[[rules]]\nid = \"d\"\nkind = per_event\n").unwrap_err()[0];
    assert!(
        en(&e.in_file("r.toml")).starts_with("r.toml:3: not valid TOML: "),
        "{}",
        en(&e.in_file("r.toml"))
    );
}

/// English words a Chinese message of these files may hold: codes,
/// keys and formats one types, names of things merit reads.
const CODES: &[&str] = &[
    "merit",
    "CSV",
    "UTF",
    "GBK",
    "TOML",
    "YYYY",
    "MM",
    "DD",
    "MiB",
    "NUL",
    "Excel",
    "xml",
    "content",
    "limit_qty",
    "month",
    "quarter",
    "year",
    "activities",
    "points",
    "per_event",
    "attainment",
    "multiplier",
    "rank",
    "team_pool",
    "id",
    "at",
    "title",
    "customer_tier",
    "joint_visit",
    "per_amount",
    "true",
    "false",
    "utf",
    "gbk",
    "gb",
    "import",
    "rules",
    "settings",
    "encoding",
    "reason",
    "close",
    "allow",
    "empty",
    "CRM",
    "WF",
];

#[test]
fn the_chinese_has_no_english_of_merits_own() {
    let mut english = Vec::new();
    for (name, _, zh) in catalogue::FILES {
        if !matches!(*name, "input" | "rules") {
            continue;
        }
        for id in catalogue::ids(zh) {
            // Every variable the file names, as `x` or 1.
            let args: Vec<(&str, Arg<'_>)> = zh
                .split("{ $")
                .skip(1)
                .filter_map(|rest| rest.split([' ', '}']).next())
                .map(|v| (v, Arg::from("x")))
                .collect();
            let said = t_args_in(Lang::ZhCn, &id, &args);
            let words: Vec<&str> = said
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .filter(|w| w.len() > 1 && w.chars().all(|c| c.is_ascii_alphabetic() || c == '_'))
                .filter(|w| !CODES.contains(w))
                .collect();
            if !words.is_empty() {
                english.push(format!("{id}: {said} ({words:?})"));
            }
        }
    }
    assert!(english.is_empty(), "{}", english.join("\n"));
}
