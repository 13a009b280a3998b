//! The words of every refusal (`error::Refusal`) in English and in
//! Chinese. The English is what the command line printed before there was
//! a choice of language; scripts and tests match it, so it stays.

use super::Lang;
use crate::error::Refusal;

/// A period kind as the Chinese say it after 每 ("per").
fn per_zh(k: crate::domain::PeriodKind) -> &'static str {
    super::tr_in(Lang::ZhCn, k.as_str())
}

pub fn render(r: &Refusal, lang: Lang) -> String {
    match lang {
        Lang::En => r.to_string(),
        Lang::ZhCn => zh(r),
    }
}

fn closed_zh(c: &crate::domain::ClosedPeriod) -> String {
    format!("{} 已结账（{}，{}）", c.period, c.closed_by, c.closed_at)
}

fn zh(r: &Refusal) -> String {
    use Refusal::*;
    match r {
        MemberInactive { member } => format!("无法兑换：{member} 已停用"),
        RewardInactive { reward } => format!("无法兑换：奖品 {reward} 已下架"),
        OutOfStock {
            reward,
            left,
            asked,
        } => format!("无法兑换：奖品 {reward} 库存不足（剩 {left}，申请 {asked}）"),
        NotYetAvailable { reward, from } => {
            format!("无法兑换：奖品 {reward} 自 {from} 起才可兑换")
        }
        NoLongerAvailable { reward, until } => {
            format!("无法兑换：奖品 {reward} 仅可兑换至 {until}")
        }
        OverLimit {
            reward,
            limit,
            per,
            member,
            asked,
            period,
        } => format!(
            "无法兑换：奖品 {reward} 每人每{}限兑 {limit} 件（{member} 在 {period} 已申请 {asked} 件）",
            per_zh(*per)
        ),
        NotEnoughAvailable {
            member,
            available,
            needed,
        } => format!("无法兑换：{member} 可用积分 {available}，需要 {needed}"),
        NowOutOfStock {
            reward,
            left,
            asked,
        } => format!("{reward} 库存不足（剩 {left}，申请 {asked}）"),
        StockTaken { reward } => format!("{reward} 库存不足"),
        NotEnoughBalance {
            member,
            balance,
            needed,
        } => format!("{member} 余额 {balance}，需要 {needed}"),
        PeriodClosed(c) => format!(
            "{}：其中的积分不能再改动（merit reopen {} --reason 原因）",
            closed_zh(c),
            c.period
        ),
        CannotDecide(c) => format!(
            "{}：其中的积分不能再审批（merit reopen {} --reason 原因）",
            closed_zh(c),
            c.period
        ),
        PendingBeforeClose {
            period,
            pending,
            points,
        } => format!("{period} 还有 {pending} 条待审批积分（{points} 分）：审批或驳回后才能结账"),
        NotClosedItself { period, by } => format!(
            "{period} 本身没有结账：{}；请重新打开 {}",
            closed_zh(by),
            by.period
        ),
        NotClosed { period } => format!("{period} 没有结账"),
        AwardRejected { award } => format!("积分 {award} 已被驳回：无可申诉"),
        AlreadyDisputed { award } => format!("积分 {award} 已申诉中"),
        NoOpenDispute { award } => format!("积分 {award} 没有未决的申诉"),
    }
}
