//! The demo store: about 25 members in three teams, Chinese and Latin names,
//! a year of activities up to today exercising every rule kind, targets,
//! earlier quarters approved and the current quarter pending. The same seed
//! and today give the same store. Asked for a number of activities, it
//! reaches back as many weeks as that takes (the large dataset of the
//! benchmarks: 2 000 members, 1 000 000 activities).

use super::{Context, decide, recalc};
use crate::domain::{Member, Period, PeriodKind, Status, Target};
use crate::error::{Error, Result};
use crate::rules::{RuleSet, parse_rules};
use crate::store::{AwardFilter, Store, Tx};
use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;

mod activities;

/// The language of the demo's words: its rule names, categories and
/// titles, teams, rewards and members' names. The front chooses it (the
/// core reads no language); both give a store of the same shape from the
/// same seed and today.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DemoLanguage {
    #[default]
    English,
    /// A Chinese team: 华东, 华南, 华北; 业绩, 客户, 成长, 协作, 扣分…
    Chinese,
}

/// The demo's data files and teams in one language.
struct DemoData {
    names: &'static str,
    rules: &'static str,
    rewards: &'static str,
    teams: [&'static str; 3],
}

impl DemoLanguage {
    fn data(self) -> DemoData {
        match self {
            DemoLanguage::English => DemoData {
                names: include_str!("../../assets/demo-names.csv"),
                rules: include_str!("../../assets/demo-rules.toml"),
                rewards: include_str!("../../assets/demo-rewards.csv"),
                teams: ["East", "West", "North"],
            },
            DemoLanguage::Chinese => DemoData {
                names: include_str!("../../assets/demo-names.zh-CN.csv"),
                rules: include_str!("../../assets/demo-rules.zh-CN.toml"),
                rewards: include_str!("../../assets/demo-rewards.zh-CN.csv"),
                teams: ["华东", "华南", "华北"],
            },
        }
    }
}

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct DemoOptions {
    pub members: usize,
    pub seed: u64,
    /// The language of the demo's words.
    pub language: DemoLanguage,
    /// Exactly this many activities, reaching back as far as needed;
    /// `None`: a year's worth.
    pub activities: Option<usize>,
    /// Put every activity within these calendar years, the last being
    /// today's (`--years`): with `activities`, as dense as that makes them.
    pub years: Option<u32>,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            members: 25,
            seed: 1,
            language: DemoLanguage::English,
            activities: None,
            years: None,
        }
    }
}

/// The most years `--years` spans.
pub const MAX_YEARS: u32 = 50;

/// The most activities a demo holds.
pub const MAX_ACTIVITIES: usize = 20_000_000;

/// Activities a member has in an average week (measured on the generator).
const WEEKLY_PER_MEMBER: f64 = 2.5;

/// What was written.
#[derive(Debug, Clone, Copy, Default)]
pub struct DemoSummary {
    pub members: usize,
    pub activities: usize,
    pub approved: usize,
    pub pending: usize,
}

/// A small, fast, deterministic generator (SplitMix64); the benchmarks
/// build their data with it too.
#[derive(Debug, Clone)]
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// The demo rules, with their dates placed relative to `today`.
pub fn demo_rules_text(today: NaiveDate) -> String {
    demo_rules_text_in(DemoLanguage::English, today)
}

/// The demo rules in `language`, with their dates placed relative to `today`.
pub fn demo_rules_text_in(language: DemoLanguage, today: NaiveDate) -> String {
    let quarter = Period::containing(PeriodKind::Quarter, today);
    // A sprint week inside the current quarter, already started.
    let sprint_from = quarter.start().max(today - Days::new(20)).min(today);
    let sprint_to = sprint_from + Days::new(6);
    let switch = Period::containing(PeriodKind::Quarter, today)
        .prev()
        .start();
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    language
        .data()
        .rules
        .replace("{SPRINT_FROM}", &day(sprint_from))
        .replace("{SPRINT_TO}", &day(sprint_to))
        .replace("{VISIT_SWITCH_EVE}", &day(switch - Days::new(1)))
        .replace("{VISIT_SWITCH}", &day(switch))
}

