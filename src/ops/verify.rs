//! `merit verify` (SPEC §9): walks the hash chain of the ledger, checks each
//! member's running balance, that no redemption overdrew one or spent
//! points past their last day and no expiry took one below 0, and that
//! every approved award and redemption is posted exactly once. Reads only.

use crate::domain::{Points, parse_any_date};
use crate::error::{Error, Result};
use crate::scoring::expiry::{Posted, spendable};
use crate::store::{ChainRow, GENESIS, Store};
use chrono::NaiveDate;
use std::collections::HashMap;

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
    let db = store.db();
    let mut problems: Vec<String> = Vec::new();
    let mut walk = Walk {
        expire_after_months: db.rules()?.settings.expire_after_months,
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
    if problems.is_empty() {
        return Ok(Verified {
            entries: walk.entries,
            members: walk.balances.len(),
            awards_posted: postings.awards,
            redemptions_posted: postings.redemptions,
            notes: walk.notes,
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
    entries_of: HashMap<String, Vec<(NaiveDate, String, Points)>>,
    notes: Vec<String>,
}

impl Walk {
    fn step(&mut self, row: &ChainRow, problems: &mut Vec<String>) {
        let id = row.id;
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
                    .map(|(date, kind, points)| Posted {
                        date: *date,
                        kind,
                        points: *points,
                    })
                    .collect();
                let could = spendable(&posted, Some(months), day);
                if -points > could {
                    say(format!(
                        "the redemption spent {} of {}'s points on {day}, when {could} were spendable (points past their last day spent?)",
                        -points, row.member
                    ));
                }
            }
            so_far.push((day, row.kind.clone(), points));
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
