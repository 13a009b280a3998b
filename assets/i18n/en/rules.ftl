# What the rules file's parser and the rule editor say of a rule (issue
# 40): `file:line: rule 'id': key: what is wrong`. Ids named by the core's
# `msg!` (rules/parse*, ops/rules.rs) and the rule editor's.

rules-at-line = { $line }: { $problem }
rules-in-rule = rule '{ $rule }': { $problem }
rules-in-settings = settings: { $problem }
rules-problem-of = { $rule }: { $problem }

## The file as a whole

rules-not-toml = not valid TOML: { $error }
rules-unknown-top-key = unknown key (expected [settings], [[rules]] or [import.*])
rules-must-be-table = must be a table
rules-must-be-rules-tables = must be [[rules]] tables
rules-expire-months = must be a whole number of months from 1 to 1200
rules-versions-share-kind = versions of one rule must share a kind ('{ $kind }' and '{ $other }')
rules-window-overlaps = this version's window overlaps another version of the same rule
rules-names-unknown-rule = names unknown rule '{ $rule }'
rules-names-not-per-event = names rule '{ $rule }', a { $kind } rule; only per_event rules can be boosted
rules-none-changed = no rule was changed
rules-file-empty = no [[rules]] in the file: importing it would retire every rule (pass --allow-empty to do that); no rule was changed

## One rule's keys

rules-id-shape = '{ $id }' must be lowercase letters, digits and '-', at most 64 of them
rules-id-missing = missing (every rule needs an id)
rules-unknown-kind = unknown kind '{ $kind }' (per_event, attainment, multiplier, rank, team_pool)
rules-unknown-key = unknown key
rules-unknown-key-for-kind = unknown key for a { $kind } rule
rules-missing = missing
rules-must-be-true-or-false = must be true or false
rules-must-be-non-empty-text = must be a non-empty text
rules-must-be-text = must be a text
rules-must-be-number = must be a number
rules-must-be-date = must be a date (YYYY-MM-DD)
rules-must-be-table-of = must be a table {"{"} { $keys } {"}"}
rules-must-be-period-kind = must be "month", "quarter" or "year"
rules-per-event-needs-points = missing (a per_event rule needs points or per_amount)
rules-negative-cap = a rule with negative points cannot have a cap
rules-when-float = { $value } is a float: write "{ $value }" in quotes, as the CRM writes it
rules-when-scalar = must be a text, a whole number or a boolean
rules-when-table = must be a table such as {"{"} customer_tier = "A" {"}"}
rules-tier-shape = must be {"{"} at = …, points = … {"}"}
rules-two-tiers = two tiers at the same attainment
rules-tiers-missing = missing (a list such as [ {"{"} at = 1.0, points = 60 {"}"} ])
rules-rules-as-text = must list rule ids as text
rules-rules-missing = missing (a list of per_event rule ids)
rules-places-missing = missing (a list such as [ {"{"} rank = 1, points = 100, title = "Top seller" {"}"} ])
rules-place-shape = must be {"{"} rank = 1, points = 100, title = "…" {"}"}
rules-rank-range = must be a whole number from 1 to 1000
rules-hidden-characters = holds control or hidden characters
rules-two-places = two places with the same rank
rules-events-as-text = must list activity kinds as text
rules-events-missing = missing (a list of activity kinds such as ["joint_visit"])
rules-split = must be "activities" or "points"

## Changing a rule (the editor, `ops::rules`)

rules-key-value = '{ $item }': write key=value
rules-already-a-rule = '{ $id }' is already a rule; pick it in the list to change it
rules-not-in-force = rule '{ $rule }' is not in force on or after { $from }: nothing to change
rules-change-cancelled = the change to rule '{ $rule }' was cancelled: nothing was saved
rules-points-beyond-range = { $award }: the points are beyond the range of ±{ $max }; change the rule
rules-award-on = rule '{ $rule }' on { $subject } ({ $member })
rules-award-for = rule '{ $rule }' for { $subject } ({ $member })
rules-award-for-team = rule '{ $rule }' for { $period } (team { $team })
