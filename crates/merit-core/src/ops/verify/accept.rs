//! Sealing on request: `merit seal` (verified first) and `merit seal
//! --accept` (a change outside merit accepted, with its reason audited).

use super::verify;
use crate::error::{Error, Result};
use crate::message::Msg;
use crate::msg;
use crate::seal::Checkpoint;
use crate::store::Store;
use std::path::PathBuf;

/// `merit seal`: verifies the store (a store changed behind merit's back is
/// never sealed as it is), seals it afresh and writes the checkpoint to
/// `out` (and always beside the key; a checkpoint that cannot be written
/// there fails it).
pub fn seal(store: &mut Store, out: Option<&std::path::Path>) -> Result<Checkpoint> {
    let guarded = crate::ops::out_file::guarded(store.path());
    if let Some(path) = out {
        crate::ops::out_file::check(path, &guarded)?;
    }
    verify(store)?;
    let c = store.write()?.commit_sealed()?;
    if let Some(path) = out {
        crate::ops::out_file::write(path, (c.line() + "\n").as_bytes(), &guarded)?;
    }
    Ok(c)
}

/// What `merit seal --accept` did.
#[derive(Debug)]
pub struct Accepted {
    /// What differed from the last seal (empty: nothing did).
    pub differences: Vec<Msg>,
    /// Where the earlier local checkpoint was kept, if there was one.
    pub kept: Option<PathBuf>,
    pub checkpoint: Checkpoint,
}

/// `merit seal --accept --reason TEXT`: reseals the store as it is, after
/// a change outside merit the lead has looked at. The earlier checkpoint
/// is kept beside the new one, and an audit entry names both and why.
///
/// The audit log is kept in English, whatever the reader's language: the
/// front gives `in_english`, which words what differed for it.
pub fn accept(
    store: &mut Store,
    ctx: &crate::ops::Context,
    reason: &str,
    out: Option<&std::path::Path>,
    in_english: &dyn Fn(&Msg) -> String,
) -> Result<Accepted> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::usage(msg!("seal-accept-needs-reason")));
    }
    let guarded = crate::ops::out_file::guarded(store.path());
    if let Some(path) = out {
        crate::ops::out_file::check(path, &guarded)?;
    }
    let key = crate::seal::load_or_create()?;
    let (differences, earlier, store_id) = {
        let db = store.db();
        let mut differences = db.seal_differences(Some(&key), store.path())?;
        // What only a full read sees, as verify says it: accepted too, so
        // named here and in the audit entry.
        for name in db.input_differences()? {
            differences.push(msg!("seal-input-differs", name = name));
        }
        (differences, db.stored_seal()?, db.store_id()?)
    };
    let now = ctx.now();
    let local = crate::seal::local_checkpoint(&store_id, store.path())?;
    let kept = crate::seal::keep_replaced_checkpoint(&local, &now)?;
    let tx = store.write_accepting()?;
    tx.accept_inputs_as_they_are()?;
    let said = accepted_said(
        reason,
        earlier.as_ref(),
        kept.as_deref(),
        &local,
        &differences,
    );
    let earlier = match &earlier {
        Some(s) => format!(
            "the seal of {} (ledger {}, audit log {}, mac {})",
            s.at,
            s.state.ledger_entries,
            s.state.audit_entries,
            s.mac.get(..16).unwrap_or(&s.mac)
        ),
        None => "no seal".to_string(),
    };
    let kept_text = kept
        .as_ref()
        .map_or("no earlier checkpoint".to_string(), |p| {
            format!("the earlier checkpoint kept at {}", p.display())
        });
    let differed = crate::store::listed(differences.clone())
        .map_or("nothing differed".to_string(), |m| in_english(&m));
    tx.audit(
        &now,
        &ctx.actor,
        "seal accepted",
        &format!(
            "reason: {reason}; replaced {earlier}; {kept_text}; the new checkpoint at {}; differed: {differed}",
            local.display()
        ),
        &said,
    )?;
    let checkpoint = tx.commit_sealed()?;
    if let Some(path) = out {
        let line = checkpoint.line() + "\n";
        crate::ops::out_file::write(path, line.as_bytes(), &guarded)?;
    }
    Ok(Accepted {
        differences,
        kept,
        checkpoint,
    })
}

/// The audit entry's detail of an accepted seal, as a message.
fn accepted_said(
    reason: &str,
    earlier: Option<&crate::store::StoredSeal>,
    kept: Option<&std::path::Path>,
    local: &std::path::Path,
    differences: &[Msg],
) -> Msg {
    let earlier = match earlier {
        Some(s) => msg!(
            "audit-detail-earlier-seal",
            at = &s.at,
            ledger = s.state.ledger_entries.to_string(),
            audit = s.state.audit_entries.to_string(),
            mac = s.mac.get(..16).unwrap_or(&s.mac)
        ),
        None => msg!("audit-detail-no-seal"),
    };
    let kept = match kept {
        Some(p) => msg!("audit-detail-checkpoint-kept", path = p.display()),
        None => msg!("audit-detail-no-earlier-checkpoint"),
    };
    let differed = crate::store::listed(differences.to_vec())
        .unwrap_or_else(|| msg!("audit-detail-nothing-differed"));
    msg!(
        "audit-detail-seal-accepted",
        reason = reason,
        earlier = earlier,
        kept = kept,
        path = local.display(),
        differed = differed
    )
}
