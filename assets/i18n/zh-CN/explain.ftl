# 积分的由来（issue 40），由计分时保存的结构化说明写成。每个 id 也在
# en/explain.ftl 中，参数相同。数字按积分明细中的写法原样传入。

# 按次计分规则：活动与规则的基础积分。
explain-per-event = { $rule }：{ $subject }（{ $date }）基础 { $base } 分
# 按金额计分部分，以及加上基础积分后的小计。
explain-per-amount = ，金额 { $amount } 每满 { $unit } 加 { $points } 分，小计 { $total } 分
# 加倍活动。
explain-boost = ；{ $rule } 倍数 ×{ $factor }，得 { $total } 分
explain-rounded = ，四舍五入为 { $points } 分
# 封顶削减；per 为 month、quarter 或 year。
explain-cap = ；受封顶限制（每{ $per ->
        [month] 月
        [quarter] 季度
       *[year] 年
    } { $cap } 分，{ $period } 已用 { $spent } 分），削减为 { $left } 分

# 目标达成规则：完成额、目标与达到的档位。
explain-attainment = { $rule } { $period }：{ $event } 完成 { $sum }，目标 { $target }，达成率 { $attainment }%；达到 { $tier }% 档，得 { $points } 分
explain-accelerator = ；超额加速：达成率 { $attainment }% 超出 { $above }% 的部分每 1% 加 { $per-percent } 分，加 { $extra } 分，合计 { $total } 分

# 排名规则：团队内或全公司的名次。
explain-rank-team = { $rule } { $period }：在 { $team } 团队 { $of } 人中排名第 { $place }，已批准积分 { $approved }（不含排名奖励和团队奖池）
explain-rank-company = { $rule } { $period }：在全公司 { $of } 人中排名第 { $place }，已批准积分 { $approved }（不含排名奖励和团队奖池）
explain-rank-shared = ，与 { $others } 并列
explain-rank-points = ；第 { $place } 名奖励 { $points } 分
explain-rank-title = ，获得称号：{ $title }

# 团队奖池的分配；basis 为下面三种之一。
explain-pool = { $rule } { $period }：{ $team } 团队奖池 { $total } 分，来自 { $activities } 项活动；{ $member } { $basis }，分得 { $share } 分
explain-pool-equal = 无人贡献，由 { $members } 名成员平分
explain-pool-activities = 参与 { $took-part } 次（团队共 { $of } 人次）
explain-pool-points = 已批准积分 { $points }（团队共 { $of }）
explain-pool-remainder = （按余数从大到小多分 0.01 分）

# 手工录入的积分：主管填写的原因。
explain-manual = 手工录入：{ $reason }

# 对已批准积分的调整；difference 带正负号，why 为重新计算的说明或下面三种之一。
explain-adjustment = 调整 { $rule } { $subject }：现应得 { $now } 分，已批准 { $approved } 分，差额 { $difference } 分（{ $why }）
explain-moved-here = 活动日期由 { $from } 改到此日
explain-moved-to = 活动日期已改到 { $to }
explain-no-longer-computed = 规则已不再给出这项积分

# 积分明细行在说明后补充的内容。
explain-rejected = （已驳回：{ $reason }）
explain-disputed = ［{ $by } 提出申诉：{ $reason }］
explain-disputed-resolved = ［{ $by } 提出申诉：{ $reason }；{ $resolution ->
        [accepted] 申诉成立
       *[rejected] 申诉驳回
    }：{ $why }］