/// Writes the demo into an empty store, in one transaction.
pub fn write_demo(store: &mut Store, ctx: &Context, opts: DemoOptions) -> Result<DemoSummary> {
    let rules = check_demo(store, ctx, opts)?;
    let span = DemoSpan::new(opts, ctx.today);
    let mut rng = Rng(opts.seed ^ 0x006D_6572_6974);
    let data = opts.language.data();
    let members = demo_members(&data, &mut rng, opts.members, ctx.today, span.days);
    let mut summary = DemoSummary {
        members: members.len(),
        ..DemoSummary::default()
    };

    let tx = store.write()?;
    tx.replace_rules(&rules, &ctx.now(), &ctx.actor)?;
    for m in &members {
        tx.upsert_member(m)?;
    }
    summary.activities = activities::write_activities(&tx, ctx, opts, &span, &members, &mut rng)?;
    write_targets(&tx, &members, &mut rng, span.start, ctx.today)?;
    summary.approved = approve_ended(&tx, ctx)?;
    write_rewards(&tx, ctx, data.rewards, &members, &mut rng)?;
    summary.pending = tx
        .db()
        .award_ids(&AwardFilter {
            status: Some(Status::Pending),
            ..AwardFilter::default()
        })?
        .len();
    tx.audit(
        &ctx.now(),
        &ctx.actor,
        "demo",
        &format!(
            "{} members, {} activities, seed {}",
            summary.members, summary.activities, opts.seed
        ),
        &crate::msg!(
            "audit-detail-demo",
            members = summary.members,
            activities = summary.activities,
            seed = opts.seed.to_string()
        ),
    )?;
    tx.commit()?;
    Ok(summary)
}

/// The options' bounds, an empty store and the demo rules, in that order.
fn check_demo(store: &Store, ctx: &Context, opts: DemoOptions) -> Result<RuleSet> {
    if opts.members == 0 || opts.members > 100_000 {
        return Err(Error::usage(crate::msg!("demo-members-range")));
    }
    let db = store.db();
    if !db.members()?.is_empty() || db.activity_span()?.is_some() {
        return Err(Error::failed(crate::msg!(
            "demo-store-not-empty",
            path = store.path().display()
        )));
    }
    let rules = parse_rules(&demo_rules_text_in(opts.language, ctx.today))
        .map_err(|e| Error::failed(crate::msg!("demo-rules", problem = e[0].to_msg())))?;
    if opts
        .activities
        .is_some_and(|n| n == 0 || n > MAX_ACTIVITIES)
    {
        return Err(Error::usage(crate::msg!(
            "demo-activities-range",
            max = MAX_ACTIVITIES.to_string()
        )));
    }
    if opts.years.is_some_and(|y| y == 0 || y > MAX_YEARS) {
        return Err(Error::usage(crate::msg!(
            "demo-years-range",
            max = MAX_YEARS.to_string()
        )));
    }
    Ok(rules)
}

/// The days the demo's activities reach over.
struct DemoSpan {
    /// The span members' joining dates are drawn over (twice it).
    days: u64,
    /// The day of the oldest activity kept.
    start: NaiveDate,
    /// With `--years`: the first of January of the first year.
    within: Option<NaiveDate>,
}

impl DemoSpan {
    /// A year of activity, from the start of the quarter a year ago; or the
    /// weeks the asked number takes at the generator's pace, members having
    /// joined over twice that span, reaching back until the number is met.
    fn new(opts: DemoOptions, today: NaiveDate) -> DemoSpan {
        let (days, reach) = match opts.activities {
            None => (365, 365),
            Some(n) => {
                let weeks = n as f64 / (opts.members as f64 * WEEKLY_PER_MEMBER);
                let span = (weeks * 7.0) as u64 + 30;
                (span, span * 4)
            }
        };
        let earliest = NaiveDate::from_ymd_opt(1901, 1, 1).unwrap_or(today);
        let reach = reach.min((today - earliest).num_days().max(0) as u64);
        // With --years: from the first of January of the first year, every
        // member there from the start, the weeks gone over again and again
        // until the number is met.
        let within = opts.years.and_then(|y| {
            let first = today.year().checked_sub(y as i32 - 1)?;
            NaiveDate::from_ymd_opt(first, 1, 1).filter(|d| *d >= earliest)
        });
        let start = match within {
            Some(first) => first,
            None => Period::containing(PeriodKind::Quarter, today - Days::new(reach)).start(),
        };
        DemoSpan {
            days,
            start,
            within,
        }
    }
}

/// A deal target for every member in every quarter from `start`'s to today's.
fn write_targets(
    tx: &Tx,
    members: &[Member],
    rng: &mut Rng,
    start: NaiveDate,
    today: NaiveDate,
) -> Result<()> {
    let mut q = Period::containing(PeriodKind::Quarter, start);
    while q.start() <= today {
        for m in members {
            let target = Decimal::from(rng.range(12, 20) * 50_000);
            tx.upsert_target(&Target {
                member: m.code.clone(),
                period: q,
                metric: "deal".into(),
                target,
            })?;
        }
        q = q.next();
    }
    Ok(())
}

