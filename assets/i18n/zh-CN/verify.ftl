# merit verify 发现的问题和提示、写入前对封签的核对、封签密钥和检查点的提示
# （core：ops/verify/、seal.rs、store/seal/）。单条流水或审计日志的问题由
# 前缀（verify-ledger-entry、verify-audit-entry）加上问题本身组成。
# 中文的复数选择用 [1]：zh-CN 没有 one 这一类。

## verify 运行情况
verify-kept-changing = verify 读取期间数据库一直在变化；请在没有写入时再运行 verify
verify-audit-walk-failed = verify 校验审计日志失败
verify-inputs-read-failed = verify 读取输入数据失败
verify-store-damaged = 数据库已损坏：{ $what }
verify-sqlite-reports = SQLite 报告：{ $line }
verify-row-not-utf8 = 表 { $table } 中有一行的文本不是 UTF-8（第 { $row } 行）
verify-table-row-not-utf8 = 表 { $table } 第 { $row } 行的文本不是 UTF-8
verify-restore = 请从备份恢复；其余未作检查
verify-more-problems = ……另有 { $n } 个问题
verify-list = { $first }；{ $rest }

## 提示：允许，但值得知道
verify-fixed-date-writes = { $n } 次写入使用了固定日期，最近一次为 { $day }，由 { $by } 写入
verify-quick-unchecked = verify --quick 未对照表检查索引（merit verify 会检查）
verify-no-amcheck = 未对照表检查索引：此数据库未安装 amcheck 扩展（超级用户可执行 { $sql }）
verify-amcheck-not-permitted = 未对照表检查索引：角色 { $role } 无权运行 amcheck（{ $sql }）
verify-debt = { $member } 的余额因{ $kind ->
        [award] 规则积分
        [adjustment] 调整
        [manual] 手动积分
        [redemption] 兑换
        [expiry] 过期
       *[other] { $kind }
    } { $points } 降到 0 以下（至 { $to }）：为欠分，由之后的积分先行抵扣
verify-more-debts = ……另有 { $n } 处余额降到 0 以下
verify-no-key = verify 无法核对封签：{ $path } 处没有密钥（可用 MERIT_KEY 指定）；以上检查照常有效

## 流水或审计日志中的一条，及其问题
verify-ledger-entry = 流水 { $id }：{ $what }
verify-audit-entry = 审计日志 { $id }：{ $what }
verify-missing-before = { $n ->
        [1] 它之前的第 { $to } 条缺失（被删除？）
       *[other] 它之前的第 { $from } 至 { $to } 条缺失（被删除？）
    }
verify-out-of-order = 顺序错乱：排在第 { $after } 条之后
verify-no-hash = 没有哈希：不是 merit 写入的（被插入？）
verify-does-not-follow = 与链上的前一条接不上（有条目被删除或插入？）
verify-fields-changed = 字段与哈希不符（写入后被改动？）
verify-audit-fields-changed = 字段与哈希不符，或它之前有条目被改动（写入后被改动？）
verify-unknown-kind = 条目种类“{ $kind }”未知
verify-spent-expired = 这笔兑换于 { $day } 花掉 { $member } 的 { $spent } 分，而当时可用的只有 { $could } 分（花了已过期的积分？）
verify-balance-after = 此后 { $member } 的余额应为 { $should }，条目记为 { $says }
verify-balance-after-none = 此后 { $member } 的余额应为 { $should }，条目未记余额
verify-overdrew = 这笔兑换使 { $member } 的余额透支（至 { $to }）
verify-expiry-below-0 = 这笔过期使 { $member } 的余额降到 0 以下（至 { $to }）：有积分在到期后被花掉
verify-posts-unapproved = 记入积分 { $award }，但该积分并未按所记内容获批（被改动？）
verify-ledger-ends = 缺失；流水止于第 { $last } 条（被删除？）
verify-audit-ends = 缺失；审计日志止于第 { $last } 条（被删除？）
verify-ledger-head-differs = 链上记录的链头与最后一条不符（被改动？）
verify-ledger-no-head = 链上没有记录链头（有条目是在 merit 之外写入的？）
verify-audit-head-differs = 审计日志记录的链头与最后一条不符（被改动？）

