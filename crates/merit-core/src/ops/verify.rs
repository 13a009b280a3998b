//! `merit verify` (SPEC §9): walks the hash chain of the ledger, checks each
//! member's running balance, that no redemption overdrew one or spent
//! points past their last day and no expiry took one below 0, and that
//! every approved award and redemption is posted exactly once, and that
//! the month sums standings read are those of the awards. Reads only.
//!
//! It reads the ledger, the audit log and the decided awards through once
//! each, in streamed passes (the postings checked in the ledger's pass,
//! the decisions against a fingerprint of the log's last decision per
//! award), the audit log and SQLite's `quick_check` of every other table
//! on a second connection and core. SQLite finds a damaged page in the
//! walked tables as it reads them (`PRAGMA integrity_check` in the sqlite3
//! shell also checks their indexes against them).

mod postings;

use crate::domain::PostingKind;
use crate::domain::{Points, parse_any_date};
use crate::error::{Error, Result};
use crate::scoring::expiry::{Posted, spendable};
use crate::seal::{Checkpoint, Key};
use crate::store::{ChainView, Db, GENESIS, INPUT_TABLES, RowSum, Store};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
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
    verify_with(store, &[], Depth::Full)
}

/// How deep SQLite checks the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// `PRAGMA integrity_check`: every table, and every index against it.
    Full,
    /// `quick_check` of the tables not walked: indexes are not checked
    /// against their tables (`verify --quick`).
    Quick,
}

/// `verify`, also against the checkpoints in `checkpoints` (and always
/// the local one kept beside the key).
pub fn verify_with(store: &Store, checkpoints: &[PathBuf], depth: Depth) -> Result<Verified> {
    // Each try reads one state of the store on both connections; a write
    // between their starts shows as different heads, and the next try
    // starts from the state after it.
    for _ in 0..3 {
        if let Some(done) = verify_once(store, checkpoints, depth)? {
            return done;
        }
    }
    Err(Error::Failed(
        "the store kept changing while verify read it; run verify again when it is quiet".into(),
    ))
}

