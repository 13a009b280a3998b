# What `merit verify` finds wrong with a store and notes about it, what a
# write says of the seal before it writes, and what the seal key and the
# checkpoints say (core: ops/verify/, seal.rs, store/seal/). Ids named by
# the core's `msg!`. A problem with one entry is its prefix
# (`verify-ledger-entry`, `verify-audit-entry`) around what is wrong.

## How verify went
verify-kept-changing = the store kept changing while verify read it; run verify again when it is quiet
verify-audit-walk-failed = verify's audit walk failed
verify-inputs-read-failed = verify's reading of the inputs failed
verify-store-damaged = the store is damaged: { $what }
verify-sqlite-reports = SQLite reports: { $line }
verify-row-not-utf8 = a row of { $table } holds text that is not UTF-8 (row { $row })
verify-table-row-not-utf8 = { $table } row { $row } holds text that is not UTF-8
verify-restore = restore it from a backup; nothing else was checked
verify-more-problems = … and { $n } more problems
# Two or more things, the first and the rest.
verify-list = { $first }; { $rest }

## Notes: allowed, but worth knowing
verify-fixed-date-writes = { $n } { $n ->
        [one] write
       *[other] writes
    } made with a fixed date, latest { $day }, by { $by }
verify-quick-unchecked = verify --quick did not check the indexes against their tables (merit verify does)
verify-no-amcheck = the indexes were not checked against their tables: the amcheck extension is not installed in this database (a superuser can run { $sql })
verify-amcheck-not-permitted = the indexes were not checked against their tables: role { $role } may not run amcheck ({ $sql })
verify-debt = { $member }'s balance went below 0 (to { $to }) by { $kind ->
        [award] an award
        [adjustment] an adjustment
        [manual] a manual award
        [redemption] a redemption
        [expiry] an expiry
       *[other] a { $kind }
    } of { $points }: a debt the next points pay first
verify-more-debts = … and { $n } more balances that went below 0
verify-no-key = verify cannot check the seals: no key at { $path } (MERIT_KEY names one); the checks above hold

## An entry of the ledger or the audit log, and what is wrong with it
verify-ledger-entry = ledger entry { $id }: { $what }
verify-audit-entry = audit entry { $id }: { $what }
verify-missing-before = { $n ->
        [one] entry { $to } before it is missing (removed?)
       *[other] entries { $from } to { $to } before it are missing (removed?)
    }
verify-out-of-order = out of order after entry { $after }
verify-no-hash = has no hash: it was not written by merit (inserted?)
verify-does-not-follow = does not follow the entry before it in the chain (an entry was removed or inserted?)
verify-fields-changed = its fields do not match its hash (changed after it was written?)
verify-audit-fields-changed = its fields do not match its hash, or an entry before it changed (changed after it was written?)
verify-unknown-kind = an entry of unknown kind '{ $kind }'
verify-spent-expired = the redemption spent { $spent } of { $member }'s points on { $day }, when { $could } were spendable (points past their last day spent?)
verify-balance-after = { $member }'s balance after it should be { $should }, the entry says { $says }
verify-balance-after-none = { $member }'s balance after it should be { $should }, the entry says nothing
verify-overdrew = the redemption overdrew { $member }'s balance (to { $to })
verify-expiry-below-0 = the expiry took { $member }'s balance below 0 (to { $to }): points were spent after their last day
verify-posts-unapproved = posts award { $award }, which is not approved as posted (changed?)
verify-ledger-ends = missing; the ledger ends at entry { $last } (removed?)
verify-audit-ends = missing; the audit log ends at entry { $last } (removed?)
verify-ledger-head-differs = the chain's recorded head does not match the last entry (changed?)
verify-ledger-no-head = the chain has no recorded head (entries written outside merit?)
verify-audit-head-differs = the audit log's recorded head does not match its last entry (changed?)

