# merit's words for the audit log (issue 40), by id. Each id is in the other language's audit.ftl too.
# The actions and subjects merit stores in English (`merit audit`, an award's history): the
# table for people says them in the language in use, CSV and JSON as stored.

audit-approved = 已批准
audit-rejected = 已驳回
audit-approve = 批准
audit-reject = 驳回
audit-disputed = 提出申诉
audit-dispute-accepted = 申诉成立
audit-dispute-rejected = 申诉驳回
audit-manual-award = 手动积分
audit-recalc = 重算
audit-recalculated = 已重算
audit-adjustment = 调整
audit-adjusted = 已调整
audit-award-withdrawn = 撤回积分
audit-adjustment-withdrawn = 撤回调整
audit-close = 结账
audit-reopen = 重新打开
audit-redeem = 兑换
audit-approve-redemptions = 批准兑换
audit-reject-redemptions = 驳回兑换
audit-expire = 过期
audit-reward = 奖品
audit-reward-limits = 兑换限制
audit-rules-import = 导入规则
audit-rule-change = 修改规则
audit-activity-corrected = 更正活动
audit-import-members = 导入成员
audit-import-activities = 导入活动
audit-import-targets = 导入目标
audit-import-rewards = 导入奖品
audit-demo = 演示数据
audit-migrated = 升级数据库
audit-sealed = 加封签
audit-seal-accepted = 接受封签
audit-digest-posted = 发送播报
audit-fixed-date = 固定日期
audit-subject-award = 积分 { $id }
audit-subject-redemption = 兑换申请 { $id }
audit-subject-period = 周期 { $id }
audit-copied = 复制
