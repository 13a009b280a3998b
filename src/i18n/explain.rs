//! Explanations worded in the reader's language (issue 40), from the
//! explanation the scorer keeps as data, through the catalogue
//! (`assets/i18n/*/explain.ftl`), each rule by its name where the reader's
//! language names rules (`RuleNames`). An award from before explanations
//! were data keeps its English text (its rule named). In English the
//! words are, byte for byte, the stored English (a test holds them to it).

use super::names::RuleNames;
use super::{Arg, Lang, t_args_in, t_in};
use crate::domain::Award;
use crate::domain::explain::{
    AdjustWhy, Adjustment, Attainment, Explanation, PerEvent, Pool, PoolBasis, Rank, dec, percent,
    sign,
};
use crate::ops::statement::StatementLine;

/// The explanation worded in `lang`.
pub fn explanation(lang: Lang, e: &Explanation) -> String {
    match e {
        Explanation::Unexplained => String::new(),
        Explanation::PerEvent(p) => per_event(lang, p),
        Explanation::Attainment(a) => attainment(lang, a),
        Explanation::Rank(r) => rank(lang, r),
        Explanation::Pool(p) => pool(lang, p),
        Explanation::Manual { reason } => t_args_in(
            lang,
            "explain-manual",
            &[(
                "reason",
                Arg::from(super::messages::ledger_note_in(lang, reason.trim())),
            )],
        ),
        Explanation::Adjustment(a) => adjustment(lang, a),
    }
}

/// An award's explanation in `lang`, its rules named by `names`: worded
/// from its data, or from its English when it has none.
pub fn of_award(lang: Lang, a: &Award, names: &RuleNames) -> String {
    if lang == Lang::En {
        // English names rules by their ids, as the stored English does.
        return match a.explained() {
            Some(e) => explanation(lang, &e),
            None => a.stored_english.clone(),
        };
    }
    match a.explained() {
        Some(e) => explanation(lang, &names.explanation(&e)),
        None => older(&a.stored_english, &a.key.rule_id, &a.key.subject, names),
    }
}

/// The English text of an award from before explanations were data: it
/// keeps its English, its rule (`<rule> <subject>`) named.
fn older(text: &str, rule: &str, subject: &str, names: &RuleNames) -> String {
    let name = names.name(rule);
    if rule.is_empty() || subject.is_empty() || name == rule {
        return text.to_string();
    }
    text.replace(&format!("{rule} {subject}"), &format!("{name} {subject}"))
}

/// A statement line's explanation in `lang`, its rules named by `names`,
/// with what the line adds (a rejection, a dispute). In English: the
/// line's text as scripts read it.
pub fn of_line(lang: Lang, l: &StatementLine, names: &RuleNames) -> String {
    if lang == Lang::En {
        return l.explanation.clone();
    }
    let w = &l.why;
    let mut out = match &w.explain {
        Some(e) => explanation(lang, &names.explanation(e)),
        // A manual award's reason is the lead's own words.
        None if l.kind == "manual" && w.rejected.is_none() => {
            super::messages::ledger_note_in(lang, &w.text)
        }
        None => older(&w.text, &l.rule, &l.subject, names),
    };
    if let Some(r) = &w.rejected {
        out.push_str(&t_args_in(
            lang,
            "explain-rejected",
            &[("reason", Arg::from(r))],
        ));
    }
    if let Some(d) = &w.dispute {
        out.push_str(&match &d.resolution {
            None => t_args_in(
                lang,
                "explain-disputed",
                &[("by", Arg::from(&d.by)), ("reason", Arg::from(&d.reason))],
            ),
            Some((resolution, why)) => t_args_in(
                lang,
                "explain-disputed-resolved",
                &[
                    ("by", Arg::from(&d.by)),
                    ("reason", Arg::from(&d.reason)),
                    ("resolution", Arg::from(resolution)),
                    ("why", Arg::from(why)),
                ],
            ),
        });
    }
    out
}

fn per_event(lang: Lang, p: &PerEvent) -> String {
    let mut out = t_args_in(
        lang,
        "explain-per-event",
        &[
            ("rule", Arg::from(&p.rule)),
            ("subject", Arg::from(&p.subject)),
            ("date", Arg::from(p.date.to_string())),
            ("base", Arg::from(dec(p.base))),
        ],
    );
    if let Some(pa) = &p.per_amount {
        out.push_str(&t_args_in(
            lang,
            "explain-per-amount",
            &[
                ("amount", Arg::from(dec(pa.amount))),
                ("unit", Arg::from(dec(pa.unit))),
                ("points", Arg::from(dec(pa.points))),
                ("total", Arg::from(dec(pa.total))),
            ],
        ));
    }
    for m in &p.multipliers {
        out.push_str(&t_args_in(
            lang,
            "explain-boost",
            &[
                ("rule", Arg::from(&m.rule)),
                ("factor", Arg::from(dec(m.factor))),
                ("total", Arg::from(dec(m.total))),
            ],
        ));
    }
    if let Some(r) = p.rounded {
        out.push_str(&t_args_in(
            lang,
            "explain-rounded",
            &[("points", Arg::from(dec(r)))],
        ));
    }
    if let Some(c) = &p.cap {
        out.push_str(&t_args_in(
            lang,
            "explain-cap",
            &[
                ("left", Arg::from(dec(c.left))),
                ("cap", Arg::from(dec(c.cap))),
                ("per", Arg::from(&c.per)),
                ("spent", Arg::from(dec(c.spent))),
                ("period", Arg::from(&c.period)),
            ],
        ));
    }
    out
}

