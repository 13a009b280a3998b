# merit's words for the command line, by id (issue 40). Each id is in zh-CN/cli.ftl too.

cli-would-approve = would approve { $count } { $count ->
        [one] award
       *[other] awards
    }, { $points } points{ $provisional ->
        [0] {""}
        [one] ; 1 provisional award would be left pending (its period has not ended)
       *[other] ; { $provisional } provisional awards would be left pending (their period has not ended)
    } (dry run, nothing written)
cli-award = award { $id }: { $m_member } { $sign }{ $m_points } on { $m_date }, pending approval
cli-resolve = dispute of award { $award } accepted: correcting award { $c }, pending approval
cli-resolve-2 = dispute of award { $award } accepted
cli-resolve-3 = dispute of award { $award } rejected: the award stays as it is
cli-rewards-imported = imported rewards from { $file }: { $inserted } new, { $updated } updated, { $unchanged } unchanged
cli-redeem = redemption { $id }: { $member } { $reward } ×{ $qty }, { $r_points } points, pending approval
cli-redemptions-decided = { $approved ->
        [yes] approved
       *[no] rejected
    } { $count } { $count ->
        [one] redemption
       *[other] redemptions
    }, { $points } points
cli-decide-2 = merit: redemption { $id }: already decided by { $by }
cli-decide-3 = merit: redemption { $id }: refused, still pending: { $why }
cli-expired = posted { $entries } expiry { $entries ->
        [one] entry
       *[other] entries
    }, { $points } points (as of { $as_of })
cli-demo-written = demo store written to { $store_path }: { $members } members, { $activities } activities; { $approved } awards approved, { $pending } pending (today is { $today })
cli-first-rows = the first rows as merit reads them:
cli-imported = { $dry ->
        [yes] would import
       *[no] imported
    } { $kind } from { $file }: { $inserted } new, { $updated } updated, { $unchanged } unchanged{ $dry ->
        [yes] {" "}(dry run, nothing written)
       *[no] {""}
    }
cli-unscored-kind = { $kind }: { $n } { $n ->
        [one] activity
       *[other] activities
    } that no rule scores
cli-dated-after-today = { $n } { $n ->
        [one] activity
       *[other] activities
    } dated after today ({ $today })
cli-next-recalc = next: merit recalc
cli-payroll-open = { $period } has not ended: { $n } provisional { $n ->
        [one] award
       *[other] awards
    } left out
cli-payroll-written = payroll of { $period } written to { $path }: { $members } members
cli-rules = rules imported from { $file }: { $n } rule versions
cli-published = published { $period } to { $out }: index.html, board.html, { $pages } statement pages, standings.md
cli-awards-and-disputes = award { $award } disputed: it stays pending until resolved (merit resolve { $award })
cli-warning = merit: warning: { $warning }
cli-standings = { $points } pending points not included (--include-pending)
cli-verify = the store is whole: { $v_entries } ledger entries chained, { $v_members } members' balances, { $v_awards_posted } approved awards and { $v_redemptions_posted } approved redemptions posted once each
cli-verify-2 = note: { $note }
cli-accept = the store was what its last seal says; sealed again
cli-accept-2 = differed from the last seal: { $d }
cli-accept-3 = the earlier checkpoint is kept at { $p }
cli-close-period = { $period } closed
cli-close-period-2 = { $how }; nothing changed
cli-reopen-period = { $period } reopened, but it lies in a closed period: { $c_describe }
cli-reopen-period-2 = { $period } reopened