/// One try of `verify_with`: None when the two connections did not read
/// the same state of the store.
fn verify_once(
    store: &Store,
    checkpoints: &[PathBuf],
    depth: Depth,
) -> Result<Option<Result<Verified>>> {
    // One state of the store throughout: a write meanwhile is not seen.
    let snapshot = store.snapshot()?;
    let db = snapshot.db();
    let heads = Heads::read(db)?;
    let _work = crate::progress::Work::new(crate::progress::Task::Verifying, None);
    let mut problems: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    // The checkpoints to hold the store to, read first: the walks keep the
    // hashes at the lengths they sealed.
    let store_id = db.store_id()?;
    let key = crate::seal::load()?;
    let mut sealed: Vec<(String, Checkpoint)> = Vec::new();
    let seal_row = db.stored_seal()?;
    if !store_id.is_empty() {
        let local = crate::seal::local_checkpoint(&store_id, store.path())?;
        let what = format!("the local checkpoint ({})", local.display());
        match crate::seal::read_checkpoint_file(&local)? {
            crate::seal::CheckpointFile::Holds(c) => sealed.push((what, c)),
            crate::seal::CheckpointFile::Garbage => problems.push(format!(
                "{what} holds no merit checkpoint (damaged or replaced?)"
            )),
            // Checkpoints live beside the key: without one, there is no
            // telling where it would be.
            crate::seal::CheckpointFile::Missing if key.is_some() => {
                // Lost only where this key made the seal that says so.
                let here = crate::store::sealed_here(&store_id, store.path());
                let sealed_here = seal_row.as_ref().is_some_and(|s| {
                    s.sealed_on.as_deref() == Some(here.as_str())
                        && key.as_ref().is_some_and(|k| s.holds(&store_id, k))
                });
                if sealed_here {
                    problems.push(format!(
                        "{what} is missing, though the store was last sealed on this machine (removed?)"
                    ));
                }
            }
            crate::seal::CheckpointFile::Missing => {}
        }
    }
    for path in checkpoints {
        match crate::seal::read_checkpoint_file(path)? {
            crate::seal::CheckpointFile::Holds(c) => {
                sealed.push((format!("checkpoint {}", path.display()), c))
            }
            _ => problems.push(format!("{}: holds no merit checkpoint", path.display())),
        }
    }
    let mut walk = Walk {
        expire_after_months: db.rules()?.settings.expire_after_months,
        redeemers: db.redeemers()?,
        wanted: sealed.iter().map(|(_, c)| c.ledger_entries).collect(),
        ..Walk::default()
    };
    // The audit log on a second connection and core, while this one walks
    // the ledger, each entry beside the award it posts.
    let wanted_audit: Vec<i64> = sealed.iter().map(|(_, c)| c.audit_entries).collect();
    let path = store.path().to_path_buf();
    let audited = postings::Decisions::new(heads.max_award);
    let mut posted = postings::Postings::new(heads.max_award, audited.paired());
    let (audit, inputs) = std::thread::scope(|s| {
        let audit = s.spawn(|| walk_audit(&path, &wanted_audit, audited, depth));
        let inputs = s.spawn(|| read_inputs(&path));
        let ledger = db.each_posting(|row, award| {
            posted.step(&row, award.as_ref());
            walk.step(row, &mut problems);
            Ok(())
        });
        let audit = audit
            .join()
            .unwrap_or_else(|_| Err(Error::Failed("verify's audit walk failed".into())));
        let inputs = inputs.join().unwrap_or_else(|_| {
            Err(Error::Failed(
                "verify's reading of the inputs failed".into(),
            ))
        });
        ledger.and(audit).and_then(|a| Ok((a, inputs?)))
    })?;
    // A file SQLite finds damaged is said so, and nothing else.
    if audit.damaged != ["ok"] {
        let mut lines: Vec<String> = audit
            .damaged
            .iter()
            .take(5)
            .map(|l| format!("the store is damaged: SQLite reports: {l}"))
            .collect();
        lines.push("restore it from a backup; nothing else was checked".into());
        return Err(Error::Broken(lines));
    }
    if audit.heads != heads || inputs.heads != heads {
        return Ok(None);
    }
    if !inputs.bad_text.is_empty() {
        let mut lines: Vec<String> = inputs
            .bad_text
            .iter()
            .take(5)
            .map(|l| format!("the store is damaged: {l}"))
            .collect();
        lines.push("restore it from a backup; nothing else was checked".into());
        return Err(Error::Broken(lines));
    }
    let AuditWalk {
        decisions,
        problems: audit_problems,
        seen: audit_seen,
        last: audit_last,
        hash: audit_hash,
        ..
    } = audit;
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
    let checked = posted.finish(db, &decisions)?;
    problems.extend(checked.postings);
    problems.extend(audit_problems);
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
    problems.extend(inputs.differ(db)?);
    if let Some((n, day, by)) = db.fixed_date_writes()? {
        let writes = if n == 1 { "write" } else { "writes" };
        notes.push(format!(
            "{n} {writes} made with a fixed date, latest {day}, by {by}"
        ));
    }
    if depth == Depth::Quick {
        notes.push(
            "verify --quick did not check the indexes against their tables (merit verify does)"
                .into(),
        );
    }
    problems.extend(checked.decisions);
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
    if walk.more_notes > 0 {
        walk.notes.push(format!(
            "… and {} more balances that went below 0",
            walk.more_notes
        ));
    }
    if problems.is_empty() {
        return Ok(Some(Ok(Verified {
            entries: walk.entries,
            members: walk.members.len(),
            awards_posted: checked.awards,
            redemptions_posted: checked.redemptions,
            notes: walk.notes.into_iter().chain(notes).collect(),
        })));
    }
    let n = problems.len();
    problems.truncate(MAX_LISTED);
    if n > MAX_LISTED {
        problems.push(format!("… and {} more problems", n - MAX_LISTED));
    }
    Ok(Some(Err(Error::Broken(problems))))
}

