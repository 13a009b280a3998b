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
cli-rules = rules imported from { $file }: { $n } rule { $n ->
        [one] version
       *[other] versions
    }
cli-published = published { $period } to { $out }: index.html, board.html, { $pages } statement pages, standings.md
cli-awards-and-disputes = award { $award } disputed: it stays pending until resolved (merit resolve { $award })
cli-disputed-approved = award { $award } disputed: it stays approved until resolved (merit resolve { $award }; --accept --points P posts a correcting award)
cli-warning = merit: warning: { $warning }
cli-balance-all-within-reach = an empty next_reward: every active reward is within the member's available points
cli-balance-no-rewards = an empty next_reward: the catalog has no active reward (`merit catalog import FILE` adds them)
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

# merit statement, as text and Markdown: its head and its summary labels.
statement-head = { $name } ({ $member }, { $team }): statement of { $period }, as of { $today }
statement-approved = approved
statement-pending = pending
statement-provisional = provisional
statement-balance = balance
statement-available = available
statement-expiring = expiring in 30 days
statement-next-reward = next reward
statement-titles = titles
statement-to-go = { $reward }, { $missing } points to go

# merit approve-redemption: some of the asked redemptions were refused.
redemptions-left-pending = { $left } of { $of } redemptions left pending

# What the command line and the screen say when they cannot start or go on.
no-home-directory = no home directory: pass --db PATH
cannot-create = { $path }: cannot create: { $error }
cannot-write = { $path }: cannot write: { $error }
cannot-write-workbook = { $path }: cannot write the workbook: { $error }
out-is-store = { $path }: is the store (or its journal): name another file for --out
out-is-key = { $path }: is the seal key: name another file for --out
out-is-checkpoint = { $path }: is in the folder of merit's checkpoints: name another file for --out
out-is-robots = { $path }: is the robots file: name another file for --out
out-is-link = { $path }: is a symbolic link: name the file itself for --out
out-is-folder = { $path }: is a folder: name a file for --out
demo-private-directory = cannot make a private directory for the demo: { $error }
screen-needs-terminal = the screen needs a terminal; for scripts use the commands (`merit --help`)
redemption-vanished = redemption { $id } vanished
lang-not-known = --lang: '{ $lang }' is not en or zh-CN
demo-takes-no-command = --demo opens the screen; it takes no command (for a demo store file: `merit demo --db PATH`)
no-store-at = no store at { $path }; merit import … or merit demo creates one
man-page-failed = the man page: { $error }
save-cannot-start = cannot start the save: { $error }
dry-run-no-scratch = cannot make a temporary folder for the dry run in { $path }: { $error }
save-stopped = the save stopped unexpectedly
terminal-error = terminal: { $error }
cannot-read = { $path }: cannot read: { $error }

# Publishing: the folder it writes into, and what stops it.
publish-name-the-folder = { $path }: name the folder to publish into (not . or ..)
publish-cannot-swap = { $path }: cannot put the new site in place: { $error }; the old site is left as it was
publish-is-a-link = { $path }: is a symbolic link; merit publishes only into a real folder, never through a link
publish-not-a-folder = { $path }: is not a folder
publish-holds-a-link = { $path }: is a symbolic link in the folder to publish into; merit never publishes over a link
publish-not-merits = { $path }: merit did not publish this; publish into a new or empty folder, or one merit published
publish-template = publish: template: { $error }
publish-page-failed = publish: { $page }: { $error }
publish-pages-short = publish: wrote { $pages } pages of the { $meant } it meant to; nothing was published
publish-pages-shared = publish: members { $one } and { $other } would share the page { $page }; nothing was published
copy-destination-not-empty = { $path } already holds a store or other data; merit copy writes only into an empty one
copy-same-store = { $path } is both where to copy from and where to copy to
cli-copied = copied { $from } to { $to }: { $members } members, { $activities } activities, { $awards } awards, { $entries } ledger entries, { $audit } audit entries
cli-copied-verified = both stores verify whole: { $entries } ledger entries chained at each end
