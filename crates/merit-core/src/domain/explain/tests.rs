//! The English of every kind of explanation is, byte for byte, what merit
//! wrote before explanations were data: each `old_*` below is the code
//! that built the text then (scoring, period_end, recalc_plan, award),
//! kept as the oracle.

use super::*;
use proptest::prelude::*;

fn old_per_event(p: &PerEvent) -> String {
    let mut text = format!(
        "{} {} on {}: {}",
        p.rule,
        p.subject,
        p.date,
        format_decimal(p.base)
    );
    if let Some(pa) = &p.per_amount {
        text.push_str(&format!(
            " + floor({} / {}) × {}",
            format_decimal(pa.amount),
            format_decimal(pa.unit),
            format_decimal(pa.points)
        ));
        text.push_str(&format!(" = {}", format_decimal(pa.total)));
    }
    for m in &p.multipliers {
        text.push_str(&format!(
            "; {} ×{} = {}",
            m.rule,
            format_decimal(m.factor),
            format_decimal(m.total)
        ));
    }
    if let Some(points) = p.rounded {
        let points = crate::domain::Points::round(points);
        text.push_str(&format!(", rounded to {points}"));
    }
    if let Some(c) = &p.cap {
        let period = &c.period;
        text.push_str(&format!(
            "; cut to {} by the cap of {} per {} ({} already used in {period})",
            format_decimal(c.left),
            format_decimal(c.cap),
            c.per,
            format_decimal(c.spent),
        ));
    }
    text
}

fn old_attainment(a: &Attainment) -> String {
    let percent = |d: Decimal| {
        d.checked_mul(Decimal::ONE_HUNDRED)
            .map_or_else(|| "∞".to_string(), |p| format_decimal(p.round_dp(2)))
    };
    let period = &a.period;
    let mut text = format!(
        "{} {period}: {} {} of target {} = {}%; tier {}% = {}",
        a.rule,
        a.event,
        format_decimal(a.sum),
        format_decimal(a.target),
        percent(a.attainment),
        percent(a.tier_at),
        format_decimal(a.tier_points)
    );
    if let Some(acc) = &a.accelerator {
        text.push_str(&format!(
            "; accelerator floor({} − {}) × {} = {}; total {}",
            percent(a.attainment),
            percent(acc.above),
            format_decimal(acc.per_percent),
            format_decimal(acc.extra),
            format_decimal(acc.total)
        ));
    }
    text
}

fn old_rank(r: &Rank) -> String {
    let points = crate::domain::Points::round(r.approved);
    let award = crate::domain::Points::round(r.points);
    let (period, of) = (&r.period, r.of);
    let within = match &r.team {
        Some(team) => format!("in team {team}"),
        None => "in the company".to_string(),
    };
    let mut text = format!(
        "{} {period}: place {} of {of} {within} with {} approved points (rank and pool awards left out)",
        r.rule, r.place, points
    );
    if !r.shared_with.is_empty() {
        text.push_str(&format!(", shared with {}", r.shared_with.join(", ")));
    }
    text.push_str(&format!("; place {} = {}", r.place, award));
    if !r.title.is_empty() {
        text.push_str(&format!(", title {}", r.title));
    }
    text
}

fn old_pool(p: &Pool) -> String {
    let total = crate::domain::Points::round(p.total);
    let share = crate::domain::Points::round(p.share);
    let (period, team, code) = (&p.period, &p.team, &p.member);
    let basis = match &p.basis {
        PoolBasis::Equal { members } => format!("equal shares among {members} members"),
        PoolBasis::Activities { took_part, of } => format!(
            "took part in {} of the pooled activities' {} participations",
            format_decimal(*took_part),
            format_decimal(*of)
        ),
        PoolBasis::Points { points, of } => format!(
            "{} of the team's {} approved points",
            format_decimal(*points),
            format_decimal(*of)
        ),
    };
    let mut text = format!(
        "{} {period}: team {team}'s pool {total} from {} activities; {code} {basis}: share {share}",
        p.rule, p.activities
    );
    if p.remainder {
        text.push_str(" (with 0.01 of the remainder, largest remainders first)");
    }
    text
}

