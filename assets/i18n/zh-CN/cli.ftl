# merit 命令行的文字，按 id（issue 40）。每个 id 也在 en/cli.ftl 中。

cli-would-approve = 将批准 { $count } 条积分，共 { $points } 分{ $provisional ->
        [0] {""}
       *[other] ；{ $provisional } 条暂定积分将保留待审批（周期尚未结束）
    }（试运行，未写入）
cli-award = 积分 { $id }：{ $m_member } { $sign }{ $m_points }，日期 { $m_date }，待审批
cli-resolve = 积分 { $award } 的申诉已接受；更正：积分 { $c }（待审批）
cli-resolve-2 = 积分 { $award } 的申诉已接受
cli-resolve-3 = 积分 { $award } 的申诉已驳回：积分保持不变
cli-rewards-imported = 已从 { $file } 导入奖品：新增 { $inserted }，更新 { $updated }，不变 { $unchanged }
cli-redeem = 兑换 { $id }：{ $member } { $reward } ×{ $qty }，{ $r_points } 分，待审批
cli-redemptions-decided = { $approved ->
        [yes] 已批准
       *[no] 已驳回
    } { $count } 项兑换，共 { $points } 分
cli-decide-2 = merit：兑换 { $id } 已由 { $by } 审批
cli-decide-3 = merit：兑换 { $id } 未获批准，仍待审批：{ $why }
cli-expired = 已记入 { $entries } 条过期，共 { $points } 分（截至 { $as_of }）
cli-demo-written = 演示数据已写入 { $store_path }：{ $members } 名成员，{ $activities } 项活动；已批准 { $approved } 条积分，待审批 { $pending } 条（今天是 { $today }）
cli-first-rows = merit 读到的前几行：
cli-imported = { $dry ->
        [yes] 将从
       *[no] 已从
    } { $file } 导入{ $kind ->
        [members] 成员
        [activities] 业绩活动
        [targets] 目标
       *[other] 奖品
    }：新增 { $inserted }，更新 { $updated }，不变 { $unchanged }{ $dry ->
        [yes] （试运行，未写入）
       *[no] {""}
    }
cli-unscored-kind = { $kind }：{ $n } 项业绩活动没有规则计分
cli-dated-after-today = { $n } 项业绩活动的日期在今天（{ $today }）之后
cli-next-recalc = 下一步：merit recalc
cli-payroll-open = { $period } 尚未结束：未计入 { $n } 项暂定积分
cli-payroll-written = { $period } 的薪酬表已写入 { $path }：{ $members } 名成员
cli-rules = 已从 { $file } 导入规则：{ $n } 个规则版本
cli-published = 已发布 { $period } 到 { $out }：index.html、board.html、{ $pages } 个个人明细页、standings.md
cli-awards-and-disputes = 积分 { $award } 已提出申诉：处理前保持待审批（merit resolve { $award }）
cli-disputed-approved = 积分 { $award } 已提出申诉：处理前保持已批准（merit resolve { $award }；--accept --points P 记入一笔更正积分）
cli-warning = merit：警告：{ $warning }
cli-balance-all-within-reach = 下一个奖品为空：所有上架奖品都已在该成员的可用积分之内
cli-balance-no-rewards = 下一个奖品为空：还没有上架的奖品（用 `merit catalog import FILE` 添加）
cli-standings = 未计入 { $points } 待审批积分（--include-pending 可计入）
cli-verify = 数据完整：{ $v_entries } 条流水首尾相链，{ $v_members } 名成员的余额，{ $v_awards_posted } 条已批准积分和 { $v_redemptions_posted } 项已批准兑换各记入一次
cli-verify-2 = 注意：{ $note }
cli-accept = 数据库与上次封签一致；已重新加封签
cli-accept-2 = 与上次封签不同：{ $d }
cli-accept-3 = 之前的检查点保存在 { $p }
cli-close-period = { $period } 已结账
cli-close-period-2 = { $how }；未作改动
cli-reopen-period = { $period } 已重新打开，但它仍在已结账的周期内：{ $c_describe }
cli-reopen-period-2 = { $period } 已重新打开