fn attainment(lang: Lang, a: &Attainment) -> String {
    let mut out = t_args_in(
        lang,
        "explain-attainment",
        &[
            ("rule", Arg::from(&a.rule)),
            ("period", Arg::from(&a.period)),
            ("event", Arg::from(&a.event)),
            ("sum", Arg::from(dec(a.sum))),
            ("target", Arg::from(dec(a.target))),
            ("attainment", Arg::from(percent(a.attainment))),
            ("tier", Arg::from(percent(a.tier_at))),
            ("points", Arg::from(dec(a.tier_points))),
        ],
    );
    if let Some(acc) = &a.accelerator {
        out.push_str(&t_args_in(
            lang,
            "explain-accelerator",
            &[
                ("attainment", Arg::from(percent(a.attainment))),
                ("above", Arg::from(percent(acc.above))),
                ("per-percent", Arg::from(dec(acc.per_percent))),
                ("extra", Arg::from(dec(acc.extra))),
                ("total", Arg::from(dec(acc.total))),
            ],
        ));
    }
    out
}

fn rank(lang: Lang, r: &Rank) -> String {
    let mut args = vec![
        ("rule", Arg::from(&r.rule)),
        ("period", Arg::from(&r.period)),
        ("place", Arg::from(r.place.to_string())),
        ("of", Arg::from(r.of.to_string())),
        ("approved", Arg::from(dec(r.approved))),
    ];
    let id = match &r.team {
        Some(team) => {
            args.push(("team", Arg::from(team)));
            "explain-rank-team"
        }
        None => "explain-rank-company",
    };
    let mut out = t_args_in(lang, id, &args);
    if !r.shared_with.is_empty() {
        out.push_str(&t_args_in(
            lang,
            "explain-rank-shared",
            &[("others", Arg::from(r.shared_with.join(", ")))],
        ));
    }
    out.push_str(&t_args_in(
        lang,
        "explain-rank-points",
        &[
            ("place", Arg::from(r.place.to_string())),
            ("points", Arg::from(dec(r.points))),
        ],
    ));
    if !r.title.is_empty() {
        out.push_str(&t_args_in(
            lang,
            "explain-rank-title",
            &[("title", Arg::from(&r.title))],
        ));
    }
    out
}

fn pool(lang: Lang, p: &Pool) -> String {
    let basis = match &p.basis {
        PoolBasis::Equal { members } => t_args_in(
            lang,
            "explain-pool-equal",
            &[("members", Arg::from(members.to_string()))],
        ),
        PoolBasis::Activities { took_part, of } => t_args_in(
            lang,
            "explain-pool-activities",
            &[
                ("took-part", Arg::from(dec(*took_part))),
                ("of", Arg::from(dec(*of))),
            ],
        ),
        PoolBasis::Points { points, of } => t_args_in(
            lang,
            "explain-pool-points",
            &[
                ("points", Arg::from(dec(*points))),
                ("of", Arg::from(dec(*of))),
            ],
        ),
    };
    let mut out = t_args_in(
        lang,
        "explain-pool",
        &[
            ("rule", Arg::from(&p.rule)),
            ("period", Arg::from(&p.period)),
            ("team", Arg::from(&p.team)),
            ("total", Arg::from(dec(p.total))),
            ("activities", Arg::from(p.activities.to_string())),
            ("member", Arg::from(&p.member)),
            ("basis", Arg::from(basis)),
            ("share", Arg::from(dec(p.share))),
        ],
    );
    if p.remainder {
        out.push_str(t_in(lang, "explain-pool-remainder"));
    }
    out
}

