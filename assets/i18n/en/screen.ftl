# merit's words for the screen, by id (issue 40). Each id is in zh-CN/screen.ftl too.

merit = merit
ledger = Ledger
demo-temporary = demo (temporary)
rules = Rules
catalog = Catalog
rankings = Rankings
terminal-too-small = terminal too small
merit-needs-at-least-80-24 = merit needs at least 80×24; this one is
enlarge-it-to-go-on-q = enlarge it to go on; q quits (no other key works meanwhile)
pending = pending
pts = pts
marked = marked
filter = filter
date = date
member = member
rule-reason = rule / reason
points = points
status = status
sym-number = #
move = move
team = team
plus-pending = +pending
target = target
members = members
no-awards-here-try-another-status = No awards here. Try another status (s), period ([ ]) or filter (/).
no-rules-yet-merit-rules-import = No rules yet: `merit rules import FILE` loads them.
no-rule-match = No rule matches the filter. Press / to change it.
no-reward-matches = No reward matches the filter. Press / to change it.
no-redemption-matches = No redemption request matches the filter.
no-rewards-yet-merit-catalog-import = No rewards yet: `merit catalog import FILE` adds them.
no-redemption-requests-merit-redeem-member = No redemption requests (`merit redeem MEMBER REWARD`).
leaders = Leaders
no-points-in-this-period = no points in this period
titles = titles
nothing-pending-to-decide-in-the = nothing pending to decide in the marked rows or this row
no-active-member-matches = no active member matches
keys-esc-closes = Keys  (Esc closes)
# The space bar, as the footer and the `?` help name it.
key-space = space
confirm = Confirm
y-enter-confirm-n-esc-cancel = y / Enter: confirm    n / Esc: cancel
enter-reject-esc-cancel = Enter: reject    Esc: cancel
reason = Reason
a-rejection-needs-a-reason = a rejection needs a reason
award = Award
balance = Balance
esc-enter-close = Esc / Enter: close
manual-award-or-deduction = Manual award or deduction
tab-next-field-up-down-choose = Tab: next field  Up/Down: choose member  Enter: save  Esc: cancel
fix-the-fields-marked-first = fix the fields marked ! first
status-with-flag = { $status } ({ $flag })
posting-no-detail = a redemption or an expiry is no award: its row says all it is
esc-again-closes-form = the form is not saved: Esc again closes it without saving
the-manual-award-is-not-saved = the manual award is not saved: Ctrl-C again quits without it, Esc discards it
closed = CLOSED
read-only = READ-ONLY
read-only-refusal = the store is read-only for this user: this screen shows it and changes nothing
history = history
provisional = provisional
disputed = disputed
no-award-here-to-dispute = no award here to dispute
enter-dispute-esc-cancel = Enter: dispute    Esc: cancel
new-rule = New rule:
rule = Rule
this-rule-is-off-a-in = (this rule is off: `a` in the list turns it on)
standings = standings
now = now
edited = edited
total = total
the-preview-waits-for-a-valid = the preview waits for a valid rule
tab-enter-next-s-tab-prev = Tab/Enter next  S-Tab prev  Ctrl-S save  Esc discard  PgDn preview
fix-the-fields-marked-first-the = fix the fields marked ! first; the preview shows the last valid rule
the-rule-change-is-not-saved = the rule change is not saved: Ctrl-C again quits without it, Esc returns to the editor
discard = Discard
save-as-a-new-version = Save as a new version
enter-save-and-recalculate-esc-back = Enter: save and recalculate    Esc: back
enter-see-what-saving-does-esc-back = Enter: see what saving does    Esc: back
new-rule-2 = New rule
write-a-date-as-yyyy-mm = write a date as YYYY-MM-DD
the-rule-change-was-discarded-nothing = the rule change was discarded; nothing was saved
e-per-event-t-attainment-m = e per_event   t attainment   m multiplier
r-rank-places-titles-p-team = r rank (places, titles)   p team_pool      Esc: cancel
versions-in-force-replaced = versions (* in force, - replaced)
rule-versions-matching-enter-edits = { $count } of { $all } rule { $all ->
        [one] version
       *[other] versions
    } in force match the filter; Enter edits one
rule-versions-in-force-enter-edits = { $count } rule { $count ->
        [one] version
       *[other] versions
    } in force; Enter edits one, with a preview
