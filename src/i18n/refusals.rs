//! The words of every refusal (`error::Refusal`), from the catalogue
//! (`assets/i18n/*/refusals.ftl`) in the reader's language. The English
//! messages render exactly what the core's `Display` gives (what the
//! command line printed before there was a choice of language; scripts
//! and tests match it): a test holds them to it.

use super::{Arg, Lang, t_args_in};
use crate::domain::ClosedPeriod;
use crate::error::Refusal;

/// A closed period, said on its own: `2026-Q1 is closed (by li, …)`.
pub fn closed_period(lang: Lang, c: &ClosedPeriod) -> String {
    t_args_in(lang, "period-is-closed", &closed(c))
}

/// A closed period's arguments: `period`, `closed_by`, `closed_at`.
fn closed(c: &ClosedPeriod) -> [(&'static str, Arg<'_>); 3] {
    [
        ("period", Arg::from(&c.period)),
        ("closed_by", Arg::from(&c.closed_by)),
        ("closed_at", Arg::from(&c.closed_at)),
    ]
}

/// A reward's stock refusing `asked` items (`left` left).
fn stock(lang: Lang, id: &str, reward: &str, left: i64, asked: i64) -> String {
    t_args_in(
        lang,
        id,
        &[
            ("reward", reward.into()),
            ("left", Arg::from(left.to_string())),
            ("asked", Arg::from(asked.to_string())),
        ],
    )
}

/// A member short of points: what they `have` (named), what is `needed`.
fn short(
    lang: Lang,
    id: &str,
    member: &str,
    (name, have): (&str, crate::domain::Points),
    needed: crate::domain::Points,
) -> String {
    t_args_in(
        lang,
        id,
        &[
            ("member", member.into()),
            (name, have.into()),
            ("needed", needed.into()),
        ],
    )
}

/// A reward's limit per member and period, reached.
fn over_limit(lang: Lang, r: &Refusal) -> String {
    let Refusal::OverLimit {
        reward,
        limit,
        per,
        member,
        asked,
        period,
    } = r
    else {
        return String::new();
    };
    t_args_in(
        lang,
        "refused-over-limit",
        &[
            ("reward", reward.into()),
            ("limit", Arg::from(limit.to_string())),
            ("per", per.as_str().into()),
            ("member", member.into()),
            ("asked", Arg::from(asked.to_string())),
            ("period", period.into()),
        ],
    )
}