# merit statement（文本与 Markdown）：标题与汇总标签。
statement-head = { $name }（{ $member }，{ $team }）：{ $period } 积分明细，截至 { $today }
statement-approved = 已批准
statement-pending = 待审批
statement-provisional = 暂定
statement-balance = 余额
statement-available = 可用
statement-expiring = 30 天内到期
statement-next-reward = 下一个奖品
statement-titles = 称号
statement-to-go = { $reward }，还差 { $missing } 分

# merit approve-redemption：部分兑换未获批准。
redemptions-left-pending = { $of } 项兑换中有 { $left } 项保留待审批

# 命令行和界面无法启动或继续时的提示。
no-home-directory = 没有主目录：请用 --db 路径 指定数据库
cannot-create = { $path }：无法创建：{ $error }
cannot-write = { $path }：无法写入：{ $error }
cannot-write-workbook = { $path }：无法写入工作簿：{ $error }
out-is-store = { $path }：这是数据库（或其日志文件）：请为 --out 指定其他文件
out-is-key = { $path }：这是封签密钥：请为 --out 指定其他文件
out-is-checkpoint = { $path }：位于 merit 保存检查点的文件夹中：请为 --out 指定其他文件
out-is-robots = { $path }：这是机器人文件：请为 --out 指定其他文件
out-is-link = { $path }：这是符号链接：请为 --out 指定文件本身
out-is-folder = { $path }：这是文件夹：请为 --out 指定一个文件
demo-private-directory = 无法为演示创建私有目录：{ $error }
screen-needs-terminal = 界面需要在终端中运行；脚本请用命令（`merit --help`）
redemption-vanished = 兑换 { $id } 不见了
lang-not-known = --lang：“{ $lang }”不是 en 或 zh-CN
demo-takes-no-command = --demo 打开界面，不接命令（要写演示数据库文件：`merit demo --db 路径`）
no-store-at = { $path } 处没有数据库；用 merit import … 或 merit demo 创建
man-page-failed = 手册页：{ $error }
save-cannot-start = 无法开始保存：{ $error }
dry-run-no-scratch = 无法在 { $path } 中为试运行创建临时文件夹：{ $error }
save-stopped = 保存意外中止
terminal-error = 终端：{ $error }
cannot-read = { $path }：无法读取：{ $error }

# 发布：写入的文件夹，以及发布被拒的原因。
publish-name-the-folder = { $path }：请写出要发布到的文件夹名（不能是 . 或 ..）
publish-cannot-swap = { $path }：无法放置新网站：{ $error }；旧网站保持原样
publish-is-a-link = { $path }：是符号链接；merit 只发布到真实的文件夹，从不经由链接写入
publish-not-a-folder = { $path }：不是文件夹
publish-holds-a-link = { $path }：是要发布到的文件夹中的符号链接；merit 从不在链接上发布
publish-not-merits = { $path }：这不是 merit 发布的内容；请发布到新的或空的文件夹，或 merit 发布过的文件夹
publish-template = 发布：模板：{ $error }
publish-page-failed = 发布：{ $page }：{ $error }
publish-pages-short = 发布：应写 { $meant } 页，实际写了 { $pages } 页；未发布任何内容
publish-pages-shared = 发布：成员 { $one } 和 { $other } 的页面会同为 { $page }；未发布任何内容
copy-destination-not-empty = { $path } 已有数据库或其他数据；merit copy 只写入空的目标
copy-same-store = { $path } 既是复制来源又是复制目标
cli-copied = 已将 { $from } 复制到 { $to }：成员 { $members } 名，活动 { $activities } 条，积分 { $awards } 笔，流水 { $entries } 条，审计日志 { $audit } 条
cli-copied-verified = 两端校验均完好：各有 { $entries } 条流水，哈希链完整
