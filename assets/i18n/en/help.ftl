# `merit --help`, by id (issue 40): each message is the English doc comment
# clap has (src/cli/args.rs), and the help in Chinese is found from that
# English through its id. The ids follow the command: help-<command>-about,
# help-<command>-<argument>. Each id is in zh-CN/help.ftl too.

help-about = A points ledger for sales teams: rules, approvals, standings, rewards.
help-after = Without a command, merit opens the terminal screen on the store.
help-db = The store file (default: the platform data directory's merit/merit.db)
help-today = Fix today's date (YYYY-MM-DD), for tests and demos
help-demo = Open the screen on a fresh demo store, removed at exit
help-screen-lang = The screen's language: en or zh-CN (default: MERIT_LANG, else the locale)
help-demo-about = Write a realistic demo store at --db (refuses a non-empty store)
help-demo-members = How many members
help-demo-seed = Seed: the same seed and --today give the same store
help-demo-activities = Exactly this many activities, reaching back as many weeks as it takes (default: a year's worth)
help-demo-years = Put every activity within the last Y calendar years (today's the last); with --activities, as dense as that makes them
help-import-about = Import members, activities or targets from CSV or a CRM's export (xlsx, xls, ods; CSV in UTF-8, UTF-16 or GBK): all rows or none
help-import-map = A TOML file whose [import.<kind>] table maps the export's columns
help-import-sheet = The workbook's sheet (default: the first)
help-import-encoding = utf-8, utf-16, gbk or gb18030 (default: detected)
help-import-dry-run = Show the first rows as merit reads them and what would change
help-publish-about = Publish PERIOD to the team: a static site (index.html, board.html for the office TV, a statement page per member under m/) and standings.md for a team chat
help-publish-lang = en or zh-CN
help-publish-include-pending = Rank with pending points too (the pages say so)
help-publish-with-standings = Members' pages link to the standings
help-notify-about = Post PERIOD's standings digest to the team's group robots (DingTalk, WeCom, Feishu) listed in robots.toml
help-notify-robot = Post to this robot of the file only (again for several; default: every robot)
help-notify-robots = The robots file (default: robots.toml beside the seal key)
help-notify-include-pending = Count pending points too (the message says so)
help-notify-lang = The message's language: en or zh-CN (default: the language in use)
help-notify-top = How many members the message lists
help-notify-dry-run = Print each robot's request body instead of posting it
help-statement-about = A member's points statement for PERIOD (default: the current quarter)
help-export-about = Exports for other systems
help-export-payroll-about = A period's approved points per member (and money at --rate per point) for HR, as CSV, or as XLSX with --out FILE.xlsx
help-export-payroll-rate = Money per point, an exact decimal
help-export-payroll-out = Write to FILE (.xlsx: a workbook; else CSV) instead of stdout
help-export-payroll-require-closed = Refuse (exit 1) unless the period is closed
help-rules-about = Rules as TOML
help-rules-import-about = Replace every rule with those of FILE (validated as a whole)
help-rules-import-allow-empty = Accept a file with no [[rules]]: every rule is retired
help-rules-export-about = Print the rules as TOML
help-rules-handbook-about = Print a Markdown handbook of the rules in force (default: today)
help-recalc-about = Recompute awards for PERIOD (default: every period with data)
help-recalc-dry-run = Count the changes without writing them
help-approve-about = Approve the pending awards of PERIOD that match
help-approve-dry-run = Say what would be approved without approving it
help-reject-about = Reject the pending awards of PERIOD that match
help-award-about = Enter a manual award (or a deduction, with negative POINTS); it starts pending
help-award-date = The award's date (default: today)
help-dispute-about = Dispute award AWARD: it cannot be approved until resolved
help-resolve-about = Resolve the dispute of AWARD: --accept (with --points P, a correcting manual award) or --reject
help-resolve-award = The disputed award's number (`merit ledger` shows it)
help-resolve-accept = Accept the dispute (the award stays; --points corrects it)
help-resolve-reject = Reject the dispute: the award stays as it is (needs --reason)
help-resolve-points = With --accept: a correcting manual award of P points, pending like any other
help-resolve-reason = Why (needed to reject; optional to accept)
help-standings-about = Standings of PERIOD
help-standings-teams = Rank teams instead of members
help-standings-include-pending = Count pending awards too
help-standings-by = `category`: each member's points split by rule category (members only)
help-ledger-about = Awards of every status, one row each
help-ledger-status = pending (approvable now), provisional (pending, for a period that has not ended), approved or rejected
help-catalog-about = The reward catalog
help-catalog-import-about = Add or update rewards from CSV: code,name,cost,stock,category[,active]
help-catalog-list-about = List the rewards
help-redeem-about = Ask for a reward for a member; it starts pending
help-redemptions-about = The redemption queue; `approve ID…` / `reject ID… --reason TEXT`
help-redemptions-approve-about = Approve redemptions: re-checks balance and stock, posts, takes stock
help-redemptions-reject-about = Reject redemptions
help-balance-about = Balances, available points, next reward, points expiring in 30 days
help-expire-about = Post expiry entries for lots whose last day is before DATE (default today)
help-close-about = Close PERIOD: awards dated in it never change (refused while any is pending)
help-reopen-about = Open a closed PERIOD again
help-verify-about = Check the store: SQLite's integrity check, the ledger's and audit log's hash chains, the seal, balances, postings, decisions, and the checkpoints (exit 1 naming what is wrong)
help-verify-checkpoint = A checkpoint (from `merit seal`) the store must still contain
help-verify-quick = SQLite's quick check instead of its full one: indexes are not checked against their tables
help-seal-about = Verify the store, seal it, and print its checkpoint line (also kept beside the key; --out FILE writes it there too)
help-seal-accept = Reseal the store as it is after a change outside merit: shows what differs from the last seal, keeps the earlier checkpoint beside the new one, and audits it (needs --reason)
help-seal-reason = Why the store is accepted as it is
help-audit-about = The audit log: every write, who made it, when, what changed
help-audit-since = Entries on or after this day
help-audit-actor = Only this actor's entries
help-completions-about = Print the shell completion script for SHELL (bash, zsh, fish, powershell or elvish)
help-man-about = Print merit's man page (roff), e.g. `merit man > merit.1`

# clap's own words, which the Chinese help says itself (src/cli/help_zh.rs);
# the English help keeps clap's, as here.
help-clap-usage = Usage:
help-clap-commands = Commands
help-clap-options = Options
help-clap-arguments = Arguments
help-clap-help = Print help
help-clap-version = Print version
help-clap-help-command = Print this message or the help of the given subcommand(s)
# In the usage line: [OPTIONS], [COMMAND], <COMMAND>.
help-clap-usage-options = OPTIONS
help-clap-usage-command = COMMAND
help-clap-default = default: { $values }
help-clap-possible = possible values: { $values }
help-clap-env = env: { $var }
# After an argument's help: its notes (default, possible values, env).
help-clap-notes = [{ $notes }]
help-clap-notes-separator = ] [
help-clap-list-separator = {", "}
# clap's errors, worded by merit for the Chinese command line (`cli/clap_zh.rs`); the English is
# clap's own, which the English command line prints as clap writes it.
help-clap-error = error: { $message }
help-clap-error-missing-subcommand = '{ $command }' requires a subcommand but one was not provided
help-clap-error-subcommands = [subcommands: { $values }]
help-clap-error-missing-arguments = the following required arguments were not provided:
help-clap-error-unknown-argument = unexpected argument '{ $arg }' found
help-clap-error-unknown-subcommand = unrecognized subcommand '{ $command }'
help-clap-error-invalid-value = invalid value '{ $value }' for '{ $arg }'
help-clap-error-value-missing = a value is required for '{ $arg }' but none was supplied
help-clap-error-possible = [possible values: { $values }]
help-clap-error-used-twice = the argument '{ $arg }' cannot be used multiple times
help-clap-error-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
help-clap-error-similar-subcommand = tip: a similar subcommand exists: { $names }
help-clap-error-similar-argument = tip: a similar argument exists: { $names }
help-clap-error-similar-value = tip: a similar value exists: { $names }
help-clap-error-quoted = '{ $name }'
help-clap-error-pass-as-value = tip: to pass '{ $arg }' as a value, use '{ $use }'
help-clap-error-tip = tip: { $tip }
help-clap-error-usage = Usage: { $usage }
help-clap-error-more = For more information, try '{ $flag }'.
help-clap-error-list-separator = {", "}
