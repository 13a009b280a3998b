# The points handbook (`merit rules handbook`), by id (issue 40). Each id is
# in zh-CN/handbook.ftl too, with the same arguments. Numbers and dates come
# as text, as merit writes them; a whole number of points comes as a number,
# for the plurals. Headings carry their Markdown marks; each bullet is one
# message (or one line of a message), and merit puts the `- ` before it.

# The handbook's parts, in order, and which of them it has:
#   by-category  every rule in force, under its category
#   earning      the rules that give points, under their categories
#   deductions   the rules that take points away
#   campaigns    the multipliers running or still to come
#   rewards      the rewards that can be redeemed
#   approval     approval and expiry
# A part with nothing in it says its `-none` message; where that message
# is empty, the part is left out.
handbook-parts = by-category campaigns approval

handbook-title = # Points handbook
handbook-in-force = The rules in force on { $day }.
handbook-earning = ## Earning points
handbook-deductions = ## Deductions
handbook-deductions-none = There are no deduction rules.
handbook-campaigns = ## Campaigns
handbook-campaigns-none = {""}
handbook-rewards = ## Rewards
handbook-rewards-none = There are no rewards to redeem.
handbook-approval = ## Approval and expiry

# A category's heading; `key` is the category in lower case (`other` for
# none), `name` the category as the rules write it, capitalised.
handbook-category = ## { $key ->
        [other] Other
       *[any] { $name }
    }
# A rule's heading, and its last day.
handbook-rule = ### { $name } (`{ $id }`)
handbook-until = Until { $to }.

# Points after a number.
handbook-points = { $n ->
        [one] { $n } point
       *[other] { $n } points
    }
# A period after "each", "per", "the": `per` is week, month, quarter or year.
handbook-period = { $per ->
        [week] week
        [month] month
        [quarter] quarter
       *[year] year
    }
handbook-list-comma = {", "}

# A per_event rule; `sign` is plus or minus.
handbook-per-event = Each **{ $event }** { $sign ->
        [minus] costs
       *[plus] earns
    } **{ $points }**{ $amount }{ $when }.
handbook-per-amount = , plus { $points } for every full { $unit } of its amount
handbook-when = , when { $conditions }
handbook-condition = { $field } is { $value }
handbook-condition-and = {" and "}
handbook-cap = At most { $points } per person per { $period }, counting every award of this rule in that { $period } (under earlier versions too); a refund lowers what is counted.

# An attainment rule; `per` is week, month, quarter or year.
handbook-tier = { $at }% of the target earns { $points }
handbook-attainment = Measured on your { $per ->
        [week] weekly
        [month] monthly
        [quarter] quarterly
       *[year] yearly
    } **{ $event }** target: { $tiers }. Only the highest tier reached pays.
handbook-accelerator = Above { $above }%, every further full percent earns { $points } more.
handbook-attainment-whole = The whole { $period }'s { $event } counts, under earlier versions of this rule too; the tiers are those in force on the { $period }'s last day.

# A rank rule; `team` is yes (within each team) or no (the whole company).
handbook-place = place { $rank } earns { $points }
handbook-place-titled = place { $rank } earns { $points } and the title **{ $title }**
handbook-rank = At the end of each { $period }, the standings of approved points { $team ->
        [yes] within your team
       *[no] in the whole company
    } are ranked: { $places }.
handbook-rank-min = at least { $points }
handbook-rank-above-zero = more than 0 points
handbook-rank-bar = Only someone with { $bar } in the { $period } is placed. Points from places and from team pools do not count towards the ranking.
handbook-rank-tie = A tie shares the place: everyone on equal points gets its points and title, and the next places are skipped (1, 2, 2, 4).
handbook-rank-again = If approved points change after the { $period } has ended, the places are worked out again until the { $period } is closed.

# A team pool; `split` is activities or points.
handbook-pool-event = **{ $event }**
handbook-pool-or = {" or "}
handbook-pool = Each { $events } recorded by a member of your team adds { $points } to the team's pool.
handbook-pool-share = At the end of each { $period }, the pool is shared among the team's members in proportion to { $split ->
        [activities] how many of the pooled activities each member took part in
       *[points] each member's approved points in that period (points from places and pools left out; below 0 counts as 0)
    }. If nobody contributed, it is shared equally.
handbook-pool-cents = Shares are exact to 0.01 and add up to the pool: each is rounded down to the cent, and the cents left over go one each to the largest remainders (equal remainders: the lower member code first).

# A campaign: its days, the rules it boosts, its factor.
handbook-campaign = From { $from } to { $to }, points from { $rules } are multiplied by { $factor }.

# A reward of the catalogue, with what is left of it or without a limit.
handbook-reward = **{ $name }** (`{ $code }`): { $cost }, { $stock } left
handbook-reward-unlimited = **{ $name }** (`{ $code }`): { $cost }, unlimited stock
handbook-rewards-approval = A redemption takes its points once your team lead approves it; the balance and the stock are checked again then.

# Approval: one bullet a line.
handbook-approval-rules =
    Points count once your team lead approves them; pending points are shown beside the standings.
    A bonus for a month, quarter or year is provisional until that period has ended; it can be approved from the next day.
    Points are dated like what earned them: when the CRM corrects an activity's date, its points move to the new date.
# Expiry after `n` months; `ord` is n's ordinal plural category (one, two,
# few, other).
handbook-expiry = Points can be spent until the last day of the { $n }{ $ord ->
        [one] st
        [two] nd
        [few] rd
       *[other] th
    } month after the month they were earned in; spending uses the oldest points first, and points past their last day can never be spent.
handbook-no-expiry = Points do not expire.