/// What a walk of the store starts from: equal on two connections, they
/// read one state of it.
#[derive(Debug, PartialEq, Eq)]
struct Heads {
    ledger: Option<(i64, String)>,
    audit: Option<(i64, String)>,
    max_award: i64,
}

impl Heads {
    fn read(db: Db) -> Result<Heads> {
        Ok(Heads {
            ledger: db.ledger_head()?,
            audit: db.audit_head()?,
            max_award: db.max_award_id()?,
        })
    }
}

/// The audit log as walked on its own connection.
struct AuditWalk {
    heads: Heads,
    /// SQLite's check of the tables not walked: `["ok"]` or the damage.
    damaged: Vec<String>,
    decisions: postings::Decisions,
    problems: Vec<String>,
    seen: HashMap<i64, String>,
    last: i64,
    hash: String,
}

/// Checks the tables `verify` does not walk and walks the audit chain, of
/// the store at `path` on a reader connection of its own, keeping each
/// award's last decision in `decisions`.
fn walk_audit(
    path: &std::path::Path,
    wanted: &[i64],
    mut decisions: postings::Decisions,
    depth: Depth,
) -> Result<AuditWalk> {
    let reader = Store::open_reader(path)?;
    let snapshot = reader.snapshot()?;
    let db = snapshot.db();
    let heads = Heads::read(db)?;
    // The tables walked report a damaged page as they are read; SQLite
    // checks the others (the activities the largest) on this core.
    let damaged = match depth {
        Depth::Full => db.integrity_check()?,
        Depth::Quick => db.quick_check_besides(&["ledger", "audit", "awards"])?,
    };
    // The month sums standings read, against the awards.
    let mut problems = if damaged == ["ok"] {
        db.month_sums_differ(MAX_LISTED)?
    } else {
        Vec::new()
    };
    let mut seen = HashMap::new();
    let (last, hash) = db.walk_audit(
        &mut problems,
        wanted,
        &mut seen,
        |award, action, actor, at, detail| decisions.audited(award, action, actor, at, detail),
    )?;
    Ok(AuditWalk {
        heads,
        damaged,
        decisions,
        problems,
        seen,
        last,
        hash,
    })
}

/// The state of a walk along the chain.
#[derive(Default)]
struct Walk {
    entries: usize,
    /// The last entry's id and stored hash.
    last: Option<(i64, String)>,
    /// Each member's (balance, last entry) so far.
    members: rustc_hash::FxHashMap<String, (i64, i64)>,
    /// With expiry: the entries so far (date, kind, points) of each member
    /// who has asked for a redemption, to know what was spendable when one
    /// was posted. A redemption entry of anyone else is not one of theirs,
    /// and the postings check names it.
    expire_after_months: Option<u32>,
    redeemers: HashSet<String>,
    entries_of: HashMap<String, Vec<(NaiveDate, PostingKind, Points)>>,
    notes: Vec<String>,
    /// Debts past the first `MAX_LISTED`, counted.
    more_notes: usize,
    /// Lengths checkpoints sealed, and the stored hashes found there.
    wanted: Vec<i64>,
    seen: HashMap<i64, String>,
}