## 成员和积分，对照流水和审计日志
verify-recorded-balance = 成员 { $member }：记录的余额为 { $kept }，按流水应为 { $walked }（被改动？）
verify-balance-at = { $points }（至流水 { $entry }）
verify-no-balance = 无
verify-redemptions-differ = 成员 { $member }：已批准兑换合计 { $held }，流水记入 { $posted }
verify-month-sum-differs = 成员 { $member }：{ $month } 记下的{ $status ->
        [approved] 已批准
        [pending] 待审批
        [rejected] 已驳回
       *[other] { $status }
    }积分为 { $kept }，逐条积分合计为 { $awards }（被绕过 merit 改动？）
verify-award-unposted = 积分 { $award }：已批准，但没有流水按它现在的内容记入（被改动或删除？）
verify-award-posted-again = 积分 { $award }：在流水中记入了 { $n } 次
verify-decision-differs = 积分 { $award }：它的审批（{ $status ->
        [approved] 已批准
        [rejected] 已驳回
        [pending] 待审批
       *[other] { $status }
    }，{ $by }，{ $at }）不是审计日志最后记录的那次（{ $said_status ->
        [approved] 已批准
        [rejected] 已驳回
       *[other] { $said_status }
    }，{ $said_by }，{ $said_at }）：被绕过 merit 改动
verify-decision-unrecorded = 积分 { $award }：它的审批（{ $status ->
        [approved] 已批准
        [rejected] 已驳回
        [pending] 待审批
       *[other] { $status }
    }，{ $by }，{ $at }）在审计日志中没有记录：被绕过 merit 改动
verify-input-changed = { $name }已不同于 merit 写入的内容（摘要不符）：被绕过 merit 改动

## 封签：verify 用它核对数据库
verify-no-seal = 数据库没有封签：它被绕过 merit 写入过（或自从 merit 有了封签以后还没有写入过：merit 的任何写入都会加封签）
verify-seal-wrong-key = 封签与此密钥不符：数据库的状态在没有密钥的情况下被改写（或是用另一把密钥加的封签）
verify-ledger-not-sealed = 流水（{ $entries } 条）不是 { $when } 加封签时的那份（{ $sealed } 条）：被绕过 merit 改动
verify-audit-not-sealed = 审计日志（{ $entries } 条）不是 { $when } 加封签时的那份（{ $sealed } 条）：被绕过 merit 改动
verify-sealed-differ = { $name }已不同于 { $when } 加封签时的内容：被绕过 merit 改动

## 检查点：verify 用它们核对数据库
verify-local-checkpoint = 本地检查点（{ $path }）
verify-named-checkpoint = 检查点 { $path }
verify-checkpoint-other-store = { $checkpoint }：属于另一个数据库（{ $store }）
verify-checkpoint-forged = { $checkpoint }：其封签与此密钥不符（伪造？）
verify-checkpoint-shortened = { $day } 的{ $checkpoint }：加封签时{ $chain }有 { $sealed } 条，现在只有 { $entries } 条（被截短，或放回了旧副本？）
verify-checkpoint-diverges = { $day } 的{ $checkpoint }：{ $chain }在第 { $sealed } 条或之前与它不一致（被改写？）
verify-checkpoint-garbage = { $checkpoint }：不含 merit 检查点（损坏或被替换？）
verify-checkpoint-missing = { $checkpoint }：不见了，而数据库上次是在本机加封签的（被删除？）
verify-not-a-checkpoint = { $path }：不含 merit 检查点

