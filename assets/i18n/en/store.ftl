# What the store says when it cannot do what was asked (core: error.rs,
# store/). Ids named by the core's `msg!`.

store-busy = the store is busy: another merit is writing to it; try again in a moment
store-read-only = the store is read-only for this user
store-not-merit = the store file is not a merit store
store-disk-full = the disk is full; nothing was written
store-sum-out-of-range = the points would add up past the largest total merit keeps (about 9.2 × 10^16 for one member in one month); nothing was written
store-malformed = the store is damaged: SQLite finds the file malformed; restore it from a backup
store-damaged-restore = the store is damaged: { $what }; restore it from a backup (merit verify says more)
store-damaged-column = column { $column } holds a { $found } merit never writes there
store-damaged-value = a value is not what merit wrote ({ $error })
store-error = store error: { $error }
store-pg-lost = the connection to the PostgreSQL server was lost: a write not yet committed is undone; once the server is back, merit audit shows whether it was made
store-pg-back = the connection to the PostgreSQL server is back; the screen is read afresh
store-ids-out-of-step = { $table }: the ids the server gave are not those merit counted; nothing was written
store-thread-stopped = the store's connection thread stopped; nothing was written
store-points-out-of-range = { $member }: { $points } points is out of range
store-member-points-out-of-range = { $member }: the points add up past the largest total merit keeps (about 9.2 × 10^16)
store-balance-out-of-range = { $member }: the balance would pass the largest merit keeps (about 9.2 × 10^16 points); nothing was written
store-total-out-of-range = the points add up past the largest total merit keeps (about 9.2 × 10^16)
store-cannot-create = { $path }: cannot create the store: { $error }
store-schema-mismatch = { $path }: schema { $found }, expected { $expected }
store-migration-failed = migration { $step } failed: { $error }
store-directory-read-only = cannot write beside { $path }: the directory is read-only (SQLite needs it for the WAL)
store-cannot-open = { $path }: cannot open the store: { $error }
store-pg-no-server = no PostgreSQL server answers at { $at }
store-pg-unknown-host = no host named { $host } is known
store-pg-no-database = the server has no database named { $name }: an administrator makes it (createdb { $name }), and merit sets it up on its first write
store-pg-role-refused = the server does not let { $user } in (no role of that name, or no line of pg_hba.conf for it)
store-pg-wrong-password = the server refused the password of { $user }
store-pg-password-missing = the server asks for the password of { $user }: give it in PGPASSWORD, in the password file (~/.pgpass, chmod 600) or in the URL
store-pg-bad-port = { $name } is { $port }, not a port number
store-not-merit-because = { $path }: not a merit store ({ $error })
store-foreign = { $path }: not a merit store (a SQLite database with other tables); it was not changed
store-foreign-pg = { $path }: not a merit store (the database holds other tables); it was not changed
store-pg-no-grant = { $path }: a merit store is there, but role { $user } may not read it: an administrator grants the role its rights (README: "A company's store on PostgreSQL")
store-pg-cannot-set-up = { $path }: role { $user } may not make tables in this database: its owner sets the store up (merit import, merit demo or merit copy, run as the owner); nothing was written
store-newer = { $path }: this store was written by a newer merit (schema { $found }; this build knows up to { $known }); it was not opened or changed: upgrade merit
store-migration-wrong-key = { $path }: this merit brings the store up to schema { $to }, but its seal does not verify with this key (MERIT_KEY); nothing was written: run merit with the store's key
store-rules-unreadable = the rules in the store do not read back: { $problem }
store-rule-version-unreadable = rule version { $seq } in the store does not read back: { $problem }
store-rules-changed-meanwhile = the rules changed in another process meanwhile; nothing was saved

# Long work that stopped, and the demo's own checks.
recalc-stopped = the recalc stopped
scoring-stopped = scoring stopped unexpectedly
recalc-award-not-written = award { $rule } { $member } { $subject }: could not be written
demo-members-range = --members: must be from 1 to 100000
demo-activities-range = --activities: must be from 1 to { $max }
demo-years-range = --years: must be from 1 to { $max }
demo-store-not-empty = { $path }: the store is not empty; `merit demo` writes only to a new store
demo-rules = demo rules: { $problem }
store-not-a-url = { $path }: looks like a database address but is not one: a PostgreSQL store is postgresql://… (for a file so named, write ./ before it)
copy-to-folder = { $path }: is a folder: name the new store's file in it (or a postgresql:// database)
