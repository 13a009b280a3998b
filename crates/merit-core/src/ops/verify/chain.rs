//! The ledger's walk along its hash chain: each entry following the one
//! before, each member's running balance, what was spendable when a
//! redemption was posted, and the balances kept beside the ledger.

use super::{MAX_LISTED, Verified};
use crate::domain::{Points, PostingKind, parse_any_date};
use crate::message::Msg;
use crate::msg;
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
    pub(super) notes: Vec<Msg>,
    /// Expiries that took a balance below 0 as the entries were posted:
    /// (id, member, date, balance after), each checked once the walk is
    /// done against the entries dated up to its own day.
    pub(super) expiries_below_0: Vec<(i64, String, String, i64)>,
    /// Debts past the first `MAX_LISTED`, counted.
    pub(super) more_notes: usize,
    /// Lengths checkpoints sealed, and the stored hashes found there.
    pub(super) wanted: Vec<i64>,
    pub(super) seen: HashMap<i64, String>,
}

impl Walk {
    pub(super) fn step(&mut self, row: ChainView, problems: &mut Vec<Msg>) {
        let id = row.id;
        if id % 1024 == 0 {
            crate::progress::advance(1024);
        }
        let mut say = |what: Msg| problems.push(msg!("verify-ledger-entry", id = id, what = what));
        self.check_link(row, &mut say);
        let points = Points::from_cents(row.points);
        self.check_spendable(row, points, &mut say);
        self.check_balance(row, points, &mut say);
        self.moved_to(row);
    }

    /// The entry follows the one before it: the next id, the previous
    /// entry's hash, and fields that come to its own hash.
    fn check_link(&self, row: ChainView, say: &mut impl FnMut(Msg)) {
        let id = row.id;
        let (expected_id, prev) = match &self.last {
            Some((last, hash)) => (last + 1, hash.as_str()),
            None => (1, GENESIS),
        };
        if id != expected_id {
            say(if id > expected_id {
                msg!(
                    "verify-missing-before",
                    n = id - expected_id,
                    from = expected_id,
                    to = id - 1
                )
            } else {
                msg!("verify-out-of-order", after = expected_id - 1)
            });
        }
        match (row.hash, row.prev_hash) {
            (None, _) | (_, None) => say(msg!("verify-no-hash")),
            (Some(_), Some(stored_prev)) => {
                if stored_prev != prev {
                    say(msg!("verify-does-not-follow"));
                } else if !row.hash_holds(prev) {
                    say(msg!("verify-fields-changed"));
                }
            }
        }
    }

    /// With expiry, a redemption spent no more than was spendable that day.
    fn check_spendable(&mut self, row: ChainView, points: Points, say: &mut impl FnMut(Msg)) {
        let kind = PostingKind::parse(row.kind);
        if self.expire_after_months.is_some() && kind.is_none() {
            say(msg!("verify-unknown-kind", kind = row.kind));
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
                    say(msg!(
                        "verify-spent-expired",
                        spent = -points,
                        member = row.member,
                        day = day,
                        could = could
                    ));
                }
            }
            so_far.push((day, kind, points));
        }
    }

    /// The member's running balance: as the entry says, and not taken
    /// below 0 by a redemption or an expiry (a debt by anything else is a
    /// note).
    fn check_balance(&mut self, row: ChainView, points: Points, say: &mut impl FnMut(Msg)) {
        let id = row.id;
        if !self.members.contains_key(row.member) {
            self.members.insert(row.member.to_string(), (0, id));
        }
        let (balance, last) = self.members.get_mut(row.member).expect("just put there");
        *last = id;
        let before = *balance;
        *balance += row.points;
        if row.balance_after != Some(*balance) {
            let should = Points::from_cents(*balance);
            say(match row.balance_after {
                Some(b) => msg!(
                    "verify-balance-after",
                    member = row.member,
                    should = should,
                    says = Points::from_cents(b)
                ),
                None => msg!(
                    "verify-balance-after-none",
                    member = row.member,
                    should = should
                ),
            });
            if let Some(b) = row.balance_after {
                *balance = b;
            }
        }
        if *balance < 0 && *balance < before {
            let to = Points::from_cents(*balance);
            let member = row.member;
            match row.kind {
                "redemption" => say(msg!("verify-overdrew", member = member, to = to)),
                // Posted after entries dated later (a penalty in the month
                // after the lot's last day), an expiry can take the running
                // balance below 0 and still be right: checked at its date
                // once the walk is done.
                "expiry" => self.expiries_below_0.push((
                    id,
                    member.to_string(),
                    row.date.to_string(),
                    *balance,
                )),
                _ if self.notes.len() >= MAX_LISTED => self.more_notes += 1,
                kind => {
                    let debt = msg!(
                        "verify-debt",
                        member = member,
                        to = to,
                        kind = kind,
                        points = points
                    );
                    self.notes
                        .push(msg!("verify-ledger-entry", id = id, what = debt));
                }
            }
        }
    }

    /// Each expiry that took a balance below 0 as posted, against the
    /// balance at its own date: the entries posted before it and dated up
    /// to its day. An expiry takes no more than what was left of the lots
    /// then, so that balance is never below 0.
    pub(super) fn check_expiries(
        &self,
        db: crate::store::Db,
        problems: &mut Vec<Msg>,
    ) -> crate::error::Result<()> {
        for (id, member, date, balance) in &self.expiries_below_0 {
            let later = db.posted_before_dated_after(member, *id, date)?;
            let at_its_date = balance - later;
            if at_its_date < 0 {
                let to = Points::from_cents(at_its_date);
                let what = msg!("verify-expiry-below-0", member = member.as_str(), to = to);
                problems.push(msg!("verify-ledger-entry", id = *id, what = what));
            }
        }
        Ok(())
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
    pub(super) fn verified(mut self, posted: (usize, usize), notes: Vec<Msg>) -> Verified {
        if self.more_notes > 0 {
            self.notes
                .push(msg!("verify-more-debts", n = self.more_notes));
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
        problems: &mut Vec<Msg>,
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
                Some((id, b)) => msg!(
                    "verify-balance-at",
                    points = Points::from_cents(b),
                    entry = id
                ),
                None => msg!("verify-no-balance"),
            };
            problems.push(msg!(
                "verify-recorded-balance",
                member = m,
                kept = show(kept),
                walked = show(walked)
            ));
        }
    }
}
