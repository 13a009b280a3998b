//! `merit verify` (SPEC §9): walks the hash chain of the ledger, checks each
//! member's running balance, that no redemption overdrew one or spent
//! points past their last day and no expiry took one below 0, and that
//! every approved award and redemption is posted exactly once. Reads only.

use crate::domain::PostingKind;
use crate::domain::{Points, parse_any_date};
use crate::error::{Error, Result};
use crate::scoring::expiry::{Posted, spendable};
use crate::seal::{Checkpoint, Key};
use crate::store::{ChainRow, Db, GENESIS, SEALED_TABLES, Store};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::PathBuf;

/// What a whole store holds, as `verify` counted it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verified {
    pub entries: usize,
    pub members: usize,
    pub awards_posted: usize,
    pub redemptions_posted: usize,
    /// What is allowed but worth knowing: members whose balance went below
    /// 0 by a deduction (a debt, §12), one line each.
    pub notes: Vec<String>,
}

/// The most problems listed; the first one is what matters.
const MAX_LISTED: usize = 20;

/// Checks the store; `Err(Error::Broken)` lists what is wrong, first bad
/// entry first.
pub fn verify(store: &Store) -> Result<Verified> {
    verify_with(store, &[])
}

/// `verify`, also against the checkpoints in `checkpoints` (and always
/// the local one kept beside the key).
pub fn verify_with(store: &Store, checkpoints: &[PathBuf]) -> Result<Verified> {
    let db = store.db();
    let _work = crate::progress::Work::new(crate::i18n::tr("verifying the store"), None);
    // A file SQLite finds damaged is said so before anything is read from it.
    let integrity = db.integrity_check()?;
    if integrity != ["ok"] {
        let mut lines: Vec<String> = integrity
            .iter()
            .take(5)
            .map(|l| format!("the store is damaged: SQLite reports: {l}"))
            .collect();
        lines.push("restore it from a backup; nothing else was checked".into());
        return Err(Error::Broken(lines));
    }
    let mut problems: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    // The checkpoints to hold the store to, read first: the walks keep the
    // hashes at the lengths they sealed.
    let store_id = db.store_id()?;
    let key = crate::seal::load()?;
    let mut sealed: Vec<(String, Checkpoint)> = Vec::new();
    if !store_id.is_empty()
        && let Ok(local) = crate::seal::local_checkpoint(&store_id, store.path())
        && let Some(c) = crate::seal::read_checkpoint(&local)?
    {
        sealed.push((format!("the local checkpoint ({})", local.display()), c));
    }
    for path in checkpoints {
        match crate::seal::read_checkpoint(path)? {
            Some(c) => sealed.push((format!("checkpoint {}", path.display()), c)),
            None => problems.push(format!("{}: holds no merit checkpoint", path.display())),
        }
    }
    let mut walk = Walk {
        expire_after_months: db.rules()?.settings.expire_after_months,
        wanted: sealed.iter().map(|(_, c)| c.ledger_entries).collect(),
        ..Walk::default()
    };
    db.each_chain_row(|row| {
        walk.step(&row, &mut problems);
        Ok(())
    })?;
    match (db.ledger_head()?, &walk.last) {
        (None, None) => {}
        (Some((id, hash)), Some((last, last_hash))) if id == *last && hash == *last_hash => {}
        (Some((id, _)), Some((last, _))) if id > *last => problems.push(format!(
            "ledger entry {}: missing; the ledger ends at entry {last} (removed?)",
            last + 1
        )),
        (Some((id, _)), _) => problems.push(format!(
            "ledger entry {id}: the chain's recorded head does not match the last entry (changed?)"
        )),
        (None, Some((last, _))) => problems.push(format!(
            "ledger entry {last}: the chain has no recorded head (entries written outside merit?)"
        )),
    }
    walk.compare_recorded(&db.member_balances()?, &mut problems);
    let postings = db.posting_checks()?;
    problems.extend(postings.problems);
    let wanted_audit: Vec<i64> = sealed.iter().map(|(_, c)| c.audit_entries).collect();
    let mut audit_seen = HashMap::new();
    let (audit_last, audit_hash) = db.walk_audit(&mut problems, &wanted_audit, &mut audit_seen)?;
    let (ledger_last, ledger_hash) = walk
        .last
        .clone()
        .unwrap_or((0, crate::store::GENESIS.to_string()));
    check_seal(
        db,
        &store_id,
        key.as_ref(),
        (ledger_last, &ledger_hash),
        (audit_last, &audit_hash),
        &mut problems,
        &mut notes,
    )?;
    check_decisions(db, &mut problems)?;
    for (what, c) in &sealed {
        check_checkpoint(
            what,
            c,
            &store_id,
            key.as_ref(),
            (ledger_last, &walk.seen),
            (audit_last, &audit_seen),
            &mut problems,
        );
    }
    if problems.is_empty() {
        return Ok(Verified {
            entries: walk.entries,
            members: walk.balances.len(),
            awards_posted: postings.awards,
            redemptions_posted: postings.redemptions,
            notes: walk.notes.into_iter().chain(notes).collect(),
        });
    }
    let n = problems.len();
    problems.truncate(MAX_LISTED);
    if n > MAX_LISTED {
        problems.push(format!("… and {} more problems", n - MAX_LISTED));
    }
    Err(Error::Broken(problems))
}