fn old_adjustment(a: &Adjustment) -> String {
    let target = crate::domain::Points::round(a.now);
    let approved_then = crate::domain::Points::round(a.approved);
    let diff = crate::domain::Points::round(a.difference);
    let why = match &a.why {
        AdjustWhy::Recomputed { computed } => old(computed),
        AdjustWhy::MovedHere { from } => format!("moved here from {from}"),
        AdjustWhy::MovedTo { to } => format!("moved to {to}"),
        AdjustWhy::NoLongerComputed => "no longer computed by the rules".to_string(),
    };
    format!(
        "adjustment of {} {}: now {target}, approved {approved_then}, difference {}{diff} ({why})",
        a.rule,
        a.subject,
        if diff.is_negative() { "" } else { "+" }
    )
}

fn old(e: &Explanation) -> String {
    match e {
        Explanation::Unexplained => String::new(),
        Explanation::PerEvent(p) => old_per_event(p),
        Explanation::Attainment(a) => old_attainment(a),
        Explanation::Rank(r) => old_rank(r),
        Explanation::Pool(p) => old_pool(p),
        Explanation::Manual { reason } => format!("manual: {}", reason.trim()),
        Explanation::Adjustment(a) => old_adjustment(a),
    }
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (-10_000_000_000i64..10_000_000_000, 0u32..6).prop_map(|(m, s)| Decimal::new(m, s))
}

/// Points as the scorer holds them: at most 2 places.
fn points() -> impl Strategy<Value = Decimal> {
    (-100_000_000i64..100_000_000, 0u32..3).prop_map(|(m, s)| Decimal::new(m, s))
}

fn word() -> impl Strategy<Value = String> {
    "[a-z0-9-]{1,8}|[张王李华东]{1,3}|D-[0-9]{1,4}"
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0i64..3000)
        .prop_map(|d| NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(d as u64))
}

fn per_event() -> impl Strategy<Value = Explanation> {
    (
        (word(), word(), date(), decimal()),
        proptest::option::of((decimal(), decimal(), decimal(), decimal())),
        proptest::collection::vec((word(), decimal(), decimal()), 0..3),
        proptest::option::of(points()),
        proptest::option::of((
            decimal(),
            decimal(),
            prop_oneof![Just("month"), Just("quarter"), Just("year")],
            decimal(),
            prop_oneof![Just("2026-03"), Just("2026-Q1"), Just("2026")],
        )),
    )
        .prop_map(|((rule, subject, date, base), pa, boosts, rounded, cap)| {
            Explanation::PerEvent(Box::new(PerEvent {
                rule,
                subject,
                date,
                base,
                per_amount: pa.map(|(amount, unit, points, total)| PerAmount {
                    amount,
                    unit,
                    points,
                    total,
                }),
                multipliers: boosts
                    .into_iter()
                    .map(|(rule, factor, total)| Boost {
                        rule,
                        factor,
                        total,
                    })
                    .collect(),
                rounded,
                cap: cap.map(|(left, cap, per, spent, period)| CapCut {
                    left,
                    cap,
                    per: per.to_string(),
                    spent,
                    period: period.to_string(),
                }),
            }))
        })
}

fn attainment() -> impl Strategy<Value = Explanation> {
    (
        (word(), word(), decimal(), decimal(), decimal()),
        (decimal(), decimal()),
        proptest::option::of((decimal(), decimal(), decimal(), decimal())),
    )
        .prop_map(|((rule, event, sum, target, attainment), (at, pts), acc)| {
            Explanation::Attainment(Box::new(Attainment {
                rule,
                period: "2026-Q1".into(),
                event,
                sum,
                target,
                attainment,
                tier_at: at,
                tier_points: pts,
                accelerator: acc.map(|(above, per_percent, extra, total)| Accelerator {
                    above,
                    per_percent,
                    extra,
                    total,
                }),
            }))
        })
}