fn adjustment(lang: Lang, a: &Adjustment) -> String {
    let why = match &a.why {
        AdjustWhy::Recomputed { computed } => explanation(lang, computed),
        AdjustWhy::MovedHere { from } => t_args_in(
            lang,
            "explain-moved-here",
            &[("from", Arg::from(from.to_string()))],
        ),
        AdjustWhy::MovedTo { to } => t_args_in(
            lang,
            "explain-moved-to",
            &[("to", Arg::from(to.to_string()))],
        ),
        AdjustWhy::NoLongerComputed => t_in(lang, "explain-no-longer-computed").to_string(),
    };
    t_args_in(
        lang,
        "explain-adjustment",
        &[
            ("rule", Arg::from(&a.rule)),
            ("subject", Arg::from(&a.subject)),
            ("now", Arg::from(dec(a.now))),
            ("approved", Arg::from(dec(a.approved))),
            (
                "difference",
                Arg::from(format!("{}{}", sign(a.difference), dec(a.difference))),
            ),
            ("why", Arg::from(why)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::explain::{Accelerator, Boost, CapCut, PerAmount};
    use rust_decimal::Decimal;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    /// One of every kind of explanation, with and without each part.
    fn every_kind() -> Vec<Explanation> {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 3).unwrap();
        let per_event = |full: bool| {
            Explanation::PerEvent(Box::new(PerEvent {
                rule: "deal".into(),
                subject: "D-003".into(),
                date,
                base: d("10"),
                per_amount: full.then(|| PerAmount {
                    amount: d("150000"),
                    unit: d("10000"),
                    points: d("1.5"),
                    total: d("32.5"),
                }),
                multipliers: if full {
                    vec![
                        Boost {
                            rule: "sprint".into(),
                            factor: d("1.5"),
                            total: d("48.75"),
                        },
                        Boost {
                            rule: "冲刺".into(),
                            factor: d("1.1"),
                            total: d("53.625"),
                        },
                    ]
                } else {
                    Vec::new()
                },
                rounded: full.then(|| d("53.63")),
                cap: full.then(|| CapCut {
                    left: d("24"),
                    cap: d("60"),
                    per: "quarter".into(),
                    spent: d("36"),
                    period: "2026-Q1".into(),
                }),
            }))
        };
        let attainment = |acc: bool| {
            Explanation::Attainment(Box::new(Attainment {
                rule: "q-attain".into(),
                period: "2026-Q1".into(),
                event: "deal".into(),
                sum: d("360000"),
                target: d("300000"),
                attainment: d("1.2"),
                tier_at: d("1.0"),
                tier_points: d("60"),
                accelerator: acc.then(|| Accelerator {
                    above: d("1"),
                    per_percent: d("2"),
                    extra: d("40"),
                    total: d("100"),
                }),
            }))
        };
        let rank = |team: bool| {
            Explanation::Rank(Box::new(Rank {
                rule: "top".into(),
                period: "2026-03".into(),
                place: 2,
                of: 12,
                team: team.then(|| "华东".into()),
                approved: d("188.5"),
                shared_with: if team {
                    vec!["LN".into(), "CX".into()]
                } else {
                    vec![]
                },
                points: d("50"),
                title: if team {
                    "销售之星".into()
                } else {
                    String::new()
                },
            }))
        };
        let pool = |basis: PoolBasis, remainder: bool| {
            Explanation::Pool(Box::new(Pool {
                rule: "pool".into(),
                period: "2026".into(),
                team: "East".into(),
                total: d("100"),
                activities: 3,
                member: "ZW".into(),
                basis,
                share: d("33.34"),
                remainder,
            }))
        };
        let adjustment = |why: AdjustWhy, diff: &str| {
            Explanation::Adjustment(Box::new(Adjustment {
                rule: "deal".into(),
                subject: "D-003".into(),
                now: d("30"),
                approved: d("25"),
                difference: d(diff),
                why,
            }))
        };
        vec![
            Explanation::Unexplained,
            per_event(false),
            per_event(true),
            attainment(false),
            attainment(true),
            rank(false),
            rank(true),
            pool(PoolBasis::Equal { members: 3 }, false),
            pool(
                PoolBasis::Activities {
                    took_part: d("2"),
                    of: d("6"),
                },
                true,
            ),
            pool(
                PoolBasis::Points {
                    points: d("12.5"),
                    of: d("40"),
                },
                false,
            ),
            Explanation::Manual {
                reason: " mentoring ".into(),
            },
            adjustment(
                AdjustWhy::Recomputed {
                    computed: Box::new(per_event(true)),
                },
                "5",
            ),
            adjustment(AdjustWhy::MovedHere { from: date }, "0"),
            adjustment(AdjustWhy::MovedTo { to: date }, "-25"),
            adjustment(AdjustWhy::NoLongerComputed, "-25"),
        ]
    }

    #[test]
    fn the_english_words_are_the_stored_english() {
        for e in every_kind() {
            assert_eq!(explanation(Lang::En, &e), e.english(), "{e:?}");
        }
    }

    #[test]
    fn the_chinese_words_carry_no_english_of_merits_own() {
        let data = [
            "deal",
            "D",
            "sprint",
            "q",
            "attain",
            "top",
            "LN",
            "CX",
            "pool",
            "East",
            "ZW",
            "Q1",
            "mentoring",
        ];
        for e in every_kind().into_iter().skip(1) {
            let words = explanation(Lang::ZhCn, &e);
            let english: Vec<&str> = words
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .flat_map(|w| w.split('-'))
                .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()) && !data.contains(w))
                .collect();
            assert!(english.is_empty(), "{english:?} in {words}");
        }
    }
}
