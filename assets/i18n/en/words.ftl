# merit's words both fronts use, by id (issue 40). Each id is in zh-CN/words.ftl too.

list-separator-semicolon = {"; "}
decided-awards = { $approved ->
        [yes] approved
       *[no] rejected
    } { $count } { $count ->
        [one] award
       *[other] awards
    }, { $points } points
already-decided-by-one = { $who }: { $n }
already-decided-by = { $n } already decided (by { $by })
provisional-left-until = { $n } provisional { $n ->
        [one] award
       *[other] awards
    } left pending: their period has not ended (approvable after { $until })
disputed-left = { $n } disputed { $n ->
        [one] award
       *[other] awards
    } left pending: resolve { $n ->
        [one] it
       *[other] them
    } first (merit resolve AWARD)
# The counts scripts read (SPEC: `merit recalc`): the words never change with the numbers.
recalc-counts = { $new } new, { $changed } changed, { $withdrawn } withdrawn, { $adjustments } adjustments, { $skipped } skipped
recalc-dry-run = dry run, nothing written: { $counts }

# A rule's window, the kinds of ledger postings (GLOSSARY.md).
window-from = { $from } to …
window-to = … to { $to }
window-from-to = { $from } to { $to }
posting-redemption = redemption
posting-expiry = expiry
flag-true = true
flag-false = false

# A rule's kind as people read it (the rules file keeps the TOML words).
rule-kind-name = { $kind ->
        [per_event] per_event
        [attainment] attainment
        [multiplier] multiplier
        [rank] rank
       *[team_pool] team_pool
    }
# A member's progress on one attainment rule (statements, the balance popup).
progress-line = progress { $rule } { $period }: { $metric } { $done } done of { $target } ({ $attainment }%){ $next ->
        [yes] ; next tier at { $at }% gives { $points } points: { $needed } more needed
       *[no] ; the top tier is reached
    }

# A member's page (the published site): sentences with their values.
page-statement-note = Points statement { $period }, Published { $today }.
page-next-reward = { $reward }: { $missing } points to go

# A ledger posting's note (the ledger table's subject), from the note the
# ledger keeps (domain::LedgerNote).
ledger-note-redemption = redemption { $id }: { $reward } ×{ $qty }
ledger-note-expiry = expired lots ending { $ending }

# The column heads of the command line's tables for people, by their
# English name (CSV and JSON keep the English names: they are the contract).
column-rank = rank
column-team = team
column-points = points
column-member = member
column-name = name
column-title = title
column-id = id
column-date = date
column-kind = kind
column-rule = rule
column-subject = subject
column-status = status
column-category = category
column-reason = reason
column-explanation = explanation
column-code = code
column-cost = cost
column-stock = stock
category-manual = manual
column-active = active
column-reward = reward
column-qty = qty
column-requested-on = requested_on
column-balance = balance
column-available = available
column-next-reward = next_reward
column-missing = missing
column-expiring-30d = expiring_30d
column-at = at
column-actor = actor
column-decided-by = decided_by
column-action = action
column-detail = detail
column-what = what
column-how = how

# The published site's podium and period state (issue 41).
page-place = { $n ->
        [1] 1st
        [2] 2nd
        [3] 3rd
       *[other] { $n }th
    } place
page-state-ahead = begins { $date }
page-state-running = in progress, as of { $date }
page-state-ended = ended { $date }
page-state-closed = ended { $date }, closed
page-progress = { $rule } { $period }: { $done } of { $target } ({ $attainment }%){ $next ->
        [yes] ; the next tier at { $at }% gives { $points } points: { $needed } to go
       *[no] ; the top tier is reached
    }
page-site-note = Published { $date }. { $pending ->
        [yes] Pending points included (not yet approved).
       *[no] Approved points only.
    }
page-board-note = Published { $date }. { $pending ->
        [yes] Pending points included (not yet approved).
       *[no] Approved points only.
    } Reloads itself every 5 minutes.

# The reason merit gives the manual award correcting an accepted dispute.
ledger-note-correction = dispute of award { $award } accepted
ledger-note-correction-reason = dispute of award { $award } accepted: { $reason }
