# 拒绝改动的原因（error::Refusal），按 id（issue 40）。用词见 GLOSSARY.md。

refused-member-inactive = 无法兑换：{ $member } 已停用
refused-reward-inactive = 无法兑换：奖品 { $reward } 已下架
refused-out-of-stock = 无法兑换：奖品 { $reward } 库存不足（剩 { $left }，申请 { $asked }）
refused-not-yet-available = 无法兑换：奖品 { $reward } 自 { $from } 起才可兑换
refused-no-longer-available = 无法兑换：奖品 { $reward } 仅可兑换至 { $until }
refused-over-limit = 无法兑换：奖品 { $reward } 每人每{ $per ->
        [week] 周
        [month] 月
        [quarter] 季度
       *[year] 年
    }限兑 { $limit } 件（{ $member } 在 { $period } 已申请 { $asked } 件）
refused-not-enough-available = 无法兑换：{ $member } 可用积分 { $available }，需要 { $needed }
refused-now-out-of-stock = { $reward } 库存不足（剩 { $left }，申请 { $asked }）
refused-stock-taken = { $reward } 库存不足
refused-not-enough-balance = { $member } 余额 { $balance }，需要 { $needed }
refused-period-closed = { $period } 已结账（{ $closed_by }，{ $closed_at }）：其中的积分不能再改动（merit reopen { $period } --reason 原因）
refused-cannot-decide = { $period } 已结账（{ $closed_by }，{ $closed_at }）：其中的积分不能再审批（merit reopen { $period } --reason 原因）
refused-pending-before-close = { $period } 还有 { $pending } 条待审批积分（{ $points } 分）：审批或驳回后才能结账
refused-not-closed-itself = { $period } 本身没有结账：{ $by } 已结账（{ $closed_by }，{ $closed_at }）；请重新打开 { $by }
refused-not-closed = { $period } 没有结账
refused-award-rejected = 积分 { $award } 已被驳回：无可申诉
refused-already-disputed = 积分 { $award } 已申诉中
refused-no-open-dispute = 积分 { $award } 没有未决的申诉

# 单独说明一个已结账的周期（merit close、merit reopen）。
period-is-closed = { $period } 已结账（{ $closed_by }，{ $closed_at }）