impl Walk {
    fn step(&mut self, row: ChainView, problems: &mut Vec<String>) {
        let id = row.id;
        if id % 1024 == 0 {
            crate::progress::advance(1024);
        }
        let (expected_id, prev) = match &self.last {
            Some((last, hash)) => (last + 1, hash.as_str()),
            None => (1, GENESIS),
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
        match (row.hash, row.prev_hash) {
            (None, _) | (_, None) => {
                say("has no hash: it was not written by merit (inserted?)".into())
            }
            (Some(_), Some(stored_prev)) => {
                if stored_prev != prev {
                    say("does not follow the entry before it in the chain (an entry was removed or inserted?)".into());
                } else if !row.hash_holds(prev) {
                    say("its fields do not match its hash (changed after it was written?)".into());
                }
            }
        }
        let points = Points::from_cents(row.points);
        let kind = PostingKind::parse(row.kind);
        if self.expire_after_months.is_some() && kind.is_none() {
            say(format!("an entry of unknown kind '{}'", row.kind));
        }
        if let (Some(months), Some(kind), true) = (
            self.expire_after_months,
            kind,
            self.redeemers.contains(row.member),
        ) && let Ok(day) = parse_any_date(row.date)
        {
            if !self.entries_of.contains_key(row.member) {
                self.entries_of.insert(row.member.to_string(), Vec::new());
            }
            let so_far = self.entries_of.get_mut(row.member).expect("just put there");
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
            so_far.push((day, kind, points));
        }
        if !self.members.contains_key(row.member) {
            self.members.insert(row.member.to_string(), (0, id));
        }
        let (balance, last) = self.members.get_mut(row.member).expect("just put there");
        *last = id;
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
            match row.kind {
                "redemption" => say(format!(
                    "the redemption overdrew {}'s balance (to {to})",
                    row.member
                )),
                "expiry" => say(format!(
                    "the expiry took {}'s balance below 0 (to {to}): points were spent after their last day",
                    row.member
                )),
                _ if self.notes.len() >= MAX_LISTED => self.more_notes += 1,
                kind => self.notes.push(format!(
                    "ledger entry {id}: {}'s balance went below 0 (to {to}) by a {kind} of {points}: a debt the next points pay first",
                    row.member
                )),
            }
        }
        let hash = row.hash.unwrap_or_default();
        if self.wanted.contains(&id) {
            self.seen.insert(id, hash.to_string());
        }
        self.entries += 1;
        match &mut self.last {
            Some((last, kept)) => {
                *last = id;
                kept.clear();
                kept.push_str(hash);
            }
            None => self.last = Some((id, hash.to_string())),
        }
    }

