# 积分计算手册（`merit rules handbook`）的文字，按 id（issue 40）。每个 id
# 也在 en/handbook.ftl 中，参数相同。各部分的说明见 en/handbook.ftl。

# 手册的各部分及其顺序。
handbook-parts = earning deductions campaigns rewards approval

handbook-title = # 积分计算手册
handbook-in-force = 以下为 { $day } 生效的积分规则。
handbook-earning = ## 一、积分获取
handbook-deductions = ## 二、积分扣除
handbook-deductions-none = 目前没有扣分规则。
handbook-campaigns = ## 三、加倍活动
handbook-campaigns-none = 目前没有加倍活动。
handbook-rewards = ## 四、积分兑换
handbook-rewards-none = 目前没有可兑换的奖品。
handbook-approval = ## 五、审批与有效期

# 类别标题；key 为小写的类别名（没有类别时为 other）。
handbook-category = ### { $key ->
        [other] 其他
        [performance] 业绩
        [customer] 客户
        [collaboration] 协作
        [knowledge] 知识分享
        [growth] 成长
        [penalty] 扣分
        [honour] 荣誉
        [honor] 荣誉
        [support] 支援
       *[any] { $name }
    }
handbook-rule = #### { $name }（`{ $id }`）
handbook-until = 有效期至 { $to }。

handbook-points = { $n } 分
handbook-period = { $per ->
        [week] 周
        [month] 月
        [quarter] 季度
       *[year] 年
    }
handbook-list-comma = 、

handbook-per-event = 每一次 **{ $event }** { $sign ->
        [minus] 扣
       *[plus] 得
    } **{ $points }**{ $amount }{ $when }。
handbook-per-amount = ，金额每满 { $unit } 另加 { $points }
handbook-when = （条件：{ $conditions }）
handbook-condition = { $field } 为 { $value }
handbook-condition-and = ，且{" "}
handbook-cap = 每人每{ $period }最多 { $points }，本规则在该{ $period }内的所有积分（含旧版本）都计入封顶额度；退款会相应减少已计入的积分。

handbook-tier = 达成 { $at }% 得 { $points }
handbook-attainment = 按每{ $per ->
        [week] 周
        [month] 月
        [quarter] 季度
       *[year] 年
    }的 **{ $event }** 目标计算达成率：{ $tiers }。只按达到的最高一档计分。
handbook-accelerator = 超过 { $above }% 后，每多 1 个百分点再加 { $points }。
handbook-attainment-whole = 整个{ $period }的 { $event } 都计入（含本规则的旧版本）；档位以该{ $period }最后一天生效的版本为准。

handbook-place = 第 { $rank } 名得 { $points }
handbook-place-titled = 第 { $rank } 名得 { $points }，并获「**{ $title }**」称号
handbook-rank = 每{ $period }结束后，按已批准积分{ $team ->
        [yes] 在各自团队内
       *[no] 在全公司
    }排名：{ $places }。
handbook-rank-min = 至少 { $points }
handbook-rank-above-zero = 积分大于 0{" "}
handbook-rank-bar = 本{ $period }{ $bar }才参与排名；名次奖励和团队奖池的积分不计入排名。
handbook-rank-tie = 积分相同者名次并列，各得该名次的积分和称号，其后的名次顺延（1、2、2、4）。
handbook-rank-again = { $period }结束后已批准积分如有变动，名次会重算，直到该{ $period }结账。

handbook-pool-event = **{ $event }**
handbook-pool-or = {" 或 "}
handbook-pool = 团队成员每记录一次 { $events }，团队奖池增加 { $points }。
handbook-pool-share = 每{ $period }结束后，积分池按{ $split ->
        [activities] 各成员参与的池内活动次数（记录人，以及活动 `participants` 中列出的本团队成员）
       *[points] 各成员本期的已批准积分（名次奖励和积分池积分不计，负数按 0 计）
    }的比例分给团队成员；无人贡献时平均分配。
handbook-pool-cents = 分配精确到 0.01 分，总和等于积分池：每份先向下取整到 0.01，余下的 0.01 按余数从大到小逐个分配（余数相同时成员编号小者优先）。

handbook-campaign = { $from } 至 { $to }，{ $rules } 的积分乘以 { $factor }。

handbook-reward = **{ $name }**（`{ $code }`）：{ $cost }，剩余 { $stock } 件
handbook-reward-unlimited = **{ $name }**（`{ $code }`）：{ $cost }，库存不限
handbook-rewards-approval = 兑换申请经组长批准后扣除积分；批准时会再次核对余额和库存。

# 审批：每行一条。
handbook-approval-rules =
    积分经组长批准后计入；排行榜旁会显示待审批的积分。
    按月、季度或年计算的奖励在该周期结束前为暂定，周期结束后的第二天起可以批准。
    积分按产生它的日期记账：CRM 更正了活动日期时，积分随之移到新日期。
    对某条积分有疑问时可以提出申诉（`merit dispute`），处理前这条积分不会被批准。
# 中文序数只有 other 一类。
handbook-expiry = 积分可在获得当月之后{ $ord ->
       *[other] 第 { $n } 个月
    }的最后一天之前使用；使用时先用最早的积分，过期的积分不能再使用。
handbook-no-expiry = 积分不会过期。