/// The state of a walk along the chain.
#[derive(Default)]
struct Walk {
    entries: usize,
    /// The last entry's id and stored hash.
    last: Option<(i64, String)>,
    balances: HashMap<String, i64>,
    /// Each member's last entry.
    last_of: HashMap<String, i64>,
    /// With expiry: each member's entries so far (date, kind, points), to
    /// know what was spendable when a redemption was posted.
    expire_after_months: Option<u32>,
    entries_of: HashMap<String, Vec<(NaiveDate, PostingKind, Points)>>,
    notes: Vec<String>,
    /// Lengths checkpoints sealed, and the stored hashes found there.
    wanted: Vec<i64>,
    seen: HashMap<i64, String>,
}

impl Walk {
    fn step(&mut self, row: &ChainRow, problems: &mut Vec<String>) {
        let id = row.id;
        if id % 1024 == 0 {
            crate::progress::advance(1024);
        }
        let (expected_id, prev) = match &self.last {
            Some((last, hash)) => (last + 1, hash.clone()),
            None => (1, GENESIS.to_string()),
        };
        let mut say = |what: String| problems.push(format!("ledger entry {id}: {what}"));
        if id != expected_id {
            say(if id == expected_id + 1 {
                format!("entry {expected_id} before it is missing (removed?)")
            } else if id > expected_id {
                format!(
                    "entries {expected_id} to {} before it are missing (removed?)",
                    id - 1
                )
            } else {
                format!("out of order after entry {}", expected_id - 1)
            });
        }
        match (&row.hash, &row.prev_hash) {
            (None, _) | (_, None) => {
                say("has no hash: it was not written by merit (inserted?)".into())
            }
            (Some(hash), Some(stored_prev)) => {
                if *stored_prev != prev {
                    say("does not follow the entry before it in the chain (an entry was removed or inserted?)".into());
                } else if row.expected_hash(&prev) != *hash {
                    say("its fields do not match its hash (changed after it was written?)".into());
                }
            }
        }
        let date = parse_any_date(&row.date).ok();
        let points = Points::from_cents(row.points);
        if let (Some(months), Some(day)) = (self.expire_after_months, date) {
            let so_far = self.entries_of.entry(row.member.clone()).or_default();
            if row.kind == "redemption" {
                let posted: Vec<Posted> = so_far
                    .iter()
                    .map(|&(date, kind, points)| Posted { date, kind, points })
                    .collect();
                let could = spendable(&posted, Some(months), day);
                if -points > could {
                    say(format!(
                        "the redemption spent {} of {}'s points on {day}, when {could} were spendable (points past their last day spent?)",
                        -points, row.member
                    ));
                }
            }
            match PostingKind::parse(&row.kind) {
                Some(kind) => so_far.push((day, kind, points)),
                None => say(format!("an entry of unknown kind '{}'", row.kind)),
            }
        }
        let balance = self.balances.entry(row.member.clone()).or_default();
        let before = *balance;
        *balance += row.points;
        if row.balance_after != Some(*balance) {
            say(format!(
                "{}'s balance after it should be {}, the entry says {}",
                row.member,
                crate::domain::Points::from_cents(*balance),
                row.balance_after.map_or("nothing".to_string(), |b| {
                    crate::domain::Points::from_cents(b).to_string()
                })
            ));
            if let Some(b) = row.balance_after {
                *balance = b;
            }
        }
        if *balance < 0 && *balance < before {
            let to = Points::from_cents(*balance);
            match row.kind.as_str() {
                "redemption" => say(format!(
                    "the redemption overdrew {}'s balance (to {to})",
                    row.member
                )),
                "expiry" => say(format!(
                    "the expiry took {}'s balance below 0 (to {to}): points were spent after their last day",
                    row.member
                )),
                kind => self.notes.push(format!(
                    "ledger entry {id}: {}'s balance went below 0 (to {to}) by a {kind} of {points}: a debt the next points pay first",
                    row.member
                )),
            }
        }
        self.last_of.insert(row.member.clone(), id);
        if self.wanted.contains(&id) {
            self.seen.insert(id, row.hash.clone().unwrap_or_default());
        }
        self.entries += 1;
        self.last = Some((id, row.hash.clone().unwrap_or_default()));
    }

