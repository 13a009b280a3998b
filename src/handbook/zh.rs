//! 积分计算手册: the points handbook in Chinese (issue 19), from the rules
//! in force on a day and the reward catalogue — 积分获取、积分扣除、活动
//! 加倍、兑换、有效期 — as Markdown a lead can hand to a Chinese team.
//! The same rules as `handbook.rs` says in English.

use crate::domain::{PeriodKind, Reward, format_decimal};
use crate::rules::*;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt::Write;

fn pts(d: Decimal) -> String {
    format!("{} 分", format_decimal(d))
}

fn per(p: PeriodKind) -> &'static str {
    match p {
        PeriodKind::Week => "周",
        PeriodKind::Month => "月",
        PeriodKind::Quarter => "季度",
        PeriodKind::Year => "年",
    }
}

fn percent(d: Decimal) -> String {
    format!("{}%", format_decimal(d * Decimal::ONE_HUNDRED))
}

/// A rule category's Chinese name; a category merit does not know keeps
/// its own name.
pub fn category(c: &str) -> String {
    match c.to_lowercase().as_str() {
        "" | "other" => "其他".into(),
        "performance" => "业绩".into(),
        "customer" => "客户".into(),
        "collaboration" => "协作".into(),
        "knowledge" => "知识分享".into(),
        "growth" => "成长".into(),
        "penalty" => "扣分".into(),
        "honour" | "honor" => "荣誉".into(),
        "support" => "支援".into(),
        _ => c.to_string(),
    }
}

fn is_deduction(r: &RuleVersion) -> bool {
    match &r.body {
        RuleBody::PerEvent(p) => {
            p.points < Decimal::ZERO
                || p.per_amount
                    .as_ref()
                    .is_some_and(|a| a.points < Decimal::ZERO)
        }
        _ => false,
    }
}

/// The handbook for `day`, with the active rewards of `rewards`.
pub fn handbook_zh(set: &RuleSet, day: NaiveDate, rewards: &[Reward]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# 积分计算手册\n\n以下为 {day} 生效的积分规则。");
    let grouped = crate::rules::in_force::by_category(set, day);
    let _ = writeln!(out, "\n## 一、积分获取");
    for (cat, rules) in &grouped {
        let earning: Vec<&&RuleVersion> = rules.iter().filter(|r| !is_deduction(r)).collect();
        if earning.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {}", category(cat));
        for r in earning {
            rule(&mut out, r);
        }
    }
    let _ = writeln!(out, "\n## 二、积分扣除");
    let mut any = false;
    for r in grouped
        .iter()
        .flat_map(|(_, rules)| rules)
        .filter(|r| is_deduction(r))
    {
        rule(&mut out, r);
        any = true;
    }
    if !any {
        let _ = writeln!(out, "\n- 目前没有扣分规则。");
    }
    campaigns(&mut out, set, day);
    let _ = writeln!(out, "\n## 四、积分兑换\n");
    let active: Vec<&Reward> = rewards.iter().filter(|r| r.active).collect();
    if active.is_empty() {
        let _ = writeln!(out, "- 目前没有可兑换的奖品。");
    }
    for r in active {
        let stock = r
            .stock
            .map_or("不限量".to_string(), |n| format!("剩余 {n} 件"));
        let _ = writeln!(
            out,
            "- **{}**（`{}`）：{}，{stock}",
            r.name,
            r.code,
            pts(r.cost.decimal())
        );
    }
    let _ = writeln!(
        out,
        "- 兑换申请经组长批准后扣除积分；批准时会再次核对余额和库存。"
    );
    let _ = writeln!(out, "\n## 五、审批与有效期\n");
    let _ = writeln!(out, "- 积分经组长批准后计入；排行榜旁会显示待审批的积分。");
    let _ = writeln!(
        out,
        "- 按月、季度或年计算的奖励在该周期结束前为暂定，周期结束后的第二天起可以批准。"
    );
    let _ = writeln!(
        out,
        "- 积分按产生它的日期记账：CRM 更正了活动日期时，积分随之移到新日期。"
    );
    let _ = writeln!(
        out,
        "- 对某条积分有疑问时可以提出申诉（`merit dispute`），处理前这条积分不会被批准。"
    );
    match set.settings.expire_after_months {
        Some(n) => {
            let _ = writeln!(
                out,
                "- 积分可在获得当月之后第 {n} 个月的最后一天之前使用；使用时先用最早的积分，过期的积分不能再使用。"
            );
        }
        None => {
            let _ = writeln!(out, "- 积分不会过期。");
        }
    }
    out
}

fn rule(out: &mut String, r: &RuleVersion) {
    let _ = writeln!(out, "\n#### {}（`{}`）\n", r.name, r.id);
    match &r.body {
        RuleBody::PerEvent(p) => per_event(out, p),
        RuleBody::Attainment(a) => attainment(out, a),
        RuleBody::Rank(k) => rank(out, k),
        RuleBody::TeamPool(t) => team_pool(out, t),
        RuleBody::Multiplier(_) => {}
    }
    if let Some(to) = r.valid_to {
        let _ = writeln!(out, "- 有效期至 {to}。");
    }
}

