# 公示页面的用词（merit publish：网站、个人积分明细、standings.md），按 id（issue 40）。用词见 GLOSSARY.md。

publish-title = 积分排行榜
publish-with-pending = 含待审批积分（尚未批准）。
publish-approved-only = 仅含已批准积分。
publish-members = 个人
publish-teams = 团队
publish-move = 名次变化
publish-member = 成员
publish-team = 团队
publish-points = 积分
publish-target = 目标达成率
publish-statement = 个人积分明细
publish-back = ← 排行榜
publish-approved = 本期已批准积分
publish-pending-points = 待审批
publish-provisional = 暂定（周期未结束）
publish-balance = 当前余额
publish-available = 可用积分
publish-expiring = 30 天内到期
publish-next-reward = 下一个奖品
publish-progress = 达成进度
publish-by-category = 按类别的已批准积分
publish-titles = 称号
publish-lines = 积分来源
publish-date = 日期
publish-what = 事项
publish-status = 状态
publish-why = 计算说明
# standings.md（不是模板）：每名成员或每个团队一行列表。
standings-md-who = { $name }（{ $code }）
standings-md-line = 第 { $rank } 名 { $who } · { $n ->
   *[other] { $points } 分
} · { $move }


# 办公室电视的大屏排行榜、领奖台与每周积分图（issue 41）。
publish-board-link = 大屏排行榜（办公室电视）
publish-leaders = 积分榜
publish-top-ten = 前十名
publish-trend = 走势
publish-new = 新
publish-no-move = 暂未上榜：本周期尚无计入的积分
publish-points-after = 分
publish-no-points = 本期还没有人获得积分。
publish-by-week = 每周积分
publish-weekly-figures = 每周积分明细
publish-week = 周起始日
publish-headcount = 人数
