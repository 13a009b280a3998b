# What the store says when it cannot do what was asked (core: error.rs,
# store/). Ids named by the core's `msg!`.

store-busy = the store is busy: another merit is writing to it; try again in a moment
store-read-only = the store is read-only for this user
store-not-merit = the store file is not a merit store
store-disk-full = the disk is full; nothing was written
store-malformed = the store is damaged: SQLite finds the file malformed; restore it from a backup
store-damaged-restore = the store is damaged: { $what }; restore it from a backup (merit verify says more)
store-damaged-column = column { $column } holds a { $found } merit never writes there
store-damaged-value = a value is not what merit wrote ({ $error })
store-error = store error: { $error }
