# merit 屏幕上的文字，按 id（issue 40）。每个 id 也在 en/screen.ftl 中。

merit = merit
ledger = 积分明细
demo-temporary = 演示（临时）
rules = 规则
catalog = 兑换
rankings = 排名
terminal-too-small = 终端窗口太小
merit-needs-at-least-80-24 = merit 至少需要 80×24，当前为
enlarge-it-to-go-on-q = 放大窗口后继续；q 退出（此时其他键无效）
pending = 待审批
pts = 分
marked = 已选
filter = 筛选
date = 日期
member = 成员
rule-reason = 规则 / 原因
points = 积分
status = 状态
sym-number = #
move = 升降
team = 团队
plus-pending = +待审批
target = 目标
members = 人数
no-awards-here-try-another-status = 这里没有积分记录。可换状态 (s)、周期 ([ ]) 或筛选 (/)。
no-rules-yet-merit-rules-import = 还没有规则：用 `merit rules import FILE` 导入。
no-rule-match = 没有规则符合筛选条件。按 / 修改。
no-reward-matches = 没有奖品符合筛选条件。按 / 修改。
no-redemption-matches = 没有兑换申请符合筛选条件。
no-rewards-yet-merit-catalog-import = 还没有奖品：用 `merit catalog import FILE` 添加。
no-redemption-requests-merit-redeem-member = 没有兑换申请（`merit redeem MEMBER REWARD`）。
leaders = 积分榜
no-points-in-this-period = 本期没有积分
titles = 称号
nothing-pending-to-decide-in-the = 所选行或当前行没有待审批的记录
no-active-member-matches = 没有匹配的在职成员
keys-esc-closes = 按键（Esc 关闭）
# The space bar, as the footer and the `?` help name it.
key-space = 空格
confirm = 确认
y-enter-confirm-n-esc-cancel = y / Enter：确认    n / Esc：取消
enter-reject-esc-cancel = Enter：驳回    Esc：取消
reason = 原因
a-rejection-needs-a-reason = 驳回需要填写原因
award = 积分记录
balance = 余额
esc-enter-close = Esc / Enter：关闭
manual-award-or-deduction = 手动加分或扣分
tab-next-field-up-down-choose = Tab：下一项  上/下：选成员  Enter：保存  Esc：取消
fix-the-fields-marked-first = 请先改正标 ! 的字段
status-with-flag = { $status }（{ $flag }）
posting-no-detail = 兑换和到期是流水，不是积分：这一行已是它的全部内容
esc-again-closes-form = 表单尚未保存：再按 Esc 不保存关闭
the-manual-award-is-not-saved = 手动积分尚未保存：再按 Ctrl-C 不保存退出，Esc 放弃
closed = 已结账
read-only = 只读
read-only-refusal = 存储对当前用户只读：本界面只能查看，不能更改
history = 历史
provisional = 暂定
disputed = 申诉中
no-award-here-to-dispute = 这里没有可申诉的积分
enter-dispute-esc-cancel = Enter：提出申诉    Esc：取消
new-rule = 新规则
rule = 规则
this-rule-is-off-a-in = （此规则已停用：在列表中按 `a` 启用）
standings = 排名
now = 改前
edited = 改后
total = 合计
the-preview-waits-for-a-valid = 规则有效后才显示预览
tab-enter-next-s-tab-prev = Tab/Enter 下一项  S-Tab 上一项  Ctrl-S 保存  Esc 放弃  PgDn 预览
fix-the-fields-marked-first-the = 请先改正标 ! 的字段；预览显示最后一次有效的规则
the-rule-change-is-not-saved = 规则修改尚未保存：再按 Ctrl-C 不保存退出，Esc 回到编辑
discard = 放弃
save-as-a-new-version = 保存为新版本
enter-save-and-recalculate-esc-back = Enter：保存并重算    Esc：返回
enter-see-what-saving-does-esc-back = Enter：查看保存的影响    Esc：返回
new-rule-2 = 新规则
write-a-date-as-yyyy-mm = 日期请写成 YYYY-MM-DD
the-rule-change-was-discarded-nothing = 已放弃规则修改，没有保存任何内容
e-per-event-t-attainment-m = e 按次计分     t 达成率     m 加倍活动
r-rank-places-titles-p-team = r 名次（奖励、称号）     p 团队奖池     Esc：取消
versions-in-force-replaced = 版本（* 生效中，- 已替换）
rule-versions-matching-enter-edits = { $all } 条生效的规则版本中 { $count } 条符合筛选；Enter 编辑并预览
rule-versions-in-force-enter-edits = { $count } 条生效的规则版本；Enter 编辑并预览
new-reward = 新奖品
reward = 奖品
tab-next-field-enter-save-esc = Tab：下一项  Enter：保存  Esc：取消
the-reward-is-not-saved-ctrl = 奖品尚未保存：再按 Ctrl-C 不保存退出，Esc 放弃
mark-unmark-move-down = 选中/取消，并下移
mark = 选中
mark-every-row-shown = 选中显示的所有行
mark-all = 全选
clear-the-marks = 清除选中
unmark = 取消
approve-marked-or-this-row = 批准选中行或当前行
approve = 批准
reject-marked-or-this-row = 驳回选中行或当前行
reject = 驳回
explanation-and-history = 计算说明与历史
detail = 详情
manual-award-or-deduction-2 = 手动加分或扣分
new = 新建
dispute-this-award = 对此积分提出申诉
resolve-this-award-s-dispute = 处理此积分的申诉
resolve = 处理申诉
no-open-dispute-here-to-resolve = 这里没有待处理的申诉
tab-next-field-enter-resolve-esc = Tab：下一栏    Enter：处理    Esc：取消
decision = 决定
accept-a = 接受 (a)
reject-x = 驳回 (x)
correction-points-optional = 更正：增减的分数（±，可选）
another-merit-is-writing-the-save = 另一个 merit 正在写入：保存后会说明结果
status-pending-approved = 状态：待审批/已批准/…
edit-ctrl-s-saves-it = 编辑；Ctrl-S 保存
edit = 编辑
add-a-rule = 新增规则
turn-on-off-from-a-date = 从某日起启用/停用
on-off = 启停
end-the-rule-from-a-date = 从某日起结束规则
end = 结束
mark-unmark-a-request = 选中/取消申请
mark-every-pending-request = 选中所有待审批的申请
approve-marked-or-this-one = 批准选中或当前申请
reject-marked-or-this-one = 驳回选中或当前申请
add-a-reward = 新增奖品
edit-a-reward = 编辑奖品
balance-and-next-reward = 余额与下一个奖品
balance-2 = 余额
team-2 = 团队
members-teams = 个人 / 团队
teams = 团队
footer-team-members = 团队成员
footer-members = 个人
dispute = 申诉
with-without-pending = 含/不含待审批
the-chart-by-category = 图表按类别分
publish-the-period-s-site = 发布本期公示页面
by-category = 按类别
publish = 发布
the-four-panes = 四个页面
next-pane = 下一页面
previous-pane = 上一页面
down-up = 下 / 上
page-down-up = 下翻 / 上翻
first-last-row-home-end = 首行 / 末行 (Home/End)
previous-next-period = 上 / 下一周期
period = 周期
week-month-quarter-year = 周/月/季/年
kind = 周期类型
filter-by-text = 按文字筛选
clear-the-filter = 清除筛选
help = 帮助
quit-ctrl-c-in-a-form = 退出（表单中 Ctrl-C）
quit = 退出
everywhere = 通用
approved = 已批准
rejected = 已驳回
all = 全部
week = 周
month = 月
quarter = 季度
year = 年
row = 行
page = 页
name = 名称
category = 类别
window = 有效期
on = 启用
yes = 是
no = 否
always = 一直有效
reward-2 = 奖品
unlimited = 不限
qty = 数量
available = 可用
pending-redemptions-held-back = 已扣除待审批的兑换
next-reward = 下一个奖品
expiring-in-30d = 30 天内到期
every-active-reward-is-within-reach = 所有上架奖品都可兑换
reason-2 = 原因
accel-above = 超额加速起点
accel-pts = 每 % 加分
activities-taken-part-in-or-points = activities（按参与次数）或 points（按已批准积分）
activity-kinds-e-g-joint-visit = 活动类型，如 joint_visit, knowledge_share
amount-unit = 金额单位
at-most-this-many-per-member = 每人每周期最多兑换数量；留空：不限
at-most-this-many-points-per = 每个封顶周期最多得分
available-from = 开始兑换
available-to = 结束兑换
by-team = 按团队
cap-per = 封顶周期
cap-points = 封顶积分
code = 代码
conditions-key-value-key-value = 条件：键=值, 键=值
e-g-1-0-extra-points = 如 1.0：超过 100% 后加分
e-g-1-5 = 如 1.5
ends = 结束
event = 活动类型
events = 活动类型
factor = 倍数
fewest-approved-points-placed-empty-above = 入榜最低已批准积分；留空：大于 0
first-day-it-can-be-asked = 可兑换的第一天（YYYY-MM-DD）；留空：一直可兑
first-day-of-the-campaign-yyyy = 活动第一天（YYYY-MM-DD）
free-text-e-g-gift-time = 自由填写，如 gift、leave
from = 开始
items-left-empty-unlimited = 剩余件数；留空：不限
last-day-yyyy-mm-dd-empty = 最后一天（YYYY-MM-DD）；留空：不结束
last-day-it-can-be-asked = 可兑换的最后一天（YYYY-MM-DD）；留空：一直可兑
last-day-of-the-campaign-yyyy = 活动最后一天（YYYY-MM-DD）
limit-per = 限兑周期
limit-qty = 限兑数量
min-points = 最低积分
month-quarter-or-year = 月、季 或 年（month、quarter、year 亦可）
month-quarter-or-year-with-limit = 月、季 或 年（与限兑数量同用）
no-spaces-an-existing-code-edits = 不含空格；填已有代码即编辑该奖品
per = 周期
per-event-rule-ids-e-g = 按次规则的 id，如 deal, new-customer
performance-customer-growth-penalty = 如 performance、customer、growth、penalty…
places = 名次
points-into-the-pool-per-activity = 每项活动计入奖池的积分
points-per-activity-negative-a-penalty = 每项活动积分；负数：扣分
points-per-item = 每件所需积分
points-per-whole-percent-above = 超出部分每满 1% 加分
points-per-whole-unit-of-the = 金额每满一个单位加分
rank-points-title-e-g-1 = 名次:积分:称号，如 1:100:月度销售冠军, 2:50
rules-2 = 规则
share-points-e-g-0-8 = 达成率:积分，如 0.8:30, 1.0:60
split-by = 分配方式
the-activity-kind-whose-amounts-are = 累计其金额的活动类型
the-activity-kind-e-g-deal = 活动类型，如 deal
tiers = 档位
to = 结束
true-or-false = 是 或 否（true、false 亦可）
unit-points = 单位积分
what-members-see = 成员看到的名称
what-the-team-sees = 团队看到的名称
when = 条件
with-unit-points-floor-amount-unit = 与单位积分同用：+ 取整(金额 / 单位) × 积分
yes-rank-within-each-team-empty = 是：在各团队内排名；留空：全公司
cost = 所需积分
stock = 库存
active = 上架
member-2 = 成员
points-2 = 积分
date-2 = 日期
category-2 = 类别
award-2 = 规则积分
adjustment = 调整
manual = 手动积分
lowercase-letters-digits-and = 小写字母、数字和 -
missing = 缺少
unknown-key = 未知的键
id = 编号
is-empty = 为空
is-empty-say-month-quarter-or = 为空：请填 month、quarter 或 year
expiring-in-30-days = 30 天内到期
writing-the-demo-s-activities = 正在写入演示活动
counting-what-the-demo-s-years = 正在统计演示各年的活动
scoring-by-month = 正在按月计分
reading-file = 正在读取 { $name }
writing-the-members-pages = 正在生成成员页面
verifying-the-store = 正在校验数据库
wait-for-the-rule-save-to = 请先等规则保存完成（可以浏览、查看、筛选）
rule-save-running-y-wait-then = 规则正在保存。y：等完成再退出  n：立即退出，保存撤销  Esc：留下
rule-save-failed-quit = 规则保存失败：{ $error }。Enter：回到规则  q：不保存直接退出
waiting-for-the-rule-save-to = 正在等规则保存完成，随后退出