    /// The balances kept beside the ledger (what `balance` and the next
    /// posting read) must be where the walk ended.
    fn compare_recorded(&self, recorded: &HashMap<String, (i64, i64)>, problems: &mut Vec<String>) {
        let mut members: Vec<&String> = self.last_of.keys().chain(recorded.keys()).collect();
        members.sort();
        members.dedup();
        for m in members {
            let walked = self.last_of.get(m).map(|id| (*id, self.balances[m]));
            let kept = recorded.get(m).copied();
            if walked == kept {
                continue;
            }
            let show = |x: Option<(i64, i64)>| match x {
                Some((id, b)) => {
                    format!("{} after entry {id}", crate::domain::Points::from_cents(b))
                }
                None => "nothing".to_string(),
            };
            problems.push(format!(
                "member {m}: the recorded balance is {}, the ledger comes to {} (changed?)",
                show(kept),
                show(walked)
            ));
        }
    }
}

/// The seal the last write left: its MAC must verify with the key, and the
/// state it covers must be the store's: the ledger and audit log as walked,
/// the sealed tables as they are.
fn check_seal(
    db: Db,
    store_id: &str,
    key: Option<&Key>,
    ledger: (i64, &str),
    audit: (i64, &str),
    problems: &mut Vec<String>,
    notes: &mut Vec<String>,
) -> Result<()> {
    let Some(seal) = db.stored_seal()? else {
        if ledger.0 > 0 || audit.0 > 0 {
            problems.push(
                "the store has no seal: it was written behind merit's back (or not since sealing came: any merit write seals it)"
                    .into(),
            );
        }
        return Ok(());
    };
    let when = &seal.at;
    match key {
        None => notes.push(format!(
            "verify cannot check the seals: no key at {} (MERIT_KEY names one); the checks above hold",
            crate::seal::key_path().map(|p| p.display().to_string()).unwrap_or_default()
        )),
        Some(k) if seal.state.mac(store_id, &seal.at, k) != seal.mac => problems.push(
            "the seal does not verify with this key: the store's state was rewritten without the key (or sealed with another key)"
                .into(),
        ),
        Some(_) => {}
    }
    if (seal.state.ledger_entries, seal.state.ledger_hash.as_str()) != ledger {
        problems.push(format!(
            "the ledger (entries {}) is not the one sealed on {when} ({} entries): changed behind merit's back",
            ledger.0, seal.state.ledger_entries
        ));
    }
    if (seal.state.audit_entries, seal.state.audit_hash.as_str()) != audit {
        problems.push(format!(
            "the audit log (entries {}) is not the one sealed on {when} ({} entries): changed behind merit's back",
            audit.0, seal.state.audit_entries
        ));
    }
    let now = db.seal_state()?;
    for (i, (name, _)) in SEALED_TABLES.iter().enumerate() {
        if seal.state.tables.get(i) != now.tables.get(i) {
            problems.push(format!(
                "the {name} differ from those sealed on {when}: changed behind merit's back"
            ));
        }
    }
    Ok(())
}

