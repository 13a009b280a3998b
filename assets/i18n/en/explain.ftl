# How an award's points came about (issue 40), worded from the explanation
# the scorer keeps as data. Each id is also in zh-CN/explain.ftl, with the
# same arguments. Numbers come as text, exactly as the ledger writes them.
# The pieces are joined as they are: a piece that goes after another starts
# with its own separator. Put together, the English here is byte for byte
# the `explanation` column scripts read (a test holds it to that).

# A per_event rule: the activity and the rule's fixed points.
explain-per-event = { $rule } { $subject } on { $date }: { $base }
# The per-amount part, and the total with the fixed points.
explain-per-amount = { " " }+ floor({ $amount } / { $unit }) × { $points } = { $total }
# A multiplier that boosted the points.
explain-boost = ; { $rule } ×{ $factor } = { $total }
explain-rounded = , rounded to { $points }
# The cap's cut; `per` is month, quarter or year.
explain-cap = ; cut to { $left } by the cap of { $cap } per { $per } ({ $spent } already used in { $period })

# An attainment rule: the sum against the target and the tier reached.
explain-attainment = { $rule } { $period }: { $event } { $sum } of target { $target } = { $attainment }%; tier { $tier }% = { $points }
explain-accelerator = ; accelerator floor({ $attainment } − { $above }) × { $per-percent } = { $extra }; total { $total }

# A rank rule's place, in a team or in the company.
explain-rank-team = { $rule } { $period }: place { $place } of { $of } in team { $team } with { $approved } approved points (rank and pool awards left out)
explain-rank-company = { $rule } { $period }: place { $place } of { $of } in the company with { $approved } approved points (rank and pool awards left out)
explain-rank-shared = , shared with { $others }
explain-rank-points = ; place { $place } = { $points }
explain-rank-title = , title { $title }

# A share of a team pool; `basis` is one of the three below.
explain-pool = { $rule } { $period }: team { $team }'s pool { $total } from { $activities } activities; { $member } { $basis }: share { $share }
explain-pool-equal = equal shares among { $members } members
explain-pool-activities = took part in { $took-part } of the pooled activities' { $of } participations
explain-pool-points = { $points } of the team's { $of } approved points
explain-pool-remainder = { " " }(with 0.01 of the remainder, largest remainders first)

# A manual award: the lead's reason.
explain-manual = manual: { $reason }

# An adjustment of an approved award; `difference` carries its sign,
# `why` is the computed explanation or one of the three below.
explain-adjustment = adjustment of { $rule } { $subject }: now { $now }, approved { $approved }, difference { $difference } ({ $why })
explain-moved-here = moved here from { $from }
explain-moved-to = moved to { $to }
explain-no-longer-computed = no longer computed by the rules

# What a statement line adds to its explanation.
explain-rejected = { " " }(rejected: { $reason })
explain-disputed = { " " }[disputed by { $by }: { $reason }]
explain-disputed-resolved = { " " }[disputed by { $by }: { $reason }; { $resolution ->
        [accepted] accepted
       *[rejected] rejected
    }: { $why }]
