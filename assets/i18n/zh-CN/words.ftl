# merit 两个前端共用的文字，按 id（issue 40）。每个 id 也在 en/words.ftl 中。

list-separator-semicolon = ；
decided-awards = { $approved ->
        [yes] 已批准
       *[no] 已驳回
    } { $count } 条积分，共 { $points } 分
already-decided-by-one = { $who }：{ $n }
already-decided-by = { $n } 条已由他人审批（{ $by }）
provisional-left-until = { $n } 条暂定积分保留待审批：所在周期尚未结束（{ $until } 之后可批准）
disputed-left = { $n } 条申诉中的积分保留待审批：请先处理申诉（merit resolve 积分编号）
recalc-counts = 新增 { $new }，变更 { $changed }，撤回 { $withdrawn }，调整 { $adjustments }，跳过 { $skipped }
recalc-dry-run = 试运行，未写入：{ $counts }

# A rule's window, the kinds of ledger postings (GLOSSARY.md).
window-from = { $from } 起
window-to = 至 { $to }
window-from-to = { $from } 至 { $to }
posting-redemption = 兑换
posting-expiry = 过期
flag-true = 是
flag-false = 否

# 规则类型（规则文件仍用 TOML 中的写法）。
rule-kind-name = { $kind ->
        [per_event] 按次计分
        [attainment] 达成率
        [multiplier] 加倍活动
        [rank] 名次
       *[team_pool] 团队奖池
    }
# 成员在一条达成率规则上的进度（积分明细、余额弹窗）。
progress-line = 进度 { $rule } { $period }：{ $metric } 已完成 { $done } / { $target }（{ $attainment }%）{ $next ->
        [yes] ；下一档 { $at }% 得 { $points } 分：还差 { $needed }
       *[no] ；已达最高档
    }

# 个人积分明细页（公示网站）：整句连同其中的数值。
page-statement-note = 个人积分明细 { $period }，公示日期 { $today }。
page-next-reward = { $reward }：还差 { $missing } 分

# 流水的说明（流水表的“对象”列），取自流水保存的说明（domain::LedgerNote）。
ledger-note-redemption = 兑换 { $id }：{ $reward } ×{ $qty }
ledger-note-expiry = { $ending } 到期的积分

# 命令行表格的列名（按英文列名；CSV 和 JSON 保留英文列名，它们是约定）。
column-rank = 名次
column-team = 团队
column-points = 积分
column-member = 成员
column-name = 姓名
column-title = 称号
column-id = 编号
column-date = 日期
column-kind = 种类
column-rule = 规则
column-subject = 对象
column-status = 状态
column-category = 类别
column-reason = 原因
column-explanation = 说明
column-code = 代码
column-cost = 所需积分
column-stock = 库存
category-manual = 手动
column-active = 上架
column-reward = 奖品
column-qty = 数量
column-requested-on = 申请日期
column-balance = 余额
column-available = 可用
column-next-reward = 下一个奖品
column-missing = 还差
column-expiring-30d = 30天内到期
column-at = 时间
column-actor = 操作人
column-decided-by = 审批人
column-action = 操作
column-detail = 详情
column-what = 事项
column-how = 由来

# 公示网站的领奖台与周期状态（issue 41）。
page-place = 第 { $n } 名
page-state-ahead = { $date } 开始
page-state-running = 进行中，截至 { $date }
page-state-ended = 已结束（{ $date }）
page-state-closed = 已结束（{ $date }），已结账
page-progress = { $rule } { $period }：已完成 { $done } / { $target }（{ $attainment }%）{ $next ->
        [yes] ；下一档 { $at }% 得 { $points } 分：还差 { $needed }
       *[no] ；已达最高档
    }
page-site-note = 公示日期 { $date }。{ $pending ->
        [yes] 含待审批积分（尚未批准）。
       *[no] 仅含已批准积分。
    }
page-board-note = 公示日期 { $date }。{ $pending ->
        [yes] 含待审批积分（尚未批准）。
       *[no] 仅含已批准积分。
    }每 5 分钟自动刷新。

# 接受申诉后用于更正的手动积分的原因（由 merit 写入）。
ledger-note-correction = 积分 { $award } 的申诉已接受
ledger-note-correction-reason = 积分 { $award } 的申诉已接受：{ $reason }