fn rank() -> impl Strategy<Value = Explanation> {
    (
        (word(), 1u64..20, 1u64..200, proptest::option::of(word())),
        (points(), proptest::collection::vec(word(), 0..3), points()),
        prop_oneof![Just(String::new()), word()],
    )
        .prop_map(
            |((rule, place, of, team), (approved, shared_with, pts), title)| {
                Explanation::Rank(Box::new(Rank {
                    rule,
                    period: "2026-03".into(),
                    place,
                    of,
                    team,
                    approved,
                    shared_with,
                    points: pts,
                    title,
                }))
            },
        )
}

fn pool() -> impl Strategy<Value = Explanation> {
    let basis = prop_oneof![
        (1u64..50).prop_map(|members| PoolBasis::Equal { members }),
        (decimal(), decimal()).prop_map(|(took_part, of)| PoolBasis::Activities { took_part, of }),
        (decimal(), decimal()).prop_map(|(points, of)| PoolBasis::Points { points, of }),
    ];
    (
        (word(), word(), points(), 0u64..1000, word()),
        basis,
        points(),
        any::<bool>(),
    )
        .prop_map(
            |((rule, team, total, activities, member), basis, share, remainder)| {
                Explanation::Pool(Box::new(Pool {
                    rule,
                    period: "2026".into(),
                    team,
                    total,
                    activities,
                    member,
                    basis,
                    share,
                    remainder,
                }))
            },
        )
}

fn manual() -> impl Strategy<Value = Explanation> {
    "[ a-z张伟]{0,12}".prop_map(|reason| Explanation::Manual { reason })
}

fn explanation() -> impl Strategy<Value = Explanation> {
    let leaf = prop_oneof![
        Just(Explanation::Unexplained),
        per_event(),
        attainment(),
        rank(),
        pool(),
        manual(),
    ];
    let why = prop_oneof![
        leaf.clone().prop_map(|e| AdjustWhy::Recomputed {
            computed: Box::new(e)
        }),
        date().prop_map(|from| AdjustWhy::MovedHere { from }),
        date().prop_map(|to| AdjustWhy::MovedTo { to }),
        Just(AdjustWhy::NoLongerComputed),
    ];
    let adjustment = (word(), word(), points(), points(), why).prop_map(
        |(rule, subject, now, approved, why)| {
            Explanation::Adjustment(Box::new(Adjustment {
                rule,
                subject,
                now,
                approved,
                difference: now - approved,
                why,
            }))
        },
    );
    prop_oneof![leaf, adjustment]
}

