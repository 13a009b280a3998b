# `merit notify`（issue 41）：发到团队群机器人的排名播报，以及命令对机器人文件和每次发送的说明，按 id。
# 用词见 GLOSSARY.md。

## 平台。
notify-platform-dingtalk = 钉钉
notify-platform-wecom = 企业微信
notify-platform-feishu = 飞书

## 播报。
notify-title = 积分排行榜 { $period }
notify-title-keyword = 【{ $keyword }】{ $title }
notify-ended = { $period } 已结束（{ $end }）。
notify-running = { $period } 尚未结束：排名截至 { $today }。
notify-approved-only = 仅含已批准积分。
notify-approved-only-waiting = 仅含已批准积分；另有 { $count } 条待审批积分（{ $points }）等待审批。
notify-with-pending = 含待审批积分（尚未批准）。
notify-points = { $n ->
   *[other] { $points } 分
}
notify-top = 前 { $shown } 名（共 { $members } 名成员）
notify-member = 第 { $rank } 名 { $who }：{ $points }（{ $move }）
notify-who = { $name }（{ $code }）
notify-move-new = 新上榜
notify-move-same = 名次不变
notify-move-none = 暂未上榜
notify-move-up = 上升 { $n } 名
notify-move-down = 下降 { $n } 名
notify-titles = 获得称号
notify-titled = { $who }：{ $titles }
notify-climbers = 名次上升最多
notify-climber = { $who }：上升 { $n } 名，现居第 { $rank } 名
notify-teams = 团队排名
notify-team = 第 { $rank } 名 { $team }：{ $points }（{ $move }）
notify-site = 在网站上查看完整排名
notify-left-out-members = … 另有 { $n } 名成员未列出（消息长度有限）
notify-left-out = … 另有 { $n } 条未列出（消息长度有限）

## 命令的说明。
notify-posted = 已将 { $period } 的播报发到 { $robot }（{ $platform }）
notify-dry-run-robot = { $robot }（{ $platform }）：请求内容（试运行：不发送）
notify-dry-sign = （发送时签名）
notify-failed = { $total } 个机器人中有 { $failed } 个未发送成功
notify-refused = { $robot }：{ $platform }拒绝：{ $message }
notify-http-status = { $robot }：{ $platform }返回 HTTP { $status }
notify-timeout = { $robot }：{ $platform }在 { $seconds } 秒内没有应答
notify-host-not-found = { $robot }：找不到{ $platform }的服务器
notify-network = { $robot }：无法连接{ $platform }：{ $reason }
notify-unreadable = { $robot }：{ $platform }返回 HTTP { $status }，应答无法识别；消息可能没有发出
notify-too-big = { $robot }：播报超出一条{ $platform }消息的长度
notify-audit-failed = { $robot }：已发送，但审计日志未能记录：{ $error }
notify-bad-lang = --lang：“{ $lang }”不是 en 或 zh-CN
notify-top-zero = --top：至少列出 1 名成员
notify-unknown-robot = --robot：{ $file } 中没有机器人“{ $name }”（已有：{ $known }）

## 机器人文件。
notify-robots-mode = 警告：{ $file } 可被他人读取（权限 { $mode }）：读到它的人都能在你的群里发消息；请 chmod 600
notify-robots-missing = { $file }：没有机器人文件。请在此处写一个（chmod 600），每个群机器人一个 [[robot]] 表：name、kind（dingtalk、wecom 或 feishu）和 url，可选 secret、keyword 和 site_url；或用 --robots FILE 指定其他文件
notify-robots-unreadable = { $file }：无法读取机器人文件：{ $error }
notify-robots-not-utf8 = { $file }：不是 UTF-8 文本
notify-robots-none = { $file }：没有机器人：请为每个群机器人添加一个 [[robot]] 表
notify-robots-toml = { $file }:{ $line }：{ $problem }
notify-robots-field = { $file }:{ $line }：{ $field }：{ $problem }
notify-robots-kind = 未知类型“{ $kind }”（dingtalk、wecom 或 feishu）
notify-robots-url = 必须是 http:// 或 https:// 地址，含主机名，不含空格
notify-robots-duplicate = 又一个名为“{ $name }”的机器人（第一个在第 { $first } 行）
notify-robots-empty = 为空
notify-robots-hidden = 含控制字符或隐藏字符
notify-robots-hidden-or-empty = 为空，或含控制字符或隐藏字符
notify-robots-not-text = 此处无效：请写成带引号的文本
notify-robots-unknown-key = 未知的键（机器人的键为 name、kind、url、secret、keyword 和 site_url）
notify-robots-unknown-top-key = 未知的键（此文件只含 [[robot]] 表）
notify-robots-missing-key = 缺少此键：每个机器人都需要 name、kind 和 url
notify-robots-not-toml = 不是有效的 TOML：{ $error }