    /// The balances kept beside the ledger (what `balance` and the next
    /// posting read) must be where the walk ended.
    fn compare_recorded(&self, recorded: &HashMap<String, (i64, i64)>, problems: &mut Vec<String>) {
        let mut members: Vec<&String> = self.members.keys().chain(recorded.keys()).collect();
        members.sort();
        members.dedup();
        for m in members {
            let walked = self.members.get(m).map(|(balance, id)| (*id, *balance));
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
        Some(k) if !seal.holds(store_id, k) => problems.push(
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
    for name in now.differing(&seal.state) {
        problems.push(format!(
            "the {name} differ from those sealed on {when}: changed behind merit's back"
        ));
    }
    Ok(())
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
/// `out` (and always beside the key; a checkpoint that cannot be written
/// there fails it).
pub fn seal(store: &mut Store, out: Option<&std::path::Path>) -> Result<Checkpoint> {
    verify(store)?;
    let c = store.write()?.commit_sealed()?;
    if let Some(path) = out {
        crate::seal::write_checkpoint(path, &c)?;
    }
    Ok(c)
}

/// What `merit seal --accept` did.
#[derive(Debug)]
pub struct Accepted {
    /// What differed from the last seal (empty: nothing did).
    pub differences: Vec<String>,
    /// Where the earlier local checkpoint was kept, if there was one.
    pub kept: Option<PathBuf>,
    pub checkpoint: Checkpoint,
}

/// `merit seal --accept --reason TEXT`: reseals the store as it is, after
/// a change outside merit the lead has looked at. The earlier checkpoint
/// is kept beside the new one, and an audit entry names both and why.
pub fn accept(
    store: &mut Store,
    ctx: &super::Context,
    reason: &str,
    out: Option<&std::path::Path>,
) -> Result<Accepted> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::Usage(
            "--reason: say why the store is accepted as it is".into(),
        ));
    }
    let key = crate::seal::load_or_create()?;
    let (differences, earlier, store_id) = {
        let db = store.db();
        let mut differences = db.seal_differences(Some(&key), store.path())?;
        // What only a full read sees, as verify says it: accepted too, so
        // named here and in the audit entry.
        for name in db.input_differences()? {
            differences.push(format!(
                "the {name} differ from those merit wrote (their digest)"
            ));
        }
        (differences, db.stored_seal()?, db.store_id()?)
    };
    let now = ctx.now();
    let local = crate::seal::local_checkpoint(&store_id, store.path())?;
    let kept = crate::seal::keep_replaced_checkpoint(&local, &now)?;
    let tx = store.write_accepting()?;
    tx.accept_inputs_as_they_are()?;
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
    let differed = if differences.is_empty() {
        "nothing differed".to_string()
    } else {
        differences.join("; ")
    };
    tx.audit(
        &now,
        &ctx.actor,
        "seal accepted",
        &format!(
            "reason: {reason}; replaced {earlier}; {kept_text}; the new checkpoint at {}; differed: {differed}",
            local.display()
        ),
    )?;
    let checkpoint = tx.commit_sealed()?;
    if let Some(path) = out {
        crate::seal::write_checkpoint(path, &checkpoint)?;
    }
    Ok(Accepted {
        differences,
        kept,
        checkpoint,
    })
}

/// The inputs as `verify` read them on a connection of its own: each
/// table's rows summed, and any text SQLite holds that is not UTF-8 there
/// or in the tables merit reads as text.
struct Inputs {
    heads: Heads,
    sums: Vec<RowSum>,
    bad_text: Vec<String>,
}

impl Inputs {
    /// The inputs whose rows no longer come to the digests kept.
    fn differ(&self, db: Db) -> Result<Vec<String>> {
        let kept = db.kept_input_digests()?;
        Ok(INPUT_TABLES
            .iter()
            .zip(&self.sums)
            .zip(kept)
            .filter(|((_, sum), kept)| RowSum::parse(kept) != Some(**sum))
            .map(|(((name, _), _), _)| {
                format!(
                    "the {name} differ from those merit wrote (their digest): changed behind merit's back"
                )
            })
            .collect())
    }
}

/// Tables read as text whose every cell `verify` checks is UTF-8 (the
/// ledger and the audit log are checked as they are walked).
const TEXT_TABLES: [&str; 9] = [
    "awards",
    "rules",
    "rewards",
    "redemptions",
    "reward_limits",
    "disputes",
    "closed_periods",
    "settings",
    "member_balances",
];

fn read_inputs(path: &std::path::Path) -> Result<Inputs> {
    let reader = Store::open_reader(path)?;
    let snapshot = reader.snapshot()?;
    let db = snapshot.db();
    let heads = Heads::read(db)?;
    let mut bad_text = Vec::new();
    let mut sums = Vec::new();
    for (_, table) in INPUT_TABLES {
        let mut row = 0usize;
        let sum = db.sum_rows(table, |cells| {
            row += 1;
            if bad_text.len() < 5 && cells.iter().any(not_utf8) {
                bad_text.push(format!(
                    "a row of {table} holds text that is not UTF-8 (row {row})"
                ));
            }
        })?;
        sums.push(sum);
    }
    for table in TEXT_TABLES {
        if let Some(rowid) = db.first_row_not_utf8(table)? {
            bad_text.push(format!("{table} row {rowid} holds text that is not UTF-8"));
        }
    }
    Ok(Inputs {
        heads,
        sums,
        bad_text,
    })
}

fn not_utf8(cell: &rusqlite::types::ValueRef<'_>) -> bool {
    matches!(cell, rusqlite::types::ValueRef::Text(t) if std::str::from_utf8(t).is_err())
}
