# Why the points system refuses a change (error::Refusal), by id (issue 40).
# The English is what the command line has always printed (scripts match
# it): each message renders exactly what merit-core's `english()` gives.
# Each id is in zh-CN/refusals.ftl too.

refused-member-inactive = refused: { $member } is not active
refused-reward-inactive = refused: reward { $reward } is not active
refused-out-of-stock = refused: reward { $reward } is out of stock ({ $left } left, { $asked } asked)
refused-not-yet-available = refused: reward { $reward } can be asked for from { $from }
refused-no-longer-available = refused: reward { $reward } could be asked for until { $until }
# $per: week, month, quarter or year.
refused-over-limit = refused: reward { $reward } is limited to { $limit } per member per { $per } ({ $member } has asked for { $asked } in { $period })
refused-not-enough-available = refused: { $member } has { $available } points available, { $needed } needed
refused-now-out-of-stock = { $reward } is out of stock ({ $left } left, { $asked } asked)
refused-stock-taken = { $reward } is out of stock
refused-not-enough-balance = { $member } has a balance of { $balance }, { $needed } needed
refused-period-closed = { $period } is closed (by { $closed_by }, { $closed_at }): awards dated in it cannot change (merit reopen { $period } --reason TEXT)
refused-cannot-decide = { $period } is closed (by { $closed_by }, { $closed_at }): its awards cannot be decided (merit reopen { $period } --reason TEXT)
refused-pending-before-close = { $period } has { $pending } pending { $pending ->
        [one] award
       *[other] awards
    } ({ $points } points): approve or reject { $pending ->
        [one] it
       *[other] them
    } before closing it
# $by: the wider closed period that covers $period.
refused-not-closed-itself = { $period } is not closed itself: { $by } is closed (by { $closed_by }, { $closed_at }); reopen { $by }
refused-not-closed = { $period } is not closed
refused-award-rejected = award { $award } was rejected: nothing to dispute
refused-already-disputed = award { $award } is already disputed
refused-no-open-dispute = award { $award } has no open dispute

# A closed period, said on its own (merit close, merit reopen).
period-is-closed = { $period } is closed (by { $closed_by }, { $closed_at })