new-reward = New reward
reward = Reward
tab-next-field-enter-save-esc = Tab: next field  Enter: save  Esc: cancel
the-reward-is-not-saved-ctrl = the reward is not saved: Ctrl-C again quits without it, Esc discards it
mark-unmark-move-down = mark / unmark, move down
mark = mark
mark-every-row-shown = mark every row shown
mark-all = mark all
clear-the-marks = clear the marks
unmark = unmark
approve-marked-or-this-row = approve marked or this row
approve = approve
reject-marked-or-this-row = reject marked or this row
reject = reject
explanation-and-history = explanation and history
detail = detail
manual-award-or-deduction-2 = manual award or deduction
new = new
dispute-this-award = dispute this award
resolve-this-award-s-dispute = resolve the dispute
resolve = resolve
no-open-dispute-here-to-resolve = no open dispute here to resolve
tab-next-field-enter-resolve-esc = Tab: next field    Enter: resolve    Esc: cancel
decision = decision
accept-a = accept (a)
reject-x = reject (x)
correction-points-optional = points to add or take (±, optional)
another-merit-is-writing-the-save = another merit is writing: the save will say what it did
status-pending-approved = status: pending/approved/…
edit-ctrl-s-saves-it = edit; Ctrl-S saves it
edit = edit
add-a-rule = add a rule
turn-on-off-from-a-date = turn on / off from a date
on-off = on/off
end-the-rule-from-a-date = end the rule from a date
end = end
mark-unmark-a-request = mark / unmark a request
mark-every-pending-request = mark every pending request
approve-marked-or-this-one = approve marked or this one
reject-marked-or-this-one = reject marked or this one
add-a-reward = add a reward
edit-a-reward = edit a reward
balance-and-next-reward = balance and next reward
balance-2 = balance
team-2 = Team
members-teams = members / teams
teams = teams
footer-team-members = team
footer-members = members
dispute = dispute
with-without-pending = with / without pending
the-chart-by-category = the chart by category
publish-the-period-s-site = publish the period's site
by-category = by category
publish = publish
the-four-panes = the four panes
next-pane = next pane
previous-pane = previous pane
down-up = down / up
page-down-up = page down / up
first-last-row-home-end = first / last (Home/End)
previous-next-period = previous / next period
period = period
week-month-quarter-year = week/month/quarter/year
kind = kind
filter-by-text = filter by text
clear-the-filter = clear the filter
help = help
quit-ctrl-c-in-a-form = quit (Ctrl-C in a form)
quit = quit
everywhere = Everywhere
approved = approved
rejected = rejected
all = all
week = week
month = month
quarter = quarter
year = year
row = row
page = page
name = name
category = category
window = window
on = on
yes = yes
no = no
always = always
reward-2 = reward
unlimited = unlimited
qty = qty
available = available
pending-redemptions-held-back = pending redemptions held back
next-reward = next reward
expiring-in-30d = expiring in 30d
every-active-reward-is-within-reach = every active reward is within reach
reason-2 = reason
accel-above = accel above
accel-pts = accel pts/%
activities-taken-part-in-or-points = activities (taken part in) or points (approved)
activity-kinds-e-g-joint-visit = activity kinds, e.g. joint_visit, knowledge_share
amount-unit = amount unit
at-most-this-many-per-member = at most this many per member per period; empty: no limit
at-most-this-many-points-per = at most this many points per cap period
available-from = available_from
available-to = available_to
by-team = by team
cap-per = cap per
cap-points = cap points
code = code
conditions-key-value-key-value = conditions: key=value, key=value
e-g-1-0-extra-points = e.g. 1.0: extra points above 100%
e-g-1-5 = e.g. 1.5
ends = ends
event = event
events = events
factor = factor
fewest-approved-points-placed-empty-above = fewest approved points placed; empty: above 0
first-day-it-can-be-asked = first day it can be asked for (YYYY-MM-DD); empty: always
first-day-of-the-campaign-yyyy = first day of the campaign (YYYY-MM-DD)
free-text-e-g-gift-time = free text, e.g. gift, time off
from = from
items-left-empty-unlimited = items left; empty: unlimited
last-day-yyyy-mm-dd-empty = last day (YYYY-MM-DD); empty: no end
last-day-it-can-be-asked = last day it can be asked for (YYYY-MM-DD); empty: always
last-day-of-the-campaign-yyyy = last day of the campaign (YYYY-MM-DD)
limit-per = limit_per
limit-qty = limit_qty
min-points = min points
month-quarter-or-year = month, quarter or year
month-quarter-or-year-with-limit = month, quarter or year (with limit_qty)
no-spaces-an-existing-code-edits = no spaces; an existing code edits that reward
per = per
per-event-rule-ids-e-g = per_event rule ids, e.g. deal, new-customer
performance-customer-growth-penalty = performance, customer, growth, penalty…
places = places
points-into-the-pool-per-activity = points into the pool per activity
points-per-activity-negative-a-penalty = points per activity; negative: a penalty
points-per-item = points per item
points-per-whole-percent-above = points per whole percent above
points-per-whole-unit-of-the = points per whole unit of the amount
rank-points-title-e-g-1 = rank:points:title, e.g. 1:100:Top seller, 2:50
rules-2 = rules
share-points-e-g-0-8 = share:points, e.g. 0.8:30, 1.0:60
split-by = split by
the-activity-kind-whose-amounts-are = the activity kind whose amounts are summed
the-activity-kind-e-g-deal = the activity kind, e.g. deal
tiers = tiers
to = to
true-or-false = true or false
unit-points = unit points
what-members-see = what members see
what-the-team-sees = what the team sees
when = when
with-unit-points-floor-amount-unit = with unit points: + floor(amount / unit) × points
yes-rank-within-each-team-empty = yes: rank within each team; empty: company
cost = cost
stock = stock
active = active
member-2 = Member
points-2 = Points
date-2 = Date
category-2 = Category
award-2 = award
adjustment = adjustment
manual = manual
lowercase-letters-digits-and = lowercase letters, digits and -
missing = missing
unknown-key = unknown key
id = id
is-empty = is empty
is-empty-say-month-quarter-or = is empty: say month, quarter or year
expiring-in-30-days = expiring in 30 days
writing-the-demo-s-activities = writing the demo's activities
counting-what-the-demo-s-years = counting what the demo's years make
scoring-by-month = scoring, by month
reading-file = reading { $name }
writing-the-members-pages = writing the members' pages
verifying-the-store = verifying the store
wait-for-the-rule-save-to = wait for the rule save to finish first (moving, reading, filtering work)
rule-save-running-y-wait-then = rule save running. y: wait, then quit  n: quit now, save undone  Esc: stay
rule-save-failed-quit = the rule save failed: { $error }. Enter: back to the rule  q: quit without it
waiting-for-the-rule-save-to = waiting for the rule save to finish, then quitting