/// Every decided award's status, decider and time are those its last
/// decision in the (sealed) audit log records.
fn check_decisions(db: Db, problems: &mut Vec<String>) -> Result<()> {
    let mut n = 0;
    db.each_decision(|(id, status, by, at, reason), found| {
        let found = found.as_ref();
        // The decision's audit entry ends with the rejection's reason.
        let reason_said = |detail: &str| match &reason {
            Some(r) => detail.ends_with(&format!(", reason: {r}")),
            None => !detail.contains(", reason: "),
        };
        let same = found.is_some_and(|(s, a, t, detail)| {
            *s == status && Some(a) == by.as_ref() && Some(t) == at.as_ref() && reason_said(detail)
        });
        if !same && n < 20 {
            n += 1;
            let said = match found {
                Some((s, a, t, _)) => format!("{s} by {a} at {t}"),
                None => "no decision".into(),
            };
            problems.push(format!(
                "award {id}: its decision ({status} by {} at {}) is not the one the audit log records ({said}): changed behind merit's back",
                by.unwrap_or_default(),
                at.unwrap_or_default()
            ));
        }
    })
}

/// The store against a sealed head: not shorter, and the same up to it.
fn check_checkpoint(
    what: &str,
    c: &Checkpoint,
    store_id: &str,
    key: Option<&Key>,
    ledger: (i64, &HashMap<i64, String>),
    audit: (i64, &HashMap<i64, String>),
    problems: &mut Vec<String>,
) {
    let day = c.at.get(..10).unwrap_or(&c.at);
    if c.store != store_id {
        problems.push(format!("{what} is of another store ({})", c.store));
        return;
    }
    if let Some(k) = key
        && !c.is_sealed_by(k)
    {
        problems.push(format!(
            "{what}: its seal does not verify with this key (forged?)"
        ));
        return;
    }
    for (name, (last, seen), (n, hash)) in [
        ("ledger", ledger, (c.ledger_entries, &c.ledger_hash)),
        ("audit log", audit, (c.audit_entries, &c.audit_hash)),
    ] {
        if n == 0 {
            continue;
        }
        if last < n {
            problems.push(format!(
                "the {name} has {last} entries; {what} of {day} sealed {n} (shortened, or an older copy of the store put back?)"
            ));
        } else if seen.get(&n) != Some(hash) {
            problems.push(format!(
                "the {name} diverges from {what} of {day} at or before entry {n} (rewritten?)"
            ));
        }
    }
}

/// `merit seal`: verifies the store (a store changed behind merit's back is
/// never sealed as it is), seals it afresh and writes the checkpoint to
/// `out` (and always beside the key).
pub fn seal(store: &mut Store, out: Option<&std::path::Path>) -> Result<Checkpoint> {
    verify(store)?;
    let c = store.write()?.commit_sealed()?;
    if let Some(path) = out {
        crate::seal::write_checkpoint(path, &c)?;
    }
    Ok(c)
}
