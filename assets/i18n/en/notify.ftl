# `merit notify` (issue 41): the digest posted to the team's group robots, and what the command
# says about the robots file and each post, by id. Each id is in zh-CN/notify.ftl too.

## The platforms.
notify-platform-dingtalk = DingTalk
notify-platform-wecom = WeCom
notify-platform-feishu = Feishu

## The digest.
notify-title = Standings { $period }
notify-title-keyword = { $keyword } · { $title }
notify-ended = { $period } has ended ({ $end }).
notify-running = { $period } is still running: standings as of { $today }.
notify-approved-only = Approved points only.
notify-approved-only-waiting = Approved points only; { $count ->
    [one] 1 pending award ({ $points }) waits
   *[other] { $count } pending awards ({ $points }) wait
} for approval.
notify-with-pending = Pending points included (not yet approved).
notify-points = { $n ->
    [one] { $points } point
   *[other] { $points } points
}
notify-top = Top { $shown } of { $members ->
    [one] 1 member
   *[other] { $members } members
}
notify-member = No. { $rank } { $who }: { $points } ({ $move })
notify-who = { $name } ({ $code })
notify-move-new = new
notify-move-same = same place
notify-move-none = not on the board yet
notify-move-up = up { $n }
notify-move-down = down { $n }
notify-titles = Titles won
notify-titled = { $who }: { $titles }
notify-climbers = Biggest climbers
notify-climber = { $who }: up { $n ->
    [one] 1 place
   *[other] { $n } places
} to No. { $rank }
notify-teams = Teams
notify-team = No. { $rank } { $team }: { $points } ({ $move })
notify-site = Full standings on the site
notify-left-out-members = … and { $n ->
    [one] 1 more member
   *[other] { $n } more members
}, left out to fit the message
notify-left-out = … and { $n } more, left out to fit the message

## What the command says.
notify-posted = posted the digest of { $period } to { $robot } ({ $platform })
notify-dry-run-robot = { $robot } ({ $platform }): the request body (dry run: nothing is posted)
notify-dry-sign = (signed when posted)
notify-failed = { $failed } of { $total ->
    [one] 1 robot was
   *[other] { $total } robots were
} not posted to
notify-refused = { $robot }: { $platform } refused: { $message }
notify-http-status = { $robot }: { $platform } answered HTTP { $status }
notify-timeout = { $robot }: { $platform } did not answer within { $seconds } s
notify-host-not-found = { $robot }: { $platform }'s server was not found
notify-network = { $robot }: cannot reach { $platform }: { $reason }
notify-unreadable = { $robot }: { $platform } answered HTTP { $status } with a reply merit does not understand; the message may not have been posted
notify-too-big = { $robot }: the digest does not fit in one { $platform } message
notify-audit-failed = { $robot }: posted, but the audit log could not record it: { $error }
notify-bad-lang = --lang: '{ $lang }' is not en or zh-CN
notify-top-zero = --top: list at least 1 member
notify-unknown-robot = --robot: no robot '{ $name }' in { $file } (it has: { $known })

## The robots file.
notify-robots-mode = warning: { $file } can be read by others (mode { $mode }): whoever reads it can post in your groups; chmod 600 it
notify-robots-missing = { $file }: no robots file. Write one there (chmod 600) with a [[robot]] table for each group robot: name, kind (dingtalk, wecom or feishu) and url, optionally secret, keyword and site_url; or name another file with --robots FILE
notify-robots-unreadable = { $file }: cannot read the robots file: { $error }
notify-robots-not-utf8 = { $file }: not UTF-8 text
notify-robots-none = { $file }: no robot: add a [[robot]] table for each group robot
notify-robots-toml = { $file }:{ $line }: { $problem }
notify-robots-field = { $file }:{ $line }: { $field }: { $problem }
notify-robots-kind = unknown kind '{ $kind }' (dingtalk, wecom or feishu)
notify-robots-url = must be an http:// or https:// address with a host and no spaces
notify-robots-duplicate = a second robot named '{ $name }' (the first is at line { $first })
notify-robots-empty = is empty
notify-robots-hidden = holds control or hidden characters
notify-robots-hidden-or-empty = is empty or holds control or hidden characters
notify-robots-not-text = not valid here: write it as text in quotes
notify-robots-unknown-key = unknown key (a robot has name, kind, url, secret, keyword and site_url)
notify-robots-unknown-top-key = unknown key (the file holds [[robot]] tables)
notify-robots-missing-key = missing: every robot needs name, kind and url
notify-robots-not-toml = not valid TOML: { $error }