more = { $n } more
next-reward-2 = { $code } ({ $name }, { $cost } points): { $missing } to go
hidden-marks = { $n } of them hidden by the filter or status
resolve-question = Resolve the dispute of { $who }'s { $what } ({ $points } points)
resolved = dispute of award { $id } accepted: correcting award { $c }, pending approval
resolved-2 = dispute of award { $id } accepted
resolved-3 = dispute of award { $id } rejected: the award stays as it is
dispute-question = Dispute { $who }'s { $what } ({ $points } points)?
disputed-2 = award { $id } disputed: no approval takes it until it is resolved (r)
disputed-approved = award { $id } disputed: it stays approved until resolved (r)
request-stays-pending = ; request { $id } stays pending: { $why }
already-decided = ; { $n } already decided
detail-figures = { $points } points, { $kind }, { $status }
detail-key = rule { $rule }  subject { $subject }  category { $category }
closed-refusal = { $period } was closed by { $by } on { $day }: no decisions in it (reopen it first)
created-line = {"  "}{ $at }  created by { $by }
history-line = {"  "}{ $at }  { $action } by { $by }: { $detail }
saved-manual = award { $id }: { $member } { $points } points, pending approval
by-category-2 = By category: { $who }
by-week = Points by week: { $who }, highest { $high }
by-week-low = Points by week: { $who }, highest { $high }, lowest { $low }
more-categories = … and { $n } more (merit standings { $period } --by category)
saved-by = {"  "}saved { $at } by { $by }
save-question = Save '{ $id }' as a new version in force from:
end-question = End '{ $id }': no points from this day on:

provisional-left = { $count } provisional { $count ->
        [one] award
       *[other] awards
    } left pending (period not ended)
approve-question = Approve { $count } { $count ->
        [one] award
       *[other] awards
    } for { $points } points?
reject-question = Reject { $count } { $count ->
        [one] award
       *[other] awards
    } for { $points } points?
approved-2 = approved { $count } { $count ->
        [one] award
       *[other] awards
    }, { $points } points
rejected-2 = rejected { $count } { $count ->
        [one] award
       *[other] awards
    }, { $points } points
approve-redemptions-question = Approve { $count } { $count ->
        [one] redemption
       *[other] redemptions
    } for { $points } points?
reject-redemptions-question = Reject { $count } { $count ->
        [one] redemption
       *[other] redemptions
    } for { $points } points?
only-disputed = { $count } disputed { $count ->
        [one] award
       *[other] awards
    }: no approval takes { $count ->
        [one] it
       *[other] them
    } until resolved (r)
only-provisional = { $count } provisional { $count ->
        [one] award
       *[other] awards
    }: the period has not ended, so not approvable yet

list-separator = {", "}
period-list-separator = {", "}
rows = { $n } { $n ->
        [one] row
       *[other] rows
    }
marks-cleared = the period changed: { $n } { $n ->
        [one] mark
       *[other] marks
    } cleared
earlier-entries = {"  "}… { $n } earlier { $n ->
        [one] entry
       *[other] entries
    }
