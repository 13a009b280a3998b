//! Scoring ahead: while a recalc writes one year's awards, a second thread
//! scores the next year from its own read connection. Only for a recalc
//! whose transaction has written nothing yet: the second connection then
//! reads exactly the inputs the transaction sees (the write lock keeps
//! other writers out, and a recalc writes awards, never its inputs).
//! The years up to the first with activities are scored on the writing
//! thread while the second thread scores the one after, so both cores
//! work from the start; after that, at most one year waits scored beside
//! the one being written.

use super::recalc::{ScopeAwards, compute};
use crate::domain::Period;
use crate::error::Result;
use crate::store::Store;
use std::path::Path;
use std::sync::mpsc;

/// Hands `write` each scope's computed awards, in order: the first `here`
/// scored by `score_here` on this thread, the others on a second thread,
/// which starts at once.
pub fn scored_ahead(
    path: &Path,
    scopes: &[Period],
    here: usize,
    today: chrono::NaiveDate,
    mut score_here: impl FnMut(Period) -> Result<ScopeAwards>,
    mut write: impl FnMut(Period, ScopeAwards) -> Result<()>,
) -> Result<()> {
    let (head, rest) = scopes.split_at(here.min(scopes.len()));
    // A rendezvous channel: the scorer waits with the next year until the
    // writer takes it, and starts on the year after only once a quarter of
    // the one taken is written: memory then holds about one year and a
    // half of awards, not two.
    let (send, receive) = mpsc::sync_channel::<Result<ScopeAwards>>(0);
    let (go, wait_for_go) = mpsc::channel::<()>();
    std::thread::scope(|s| {
        s.spawn(move || {
            let store = match Store::open_reader(path) {
                Ok(store) => store,
                Err(e) => {
                    let _ = send.send(Err(e));
                    return;
                }
            };
            for (i, &scope) in rest.iter().enumerate() {
                // The writer gave up: stop scoring.
                if i > 0 && wait_for_go.recv().is_err() {
                    return;
                }
                // Same keys merged here too, off the writing thread.
                let computed = compute(store.db(), scope, today).map(ScopeAwards::new);
                let failed = computed.is_err();
                if send.send(computed).is_err() || failed {
                    return;
                }
            }
        });
        // Owned here: an error returns early and drops them, so the scorer
        // stops at its next send or wait instead of blocking the join.
        let (receive, go) = (receive, go);
        for &scope in head {
            write(scope, score_here(scope)?)?;
        }
        for &scope in rest {
            let mut computed = receive.recv().map_err(|_| {
                crate::error::Error::Failed("scoring stopped unexpectedly".into())
            })??;
            let go = go.clone();
            computed.after_taking(
                computed.len / 4,
                Box::new(move || {
                    let _ = go.send(());
                }),
            );
            write(scope, computed)?;
        }
        Ok(())
    })
}