/// Scores the store and approves what falls before the current quarter:
/// the current one is left for the lead. Returns how many were approved.
fn approve_ended(tx: &Tx, ctx: &Context) -> Result<usize> {
    let current = Period::containing(PeriodKind::Quarter, ctx.today);
    let ended = AwardFilter {
        to: current.start().pred_opt(),
        status: Some(Status::Pending),
        ..AwardFilter::default()
    };
    recalc::recalc_in(tx, ctx, None)?;
    let before: Vec<i64> = tx.db().award_ids(&ended)?;
    let mut approved = decide::decide_in(tx, ctx, &before, Status::Approved, None)?.count;
    // Places and shares follow approved points: a second recalc gives the
    // ended periods' champions, stars and pools, approved like the rest
    // before the current quarter (titles show on the first look).
    recalc::recalc_in(tx, ctx, None)?;
    let places: Vec<i64> = tx.db().award_ids(&ended)?;
    approved += decide::decide_in(tx, ctx, &places, Status::Approved, None)?.count;
    Ok(approved)
}

/// The demo catalog, and a few pending requests from members who can pay.
fn write_rewards(
    tx: &Tx,
    ctx: &Context,
    catalog: &str,
    members: &[Member],
    rng: &mut Rng,
) -> Result<()> {
    let mut rewards = Vec::new();
    for line in catalog.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let [code, name, cost, stock, category] = f[..] else {
            continue;
        };
        let reward = crate::domain::Reward {
            code: code.into(),
            name: name.into(),
            cost: crate::domain::Points::parse(cost).map_err(Error::failed)?,
            stock: stock.parse().ok(),
            category: category.into(),
            active: true,
        };
        tx.upsert_reward(&reward)?;
        rewards.push(reward);
    }
    let balances = super::catalog::all_balances(tx.db())?;
    let mut requests = 0;
    for m in members.iter().filter(|m| m.active) {
        if requests == 4 {
            break;
        }
        let balance = balances.get(&m.code).copied().unwrap_or_default();
        let affordable: Vec<_> = rewards.iter().filter(|r| r.cost <= balance).collect();
        if affordable.is_empty() || rng.range(0, 3) != 0 {
            continue;
        }
        let r = affordable[rng.range(0, affordable.len() as u64 - 1) as usize];
        tx.insert_redemption(&m.code, &r.code, 1, r.cost, ctx.today, &ctx.actor)?;
        requests += 1;
    }
    Ok(())
}

/// `n` members who joined between 200 days and twice `span` days (at
/// least 1 500) before today.
fn demo_members(
    data: &DemoData,
    rng: &mut Rng,
    n: usize,
    today: NaiveDate,
    span: u64,
) -> Vec<Member> {
    let names: Vec<(&str, &str)> = data
        .names
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(','))
        .collect();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let (code, name) = names[i % names.len()];
        let round = i / names.len();
        let (code, name) = if round == 0 {
            (code.to_string(), name.to_string())
        } else {
            (
                format!("{code}{}", round + 1),
                format!("{name}{}", round + 1),
            )
        };
        let joined = today - Days::new(rng.range(200, (span * 2).max(1500)));
        out.push(Member {
            code,
            name,
            team: data.teams[(i * 7 + round) % data.teams.len()].to_string(),
            joined: Some(joined),
            // One member has left: history kept, out of the standings.
            active: i != n.saturating_sub(1) || n < 10,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Chinese demo has the English one's rules, id for id, kind for
    /// kind, window for window: only the words differ.
    #[test]
    fn the_chinese_demo_rules_are_the_english_ones_in_chinese() {
        let today = NaiveDate::from_ymd_opt(2026, 5, 20).unwrap();
        let en = parse_rules(&demo_rules_text_in(DemoLanguage::English, today)).unwrap();
        let zh = parse_rules(&demo_rules_text_in(DemoLanguage::Chinese, today)).unwrap();
        let shape = |set: &crate::rules::RuleSet| -> Vec<String> {
            set.rules
                .iter()
                .map(|r| {
                    format!(
                        "{} {} {:?} {:?} {}",
                        r.id,
                        r.kind_name(),
                        r.valid_from,
                        r.valid_to,
                        r.active
                    )
                })
                .collect()
        };
        assert_eq!(shape(&en), shape(&zh));
        let categories: std::collections::BTreeSet<&str> =
            zh.rules.iter().map(|r| r.category.as_str()).collect();
        for c in &categories {
            assert!(
                ["业绩", "客户", "成长", "协作", "扣分", "荣誉"].contains(c),
                "{c}"
            );
        }
        assert!(zh.rules.iter().all(|r| !r.name.is_ascii()));
    }

    /// Both catalogues hold the same rewards by code, cost and stock.
    #[test]
    fn the_chinese_rewards_cost_what_the_english_ones_do() {
        let cells = |csv: &str| -> Vec<(String, String, String)> {
            csv.lines()
                .skip(1)
                .map(|l| {
                    let f: Vec<&str> = l.split(',').collect();
                    (f[0].into(), f[2].into(), f[3].into())
                })
                .collect()
        };
        let (en, zh) = (DemoLanguage::English.data(), DemoLanguage::Chinese.data());
        assert_eq!(cells(en.rewards), cells(zh.rewards));
        assert_eq!(en.names.lines().count(), zh.names.lines().count());
    }
}