more = 另有 { $n } 个
next-reward-2 = { $code }（{ $name }，{ $cost } 分）：还差 { $missing } 分
hidden-marks = 其中 { $n } 条被筛选或状态隐藏
resolve-question = 处理对 { $who } 的 { $what }（{ $points } 分）的申诉
resolved = 已接受对积分 { $id } 的申诉；更正：积分 { $c }（待审批）
resolved-2 = 已接受对积分 { $id } 的申诉
resolved-3 = 已驳回对积分 { $id } 的申诉：积分保持不变
dispute-question = 对 { $who } 的 { $what }（{ $points } 分）提出申诉？
disputed-2 = 积分 { $id } 已提出申诉：处理前不能批准（r 处理）
disputed-approved = 积分 { $id } 已提出申诉：处理前保持已批准（r 处理）
request-stays-pending = ；申请 { $id } 仍待审批：{ $why }
already-decided = ；{ $n } 项已由他人审批
detail-figures = { $points } 分，{ $kind }，{ $status }
detail-key = 规则 { $rule }  对象 { $subject }  类别 { $category }
closed-refusal = { $period } 已由 { $by } 于 { $day } 结账：不能审批（请先重新打开）
created-line = {"  "}{ $at }  由 { $by } 创建
history-line = {"  "}{ $at }  { $by } { $action }：{ $detail }
saved-manual = 积分 { $id }：{ $member } { $points } 分，待审批
by-category-2 = 按类别：{ $who }
by-week = 每周积分：{ $who }，最高 { $high } 分
by-week-low = 每周积分：{ $who }，最高 { $high } 分，最低 { $low } 分
more-categories = … 另有 { $n } 类（merit standings { $period } --by category）
saved-by = {"  "}{ $by } 保存于 { $at }
save-question = 将「{ $id }」保存为新版本，生效日期：
end-question = 结束「{ $id }」：从这一天起不再计分：

