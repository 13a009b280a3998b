//! What each kind of rule says in the handbook.

use super::doc::Doc;
use super::md;
use super::{Words, per_key, percent};
use crate::domain::format_decimal;
use crate::i18n::Arg;
use crate::rules::{Attainment, PerEvent, PoolSplit, Rank, TeamPool};
use rust_decimal::Decimal;

pub fn per_event(doc: &mut Doc, w: Words, p: &PerEvent) {
    let amount = p.per_amount.as_ref().map_or(String::new(), |pa| {
        w.args(
            "handbook-per-amount",
            &[
                ("points", w.points(pa.points).into()),
                ("unit", format_decimal(pa.unit).into()),
            ],
        )
    });
    let when = if p.when.is_empty() {
        String::new()
    } else {
        let conds: Vec<String> = p
            .when
            .iter()
            .map(|(k, v)| {
                w.args(
                    "handbook-condition",
                    &[("field", md(k).into()), ("value", md(v).into())],
                )
            })
            .collect();
        let conditions = w.join(&conds, "handbook-condition-and");
        w.args("handbook-when", &[("conditions", conditions.into())])
    };
    let sign = if p.points < Decimal::ZERO {
        "minus"
    } else {
        "plus"
    };
    doc.item(&w.args(
        "handbook-per-event",
        &[
            ("event", md(&p.event).into()),
            ("sign", sign.into()),
            ("points", w.points(p.points.abs()).into()),
            ("amount", amount.into()),
            ("when", when.into()),
        ],
    ));
    if let Some(c) = &p.cap {
        doc.item(&w.args(
            "handbook-cap",
            &[
                ("points", w.points(c.points).into()),
                ("period", w.period(c.per).into()),
            ],
        ));
    }
}

pub fn attainment(doc: &mut Doc, w: Words, a: &Attainment) {
    let tiers: Vec<String> = a
        .tiers
        .iter()
        .map(|t| {
            w.args(
                "handbook-tier",
                &[
                    ("at", percent(t.at).into()),
                    ("points", w.points(t.points).into()),
                ],
            )
        })
        .collect();
    doc.item(&w.args(
        "handbook-attainment",
        &[
            ("per", per_key(a.per).into()),
            ("event", md(&a.event).into()),
            ("tiers", w.join(&tiers, "list-separator-semicolon").into()),
        ],
    ));
    if let Some(acc) = &a.accelerator {
        doc.item(&w.args(
            "handbook-accelerator",
            &[
                ("above", percent(acc.above).into()),
                ("points", w.points(acc.points_per_percent).into()),
            ],
        ));
    }
    doc.item(&w.args(
        "handbook-attainment-whole",
        &[
            ("period", w.period(a.per).into()),
            ("event", md(&a.event).into()),
        ],
    ));
}

pub fn rank(doc: &mut Doc, w: Words, r: &Rank) {
    let places: Vec<String> = r
        .places
        .iter()
        .map(|p| {
            let mut args = vec![
                ("rank", Arg::from(p.rank.to_string())),
                ("points", w.points(p.points).into()),
            ];
            if p.title.is_empty() {
                w.args("handbook-place", &args)
            } else {
                args.push(("title", md(&p.title).into()));
                w.args("handbook-place-titled", &args)
            }
        })
        .collect();
    let period = w.period(r.per);
    let team = if r.team { "yes" } else { "no" };
    doc.item(&w.args(
        "handbook-rank",
        &[
            ("period", (&period).into()),
            ("team", team.into()),
            ("places", w.join(&places, "list-separator-semicolon").into()),
        ],
    ));
    let bar = match r.min_points {
        Some(m) => w.args("handbook-rank-min", &[("points", w.points(m).into())]),
        None => w.t("handbook-rank-above-zero").to_string(),
    };
    doc.item(&w.args(
        "handbook-rank-bar",
        &[("bar", bar.into()), ("period", (&period).into())],
    ));
    doc.item(w.t("handbook-rank-tie"));
    doc.item(&w.args("handbook-rank-again", &[("period", period.into())]));
}

pub fn team_pool(doc: &mut Doc, w: Words, t: &TeamPool) {
    let kinds: Vec<String> = t
        .events
        .iter()
        .map(|e| w.args("handbook-pool-event", &[("event", md(e).into())]))
        .collect();
    doc.item(&w.args(
        "handbook-pool",
        &[
            ("events", w.join(&kinds, "handbook-pool-or").into()),
            ("points", w.points(t.points).into()),
        ],
    ));
    let split = match t.split {
        PoolSplit::Activities => "activities",
        PoolSplit::Points => "points",
    };
    doc.item(&w.args(
        "handbook-pool-share",
        &[("period", w.period(t.per).into()), ("split", split.into())],
    ));
    doc.item(w.t("handbook-pool-cents"));
}
