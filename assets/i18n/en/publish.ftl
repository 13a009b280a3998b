# The words of the published pages (merit publish: the site, the members'
# statements, standings.md), by id (issue 40). The templates
# (assets/publish/*.html) see each as t.<name>: publish-next-tier is
# t.next_tier. Each id is in zh-CN/publish.ftl too.

publish-title = Standings
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


# The board for the office TV, the podium and the weekly charts (issue 41).
publish-board-link = Full-screen board for the office TV
publish-leaders = Leaders
publish-top-ten = Top ten
publish-trend = trend
publish-new = new
publish-no-move = not on the board yet: no points counted in this period
publish-points-after = points
publish-no-points = Nobody has points in this period yet.
publish-by-week = Points by week
publish-weekly-figures = The figures, week by week
publish-week = week of
publish-headcount = members