provisional-left = { $count } 条暂定积分保留待审批（周期未结束）
approve-question = 批准 { $count } 条积分，共 { $points } 分？
reject-question = 驳回 { $count } 条积分，共 { $points } 分？
approved-2 = 已批准 { $count } 条积分，共 { $points } 分
rejected-2 = 已驳回 { $count } 条积分，共 { $points } 分
approve-redemptions-question = 批准 { $count } 个兑换申请，共 { $points } 分？
reject-redemptions-question = 驳回 { $count } 个兑换申请，共 { $points } 分？
only-disputed = { $count } 条积分有申诉未处理：处理前不能批准（r 处理）
only-provisional = { $count } 条暂定积分：周期尚未结束，暂不能批准

list-separator = ，
period-list-separator = 、
rows = { $n } 行
marks-cleared = 周期已切换：已清除 { $n } 个选中
earlier-entries = {"  "}… 更早的 { $n } 条
decided-line = {"  "}{ $at }  { $by } { $status }
decided-line-with-reason = {"  "}{ $at }  { $by } { $status }: { $reason }
part-closed = （已结账：{ $periods }）
saving-rule = 正在保存「{ $id }」（自 { $from } 起）…
saving-rule-progress = 正在保存「{ $id }」（自 { $from } 起）：{ $work }
reward-added = 已新增奖品 { $code }
reward-changed = 已修改奖品 { $code }
reward-unchanged = 奖品 { $code }：未作改动
rule-kind = 类型
# 规则面板中的规则类型。
members-points-change = { $n ->
        [0] 没有成员的积分变化
       *[other] { $n } 名成员的积分变化
    }
