# merit 命令行的文字，按 id（issue 40）。每个 id 也在 en/cli.ftl 中。

cli-would-approve = 将批准 { $count } 条积分，共 { $points } 分{ $provisional ->
        [0] {""}
       *[other] ；{ $provisional } 条暂定积分将保留待审批（周期尚未结束）
    }（试运行，未写入）
cli-award = 积分 { $id }：{ $m_member } { $sign }{ $m_points }，日期 { $m_date }，待审批
cli-resolve = 积分 { $award } 的申诉已接受：更正积分 { $c }，待审批
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
cli-warning = merit：警告：{ $warning }
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
