# 规则文件的解析和规则编辑器对规则的说明（issue 40）：
# 文件:行: 规则“id”：键：问题。

rules-at-line = 第 { $line } 行：{ $problem }
rules-in-rule = 规则“{ $rule }”：{ $problem }
rules-in-settings = settings：{ $problem }
rules-problem-of = { $rule }：{ $problem }

## 整个文件

rules-not-toml = 不是有效的 TOML：{ $error }
rules-unknown-top-key = 未知的键（应为 [settings]、[[rules]] 或 [import.*]）
rules-must-be-table = 必须是表
rules-must-be-rules-tables = 必须是 [[rules]] 表
rules-expire-months = 必须是 1 到 1200 的整月数
rules-versions-share-kind = 同一规则的各版本必须是同一类型（“{ $kind }”和“{ $other }”）
rules-window-overlaps = 此版本的有效期与同一规则的另一版本重叠
rules-names-unknown-rule = 指向不存在的规则“{ $rule }”
rules-names-not-per-event = 指向规则“{ $rule }”，它是 { $kind } 规则；只有 per_event 规则可以加倍
rules-none-changed = 未改动任何规则
rules-file-empty = 文件中没有 [[rules]]：导入它会让所有规则都不再生效（确要如此，请加 --allow-empty）；未改动任何规则

## 一条规则的键

rules-id-shape = “{ $id }”只能包含小写字母、数字和“-”，最多 64 个
rules-id-missing = 缺少（每条规则都需要 id）
rules-unknown-kind = 未知类型“{ $kind }”（per_event、attainment、multiplier、rank、team_pool）
rules-unknown-key = 未知的键
rules-unknown-key-for-kind = { $kind } 规则没有这个键
rules-missing = 缺少
rules-must-be-true-or-false = 必须是 true 或 false
rules-must-be-non-empty-text = 必须是非空文字
rules-must-be-text = 必须是文字
rules-must-be-number = 必须是数字
rules-must-be-date = 必须是日期（YYYY-MM-DD）
rules-must-be-table-of = 必须是表 {"{"} { $keys } {"}"}
rules-must-be-period-kind = 必须是 "month"、"quarter" 或 "year"
rules-per-event-needs-points = 缺少（per_event 规则需要 points 或 per_amount）
rules-negative-cap = 扣分规则不能设封顶
rules-when-float = { $value } 是浮点数：请加引号写成 "{ $value }"，与 CRM 的写法一致
rules-when-scalar = 必须是文字、整数或布尔值
rules-when-table = 必须是表，如 {"{"} customer_tier = "A" {"}"}
rules-tier-shape = 必须写成 {"{"} at = …, points = … {"}"}
rules-two-tiers = 两个档位的达成率相同
rules-tiers-missing = 缺少（列表，如 [ {"{"} at = 1.0, points = 60 {"}"} ]）
rules-rules-as-text = 规则 id 必须写成文字
rules-rules-missing = 缺少（per_event 规则 id 的列表）
rules-places-missing = 缺少（列表，如 [ {"{"} rank = 1, points = 100, title = "月度销售冠军" {"}"} ]）
rules-place-shape = 必须写成 {"{"} rank = 1, points = 100, title = "…" {"}"}
rules-rank-range = 必须是 1 到 1000 的整数
rules-hidden-characters = 含有控制字符或隐藏字符
rules-two-places = 两个名次相同
rules-events-as-text = 活动类型必须写成文字
rules-events-missing = 缺少（活动类型的列表，如 ["joint_visit"]）
rules-split = 必须是 "activities" 或 "points"

## 修改规则（规则编辑器、ops::rules）

rules-key-value = “{ $item }”：请写成 键=值
rules-already-a-rule = “{ $id }”已是一条规则；请在列表中选中它来修改
rules-not-in-force = 规则“{ $rule }”在 { $from } 及以后不生效：无可改动
rules-change-cancelled = 对规则“{ $rule }”的修改已取消：未保存任何内容
rules-points-beyond-range = { $award }：积分超出 ±{ $max } 的范围；请修改规则
rules-award-on = 规则“{ $rule }”对 { $subject }（{ $member }）
rules-award-for = 规则“{ $rule }”对 { $subject }（{ $member }）
rules-award-for-team = 规则“{ $rule }”对 { $period }（团队 { $team }）