discard-new-rule-question = 放弃这条新规则？
discard-changes-question = 放弃对「{ $id }」的修改？
recalc-new = 新建 { $n }
recalc-changed = 变更 { $n }
recalc-withdrawn = 撤回 { $n }
recalc-adjustments = 调整 { $n }
recalc-adjustments-to-approved = 对已批准积分的调整 { $n }
recalc-skipped = 跳过 { $n }
rule-saved = 已保存「{ $id }」（自 { $from } 起）：{ $counts }
rule-saved-no-award-changes = 已保存「{ $id }」（自 { $from } 起）：积分无变化
save-plan = 保存将产生：{ $counts }（{ $members } 名成员的积分变化）
save-plan-changes-no-award = 保存后积分无变化
replaced-version = {"  "}- { $window }{ $off ->
        [off] ，停用
       *[on] {""}
    }  { $by } 替换于 { $at }；
replaced-version-saved = {"  "}- { $window }{ $off ->
        [off] ，停用
       *[on] {""}
    }  { $by } 替换于 { $at }；{ $saved_by } 保存于 { $saved_at }
version-in-force = {"  "}* { $window }{ $off ->
        [off] ，停用
       *[on] {""}
    }{ $saved }
preview-standings-with-pending = 排名（含待审批）
preview-status = 预览：{ $period } 改前与改后对比，按自 { $from } 起生效计
toggle-question = { $on ->
        [on] 启用
       *[off] 停用
    }「{ $id }」，自哪天起：