/// The key and date of the award `e` usually explains: its own rule,
/// subject (or period), member and date, so that the stored JSON leaves
/// them out.
fn own_key(e: &Explanation, fallback: NaiveDate) -> (AwardKey, NaiveDate) {
    let key = |rule: &str, member: &str, subject: &str| AwardKey {
        rule_id: rule.into(),
        member: member.into(),
        subject: subject.into(),
    };
    match e {
        Explanation::PerEvent(p) => (key(&p.rule, "ZW", &p.subject), p.date),
        Explanation::Attainment(a) => (key(&a.rule, "ZW", &a.period), fallback),
        Explanation::Rank(r) => (key(&r.rule, "ZW", &r.period), fallback),
        Explanation::Pool(p) => (key(&p.rule, &p.member, &p.period), fallback),
        Explanation::Adjustment(a) => (key(&a.rule, "ZW", &a.subject), fallback),
        _ => (key("manual", "ZW", ""), fallback),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn an_explanation_comes_back_whole_from_beside_its_award(
        e in explanation(),
        on in date(),
        other in (word(), word(), word()),
        own in any::<bool>(),
    ) {
        let (key, date) = if own {
            own_key(&e, on)
        } else {
            (AwardKey { rule_id: other.0, member: other.1, subject: other.2 }, on)
        };
        let stored = e.to_stored_json(&key, date);
        prop_assert_eq!(Explanation::from_stored_json(&stored, &key, date), Some(e.clone()));
        // An earlier merit's whole JSON reads the same.
        prop_assert_eq!(Explanation::from_stored_json(&e.to_json(), &key, date), Some(e.clone()));
        if own {
            for field in ["\"rule\"", "\"subject\"", "\"period\"", "\"date\""] {
                let top = stored.matches(field).count();
                let nested = match &e {
                    Explanation::Adjustment(_) => usize::MAX,
                    Explanation::PerEvent(p) => p.multipliers.len(),
                    _ => 0,
                };
                prop_assert!(
                    top <= nested || (field == "\"period\"" && stored.contains("\"cap\"")),
                    "{} kept in {}", field, stored
                );
            }
        }
    }

    #[test]
    fn the_english_is_what_merit_wrote_before(e in explanation()) {
        prop_assert_eq!(e.english(), old(&e));
    }

    #[test]
    fn an_explanation_comes_back_whole_from_the_store(e in explanation()) {
        let back = Explanation::from_json(&e.to_json());
        prop_assert_eq!(back.as_ref().map(Explanation::english), Some(e.english()));
        prop_assert_eq!(back, Some(e));
    }
}

#[test]
fn a_usual_award_keeps_only_its_figures() {
    let d = |s: &str| Decimal::from_str_exact(s).unwrap();
    let date = NaiveDate::from_ymd_opt(2026, 8, 30).unwrap();
    let e = Explanation::PerEvent(Box::new(PerEvent {
        rule: "visit".into(),
        subject: "V-000200".into(),
        date,
        base: d("3"),
        per_amount: None,
        multipliers: vec![],
        rounded: None,
        cap: None,
    }));
    let key = AwardKey {
        rule_id: "visit".into(),
        member: "LQ".into(),
        subject: "V-000200".into(),
    };
    let stored = e.to_stored_json(&key, date);
    assert_eq!(stored, r#"{"kind":"per_event","base":"3"}"#);
    assert_eq!(
        Explanation::from_stored_json(&stored, &key, date),
        Some(e.clone())
    );
    // Beside an award it does not repeat (which merit does not write), or
    // that shares its subject and date but not its rule, it is kept whole.
    let elsewhere = AwardKey {
        subject: "V-000201".into(),
        ..key.clone()
    };
    let other_rule = AwardKey {
        rule_id: "call".into(),
        ..key.clone()
    };
    for (beside, field) in [
        (elsewhere, r#""subject":"V-000200""#),
        (other_rule, r#""rule":"visit""#),
    ] {
        let whole = e.to_stored_json(&beside, date);
        assert!(whole.contains(field), "{whole}");
        assert_eq!(
            Explanation::from_stored_json(&whole, &beside, date),
            Some(e.clone())
        );
    }
    assert_eq!(Explanation::from_stored_json("not json", &key, date), None);
    assert_eq!(Explanation::from_stored_json("[1]", &key, date), None);
}

#[test]
fn examples_read_as_before() {
    let d = |s: &str| Decimal::from_str_exact(s).unwrap();
    let e = Explanation::PerEvent(Box::new(PerEvent {
        rule: "deal".into(),
        subject: "D-003".into(),
        date: NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(),
        base: d("10"),
        per_amount: Some(PerAmount {
            amount: d("15000"),
            unit: d("10000"),
            points: d("15"),
            total: d("25"),
        }),
        multipliers: vec![Boost {
            rule: "sprint-week".into(),
            factor: d("1.5"),
            total: d("37.5"),
        }],
        rounded: None,
        cap: None,
    }));
    assert_eq!(
        e.english(),
        "deal D-003 on 2026-03-03: 10 + floor(15000 / 10000) × 15 = 25; sprint-week ×1.5 = 37.5"
    );
    assert_eq!(
        Explanation::Manual {
            reason: " mentoring ".into()
        }
        .english(),
        "manual: mentoring"
    );
}