## 封签和检查点所涵盖的内容
seal-chain-ledger = 流水
seal-chain-audit = 审计日志
seal-part-rule-versions = 规则版本
seal-part-closed-periods = 已结账周期
seal-part-rewards = 奖品与库存
seal-part-redemptions = 兑换申请
seal-part-disputes = 申诉及其处理
seal-part-reward-limits = 兑换限制
seal-part-titles = 称号
seal-part-settings = 设置
seal-part-schema = 数据库结构（表、索引和触发器）
seal-part-members = 成员
seal-part-activities = 活动
seal-part-targets = 目标
seal-part-awards = 积分

## 写入之前：数据库是否与上次封签一致
seal-changed-outside = 自上次加封签以来，数据库在 merit 之外被改动：{ $differences }；merit verify 可查看详情；未写入任何内容
seal-none = 数据库没有封签（被删除？）
seal-wrong-key = 封签与密钥不符（在没有密钥的情况下被改写？）
seal-key-missing = 此数据库已加封签，但 { $path } 处没有密钥：merit 不会为它另建密钥。请把加封签时用的密钥放到那里（或用 MERIT_KEY 指定）；没有写入任何内容
seal-ledger-ends = 流水止于第 { $entries } 条，而不是加封签时的第 { $sealed } 条
seal-audit-ends = 审计日志止于第 { $entries } 条，而不是加封签时的第 { $sealed } 条
seal-part-differs = { $name }已不同于加封签时的内容
seal-input-differs = { $name }已不同于 merit 写入的内容（摘要不符）
seal-checkpoint-missing = 本地检查点 { $path } 不见了，而数据库是在本机加封签的（被删除？）
seal-checkpoint-garbage = 本地检查点 { $path } 不含 merit 检查点（损坏或被替换？）
seal-checkpoint-other-store = 本地检查点 { $path } 属于另一个数据库（{ $store }）
seal-checkpoint-forged = 本地检查点 { $path } 与密钥不符（伪造？）
seal-checkpoint-shortened = { $day } 的本地检查点：加封签时{ $chain }有 { $sealed } 条，现在只有 { $entries } 条（被截短，或放回了旧副本？）
seal-checkpoint-diverges = { $day } 的本地检查点：{ $chain }在第 { $sealed } 条或之前与它不一致（被改写？）
seal-schema-predates = 此数据库的结构早于封签功能，无法加封签
seal-accept-needs-reason = --reason：请说明为何接受数据库的现状

## 每次写入在密钥旁保存的检查点
seal-checkpoint-not-kept = { $error }；数据库以后的写入无法以此为准核对（检查点目录需要组的写权限：见 README）
seal-checkpoint-unwritable = { $path }：无法写入检查点：{ $error }
seal-checkpoint-unreadable = { $path }：无法读取检查点：{ $error }

## 封签密钥
seal-key-no-home = 没有主目录可存放封签密钥：请设置 MERIT_KEY
seal-key-unreadable = { $path }：无法读取封签密钥：{ $error }
seal-key-not-a-key = { $path }：不是 merit 封签密钥（应为 64 位十六进制数字）
seal-key-symlink = { $path }：封签密钥是符号链接；merit 只使用普通文件（权限 0600，组内共享用 0640）
seal-key-not-a-file = { $path }：封签密钥不是普通文件
seal-key-open = { $path }：封签密钥他人可读或可写（权限 { $mode }）；请 chmod 600（组内共享用 640）
seal-key-other-user = { $path }：封签密钥属于另一个用户（uid { $uid }），你也不在它所属的组内（权限 { $mode }）；请用自己的密钥，或本组共享的密钥
seal-key-cannot-make = 无法在 { $path } 创建封签密钥：{ $error }（可设置 MERIT_KEY 指向密钥文件）
seal-key-no-randomness = 无法为封签密钥取得随机数：{ $error }

## 数据库文件，命令行在“merit：警告：”之后说
seal-store-writable = { $path } 他人可写（权限 { $mode }）：能写它的人就能改积分；请 chmod 600（共享组目录用 660）
