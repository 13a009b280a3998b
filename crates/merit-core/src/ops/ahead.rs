//! Scoring ahead: while a recalc writes one month's awards, a second
//! thread scores the next months from its own read connection. Only for a
//! recalc whose transaction has written nothing yet: the second connection
//! then reads exactly the inputs the transaction sees (the write lock
//! keeps other writers out, and a recalc writes awards, never its inputs).
//! The channel between them holds none: the scorer hands a month over as
//! the writer takes it, so memory holds about three months of awards (the
//! one written, the next one scored, the one before handed back; two with
//! `Chores::OnWriter`), never a year. Which thread words a bulk write's
//! explanations and frees each month written is the one with time to
//! spare (`Chores`).

use super::recalc::{Month, Take, compute_by_month, worded};
use crate::domain::Period;
use crate::error::{Error, Result};
use crate::store::Store;
use std::sync::mpsc;

/// Who words each award's explanation for a bulk write
/// (`recalc::worded`) and frees each month once written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chores {
    /// The scorer, wording the awards when `word`: on SQLite the writer
    /// is the slower of the two, and freeing a month of awards took a
    /// twentieth of its time.
    OnScorer { word: bool },
    /// The writer: PostgreSQL's bulk writer hands its rows to the pipe's
    /// thread and spends most of its time waiting on the scorer (a third
    /// of a core busy, against the scorer's three quarters).
    OnWriter,
}

/// What the scoring thread sends: a month of a scope's awards, or the
/// end of the scope (or the error that stopped it).
enum Scored {
    Month(Month),
    End(Result<()>),
}

/// Hands `write` each scope in order, with what produces its awards a
/// month at a time, scored on a second thread (reading from `store`, a
/// reader of the same file) which starts at once; `chores` says which
/// thread words and frees the months.
pub fn scored_ahead(
    store: Store,
    scopes: &[Period],
    today: chrono::NaiveDate,
    chores: Chores,
    mut write: impl FnMut(Period, &mut dyn FnMut(&mut Take) -> Result<()>) -> Result<()>,
) -> Result<()> {
    let (send, receive) = mpsc::sync_channel::<Scored>(0);
    let (hand_back, handed_back) = mpsc::channel::<Month>();
    std::thread::scope(|s| {
        s.spawn(move || {
            let free = || handed_back.try_iter().for_each(drop);
            for &scope in scopes {
                let done = compute_by_month(store.db(), scope, today, None, &mut |month| {
                    let mut month = std::mem::take(month);
                    if chores == (Chores::OnScorer { word: true }) {
                        month.worded = Some(worded(&month.awards));
                    }
                    // The writer gave up: stop scoring.
                    send.send(Scored::Month(month))
                        .map_err(|_| Error::failed(crate::msg!("recalc-stopped")))?;
                    free();
                    Ok(())
                });
                let failed = done.is_err();
                let stopped = send.send(Scored::End(done)).is_err();
                // The writer has handed the scope's last month back by now.
                free();
                if stopped || failed {
                    return;
                }
            }
        });
        // Owned here: an error returns early and drops it, so the scorer
        // stops at its next send instead of blocking the join.
        let receive = receive;
        for &scope in scopes {
            write(scope, &mut |take| loop {
                match receive.recv() {
                    Ok(Scored::Month(mut month)) => {
                        take(&mut month)?;
                        if chores != Chores::OnWriter {
                            // Freed by the scorer, or here if it has ended.
                            let _ = hand_back.send(month);
                        }
                    }
                    Ok(Scored::End(done)) => return done,
                    Err(_) => return Err(Error::failed(crate::msg!("scoring-stopped"))),
                }
            })?;
        }
        Ok(())
    })
}