fn per_event(out: &mut String, p: &PerEvent) {
    let verb = if p.points < Decimal::ZERO {
        "扣"
    } else {
        "得"
    };
    let mut line = format!(
        "- 每一次 **{}** {verb} **{}**",
        p.event,
        pts(p.points.abs())
    );
    if let Some(pa) = &p.per_amount {
        let _ = write!(
            line,
            "，金额每满 {} 另加 {}",
            format_decimal(pa.unit),
            pts(pa.points)
        );
    }
    if !p.when.is_empty() {
        let conds: Vec<String> = p.when.iter().map(|(k, v)| format!("{k} 为 {v}")).collect();
        let _ = write!(line, "（条件：{}）", conds.join("，且 "));
    }
    let _ = writeln!(out, "{line}。");
    if let Some(c) = &p.cap {
        let _ = writeln!(
            out,
            "- 每人每{}最多 {}，本规则在该{}内的所有积分（含旧版本）都计入封顶额度；退款会相应减少已计入的积分。",
            per(c.per),
            pts(c.points),
            per(c.per)
        );
    }
}

fn attainment(out: &mut String, a: &Attainment) {
    let tiers: Vec<String> = a
        .tiers
        .iter()
        .map(|t| format!("达成 {} 得 {}", percent(t.at), pts(t.points)))
        .collect();
    let _ = writeln!(
        out,
        "- 按每{}的 **{}** 目标计算达成率：{}。只按达到的最高一档计分。",
        per(a.per),
        a.event,
        tiers.join("；")
    );
    if let Some(acc) = &a.accelerator {
        let _ = writeln!(
            out,
            "- 超过 {} 后，每多 1 个百分点再加 {}。",
            percent(acc.above),
            pts(acc.points_per_percent)
        );
    }
    let _ = writeln!(
        out,
        "- 整个{}的 {} 都计入（含本规则的旧版本）；档位以该{}最后一天生效的版本为准。",
        per(a.per),
        a.event,
        per(a.per)
    );
}

fn rank(out: &mut String, r: &Rank) {
    let within = if r.team {
        "在各自团队内"
    } else {
        "在全公司"
    };
    let places: Vec<String> = r
        .places
        .iter()
        .map(|p| {
            let title = if p.title.is_empty() {
                String::new()
            } else {
                format!("，并获「**{}**」称号", p.title)
            };
            format!("第 {} 名得 {}{title}", p.rank, pts(p.points))
        })
        .collect();
    let _ = writeln!(
        out,
        "- 每{}结束后，按已批准积分{within}排名：{}。",
        per(r.per),
        places.join("；")
    );
    let bar = match r.min_points {
        Some(m) => format!("至少 {}", pts(m)),
        None => "积分大于 0 ".to_string(),
    };
    let _ = writeln!(
        out,
        "- 本{}{bar}才参与排名；名次奖励和团队积分池的积分不计入排名。",
        per(r.per)
    );
    let _ = writeln!(
        out,
        "- 积分相同者名次并列，各得该名次的积分和称号，其后的名次顺延（1、2、2、4）。"
    );
    let _ = writeln!(
        out,
        "- {}结束后已批准积分如有变动，名次会重新计算，直到该{}结账。",
        per(r.per),
        per(r.per)
    );
}

fn team_pool(out: &mut String, t: &TeamPool) {
    let kinds: Vec<String> = t.events.iter().map(|e| format!("**{e}**")).collect();
    let _ = writeln!(
        out,
        "- 团队成员每记录一次 {}，团队积分池增加 {}。",
        kinds.join(" 或 "),
        pts(t.points)
    );
    let basis = match t.split {
        PoolSplit::Activities => {
            "各成员参与的池内活动次数（记录人，以及活动 `participants` 中列出的本团队成员）"
        }
        PoolSplit::Points => "各成员本期的已批准积分（名次奖励和积分池积分不计，负数按 0 计）",
    };
    let _ = writeln!(
        out,
        "- 每{}结束后，积分池按{basis}的比例分给团队成员；无人贡献时平均分配。",
        per(t.per)
    );
    let _ = writeln!(
        out,
        "- 分配精确到 0.01 分，总和等于积分池：每份先向下取整到 0.01，余下的 0.01 按余数从大到小逐个分配（余数相同时成员编号小者优先）。"
    );
}

fn campaigns(out: &mut String, set: &RuleSet, day: NaiveDate) {
    let list = crate::rules::in_force::campaigns(set, day);
    let _ = writeln!(out, "\n## 三、加倍活动");
    if list.is_empty() {
        let _ = writeln!(out, "\n- 目前没有加倍活动。");
    }
    for c in list {
        let _ = writeln!(
            out,
            "\n#### {}（`{}`）\n\n- {} 至 {}，{} 的积分乘以 {}。",
            c.rule.name,
            c.rule.id,
            c.from,
            c.to,
            c.boosted.join("、"),
            format_decimal(c.factor)
        );
    }
}