/// `r` in `lang`.
pub fn render(r: &Refusal, lang: Lang) -> String {
    use Refusal::*;
    let t = |id: &str, args: &[(&str, Arg<'_>)]| t_args_in(lang, id, args);
    let text = |n: &i64| Arg::from(n.to_string());
    match r {
        MemberInactive { member } => t("refused-member-inactive", &[("member", member.into())]),
        RewardInactive { reward } => t("refused-reward-inactive", &[("reward", reward.into())]),
        OutOfStock {
            reward,
            left,
            asked,
        } => stock(lang, "refused-out-of-stock", reward, *left, *asked),
        NotYetAvailable { reward, from } => t(
            "refused-not-yet-available",
            &[("reward", reward.into()), ("from", from.into())],
        ),
        NoLongerAvailable { reward, until } => t(
            "refused-no-longer-available",
            &[("reward", reward.into()), ("until", until.into())],
        ),
        OverLimit { .. } => over_limit(lang, r),
        NotEnoughAvailable {
            member,
            available,
            needed,
        } => short(
            lang,
            "refused-not-enough-available",
            member,
            ("available", *available),
            *needed,
        ),
        NowOutOfStock {
            reward,
            left,
            asked,
        } => stock(lang, "refused-now-out-of-stock", reward, *left, *asked),
        StockTaken { reward } => t("refused-stock-taken", &[("reward", reward.into())]),
        NotEnoughBalance {
            member,
            balance,
            needed,
        } => short(
            lang,
            "refused-not-enough-balance",
            member,
            ("balance", *balance),
            *needed,
        ),
        PeriodClosed(c) => t("refused-period-closed", &closed(c)),
        CannotDecide(c) => t("refused-cannot-decide", &closed(c)),
        PendingBeforeClose {
            period,
            pending,
            points,
        } => t(
            "refused-pending-before-close",
            &[
                ("period", period.into()),
                ("pending", pending.into()),
                ("points", points.into()),
            ],
        ),
        NotClosedItself { period, by } => {
            let [_, closed_by, closed_at] = closed(by);
            t(
                "refused-not-closed-itself",
                &[
                    ("period", period.into()),
                    ("by", Arg::from(&by.period)),
                    closed_by,
                    closed_at,
                ],
            )
        }
        NotClosed { period } => t("refused-not-closed", &[("period", period.into())]),
        AwardRejected { award } => t("refused-award-rejected", &[("award", text(award))]),
        AlreadyDisputed { award } => t("refused-already-disputed", &[("award", text(award))]),
        NoOpenDispute { award } => t("refused-no-open-dispute", &[("award", text(award))]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Period, PeriodKind, Points};

    /// Which variant `r` is; a new variant fails to compile here until
    /// [`every_refusal`] names one of it.
    fn variant(r: &Refusal) -> usize {
        use Refusal::*;
        match r {
            MemberInactive { .. } => 0,
            RewardInactive { .. } => 1,
            OutOfStock { .. } => 2,
            NotYetAvailable { .. } => 3,
            NoLongerAvailable { .. } => 4,
            OverLimit { .. } => 5,
            NotEnoughAvailable { .. } => 6,
            NowOutOfStock { .. } => 7,
            StockTaken { .. } => 8,
            NotEnoughBalance { .. } => 9,
            PeriodClosed(_) => 10,
            CannotDecide(_) => 11,
            PendingBeforeClose { .. } => 12,
            NotClosedItself { .. } => 13,
            NotClosed { .. } => 14,
            AwardRejected { .. } => 15,
            AlreadyDisputed { .. } => 16,
            NoOpenDispute { .. } => 17,
        }
    }
    const VARIANTS: usize = 18;

    fn every_refusal() -> Vec<Refusal> {
        use Refusal::*;
        let period = |s: &str| Period::parse(s).unwrap();
        let points = |s: &str| Points::round(s.parse::<rust_decimal::Decimal>().unwrap());
        let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        let closed = |p: &str| ClosedPeriod {
            period: period(p),
            closed_at: "2026-04-02 09:00".into(),
            closed_by: "li".into(),
        };
        let mut v = vec![
            MemberInactive {
                member: "M-001".into(),
            },
            RewardInactive {
                reward: "MUG".into(),
            },
            OutOfStock {
                reward: "MUG".into(),
                left: 1,
                asked: 3,
            },
            NotYetAvailable {
                reward: "MUG".into(),
                from: day("2026-07-01"),
            },
            NoLongerAvailable {
                reward: "MUG".into(),
                until: day("2026-09-30"),
            },
            NotEnoughAvailable {
                member: "张伟".into(),
                available: points("12.5"),
                needed: points("-40"),
            },
            NowOutOfStock {
                reward: "MUG".into(),
                left: 0,
                asked: 2,
            },
            StockTaken {
                reward: "MUG".into(),
            },
            NotEnoughBalance {
                member: "M-001".into(),
                balance: points("3"),
                needed: points("1000"),
            },
            PeriodClosed(closed("2026-Q1")),
            CannotDecide(closed("2026-03")),
            NotClosedItself {
                period: period("2026-02"),
                by: closed("2026-Q1"),
            },
            NotClosed {
                period: period("2026"),
            },
            AwardRejected { award: 7 },
            AlreadyDisputed { award: 12345 },
            NoOpenDispute { award: 1 },
        ];
        for kind in [
            PeriodKind::Week,
            PeriodKind::Month,
            PeriodKind::Quarter,
            PeriodKind::Year,
        ] {
            v.push(OverLimit {
                reward: "MUG".into(),
                limit: 2,
                per: kind,
                member: "M-001".into(),
                asked: 1,
                period: period("2026-Q3"),
            });
        }
        for pending in [0, 1, 2, 1000] {
            v.push(PendingBeforeClose {
                period: period("2026-W05"),
                pending,
                points: points("1234.5"),
            });
        }
        v
    }

    #[test]
    fn the_english_is_what_the_core_says() {
        let all = every_refusal();
        let mut seen = [false; VARIANTS];
        for r in &all {
            seen[variant(r)] = true;
            assert_eq!(render(r, Lang::En), r.to_string(), "{r:?}");
        }
        assert!(seen.iter().all(|s| *s), "a variant has no example");
    }

    #[test]
    fn the_chinese_has_no_english_of_merits_own() {
        for r in every_refusal() {
            let zh = render(&r, Lang::ZhCn);
            for w in [
                "refused", "reward", "stock", "closed", "award", "week", "month", "quarter",
                "year", "pending", "TEXT",
            ] {
                assert!(!zh.contains(w), "{w} in {zh}");
            }
        }
        let r = Refusal::OverLimit {
            reward: "MUG".into(),
            limit: 2,
            per: PeriodKind::Quarter,
            member: "M-001".into(),
            asked: 1,
            period: Period::parse("2026-Q3").unwrap(),
        };
        assert_eq!(
            render(&r, Lang::ZhCn),
            "无法兑换：奖品 MUG 每人每季度限兑 2 件（M-001 在 2026-Q3 已申请 1 件）"
        );
    }
}