approve-marked-question = 批准选中的 { $count } 条积分，共 { $points } 分？
reject-marked-question = 驳回选中的 { $count } 条积分，共 { $points } 分？
approve-award-question = 批准 { $who } 的 { $what }（{ $points } 分）？
reject-award-question = 驳回 { $who } 的 { $what }（{ $points } 分）？
approved-redemptions = 已批准 { $count } 个兑换申请，共 { $points } 分
rejected-redemptions = 已驳回 { $count } 个兑换申请，共 { $points } 分
movement-new = 新
ranked-by-with-pending = { $ranked ->
        [teams] 团队
       *[members] 个人
    }，按已批准 + { $pending } 待审批积分排名（i：仅已批准）
no-ranked-match = { $ranked ->
        [teams] 没有团队
       *[members] 没有成员
    }符合筛选条件。按 / 修改。
no-ranked-yet = { $ranked ->
        [teams] 没有团队：在职成员的名单写明所属团队（`merit import members FILE`）。
       *[members] 没有在职成员：用 `merit import members FILE` 导入，或设为在职。
    }
ranked-by-approved = { $ranked ->
        [teams] 团队
       *[members] 个人
    }，按已批准积分排名，旁列 { $pending } 待审批积分（i：含待审批）
published = 已发布 { $period }（{ $points ->
        [pending] 含已批准与待审批积分
       *[approved] 仅已批准积分
    }，{ $lang }）：{ $pages } 页，在 { $dir }
publish-ask-title = 发布公示网站
publish-ask-question = 发布 { $period } 的公示网站？
publish-ask-points = { $points ->
        [pending] 积分：已批准与待审批（按 i 切换）
       *[approved] 积分：仅已批准（按 i 切换）
    }
publish-ask-language = 语言：{ $lang }（与界面相同）
publish-ask-folder = 文件夹：{ $dir }
publish-ask-replaces = 已有的网站将整体替换。
publish-ask-keys = y/Enter 发布 · n/Esc 取消
team-members-title = { $team }：{ $n } 名成员

# 语言自身的名称（发布时说明所用语言）。
language-name = 中文
# 兑换品表单中编码取值的问题，用表单的说法。
form-value-not-yes-or-no = “{ $value }”不是 是 或 否
form-value-not-a-period-kind = “{ $value }”不是 月、季 或 年
form-value-empty-say-period = 为空：请填 月、季 或 年
form-value-needs-limit-qty = 需要同时填写限兑数量
form-rules-tiers-missing = 缺少（达成率:积分，如 0.8:30, 1.0:60）
form-rules-places-missing = 缺少（名次:积分:称号，如 1:100:月度销售冠军, 2:50）
form-rules-must-be-period-kind = 必须是 月、季 或 年
form-rules-must-be-yes-or-no = 必须是 是，或留空
