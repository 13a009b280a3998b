# The words of the published pages (merit publish: the site, the members'
# statements, standings.md), by id (issue 40). The templates
# (assets/publish/*.html) see each as t.<name>: publish-next-tier is
# t.next_tier. Each id is in zh-CN/publish.ftl too.

publish-title = Standings
publish-published = Published
publish-with-pending = Pending points included (not yet approved).
publish-approved-only = Approved points only.
publish-members = Members
publish-teams = Teams
publish-move = move
publish-member = member
publish-team = team
publish-points = points
publish-target = target
publish-statement = Points statement
publish-back = ← standings
publish-approved = Approved points in the period
publish-pending-points = Pending
publish-provisional = Provisional (period not ended)
publish-balance = Balance today
publish-available = Available to spend
publish-expiring = Expiring in 30 days
publish-next-reward = Next reward
publish-progress = Progress
publish-next-tier = next tier
publish-to-go = to go
publish-top-tier = the top tier is reached
publish-by-category = Approved points by category
publish-titles = Titles
publish-lines = Every point
publish-date = date
publish-what = what
publish-status = status
publish-why = how it was computed
# standings.md (not the templates): one list item per member or team.
standings-md-who = { $name } ({ $code })
standings-md-line = No. { $rank } { $who } · { $n ->
    [one] { $points } point
   *[other] { $points } points
} · { $move }
