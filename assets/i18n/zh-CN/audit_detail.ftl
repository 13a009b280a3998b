# The audit log's details (issue 40), by id. Each id is in the other language's audit_detail.ftl too.
# The store keeps each entry's detail in English (hashed into the chain, read by scripts) and beside
# it as one of these messages: `merit audit`'s table and an award's history on the screen word it in
# the language in use.

audit-detail-reason = ，理由：{ $reason }
audit-detail-then = { $first }；{ $rest }
audit-detail-and = { $first }，{ $rest }
audit-detail-none-given = 未填写
audit-detail-demo = { $members } 名成员，{ $activities } 条活动，随机种子 { $seed }
audit-detail-digest = { $period } 的播报已发送到群机器人“{ $robot }”（{ $platform }）{ $pending }
audit-detail-pending-included = ，含待审批积分
audit-detail-decided = { $count } 条积分，共 { $points } 分{ $reason }{ $ids }
audit-detail-ids = ，编号 { $ids }
audit-detail-decided-award = { $member } { $date } { $points } 分{ $reason }
audit-detail-recalc = { $period }：{ $counts }
audit-detail-recalc-all = 全部周期：{ $counts }
audit-detail-recalc-from = 自 { $from } 起：{ $counts }
audit-detail-recalc-counts = 新增 { $new }，变更 { $changed }，撤回 { $withdrawn }，调整 { $adjustments }，跳过 { $skipped }
audit-detail-closed = { $period }（{ $start } 至 { $end }）已结账
audit-detail-reopened = { $period } 已重新打开（原由 { $by } 于 { $at } 结账）；理由：{ $reason }
audit-detail-redeem = { $member } 兑换 { $reward } ×{ $qty }，{ $points } 分
audit-detail-redemption-decided = { $member } 兑换 { $reward } ×{ $qty }，{ $points } 分{ $reason }
audit-detail-redemptions-decided = 编号 { $ids }：已审批 { $decided } 条，无法兑换 { $refused } 条{ $reason }
audit-detail-expired = 截至 { $date }：{ $entries } 条流水，{ $points } 分
audit-detail-reward-limits = { $code }：{ $limits }
audit-detail-limit-per = 每名成员每{ $per ->
        [week] 周
        [month] 月
        [quarter] 季度
       *[year] 年
    }最多 { $qty } 件
audit-detail-limit-between = { $from } 至 { $to } 可兑换
audit-detail-limit-from = { $from } 起可兑换
audit-detail-limit-until = 截至 { $to } 可兑换
audit-detail-no-limits = 无限制
audit-detail-reward = { $code } { $what }：{ $name }，{ $cost } 分，库存 { $stock }，类别“{ $category }”，{ $active ->
        [true] 上架
       *[false] 下架
    }
audit-detail-reward-added = 已添加
audit-detail-reward-changed = 已修改
audit-detail-reward-unchanged = 已保存（未变）
audit-detail-unlimited = 不限
# merit's own category of a manual award is said in Chinese; a category the lead typed, as typed.
audit-detail-manual-award = { $member } { $points } 分，日期 { $date }（{ $category ->
        [manual] 手动
       *[other] { $category }
    }）：{ $reason }
audit-detail-disputed = 理由：{ $reason }
audit-detail-dispute-resolved = 理由：{ $reason }
audit-detail-dispute-corrected = 理由：{ $reason }；更正：积分 { $correction }
audit-detail-points-now = 积分 { $from } -> { $to }
audit-detail-date-now = 日期 { $from } -> { $to }
audit-detail-category-now = 类别 { $from } -> { $to }
audit-detail-explanation-now = 计算说明改为：{ $explanation }
audit-detail-explanation = { $explanation }
audit-detail-withdrawn = { $rule } { $member } { $subject } { $date }：{ $points } 分不再计入
audit-detail-difference-back-to-zero = 差额已归零
audit-detail-adjusted = 待审批调整 { $id }：{ $points } 分，日期 { $date }
audit-detail-activity-corrected = { $reference }：{ $before } → { $after }
audit-detail-imported = { $file }：新增 { $new }，更新 { $updated }，未变 { $unchanged }
audit-detail-rules-imported = { $path }：{ $versions } 个规则版本
audit-detail-rule-ended = 规则“{ $rule }”自 { $from } 起结束：替换 { $replaced } 个版本，写入 { $added } 个
audit-detail-rule-changed = 规则“{ $rule }”自 { $from } 起修改：替换 { $replaced } 个版本，写入 { $added } 个
audit-detail-migrated = 数据库结构从 { $from } 升级到 { $to }；按现状重新加封签
audit-detail-sealed = 数据库按现状加封签
audit-detail-fixed-date = 今天固定为 { $fixed }；系统时钟为 { $clock }
audit-detail-seal-accepted = 理由：{ $reason }；替换了{ $earlier }；{ $kept }；新的检查点在 { $path }；不一致之处：{ $differed }
audit-detail-earlier-seal = { $at } 的封签（流水 { $ledger } 条，审计日志 { $audit } 条，认证码 { $mac }）
audit-detail-no-seal = 无封签
audit-detail-checkpoint-kept = 之前的检查点保存在 { $path }
audit-detail-no-earlier-checkpoint = 无之前的检查点
audit-detail-nothing-differed = 无
audit-detail-copied = 从 { $from } 复制而来