decided-line = {"  "}{ $at }  { $status } by { $by }
decided-line-with-reason = {"  "}{ $at }  { $status } by { $by }: { $reason }
part-closed = (closed: { $periods })
saving-rule = saving '{ $id }' from { $from }…
saving-rule-progress = saving '{ $id }' from { $from }: { $work }
reward-added = reward { $code } added
reward-changed = reward { $code } changed
reward-unchanged = reward { $code }: nothing changed
rule-kind = kind
# A rule's kind in the Rules pane (the kind TOML names, in English).
members-points-change = { $n ->
        [0] no member's points change
        [one] { $n } member's points change
       *[other] { $n } members' points change
    }
discard-new-rule-question = Discard the new rule?
discard-changes-question = Discard the changes to '{ $id }'?
recalc-new = { $n } new
recalc-changed = { $n } changed
recalc-withdrawn = { $n } withdrawn
recalc-adjustments = { $n } { $n ->
        [one] adjustment
       *[other] adjustments
    }
recalc-adjustments-to-approved = { $n } { $n ->
        [one] adjustment
       *[other] adjustments
    } to approved awards
recalc-skipped = { $n } skipped
rule-saved = saved '{ $id }' from { $from }: { $counts }
rule-saved-no-award-changes = saved '{ $id }' from { $from }: no award changes
save-plan = saving will make { $counts } ({ $members } { $members ->
        [one] member's
       *[other] members'
    } points change)
save-plan-changes-no-award = saving changes no award
replaced-version = {"  "}- { $window }{ $off ->
        [off] {", off"}
       *[on] {""}
    }  replaced { $at } by { $by };
replaced-version-saved = {"  "}- { $window }{ $off ->
        [off] {", off"}
       *[on] {""}
    }  replaced { $at } by { $by };{"  "}saved { $saved_at } by { $saved_by }
version-in-force = {"  "}* { $window }{ $off ->
        [off] {", off"}
       *[on] {""}
    }{ $saved }
preview-standings-with-pending = standings, pending included
preview-status = preview: { $period } standings now and edited, as if in force from { $from }
toggle-question = Turn '{ $id }' { $on ->
        [on] on
       *[off] off
    } from:
approve-marked-question = Approve { $count } marked { $count ->
        [one] award
       *[other] awards
    } for { $points } points?
reject-marked-question = Reject { $count } marked { $count ->
        [one] award
       *[other] awards
    } for { $points } points?
approve-award-question = Approve { $who }'s { $what } ({ $points } points)?
reject-award-question = Reject { $who }'s { $what } ({ $points } points)?
approved-redemptions = approved { $count } { $count ->
        [one] redemption
       *[other] redemptions
    }, { $points } points
rejected-redemptions = rejected { $count } { $count ->
        [one] redemption
       *[other] redemptions
    }, { $points } points
movement-new = new
no-ranked-match = { $ranked ->
        [teams] No team matches
       *[members] No member matches
    } the filter. Press / to change it.
no-ranked-yet = { $ranked ->
        [teams] No teams: active members name their team (`merit import members FILE`).
       *[members] No active members: `merit import members FILE` adds them or makes them active.
    }
ranked-by-with-pending = { $ranked ->
        [teams] teams
       *[members] members
    } by approved + { $pending } pending points (i: approved only)
ranked-by-approved = { $ranked ->
        [teams] teams
       *[members] members
    } by approved points; { $pending } pending beside them (i: with pending)
published = published { $period } ({ $points ->
        [pending] approved and pending points
       *[approved] approved points only
    }, { $lang }): { $pages } { $pages ->
        [one] page
       *[other] pages
    } in { $dir }
publish-ask-title = Publish the site
publish-ask-question = Publish the site of { $period }?
publish-ask-points = { $points ->
        [pending] Points: approved and pending (i switches)
       *[approved] Points: approved only (i switches)
    }
publish-ask-language = Language: { $lang } (the screen's)
publish-ask-folder = Folder: { $dir }
publish-ask-replaces = A site already there is replaced whole.
publish-ask-keys = y/Enter publish · n/Esc cancel
team-members-title = { $team }: { $n } { $n ->
        [one] member
       *[other] members
    }

# The language by its own name (publishing says which it writes).
language-name = English
# A reward form's problems with its coded values, in the form's words.
form-value-not-yes-or-no = '{ $value }' is not true or false
form-value-not-a-period-kind = '{ $value }' is not month, quarter or year
form-value-empty-say-period = is empty: say month, quarter or year
form-value-needs-limit-qty = needs a limit qty
form-rules-tiers-missing = missing (share:points, e.g. 0.8:30, 1.0:60)
form-rules-places-missing = missing (rank:points:title, e.g. 1:100:Top seller, 2:50)
form-rules-must-be-period-kind = must be "month", "quarter" or "year"
form-rules-must-be-yes-or-no = must be yes, or empty