## Members and awards against the ledger and the audit log
verify-recorded-balance = member { $member }: the recorded balance is { $kept }, the ledger comes to { $walked } (changed?)
verify-balance-at = { $points } after entry { $entry }
verify-no-balance = nothing
verify-redemptions-differ = member { $member }: approved redemptions come to { $held }, the ledger posts { $posted }
verify-month-sum-differs = member { $member }: the { $status } points kept for { $month } are { $kept }, the awards come to { $awards } (changed behind merit's back?)
verify-award-unposted = award { $award }: approved, but no ledger entry posts it as it stands (changed or removed?)
verify-award-posted-again = award { $award }: posted { $n } times in the ledger
verify-decision-differs = award { $award }: its decision ({ $status } by { $by } at { $at }) is not the one the audit log records ({ $said_status } by { $said_by } at { $said_at }): changed behind merit's back
verify-decision-unrecorded = award { $award }: its decision ({ $status } by { $by } at { $at }) is not the one the audit log records (no decision): changed behind merit's back
verify-input-changed = the { $name } differ from those merit wrote (their digest): changed behind merit's back

## The seal, as verify holds the store to it
verify-no-seal = the store has no seal: it was written behind merit's back (or not since sealing came: any merit write seals it)
verify-seal-wrong-key = the seal does not verify with this key: the store's state was rewritten without the key (or sealed with another key)
verify-ledger-not-sealed = the ledger (entries { $entries }) is not the one sealed on { $when } ({ $sealed } entries): changed behind merit's back
verify-audit-not-sealed = the audit log (entries { $entries }) is not the one sealed on { $when } ({ $sealed } entries): changed behind merit's back
verify-sealed-differ = the { $name } differ from those sealed on { $when }: changed behind merit's back

## Checkpoints, as verify holds the store to them
verify-local-checkpoint = the local checkpoint ({ $path })
verify-named-checkpoint = checkpoint { $path }
verify-checkpoint-other-store = { $checkpoint } is of another store ({ $store })
verify-checkpoint-forged = { $checkpoint }: its seal does not verify with this key (forged?)
verify-checkpoint-shortened = the { $chain } has { $entries } entries; { $checkpoint } of { $day } sealed { $sealed } (shortened, or an older copy of the store put back?)
verify-checkpoint-diverges = the { $chain } diverges from { $checkpoint } of { $day } at or before entry { $sealed } (rewritten?)
verify-checkpoint-garbage = { $checkpoint } holds no merit checkpoint (damaged or replaced?)
verify-checkpoint-missing = { $checkpoint } is missing, though the store was last sealed on this machine (removed?)
verify-not-a-checkpoint = { $path }: holds no merit checkpoint

## What a seal and a checkpoint cover
seal-chain-ledger = ledger
seal-chain-audit = audit log
seal-part-rule-versions = rule versions
seal-part-closed-periods = closed periods
seal-part-rewards = rewards and stock
seal-part-redemptions = redemptions
seal-part-disputes = disputes and their resolutions
seal-part-reward-limits = reward limits
seal-part-titles = titles
seal-part-settings = settings
seal-part-schema = store's schema (its tables, indexes and triggers)
seal-part-members = members
seal-part-activities = activities
seal-part-targets = targets
seal-part-awards = awards

## A write, before it writes: the store as its last seal says
seal-changed-outside = the store changed outside merit since it was last sealed: { $differences }; merit verify says more; nothing was written
seal-none = the store has no seal (removed?)
seal-wrong-key = its seal does not verify with the key (rewritten without it?)
seal-key-missing = this store is sealed, and no key is at { $path }: merit makes no new key for it. Put the key that sealed it there (or name it with MERIT_KEY); nothing was written
seal-ledger-ends = the ledger ends at entry { $entries }, not at the entry { $sealed } sealed
seal-audit-ends = the audit log ends at entry { $entries }, not at the entry { $sealed } sealed
seal-part-differs = the { $name } differ from those sealed
seal-input-differs = the { $name } differ from those merit wrote (their digest)
seal-checkpoint-missing = the local checkpoint { $path } is missing, though the store was sealed on this machine (removed?)
seal-checkpoint-garbage = the local checkpoint { $path } holds no merit checkpoint (damaged or replaced?)
seal-checkpoint-other-store = the local checkpoint { $path } is of another store ({ $store })
seal-checkpoint-forged = the local checkpoint { $path } does not verify with the key (forged?)
seal-checkpoint-shortened = the { $chain } has { $entries } entries; the local checkpoint of { $day } sealed { $sealed } (shortened, or an older copy of the store put back?)
seal-checkpoint-diverges = the { $chain } diverges from the local checkpoint of { $day } at or before entry { $sealed } (rewritten?)
seal-schema-predates = this store's schema predates sealing
seal-accept-needs-reason = --reason: say why the store is accepted as it is

## The checkpoint a write keeps beside the key
seal-checkpoint-not-kept = { $error }; the store's later writes cannot be held to this one (the checkpoint folder needs the group's write access: see the README)
seal-checkpoint-unwritable = { $path }: cannot write the checkpoint: { $error }
seal-checkpoint-unreadable = { $path }: cannot read the checkpoint: { $error }

## The seal key
seal-key-no-home = no home directory for the seal key: set MERIT_KEY
seal-key-unreadable = { $path }: cannot read the seal key: { $error }
seal-key-not-a-key = { $path }: not a merit seal key (64 hex digits)
seal-key-symlink = { $path }: the seal key is a symbolic link; merit uses only a regular file (mode 0600, or 0640 for a group)
seal-key-not-a-file = { $path }: the seal key is not a regular file
seal-key-open = { $path }: the seal key is readable or writable by others (mode { $mode }); chmod 600 it (640 for a group of leads)
seal-key-other-user = { $path }: the seal key belongs to another user (uid { $uid }) outside its group (mode { $mode }); use your own key, or one your group shares
seal-key-cannot-make = cannot make the seal key at { $path }: { $error } (set MERIT_KEY to a key file)
seal-key-no-randomness = no randomness for the seal key: { $error }

## The store's file, said by the command line after `merit: warning: `
seal-store-writable = { $path } can be written by others (mode { $mode }): whoever can write it can change the points; chmod 600 it (or 660 in a shared group directory)
