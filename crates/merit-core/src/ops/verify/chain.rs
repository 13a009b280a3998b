//! The ledger's walk along its hash chain: each entry following the one
//! before, each member's running balance, what was spendable when a
//! redemption was posted, and the balances kept beside the ledger.

use super::{MAX_LISTED, Verified};
use crate::domain::{Points, PostingKind, parse_any_date};
use crate::scoring::expiry::{Posted, spendable};
use crate::store::{ChainView, GENESIS};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// The state of a walk along the chain.
#[derive(Default)]
pub(super) struct Walk {
    pub(super) entries: usize,
    /// The last entry's id and stored hash.
    pub(super) last: Option<(i64, String)>,
    /// Each member's (balance, last entry) so far.
    pub(super) members: rustc_hash::FxHashMap<String, (i64, i64)>,
    /// With expiry: the entries so far (date, kind, points) of each member
    /// who has asked for a redemption, to know what was spendable when one
    /// was posted. A redemption entry of anyone else is not one of theirs,
    /// and the postings check names it.
    pub(super) expire_after_months: Option<u32>,
    pub(super) redeemers: HashSet<String>,
    pub(super) entries_of: HashMap<String, Vec<(NaiveDate, PostingKind, Points)>>,
    pub(super) notes: Vec<String>,
    /// Debts past the first `MAX_LISTED`, counted.
    pub(super) more_notes: usize,
    /// Lengths checkpoints sealed, and the stored hashes found there.
    pub(super) wanted: Vec<i64>,
    pub(super) seen: HashMap<i64, String>,
}

impl Walk {
    pub(super) fn step(&mut self, row: ChainView, problems: &mut Vec<String>) {
        let id = row.id;
        if id % 1024 == 0 {
            crate::progress::advance(1024);
        }
        let mut say = |what: String| problems.push(format!("ledger entry {id}: {what}"));
        self.check_link(row, &mut say);
        let points = Points::from_cents(row.points);
        self.check_spendable(row, points, &mut say);
        self.check_balance(row, points, &mut say);
        self.moved_to(row);
    }

    /// The entry follows the one before it: the next id, the previous
    /// entry's hash, and fields that come to its own hash.
    fn check_link(&self, row: ChainView, say: &mut impl FnMut(String)) {
        let id = row.id;
        let (expected_id, prev) = match &self.last {
            Some((last, hash)) => (last + 1, hash.as_str()),
            None => (1, GENESIS),
        };
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
    }

    /// With expiry, a redemption spent no more than was spendable that day.
    fn check_spendable(&mut self, row: ChainView, points: Points, say: &mut impl FnMut(String)) {
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
    }

    /// The member's running balance: as the entry says, and not taken
    /// below 0 by a redemption or an expiry (a debt by anything else is a
    /// note).
    fn check_balance(&mut self, row: ChainView, points: Points, say: &mut impl FnMut(String)) {
        let id = row.id;
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
    }

    /// The walk's head moves to the entry; a hash a checkpoint sealed is kept.
    fn moved_to(&mut self, row: ChainView) {
        let id = row.id;
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

    /// The last entry walked and its hash (0 and the genesis hash for an
    /// empty ledger).
    pub(super) fn head(&self) -> (i64, String) {
        self.last.clone().unwrap_or((0, GENESIS.to_string()))
    }

    /// What the walk counted, with the awards and redemptions found
    /// posted, its notes before `notes`.
    pub(super) fn verified(mut self, posted: (usize, usize), notes: Vec<String>) -> Verified {
        if self.more_notes > 0 {
            self.notes.push(format!(
                "… and {} more balances that went below 0",
                self.more_notes
            ));
        }
        Verified {
            entries: self.entries,
            members: self.members.len(),
            awards_posted: posted.0,
            redemptions_posted: posted.1,
            notes: self.notes.into_iter().chain(notes).collect(),
        }
    }

    /// The balances kept beside the ledger (what `balance` and the next
    /// posting read) must be where the walk ended.
    pub(super) fn compare_recorded(
        &self,
        recorded: &HashMap<String, (i64, i64)>,
        problems: &mut Vec<String>,
    ) {
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
